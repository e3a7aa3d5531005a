//! Workbooks, in memory. The first byte picks the mode: even, the rest is the file as it is;
//! odd, since random bytes rarely form a zip, the second byte picks which parts of a small valid
//! workbook (`seed/workbook/base/`) the rest replaces (pieces separated by 0xFF, a byte UTF-8
//! never holds) and whether parts are deflated or stored, and a zip is built around them here.
//! Inputs to start from: `seed/workbook/inputs/` (real workbooks, and pieces of the base one).
//! Reading never panics, every sheet is turned into CSV text, and every problem names the file
//! and stays short (no value is ever quoted whole).
//!
//! minhbach catches a panic of calamine (it becomes a problem with the file), as in a real
//! run: the panic hook libfuzzer-sys installs, which aborts at once, is replaced by one that
//! only prints. A panic anywhere else still reaches libfuzzer-sys, which aborts: a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minhbach::load::xlsx::{Sheet, Workbook};
use minhbach::problem::Problems;
use std::io::Write;

/// The parts of the base workbook, by name; the first six may be replaced.
const BASE: [(&str, &[u8]); 7] = [
    ("xl/workbook.xml", include_bytes!("../seed/workbook/base/workbook.xml")),
    ("xl/_rels/workbook.xml.rels", include_bytes!("../seed/workbook/base/workbook.xml.rels")),
    ("xl/worksheets/sheet1.xml", include_bytes!("../seed/workbook/base/sheet1.xml")),
    ("xl/worksheets/sheet2.xml", include_bytes!("../seed/workbook/base/sheet2.xml")),
    ("xl/sharedStrings.xml", include_bytes!("../seed/workbook/base/sharedStrings.xml")),
    ("xl/styles.xml", include_bytes!("../seed/workbook/base/styles.xml")),
    ("_rels/.rels", include_bytes!("../seed/workbook/base/rels.xml")),
];

/// The base workbook with parts replaced by the pieces of `rest`, as a zip archive.
fn built(flags: u8, rest: &[u8]) -> Vec<u8> {
    let mut pieces = rest.split(|b| *b == 0xFF);
    let method = if flags & 0x40 != 0 {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (i, (name, base)) in BASE.iter().enumerate() {
        let part = match (flags >> i) & 1 == 1 && i < 6 {
            true => pieces.next().unwrap_or_default(),
            false => base,
        };
        z.start_file(*name, options).unwrap();
        z.write_all(part).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// Prints a panic, except one inside the libraries reading the workbook, which minhbach
/// catches (in a fuzzing build, arithmetic overflows in calamine panic; in a release build they
/// do not).
fn quiet_for_libraries(info: &std::panic::PanicHookInfo<'_>) {
    let file = info.location().map_or("", |l| l.file());
    if !["/calamine-", "/quick-xml-", "/zip-"].iter().any(|lib| file.contains(lib)) {
        eprintln!("{info}");
    }
}

fuzz_target!(
    init: {
        std::panic::set_hook(Box::new(quiet_for_libraries));
    },
    |data: &[u8]| {
        let Some((&mode, rest)) = data.split_first() else { return };
        let bytes = if mode % 2 == 0 {
            rest.to_vec()
        } else {
            let Some((&flags, rest)) = rest.split_first() else { return };
            built(flags, rest)
        };
        let mut problems = Problems::default();
        match Workbook::read("plan.xlsx", bytes) {
            Err(p) => problems.push(p),
            Ok(mut wb) => {
                let names: Vec<String> = wb.names().to_vec();
                let _ = wb.shown_names();
                for name in &names {
                    if let Sheet::Read(file) = wb.sheet(&[name.as_str()], &mut problems) {
                        let cells = file.cells.as_ref().expect("a sheet has its cells' places");
                        assert!(cells.windows(2).all(|w| w[0].start < w[1].start));
                        assert!(cells.iter().all(|c| c.start < file.text.len()));
                    }
                }
            }
        }
        for p in &problems.0 {
            assert_eq!(p.file, "plan.xlsx", "{p}");
            assert!(p.message.len() < 1_000, "a long message: {}", p.message.len());
        }
    }
);
