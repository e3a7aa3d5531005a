//! Typed template contexts: one `Serialize` struct per page type, built from the model for one
//! language. Formatting of figures happens here (through `format`), markup in the templates.

pub mod agency;
pub mod calendar;
pub mod listing;
pub mod notes;
pub mod notice;
pub mod pages;
pub mod palette;
pub mod plan;
pub mod progress;
pub mod progress_charts;
pub mod report;
pub mod summary;
pub mod supervision;

use super::markdown;
use super::{format, links};
use crate::i18n::Ui;
use crate::model::{Agency, Lang, Plan, Site, Text};
use crate::render::data::Set;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

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

/// What every page's layout needs.
#[derive(Debug, Serialize)]
pub struct Meta<'a> {
    /// "vi" or "en".
    pub lang: &'static str,
    pub title: String,
    pub description: Option<String>,
    pub site_title: L,
    pub publisher: L,
    pub contact: Option<&'a str>,
    /// Relative prefix to this language's home (`../../en/`-style paths come from it).
    pub root: String,
    /// Relative prefix to the output root, where `static/` lives.
    pub assets: String,
    /// The same page in the other language.
    pub switch_url: String,
    pub switch_lang: &'static str,
    /// The vi and en addresses for `hreflang` alternates (absolute when base_url is set).
    pub alternates: Vec<(&'static str, String)>,
    /// The menu of the header and footer: addresses from `root`, made once per build.
    pub menu: &'a [pages::MenuLink],
    /// The site has supervision: the header links to its list of recommendations.
    pub supervision: bool,
    /// The page shows illustrative (made-up) progress data: it carries the label saying so.
    pub illustrative: bool,
    /// This language's Atom feed of reports and revisions.
    pub feed: String,
    /// The page's output path ("vi/plans/x.html" style, from the output root).
    pub path: String,
    /// Its absolute address, when the site has a base URL.
    pub url: Option<String>,
    /// "vi_VN" or "en_GB", for link previews.
    pub og_locale: &'static str,
    /// Where to report an error in this page's figures, pre-filled with its address.
    pub report_error: Option<String>,
    /// On a plan, project, target or report page: where to send a concern about it ("Góp ý"),
    /// pre-filled with the item and the page's address.
    pub concern: Option<String>,
    /// The licence of the data: name and address.
    pub licence: Option<(String, Option<String>)>,
    /// The day the site's figures are current to.
    pub as_of: Option<String>,
    /// How to cite the page: publisher, title, address and the date of its data.
    pub cite: String,
    /// The page's Content-Security-Policy.
    pub csp: String,
    /// A class on `<body>` for pages laid out apart (the printable notice).
    pub body_class: Option<&'static str>,

    /// Interface strings reach templates through the `ui(k="…")` function, not here.
    #[serde(skip)]
    pub ui: &'a Ui,
}

/// What many pages of one language show and is costly to compute, computed once per build (and,
/// in `serve`, again for one plan after an edit inside its folder).
pub struct Derived {
    /// For each agency id, the indices of the plans that name it, so agency pages need not
    /// scan every plan.
    agency_plans: HashMap<String, Vec<usize>>,
    /// Each plan's full text as shown in this language (headings one level down, under the
    /// page's own title), by plan id.
    documents: HashMap<String, markdown::Document>,
    /// Per plan (in site order): each target's assessment, and the revisions of its reports.
    progress: Vec<Progress>,
    lang: Lang,
    /// The whole-site data package of this language, made when first asked for.
    package: std::sync::OnceLock<crate::render::data::package::Package>,
    /// The menu of every page's header and footer.
    menu: Vec<pages::MenuLink>,
    /// Some plan has supervision: the header links to the list of recommendations.
    supervision: bool,
}

type Progress = (
    Vec<crate::model::status::Assessment>,
    Vec<crate::model::progress::Revision>,
);

