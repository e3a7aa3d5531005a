//! Money and reports against time: how much of the allocation was disbursed by when, beside the
//! share of the year gone; and whether each report the calendar asks for came in on time.

use super::progress::{Due, MoneyFigure, Report};
use super::{Capital, Date, Decimal, Phase, Plan, Project, Source};

/// Allocated, adjusted and disbursed figures of some lines for one year, as of the latest report.
///
/// A line is one project's money from one source (and capital type). Each line is measured
/// against one base: its adjusted allocation where it has one, else its allocation, the latest a
/// report gives, else the plan's own. A line that has a base but no disbursed figure in any report
/// is not reported: it is left out of the rate (never counted as nothing disbursed), and the
/// figures say how many projects they cover.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Execution {
    /// Sum of the lines' allocations (million VND).
    pub allocated: Option<Decimal>,
    /// Sum of the lines' adjusted allocations, for the lines that have one.
    pub adjusted: Option<Decimal>,
    /// Sum of the disbursed figures of the lines that have a base.
    pub disbursed: Option<Decimal>,
    /// What `disbursed` is measured against: the sum of the bases of the same lines.
    pub measured_against: Option<Decimal>,
    /// Which base those lines have.
    pub base: Option<Base>,
    /// Disbursed on lines with no allocation at all (not in the rate).
    pub unrated: Option<Decimal>,
    /// Projects (and sub-projects) with money for the year, and those that reported
    /// disbursement.
    pub projects: usize,
    pub projects_reported: usize,
    /// The day the figures are for.
    pub as_of: Option<Date>,
    /// Lines whose latest disbursed figure is above their own base: each is one `check` warns
    /// of, whether or not the lines together are over.
    pub over_lines: usize,
}

/// What a disbursement rate is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// Every line's allocation (none was adjusted).
    Allocated,
    /// Every line's adjusted allocation.
    Adjusted,
    /// The adjusted allocation where a line has one, else its allocation.
    Mixed,
}

impl Execution {
    /// What disbursement is measured against.
    pub fn base(&self) -> Option<Decimal> {
        self.measured_against
    }

    /// Disbursed ÷ base over the lines that reported disbursement, when the base is not zero.
    pub fn rate(&self) -> Option<f64> {
        let base = self.base()?.to_f64();
        let disbursed = self.disbursed?.to_f64();
        (base > 0.0).then(|| disbursed / base)
    }

    /// Disbursed above what was allocated, on at least one line.
    pub fn over(&self) -> bool {
        self.over_lines > 0
    }

    /// Some projects with money for the year have not reported disbursement.
    pub fn partial(&self) -> bool {
        self.projects_reported < self.projects
    }
}

/// The share of `year` gone by `as_of`, from 0 to 1.
pub fn year_gone(year: i32, as_of: Date) -> f64 {
    let start = Date::year_start(year);
    let len = start.days_until(Date::year_end(year)) as f64 + 1.0;
    ((start.days_until(as_of) as f64 + 1.0) / len).clamp(0.0, 1.0)
}

/// The years reported money figures are for, in order.
pub fn years(plan: &Plan) -> Vec<i32> {
    let mut ys: Vec<i32> = plan
        .reports
        .iter()
        .flat_map(|r| r.money.iter().map(|m| m.year))
        .chain(
            plan.all_projects()
                .flat_map(|p| p.budget.iter().filter_map(|l| l.year)),
        )
        .collect();
    ys.sort_unstable();
    ys.dedup();
    ys
}

/// A project's money (with its sub-projects') in each year a report gives figures for it:
/// allocated (or adjusted) and disbursed.
pub fn project_years(plan: &Plan, pr: &Project) -> Vec<(i32, Execution)> {
    let ours = |id: &str| id == pr.id || pr.subprojects.iter().any(|s| s.id == id);
    years(plan)
        .into_iter()
        .filter(|y| {
            plan.reports
                .iter()
                .any(|r| r.money.iter().any(|m| m.year == *y && ours(&m.project)))
        })
        .map(|y| (y, execution(plan, y, |p, _, _| ours(p))))
        .collect()
}

