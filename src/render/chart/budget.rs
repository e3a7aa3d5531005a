//! Budget charts as inline SVG, drawn with plotters into a string: budget by project (sorted,
//! stacked by funding source and capital type), the funding mix of each phase and year, and the
//! plans of a site compared. The tables beside them carry the same figures for screen readers
//! and for copying.
//!
//! Every fill is at least 3:1 against the white page (WCAG 1.4.11); segments side by side are
//! parted by a white gap, so each boundary is 3:1 too; recurrent capital is hatched, so that the
//! split still reads in black-and-white print.

use crate::model::budget::{self, Column};
use crate::model::{Capital, Decimal, Money, Project, Source};
use crate::render::format;
use crate::render::views::Ctx;
use plotters::prelude::*;

// Drawn for a phone first: 400 units wide, shown at most 30rem wide. At 360 px the chart is
// about 328 px wide, so 15.3-unit text is 12.5 px on screen. Each bar gets its label on a line
// of its own, the bar beneath it.
const WIDTH: u32 = 400;
const ROW: u32 = 52;
const BAR: i32 = 18;
const LEFT: i32 = 4;
const RIGHT_PAD: i32 = 96;
/// Plotters writes `font-size` as 1/1.24 of the size asked for: 19 gives 15.3-unit text.
pub const FONT: u32 = 19;
const LEGEND_ROW: u32 = 26;
/// Characters of a bar's label that fit on one line at that size.
const LABEL_CHARS: usize = 46;
/// White gap between two segments of a bar.
const GAP: i32 = 2;

/// Fill colours per column, from the Okabe–Ito palette, darkened where needed to reach 3:1
/// against white: blues for the central budget, oranges for the local budget.
pub fn colour((source, capital): Column) -> RGBColor {
    match (source, capital) {
        (Source::Central, Some(Capital::Investment)) => RGBColor(0, 73, 112),
        (Source::Central, Some(Capital::Recurrent)) => RGBColor(0, 114, 178),
        (Source::Central, None) => RGBColor(0, 94, 145),
        (Source::Local, Some(Capital::Investment)) => RGBColor(140, 62, 0),
        (Source::Local, Some(Capital::Recurrent)) => RGBColor(196, 86, 0),
        (Source::Local, None) => RGBColor(168, 74, 0),
        (Source::PolicyCredit, _) => RGBColor(0, 122, 90),
        (Source::Other, _) => RGBColor(100, 100, 100),
    }
}

fn hatched((_, capital): Column) -> bool {
    capital == Some(Capital::Recurrent)
}

/// One segment of a stacked bar: a filled rectangle, hatched with white for recurrent capital.
fn segment<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    (x0, x1, y): (i32, i32, i32),
    col: Column,
) -> Option<()> {
    root.draw(&Rectangle::new(
        [(x0, y), (x1, y + BAR)],
        colour(col).filled(),
    ))
    .ok()?;
    if hatched(col) {
        let mut x = x0 - BAR;
        while x < x1 {
            // Diagonal lines clipped to the segment.
            let (a, b) = (
                (x.max(x0), y + BAR - (x.max(x0) - x)),
                ((x + BAR).min(x1), y + BAR - ((x + BAR).min(x1) - x)),
            );
            root.draw(&PathElement::new(vec![a, b], WHITE.stroke_width(2)))
                .ok()?;
            x += 7;
        }
    }
    Some(())
}

/// A stacked bar of `cells` (one per column) from `LEFT`, `scale` units per million, with the
/// total written after it. Returns nothing when drawing fails.
fn stacked<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    y: i32,
    (columns, cells): (&[Column], &[Option<Decimal>]),
    scale: f64,
    total: &str,
) -> Option<()> {
    let mut x = LEFT;
    for (col, cell) in columns.iter().zip(cells) {
        let Some(v) = cell else { continue };
        let w = ((v.to_f64() * scale).round() as i32).max(1);
        segment(root, (x, x + w, y), *col)?;
        x += w + GAP;
    }
    let font = ("sans-serif", FONT).into_font();
    root.draw(&Text::new(total.to_string(), (x + 4, y), font))
        .ok()?;
    Some(())
}

