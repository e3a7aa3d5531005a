//! A project's page: its budget lines, outputs, tasks, progress and recommendations.
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::{Money, Plan, Project};
use crate::render::context::{rel, Ctx, Link, Meta, SourceRef, L};
use crate::render::parts::head::{head, PlanHead};
use crate::render::parts::labels::{capital_key, item_ref, phase_key, source_key};
use crate::render::parts::progress::{project_progress, ProjectProgress};
use crate::render::parts::status::illustrative;
use crate::render::parts::summary::{caption, headline_key, project_amount, project_item};
use crate::render::parts::supervision::{recs_where, RecView};
use crate::render::parts::tables::{table_views, total_views, TableView, TotalView};
use crate::render::{format, links};

#[derive(Serialize)]
pub struct LineView {
    pub amount: Option<String>,
    pub source: Option<String>,
    pub capital: Option<String>,
    pub phase: Option<String>,
    pub year: Option<i32>,
    pub note: Option<L>,
    pub reference: Option<SourceRef>,
}

#[derive(Serialize)]
pub struct ProjectDetail {
    pub id: String,
    pub url: String,
    pub code: L,
    pub title: L,
    pub reference: Option<SourceRef>,
    pub objectives: Vec<L>,
    pub tasks: Vec<L>,
    pub beneficiaries: Vec<L>,
    pub note: Option<L>,
    pub lead: Vec<Link>,
    pub support: Vec<Link>,
    pub quantities: Vec<(String, L, L)>,
    pub lines: Vec<LineView>,
    pub totals: Vec<TotalView>,
}

fn project_detail(cx: &Ctx, from: &str, plan: &Plan, pr: &Project) -> ProjectDetail {
    let lines = pr
        .budget
        .iter()
        .map(|m| LineView {
            amount: m.amount.map(|a| cx.money(a)),
            source: m.source.map(|s| cx.ui.get(source_key(s)).to_string()),
            capital: Some(m.capital.map_or_else(
                || cx.ui.get("capital_unsplit").to_string(),
                |c| cx.ui.get(capital_key(c)).to_string(),
            )),
            phase: m.phase.map(|ph| cx.ui.get(phase_key(ph)).to_string()),
            year: m.year,
            note: cx.lo(&m.note),
            reference: cx.source(from, plan, &m.reference),
        })
        .collect();
    ProjectDetail {
        id: pr.id.clone(),
        url: rel(from, &links::project(&plan.id, &pr.id)),
        code: cx.l(&pr.code),
        title: cx.l(&pr.title),
        reference: cx.source(from, plan, &pr.reference),
        objectives: cx.ls(&pr.objectives),
        tasks: cx.ls(&pr.tasks),
        beneficiaries: cx.ls(&pr.beneficiaries),
        note: cx.lo(&pr.note),
        lead: cx.agency_links(from, &pr.lead),
        support: cx.agency_links(from, &pr.support),
        quantities: pr
            .quantities
            .iter()
            .map(|q| {
                (
                    format::decimal(q.value, cx.lang),
                    cx.l(&q.unit),
                    cx.l(&q.what),
                )
            })
            .collect(),
        lines,
        totals: total_views(cx, (from, plan), &pr.printed_totals, || {
            pr.all_budget().collect()
        }),
    }
}

#[derive(Serialize)]
pub struct ProjectView<'a> {
    pub meta: Meta<'a>,
    pub plan: PlanHead,
    pub parent: Option<Link>,
    pub project: ProjectDetail,
    pub subprojects: Vec<ProjectDetail>,
    pub tables: Vec<TableView>,
    pub progress: Option<ProjectProgress>,
    /// The first screen: amount (of the plan's headline phase and year), lead, support, and the
    /// sub-projects with theirs.
    pub summary: crate::render::parts::summary::ProjectItem,
    /// The phase and year of those amounts.
    pub caption: Option<String>,
    /// The plan gives figures (so a project without one says so).
    pub plan_has_figures: bool,
    /// The recommendations of supervision about it (or its sub-projects), overdue first.
    pub recommendations: Vec<RecView>,
    /// Datasets (CSV and JSON) of what the page shows, by dataset id.
    pub data: std::collections::BTreeMap<&'static str, crate::render::context::Downloads>,
}

pub fn project_page<'a>(cx: &Ctx<'a>, plan: &Plan, pr: &Project) -> ProjectView<'a> {
    let from = links::project(&plan.id, &pr.id);
    let from = from.as_str();
    let parent = pr
        .parent
        .as_ref()
        .and_then(|pid| plan.projects.iter().find(|x| &x.id == pid));
    let progress = project_progress(cx, from, plan, pr);
    let recommendations = recs_where(cx, from, plan, |r| {
        r.project
            .as_ref()
            .is_some_and(|id| *id == pr.id || pr.subprojects.iter().any(|s| s.id == *id))
    });
    let mut meta = project_meta(cx, from, plan, pr);
    meta.illustrative = (progress.is_some() && illustrative(plan))
        || recommendations.iter().any(|r| r.illustrative);
    let key = headline_key(plan);
    ProjectView {
        recommendations,
        data: cx.plan_downloads(from, plan),
        summary: project_item(cx, from, plan, pr),
        caption: key.map(|k| caption(cx, plan, k)),
        plan_has_figures: key.is_some(),
        progress,
        meta,
        plan: head(cx, from, plan),
        parent: parent.map(|p| Link {
            url: rel(from, &links::project(&plan.id, &p.id)),
            label: cx.l(&p.code),
        }),
        project: project_detail(cx, from, plan, pr),
        subprojects: pr
            .subprojects
            .iter()
            .map(|s| project_detail(cx, from, plan, s))
            .collect(),
        tables: table_views(cx, from, plan, &table_rows(pr)),
    }
}

/// The rows of the project's budget tables, when it has sub-projects: its own lines (if any),
/// then each sub-project's.
fn table_rows(pr: &Project) -> Vec<(&Project, Vec<&Money>)> {
    let mut rows: Vec<(&Project, Vec<&Money>)> = Vec::new();
    if !pr.subprojects.is_empty() {
        if !pr.budget.is_empty() {
            rows.push((pr, pr.budget.iter().collect()));
        }
        rows.extend(
            pr.subprojects
                .iter()
                .map(|s| (s, s.budget.iter().collect())),
        );
    }
    rows
}

/// The project's page's layout context: its title, "report an error" item, and a description
/// of its amount under the plan's headline phase and year, and its lead.
fn project_meta<'a>(cx: &Ctx<'a>, from: &str, plan: &Plan, pr: &Project) -> Meta<'a> {
    let code = cx.l(&pr.code).text;
    let mut meta = cx.meta(from, format!("{code} – {}", cx.l(plan.label()).text));
    let amount = project_amount(plan, pr).map_or_else(
        || cx.ui.get("no_amount").to_string(),
        |d| {
            format!(
                "{} ({})",
                cx.money(d),
                headline_key(plan)
                    .map(|k| caption(cx, plan, k))
                    .unwrap_or_default()
            )
        },
    );
    let leads: Vec<String> = cx
        .agency_links(from, &pr.lead)
        .into_iter()
        .map(|l| l.label.text)
        .collect();
    cx.report_item(
        &mut meta,
        &item_ref(cx, plan, Some(&format!("{code} [{}]", pr.id))),
    );
    meta.description = Some(format!(
        "{code}: {}. {amount}.{}",
        cx.l(&pr.title).text,
        if leads.is_empty() {
            String::new()
        } else {
            format!(" {}: {}.", cx.ui.get("lead"), leads.join("; "))
        }
    ));
    meta
}
