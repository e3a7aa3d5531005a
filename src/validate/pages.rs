//! Narrative pages and their sections: `pages/<name>.<lang>.md` at the top, and
//! `pages/<section>/…/<name>.<lang>.md` in nested sections, each section's own text and list
//! settings in its `_index.<lang>.md`. And the menu (`menu` in site.toml).

use super::Validator;
use crate::load::RawPage;
use crate::model::text::sort_key;
use crate::model::{is_valid_id, Date, Nav, Page, PageText, Section, Text};
use crate::problem::{did_you_mean, SourceFile};
use std::collections::BTreeMap;
use toml::Spanned;

/// Pages listed per page of a section's index, unless its `_index` says `paginate_by`.
pub const PER_PAGE: usize = 25;
/// The largest `paginate_by`.
const MAX_PER_PAGE: i64 = 500;
/// Entries of the menu when site.toml names none: the first top-level pages and sections.
pub const MENU_DEFAULT: usize = 6;
/// The most entries `menu` may name: the menu is in every page's header.
const MENU_MAX: usize = 12;

/// Slugs that would collide with generated pages and folders, at the top of `pages/`.
const RESERVED_SLUGS: &[&str] = &[
    "index",
    "404",
    "agencies",
    "plans",
    "en",
    "vi",
    "sitemap",
    "static",
    "data",
    "charts",
    "progress",
    "feed",
    "glossary",
    "accessibility",
    "data-notes",
    "open-data",
    "manifest",
    "search",
    "site-index",
];

/// The files of one page or section text: Vietnamese and English.
type Pair<'a> = (Option<&'a RawPage>, Option<&'a RawPage>);

/// A section's path as its parent's path (`None` at the top) and its folder's name.
fn parent_and_name(path: &str) -> (Option<&str>, &str) {
    match path.rsplit_once('/') {
        Some((up, name)) => (Some(up), name),
        None => (None, path),
    }
}

/// Every folder holding a page is a section, and so is each folder above it: their paths,
/// in order.
fn section_paths(raw: &[RawPage]) -> BTreeMap<String, ()> {
    let mut paths: BTreeMap<String, ()> = BTreeMap::new();
    for p in raw.iter().filter(|p| !p.dir.is_empty()) {
        let mut at = p.dir.as_str();
        loop {
            paths.insert(at.to_string(), ());
            match at.rsplit_once('/') {
                Some((up, _)) => at = up,
                None => break,
            }
        }
    }
    paths
}

/// Each section's sub-sections, and its pages and sub-sections in their order (`sort`: how
/// each section lists its pages); each page learns its place in its section.
fn arrange(pages: &mut [Page], sections: &mut [Section], sort: Vec<SortBy>) {
    for i in 0..sections.len() {
        if let Some(up) = sections[i].parent {
            sections[up].sections.push(i);
        }
    }
    for (i, by) in sort.into_iter().enumerate() {
        let mut list = std::mem::take(&mut sections[i].pages);
        list.sort_by(|a, b| order(by, &pages[*a], &pages[*b]));
        for (k, j) in list.iter().enumerate() {
            pages[*j].place = k;
        }
        sections[i].pages = list;
        let mut subs = std::mem::take(&mut sections[i].sections);
        subs.sort_by(|a, b| by_weight(&sections[*a], &sections[*b]));
        sections[i].sections = subs;
    }
}

/// How a section lists its pages.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Weight,
    Title,
    Date,
}

impl Validator {
    /// The pages, their sections (nested, each listing its pages and sub-sections in order) and
    /// the menu.
    pub(super) fn pages(
        &mut self,
        raw: &[RawPage],
        menu: Option<(&SourceFile, &[Spanned<String>])>,
    ) -> (Vec<Page>, Vec<Section>, Vec<Nav>) {
        let by_slug = self.page_files(raw);
        let paths = section_paths(raw);
        let index_of: BTreeMap<&str, usize> = paths
            .keys()
            .enumerate()
            .map(|(i, p)| (p.as_str(), i))
            .collect();
        let mut sections = Vec::new();
        let mut sort = Vec::new();
        for path in paths.keys() {
            let (section, by) = self.section(raw, path, &by_slug, &index_of);
            sections.push(section);
            sort.push(by);
        }
        let mut pages = Vec::new();
        for ((dir, slug), (vi, en)) in &by_slug {
            let Some(page) = self.page(dir, slug, *vi, *en, &index_of) else {
                continue;
            };
            if let Some(s) = page.section {
                sections[s].pages.push(pages.len());
            }
            pages.push(page);
        }
        arrange(&mut pages, &mut sections, sort);
        let menu = self.menu(menu, &pages, &sections);
        (pages, sections, menu)
    }

