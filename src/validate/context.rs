//! Validation: what the validators of a plan, its progress and its supervision share (the
//! site around a plan, what a plan offers to point at, where report entries were written, and
//! small helpers for tables and hints), so that none of them imports another.

use crate::load::Sourced;
use crate::model::{Date, Project, Target};
use crate::problem::{did_you_mean, SourceFile};
use std::ops::Range;
use toml::Spanned;

/// Years a plan of these programmes can plausibly be about.
pub(super) const YEARS: std::ops::RangeInclusive<i32> = 1945..=2100;

/// What a plan's validation needs from the rest of the site.
pub(super) struct Context<'a> {
    pub agency_ids: &'a [&'a str],
    /// Files of `static/`, which evidence may point at.
    pub static_files: &'a [String],
    /// The site's as-of day.
    pub as_of: Option<Date>,
}

/// What a plan offers supervision to point at.
pub(super) struct About<'a> {
    pub targets: &'a [Target],
    pub projects: &'a [Project],
}

impl About<'_> {
    pub(super) fn project_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.projects
            .iter()
            .flat_map(|p| std::iter::once(p).chain(&p.subprojects))
            .map(|p| p.id.as_str())
    }
}

/// Where each validated entry of a report was written, to place problems found later
/// (revisions without a reason) at the entry.
#[derive(Default)]
pub(super) struct Places {
    pub(super) values: Vec<Place>,
    pub(super) money: Vec<Place>,
    pub(super) outputs: Vec<Place>,
    /// Every money figure of the report could be read.
    pub(super) money_read: bool,
}

/// A file and a place in it.
pub(super) type Place = (SourceFile, Range<usize>);

pub(super) fn hint<'a>(wrong: &str, ids: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(wrong, ids)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

/// The file of a table, when there is one.
pub(super) fn file_of<T>(table: &Option<Sourced<T>>) -> Option<&SourceFile> {
    table.as_ref().map(|s| &s.file)
}

/// The entries of one table of a report: those of its TOML file, then those of its CSV file.
pub(super) fn entries<'a, T>(
    f: &'a SourceFile,
    toml: &'a [Spanned<T>],
    csv: &'a Option<Sourced<Vec<Spanned<T>>>>,
) -> impl Iterator<Item = (&'a SourceFile, &'a Spanned<T>)> {
    toml.iter().map(move |e| (f, e)).chain(
        csv.iter()
            .flat_map(|s| s.data.iter().map(move |e| (&s.file, e))),
    )
}

/// The content's word for an enum value (`policy-credit`, `disbursed`).
pub(super) fn key<T: serde::Serialize>(v: T) -> String {
    toml::Value::try_from(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
