//! A plan's targets (chỉ tiêu): the figure(s) each sets, in the shape the document gives them,
//! with its horizon, unit, baseline and which way is better.
//!
//! Stage: model, validated domain types; built only by `validate`.

use super::{Figure, Text};
use serde::Deserialize;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize, PartialOrd, Ord,
)]
#[serde(rename_all = "kebab-case")]
pub enum TargetShape {
    Threshold,
    Range,
    AnnualRate,
    Multiple,
    Ratio,
    Qualitative,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Op {
    Above,
    AtLeast,
    Below,
    AtMost,
    Exactly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Increase,
    Decrease,
}

/// The figure(s) of a target, in the shape the document gives.
#[derive(Debug, Clone, PartialEq)]
pub enum Goal {
    /// A level to reach: "trên 95%", "dưới 5%", "đạt 99,7%"; with a direction, a change to make
    /// by the horizon: "giảm 50% số xã", "tăng ít nhất 10%".
    Threshold {
        op: Op,
        value: Figure,
        direction: Option<Direction>,
    },
    /// "30–50%"; with a direction, "giảm 3–4%".
    Range {
        min: Figure,
        max: Figure,
        direction: Option<Direction>,
    },
    /// Change per year: "giảm bình quân 2%/năm" (`value`) or "giảm 3–4%/năm" (`min`..`max`).
    AnnualRate {
        direction: Direction,
        op: Option<Op>,
        value: Option<Figure>,
        min: Option<Figure>,
        max: Option<Figure>,
    },
    /// "tăng trên 2 lần so với năm 2020".
    Multiple {
        op: Op,
        value: Figure,
        baseline_year: i32,
    },
    /// "bằng 1/2 bình quân chung cả tỉnh".
    Ratio {
        op: Op,
        value: Figure,
        reference: Text,
    },
    /// No number.
    Qualitative,
}

/// A target (chỉ tiêu) with its horizon.
#[derive(Debug, Clone)]
pub struct Target {
    /// Unique in the plan.
    pub id: String,
    /// The year the target is for (2025, 2030, 2045).
    pub horizon: i32,
    /// A long-term vision rather than a commitment.
    pub vision: bool,
    pub topic: Option<Text>,
    pub indicator: Text,
    /// The words of the document.
    pub text: Text,
    pub goal: Goal,
    /// Unit of the figures ("%", "lao động").
    pub unit: Option<Text>,
    /// The unit is written before the figure ("mức độ 3", "level 3").
    pub unit_before: bool,
    /// The figure is per year ("hằng năm … 1.000–1.500 lao động", "hằng năm có 90% xã");
    /// annual rates are per year by definition.
    pub per_year: bool,
    /// A single place the target is limited to ("xã Đăk Ang").
    pub scope: Option<Text>,
    /// Id of the target this one refines.
    pub parent: Option<String>,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    /// Section of the document where it is printed.
    pub reference: Option<String>,
    /// The value the target starts from, when the document or a statistics office gives it;
    /// otherwise the first reported value serves.
    pub baseline: Option<Baseline>,
    /// Which way is better, for a target whose figure alone does not say (`op = "exactly"`).
    pub better: Option<Better>,
    /// For an annual rate: whether "2%/năm" is in percentage points or relative.
    pub rate: Option<RateKind>,
    /// A note on the figure (e.g. where the document contradicts itself).
    pub data_note: Option<Text>,
}

impl Target {
    /// A change to make from where the target starts ("giảm 50% số xã", "giảm 3–4%"), rather
    /// than a level to reach: its level is measured from a baseline.
    pub fn is_change(&self) -> bool {
        matches!(
            self.goal,
            Goal::Threshold {
                direction: Some(_),
                ..
            } | Goal::Range {
                direction: Some(_),
                ..
            }
        )
    }
}

/// Where a target starts from: a value in the target's unit, for a year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Baseline {
    pub value: Figure,
    pub year: i32,
}

/// Which way a target's figure should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Better {
    Higher,
    Lower,
}

/// How a yearly rate is meant: "giảm tỷ lệ hộ nghèo 2%/năm" is two percentage points a year
/// (`points`); "tăng thu nhập 10%/năm" is ten per cent of the level a year (`relative`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RateKind {
    Points,
    Relative,
}
