//! Embeds the default theme (themes/default: templates, i18n, static files, glossary) and the
//! starter site (starter/) in the binary, so that `minhbach` works outside the repository. A
//! site's own theme folder overrides the theme file by file (src/theme.rs).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, PathBuf)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, base, out);
        } else {
            let rel = path.strip_prefix(base).unwrap();
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().to_string())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, path.canonicalize().unwrap()));
        }
    }
}

/// `pub static NAME: &[(&str, &[u8])]`: every file under `dir`, by `/`-separated relative path.
fn embed(dir: &Path, name: &str, doc: &str, out: &str) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    let mut code = format!("/// {doc}\npub static {name}: &[(&str, &[u8])] = &[\n");
    for (rel, path) in &files {
        writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join(out);
    std::fs::write(out, code).unwrap();
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    embed(
        &root.join("themes").join("default"),
        "FILES",
        "The default theme's files: (path relative to the theme, contents).",
        "default_theme.rs",
    );
    embed(
        &root.join("starter"),
        "STARTER",
        "The starter site of `minhbach new`: (path relative to the site folder, contents).",
        "starter.rs",
    );
}
