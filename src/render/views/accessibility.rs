//! The accessibility statement (`accessibility.html`).
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::render::context::{Ctx, Meta};

#[derive(Serialize)]
pub struct AccessibilityView<'a> {
    pub meta: Meta<'a>,
}

pub fn accessibility_page<'a>(cx: &Ctx<'a>) -> AccessibilityView<'a> {
    AccessibilityView {
        meta: cx.page_meta("accessibility.html", "a11y_title", "a11y_intro"),
    }
}
