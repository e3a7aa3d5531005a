//! How a target's figure reads, in each language: the one place that decides, so the plan page,
//! the agency pages and every later view say the same ("≥ 95%", "giảm 50%", "bằng 60% bình
//! quân chung cả nước", "mức độ 3", "decrease by 3–4% a year").
//!
//! Stage: presentation, above `format` and below `explain`.

use super::format;
use crate::i18n::Ui;
use crate::model::{Direction, Figure, Goal, Lang, Op, Target, Text};

fn op_prefix(ui: &Ui, op: Option<Op>) -> String {
    let key = match op {
        Some(Op::Above) => "op_above",
        Some(Op::AtLeast) => "op_at_least",
        Some(Op::Below) => "op_below",
        Some(Op::AtMost) => "op_at_most",
        Some(Op::Exactly) | None => return String::new(),
    };
    format!("{} ", ui.get(key))
}

/// A figure (already formatted) with the target's unit: "12,5%", "773 hộ", "mức độ 3".
pub fn with_unit_text(lang: Lang, t: &Target, value: String) -> String {
    match &t.unit {
        Some(u) => {
            let u = u.get(lang).text;
            if u == "%" {
                format!("{value}%")
            } else if t.unit_before {
                format!("{u} {value}")
            } else {
                format!("{value} {u}")
            }
        }
        None => value,
    }
}

/// "giảm 50%", "decrease by 50%".
fn change(ui: &Ui, direction: Direction, amount: &str) -> String {
    let dir = ui.get(match direction {
        Direction::Increase => "increase",
        Direction::Decrease => "decrease",
    });
    ui.get("change_by")
        .replace("{dir}", dir)
        .replace("{amount}", amount)
}

fn per_year(ui: &Ui, s: String, yes: bool) -> String {
    if yes {
        format!("{s}{}", ui.get("per_year"))
    } else {
        s
    }
}

/// The compact figure of a target, with its unit and direction.
pub fn text(ui: &Ui, lang: Lang, t: &Target) -> String {
    let f = |x: Figure| format::figure(x, lang);
    let directed = |amount: String, direction: &Option<Direction>| match direction {
        Some(d) => change(ui, *d, &amount),
        None => amount,
    };
    match &t.goal {
        Goal::Threshold {
            op,
            value,
            direction,
        } => {
            let amount = format!(
                "{}{}",
                op_prefix(ui, Some(*op)),
                with_unit_text(lang, t, f(*value))
            );
            per_year(ui, directed(amount, direction), t.per_year)
        }
        Goal::Range {
            min,
            max,
            direction,
        } => {
            let amount = with_unit_text(lang, t, format!("{}–{}", f(*min), f(*max)));
            per_year(ui, directed(amount, direction), t.per_year)
        }
        Goal::AnnualRate {
            direction,
            op,
            value,
            min,
            max,
        } => {
            let amount = rate_amount(ui, lang, *op, *value, min.zip(*max));
            let amount = with_unit_text(lang, t, amount);
            per_year(ui, change(ui, *direction, &amount), true)
        }
        Goal::Multiple {
            op,
            value,
            baseline_year,
        } => multiple(ui, lang, *op, *value, *baseline_year),
        Goal::Ratio {
            op,
            value,
            reference,
        } => ratio(ui, lang, t, *op, *value, reference),
        Goal::Qualitative => ui.get("qualitative").to_string(),
    }
}

/// The rate a yearly target asks, without its unit: "2", "trên 2", "3–4".
fn rate_amount(
    ui: &Ui,
    lang: Lang,
    op: Option<Op>,
    value: Option<Figure>,
    range: Option<(Figure, Figure)>,
) -> String {
    match (value, range) {
        (Some(v), _) => format!("{}{}", op_prefix(ui, op), format::figure(v, lang)),
        (None, Some((a, b))) => format!("{}–{}", format::figure(a, lang), format::figure(b, lang)),
        _ => String::new(),
    }
}

/// "tăng trên 2 lần so với năm 2020".
fn multiple(ui: &Ui, lang: Lang, op: Op, value: Figure, baseline_year: i32) -> String {
    let times = ui
        .get("times_level")
        .replace("{n}", &format::figure(value, lang))
        .replace("{year}", &baseline_year.to_string());
    format!("{}{times}", op_prefix(ui, Some(op)))
}

