//! Views: one module per page type, each building that page's typed template context (a
//! `Serialize` struct) from the model for one language. Figures are formatted here through the
//! presentation layer (`format`, `explain`, `goal`); markup lives in the templates.
//!
//! Stage: views, the top of `render` below `render/mod.rs` (which renders and writes). A view
//! imports the context (`render::context`), the page parts (`render::parts`), the presentation
//! layer and the model, and never another view: what two pages show alike is a part.

pub mod accessibility;
pub mod agencies;
pub mod agency;
pub mod data_notes;
pub mod document;
pub mod glossary;
pub mod home;
pub mod listing;
pub mod not_found;
pub mod notice;
pub mod open_data;
pub mod pages;
pub mod plan;
pub mod plans;
pub mod progress;
pub mod project;
pub mod report;
pub mod search;
pub mod site_index;
pub mod supervision;
pub mod target;
