//! An amount typed in đồng where the tables are in million đồng (triệu đồng) makes a budget line a
//! million times too large, and every total and share built on it wrong, without any rule of
//! notation being broken. Such a line stands out: it is more than the plan's whole budget, or more
//! than a thousand times the other lines of its table. Warned at the line, with the amount it
//! would be in million đồng.

use super::Validator;
use crate::model::{Decimal, Money};
use crate::problem::SourceFile;
use std::ops::Range;

/// A budget line read, with where its amount stands.
pub(super) struct Line {
    pub file: SourceFile,
    pub span: Range<usize>,
    pub money: Money,
}

/// How many times the other lines a line must be to look like đồng typed as million đồng.
const FACTOR: f64 = 1000.0;

impl Validator {
    /// Warns of every budget line of the plan just read that looks typed in đồng: more than
    /// the plan's whole budget (its largest printed total), or more than 1,000 times the
    /// median of the other lines of its phase and year (when there are at least two others).
    pub(super) fn unit_slips(&mut self, lines: Vec<Line>, printed_totals: &[Money]) {
        let whole = printed_totals.iter().filter_map(|t| t.amount).max();
        for (i, l) in lines.iter().enumerate() {
            let Some(a) = l.money.amount else { continue };
            let mut others: Vec<f64> = lines
                .iter()
                .enumerate()
                .filter(|(j, o)| {
                    *j != i && (o.money.phase, o.money.year) == (l.money.phase, l.money.year)
                })
                .filter_map(|(_, o)| o.money.amount.map(Decimal::to_f64))
                .filter(|x| *x > 0.0)
                .collect();
            others.sort_by(f64::total_cmp);
            let median = (others.len() >= 2).then(|| others[others.len() / 2]);
            let why = match (whole, median) {
                (Some(w), _) if a.to_f64() > w.to_f64() && w.to_f64() > 0.0 => format!(
                    "is more than the plan's whole budget ({w} million VND)"
                ),
                (_, Some(m)) if a.to_f64() > FACTOR * m => format!(
                    "is more than 1,000 times the other lines of its phase and year (their median: {} million VND)",
                    trim(Decimal::new((m * 1000.0).round() as i128, 3))
                ),
                _ => continue,
            };
            let in_million = trim(Decimal::new(a.units, a.scale + 6));
            self.warn(
                &l.file,
                Some(l.span.clone()),
                format!(
                    "amount {a} million VND {why}: was it typed in đồng? The tables are in million VND (triệu đồng): {a} đồng is {in_million} million VND; write the figure in million VND"
                ),
            );
        }
    }
}

/// `d` without the zeros that end its decimals (39,559000 → 39,559).
fn trim(mut d: Decimal) -> Decimal {
    while d.scale > 0 && d.units % 10 == 0 {
        d = Decimal::new(d.units / 10, d.scale - 1);
    }
    d
}
