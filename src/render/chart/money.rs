//! A project's money by year: the allocation (or the adjusted figure) as an outlined bar, what
//! was disbursed as a solid bar inside it (both 3:1 or more on white, and apart in black and
//! white), and "disbursed / allocated (rate)" beside; the table on the
//! page carries the same figures.

use super::colours::*;
use super::label;
use crate::model::money::Execution;
use crate::render::format;
use crate::render::views::Ctx;
use plotters::prelude::*;

const W: i32 = 400;
const ROW: i32 = 54;
const BAR: i32 = 18;
const LEFT: i32 = 4;
const RIGHT: i32 = 8;
/// 15.3-unit text (plotters writes 1/1.24 of it): 12.5 px on a 360 px phone.
const FONT: u32 = 19;

/// Bars per year; `None` when no year has an allocation.
pub fn draw(cx: &Ctx, years: &[(i32, Execution)]) -> Option<String> {
    let max = years
        .iter()
        .filter_map(|(_, e)| e.base().max(e.disbursed))
        .max()?
        .to_f64();
    if max <= 0.0 {
        return None;
    }
    let h = ROW * years.len() as i32 + 60;
    let scale = f64::from(W - LEFT - RIGHT) / max;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (W as u32, h as u32)).into_drawing_area();
        let font = ("sans-serif", FONT).into_font();
        for (i, (year, e)) in years.iter().enumerate() {
            let top = i as i32 * ROW + 4;
            let figures = match (e.disbursed, e.base()) {
                (d, Some(b)) => format!(
                    "{year}: {} / {}{}",
                    format::decimal(d.unwrap_or(crate::model::Decimal::ZERO), cx.lang),
                    format::decimal(b, cx.lang),
                    e.rate()
                        .map(|r| format!(" ({})", format::percent(r, cx.lang)))
                        .unwrap_or_default()
                ),
                (Some(d), None) => format!("{year}: {}", format::decimal(d, cx.lang)),
                (None, None) => format!("{year}: –"),
            };
            root.draw(&Text::new(figures, (LEFT, top), font.clone()))
                .ok()?;
            let y = top + 20;
            let w = |d: Option<crate::model::Decimal>| {
                d.map_or(0, |d| (d.to_f64() * scale).round() as i32)
            };
            if let Some(b) = e.base() {
                root.draw(&Rectangle::new(
                    [(LEFT, y), (LEFT + w(Some(b)).max(1), y + BAR)],
                    DEEP_BLUE.stroke_width(2),
                ))
                .ok()?;
            }
            if e.disbursed.is_some() {
                root.draw(&Rectangle::new(
                    [(LEFT, y + 4), (LEFT + w(e.disbursed).max(1), y + BAR - 4)],
                    OI_BLUE.filled(),
                ))
                .ok()?;
            }
        }
        let ly = ROW * years.len() as i32 + 8;
        root.draw(&Rectangle::new(
            [(LEFT, ly), (LEFT + 14, ly + 14)],
            DEEP_BLUE.stroke_width(2),
        ))
        .ok()?;
        root.draw(&Text::new(
            cx.ui.get("chart_allocated").to_string(),
            (LEFT + 22, ly),
            font.clone(),
        ))
        .ok()?;
        root.draw(&Rectangle::new(
            [(LEFT, ly + 26), (LEFT + 14, ly + 40)],
            OI_BLUE.filled(),
        ))
        .ok()?;
        root.draw(&Text::new(
            cx.ui.get("chart_disbursed").to_string(),
            (LEFT + 22, ly + 26),
            font,
        ))
        .ok()?;
        root.present().ok()?;
    }
    let desc = years
        .iter()
        .map(|(y, e)| {
            format!(
                "{y}: {} {} / {}",
                cx.ui.get("chart_disbursed"),
                e.disbursed
                    .map_or("–".into(), |d| format::decimal(d, cx.lang)),
                e.base().map_or("–".into(), |d| format::decimal(d, cx.lang))
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    Some(label(svg, cx.ui.get("chart_money_title"), &desc))
}
