//! Validation of one plan folder: identity, projects, duties, and the order in which the rest
//! is checked (targets in `targets`, money in `money`, reports in `progress`, supervision in
//! `supervision`). Beyond the shape of each field it checks what a reader would trust blindly:
//! figures in their place (no negative quantity, no range upside down), years inside the plan
//! period, and printed totals against their lines (a warning: the site shows both).

use super::context::{About, Context, YEARS};
use super::Validator;
use crate::load::raw::{RawPlan, RawProject, RawQuantity};
use crate::load::{RawPlanDir, Sourced};
use crate::model::*;
use crate::problem::SourceFile;
use std::collections::HashSet;
use toml::Spanned;

/// The longest plan period that is not a typo.
const MAX_PERIOD_YEARS: i32 = 50;

impl Validator {
    /// The validated plan; `None` when its plan.toml could not be read (its other files are
    /// still checked, so that every problem shows in one run).
    pub(super) fn plan(&mut self, dir: &RawPlanDir, cx: &Context) -> Option<Plan> {
        let agency_ids = cx.agency_ids;
        let errors_before = self.problems.errors();
        // A figure that could not be read counts as zero: comparing totals would then only
        // repeat that error as a false difference.
        let figures_read = |v: &Validator| v.problems.errors() == errors_before;
        let period = dir
            .plan
            .as_ref()
            .and_then(|p| self.period(&p.file, &p.data.period));
        let targets = dir.targets.as_ref().map_or_else(Vec::new, |t| {
            self.targets(
                &t.file,
                &t.data.target,
                agency_ids,
                period,
                &dir.unread_targets,
            )
        });
        let mut projects = dir.projects.as_ref().map_or_else(Vec::new, |pr| {
            self.projects(&pr.file, &pr.data.project, agency_ids, period)
        });
        let duties = self.duties(dir, agency_ids);
        let table_totals = self.budget_tables(dir, &mut projects, period, figures_read);
        if let (Some(pr), true) = (&dir.projects, figures_read(self)) {
            self.reconcile_projects(&pr.file, &pr.data.project, &projects);
        }
        let calendar = self.calendar(dir, cx, period);
        let plan_read = figures_read(self);
        let reports = self.reports(dir, cx, period, (&targets, &projects), plan_read);
        let about = About {
            targets: &targets,
            projects: &projects,
        };
        let supervision = self.supervision(dir, cx, &about);
        let sourced = dir.plan.as_ref()?;
        let head = self.head(dir, &sourced.file, &sourced.data, agency_ids);
        let printed_totals =
            self.plan_totals(sourced, period, &projects, table_totals, figures_read);
        self.coverage.pages_total += usize::from(dir.document_vi.is_some());
        self.coverage.pages_english +=
            usize::from(dir.document_vi.is_some() && dir.document_en.is_some());
        let contents = Contents {
            printed_totals,
            targets,
            projects,
            duties,
            calendar,
            reports,
            supervision,
        };
        Some(self.plan_model(dir, &sourced.data, head, contents))
    }

    /// The duties of duties.toml (or its table): each with tasks and a known agency.
    fn duties(&mut self, dir: &RawPlanDir, agency_ids: &[&str]) -> Vec<Duty> {
        let Some(d) = &dir.duties else {
            return Vec::new();
        };
        d.data
            .duty
            .iter()
            .map(|duty| {
                if duty.tasks.is_empty() {
                    self.problem(
                        &d.file,
                        Some(duty.agency.span()),
                        "this duty lists no tasks (`tasks = []`): write what the agency is to do, as printed, or remove the duty",
                    );
                }
                Duty {
                    agency: self.agency_ref(&d.file, "agency", &duty.agency, agency_ids),
                    relation: duty.relation,
                    tasks: self.texts(&duty.tasks),
                    reference: duty.reference.clone(),
                }
            })
            .collect()
    }

