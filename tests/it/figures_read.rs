//! Figures that are true but misread (issue 26): an aggregate says what it covers and never
//! counts missing data as zero; a rate names the allocation it is measured against.

use crate::{build, copy_fixture, read, visible_text};
use std::fs;

const PLAN: &str = "plans/van-quan-2021-2025";

/// Appends money figures to the plan's 2023 report.
fn add_money(content: &std::path::Path, entries: &[(&str, &str, &str)]) {
    let path = content.join(PLAN).join("reports/nam-2023.toml");
    let mut text = fs::read_to_string(&path).unwrap();
    for (project, phase, amount) in entries {
        text.push_str(&format!(
            "\n[[money]]\nproject = \"{project}\"\nsource = \"central\"\ncapital = \"investment\"\nyear = 2023\nphase = \"{phase}\"\namount = \"{amount}\"\n"
        ));
    }
    fs::write(path, text).unwrap();
}

/// Project 1 reported 9.000 disbursed of its 12.000; project 4 has 8.000 allocated and has not
/// reported disbursement. The rate is 75,0% of what reported, said to cover 1 of 2 projects;
/// never 45,0% (project 4 counted as nothing disbursed).
#[test]
fn money_not_reported_is_not_money_not_spent() {
    let (_tmp, content) = copy_fixture("progress");
    add_money(&content, &[("du-an-4", "allocated", "8.000")]);
    let (_t, out) = build(&content);
    let vi = visible_text(&read(&out, &format!("{PLAN}.html")));
    assert!(
        vi.contains("đã giải ngân 9.000 trên 12.000 triệu đồng vốn được giao — 75,0%"),
        "{vi}"
    );
    assert!(vi.contains("1 trên 2 dự án đã báo cáo giải ngân"), "{vi}");
    assert!(!vi.contains("45,0%"), "{vi}");
    let en = visible_text(&read(&out, &format!("en/{PLAN}.html")));
    assert!(
        en.contains("disbursed 9,000 of VND 12,000 million (the allocation) — 75.0%"),
        "{en}"
    );
    assert!(
        en.contains("1 of 2 projects have reported disbursement"),
        "{en}"
    );
    for (rel, says) in [
        (
            format!("{PLAN}/notice.html"),
            "1 trên 2 dự án đã báo cáo giải ngân",
        ),
        (
            format!("{PLAN}/radio.txt"),
            "1 trên 2 dự án đã báo cáo giải ngân",
        ),
        (
            format!("en/{PLAN}/radio.txt"),
            "1 of 2 projects have reported disbursement",
        ),
        ("progress.html".to_string(), "1/2 dự án đã báo cáo"),
    ] {
        let text = visible_text(&read(&out, &rel));
        assert!(text.contains(says), "{rel}: {text}");
        assert!(
            !text.contains("45,0%") && !text.contains("45.0%"),
            "{rel}: {text}"
        );
    }
    let radio = read(&out, &format!("{PLAN}/radio.txt"));
    assert!(radio.contains("đạt 75,0%"), "{radio}");
}

/// Where a line was adjusted, the rate is measured against the adjusted allocation, and every
/// sentence says so.
#[test]
fn the_rate_names_the_allocation_it_is_measured_against() {
    let (_tmp, content) = copy_fixture("progress");
    add_money(&content, &[("du-an-1", "adjusted", "10.000")]);
    let (_t, out) = build(&content);
    let vi = visible_text(&read(&out, &format!("{PLAN}.html")));
    assert!(
        vi.contains("đã giải ngân 9.000 trên 10.000 triệu đồng vốn đã điều chỉnh — 90,0%"),
        "{vi}"
    );
    let radio = read(&out, &format!("{PLAN}/radio.txt"));
    assert!(
        radio.contains("đã giải ngân 9.000 trên 10.000 triệu đồng vốn đã điều chỉnh, đạt 90,0%"),
        "{radio}"
    );
    let en = read(&out, &format!("en/{PLAN}/radio.txt"));
    assert!(
        en.contains("90.0% of the adjusted allocation (10,000 million VND)"),
        "{en}"
    );
    let notice = visible_text(&read(&out, &format!("{PLAN}/notice.html")));
    assert!(
        notice.contains("trên 10.000 triệu đồng vốn đã điều chỉnh"),
        "{notice}"
    );
}