impl Derived {
    pub fn new(site: &Site, lang: Lang) -> Derived {
        // Each full text is rendered once per language, here: its page shows the HTML, and every
        // page that cites a section of it links to the anchor found while rendering.
        let documents = site
            .plans
            .par_iter()
            .filter_map(|p| Some((p.id.clone(), document(p, lang)?)))
            .collect();
        let progress = site
            .plans
            .par_iter()
            .map(|p| progress_of(site, p))
            .collect();
        Derived {
            agency_plans: agency_plans(site),
            documents,
            progress,
            lang,
            package: std::sync::OnceLock::new(),
            menu: pages::menu(site, lang),
            supervision: site.has_supervision(),
        }
    }

    /// Computes again what plan `i` contributes, after it was replaced in `site`.
    pub fn update_plan(&mut self, site: &Site, lang: Lang, i: usize) {
        let p = &site.plans[i];
        match document(p, lang) {
            Some(d) => self.documents.insert(p.id.clone(), d),
            None => self.documents.remove(&p.id),
        };
        self.progress[i] = progress_of(site, p);
        self.supervision = site.has_supervision();
        self.package = std::sync::OnceLock::new();
        self.agency_plans.retain(|_, plans| {
            plans.retain(|j| *j != i);
            !plans.is_empty()
        });
        for id in named(p) {
            let plans = self.agency_plans.entry(id.clone()).or_default();
            if let Err(at) = plans.binary_search(&i) {
                plans.insert(at, i);
            }
        }
    }
}

impl Derived {
    /// The whole-site data package of this language.
    pub fn package(&self, site: &Site) -> &crate::render::data::package::Package {
        self.package
            .get_or_init(|| crate::render::data::package::Package::new(site, self.lang))
    }
}

fn document(p: &Plan, lang: Lang) -> Option<markdown::Document> {
    let doc = match lang {
        Lang::En => p.document_en.as_ref().or(p.document_vi.as_ref()),
        Lang::Vi => p.document_vi.as_ref(),
    }?;
    Some(markdown::document(doc, 1))
}

fn progress_of(site: &Site, p: &Plan) -> Progress {
    let today = site.settings.as_of;
    (
        p.targets
            .iter()
            .map(|t| crate::model::status::assess(t, &p.reports, today))
            .collect(),
        crate::model::progress::revisions(&p.reports),
    )
}

/// Every agency id plan `p` names (with repeats).
fn named(p: &Plan) -> impl Iterator<Item = &String> {
    std::iter::once(&p.issuer)
        .chain(p.lead.iter())
        .chain(p.duties.iter().map(|d| &d.agency))
        .chain(p.reports.iter().map(|r| &r.agency))
        .chain(p.calendar.iter().map(|d| &d.agency))
        .chain(p.supervision.iter().flat_map(|a| {
            a.by.iter().chain(
                a.recommendations
                    .iter()
                    .flat_map(|r| std::iter::once(&r.to).chain(r.responses.iter().map(|x| &x.by))),
            )
        }))
        .chain(
            p.all_projects()
                .flat_map(|pr| pr.lead.iter().chain(&pr.support)),
        )
        .chain(
            p.targets
                .iter()
                .flat_map(|t| t.lead.iter().chain(&t.support)),
        )
}