    /// What plan.toml says of the plan beyond its texts: who issued and leads it, where it is
    /// published, when it was updated and dated; and whether its documents come in order.
    fn head(&mut self, dir: &RawPlanDir, f: &SourceFile, p: &RawPlan, agency_ids: &[&str]) -> Head {
        let issuer = self.agency_ref(f, "issuer", &p.issuer, agency_ids);
        let lead = p
            .lead
            .as_ref()
            .map(|l| self.agency_ref(f, "lead", l, agency_ids));
        let source_url = p.source_url.as_ref().and_then(|u| {
            super::web_url(u.get_ref().trim())
                .map_err(|e| self.problem(f, Some(u.span()), format!("`source_url`: {e}; give the page where the document is officially published")))
                .ok()
        });
        let updated = p.updated.as_ref().and_then(|d| {
            let meaning = ", the day this plan's data was last brought up to date";
            self.day(f, "updated", d, meaning)
        });
        for doc in [&dir.document_vi, &dir.document_en].into_iter().flatten() {
            self.markdown_links(doc, 0, &doc.text);
        }
        if dir.document_en.is_some() && dir.document_vi.is_none() {
            self.problem(
                f,
                None,
                "this plan has document.en.md but no document.vi.md: add the Vietnamese original beside it (Vietnamese comes first)",
            );
        }
        let date = self.doc_date(f, p.date.as_ref());
        Head {
            issuer,
            lead,
            source_url,
            updated,
            date,
        }
    }

    /// The plan's own printed totals: those of plan.toml, each compared with every budget line
    /// when all figures could be read, then those of its tables. Then the checks of all the
    /// plan's figures together: a unit slipped, a column in doubtful notation.
    fn plan_totals(
        &mut self,
        plan: &Sourced<RawPlan>,
        period: Option<Period>,
        projects: &[Project],
        table_totals: Vec<Money>,
        figures_read: impl Fn(&Validator) -> bool,
    ) -> Vec<Money> {
        let (f, p) = (&plan.file, &plan.data);
        let mut printed_totals: Vec<Money> = p
            .printed_total
            .iter()
            .map(|m| self.printed_total(f, m, period))
            .collect();
        if figures_read(self) {
            let all_lines: Vec<&Money> = projects.iter().flat_map(|pr| pr.all_budget()).collect();
            for (raw, total) in p.printed_total.iter().zip(&printed_totals) {
                self.reconcile(f, raw, total, all_lines.iter().copied());
            }
        }
        printed_totals.extend(table_totals);
        let lines = std::mem::take(&mut self.lines);
        self.unit_slips(lines, &printed_totals);
        self.doubtful_figures();
        printed_totals
    }

