//! Loading: one plan folder, `plans/<id>/`: its plan, targets, projects and duties (as TOML, CSV
//! tables or the sheets of `plan.xlsx`), its documents, its reporting calendar, and the folders
//! `reports/` and `supervision/` inside it.

use super::files::{list, read_csv, read_source, read_toml, unknown};
use super::reports::{load_reports, RawReportDir};
use super::supervision::{load_supervision, RawActivityDir};
use super::tables::load_tables;
use super::{raw::*, Columns, Sourced, Unread};
use crate::model::is_valid_id;
use crate::problem::{Problem, Problems, SourceFile};
use crate::tree::{Kind, Root};
use std::path::Path;
use toml::Spanned;

/// One `plans/<id>/` folder.
#[derive(Debug)]
pub struct RawPlanDir {
    pub id: String,
    /// The folder, for problems about the folder itself.
    pub dir: SourceFile,
    pub plan: Option<Sourced<RawPlan>>,
    pub targets: Option<Sourced<RawTargetsFile>>,
    pub unread_targets: Unread,
    pub projects: Option<Sourced<RawProjectsFile>>,
    pub duties: Option<Sourced<RawDutiesFile>>,
    pub document_vi: Option<SourceFile>,
    pub document_en: Option<SourceFile>,
    /// From `calendar.toml` or `calendar.csv`.
    pub calendar: Option<Sourced<Vec<Spanned<RawDue>>>>,
    pub reports: Vec<RawReportDir>,
    /// The supervision activities of `supervision/`.
    pub supervision: Vec<RawActivityDir>,
    /// Budget lines and printed totals kept as tables: `budget.csv` and `printed-totals.csv`, or
    /// the sheets "budget" and "printed-totals" of `plan.xlsx`.
    pub budget_rows: Option<Sourced<Vec<Spanned<RawBudgetRow>>>>,
    pub total_rows: Option<Sourced<Vec<Spanned<RawBudgetRow>>>>,
}

/// The columns of `calendar.csv`.
const CALENDAR_FIELDS: Columns = (
    &[
        "agency",
        "kind",
        "period",
        "due",
        "what",
        "source",
        "ref",
        "source_url",
    ],
    &["agency", "kind", "period", "due"],
    &["what", "source"],
);

/// The files a plan folder may hold (and its `reports/` folder).
const PLAN_FILES: [&str; 13] = [
    "plan.toml",
    "targets.toml",
    "projects.toml",
    "duties.toml",
    "document.vi.md",
    "document.en.md",
    "calendar.toml",
    "calendar.csv",
    "budget.csv",
    "printed-totals.csv",
    "targets.csv",
    "duties.csv",
    "plan.xlsx",
];

/// The calendar of a plan, from `calendar.toml` or `calendar.csv` (not both).
fn load_calendar(
    root: &Root,
    rel: &Path,
    has: impl Fn(&str) -> bool,
    problems: &mut Problems,
) -> Option<Sourced<Vec<Spanned<RawDue>>>> {
    match (has("calendar.toml"), has("calendar.csv")) {
        (true, true) => {
            problems.push(Problem::file(
                root.show(&rel.join("calendar.csv")),
                "this plan has both calendar.toml and calendar.csv: keep one",
            ));
            None
        }
        (true, false) => {
            read_toml::<RawCalendarFile>(root, &rel.join("calendar.toml"), problems, |_| {}).map(
                |s| Sourced {
                    file: s.file,
                    data: s.data.due,
                },
            )
        }
        (false, true) => read_csv(root, &rel.join("calendar.csv"), problems, CALENDAR_FIELDS),
        (false, false) => None,
    }
}

/// Reads one plan folder; `rel` is `plans/<id>`.
pub(super) fn load_plan(
    root: &Root,
    id: String,
    rel: &Path,
    problems: &mut Problems,
) -> RawPlanDir {
    let dir = SourceFile::new(root.show(rel), "");
    check_folder_name(&dir, &id, problems);
    let entries = list(root, rel, problems);
    check_plan_files(root, rel, &entries, problems);
    let has = |f: &str| entries.iter().any(|(n, k)| n == f && *k == Kind::File);
    let mut unread_targets = Unread::Nothing;
    let plan = read_toml::<RawPlan>(root, &rel.join("plan.toml"), problems, |_| {});
    let tables = load_tables(root, rel, has, problems);
    let targets = has("targets.toml")
        .then(|| {
            read_toml(root, &rel.join("targets.toml"), problems, |p| {
                unread_targets.add(p)
            })
        })
        .flatten();
    let targets = one_place(targets, tables.targets, "targets", problems);
    let projects = has("projects.toml")
        .then(|| read_toml(root, &rel.join("projects.toml"), problems, |_| {}))
        .flatten();
    let duties = has("duties.toml")
        .then(|| read_toml(root, &rel.join("duties.toml"), problems, |_| {}))
        .flatten();
    let duties = one_place(duties, tables.duties, "duties", problems);
    let mut read_md = |name: &str| {
        has(name)
            .then(|| read_source(root, &rel.join(name), problems, false))
            .flatten()
    };
    let document_vi = read_md("document.vi.md");
    let document_en = read_md("document.en.md");
    let calendar = load_calendar(root, rel, has, problems);
    let reports = load_reports(root, rel, problems);
    let supervision = load_supervision(root, rel, problems);
    RawPlanDir {
        supervision,
        budget_rows: tables.budget,
        total_rows: tables.totals,
        calendar,
        reports,
        id,
        dir,
        plan,
        targets,
        unread_targets,
        projects,
        duties,
        document_vi,
        document_en,
    }
}

/// A plan folder's name must be an id, and not one the list of all plans takes.
fn check_folder_name(dir: &SourceFile, id: &str, problems: &mut Problems) {
    if !is_valid_id(id) {
        problems.push(dir.problem(None, crate::model::id_rule("a plan folder name", id)));
    }
    // plans/index.html, plans/index-2.html … are the pages of the list of all plans.
    if id == "index"
        || id
            .strip_prefix("index-")
            .is_some_and(|n| n.parse::<u64>().is_ok())
    {
        problems.push(dir.problem(
            None,
            format!("the folder name `{id}` is taken by the list of all plans (plans/{id}.html); rename the folder"),
        ));
    }
}

/// A warning for each entry of a plan folder that minhbach does not read.
fn check_plan_files(root: &Root, rel: &Path, entries: &[(String, Kind)], problems: &mut Problems) {
    for (name, kind) in entries {
        let known = (PLAN_FILES.contains(&name.as_str()) && *kind == Kind::File)
            || ((name == "reports" || name == "supervision") && *kind == Kind::Dir);
        if !known {
            let mut names = PLAN_FILES.to_vec();
            names.extend(["reports", "supervision"]);
            problems.push(unknown(root, &rel.join(name), *kind, &names));
        }
    }
}

/// Targets or duties written both in their TOML file and as a table (`targets.csv`, a sheet of
/// `plan.xlsx`): the TOML file is read, and the table reported.
fn one_place<T>(
    toml: Option<Sourced<T>>,
    table: Option<Sourced<T>>,
    what: &str,
    problems: &mut Problems,
) -> Option<Sourced<T>> {
    match (toml, table) {
        (Some(t), Some(other)) => {
            problems.push(Problem::file(
                other.file.name.clone(),
                format!("this plan has {what}.toml too: keep the {what} in one place"),
            ));
            Some(t)
        }
        (t, other) => t.or(other),
    }
}
