//! Progress as plan and project pages show it: the money view of a year (and of the latest year
//! with figures, which the notice and the progress page show too), the plan's progress section,
//! a project's outputs, tasks and money.
//!
//! Stage: page parts (see `parts/mod.rs`): below the views, above the context.

use serde::Serialize;

use crate::model::money::Execution;
use crate::model::status::Assessment;
use crate::model::{money, progress, Capital, Decimal, Plan, Project, Source, Target};
use crate::render::context::{rel, Ctx, Link, L};
use crate::render::parts::calendar::{delivery_view, DeliveryView};
use crate::render::parts::labels::{goal_text, report_link, work_key, work_label};
use crate::render::parts::status::{assess, counts_of, data_coverage, status_label, Count};
use crate::render::{format, links};
/// Money of some lines in one year, for display.
#[derive(Serialize)]
pub struct MoneyView {
    pub year: i32,
    pub allocated: Option<String>,
    pub adjusted: Option<String>,
    /// Disbursed on the lines that reported it, and what those lines are measured against.
    pub disbursed: Option<String>,
    pub base: Option<String>,
    /// Which allocation that is: "vốn được giao", "vốn đã điều chỉnh" …
    pub base_label: String,
    /// When some projects with money for the year have not reported disbursement: how many did,
    /// and that the figures cover only those (never counting the others as nothing disbursed).
    pub coverage: Option<String>,
    /// The same, short, for a table: "3/5 dự án đã báo cáo".
    pub coverage_short: Option<String>,
    /// "42,5%", and the whole percentage for a `<progress>` bar.
    pub rate: Option<String>,
    pub rate_value: Option<u32>,
    /// The share of the year gone by the figures' day.
    pub year_gone: Option<String>,
    pub year_gone_value: Option<u32>,
    pub as_of: Option<String>,
    /// Disbursed above the allocation, on how many lines (the lines `check` warns of).
    pub over: Option<String>,
}

pub fn money_view(cx: &Ctx, year: i32, e: &Execution) -> MoneyView {
    let f = |d: Option<Decimal>| d.map(|d| format::decimal(d, cx.lang));
    let gone = e.as_of.map(|d| money::year_gone(year, d));
    let base_key = match e.base {
        Some(money::Base::Adjusted) => "money_base_adjusted",
        Some(money::Base::Mixed) => "money_base_mixed",
        _ => "money_base_allocated",
    };
    let counted = |key: &str| {
        e.partial().then(|| {
            cx.ui
                .get(key)
                .replace("{reported}", &e.projects_reported.to_string())
                .replace("{projects}", &e.projects.to_string())
        })
    };
    MoneyView {
        year,
        allocated: f(e.allocated),
        adjusted: f(e.adjusted),
        disbursed: f(e.disbursed),
        base: f(e.base()),
        base_label: cx.ui.get(base_key).to_string(),
        coverage: counted("money_coverage"),
        coverage_short: counted("money_coverage_short"),
        rate: e.rate().map(|r| format::percent(r, cx.lang)),
        rate_value: e
            .rate()
            .map(|r| (r * 100.0).round().clamp(0.0, 100.0) as u32),
        year_gone: gone.map(|g| format::percent(g, cx.lang)),
        year_gone_value: gone.map(|g| (g * 100.0).round() as u32),
        as_of: e.as_of.map(|d| format::day(d, cx.lang)),
        over: e.over().then(|| {
            cx.ui
                .get("money_over")
                .replace("{n}", &e.over_lines.to_string())
        }),
    }
}

/// Something a reader should look at first: a target off track, a report overdue.
#[derive(Serialize)]
pub struct Attention {
    pub url: String,
    pub label: L,
    pub key: &'static str,
    pub badge: String,
    pub detail: String,
}

/// One row of a disbursement table: a project, or a funding source and capital type.
#[derive(Serialize)]
pub struct MoneyRow {
    pub label: L,
    pub url: Option<String>,
    pub money: MoneyView,
}

/// The first thing a plan page shows about progress.
#[derive(Serialize)]
pub struct PlanProgress {
    pub counts: Vec<Count>,
    pub targets: usize,
    /// How many targets have data, when not all do.
    pub data_coverage: Option<String>,
    pub money: Option<MoneyView>,
    /// The same year's disbursement by project, and by source and capital type.
    pub money_by_project: Vec<MoneyRow>,
    pub money_by_column: Vec<MoneyRow>,
    pub reports: Vec<Link>,
    pub late: usize,
    pub overdue: usize,
    pub calendar: Vec<DeliveryView>,
    pub attention: Vec<Attention>,
}

