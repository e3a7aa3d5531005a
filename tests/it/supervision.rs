//! Social supervision on a fixture site: each recommendation's status computed from its dates,
//! the accountability view of an agency (overdue first), the recommendations on project and
//! target pages, the site-wide list, feed entries, downloads, and the errors an author can make.

use crate::rules::rejected;
use crate::{build, copy_fixture, edit, fixture, read, visible_text};
use std::path::Path;

const PLAN: &str = "plans/kh-2024";
const GS: &str = "plans/kh-2024/supervision/gs-2024.toml";

/// What a reader sees of recommendation `id` on a page: its entry, up to the next one.
fn entry(out: &Path, page: &str, id: &str) -> String {
    let html = read(out, page);
    let parts: Vec<&str> = html.split("<li class=\"rec\"").collect();
    let found: Vec<&&str> = parts
        .iter()
        .filter(|p| {
            p.contains(&format!("{} {id}</a>", "Kiến nghị"))
                || p.contains(&format!("Recommendation {id}</a>"))
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{page}: recommendation {id} shown {} times",
        found.len()
    );
    visible_text(&format!("<li{}", found[0]))
}

/// The order in which recommendations are listed on a page.
fn order(out: &Path, page: &str) -> Vec<String> {
    let html = read(out, page);
    html.split("<li class=\"rec\"")
        .skip(1)
        .filter_map(|p| {
            let at = p.find("class=\"rec-id\"")?;
            let text = &p[at..];
            let start = text.find('>')? + 1;
            let end = text.find("</a>")?;
            text[start..end].split(' ').next_back().map(str::to_string)
        })
        .collect()
}

#[test]
fn each_recommendation_has_the_status_its_dates_give() {
    let (_t, out) = build(&fixture("supervision"));
    let page = format!("{PLAN}/supervision.html");
    for (id, vi) in [
        ("kn-dung-han", "Trả lời đúng hạn"),
        ("kn-muon", "Trả lời muộn 15 ngày"),
        ("kn-qua-han", "Quá hạn 60 ngày, chưa trả lời"),
        ("kn-chua-den-han", "Chưa đến hạn trả lời"),
        ("kn-ket-thuc", "Đã kết thúc theo dõi"),
        ("kn-csv", "Trả lời đúng hạn"),
    ] {
        let e = entry(&out, &page, id);
        assert!(e.starts_with(vi), "{id}: {e}");
    }
    let en = format!("en/{page}");
    for (id, text) in [
        ("kn-dung-han", "Answered on time"),
        ("kn-muon", "Answered 15 days late"),
        ("kn-qua-han", "Overdue by 60 days, no answer"),
        ("kn-chua-den-han", "Answer not yet due"),
        ("kn-ket-thuc", "Closed"),
    ] {
        let e = entry(&out, &en, id);
        assert!(e.starts_with(text), "{id}: {e}");
    }
    // The answers in full, with what the agency did and whether it accepted.
    let e = entry(&out, &page, "kn-dung-han");
    assert!(
        e.contains("20/10/2024 · Trả lời của Phòng Dân tộc · Tiếp thu"),
        "{e}"
    );
    assert!(e.contains("Việc đã làm: Niêm yết ngày 18/10"), "{e}");
    let e = entry(&out, &page, "kn-csv");
    assert!(
        e.contains("Trả lời của UBND huyện Thử · Không tiếp thu"),
        "{e}"
    );
    let e = entry(&out, &page, "kn-ket-thuc");
    assert!(
        e.contains("Kết thúc theo dõi ngày 15/01/2025 : Đã lập tổ"),
        "{e}"
    );
    assert!(entry(&out, &page, "kn-qua-han").contains("Chưa có trả lời."));
    // Counted on the plan's page, with a link to the supervision page.
    let plan = visible_text(&read(&out, &format!("{PLAN}.html")));
    assert!(
        plan.contains("2 cuộc giám sát · 6 kiến nghị 1 quá hạn, chưa trả lời 1 chưa đến hạn 1 trả lời muộn 2 trả lời đúng hạn 1 đã kết thúc theo dõi"),
        "{plan}"
    );
    assert!(
        read(&out, &format!("{PLAN}.html")).contains("href=\"../plans/kh-2024/supervision.html\"")
    );
}

#[test]
fn an_agency_page_lists_what_it_must_answer_overdue_first() {
    let (_t, out) = build(&fixture("supervision"));
    let page = "agencies/phong-tai-chinh.html";
    assert_eq!(order(&out, page), ["kn-qua-han", "kn-chua-den-han"]);
    let text = visible_text(&read(&out, page));
    assert!(
        text.contains(
            "Kiến nghị gửi cơ quan này 1 quá hạn, chưa trả lời 1 chưa đến hạn Quá hạn 60 ngày"
        ),
        "{text}"
    );
    assert_eq!(
        order(&out, "agencies/phong-dan-toc.html"),
        ["kn-muon", "kn-dung-han"]
    );
    // The list of agencies says which have recommendations overdue.
    let list = read(&out, "agencies/index.html");
    assert!(
        list.contains("<a class=\"answer answer-overdue\" href=\"../agencies/phong-tai-chinh.html#supervision\">1 quá hạn, chưa trả lời</a>"),
        "{list}"
    );
    assert_eq!(list.matches("answer-overdue").count(), 1, "{list}");
    // Each entry links to its place on the plan's supervision page.
    assert!(read(&out, page).contains("href=\"../plans/kh-2024/supervision.html#rec-kn-qua-han\""));
    // The Front's page lists the supervision it carried out.
    let front = visible_text(&read(&out, "en/agencies/mttq.html"));
    assert!(
        front.contains("Supervision this agency carried out Supervision of Project 1 in 2024 Review of records"),
        "{front}"
    );
    // Two overdue recommendations to one agency: the longer overdue first.
    let (_t, content) = copy_fixture("supervision");
    edit(&content, GS, "project = \"du-an-4-1\"\ndue = \"2024-12-31\"", "project = \"du-an-4-1\"\ndue = \"2024-12-31\"\n\n[[recommendation]]\nid = \"kn-lau-hon\"\nto = \"phong-tai-chinh\"\ntext = \"Cũ hơn\"\ndue = \"2024-10-01\"");
    let (_t2, out) = build(&content);
    assert_eq!(
        order(&out, page),
        ["kn-lau-hon", "kn-qua-han", "kn-chua-den-han"]
    );
}

#[test]
fn project_and_target_pages_show_the_recommendations_about_them() {
    let (_t, out) = build(&fixture("supervision"));
    // A project's page shows its sub-projects' too.
    let mut p4 = order(&out, &format!("{PLAN}/du-an-4.html"));
    p4.sort();
    assert_eq!(p4, ["kn-csv", "kn-qua-han"]);
    assert_eq!(
        order(&out, &format!("{PLAN}/du-an-4-1.html")),
        ["kn-qua-han"]
    );
    assert_eq!(
        order(&out, &format!("{PLAN}/du-an-1.html")),
        ["kn-dung-han"]
    );
    assert_eq!(
        order(&out, &format!("{PLAN}/targets/nuoc.html")),
        ["kn-chua-den-han", "kn-ket-thuc"]
    );
    let t = visible_text(&read(&out, &format!("en/{PLAN}/targets/nuoc.html")));
    assert!(t.contains("Supervision recommendations about this"), "{t}");
}

#[test]
fn the_site_wide_list_groups_by_status_and_can_be_filtered_in_the_browser() {
    let (_t, out) = build(&fixture("supervision"));
    let html = read(&out, "supervision.html");
    let groups: Vec<usize> = [
        "id=\"status-overdue\"",
        "id=\"status-not-yet-due\"",
        "id=\"status-late\"",
        "id=\"status-on-time\"",
        "id=\"status-closed\"",
    ]
    .iter()
    .map(|g| html.find(g).unwrap_or_else(|| panic!("{g}")))
    .collect();
    assert!(groups.windows(2).all(|w| w[0] < w[1]), "{groups:?}");
    assert_eq!(order(&out, "supervision.html").len(), 6);
    // The counts link to the groups, which work without a server or script.
    assert!(
        html.contains("href=\"#status-overdue\">1 quá hạn, chưa trả lời</a>"),
        "{html}"
    );
    // Every entry carries what the filters match on; the form is shown by the script.
    assert!(html.contains("data-status=\"overdue\" data-plan=\"kh-2024\" data-agency=\"phong-tai-chinh\" data-year=\"2024\""));
    assert!(html.contains("<form class=\"filters\" id=\"rec-filters\" hidden"));
    assert!(html.contains("<option value=\"phong-tai-chinh\">Phòng Tài chính</option>"));
    // Home counts them, the overdue first to the eye.
    let home = visible_text(&read(&out, "index.html"));
    assert!(
        home.contains("6 kiến nghị ( 1 quá hạn, chưa trả lời )"),
        "{home}"
    );
    // The header links to it, the site index too, and search finds each recommendation.
    assert!(read(&out, "index.html").contains("href=\"supervision.html\">Giám sát</a>"));
    let index = read(&out, "site-index.html");
    assert!(index.contains("href=\"supervision.html\""), "{index}");
    assert!(
        index.contains("href=\"plans/kh-2024/supervision.html\""),
        "{index}"
    );
    let search = read(&out, "en/search/0.js");
    assert!(
        search.contains("[\"recommendation\",\"plans/kh-2024/supervision.html#rec-kn-qua-han\",\"Repair the cracked road\",\"Test plan 2024\",\"kn-qua-han · Finance Office\"]"),
        "{search}"
    );
    assert!(search.contains("\"supervision\",\"plans/kh-2024/supervision.html#act-gs-2024\""));
}

#[test]
fn the_feed_has_an_entry_per_recommendation_and_per_answer() {
    let (_t, out) = build(&fixture("supervision"));
    let feed = read(&out, "feed.xml");
    let entries = feed.matches("<entry>").count();
    assert_eq!(entries, 6 + 3, "{feed}");
    assert!(
        feed.contains("<title>Trả lời kiến nghị kn-muon – Kế hoạch thử năm 2024</title>"),
        "{feed}"
    );
    let answer = &feed[feed.find("Trả lời kiến nghị kn-muon").unwrap()..];
    assert!(
        answer.contains("<updated>2024-11-04T00:00:00Z</updated>"),
        "{answer}"
    );
    assert!(
        answer.contains(
            "Phòng Dân tộc, ngày 04/11/2024: Tiếp thu một phần. Sẽ hoàn thành trong quý I"
        ),
        "{answer}"
    );
    assert!(feed.contains("<title>Kiến nghị kn-qua-han – Kế hoạch thử năm 2024</title>"));
    let en = read(&out, "en/feed.xml");
    assert!(
        en.contains("<title>Answer to recommendation kn-csv – Test plan 2024</title>"),
        "{en}"
    );
    assert!(
        en.contains("Sent to Finance Office; answer due 31 Dec 2024.")
            || en.contains("Sent to Finance Office; answer due"),
        "{en}"
    );
}

#[test]
fn supervision_downloads_give_every_row_with_its_status() {
    let (_t, out) = build(&fixture("supervision"));
    let csv = read(&out, "en/data/kh-2024-recommendations.csv");
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 7, "{csv}");
    assert!(rows[0].contains("Status,Days late"), "{}", rows[0]);
    let overdue = rows.iter().find(|r| r.contains("kn-qua-han")).unwrap();
    assert!(overdue.contains(",overdue,60,"), "{overdue}");
    let json = read(&out, "data/recommendations.json");
    assert!(
        json.contains("\"status\": \"late\"") || json.contains("\"status\":\"late\""),
        "{json}"
    );
    let answers = read(&out, "data/kh-2024-responses.csv");
    assert_eq!(answers.lines().count(), 4, "{answers}");
    assert!(read(&out, "data/kh-2024-findings.csv").contains("Danh sách hộ chưa niêm yết"));
    assert!(read(&out, "data/supervision.csv").contains("gs-csv"));
    let package = read(&out, "data/datapackage.json");
    for r in ["supervision", "findings", "recommendations", "responses"] {
        assert!(
            package.contains(&format!("\"{r}.csv\"")) || package.contains(&format!("{r}.csv")),
            "{r}"
        );
    }
    let page = read(&out, &format!("{PLAN}/supervision.html"));
    assert!(
        page.contains("href=\"../../data/kh-2024-recommendations.csv\""),
        "{page}"
    );
}

