//! The site index: every page of the site, for readers without search.
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::Agency;
use crate::render::context::{plan_name, rel, Ctx, Link, Meta, HOME_PLANS, L};
use crate::render::links;
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

pub fn site_index<'a>(cx: &Ctx<'a>) -> SiteIndexView<'a> {
    let path = "site-index.html";
    let link = |url: String, text: String| Link {
        url: rel(path, &url),
        label: L {
            text,
            fallback: false,
        },
    };
    let mut lists = vec![
        link("plans/index.html".into(), cx.ui.get("plans_title").into()),
        link(
            "agencies/index.html".into(),
            cx.ui.get("agencies_title").into(),
        ),
        link("progress.html".into(), cx.ui.get("progress_title").into()),
        link("glossary.html".into(), cx.ui.get("glossary_title").into()),
        link(
            "data-notes.html".into(),
            cx.ui.get("data_notes_title").into(),
        ),
        link("accessibility.html".into(), cx.ui.get("a11y_title").into()),
    ];
    if cx.site.has_supervision() {
        lists.push(link(
            links::SUPERVISION_LIST.into(),
            cx.ui.get("sup_list_title").into(),
        ));
    }
    // The top-level pages and every section: each section's index lists its pages.
    lists.extend(
        cx.site
            .pages
            .iter()
            .filter(|p| p.section.is_none())
            .map(|p| Link {
                url: rel(path, &links::page(&p.slug)),
                label: cx.l(&p.text.title),
            }),
    );
    lists.extend(cx.site.sections.iter().map(|sec| Link {
        url: rel(path, &links::section(&sec.path, 0)),
        label: cx.l(&sec.text.title),
    }));
    // A site of many plans lists the plans alone here: each plan's page lists its projects,
    // targets and reports.
    let nested = cx.site.plans.len() <= HOME_PLANS;
    let plans = cx
        .site
        .plans
        .iter()
        .map(|p| SiteIndexPlan {
            supervision: (!p.supervision.is_empty()).then(|| rel(path, &links::supervision(&p.id))),
            link: Link {
                url: rel(path, &links::plan(&p.id)),
                label: plan_name(cx, p),
            },
            projects: p
                .all_projects()
                .filter(|_| nested)
                .map(|pr| Link {
                    url: rel(path, &links::project(&p.id, &pr.id)),
                    label: crate::render::parts::labels::row_label(cx, pr),
                })
                .collect(),
            targets: p
                .targets
                .iter()
                .filter(|_| nested)
                .map(|t| Link {
                    url: rel(path, &links::target(&p.id, &t.id)),
                    label: cx.l(&t.indicator),
                })
                .collect(),
            reports: p
                .reports
                .iter()
                .filter(|_| nested)
                .map(|r| crate::render::parts::labels::report_link(cx, path, p, r))
                .collect(),
        })
        .collect();
    let (communes, agencies): (Vec<&Agency>, Vec<&Agency>) = cx
        .site
        .agencies
        .iter()
        .partition(|a| a.kind == crate::model::AgencyKind::CommuneCommittee);
    let agency_links = |list: Vec<&Agency>| {
        let mut v: Vec<Link> = list.iter().map(|a| cx.agency_link(path, &a.id)).collect();
        v.sort_by(|a, b| a.label.text.cmp(&b.label.text));
        v
    };
    SiteIndexView {
        meta: cx.meta(path, cx.ui.get("site_index_title").to_string()),
        lists,
        plans,
        agencies: agency_links(agencies),
        communes: agency_links(communes),
    }
}
