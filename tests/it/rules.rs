//! Content that would publish a wrong figure is refused, by `check` and `build` alike, with the
//! file, line and a fix; everything is reported in one run.

use crate::{copy_fixture, edit, run, visible_text};
use std::path::Path;

/// Both `check` and `build` refuse `content` with every message in `needles`, and the build
/// writes nothing. Returns check's stderr.
pub fn rejected(content: &Path, needles: &[&str]) -> String {
    let (code, _, check_err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1, "check should refuse: {check_err}");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let (code, _, build_err) = run(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "build should refuse: {build_err}");
    assert!(!out.exists(), "a refused build wrote {}", out.display());
    for n in needles {
        assert!(check_err.contains(n), "check lacks {n:?}:\n{check_err}");
        assert!(build_err.contains(n), "build lacks {n:?}:\n{build_err}");
    }
    check_err
}

const PROJECTS: &str = "plans/dai-tu-2022/projects.toml";
const TARGETS: &str = "plans/van-quan-2021-2025/targets.toml";

#[test]
fn an_unquoted_decimal_figure_is_refused_with_the_way_to_write_it() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        PROJECTS,
        r#"amount = "5.111,0""#,
        "amount = 39.559",
    );
    rejected(
        &content,
        &[
            "projects.toml:15:10: `39.559` without quotes is read as a TOML number",
            r#"amount = "39.559" if it is 39.559 thousand as printed, or amount = "39,559" if it has decimals"#,
        ],
    );
}

