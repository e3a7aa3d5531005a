//! The page of a plan's full text (`document.html`).
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::Plan;
use crate::render::context::{Ctx, Meta};
use crate::render::parts::head::{head, PlanHead};
use crate::render::{links, markdown};
#[derive(Serialize)]
pub struct DocumentView<'a> {
    pub meta: Meta<'a>,
    pub plan: PlanHead,
    pub html: String,
    /// Table of contents: the document's `##` and `###` headings (h3 and h4 on the page).
    pub toc: Vec<markdown::Heading>,
    /// The English site shows the Vietnamese original.
    pub fallback: bool,
}

pub fn document_page<'a>(cx: &Ctx<'a>, p: &Plan) -> Option<DocumentView<'a>> {
    let doc = cx.document(&p.id)?;
    let from = links::document(&p.id);
    let title = format!("{} – {}", cx.ui.get("document_title"), cx.l(p.label()).text);
    let mut meta = cx.meta(&from, title.clone());
    meta.description = Some(format!("{title}: {}", cx.l(&p.title).text));
    Some(DocumentView {
        meta,
        plan: head(cx, &from, p),
        html: doc.html.clone(),
        toc: doc
            .headings
            .iter()
            .filter(|h| (3..=4).contains(&h.level))
            .cloned()
            .collect(),
        fallback: cx.document_is_vietnamese_only(p),
    })
}
