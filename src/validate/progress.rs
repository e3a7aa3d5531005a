//! Validation of progress: the reporting calendar and the reports, checked against the plan they
//! report on. A figure for something the plan does not have, a date that cannot be, a unit that
//! is not the target's, a figure changed without a reason: each is an error where it is written.

use super::plan::Context;
use super::Validator;
use crate::load::raw::*;
use crate::load::{RawPlanDir, RawReportDir, Sourced};
use crate::model::progress::*;
use crate::model::*;
use crate::problem::{did_you_mean, SourceFile};
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;

/// Where each validated entry of a report was written, to place problems found later
/// (revisions without a reason) at the entry.
#[derive(Default)]
struct Places {
    values: Vec<Place>,
    money: Vec<Place>,
    outputs: Vec<Place>,
}

/// A file and a place in it.
type Place = (SourceFile, Range<usize>);

fn hint<'a>(wrong: &str, ids: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(wrong, ids)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

impl Validator {
    /// A target's printed baseline, if it gives one.
    pub(super) fn baseline(&mut self, f: &SourceFile, t: &RawTarget) -> Option<Baseline> {
        let b = t.baseline.as_ref()?;
        let value = self.figure(f, "baseline.value", &b.get_ref().value);
        let year = b.get_ref().year;
        if year > t.horizon {
            self.problem(
                f,
                Some(b.span()),
                format!(
                    "target `{}`: the baseline year {year} is after the target's horizon {}",
                    t.id.get_ref(),
                    t.horizon
                ),
            );
        }
        if t.rate.is_some() && !matches!(t.shape, TargetShape::AnnualRate) {
            self.problem(
                f,
                Some(t.id.span()),
                format!(
                    "target `{}`: `rate` is for annual-rate targets only",
                    t.id.get_ref()
                ),
            );
        }
        Some(Baseline { value, year })
    }

    fn date(&mut self, f: &SourceFile, field: &str, raw: &Spanned<String>) -> Option<Date> {
        let d = Date::parse(raw.get_ref().trim());
        if d.is_none() {
            self.problem(
                f,
                Some(raw.span()),
                format!(
                    "{field} = \"{}\" is not a date: write \"YYYY-MM-DD\"",
                    raw.get_ref()
                ),
            );
        }
        d
    }

    fn report_period(
        &mut self,
        f: &SourceFile,
        kind: ReportKind,
        raw: &Spanned<String>,
        plan: Option<Period>,
    ) -> Option<ReportPeriod> {
        match ReportPeriod::parse(kind, raw.get_ref().trim()) {
            Ok(p) => {
                if let Some(pp) = plan {
                    if p.start.year < pp.from || p.end.year > pp.to {
                        self.problem(
                            f,
                            Some(raw.span()),
                            format!(
                                "period = \"{}\" is outside the plan period {}–{}",
                                raw.get_ref(),
                                pp.from,
                                pp.to
                            ),
                        );
                    }
                }
                Some(p)
            }
            Err(e) => {
                self.problem(
                    f,
                    Some(raw.span()),
                    format!(
                        "{e}; a {} report covers a period written like {}",
                        kind_name(kind),
                        example(kind)
                    ),
                );
                None
            }
        }
    }

    /// The plan's reporting calendar.
    pub(super) fn calendar(
        &mut self,
        dir: &RawPlanDir,
        cx: &Context,
        plan: Option<Period>,
    ) -> Vec<Due> {
        let Some(Sourced { file, data }) = &dir.calendar else {
            return Vec::new();
        };
        let mut out: Vec<Due> = Vec::new();
        for d in data {
            let raw = d.get_ref();
            let agency = self.agency_ref(file, "agency", &raw.agency, cx.agency_ids);
            let period = self.report_period(file, raw.kind, &raw.period, plan);
            let due = self.date(file, "due", &raw.due);
            let what = self.opt_text(&raw.what);
            let (Some(period), Some(due)) = (period, due) else {
                continue;
            };
            if due < period.end {
                self.problem(
                    file,
                    Some(raw.due.span()),
                    format!(
                        "due = \"{}\" is before the end of the period it reports on ({})",
                        due, period.end
                    ),
                );
            }
            if out.iter().any(|o| o.agency == agency && o.period == period) {
                self.problem(
                    file,
                    Some(d.span()),
                    format!(
                        "the calendar already has a {} report of `{agency}` for {}; list each once",
                        kind_name(raw.kind),
                        period.label
                    ),
                );
            }
            out.push(Due {
                agency,
                period,
                due,
                what,
            });
        }
        out.sort_by(|a, b| (a.due, &a.agency).cmp(&(b.due, &b.agency)));
        out
    }

