//! Views of social supervision: the page of a plan's supervision, the site-wide list of
//! recommendations (grouped by status, filterable in the browser), and the recommendations shown
//! on project, target and agency pages, most in need of an answer first.

use super::plan::{head, PlanHead};
use super::progress::{evidence_links, Count};
use super::{rel, Ctx, Link, Meta, L};
use crate::model::supervision::{self, Activity, Answer, Form, Recommendation, Response};
use crate::model::Plan;
use crate::render::data::Set;
use crate::render::{format, links};
use serde::Serialize;
use std::collections::BTreeMap;

/// An answer to a recommendation.
#[derive(Serialize)]
pub struct ResponseView {
    pub date: String,
    pub iso: String,
    pub by: Link,
    pub text: L,
    pub accepted_key: &'static str,
    pub accepted: String,
    pub action: Option<L>,
    pub follow_up: Option<L>,
    pub source: Option<String>,
    pub evidence: Vec<Link>,
}

/// A recommendation and where it stands.
#[derive(Serialize)]
pub struct RecView {
    pub id: String,
    /// Its anchor on the plan's supervision page.
    pub anchor: String,
    /// Its entry on the plan's supervision page.
    pub url: String,
    pub plan: Link,
    pub plan_id: String,
    pub to: Link,
    pub to_id: String,
    pub text: L,
    /// The project and target it is about.
    pub about: Vec<Link>,
    pub commune: Option<L>,
    pub sent: String,
    pub sent_iso: String,
    pub due: String,
    pub due_iso: String,
    /// The year it was sent, for the filter.
    pub year: i32,
    /// Status: "overdue", "not-yet-due", "late", "on-time", "closed".
    pub key: &'static str,
    pub label: String,
    pub responses: Vec<ResponseView>,
    pub closed: Option<String>,
    pub closed_note: Option<L>,
    /// The activity it came out of, and who supervised.
    pub activity: Link,
    pub by: Vec<Link>,
    pub illustrative: bool,
    #[serde(skip)]
    order: (usize, i64),
}

/// The status of a recommendation in words: "Quá hạn 46 ngày, chưa trả lời".
pub fn answer_label(cx: &Ctx, a: Answer) -> String {
    let key = format!("sup_status_{}", a.key().replace('-', "_"));
    let n = a.days().unwrap_or(0).to_string();
    cx.ui.get(&key).replace("{n}", &n)
}

fn response_view(cx: &Ctx, from: &str, x: &Response) -> ResponseView {
    ResponseView {
        date: format::day(x.date, cx.lang),
        iso: x.date.iso(),
        by: cx.agency_link(from, &x.by),
        text: cx.l(&x.text),
        accepted_key: x.accepted.key(),
        accepted: cx
            .ui
            .get(&format!("sup_accepted_{}", x.accepted.key()))
            .to_string(),
        action: cx.lo(&x.action),
        follow_up: cx.lo(&x.follow_up),
        source: x.source.clone(),
        evidence: evidence_links(cx, from, &x.evidence),
    }
}

/// Links to a plan's project and target named by `project` and `target`.
fn about_links(
    cx: &Ctx,
    from: &str,
    p: &Plan,
    project: &Option<String>,
    target: &Option<String>,
) -> Vec<Link> {
    let mut out = Vec::new();
    if let Some(pr) = project
        .as_ref()
        .and_then(|id| p.all_projects().find(|x| &x.id == id))
    {
        let code = cx.l(&pr.code);
        out.push(Link {
            url: rel(from, &links::project(&p.id, &pr.id)),
            label: L {
                text: format!("{}: {}", code.text, cx.l(&pr.title).text),
                fallback: code.fallback || cx.l(&pr.title).fallback,
            },
        });
    }
    if let Some(t) = target
        .as_ref()
        .and_then(|id| p.targets.iter().find(|x| &x.id == id))
    {
        out.push(Link {
            url: rel(from, &links::target(&p.id, &t.id)),
            label: cx.l(&t.indicator),
        });
    }
    out
}

fn activity_link(cx: &Ctx, from: &str, p: &Plan, a: &Activity) -> Link {
    Link {
        url: format!("{}#act-{}", rel(from, &links::supervision(&p.id)), a.id),
        label: cx.l(&a.title),
    }
}