/// "bằng 1/2 bình quân chung cả tỉnh".
fn ratio(ui: &Ui, lang: Lang, t: &Target, op: Op, value: Figure, reference: &Text) -> String {
    let value = with_unit_text(lang, t, format::figure(value, lang));
    let reference = reference.get(lang).text;
    let op = op_prefix(ui, Some(op));
    let template = if op.is_empty() {
        "ratio_exactly"
    } else {
        "ratio_op"
    };
    ui.get(template)
        .replace("{op}", op.trim_end())
        .replace("{value}", &value)
        .replace("{reference}", reference)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Decimal;

    fn strings() -> crate::i18n::Strings {
        crate::i18n::Strings::load(&crate::theme::Theme::built_in()).unwrap()
    }

    fn d(s: &str) -> Figure {
        Figure::Decimal(Decimal::parse_vi(s).unwrap())
    }

    fn target(goal: Goal, unit: Option<Text>) -> Target {
        Target {
            id: "t".into(),
            horizon: 2025,
            vision: false,
            topic: None,
            indicator: Text::vi("x"),
            text: Text::vi("x"),
            goal,
            unit,
            unit_before: false,
            per_year: false,
            scope: None,
            parent: None,
            lead: vec![],
            support: vec![],
            reference: None,
            baseline: None,
            better: None,
            rate: None,
            data_note: None,
        }
    }

    fn both(t: &Target) -> (String, String) {
        let s = strings();
        (text(&s.vi, Lang::Vi, t), text(&s.en, Lang::En, t))
    }

    fn pct() -> Option<Text> {
        Some(Text::vi("%"))
    }

    #[test]
    fn every_shape_reads_with_its_unit_and_direction_in_both_languages() {
        let cases: Vec<(Target, &str, &str)> = vec![
            (
                target(
                    Goal::Threshold {
                        op: Op::Above,
                        value: d("95"),
                        direction: None,
                    },
                    pct(),
                ),
                "> 95%",
                "> 95%",
            ),
            (
                target(
                    Goal::Threshold {
                        op: Op::Exactly,
                        value: d("50"),
                        direction: Some(Direction::Decrease),
                    },
                    pct(),
                ),
                "giảm 50%",
                "decrease by 50%",
            ),
            (
                target(
                    Goal::Range {
                        min: d("1.000"),
                        max: d("1.500"),
                        direction: None,
                    },
                    Some(Text {
                        vi: "lao động".into(),
                        en: Some("workers".into()),
                    }),
                ),
                "1.000–1.500 lao động",
                "1,000–1,500 workers",
            ),
            (
                target(
                    Goal::AnnualRate {
                        direction: Direction::Decrease,
                        op: Some(Op::AtLeast),
                        value: Some(d("4,5")),
                        min: None,
                        max: None,
                    },
                    pct(),
                ),
                "giảm ≥ 4,5%/năm",
                "decrease by ≥ 4.5% a year",
            ),
            (
                target(
                    Goal::Multiple {
                        op: Op::Above,
                        value: d("2"),
                        baseline_year: 2020,
                    },
                    None,
                ),
                "> 2 lần mức năm 2020",
                "> 2× the 2020 level",
            ),
            (
                target(
                    Goal::Ratio {
                        op: Op::Exactly,
                        value: d("60"),
                        reference: Text {
                            vi: "bình quân chung cả nước".into(),
                            en: Some("the national average".into()),
                        },
                    },
                    pct(),
                ),
                "bằng 60% bình quân chung cả nước",
                "60% of the national average",
            ),
            (
                target(
                    Goal::Ratio {
                        op: Op::AtLeast,
                        value: Figure::Fraction { num: 1, den: 2 },
                        reference: Text {
                            vi: "bình quân chung cả tỉnh".into(),
                            en: Some("the provincial average".into()),
                        },
                    },
                    None,
                ),
                "≥ 1/2 bình quân chung cả tỉnh",
                "≥ 1/2 of the provincial average",
            ),
            (target(Goal::Qualitative, None), "Định tính", "Qualitative"),
        ];
        for (t, vi, en) in cases {
            assert_eq!(both(&t), (vi.to_string(), en.to_string()), "{:?}", t.goal);
        }
    }

    #[test]
    fn a_unit_written_before_the_figure_stays_before_it() {
        let mut t = target(
            Goal::Threshold {
                op: Op::Exactly,
                value: d("3"),
                direction: None,
            },
            Some(Text {
                vi: "mức độ".into(),
                en: Some("level".into()),
            }),
        );
        t.unit_before = true;
        assert_eq!(both(&t), ("mức độ 3".into(), "level 3".into()));
        let mut t = target(
            Goal::Range {
                min: d("3"),
                max: d("4"),
                direction: Some(Direction::Decrease),
            },
            pct(),
        );
        t.per_year = true;
        assert_eq!(
            both(&t),
            ("giảm 3–4%/năm".into(), "decrease by 3–4% a year".into())
        );
    }
}
