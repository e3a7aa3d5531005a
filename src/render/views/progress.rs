//! Views of progress on plan, target and project pages: a target's status in words, the plan's
//! progress overview, the page per target, a project's money and outputs.

pub use super::calendar::{delivery_view, DeliveryView};
use super::plan::{goal_text, head, PlanHead};
use super::{progress_charts, rel, Ctx, Link, Meta, L};
use crate::model::money::{self, Execution};
use crate::model::progress::{series, Revised, Work};
use crate::model::status::Assessment;
use crate::model::*;
use crate::render::{chart, explain, format, links, names};
use serde::Serialize;

/// A status badge and the sentences that explain it.
#[derive(Serialize, Clone)]
pub struct StatusView {
    /// CSS class and machine value ("on-track").
    pub key: &'static str,
    pub label: String,
    pub why: Vec<String>,
}

pub fn status_view(cx: &Ctx, t: &Target, a: &Assessment) -> StatusView {
    StatusView {
        key: a.status.key(),
        label: cx.ui.get(explain::status_key(a.status)).to_string(),
        why: explain::explain(cx.ui, cx.lang, t, a),
    }
}

/// The assessment of a target with the plan's reports, as of the site's day.
pub fn assess(cx: &Ctx, plan: &Plan, t: &Target) -> Assessment {
    cx.assessment(plan, t)
}

/// The plan has illustrative reports, so its progress pages carry the label.
pub fn illustrative(plan: &Plan) -> bool {
    plan.reports.iter().any(|r| r.illustrative)
}

#[derive(Serialize)]
pub struct Count {
    pub key: &'static str,
    pub label: String,
    pub count: usize,
}

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

/// The time a report covers, in words: "6 tháng đầu năm 2022", "first half of 2022",
/// "quý I năm 2022", "Q1 2022".
pub fn period_text(cx: &Ctx, p: &progress::ReportPeriod) -> String {
    names::period_text(cx.ui, p)
}

/// A report's title when it gives none: "Báo cáo 6 tháng đầu năm 2022", "Annual report 2022".
pub fn period_label(cx: &Ctx, p: &progress::ReportPeriod) -> String {
    names::period_label(cx.ui, p)
}

