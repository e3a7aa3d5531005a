//! Every report, every revision, every deadline's source (issue 26): the progress pages list
//! every report file of the bundled site across their pages, in both languages, newest first,
//! with working page links; every revised figure with its units, day and reason; each calendar
//! deadline says where it comes from on the pages and in the calendar download; a plan's own
//! deadline before its period ends is accepted and judged; the starter says where deadlines
//! come from.

use crate::{build, copy_fixture, read, run, visible_text};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const VQ: &str = "plans/van-quan-2021-2025";

/// The bundled site, built once for this module.
fn bundled() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bundled-listing");
        let _ = std::fs::remove_dir_all(&out);
        let opts = minhbach::BuildOptions {
            content: Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
            theme: Some(crate::theme()),
            output: out.clone(),
            base_url: None,
            force: false,
            strict: false,
        };
        minhbach::build(&opts).unwrap_or_else(|e| panic!("bundled site does not build: {e:#}"));
        out
    })
}

/// The values of attribute `attr` (`href="…"`) in `html`, in order.
fn attrs(html: &str, attr: &str) -> Vec<String> {
    let key = format!("{attr}=\"");
    html.split(&key)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|v| v.replace("&amp;", "&"))
        .collect()
}

/// The part of a page from `start` to the first `end` after it.
fn part<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let i = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in page"));
    let j = html[i..].find(end).map_or(html.len(), |j| i + j);
    &html[i..j]
}

/// The report files of the bundled content: "plans/<plan>/reports/<id>.html".
fn report_files() -> BTreeSet<String> {
    let plans = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/plans");
    let mut out = BTreeSet::new();
    for plan in std::fs::read_dir(&plans).unwrap() {
        let plan = plan.unwrap().path();
        let Ok(reports) = std::fs::read_dir(plan.join("reports")) else {
            continue;
        };
        for r in reports {
            let name = r.unwrap().file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_suffix(".toml") {
                let p = plan.file_name().unwrap().to_string_lossy().into_owned();
                out.insert(format!("plans/{p}/reports/{id}.html"));
            }
        }
    }
    out
}

/// The pages of the list in one language, followed from `progress.html` by their "next" links
/// (checking that each leads to a page that exists and that "previous" leads back).
fn listing_pages(out: &Path, prefix: &str) -> Vec<(String, String)> {
    let mut pages = Vec::new();
    let mut page = "progress.html".to_string();
    loop {
        let html = read(out, &format!("{prefix}{page}"));
        let next = html
            .split("rel=\"next\"")
            .next()
            .filter(|_| html.contains("rel=\"next\""))
            .and_then(|before| attrs(before, "href").pop());
        if let Some(n) = &next {
            let back = read(out, &format!("{prefix}{n}"));
            let prev = back
                .split("rel=\"prev\"")
                .next()
                .and_then(|b| attrs(b, "href").pop())
                .unwrap_or_default();
            // Back to the first page means back to its list, below the overview.
            let want = if page == "progress.html" {
                "progress.html#reports".to_string()
            } else {
                page.clone()
            };
            assert_eq!(prev, want, "{n}: previous leads back");
        }
        pages.push((page.clone(), html));
        match next {
            Some(n) => page = n,
            None => break,
        }
        assert!(pages.len() < 20, "the pages of the list do not end");
    }
    pages
}