/// Counts by status say how many targets have data when some have none ("4 of 6 targets have
/// data"), on the plan page, the notice and the radio script.
#[test]
fn target_counts_say_how_many_targets_have_data() {
    let (_tmp, content) = copy_fixture("progress");
    let path = content.join(PLAN).join("targets.toml");
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str(
        "\n[[target]]\nid = \"clinics\"\nhorizon = 2025\nindicator = { vi = \"Trạm y tế đạt chuẩn\", en = \"Clinics up to standard\" }\ntext = { vi = \"100% trạm y tế đạt chuẩn\", en = \"all clinics up to standard\" }\nshape = \"threshold\"\nop = \"at-least\"\nvalue = \"100\"\nunit = \"%\"\nbetter = \"higher\"\n",
    );
    fs::write(&path, text).unwrap();
    let (_t, out) = build(&content);
    let total = 6;
    let page = visible_text(&read(&out, &format!("{PLAN}.html")));
    let with = (0..=total)
        .find(|w| page.contains(&format!("{w} trên {total} chỉ tiêu đã có số liệu")))
        .unwrap_or_else(|| panic!("no coverage line: {page}"));
    assert!(with < total);
    let said = format!("{with} trên {total} chỉ tiêu đã có số liệu");
    for rel in [format!("{PLAN}/notice.html"), format!("{PLAN}/radio.txt")] {
        assert!(visible_text(&read(&out, &rel)).contains(&said), "{rel}");
    }
    let en = visible_text(&read(&out, &format!("en/{PLAN}.html")));
    assert!(
        en.contains(&format!("{with} of {total} targets have data")),
        "{en}"
    );
}

/// Every figure a reader sees carries its unit: revisions on pages and in the feed (the
/// target's unit, million VND), and the difference between a printed total and its lines.
#[test]
fn revisions_and_differences_carry_their_units() {
    let (_t, out) = build(&crate::fixture("progress"));
    let feed = read(&out, "feed.xml");
    assert!(feed.contains("sửa từ 15,5% thành 16,0%"), "{feed}");
    assert!(
        feed.contains("sửa từ 4.000 triệu đồng thành 4.200 triệu đồng"),
        "{feed}"
    );
    let en = read(&out, "en/feed.xml");
    assert!(
        en.contains("VND 4,000 million") && en.contains("VND 4,200 million"),
        "{en}"
    );
    let (_t, out) = build(&crate::fixture("basic"));
    let plan = visible_text(&read(&out, "plans/van-quan-2021-2025.html"));
    assert!(plan.contains("(chênh lệch +9 triệu đồng)"), "{plan}");
    let en = visible_text(&read(&out, "en/plans/van-quan-2021-2025.html"));
    assert!(en.contains("(difference +VND 9 million)"), "{en}");
}

/// A target measured in figures without a unit is named by `check`, so that no figure of it is
/// published bare; a ratio (whose figures are ratios) is not.
#[test]
fn a_target_without_a_unit_is_named_by_check() {
    let (_tmp, content) = copy_fixture("progress");
    crate::edit(
        &content,
        &format!("{PLAN}/targets.toml"),
        "unit = \"%\"\nref = \"II.2\"",
        "ref = \"II.2\"",
    );
    let (code, _, err) = crate::run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("targets.toml:1:") && err.contains("target `poverty` has no `unit`"),
        "{err}"
    );
}

