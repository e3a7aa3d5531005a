//! The bundled example site: the five real plans build, every figure the issue names reads
//! exactly, every agency duty is on that agency's page in both languages, English coverage of
//! structured fields is complete, and every internal link resolves.

use crate::{read, visible_text};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// Builds the bundled site once for all tests in this module.
fn site() -> &'static (PathBuf, minhbach::Report) {
    static SITE: OnceLock<(PathBuf, minhbach::Report)> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bundled-site");
        // A folder left by an older test run may predate the output marker.
        let _ = std::fs::remove_dir_all(&out);
        let opts = minhbach::BuildOptions {
            content: content(),
            theme: Some(crate::theme()),
            output: out.clone(),
            base_url: None,
            force: false,
            strict: false,
        };
        let report =
            minhbach::build(&opts).unwrap_or_else(|e| panic!("bundled site does not build: {e:#}"));
        (out, report)
    })
}

/// Visible text of every page of a plan (plan page, project pages) in one language.
fn plan_text(out: &Path, lang_prefix: &str, plan: &str) -> String {
    let mut text = visible_text(&read(out, &format!("{lang_prefix}plans/{plan}.html")));
    let dir = out.join(format!("{lang_prefix}plans/{plan}"));
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            continue;
        }
        text.push(' ');
        text.push_str(&visible_text(&std::fs::read_to_string(p).unwrap()));
    }
    text
}

#[test]
fn bundled_site_has_all_five_plans_in_both_languages() {
    let (out, report) = site();
    assert_eq!(report.plans, 5);
    for plan in [
        "ngoc-hoi-2022",
        "cau-ngang-2022",
        "van-quan-2021-2025",
        "thai-nguyen-2021-2025",
        "dai-tu-2022",
    ] {
        for prefix in ["", "en/"] {
            assert!(
                out.join(format!("{prefix}plans/{plan}.html")).is_file(),
                "{prefix}{plan}"
            );
            assert!(
                out.join(format!("{prefix}plans/{plan}/document.html"))
                    .is_file(),
                "{prefix}{plan} document"
            );
        }
    }
}

#[test]
fn english_coverage_of_structured_fields_is_complete() {
    let (_, report) = site();
    let c = report.coverage;
    assert_eq!(
        c.structured_english,
        c.structured_total,
        "untranslated structured texts: {}",
        c.structured_total - c.structured_english
    );
    assert!(
        report
            .to_string()
            .contains("en: 100.0% of structured texts"),
        "{report}"
    );
}