/// One line's money for a year: the latest figure of each phase (by its as-of day), with the day.
#[derive(Default)]
struct LineFigures {
    allocated: Option<(Date, Decimal)>,
    adjusted: Option<(Date, Decimal)>,
    disbursed: Option<(Date, Decimal)>,
    /// From the plan's own lines, when no report gives the phase.
    plan_allocated: Option<Decimal>,
    plan_adjusted: Option<Decimal>,
}

impl LineFigures {
    fn take(slot: &mut Option<(Date, Decimal)>, day: Date, amount: Decimal) {
        if slot.is_none_or(|(d, _)| day >= d) {
            *slot = Some((day, amount));
        }
    }

    fn allocated(&self) -> Option<Decimal> {
        self.allocated.map(|(_, a)| a).or(self.plan_allocated)
    }

    fn adjusted(&self) -> Option<Decimal> {
        self.adjusted.map(|(_, a)| a).or(self.plan_adjusted)
    }
}

/// A budget line: project, source and capital type.
type Line<'a> = (&'a str, Source, Option<Capital>);
type Lines<'a> = std::collections::BTreeMap<Line<'a>, LineFigures>;

/// Adds `x` to the sum in `slot` (none yet: `x`).
fn add(slot: &mut Option<Decimal>, x: Decimal) {
    *slot = Some(slot.map_or(x, |s| s + x));
}

/// The execution of the lines `keep` selects, for `year` (see [`Execution`]).
pub fn execution(
    plan: &Plan,
    year: i32,
    keep: impl Fn(&str, Source, Option<Capital>) -> bool,
) -> Execution {
    let mut lines = Lines::new();
    reported_figures(plan, year, &keep, &mut lines);
    planned_figures(plan, year, &keep, &mut lines);
    sum(&lines)
}

/// The latest figure of each phase the reports give for each line of `year` that `keep` selects.
fn reported_figures<'a>(
    plan: &'a Plan,
    year: i32,
    keep: &impl Fn(&str, Source, Option<Capital>) -> bool,
    lines: &mut Lines<'a>,
) {
    for r in &plan.reports {
        for m in r
            .money
            .iter()
            .filter(|m| m.year == year && keep(&m.project, m.source, m.capital))
        {
            let f = lines
                .entry((m.project.as_str(), m.source, m.capital))
                .or_default();
            match m.phase {
                Phase::Allocated => LineFigures::take(&mut f.allocated, m.as_of, m.amount),
                Phase::Adjusted => LineFigures::take(&mut f.adjusted, m.as_of, m.amount),
                Phase::Disbursed => LineFigures::take(&mut f.disbursed, m.as_of, m.amount),
                _ => {}
            }
        }
    }
}

/// The allocations the plan's own budget lines give for `year`, summed per line.
fn planned_figures<'a>(
    plan: &'a Plan,
    year: i32,
    keep: &impl Fn(&str, Source, Option<Capital>) -> bool,
    lines: &mut Lines<'a>,
) {
    for p in plan.all_projects() {
        for l in p.budget.iter().filter(|l| l.year == Some(year)) {
            let (Some(a), Some(s)) = (l.amount, l.source) else {
                continue;
            };
            if !keep(&p.id, s, l.capital) {
                continue;
            }
            let f = lines.entry((p.id.as_str(), s, l.capital)).or_default();
            match l.phase {
                Some(Phase::Allocated) => add(&mut f.plan_allocated, a),
                Some(Phase::Adjusted) => add(&mut f.plan_adjusted, a),
                _ => {}
            }
        }
    }
}

