//! Validation: raw structs → domain model. Every problem is collected with its file, line and
//! column and a fix in plain words; rendering only ever sees what passed.
//!
//! Translation coverage is counted here, because every human text passes through `text()`.

mod plan;

use crate::load::raw::{RawFigure, RawText};
use crate::load::{RawPage, RawSite};
use crate::model::{Agency, Decimal, Figure, Page, Settings, Site, Text};
use crate::problem::{did_you_mean, Problems, SourceFile};
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

/// How many human texts have an English version.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Structured texts that need a translation (have letters).
    pub structured_total: usize,
    pub structured_english: usize,
    /// Narrative pages and plan documents.
    pub pages_total: usize,
    pub pages_english: usize,
}

impl Coverage {
    pub fn structured_percent(&self) -> f64 {
        percent(self.structured_english, self.structured_total)
    }
    pub fn pages_percent(&self) -> f64 {
        percent(self.pages_english, self.pages_total)
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// A validated site and what was learned while validating it.
#[derive(Debug)]
pub struct Validated {
    pub site: Site,
    pub coverage: Coverage,
}

/// Ids are used in page addresses: lower-case ASCII letters, digits and `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Turns raw content into the domain model, or every problem found.
pub fn validate(raw: RawSite) -> Result<Validated, Problems> {
    let mut v = Validator::default();
    let settings = v.settings(&raw);
    let agencies = v.agencies(&raw);
    let agency_ids: Vec<&str> = agencies.iter().map(|a| a.id.as_str()).collect();
    let plans = raw.plans.iter().map(|p| v.plan(p, &agency_ids)).collect();
    let pages = v.pages(&raw.pages);
    let site = Site {
        settings,
        agencies,
        plans,
        pages,
    };
    let coverage = v.coverage;
    v.problems.into_result(Validated { site, coverage })
}

#[derive(Default)]
struct Validator {
    problems: Problems,
    coverage: Coverage,
}

impl Validator {
    fn text(&mut self, raw: &RawText) -> Text {
        let t = Text {
            vi: raw.vi.trim().to_string(),
            en: raw.en.as_ref().map(|s| s.trim().to_string()),
        };
        if t.needs_translation() {
            self.coverage.structured_total += 1;
            self.coverage.structured_english += usize::from(t.en.is_some());
        }
        t
    }

    fn texts(&mut self, raw: &[RawText]) -> Vec<Text> {
        raw.iter().map(|t| self.text(t)).collect()
    }

    fn opt_text(&mut self, raw: &Option<RawText>) -> Option<Text> {
        raw.as_ref().map(|t| self.text(t))
    }

    fn problem(
        &mut self,
        file: &SourceFile,
        span: Option<std::ops::Range<usize>>,
        message: impl Into<String>,
    ) {
        self.problems.push(file.problem(span, message));
    }

    fn settings(&mut self, raw: &RawSite) -> Settings {
        let s = &raw.settings.data;
        let file = &raw.settings.file;
        if let Some(langs) = &s.languages {
            if langs.get_ref() != &["vi", "en"] {
                self.problem(file, Some(langs.span()), "minhbach builds a Vietnamese site with an English version: write `languages = [\"vi\", \"en\"]` or leave the line out");
            }
        }
        let base_url = s.base_url.as_ref().and_then(|u| {
            base_url(u.get_ref())
                .map_err(|e| self.problem(file, Some(u.span()), format!("`base_url`: {e}")))
                .ok()
        });
        Settings {
            title: self.text(&s.title),
            description: self.opt_text(&s.description),
            publisher: self.text(&s.publisher),
            base_url,
            contact: s.contact.clone(),
        }
    }

    fn agencies(&mut self, raw: &RawSite) -> Vec<Agency> {
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut out = Vec::new();
        for f in &raw.agencies {
            for a in &f.data.agency {
                let id = a.id.get_ref().clone();
                if !is_valid_id(&id) {
                    self.problem(&f.file, Some(a.id.span()), format!("agency id `{id}` may use only a-z, 0-9 and `-` (it becomes a page address)"));
                }
                if id == "index" {
                    self.problem(
                        &f.file,
                        Some(a.id.span()),
                        "agency id `index` is taken by the list of all agencies; choose another id",
                    );
                }
                let (line, _) = f.file.line_col(a.id.span().start);
                let here = format!("{}:{line}", f.file.name);
                if let Some(first) = seen.insert(id.clone(), here) {
                    self.problem(&f.file, Some(a.id.span()), format!("agency id `{id}` is already used at {first}; every agency needs its own id"));
                }
                out.push(Agency {
                    id,
                    name: self.text(&a.name),
                    kind: a.kind,
                    area: self.opt_text(&a.area),
                });
            }
        }
        out
    }

    /// Checks that every id in `refs` names an agency.
    fn agency_refs(
        &mut self,
        file: &SourceFile,
        field: &str,
        refs: &[Spanned<String>],
        ids: &[&str],
    ) -> Vec<String> {
        refs.iter()
            .map(|r| self.agency_ref(file, field, r, ids))
            .collect()
    }

    fn agency_ref(
        &mut self,
        file: &SourceFile,
        field: &str,
        r: &Spanned<String>,
        ids: &[&str],
    ) -> String {
        let id = r.get_ref();
        if !ids.contains(&id.as_str()) {
            let hint = match did_you_mean(id, ids.iter().copied()) {
                Some(close) => format!("; did you mean `{close}`?"),
                None => "; add it to a file in content/agencies/ or fix the id".to_string(),
            };
            self.problem(
                file,
                Some(r.span()),
                format!("{field} = \"{id}\": no agency has this id{hint}"),
            );
        }
        id.clone()
    }

    fn decimal(&mut self, file: &SourceFile, field: &str, raw: &Spanned<RawFigure>) -> Decimal {
        let parsed = match raw.get_ref() {
            RawFigure::Printed(s) => Decimal::parse_vi(s),
            RawFigure::Plain(s) => Decimal::parse_plain(s),
        };
        parsed.unwrap_or_else(|e| {
            self.problem(file, Some(raw.span()), format!("`{field}`: {e}"));
            Decimal::ZERO
        })
    }

    fn figure(&mut self, file: &SourceFile, field: &str, raw: &Spanned<RawFigure>) -> Figure {
        match raw.get_ref() {
            RawFigure::Printed(s) => Figure::parse_vi(s).unwrap_or_else(|e| {
                self.problem(file, Some(raw.span()), format!("`{field}`: {e}"));
                Figure::Decimal(Decimal::ZERO)
            }),
            RawFigure::Plain(_) => Figure::Decimal(self.decimal(file, field, raw)),
        }
    }

    fn pages(&mut self, raw: &[RawPage]) -> Vec<Page> {
        let mut by_slug: BTreeMap<&str, (Option<&RawPage>, Option<&RawPage>)> = BTreeMap::new();
        for p in raw {
            let entry = by_slug.entry(p.slug.as_str()).or_default();
            match p.lang.as_str() {
                "vi" => entry.0 = Some(p),
                "en" => entry.1 = Some(p),
                other => self.problem(&p.file, None, format!("unknown language `{other}` in the file name; name pages `<name>.vi.md` or `<name>.en.md`")),
            }
            if !is_valid_id(&p.slug) || RESERVED_SLUGS.contains(&p.slug.as_str()) {
                self.problem(&p.file, None, format!("page name `{}` cannot be used: use a-z, 0-9 and `-`, and none of {RESERVED_SLUGS:?}", p.slug));
            }
        }
        let mut out = Vec::new();
        for (slug, (vi, en)) in by_slug {
            let Some(vi) = vi else {
                if let Some(en) = en {
                    self.problem(&en.file, None, format!("`{slug}.en.md` has no Vietnamese original: add `{slug}.vi.md` (Vietnamese comes first)"));
                }
                continue;
            };
            self.coverage.pages_total += 1;
            self.coverage.pages_english += usize::from(en.is_some());
            let title_vi = page_title(vi).unwrap_or_else(|| slug.to_string());
            let title = Text {
                vi: title_vi,
                en: en.and_then(page_title),
            };
            out.push(Page {
                slug: slug.to_string(),
                title,
                body_vi: vi.body.clone(),
                body_en: en.map(|e| e.body.clone()),
            });
        }
        out
    }
}

/// Slugs that would collide with generated pages.
const RESERVED_SLUGS: &[&str] = &[
    "index", "404", "agencies", "plans", "en", "sitemap", "static", "data",
];

/// The front-matter title, else the first `# ` heading.
fn page_title(p: &RawPage) -> Option<String> {
    p.front.title.clone().or_else(|| {
        p.body
            .lines()
            .find_map(|l| l.strip_prefix("# ").map(|t| t.trim().to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_address_safe() {
        assert!(is_valid_id("dai-tu-2022"));
        assert!(!is_valid_id("Đại Từ"));
        assert!(!is_valid_id(""));
    }
}

/// The public address of the site, ending in `/`; or what is wrong with it.
pub fn base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(format!("\"{url}\" must be a full address starting with https:// (or http://), e.g. \"https://example.org/kehoach/\""));
    }
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || "\"'<>&?#\\".contains(*c))
    {
        return Err(format!("\"{url}\" contains `{c}`: give the folder address of the site only, e.g. \"https://example.org/kehoach/\""));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

#[cfg(test)]
mod base_url_tests {
    #[test]
    fn base_url_ends_with_a_slash_and_has_no_query() {
        assert_eq!(
            super::base_url(" https://ex.org/kehoach ").as_deref(),
            Ok("https://ex.org/kehoach/")
        );
        assert!(super::base_url("ex.org").unwrap_err().contains("https://"));
        assert!(super::base_url("https://ex.org/a?x=1")
            .unwrap_err()
            .contains("`?`"));
        assert!(super::base_url("https://ex.org/<a>").is_err());
    }
}