fn agency_plans(site: &Site) -> HashMap<String, Vec<usize>> {
    let mut out: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in site.plans.iter().enumerate() {
        for id in named(p) {
            let plans = match out.get_mut(id.as_str()) {
                Some(v) => v,
                None => out.entry(id.clone()).or_default(),
            };
            if plans.last() != Some(&i) {
                plans.push(i);
            }
        }
    }
    out
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

    /// The layout context of the page at language-relative `path`.
    /// Names the item a page is about ("Văn Quan 2021–2025 · target dien") in its "report an
    /// error" address.
    /// Its concern link too (on the pages of items readers supervise).
    pub fn report_item(&self, meta: &mut Meta, item: &str) {
        let s = &self.site.settings;
        let page = meta.url.clone().unwrap_or_else(|| meta.path.clone());
        if let Some(r) = &s.report_error {
            meta.report_error = Some(report_href(r, &page, &meta.title, Some(item)));
        }
        if let Some(c) = s.concerns.as_ref().or(s.report_error.as_ref()) {
            let subject = format!("[{}] {}", self.ui.get("concern_subject"), meta.title);
            meta.concern = Some(channel_href(c, &page, &subject, Some(item)));
        }
    }

    pub fn meta(&self, path: &str, title: String) -> Meta<'a> {
        let s = &self.site.settings;
        let out_path = links::page_path(self.lang, path);
        let assets = links::to_root(&out_path);
        let other = self.lang.other();
        let alternates = Lang::ALL
            .iter()
            .map(|l| {
                let target = links::page_path(*l, path);
                let url = match &s.base_url {
                    Some(base) => format!("{base}{target}"),
                    None => format!("{assets}{target}"),
                };
                (l.code(), url)
            })
            .collect();
        let root = format!("{assets}{}", self.lang.prefix());
        let url = s.base_url.as_ref().map(|b| format!("{b}{out_path}"));
        let report_error = s
            .report_error
            .as_ref()
            .map(|r| report_href(r, url.as_deref().unwrap_or(&out_path), &title, None));
        let cite = {
            let date = crate::render::data::data_date(self.site)
                .map(|d| {
                    format!(
                        ", {} {}",
                        self.ui.get("cite_as_of"),
                        format::day(d, self.lang)
                    )
                })
                .unwrap_or_default();
            format!(
                "{}, “{}”, {}{date}.",
                self.l(&s.publisher).text,
                title,
                url.as_deref().unwrap_or(&out_path)
            )
        };
        Meta {
            cite,
            lang: self.lang.code(),
            menu: &self.derived.menu,
            supervision: self.derived.supervision,
            illustrative: false,
            feed: format!("{root}feed.xml"),
            path: out_path.clone(),
            url,
            og_locale: match self.lang {
                Lang::Vi => "vi_VN",
                Lang::En => "en_GB",
            },
            report_error,
            concern: None,
            licence: s.licence.clone(),
            as_of: s.as_of.map(|d| format::day(d, self.lang)),
            csp: CSP
                .replace("{script}", "'self'")
                .replace("{style}", "'self'"),
            body_class: None,
            title,
            description: s
                .description
                .as_ref()
                .map(|d| d.get(self.lang).text.to_string()),
            site_title: self.l(&s.title),
            publisher: self.l(&s.publisher),
            contact: s.contact.as_deref(),
            root,
            switch_url: format!("{assets}{}", links::page_path(other, path)),
            switch_lang: other.code(),
            assets,
            alternates,
            ui: self.ui,
        }
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

/// Relative URL from language-relative page `from` to language-relative page `to`.
pub fn rel(from: &str, to: &str) -> String {
    format!("{}{}", links::to_root(from), to)
}

/// Percent-encoding for a query value: everything but unreserved ASCII.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The "report an error in the figures" address: an e-mail pre-filled with the page's address,
/// its title and the item's reference, or a form's address with them as query values.
pub fn report_href(channel: &str, page: &str, title: &str, item: Option<&str>) -> String {
    channel_href(channel, page, &format!("[minhbach] {title}"), item)
}

/// A mailto: address with the subject and a body of the page's address and the item, or a
/// form's address with `?page=…&item=…`.
/// The author's own `subject=` is kept (ours is not added); the author's own `body=` is kept and
/// the page's address added after it; a form's own `page=` or `item=` is kept likewise.
pub fn channel_href(channel: &str, page: &str, subject: &str, item: Option<&str>) -> String {
    let item_line = item.map(|i| format!("\n{i}")).unwrap_or_default();
    let (base, query) = channel.split_once('?').unwrap_or((channel, ""));
    let mut params: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    let has = |params: &[String], key: &str| {
        params.iter().position(|p| {
            p.split('=')
                .next()
                .is_some_and(|k| k.eq_ignore_ascii_case(key))
        })
    };
    if channel.starts_with("mailto:") {
        if has(&params, "subject").is_none() {
            params.push(format!("subject={}", percent_encode(subject)));
        }
        let ours = percent_encode(&format!("{page}{item_line}\n\n"));
        match has(&params, "body") {
            Some(i) => params[i] = format!("{}%0A%0A{ours}", params[i]),
            None => params.push(format!("body={ours}")),
        }
    } else {
        if has(&params, "page").is_none() {
            params.push(format!("page={}", percent_encode(page)));
        }
        if let (Some(i), None) = (item, has(&params, "item")) {
            params.push(format!("item={}", percent_encode(i)));
        }
    }
    format!("{base}?{}", params.join("&"))
}

/// Home page: publisher and plans.
#[derive(Serialize)]
pub struct HomeView<'a> {
    pub meta: Meta<'a>,
    pub description: Option<L>,
    /// The plans shown as cards: all of them, or on a site of many the most recently issued.
    pub plans: Vec<plan::PlanCard>,
    pub plan_count: usize,
    /// On a site of many plans: the list of them all, and what its link says.
    pub all_plans: Option<Link>,
    pub agency_count: usize,
    pub target_count: usize,
    /// Recommendations of supervision on the site, and how many are overdue.
    pub supervision: Option<(usize, usize)>,
    pub pages: Vec<Link>,
    /// Every plan's headline funding side by side (when more than one plan has figures).
    pub compare: Vec<CompareRow>,
    pub compare_chart: Option<ChartView>,
    /// Datasets (CSV and JSON) of what the page shows, by dataset id.
    pub data: BTreeMap<&'static str, Downloads>,
}

