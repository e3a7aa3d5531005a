//! The home page: the publisher, the plans as cards (or the latest on a site of many), their
//! funding side by side, the latest reports.
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{supervision, Plan, Site};
use crate::render::context::{
    rel, ChartView, Ctx, Downloads, Link, Meta, HOME_LATEST, HOME_PLANS, L,
};
use crate::render::data::Set;
use crate::render::parts::head::{card, PlanCard};
use crate::render::{format, links};

/// Home page: publisher and plans.
#[derive(Serialize)]
pub struct HomeView<'a> {
    pub meta: Meta<'a>,
    pub description: Option<L>,
    /// The plans shown as cards: all of them, or on a site of many the most recently issued.
    pub plans: Vec<PlanCard>,
    pub plan_count: usize,
    /// On a site of many plans: the list of them all, and what its link says.
    pub all_plans: Option<Link>,
    pub agency_count: usize,
    pub target_count: usize,
    /// Recommendations of supervision on the site, and how many are overdue.
    pub supervision: Option<(usize, usize)>,
    pub pages: Vec<Link>,
    /// Every plan's headline funding side by side (when more than one plan has figures).
    pub compare: Vec<CompareRow>,
    pub compare_chart: Option<ChartView>,
    /// Datasets (CSV and JSON) of what the page shows, by dataset id.
    pub data: BTreeMap<&'static str, Downloads>,
}

#[derive(Serialize)]
pub struct CompareRow {
    pub url: String,
    pub label: L,
    pub funding: Option<crate::render::parts::summary::Funding>,
}

/// The plans the home page shows as cards: all, or on a site of many the latest issued.
fn home_plans(s: &Site) -> Vec<&Plan> {
    if s.plans.len() <= HOME_PLANS {
        return s.plans.iter().collect();
    }
    let mut by_date: Vec<&Plan> = s.plans.iter().collect();
    // Newest first; a plan without a full date after, by year; the sort is stable (site order
    // on ties).
    let key = |p: &Plan| match p.date {
        crate::model::DocDate::Full { year, month, day } => (year, month, day),
        crate::model::DocDate::YearOnly(y) => (y, 0, 0),
        crate::model::DocDate::Blank => (i32::MIN, 0, 0),
    };
    by_date.sort_by_key(|p| std::cmp::Reverse(key(p)));
    by_date.truncate(HOME_LATEST);
    by_date
}

fn compare_rows(cards: &[PlanCard]) -> Vec<CompareRow> {
    cards
        .iter()
        .map(|c| CompareRow {
            url: c.url.clone(),
            label: c.name.clone(),
            funding: c.funding.clone(),
        })
        .collect()
}

/// The home page's own path.
const PATH: &str = "index.html";

pub fn home<'a>(cx: &Ctx<'a>) -> HomeView<'a> {
    let s = cx.site;
    let many = s.plans.len() > HOME_PLANS;
    let shown = home_plans(s);
    let cards = cards(cx, &shown);
    let compare = compare_rows(&cards);
    let bars = compare_bars(&shown, &compare);
    let several = bars.len() > 1 && !many;
    let mut meta = cx.meta(PATH, cx.l(&s.settings.title).text);
    // The cards show targets by status: illustrative reports make them illustrative too.
    meta.illustrative = shown
        .iter()
        .any(|p| !p.reports.is_empty() && crate::render::parts::status::illustrative(p));
    HomeView {
        supervision: supervision_counts(cx),
        data: cx.site_downloads(PATH, &[Set::Plans, Set::Budget]),
        meta,
        compare_chart: several
            .then(|| plans_chart(cx, &bars))
            .flatten()
            .map(|c| cx.chart_view(PATH, Some(crate::render::chart::Of::Plans), c)),
        compare: if several { compare } else { Vec::new() },
        description: cx.lo(&s.settings.description),
        plans: cards,
        plan_count: s.plans.len(),
        all_plans: many.then(|| Link {
            url: rel(PATH, &links::plan_list(0)),
            label: L {
                text: cx
                    .ui
                    .get("home_all_plans")
                    .replace("{n}", &s.plans.len().to_string()),
                fallback: false,
            },
        }),
        agency_count: s.agencies.len(),
        target_count: s.plans.iter().map(|p| p.targets.len()).sum(),
        pages: cx
            .menu()
            .iter()
            .map(|m| Link {
                url: rel(PATH, &m.path),
                label: m.label.clone(),
            })
            .collect(),
    }
}