#[test]
fn illustrative_supervision_is_labelled_wherever_it_is_shown() {
    let (_t, content) = copy_fixture("supervision");
    let (_a, out) = build(&content);
    let label = "Dữ liệu minh họa — không phải số liệu chính thức";
    assert!(!read(&out, "supervision.html").contains(label));
    edit(&content, GS, "title = ", "illustrative = true\ntitle = ");
    let (_b, out) = build(&content);
    for page in [
        "supervision.html".to_string(),
        format!("{PLAN}/supervision.html"),
        format!("{PLAN}.html"),
        format!("{PLAN}/du-an-1.html"),
        "agencies/phong-tai-chinh.html".to_string(),
    ] {
        assert!(read(&out, &page).contains(label), "{page}");
    }
    assert!(read(&out, "feed.xml").contains(&format!("{label} — Gửi Phòng Tài chính")));
}

#[test]
fn a_reply_cannot_predate_its_recommendation() {
    let (_t, content) = copy_fixture("supervision");
    edit(
        &content,
        GS,
        "date = \"2024-11-04\"",
        "date = \"2024-09-01\"",
    );
    rejected(
        &content,
        &[
            "gs-2024.toml:",
            "date = \"2024-09-01\" is before recommendation `kn-muon` was sent (2024-09-20): a reply cannot predate its recommendation",
        ],
    );
    // Also in a CSV table, at its row.
    let (_t, content) = copy_fixture("supervision");
    edit(
        &content,
        "plans/kh-2024/supervision/gs-csv.responses.csv",
        "2024-11-25",
        "2024-10-01",
    );
    rejected(
        &content,
        &["gs-csv.responses.csv:2:", "a reply cannot predate"],
    );
}

