//! Chart stage: charts as inline SVG, drawn with plotters into strings at build time, one module
//! per kind. A chart is drawn from numbers: each takes plain series (values, labels, colours and
//! the words it prints, already formatted in the page's language) and never sees a page's
//! context or a domain object, so it is tested from numbers alone; the page parts
//! (`render/parts/charts.rs`) build the series from the model. Phone first (400 units wide, text
//! 12–17 px on screen), colour-blind-safe colours (Okabe–Ito), and a `<title>` and `<desc>` for
//! screen readers.

pub mod budget;
pub mod money;
pub mod target;

/// What a chart is drawn on: an SVG written into a string.
type Area<'a> =
    plotters::prelude::DrawingArea<plotters::prelude::SVGBackend<'a>, plotters::coord::Shift>;

/// Okabe–Ito colours.
pub mod colours {
    pub use plotters::style::RGBColor;
    pub const OI_BLUE: RGBColor = RGBColor(0, 114, 178);
    pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);
    pub const ORANGE: RGBColor = RGBColor(230, 159, 0);
    pub const GREY: RGBColor = RGBColor(120, 120, 120);
    pub const INK: RGBColor = RGBColor(27, 31, 36);
    /// Vermillion darkened for text: 6:1 on white (AA for text needs 4.5:1).
    pub const TEXT_VERMILLION: RGBColor = RGBColor(166, 61, 0);
    /// Okabe–Ito blue darkened for outlines: 9:1 on white.
    pub const DEEP_BLUE: RGBColor = RGBColor(0, 73, 112);
}

/// The WCAG contrast ratio of a colour against the white page (1 to 21).
pub fn contrast_on_white(r: u8, g: u8, b: u8) -> f64 {
    let ch = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    1.05 / (0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b) + 0.05)
}

/// Escapes text for XML.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Puts a `<title>` and `<desc>` first inside the SVG and marks it as an image, so that a screen
/// reader announces what the chart shows.
pub fn label(svg: String, title: &str, desc: &str) -> String {
    match svg.find('>') {
        Some(i) if svg.starts_with("<svg") => format!(
            "{} role=\"img\" aria-label=\"{}\"><title>{}</title><desc>{}</desc>{}",
            &svg[..i],
            xml(title),
            xml(title),
            xml(desc),
            &svg[i + 1..]
        ),
        _ => svg,
    }
}

/// A chart as a page draws it, with the figures it draws: for the page, and for download as an
/// SVG file (print, slides) and a CSV of its data in the page's language.
pub struct Chart {
    pub svg: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<crate::render::data::Cell>>,
}

impl Chart {
    /// The SVG as a file of its own.
    pub fn svg_file(&self) -> String {
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n", self.svg)
    }

    /// The chart's figures as CSV (UTF-8 with BOM, plain numbers).
    pub fn csv_file(&self) -> String {
        crate::render::data::table_csv(&self.header, &self.rows)
    }
}

/// A chart's file: the drawing, or its figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum File {
    Svg,
    Csv,
}

impl File {
    pub fn ext(self) -> &'static str {
        match self {
            File::Svg => "svg",
            File::Csv => "csv",
        }
    }
}

/// Which chart of the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Of {
    /// The plans compared, on the home page.
    Plans,
    /// A plan's budget by project.
    Budget(usize),
    /// A plan's funding mix.
    Mix(usize),
    /// A target's values.
    Target(usize, usize),
    /// A project's (or sub-project's) disbursement by year.
    Project(usize, usize, Option<usize>),
}

impl Of {
    /// The chart's file with extension `ext`, under the language's folder.
    pub fn path(self, site: &crate::model::Site, ext: &str) -> String {
        let plan = |i: usize| &site.plans[i].id;
        match self {
            Of::Plans => format!("charts/plans.{ext}"),
            Of::Budget(i) => format!("charts/{}/budget.{ext}", plan(i)),
            Of::Mix(i) => format!("charts/{}/funding-mix.{ext}", plan(i)),
            Of::Target(i, k) => format!(
                "charts/{}/targets/{}.{ext}",
                plan(i),
                site.plans[i].targets[k].id
            ),
            Of::Project(i, j, sub) => {
                let pr = &site.plans[i].projects[j];
                let pr = sub.map_or(pr, |k| &pr.subprojects[k]);
                format!("charts/{}/projects/{}.{ext}", plan(i), pr.id)
            }
        }
    }

    /// The plan whose folder alone the chart shows.
    pub fn plan(self) -> Option<usize> {
        match self {
            Of::Plans => None,
            Of::Budget(i) | Of::Mix(i) | Of::Target(i, _) | Of::Project(i, ..) => Some(i),
        }
    }

    /// Every chart a site may draw (each page decides whether it draws it).
    pub fn all(site: &crate::model::Site) -> Vec<Of> {
        let mut out = vec![Of::Plans];
        for i in 0..site.plans.len() {
            out.extend(Of::of_plan(site, i));
        }
        out
    }

    pub fn of_plan(site: &crate::model::Site, i: usize) -> Vec<Of> {
        let p = &site.plans[i];
        let mut out = vec![Of::Budget(i), Of::Mix(i)];
        out.extend((0..p.targets.len()).map(|k| Of::Target(i, k)));
        if !p.reports.is_empty() {
            for (j, pr) in p.projects.iter().enumerate() {
                out.push(Of::Project(i, j, None));
                out.extend((0..pr.subprojects.len()).map(|k| Of::Project(i, j, Some(k))));
            }
        }
        out
    }
}
