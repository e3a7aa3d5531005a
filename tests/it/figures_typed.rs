//! Figures as they were typed, and discrepancies as the document has them. A figure typed with
//! decimals ("837,0") reads so on every page, notice, radio script, feed, download, drawing and
//! search entry, in both languages; a spreadsheet's number reads as Excel shows it; a total
//! computed by a formula is never called printed; `check` names every discrepancy the pages
//! show, with the same figures and unit; every feed entry of illustrative figures says so.

use crate::{build, copy_fixture, edit, fixture, read, run, visible_text};
use std::path::{Path, PathBuf};

mod sheets;

/// Every text a reader or a tool gets from a built site, by file: pages and drawings as visible
/// text, everything else as written. Files of hashes (the manifest, the data package) left out.
fn every_output(out: &Path) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for e in walkdir::WalkDir::new(out) {
        let e = e.unwrap();
        let rel = e
            .path()
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let ext = rel.rsplit('.').next().unwrap_or("");
        if !e.file_type().is_file()
            || rel.ends_with("manifest.json")
            || rel.ends_with("datapackage.json")
            || !["html", "svg", "txt", "xml", "csv", "json", "js"].contains(&ext)
        {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        let text = match ext {
            "html" | "svg" => visible_text(&without(&without(&text, "script"), "style")),
            _ => text,
        };
        all.push((rel, text));
    }
    all
}

/// `html` without its `<tag>` elements and their content.
fn without(html: &str, tag: &str) -> String {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = String::new();
    let mut rest = html;
    while let Some(a) = rest.find(&open) {
        out.push_str(&rest[..a]);
        rest = rest[a..]
            .find(&close)
            .map_or("", |b| &rest[a + b + close.len()..]);
    }
    out.push_str(rest);
    out
}

/// The ways a figure typed `int,frac` would read with fewer decimals than typed, in Vietnamese,
/// English and plain (download) notation: "1.237" / "1,237" / "1237" for "1.237,0".
fn shortened(typed: &str) -> Vec<String> {
    let (int, frac) = typed.split_once(',').unwrap();
    let plain: String = int.chars().filter(|c| *c != '.').collect();
    let en = int.replace('.', ",");
    let mut forms = Vec::new();
    for keep in 0..frac.len() {
        let f = &frac[..keep];
        for (i, mark) in [
            (int.to_string(), ','),
            (en.clone(), '.'),
            (plain.clone(), '.'),
        ] {
            forms.push(if f.is_empty() {
                i
            } else {
                format!("{i}{mark}{f}")
            });
        }
    }
    forms.sort();
    forms.dedup();
    forms
}

/// Places in `text` where `form` stands as a whole figure: not inside a longer number or an
/// entity (no digit, mark, slash or `#` before it; no digit after it, nor a mark and a digit),
/// and not a computed approximation ("khoảng 99,8%").
fn standing(text: &str, form: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    for (i, _) in text.match_indices(form) {
        let before = i.checked_sub(1).map(|j| b[j]);
        let end = i + form.len();
        let after = b.get(end).copied();
        let after2 = b.get(end + 1).copied();
        let inside = matches!(before, Some(c) if c.is_ascii_digit() || b".,/-#".contains(&c))
            || after.is_some_and(|c| c.is_ascii_digit())
            || (matches!(after, Some(b'.' | b',')) && after2.is_some_and(|c| c.is_ascii_digit()));
        // A projection is computed, rounded for display, and says so.
        let approx = ["khoảng ", "about ", "≈ "]
            .iter()
            .any(|w| text[..i].ends_with(w));
        if !inside && !approx {
            let from = text.floor_char_boundary(i.saturating_sub(50));
            let to = text.ceil_char_boundary((end + 30).min(text.len()));
            found.push(text[from..to].to_string());
        }
    }
    found
}

