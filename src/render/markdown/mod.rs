//! Markdown → HTML for narrative pages and plan documents (CommonMark with tables).
//!
//! Raw HTML in the Markdown is shown as text, not passed through: plan documents are converted
//! from Word and PDF files and carry stray tags (`<p>`, `<ul style=…>`), and a page must never run
//! markup or scripts that an author pasted by accident. Hugo does the same by default. Heading
//! attributes (`{#id .class key=value}`) keep only an `id` and classes made of safe characters,
//! control characters are dropped from the text, and the finished HTML goes through ammonia, an
//! allow-list sanitiser, as a second wall: whatever slips past the first is removed there.
//!
//! Headings that start with the document's own numbering ("II. MỤC TIÊU", "2.2.1. …", "c) …")
//! get a stable anchor built from their place in that numbering (`s-II.2`, `s-IV.4.1.c`), so the
//! `ref = "II.2"` of a target, project or duty can link to the very section of the original text
//! it was taken from.

mod numbering;
mod sanitise;

use crate::model::link;
use crate::model::text::strip_forbidden;
use numbering::number_headings;
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use sanitise::{safe_token, sanitise};
use std::collections::HashMap;

/// A heading of a rendered document, for its table of contents.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
}

/// A rendered document: its HTML, its headings, and the section numbers that lead to them.
pub struct Document {
    pub html: String,
    pub headings: Vec<Heading>,
    pub sections: Sections,
}

/// Section numbers of a document ("II.2", "2.2.1") → anchor id of the heading.
#[derive(Debug, Default)]
pub struct Sections {
    anchors: HashMap<String, String>,
}

impl Sections {
    /// The anchor of a section reference, or of the nearest enclosing section that is a heading
    /// ("V.20", a numbered paragraph of section V, resolves to V).
    pub fn resolve(&self, reference: &str) -> Option<&str> {
        let mut key = reference.trim().trim_end_matches('.');
        loop {
            if let Some(id) = self.anchors.get(key) {
                return Some(id);
            }
            key = &key[..key.rfind('.')?];
        }
    }
}

pub fn to_html(markdown: &str) -> String {
    document(markdown, 0).html
}

fn lower(level: HeadingLevel, by: u8) -> HeadingLevel {
    use HeadingLevel::*;
    match (level as u8 + by).min(6) {
        1 => H1,
        2 => H2,
        3 => H3,
        4 => H4,
        5 => H5,
        _ => H6,
    }
}

/// Renders a document, giving its numbered headings section anchors. Headings are pushed down
/// `shift` levels (a document's `#` title becomes an `h2` under the page's own `h1`).
pub fn document(markdown: &str, shift: u8) -> Document {
    let mut events = events(markdown);
    if shift > 0 {
        for e in &mut events {
            match e {
                Event::Start(Tag::Heading { level, .. }) | Event::End(TagEnd::Heading(level)) => {
                    *level = lower(*level, shift);
                }
                _ => {}
            }
        }
    }
    let mut anchors = HashMap::new();
    let mut headings = Vec::new();
    for h in number_headings(&mut events) {
        for key in h.keys {
            anchors.entry(key).or_insert_with(|| h.id.clone());
        }
        headings.push(h.heading);
    }
    let mut html = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut html, events.into_iter());
    Document {
        html: sanitise(&html),
        headings,
        sections: Sections { anchors },
    }
}

/// Parses Markdown into events a page may show: raw HTML becomes text, a link to anything but
/// a web page, e-mail address or page of the site (`javascript:`, `data:` …) keeps its words but
/// loses the link, and an image from another site becomes its description, since the site loads
/// nothing from outside.
fn events(markdown: &str) -> Vec<Event<'_>> {
    let opts = link::markdown_options();
    // For each open link or image: whether it was dropped.
    let mut open: Vec<bool> = Vec::new();
    Parser::new_ext(markdown, opts)
        .filter_map(|e| match e {
            Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(clean_text(raw))),
            Event::Text(t) => Some(Event::Text(clean_text(t))),
            Event::Code(t) => Some(Event::Code(clean_text(t))),
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => Some(Event::Start(Tag::Heading {
                level,
                id: id.filter(|i| safe_token(i)),
                classes: classes.into_iter().filter(|c| safe_token(c)).collect(),
                attrs: Vec::new(),
            })),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = address(clean_text(dest_url), false);
                open.push(dest_url.is_none());
                dest_url.map(|dest_url| {
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title: clean_text(title),
                        id,
                    })
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = address(clean_text(dest_url), true);
                open.push(dest_url.is_none());
                dest_url.map(|dest_url| {
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title: clean_text(title),
                        id,
                    })
                })
            }
            Event::End(TagEnd::Link | TagEnd::Image) => (!open.pop().unwrap_or(false)).then_some(e),
            other => Some(other),
        })
        .collect()
}