#[test]
fn the_progress_pages_list_every_report_file_once_newest_first_in_both_languages() {
    let out = bundled();
    let files = report_files();
    assert_eq!(files.len(), 34, "the bundled site has 34 report files");
    for prefix in ["", "en/"] {
        let pages = listing_pages(out, prefix);
        assert_eq!(pages.len(), 2, "{prefix}: 34 reports at 25 a page");
        assert_eq!(pages[1].0, "progress-2.html");
        let mut seen = Vec::new();
        let mut days = Vec::new();
        let mut tags = 0;
        for (name, html) in &pages {
            let table = part(html, "<table class=\"listing\">", "</table>");
            seen.extend(
                attrs(table, "href")
                    .into_iter()
                    .filter(|h| h.contains("/reports/"))
                    .inspect(|h| assert!(out.join(prefix).join(h).is_file(), "{name}: {h}")),
            );
            days.extend(attrs(table, "datetime"));
            tags += table.matches("class=\"illustrative-tag\"").count();
            // Every link of the pager leads to a page of the list.
            let pager = part(html, "class=\"pagination\"", "</nav>");
            for h in attrs(pager, "href") {
                let file = h.split('#').next().unwrap();
                assert!(out.join(prefix).join(file).is_file(), "{name}: {h}");
            }
        }
        let unique: BTreeSet<String> = seen.iter().cloned().collect();
        assert_eq!(seen.len(), 34, "{prefix}: each report listed once");
        assert_eq!(unique, files, "{prefix}: the list names every report file");
        assert_eq!(tags, 34, "{prefix}: every illustrative report is labelled");
        let mut sorted = days.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(days, sorted, "{prefix}: newest first across pages");
    }
    let first = visible_text(&read(out, "progress.html"));
    assert!(
        first.contains("Mọi báo cáo tiến độ của mọi kế hoạch (34) và mọi số liệu mà báo cáo sau đã sửa (3), mới nhất trước. Trang này: báo cáo 1–25 trong 34."),
        "{first}"
    );
    let second = visible_text(&read(out, "en/progress-2.html"));
    assert!(
        second.contains("This page: reports 26–34 of 34."),
        "{second}"
    );
    assert!(second.contains("Illustrative data — not official figures"));
    // The later page is in the sitemap and leads back to the overview and its method.
    assert!(read(out, "sitemap.xml").contains("progress-2.html"));
    assert!(read(out, "progress-2.html").contains("href=\"progress.html\""));
}

#[test]
fn every_revision_is_listed_newest_first_with_units_day_and_reason() {
    let out = bundled();
    let html = read(out, "progress.html");
    let list = visible_text(part(&html, "id=\"revisions\"", "</ul>"));
    let entries: Vec<&str> = list.split(" · ").collect();
    // The feed finds the same revisions (the model's), three of them.
    let feed = read(out, "feed.xml");
    assert_eq!(feed.matches("#revision-").count(), 3);
    assert_eq!(html.matches("<del>").count(), 3, "{list}");
    for want in [
        "23/01/2024 · Thái Nguyên 2021–2025",
        "(số liệu ngày 31/12/2022): 9,3% → 9,6% . Lý do: Số liệu theo kết quả rà soát hộ nghèo",
        "08/02/2023 · Đại Từ 2022",
        "Vốn đã giải ngân 2022 · Ngân sách trung ương (số liệu ngày 30/06/2022): 255,6 triệu đồng → 312,4 triệu đồng . Lý do: Số giải ngân đến 30/6/2022",
        "thay số của Báo cáo kết quả thực hiện 6 tháng đầu năm 2022",
    ] {
        assert!(list.contains(want), "{want}\n{list}");
    }
    let newest = list.find("23/01/2024").unwrap();
    let older = list.find("08/02/2023").unwrap();
    assert!(newest < older, "newest first: {list}");
    assert!(entries.len() > 3);
    // Each links to the revising report's list of revisions, which exists.
    let revs = part(&html, "id=\"revisions\"", "</ul>");
    for h in attrs(revs, "href")
        .iter()
        .filter(|h| h.ends_with("#revisions"))
    {
        let page = read(out, h.split('#').next().unwrap());
        assert!(page.contains("id=\"revisions\""), "{h}");
    }
    let en = visible_text(part(
        &read(out, "en/progress.html"),
        "id=\"revisions\"",
        "</ul>",
    ));
    assert!(
        en.contains("(figure for 30 Jun 2022): VND 255.6 million → VND 312.4 million . Reason:"),
        "{en}"
    );
    // The second page's reports revised nothing, and it says so.
    assert!(visible_text(&read(out, "progress-2.html"))
        .contains("Các báo cáo này không sửa số liệu nào của báo cáo trước."));
}

