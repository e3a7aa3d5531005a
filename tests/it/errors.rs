//! Bad input gets a clear error naming file, line and what to fix; the previous output stays.

use crate::{copy_fixture, edit, fixture, run, run_in};

fn check_errors(content: &std::path::Path) -> String {
    let (code, _out, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1, "expected exit 1, stderr: {err}");
    err
}

#[test]
fn unknown_agency_names_file_line_and_suggests_the_id() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        "plans/dai-tu-2022/projects.toml",
        r#"lead = ["dai-tu-phong-dan-toc"]"#,
        r#"lead = ["dai-tu-phong-dan-tocc"]"#,
    );
    let err = check_errors(&content);
    assert!(
        err.contains("plans/dai-tu-2022/projects.toml:7:9: lead = \"dai-tu-phong-dan-tocc\": no agency has this id; did you mean `dai-tu-phong-dan-toc`?"),
        "{err}"
    );
}

#[test]
fn misprinted_figure_is_rejected_with_the_notation_to_use() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        "plans/dai-tu-2022/projects.toml",
        r#"amount = "447,0""#,
        r#"amount = "44.70""#,
    );
    let err = check_errors(&content);
    assert!(err.contains("projects.toml:"), "{err}");
    assert!(
        err.contains("`44.70` is not a figure in Vietnamese notation"),
        "{err}"
    );
}

#[test]
fn misspelt_field_and_value_are_reported_with_allowed_values() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        "plans/van-quan-2021-2025/targets.toml",
        r#"shape = "threshold""#,
        r#"shape = "treshold""#,
    );
    let err = check_errors(&content);
    assert!(
        err.contains("targets.toml:19:9: unknown variant `treshold`, expected one of `threshold`"),
        "{err}"
    );
}

#[test]
fn several_problems_are_reported_at_once() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        "plans/dai-tu-2022/duties.toml",
        r#"agency = "dai-tu-ubmttq""#,
        r#"agency = "nobody""#,
    );
    edit(
        &content,
        "plans/dai-tu-2022/plan.toml",
        r#"date = "2022-10-11""#,
        r#"date = "11/10/2022""#,
    );
    let err = check_errors(&content);
    assert!(
        err.contains("duties.toml:8:10: agency = \"nobody\": no agency has this id"),
        "{err}"
    );
    assert!(
        err.contains("plan.toml:3:8: date = \"11/10/2022\" is not a date"),
        "{err}"
    );
    assert!(err.contains("2 errors in the content"), "{err}");
}

#[test]
fn target_missing_a_field_its_shape_needs_is_reported() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        "plans/van-quan-2021-2025/targets.toml",
        "min = \"1.000\"\n",
        "",
    );
    let err = check_errors(&content);
    assert!(
        err.contains("target `jobs`: shape \"range\" needs `min`"),
        "{err}"
    );
}

#[test]
fn toml_syntax_error_gives_line_and_column() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        "agencies/van-quan.toml",
        r#"kind = "people-committee""#,
        r#"kind = "people-committee"#,
    );
    let err = check_errors(&content);
    assert!(err.contains("agencies/van-quan.toml:4:"), "{err}");
}

