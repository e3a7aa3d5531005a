//! Page parts: the pieces several page types show (a plan's head and card, a target's line and
//! status, a report's rows, a recommendation, the money view, the charts' series), each built
//! from the model and the presentation layer in the page's context.
//!
//! Stage: between the per-language context (`render::context`) below and the views above. A part
//! imports the context, the presentation layer, the chart drawing and the model; never a view.
//! A view that needs something another view shows takes it from here, so views do not import
//! each other.

pub mod calendar;
pub mod charts;
pub mod feed;
pub mod head;
pub mod labels;
pub mod listing;
pub mod palette;
pub mod progress;
pub mod report;
pub mod status;
pub mod summary;
pub mod supervision;
pub mod tables;
