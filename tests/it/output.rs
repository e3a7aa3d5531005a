//! No build ever deletes a file it did not write, a refused or failed build changes nothing, an
//! interrupted build is recovered by the next one, and a built site can be verified.

use crate::{copy_fixture, fixture, run, run_in, theme};
use std::fs;
use std::path::{Path, PathBuf};

/// A site folder: content copied from the fixture, the theme by absolute path.
fn site_dir() -> (tempfile::TempDir, PathBuf) {
    let (tmp, content) = copy_fixture("basic");
    (tmp, content)
}

fn build_in(dir: &Path, content: &Path, output: &str, extra: &[&str]) -> (i32, String, String) {
    let theme = theme();
    let mut args = vec![
        "build",
        "--content",
        content.to_str().unwrap(),
        "--theme",
        theme.to_str().unwrap(),
        "--output",
        output,
    ];
    args.extend_from_slice(extra);
    run_in(dir, &args)
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn an_output_path_through_a_missing_folder_cannot_reach_the_content() {
    let (tmp, content) = site_dir();
    let before = snapshot(&content);
    let (code, _, err) = build_in(tmp.path(), &content, "nothere/../content", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("would replace the content folder"), "{err}");
    assert_eq!(snapshot(&content), before);
    assert!(
        !tmp.path().join("nothere").exists(),
        "created a folder for a refused build"
    );
    // An absolute path through a missing folder to somebody's documents.
    let docs = tmp.path().join("Documents");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join("letter.odt"), "mine").unwrap();
    let sneaky = format!("/nonexistent/..{}", docs.display());
    let (code, _, err) = build_in(tmp.path(), &content, &sneaky, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("was not made by minhbach"), "{err}");
    assert!(err.contains("letter.odt"), "{err}");
    assert_eq!(fs::read_to_string(docs.join("letter.odt")).unwrap(), "mine");
}

#[test]
fn an_output_inside_the_content_or_theme_folder_is_refused() {
    let (tmp, content) = site_dir();
    for out in [
        content.join("plans/out"),
        content.clone(),
        theme().join("out"),
    ] {
        let (code, _, err) = build_in(tmp.path(), &content, out.to_str().unwrap(), &[]);
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains("is inside the") || err.contains("would replace the"),
            "{err}"
        );
        assert!(!content.join("plans/out").exists() && !theme().join("out").exists());
    }
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 0, "check is unharmed: {err}");
}

#[cfg(unix)]
#[test]
fn an_output_that_is_not_a_folder_is_refused_and_left_alone() {
    let (tmp, content) = site_dir();
    let file = tmp.path().join("notes.txt");
    fs::write(&file, "mine").unwrap();
    let fifo = tmp.path().join("pipe");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let target = tmp.path().join("real");
    fs::create_dir_all(&target).unwrap();
    fs::write(target.join("keep.txt"), "mine").unwrap();
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for (out, says) in [
        (file.clone(), "is a file, not a folder"),
        (fifo.clone(), "is a named pipe, not a folder"),
        (PathBuf::from("/dev/null"), "is a device, not a folder"),
        (link.clone(), "is a symbolic link"),
    ] {
        let (code, _, err) = build_in(tmp.path(), &content, out.to_str().unwrap(), &[]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains(says), "{says}: {err}");
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(snapshot(&target).len(), 1);
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("minhbach"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_folder_with_a_marker_but_files_minhbach_did_not_write_is_refused() {
    let (tmp, content) = site_dir();
    let out = tmp.path().join("site");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join(".minhbach"), "").unwrap();
    fs::write(out.join("thesis.docx"), "mine").unwrap();
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("older minhbach") && err.contains("thesis.docx"),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    // With --force the site is built and the file is kept.
    let (code, _, err) = build_in(tmp.path(), &content, "site", &["--force"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read_to_string(out.join("thesis.docx")).unwrap(), "mine");
    assert!(out.join("index.html").is_file());
}

#[test]
fn a_rebuild_replaces_only_the_files_minhbach_wrote() {
    let (tmp, content) = site_dir();
    let out = tmp.path().join("site");
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    // A file added by hand: the next build stops and names it.
    fs::write(out.join("plans/notes.txt"), "mine").unwrap();
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("plans/notes.txt"), "{err}");
    // A generated file edited by hand is not minhbach's any more either.
    fs::write(out.join("about.html"), "edited").unwrap();
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("about.html") && err.contains("changed since"),
        "{err}"
    );
    // --force: the added file is kept, the edited page is rebuilt.
    let (code, _, err) = build_in(tmp.path(), &content, "site", &["--force"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        fs::read_to_string(out.join("plans/notes.txt")).unwrap(),
        "mine"
    );
    assert!(fs::read_to_string(out.join("about.html"))
        .unwrap()
        .contains("<html"));
}

#[test]
fn dot_files_such_as_a_git_folder_are_kept_across_builds() {
    let (tmp, content) = site_dir();
    let out = tmp.path().join("site");
    fs::create_dir_all(out.join(".git/refs")).unwrap();
    fs::write(out.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    for _ in 0..3 {
        let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            fs::read_to_string(out.join(".git/HEAD")).unwrap(),
            "ref: refs/heads/gh-pages\n"
        );
        assert!(out.join(".git/refs").is_dir());
    }
    let names: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("minhbach")), "{names:?}");
}

