//! The list of all plans, page by page (`plans.html`, `plans-2.html` …).
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::render::context::{
    page_numbers, plan_list_pages, rel, Ctx, Downloads, Meta, PLANS_PER_PAGE,
};
use crate::render::{format, links};
/// One page of the list of all plans.
#[derive(Serialize)]
pub struct PlanListView<'a> {
    pub meta: Meta<'a>,
    /// "Trang 2/20" style, when there is more than one page.
    pub page_label: Option<String>,
    /// "Kế hoạch 51–100 trong 1.000" style.
    pub range: String,
    pub plans: Vec<crate::render::parts::head::PlanCard>,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The page numbers to link: (number, address; `None` for this page), with gaps as `None`.
    pub numbers: Vec<Option<(usize, Option<String>)>>,
    /// Datasets (CSV and JSON) of what the page shows, by dataset id.
    pub data: BTreeMap<&'static str, Downloads>,
}

/// Page `k` (from 0) of the list of all plans, in site order.
pub fn plan_list<'a>(cx: &Ctx<'a>, k: usize) -> PlanListView<'a> {
    let path = links::plan_list(k);
    let s = cx.site;
    let pages = plan_list_pages(s);
    let from = k * PLANS_PER_PAGE;
    let shown = &s.plans[from.min(s.plans.len())..(from + PLANS_PER_PAGE).min(s.plans.len())];
    let url = |j: usize| rel(&path, &links::plan_list(j));
    let page_label = (pages > 1).then(|| {
        cx.ui
            .get("page_of")
            .replace("{k}", &(k + 1).to_string())
            .replace("{n}", &pages.to_string())
    });
    let mut title = cx.ui.get("plans_title").to_string();
    if let Some(l) = &page_label {
        title = format!("{title} · {l}");
    }
    let mut meta = cx.meta(&path, title);
    meta.illustrative = shown
        .iter()
        .any(|p| !p.reports.is_empty() && crate::render::parts::status::illustrative(p));
    let numbers = page_numbers(k, pages)
        .into_iter()
        .map(|n| n.map(|j| (j + 1, (j != k).then(|| url(j)))))
        .collect();
    PlanListView {
        data: cx.site_downloads(&path, &[crate::render::data::Set::Plans]),
        meta,
        page_label,
        range: if s.plans.is_empty() {
            cx.ui.get("plans_none").to_string()
        } else {
            cx.ui
                .get("plans_range")
                .replace("{from}", &(from + 1).min(s.plans.len()).to_string())
                .replace("{to}", &(from + shown.len()).to_string())
                .replace(
                    "{n}",
                    &format::decimal(
                        crate::model::Decimal::new(s.plans.len() as i128, 0),
                        cx.lang,
                    ),
                )
        },
        plans: shown
            .iter()
            .map(|p| crate::render::parts::head::card(cx, &path, p))
            .collect(),
        prev: (k > 0).then(|| url(k - 1)),
        next: (k + 1 < pages).then(|| url(k + 1)),
        numbers: if pages > 1 { numbers } else { Vec::new() },
    }
}
