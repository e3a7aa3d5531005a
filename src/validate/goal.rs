//! The figures of a target: exactly the fields its shape uses, each figure in its place.

use super::Validator;
use crate::load::raw::RawTarget;
use crate::model::*;
use crate::problem::SourceFile;
use std::ops::Range;

/// The optional fields of a target that carry figures or their meaning, and which shapes use
/// them; a field a shape does not use is an error, so that nothing written is silently ignored.
fn uses(shape: TargetShape, field: &str) -> bool {
    use TargetShape::*;
    match field {
        "op" => matches!(shape, Threshold | AnnualRate | Multiple | Ratio),
        "direction" => matches!(shape, Threshold | Range | AnnualRate),
        "value" => matches!(shape, Threshold | AnnualRate | Multiple | Ratio),
        "min" | "max" => matches!(shape, Range | AnnualRate),
        "baseline_year" => shape == Multiple,
        "reference" => shape == Ratio,
        "unit" | "unit_before" | "baseline" => shape != Qualitative,
        "rate" => shape == AnnualRate,
        "better" => matches!(shape, Threshold | Range | Ratio),
        _ => true,
    }
}

/// The fields a target of its shape needs and does not have, in the order they are reported.
fn missing_fields(t: &RawTarget, [value, min, max]: [Option<Figure>; 3]) -> Vec<&'static str> {
    let mut missing = Vec::new();
    let mut need = |field: &'static str, here: bool| {
        if !here {
            missing.push(field);
        }
    };
    match t.shape {
        TargetShape::Threshold => {
            need("op", t.op.is_some());
            need("value", value.is_some());
        }
        TargetShape::Range => {
            need("min", min.is_some());
            need("max", max.is_some());
        }
        TargetShape::AnnualRate => {
            need("direction", t.direction.is_some());
            let value_or_range = value.is_some() || (min.is_some() && max.is_some());
            need("value` (or `min` and `max", value_or_range);
        }
        TargetShape::Multiple => {
            need("op", t.op.is_some());
            need("value", value.is_some());
            need("baseline_year", t.baseline_year.is_some());
        }
        TargetShape::Ratio => {
            need("value", value.is_some());
            need("reference", t.reference.is_some());
        }
        TargetShape::Qualitative => {}
    }
    missing
}

/// The content's word for a shape.
fn shape_name(shape: TargetShape) -> &'static str {
    match shape {
        TargetShape::Threshold => "threshold",
        TargetShape::Range => "range",
        TargetShape::AnnualRate => "annual-rate",
        TargetShape::Multiple => "multiple",
        TargetShape::Ratio => "ratio",
        TargetShape::Qualitative => "qualitative",
    }
}

impl Validator {
    /// Builds the goal of a target, requiring exactly the fields its shape uses.
    pub(super) fn goal(&mut self, f: &SourceFile, span: Range<usize>, t: &RawTarget) -> Goal {
        let id = t.id.get_ref().clone();
        let shape = shape_name(t.shape);
        self.unused_fields(f, &span, t, &id);
        let figures = self.goal_figures(f, &span, t, &id);
        self.share_over_100(f, &span, t, figures);
        let [value, min, max] = figures;
        for field in missing_fields(t, figures) {
            self.problem(
                f,
                Some(span.clone()),
                format!(
                    "target `{id}`: shape \"{shape}\" needs `{field}` (see docs/content-format.md)"
                ),
            );
        }
        let annual = t.shape == TargetShape::AnnualRate;
        if annual && value.is_some() && (min.is_some() || max.is_some()) {
            self.problem(
                f,
                Some(span.clone()),
                format!("target `{id}`: give either `value` or `min` and `max`, not both"),
            );
        }
        self.shaped_goal(t, figures)
    }

    /// A problem for each field the target's shape does not use.
    fn unused_fields(&mut self, f: &SourceFile, span: &Range<usize>, t: &RawTarget, id: &str) {
        let shape = shape_name(t.shape);
        let present = [
            ("op", t.op.is_some()),
            ("direction", t.direction.is_some()),
            ("value", t.value.is_some()),
            ("min", t.min.is_some()),
            ("max", t.max.is_some()),
            ("baseline_year", t.baseline_year.is_some()),
            ("reference", t.reference.is_some()),
            ("unit", t.unit.is_some()),
            ("unit_before", t.unit_before),
            ("baseline", t.baseline.is_some()),
            ("rate", t.rate.is_some()),
            ("better", t.better.is_some()),
        ];
        for (field, _) in present
            .iter()
            .filter(|(f, here)| *here && !uses(t.shape, f))
        {
            self.problem(
                f,
                Some(span.clone()),
                format!("target `{id}`: shape \"{shape}\" does not use `{field}`; remove it, or choose the shape that matches the printed target (see docs/content-format.md)"),
            );
        }
    }

