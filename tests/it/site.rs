//! What a reader sees on a built fixture site, in both languages.

use crate::{build, copy_fixture, edit, fixture, read, visible_text};

#[test]
fn every_page_exists_in_both_languages() {
    let (_tmp, out) = build(&fixture("basic"));
    for page in [
        "index.html",
        "about.html",
        "404.html",
        "agencies/index.html",
        "agencies/dai-tu-phong-dan-toc.html",
        "plans/dai-tu-2022.html",
        "plans/dai-tu-2022/du-an-1.html",
        "plans/dai-tu-2022/du-an-8-noi-dung-1.html",
        "plans/dai-tu-2022/document.html",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
        assert!(out.join("en").join(page).is_file(), "missing en/{page}");
    }
    assert!(out.join("static/style.css").is_file());
    assert!(out.join("sitemap.xml").is_file());
}

#[test]
fn figures_read_the_way_each_language_writes_them() {
    let (_tmp, out) = build(&fixture("basic"));
    let vi = visible_text(&read(&out, "plans/dai-tu-2022.html"));
    let en = visible_text(&read(&out, "en/plans/dai-tu-2022.html"));
    assert!(vi.contains("6.578,0 triệu đồng"), "{vi}");
    assert!(en.contains("VND 6,578.0 million"), "{en}");
    assert!(vi.contains("11/10/2022"));
    assert!(en.contains("11 Oct 2022"));
    // Budget table cells keep the printed decimal.
    assert!(vi.contains("5.111,0") && vi.contains("447,0"));
}