pub fn report_link(cx: &Ctx, from: &str, plan: &Plan, r: &Report) -> Link {
    Link {
        url: rel(from, &links::report(&plan.id, &r.id)),
        label: {
            let (text, fallback) = names::report_title(cx.ui, cx.lang, r);
            L { text, fallback }
        },
    }
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

fn counts_of(cx: &Ctx, assessed: &[(&Target, Assessment)]) -> Vec<Count> {
    Status::ALL
        .iter()
        .map(|s| Count {
            key: s.key(),
            label: cx.ui.get(explain::status_key(*s)).to_string(),
            count: assessed.iter().filter(|(_, a)| a.status == *s).count(),
        })
        .filter(|c| c.count > 0)
        .collect()
}

/// "12 trên 30 chỉ tiêu đã có số liệu", when some of `targets` have no data: counts by status
/// never pass off a target without figures as counted.
pub fn data_coverage(cx: &Ctx, counts: &[Count], targets: usize) -> Option<String> {
    let none = counts
        .iter()
        .find(|c| c.key == Status::NoData.key())
        .map_or(0, |c| c.count);
    (none > 0 && targets > 0).then(|| {
        cx.ui
            .get("targets_with_data")
            .replace("{with}", &targets.saturating_sub(none).to_string())
            .replace("{targets}", &targets.to_string())
    })
}

/// A plan's targets by status; empty when the plan has no progress reports.
pub fn status_counts(cx: &Ctx, plan: &Plan) -> Vec<Count> {
    if plan.reports.is_empty() {
        return Vec::new();
    }
    let assessed: Vec<(&Target, Assessment)> = plan
        .targets
        .iter()
        .map(|t| (t, assess(cx, plan, t)))
        .collect();
    counts_of(cx, &assessed)
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
    let counts = counts_of(cx, &assessed);
    let calendar: Vec<DeliveryView> = plan
        .calendar
        .iter()
        .map(|d| delivery_view(cx, from, plan, d))
        .collect();
    let mut attention: Vec<Attention> = calendar
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
        .collect();
    let mut worst: Vec<&(&Target, Assessment)> = assessed
        .iter()
        .filter(|(_, a)| a.status.worrying())
        .collect();
    worst.sort_by_key(|(_, a)| a.status.urgency());
    attention.extend(worst.into_iter().map(|(t, a)| Attention {
        url: rel(from, &links::target(&plan.id, &t.id)),
        label: cx.l(&t.indicator),
        key: a.status.key(),
        badge: cx.ui.get(explain::status_key(a.status)).to_string(),
        detail: goal_text(cx, t),
    }));
    let year = money::years(plan).into_iter().rev().find(|y| {
        plan.reports
            .iter()
            .any(|r| r.money.iter().any(|m| m.year == *y))
    });
    let (money_by_project, money_by_column) = match year {
        Some(y) => money_rows(cx, from, plan, y),
        None => (Vec::new(), Vec::new()),
    };
    Some(PlanProgress {
        data_coverage: data_coverage(cx, &counts, plan.targets.len()),
        counts,
        targets: plan.targets.len(),
        money: year.map(|y| money_view(cx, y, &money::execution(plan, y, |_, _, _| true))),
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
                label: super::plan::row_label(cx, pr),
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
                text: super::plan::column_label(cx, (s, c)),
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

/// One reported value in a target's table.
#[derive(Serialize)]
pub struct ValueRow {
    pub date: String,
    pub iso: String,
    pub value: String,
    pub report: Link,
    pub source: Option<String>,
    pub note: Option<L>,
    /// When this value replaced an earlier one for the same day: that value and why.
    pub revised: Option<(String, L)>,
    pub evidence: Vec<Link>,
    pub breakdown: Vec<(String, L, String)>,
    pub illustrative: bool,
}

/// Links to evidence from page `from`: files of the site, or web addresses.
pub fn evidence_links(cx: &Ctx, from: &str, list: &[String]) -> Vec<Link> {
    list.iter()
        .map(|e| {
            let url = if e.starts_with("http://") || e.starts_with("https://") {
                e.clone()
            } else {
                format!("{}{e}", links::to_root(&links::page_path(cx.lang, from)))
            };
            Link {
                url,
                label: L {
                    text: e.rsplit('/').next().unwrap_or(e).to_string(),
                    fallback: false,
                },
            }
        })
        .collect()
}

fn breakdown_key(b: progress::BreakdownKind) -> &'static str {
    match b {
        progress::BreakdownKind::Commune => "breakdown_commune",
        progress::BreakdownKind::EthnicGroup => "breakdown_ethnic_group",
        progress::BreakdownKind::Other => "breakdown_other",
    }
}

#[derive(Serialize)]
pub struct TargetPage<'a> {
    pub meta: Meta<'a>,
    pub plan: PlanHead,
    pub target: super::plan::TargetView,
    pub horizon: i32,
    pub vision: bool,
    pub status: StatusView,
    pub baseline: Option<String>,
    pub chart: Option<super::ChartView>,
    pub values: Vec<ValueRow>,
    /// The plan's reported values (CSV and JSON).
    pub data: Option<super::Downloads>,
    /// The recommendations of supervision about it, overdue first.
    pub recommendations: Vec<super::supervision::RecView>,
}

pub fn target_page<'a>(cx: &Ctx<'a>, plan: &Plan, t: &Target) -> TargetPage<'a> {
    let from = links::target(&plan.id, &t.id);
    let from = from.as_str();
    let a = assess(cx, plan, t);
    let revs = cx.revisions(plan);
    let figure =
        |f: Figure| crate::render::goal::with_unit_text(cx.lang, t, format::figure(f, cx.lang));
    let values: Vec<ValueRow> = series(&plan.reports, &t.id)
        .into_iter()
        .map(|(i, v)| {
            let r = &plan.reports[i];
            let revised = revs
                .iter()
                .find(|x| {
                    x.by_report == i
                        && x.as_of == v.as_of
                        && x.item == Revised::Target(t.id.clone())
                })
                .map(|x| {
                    let old = figure(Figure::Decimal(x.old));
                    (
                        old,
                        v.reason.as_ref().map(|r| cx.l(r)).unwrap_or(L {
                            text: String::new(),
                            fallback: false,
                        }),
                    )
                });
            ValueRow {
                date: format::day(v.as_of, cx.lang),
                iso: v.as_of.iso(),
                value: match (v.value, v.status) {
                    (Some(f), _) => reported_figure(cx, t, v, f),
                    (None, Some(s)) => cx.ui.get(explain::status_key(s)).to_string(),
                    _ => String::new(),
                },
                report: report_link(cx, from, plan, r),
                source: v.source.clone(),
                note: cx.lo(&v.note),
                revised,
                evidence: evidence_links(cx, from, &v.evidence),
                breakdown: v
                    .breakdown
                    .iter()
                    .map(|b| {
                        (
                            cx.ui.get(breakdown_key(b.by)).to_string(),
                            cx.l(&b.name),
                            figure(b.value),
                        )
                    })
                    .collect(),
                illustrative: r.illustrative,
            }
        })
        .collect();
    let mut meta = cx.meta(
        from,
        format!("{} – {}", cx.l(&t.indicator).text, cx.l(plan.label()).text),
    );
    meta.illustrative = values.iter().any(|v| v.illustrative);
    cx.report_item(
        &mut meta,
        &super::plan::item_ref(
            cx,
            plan,
            Some(&format!("{} [{}]", cx.l(&t.indicator).text, t.id)),
        ),
    );
    meta.description = Some(format!(
        "{}: {} ({}{}). “{}” {}",
        cx.l(&t.indicator).text,
        super::plan::goal_text(cx, t),
        t.horizon,
        t.reference
            .as_ref()
            .map(|r| format!(", {} {r}", cx.ui.get("ref").to_lowercase()))
            .unwrap_or_default(),
        cx.l(&t.text).text,
        cx.l(plan.label()).text
    ));
    let recommendations = super::supervision::recs_where(cx, from, plan, |r| {
        r.target.as_deref() == Some(t.id.as_str())
    });
    meta.illustrative |= recommendations.iter().any(|r| r.illustrative);
    TargetPage {
        recommendations,
        meta,
        plan: head(cx, from, plan),
        target: super::plan::target_view(cx, from, plan, t),
        horizon: t.horizon,
        vision: t.vision,
        status: status_view(cx, t, &a),
        baseline: t
            .baseline
            .map(|b| format!("{} ({})", figure(b.value), b.year)),
        chart: progress_charts::target_chart(cx.ui, cx.lang, plan, t, &a).map(|c| {
            let of = cx.plan_index(plan).and_then(|i| {
                let k = plan.targets.iter().position(|x| std::ptr::eq(x, t))?;
                Some(chart::Of::Target(i, k))
            });
            cx.chart_view(from, of, c)
        }),
        values,
        data: cx.downloads(from, Some(plan), crate::render::data::Set::Progress),
    }
}

