//! Views stage: the progress pages' charts, a target's values and a project's money by year.
//! Each is built here as series from the model and the presentation layer (figures in the
//! page's notation, the level and status in words, colours) and drawn by `render::chart` from
//! those alone; it comes back with its figures, for download as CSV. It needs only the
//! language and its interface strings, not a page's context, so a page, a download or a
//! notice can ask for it alike.

use super::palette;
use crate::i18n::Ui;
use crate::model::money::Execution;
use crate::model::status::{self, Assessment, Level, Method, Point};
use crate::model::{Better, Date, Decimal, Figure, Lang, Plan, Project, Status, Target};
use crate::render::chart::{colours, money, target, Chart};
use crate::render::data::Cell;
use crate::render::{explain, format, goal};

/// A project's disbursement chart, with its figures: per year, the allocation (or adjusted
/// figure), what was disbursed, and the rate.
pub fn project_chart(ui: &Ui, lang: Lang, plan: &Plan, pr: &Project) -> Option<Chart> {
    let execs = crate::model::money::project_years(plan, pr);
    let d = |x: Decimal| format::decimal(x, lang);
    let years = money_years(lang, &execs);
    let desc = execs
        .iter()
        .map(|(y, e)| {
            format!(
                "{y}: {} {} / {}",
                ui.get("chart_disbursed"),
                e.disbursed.map_or("–".into(), d),
                e.base().map_or("–".into(), d)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let svg = money::draw(
        &years,
        &money::Words {
            allocated: ui.get("chart_allocated"),
            disbursed: ui.get("chart_disbursed"),
            title: ui.get("chart_money_title"),
            desc: &desc,
        },
    )?;
    let rows = execs
        .iter()
        .map(|(y, e)| {
            vec![
                Cell::Int(i64::from(*y)),
                Cell::num(e.base()),
                Cell::num(e.disbursed),
                e.rate()
                    .map_or(Cell::Empty, |r| Cell::Num(format!("{:.4}", r))),
            ]
        })
        .collect();
    let million = |key| format!("{} ({})", ui.get(key), ui.get("unit_million_short"));
    Some(Chart {
        svg,
        header: vec![
            ui.get("chart_year").to_string(),
            million("chart_allocated"),
            million("chart_disbursed"),
            ui.get("chart_rate_share").to_string(),
        ],
        rows,
    })
}

/// Each year's bars of a project's money chart, with its figures in words ("2023: 1.200,0 /
/// 1.500,0 (80,0%)").
fn money_years(lang: Lang, execs: &[(i32, Execution)]) -> Vec<money::Year> {
    let d = |x: Decimal| format::decimal(x, lang);
    execs
        .iter()
        .map(|(year, e)| money::Year {
            figures: match (e.disbursed, e.base()) {
                (x, Some(b)) => format!(
                    "{year}: {} / {}{}",
                    d(x.unwrap_or(Decimal::ZERO)),
                    d(b),
                    e.rate()
                        .map(|r| format!(" ({})", format::percent(r, lang)))
                        .unwrap_or_default()
                ),
                (Some(x), None) => format!("{year}: {}", d(x)),
                (None, None) => format!("{year}: –"),
            },
            base: e.base().map(Decimal::to_f64),
            disbursed: e.disbursed.map(Decimal::to_f64),
        })
        .collect()
}

/// A target's chart, with its figures: each point's date, value and where it comes from.
/// `a` is the target's assessment.
pub fn target_chart(ui: &Ui, lang: Lang, plan: &Plan, t: &Target, a: &Assessment) -> Option<Chart> {
    let pts = status::points(t, &plan.reports);
    let number = |x: f64, places: u8| format::number(x, places, lang);
    let svg = target::draw(&target_series((ui, lang), t, &pts, a, &number)?)?;
    let rows = pts
        .iter()
        .map(|p| {
            vec![
                Cell::Text(p.date.iso()),
                // As written where it was written ("1237.0"), else as computed.
                match p.figure {
                    Some(Figure::Decimal(d)) => Cell::num(Some(d)),
                    _ => Cell::Num(crate::render::data::number(p.value)),
                },
                Cell::Text(match p.report {
                    Some(r) => plan.reports[r].id.clone(),
                    None => ui.get("chart_baseline").to_string(),
                }),
            ]
        })
        .collect();
    let unit = t.unit.as_ref().map(|u| u.get(lang).text);
    Some(Chart {
        svg,
        header: vec![
            ui.get("chart_date").to_string(),
            match unit {
                Some(u) => format!("{} ({u})", ui.get("chart_value")),
                None => ui.get("chart_value").to_string(),
            },
            ui.get("chart_from").to_string(),
        ],
        rows,
    })
}

/// What a target's chart draws: its values, the level its assessment measures against and where
/// the trend leads, in the page's words; `None` without values.
fn target_series<'a>(
    (ui, lang): (&Ui, Lang),
    t: &Target,
    pts: &[Point],
    a: &Assessment,
    number: &'a dyn Fn(f64, u8) -> String,
) -> Option<target::Series<'a>> {
    let (first, last) = (pts.first()?, pts.last()?);
    let (level, projected) = match &a.method {
        Method::Growth {
            level, projected, ..
        } => (Some(*level), Some(*projected)),
        Method::Reached { level, .. } | Method::Yearly { level, .. } => (Some(*level), None),
        _ => (None, None),
    };
    // Annual figures are for the end of their year, so a year's label stands at its end.
    let years = (first.date.year..=t.horizon.max(last.date.year))
        .map(|y| (y, Date::year_end(y).as_year()))
        .collect();
    let status_word = ui.get(explain::status_key(a.status));
    let better = status::better(t).map(|b| {
        ui.get(if b == Better::Higher {
            "chart_higher_better"
        } else {
            "chart_lower_better"
        })
    });
    Some(target::Series {
        dots: pts
            .iter()
            .map(|p| target::Dot {
                at: p.date.as_year(),
                value: p.value,
                reported: p.report.is_some(),
            })
            .collect(),
        years,
        horizon: Date::year_end(t.horizon).as_year(),
        goal: level.map(|l| target_goal((ui, lang), t, l)),
        projected,
        // Where the trend leads is drawn in the status's colour when it moves away.
        trend: if a.status == Status::Deteriorating {
            palette::status(a.status)
        } else {
            colours::OI_BLUE
        },
        // A share in per cent never needs the axis past 100.
        percent: t.unit.as_ref().is_some_and(|u| u.vi.trim() == "%"),
        // As written ("837,0 lao động"), as in the table of values below the chart.
        last: explain::point_value(t, last, lang),
        better: better.map(str::to_string),
        status: (status_word.to_string(), palette::status(a.status)),
        number,
        title: t.indicator.get(lang).text.to_string(),
        desc: target_desc((ui, lang), t, (first, last), status_word),
    })
}

/// The level a target asks for, with its words: "Mục tiêu 2025: ≥ 95%".
fn target_goal((ui, lang): (&Ui, Lang), t: &Target, l: Level) -> target::Goal {
    let (low, high) = match l {
        Level::Above(v) | Level::AtLeast(v) | Level::Below(v) | Level::AtMost(v) => (v, None),
        Level::Between(a, b) => (a, Some(b)),
    };
    target::Goal {
        low,
        high,
        text: format!(
            "{} {}: {}",
            ui.get("chart_target"),
            t.horizon,
            explain::level(ui, lang, t, l)
        ),
    }
}

/// A target chart's description: from the first value to the last, the target, the status.
fn target_desc(
    (ui, lang): (&Ui, Lang),
    t: &Target,
    (first, last): (&Point, &Point),
    status: &str,
) -> String {
    let (first_v, first_d) = explain::point(t, first, lang);
    let (last_v, last_d) = explain::point(t, last, lang);
    let desc = ui
        .get("chart_target_desc")
        .replace("{first}", &first_v)
        .replace("{first_date}", &first_d)
        .replace("{last}", &last_v)
        .replace("{last_date}", &last_d)
        .replace("{target}", &goal::text(ui, lang, t))
        .replace("{year}", &t.horizon.to_string());
    format!("{desc} {}: {status}.", ui.get("status_label"))
}
