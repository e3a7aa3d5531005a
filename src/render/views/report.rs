//! The page per progress report (with what changed since the previous one), the site-wide
//! progress page, and the Atom feeds of reports, revisions and supervision.

use super::plan::{head, PlanHead};
use super::progress::{
    assess, delivery_view, evidence_links, illustrative, money_view, period_label, report_link,
    status_view, DeliveryView, MoneyView, StatusView,
};
use super::{rel, Ctx, Link, Meta, L};
use crate::model::money;
use crate::model::progress::{Revised, Revision, Work};
use crate::model::status;
use crate::model::*;
use crate::render::{explain, format, links};
use serde::Serialize;

/// A figure in a report's tables.
#[derive(Serialize)]
pub struct Row {
    pub what: Link,
    pub value: String,
    pub as_of: String,
    pub note: Option<L>,
    pub reason: Option<L>,
}

/// A target whose status this report changed.
#[derive(Serialize)]
pub struct StatusChange {
    pub target: Link,
    pub before: StatusView,
    pub after: StatusView,
}

#[derive(Serialize)]
pub struct RevisionView {
    pub what: Link,
    pub as_of: String,
    pub old: String,
    pub new: String,
    pub reason: Option<L>,
    /// The report whose figure was changed.
    pub from: Link,
}

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
    pub data: std::collections::BTreeMap<&'static str, super::Downloads>,
}

/// A target's first figure, in the report that gives it, and the status it gives.
#[derive(Serialize)]
pub struct FirstData {
    pub target: Link,
    pub status: super::progress::StatusView,
}

fn target_link(cx: &Ctx, from: &str, plan: &Plan, id: &str) -> Link {
    let label = plan.targets.iter().find(|t| t.id == id).map_or_else(
        || L {
            text: id.to_string(),
            fallback: false,
        },
        |t| cx.l(&t.indicator),
    );
    Link {
        url: rel(from, &links::target(&plan.id, id)),
        label,
    }
}

fn project_link(cx: &Ctx, from: &str, plan: &Plan, id: &str) -> Link {
    let label = plan.all_projects().find(|p| p.id == id).map_or_else(
        || L {
            text: id.to_string(),
            fallback: false,
        },
        |p| super::plan::row_label(cx, p),
    );
    Link {
        url: rel(from, &links::project(&plan.id, id)),
        label,
    }
}

/// What a revision changed, named fully: a money line says its phase, year and column.
fn revised_link(cx: &Ctx, from: &str, plan: &Plan, item: &Revised) -> Link {
    match item {
        Revised::Target(t) => target_link(cx, from, plan, t),
        Revised::Money {
            project,
            source,
            capital,
            year,
            phase,
        } => {
            let mut l = project_link(cx, from, plan, project);
            l.label.text = format!(
                "{} · {} {year} · {}",
                l.label.text,
                cx.ui.get(super::plan::phase_key(*phase)),
                super::plan::column_label(cx, (*source, *capital))
            );
            l
        }
        Revised::Output { project, quantity } => {
            let mut l = project_link(cx, from, plan, project);
            let what = quantity_of(plan, project, quantity)
                .map_or_else(|| quantity.clone(), |q| cx.l(&q.what).text);
            l.label.text = format!("{} · {what}", l.label.text);
            l
        }
    }
}

/// A revised figure with its unit: the target's, million VND, or the output's ("773 hộ").
fn revised_figure(cx: &Ctx, plan: &Plan, item: &Revised, d: crate::model::Decimal) -> String {
    let n = format::decimal(d, cx.lang);
    match item {
        Revised::Target(t) => match plan.targets.iter().find(|x| &x.id == t) {
            Some(t) => crate::render::goal::with_unit_text(cx.lang, t, n),
            None => n,
        },
        Revised::Money { .. } => cx.money(d),
        Revised::Output { project, quantity } => quantity_of(plan, project, quantity)
            .map_or(n.clone(), |q| format!("{n} {}", cx.l(&q.unit).text)),
    }
}