#[test]
fn mistakes_in_supervision_are_refused_with_what_to_fix() {
    for (from, to, needles) in [
        (
            "recommendation = \"kn-muon\"",
            "recommendation = \"kn-mon\"",
            vec!["recommendation = \"kn-mon\": the plan's supervision has no recommendation with this id; did you mean `kn-muon`?"],
        ),
        (
            "to = \"phong-tai-chinh\"",
            "to = \"phong-tai-chnh\"",
            vec!["to = \"phong-tai-chnh\": no agency has this id; did you mean `phong-tai-chinh`?"],
        ),
        (
            "due = \"2025-03-20\"",
            "due = \"2025-02-10\"",
            vec!["due = \"2025-02-10\" is before the recommendation was sent (2025-02-20)"],
        ),
        (
            "sent = \"2025-02-20\"",
            "sent = \"2025-04-20\"",
            vec!["sent = \"2025-04-20\" is after the site's as_of (2025-03-01)"],
        ),
        (
            "id = \"kn-muon\"",
            "id = \"kn-dung-han\"",
            vec!["recommendation id `kn-dung-han` is used already"],
        ),
        (
            "project = \"du-an-4-1\"",
            "project = \"du-an-41\"",
            vec!["project \"du-an-41\": the plan has no project or sub-project with this id; did you mean"],
        ),
        (
            "accepted = \"partly\"",
            "accepted = \"maybe\"",
            vec!["gs-2024.toml:", "unknown variant `maybe`"],
        ),
        (
            "closed = \"2025-01-15\"",
            "closed = \"2024-09-01\"",
            vec!["closed = \"2024-09-01\" is before the recommendation was sent"],
        ),
    ] {
        let (_t, content) = copy_fixture("supervision");
        edit(&content, GS, from, to);
        rejected(&content, &needles);
    }
    // An answer to a recommendation that has a problem of its own is not an answer to nothing.
    let (_t, content) = copy_fixture("supervision");
    edit(
        &content,
        GS,
        "due = \"2024-10-20\"\n\n[[recommendation]]\nid = \"kn-qua-han\"",
        "due = \"20/10/2024\"\n\n[[recommendation]]\nid = \"kn-qua-han\"",
    );
    let err = rejected(
        &content,
        &["due = \"20/10/2024\" is not a date: write \"YYYY-MM-DD\""],
    );
    assert!(!err.contains("no recommendation with this id"), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    // The same when the recommendation is a CSV row that could not be read, or a TOML entry
    // set aside for a bad value: one error, no answer "to nothing" pointed elsewhere.
    let (_t, content) = copy_fixture("supervision");
    std::fs::write(
        sup_file(&content, "gs-csv.recommendations.csv"),
        "id,to,text_en,project,due\nkn-csv,ubnd,Report disbursement,du-an-4,2024-11-30\n",
    )
    .unwrap();
    let err = rejected(&content, &["gs-csv.recommendations.csv:2:"]);
    assert!(!err.contains("no recommendation with this id"), "{err}");
    let (_t, content) = copy_fixture("supervision");
    edit(
        &content,
        GS,
        "id = \"kn-muon\"\nto = \"phong-dan-toc\"\n",
        "id = \"kn-muon\"\n",
    );
    let err = rejected(&content, &["gs-2024.toml:", "missing field `to`"]);
    assert!(!err.contains("no recommendation with this id"), "{err}");
    // The statuses need the day the site is current to.
    let (_t, content) = copy_fixture("supervision");
    edit(&content, "site.toml", "as_of = \"2025-03-01\"\n", "");
    rejected(
        &content,
        &[
            "site.toml",
            "has supervision recommendations, so the site needs `as_of",
        ],
    );
    // A table in both places.
    let (_t, content) = copy_fixture("supervision");
    std::fs::copy(
        content.join("plans/kh-2024/supervision/gs-csv.recommendations.csv"),
        content.join("plans/kh-2024/supervision/gs-2024.recommendations.csv"),
    )
    .unwrap();
    rejected(&content, &["gs-2024.recommendations.csv: supervision activity `gs-2024` has [[recommendation]] entries in its .toml file and this table too"]);
    // A table without its activity.
    let (_t, content) = copy_fixture("supervision");
    std::fs::rename(
        content.join("plans/kh-2024/supervision/gs-csv.toml"),
        content.join("plans/kh-2024/supervision/gs-khac.toml"),
    )
    .unwrap();
    rejected(
        &content,
        &[
            "gs-csv.recommendations.csv",
            "there is no gs-csv.toml beside it",
        ],
    );
}

#[test]
fn the_supervision_template_in_the_docs_is_valid_input() {
    let template = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/templates/supervision.toml"),
    )
    .unwrap();
    let (_t, content) = copy_fixture("supervision");
    // The template names the docs' example ids; give it this fixture's.
    let text = template
        .replace("dai-tu-ubmttq", "mttq")
        .replace("dai-tu-phong-dan-toc", "phong-dan-toc");
    std::fs::write(content.join("plans/kh-2024/supervision/mau.toml"), text).unwrap();
    edit(
        &content,
        "plans/kh-2024/plan.toml",
        "from = 2024",
        "from = 2023",
    );
    let (_b, out) = build(&content);
    let e = entry(&out, &format!("{PLAN}/supervision.html"), "kn-2023-01");
    assert!(e.starts_with("Trả lời đúng hạn"), "{e}");
}

