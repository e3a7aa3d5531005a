//! Pages about the data rather than the plans: the data notes (where a document contradicts
//! itself, and every printed total that its lines do not add up to), the glossary, the
//! accessibility statement and the open-data page.
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::budget::{self, Check};
use crate::model::{Money, Plan};
use crate::render::context::{rel, Ctx, Link, Meta, SourceRef, L};
use crate::render::{format, links};

/// A note the content carries on a target or a project.
#[derive(Serialize)]
pub struct NoteView {
    pub plan: Link,
    pub item: Link,
    pub note: L,
}

/// A printed total that its lines do not add up to.
#[derive(Serialize)]
pub struct FindingView {
    pub plan: Link,
    /// The project whose total it is; `None` for the plan's own totals.
    pub item: Option<Link>,
    pub what: String,
    pub printed: String,
    pub computed: String,
    pub difference: String,
    pub reference: Option<SourceRef>,
}

#[derive(Serialize)]
pub struct DataNotesView<'a> {
    pub meta: Meta<'a>,
    pub notes: Vec<NoteView>,
    pub findings: Vec<FindingView>,
    /// The budget and targets datasets, whose rows these notes are about.
    pub data: std::collections::BTreeMap<&'static str, crate::render::context::Downloads>,
}

fn plan_link(cx: &Ctx, from: &str, p: &Plan) -> Link {
    Link {
        url: rel(from, &links::plan(&p.id)),
        label: cx.l(p.label()),
    }
}

fn findings_of<'m>(
    cx: &Ctx,
    (from, p): (&str, &Plan),
    item: Option<Link>,
    totals: &[Money],
    lines: impl Fn() -> Vec<&'m Money>,
) -> Vec<FindingView> {
    totals
        .iter()
        .filter_map(|t| {
            let Check::Differs { computed } = budget::reconcile(t, lines()) else {
                return None;
            };
            let printed = t.amount?;
            let mut what = String::new();
            if let Some(ph) = t.phase {
                what.push_str(cx.ui.get(crate::render::parts::labels::phase_key(ph)));
            }
            if let Some(y) = t.year {
                what.push_str(&format!(" {y}"));
            }
            Some(FindingView {
                plan: plan_link(cx, from, p),
                item: item.clone(),
                what,
                printed: cx.money(printed),
                computed: cx.money(computed),
                difference: format::money_difference(printed - computed, cx.lang),
                reference: cx.source(from, p, &t.reference),
            })
        })
        .collect()
}

pub fn data_notes_page<'a>(cx: &Ctx<'a>) -> DataNotesView<'a> {
    let from = "data-notes.html";
    let mut notes = Vec::new();
    let mut findings = Vec::new();
    for p in &cx.site.plans {
        for t in &p.targets {
            if let Some(n) = &t.data_note {
                notes.push(NoteView {
                    plan: plan_link(cx, from, p),
                    item: Link {
                        url: rel(from, &links::target(&p.id, &t.id)),
                        label: cx.l(&t.indicator),
                    },
                    note: cx.l(n),
                });
            }
        }
        let all: Vec<&Money> = p.all_projects().flat_map(|pr| pr.budget.iter()).collect();
        findings.extend(findings_of(cx, (from, p), None, &p.printed_totals, || {
            all.clone()
        }));
        for pr in p.all_projects() {
            let item = Link {
                url: rel(from, &links::project(&p.id, &pr.id)),
                label: crate::render::parts::labels::row_label(cx, pr),
            };
            if let Some(n) = &pr.data_note {
                notes.push(NoteView {
                    plan: plan_link(cx, from, p),
                    item: item.clone(),
                    note: cx.l(n),
                });
            }
            findings.extend(findings_of(
                cx,
                (from, p),
                Some(item),
                &pr.printed_totals,
                || pr.all_budget().collect(),
            ));
        }
    }
    DataNotesView {
        data: cx.site_downloads(
            from,
            &[
                crate::render::data::Set::Budget,
                crate::render::data::Set::Targets,
            ],
        ),
        meta: {
            let mut m = cx.meta(from, cx.ui.get("data_notes_title").to_string());
            m.description = Some(cx.ui.get("data_notes_intro").to_string());
            m
        },
        notes,
        findings,
    }
}

#[derive(Serialize)]
pub struct GlossaryView<'a> {
    pub meta: Meta<'a>,
    pub terms: Vec<crate::render::glossary::TermView>,
}

pub fn glossary_page<'a>(
    cx: &Ctx<'a>,
    terms: Vec<crate::render::glossary::TermView>,
) -> GlossaryView<'a> {
    GlossaryView {
        meta: {
            let mut m = cx.meta("glossary.html", cx.ui.get("glossary_title").to_string());
            m.description = Some(cx.ui.get("glossary_intro").to_string());
            m
        },
        terms,
    }
}

#[derive(Serialize)]
pub struct AccessibilityView<'a> {
    pub meta: Meta<'a>,
}

pub fn accessibility_page<'a>(cx: &Ctx<'a>) -> AccessibilityView<'a> {
    AccessibilityView {
        meta: {
            let mut m = cx.meta("accessibility.html", cx.ui.get("a11y_title").to_string());
            m.description = Some(cx.ui.get("a11y_intro").to_string());
            m
        },
    }
}

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
    use crate::render::data::{package, Set};
    let from = "open-data.html";
    let pkg = cx.package();
    let file = |name: &str, bytes: usize| FileLink {
        url: rel(from, &links::package_file(name)),
        name: name.to_string(),
        size: size(bytes, cx.lang),
    };
    let datasets = pkg
        .resources
        .iter()
        .map(|r| DatasetView {
            id: r.set.id(),
            title: r.set.title(cx.lang),
            rows: count(r.rows, cx.lang),
            csv: file(&format!("{}.csv", r.set.id()), r.csv.bytes),
            json: file(&format!("{}.json", r.set.id()), r.json.bytes),
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
        })
        .collect();
    // The examples load the budget from where the site is published, or from the folder.
    let address = |name: &str| match &cx.site.settings.base_url {
        Some(b) => format!(
            "{b}{}",
            links::page_path(cx.lang, &links::package_file(name))
        ),
        None => links::package_file(name),
    };
    let budget = address(&format!("{}.csv", Set::Budget.id()));
    let examples = vec![
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
    ];
    let plans = if cx.site.plans.len() <= crate::render::context::PLANS_PER_PAGE {
        cx.site
            .plans
            .iter()
            .map(|p| PlanFiles {
                plan: Link {
                    url: rel(from, &links::plan(&p.id)),
                    label: cx.l(p.label()),
                },
                files: cx.plan_downloads(from, p).into_values().collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut meta = cx.meta(from, cx.ui.get("open_data").to_string());
    meta.description = Some(cx.ui.get("open_data_intro").to_string());
    OpenDataView {
        meta,
        as_of: crate::render::data::data_date(cx.site).map(|d| format::day(d, cx.lang)),
        zip: file(package::ZIP, pkg.zip.len()),
        descriptor: file(package::DESCRIPTOR, pkg.descriptor.len()),
        datasets,
        examples,
        plans,
    }
}
