//! The site index: every page of the site, for readers without search.
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::{Agency, Plan};
use crate::render::context::{plan_name, rel, Ctx, Link, Meta, HOME_PLANS, L};
use crate::render::links;
use crate::render::parts::labels::{report_link, row_label};

/// The index of the whole site, for readers without JavaScript: every page that lists things,
/// every plan with its projects, targets and reports, every agency.
#[derive(Serialize)]
pub struct SiteIndexView<'a> {
    pub meta: Meta<'a>,
    pub lists: Vec<Link>,
    pub plans: Vec<SiteIndexPlan>,
    pub agencies: Vec<Link>,
    pub communes: Vec<Link>,
}

#[derive(Serialize)]
pub struct SiteIndexPlan {
    pub link: Link,
    /// Its supervision page, when it has supervision.
    pub supervision: Option<String>,
    pub projects: Vec<Link>,
    pub targets: Vec<Link>,
    pub reports: Vec<Link>,
}

/// The page's own path.
const PATH: &str = "site-index.html";

pub fn site_index<'a>(cx: &Ctx<'a>) -> SiteIndexView<'a> {
    // A site of many plans lists the plans alone here: each plan's page lists its projects,
    // targets and reports.
    let nested = cx.site.plans.len() <= HOME_PLANS;
    let (communes, agencies): (Vec<&Agency>, Vec<&Agency>) = cx
        .site
        .agencies
        .iter()
        .partition(|a| a.kind == crate::model::AgencyKind::CommuneCommittee);
    SiteIndexView {
        meta: cx.meta(PATH, cx.ui.get("site_index_title").to_string()),
        lists: lists(cx),
        plans: cx
            .site
            .plans
            .iter()
            .map(|p| plan_entry(cx, p, nested))
            .collect(),
        agencies: agency_links(cx, &agencies),
        communes: agency_links(cx, &communes),
    }
}

/// The pages that list things, then the top-level pages and every section (each section's
/// index lists its pages).
fn lists(cx: &Ctx) -> Vec<Link> {
    let link = |url: &str, key: &str| Link {
        url: rel(PATH, url),
        label: L {
            text: cx.ui.get(key).into(),
            fallback: false,
        },
    };
    let mut lists = vec![
        link("plans/index.html", "plans_title"),
        link("agencies/index.html", "agencies_title"),
        link("progress.html", "progress_title"),
        link("glossary.html", "glossary_title"),
        link("data-notes.html", "data_notes_title"),
        link("accessibility.html", "a11y_title"),
    ];
    if cx.site.has_supervision() {
        lists.push(link(links::SUPERVISION_LIST, "sup_list_title"));
    }
    lists.extend(
        cx.site
            .pages
            .iter()
            .filter(|p| p.section.is_none())
            .map(|p| Link {
                url: rel(PATH, &links::page(&p.slug)),
                label: cx.l(&p.text.title),
            }),
    );
    lists.extend(cx.site.sections.iter().map(|sec| Link {
        url: rel(PATH, &links::section(&sec.path, 0)),
        label: cx.l(&sec.text.title),
    }));
    lists
}

/// A plan's entry, with its projects, targets and reports when `nested`.
fn plan_entry(cx: &Ctx, p: &Plan, nested: bool) -> SiteIndexPlan {
    SiteIndexPlan {
        supervision: (!p.supervision.is_empty()).then(|| rel(PATH, &links::supervision(&p.id))),
        link: Link {
            url: rel(PATH, &links::plan(&p.id)),
            label: plan_name(cx, p),
        },
        projects: p
            .all_projects()
            .filter(|_| nested)
            .map(|pr| Link {
                url: rel(PATH, &links::project(&p.id, &pr.id)),
                label: row_label(cx, pr),
            })
            .collect(),
        targets: p
            .targets
            .iter()
            .filter(|_| nested)
            .map(|t| Link {
                url: rel(PATH, &links::target(&p.id, &t.id)),
                label: cx.l(&t.indicator),
            })
            .collect(),
        reports: p
            .reports
            .iter()
            .filter(|_| nested)
            .map(|r| report_link(cx, PATH, p, r))
            .collect(),
    }
}

/// Links to `list`, in the order of their names.
fn agency_links(cx: &Ctx, list: &[&Agency]) -> Vec<Link> {
    let mut v: Vec<Link> = list.iter().map(|a| cx.agency_link(PATH, &a.id)).collect();
    v.sort_by(|a, b| a.label.text.cmp(&b.label.text));
    v
}
