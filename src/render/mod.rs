//! Rendering: the model → strings (HTML pages, sitemap, CSV), in parallel. Nothing here writes
//! files; `output` does.

pub mod chart;
pub mod context;
pub mod data;
pub mod explain;
pub mod format;
pub mod glossary;
pub mod goal;
pub mod links;
pub mod markdown;
pub mod names;
pub mod parts;
pub mod search;
pub mod views;

use crate::i18n::Strings;
use crate::model::{Lang, Site};
use anyhow::{anyhow, Context, Result};
use context::Ctx;
pub use context::Derived;
use rayon::prelude::*;
use serde::Serialize;

/// Compiled templates and interface strings of a theme; built once per build. The templates
/// are compiled once and held per language, each with a `ui(k="key")` function that returns
/// that language's interface string, so no page has to carry the whole table of strings.
pub struct Renderer {
    tera_vi: tera::Tera,
    tera_en: tera::Tera,
    strings: Strings,
    /// The theme's `static/style.css`, inlined in the 404 page when there is no base URL.
    style: Option<String>,
    /// The theme's glossary.
    terms: Vec<glossary::Term>,
}

/// The `ui(k="key")` template function of one language; an unknown key is a render error.
struct UiFunction(std::collections::HashMap<String, tera::Value>);

impl tera::Function for UiFunction {
    fn call(
        &self,
        args: &std::collections::HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let key = args
            .get("k")
            .and_then(tera::Value::as_str)
            .ok_or_else(|| tera::Error::msg("ui() needs k=\"key\""))?;
        self.0.get(key).cloned().ok_or_else(|| {
            tera::Error::msg(format!(
                "no interface string `{key}`: add it to the theme's i18n/vi.toml and i18n/en.toml"
            ))
        })
    }
}

/// One generated file: its path under the output root and its content.
pub struct Rendered {
    pub path: String,
    pub content: Vec<u8>,
}

/// One page to render (in each language): the work list is made first, then rendered in
/// parallel.
#[derive(Clone, Copy, Debug)]
enum Job {
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

/// The start of every page's Content-Security-Policy, as the default theme's `base.html` writes
/// it: scripts only from the site's own files (and hashed ones).
const POLICY: &str =
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'";

/// A page keeps the site's Content-Security-Policy, before any script: a theme that leaves it
/// out (or loosens it) would let a script in an author's text run on the page.
fn keeps_policy(template: &str, page: &str) -> Result<()> {
    let policy = page.find(POLICY);
    let script = page.find("<script");
    match (policy, script) {
        (Some(p), Some(s)) if s < p => Err(anyhow!(
            "template {template} puts a <script> before the page's Content-Security-Policy, which then does not guard it; keep the <meta http-equiv=\"Content-Security-Policy\" …> line of the default theme's base.html first in <head>"
        )),
        (Some(_), _) => Ok(()),
        (None, _) => Err(anyhow!(
            "template {template} makes a page without the site's Content-Security-Policy (or with another one); keep the line <meta http-equiv=\"Content-Security-Policy\" content=\"{{{{ meta.csp | safe }}}}\"> of the default theme's base.html in <head>"
        )),
    }
}

impl Renderer {
    /// Compiles the theme's templates (`templates/**/*.html`, `*.xml`) and loads its strings.
    pub fn new(theme: &crate::theme::Theme) -> Result<Renderer> {
        let mut sources = Vec::new();
        for (rel, f) in theme.under("templates") {
            let name = &rel["templates/".len()..];
            if !(name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".txt")) {
                continue;
            }
            let text = std::str::from_utf8(&f.bytes)
                .map_err(|_| anyhow!("{}: not UTF-8 text", f.shown))?;
            sources.push((name.to_string(), text.to_string()));
        }
        if sources.is_empty() {
            return Err(anyhow!("the theme has no templates"));
        }
        let strings = Strings::load(theme).map_err(|p| anyhow!("{p}"))?;
        let terms = glossary::load(theme)?;
        let compile = |lang: Lang| -> Result<tera::Tera> {
            let table = strings.get(lang);
            let mut tera = tera::Tera::default();
            tera.autoescape_on(vec![".html", ".xml"]);
            let sources = sources.iter().map(|(name, text)| {
                let escape = name.ends_with(".html") || name.ends_with(".xml");
                (
                    name.clone(),
                    inline_strings(text, |k| table.lookup(k), escape),
                )
            });
            tera.add_raw_templates(sources)
                .map_err(|e| anyhow!("{}", tera_message(&e)))
                .with_context(|| match &theme.dir {
                    Some(d) => format!("in the theme (built-in, with {} over it)", d.display()),
                    None => "in the built-in theme".to_string(),
                })?;
            tera.set_escape_fn(escape_html);
            let table = table
                .iter()
                .map(|(k, v)| (k.clone(), tera::Value::String(v.clone())))
                .collect();
            tera.register_function("ui", UiFunction(table));
            tera.register_filter("terms", glossary::TermsFilter::new(&terms, lang));
            Ok(tera)
        };
        let style = theme
            .text("static/style.css")
            .and_then(Result::ok)
            .map(|(t, _)| t.to_string());
        let (tera_vi, tera_en) = (compile(Lang::Vi)?, compile(Lang::En)?);
        Ok(Renderer {
            style,
            terms,
            tera_vi,
            tera_en,
            strings,
        })
    }

