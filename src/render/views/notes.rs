//! Pages about the data rather than the plans: the data notes (where a document contradicts
//! itself, and every printed total that its lines do not add up to), the glossary and the
//! accessibility statement.

use super::{rel, Ctx, Link, Meta, SourceRef, L};
use crate::model::budget::{self, Check};
use crate::model::{Money, Plan};
use crate::render::{format, links};
use serde::Serialize;

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
                what.push_str(cx.ui.get(super::plan::phase_key(ph)));
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
                difference: format::decimal(printed - computed, cx.lang),
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
                label: super::plan::row_label(cx, pr),
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
