//! Readers first: every page answers how much, for what, who, and how do I know. Tested on the
//! built bundled site and on fixtures, as a reader sees the pages (visible text, links).

use crate::{build, copy_fixture, edit, fixture, read, visible_text};
use std::path::Path;

fn bundled() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// The part of a page between two markers, as visible text.
fn between(html: &str, from: &str, to: &str) -> String {
    let a = html.find(from).unwrap_or_else(|| panic!("no {from}"));
    let b = html[a..].find(to).map_or(html.len(), |b| a + b);
    visible_text(&html[a..b])
}

#[test]
fn a_plan_page_opens_with_its_summary_before_the_long_sections() {
    let (_t, out) = build(&bundled());
    let html = read(&out, "plans/van-quan-2021-2025.html");
    let summary = between(&html, "<section class=\"summary\"", "</section>");
    for want in [
        "Tổng vốn 272.797 triệu đồng (≈ 272,8 tỷ đồng) Vốn dự kiến cả giai đoạn 2021–2025 (số tổng in trong văn bản)",
        "Theo nguồn vốn (tổng các dòng) Ngân sách trung ương: 261.396 triệu đồng (≈ 261,4 tỷ đồng) 95,8% ⚠ Ngân sách trung ương · vốn đầu tư phát triển: số in trong văn bản 196.832 triệu đồng, tổng các dòng 196.823 triệu đồng (chênh lệch +9 triệu đồng) Ngân sách địa phương: 11.401 triệu đồng (≈ 11,4 tỷ đồng) 4,2%",
        "Dự án thành phần 10 (12 tiểu dự án)",
        "Cơ quan đầu mối Phòng Lao động, Thương binh, Xã hội - Dân tộc huyện Văn Quan",
        "Chỉ tiêu 38",
        "Số tổng in trong văn bản không khớp với các dòng cộng lại: 1",
        "Chưa có địa chỉ công bố chính thức của văn bản.",
        "Số liệu cập nhật ngày 01/12/2026",
    ] {
        assert!(summary.contains(want), "summary lacks {want:?}:\n{summary}");
    }
    // Before the targets, the budget and the duties; after the title.
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("no {s}"));
    let s = at("<section class=\"summary\"");
    assert!(at("<h1>") < s);
    for later in [
        "id=\"targets\"",
        "id=\"budget\"",
        "id=\"duties\"",
        "class=\"toc\"",
    ] {
        assert!(s < at(later), "{later} comes before the summary");
    }
    let en = between(
        &read(&out, "en/plans/dai-tu-2022.html"),
        "<section class=\"summary\"",
        "</section>",
    );
    assert!(
        en.contains(
            "Total funding VND 17,860.0 million (≈ VND 17.9 billion) Allocated funding, 2022"
        ),
        "{en}"
    );
}

#[test]
fn the_headline_is_chosen_by_rule_and_names_its_phase_and_year() {
    let (_tmp, content) = copy_fixture("basic");
    // Two years of allocations, listed latest first, and a printed total for one year only.
    let plan = "plans/van-quan-2021-2025/projects.toml";
    let text = std::fs::read_to_string(content.join(plan)).unwrap();
    std::fs::write(
        content.join(plan),
        text.replace(
            "[[project]]\nid = \"du-an-4\"",
            "[[project.budget]]\namount = \"2.400\"\nsource = \"central\"\nphase = \"allocated\"\nyear = 2024\n\n\
             [[project.budget]]\namount = \"1.000\"\nsource = \"central\"\nphase = \"allocated\"\nyear = 2023\n\n\
             [[project]]\nid = \"du-an-4\"",
        ),
    )
    .unwrap();
    let (_t, out) = build(&content);
    let html = read(&out, "plans/van-quan-2021-2025.html");
    let page = visible_text(&html);
    // One table per phase and year, each captioned; 2023 and 2024 are never added together.
    for caption in [
        "Vốn dự kiến cả giai đoạn 2021–2025 (Đơn vị: triệu đồng)",
        "Vốn được giao năm 2023 (Đơn vị: triệu đồng)",
        "Vốn được giao năm 2024 (Đơn vị: triệu đồng)",
    ] {
        assert!(page.contains(caption), "no table {caption:?}:\n{page}");
    }
    assert!(!page.contains("3.400"), "2023 and 2024 were summed: {page}");
    // The headline stays the whole period's, whatever order the lines come in.
    let summary = between(&html, "<section class=\"summary\"", "</section>");
    assert!(
        summary.contains("200.623 triệu đồng (≈ 200,6 tỷ đồng) Vốn dự kiến cả giai đoạn 2021–2025"),
        "{summary}"
    );
    // The funding-mix chart has one bar per phase and year, in its description.
    assert!(html.contains("Vốn được giao năm 2023: 1.000"), "{html}");
    assert!(html.contains("Vốn được giao năm 2024: 2.400"), "{html}");
}