    /// The target's `value`, `min` and `max`, each read and never negative, the range not
    /// upside down.
    fn goal_figures(
        &mut self,
        f: &SourceFile,
        span: &Range<usize>,
        t: &RawTarget,
        id: &str,
    ) -> [Option<Figure>; 3] {
        let fig = |v: &mut Validator, x: &Option<toml::Spanned<_>>, name: &str| {
            x.as_ref().map(|x| {
                let value = v.figure(f, name, x, t.unit.as_ref().map(|u| u.vi.as_str()));
                if value.to_f64() < 0.0 {
                    v.problem(f, Some(x.span()), format!("target `{id}`: `{name}` is negative; write the figure as printed and say the way with `direction` (\"decrease\") or `op` (\"below\")"));
                }
                value
            })
        };
        let value = fig(self, &t.value, "value");
        let min = fig(self, &t.min, "min");
        let max = fig(self, &t.max, "max");
        if let (Some(a), Some(b)) = (min, max) {
            if a.cmp_value(&b) == std::cmp::Ordering::Greater {
                self.problem(f, Some(span.clone()), format!("target `{id}`: `min` is larger than `max`; a range runs from the smaller figure to the larger"));
            }
        }
        [value, min, max]
    }

    /// The goal of the target's shape from its fields; a field missing (already reported) reads
    /// as zero or its most common value.
    fn shaped_goal(&mut self, t: &RawTarget, [value, min, max]: [Option<Figure>; 3]) -> Goal {
        let zero = Figure::Decimal(Decimal::ZERO);
        match t.shape {
            TargetShape::Threshold => Goal::Threshold {
                op: t.op.unwrap_or(Op::Exactly),
                value: value.unwrap_or(zero),
                direction: t.direction,
            },
            TargetShape::Range => Goal::Range {
                min: min.unwrap_or(zero),
                max: max.unwrap_or(zero),
                direction: t.direction,
            },
            TargetShape::AnnualRate => Goal::AnnualRate {
                direction: t.direction.unwrap_or(Direction::Decrease),
                op: t.op,
                value,
                min,
                max,
            },
            TargetShape::Multiple => Goal::Multiple {
                op: t.op.unwrap_or(Op::Exactly),
                value: value.unwrap_or(zero),
                baseline_year: t.baseline_year.unwrap_or(0),
            },
            TargetShape::Ratio => Goal::Ratio {
                op: t.op.unwrap_or(Op::Exactly),
                value: value.unwrap_or(zero),
                reference: self.opt_text(&t.reference).unwrap_or_default(),
            },
            TargetShape::Qualitative => Goal::Qualitative,
        }
    }

    /// A share in percent is at most 100: "trên 105%" of households is a typo. A decrease can
    /// be at most 100% too. Increases and ratios may exceed it ("tăng 150%", "bằng 120%").
    fn share_over_100(
        &mut self,
        f: &SourceFile,
        span: &Range<usize>,
        t: &RawTarget,
        figures: [Option<Figure>; 3],
    ) {
        let percent = t.unit.as_ref().is_some_and(|u| is_percent_sign(&u.vi));
        let bounded = match t.shape {
            TargetShape::Threshold | TargetShape::Range => t.direction != Some(Direction::Increase),
            TargetShape::AnnualRate => t.direction == Some(Direction::Decrease),
            _ => false,
        };
        if !(percent && bounded) {
            return;
        }
        if let Some(over) = figures.iter().flatten().find(|x| x.to_f64() > 100.0) {
            let shown = over.to_string();
            self.problem(
                f,
                Some(span.clone()),
                format!(
                    "target `{}`: {shown}% is over 100%, which a share or a decrease cannot be; check the figure (an increase takes `direction = \"increase\"`)",
                    t.id.get_ref()
                ),
            );
        }
    }
}

/// "%" as authors type it: ASCII or full-width.
pub(super) fn is_percent_sign(unit: &str) -> bool {
    matches!(unit.trim(), "%" | "％")
}
