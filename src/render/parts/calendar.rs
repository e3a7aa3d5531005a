//! The reporting calendar as pages show it: a report the calendar asks for, whether it came in
//! on time, and where the deadline comes from.
//!
//! Stage: page parts (see `parts/mod.rs`): below the views, above the context.

use serde::Serialize;

use crate::model::money::{self, Delivery};
use crate::model::{Due, Plan};
use crate::render::context::{Ctx, Link, SourceRef, L};
use crate::render::format;
use crate::render::parts::labels::{period_label, period_text, report_link};

/// Where a deadline comes from: the rule or document, the section of the plan that sets it
/// (linked to the full text), and where the rule is published; any may be missing, not all.
#[derive(Serialize)]
pub struct DueSource {
    pub text: Option<L>,
    pub reference: Option<SourceRef>,
    pub url: Option<String>,
}

/// A due report and whether it came in.
#[derive(Serialize)]
pub struct DeliveryView {
    pub agency: Link,
    /// The report's name ("Báo cáo năm 2022") and the time it covers ("năm 2022").
    pub period: String,
    pub period_text: String,
    /// What the report covers or whom it goes to, as the calendar says.
    pub what: Option<L>,
    pub due: String,
    pub due_iso: String,
    pub key: &'static str,
    pub label: String,
    pub report: Option<Link>,
    /// Where the deadline comes from; `None` when the calendar does not say.
    pub source: Option<DueSource>,
}

/// The rule behind a deadline, for page `from`.
pub fn due_source(cx: &Ctx, from: &str, plan: &Plan, due: &Due) -> Option<DueSource> {
    due.sourced().then(|| DueSource {
        text: cx.lo(&due.source),
        reference: cx.source(from, plan, &due.reference),
        url: due.source_url.clone(),
    })
}

pub fn delivery_view(cx: &Ctx, from: &str, plan: &Plan, due: &Due) -> DeliveryView {
    let (d, found) = money::delivery(due, &plan.reports, cx.today());
    let days = |n: i64, k: &str| cx.ui.get(k).replace("{n}", &n.to_string());
    let (key, label) = match d {
        Delivery::OnTime => ("on-time", cx.ui.get("delivery_on_time").to_string()),
        Delivery::Late(n) => ("late", days(n, "delivery_late")),
        Delivery::Overdue(n) => ("overdue", days(n, "delivery_overdue")),
        Delivery::NotYetDue => ("not-yet-due", cx.ui.get("delivery_not_yet_due").to_string()),
    };
    DeliveryView {
        agency: cx.agency_link(from, &due.agency),
        period: period_label(cx, &due.period),
        period_text: period_text(cx, &due.period),
        what: cx.lo(&due.what),
        due: format::day(due.due, cx.lang),
        due_iso: due.due.iso(),
        key,
        label,
        report: found.map(|(_, r)| report_link(cx, from, plan, r)),
        source: due_source(cx, from, plan, due),
    }
}

/// Every deadline report `r` of `plan` answers (the programme's and the plan's own may both
/// apply), and how it met each.
pub fn deliveries_of(
    cx: &Ctx,
    from: &str,
    plan: &Plan,
    r: &crate::model::Report,
) -> Vec<DeliveryView> {
    plan.calendar
        .iter()
        .filter(|d| d.agency == r.agency && d.period == r.period)
        .map(|d| delivery_view(cx, from, plan, d))
        .collect()
}
