//! Social supervision as many pages show it: a recommendation and its answers, counts by state,
//! a plan's and an agency's supervision in short, feed entries.
//!
//! Stage: page parts (see `parts/mod.rs`): below the views, above the context.

use serde::Serialize;

use crate::model::supervision::{Activity, Answer, Recommendation, Response};
use crate::model::{supervision, Plan};
use crate::render::context::{rel, Ctx, Link, L};
use crate::render::parts::labels::evidence_links;
use crate::render::parts::status::Count;
use crate::render::{format, links};

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
pub fn about_links(
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

pub fn count_keys<'k>(cx: &Ctx, keys: impl Iterator<Item = &'k str>) -> Vec<Count> {
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
