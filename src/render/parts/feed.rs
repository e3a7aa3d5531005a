//! The Atom feed of reports, revisions and supervision, newest first.
//!
//! Stage: page parts (see `parts/mod.rs`): below the views, above the context.

use serde::Serialize;

use crate::model::progress::Revised;
use crate::model::{Date, Plan};
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

/// The Atom feed of one language: reports published, revisions, recommendations sent and their
/// answers, newest first.
/// Links are absolute under `base_url`, else relative to the feed (which Atom allows).
/// How many entries the feed holds: the newest.
pub const FEED_ENTRIES: usize = 100;

pub fn feed(cx: &Ctx) -> FeedView {
    let from = "feed.xml";
    let base = cx.site.settings.base_url.clone();
    let abs = |path: &str| match &base {
        Some(b) => format!("{b}{}", links::page_path(cx.lang, path)),
        None => path.to_string(),
    };
    // Entry ids unique to this site: its address when it has one, else a name made from its
    // title and publisher.
    let site_key = {
        use sha2::Digest;
        let s = &cx.site.settings;
        let h = sha2::Sha256::digest(format!("{}\n{}", s.title.vi, s.publisher.vi).as_bytes());
        h.iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let tag = |path: &str| match &base {
        Some(b) => format!("{b}{}", links::page_path(cx.lang, path)),
        None => format!(
            "urn:minhbach:{site_key}:{}",
            links::page_path(cx.lang, path)
        ),
    };
    // The newest entries only: a feed reader wants what is new, and the progress page lists
    // every report. They are chosen by date first, so that only those are written out.
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
    // Newest first; on the same day, in site order (the sort is stable).
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found.truncate(FEED_ENTRIES);
    let entries: Vec<FeedEntry> = found
        .iter()
        .map(|(_, i, about)| {
            let p = &cx.site.plans[*i];
            let plan = cx.l(p.label()).text;
            match about {
                FeedAbout::Report(k) => {
                    let r = &p.reports[*k];
                    let path = links::report(&p.id, &r.id);
                    let title = report_link(cx, from, p, r).label.text;
                    let mut summary = format!(
                        "{plan}: {} · {} {} · {}",
                        cx.agency_link(from, &r.agency).label.text,
                        cx.ui.get("report_published"),
                        format::day(r.published, cx.lang),
                        cx.ui.get("feed_figures").replace(
                            "{n}",
                            &(r.values.len() + r.money.len() + r.outputs.len()).to_string()
                        )
                    );
                    if r.illustrative {
                        summary = format!("{} — {summary}", cx.ui.get("illustrative_label"));
                    }
                    FeedEntry {
                        id: tag(&path),
                        title: format!("{title} – {plan}"),
                        url: abs(&path),
                        updated: format!("{}T00:00:00Z", r.published.iso()),
                        summary,
                    }
                }
                FeedAbout::Revision(k) => {
                    let revisions = cx.revisions(p);
                    let rev = &revisions[*k];
                    let by = &p.reports[rev.by_report];
                    let v = revision_view(cx, from, p, rev);
                    let path = links::report(&p.id, &by.id);
                    let mut summary = cx
                        .ui
                        .get("feed_revision")
                        .replace("{what}", &v.what.label.text)
                        .replace("{date}", &v.as_of)
                        .replace("{old}", &v.old)
                        .replace("{new}", &v.new)
                        .replace("{reason}", &v.reason.map(|r| r.text).unwrap_or_default());
                    // Either figure illustrative makes the entry so.
                    if by.illustrative || p.reports[rev.from_report].illustrative {
                        summary = format!("{} — {summary}", cx.ui.get("illustrative_label"));
                    }
                    FeedEntry {
                        id: format!(
                            "{}#revision-{}-{}",
                            tag(&path),
                            revision_key(&rev.item),
                            rev.as_of
                        ),
                        title: format!("{}: {} – {plan}", cx.ui.get("revision"), v.what.label.text),
                        url: format!("{}#revisions", abs(&path)),
                        updated: format!("{}T00:00:00Z", by.published.iso()),
                        summary,
                    }
                }
                FeedAbout::Recommendation(a, r) => feed_entry(cx, p, (*a, *r, None), (&tag, &abs)),
                FeedAbout::Response(a, r, k) => feed_entry(cx, p, (*a, *r, Some(*k)), (&tag, &abs)),
            }
        })
        .collect();
    let updated = found.first().map(|(d, ..)| *d).or(cx.today()).map_or_else(
        || "2021-01-01T00:00:00Z".to_string(),
        |d| format!("{}T00:00:00Z", d.iso()),
    );
    FeedView {
        lang: cx.lang.code(),
        title: format!(
            "{} – {}",
            cx.l(&cx.site.settings.title).text,
            cx.ui.get("feed_title")
        ),
        id: tag("feed.xml"),
        self_url: abs("feed.xml"),
        site_url: abs("index.html"),
        updated,
        author: cx.l(&cx.site.settings.publisher).text,
        entries,
    }
}

/// What a feed entry is about, in its plan: a report, or a revision (by index).
enum FeedAbout {
    Report(usize),
    Revision(usize),
    /// A recommendation of supervision (activity, recommendation), or an answer to it (…, k).
    Recommendation(usize, usize),
    Response(usize, usize, usize),
}

/// The Atom entry of a recommendation (`k` = `None`: dated the day it was sent) or of its
/// `k`th answer: `(activity, recommendation, answer)` of plan `p`. `tag` makes an entry id of a
/// page path, `abs` its address.
pub fn feed_entry(
    cx: &Ctx,
    p: &Plan,
    (a, r, k): (usize, usize, Option<usize>),
    (tag, abs): (Address, Address),
) -> FeedEntry {
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
    FeedEntry {
        id,
        title: format!("{title} – {plan}"),
        url: format!("{}{anchor}", abs(&path)),
        updated: format!("{}T00:00:00Z", day.iso()),
        summary: mark(summary),
    }
}

/// Makes a feed's entry id or address of a page path.
pub type Address<'f> = &'f dyn Fn(&str) -> String;
