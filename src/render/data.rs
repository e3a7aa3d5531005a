//! Downloadable data: each plan's budget lines and targets as CSV, so journalists and
//! committees can check the figures in a spreadsheet. Amounts are in plain notation
//! (`17860.0`), which every spreadsheet reads.
//!
//! A text cell that a spreadsheet would run as a formula (`=IMPORTXML(…)`, `+…`, `-…`, `@…`, or
//! one starting with a tab or carriage return) gets a leading `'`, as OWASP recommends for CSV
//! injection; a number in plain notation (`-3`, `17860.0`) stays a number.

use crate::model::budget::{self, Check};
use crate::model::*;

/// A plain number as this module writes figures: optional `-`, digits, optional `.` digits.
fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (i, f) = body.split_once('.').unwrap_or((body, "0"));
    !i.is_empty()
        && !f.is_empty()
        && i.bytes().all(|b| b.is_ascii_digit())
        && f.bytes().all(|b| b.is_ascii_digit())
}

const FORMULA: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

fn field(s: &str) -> String {
    let s = crate::model::text::strip_forbidden(s);
    let risky =
        (s.starts_with(FORMULA) || s.trim_start().starts_with(FORMULA)) && !is_plain_number(&s);
    let mut s = if risky {
        format!("'{s}")
    } else {
        s.into_owned()
    };
    // A spreadsheet in a decimal-comma locale may split cells at `;` too: no part may start
    // like a formula either.
    if s.contains(';') {
        let parts: Vec<String> = s
            .split(';')
            .enumerate()
            .map(|(i, p)| {
                if i > 0 && p.trim_start().starts_with(FORMULA) {
                    format!("'{p}")
                } else {
                    p.to_string()
                }
            })
            .collect();
        s = parts.join(";");
    }
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn row(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

fn plain(d: Decimal) -> String {
    let (i, f) = d.split_digits();
    let sign = if d.is_negative() { "-" } else { "" };
    if f.is_empty() {
        format!("{sign}{i}")
    } else {
        format!("{sign}{i}.{f}")
    }
}

/// A target figure in plain notation; a fraction as its decimal value ("1/2" → 0.5), to 4 places.
fn figure(f: &Figure) -> String {
    match f {
        Figure::Decimal(d) => plain(*d),
        Figure::Fraction { num, den } => {
            let v = format!("{:.4}", f64::from(*num) / f64::from(*den));
            v.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    }
}

fn key<T: serde::Serialize>(v: T) -> String {
    toml::Value::try_from(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn opt_key<T: serde::Serialize>(v: Option<T>) -> String {
    v.map(key).unwrap_or_default()
}

/// Budget lines and printed totals of a plan, one row each. UTF-8 with BOM so spreadsheet
/// programs show Vietnamese correctly.
pub fn budget_csv(plan: &Plan) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&row(&[
        "plan",
        "record",
        "project_id",
        "project_code_vi",
        "parent_id",
        "source",
        "capital",
        "phase",
        "year",
        "amount_million_vnd",
        "lines_sum_million_vnd",
        "difference_million_vnd",
        "check",
        "note_vi",
        "ref",
    ]
    .map(String::from)));
    // For a printed total: the sum of the lines it covers, the difference, and the verdict.
    let finding = |total: &Money, lines: Vec<&Money>| -> [String; 3] {
        let printed = total.amount.unwrap_or(Decimal::ZERO);
        match budget::reconcile(total, lines) {
            Check::Agrees => [plain(printed), "0".into(), "agrees".into()],
            Check::Differs { computed } => {
                [plain(computed), plain(printed - computed), "differs".into()]
            }
            Check::Unknown => [String::new(), String::new(), "unknown".into()],
        }
    };
    let all_lines: Vec<&Money> = plan.all_projects().flat_map(|p| p.budget.iter()).collect();
    let mut push = |record: &str, pr: Option<&Project>, m: &Money, check: [String; 3]| {
        let [sum, diff, verdict] = check;
        out.push_str(&row(&[
            plan.id.clone(),
            record.to_string(),
            pr.map(|p| p.id.clone()).unwrap_or_default(),
            pr.map(|p| p.code.vi.clone()).unwrap_or_default(),
            pr.and_then(|p| p.parent.clone()).unwrap_or_default(),
            opt_key(m.source),
            opt_key(m.capital),
            opt_key(m.phase),
            m.year.map(|y| y.to_string()).unwrap_or_default(),
            m.amount.map(plain).unwrap_or_default(),
            sum,
            diff,
            verdict,
            m.note.as_ref().map(|n| n.vi.clone()).unwrap_or_default(),
            m.reference.clone().unwrap_or_default(),
        ]));
    };
    let none = || [String::new(), String::new(), String::new()];
    for pr in plan.all_projects() {
        for m in &pr.budget {
            push("line", Some(pr), m, none());
        }
        for m in &pr.printed_totals {
            push(
                "printed-total",
                Some(pr),
                m,
                finding(m, pr.all_budget().collect()),
            );
        }
    }
    for m in &plan.printed_totals {
        push("printed-total", None, m, finding(m, all_lines.clone()));
    }
    out
}

/// Targets of a plan, one row each.
pub fn targets_csv(plan: &Plan) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&row(&[
        "plan",
        "target_id",
        "horizon",
        "vision",
        "indicator_vi",
        "indicator_en",
        "shape",
        "op",
        "direction",
        "value",
        "min",
        "max",
        "unit_vi",
        "unit_before",
        "per_year",
        "baseline_year",
        "reference_vi",
        "text_vi",
        "text_en",
        "scope_vi",
        "lead",
        "support",
        "ref",
    ]
    .map(String::from)));
    for t in &plan.targets {
        let shape = match t.goal {
            Goal::Threshold { .. } => "threshold",
            Goal::Range { .. } => "range",
            Goal::AnnualRate { .. } => "annual-rate",
            Goal::Multiple { .. } => "multiple",
            Goal::Ratio { .. } => "ratio",
            Goal::Qualitative => "qualitative",
        };
        // Figures in plain notation (17860.5, 0.5 for 1/2) so a spreadsheet can sort and filter.
        let fig = |f: &Option<Figure>| f.as_ref().map(figure).unwrap_or_default();
        let (op, direction, value, min, max, baseline, reference) = match &t.goal {
            Goal::Threshold {
                op,
                value,
                direction,
            } => (Some(*op), *direction, Some(*value), None, None, None, None),
            Goal::Range {
                min,
                max,
                direction,
            } => (None, *direction, None, Some(*min), Some(*max), None, None),
            Goal::AnnualRate {
                direction,
                op,
                value,
                min,
                max,
            } => (*op, Some(*direction), *value, *min, *max, None, None),
            Goal::Multiple {
                op,
                value,
                baseline_year,
            } => (
                Some(*op),
                None,
                Some(*value),
                None,
                None,
                Some(*baseline_year),
                None,
            ),
            Goal::Ratio {
                op,
                value,
                reference,
            } => (
                Some(*op),
                None,
                Some(*value),
                None,
                None,
                None,
                Some(reference.vi.clone()),
            ),
            Goal::Qualitative => (None, None, None, None, None, None, None),
        };
        out.push_str(&row(&[
            plan.id.clone(),
            t.id.clone(),
            t.horizon.to_string(),
            t.vision.to_string(),
            t.indicator.vi.clone(),
            t.indicator.en.clone().unwrap_or_default(),
            shape.to_string(),
            opt_key(op),
            opt_key(direction),
            fig(&value),
            fig(&min),
            fig(&max),
            t.unit.as_ref().map(|u| u.vi.clone()).unwrap_or_default(),
            t.unit_before.to_string(),
            t.per_year.to_string(),
            baseline.map(|y| y.to_string()).unwrap_or_default(),
            reference.unwrap_or_default(),
            t.text.vi.clone(),
            t.text.en.clone().unwrap_or_default(),
            t.scope.as_ref().map(|s| s.vi.clone()).unwrap_or_default(),
            t.lead.join(" "),
            t.support.join(" "),
            t.reference.clone().unwrap_or_default(),
        ]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_stay_numbers() {
        assert_eq!(
            field("=IMPORTXML(A1,\"//a\")"),
            "\"'=IMPORTXML(A1,\"\"//a\"\")\""
        );
        assert_eq!(field("+84 123"), "'+84 123");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("-cmd"), "'-cmd");
        assert_eq!(field("\tx"), "'\tx");
        assert_eq!(field("＝1+1"), "'＝1+1");
        assert_eq!(field("-3"), "-3");
        assert_eq!(field("-17860.5"), "-17860.5");
        assert_eq!(field("17860.0"), "17860.0");
        assert_eq!(field("a\u{1b}b"), "ab");
        assert_eq!(field(" =1+1"), "' =1+1");
        assert_eq!(
            field("Theo nhu cầu;=cmd|' /C calc'!A0"),
            "Theo nhu cầu;'=cmd|' /C calc'!A0"
        );
    }

    #[test]
    fn quotes_fields_with_commas_and_writes_plain_amounts() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(plain(Decimal::parse_vi("17.860,0").unwrap()), "17860.0");
        assert_eq!(key(Source::PolicyCredit), "policy-credit");
    }
}
