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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn english_is_used_when_given() {
        let t = Text {
            vi: "hộ".into(),
            en: Some("households".into()),
        };
        assert_eq!(t.get(Lang::En).text, "households");
    }
}