#[test]
fn the_sites_static_folder_is_published_at_the_root() {
    let (tmp, content) = site_dir();
    fs::create_dir_all(content.join("static/.well-known")).unwrap();
    fs::write(content.join("static/CNAME"), "kehoach.example.org\n").unwrap();
    fs::write(content.join("static/.nojekyll"), "").unwrap();
    fs::write(
        content.join("static/.well-known/security.txt"),
        "Contact: x\n",
    )
    .unwrap();
    let out = tmp.path().join("site");
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        fs::read_to_string(out.join("CNAME")).unwrap(),
        "kehoach.example.org\n"
    );
    assert!(out.join(".nojekyll").is_file());
    assert!(out.join(".well-known/security.txt").is_file());
    // Rebuilding replaces them: they are minhbach's (listed in the manifest).
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    // A static file where a page is generated is an error, in check and build.
    fs::write(content.join("static/index.html"), "x").unwrap();
    let err = crate::rules::rejected(
        &content,
        &["static/index.html would be published at index.html, where the site already has a file"],
    );
    assert!(!err.is_empty());
}

#[cfg(unix)]
#[test]
fn content_that_links_outside_the_content_folder_is_refused() {
    let (tmp, content) = site_dir();
    let secret = tmp.path().join("secret.md");
    fs::write(&secret, "# Lương của tôi\n").unwrap();
    let doc = content.join("plans/dai-tu-2022/document.vi.md");
    fs::remove_file(&doc).unwrap();
    std::os::unix::fs::symlink(&secret, &doc).unwrap();
    crate::rules::rejected(&content, &["document.vi.md: is a link to", "outside"]);
    // A link that stays inside the folder is fine.
    fs::remove_file(&doc).unwrap();
    fs::write(
        content.join("plans/dai-tu-2022/doc-real.md"),
        "# Kế hoạch\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(content.join("plans/dai-tu-2022/doc-real.md"), &doc).unwrap();
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_build_is_byte_identical_to_the_last_and_verifiable() {
    let (tmp, content) = site_dir();
    let (code, _, err) = build_in(tmp.path(), &content, "a", &[]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = build_in(tmp.path(), &content, "b", &[]);
    assert_eq!(code, 0, "{err}");
    let (a, b) = (
        snapshot(&tmp.path().join("a")),
        snapshot(&tmp.path().join("b")),
    );
    assert!(a.len() > 20, "{}", a.len());
    assert!(a == b, "two builds differ");
    let site = tmp.path().join("a");
    let s = site.to_str().unwrap();
    let (code, out, _) = run(&["verify", s]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("match manifest.json"), "{out}");
    let (code, out, err) = run(&[
        "verify",
        s,
        "--content",
        content.to_str().unwrap(),
        "--theme",
        theme().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    // A mirror that changed, lost and gained files.
    fs::write(site.join("index.html"), "hacked").unwrap();
    fs::remove_file(site.join("about.html")).unwrap();
    fs::write(site.join("extra.html"), "x").unwrap();
    let (code, out, _) = run(&["verify", s]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("changed: index.html"), "{out}");
    assert!(out.contains("missing: about.html"), "{out}");
    assert!(out.contains("extra: extra.html"), "{out}");
    // Sources that are not the ones it was built from.
    crate::edit(
        &content,
        "pages/about.vi.md",
        "Giới thiệu",
        "Giới thiệu lại",
    );
    let (code, out, _) = run(&[
        "verify",
        tmp.path().join("b").to_str().unwrap(),
        "--content",
        content.to_str().unwrap(),
        "--theme",
        theme().to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("source differs: content/pages/about.vi.md"),
        "{out}"
    );
    let (code, _, err) = run(&["verify", content.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("has no manifest.json"), "{err}");
}

/// The leftovers of an interrupted build, made by hand: each state the swap can be killed in.
#[test]
fn the_next_build_recovers_from_every_interrupted_state() {
    let (tmp, content) = site_dir();
    let out = tmp.path().join("site");
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    let work = |pid: u32| tmp.path().join(format!(".site.minhbach-build-{pid}"));
    let marked = |w: &Path| {
        fs::create_dir_all(w).unwrap();
        fs::write(w.join(".minhbach"), "").unwrap();
        journal(w, &[]);
    };
    // 1. Killed while writing: a half-written site, no state file; the journal lists the file.
    marked(&work(900001));
    // Killed just after writing the manifest, before the swap began: the journal lists it too.
    journal(
        &work(900001),
        &[("plans/x.html", "half"), ("manifest.json", "{}")],
    );
    fs::create_dir_all(work(900001).join("site/plans")).unwrap();
    fs::write(work(900001).join("site/plans/x.html"), "half").unwrap();
    fs::write(work(900001).join("site/manifest.json"), "{}").unwrap();
    // 2. Killed after the exchange: the previous site, with a kept .git, swapped out.
    marked(&work(900002));
    fs::write(work(900002).join("swapping"), "swap\n").unwrap();
    copy_dir(&out, &work(900002).join("site"));
    fs::create_dir_all(work(900002).join("site/.git")).unwrap();
    fs::write(work(900002).join("site/.git/HEAD"), "kept").unwrap();
    // A folder that merely looks like a work folder but has no marker is not touched.
    fs::create_dir_all(work(900003)).unwrap();
    fs::write(work(900003).join("mine.txt"), "mine").unwrap();
    let (code, stdout, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!work(900001).exists() && !work(900002).exists(), "{stdout}");
    assert_eq!(fs::read_to_string(out.join(".git/HEAD")).unwrap(), "kept");
    assert_eq!(
        fs::read_to_string(work(900003).join("mine.txt")).unwrap(),
        "mine"
    );
    // 3. Killed between the two renames of a system without exchange: the output is missing
    // and the previous site is in old/.
    let previous = snapshot(&out);
    marked(&work(900004));
    fs::write(work(900004).join("swapping"), "swap\n").unwrap();
    fs::rename(&out, work(900004).join("old")).unwrap();
    let (code, stdout, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        stdout.contains("the previous site was put back first"),
        "{stdout}"
    );
    assert!(!work(900004).exists());
    assert_eq!(snapshot(&out), previous);
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Real interruptions: builds of the bundled site killed at many moments. After each kill the
/// output is a whole site (the old or the new one, verified against its manifest); after the
/// last, one more build leaves nothing behind.
#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_site() {
    let tmp = tempfile::tempdir().unwrap();
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let out = tmp.path().join("site");
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    let mut killed = 0;
    for i in 0..40u64 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_minhbach"))
            .args([
                "build",
                "--content",
                content.to_str().unwrap(),
                "--theme",
                theme().to_str().unwrap(),
                "--output",
                out.to_str().unwrap(),
            ])
            .current_dir(tmp.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5 + i * 7 % 300));
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        let (code, report, _) = run(&["verify", out.to_str().unwrap()]);
        assert_eq!(
            code, 0,
            "after kill {i}, the output is not a whole site: {report}"
        );
    }
    assert!(killed > 5, "only {killed} builds were interrupted");
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    let names: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["site"], "leftovers after recovery");
}

#[cfg(unix)]
#[test]
fn two_builds_never_write_one_output_at_once() {
    use std::os::fd::AsRawFd;
    let (tmp, content) = site_dir();
    let held = fs::File::open(tmp.path()).unwrap();
    // SAFETY: flock on a descriptor `held` keeps open.
    assert_eq!(unsafe { libc::flock(held.as_raw_fd(), libc::LOCK_EX) }, 0);
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("another minhbach build is writing into"),
        "{err}"
    );
    drop(held);
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn the_fixture_still_builds_into_an_existing_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("empty");
    fs::create_dir_all(&out).unwrap();
    let (code, _, err) = run(&[
        "build",
        "--content",
        fixture("basic").to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.join("manifest.json").is_file());
}

#[test]
fn force_keeps_every_file_of_a_dot_folder_the_site_adds_a_file_to() {
    let (tmp, content) = site_dir();
    let out = tmp.path().join("site");
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    fs::create_dir_all(out.join(".well-known")).unwrap();
    fs::write(out.join(".well-known/acme-challenge-token"), "tok").unwrap();
    fs::create_dir_all(content.join("static/.well-known")).unwrap();
    fs::write(
        content.join("static/.well-known/security.txt"),
        "Contact: x\n",
    )
    .unwrap();
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "only new names inside the folder: no clash: {err}");
    assert_eq!(
        fs::read_to_string(out.join(".well-known/acme-challenge-token")).unwrap(),
        "tok"
    );
    assert!(out.join(".well-known/security.txt").is_file());
    // A file of the user's with the very name the site now writes: refused, then --force
    // replaces that one file and nothing else.
    fs::write(out.join(".well-known/openpgpkey"), "k").unwrap();
    fs::write(content.join("static/.well-known/openpgpkey"), "site").unwrap();
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(".well-known/openpgpkey"), "{err}");
    let (code, _, err) = build_in(tmp.path(), &content, "site", &["--force"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        fs::read_to_string(out.join(".well-known/openpgpkey")).unwrap(),
        "site"
    );
    assert_eq!(
        fs::read_to_string(out.join(".well-known/acme-challenge-token")).unwrap(),
        "tok"
    );
}

#[test]
fn a_forged_manifest_cannot_make_a_build_delete_a_dot_folder() {
    let (tmp, content) = site_dir();
    let out = tmp.path().join("site");
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    fs::create_dir_all(out.join(".git")).unwrap();
    fs::write(out.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    let path = out.join("manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    m["files"][".git/HEAD"] = serde_json::json!({
        "sha256": minhbach::output::manifest::Entry::of(b"ref: refs/heads/main\n").sha256,
        "bytes": 21
    });
    fs::write(&path, m.to_string()).unwrap();
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        fs::read_to_string(out.join(".git/HEAD")).unwrap(),
        "ref: refs/heads/main\n"
    );
    // And nothing is ever written into a .git folder.
    fs::create_dir_all(content.join("static/.git")).unwrap();
    fs::write(content.join("static/.git/config"), "x").unwrap();
    crate::rules::rejected(&content, &["never writes into a .git folder"]);
}

#[test]
fn verify_reports_dot_files_and_rebuilds_from_the_sources() {
    let (tmp, content) = site_dir();
    let out = tmp.path().join("site");
    let (code, _, err) = build_in(
        tmp.path(),
        &content,
        "site",
        &["--base-url", "https://ex.org/kh/"],
    );
    assert_eq!(code, 0, "{err}");
    let s = out.to_str().unwrap();
    let theme = theme();
    let with_sources = [
        "verify",
        s,
        "--content",
        content.to_str().unwrap(),
        "--theme",
        theme.to_str().unwrap(),
    ];
    let (code, report, _) = run(&with_sources);
    assert_eq!(
        code, 0,
        "a site built with a base URL verifies against its sources: {report}"
    );
    fs::write(
        out.join(".htaccess"),
        "Redirect 301 / https://evil.example/\n",
    )
    .unwrap();
    let (code, report, _) = run(&["verify", s]);
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("extra: .htaccess"), "{report}");
    fs::remove_file(out.join(".htaccess")).unwrap();
    // A page edited, and its hash edited in the manifest to match.
    let page = out.join("plans/dai-tu-2022.html");
    let forged = fs::read_to_string(&page)
        .unwrap()
        .replace("6.578,0", "1.578,0");
    fs::write(&page, &forged).unwrap();
    let path = out.join("manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    m["files"]["plans/dai-tu-2022.html"] = serde_json::json!({
        "sha256": minhbach::output::manifest::Entry::of(forged.as_bytes()).sha256,
        "bytes": forged.len()
    });
    fs::write(&path, m.to_string()).unwrap();
    let (code, report, _) = run(&["verify", s]);
    assert_eq!(
        code, 0,
        "the manifest alone agrees with the forged page: {report}"
    );
    let (code, report, _) = run(&with_sources);
    assert_eq!(code, 1, "{report}");
    assert!(
        report.contains("changed: plans/dai-tu-2022.html"),
        "{report}"
    );
}