#[test]
fn every_internal_link_of_the_bundled_site_resolves() {
    let (out, _) = site();
    let broken = crate::links::broken_links(out);
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn van_quan_shows_programme_total_and_each_project_total_as_printed() {
    let (out, _) = site();
    let vi = plan_text(out, "", "van-quan-2021-2025");
    assert!(vi.contains("272.797 triệu đồng"), "programme total missing");
    for total in [
        "46.897", "29.591", "137.729", "47.700", "2.844", "4.199", "2.510", "304", "1.023",
    ] {
        assert!(
            vi.contains(&format!("{total} triệu đồng")),
            "project total {total} missing"
        );
    }
    // The document's central-budget investment figure does not equal its parts: both shown.
    assert!(vi.contains("196.832 triệu đồng"));
    assert!(
        vi.contains("Không khớp: tổng các dòng là 196.823 triệu đồng"),
        "mismatch not flagged"
    );
    let en = plan_text(out, "en/", "van-quan-2021-2025");
    assert!(en.contains("VND 272,797 million"));
    // No number or date printed.
    assert!(
        visible_text(&read(out, "plans/van-quan-2021-2025.html")).contains("Số văn bản không ghi")
    );
}

#[test]
fn dai_tu_shows_total_and_each_projects_central_local_split() {
    let (out, _) = site();
    let vi = plan_text(out, "", "dai-tu-2022");
    assert!(vi.contains("17.860,0 triệu đồng"));
    for (central, local) in [
        ("5.111,0", "447,0"),
        ("9.377,0", "520,0"),
        ("962,0", "58,0"),
        ("220,0", "33,0"),
        ("291,0", "44,0"),
        ("383,0", "57,0"),
        ("46,0", "7,0"),
        ("238,0", "36,0"),
        ("26,0", "4,0"),
    ] {
        assert!(
            vi.contains(&format!("{central} triệu đồng")),
            "central {central} missing"
        );
        assert!(
            vi.contains(&format!("{local} triệu đồng")),
            "local {local} missing"
        );
    }
    for printed in [
        "16.654,0", "12.924,0", "3.730,0", "1.206,0", "647,0", "559,0",
    ] {
        assert!(
            vi.contains(&format!("{printed} triệu đồng")),
            "printed total {printed} missing"
        );
    }
    let en = visible_text(&read(out, "en/plans/dai-tu-2022.html"));
    assert!(en.contains("VND 17,860.0 million"));
    assert!(en.contains("227/KH-UBND") && en.contains("11 Oct 2022"));
}

#[test]
fn ngoc_hoi_shows_blank_number_and_target_shapes() {
    let (out, _) = site();
    let vi = visible_text(&read(out, "plans/ngoc-hoi-2022.html"));
    assert!(vi.contains("Số văn bản không ghi"));
    assert!(
        vi.contains("2 lần mức năm 2020"),
        "multiple of a baseline missing"
    );
    assert!(vi.contains("6–8%/năm"), "Đăk Ang sub-target missing");
    assert!(
        vi.contains("1/2"),
        "ratio to the provincial average missing"
    );
    assert!(vi.contains("Tầm nhìn đến năm 2045"));
}

#[test]
fn cau_ngang_shows_ranges_as_printed() {
    let (out, _) = site();
    let vi = visible_text(&read(out, "plans/cau-ngang-2022.html"));
    assert!(vi.contains("20/KH-UBND") && vi.contains("21/02/2022"));
    assert!(vi.contains("giảm 3–4%/năm"), "{vi}");
    assert!(vi.contains("1.000–1.500"));
}

#[test]
fn thai_nguyen_appendix_assigns_lead_agencies_to_targets() {
    let (out, _) = site();
    let site = minhbach::load_site(&content()).unwrap().site;
    let plan = site
        .plans
        .iter()
        .find(|p| p.id == "thai-nguyen-2021-2025")
        .unwrap();
    let led: Vec<_> = plan.targets.iter().filter(|t| !t.lead.is_empty()).collect();
    assert!(
        led.len() >= 10,
        "only {} targets have a lead agency",
        led.len()
    );
    for t in led {
        for lead in &t.lead {
            let page = visible_text(&read(out, &format!("agencies/{lead}.html")));
            assert!(
                page.contains("Chủ trì chỉ tiêu"),
                "{lead} page does not list the targets it leads"
            );
        }
    }
}

#[test]
fn every_agency_duty_appears_on_its_agency_page_in_both_languages() {
    let (out, _) = site();
    let site = minhbach::load_site(&content()).unwrap().site;
    let mut checked = 0;
    for plan in &site.plans {
        for duty in &plan.duties {
            let vi = visible_text(&read(out, &format!("agencies/{}.html", duty.agency)));
            let en = visible_text(&read(out, &format!("en/agencies/{}.html", duty.agency)));
            for task in &duty.tasks {
                let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    vi.contains(&fold(&task.vi)),
                    "{}: duty missing on the Vietnamese page: {}",
                    duty.agency,
                    task.vi
                );
                let en_text = task.en.as_deref().unwrap_or(&task.vi);
                assert!(
                    en.contains(&fold(en_text)),
                    "{}: duty missing on the English page: {en_text}",
                    duty.agency
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} duties checked");
}

#[test]
fn requested_bodies_are_marked_apart_from_assigned_ones() {
    let (out, _) = site();
    let site = minhbach::load_site(&content()).unwrap().site;
    let front = site
        .agencies
        .iter()
        .filter(|a| a.kind == minhbach::model::AgencyKind::Front)
        .count();
    assert!(
        front >= 5,
        "expected a Fatherland Front committee per plan, found {front}"
    );
    for plan in &site.plans {
        let requested: Vec<_> = plan
            .duties
            .iter()
            .filter(|d| d.relation == minhbach::model::Relation::Requested)
            .collect();
        assert!(!requested.is_empty(), "{} has no requested body", plan.id);
        let page = visible_text(&read(
            out,
            &format!("en/agencies/{}.html", requested[0].agency),
        ));
        assert!(
            page.contains("Requested (supervision, cooperation)"),
            "{}",
            requested[0].agency
        );
    }
}

#[test]
fn agency_index_groups_each_province_with_its_districts_and_one_entry_per_central_body() {
    let (out, _) = site();
    let html = read(out, "agencies/index.html");
    let headings: Vec<&str> = html
        .match_indices("<h2 id=\"area-")
        .map(|(i, _)| {
            let rest = &html[i..];
            let start = rest.find('>').unwrap() + 1;
            &rest[start..rest.find("</h2>").unwrap()]
        })
        .collect();
    // Central bodies first, each province followed by its districts, headings capitalised.
    let pos = |h: &str| {
        headings
            .iter()
            .position(|x| *x == h)
            .unwrap_or_else(|| panic!("{h}: {headings:?}"))
    };
    assert_eq!(headings[0], "Trung ương", "{headings:?}");
    assert_eq!(
        pos("Huyện Đại Từ, tỉnh Thái Nguyên"),
        pos("Tỉnh Thái Nguyên") + 1
    );
    assert_eq!(
        pos("Huyện Văn Quan, tỉnh Lạng Sơn"),
        pos("Tỉnh Lạng Sơn") + 1
    );
    assert_eq!(*headings.last().unwrap(), "Khác");
    // The Government is one agency, not one per plan.
    assert_eq!(html.matches(">Chính phủ</a>").count(), 1, "{html}");
}
