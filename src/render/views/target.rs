//! A target's page: its goal, status with its explanation, chart, values and recommendations.
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::progress::{series, Revised};
use crate::model::status::Assessment;
use crate::model::*;
use crate::render::context::{Ctx, Link, Meta, L};
use crate::render::parts::charts::target_chart;
use crate::render::parts::head::{head, target_view, PlanHead};
use crate::render::parts::labels::{
    evidence_links, goal_text, item_ref, report_link, reported_text,
};
use crate::render::parts::status::{assess, status_view, StatusView};
use crate::render::parts::supervision::recs_where;
use crate::render::{chart, format, links};

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
    pub target: crate::render::parts::head::TargetView,
    pub horizon: i32,
    pub vision: bool,
    pub status: StatusView,
    pub baseline: Option<String>,
    pub chart: Option<crate::render::context::ChartView>,
    pub values: Vec<ValueRow>,
    /// The plan's reported values (CSV and JSON).
    pub data: Option<crate::render::context::Downloads>,
    /// The recommendations of supervision about it, overdue first.
    pub recommendations: Vec<crate::render::parts::supervision::RecView>,
}

pub fn target_page<'a>(cx: &Ctx<'a>, plan: &Plan, t: &Target) -> TargetPage<'a> {
    let from = links::target(&plan.id, &t.id);
    let from = from.as_str();
    let a = assess(cx, plan, t);
    let values = value_rows(cx, from, plan, t);
    let recommendations = recs_where(cx, from, plan, |r| {
        r.target.as_deref() == Some(t.id.as_str())
    });
    let mut meta = target_meta(cx, from, plan, t);
    meta.illustrative =
        values.iter().any(|v| v.illustrative) || recommendations.iter().any(|r| r.illustrative);
    TargetPage {
        recommendations,
        meta,
        plan: head(cx, from, plan),
        target: target_view(cx, from, plan, t),
        horizon: t.horizon,
        vision: t.vision,
        status: status_view(cx, t, &a),
        baseline: t
            .baseline
            .map(|b| format!("{} ({})", figure(cx, t, b.value), b.year)),
        chart: chart(cx, from, plan, t, &a),
        values,
        data: cx.downloads(from, Some(plan), crate::render::data::Set::Progress),
    }
}

/// A figure of target `t` with its unit.
fn figure(cx: &Ctx, t: &Target, f: Figure) -> String {
    crate::render::goal::with_unit_text(cx.lang, t, format::figure(f, cx.lang))
}

/// The target's page's layout context: its title, description and "report an error" item.
fn target_meta<'a>(cx: &Ctx<'a>, from: &str, plan: &Plan, t: &Target) -> Meta<'a> {
    let indicator = cx.l(&t.indicator).text;
    let mut meta = cx.meta(from, format!("{indicator} – {}", cx.l(plan.label()).text));
    cx.report_item(
        &mut meta,
        &item_ref(cx, plan, Some(&format!("{indicator} [{}]", t.id))),
    );
    meta.description = Some(format!(
        "{indicator}: {} ({}{}). “{}” {}",
        goal_text(cx, t),
        t.horizon,
        t.reference
            .as_ref()
            .map(|r| format!(", {} {r}", cx.ui.get("ref").to_lowercase()))
            .unwrap_or_default(),
        cx.l(&t.text).text,
        cx.l(plan.label()).text
    ));
    meta
}

/// Every value the plan's reports give for the target, oldest first.
fn value_rows(cx: &Ctx, from: &str, plan: &Plan, t: &Target) -> Vec<ValueRow> {
    let revs = cx.revisions(plan);
    series(&plan.reports, &t.id)
        .into_iter()
        .map(|(i, v)| {
            let r = &plan.reports[i];
            // The revision this value made, if it replaced one for the same day.
            let revised = revs
                .iter()
                .find(|x| {
                    x.by_report == i
                        && x.as_of == v.as_of
                        && x.item == Revised::Target(t.id.clone())
                })
                .map(|x| {
                    let reason = v.reason.as_ref().map(|r| cx.l(r)).unwrap_or(L {
                        text: String::new(),
                        fallback: false,
                    });
                    (figure(cx, t, Figure::Decimal(x.old)), reason)
                });
            ValueRow {
                date: format::day(v.as_of, cx.lang),
                iso: v.as_of.iso(),
                value: reported_text(cx, t, v).unwrap_or_default(),
                report: report_link(cx, from, plan, r),
                source: v.source.clone(),
                note: cx.lo(&v.note),
                revised,
                evidence: evidence_links(cx, from, &v.evidence),
                breakdown: breakdown(cx, t, v),
                illustrative: r.illustrative,
            }
        })
        .collect()
}

/// A value's breakdown: (by what, of which, figure).
fn breakdown(cx: &Ctx, t: &Target, v: &progress::ReportedValue) -> Vec<(String, L, String)> {
    v.breakdown
        .iter()
        .map(|b| {
            (
                cx.ui.get(breakdown_key(b.by)).to_string(),
                cx.l(&b.name),
                figure(cx, t, b.value),
            )
        })
        .collect()
}

/// The target's chart, linked to its SVG and CSV.
fn chart(
    cx: &Ctx,
    from: &str,
    plan: &Plan,
    t: &Target,
    a: &Assessment,
) -> Option<crate::render::context::ChartView> {
    let c = target_chart(cx.ui, cx.lang, plan, t, a)?;
    let of = cx.plan_index(plan).and_then(|i| {
        let k = plan.targets.iter().position(|x| std::ptr::eq(x, t))?;
        Some(chart::Of::Target(i, k))
    });
    Some(cx.chart_view(from, of, c))
}
