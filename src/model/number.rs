//! Exact figures as the documents print them.
//!
//! Money is added up and compared with printed totals, so it is held as a fixed-point decimal
//! (integer units at a scale), never as a float: 17.860,0 + 0,1 must not become 17860.09999.

use std::cmp::Ordering;
use std::fmt;

/// A decimal number held exactly: `units / 10^scale`. `scale` is the number of printed decimals.
/// Equality is by value: "6.578" equals "6.578,0" (the printed decimals are kept for display,
/// never for comparison).
#[derive(Debug, Clone, Copy)]
pub struct Decimal {
    /// The figure times 10^scale. i128 so that no sum of figures of at most 18 digits can
    /// overflow.
    pub units: i128,
    /// Digits after the decimal mark, as printed (0–6).
    pub scale: u8,
}

/// Why a printed figure could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberError(pub String);

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

const MAX_SCALE: u8 = 6;
const MAX_DIGITS: usize = 18;

impl Decimal {
    pub const ZERO: Decimal = Decimal { units: 0, scale: 0 };

    pub fn new(units: i128, scale: u8) -> Decimal {
        Decimal { units, scale }
    }

    /// Parses a figure in Vietnamese notation as printed: `.` groups thousands, `,` marks the
    /// decimals ("17.860,0", "1.650", "99,9", "-3"). Spaces around it are ignored; a space or
    /// non-breaking space inside it is an error, never silently closed up ("17.86 0").
    pub fn parse_vi(s: &str) -> Result<Decimal, NumberError> {
        let trimmed = s.trim_matches(' ');
        if let Some(c) = trimmed.chars().find(|c| c.is_whitespace()) {
            let what = if c == ' ' {
                "a space"
            } else {
                "a non-breaking or other special space"
            };
            return Err(NumberError(format!(
                "`{s}` has {what} inside it; write the figure without spaces, thousands grouped with `.` (\"17.860,0\")"
            )));
        }
        let (neg, body) = match trimmed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        if body.is_empty() {
            return Err(NumberError(format!("`{s}` is not a number")));
        }
        let (int_part, frac_part) = match body.split_once(',') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if body.matches(',').count() > 1 {
            return Err(NumberError(format!(
                "`{s}` has more than one decimal comma; write thousands with `.` and decimals with `,` (\"17.860,0\")"
            )));
        }
        check_groups(s, int_part)?;
        if let Some(unit) = body.strip_suffix('%').or_else(|| body.strip_suffix('％')) {
            let _ = unit;
            return Err(NumberError(format!(
                "`{s}`: write the figure without `%`; the unit goes in `unit = \"%\"`"
            )));
        }
        if body.contains(',') && body.contains('.') && body.rfind('.') > body.find(',') {
            return Err(NumberError(format!(
                "`{s}` is in English notation; write it as Vietnamese prints it, `.` for thousands and `,` for decimals (\"2.450,5\")"
            )));
        }
        if !frac_part.chars().all(|c| c.is_ascii_digit())
            || (body.contains(',') && frac_part.is_empty())
        {
            return Err(NumberError(format!(
                "`{s}`: the digits after the decimal comma are not a number"
            )));
        }
        let digits: String = int_part.chars().filter(|c| *c != '.').collect();
        let d = Decimal::from_parts(neg, &digits, frac_part, s)?;
        if neg && d.units == 0 {
            return Err(NumberError(format!("`{s}`: zero has no sign; write 0")));
        }
        Ok(d)
    }

    /// Parses a figure written as a TOML number ("17860.0", "773").
    pub fn parse_plain(s: &str) -> Result<Decimal, NumberError> {
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (i, f) = body.split_once('.').unwrap_or((body, ""));
        if i.is_empty()
            || !i.chars().all(|c| c.is_ascii_digit())
            || !f.chars().all(|c| c.is_ascii_digit())
        {
            return Err(NumberError(format!("`{s}` is not a plain decimal number")));
        }
        Decimal::from_parts(neg, i, f, s)
    }