/// The planned output `quantity` of project `project`.
fn quantity_of<'p>(
    plan: &'p Plan,
    project: &str,
    quantity: &str,
) -> Option<&'p crate::model::Quantity> {
    plan.all_projects()
        .find(|p| p.id == project)?
        .quantities
        .iter()
        .find(|q| q.id.as_deref() == Some(quantity))
}

pub fn revision_view(cx: &Ctx, from: &str, plan: &Plan, rev: &Revision) -> RevisionView {
    let by = &plan.reports[rev.by_report];
    let reason = match rev.item {
        Revised::Target(_) => by.values.get(rev.entry).and_then(|v| v.reason.as_ref()),
        Revised::Money { .. } => by.money.get(rev.entry).and_then(|m| m.reason.as_ref()),
        Revised::Output { .. } => by.outputs.get(rev.entry).and_then(|o| o.reason.as_ref()),
    };
    let with_unit = |d| revised_figure(cx, plan, &rev.item, d);
    RevisionView {
        what: revised_link(cx, from, plan, &rev.item),
        as_of: format::day(rev.as_of, cx.lang),
        old: with_unit(rev.old),
        new: with_unit(rev.new),
        reason: reason.map(|r| cx.l(r)),
        from: report_link(cx, from, plan, &plan.reports[rev.from_report]),
    }
}

fn work_label(cx: &Ctx, w: Work) -> String {
    cx.ui
        .get(match w {
            Work::NotStarted => "work_not_started",
            Work::InProgress => "work_in_progress",
            Work::Done => "work_done",
            Work::Delayed => "work_delayed",
        })
        .to_string()
}

