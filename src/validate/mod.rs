//! Validation: raw structs → domain model. Every problem is collected with its file, line and
//! column and a fix in plain words; rendering only ever sees what passed.
//!
//! Translation coverage is counted here, because every human text passes through `text()`.

mod context;
mod disbursed;
mod entries;
mod goal;
mod notation;
mod pages;
mod plan;
mod progress;
mod revised;
mod supervision;
mod tables;
mod targets;
mod unit_slip;

use crate::load::raw::{RawFigure, RawText};
use crate::load::{RawPlanDir, RawSite, Unread};
use crate::model::{id_rule, is_valid_id, Agency, Decimal, Figure, Settings, Site, Text};
use crate::problem::{did_you_mean, Problem, Problems, SourceFile};
use std::collections::HashMap;
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
    fn add(&mut self, other: Coverage) {
        self.structured_total += other.structured_total;
        self.structured_english += other.structured_english;
        self.pages_total += other.pages_total;
        self.pages_english += other.pages_english;
    }
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
    /// Problems that do not stop the build (`--strict` makes them).
    pub warnings: Vec<Problem>,
    /// What an author may want to know, never stopping a build (formulas of a workbook whose
    /// saved results are published).
    pub notes: Vec<Problem>,
}

/// Turns raw content into the domain model, or every problem found: those of loading
/// (`problems`) and those of validation, all at once.
pub fn validate(raw: RawSite, problems: Problems) -> Result<Validated, Problems> {
    let mut v = Validator {
        problems,
        coverage: Coverage::default(),
        early: Vec::new(),
        unread_agencies: raw.unread_agencies.clone(),
        written: Vec::new(),
        lines: Vec::new(),
    };
    let settings = v.settings(&raw);
    let agencies = v.agencies(&raw);
    let agency_ids: Vec<&str> = agencies.iter().map(|a| a.id.as_str()).collect();
    let context = context::Context {
        agency_ids: &agency_ids,
        static_files: &raw.static_files,
        as_of: settings.as_of,
    };
    // Each plan folder is validated on its own (on every core), then problems and coverage
    // are gathered in plan order.
    let checked: Vec<(Option<crate::model::Plan>, Problems, Coverage)> = {
        use rayon::prelude::*;
        let unread = &v.unread_agencies;
        raw.plans
            .par_iter()
            .map(|p| {
                let mut one = Validator {
                    problems: Problems::default(),
                    coverage: Coverage::default(),
                    early: Vec::new(),
                    unread_agencies: unread.clone(),
                    written: Vec::new(),
                    lines: Vec::new(),
                };
                let plan = one.plan(p, &context);
                (plan, one.problems, one.coverage)
            })
            .collect()
    };
    let mut plans = Vec::with_capacity(checked.len());
    for (plan, problems, coverage) in checked {
        v.problems.extend(problems.0);
        v.coverage.add(coverage);
        plans.extend(plan);
    }
    v.calendar_needs_as_of(&settings, &plans, raw.settings.as_ref().map(|s| &s.file));
    let menu = raw
        .settings
        .as_ref()
        .and_then(|s| s.data.menu.as_ref().map(|m| (&s.file, m.as_slice())));
    let (pages, sections, menu) = v.pages(&raw.pages, menu);
    let site = Site {
        settings,
        agencies,
        plans,
        pages,
        sections,
        menu,
        static_files: raw.static_files,
    };
    let coverage = v.coverage;
    // By file and place, so that an author fixes one file at a time, top to bottom.
    v.problems
        .0
        .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    // Notes are shown only with a site that builds: beside errors they are noise.
    let notes = v.problems.take_notes();
    v.problems
        .into_result((site, coverage))
        .map(|((site, coverage), warnings)| Validated {
            site,
            coverage,
            warnings,
            notes,
        })
}

/// Validates one plan folder again, after an edit inside it, against the rest of a site that
/// was validated before (`serve`): the same checks as `validate` makes of that folder. Returns the
/// plan and its warnings, or every problem. `site_file` is site.toml, for the problem of a
/// calendar without an as-of day.
pub fn plan_again(
    site: &Site,
    unread_agencies: &Unread,
    site_file: Option<&SourceFile>,
    raw: &RawPlanDir,
    problems: Problems,
) -> Result<(crate::model::Plan, Vec<Problem>), Problems> {
    let mut v = Validator {
        problems,
        coverage: Coverage::default(),
        early: Vec::new(),
        unread_agencies: unread_agencies.clone(),
        written: Vec::new(),
        lines: Vec::new(),
    };
    let agency_ids: Vec<&str> = site.agencies.iter().map(|a| a.id.as_str()).collect();
    let context = context::Context {
        agency_ids: &agency_ids,
        static_files: &site.static_files,
        as_of: site.settings.as_of,
    };
    let plan = v.plan(raw, &context);
    v.calendar_needs_as_of(&site.settings, plan.as_slice(), site_file);
    // The preview shows warnings only.
    v.problems.take_notes();
    v.problems
        .0
        .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    match plan {
        Some(plan) => v.problems.into_result(plan),
        // Its plan.toml could not be read: that problem is among them.
        None if v.problems.has_errors() => Err(v.problems),
        None => Err(Problems(vec![raw
            .dir
            .problem(None, "the plan could not be read".to_string())])),
    }
}

