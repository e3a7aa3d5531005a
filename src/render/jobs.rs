//! The work list of a build: every file of the site (each page in each language, the sitemap,
//! feeds, datasets, search shards, radio scripts, charts) as an `Item` with its output path,
//! made before anything is rendered, so that rendering runs in parallel and `serve` can render
//! one file when it is asked for.
//!
//! Stage: render (with `render/mod.rs`, which renders each item).

use serde::Serialize;

use crate::model::{Lang, Site};
use crate::render::context::Ctx;
use crate::render::{chart, context, data, links, parts, search, views};

/// One page to render (in each language): the work list is made first, then rendered in
/// parallel.
#[derive(Clone, Copy, Debug)]
pub(super) enum Job {
    Home,
    /// A page (from 0) of the list of all plans.
    PlanList(usize),
    Plan(usize),
    Project(usize, usize, Option<usize>),
    Document(usize),
    Target(usize, usize),
    Report(usize, usize),
    /// A plan's supervision page.
    Supervision(usize),
    /// The site-wide list of recommendations.
    SupervisionList,
    /// Page `k` (from 0) of the progress page: the overview and the newest reports, then the
    /// rest of the list of reports and revisions.
    Progress(usize),
    Agencies,
    Agency(usize),
    Page(usize),
    /// Page `k` (from 0) of a section's index.
    Section(usize, usize),
    NotFound,
    Glossary,
    Accessibility,
    DataNotes,
    OpenData,
    Search,
    SiteIndex,
    /// The printable public notice of a plan, or of one of its reports.
    Notice(usize, Option<usize>),
}

/// One file of the site: a page in one language, the sitemap, a feed or a data file.
#[derive(Clone, Copy, Debug)]
pub struct Item(pub(super) What);

#[derive(Clone, Copy, Debug)]
pub(super) enum What {
    Page(Lang, Job),
    Sitemap,
    Feed(Lang),
    /// A data file of plan `i`: a CSV in a language, or the JSON (always `Lang::Vi`).
    PlanData(Lang, usize, data::Set, data::Format),
    /// A file of a language's whole-site data package.
    Package(Lang, PackageFile),
    /// Shard `k` of a language's search index.
    SearchShard(Lang, usize),
    /// The radio script of a plan, or of one of its reports: the notice as plain text.
    Radio(Lang, usize, Option<usize>),
    /// A chart's SVG or its figures (CSV), when its page draws it.
    Chart(Lang, chart::Of, chart::File),
}

impl Item {
    /// The plan (its index in the site) whose folder alone this file shows: an edit inside that
    /// folder changes it, an edit inside another plan's folder does not. `None` for the pages
    /// that show several plans (home, lists, agencies, feeds) or none.
    pub fn plan(&self) -> Option<usize> {
        match self.0 {
            What::Page(
                _,
                Job::Plan(i)
                | Job::Project(i, ..)
                | Job::Document(i)
                | Job::Target(i, _)
                | Job::Report(i, _)
                | Job::Supervision(i)
                | Job::Notice(i, _),
            )
            | What::Radio(_, i, _)
            | What::PlanData(_, i, ..) => Some(i),
            What::Chart(_, of, _) => of.plan(),
            _ => None,
        }
    }
}

/// Every file of the site by its path under the output root, the sitemap first (it is the
/// longest to render).
pub fn index(site: &Site) -> Vec<(String, Item)> {
    items(site, &jobs(site))
}

pub(super) fn items(site: &Site, jobs: &[Job]) -> Vec<(String, Item)> {
    let mut out = vec![("sitemap.xml".to_string(), Item(What::Sitemap))];
    for lang in Lang::ALL {
        out.push((links::page_path(lang, "feed.xml"), Item(What::Feed(lang))));
        for k in 0..search::shards(site) {
            out.push((
                links::page_path(lang, &search::shard_path(k)),
                Item(What::SearchShard(lang, k)),
            ));
        }
        for job in jobs {
            let path = links::page_path(lang, &job_path(site, *job));
            out.push((path, Item(What::Page(lang, *job))));
        }
        chart_items(site, lang, chart::Of::all(site), &mut out);
        for f in PackageFile::all() {
            out.push((
                links::page_path(lang, &links::package_file(&f.name())),
                Item(What::Package(lang, f)),
            ));
        }
    }
    for i in 0..site.plans.len() {
        data_items(site, i, &mut out);
        radio_items(site, i, &mut out);
    }
    out
}

