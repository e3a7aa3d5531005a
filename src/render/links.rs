//! Page addresses and relative links. Every internal link is relative, so the site opens from
//! disk (file://) and works under any subpath of any static host.

use crate::model::Lang;

/// Output path (relative to the output root) of a language-relative page path.
pub fn page_path(lang: Lang, path: &str) -> String {
    format!("{}{}", lang.prefix(), path)
}

/// The `../` prefix that leads from the folder of `from` (an output-relative path) to the root.
pub fn to_root(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

pub fn plan(id: &str) -> String {
    format!("plans/{id}.html")
}

/// Page `k` (from 0) of the list of all plans.
pub fn plan_list(k: usize) -> String {
    if k == 0 {
        "plans/index.html".to_string()
    } else {
        format!("plans/index-{}.html", k + 1)
    }
}

/// Page `k` (from 0) of the site-wide progress page: the overview with the newest reports, then
/// the rest of the list of reports and revisions.
pub fn progress(k: usize) -> String {
    if k == 0 {
        "progress.html".to_string()
    } else {
        format!("progress-{}.html", k + 1)
    }
}

pub fn project(plan: &str, project: &str) -> String {
    format!("plans/{plan}/{project}.html")
}

pub fn document(plan: &str) -> String {
    format!("plans/{plan}/document.html")
}

pub fn target(plan: &str, target: &str) -> String {
    format!("plans/{plan}/targets/{target}.html")
}

pub fn report(plan: &str, report: &str) -> String {
    format!("plans/{plan}/reports/{report}.html")
}

/// The printable public notice of a plan, or of one of its reports.
pub fn notice(plan: &str, report: Option<&str>) -> String {
    match report {
        None => format!("plans/{plan}/notice.html"),
        Some(r) => format!("plans/{plan}/reports/{r}/notice.html"),
    }
}

/// The radio script (plain text) of a plan, or of one of its reports.
pub fn radio(plan: &str, report: Option<&str>) -> String {
    match report {
        None => format!("plans/{plan}/radio.txt"),
        Some(r) => format!("plans/{plan}/reports/{r}/radio.txt"),
    }
}

/// The supervision page of a plan: its activities, recommendations and the answers.
pub fn supervision(plan: &str) -> String {
    format!("plans/{plan}/supervision.html")
}

/// The place of a recommendation on its plan's supervision page.
pub fn recommendation(plan: &str, id: &str) -> String {
    format!("plans/{plan}/supervision.html#rec-{id}")
}

/// The site-wide list of recommendations.
pub const SUPERVISION_LIST: &str = "supervision.html";

pub fn agency(id: &str) -> String {
    format!("agencies/{id}.html")
}

pub fn page(slug: &str) -> String {
    format!("{slug}.html")
}

/// Page `k` (from 0) of the index of the section at `path` ("guide/setup").
pub fn section(path: &str, k: usize) -> String {
    if k == 0 {
        format!("{path}/index.html")
    } else {
        format!("{path}/index-{}.html", k + 1)
    }
}

/// A data file of one plan: `data/<plan>-<dataset>.<ext>`. A CSV (its header in the page's
/// language) is under the language's folder, a JSON (the same in both) at the root's.
pub fn plan_data(plan: &str, set: &str, ext: &str) -> String {
    format!("data/{plan}-{set}.{ext}")
}

/// A file of the whole-site data package, under the language's folder.
pub fn package_file(name: &str) -> String {
    format!("data/{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefix_counts_folders() {
        assert_eq!(to_root("index.html"), "");
        assert_eq!(to_root("en/plans/x.html"), "../../");
        assert_eq!(
            page_path(Lang::En, &project("p", "d1")),
            "en/plans/p/d1.html"
        );
    }
}