#[test]
fn missing_content_folder_is_explained() {
    let (code, _, err) = run(&["check", "--content", "no-such-folder"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no-such-folder: content folder not found"),
        "{err}"
    );
}

#[test]
fn wrong_usage_exits_2() {
    let (code, _, err) = run(&["build", "--no-such-flag"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn failed_build_leaves_the_previous_output_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let out_s = out.to_str().unwrap();
    let (code, _, err) = run(&[
        "build",
        "--content",
        fixture("basic").to_str().unwrap(),
        "--output",
        out_s,
    ]);
    assert_eq!(code, 0, "{err}");
    let before = std::fs::read_to_string(out.join("plans/dai-tu-2022.html")).unwrap();

    let (_tmp2, content) = copy_fixture("basic");
    edit(
        &content,
        "plans/dai-tu-2022/plan.toml",
        r#"issuer = "dai-tu-ubnd""#,
        r#"issuer = "x""#,
    );
    let (code, _, _) = run(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        out_s,
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        std::fs::read_to_string(out.join("plans/dai-tu-2022.html")).unwrap(),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn check_writes_nothing_and_reports_coverage() {
    // Run where the default output folder would be created if `check` wrote anything.
    let tmp = tempfile::tempdir().unwrap();
    let theme = crate::theme();
    let (code, out, err) = run_in(
        tmp.path(),
        &[
            "check",
            "--content",
            fixture("basic").to_str().unwrap(),
            "--theme",
            theme.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("en: 93.5% of structured texts (43/46)"),
        "{out}"
    );
    assert!(out.contains("content is valid"));
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn broken_template_is_reported_not_panicking() {
    let tmp = tempfile::tempdir().unwrap();
    let theme = tmp.path().join("theme");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::create_dir_all(theme.join("i18n")).unwrap();
    std::fs::write(theme.join("templates/home.html"), "{% if %}").unwrap();
    let (code, _, err) = run(&[
        "check",
        "--content",
        fixture("basic").to_str().unwrap(),
        "--theme",
        theme.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("home.html"), "{err}");
}

#[test]
fn a_figure_without_its_phase_is_rejected() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        "plans/dai-tu-2022/projects.toml",
        "amount = \"447,0\"\nsource = \"local\"\nphase = \"allocated\"\n",
        "amount = \"447,0\"\nsource = \"local\"\n",
    );
    let err = check_errors(&content);
    assert!(
        err.contains("plans/dai-tu-2022/projects.toml:21:1: a figure needs `phase`: \"proposed\" (dự kiến), \"allocated\" (giao)"),
        "{err}"
    );
}

#[test]
fn build_without_a_base_url_says_how_to_set_one() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let content = fixture("basic");
    let args = [
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    let (code, stdout, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("note: no base_url"), "{stdout}");
    let with_base = [&args[..], &["--base-url", "https://example.org/kehoach"]].concat();
    let (code, stdout, err) = run(&with_base);
    assert_eq!(code, 0, "{err}");
    assert!(!stdout.contains("note: no base_url"), "{stdout}");
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://example.org/kehoach/plans/dai-tu-2022.html</loc>"),
        "{sitemap}"
    );
}

#[test]
fn output_folder_holding_the_content_or_foreign_files_is_refused_and_kept() {
    let (tmp, content) = copy_fixture("basic");
    // The output would contain the content: refused, content intact.
    let parent = tmp.path().to_str().unwrap();
    let (code, _, err) = run(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        parent,
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("would replace the content folder"), "{err}");
    assert!(content.join("site.toml").is_file());
    // A folder minhbach did not make (someone's docs/) is not replaced.
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("notes.md"), "mine").unwrap();
    let (code, _, err) = run(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        docs.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("was not made by minhbach"), "{err}");
    assert_eq!(
        std::fs::read_to_string(docs.join("notes.md")).unwrap(),
        "mine"
    );
    // Its own output is replaced on the next build.
    let site = tmp.path().join("site");
    for _ in 0..2 {
        let (code, _, err) = run(&[
            "build",
            "--content",
            content.to_str().unwrap(),
            "--output",
            site.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
    }
    assert!(site.join("manifest.json").is_file());
}

#[test]
fn ids_that_would_overwrite_generated_pages_are_rejected() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        "agencies/dai-tu.toml",
        r#"id = "dai-tu-ubmttq""#,
        r#"id = "index""#,
    );
    edit(
        &content,
        "plans/dai-tu-2022/projects.toml",
        r#"id = "du-an-8""#,
        r#"id = "document""#,
    );
    // A plan folder named like a page of the list of all plans.
    std::fs::rename(
        content.join("plans/van-quan-2021-2025"),
        content.join("plans/index-3"),
    )
    .unwrap();
    let err = check_errors(&content);
    assert!(
        err.contains("plans/index-3: the folder name `index-3` is taken by the list of all plans"),
        "{err}"
    );
    assert!(
        err.contains("agency id `index` is taken by the list of all agencies"),
        "{err}"
    );
    assert!(
        err.contains("project id `document` is taken by the plan's full-text page"),
        "{err}"
    );
}

#[test]
fn a_base_url_that_is_not_a_site_address_is_wrong_usage() {
    let (code, _, err) = run(&[
        "build",
        "--base-url",
        "https://ex.org/a?x=1&y=<2>",
        "--output",
        "/nonexistent/never",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("contains `?`: give the folder address of the site only"),
        "{err}"
    );
}

#[test]
fn a_duplicate_agency_id_names_where_it_was_first_used() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        "agencies/dai-tu.toml",
        r#"id = "dai-tu-ubmttq""#,
        r#"id = "dai-tu-phong-dan-toc""#,
    );
    let err = check_errors(&content);
    assert!(
        err.contains(
            "agencies/dai-tu.toml:14:6: agency id `dai-tu-phong-dan-toc` is already used at "
        ),
        "{err}"
    );
    assert!(
        err.contains("/agencies/dai-tu.toml:8; every agency needs its own id"),
        "{err}"
    );
}

#[test]
fn a_template_asking_for_an_unknown_interface_string_fails_with_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    let theme = tmp.path().join("theme");
    for e in walkdir::WalkDir::new(crate::theme())
        .into_iter()
        .filter_map(Result::ok)
    {
        let to = theme.join(e.path().strip_prefix(crate::theme()).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    let base = theme.join("templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    assert!(text.contains(r#"ui(k="nav_home")"#));
    std::fs::write(
        &base,
        text.replace(r#"ui(k="nav_home")"#, r#"ui(k="nav_hom")"#),
    )
    .unwrap();
    let out = tmp.path().join("site");
    let (code, _, err) = run(&[
        "build",
        "--content",
        fixture("basic").to_str().unwrap(),
        "--theme",
        theme.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no interface string `nav_hom`"), "{err}");
    assert!(!out.exists(), "a failed build wrote {}", out.display());
}

#[test]
fn an_english_full_text_without_the_vietnamese_original_is_reported() {
    let (_tmp, content) = copy_fixture("basic");
    let plan = content.join("plans/dai-tu-2022");
    std::fs::rename(plan.join("document.vi.md"), plan.join("document.en.md")).unwrap();
    let err = check_errors(&content);
    assert!(
        err.contains(
            "plans/dai-tu-2022/plan.toml: this plan has document.en.md but no document.vi.md"
        ),
        "{err}"
    );
}