pub fn rec_view(cx: &Ctx, from: &str, p: &Plan, a: &Activity, r: &Recommendation) -> RecView {
    let status = supervision::answer(r, cx.today());
    let order = match status {
        Answer::Overdue(n) | Answer::Late(n) => -n,
        Answer::NotYetDue => r.due.days(),
        Answer::Closed => -r.closed.map_or(0, |d| d.days()),
        _ => -r.sent.days(),
    };
    RecView {
        anchor: format!("rec-{}", r.id),
        url: rel(from, &links::recommendation(&p.id, &r.id)),
        plan: Link {
            url: rel(from, &links::supervision(&p.id)),
            label: cx.l(p.label()),
        },
        plan_id: p.id.clone(),
        to: cx.agency_link(from, &r.to),
        to_id: r.to.clone(),
        text: cx.l(&r.text),
        about: about_links(cx, from, p, &r.project, &r.target),
        commune: cx.lo(&r.commune),
        sent: format::day(r.sent, cx.lang),
        sent_iso: r.sent.iso(),
        due: format::day(r.due, cx.lang),
        due_iso: r.due.iso(),
        year: r.sent.year,
        key: status.key(),
        label: answer_label(cx, status),
        responses: r
            .responses
            .iter()
            .map(|x| response_view(cx, from, x))
            .collect(),
        closed: r.closed.map(|d| format::day(d, cx.lang)),
        closed_note: cx.lo(&r.closed_note),
        activity: activity_link(cx, from, p, a),
        by: cx.agency_links(from, &a.by),
        illustrative: a.illustrative,
        id: r.id.clone(),
        order: (status.rank(), order),
    }
}

/// Sorts for accountability: overdue first (longest overdue first), then not yet due (soonest
/// due first), answered late (latest first), answered on time (newest first), closed (newest
/// closing first).
pub fn accountability_order(recs: &mut [RecView]) {
    recs.sort_by_key(|r| r.order);
}

/// How many recommendations have each status, in the accountability order.
pub fn counts(cx: &Ctx, recs: &[RecView]) -> Vec<Count> {
    count_keys(cx, recs.iter().map(|r| r.key))
}

fn count_keys<'k>(cx: &Ctx, keys: impl Iterator<Item = &'k str>) -> Vec<Count> {
    let mut n = [0usize; Answer::ORDER.len()];
    for k in keys {
        if let Some(i) = Answer::ORDER.iter().position(|o| *o == k) {
            n[i] += 1;
        }
    }
    Answer::ORDER
        .iter()
        .zip(n)
        .map(|(k, count)| Count {
            key: k,
            label: cx
                .ui
                .get(&format!("sup_count_{}", k.replace('-', "_")))
                .to_string(),
            count,
        })
        .collect()
}

/// The recommendations of plan `p` that `keep` selects, most in need of an answer first.
pub fn recs_where(
    cx: &Ctx,
    from: &str,
    p: &Plan,
    keep: impl Fn(&Recommendation) -> bool,
) -> Vec<RecView> {
    let mut out: Vec<RecView> = supervision::all(&p.supervision)
        .filter(|(_, r)| keep(r))
        .map(|(a, r)| rec_view(cx, from, p, a, r))
        .collect();
    accountability_order(&mut out);
    out
}

#[derive(Serialize)]
pub struct FindingView {
    pub text: L,
    pub about: Vec<Link>,
    pub commune: Option<L>,
    pub evidence: Vec<Link>,
}

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
    pub data: BTreeMap<&'static str, super::Downloads>,
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

/// A plan's supervision in brief, for its page: the counts and the link.
#[derive(Serialize)]
pub struct PlanSupervision {
    pub url: String,
    pub activities: usize,
    pub total: usize,
    pub counts: Vec<Count>,
}

