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

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::model::link;
use crate::model::text::strip_forbidden;

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

/// An id or class a heading may carry: letters (Vietnamese ones too: `s-V.9.đ`), digits, `-`,
/// `_`, `.`, `:`.
fn safe_token(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// The allow-list: exactly what pulldown-cmark writes for the Markdown we enable, nothing else.
static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let headings = ["h1", "h2", "h3", "h4", "h5", "h6"];
    let tags: HashSet<&str> = [
        "p",
        "blockquote",
        "pre",
        "code",
        "ol",
        "ul",
        "li",
        "em",
        "strong",
        "del",
        "a",
        "img",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "hr",
        "br",
    ]
    .into_iter()
    .chain(headings)
    .collect();
    let mut attrs: HashMap<&str, HashSet<&str>> = HashMap::new();
    for h in headings {
        attrs.insert(h, ["id", "class"].into());
    }
    attrs.insert("a", ["href", "title"].into());
    attrs.insert("img", ["src", "alt", "title"].into());
    attrs.insert("ol", ["start"].into());
    attrs.insert("th", ["class"].into());
    attrs.insert("td", ["class"].into());
    attrs.insert("code", ["class"].into());
    let mut b = ammonia::Builder::empty();
    b.tags(tags)
        .tag_attributes(attrs)
        .generic_attributes(HashSet::new())
        .url_schemes(["https", "mailto"].into())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .attribute_filter(|_, attr, value| match attr {
            "id" | "class" if !value.split(' ').all(safe_token) => None,
            _ => Some(value.into()),
        });
    b
});

/// Table alignment as classes (the site's Content-Security-Policy forbids inline styles), then
/// the allow-list: HTML that is provably inside it (every tag and attribute on the list, every
/// address safe) is kept as written; anything else goes through the sanitiser, which removes
/// what is not on the list. Checking is a single scan; sanitising parses the HTML into a tree,
/// which took half the time of rendering a page.
fn sanitise(html: &str) -> String {
    let html = if html.contains(" style=\"") {
        html.replace(r#" style="text-align: left""#, r#" class="al-left""#)
            .replace(r#" style="text-align: center""#, r#" class="al-center""#)
            .replace(r#" style="text-align: right""#, r#" class="al-right""#)
    } else {
        html.to_string()
    };
    if within_allow_list(&html) {
        html
    } else {
        SANITISER.clean(&html).to_string()
    }
}

/// The tags of the allow-list and the attributes each may carry (as `SANITISER`).
fn allowed_attrs(tag: &str) -> Option<&'static [&'static str]> {
    Some(match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => &["id", "class"],
        "a" => &["href", "title"],
        "img" => &["src", "alt", "title"],
        "ol" => &["start"],
        "th" | "td" | "code" => &["class"],
        "p" | "blockquote" | "pre" | "ul" | "li" | "em" | "strong" | "del" | "table" | "thead"
        | "tbody" | "tr" | "hr" | "br" => &[],
        _ => return None,
    })
}

/// Whether `html` is made only of allowed tags with allowed, well-quoted attributes and safe
/// addresses, text between them holding no `<`. Conservative: anything it does not recognise
/// (a comment, an unquoted or entity-laden attribute, an unknown tag) is a no.
fn within_allow_list(html: &str) -> bool {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        let closing = b.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let name_end = html[i..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(html.len(), |n| i + n);
        let Some(attrs) = allowed_attrs(&html[i..name_end]) else {
            return false;
        };
        let tag = &html[i..name_end];
        i = name_end;
        loop {
            match b.get(i) {
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b' ') if html[i..].starts_with(" />") && !closing => {
                    i += 3;
                    break;
                }
                Some(b' ') if !closing => {
                    i += 1;
                    let Some(eq) = html[i..].find("=\"") else {
                        return false;
                    };
                    let name = &html[i..i + eq];
                    if !attrs.contains(&name) {
                        return false;
                    }
                    let start = i + eq + 2;
                    let Some(len) = html[start..].find('"') else {
                        return false;
                    };
                    let value = &html[start..start + len];
                    if value.contains(['<', '>']) || !safe_value(tag, name, value) {
                        return false;
                    }
                    i = start + len + 1;
                }
                _ => return false,
            }
        }
    }
    true
}

