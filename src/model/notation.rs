//! Figures whose writing reads one way in Vietnamese notation and another in English.
//!
//! The content is written in Vietnamese notation (`.` groups thousands, `,` marks decimals), and
//! most figures that break it are refused by the figure rules (`number`). Two forms are valid in
//! both notations with values a thousand times apart: "1,234" (Vietnamese one point two three
//! four, English one thousand two hundred thirty-four) and "1.500" (Vietnamese one thousand five
//! hundred, English one point five zero zero). They are read as Vietnamese; what is here says
//! when the figures around one, or its unit, make the English reading likely, so that validation
//! can say so instead of publishing a figure a thousand times off without a word.

use super::Decimal;

/// A form valid in both notations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookalike {
    /// "1,234": one to three digits, a comma, three digits, no dot.
    CommaThree,
    /// "1.500": one to three digits, a dot, three digits, no comma.
    DotThree,
}

/// The form of a figure as written, when it is valid in both notations. A leading zero ("0,500")
/// is never English thousands, and "0.500" is refused by the figure rules.
pub fn lookalike(written: &str) -> Option<Lookalike> {
    let body = written.trim();
    let body = body.strip_prefix('-').unwrap_or(body);
    let (int, frac, kind) = if let Some((i, f)) = body.split_once(',') {
        (i, f, Lookalike::CommaThree)
    } else if let Some((i, f)) = body.split_once('.') {
        (i, f, Lookalike::DotThree)
    } else {
        return None;
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let ok = (1..=3).contains(&int.len())
        && !int.starts_with('0')
        && frac.len() == 3
        && digits(int)
        && digits(frac);
    ok.then_some(kind)
}

/// One figure of a column (a CSV or sheet column, or one field across the entries of a TOML
/// file), as written and as read; `value` is `None` for a fraction.
#[derive(Debug, Clone, Copy)]
pub struct Cell<'a> {
    pub written: &'a str,
    pub value: Option<Decimal>,
}