/// The execution of `lines`: allocations summed, each disbursement measured against its own
/// line's allocation (adjusted when there is one), the latest day of any figure.
fn sum(lines: &Lines) -> Execution {
    use std::collections::BTreeSet;
    let mut out = Execution::default();
    let (mut with_money, mut reported) = (BTreeSet::new(), BTreeSet::new());
    let (mut on_allocated, mut on_adjusted) = (false, false);
    for ((project, _, _), f) in lines {
        if let Some(a) = f.allocated() {
            add(&mut out.allocated, a);
        }
        if let Some(a) = f.adjusted() {
            add(&mut out.adjusted, a);
        }
        let base = f.adjusted().or(f.allocated());
        if base.is_some() || f.disbursed.is_some() {
            with_money.insert(*project);
        }
        for (d, _) in [f.allocated, f.adjusted, f.disbursed].into_iter().flatten() {
            out.as_of = Some(out.as_of.map_or(d, |x: Date| x.max(d)));
        }
        let Some((_, disbursed)) = f.disbursed else {
            continue;
        };
        reported.insert(*project);
        match base {
            Some(b) => {
                out.over_lines += usize::from(disbursed > b);
                add(&mut out.disbursed, disbursed);
                add(&mut out.measured_against, b);
                if f.adjusted().is_some() {
                    on_adjusted = true;
                } else {
                    on_allocated = true;
                }
            }
            None => add(&mut out.unrated, disbursed),
        }
    }
    out.base = match (on_allocated, on_adjusted) {
        (true, false) => Some(Base::Allocated),
        (false, true) => Some(Base::Adjusted),
        (true, true) => Some(Base::Mixed),
        (false, false) => None,
    };
    out.projects = with_money.len();
    out.projects_reported = reported.len();
    out
}

/// The allocation a disbursed figure is measured against, and where it was given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Allocation {
    /// Million VND.
    pub amount: Decimal,
    /// `Adjusted` or `Allocated`.
    pub phase: Phase,
    /// The report that gave it (its index in the reports) and the day it is for; `None`: the
    /// plan's own budget lines.
    pub given: Option<(usize, Date)>,
}

/// What a disbursed figure of a report is measured against, for its line and year: the latest
/// adjusted figure a report gives as of a day up to the disbursement's (of two for one day, the
/// later report's), else the latest such allocated figure; else the plan's own adjusted lines,
/// else its allocated lines (summed). `reports` in publication order; `projects` every project
/// and sub-project of the plan. Cumulative: a disbursed figure is all disbursed for the line and
/// year so far, so it is never more than this without a reason.
pub fn allocation_for<'p>(
    disbursed: &MoneyFigure,
    reports: &[Report],
    projects: impl IntoIterator<Item = &'p Project>,
) -> Option<Allocation> {
    let from_reports = |phase: Phase| {
        let mut best: Option<Allocation> = None;
        for (i, r) in reports.iter().enumerate() {
            for m in r.money.iter().filter(|m| {
                m.phase == phase && m.line() == disbursed.line() && m.as_of <= disbursed.as_of
            }) {
                if best.is_none_or(|b| b.given.is_none_or(|(_, d)| m.as_of >= d)) {
                    best = Some(Allocation {
                        amount: m.amount,
                        phase,
                        given: Some((i, m.as_of)),
                    });
                }
            }
        }
        best
    };
    let project = projects.into_iter().find(|p| p.id == disbursed.project);
    let from_plan = |phase: Phase| {
        project?
            .budget
            .iter()
            .filter(|l| {
                l.phase == Some(phase)
                    && l.source == Some(disbursed.source)
                    && l.capital == disbursed.capital
                    && l.year == Some(disbursed.year)
            })
            .filter_map(|l| l.amount)
            .reduce(|a, b| a + b)
            .map(|amount| Allocation {
                amount,
                phase,
                given: None,
            })
    };
    from_reports(Phase::Adjusted)
        .or_else(|| from_reports(Phase::Allocated))
        .or_else(|| from_plan(Phase::Adjusted))
        .or_else(|| from_plan(Phase::Allocated))
}

