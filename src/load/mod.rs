//! Reading the content folder: TOML files into raw structs, Markdown files with front matter.
//!
//! Every input type has a pure `parse_*(file)` half, tested on strings, and this module's thin
//! file-reading half. Nothing stops at the first problem: each file is read on its own, a bad
//! value inside a file sets aside only the part that holds it (`tolerant`), and every problem is
//! collected with file, line and column. Files are read only through `tree::Root`, so nothing
//! outside the content folder is ever published; and a file minhbach does not know is a warning,
//! so that `target.toml` for `targets.toml` does not go unnoticed.

pub mod csv;
pub mod limits;
pub mod raw;
pub mod tables;
pub mod tolerant;
pub mod xlsx;
use tables::{load_tables, report_workbook, table_rows};
pub use tables::{
    BUDGET_FIELDS, BUDGET_SHEETS, DUTY_FIELDS, DUTY_SHEETS, TARGET_FIELDS, TARGET_SHEETS,
    TOTAL_SHEETS,
};

use crate::model::is_valid_id;
use crate::model::text::{char_name, is_forbidden};
use crate::problem::{did_you_mean, Problem, Problems, SourceFile};
use crate::tree::{Kind, Root};
use raw::*;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use toml::Spanned;

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

/// One report of `plans/<id>/reports/`: its TOML file and the CSV tables beside it.
#[derive(Debug)]
pub struct RawReportDir {
    pub id: String,
    pub report: Option<Sourced<RawReport>>,
    pub values: Option<Sourced<Vec<Spanned<RawValue>>>>,
    pub money: Option<Sourced<Vec<Spanned<RawMoneyFigure>>>>,
    pub outputs: Option<Sourced<Vec<Spanned<RawOutput>>>>,
    pub tasks: Option<Sourced<Vec<Spanned<RawTask>>>>,
}

/// One activity of `plans/<id>/supervision/`: its TOML file and the CSV tables beside it.
#[derive(Debug)]
pub struct RawActivityDir {
    pub id: String,
    pub activity: Option<Sourced<RawActivity>>,
    pub findings: Option<Sourced<Vec<Spanned<RawFinding>>>>,
    pub recommendations: Option<Sourced<Vec<Spanned<RawRecommendation>>>>,
    pub responses: Option<Sourced<Vec<Spanned<RawResponse>>>>,
    /// Recommendations written here but set aside for a problem (reported), so that an answer
    /// naming one is not also reported as an answer to nothing.
    pub unread: Unread,
}

/// The CSV tables a supervision activity may have: (name, fields, required, bilingual).
#[allow(clippy::type_complexity)] // As REPORT_TABLES.
pub const SUPERVISION_TABLES: [(&str, &[&str], &[&str], &[&str]); 3] = [
    (
        "findings",
        &["text", "project", "target", "commune", "evidence"],
        &["text"],
        &["text", "commune"],
    ),
    (
        "recommendations",
        &[
            "id",
            "to",
            "text",
            "project",
            "target",
            "commune",
            "sent",
            "due",
            "closed",
            "closed_note",
        ],
        &["id", "to", "text", "due"],
        &["text", "commune", "closed_note"],
    ),
    (
        "responses",
        &[
            "recommendation",
            "date",
            "by",
            "text",
            "accepted",
            "action",
            "follow_up",
            "source",
            "evidence",
        ],
        &["recommendation", "date", "text", "accepted"],
        &["text", "action", "follow_up"],
    ),
];

