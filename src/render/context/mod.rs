//! The per-language context every page is built in: the site, the language, the interface
//! strings and what is derived once per build (`Derived`), with the small types all pages share
//! (a text in the page's language, a link, a source reference, a chart, downloads). Stage: render
//! context, below the page parts and views, above the presentation layer; it imports no view.

mod derived;
mod menu;
mod meta;

use std::collections::{BTreeMap, HashMap};

pub use derived::Derived;
pub use menu::{menu, MenuLink};
pub use meta::{channel_href, csp_hash, percent_encode, rel, report_href, Meta, CSP};
use serde::Serialize;

use crate::i18n::Ui;
use crate::model::{Agency, Lang, Plan, Site, Text};
use crate::render::data::Set;
use crate::render::{format, links, markdown};

/// A text resolved for the page's language.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct L {
    pub text: String,
    /// Shown with a "Vietnamese only" marker on the English site.
    pub fallback: bool,
}

/// A link to another page of the site, relative to the current page.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub url: String,
    pub label: L,
}

/// Where a figure or duty was taken from: the section number as printed, linked to that section
/// of the original document when the document has a heading for it.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    pub text: String,
    pub url: Option<String>,
    pub title: Option<String>,
}

/// Everything a view builder needs for one language.
/// A chart on a page, with its SVG and its figures (CSV) for download.
#[derive(Serialize, Debug, Clone)]
pub struct ChartView {
    pub svg: String,
    pub svg_url: Option<String>,
    pub csv_url: Option<String>,
}

/// A dataset's CSV and JSON, linked beside the table that shows it.
#[derive(Serialize, Debug, Clone)]
pub struct Downloads {
    pub title: String,
    pub csv: String,
    pub json: String,
}

pub struct Ctx<'a> {
    pub site: &'a Site,
    pub lang: Lang,
    pub ui: &'a Ui,
    agencies: HashMap<&'a str, &'a Agency>,
    derived: &'a Derived,
}

impl<'a> Ctx<'a> {
    /// `derived` must have been computed from `site` in `lang`.
    pub fn new(site: &'a Site, lang: Lang, ui: &'a Ui, derived: &'a Derived) -> Ctx<'a> {
        Ctx {
            site,
            lang,
            ui,
            derived,
            agencies: site.agencies.iter().map(|a| (a.id.as_str(), a)).collect(),
        }
    }

    /// The CSV and JSON of dataset `set`, of plan `plan` or of the whole site, as linked from
    /// page `from`; `None` when the plan has no rows in it.
    pub fn downloads(&self, from: &str, plan: Option<&Plan>, set: Set) -> Option<Downloads> {
        use crate::render::data::plan_has;
        let (csv, json) = match plan {
            Some(p) => {
                if !plan_has(p, set) {
                    return None;
                }
                (
                    rel(from, &links::plan_data(&p.id, set.id(), "csv")),
                    // The JSON is the same in both languages; it sits at the root's `data/`.
                    format!(
                        "{}{}",
                        links::to_root(&links::page_path(self.lang, from)),
                        links::plan_data(&p.id, set.id(), "json")
                    ),
                )
            }
            None => (
                rel(from, &links::package_file(&format!("{}.csv", set.id()))),
                rel(from, &links::package_file(&format!("{}.json", set.id()))),
            ),
        };
        Some(Downloads {
            title: set.title(self.lang).to_string(),
            csv,
            json,
        })
    }

    /// Every dataset plan `p` has rows in, by dataset id, as linked from page `from`.
    pub fn plan_downloads(&self, from: &str, p: &Plan) -> BTreeMap<&'static str, Downloads> {
        Set::OF_PLAN
            .iter()
            .filter_map(|&set| Some((set.id(), self.downloads(from, Some(p), set)?)))
            .collect()
    }

    /// Chart `of` (drawn as `chart`) on page `from`, with links to its files; without `of` (a
    /// plan not in the site) the chart is shown without downloads.
    pub fn chart_view(
        &self,
        from: &str,
        of: Option<crate::render::chart::Of>,
        chart: crate::render::chart::Chart,
    ) -> ChartView {
        ChartView {
            svg: chart.svg,
            svg_url: of.map(|o| rel(from, &o.path(self.site, "svg"))),
            csv_url: of.map(|o| rel(from, &o.path(self.site, "csv"))),
        }
    }

