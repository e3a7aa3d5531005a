//! Chart stage: a target over time, from numbers: the baseline and every reported value as a
//! line, the target as a dashed line (or a band for a range) up to its year, where the trend
//! leads as a dotted line, and which way is better written on the chart, so that a decrease
//! reads as plainly as an increase.

use plotters::prelude::*;

use super::colours::*;
use super::{label, Area};

const W: i32 = 400;
const H: i32 = 250;
const LEFT: i32 = 56;
const RIGHT: i32 = 14;
const TOP: i32 = 30;
const BOTTOM: i32 = 30;
/// Plotters writes `font-size` as 1/1.24 of the size asked for: 19 gives 15.3-unit text, 12.5 px
/// on a 360 px phone.
const FONT: u32 = 19;

/// One value on the chart.
pub struct Dot {
    /// When, in years (the end of 2024 is about 2025.0).
    pub at: f64,
    pub value: f64,
    /// From a report (a filled dot); the baseline is hollow.
    pub reported: bool,
}

/// The level a target asks for, as drawn up to its year.
pub struct Goal {
    /// The level, or the low end of a range.
    pub low: f64,
    /// The high end of a range (drawn as a band).
    pub high: Option<f64>,
    /// Its words beside the mark at the target's year ("Mục tiêu 2025: ≥ 95%").
    pub text: String,
}

/// A target's chart as numbers and the words it prints, in the page's language.
pub struct Series<'a> {
    /// Every value, oldest first.
    pub dots: Vec<Dot>,
    /// Each year along the bottom, from the first value's year to the last the chart shows,
    /// with its end in years (where its label stands: annual figures are for the end of their
    /// year).
    pub years: Vec<(i32, f64)>,
    /// The end of the target's year, in years.
    pub horizon: f64,
    pub goal: Option<Goal>,
    /// Where the trend leads by the target's year, drawn dotted in `trend`.
    pub projected: Option<f64>,
    pub trend: RGBColor,
    /// The values are a share in per cent: the axis never needs to pass 100.
    pub percent: bool,
    /// The last value as written ("837,0 lao động"), beside it.
    pub last: String,
    /// Which way is better, in words, top left.
    pub better: Option<String>,
    /// The status in words and in its colour, top right.
    pub status: (String, RGBColor),
    /// An axis number with so many decimals, in the page's notation.
    pub number: &'a dyn Fn(f64, u8) -> String,
    /// The chart's `<title>` and `<desc>`.
    pub title: String,
    pub desc: String,
}

/// Linear map from data to chart units.
struct Scale {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    /// The step between grid lines.
    step: f64,
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

/// The scale that shows every value, the goal and (up to twice the highest) the trend.
fn scale(s: &Series) -> Option<Scale> {
    let first = s.years.first()?.1 - 0.6;
    let x1 = s.years.last()?.1 + 0.35;
    let mut top = s.dots.iter().map(|p| p.value).fold(0.0, f64::max);
    if let Some(g) = &s.goal {
        top = top.max(g.high.unwrap_or(g.low));
    }
    if let Some(p) = s.projected {
        top = top.max(p.min(top * 2.0));
    }
    let step = step(top.max(1e-9) * 1.1);
    let mut y1 = (top * 1.1 / step).ceil() * step;
    if s.percent && top <= 100.0 {
        y1 = y1.min(100.0);
    }
    Some(Scale {
        x0: first,
        x1,
        y0: 0.0,
        y1,
        step,
    })
}

/// The chart of a target's values; `None` without values.
pub fn draw(s: &Series) -> Option<String> {
    if s.dots.is_empty() {
        return None;
    }
    let sc = scale(s)?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (W as u32, H as u32)).into_drawing_area();
        grid(&root, &sc, s)?;
        years(&root, &sc, s)?;
        if let Some(g) = &s.goal {
            goal(&root, &sc, s.horizon, g)?;
        }
        trend(&root, &sc, s)?;
        values(&root, &sc, s)?;
        words(&root, s)?;
        root.present().ok()?;
    }
    Some(label(svg, &s.title, &s.desc))
}

/// Grid lines and value labels.
fn grid(root: &Area, sc: &Scale, s: &Series) -> Option<()> {
    let small = ("sans-serif", FONT).into_font();
    let mut v = 0.0;
    while v <= sc.y1 + 1e-9 {
        let y = sc.y(v);
        root.draw(&PathElement::new(
            vec![(LEFT, y), (W - RIGHT, y)],
            RGBColor(225, 228, 232),
        ))
        .ok()?;
        let places = if sc.step < 1.0 { 1 } else { 0 };
        root.draw(&Text::new((s.number)(v, places), (2, y - 8), small.clone()))
            .ok()?;
        v += sc.step;
    }
    Some(())
}

