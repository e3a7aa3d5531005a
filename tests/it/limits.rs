//! Memory and time bounded by the input's size, whatever the input: files, tables and texts
//! over their documented limits are refused with the file, place and limit; messages never
//! echo a huge value; text is published in composed Unicode; pages keep their
//! Content-Security-Policy, and a script in a published static file is named.

use crate::{copy_fixture, edit, run, theme};
use std::fs;
use std::path::Path;

fn check(content: &Path) -> (i32, String, String) {
    run(&[
        "check",
        "--content",
        content.to_str().unwrap(),
        "--theme",
        theme().to_str().unwrap(),
    ])
}

fn build_to(content: &Path, out: &Path) -> (i32, String, String) {
    run(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--theme",
        theme().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ])
}

/// A CSV line of 5 MiB: refused by its size, not read; the message is short.
#[test]
fn a_content_file_over_its_limit_is_refused_unread() {
    let (_tmp, content) = copy_fixture("budget-tables");
    let csv = content.join("plans/dai-tu-2022/budget.csv");
    let mut text = fs::read_to_string(&csv).unwrap();
    text.push_str(&format!(
        "du-an-1;{};central;;allocated;2022;;;\n",
        "9".repeat(5 << 20)
    ));
    fs::write(&csv, text).unwrap();
    let (code, out, err) = check(&content);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("plans/dai-tu-2022/budget.csv") && err.contains("at most 4.0 MiB"),
        "{err}"
    );
    assert!(err.len() < 4_000, "stderr of {} bytes", err.len());
}

/// A million budget rows (tens of MB) are refused by the file's size; a table of 10,001 rows
/// under the size limit by its length, at the first row too many.
#[test]
fn a_table_over_its_row_limit_is_refused_at_the_first_row_too_many() {
    let (_tmp, content) = copy_fixture("budget-tables");
    let csv = content.join("plans/dai-tu-2022/budget.csv");
    let mut text = fs::read_to_string(&csv).unwrap();
    let header_and_rows = text.lines().count();
    for _ in 0..10_001 {
        text.push_str("du-an-1;1,0;central;;allocated;2022;;;\n");
    }
    fs::write(&csv, text).unwrap();
    let (code, _, err) = check(&content);
    assert_eq!(code, 1, "{err}");
    let line = 10_000 + 2; // the header, then 10,000 rows
    assert!(
        err.contains(&format!("budget.csv:{line}:")) && err.contains("more than 10000 entries"),
        "{err}"
    );
    assert!(header_and_rows < 100);
    assert!(err.len() < 4_000, "stderr of {} bytes", err.len());
}

/// A title of 50,000 characters, in TOML and in a CSV cell: refused at its line, the message
/// quoting no more than a few dozen characters of it.
#[test]
fn a_text_over_its_limit_is_refused_at_its_line_without_being_echoed() {
    let (_tmp, content) = copy_fixture("basic");
    let huge = "Giải quyết ".repeat(5_000);
    edit(
        &content,
        "plans/dai-tu-2022/projects.toml",
        "Giải quyết tình trạng thiếu đất ở, nhà ở",
        &huge,
    );
    let (code, _, err) = check(&content);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("plans/dai-tu-2022/projects.toml:4:")
            && err.contains("`title` holds 55000 characters; it may hold at most 1000"),
        "{err}"
    );
    assert!(err.len() < 2_000, "stderr of {} bytes", err.len());

    let (_tmp, content) = copy_fixture("budget-tables");
    edit(
        &content,
        "plans/dai-tu-2022/budget.csv",
        "Theo nhu cầu thực tế",
        &"x".repeat(25_000),
    );
    let (code, _, err) = check(&content);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("budget.csv:4:") && err.contains("`note` holds 25000 characters"),
        "{err}"
    );
    assert!(err.len() < 2_000, "stderr of {} bytes", err.len());
}

/// A value the parser quotes (an unknown source, an id, a figure) is clipped in the message.
#[test]
fn huge_bad_values_are_clipped_in_every_message() {
    let (_tmp, content) = copy_fixture("basic");
    let huge = "q".repeat(15_000);
    let path = "plans/dai-tu-2022/projects.toml";
    edit(
        &content,
        path,
        "source = \"central\"",
        &format!("source = \"{huge}\""),
    );
    edit(
        &content,
        path,
        "lead = [\"dai-tu-phong-dan-toc\"]",
        &format!("lead = [\"{huge}\"]"),
    );
    edit(
        &content,
        path,
        "amount = \"447,0\"",
        &format!("amount = \"{huge}\""),
    );
    let (code, out, err) = check(&content);
    assert_eq!(code, 1, "{err}");
    assert!(err.matches("projects.toml:").count() >= 3, "{err}");
    assert!(err.contains('…'), "{err}");
    assert!(err.len() < 3_000, "stderr of {} bytes:\n{err}", err.len());
    // The machine-readable report clips them too.
    let (_, json, _) = run(&[
        "check",
        "--content",
        content.to_str().unwrap(),
        "--theme",
        theme().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(json.len() < 5_000, "{} bytes of JSON", json.len());
    let _ = out;
}

/// Decomposed Vietnamese (as some Mac and Windows tools save it) is published composed, so
/// that search, sorting and open data agree with what the author sees.
#[test]
fn decomposed_text_is_published_composed() {
    let (tmp, content) = copy_fixture("basic");
    let composed = "Giải quyết tình trạng thiếu đất ở, nhà ở";
    let decomposed: String = {
        // "ả" = a + hook above, "ế" = e + circumflex + acute … written by hand, not by the code
        // under test.
        composed
            .replace('ả', "a\u{309}")
            .replace('ế', "e\u{302}\u{301}")
            .replace('ì', "i\u{300}")
            .replace('ạ', "a\u{323}")
            .replace('ấ', "a\u{302}\u{301}")
            .replace('ở', "o\u{31b}\u{309}")
            .replace('à', "a\u{300}")
    };
    assert_ne!(decomposed, composed);
    edit(
        &content,
        "plans/dai-tu-2022/projects.toml",
        composed,
        &decomposed,
    );
    let out = tmp.path().join("site");
    let (code, _, err) = build_to(&content, &out);
    assert_eq!(code, 0, "{err}");
    let mut seen = 0;
    for e in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let p = e.path();
        if !p.is_file()
            || !matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("html" | "csv" | "json" | "js")
            )
        {
            continue;
        }
        let text = fs::read_to_string(p).unwrap();
        assert!(
            !text.contains("e\u{302}\u{301}") && !text.contains("o\u{31b}\u{309}"),
            "{} holds decomposed text",
            p.display()
        );
        seen += text.matches(composed).count();
    }
    assert!(
        seen > 3,
        "the title is published composed in only {seen} places"
    );
}

