//! Finding things and posting them: the search index (both languages, shards, every item), the
//! index of the site for readers without JavaScript, the printable public notices with their QR
//! codes, and the radio scripts. The search itself, in a browser, is in tests/browser.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// The entries of one shard: (kind, address, title, context, text).
fn shard(out: &Path, rel: &str) -> Vec<(String, String, String, String, String)> {
    let js = crate::read(out, rel);
    let k = rel.rsplit('/').next().unwrap().trim_end_matches(".js");
    let json = js
        .strip_prefix(&format!("mbSearchShard({k},"))
        .and_then(|s| s.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("{rel} is not a shard script: {}", &js[..60.min(js.len())]));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn shards_of(html: &str) -> usize {
    html.split("data-shards=\"")
        .nth(1)
        .and_then(|s| s[..s.find('"')?].parse().ok())
        .expect("the search page names its shards")
}

#[test]
fn the_search_index_holds_every_item_of_the_site_in_each_language() {
    let (_t, out) = crate::build(&bundled());
    for (lang, prefix) in [("vi", ""), ("en", "en/")] {
        let page = crate::read(&out, &format!("{prefix}search.html"));
        assert_eq!(shards_of(&page), 1, "five plans fit one shard");
        assert!(page.contains("static/minisearch.min.js"), "{lang}");
        let entries = shard(&out, &format!("{prefix}search/0.js"));
        let kinds: HashSet<&str> = entries.iter().map(|e| e.0.as_str()).collect();
        for k in [
            "plan", "project", "target", "report", "agency", "page", "term",
        ] {
            assert!(kinds.contains(k), "{lang}: no {k} in the index");
        }
        // Every entry leads to a page of this language that exists.
        for e in &entries {
            let file = e.1.split('#').next().unwrap();
            assert!(
                out.join(prefix).join(file).is_file(),
                "{lang}: {} leads to a missing page",
                e.1
            );
        }
        // Every plan, target, project and report page of the site is in the index, once.
        let urls: Vec<&str> = entries.iter().map(|e| e.1.as_str()).collect();
        let unique: HashSet<&str> = urls.iter().copied().collect();
        assert_eq!(unique.len(), urls.len(), "{lang}: an entry is listed twice");
        for dir in std::fs::read_dir(out.join(prefix).join("plans")).unwrap() {
            let dir = dir.unwrap().path();
            if !dir.is_dir() {
                continue;
            }
            let id = dir.file_name().unwrap().to_str().unwrap().to_string();
            assert!(unique.contains(format!("plans/{id}.html").as_str()), "{id}");
            for sub in ["targets", "reports"] {
                let Ok(files) = std::fs::read_dir(dir.join(sub)) else {
                    continue;
                };
                for f in files {
                    let f = f.unwrap().file_name().into_string().unwrap();
                    if f.ends_with(".html") {
                        let url = format!("plans/{id}/{sub}/{f}");
                        assert!(
                            unique.contains(url.as_str()),
                            "{lang}: {url} not in the index"
                        );
                    }
                }
            }
        }
    }
    // Each language's entries are in its own words.
    let vi = shard(&out, "search/0.js");
    let en = shard(&out, "en/search/0.js");
    assert!(vi.iter().any(|e| e.2.contains("dân tộc thiểu số")));
    assert!(en
        .iter()
        .any(|e| e.0 == "target" && e.2.contains("ethnic minority")));
    assert!(!en.iter().any(|e| e.0 == "page" && e.2 == "Trang chủ"));
    // The vendored engine comes with its licence.
    let licence = crate::read(&out, "static/minisearch.LICENSE.txt");
    assert!(licence.contains("Luca Ongaro") && licence.contains("Permission is hereby granted"));
}

#[test]
fn the_index_of_many_plans_comes_in_shards_each_item_once() {
    let (_t, content) = crate::copy_fixture("progress");
    let plan = content.join("plans/van-quan-2021-2025");
    for n in 0..24 {
        crate::copy_dir(&plan, &content.join(format!("plans/ban-sao-{n:02}")));
    }
    let (_o, out) = crate::build(&content);
    let page = crate::read(&out, "search.html");
    let n = shards_of(&page);
    // 26 plans: shard 0 (plans, agencies, pages), then 20 plans' details and 6 plans'.
    assert_eq!(n, 3);
    assert!(!out.join("search/3.js").exists());
    let all: Vec<Vec<_>> = (0..n)
        .map(|k| shard(&out, &format!("search/{k}.js")))
        .collect();
    assert_eq!(all[0].iter().filter(|e| e.0 == "plan").count(), 26);
    assert!(
        all[0].iter().all(|e| e.0 != "target"),
        "shard 0 holds no details"
    );
    let targets: Vec<&str> = all
        .iter()
        .flatten()
        .filter(|e| e.0 == "target")
        .map(|e| e.1.as_str())
        .collect();
    let unique: HashSet<&str> = targets.iter().copied().collect();
    assert_eq!(unique.len(), targets.len(), "a target is in two shards");
    let per_plan = std::fs::read_dir(out.join("plans/ban-sao-00/targets"))
        .unwrap()
        .count();
    // Van Quan and its 24 copies have targets; Đại Từ has none.
    assert_eq!(targets.len(), 25 * per_plan);
}

#[test]
fn without_javascript_the_site_index_links_every_page_that_lists_things() {
    let (_t, out) = crate::build(&bundled());
    let search = crate::read(&out, "search.html");
    assert!(search.contains("<noscript>"));
    assert!(search.contains("href=\"site-index.html\""));
    let index = crate::read(&out, "site-index.html");
    for plan in ["van-quan-2021-2025", "dai-tu-2022", "ngoc-hoi-2022"] {
        assert!(
            index.contains(&format!("href=\"plans/{plan}.html\"")),
            "{plan}"
        );
    }
    assert!(index.contains("href=\"plans/van-quan-2021-2025/targets/"));
    assert!(index.contains("href=\"plans/van-quan-2021-2025/reports/"));
    assert!(index.contains("href=\"agencies/index.html\""));
    assert!(index.contains("href=\"about.html\""));
    // Every page links to the search page.
    assert!(crate::read(&out, "plans/dai-tu-2022.html").contains("href=\"../search.html\""));
    assert!(crate::read(&out, "en/index.html").contains("action=\"search.html\""));
}

fn build_published(content: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("output");
    let opts = minhbach::BuildOptions {
        content: content.to_path_buf(),
        theme: Some(crate::theme()),
        output: out.clone(),
        base_url: Some("https://example.org/kehoach/".into()),
        force: false,
        strict: false,
    };
    minhbach::build(&opts).unwrap();
    (tmp, out)
}

#[test]
fn each_plan_and_report_has_a_printable_notice_with_a_qr_code_of_its_page() {
    let (_t, out) = build_published(&bundled());
    let n = crate::read(&out, "plans/van-quan-2021-2025/notice.html");
    let text = crate::visible_text(&n);
    assert!(text.contains("THÔNG BÁO CÔNG KHAI"), "{text}");
    assert!(text.contains("272.797 triệu đồng"), "the total funding");
    assert!(text.contains("Cơ quan đầu mối"), "who is responsible");
    assert!(text.contains("Niêm yết tại trụ sở"), "the posting period");
    assert!(text.contains("ít nhất 30 ngày"));
    assert!(text.contains("Số liệu đến ngày"), "the data date");
    assert!(
        text.contains("Cùng 28 chỉ tiêu khác"),
        "38 targets: 10 listed, the rest counted"
    );
    // The targets listed first are those that need attention.
    let first = text.split("Trạng thái").nth(1).unwrap();
    assert!(first.trim_start().contains("Chậm tiến độ"), "{first}");
    // The QR code is an SVG of the plan page's public address.
    assert!(n.contains(
        "<svg role=\"img\" aria-label=\"QR https://example.org/kehoach/plans/van-quan-2021-2025.html\""
    ));
    assert!(n.contains("class=\"notice-page\""));
    // The plan page and the report pages link to theirs.
    let plan = crate::read(&out, "plans/van-quan-2021-2025.html");
    assert!(plan.contains("href=\"../plans/van-quan-2021-2025/notice.html\""));
    assert!(plan.contains("href=\"../plans/van-quan-2021-2025/radio.txt\""));
    let report = crate::read(&out, "plans/van-quan-2021-2025/reports/nam-2023.html");
    assert!(
        report.contains("href=\"../../../plans/van-quan-2021-2025/reports/nam-2023/notice.html\"")
    );
    let rn = crate::read(
        &out,
        "en/plans/van-quan-2021-2025/reports/nam-2023/notice.html",
    );
    let rt = crate::visible_text(&rn);
    assert!(
        rt.contains("PUBLIC NOTICE") && rt.contains("This report"),
        "{rt}"
    );
    assert!(rn.contains("aria-label=\"QR https://example.org/kehoach/en/plans/van-quan-2021-2025/reports/nam-2023.html\""));
    assert!(
        rt.contains("Illustrative data"),
        "illustrative figures say so"
    );
    // Without a base URL there is no address to encode: no QR code.
    let (_t2, local) = crate::build(&bundled());
    assert!(!crate::read(&local, "plans/van-quan-2021-2025/notice.html")
        .contains("<svg role=\"img\" aria-label=\"QR"));
}

#[test]
fn the_radio_script_says_the_notice_in_plain_words() {
    let (_t, out) = build_published(&bundled());
    let r = crate::read(&out, "plans/van-quan-2021-2025/radio.txt");
    assert!(!r.contains('<') && !r.contains("&amp;"), "plain text: {r}");
    assert!(r.starts_with("BÀI ĐỌC TRÊN LOA TRUYỀN THANH"), "{r}");
    assert!(r.contains("Tổng kinh phí là 272,8 tỷ đồng"), "{r}");
    assert!(
        r.contains(
            "Kế hoạch đặt ra 38 chỉ tiêu. Đến nay: 27 đã đạt, 10 chậm tiến độ, 1 đang xấu đi."
        ),
        "{r}"
    );
    assert!(
        r.contains("https://example.org/kehoach/plans/van-quan-2021-2025.html"),
        "{r}"
    );
    assert!(r.lines().count() < 25, "short enough to read aloud");
    let rep = crate::read(
        &out,
        "en/plans/van-quan-2021-2025/reports/nam-2023/radio.txt",
    );
    assert!(
        rep.contains(
            "In 2023, 56,217.6 million VND has been disbursed: 77.9% of the adjusted allocation (72,132.6 million VND)."
        ),
        "{rep}"
    );
}

#[test]
fn a_project_named_notice_and_pages_named_search_are_refused() {
    let (_t, content) = crate::copy_fixture("basic");
    let plan = std::fs::read_dir(content.join("plans"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let projects = plan.join("projects.toml");
    let text = std::fs::read_to_string(&projects).unwrap();
    let first_id = text
        .split("id = \"")
        .nth(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .unwrap();
    std::fs::write(
        &projects,
        text.replacen(&format!("id = \"{first_id}\""), "id = \"notice\"", 1),
    )
    .unwrap();
    std::fs::create_dir_all(content.join("pages")).unwrap();
    std::fs::write(content.join("pages/search.vi.md"), "# Tìm\n").unwrap();
    let (code, _o, err) = crate::run(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("project id `notice` is taken by the plan's printable notice"),
        "{err}"
    );
    assert!(err.contains("page name `search` cannot be used"), "{err}");
}