pub fn plan_progress(cx: &Ctx, from: &str, plan: &Plan) -> Option<PlanProgress> {
    if plan.reports.is_empty() && plan.calendar.is_empty() {
        return None;
    }
    let assessed: Vec<(&Target, Assessment)> = plan
        .targets
        .iter()
        .map(|t| (t, assess(cx, plan, t)))
        .collect();
    let counts = counts_of(cx, assessed.iter().map(|(_, a)| a));
    let calendar: Vec<DeliveryView> = plan
        .calendar
        .iter()
        .map(|d| delivery_view(cx, from, plan, d))
        .collect();
    let mut attention = deliveries_needing_attention(cx, &calendar);
    attention.extend(targets_needing_attention(cx, from, plan, &assessed));
    let year = latest_money_year(plan);
    let (money_by_project, money_by_column) = match year {
        Some(y) => money_rows(cx, from, plan, y),
        None => (Vec::new(), Vec::new()),
    };
    Some(PlanProgress {
        data_coverage: data_coverage(cx, &counts, plan.targets.len()),
        counts,
        targets: plan.targets.len(),
        money: year.map(|y| year_money(cx, plan, y)),
        money_by_project,
        money_by_column,
        reports: plan
            .reports
            .iter()
            .rev()
            .map(|r| report_link(cx, from, plan, r))
            .collect(),
        late: calendar.iter().filter(|d| d.key == "late").count(),
        overdue: calendar.iter().filter(|d| d.key == "overdue").count(),
        calendar,
        attention,
    })
}

/// The reports of the calendar that are overdue or came in late, in the calendar's order.
fn deliveries_needing_attention(cx: &Ctx, calendar: &[DeliveryView]) -> Vec<Attention> {
    calendar
        .iter()
        .filter(|d| d.key == "overdue" || d.key == "late")
        .map(|d| Attention {
            url: d
                .report
                .as_ref()
                .map_or_else(|| "#calendar".to_string(), |r| r.url.clone()),
            label: L {
                text: format!("{} – {}", d.period, d.agency.label.text),
                fallback: d.agency.label.fallback,
            },
            key: d.key,
            badge: d.label.clone(),
            detail: format!("{} {}", cx.ui.get("delivery_due"), d.due),
        })
        .collect()
}

/// The targets whose status is worrying, the most urgent first.
fn targets_needing_attention(
    cx: &Ctx,
    from: &str,
    plan: &Plan,
    assessed: &[(&Target, Assessment)],
) -> Vec<Attention> {
    let mut worst: Vec<&(&Target, Assessment)> = assessed
        .iter()
        .filter(|(_, a)| a.status.worrying())
        .collect();
    worst.sort_by_key(|(_, a)| a.status.urgency());
    worst
        .into_iter()
        .map(|(t, a)| Attention {
            url: rel(from, &links::target(&plan.id, &t.id)),
            label: cx.l(&t.indicator),
            key: a.status.key(),
            badge: status_label(cx, a.status),
            detail: goal_text(cx, t),
        })
        .collect()
}

/// The latest year for which some report of `plan` gives money.
pub fn latest_money_year(plan: &Plan) -> Option<i32> {
    money::years(plan).into_iter().rev().find(|y| {
        plan.reports
            .iter()
            .any(|r| r.money.iter().any(|m| m.year == *y))
    })
}

/// The money of that year on all of the plan's lines; `None` when no report gives money.
pub fn latest_money(cx: &Ctx, plan: &Plan) -> Option<MoneyView> {
    latest_money_year(plan).map(|y| year_money(cx, plan, y))
}

/// The money of `year` on all of the plan's lines.
fn year_money(cx: &Ctx, plan: &Plan, year: i32) -> MoneyView {
    money_view(cx, year, &money::execution(plan, year, |_, _, _| true))
}

/// A year's disbursement by project (a project with its sub-projects) and by funding source and
/// capital type.
fn money_rows(cx: &Ctx, from: &str, plan: &Plan, year: i32) -> (Vec<MoneyRow>, Vec<MoneyRow>) {
    let money: Vec<&progress::MoneyFigure> = plan
        .reports
        .iter()
        .flat_map(|r| r.money.iter().filter(|m| m.year == year))
        .collect();
    let by_project = plan
        .projects
        .iter()
        .filter_map(|pr| {
            let ours = |id: &str| id == pr.id || pr.subprojects.iter().any(|s| s.id == id);
            money.iter().any(|m| ours(&m.project)).then(|| MoneyRow {
                label: crate::render::parts::labels::row_label(cx, pr),
                url: Some(rel(from, &links::project(&plan.id, &pr.id))),
                money: money_view(cx, year, &money::execution(plan, year, |p, _, _| ours(p))),
            })
        })
        .collect();
    let mut columns: Vec<(Source, Option<Capital>)> =
        money.iter().map(|m| (m.source, m.capital)).collect();
    columns.sort();
    columns.dedup();
    let by_column = columns
        .into_iter()
        .map(|(s, c)| MoneyRow {
            label: L {
                text: crate::render::parts::labels::column_label(cx, (s, c)),
                fallback: false,
            },
            url: None,
            money: money_view(
                cx,
                year,
                &money::execution(plan, year, |_, ms, mc| ms == s && mc == c),
            ),
        })
        .collect();
    (by_project, by_column)
}