pub fn plan_summary(cx: &Ctx, from: &str, p: &Plan) -> Option<PlanSupervision> {
    if p.supervision.is_empty() {
        return None;
    }
    let keys =
        || supervision::all(&p.supervision).map(|(_, r)| supervision::answer(r, cx.today()).key());
    Some(PlanSupervision {
        url: rel(from, &links::supervision(&p.id)),
        activities: p.supervision.len(),
        total: keys().count(),
        counts: count_keys(cx, keys()),
    })
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
    pub data: BTreeMap<&'static str, super::Downloads>,
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
    let mut agencies: Vec<Choice> = Vec::new();
    for r in &all {
        if !agencies.iter().any(|c| c.value == r.to_id) {
            agencies.push(Choice {
                value: r.to_id.clone(),
                label: r.to.label.clone(),
            });
        }
    }
    agencies.sort_by_cached_key(|a| crate::model::text::sort_key(&a.label.text));
    let mut years: Vec<i32> = all.iter().map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    let total = all.len();
    let counts = counts(cx, &all);
    let mut groups: Vec<Group> = counts
        .iter()
        .map(|c| Group {
            key: c.key,
            label: c.label.clone(),
            recs: Vec::new(),
        })
        .collect();
    for r in all {
        if let Some(g) = groups.iter_mut().find(|g| g.key == r.key) {
            g.recs.push(r);
        }
    }
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

/// What an agency page shows of supervision: the recommendations addressed to it, overdue
/// first, and the activities it took part in.
#[derive(Serialize)]
pub struct AgencySupervision {
    pub counts: Vec<Count>,
    pub recs: Vec<RecView>,
    pub activities: Vec<Link>,
}

pub fn agency_summary(cx: &Ctx, from: &str, id: &str) -> Option<AgencySupervision> {
    let mut recs = Vec::new();
    let mut activities = Vec::new();
    for p in cx.plans_naming(id) {
        recs.extend(recs_where(cx, from, p, |r| r.to == id));
        for a in p
            .supervision
            .iter()
            .filter(|a| a.by.iter().any(|b| b == id))
        {
            activities.push(activity_link(cx, from, p, a));
        }
    }
    if recs.is_empty() && activities.is_empty() {
        return None;
    }
    accountability_order(&mut recs);
    Some(AgencySupervision {
        counts: counts(cx, &recs),
        recs,
        activities,
    })
}

/// Makes a feed's entry id or address of a page path.
type Address<'f> = &'f dyn Fn(&str) -> String;

/// The Atom entry of a recommendation (`k` = `None`: dated the day it was sent) or of its
/// `k`th answer: `(activity, recommendation, answer)` of plan `p`. `tag` makes an entry id of a
/// page path, `abs` its address.
pub fn feed_entry(
    cx: &Ctx,
    p: &Plan,
    (a, r, k): (usize, usize, Option<usize>),
    (tag, abs): (Address, Address),
) -> super::report::FeedEntry {
    let from = "feed.xml";
    let plan = cx.l(p.label()).text;
    let act = &p.supervision[a];
    let rec = &act.recommendations[r];
    let path = links::supervision(&p.id);
    let anchor = format!("#rec-{}", rec.id);
    let mark = |s: String| {
        if act.illustrative {
            format!("{} — {s}", cx.ui.get("illustrative_label"))
        } else {
            s
        }
    };
    let name = |key: &str| cx.ui.get(key).replace("{id}", &rec.id);
    let (id, title, day, summary) = match k {
        Some(k) => {
            let x = &rec.responses[k];
            let summary = cx
                .ui
                .get("feed_response_summary")
                .replace("{by}", &cx.agency_link(from, &x.by).label.text)
                .replace("{date}", &format::day(x.date, cx.lang))
                .replace(
                    "{accepted}",
                    cx.ui.get(&format!("sup_accepted_{}", x.accepted.key())),
                )
                .replace("{text}", &cx.l(&x.text).text);
            // Two answers of one day are told apart by their order.
            let same_day = rec.responses[..k]
                .iter()
                .filter(|y| y.date == x.date)
                .count();
            let nth = if same_day == 0 {
                String::new()
            } else {
                format!("-{}", same_day + 1)
            };
            (
                format!("{}{anchor}-answer-{}{nth}", tag(&path), x.date),
                name("feed_response"),
                x.date,
                summary,
            )
        }
        None => {
            let summary = cx
                .ui
                .get("feed_rec_summary")
                .replace("{to}", &cx.agency_link(from, &rec.to).label.text)
                .replace("{due}", &format::day(rec.due, cx.lang))
                .replace("{text}", &cx.l(&rec.text).text);
            (
                format!("{}{anchor}", tag(&path)),
                name("feed_recommendation"),
                rec.sent,
                summary,
            )
        }
    };
    super::report::FeedEntry {
        id,
        title: format!("{title} – {plan}"),
        url: format!("{}{anchor}", abs(&path)),
        updated: format!("{}T00:00:00Z", day.iso()),
        summary: mark(summary),
    }
}
