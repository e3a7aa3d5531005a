//! The theme's templates compiled for one language: interface strings inlined, the `ui()`
//! function and the glossary filter registered, HTML escaped our way; and the check that every
//! page keeps the site's Content-Security-Policy.
//!
//! Stage: render (with `render/mod.rs`, which renders through what is compiled here).

use anyhow::{anyhow, Context, Result};

use crate::i18n::Strings;
use crate::model::Lang;
use crate::render::format::escape_html;
use crate::render::glossary;

/// The templates (name, text) compiled in `lang`, with its strings and glossary `terms`.
pub fn tera(
    theme: &crate::theme::Theme,
    sources: &[(String, String)],
    strings: &Strings,
    terms: &[glossary::Term],
    lang: Lang,
) -> Result<tera::Tera> {
    let table = strings.get(lang);
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    let sources = sources.iter().map(|(name, text)| {
        let escape = name.ends_with(".html") || name.ends_with(".xml");
        (
            name.clone(),
            inline_strings(text, |k| table.lookup(k), escape),
        )
    });
    tera.add_raw_templates(sources)
        .map_err(|e| anyhow!("{}", tera_message(&e)))
        .with_context(|| match &theme.dir {
            Some(d) => format!("in the theme (built-in, with {} over it)", d.display()),
            None => "in the built-in theme".to_string(),
        })?;
    tera.set_escape_fn(escape_html);
    let table = table
        .iter()
        .map(|(k, v)| (k.clone(), tera::Value::String(v.clone())))
        .collect();
    tera.register_function("ui", UiFunction(table));
    tera.register_filter("terms", glossary::TermsFilter::new(terms, lang));
    Ok(tera)
}

/// The `ui(k="key")` template function of one language; an unknown key is a render error.
struct UiFunction(std::collections::HashMap<String, tera::Value>);

impl tera::Function for UiFunction {
    fn call(
        &self,
        args: &std::collections::HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let key = args
            .get("k")
            .and_then(tera::Value::as_str)
            .ok_or_else(|| tera::Error::msg("ui() needs k=\"key\""))?;
        self.0.get(key).cloned().ok_or_else(|| {
            tera::Error::msg(format!(
                "no interface string `{key}`: add it to the theme's i18n/vi.toml and i18n/en.toml"
            ))
        })
    }
}

/// The start of every page's Content-Security-Policy, as the default theme's `base.html` writes
/// it: scripts only from the site's own files (and hashed ones).
const POLICY: &str =
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'";

/// A page keeps the site's Content-Security-Policy, before any script: a theme that leaves it
/// out (or loosens it) would let a script in an author's text run on the page.
pub(super) fn keeps_policy(template: &str, page: &str) -> Result<()> {
    let policy = page.find(POLICY);
    let script = page.find("<script");
    match (policy, script) {
        (Some(p), Some(s)) if s < p => Err(anyhow!(
            "template {template} puts a <script> before the page's Content-Security-Policy, which then does not guard it; keep the <meta http-equiv=\"Content-Security-Policy\" …> line of the default theme's base.html first in <head>"
        )),
        (Some(_), _) => Ok(()),
        (None, _) => Err(anyhow!(
            "template {template} makes a page without the site's Content-Security-Policy (or with another one); keep the line <meta http-equiv=\"Content-Security-Policy\" content=\"{{{{ meta.csp | safe }}}}\"> of the default theme's base.html in <head>"
        )),
    }
}

/// A template with each `{{ ui(k="key") }}` that prints an interface string replaced by the
/// string itself (escaped for HTML when the template is), so that Tera does not call a
/// function for each of the dozens on every page. The templates of each language are compiled
/// apart, so this is what `ui()` would print. Strings holding braces, and unknown keys (an error
/// when rendered, as before), keep the call.
fn inline_strings<'s>(
    text: &str,
    get: impl Fn(&str) -> Option<&'s String>,
    escape: bool,
) -> String {
    const OPEN: &str = "{{ ui(k=\"";
    const CLOSE: &str = "\") }}";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let key_end = rest[OPEN.len()..].find(CLOSE).map(|n| OPEN.len() + n);
        let value = key_end.and_then(|end| {
            let key = &rest[OPEN.len()..end];
            let ok = key.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_');
            get(key).filter(|v| ok && !v.contains(['{', '}']))
        });
        match (key_end, value) {
            (Some(end), Some(v)) => {
                if escape {
                    out.push_str(&escape_html(v));
                } else {
                    out.push_str(v);
                }
                rest = &rest[end + CLOSE.len()..];
            }
            _ => {
                out.push_str(OPEN);
                rest = &rest[OPEN.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Tera hides the useful part of an error in its source chain.
pub(super) fn tera_message(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}
