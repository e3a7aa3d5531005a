//! What every page's layout needs (`Meta`: title, language switch, menu, citation, security
//! policy) and the addresses it links to: relative links, "report an error" and concern
//! channels. Stage: render context.

use serde::Serialize;

use super::{Ctx, L};
use crate::i18n::Ui;
use crate::model::Lang;
use crate::render::{format, links};

/// What every page's layout needs.
#[derive(Debug, Serialize)]
pub struct Meta<'a> {
    /// "vi" or "en".
    pub lang: &'static str,
    pub title: String,
    pub description: Option<String>,
    pub site_title: L,
    pub publisher: L,
    pub contact: Option<&'a str>,
    /// Relative prefix to this language's home (`../../en/`-style paths come from it).
    pub root: String,
    /// Relative prefix to the output root, where `static/` lives.
    pub assets: String,
    /// The same page in the other language.
    pub switch_url: String,
    pub switch_lang: &'static str,
    /// The vi and en addresses for `hreflang` alternates (absolute when base_url is set).
    pub alternates: Vec<(&'static str, String)>,
    /// The menu of the header and footer: addresses from `root`, made once per build.
    pub menu: &'a [crate::render::context::MenuLink],
    /// The site has supervision: the header links to its list of recommendations.
    pub supervision: bool,
    /// The page shows illustrative (made-up) progress data: it carries the label saying so.
    pub illustrative: bool,
    /// This language's Atom feed of reports and revisions.
    pub feed: String,
    /// The page's output path ("vi/plans/x.html" style, from the output root).
    pub path: String,
    /// Its absolute address, when the site has a base URL.
    pub url: Option<String>,
    /// "vi_VN" or "en_GB", for link previews.
    pub og_locale: &'static str,
    /// Where to report an error in this page's figures, pre-filled with its address.
    pub report_error: Option<String>,
    /// On a plan, project, target or report page: where to send a concern about it ("Góp ý"),
    /// pre-filled with the item and the page's address.
    pub concern: Option<String>,
    /// The licence of the data: name and address.
    pub licence: Option<(String, Option<String>)>,
    /// The day the site's figures are current to.
    pub as_of: Option<String>,
    /// How to cite the page: publisher, title, address and the date of its data.
    pub cite: String,
    /// The page's Content-Security-Policy.
    pub csp: String,
    /// A class on `<body>` for pages laid out apart (the printable notice).
    pub body_class: Option<&'static str>,

    /// Interface strings reach templates through the `ui(k="…")` function, not here.
    #[serde(skip)]
    pub ui: &'a Ui,
}

/// Relative URL from language-relative page `from` to language-relative page `to`.
pub fn rel(from: &str, to: &str) -> String {
    format!("{}{}", links::to_root(from), to)
}

/// Percent-encoding for a query value: everything but unreserved ASCII.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The "report an error in the figures" address: an e-mail pre-filled with the page's address,
/// its title and the item's reference, or a form's address with them as query values.
pub fn report_href(channel: &str, page: &str, title: &str, item: Option<&str>) -> String {
    channel_href(channel, page, &format!("[minhbach] {title}"), item)
}

/// A mailto: address with the subject and a body of the page's address and the item, or a
/// form's address with `?page=…&item=…`.
/// The author's own `subject=` is kept (ours is not added); the author's own `body=` is kept and
/// the page's address added after it; a form's own `page=` or `item=` is kept likewise.
pub fn channel_href(channel: &str, page: &str, subject: &str, item: Option<&str>) -> String {
    let item_line = item.map(|i| format!("\n{i}")).unwrap_or_default();
    let (base, query) = channel.split_once('?').unwrap_or((channel, ""));
    let mut params: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    let has = |params: &[String], key: &str| {
        params.iter().position(|p| {
            p.split('=')
                .next()
                .is_some_and(|k| k.eq_ignore_ascii_case(key))
        })
    };
    if channel.starts_with("mailto:") {
        if has(&params, "subject").is_none() {
            params.push(format!("subject={}", percent_encode(subject)));
        }
        let ours = percent_encode(&format!("{page}{item_line}\n\n"));
        match has(&params, "body") {
            Some(i) => params[i] = format!("{}%0A%0A{ours}", params[i]),
            None => params.push(format!("body={ours}")),
        }
    } else {
        if has(&params, "page").is_none() {
            params.push(format!("page={}", percent_encode(page)));
        }
        if let (Some(i), None) = (item, has(&params, "item")) {
            params.push(format!("item={}", percent_encode(i)));
        }
    }
    format!("{base}?{}", params.join("&"))
}

