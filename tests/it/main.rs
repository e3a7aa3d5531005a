//! Integration tests: build fixture sites into temp folders and check what a reader sees.

mod author;
mod bundled;
mod errors;
mod figures_classes;
mod figures_guard;
mod figures_listing;
mod figures_read;
mod figures_typed;
mod find;
mod inject;
mod layers;
mod limits;
mod links;
mod opendata;
mod output;
mod progress;
mod readers;
mod robust;
mod rules;
mod sections;
mod serve;
mod serve_robust;
mod site;
mod supervision;
mod tables;
mod workbooks;

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn theme() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default")
}

/// Builds `content` into a fresh temp folder and returns it (kept alive by the TempDir).
pub fn build(content: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    let opts = minhbach::BuildOptions {
        content: content.to_path_buf(),
        theme: Some(theme()),
        output: out.clone(),
        base_url: None,
        force: false,
        strict: false,
    };
    minhbach::build(&opts)
        .unwrap_or_else(|e| panic!("build of {} failed: {e:#}", content.display()));
    (tmp, out)
}

pub fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Text of an HTML page with tags removed and whitespace folded, as a reader sees it.
pub fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Copies a fixture into a temp folder so a test can break one file.
pub fn copy_fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("content");
    copy_dir(&fixture(name), &dest);
    (tmp, dest)
}

/// Copies folder `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Replaces `from` with `to` in one file of a copied fixture; the text must be there.
pub fn edit(content: &Path, rel: &str, from: &str, to: &str) {
    let path = content.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Runs the real binary in the repository folder; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs the real binary in folder `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Percent-encoding of a query value, as the site writes it: unreserved ASCII kept.
pub fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