#[test]
fn a_deadlines_source_shows_on_every_page_with_the_calendar_and_in_the_download() {
    let out = bundled();
    let plan = visible_text(&read(out, &format!("{VQ}.html")));
    assert!(
        plan.contains("Báo cáo năm 2022 Báo cáo kết quả thực hiện năm 2022 gửi UBND tỉnh, Ban Dân tộc tỉnh Ủy ban nhân dân huyện Văn Quan 01/12/2022 Nộp muộn 50 ngày Kế hoạch: “… để tổng hợp báo cáo UBND tỉnh, Ban Dân tộc trước ngày 01/12 hằng năm” Mục VI.9"),
        "{plan}"
    );
    assert!(
        plan.contains("25/01/2023 Nộp đúng hạn Thông tư 01/2022/TT-UBDT về giám sát, đánh giá Chương trình 1719"),
        "{plan}"
    );
    assert!(
        plan.contains("15/07/2022 Nộp đúng hạn Minh họa: hạn giả định của trang ví dụ"),
        "{plan}"
    );
    // The section of the plan that sets it links to that section of the full text.
    assert!(read(out, &format!("{VQ}.html")).contains("van-quan-2021-2025/document.html#s-VI.9"));
    let report = visible_text(&read(out, &format!("en/{VQ}/reports/nam-2022.html")));
    assert!(
        report.contains("50 days late (due 1 Dec 2022 ; deadline set by: The plan: “… for compilation and reporting to the Provincial People's Committee and the Provincial Ethnic Affairs Committee before 1 December each year” Section VI.9 )"),
        "{report}"
    );
    assert!(
        report.contains("On time (due 25 Jan 2023 ; deadline set by: Circular 01/2022/TT-UBDT"),
        "{report}"
    );
    let agency = visible_text(&read(
        out,
        "agencies/ngoc-hoi-cac-co-quan-don-vi-dia-phuong.html",
    ));
    assert!(
        agency.contains("Báo cáo 6 tháng đầu năm 2023 (hạn nộp 15/06/2023) Báo cáo đánh giá kết quả thực hiện 6 tháng đầu năm 2023 gửi UBND huyện (qua Phòng Dân tộc) Căn cứ của hạn: Kế hoạch: “Định kỳ 06 tháng (trước ngày 15/6), hàng năm (trước ngày 15/12)"),
        "{agency}"
    );
    // A deadline still ahead on the site's day is not yet due.
    assert!(
        agency.contains("Chưa đến hạn Báo cáo năm 2026 (hạn nộp 15/12/2026)"),
        "{agency}"
    );
    // The progress page's overdue reports say what set each deadline.
    let progress = visible_text(&read(out, "progress.html"));
    assert!(
        progress.contains("hạn nộp 15/12/2022; căn cứ của hạn: Kế hoạch: “Định kỳ tổng hợp kết quả thực hiện báo cáo Ủy ban nhân dân huyện (qua phòng Dân tộc) trước ngày 15/12” Mục V"),
        "{progress}"
    );
    // The download: CSV in each language, JSON with stable keys.
    let csv = read(out, "en/data/calendar.csv");
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(
            "Deadline set by (Vietnamese),Deadline set by (English),Section,Address of the rule"
        ),
        "{header}"
    );
    assert!(
        csv.contains("van-quan-ubnd,year,2022,2022-12-01,\"Báo cáo kết quả thực hiện năm 2022 gửi UBND tỉnh, Ban Dân tộc tỉnh\",late,50,nam-2022,"),
        "{csv}"
    );
    let json: serde_json::Value = serde_json::from_str(&read(out, "data/calendar.json")).unwrap();
    let rows = json["rows"].as_array().unwrap();
    let row = rows
        .iter()
        .find(|r| r["agency_id"] == "van-quan-ubnd" && r["due"] == "2023-12-01")
        .expect("the plan's own deadline is in the download");
    assert_eq!(row["source_ref"], "VI.9");
    assert_eq!(row["delivery"], "late");
    assert!(row["source_en"]
        .as_str()
        .unwrap()
        .contains("before 1 December each year"));
    assert!(
        rows.iter().all(|r| r["source_vi"].is_string()),
        "every bundled deadline names its source"
    );
    let package: serde_json::Value =
        serde_json::from_str(&read(out, "data/datapackage.json")).unwrap();
    let calendar = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "calendar")
        .unwrap();
    let ids: Vec<&str> = calendar["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    for id in ["source_vi", "source_en", "source_ref", "source_url"] {
        assert!(ids.contains(&id), "{ids:?}");
    }
}

