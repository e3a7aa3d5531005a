//! What a progress report says, as its page and its public notice show it: its rows of figures,
//! the statuses it changed, the first data it gave, the figures it revised.
//!
//! Stage: page parts (see `parts/mod.rs`): below the views, above the context.

use serde::Serialize;

use crate::model::progress::{Revised, Revision};
use crate::model::{status, Date, Plan, Report};
use crate::render::context::{rel, Ctx, Link, L};
use crate::render::parts::labels::{report_link, work_label};
use crate::render::parts::status::{status_view, StatusView};
use crate::render::{explain, format, links};

/// A figure in a report's tables.
#[derive(Serialize)]
pub struct Row {
    pub what: Link,
    pub value: String,
    pub as_of: String,
    pub note: Option<L>,
    pub reason: Option<L>,
}

/// A target whose status this report changed.
#[derive(Serialize)]
pub struct StatusChange {
    pub target: Link,
    pub before: StatusView,
    pub after: StatusView,
}

#[derive(Serialize)]
pub struct RevisionView {
    pub what: Link,
    pub as_of: String,
    pub old: String,
    pub new: String,
    pub reason: Option<L>,
    /// The report whose figure was changed.
    pub from: Link,
}

/// A target's first figure, in the report that gives it, and the status it gives.
#[derive(Serialize)]
pub struct FirstData {
    pub target: Link,
    pub status: StatusView,
}

pub fn target_link(cx: &Ctx, from: &str, plan: &Plan, id: &str) -> Link {
    let label = plan.targets.iter().find(|t| t.id == id).map_or_else(
        || L {
            text: id.to_string(),
            fallback: false,
        },
        |t| cx.l(&t.indicator),
    );
    Link {
        url: rel(from, &links::target(&plan.id, id)),
        label,
    }
}

pub fn project_link(cx: &Ctx, from: &str, plan: &Plan, id: &str) -> Link {
    let label = plan.all_projects().find(|p| p.id == id).map_or_else(
        || L {
            text: id.to_string(),
            fallback: false,
        },
        |p| crate::render::parts::labels::row_label(cx, p),
    );
    Link {
        url: rel(from, &links::project(&plan.id, id)),
        label,
    }
}

/// What a revision changed, named fully: a money line says its phase, year and column.
fn revised_link(cx: &Ctx, from: &str, plan: &Plan, item: &Revised) -> Link {
    match item {
        Revised::Target(t) => target_link(cx, from, plan, t),
        Revised::Money {
            project,
            source,
            capital,
            year,
            phase,
        } => {
            let mut l = project_link(cx, from, plan, project);
            l.label.text = format!(
                "{} · {} {year} · {}",
                l.label.text,
                cx.ui.get(crate::render::parts::labels::phase_key(*phase)),
                crate::render::parts::labels::column_label(cx, (*source, *capital))
            );
            l
        }
        Revised::Output { project, quantity } => {
            let mut l = project_link(cx, from, plan, project);
            let what = plan
                .quantity(project, quantity)
                .map_or_else(|| quantity.clone(), |q| cx.l(&q.what).text);
            l.label.text = format!("{} · {what}", l.label.text);
            l
        }
    }
}

/// A revised figure with its unit: the target's, million VND, or the output's ("773 hộ").
fn revised_figure(cx: &Ctx, plan: &Plan, item: &Revised, d: crate::model::Decimal) -> String {
    let n = format::decimal(d, cx.lang);
    match item {
        Revised::Target(t) => match plan.targets.iter().find(|x| &x.id == t) {
            Some(t) => crate::render::goal::with_unit_text(cx.lang, t, n),
            None => n,
        },
        Revised::Money { .. } => cx.money(d),
        Revised::Output { project, quantity } => plan
            .quantity(project, quantity)
            .map_or(n.clone(), |q| format!("{n} {}", cx.l(&q.unit).text)),
    }
}

pub fn revision_view(cx: &Ctx, from: &str, plan: &Plan, rev: &Revision) -> RevisionView {
    let by = &plan.reports[rev.by_report];
    let reason = match rev.item {
        Revised::Target(_) => by.values.get(rev.entry).and_then(|v| v.reason.as_ref()),
        Revised::Money { .. } => by.money.get(rev.entry).and_then(|m| m.reason.as_ref()),
        Revised::Output { .. } => by.outputs.get(rev.entry).and_then(|o| o.reason.as_ref()),
    };
    let with_unit = |d| revised_figure(cx, plan, &rev.item, d);
    RevisionView {
        what: revised_link(cx, from, plan, &rev.item),
        as_of: format::day(rev.as_of, cx.lang),
        old: with_unit(rev.old),
        new: with_unit(rev.new),
        reason: reason.map(|r| cx.l(r)),
        from: report_link(cx, from, plan, &plan.reports[rev.from_report]),
    }
}