/// A CSV table's columns: its fields, the required ones, and the bilingual ones.
pub type Columns = (
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

/// The CSV tables a report may have: (name, fields, required, bilingual).
#[allow(clippy::type_complexity)] // A table of four plain lists; a struct would only add names.
pub const REPORT_TABLES: [(&str, &[&str], &[&str], &[&str]); 4] = [
    (
        "values",
        &[
            "target",
            "value",
            "reference_value",
            "as_of",
            "unit",
            "status",
            "source",
            "note",
            "reason",
            "evidence",
        ],
        &["target"],
        &["note", "reason"],
    ),
    (
        "money",
        &[
            "project", "source", "capital", "year", "phase", "amount", "as_of", "note", "reason",
        ],
        &["project", "source", "year", "phase", "amount"],
        &["note", "reason"],
    ),
    (
        "outputs",
        &[
            "project", "quantity", "done", "as_of", "note", "reason", "evidence",
        ],
        &["project", "quantity", "done"],
        &["note", "reason"],
    ),
    (
        "tasks",
        &["project", "task", "status", "reason", "as_of"],
        &["project", "status"],
        &["reason"],
    ),
];

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

/// A Markdown page in one language.
#[derive(Debug)]
pub struct RawPage {
    pub file: SourceFile,
    /// The section folder under `pages/`, `/`-separated ("" at the top, "guide/setup" deeper).
    pub dir: String,
    /// The file name without language and `.md`: a page's name, or `_index` for the text of
    /// the section `dir` itself.
    pub slug: String,
    pub lang: String,
    pub front: RawFrontMatter,
    /// The front matter alone, with its lines where they are in the file (for problems in it).
    pub front_file: Option<SourceFile>,
    /// Markdown after the front matter.
    pub body: String,
}

/// Parses a TOML file into `T`, reporting the first syntax or schema problem at its line. For
/// small files of the theme; content files are read with `tolerant`, which reports them all.
pub fn parse_toml<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Problem> {
    toml::from_str::<T>(&file.text).map_err(|e| {
        let message = e.message().trim_end().replace('\n', " ");
        file.problem(e.span(), explain_toml(&message))
    })
}

/// Adds a hint to serde's terse messages where authors commonly trip.
pub(crate) fn explain_toml(message: &str) -> String {
    if message.starts_with("unknown variant") {
        format!("{message}; see docs/content-format.md for the allowed values")
    } else if message.starts_with("unknown field") {
        format!("{message}; check the spelling against docs/content-format.md")
    } else if message.starts_with("invalid type: string") && message.contains("expected i") {
        // serde's words for `horizon = "2025"`.
        format!("{message}: write a whole number without quotes, e.g. 2025")
    } else if message.starts_with("invalid type: map, expected a string") {
        format!("{message}: write a text or date here in quotes (\"2025-06-30\"); this field is not bilingual")
    } else if message.contains("expected newline") || message.contains("expected `.`, `=`") {
        format!("{message}; a figure or date is written in quotes: value = \"12,4\", as_of = \"2025-06-30\"")
    } else if message.starts_with("invalid type: integer") && message.contains("expected a string")
    {
        format!("{message}: put the value in quotes, e.g. id = \"du-an-1\"")
    } else if message.contains("recursion limit") {
        format!("{message}: the file nests tables or arrays too deeply; check for a missing `]` or `}}`")
    } else if message.starts_with("missing field") {
        format!("{message}: add it (see docs/content-format.md)")
    } else {
        message.to_string()
    }
}

/// Splits `+++`-delimited TOML front matter from a Markdown page.
pub fn parse_page(file: &SourceFile, slug: &str, lang: &str) -> Result<RawPage, Problem> {
    let text: &str = &file.text;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (front, front_file, body) = match text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
    {
        Some(rest) => {
            // The closing `+++` line, with Windows line ends allowed.
            let mut offset = 0;
            let mut close = None;
            for line in rest.split_inclusive('\n') {
                if line.trim_end_matches(['\r', '\n']) == "+++" {
                    close = Some((offset, offset + line.len()));
                    break;
                }
                offset += line.len();
            }
            let (end, after) = close.ok_or_else(|| {
                file.problem(
                    Some(0..3),
                    "front matter opened with `+++` is never closed; add a line `+++` after it",
                )
            })?;
            let front_text = rest[..end].replace("\r\n", "\n");
            let front_file = SourceFile::new(file.name.clone(), format!("\n{front_text}"));
            let front: RawFrontMatter = parse_toml(&front_file)?;
            (
                front,
                Some(front_file),
                rest[after..].trim_start_matches(['\r', '\n']).to_string(),
            )
        }
        None => (RawFrontMatter::default(), None, text.to_string()),
    };
    Ok(RawPage {
        file: file.clone(),
        dir: String::new(),
        front_file,
        slug: slug.to_string(),
        lang: lang.to_string(),
        front,
        body,
    })
}

/// The byte range of a Markdown file's `+++` front matter (empty when it has none).
fn front_matter(text: &str) -> std::ops::Range<usize> {
    if !text.starts_with("+++") {
        return 0..0;
    }
    let end = text[3..].find("\n+++").map_or(text.len(), |i| i + 3 + 4);
    0..end
}

/// Characters no page may show, as written in the file or, within `escapes` (the TOML part of
/// it), as an escape (`\u001b`, `\b`, `\f`): each is reported where it stands.
pub fn forbidden_chars(file: &SourceFile, escapes: std::ops::Range<usize>) -> Vec<Problem> {
    let text: &str = &file.text;
    let mut out = Vec::new();
    let escaped = text.get(escapes.clone()).is_some_and(|t| t.contains('\\'));
    if !escaped && !crate::model::text::maybe_forbidden(text) {
        return out;
    }
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let found = if is_forbidden(c) {
            Some((c, false))
        } else if escapes.contains(&i) && c == '\\' {
            match chars.peek().copied() {
                Some((_, '\\')) => {
                    chars.next();
                    None
                }
                Some((_, 'b')) => Some(('\u{8}', true)),
                Some((_, 'f')) => Some(('\u{c}', true)),
                Some((j, u @ ('u' | 'U'))) => {
                    let len = if u == 'u' { 4 } else { 8 };
                    text.get(j + 1..j + 1 + len)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                        .filter(|c| is_forbidden(*c))
                        .map(|c| (c, true))
                }
                _ => None,
            }
        } else {
            None
        };
        if let Some((c, escaped)) = found {
            let how = if escaped { "an escape for " } else { "" };
            out.push(file.problem(
                Some(i..i + 1),
                format!(
                    "holds {how}{}, which a page must not show (it can hide or garble text); remove it",
                    char_name(c)
                ),
            ));
            if out.len() >= 5 {
                break;
            }
        }
    }
    out
}