#[test]
fn what_an_official_writes_in_a_spreadsheet_or_by_hand_is_read_or_explained() {
    // Vietnamese words for accepted, the empty columns Excel leaves, `;` between cells.
    let (_t, content) = copy_fixture("supervision");
    let sup = content.join("plans/kh-2024/supervision");
    std::fs::write(
        sup.join("gs-csv.responses.csv"),
        "\u{feff}recommendation;date;text_vi;accepted;;\r\nkn-csv;2024-11-25;Tiếp thu một phần;một phần;;\r\n",
    )
    .unwrap();
    let (_b, out) = build(&content);
    let e = entry(&out, &format!("{PLAN}/supervision.html"), "kn-csv");
    assert!(
        e.contains("Trả lời của UBND huyện Thử · Tiếp thu một phần"),
        "{e}"
    );
    // A date without quotes is a TOML date: say to quote it, once, at its line.
    let (_t, content) = copy_fixture("supervision");
    edit(&content, GS, "due = \"2024-12-31\"", "due = 2024-12-31");
    let err = rejected(
        &content,
        &[
            "gs-2024.toml:",
            "a date is written in quotes: \"2024-12-31\"",
        ],
    );
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    // A recommendation id used twice: the first place is named; its answers are not checked
    // against the other one's dates.
    let (_t, content) = copy_fixture("supervision");
    std::fs::write(
        sup_file(&content, "gs-csv.recommendations.csv"),
        "id,to,text_vi,project,due\nkn-csv,ubnd,Báo cáo giải ngân,du-an-4,2024-11-30\nkn-muon,ubnd,Trùng,du-an-4,2024-11-30\n",
    )
    .unwrap();
    let err = rejected(
        &content,
        &["recommendation id `kn-muon` is used already, at "],
    );
    assert!(err.contains("gs-2024.toml:24"), "{err}");
    assert!(!err.contains("predate"), "{err}");
}

