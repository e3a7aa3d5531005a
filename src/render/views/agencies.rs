//! The list of agencies, grouped by area (`agencies.html`).
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::{supervision, Agency};
use crate::render::context::{Ctx, Link, Meta, L};
use crate::render::data::Set;
use crate::render::parts::labels::kind_label;

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
    pub data: std::collections::BTreeMap<&'static str, crate::render::context::Downloads>,
}

pub fn agencies_page<'a>(cx: &Ctx<'a>) -> AgenciesView<'a> {
    let from = "agencies/index.html";
    let mut groups: Vec<AreaGroup> = Vec::new();
    for a in &cx.site.agencies {
        let area = cx.lo(&a.area);
        let entry = agency_entry(cx, from, a);
        match groups.iter_mut().find(|g| g.area == area) {
            Some(g) => g.agencies.push(entry),
            None => groups.push(AreaGroup {
                area,
                agencies: vec![entry],
            }),
        }
    }
    in_area_order(&mut groups);
    AgenciesView {
        data: cx.site_downloads(from, &[Set::Agencies, Set::Duties]),
        meta: cx.meta(from, cx.ui.get("agencies_title").to_string()),
        groups,
    }
}

/// An agency's line: its tasks, what it leads, the recommendations it has left overdue.
fn agency_entry(cx: &Ctx, from: &str, a: &Agency) -> AgencyEntry {
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
        .flat_map(|p| supervision::all(&p.supervision))
        .filter(|(_, r)| r.to == a.id && supervision::answer(r, today).is_overdue())
        .count();
    AgencyEntry {
        overdue,
        link: cx.agency_link(from, &a.id),
        kind: kind_label(cx, a.kind),
        duty_count,
        lead_count,
    }
}

/// Areas of a province together, the province before its districts ("tỉnh Thái Nguyên",
/// "huyện Đại Từ, tỉnh Thái Nguyên"); agencies with no area last. Each area capitalised, as a
/// heading.
fn in_area_order(groups: &mut [AreaGroup]) {
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
    for g in groups {
        if let Some(a) = &mut g.area {
            a.text = capitalise(&a.text);
        }
    }
}

/// "huyện Đại Từ" → "Huyện Đại Từ", for a heading.
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
