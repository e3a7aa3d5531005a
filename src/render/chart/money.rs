//! Chart stage: a project's money by year, from numbers: the allocation (or the adjusted figure)
//! as an outlined bar, what was disbursed as a solid bar inside it (both 3:1 or more on white,
//! and apart in black and white), and "disbursed / allocated (rate)" above; the table on the
//! page carries the same figures.

use plotters::prelude::*;

use super::colours::*;
use super::{label, Area};

const W: i32 = 400;
const ROW: i32 = 54;
const BAR: i32 = 18;
const LEFT: i32 = 4;
const RIGHT: i32 = 8;
/// 15.3-unit text (plotters writes 1/1.24 of it): 12.5 px on a 360 px phone.
const FONT: u32 = 19;

/// One year's bars (million VND).
pub struct Year {
    /// Its figures in words, above its bars ("2023: 1.200,0 / 1.500,0 (80,0%)").
    pub figures: String,
    /// The allocation, or the adjusted figure.
    pub base: Option<f64>,
    pub disbursed: Option<f64>,
}

/// The words a money chart prints besides its figures.
pub struct Words<'a> {
    /// The legend of the outlined and of the solid bar.
    pub allocated: &'a str,
    pub disbursed: &'a str,
    /// The chart's `<title>` and `<desc>`.
    pub title: &'a str,
    pub desc: &'a str,
}

/// Bars per year; `None` when no year has a figure.
pub fn draw(years: &[Year], words: &Words) -> Option<String> {
    let max = years
        .iter()
        .filter_map(|y| match (y.base, y.disbursed) {
            (Some(b), Some(d)) => Some(b.max(d)),
            (b, d) => b.or(d),
        })
        .reduce(f64::max)?;
    if max <= 0.0 {
        return None;
    }
    let h = ROW * years.len() as i32 + 60;
    let scale = f64::from(W - LEFT - RIGHT) / max;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (W as u32, h as u32)).into_drawing_area();
        for (i, year) in years.iter().enumerate() {
            bars(&root, i as i32 * ROW + 4, year, scale)?;
        }
        legend(&root, ROW * years.len() as i32 + 8, words)?;
        root.present().ok()?;
    }
    Some(label(svg, words.title, words.desc))
}

/// A year's figures at `top`, and its bars below them, `scale` units to a million VND.
fn bars(root: &Area, top: i32, year: &Year, scale: f64) -> Option<()> {
    let font = ("sans-serif", FONT).into_font();
    root.draw(&Text::new(year.figures.clone(), (LEFT, top), font))
        .ok()?;
    let y = top + 20;
    let w = |d: f64| (d * scale).round() as i32;
    if let Some(b) = year.base {
        root.draw(&Rectangle::new(
            [(LEFT, y), (LEFT + w(b).max(1), y + BAR)],
            DEEP_BLUE.stroke_width(2),
        ))
        .ok()?;
    }
    if let Some(d) = year.disbursed {
        root.draw(&Rectangle::new(
            [(LEFT, y + 4), (LEFT + w(d).max(1), y + BAR - 4)],
            OI_BLUE.filled(),
        ))
        .ok()?;
    }
    Some(())
}

/// The legend at `ly`: the outlined bar, then the solid one, each with its word.
fn legend(root: &Area, ly: i32, words: &Words) -> Option<()> {
    let font = ("sans-serif", FONT).into_font();
    root.draw(&Rectangle::new(
        [(LEFT, ly), (LEFT + 14, ly + 14)],
        DEEP_BLUE.stroke_width(2),
    ))
    .ok()?;
    root.draw(&Text::new(
        words.allocated.to_string(),
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
        words.disbursed.to_string(),
        (LEFT + 22, ly + 26),
        font,
    ))
    .ok()?;
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: Words = Words {
        allocated: "Allocated",
        disbursed: "Disbursed",
        title: "Money by year",
        desc: "2023: disbursed 800 / 1,000",
    };

    #[test]
    fn draws_each_year_with_its_figures_and_a_legend() {
        let years = [
            Year {
                figures: "2022: 300 / 500 (60%)".into(),
                base: Some(500.0),
                disbursed: Some(300.0),
            },
            Year {
                figures: "2023: 800 / 1,000 (80%)".into(),
                base: Some(1000.0),
                disbursed: Some(800.0),
            },
        ];
        let svg = draw(&years, &WORDS).unwrap();
        for text in [
            "2022: 300 / 500 (60%)",
            "2023: 800 / 1,000 (80%)",
            "Allocated",
            "Disbursed",
            "<title>Money by year</title>",
            "<desc>2023: disbursed 800 / 1,000</desc>",
        ] {
            assert!(svg.contains(text), "{text} missing: {svg}");
        }
        // The largest figure fills the width: 388 units from the left edge.
        assert!(svg.contains("width=\"388\""), "{svg}");
    }

    #[test]
    fn draws_nothing_without_figures() {
        let years = [Year {
            figures: "2023: –".into(),
            base: None,
            disbursed: None,
        }];
        assert!(draw(&years, &WORDS).is_none());
        assert!(draw(&[], &WORDS).is_none());
    }
}
