//! The two parts of a workbook that calamine would turn into far more memory than they take:
//! the shared strings (it reserves room for as many strings as the part *declares*, and keeps
//! an empty string of 24 bytes for each 5-byte `<si/>`) and the styles (it copies a font, a
//! fill, a border and a number format into every cell style, so a font with a long name used by
//! many styles multiplies). Shared strings are counted and their declared count dropped; styles
//! are rewritten to what the reading of cells uses, the number format of each cell style (which
//! tells a date from a number).

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// At most this many shared strings (texts of cells) in a workbook. The workbooks
/// `minhbach template` writes hold about 100; a plan's largest table, a few thousand.
pub const MAX_SHARED_STRINGS: usize = 1_000_000;

/// At most this many cell styles, Excel's own limit ("64,000 different cell formats").
pub const MAX_CELL_STYLES: usize = 64_000;

/// At most this many number formats; Excel allows 200 to 250 custom ones.
pub const MAX_NUMBER_FORMATS: usize = 1_000;

/// A number format code may hold at most this many bytes; Excel allows 255 characters.
pub const MAX_FORMAT_BYTES: usize = 1_024;

/// Is this the shared strings part, or the styles part (calamine finds them by these names,
/// ignoring case, in the workbook's folder)?
pub fn is_shared_strings(name: &str) -> bool {
    file_name(name).eq_ignore_ascii_case("sharedStrings.xml")
}

pub fn is_styles(name: &str) -> bool {
    file_name(name).eq_ignore_ascii_case("styles.xml")
}

fn file_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// The XML reader configured as calamine configures its own, so that both see the same events.
fn reader(xml: &[u8]) -> Reader<&[u8]> {
    let mut r = Reader::from_reader(xml);
    let config = r.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    r
}

/// Checks that the shared strings part holds at most [`MAX_SHARED_STRINGS`] strings, and blanks
/// the attributes of its root element in place (calamine would reserve memory for the declared
/// `uniqueCount`, which may be any number): `<sst count="2" uniqueCount="2">` becomes `<sst`,
/// spaces and `>`. An error is the problem, in words.
pub fn shared_strings(xml: &mut [u8]) -> Result<(), String> {
    let mut root: Option<(usize, usize)> = None;
    {
        let mut r = reader(xml);
        let mut buf = Vec::new();
        let mut strings = 0usize;
        loop {
            buf.clear();
            let before = r.buffer_position() as usize;
            match r.read_event_into(&mut buf) {
                Ok(Event::Start(e)) => {
                    let name = e.local_name();
                    if root.is_none() && name.as_ref() == "sst" {
                        root = Some((before, r.buffer_position() as usize));
                    } else if name.as_ref() == "si" {
                        strings += 1;
                        if strings > MAX_SHARED_STRINGS {
                            return Err(format!("its shared strings hold more than {MAX_SHARED_STRINGS} texts; a workbook may hold at most {MAX_SHARED_STRINGS}"));
                        }
                    }
                }
                Ok(Event::Eof) => break,
                // calamine meets the same damage and says so; the part is left as it is.
                Err(_) => break,
                Ok(_) => {}
            }
        }
    }
    if let Some(tag) = root.and_then(|(start, end)| xml.get_mut(start..end)) {
        let close = if tag.ends_with(b"/>") { 2 } else { 1 };
        if tag.len() >= 4 + close && tag.starts_with(b"<") {
            let n = tag.len();
            tag[..4].copy_from_slice(b"<sst");
            tag[4..n - close].fill(b' ');
        }
    }
    Ok(())
}

/// The value of attribute `key` of an element, as written (still escaped).
fn raw_attr<'a>(e: &'a BytesStart<'_>, key: &str) -> Option<std::borrow::Cow<'a, str>> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| a.value)
}

/// `name="value"`, quoted with the quote the value does not hold (it was quoted in the file).
fn push_attr(out: &mut String, name: &str, value: &str) {
    let q = if value.contains('"') { '\'' } else { '"' };
    out.push_str(&format!(" {name}={q}{value}{q}"));
}

/// The parts of the styles kept, as XML, and how many of each.
#[derive(Default)]
struct Reduced {
    formats: String,
    cell_styles: String,
    n_formats: usize,
    n_styles: usize,
}

