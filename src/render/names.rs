//! Names in words: a plan's short name, the period a report covers and a report's title, the
//! way every page and the search index show them.
//!
//! Stage: presentation (beside `format` and `goal`): imports only the model and the interface
//! strings, so that views and the search index read the same names from below.

use crate::i18n::Ui;
use crate::model::progress::{ReportKind, ReportPeriod};
use crate::model::{Lang, Plan, Report};

/// A plan's short name in `lang`, with the place before it when its short title does not say
/// it already ("Huyện A · Kế hoạch 12"); the flag is set when a part falls back to Vietnamese.
pub fn plan_name(p: &Plan, lang: Lang) -> (String, bool) {
    let short = p.label().get(lang);
    match p.place.as_ref().map(|t| t.get(lang)) {
        Some(place) if p.short_title.is_none() && !short.text.contains(place.text) => (
            format!("{} · {}", place.text, short.text),
            place.fallback || short.fallback,
        ),
        _ => (short.text.to_string(), short.fallback),
    }
}

/// The time a report covers, in words: "6 tháng đầu năm 2022", "first half of 2022",
/// "quý I năm 2022", "Q1 2022".
pub fn period_text(ui: &Ui, p: &ReportPeriod) -> String {
    use ReportKind::*;
    let (y, end) = (p.start.year.to_string(), p.end.year.to_string());
    let (key, n) = match p.kind {
        Quarter => ("period_quarter", p.start.month.div_ceil(3)),
        HalfYear if p.start.month == 1 => ("period_first_half", 1),
        HalfYear => ("period_second_half", 2),
        Year => ("period_year", 0),
        MidTerm => ("period_mid_term", 0),
        Final => ("period_final", 0),
    };
    let roman = ["", "I", "II", "III", "IV"][n.min(4) as usize];
    ui.get(key)
        .replace("{q}", &n.to_string())
        .replace("{q_roman}", roman)
        .replace("{year}", &y)
        .replace("{from}", &y)
        .replace("{to}", &end)
}

/// A report's title when it gives none: "Báo cáo 6 tháng đầu năm 2022", "Annual report 2022".
pub fn period_label(ui: &Ui, p: &ReportPeriod) -> String {
    use ReportKind::*;
    let key = match p.kind {
        Quarter => "report_title_quarter",
        HalfYear => "report_title_half_year",
        Year => "report_title_year",
        MidTerm => "report_title_mid_term",
        Final => "report_title_final",
    };
    ui.get(key).replace("{period}", &period_text(ui, p))
}

/// A report's title in `lang`: its own, or the one its period gives; the flag is set when its
/// own title falls back to Vietnamese.
pub fn report_title(ui: &Ui, lang: Lang, r: &Report) -> (String, bool) {
    match &r.title {
        Some(t) => {
            let t = t.get(lang);
            (t.text.to_string(), t.fallback)
        }
        None => (period_label(ui, &r.period), false),
    }
}
