//! Figures as printed: parsing never panics, and whatever parses reads back as the same value
//! in both languages' notation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minhbach::model::{Decimal, Figure, Lang};
use minhbach::render::format;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(d) = Decimal::parse_vi(s) {
        let vi = format::decimal(d, Lang::Vi).replace('−', "-");
        let back = Decimal::parse_vi(&vi).expect("a formatted figure parses again");
        assert_eq!(back, d, "{s:?} → {vi:?}");
        assert_eq!(back.scale, d.scale, "printed decimals are kept: {s:?}");
        let en = format::decimal(d, Lang::En);
        assert_eq!(en.matches('.').count(), usize::from(d.scale > 0));
    }
    if let Ok(Figure::Fraction { den, .. }) = Figure::parse_vi(s) {
        assert!(den > 0);
    }
});