    /// By (section, name): the files of each page, and of each section's own `_index`; with the
    /// links and the name of each file checked.
    fn page_files<'a>(&mut self, raw: &'a [RawPage]) -> BTreeMap<(&'a str, &'a str), Pair<'a>> {
        let mut by_slug: BTreeMap<(&str, &str), Pair> = BTreeMap::new();
        for p in raw {
            self.markdown_links(&p.file, p.file.text.len() - p.body.len(), &p.body);
            let entry = by_slug
                .entry((p.dir.as_str(), p.slug.as_str()))
                .or_default();
            match p.lang.as_str() {
                "vi" => entry.0 = Some(p),
                "en" => entry.1 = Some(p),
                other => self.problem(&p.file, None, format!("unknown language `{other}` in the file name; name pages `<name>.vi.md` or `<name>.en.md`")),
            }
            if p.slug != "_index" {
                self.page_name(&p.file, &p.slug, p.dir.is_empty(), "page");
            }
        }
        by_slug
    }

    /// The section of folder `pages/<path>/`: its name checked, its own text from its `_index`
    /// (or its folder's name), and how it lists its pages.
    fn section(
        &mut self,
        raw: &[RawPage],
        path: &str,
        by_slug: &BTreeMap<(&str, &str), Pair>,
        index_of: &BTreeMap<&str, usize>,
    ) -> (Section, SortBy) {
        let (parent_path, name) = parent_and_name(path);
        let (vi, en) = by_slug.get(&(path, "_index")).copied().unwrap_or_default();
        self.section_name(raw, path, by_slug);
        if let (Some(en), None) = (en, vi) {
            self.problem(&en.file, None, "`_index.en.md` has no Vietnamese original: add `_index.vi.md` beside it (Vietnamese comes first)");
        }
        let (mut per_page, mut by) = (PER_PAGE, SortBy::Weight);
        if let Some(vi) = vi {
            (per_page, by) = self.list_settings(vi);
        }
        for p in [en].into_iter().flatten() {
            self.only_in_index(p);
        }
        let text = match vi {
            Some(vi) => {
                self.coverage.pages_total += 1;
                self.coverage.pages_english += usize::from(en.is_some());
                self.front(vi, en)
            }
            None => PageText {
                title: Text::vi(name),
                description: None,
                date: None,
                weight: None,
                body_vi: String::new(),
                body_en: None,
            },
        };
        let section = Section {
            path: path.to_string(),
            parent: parent_path.map(|p| index_of[p]),
            text,
            pages: Vec::new(),
            sections: Vec::new(),
            per_page,
        };
        (section, by)
    }

    /// A section's folder name must be address-safe (and, at the top, not one of the site's),
    /// and no page beside it may have the same name.
    fn section_name(
        &mut self,
        raw: &[RawPage],
        path: &str,
        by_slug: &BTreeMap<(&str, &str), Pair>,
    ) {
        let (parent_path, name) = parent_and_name(path);
        // A file in the folder, to name the folder by.
        let inside = raw
            .iter()
            .find(|p| p.dir == *path || p.dir.starts_with(&format!("{path}/")))
            .expect("a section holds a page");
        self.page_name(
            &inside.file,
            name,
            parent_path.is_none(),
            &format!("the folder pages/{path}/: section"),
        );
        if let Some(page) = by_slug.get(&(parent_path.unwrap_or(""), name)) {
            let shown = page.0.or(page.1).expect("a page has a file");
            self.problem(&shown.file, None, format!("a page and a section (the folder `{name}/`) are both named `{name}`: move this page's text into `pages/{path}/_index.vi.md`, the section's own page, or rename one"));
        }
    }

    /// The page `slug` of section `dir` (`""` at the top) from its files; `None` for a section's
    /// own `_index`, and for a page without its Vietnamese original.
    fn page(
        &mut self,
        dir: &str,
        slug: &str,
        vi: Option<&RawPage>,
        en: Option<&RawPage>,
        index_of: &BTreeMap<&str, usize>,
    ) -> Option<Page> {
        if slug == "_index" {
            if dir.is_empty() {
                let f = vi.or(en).expect("a page has a file");
                self.problem(&f.file, None, "`_index` files belong in a section folder (pages/<section>/_index.vi.md); the site's home page is made from the plans");
            }
            return None;
        }
        let Some(vi) = vi else {
            if let Some(en) = en {
                self.problem(&en.file, None, format!("`{slug}.en.md` has no Vietnamese original: add `{slug}.vi.md` (Vietnamese comes first)"));
            }
            return None;
        };
        self.only_in_index(vi);
        for p in [en].into_iter().flatten() {
            self.only_in_index(p);
        }
        self.coverage.pages_total += 1;
        self.coverage.pages_english += usize::from(en.is_some());
        let text = self.front(vi, en);
        Some(Page {
            slug: if dir.is_empty() {
                slug.to_string()
            } else {
                format!("{dir}/{slug}")
            },
            section: (!dir.is_empty()).then(|| index_of[dir]),
            place: 0,
            text,
        })
    }

    /// A page's or section's name must be address-safe and, at the top, not one of the site's.
    /// Warns of every link in a Markdown text (`text` starts at byte `offset` of `file`) that is
    /// not published as written: rewritten to https://, or shown as words only.
    pub(super) fn markdown_links(&mut self, file: &SourceFile, offset: usize, text: &str) {
        use crate::model::link::{markdown_links, verdict, Verdict};
        for (range, url, image) in markdown_links(text) {
            let span = Some(offset + range.start..offset + range.end);
            let what = if image { "image" } else { "link" };
            let url_shown = crate::problem::clip(&url);
            match verdict(&url, image) {
                Verdict::Keep => {}
                Verdict::Rewrite(to, why) => self.warn(
                    file,
                    span,
                    format!("{what} to `{url_shown}` is published as `{}`: {why}; write it so", crate::problem::clip(&to)),
                ),
                Verdict::Drop(why) => self.warn(
                    file,
                    span,
                    format!("{what} to `{url_shown}` is published as its words only, without the {what}: {why}"),
                ),
            }
        }
    }

    fn page_name(&mut self, file: &SourceFile, name: &str, top: bool, what: &str) {
        let reserved = if top {
            RESERVED_SLUGS.contains(&name) || is_numbered(name, "progress-")
        } else {
            name == "index" || is_list_page(name)
        };
        if !is_valid_id(name) || reserved {
            let taken: Vec<&str> = if top {
                let mut t = RESERVED_SLUGS.to_vec();
                t.extend(["progress-2", "progress-3", "…"]);
                t
            } else {
                vec!["index", "index-2", "index-3", "…"]
            };
            self.problem(file, None, format!("{what} name `{name}` cannot be used: use a-z, 0-9 and `-`, at most {} characters, and none of {taken:?}", crate::model::MAX_ID_LEN));
        }
    }

    /// `sort_by` and `paginate_by` of a section's `_index.vi.md`.
    fn list_settings(&mut self, p: &RawPage) -> (usize, SortBy) {
        let file = p.front_file.as_ref().unwrap_or(&p.file);
        let mut per_page = PER_PAGE;
        if let Some(n) = &p.front.paginate_by {
            match usize::try_from(*n.get_ref()) {
                Ok(k) if (1..=MAX_PER_PAGE as usize).contains(&k) => per_page = k,
                _ => self.problem(file, Some(n.span()), format!("paginate_by = {}: write how many pages each page of the section's list shows, from 1 to {MAX_PER_PAGE} (default {PER_PAGE})", n.get_ref())),
            }
        }
        let mut by = SortBy::Weight;
        if let Some(s) = &p.front.sort_by {
            match s.get_ref().trim() {
                "weight" => by = SortBy::Weight,
                "title" => by = SortBy::Title,
                "date" => by = SortBy::Date,
                other => self.problem(file, Some(s.span()), format!("sort_by = \"{other}\" is not known: write \"weight\" (the default: by weight, then title), \"title\" or \"date\" (newest first)")),
            }
        }
        (per_page, by)
    }

    /// `sort_by` and `paginate_by` belong only in a section's Vietnamese `_index`.
    fn only_in_index(&mut self, p: &RawPage) {
        let file = p.front_file.as_ref().unwrap_or(&p.file);
        for (key, span) in [
            ("sort_by", p.front.sort_by.as_ref().map(Spanned::span)),
            (
                "paginate_by",
                p.front.paginate_by.as_ref().map(Spanned::span),
            ),
        ] {
            if let Some(span) = span {
                let place = if p.slug == "_index" {
                    "in `_index.vi.md` (the Vietnamese one decides for both languages)"
                } else {
                    "in a section's `_index.vi.md`, not in a page"
                };
                self.problem(
                    file,
                    Some(span),
                    format!("`{key}` is set {place}; remove it here"),
                );
            }
        }
    }

    /// Title (front matter, else the first `# ` heading, else the name), description, date
    /// and weight of a page or section from its Vietnamese and English files. Date and weight
    /// come from the Vietnamese file.
    fn front(&mut self, vi: &RawPage, en: Option<&RawPage>) -> PageText {
        let name = vi.slug.as_str();
        let name = if name == "_index" {
            vi.dir.rsplit('/').next().unwrap_or(name)
        } else {
            name
        };
        let date = vi.front.date.as_ref().and_then(|d| {
            let parsed = Date::parse(d.get_ref().trim());
            if parsed.is_none() {
                let file = vi.front_file.as_ref().unwrap_or(&vi.file);
                self.problem(
                    file,
                    Some(d.span()),
                    format!(
                        "date = \"{}\" is not a date: write \"YYYY-MM-DD\"",
                        d.get_ref()
                    ),
                );
            }
            parsed
        });
        let description = vi
            .front
            .description
            .as_ref()
            .filter(|d| !d.trim().is_empty())
            .map(|d| Text {
                vi: d.trim().to_string(),
                en: en
                    .and_then(|e| e.front.description.as_deref())
                    .map(str::trim)
                    .filter(|d| !d.is_empty())
                    .map(str::to_string),
            });
        PageText {
            title: Text {
                vi: page_title(vi).unwrap_or_else(|| name.to_string()),
                en: en.and_then(page_title),
            },
            description,
            date,
            weight: vi.front.weight,
            body_vi: vi.body.clone(),
            body_en: en.map(|e| e.body.clone()),
        }
    }

    /// The menu: what site.toml's `menu` names (page slugs and section paths), else the first
    /// top-level sections and pages in their order.
    /// The menu: the entries `menu` of site.toml names, each a page or section once; without
    /// it, the first top-level sections and pages.
    fn menu(
        &mut self,
        named: Option<(&SourceFile, &[Spanned<String>])>,
        pages: &[Page],
        sections: &[Section],
    ) -> Vec<Nav> {
        let Some((file, names)) = named else {
            return default_menu(pages, sections);
        };
        if names.len() > MENU_MAX {
            self.problem(file, Some(names[MENU_MAX].span()), format!("`menu` names {} entries; a menu is in every page's header, so keep it to at most {MENU_MAX} (each section's index lists its pages)", names.len()));
        }
        let mut out = Vec::new();
        for n in names.iter().take(MENU_MAX) {
            match find_nav(n.get_ref(), pages, sections) {
                Some(nav) if !out.contains(&nav) => out.push(nav),
                Some(_) => self.problem(
                    file,
                    Some(n.span()),
                    format!("`menu` names `{}` twice; remove one", n.get_ref()),
                ),
                None => {
                    let all = pages
                        .iter()
                        .map(|p| p.slug.as_str())
                        .chain(sections.iter().map(|s| s.path.as_str()));
                    let hint = match did_you_mean(n.get_ref(), all) {
                        Some(close) => format!("; did you mean `{close}`?"),
                        None => "; write the name of a page (`about` for pages/about.vi.md) or of a section folder (`guide` for pages/guide/)".to_string(),
                    };
                    self.problem(file, Some(n.span()), format!("`menu` names `{}`, which is neither a page nor a section under pages/{hint}", n.get_ref()));
                }
            }
        }
        out
    }
}

