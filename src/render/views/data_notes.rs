//! The data notes (`data-notes.html`): the notes the content carries on targets and projects
//! (where a document contradicts itself), and every printed total that its lines do not add up
//! to.
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::budget::{self, Check};
use crate::model::{Money, Plan, Project, Target};
use crate::render::context::{rel, Ctx, Link, Meta, SourceRef, L};
use crate::render::data::Set;
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
        notes.extend(plan_notes(cx, from, p));
        findings.extend(plan_findings(cx, from, p));
    }
    DataNotesView {
        data: cx.site_downloads(from, &[Set::Budget, Set::Targets]),
        meta: cx.page_meta(from, "data_notes_title", "data_notes_intro"),
        notes,
        findings,
    }
}

/// The notes on a plan's targets, then on its projects.
fn plan_notes(cx: &Ctx, from: &str, p: &Plan) -> Vec<NoteView> {
    let on_targets = p.targets.iter().filter_map(|t| {
        Some(NoteView {
            plan: plan_link(cx, from, p),
            item: target_link(cx, from, p, t),
            note: cx.l(t.data_note.as_ref()?),
        })
    });
    let on_projects = p.all_projects().filter_map(|pr| {
        Some(NoteView {
            plan: plan_link(cx, from, p),
            item: project_link(cx, from, p, pr),
            note: cx.l(pr.data_note.as_ref()?),
        })
    });
    on_targets.chain(on_projects).collect()
}

/// The plan's printed totals that its lines do not add up to, then each project's.
fn plan_findings(cx: &Ctx, from: &str, p: &Plan) -> Vec<FindingView> {
    let all: Vec<&Money> = p.all_projects().flat_map(|pr| pr.budget.iter()).collect();
    let mut findings = findings_of(cx, (from, p), None, &p.printed_totals, || all.clone());
    for pr in p.all_projects() {
        findings.extend(findings_of(
            cx,
            (from, p),
            Some(project_link(cx, from, p, pr)),
            &pr.printed_totals,
            || pr.all_budget().collect(),
        ));
    }
    findings
}

fn target_link(cx: &Ctx, from: &str, p: &Plan, t: &Target) -> Link {
    Link {
        url: rel(from, &links::target(&p.id, &t.id)),
        label: cx.l(&t.indicator),
    }
}

fn project_link(cx: &Ctx, from: &str, p: &Plan, pr: &Project) -> Link {
    Link {
        url: rel(from, &links::project(&p.id, &pr.id)),
        label: crate::render::parts::labels::row_label(cx, pr),
    }
}
