//! The printable public notice of a plan or of a progress report (`notice.html`), for the
//! commune office's board, and its radio script (`radio.txt`), the same facts as plain text to
//! be read aloud (Law on Grassroots Democracy 2022, art. 11–13: posted at the commune office,
//! read on the commune radio, passed on at village meetings).
//!
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::Plan;
use crate::render::context::{Ctx, Meta, L};
use crate::render::parts::head::PlanHead;
use crate::render::parts::report::Row;
use crate::render::parts::summary::{PlanSummary, ProjectItem};
use crate::render::parts::{labels, report};
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
    pub status_changes: Vec<crate::render::parts::report::StatusChange>,
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
    pub counts: Vec<crate::render::parts::status::Count>,
    /// How many targets have data, when not all do.
    pub data_coverage: Option<String>,
    /// Money of the latest year with figures: allocated, disbursed, rate.
    pub money: Option<crate::render::parts::progress::MoneyView>,
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
    let head = crate::render::parts::head::head(cx, &from, p);
    let report = r.map(|k| {
        // The notice shows what the report's page shows, linked as from that page.
        let rep = &p.reports[k];
        let page = links::report(&p.id, &rep.id);
        let (new_values, status_changes) = report::changes(cx, &page, p, k);
        let rows = report::rows(cx, &page, p, rep);
        ReportNotice {
            title: report::title(cx, rep),
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
    });
    let title = match &report {
        None => format!("{} · {}", cx.ui.get("notice_title"), head.short.text),
        Some(rep) => format!(
            "{} · {} · {}",
            cx.ui.get("notice_title"),
            head.short.text,
            rep.title.text
        ),
    };
    let mut meta = cx.meta(&from, title.clone());
    meta.description = Some(format!("{title}. {}", cx.ui.get("notice_description")));
    meta.body_class = Some("notice-page");
    meta.illustrative = r.is_some_and(|k| p.reports[k].illustrative)
        || (r.is_none() && !p.reports.is_empty() && crate::render::parts::status::illustrative(p));
    let s = &cx.site.settings;
    let out_item = links::page_path(cx.lang, &item);
    let page = s.base_url.as_ref().map(|b| format!("{b}{out_item}"));
    let qr = page.as_deref().and_then(qr_svg);
    // On a report's notice, statuses and money are as of that report.
    let reports = match r {
        Some(k) => &p.reports[..=k],
        None => &p.reports[..],
    };
    let this = r.map(|k| &p.reports[k]);
    let assessed: Vec<Option<crate::model::status::Assessment>> = p
        .targets
        .iter()
        .map(|t| match this {
            None if reports.is_empty() => None,
            None => Some(crate::render::parts::status::assess(cx, p, t)),
            Some(rep) => Some(crate::model::status::assess(
                t,
                reports,
                Some(rep.published),
            )),
        })
        .collect();
    let status_label = |a: &crate::model::status::Assessment| {
        cx.ui
            .get(crate::render::explain::status_key(a.status))
            .to_string()
    };
    // Moving away first, then off track, needing acceleration, without data, not assessable,
    // on track, achieved; in the document's order within each.
    let rank =
        |a: &Option<crate::model::status::Assessment>| a.as_ref().map_or(0, |a| a.status.urgency());
    let mut order: Vec<usize> = (0..p.targets.len()).collect();
    order.sort_by_key(|&i| rank(&assessed[i]));
    let more_targets = order.len().saturating_sub(NOTICE_TARGETS);
    order.truncate(NOTICE_TARGETS);
    order.sort_by_key(|&i| (rank(&assessed[i]), i));
    let targets = order
        .into_iter()
        .map(|i| (&p.targets[i], &assessed[i]))
        .map(|(t, a)| NoticeTarget {
            indicator: cx.l(&t.indicator),
            goal: crate::render::parts::labels::goal_text(cx, t),
            reported: this.and_then(|rep| {
                let v = rep.values.iter().rev().find(|v| v.target == t.id)?;
                Some(match (v.value, v.status) {
                    (Some(f), _) => crate::render::parts::labels::reported_figure(cx, t, v, f),
                    (None, Some(st)) => cx
                        .ui
                        .get(crate::render::explain::status_key(st))
                        .to_string(),
                    (None, None) => return None,
                })
            }),
            status: a.as_ref().map(status_label),
        })
        .collect();
    let counts: Vec<crate::render::parts::status::Count> = crate::model::progress::Status::ALL
        .iter()
        .map(|st| crate::render::parts::status::Count {
            key: st.key(),
            label: cx
                .ui
                .get(crate::render::explain::status_key(*st))
                .to_string(),
            count: assessed
                .iter()
                .flatten()
                .filter(|a| a.status == *st)
                .count(),
        })
        .filter(|c| c.count > 0)
        .collect();
    let upto;
    let plan_upto = match r {
        Some(k) => {
            upto = Plan {
                reports: p.reports[..=k].to_vec(),
                ..p.clone()
            };
            &upto
        }
        None => p,
    };
    let year = crate::model::money::years(plan_upto)
        .into_iter()
        .rev()
        .find(|y| {
            reports
                .iter()
                .any(|rep| rep.money.iter().any(|m| m.year == *y))
        });
    let money = year.map(|y| {
        crate::render::parts::progress::money_view(
            cx,
            y,
            &crate::model::money::execution(plan_upto, y, |_, _, _| true),
        )
    });
    NoticeView {
        summary: crate::render::parts::summary::plan_summary(cx, &from, p),
        projects: p
            .projects
            .iter()
            .map(|pr| crate::render::parts::summary::project_item(cx, &from, p, pr))
            .collect(),
        project_leads: p.all_projects().any(|pr| !pr.lead.is_empty()),
        plan: head,
        report,
        targets,
        more_targets,
        data_coverage: crate::render::parts::status::data_coverage(cx, &counts, p.targets.len()),
        counts,
        money,
        page,
        qr,
        concern: s
            .concerns
            .as_ref()
            .or(s.report_error.as_ref())
            .map(|c| c.strip_prefix("mailto:").unwrap_or(c).to_string()),
        days: NOTICE_DAYS,
        radio: crate::render::context::rel(&from, &links::radio(&p.id, rid)),
        item_url: crate::render::context::rel(&from, &item),
        meta,
    }
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
            crate::render::format::escape_html(url)
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
