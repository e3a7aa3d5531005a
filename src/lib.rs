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
pub mod serve;
pub mod starter;
pub mod template;
pub mod theme;
pub mod tree;
pub mod validate;

use anyhow::{Context, Result};
use output::manifest::{self, Entry, Manifest};
use problem::{Problem, Problems};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tree::Root;
use validate::{Coverage, Validated};

/// What `build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content: PathBuf,
    /// A theme folder laid over the built-in theme; `None`: the site's own `themes/default/`
    /// beside its content folder if there is one, else the built-in theme alone.
    pub theme: Option<PathBuf>,
    pub output: PathBuf,
    /// Overrides `base_url` of site.toml.
    pub base_url: Option<String>,
    /// Build into an output folder that holds files minhbach did not write (they are kept).
    pub force: bool,
    /// Warnings stop the build, like errors.
    pub strict: bool,
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
    /// Problems that do not stop the build; printed apart from the report.
    pub warnings: Vec<Problem>,
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
        if !self.warnings.is_empty() {
            writeln!(
                f,
                "{} (shown above; --strict makes them stop the build)",
                problem::count(self.warnings.len(), "warning")
            )?;
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
                "content is valid ({} pages would be built, {:.2?}); nothing written",
                self.pages, self.elapsed
            ),
        }
    }
}

/// The content folder, or the problem that there is none.
pub(crate) fn content_root(content: &Path) -> Result<Root, Problems> {
    match Root::new(content) {
        Ok(r) if r.canonical().is_dir() => Ok(r),
        _ => Err(Problems(vec![Problem::file(
            content.display().to_string(),
            "content folder not found; pass --content <folder> or run from the site's folder",
        )])),
    }
}

/// Loads and validates content; every problem at once.
pub fn load_site(content: &Path) -> Result<Validated, Problems> {
    let root = content_root(content)?;
    let t = Instant::now();
    let (raw, problems) = load::load(&root);
    if std::env::var_os("MINHBACH_TIMES").is_some() {
        eprintln!("  read: {:.3} s", t.elapsed().as_secs_f64());
    }
    validate::validate(raw, problems)
}

/// With `MINHBACH_TIMES` set, prints how long each phase of a build took (for profiling).
fn phase_timer(start: Instant) -> impl Fn(&str) {
    let on = std::env::var_os("MINHBACH_TIMES").is_some();
    let last = std::cell::Cell::new(start);
    move |what: &str| {
        if on {
            let now = Instant::now();
            eprintln!("{what}: {:.3} s", (now - last.get()).as_secs_f64());
            last.set(now);
        }
    }
}

/// Loads and validates; under `strict`, warnings fail too.
fn load_checked(content: &Path, strict: bool) -> Result<Validated> {
    let validated = load_site(content)?;
    if strict && !validated.warnings.is_empty() {
        return Err(Problems(validated.warnings).into());
    }
    Ok(validated)
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
        notes: v.notes.iter().map(ToString::to_string).collect(),
        warnings: v.warnings.clone(),
    }
}

/// Where generated files go: the output's work folder, or nowhere (`check`).
trait Sink: Sync {
    fn write(&self, rel: &str, content: &[u8]) -> Result<()>;
    fn copy(&self, rel: &str, content: &[u8], source: &str) -> Result<()>;
}

impl Sink for output::Staging {
    fn write(&self, rel: &str, content: &[u8]) -> Result<()> {
        output::Staging::write(self, rel, content)
    }
    fn copy(&self, rel: &str, content: &[u8], source: &str) -> Result<()> {
        output::Staging::copy(self, rel, content, source)
    }
}

impl Sink for output::DryRun {
    fn write(&self, rel: &str, content: &[u8]) -> Result<()> {
        output::DryRun::write(self, rel, content)
    }
    fn copy(&self, rel: &str, content: &[u8], source: &str) -> Result<()> {
        output::DryRun::copy(self, rel, content, source)
    }
}

/// Renders every page and copies the static files into `sink`; returns (pages, files).
fn publish(
    site: &model::Site,
    renderer: &render::Renderer,
    (content, theme): (&Root, &theme::Theme),
    sink: &dyn Sink,
) -> Result<(usize, usize)> {
    let files = std::sync::atomic::AtomicUsize::new(0);
    let pages = renderer.render_site(site, |r| {
        files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        sink.write(&r.path, &r.content)
    })?;
    let mut copied = 0;
    for (rel, f) in theme.under("static") {
        sink.copy(rel, &f.bytes, &f.shown)?;
        copied += 1;
    }
    for rel in &site.static_files {
        let from = Path::new("static").join(tree::rel_path(rel));
        let bytes = content
            .read(&from, load::limits::OTHER_FILE_BYTES)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        sink.copy(rel, &bytes, &content.show(&from))?;
        copied += 1;
    }
    Ok((pages, files.into_inner() + copied))
}

