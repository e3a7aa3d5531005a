//! Narrative pages and sections: a page with its breadcrumbs, a section's index (its text,
//! its sub-sections and its pages, page by page).
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::{Lang, Page, Section};
use crate::render::context::{page_numbers, rel, Ctx, Link, Meta, L};
use crate::render::{format, links};

/// The Markdown of a page or section in the page's language, and whether it is the Vietnamese
/// shown on the English site.
fn body<'s>(lang: Lang, vi: &'s str, en: &'s Option<String>) -> (&'s str, bool) {
    match (lang, en) {
        (Lang::En, Some(en)) => (en.as_str(), false),
        (Lang::En, None) => (vi, !vi.trim().is_empty()),
        (Lang::Vi, _) => (vi, false),
    }
}

/// Whether a page's Markdown has its own title (a `# ` heading); if not, the page shows one.
fn has_heading(md: &str) -> bool {
    md.lines().any(|l| l.starts_with("# "))
}

/// Home, then each section above `section` down to it, linked from `path`.
fn crumbs(cx: &Ctx, path: &str, section: Option<usize>) -> Vec<Link> {
    let mut chain = Vec::new();
    let mut at = section;
    while let Some(i) = at {
        chain.push(i);
        at = cx.site.sections[i].parent;
    }
    let mut out = vec![Link {
        url: rel(path, "index.html"),
        label: L {
            text: cx.ui.get("nav_home").to_string(),
            fallback: false,
        },
    }];
    out.extend(chain.into_iter().rev().map(|i| {
        let s = &cx.site.sections[i];
        Link {
            url: rel(path, &links::section(&s.path, 0)),
            label: cx.l(&s.text.title),
        }
    }));
    out
}

/// A narrative Markdown page.
#[derive(Serialize)]
pub struct PageView<'a> {
    pub meta: Meta<'a>,
    pub title: L,
    pub html: String,
    /// The English site is showing the Vietnamese page.
    pub fallback: bool,
    /// Its Markdown has no `# ` title of its own: the page shows `title` as its heading.
    pub heading: bool,
    /// Home and the sections it is in, outermost first; only home for a top-level page.
    pub crumbs: Vec<Link>,
    /// Its date, written out ("5 tháng 3, 2026"), when its front matter gives one.
    pub date: Option<String>,
    /// The previous and next page of its section, in the section's order.
    pub prev: Option<Link>,
    pub next: Option<Link>,
}

/// Page `i` of the site.
pub fn page<'a>(cx: &Ctx<'a>, i: usize) -> PageView<'a> {
    let p: &Page = &cx.site.pages[i];
    let path = links::page(&p.slug);
    let (body, fallback) = body(cx.lang, &p.text.body_vi, &p.text.body_en);
    let title = cx.l(&p.text.title);
    let mut meta = cx.meta(&path, title.text.clone());
    if let Some(d) = &p.text.description {
        meta.description = Some(cx.l(d).text);
    }
    let (mut prev, mut next) = (None, None);
    if let Some(s) = p.section {
        let list = &cx.site.sections[s].pages;
        let k = p.place;
        if list.get(k) == Some(&i) {
            let link = |j: usize| {
                let q = &cx.site.pages[j];
                Link {
                    url: rel(&path, &links::page(&q.slug)),
                    label: cx.l(&q.text.title),
                }
            };
            prev = k.checked_sub(1).map(|k| link(list[k]));
            next = list.get(k + 1).map(|j| link(*j));
        }
    }
    PageView {
        crumbs: crumbs(cx, &path, p.section),
        date: p.text.date.map(|d| format::day(d, cx.lang)),
        meta,
        title,
        heading: !has_heading(body),
        html: crate::render::markdown::to_html(body),
        fallback,
        prev,
        next,
    }
}

/// One entry of a section's list: a page or a sub-section.
#[derive(Serialize)]
pub struct Entry {
    pub url: String,
    pub label: L,
    pub description: Option<L>,
    pub date: Option<String>,
    /// For a sub-section: "12 trang" style.
    pub count: Option<String>,
}

