//! What `serve` serves: the site loaded and validated in memory, each file rendered when it is
//! first asked for and kept until an edit touches it. An edit inside one plan's folder loads and
//! validates that folder alone and forgets only the files that show that plan (its own pages,
//! and the pages that list plans: home, agencies, progress, feeds, sitemap); an edit of the theme
//! compiles the theme again; any other edit loads the whole site again.

use crate::load::{self, Unread};
use crate::model::{Lang, Site};
use crate::problem::{self, Problem, Problems, SourceFile};
use crate::render::{self, Derived, Item, Renderer};
use crate::theme::Theme;
use crate::tree::{self, Root};
use anyhow::Result;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A loaded site, ready to render any of its files.
pub struct Loaded {
    root: Root,
    theme: Theme,
    renderer: Renderer,
    site: Site,
    derived: (Derived, Derived),
    index: HashMap<String, Item>,
    unread_agencies: Unread,
    site_file: Option<SourceFile>,
    /// Rendered files, with the plan each shows alone (see `Item::plan`).
    cache: Mutex<HashMap<String, Cached>>,
}

/// A rendered file, and the plan it shows alone.
type Cached = (Option<usize>, Arc<Vec<u8>>);

/// What an edit touched, from the paths that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Files inside `plans/<id>/` of a plan the site has.
    Plan(String),
    /// Files of the theme folder only.
    Theme,
    /// Anything else: the site is loaded again.
    All,
}

impl Loaded {
    /// Loads, validates and prepares the whole site (nothing is rendered yet).
    pub fn load(content: &Path, theme_dir: Option<&Path>) -> Result<(Loaded, Vec<Problem>)> {
        let root = crate::content_root(content)?;
        let (raw, problems) = load::load(&root);
        let unread_agencies = raw.unread_agencies.clone();
        let site_file = raw.settings.as_ref().map(|s| s.file.clone());
        let validated = crate::validate::validate(raw, problems)?;
        let theme = crate::theme_for(content, theme_dir)?;
        let renderer = Renderer::new(&theme)?;
        let site = validated.site;
        let derived = rayon::join(
            || Derived::new(&site, Lang::Vi),
            || Derived::new(&site, Lang::En),
        );
        let index = index_of(&site, &theme)?;
        Ok((
            Loaded {
                root,
                theme,
                renderer,
                site,
                derived,
                index,
                unread_agencies,
                site_file,
                cache: Mutex::new(HashMap::new()),
            },
            validated.warnings,
        ))
    }

    pub fn plans(&self) -> usize {
        self.site.plans.len()
    }

    /// Files the site has (pages in both languages, feeds, sitemap, data), not counting static
    /// files.
    pub fn files(&self) -> usize {
        self.index.len()
    }

    /// Which part of the site the changed paths (absolute, canonical) touch.
    pub fn scope_of(&self, changed: &[PathBuf]) -> Scope {
        let content = self.root.canonical();
        let theme = self
            .theme
            .dir
            .as_ref()
            .map(|d| d.canonicalize().unwrap_or_else(|_| d.clone()));
        let mut scope: Option<Scope> = None;
        for path in changed {
            let this = if theme.as_ref().is_some_and(|t| path.starts_with(t)) {
                Scope::Theme
            } else {
                match path
                    .strip_prefix(content)
                    .ok()
                    .map(|r| r.components().collect::<Vec<_>>())
                {
                    Some(parts)
                        if parts.len() >= 3
                            && parts[0].as_os_str() == "plans"
                            && self
                                .site
                                .plans
                                .iter()
                                .any(|p| parts[1].as_os_str() == p.id.as_str())
                            && content.join("plans").join(parts[1]).is_dir() =>
                    {
                        Scope::Plan(parts[1].as_os_str().to_string_lossy().into_owned())
                    }
                    _ => Scope::All,
                }
            };
            scope = Some(match scope {
                None => this,
                Some(s) if s == this => s,
                Some(_) => Scope::All,
            });
        }
        scope.unwrap_or(Scope::All)
    }

