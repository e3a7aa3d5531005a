//! Disbursed above the allocation it is measured against: possible (advances, carried-over
//! funds) but worth a look, so a warning at the disbursed figure, naming the allocation it
//! exceeds and where it was given. Checked across the plan's reports, in TOML or CSV, so that a
//! report without an allocation of its own is measured against an earlier report's or the plan's.

use super::context::{key, Places};
use super::Validator;
use crate::model::money::{allocation_for, Allocation};
use crate::model::progress::{MoneyFigure, Report};
use crate::model::{Phase, Project};
use crate::problem::clip;

impl Validator {
    /// Every disbursed figure of `reports` (in publication order, each with its `places`) against
    /// its allocation. Skipped when a money figure could not be read: it counts as zero, and
    /// comparing it would only repeat that error.
    pub(super) fn overdisbursed(
        &mut self,
        reports: &[Report],
        places: &[Places],
        projects: &[Project],
        figures_read: bool,
    ) {
        if !figures_read || places.iter().any(|p| !p.money_read) {
            return;
        }
        let all: Vec<&Project> = projects
            .iter()
            .flat_map(|p| std::iter::once(p).chain(&p.subprojects))
            .collect();
        for (r, p) in reports.iter().zip(places) {
            for (m, place) in r.money.iter().zip(&p.money) {
                if m.phase != Phase::Disbursed {
                    continue;
                }
                let Some(a) = allocation_for(m, reports, all.iter().copied()) else {
                    continue;
                };
                if m.amount > a.amount {
                    let message = over_message(m, &a, reports);
                    self.warn(&place.0, Some(place.1.clone()), message);
                }
            }
        }
    }
}

fn over_message(m: &MoneyFigure, a: &Allocation, reports: &[Report]) -> String {
    let line = format!(
        "{}, {}{}, {}",
        clip(&m.project),
        key(m.source),
        m.capital
            .map(|c| format!(" · {}", key(c)))
            .unwrap_or_default(),
        m.year
    );
    let what = match a.phase {
        Phase::Adjusted => "of the adjusted allocation of",
        _ => "allocated to",
    };
    let given = match a.given {
        Some((i, day)) => format!("in report `{}` (as of {day})", clip(&reports[i].id)),
        None => "in the plan".to_string(),
    };
    format!(
        "disbursed {} million VND ({line}, as of {}) is more than the {} million VND {what} that line for {} {given}; disbursing more than allocated happens (advances, carried-over funds) but is worth a look: check the figures",
        m.amount, m.as_of, a.amount, m.year
    )
}