/// The cards of plans `shown`.
fn cards(cx: &Ctx, shown: &[&Plan]) -> Vec<PlanCard> {
    shown.iter().map(|p| card(cx, PATH, p)).collect()
}

/// The recommendations of supervision on the site, and how many are overdue; `None` when there
/// are none.
fn supervision_counts(cx: &Ctx) -> Option<(usize, usize)> {
    let recs = || {
        cx.site
            .plans
            .iter()
            .flat_map(|p| supervision::all(&p.supervision))
    };
    let overdue = recs()
        .filter(|(_, r)| supervision::answer(r, cx.today()).is_overdue())
        .count();
    Some((recs().count(), overdue)).filter(|(n, _)| *n > 0)
}

/// The bars of the home page's chart: (plan, phase and year, amount) of each plan with a
/// headline figure.
fn compare_bars(
    shown: &[&Plan],
    compare: &[CompareRow],
) -> Vec<(String, String, crate::model::Decimal)> {
    shown
        .iter()
        .zip(compare)
        .filter_map(|(p, r)| {
            let f = r.funding.as_ref()?;
            let key = crate::render::parts::summary::headline_key(p)?;
            let amount = crate::render::parts::summary::headline_amount(p, key)?;
            Some((r.label.text.clone(), f.caption.clone(), amount))
        })
        .collect()
}

/// The home page's chart of the plans compared, with its figures; `None` on a site of many
/// plans or with fewer than two headline figures.
pub fn home_chart(cx: &Ctx) -> Option<crate::render::chart::Chart> {
    if cx.site.plans.len() > HOME_PLANS {
        return None;
    }
    let shown = home_plans(cx.site);
    let bars = compare_bars(&shown, &compare_rows(&cards(cx, &shown)));
    if bars.len() < 2 {
        return None;
    }
    plans_chart(cx, &bars)
}

fn plans_chart(
    cx: &Ctx,
    bars: &[(String, String, crate::model::Decimal)],
) -> Option<crate::render::chart::Chart> {
    use crate::render::chart::budget::{single_bars, Single};
    let mut order: Vec<&(String, String, crate::model::Decimal)> = bars.iter().collect();
    order.sort_by_key(|r| std::cmp::Reverse(r.2));
    let singles: Vec<Single> = order
        .iter()
        .map(|(label, caption, amount)| Single {
            label: label.clone(),
            caption: caption.clone(),
            amount: amount.to_f64(),
            amount_text: format::decimal(*amount, cx.lang),
        })
        .collect();
    let desc: Vec<String> = singles
        .iter()
        .map(|b| format!("{} ({}): {}", b.label, b.caption, b.amount_text))
        .collect();
    let svg = single_bars(
        &singles,
        crate::render::parts::palette::column((crate::model::Source::Central, None)),
        cx.ui.get("home_compare_caption"),
        &format!("{}.", desc.join("; ")),
    )?;
    Some(crate::render::chart::Chart {
        svg,
        header: vec![
            cx.ui.get("col_plan").to_string(),
            cx.ui.get("col_what").to_string(),
            format!(
                "{} ({})",
                cx.ui.get("col_total"),
                cx.ui.get("unit_million_short")
            ),
        ],
        rows: order
            .iter()
            .map(|(l, c, a)| {
                vec![
                    crate::render::data::Cell::Text(l.clone()),
                    crate::render::data::Cell::Text(c.clone()),
                    crate::render::data::Cell::num(Some(*a)),
                ]
            })
            .collect(),
    })
}
