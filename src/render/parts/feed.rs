//! The Atom feed of reports, revisions and supervision, newest first.
//!
//! Stage: page parts (see `parts/mod.rs`): below the views, above the context.

use serde::Serialize;

use crate::model::progress::Revised;
use crate::model::supervision::{Recommendation, Response};
use crate::model::{Date, Lang, Plan};
use crate::render::context::Ctx;
use crate::render::parts::labels::report_link;
use crate::render::parts::report::revision_view;
use crate::render::{format, links};

/// A stable name for what a revision changed, for its feed entry's id.
fn revision_key(item: &Revised) -> String {
    match item {
        Revised::Target(t) => format!("target-{t}"),
        Revised::Money {
            project,
            source,
            capital,
            year,
            phase,
        } => format!("money-{project}-{source:?}-{capital:?}-{year}-{phase:?}").to_lowercase(),
        Revised::Output { project, quantity } => format!("output-{project}-{quantity}"),
    }
}

/// An Atom entry: a report published, or a figure revised.
#[derive(Serialize)]
pub struct FeedEntry {
    pub id: String,
    pub title: String,
    pub url: String,
    pub updated: String,
    pub summary: String,
}

#[derive(Serialize)]
pub struct FeedView {
    pub lang: &'static str,
    pub title: String,
    pub id: String,
    pub self_url: String,
    pub site_url: String,
    pub updated: String,
    pub author: String,
    pub entries: Vec<FeedEntry>,
}

/// How many entries the feed holds: the newest.
pub const FEED_ENTRIES: usize = 100;

/// The feed's own path: its entries' people and agencies are linked as from it.
const FROM: &str = "feed.xml";

/// How the feed names pages: links are absolute under `base_url`, else relative to the feed
/// (which Atom allows); entry ids are unique to this site: its address when it has one, else a
/// name made from its title and publisher.
struct Addresses<'a> {
    lang: Lang,
    base: Option<&'a str>,
    site_key: String,
}