    /// The plan itself, from plan.toml's texts, its head and its validated contents.
    fn plan_model(&mut self, dir: &RawPlanDir, p: &RawPlan, head: Head, c: Contents) -> Plan {
        Plan {
            id: dir.id.clone(),
            kind: p.kind,
            number: p
                .number
                .as_ref()
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty()),
            date: head.date,
            issuer: head.issuer,
            lead: head.lead,
            source_url: head.source_url,
            updated: head.updated,
            place: self.opt_text(&p.place),
            title: self.text(&p.title),
            short_title: self.opt_text(&p.short_title),
            period: *p.period.get_ref(),
            implements: self.opt_text(&p.implements),
            source: p.source.clone(),
            signer: p.signer.as_ref().map(|s| Signer {
                name: s.name.clone(),
                title: self.text(&s.title),
            }),
            legal_bases: self.texts(&p.legal_bases),
            purposes: self.texts(&p.purposes),
            requirements: self.texts(&p.requirements),
            general_objectives: self.texts(&p.general_objectives),
            beneficiaries: self.texts(&p.beneficiaries),
            solutions: self.texts(&p.solutions),
            funding_notes: self.texts(&p.funding_notes),
            printed_totals: c.printed_totals,
            targets: c.targets,
            projects: c.projects,
            duties: c.duties,
            document_vi: dir.document_vi.as_ref().map(|f| f.text.to_string()),
            document_en: dir.document_en.as_ref().map(|f| f.text.to_string()),
            calendar: c.calendar,
            reports: c.reports,
            supervision: c.supervision,
        }
    }

    /// The plan period, if it is one; `None` (and a problem) when it is not.
    fn period(&mut self, f: &SourceFile, raw: &Spanned<Period>) -> Option<Period> {
        let p = *raw.get_ref();
        let span = Some(raw.span());
        let problem = if p.from > p.to {
            Some(format!(
                "period runs from {} to {}: `from` must not be after `to`",
                p.from, p.to
            ))
        } else if !YEARS.contains(&p.from) || !YEARS.contains(&p.to) {
            Some(format!(
                "period {}–{} is not a plausible plan period (years {}–{}); check the years",
                p.from,
                p.to,
                YEARS.start(),
                YEARS.end()
            ))
        } else if p.to - p.from > MAX_PERIOD_YEARS {
            Some(format!(
                "period {}–{} spans {} years; a plan period is at most {MAX_PERIOD_YEARS}: check the years",
                p.from,
                p.to,
                p.to - p.from + 1
            ))
        } else {
            match p.orientation {
                Some(o) if o <= p.to || o > *YEARS.end() => Some(format!(
                    "`orientation = {o}` must be a year after the period's end ({}) that the plan looks ahead to (\"định hướng đến năm 2030\"); check it or leave it out",
                    p.to
                )),
                _ => None,
            }
        };
        match problem {
            Some(m) => {
                self.problem(f, span, m);
                None
            }
            None => Some(p),
        }
    }

    fn doc_date(&mut self, f: &SourceFile, raw: Option<&Spanned<String>>) -> DocDate {
        let Some(raw) = raw else {
            return DocDate::Blank;
        };
        let s = raw.get_ref().trim();
        if s.is_empty() {
            return DocDate::Blank;
        }
        parse_date(s).unwrap_or_else(|| {
            self.problem(f, Some(raw.span()), format!("date = \"{s}\" is not a date: write \"YYYY-MM-DD\" (\"2022-10-11\"), \"YYYY\" when only the year is printed, or leave it out when blank"));
            DocDate::Blank
        })
    }

    pub(super) fn check_id(
        &mut self,
        f: &SourceFile,
        id: &Spanned<String>,
        what: &str,
        seen: &mut HashSet<String>,
    ) {
        let s = id.get_ref();
        if !is_valid_id(s) {
            self.problem(f, Some(id.span()), id_rule(&format!("{what} id"), s));
        }
        if !seen.insert(s.clone()) {
            self.problem(
                f,
                Some(id.span()),
                format!("{what} id `{s}` is used twice in this plan; give each its own id"),
            );
        }
        // A project page is plans/<plan>/<id>.html, beside the plan's document.html and
        // notice.html and supervision.html.
        if what == "project" && (s == "document" || s == "notice" || s == "supervision") {
            let page = match s.as_str() {
                "document" => "full-text page",
                "notice" => "printable notice",
                _ => "supervision page",
            };
            self.problem(
                f,
                Some(id.span()),
                format!("project id `{s}` is taken by the plan's {page}; choose another id"),
            );
        }
    }

    fn projects(
        &mut self,
        f: &SourceFile,
        raw: &[Spanned<RawProject>],
        agency_ids: &[&str],
        period: Option<Period>,
    ) -> Vec<Project> {
        let mut seen = HashSet::new();
        raw.iter()
            .map(|p| self.project(f, p.get_ref(), None, (agency_ids, period), &mut seen))
            .collect()
    }

    fn project(
        &mut self,
        f: &SourceFile,
        p: &RawProject,
        parent: Option<&str>,
        (agency_ids, period): (&[&str], Option<Period>),
        seen: &mut HashSet<String>,
    ) -> Project {
        self.check_id(f, &p.id, "project", seen);
        let id = p.id.get_ref().clone();
        let subprojects = if parent.is_some() {
            if let Some(first) = p.subproject.first() {
                self.problem(f, Some(first.span()), "a sub-project cannot have sub-projects of its own; list them under the project");
            }
            Vec::new()
        } else {
            p.subproject
                .iter()
                .map(|s| self.project(f, s.get_ref(), Some(&id), (agency_ids, period), seen))
                .collect()
        };
        let (lead, support) = self.lead_support(f, &p.lead, &p.support, agency_ids);
        Project {
            parent: parent.map(str::to_string),
            code: self.text(&p.code),
            title: self.text(&p.title),
            reference: p.reference.clone(),
            objectives: self.texts(&p.objectives),
            tasks: self.texts(&p.tasks),
            beneficiaries: self.texts(&p.beneficiaries),
            note: self.opt_text(&p.note),
            data_note: self.opt_text(&p.data_note),
            lead,
            support,
            quantities: p.quantity.iter().map(|q| self.quantity(f, q)).collect(),
            budget: p
                .budget
                .iter()
                .map(|m| self.budget_line(f, m, period))
                .collect(),
            printed_totals: p
                .printed_total
                .iter()
                .map(|m| self.printed_total(f, m, period))
                .collect(),
            subprojects,
            id,
        }
    }

    /// A quantity a project promises: not negative, its id (if any) valid.
    fn quantity(&mut self, f: &SourceFile, q: &RawQuantity) -> Quantity {
        let value = self.decimal(f, "value", &q.value, Some(q.unit.vi.as_str()));
        if value.is_negative() {
            self.problem(
                f,
                Some(q.value.span()),
                "a promised quantity cannot be negative",
            );
        }
        Quantity {
            id: q.id.as_ref().map(|i| {
                if !is_valid_id(i.get_ref()) {
                    self.problem(f, Some(i.span()), id_rule("quantity id", i.get_ref()));
                }
                i.get_ref().clone()
            }),
            value,
            unit: self.text(&q.unit),
            what: self.text(&q.what),
        }
    }
}