#[cfg(unix)]
#[test]
fn a_rebuild_keeps_the_output_folders_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (tmp, content) = site_dir();
    let out = tmp.path().join("site");
    fs::create_dir_all(&out).unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o2750)).unwrap();
    for _ in 0..2 {
        let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
        assert_eq!(code, 0, "{err}");
        let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o2750, "mode {mode:o}");
    }
}

#[test]
fn an_empty_leftover_work_folder_is_removed() {
    let (tmp, content) = site_dir();
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    let left = tmp.path().join(".site.minhbach-build-424242");
    fs::create_dir_all(&left).unwrap();
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!left.exists());
}

#[test]
fn what_an_older_minhbach_left_when_interrupted_is_recovered() {
    let (tmp, content) = site_dir();
    let out = tmp.path().join("site");
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    let previous = snapshot(&out);
    // Killed between its two renames: the output missing, the previous site in `….old`. The
    // half-written site it left is not deleted (that minhbach kept no record of its files).
    let staging = tmp.path().join(".site.minhbach-staging-777");
    fs::create_dir_all(staging.join("plans")).unwrap();
    fs::write(staging.join(".minhbach"), "").unwrap();
    fs::write(staging.join("plans/x.html"), "half").unwrap();
    let old = tmp.path().join(".site.minhbach-staging-777.old");
    fs::rename(&out, &old).unwrap();
    // Outputs of that minhbach carried its marker.
    fs::write(old.join(".minhbach"), "").unwrap();
    let (code, stdout, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        stdout.contains("the previous site was put back first"),
        "{stdout}"
    );
    assert!(!old.exists());
    assert_eq!(
        fs::read_to_string(staging.join("plans/x.html")).unwrap(),
        "half"
    );
    assert!(
        stdout.contains(".site.minhbach-staging-777 was left by an older minhbach"),
        "{stdout}"
    );
    let now: Vec<_> = snapshot(&out)
        .into_iter()
        .filter(|(p, _)| p != Path::new(".minhbach"))
        .collect();
    assert_eq!(now, previous);
}

