//! The level a target asks for, resolved to numbers: which way is better (never guessed), the
//! level an operator, a band, a change from the baseline or a multiple of a year's value sets.
//!
//! Stage: model (the status method's arithmetic, see `model::status`).

use super::{Point, Why};
use crate::model::{Better, Direction, Goal, Op, Target};

/// The level a target asks for, resolved to numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Level {
    Above(f64),
    AtLeast(f64),
    Below(f64),
    AtMost(f64),
    Between(f64, f64),
}

impl Level {
    pub fn met(self, v: f64) -> bool {
        // Figures are compared as printed; a hair of float error must not flip "achieved".
        const E: f64 = 1e-9;
        match self {
            Level::Above(t) => v > t + E,
            Level::AtLeast(t) => v >= t - E,
            Level::Below(t) => v < t - E,
            Level::AtMost(t) => v <= t + E,
            Level::Between(a, b) => v >= a - E && v <= b + E,
        }
    }

    /// The figure to aim at for a trend: the level, or a range's nearer bound.
    pub(super) fn aim(self, from: f64) -> f64 {
        match self {
            Level::Above(t) | Level::AtLeast(t) | Level::Below(t) | Level::AtMost(t) => t,
            Level::Between(a, b) => {
                if from < a {
                    a
                } else {
                    b
                }
            }
        }
    }
}

/// Which way is better for a target, from what its content states.
pub fn better(t: &Target) -> Option<Better> {
    let from_dir = |d: &Option<Direction>| match d {
        Some(Direction::Increase) => Some(Better::Higher),
        Some(Direction::Decrease) => Some(Better::Lower),
        None => None,
    };
    let from_op = |op: Op| match op {
        Op::Above | Op::AtLeast => Some(Better::Higher),
        Op::Below | Op::AtMost => Some(Better::Lower),
        Op::Exactly => t.better,
    };
    match &t.goal {
        Goal::Threshold { op, direction, .. } => from_dir(direction).or_else(|| from_op(*op)),
        Goal::Range { direction, .. } => from_dir(direction).or(t.better),
        Goal::AnnualRate { direction, .. } => from_dir(&Some(*direction)),
        Goal::Multiple { op, value, .. } => from_op(*op).or_else(|| {
            Some(if value.to_f64() >= 1.0 {
                Better::Higher
            } else {
                Better::Lower
            })
        }),
        Goal::Ratio { op, .. } => from_op(*op),
        Goal::Qualitative => None,
    }
}

/// The level operator `op` sets at `value`; "exactly" needs to know which way is better.
pub(super) fn level_of(op: Op, value: f64, better: Option<Better>) -> Option<Level> {
    Some(match op {
        Op::Above => Level::Above(value),
        Op::AtLeast => Level::AtLeast(value),
        Op::Below => Level::Below(value),
        Op::AtMost => Level::AtMost(value),
        Op::Exactly => match better? {
            Better::Higher => Level::AtLeast(value),
            Better::Lower => Level::AtMost(value),
        },
    })
}

/// The target's unit is per cent.
pub(super) fn is_percent(t: &Target) -> bool {
    t.unit.as_ref().is_some_and(|u| u.vi.trim() == "%")
}

/// The baseline value changed by `by` (a share in per cent when the unit is %, else an amount).
pub(super) fn changed(t: &Target, base: f64, by: f64, d: Direction) -> f64 {
    let delta = if is_percent(t) { base * by / 100.0 } else { by };
    match d {
        Direction::Increase => base + delta,
        Direction::Decrease => base - delta,
    }
}

/// A band without a stated direction ("30–50%", neither `direction` nor `better`): the level
/// inside which the target is met.
pub(super) fn band(t: &Target) -> Option<Level> {
    match t.goal {
        Goal::Range {
            min,
            max,
            direction: None,
        } if t.better.is_none() => Some(Level::Between(min.to_f64(), max.to_f64())),
        _ => None,
    }
}

/// Which level a target asks for, given where it starts.
pub(super) fn resolve(t: &Target, better: Better, pts: &[Point], base: f64) -> Result<Level, Why> {
    match &t.goal {
        Goal::Threshold {
            op,
            value,
            direction: None,
        }
        | Goal::Ratio { op, value, .. } => {
            level_of(*op, value.to_f64(), t.better.or(Some(better))).ok_or(Why::NoDirection)
        }
        Goal::Threshold {
            op,
            value,
            direction: Some(d),
        } => {
            let l = change_level(t, base, value.to_f64(), *d);
            Ok(if matches!(op, Op::Above | Op::Below) {
                strict(l)
            } else {
                l
            })
        }
        // A band whose better side the plan states: reaching its near end meets it, and going
        // past it on the better side is more than asked, not a miss.
        Goal::Range {
            min,
            max,
            direction: None,
        } => Ok(match t.better {
            Some(Better::Higher) => Level::AtLeast(min.to_f64()),
            Some(Better::Lower) => Level::AtMost(max.to_f64()),
            None => Level::Between(min.to_f64(), max.to_f64()),
        }),
        // "giảm 3–4%": at least the smaller change.
        Goal::Range {
            min,
            direction: Some(d),
            ..
        } => Ok(change_level(t, base, min.to_f64(), *d)),
        Goal::Multiple {
            op,
            value,
            baseline_year,
        } => {
            let b = pts
                .iter()
                .find(|p| p.date.year == *baseline_year)
                .ok_or(Why::BaselineYear(*baseline_year))?;
            level_of(*op, value.to_f64() * b.value, Some(better)).ok_or(Why::NoDirection)
        }
        Goal::AnnualRate { .. } | Goal::Qualitative => Err(Why::NoDirection),
    }
}

/// The level a change asks for: the baseline changed by `by`, reached from the right side.
pub(super) fn change_level(t: &Target, base: f64, by: f64, d: Direction) -> Level {
    let goal = changed(t, base, by, d);
    match d {
        Direction::Decrease => Level::AtMost(goal),
        Direction::Increase => Level::AtLeast(goal),
    }
}

/// `l` with its bound itself excluded ("trên", "dưới").
pub(super) fn strict(l: Level) -> Level {
    match l {
        Level::AtLeast(v) => Level::Above(v),
        Level::AtMost(v) => Level::Below(v),
        other => other,
    }
}