/// Reads and parses the whole content folder. Every problem is collected, and whatever could be
/// read is returned for validation to check too.
pub fn load(root: &Root) -> (RawSite, Problems) {
    let mut problems = Problems::default();
    let mut site = RawSite::default();
    let known_top = ["site.toml", "agencies", "plans", "pages", "static"];
    for (name, kind) in list(root, Path::new(""), &mut problems) {
        let expected = match name.as_str() {
            "site.toml" => kind == Kind::File,
            "agencies" | "plans" | "pages" | "static" => kind == Kind::Dir,
            _ => false,
        };
        if !expected {
            problems.push(unknown(root, Path::new(&name), kind, &known_top));
        }
    }
    site.settings = read_toml(root, Path::new("site.toml"), &mut problems, |_| {});
    for (name, kind) in list(root, Path::new("agencies"), &mut problems) {
        let rel = Path::new("agencies").join(&name);
        if kind == Kind::File && name.ends_with(".toml") {
            let unread = &mut site.unread_agencies;
            if let Some(f) = read_toml(root, &rel, &mut problems, |p| unread.add(p)) {
                site.agencies.push(f);
            }
        } else {
            problems.push(unknown(root, &rel, kind, &["<area>.toml"]));
        }
    }
    let mut plan_dirs = Vec::new();
    for (name, kind) in list(root, Path::new("plans"), &mut problems) {
        let rel = Path::new("plans").join(&name);
        if kind == Kind::Dir {
            plan_dirs.push(name);
        } else {
            problems.push(unknown(root, &rel, kind, &["<plan-id>/"]));
        }
    }
    // Plan folders and pages are read on every core; problems keep the folder order.
    let loaded: Vec<(RawPlanDir, Problems)> = plan_dirs
        .into_par_iter()
        .map(|name| load_plan_folder(root, &name))
        .collect();
    for (plan, ps) in loaded {
        problems.extend(ps.0);
        site.plans.push(plan);
    }
    site.pages = load_pages(root, &mut problems);
    if root.kind(Path::new("static")) == Ok(Kind::Dir) {
        match root.files(Path::new("static"), true) {
            Ok(files) => {
                let found: Vec<Problem> = files
                    .par_iter()
                    .filter_map(|f| check_static(root, f))
                    .collect();
                problems.extend(found);
                site.static_files = files;
            }
            Err(escapes) => problems.extend(
                escapes
                    .into_iter()
                    .map(|e| Problem::file(e.path, e.message)),
            ),
        }
    }
    (site, problems)
}

/// A file of `static/` (published as it is) that is too large, or that would run a script in a
/// reader's browser: a page or drawing of the author's carries none of the site's protection
/// (its Content-Security-Policy), so a script in it runs when the file is opened.
fn check_static(root: &Root, rel: &str) -> Option<Problem> {
    let path = Path::new("static").join(crate::tree::rel_path(rel));
    let shown = root.show(&path);
    let len = std::fs::metadata(root.shown().join(&path)).ok()?.len();
    if len > limits::OTHER_FILE_BYTES {
        return Some(Problem::file(
            shown,
            crate::tree::too_large(len, limits::OTHER_FILE_BYTES),
        ));
    }
    let ext = rel.rsplit('.').next()?.to_ascii_lowercase();
    if !matches!(ext.as_str(), "html" | "htm" | "xhtml" | "svg" | "xml") {
        return None;
    }
    let text = String::from_utf8_lossy(&root.read(&path, limits::OTHER_FILE_BYTES).ok()?)
        .to_ascii_lowercase();
    let found = active_content(&text)?;
    Some(
        Problem::file(
            shown,
            format!("holds {found}, which a reader's browser runs when the file is opened: it is published as it is, without the protection the site's own pages have; remove the script if it is not needed, or check that it comes from a source you trust"),
        )
        .warning(),
    )
}