/// Writes the journal of work folder `w`: the files a build was about to write, with their
/// content, as a build records them.
fn journal(w: &Path, files: &[(&str, &str)]) {
    let mut text = "minhbach build journal 1\n".to_string();
    for (rel, content) in files {
        let e = minhbach::output::manifest::Entry::of(content.as_bytes());
        text.push_str(&format!("{} {} {:?}\n", e.sha256, e.bytes, rel));
    }
    fs::write(w.join("journal"), text).unwrap();
}

/// The backup folders beside an output named `site`.
fn backups(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("site.backup-")
        })
        .collect();
    out.sort();
    out
}

/// The audit's case: `--force` into a folder holding the author's own `index.html` (and no
/// manifest). The author's file is never overwritten: it is moved to a named backup and the
/// build says where; the author's other files stay in place.
#[test]
fn force_moves_an_authors_file_the_site_would_overwrite_to_a_named_backup() {
    let (tmp, content) = site_dir();
    let out = tmp.path().join("site");
    fs::create_dir_all(out.join("docs")).unwrap();
    fs::write(out.join("index.html"), "<p>my own home page</p>").unwrap();
    fs::write(out.join("docs/thesis.txt"), "mine").unwrap();
    // A file where the site needs a folder, and a folder where it writes a file.
    fs::write(out.join("plans"), "a file named plans").unwrap();
    fs::create_dir_all(out.join("about.html")).unwrap();
    fs::write(
        out.join("about.html/notes.txt"),
        "in a folder named about.html",
    )
    .unwrap();
    let before = snapshot(&out);
    // Without --force: refused, nothing changed, and the message promises nothing false.
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("index.html") && err.contains("backup"),
        "{err}"
    );
    assert_eq!(snapshot(&out), before);
    let (code, stdout, err) = build_in(tmp.path(), &content, "site", &["--force"]);
    assert_eq!(code, 0, "{err}");
    let b = backups(tmp.path());
    assert_eq!(b.len(), 1, "{b:?}");
    let backup = &b[0];
    assert!(
        stdout.contains(&backup.display().to_string()) && stdout.contains("index.html"),
        "the build does not say where the author's files went: {stdout}"
    );
    assert_eq!(
        fs::read_to_string(backup.join("index.html")).unwrap(),
        "<p>my own home page</p>"
    );
    assert_eq!(
        fs::read_to_string(backup.join("plans")).unwrap(),
        "a file named plans"
    );
    assert_eq!(
        fs::read_to_string(backup.join("about.html/notes.txt")).unwrap(),
        "in a folder named about.html"
    );
    assert_eq!(
        fs::read_to_string(out.join("docs/thesis.txt")).unwrap(),
        "mine"
    );
    assert!(fs::read_to_string(out.join("index.html"))
        .unwrap()
        .contains("<html"));
    assert!(out.join("plans").is_dir() && out.join("about.html").is_file());
    // Every byte the author had is somewhere: in the output or in the backup.
    for (rel, bytes) in before {
        let kept = [out.join(&rel), backup.join(&rel)]
            .iter()
            .any(|p| fs::read(p).ok().as_ref() == Some(&bytes));
        assert!(kept, "{} was lost", rel.display());
    }
    // A second --force build has nothing of the author's to move.
    let (code, stdout, err) = build_in(tmp.path(), &content, "site", &["--force"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(backups(tmp.path()).len(), 1, "{stdout}");
}

/// A generated page edited by hand is the author's work now: `--force` replaces it, and the
/// edited version is kept in the backup.
#[test]
fn force_keeps_a_hand_edited_page_in_the_backup() {
    let (tmp, content) = site_dir();
    let out = tmp.path().join("site");
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    fs::write(out.join("about.html"), "edited by hand").unwrap();
    let (code, stdout, err) = build_in(tmp.path(), &content, "site", &["--force"]);
    assert_eq!(code, 0, "{err}");
    let b = backups(tmp.path());
    assert_eq!(b.len(), 1, "{stdout}");
    assert_eq!(
        fs::read_to_string(b[0].join("about.html")).unwrap(),
        "edited by hand"
    );
    assert!(stdout.contains("about.html"), "{stdout}");
}

/// A folder named like minhbach's work folder, with its marker and even its state file, is
/// never wiped: without a build's journal nothing in it is known to be minhbach's.
#[test]
fn a_folder_that_only_looks_like_a_work_folder_is_never_emptied() {
    let (tmp, content) = site_dir();
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    let fake = tmp.path().join(".site.minhbach-build-31337");
    fs::create_dir_all(fake.join("site/plans")).unwrap();
    fs::create_dir_all(fake.join("old")).unwrap();
    fs::write(fake.join(".minhbach"), "").unwrap();
    fs::write(fake.join("swapping"), "swap\n").unwrap();
    fs::write(fake.join("site/plans/thesis.docx"), "mine").unwrap();
    fs::write(fake.join("old/letter.txt"), "mine too").unwrap();
    let before = snapshot(&fake);
    for _ in 0..2 {
        let (code, stdout, err) = build_in(tmp.path(), &content, "site", &[]);
        assert_eq!(code, 0, "{err}");
        assert!(
            stdout.contains("left") && stdout.contains("31337"),
            "{stdout}"
        );
    }
    assert_eq!(snapshot(&fake), before);
    assert!(fake.join(".minhbach").is_file() && fake.join("swapping").is_file());
    // A real work folder's journal lists what its build wrote: those files go, others stay.
    let work = tmp.path().join(".site.minhbach-build-4242");
    fs::create_dir_all(work.join("site/plans")).unwrap();
    journal(
        &work,
        &[("plans/a.html", "ours"), ("index.html", "ours too")],
    );
    fs::write(work.join("site/plans/a.html"), "ours").unwrap();
    fs::write(work.join("site/index.html"), "ours, then changed").unwrap();
    fs::write(work.join("site/plans/mine.txt"), "mine").unwrap();
    let (code, stdout, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!work.join("site/plans/a.html").exists(), "{stdout}");
    assert_eq!(
        fs::read_to_string(work.join("site/index.html")).unwrap(),
        "ours, then changed"
    );
    assert_eq!(
        fs::read_to_string(work.join("site/plans/mine.txt")).unwrap(),
        "mine"
    );
    assert!(stdout.contains("4242"), "{stdout}");
}

/// An empty folder the author made in the output (for uploads, say) is kept across builds.
#[test]
fn an_empty_folder_in_the_output_is_kept() {
    let (tmp, content) = site_dir();
    let out = tmp.path().join("site");
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    fs::create_dir_all(out.join("uploads/2026")).unwrap();
    for _ in 0..2 {
        let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
        assert_eq!(code, 0, "{err}");
        assert!(out.join("uploads/2026").is_dir());
    }
}

/// A downloaded copy may hold any names: `verify` shows control characters escaped, so that no
/// name can clear the screen or print a false "all files match" line, and says that the
/// manifest is not signed.
#[cfg(unix)]
#[test]
fn verify_escapes_names_and_says_the_manifest_is_not_signed() {
    let (tmp, content) = site_dir();
    let out = tmp.path().join("site");
    let (code, _, err) = build_in(tmp.path(), &content, "site", &[]);
    assert_eq!(code, 0, "{err}");
    let s = out.to_str().unwrap();
    let (code, report, _) = run(&["verify", s]);
    assert_eq!(code, 0, "{report}");
    assert!(
        report.contains("not signed") && report.contains("--content"),
        "{report}"
    );
    let forged = "x\u{1b}[2J\u{1b}[H\nall 99 files match manifest.json\n";
    fs::write(out.join(forged), "").unwrap();
    let (code, report, _) = run(&["verify", s]);
    assert_eq!(code, 1, "{report}");
    assert!(!report.contains('\u{1b}'), "{report:?}");
    assert!(
        report.contains("extra: x\\u{1b}[2J\\u{1b}[H\\u{a}all 99 files match manifest.json\\u{a}"),
        "{report}"
    );
    assert!(
        !report.lines().any(|l| l.starts_with("all ")),
        "a forged line: {report}"
    );
}