    /// The plan's reports, sorted by publication date; each figure checked against the plan.
    pub(super) fn reports(
        &mut self,
        dir: &RawPlanDir,
        cx: &Context,
        plan: Option<Period>,
        (targets, projects): (&[Target], &[Project]),
    ) -> Vec<Report> {
        let mut out: Vec<(Report, Places)> = Vec::new();
        for r in &dir.reports {
            if let Some(x) = self.report(r, cx, plan, (targets, projects)) {
                out.push(x);
            }
        }
        out.sort_by(|(a, _), (b, _)| (a.published, &a.id).cmp(&(b.published, &b.id)));
        self.overlaps(dir, &out);
        self.falling_outputs(&out);
        self.uncalendared(dir, &out);
        let (reports, places): (Vec<Report>, Vec<Places>) = out.into_iter().unzip();
        for rev in revisions(&reports) {
            let by = &reports[rev.by_report];
            let (reason, place) = match &rev.item {
                Revised::Target(_) => (
                    by.values[rev.entry].reason.is_some(),
                    &places[rev.by_report].values[rev.entry],
                ),
                Revised::Money { .. } => (
                    by.money[rev.entry].reason.is_some(),
                    &places[rev.by_report].money[rev.entry],
                ),
                Revised::Output { .. } => (
                    by.outputs[rev.entry].reason.is_some(),
                    &places[rev.by_report].outputs[rev.entry],
                ),
            };
            if !reason {
                let vi = |d: Decimal| crate::render::format::decimal(d, Lang::Vi);
                self.problem(
                    &place.0,
                    Some(place.1.clone()),
                    format!(
                        "this changes {} for {} from {} (report `{}`) to {} without saying why: add `reason` (a figure already published is never changed silently)",
                        revised_name(&rev.item),
                        rev.as_of,
                        vi(rev.old),
                        reports[rev.from_report].id,
                        vi(rev.new)
                    ),
                );
            }
        }
        reports
    }

    /// Outputs are cumulative: a later report giving less done than an earlier one is worth a look.
    fn falling_outputs(&mut self, reports: &[(Report, Places)]) {
        let mut last: HashMap<(&str, &str), (Date, Decimal, &str)> = HashMap::new();
        let mut all: Vec<(&OutputDone, &Place, &str)> = reports
            .iter()
            .flat_map(|(r, p)| {
                r.outputs
                    .iter()
                    .zip(&p.outputs)
                    .map(move |(o, pl)| (o, pl, r.id.as_str()))
            })
            .collect();
        all.sort_by_key(|(o, _, _)| o.as_of);
        for (o, place, id) in all {
            let key = (o.project.as_str(), o.quantity.as_str());
            if let Some((d, before, from)) = last.get(&key) {
                if o.done < *before && o.as_of > *d {
                    let vi = |d: Decimal| crate::render::format::decimal(d, Lang::Vi);
                    self.warn(&place.0, Some(place.1.clone()), format!("`{}` of `{}` done falls from {} (report `{from}`, {d}) to {} ({}): outputs are counted cumulatively; check the figure", o.quantity, o.project, vi(*before), vi(o.done), o.as_of));
                }
            }
            last.insert(key, (o.as_of, o.done, id));
        }
    }

