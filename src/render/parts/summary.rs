//! What a reader asks first, answered before the long sections: how much money, of which phase
//! and year, from which sources, for which projects, who leads. Shared by the home page cards,
//! the plan page's summary and its project list.
//!
//!
//! Stage: page parts (see `parts/mod.rs`): below the views, above the context.

use serde::Serialize;

use crate::model::budget::{self, Check};
use crate::model::{Decimal, Money, Phase, Plan, Project, Source};
use crate::render::context::{rel, Ctx, Link, L};
use crate::render::parts::labels::short_label;
use crate::render::{format, links};

/// A phase and a year (`None`: the whole period): figures of different keys are never added.
pub type Key = (Phase, Option<i32>);

/// The key of the figure a plan is summed up by, chosen by rule, never by the order the lines
/// happen to be listed in: the whole period before single years, then the latest year; within
/// those, the most recent decision (adjusted, then allocated, then proposed; disbursed only when
/// nothing else is given).
pub fn headline_key(p: &Plan) -> Option<Key> {
    let grand = p
        .printed_totals
        .iter()
        .filter(|t| t.source.is_none() && t.capital.is_none());
    let lines = p.all_projects().flat_map(|pr| pr.budget.iter());
    grand
        .chain(lines)
        .filter(|m| m.amount.is_some())
        .filter_map(|m| m.phase.map(|ph| (ph, m.year)))
        .max_by_key(|&(phase, year)| {
            let phase_rank = match phase {
                Phase::Adjusted => 3,
                Phase::Allocated => 2,
                Phase::Proposed => 1,
                Phase::Disbursed => 0,
            };
            (year.is_none(), year, phase_rank)
        })
}

/// "Vốn được giao năm 2022", "Vốn dự kiến cả giai đoạn 2021–2025": what a figure is.
pub fn caption(cx: &Ctx, p: &Plan, (phase, year): Key) -> String {
    let phase = cx.ui.get(crate::render::parts::labels::phase_key(phase));
    match year {
        Some(y) => cx
            .ui
            .get("caption_year")
            .replace("{phase}", phase)
            .replace("{year}", &y.to_string()),
        None if p.period.from == p.period.to => cx
            .ui
            .get("caption_year")
            .replace("{phase}", phase)
            .replace("{year}", &p.period.from.to_string()),
        None => cx
            .ui
            .get("caption_period")
            .replace("{phase}", phase)
            .replace("{from}", &p.period.from.to_string())
            .replace("{to}", &p.period.to.to_string()),
    }
}

/// An amount with the way readers say it beside it.
#[derive(Serialize, Clone)]
pub struct Amount {
    /// Exactly as printed, with its unit: "272.797 triệu đồng".
    pub exact: String,
    /// "≈ 272,8 tỷ đồng", for amounts of a billion and more.
    pub spoken: Option<String>,
}

pub fn amount(cx: &Ctx, d: Decimal) -> Amount {
    Amount {
        exact: cx.money(d),
        spoken: format::spoken(d, cx.lang),
    }
}

/// A funding source's part of the headline figure.
#[derive(Serialize, Clone)]
pub struct Share {
    pub label: String,
    pub amount: Amount,
    /// "73,3%".
    pub share: String,
    /// What the amount is: "tổng các dòng" (the site's sum of the budget lines) or "số tổng in
    /// trong văn bản" (printed in the document).
    pub kind: String,
    /// The totals the document prints for this source that its lines do not add up to: its
    /// total, or, when the document prints it only by capital type, each of those. Never a sum
    /// of printed figures: only a figure the document prints is called printed.
    pub differs: Vec<Differs>,
}

/// A printed total that is not the sum of the lines it covers: the same figures `check` warns
/// of, each with its unit.
#[derive(Serialize, Clone)]
pub struct Differs {
    /// What the total covers: "Ngân sách trung ương", or with its capital type
    /// "Ngân sách trung ương · vốn đầu tư phát triển".
    pub what: String,
    pub printed: String,
    /// The sum of the lines it covers.
    pub lines: String,
    /// Printed − lines, with its sign.
    pub difference: String,
}

/// A plan's headline funding.
#[derive(Serialize, Clone)]
pub struct Funding {
    pub amount: Amount,
    /// Phase and year (or period) of the figure.
    pub caption: String,
    /// A total printed in the document (else the sum of its lines).
    pub printed: bool,
    /// When the printed total disagrees with its lines: their sum and the difference.
    pub computed: Option<String>,
    pub difference: Option<String>,
    pub by_source: Vec<Share>,
}

fn lines_of(p: &Plan) -> Vec<&Money> {
    p.all_projects().flat_map(|pr| pr.budget.iter()).collect()
}

