//! Charts as inline SVG, drawn with plotters into strings at build time: one module per kind,
//! each a pure function of the figures its page also shows in a table. Phone first (400 units
//! wide, text 12–17 px on screen), colour-blind-safe colours (Okabe–Ito), text in the page's
//! language and number format, and a `<title>` and `<desc>` for screen readers.

pub mod budget;
pub mod money;
pub mod target;

pub use budget::budget_by_project;

/// Okabe–Ito colours.
pub mod colours {
    use plotters::style::RGBColor;
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
