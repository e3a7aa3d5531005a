//! For the officials who publish: the binary alone, outside the repository; a starter site; a
//! theme folder overriding one file of the built-in theme.

use crate::{read, run_in, visible_text};
use std::path::Path;

/// A folder outside the repository, with nothing of it around: the binary has to carry the theme.
fn elsewhere() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    assert!(!t.path().starts_with(env!("CARGO_MANIFEST_DIR")));
    t
}

#[test]
fn a_new_site_builds_with_the_binary_alone_outside_the_repository() {
    let t = elsewhere();
    let (code, out, err) = run_in(t.path(), &["new", "my-site"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("minhbach check"), "{out}");
    let site = t.path().join("my-site");
    for f in [
        "content/site.toml",
        "content/agencies/huyen-mau.toml",
        "content/plans/huyen-mau-2025/plan.toml",
        "content/plans/huyen-mau-2025/targets.toml",
        "content/plans/huyen-mau-2025/projects.toml",
        "content/plans/huyen-mau-2025/duties.toml",
        "content/plans/huyen-mau-2025/calendar.toml",
        "content/plans/huyen-mau-2025/reports/nam-2025.toml",
        "content/pages/about.vi.md",
        "content/pages/about.en.md",
        "README.md",
    ] {
        assert!(site.join(f).is_file(), "{f} missing");
    }
    // Every target shape has its example.
    let targets =
        std::fs::read_to_string(site.join("content/plans/huyen-mau-2025/targets.toml")).unwrap();
    for shape in [
        "threshold",
        "range",
        "annual-rate",
        "multiple",
        "ratio",
        "qualitative",
    ] {
        assert!(
            targets.contains(&format!("shape = \"{shape}\"")),
            "no {shape} example"
        );
    }
    let (code, out, err) = run_in(&site, &["check", "--strict"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = run_in(&site, &["build"]);
    assert_eq!(code, 0, "{out}{err}");
    let built = site.join("output");
    let plan = visible_text(&read(&built, "plans/huyen-mau-2025.html"));
    assert!(
        plan.contains("Tổng vốn 3.250,0 triệu đồng (≈ 3,3 tỷ đồng) Vốn được giao năm 2025"),
        "{plan}"
    );
    assert!(built.join("en/index.html").is_file());
    assert!(built.join("static/style.css").is_file());
    // A second `new` into the same folder changes nothing.
    let before = std::fs::read(site.join("content/site.toml")).unwrap();
    let (code, _, err) = run_in(t.path(), &["new", "my-site"]);
    assert_eq!(code, 1);
    assert!(err.contains("already holds files"), "{err}");
    assert_eq!(
        std::fs::read(site.join("content/site.toml")).unwrap(),
        before
    );
}

#[test]
fn a_theme_folder_replaces_one_file_of_the_built_in_theme() {
    let t = elsewhere();
    assert_eq!(run_in(t.path(), &["new", "s"]).0, 0);
    let site = t.path().join("s");
    let own = site.join("themes/default/templates");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(
        own.join("page.html"),
        "{% extends \"base.html\" %}{% block content %}<p class=\"own\">Trang riêng</p>{{ html | safe }}{% endblock content %}",
    )
    .unwrap();
    let (code, out, err) = run_in(&site, &["build"]);
    assert_eq!(code, 0, "{out}{err}");
    let about = read(&site.join("output"), "about.html");
    assert!(
        about.contains("<p class=\"own\">Trang riêng</p>"),
        "{about}"
    );
    // Everything else is the built-in theme's.
    let home = read(&site.join("output"), "index.html");
    assert!(home.contains("class=\"site-header\""));
    // The same folder given with --theme from elsewhere, and a broken override named by file.
    std::fs::write(
        own.join("page.html"),
        "{% extends \"base.html\" %}{% block content %}{{ oops(",
    )
    .unwrap();
    let content = site.join("content");
    let theme = site.join("themes/default");
    let (code, _, err) = run_in(
        t.path(),
        &[
            "check",
            "--content",
            content.to_str().unwrap(),
            "--theme",
            theme.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("page.html"), "{err}");
}

#[test]
fn the_built_in_theme_is_the_repository_theme() {
    // Building the bundled site with --theme themes/default or with the built-in theme alone
    // gives the same pages.
    let t = elsewhere();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let content = root.join("content");
    let a = t.path().join("a");
    let b = t.path().join("b");
    let theme = root.join("themes/default");
    let (code, _, err) = run_in(
        t.path(),
        &[
            "build",
            "--content",
            content.to_str().unwrap(),
            "--theme",
            theme.to_str().unwrap(),
            "-o",
            a.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    // Copy the content elsewhere, away from the repository's themes/ folder.
    let copy = t.path().join("site/content");
    crate::copy_dir(&content, &copy);
    let (code, _, err) = run_in(
        t.path(),
        &[
            "build",
            "--content",
            copy.to_str().unwrap(),
            "-o",
            b.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    for page in [
        "index.html",
        "plans/van-quan-2021-2025.html",
        "en/glossary.html",
        "static/style.css",
        "404.html",
    ] {
        assert_eq!(read(&a, page), read(&b, page), "{page} differs");
    }
}
