//! CSV tables of progress reports: the first byte picks the table (values, money, outputs or
//! tasks) whose rows the rest holds. Reading never panics, every row that reads keeps
//! a span inside the text, and every problem points inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minhbach::load::csv::rows;
use minhbach::load::raw::*;
use minhbach::load::REPORT_TABLES;
use minhbach::problem::SourceFile;

fn check<T: serde::de::DeserializeOwned>(file: &SourceFile, t: usize) {
    let (_, fields, required, texts) = REPORT_TABLES[t];
    let (got, problems) = rows::<T>(file, fields, required, texts);
    let len = file.text.len();
    for r in &got {
        assert!(r.span().end <= len, "row span past the end");
    }
    let lines = file.text.split('\n').count();
    for p in &problems {
        assert!(p.line <= lines, "{p}: line past the end");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let file = SourceFile::new("t.csv", text);
    match pick % 4 {
        0 => check::<RawValue>(&file, 0),
        1 => check::<RawMoneyFigure>(&file, 1),
        2 => check::<RawOutput>(&file, 2),
        _ => check::<RawTask>(&file, 3),
    }
});
