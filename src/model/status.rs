//! The status of a target from its reported values: one documented method for every shape,
//! with the arithmetic kept so that a page can show how the status was reached.
//!
//! The method extends the one national SDG platforms publish (Open SDG / Statistics Canada):
//! the yearly growth since the baseline, compared with the yearly growth needed to reach the
//! target by its year; the ratio of the two gives the status (≥ 0.95 on track, ≥ 0.6 needs
//! acceleration, below off track), and a value that already meets the target is "achieved"
//! whatever the trend. Per shape:
//!
//! - a level to reach ("trên 95%", "dưới 5%", a multiple of a baseline, a ratio to a
//!   reference): growth method against that level;
//! - a range ("30–50%"): achieved inside it, else the growth method towards the nearer bound;
//! - a change ("giảm 50% số xã"): the level is the baseline changed by that much;
//! - a figure for each year ("hằng năm 1.000–1.500 lao động"): the latest year's figure against
//!   it (ratio of the two);
//! - an annual rate ("giảm 2%/năm"): the average change per year since the baseline against the
//!   rate asked, in percentage points or relative as the content says;
//! - qualitative targets: only the status a report states, never computed.
//!
//! Which way is better is never guessed: it comes from `op` (above, below …), `direction`, or
//! `better`; without it a target is "not assessable". A target year that has passed without the
//! target met is "off track".

mod level;

use level::{band, is_percent, resolve};
pub use level::{better, Level};

use super::progress::{series, Report, Status};
use super::{Better, Date, Direction, Figure, Goal, RateKind, Target};

/// One value over time: when it is for, the number, and the report it came from (`None`: the
/// baseline printed with the target).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub date: Date,
    pub value: f64,
    pub report: Option<usize>,
    /// The figure as written, to show it as printed ("20,0"); `None` for a computed ratio.
    pub figure: Option<Figure>,
}

/// Why a status cannot be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// No report gives a value.
    NoValues,
    /// One value, and no baseline to compare it with.
    OneValue,
    /// A change or multiple needs the starting value, and none is given.
    NoBaseline,
    /// The baseline a multiple is of ("so với năm 2020") is not given for that year.
    BaselineYear(i32),
    /// The target does not say which way is better (`op = "exactly"` without `better`).
    NoDirection,
    /// A band ("30–50%") that the latest value lies outside of, and the plan does not say
    /// whether the value should rise or fall: only being inside it is known to be good.
    RangeDirection,
    /// An annual rate that does not say whether it is in points or relative.
    NoRateKind,
    /// The growth method needs positive figures.
    NotPositive,
}

/// How a status was reached: the inputs and the arithmetic, for the page to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Method {
    /// A qualitative target: the status the latest report states.
    Reported {
        date: Date,
    },
    /// The latest value meets the target.
    Reached {
        latest: Point,
        level: Level,
        /// The first value, from which a change target's level is measured.
        base: Point,
    },
    /// Yearly growth since the baseline against the yearly growth needed by the target year.
    Growth {
        base: Point,
        latest: Point,
        level: Level,
        /// The target's year, as the last day of it.
        by: Date,
        /// Observed and needed growth per year (fractions: 0.05 is 5%).
        observed: f64,
        needed: f64,
        /// observed ÷ |needed|, signed so that positive is the right way.
        ratio: f64,
        /// The value the trend leads to by the target year, never past what the figure can be
        /// (a share in per cent stops at 100).
        projected: f64,
        /// When the trend would pass that bound before the target year: the bound.
        capped: Option<f64>,
    },
    /// Average change per year since the baseline against the rate asked.
    Rate {
        base: Point,
        latest: Point,
        kind: RateKind,
        /// Per year, in the right direction (positive: the way asked), points or per cent.
        observed: f64,
        needed: f64,
        ratio: f64,
    },
    /// A figure for each year: the latest year's against it.
    Yearly {
        latest: Point,
        level: Level,
        ratio: f64,
    },
    Unassessable(Why),
}

/// A target's status and how it was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub status: Status,
    pub method: Method,
    /// The target year has passed without the target met.
    pub past_horizon: bool,
}

/// From this ratio of the rates up, a target is on track.
pub const ON_TRACK: f64 = 0.95;
/// From this ratio of the rates up (below `ON_TRACK`), it needs acceleration; below, off track.
pub const ACCELERATE: f64 = 0.6;