#[derive(Serialize)]
pub struct CompareRow {
    pub url: String,
    pub label: L,
    pub funding: Option<summary::Funding>,
}

/// How a plan is named in lists: its short title, which authors write with the district
/// ("Đại Từ 2022"); without one, the place before the official title.
pub fn plan_name(cx: &Ctx, p: &Plan) -> L {
    let (text, fallback) = crate::render::names::plan_name(p, cx.lang);
    L { text, fallback }
}

/// Up to this many plans, home shows every plan as a card and compares their funding; a site
/// of more shows the most recent ones and links to the list of all, page by page.
pub const HOME_PLANS: usize = 24;
/// How many plans the home page of a site of many shows.
pub const HOME_LATEST: usize = 12;
/// Plans per page of the list of all plans.
pub const PLANS_PER_PAGE: usize = 50;

/// The pages of the list of all plans.
pub fn plan_list_pages(site: &Site) -> usize {
    site.plans.len().div_ceil(PLANS_PER_PAGE).max(1)
}

/// The plans the home page shows as cards: all, or on a site of many the latest issued.
fn home_plans(s: &Site) -> Vec<&Plan> {
    if s.plans.len() <= HOME_PLANS {
        return s.plans.iter().collect();
    }
    let mut by_date: Vec<&Plan> = s.plans.iter().collect();
    // Newest first; a plan without a full date after, by year; the sort is stable (site order
    // on ties).
    let key = |p: &Plan| match p.date {
        crate::model::DocDate::Full { year, month, day } => (year, month, day),
        crate::model::DocDate::YearOnly(y) => (y, 0, 0),
        crate::model::DocDate::Blank => (i32::MIN, 0, 0),
    };
    by_date.sort_by_key(|p| std::cmp::Reverse(key(p)));
    by_date.truncate(HOME_LATEST);
    by_date
}

/// The bars of the home page's chart: (plan, phase and year, amount) of each plan with a
/// headline figure.
fn compare_bars(
    shown: &[&Plan],
    compare: &[CompareRow],
) -> Vec<(String, String, crate::model::Decimal)> {
    shown
        .iter()
        .zip(compare)
        .filter_map(|(p, r)| {
            let f = r.funding.as_ref()?;
            let key = summary::headline_key(p)?;
            let amount = summary::headline_amount(p, key)?;
            Some((r.label.text.clone(), f.caption.clone(), amount))
        })
        .collect()
}

fn compare_rows(cards: &[plan::PlanCard]) -> Vec<CompareRow> {
    cards
        .iter()
        .map(|c| CompareRow {
            url: c.url.clone(),
            label: c.name.clone(),
            funding: c.funding.clone(),
        })
        .collect()
}