/// Years along the bottom, each at its year's end.
fn years(root: &Area, sc: &Scale, s: &Series) -> Option<()> {
    let small = ("sans-serif", FONT).into_font();
    let (first_year, last_year) = (s.years.first()?.0, s.years.last()?.0);
    let span = last_year - first_year;
    let every = if span <= 6 {
        1
    } else if span <= 12 {
        2
    } else {
        5
    };
    for &(yr, at) in &s.years {
        if yr % every == 0 || yr == last_year || yr == first_year {
            let x = sc.x(at);
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
    Some(())
}

/// The target: a band for a range, else a dashed line, up to its year, with a mark and its
/// words there.
fn goal(root: &Area, sc: &Scale, horizon: f64, g: &Goal) -> Option<()> {
    let (lo, hi) = (g.low, g.high);
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
    let tx = (xt - 8 * g.text.chars().count() as i32).clamp(LEFT, W - RIGHT - 40);
    root.draw(&Text::new(
        g.text.clone(),
        (tx, (y - 24).max(TOP - 4)),
        ("sans-serif", FONT).into_font().color(&TEXT_VERMILLION),
    ))
    .ok()?;
    Some(())
}

/// Where the trend leads, dotted, from the last value to the target's year.
fn trend(root: &Area, sc: &Scale, s: &Series) -> Option<()> {
    if let (Some(p), Some(last)) = (s.projected, s.dots.last()) {
        let (x0, y0) = (sc.x(last.at), sc.y(last.value));
        let (xe, ye) = (sc.x(s.horizon), sc.y(p.clamp(0.0, sc.y1)));
        for k in (0..20).step_by(2) {
            let f = |i: i32| (x0 + (xe - x0) * i / 20, y0 + (ye - y0) * i / 20);
            root.draw(&PathElement::new(
                vec![f(k), f(k + 1)],
                s.trend.stroke_width(2),
            ))
            .ok()?;
        }
    }
    Some(())
}

/// The values: a line, a dot each (hollow for the baseline), the last one written beside it.
fn values(root: &Area, sc: &Scale, s: &Series) -> Option<()> {
    let line: Vec<(i32, i32)> = s.dots.iter().map(|p| (sc.x(p.at), sc.y(p.value))).collect();
    root.draw(&PathElement::new(line.clone(), OI_BLUE.stroke_width(3)))
        .ok()?;
    for (p, xy) in s.dots.iter().zip(&line) {
        if !p.reported {
            root.draw(&Circle::new(*xy, 5, WHITE.filled())).ok()?;
            root.draw(&Circle::new(*xy, 5, OI_BLUE.stroke_width(2)))
                .ok()?;
        } else {
            root.draw(&Circle::new(*xy, 5, OI_BLUE.filled())).ok()?;
        }
    }
    if let Some(xy) = line.last() {
        // Right of the point when it fits, else ending at the right edge (about 8.5 units a
        // character at this size).
        let width = (s.last.chars().count() as f64 * 8.5).ceil() as i32;
        let x = (xy.0 + 8).min(W - 2 - width).max(LEFT);
        root.draw(&Text::new(
            s.last.clone(),
            (x, xy.1 + 6),
            ("sans-serif", FONT).into_font().color(&INK),
        ))
        .ok()?;
    }
    Some(())
}

/// Which way is better, top left, and the status in its colour, top right (its words carry it
/// without colour too).
fn words(root: &Area, s: &Series) -> Option<()> {
    let small = ("sans-serif", FONT).into_font();
    if let Some(better) = &s.better {
        root.draw(&Text::new(
            better.clone(),
            (LEFT, 4),
            small.clone().color(&INK),
        ))
        .ok()?;
    }
    let (word, colour) = &s.status;
    let width = (word.chars().count() as f64 * 8.5).ceil() as i32;
    root.draw(&Text::new(
        word.clone(),
        (W - RIGHT - width, 4),
        small.color(colour),
    ))
    .ok()?;
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(x: f64, places: u8) -> String {
        format!("{x:.*}", usize::from(places))
    }

    fn series<'a>(number: &'a dyn Fn(f64, u8) -> String) -> Series<'a> {
        Series {
            dots: vec![
                Dot {
                    at: 2021.0,
                    value: 40.0,
                    reported: false,
                },
                Dot {
                    at: 2022.0,
                    value: 55.0,
                    reported: true,
                },
                Dot {
                    at: 2023.0,
                    value: 62.5,
                    reported: true,
                },
            ],
            years: (2020..=2025).map(|y| (y, f64::from(y + 1))).collect(),
            horizon: 2026.0,
            goal: Some(Goal {
                low: 80.0,
                high: None,
                text: "Target 2025: ≥ 80%".into(),
            }),
            projected: Some(90.0),
            trend: OI_BLUE,
            percent: true,
            last: "62.5%".into(),
            better: Some("Higher is better".into()),
            status: ("On track".into(), RGBColor(8, 76, 122)),
            number,
            title: "Households with clean water".into(),
            desc: "From 40% to 62.5%.".into(),
        }
    }

    #[test]
    fn draws_a_target_from_points_a_level_and_labels() {
        let svg = draw(&series(&number)).unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("aria-label=\"Households with clean water\""));
        assert!(svg.contains("<title>Households with clean water</title>"));
        assert!(svg.contains("<desc>From 40% to 62.5%.</desc>"));
        for text in [
            "Target 2025: ≥ 80%",
            "62.5%",
            "Higher is better",
            "On track",
        ] {
            assert!(svg.contains(text), "{text} missing");
        }
        // Years along the bottom, and the axis in the numbers' own notation, capped at 100
        // (plotters writes each text on a line of its own).
        assert!(
            svg.contains("\n2020\n") && svg.contains("\n2025\n"),
            "{svg}"
        );
        assert!(svg.contains("\n100\n") && !svg.contains("\n125\n"), "{svg}");
        // The status in its colour.
        assert!(svg.contains("#084C7A"), "{svg}");
    }

    #[test]
    fn a_range_is_a_band_and_the_baseline_a_hollow_dot() {
        let mut s = series(&number);
        s.goal = Some(Goal {
            low: 30.0,
            high: Some(50.0),
            text: "Target 2025: 30–50".into(),
        });
        let svg = draw(&s).unwrap();
        assert!(svg.contains("opacity=\"0.25\""), "no band: {svg}");
        assert!(svg.contains("fill=\"#FFFFFF\""), "no hollow dot: {svg}");
    }

    #[test]
    fn draws_nothing_without_values() {
        let mut s = series(&number);
        s.dots.clear();
        assert!(draw(&s).is_none());
    }
}