/// The status a ratio of the observed to the needed rate gives: below zero the figure moved
/// the wrong way, which Open SDG calls deterioration.
pub fn by_ratio(ratio: f64) -> Status {
    if ratio >= ON_TRACK {
        Status::OnTrack
    } else if ratio >= ACCELERATE {
        Status::NeedsAcceleration
    } else if ratio >= 0.0 {
        Status::OffTrack
    } else {
        Status::Deteriorating
    }
}

fn unassessable(why: Why) -> Assessment {
    Assessment {
        status: if why == Why::NoValues {
            Status::NoData
        } else {
            Status::NotAssessable
        },
        method: Method::Unassessable(why),
        past_horizon: false,
    }
}

/// The values of a target as numbers over time, oldest first; the target's own baseline first
/// when it has one. A ratio target's value given with its reference becomes the ratio.
pub fn points(t: &Target, reports: &[Report]) -> Vec<Point> {
    let mut out: Vec<Point> = t
        .baseline
        .iter()
        .map(|b| Point {
            date: Date::year_end(b.year),
            value: b.value.to_f64(),
            report: None,
            figure: Some(b.value),
        })
        .collect();
    for (i, v) in series(reports, &t.id) {
        let Some(value) = v.value else { continue };
        let mut x = value.to_f64();
        let mut figure = Some(value);
        if let Some(r) = v.reference_value {
            figure = None;
            let r = r.to_f64();
            if r == 0.0 {
                continue;
            }
            x = x / r * if is_percent(t) { 100.0 } else { 1.0 };
        }
        out.push(Point {
            date: v.as_of,
            value: x,
            report: Some(i),
            figure,
        });
    }
    out.sort_by_key(|p| p.date);
    out
}

/// The status of target `t` from the plan's reports, on the day `today` (the site's as-of date)
/// when known.
pub fn assess(t: &Target, reports: &[Report], today: Option<Date>) -> Assessment {
    if let Goal::Qualitative = t.goal {
        return reported(t, reports);
    }
    let pts = points(t, reports);
    if !pts.iter().any(|p| p.report.is_some()) {
        return unassessable(Why::NoValues);
    }
    let by = Date::year_end(t.horizon);
    let latest = *pts.last().unwrap_or(&pts[0]);
    let base = pts[0];
    let Some(better) = better(t) else {
        return undirected(t, latest, base);
    };
    let past = latest.date >= by || today.is_some_and(|d| d > by);
    let mut a = match &t.goal {
        Goal::AnnualRate {
            direction,
            value,
            min,
            ..
        } => rate(t, *direction, value.or(*min), base, latest),
        _ if t.per_year => yearly(t, better, latest),
        _ => level(t, better, &pts, base, latest, by),
    };
    if past && a.status != Status::Achieved && !matches!(a.method, Method::Unassessable(_)) {
        past_horizon(&mut a);
    }
    a
}

/// A qualitative target: the status the latest report states.
fn reported(t: &Target, reports: &[Report]) -> Assessment {
    match series(reports, &t.id)
        .iter()
        .rev()
        .find_map(|(_, v)| v.status.map(|s| (s, v.as_of)))
    {
        Some((status, date)) => Assessment {
            status,
            method: Method::Reported { date },
            past_horizon: false,
        },
        None => unassessable(Why::NoValues),
    }
}

/// A target that does not say which way is better: achieved inside its band, else not assessed.
fn undirected(t: &Target, latest: Point, base: Point) -> Assessment {
    match band(t) {
        // Inside a band is good whichever way the plan meant; outside, the way is not
        // guessed from where the figures stand.
        Some(l) if l.met(latest.value) => reached(latest, l, base),
        Some(_) => unassessable(Why::RangeDirection),
        None => unassessable(Why::NoDirection),
    }
}

/// The latest value meets level `l`.
fn reached(latest: Point, l: Level, base: Point) -> Assessment {
    Assessment {
        status: Status::Achieved,
        method: Method::Reached {
            latest,
            level: l,
            base,
        },
        past_horizon: false,
    }
}

/// The target year has passed and the target is not achieved: off track, unless a rate was
/// kept over the whole period.
fn past_horizon(a: &mut Assessment) {
    // A rate kept over the whole period is met once the period is over.
    let kept = matches!(a.method, Method::Rate { ratio, .. } if ratio >= 1.0 - 1e-9);
    // Missed; and a figure that moved away from the target keeps saying so.
    a.status = if kept {
        Status::Achieved
    } else if a.status == Status::Deteriorating {
        Status::Deteriorating
    } else {
        Status::OffTrack
    };
    a.past_horizon = !kept;
}

