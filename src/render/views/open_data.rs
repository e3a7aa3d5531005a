//! The open-data page (`open-data.html`): every dataset of the whole-site package with its
//! size, rows and fields, the zip, and how to load the files.
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::render::context::{rel, Ctx, Link, Meta};
use crate::render::data::{package, Set};
use crate::render::{format, links};

/// A downloadable file: its address and size.
#[derive(Serialize)]
pub struct FileLink {
    pub url: String,
    pub name: String,
    pub size: String,
}

#[derive(Serialize)]
pub struct FieldView {
    pub header: &'static str,
    pub id: &'static str,
    pub ty: &'static str,
    pub unit: Option<&'static str>,
    pub values: String,
    pub about: &'static str,
}

#[derive(Serialize)]
pub struct DatasetView {
    pub id: &'static str,
    pub title: &'static str,
    pub rows: String,
    pub csv: FileLink,
    pub json: FileLink,
    pub fields: Vec<FieldView>,
}

/// A plan's own files.
#[derive(Serialize)]
pub struct PlanFiles {
    pub plan: Link,
    pub files: Vec<crate::render::context::Downloads>,
}

#[derive(Serialize)]
pub struct OpenDataView<'a> {
    pub meta: Meta<'a>,
    pub as_of: Option<String>,
    pub zip: FileLink,
    pub descriptor: FileLink,
    pub datasets: Vec<DatasetView>,
    /// (tool, one line that loads the budget in it).
    pub examples: Vec<(&'static str, String)>,
    /// Each plan's own files, on a site of at most `PLANS_PER_PAGE` plans.
    pub plans: Vec<PlanFiles>,
}

/// A size in bytes as readers read it: "840 B", "12,3 KB", "4,1 MB".
fn size(n: usize, lang: crate::model::Lang) -> String {
    let (v, unit) = match n {
        n if n < 1024 => return format!("{n} B"),
        n if n < 1024 * 1024 => (n as f64 / 1024.0, "KB"),
        n => (n as f64 / 1024.0 / 1024.0, "MB"),
    };
    let s = format!("{v:.1}");
    match lang {
        crate::model::Lang::Vi => format!("{} {unit}", s.replace('.', ",")),
        crate::model::Lang::En => format!("{s} {unit}"),
    }
}

/// A count with the thousands grouped as the language writes them.
fn count(n: usize, lang: crate::model::Lang) -> String {
    format::decimal(crate::model::Decimal::new(n as i128, 0), lang)
}

/// The open data page: every dataset of the whole-site package with its size, rows and fields,
/// the zip, the date and licence, and how to load the files.
pub fn open_data_page<'a>(cx: &Ctx<'a>) -> OpenDataView<'a> {
    let pkg = cx.package();
    OpenDataView {
        meta: cx.page_meta(FROM, "open_data", "open_data_intro"),
        as_of: crate::render::data::data_date(cx.site).map(|d| format::day(d, cx.lang)),
        zip: file(cx, package::ZIP, pkg.zip.len()),
        descriptor: file(cx, package::DESCRIPTOR, pkg.descriptor.len()),
        datasets: pkg.resources.iter().map(|r| dataset(cx, r)).collect(),
        examples: examples(cx),
        plans: plan_files(cx),
    }
}

/// The page's own path.
const FROM: &str = "open-data.html";

/// A file of the package, `bytes` long.
fn file(cx: &Ctx, name: &str, bytes: usize) -> FileLink {
    FileLink {
        url: rel(FROM, &links::package_file(name)),
        name: name.to_string(),
        size: size(bytes, cx.lang),
    }
}

/// A dataset of the package: its files and its fields.
fn dataset(cx: &Ctx, r: &package::Resource) -> DatasetView {
    DatasetView {
        id: r.set.id(),
        title: r.set.title(cx.lang),
        rows: count(r.rows, cx.lang),
        csv: file(cx, &format!("{}.csv", r.set.id()), r.csv.bytes),
        json: file(cx, &format!("{}.json", r.set.id()), r.json.bytes),
        fields: r
            .set
            .fields()
            .iter()
            .map(|f| FieldView {
                header: f.header(cx.lang),
                id: f.id,
                ty: f.ty.schema(),
                unit: f.unit,
                values: f.values.join(", "),
                about: f.about,
            })
            .collect(),
    }
}

/// One line per tool that loads the budget, from where the site is published (or from the
/// folder, without a base URL).
fn examples(cx: &Ctx) -> Vec<(&'static str, String)> {
    let address = |name: &str| match &cx.site.settings.base_url {
        Some(b) => format!(
            "{b}{}",
            links::page_path(cx.lang, &links::package_file(name))
        ),
        None => links::package_file(name),
    };
    let budget = address(&format!("{}.csv", Set::Budget.id()));
    vec![
        (
            "Python (pandas)",
            format!("import pandas as pd; budget = pd.read_csv(\"{budget}\")"),
        ),
        (
            "R",
            format!("budget <- read.csv(\"{budget}\", fileEncoding = \"UTF-8-BOM\")"),
        ),
        ("Excel", cx.ui.get("open_data_excel").to_string()),
        (
            "Python (JSON)",
            format!(
                "import json, urllib.request; rows = json.load(urllib.request.urlopen(\"{}\"))[\"rows\"]",
                address(&format!("{}.json", Set::Budget.id()))
            ),
        ),
        (
            "Frictionless",
            format!("frictionless validate {}", address(package::DESCRIPTOR)),
        ),
    ]
}

/// Each plan's own files, on a site of at most `PLANS_PER_PAGE` plans.
fn plan_files(cx: &Ctx) -> Vec<PlanFiles> {
    if cx.site.plans.len() > crate::render::context::PLANS_PER_PAGE {
        return Vec::new();
    }
    cx.site
        .plans
        .iter()
        .map(|p| PlanFiles {
            plan: Link {
                url: rel(FROM, &links::plan(&p.id)),
                label: cx.l(p.label()),
            },
            files: cx.plan_downloads(FROM, p).into_values().collect(),
        })
        .collect()
}