/// The progress fixture with calendar entries added (TOML appended to its calendar.toml).
fn with_calendar(extra: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, content) = copy_fixture("progress");
    let file = content.join(VQ).join("calendar.toml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(extra);
    std::fs::write(&file, text).unwrap();
    (tmp, content)
}

#[test]
fn a_plans_own_deadline_before_its_period_ends_is_accepted_and_judged() {
    // The plan asks for the year's report by 1 December: the 2023 report, published on
    // 10 February 2024, is 71 days late against it (and 16 against 25 January); a 2024 report
    // published on 25 November 2024 is on time for both.
    let (_tmp, content) = with_calendar(
        r#"
[[due]]
agency = "van-quan-ubnd"
kind = "year"
period = "2023"
due = "2023-12-01"
source = { vi = "Kế hoạch: “… trước ngày 01/12 hằng năm”", en = "The plan: “… before 1 December each year”" }
ref = "V"

[[due]]
agency = "van-quan-ubnd"
kind = "year"
period = "2024"
due = "2024-12-01"
source = "Kế hoạch: “… trước ngày 01/12 hằng năm”"
ref = "V"
"#,
    );
    // The fixture's 25 January deadlines name no source; a second deadline for the same report
    // needs both to name theirs.
    let cal = content.join(VQ).join("calendar.toml");
    let text = std::fs::read_to_string(&cal)
        .unwrap()
        .replace(
            "due = \"2024-01-25\"\n",
            "due = \"2024-01-25\"\nsource = \"Thông tư 01/2022/TT-UBDT\"\n",
        )
        .replace(
            "due = \"2025-01-25\"\n",
            "due = \"2025-01-25\"\nsource = \"Thông tư 01/2022/TT-UBDT\"\n",
        );
    std::fs::write(&cal, text).unwrap();
    std::fs::write(
        content.join(VQ).join("reports/nam-2024.toml"),
        "illustrative = true\nkind = \"year\"\nperiod = \"2024\"\npublished = \"2024-11-25\"\nagency = \"van-quan-ubnd\"\n\n[[task]]\nproject = \"du-an-1\"\nstatus = \"in-progress\"\nas_of = \"2024-11-20\"\n",
    )
    .unwrap();
    let (_t, out) = build(&content);
    let plan = visible_text(&read(&out, &format!("{VQ}.html")));
    for want in [
        "Báo cáo năm 2023 UBND huyện Văn Quan 01/12/2023 Nộp muộn 71 ngày Kế hoạch: “… trước ngày 01/12 hằng năm” Mục V",
        "Báo cáo năm 2023 UBND huyện Văn Quan 25/01/2024 Nộp muộn 16 ngày Thông tư 01/2022/TT-UBDT",
        "Báo cáo năm 2024 UBND huyện Văn Quan 01/12/2024 Nộp đúng hạn",
        "Báo cáo năm 2024 UBND huyện Văn Quan 25/01/2025 Nộp đúng hạn",
    ] {
        assert!(plan.contains(want), "{want}\n{plan}");
    }
    let report = visible_text(&read(&out, &format!("{VQ}/reports/nam-2023.html")));
    assert!(
        report.contains("Nộp muộn 71 ngày (hạn nộp 01/12/2023"),
        "{report}"
    );
    assert!(
        report.contains("Nộp muộn 16 ngày (hạn nộp 25/01/2024"),
        "{report}"
    );
    let csv = read(&out, "data/calendar.csv");
    assert!(
        csv.contains("van-quan-ubnd,year,2023,2023-12-01,,late,71,nam-2023,"),
        "{csv}"
    );
    assert!(
        csv.contains("van-quan-ubnd,year,2024,2024-12-01,,on-time,,nam-2024,"),
        "{csv}"
    );
}