/// An attribute's value, entities decoded, is safe for its attribute.
fn safe_value(tag: &str, name: &str, value: &str) -> bool {
    let Some(value) = decode_plain_entities(value) else {
        return false;
    };
    match name {
        "href" => safe_link(&value, false),
        "src" => tag == "img" && safe_link(&value, true),
        "id" | "class" => value.split(' ').all(safe_token),
        "start" => value.bytes().all(|c| c.is_ascii_digit()),
        _ => true,
    }
}

/// `value` with the entities pulldown-cmark writes decoded; `None` for any other entity.
fn decode_plain_entities(value: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !value.contains('&') {
        return Some(value.into());
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (entity, c) = [
            ("&amp;", '&'),
            ("&quot;", '"'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&#39;", '\''),
            ("&#x27;", '\''),
        ]
        .into_iter()
        .find(|(e, _)| rest.starts_with(e))?;
        out.push(c);
        rest = &rest[entity.len()..];
    }
    out.push_str(rest);
    Some(out.into())
}

/// An address the allow-list keeps as written: one the link rule publishes unchanged.
fn safe_link(url: &str, image: bool) -> bool {
    link::verdict(url, image) == link::Verdict::Keep
}

struct Numbered {
    heading: Heading,
    id: String,
    keys: Vec<String>,
}

/// The numbering a heading starts with.
#[derive(Debug, PartialEq)]
enum Number {
    Roman(String),
    Arabic(Vec<String>),
    Letter(String),
}

fn heading_number(text: &str) -> Option<Number> {
    let t = text.trim_start();
    let head: &str = t.split_whitespace().next()?;
    if let Some(l) = head.strip_suffix(')') {
        let mut chars = l.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_alphabetic() && c.is_lowercase() => {
                Some(Number::Letter(c.to_string()))
            }
            _ => None,
        };
    }
    let head = head.trim_end_matches([':', '.']);
    if is_roman(head) {
        return (t[head.len()..].starts_with('.')).then(|| Number::Roman(head.to_string()));
    }
    let parts: Vec<String> = head.split('.').map(str::to_string).collect();
    let numeric = parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    numeric.then_some(Number::Arabic(parts))
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

/// The value of a roman numeral, so that "5.13" (a document numbering its sections 1, 2, …)
/// also finds section V.
fn roman_value(r: &str) -> i32 {
    let v = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        _ => 50,
    };
    let digits: Vec<i32> = r.chars().map(v).collect();
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|next| next > d) {
            total -= d;
        } else {
            total += d;
        }
    }
    total
}

