//! The accountability view: for one agency, everything it leads, supports, is assigned or is
//! requested across all plans.
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::{Agency, Plan, Project, Target};
use crate::render::context::{rel, Ctx, Link, Meta, L};
use crate::render::links;
use crate::render::parts::head::{duty_view, DutyView};
use crate::render::parts::labels::{goal_text, kind_label};
use crate::render::parts::status::{assess, status_view};
use crate::render::parts::summary::{amount, caption, headline_key, project_amount};

/// A project or target an agency leads or supports.
#[derive(Serialize)]
pub struct Item {
    pub url: String,
    pub code: Option<L>,
    pub label: L,
    /// For targets: the compact figure and horizon.
    pub goal: Option<String>,
    pub horizon: Option<i32>,
    /// For targets of a plan with progress reports: the status.
    pub status: Option<crate::render::parts::status::StatusView>,
    /// For projects: the amount under the plan's headline phase and year, and what that is.
    pub amount: Option<crate::render::parts::summary::Amount>,
    pub amount_caption: Option<String>,
}

#[derive(Serialize)]
pub struct PlanRole {
    pub plan: Link,
    pub issued: bool,
    /// The reports the plan's calendar asks this agency for, and how each came in.
    pub reporting: Vec<crate::render::parts::calendar::DeliveryView>,
    pub duties: Vec<DutyView>,
    pub lead_projects: Vec<Item>,
    pub support_projects: Vec<Item>,
    pub lead_targets: Vec<Item>,
    pub support_targets: Vec<Item>,
}

impl PlanRole {
    fn is_empty(&self) -> bool {
        !self.issued
            && self.reporting.is_empty()
            && self.duties.is_empty()
            && self.lead_projects.is_empty()
            && self.support_projects.is_empty()
            && self.lead_targets.is_empty()
            && self.support_targets.is_empty()
    }
}

#[derive(Serialize)]
pub struct AgencyView<'a> {
    pub meta: Meta<'a>,
    pub name: L,
    pub kind: String,
    pub kind_key: &'static str,
    pub area: Option<L>,
    pub roles: Vec<PlanRole>,
    pub requested_only: bool,
    /// The recommendations of supervision sent to it (overdue first) and the supervision it
    /// carried out.
    pub supervision: Option<crate::render::parts::supervision::AgencySupervision>,
    /// Datasets (CSV and JSON) of what the page shows, by dataset id.
    pub data: std::collections::BTreeMap<&'static str, crate::render::context::Downloads>,
}

/// What agency `a` does in plan `p`.
fn role(cx: &Ctx, from: &str, a: &Agency, p: &Plan) -> PlanRole {
    let id = a.id.as_str();
    let has = |ids: &[String]| ids.iter().any(|x| x == id);
    let projects = |of: fn(&Project) -> &[String]| {
        p.all_projects()
            .filter(|pr| has(of(pr)))
            .map(|pr| project_entry(cx, from, p, pr))
            .collect()
    };
    let targets = |of: fn(&Target) -> &[String]| {
        p.targets
            .iter()
            .filter(|t| has(of(t)))
            .map(|t| target_entry(cx, from, p, t))
            .collect()
    };
    PlanRole {
        reporting: p
            .calendar
            .iter()
            .filter(|d| d.agency == id)
            .map(|d| crate::render::parts::calendar::delivery_view(cx, from, p, d))
            .collect(),
        plan: Link {
            url: rel(from, &links::plan(&p.id)),
            label: cx.l(p.label()),
        },
        issued: p.issuer == id,
        duties: p
            .duties
            .iter()
            .filter(|d| d.agency == id)
            .map(|d| duty_view(cx, from, p, d))
            .collect(),
        lead_projects: projects(|pr| &pr.lead),
        support_projects: projects(|pr| &pr.support),
        lead_targets: targets(|t| &t.lead),
        support_targets: targets(|t| &t.support),
    }
}

/// A project's code, with its project's for a sub-project: "Tiểu dự án 2" means nothing
/// without it.
fn full_code(cx: &Ctx, p: &Plan, pr: &Project) -> L {
    let code = cx.l(&pr.code);
    match pr
        .parent
        .as_ref()
        .and_then(|pid| p.projects.iter().find(|x| &x.id == pid))
    {
        Some(parent) => {
            let pc = cx.l(&parent.code);
            L {
                text: format!("{} › {}", pc.text, code.text),
                fallback: pc.fallback || code.fallback,
            }
        }
        None => code,
    }
}

/// A project the agency leads or supports, with its amount under the plan's headline phase and
/// year.
fn project_entry(cx: &Ctx, from: &str, p: &Plan, pr: &Project) -> Item {
    Item {
        url: rel(from, &links::project(&p.id, &pr.id)),
        code: Some(full_code(cx, p, pr)),
        label: cx.l(&pr.title),
        goal: None,
        horizon: None,
        status: None,
        amount: project_amount(p, pr).map(|d| amount(cx, d)),
        amount_caption: headline_key(p).map(|k| caption(cx, p, k)),
    }
}

/// A target the agency leads or supports, with its status when the plan has reports.
fn target_entry(cx: &Ctx, from: &str, p: &Plan, t: &Target) -> Item {
    Item {
        url: rel(from, &links::target(&p.id, &t.id)),
        code: None,
        label: cx.l(&t.text),
        goal: Some(goal_text(cx, t)),
        horizon: Some(t.horizon),
        status: (!p.reports.is_empty()).then(|| status_view(cx, t, &assess(cx, p, t))),
        amount: None,
        amount_caption: None,
    }
}

pub fn agency_page<'a>(cx: &Ctx<'a>, a: &Agency) -> AgencyView<'a> {
    let from = links::agency(&a.id);
    let roles: Vec<PlanRole> = cx
        .plans_naming(&a.id)
        .map(|p| role(cx, &from, a, p))
        .filter(|r| !r.is_empty())
        .collect();
    // Only a body that has duties, every one of them requested (đề nghị), gets the note.
    let mut duties = roles.iter().flat_map(|r| &r.duties).peekable();
    let requested_only = duties.peek().is_some() && duties.all(|d| d.relation == "requested");
    let name = cx.l(&a.name);
    let mut meta = cx.meta(&from, name.text.clone());
    meta.description = Some(format!(
        "{}: {} {}",
        name.text,
        roles.len(),
        cx.ui.get("agency_plans_count")
    ));
    meta.illustrative = cx
        .plans_naming(&a.id)
        .any(|p| crate::render::parts::status::illustrative(p) && roles_show_progress(&roles));
    let supervision = crate::render::parts::supervision::agency_summary(cx, &from, &a.id);
    if supervision
        .as_ref()
        .is_some_and(|s| s.recs.iter().any(|r| r.illustrative))
    {
        meta.illustrative = true;
    }
    use crate::render::data::Set;
    let mut sets = vec![Set::Duties, Set::Agencies];
    if supervision.is_some() {
        sets.extend([Set::Recommendations, Set::Responses]);
    }
    AgencyView {
        data: cx.site_downloads(&from, &sets),
        supervision,
        meta,
        kind: kind_label(cx, a.kind),
        kind_key: a.kind.key(),
        area: cx.lo(&a.area),
        roles,
        requested_only,
        name,
    }
}

/// The page shows a status or a reporting record.
fn roles_show_progress(roles: &[PlanRole]) -> bool {
    roles.iter().any(|r| {
        !r.reporting.is_empty()
            || r.lead_targets
                .iter()
                .chain(&r.support_targets)
                .any(|i| i.status.is_some())
    })
}