/// The home page's chart of the plans compared, with its figures; `None` on a site of many
/// plans or with fewer than two headline figures.
pub fn home_chart(cx: &Ctx) -> Option<super::chart::Chart> {
    let path = "index.html";
    if cx.site.plans.len() > HOME_PLANS {
        return None;
    }
    let shown = home_plans(cx.site);
    let cards: Vec<plan::PlanCard> = shown.iter().map(|p| plan::card(cx, path, p)).collect();
    let bars = compare_bars(&shown, &compare_rows(&cards));
    if bars.len() < 2 {
        return None;
    }
    plans_chart(cx, &bars)
}

fn plans_chart(
    cx: &Ctx,
    bars: &[(String, String, crate::model::Decimal)],
) -> Option<super::chart::Chart> {
    use super::chart::budget::{single_bars, Single};
    let mut order: Vec<&(String, String, crate::model::Decimal)> = bars.iter().collect();
    order.sort_by_key(|r| std::cmp::Reverse(r.2));
    let singles: Vec<Single> = order
        .iter()
        .map(|(label, caption, amount)| Single {
            label: label.clone(),
            caption: caption.clone(),
            amount: amount.to_f64(),
            amount_text: format::decimal(*amount, cx.lang),
        })
        .collect();
    let desc: Vec<String> = singles
        .iter()
        .map(|b| format!("{} ({}): {}", b.label, b.caption, b.amount_text))
        .collect();
    let svg = single_bars(
        &singles,
        palette::column((crate::model::Source::Central, None)),
        cx.ui.get("home_compare_caption"),
        &format!("{}.", desc.join("; ")),
    )?;
    Some(super::chart::Chart {
        svg,
        header: vec![
            cx.ui.get("col_plan").to_string(),
            cx.ui.get("col_what").to_string(),
            format!(
                "{} ({})",
                cx.ui.get("col_total"),
                cx.ui.get("unit_million_short")
            ),
        ],
        rows: order
            .iter()
            .map(|(l, c, a)| {
                vec![
                    crate::render::data::Cell::Text(l.clone()),
                    crate::render::data::Cell::Text(c.clone()),
                    crate::render::data::Cell::num(Some(*a)),
                ]
            })
            .collect(),
    })
}

pub fn home<'a>(cx: &Ctx<'a>) -> HomeView<'a> {
    let path = "index.html";
    let s = cx.site;
    let many = s.plans.len() > HOME_PLANS;
    let shown = home_plans(s);
    let cards: Vec<plan::PlanCard> = shown.iter().map(|p| plan::card(cx, path, p)).collect();
    let compare = compare_rows(&cards);
    let bars = compare_bars(&shown, &compare);
    let several = bars.len() > 1 && !many;
    let mut meta = cx.meta(path, cx.l(&s.settings.title).text);
    // The cards show targets by status: illustrative reports make them illustrative too.
    meta.illustrative = shown
        .iter()
        .any(|p| !p.reports.is_empty() && progress::illustrative(p));
    let recs = || {
        s.plans
            .iter()
            .flat_map(|p| crate::model::supervision::all(&p.supervision))
    };
    let overdue = recs()
        .filter(|(_, r)| crate::model::supervision::answer(r, cx.today()).is_overdue())
        .count();
    let supervision = Some((recs().count(), overdue)).filter(|(n, _)| *n > 0);
    HomeView {
        supervision,
        data: cx.site_downloads(
            path,
            &[
                crate::render::data::Set::Plans,
                crate::render::data::Set::Budget,
            ],
        ),
        meta,
        compare_chart: several
            .then(|| plans_chart(cx, &bars))
            .flatten()
            .map(|c| cx.chart_view(path, Some(super::chart::Of::Plans), c)),
        compare: if several { compare } else { Vec::new() },
        description: cx.lo(&s.settings.description),
        plans: cards,
        plan_count: s.plans.len(),
        all_plans: many.then(|| Link {
            url: rel(path, &links::plan_list(0)),
            label: L {
                text: cx
                    .ui
                    .get("home_all_plans")
                    .replace("{n}", &s.plans.len().to_string()),
                fallback: false,
            },
        }),
        agency_count: s.agencies.len(),
        target_count: s.plans.iter().map(|p| p.targets.len()).sum(),
        pages: cx
            .derived
            .menu
            .iter()
            .map(|m| Link {
                url: rel(path, &m.path),
                label: m.label.clone(),
            })
            .collect(),
    }
}

