//! A number cell read as Excel shows it: with the decimals of its number format. An official who
//! formats a column "0.0" and types 12 sees "12,0", copies it from a document that prints
//! "12,0", and expects the site to print "12,0" too; a percentage cell holding 0,125 shows
//! "12,5%" and is read as 12,5 (the unit goes in its own column). Formats the site cannot read
//! exactly (scientific, fractions, scaled by thousands, dates, text) leave the number as held.

use super::number;
use crate::model::Decimal;

/// What a number format shows of a number: at least `min` and at most `max` decimals, and
/// whether it shows the number times 100 with a `%`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    pub min: u8,
    pub max: u8,
    pub percent: bool,
}

/// The first section of a format code (the one for positive numbers), with the parts that show
/// no digit taken out: quoted text, escaped characters, the space or fill of `_x` and `*x`, and
/// bracketed colours, conditions and locales.
fn digits_part(code: &str) -> String {
    let mut out = String::new();
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

impl Shown {
    /// What the format `code` shows; `None` for "General" and for formats read as held.
    pub fn parse(code: &str) -> Option<Shown> {
        let part = digits_part(code);
        let placeholder = |c: char| matches!(c, '0' | '#' | '?');
        // Letters left are General, a date or time, or a scientific exponent; `/` a fraction.
        if !part.chars().any(placeholder) || part.chars().any(|c| c.is_alphabetic() || c == '/') {
            return None;
        }
        let (int, dec) = part.split_once('.').unwrap_or((&part, ""));
        // "#,##0," shows thousands: a comma after the last digit of the whole part scales.
        let int_digits = int.trim_end_matches(|c: char| !placeholder(c) && c != ',');
        if int_digits.ends_with(',') {
            return None;
        }
        let dec: String = dec.chars().take_while(|c| placeholder(*c)).collect();
        if dec.len() > 6 {
            return None;
        }
        Some(Shown {
            min: dec.chars().filter(|c| *c == '0').count() as u8,
            max: dec.len() as u8,
            percent: part.contains('%'),
        })
    }

    /// The number `f` as this format shows it, in Vietnamese notation without thousands marks
    /// ("12,0"); and, when the format hides digits the cell holds, the number as held. `None`
    /// when the number cannot be read as a figure: the caller keeps it as held.
    pub fn show(self, f: f64) -> Option<(String, Option<String>)> {
        let x = if self.percent { f * 100.0 } else { f };
        let held_text = number(x)?;
        let held = Decimal::parse_vi(&held_text).ok()?;
        let shown = at_scale(held, self.min, self.max);
        let hidden = (shown != held).then(|| plain(held));
        Some((plain(shown), hidden))
    }
}

/// `d` with at least `min` and at most `max` decimals, rounded half away from zero as Excel
/// rounds what it shows.
fn at_scale(d: Decimal, min: u8, max: u8) -> Decimal {
    let mut d = d;
    if d.scale > max {
        let div = 10i128.pow(u32::from(d.scale - max));
        let half = div / 2;
        let units = if d.units < 0 {
            -((-d.units + half) / div)
        } else {
            (d.units + half) / div
        };
        d = Decimal::new(units, max);
    }
    while d.scale < min {
        d = Decimal::new(d.units * 10, d.scale + 1);
    }
    d
}

/// In Vietnamese notation without thousands marks, as a sheet's cell is read ("17860,0").
fn plain(d: Decimal) -> String {
    let (int, frac) = d.split_digits();
    let sign = if d.is_negative() { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int},{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(code: &str, f: f64) -> Option<(String, Option<String>)> {
        Shown::parse(code)?.show(f)
    }

    #[test]
    fn reads_the_decimals_a_format_shows() {
        let s = |min, max, percent| Some(Shown { min, max, percent });
        assert_eq!(Shown::parse("0.0"), s(1, 1, false));
        assert_eq!(Shown::parse("#,##0.0##"), s(1, 3, false));
        assert_eq!(Shown::parse("#,##0"), s(0, 0, false));
        assert_eq!(Shown::parse("0.00%"), s(2, 2, true));
        assert_eq!(Shown::parse("#,##0.00_);[Red](#,##0.00)"), s(2, 2, false));
        assert_eq!(Shown::parse("\"VND \"#,##0.0"), s(1, 1, false));
        assert_eq!(Shown::parse("[$-42A]#,##0.0"), s(1, 1, false));
        for read_as_held in [
            "General",
            "@",
            "0.00E+00",
            "# ?/?",
            "#,##0,",
            "dd/mm/yyyy",
            "",
        ] {
            assert_eq!(Shown::parse(read_as_held), None, "{read_as_held}");
        }
    }

    #[test]
    fn a_number_reads_as_its_format_shows_it() {
        assert_eq!(shown("0.0", 12.0), Some(("12,0".into(), None)));
        assert_eq!(shown("#,##0.0##", 5111.0), Some(("5111,0".into(), None)));
        assert_eq!(shown("#,##0.0##", 0.15), Some(("0,15".into(), None)));
        assert_eq!(shown("0.0%", 0.125), Some(("12,5".into(), None)));
        assert_eq!(shown("0.0%", 0.145), Some(("14,5".into(), None)));
        assert_eq!(shown("#,##0", 17860.0), Some(("17860".into(), None)));
    }

    #[test]
    fn digits_a_format_hides_are_named() {
        assert_eq!(
            shown("0.0", 12.34),
            Some(("12,3".into(), Some("12,34".into())))
        );
        assert_eq!(
            shown("#,##0", 1533.5),
            Some(("1534".into(), Some("1533,5".into())))
        );
        assert_eq!(shown("0.0", 12.30), Some(("12,3".into(), None)));
    }
}