/// Every page the site makes carries its Content-Security-Policy first in its head; a theme
/// that drops it is refused.
#[test]
fn every_page_keeps_the_content_security_policy() {
    let (tmp, content) = copy_fixture("basic");
    let out = tmp.path().join("site");
    let (code, _, err) = build_to(&content, &out);
    assert_eq!(code, 0, "{err}");
    let mut pages = 0;
    for e in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.path().extension().and_then(|x| x.to_str()) != Some("html") {
            continue;
        }
        let page = fs::read_to_string(e.path()).unwrap();
        let policy = page
            .find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'")
            .unwrap_or_else(|| panic!("{} has no policy", e.path().display()));
        assert!(
            page.find("<script").is_none_or(|s| s > policy),
            "{}",
            e.path().display()
        );
        pages += 1;
    }
    assert!(pages > 20, "{pages}");
    // A theme whose base.html leaves the policy out.
    let theme_dir = tmp.path().join("theme");
    crate::copy_dir(&theme(), &theme_dir);
    let base = theme_dir.join("templates/base.html");
    let text = fs::read_to_string(&base).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.contains("Content-Security-Policy"))
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(&base, without).unwrap();
    let (code, _, err) = run(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--theme",
        theme_dir.to_str().unwrap(),
        "--output",
        tmp.path().join("other").to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("without the site's Content-Security-Policy"),
        "{err}"
    );
}

/// A page or drawing in `static/` that runs a script is published as the author gave it, with
/// a warning naming the file (and `--strict` stops on it); a plain one passes silently.
#[test]
fn a_static_file_with_a_script_is_named_in_a_warning() {
    let (_tmp, content) = copy_fixture("basic");
    fs::create_dir_all(content.join("static/img")).unwrap();
    fs::write(
        content.join("static/img/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>",
    )
    .unwrap();
    let (code, out, err) = check(&content);
    assert_eq!(code, 0, "{err}");
    assert!(
        !err.contains("logo.svg") && !out.contains("logo.svg"),
        "{err}"
    );
    fs::write(
        content.join("static/img/map.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"fetch('//x')\"></svg>",
    )
    .unwrap();
    fs::write(
        content.join("static/old.html"),
        "<html><body><SCRIPT>alert(1)</SCRIPT></body></html>",
    )
    .unwrap();
    let (code, _, err) = check(&content);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("static/img/map.svg") && err.contains("onload="),
        "{err}"
    );
    assert!(
        err.contains("static/old.html") && err.contains("<script>"),
        "{err}"
    );
    let (code, _, _) = run(&[
        "check",
        "--content",
        content.to_str().unwrap(),
        "--theme",
        theme().to_str().unwrap(),
        "--strict",
    ]);
    assert_eq!(code, 1);
}

/// A static file over 100 MiB (sparse, so nothing is written to disk) is refused by `check`,
/// before any build, with its size and the limit.
#[test]
fn a_static_file_over_its_limit_is_refused_by_check() {
    let (_tmp, content) = copy_fixture("basic");
    fs::create_dir_all(content.join("static")).unwrap();
    let f = fs::File::create(content.join("static/scan.pdf")).unwrap();
    f.set_len((100 << 20) + 1).unwrap();
    let (code, _, err) = check(&content);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("static/scan.pdf") && err.contains("at most 100.0 MiB"),
        "{err}"
    );
}

/// A table with thousands of bad rows prints at most 30 problems of that file, then how many
/// more there are; the JSON report keeps them all.
#[test]
fn a_file_broken_throughout_prints_a_bounded_list() {
    let (_tmp, content) = copy_fixture("budget-tables");
    let csv = content.join("plans/dai-tu-2022/budget.csv");
    let mut text = fs::read_to_string(&csv).unwrap();
    for _ in 0..2_000 {
        text.push_str("du-an-1;abc;central;;allocated;2022;;;\n");
    }
    fs::write(&csv, text).unwrap();
    let (code, _, err) = check(&content);
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.matches("budget.csv:").count(), 31, "{err}");
    assert!(err.contains("1970 more problems not shown"), "{err}");
    let (_, json, _) = run(&[
        "check",
        "--content",
        content.to_str().unwrap(),
        "--theme",
        theme().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(json.matches("budget.csv").count() >= 2_000);
}