struct Validator {
    problems: Problems,
    coverage: Coverage,
    /// Reports already told they were published before their period ended.
    early: Vec<String>,
    /// Agencies that exist but could not be read: references to them are not reported again.
    unread_agencies: Unread,
    /// The figures read so far of the plan being validated, for the judgement of their columns.
    written: Vec<notation::Written>,
    /// The budget lines read so far of the plan being validated, for a unit slip.
    lines: Vec<unit_slip::Line>,
}

impl Validator {
    fn calendar_needs_as_of(
        &mut self,
        settings: &Settings,
        plans: &[crate::model::Plan],
        site_file: Option<&SourceFile>,
    ) {
        if settings.as_of.is_some() {
            return;
        }
        if let (Some(p), Some(file)) = (plans.iter().find(|p| !p.calendar.is_empty()), site_file) {
            self.problem(file, None, format!("plan `{}` has a reporting calendar, so the site needs `as_of = \"YYYY-MM-DD\"`: the day its figures are current to, against which reports are on time, late or overdue", p.id));
        } else if let (Some(p), Some(file)) =
            (plans.iter().find(|p| !p.supervision.is_empty()), site_file)
        {
            self.problem(file, None, format!("plan `{}` has supervision recommendations, so the site needs `as_of = \"YYYY-MM-DD\"`: the day its figures are current to, against which an answer is on time, late or overdue", p.id));
        }
    }

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

    fn warn(
        &mut self,
        file: &SourceFile,
        span: Option<std::ops::Range<usize>>,
        message: impl Into<String>,
    ) {
        self.problems.push(file.problem(span, message).warning());
    }

    fn settings(&mut self, raw: &RawSite) -> Settings {
        let Some(sourced) = &raw.settings else {
            // Its problems are reported; nothing will be built.
            return Settings {
                title: Text::default(),
                description: None,
                publisher: Text::default(),
                base_url: None,
                contact: None,
                as_of: None,
                licence: None,
                report_error: None,
                concerns: None,
            };
        };
        let s = &sourced.data;
        let file = &sourced.file;
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
        let as_of = s.as_of.as_ref().and_then(|d| {
            let parsed = crate::model::Date::parse(d.get_ref().trim());
            if parsed.is_none() {
                self.problem(file, Some(d.span()), format!("as_of = \"{}\" is not a date: write \"YYYY-MM-DD\", the day the site's figures are current to", d.get_ref()));
            }
            parsed
        });
        let licence = s.licence.as_ref().map(|l| {
            let raw = l.get_ref();
            let url = raw.url.as_ref().filter(|u| !u.trim().is_empty()).and_then(|u| {
                web_url(u.trim())
                    .map_err(|e| self.problem(file, Some(l.span()), format!("licence `url`: {e}")))
                    .ok()
            });
            if raw.name.trim().is_empty() {
                self.problem(file, Some(l.span()), "the licence has no `name`: write it as readers know it, e.g. licence = { name = \"CC BY 4.0\", url = \"https://creativecommons.org/licenses/by/4.0/\" }");
            }
            (raw.name.trim().to_string(), url)
        });
        let mut channel = |name: &str, r: &Option<Spanned<String>>| {
            let r = r.as_ref()?;
            let u = r.get_ref().trim();
            let checked = if u.starts_with("mailto:") {
                mailto(u)
            } else {
                web_url(u).map_err(|e| {
                    format!("{e}; or write an e-mail address as \"mailto:name@example.gov.vn\"")
                })
            };
            match checked {
                Ok(u) => Some(u),
                Err(e) => {
                    self.problem(file, Some(r.span()), format!("{name} = {e}"));
                    None
                }
            }
        };
        let report_error = channel("report_error", &s.report_error);
        let concerns = channel("concerns", &s.concerns);
        Settings {
            licence,
            report_error,
            concerns,
            title: self.text(&s.title),
            description: self.opt_text(&s.description),
            publisher: self.text(&s.publisher),
            base_url,
            contact: s.contact.clone(),
            as_of,
        }
    }