    fn render<T: Serialize>(&self, lang: Lang, template: &str, view: &T) -> Result<String> {
        let ctx =
            tera::Context::from_serialize(view).map_err(|e| anyhow!("{}", tera_message(&e)))?;
        let tera = match lang {
            Lang::Vi => &self.tera_vi,
            Lang::En => &self.tera_en,
        };
        let page = tera
            .render(template, &ctx)
            .map(glossary::first_only)
            .map_err(|e| anyhow!("template {template}: {}", tera_message(&e)))?;
        if template.ends_with(".html") {
            keeps_policy(template, &page)?;
        }
        Ok(page)
    }

    /// Every page of the site in both languages, plus sitemap and data files, rendered in
    /// parallel. `sink` receives each file as soon as it is ready. Returns the number of pages.
    pub fn render_site<F>(&self, site: &Site, sink: F) -> Result<usize>
    where
        F: Fn(Rendered) -> Result<()> + Sync,
    {
        let jobs = jobs(site);
        let items = items(site, &jobs);
        let (dvi, den) = rayon::join(
            || Derived::new(site, Lang::Vi),
            || Derived::new(site, Lang::En),
        );
        let cxs = self.contexts(site, (&dvi, &den));
        items
            .into_par_iter()
            .map(|(path, item)| {
                // A chart is drawn once for both its files: its SVG's item writes its CSV too.
                if let What::Chart(lang, of, file) = item.0 {
                    if file == chart::File::Svg {
                        let cx = &cxs[usize::from(lang == Lang::En)];
                        if let Some(c) = draw_chart(cx, of) {
                            sink(Rendered {
                                path,
                                content: c.svg_file().into_bytes(),
                            })?;
                            sink(Rendered {
                                path: links::page_path(lang, &of.path(site, "csv")),
                                content: c.csv_file().into_bytes(),
                            })?;
                        }
                    }
                    return Ok(0);
                }
                // A notice and its radio script show one view: both are made from it at once.
                match item.0 {
                    What::Radio(..) => return Ok(0),
                    What::Page(lang, Job::Notice(i, r)) => {
                        let cx = &cxs[usize::from(lang == Lang::En)];
                        let view = views::notice::notice_page(cx, &site.plans[i], r);
                        sink(Rendered {
                            path,
                            content: self.render(lang, "notice.html", &view)?.into_bytes(),
                        })?;
                        let p = &site.plans[i];
                        let radio = links::radio(&p.id, r.map(|k| p.reports[k].id.as_str()));
                        sink(Rendered {
                            path: links::page_path(lang, &radio),
                            content: self.radio(lang, &view)?,
                        })?;
                        return Ok(1);
                    }
                    _ => {}
                }
                if let Some(content) = self.render_item(&cxs, &jobs, item)? {
                    sink(Rendered { path, content })?;
                }
                Ok(usize::from(matches!(item.0, What::Page(..))))
            })
            .try_reduce(|| 0, |a, b| Ok(a + b))
    }