/// What plan.toml says of the plan beyond its texts, validated.
struct Head {
    issuer: String,
    lead: Option<String>,
    source_url: Option<String>,
    updated: Option<Date>,
    date: DocDate,
}

/// What a plan folder holds besides plan.toml, validated.
struct Contents {
    printed_totals: Vec<Money>,
    targets: Vec<Target>,
    projects: Vec<Project>,
    duties: Vec<Duty>,
    calendar: Vec<Due>,
    reports: Vec<Report>,
    supervision: Vec<supervision::Activity>,
}

/// "YYYY-MM-DD" or "YYYY".
fn parse_date(s: &str) -> Option<DocDate> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |x: &str, len: usize| {
        (x.len() == len && x.chars().all(|c| c.is_ascii_digit()))
            .then(|| x.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => num(y, 4).map(|y| DocDate::YearOnly(y as i32)),
        [y, m, d] => {
            let (y, m, d) = (num(y, 4)?, num(m, 2)?, num(d, 2)?);
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = [
                31,
                if leap { 29 } else { 28 },
                31,
                30,
                31,
                30,
                31,
                31,
                30,
                31,
                30,
                31,
            ];
            (1..=12).contains(&m).then_some(())?;
            (1..=days[m as usize - 1])
                .contains(&d)
                .then_some(DocDate::Full {
                    year: y as i32,
                    month: m,
                    day: d,
                })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_full_and_year_only_dates() {
        assert_eq!(
            parse_date("2022-10-11"),
            Some(DocDate::Full {
                year: 2022,
                month: 10,
                day: 11
            })
        );
        assert_eq!(parse_date("2022"), Some(DocDate::YearOnly(2022)));
        assert_eq!(parse_date("2022-02-30"), None);
        assert_eq!(parse_date("11/10/2022"), None);
    }
}
