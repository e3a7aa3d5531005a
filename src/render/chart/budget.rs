//! Charts as inline SVG, drawn with plotters into a string: budget by project, stacked by
//! funding source and capital type. The table beside it carries the same figures for screen
//! readers and for copying.

use crate::model::budget::{self, Column};
use crate::model::{Capital, Money, Project, Source};
use crate::render::format;
use crate::render::views::Ctx;
use plotters::prelude::*;

// Drawn for a phone first: 400 units wide, shown at most 30rem wide, so 14-unit text stays
// 12–17 px on screen. Each project gets its label on a line of its own, the bar beneath it.
const WIDTH: u32 = 400;
const ROW: u32 = 48;
const BAR: i32 = 18;
const LEFT: i32 = 4;
const RIGHT_PAD: i32 = 84;
/// Plotters writes `font-size` as 1/1.24 of the size asked for: 17 gives 13.7-unit text.
const FONT: u32 = 17;
const LEGEND_FONT: u32 = 16;
const LEGEND_ROW: u32 = 22;

/// Fill colours per column, colour-blind safe (Okabe–Ito), darker for investment.
fn colour((source, capital): Column) -> RGBColor {
    match (source, capital) {
        (Source::Central, Some(Capital::Investment)) => RGBColor(0, 94, 140),
        (Source::Central, Some(Capital::Recurrent)) => RGBColor(86, 180, 233),
        (Source::Central, None) => RGBColor(0, 114, 178),
        (Source::Local, Some(Capital::Investment)) => RGBColor(178, 94, 0),
        (Source::Local, Some(Capital::Recurrent)) => RGBColor(230, 159, 0),
        (Source::Local, None) => RGBColor(213, 94, 0),
        (Source::PolicyCredit, _) => RGBColor(0, 158, 115),
        (Source::Other, _) => RGBColor(120, 120, 120),
    }
}

/// A horizontal stacked bar per project of the first budget phase, or `None` without figures.
pub fn budget_by_project(cx: &Ctx, rows: &[(&Project, Vec<&Money>)]) -> Option<String> {
    let table = budget::tables(rows).into_iter().next()?;
    let max = table.rows.iter().filter_map(|r| r.total).max()?.to_f64();
    if max <= 0.0 {
        return None;
    }
    let height = ROW * table.rows.len() as u32 + LEGEND_ROW * table.columns.len() as u32 + 12;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let font = ("sans-serif", FONT).into_font();
        let scale = f64::from(WIDTH as i32 - LEFT - RIGHT_PAD) / max;
        for (i, row) in table.rows.iter().enumerate() {
            let top = (i as u32 * ROW) as i32 + 4;
            let label = cx.l(&row.key.code).text;
            root.draw(&Text::new(label, (LEFT, top), font.clone()))
                .ok()?;
            let y = top + 18;
            let mut x = LEFT;
            for (col, cell) in table.columns.iter().zip(&row.cells) {
                let Some(v) = cell else { continue };
                let w = (v.to_f64() * scale).round() as i32;
                root.draw(&Rectangle::new(
                    [(x, y), (x + w.max(1), y + BAR)],
                    colour(*col).filled(),
                ))
                .ok()?;
                x += w.max(1);
            }
            // A project with no figure shows a dash, not an empty space.
            let total = row
                .total
                .map_or_else(|| "–".to_string(), |t| format::decimal(t, cx.lang));
            root.draw(&Text::new(total, (x + 6, y + 1), font.clone()))
                .ok()?;
        }
        // One legend row per column: labels are long in both languages and must not collide.
        let legend_top = (table.rows.len() as u32 * ROW) as i32 + 8;
        for (i, col) in table.columns.iter().enumerate() {
            let y = legend_top + (i as u32 * LEGEND_ROW) as i32;
            root.draw(&Rectangle::new(
                [(LEFT, y), (LEFT + 14, y + 14)],
                colour(*col).filled(),
            ))
            .ok()?;
            root.draw(&Text::new(
                crate::render::views::plan::column_label(cx, *col),
                (LEFT + 22, y),
                ("sans-serif", LEGEND_FONT).into_font(),
            ))
            .ok()?;
        }
        root.present().ok()?;
    }
    Some(svg)
}
