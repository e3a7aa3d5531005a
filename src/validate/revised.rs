//! Figures a later report changes: an error without a reason (a published figure is never
//! changed silently); with one, a note naming the old and the new figure with their unit, so
//! that `check` says what the pages and the feed will show as revised, with the same figures.

use super::context::{key, Places};
use super::Validator;
use crate::model::progress::{revisions, Report, Revised, Revision};
use crate::model::{budget, Decimal, Project, Target};

impl Validator {
    /// Every revision of the plan's reports (in publication order, each with its `places`).
    pub(super) fn revisions_checked(
        &mut self,
        reports: &[Report],
        places: &[Places],
        (targets, projects): (&[Target], &[Project]),
    ) {
        for rev in revisions(reports) {
            let by = &reports[rev.by_report];
            let (at, e) = (&places[rev.by_report], rev.entry);
            let (reason, place) = match &rev.item {
                Revised::Target(_) => (by.values[e].reason.is_some(), &at.values[e]),
                Revised::Money { .. } => (by.money[e].reason.is_some(), &at.money[e]),
                Revised::Output { .. } => (by.outputs[e].reason.is_some(), &at.outputs[e]),
            };
            let from = &reports[rev.from_report].id;
            if reason {
                let units = Units::of(&rev.item, targets, projects);
                let note = place
                    .0
                    .problem(Some(place.1.clone()), revised_note(&rev, from, &units));
                self.problems.push(note.note());
                continue;
            }
            let vi = |d: Decimal| d.to_string();
            self.problem(
                &place.0,
                Some(place.1.clone()),
                format!(
                    "this changes {} for {} from {} (report `{}`) to {} without saying why: add `reason` (a figure already published is never changed silently)",
                    revised_names(&rev.item).0,
                    rev.as_of,
                    vi(rev.old),
                    from,
                    vi(rev.new)
                ),
            );
        }
    }
}

/// The unit of a revised figure, in English and Vietnamese, as the pages give it.
struct Units {
    en: String,
    vi: String,
}

impl Units {
    fn of(item: &Revised, targets: &[Target], projects: &[Project]) -> Units {
        let (en, vi) = match item {
            Revised::Target(id) => targets
                .iter()
                .find(|t| &t.id == id)
                .and_then(|t| t.unit.as_ref())
                .map(|u| (u.get(crate::model::Lang::En).text.to_string(), u.vi.clone()))
                .unwrap_or_default(),
            Revised::Money { .. } => ("million VND".into(), "triệu đồng".into()),
            Revised::Output { project, quantity } => projects
                .iter()
                .flat_map(|p| std::iter::once(p).chain(&p.subprojects))
                .find(|p| &p.id == project)
                .and_then(|p| {
                    p.quantities
                        .iter()
                        .find(|q| q.id.as_ref() == Some(quantity))
                })
                .map(|q| {
                    (
                        q.unit.get(crate::model::Lang::En).text.to_string(),
                        q.unit.vi.clone(),
                    )
                })
                .unwrap_or_default(),
        };
        Units { en, vi }
    }
}

/// "9,3%", "255,6 triệu đồng", "773 hộ": a figure with its unit, in Vietnamese notation.
fn with_unit(d: Decimal, unit: &str) -> String {
    match unit.trim() {
        "" => d.to_string(),
        "%" => format!("{d}%"),
        u => format!("{d} {u}"),
    }
}

/// The note of a revision with its reason: what changed, from what to what, with the unit.
fn revised_note(rev: &Revision, from: &str, u: &Units) -> String {
    let (name, name_vi) = revised_names(&rev.item);
    format!(
        "revises {} as of {}: {} (report `{from}`) becomes {}; the pages and the feed show both figures, with the reason · sửa {} ngày {}: {} (báo cáo `{from}`) thành {}; trang và bản tin hiển thị cả hai số, kèm lý do",
        name,
        rev.as_of,
        with_unit(rev.old, &u.en),
        with_unit(rev.new, &u.en),
        name_vi,
        rev.as_of,
        with_unit(rev.old, &u.vi),
        with_unit(rev.new, &u.vi),
    )
}

/// What a revision changes, in English and in Vietnamese.
fn revised_names(item: &Revised) -> (String, String) {
    match item {
        Revised::Target(t) => (
            format!("the value of target `{t}`"),
            format!("giá trị chỉ tiêu `{t}`"),
        ),
        Revised::Money {
            project,
            source,
            phase,
            year,
            ..
        } => (
            format!(
                "money {} of `{project}` ({} {year})",
                key(phase),
                key(source)
            ),
            format!(
                "số vốn {} của `{project}` ({} năm {year})",
                budget::phase_vi(*phase),
                budget::source_vi(*source)
            ),
        ),
        Revised::Output { project, quantity } => (
            format!("the output `{quantity}` of `{project}`"),
            format!("sản phẩm `{quantity}` của `{project}`"),
        ),
    }
}
