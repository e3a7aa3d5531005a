//! Budget lines and printed totals kept as tables (`budget.csv`, `printed-totals.csv`, or the
//! sheets of `plan.xlsx`): each row is validated as the TOML entry it stands for, against its
//! own file or sheet, and joins the project it names. The site is the same whichever form holds
//! the figures.

use super::Validator;
use crate::load::raw::{RawBudgetRow, RawMoney};
use crate::load::{RawPlanDir, Sourced};
use crate::model::{Money, Period, Project};
use crate::problem::{did_you_mean, SourceFile};
use toml::Spanned;

/// The raw money entry a row stands for.
fn money_of(row: &Spanned<RawBudgetRow>) -> Spanned<RawMoney> {
    let r = row.get_ref();
    Spanned::new(
        row.span(),
        RawMoney {
            amount: r.amount.clone(),
            source: r.source,
            capital: r.capital,
            phase: r.phase,
            year: r.year,
            note: r.note.clone(),
            reference: r.reference.clone(),
        },
    )
}

fn find<'p>(projects: &'p mut [Project], id: &str) -> Option<&'p mut Project> {
    for p in projects.iter_mut() {
        if p.id == id {
            return Some(p);
        }
        if let Some(s) = p.subprojects.iter_mut().find(|s| s.id == id) {
            return Some(s);
        }
    }
    None
}

fn ids(projects: &[Project]) -> Vec<String> {
    projects
        .iter()
        .flat_map(|p| {
            std::iter::once(p.id.clone()).chain(p.subprojects.iter().map(|s| s.id.clone()))
        })
        .collect()
}

/// Rows whose project was found: (row, its money, where it went: `None` = the plan).
type Placed<'a> = Vec<(&'a Spanned<RawBudgetRow>, Money, Option<String>)>;

/// Why a total cell that holds a formula is not published as printed, and what to do.
const COMPUTED_TOTAL: &str = "this total cell holds a formula, computed by the spreadsheet, not a figure printed in the document: the site does not publish it as printed (it adds up the budget lines itself and labels that sum as the sum of the lines). Type the figure the document prints (as a number or as text), or delete the row if the document prints no such total · ô tổng này chứa công thức, do bảng tính tự tính, không phải số in trong văn bản: trang không đăng nó là số in (trang tự cộng các dòng vốn và ghi rõ đó là tổng các dòng). Hãy gõ đúng con số văn bản in (dạng số hoặc chữ), hoặc xoá dòng này nếu văn bản không in tổng đó";

impl Validator {
    /// A printed total whose amount cell holds a formula (`=SUM(…)`) is the spreadsheet's
    /// own sum, not a figure printed in the document: warned at its cell and left out, so that
    /// no page or download calls it printed.
    fn computed_total(&mut self, f: &SourceFile, row: &Spanned<RawBudgetRow>) -> bool {
        let Some(amount) = &row.get_ref().amount else {
            return false;
        };
        if !f.cell_at(amount.span().start).is_some_and(|c| c.formula) {
            return false;
        }
        self.warn(f, Some(amount.span()), COMPUTED_TOTAL);
        true
    }

    /// The project a row names, or a problem at its `project` cell.
    fn row_project(
        &mut self,
        f: &SourceFile,
        row: &Spanned<RawBudgetRow>,
        projects: &[Project],
        plan_allowed: bool,
    ) -> Option<Option<String>> {
        let Some(p) = &row.get_ref().project else {
            if plan_allowed {
                return Some(None);
            }
            self.problem(f, Some(row.span()), "a budget line needs `project`: the id of the project or sub-project it belongs to (as in projects.toml)");
            return None;
        };
        let id = p.get_ref().trim();
        let known = ids(projects);
        if known.iter().any(|k| k == id) {
            return Some(Some(id.to_string()));
        }
        let hint = did_you_mean(id, known.iter().map(String::as_str))
            .map(|k| format!("; did you mean `{k}`?"))
            .unwrap_or_else(|| {
                if known.is_empty() {
                    "; projects.toml lists no projects yet".into()
                } else {
                    format!("; the projects are: {}", known.join(", "))
                }
            });
        self.problem(
            f,
            Some(p.span()),
            format!("project = \"{id}\": no project or sub-project of this plan has this id{hint}"),
        );
        None
    }

    /// Adds the budget lines of the tables to their projects, and returns the plan's own printed
    /// totals from them; printed totals of projects join their projects. Every printed total of
    /// the tables is then compared with the lines it covers.
    pub(super) fn budget_tables(
        &mut self,
        dir: &RawPlanDir,
        projects: &mut [Project],
        period: Option<Period>,
        figures_read: impl Fn(&Validator) -> bool,
    ) -> Vec<Money> {
        self.table_lines(dir, projects, period);
        let Some(Sourced { file, data }) = &dir.total_rows else {
            return Vec::new();
        };
        let mut placed: Placed = Vec::new();
        for row in data {
            let Some(target) = self.row_project(file, row, projects, true) else {
                continue;
            };
            if self.computed_total(file, row) {
                continue;
            }
            let total = self.printed_total(file, &money_of(row), period);
            placed.push((row, total, target));
        }
        let read = figures_read(self);
        let mut plan_totals = Vec::new();
        for (row, total, target) in placed {
            match target {
                None => {
                    if read {
                        let lines: Vec<&Money> =
                            projects.iter().flat_map(|p| p.all_budget()).collect();
                        self.reconcile(file, &money_of(row), &total, lines);
                    }
                    plan_totals.push(total);
                }
                Some(id) => {
                    if read {
                        if let Some(p) = find(projects, &id) {
                            let lines: Vec<Money> = p.all_budget().cloned().collect();
                            self.reconcile(file, &money_of(row), &total, lines.iter());
                        }
                    }
                    if let Some(p) = find(projects, &id) {
                        p.printed_totals.push(total);
                    }
                }
            }
        }
        plan_totals
    }
}

impl Validator {
    /// The budget lines of `budget.csv` (or its sheet), each added to its project.
    fn table_lines(&mut self, dir: &RawPlanDir, projects: &mut [Project], period: Option<Period>) {
        if let (Some(b), Some(pr)) = (&dir.budget_rows, &dir.projects) {
            if !b.data.is_empty() && has_toml_lines(&pr.data.project) {
                self.problem(&b.file, None, "projects.toml holds budget lines too: keep the budget lines in one place (this table, or [[project.budget]] entries)");
            }
        }
        if let Some(Sourced { file, data }) = &dir.budget_rows {
            for row in data {
                let Some(Some(id)) = self.row_project(file, row, projects, false) else {
                    continue;
                };
                let line = self.budget_line(file, &money_of(row), period);
                if let Some(p) = find(projects, &id) {
                    p.budget.push(line);
                }
            }
        }
    }
}

fn has_toml_lines(projects: &[Spanned<crate::load::raw::RawProject>]) -> bool {
    projects.iter().any(|p| {
        let p = p.get_ref();
        !p.budget.is_empty() || has_toml_lines(&p.subproject)
    })
}
