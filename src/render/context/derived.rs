//! What many pages of one language show and is costly to compute (assessments, full texts,
//! which plans name an agency, the menu), computed once per build. Stage: render context.

use std::collections::HashMap;

use rayon::prelude::*;

use super::menu::MenuLink;
use crate::model::{Lang, Plan, Site};
use crate::render::markdown;

/// What many pages of one language show and is costly to compute, computed once per build (and,
/// in `serve`, again for one plan after an edit inside its folder).
pub struct Derived {
    /// For each agency id, the indices of the plans that name it, so agency pages need not
    /// scan every plan.
    pub(super) agency_plans: HashMap<String, Vec<usize>>,
    /// Each plan's full text as shown in this language (headings one level down, under the
    /// page's own title), by plan id.
    pub(super) documents: HashMap<String, markdown::Document>,
    /// Per plan (in site order): each target's assessment, and the revisions of its reports.
    pub(super) progress: Vec<Progress>,
    lang: Lang,
    /// The whole-site data package of this language, made when first asked for.
    package: std::sync::OnceLock<crate::render::data::package::Package>,
    /// The menu of every page's header and footer.
    pub(super) menu: Vec<MenuLink>,
    /// Some plan has supervision: the header links to the list of recommendations.
    pub(super) supervision: bool,
}

type Progress = (
    Vec<crate::model::status::Assessment>,
    Vec<crate::model::progress::Revision>,
);

impl Derived {
    pub fn new(site: &Site, lang: Lang) -> Derived {
        // Each full text is rendered once per language, here: its page shows the HTML, and every
        // page that cites a section of it links to the anchor found while rendering.
        let documents = site
            .plans
            .par_iter()
            .filter_map(|p| Some((p.id.clone(), document(p, lang)?)))
            .collect();
        let progress = site
            .plans
            .par_iter()
            .map(|p| progress_of(site, p))
            .collect();
        Derived {
            agency_plans: agency_plans(site),
            documents,
            progress,
            lang,
            package: std::sync::OnceLock::new(),
            menu: super::menu::menu(site, lang),
            supervision: site.has_supervision(),
        }
    }

    /// Computes again what plan `i` contributes, after it was replaced in `site`.
    pub fn update_plan(&mut self, site: &Site, lang: Lang, i: usize) {
        let p = &site.plans[i];
        match document(p, lang) {
            Some(d) => self.documents.insert(p.id.clone(), d),
            None => self.documents.remove(&p.id),
        };
        self.progress[i] = progress_of(site, p);
        self.supervision = site.has_supervision();
        self.package = std::sync::OnceLock::new();
        self.agency_plans.retain(|_, plans| {
            plans.retain(|j| *j != i);
            !plans.is_empty()
        });
        for id in named(p) {
            let plans = self.agency_plans.entry(id.clone()).or_default();
            if let Err(at) = plans.binary_search(&i) {
                plans.insert(at, i);
            }
        }
    }
}

impl Derived {
    /// The whole-site data package of this language.
    pub fn package(&self, site: &Site) -> &crate::render::data::package::Package {
        self.package
            .get_or_init(|| crate::render::data::package::Package::new(site, self.lang))
    }
}

fn document(p: &Plan, lang: Lang) -> Option<markdown::Document> {
    let doc = match lang {
        Lang::En => p.document_en.as_ref().or(p.document_vi.as_ref()),
        Lang::Vi => p.document_vi.as_ref(),
    }?;
    Some(markdown::document(doc, 1))
}

fn progress_of(site: &Site, p: &Plan) -> Progress {
    let today = site.settings.as_of;
    (
        p.targets
            .iter()
            .map(|t| crate::model::status::assess(t, &p.reports, today))
            .collect(),
        crate::model::progress::revisions(&p.reports),
    )
}

/// Every agency id plan `p` names (with repeats).
fn named(p: &Plan) -> impl Iterator<Item = &String> {
    std::iter::once(&p.issuer)
        .chain(p.lead.iter())
        .chain(p.duties.iter().map(|d| &d.agency))
        .chain(p.reports.iter().map(|r| &r.agency))
        .chain(p.calendar.iter().map(|d| &d.agency))
        .chain(p.supervision.iter().flat_map(|a| {
            a.by.iter().chain(
                a.recommendations
                    .iter()
                    .flat_map(|r| std::iter::once(&r.to).chain(r.responses.iter().map(|x| &x.by))),
            )
        }))
        .chain(
            p.all_projects()
                .flat_map(|pr| pr.lead.iter().chain(&pr.support)),
        )
        .chain(
            p.targets
                .iter()
                .flat_map(|t| t.lead.iter().chain(&t.support)),
        )
}

fn agency_plans(site: &Site) -> HashMap<String, Vec<usize>> {
    let mut out: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in site.plans.iter().enumerate() {
        for id in named(p) {
            let plans = match out.get_mut(id.as_str()) {
                Some(v) => v,
                None => out.entry(id.clone()).or_default(),
            };
            if plans.last() != Some(&i) {
                plans.push(i);
            }
        }
    }
    out
}
