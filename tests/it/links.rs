//! Every internal link and asset reference of a built site resolves to a file in the output,
//! and every `#fragment` to an element id in that file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

fn ids(html: &str) -> Vec<String> {
    attr_values(html, "id")
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// Returns every broken link as "page -> target".
pub fn broken_links(out: &Path) -> Vec<String> {
    let mut pages: HashMap<PathBuf, String> = HashMap::new();
    for e in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.path().extension().is_some_and(|x| x == "html") {
            pages.insert(
                e.path().to_path_buf(),
                std::fs::read_to_string(e.path()).unwrap(),
            );
        }
    }
    let mut broken = Vec::new();
    for (page, html) in &pages {
        // An id used twice makes a `#fragment` ambiguous.
        let mut seen = std::collections::HashSet::new();
        for id in ids(html) {
            if !seen.insert(id.clone()) {
                broken.push(format!("{} has id {id} twice", page.display()));
            }
        }
        // Without a base URL, 404.html links relative to the site root, where the host serves it
        // for a missing top-level address; with one, its links are absolute (tested elsewhere).
        let links = attr_values(html, "href")
            .into_iter()
            .chain(attr_values(html, "src"));
        for link in links {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
                || link.starts_with("data:")
            {
                continue;
            }
            let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
            // A query (`?status=off-track`) is for the page's script; the file is the path's.
            let path = path.split_once('?').map_or(path, |(p, _)| p);
            // Root-relative links (the 404 page's, without a base URL) resolve against the
            // output root, where a host serves the site.
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(from_root) = path.strip_prefix('/') {
                out.join(from_root)
            } else {
                page.parent().unwrap().join(path)
            };
            let Ok(target) = target.canonicalize() else {
                broken.push(format!("{} -> {link}", page.display()));
                continue;
            };
            if !target.starts_with(out.canonicalize().unwrap()) || target.is_dir() {
                broken.push(format!(
                    "{} -> {link} (outside the output or a folder)",
                    page.display()
                ));
                continue;
            }
            if !fragment.is_empty() {
                let html = pages
                    .get(&target)
                    .cloned()
                    .unwrap_or_else(|| std::fs::read_to_string(&target).unwrap_or_default());
                if !ids(&html).iter().any(|i| i == fragment) {
                    broken.push(format!("{} -> {link} (no id {fragment})", page.display()));
                }
            }
        }
    }
    broken.sort();
    broken
}

#[test]
fn every_internal_link_of_the_fixture_site_resolves() {
    let (_tmp, out) = crate::build(&crate::fixture("basic"));
    let broken = broken_links(&out);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn link_checker_notices_a_broken_link() {
    let (_tmp, out) = crate::build(&crate::fixture("basic"));
    std::fs::remove_file(out.join("agencies/dai-tu-ubnd.html")).unwrap();
    assert!(broken_links(&out)
        .iter()
        .any(|l| l.contains("agencies/dai-tu-ubnd.html")));
}
