//! Validation of the entries of one progress report: each value, money figure, output and task
//! state checked against the plan it reports on, and the figures of one report against each
//! other.

use super::context::{hint, key, Context, Place, Places};
use super::Validator;
use crate::load::raw::*;
use crate::model::progress::*;
use crate::model::*;
use crate::problem::SourceFile;
use std::collections::HashMap;
use toml::Spanned;

/// What lets an entry of a report be dated before the report's period.
#[derive(Debug, Clone, Copy)]
pub(super) enum Earlier {
    /// A figure, with `reason`: a correction of one an earlier report gave for that day, or a
    /// figure that came out after the report for its period. Never before the plan period.
    Figure { reason: bool },
    /// A target's value: as a figure, or the level of the target's base year (a `multiple`'s
    /// `baseline_year`, or its `baseline`), which may come before the plan period.
    Value {
        reason: bool,
        base_year: Option<i32>,
    },
    /// A task's state: never.
    Task,
}

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

    /// The day an entry is for: its `as_of`, by default the end of the report's period. A day
    /// after the report's publication, more than a month after its period, or before its period
    /// without what `earlier` allows, is refused.
    pub(super) fn as_of(
        &mut self,
        f: &SourceFile,
        raw: &Option<Spanned<String>>,
        (report, plan): (&Report, Option<Period>),
        earlier: Earlier,
    ) -> Option<Date> {
        let Some(raw) = raw else {
            if report.period.end > report.published && !self.early.contains(&report.id) {
                self.early.push(report.id.clone());
                self.problem(f, None, format!("report `{}` is published on {}, before its period ends ({}), so its figures cannot be as of the period's end: give each figure's `as_of`, or correct the dates", report.id, report.published, report.period.end));
            }
            return Some(report.period.end);
        };
        let d = self.date(f, "as_of", raw)?;
        let p = &report.period;
        let covers = format!(
            "the period this report covers ({}: {} to {})",
            p.label, p.start, p.end
        );
        let span = Some(raw.span());
        if d > report.published {
            self.problem(f, span, format!("as_of = \"{d}\" is after the report's publication ({}); a report gives figures for days before it is published", report.published));
        } else if d > p.latest_as_of() {
            self.problem(f, span, format!("as_of = \"{d}\" is more than a month after {covers}: a report gives figures up to the end of the month after its period ({}), as a year's disbursement runs to 31 January. Check the year, or give the figure in the report for the period it belongs to", p.latest_as_of()));
        } else if d < p.start {
            let before_plan = plan.filter(|pp| d.year < pp.from);
            match (earlier, before_plan) {
                (Earlier::Value { base_year, .. }, _) if base_year == Some(d.year) => {}
                (Earlier::Task, _) => self.problem(f, span, format!("as_of = \"{d}\" is before {covers}: a report gives the state of work in its own period. Check the date, or give the state in the report for that period")),
                (_, Some(pp)) => {
                    let start = match earlier {
                        Earlier::Value { .. } => format!("; a target's starting level goes in targets.toml, as `baseline = {{ value = \"…\", year = {} }}`", d.year),
                        _ => String::new(),
                    };
                    self.problem(f, span, format!("as_of = \"{d}\" is before {covers}, and before the plan period {}–{}: check the date{start}", pp.from, pp.to));
                }
                (Earlier::Figure { reason: true } | Earlier::Value { reason: true, .. }, None) => {}
                (_, None) => self.problem(f, span, format!("as_of = \"{d}\" is before {covers}: a report gives figures for its own period. Check the date; if the figure corrects one an earlier report gave for that day, or came out after that report, keep the day and add `reason`")),
            }
        }
        Some(d)
    }

    pub(super) fn value(
        &mut self,
        f: &SourceFile,
        v: &Spanned<RawValue>,
        (report, plan): (&Report, Option<Period>),
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
        let unit = t.unit.as_ref().map(|u| u.vi.as_str());
        let value = raw.value.as_ref().map(|x| self.figure(f, "value", x, unit));
        self.value_says(f, v, t, value.is_some());
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
            self.decimal(f, "reference_value", r, unit)
        });
        let earlier = Earlier::Value {
            reason: raw.reason.is_some(),
            base_year: base_year(t),
        };
        let as_of = self.as_of(f, &raw.as_of, (report, plan), earlier)?;
        let breakdown = raw
            .breakdown
            .iter()
            .map(|b| self.breakdown(f, b.get_ref(), unit))
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

    /// A value says what its target's kind asks: a status for a qualitative target, a figure
    /// (and no status) otherwise, in the target's unit.
    fn value_says(&mut self, f: &SourceFile, v: &Spanned<RawValue>, t: &Target, has_value: bool) {
        let raw = v.get_ref();
        let id = &t.id;
        let qualitative = matches!(t.goal, Goal::Qualitative);
        match (qualitative, has_value, &raw.status) {
            (true, true, _) => self.problem(f, Some(v.span()), format!("target `{id}` is qualitative: give its `status` as the report states it, not a `value`")),
            (true, false, None) => self.problem(f, Some(v.span()), format!("target `{id}` is qualitative: give `status` (achieved, on-track, needs-acceleration, off-track, deteriorating)")),
            (false, false, _) => self.problem(f, Some(v.span()), format!("target `{id}`: give the reported `value`, in the target's notation (\"12,5\")")),
            (false, true, Some(s)) => self.problem(f, Some(s.span()), format!("target `{id}` has figures: its status is computed from them, not stated; remove `status`")),
            _ => {}
        }
        if let Some(u) = &raw.unit {
            let want = t.unit.as_ref().map(|u| u.vi.trim()).unwrap_or("");
            if u.get_ref().trim() != want {
                self.problem(f, Some(u.span()), format!("unit = \"{}\" is not the unit of target `{id}` (\"{want}\"): give the value in the target's unit", u.get_ref()));
            }
        }
    }

    /// One part of a value broken down (by commune, by group).
    fn breakdown(&mut self, f: &SourceFile, b: &RawBreakdown, unit: Option<&str>) -> Breakdown {
        Breakdown {
            by: b.by,
            name: self.text(&b.name),
            value: self.figure(f, "value", &b.value, unit),
        }
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
                    t.id, x
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
        (report, plan): (&Report, Option<Period>),
        projects: &[Project],
    ) -> Option<MoneyFigure> {
        let raw = m.get_ref();
        let project = self.reported_project(f, &raw.project, projects);
        let amount = self.decimal(f, "amount", &raw.amount, None);
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
            self.has_budget_line(f, m, pr);
        }
        let earlier = Earlier::Figure {
            reason: raw.reason.is_some(),
        };
        let as_of = self.as_of(f, &raw.as_of, (report, plan), earlier)?;
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

    /// A money figure is for one of its project's budget lines (same source and capital).
    fn has_budget_line(&mut self, f: &SourceFile, m: &Spanned<RawMoneyFigure>, pr: &Project) {
        let raw = m.get_ref();
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

    pub(super) fn output(
        &mut self,
        f: &SourceFile,
        o: &Spanned<RawOutput>,
        (report, plan): (&Report, Option<Period>),
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
        let done = self.decimal(f, "done", &raw.done, q.map(|q| q.unit.vi.as_str()));
        match q {
            None => {
                let h = hint(qid, pr.quantities.iter().filter_map(|q| q.id.as_deref()));
                let ids = if pr.quantities.iter().any(|q| q.id.is_some()) { "" } else { " (give the project's [[project.quantity]] an `id`)" };
                self.problem(f, Some(raw.quantity.span()), format!("quantity = \"{qid}\": project `{}` has no promised output with this id{h}{ids}", pr.id));
            }
            Some(q) if done > q.value => self.warn(f, Some(raw.done.span()), format!("{} done is more than the {} planned for `{qid}` of project `{}`; check the figure", done, q.value, pr.id)),
            Some(_) => {}
        }
        if done.is_negative() {
            self.problem(f, Some(raw.done.span()), "`done` is negative");
        }
        let earlier = Earlier::Figure {
            reason: raw.reason.is_some(),
        };
        let as_of = self.as_of(f, &raw.as_of, (report, plan), earlier)?;
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
        (report, plan): (&Report, Option<Period>),
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
            as_of: self.as_of(f, &raw.as_of, (report, plan), Earlier::Task)?,
        })
    }

    /// One report gives each figure once.
    pub(super) fn twice(&mut self, r: &Report, places: &Places) {
        let mut seen = Seen::default();
        for (v, p) in r.values.iter().zip(&places.values) {
            let d = match v.value {
                Some(Figure::Decimal(d)) => Some(d),
                _ => None,
            };
            seen.check(
                self,
                format!("v/{}/{}", v.target, v.as_of),
                d,
                p,
                format!("the value of target `{}` for {}", v.target, v.as_of),
            );
        }
        for (m, p) in r.money.iter().zip(&places.money) {
            seen.check(
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
            seen.check(
                self,
                format!("o/{}/{}/{}", o.project, o.quantity, o.as_of),
                Some(o.done),
                p,
                format!("the output `{}` of `{}`", o.quantity, o.project),
            );
        }
    }
}

/// The figures of one report seen so far, by what they are of, with their value.
#[derive(Default)]
struct Seen(HashMap<String, Option<Decimal>>);

impl Seen {
    /// The figure `what` (known as `key`) with `value`, written at `place`: given twice, it is
    /// an error when the values differ and a warning when they agree.
    fn check(
        &mut self,
        v: &mut Validator,
        key: String,
        value: Option<Decimal>,
        place: &Place,
        what: String,
    ) {
        match self.0.get(&key) {
            Some(old) if *old != value => v.problem(
                &place.0,
                Some(place.1.clone()),
                format!("{what} is given twice in this report with different values; give it once"),
            ),
            Some(_) => v.warn(
                &place.0,
                Some(place.1.clone()),
                format!("{what} is given twice in this report; give it once"),
            ),
            None => {
                self.0.insert(key, value);
            }
        }
    }
}

/// The year a target's values are measured from, when the plan names it: a `multiple`'s
/// `baseline_year` ("so với năm 2020"), or the year of its printed `baseline`.
fn base_year(t: &Target) -> Option<i32> {
    match t.goal {
        Goal::Multiple { baseline_year, .. } => Some(baseline_year),
        _ => t.baseline.as_ref().map(|b| b.year),
    }
}
