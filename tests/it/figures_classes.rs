//! Progress classes a reader can act on (issue 26): a figure that moves away from its target is
//! "getting worse", its own class apart from "off track", everywhere a status is shown; a band
//! whose direction the plan does not state is never given one from the figures.

use crate::{build, copy_fixture, edit, read, run, visible_text};
use std::path::Path;

const VQ: &str = "plans/van-quan-2021-2025";
const TARGETS: &str = "plans/van-quan-2021-2025/targets.toml";

/// A target of at least 95% that started at 90% (2021) and fell to 88% (2023): moving away.
fn add_falling_target(content: &Path) {
    let path = content.join(TARGETS);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(
        "\n[[target]]\nid = \"school\"\nhorizon = 2025\nindicator = { vi = \"Tỷ lệ trẻ đi học đúng độ tuổi\", en = \"Children in school at the right age\" }\ntext = \"trên 95% trẻ đi học đúng độ tuổi\"\nshape = \"threshold\"\nop = \"at-least\"\nvalue = \"95\"\nunit = \"%\"\nbaseline = { value = \"90\", year = 2021 }\n",
    );
    std::fs::write(&path, text).unwrap();
    let report = content.join(VQ).join("reports/nam-2023.toml");
    let mut text = std::fs::read_to_string(&report).unwrap();
    let at = text.find("[[money]]").unwrap();
    text.insert_str(at, "[[value]]\ntarget = \"school\"\nvalue = \"88\"\n\n");
    std::fs::write(&report, text).unwrap();
}

#[test]
fn a_figure_moving_away_from_its_target_is_getting_worse_everywhere() {
    let (_tmp, content) = copy_fixture("progress");
    add_falling_target(&content);
    let (_t, out) = build(&content);
    let page = read(&out, &format!("{VQ}/targets/school.html"));
    assert!(page.contains("status status-deteriorating"), "{page}");
    let vi = visible_text(&page);
    assert!(
        vi.contains("Trạng thái ‼ Đang xấu đi") || vi.contains("Trạng thái Đang xấu đi"),
        "{vi}"
    );
    assert!(
        vi.contains("dưới 0 (số liệu đi ngược hướng, xa dần mục tiêu) là đang xấu đi"),
        "{vi}"
    );
    assert!(!vi.contains("Chậm tiến độ"), "{vi}");
    // The chart says it too, in words and in its description for screen readers.
    assert!(page.contains("Trạng thái: Đang xấu đi."), "{page}");
    let en = visible_text(&read(&out, &format!("en/{VQ}/targets/school.html")));
    assert!(en.contains("Getting worse"), "{en}");
    assert!(
        en.contains(
            "below 0 (the figure moving the wrong way, away from the target) is getting worse"
        ),
        "{en}"
    );
    // Counted apart from off track on the plan page, the progress page (in its colour) and
    // the black-and-white notice (in words).
    for rel in [
        format!("{VQ}.html"),
        "progress.html".into(),
        format!("{VQ}/notice.html"),
    ] {
        let html = read(&out, &rel);
        let text = visible_text(&html);
        assert!(text.contains("1 đang xấu đi"), "{rel}: {text}");
        assert!(
            rel.contains("notice") || html.contains("status-deteriorating"),
            "{rel}"
        );
    }
    let en_plan = visible_text(&read(&out, &format!("en/{VQ}.html")));
    assert!(en_plan.contains("1 getting worse"), "{en_plan}");
    // Listed first among the targets that need attention.
    let progress = read(&out, "progress.html");
    let attention = &progress[progress.find("class=\"attention\"").unwrap()..];
    let first = attention.find("status-").unwrap();
    assert!(
        attention[first..].starts_with("status-deteriorating"),
        "{attention}"
    );
    // The notice puts it first of its targets.
    let notice = visible_text(&read(&out, &format!("{VQ}/notice.html")));
    let school = notice.find("Tỷ lệ trẻ đi học đúng độ tuổi").unwrap();
    for other in ["Việc làm mới"] {
        if let Some(i) = notice.find(other) {
            assert!(school < i, "{notice}");
        }
    }
    // Downloads carry the class, and the data package lists it among the codes.
    let csv = read(&out, "data/targets.csv");
    let row = csv.lines().find(|l| l.contains(",school,")).unwrap();
    assert!(row.contains(",deteriorating,"), "{row}");
    let json = read(&out, "data/targets.json");
    assert!(json.contains("\"deteriorating\""), "{json}");
    let package = read(&out, "data/datapackage.json");
    assert!(package.contains("\"deteriorating\""), "{package}");
    // The method says what the class means, in both languages.
    let method = visible_text(&read(&out, "progress.html"));
    assert!(method.contains("là đang xấu đi"), "{method}");
}

#[test]
fn a_status_stated_by_a_report_may_be_getting_worse() {
    let (_tmp, content) = copy_fixture("progress");
    edit(
        &content,
        &format!("{VQ}/reports/nam-2022.toml"),
        "status = \"on-track\"",
        "status = \"deteriorating\"",
    );
    let (_t, out) = build(&content);
    let en = visible_text(&read(&out, &format!("en/{VQ}/targets/culture.html")));
    assert!(
        en.contains("Status Getting worse") || en.contains("Getting worse"),
        "{en}"
    );
}

#[test]
fn a_band_whose_direction_the_plan_does_not_state_is_not_assessed_outside_it() {
    let (_tmp, content) = copy_fixture("progress");
    edit(
        &content,
        TARGETS,
        "better = \"higher\"\nper_year = true",
        "per_year = true",
    );
    let (_t, out) = build(&content);
    // 800 workers against 1.000–1.500 a year: below the band, and the plan does not say that
    // more is better, so no status is computed and the page says why.
    let vi = visible_text(&read(&out, &format!("{VQ}/targets/jobs.html")));
    assert!(vi.contains("Chưa đánh giá được"), "{vi}");
    assert!(
        vi.contains("Chỉ tiêu là một khoảng (1.000–1.500 lao động) và kế hoạch không nói số liệu cần tăng hay giảm"),
        "{vi}"
    );
    assert!(!vi.contains("Cần tăng tốc"), "{vi}");
    let en = visible_text(&read(&out, &format!("en/{VQ}/targets/jobs.html")));
    assert!(
        en.contains("The target is a band (1,000–1,500 workers) and the plan does not say whether the figure should rise or fall"),
        "{en}"
    );
    let csv = read(&out, "data/targets.csv");
    let row = csv.lines().find(|l| l.contains(",jobs,")).unwrap();
    assert!(row.contains(",not-assessable,"), "{row}");
    // `check` tells the author how to state it.
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("target `jobs` is a range and does not say which way is better")
            && err.contains("better = \"higher\""),
        "{err}"
    );
    // Inside the band it is achieved, whichever way the plan meant.
    edit(
        &content,
        &format!("{VQ}/reports/nam-2023.toml"),
        "target = \"jobs\"\nvalue = \"800\"",
        "target = \"jobs\"\nvalue = \"1.100\"",
    );
    let (_t2, out) = build(&content);
    let vi = visible_text(&read(&out, &format!("{VQ}/targets/jobs.html")));
    assert!(
        vi.contains("Trạng thái ✓ Đã đạt") || vi.contains("Trạng thái Đã đạt"),
        "{vi}"
    );
}