#[test]
fn charts_and_tables_name_projects_by_title_and_sort_by_amount() {
    let (_t, out) = build(&bundled());
    let html = read(&out, "plans/dai-tu-2022.html");
    let budget = between(&html, "<section id=\"budget\"", "</section>");
    // The chart's description lists projects largest first, by code and title.
    let a = budget
        .find("Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu")
        .unwrap();
    let b = budget
        .find("Dự án 1: Giải quyết tình trạng thiếu đất ở")
        .unwrap();
    assert!(a < b, "not sorted by amount: {budget}");
    // Table rows carry the title too, shortened at a word.
    assert!(
        html.contains(">Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu, phục vụ sản xuất…</a></th>"),
        "{budget}"
    );
    // Every chart has a title and a description.
    for svg in html.split("<svg").skip(1) {
        let head = &svg[..svg.find("</desc>").expect("a chart without <desc>")];
        assert!(head.contains("<title>"), "a chart without <title>");
    }
    // The component-project list shows each project's amount and lead.
    let projects = between(&html, "<section id=\"projects\"", "</section>");
    assert!(
        projects
            .contains("5.558,0 triệu đồng (≈ 5,6 tỷ đồng) · Chủ trì: Phòng Dân tộc huyện Đại Từ"),
        "{projects}"
    );
}

#[test]
fn what_is_missing_is_said_not_left_out() {
    let (_t, out) = build(&bundled());
    // A plan whose document gives no figures: its summary, its funding section, its home card.
    let html = read(&out, "plans/ngoc-hoi-2022.html");
    assert!(between(&html, "<section class=\"summary\"", "</section>")
        .contains("Tổng vốn Văn bản không nêu số liệu kinh phí."));
    assert!(between(&html, "<section id=\"budget\"", "</section>")
        .contains("Văn bản không nêu số liệu kinh phí."));
    let home = visible_text(&read(&out, "index.html"));
    assert!(
        home.contains("Ngọc Hồi 2022 Kế hoạch · 2021–2030 Văn bản không nêu số liệu kinh phí."),
        "{home}"
    );
    // A project with no named lead, on the plan page and on its own page.
    let vq = read(&out, "plans/van-quan-2021-2025.html");
    assert!(between(&vq, "<section id=\"projects\"", "</section>")
        .contains("Văn bản không nêu cơ quan chủ trì."));
    // A project without a figure of the plan's headline phase and period says which one it lacks.
    assert!(visible_text(&vq).contains(
        "ổn định dân cư ở những nơi cần thiết không nêu số vốn (Vốn dự kiến cả giai đoạn 2021–2025)"
    ));
    let p = visible_text(&read(&out, "plans/van-quan-2021-2025/du-an-6.html"));
    assert!(
        p.contains("Chủ trì Văn bản không nêu cơ quan chủ trì."),
        "{p}"
    );
    // Leads named per sub-project are pointed to, not called missing.
    let p4 = visible_text(&read(&out, "plans/dai-tu-2022/du-an-4.html"));
    assert!(
        p4.contains("Chủ trì theo từng tiểu dự án (xem dưới)"),
        "{p4}"
    );
    assert!(
        p4.contains("Chủ trì: Phòng Tài chính - Kế hoạch huyện Đại Từ"),
        "{p4}"
    );
}

#[test]
fn a_project_page_opens_with_its_amount_leads_and_sub_projects() {
    let (_t, out) = build(&bundled());
    let html = read(&out, "plans/dai-tu-2022/du-an-5.html");
    let summary = between(&html, "<section class=\"summary\"", "</section>");
    assert!(
        summary.contains("Tổng vốn 1.273,0 triệu đồng (≈ 1,3 tỷ đồng) Vốn được giao năm 2022"),
        "{summary}"
    );
    assert!(
        summary.contains("Tiểu dự án 1: Đổi mới hoạt động, củng cố phát triển các trường phổ…"),
        "{summary}"
    );
    assert!(summary.contains("1.020,0 triệu đồng"), "{summary}");
    assert!(
        summary.contains("Tiểu dự án 3: Dự án phát triển giáo dục nghề nghiệp và giải quyết…"),
        "{summary}"
    );
    assert!(summary.contains("253,0 triệu đồng"), "{summary}");
    assert!(html.find("class=\"summary\"").unwrap() < html.find("id=\"budget\"").unwrap());
}