    fn from_parts(
        neg: bool,
        int_digits: &str,
        frac: &str,
        original: &str,
    ) -> Result<Decimal, NumberError> {
        if frac.len() > MAX_SCALE as usize {
            return Err(NumberError(format!(
                "`{original}` has more than {MAX_SCALE} decimals"
            )));
        }
        let all = format!("{int_digits}{frac}");
        if all.trim_start_matches('0').len() > MAX_DIGITS {
            return Err(NumberError(format!(
                "`{original}` has more than {MAX_DIGITS} digits; is it a figure in million VND?"
            )));
        }
        let units: i128 = all
            .parse()
            .map_err(|_| NumberError(format!("`{original}` is too large or not a number")))?;
        Ok(Decimal {
            units: if neg { -units } else { units },
            scale: frac.len() as u8,
        })
    }

    /// Units at a larger scale (same value).
    fn at_scale(self, scale: u8) -> i128 {
        self.units * 10i128.pow(u32::from(scale - self.scale))
    }

    /// Exact sum; the result keeps the larger number of decimals.
    fn plus(self, other: Decimal) -> Decimal {
        let scale = self.scale.max(other.scale);
        Decimal {
            units: self.at_scale(scale) + other.at_scale(scale),
            scale,
        }
    }

    pub fn to_f64(self) -> f64 {
        self.units as f64 / 10f64.powi(i32::from(self.scale))
    }

    /// Integer part and fraction digits (zero-padded to `scale`), without sign.
    pub fn split_digits(self) -> (String, String) {
        let abs = self.units.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let padded = format!("{abs:0>width$}", width = scale + 1);
        let (i, f) = padded.split_at(padded.len() - scale);
        (i.to_string(), f.to_string())
    }

    pub fn is_negative(self) -> bool {
        self.units < 0
    }

    /// The figure with the given thousands and decimal marks, keeping its printed decimals;
    /// a negative figure starts with a minus sign (`−`).
    pub fn written(self, group: char, mark: char) -> String {
        let (int, frac) = self.split_digits();
        let mut out = String::new();
        if self.is_negative() {
            out.push('−');
        }
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(group);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(mark);
            out.push_str(&frac);
        }
        out
    }
}

/// In Vietnamese notation, as the content is written: "17.860,0". Validation's messages use it;
/// pages format figures per language in `render::format`.
impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written('.', ','))
    }
}

impl std::ops::Add for Decimal {
    type Output = Decimal;
    fn add(self, other: Decimal) -> Decimal {
        self.plus(other)
    }
}

impl std::ops::Sub for Decimal {
    type Output = Decimal;
    fn sub(self, other: Decimal) -> Decimal {
        self.plus(Decimal {
            units: -other.units,
            scale: other.scale,
        })
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Decimal) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl std::hash::Hash for Decimal {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Trailing zeros removed, so equal values hash alike.
        let (mut units, mut scale) = (self.units, self.scale);
        while scale > 0 && units % 10 == 0 {
            units /= 10;
            scale -= 1;
        }
        (units, scale).hash(state);
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        let scale = self.scale.max(other.scale);
        self.at_scale(scale).cmp(&other.at_scale(scale))
    }
}