#[test]
fn an_unquoted_figure_with_a_zero_decimal_is_refused_too() {
    let (_tmp, content) = copy_fixture("basic");
    edit(&content, TARGETS, r#"value = "99,7""#, "value = 3.800");
    rejected(&content, &["targets.toml:21:9: `3.800` without quotes"]);
    let (_tmp, content) = copy_fixture("basic");
    edit(&content, TARGETS, r#"value = "99,7""#, "value = 12.4");
    rejected(
        &content,
        &[
            r#"write figures in quotes in Vietnamese notation (`.` groups thousands, `,` marks decimals): value = "12,4""#,
        ],
    );
}

#[test]
fn integers_in_hex_octal_or_with_underscores_are_refused() {
    for written in ["0x10", "0o20", "1_000", "+16"] {
        let (_tmp, content) = copy_fixture("basic");
        edit(
            &content,
            PROJECTS,
            r#"amount = "447,0""#,
            &format!("amount = {written}"),
        );
        rejected(&content, &[&format!("`{written}` is read by TOML as")]);
    }
    // A plain integer is a figure as printed.
    let (_tmp, content) = copy_fixture("basic");
    edit(&content, PROJECTS, r#"amount = "447,0""#, "amount = 447");
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_space_or_non_breaking_space_inside_a_figure_is_refused() {
    for written in ["5 111,0", "5\u{a0}111,0", "5.11 1,0"] {
        let (_tmp, content) = copy_fixture("basic");
        edit(
            &content,
            PROJECTS,
            r#"amount = "5.111,0""#,
            &format!("amount = \"{written}\""),
        );
        rejected(&content, &["projects.toml:15:10:", "space inside it"]);
    }
}

#[test]
fn a_signed_fraction_is_refused() {
    for written in ["+1/2", "-1/2", "1/-2"] {
        let (_tmp, content) = copy_fixture("basic");
        edit(
            &content,
            TARGETS,
            r#"value = "1/2""#,
            &format!("value = \"{written}\""),
        );
        rejected(&content, &["is not a fraction like \"1/2\""]);
    }
}

#[test]
fn negative_money_and_quantities_are_refused() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        PROJECTS,
        r#"amount = "447,0""#,
        r#"amount = "-447,0""#,
    );
    edit(&content, PROJECTS, r#"value = "773""#, r#"value = "-773""#);
    rejected(
        &content,
        &[
            "projects.toml:22:10: `amount` is negative",
            "projects.toml:10:9: a promised quantity cannot be negative",
        ],
    );
}

#[test]
fn a_share_over_100_percent_is_refused() {
    let (_tmp, content) = copy_fixture("basic");
    edit(&content, TARGETS, r#"value = "99,7""#, r#"value = "105""#);
    rejected(&content, &["target `water`: 105% is over 100%"]);
}

#[test]
fn a_range_upside_down_is_refused() {
    let (_tmp, content) = copy_fixture("basic");
    edit(&content, TARGETS, r#"min = "1.000""#, r#"min = "2.000""#);
    rejected(&content, &["target `jobs`: `min` is larger than `max`"]);
}

#[test]
fn a_baseline_after_the_horizon_is_refused() {
    let (_tmp, content) = copy_fixture("basic");
    std::fs::write(
        content.join(TARGETS),
        std::fs::read_to_string(content.join(TARGETS)).unwrap()
            + "\n[[target]]\nid = \"gap\"\nhorizon = 2025\nindicator = \"x\"\ntext = \"x\"\nshape = \"multiple\"\nop = \"above\"\nvalue = \"2\"\nbaseline_year = 2028\n",
    )
    .unwrap();
    rejected(
        &content,
        &["target `gap`: baseline_year = 2028 is after the target's horizon 2025"],
    );
}

#[test]
fn years_outside_the_plan_period_are_refused() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        PROJECTS,
        "year = 2022\nref = \"II.1.c\"",
        "year = 2023\nref = \"II.1.c\"",
    );
    edit(&content, TARGETS, "horizon = 2030", "horizon = 2035");
    edit(
        &content,
        TARGETS,
        "id = \"jobs\"\nhorizon = 2025",
        "id = \"jobs\"\nhorizon = 2019",
    );
    rejected(
        &content,
        &[
            "projects.toml:14:1: year = 2023 is outside the plan period 2022–2022",
            "target `income`: horizon = 2035 is after the plan period 2021–2025: mark it `vision = true`",
            "target `jobs`: horizon = 2019 is before the plan period 2021–2025",
        ],
    );
}

#[test]
fn an_absurd_period_is_refused() {
    for (period, needle) in [
        ("{ from = 2021, to = 20250 }", "not a plausible plan period"),
        ("{ from = 1900, to = 2025 }", "not a plausible plan period"),
        ("{ from = 2021, to = 2099 }", "spans 79 years"),
        (
            "{ from = 2025, to = 2021 }",
            "`from` must not be after `to`",
        ),
        (
            "{ from = 2021, to = 2025, orientation = 2024 }",
            "`orientation = 2024` must be a year after",
        ),
    ] {
        let (_tmp, content) = copy_fixture("basic");
        edit(
            &content,
            "plans/van-quan-2021-2025/plan.toml",
            "period = { from = 2021, to = 2025, orientation = 2030 }",
            &format!("period = {period}"),
        );
        rejected(&content, &["van-quan-2021-2025/plan.toml:4:10:", needle]);
    }
}

#[test]
fn the_same_agency_twice_or_both_leading_and_supporting_is_refused() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        PROJECTS,
        r#"lead = ["dai-tu-phong-dan-toc"]"#,
        "lead = [\"dai-tu-phong-dan-toc\", \"dai-tu-phong-dan-toc\"]\nsupport = [\"dai-tu-phong-dan-toc\"]",
    );
    rejected(
        &content,
        &[
            "lead: `dai-tu-phong-dan-toc` is listed twice",
            "`dai-tu-phong-dan-toc` is in both `lead` and `support`",
        ],
    );
}

#[test]
fn a_duty_without_tasks_is_refused() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        "plans/dai-tu-2022/duties.toml",
        r#"tasks = [ { vi = "Là Cơ quan thường trực, quản lý Chương trình", en = "Acts as the standing agency managing the Programme" } ]"#,
        "tasks = []",
    );
    rejected(&content, &["duties.toml:2:10: this duty lists no tasks"]);
}

#[test]
fn targets_refining_each_other_in_a_circle_are_refused() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        TARGETS,
        "id = \"water\"\n",
        "id = \"water\"\nparent = \"jobs\"\n",
    );
    edit(
        &content,
        TARGETS,
        "id = \"jobs\"\n",
        "id = \"jobs\"\nparent = \"water\"\n",
    );
    rejected(
        &content,
        &["targets refine each other in a circle (water → jobs → water)"],
    );
}

