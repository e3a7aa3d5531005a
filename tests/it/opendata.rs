//! Open data, on the bundled site: the whole-site data package of each language is complete and
//! valid (every resource exists with the size and hash it declares, every CSV matches its Table
//! Schema, the JSON holds the same rows), the zip holds the package, the open data page counts
//! what the files hold, and the figures in the downloads are the figures on the pages.

use crate::{read, visible_text};
use serde_json::Value;
use sha2::Digest;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn site() -> &'static PathBuf {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("open-data-site");
        let _ = std::fs::remove_dir_all(&out);
        let opts = minhbach::BuildOptions {
            content: Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
            theme: Some(crate::theme()),
            output: out.clone(),
            base_url: None,
            force: false,
            strict: false,
        };
        minhbach::build(&opts).unwrap_or_else(|e| panic!("bundled site does not build: {e:#}"));
        out
    })
}

/// A CSV file as its header and records, read with the `csv` crate (not our writer's code).
fn csv_file(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let body = text
        .strip_prefix('\u{feff}')
        .expect("a CSV starts with a byte-order mark, so Excel reads it as UTF-8");
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn plain_number(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (i, f) = body.split_once('.').unwrap_or((body, "0"));
    !i.is_empty()
        && !f.is_empty()
        && i.bytes().all(|b| b.is_ascii_digit())
        && f.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `v` is a valid value of Table Schema field `field` (missing values are "").
fn conforms(field: &Value, v: &str) -> Result<(), String> {
    if v.is_empty() {
        return Ok(());
    }
    let ty = field["type"].as_str().unwrap();
    let ok = match ty {
        "string" => true,
        "integer" => v
            .strip_prefix('-')
            .unwrap_or(v)
            .bytes()
            .all(|b| b.is_ascii_digit()),
        "number" => plain_number(v),
        "year" => v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()),
        "boolean" => v == "true" || v == "false",
        "date" => {
            let p: Vec<&str> = v.split('-').collect();
            p.len() == 3
                && p[0].len() == 4
                && p[1].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
                && p[2].parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
        }
        other => return Err(format!("unknown type {other}")),
    };
    if !ok {
        return Err(format!("`{v}` is not a {ty}"));
    }
    if let Some(values) = field["constraints"]["enum"].as_array() {
        if !values.iter().any(|x| x.as_str() == Some(v)) {
            return Err(format!("`{v}` is not one of {values:?}"));
        }
    }
    Ok(())
}

fn sha256(bytes: &[u8]) -> String {
    let d = sha2::Sha256::digest(bytes);
    format!(
        "sha256:{}",
        d.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

fn package(prefix: &str) -> Value {
    serde_json::from_str(&read(site(), &format!("{prefix}data/datapackage.json")))
        .expect("datapackage.json is JSON")
}

#[test]
fn every_resource_exists_matches_its_schema_and_its_json_holds_the_same_rows() {
    let out = site();
    let mut seen = BTreeSet::new();
    for prefix in ["", "en/"] {
        let pkg = package(prefix);
        assert!(
            pkg["licenses"][0]["name"] == "cc-by-4.0",
            "{}",
            pkg["licenses"]
        );
        let resources = pkg["resources"].as_array().unwrap();
        let mut tables: BTreeMap<String, (Vec<String>, Vec<Vec<String>>)> = BTreeMap::new();
        for r in resources {
            let path = r["path"].as_str().unwrap();
            let bytes = std::fs::read(out.join(format!("{prefix}data/{path}")))
                .unwrap_or_else(|e| panic!("{prefix}data/{path}: {e}"));
            assert_eq!(r["bytes"].as_u64(), Some(bytes.len() as u64), "{path}");
            assert_eq!(r["hash"].as_str(), Some(sha256(&bytes).as_str()), "{path}");
            let text = String::from_utf8(bytes).unwrap();
            if r["format"] == "csv" {
                let fields = r["schema"]["fields"].as_array().unwrap();
                let (header, rows) = csv_file(&text);
                let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
                assert_eq!(header, names, "{prefix}{path}: header = schema");
                for (n, row) in rows.iter().enumerate() {
                    assert_eq!(row.len(), fields.len(), "{prefix}{path} row {}", n + 2);
                    for (f, v) in fields.iter().zip(row) {
                        conforms(f, v).unwrap_or_else(|e| {
                            panic!("{prefix}{path} row {}, {}: {e}", n + 2, f["name"])
                        });
                    }
                }
                let ids: Vec<String> = fields
                    .iter()
                    .map(|f| f["id"].as_str().unwrap().to_string())
                    .collect();
                tables.insert(r["name"].as_str().unwrap().to_string(), (ids, rows));
                seen.insert(r["name"].as_str().unwrap().to_string());
            }
        }
        // Each JSON holds the CSV's rows, keyed by the stable field ids, with the same values.
        for r in resources.iter().filter(|r| r["format"] == "json") {
            let json: Value = serde_json::from_str(&read(
                out,
                &format!("{prefix}data/{}", r["path"].as_str().unwrap()),
            ))
            .unwrap();
            let (ids, rows) = &tables[json["dataset"].as_str().unwrap()];
            let jrows = json["rows"].as_array().unwrap();
            assert_eq!(jrows.len(), rows.len(), "{}", r["path"]);
            for (jr, row) in jrows.iter().zip(rows) {
                for (id, cell) in ids.iter().zip(row) {
                    let j = &jr[id];
                    let same = match j {
                        Value::Null => cell.is_empty(),
                        Value::Number(n) => n.as_f64() == cell.parse::<f64>().ok(),
                        Value::Bool(b) => cell == &b.to_string(),
                        // A cell a spreadsheet would run as a formula carries a leading `'`.
                        Value::String(s) => {
                            cell == s
                                || (id == "page" && cell.ends_with(s.as_str()))
                                || cell == &format!("'{s}")
                        }
                        _ => false,
                    };
                    assert!(same, "{}: {id} is {j} in JSON, `{cell}` in CSV", r["path"]);
                }
            }
            // Money fields say their unit.
            if json["dataset"] == "budget" {
                assert_eq!(json["units"]["amount"], "million VND");
            }
        }
    }
    for set in [
        "plans",
        "agencies",
        "projects",
        "budget",
        "targets",
        "duties",
        "reports",
        "progress",
        "money",
        "outputs",
        "tasks",
        "quantities",
        "calendar",
    ] {
        assert!(seen.contains(set), "the package has no {set}");
    }
    // The bundled site's data has rows in each dataset.
    let (_, budget) = csv_file(&read(out, "data/budget.csv"));
    assert!(budget.len() > 50, "{}", budget.len());
}

#[test]
fn the_zip_holds_the_whole_package_as_published() {
    let out = site();
    for prefix in ["", "en/"] {
        let bytes = std::fs::read(out.join(format!("{prefix}data/open-data.zip"))).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let pkg = package(prefix);
        let mut want: BTreeSet<String> = pkg["resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["path"].as_str().unwrap().to_string())
            .collect();
        want.insert("datapackage.json".into());
        let names: BTreeSet<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
        assert_eq!(names, want);
        for name in &want {
            let mut f = zip.by_name(name).unwrap();
            let mut inside = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut inside).unwrap();
            let on_disk = std::fs::read(out.join(format!("{prefix}data/{name}"))).unwrap();
            assert!(inside == on_disk, "{prefix}{name} differs in the zip");
        }
    }
}

/// A figure in plain notation written the way the page's language writes it.
fn shown(plain: &str, vi: bool) -> String {
    let (group, mark) = if vi { ('.', ',') } else { (',', '.') };
    let (neg, body) = match plain.strip_prefix('-') {
        Some(b) => ("−", b),
        None => ("", plain),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let mut out = String::from(neg);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(mark);
        out.push_str(frac);
    }
    out
}

fn records(out: &Path, rel: &str) -> Vec<BTreeMap<String, String>> {
    let (header, rows) = csv_file(&read(out, rel));
    // Cells by field id, from the data package's schema of the same file.
    let prefix = if rel.starts_with("en/") { "en/" } else { "" };
    let name = rel.rsplit('/').next().unwrap().trim_end_matches(".csv");
    let pkg = package(prefix);
    let set = pkg["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap()
        .clone();
    let ids: Vec<String> = set["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), header.len());
    rows.into_iter()
        .map(|r| ids.iter().cloned().zip(r).collect())
        .collect()
}

#[test]
fn figures_in_the_downloads_are_the_figures_on_the_pages() {
    let out = site();
    let mut checked = 0;
    for (prefix, vi) in [("", true), ("en/", false)] {
        let page = |rel: &str| visible_text(&read(out, &format!("{prefix}{rel}")));
        // Every budget line is on its project's page; every printed total, and the sum of its
        // lines when they differ, on its plan's page (or its project's).
        for r in records(out, &format!("{prefix}data/budget.csv")) {
            let plan = &r["plan_id"];
            let at = match r["project_id"].as_str() {
                "" => format!("plans/{plan}.html"),
                p => format!("plans/{plan}/{p}.html"),
            };
            let text = page(&at);
            for k in ["amount", "lines_sum"] {
                let v = &r[k];
                if v.is_empty() || (k == "lines_sum" && r["check"] != "differs") {
                    continue;
                }
                assert!(
                    text.contains(&shown(v, vi)),
                    "{prefix}{at} does not show the {k} {v} of the budget CSV"
                );
                checked += 1;
            }
        }
        // Every reported value is on its target's page.
        for r in records(out, &format!("{prefix}data/progress.csv")) {
            if r["value"].is_empty() {
                continue;
            }
            let at = format!("plans/{}/targets/{}.html", r["plan_id"], r["target_id"]);
            assert!(
                page(&at).contains(&shown(&r["value"], vi)),
                "{prefix}{at} does not show the value {} of {}",
                r["value"],
                r["report_id"]
            );
            checked += 1;
        }
        // Every figure a chart's CSV holds is on the page that draws it.
        for plan in ["van-quan-2021-2025", "dai-tu-2022"] {
            let chart = format!("{prefix}charts/{plan}/budget.csv");
            let (_, rows) = csv_file(&read(out, &chart));
            let text = page(&format!("plans/{plan}.html"));
            for row in rows {
                for cell in row.iter().skip(2).filter(|c| plain_number(c)) {
                    assert!(
                        text.contains(&shown(cell, vi)),
                        "{chart}: {cell} is not on the page"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 500, "only {checked} figures compared");
}

#[test]
fn every_table_and_chart_links_its_files_and_the_open_data_page_counts_them() {
    let out = site();
    let plan = read(out, "plans/van-quan-2021-2025.html");
    for f in [
        "../data/van-quan-2021-2025-budget.csv",
        "../data/van-quan-2021-2025-budget.json",
        "../data/van-quan-2021-2025-targets.csv",
        "../data/van-quan-2021-2025-projects.csv",
        "../data/van-quan-2021-2025-duties.csv",
        "../data/van-quan-2021-2025-progress.csv",
        "../charts/van-quan-2021-2025/budget.svg",
        "../charts/van-quan-2021-2025/budget.csv",
    ] {
        assert!(
            plan.contains(&format!("href=\"{f}\"")),
            "the plan page has no link to {f}"
        );
    }
    // The English page links its English CSV, and the JSON (the same in both languages).
    let en = read(out, "en/plans/van-quan-2021-2025.html");
    assert!(en.contains("href=\"../data/van-quan-2021-2025-budget.csv\""));
    assert!(en.contains("href=\"../../data/van-quan-2021-2025-budget.json\""));
    assert!(read(out, "en/data/van-quan-2021-2025-budget.csv").starts_with("\u{feff}Plan id,"));
    // A plan without a budget has no budget file, and its page links none.
    assert!(!out.join("data/cau-ngang-2022-budget.csv").exists());
    assert!(!read(out, "plans/cau-ngang-2022.html").contains("cau-ngang-2022-budget.csv"));
    // A chart's SVG stands alone; its CSV has a header in the page's language.
    let svg = read(out, "charts/van-quan-2021-2025/budget.svg");
    assert!(svg.starts_with("<?xml") && svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("<title>"));
    assert!(
        read(out, "en/charts/van-quan-2021-2025/budget.csv").starts_with("\u{feff}Project,Title,")
    );
    // The cite line names the page and the data's date.
    assert!(
        visible_text(&plan).contains("plans/van-quan-2021-2025.html, số liệu đến ngày 30/11/2026")
    );
    // The open data page gives each dataset's row count as its files hold it, and the licence.
    for (prefix, vi) in [("", true), ("en/", false)] {
        let page = read(out, &format!("{prefix}open-data.html"));
        for set in ["budget", "targets", "duties", "progress", "agencies"] {
            let (_, rows) = csv_file(&read(out, &format!("{prefix}data/{set}.csv")));
            let n = shown(&rows.len().to_string(), vi);
            assert!(
                page.contains(&format!("\"#set-{set}\""))
                    && page.contains(&format!("<td class=\"num\">{n}</td>")),
                "{prefix}open-data.html: no {set} with {n} rows"
            );
        }
        assert!(page.contains("CC BY 4.0"));
        assert!(
            page.contains("pd.read_csv(&quot;data/budget.csv&quot;)")
                || page.contains("pd.read_csv(\"data/budget.csv\")")
        );
    }
}