/// What in a page or drawing (lower-cased) runs a script: a `<script>` element, an event
/// attribute (`onload=`), a `javascript:` address, or an embedded page.
fn active_content(text: &str) -> Option<String> {
    if text.contains("<script") {
        return Some("a script (`<script>`)".into());
    }
    if text.contains("javascript:") {
        return Some("a script address (`javascript:`)".into());
    }
    for tag in ["<iframe", "<object", "<embed", "<foreignobject"] {
        if text.contains(tag) {
            return Some(format!("an embedded page or object (`{tag}>`)"));
        }
    }
    // ` onload=`, `\tonclick =`: an attribute name starting with `on` inside a tag.
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(k) = text[i..].find("on") {
        let at = i + k;
        let before = at.checked_sub(1).map(|j| b[j]);
        let name_end = b[at..]
            .iter()
            .position(|c| !c.is_ascii_alphabetic())
            .map_or(b.len(), |n| at + n);
        let after = text[name_end..].trim_start();
        if matches!(before, Some(b' ' | b'\t' | b'\n' | b'\r' | b'/'))
            && name_end > at + 2
            && after.starts_with('=')
            && text[..at].rfind('<') > text[..at].rfind('>')
        {
            return Some(format!("an event attribute (`{}=`)", &text[at..name_end]));
        }
        i = at + 2;
    }
    None
}

/// Reads and parses one plan folder, `plans/<id>/`, again (`serve`, after an edit inside it).
pub fn load_plan_folder(root: &Root, id: &str) -> (RawPlanDir, Problems) {
    let mut problems = Problems::default();
    let rel = Path::new("plans").join(id);
    let plan = load_plan(root, id.to_string(), &rel, &mut problems);
    (plan, problems)
}

/// The entries of a content folder; nothing when it does not exist.
fn list(root: &Root, rel: &Path, problems: &mut Problems) -> Vec<(String, Kind)> {
    if root.kind(rel) != Ok(Kind::Dir) {
        return Vec::new();
    }
    match root.list(rel) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Problem::file(e.path, e.message));
            Vec::new()
        }
    }
}

/// A warning for a file or folder minhbach does not read, with the likely intended name.
fn unknown(root: &Root, rel: &Path, kind: Kind, known: &[&str]) -> Problem {
    let written = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = written.to_lowercase();
    let what = if kind == Kind::Dir { "folder" } else { "file" };
    let hint = match did_you_mean(&name, known.iter().copied()) {
        Some(close) if close != written => format!("; did you mean `{close}`?"),
        _ => format!(
            "; the {}s read here are: {}",
            if known.iter().any(|k| k.ends_with('/')) {
                "name"
            } else {
                "file"
            },
            known.join(", ")
        ),
    };
    Problem::file(
        root.show(rel),
        format!("minhbach does not read this {what}, so nothing in it reaches the site{hint}"),
    )
    .warning()
}

/// Reads a text file: UTF-8, inside the content folder, no forbidden characters.
fn read_source(root: &Root, rel: &Path, problems: &mut Problems, toml: bool) -> Option<SourceFile> {
    let name = root.show(rel);
    let bytes = match root.read(rel, limits::TEXT_FILE_BYTES) {
        Ok(b) => b,
        Err(e) => {
            let message = if root.kind(rel) == Ok(Kind::Missing) {
                "is missing; see docs/content-format.md for what goes in it".to_string()
            } else {
                e.message
            };
            problems.push(Problem::file(name, message));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            // A byte-order mark (Windows Notepad writes one) is not text.
            let text = match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_string(),
                None => text,
            };
            let text = crate::model::text::nfc(text);
            let file = SourceFile::new(name, text);
            // In Markdown, escapes mean something only in the TOML front matter.
            let escapes = if toml {
                0..file.text.len()
            } else {
                front_matter(&file.text)
            };
            problems.extend(forbidden_chars(&file, escapes));
            Some(file)
        }
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let file = SourceFile::new(name, String::from_utf8_lossy(good).into_owned());
            problems.push(file.problem(
                Some(good.len()..good.len()),
                "is not valid UTF-8 text from here on; save the file as UTF-8",
            ));
            None
        }
    }
}

fn read_toml<T: DeserializeOwned>(
    root: &Root,
    rel: &Path,
    problems: &mut Problems,
    mut seen: impl FnMut(&tolerant::Parsed<T>),
) -> Option<Sourced<T>> {
    let file = read_source(root, rel, problems, true)?;
    problems.extend(limits::check_toml(&file));
    let parsed = tolerant::parse::<T>(&file);
    seen(&parsed);
    problems.extend(parsed.problems);
    parsed.data.map(|data| Sourced { file, data })
}

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

/// Reads a CSV table of `T` rows.
fn read_csv<T: DeserializeOwned>(
    root: &Root,
    rel: &Path,
    problems: &mut Problems,
    (fields, required, texts): Columns,
) -> Option<Sourced<Vec<Spanned<T>>>> {
    let file = read_source(root, rel, problems, false)?;
    let (rows, ps) = csv::rows::<T>(&file, fields, required, texts);
    let failed = !ps.is_empty() && rows.is_empty();
    problems.extend(ps);
    (!failed).then_some(Sourced { file, data: rows })
}

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

