//! Validation of one plan folder: identity, targets, projects with budgets, duties.

use super::{is_valid_id, Validator};
use crate::load::raw::{RawMoney, RawProject, RawTarget};
use crate::load::RawPlanDir;
use crate::model::*;
use crate::problem::{did_you_mean, SourceFile};
use std::collections::HashSet;
use toml::Spanned;

impl Validator {
    pub(super) fn plan(&mut self, dir: &RawPlanDir, agency_ids: &[&str]) -> Plan {
        let f = &dir.plan.file;
        let p = &dir.plan.data;
        let issuer = self.agency_ref(f, "issuer", &p.issuer, agency_ids);
        if dir.document_en.is_some() && dir.document_vi.is_none() {
            self.problem(
                f,
                None,
                "this plan has document.en.md but no document.vi.md: add the Vietnamese original beside it (Vietnamese comes first)",
            );
        }
        let date = self.doc_date(f, p.date.as_ref());
        let period = *p.period.get_ref();
        if period.from > period.to {
            self.problem(
                f,
                Some(p.period.span()),
                format!(
                    "period runs from {} to {}: `from` must not be after `to`",
                    period.from, period.to
                ),
            );
        }
        let printed_totals = p
            .printed_total
            .iter()
            .map(|m| self.printed_total(f, m))
            .collect();
        let targets = dir.targets.as_ref().map_or_else(Vec::new, |t| {
            self.targets(&t.file, &t.data.target, agency_ids)
        });
        let projects = dir.projects.as_ref().map_or_else(Vec::new, |pr| {
            self.projects(&pr.file, &pr.data.project, agency_ids)
        });
        let duties = dir.duties.as_ref().map_or_else(Vec::new, |d| {
            d.data
                .duty
                .iter()
                .map(|duty| Duty {
                    agency: self.agency_ref(&d.file, "agency", &duty.agency, agency_ids),
                    relation: duty.relation,
                    tasks: self.texts(&duty.tasks),
                    reference: duty.reference.clone(),
                })
                .collect()
        });
        self.coverage.pages_total += usize::from(dir.document_vi.is_some());
        self.coverage.pages_english +=
            usize::from(dir.document_vi.is_some() && dir.document_en.is_some());
        Plan {
            id: dir.id.clone(),
            kind: p.kind,
            number: p
                .number
                .as_ref()
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty()),
            date,
            issuer,
            place: self.opt_text(&p.place),
            title: self.text(&p.title),
            short_title: self.opt_text(&p.short_title),
            period,
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
            printed_totals,
            targets,
            projects,
            duties,
            document_vi: dir.document_vi.clone(),
            document_en: dir.document_en.clone(),
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

    fn money(&mut self, f: &SourceFile, m: &Spanned<RawMoney>) -> Money {
        let raw = m.get_ref();
        Money {
            amount: raw.amount.as_ref().map(|a| self.decimal(f, "amount", a)),
            source: raw.source,
            capital: raw.capital,
            phase: raw.phase,
            year: raw.year,
            note: self.opt_text(&raw.note),
            reference: raw.reference.clone(),
        }
    }

    fn printed_total(&mut self, f: &SourceFile, m: &Spanned<RawMoney>) -> Money {
        self.require_phase(f, m);
        if m.get_ref().amount.is_none() {
            self.problem(
                f,
                Some(m.span()),
                "a printed_total needs `amount` (the total as printed)",
            );
        }
        self.money(f, m)
    }

    /// A figure must say whether it is proposed, allocated, adjusted or disbursed.
    fn require_phase(&mut self, f: &SourceFile, m: &Spanned<RawMoney>) {
        let raw = m.get_ref();
        if raw.phase.is_none() && raw.amount.is_some() {
            self.problem(f, Some(m.span()), "a figure needs `phase`: \"proposed\" (dự kiến), \"allocated\" (giao), \"adjusted\" or \"disbursed\"");
        }
    }

    fn budget_line(&mut self, f: &SourceFile, m: &Spanned<RawMoney>) -> Money {
        self.require_phase(f, m);
        let raw = m.get_ref();
        if raw.source.is_none() {
            self.problem(f, Some(m.span()), "a budget line needs `source`: one of \"central\", \"local\", \"policy-credit\", \"other\"");
        }
        if raw.amount.is_none() && raw.note.is_none() {
            self.problem(f, Some(m.span()), "a budget line without `amount` needs a `note` saying why (e.g. \"Theo nhu cầu thực tế\")");
        }
        self.money(f, m)
    }

    fn targets(
        &mut self,
        f: &SourceFile,
        raw: &[Spanned<RawTarget>],
        agency_ids: &[&str],
    ) -> Vec<Target> {
        let ids: Vec<&str> = raw
            .iter()
            .map(|t| t.get_ref().id.get_ref().as_str())
            .collect();
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for t in raw {
            let span = t.span();
            let t = t.get_ref();
            let id = t.id.get_ref();
            self.check_id(f, &t.id, "target", &mut seen);
            let parent = t.parent.as_ref().map(|p| {
                let pid = p.get_ref();
                if !ids.contains(&pid.as_str()) || pid == id {
                    let hint = did_you_mean(pid, ids.iter().copied().filter(|i| i != id))
                        .map(|c| format!("; did you mean `{c}`?"))
                        .unwrap_or_default();
                    self.problem(
                        f,
                        Some(p.span()),
                        format!(
                            "parent = \"{pid}\": no other target in this plan has this id{hint}"
                        ),
                    );
                }
                pid.clone()
            });
            let goal = self.goal(f, span, t);
            out.push(Target {
                id: id.clone(),
                horizon: t.horizon,
                vision: t.vision,
                topic: self.opt_text(&t.topic),
                indicator: self.text(&t.indicator),
                text: self.text(&t.text),
                goal,
                unit: self.opt_text(&t.unit),
                per_year: t.per_year,
                scope: self.opt_text(&t.scope),
                parent,
                lead: self.agency_refs(f, "lead", &t.lead, agency_ids),
                support: self.agency_refs(f, "support", &t.support, agency_ids),
                reference: t.section.clone(),
            });
        }
        out
    }

    fn check_id(
        &mut self,
        f: &SourceFile,
        id: &Spanned<String>,
        what: &str,
        seen: &mut HashSet<String>,
    ) {
        let s = id.get_ref();
        if !is_valid_id(s) {
            self.problem(
                f,
                Some(id.span()),
                format!("{what} id `{s}` may use only a-z, 0-9 and `-`"),
            );
        }
        if !seen.insert(s.clone()) {
            self.problem(
                f,
                Some(id.span()),
                format!("{what} id `{s}` is used twice in this plan; give each its own id"),
            );
        }
        // A project page is plans/<plan>/<id>.html, beside the plan's document.html.
        if what == "project" && s == "document" {
            self.problem(
                f,
                Some(id.span()),
                "project id `document` is taken by the plan's full-text page; choose another id",
            );
        }
    }

    /// Builds the goal of a target, requiring exactly the fields its shape uses.
    fn goal(&mut self, f: &SourceFile, span: std::ops::Range<usize>, t: &RawTarget) -> Goal {
        let id = t.id.get_ref().clone();
        let missing = |v: &mut Validator, field: &str, shape: &str| {
            v.problem(
                f,
                Some(span.clone()),
                format!(
                    "target `{id}`: shape \"{shape}\" needs `{field}` (see docs/content-format.md)"
                ),
            );
        };
        let fig = |v: &mut Validator, x: &Option<Spanned<_>>, name: &str| {
            x.as_ref().map(|x| v.figure(f, name, x))
        };
        let value = fig(self, &t.value, "value");
        let min = fig(self, &t.min, "min");
        let max = fig(self, &t.max, "max");
        let zero = Figure::Decimal(Decimal::ZERO);
        match t.shape {
            TargetShape::Threshold => {
                if t.op.is_none() {
                    missing(self, "op", "threshold")
                }
                if value.is_none() {
                    missing(self, "value", "threshold")
                }
                Goal::Threshold {
                    op: t.op.unwrap_or(Op::Exactly),
                    value: value.unwrap_or(zero),
                }
            }
            TargetShape::Range => {
                if min.is_none() {
                    missing(self, "min", "range")
                }
                if max.is_none() {
                    missing(self, "max", "range")
                }
                Goal::Range {
                    min: min.unwrap_or(zero),
                    max: max.unwrap_or(zero),
                }
            }
            TargetShape::AnnualRate => {
                if t.direction.is_none() {
                    missing(self, "direction", "annual-rate")
                }
                if value.is_none() && (min.is_none() || max.is_none()) {
                    missing(self, "value` (or `min` and `max", "annual-rate")
                }
                Goal::AnnualRate {
                    direction: t.direction.unwrap_or(Direction::Decrease),
                    op: t.op,
                    value,
                    min,
                    max,
                }
            }
            TargetShape::Multiple => {
                if t.op.is_none() {
                    missing(self, "op", "multiple")
                }
                if value.is_none() {
                    missing(self, "value", "multiple")
                }
                if t.baseline_year.is_none() {
                    missing(self, "baseline_year", "multiple")
                }
                Goal::Multiple {
                    op: t.op.unwrap_or(Op::Exactly),
                    value: value.unwrap_or(zero),
                    baseline_year: t.baseline_year.unwrap_or(0),
                }
            }
            TargetShape::Ratio => {
                if value.is_none() {
                    missing(self, "value", "ratio")
                }
                if t.reference.is_none() {
                    missing(self, "reference", "ratio")
                }
                let reference = self.opt_text(&t.reference).unwrap_or_default();
                Goal::Ratio {
                    op: t.op.unwrap_or(Op::Exactly),
                    value: value.unwrap_or(zero),
                    reference,
                }
            }
            TargetShape::Qualitative => {
                if value.is_some() || min.is_some() || max.is_some() {
                    self.problem(f, Some(span.clone()), format!("target `{id}`: a qualitative target has no figures; remove `value`/`min`/`max` or choose another shape"));
                }
                Goal::Qualitative
            }
        }
    }

    fn projects(
        &mut self,
        f: &SourceFile,
        raw: &[Spanned<RawProject>],
        agency_ids: &[&str],
    ) -> Vec<Project> {
        let mut seen = HashSet::new();
        raw.iter()
            .map(|p| self.project(f, p.get_ref(), None, agency_ids, &mut seen))
            .collect()
    }

    fn project(
        &mut self,
        f: &SourceFile,
        p: &RawProject,
        parent: Option<&str>,
        agency_ids: &[&str],
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
                .map(|s| self.project(f, s.get_ref(), Some(&id), agency_ids, seen))
                .collect()
        };
        Project {
            parent: parent.map(str::to_string),
            code: self.text(&p.code),
            title: self.text(&p.title),
            reference: p.reference.clone(),
            objectives: self.texts(&p.objectives),
            tasks: self.texts(&p.tasks),
            beneficiaries: self.texts(&p.beneficiaries),
            note: self.opt_text(&p.note),
            lead: self.agency_refs(f, "lead", &p.lead, agency_ids),
            support: self.agency_refs(f, "support", &p.support, agency_ids),
            quantities: p
                .quantity
                .iter()
                .map(|q| Quantity {
                    value: self.decimal(f, "value", &q.value),
                    unit: self.text(&q.unit),
                    what: self.text(&q.what),
                })
                .collect(),
            budget: p.budget.iter().map(|m| self.budget_line(f, m)).collect(),
            printed_totals: p
                .printed_total
                .iter()
                .map(|m| self.printed_total(f, m))
                .collect(),
            subprojects,
            id,
        }
    }
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
