//! minhbach: bilingual static sites for public plans and budgets.
//!
//! The pipeline: load (files → raw structs) → validate (raw → model) → render (model → strings,
//! in parallel) → output (strings → files, swapped in atomically).

pub mod i18n;
pub mod load;
pub mod model;
pub mod output;
pub mod problem;
pub mod render;
pub mod validate;

use anyhow::{Context, Result};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use validate::{Coverage, Validated};

/// What `build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content: PathBuf,
    pub theme: PathBuf,
    pub output: PathBuf,
    /// Overrides `base_url` of site.toml.
    pub base_url: Option<String>,
}

/// What a build or check found, printed for the author.
#[derive(Debug, Clone)]
pub struct Report {
    pub plans: usize,
    pub agencies: usize,
    pub targets: usize,
    pub projects: usize,
    pub pages: usize,
    pub files: usize,
    pub coverage: Coverage,
    pub elapsed: Duration,
    /// `None` for `check`.
    pub output: Option<PathBuf>,
    /// Advice that does not stop the build.
    pub notes: Vec<String>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.coverage;
        writeln!(
            f,
            "{} plans, {} targets, {} projects and sub-projects, {} agencies",
            self.plans, self.targets, self.projects, self.agencies
        )?;
        writeln!(f, "translation coverage:")?;
        writeln!(
            f,
            "  vi: 100.0% of structured texts, 100.0% of pages (Vietnamese is the original)"
        )?;
        writeln!(
            f,
            "  en: {:.1}% of structured texts ({}/{}), {:.1}% of pages and documents ({}/{})",
            c.structured_percent(),
            c.structured_english,
            c.structured_total,
            c.pages_percent(),
            c.pages_english,
            c.pages_total
        )?;
        for n in &self.notes {
            writeln!(f, "note: {n}")?;
        }
        match &self.output {
            Some(out) => write!(
                f,
                "wrote {} pages ({} files) to {} in {:.2?}",
                self.pages,
                self.files,
                out.display(),
                self.elapsed
            ),
            None => write!(
                f,
                "content is valid ({:.2?}); nothing written",
                self.elapsed
            ),
        }
    }
}

/// Loads and validates content; every problem at once.
pub fn load_site(content: &Path) -> Result<Validated, problem::Problems> {
    validate::validate(load::load(content)?)
}

fn report(v: &Validated, start: Instant) -> Report {
    let s = &v.site;
    Report {
        plans: s.plans.len(),
        agencies: s.agencies.len(),
        targets: s.plans.iter().map(|p| p.targets.len()).sum(),
        projects: s.plans.iter().map(|p| p.all_projects().count()).sum(),
        pages: 0,
        files: 0,
        coverage: v.coverage,
        elapsed: start.elapsed(),
        output: None,
        notes: Vec::new(),
    }
}

/// Validates content and theme without writing anything.
pub fn check(content: &Path, theme: &Path) -> Result<Report> {
    let start = Instant::now();
    let validated = load_site(content)?;
    render::Renderer::new(theme)?;
    Ok(report(&validated, start))
}

/// Builds the site into `opts.output`; on any error the previous output stays as it was.
pub fn build(opts: &BuildOptions) -> Result<Report> {
    let start = Instant::now();
    let mut validated = load_site(&opts.content)?;
    if let Some(url) = &opts.base_url {
        let url = validate::base_url(url).map_err(|e| anyhow::anyhow!("--base-url: {e}"))?;
        validated.site.settings.base_url = Some(url);
    }
    let renderer = render::Renderer::new(&opts.theme)?;
    let staging = output::Staging::new(
        &opts.output,
        &[("content", &opts.content), ("theme", &opts.theme)],
    )?;
    let files = std::sync::atomic::AtomicUsize::new(0);
    let pages = renderer.render_site(&validated.site, |r| {
        files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        staging.write(&r.path, r.content.as_bytes())
    })?;
    let static_dir = opts.theme.join("static");
    let copied = if static_dir.is_dir() {
        staging.copy_tree(&static_dir, "static")?
    } else {
        0
    };
    staging
        .commit()
        .context("could not replace the output folder")?;
    let mut r = report(&validated, start);
    r.pages = pages;
    r.files = files.into_inner() + copied;
    r.output = Some(opts.output.clone());
    r.elapsed = start.elapsed();
    if validated.site.settings.base_url.is_none() {
        r.notes.push(
            "no base_url: sitemap.xml and 404.html use relative addresses, which is fine for \
             browsing from disk; before publishing, set base_url in site.toml or pass --base-url"
                .into(),
        );
    }
    Ok(r)
}
