//! Numbers, money and dates the way each language writes them: the only place that decides;
//! and text escaped for HTML.
//!
//! Vietnamese: `17.860,0 triệu đồng`, `11/10/2022`. English: `VND 17,860.0 million`, `11 Oct 2022`.
//!
//! Stage: presentation, its lowest part (format → goal → explain): imports only the model.

use crate::model::{Decimal, DocDate, Figure, Lang};

/// A decimal with the language's thousands and decimal marks, keeping its printed decimals.
pub fn decimal(d: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Vi => d.written('.', ','),
        Lang::En => d.written(',', '.'),
    }
}

/// A target figure: decimal as above, fractions as printed ("1/2").
pub fn figure(f: Figure, lang: Lang) -> String {
    match f {
        Figure::Decimal(d) => decimal(d, lang),
        Figure::Fraction { num, den } => format!("{num}/{den}"),
    }
}

/// An amount in million VND with its unit.
pub fn money(d: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{} triệu đồng", decimal(d, lang)),
        Lang::En => format!("VND {} million", decimal(d, lang)),
    }
}

/// A difference of amounts in million VND, with its sign and unit: "+9 triệu đồng",
/// "−9 triệu đồng" ("+VND 9 million"), so that it is never read as a count or a share.
pub fn money_difference(d: Decimal, lang: Lang) -> String {
    let (sign, size) = if d.is_negative() {
        ("−", Decimal::new(-d.units, d.scale))
    } else {
        ("+", d)
    };
    format!("{sign}{}", money(size, lang))
}