#[test]
fn two_answers_of_one_day_are_two_feed_entries_and_an_answer_after_closing_is_a_warning() {
    let (_t, content) = copy_fixture("supervision");
    edit(
        &content,
        GS,
        "[[response]]\nrecommendation = \"kn-muon\"",
        "[[response]]\nrecommendation = \"kn-muon\"\ndate = \"2024-11-04\"\nby = \"ubnd\"\ntext = \"Huyện chỉ đạo\"\naccepted = \"yes\"\n\n[[response]]\nrecommendation = \"kn-muon\"",
    );
    edit(
        &content,
        GS,
        "closed_note = { vi = \"Đã lập tổ\", en = \"The team is set up\" }",
        "closed_note = { vi = \"Đã lập tổ\", en = \"The team is set up\" }\n\n[[response]]\nrecommendation = \"kn-ket-thuc\"\ndate = \"2025-02-01\"\ntext = \"Muộn\"\naccepted = \"yes\"",
    );
    let (code, _, err) = crate::run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "date = \"2025-02-01\" is after recommendation `kn-ket-thuc` was closed (2025-01-15)"
        ),
        "{err}"
    );
    let (_b, out) = build(&content);
    let feed = read(&out, "feed.xml");
    let ids: Vec<&str> = feed
        .split("<id>")
        .skip(1)
        .map(|s| &s[..s.find("</id>").unwrap()])
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(
        ids.iter()
            .any(|i| i.ends_with("#rec-kn-muon-answer-2024-11-04-2")),
        "{ids:?}"
    );
}

fn sup_file(content: &Path, name: &str) -> std::path::PathBuf {
    content.join("plans/kh-2024/supervision").join(name)
}
