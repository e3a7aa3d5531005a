//! The site-wide progress page: each plan's line, the targets that need attention, and the
//! first page of the list of reports.
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::{money, Status};
use crate::render::context::{rel, Ctx, Link, Meta};
use crate::render::parts::calendar::{delivery_view, DeliveryView};
use crate::render::parts::progress::{money_view, MoneyView};
use crate::render::parts::status::{assess, illustrative, status_view, StatusView};
use crate::render::{explain, format, links};

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
    let mut totals: Vec<(&'static str, String, usize)> = Status::ALL
        .iter()
        .map(|s| (s.key(), cx.ui.get(explain::status_key(*s)).to_string(), 0))
        .collect();
    let mut plans = Vec::new();
    let mut attention = Vec::new();
    let mut overdue = Vec::new();
    for p in &cx.site.plans {
        let tracked = !p.reports.is_empty() || !p.calendar.is_empty();
        let plan_link = Link {
            url: rel(from, &links::plan(&p.id)) + if tracked { "#progress" } else { "" },
            label: cx.l(p.label()),
        };
        let mut counts: Vec<(&'static str, String, usize)> =
            totals.iter().map(|(k, l, _)| (*k, l.clone(), 0)).collect();
        for t in &p.targets {
            let a = assess(cx, p, t);
            let i = Status::ALL.iter().position(|s| *s == a.status).unwrap_or(0);
            counts[i].2 += 1;
            totals[i].2 += 1;
            if a.status.worrying() {
                attention.push((
                    a.status.urgency(),
                    TargetLine {
                        plan: plan_link.clone(),
                        target: Link {
                            url: rel(from, &links::target(&p.id, &t.id)),
                            label: cx.l(&t.indicator),
                        },
                        status: status_view(cx, t, &a),
                    },
                ));
            }
        }
        let deliveries: Vec<DeliveryView> = p
            .calendar
            .iter()
            .map(|d| delivery_view(cx, from, p, d))
            .collect();
        let year = money::years(p).into_iter().rev().find(|y| {
            p.reports
                .iter()
                .any(|r| r.money.iter().any(|m| m.year == *y))
        });
        plans.push(PlanLine {
            plan: plan_link.clone(),
            counts: counts.into_iter().filter(|c| c.2 > 0).collect(),
            money: year.map(|y| money_view(cx, y, &money::execution(p, y, |_, _, _| true))),
            late: deliveries.iter().filter(|d| d.key == "late").count(),
            overdue: deliveries.iter().filter(|d| d.key == "overdue").count(),
            reports: p.reports.len(),
        });
        overdue.extend(
            deliveries
                .into_iter()
                .filter(|d| d.key == "overdue")
                .map(|d| (plan_link.clone(), d)),
        );
    }
    attention.sort_by_key(|(later, _)| *later);
    let mut meta = cx.meta(from, cx.ui.get("progress_title").to_string());
    meta.illustrative = cx.site.plans.iter().any(illustrative);
    ProgressPage {
        data: cx.site_downloads(
            from,
            &[
                crate::render::data::Set::Targets,
                crate::render::data::Set::Progress,
                crate::render::data::Set::Money,
                crate::render::data::Set::Reports,
                crate::render::data::Set::Calendar,
            ],
        ),
        meta,
        as_of: cx.today().map(|d| format::day(d, cx.lang)),
        plans,
        totals: totals.into_iter().filter(|t| t.2 > 0).collect(),
        attention: attention.into_iter().map(|(_, t)| t).collect(),
        overdue,
        listing: crate::render::parts::listing::listing(cx, 0),
    }
}
