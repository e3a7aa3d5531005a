//! The budget tables of plan and project pages: a row per project or line, a column per
//! funding source and capital, and the printed totals beside the sums.
//!
//! Stage: page parts (see `parts/mod.rs`): below the views, above the context.

use serde::Serialize;

use crate::model::budget::Check;
use crate::model::{budget, Decimal, Money, Plan, Project};
use crate::render::context::{rel, Ctx, SourceRef, L};
use crate::render::parts::labels::{capital_key, column_label, phase_key, row_label, source_key};
use crate::render::{format, links};
#[derive(Serialize)]
pub struct TableRowView {
    /// Code and title, the title shortened: "Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu…".
    pub label: L,
    pub url: Option<String>,
    pub cells: Vec<String>,
    pub total: String,
}

#[derive(Serialize)]
pub struct TableView {
    /// Phase and year or period: "Vốn được giao năm 2022".
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<TableRowView>,
    pub column_totals: Vec<String>,
    pub total: String,
}

/// Budget tables with one row per project (plan page) or sub-project (project page).
pub fn table_views(
    cx: &Ctx,
    from: &str,
    plan: &Plan,
    rows: &[(&Project, Vec<&Money>)],
) -> Vec<TableView> {
    let opt = |d: Option<Decimal>| d.map(|d| format::decimal(d, cx.lang)).unwrap_or_default();
    budget::tables(rows)
        .into_iter()
        .map(|t| TableView {
            caption: crate::render::parts::summary::caption(cx, plan, (t.phase, t.year)),
            columns: t.columns.iter().map(|c| column_label(cx, *c)).collect(),
            rows: t
                .rows
                .iter()
                .map(|r| TableRowView {
                    label: row_label(cx, r.key),
                    url: Some(rel(from, &links::project(&plan.id, &r.key.id))),
                    cells: r.cells.iter().map(|c| opt(*c)).collect(),
                    total: opt(r.total),
                })
                .collect(),
            column_totals: t.column_totals.iter().map(|c| opt(*c)).collect(),
            total: format::decimal(t.total, cx.lang),
        })
        .collect()
}

#[derive(Serialize)]
pub struct TotalView {
    /// What the total covers ("central budget · investment").
    pub label: String,
    pub phase: Option<String>,
    pub year: Option<i32>,
    pub printed: String,
    /// "agrees", "differs" or "unknown".
    pub check: &'static str,
    pub computed: Option<String>,
    pub difference: Option<String>,
    pub reference: Option<SourceRef>,
}

pub fn total_views<'m>(
    cx: &Ctx,
    (from, plan): (&str, &Plan),
    totals: &[Money],
    lines: impl Fn() -> Vec<&'m Money>,
) -> Vec<TotalView> {
    totals
        .iter()
        .map(|t| {
            let label = match (t.source, t.capital) {
                (None, None) => cx.ui.get("all_sources").to_string(),
                (Some(s), None) => format!(
                    "{} · {}",
                    cx.ui.get(source_key(s)),
                    cx.ui.get("all_capital")
                ),
                (None, Some(c)) => format!(
                    "{} · {}",
                    cx.ui.get("all_sources"),
                    cx.ui.get(capital_key(c))
                ),
                (Some(s), Some(c)) => column_label(cx, (s, Some(c))),
            };
            let check = budget::reconcile(t, lines());
            let (check, computed) = match check {
                Check::Agrees => ("agrees", None),
                Check::Differs { computed } => ("differs", Some(computed)),
                Check::Unknown => ("unknown", None),
            };
            let printed = t.amount.unwrap_or(Decimal::ZERO);
            TotalView {
                label,
                phase: t.phase.map(|ph| cx.ui.get(phase_key(ph)).to_string()),
                year: t.year,
                printed: cx.money(printed),
                check,
                computed: computed.map(|c| cx.money(c)),
                difference: computed.map(|c| format::money_difference(printed - c, cx.lang)),
                reference: cx.source(from, plan, &t.reference),
            }
        })
        .collect()
}
