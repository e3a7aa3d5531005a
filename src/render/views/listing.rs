//! The pages of the site-wide list of progress reports and revisions after the first:
//! `progress-2.html`, `progress-3.html` … in each language (the list itself is a page part).
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::render::context::{rel, Ctx, Downloads, Meta};
use crate::render::data::Set;
use crate::render::links;
use crate::render::parts::listing::{listing, pages, Listing};

/// A later page of the list (`progress-2.html` …): the list alone, with a way back to the
/// overview.
#[derive(Serialize)]
pub struct ListingPage<'a> {
    pub meta: Meta<'a>,
    /// The progress page's overview.
    pub overview: String,
    /// "Trang 2/3".
    pub page_label: String,
    pub listing: Listing,
    /// Datasets (CSV and JSON) of what the page shows, by dataset id.
    pub data: BTreeMap<&'static str, Downloads>,
}

pub fn listing_page<'a>(cx: &Ctx<'a>, k: usize) -> ListingPage<'a> {
    let path = links::progress(k);
    let page_label = cx
        .ui
        .get("page_of")
        .replace("{k}", &(k + 1).to_string())
        .replace("{n}", &pages(cx.site).to_string());
    let listing = listing(cx, k);
    let mut meta = cx.meta(
        &path,
        format!("{} · {page_label}", cx.ui.get("listing_title")),
    );
    meta.illustrative = listing.reports.iter().any(|r| r.illustrative);
    meta.description = Some(listing.summary.clone());
    ListingPage {
        data: cx.site_downloads(
            &path,
            &[Set::Reports, Set::Progress, Set::Money, Set::Outputs],
        ),
        meta,
        overview: rel(&path, &links::progress(0)),
        page_label,
        listing,
    }
}
