//! Markdown pages and full texts: splitting front matter and rendering never panic, and no
//! rendered page carries a script, an event handler, an inline style, a `javascript:` address or
//! a control character.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minhbach::load::parse_page;
use minhbach::model::text::is_forbidden;
use minhbach::problem::SourceFile;
use minhbach::render::markdown;

/// The attributes (name, value) of every tag in `html`, read as a browser would.
fn attributes(html: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        i += 1;
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
            i += 1;
        }
        let tag = html[start..i].to_ascii_lowercase();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let n = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>') {
                i += 1;
            }
            let name = html[n..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    i += 1;
                    let v = i;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    value = html[v..i.min(b.len())].to_string();
                    i += 1;
                } else {
                    let v = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[v..i].to_string();
                }
            }
            out.push((tag.clone(), name, value));
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let file = SourceFile::new("page.vi.md", s);
    let body = match parse_page(&file, "page", "vi") {
        Ok(p) => p.body,
        Err(_) => s.to_string(),
    };
    let doc = markdown::document(&body, 1);
    let allowed_tags = [
        "p", "/p", "h1", "h2", "h3", "h4", "h5", "h6", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6",
        "blockquote", "/blockquote", "pre", "/pre", "code", "/code", "ol", "/ol", "ul", "/ul",
        "li", "/li", "em", "/em", "strong", "/strong", "del", "/del", "a", "/a", "img", "table",
        "/table", "thead", "/thead", "tbody", "/tbody", "tr", "/tr", "th", "/th", "td", "/td",
        "hr", "br",
    ];
    for (tag, name, value) in attributes(&doc.html) {
        assert!(allowed_tags.contains(&tag.as_str()), "tag <{tag}> in {}", doc.html);
        assert!(
            matches!(name.as_str(), "id" | "class" | "href" | "title" | "src" | "alt" | "start"),
            "attribute {name} on <{tag}>"
        );
        if name == "href" || name == "src" {
            let u: String = value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            assert!(
                !["javascript:", "data:", "vbscript:"].iter().any(|p| u.starts_with(p)),
                "{name}={value}"
            );
        }
    }
    assert!(!doc.html.chars().any(is_forbidden), "control character in {:?}", doc.html);
    for r in ["I", "II.2", "2.2.1", "IV.4.1.c", "V.20"] {
        let _ = doc.sections.resolve(r);
    }
});