impl Reduced {
    /// A `<numFmt>` of `<numFmts>`.
    fn number_format(&mut self, e: &BytesStart<'_>) -> Result<(), String> {
        self.n_formats += 1;
        if self.n_formats > MAX_NUMBER_FORMATS {
            return Err(format!("its styles hold more than {MAX_NUMBER_FORMATS} number formats; a workbook may hold at most {MAX_NUMBER_FORMATS}"));
        }
        if let (Some(id), Some(code)) = (raw_attr(e, "numFmtId"), raw_attr(e, "formatCode")) {
            if code.len() > MAX_FORMAT_BYTES || id.len() > 20 {
                return Err(format!("its styles hold a number format longer than {MAX_FORMAT_BYTES} bytes; Excel allows 255 characters"));
            }
            self.formats.push_str("<numFmt");
            push_attr(&mut self.formats, "numFmtId", &id);
            push_attr(&mut self.formats, "formatCode", &code);
            self.formats.push_str("/>");
        }
        Ok(())
    }

    /// An `<xf>` of `<cellXfs>`: its number format only.
    fn cell_style(&mut self, e: &BytesStart<'_>) -> Result<(), String> {
        self.n_styles += 1;
        if self.n_styles > MAX_CELL_STYLES {
            return Err(format!("its styles hold more than {MAX_CELL_STYLES} cell styles; a workbook may hold at most {MAX_CELL_STYLES}"));
        }
        self.cell_styles.push_str("<xf");
        if let Some(id) = raw_attr(e, "numFmtId").filter(|id| id.len() <= 20) {
            push_attr(&mut self.cell_styles, "numFmtId", &id);
        }
        self.cell_styles.push_str("/>");
        Ok(())
    }
}

/// The styles part reduced to its number formats and the number format of each cell style,
/// after checking their numbers and sizes; fonts, fills, borders and the rest are dropped.
pub fn styles(xml: &[u8]) -> Result<Vec<u8>, String> {
    let mut r = reader(xml);
    let mut buf = Vec::new();
    let mut kept = Reduced::default();
    // Depth inside <numFmts> and <cellXfs>; only their direct children count.
    let (mut in_formats, mut in_xfs) = (0usize, 0usize);
    loop {
        buf.clear();
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match (e.local_name().as_ref(), in_formats, in_xfs) {
                ("numFmts", 0, 0) => in_formats = 1,
                ("cellXfs", 0, 0) => in_xfs = 1,
                ("numFmt", 1, _) => {
                    in_formats += 1;
                    kept.number_format(&e)?;
                }
                ("xf", _, 1) => {
                    in_xfs += 1;
                    kept.cell_style(&e)?;
                }
                _ if in_formats > 0 => in_formats += 1,
                _ if in_xfs > 0 => in_xfs += 1,
                _ => {}
            },
            Ok(Event::End(_)) => {
                in_formats = in_formats.saturating_sub(1);
                in_xfs = in_xfs.saturating_sub(1);
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                let detail = crate::problem::detail(&e);
                return Err(format!("its styles are damaged ({detail})"));
            }
            Ok(_) => {}
        }
    }
    let Reduced {
        formats,
        cell_styles,
        ..
    } = kept;
    Ok(format!(
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><numFmts>{formats}</numFmts><cellXfs>{cell_styles}</cellXfs></styleSheet>"
    )
    .into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_count_of_shared_strings_is_dropped() {
        let mut xml = br#"<?xml version="1.0"?><x:sst xmlns:x="x" uniqueCount="99999999999"><x:si><x:t>a</x:t></x:si><x:si/></x:sst>"#.to_vec();
        shared_strings(&mut xml).unwrap();
        let out = String::from_utf8(xml).unwrap();
        assert!(
            out.starts_with(r#"<?xml version="1.0"?><sst       "#),
            "{out}"
        );
        assert!(out.contains(r#"    ><x:si><x:t>a</x:t></x:si>"#), "{out}");
        assert!(!out.contains("uniqueCount"));
        let mut many =
            format!("<sst>{}</sst>", "<si/>".repeat(MAX_SHARED_STRINGS + 1)).into_bytes();
        let e = shared_strings(&mut many).unwrap_err();
        assert!(e.contains("more than 1000000 texts"), "{e}");
    }

    #[test]
    fn styles_keep_only_number_formats() {
        let xml = br#"<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts><font><name val="Times New Roman"/></font></fonts><cellXfs count="2"><xf numFmtId="0" fontId="0"><alignment wrapText="1"/></xf><xf numFmtId="164" fontId="0"/></cellXfs></styleSheet>"#;
        let out = String::from_utf8(styles(xml).unwrap()).unwrap();
        assert!(out.contains(r#"<numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>"#), "{out}");
        assert!(!out.contains("Times"));
        let many = format!(
            "<styleSheet><cellXfs>{}</cellXfs></styleSheet>",
            "<xf/>".repeat(MAX_CELL_STYLES + 1)
        );
        assert!(styles(many.as_bytes())
            .unwrap_err()
            .contains("64000 cell styles"));
    }
}
