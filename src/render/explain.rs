//! A target's status in words: the inputs and the arithmetic of `model::status`, as sentences in
//! the page's language, so that any reader can redo the computation by hand.

use super::format;
use crate::i18n::Ui;
use crate::model::status::{Assessment, Level, Method, Point, Why};
use crate::model::{Decimal, Figure, Goal, Lang, RateKind, Status, Target};

/// A number rounded to `places` decimals, in the language's notation.
pub fn number(x: f64, places: u8, lang: Lang) -> String {
    let scale = 10f64.powi(i32::from(places));
    let units = (x * scale).round();
    if !units.is_finite() || units.abs() > 1e17 {
        return "–".into();
    }
    format::decimal(Decimal::new(units as i128, places), lang)
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
    let n = figure(t, x, lang);
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
    let v = |x| with_unit(t, x, lang);
    match l {
        Level::Above(x) => format!("{} {}", ui.get("op_above"), v(x)),
        Level::AtLeast(x) => format!("{} {}", ui.get("op_at_least"), v(x)),
        Level::Below(x) => format!("{} {}", ui.get("op_below"), v(x)),
        Level::AtMost(x) => format!("{} {}", ui.get("op_at_most"), v(x)),
        Level::Between(a, b) => with_range_unit(
            t,
            format!("{}–{}", figure(t, a, lang), figure(t, b, lang)),
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
    let value = match p.figure {
        Some(f) => super::goal::with_unit_text(lang, t, format::figure(f, lang)),
        None => with_unit(t, p.value, lang),
    };
    (value, format::day(p.date, lang))
}

/// For a change target ("giảm 50%"), the change as the target states it.
fn change_of(ui: &Ui, lang: Lang, t: &Target) -> Option<String> {
    matches!(
        t.goal,
        Goal::Threshold {
            direction: Some(_),
            ..
        } | Goal::Range {
            direction: Some(_),
            ..
        }
    )
    .then(|| super::goal::text(ui, lang, t))
}

/// The sentences that explain an assessment.
pub fn explain(ui: &Ui, lang: Lang, t: &Target, a: &Assessment) -> Vec<String> {
    let pct = |x: f64| format!("{}%", number(x * 100.0, 1, lang));
    let ratio = |x: f64| number(x, 2, lang);
    let mut out = Vec::new();
    match &a.method {
        Method::Reported { date } => out.push(fill(
            ui.get("explain_reported"),
            &[("date", format::day(*date, lang))],
        )),
        Method::Reached {
            latest,
            level: l,
            base,
        } => {
            let (v, d) = point(t, latest, lang);
            out.push(fill(
                ui.get("explain_reached"),
                &[("value", v), ("date", d), ("level", level(ui, lang, t, *l))],
            ));
            if let Some(by) = change_of(ui, lang, t) {
                let (bv, bd) = point(t, base, lang);
                out.push(fill(
                    ui.get("explain_change_level"),
                    &[("base", bv), ("base_date", bd), ("change", by)],
                ));
            }
        }
        Method::Growth {
            base,
            latest,
            level: l,
            by,
            observed,
            needed,
            ratio: r,
            projected,
        } => {
            let (bv, bd) = point(t, base, lang);
            let (lv, ld) = point(t, latest, lang);
            out.push(fill(
                ui.get("explain_growth"),
                &[
                    ("base", bv),
                    ("base_date", bd),
                    ("latest", lv),
                    ("latest_date", ld),
                    ("observed", pct(*observed)),
                ],
            ));
            out.push(fill(
                ui.get("explain_growth_needed"),
                &[
                    ("level", level(ui, lang, t, *l)),
                    ("year", by.year.to_string()),
                    ("needed", pct(*needed)),
                ],
            ));
            out.push(fill(ui.get("explain_ratio"), &[("ratio", ratio(*r))]));
            out.push(fill(
                ui.get("explain_projected"),
                &[
                    ("year", by.year.to_string()),
                    ("projected", with_unit(t, *projected, lang)),
                ],
            ));
        }
        Method::Rate {
            base,
            latest,
            kind,
            observed,
            needed,
            ratio: r,
        } => {
            let (bv, bd) = point(t, base, lang);
            let (lv, ld) = point(t, latest, lang);
            let unit = ui.get(match kind {
                RateKind::Points => "rate_points",
                RateKind::Relative => "rate_relative",
            });
            out.push(fill(
                ui.get("explain_rate"),
                &[
                    ("base", bv),
                    ("base_date", bd),
                    ("latest", lv),
                    ("latest_date", ld),
                    ("observed", format!("{} {unit}", number(*observed, 2, lang))),
                    ("needed", format!("{} {unit}", number(*needed, 2, lang))),
                ],
            ));
            out.push(fill(ui.get("explain_ratio"), &[("ratio", ratio(*r))]));
        }
        Method::Yearly {
            latest,
            level: l,
            ratio: r,
        } => {
            let (v, d) = point(t, latest, lang);
            out.push(fill(
                ui.get("explain_yearly"),
                &[("value", v), ("date", d), ("level", level(ui, lang, t, *l))],
            ));
            out.push(fill(
                ui.get("explain_ratio_yearly"),
                &[("ratio", ratio(*r))],
            ));
        }
        Method::Unassessable(why) => out.push(match why {
            Why::NoValues => ui.get("why_no_values").to_string(),
            Why::OneValue => ui.get("why_one_value").to_string(),
            Why::NoBaseline => ui.get("why_no_baseline").to_string(),
            Why::BaselineYear(y) => fill(ui.get("why_baseline_year"), &[("year", y.to_string())]),
            Why::NoDirection => ui.get("why_no_direction").to_string(),
            Why::NoRateKind => ui.get("why_no_rate_kind").to_string(),
            Why::NotPositive => ui.get("why_not_positive").to_string(),
        }),
    }
    if a.past_horizon {
        out.push(fill(
            ui.get("explain_past_horizon"),
            &[("year", t.horizon.to_string())],
        ));
    }
    out
}