/// A reported value as printed with the target's unit; a ratio target's value given with its
/// reference reads "23,5 / 49,0 = 48,0%": the two figures are in their own unit, the ratio in
/// the target's.
pub fn reported_figure(cx: &Ctx, t: &Target, v: &progress::ReportedValue, f: Figure) -> String {
    match v.reference_value {
        Some(r) if r.to_f64() != 0.0 => {
            let percent = t.unit.as_ref().is_some_and(|u| u.vi.trim() == "%");
            let ratio = f.to_f64() / r.to_f64() * if percent { 100.0 } else { 1.0 };
            format!(
                "{} / {} = {}",
                format::figure(f, cx.lang),
                format::decimal(r, cx.lang),
                crate::render::goal::with_unit_text(cx.lang, t, explain::figure(t, ratio, cx.lang))
            )
        }
        _ => crate::render::goal::with_unit_text(cx.lang, t, format::figure(f, cx.lang)),
    }
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
    pub chart: Option<super::ChartView>,
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
    let outputs: Vec<OutputView> = pr
        .quantities
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
        .collect();
    // The latest state of each task (and of the project as a whole).
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
        let (key, label) = match ts.state {
            Work::NotStarted => ("not-started", "work_not_started"),
            Work::InProgress => ("in-progress", "work_in_progress"),
            Work::Done => ("done", "work_done"),
            Work::Delayed => ("delayed", "work_delayed"),
        };
        tasks.push(TaskView {
            task: ts.task.and_then(|k| pr.tasks.get(k - 1)).map(|t| cx.l(t)),
            key,
            label: cx.ui.get(label).to_string(),
            reason: cx.lo(&ts.reason),
            as_of: format::day(ts.as_of, cx.lang),
        });
    }
    tasks.sort_by_key(|t| t.task.is_some());
    if execs.is_empty() && outputs.iter().all(|o| o.done.is_none()) && tasks.is_empty() {
        return None;
    }
    let of = cx.plan_index(plan).and_then(|i| {
        plan.projects.iter().enumerate().find_map(|(j, top)| {
            if std::ptr::eq(top, pr) {
                return Some(chart::Of::Project(i, j, None));
            }
            let k = top.subprojects.iter().position(|s| std::ptr::eq(s, pr))?;
            Some(chart::Of::Project(i, j, Some(k)))
        })
    });
    Some(ProjectProgress {
        chart: progress_charts::project_chart(cx.ui, cx.lang, plan, pr)
            .map(|c| cx.chart_view(from, of, c)),
        money: execs.iter().map(|(y, e)| money_view(cx, *y, e)).collect(),
        outputs,
        tasks,
    })
}
