//! Loading: the supervision of a plan, `plans/<id>/supervision/`: each `<activity>.toml` with
//! its CSV tables beside it (findings, recommendations, responses).

use super::files::{read_csv, read_toml, unknown};
use super::folder::{likely_names, scan, Folder};
use super::{raw::*, Columns, Sourced, Unread};
use crate::problem::{Problem, Problems};
use crate::tree::{Kind, Root};
use std::path::Path;
use toml::Spanned;

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

/// The activities of `plans/<id>/supervision/`: `<activity>.toml`, each with optional CSV tables.
pub(super) fn load_supervision(
    root: &Root,
    rel: &Path,
    problems: &mut Problems,
) -> Vec<RawActivityDir> {
    let dir = rel.join("supervision");
    let names = SUPERVISION_TABLES.map(|t| t.0);
    let mut folder = scan(root, &dir, &names, problems);
    // Activities have no workbooks.
    let books = std::mem::take(&mut folder.books);
    folder
        .others
        .extend(books.into_iter().map(|(_, p)| (p, Kind::File)));
    let known = likely_names(&folder.ids, &names, "activity", false);
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    for (path, kind) in &folder.others {
        problems.push(unknown(root, path, *kind, &known));
    }
    for (id, t, path) in &folder.csvs {
        if !folder.ids.contains(id) {
            problems.push(Problem::file(
                root.show(path),
                format!("this table belongs to a supervision activity `{id}`, but there is no {id}.toml beside it with its title, supervising body and dates; add it or rename the table ({})", SUPERVISION_TABLES[*t].0),
            ));
        }
    }
    folder
        .ids
        .iter()
        .map(|id| read_activity(root, &dir, id, &folder, problems))
        .collect()
}

/// The columns of table `t` of SUPERVISION_TABLES.
fn columns(t: usize) -> Columns {
    let (_, fields, required, texts) = SUPERVISION_TABLES[t];
    (fields, required, texts)
}

/// One activity: its TOML file, then its tables.
fn read_activity(
    root: &Root,
    dir: &Path,
    id: &str,
    folder: &Folder,
    problems: &mut Problems,
) -> RawActivityDir {
    let mut unread = Unread::Nothing;
    let activity = read_toml::<RawActivity>(root, &dir.join(format!("{id}.toml")), problems, |p| {
        unread.add(p)
    });
    let findings = folder
        .table(id, 0)
        .and_then(|p| read_csv(root, p, problems, columns(0)));
    let before = problems.0.len();
    let recommendations = folder
        .table(id, 1)
        .and_then(|p| read_csv(root, p, problems, columns(1)));
    // A CSV row set aside is not known by its id: any may be among them.
    if problems.0.len() > before {
        unread = Unread::Any;
    }
    let responses = folder
        .table(id, 2)
        .and_then(|p| read_csv(root, p, problems, columns(2)));
    RawActivityDir {
        findings,
        recommendations,
        responses,
        unread,
        activity,
        id: id.to_string(),
    }
}