fn printed_grand(p: &Plan, key: Key) -> Option<&Money> {
    p.printed_totals.iter().find(|t| {
        t.source.is_none()
            && t.capital.is_none()
            && t.amount.is_some()
            && (t.phase, t.year) == (Some(key.0), key.1)
    })
}

/// The headline figure itself: the printed total of that phase and year, else its lines' sum.
pub fn headline_amount(p: &Plan, key: Key) -> Option<Decimal> {
    match printed_grand(p, key) {
        Some(t) => t.amount,
        None => budget::tables(&[((), lines_of(p))])
            .into_iter()
            .find(|t| (t.phase, t.year) == key)
            .map(|t| t.total),
    }
}

/// The headline funding of a plan; `None` when its document gives no figures.
pub fn funding(cx: &Ctx, p: &Plan) -> Option<Funding> {
    let key = headline_key(p)?;
    let lines = lines_of(p);
    let printed = printed_grand(p, key);
    let table = budget::tables(&[((), lines.clone())])
        .into_iter()
        .find(|t| (t.phase, t.year) == key);
    let (total, check) = match (printed, &table) {
        (Some(t), _) => (t.amount?, budget::reconcile(t, lines.iter().copied())),
        (None, Some(tb)) => (tb.total, Check::Agrees),
        (None, None) => return None,
    };
    let differs = match check {
        Check::Differs { computed } => Some(computed),
        _ => None,
    };
    let by = by_source(p, key, table.as_ref());
    let base: Decimal = by.iter().fold(Decimal::ZERO, |acc, (_, d)| acc + *d);
    // The shares are sums of the lines, when there are any.
    let of_lines = table.is_some().then_some(lines.as_slice());
    Some(Funding {
        amount: amount(cx, total),
        caption: caption(cx, p, key),
        printed: printed.is_some(),
        computed: differs.map(|c| cx.money(c)),
        difference: differs.map(|c| format::money_difference(total - c, cx.lang)),
        by_source: by
            .into_iter()
            .map(|(s, d)| share(cx, (p, key), (s, d), base, of_lines))
            .collect(),
    })
}

/// The headline's split by source, in the order of sources: of the lines (`table`, their
/// table of the headline's phase and year) when there are any, else of the printed totals by
/// source of the same phase and year.
fn by_source(p: &Plan, key: Key, table: Option<&budget::Table<()>>) -> Vec<(Source, Decimal)> {
    let mut by: Vec<(Source, Decimal)> = Vec::new();
    let mut add = |s: Source, d: Decimal| match by.iter_mut().find(|(x, _)| *x == s) {
        Some((_, acc)) => *acc = *acc + d,
        None => by.push((s, d)),
    };
    match table {
        Some(tb) => {
            for ((source, _), t) in tb.columns.iter().zip(&tb.column_totals) {
                if let Some(t) = t {
                    add(*source, *t);
                }
            }
        }
        None => {
            for t in p
                .printed_totals
                .iter()
                .filter(|t| t.capital.is_none() && (t.phase, t.year) == (Some(key.0), key.1))
            {
                if let (Some(s), Some(a)) = (t.source, t.amount) {
                    add(s, a);
                }
            }
        }
    }
    by.sort_by_key(|(s, _)| *s);
    by
}

/// Source `s`'s part `d` of the headline (of phase and year `key`) out of `base`, the sum of
/// the parts. `lines`: the plan's budget lines when the parts are their sums (`None`: the parts
/// are printed totals).
fn share(
    cx: &Ctx,
    (p, key): (&Plan, Key),
    (s, d): (Source, Decimal),
    base: Decimal,
    lines: Option<&[&Money]>,
) -> Share {
    Share {
        label: cx
            .ui
            .get(crate::render::parts::labels::source_key(s))
            .to_string(),
        amount: amount(cx, d),
        share: if base == Decimal::ZERO {
            "–".into()
        } else {
            format::percent(d.to_f64() / base.to_f64(), cx.lang)
        },
        kind: cx
            .ui
            .get(if lines.is_some() {
                "sum_of_lines"
            } else {
                "summary_printed"
            })
            .to_string(),
        differs: lines.map_or_else(Vec::new, |lines| source_differs(cx, p, key, s, lines)),
    }
}