    fn contexts<'a>(
        &'a self,
        site: &'a Site,
        (vi, en): (&'a Derived, &'a Derived),
    ) -> [Ctx<'a>; 2] {
        [
            Ctx::new(site, Lang::Vi, self.strings.get(Lang::Vi), vi),
            Ctx::new(site, Lang::En, self.strings.get(Lang::En), en),
        ]
    }

    /// One file of the site, rendered alone (for `serve`, which renders a page when it is asked
    /// for). `derived` are the site's `Derived` in Vietnamese and English. `None` for a chart
    /// file of a chart its page does not draw.
    pub fn render_one(
        &self,
        site: &Site,
        derived: (&Derived, &Derived),
        item: Item,
    ) -> Result<Option<Vec<u8>>> {
        let cxs = self.contexts(site, derived);
        let jobs = if matches!(item.0, What::Sitemap) {
            jobs(site)
        } else {
            Vec::new()
        };
        self.render_item(&cxs, &jobs, item)
    }

    fn render_item(
        &self,
        [vi, en]: &[Ctx; 2],
        jobs: &[Job],
        item: Item,
    ) -> Result<Option<Vec<u8>>> {
        let site = vi.site;
        let cx = |lang: Lang| if lang == Lang::Vi { vi } else { en };
        let bytes = match item.0 {
            What::Page(lang, job) => self.render_job(cx(lang), site, job).map(String::into_bytes),
            What::Sitemap => self
                .render(Lang::Vi, "sitemap.xml", &sitemap_view(site, jobs))
                .map(String::into_bytes),
            What::Feed(lang) => self
                .render(lang, "feed.xml", &parts::feed::feed(cx(lang)))
                .map(String::into_bytes),
            What::PlanData(lang, i, set, format) => {
                Ok(data::plan_file(site, i, set, format, lang).into_bytes())
            }
            What::Package(lang, name) => cx(lang)
                .package()
                .file(site, &name.name())
                .ok_or_else(|| anyhow!("the data package has no file {}", name.name())),
            What::Chart(lang, of, format) => {
                return Ok(draw_chart(cx(lang), of).map(|c| match format {
                    chart::File::Csv => c.csv_file().into_bytes(),
                    chart::File::Svg => c.svg_file().into_bytes(),
                }))
            }
            What::SearchShard(lang, k) => {
                Ok(search::shard(site, lang, cx(lang).ui, &self.terms, k).into_bytes())
            }
            What::Radio(lang, i, r) => self.radio(
                lang,
                &views::notice::notice_page(cx(lang), &site.plans[i], r),
            ),
        };
        bytes.map(Some)
    }

    /// The radio script of a notice: its view as plain text.
    fn radio(&self, lang: Lang, view: &views::notice::NoticeView) -> Result<Vec<u8>> {
        self.render(lang, "radio.txt", view)
            .map(|s| s.trim_start().as_bytes().to_vec())
    }

    fn render_job(&self, cx: &Ctx, site: &Site, job: Job) -> Result<String> {
        let lang = cx.lang;
        match job {
            Job::Home => self.render(lang, "home.html", &views::home::home(cx)),
            Job::PlanList(k) => self.render(lang, "plans.html", &views::plans::plan_list(cx, k)),
            Job::Plan(i) => self.render(
                lang,
                "plan.html",
                &views::plan::plan_page(cx, &site.plans[i]),
            ),
            Job::Project(i, j, sub) => {
                let plan = &site.plans[i];
                let pr = &plan.projects[j];
                let pr = sub.map_or(pr, |k| &pr.subprojects[k]);
                self.render(
                    lang,
                    "project.html",
                    &views::project::project_page(cx, plan, pr),
                )
            }
            Job::Document(i) => {
                let p = &site.plans[i];
                let view = views::document::document_page(cx, p)
                    .ok_or_else(|| anyhow!("plan {} has no document", p.id))?;
                self.render(lang, "document.html", &view)
            }
            Job::Target(i, k) => {
                let p = &site.plans[i];
                self.render(
                    lang,
                    "target.html",
                    &views::target::target_page(cx, p, &p.targets[k]),
                )
            }
            Job::Report(i, k) => {
                let p = &site.plans[i];
                self.render(lang, "report.html", &views::report::report_page(cx, p, k))
            }
            Job::Progress(0) => {
                self.render(lang, "progress.html", &views::progress::progress_page(cx))
            }
            Job::Progress(k) => self.render(
                lang,
                "progress_list.html",
                &views::listing::listing_page(cx, k),
            ),
            Job::Supervision(i) => self.render(
                lang,
                "supervision.html",
                &views::supervision::plan_page(cx, &site.plans[i]),
            ),
            Job::SupervisionList => self.render(
                lang,
                "supervision_list.html",
                &views::supervision::list_page(cx),
            ),
            Job::Agencies => {
                self.render(lang, "agencies.html", &views::agencies::agencies_page(cx))
            }
            Job::Agency(i) => self.render(
                lang,
                "agency.html",
                &views::agency::agency_page(cx, &site.agencies[i]),
            ),
            Job::Page(i) => self.render(lang, "page.html", &views::pages::page(cx, i)),
            Job::Section(i, k) => {
                self.render(lang, "section.html", &views::pages::section(cx, i, k))
            }
            Job::Glossary => self.render(
                lang,
                "glossary.html",
                &views::notes::glossary_page(cx, glossary::views(&self.terms, lang)),
            ),
            Job::Accessibility => self.render(
                lang,
                "accessibility.html",
                &views::notes::accessibility_page(cx),
            ),
            Job::DataNotes => {
                self.render(lang, "data_notes.html", &views::notes::data_notes_page(cx))
            }
            Job::OpenData => self.render(lang, "open_data.html", &views::notes::open_data_page(cx)),
            Job::Search => self.render(lang, "search.html", &views::search::search_page(cx)),
            Job::SiteIndex => {
                self.render(lang, "site_index.html", &views::site_index::site_index(cx))
            }
            Job::Notice(i, r) => self.render(
                lang,
                "notice.html",
                &views::notice::notice_page(cx, &site.plans[i], r),
            ),
            Job::NotFound => self.render(
                lang,
                "404.html",
                &views::not_found::not_found(cx, self.style.as_deref()),
            ),
        }
    }
}