impl<'a> Addresses<'a> {
    fn new(cx: &Ctx<'a>) -> Addresses<'a> {
        use sha2::Digest;
        let s = &cx.site.settings;
        let h = sha2::Sha256::digest(format!("{}\n{}", s.title.vi, s.publisher.vi).as_bytes());
        Addresses {
            lang: cx.lang,
            base: s.base_url.as_deref(),
            site_key: h.iter().take(8).map(|b| format!("{b:02x}")).collect(),
        }
    }

    /// The address of the page at `path`.
    fn abs(&self, path: &str) -> String {
        match self.base {
            Some(b) => format!("{b}{}", links::page_path(self.lang, path)),
            None => path.to_string(),
        }
    }

    /// The id of an entry about the page at `path`.
    fn tag(&self, path: &str) -> String {
        let page = links::page_path(self.lang, path);
        match self.base {
            Some(b) => format!("{b}{page}"),
            None => format!("urn:minhbach:{}:{page}", self.site_key),
        }
    }
}

/// The Atom feed of one language: reports published, revisions, recommendations sent and their
/// answers, newest first.
pub fn feed(cx: &Ctx) -> FeedView {
    let at = Addresses::new(cx);
    let found = newest(cx);
    let entries: Vec<FeedEntry> = found
        .iter()
        .map(|&(_, i, about)| {
            let p = &cx.site.plans[i];
            match about {
                FeedAbout::Report(k) => report_entry(cx, p, k, &at),
                FeedAbout::Revision(k) => revision_entry(cx, p, k, &at),
                FeedAbout::Recommendation(a, r) => supervision_entry(cx, p, (a, r, None), &at),
                FeedAbout::Response(a, r, k) => supervision_entry(cx, p, (a, r, Some(k)), &at),
            }
        })
        .collect();
    let updated = found
        .first()
        .map(|(d, ..)| *d)
        .or(cx.today())
        .map_or_else(|| "2021-01-01T00:00:00Z".to_string(), stamp);
    FeedView {
        lang: cx.lang.code(),
        title: format!(
            "{} – {}",
            cx.l(&cx.site.settings.title).text,
            cx.ui.get("feed_title")
        ),
        id: at.tag(FROM),
        self_url: at.abs(FROM),
        site_url: at.abs("index.html"),
        updated,
        author: cx.l(&cx.site.settings.publisher).text,
        entries,
    }
}

/// What a feed entry is about, in its plan: a report, or a revision (by index).
#[derive(Clone, Copy)]
enum FeedAbout {
    Report(usize),
    Revision(usize),
    /// A recommendation of supervision (activity, recommendation), or an answer to it (…, k).
    Recommendation(usize, usize),
    Response(usize, usize, usize),
}

/// The newest entries only, each with its day and plan: a feed reader wants what is new, and
/// the progress page lists every report. They are chosen by date first, so that only those are
/// written out. Newest first; on the same day, in site order (the sort is stable).
fn newest(cx: &Ctx) -> Vec<(Date, usize, FeedAbout)> {
    let mut found: Vec<(Date, usize, FeedAbout)> = Vec::new();
    for (i, p) in cx.site.plans.iter().enumerate() {
        for (k, r) in p.reports.iter().enumerate() {
            found.push((r.published, i, FeedAbout::Report(k)));
        }
        for (k, rev) in cx.revisions(p).iter().enumerate() {
            found.push((
                p.reports[rev.by_report].published,
                i,
                FeedAbout::Revision(k),
            ));
        }
        for (a, act) in p.supervision.iter().enumerate() {
            for (r, rec) in act.recommendations.iter().enumerate() {
                found.push((rec.sent, i, FeedAbout::Recommendation(a, r)));
                for (k, x) in rec.responses.iter().enumerate() {
                    found.push((x.date, i, FeedAbout::Response(a, r, k)));
                }
            }
        }
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found.truncate(FEED_ENTRIES);
    found
}

/// An entry's time: the start of its day.
fn stamp(d: Date) -> String {
    format!("{}T00:00:00Z", d.iso())
}

/// A summary as the feed gives it: with the label of illustrative data first, when it is.
fn marked(cx: &Ctx, illustrative: bool, summary: String) -> String {
    if illustrative {
        format!("{} — {summary}", cx.ui.get("illustrative_label"))
    } else {
        summary
    }
}

/// The entry of report `k` of plan `p`: who published it, when, with how many figures.
fn report_entry(cx: &Ctx, p: &Plan, k: usize, at: &Addresses) -> FeedEntry {
    let plan = cx.l(p.label()).text;
    let r = &p.reports[k];
    let path = links::report(&p.id, &r.id);
    let title = report_link(cx, FROM, p, r).label.text;
    let summary = format!(
        "{plan}: {} · {} {} · {}",
        cx.agency_link(FROM, &r.agency).label.text,
        cx.ui.get("report_published"),
        format::day(r.published, cx.lang),
        cx.ui.get("feed_figures").replace(
            "{n}",
            &(r.values.len() + r.money.len() + r.outputs.len()).to_string()
        )
    );
    FeedEntry {
        id: at.tag(&path),
        title: format!("{title} – {plan}"),
        url: at.abs(&path),
        updated: stamp(r.published),
        summary: marked(cx, r.illustrative, summary),
    }
}

/// The entry of revision `k` of plan `p`: the figure it replaced, the new one and why, dated
/// the day the revising report was published.
fn revision_entry(cx: &Ctx, p: &Plan, k: usize, at: &Addresses) -> FeedEntry {
    let plan = cx.l(p.label()).text;
    let revisions = cx.revisions(p);
    let rev = &revisions[k];
    let by = &p.reports[rev.by_report];
    let v = revision_view(cx, FROM, p, rev);
    let path = links::report(&p.id, &by.id);
    let summary = cx
        .ui
        .get("feed_revision")
        .replace("{what}", &v.what.label.text)
        .replace("{date}", &v.as_of)
        .replace("{old}", &v.old)
        .replace("{new}", &v.new)
        .replace("{reason}", &v.reason.map(|r| r.text).unwrap_or_default());
    FeedEntry {
        id: format!(
            "{}#revision-{}-{}",
            at.tag(&path),
            revision_key(&rev.item),
            rev.as_of
        ),
        title: format!("{}: {} – {plan}", cx.ui.get("revision"), v.what.label.text),
        url: format!("{}#revisions", at.abs(&path)),
        updated: stamp(by.published),
        // Either figure illustrative makes the entry so.
        summary: marked(
            cx,
            by.illustrative || p.reports[rev.from_report].illustrative,
            summary,
        ),
    }
}

/// The entry of a recommendation (`k` = `None`: dated the day it was sent) or of its `k`th
/// answer: `(activity, recommendation, answer)` of plan `p`.
fn supervision_entry(
    cx: &Ctx,
    p: &Plan,
    (a, r, k): (usize, usize, Option<usize>),
    at: &Addresses,
) -> FeedEntry {
    let act = &p.supervision[a];
    let rec = &act.recommendations[r];
    let path = links::supervision(&p.id);
    let anchor = format!("#rec-{}", rec.id);
    let (id, title_key, day, summary) = match k {
        Some(k) => {
            let x = &rec.responses[k];
            (
                format!(
                    "{}{anchor}-answer-{}{}",
                    at.tag(&path),
                    x.date,
                    nth_of_day(&rec.responses, k)
                ),
                "feed_response",
                x.date,
                response_summary(cx, x),
            )
        }
        None => (
            format!("{}{anchor}", at.tag(&path)),
            "feed_recommendation",
            rec.sent,
            recommendation_summary(cx, rec),
        ),
    };
    FeedEntry {
        id,
        title: format!(
            "{} – {}",
            cx.ui.get(title_key).replace("{id}", &rec.id),
            cx.l(p.label()).text
        ),
        url: format!("{}{anchor}", at.abs(&path)),
        updated: stamp(day),
        summary: marked(cx, act.illustrative, summary),
    }
}

/// Two answers of one day are told apart by their order: "" for the day's first, "-2" for its
/// second …
fn nth_of_day(responses: &[Response], k: usize) -> String {
    let same_day = responses[..k]
        .iter()
        .filter(|y| y.date == responses[k].date)
        .count();
    if same_day == 0 {
        String::new()
    } else {
        format!("-{}", same_day + 1)
    }
}

/// What a recommendation asks, of whom, by when.
fn recommendation_summary(cx: &Ctx, rec: &Recommendation) -> String {
    cx.ui
        .get("feed_rec_summary")
        .replace("{to}", &cx.agency_link(FROM, &rec.to).label.text)
        .replace("{due}", &format::day(rec.due, cx.lang))
        .replace("{text}", &cx.l(&rec.text).text)
}

/// Who answered, when, whether they accepted, and what they said.
fn response_summary(cx: &Ctx, x: &Response) -> String {
    cx.ui
        .get("feed_response_summary")
        .replace("{by}", &cx.agency_link(FROM, &x.by).label.text)
        .replace("{date}", &format::day(x.date, cx.lang))
        .replace(
            "{accepted}",
            cx.ui.get(&format!("sup_accepted_{}", x.accepted.key())),
        )
        .replace("{text}", &cx.l(&x.text).text)
}
