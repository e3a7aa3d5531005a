//! A target's status in words: the inputs and the arithmetic of `model::status`, as sentences in
//! the page's language, so that any reader can redo the computation by hand.
//!
//! Stage: presentation, its top part: builds on `goal` and `format`, which never import it.

use super::format::{self, number};
use crate::i18n::Ui;
use crate::model::status::{Assessment, Level, Method, Point, Why};
use crate::model::{Date, Figure, Goal, Lang, RateKind, Status, Target};

/// `x` rounded to `places` decimals (as `number` shows it), as a number again.
fn rounded(x: f64, places: u8) -> f64 {
    let scale = 10f64.powi(i32::from(places));
    (x * scale).round() / scale
}

/// The fewest decimals, from `places` up to 6, at which `x` shown still says what `x` says:
/// `same(shown)` compares the rounded figure the way the true one is compared (a class, a
/// level met or not, zero or not). Rounding for display must never make a figure say otherwise.
fn places_for(x: f64, places: u8, same: impl Fn(f64) -> bool) -> u8 {
    (places..=6).find(|p| same(rounded(x, *p))).unwrap_or(6)
}

/// A ratio of rates, with the decimals it needs to fall in its class as shown: 0,9466 is
/// "0,947", not "0,95" (which would read as on track).
pub fn ratio_text(r: f64, lang: Lang) -> String {
    let class = crate::model::status::by_ratio;
    number(r, places_for(r, 2, |shown| class(shown) == class(r)), lang)
}

/// Two rates compared in one explanation, as percentages with the decimals that tell them apart
/// (never "0,2% … 0,2%" for two different rates) and never a rate that is not zero as "0,0%".
fn percents(a: f64, b: f64, lang: Lang) -> (String, String) {
    let (a, b) = pair(a * 100.0, b * 100.0, 1, lang);
    (format!("{a}%"), format!("{b}%"))
}

/// Two figures compared, from `places` decimals up to `places + 3` until they are told apart
/// and neither shows as zero unless it is.
fn pair(a: f64, b: f64, places: u8, lang: Lang) -> (String, String) {
    let nonzero = |x: f64, p: u8| x == 0.0 || rounded(x, p) != 0.0;
    let apart = |p: u8| a == b || rounded(a, p) != rounded(b, p);
    let p = (places..=places + 3)
        .find(|p| nonzero(a, *p) && nonzero(b, *p) && apart(*p))
        .unwrap_or(places + 3);
    (number(a, p, lang), number(b, p, lang))
}

/// The denominator of a target set as a fraction ("16/16 xã", "1/2 bình quân"), whose values
/// read best as fractions too.
fn denominator(t: &Target) -> Option<u32> {
    match t.goal {
        Goal::Threshold {
            value: Figure::Fraction { den, .. },
            ..
        }
        | Goal::Ratio {
            value: Figure::Fraction { den, .. },
            ..
        } if den > 1 => Some(den),
        _ => None,
    }
}

/// A figure as a reader should see it: whole numbers whole, small ones with the decimals that
/// matter (0,404 is not 0,4), a fraction target's values as fractions ("14/16").
pub fn figure(t: &Target, x: f64, lang: Lang) -> String {
    if let Some(den) = denominator(t) {
        let n = x * f64::from(den);
        if (n - n.round()).abs() < 1e-6 {
            return format!("{}/{den}", n.round() as i64);
        }
    }
    let places = if (x - x.round()).abs() < 1e-9 {
        0
    } else if x.abs() < 1.0 {
        3
    } else if x.abs() < 10.0 {
        2
    } else {
        1
    };
    // "6,40" reads as a figure printed with two decimals: drop the zeros that were not there.
    let mut n = number(x, places, lang);
    let mark = if lang == Lang::Vi { ',' } else { '.' };
    if n.contains(mark) {
        while n.ends_with('0') {
            n.pop();
        }
        if n.ends_with(mark) {
            n.pop();
        }
    }
    n
}