/// An output promised and how far it has got.
#[derive(Serialize)]
pub struct OutputView {
    pub what: L,
    pub unit: L,
    pub planned: String,
    pub done: Option<String>,
    pub share: Option<String>,
    pub share_value: Option<u32>,
    pub as_of: Option<String>,
}

#[derive(Serialize)]
pub struct TaskView {
    pub task: Option<L>,
    pub key: &'static str,
    pub label: String,
    pub reason: Option<L>,
    pub as_of: String,
}

/// A project's money by year, outputs and task states from the reports.
#[derive(Serialize)]
pub struct ProjectProgress {
    pub money: Vec<MoneyView>,
    pub chart: Option<crate::render::context::ChartView>,
    pub outputs: Vec<OutputView>,
    pub tasks: Vec<TaskView>,
}

pub fn project_progress(
    cx: &Ctx,
    from: &str,
    plan: &Plan,
    pr: &Project,
) -> Option<ProjectProgress> {
    let execs = money::project_years(plan, pr);
    let outputs = outputs(cx, plan, pr);
    let tasks = task_states(cx, plan, pr);
    if execs.is_empty() && outputs.iter().all(|o| o.done.is_none()) && tasks.is_empty() {
        return None;
    }
    Some(ProjectProgress {
        chart: crate::render::parts::charts::project_chart(cx.ui, cx.lang, plan, pr)
            .map(|c| cx.chart_view(from, chart_of(cx, plan, pr), c)),
        money: execs.iter().map(|(y, e)| money_view(cx, *y, e)).collect(),
        outputs,
        tasks,
    })
}

/// The outputs a project promises (those with an id, which reports can name) and the latest
/// figure reported of each.
fn outputs(cx: &Ctx, plan: &Plan, pr: &Project) -> Vec<OutputView> {
    pr.quantities
        .iter()
        .filter_map(|q| {
            let id = q.id.as_deref()?;
            let last = plan
                .reports
                .iter()
                .flat_map(|r| {
                    r.outputs
                        .iter()
                        .filter(|o| o.project == pr.id && o.quantity == id)
                })
                .max_by_key(|o| o.as_of);
            let share = last.map(|o| o.done.to_f64() / q.value.to_f64().max(f64::MIN_POSITIVE));
            Some(OutputView {
                what: cx.l(&q.what),
                unit: cx.l(&q.unit),
                planned: format::decimal(q.value, cx.lang),
                done: last.map(|o| format::decimal(o.done, cx.lang)),
                share: share.map(|s| format::percent(s, cx.lang)),
                share_value: share.map(|s| (s * 100.0).round().clamp(0.0, 100.0) as u32),
                as_of: last.map(|o| format::day(o.as_of, cx.lang)),
            })
        })
        .collect()
}

/// The latest state of each of a project's tasks, the project as a whole first.
fn task_states(cx: &Ctx, plan: &Plan, pr: &Project) -> Vec<TaskView> {
    let mut tasks: Vec<TaskView> = Vec::new();
    let mut seen: Vec<Option<usize>> = Vec::new();
    for ts in plan
        .reports
        .iter()
        .rev()
        .flat_map(|r| r.tasks.iter().rev())
        .filter(|t| t.project == pr.id)
    {
        if seen.contains(&ts.task) {
            continue;
        }
        seen.push(ts.task);
        tasks.push(TaskView {
            task: ts.task.and_then(|k| pr.tasks.get(k - 1)).map(|t| cx.l(t)),
            key: work_key(ts.state),
            label: work_label(cx, ts.state),
            reason: cx.lo(&ts.reason),
            as_of: format::day(ts.as_of, cx.lang),
        });
    }
    tasks.sort_by_key(|t| t.task.is_some());
    tasks
}

/// Which of the site's charts is the project's (a project, or a sub-project of one).
fn chart_of(cx: &Ctx, plan: &Plan, pr: &Project) -> Option<crate::render::chart::Of> {
    let i = cx.plan_index(plan)?;
    plan.projects.iter().enumerate().find_map(|(j, top)| {
        if std::ptr::eq(top, pr) {
            return Some(crate::render::chart::Of::Project(i, j, None));
        }
        let k = top.subprojects.iter().position(|s| std::ptr::eq(s, pr))?;
        Some(crate::render::chart::Of::Project(i, j, Some(k)))
    })
}