/// What report `i` of `plan` changed: targets with their first figure (and the status it gives
/// them) and targets whose status it moved, linked from page `from`.
pub fn changes(cx: &Ctx, from: &str, plan: &Plan, i: usize) -> (Vec<FirstData>, Vec<StatusChange>) {
    let r = &plan.reports[i];
    let before = &plan.reports[..i];
    let upto = &plan.reports[..=i];
    let mut new_values = Vec::new();
    let mut status_changes = Vec::new();
    let mut touched: Vec<&str> = r.values.iter().map(|v| v.target.as_str()).collect();
    touched.dedup();
    for t in plan
        .targets
        .iter()
        .filter(|t| touched.contains(&t.id.as_str()))
    {
        let a1 = status::assess(t, upto, Some(r.published));
        if !before
            .iter()
            .any(|b| b.values.iter().any(|v| v.target == t.id))
        {
            new_values.push(FirstData {
                target: target_link(cx, from, plan, &t.id),
                status: status_view(cx, t, &a1),
            });
            continue;
        }
        let a0 = status::assess(t, before, Some(r.published));
        if a0.status != a1.status {
            status_changes.push(StatusChange {
                target: target_link(cx, from, plan, &t.id),
                before: status_view(cx, t, &a0),
                after: status_view(cx, t, &a1),
            });
        }
    }
    (new_values, status_changes)
}

/// The rows of figures a report gives: target values, money, outputs and tasks.
pub struct Rows {
    pub values: Vec<Row>,
    pub money: Vec<Row>,
    pub outputs: Vec<Row>,
    pub tasks: Vec<Row>,
}

/// Report `r`'s rows, with links from page `from`.
pub fn rows(cx: &Ctx, from: &str, plan: &Plan, r: &Report) -> Rows {
    Rows {
        values: value_rows(cx, from, plan, r),
        money: money_rows(cx, from, plan, r),
        outputs: output_rows(cx, from, plan, r),
        tasks: task_rows(cx, from, plan, r),
    }
}

fn value_rows(cx: &Ctx, from: &str, plan: &Plan, r: &Report) -> Vec<Row> {
    let day = |d: Date| format::day(d, cx.lang);
    let unit_of = |id: &str| plan.targets.iter().find(|t| t.id == id);
    r.values
        .iter()
        .map(|v| Row {
            what: target_link(cx, from, plan, &v.target),
            value: match (v.value, v.status, unit_of(&v.target)) {
                (Some(f), _, Some(t)) => crate::render::parts::labels::reported_figure(cx, t, v, f),
                (None, Some(s), _) => cx.ui.get(explain::status_key(s)).to_string(),
                _ => String::new(),
            },
            as_of: day(v.as_of),
            note: cx.lo(&v.note),
            reason: cx.lo(&v.reason),
        })
        .collect()
}

fn money_rows(cx: &Ctx, from: &str, plan: &Plan, r: &Report) -> Vec<Row> {
    let day = |d: Date| format::day(d, cx.lang);
    r.money
        .iter()
        .map(|m| Row {
            what: project_link(cx, from, plan, &m.project),
            value: format!(
                "{} · {} {} · {}",
                cx.ui.get(crate::render::parts::labels::phase_key(m.phase)),
                m.year,
                crate::render::parts::labels::column_label(cx, (m.source, m.capital)),
                cx.money(m.amount)
            ),
            as_of: day(m.as_of),
            note: cx.lo(&m.note),
            reason: cx.lo(&m.reason),
        })
        .collect()
}

fn output_rows(cx: &Ctx, from: &str, plan: &Plan, r: &Report) -> Vec<Row> {
    let day = |d: Date| format::day(d, cx.lang);
    r.outputs
        .iter()
        .map(|o| {
            let q = plan.quantity(&o.project, &o.quantity);
            Row {
                what: project_link(cx, from, plan, &o.project),
                value: match q {
                    Some(q) => cx
                        .ui
                        .get("output_done_of")
                        .replace("{done}", &format::decimal(o.done, cx.lang))
                        .replace("{planned}", &format::decimal(q.value, cx.lang))
                        .replace("{unit}", &cx.l(&q.unit).text)
                        .replace("{what}", &cx.l(&q.what).text),
                    None => format::decimal(o.done, cx.lang),
                },
                as_of: day(o.as_of),
                note: cx.lo(&o.note),
                reason: cx.lo(&o.reason),
            }
        })
        .collect()
}

fn task_rows(cx: &Ctx, from: &str, plan: &Plan, r: &Report) -> Vec<Row> {
    let day = |d: Date| format::day(d, cx.lang);
    r.tasks
        .iter()
        .map(|t| {
            let task = plan
                .all_projects()
                .find(|p| p.id == t.project)
                .and_then(|p| t.task.and_then(|k| p.tasks.get(k - 1)));
            Row {
                what: project_link(cx, from, plan, &t.project),
                value: match task {
                    Some(x) => format!("{}: {}", cx.l(x).text, work_label(cx, t.state)),
                    None => work_label(cx, t.state),
                },
                as_of: day(t.as_of),
                note: None,
                reason: cx.lo(&t.reason),
            }
        })
        .collect()
}