/// A value of the target with its unit ("12,5%").
fn with_unit(t: &Target, x: f64, lang: Lang) -> String {
    unit_around(t, figure(t, x, lang), lang)
}

/// The figure the target itself states for the level bound `x`, as typed ("99,0"): when the
/// level is the target's own figure (a threshold, a range, a ratio), not one computed from a
/// baseline (a change, a multiple). A figure typed with decimals keeps them wherever it is shown.
fn stated(t: &Target, x: f64) -> Option<Figure> {
    let figures = match t.goal {
        Goal::Threshold {
            value,
            direction: None,
            ..
        }
        | Goal::Ratio { value, .. } => [Some(value), None],
        Goal::Range {
            min,
            max,
            direction: None,
        } => [Some(min), Some(max)],
        _ => [None, None],
    };
    // The level was made from the same figure by the same conversion: equal to the bit.
    figures.into_iter().flatten().find(|f| f.to_f64() == x)
}

/// A bound of a level: as the target states it when it does, else as computed.
fn bound(t: &Target, x: f64, lang: Lang) -> String {
    match stated(t, x) {
        Some(f) => format::figure(f, lang),
        None => figure(t, x, lang),
    }
}

/// A value compared with a level, with its unit and the decimals that keep the comparison as
/// it is: 99,79 against "≥ 99,8%" is "99,79%", never "99,8%".
fn against(t: &Target, x: f64, l: Level, lang: Lang) -> String {
    let shown = figure(t, x, lang);
    let default = shown
        .rsplit([',', '.'])
        .next()
        .filter(|_| shown.contains([',', '.']))
        .map_or(0, |d| d.len() as u8);
    if l.met(rounded(x, default)) == l.met(x) {
        return unit_around(t, shown, lang);
    }
    let p = places_for(x, default, |r| l.met(r) == l.met(x));
    unit_around(t, number(x, p, lang), lang)
}

fn unit_around(t: &Target, n: String, lang: Lang) -> String {
    match &t.unit {
        Some(u) if u.vi.trim() == "%" => format!("{n}%"),
        Some(u) if t.unit_before => format!("{} {n}", u.get(lang).text),
        Some(u) => format!("{n} {}", u.get(lang).text),
        None => n,
    }
}

/// The level a target asks for, in words: "≥ 95%", "30–50%", "1.000–1.500 lao động/năm".
pub fn level(ui: &Ui, lang: Lang, t: &Target, l: Level) -> String {
    let s = bare_level(ui, lang, t, l);
    if t.per_year {
        format!("{s}{}", ui.get("per_year"))
    } else {
        s
    }
}

fn bare_level(ui: &Ui, lang: Lang, t: &Target, l: Level) -> String {
    let v = |x| unit_around(t, bound(t, x, lang), lang);
    match l {
        Level::Above(x) => format!("{} {}", ui.get("op_above"), v(x)),
        Level::AtLeast(x) => format!("{} {}", ui.get("op_at_least"), v(x)),
        Level::Below(x) => format!("{} {}", ui.get("op_below"), v(x)),
        Level::AtMost(x) => format!("{} {}", ui.get("op_at_most"), v(x)),
        Level::Between(a, b) => with_range_unit(
            t,
            format!("{}–{}", bound(t, a, lang), bound(t, b, lang)),
            lang,
        ),
    }
}

fn with_range_unit(t: &Target, range: String, lang: Lang) -> String {
    match &t.unit {
        Some(u) if u.vi.trim() == "%" => format!("{range}%"),
        Some(u) => format!("{range} {}", u.get(lang).text),
        None => range,
    }
}

/// The interface key of a status label.
pub fn status_key(s: Status) -> &'static str {
    match s {
        Status::Achieved => "status_achieved",
        Status::OnTrack => "status_on_track",
        Status::NeedsAcceleration => "status_needs_acceleration",
        Status::OffTrack => "status_off_track",
        Status::Deteriorating => "status_deteriorating",
        Status::NotAssessable => "status_not_assessable",
        Status::NoData => "status_no_data",
    }
}

