//! Validation of the entries of one progress report: each value, money figure, output and task
//! state checked against the plan it reports on, and the figures of one report against each
//! other.

use super::plan::Context;
use super::progress::{hint, key, Place, Places};
use super::Validator;
use crate::load::raw::*;
use crate::model::progress::*;
use crate::model::*;
use crate::problem::SourceFile;
use std::collections::HashMap;
use toml::Spanned;

impl Validator {
    /// Evidence: an https address, or a file of the site's `static/` folder.
    pub(super) fn evidence(
        &mut self,
        f: &SourceFile,
        raw: &[Spanned<String>],
        cx: &Context,
    ) -> Vec<String> {
        raw.iter()
            .map(|e| {
                let s = e.get_ref().trim();
                let web = s.starts_with("https://") || s.starts_with("http://");
                let bad = s.is_empty() || s.contains(['"', '<', '>', '\\', ' ']) || s.contains("..");
                if bad || !(web || cx.static_files.iter().any(|f| f == s)) {
                    let why = if bad || web {
                        "is not a plain web address or file name".to_string()
                    } else {
                        format!("is not a file of static/ (put the document at static/{s}, or give its https:// address)")
                    };
                    self.problem(f, Some(e.span()), format!("evidence \"{s}\" {why}"));
                }
                s.to_string()
            })
            .collect()
    }

    pub(super) fn as_of(
        &mut self,
        f: &SourceFile,
        raw: &Option<Spanned<String>>,
        report: &Report,
    ) -> Option<Date> {
        let Some(raw) = raw else {
            if report.period.end > report.published && !self.early.contains(&report.id) {
                self.early.push(report.id.clone());
                self.problem(f, None, format!("report `{}` is published on {}, before its period ends ({}), so its figures cannot be as of the period's end: give each figure's `as_of`, or correct the dates", report.id, report.published, report.period.end));
            }
            return Some(report.period.end);
        };
        let d = self.date(f, "as_of", raw)?;
        if d > report.published {
            self.problem(f, Some(raw.span()), format!("as_of = \"{d}\" is after the report's publication ({}); a report gives figures for days before it is published", report.published));
        }
        Some(d)
    }

    pub(super) fn value(
        &mut self,
        f: &SourceFile,
        v: &Spanned<RawValue>,
        report: &Report,
        cx: &Context,
        targets: &[Target],
    ) -> Option<ReportedValue> {
        let raw = v.get_ref();
        let id = raw.target.get_ref();
        let Some(t) = targets.iter().find(|t| &t.id == id) else {
            let h = hint(id, targets.iter().map(|t| t.id.as_str()));
            self.problem(
                f,
                Some(raw.target.span()),
                format!("target = \"{id}\": the plan has no target with this id{h}"),
            );
            return None;
        };
        let qualitative = matches!(t.goal, Goal::Qualitative);
        let value = raw.value.as_ref().map(|x| self.figure(f, "value", x));
        match (qualitative, &value, &raw.status) {
            (true, Some(_), _) => self.problem(f, Some(v.span()), format!("target `{id}` is qualitative: give its `status` as the report states it, not a `value`")),
            (true, None, None) => self.problem(f, Some(v.span()), format!("target `{id}` is qualitative: give `status` (achieved, on-track, needs-acceleration, off-track)")),
            (false, None, _) => self.problem(f, Some(v.span()), format!("target `{id}`: give the reported `value`, in the target's notation (\"12,5\")")),
            (false, Some(_), Some(s)) => self.problem(f, Some(s.span()), format!("target `{id}` has figures: its status is computed from them, not stated; remove `status`")),
            _ => {}
        }
        if let Some(u) = &raw.unit {
            let want = t.unit.as_ref().map(|u| u.vi.trim()).unwrap_or("");
            if u.get_ref().trim() != want {
                self.problem(f, Some(u.span()), format!("unit = \"{}\" is not the unit of target `{id}` (\"{want}\"): give the value in the target's unit", u.get_ref()));
            }
        }
        if let Some(x) = value {
            self.value_range(f, raw, t, x);
        }
        let reference_value = raw.reference_value.as_ref().map(|r| {
            if !matches!(t.goal, Goal::Ratio { .. }) {
                self.problem(
                    f,
                    Some(r.span()),
                    format!("`reference_value` is for ratio targets; target `{id}` is not one"),
                );
            }
            self.decimal(f, "reference_value", r)
        });
        let as_of = self.as_of(f, &raw.as_of, report)?;
        let breakdown = raw
            .breakdown
            .iter()
            .map(|b| Breakdown {
                by: b.get_ref().by,
                name: self.text(&b.get_ref().name),
                value: self.figure(f, "value", &b.get_ref().value),
            })
            .collect();
        Some(ReportedValue {
            target: id.clone(),
            value,
            reference_value,
            as_of,
            status: raw.status.as_ref().map(|s| *s.get_ref()),
            source: raw.source.clone(),
            note: self.opt_text(&raw.note),
            reason: self.opt_text(&raw.reason),
            evidence: self.evidence(f, &raw.evidence, cx),
            breakdown,
        })
    }

