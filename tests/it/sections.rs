//! Narrative pages in nested sections: section indexes (sorted, paginated), breadcrumbs, the
//! bounded menu, and the problems an author can make with them.

use crate::links::broken_links;
use crate::{build, copy_fixture, read, run, visible_text};
use std::path::Path;

fn write(content: &Path, rel: &str, text: &str) {
    let path = content.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn page(title: &str, extra: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n{extra}+++\n{body}\n")
}

/// The basic fixture with a guide section of `n` pages (weights reversed), a sub-section with
/// dated pages sorted by date, and an English translation of some.
fn with_sections(n: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, content) = copy_fixture("basic");
    write(
        &content,
        "pages/huong-dan/_index.vi.md",
        &page("Hướng dẫn", "paginate_by = 10\n", "Cách đọc các kế hoạch."),
    );
    write(
        &content,
        "pages/huong-dan/_index.en.md",
        &page("Guide", "", "How to read the plans."),
    );
    for i in 1..=n {
        write(
            &content,
            &format!("pages/huong-dan/bai-{i:02}.vi.md"),
            &page(
                &format!("Bài {i:02}"),
                &format!("weight = {}\ndescription = \"Tóm tắt {i}\"\n", n + 1 - i),
                &format!("Nội dung bài {i}."),
            ),
        );
    }
    write(
        &content,
        "pages/huong-dan/bai-01.en.md",
        &page("Lesson 01", "", "Lesson one."),
    );
    write(
        &content,
        "pages/huong-dan/tin/_index.vi.md",
        &page("Tin tức", "sort_by = \"date\"\n", ""),
    );
    for (name, date) in [
        ("cu", "2024-01-05"),
        ("moi", "2026-03-01"),
        ("giua", "2025-06-30"),
    ] {
        write(
            &content,
            &format!("pages/huong-dan/tin/{name}.vi.md"),
            &page(
                &format!("Tin {name}"),
                &format!("date = \"{date}\"\n"),
                "Tin.",
            ),
        );
    }
    (tmp, content)
}

#[test]
fn nested_pages_are_built_with_section_indexes_breadcrumbs_and_no_broken_link() {
    let (_tmp, content) = with_sections(23);
    let (_t, out) = build(&content);
    // Every page, in both languages.
    for lang in ["", "en/"] {
        assert!(out.join(format!("{lang}huong-dan/bai-07.html")).is_file());
        assert!(out.join(format!("{lang}huong-dan/tin/moi.html")).is_file());
        assert!(out.join(format!("{lang}huong-dan/index.html")).is_file());
    }
    // Breadcrumbs: home › guide › news, then the page.
    let html = read(&out, "huong-dan/tin/moi.html");
    let crumbs = &html[html.find("class=\"crumbs\"").unwrap()..];
    let crumbs = &crumbs[..crumbs.find("</nav>").unwrap()];
    assert!(
        crumbs.contains("href=\"../../index.html\"")
            && crumbs.contains("href=\"../../huong-dan/index.html\">Hướng dẫn<")
            && crumbs.contains("href=\"../../huong-dan/tin/index.html\">Tin tức<")
            && crumbs.contains("aria-current=\"page\">Tin moi<"),
        "{crumbs}"
    );
    let en = read(&out, "en/huong-dan/bai-01.html");
    assert!(en.contains(">Guide<") && en.contains("Lesson one."), "{en}");
    assert_eq!(broken_links(&out), Vec::<String>::new());
}

#[test]
fn a_section_lists_its_pages_in_order_page_by_page() {
    let (_tmp, content) = with_sections(23);
    let (_t, out) = build(&content);
    // 23 pages, 10 per page: three pages of the index; weights reversed, so Bài 23 comes first.
    let first = visible_text(&read(&out, "huong-dan/index.html"));
    assert!(first.contains("Cách đọc các kế hoạch."), "{first}");
    assert!(first.contains("Tin tức (3 trang)"), "{first}");
    let order: Vec<usize> = (1..=23)
        .filter(|i| first.contains(&format!("Bài {i:02} Tóm tắt {i}")))
        .collect();
    assert_eq!(order.len(), 10, "{first}");
    let at = |text: &str, i: usize| text.find(&format!("Bài {i:02}")).unwrap();
    assert!(at(&first, 23) < at(&first, 22) && at(&first, 15) < at(&first, 14));
    assert!(!first.contains("Bài 13"), "{first}");
    let second = visible_text(&read(&out, "huong-dan/index-2.html"));
    assert!(
        second.contains("Bài 13") && second.contains("Bài 04"),
        "{second}"
    );
    assert!(
        second.contains("11–20") && second.contains("23"),
        "{second}"
    );
    let third = read(&out, "huong-dan/index-3.html");
    assert!(visible_text(&third).contains("Bài 01"));
    assert!(third.contains("rel=\"prev\" ") || third.contains("rel=\"prev\">"));
    assert!(!out.join("huong-dan/index-4.html").exists());
    // Sorted by date, newest first.
    let news = visible_text(&read(&out, "huong-dan/tin/index.html"));
    let (moi, giua, cu) = (
        news.find("Tin moi").unwrap(),
        news.find("Tin giua").unwrap(),
        news.find("Tin cu").unwrap(),
    );
    assert!(moi < giua && giua < cu, "{news}");
    // A page links the next and previous page of its section.
    let p = read(&out, "huong-dan/bai-10.html");
    assert!(
        p.contains("href=\"../huong-dan/bai-11.html\" rel=\"prev\""),
        "{p}"
    );
    assert!(p.contains("href=\"../huong-dan/bai-09.html\" rel=\"next\""));
}