#[test]
fn language_switch_leads_to_the_same_page_in_the_other_language() {
    let (_tmp, out) = build(&fixture("basic"));
    let vi = read(&out, "plans/dai-tu-2022/du-an-1.html");
    assert!(
        vi.contains(r#"class="lang-switch" href="../../en/plans/dai-tu-2022/du-an-1.html""#),
        "{vi}"
    );
    let en = read(&out, "en/plans/dai-tu-2022/du-an-1.html");
    assert!(
        en.contains(r#"class="lang-switch" href="../../../plans/dai-tu-2022/du-an-1.html""#),
        "{en}"
    );
    assert!(vi.contains(r#"<html lang="vi">"#) && en.contains(r#"<html lang="en">"#));
    assert!(visible_text(&en).contains("Addressing the shortage of residential land and housing"));
}

#[test]
fn blank_number_and_date_are_shown_as_blank() {
    let (_tmp, out) = build(&fixture("basic"));
    let vi = visible_text(&read(&out, "plans/van-quan-2021-2025.html"));
    assert!(vi.contains("Số văn bản không ghi"), "{vi}");
    assert!(vi.contains("Ngày ban hành văn bản không ghi"));
    let en = visible_text(&read(&out, "en/plans/van-quan-2021-2025.html"));
    assert!(en.contains("No. not given in the document"));
    // Văn Quan prints no place line: none is shown. Đại Từ prints one.
    assert!(!vi.contains("Địa danh"), "{vi}");
    let dt = visible_text(&read(&out, "plans/dai-tu-2022.html"));
    assert!(dt.contains("Địa danh Đại Từ"), "{dt}");
}

#[test]
fn a_line_with_no_figure_shows_its_note_and_no_phase() {
    let (_tmp, out) = build(&fixture("basic"));
    let vi = visible_text(&read(&out, "plans/dai-tu-2022/du-an-1.html"));
    assert!(
        vi.contains(
            "không ghi số · Tín dụng chính sách · không tách loại vốn · Theo nhu cầu thực tế"
        ),
        "{vi}"
    );
}

#[test]
fn printed_total_that_does_not_add_up_is_flagged_with_both_figures() {
    let (_tmp, out) = build(&fixture("basic"));
    let vi = visible_text(&read(&out, "plans/van-quan-2021-2025.html"));
    assert!(vi.contains("196.832 triệu đồng"), "{vi}");
    assert!(
        vi.contains("Không khớp: tổng các dòng là 196.823 triệu đồng (chênh lệch +9 triệu đồng)"),
        "{vi}"
    );
    let dai_tu = visible_text(&read(&out, "en/plans/dai-tu-2022.html"));
    assert!(
        dai_tu.contains("VND 6,578.0 million Section III ✓ Agrees"),
        "{dai_tu}"
    );
    assert!(dai_tu.contains("Cannot be checked"), "{dai_tu}");
}

#[test]
fn target_shapes_read_as_printed() {
    let (_tmp, out) = build(&fixture("basic"));
    let vi = visible_text(&read(&out, "plans/van-quan-2021-2025.html"));
    assert!(vi.contains("giảm ≥ 4,5%/năm"), "{vi}");
    assert!(vi.contains("1.000–1.500 lao động/năm"));
    assert!(vi.contains("bằng 1/2 bình quân chung cả tỉnh"));
    assert!(vi.contains("Tầm nhìn đến năm 2045"));
    let en = visible_text(&read(&out, "en/plans/van-quan-2021-2025.html"));
    assert!(en.contains("decrease by ≥ 4.5% a year"), "{en}");
    assert!(en.contains("1/2 of the provincial average"), "{en}");
    assert!(en.contains("99.7%"));
    assert!(en.contains("Vision to 2045"));
}

#[test]
fn missing_english_shows_vietnamese_with_a_marker() {
    let (_tmp, out) = build(&fixture("basic"));
    let en = read(&out, "en/agencies/dai-tu-hoi-phu-nu.html");
    assert!(en.contains(r#"<span lang="vi">Hội Liên hiệp Phụ nữ huyện Đại Từ</span> <small class="vi-only">Vietnamese only</small>"#), "{en}");
    let vi = read(&out, "agencies/dai-tu-hoi-phu-nu.html");
    assert!(!vi.contains("vi-only"));
    // A page with no English file says so on the English site.
    let about = visible_text(&read(&out, "en/about.html"));
    assert!(
        about.contains("This page has not been translated"),
        "{about}"
    );
}

#[test]
fn agency_page_shows_what_it_leads_and_its_duties() {
    let (_tmp, out) = build(&fixture("basic"));
    let en = visible_text(&read(&out, "en/agencies/dai-tu-phong-dan-toc.html"));
    assert!(
        en.contains("Leads projects Project 1 : Addressing the shortage"),
        "{en}"
    );
    assert!(en.contains("Acts as the standing agency managing the Programme"));
    let front = visible_text(&read(&out, "agencies/dai-tu-ubmttq.html"));
    assert!(front.contains("Đề nghị (giám sát, phối hợp)"), "{front}");
    assert!(front.contains("được đề nghị, không bị giao nhiệm vụ"));
    // Bodies that are assigned duties, or only issue the plan, get no such note.
    for id in ["dai-tu-phong-dan-toc", "dai-tu-ubnd"] {
        let page = visible_text(&read(&out, &format!("agencies/{id}.html")));
        assert!(
            !page.contains("được đề nghị, không bị giao"),
            "{id}: {page}"
        );
    }
}

#[test]
fn plan_document_is_readable_with_its_table() {
    let (_tmp, out) = build(&fixture("basic"));
    let doc = read(&out, "plans/dai-tu-2022/document.html");
    assert!(doc.contains(">I. MỤC ĐÍCH, YÊU CẦU</h3>"));
    assert!(doc.contains("<td>Dự án 1</td>"));
    // A table of contents leads to each section.
    assert!(
        doc.contains(r##"<a href="#s-V.1">1. Phòng Dân tộc huyện</a>"##),
        "{doc}"
    );
    let en = visible_text(&read(&out, "en/plans/dai-tu-2022/document.html"));
    assert!(en.contains("This page has not been translated"));
}

#[test]
fn section_references_link_to_that_section_of_the_full_text() {
    let (_tmp, out) = build(&fixture("basic"));
    // The duty printed in section V.1 links to the heading "1." under "V." of the document.
    let plan = read(&out, "plans/dai-tu-2022.html");
    assert!(
        plan.contains(r#"href="../plans/dai-tu-2022/document.html#s-V.1""#),
        "{plan}"
    );
    let doc = read(&out, "plans/dai-tu-2022/document.html");
    assert!(
        doc.contains(r#"<h4 id="s-V.1">1. Phòng Dân tộc huyện</h4>"#),
        "{doc}"
    );
    // From the agency page too, in English, to the English page of the document.
    let agency = read(&out, "en/agencies/dai-tu-ubmttq.html");
    assert!(
        agency.contains(r#"href="../plans/dai-tu-2022/document.html#s-V.9""#),
        "{agency}"
    );
    // A section the document has no heading for is shown without a link.
    let vq = read(&out, "plans/van-quan-2021-2025.html");
    assert!(visible_text(&vq).contains("Mục II.2"));
    assert!(!vq.contains("document.html#"));
}

#[test]
fn csv_downloads_hold_every_budget_line_and_target() {
    let (_tmp, out) = build(&fixture("basic"));
    let csv = read(&out, "data/dai-tu-2022-budget.csv");
    // The header is in the page's language; the phase also as the Fiscal Data Package names it.
    assert!(csv.starts_with("\u{feff}Mã kế hoạch,Loại dòng,"), "{csv}");
    assert!(
        csv.contains(
            "dai-tu-2022,line,du-an-1,Dự án 1,,central,,allocated,approved,2022,5111.0,,,,,,II.1.c"
        ),
        "{csv}"
    );
    assert!(csv.contains("policy-credit,,,,,,,,,Theo nhu cầu thực tế,As actually needed"));
    // A printed total carries the sum of its lines and the verdict.
    assert!(
        csv.contains("printed-total,,,,,,allocated,approved,,6578.0,6578.0,0,agrees"),
        "{csv}"
    );
    let en = read(&out, "en/data/dai-tu-2022-budget.csv");
    assert!(en.starts_with("\u{feff}Plan id,Record,"), "{en}");
    assert_eq!(
        en.lines().skip(1).collect::<Vec<_>>(),
        csv.lines().skip(1).collect::<Vec<_>>(),
        "the rows are the same in both languages"
    );
    let targets = read(&out, "data/van-quan-2021-2025-targets.csv");
    assert!(targets.contains(
        "van-quan-2021-2025,poverty,2025,false,Tỷ lệ hộ nghèo,Poverty rate,annual-rate,at-least,decrease,4.5,,,%,,false"
    ), "{targets}");
    // Figures in plain notation a spreadsheet can sort: a range, a fraction.
    assert!(
        targets.contains("range,,,,1000,1500,lao động,workers,false,true"),
        "{targets}"
    );
    assert!(
        targets.contains("ratio,exactly,,0.5,,,,,false,false,,bình quân chung cả tỉnh"),
        "{targets}"
    );
}

#[test]
fn sitemap_lists_both_languages_with_hreflang() {
    let (_tmp, out) = build(&fixture("basic"));
    let map = read(&out, "sitemap.xml");
    assert!(map.contains("<loc>en/plans/dai-tu-2022.html</loc>"));
    assert!(map.contains(r#"hreflang="vi" href="plans/dai-tu-2022.html""#));
}

#[test]
fn base_url_makes_sitemap_and_404_absolute() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let opts = minhbach::BuildOptions {
        content: fixture("basic"),
        theme: Some(crate::theme()),
        output: out.clone(),
        base_url: Some("https://example.org/kehoach".into()),
        force: false,
        strict: false,
    };
    minhbach::build(&opts).unwrap();
    assert!(read(&out, "sitemap.xml")
        .contains("<loc>https://example.org/kehoach/en/plans/dai-tu-2022.html</loc>"));
    assert!(
        read(&out, "404.html").contains(r#"href="https://example.org/kehoach/static/style.css""#)
    );
    // Ordinary pages stay relative so the site works from disk too.
    assert!(read(&out, "index.html").contains(r#"href="static/style.css""#));
}

#[test]
fn home_lists_plans_with_period_and_total() {
    let (_tmp, out) = build(&fixture("basic"));
    let home = visible_text(&read(&out, "en/index.html"));
    assert!(
        home.contains("Plan to implement the Programme in 2022"),
        "{home}"
    );
    // The total says which figures it adds: allocated, not proposed or disbursed.
    assert!(
        home.contains("VND 6,578.0 million (≈ VND 6.6 billion) Allocated funding, 2022"),
        "{home}"
    );
    assert!(home.contains("2021–2025"));
    // Đại Từ sets no numeric targets: its card does not claim "0 targets".
    assert!(!home.contains("0 targets"), "{home}");
    assert!(home.contains("2 component projects · 5 targets"), "{home}");
}

#[test]
fn home_total_never_adds_figures_of_different_phases() {
    let (_tmp, content) = copy_fixture("basic");
    // Without printed totals, a disbursed line must not be added to the allocated ones.
    let plan = content.join("plans/dai-tu-2022/plan.toml");
    let text = std::fs::read_to_string(&plan).unwrap();
    let cut = text.find("[[printed_total]]").unwrap();
    std::fs::write(&plan, &text[..cut]).unwrap();
    edit(
        &content,
        "plans/dai-tu-2022/projects.toml",
        "amount = \"447,0\"\nsource = \"local\"\nphase = \"allocated\"",
        "amount = \"447,0\"\nsource = \"local\"\nphase = \"disbursed\"",
    );
    let (_tmp2, out) = build(&content);
    let home = visible_text(&read(&out, "index.html"));
    assert!(
        home.contains("6.131,0 triệu đồng (≈ 6,1 tỷ đồng) Vốn được giao năm 2022"),
        "{home}"
    );
}

#[test]
fn budget_table_shows_the_total_first_and_a_dash_where_nothing_is_given() {
    let (_tmp, out) = build(&fixture("basic"));
    let vi = visible_text(&read(&out, "plans/van-quan-2021-2025.html"));
    assert!(
        vi.contains("Dự án Tổng Ngân sách trung ương · vốn đầu tư phát triển Ngân sách trung ương · vốn sự nghiệp Dự án 1: Đất ở, nhà ở 43.359 39.559 3.800 Dự án 4: Hạ tầng 157.264 157.264 –"),
        "{vi}"
    );
    let en = visible_text(&read(&out, "en/plans/van-quan-2021-2025.html"));
    assert!(
        en.contains("Central budget · development investment capital"),
        "{en}"
    );
}

#[test]
fn english_reader_is_told_the_full_text_is_vietnamese_before_opening_it() {
    let (_tmp, out) = build(&fixture("basic"));
    let plan = visible_text(&read(&out, "en/plans/dai-tu-2022.html"));
    assert!(
        plan.contains("Read the full document Vietnamese only"),
        "{plan}"
    );
    let vi = visible_text(&read(&out, "plans/dai-tu-2022.html"));
    assert!(
        !vi.contains("Đọc toàn văn văn bản Chỉ có tiếng Việt"),
        "{vi}"
    );
    // The English page of the text has an English title above the Vietnamese original.
    let doc = read(&out, "en/plans/dai-tu-2022/document.html");
    assert!(doc.contains("<h1>Full text: Đại Từ 2022</h1>"), "{doc}");
    assert!(doc.contains(r#"<article class="document" lang="vi">"#));
}

#[test]
fn about_page_is_linked_from_the_header_of_every_page() {
    let (_tmp, out) = build(&fixture("basic"));
    for (page, href) in [
        ("index.html", "about.html"),
        ("plans/dai-tu-2022/du-an-1.html", "../../about.html"),
        ("en/agencies/index.html", "../../en/about.html"),
    ] {
        let html = read(&out, page);
        let header = &html[html.find("<header").unwrap()..html.find("</header>").unwrap()];
        assert!(
            header.contains(&format!(r#"href="{href}""#)),
            "{page}: {header}"
        );
    }
}