fn fill(template: &str, pairs: &[(&str, String)]) -> String {
    pairs.iter().fold(template.to_string(), |s, (k, v)| {
        s.replace(&format!("{{{k}}}"), v)
    })
}

/// A value as written where it was written, else as computed; and its day.
pub fn point(t: &Target, p: &Point, lang: Lang) -> (String, String) {
    (point_value(t, p, lang), format::day(p.date, lang))
}

/// A value with its unit, as written where it was written ("837,0 lao động"), else as computed.
pub fn point_value(t: &Target, p: &Point, lang: Lang) -> String {
    match p.figure {
        Some(f) => super::goal::with_unit_text(lang, t, format::figure(f, lang)),
        None => with_unit(t, p.value, lang),
    }
}

/// For a change target ("giảm 50%"), the change as the target states it.
fn change_of(ui: &Ui, lang: Lang, t: &Target) -> Option<String> {
    t.is_change().then(|| super::goal::text(ui, lang, t))
}

/// The sentences that explain an assessment.
pub fn explain(ui: &Ui, lang: Lang, t: &Target, a: &Assessment) -> Vec<String> {
    let say = Say { ui, lang, t };
    let ratio = |key: &str, r: f64| fill(ui.get(key), &[("ratio", ratio_text(r, lang))]);
    let mut out = match &a.method {
        Method::Reported { date } => vec![fill(
            ui.get("explain_reported"),
            &[("date", format::day(*date, lang))],
        )],
        Method::Reached {
            latest,
            level: l,
            base,
        } => say.reached(latest, *l, base),
        Method::Growth {
            base,
            latest,
            level: l,
            by,
            observed,
            needed,
            ratio: r,
            projected,
            capped,
        } => {
            let [growth, growth_needed] = say.growth((base, latest), *observed, *needed, *l, *by);
            let projection = say.projection(*by, *projected, *capped, *l);
            vec![
                growth,
                growth_needed,
                ratio("explain_ratio", *r),
                projection,
            ]
        }
        Method::Rate {
            base,
            latest,
            kind,
            observed,
            needed,
            ratio: r,
        } => vec![
            say.rate((base, latest), *kind, *observed, *needed),
            ratio("explain_ratio", *r),
        ],
        Method::Yearly {
            latest,
            level: l,
            ratio: r,
        } => vec![say.yearly(latest, *l), ratio("explain_ratio_yearly", *r)],
        Method::Unassessable(why) => vec![say.why(*why)],
    };
    if a.past_horizon {
        out.push(past_horizon(ui, lang, t, &a.method));
    }
    out
}

/// What the sentences of one target's explanation are said with.
struct Say<'a> {
    ui: &'a Ui,
    lang: Lang,
    t: &'a Target,
}