    /// A report that answers no calendar entry of a plan with a calendar: a typo in its agency
    /// or period leaves the real entry overdue.
    fn uncalendared(&mut self, dir: &RawPlanDir, reports: &[(Report, Places)]) {
        let Some(cal) = &dir.calendar else { return };
        let dues: Vec<(String, String, ReportKind)> = cal
            .data
            .iter()
            .map(|d| {
                (
                    d.get_ref().agency.get_ref().clone(),
                    d.get_ref().period.get_ref().trim().to_string(),
                    d.get_ref().kind,
                )
            })
            .collect();
        for (r, _) in reports {
            let answered = dues
                .iter()
                .any(|(a, p, k)| *a == r.agency && *p == r.period.label && *k == r.period.kind);
            if !answered {
                if let Some(file) = dir
                    .reports
                    .iter()
                    .find(|x| x.id == r.id)
                    .and_then(|x| x.report.as_ref())
                    .map(|s| &s.file)
                {
                    self.warn(file, None, format!("this {} report of `{}` for {} answers no entry of the plan's calendar; check its agency and period, or add the entry to calendar.toml", kind_name(r.period.kind), r.agency, r.period.label));
                }
            }
        }
    }

    /// Two reports of one agency and kind may not cover the same time.
    fn overlaps(&mut self, dir: &RawPlanDir, reports: &[(Report, Places)]) {
        for (i, (a, _)) in reports.iter().enumerate() {
            for (b, _) in &reports[..i] {
                if a.agency == b.agency
                    && a.period.kind == b.period.kind
                    && a.period.overlaps(&b.period)
                {
                    let file = dir
                        .reports
                        .iter()
                        .find(|r| r.id == a.id)
                        .and_then(|r| r.report.as_ref())
                        .map(|s| s.file.clone())
                        .unwrap_or_else(|| dir.dir.clone());
                    self.problem(&file, None, format!("this {} report of `{}` for {} overlaps report `{}` ({}): a period is reported once; a correction goes in a later report with `reason`", kind_name(a.period.kind), a.agency, a.period.label, b.id, b.period.label));
                }
            }
        }
    }

    fn report(
        &mut self,
        r: &RawReportDir,
        cx: &Context,
        plan: Option<Period>,
        (targets, projects): (&[Target], &[Project]),
    ) -> Option<(Report, Places)> {
        let Sourced { file: f, data } = r.report.as_ref()?;
        if !is_valid_id(&r.id) {
            self.problem(f, None, id_rule("a report's file name", &r.id));
        }
        let agency = self.agency_ref(f, "agency", &data.agency, cx.agency_ids);
        let period = self.report_period(f, data.kind, &data.period, plan);
        let published = self.date(f, "published", &data.published);
        if let (Some(p), Some(today)) = (published, cx.as_of) {
            if p > today {
                self.problem(f, Some(data.published.span()), format!("published = \"{p}\" is after the site's as_of ({today}); a report is shown only once it is out"));
            }
        }
        let evidence = self.evidence(f, &data.evidence, cx);
        let (period, published) = (period?, published?);
        let mut report = Report {
            id: r.id.clone(),
            period,
            published,
            agency,
            title: self.opt_text(&data.title),
            source: data.source.clone(),
            evidence,
            illustrative: data.illustrative,
            values: Vec::new(),
            money: Vec::new(),
            outputs: Vec::new(),
            tasks: Vec::new(),
        };
        for (name, in_toml, csv) in [
            (
                "value",
                !data.value.is_empty(),
                r.values.as_ref().map(|s| &s.file),
            ),
            (
                "money",
                !data.money.is_empty(),
                r.money.as_ref().map(|s| &s.file),
            ),
            (
                "output",
                !data.output.is_empty(),
                r.outputs.as_ref().map(|s| &s.file),
            ),
            (
                "task",
                !data.task.is_empty(),
                r.tasks.as_ref().map(|s| &s.file),
            ),
        ] {
            if let (true, Some(csv)) = (in_toml, csv) {
                self.problem(csv, None, format!("report `{}` has [[{name}]] entries in its .toml file and this table too: keep them in one of the two", r.id));
            }
        }
        // With a table in both places only the TOML one is read (the problem is reported).
        fn csv_if<T>(in_toml: bool, csv: &Option<T>) -> &Option<T> {
            if in_toml {
                &None
            } else {
                csv
            }
        }
        let values_csv = csv_if(!data.value.is_empty(), &r.values);
        let money_csv = csv_if(!data.money.is_empty(), &r.money);
        let outputs_csv = csv_if(!data.output.is_empty(), &r.outputs);
        let tasks_csv = csv_if(!data.task.is_empty(), &r.tasks);
        let mut places = Places::default();
        for (file, v) in entries(f, &data.value, values_csv) {
            if let Some(x) = self.value(file, v, &report, cx, targets) {
                places.values.push((file.clone(), v.span()));
                report.values.push(x);
            }
        }
        let errors_before = self.problems.errors();
        for (file, m) in entries(f, &data.money, money_csv) {
            if let Some(x) = self.money_figure(file, m, &report, plan, projects) {
                places.money.push((file.clone(), m.span()));
                report.money.push(x);
            }
        }
        let money_read = self.problems.errors() == errors_before;
        for (file, o) in entries(f, &data.output, outputs_csv) {
            if let Some(x) = self.output(file, o, &report, cx, projects) {
                places.outputs.push((file.clone(), o.span()));
                report.outputs.push(x);
            }
        }
        for (file, t) in entries(f, &data.task, tasks_csv) {
            if let Some(x) = self.task(file, t, &report, projects) {
                report.tasks.push(x);
            }
        }
        self.twice(&report, &places);
        // A figure that could not be read counts as zero: comparing it would only repeat that.
        if money_read {
            self.overspent(&report, &places);
        }
        Some((report, places))
    }