/// One page of the list of all plans.
#[derive(Serialize)]
pub struct PlanListView<'a> {
    pub meta: Meta<'a>,
    /// "Trang 2/20" style, when there is more than one page.
    pub page_label: Option<String>,
    /// "Kế hoạch 51–100 trong 1.000" style.
    pub range: String,
    pub plans: Vec<plan::PlanCard>,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The page numbers to link: (number, address; `None` for this page), with gaps as `None`.
    pub numbers: Vec<Option<(usize, Option<String>)>>,
    /// Datasets (CSV and JSON) of what the page shows, by dataset id.
    pub data: BTreeMap<&'static str, Downloads>,
}

/// The pages (from 0) a list's page `k` of `pages` links to: the first, the last and the two
/// either side of `k`, with `None` for each gap.
fn page_numbers(k: usize, pages: usize) -> Vec<Option<usize>> {
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

/// Page `k` (from 0) of the list of all plans, in site order.
pub fn plan_list<'a>(cx: &Ctx<'a>, k: usize) -> PlanListView<'a> {
    let path = links::plan_list(k);
    let s = cx.site;
    let pages = plan_list_pages(s);
    let from = k * PLANS_PER_PAGE;
    let shown = &s.plans[from.min(s.plans.len())..(from + PLANS_PER_PAGE).min(s.plans.len())];
    let url = |j: usize| rel(&path, &links::plan_list(j));
    let page_label = (pages > 1).then(|| {
        cx.ui
            .get("page_of")
            .replace("{k}", &(k + 1).to_string())
            .replace("{n}", &pages.to_string())
    });
    let mut title = cx.ui.get("plans_title").to_string();
    if let Some(l) = &page_label {
        title = format!("{title} · {l}");
    }
    let mut meta = cx.meta(&path, title);
    meta.illustrative = shown
        .iter()
        .any(|p| !p.reports.is_empty() && progress::illustrative(p));
    let numbers = page_numbers(k, pages)
        .into_iter()
        .map(|n| n.map(|j| (j + 1, (j != k).then(|| url(j)))))
        .collect();
    PlanListView {
        data: cx.site_downloads(&path, &[crate::render::data::Set::Plans]),
        meta,
        page_label,
        range: if s.plans.is_empty() {
            cx.ui.get("plans_none").to_string()
        } else {
            cx.ui
                .get("plans_range")
                .replace("{from}", &(from + 1).min(s.plans.len()).to_string())
                .replace("{to}", &(from + shown.len()).to_string())
                .replace(
                    "{n}",
                    &format::decimal(
                        crate::model::Decimal::new(s.plans.len() as i128, 0),
                        cx.lang,
                    ),
                )
        },
        plans: shown.iter().map(|p| plan::card(cx, &path, p)).collect(),
        prev: (k > 0).then(|| url(k - 1)),
        next: (k + 1 < pages).then(|| url(k + 1)),
        numbers: if pages > 1 { numbers } else { Vec::new() },
    }
}

/// The search page: a form, and the results the browser finds in the index's shards.
#[derive(Serialize)]
pub struct SearchView<'a> {
    pub meta: Meta<'a>,
    /// How many shards the index has (`search/0.js` …).
    pub shards: usize,
    /// The interface strings the search script shows, as JSON.
    pub labels: String,
}

