//! Loading: the files of `static/`, published as they are. They are listed here, and each is
//! checked before it is published: not too large, and no page or drawing that would run a script
//! in a reader's browser without the protection the site's own pages have.

use super::limits;
use crate::problem::{Problem, Problems};
use crate::tree::{Kind, Root};
use rayon::prelude::*;
use std::path::Path;

/// The files under `static/`, `/`-separated (nothing when there is no such folder), each checked.
pub(super) fn load_static(root: &Root, problems: &mut Problems) -> Vec<String> {
    if root.kind(Path::new("static")) != Ok(Kind::Dir) {
        return Vec::new();
    }
    match root.files(Path::new("static"), true) {
        Ok(files) => {
            let found: Vec<Problem> = files
                .par_iter()
                .filter_map(|f| check_static(root, f))
                .collect();
            problems.extend(found);
            files
        }
        Err(escapes) => {
            problems.extend(
                escapes
                    .into_iter()
                    .map(|e| Problem::file(e.path, e.message)),
            );
            Vec::new()
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
