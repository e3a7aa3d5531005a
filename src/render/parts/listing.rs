//! The list of every progress report and revision, newest first, page by page: shown on the
//! progress page (its first page) and on `progress-2.html` ….
//!
//! Stage: page parts (see `parts/mod.rs`): below the views, above the context.

use serde::Serialize;

use crate::model::{Date, Site};
use crate::render::context::{page_numbers, rel, Ctx, Link};
use crate::render::parts::labels::{period_text, report_link};
use crate::render::parts::report::{revision_view, RevisionView};
use crate::render::{format, links};
/// Reports per page of the list.
pub const PER_PAGE: usize = 25;

/// How many pages the list has: at least one, the progress page itself.
pub fn pages(site: &Site) -> usize {
    let reports: usize = site.plans.iter().map(|p| p.reports.len()).sum();
    reports.div_ceil(PER_PAGE).max(1)
}

/// Every report of the site as (plan, report) indexes, newest first; reports of one day in
/// the site's order of plans, each plan's in publication order.
fn newest_first(site: &Site) -> Vec<(usize, usize)> {
    let mut all: Vec<(Date, usize, usize)> = site
        .plans
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.reports
                .iter()
                .enumerate()
                .map(move |(k, r)| (r.published, i, k))
        })
        .collect();
    all.sort_by_key(|(d, ..)| std::cmp::Reverse(*d));
    all.into_iter().map(|(_, i, k)| (i, k)).collect()
}

/// One report in the list.
#[derive(Serialize)]
pub struct ReportEntry {
    pub date: String,
    pub iso: String,
    pub plan: Link,
    pub report: Link,
    /// The time it covers: "6 tháng đầu năm 2022".
    pub period: String,
    pub agency: Link,
    pub illustrative: bool,
}

/// A figure a report revised: what, old and new value with their unit, the day the figure is
/// for, the reason, and the reports on either side.
#[derive(Serialize)]
pub struct RevisionEntry {
    /// The day the revising report was published.
    pub date: String,
    pub iso: String,
    pub plan: Link,
    /// The revising report, linked to its list of revisions.
    pub report: Link,
    pub revision: RevisionView,
    pub illustrative: bool,
}

/// One page of the list.
#[derive(Serialize)]
pub struct Listing {
    /// The first page, under the overview: the list has its own heading there.
    pub first: bool,
    /// How many reports and revisions there are in all, and their order.
    pub summary: String,
    /// "Báo cáo 26–34 trong 34", when the list has more than one page.
    pub range: Option<String>,
    pub reports: Vec<ReportEntry>,
    /// The figures the reports of this page revised.
    pub revisions: Vec<RevisionEntry>,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The page numbers to link: (number, address; `None` for this page), with gaps as `None`.
    pub numbers: Vec<Option<(usize, Option<String>)>>,
}

/// The address of page `j` of the list, from page `from`: the first page's list is below the
/// overview, so a link to it goes to the list.
fn page_url(from: &str, j: usize) -> String {
    let url = rel(from, &links::progress(j));
    if j == 0 {
        url + "#reports"
    } else {
        url
    }
}

/// Page `k` (from 0) of the list.
pub fn listing(cx: &Ctx, k: usize) -> Listing {
    let site = cx.site;
    let from = links::progress(k);
    let from = from.as_str();
    let order = newest_first(site);
    let n = pages(site);
    let first = (k * PER_PAGE).min(order.len());
    let shown = &order[first..(first + PER_PAGE).min(order.len())];
    let revisions_total: usize = site.plans.iter().map(|p| cx.revisions(p).len()).sum();
    let count = |x: usize| format::decimal(crate::model::Decimal::new(x as i128, 0), cx.lang);
    let numbers = page_numbers(k, n)
        .into_iter()
        .map(|m| m.map(|j| (j + 1, (j != k).then(|| page_url(from, j)))))
        .collect();
    Listing {
        first: k == 0,
        summary: cx
            .ui
            .get("listing_summary")
            .replace("{reports}", &count(order.len()))
            .replace("{revisions}", &count(revisions_total)),
        range: (n > 1).then(|| {
            cx.ui
                .get("listing_range")
                .replace("{from}", &(first + 1).to_string())
                .replace("{to}", &(first + shown.len()).to_string())
                .replace("{n}", &count(order.len()))
        }),
        reports: shown.iter().map(|&(i, r)| entry(cx, from, i, r)).collect(),
        revisions: shown
            .iter()
            .flat_map(|&(i, r)| revisions_by(cx, from, i, r))
            .collect(),
        prev: (k > 0).then(|| page_url(from, k - 1)),
        next: (k + 1 < n).then(|| page_url(from, k + 1)),
        numbers: if n > 1 { numbers } else { Vec::new() },
    }
}

fn plan_link(cx: &Ctx, from: &str, i: usize) -> Link {
    let p = &cx.site.plans[i];
    Link {
        url: rel(from, &links::plan(&p.id)),
        label: crate::render::context::plan_name(cx, p),
    }
}

fn entry(cx: &Ctx, from: &str, i: usize, k: usize) -> ReportEntry {
    let p = &cx.site.plans[i];
    let r = &p.reports[k];
    ReportEntry {
        date: format::day(r.published, cx.lang),
        iso: r.published.iso(),
        plan: plan_link(cx, from, i),
        report: report_link(cx, from, p, r),
        period: period_text(cx, &r.period),
        agency: cx.agency_link(from, &r.agency),
        illustrative: r.illustrative,
    }
}

/// The figures report `k` of plan `i` revised, in the order the report gives them.
fn revisions_by(cx: &Ctx, from: &str, i: usize, k: usize) -> Vec<RevisionEntry> {
    let p = &cx.site.plans[i];
    let r = &p.reports[k];
    let mut report = report_link(cx, from, p, r);
    report.url.push_str("#revisions");
    cx.revisions(p)
        .iter()
        .filter(|x| x.by_report == k)
        .map(|x| RevisionEntry {
            date: format::day(r.published, cx.lang),
            iso: r.published.iso(),
            plan: plan_link(cx, from, i),
            report: report.clone(),
            revision: revision_view(cx, from, p, x),
            illustrative: r.illustrative,
        })
        .collect()
}