#[test]
fn an_id_too_long_for_a_page_address_is_refused_by_check_as_by_build() {
    let (_tmp, content) = copy_fixture("basic");
    let long = "du-an-".repeat(50);
    edit(
        &content,
        PROJECTS,
        r#"id = "du-an-1""#,
        &format!("id = \"{long}\""),
    );
    rejected(
        &content,
        &["project id `du-an-du-an-du-an-du-an-…` is 300 characters long"],
    );
}

#[test]
fn a_field_the_shape_does_not_use_is_refused() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        TARGETS,
        "id = \"water\"\n",
        "id = \"water\"\nbaseline_year = 2020\n",
    );
    rejected(
        &content,
        &["target `water`: shape \"threshold\" does not use `baseline_year`"],
    );
}

#[test]
fn misnamed_files_are_warned_about_with_the_likely_name() {
    let (_tmp, content) = copy_fixture("basic");
    let plan = content.join("plans/dai-tu-2022");
    std::fs::rename(plan.join("duties.toml"), plan.join("Duties.toml")).unwrap();
    std::fs::rename(plan.join("document.vi.md"), plan.join("document.md")).unwrap();
    std::fs::write(plan.join("target.toml"), "").unwrap();
    std::fs::write(plan.join("project.toml"), "").unwrap();
    std::fs::write(plan.join("ngan-sach.csv"), "a,b\n").unwrap();
    std::fs::write(plan.join("budgets.csv"), "a,b\n").unwrap();
    std::fs::write(content.join("sitee.toml"), "").unwrap();
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 0, "warnings alone do not stop a check: {err}");
    for (file, hint) in [
        ("Duties.toml", "did you mean `duties.toml`?"),
        ("document.md", "did you mean `document.vi.md`?"),
        ("target.toml", "did you mean `targets.toml`?"),
        ("project.toml", "did you mean `projects.toml`?"),
        ("ngan-sach.csv", "the files read here are: plan.toml"),
        ("budgets.csv", "did you mean `budget.csv`?"),
        ("sitee.toml", "did you mean `site.toml`?"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("/{file}: ")))
            .unwrap_or_else(|| panic!("no warning for {file}: {err}"));
        assert!(line.starts_with("warning: "), "{line}");
        assert!(line.contains("minhbach does not read this file"), "{line}");
        assert!(line.contains(hint), "{line}");
    }
    let (code, _, err) = run(&["check", "--strict", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1, "--strict makes warnings fail: {err}");
}

#[test]
fn one_bad_value_hides_no_other_problem_in_any_file() {
    let (_tmp, content) = copy_fixture("basic");
    // Two bad values in one file, in different entries; one in each of three other files.
    edit(
        &content,
        TARGETS,
        r#"shape = "threshold""#,
        r#"shape = "treshold""#,
    );
    edit(
        &content,
        TARGETS,
        r#"min = "1.000""#,
        r#"min = "1.000"
mni = 3"#,
    );
    edit(
        &content,
        "agencies/van-quan.toml",
        r#"kind = "people-committee""#,
        r#"kind = "people-comittee""#,
    );
    edit(
        &content,
        PROJECTS,
        r#"lead = ["dai-tu-phong-dan-toc"]"#,
        r#"lead = ["dai-tu-phong-dan-tocc"]"#,
    );
    edit(
        &content,
        "plans/dai-tu-2022/plan.toml",
        r#"date = "2022-10-11""#,
        r#"date = "11/10/2022""#,
    );
    edit(
        &content,
        "plans/dai-tu-2022/plan.toml",
        r#"number = "227/KH-UBND""#,
        "number = 227",
    );
    let err = rejected(
        &content,
        &[
            "targets.toml:19:9: unknown variant `treshold`",
            "targets.toml:41:1: unknown field `mni`",
            "agencies/van-quan.toml:4:8: unknown variant `people-comittee`",
            "projects.toml:7:9: lead = \"dai-tu-phong-dan-tocc\": no agency has this id",
            "plan.toml:3:8: date = \"11/10/2022\" is not a date",
            "plan.toml:2:10: invalid type: integer `227`, expected a string",
        ],
    );
    // The agency whose entry was set aside is not also reported as unknown where it is named.
    assert!(
        !err.contains("\"van-quan-ubnd\": no agency has this id"),
        "{err}"
    );
    assert!(err.contains("6 errors in the content"), "{err}");
}