/// The radio scripts of plan `i` and its reports, in both languages.
fn radio_items(site: &Site, i: usize, out: &mut Vec<(String, Item)>) {
    let p = &site.plans[i];
    for lang in Lang::ALL {
        out.push((
            links::page_path(lang, &links::radio(&p.id, None)),
            Item(What::Radio(lang, i, None)),
        ));
        for (k, r) in p.reports.iter().enumerate() {
            out.push((
                links::page_path(lang, &links::radio(&p.id, Some(&r.id))),
                Item(What::Radio(lang, i, Some(k))),
            ));
        }
    }
}

/// The files that show plan `i` alone (see `Item::plan`), by path.
pub fn plan_files(site: &Site, i: usize) -> Vec<(String, Item)> {
    let mut jobs = Vec::new();
    plan_jobs(site, i, &mut jobs);
    let mut out = Vec::new();
    for lang in Lang::ALL {
        for job in &jobs {
            let path = links::page_path(lang, &job_path(site, *job));
            out.push((path, Item(What::Page(lang, *job))));
        }
    }
    data_items(site, i, &mut out);
    radio_items(site, i, &mut out);
    for lang in Lang::ALL {
        chart_items(site, lang, chart::Of::of_plan(site, i), &mut out);
    }
    out
}

/// Chart `of` as its page draws it, or `None` when the page draws none.
pub(super) fn draw_chart(cx: &Ctx, of: chart::Of) -> Option<chart::Chart> {
    use chart::Of;
    let site = cx.site;
    match of {
        Of::Plans => views::home::home_chart(cx),
        Of::Budget(i) => parts::charts::budget_chart(cx, &site.plans[i]),
        Of::Mix(i) => parts::charts::mix_chart(cx, &site.plans[i]),
        Of::Target(i, k) => {
            let p = &site.plans[i];
            let t = &p.targets[k];
            parts::charts::target_chart(cx.ui, cx.lang, p, t, &cx.assessment(p, t))
        }
        Of::Project(i, j, sub) => {
            let p = &site.plans[i];
            let pr = &p.projects[j];
            let pr = sub.map_or(pr, |k| &pr.subprojects[k]);
            parts::charts::project_chart(cx.ui, cx.lang, p, pr)
        }
    }
}

/// The files of charts `ofs` in `lang`: each one's SVG and its figures as CSV.
fn chart_items(site: &Site, lang: Lang, ofs: Vec<chart::Of>, out: &mut Vec<(String, Item)>) {
    for of in ofs {
        for file in [chart::File::Svg, chart::File::Csv] {
            out.push((
                links::page_path(lang, &of.path(site, file.ext())),
                Item(What::Chart(lang, of, file)),
            ));
        }
    }
}

/// The data files of plan `i`: a CSV per language and a JSON of each dataset it has rows in.
fn data_items(site: &Site, i: usize, out: &mut Vec<(String, Item)>) {
    let p = &site.plans[i];
    for set in data::Set::OF_PLAN {
        if !data::plan_has(p, set) {
            continue;
        }
        for lang in Lang::ALL {
            let path = links::plan_data(&p.id, set.id(), "csv");
            out.push((
                links::page_path(lang, &path),
                Item(What::PlanData(lang, i, set, data::Format::Csv)),
            ));
        }
        out.push((
            links::plan_data(&p.id, set.id(), "json"),
            Item(What::PlanData(Lang::Vi, i, set, data::Format::Json)),
        ));
    }
}

/// A file of the whole-site data package.
#[derive(Clone, Copy, Debug)]
pub(super) enum PackageFile {
    Descriptor,
    Zip,
    Set(data::Set, data::Format),
}

impl PackageFile {
    fn all() -> Vec<PackageFile> {
        let mut out = vec![PackageFile::Descriptor, PackageFile::Zip];
        for set in data::Set::ALL {
            out.push(PackageFile::Set(set, data::Format::Csv));
            out.push(PackageFile::Set(set, data::Format::Json));
        }
        out
    }

    pub(super) fn name(self) -> String {
        match self {
            PackageFile::Descriptor => data::package::DESCRIPTOR.to_string(),
            PackageFile::Zip => data::package::ZIP.to_string(),
            PackageFile::Set(set, f) => format!("{}.{}", set.id(), f.ext()),
        }
    }
}