/// A large amount in million VND the way readers say it, with one decimal: "≈ 272,8 tỷ đồng",
/// "≈ VND 272.8 billion" (and "nghìn tỷ" / "trillion" from a million million). "≈" only when the
/// rounding drops digits; `None` under a billion, where the exact figure already reads well.
/// Integer arithmetic, rounding half away from zero, so that no float error can creep in.
pub fn spoken(d: Decimal, lang: Lang) -> Option<String> {
    let per_million = 10i128.checked_pow(u32::from(d.scale))?;
    let millions_abs = d.units.checked_abs()?;
    let (divisor, vi, en) = if millions_abs >= 1_000_000 * per_million {
        (1_000_000i128, "nghìn tỷ đồng", "trillion")
    } else if millions_abs >= 1_000 * per_million {
        (1_000, "tỷ đồng", "billion")
    } else {
        return None;
    };
    // Tenths of the unit: units * 10 / (10^scale * divisor), rounded.
    let den = per_million.checked_mul(divisor)?;
    let num = millions_abs.checked_mul(10)?;
    let tenths = (num + den / 2) / den;
    let exact = num % den == 0;
    let sign = if d.units < 0 { -1 } else { 1 };
    let mut shown = Decimal::new(sign * tenths, 1);
    if tenths % 10 == 0 {
        shown = Decimal::new(sign * tenths / 10, 0);
    }
    let figure = decimal(shown, lang);
    let approx = if exact { "" } else { "≈ " };
    Some(match lang {
        Lang::Vi => format!("{approx}{figure} {vi}"),
        Lang::En => format!("{approx}VND {figure} {en}"),
    })
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A document date; `None` when the document prints it blank.
pub fn date(d: DocDate, lang: Lang) -> Option<String> {
    match (d, lang) {
        (DocDate::Full { year, month, day }, Lang::Vi) => {
            Some(format!("{day:02}/{month:02}/{year}"))
        }
        (DocDate::Full { year, month, day }, Lang::En) => {
            Some(format!("{day} {} {year}", MONTHS_EN[(month - 1) as usize]))
        }
        (DocDate::YearOnly(year), _) => Some(year.to_string()),
        (DocDate::Blank, _) => None,
    }
}

/// A calendar day: "15/07/2022", "15 Jul 2022".
pub fn day(d: crate::model::Date, lang: Lang) -> String {
    date(
        DocDate::Full {
            year: d.year,
            month: d.month,
            day: d.day,
        },
        lang,
    )
    .unwrap_or_default()
}

/// A number rounded to `places` decimals, in the language's notation ("–" when it cannot be
/// shown).
pub fn number(x: f64, places: u8, lang: Lang) -> String {
    let scale = 10f64.powi(i32::from(places));
    let units = (x * scale).round();
    if !units.is_finite() || units.abs() > 1e17 {
        return "–".into();
    }
    decimal(Decimal::new(units as i128, places), lang)
}

/// A share as a percentage with one decimal: "42,5%".
pub fn percent(share: f64, lang: Lang) -> String {
    format!("{}%", number(share * 100.0, 1, lang))
}

/// ISO 8601 date for `<time datetime>`, when complete.
pub fn iso_date(d: DocDate) -> Option<String> {
    match d {
        DocDate::Full { year, month, day } => Some(format!("{year:04}-{month:02}-{day:02}")),
        DocDate::YearOnly(year) => Some(format!("{year:04}")),
        DocDate::Blank => None,
    }
}

/// Escapes what HTML needs escaped in text and quoted attributes; unlike Tera's default it
/// leaves `/` alone, so every link is not tripled in size. Characters no page may show
/// (control and bidirectional-control characters) are dropped: a last wall behind validation.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    if crate::model::text::maybe_forbidden(input) {
        for c in input.chars() {
            match c {
                c if crate::model::text::is_forbidden(c) => {}
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                _ => out.push(c),
            }
        }
        return out;
    }
    // No forbidden character: copy the runs between the five that need escaping.
    let mut from = 0;
    for (i, b) in input.bytes().enumerate() {
        let with = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[from..i]);
        out.push_str(with);
        from = i + 1;
    }
    out.push_str(&input[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_amounts_read_the_way_people_say_them() {
        let d = |s: &str| Decimal::parse_vi(s).unwrap();
        assert_eq!(
            spoken(d("272.849"), Lang::Vi).as_deref(),
            Some("≈ 272,8 tỷ đồng")
        );
        assert_eq!(
            spoken(d("272.849"), Lang::En).as_deref(),
            Some("≈ VND 272.8 billion")
        );
        assert_eq!(spoken(d("17.000"), Lang::Vi).as_deref(), Some("17 tỷ đồng"));
        assert_eq!(
            spoken(d("17.860,5"), Lang::Vi).as_deref(),
            Some("≈ 17,9 tỷ đồng")
        );
        assert_eq!(
            spoken(d("1.250.000"), Lang::En).as_deref(),
            Some("≈ VND 1.3 trillion")
        );
        assert_eq!(spoken(d("999,9"), Lang::Vi), None);
        assert_eq!(spoken(d("1.000"), Lang::Vi).as_deref(), Some("1 tỷ đồng"));
    }

    fn d(s: &str) -> Decimal {
        Decimal::parse_vi(s).unwrap()
    }

    #[test]
    fn formats_money_per_language() {
        assert_eq!(money(d("17.860,0"), Lang::Vi), "17.860,0 triệu đồng");
        assert_eq!(money(d("17.860,0"), Lang::En), "VND 17,860.0 million");
        assert_eq!(money(d("272.797"), Lang::Vi), "272.797 triệu đồng");
        assert_eq!(money(d("272.797"), Lang::En), "VND 272,797 million");
    }

    #[test]
    fn formats_small_large_and_negative_numbers() {
        assert_eq!(decimal(d("53,0"), Lang::En), "53.0");
        assert_eq!(decimal(d("1.234.567"), Lang::Vi), "1.234.567");
        assert_eq!(decimal(d("-9"), Lang::Vi), "−9");
        assert_eq!(decimal(Decimal::new(5, 2), Lang::En), "0.05");
        assert_eq!(decimal(d("99,9"), Lang::En), "99.9");
    }

    #[test]
    fn formats_dates_per_language() {
        let full = DocDate::Full {
            year: 2022,
            month: 10,
            day: 11,
        };
        assert_eq!(date(full, Lang::Vi).unwrap(), "11/10/2022");
        assert_eq!(date(full, Lang::En).unwrap(), "11 Oct 2022");
        assert_eq!(
            date(
                DocDate::Full {
                    year: 2022,
                    month: 2,
                    day: 1
                },
                Lang::Vi
            )
            .unwrap(),
            "01/02/2022"
        );
        assert_eq!(date(DocDate::YearOnly(2022), Lang::En).unwrap(), "2022");
        assert_eq!(date(DocDate::Blank, Lang::Vi), None);
    }

    #[test]
    fn keeps_fractions_as_printed() {
        assert_eq!(figure(Figure::Fraction { num: 1, den: 2 }, Lang::En), "1/2");
    }
}