/// Interface strings `static/search.js` uses, under these names in its labels.
const SEARCH_LABELS: &[(&str, &str)] = &[
    ("plan", "search_kind_plan"),
    ("project", "search_kind_project"),
    ("target", "search_kind_target"),
    ("report", "search_kind_report"),
    ("supervision", "search_kind_supervision"),
    ("recommendation", "search_kind_recommendation"),
    ("agency", "search_kind_agency"),
    ("commune", "search_kind_commune"),
    ("page", "search_kind_page"),
    ("term", "search_kind_term"),
    ("loading", "search_loading"),
    ("count", "search_count"),
    ("partial", "search_partial"),
    ("more", "search_more"),
    ("none", "search_none"),
    ("show_more", "search_show_more"),
    ("failed", "search_failed"),
];

pub fn search_page<'a>(cx: &Ctx<'a>) -> SearchView<'a> {
    let labels: std::collections::BTreeMap<&str, &str> = SEARCH_LABELS
        .iter()
        .map(|(k, key)| (*k, cx.ui.get(key)))
        .collect();
    SearchView {
        meta: cx.meta("search.html", cx.ui.get("search_title").to_string()),
        shards: super::search::shards(cx.site),
        labels: serde_json::to_string(&labels).expect("labels serialise"),
    }
}

/// The index of the whole site, for readers without JavaScript: every page that lists things,
/// every plan with its projects, targets and reports, every agency.
#[derive(Serialize)]
pub struct SiteIndexView<'a> {
    pub meta: Meta<'a>,
    pub lists: Vec<Link>,
    pub plans: Vec<SiteIndexPlan>,
    pub agencies: Vec<Link>,
    pub communes: Vec<Link>,
}

#[derive(Serialize)]
pub struct SiteIndexPlan {
    pub link: Link,
    /// Its supervision page, when it has supervision.
    pub supervision: Option<String>,
    pub projects: Vec<Link>,
    pub targets: Vec<Link>,
    pub reports: Vec<Link>,
}

pub fn site_index<'a>(cx: &Ctx<'a>) -> SiteIndexView<'a> {
    let path = "site-index.html";
    let link = |url: String, text: String| Link {
        url: rel(path, &url),
        label: L {
            text,
            fallback: false,
        },
    };
    let mut lists = vec![
        link("plans/index.html".into(), cx.ui.get("plans_title").into()),
        link(
            "agencies/index.html".into(),
            cx.ui.get("agencies_title").into(),
        ),
        link("progress.html".into(), cx.ui.get("progress_title").into()),
        link("glossary.html".into(), cx.ui.get("glossary_title").into()),
        link(
            "data-notes.html".into(),
            cx.ui.get("data_notes_title").into(),
        ),
        link("accessibility.html".into(), cx.ui.get("a11y_title").into()),
    ];
    if cx.site.has_supervision() {
        lists.push(link(
            links::SUPERVISION_LIST.into(),
            cx.ui.get("sup_list_title").into(),
        ));
    }
    // The top-level pages and every section: each section's index lists its pages.
    lists.extend(
        cx.site
            .pages
            .iter()
            .filter(|p| p.section.is_none())
            .map(|p| Link {
                url: rel(path, &links::page(&p.slug)),
                label: cx.l(&p.text.title),
            }),
    );
    lists.extend(cx.site.sections.iter().map(|sec| Link {
        url: rel(path, &links::section(&sec.path, 0)),
        label: cx.l(&sec.text.title),
    }));
    // A site of many plans lists the plans alone here: each plan's page lists its projects,
    // targets and reports.
    let nested = cx.site.plans.len() <= HOME_PLANS;
    let plans = cx
        .site
        .plans
        .iter()
        .map(|p| SiteIndexPlan {
            supervision: (!p.supervision.is_empty()).then(|| rel(path, &links::supervision(&p.id))),
            link: Link {
                url: rel(path, &links::plan(&p.id)),
                label: plan_name(cx, p),
            },
            projects: p
                .all_projects()
                .filter(|_| nested)
                .map(|pr| Link {
                    url: rel(path, &links::project(&p.id, &pr.id)),
                    label: plan::row_label(cx, pr),
                })
                .collect(),
            targets: p
                .targets
                .iter()
                .filter(|_| nested)
                .map(|t| Link {
                    url: rel(path, &links::target(&p.id, &t.id)),
                    label: cx.l(&t.indicator),
                })
                .collect(),
            reports: p
                .reports
                .iter()
                .filter(|_| nested)
                .map(|r| progress::report_link(cx, path, p, r))
                .collect(),
        })
        .collect();
    let (communes, agencies): (Vec<&Agency>, Vec<&Agency>) = cx
        .site
        .agencies
        .iter()
        .partition(|a| a.kind == crate::model::AgencyKind::CommuneCommittee);
    let agency_links = |list: Vec<&Agency>| {
        let mut v: Vec<Link> = list.iter().map(|a| cx.agency_link(path, &a.id)).collect();
        v.sort_by(|a, b| a.label.text.cmp(&b.label.text));
        v
    };
    SiteIndexView {
        meta: cx.meta(path, cx.ui.get("site_index_title").to_string()),
        lists,
        plans,
        agencies: agency_links(agencies),
        communes: agency_links(communes),
    }
}