/// The reports of `plans/<id>/reports/`: `<report>.toml`, each with optional CSV tables.
fn load_reports(root: &Root, rel: &Path, problems: &mut Problems) -> Vec<RawReportDir> {
    let dir = rel.join("reports");
    let names = REPORT_TABLES.map(|t| t.0);
    let Folder {
        ids,
        csvs,
        books,
        others,
    } = scan(root, &dir, &names, problems);
    let known = likely_names(&ids, &names, "report", true);
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    for (path, kind) in others {
        problems.push(unknown(root, &path, kind, &known));
    }
    for (id, path) in &books {
        if !ids.contains(id) {
            problems.push(Problem::file(
                root.show(path),
                format!("this workbook belongs to a report `{id}`, but there is no {id}.toml beside it with the report's kind, period, date and agency; add it or rename the workbook"),
            ));
        }
        if let Some((_, _, csv)) = csvs.iter().find(|(i, ..)| i == id) {
            problems.push(Problem::file(
                root.show(csv),
                format!(
                    "report `{id}` has both {id}.xlsx and CSV tables: keep its tables in one place"
                ),
            ));
        }
    }
    for (id, t, path) in &csvs {
        if !ids.contains(id) {
            problems.push(Problem::file(
                root.show(path),
                format!("this table belongs to a report `{id}`, but there is no {id}.toml beside it with the report's kind, period, date and agency; add it or rename the table ({})", REPORT_TABLES[*t].0),
            ));
        }
    }
    ids.into_iter()
        .map(|id| {
            let report =
                read_toml::<RawReport>(root, &dir.join(format!("{id}.toml")), problems, |_| {});
            let table = |t: usize| {
                csvs.iter()
                    .find(|(i, k, _)| *i == id && *k == t)
                    .map(|(_, _, p)| p.clone())
            };
            let cols = |t: usize| (REPORT_TABLES[t].1, REPORT_TABLES[t].2, REPORT_TABLES[t].3);
            if let Some((_, book)) = books.iter().find(|(i, _)| *i == id) {
                let sheets = report_workbook(root, book, problems);
                let mut sheets = sheets.into_iter();
                let mut next = || sheets.next().flatten();
                let (v, m, o, t) = (next(), next(), next(), next());
                return RawReportDir {
                    values: v.map(|f| table_rows(f, cols(0), problems)),
                    money: m.map(|f| table_rows(f, cols(1), problems)),
                    outputs: o.map(|f| table_rows(f, cols(2), problems)),
                    tasks: t.map(|f| table_rows(f, cols(3), problems)),
                    report,
                    id,
                };
            }
            let (values, money, outputs, tasks) = (table(0), table(1), table(2), table(3));
            RawReportDir {
                values: values.and_then(|p| read_csv(root, &p, problems, cols(0))),
                money: money.and_then(|p| read_csv(root, &p, problems, cols(1))),
                outputs: outputs.and_then(|p| read_csv(root, &p, problems, cols(2))),
                tasks: tasks.and_then(|p| read_csv(root, &p, problems, cols(3))),
                report,
                id,
            }
        })
        .collect()
}

/// What a folder of entries with tables beside them holds (`reports/`, `supervision/`): the
/// entries (`<id>.toml`), their CSV tables (`<id>.<table>.csv`, with the table's place in
/// `tables`), workbooks (`<id>.xlsx`) and anything else.
struct Folder {
    ids: Vec<String>,
    csvs: Vec<(String, usize, PathBuf)>,
    books: Vec<(String, PathBuf)>,
    others: Vec<(PathBuf, Kind)>,
}

/// The names a file of such a folder may have: those of the entries there (so that a misnamed
/// table is matched with its likely name), then the pattern of each.
fn likely_names(ids: &[String], tables: &[&str], entry: &str, books: bool) -> Vec<String> {
    let mut out: Vec<String> = ids
        .iter()
        .flat_map(|id| tables.iter().map(move |t| format!("{id}.{t}.csv")))
        .collect();
    out.push(format!("<{entry}>.toml"));
    out.extend(tables.iter().map(|t| format!("<{entry}>.{t}.csv")));
    if books {
        out.push(format!("<{entry}>.xlsx"));
    }
    out
}

fn scan(root: &Root, dir: &Path, tables: &[&str], problems: &mut Problems) -> Folder {
    let mut f = Folder {
        ids: Vec::new(),
        csvs: Vec::new(),
        books: Vec::new(),
        others: Vec::new(),
    };
    for (name, kind) in list(root, dir, problems) {
        let path = dir.join(&name);
        if kind == Kind::File {
            if let Some(id) = name.strip_suffix(".toml") {
                f.ids.push(id.to_string());
                continue;
            }
            if let Some(id) = name.strip_suffix(".xlsx") {
                f.books.push((id.to_string(), path));
                continue;
            }
            let table = name.strip_suffix(".csv").and_then(|stem| {
                let (id, table) = stem.rsplit_once('.')?;
                Some((id.to_string(), tables.iter().position(|n| *n == table)?))
            });
            if let Some((id, t)) = table {
                f.csvs.push((id, t, path));
                continue;
            }
        }
        f.others.push((path, kind));
    }
    f
}