/// One legend row per column: labels are long in both languages and must not collide.
fn legend<DB: DrawingBackend>(
    cx: &Ctx,
    root: &DrawingArea<DB, plotters::coord::Shift>,
    top: i32,
    columns: &[Column],
) -> Option<()> {
    for (i, col) in columns.iter().enumerate() {
        let y = top + (i as u32 * LEGEND_ROW) as i32;
        root.draw(&Rectangle::new(
            [(LEFT, y), (LEFT + 30, y + 16)],
            WHITE.filled(),
        ))
        .ok()?;
        let _ = segment_small(root, (LEFT, LEFT + 30, y), *col);
        root.draw(&Text::new(
            crate::render::views::plan::column_label(cx, *col),
            (LEFT + 38, y),
            ("sans-serif", FONT).into_font(),
        ))
        .ok()?;
    }
    Some(())
}

fn segment_small<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    (x0, x1, y): (i32, i32, i32),
    col: Column,
) -> Option<()> {
    root.draw(&Rectangle::new(
        [(x0, y), (x1, y + 16)],
        colour(col).filled(),
    ))
    .ok()?;
    if hatched(col) {
        for k in 0..5 {
            let x = x0 + k * 7;
            let (a, b) = (
                (x, y + 16),
                ((x + 16).min(x1), y + 16 - ((x + 16).min(x1) - x)),
            );
            root.draw(&PathElement::new(vec![a, b], WHITE.stroke_width(2)))
                .ok()?;
        }
    }
    Some(())
}

/// The columns of a chart in the words of its legend, for its description.
fn columns_text(cx: &Ctx, columns: &[Column]) -> String {
    columns
        .iter()
        .map(|c| crate::render::views::plan::column_label(cx, *c))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A horizontal stacked bar per project, largest first, for the budget table of one phase and
/// year (the first the page shows), or `None` without figures. `caption` names that phase and
/// year.
pub fn budget_by_project(
    cx: &Ctx,
    rows: &[(&Project, Vec<&Money>)],
    caption: &str,
) -> Option<String> {
    let table = budget::tables(rows).into_iter().next()?;
    let mut order: Vec<usize> = (0..table.rows.len())
        .filter(|&i| table.rows[i].total.is_some())
        .collect();
    order.sort_by(|&a, &b| {
        table.rows[b]
            .total
            .cmp(&table.rows[a].total)
            .then(a.cmp(&b))
    });
    let max = order.first().and_then(|&i| table.rows[i].total)?.to_f64();
    if max <= 0.0 {
        return None;
    }
    let height = ROW * order.len() as u32 + LEGEND_ROW * table.columns.len() as u32 + 12;
    let mut svg = String::new();
    let mut desc = Vec::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let font = ("sans-serif", FONT).into_font();
        let gaps = GAP * table.columns.len() as i32;
        let scale = f64::from(WIDTH as i32 - LEFT - RIGHT_PAD - gaps) / max;
        for (k, &i) in order.iter().enumerate() {
            let row = &table.rows[i];
            let top = (k as u32 * ROW) as i32 + 4;
            let label = crate::render::views::summary::short_label(
                &cx.l(&row.key.code).text,
                &cx.l(&row.key.title).text,
                LABEL_CHARS,
            );
            root.draw(&Text::new(label.clone(), (LEFT, top), font.clone()))
                .ok()?;
            let total = row
                .total
                .map_or_else(|| "–".to_string(), |t| format::decimal(t, cx.lang));
            desc.push(format!("{label}: {total}"));
            stacked(&root, top + 22, (&table.columns, &row.cells), scale, &total)?;
        }
        let legend_top = (order.len() as u32 * ROW) as i32 + 8;
        legend(cx, &root, legend_top, &table.columns)?;
        root.present().ok()?;
    }
    let title = format!("{} · {caption}", cx.ui.get("chart_caption"));
    let desc = format!(
        "{}. {}: {}.",
        desc.join("; "),
        cx.ui.get("chart_columns"),
        columns_text(cx, &table.columns)
    );
    Some(super::label(svg, &title, &desc))
}