/// The page or section a menu entry names (`about`, `/guide/`, `about.html`).
fn find_nav(name: &str, pages: &[Page], sections: &[Section]) -> Option<Nav> {
    let name = name.trim().trim_matches('/');
    let name = name.strip_suffix(".html").unwrap_or(name);
    pages
        .iter()
        .position(|p| p.slug == name)
        .map(Nav::Page)
        .or_else(|| {
            sections
                .iter()
                .position(|s| s.path == name)
                .map(Nav::Section)
        })
}

/// The menu when site.toml names none: the first top-level sections and pages, by weight
/// then title.
fn default_menu(pages: &[Page], sections: &[Section]) -> Vec<Nav> {
    let mut top: Vec<Nav> = (0..sections.len())
        .filter(|i| sections[*i].parent.is_none())
        .map(Nav::Section)
        .chain(
            (0..pages.len())
                .filter(|i| pages[*i].section.is_none())
                .map(Nav::Page),
        )
        .collect();
    let key = |n: &Nav| match *n {
        Nav::Page(i) => (pages[i].text.weight, sort_key(&pages[i].text.title.vi)),
        Nav::Section(i) => (
            sections[i].text.weight,
            sort_key(&sections[i].text.title.vi),
        ),
    };
    top.sort_by(|a, b| weight_then(key(a), key(b)));
    top.truncate(MENU_DEFAULT);
    top
}

