//! Progress on a fixture site: statuses as a reader sees them, late and overdue reports, a
//! revision with and without its reason, TOML and CSV giving the same site, the Atom feeds, and
//! the illustrative label wherever illustrative figures are shown.

use crate::rules::rejected;
use crate::{build, copy_fixture, edit, fixture, read, run, visible_text};
use std::path::Path;

const VQ: &str = "plans/van-quan-2021-2025";

fn text(out: &Path, page: &str) -> String {
    visible_text(&read(out, page))
}

#[test]
fn each_target_shows_its_status_and_how_it_was_reached() {
    let (_t, out) = build(&fixture("progress"));
    let poverty = text(&out, &format!("{VQ}/targets/poverty.html"));
    assert!(poverty.contains("Trạng thái Đúng tiến độ"), "{poverty}");
    assert!(
        poverty.contains("Từ 20% (31/12/2021) đến 11,0% (31/12/2023): thay đổi bình quân 4,50 điểm phần trăm mỗi năm theo hướng yêu cầu, so với mức yêu cầu 4,5 điểm phần trăm mỗi năm."),
        "{poverty}"
    );
    let jobs = text(&out, &format!("en/{VQ}/targets/jobs.html"));
    assert!(jobs.contains("Status Needs acceleration"), "{jobs}");
    assert!(
        jobs.contains(
            "The latest year: 800 workers (as of 31 Dec 2023), against ≥ 1,000 workers a year."
        ),
        "{jobs}"
    );
    assert!(
        jobs.contains("The latest year reached 0.80 of the yearly figure"),
        "{jobs}"
    );
    let water = text(&out, &format!("en/{VQ}/targets/water.html"));
    assert!(water.contains("Status Achieved"), "{water}");
    assert!(
        water.contains("The latest value, 99.8% (as of 31 Dec 2023), meets the target ≥ 99.7%."),
        "{water}"
    );
    let income = text(&out, &format!("{VQ}/targets/income.html"));
    assert!(income.contains("Đã đạt"), "{income}");
    let culture = text(&out, &format!("en/{VQ}/targets/culture.html"));
    assert!(culture.contains("Status On track"), "{culture}");
    assert!(
        culture.contains("A qualitative target is not computed"),
        "{culture}"
    );
    // The plan page lists them with their status and counts them on its first screen.
    let plan = text(&out, &format!("{VQ}.html"));
    assert!(
        plan.contains("Tiến độ thực hiện 2 đã đạt 2 đúng tiến độ 1 cần tăng tốc / 5 chỉ tiêu"),
        "{plan}"
    );
}