/// Thousands groups must be three digits ("1.650", not "16.50"): a misplaced dot is a typo that
/// would silently change a figure a hundredfold.
fn check_groups(original: &str, int_part: &str) -> Result<(), NumberError> {
    let groups: Vec<&str> = int_part.split('.').collect();
    // Documents print "01%", "02 lần" with a leading zero, but never group thousands after one:
    // "0.500" is an English decimal point, not five hundred.
    let leading_zero = groups.len() > 1 && groups[0].starts_with('0');
    let ok = groups
        .iter()
        .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
        && groups.iter().skip(1).all(|g| g.len() == 3)
        && (groups.len() == 1 || groups[0].len() <= 3)
        && !leading_zero;
    if ok {
        return Ok(());
    }
    // "15.5", "0.500", "16.50": one dot and no comma is an English decimal point; say how a
    // decimal is written instead of leaving the author to work it out.
    let decimal = match groups.as_slice() {
        [i, f]
            if !original.contains(',')
                && [i, f]
                    .iter()
                    .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit())) =>
        {
            let t = original.trim();
            format!(
                "; if {t} has a decimal point, write \"{}\"",
                t.replace('.', ",")
            )
        }
        _ => String::new(),
    };
    Err(NumberError(format!(
        "`{original}` is not a figure in Vietnamese notation: group thousands with `.` in threes and mark decimals with `,` (\"17.860,0\", \"99,9\"){decimal}"
    )))
}

/// A target figure: a decimal, or a fraction as printed ("1/2").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Decimal(Decimal),
    Fraction { num: u32, den: u32 },
}

impl Figure {
    /// Parses a printed target figure: Vietnamese decimal notation or a fraction `a/b` of
    /// plain digits (no sign: a direction or `op` says which way).
    pub fn parse_vi(s: &str) -> Result<Figure, NumberError> {
        if let Some((n, d)) = s.split_once('/') {
            let digits = |x: &str| {
                (!x.is_empty() && x.len() <= 6 && x.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| x.parse::<u32>().ok())
                    .flatten()
            };
            return match (digits(n), digits(d)) {
                (Some(num), Some(den)) if den > 0 => Ok(Figure::Fraction { num, den }),
                _ => Err(NumberError(format!(
                    "`{s}` is not a fraction like \"1/2\": digits only, no sign or spaces, and not divided by 0"
                ))),
            };
        }
        Decimal::parse_vi(s).map(Figure::Decimal)
    }

    /// Exact comparison of two figures, fractions included.
    pub fn cmp_value(&self, other: &Figure) -> Ordering {
        let ratio = |f: &Figure| match *f {
            Figure::Decimal(d) => (d.units, 10i128.pow(u32::from(d.scale))),
            Figure::Fraction { num, den } => (i128::from(num), i128::from(den)),
        };
        let ((a, b), (c, d)) = (ratio(self), ratio(other));
        (a * d).cmp(&(c * b))
    }

    /// The value as a decimal number, for comparisons (fractions approximately).
    pub fn to_f64(self) -> f64 {
        match self {
            Figure::Decimal(d) => d.to_f64(),
            Figure::Fraction { num, den } => f64::from(num) / f64::from(den),
        }
    }
}

