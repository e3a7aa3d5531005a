//! The search page (the index itself is `render::search`).
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::render::context::{Ctx, Meta};
use crate::render::search::shards;
/// The search page: a form, and the results the browser finds in the index's shards.
#[derive(Serialize)]
pub struct SearchView<'a> {
    pub meta: Meta<'a>,
    /// How many shards the index has (`search/0.js` …).
    pub shards: usize,
    /// The interface strings the search script shows, as JSON.
    pub labels: String,
}

/// Interface strings `static/search.js` uses, under these names in its labels.
const SEARCH_LABELS: &[(&str, &str)] = &[
    ("plan", "search_kind_plan"),
    ("project", "search_kind_project"),
    ("target", "search_kind_target"),
    ("report", "search_kind_report"),
    ("supervision", "search_kind_supervision"),
    ("recommendation", "search_kind_recommendation"),
    ("agency", "search_kind_agency"),
    ("commune", "search_kind_commune"),
    ("page", "search_kind_page"),
    ("term", "search_kind_term"),
    ("loading", "search_loading"),
    ("count", "search_count"),
    ("partial", "search_partial"),
    ("more", "search_more"),
    ("none", "search_none"),
    ("show_more", "search_show_more"),
    ("failed", "search_failed"),
];

pub fn search_page<'a>(cx: &Ctx<'a>) -> SearchView<'a> {
    let labels: std::collections::BTreeMap<&str, &str> = SEARCH_LABELS
        .iter()
        .map(|(k, key)| (*k, cx.ui.get(key)))
        .collect();
    SearchView {
        meta: cx.meta("search.html", cx.ui.get("search_title").to_string()),
        shards: shards(cx.site),
        labels: serde_json::to_string(&labels).expect("labels serialise"),
    }
}