/// The funding mix of each budget table (one bar per phase and year), by source and capital
/// type; `None` when there is only one table with one column (nothing to compare).
pub fn funding_mix(cx: &Ctx, tables: &[(String, budget::Table<&Project>)]) -> Option<String> {
    let mut columns: Vec<Column> = tables
        .iter()
        .flat_map(|(_, t)| t.columns.iter().copied())
        .collect();
    columns.sort();
    columns.dedup();
    if tables.is_empty() || (tables.len() == 1 && columns.len() < 2) {
        return None;
    }
    let max = tables.iter().map(|(_, t)| t.total).max()?.to_f64();
    if max <= 0.0 {
        return None;
    }
    let height = ROW * tables.len() as u32 + LEGEND_ROW * columns.len() as u32 + 12;
    let mut svg = String::new();
    let mut desc = Vec::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let font = ("sans-serif", FONT).into_font();
        let gaps = GAP * columns.len() as i32;
        let scale = f64::from(WIDTH as i32 - LEFT - RIGHT_PAD - gaps) / max;
        for (k, (caption, t)) in tables.iter().enumerate() {
            let top = (k as u32 * ROW) as i32 + 4;
            root.draw(&Text::new(caption.clone(), (LEFT, top), font.clone()))
                .ok()?;
            let cells: Vec<Option<Decimal>> = columns
                .iter()
                .map(|c| {
                    t.columns
                        .iter()
                        .position(|x| x == c)
                        .and_then(|i| t.column_totals[i])
                })
                .collect();
            let parts: Vec<String> = columns
                .iter()
                .zip(&cells)
                .filter_map(|(c, v)| {
                    v.map(|v| {
                        format!(
                            "{} {}",
                            crate::render::views::plan::column_label(cx, *c),
                            format::decimal(v, cx.lang)
                        )
                    })
                })
                .collect();
            let total = format::decimal(t.total, cx.lang);
            desc.push(format!("{caption}: {total} ({})", parts.join(", ")));
            stacked(&root, top + 22, (&columns, &cells), scale, &total)?;
        }
        legend(cx, &root, (tables.len() as u32 * ROW) as i32 + 8, &columns)?;
        root.present().ok()?;
    }
    Some(super::label(
        svg,
        cx.ui.get("chart_mix_title"),
        &format!("{}.", desc.join("; ")),
    ))
}

/// The plans of a site side by side: one bar per plan with its headline figure, labelled with
/// the plan and, beneath, the phase and year of that figure. `rows`: (label, caption, amount).
pub fn plans_compared(cx: &Ctx, rows: &[(String, String, Decimal)]) -> Option<String> {
    let mut order: Vec<&(String, String, Decimal)> = rows.iter().collect();
    order.sort_by_key(|r| std::cmp::Reverse(r.2));
    let max = order.first()?.2.to_f64();
    if max <= 0.0 {
        return None;
    }
    let row_h = ROW + 22;
    let height = row_h * order.len() as u32 + 8;
    let mut svg = String::new();
    let mut desc = Vec::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let font = ("sans-serif", FONT).into_font();
        let scale = f64::from(WIDTH as i32 - LEFT - RIGHT_PAD) / max;
        let fill = colour((Source::Central, None));
        for (k, (label, caption, amount)) in order.iter().enumerate() {
            let top = (k as u32 * row_h) as i32 + 4;
            root.draw(&Text::new(label.clone(), (LEFT, top), font.clone()))
                .ok()?;
            root.draw(&Text::new(
                caption.clone(),
                (LEFT, top + 20),
                font.clone().color(&RGBColor(87, 96, 106)),
            ))
            .ok()?;
            let y = top + 44;
            let w = ((amount.to_f64() * scale).round() as i32).max(1);
            root.draw(&Rectangle::new(
                [(LEFT, y), (LEFT + w, y + BAR)],
                fill.filled(),
            ))
            .ok()?;
            let total = format::decimal(*amount, cx.lang);
            root.draw(&Text::new(total.clone(), (LEFT + w + 6, y), font.clone()))
                .ok()?;
            desc.push(format!("{label} ({caption}): {total}"));
        }
        root.present().ok()?;
    }
    Some(super::label(
        svg,
        cx.ui.get("home_compare_caption"),
        &format!("{}.", desc.join("; ")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fill_stands_out_from_the_white_page() {
        for s in [
            Source::Central,
            Source::Local,
            Source::PolicyCredit,
            Source::Other,
        ] {
            for c in [None, Some(Capital::Investment), Some(Capital::Recurrent)] {
                let RGBColor(r, g, b) = colour((s, c));
                let contrast = super::super::contrast_on_white(r, g, b);
                assert!(
                    contrast >= 3.0,
                    "{s:?} {c:?}: {contrast:.2}:1 against white"
                );
            }
        }
    }
}
