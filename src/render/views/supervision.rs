//! Views of social supervision: the page of a plan's supervision and the site-wide list of
//! recommendations (grouped by status, filterable in the browser).
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::supervision::{Activity, Form};
use crate::model::Plan;
use crate::render::context::{rel, Ctx, Link, Meta, L};
use crate::render::data::Set;
use crate::render::parts::head::{head, PlanHead};
use crate::render::parts::labels::evidence_links;
use crate::render::parts::status::Count;
use crate::render::parts::supervision::{
    about_links, accountability_order, count_keys, counts, rec_view, recs_where, FindingView,
    RecView,
};
use crate::render::{format, links};

#[derive(Serialize)]
pub struct ActivityView {
    pub anchor: String,
    pub title: L,
    pub by: Vec<Link>,
    pub form: Option<String>,
    pub start: String,
    pub end: String,
    pub one_day: bool,
    pub published: String,
    pub communes: Vec<L>,
    pub about: Vec<Link>,
    pub summary: Option<L>,
    pub source: Option<String>,
    pub evidence: Vec<Link>,
    pub illustrative: bool,
    pub findings: Vec<FindingView>,
    pub recommendations: Vec<RecView>,
}

fn form_label(cx: &Ctx, f: Form) -> String {
    let k = match f {
        Form::Visit => "visit",
        Form::Documents => "documents",
        Form::Meeting => "meeting",
        Form::Survey => "survey",
        Form::Other => "other",
    };
    cx.ui.get(&format!("sup_form_{k}")).to_string()
}

fn activity_view(cx: &Ctx, from: &str, p: &Plan, a: &Activity) -> ActivityView {
    let mut about: Vec<Link> = Vec::new();
    for id in &a.projects {
        about.extend(about_links(cx, from, p, &Some(id.clone()), &None));
    }
    for id in &a.targets {
        about.extend(about_links(cx, from, p, &None, &Some(id.clone())));
    }
    ActivityView {
        anchor: format!("act-{}", a.id),
        title: cx.l(&a.title),
        by: cx.agency_links(from, &a.by),
        form: a.form.map(|f| form_label(cx, f)),
        start: format::day(a.start, cx.lang),
        end: format::day(a.end, cx.lang),
        one_day: a.start == a.end,
        published: format::day(a.published, cx.lang),
        communes: cx.ls(&a.communes),
        about,
        summary: cx.lo(&a.summary),
        source: a.source.clone(),
        evidence: evidence_links(cx, from, &a.evidence),
        illustrative: a.illustrative,
        findings: a
            .findings
            .iter()
            .map(|f| FindingView {
                text: cx.l(&f.text),
                about: about_links(cx, from, p, &f.project, &f.target),
                commune: cx.lo(&f.commune),
                evidence: evidence_links(cx, from, &f.evidence),
            })
            .collect(),
        recommendations: a
            .recommendations
            .iter()
            .map(|r| rec_view(cx, from, p, a, r))
            .collect(),
    }
}

/// The datasets of supervision, by id.
const SETS: [Set; 4] = [
    Set::Supervision,
    Set::Findings,
    Set::Recommendations,
    Set::Responses,
];

/// A plan's supervision page.
#[derive(Serialize)]
pub struct SupervisionPage<'a> {
    pub meta: Meta<'a>,
    pub plan: PlanHead,
    pub counts: Vec<Count>,
    pub total: usize,
    pub activities: Vec<ActivityView>,
    pub list_url: String,
    pub data: BTreeMap<&'static str, crate::render::context::Downloads>,
}

pub fn plan_page<'a>(cx: &Ctx<'a>, p: &Plan) -> SupervisionPage<'a> {
    let from = links::supervision(&p.id);
    let activities: Vec<ActivityView> = p
        .supervision
        .iter()
        .map(|a| activity_view(cx, &from, p, a))
        .collect();
    let keys = || {
        activities
            .iter()
            .flat_map(|a| &a.recommendations)
            .map(|r| r.key)
    };
    let (counts, total) = (count_keys(cx, keys()), keys().count());
    let plan = head(cx, &from, p);
    let mut meta = cx.meta(
        &from,
        format!("{} – {}", cx.ui.get("sup_title"), plan.short.text),
    );
    meta.illustrative = p.illustrative_supervision();
    meta.description = Some(describe(
        cx,
        &plan.short.text,
        activities.len(),
        total,
        &counts,
    ));
    cx.report_item(&mut meta, &p.id);
    SupervisionPage {
        data: SETS
            .iter()
            .filter_map(|&s| Some((s.id(), cx.downloads(&from, Some(p), s)?)))
            .collect(),
        list_url: rel(&from, links::SUPERVISION_LIST),
        total,
        counts,
        activities,
        plan,
        meta,
    }
}