pub fn report_page<'a>(cx: &Ctx<'a>, plan: &Plan, i: usize) -> ReportPage<'a> {
    let r = &plan.reports[i];
    let from = links::report(&plan.id, &r.id);
    let from = from.as_str();
    let day = |d: Date| format::day(d, cx.lang);
    let before = &plan.reports[..i];
    let upto = &plan.reports[..=i];
    let mut new_values = Vec::new();
    let mut status_changes = Vec::new();
    let mut touched: Vec<&str> = r.values.iter().map(|v| v.target.as_str()).collect();
    touched.dedup();
    for t in plan
        .targets
        .iter()
        .filter(|t| touched.contains(&t.id.as_str()))
    {
        let a1 = status::assess(t, upto, Some(r.published));
        if !before
            .iter()
            .any(|b| b.values.iter().any(|v| v.target == t.id))
        {
            new_values.push(FirstData {
                target: target_link(cx, from, plan, &t.id),
                status: status_view(cx, t, &a1),
            });
            continue;
        }
        let a0 = status::assess(t, before, Some(r.published));
        if a0.status != a1.status {
            status_changes.push(StatusChange {
                target: target_link(cx, from, plan, &t.id),
                before: status_view(cx, t, &a0),
                after: status_view(cx, t, &a1),
            });
        }
    }
    let revs: Vec<RevisionView> = cx
        .revisions(plan)
        .iter()
        .filter(|x| x.by_report == i)
        .map(|x| revision_view(cx, from, plan, x))
        .collect();
    let unit_of = |id: &str| plan.targets.iter().find(|t| t.id == id);
    let values = r
        .values
        .iter()
        .map(|v| Row {
            what: target_link(cx, from, plan, &v.target),
            value: match (v.value, v.status, unit_of(&v.target)) {
                (Some(f), _, Some(t)) => super::progress::reported_figure(cx, t, v, f),
                (None, Some(s), _) => cx.ui.get(explain::status_key(s)).to_string(),
                _ => String::new(),
            },
            as_of: day(v.as_of),
            note: cx.lo(&v.note),
            reason: cx.lo(&v.reason),
        })
        .collect();
    let money_rows = r
        .money
        .iter()
        .map(|m| Row {
            what: project_link(cx, from, plan, &m.project),
            value: format!(
                "{} · {} {} · {}",
                cx.ui.get(super::plan::phase_key(m.phase)),
                m.year,
                super::plan::column_label(cx, (m.source, m.capital)),
                cx.money(m.amount)
            ),
            as_of: day(m.as_of),
            note: cx.lo(&m.note),
            reason: cx.lo(&m.reason),
        })
        .collect();
    let outputs = r
        .outputs
        .iter()
        .map(|o| {
            let q = plan
                .all_projects()
                .find(|p| p.id == o.project)
                .and_then(|p| {
                    p.quantities
                        .iter()
                        .find(|q| q.id.as_deref() == Some(o.quantity.as_str()))
                });
            Row {
                what: project_link(cx, from, plan, &o.project),
                value: match q {
                    Some(q) => cx
                        .ui
                        .get("output_done_of")
                        .replace("{done}", &format::decimal(o.done, cx.lang))
                        .replace("{planned}", &format::decimal(q.value, cx.lang))
                        .replace("{unit}", &cx.l(&q.unit).text)
                        .replace("{what}", &cx.l(&q.what).text),
                    None => format::decimal(o.done, cx.lang),
                },
                as_of: day(o.as_of),
                note: cx.lo(&o.note),
                reason: cx.lo(&o.reason),
            }
        })
        .collect();
    let tasks = r
        .tasks
        .iter()
        .map(|t| {
            let task = plan
                .all_projects()
                .find(|p| p.id == t.project)
                .and_then(|p| t.task.and_then(|k| p.tasks.get(k - 1)));
            Row {
                what: project_link(cx, from, plan, &t.project),
                value: match task {
                    Some(x) => format!("{}: {}", cx.l(x).text, work_label(cx, t.state)),
                    None => work_label(cx, t.state),
                },
                as_of: day(t.as_of),
                note: None,
                reason: cx.lo(&t.reason),
            }
        })
        .collect();
    let title = r.title.as_ref().map_or_else(
        || L {
            text: period_label(cx, &r.period),
            fallback: false,
        },
        |t| cx.l(t),
    );
    let mut meta = cx.meta(
        from,
        format!("{} – {}", title.text, cx.l(plan.label()).text),
    );
    meta.illustrative = r.illustrative;
    cx.report_item(
        &mut meta,
        &super::plan::item_ref(cx, plan, Some(&format!("{} [{}]", title.text, r.id))),
    );
    meta.description = Some(format!(
        "{} – {}. {}",
        title.text,
        cx.l(plan.label()).text,
        cx.ui.get("report_description")
    ));
    ReportPage {
        data: cx.plan_downloads(from, plan),
        meta,
        notice_url: rel(from, &links::notice(&plan.id, Some(&r.id))),
        radio_url: rel(from, &links::radio(&plan.id, Some(&r.id))),
        plan: head(cx, from, plan),
        period: super::progress::period_text(cx, &r.period),
        published: day(r.published),
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
        revisions: revs,
        values,
        money: money_rows,
        outputs,
        tasks,
        deliveries: super::calendar::deliveries_of(cx, from, plan, r),
        title,
    }
}

