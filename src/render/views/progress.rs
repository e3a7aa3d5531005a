//! The site-wide progress page: each plan's line, the targets that need attention, and the
//! first page of the list of reports.
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::status::Assessment;
use crate::model::{Plan, Target};
use crate::render::context::{rel, Ctx, Link, Meta};
use crate::render::data::Set;
use crate::render::parts::calendar::{delivery_view, DeliveryView};
use crate::render::parts::progress::{latest_money, MoneyView};
use crate::render::parts::status::{assess, counts_of, illustrative, status_view, StatusView};
use crate::render::{format, links};

/// One plan's line on the progress page.
#[derive(Serialize)]
pub struct PlanLine {
    pub plan: Link,
    pub counts: Vec<(&'static str, String, usize)>,
    pub money: Option<MoneyView>,
    pub late: usize,
    pub overdue: usize,
    pub reports: usize,
}

#[derive(Serialize)]
pub struct TargetLine {
    pub plan: Link,
    pub target: Link,
    pub status: StatusView,
}

#[derive(Serialize)]
pub struct ProgressPage<'a> {
    pub meta: Meta<'a>,
    pub as_of: Option<String>,
    pub plans: Vec<PlanLine>,
    pub totals: Vec<(&'static str, String, usize)>,
    pub attention: Vec<TargetLine>,
    pub overdue: Vec<(Link, DeliveryView)>,
    /// The first page of the list of every report and revision, newest first.
    pub listing: crate::render::parts::listing::Listing,
    /// Datasets (CSV and JSON) of what the page shows, by dataset id.
    pub data: std::collections::BTreeMap<&'static str, crate::render::context::Downloads>,
}

pub fn progress_page<'a>(cx: &Ctx<'a>) -> ProgressPage<'a> {
    let from = "progress.html";
    let mut every: Vec<Assessment> = Vec::new();
    let mut plans = Vec::new();
    let mut attention = Vec::new();
    let mut overdue = Vec::new();
    for p in &cx.site.plans {
        let link = plan_link(cx, from, p);
        let assessed: Vec<(&Target, Assessment)> =
            p.targets.iter().map(|t| (t, assess(cx, p, t))).collect();
        let deliveries: Vec<DeliveryView> = p
            .calendar
            .iter()
            .map(|d| delivery_view(cx, from, p, d))
            .collect();
        plans.push(plan_line(cx, p, &link, &assessed, &deliveries));
        attention.extend(worrying(cx, from, p, &link, &assessed));
        overdue.extend(
            deliveries
                .into_iter()
                .filter(|d| d.key == "overdue")
                .map(|d| (link.clone(), d)),
        );
        every.extend(assessed.into_iter().map(|(_, a)| a));
    }
    attention.sort_by_key(|(later, _)| *later);
    let mut meta = cx.meta(from, cx.ui.get("progress_title").to_string());
    meta.illustrative = cx.site.plans.iter().any(illustrative);
    ProgressPage {
        data: cx.site_downloads(
            from,
            &[
                Set::Targets,
                Set::Progress,
                Set::Money,
                Set::Reports,
                Set::Calendar,
            ],
        ),
        meta,
        as_of: cx.today().map(|d| format::day(d, cx.lang)),
        plans,
        totals: counted(cx, &every),
        attention: attention.into_iter().map(|(_, t)| t).collect(),
        overdue,
        listing: crate::render::parts::listing::listing(cx, 0),
    }
}

/// A plan's link, to its progress section when it has one.
fn plan_link(cx: &Ctx, from: &str, p: &Plan) -> Link {
    let tracked = !p.reports.is_empty() || !p.calendar.is_empty();
    Link {
        url: rel(from, &links::plan(&p.id)) + if tracked { "#progress" } else { "" },
        label: cx.l(p.label()),
    }
}

/// Targets by status, as (key, label, count) for each status some target has.
fn counted<'s>(
    cx: &Ctx,
    assessed: impl IntoIterator<Item = &'s Assessment>,
) -> Vec<(&'static str, String, usize)> {
    counts_of(cx, assessed)
        .into_iter()
        .map(|c| (c.key, c.label, c.count))
        .collect()
}

/// A plan's line: its targets by status, its money of the latest year with figures, its
/// reports and deliveries late or overdue.
fn plan_line(
    cx: &Ctx,
    p: &Plan,
    link: &Link,
    assessed: &[(&Target, Assessment)],
    deliveries: &[DeliveryView],
) -> PlanLine {
    PlanLine {
        plan: link.clone(),
        counts: counted(cx, assessed.iter().map(|(_, a)| a)),
        money: latest_money(cx, p),
        late: deliveries.iter().filter(|d| d.key == "late").count(),
        overdue: deliveries.iter().filter(|d| d.key == "overdue").count(),
        reports: p.reports.len(),
    }
}

/// A plan's targets whose status is worrying, each with its urgency (lowest first).
fn worrying(
    cx: &Ctx,
    from: &str,
    p: &Plan,
    link: &Link,
    assessed: &[(&Target, Assessment)],
) -> Vec<(u8, TargetLine)> {
    assessed
        .iter()
        .filter(|(_, a)| a.status.worrying())
        .map(|(t, a)| {
            (
                a.status.urgency(),
                TargetLine {
                    plan: link.clone(),
                    target: Link {
                        url: rel(from, &links::target(&p.id, &t.id)),
                        label: cx.l(&t.indicator),
                    },
                    status: status_view(cx, t, a),
                },
            )
        })
        .collect()
}
