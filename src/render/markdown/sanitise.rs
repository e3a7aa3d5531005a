//! The second wall between an author's Markdown and the page: the HTML pulldown-cmark wrote is
//! checked against an allow-list of tags, attributes and addresses, and anything outside it goes
//! through ammonia, which removes what is not on the list. Table alignment becomes classes, since
//! the site's Content-Security-Policy forbids inline styles.
//!
//! Stage: presentation (render::markdown); reads only `model::link`'s rule for addresses.

use crate::model::link;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// An id or class a heading may carry: letters (Vietnamese ones too: `s-V.9.đ`), digits, `-`,
/// `_`, `.`, `:`.
pub(super) fn safe_token(s: &str) -> bool {
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
pub(super) fn sanitise(html: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