fn escapes(es: Vec<tree::Escape>) -> anyhow::Error {
    anyhow::anyhow!(
        "{}",
        es.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    )
}

/// Validates content and theme, and renders the whole site in memory, writing nothing: whatever
/// `build` would reject, `check` rejects.
pub fn check(content: &Path, theme: Option<&Path>, strict: bool) -> Result<Report> {
    let start = Instant::now();
    let validated = load_checked(content, strict)?;
    let theme = theme_for(content, theme)?;
    let renderer = render::Renderer::new(&theme)?;
    let root = content_root(content)?;
    let (pages, files) = publish(
        &validated.site,
        &renderer,
        (&root, &theme),
        &output::DryRun::default(),
    )?;
    let mut r = report(&validated, start);
    r.pages = pages;
    r.files = files;
    r.elapsed = start.elapsed();
    Ok(r)
}

/// The theme a site is rendered with: `theme` (or the site's own `themes/default/` beside its
/// content) over the built-in theme.
pub fn theme_for(content: &Path, theme: Option<&Path>) -> Result<theme::Theme> {
    let dir = theme
        .map(Path::to_path_buf)
        .or_else(|| theme::beside(content));
    theme::Theme::load(dir.as_deref())
}

/// The hash of every source file: `content/…` and `theme/…` (the theme as used: built-in files
/// and the folder's over them).
fn source_hashes(content: &Root, theme: &theme::Theme) -> Result<BTreeMap<String, Entry>> {
    use rayon::prelude::*;
    let files = content.files(Path::new(""), false).map_err(escapes)?;
    let hashed: Vec<(String, Entry)> = files
        .into_par_iter()
        .map(|rel| {
            let bytes = content
                .read(&tree::rel_path(&rel), load::limits::OTHER_FILE_BYTES)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            Ok((format!("content/{rel}"), Entry::of(&bytes)))
        })
        .collect::<Result<_>>()?;
    let mut out: BTreeMap<String, Entry> = hashed.into_iter().collect();
    for (rel, f) in theme.all() {
        out.insert(format!("theme/{rel}"), Entry::of(&f.bytes));
    }
    Ok(out)
}

/// Builds the site into `opts.output`; on any error the previous output stays as it was.
pub fn build(opts: &BuildOptions) -> Result<Report> {
    let start = Instant::now();
    let phase = phase_timer(start);
    let mut validated = load_checked(&opts.content, opts.strict)?;
    phase("load and validate");
    if let Some(url) = &opts.base_url {
        let url = validate::base_url(url).map_err(|e| anyhow::anyhow!("--base-url: {e}"))?;
        validated.site.settings.base_url = Some(url);
    }
    let theme = theme_for(&opts.content, opts.theme.as_deref())?;
    let renderer = render::Renderer::new(&theme)?;
    let root = content_root(&opts.content)?;
    let staging = staging(opts, &theme, validated.site.settings.base_url.clone())?;
    phase("theme and output folder");
    // The sources are hashed for the manifest while the site is rendered.
    let (published, sources) = rayon::join(
        || publish(&validated.site, &renderer, (&root, &theme), &staging),
        || source_hashes(&root, &theme),
    );
    let (pages, files) = published?;
    let sources = sources?;
    phase("render and write, hash sources");
    let notes = staging
        .commit(sources)
        .context("could not replace the output folder")?;
    phase("manifest and commit");
    let mut r = report(&validated, start);
    r.pages = pages;
    r.files = files;
    r.output = Some(opts.output.clone());
    r.elapsed = start.elapsed();
    r.notes.extend(notes);
    r.notes.extend(site_notes(&validated.site));
    Ok(r)
}

/// The output folder made ready for a build (see `output::Staging::new`), refusing to replace
/// the content or theme folder.
fn staging(
    opts: &BuildOptions,
    theme: &theme::Theme,
    base_url: Option<String>,
) -> Result<output::Staging> {
    let mut protected: Vec<(&str, &Path)> = vec![("content", &opts.content)];
    if let Some(dir) = &theme.dir {
        protected.push(("theme", dir));
    }
    output::Staging::new(&opts.output, &protected, opts.force, base_url)
}