    /// A value in % is a share, at most 100 (a reported annual change is in the levels it is a
    /// change of, so the same holds); none is negative.
    pub(super) fn value_range(&mut self, f: &SourceFile, raw: &RawValue, t: &Target, x: Figure) {
        let span = raw.value.as_ref().map(|v| v.span());
        let percent = t.unit.as_ref().is_some_and(|u| u.vi.trim() == "%");
        let share =
            percent && raw.reference_value.is_none() && !matches!(t.goal, Goal::Ratio { .. });
        if x.to_f64() < 0.0 {
            self.problem(
                f,
                span,
                format!("target `{}`: a reported value cannot be negative", t.id),
            );
        } else if share && x.to_f64() > 100.0 {
            self.problem(
                f,
                span,
                format!(
                    "target `{}`: {}% is over 100%, which a share cannot be; check the figure",
                    t.id,
                    crate::render::format::figure(x, Lang::Vi)
                ),
            );
        }
    }

    pub(super) fn reported_project<'p>(
        &mut self,
        f: &SourceFile,
        id: &Spanned<String>,
        projects: &'p [Project],
    ) -> Option<&'p Project> {
        let all: Vec<&Project> = projects
            .iter()
            .flat_map(|p| std::iter::once(p).chain(&p.subprojects))
            .collect();
        let found = all.iter().find(|p| &p.id == id.get_ref()).copied();
        if found.is_none() {
            let h = hint(id.get_ref(), all.iter().map(|p| p.id.as_str()));
            self.problem(
                f,
                Some(id.span()),
                format!(
                    "project = \"{}\": the plan has no project or sub-project with this id{h}",
                    id.get_ref()
                ),
            );
        }
        found
    }

    pub(super) fn money_figure(
        &mut self,
        f: &SourceFile,
        m: &Spanned<RawMoneyFigure>,
        report: &Report,
        plan: Option<Period>,
        projects: &[Project],
    ) -> Option<MoneyFigure> {
        let raw = m.get_ref();
        let project = self.reported_project(f, &raw.project, projects);
        let amount = self.decimal(f, "amount", &raw.amount);
        if amount.is_negative() {
            self.problem(
                f,
                Some(raw.amount.span()),
                "`amount` is negative: money figures are never below zero",
            );
        }
        let phase = *raw.phase.get_ref();
        if phase == Phase::Proposed {
            self.problem(f, Some(raw.phase.span()), "a report gives money \"allocated\", \"adjusted\" or \"disbursed\"; what was proposed is in the plan's budget lines");
        }
        let year = *raw.year.get_ref();
        if let Some(p) = plan {
            if year < p.from || year > p.to {
                self.problem(
                    f,
                    Some(raw.year.span()),
                    format!(
                        "year = {year} is outside the plan period {}–{}",
                        p.from, p.to
                    ),
                );
            }
        }
        if let Some(pr) = project {
            let has = pr.budget.iter().any(|l| {
                l.source == Some(raw.source)
                    && (l.capital == raw.capital || l.capital.is_none() && raw.capital.is_none())
            });
            if !has {
                let lines: Vec<String> = pr
                    .budget
                    .iter()
                    .filter_map(|l| {
                        l.source.map(|s| {
                            format!(
                                "{}{}",
                                key(s),
                                l.capital
                                    .map(|c| format!(" · {}", key(c)))
                                    .unwrap_or_default()
                            )
                        })
                    })
                    .collect();
                let which = if lines.is_empty() {
                    "no budget lines".to_string()
                } else {
                    format!("budget lines for {}", lines.join(", "))
                };
                self.problem(f, Some(m.span()), format!("project `{}` has no budget line for {}{}: it has {which}; a report gives figures for the plan's own lines", pr.id, key(raw.source), raw.capital.map(|c| format!(" · {}", key(c))).unwrap_or_default()));
            }
        }
        let as_of = self.as_of(f, &raw.as_of, report)?;
        Some(MoneyFigure {
            project: raw.project.get_ref().clone(),
            source: raw.source,
            capital: raw.capital,
            year,
            phase,
            amount,
            as_of,
            note: self.opt_text(&raw.note),
            reason: self.opt_text(&raw.reason),
        })
    }

    pub(super) fn output(
        &mut self,
        f: &SourceFile,
        o: &Spanned<RawOutput>,
        report: &Report,
        cx: &Context,
        projects: &[Project],
    ) -> Option<OutputDone> {
        let raw = o.get_ref();
        let pr = self.reported_project(f, &raw.project, projects)?;
        let qid = raw.quantity.get_ref();
        let q = pr
            .quantities
            .iter()
            .find(|q| q.id.as_deref() == Some(qid.as_str()));
        let done = self.decimal(f, "done", &raw.done);
        match q {
            None => {
                let h = hint(qid, pr.quantities.iter().filter_map(|q| q.id.as_deref()));
                let ids = if pr.quantities.iter().any(|q| q.id.is_some()) { "" } else { " (give the project's [[project.quantity]] an `id`)" };
                self.problem(f, Some(raw.quantity.span()), format!("quantity = \"{qid}\": project `{}` has no promised output with this id{h}{ids}", pr.id));
            }
            Some(q) if done > q.value => self.warn(f, Some(raw.done.span()), format!("{} done is more than the {} planned for `{qid}` of project `{}`; check the figure", crate::render::format::decimal(done, Lang::Vi), crate::render::format::decimal(q.value, Lang::Vi), pr.id)),
            Some(_) => {}
        }
        if done.is_negative() {
            self.problem(f, Some(raw.done.span()), "`done` is negative");
        }
        let as_of = self.as_of(f, &raw.as_of, report)?;
        Some(OutputDone {
            project: pr.id.clone(),
            quantity: qid.clone(),
            done,
            as_of,
            note: self.opt_text(&raw.note),
            reason: self.opt_text(&raw.reason),
            evidence: self.evidence(f, &raw.evidence, cx),
        })
    }

    pub(super) fn task(
        &mut self,
        f: &SourceFile,
        t: &Spanned<RawTask>,
        report: &Report,
        projects: &[Project],
    ) -> Option<TaskState> {
        let raw = t.get_ref();
        let pr = self.reported_project(f, &raw.project, projects)?;
        let task = raw.task.as_ref().map(|n| {
            let k = *n.get_ref() as usize;
            if k == 0 || k > pr.tasks.len() {
                self.problem(f, Some(n.span()), format!("task = {k}: project `{}` lists {} tasks; give the number of one of them (1 for the first), or leave `task` out for the project as a whole", pr.id, pr.tasks.len()));
            }
            k
        });
        if raw.status == Work::Delayed && raw.reason.is_none() {
            self.problem(
                f,
                Some(t.span()),
                "a delayed task needs `reason`: why it is late",
            );
        }
        Some(TaskState {
            project: pr.id.clone(),
            task,
            state: raw.status,
            reason: self.opt_text(&raw.reason),
            as_of: self.as_of(f, &raw.as_of, report)?,
        })
    }

    /// One report gives each figure once.
    pub(super) fn twice(&mut self, r: &Report, places: &Places) {
        let mut seen: HashMap<String, (Option<Decimal>, usize)> = HashMap::new();
        let mut check = |v: &mut Validator,
                         key: String,
                         value: Option<Decimal>,
                         place: &Place,
                         what: String| {
            match seen.get(&key) {
                Some((old, _)) if *old != value => v.problem(
                    &place.0,
                    Some(place.1.clone()),
                    format!(
                        "{what} is given twice in this report with different values; give it once"
                    ),
                ),
                Some(_) => v.warn(
                    &place.0,
                    Some(place.1.clone()),
                    format!("{what} is given twice in this report; give it once"),
                ),
                None => {
                    seen.insert(key, (value, 0));
                }
            }
        };
        for (v, p) in r.values.iter().zip(&places.values) {
            let d = match v.value {
                Some(Figure::Decimal(d)) => Some(d),
                _ => None,
            };
            check(
                self,
                format!("v/{}/{}", v.target, v.as_of),
                d,
                p,
                format!("the value of target `{}` for {}", v.target, v.as_of),
            );
        }
        for (m, p) in r.money.iter().zip(&places.money) {
            check(
                self,
                format!("m/{:?}/{:?}/{}", m.line(), m.phase, m.as_of),
                Some(m.amount),
                p,
                format!(
                    "money {} of `{}` ({} {})",
                    key(m.phase),
                    m.project,
                    key(m.source),
                    m.year
                ),
            );
        }
        for (o, p) in r.outputs.iter().zip(&places.outputs) {
            check(
                self,
                format!("o/{}/{}/{}", o.project, o.quantity, o.as_of),
                Some(o.done),
                p,
                format!("the output `{}` of `{}`", o.quantity, o.project),
            );
        }
    }

    /// Disbursed above allocated is possible (advances, carried-over funds) but worth a look.
    pub(super) fn overspent(&mut self, r: &Report, places: &Places) {
        for (m, p) in r
            .money
            .iter()
            .zip(&places.money)
            .filter(|(m, _)| m.phase == Phase::Disbursed)
        {
            let base = |ph: Phase| {
                r.money
                    .iter()
                    .find(|x| x.phase == ph && x.line() == m.line() && x.as_of == m.as_of)
                    .map(|x| x.amount)
            };
            if let Some(b) = base(Phase::Adjusted).or_else(|| base(Phase::Allocated)) {
                if m.amount > b {
                    let vi = |d: Decimal| crate::render::format::decimal(d, Lang::Vi);
                    self.warn(&p.0, Some(p.1.clone()), format!("disbursed {} is more than the {} allocated to `{}` ({} {}); check the figures", vi(m.amount), vi(b), m.project, key(m.source), m.year));
                }
            }
        }
    }
}
