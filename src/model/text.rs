//! Bilingual text: the one type every human-readable field is made of.
//!
//! Vietnamese is required; English is optional and falls back to Vietnamese with a visible
//! marker. Whether a text needs a translation at all is decided here, once.

use serde::Serialize;

/// A site language. Vietnamese is first and default; English second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The BCP 47 code used in `lang=` and `hreflang=` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Path prefix of this language's pages under the output root.
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::Vi => "",
            Lang::En => "en/",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }
}

/// A human-readable text in Vietnamese and, optionally, English.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// Vietnamese text, never empty after validation.
    pub vi: String,
    /// English text; `None` when the author gave none.
    pub en: Option<String>,
}

/// A text resolved for one language: the words and whether they are a fallback.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Localized<'a> {
    pub text: &'a str,
    /// True when the English page shows Vietnamese because no English was written.
    pub fallback: bool,
}

impl Text {
    pub fn vi(s: impl Into<String>) -> Text {
        Text {
            vi: s.into(),
            en: None,
        }
    }

    /// The text in `lang`, falling back to Vietnamese (marked) when English is missing and the
    /// text needs translating.
    pub fn get(&self, lang: Lang) -> Localized<'_> {
        match (lang, &self.en) {
            (Lang::Vi, _) => Localized {
                text: &self.vi,
                fallback: false,
            },
            (Lang::En, Some(en)) => Localized {
                text: en,
                fallback: false,
            },
            (Lang::En, None) => Localized {
                text: &self.vi,
                fallback: self.needs_translation(),
            },
        }
    }

    /// A text with no letters ("%", "3,3") reads the same in every language.
    pub fn needs_translation(&self) -> bool {
        self.vi.chars().any(char::is_alphabetic)
    }
}

/// Text in composed form (Unicode NFC). Some Mac and Windows tools save Vietnamese decomposed
/// (NFD: "ế" as e + two combining marks); read as it is, the same word would then differ in
/// search, sorting, ids and open data. Already composed text (nearly all) is not copied.
pub fn nfc(text: String) -> String {
    let n = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
    match n.normalize(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(composed) => composed,
    }
}

/// A character no published text may hold: C0 and C1 control characters other than tab and
/// line ends (NUL, ESC …, which terminals and some programs act on), DEL, and the Unicode
/// bidirectional controls, which can make a figure display as another (U+202E before "12.345"
/// shows it reversed).
pub fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
        || is_invisible(c)
}

/// A name from outside (a file name of a downloaded site, a path in its manifest) as a terminal
/// line may show it: every forbidden character and every line end or tab written as `\u{1b}`, so
/// that no name can move the cursor, clear the screen, or print a line of its own ("all files
/// match").
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| is_forbidden(c) || matches!(c, '\t' | '\n' | '\r');
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Characters that print as nothing and can split a word or figure unseen: zero-width space,
/// line and paragraph separators, invisible operators, a byte-order mark inside text, tag
/// characters and interlinear annotations. (Zero-width joiners, which some scripts need, are
/// allowed.)
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{2028}' | '\u{2029}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
            | '\u{e0000}'..='\u{e007f}' | '\u{fff9}'..='\u{fffb}'
    )
}

/// The name of a forbidden character, for messages.
pub fn char_name(c: char) -> String {
    let name = match c {
        '\u{0}' => "NUL",
        '\u{8}' => "backspace",
        '\u{c}' => "form feed",
        '\u{1b}' => "ESC",
        '\u{7f}' => "DEL",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' => {
            "a bidirectional-text control"
        }
        c if is_invisible(c) => "an invisible character",
        _ => "a control character",
    };
    format!("U+{:04X} ({name})", c as u32)
}

