//! Figures valid in both notations ("1,234", "1.500") whose column or unit makes the English
//! reading likely: a warning at the figure, saying how it was read and how to write the other
//! reading. Every figure read is kept until its plan is validated, then judged with the other
//! figures of its column: a CSV or sheet column, or one field across the entries of a TOML file.

use super::Validator;
use crate::model::notation::{in_doubt, is_count_unit, lookalike, readings, Cell, Lookalike};
use crate::model::Decimal;
use crate::problem::{clip, SourceFile};
use std::collections::BTreeMap;
use std::ops::Range;

/// A figure as written, kept until its column is complete.
pub(super) struct Written {
    file: SourceFile,
    field: String,
    span: Range<usize>,
    text: String,
    /// `None` for a fraction.
    value: Option<Decimal>,
    /// The figure's unit when it counts whole things ("hộ").
    count: Option<String>,
}

impl Validator {
    /// Keeps a figure read from `file` for the judgement of its column; `unit` is the
    /// Vietnamese unit of the figure when it has one. A workbook's number cell is not kept: its
    /// value was never in doubt.
    pub(super) fn keep_written(
        &mut self,
        file: &SourceFile,
        field: &str,
        span: Range<usize>,
        text: &str,
        value: Option<Decimal>,
        unit: Option<&str>,
    ) {
        // A number cell of a workbook holds a number, not a text in some notation.
        if file.cell_at(span.start).is_some_and(|c| c.number) {
            return;
        }
        self.written.push(Written {
            file: file.clone(),
            field: field.to_string(),
            span,
            text: text.trim().to_string(),
            value,
            count: unit
                .filter(|u| is_count_unit(u))
                .map(|u| u.trim().to_string()),
        });
    }

    /// Warns, once each, of the figures kept so far whose column or unit makes them doubtful,
    /// and forgets them.
    pub(super) fn doubtful_figures(&mut self) {
        let written = std::mem::take(&mut self.written);
        let mut columns: BTreeMap<(&str, &str), Vec<&Written>> = BTreeMap::new();
        for w in &written {
            columns
                .entry((w.file.name.as_str(), w.field.as_str()))
                .or_default()
                .push(w);
        }
        for column in columns.values() {
            let cells: Vec<Cell> = column
                .iter()
                .map(|w| Cell {
                    written: &w.text,
                    value: w.value,
                })
                .collect();
            let by_column = in_doubt(&cells);
            for (i, w) in column.iter().enumerate() {
                let why = match by_column.iter().find(|(k, _)| *k == i) {
                    Some((_, Lookalike::CommaThree)) => {
                        Some(" while the other figures of this column are whole numbers".into())
                    }
                    Some((_, Lookalike::DotThree)) => {
                        Some(" while the other figures of this column have decimals".into())
                    }
                    None => match (&w.count, lookalike(&w.text)) {
                        (Some(unit), Some(Lookalike::CommaThree)) => Some(format!(
                            " {}, which are counted in whole numbers",
                            clip(unit)
                        )),
                        _ => None,
                    },
                };
                if let (Some(why), Some((read, meant, write))) = (why, readings(&w.text)) {
                    let text = clip(&w.text);
                    self.warn(
                        &w.file,
                        Some(w.span.clone()),
                        format!(
                            "{} = \"{text}\" is read as {text} ({read}){why}; if you meant {meant}, write {write} (Vietnamese notation)",
                            w.field
                        ),
                    );
                }
            }
        }
    }
}
