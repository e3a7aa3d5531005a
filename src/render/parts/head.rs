//! How a plan, a target and a duty are shown wherever they appear: a plan's card and the head
//! of its pages, a target's line, a duty's line.
//!
//! Stage: page parts (see `parts/mod.rs`): below the views, above the context.

use serde::Serialize;

use crate::model::{DocDate, Duty, Goal, Plan, PlanKind, Relation, Target};
use crate::render::context::{rel, Ctx, Link, SourceRef, L};
use crate::render::parts::labels::goal_text;
use crate::render::parts::summary::Funding;
use crate::render::{format, links};
#[derive(Serialize)]
pub struct PlanCard {
    pub url: String,
    /// How lists name the plan: its short title (which names the district), else place and title.
    pub name: L,
    pub title: L,
    pub kind: String,
    pub number: Option<String>,
    pub date: Option<String>,
    pub issuer: Link,
    pub period: String,
    /// The headline funding, its phase and year named; `None`: the document gives no figures.
    pub funding: Option<Funding>,
    pub project_count: usize,
    pub target_count: usize,
    /// Targets by status, when the plan has progress reports.
    pub status_counts: Vec<crate::render::parts::status::Count>,
}

/// "2021–2025", with the year the plan looks ahead to: "2021–2025 (định hướng đến 2030)".
fn period(cx: &Ctx, p: &Plan) -> String {
    let years = if p.period.from == p.period.to {
        p.period.from.to_string()
    } else {
        format!("{}–{}", p.period.from, p.period.to)
    };
    match p.period.orientation {
        Some(y) => format!(
            "{years} ({})",
            cx.ui
                .get("period_orientation")
                .replace("{year}", &y.to_string())
        ),
        None => years,
    }
}

fn kind_key(k: PlanKind) -> &'static str {
    match k {
        PlanKind::Plan => "kind_plan",
        PlanKind::ActionProgramme => "kind_action_programme",
    }
}

pub fn card(cx: &Ctx, from: &str, p: &Plan) -> PlanCard {
    PlanCard {
        url: rel(from, &links::plan(&p.id)),
        name: crate::render::context::plan_name(cx, p),
        title: cx.l(&p.title),
        kind: cx.ui.get(kind_key(p.kind)).to_string(),
        number: p.number.clone(),
        date: format::date(p.date, cx.lang),
        issuer: cx.agency_link(from, &p.issuer),
        period: period(cx, p),
        funding: crate::render::parts::summary::funding(cx, p),
        project_count: p.projects.len(),
        target_count: p.targets.len(),
        status_counts: crate::render::parts::status::status_counts(cx, p),
    }
}

#[derive(Serialize)]
pub struct TargetView {
    pub id: String,
    /// The target's own page.
    pub url: String,
    /// Its status, when the plan has progress reports.
    pub status: Option<crate::render::parts::status::StatusView>,
    pub topic: Option<L>,
    pub indicator: L,
    pub text: L,
    /// The figure in compact form ("≥ 95%"), or the "qualitative" label.
    pub goal: String,
    pub qualitative: bool,
    pub scope: Option<L>,
    pub parent: Option<String>,
    pub lead: Vec<Link>,
    pub support: Vec<Link>,
    pub reference: Option<SourceRef>,
    pub data_note: Option<L>,
}

pub fn target_view(cx: &Ctx, from: &str, p: &Plan, t: &Target) -> TargetView {
    let tracked = !p.reports.is_empty();
    TargetView {
        id: t.id.clone(),
        url: rel(from, &links::target(&p.id, &t.id)),
        status: tracked.then(|| {
            crate::render::parts::status::status_view(
                cx,
                t,
                &crate::render::parts::status::assess(cx, p, t),
            )
        }),
        topic: cx.lo(&t.topic),
        indicator: cx.l(&t.indicator),
        text: cx.l(&t.text),
        goal: goal_text(cx, t),
        qualitative: matches!(t.goal, Goal::Qualitative),
        scope: cx.lo(&t.scope),
        parent: t.parent.clone(),
        lead: cx.agency_links(from, &t.lead),
        support: cx.agency_links(from, &t.support),
        reference: cx.source(from, p, &t.reference),
        data_note: cx.lo(&t.data_note),
    }
}

#[derive(Serialize)]
pub struct DutyView {
    pub agency: Link,
    pub relation: &'static str,
    pub relation_label: String,
    pub tasks: Vec<L>,
    pub reference: Option<SourceRef>,
}

pub fn duty_view(cx: &Ctx, from: &str, p: &Plan, d: &Duty) -> DutyView {
    let (relation, key) = match d.relation {
        Relation::Assigned => ("assigned", "relation_assigned"),
        Relation::Requested => ("requested", "relation_requested"),
    };
    DutyView {
        agency: cx.agency_link(from, &d.agency),
        relation,
        relation_label: cx.ui.get(key).to_string(),
        tasks: cx.ls(&d.tasks),
        reference: cx.source(from, p, &d.reference),
    }
}

/// Identity block shared by plan, project and document pages.
#[derive(Serialize)]
pub struct PlanHead {
    pub url: String,
    pub title: L,
    pub short: L,
    pub kind: String,
    pub number: Option<String>,
    pub date: Option<String>,
    pub iso_date: Option<String>,
    /// Only the year is printed (day and month left blank).
    pub year_only: bool,
    pub place: Option<L>,
    pub issuer: Link,
    pub period: String,
    pub implements: Option<L>,
    pub source: Option<String>,
    pub signer: Option<(String, L)>,
    pub document_url: Option<String>,
    /// The English site links to the Vietnamese full text.
    pub document_vi_only: bool,
    /// The plan's printable public notice and its radio script.
    pub notice_url: String,
    pub radio_url: String,
}

pub fn head(cx: &Ctx, from: &str, p: &Plan) -> PlanHead {
    PlanHead {
        url: rel(from, &links::plan(&p.id)),
        title: cx.l(&p.title),
        short: cx.l(p.label()),
        kind: cx.ui.get(kind_key(p.kind)).to_string(),
        number: p.number.clone(),
        date: format::date(p.date, cx.lang),
        iso_date: format::iso_date(p.date),
        year_only: matches!(p.date, DocDate::YearOnly(_)),
        place: cx.lo(&p.place),
        issuer: cx.agency_link(from, &p.issuer),
        period: period(cx, p),
        implements: cx.lo(&p.implements),
        source: p.source.clone(),
        signer: p.signer.as_ref().map(|s| (s.name.clone(), cx.l(&s.title))),
        document_vi_only: cx.document_is_vietnamese_only(p),
        document_url: p
            .document_vi
            .as_ref()
            .map(|_| rel(from, &links::document(&p.id))),
        notice_url: rel(from, &links::notice(&p.id, None)),
        radio_url: rel(from, &links::radio(&p.id, None)),
    }
}