/// The activities of `plans/<id>/supervision/`: `<activity>.toml`, each with optional CSV tables.
fn load_supervision(root: &Root, rel: &Path, problems: &mut Problems) -> Vec<RawActivityDir> {
    let dir = rel.join("supervision");
    let names = SUPERVISION_TABLES.map(|t| t.0);
    let Folder {
        ids,
        csvs,
        books,
        mut others,
    } = scan(root, &dir, &names, problems);
    // Activities have no workbooks.
    others.extend(books.into_iter().map(|(_, p)| (p, Kind::File)));
    let known = likely_names(&ids, &names, "activity", false);
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    for (path, kind) in others {
        problems.push(unknown(root, &path, kind, &known));
    }
    for (id, t, path) in &csvs {
        if !ids.contains(id) {
            problems.push(Problem::file(
                root.show(path),
                format!("this table belongs to a supervision activity `{id}`, but there is no {id}.toml beside it with its title, supervising body and dates; add it or rename the table ({})", SUPERVISION_TABLES[*t].0),
            ));
        }
    }
    ids.into_iter()
        .map(|id| {
            let mut unread = Unread::Nothing;
            let activity =
                read_toml::<RawActivity>(root, &dir.join(format!("{id}.toml")), problems, |p| {
                    unread.add(p)
                });
            let table = |t: usize| {
                let (_, fields, required, texts) = SUPERVISION_TABLES[t];
                csvs.iter()
                    .find(|(i, k, _)| *i == id && *k == t)
                    .map(|(_, _, p)| p.clone())
                    .map(|p| (p, (fields, required, texts)))
            };
            let (f, r, s) = (table(0), table(1), table(2));
            let findings = f.and_then(|(p, c)| read_csv(root, &p, problems, c));
            let before = problems.0.len();
            let recommendations = r.and_then(|(p, c)| read_csv(root, &p, problems, c));
            // A CSV row set aside is not known by its id: any may be among them.
            if problems.0.len() > before {
                unread = Unread::Any;
            }
            let responses = s.and_then(|(p, c)| read_csv(root, &p, problems, c));
            RawActivityDir {
                findings,
                recommendations,
                responses,
                unread,
                activity,
                id,
            }
        })
        .collect()
}