/// Whether `s` holds a forbidden character, found by looking at its bytes: control bytes, and
/// the UTF-8 sequences of the few other characters `is_forbidden` names (U+0080–U+009F,
/// U+061C, U+200B–U+2069 in part, U+FEFF, U+FFF9–U+FFFB, U+E0000–U+E007F). Text with curly
/// quotes and dashes (U+2013, U+201C …) passes without a closer look.
pub fn maybe_forbidden(s: &str) -> bool {
    // Bytes worth a closer look: control bytes and the lead bytes of the sequences above.
    const LOOK: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            t[b] = !matches!(b, 0x09 | 0x0a | 0x0d);
            b += 1;
        }
        t[0x7f] = true;
        t[0xc2] = true;
        t[0xd8] = true;
        t[0xe2] = true;
        t[0xef] = true;
        t[0xf3] = true;
        t
    };
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if LOOK[c as usize] {
            let hit = match c {
                0xc2 => (0x80..=0x9f).contains(&at(i + 1)),
                0xd8 => at(i + 1) == 0x9c,
                0xe2 => match at(i + 1) {
                    0x80 => matches!(at(i + 2), 0x8b | 0x8e | 0x8f | 0xa8..=0xae),
                    0x81 => matches!(at(i + 2), 0xa0..=0xa4 | 0xa6..=0xa9),
                    _ => false,
                },
                0xef => matches!((at(i + 1), at(i + 2)), (0xbb, 0xbf) | (0xbf, 0xb9..=0xbb)),
                0xf3 => at(i + 1) == 0xa0 && matches!(at(i + 2), 0x80 | 0x81),
                _ => true,
            };
            if hit {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// `s` without forbidden characters: the last wall before anything reaches a page.
pub fn strip_forbidden(s: &str) -> std::borrow::Cow<'_, str> {
    if maybe_forbidden(s) && s.chars().any(is_forbidden) {
        s.chars()
            .filter(|c| !is_forbidden(*c))
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// The letters of the Vietnamese alphabet in their order (with the Latin letters it lacks where
/// Latin puts them), for sorting names the way a Vietnamese reader expects: "Đại Từ" after
/// "Cầu Ngang" and before "Ngọc Hồi".
const ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

/// Each toned vowel: its letter and its tone (huyền 1, sắc 2, hỏi 3, ngã 4, nặng 5).
const TONED: [(char, char, u8); 60] = [
    ('à', 'a', 1),
    ('á', 'a', 2),
    ('ả', 'a', 3),
    ('ã', 'a', 4),
    ('ạ', 'a', 5),
    ('ằ', 'ă', 1),
    ('ắ', 'ă', 2),
    ('ẳ', 'ă', 3),
    ('ẵ', 'ă', 4),
    ('ặ', 'ă', 5),
    ('ầ', 'â', 1),
    ('ấ', 'â', 2),
    ('ẩ', 'â', 3),
    ('ẫ', 'â', 4),
    ('ậ', 'â', 5),
    ('è', 'e', 1),
    ('é', 'e', 2),
    ('ẻ', 'e', 3),
    ('ẽ', 'e', 4),
    ('ẹ', 'e', 5),
    ('ề', 'ê', 1),
    ('ế', 'ê', 2),
    ('ể', 'ê', 3),
    ('ễ', 'ê', 4),
    ('ệ', 'ê', 5),
    ('ì', 'i', 1),
    ('í', 'i', 2),
    ('ỉ', 'i', 3),
    ('ĩ', 'i', 4),
    ('ị', 'i', 5),
    ('ò', 'o', 1),
    ('ó', 'o', 2),
    ('ỏ', 'o', 3),
    ('õ', 'o', 4),
    ('ọ', 'o', 5),
    ('ồ', 'ô', 1),
    ('ố', 'ô', 2),
    ('ổ', 'ô', 3),
    ('ỗ', 'ô', 4),
    ('ộ', 'ô', 5),
    ('ờ', 'ơ', 1),
    ('ớ', 'ơ', 2),
    ('ở', 'ơ', 3),
    ('ỡ', 'ơ', 4),
    ('ợ', 'ơ', 5),
    ('ù', 'u', 1),
    ('ú', 'u', 2),
    ('ủ', 'u', 3),
    ('ũ', 'u', 4),
    ('ụ', 'u', 5),
    ('ừ', 'ư', 1),
    ('ứ', 'ư', 2),
    ('ử', 'ư', 3),
    ('ữ', 'ư', 4),
    ('ự', 'ư', 5),
    ('ỳ', 'y', 1),
    ('ý', 'y', 2),
    ('ỷ', 'y', 3),
    ('ỹ', 'y', 4),
    ('ỵ', 'y', 5),
];

/// A key that sorts Vietnamese text in dictionary order: by letters first (ă after a, đ after
/// d), then by tones, then as written.
pub fn sort_key(s: &str) -> (Vec<u32>, Vec<u8>, String) {
    let mut letters = Vec::with_capacity(s.len());
    let mut marks = Vec::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let (base, tone) = TONED
            .iter()
            .find(|(t, ..)| *t == c)
            .map_or((c, 0), |(_, b, n)| (*b, *n));
        let rank = ALPHABET
            .chars()
            .position(|a| a == base)
            .map_or(100 + base as u32, |p| p as u32 + 1);
        letters.push(rank);
        marks.push(tone);
    }
    (letters, marks, s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_printable_on_a_terminal() {
        assert_eq!(printable("plans/kế-hoạch.html"), "plans/kế-hoạch.html");
        assert_eq!(
            printable("x\u{1b}[2J\nall 3 files match"),
            "x\\u{1b}[2J\\u{a}all 3 files match"
        );
        assert_eq!(printable("a\u{202e}b"), "a\\u{202e}b");
    }

    #[test]
    fn decomposed_vietnamese_is_composed() {
        let nfd = "Ke\u{302}\u{301} hoa\u{323}ch";
        assert_eq!(nfc(nfd.to_string()), "Kế hoạch");
        assert_eq!(nfc("Kế hoạch".to_string()), "Kế hoạch");
    }

    #[test]
    fn sorts_vietnamese_names_in_dictionary_order() {
        let mut v = vec![
            "Ngọc Hồi",
            "Đại Từ",
            "Cầu Ngang",
            "Dương",
            "Ân",
            "An",
            "Ấp",
            "Ă",
        ];
        v.sort_by_key(|s| sort_key(s));
        assert_eq!(
            v,
            [
                "An",
                "Ă",
                "Ân",
                "Ấp",
                "Cầu Ngang",
                "Dương",
                "Đại Từ",
                "Ngọc Hồi"
            ]
        );
    }

    #[test]
    fn the_byte_scan_finds_exactly_the_forbidden_characters() {
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let s = format!("Kế hoạch {c} năm");
            assert_eq!(maybe_forbidden(&s), is_forbidden(c), "U+{:04X}", c as u32);
        }
        assert!(!maybe_forbidden(
            "Kế hoạch thực hiện năm 2025 – “đồng bào” ở Đại Từ\t\r\n"
        ));
    }

    #[test]
    fn english_falls_back_to_vietnamese_with_marker() {
        let t = Text::vi("Phòng Dân tộc");
        assert_eq!(
            t.get(Lang::En),
            Localized {
                text: "Phòng Dân tộc",
                fallback: true
            }
        );
        assert!(!t.get(Lang::Vi).fallback);
    }

    #[test]
    fn symbols_need_no_translation() {
        let t = Text::vi("%");
        assert!(!t.needs_translation());
        assert!(!t.get(Lang::En).fallback);
    }

    #[test]
    fn control_and_bidi_characters_are_forbidden_but_line_ends_are_not() {
        for c in [
            '\u{0}', '\u{1b}', '\u{7f}', '\u{85}', '\u{202e}', '\u{2066}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', 'đ', ' ', '\u{a0}'] {
            assert!(!is_forbidden(c), "{c:?}");
        }
        assert_eq!(strip_forbidden("a\u{0}b\u{1b}[31m"), "ab[31m");
        assert_eq!(char_name('\u{1b}'), "U+001B (ESC)");
    }

    #[test]
    fn english_is_used_when_given() {
        let t = Text {
            vi: "hộ".into(),
            en: Some("households".into()),
        };
        assert_eq!(t.get(Lang::En).text, "households");
    }
}