/// Rounding never makes an explanation contradict the status it explains: a ratio of rates of
/// 0,9466 reads "0,947" (below the 0,95 of on track), a rate that is not zero never reads
/// "0,0%", and a target whose year passed says the rule that decided, with the value and level.
#[test]
fn explanations_round_so_that_their_figures_lead_to_the_status() {
    let (_t, out) = build(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    let income = visible_text(&read(
        &out,
        "plans/ngoc-hoi-2022/targets/thu-nhap-2025.html",
    ));
    assert!(
        income.contains("Tỷ số giữa hai tốc độ là 0,947:"),
        "{income}"
    );
    assert!(income.contains(
        "giá trị mới nhất, 28,6 triệu đồng/người/năm (31/12/2025), chưa đạt mức > 29,6 triệu đồng/người/năm"
    ), "{income}");
    let school = visible_text(&read(
        &out,
        "plans/van-quan-2021-2025/targets/tieu-hoc.html",
    ));
    assert!(!school.contains(" 0,0% mỗi năm"), "{school}");
    assert!(school.contains("Chậm tiến độ"), "{school}");
    assert!(school.contains("chưa đạt mức > 99,9%"), "{school}");
    let en = visible_text(&read(
        &out,
        "en/plans/van-quan-2021-2025/targets/tieu-hoc.html",
    ));
    assert!(
        en.contains("is not > 99.9%") || en.contains("is not above 99.9%"),
        "{en}"
    );
}

/// A total the site computes is labelled as the sum of the lines, a printed one as printed; where
/// the document prints a source's total that is not the sum of its lines (Văn Quan prints its
/// central budget only by capital type: 196.832 for investment, whose lines add up to 196.823),
/// the page and the notice show that printed figure, the sum and the difference, as `check`
/// names them; never a sum of printed figures (261.405) called printed.
#[test]
fn sums_are_labelled_as_sums_and_printed_totals_as_printed() {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let (_t, out) = build(&content);
    let page = visible_text(&read(&out, "plans/van-quan-2021-2025.html"));
    assert!(page.contains("Theo nguồn vốn (tổng các dòng) Ngân sách trung ương: 261.396 triệu đồng (≈ 261,4 tỷ đồng) 95,8% ⚠ Ngân sách trung ương · vốn đầu tư phát triển: số in trong văn bản 196.832 triệu đồng, tổng các dòng 196.823 triệu đồng (chênh lệch +9 triệu đồng)"), "{page}");
    assert!(!page.contains("261.405"), "{page}");
    assert!(
        page.contains("Vốn dự kiến cả giai đoạn 2021–2025 (số tổng in trong văn bản)"),
        "{page}"
    );
    let notice = visible_text(&read(&out, "plans/van-quan-2021-2025/notice.html"));
    assert!(notice.contains("⚠ Ngân sách trung ương · vốn đầu tư phát triển: số in trong văn bản 196.832 triệu đồng, tổng các dòng 196.823 triệu đồng (chênh lệch +9 triệu đồng)."), "{notice}");
    let home = visible_text(&read(&out, "index.html"));
    assert!(home.contains("(số tổng in trong văn bản)"), "{home}");
    let (_, _, err) = crate::run(&["check", "--content", content.to_str().unwrap()]);
    assert!(
        err.contains("printed total 196.832 million VND")
            && err.contains("a difference of +9 million VND"),
        "{err}"
    );
}

/// A target's data note is on the target's own page, in both languages, not only on the plan's.
#[test]
fn a_data_note_shows_on_its_targets_page() {
    let (_t, out) = build(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    let vi = visible_text(&read(&out, "plans/van-quan-2021-2025/targets/dien.html"));
    assert!(
        vi.contains("Văn bản tự mâu thuẫn: mục II.2 in \"trên 99,8%\""),
        "{vi}"
    );
    let en = visible_text(&read(&out, "en/plans/van-quan-2021-2025/targets/dien.html"));
    assert!(
        en.contains("The document contradicts itself: section II.2"),
        "{en}"
    );
}

/// A radio script read from illustrative reports says so, at its start and at its end, in both
/// languages (as the notice and every page showing them do).
#[test]
fn a_radio_script_of_illustrative_figures_says_so() {
    let (_t, out) = build(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    for (rel, label) in [
        (
            "plans/van-quan-2021-2025/radio.txt",
            "Dữ liệu minh họa — không phải số liệu chính thức",
        ),
        (
            "plans/van-quan-2021-2025/reports/nam-2023/radio.txt",
            "Dữ liệu minh họa — không phải số liệu chính thức",
        ),
        ("en/plans/van-quan-2021-2025/radio.txt", "Illustrative data"),
    ] {
        let text = read(&out, rel);
        assert_eq!(text.matches(label).count(), 2, "{rel}: {text}");
    }
}

/// Writes a small site whose change lists are known by hand: five threshold targets "≥ 90%" by
/// 2025 and three annual reports (growth needed from 50% in 2022: 21,6% a year).
fn changes_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let c = tmp.path().join("content");
    let plan = c.join("plans/ke-hoach");
    fs::create_dir_all(plan.join("reports")).unwrap();
    fs::create_dir_all(c.join("agencies")).unwrap();
    fs::write(c.join("site.toml"), "title = { vi = \"Thử\", en = \"Test\" }\npublisher = { vi = \"Nhóm\", en = \"Team\" }\nlanguages = [\"vi\", \"en\"]\nas_of = \"2025-03-01\"\n").unwrap();
    fs::write(c.join("agencies/a.toml"), "[[agency]]\nid = \"ubnd\"\nname = { vi = \"UBND huyện A\", en = \"A District People's Committee\" }\nkind = \"people-committee\"\narea = { vi = \"huyện A\", en = \"A District\" }\n").unwrap();
    fs::write(plan.join("plan.toml"), "kind = \"plan\"\nissuer = \"ubnd\"\ntitle = { vi = \"Kế hoạch thử\", en = \"Test plan\" }\nperiod = { from = 2021, to = 2025 }\n").unwrap();
    let mut targets = String::new();
    for (id, name) in [
        ("a", "Tăng"),
        ("b", "Giảm"),
        ("c", "Giữ"),
        ("d", "Sửa"),
        ("e", "Mới"),
    ] {
        targets.push_str(&format!("[[target]]\nid = \"{id}\"\nhorizon = 2025\nindicator = {{ vi = \"Chỉ tiêu {name}\", en = \"Target {id}\" }}\ntext = {{ vi = \"đạt từ 90% trở lên\", en = \"at least 90%\" }}\nshape = \"threshold\"\nop = \"at-least\"\nvalue = \"90\"\nunit = \"%\"\n\n"));
    }
    fs::write(plan.join("targets.toml"), targets).unwrap();
    let report = |year: i32, values: &[(&str, &str)], extra: &str| {
        let mut s = format!("illustrative = true\nkind = \"year\"\nperiod = \"{year}\"\npublished = \"{}-01-20\"\nagency = \"ubnd\"\n", year + 1);
        for (t, v) in values {
            s.push_str(&format!("\n[[value]]\ntarget = \"{t}\"\nvalue = \"{v}\"\n"));
        }
        s.push_str(extra);
        fs::write(plan.join(format!("reports/nam-{year}.toml")), s).unwrap();
    };
    report(
        2022,
        &[("a", "50"), ("b", "50"), ("c", "50"), ("d", "50")],
        "",
    );
    report(
        2023,
        &[("a", "52"), ("b", "65"), ("c", "65"), ("d", "52")],
        "",
    );
    report(
        2024,
        &[("a", "70"), ("b", "60"), ("c", "80"), ("e", "80")],
        "\n[[value]]\ntarget = \"d\"\nas_of = \"2023-12-31\"\nvalue = \"65\"\nreason = { vi = \"Số liệu rà soát\", en = \"Reviewed figures\" }\n",
    );
    (tmp, c)
}

/// The change lists against answers worked out by hand: a target that improves (off track →
/// needs acceleration), one that worsens (on track → off track), one that keeps its class (not
/// listed), one that is revised (52% → 65%: off track → on track), one that appears for the
/// first time (first data, with no invented "before"); the first report says it is the first.
#[test]
fn change_lists_match_the_answers_known_by_hand() {
    let (_tmp, content) = changes_site();
    let (_t, out) = build(&content);
    // Words as a reader reads them (a link's end is no space before a colon).
    let page = |rel: &str| {
        visible_text(&read(&out, &format!("plans/ke-hoach/reports/{rel}.html"))).replace(" :", ":")
    };
    let first = page("nam-2022");
    assert!(
        first.contains("Đây là báo cáo đầu tiên của kế hoạch"),
        "{first}"
    );
    assert!(!first.contains("Chỉ tiêu đổi trạng thái"), "{first}");
    for name in ["Tăng", "Giảm", "Giữ", "Sửa"] {
        assert!(
            first.contains(&format!("Chỉ tiêu {name}: số liệu đầu tiên")),
            "{name}: {first}"
        );
    }
    let last = page("nam-2024");
    assert!(!last.contains("Đây là báo cáo đầu tiên"), "{last}");
    let changes = last
        .split("Chỉ tiêu đổi trạng thái")
        .nth(1)
        .and_then(|s| s.split("Chỉ tiêu lần đầu có số liệu").next())
        .unwrap_or_else(|| panic!("no status changes: {last}"));
    assert!(
        changes.contains("Chỉ tiêu Tăng: Chậm tiến độ → Cần tăng tốc"),
        "{changes}"
    );
    assert!(
        changes.contains("Chỉ tiêu Giảm: Đúng tiến độ → Chậm tiến độ"),
        "{changes}"
    );
    assert!(
        changes.contains("Chỉ tiêu Sửa: Chậm tiến độ → Đúng tiến độ"),
        "{changes}"
    );
    assert!(!changes.contains("Chỉ tiêu Giữ"), "{changes}");
    assert!(
        !changes.contains("Chỉ tiêu Mới"),
        "a first figure has no before: {changes}"
    );
    assert!(last.contains("Chỉ tiêu Mới: số liệu đầu tiên"), "{last}");
    assert!(
        last.contains("Chỉ tiêu Sửa (31/12/2023): 52% → 65%"),
        "{last}"
    );
    let en = visible_text(&read(&out, "en/plans/ke-hoach/reports/nam-2022.html"));
    assert!(en.contains("This is the plan's first report"), "{en}");
    let radio = read(&out, "plans/ke-hoach/reports/nam-2022/radio.txt");
    assert!(
        radio.contains("Đây là báo cáo đầu tiên của kế hoạch"),
        "{radio}"
    );
}

/// Downloads that hold an old and a revised figure say which is current, so that summing a
/// column counts each figure once; every reported row says whether it is illustrative, and the
/// data package says the site holds illustrative rows.
#[test]
fn downloads_mark_current_and_illustrative_rows() {
    let (_t, out) = build(&crate::fixture("progress"));
    let csv = read(&out, "data/van-quan-2021-2025-progress.csv");
    let mut rows = csv.lines().map(|l| l.trim_start_matches('\u{feff}'));
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("{name}: {header:?}"))
    };
    let (ill, cur, target, as_of, value) = (
        col("Minh họa"),
        col("Hiện hành"),
        col("Mã chỉ tiêu"),
        col("Số liệu tính đến"),
        col("Giá trị"),
    );
    let poverty_2022: Vec<(String, String, String)> = rows
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|c| c[target] == "poverty" && c[as_of] == "2022-12-31")
        .map(|c| (c[value].to_string(), c[cur].to_string(), c[ill].to_string()))
        .collect();
    assert_eq!(
        poverty_2022,
        [
            ("15.5".to_string(), "false".to_string(), "true".to_string()),
            ("16.0".to_string(), "true".to_string(), "true".to_string())
        ]
    );
    let json = read(&out, "data/van-quan-2021-2025-progress.json");
    assert!(
        json.contains("\"current\": false") || json.contains("\"current\":false"),
        "{json}"
    );
    let package = read(&out, "data/datapackage.json");
    assert!(package.contains("dữ liệu minh họa"), "{package}");
    let money = read(&out, "en/data/van-quan-2021-2025-money.csv");
    assert!(
        money
            .lines()
            .next()
            .unwrap()
            .contains("Illustrative,Current"),
        "{money}"
    );
}

/// An amount typed in đồng where the tables are in million đồng is named at its line (TOML) or
/// cell (CSV), with the amount it would be in million VND.
#[test]
fn an_amount_typed_in_dong_is_named() {
    let (_tmp, content) = copy_fixture("basic");
    crate::edit(
        &content,
        "plans/dai-tu-2022/projects.toml",
        "amount = \"5.111,0\"",
        "amount = \"5.111.000.000\"",
    );
    let (code, _, err) = crate::run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("projects.toml:15:10:")
            && err.contains("was it typed in đồng?")
            && err.contains("is 5.111 million VND"),
        "{err}"
    );
    let (_tmp, content) = copy_fixture("budget-tables");
    crate::edit(
        &content,
        "plans/dai-tu-2022/budget.csv",
        "du-an-1;447,0;",
        "du-an-1;447000000;",
    );
    let (_, _, err) = crate::run(&["check", "--content", content.to_str().unwrap()]);
    assert!(
        err.contains("budget.csv:3:")
            && err.contains("was it typed in đồng?")
            && err.contains("is 447 million VND"),
        "{err}"
    );
}