/// Whether a report the calendar asks for came in, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Published on or before the due day.
    OnTime,
    /// Published this many days after the due day.
    Late(i64),
    /// Not published, and the due day passed this many days before the site's date.
    Overdue(i64),
    /// Not published, and not due yet on the site's date (or the site gives no date).
    NotYetDue,
}

/// The delivery of a due report, and the report that met it (same agency and period).
pub fn delivery<'a>(
    due: &Due,
    reports: &'a [Report],
    today: Option<Date>,
) -> (Delivery, Option<(usize, &'a Report)>) {
    let found = reports
        .iter()
        .enumerate()
        .find(|(_, r)| r.agency == due.agency && r.period == due.period);
    match found {
        Some((i, r)) => {
            let late = due.due.days_until(r.published);
            let d = if late > 0 {
                Delivery::Late(late)
            } else {
                Delivery::OnTime
            };
            (d, Some((i, r)))
        }
        None => match today {
            Some(t) if t > due.due => (Delivery::Overdue(due.due.days_until(t)), None),
            _ => (Delivery::NotYetDue, None),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::progress::{ReportKind, ReportPeriod};

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn report(period: &str, published: &str) -> Report {
        Report {
            id: "r".into(),
            period: ReportPeriod::parse(ReportKind::HalfYear, period).unwrap(),
            published: day(published),
            agency: "a".into(),
            title: None,
            source: None,
            evidence: vec![],
            illustrative: false,
            values: vec![],
            money: vec![],
            outputs: vec![],
            tasks: vec![],
        }
    }

    #[test]
    fn a_due_report_is_on_time_late_overdue_or_not_yet_due() {
        let due = Due {
            agency: "a".into(),
            period: ReportPeriod::parse(ReportKind::HalfYear, "2022-H1").unwrap(),
            due: day("2022-07-15"),
            what: None,
            source: None,
            reference: None,
            source_url: None,
        };
        let today = Some(day("2022-09-01"));
        assert_eq!(
            delivery(&due, &[report("2022-H1", "2022-07-10")], today).0,
            Delivery::OnTime
        );
        assert_eq!(
            delivery(&due, &[report("2022-H1", "2022-07-25")], today).0,
            Delivery::Late(10)
        );
        assert_eq!(
            delivery(&due, &[report("2022-H2", "2022-07-10")], today).0,
            Delivery::Overdue(48)
        );
        assert_eq!(
            delivery(&due, &[], Some(day("2022-07-01"))).0,
            Delivery::NotYetDue
        );
        assert_eq!(delivery(&due, &[], None).0, Delivery::NotYetDue);
    }

    #[test]
    fn a_deadline_before_the_period_ends_judges_a_report_by_its_own_day() {
        // A plan asks for the year's report by 1 December, before the year ends.
        let mut r = report("2022-H1", "2022-11-28");
        r.period = ReportPeriod::parse(ReportKind::Year, "2022").unwrap();
        let due = Due {
            agency: "a".into(),
            period: r.period.clone(),
            due: day("2022-12-01"),
            what: None,
            source: Some(crate::model::Text {
                vi: "Kế hoạch".into(),
                en: None,
            }),
            reference: Some("VI.9".into()),
            source_url: None,
        };
        let today = Some(day("2023-03-01"));
        assert_eq!(
            delivery(&due, std::slice::from_ref(&r), today).0,
            Delivery::OnTime
        );
        r.published = day("2023-01-20");
        assert_eq!(delivery(&due, &[r], today).0, Delivery::Late(50));
        assert_eq!(
            delivery(&due, &[], Some(day("2022-11-30"))).0,
            Delivery::NotYetDue
        );
        assert_eq!(
            delivery(&due, &[], Some(day("2022-12-11"))).0,
            Delivery::Overdue(10)
        );
    }

    #[test]
    fn disbursement_is_measured_line_by_line_against_the_adjusted_figure_where_there_is_one() {
        use crate::model::progress::MoneyFigure;
        let m = |project: &str, phase: Phase, amount: i128| MoneyFigure {
            project: project.into(),
            source: Source::Central,
            capital: None,
            year: 2022,
            phase,
            amount: Decimal::new(amount, 0),
            as_of: day("2022-12-31"),
            note: None,
            reason: None,
        };
        let mut r = report("2022-H2", "2023-01-10");
        r.money = vec![
            m("a", Phase::Allocated, 100),
            m("a", Phase::Adjusted, 80),
            m("a", Phase::Disbursed, 60),
            m("b", Phase::Allocated, 100),
            m("b", Phase::Disbursed, 50),
        ];
        let plan = Plan {
            reports: vec![r],
            ..Plan::default()
        };
        let e = execution(&plan, 2022, |_, _, _| true);
        assert_eq!(e.base(), Some(Decimal::new(180, 0)));
        assert!((e.rate().unwrap() - 110.0 / 180.0).abs() < 1e-9);
    }

    #[test]
    fn a_disbursement_is_measured_against_the_latest_allocation_up_to_its_day_else_the_plans() {
        use crate::model::progress::MoneyFigure;
        let m = |phase: Phase, amount: i128, as_of: &str| MoneyFigure {
            project: "a".into(),
            source: Source::Central,
            capital: None,
            year: 2022,
            phase,
            amount: Decimal::new(amount, 0),
            as_of: day(as_of),
            note: None,
            reason: None,
        };
        let project = Project {
            id: "a".into(),
            budget: vec![super::super::Money {
                amount: Some(Decimal::new(70, 0)),
                source: Some(Source::Central),
                capital: None,
                phase: Some(Phase::Allocated),
                year: Some(2022),
                note: None,
                reference: None,
            }],
            parent: None,
            code: Default::default(),
            title: Default::default(),
            reference: None,
            objectives: vec![],
            tasks: vec![],
            beneficiaries: vec![],
            data_note: None,
            note: None,
            lead: vec![],
            support: vec![],
            quantities: vec![],
            printed_totals: vec![],
            subprojects: vec![],
        };
        let disbursed = m(Phase::Disbursed, 90, "2022-12-31");
        // No report allocates: the plan's line.
        let a = allocation_for(&disbursed, &[], [&project]).unwrap();
        assert_eq!(
            (a.amount, a.phase, a.given),
            (Decimal::new(70, 0), Phase::Allocated, None)
        );
        let mut h1 = report("2022-H1", "2022-07-10");
        h1.money = vec![m(Phase::Allocated, 100, "2022-06-30")];
        let mut h2 = report("2022-H2", "2023-01-10");
        h2.money = vec![
            m(Phase::Adjusted, 80, "2022-10-01"),
            m(Phase::Adjusted, 60, "2023-01-31"),
        ];
        // An earlier report's allocation; then an adjustment of a later report, up to the
        // disbursement's day only.
        let a = allocation_for(&disbursed, &[h1.clone()], [&project]).unwrap();
        assert_eq!(
            (a.amount, a.given),
            (Decimal::new(100, 0), Some((0, day("2022-06-30"))))
        );
        let a = allocation_for(&disbursed, &[h1, h2], [&project]).unwrap();
        assert_eq!(
            (a.amount, a.phase, a.given),
            (
                Decimal::new(80, 0),
                Phase::Adjusted,
                Some((1, day("2022-10-01")))
            )
        );
        let other_year = MoneyFigure {
            year: 2023,
            ..disbursed
        };
        assert_eq!(allocation_for(&other_year, &[], [&project]), None);
    }

    #[test]
    fn the_share_of_the_year_gone_counts_days() {
        assert!((year_gone(2022, day("2022-12-31")) - 1.0).abs() < 1e-9);
        assert!((year_gone(2022, day("2022-07-02")) - 183.0 / 365.0).abs() < 1e-9);
        assert_eq!(year_gone(2023, day("2022-07-02")), 0.0);
    }
}