impl Say<'_> {
    fn fill(&self, key: &str, pairs: &[(&str, String)]) -> String {
        fill(self.ui.get(key), pairs)
    }

    fn level(&self, l: Level) -> String {
        level(self.ui, self.lang, self.t, l)
    }

    /// The latest value meets the level; for a change target, measured from the first value.
    fn reached(&self, latest: &Point, l: Level, base: &Point) -> Vec<String> {
        let (v, d) = point(self.t, latest, self.lang);
        let mut out = vec![self.fill(
            "explain_reached",
            &[("value", v), ("date", d), ("level", self.level(l))],
        )];
        if let Some(by) = change_of(self.ui, self.lang, self.t) {
            let (bv, bd) = point(self.t, base, self.lang);
            out.push(self.fill(
                "explain_change_level",
                &[("base", bv), ("base_date", bd), ("change", by)],
            ));
        }
        out
    }

    /// The growth observed from `base` to `latest`, and the growth needed to reach the level by
    /// the target's year.
    fn growth(
        &self,
        (base, latest): (&Point, &Point),
        observed: f64,
        needed: f64,
        l: Level,
        by: Date,
    ) -> [String; 2] {
        let (bv, bd) = point(self.t, base, self.lang);
        let (lv, ld) = point(self.t, latest, self.lang);
        let (observed, needed) = percents(observed, needed, self.lang);
        [
            self.fill(
                "explain_growth",
                &[
                    ("base", bv),
                    ("base_date", bd),
                    ("latest", lv),
                    ("latest_date", ld),
                    ("observed", observed),
                ],
            ),
            self.fill(
                "explain_growth_needed",
                &[
                    ("level", self.level(l)),
                    ("year", by.year.to_string()),
                    ("needed", needed),
                ],
            ),
        ]
    }

    /// Where the trend leads by the target's year, or the bound it stops at.
    fn projection(&self, by: Date, projected: f64, capped: Option<f64>, l: Level) -> String {
        let year = ("year", by.year.to_string());
        match capped {
            Some(cap) => self.fill(
                "explain_projected_cap",
                &[year, ("cap", with_unit(self.t, cap, self.lang))],
            ),
            None => self.fill(
                "explain_projected",
                &[
                    year,
                    ("projected", against(self.t, projected, l, self.lang)),
                ],
            ),
        }
    }

    /// The average change per year observed, against the rate asked (as typed when it is).
    fn rate(
        &self,
        (base, latest): (&Point, &Point),
        kind: RateKind,
        observed: f64,
        needed: f64,
    ) -> String {
        let (bv, bd) = point(self.t, base, self.lang);
        let (lv, ld) = point(self.t, latest, self.lang);
        let unit = self.ui.get(match kind {
            RateKind::Points => "rate_points",
            RateKind::Relative => "rate_relative",
        });
        let (observed, mut needed_text) = pair(observed, needed, 2, self.lang);
        if let Some(asked) = asked_rate(self.t, needed) {
            needed_text = format::figure(asked, self.lang);
        }
        self.fill(
            "explain_rate",
            &[
                ("base", bv),
                ("base_date", bd),
                ("latest", lv),
                ("latest_date", ld),
                ("observed", format!("{observed} {unit}")),
                ("needed", format!("{needed_text} {unit}")),
            ],
        )
    }

    /// The latest year's figure against the level asked each year.
    fn yearly(&self, latest: &Point, l: Level) -> String {
        let (v, d) = point(self.t, latest, self.lang);
        self.fill(
            "explain_yearly",
            &[("value", v), ("date", d), ("level", self.level(l))],
        )
    }

    /// Why the target cannot be assessed.
    fn why(&self, why: Why) -> String {
        let ui = self.ui;
        match why {
            Why::NoValues => ui.get("why_no_values").to_string(),
            Why::OneValue => ui.get("why_one_value").to_string(),
            Why::NoBaseline => ui.get("why_no_baseline").to_string(),
            Why::BaselineYear(y) => self.fill("why_baseline_year", &[("year", y.to_string())]),
            Why::NoDirection => ui.get("why_no_direction").to_string(),
            Why::NoRateKind => ui.get("why_no_rate_kind").to_string(),
            Why::NotPositive => ui.get("why_not_positive").to_string(),
            Why::RangeDirection => range_direction(ui, self.lang, self.t),
        }
    }
}

/// Why a band without a stated direction is not assessed: the plan does not say which way the
/// value should go, and the site does not guess it from where the value stands.
fn range_direction(ui: &Ui, lang: Lang, t: &Target) -> String {
    let band = match t.goal {
        Goal::Range { min, max, .. } => with_range_unit(
            t,
            format!(
                "{}–{}",
                format::figure(min, lang),
                format::figure(max, lang)
            ),
            lang,
        ),
        _ => String::new(),
    };
    fill(ui.get("why_range_direction"), &[("band", band)])
}

/// The rate an annual-rate target asks, as typed ("4,5"), when `needed` is that rate.
fn asked_rate(t: &Target, needed: f64) -> Option<Figure> {
    match t.goal {
        Goal::AnnualRate { value, min, .. } => value.or(min).filter(|f| f.to_f64() == needed),
        _ => None,
    }
}