#[test]
fn the_home_page_compares_the_plans_money_with_phase_and_year() {
    let (_t, out) = build(&bundled());
    let html = read(&out, "index.html");
    let compare = between(&html, "<section id=\"compare\"", "</section>");
    assert!(
        compare.contains("Văn Quan 2021–2025 272.797 triệu đồng ≈ 272,8 tỷ đồng Vốn dự kiến cả giai đoạn 2021–2025"),
        "{compare}"
    );
    assert!(
        compare.contains("Đại Từ 2022 17.860,0 triệu đồng ≈ 17,9 tỷ đồng Vốn được giao năm 2022"),
        "{compare}"
    );
    assert!(
        compare.contains("Cầu Ngang 2022 – Văn bản không nêu số liệu kinh phí."),
        "{compare}"
    );
    // The chart beside it, largest first.
    let chart = &html[html.find("<section id=\"compare\"").unwrap()..];
    let a = chart.find("Văn Quan 2021–2025 (Vốn dự kiến").unwrap();
    let b = chart.find("Đại Từ 2022 (Vốn được giao").unwrap();
    assert!(a < b);
    // Cards lead with the district's short title, the money next.
    let cards = between(&html, "<ul class=\"cards\"", "</ul>");
    assert!(
        cards.contains("Đại Từ 2022 Kế hoạch · 2022 17.860,0 triệu đồng (≈ 17,9 tỷ đồng) Vốn được giao năm 2022"),
        "{cards}"
    );
}

#[test]
fn sources_licence_and_report_channel_are_on_every_page() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        "site.toml",
        "publisher =",
        "report_error = \"mailto:loi@example.org\"\nlicence = { name = \"CC BY 4.0\", url = \"https://creativecommons.org/licenses/by/4.0/\" }\npublisher =",
    );
    edit(
        &content,
        "plans/dai-tu-2022/plan.toml",
        "issuer =",
        "source_url = \"https://daitu.thainguyen.gov.vn/ke-hoach-227\"\nupdated = \"2026-11-02\"\nissuer =",
    );
    let (_t, out) = build(&content);
    let plan = read(&out, "plans/dai-tu-2022.html");
    assert!(plan.contains("<a href=\"https://daitu.thainguyen.gov.vn/ke-hoach-227\">"));
    assert!(visible_text(&plan).contains("Số liệu cập nhật ngày 02/11/2026"));
    // The internal file name is not shown to readers.
    assert!(!visible_text(&plan).contains("Nguồn dữ liệu:"), "{plan}");
    for (path, html) in crate::inject::pages(&out) {
        if path.ends_with("404.html") {
            continue;
        }
        assert!(html.contains("rel=\"license\">CC BY 4.0</a>"), "{path}");
        assert!(
            html.contains("class=\"report-error\" href=\"mailto:loi@example.org?subject="),
            "{path}"
        );
    }
    // The e-mail is pre-filled with the page's address and the item.
    let target = read(&out, "plans/van-quan-2021-2025/targets/poverty.html");
    let href = target
        .split("class=\"report-error\" href=\"")
        .nth(1)
        .unwrap();
    let href = &href[..href.find('"').unwrap()];
    assert!(
        href.contains("plans%2Fvan-quan-2021-2025%2Ftargets%2Fpoverty.html"),
        "{href}"
    );
    assert!(href.contains("%5Bpoverty%5D"), "{href}");
    // A channel that is neither an address nor a web form is refused with the fix.
    let (_tmp2, bad) = copy_fixture("basic");
    edit(
        &bad,
        "site.toml",
        "publisher =",
        "report_error = \"loi@example.org\"\npublisher =",
    );
    let (code, _, err) = crate::run(&["check", "--content", bad.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("site.toml:") && err.contains("mailto:name@example.gov.vn"),
        "{err}"
    );
}