/// A page's path under its language's folder.
fn job_path(site: &Site, job: Job) -> String {
    match job {
        Job::NotFound => "404.html".to_string(),
        Job::Home => "index.html".to_string(),
        Job::PlanList(k) => links::plan_list(k),
        Job::Plan(i) => links::plan(&site.plans[i].id),
        Job::Project(i, j, sub) => {
            let pr = &site.plans[i].projects[j];
            links::project(
                &site.plans[i].id,
                &sub.map_or(pr, |k| &pr.subprojects[k]).id,
            )
        }
        Job::Document(i) => links::document(&site.plans[i].id),
        Job::Target(i, k) => links::target(&site.plans[i].id, &site.plans[i].targets[k].id),
        Job::Report(i, k) => links::report(&site.plans[i].id, &site.plans[i].reports[k].id),
        Job::Supervision(i) => links::supervision(&site.plans[i].id),
        Job::SupervisionList => links::SUPERVISION_LIST.to_string(),
        Job::Progress(k) => links::progress(k),
        Job::Agencies => "agencies/index.html".to_string(),
        Job::Agency(i) => links::agency(&site.agencies[i].id),
        Job::Page(i) => links::page(&site.pages[i].slug),
        Job::Section(i, k) => links::section(&site.sections[i].path, k),
        Job::Glossary => "glossary.html".to_string(),
        Job::Accessibility => "accessibility.html".to_string(),
        Job::DataNotes => "data-notes.html".to_string(),
        Job::OpenData => "open-data.html".to_string(),
        Job::Search => "search.html".to_string(),
        Job::SiteIndex => "site-index.html".to_string(),
        Job::Notice(i, r) => {
            let p = &site.plans[i];
            links::notice(&p.id, r.map(|k| p.reports[k].id.as_str()))
        }
    }
}

pub(super) fn jobs(site: &Site) -> Vec<Job> {
    // The progress page also explains the status method, which every target page links to.
    let mut jobs = vec![
        Job::Home,
        Job::Agencies,
        Job::NotFound,
        Job::Progress(0),
        Job::Glossary,
        Job::Accessibility,
        Job::DataNotes,
        Job::OpenData,
        Job::Search,
        Job::SiteIndex,
    ];
    if site.has_supervision() {
        jobs.push(Job::SupervisionList);
    }
    jobs.extend((0..context::plan_list_pages(site)).map(Job::PlanList));
    jobs.extend((1..parts::listing::pages(site)).map(Job::Progress));
    for i in 0..site.plans.len() {
        plan_jobs(site, i, &mut jobs);
    }
    jobs.extend((0..site.agencies.len()).map(Job::Agency));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    for (i, s) in site.sections.iter().enumerate() {
        jobs.extend((0..s.index_pages()).map(|k| Job::Section(i, k)));
    }
    jobs
}

fn plan_jobs(site: &Site, i: usize, jobs: &mut Vec<Job>) {
    let p = &site.plans[i];
    jobs.push(Job::Plan(i));
    if p.document_vi.is_some() {
        jobs.push(Job::Document(i));
    }
    jobs.extend((0..p.targets.len()).map(|k| Job::Target(i, k)));
    jobs.extend((0..p.reports.len()).map(|k| Job::Report(i, k)));
    if !p.supervision.is_empty() {
        jobs.push(Job::Supervision(i));
    }
    jobs.push(Job::Notice(i, None));
    jobs.extend((0..p.reports.len()).map(|k| Job::Notice(i, Some(k))));
    for (j, pr) in p.projects.iter().enumerate() {
        jobs.push(Job::Project(i, j, None));
        jobs.extend((0..pr.subprojects.len()).map(|k| Job::Project(i, j, Some(k))));
    }
}

/// sitemap.xml with hreflang alternates for every page. Sitemaps require absolute addresses;
/// without a base URL the entries are root-relative paths, which crawlers resolve against the
/// sitemap's own address.
/// What the sitemap template needs: the base address, the language folders, and every page's
/// language-relative path. The template writes one `<url>` per page and language with its
/// alternates; keeping the data this small keeps a 70,000-page sitemap cheap.
#[derive(Serialize)]
pub(super) struct SitemapView<'a> {
    base: &'a str,
    /// (language code, folder prefix: "" or "en/").
    langs: Vec<(&'static str, &'static str)>,
    paths: Vec<String>,
}

pub(super) fn sitemap_view<'a>(site: &'a Site, jobs: &[Job]) -> SitemapView<'a> {
    let paths = jobs
        .iter()
        .filter(|job| !matches!(job, Job::NotFound))
        .map(|job| job_path(site, *job))
        .collect();
    SitemapView {
        base: site.settings.base_url.as_deref().unwrap_or(""),
        langs: Lang::ALL.iter().map(|l| (l.code(), l.prefix())).collect(),
        paths,
    }
}