/// The figures of a column whose neighbours make the English reading likely, with their form:
/// "1,234" when every other figure of the column is a whole number ("12.000", "9.500", "773"),
/// "1.500" when every other figure has decimals and is under a thousand ("23,5", "30,1"). A
/// column of only such figures, or with no other figure, says nothing either way.
pub fn in_doubt(column: &[Cell]) -> Vec<(usize, Lookalike)> {
    let mut out = Vec::new();
    for kind in [Lookalike::CommaThree, Lookalike::DotThree] {
        let others: Vec<Decimal> = column
            .iter()
            .filter(|c| lookalike(c.written) != Some(kind))
            .filter_map(|c| c.value)
            .collect();
        let thousand = Decimal::new(1000, 0);
        let telling = !others.is_empty()
            && others.iter().all(|d| match kind {
                Lookalike::CommaThree => d.scale == 0,
                Lookalike::DotThree => {
                    d.scale > 0 && d.units.abs() < thousand.units * 10i128.pow(u32::from(d.scale))
                }
            });
        if telling {
            out.extend(
                column
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| lookalike(c.written) == Some(kind))
                    .map(|(i, _)| (i, kind)),
            );
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}

/// Units whose figures are counts of whole things (households, people, houses, communes …):
/// "1,234 hộ" cannot be one point two three four households. Matched on the Vietnamese unit's
/// first words; a unit per something ("câu lạc bộ/xã") may average to a fraction and is not one.
pub fn is_count_unit(unit_vi: &str) -> bool {
    const COUNTED: [&str; 30] = [
        "hộ",
        "người",
        "nhà",
        "căn",
        "ngôi",
        "công trình",
        "xã",
        "thôn",
        "bản",
        "làng",
        "trường",
        "lớp",
        "học sinh",
        "lao động",
        "trạm",
        "câu lạc bộ",
        "lượt",
        "chiếc",
        "cái",
        "con",
        "mô hình",
        "dự án",
        "cơ sở",
        "hợp tác xã",
        "doanh nghiệp",
        "cán bộ",
        "chợ",
        "cầu",
        "tổ",
        "nhóm",
    ];
    let u = unit_vi.trim().to_lowercase();
    !u.contains('/')
        && COUNTED
            .iter()
            .any(|w| u == *w || u.strip_prefix(w).is_some_and(|r| r.starts_with(' ')))
}

/// How a lookalike is read, and how it would be read the other way, in English words, with the
/// way to write that other reading in Vietnamese notation: for "1,234", ("one point two three
/// four", "one thousand two hundred thirty-four", "1.234").
pub fn readings(written: &str) -> Option<(String, String, String)> {
    let kind = lookalike(written)?;
    let w = written.trim();
    let (sign, body) = match w.strip_prefix('-') {
        Some(b) => ("minus ", b),
        None => ("", w),
    };
    let (int, frac) = body.split_once([',', '.'])?;
    let whole: u32 = int.parse().ok()?;
    let part: u32 = frac.parse().ok()?;
    let point = format!(
        "{sign}{} point {}",
        words(whole),
        frac.chars()
            .filter_map(|c| c.to_digit(10))
            .map(words)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let thousands = match part {
        0 => format!("{sign}{} thousand", words(whole)),
        p => format!("{sign}{} thousand {}", words(whole), words(p)),
    };
    Some(match kind {
        Lookalike::CommaThree => (point, thousands, w.replace(',', ".")),
        Lookalike::DotThree => (thousands, point, w.replace('.', ",")),
    })
}

/// A number under a thousand in English words: 234 → "two hundred thirty-four".
fn words(n: u32) -> String {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    match n {
        0..=19 => ONES[n as usize].to_string(),
        20..=99 if n.is_multiple_of(10) => TENS[(n / 10) as usize].to_string(),
        20..=99 => format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize]),
        100..=999 if n.is_multiple_of(100) => format!("{} hundred", ONES[(n / 100) as usize]),
        100..=999 => format!("{} hundred {}", ONES[(n / 100) as usize], words(n % 100)),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(w: &str) -> Cell<'_> {
        Cell {
            written: w,
            value: Decimal::parse_vi(w).ok(),
        }
    }

    #[test]
    fn finds_the_forms_valid_in_both_notations() {
        assert_eq!(lookalike("1,234"), Some(Lookalike::CommaThree));
        assert_eq!(lookalike("-12,500"), Some(Lookalike::CommaThree));
        assert_eq!(lookalike("1.500"), Some(Lookalike::DotThree));
        for not in [
            "0,500",
            "1,5",
            "1,2345",
            "1.234,5",
            "1234,567",
            "1.234.567",
            "773",
            "1/2",
        ] {
            assert_eq!(lookalike(not), None, "{not}");
        }
    }

    #[test]
    fn doubts_three_decimals_among_whole_numbers_only() {
        let col = [cell("12.000"), cell("9,500"), cell("773")];
        assert_eq!(in_doubt(&col), vec![(1, Lookalike::CommaThree)]);
        // Among decimals, three of them are as likely as one.
        assert!(in_doubt(&[cell("12,5"), cell("9,500")]).is_empty());
        // Alone, or all alike: nothing to compare with.
        assert!(in_doubt(&[cell("9,500")]).is_empty());
        assert!(in_doubt(&[cell("9,500"), cell("1,250")]).is_empty());
        // Two of them among whole numbers: both.
        assert_eq!(
            in_doubt(&[cell("9,500"), cell("8"), cell("1,250")]).len(),
            2
        );
        // A fraction says nothing about the notation.
        assert!(in_doubt(&[cell("9,500"), cell("1/2")]).is_empty());
    }

    #[test]
    fn doubts_a_thousands_dot_among_small_decimals_only() {
        let col = [cell("23,5"), cell("30,1"), cell("1.500")];
        assert_eq!(in_doubt(&col), vec![(2, Lookalike::DotThree)]);
        // Money printed "5.111,0": thousands with decimals are no sign of English.
        assert!(in_doubt(&[cell("5.111,0"), cell("447,0"), cell("1.500")]).is_empty());
        assert!(in_doubt(&[cell("1.200"), cell("800")]).is_empty());
    }

    #[test]
    fn counts_are_whole_things_not_rates_per_something() {
        assert!(is_count_unit("hộ"));
        assert!(is_count_unit("trạm y tế xã"));
        assert!(is_count_unit("công trình chợ"));
        assert!(is_count_unit(" Người "));
        for not in [
            "%",
            "km",
            "triệu đồng/người/năm",
            "câu lạc bộ/xã",
            "hộp",
            "năm",
            "lần",
            "",
        ] {
            assert!(!is_count_unit(not), "{not}");
        }
    }

    #[test]
    fn says_both_readings_in_words() {
        let (read, meant, write) = readings("1,234").unwrap();
        assert_eq!(read, "one point two three four");
        assert_eq!(meant, "one thousand two hundred thirty-four");
        assert_eq!(write, "1.234");
        let (read, meant, write) = readings("-40,000").unwrap();
        assert_eq!(
            (read.as_str(), meant.as_str(), write.as_str()),
            (
                "minus forty point zero zero zero",
                "minus forty thousand",
                "-40.000"
            )
        );
        let (read, meant, write) = readings("1.500").unwrap();
        assert_eq!(
            (read.as_str(), meant.as_str(), write.as_str()),
            (
                "one thousand five hundred",
                "one point five zero zero",
                "1,500"
            )
        );
        assert_eq!(words(915), "nine hundred fifteen");
        assert_eq!(readings("1,5"), None);
    }
}
