//! Chart stage: budget charts from numbers, as inline SVG drawn with plotters into a string:
//! stacked bars (a plan's budget by project, or its funding mix by phase and year), each bar
//! split by column (funding source and capital type), and the plans of a site compared. The
//! tables beside them carry the same figures for screen readers and for copying.
//!
//! Every fill is at least 3:1 against the white page (WCAG 1.4.11); segments side by side are
//! parted by a white gap, so each boundary is 3:1 too; a column can be hatched (recurrent
//! capital), so that the split still reads in black-and-white print.

use plotters::prelude::*;

use super::Area;

// Drawn for a phone first: 400 units wide, shown at most 30rem wide. At 360 px the chart is
// about 328 px wide, so 15.3-unit text is 12.5 px on screen. Each bar gets its label on a line
// of its own, the bar beneath it.
const WIDTH: u32 = 400;
const ROW: u32 = 52;
const BAR: i32 = 18;
const LEFT: i32 = 4;
const RIGHT_PAD: i32 = 96;
/// Plotters writes `font-size` as 1/1.24 of the size asked for: 19 gives 15.3-unit text.
const FONT: u32 = 19;
const LEGEND_ROW: u32 = 26;
/// White gap between two segments of a bar.
const GAP: i32 = 2;

/// A column of stacked bars: a segment of each bar and a row of the legend.
pub struct Column {
    /// Its words in the legend.
    pub label: String,
    /// Its fill, 3:1 or more against white.
    pub colour: RGBColor,
    /// Hatched with white (recurrent capital).
    pub hatched: bool,
}

/// A stacked bar: its label on a line of its own, a segment per column, the total after it.
pub struct Bar {
    pub label: String,
    /// One amount per column (million VND), `None` where the column has none.
    pub cells: Vec<Option<f64>>,
    /// The whole bar (million VND), and as written after it.
    pub total: f64,
    pub total_text: String,
}

