//! The page of one progress report: its figures, what changed since the previous report, the
//! figures it revised, and the calendar entries it answers.
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::*;
use crate::render::context::{rel, Ctx, Link, Meta, L};
use crate::render::parts::calendar::DeliveryView;
use crate::render::parts::head::{head, PlanHead};
use crate::render::parts::labels::{evidence_links, report_link, report_title};
use crate::render::parts::report::{
    changes, revision_view, rows, FirstData, RevisionView, Row, StatusChange,
};
use crate::render::{format, links};

#[derive(Serialize)]
pub struct ReportPage<'a> {
    pub meta: Meta<'a>,
    /// The report's printable public notice and its radio script.
    pub notice_url: String,
    pub radio_url: String,
    pub plan: PlanHead,
    pub title: L,
    pub period: String,
    pub published: String,
    pub published_iso: String,
    pub agency: Link,
    pub source: Option<String>,
    pub evidence: Vec<Link>,
    pub illustrative: bool,
    pub previous: Option<Link>,
    pub next: Option<Link>,
    /// Targets with their first figure in this report, with the status it gives them: first
    /// data, never a change from an invented "before".
    pub new_values: Vec<FirstData>,
    /// Targets that had figures before and whose status this report changes.
    pub status_changes: Vec<StatusChange>,
    /// The plan's first report: everything in it is first data.
    pub first: bool,
    pub revisions: Vec<RevisionView>,
    pub values: Vec<Row>,
    pub money: Vec<Row>,
    pub outputs: Vec<Row>,
    pub tasks: Vec<Row>,
    /// The calendar entries this report answers (the programme's deadline and the plan's own
    /// may both apply), and how it met each.
    pub deliveries: Vec<DeliveryView>,
    /// Datasets (CSV and JSON) of what the page shows, by dataset id.
    pub data: std::collections::BTreeMap<&'static str, crate::render::context::Downloads>,
}

pub fn report_page<'a>(cx: &Ctx<'a>, plan: &Plan, i: usize) -> ReportPage<'a> {
    let r = &plan.reports[i];
    let from = links::report(&plan.id, &r.id);
    let from = from.as_str();
    let (new_values, status_changes) = changes(cx, from, plan, i);
    let rows = rows(cx, from, plan, r);
    let title = report_title(cx, r);
    ReportPage {
        data: cx.plan_downloads(from, plan),
        meta: report_meta(cx, from, plan, r, &title.text),
        notice_url: rel(from, &links::notice(&plan.id, Some(&r.id))),
        radio_url: rel(from, &links::radio(&plan.id, Some(&r.id))),
        plan: head(cx, from, plan),
        period: crate::render::parts::labels::period_text(cx, &r.period),
        published: format::day(r.published, cx.lang),
        published_iso: r.published.iso(),
        agency: cx.agency_link(from, &r.agency),
        source: r.source.clone(),
        evidence: evidence_links(cx, from, &r.evidence),
        illustrative: r.illustrative,
        previous: i
            .checked_sub(1)
            .map(|k| report_link(cx, from, plan, &plan.reports[k])),
        next: plan
            .reports
            .get(i + 1)
            .map(|n| report_link(cx, from, plan, n)),
        new_values,
        status_changes,
        first: i == 0,
        revisions: cx
            .revisions(plan)
            .iter()
            .filter(|x| x.by_report == i)
            .map(|x| revision_view(cx, from, plan, x))
            .collect(),
        values: rows.values,
        money: rows.money,
        outputs: rows.outputs,
        tasks: rows.tasks,
        deliveries: crate::render::parts::calendar::deliveries_of(cx, from, plan, r),
        title,
    }
}

/// The report's page's layout context, `title` being the report's.
fn report_meta<'a>(cx: &Ctx<'a>, from: &str, plan: &Plan, r: &Report, title: &str) -> Meta<'a> {
    let plan_label = cx.l(plan.label()).text;
    let mut meta = cx.meta(from, format!("{title} – {plan_label}"));
    meta.illustrative = r.illustrative;
    cx.report_item(
        &mut meta,
        &crate::render::parts::labels::item_ref(cx, plan, Some(&format!("{title} [{}]", r.id))),
    );
    meta.description = Some(format!(
        "{title} – {plan_label}. {}",
        cx.ui.get("report_description")
    ));
    meta
}