#[test]
fn the_menu_is_bounded_and_what_site_toml_names() {
    let (_tmp, content) = with_sections(60);
    let (_t, out) = build(&content);
    // Without `menu`: the top-level pages and sections, not the 63 nested pages.
    let home = read(&out, "index.html");
    let header = &home[home.find("<header").unwrap()..home.find("</header>").unwrap()];
    assert!(header.contains("huong-dan/index.html"), "{header}");
    assert!(!header.contains("bai-"), "{header}");
    // With `menu`, exactly what it names, in its order, on every page at any depth.
    let site = std::fs::read_to_string(content.join("site.toml")).unwrap();
    std::fs::write(
        content.join("site.toml"),
        format!("{site}\nmenu = [\"huong-dan/tin\", \"about\"]\n"),
    )
    .unwrap();
    let (_t2, out) = build(&content);
    let deep = read(&out, "en/huong-dan/tin/moi.html");
    let header = &deep[deep.find("<header").unwrap()..deep.find("</header>").unwrap()];
    let tin = header.find("href=\"../../../en/huong-dan/tin/index.html\"");
    let about = header.find("href=\"../../../en/about.html\"");
    assert!(tin.is_some() && about.is_some() && tin < about, "{header}");
    assert!(!header.contains("huong-dan/index.html"), "{header}");
    // The whole site's pages grow linearly: no page carries a list of every page.
    let sizes: Vec<u64> = ["huong-dan/bai-01.html", "huong-dan/bai-60.html"]
        .iter()
        .map(|p| std::fs::metadata(out.join(p)).unwrap().len())
        .collect();
    assert!(sizes.iter().all(|s| *s < 40_000), "{sizes:?}");
}

#[test]
fn mistakes_in_sections_and_the_menu_name_the_file_and_line() {
    let (_tmp, content) = with_sections(2);
    write(
        &content,
        "pages/huong-dan/_index.vi.md",
        &page("Hướng dẫn", "sort_by = \"size\"\npaginate_by = 0\n", ""),
    );
    write(
        &content,
        "pages/huong-dan/bai-01.vi.md",
        &page("Bài", "date = \"31/12/2025\"\nsort_by = \"date\"\n", ""),
    );
    write(&content, "pages/Tin Tuc/a.vi.md", &page("A", "", ""));
    write(&content, "pages/plans/x.vi.md", &page("X", "", ""));
    write(&content, "pages/huong-dan.vi.md", &page("Trùng", "", ""));
    write(
        &content,
        "pages/huong-dan/chi.en.md",
        &page("Only English", "", ""),
    );
    let site = std::fs::read_to_string(content.join("site.toml")).unwrap();
    std::fs::write(
        content.join("site.toml"),
        format!("{site}\nmenu = [\"huong-dan\", \"huong-dn/tin\"]\n"),
    )
    .unwrap();
    let (code, _, err) = run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    for expected in [
        "pages/huong-dan/_index.vi.md:3:11: sort_by = \"size\" is not known",
        "pages/huong-dan/_index.vi.md:4:15: paginate_by = 0",
        "pages/huong-dan/bai-01.vi.md:3:8: date = \"31/12/2025\" is not a date",
        "pages/huong-dan/bai-01.vi.md:4:11: `sort_by` is set in a section's `_index.vi.md`, not in a page",
        "section name `Tin Tuc` cannot be used",
        "section name `plans` cannot be used",
        "pages/huong-dan.vi.md: a page and a section",
        "pages/huong-dan/chi.en.md: `chi.en.md` has no Vietnamese original",
        "did you mean `huong-dan/tin`?",
    ] {
        assert!(err.contains(expected), "missing «{expected}» in:\n{err}");
    }
    assert!(err.contains("site.toml:"), "{err}");
}

#[test]
fn nested_pages_are_found_by_search_and_listed_in_the_site_index() {
    let (_tmp, content) = with_sections(45);
    let (_t, out) = build(&content);
    let index = read(&out, "site-index.html");
    assert!(index.contains("huong-dan/index.html") && index.contains("huong-dan/tin/index.html"));
    // 48 pages: more than fit in the first shard, so they have shards of their own; every page
    // is in exactly one shard.
    let shards: Vec<String> = std::fs::read_dir(out.join("search"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(shards.len() > 1, "{}", shards.len());
    for i in 1..=45 {
        let url = format!("\"huong-dan/bai-{i:02}.html\"");
        assert_eq!(
            shards.iter().filter(|s| s.contains(&url)).count(),
            1,
            "{url}"
        );
    }
    let search = read(&out, "search.html");
    assert!(
        search.contains(&format!("data-shards=\"{}\"", shards.len())),
        "{search}"
    );
}

#[test]
fn a_section_sorted_by_title_follows_vietnamese_dictionary_order() {
    let (_tmp, content) = copy_fixture("basic");
    write(
        &content,
        "pages/xa/_index.vi.md",
        &page("Các xã", "sort_by = \"title\"\n", ""),
    );
    for (name, title) in [
        ("a", "Ngọc Linh"),
        ("b", "Đăk Ang"),
        ("c", "Dục Nông"),
        ("d", "Ăng Tơ"),
        ("e", "An Bình"),
    ] {
        write(
            &content,
            &format!("pages/xa/{name}.vi.md"),
            &page(title, "", "Xã."),
        );
    }
    let (_t, out) = build(&content);
    let text = visible_text(&read(&out, "xa/index.html"));
    let at = |t: &str| text.find(t).unwrap_or_else(|| panic!("{t}: {text}"));
    let order = ["An Bình", "Ăng Tơ", "Dục Nông", "Đăk Ang", "Ngọc Linh"].map(at);
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
}
