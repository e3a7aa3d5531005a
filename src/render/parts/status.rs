//! A target's status as pages show it: its badge and explanation, and counts of targets by
//! status.
//!
//! Stage: page parts (see `parts/mod.rs`): below the views, above the context.

use serde::Serialize;

use crate::model::status::Assessment;
use crate::model::{Plan, Status, Target};
use crate::render::context::Ctx;
use crate::render::explain;

/// A status badge and the sentences that explain it.
#[derive(Serialize, Clone)]
pub struct StatusView {
    /// CSS class and machine value ("on-track").
    pub key: &'static str,
    pub label: String,
    pub why: Vec<String>,
}

pub fn status_view(cx: &Ctx, t: &Target, a: &Assessment) -> StatusView {
    StatusView {
        key: a.status.key(),
        label: status_label(cx, a.status),
        why: explain::explain(cx.ui, cx.lang, t, a),
    }
}

/// A status in words: "Đúng tiến độ", "On track".
pub fn status_label(cx: &Ctx, s: Status) -> String {
    cx.ui.get(explain::status_key(s)).to_string()
}

/// The assessment of a target with the plan's reports, as of the site's day.
pub fn assess(cx: &Ctx, plan: &Plan, t: &Target) -> Assessment {
    cx.assessment(plan, t)
}

/// The plan has illustrative reports, so its progress pages carry the label.
pub fn illustrative(plan: &Plan) -> bool {
    plan.reports.iter().any(|r| r.illustrative)
}

#[derive(Serialize)]
pub struct Count {
    pub key: &'static str,
    pub label: String,
    pub count: usize,
}

/// Targets by status, from their assessments: each status some target has, in `Status::ALL`'s
/// order.
pub fn counts_of<'s>(cx: &Ctx, assessed: impl IntoIterator<Item = &'s Assessment>) -> Vec<Count> {
    let statuses: Vec<Status> = assessed.into_iter().map(|a| a.status).collect();
    Status::ALL
        .iter()
        .map(|s| Count {
            key: s.key(),
            label: status_label(cx, *s),
            count: statuses.iter().filter(|x| *x == s).count(),
        })
        .filter(|c| c.count > 0)
        .collect()
}

/// "12 trên 30 chỉ tiêu đã có số liệu", when some of `targets` have no data: counts by status
/// never pass off a target without figures as counted.
pub fn data_coverage(cx: &Ctx, counts: &[Count], targets: usize) -> Option<String> {
    let none = counts
        .iter()
        .find(|c| c.key == Status::NoData.key())
        .map_or(0, |c| c.count);
    (none > 0 && targets > 0).then(|| {
        cx.ui
            .get("targets_with_data")
            .replace("{with}", &targets.saturating_sub(none).to_string())
            .replace("{targets}", &targets.to_string())
    })
}

/// A plan's targets by status; empty when the plan has no progress reports.
pub fn status_counts(cx: &Ctx, plan: &Plan) -> Vec<Count> {
    if plan.reports.is_empty() {
        return Vec::new();
    }
    let assessed: Vec<Assessment> = plan.targets.iter().map(|t| assess(cx, plan, t)).collect();
    counts_of(cx, &assessed)
}
