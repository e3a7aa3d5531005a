//! The printable public notice of a plan or of a progress report (`notice.html`), for the
//! commune office's board, and its radio script (`radio.txt`), the same facts as plain text to
//! be read aloud (Law on Grassroots Democracy 2022, art. 11–13: posted at the commune office,
//! read on the commune radio, passed on at village meetings).
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::status::Assessment;
use crate::model::Plan;
use crate::render::context::{rel, Ctx, Meta, L};
use crate::render::parts::head::{head, PlanHead};
use crate::render::parts::progress::{latest_money, MoneyView};
use crate::render::parts::report::{Row, StatusChange};
use crate::render::parts::status::{counts_of, data_coverage, Count};
use crate::render::parts::summary::{plan_summary, project_item, PlanSummary, ProjectItem};
use crate::render::parts::{labels, report, status};
use crate::render::{format, links};

/// How many days a notice stays posted when the site does not say: the usual minimum for a
/// commune notice board.
pub const NOTICE_DAYS: u32 = 30;
/// Targets a notice lists, so that it fits on one or two A4 pages: those that need attention
/// first; the count of the rest is given, and the page online (the QR code) lists them all.
pub const NOTICE_TARGETS: usize = 10;

#[derive(Serialize)]
pub struct NoticeTarget {
    pub indicator: L,
    pub goal: String,
    /// On a report's notice: the figure this report gives.
    pub reported: Option<String>,
    pub status: Option<String>,
}

/// What a report's notice adds.
#[derive(Serialize)]
pub struct ReportNotice {
    pub title: L,
    pub period: String,
    pub published: String,
    pub agency: L,
    pub source: Option<String>,
    pub values: Vec<Row>,
    pub money: Vec<Row>,
    pub outputs: Vec<Row>,
    pub tasks: Vec<Row>,
    pub status_changes: Vec<StatusChange>,
    /// How many targets have their first figure in this report.
    pub first_data: usize,
    /// The plan's first report.
    pub first: bool,
}

#[derive(Serialize)]
pub struct NoticeView<'a> {
    pub meta: Meta<'a>,
    pub plan: PlanHead,
    pub summary: PlanSummary,
    pub report: Option<ReportNotice>,
    pub targets: Vec<NoticeTarget>,
    /// Targets not listed (see `NOTICE_TARGETS`).
    pub more_targets: usize,
    /// Targets by status (as of the report, on a report's notice).
    pub counts: Vec<Count>,
    /// How many targets have data, when not all do.
    pub data_coverage: Option<String>,
    /// Money of the latest year with figures: allocated, disbursed, rate.
    pub money: Option<MoneyView>,
    pub projects: Vec<ProjectItem>,
    /// Some project names its lead (else the column is left out).
    pub project_leads: bool,
    /// The address of the page the notice is about, when the site has a base URL.
    pub page: Option<String>,
    /// A QR code (inline SVG) of `page`, when the site has a base URL.
    pub qr: Option<String>,
    /// Where concerns go, as a reader would write it down (an e-mail address or a form's
    /// address).
    pub concern: Option<String>,
    pub days: u32,
    pub radio: String,
    /// The same page on the site, for the "back" link.
    pub item_url: String,
}

/// The notice of plan `p`, or of its report `r`.
pub fn notice_page<'a>(cx: &Ctx<'a>, p: &Plan, r: Option<usize>) -> NoticeView<'a> {
    let rid = r.map(|k| p.reports[k].id.as_str());
    let from = links::notice(&p.id, rid);
    let item = match rid {
        None => links::plan(&p.id),
        Some(id) => links::report(&p.id, id),
    };
    let head = head(cx, &from, p);
    let report = r.map(|k| report_notice(cx, p, k));
    let meta = notice_meta(cx, &from, p, r, &head.short.text, report.as_ref());
    let assessed = assessments(cx, p, r);
    let (targets, more_targets) = notice_targets(cx, p, r, &assessed);
    let counts = counts_of(cx, assessed.iter().flatten());
    let page = cx
        .site
        .settings
        .base_url
        .as_ref()
        .map(|b| format!("{b}{}", links::page_path(cx.lang, &item)));
    NoticeView {
        summary: plan_summary(cx, &from, p),
        projects: p
            .projects
            .iter()
            .map(|pr| project_item(cx, &from, p, pr))
            .collect(),
        project_leads: p.all_projects().any(|pr| !pr.lead.is_empty()),
        plan: head,
        report,
        targets,
        more_targets,
        data_coverage: data_coverage(cx, &counts, p.targets.len()),
        counts,
        money: money_as_of(cx, p, r),
        qr: page.as_deref().and_then(qr_svg),
        page,
        concern: concern(cx),
        days: NOTICE_DAYS,
        radio: rel(&from, &links::radio(&p.id, rid)),
        item_url: rel(&from, &item),
        meta,
    }
}