#[test]
fn a_printed_total_equal_in_value_is_not_flagged() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        "plans/dai-tu-2022/plan.toml",
        r#"amount = "6.578,0""#,
        r#"amount = "6.578""#,
    );
    let (_t, out) = crate::build(&content);
    let page = visible_text(&crate::read(&out, "plans/dai-tu-2022.html"));
    assert!(page.contains("6.578 triệu đồng"), "{page}");
    assert!(
        !page.contains("Không khớp: tổng các dòng là 6.578,0"),
        "{page}"
    );
    assert!(!page.contains("chênh lệch 0,0"), "{page}");
}

#[test]
fn a_printed_total_that_disagrees_is_a_warning_everywhere_it_shows() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        "plans/dai-tu-2022/plan.toml",
        r#"amount = "6.578,0""#,
        r#"amount = "6.587,0""#,
    );
    let c = content.to_str().unwrap();
    let (code, _, err) = run(&["check", "--content", c]);
    assert_eq!(code, 0, "{err}");
    let warning = "warning: ".to_string()
        + content.join("plans/dai-tu-2022/plan.toml").to_str().unwrap()
        + ":12:10: printed total 6.587,0 million VND (allocated, all sources) is not the sum of the lines it covers: they add up to 6.578,0 million VND, a difference of +9,0 million VND";
    assert!(err.contains(&warning), "{err}");
    // The bundled-style real case in the fixture (196.832 against 196.823) is reported too.
    assert!(
        err.contains("van-quan-2021-2025/plan.toml:7:10: printed total 196.832"),
        "{err}"
    );
    let (code, _, err) = run(&["check", "--strict", "--content", c]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("2 warnings, and --strict makes warnings stop the build"),
        "{err}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let (code, _, err) = run(&[
        "build",
        "--strict",
        "--content",
        c,
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(!out.exists());
    // JSON for tools: one object with every problem.
    let (code, json, _) = run(&["check", "--format", "json", "--content", c]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["warnings"], 2);
    let p = &v["problems"][0];
    assert_eq!(p["severity"], "warning");
    assert_eq!(p["line"], 12);
    assert!(p["file"]
        .as_str()
        .unwrap()
        .ends_with("plans/dai-tu-2022/plan.toml"));
    // The home card and the CSV carry the same finding.
    let (_t, out) = crate::build(&content);
    let home = visible_text(&crate::read(&out, "index.html"));
    assert!(
        home.contains("6.587,0 triệu đồng (≈ 6,6 tỷ đồng) Vốn được giao năm 2022 (số tổng in trong văn bản) ⚠ Không khớp: tổng các dòng là 6.578,0 triệu đồng (chênh lệch +9,0 triệu đồng)"),
        "{home}"
    );
    let csv = crate::read(&out, "data/dai-tu-2022-budget.csv");
    assert!(
        csv.contains("printed-total,,,,,,allocated,approved,,6587.0,6578.0,9.0,differs"),
        "{csv}"
    );
}

#[test]
fn json_problems_are_one_object_with_file_line_and_message() {
    let (_tmp, content) = copy_fixture("basic");
    edit(&content, PROJECTS, r#"amount = "447,0""#, "amount = 4.47");
    let (code, json, _) = run(&[
        "check",
        "--format",
        "json",
        "--content",
        content.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["errors"], 1);
    let p = &v["problems"][0];
    assert_eq!(
        (p["line"].as_u64(), p["column"].as_u64()),
        (Some(22), Some(10))
    );
    assert!(p["message"].as_str().unwrap().contains("without quotes"));
}

#[test]
fn figures_with_a_leading_zero_or_a_range_upside_down_by_a_hair_are_refused() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        PROJECTS,
        r#"amount = "447,0""#,
        r#"amount = "0.500""#,
    );
    edit(
        &content,
        TARGETS,
        r#"min = "1.000""#,
        r#"min = "10.000.000.000.000.001""#,
    );
    edit(
        &content,
        TARGETS,
        r#"max = "1.500""#,
        r#"max = "10.000.000.000.000.000""#,
    );
    rejected(
        &content,
        &[
            "`0.500` is not a figure in Vietnamese notation",
            "target `jobs`: `min` is larger than `max`",
        ],
    );
}