    fn agencies(&mut self, raw: &RawSite) -> Vec<Agency> {
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut out = Vec::new();
        for f in &raw.agencies {
            for a in &f.data.agency {
                let id = a.id.get_ref().clone();
                if !is_valid_id(&id) {
                    self.problem(&f.file, Some(a.id.span()), id_rule("agency id", &id));
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

    /// Checks that every id in `refs` names an agency, once.
    fn agency_refs(
        &mut self,
        file: &SourceFile,
        field: &str,
        refs: &[Spanned<String>],
        ids: &[&str],
    ) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in refs {
            let id = self.agency_ref(file, field, r, ids);
            if out.contains(&id) {
                self.problem(
                    file,
                    Some(r.span()),
                    format!("{field}: `{id}` is listed twice; list each agency once"),
                );
            } else {
                out.push(id);
            }
        }
        out
    }

    /// The lead and supporting agencies of a project or target: each known, none in both.
    fn lead_support(
        &mut self,
        file: &SourceFile,
        lead: &[Spanned<String>],
        support: &[Spanned<String>],
        ids: &[&str],
    ) -> (Vec<String>, Vec<String>) {
        let lead_ids = self.agency_refs(file, "lead", lead, ids);
        let support_ids = self.agency_refs(file, "support", support, ids);
        for s in support.iter().filter(|s| lead_ids.contains(s.get_ref())) {
            self.problem(
                file,
                Some(s.span()),
                format!(
                    "`{}` is in both `lead` and `support`; an agency either leads or supports",
                    s.get_ref()
                ),
            );
        }
        (lead_ids, support_ids)
    }

    fn agency_ref(
        &mut self,
        file: &SourceFile,
        field: &str,
        r: &Spanned<String>,
        ids: &[&str],
    ) -> String {
        let id = r.get_ref();
        if !ids.contains(&id.as_str()) && !self.unread_agencies.covers(id) {
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

    /// A figure as a decimal; a fraction where only decimals make sense is an error. `unit`:
    /// the Vietnamese unit of the figure, when it has one (million VND has none here).
    fn decimal(
        &mut self,
        file: &SourceFile,
        field: &str,
        raw: &Spanned<RawFigure>,
        unit: Option<&str>,
    ) -> Decimal {
        match self.figure(file, field, raw, unit) {
            Figure::Decimal(d) => d,
            Figure::Fraction { .. } => {
                self.problem(
                    file,
                    Some(raw.span()),
                    format!("`{field}`: a fraction is allowed only in a target's figures; write the amount as printed"),
                );
                Decimal::ZERO
            }
        }
    }

    /// A target or money figure as written. Strings are read in Vietnamese notation; a TOML
    /// integer only when written as plain digits; a TOML float never, because TOML would read
    /// the printed `39.559` (thousands) as 39.559 (a decimal point). Every figure read is kept
    /// for the judgement of its column (`notation`).
    fn figure(
        &mut self,
        file: &SourceFile,
        field: &str,
        raw: &Spanned<RawFigure>,
        unit: Option<&str>,
    ) -> Figure {
        let literal = file.text.get(raw.span()).unwrap_or("").trim();
        let parsed = match raw.get_ref() {
            RawFigure::Printed(s) => Figure::parse_vi(s).map_err(|e| e.to_string()),
            RawFigure::Integer(n) => {
                let body = literal.strip_prefix('-').unwrap_or(literal);
                if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) {
                    Ok(Figure::Decimal(Decimal::new(*n, 0)))
                } else {
                    Err(format!(
                        "`{literal}` is read by TOML as {n}, which is not how a document prints a figure: write it in quotes as printed, e.g. {field} = \"{}\"",
                        Decimal::new(*n, 0)
                    ))
                }
            }
            RawFigure::Float(_) => {
                // "39.559" may be thousands (as Vietnamese prints them) or an English decimal;
                // "12.4" can only be a decimal.
                let (int, frac) = literal.split_once('.').unwrap_or((literal, ""));
                let decimal = format!("{int},{frac}");
                let fix = if frac.len() == 3 && !frac.contains(['e', 'E']) {
                    format!("{field} = \"{literal}\" if it is {literal} thousand as printed, or {field} = \"{decimal}\" if it has decimals")
                } else {
                    format!("{field} = \"{decimal}\"")
                };
                Err(format!(
                    "`{literal}` without quotes is read as a TOML number with `.` as a decimal point, not as printed: write figures in quotes in Vietnamese notation (`.` groups thousands, `,` marks decimals): {fix}"
                ))
            }
        };
        if let Ok(figure) = &parsed {
            let written = match raw.get_ref() {
                RawFigure::Printed(s) => s.as_str(),
                _ => literal,
            };
            let value = match figure {
                Figure::Decimal(d) => Some(*d),
                Figure::Fraction { .. } => None,
            };
            self.keep_written(file, field, raw.span(), written, value, unit);
        }
        parsed.unwrap_or_else(|e| {
            let e = if e.starts_with('`') && matches!(raw.get_ref(), RawFigure::Printed(_)) {
                format!("`{field}`: {e}")
            } else {
                e
            };
            self.problem(file, Some(raw.span()), e);
            Figure::Decimal(Decimal::ZERO)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_address_safe_and_short_enough_to_be_file_names() {
        assert!(is_valid_id("dai-tu-2022"));
        assert!(!is_valid_id("Đại Từ"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id(&"a".repeat(300)));
        assert!(id_rule("target id", &"a".repeat(300)).contains("300 characters"));
    }
}

/// The public address of the site, ending in `/`; or what is wrong with it.
/// An address on the web a page may link to: `https://` or `http://`, a host, no spaces or
/// quotes.
pub fn web_url(url: &str) -> Result<String, String> {
    let shown = crate::problem::clip(url);
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("\"{shown}\" must start with https:// (or http://)"))?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(format!("\"{shown}\" names no host after https://"));
    }
    address_chars(url)?;
    Ok(url.to_string())
}

/// The characters no address may hold, whatever its kind: spaces, quotes, angle brackets,
/// backticks, control and invisible characters. (A space is written `%20`.)
fn address_chars(url: &str) -> Result<(), String> {
    if url.contains(|c: char| {
        c.is_whitespace()
            || c.is_control()
            || crate::model::text::is_forbidden(c)
            || matches!(c, '"' | '<' | '>' | '`' | '\\')
    }) {
        return Err(format!(
            "\"{}\" contains a space, a quote, an angle bracket, a backslash or an invisible character; write the address as the browser shows it",
            crate::problem::clip(url)
        ));
    }
    Ok(())
}

/// An e-mail address for readers, `mailto:name@example.gov.vn`, optionally with the author's
/// own `?subject=…&body=…` (the site then adds the page's address to the body, never a second
/// subject).
pub fn mailto(url: &str) -> Result<String, String> {
    let shown = crate::problem::clip(url);
    address_chars(url)?;
    let rest = url.strip_prefix("mailto:").unwrap_or(url);
    let (addr, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (local, domain) = addr.split_once('@').unwrap_or(("", ""));
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'));
    if local.is_empty() || local.contains(['@', ',', ';', '(', ')', '[', ']', ':']) || !domain_ok {
        return Err(format!(
            "\"{shown}\" is not one e-mail address: write it as \"mailto:name@example.gov.vn\""
        ));
    }
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let key = part
            .split('=')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !matches!(key.as_str(), "subject" | "body" | "cc" | "bcc") {
            return Err(format!(
                "\"{shown}\": `{}` is not a part of an e-mail address; only subject=, body=, cc= and bcc= may follow `?`",
                crate::problem::clip(part)
            ));
        }
    }
    Ok(url.to_string())
}

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
mod address_tests {
    #[test]
    fn report_addresses_follow_the_rules_of_every_address() {
        for ok in [
            "mailto:tiepdan@vanquan.langson.gov.vn",
            "mailto:a.b@ex.vn?subject=G%C3%B3p%20%C3%BD",
            "https://dichvucong.gov.vn/p/phananh",
        ] {
            let r = if ok.starts_with("mailto:") {
                super::mailto(ok)
            } else {
                super::web_url(ok)
            };
            assert!(r.is_ok(), "{ok}: {r:?}");
        }
        for bad in [
            "mailto:a b@ex.vn",
            "mailto:a@ex.vn?subject=a b",
            "mailto:a@ex.vn\u{202e}",
            "mailto:a@ex.vn?x=\"><script>",
            "mailto:a@ex.vn?attach=/etc/passwd",
            "mailto:a@b@ex.vn",
            "mailto:a@ex.vn,b@ex.vn",
            "mailto:@ex.vn",
            "mailto:a@localhost",
            "mailto:a@ex.vn`",
        ] {
            assert!(super::mailto(bad).is_err(), "{bad}");
        }
        assert!(super::web_url("https://ex.vn/\u{202e}x").is_err());
        assert!(super::web_url("https://ex.vn\\@evil.org").is_err());
    }
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
