//! The accountability view: for one agency, everything it leads, supports, is assigned or is
//! requested across all plans; and the registry of agencies.

use super::plan::{duty_view, goal_text, DutyView};
use super::{rel, Ctx, Link, Meta, L};
use crate::model::{Agency, AgencyKind, Plan};
use crate::render::links;
use serde::Serialize;

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
    pub status: Option<super::progress::StatusView>,
    /// For projects: the amount under the plan's headline phase and year, and what that is.
    pub amount: Option<super::summary::Amount>,
    pub amount_caption: Option<String>,
}

#[derive(Serialize)]
pub struct PlanRole {
    pub plan: Link,
    pub issued: bool,
    /// The reports the plan's calendar asks this agency for, and how each came in.
    pub reporting: Vec<super::progress::DeliveryView>,
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
    pub supervision: Option<super::supervision::AgencySupervision>,
    /// Datasets (CSV and JSON) of what the page shows, by dataset id.
    pub data: std::collections::BTreeMap<&'static str, super::Downloads>,
}

fn kind_label(cx: &Ctx, k: AgencyKind) -> String {
    cx.ui
        .get(&format!("agency_kind_{}", k.key().replace('-', "_")))
        .to_string()
}

fn role(cx: &Ctx, from: &str, a: &Agency, p: &Plan) -> PlanRole {
    let id = a.id.as_str();
    let has = |ids: &[String]| ids.iter().any(|x| x == id);
    // A sub-project's code ("Tiểu dự án 2") means nothing without its project's.
    let full_code = |pr: &crate::model::Project| {
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
    };
    let key = super::summary::headline_key(p);
    let project_item = |pr: &crate::model::Project| Item {
        url: rel(from, &links::project(&p.id, &pr.id)),
        code: Some(full_code(pr)),
        label: cx.l(&pr.title),
        goal: None,
        horizon: None,
        status: None,
        amount: super::summary::project_amount(p, pr).map(|d| super::summary::amount(cx, d)),
        amount_caption: key.map(|k| super::summary::caption(cx, p, k)),
    };
    let tracked = !p.reports.is_empty();
    let target_item = |t: &crate::model::Target| Item {
        url: rel(from, &links::target(&p.id, &t.id)),
        code: None,
        label: cx.l(&t.text),
        goal: Some(goal_text(cx, t)),
        horizon: Some(t.horizon),
        status: tracked
            .then(|| super::progress::status_view(cx, t, &super::progress::assess(cx, p, t))),
        amount: None,
        amount_caption: None,
    };
    PlanRole {
        reporting: p
            .calendar
            .iter()
            .filter(|d| d.agency == id)
            .map(|d| super::progress::delivery_view(cx, from, p, d))
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
        lead_projects: p
            .all_projects()
            .filter(|pr| has(&pr.lead))
            .map(project_item)
            .collect(),
        support_projects: p
            .all_projects()
            .filter(|pr| has(&pr.support))
            .map(project_item)
            .collect(),
        lead_targets: p
            .targets
            .iter()
            .filter(|t| has(&t.lead))
            .map(target_item)
            .collect(),
        support_targets: p
            .targets
            .iter()
            .filter(|t| has(&t.support))
            .map(target_item)
            .collect(),
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
        .any(|p| super::progress::illustrative(p) && roles_show_progress(&roles));
    let supervision = super::supervision::agency_summary(cx, &from, &a.id);
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

#[derive(Serialize)]
pub struct AgencyEntry {
    pub link: Link,
    pub kind: String,
    pub duty_count: usize,
    pub lead_count: usize,
    /// Recommendations of supervision sent to it and overdue without an answer.
    pub overdue: usize,
}

#[derive(Serialize)]
pub struct AreaGroup {
    pub area: Option<L>,
    pub agencies: Vec<AgencyEntry>,
}

#[derive(Serialize)]
pub struct AgenciesView<'a> {
    pub meta: Meta<'a>,
    pub groups: Vec<AreaGroup>,
    /// Datasets (CSV and JSON) of what the page shows, by dataset id.
    pub data: std::collections::BTreeMap<&'static str, super::Downloads>,
}

pub fn agencies_page<'a>(cx: &Ctx<'a>) -> AgenciesView<'a> {
    let from = "agencies/index.html";
    let mut groups: Vec<AreaGroup> = Vec::new();
    for a in &cx.site.agencies {
        let area = cx.lo(&a.area);
        let duty_count = cx
            .plans_naming(&a.id)
            .flat_map(|p| &p.duties)
            .filter(|d| d.agency == a.id)
            .map(|d| d.tasks.len())
            .sum();
        let lead_count = cx
            .plans_naming(&a.id)
            .map(|p| {
                p.all_projects()
                    .filter(|pr| pr.lead.contains(&a.id))
                    .count()
                    + p.targets.iter().filter(|t| t.lead.contains(&a.id)).count()
            })
            .sum();
        let today = cx.today();
        let overdue = cx
            .plans_naming(&a.id)
            .flat_map(|p| crate::model::supervision::all(&p.supervision))
            .filter(|(_, r)| {
                r.to == a.id && crate::model::supervision::answer(r, today).is_overdue()
            })
            .count();
        let entry = AgencyEntry {
            overdue,
            link: cx.agency_link(from, &a.id),
            kind: kind_label(cx, a.kind),
            duty_count,
            lead_count,
        };
        match groups.iter_mut().find(|g| g.area == area) {
            Some(g) => g.agencies.push(entry),
            None => groups.push(AreaGroup {
                area,
                agencies: vec![entry],
            }),
        }
    }
    // Areas of a province together, the province before its districts ("tỉnh Thái Nguyên",
    // "huyện Đại Từ, tỉnh Thái Nguyên"); agencies with no area last.
    groups.sort_by_cached_key(|g| match &g.area {
        Some(a) => {
            let parts: Vec<&str> = a.text.split(", ").collect();
            (
                0,
                parts.last().copied().unwrap_or("").to_string(),
                parts.len(),
                a.text.clone(),
            )
        }
        None => (1, String::new(), 0, String::new()),
    });
    for g in &mut groups {
        if let Some(a) = &mut g.area {
            a.text = capitalise(&a.text);
        }
    }
    AgenciesView {
        data: cx.site_downloads(
            from,
            &[
                crate::render::data::Set::Agencies,
                crate::render::data::Set::Duties,
            ],
        ),
        meta: cx.meta(from, cx.ui.get("agencies_title").to_string()),
        groups,
    }
}

/// "huyện Đại Từ" → "Huyện Đại Từ", for a heading.
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
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