#[test]
fn glossary_data_notes_and_accessibility_pages_exist_in_both_languages() {
    let (_t, out) = build(&bundled());
    let g = read(&out, "glossary.html");
    for id in [
        "von-su-nghiep",
        "von-dau-tu-phat-trien",
        "xa-khu-vuc",
        "dtts",
    ] {
        assert!(
            g.contains(&format!("<div id=\"{id}\">")),
            "glossary lacks {id}"
        );
    }
    assert!(
        visible_text(&read(&out, "en/glossary.html")).contains("Recurrent capital (Vốn sự nghiệp)")
    );
    // Terms link to it where they appear, once per page.
    let vq = read(&out, "plans/van-quan-2021-2025.html");
    assert_eq!(vq.matches("glossary.html#dtts\"").count(), 1);
    assert!(
        vq.contains("href=\"../glossary.html#von-su-nghiep\">vốn sự nghiệp</a>"),
        "column headers link the capital types"
    );
    // Data notes: where the documents contradict themselves, and every total that disagrees.
    let notes = visible_text(&read(&out, "data-notes.html"));
    assert!(
        notes.contains("mục II.2 in \"trên 99,8%\", còn mục IV.4.1 (Dự án 4) in \"99,7%\""),
        "{notes}"
    );
    assert!(notes.contains("\"tăng trên 02 lần\""), "{notes}");
    assert!(
        notes.contains("196.832 triệu đồng 196.823 triệu đồng +9 triệu đồng"),
        "{notes}"
    );
    // ... and beside the item.
    assert!(visible_text(&vq).contains("Ghi chú số liệu: Văn bản tự mâu thuẫn: mục II.2"));
    assert!(visible_text(&read(&out, "en/accessibility.html")).contains("WCAG 2.1 level AA"));
}

#[test]
fn every_page_has_its_own_description_and_a_link_preview() {
    let (_t, out) = build(&bundled());
    let mut seen = std::collections::HashMap::new();
    for (path, html) in crate::inject::pages(&out) {
        let d = html
            .split("<meta name=\"description\" content=\"")
            .nth(1)
            .map(|d| d[..d.find('"').unwrap()].to_string())
            .unwrap_or_else(|| panic!("{path} has no description"));
        assert!(html.contains("<meta property=\"og:title\""), "{path}");
        assert!(html.contains("rel=\"icon\""), "{path}");
        if path.contains("/plans/") && !path.ends_with("document.html") {
            if let Some(first) = seen.insert(d.clone(), path.clone()) {
                panic!("{path} and {first} share the description {d:?}");
            }
        }
    }
    let vq = read(&out, "plans/van-quan-2021-2025.html");
    assert!(vq.contains("content=\"Văn Quan 2021–2025: 272.797 triệu đồng (Vốn dự kiến cả giai đoạn 2021–2025); 10 dự án thành phần, 38 chỉ tiêu."));
}

#[test]
fn the_404_page_works_from_any_depth_without_a_base_url() {
    let (_t, out) = build(&fixture("basic"));
    let html = read(&out, "404.html");
    // No relative link: each is root-relative, and the script finds the site's folder.
    for href in html
        .split("href=\"")
        .skip(1)
        .map(|h| &h[..h.find('"').unwrap()])
    {
        assert!(
            href.starts_with('/')
                || href.starts_with('#')
                || href.starts_with("mailto:")
                || href.starts_with("data:"),
            "{href}"
        );
    }
    // Its style is inline, so it shows styled at any depth.
    assert!(html.contains("<style>") && html.contains(".site-header"));
    assert!(!html.contains("rel=\"stylesheet\""));
}

#[test]
fn chart_text_is_legible_on_a_phone_and_fills_stand_out() {
    let (_t, out) = build(&bundled());
    for page in [
        "index.html",
        "plans/van-quan-2021-2025.html",
        "plans/dai-tu-2022.html",
        "plans/van-quan-2021-2025/targets/dien.html",
        "plans/cau-ngang-2022/targets/new-jobs.html",
        "plans/dai-tu-2022/du-an-1.html",
    ] {
        let html = read(&out, page);
        for svg in html.split("<svg").skip(1) {
            let svg = &svg[..svg.find("</svg>").unwrap()];
            // Drawn 400 units wide and shown about 328 px wide on a 360 px phone.
            for size in svg.split("font-size=\"").skip(1) {
                let px: f64 = size[..size.find('"').unwrap()].parse().unwrap();
                assert!(
                    px * 328.0 / 400.0 >= 12.0,
                    "{page}: chart text of {px} units"
                );
            }
            // Full-opacity fills (pale areas, such as a target's band, carry edges drawn at
            // full contrast instead).
            for fill in svg.split("opacity=\"1\" fill=\"#").skip(1) {
                let hex = &fill[..6];
                let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
                let contrast = minhbach::render::chart::contrast_on_white(c(0), c(2), c(4));
                // White and near-white are the background and the separators.
                if contrast > 1.1 {
                    assert!(
                        contrast >= 3.0,
                        "{page}: fill #{hex} is {contrast:.2}:1 on white"
                    );
                }
            }
        }
    }
}