fn load_plan(root: &Root, id: String, rel: &Path, problems: &mut Problems) -> RawPlanDir {
    let dir = SourceFile::new(root.show(rel), "");
    if !is_valid_id(&id) {
        problems.push(dir.problem(None, crate::model::id_rule("a plan folder name", &id)));
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
    let entries = list(root, rel, problems);
    for (name, kind) in &entries {
        let known = (PLAN_FILES.contains(&name.as_str()) && *kind == Kind::File)
            || ((name == "reports" || name == "supervision") && *kind == Kind::Dir);
        if !known {
            let mut names = PLAN_FILES.to_vec();
            names.extend(["reports", "supervision"]);
            problems.push(unknown(root, &rel.join(name), *kind, &names));
        }
    }
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
    let targets = match (targets, tables.targets) {
        (Some(t), Some(other)) => {
            problems.push(Problem::file(
                other.file.name.clone(),
                "this plan has targets.toml too: keep the targets in one place",
            ));
            Some(t)
        }
        (t, other) => t.or(other),
    };
    let projects = has("projects.toml")
        .then(|| read_toml(root, &rel.join("projects.toml"), problems, |_| {}))
        .flatten();
    let duties = has("duties.toml")
        .then(|| read_toml(root, &rel.join("duties.toml"), problems, |_| {}))
        .flatten();
    let duties = match (duties, tables.duties) {
        (Some(d), Some(other)) => {
            problems.push(Problem::file(
                other.file.name.clone(),
                "this plan has duties.toml too: keep the duties in one place",
            ));
            Some(d)
        }
        (d, other) => d.or(other),
    };
    let mut read_md = |name: &str| {
        has(name)
            .then(|| read_source(root, &rel.join(name), problems, false))
            .flatten()
    };
    let document_vi = read_md("document.vi.md");
    let document_en = read_md("document.en.md");
    let calendar = load_calendar(root, rel, has, problems);
    let (budget_rows, total_rows) = (tables.budget, tables.totals);
    let reports = load_reports(root, rel, problems);
    let supervision = load_supervision(root, rel, problems);
    RawPlanDir {
        supervision,
        budget_rows,
        total_rows,
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

/// How deep sections may nest under `pages/` (`pages/a/b/c/…`).
pub const MAX_SECTION_DEPTH: usize = 8;

fn load_pages(root: &Root, problems: &mut Problems) -> Vec<RawPage> {
    let mut files = Vec::new();
    find_pages(root, "", 0, &mut files, problems);
    let read: Vec<(Option<RawPage>, Problems)> = files
        .into_par_iter()
        .map(|(rel, dir, slug, lang)| {
            let mut ps = Problems::default();
            let page = read_source(root, &rel, &mut ps, false).and_then(|file| {
                match parse_page(&file, &slug, &lang) {
                    Ok(mut page) => {
                        if let Some(front) = &page.front_file {
                            ps.extend(limits::check_toml(front));
                        }
                        page.dir = dir;
                        Some(page)
                    }
                    Err(p) => {
                        ps.push(p);
                        None
                    }
                }
            });
            (page, ps)
        })
        .collect();
    let mut pages = Vec::new();
    for (page, ps) in read {
        problems.extend(ps.0);
        pages.extend(page);
    }
    pages
}

/// The Markdown files of `pages/<dir>/` and, recursively, of its sub-folders (its sections):
/// (path, section, name, language) of each.
fn find_pages(
    root: &Root,
    dir: &str,
    depth: usize,
    files: &mut Vec<(PathBuf, String, String, String)>,
    problems: &mut Problems,
) {
    let folder = Path::new("pages").join(dir);
    for (name, kind) in list(root, &folder, problems) {
        let rel: PathBuf = folder.join(&name);
        if kind == Kind::Dir {
            if depth + 1 >= MAX_SECTION_DEPTH {
                problems.push(Problem::file(
                    root.show(&rel),
                    format!("sections nest at most {MAX_SECTION_DEPTH} folders deep under pages/; move this folder up"),
                ));
                continue;
            }
            let sub = if dir.is_empty() {
                name.clone()
            } else {
                format!("{dir}/{name}")
            };
            find_pages(root, &sub, depth + 1, files, problems);
            continue;
        }
        let parts = name
            .strip_suffix(".md")
            .and_then(|stem| stem.rsplit_once('.'));
        let (Kind::File, Some((slug, lang))) = (kind, parts) else {
            problems.push(unknown(
                root,
                &rel,
                kind,
                &["<name>.vi.md", "<name>.en.md", "_index.vi.md", "<section>/"],
            ));
            continue;
        };
        files.push((
            rel.clone(),
            dir.to_string(),
            slug.to_string(),
            lang.to_string(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceFile {
        SourceFile::new("t.toml", text)
    }

    #[test]
    fn scripts_in_pages_and_drawings_are_found() {
        for (text, found) in [
            ("<svg><script>alert(1)</script></svg>", "<script>"),
            ("<svg><rect onload=\"x()\"/></svg>", "onload="),
            ("<svg>\n<g\n  onclick = 'x()'></g></svg>", "onclick="),
            ("<a href=\"javascript:x()\">", "javascript:"),
            (
                "<svg><foreignobject><div></div></foreignobject></svg>",
                "<foreignobject",
            ),
        ] {
            let got = active_content(text).unwrap_or_default();
            assert!(got.contains(found), "{text}: {got}");
        }
        for text in [
            "<svg><text>on = the word on</text><g id=\"icon\"/></svg>",
            "<p>Mọi người đều online=ok</p>",
        ] {
            assert_eq!(active_content(text), None, "{text}");
        }
    }

    #[test]
    fn front_matter_with_windows_line_ends_and_empty_front_matter() {
        let f = SourceFile::new(
            "about.vi.md",
            "+++\r\ntitle = \"Giới thiệu\"\r\n+++\r\n# Trang\r\n",
        );
        let p = parse_page(&f, "about", "vi").unwrap();
        assert_eq!(p.front.title.as_deref(), Some("Giới thiệu"));
        assert_eq!(p.body, "# Trang\r\n");
        let f = SourceFile::new("about.vi.md", "+++\n+++\nBody\n");
        assert_eq!(parse_page(&f, "about", "vi").unwrap().body, "Body\n");
        let f = SourceFile::new("about.vi.md", "+++\ntitle = \"x\"\nBody\n");
        let e = parse_page(&f, "about", "vi").unwrap_err();
        assert!(e.message.contains("never closed"), "{e}");
    }

    #[test]
    fn empty_vietnamese_is_an_error_and_empty_english_is_missing() {
        let f = src("[[agency]]\nid = \"a\"\nname = \"  \"\nkind = \"office\"\n");
        let p = parse_toml::<RawAgencyFile>(&f).unwrap_err();
        assert_eq!(p.line, 3, "{p}");
        assert!(p.message.contains("this text is empty"), "{p}");
        let f = src(
            "[[agency]]\nid = \"a\"\nname = { vi = \"Phòng\", en = \"\" }\nkind = \"office\"\n",
        );
        let parsed: RawAgencyFile = parse_toml(&f).unwrap();
        assert_eq!(parsed.agency[0].name.en, None);
    }

    #[test]
    fn a_quoted_year_is_explained_in_plain_words() {
        let f = src("id = \"t\"\nhorizon = \"2025\"\n");
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct T {
            id: String,
            horizon: i32,
        }
        let p = parse_toml::<T>(&f).unwrap_err();
        assert!(
            p.message.contains("write a whole number without quotes"),
            "{p}"
        );
    }

    #[test]
    fn parses_bilingual_and_plain_text() {
        let f = src("[[agency]]\nid = \"a\"\nname = { vi = \"Phòng\", en = \"Office\" }\nkind = \"office\"\n[[agency]]\nid = \"b\"\nname = \"Hội\"\nkind = \"front\"\n");
        let parsed: RawAgencyFile = parse_toml(&f).unwrap();
        assert_eq!(parsed.agency[0].name.en.as_deref(), Some("Office"));
        assert_eq!(parsed.agency[1].name.en, None);
    }

    #[test]
    fn reports_unknown_field_with_line() {
        let f = src("[[agency]]\nid = \"a\"\nname = \"x\"\nkind = \"office\"\nkinds = 1\n");
        let p = parse_toml::<RawAgencyFile>(&f).unwrap_err();
        assert_eq!(p.line, 5, "{p}");
        assert!(p.message.contains("unknown field `kinds`"), "{p}");
    }

    #[test]
    fn reports_unknown_enum_value_with_allowed_values() {
        let f = src("[[agency]]\nid = \"a\"\nname = \"x\"\nkind = \"ofice\"\n");
        let p = parse_toml::<RawAgencyFile>(&f).unwrap_err();
        assert_eq!((p.line, p.column), (4, 8), "{p}");
        assert!(p.message.contains("office"), "{p}");
    }

    #[test]
    fn rejects_unknown_language_in_text() {
        let f =
            src("[[agency]]\nid = \"a\"\nname = { vi = \"x\", fr = \"y\" }\nkind = \"office\"\n");
        let p = parse_toml::<RawAgencyFile>(&f).unwrap_err();
        assert!(p.message.contains("unknown language `fr`"), "{p}");
    }

    #[test]
    fn reads_figures_as_printed_and_as_numbers() {
        let f = src("amount = \"17.860,0\"\nphase = \"allocated\"\n");
        let m: RawMoney = parse_toml(&f).unwrap();
        assert_eq!(
            m.amount.unwrap().into_inner(),
            RawFigure::Printed("17.860,0".into())
        );
        let f = src("amount = 17860.0\nphase = \"allocated\"\n");
        let m: RawMoney = parse_toml(&f).unwrap();
        assert_eq!(m.amount.unwrap().into_inner(), RawFigure::Float(17860.0));
        let f = src("amount = 0x10\nphase = \"allocated\"\n");
        let m: RawMoney = parse_toml(&f).unwrap();
        assert_eq!(m.amount.unwrap().into_inner(), RawFigure::Integer(16));
    }

    #[test]
    fn control_characters_are_found_raw_and_as_toml_escapes() {
        let f = src("a = \"x\u{1b}y\"\nb = \"\\u0000\"\nc = \"\\\\u0000 is text\"\nd = \"\\f\"\n");
        let ps = forbidden_chars(&f, 0..f.text.len());
        let at: Vec<(usize, usize)> = ps.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(at, [(1, 7), (2, 6), (4, 6)], "{ps:?}");
        assert!(ps[0].message.contains("U+001B (ESC)"), "{}", ps[0]);
        assert!(
            ps[1].message.contains("an escape for U+0000 (NUL)"),
            "{}",
            ps[1]
        );
        // In Markdown a backslash is only a backslash.
        assert_eq!(forbidden_chars(&src("\\u0000"), 0..0).len(), 0);
        // …but in its front matter it is TOML.
        let md = src("+++\ntitle = \"a\\u001b\"\n+++\n\\u0000 in the body\n");
        assert_eq!(forbidden_chars(&md, front_matter(&md.text)).len(), 1);
    }

    #[test]
    fn splits_front_matter() {
        let f = SourceFile::new("about.vi.md", "+++\ntitle = \"Giới thiệu\"\n+++\n# Hello\n");
        let p = parse_page(&f, "about", "vi").unwrap();
        assert_eq!(p.front.title.as_deref(), Some("Giới thiệu"));
        assert_eq!(p.body, "# Hello\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let f = SourceFile::new("about.vi.md", "+++\ntitle = \"x\"\n# Hello\n");
        assert!(parse_page(&f, "about", "vi")
            .unwrap_err()
            .message
            .contains("never closed"));
    }
}