/// `check` of `content` fails, naming each of `want` (file:line and what to do).
fn refused(content: &Path, want: &[&str]) {
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    for w in want {
        assert!(err.contains(w), "{w}\n{err}");
    }
}

#[test]
fn a_deadline_without_a_source_before_its_period_ends_or_early_in_it_is_refused() {
    let (_tmp, content) = with_calendar(
        r#"
[[due]]
agency = "van-quan-ubnd"
kind = "half-year"
period = "2023-H1"
due = "2023-06-15"

[[due]]
agency = "van-quan-ubnd"
kind = "half-year"
period = "2023-H2"
due = "2023-08-01"
source = "Kế hoạch"

[[due]]
agency = "van-quan-ubnd"
kind = "year"
period = "2022"
due = "2022-12-01"
source_url = "ftp://example.org/tt-01"
"#,
    );
    let file = format!("{VQ}/calendar.toml");
    refused(
        &content,
        &[
            &format!("{file}:24:7: due = \"2023-06-15\" is before the end of the period it reports on (2023-06-30); if a rule sets a deadline before the period ends"),
            "name it with `source` (and `ref`, the section of the plan that says so)",
            &format!("{file}:30:7: due = \"2023-08-01\" falls in the first half of the period it reports on (2023-07-01 to 2023-12-31)"),
            &format!("{file}:38:14: `source_url`: \"ftp://example.org/tt-01\" must start with https://"),
            "the calendar already has a year report of `van-quan-ubnd` for 2022; list each once, or, where two rules set different deadlines for the same report, name each one's `source`",
        ],
    );
}

#[test]
fn a_calendar_csv_carries_the_source_columns() {
    let (_tmp, content) = copy_fixture("progress");
    let plan = content.join(VQ);
    std::fs::remove_file(plan.join("calendar.toml")).unwrap();
    std::fs::write(
        plan.join("calendar.csv"),
        "agency;kind;period;due;source_vi;source_en;ref;source_url\nvan-quan-ubnd;year;2022;2022-12-01;Kế hoạch: “trước ngày 01/12”;The plan: “before 1 December”;V;https://example.org/kh\n",
    )
    .unwrap();
    let (_t, out) = build(&content);
    let plan = visible_text(&read(&out, &format!("en/{VQ}.html")));
    assert!(
        plan.contains("Annual report 2022 Văn Quan District People's Committee 1 Dec 2022 50 days late The plan: “before 1 December” Section V Text of the rule"),
        "{plan}"
    );
    assert!(read(&out, &format!("en/{VQ}.html")).contains("href=\"https://example.org/kh\""));
}

#[test]
fn a_page_may_not_take_the_address_of_a_later_progress_page() {
    let (_tmp, content) = copy_fixture("progress");
    std::fs::write(
        content.join("pages/progress-2.vi.md"),
        "+++\ntitle = \"Trang\"\n+++\nNội dung.\n",
    )
    .unwrap();
    refused(&content, &["page name `progress-2` cannot be used"]);
}

#[test]
fn the_starter_says_where_its_deadlines_come_from() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let (code, _, err) = run(&["new", site.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let calendar =
        std::fs::read_to_string(site.join("content/plans/huyen-mau-2025/calendar.toml")).unwrap();
    for want in [
        "Where the deadlines come from",
        "Circular 01/2022/TT-UBDT",
        "before 25 January of the next year",
        "source = { vi = \"Thông tư 01/2022/TT-UBDT",
        "ref = \"V\"",
    ] {
        assert!(calendar.contains(want), "{want}\n{calendar}");
    }
    let (_t, out) = build(&site.join("content"));
    let plan = visible_text(&read(&out, "plans/huyen-mau-2025.html"));
    assert!(plan.contains("Căn cứ của hạn"), "{plan}");
    assert!(
        plan.contains("Thông tư 01/2022/TT-UBDT về giám sát, đánh giá Chương trình 1719: số liệu cả năm báo cáo trước ngày 25 tháng 01 năm sau"),
        "{plan}"
    );
}