/// A level to reach by the target year: achieved, else the growth method.
fn level(
    t: &Target,
    better: Better,
    pts: &[Point],
    base: Point,
    latest: Point,
    by: Date,
) -> Assessment {
    if t.is_change() && pts.len() < 2 {
        return unassessable(Why::NoBaseline);
    }
    let level = match resolve(t, better, pts, base.value) {
        Ok(l) => l,
        Err(why) => return unassessable(why),
    };
    if level.met(latest.value) && !(t.is_change() && latest.report == base.report) {
        return reached(latest, level, base);
    }
    if pts.len() < 2 || latest.date <= base.date {
        return unassessable(Why::OneValue);
    }
    growth(t, better, level, base, latest, by)
}

/// Yearly growth from `base` to `latest` against the yearly growth needed to reach `level` by
/// the end of the target year, and where the trend leads by then.
fn growth(
    t: &Target,
    better: Better,
    level: Level,
    base: Point,
    latest: Point,
    by: Date,
) -> Assessment {
    let goal = level.aim(base.value);
    if base.value < 0.0 || latest.value < 0.0 || goal < 0.0 {
        return unassessable(Why::NotPositive);
    }
    // Open SDG replaces zeros by 0.001 so that growth rates exist.
    let nz = |x: f64| if x == 0.0 { 0.001 } else { x };
    let (y0, yi, yt) = (nz(base.value), nz(latest.value), nz(goal));
    let (t0, ti, tt) = (base.date.as_year(), latest.date.as_year(), by.as_year());
    let observed = (yi / y0).powf(1.0 / (ti - t0)) - 1.0;
    let span = (tt - t0).max(ti - t0);
    let needed = (yt / y0).powf(1.0 / span) - 1.0;
    let sign = if better == Better::Higher { 1.0 } else { -1.0 };
    let ratio = if needed.abs() < 1e-12 {
        // The baseline already stood at the target, and the value has since left it.
        -1.0
    } else {
        sign * observed / needed.abs()
    };
    let projected = yi * (1.0 + observed).powf((tt - ti).max(0.0));
    // A share cannot pass 100%, whatever a trend says.
    let capped = (is_percent(t) && projected > 100.0).then_some(100.0);
    let projected = capped.unwrap_or(projected);
    Assessment {
        status: by_ratio(ratio),
        method: Method::Growth {
            base,
            latest,
            level,
            by,
            observed,
            needed,
            ratio,
            projected,
            capped,
        },
        past_horizon: false,
    }
}

/// A figure set for each year: the latest year's figure against it.
fn yearly(t: &Target, better: Better, latest: Point) -> Assessment {
    let level = match resolve(t, better, &[latest], latest.value) {
        Ok(l) => l,
        Err(why) => return unassessable(why),
    };
    if level.met(latest.value) {
        return reached(latest, level, latest);
    }
    let goal = level.aim(latest.value);
    let ratio = match better {
        Better::Higher if goal > 0.0 => latest.value / goal,
        Better::Lower if latest.value > 0.0 => goal / latest.value,
        _ => 0.0,
    };
    Assessment {
        status: by_ratio(ratio),
        method: Method::Yearly {
            latest,
            level,
            ratio,
        },
        past_horizon: false,
    }
}

/// An average yearly change against the rate asked.
fn rate(t: &Target, d: Direction, asked: Option<Figure>, base: Point, latest: Point) -> Assessment {
    let Some(kind) = t.rate else {
        return unassessable(Why::NoRateKind);
    };
    let Some(asked) = asked else {
        return unassessable(Why::NoDirection);
    };
    if latest.date <= base.date {
        return unassessable(Why::OneValue);
    }
    let years = latest.date.as_year() - base.date.as_year();
    let sign = if d == Direction::Increase { 1.0 } else { -1.0 };
    let observed = match kind {
        RateKind::Points => (latest.value - base.value) / years,
        RateKind::Relative => {
            if base.value <= 0.0 || latest.value <= 0.0 {
                return unassessable(Why::NotPositive);
            }
            ((latest.value / base.value).powf(1.0 / years) - 1.0) * 100.0
        }
    } * sign;
    let needed = asked.to_f64();
    let ratio = if needed > 0.0 { observed / needed } else { 0.0 };
    // A rate is met over the whole period; before its end, keeping it is being on track.
    Assessment {
        status: by_ratio(ratio),
        method: Method::Rate {
            base,
            latest,
            kind,
            observed,
            needed,
            ratio,
        },
        past_horizon: false,
    }
}

#[cfg(test)]
mod tests;