    /// Loads and validates plan `id`'s folder again and puts it in the site; on a problem the
    /// site stays as it was.
    pub fn reload_plan(&mut self, id: &str) -> Result<Vec<Problem>, Problems> {
        let Some(i) = self.site.plans.iter().position(|p| p.id == id) else {
            return Err(Problems(vec![Problem::file(
                format!("plans/{id}"),
                "no such plan",
            )]));
        };
        let (raw, problems) = load::load_plan_folder(&self.root, id);
        let (plan, warnings) = crate::validate::plan_again(
            &self.site,
            &self.unread_agencies,
            self.site_file.as_ref(),
            &raw,
            problems,
        )?;
        let old: Vec<String> = render::plan_files(&self.site, i)
            .into_iter()
            .map(|(path, _)| path)
            .collect();
        self.site.plans[i] = plan;
        self.derived.0.update_plan(&self.site, Lang::Vi, i);
        self.derived.1.update_plan(&self.site, Lang::En, i);
        self.forget(|plan| plan.is_none_or(|j| j == i));
        for path in &old {
            if self
                .index
                .get(path)
                .is_some_and(|item| item.plan() == Some(i))
            {
                self.index.remove(path);
            }
        }
        for (path, item) in render::plan_files(&self.site, i) {
            let clash = self.theme.get(&path).is_some()
                || self.site.static_files.contains(&path)
                || self.index.contains_key(&path);
            if clash {
                return Err(Problems(vec![Problem::file(
                    format!("plans/{id}"),
                    crate::output::clash_page(&path),
                )]));
            }
            self.index.insert(path, item);
        }
        Ok(warnings)
    }

    /// Compiles the theme again; on an error the site stays as it was.
    pub fn reload_theme(&mut self, content: &Path, theme_dir: Option<&Path>) -> Result<()> {
        let theme = crate::theme_for(content, theme_dir)?;
        let renderer = Renderer::new(&theme)?;
        // A static file of the theme may now stand where a page does.
        self.index = index_of(&self.site, &theme)?;
        self.renderer = renderer;
        self.theme = theme;
        self.forget(|_| true);
        Ok(())
    }

    fn forget(&self, touched: impl Fn(Option<usize>) -> bool) {
        lock(&self.cache).retain(|_, (plan, _)| !touched(*plan));
    }

    /// The file at `rel` (a path under the site's root, "index.html" style), rendered now if it
    /// was not yet; `None` if the site has no such file.
    pub fn file(&self, rel: &str) -> Option<Result<Arc<Vec<u8>>>> {
        if let Some((_, bytes)) = lock(&self.cache).get(rel) {
            return Some(Ok(Arc::clone(bytes)));
        }
        let bytes = if let Some(item) = self.index.get(rel) {
            let rendered =
                self.renderer
                    .render_one(&self.site, (&self.derived.0, &self.derived.1), *item);
            match rendered {
                Ok(Some(b)) => (item.plan(), Arc::new(b)),
                Ok(None) => return None,
                Err(e) => return Some(Err(e)),
            }
        } else if let Some(f) = self.theme.get(rel).filter(|_| rel.starts_with("static/")) {
            (None, Arc::new(f.bytes.clone()))
        } else if self.site.static_files.iter().any(|s| s == rel) {
            let from = Path::new("static").join(tree::rel_path(rel));
            match self.root.read(&from, crate::load::limits::OTHER_FILE_BYTES) {
                Ok(b) => (None, Arc::new(b)),
                Err(e) => return Some(Err(anyhow::anyhow!("{e}"))),
            }
        } else {
            return None;
        };
        let out = Arc::clone(&bytes.1);
        lock(&self.cache).insert(rel.to_string(), bytes);
        Some(Ok(out))
    }
}

/// The site's files by address; what `build` would refuse to write twice is refused here too.
fn index_of(site: &Site, theme: &Theme) -> Result<HashMap<String, Item>> {
    let mut index = HashMap::new();
    for (rel, item) in render::index(site) {
        if index.insert(rel.clone(), item).is_some() {
            anyhow::bail!("{}", crate::output::clash_page(&rel));
        }
    }
    for (rel, f) in theme.under("static") {
        if index.contains_key(rel) {
            anyhow::bail!("{}", crate::output::clash_static(rel, &f.shown));
        }
    }
    for rel in &site.static_files {
        if index.contains_key(rel) || theme.get(rel).is_some() {
            anyhow::bail!(
                "{}",
                crate::output::clash_static(rel, &format!("static/{rel}"))
            );
        }
    }
    Ok(index)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Warnings as the console shows them.
pub fn warnings_text(warnings: &[Problem]) -> Option<String> {
    (!warnings.is_empty()).then(|| {
        let mut s: String = warnings.iter().map(|w| format!("warning: {w}\n")).collect();
        s.push_str(&problem::count(warnings.len(), "warning"));
        s
    })
}