/// Gives every heading an id (its section path when numbered, else `h-<n>`), sets it on the
/// heading's start event unless the author wrote one, and returns the headings with the section
/// keys that lead to them.
fn number_headings(events: &mut [Event<'_>]) -> Vec<Numbered> {
    let mut out = Vec::new();
    // Ids the page layout uses itself are never given to a heading.
    let mut used: std::collections::HashSet<String> =
        ["main", "top", "content"].map(String::from).into();
    // (level, section path) of the enclosing numbered headings.
    let mut stack: Vec<(u8, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[i] else {
            i += 1;
            continue;
        };
        let level = heading_level(*level);
        let explicit = id.as_ref().map(|s| s.to_string());
        let mut text = String::new();
        let mut j = i + 1;
        while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
            if let Event::Text(t) | Event::Code(t) = &events[j] {
                text.push_str(t);
            }
            j += 1;
        }
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            stack.pop();
        }
        let parent: &[String] = stack.last().map_or(&[], |(_, p)| p.as_slice());
        let mut keys = Vec::new();
        let path = match heading_number(&text) {
            Some(Number::Roman(r)) => {
                keys.push(roman_value(&r).to_string());
                Some(vec![r])
            }
            Some(Number::Arabic(parts)) if parts.len() > 1 => {
                // Absolute numbering ("4.1." under "4.", "2.2.1." under "II."): the parts follow
                // the enclosing roman section, if any.
                keys.push(parts.join("."));
                let root = parent.first().filter(|r| is_roman(r));
                Some(root.into_iter().cloned().chain(parts).collect())
            }
            Some(Number::Arabic(parts)) => Some(parent.iter().cloned().chain(parts).collect()),
            Some(Number::Letter(l)) => Some(parent.iter().cloned().chain([l]).collect()),
            None => None,
        };
        let wanted = match (&explicit, &path) {
            (Some(e), _) => e.clone(),
            (None, Some(p)) => format!("s-{}", p.join(".")),
            (None, None) => format!("h-{}", out.len() + 1),
        };
        // A document that numbers two sections alike still gets one id per heading.
        let mut id = wanted.clone();
        let mut n = 1;
        while !used.insert(id.clone()) {
            n += 1;
            id = format!("{wanted}-{n}");
        }
        if let Some(p) = &path {
            keys.insert(0, p.join("."));
            stack.push((level, p.clone()));
        }
        if explicit.as_ref() != Some(&id) {
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id.clone()));
            }
        }
        out.push(Numbered {
            heading: Heading {
                level,
                text: text.trim().to_string(),
                id: id.clone(),
            },
            id,
            keys,
        });
        i = j;
    }
    out
}

fn heading_level(l: HeadingLevel) -> u8 {
    l as u8
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
    fn only_html_inside_the_allow_list_skips_the_sanitiser() {
        for ok in [
            "<p>a &lt;b&gt; c</p>\n",
            r#"<h2 id="s-II.1" class="lead">x</h2>"#,
            r#"<a href="about.html?a=1&amp;b=2" title="t &quot;q&quot;">x</a><br /><hr />"#,
            r#"<img src="static/a.png" alt="a" /><ol start="3"><li>x</li></ol>"#,
            r#"<pre><code class="language-toml">x = 1</code></pre>"#,
        ] {
            assert!(within_allow_list(ok), "{ok}");
        }
        for bad in [
            "<script>alert(1)</script>",
            "<p onclick=\"x\">a</p>",
            r#"<a href="javascript:alert(1)">x</a>"#,
            r#"<a href="jav&#x61;script:alert(1)">x</a>"#,
            r#"<a href='x'>x</a>"#,
            r#"<a href=x>x</a>"#,
            r#"<img src="https://tracker.example/x.png" />"#,
            r#"<h2 id="a b&quot;onmouseover">x</h2>"#,
            "<!-- c --><p>x</p>",
            "<p>x</p><",
            r#"<td style="color: red">x</td>"#,
            r#"<p/onclick="x">a</p>"#,
        ] {
            assert!(!within_allow_list(bad), "{bad}");
            let clean = sanitise(bad);
            assert!(
                !clean.contains("javascript")
                    && !clean.contains("onclick")
                    && !clean.contains("<script"),
                "{bad} → {clean}"
            );
        }
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

    #[test]
    fn heading_numbers_are_read_as_printed() {
        assert_eq!(
            heading_number("II. MỤC TIÊU"),
            Some(Number::Roman("II".into()))
        );
        assert_eq!(
            heading_number("2.2.1. Mục tiêu"),
            Some(Number::Arabic(vec!["2".into(), "2".into(), "1".into()]))
        );
        assert_eq!(heading_number("c) Vốn"), Some(Number::Letter("c".into())));
        assert_eq!(heading_number("PHỤ LỤC"), None);
        assert_eq!(heading_number("Dự án 4"), None);
        assert_eq!(heading_number("2021 - 2025"), None);
        assert_eq!(roman_value("IV"), 4);
        assert_eq!(roman_value("XIV"), 14);
    }
}