/// `index-2`, `index-3` …: the later pages of a section's index.
fn is_list_page(name: &str) -> bool {
    is_numbered(name, "index-")
}

/// `<prefix>2`, `<prefix>3` …: a later page of a generated list (`progress-2`).
fn is_numbered(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Weight first (pages without one after those with one), then the title.
fn weight_then<K: Ord>(a: (Option<i64>, K), b: (Option<i64>, K)) -> std::cmp::Ordering {
    let w = |x: Option<i64>| (x.is_none(), x.unwrap_or(0));
    (w(a.0), a.1).cmp(&(w(b.0), b.1))
}

fn by_weight(a: &Section, b: &Section) -> std::cmp::Ordering {
    weight_then(
        (a.text.weight, sort_key(&a.text.title.vi)),
        (b.text.weight, sort_key(&b.text.title.vi)),
    )
    .then_with(|| a.path.cmp(&b.path))
}

/// The order of a section's pages; ties keep the order of their names.
fn order(by: SortBy, a: &Page, b: &Page) -> std::cmp::Ordering {
    let title = |p: &Page| sort_key(&p.text.title.vi);
    match by {
        SortBy::Weight => weight_then((a.text.weight, title(a)), (b.text.weight, title(b))),
        SortBy::Title => title(a).cmp(&title(b)),
        // Newest first; undated pages after.
        SortBy::Date => b
            .text
            .date
            .is_some()
            .cmp(&a.text.date.is_some())
            .then_with(|| b.text.date.cmp(&a.text.date))
            .then_with(|| title(a).cmp(&title(b))),
    }
    .then_with(|| a.slug.cmp(&b.slug))
}

/// The front-matter title, else the first `# ` heading without its attribute block (`{#id}`).
fn page_title(p: &RawPage) -> Option<String> {
    p.front
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| {
            p.body.lines().find_map(|l| {
                let t = l.strip_prefix("# ")?.trim();
                let t = match (t.ends_with('}'), t.rfind(" {")) {
                    (true, Some(i)) => t[..i].trim_end(),
                    _ => t,
                };
                Some(t.to_string())
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_index_pages_are_reserved_names() {
        assert!(is_list_page("index-2"));
        assert!(is_list_page("index-10"));
        assert!(!is_list_page("index-"));
        assert!(!is_list_page("index-a"));
        assert!(!is_list_page("indexes"));
        assert!(is_numbered("progress-2", "progress-"));
        assert!(!is_numbered("progress-report", "progress-"));
    }
}
