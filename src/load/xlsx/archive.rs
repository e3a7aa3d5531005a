//! The first step of reading a workbook: its zip archive is walked, and each part calamine reads
//! is inflated here under a cap, before calamine sees any of it. calamine inflates parts as it
//! goes and keeps the shared strings in memory, so a small file whose shared strings inflate to
//! gigabytes would take gigabytes (a "zip bomb"); the sizes a zip declares can lie, so the cap is
//! enforced on the bytes actually inflated, per part and in total. The checked parts are handed
//! to calamine as a new in-memory archive of stored (uncompressed) parts, whose reading cannot
//! grow past what was checked.

use super::parts;
use crate::problem::{clip, detail, Problem};
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// At most this many entries in a workbook's archive. A workbook written by `minhbach template`
/// has 13 and one saved by Excel with a few sheets, drawings and printer settings a few dozen.
pub const MAX_PARTS: usize = 1_000;

/// At most this many bytes in one part once inflated (32 MiB). The largest part of the
/// workbooks `minhbach template` writes is 7 KB, of the test fixtures 10 KB; a sheet of 2,000
/// rows of 26 columns, larger than any plan's table, is about 2 MB.
pub const MAX_PART_BYTES: u64 = 32 << 20;

/// At most this many bytes in all parts read, once inflated (64 MiB); the real workbooks hold
/// 18 to 30 KB.
pub const MAX_INFLATED_BYTES: u64 = 64 << 20;

/// Folders of parts that are never read (a theme, pictures, charts, pivot caches, document
/// properties): they are left in the file, so that a large picture or pivot cache is no reason
/// to refuse a workbook.
const UNREAD_FOLDERS: [&str; 11] = [
    "theme",
    "media",
    "drawings",
    "charts",
    "pivotcache",
    "pivottables",
    "externallinks",
    "printersettings",
    "richdata",
    "customxml",
    "docprops",
];

/// The parts calamine reads are XML: the workbook, its sheets, shared strings, styles and their
/// relationships. Binary parts (pictures, printer settings) are left in the file too.
fn is_read(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let mut folders = n.split('/').rev().skip(1);
    !n.ends_with('/')
        && !folders.any(|f| UNREAD_FOLDERS.contains(&f))
        && (n.ends_with(".xml") || n.ends_with(".rels"))
}

/// The first bytes of an OLE compound file: an old `.xls` workbook, or an `.xlsx` saved with a
/// password (Excel then encrypts the whole zip inside such a file).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// "24 MiB" for a count of bytes in a message.
pub fn mib(bytes: u64) -> String {
    format!("{} MiB", bytes >> 20)
}

/// "cannot be read as an Excel workbook (.xlsx): {what}; save it again …".
fn unreadable(file: &str, what: String) -> Problem {
    Problem::file(
        file,
        format!("cannot be read as an Excel workbook (.xlsx): {what}; save it again from Excel or LibreOffice as .xlsx"),
    )
}

/// The workbook's XML parts, each inflated at most to [`MAX_PART_BYTES`] and all together to
/// [`MAX_INFLATED_BYTES`], as a zip archive of stored parts; or why the file is refused.
pub fn checked_archive(file: &str, bytes: &[u8]) -> Result<Vec<u8>, Problem> {
    if bytes.starts_with(&OLE_MAGIC) {
        return Err(Problem::file(file, "is an old Excel workbook (.xls) or one saved with a password: save it again from Excel or LibreOffice as \"Excel Workbook (.xlsx)\", without a password"));
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        unreadable(
            file,
            format!("it is not a valid zip archive ({})", detail(&e)),
        )
    })?;
    let (wanted, declared) = wanted_parts(file, &zip)?;
    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(
        declared as usize + 256 * wanted.len(),
    )));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let mut total: u64 = 0;
    for (i, name) in wanted {
        let xml = checked_part(file, &mut zip, i, &name, MAX_INFLATED_BYTES - total)?;
        total += xml.inflated;
        out.start_file(name.as_str(), stored)
            .and_then(|()| out.write_all(&xml.bytes).map_err(Into::into))
            .map_err(|e| unreadable(file, detail(&e)))?;
    }
    let out = out.finish().map_err(|e| unreadable(file, detail(&e)))?;
    Ok(out.into_inner())
}

/// The parts to read (index and name) and the sum of their declared sizes, after checking the
/// number of parts and the declared sizes: a part that says it is too large is refused before
/// any inflating.
fn wanted_parts(
    file: &str,
    zip: &ZipArchive<Cursor<&[u8]>>,
) -> Result<(Vec<(usize, String)>, u64), Problem> {
    if zip.len() > MAX_PARTS {
        return Err(Problem::file(file, format!(
            "holds {} parts; a workbook may hold at most {MAX_PARTS}: save it again from Excel or LibreOffice, keeping only the plan's sheets",
            zip.len()
        )));
    }
    let mut wanted = Vec::new();
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_data(i)
            .map_err(|e| unreadable(file, detail(&e)))?;
        let name = entry.name().map_err(|e| unreadable(file, detail(&e)))?;
        if !is_read(&name) {
            continue;
        }
        if entry.size() > MAX_PART_BYTES {
            return Err(too_large(file, &name));
        }
        declared = declared.saturating_add(entry.size());
        wanted.push((i, name.into_owned()));
    }
    if declared > MAX_INFLATED_BYTES {
        return Err(too_large_in_all(file));
    }
    Ok((wanted, declared))
}

