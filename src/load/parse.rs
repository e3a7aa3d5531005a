//! Loading: the pure parsing half for TOML and Markdown, tested on strings: a TOML file into a
//! raw struct with serde's terse messages explained in plain words, a Markdown page split from
//! its `+++` front matter, and the characters no page may show, found where they stand.

use super::raw::RawFrontMatter;
use crate::model::text::{char_name, is_forbidden};
use crate::problem::{Problem, SourceFile};
use serde::de::DeserializeOwned;

/// A Markdown page in one language.
#[derive(Debug)]
pub struct RawPage {
    pub file: SourceFile,
    /// The section folder under `pages/`, `/`-separated ("" at the top, "guide/setup" deeper).
    pub dir: String,
    /// The file name without language and `.md`: a page's name, or `_index` for the text of
    /// the section `dir` itself.
    pub slug: String,
    pub lang: String,
    pub front: RawFrontMatter,
    /// The front matter alone, with its lines where they are in the file (for problems in it).
    pub front_file: Option<SourceFile>,
    /// Markdown after the front matter.
    pub body: String,
}

/// Parses a TOML file into `T`, reporting the first syntax or schema problem at its line. For
/// small files of the theme; content files are read with `tolerant`, which reports them all.
pub fn parse_toml<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Problem> {
    toml::from_str::<T>(&file.text).map_err(|e| {
        let message = e.message().trim_end().replace('\n', " ");
        file.problem(e.span(), explain_toml(&message))
    })
}

/// Adds a hint to serde's terse messages where authors commonly trip.
pub(super) fn explain_toml(message: &str) -> String {
    if message.starts_with("unknown variant") {
        format!("{message}; see docs/content-format.md for the allowed values")
    } else if message.starts_with("unknown field") {
        format!("{message}; check the spelling against docs/content-format.md")
    } else if message.starts_with("invalid type: string") && message.contains("expected i") {
        // serde's words for `horizon = "2025"`.
        format!("{message}: write a whole number without quotes, e.g. 2025")
    } else if message.starts_with("invalid type: map, expected a string") {
        format!("{message}: write a text or date here in quotes (\"2025-06-30\"); this field is not bilingual")
    } else if message.contains("expected newline") || message.contains("expected `.`, `=`") {
        format!("{message}; a figure or date is written in quotes: value = \"12,4\", as_of = \"2025-06-30\"")
    } else if message.starts_with("invalid type: integer") && message.contains("expected a string")
    {
        format!("{message}: put the value in quotes, e.g. id = \"du-an-1\"")
    } else if message.contains("recursion limit") {
        format!("{message}: the file nests tables or arrays too deeply; check for a missing `]` or `}}`")
    } else if message.starts_with("missing field") {
        format!("{message}: add it (see docs/content-format.md)")
    } else {
        message.to_string()
    }
}

/// Splits `+++`-delimited TOML front matter from a Markdown page.
pub fn parse_page(file: &SourceFile, slug: &str, lang: &str) -> Result<RawPage, Problem> {
    let text: &str = &file.text;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (front, front_file, body) = match text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
    {
        Some(rest) => {
            // The closing `+++` line, with Windows line ends allowed.
            let mut offset = 0;
            let mut close = None;
            for line in rest.split_inclusive('\n') {
                if line.trim_end_matches(['\r', '\n']) == "+++" {
                    close = Some((offset, offset + line.len()));
                    break;
                }
                offset += line.len();
            }
            let (end, after) = close.ok_or_else(|| {
                file.problem(
                    Some(0..3),
                    "front matter opened with `+++` is never closed; add a line `+++` after it",
                )
            })?;
            let front_text = rest[..end].replace("\r\n", "\n");
            let front_file = SourceFile::new(file.name.clone(), format!("\n{front_text}"));
            let front: RawFrontMatter = parse_toml(&front_file)?;
            (
                front,
                Some(front_file),
                rest[after..].trim_start_matches(['\r', '\n']).to_string(),
            )
        }
        None => (RawFrontMatter::default(), None, text.to_string()),
    };
    Ok(RawPage {
        file: file.clone(),
        dir: String::new(),
        front_file,
        slug: slug.to_string(),
        lang: lang.to_string(),
        front,
        body,
    })
}

