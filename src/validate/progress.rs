//! Validation of progress: the reporting calendar and the reports, checked against the plan they
//! report on. A figure for something the plan does not have, a date that cannot be, a unit that
//! is not the target's, a figure changed without a reason: each is an error where it is written.

use super::context::{entries, file_of, key, Context, Place, Places};
use super::Validator;
use crate::load::raw::*;
use crate::load::{RawPlanDir, RawReportDir, Sourced};
use crate::model::progress::*;
use crate::model::*;
use crate::problem::SourceFile;
use std::collections::HashMap;
use toml::Spanned;

impl Validator {
    /// A target's printed baseline, if it gives one.
    pub(super) fn baseline(&mut self, f: &SourceFile, t: &RawTarget) -> Option<Baseline> {
        let b = t.baseline.as_ref()?;
        let unit = t.unit.as_ref().map(|u| u.vi.as_str());
        let value = self.figure(f, "baseline.value", &b.get_ref().value, unit);
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

    /// A day written "YYYY-MM-DD" in `field`.
    pub(super) fn date(
        &mut self,
        f: &SourceFile,
        field: &str,
        raw: &Spanned<String>,
    ) -> Option<Date> {
        self.day(f, field, raw, "")
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
            let (source, reference, source_url) = self.due_source(file, raw);
            let (Some(period), Some(due)) = (period, due) else {
                continue;
            };
            let entry = Due {
                agency,
                period,
                due,
                what,
                source,
                reference,
                source_url,
            };
            self.due_in_period(file, raw, &entry);
            let twin = out
                .iter()
                .find(|o| o.agency == entry.agency && o.period == entry.period);
            if let Some(o) = twin {
                // Two rules may set two deadlines for one report (the programme's and the
                // plan's own); each must then say where it comes from.
                let two_rules = o.due != entry.due && o.sourced() && entry.sourced();
                if !two_rules {
                    self.problem(
                        file,
                        Some(d.span()),
                        format!(
                            "the calendar already has a {} report of `{}` for {}; list each once, or, where two rules set different deadlines for the same report, name each one's `source`",
                            kind_name(raw.kind),
                            entry.agency,
                            entry.period.label
                        ),
                    );
                }
            }
            out.push(entry);
        }
        out.sort_by(|a, b| (a.due, &a.agency).cmp(&(b.due, &b.agency)));
        out
    }

    /// Where a calendar entry's deadline comes from: its `source`, `ref` and `source_url`.
    fn due_source(
        &mut self,
        file: &SourceFile,
        raw: &RawDue,
    ) -> (Option<Text>, Option<String>, Option<String>) {
        let source = self.opt_text(&raw.source);
        let reference = raw
            .reference
            .as_ref()
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty());
        let url = raw.source_url.as_ref().and_then(|u| {
            super::web_url(u.get_ref().trim())
                .map_err(|e| self.problem(file, Some(u.span()), format!("`source_url`: {e}; give the page where the rule or document that sets this deadline is published")))
                .ok()
        });
        (source, reference, url)
    }

    /// A deadline falls after the period's first half. Before the period ends only when the
    /// calendar names the rule that says so: a plan may ask for the year's report by
    /// 1 December, but an unsourced date before the end is more likely a wrong year.
    fn due_in_period(&mut self, file: &SourceFile, raw: &RawDue, d: &Due) {
        let (start, end) = (d.period.start, d.period.end);
        let half = Date::from_days(start.days() + start.days_until(end) / 2);
        if d.due <= half {
            self.problem(
                file,
                Some(raw.due.span()),
                format!(
                    "due = \"{}\" falls in the first half of the period it reports on ({} to {}): a report cannot be due before most of its period has passed; check the year",
                    d.due, start, end
                ),
            );
        } else if d.due < end && !d.sourced() {
            self.problem(
                file,
                Some(raw.due.span()),
                format!(
                    "due = \"{}\" is before the end of the period it reports on ({end}); if a rule sets a deadline before the period ends (a plan asking for the year's report by 1 December), name it with `source` (and `ref`, the section of the plan that says so), otherwise check the date",
                    d.due
                ),
            );
        }
    }

    /// The plan's reports, sorted by publication date; each figure checked against the plan.
    pub(super) fn reports(
        &mut self,
        dir: &RawPlanDir,
        cx: &Context,
        plan: Option<Period>,
        (targets, projects): (&[Target], &[Project]),
        figures_read: bool,
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
        self.overdisbursed(&reports, &places, projects, figures_read);
        self.revisions_checked(&reports, &places, (targets, projects));
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
                    let vi = |d: Decimal| d.to_string();
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
        let places =
            self.report_entries(r, (f, data), &mut report, (plan, cx), (targets, projects));
        self.twice(&report, &places);
        Some((report, places))
    }
}

impl Validator {
    /// The entries of a report (values, money, outputs, tasks), from its file or its tables
    /// (not both); where each was written.
    fn report_entries(
        &mut self,
        r: &RawReportDir,
        (f, data): (&SourceFile, &RawReport),
        report: &mut Report,
        (plan, cx): (Option<Period>, &Context),
        (targets, projects): (&[Target], &[Project]),
    ) -> Places {
        self.in_both_places(
            &format!("report `{}`", r.id),
            &[
                ("value", !data.value.is_empty(), file_of(&r.values)),
                ("money", !data.money.is_empty(), file_of(&r.money)),
                ("output", !data.output.is_empty(), file_of(&r.outputs)),
                ("task", !data.task.is_empty(), file_of(&r.tasks)),
            ],
        );
        let mut places = Places::default();
        for (file, v) in entries(f, &data.value, csv_if(!data.value.is_empty(), &r.values)) {
            if let Some(x) = self.value(file, v, (report, plan), cx, targets) {
                places.values.push((file.clone(), v.span()));
                report.values.push(x);
            }
        }
        let errors_before = self.problems.errors();
        for (file, m) in entries(f, &data.money, csv_if(!data.money.is_empty(), &r.money)) {
            if let Some(x) = self.money_figure(file, m, (report, plan), projects) {
                places.money.push((file.clone(), m.span()));
                report.money.push(x);
            }
        }
        places.money_read = self.problems.errors() == errors_before;
        let outputs_csv = csv_if(!data.output.is_empty(), &r.outputs);
        for (file, o) in entries(f, &data.output, outputs_csv) {
            if let Some(x) = self.output(file, o, (report, plan), cx, projects) {
                places.outputs.push((file.clone(), o.span()));
                report.outputs.push(x);
            }
        }
        for (file, t) in entries(f, &data.task, csv_if(!data.task.is_empty(), &r.tasks)) {
            if let Some(x) = self.task(file, t, (report, plan), projects) {
                report.tasks.push(x);
            }
        }
        places
    }
}

/// With a table in both places only the TOML one is read (the problem is reported).
fn csv_if<T>(in_toml: bool, csv: &Option<T>) -> &Option<T> {
    if in_toml {
        &None
    } else {
        csv
    }
}

impl Validator {
    /// A table given both as entries of the .toml file and as its CSV table: (entry name, the
    /// .toml has entries, the CSV file) of each table of `owner` ("report `nam-2022`").
    pub(super) fn in_both_places(
        &mut self,
        owner: &str,
        tables: &[(&str, bool, Option<&SourceFile>)],
    ) {
        for (name, in_toml, csv) in tables {
            if let (true, Some(csv)) = (in_toml, csv) {
                self.problem(csv, None, format!("{owner} has [[{name}]] entries in its .toml file and this table too: keep them in one of the two"));
            }
        }
    }
}

pub(super) fn kind_name(k: ReportKind) -> String {
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