/// A part as handed to calamine, and how many bytes it inflated to.
struct Checked {
    bytes: Vec<u8>,
    inflated: u64,
}

/// Part `i`, inflated under the caps (at most `total_left` bytes more in all), its shared
/// strings or styles defused.
fn checked_part(
    file: &str,
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    i: usize,
    name: &str,
    total_left: u64,
) -> Result<Checked, Problem> {
    let damaged = |what: String| unreadable(file, format!("its part \"{}\" {what}", clip(name)));
    let part = zip
        .by_index(i)
        .map_err(|e| damaged(format!("cannot be opened ({})", detail(&e))))?;
    let expected = part.size();
    let mut bytes = match inflate(part, expected, MAX_PART_BYTES, total_left) {
        Ok(bytes) => bytes,
        Err(Capped::Part) => return Err(too_large(file, name)),
        Err(Capped::Total) => return Err(too_large_in_all(file)),
        Err(Capped::Io(e)) => return Err(damaged(format!("is damaged ({})", detail(&e)))),
    };
    let inflated = bytes.len() as u64;
    let amplified = |what: String| {
        Problem::file(file, format!("{what}, and no plan's workbook comes near it (the file is damaged, or made to exhaust memory): save the sheets again from Excel or LibreOffice"))
    };
    if parts::is_shared_strings(name) {
        parts::shared_strings(&mut bytes).map_err(amplified)?;
    } else if parts::is_styles(name) {
        bytes = parts::styles(&bytes).map_err(amplified)?;
    }
    Ok(Checked { bytes, inflated })
}

/// The refusal of a part that inflates past [`MAX_PART_BYTES`].
fn too_large(file: &str, part: &str) -> Problem {
    let cap = mib(MAX_PART_BYTES);
    Problem::file(
        file,
        format!(
            "its part \"{}\" inflates to more than {cap}; a part of a workbook may hold at most {cap}, and no plan's table comes near it (the file is damaged, or made to exhaust memory): save the sheets again from Excel or LibreOffice",
            clip(part),
        ),
    )
}

/// The refusal of parts that inflate past [`MAX_INFLATED_BYTES`] together.
fn too_large_in_all(file: &str) -> Problem {
    let cap = mib(MAX_INFLATED_BYTES);
    Problem::file(
        file,
        format!("its parts inflate to more than {cap} in all; a workbook may hold at most {cap}: keep only the plan's sheets in it"),
    )
}

/// Why [`inflate`] stopped.
#[derive(Debug)]
enum Capped {
    /// The part inflated past its cap.
    Part,
    /// The parts inflated past the total cap.
    Total,
    Io(std::io::Error),
}

/// Inflates `from`, in chunks, and stops as soon as more than `part_cap` bytes (or more than
/// `total_left`) came out, whatever the archive declared.
fn inflate(
    mut from: impl Read,
    expected: u64,
    part_cap: u64,
    total_left: u64,
) -> Result<Vec<u8>, Capped> {
    let mut chunk = vec![0u8; 64 * 1024];
    // The zip reader stops at the declared size, so room for it is all that is needed.
    let mut out = Vec::with_capacity(expected.min(part_cap) as usize);
    loop {
        let got = match from.read(&mut chunk) {
            Ok(0) => return Ok(out),
            Ok(got) => got,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Capped::Io(e)),
        };
        let n = (out.len() + got) as u64;
        if n > part_cap {
            return Err(Capped::Part);
        }
        if n > total_left {
            return Err(Capped::Total);
        }
        out.extend_from_slice(&chunk[..got]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflating_stops_at_the_caps_whatever_was_declared() {
        assert!(matches!(
            inflate(std::io::repeat(b'a'), 0, 200_000, u64::MAX),
            Err(Capped::Part)
        ));
        assert!(matches!(
            inflate(std::io::repeat(0).take(10_000), 0, 200_000, 5_000),
            Err(Capped::Total)
        ));
        assert_eq!(inflate(&b"abc"[..], 3, 3, 3).unwrap(), b"abc");
    }

    #[test]
    fn library_errors_are_cut_short() {
        let long = "x".repeat(100_000);
        let d = detail(&long);
        assert_eq!(d.chars().count(), crate::problem::DETAIL_CHARS + 1);
        assert!(d.ends_with('…'));
        assert_eq!(detail(&"short"), "short");
    }

    #[test]
    fn only_xml_parts_are_read() {
        assert!(is_read("xl/worksheets/sheet1.xml"));
        assert!(is_read("_rels/.rels"));
        assert!(!is_read("xl/media/image1.png"));
        assert!(!is_read("xl/printerSettings/printerSettings1.bin"));
        assert!(!is_read("xl/"));
        assert!(!is_read("xl/theme/theme1.xml"));
        assert!(!is_read("xl/pivotCache/pivotCacheRecords1.xml"));
        assert!(!is_read("docProps/app.xml"));
    }
}
