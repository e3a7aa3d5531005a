//! Calendar dates for progress: report periods, due dates, as-of dates. Day arithmetic only
//! (days late, share of a year gone); no clock is ever read, so builds stay reproducible.

use std::fmt;

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
            .then_some(Date { year, month, day })
    }

    /// "YYYY-MM-DD".
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| {
            s.get(r)
                .filter(|x| x.bytes().all(|c| c.is_ascii_digit()))
                .and_then(|x| x.parse::<u32>().ok())
        };
        Date::new(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    /// The first and last day of a year.
    pub fn year_start(year: i32) -> Date {
        Date {
            year,
            month: 1,
            day: 1,
        }
    }

    pub fn year_end(year: i32) -> Date {
        Date {
            year,
            month: 12,
            day: 31,
        }
    }

    /// The last day of a month.
    pub fn month_end(year: i32, month: u32) -> Date {
        Date {
            year,
            month,
            day: days_in_month(year, month),
        }
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's `days_from_civil`.
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days() - self.days()
    }

    /// The date as a fractional year (2022-07-02 ≈ 2022.5), for growth rates over time.
    pub fn as_year(self) -> f64 {
        let start = Date::year_start(self.year).days();
        let len = if is_leap(self.year) { 366.0 } else { 365.0 };
        f64::from(self.year) + (self.days() - start) as f64 / len
    }

    /// ISO 8601.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_dates() {
        assert_eq!(Date::parse("2022-10-11"), Date::new(2022, 10, 11));
        assert_eq!(Date::parse("2024-02-29"), Date::new(2024, 2, 29));
        for bad in [
            "2023-02-29",
            "2022-13-01",
            "2022-1-01",
            "11/10/2022",
            "2022-10-11x",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_and_dates_convert_both_ways() {
        for d in [
            "1970-01-01",
            "2000-02-29",
            "2024-12-31",
            "1899-12-30",
            "2026-12-07",
        ] {
            let date = Date::parse(d).unwrap();
            assert_eq!(Date::from_days(date.days()), date, "{d}");
        }
    }

    #[test]
    fn counts_days_across_months_and_leap_years() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(d("1970-01-01").days(), 0);
        assert_eq!(d("2000-03-01").days() - d("2000-02-28").days(), 2);
        assert_eq!(d("2022-01-25").days_until(d("2022-02-04")), 10);
        assert_eq!(d("2023-01-01").days() - d("2022-01-01").days(), 365);
        assert!((d("2022-07-02").as_year() - 2022.5).abs() < 0.01);
    }
}