/// "Văn Quan 2021–2025: 2 cuộc giám sát, 5 kiến nghị (1 quá hạn, chưa trả lời; …)".
fn describe(cx: &Ctx, what: &str, activities: usize, total: usize, counts: &[Count]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| format!("{} {}", c.count, c.label.to_lowercase()))
        .collect();
    format!(
        "{what}: {activities} {}, {total} {} ({})",
        cx.ui.get("sup_activity_count"),
        cx.ui.get("sup_rec_count"),
        parts.join("; ")
    )
}

/// A group of the site-wide list: the recommendations of one status.
#[derive(Serialize)]
pub struct Group {
    pub key: &'static str,
    pub label: String,
    pub recs: Vec<RecView>,
}

/// An option of a filter: its value and label.
#[derive(Serialize)]
pub struct Choice {
    pub value: String,
    pub label: L,
}

#[derive(Serialize)]
pub struct ListPage<'a> {
    pub meta: Meta<'a>,
    pub total: usize,
    pub counts: Vec<Count>,
    pub groups: Vec<Group>,
    pub plans: Vec<Choice>,
    pub agencies: Vec<Choice>,
    pub years: Vec<i32>,
    pub data: BTreeMap<&'static str, crate::render::context::Downloads>,
}

/// The site-wide list of recommendations, grouped by status in the accountability order.
pub fn list_page<'a>(cx: &Ctx<'a>) -> ListPage<'a> {
    let from = links::SUPERVISION_LIST;
    let mut all: Vec<RecView> = Vec::new();
    let mut plans = Vec::new();
    for p in cx.site.plans.iter().filter(|p| !p.supervision.is_empty()) {
        all.extend(recs_where(cx, from, p, |_| true));
        plans.push(Choice {
            value: p.id.clone(),
            label: cx.l(p.label()),
        });
    }
    accountability_order(&mut all);
    let agencies = agency_choices(&all);
    let mut years: Vec<i32> = all.iter().map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    let total = all.len();
    let counts = counts(cx, &all);
    let groups = groups(&counts, all);
    let mut meta = cx.meta(from, cx.ui.get("sup_list_title").to_string());
    let activities = cx.site.plans.iter().map(|p| p.supervision.len()).sum();
    meta.description = Some(describe(
        cx,
        &cx.l(&cx.site.settings.title).text,
        activities,
        total,
        &counts,
    ));
    meta.illustrative = cx.site.plans.iter().any(Plan::illustrative_supervision);
    ListPage {
        data: cx.site_downloads(from, &SETS),
        meta,
        total,
        counts,
        groups,
        plans,
        agencies,
        years,
    }
}

/// The agencies recommendations `recs` are sent to, as a filter's options in the order of their
/// names.
fn agency_choices(recs: &[RecView]) -> Vec<Choice> {
    let mut agencies: Vec<Choice> = Vec::new();
    for r in recs {
        if !agencies.iter().any(|c| c.value == r.to_id) {
            agencies.push(Choice {
                value: r.to_id.clone(),
                label: r.to.label.clone(),
            });
        }
    }
    agencies.sort_by_cached_key(|a| crate::model::text::sort_key(&a.label.text));
    agencies
}

/// Recommendations `recs` grouped by status, one group for each of `counts`, in its order.
fn groups(counts: &[Count], recs: Vec<RecView>) -> Vec<Group> {
    let mut groups: Vec<Group> = counts
        .iter()
        .map(|c| Group {
            key: c.key,
            label: c.label.clone(),
            recs: Vec::new(),
        })
        .collect();
    for r in recs {
        if let Some(g) = groups.iter_mut().find(|g| g.key == r.key) {
            g.recs.push(r);
        }
    }
    groups
}