/// The totals the document prints for source `s` in the headline's phase and year that the
/// lines do not add up to: its total over all capital types when printed, else each of its
/// totals by capital type. Each as printed, against the sum of the lines it covers, as `check`
/// compares them.
fn source_differs(cx: &Ctx, p: &Plan, key: Key, s: Source, lines: &[&Money]) -> Vec<Differs> {
    let of = |capital: bool| -> Vec<&Money> {
        p.printed_totals
            .iter()
            .filter(|t| t.source == Some(s) && (t.phase, t.year) == (Some(key.0), key.1))
            .filter(|t| t.capital.is_some() == capital && t.amount.is_some())
            .collect()
    };
    let whole = of(false);
    let totals = if whole.is_empty() { of(true) } else { whole };
    totals
        .into_iter()
        .filter_map(|t| {
            let printed = t.amount?;
            let Check::Differs { computed } = budget::reconcile(t, lines.iter().copied()) else {
                return None;
            };
            Some(Differs {
                what: crate::render::parts::labels::column_label(cx, (s, t.capital)),
                printed: cx.money(printed),
                lines: cx.money(computed),
                difference: format::money_difference(printed - computed, cx.lang),
            })
        })
        .collect()
}

/// How much a project (with its sub-projects) has under the plan's headline phase and year.
pub fn project_amount(p: &Plan, pr: &Project) -> Option<Decimal> {
    let key = headline_key(p)?;
    let lines: Vec<&Money> = pr.all_budget().collect();
    budget::tables(&[((), lines)])
        .into_iter()
        .find(|t| (t.phase, t.year) == key)
        .and_then(|t| t.rows.first().and_then(|r| r.total))
}

/// A project in the plan page's list: what it is, how much it has, who leads it.
#[derive(Serialize)]
pub struct ProjectItem {
    pub url: String,
    pub code: L,
    pub title: L,
    pub note: Option<L>,
    pub amount: Option<Amount>,
    pub lead: Vec<Link>,
    pub support: Vec<Link>,
    /// The project names no lead, but its sub-projects do.
    pub leads_in_subprojects: bool,
    pub subprojects: Vec<SubItem>,
}

#[derive(Serialize)]
pub struct SubItem {
    pub url: String,
    pub label: L,
    pub amount: Option<Amount>,
    pub lead: Vec<Link>,
}

pub fn project_item(cx: &Ctx, from: &str, p: &Plan, pr: &Project) -> ProjectItem {
    ProjectItem {
        url: rel(from, &links::project(&p.id, &pr.id)),
        code: cx.l(&pr.code),
        title: cx.l(&pr.title),
        note: cx.lo(&pr.note),
        amount: project_amount(p, pr).map(|d| amount(cx, d)),
        lead: cx.agency_links(from, &pr.lead),
        support: cx.agency_links(from, &pr.support),
        leads_in_subprojects: pr.lead.is_empty()
            && pr.subprojects.iter().any(|s| !s.lead.is_empty()),
        subprojects: pr
            .subprojects
            .iter()
            .map(|s| SubItem {
                url: rel(from, &links::project(&p.id, &s.id)),
                label: {
                    let code = cx.l(&s.code);
                    let title = cx.l(&s.title);
                    L {
                        text: short_label(&code.text, &title.text, 70),
                        fallback: code.fallback || title.fallback,
                    }
                },
                amount: project_amount(p, s).map(|d| amount(cx, d)),
                lead: cx.agency_links(from, &s.lead),
            })
            .collect(),
    }
}

/// The plan page's first screen.
#[derive(Serialize)]
pub struct PlanSummary {
    pub funding: Option<Funding>,
    pub project_count: usize,
    pub subproject_count: usize,
    /// The standing agency leading the plan, when the content names it.
    pub lead: Option<Link>,
    pub target_count: usize,
    pub status_counts: Vec<crate::render::parts::status::Count>,
    /// Printed totals (the plan's and its projects') that their lines do not add up to.
    pub findings: usize,
    /// When the plan's data was last brought up to date.
    pub updated: Option<String>,
    /// Where the document is officially published.
    pub source_url: Option<String>,
}

pub fn plan_summary(cx: &Ctx, from: &str, p: &Plan) -> PlanSummary {
    let lines = lines_of(p);
    let mut findings = p
        .printed_totals
        .iter()
        .filter(|t| {
            matches!(
                budget::reconcile(t, lines.iter().copied()),
                Check::Differs { .. }
            )
        })
        .count();
    for pr in p.all_projects() {
        findings += pr
            .printed_totals
            .iter()
            .filter(|t| matches!(budget::reconcile(t, pr.all_budget()), Check::Differs { .. }))
            .count();
    }
    PlanSummary {
        funding: funding(cx, p),
        project_count: p.projects.len(),
        subproject_count: p.projects.iter().map(|pr| pr.subprojects.len()).sum(),
        lead: p.lead.as_ref().map(|id| cx.agency_link(from, id)),
        target_count: p.targets.len(),
        status_counts: crate::render::parts::status::status_counts(cx, p),
        findings,
        updated: p.updated.map(|d| format::day(d, cx.lang)),
        source_url: p.source_url.clone(),
    }
}
