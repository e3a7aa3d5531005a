//! Bad input that would publish a wrong figure without a word (issue 25): a figure dated outside
//! its report's period, disbursement above the allocation it is measured against, and a figure
//! whose notation reads one way in Vietnamese and another in English. Each is shown as the author
//! sees it (`check`'s message and exit status) and as a reader would (the page and its figure).

use crate::rules::rejected;
use crate::{build, copy_fixture, edit, read, run, visible_text};
use std::path::Path;

const VQ: &str = "plans/van-quan-2021-2025";
const R22: &str = "plans/van-quan-2021-2025/reports/nam-2022.toml";
const R23: &str = "plans/van-quan-2021-2025/reports/nam-2023.toml";
const PROJECTS: &str = "plans/van-quan-2021-2025/projects.toml";

/// `check` of `content`: its exit code and what it printed for the author.
fn check(content: &Path) -> (i32, String) {
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    (code, err)
}

/// `check` accepts `content` and warns with every needle; `--strict` refuses it.
fn warned(content: &Path, needles: &[&str]) -> String {
    let (code, err) = check(content);
    assert_eq!(code, 0, "check should accept with a warning: {err}");
    for n in needles {
        let line = err.lines().find(|l| l.contains(n));
        assert!(
            line.is_some_and(|l| l.starts_with("warning: ")),
            "no warning with {n:?}:\n{err}"
        );
    }
    let (code, _, strict) = run(&["check", "--strict", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1, "--strict should refuse: {strict}");
    err
}

/// `check` accepts `content` with no warning that mentions `needle`.
fn silent(content: &Path, needle: &str) -> String {
    let (code, err) = check(content);
    assert_eq!(code, 0, "check should accept: {err}");
    assert!(!err.contains(needle), "unexpected {needle:?}:\n{err}");
    err
}

// ---- Figures dated outside their report's period -------------------------------------------

#[test]
fn a_figure_dated_before_its_reports_period_is_refused_in_toml_and_csv() {
    let (_tmp, content) = copy_fixture("progress");
    // A value dated before the plan itself, an allocation dated the year before (no correction),
    // both in the TOML of the 2022 report.
    edit(
        &content,
        R22,
        "value = \"98,0\"",
        "value = \"98,0\"\nas_of = \"2019-06-30\"",
    );
    edit(
        &content,
        R22,
        "phase = \"allocated\"\namount = \"10.000\"",
        "phase = \"allocated\"\namount = \"10.000\"\nas_of = \"2021-12-31\"",
    );
    // The 2023 report's outputs in CSV, one dated in 2022; a delayed task dated in 2022 (its
    // `reason` says why it is late, not why it is dated before the period).
    let r23 = std::fs::read_to_string(content.join(R23)).unwrap();
    let r23 = r23.replace(
        "[[output]]\nproject = \"du-an-1\"\nquantity = \"nha-o\"\ndone = \"150\"\n",
        "",
    );
    std::fs::write(
        content.join(R23),
        r23.replace(
            "status = \"delayed\"",
            "status = \"delayed\"\nas_of = \"2022-12-31\"",
        ),
    )
    .unwrap();
    std::fs::write(
        content.join(VQ).join("reports/nam-2023.outputs.csv"),
        "project;quantity;done;as_of\ndu-an-1;nha-o;150;2022-06-30\n",
    )
    .unwrap();
    rejected(
        &content,
        &[
            "nam-2022.toml:17:9: as_of = \"2019-06-30\" is before the period this report covers (2022: 2022-01-01 to 2022-12-31), and before the plan period 2021–2025: check the date; a target's starting level goes in targets.toml, as `baseline = { value = \"…\", year = 2019 }`",
            "nam-2022.toml:40:9: as_of = \"2021-12-31\" is before the period this report covers (2022: 2022-01-01 to 2022-12-31): a report gives figures for its own period. Check the date; if the figure corrects one an earlier report gave for that day, or came out after that report, keep the day and add `reason`",
            "nam-2023.outputs.csv:2:19: as_of = \"2022-06-30\" is before the period this report covers (2023: 2023-01-01 to 2023-12-31)",
            "nam-2023.toml:68:9: as_of = \"2022-12-31\" is before the period this report covers (2023: 2023-01-01 to 2023-12-31): a report gives the state of work in its own period. Check the date, or give the state in the report for that period",
        ],
    );
}

#[test]
fn a_figure_dated_long_after_its_reports_period_is_refused_even_if_published_later() {
    let (_tmp, content) = copy_fixture("progress");
    // A 2022 report published late, in 2024, giving a figure "as of" 2023: a 2023 figure.
    edit(
        &content,
        R22,
        "published = \"2023-01-20\"",
        "published = \"2024-01-20\"",
    );
    edit(
        &content,
        R22,
        "value = \"98,0\"",
        "value = \"98,0\"\nas_of = \"2023-06-30\"",
    );
    rejected(
        &content,
        &["nam-2022.toml:17:9: as_of = \"2023-06-30\" is more than a month after the period this report covers (2022: 2022-01-01 to 2022-12-31): a report gives figures up to the end of the month after its period (2023-01-31), as a year's disbursement runs to 31 January. Check the year, or give the figure in the report for the period it belongs to"],
    );
}

#[test]
fn a_figure_dated_in_the_month_after_its_period_is_published() {
    // Disbursement of a year's capital runs to 31 January; an annual report published after that
    // may give it as of then.
    let (_tmp, content) = copy_fixture("progress");
    edit(
        &content,
        R22,
        "published = \"2023-01-20\"",
        "published = \"2023-02-03\"",
    );
    edit(
        &content,
        R22,
        "phase = \"disbursed\"\namount = \"4.000\"",
        "phase = \"disbursed\"\namount = \"4.000\"\nas_of = \"2023-01-31\"",
    );
    silent(&content, "as_of");
    let (_t, out) = build(&content);
    let page = visible_text(&read(&out, &format!("{VQ}/reports/nam-2022.html")));
    assert!(page.contains("4.000"), "{page}");
    assert!(page.contains("31/01/2023"), "{page}");
}

// ---- Disbursed more than allocated ---------------------------------------------------------

/// The plan's own allocation for du-an-1's central investment capital in 2022.
fn plan_allocates(content: &Path, amount: &str) {
    let path = content.join(PROJECTS);
    let text = std::fs::read_to_string(&path).unwrap();
    let line = format!(
        "[[project.budget]]\namount = \"{amount}\"\nsource = \"central\"\ncapital = \"investment\"\nphase = \"allocated\"\nyear = 2022\n\n"
    );
    let text = text.replacen(
        "[[project]]\nid = \"du-an-4\"",
        &format!("{line}[[project]]\nid = \"du-an-4\""),
        1,
    );
    std::fs::write(&path, text).unwrap();
}

#[test]
fn disbursing_more_than_the_plans_allocation_is_a_warning_when_the_report_gives_none() {
    let (_tmp, content) = copy_fixture("progress");
    plan_allocates(&content, "3.000");
    // The 2022 report gives no allocation of its own; it disburses 4.000 of the plan's 3.000.
    edit(
        &content,
        R22,
        "[[money]]\nproject = \"du-an-1\"\nsource = \"central\"\ncapital = \"investment\"\nyear = 2022\nphase = \"allocated\"\namount = \"10.000\"\n\n",
        "",
    );
    warned(
        &content,
        &["nam-2022.toml:32:1: disbursed 4.000 million VND (du-an-1, central · investment, 2022, as of 2022-12-31) is more than the 3.000 million VND allocated to that line for 2022 in the plan"],
    );
    // The reader still sees the figure as reported.
    let (_t, out) = build(&content);
    let page = visible_text(&read(&out, &format!("{VQ}/reports/nam-2022.html")));
    assert!(page.contains("4.000"), "{page}");
}

#[test]
fn disbursing_more_than_an_earlier_reports_allocation_is_a_warning() {
    let (_tmp, content) = copy_fixture("progress");
    // The 2022 report allocates 4.100; the 2023 report corrects the 2022 disbursement to 4.200.
    edit(&content, R22, "amount = \"10.000\"", "amount = \"4.100\"");
    warned(
        &content,
        &["nam-2023.toml:54:1: disbursed 4.200 million VND (du-an-1, central · investment, 2022, as of 2022-12-31) is more than the 4.100 million VND allocated to that line for 2022 in report `nam-2022` (as of 2022-12-31)"],
    );
}

#[test]
fn disbursing_more_than_an_adjusted_allocation_of_another_day_is_a_warning_in_csv() {
    let (_tmp, content) = copy_fixture("progress");
    let r23 = std::fs::read_to_string(content.join(R23)).unwrap();
    let start = r23.find("[[money]]").unwrap();
    let end = r23.find("[[output]]").unwrap();
    std::fs::write(
        content.join(R23),
        format!("{}{}", &r23[..start], &r23[end..]),
    )
    .unwrap();
    std::fs::write(
        content.join(VQ).join("reports/nam-2023.money.csv"),
        "project,source,capital,year,phase,amount,as_of,reason\n\
         du-an-1,central,investment,2023,allocated,12.000,,\n\
         du-an-1,central,investment,2023,adjusted,8.000,2023-10-01,\n\
         du-an-1,central,investment,2023,disbursed,9.000,,\n",
    )
    .unwrap();
    warned(
        &content,
        &["nam-2023.money.csv:4:1: disbursed 9.000 million VND (du-an-1, central · investment, 2023, as of 2023-12-31) is more than the 8.000 million VND of the adjusted allocation of that line for 2023 in report `nam-2023` (as of 2023-10-01)"],
    );
}

#[test]
fn disbursing_up_to_the_allocation_gives_no_warning() {
    let (_tmp, content) = copy_fixture("progress");
    plan_allocates(&content, "4.200");
    // Measured against the plan's 4.200: the 2022 report's 4.000 and the 2023 correction to 4.200.
    edit(
        &content,
        R22,
        "[[money]]\nproject = \"du-an-1\"\nsource = \"central\"\ncapital = \"investment\"\nyear = 2022\nphase = \"allocated\"\namount = \"10.000\"\n\n",
        "",
    );
    silent(&content, "disbursed");
}

// ---- "1,234": Vietnamese one point two three four, English one thousand … -------------------

#[test]
fn a_figure_like_english_thousands_in_a_column_of_whole_numbers_is_a_warning_in_csv() {
    let (_tmp, content) = copy_fixture("progress");
    let r23 = std::fs::read_to_string(content.join(R23)).unwrap();
    let start = r23.find("[[money]]").unwrap();
    let end = r23.find("[[output]]").unwrap();
    std::fs::write(
        content.join(R23),
        format!("{}{}", &r23[..start], &r23[end..]),
    )
    .unwrap();
    std::fs::write(
        content.join(VQ).join("reports/nam-2023.money.csv"),
        "project;source;capital;year;phase;amount;as_of;reason\n\
         du-an-1;central;investment;2023;allocated;12.000;;\n\
         du-an-1;central;investment;2023;disbursed;9,500;;\n",
    )
    .unwrap();
    warned(
        &content,
        &["nam-2023.money.csv:3:43: amount = \"9,500\" is read as 9,500 (nine point five zero zero) while the other figures of this column are whole numbers; if you meant nine thousand five hundred, write 9.500 (Vietnamese notation)"],
    );
    // As read, it is what the reader sees: nine and a half million, not nine and a half billion.
    let (_t, out) = build(&content);
    let page = visible_text(&read(&out, &format!("{VQ}/reports/nam-2023.html")));
    assert!(page.contains("9,500"), "{page}");
}

#[test]
fn a_figure_like_english_thousands_among_whole_numbers_is_a_warning_in_toml() {
    let (_tmp, content) = copy_fixture("progress");
    edit(&content, R22, "amount = \"4.000\"", "amount = \"4,000\"");
    warned(
        &content,
        &["nam-2022.toml:46:10: amount = \"4,000\" is read as 4,000 (four point zero zero zero) while the other figures of this column are whole numbers; if you meant four thousand, write 4.000 (Vietnamese notation)"],
    );
}

#[test]
fn a_count_with_three_decimals_is_a_warning_even_alone() {
    let (_tmp, content) = copy_fixture("progress");
    // The only promised quantity of the plan, in households.
    edit(&content, PROJECTS, "value = \"200\"", "value = \"1,200\"");
    warned(
        &content,
        &["projects.toml:9:9: value = \"1,200\" is read as 1,200 (one point two zero zero) hộ, which are counted in whole numbers; if you meant one thousand two hundred, write 1.200 (Vietnamese notation)"],
    );
}

#[test]
fn three_decimals_among_decimals_or_alone_outside_a_count_are_not_warned() {
    // A column that has decimals: three of them are as likely as one.
    let (_tmp, content) = copy_fixture("progress");
    edit(&content, R22, "value = \"15,5\"", "value = \"15,125\"");
    silent(&content, "is read as");
    // A lone money amount (million VND take decimals) with nothing beside it to compare.
    let (_tmp, content) = copy_fixture("progress");
    edit(
        &content,
        R22,
        "[[money]]\nproject = \"du-an-1\"\nsource = \"central\"\ncapital = \"investment\"\nyear = 2022\nphase = \"allocated\"\namount = \"10.000\"\n\n",
        "",
    );
    edit(&content, R22, "amount = \"4.000\"", "amount = \"4,250\"");
    silent(&content, "is read as");
}

#[test]
fn a_figure_like_an_english_decimal_point_among_decimals_is_a_warning() {
    let (_tmp, content) = copy_fixture("progress");
    std::fs::write(
        content.join(VQ).join("reports/nam-2023.values.csv"),
        "target,value,as_of,reason\n\
         poverty,\"11,0\",,\n\
         water,\"99,8\",,\n\
         income,\"1.500\",,\n",
    )
    .unwrap();
    let r23 = std::fs::read_to_string(content.join(R23)).unwrap();
    let start = r23.find("[[value]]").unwrap();
    let end = r23.find("[[money]]").unwrap();
    std::fs::write(
        content.join(R23),
        format!("{}{}", &r23[..start], &r23[end..]),
    )
    .unwrap();
    warned(
        &content,
        &["nam-2023.values.csv:4:8: value = \"1.500\" is read as 1.500 (one thousand five hundred) while the other figures of this column have decimals; if you meant one point five zero zero, write 1,500 (Vietnamese notation)"],
    );
}

#[test]
fn an_english_decimal_point_is_refused_with_the_vietnamese_way_to_write_it() {
    let (_tmp, content) = copy_fixture("progress");
    edit(&content, R22, "value = \"15,5\"", "value = \"15.5\"");
    rejected(
        &content,
        &[
            "`value`: `15.5` is not a figure in Vietnamese notation",
            "if 15.5 has a decimal point, write \"15,5\"",
        ],
    );
}

#[test]
fn a_base_year_level_or_a_figure_with_its_reason_may_be_dated_before_the_period() {
    let (_tmp, content) = copy_fixture("progress");
    let targets = content.join(VQ).join("targets.toml");
    let mut t = std::fs::read_to_string(&targets).unwrap();
    t.push_str("\n[[target]]\nid = \"double\"\nhorizon = 2025\nindicator = { vi = \"Thu nhập\", en = \"Income\" }\ntext = { vi = \"tăng 2 lần so với năm 2020\", en = \"double from 2020\" }\nshape = \"multiple\"\nop = \"at-least\"\nvalue = \"2\"\nbaseline_year = 2020\n");
    std::fs::write(&targets, t).unwrap();
    // The level of the base year, before the plan period; a water figure that came out late.
    edit(
        &content,
        R23,
        "[[value]]\ntarget = \"water\"",
        "[[value]]\ntarget = \"double\"\nas_of = \"2020-12-31\"\nvalue = \"14,8\"\n\n[[value]]\ntarget = \"double\"\nvalue = \"31,2\"\n\n[[value]]\ntarget = \"water\"\nas_of = \"2022-06-30\"\nvalue = \"97,5\"\nreason = { vi = \"Số liệu 6 tháng đầu năm 2022 công bố muộn\", en = \"The 2022 half-year figure came out late\" }\n\n[[value]]\ntarget = \"water\"",
    );
    silent(&content, "as_of");
    let (_t, out) = build(&content);
    let double = visible_text(&read(&out, &format!("{VQ}/targets/double.html")));
    assert!(
        double.contains("14,8") && double.contains("31/12/2020"),
        "{double}"
    );
    let water = visible_text(&read(&out, &format!("{VQ}/targets/water.html")));
    assert!(
        water.contains("97,5") && water.contains("30/06/2022"),
        "{water}"
    );
    // Without its reason, the late figure is refused; the base-year level never needs one.
    edit(
        &content,
        R23,
        "reason = { vi = \"Số liệu 6 tháng đầu năm 2022 công bố muộn\", en = \"The 2022 half-year figure came out late\" }\n",
        "",
    );
    rejected(
        &content,
        &["as_of = \"2022-06-30\" is before the period this report covers (2023: 2023-01-01 to 2023-12-31)"],
    );
}