/// A template with each `{{ ui(k="key") }}` that prints an interface string replaced by the
/// string itself (escaped for HTML when the template is), so that Tera does not call a
/// function for each of the dozens on every page. The templates of each language are compiled
/// apart, so this is what `ui()` would print. Strings holding braces, and unknown keys (an error
/// when rendered, as before), keep the call.
fn inline_strings<'s>(
    text: &str,
    get: impl Fn(&str) -> Option<&'s String>,
    escape: bool,
) -> String {
    const OPEN: &str = "{{ ui(k=\"";
    const CLOSE: &str = "\") }}";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let key_end = rest[OPEN.len()..].find(CLOSE).map(|n| OPEN.len() + n);
        let value = key_end.and_then(|end| {
            let key = &rest[OPEN.len()..end];
            let ok = key.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_');
            get(key).filter(|v| ok && !v.contains(['{', '}']))
        });
        match (key_end, value) {
            (Some(end), Some(v)) => {
                if escape {
                    out.push_str(&escape_html(v));
                } else {
                    out.push_str(v);
                }
                rest = &rest[end + CLOSE.len()..];
            }
            _ => {
                out.push_str(OPEN);
                rest = &rest[OPEN.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes what HTML needs escaped in text and quoted attributes; unlike Tera's default it
/// leaves `/` alone, so every link is not tripled in size. Characters no page may show
/// (control and bidirectional-control characters) are dropped: a last wall behind validation.
pub(crate) fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    if crate::model::text::maybe_forbidden(input) {
        for c in input.chars() {
            match c {
                c if crate::model::text::is_forbidden(c) => {}
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                _ => out.push(c),
            }
        }
        return out;
    }
    // No forbidden character: copy the runs between the five that need escaping.
    let mut from = 0;
    for (i, b) in input.bytes().enumerate() {
        let with = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[from..i]);
        out.push_str(with);
        from = i + 1;
    }
    out.push_str(&input[from..]);
    out
}

/// Tera hides the useful part of an error in its source chain.
fn tera_message(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

/// One file of the site: a page in one language, the sitemap, a feed or a data file.
#[derive(Clone, Copy, Debug)]
pub struct Item(What);

#[derive(Clone, Copy, Debug)]
enum What {
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

fn items(site: &Site, jobs: &[Job]) -> Vec<(String, Item)> {
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
fn draw_chart(cx: &Ctx, of: chart::Of) -> Option<chart::Chart> {
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
enum PackageFile {
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

    fn name(self) -> String {
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

fn jobs(site: &Site) -> Vec<Job> {
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
struct SitemapView<'a> {
    base: &'a str,
    /// (language code, folder prefix: "" or "en/").
    langs: Vec<(&'static str, &'static str)>,
    paths: Vec<String>,
}

fn sitemap_view<'a>(site: &'a Site, jobs: &[Job]) -> SitemapView<'a> {
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