/// The address a link or image is published with, or `None` when only its words are (the
/// rule of `model::link`, which `check` also applies to warn the author).
fn address(url: CowStr<'_>, image: bool) -> Option<CowStr<'_>> {
    match link::verdict(&url, image) {
        link::Verdict::Keep => Some(url),
        link::Verdict::Rewrite(to, _) => Some(CowStr::from(to)),
        link::Verdict::Drop(_) => None,
    }
}

/// Text without the characters no page may show.
fn clean_text(t: CowStr<'_>) -> CowStr<'_> {
    match strip_forbidden(&t) {
        std::borrow::Cow::Borrowed(_) => t,
        std::borrow::Cow::Owned(s) => CowStr::from(s),
    }
}

/// The words of a Markdown text, without its markup (for the search index).
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for e in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match e {
            Event::Text(t) | Event::Code(t) => {
                out.push_str(&strip_forbidden(&t));
                out.push(' ');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_tables_and_headings() {
        let html = to_html("# Kế hoạch\n\n| TT | Mục tiêu |\n|---|---|\n| 1 | Thu nhập |\n");
        assert!(html.contains("<h1 id=\"h-1\">Kế hoạch</h1>"), "{html}");
        assert!(html.contains("<td>Thu nhập</td>"));
    }

    #[test]
    fn raw_html_is_shown_as_text_never_run() {
        let html = to_html("Phần đầu <p>80%</p>\n\n<script>alert(1)</script>\n");
        assert!(html.contains("&lt;p&gt;80%&lt;/p&gt;"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn heading_attributes_cannot_carry_scripts() {
        let md = "# Giới thiệu {tabindex=1 autofocus onfocus=alert(document.domain)}\n\n\
                  ## Mục {#muc .lead onclick=x}\n\n## Bad {#\"x\"onmouseover=y}\n";
        let html = to_html(md);
        for bad in [
            "onfocus",
            "autofocus",
            "tabindex",
            "onclick",
            "onmouseover",
            "alert",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(
            html.contains(r#"<h2 id="muc" class="lead">Mục</h2>"#),
            "{html}"
        );
    }

    #[test]
    fn vietnamese_lettered_headings_keep_their_anchor_and_page_ids_are_not_reused() {
        let d = document(
            "## V. TỔ CHỨC\n\n### 9. Các xã\n\n#### đ) Mục đ\n\n## Phụ {#main}\n",
            0,
        );
        assert!(
            d.html.contains(r#"<h4 id="s-V.9.đ">đ) Mục đ</h4>"#),
            "{}",
            d.html
        );
        assert_eq!(d.sections.resolve("V.9.đ"), Some("s-V.9.đ"));
        assert!(d.html.contains(r#"<h2 id="main-2">Phụ</h2>"#), "{}", d.html);
    }

    #[test]
    fn control_characters_never_reach_the_page() {
        let html = to_html(
            "a\u{0}b \u{1b}[31mred &#27; `c\u{7}d`\n\n# x\u{202e}y\n\n[l](a\u{7}b.html \"t\u{7}i\") ![i](c.png \"\u{1b}\")\n",
        );
        for c in ['\u{0}', '\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(!html.contains(c), "{c:?} in {html:?}");
        }
    }

    #[test]
    fn table_alignment_becomes_a_class_and_the_sanitiser_keeps_the_markup() {
        let html = to_html("| a | b |\n|:--|--:|\n| 1 | 2 |\n\n[x](page.html \"t\") ~~y~~\n");
        assert!(html.contains(r#"<th class="al-left">a</th>"#), "{html}");
        assert!(html.contains(r#"<td class="al-right">2</td>"#), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(
            html.contains(r#"<a href="page.html" title="t">x</a>"#),
            "{html}"
        );
        assert!(html.contains("<del>y</del>"), "{html}");
    }

    #[test]
    fn unsafe_links_lose_their_address_and_remote_images_their_picture() {
        let html = to_html(
            "[xem](javascript:alert(1)) [web](https://example.org) [trang](about.html) \
             ![ảnh](https://tracker.example/x.png) ![biểu đồ](static/a.png) [thư](mailto:a@b.vn)",
        );
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("xem"), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.org">web</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"<a href="about.html">trang</a>"#), "{html}");
        assert!(!html.contains("tracker.example"), "{html}");
        assert!(html.contains("ảnh"), "{html}");
        assert!(
            html.contains(r#"<img src="static/a.png" alt="biểu đồ""#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="mailto:a@b.vn">thư</a>"#),
            "{html}"
        );
    }

    const DOC: &str = "# Kế hoạch\n\n## I. MỤC ĐÍCH\n\n### 1. Mục đích\n\n## II. MỤC TIÊU\n\n\
        ### 2.2. Mục tiêu cụ thể\n\n#### 2.2.1. Đến năm 2025\n\n## IV. NỘI DUNG\n\n\
        ### 4. Dự án 4\n\n#### 4.1. Tiểu dự án 1\n\n##### c) Vốn\n\n## PHỤ LỤC\n";

    #[test]
    fn numbered_headings_get_section_anchors() {
        let d = document(DOC, 0);
        assert!(
            d.html.contains("<h2 id=\"s-I\">I. MỤC ĐÍCH</h2>"),
            "{}",
            d.html
        );
        assert!(d.html.contains("<h3 id=\"s-I.1\">1. Mục đích</h3>"));
        assert!(d.html.contains("<h4 id=\"s-II.2.2.1\">"));
        assert!(d.html.contains("<h4 id=\"s-IV.4.1\">"));
        assert!(d.html.contains("<h5 id=\"s-IV.4.1.c\">c) Vốn</h5>"));
        let ids: Vec<_> = d.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids.len(), 11);
        assert_eq!(d.headings[10].text, "PHỤ LỤC");
    }

    #[test]
    fn headings_can_be_pushed_under_the_page_title() {
        let d = document(DOC, 1);
        assert!(
            d.html.contains("<h2 id=\"h-1\">Kế hoạch</h2>"),
            "{}",
            d.html
        );
        assert!(d.html.contains("<h3 id=\"s-I\">I. MỤC ĐÍCH</h3>"));
        assert!(d.html.contains("<h6 id=\"s-IV.4.1.c\">c) Vốn</h6>"));
        assert_eq!(d.headings[1].level, 3);
    }

    #[test]
    fn repeated_numbers_get_distinct_ids_and_refs_find_the_first() {
        let d = document("## I. A\n\n## I. B\n\n## Phụ lục {#s-I}\n", 0);
        assert!(d.html.contains(r#"<h2 id="s-I">I. A</h2>"#), "{}", d.html);
        assert!(d.html.contains(r#"<h2 id="s-I-2">I. B</h2>"#), "{}", d.html);
        assert!(
            d.html.contains(r#"<h2 id="s-I-3">Phụ lục</h2>"#),
            "{}",
            d.html
        );
        assert_eq!(
            document("## I. A\n\n## I. B\n", 0).sections.resolve("I"),
            Some("s-I")
        );
    }

    #[test]
    fn references_resolve_to_the_nearest_heading() {
        let s = document(DOC, 0).sections;
        assert_eq!(s.resolve("I.1"), Some("s-I.1"));
        assert_eq!(s.resolve("2.2.1"), Some("s-II.2.2.1"));
        assert_eq!(s.resolve("IV.4.1.c"), Some("s-IV.4.1.c"));
        // A numbered paragraph inside a section leads to the section.
        assert_eq!(s.resolve("I.1.3"), Some("s-I.1"));
        assert_eq!(s.resolve("IV"), Some("s-IV"));
        assert_eq!(s.resolve("VII.2"), None);
    }
}
