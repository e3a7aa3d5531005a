//! The targets dataset: every target of a plan with its figures in plain notation, one column
//! per part of its goal (so a spreadsheet can sort and filter), and its status on the site's
//! as-of day.
//!
//! Stage: datasets (render::data); reads the model and the site's links.

use super::cell::{code, en, fig, page, s, so, ten, year};
use super::field::*;
use crate::model::*;
use crate::render::data::Cell;
use crate::render::links;

pub(super) const TARGETS: &[Field] = &[
    PLAN,
    f("target_id", "Mã chỉ tiêu", "Target id", Ty::Str),
    f("horizon", "Năm đạt", "Horizon", Ty::Year),
    about(
        f("vision", "Tầm nhìn", "Vision", Ty::Bool),
        "True for an orientation beyond the plan's period.",
    ),
    f("indicator_vi", "Chỉ tiêu (tiếng Việt)", "Indicator (Vietnamese)", Ty::Str),
    f("indicator_en", "Chỉ tiêu (tiếng Anh)", "Indicator (English)", Ty::Str),
    coded(
        "shape",
        "Dạng chỉ tiêu",
        "Shape",
        &["threshold", "range", "annual-rate", "multiple", "ratio", "qualitative"],
    ),
    coded("op", "Phép so sánh", "Operator", &["above", "at-least", "below", "at-most", "exactly"]),
    coded("direction", "Chiều", "Direction", &["increase", "decrease"]),
    f("value", "Giá trị", "Value", Ty::Num),
    f("min", "Từ", "Minimum", Ty::Num),
    f("max", "Đến", "Maximum", Ty::Num),
    f("unit_vi", "Đơn vị", "Unit (Vietnamese)", Ty::Str),
    f("unit_en", "Đơn vị (tiếng Anh)", "Unit (English)", Ty::Str),
    f("unit_before", "Đơn vị đứng trước", "Unit before figure", Ty::Bool),
    f("per_year", "Mỗi năm", "Per year", Ty::Bool),
    f("baseline_year", "Năm gốc", "Baseline year", Ty::Year),
    f("reference_vi", "So với", "Compared with", Ty::Str),
    f("text_vi", "Nguyên văn", "Text (Vietnamese)", Ty::Str),
    f("text_en", "Nguyên văn (tiếng Anh)", "Text (English)", Ty::Str),
    f("scope_vi", "Phạm vi", "Scope", Ty::Str),
    LEAD,
    SUPPORT,
    about(
        coded("status", "Tình trạng", "Status", STATUSES),
        "Computed from the reported values on the site's as-of date (see the progress page for the method).",
    ),
    REF,
    PAGE,
];

/// A goal's shape, as the dataset codes it.
fn shape(goal: &Goal) -> &'static str {
    match goal {
        Goal::Threshold { .. } => "threshold",
        Goal::Range { .. } => "range",
        Goal::AnnualRate { .. } => "annual-rate",
        Goal::Multiple { .. } => "multiple",
        Goal::Ratio { .. } => "ratio",
        Goal::Qualitative => "qualitative",
    }
}

/// The parts of a goal, each in its own column; `None` where the shape has no such part.
#[derive(Default)]
struct Parts<'a> {
    op: Option<Op>,
    direction: Option<Direction>,
    value: Option<Figure>,
    min: Option<Figure>,
    max: Option<Figure>,
    baseline: Option<i32>,
    reference: Option<&'a Text>,
}

fn parts(goal: &Goal) -> Parts<'_> {
    match goal {
        Goal::Threshold {
            op,
            value,
            direction,
        } => Parts {
            op: Some(*op),
            direction: *direction,
            value: Some(*value),
            ..Parts::default()
        },
        Goal::Range {
            min,
            max,
            direction,
        } => Parts {
            direction: *direction,
            min: Some(*min),
            max: Some(*max),
            ..Parts::default()
        },
        Goal::AnnualRate {
            direction,
            op,
            value,
            min,
            max,
        } => Parts {
            op: *op,
            direction: Some(*direction),
            value: *value,
            min: *min,
            max: *max,
            ..Parts::default()
        },
        Goal::Multiple {
            op,
            value,
            baseline_year,
        } => Parts {
            op: Some(*op),
            value: Some(*value),
            baseline: Some(*baseline_year),
            ..Parts::default()
        },
        Goal::Ratio {
            op,
            value,
            reference,
        } => Parts {
            op: Some(*op),
            value: Some(*value),
            reference: Some(reference),
            ..Parts::default()
        },
        Goal::Qualitative => Parts::default(),
    }
}

/// The row of target `t` of `plan`.
pub(super) fn target_row(site: &Site, plan: &Plan, t: &Target, lang: Lang) -> Vec<Cell> {
    // Figures in plain notation (17860.5, 0.5 for 1/2) so a spreadsheet can sort and filter.
    let g = parts(&t.goal);
    let (unit_vi, unit_en) = ten(&t.unit);
    let status = crate::model::status::assess(t, &plan.reports, site.settings.as_of).status;
    vec![
        s(plan.id.clone()),
        s(t.id.clone()),
        year(Some(t.horizon)),
        Cell::Bool(t.vision),
        s(t.indicator.vi.clone()),
        en(&t.indicator),
        s(shape(&t.goal)),
        code(g.op),
        code(g.direction),
        fig(g.value),
        fig(g.min),
        fig(g.max),
        unit_vi,
        unit_en,
        Cell::Bool(t.unit_before),
        Cell::Bool(t.per_year),
        year(g.baseline),
        g.reference.map_or(Cell::Empty, |r| s(r.vi.clone())),
        s(t.text.vi.clone()),
        en(&t.text),
        ten(&t.scope).0,
        s(t.lead.join(" ")),
        s(t.support.join(" ")),
        s(status.key()),
        so(t.reference.as_deref()),
        page(site, lang, &links::target(&plan.id, &t.id)),
    ]
}