    /// Datasets `sets` of the whole site, by dataset id, as linked from page `from`.
    pub fn site_downloads(&self, from: &str, sets: &[Set]) -> BTreeMap<&'static str, Downloads> {
        sets.iter()
            .filter_map(|&set| Some((set.id(), self.downloads(from, None, set)?)))
            .collect()
    }

    /// The menu of every page's header and footer.
    pub fn menu(&self) -> &'a [MenuLink] {
        &self.derived.menu
    }

    /// The whole-site data package in this language.
    pub fn package(&self) -> &crate::render::data::package::Package {
        self.derived.package(self.site)
    }

    pub fn l(&self, t: &Text) -> L {
        let loc = t.get(self.lang);
        L {
            text: loc.text.to_string(),
            fallback: loc.fallback,
        }
    }

    pub fn lo(&self, t: &Option<Text>) -> Option<L> {
        t.as_ref().map(|t| self.l(t))
    }

    pub fn ls(&self, ts: &[Text]) -> Vec<L> {
        ts.iter().map(|t| self.l(t)).collect()
    }

    /// Plans that name the agency, in site order.
    pub fn plans_naming<'s>(
        &'s self,
        id: &str,
    ) -> impl Iterator<Item = &'a crate::model::Plan> + 's {
        self.derived
            .agency_plans
            .get(id)
            .into_iter()
            .flatten()
            .map(|i| &self.site.plans[*i])
    }

    pub fn agency(&self, id: &str) -> Option<&'a Agency> {
        self.agencies.get(id).copied()
    }

    /// A link from page `from` (language-relative path) to an agency page.
    pub fn agency_link(&self, from: &str, id: &str) -> Link {
        let label = self.agency(id).map_or_else(
            || L {
                text: id.to_string(),
                fallback: false,
            },
            |a| self.l(&a.name),
        );
        Link {
            url: rel(from, &links::agency(id)),
            label,
        }
    }

    pub fn agency_links(&self, from: &str, ids: &[String]) -> Vec<Link> {
        ids.iter().map(|id| self.agency_link(from, id)).collect()
    }

    /// The rendered full text of plan `id` in this language.
    pub fn document(&self, id: &str) -> Option<&markdown::Document> {
        self.derived.documents.get(id)
    }

    /// The English site shows this plan's full text in Vietnamese (there is no document.en.md).
    pub fn document_is_vietnamese_only(&self, p: &Plan) -> bool {
        self.lang == Lang::En && p.document_en.is_none()
    }

    /// The section reference of something printed in plan `p`, linked from page `from` to that
    /// section of the plan's document page.
    pub fn source(&self, from: &str, p: &Plan, reference: &Option<String>) -> Option<SourceRef> {
        let text = reference.as_ref()?.clone();
        let anchor = self.document(&p.id).and_then(|d| d.sections.resolve(&text));
        Some(SourceRef {
            url: anchor.map(|a| format!("{}#{a}", rel(from, &links::document(&p.id)))),
            title: anchor.map(|_| self.ui.get("ref_link_title").to_string()),
            text,
        })
    }

    pub fn money(&self, d: crate::model::Decimal) -> String {
        format::money(d, self.lang)
    }

    /// The assessment of target `t` of plan `p` (both of this site), as of the site's day.
    pub fn assessment(
        &self,
        p: &Plan,
        t: &crate::model::Target,
    ) -> crate::model::status::Assessment {
        let found = self.plan_index(p).and_then(|i| {
            let k = p.targets.iter().position(|x| std::ptr::eq(x, t))?;
            self.derived.progress[i].0.get(k).cloned()
        });
        found.unwrap_or_else(|| crate::model::status::assess(t, &p.reports, self.today()))
    }

    /// The revisions of plan `p`'s reports.
    pub fn revisions(&self, p: &Plan) -> std::borrow::Cow<'_, [crate::model::progress::Revision]> {
        match self.plan_index(p) {
            Some(i) => std::borrow::Cow::Borrowed(&self.derived.progress[i].1),
            None => std::borrow::Cow::Owned(crate::model::progress::revisions(&p.reports)),
        }
    }

    pub fn plan_index(&self, p: &Plan) -> Option<usize> {
        self.site.plans.iter().position(|x| std::ptr::eq(x, p))
    }

    /// The site's as-of day.
    pub fn today(&self) -> Option<crate::model::Date> {
        self.site.settings.as_of
    }
}

/// How a plan is named in lists: its short title, which authors write with the district
/// ("Đại Từ 2022"); without one, the place before the official title.
pub fn plan_name(cx: &Ctx, p: &Plan) -> L {
    let (text, fallback) = crate::render::names::plan_name(p, cx.lang);
    L { text, fallback }
}

/// Plans per page of the list of all plans.
pub const PLANS_PER_PAGE: usize = 50;

/// The pages of the list of all plans.
pub fn plan_list_pages(site: &Site) -> usize {
    site.plans.len().div_ceil(PLANS_PER_PAGE).max(1)
}

/// The pages (from 0) a list's page `k` of `pages` links to: the first, the last and the two
/// either side of `k`, with `None` for each gap.
pub fn page_numbers(k: usize, pages: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    for j in 0..pages {
        if j.abs_diff(k) <= 2 || j == 0 || j + 1 == pages {
            out.push(Some(j));
        } else if out.last().is_some_and(Option::is_some) {
            out.push(None);
        }
    }
    out
}

/// Up to this many plans, home shows every plan as a card and compares their funding; a site
/// of more shows the most recent ones and links to the list of all, page by page.
pub const HOME_PLANS: usize = 24;

/// How many plans the home page of a site of many shows.
pub const HOME_LATEST: usize = 12;
#[cfg(test)]
mod list_tests {
    use super::page_numbers;

    #[test]
    fn long_lists_link_the_ends_and_the_neighbours_with_gaps() {
        assert_eq!(page_numbers(0, 1), [Some(0)]);
        assert_eq!(page_numbers(1, 3), [Some(0), Some(1), Some(2)]);
        assert_eq!(
            page_numbers(0, 20),
            [Some(0), Some(1), Some(2), None, Some(19)]
        );
        assert_eq!(
            page_numbers(10, 20),
            [
                Some(0),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(19)
            ]
        );
        assert_eq!(
            page_numbers(3, 5),
            [Some(0), Some(1), Some(2), Some(3), Some(4)]
        );
    }
}
