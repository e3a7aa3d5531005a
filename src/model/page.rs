//! The narrative pages of a site and the sections (folders) they are in, and the menu's
//! entries.
//!
//! Stage: model, validated domain types; built only by `validate`.

use super::{Date, Text};

/// What a narrative page and a section's own page are made of: from the front matter and the
/// Markdown of its `.vi.md` and `.en.md` files (`_index.*.md` for a section).
#[derive(Debug, Clone)]
pub struct PageText {
    /// The front matter's title, else the first `# ` heading, else the file's or folder's name.
    pub title: Text,
    pub description: Option<Text>,
    pub date: Option<Date>,
    /// Order in its section and in the menu: smaller first (then by title).
    pub weight: Option<i64>,
    /// Markdown per language; English `None` when no `.en.md` file exists.
    pub body_vi: String,
    pub body_en: Option<String>,
}

/// A narrative Markdown page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Its path under `pages/` without language and `.md` ("about", "guide/setup"); the page
    /// is `<slug>.html`.
    pub slug: String,
    /// The section it is in (an index into `Site::sections`); `None` at the top.
    pub section: Option<usize>,
    /// Its place in its section's list (`Section::pages`), from 0.
    pub place: usize,
    pub text: PageText,
}

/// A folder of narrative pages under `pages/`, with an index page listing what is in it.
#[derive(Debug, Clone)]
pub struct Section {
    /// Its folder under `pages/` ("guide", "guide/setup"); its index is `<path>/index.html`.
    pub path: String,
    pub parent: Option<usize>,
    /// Its `_index.<lang>.md` (without one: titled by the folder's name, no text), shown
    /// above the list.
    pub text: PageText,
    /// Its pages (indices into `Site::pages`) and sub-sections, in the order they are listed.
    pub pages: Vec<usize>,
    pub sections: Vec<usize>,
    /// Pages listed per page of its index.
    pub per_page: usize,
}

impl Section {
    /// How many pages its index has (at least one).
    pub fn index_pages(&self) -> usize {
        self.pages.len().div_ceil(self.per_page).max(1)
    }
}

/// An entry of the site's menu: a page or a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Page(usize),
    Section(usize),
}