/// One segment of a stacked bar: a filled rectangle, hatched with white if its column is.
fn segment(root: &Area, (x0, x1, y): (i32, i32, i32), col: &Column) -> Option<()> {
    root.draw(&Rectangle::new(
        [(x0, y), (x1, y + BAR)],
        col.colour.filled(),
    ))
    .ok()?;
    if col.hatched {
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
fn stacked(
    root: &Area,
    y: i32,
    (columns, cells): (&[Column], &[Option<f64>]),
    scale: f64,
    total: &str,
) -> Option<()> {
    let mut x = LEFT;
    for (col, cell) in columns.iter().zip(cells) {
        let Some(v) = cell else { continue };
        let w = ((v * scale).round() as i32).max(1);
        segment(root, (x, x + w, y), col)?;
        x += w + GAP;
    }
    let font = ("sans-serif", FONT).into_font();
    root.draw(&Text::new(total.to_string(), (x + 4, y), font))
        .ok()?;
    Some(())
}

/// One legend row per column: labels are long in both languages and must not collide.
fn legend(root: &Area, top: i32, columns: &[Column]) -> Option<()> {
    for (i, col) in columns.iter().enumerate() {
        let y = top + (i as u32 * LEGEND_ROW) as i32;
        root.draw(&Rectangle::new(
            [(LEFT, y), (LEFT + 30, y + 16)],
            WHITE.filled(),
        ))
        .ok()?;
        let _ = segment_small(root, (LEFT, LEFT + 30, y), col);
        root.draw(&Text::new(
            col.label.clone(),
            (LEFT + 38, y),
            ("sans-serif", FONT).into_font(),
        ))
        .ok()?;
    }
    Some(())
}

fn segment_small(root: &Area, (x0, x1, y): (i32, i32, i32), col: &Column) -> Option<()> {
    root.draw(&Rectangle::new(
        [(x0, y), (x1, y + 16)],
        col.colour.filled(),
    ))
    .ok()?;
    if col.hatched {
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

/// Horizontal stacked bars in the order given, one segment per column, with a legend of the
/// columns beneath; `None` without bars or with nothing above zero.
pub fn stacked_bars(bars: &[Bar], columns: &[Column], title: &str, desc: &str) -> Option<String> {
    let max = bars.iter().map(|b| b.total).reduce(f64::max)?;
    if max <= 0.0 {
        return None;
    }
    let height = ROW * bars.len() as u32 + LEGEND_ROW * columns.len() as u32 + 12;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let font = ("sans-serif", FONT).into_font();
        let gaps = GAP * columns.len() as i32;
        let scale = f64::from(WIDTH as i32 - LEFT - RIGHT_PAD - gaps) / max;
        for (k, bar) in bars.iter().enumerate() {
            let top = (k as u32 * ROW) as i32 + 4;
            root.draw(&Text::new(bar.label.clone(), (LEFT, top), font.clone()))
                .ok()?;
            stacked(
                &root,
                top + 22,
                (columns, &bar.cells),
                scale,
                &bar.total_text,
            )?;
        }
        legend(&root, (bars.len() as u32 * ROW) as i32 + 8, columns)?;
        root.present().ok()?;
    }
    Some(super::label(svg, title, desc))
}

/// A bar of its own: a label, a caption beneath it, the bar and its amount written after it.
pub struct Single {
    pub label: String,
    pub caption: String,
    /// Million VND, and as written.
    pub amount: f64,
    pub amount_text: String,
}

/// Bars side by side in the order given, all in `fill` (the plans of a site compared); `None`
/// without bars or with nothing above zero.
pub fn single_bars(bars: &[Single], fill: RGBColor, title: &str, desc: &str) -> Option<String> {
    let max = bars.iter().map(|b| b.amount).reduce(f64::max)?;
    if max <= 0.0 {
        return None;
    }
    let row_h = ROW + 22;
    let height = row_h * bars.len() as u32 + 8;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let font = ("sans-serif", FONT).into_font();
        let scale = f64::from(WIDTH as i32 - LEFT - RIGHT_PAD) / max;
        for (k, bar) in bars.iter().enumerate() {
            let top = (k as u32 * row_h) as i32 + 4;
            root.draw(&Text::new(bar.label.clone(), (LEFT, top), font.clone()))
                .ok()?;
            root.draw(&Text::new(
                bar.caption.clone(),
                (LEFT, top + 20),
                font.clone().color(&RGBColor(87, 96, 106)),
            ))
            .ok()?;
            let y = top + 44;
            let w = ((bar.amount * scale).round() as i32).max(1);
            root.draw(&Rectangle::new(
                [(LEFT, y), (LEFT + w, y + BAR)],
                fill.filled(),
            ))
            .ok()?;
            root.draw(&Text::new(
                bar.amount_text.clone(),
                (LEFT + w + 6, y),
                font.clone(),
            ))
            .ok()?;
        }
        root.present().ok()?;
    }
    Some(super::label(svg, title, desc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns() -> Vec<Column> {
        vec![
            Column {
                label: "Central · investment".into(),
                colour: RGBColor(0, 73, 112),
                hatched: false,
            },
            Column {
                label: "Central · recurrent".into(),
                colour: RGBColor(0, 114, 178),
                hatched: true,
            },
        ]
    }

    fn bar(label: &str, cells: [Option<f64>; 2]) -> Bar {
        let total: f64 = cells.iter().flatten().sum();
        Bar {
            label: label.into(),
            cells: cells.to_vec(),
            total,
            total_text: format!("{total:.1}"),
        }
    }

    #[test]
    fn draws_stacked_bars_with_their_labels_totals_and_legend() {
        let bars = [
            bar("Project 1: Housing", [Some(300.0), Some(100.0)]),
            bar("Project 2: Water", [None, Some(50.0)]),
        ];
        let svg = stacked_bars(&bars, &columns(), "Budget", "Project 1: 400.0").unwrap();
        for text in [
            "Project 1: Housing",
            "Project 2: Water",
            "400.0",
            "50.0",
            "Central · investment",
            "Central · recurrent",
            "<title>Budget</title>",
            "<desc>Project 1: 400.0</desc>",
        ] {
            assert!(svg.contains(text), "{text} missing: {svg}");
        }
        // Recurrent capital is hatched with white lines.
        assert!(svg.contains("stroke=\"#FFFFFF\""), "{svg}");
    }

    #[test]
    fn draws_no_bars_without_an_amount() {
        assert!(stacked_bars(&[], &columns(), "Budget", "").is_none());
        let zero = [bar("Project 1", [Some(0.0), None])];
        assert!(stacked_bars(&zero, &columns(), "Budget", "").is_none());
    }

    #[test]
    fn draws_single_bars_with_captions() {
        let bars = [Single {
            label: "Plan A".into(),
            caption: "Allocated 2022".into(),
            amount: 1200.0,
            amount_text: "1,200.0".into(),
        }];
        let svg = single_bars(&bars, RGBColor(0, 94, 145), "Plans", "Plan A: 1,200.0.").unwrap();
        for text in ["Plan A", "Allocated 2022", "1,200.0", "#005E91"] {
            assert!(svg.contains(text), "{text} missing: {svg}");
        }
    }
}