/// One plan's line on the progress page.
#[derive(Serialize)]
pub struct PlanLine {
    pub plan: Link,
    pub counts: Vec<(&'static str, String, usize)>,
    pub money: Option<MoneyView>,
    pub late: usize,
    pub overdue: usize,
    pub reports: usize,
}

#[derive(Serialize)]
pub struct TargetLine {
    pub plan: Link,
    pub target: Link,
    pub status: StatusView,
}

#[derive(Serialize)]
pub struct ProgressPage<'a> {
    pub meta: Meta<'a>,
    pub as_of: Option<String>,
    pub plans: Vec<PlanLine>,
    pub totals: Vec<(&'static str, String, usize)>,
    pub attention: Vec<TargetLine>,
    pub overdue: Vec<(Link, DeliveryView)>,
    /// The first page of the list of every report and revision, newest first.
    pub listing: super::listing::Listing,
    /// Datasets (CSV and JSON) of what the page shows, by dataset id.
    pub data: std::collections::BTreeMap<&'static str, super::Downloads>,
}

pub fn progress_page<'a>(cx: &Ctx<'a>) -> ProgressPage<'a> {
    let from = "progress.html";
    let mut totals: Vec<(&'static str, String, usize)> = Status::ALL
        .iter()
        .map(|s| (s.key(), cx.ui.get(explain::status_key(*s)).to_string(), 0))
        .collect();
    let mut plans = Vec::new();
    let mut attention = Vec::new();
    let mut overdue = Vec::new();
    for p in &cx.site.plans {
        let tracked = !p.reports.is_empty() || !p.calendar.is_empty();
        let plan_link = Link {
            url: rel(from, &links::plan(&p.id)) + if tracked { "#progress" } else { "" },
            label: cx.l(p.label()),
        };
        let mut counts: Vec<(&'static str, String, usize)> =
            totals.iter().map(|(k, l, _)| (*k, l.clone(), 0)).collect();
        for t in &p.targets {
            let a = assess(cx, p, t);
            let i = Status::ALL.iter().position(|s| *s == a.status).unwrap_or(0);
            counts[i].2 += 1;
            totals[i].2 += 1;
            if a.status.worrying() {
                attention.push((
                    a.status.urgency(),
                    TargetLine {
                        plan: plan_link.clone(),
                        target: Link {
                            url: rel(from, &links::target(&p.id, &t.id)),
                            label: cx.l(&t.indicator),
                        },
                        status: status_view(cx, t, &a),
                    },
                ));
            }
        }
        let deliveries: Vec<DeliveryView> = p
            .calendar
            .iter()
            .map(|d| delivery_view(cx, from, p, d))
            .collect();
        let year = money::years(p).into_iter().rev().find(|y| {
            p.reports
                .iter()
                .any(|r| r.money.iter().any(|m| m.year == *y))
        });
        plans.push(PlanLine {
            plan: plan_link.clone(),
            counts: counts.into_iter().filter(|c| c.2 > 0).collect(),
            money: year.map(|y| money_view(cx, y, &money::execution(p, y, |_, _, _| true))),
            late: deliveries.iter().filter(|d| d.key == "late").count(),
            overdue: deliveries.iter().filter(|d| d.key == "overdue").count(),
            reports: p.reports.len(),
        });
        overdue.extend(
            deliveries
                .into_iter()
                .filter(|d| d.key == "overdue")
                .map(|d| (plan_link.clone(), d)),
        );
    }
    attention.sort_by_key(|(later, _)| *later);
    let mut meta = cx.meta(from, cx.ui.get("progress_title").to_string());
    meta.illustrative = cx.site.plans.iter().any(illustrative);
    ProgressPage {
        data: cx.site_downloads(
            from,
            &[
                crate::render::data::Set::Targets,
                crate::render::data::Set::Progress,
                crate::render::data::Set::Money,
                crate::render::data::Set::Reports,
                crate::render::data::Set::Calendar,
            ],
        ),
        meta,
        as_of: cx.today().map(|d| format::day(d, cx.lang)),
        plans,
        totals: totals.into_iter().filter(|t| t.2 > 0).collect(),
        attention: attention.into_iter().map(|(_, t)| t).collect(),
        overdue,
        listing: super::listing::listing(cx, 0),
    }
}

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

/// What a feed entry is about, in its plan: a report, or a revision (by index).
enum FeedAbout {
    Report(usize),
    Revision(usize),
    /// A recommendation of supervision (activity, recommendation), or an answer to it (…, k).
    Recommendation(usize, usize),
    Response(usize, usize, usize),
}

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
                FeedAbout::Recommendation(a, r) => {
                    super::supervision::feed_entry(cx, p, (*a, *r, None), (&tag, &abs))
                }
                FeedAbout::Response(a, r, k) => {
                    super::supervision::feed_entry(cx, p, (*a, *r, Some(*k)), (&tag, &abs))
                }
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