/// The 404 page; its links are absolute when a base URL is known, since a host serves it at any
/// address.
/// Every page's Content-Security-Policy: no script or style but the site's own files.
const CSP: &str = "default-src 'self'; script-src {script}; style-src {style}; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/// The 404 page finds the site's root by itself: a server shows it for a missing address at any
/// depth, so no relative link on it can be right. Its links are root-relative ("/index.html",
/// right when the site is at the root of its host); this script, allowed by its hash, looks for
/// the folder that holds `static/site.js`, from the deepest up, and points the links there.
pub const NOT_FOUND_JS: &str = r#"document.addEventListener("DOMContentLoaded",function(){if(location.protocol==="file:")return;var s=location.pathname.split("/");s.pop();var c=[];while(s.length){c.push(s.join("/")+"/");s.pop();}var l=document.querySelectorAll("a[href^='/']");function t(i){if(i>=c.length||c[i]==="/")return;fetch(c[i]+"static/site.js",{method:"HEAD"}).then(function(r){if(r.ok){l.forEach(function(a){a.setAttribute("href",c[i]+a.getAttribute("href").slice(1));});}else{t(i+1);}},function(){t(i+1);});}t(0);});"#;

/// `'sha256-…'` of a script or style, for a CSP.
pub fn csp_hash(text: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(text.as_bytes());
    format!("'sha256-{}'", base64(&digest))
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(A[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[derive(Serialize)]
pub struct NotFoundView<'a> {
    pub meta: Meta<'a>,
    pub home_url: String,
    /// Without a base URL: the theme's style sheet and the root-finding script, inline.
    pub inline_css: Option<String>,
    pub inline_js: Option<&'static str>,
}

pub fn not_found<'a>(cx: &Ctx<'a>, css: Option<&str>) -> NotFoundView<'a> {
    let mut meta = cx.meta("404.html", cx.ui.get("not_found_title").to_string());
    let base = cx.site.settings.base_url.clone();
    let inline = base.is_none();
    let base = base.unwrap_or_else(|| "/".to_string());
    meta.assets = base.clone();
    meta.root = format!("{base}{}", cx.lang.prefix());
    meta.switch_url = format!("{base}{}404.html", cx.lang.other().prefix());
    meta.feed = format!("{}feed.xml", meta.root);
    meta.alternates = Lang::ALL
        .iter()
        .map(|l| (l.code(), format!("{base}{}404.html", l.prefix())))
        .collect();
    let inline_css = css.filter(|_| inline).map(str::to_string);
    let inline_js = inline.then_some(NOT_FOUND_JS);
    if inline {
        let style = inline_css.as_deref().map_or_else(
            || "'self'".to_string(),
            |c| format!("'self' {}", csp_hash(c)),
        );
        meta.csp = CSP
            .replace("{script}", &format!("'self' {}", csp_hash(NOT_FOUND_JS)))
            .replace("{style}", &style);
    }
    NotFoundView {
        home_url: format!("{}index.html", meta.root),
        meta,
        inline_css,
        inline_js,
    }
}

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
