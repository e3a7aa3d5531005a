//! Where a link written in Markdown may lead: a web page over `https://`, an e-mail address
//! (`mailto:`) or a page or file of the site. One rule, used by validation (which warns the
//! author) and by the Markdown renderer (which applies it), so the two never disagree.
//!
//! Addresses are judged as a browser reads them: ASCII whitespace and control characters around
//! and inside them are dropped, a backslash counts as a slash (`/\host` is `//host`), and the
//! scheme is case-blind.

/// The Markdown the site reads (CommonMark with tables, strike-through and heading attributes):
/// the renderer and validation parse with the same options, so they find the same links.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Every link and image of a Markdown text: its byte range in the text, its address, and
/// whether it is an image.
pub fn markdown_links(text: &str) -> Vec<(std::ops::Range<usize>, String, bool)> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new_ext(text, markdown_options())
        .into_offset_iter()
        .filter_map(|(e, range)| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some((range, dest_url.to_string(), false)),
            Event::Start(Tag::Image { dest_url, .. }) => Some((range, dest_url.to_string(), true)),
            _ => None,
        })
        .collect()
}

/// What becomes of a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Published as written.
    Keep,
    /// Published with this address instead; the reason is for the author.
    Rewrite(String, &'static str),
    /// The words are published without the link; the reason is for the author.
    Drop(&'static str),
}

/// The verdict on a link (`image`: the source of an image, which must be a file of the site,
/// since a page loads nothing from elsewhere).
pub fn verdict(url: &str, image: bool) -> Verdict {
    let read: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    let remote = if let Some(rest) = read.strip_prefix("//") {
        Some((
            format!("https://{rest}"),
            "an address starting with // has no scheme and leads nowhere from a page opened from disk",
        ))
    } else {
        match scheme(&read) {
            None => return Verdict::Keep,
            Some((s, rest)) => match s.as_str() {
                "https" if rest.starts_with("//") && rest.len() > 2 => {
                    (read != url).then(|| (read.clone(), "written with backslashes or spaces, which browsers read as this address"))
                }
                "https" | "http" => {
                    let host = rest.trim_start_matches('/');
                    if host.is_empty() {
                        return Verdict::Drop("the address names no site");
                    }
                    let why = if s == "http" {
                        "the site links only to https:// addresses, which cannot be altered on the way; check that the page opens with https"
                    } else {
                        "https: must be followed by //"
                    };
                    Some((format!("https://{host}"), why))
                }
                "mailto" if !image && rest.contains('@') => return Verdict::Keep,
                "mailto" if !image => return Verdict::Drop("an e-mail link needs an address: mailto:name@example.gov.vn"),
                _ => return Verdict::Drop(
                    "the site links only to web pages (https://), e-mail addresses (mailto:) and its own pages",
                ),
            },
        }
    };
    match remote {
        _ if image => Verdict::Drop(
            "an image must be a file of the site (in static/): a page loads nothing from elsewhere",
        ),
        None => Verdict::Keep,
        Some((to, why)) => Verdict::Rewrite(to, why),
    }
}

/// The scheme of an address (lower-cased) and what follows its `:`, if it has one: a `:` before
/// any `/`, `?` or `#`.
fn scheme(url: &str) -> Option<(String, &str)> {
    let colon = url.find(':')?;
    if url[..colon].contains(['/', '?', '#']) {
        return None;
    }
    Some((url[..colon].to_ascii_lowercase(), &url[colon + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to(url: &str) -> String {
        match verdict(url, false) {
            Verdict::Keep => url.to_string(),
            Verdict::Rewrite(u, _) => u,
            Verdict::Drop(_) => "-".into(),
        }
    }

    #[test]
    fn only_https_mail_and_the_sites_own_pages_are_linked() {
        assert_eq!(
            to("https://vanquan.langson.gov.vn/a?b#c"),
            "https://vanquan.langson.gov.vn/a?b#c"
        );
        assert_eq!(to("mailto:a@b.vn"), "mailto:a@b.vn");
        assert_eq!(to("about.html"), "about.html");
        assert_eq!(to("../plans/x.html#s-II"), "../plans/x.html#s-II");
        assert_eq!(to("#muc-1"), "#muc-1");
        assert_eq!(to("http://vanquan.gov.vn/x"), "https://vanquan.gov.vn/x");
        assert_eq!(to("HTTP://vanquan.gov.vn"), "https://vanquan.gov.vn");
        assert_eq!(to("//evil.example/x"), "https://evil.example/x");
        assert_eq!(to("/\\evil.example/x"), "https://evil.example/x");
        assert_eq!(to("https:evil.example"), "https://evil.example");
        assert_eq!(to("https:\\\\evil.example"), "https://evil.example");
        assert_eq!(to(" https://a.vn"), "https://a.vn");
        assert_eq!(to("javascript:alert(1)"), "-");
        assert_eq!(to("java\tscript:alert(1)"), "-");
        assert_eq!(to("data:text/html,x"), "-");
        assert_eq!(to("https://"), "-");
        assert_eq!(to("mailto:"), "-");
    }

    #[test]
    fn images_come_only_from_the_site() {
        assert_eq!(verdict("static/a.png", true), Verdict::Keep);
        for url in [
            "https://t.example/x.png",
            "//t.example/x.png",
            "http:t.example",
            "mailto:a@b.vn",
        ] {
            assert!(matches!(verdict(url, true), Verdict::Drop(_)), "{url}");
        }
    }
}