/// In Vietnamese notation ("12,5"), fractions as printed ("1/2").
impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Figure::Decimal(d) => d.fmt(f),
            Figure::Fraction { num, den } => write!(f, "{num}/{den}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_vietnamese_notation_keeping_printed_decimals() {
        assert_eq!(
            Decimal::parse_vi("17.860,0").unwrap(),
            Decimal::new(178600, 1)
        );
        assert_eq!(
            Decimal::parse_vi("272.797").unwrap(),
            Decimal::new(272797, 0)
        );
        assert_eq!(Decimal::parse_vi("99,9").unwrap(), Decimal::new(999, 1));
        assert_eq!(Decimal::parse_vi("1.650").unwrap(), Decimal::new(1650, 0));
    }

    #[test]
    fn rejects_misplaced_thousands_dot() {
        for bad in ["0.500", "00.005", "0.005,0", "-0", "-0,0"] {
            assert!(Decimal::parse_vi(bad).is_err(), "{bad}");
        }
        assert_eq!(Decimal::parse_vi("0,5").unwrap(), Decimal::new(5, 1));
        assert_eq!(Decimal::parse_vi("0").unwrap(), Decimal::ZERO);
        // As printed: "giảm bình quân từ 01% mỗi năm".
        assert_eq!(Decimal::parse_vi("01").unwrap(), Decimal::new(1, 0));
        assert!(Decimal::parse_vi("16.50")
            .unwrap_err()
            .0
            .ends_with("if 16.50 has a decimal point, write \"16,50\""));
        assert!(Decimal::parse_vi("0.5")
            .unwrap_err()
            .0
            .contains("write \"0,5\""));
        assert!(!Decimal::parse_vi("1.23.4")
            .unwrap_err()
            .0
            .contains("decimal point"));
        assert!(Decimal::parse_vi("93,0%")
            .unwrap_err()
            .0
            .contains("without `%`"));
        assert!(Decimal::parse_vi("2,450.5")
            .unwrap_err()
            .0
            .contains("English notation"));
        assert!(Decimal::parse_vi("1,2,3").is_err());
        assert!(Decimal::parse_vi("abc").is_err());
        assert!(Decimal::parse_vi("").is_err());
    }

    #[test]
    fn parses_toml_numbers() {
        assert_eq!(
            Decimal::parse_plain("17860.0").unwrap(),
            Decimal::new(178600, 1)
        );
        assert_eq!(Decimal::parse_plain("773").unwrap(), Decimal::new(773, 0));
    }

    #[test]
    fn adds_exactly_across_scales() {
        let a = Decimal::parse_vi("5.111,0").unwrap();
        let b = Decimal::parse_vi("447").unwrap();
        assert_eq!(a + b, Decimal::new(55580, 1));
        let printed = Decimal::parse_vi("196.832").unwrap();
        assert_eq!(
            printed - Decimal::parse_vi("196.823").unwrap(),
            Decimal::new(9, 0)
        );
    }

    #[test]
    fn parses_fraction_targets() {
        assert_eq!(
            Figure::parse_vi("1/2").unwrap(),
            Figure::Fraction { num: 1, den: 2 }
        );
        for bad in ["1/0", "+1/2", "-1/2", "1/-2", " 1/2", "1 /2", "1/2/3", "/2"] {
            assert!(Figure::parse_vi(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn equal_values_are_equal_whatever_the_printed_decimals() {
        assert_eq!(
            Decimal::parse_vi("6.578").unwrap(),
            Decimal::parse_vi("6.578,0").unwrap()
        );
        assert_ne!(
            Decimal::parse_vi("6.578").unwrap(),
            Decimal::parse_vi("6.578,1").unwrap()
        );
        let set: std::collections::HashSet<Decimal> =
            [Decimal::new(65780, 1), Decimal::new(6578, 0)]
                .into_iter()
                .collect();
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn a_space_inside_a_figure_is_an_error_not_closed_up() {
        for bad in ["17 860,0", "17.86 0", "17\u{a0}860", "1\u{202f}000"] {
            let e = Decimal::parse_vi(bad).unwrap_err();
            assert!(e.0.contains("space"), "{bad}: {e}");
        }
        assert_eq!(
            Decimal::parse_vi(" 17.860,0 ").unwrap(),
            Decimal::new(178600, 1)
        );
    }

    #[test]
    fn splits_digits_with_padding() {
        assert_eq!(Decimal::new(5, 2).split_digits(), ("0".into(), "05".into()));
        assert_eq!(
            Decimal::new(-178600, 1).split_digits(),
            ("17860".into(), "0".into())
        );
    }
}

#[cfg(test)]
mod limits {
    use super::*;

    #[test]
    fn rejects_absurdly_long_figures_instead_of_overflowing() {
        assert!(Decimal::parse_vi("1.000.000.000.000.000.000.000").is_err());
        assert!(Decimal::parse_plain("1e21").is_err());
        let big = Decimal::parse_vi("999.999.999.999.999.999").unwrap();
        let small = Decimal::parse_vi("0,000001").unwrap();
        assert_eq!((big + small).scale, 6);
    }
}

#[cfg(test)]
mod plain_digits {
    #[test]
    fn digits_without_marks_read_as_they_are() {
        assert_eq!(
            super::Decimal::parse_vi("17860").unwrap(),
            super::Decimal::new(17860, 0)
        );
    }
}
