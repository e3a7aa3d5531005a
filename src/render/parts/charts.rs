//! The charts pages show, from the model to plain series: a target's values, a project's money
//! by year, a plan's budget and funding mix. Each hands numbers and
//! formatted labels to `render::chart`, which never sees the model.
//!
//! Stage: page parts (see `parts/mod.rs`): below the views, above the context.

use crate::i18n::Ui;
use crate::model::budget::Column;
use crate::model::money::Execution;
use crate::model::status::{self, Assessment, Level, Method, Point};
use crate::model::{
    budget, Better, Date, Decimal, Figure, Lang, Money, Plan, Project, Status, Target,
};
use crate::render::chart::{colours, money, target, Chart};
use crate::render::context::Ctx;
use crate::render::data::Cell;
use crate::render::parts::labels::column_label;
use crate::render::{chart, explain, format, goal};

/// A project's disbursement chart, with its figures: per year, the allocation (or adjusted
/// figure), what was disbursed, and the rate.
pub fn project_chart(ui: &Ui, lang: Lang, plan: &Plan, pr: &Project) -> Option<Chart> {
    let execs = crate::model::money::project_years(plan, pr);
    let d = |x: Decimal| format::decimal(x, lang);
    let years = money_years(lang, &execs);
    let desc = execs
        .iter()
        .map(|(y, e)| {
            format!(
                "{y}: {} {} / {}",
                ui.get("chart_disbursed"),
                e.disbursed.map_or("–".into(), d),
                e.base().map_or("–".into(), d)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let svg = money::draw(
        &years,
        &money::Words {
            allocated: ui.get("chart_allocated"),
            disbursed: ui.get("chart_disbursed"),
            title: ui.get("chart_money_title"),
            desc: &desc,
        },
    )?;
    let rows = execs
        .iter()
        .map(|(y, e)| {
            vec![
                Cell::Int(i64::from(*y)),
                Cell::num(e.base()),
                Cell::num(e.disbursed),
                e.rate()
                    .map_or(Cell::Empty, |r| Cell::Num(format!("{:.4}", r))),
            ]
        })
        .collect();
    let million = |key| format!("{} ({})", ui.get(key), ui.get("unit_million_short"));
    Some(Chart {
        svg,
        header: vec![
            ui.get("chart_year").to_string(),
            million("chart_allocated"),
            million("chart_disbursed"),
            ui.get("chart_rate_share").to_string(),
        ],
        rows,
    })
}

/// Each year's bars of a project's money chart, with its figures in words ("2023: 1.200,0 /
/// 1.500,0 (80,0%)").
fn money_years(lang: Lang, execs: &[(i32, Execution)]) -> Vec<money::Year> {
    let d = |x: Decimal| format::decimal(x, lang);
    execs
        .iter()
        .map(|(year, e)| money::Year {
            figures: match (e.disbursed, e.base()) {
                (x, Some(b)) => format!(
                    "{year}: {} / {}{}",
                    d(x.unwrap_or(Decimal::ZERO)),
                    d(b),
                    e.rate()
                        .map(|r| format!(" ({})", format::percent(r, lang)))
                        .unwrap_or_default()
                ),
                (Some(x), None) => format!("{year}: {}", d(x)),
                (None, None) => format!("{year}: –"),
            },
            base: e.base().map(Decimal::to_f64),
            disbursed: e.disbursed.map(Decimal::to_f64),
        })
        .collect()
}

/// A target's chart, with its figures: each point's date, value and where it comes from.
/// `a` is the target's assessment.
pub fn target_chart(ui: &Ui, lang: Lang, plan: &Plan, t: &Target, a: &Assessment) -> Option<Chart> {
    let pts = status::points(t, &plan.reports);
    let number = |x: f64, places: u8| format::number(x, places, lang);
    let svg = target::draw(&target_series((ui, lang), t, &pts, a, &number)?)?;
    let rows = pts
        .iter()
        .map(|p| {
            vec![
                Cell::Text(p.date.iso()),
                // As written where it was written ("1237.0"), else as computed.
                match p.figure {
                    Some(Figure::Decimal(d)) => Cell::num(Some(d)),
                    _ => Cell::Num(crate::render::data::number(p.value)),
                },
                Cell::Text(match p.report {
                    Some(r) => plan.reports[r].id.clone(),
                    None => ui.get("chart_baseline").to_string(),
                }),
            ]
        })
        .collect();
    let unit = t.unit.as_ref().map(|u| u.get(lang).text);
    Some(Chart {
        svg,
        header: vec![
            ui.get("chart_date").to_string(),
            match unit {
                Some(u) => format!("{} ({u})", ui.get("chart_value")),
                None => ui.get("chart_value").to_string(),
            },
            ui.get("chart_from").to_string(),
        ],
        rows,
    })
}

/// What a target's chart draws: its values, the level its assessment measures against and where
/// the trend leads, in the page's words; `None` without values.
fn target_series<'a>(
    (ui, lang): (&Ui, Lang),
    t: &Target,
    pts: &[Point],
    a: &Assessment,
    number: &'a dyn Fn(f64, u8) -> String,
) -> Option<target::Series<'a>> {
    let (first, last) = (pts.first()?, pts.last()?);
    let (level, projected) = match &a.method {
        Method::Growth {
            level, projected, ..
        } => (Some(*level), Some(*projected)),
        Method::Reached { level, .. } | Method::Yearly { level, .. } => (Some(*level), None),
        _ => (None, None),
    };
    // Annual figures are for the end of their year, so a year's label stands at its end.
    let years = (first.date.year..=t.horizon.max(last.date.year))
        .map(|y| (y, Date::year_end(y).as_year()))
        .collect();
    let status_word = ui.get(explain::status_key(a.status));
    let better = status::better(t).map(|b| {
        ui.get(if b == Better::Higher {
            "chart_higher_better"
        } else {
            "chart_lower_better"
        })
    });
    Some(target::Series {
        dots: pts
            .iter()
            .map(|p| target::Dot {
                at: p.date.as_year(),
                value: p.value,
                reported: p.report.is_some(),
            })
            .collect(),
        years,
        horizon: Date::year_end(t.horizon).as_year(),
        goal: level.map(|l| target_goal((ui, lang), t, l)),
        projected,
        // Where the trend leads is drawn in the status's colour when it moves away.
        trend: if a.status == Status::Deteriorating {
            crate::render::parts::palette::status(a.status)
        } else {
            colours::OI_BLUE
        },
        // A share in per cent never needs the axis past 100.
        percent: t.unit.as_ref().is_some_and(|u| u.vi.trim() == "%"),
        // As written ("837,0 lao động"), as in the table of values below the chart.
        last: explain::point_value(t, last, lang),
        better: better.map(str::to_string),
        status: (
            status_word.to_string(),
            crate::render::parts::palette::status(a.status),
        ),
        number,
        title: t.indicator.get(lang).text.to_string(),
        desc: target_desc((ui, lang), t, (first, last), status_word),
    })
}

/// The level a target asks for, with its words: "Mục tiêu 2025: ≥ 95%".
fn target_goal((ui, lang): (&Ui, Lang), t: &Target, l: Level) -> target::Goal {
    let (low, high) = match l {
        Level::Above(v) | Level::AtLeast(v) | Level::Below(v) | Level::AtMost(v) => (v, None),
        Level::Between(a, b) => (a, Some(b)),
    };
    target::Goal {
        low,
        high,
        text: format!(
            "{} {}: {}",
            ui.get("chart_target"),
            t.horizon,
            explain::level(ui, lang, t, l)
        ),
    }
}

/// A target chart's description: from the first value to the last, the target, the status.
fn target_desc(
    (ui, lang): (&Ui, Lang),
    t: &Target,
    (first, last): (&Point, &Point),
    status: &str,
) -> String {
    let (first_v, first_d) = explain::point(t, first, lang);
    let (last_v, last_d) = explain::point(t, last, lang);
    let desc = ui
        .get("chart_target_desc")
        .replace("{first}", &first_v)
        .replace("{first_date}", &first_d)
        .replace("{last}", &last_v)
        .replace("{last_date}", &last_d)
        .replace("{target}", &goal::text(ui, lang, t))
        .replace("{year}", &t.horizon.to_string());
    format!("{desc} {}: {status}.", ui.get("status_label"))
}

/// Characters of a budget bar's label that fit on one line of the chart.
const BAR_LABEL_CHARS: usize = 46;

/// The columns of a budget chart: each source and capital type in words and in its colour.
fn chart_columns(cx: &Ctx, columns: &[Column]) -> Vec<chart::budget::Column> {
    columns
        .iter()
        .map(|&c| chart::budget::Column {
            label: column_label(cx, c),
            colour: crate::render::parts::palette::column(c),
            hatched: crate::render::parts::palette::hatched(c),
        })
        .collect()
}

/// A budget chart's bar: its label, its amounts by column and its total (million VND).
fn chart_bar(
    cx: &Ctx,
    label: String,
    cells: &[Option<Decimal>],
    total: Decimal,
) -> chart::budget::Bar {
    chart::budget::Bar {
        label,
        cells: cells.iter().map(|c| c.map(Decimal::to_f64)).collect(),
        total: total.to_f64(),
        total_text: format::decimal(total, cx.lang),
    }
}

/// The budget of a plan by project (the first table its page shows), with the chart's figures:
/// one row per project drawn, largest first, a column per source and capital type.
pub fn budget_chart(cx: &Ctx, p: &Plan) -> Option<chart::Chart> {
    let rows = budget_rows(p);
    let table = budget::tables(&rows).into_iter().next()?;
    let mut order: Vec<(&budget::Row<&Project>, Decimal)> = table
        .rows
        .iter()
        .filter_map(|r| Some((r, r.total?)))
        .collect();
    order.sort_by_key(|(_, total)| std::cmp::Reverse(*total));
    let columns = chart_columns(cx, &table.columns);
    let bars: Vec<chart::budget::Bar> = order
        .iter()
        .map(|(r, total)| {
            let (code, title) = (cx.l(&r.key.code).text, cx.l(&r.key.title).text);
            let label = crate::render::parts::labels::short_label(&code, &title, BAR_LABEL_CHARS);
            chart_bar(cx, label, &r.cells, *total)
        })
        .collect();
    let caption = crate::render::parts::summary::caption(cx, p, (table.phase, table.year));
    let title = format!("{} · {caption}", cx.ui.get("chart_caption"));
    let desc = format!(
        "{}. {}: {}.",
        bars.iter()
            .map(|b| format!("{}: {}", b.label, b.total_text))
            .collect::<Vec<_>>()
            .join("; "),
        cx.ui.get("chart_columns"),
        columns
            .iter()
            .map(|c| c.label.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    );
    let svg = chart::budget::stacked_bars(&bars, &columns, &title, &desc)?;
    let mut header = vec![
        cx.ui.get("col_project").to_string(),
        cx.ui.get("col_title").to_string(),
    ];
    header.extend(columns.into_iter().map(|c| c.label));
    header.push(cx.ui.get("col_total").to_string());
    let data = order
        .iter()
        .map(|(r, _)| {
            let mut row = vec![
                Cell::Text(cx.l(&r.key.code).text),
                Cell::Text(cx.l(&r.key.title).text),
            ];
            row.extend(r.cells.iter().map(|c| Cell::num(*c)));
            row.push(Cell::num(r.total));
            row
        })
        .collect();
    Some(chart::Chart {
        svg,
        header,
        rows: data,
    })
}

/// The funding mix of a plan: one bar per phase and year, with its figures by source and
/// capital type; `None` when there is only one table with one column (nothing to compare).
pub fn mix_chart(cx: &Ctx, p: &Plan) -> Option<chart::Chart> {
    let rows = budget_rows(p);
    let mix: Vec<(String, budget::Table<&Project>)> = budget::tables(&rows)
        .into_iter()
        .map(|t| {
            (
                crate::render::parts::summary::caption(cx, p, (t.phase, t.year)),
                t,
            )
        })
        .collect();
    let mut keys: Vec<Column> = mix
        .iter()
        .flat_map(|(_, t)| t.columns.iter().copied())
        .collect();
    keys.sort();
    keys.dedup();
    if mix.is_empty() || (mix.len() == 1 && keys.len() < 2) {
        return None;
    }
    // Each table's total per column of the chart.
    let cells: Vec<Vec<Option<Decimal>>> = mix
        .iter()
        .map(|(_, t)| {
            keys.iter()
                .map(|c| t.column_totals[t.columns.iter().position(|x| x == c)?])
                .collect()
        })
        .collect();
    let columns = chart_columns(cx, &keys);
    let bars: Vec<chart::budget::Bar> = mix
        .iter()
        .zip(&cells)
        .map(|((caption, t), cells)| chart_bar(cx, caption.clone(), cells, t.total))
        .collect();
    let desc = mix_desc(cx, &bars, &columns, &cells);
    let svg = chart::budget::stacked_bars(&bars, &columns, cx.ui.get("chart_mix_title"), &desc)?;
    let mut header = vec![cx.ui.get("col_what").to_string()];
    header.extend(columns.into_iter().map(|c| c.label));
    header.push(cx.ui.get("col_total").to_string());
    let data = mix
        .iter()
        .zip(&cells)
        .map(|((caption, t), cells)| {
            let mut row = vec![Cell::Text(caption.clone())];
            row.extend(cells.iter().map(|c| Cell::num(*c)));
            row.push(Cell::num(Some(t.total)));
            row
        })
        .collect();
    Some(chart::Chart {
        svg,
        header,
        rows: data,
    })
}

/// The funding mix in words: each phase and year, its total and its amount per column.
fn mix_desc(
    cx: &Ctx,
    bars: &[chart::budget::Bar],
    columns: &[chart::budget::Column],
    cells: &[Vec<Option<Decimal>>],
) -> String {
    let each = bars.iter().zip(cells).map(|(b, cells)| {
        let parts: Vec<String> = columns
            .iter()
            .zip(cells)
            .filter_map(|(c, v)| Some(format!("{} {}", c.label, format::decimal((*v)?, cx.lang))))
            .collect();
        format!("{}: {} ({})", b.label, b.total_text, parts.join(", "))
    });
    format!("{}.", each.collect::<Vec<_>>().join("; "))
}
pub fn budget_rows(p: &Plan) -> Vec<(&Project, Vec<&Money>)> {
    p.projects
        .iter()
        .map(|pr| (pr, pr.all_budget().collect()))
        .collect()
}