/// The progress fixture's figures retyped with decimals, each unlike any other figure of the
/// site: file of the plan | as written | as retyped (`\n` a line break). The water target's year
/// is moved to 2023, passed, so that its page says why it was not met.
const RETYPED: &str = r#"
targets.toml | value = "20", year | value = "47,0", year
targets.toml | horizon = 2025\nindicator = { vi = "Tỷ lệ dân cư | horizon = 2023\nindicator = { vi = "Tỷ lệ dân cư
targets.toml | value = "99,7" | value = "99,90"
projects.toml | value = "200" | value = "203,0"
projects.toml | amount = "39.559" | amount = "39.559,0"
reports/nam-2022.toml | value = "15,5" | value = "41,0"
reports/nam-2022.toml | value = "98,0" | value = "97,0"
reports/nam-2022.toml | value = "1.200" | value = "1.237,0"
reports/nam-2022.toml | value = "30"\nreference_value = "60" | value = "33,0"\nreference_value = "66,0"
reports/nam-2022.toml | amount = "10.000" | amount = "10.007,0"
reports/nam-2022.toml | amount = "4.000" | amount = "4.003,0"
reports/nam-2022.toml | done = "80" | done = "87,0"
reports/nam-2023.toml | value = "11,0" | value = "37,0"
reports/nam-2023.toml | value = "16,0" | value = "43,0"
reports/nam-2023.toml | value = "99,8" | value = "99,80"
reports/nam-2023.toml | value = "800" | value = "837,0"
reports/nam-2023.toml | value = "300" | value = "337,0"
reports/nam-2023.toml | value = "36"\nreference_value = "64" | value = "39,0"\nreference_value = "72,0"
reports/nam-2023.toml | amount = "12.000" | amount = "12.011,0"
reports/nam-2023.toml | amount = "9.000" | amount = "9.013,0"
reports/nam-2023.toml | amount = "4.200" | amount = "4.201,0"
reports/nam-2023.toml | done = "150" | done = "151,0"
"#;

/// The figures as retyped.
const TYPED: [&str; 23] = [
    "47,0", "99,90", "203,0", "39.559,0", "41,0", "97,0", "1.237,0", "33,0", "66,0", "10.007,0",
    "4.003,0", "87,0", "37,0", "43,0", "99,80", "837,0", "337,0", "39,0", "72,0", "12.011,0",
    "9.013,0", "4.201,0", "151,0",
];

/// The progress fixture with every figure typed with decimals.
fn typed_with_decimals() -> (tempfile::TempDir, PathBuf) {
    let (tmp, content) = copy_fixture("progress");
    for row in RETYPED.lines().filter(|l| !l.is_empty()) {
        let [file, from, to] = [0, 1, 2].map(|i| row.split(" | ").nth(i).unwrap());
        let (from, to) = (from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        edit(
            &content,
            &format!("plans/van-quan-2021-2025/{file}"),
            &from,
            &to,
        );
    }
    (tmp, content)
}

/// Numbers typed with decimals keep them everywhere they are shown as that figure: never "837"
/// on one page and "837,0" on another, nor a target's "4,5" as "4,50". Found before: a target's
/// level in the explanations and on its chart ("≥ 99%" for "99,0"), the rate a target asks
/// ("4,50" for "4,5"), the latest value on a chart and in the sentence of a target whose year
/// has passed, and a chart's downloadable figures ("1237" for "1.237,0").
#[test]
fn a_figure_typed_with_decimals_keeps_them_everywhere() {
    let (_t, content) = typed_with_decimals();
    let (_o, out) = build(&content);
    let typed = TYPED;
    let all = every_output(&out);
    let mut wrong = Vec::new();
    for (file, text) in &all {
        for figure in typed {
            for form in shortened(figure) {
                for at in standing(text, &form) {
                    wrong.push(format!("{file}: {figure} as {form}: …{at}…"));
                }
            }
        }
        // A figure is never given decimals it was not typed with: the rate asked is "4,5".
        for added in ["4,50", "4.50"] {
            for at in standing(text, added) {
                wrong.push(format!("{file}: 4,5 as {added}: …{at}…"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} shown without their decimals:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    // And each is shown as typed, in each kind of output.
    let text = |rel: &str| {
        all.iter()
            .find(|(f, _)| f == rel)
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("no {rel}"))
    };
    let t = "plans/van-quan-2021-2025/targets/";
    for (rel, want) in [
        (
            format!("{t}water.html"),
            "giá trị mới nhất, 99,80% (31/12/2023), chưa đạt mức ≥ 99,90%",
        ),
        (format!("{t}water.html"), "≥ 99,90%"),
        (format!("en/{t}water.html"), "≥ 99.90%"),
        (
            format!("{t}poverty.html"),
            "so với mức yêu cầu 4,5 điểm phần trăm mỗi năm",
        ),
        (
            format!("{t}poverty.html"),
            "Từ 47,0% (31/12/2021) đến 37,0%",
        ),
        (format!("{t}jobs.html"), "837,0 lao động"),
        (
            "charts/van-quan-2021-2025/targets/jobs.svg".into(),
            "837,0 lao động",
        ),
        (
            "en/charts/van-quan-2021-2025/targets/jobs.svg".into(),
            "837.0 workers",
        ),
        (
            "charts/van-quan-2021-2025/targets/jobs.csv".into(),
            "2022-12-31,1237.0,nam-2022",
        ),
        ("data/progress.csv".into(), ",1237.0,"),
        ("feed.xml".into(), "sửa từ 41,0% thành 43,0%"),
        ("en/feed.xml".into(), "revised from 41.0% to 43.0%"),
        (
            "plans/van-quan-2021-2025/radio.txt".into(),
            "đã giải ngân 9.013,0 trên 12.011,0 triệu đồng",
        ),
        (
            "plans/van-quan-2021-2025/reports/nam-2022/notice.html".into(),
            "1.237,0 lao động",
        ),
        (
            "plans/van-quan-2021-2025/du-an-1.html".into(),
            "151,0 / 203,0 hộ",
        ),
    ] {
        assert!(
            text(&rel).contains(want),
            "{rel} lacks {want:?}:\n{}",
            text(&rel)
        );
    }
}

/// A printed total's discrepancy, as `check` gives it: (printed, sum of the lines, difference),
/// in million VND as the pages write them ("196.832 triệu đồng").
fn check_discrepancies(content: &Path) -> Vec<(String, String, String)> {
    let (_, json, _) = run(&[
        "check",
        "--format",
        "json",
        "--content",
        content.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut found = Vec::new();
    for p in v["problems"].as_array().unwrap() {
        let m = p["message"].as_str().unwrap();
        let Some(rest) = m.strip_prefix("printed total ") else {
            continue;
        };
        let printed = rest.split(" million VND").next().unwrap();
        let sum = m
            .split("they add up to ")
            .nth(1)
            .unwrap()
            .split(" million VND")
            .next()
            .unwrap();
        let diff = m
            .split("a difference of ")
            .nth(1)
            .unwrap()
            .split(" million VND")
            .next()
            .unwrap();
        let diff = diff.replacen('-', "−", 1);
        found.push((
            format!("{printed} triệu đồng"),
            format!("{sum} triệu đồng"),
            format!("{diff} triệu đồng"),
        ));
    }
    found.sort();
    found
}

/// The discrepancies a page shows: every "⚠ … số in trong văn bản X, tổng các dòng Y (chênh
/// lệch D)" of the summary and the notice, and every printed total of the lists that "Không
/// khớp: tổng các dòng là Y (chênh lệch D)".
fn page_discrepancies(text: &str) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    let figure = |s: &str| -> Option<String> {
        let end = s.find(" triệu đồng")?;
        Some(format!("{} triệu đồng", s[..end].rsplit(' ').next()?))
    };
    for part in text.split("⚠").skip(1) {
        if let Some(rest) = part.split("số in trong văn bản ").nth(1) {
            let printed = figure(rest).unwrap();
            let lines = figure(rest.split("tổng các dòng ").nth(1).unwrap()).unwrap();
            let diff = figure(rest.split("chênh lệch ").nth(1).unwrap()).unwrap();
            found.push((printed, lines, diff));
        }
    }
    // The lists of printed totals: "<printed> Mục IV ⚠ Không khớp: tổng các dòng là <sum> (chênh lệch <d>)".
    for (i, _) in text.match_indices("⚠ Không khớp: tổng các dòng là ") {
        let before = &text[..i];
        let printed_end = before.rfind(" triệu đồng").unwrap();
        let printed = format!(
            "{} triệu đồng",
            before[..printed_end].rsplit(' ').next().unwrap()
        );
        let rest = &text[i + "⚠ Không khớp: tổng các dòng là ".len()..];
        let lines = figure(rest).unwrap();
        let diff = figure(rest.split("chênh lệch ").nth(1).unwrap()).unwrap();
        found.push((printed, lines, diff));
    }
    found.sort();
    found.dedup();
    found
}

/// `check` and the pages agree on every discrepancy of the bundled site: each printed total that
/// its lines do not add up to is named by `check` with the figures, unit and difference the plan
/// page, its notices and the data-notes page show, and no page shows one `check` does not name
/// (before: the plan page and ten notices called the sum of two printed totals, 261.405, a
/// printed total of the central budget, which `check` never named). Each revision the pages show
/// is a note of `check` with its old and new figure and unit.
#[test]
fn check_and_the_pages_agree_on_every_discrepancy_of_the_bundled_site() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let checked = check_discrepancies(&content);
    assert!(!checked.is_empty());
    let (_o, out) = build(&content);
    let mut shown = Vec::new();
    for (rel, text) in every_output(&out) {
        if rel.ends_with(".html") && !rel.starts_with("en/") {
            for d in page_discrepancies(&text) {
                assert!(
                    checked.contains(&d),
                    "{rel} shows {d:?}, which check does not name: {checked:?}"
                );
                shown.push(d);
            }
        }
    }
    shown.sort();
    shown.dedup();
    assert_eq!(shown, checked, "check names discrepancies no page shows");
    // Data notes list each, with the same figures.
    let notes = visible_text(&read(&out, "data-notes.html"));
    for (p, l, d) in &checked {
        assert!(notes.contains(&format!("{p} {l} {d}")), "{notes}");
    }
    // Revisions: each one a page shows is a note of check, same figures, same unit.
    let (_, stdout, _) = run(&["check", "--content", content.to_str().unwrap()]);
    let feed = read(&out, "feed.xml");
    for (old, new) in [("9,3%", "9,6%"), ("255,6 triệu đồng", "312,4 triệu đồng")] {
        assert!(
            feed.contains(&format!("sửa từ {old} thành {new}")),
            "{feed}"
        );
        let note = stdout
            .lines()
            .find(|l| l.starts_with("note: ") && l.contains(&format!("{old} (báo cáo")));
        let note = note.unwrap_or_else(|| panic!("no note of {old} → {new}:\n{stdout}"));
        assert!(note.contains(&format!("thành {new}")), "{note}");
    }
}

/// Disbursed above the allocation on one line while the lines together are not: `check` warns
/// of that line, and the pages say so too, with how many lines (before: the pages compared only
/// the lines' totals, 15.000 of 17.000, and showed nothing).
#[test]
fn a_line_disbursed_above_its_allocation_is_on_the_pages_as_in_check() {
    let (_t, content) = copy_fixture("progress");
    let report = content.join("plans/van-quan-2021-2025/reports/nam-2023.toml");
    let mut text = std::fs::read_to_string(&report).unwrap();
    for (phase, amount) in [("allocated", "5.000"), ("disbursed", "6.000")] {
        text.push_str(&format!(
            "\n[[money]]\nproject = \"du-an-4\"\nsource = \"central\"\ncapital = \"investment\"\nyear = 2023\nphase = \"{phase}\"\namount = \"{amount}\"\n"
        ));
    }
    std::fs::write(&report, text).unwrap();
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches("is more than the").count(), 1, "{err}");
    assert!(
        err.contains("disbursed 6.000 million VND (du-an-4, central · investment, 2023"),
        "{err}"
    );
    let (_o, out) = build(&content);
    let plan = visible_text(&read(&out, "plans/van-quan-2021-2025.html"));
    assert!(
        plan.contains("⚠ giải ngân vượt số vốn được giao ở 1 dòng vốn"),
        "{plan}"
    );
    let en = visible_text(&read(&out, "en/plans/van-quan-2021-2025.html"));
    assert!(
        en.contains("⚠ disbursed more than allocated on 1 of its budget lines"),
        "{en}"
    );
    let project = visible_text(&read(&out, "plans/van-quan-2021-2025/du-an-4.html"));
    assert!(
        project.contains("⚠ giải ngân vượt số vốn được giao ở 1 dòng vốn"),
        "{project}"
    );
    let other = visible_text(&read(&out, "plans/van-quan-2021-2025/du-an-1.html"));
    assert!(!other.contains("giải ngân vượt"), "{other}");
}

/// Every feed entry built from an illustrative report says so, in both languages; and so does
/// every row of the downloads it gives.
#[test]
fn every_feed_entry_of_illustrative_figures_carries_the_label() {
    let (_o, out) = build(&fixture("progress"));
    for (feed, label) in [
        (
            "feed.xml",
            "Dữ liệu minh họa — không phải số liệu chính thức",
        ),
        ("en/feed.xml", "Illustrative data — not official figures"),
    ] {
        let xml = read(&out, feed);
        let parsed = feed_rs::parser::parse(xml.as_bytes()).unwrap();
        let mut checked = 0;
        for e in &parsed.entries {
            let title = e
                .title
                .as_ref()
                .map(|t| t.content.clone())
                .unwrap_or_default();
            let summary = e
                .summary
                .as_ref()
                .map(|t| t.content.clone())
                .unwrap_or_default();
            let link = e.links.first().map(|l| l.href.clone()).unwrap_or_default();
            // Every report of the fixture is illustrative: each entry about one must say so.
            if link.contains("/reports/") || title.contains("báo cáo") || title.contains("report")
            {
                assert!(
                    title.contains(label) || summary.contains(label),
                    "{feed}: entry {title:?} lacks the label: {summary}"
                );
                checked += 1;
            }
        }
        assert!(checked >= 3, "{feed}: {checked} entries of reports");
    }
    // Every row of every download with reported figures (all of them illustrative here).
    let mut sets = 0;
    for e in std::fs::read_dir(out.join("data")).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "csv") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut rows = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let head = rows.headers().unwrap().clone();
        let Some(col) = head.iter().position(|h| h == "Minh họa") else {
            continue;
        };
        sets += 1;
        for r in rows.records() {
            assert_eq!(&r.unwrap()[col], "true", "{}", path.display());
        }
    }
    assert!(sets >= 8, "{sets} downloads with an illustrative column");
}

#[test]
fn shortened_forms_are_the_figure_with_fewer_decimals() {
    assert_eq!(shortened("837,0"), ["837"]);
    assert_eq!(shortened("1.237,0"), ["1,237", "1.237", "1237"]);
    assert_eq!(shortened("99,90"), ["99", "99,9", "99.9"]);
    assert_eq!(standing("x 837,0 lao động; 837 hộ", "837").len(), 1);
}