#[test]
fn printed_pages_are_a4_with_the_total_once_and_the_address() {
    let css = std::fs::read_to_string(crate::theme().join("static/style.css")).unwrap();
    let print = &css[css.find("@media print").unwrap()..];
    assert!(print.contains("@page { size: A4"));
    assert!(print.contains("tfoot { display: table-row-group; }"));
    assert!(print.contains("break-after: avoid"));
    let (_t, out) = build(&fixture("basic"));
    assert!(visible_text(&read(&out, "plans/dai-tu-2022.html"))
        .contains("In từ plans/dai-tu-2022.html"));
}

#[test]
fn an_agency_page_shows_how_much_each_project_it_leads_has() {
    let (_t, out) = build(&bundled());
    let a = visible_text(&read(&out, "agencies/dai-tu-phong-dan-toc.html"));
    assert!(
        a.contains("nước sinh hoạt 5.558,0 triệu đồng (≈ 5,6 tỷ đồng) (Vốn được giao năm 2022)"),
        "{a}"
    );
}

#[test]
fn the_focus_ring_stands_out_from_the_page() {
    let css = std::fs::read_to_string(crate::theme().join("static/style.css")).unwrap();
    let rule = css
        .lines()
        .find(|l| l.starts_with(":focus-visible"))
        .expect("no focus rule");
    assert!(rule.contains("outline: 3px solid var(--ink)"), "{rule}");
    let ink = css.split("--ink: #").nth(1).unwrap();
    let c = |i: usize| u8::from_str_radix(&ink[i..i + 2], 16).unwrap();
    let contrast = minhbach::render::chart::contrast_on_white(c(0), c(2), c(4));
    assert!(contrast >= 3.0, "focus ring {contrast:.2}:1 on white");
}

#[test]
fn a_site_of_many_plans_lists_them_page_by_page_and_keeps_home_short() {
    let (_t, content) = crate::copy_fixture("progress");
    let plan = content.join("plans/van-quan-2021-2025");
    for n in 0..60 {
        crate::copy_dir(&plan, &content.join(format!("plans/ban-sao-{n:02}")));
    }
    // The newest plan of all: home names it first.
    crate::edit(
        &content,
        "plans/ban-sao-42/plan.toml",
        "kind = \"plan\"",
        "kind = \"plan\"\ndate = \"2024-05-06\"",
    );
    let (_o, out) = crate::build(&content);
    let home = crate::read(&out, "index.html");
    assert_eq!(
        home.matches("<li class=\"card\">").count(),
        12,
        "home shows the 12 newest"
    );
    assert!(home.contains("Xem tất cả 62 kế hoạch"));
    assert!(home.contains("href=\"plans/index.html\""));
    let first_card = home.split("<li class=\"card\">").nth(1).unwrap();
    assert!(first_card.contains("plans/ban-sao-42.html"), "{first_card}");
    // Two pages of the list: 50 and 12 plans, each plan on exactly one, linked both ways.
    let p1 = crate::read(&out, "plans/index.html");
    let p2 = crate::read(&out, "plans/index-2.html");
    assert_eq!(p1.matches("<li class=\"card\">").count(), 50);
    assert_eq!(p2.matches("<li class=\"card\">").count(), 12);
    assert!(p1.contains("rel=\"next\"") && p1.contains("href=\"../plans/index-2.html\""));
    assert!(p2.contains("rel=\"prev\"") && p2.contains("href=\"../plans/index.html\""));
    assert!(crate::visible_text(&p2).contains("Kế hoạch 51–62 trong số 62"));
    let dirs = std::fs::read_dir(content.join("plans")).unwrap();
    for d in dirs {
        let id = d.unwrap().file_name().into_string().unwrap();
        let link = format!("href=\"../plans/{id}.html\"");
        assert_eq!(
            p1.matches(&link).count() + p2.matches(&link).count(),
            1,
            "{id} is listed once"
        );
    }
    let en = crate::read(&out, "en/plans/index-2.html");
    assert!(crate::visible_text(&en).contains("Plans 51–62 of 62"));
}

