//! Rendering: the model → strings (HTML pages, sitemap, CSV), in parallel. Nothing here writes
//! files; `output` does.

pub mod chart;
mod compile;
pub mod context;
pub mod data;
pub mod explain;
pub mod format;
pub mod glossary;
pub mod goal;
mod jobs;
pub mod links;
pub mod markdown;
pub mod names;
pub mod parts;
pub mod search;
pub mod views;

use anyhow::{anyhow, Result};
use compile::{keeps_policy, tera_message};
use context::Ctx;
pub use context::Derived;
use jobs::{draw_chart, items, jobs, sitemap_view, Job, What};
pub use jobs::{index, plan_files, Item};
use rayon::prelude::*;
use serde::Serialize;

use crate::i18n::Strings;
use crate::model::{Lang, Site};

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

/// One generated file: its path under the output root and its content.
pub struct Rendered {
    pub path: String,
    pub content: Vec<u8>,
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
        let style = theme
            .text("static/style.css")
            .and_then(Result::ok)
            .map(|(t, _)| t.to_string());
        let compile = |lang| compile::tera(theme, &sources, &strings, &terms, lang);
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

    /// Page `job` in `cx`'s language: a page of one plan, a page across the plans, or a page of
    /// text.
    fn render_job(&self, cx: &Ctx, site: &Site, job: Job) -> Result<String> {
        match job {
            Job::Plan(_)
            | Job::Project(..)
            | Job::Document(_)
            | Job::Target(..)
            | Job::Report(..)
            | Job::Supervision(_)
            | Job::Notice(..) => self.render_plan_job(cx, site, job),
            Job::Home
            | Job::PlanList(_)
            | Job::Progress(_)
            | Job::SupervisionList
            | Job::Agencies
            | Job::Agency(_)
            | Job::Search
            | Job::SiteIndex => self.render_site_job(cx, site, job),
            Job::Page(_)
            | Job::Section(..)
            | Job::Glossary
            | Job::Accessibility
            | Job::DataNotes
            | Job::OpenData
            | Job::NotFound => self.render_text_job(cx, job),
        }
    }

    /// A page of one plan: the plan's, a project's, its document, a target's, a report's, its
    /// supervision, a notice.
    fn render_plan_job(&self, cx: &Ctx, site: &Site, job: Job) -> Result<String> {
        let lang = cx.lang;
        match job {
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
            Job::Supervision(i) => self.render(
                lang,
                "supervision.html",
                &views::supervision::plan_page(cx, &site.plans[i]),
            ),
            Job::Notice(i, r) => self.render(
                lang,
                "notice.html",
                &views::notice::notice_page(cx, &site.plans[i], r),
            ),
            other => Err(anyhow!(
                "render_job sends plan pages only to this function, not {other:?}"
            )),
        }
    }

    /// A page across the plans: home, the lists (plans, progress, recommendations, agencies),
    /// an agency's page, search and the site index.
    fn render_site_job(&self, cx: &Ctx, site: &Site, job: Job) -> Result<String> {
        let lang = cx.lang;
        match job {
            Job::Home => self.render(lang, "home.html", &views::home::home(cx)),
            Job::PlanList(k) => self.render(lang, "plans.html", &views::plans::plan_list(cx, k)),
            Job::Progress(0) => {
                self.render(lang, "progress.html", &views::progress::progress_page(cx))
            }
            Job::Progress(k) => self.render(
                lang,
                "progress_list.html",
                &views::listing::listing_page(cx, k),
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
            Job::Search => self.render(lang, "search.html", &views::search::search_page(cx)),
            Job::SiteIndex => {
                self.render(lang, "site_index.html", &views::site_index::site_index(cx))
            }
            other => Err(anyhow!(
                "render_job sends pages across the plans only to this function, not {other:?}"
            )),
        }
    }

    /// A page of text: a narrative page or section, the pages about the site and its data, the
    /// page for an address that does not exist.
    fn render_text_job(&self, cx: &Ctx, job: Job) -> Result<String> {
        let lang = cx.lang;
        match job {
            Job::Page(i) => self.render(lang, "page.html", &views::pages::page(cx, i)),
            Job::Section(i, k) => {
                self.render(lang, "section.html", &views::pages::section(cx, i, k))
            }
            Job::Glossary => self.render(
                lang,
                "glossary.html",
                &views::glossary::glossary_page(cx, glossary::views(&self.terms, lang)),
            ),
            Job::Accessibility => self.render(
                lang,
                "accessibility.html",
                &views::accessibility::accessibility_page(cx),
            ),
            Job::DataNotes => self.render(
                lang,
                "data_notes.html",
                &views::data_notes::data_notes_page(cx),
            ),
            Job::OpenData => self.render(
                lang,
                "open_data.html",
                &views::open_data::open_data_page(cx),
            ),
            Job::NotFound => self.render(
                lang,
                "404.html",
                &views::not_found::not_found(cx, self.style.as_deref()),
            ),
            other => Err(anyhow!(
                "render_job sends pages of text only to this function, not {other:?}"
            )),
        }
    }
}