/// What an author should know about a built site before publishing it: that it shows
/// illustrative reports, and that it has no base address.
fn site_notes(site: &model::Site) -> Vec<String> {
    let mut notes = Vec::new();
    let illustrative: usize = site
        .plans
        .iter()
        .map(|p| p.reports.iter().filter(|r| r.illustrative).count())
        .sum();
    if illustrative > 0 {
        notes.push(format!(
            "illustrative data is included: {illustrative} progress reports are marked illustrative = true, and every page showing them says \"Illustrative data — not official figures\""
        ));
    }
    if site.settings.base_url.is_none() {
        notes.push(
            "no base_url: sitemap.xml and 404.html use relative addresses, which is fine for \
             browsing from disk; before publishing, set base_url in site.toml or pass --base-url"
                .into(),
        );
    }
    notes
}

/// What `verify` found: the files of a folder against its manifest, and, when asked, the
/// sources against the content and theme folders.
#[derive(Debug, Default)]
pub struct Verification {
    pub files: usize,
    pub changed: Vec<String>,
    pub missing: Vec<String>,
    pub extra: Vec<String>,
    /// Sources whose hash differs from the content or theme given, or that are missing or new.
    pub sources: Vec<String>,
    /// Whether the files were also rebuilt from sources and compared.
    pub rebuilt: bool,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.changed.is_empty()
            && self.missing.is_empty()
            && self.extra.is_empty()
            && self.sources.is_empty()
    }
}

impl fmt::Display for Verification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (label, list) in [
            ("changed", &self.changed),
            ("missing", &self.missing),
            ("extra", &self.extra),
            ("source differs", &self.sources),
        ] {
            for p in list {
                writeln!(f, "{label}: {}", model::text::printable(p))?;
            }
        }
        if self.ok() {
            writeln!(f, "all {} files match manifest.json", self.files)?;
        } else {
            write!(
                f,
                "{} changed, {} missing, {} extra of {} files listed{}",
                self.changed.len(),
                self.missing.len(),
                self.extra.len(),
                self.files,
                if self.sources.is_empty() {
                    String::new()
                } else {
                    format!("; {} sources differ", self.sources.len())
                }
            )?;
        }
        write!(
            f,
            "{}",
            if self.rebuilt {
                "note: manifest.json is not signed, but every file was also rebuilt from the sources given and compared with the copy"
            } else {
                "note: manifest.json is not signed: a match shows that the copy is whole and unchanged since its manifest was written, not who wrote it (whoever changes a page can change its hash too); to check the pages themselves, pass --content (and --theme) to rebuild them from the published sources and compare"
            }
        )
    }
}

/// Checks a built, downloaded or mirrored site folder against its `manifest.json`; with
/// `sources`, also that it is what those content and theme folders build: the site is rendered
/// again in memory and every file compared.
pub fn verify(folder: &Path, sources: Option<(&Path, Option<&Path>)>) -> Result<Verification> {
    let m = Manifest::read(folder)
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .ok_or_else(|| {
            anyhow::anyhow!(
                "{} has no {}: it is not a site built by minhbach, or the manifest was not copied with it",
                folder.display(),
                manifest::NAME
            )
        })?;
    let c = manifest::compare(folder, &m)
        .with_context(|| format!("cannot read {}", folder.display()))?;
    let mut v = Verification {
        files: m.files.len(),
        changed: c.changed,
        missing: c.missing,
        // A dot-file on a web server can act (`.htaccess`): only version control's is left out.
        extra: c
            .extra
            .into_iter()
            .chain(c.dot_entries.into_iter().filter(|d| d != ".git"))
            .collect(),
        sources: Vec::new(),
        rebuilt: false,
    };
    v.extra.sort();
    if let Some((content, theme)) = sources {
        let root = content_root(content)?;
        let theme = theme_for(content, theme)?;
        let now = source_hashes(&root, &theme)?;
        for (k, e) in &m.sources {
            if now.get(k) != Some(e) {
                v.sources.push(k.clone());
            }
        }
        v.sources
            .extend(now.keys().filter(|k| !m.sources.contains_key(*k)).cloned());
        // Rebuild and compare every file: a manifest edited to match an edited page is caught.
        let mut validated = load_site(content)?;
        validated.site.settings.base_url = m.base_url.clone();
        let renderer = render::Renderer::new(&theme)?;
        v.rebuilt = true;
        let rebuilt = output::DryRun::hashing();
        publish(&validated.site, &renderer, (&root, &theme), &rebuilt)?;
        let rebuilt = rebuilt.into_files();
        for (path, entry) in &rebuilt {
            if m.files.get(path) != entry.as_ref() && !v.changed.contains(path) {
                v.changed.push(path.clone());
            }
        }
        for path in m.files.keys().filter(|p| !rebuilt.contains_key(*p)) {
            v.extra.push(path.clone());
        }
        v.changed.sort();
        v.changed.dedup();
        v.sources.sort();
    }
    Ok(v)
}