/// Page `k` (from 0) of a section's index.
#[derive(Serialize)]
pub struct SectionView<'a> {
    pub meta: Meta<'a>,
    pub title: L,
    /// Its `_index` text, on the first page only.
    pub html: String,
    pub fallback: bool,
    /// The page shows `title` as its heading (its text has none of its own).
    pub heading: bool,
    pub crumbs: Vec<Link>,
    /// Its sub-sections, on the first page.
    pub sections: Vec<Entry>,
    /// The pages of page `k` of the list.
    pub pages: Vec<Entry>,
    /// "Trang 1–25 trong 120" style, when the list has more than one page.
    pub range: Option<String>,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The page numbers to link: (number, address; `None` for this page), with gaps as `None`.
    pub numbers: Vec<Option<(usize, Option<String>)>>,
}

/// "12 trang" / "12 pages": the pages in a section and in its sub-sections.
fn count(cx: &Ctx, s: &Section) -> usize {
    s.pages.len()
        + s.sections
            .iter()
            .map(|i| count(cx, &cx.site.sections[*i]))
            .sum::<usize>()
}

pub fn section<'a>(cx: &Ctx<'a>, i: usize, k: usize) -> SectionView<'a> {
    let s = &cx.site.sections[i];
    let path = links::section(&s.path, k);
    let n = s.index_pages();
    let title = cx.l(&s.text.title);
    let mut meta = cx.meta(&path, page_title(cx, &title.text, k, n));
    if let Some(d) = &s.text.description {
        meta.description = Some(cx.l(d).text);
    }
    let (text, fallback) = if k == 0 {
        body(cx.lang, &s.text.body_vi, &s.text.body_en)
    } else {
        ("", false)
    };
    let from = (k * s.per_page).min(s.pages.len());
    let to = (from + s.per_page).min(s.pages.len());
    let url = |j: usize| rel(&path, &links::section(&s.path, j));
    SectionView {
        crumbs: crumbs(cx, &path, s.parent),
        meta,
        title,
        html: if text.is_empty() {
            String::new()
        } else {
            crate::render::markdown::to_html(text)
        },
        fallback,
        heading: !has_heading(text),
        sections: if k == 0 {
            subsections(cx, &path, s)
        } else {
            Vec::new()
        },
        pages: s.pages[from..to]
            .iter()
            .map(|j| page_entry(cx, &path, &cx.site.pages[*j]))
            .collect(),
        range: (n > 1).then(|| {
            cx.ui
                .get("section_range")
                .replace("{from}", &(from + 1).to_string())
                .replace("{to}", &to.to_string())
                .replace("{n}", &s.pages.len().to_string())
        }),
        prev: (k > 0).then(|| url(k - 1)),
        next: (k + 1 < n).then(|| url(k + 1)),
        numbers: if n > 1 {
            page_numbers(k, n)
                .into_iter()
                .map(|m| m.map(|j| (j + 1, (j != k).then(|| url(j)))))
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// The title of page `k` (from 0) of `n` of a section's index: its title, and which page it is
/// when there are several.
fn page_title(cx: &Ctx, title: &str, k: usize, n: usize) -> String {
    if n > 1 {
        format!(
            "{title} · {}",
            cx.ui
                .get("page_of")
                .replace("{k}", &(k + 1).to_string())
                .replace("{n}", &n.to_string())
        )
    } else {
        title.to_string()
    }
}

/// A page in a section's list, linked from `path`.
fn page_entry(cx: &Ctx, path: &str, p: &Page) -> Entry {
    Entry {
        url: rel(path, &links::page(&p.slug)),
        label: cx.l(&p.text.title),
        description: p.text.description.as_ref().map(|d| cx.l(d)),
        date: p.text.date.map(|d| format::day(d, cx.lang)),
        count: None,
    }
}

/// A section's sub-sections, each with how many pages it holds.
fn subsections(cx: &Ctx, path: &str, s: &Section) -> Vec<Entry> {
    s.sections
        .iter()
        .map(|j| {
            let sub = &cx.site.sections[*j];
            Entry {
                url: rel(path, &links::section(&sub.path, 0)),
                label: cx.l(&sub.text.title),
                description: sub.text.description.as_ref().map(|d| cx.l(d)),
                date: None,
                count: Some(
                    cx.ui
                        .get("section_count")
                        .replace("{n}", &count(cx, sub).to_string()),
                ),
            }
        })
        .collect()
}