/// Why a target whose year has passed is off track: the rule that decided, with the latest
/// value against the level it did not reach (the rates above no longer decide).
fn past_horizon(ui: &Ui, lang: Lang, t: &Target, m: &Method) -> String {
    let year = t.horizon.to_string();
    let (latest, l) = match m {
        Method::Growth { latest, level, .. }
        | Method::Reached { latest, level, .. }
        | Method::Yearly { latest, level, .. } => (latest, *level),
        _ => return fill(ui.get("explain_past_horizon"), &[("year", year)]),
    };
    let key = if a_worse(m) {
        "explain_past_horizon_worse"
    } else {
        "explain_past_horizon_level"
    };
    fill(
        ui.get(key),
        &[
            ("year", year),
            ("value", reached_or_not(t, latest, l, lang)),
            ("date", format::day(latest.date, lang)),
            ("level", level(ui, lang, t, l)),
        ],
    )
}

/// Whether the rates of a method say the figure moved away from the target.
fn a_worse(m: &Method) -> bool {
    matches!(m, Method::Growth { ratio, .. } | Method::Rate { ratio, .. } if *ratio < 0.0)
}

/// A reported value against a level: as written when it was written (a typed figure is exact,
/// so it keeps the comparison), else with the decimals that keep it.
fn reached_or_not(t: &Target, p: &Point, l: Level, lang: Lang) -> String {
    match p.figure {
        Some(Figure::Decimal(_)) => point_value(t, p, lang),
        _ => against(t, p.value, l, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ratio_shows_the_decimals_that_keep_its_class() {
        assert_eq!(ratio_text(0.9466, Lang::Vi), "0,947");
        assert_eq!(ratio_text(0.94999, Lang::Vi), "0,94999");
        assert_eq!(ratio_text(0.95, Lang::Vi), "0,95");
        assert_eq!(ratio_text(0.5996, Lang::En), "0.5996");
        assert_eq!(ratio_text(1.2345, Lang::En), "1.23");
    }

    #[test]
    fn two_rates_are_told_apart_and_never_shown_as_zero() {
        assert_eq!(
            percents(0.0002, 0.0004, Lang::Vi),
            ("0,02%".into(), "0,04%".into())
        );
        assert_eq!(
            percents(0.1411, 0.1414, Lang::Vi),
            ("14,11%".into(), "14,14%".into())
        );
        assert_eq!(
            percents(0.141, 0.149, Lang::Vi),
            ("14,1%".into(), "14,9%".into())
        );
        assert_eq!(
            percents(0.0, 0.002, Lang::En),
            ("0.0%".into(), "0.2%".into())
        );
        assert_eq!(
            pair(0.001, 0.004, 2, Lang::Vi),
            ("0,001".into(), "0,004".into())
        );
    }

    #[test]
    fn a_figure_below_a_level_never_shows_as_meeting_it() {
        let t = Target {
            id: "t".into(),
            horizon: 2025,
            vision: false,
            topic: None,
            indicator: crate::model::Text::vi("t"),
            text: crate::model::Text::vi("t"),
            goal: Goal::Qualitative,
            unit: Some(crate::model::Text::vi("%")),
            unit_before: false,
            per_year: false,
            scope: None,
            parent: None,
            lead: Vec::new(),
            support: Vec::new(),
            reference: None,
            baseline: None,
            better: None,
            rate: None,
            data_note: None,
        };
        assert_eq!(against(&t, 99.79, Level::AtLeast(99.8), Lang::Vi), "99,79%");
        assert_eq!(against(&t, 99.81, Level::AtLeast(99.8), Lang::Vi), "99,8%");
        assert_eq!(against(&t, 4.96, Level::AtMost(4.9), Lang::Vi), "4,96%");
        assert_eq!(against(&t, 12.0, Level::Above(12.0), Lang::En), "12%");
    }
}