    /// Evidence: an https address, or a file of the site's `static/` folder.
    fn evidence(&mut self, f: &SourceFile, raw: &[Spanned<String>], cx: &Context) -> Vec<String> {
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

    fn as_of(
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

    fn value(
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
    fn value_range(&mut self, f: &SourceFile, raw: &RawValue, t: &Target, x: Figure) {
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

    fn reported_project<'p>(
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

    fn money_figure(
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

    fn output(
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

    fn task(
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
    fn twice(&mut self, r: &Report, places: &Places) {
        let mut seen: HashMap<String, (Option<Decimal>, usize)> = HashMap::new();
        let mut check = |v: &mut Validator,
                         key: String,
                         value: Option<Decimal>,
                         place: &(SourceFile, Range<usize>),
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
    fn overspent(&mut self, r: &Report, places: &Places) {
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

/// The entries of one table of a report: those of its TOML file, then those of its CSV file.
fn entries<'a, T>(
    f: &'a SourceFile,
    toml: &'a [Spanned<T>],
    csv: &'a Option<Sourced<Vec<Spanned<T>>>>,
) -> impl Iterator<Item = (&'a SourceFile, &'a Spanned<T>)> {
    toml.iter().map(move |e| (f, e)).chain(
        csv.iter()
            .flat_map(|s| s.data.iter().map(move |e| (&s.file, e))),
    )
}

/// The content's word for an enum value (`policy-credit`, `disbursed`).
fn key<T: serde::Serialize>(v: T) -> String {
    toml::Value::try_from(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn kind_name(k: ReportKind) -> String {
    key(k)
}

fn example(k: ReportKind) -> &'static str {
    match k {
        ReportKind::Quarter => "\"2022-Q1\"",
        ReportKind::HalfYear => "\"2022-H1\"",
        ReportKind::Year => "\"2022\"",
        ReportKind::MidTerm | ReportKind::Final => "\"2021-2023\"",
    }
}

fn revised_name(item: &Revised) -> String {
    match item {
        Revised::Target(t) => format!("the value of target `{t}`"),
        Revised::Money {
            project,
            source,
            phase,
            year,
            ..
        } => format!(
            "money {} of `{project}` ({} {year})",
            key(phase),
            key(source)
        ),
        Revised::Output { project, quantity } => format!("the output `{quantity}` of `{project}`"),
    }
}