#[test]
fn a_target_chart_shows_values_and_target_with_a_title_for_screen_readers() {
    let (_t, out) = build(&fixture("progress"));
    let page = read(&out, &format!("en/{VQ}/targets/poverty.html"));
    let svg = &page[page.find("<svg").expect("a chart")..page.find("</svg>").unwrap()];
    assert!(
        svg.contains(r#"role="img""#) && svg.contains("<title>Poverty rate</title>"),
        "{svg}"
    );
    assert!(svg.contains("<desc>Values from 20% (31 Dec 2021) to 11.0% (31 Dec 2023); the target for 2025: decrease by ≥ 4.5% a year. Status: On track.</desc>"), "{svg}");
    assert!(
        svg.contains("lower is better"),
        "a decrease says which way is better"
    );
    // The figures are in the table too.
    let t = visible_text(&page);
    assert!(t.contains("31 Dec 2023 11.0%"), "{t}");
}

#[test]
fn reports_late_and_overdue_are_shown_on_the_plan_and_agency_pages() {
    let (_t, out) = build(&fixture("progress"));
    let plan = text(&out, &format!("{VQ}.html"));
    assert!(
        plan.contains("Báo cáo: 1 quá hạn chưa nộp 1 nộp muộn"),
        "{plan}"
    );
    assert!(
        plan.contains("Báo cáo năm 2023 UBND huyện Văn Quan 25/01/2024 Nộp muộn 16 ngày"),
        "{plan}"
    );
    assert!(
        plan.contains("Báo cáo năm 2024 UBND huyện Văn Quan 25/01/2025 Quá hạn 35 ngày, chưa nộp"),
        "{plan}"
    );
    let agency = text(&out, "en/agencies/van-quan-ubnd.html");
    assert!(
        agency.contains("Reports due ✓") || agency.contains("Reports due On time"),
        "{agency}"
    );
    assert!(
        agency.contains("16 days late Annual report 2023"),
        "{agency}"
    );
    assert!(
        agency.contains("Overdue by 35 days Annual report 2024"),
        "{agency}"
    );
    let report = text(&out, &format!("{VQ}/reports/nam-2023.html"));
    assert!(
        report.contains(
            "Nộp muộn 16 ngày (hạn nộp 25/01/2024 ; căn cứ của hạn: lịch không ghi căn cứ )"
        ),
        "{report}"
    );
}

#[test]
fn a_revision_shows_the_old_value_the_new_one_and_the_reason() {
    let (_t, out) = build(&fixture("progress"));
    let report = text(&out, &format!("{VQ}/reports/nam-2023.html"));
    assert!(
        report.contains(
            "Tỷ lệ hộ nghèo (31/12/2022): 15,5% → 16,0% . Lý do: Số liệu rà soát chính thức của tỉnh"
        ),
        "{report}"
    );
    assert!(
        report.contains("Dự án 1: Đất ở, nhà ở · Vốn đã giải ngân 2022 · Ngân sách trung ương · vốn đầu tư phát triển (31/12/2022): 4.000 triệu đồng → 4.200 triệu đồng"),
        "a money revision names its line: {report}"
    );
    let target = text(&out, &format!("{VQ}/targets/poverty.html"));
    assert!(
        target.contains("16,0% đã sửa từ 15,5%: Số liệu rà soát chính thức của tỉnh"),
        "{target}"
    );
    // What changed since the previous report.
    assert!(report.contains("Chỉ tiêu đổi trạng thái"), "{report}");
    assert!(
        report.contains("Việc làm mới : Đã đạt → Cần tăng tốc"),
        "{report}"
    );
}

#[test]
fn a_figure_changed_without_a_reason_is_refused() {
    let (_tmp, content) = copy_fixture("progress");
    let r = format!("{VQ}/reports/nam-2023.toml");
    edit(&content, &r, "reason = { vi = \"Số liệu rà soát chính thức của tỉnh\", en = \"The province's official review figures\" }\n", "");
    rejected(
        &content,
        &["nam-2023.toml:11:1: this changes the value of target `poverty` for 2022-12-31 from 15,5 (report `nam-2022`) to 16,0 without saying why: add `reason`"],
    );
}

/// The 2023 report with its values and money in CSV files instead of TOML.
fn as_csv(content: &Path) {
    let dir = content.join(VQ).join("reports");
    std::fs::write(
        dir.join("nam-2023.toml"),
        "illustrative = true\nkind = \"year\"\nperiod = \"2023\"\npublished = \"2024-02-10\"\nagency = \"van-quan-ubnd\"\n\n\
         [[output]]\nproject = \"du-an-1\"\nquantity = \"nha-o\"\ndone = \"150\"\n\n\
         [[task]]\nproject = \"du-an-4\"\nstatus = \"delayed\"\nreason = { vi = \"Chậm giải phóng mặt bằng\", en = \"Land clearance is late\" }\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("nam-2023.values.csv"),
        "\u{feff}target;value;reference_value;as_of;reason_vi;reason_en\r\n\
         poverty;11,0;;;;\r\n\
         poverty;16,0;;2022-12-31;Số liệu rà soát chính thức của tỉnh;The province's official review figures\r\n\
         water;99,8;;;;\r\n\
         jobs;800;;;;\r\n\
         income;36;64;;;\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("nam-2023.money.csv"),
        "project,source,capital,year,phase,amount,as_of,reason\n\
         du-an-1,central,investment,2023,allocated,12.000,,\n\
         du-an-1,central,investment,2023,disbursed,9.000,,\n\
         du-an-1,central,investment,2022,disbursed,4.200,2022-12-31,Bổ sung chứng từ thanh toán cuối năm\n",
    )
    .unwrap();
}

#[test]
fn toml_and_csv_for_the_same_report_give_the_same_site() {
    // The same 2023 report in TOML (its breakdown, which has no CSV form, left out) and in CSV.
    let (_tmp1, toml_content) = copy_fixture("progress");
    let r = format!("{VQ}/reports/nam-2023.toml");
    edit(&toml_content, &r, "[[value.breakdown]]\nby = \"commune\"\nname = \"xã Tràng Phái\"\nvalue = \"300\"\n[[value.breakdown]]\nby = \"commune\"\nname = \"xã Văn An\"\nvalue = \"500\"\n", "");
    let (_a, toml_out) = build(&toml_content);
    let (_tmp2, csv_content) = copy_fixture("progress");
    as_csv(&csv_content);
    let (_b, csv_out) = build(&csv_content);
    let files: Vec<_> = walkdir::WalkDir::new(&toml_out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != "manifest.json")
        .collect();
    assert!(files.len() > 50);
    for f in files {
        let rel = f.path().strip_prefix(&toml_out).unwrap();
        let a = std::fs::read(f.path()).unwrap();
        let b = std::fs::read(csv_out.join(rel)).unwrap_or_default();
        assert!(
            a == b,
            "{} differs between the TOML and the CSV site",
            rel.display()
        );
    }
}

#[test]
fn a_bad_csv_table_is_reported_at_its_row_and_column() {
    let (_tmp, content) = copy_fixture("progress");
    as_csv(&content);
    let v = content.join(VQ).join("reports/nam-2023.values.csv");
    let text = std::fs::read_to_string(&v)
        .unwrap()
        .replace("reason_en", "reson_en")
        .replace("jobs;800", "job;800");
    std::fs::write(&v, text).unwrap();
    rejected(
        &content,
        &[
            "nam-2023.values.csv:1:",
            "unknown column `reson_en`; did you mean `reason_en`?",
        ],
    );
    let text = std::fs::read_to_string(&v)
        .unwrap()
        .replace("reson_en", "reason_en");
    std::fs::write(&v, text).unwrap();
    rejected(&content, &["nam-2023.values.csv:5:1: target = \"job\": the plan has no target with this id; did you mean `jobs`?"]);
}

#[test]
fn a_feed_holds_the_newest_hundred_entries() {
    let (_t, content) = copy_fixture("progress");
    let plan = content.join("plans/van-quan-2021-2025");
    // 30 copies of a plan with two reports and two revisions: 124 entries in all.
    for n in 0..30 {
        crate::copy_dir(&plan, &content.join(format!("plans/ban-sao-{n:02}")));
    }
    // One copy's later report is published last: it must lead the feed.
    crate::edit(
        &content,
        "plans/ban-sao-07/reports/nam-2023.toml",
        "published = \"2024-02-10\"",
        "published = \"2024-02-20\"",
    );
    let (_t2, out) = build(&content);
    let xml = read(&out, "feed.xml");
    let feed = feed_rs::parser::parse(xml.as_bytes()).unwrap();
    assert_eq!(feed.entries.len(), 100);
    let days: Vec<_> = feed.entries.iter().map(|e| e.updated.unwrap()).collect();
    assert!(
        days.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {days:?}"
    );
    assert!(
        feed.entries[0].links[0]
            .href
            .contains("ban-sao-07/reports/nam-2023"),
        "{:?}",
        feed.entries[0].links
    );
}

#[test]
fn the_feeds_are_atom_with_every_report_and_revision() {
    let (_t, out) = build(&fixture("progress"));
    for (path, lang) in [("feed.xml", "vi"), ("en/feed.xml", "en")] {
        let xml = read(&out, path);
        let feed = feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
        assert_eq!(feed.language.as_deref(), Some(lang));
        // Two reports and two revisions, newest first.
        assert_eq!(feed.entries.len(), 4, "{xml}");
        let titles: Vec<String> = feed
            .entries
            .iter()
            .map(|e| e.title.as_ref().unwrap().content.clone())
            .collect();
        assert!(titles[0].contains("2023"), "{titles:?}");
        assert!(feed
            .entries
            .iter()
            .all(|e| !e.links.is_empty() && e.updated.is_some()));
        assert!(
            xml.contains("Illustrative data") || xml.contains("Dữ liệu minh họa"),
            "{xml}"
        );
    }
    // With a base URL the links are absolute.
    let tmp = tempfile::tempdir().unwrap();
    let o = tmp.path().join("site");
    let (code, _, err) = run(&[
        "build",
        "--content",
        fixture("progress").to_str().unwrap(),
        "--output",
        o.to_str().unwrap(),
        "--base-url",
        "https://ex.org/kh/",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(read(&o, "feed.xml")
        .contains(r#"href="https://ex.org/kh/plans/van-quan-2021-2025/reports/nam-2023.html""#));
}

#[test]
fn the_illustrative_label_is_on_every_page_with_illustrative_figures_and_only_there() {
    let (_t, out) = build(&fixture("progress"));
    let label = "Dữ liệu minh họa — không phải số liệu chính thức";
    let en_label = "Illustrative data — not official figures";
    let mut with = vec![
        format!("{VQ}.html"),
        format!("{VQ}/du-an-1.html"),
        format!("{VQ}/reports/nam-2022.html"),
        format!("{VQ}/reports/nam-2023.html"),
        "progress.html".into(),
        "agencies/van-quan-ubnd.html".into(),
        // The home page's cards show targets by status.
        "index.html".into(),
    ];
    with.extend(
        ["poverty", "water", "jobs", "income", "culture"].map(|t| format!("{VQ}/targets/{t}.html")),
    );
    for page in &with {
        assert!(read(&out, page).contains(label), "{page} lacks the label");
        assert!(
            read(&out, &format!("en/{page}")).contains(en_label),
            "en/{page} lacks the label"
        );
    }
    for page in [
        "plans/dai-tu-2022.html",
        "agencies/dai-tu-phong-dan-toc.html",
        "plans/dai-tu-2022/du-an-1.html",
    ] {
        assert!(
            !read(&out, page).contains(label),
            "{page} shows no progress but has the label"
        );
    }
}

#[test]
fn progress_figures_for_things_the_plan_does_not_have_are_refused() {
    let (_tmp, content) = copy_fixture("progress");
    let r = format!("{VQ}/reports/nam-2022.toml");
    edit(&content, &r, "target = \"water\"", "target = \"watr\"");
    edit(&content, &r, "project = \"du-an-1\"\nsource = \"central\"\ncapital = \"investment\"\nyear = 2022\nphase = \"allocated\"", "project = \"du-an-1\"\nsource = \"local\"\ncapital = \"investment\"\nyear = 2022\nphase = \"allocated\"");
    edit(&content, &r, "quantity = \"nha-o\"", "quantity = \"nha\"");
    edit(&content, &r, "task = 1", "task = 7");
    rejected(
        &content,
        &[
            "target = \"watr\": the plan has no target with this id; did you mean `water`?",
            "project `du-an-1` has no budget line for local · investment: it has budget lines for central · investment, central · recurrent",
            "quantity = \"nha\": project `du-an-1` has no promised output with this id; did you mean `nha-o`?",
            "task = 7: project `du-an-1` lists 2 tasks",
        ],
    );
}

#[test]
fn impossible_dates_units_and_figures_in_reports_are_refused() {
    let (_tmp, content) = copy_fixture("progress");
    let r = format!("{VQ}/reports/nam-2022.toml");
    edit(&content, &r, "period = \"2022\"", "period = \"2027\"");
    edit(
        &content,
        &r,
        "value = \"98,0\"",
        "value = \"98,0\"\nunit = \"người\"\nas_of = \"2023-06-01\"",
    );
    edit(&content, &r, "value = \"15,5\"", "value = \"105\"");
    let r2 = format!("{VQ}/reports/nam-2023.toml");
    edit(
        &content,
        &r2,
        "value = \"800\"",
        "value = \"800\"\n\n[[value]]\ntarget = \"jobs\"\nvalue = \"900\"",
    );
    edit(
        &content,
        &r2,
        "phase = \"disbursed\"\namount = \"9.000\"",
        "phase = \"disbursed\"\namount = \"19.000\"",
    );
    let err = rejected(
        &content,
        &[
            "period = \"2027\" is outside the plan period 2021–2025",
            "unit = \"người\" is not the unit of target `water` (\"%\")",
            "as_of = \"2023-06-01\" is after the report's publication (2023-01-20)",
            "target `poverty`: 105% is over 100%",
            "the value of target `jobs` for 2023-12-31 is given twice in this report with different values",
        ],
    );
    assert!(
        err.contains("warning: ")
            && err.contains("disbursed 19.000 million VND (du-an-1, central · investment, 2023, as of 2023-12-31) is more than the 12.000 million VND allocated to that line for 2023 in report `nam-2023` (as of 2023-12-31)"),
        "{err}"
    );
}

#[test]
fn reports_that_overlap_or_a_calendar_without_the_sites_date_are_refused() {
    let (_tmp, content) = copy_fixture("progress");
    let dir = content.join(VQ).join("reports");
    std::fs::copy(dir.join("nam-2022.toml"), dir.join("nam-2022-lai.toml")).unwrap();
    edit(&content, "site.toml", "as_of = \"2025-03-01\"\n", "");
    rejected(
        &content,
        &[
            "nam-2022-lai.toml: this year report of `van-quan-ubnd` for 2022 overlaps report `nam-2022`",
            "site.toml: plan `van-quan-2021-2025` has a reporting calendar, so the site needs `as_of",
        ],
    );
}

#[test]
fn the_templates_in_the_docs_are_valid_input() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/templates");
    let (_tmp, content) = copy_fixture("progress");
    // The templates' ids are those of the docs' example; make the fixture have them.
    let plan = content.join(VQ);
    std::fs::copy(dir.join("calendar.csv"), plan.join("calendar.csv")).unwrap();
    std::fs::remove_file(plan.join("calendar.toml")).unwrap();
    let text = std::fs::read_to_string(dir.join("calendar.csv")).unwrap();
    std::fs::write(
        plan.join("calendar.csv"),
        text.replace("dai-tu-phong-dan-toc", "van-quan-ubnd"),
    )
    .unwrap();
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    // The report template reads as a report: only references to ids this plan lacks remain.
    let reports = plan.join("reports");
    for f in [
        "nam-2022.toml",
        "nam-2022.values.csv",
        "nam-2022.money.csv",
        "nam-2022.outputs.csv",
        "nam-2022.tasks.csv",
    ] {
        let _ = std::fs::remove_file(reports.join(f));
    }
    let report = std::fs::read_to_string(dir.join("reports/nam-2022.toml")).unwrap();
    std::fs::write(
        reports.join("mau.toml"),
        report.replace("dai-tu-phong-dan-toc", "van-quan-ubnd"),
    )
    .unwrap();
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1);
    for line in err.lines().filter(|l| l.starts_with("error:")) {
        assert!(
            line.contains("no target with this id")
                || line.contains("no project or sub-project")
                || line.contains("is not a file of static/"),
            "the template has a problem of its own: {line}"
        );
    }
    for csv in ["values", "money", "outputs", "tasks"] {
        std::fs::write(
            reports.join(format!("mau.{csv}.csv")),
            std::fs::read(dir.join(format!("reports/nam-2022.{csv}.csv"))).unwrap(),
        )
        .unwrap();
    }
    let (_, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    for line in err.lines().filter(|l| l.starts_with("error:")) {
        assert!(
            line.contains("no target with this id")
                || line.contains("no project or sub-project")
                || line.contains("is not a file of static/")
                || line.contains("keep them in one of the two"),
            "a CSV template has a problem of its own: {line}"
        );
    }
}

#[test]
fn figures_cannot_be_as_of_a_day_after_their_report_was_published() {
    let (_tmp, content) = copy_fixture("progress");
    let r = format!("{VQ}/reports/nam-2022.toml");
    edit(
        &content,
        &r,
        "published = \"2023-01-20\"",
        "published = \"2022-12-20\"",
    );
    edit(
        &content,
        "plans/van-quan-2021-2025/calendar.toml",
        "due = \"2023-01-25\"",
        "due = \"2022-12-31\"",
    );
    rejected(&content, &["nam-2022.toml: report `nam-2022` is published on 2022-12-20, before its period ends (2022-12-31)"]);
}

#[test]
fn a_decimal_comma_in_a_comma_separated_csv_never_cuts_a_figure_silently() {
    let (_tmp, content) = copy_fixture("progress");
    as_csv(&content);
    let m = content.join(VQ).join("reports/nam-2023.money.csv");
    std::fs::write(&m, "project,source,capital,year,phase,amount,note\ndu-an-1,central,investment,2023,allocated,12.000,\ndu-an-1,central,investment,2023,disbursed,2.450,5\n").unwrap();
    rejected(
        &content,
        &[
            "nam-2023.money.csv:3:",
            "`2.450,5` looks like one figure cut in two at its decimal comma",
        ],
    );
}
