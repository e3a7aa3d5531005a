//! Reading the content folder (the load stage, before validation): TOML files into raw structs,
//! CSV tables and workbooks into the same structs, Markdown files with front matter.
//!
//! Every input type has a pure `parse_*(file)` half, tested on strings (`parse`, `csv`,
//! `tolerant`, `xlsx`), and a thin file-reading half (`files`). Nothing stops at the first
//! problem: each file is read on its own, a bad value inside a file sets aside only the part that
//! holds it (`tolerant`), and every problem is collected with file, line and column. Files are
//! read only through `tree::Root`, so nothing outside the content folder is ever published; and a
//! file minhbach does not know is a warning, so that `target.toml` for `targets.toml` does not go
//! unnoticed.
//!
//! This module holds what the whole stage returns (`RawSite`) and the walk over the top of the
//! content folder; each folder is read by its own module: `plan` (a plan folder), `reports` and
//! `supervision` (the folders inside it), `pages`, `static_files`.

pub mod csv;
mod files;
mod folder;
pub mod limits;
mod pages;
mod parse;
mod plan;
pub mod raw;
mod reports;
mod static_files;
mod supervision;
pub mod tables;
pub mod tolerant;
pub mod xlsx;
pub use pages::MAX_SECTION_DEPTH;
pub use parse::{forbidden_chars, parse_page, parse_toml, RawPage};
pub use plan::RawPlanDir;
pub use reports::{RawReportDir, REPORT_TABLES};
pub use supervision::{RawActivityDir, SUPERVISION_TABLES};
pub use tables::{
    BUDGET_FIELDS, BUDGET_SHEETS, DUTY_FIELDS, DUTY_SHEETS, TARGET_FIELDS, TARGET_SHEETS,
    TOTAL_SHEETS,
};

use crate::problem::{Problems, SourceFile};
use crate::tree::{Kind, Root};
use files::{list, read_toml, unknown};
use raw::*;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::Path;

/// A parsed file together with its source, for locating later problems.
#[derive(Debug)]
pub struct Sourced<T> {
    pub file: SourceFile,
    pub data: T,
}

/// Ids that exist in the content but could not be read, so that references to them are not
/// reported as unknown on top of the problem that set them aside.
#[derive(Debug, Default, Clone)]
pub enum Unread {
    #[default]
    Nothing,
    /// Entries with these ids were set aside.
    Ids(HashSet<String>),
    /// A whole file could not be read: any id may be in it.
    Any,
}

impl Unread {
    pub fn covers(&self, id: &str) -> bool {
        match self {
            Unread::Nothing => false,
            Unread::Ids(ids) => ids.contains(id),
            Unread::Any => true,
        }
    }

    fn add<T>(&mut self, parsed: &tolerant::Parsed<T>) {
        if parsed.data.is_none() {
            *self = Unread::Any;
            return;
        }
        if parsed.dropped_ids.is_empty() {
            return;
        }
        match self {
            Unread::Any => {}
            Unread::Ids(ids) => ids.extend(parsed.dropped_ids.iter().cloned()),
            Unread::Nothing => *self = Unread::Ids(parsed.dropped_ids.iter().cloned().collect()),
        }
    }
}

/// Everything in a content folder, parsed but not yet validated. A file that could not be read
/// at all is `None` (its problems are already reported); validation checks the rest.
#[derive(Debug, Default)]
pub struct RawSite {
    pub settings: Option<Sourced<RawSettings>>,
    pub agencies: Vec<Sourced<RawAgencyFile>>,
    pub unread_agencies: Unread,
    pub plans: Vec<RawPlanDir>,
    pub pages: Vec<RawPage>,
    /// Files under `static/`, `/`-separated, copied as they are to the root of the site.
    pub static_files: Vec<String>,
}

/// A CSV table's columns: its fields, the required ones, and the bilingual ones.
pub type Columns = (
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

/// Reads and parses the whole content folder. Every problem is collected, and whatever could be
/// read is returned for validation to check too.
pub fn load(root: &Root) -> (RawSite, Problems) {
    let mut problems = Problems::default();
    let mut site = RawSite::default();
    check_top(root, &mut problems);
    site.settings = read_toml(root, Path::new("site.toml"), &mut problems, |_| {});
    site.agencies = load_agencies(root, &mut site.unread_agencies, &mut problems);
    site.plans = load_plans(root, &mut problems);
    site.pages = pages::load_pages(root, &mut problems);
    site.static_files = static_files::load_static(root, &mut problems);
    (site, problems)
}

/// A warning for each entry at the top of the content folder that minhbach does not read.
fn check_top(root: &Root, problems: &mut Problems) {
    let known_top = ["site.toml", "agencies", "plans", "pages", "static"];
    for (name, kind) in list(root, Path::new(""), problems) {
        let expected = match name.as_str() {
            "site.toml" => kind == Kind::File,
            "agencies" | "plans" | "pages" | "static" => kind == Kind::Dir,
            _ => false,
        };
        if !expected {
            problems.push(unknown(root, Path::new(&name), kind, &known_top));
        }
    }
}

/// The files of `agencies/`, each `<area>.toml`; `unread` learns the agencies set aside.
fn load_agencies(
    root: &Root,
    unread: &mut Unread,
    problems: &mut Problems,
) -> Vec<Sourced<RawAgencyFile>> {
    let mut agencies = Vec::new();
    for (name, kind) in list(root, Path::new("agencies"), problems) {
        let rel = Path::new("agencies").join(&name);
        if kind == Kind::File && name.ends_with(".toml") {
            if let Some(f) = read_toml(root, &rel, problems, |p| unread.add(p)) {
                agencies.push(f);
            }
        } else {
            problems.push(unknown(root, &rel, kind, &["<area>.toml"]));
        }
    }
    agencies
}

/// The folders of `plans/`, each read on every core; problems keep the folder order.
fn load_plans(root: &Root, problems: &mut Problems) -> Vec<RawPlanDir> {
    let mut plan_dirs = Vec::new();
    for (name, kind) in list(root, Path::new("plans"), problems) {
        let rel = Path::new("plans").join(&name);
        if kind == Kind::Dir {
            plan_dirs.push(name);
        } else {
            problems.push(unknown(root, &rel, kind, &["<plan-id>/"]));
        }
    }
    let loaded: Vec<(RawPlanDir, Problems)> = plan_dirs
        .into_par_iter()
        .map(|name| load_plan_folder(root, &name))
        .collect();
    in_order(loaded, problems)
}

/// What was read on every core, each with its problems: the problems join `problems` in the
/// order of the reading, so that they come in the order of the folders.
fn in_order<T>(read: Vec<(T, Problems)>, problems: &mut Problems) -> Vec<T> {
    let mut out = Vec::with_capacity(read.len());
    for (item, ps) in read {
        problems.extend(ps.0);
        out.push(item);
    }
    out
}

/// Reads and parses one plan folder, `plans/<id>/`, again (`serve`, after an edit inside it).
pub fn load_plan_folder(root: &Root, id: &str) -> (RawPlanDir, Problems) {
    let mut problems = Problems::default();
    let rel = Path::new("plans").join(id);
    let plan = plan::load_plan(root, id.to_string(), &rel, &mut problems);
    (plan, problems)
}
