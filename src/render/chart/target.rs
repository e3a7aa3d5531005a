//! A target over time: the baseline and every reported value as a line, the target as a dashed
//! line (or a band for a range) up to its year, where the trend leads as a dotted line, and which
//! way is better written on the chart, so that a decrease reads as plainly as an increase.

use super::colours::{self, *};
use super::label;
use crate::model::status::{self, Assessment, Level, Method, Point};
use crate::model::{Better, Date, Target};
use crate::render::explain::{self, number};
use crate::render::views::Ctx;
use plotters::prelude::*;

const W: i32 = 400;
const H: i32 = 250;
const LEFT: i32 = 56;
const RIGHT: i32 = 14;
const TOP: i32 = 30;
const BOTTOM: i32 = 30;
/// Plotters writes `font-size` as 1/1.24 of the size asked for: 19 gives 15.3-unit text, 12.5 px
/// on a 360 px phone.
const FONT: u32 = 19;

/// Linear map from data to chart units.
struct Scale {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

impl Scale {
    fn x(&self, year: f64) -> i32 {
        LEFT + ((year - self.x0) / (self.x1 - self.x0) * f64::from(W - LEFT - RIGHT)).round() as i32
    }
    fn y(&self, v: f64) -> i32 {
        H - BOTTOM
            - ((v - self.y0) / (self.y1 - self.y0) * f64::from(H - TOP - BOTTOM)).round() as i32
    }
}

/// A round step for about four ticks up to `max`.
fn step(max: f64) -> f64 {
    let raw = max / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(mag * 10.0)
}

fn levels(l: Level) -> (f64, Option<f64>) {
    match l {
        Level::Above(v) | Level::AtLeast(v) | Level::Below(v) | Level::AtMost(v) => (v, None),
        Level::Between(a, b) => (a, Some(b)),
    }
}

/// The chart of a target's values; `None` without values or figures.
pub fn draw(cx: &Ctx, t: &Target, pts: &[Point], a: &Assessment) -> Option<String> {
    if pts.is_empty() {
        return None;
    }
    let (level, projected) = match &a.method {
        Method::Growth {
            level, projected, ..
        } => (Some(*level), Some(*projected)),
        Method::Reached { level, .. } | Method::Yearly { level, .. } => (Some(*level), None),
        _ => (None, None),
    };
    // Annual figures are for the end of their year, so a year's label stands at its end.
    let horizon = Date::year_end(t.horizon).as_year();
    let first_year = pts[0].date.year;
    let last_year = t.horizon.max(pts.last()?.date.year);
    let first = Date::year_end(first_year).as_year() - 0.6;
    let x1 = Date::year_end(last_year).as_year() + 0.35;
    let mut top = pts.iter().map(|p| p.value).fold(0.0, f64::max);
    if let Some(l) = level {
        let (lo, hi) = levels(l);
        top = top.max(hi.unwrap_or(lo));
    }
    if let Some(p) = projected {
        top = top.max(p.min(top * 2.0));
    }
    let s = step(top.max(1e-9) * 1.1);
    // A share in per cent never needs the axis past 100.
    let percent = t.unit.as_ref().is_some_and(|u| u.vi.trim() == "%");
    let mut y1 = (top * 1.1 / s).ceil() * s;
    if percent && top <= 100.0 {
        y1 = y1.min(100.0);
    }
    let sc = Scale {
        x0: first,
        x1,
        y0: 0.0,
        y1,
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (W as u32, H as u32)).into_drawing_area();
        let font = ("sans-serif", FONT).into_font();
        let small = ("sans-serif", FONT).into_font();
        // Grid and value labels.
        let mut v = 0.0;
        while v <= sc.y1 + 1e-9 {
            let y = sc.y(v);
            root.draw(&PathElement::new(
                vec![(LEFT, y), (W - RIGHT, y)],
                RGBColor(225, 228, 232),
            ))
            .ok()?;
            let places = if s < 1.0 { 1 } else { 0 };
            root.draw(&Text::new(
                number(v, places, cx.lang),
                (2, y - 8),
                small.clone(),
            ))
            .ok()?;
            v += s;
        }
        // Years along the bottom, each at its year's end.
        let span = last_year - first_year;
        let every = if span <= 6 {
            1
        } else if span <= 12 {
            2
        } else {
            5
        };
        for yr in first_year..=last_year {
            if yr % every == 0 || yr == last_year || yr == first_year {
                let x = sc.x(Date::year_end(yr).as_year());
                root.draw(&PathElement::new(
                    vec![(x, H - BOTTOM), (x, H - BOTTOM + 4)],
                    GREY,
                ))
                .ok()?;
                root.draw(&Text::new(
                    yr.to_string(),
                    (x - 16, H - BOTTOM + 8),
                    small.clone(),
                ))
                .ok()?;
            }
        }
        // The target: a band for a range, else a dashed line, up to its year.
        if let Some(l) = level {
            let (lo, hi) = levels(l);
            let xt = sc.x(horizon);
            match hi {
                Some(hi) => {
                    root.draw(&Rectangle::new(
                        [(LEFT, sc.y(hi)), (xt, sc.y(lo))],
                        ORANGE.mix(0.25).filled(),
                    ))
                    .ok()?;
                    // The band's edges carry the contrast its pale fill lacks.
                    for edge in [hi, lo] {
                        root.draw(&PathElement::new(
                            vec![(LEFT, sc.y(edge)), (xt, sc.y(edge))],
                            VERMILLION.stroke_width(2),
                        ))
                        .ok()?;
                    }
                }
                None => {
                    let y = sc.y(lo);
                    let mut x = LEFT;
                    while x < xt {
                        root.draw(&PathElement::new(
                            vec![(x, y), ((x + 6).min(xt), y)],
                            VERMILLION.stroke_width(2),
                        ))
                        .ok()?;
                        x += 10;
                    }
                }
            }
            let y = sc.y(hi.unwrap_or(lo));
            root.draw(&Polygon::new(
                vec![(xt, y - 7), (xt + 7, y), (xt, y + 7), (xt - 7, y)],
                VERMILLION.filled(),
            ))
            .ok()?;
            let text = format!(
                "{} {}: {}",
                cx.ui.get("chart_target"),
                t.horizon,
                explain::level(cx.ui, cx.lang, t, l)
            );
            let tx = (xt - 8 * text.chars().count() as i32).clamp(LEFT, W - RIGHT - 40);
            root.draw(&Text::new(
                text,
                (tx, (y - 24).max(TOP - 4)),
                small.clone().color(&TEXT_VERMILLION),
            ))
            .ok()?;
        }
        // Where the trend leads, dotted; in the status's colour when it moves away.
        let trend = if a.status == crate::model::Status::Deteriorating {
            colours::status(a.status)
        } else {
            OI_BLUE
        };
        if let (Some(p), Some(last)) = (projected, pts.last()) {
            let (x0, y0) = (sc.x(last.date.as_year()), sc.y(last.value));
            let (xe, ye) = (sc.x(horizon), sc.y(p.clamp(0.0, sc.y1)));
            for k in (0..20).step_by(2) {
                let f = |i: i32| (x0 + (xe - x0) * i / 20, y0 + (ye - y0) * i / 20);
                root.draw(&PathElement::new(
                    vec![f(k), f(k + 1)],
                    trend.stroke_width(2),
                ))
                .ok()?;
            }
        }
        // The values.
        let line: Vec<(i32, i32)> = pts
            .iter()
            .map(|p| (sc.x(p.date.as_year()), sc.y(p.value)))
            .collect();
        root.draw(&PathElement::new(line.clone(), OI_BLUE.stroke_width(3)))
            .ok()?;
        for (p, xy) in pts.iter().zip(&line) {
            if p.report.is_none() {
                root.draw(&Circle::new(*xy, 5, WHITE.filled())).ok()?;
                root.draw(&Circle::new(*xy, 5, OI_BLUE.stroke_width(2)))
                    .ok()?;
            } else {
                root.draw(&Circle::new(*xy, 5, OI_BLUE.filled())).ok()?;
            }
        }
        if let (Some(last), Some(xy)) = (pts.last(), line.last()) {
            // As written ("837,0 lao động"), as in the table of values below the chart.
            let text = explain::point_value(t, last, cx.lang);
            // Right of the point when it fits, else ending at the right edge (about 8.5 units
            // a character at this size).
            let width = (text.chars().count() as f64 * 8.5).ceil() as i32;
            let x = (xy.0 + 8).min(W - 2 - width).max(LEFT);
            root.draw(&Text::new(text, (x, xy.1 + 6), font.clone().color(&INK)))
                .ok()?;
        }
        // Which way is better.
        if let Some(b) = status::better(t) {
            let key = if b == Better::Higher {
                "chart_higher_better"
            } else {
                "chart_lower_better"
            };
            root.draw(&Text::new(
                cx.ui.get(key).to_string(),
                (LEFT, 4),
                small.clone().color(&INK),
            ))
            .ok()?;
        }
        // The status, top right, in its colour (its words carry it without colour too).
        let word = cx.ui.get(explain::status_key(a.status)).to_string();
        let width = (word.chars().count() as f64 * 8.5).ceil() as i32;
        root.draw(&Text::new(
            word,
            (W - RIGHT - width, 4),
            small.clone().color(&colours::status(a.status)),
        ))
        .ok()?;
        root.present().ok()?;
    }
    let first = pts.first()?;
    let last = pts.last()?;
    let (first_v, first_d) = explain::point(t, first, cx.lang);
    let (last_v, last_d) = explain::point(t, last, cx.lang);
    let desc = cx
        .ui
        .get("chart_target_desc")
        .replace("{first}", &first_v)
        .replace("{first_date}", &first_d)
        .replace("{last}", &last_v)
        .replace("{last_date}", &last_d)
        .replace("{target}", &crate::render::goal::text(cx.ui, cx.lang, t))
        .replace("{year}", &t.horizon.to_string());
    let desc = format!(
        "{desc} {}: {}.",
        cx.ui.get("status_label"),
        cx.ui.get(explain::status_key(a.status))
    );
    Some(label(svg, &cx.l(&t.indicator).text, &desc))
}
