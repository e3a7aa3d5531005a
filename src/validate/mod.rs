//! Validation: raw structs → domain model. Every problem is collected with its file, line and
//! column and a fix in plain words; rendering only ever sees what passed.
//!
//! Translation coverage is counted here, because every human text passes through `text()`.

mod address;
mod context;
mod disbursed;
mod entries;
mod goal;
mod money;
mod notation;
mod pages;
mod plan;
mod progress;
mod revised;
mod site;
mod supervision;
mod tables;
mod targets;
mod unit_slip;

pub use address::{base_url, mailto, web_url};

use crate::load::raw::{RawFigure, RawText};
use crate::load::{RawPlanDir, RawSite, Unread};
use crate::model::{Decimal, Figure, Site, Text};
use crate::problem::{did_you_mean, Problem, Problems, SourceFile};
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
    let mut v = Validator::new(problems, raw.unread_agencies.clone());
    let settings = v.settings(&raw);
    let agencies = v.agencies(&raw);
    let agency_ids: Vec<&str> = agencies.iter().map(|a| a.id.as_str()).collect();
    let context = context::Context {
        agency_ids: &agency_ids,
        static_files: &raw.static_files,
        as_of: settings.as_of,
    };
    let plans = v.plans(&raw.plans, &context);
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
    sort_by_place(&mut v.problems);
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

/// By file and place, so that an author fixes one file at a time, top to bottom.
fn sort_by_place(problems: &mut Problems) {
    problems
        .0
        .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
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
    let mut v = Validator::new(problems, unread_agencies.clone());
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
    sort_by_place(&mut v.problems);
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
    fn new(problems: Problems, unread_agencies: Unread) -> Validator {
        Validator {
            problems,
            coverage: Coverage::default(),
            early: Vec::new(),
            unread_agencies,
            written: Vec::new(),
            lines: Vec::new(),
        }
    }

    /// Each plan folder validated on its own (on every core); problems and coverage are then
    /// gathered in plan order.
    fn plans(&mut self, raw: &[RawPlanDir], context: &context::Context) -> Vec<crate::model::Plan> {
        use rayon::prelude::*;
        let unread = &self.unread_agencies;
        let checked: Vec<(Option<crate::model::Plan>, Problems, Coverage)> = raw
            .par_iter()
            .map(|p| {
                let mut one = Validator::new(Problems::default(), unread.clone());
                let plan = one.plan(p, context);
                (plan, one.problems, one.coverage)
            })
            .collect();
        let mut plans = Vec::with_capacity(checked.len());
        for (plan, problems, coverage) in checked {
            self.problems.extend(problems.0);
            self.coverage.add(coverage);
            plans.extend(plan);
        }
        plans
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

    /// A day written "YYYY-MM-DD" in `field`, or a problem saying so; `meaning` (", the day
    /// …") follows the fix.
    fn day(
        &mut self,
        f: &SourceFile,
        field: &str,
        raw: &Spanned<String>,
        meaning: &str,
    ) -> Option<crate::model::Date> {
        let d = crate::model::Date::parse(raw.get_ref().trim());
        if d.is_none() {
            self.problem(
                f,
                Some(raw.span()),
                format!(
                    "{field} = \"{}\" is not a date: write \"YYYY-MM-DD\"{meaning}",
                    raw.get_ref()
                ),
            );
        }
        d
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
    use crate::model::{id_rule, is_valid_id};

    #[test]
    fn ids_are_address_safe_and_short_enough_to_be_file_names() {
        assert!(is_valid_id("dai-tu-2022"));
        assert!(!is_valid_id("Đại Từ"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id(&"a".repeat(300)));
        assert!(id_rule("target id", &"a".repeat(300)).contains("300 characters"));
    }
}
