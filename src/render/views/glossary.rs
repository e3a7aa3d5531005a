//! The glossary (`glossary.html`): the theme's terms, each explained in plain words.
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::render::context::{Ctx, Meta};
use crate::render::glossary::TermView;

#[derive(Serialize)]
pub struct GlossaryView<'a> {
    pub meta: Meta<'a>,
    pub terms: Vec<TermView>,
}

pub fn glossary_page<'a>(cx: &Ctx<'a>, terms: Vec<TermView>) -> GlossaryView<'a> {
    GlossaryView {
        meta: cx.page_meta("glossary.html", "glossary_title", "glossary_intro"),
        terms,
    }
}
