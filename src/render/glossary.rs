//! The theme's glossary (`glossary.toml`): the glossary page, and the `terms` template filter
//! that links the first mention of each term in a text to its explanation.

use std::collections::HashMap;

use anyhow::{anyhow, Result};
use serde::{Deserialize, Serialize};

use crate::model::Lang;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    pub vi: String,
    pub en: String,
    #[serde(default)]
    pub find_vi: Vec<String>,
    #[serde(default)]
    pub find_en: Vec<String>,
    pub means_vi: String,
    pub means_en: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    term: Vec<Term>,
}

/// The terms of a theme, in file order; none when the theme has no `glossary.toml`.
pub fn load(theme: &crate::theme::Theme) -> Result<Vec<Term>> {
    let Some(text) = theme.text("glossary.toml") else {
        return Ok(Vec::new());
    };
    let (text, shown) = text?;
    let file: File = toml::from_str(text).map_err(|e| anyhow!("{shown}: {e}"))?;
    for t in &file.term {
        if !crate::model::is_valid_id(&t.id) {
            return Err(anyhow!(
                "{shown}: term id `{}` must be lowercase letters, digits and hyphens",
                t.id
            ));
        }
    }
    Ok(file.term)
}

/// A term on the glossary page of one language.
#[derive(Serialize)]
pub struct TermView {
    pub id: String,
    pub term: String,
    /// The other language's term, for readers who know it.
    pub other: String,
    pub means: String,
}

pub fn views(terms: &[Term], lang: Lang) -> Vec<TermView> {
    terms
        .iter()
        .map(|t| {
            let (term, other, means) = match lang {
                Lang::Vi => (&t.vi, &t.en, &t.means_vi),
                Lang::En => (&t.en, &t.vi, &t.means_en),
            };
            TermView {
                id: t.id.clone(),
                term: term.clone(),
                other: other.clone(),
                means: means.clone(),
            }
        })
        .collect()
}

/// `{{ text | terms(root=meta.root) | safe }}`: the text escaped, the first mention of each
/// term linked to `{root}glossary.html#{id}`. Whole words only, case-insensitive.
pub struct TermsFilter {
    /// (form, lowercased form, term id), longest form first.
    forms: Vec<(String, String, String)>,
}

impl TermsFilter {
    pub fn new(terms: &[Term], lang: Lang) -> TermsFilter {
        let mut forms: Vec<(String, String, String)> = terms
            .iter()
            .flat_map(|t| {
                let finds = match lang {
                    Lang::Vi => &t.find_vi,
                    Lang::En => &t.find_en,
                };
                finds
                    .iter()
                    .filter(|f| !f.trim().is_empty())
                    .map(|f| (f.clone(), f.to_lowercase(), t.id.clone()))
            })
            .collect();
        forms.sort_by_key(|f| std::cmp::Reverse(f.0.len()));
        TermsFilter { forms }
    }

    /// The text as HTML with its terms linked.
    pub fn link(&self, text: &str, root: &str) -> String {
        let lower = text.to_lowercase();
        // Lowercasing must keep byte offsets; where it does not, match the text as written.
        let folded = lower.len() == text.len();
        let hay = if folded { lower.as_str() } else { text };
        let mut found: Vec<(usize, usize, &str)> = Vec::new();
        let mut used: Vec<&str> = Vec::new();
        for (form, form_lower, id) in &self.forms {
            if used.contains(&id.as_str()) {
                continue;
            }
            let needle = if folded {
                form_lower.as_str()
            } else {
                form.as_str()
            };
            let mut from = 0;
            while let Some(i) = hay[from..].find(needle) {
                let (s, e) = (from + i, from + i + needle.len());
                let before = text[..s].chars().next_back();
                let after = text[e..].chars().next();
                let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                let overlaps = found.iter().any(|&(a, b, _)| s < b && a < e);
                if !word(before) && !word(after) && !overlaps {
                    found.push((s, e, id));
                    used.push(id);
                    break;
                }
                from = e;
            }
        }
        found.sort();
        let mut out = String::with_capacity(text.len() + 64 * found.len());
        let mut at = 0;
        for (s, e, id) in found {
            out.push_str(&super::format::escape_html(&text[at..s]));
            out.push_str(&format!(
                "<a class=\"term\" href=\"{}glossary.html#{}\">{}</a>",
                super::format::escape_html(root),
                id,
                super::format::escape_html(&text[s..e])
            ));
            at = e;
        }
        out.push_str(&super::format::escape_html(&text[at..]));
        out
    }
}

/// Keeps only the first link of each term on a page: later mentions read as plain text.
pub fn first_only(html: String) -> String {
    const OPEN: &str = "<a class=\"term\" href=\"";
    if !html.contains(OPEN) {
        return html;
    }
    let mut seen: Vec<String> = Vec::new();
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        // `<a class="term" href="…#id">text</a>`: what this module writes, never nested.
        let (Some(q), Some(close)) = (tail[OPEN.len()..].find('"'), tail.find("</a>")) else {
            out.push_str(tail);
            return out;
        };
        let href = &tail[OPEN.len()..OPEN.len() + q];
        let id = href.rsplit('#').next().unwrap_or_default().to_string();
        let Some(gt) = tail.find('>') else {
            out.push_str(tail);
            return out;
        };
        if seen.contains(&id) {
            out.push_str(&tail[gt + 1..close]);
        } else {
            out.push_str(&tail[..close + 4]);
            seen.push(id);
        }
        rest = &tail[close + 4..];
    }
    out.push_str(rest);
    out
}

impl tera::Filter for TermsFilter {
    fn filter(
        &self,
        value: &tera::Value,
        args: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let text = value
            .as_str()
            .ok_or_else(|| tera::Error::msg("terms: the value must be a text"))?;
        let root = args.get("root").and_then(tera::Value::as_str).unwrap_or("");
        Ok(tera::Value::String(self.link(text, root)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter() -> TermsFilter {
        let terms = load(&crate::theme::Theme::built_in()).unwrap();
        TermsFilter::new(&terms, Lang::Vi)
    }

    #[test]
    fn the_first_mention_of_a_term_links_to_the_glossary_and_text_stays_escaped() {
        let f = filter();
        let html = f.link("Hỗ trợ <hộ nghèo> ở xã khu vực III; hộ nghèo khác", "../");
        assert_eq!(
            html,
            "Hỗ trợ &lt;<a class=\"term\" href=\"../glossary.html#ho-ngheo\">hộ nghèo</a>&gt; ở <a class=\"term\" href=\"../glossary.html#xa-khu-vuc\">xã khu vực III</a>; hộ nghèo khác"
        );
    }

    #[test]
    fn a_page_links_each_term_once() {
        let html = format!(
            "<p>{}</p><p>{}</p>",
            filter().link("hộ nghèo", ""),
            filter().link("hộ nghèo, DTTS", "")
        );
        assert_eq!(
            first_only(html),
            "<p><a class=\"term\" href=\"glossary.html#ho-ngheo\">hộ nghèo</a></p><p>hộ nghèo, <a class=\"term\" href=\"glossary.html#dtts\">DTTS</a></p>"
        );
    }

    #[test]
    fn only_whole_words_are_linked_whatever_their_case() {
        let f = filter();
        assert_eq!(f.link("DTTSX và ADTTS", ""), "DTTSX và ADTTS");
        assert!(f
            .link("Dân tộc thiểu số", "")
            .contains("glossary.html#dtts"));
    }
}