#[test]
fn item_pages_carry_a_concern_link_filled_in_with_the_item_and_page() {
    let (_t, content) = crate::copy_fixture("progress");
    crate::edit(
        &content,
        "site.toml",
        "as_of = ",
        "concerns = \"https://gopy.example.gov.vn/form?ke-hoach=1\"\nas_of = ",
    );
    let (_o, out) = crate::build(&content);
    let plan = "plans/van-quan-2021-2025";
    for (page, item) in [
        (format!("{plan}.html"), "Kế hoạch thực hiện Chương trình"),
        (format!("{plan}/targets/water.html"), "[water]"),
        (format!("{plan}/du-an-1.html"), ""),
        (format!("{plan}/reports/nam-2023.html"), "[nam-2023]"),
    ] {
        let html = crate::read(&out, &page);
        let link = html
            .split("class=\"concern-link\" href=\"")
            .nth(1)
            .unwrap_or_else(|| panic!("{page} has no concern link"))
            .split('"')
            .next()
            .unwrap()
            .replace("&amp;", "&");
        assert!(
            link.starts_with("https://gopy.example.gov.vn/form?ke-hoach=1&page="),
            "{page}: {link}"
        );
        assert!(link.contains(&crate::percent(&page)), "{page}: {link}");
        assert!(link.contains(&crate::percent(item)), "{page}: {link}");
        assert!(html.contains("Góp ý, phản ánh về nội dung này"));
    }
    let en = crate::read(&out, &format!("en/{plan}/targets/water.html"));
    assert!(en.contains("Report a concern about this"));
    // Lists and other pages have none; without a channel, no page has one.
    assert!(!crate::read(&out, "index.html").contains("concern-link"));
    let (_o2, bare) = crate::build(&crate::fixture("progress"));
    assert!(!crate::read(&bare, &format!("{plan}.html")).contains("concern-link"));
    // A channel that is neither mailto: nor https:// is refused, named.
    crate::edit(&content, "site.toml", "https://gopy", "gopy");
    let (code, _, err) = crate::run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("concerns = \"gopy.example.gov.vn"), "{err}");
}

/// The author's own subject and body in a report address are kept: the site adds the page's
/// address to the body, never a second subject; an address with characters no address may
/// hold is refused as every other address is.
#[test]
fn an_authors_own_subject_is_kept_in_the_report_link() {
    let (_tmp, content) = copy_fixture("basic");
    edit(
        &content,
        "site.toml",
        "publisher =",
        "report_error = \"mailto:loi@example.org?subject=Ph%E1%BA%A3n%20%C3%A1nh&body=K%C3%ADnh%20g%E1%BB%ADi\"\npublisher =",
    );
    let (_t, out) = build(&content);
    let page = read(&out, "plans/van-quan-2021-2025/targets/poverty.html");
    let href = page.split("class=\"report-error\" href=\"").nth(1).unwrap();
    let href = &href[..href.find('"').unwrap()];
    assert_eq!(href.matches("subject=").count(), 1, "{href}");
    assert_eq!(href.matches("body=").count(), 1, "{href}");
    assert!(href.contains("subject=Ph%E1%BA%A3n%20%C3%A1nh"), "{href}");
    assert!(
        href.contains("body=K%C3%ADnh%20g%E1%BB%ADi%0A%0A") && href.contains("poverty.html"),
        "{href}"
    );
    for bad in [
        "mailto:loi@example.org?subject=a b",
        "mailto:loi@example.org?attach=x",
        "mailto:loi@example.org\u{202e}",
        "mailto:a@b@example.org",
    ] {
        let (_tmp, c) = copy_fixture("basic");
        edit(
            &c,
            "site.toml",
            "publisher =",
            &format!("report_error = \"{bad}\"\npublisher ="),
        );
        let (code, _, err) = crate::run(&["check", "--content", c.to_str().unwrap()]);
        assert_eq!(code, 1, "{bad}: {err}");
        assert!(
            err.contains("site.toml:") && err.contains("report_error"),
            "{err}"
        );
    }
}