/// The byte range of a Markdown file's `+++` front matter (empty when it has none).
pub(super) fn front_matter(text: &str) -> std::ops::Range<usize> {
    if !text.starts_with("+++") {
        return 0..0;
    }
    let end = text[3..].find("\n+++").map_or(text.len(), |i| i + 3 + 4);
    0..end
}

/// Characters no page may show, as written in the file or, within `escapes` (the TOML part of
/// it), as an escape (`\u001b`, `\b`, `\f`): each is reported where it stands.
pub fn forbidden_chars(file: &SourceFile, escapes: std::ops::Range<usize>) -> Vec<Problem> {
    let text: &str = &file.text;
    let mut out = Vec::new();
    let escaped = text.get(escapes.clone()).is_some_and(|t| t.contains('\\'));
    if !escaped && !crate::model::text::maybe_forbidden(text) {
        return out;
    }
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let found = if is_forbidden(c) {
            Some((c, false))
        } else if escapes.contains(&i) && c == '\\' {
            match chars.peek().copied() {
                Some((_, '\\')) => {
                    chars.next();
                    None
                }
                Some((_, 'b')) => Some(('\u{8}', true)),
                Some((_, 'f')) => Some(('\u{c}', true)),
                Some((j, u @ ('u' | 'U'))) => {
                    let len = if u == 'u' { 4 } else { 8 };
                    text.get(j + 1..j + 1 + len)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                        .filter(|c| is_forbidden(*c))
                        .map(|c| (c, true))
                }
                _ => None,
            }
        } else {
            None
        };
        if let Some((c, escaped)) = found {
            let how = if escaped { "an escape for " } else { "" };
            out.push(file.problem(
                Some(i..i + 1),
                format!(
                    "holds {how}{}, which a page must not show (it can hide or garble text); remove it",
                    char_name(c)
                ),
            ));
            if out.len() >= 5 {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::raw::{RawAgencyFile, RawFigure, RawMoney};

    fn src(text: &str) -> SourceFile {
        SourceFile::new("t.toml", text)
    }

    #[test]
    fn front_matter_with_windows_line_ends_and_empty_front_matter() {
        let f = SourceFile::new(
            "about.vi.md",
            "+++\r\ntitle = \"Giới thiệu\"\r\n+++\r\n# Trang\r\n",
        );
        let p = parse_page(&f, "about", "vi").unwrap();
        assert_eq!(p.front.title.as_deref(), Some("Giới thiệu"));
        assert_eq!(p.body, "# Trang\r\n");
        let f = SourceFile::new("about.vi.md", "+++\n+++\nBody\n");
        assert_eq!(parse_page(&f, "about", "vi").unwrap().body, "Body\n");
        let f = SourceFile::new("about.vi.md", "+++\ntitle = \"x\"\nBody\n");
        let e = parse_page(&f, "about", "vi").unwrap_err();
        assert!(e.message.contains("never closed"), "{e}");
    }

    #[test]
    fn empty_vietnamese_is_an_error_and_empty_english_is_missing() {
        let f = src("[[agency]]\nid = \"a\"\nname = \"  \"\nkind = \"office\"\n");
        let p = parse_toml::<RawAgencyFile>(&f).unwrap_err();
        assert_eq!(p.line, 3, "{p}");
        assert!(p.message.contains("this text is empty"), "{p}");
        let f = src(
            "[[agency]]\nid = \"a\"\nname = { vi = \"Phòng\", en = \"\" }\nkind = \"office\"\n",
        );
        let parsed: RawAgencyFile = parse_toml(&f).unwrap();
        assert_eq!(parsed.agency[0].name.en, None);
    }

    #[test]
    fn a_quoted_year_is_explained_in_plain_words() {
        let f = src("id = \"t\"\nhorizon = \"2025\"\n");
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct T {
            id: String,
            horizon: i32,
        }
        let p = parse_toml::<T>(&f).unwrap_err();
        assert!(
            p.message.contains("write a whole number without quotes"),
            "{p}"
        );
    }

    #[test]
    fn parses_bilingual_and_plain_text() {
        let f = src("[[agency]]\nid = \"a\"\nname = { vi = \"Phòng\", en = \"Office\" }\nkind = \"office\"\n[[agency]]\nid = \"b\"\nname = \"Hội\"\nkind = \"front\"\n");
        let parsed: RawAgencyFile = parse_toml(&f).unwrap();
        assert_eq!(parsed.agency[0].name.en.as_deref(), Some("Office"));
        assert_eq!(parsed.agency[1].name.en, None);
    }

    #[test]
    fn reports_unknown_field_with_line() {
        let f = src("[[agency]]\nid = \"a\"\nname = \"x\"\nkind = \"office\"\nkinds = 1\n");
        let p = parse_toml::<RawAgencyFile>(&f).unwrap_err();
        assert_eq!(p.line, 5, "{p}");
        assert!(p.message.contains("unknown field `kinds`"), "{p}");
    }

    #[test]
    fn reports_unknown_enum_value_with_allowed_values() {
        let f = src("[[agency]]\nid = \"a\"\nname = \"x\"\nkind = \"ofice\"\n");
        let p = parse_toml::<RawAgencyFile>(&f).unwrap_err();
        assert_eq!((p.line, p.column), (4, 8), "{p}");
        assert!(p.message.contains("office"), "{p}");
    }

    #[test]
    fn rejects_unknown_language_in_text() {
        let f =
            src("[[agency]]\nid = \"a\"\nname = { vi = \"x\", fr = \"y\" }\nkind = \"office\"\n");
        let p = parse_toml::<RawAgencyFile>(&f).unwrap_err();
        assert!(p.message.contains("unknown language `fr`"), "{p}");
    }

    #[test]
    fn reads_figures_as_printed_and_as_numbers() {
        let f = src("amount = \"17.860,0\"\nphase = \"allocated\"\n");
        let m: RawMoney = parse_toml(&f).unwrap();
        assert_eq!(
            m.amount.unwrap().into_inner(),
            RawFigure::Printed("17.860,0".into())
        );
        let f = src("amount = 17860.0\nphase = \"allocated\"\n");
        let m: RawMoney = parse_toml(&f).unwrap();
        assert_eq!(m.amount.unwrap().into_inner(), RawFigure::Float(17860.0));
        let f = src("amount = 0x10\nphase = \"allocated\"\n");
        let m: RawMoney = parse_toml(&f).unwrap();
        assert_eq!(m.amount.unwrap().into_inner(), RawFigure::Integer(16));
    }

    #[test]
    fn control_characters_are_found_raw_and_as_toml_escapes() {
        let f = src("a = \"x\u{1b}y\"\nb = \"\\u0000\"\nc = \"\\\\u0000 is text\"\nd = \"\\f\"\n");
        let ps = forbidden_chars(&f, 0..f.text.len());
        let at: Vec<(usize, usize)> = ps.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(at, [(1, 7), (2, 6), (4, 6)], "{ps:?}");
        assert!(ps[0].message.contains("U+001B (ESC)"), "{}", ps[0]);
        assert!(
            ps[1].message.contains("an escape for U+0000 (NUL)"),
            "{}",
            ps[1]
        );
        // In Markdown a backslash is only a backslash.
        assert_eq!(forbidden_chars(&src("\\u0000"), 0..0).len(), 0);
        // …but in its front matter it is TOML.
        let md = src("+++\ntitle = \"a\\u001b\"\n+++\n\\u0000 in the body\n");
        assert_eq!(forbidden_chars(&md, front_matter(&md.text)).len(), 1);
    }

    #[test]
    fn splits_front_matter() {
        let f = SourceFile::new("about.vi.md", "+++\ntitle = \"Giới thiệu\"\n+++\n# Hello\n");
        let p = parse_page(&f, "about", "vi").unwrap();
        assert_eq!(p.front.title.as_deref(), Some("Giới thiệu"));
        assert_eq!(p.body, "# Hello\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let f = SourceFile::new("about.vi.md", "+++\ntitle = \"x\"\n# Hello\n");
        assert!(parse_page(&f, "about", "vi")
            .unwrap_err()
            .message
            .contains("never closed"));
    }
}
