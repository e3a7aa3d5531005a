//! A plan's page: its summary, targets by horizon, budget tables and charts, duties, progress
//! and supervision in short.
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::*;
use crate::render::context::{Ctx, Meta, L};
use crate::render::parts::charts::{budget_chart, mix_chart};
use crate::render::parts::head::{duty_view, head, target_view, DutyView, PlanHead, TargetView};
use crate::render::parts::labels::item_ref;
use crate::render::parts::tables::{table_views, total_views, TableView, TotalView};
use crate::render::{chart, links};

#[derive(Serialize)]
pub struct HorizonGroup {
    pub horizon: i32,
    pub vision: bool,
    pub targets: Vec<TargetView>,
}

/// Targets grouped by horizon year, nearest first, document order within a group.
fn horizon_groups(cx: &Ctx, from: &str, p: &Plan) -> Vec<HorizonGroup> {
    let mut keys: Vec<(i32, bool)> = p.targets.iter().map(|t| (t.horizon, t.vision)).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|(horizon, vision)| HorizonGroup {
            horizon,
            vision,
            targets: p
                .targets
                .iter()
                .filter(|t| t.horizon == horizon && t.vision == vision)
                .map(|t| target_view(cx, from, p, t))
                .collect(),
        })
        .collect()
}

#[derive(Serialize)]
pub struct PlanView<'a> {
    pub meta: Meta<'a>,
    pub plan: PlanHead,
    /// The plan's supervision in brief, linking to its page.
    pub supervision: Option<crate::render::parts::supervision::PlanSupervision>,
    pub legal_bases: Vec<L>,
    pub purposes: Vec<L>,
    pub requirements: Vec<L>,
    pub general_objectives: Vec<L>,
    pub beneficiaries: Vec<L>,
    pub solutions: Vec<L>,
    pub funding_notes: Vec<L>,
    pub summary: crate::render::parts::summary::PlanSummary,
    pub horizons: Vec<HorizonGroup>,
    pub projects: Vec<crate::render::parts::summary::ProjectItem>,
    pub tables: Vec<TableView>,
    pub chart: Option<crate::render::context::ChartView>,
    /// The funding mix by source and capital type, one bar per phase and year.
    pub mix_chart: Option<crate::render::context::ChartView>,
    pub totals: Vec<TotalView>,
    pub duties: Vec<DutyView>,
    pub progress: Option<crate::render::parts::progress::PlanProgress>,
    /// The plan's datasets (CSV and JSON), by dataset id, linked beside their tables.
    pub data: std::collections::BTreeMap<&'static str, crate::render::context::Downloads>,
}

fn plan_description(cx: &Ctx, p: &Plan) -> String {
    let money = crate::render::parts::summary::funding(cx, p).map_or_else(
        || cx.ui.get("no_figures").trim_end_matches('.').to_string(),
        |f| format!("{} ({})", f.amount.exact, f.caption),
    );
    format!(
        "{}: {money}; {} {}, {} {}. {}.",
        cx.l(p.label()).text,
        p.projects.len(),
        cx.ui.get("projects_count"),
        p.targets.len(),
        cx.ui.get("targets_count"),
        cx.agency_link("", &p.issuer).label.text
    )
}

pub fn plan_page<'a>(cx: &Ctx<'a>, p: &Plan) -> PlanView<'a> {
    let from = links::plan(&p.id);
    let from = from.as_str();
    let rows: Vec<(&Project, Vec<&Money>)> = p
        .projects
        .iter()
        .map(|pr| (pr, pr.all_budget().collect()))
        .collect();
    let tables = table_views(cx, from, p, &rows);
    let i = cx.plan_index(p);
    let chart = budget_chart(cx, p).map(|c| cx.chart_view(from, i.map(chart::Of::Budget), c));
    let mix_chart = mix_chart(cx, p).map(|c| cx.chart_view(from, i.map(chart::Of::Mix), c));
    let all_lines = || {
        p.all_projects()
            .flat_map(|pr| pr.budget.iter())
            .collect::<Vec<_>>()
    };
    let mut meta = cx.meta(from, cx.l(p.label()).text);
    meta.illustrative =
        crate::render::parts::status::illustrative(p) || p.illustrative_supervision();
    meta.description = Some(plan_description(cx, p));
    cx.report_item(&mut meta, &item_ref(cx, p, None));
    PlanView {
        supervision: crate::render::parts::supervision::plan_summary(cx, from, p),
        data: cx.plan_downloads(from, p),
        progress: crate::render::parts::progress::plan_progress(cx, from, p),
        meta,
        plan: head(cx, from, p),
        legal_bases: cx.ls(&p.legal_bases),
        purposes: cx.ls(&p.purposes),
        requirements: cx.ls(&p.requirements),
        general_objectives: cx.ls(&p.general_objectives),
        beneficiaries: cx.ls(&p.beneficiaries),
        solutions: cx.ls(&p.solutions),
        funding_notes: cx.ls(&p.funding_notes),
        horizons: horizon_groups(cx, from, p),
        summary: crate::render::parts::summary::plan_summary(cx, from, p),
        projects: p
            .projects
            .iter()
            .map(|pr| crate::render::parts::summary::project_item(cx, from, p, pr))
            .collect(),
        tables,
        chart,
        mix_chart,
        totals: total_views(cx, (from, p), &p.printed_totals, all_lines),
        duties: p.duties.iter().map(|d| duty_view(cx, from, p, d)).collect(),
    }
}