/// Every page's Content-Security-Policy: no script or style but the site's own files.
pub const CSP: &str = "default-src 'self'; script-src {script}; style-src {style}; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/// `'sha256-…'` of a script or style, for a CSP.
pub fn csp_hash(text: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(text.as_bytes());
    format!("'sha256-{}'", base64(&digest))
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(A[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

impl<'a> Ctx<'a> {
    /// Names the item a page is about ("Văn Quan 2021–2025 · target dien") in its "report an
    /// error" address, and gives the page its concern link (on the pages of items readers
    /// supervise).
    pub fn report_item(&self, meta: &mut Meta, item: &str) {
        let s = &self.site.settings;
        let page = meta.url.clone().unwrap_or_else(|| meta.path.clone());
        if let Some(r) = &s.report_error {
            meta.report_error = Some(report_href(r, &page, &meta.title, Some(item)));
        }
        if let Some(c) = s.concerns.as_ref().or(s.report_error.as_ref()) {
            let subject = format!("[{}] {}", self.ui.get("concern_subject"), meta.title);
            meta.concern = Some(channel_href(c, &page, &subject, Some(item)));
        }
    }

    /// The layout context of a page about the site whose title and description are interface
    /// strings (`title` and `description` are their keys).
    pub fn page_meta(&self, path: &str, title: &str, description: &str) -> Meta<'a> {
        let mut meta = self.meta(path, self.ui.get(title).to_string());
        meta.description = Some(self.ui.get(description).to_string());
        meta
    }

    /// The layout context of the page at language-relative `path`.
    pub fn meta(&self, path: &str, title: String) -> Meta<'a> {
        let s = &self.site.settings;
        let out_path = links::page_path(self.lang, path);
        let assets = links::to_root(&out_path);
        let other = self.lang.other();
        let root = format!("{assets}{}", self.lang.prefix());
        let url = s.base_url.as_ref().map(|b| format!("{b}{out_path}"));
        let address = url.as_deref().unwrap_or(&out_path);
        let report_error = s
            .report_error
            .as_ref()
            .map(|r| report_href(r, address, &title, None));
        let cite = self.cite(&title, address);
        Meta {
            cite,
            lang: self.lang.code(),
            menu: &self.derived.menu,
            supervision: self.derived.supervision,
            illustrative: false,
            feed: format!("{root}feed.xml"),
            path: out_path.clone(),
            url,
            og_locale: match self.lang {
                Lang::Vi => "vi_VN",
                Lang::En => "en_GB",
            },
            report_error,
            concern: None,
            licence: s.licence.clone(),
            as_of: s.as_of.map(|d| format::day(d, self.lang)),
            csp: CSP
                .replace("{script}", "'self'")
                .replace("{style}", "'self'"),
            body_class: None,
            title,
            description: s
                .description
                .as_ref()
                .map(|d| d.get(self.lang).text.to_string()),
            site_title: self.l(&s.title),
            publisher: self.l(&s.publisher),
            contact: s.contact.as_deref(),
            root,
            switch_url: format!("{assets}{}", links::page_path(other, path)),
            switch_lang: other.code(),
            alternates: self.alternates(path, &assets),
            assets,
            ui: self.ui,
        }
    }

    /// The page at `path` in each language, for `hreflang`: absolute when the site has a base
    /// URL, else relative through `assets` (the way to the output root).
    fn alternates(&self, path: &str, assets: &str) -> Vec<(&'static str, String)> {
        Lang::ALL
            .iter()
            .map(|l| {
                let target = links::page_path(*l, path);
                let url = match &self.site.settings.base_url {
                    Some(base) => format!("{base}{target}"),
                    None => format!("{assets}{target}"),
                };
                (l.code(), url)
            })
            .collect()
    }

    /// How to cite page `title` at `address`: publisher, title, address and the date of the
    /// site's data.
    fn cite(&self, title: &str, address: &str) -> String {
        let date = crate::render::data::data_date(self.site)
            .map(|d| {
                format!(
                    ", {} {}",
                    self.ui.get("cite_as_of"),
                    format::day(d, self.lang)
                )
            })
            .unwrap_or_default();
        format!(
            "{}, “{}”, {}{date}.",
            self.l(&self.site.settings.publisher).text,
            title,
            address
        )
    }
}
