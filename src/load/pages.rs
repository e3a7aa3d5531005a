//! Loading: the Markdown pages of `pages/` and of its sub-folders (sections), each read on every
//! core and split from its front matter, in one language each (`about.vi.md`, `about.en.md`).

use super::files::{list, read_source, unknown};
use super::limits;
use super::parse::{parse_page, RawPage};
use crate::problem::{Problem, Problems};
use crate::tree::{Kind, Root};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// How deep sections may nest under `pages/` (`pages/a/b/c/…`).
pub const MAX_SECTION_DEPTH: usize = 8;

/// Every page of `pages/`, in the order of its folders; problems keep that order.
pub(super) fn load_pages(root: &Root, problems: &mut Problems) -> Vec<RawPage> {
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
    super::in_order(read, problems)
        .into_iter()
        .flatten()
        .collect()
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