/// What report `k`'s notice adds: what the report's page shows, linked as from that page.
fn report_notice(cx: &Ctx, p: &Plan, k: usize) -> ReportNotice {
    let rep = &p.reports[k];
    let page = links::report(&p.id, &rep.id);
    let (new_values, status_changes) = report::changes(cx, &page, p, k);
    let rows = report::rows(cx, &page, p, rep);
    ReportNotice {
        title: labels::report_title(cx, rep),
        period: labels::period_text(cx, &rep.period),
        published: format::day(rep.published, cx.lang),
        agency: cx.agency_link(&page, &rep.agency).label,
        source: rep.source.clone(),
        values: rows.values,
        money: rows.money,
        outputs: rows.outputs,
        tasks: rows.tasks,
        status_changes,
        first_data: new_values.len(),
        first: k == 0,
    }
}

/// The notice's layout context: its title names the plan (`short`) and the report, if any.
fn notice_meta<'a>(
    cx: &Ctx<'a>,
    from: &str,
    p: &Plan,
    r: Option<usize>,
    short: &str,
    report: Option<&ReportNotice>,
) -> Meta<'a> {
    let title = match report {
        None => format!("{} · {short}", cx.ui.get("notice_title")),
        Some(rep) => format!(
            "{} · {short} · {}",
            cx.ui.get("notice_title"),
            rep.title.text
        ),
    };
    let mut meta = cx.meta(from, title.clone());
    meta.description = Some(format!("{title}. {}", cx.ui.get("notice_description")));
    meta.body_class = Some("notice-page");
    meta.illustrative = match r {
        Some(k) => p.reports[k].illustrative,
        None => status::illustrative(p),
    };
    meta
}

/// Each target's status as the notice gives it: as of report `r` on a report's notice, as of
/// the site's day on the plan's; none on the notice of a plan without reports.
fn assessments(cx: &Ctx, p: &Plan, r: Option<usize>) -> Vec<Option<Assessment>> {
    p.targets
        .iter()
        .map(|t| match r {
            None if p.reports.is_empty() => None,
            None => Some(status::assess(cx, p, t)),
            Some(k) => Some(crate::model::status::assess(
                t,
                &p.reports[..=k],
                Some(p.reports[k].published),
            )),
        })
        .collect()
}

/// The targets the notice lists (see `NOTICE_TARGETS`), and how many it leaves out: moving away
/// first, then off track, needing acceleration, without data, not assessable, on track,
/// achieved; in the document's order within each.
fn notice_targets(
    cx: &Ctx,
    p: &Plan,
    r: Option<usize>,
    assessed: &[Option<Assessment>],
) -> (Vec<NoticeTarget>, usize) {
    let rank = |i: usize| assessed[i].as_ref().map_or(0, |a| a.status.urgency());
    let mut order: Vec<usize> = (0..p.targets.len()).collect();
    order.sort_by_key(|&i| rank(i));
    let more = order.len().saturating_sub(NOTICE_TARGETS);
    order.truncate(NOTICE_TARGETS);
    order.sort_by_key(|&i| (rank(i), i));
    let this = r.map(|k| &p.reports[k]);
    let targets = order
        .into_iter()
        .map(|i| {
            let t = &p.targets[i];
            NoticeTarget {
                indicator: cx.l(&t.indicator),
                goal: labels::goal_text(cx, t),
                reported: this.and_then(|rep| {
                    let v = rep.values.iter().rev().find(|v| v.target == t.id)?;
                    labels::reported_text(cx, t, v)
                }),
                status: assessed[i]
                    .as_ref()
                    .map(|a| status::status_label(cx, a.status)),
            }
        })
        .collect();
    (targets, more)
}

/// Money of the latest year with figures, as of report `r` on a report's notice.
fn money_as_of(cx: &Ctx, p: &Plan, r: Option<usize>) -> Option<MoneyView> {
    match r {
        Some(k) => latest_money(
            cx,
            &Plan {
                reports: p.reports[..=k].to_vec(),
                ..p.clone()
            },
        ),
        None => latest_money(cx, p),
    }
}

/// Where concerns go, as a reader would write it down: the site's concern channel, else its
/// "report an error" one, an e-mail address without its `mailto:`.
fn concern(cx: &Ctx) -> Option<String> {
    let s = &cx.site.settings;
    s.concerns
        .as_ref()
        .or(s.report_error.as_ref())
        .map(|c| c.strip_prefix("mailto:").unwrap_or(c).to_string())
}

/// A QR code of `url` as inline SVG, black on white, with its address as its accessible name.
pub fn qr_svg(url: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .dark_color(qrcode::render::svg::Color("#000"))
        .light_color(qrcode::render::svg::Color("#fff"))
        .build();
    let svg = svg.split_once("?>").map_or(svg.as_str(), |(_, s)| s);
    Some(svg.replacen(
        "<svg ",
        &format!(
            "<svg role=\"img\" aria-label=\"QR {}\" ",
            format::escape_html(url)
        ),
        1,
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn qr_code_is_svg_named_by_its_address() {
        let svg = super::qr_svg("https://example.org/kehoach/plans/a.html?x=1&y=2").unwrap();
        assert!(svg.starts_with("<svg role=\"img\" aria-label=\"QR https://example.org/kehoach/plans/a.html?x=1&amp;y=2\""));
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("<?xml"));
        assert!(svg.contains("<path fill=\"#000\" d=\"M"));
    }
}
