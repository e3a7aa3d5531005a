//! The datasets of the site: which there are (`Set`), their titles and fields, and their rows,
//! from the whole site or from one plan. Each family of datasets has its module, holding its
//! fields and how its rows are made from the model: `plan` (what the plans print), `targets`,
//! `reports` (what the progress reports say) and `supervision`; `field` and `cell` hold the
//! parts they share.
//!
//! Stage: datasets (render::data), under the views; reads the model, never a page view.

mod cell;
mod field;
mod plan;
mod reports;
mod supervision;
mod targets;

pub use field::{Field, Ty, MILLION_VND};

use super::Cell;
use crate::model::*;

/// A dataset of the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Set {
    Plans,
    Agencies,
    Projects,
    Budget,
    Targets,
    Duties,
    Reports,
    Progress,
    Money,
    Outputs,
    Tasks,
    Quantities,
    Calendar,
    Supervision,
    Findings,
    Recommendations,
    Responses,
}

impl Set {
    pub const ALL: [Set; 17] = [
        Set::Plans,
        Set::Agencies,
        Set::Projects,
        Set::Budget,
        Set::Targets,
        Set::Duties,
        Set::Reports,
        Set::Progress,
        Set::Money,
        Set::Outputs,
        Set::Tasks,
        Set::Quantities,
        Set::Calendar,
        Set::Supervision,
        Set::Findings,
        Set::Recommendations,
        Set::Responses,
    ];

    /// The datasets a plan has files of its own for: all but the first two (plans and
    /// agencies), which are the site's.
    pub const OF_PLAN: [Set; 15] = {
        let mut of_plan = [Set::Projects; 15];
        let mut i = 0;
        while i < of_plan.len() {
            of_plan[i] = Set::ALL[i + 2];
            i += 1;
        }
        of_plan
    };

    /// The id: the file name and the data package's resource name.
    pub fn id(self) -> &'static str {
        match self {
            Set::Plans => "plans",
            Set::Agencies => "agencies",
            Set::Projects => "projects",
            Set::Budget => "budget",
            Set::Targets => "targets",
            Set::Duties => "duties",
            Set::Reports => "reports",
            Set::Progress => "progress",
            Set::Money => "money",
            Set::Outputs => "outputs",
            Set::Tasks => "tasks",
            Set::Quantities => "quantities",
            Set::Calendar => "calendar",
            Set::Supervision => "supervision",
            Set::Findings => "findings",
            Set::Recommendations => "recommendations",
            Set::Responses => "responses",
        }
    }

    /// The columns of the dataset, in order.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Set::Plans => plan::PLANS,
            Set::Agencies => plan::AGENCIES,
            Set::Projects => plan::PROJECTS,
            Set::Budget => plan::BUDGET,
            Set::Targets => targets::TARGETS,
            Set::Duties => plan::DUTIES,
            Set::Reports => reports::REPORTS,
            Set::Progress => reports::PROGRESS,
            Set::Money => reports::MONEY,
            Set::Outputs => reports::OUTPUTS,
            Set::Tasks => reports::TASKS,
            Set::Quantities => plan::QUANTITIES,
            Set::Calendar => reports::CALENDAR,
            Set::Supervision => supervision::SUPERVISION,
            Set::Findings => supervision::FINDINGS,
            Set::Recommendations => supervision::RECOMMENDATIONS,
            Set::Responses => supervision::RESPONSES,
        }
    }

    /// (Vietnamese, English) title.
    fn titles(self) -> (&'static str, &'static str) {
        match self {
            Set::Plans => ("Kế hoạch", "Plans"),
            Set::Agencies => ("Cơ quan, đơn vị", "Agencies"),
            Set::Projects => ("Dự án và tiểu dự án", "Projects and sub-projects"),
            Set::Budget => (
                "Kinh phí: các dòng và tổng in trong văn bản, đối chiếu",
                "Budget: lines and printed totals, reconciled",
            ),
            Set::Targets => ("Chỉ tiêu", "Targets"),
            Set::Duties => ("Nhiệm vụ của các cơ quan", "Duties of agencies"),
            Set::Reports => ("Báo cáo tiến độ", "Progress reports"),
            Set::Progress => ("Giá trị chỉ tiêu đã báo cáo", "Reported values of targets"),
            Set::Money => (
                "Vốn được giao và giải ngân đã báo cáo",
                "Reported allocations and disbursements",
            ),
            Set::Outputs => ("Khối lượng đã thực hiện", "Outputs delivered"),
            Set::Tasks => ("Tình trạng nhiệm vụ", "State of tasks"),
            Set::Quantities => ("Khối lượng theo kế hoạch", "Planned quantities"),
            Set::Calendar => (
                "Lịch báo cáo và tình trạng nộp",
                "Reporting calendar and delivery",
            ),
            Set::Supervision => ("Các cuộc giám sát", "Supervision activities"),
            Set::Findings => ("Phát hiện qua giám sát", "Findings of supervision"),
            Set::Recommendations => (
                "Kiến nghị giám sát và tình trạng trả lời",
                "Recommendations and whether they were answered",
            ),
            Set::Responses => ("Trả lời kiến nghị", "Answers to recommendations"),
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        let (vi, en) = self.titles();
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    pub fn from_id(id: &str) -> Option<Set> {
        Set::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// The rows of `set`: of the whole site, or of plan `only` alone. Page addresses are those of
/// `lang`; every other cell is the same in both languages.
pub fn rows(site: &Site, set: Set, only: Option<usize>, lang: Lang) -> Vec<Vec<Cell>> {
    let plans: Vec<&Plan> = match only {
        Some(i) => vec![&site.plans[i]],
        None => site.plans.iter().collect(),
    };
    let mut out = Vec::new();
    match set {
        Set::Agencies => plan::agency_rows(site, lang, &mut out),
        _ => {
            let agencies = agencies(site);
            for p in plans {
                plan_rows((site, &agencies), p, set, lang, &mut out);
            }
        }
    }
    out
}

/// Each row of dataset `set` of the whole site in turn, made plan by plan: a large site's rows
/// are never all held at once.
pub fn for_each_row(site: &Site, set: Set, lang: Lang, mut f: impl FnMut(&[Cell])) {
    if set == Set::Agencies {
        for r in rows(site, set, None, lang) {
            f(&r);
        }
        return;
    }
    let agencies = agencies(site);
    let mut buf = Vec::new();
    for p in &site.plans {
        plan_rows((site, &agencies), p, set, lang, &mut buf);
        for r in buf.drain(..) {
            f(&r);
        }
    }
}

/// The site's agencies by id.
type Agencies<'a> = std::collections::HashMap<&'a str, &'a Agency>;

fn agencies(site: &Site) -> Agencies<'_> {
    site.agencies.iter().map(|a| (a.id.as_str(), a)).collect()
}

/// The rows of `set` of plan `p`, appended to `out` (none for the agencies, which are the
/// site's).
fn plan_rows(
    (site, agencies): (&Site, &Agencies),
    p: &Plan,
    set: Set,
    lang: Lang,
    out: &mut Vec<Vec<Cell>>,
) {
    match set {
        Set::Agencies => {}
        Set::Plans => out.push(plan::plan_row(site, p, lang)),
        Set::Projects => plan::project_rows(site, p, lang, out),
        Set::Budget => plan::budget_rows(p, out),
        Set::Targets => out.extend(
            p.targets
                .iter()
                .map(|t| targets::target_row(site, p, t, lang)),
        ),
        Set::Duties => plan::duty_rows(agencies, p, out),
        Set::Reports => reports::report_rows(site, p, lang, out),
        Set::Progress => reports::progress_rows(p, out),
        Set::Money => reports::money_rows(p, out),
        Set::Outputs => reports::output_rows(p, out),
        Set::Tasks => reports::task_rows(p, out),
        Set::Quantities => plan::quantity_rows(p, out),
        Set::Calendar => reports::calendar_rows(site, p, out),
        Set::Supervision | Set::Findings | Set::Recommendations | Set::Responses => {
            supervision::rows(site, p, set, lang, out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_has_files_of_every_dataset_but_the_sites_own() {
        for set in Set::ALL {
            let sites_own = matches!(set, Set::Plans | Set::Agencies);
            assert_eq!(Set::OF_PLAN.contains(&set), !sites_own, "{set:?}");
        }
    }

    #[test]
    fn every_field_has_a_distinct_id_and_header_in_each_language() {
        for set in Set::ALL {
            let fields = set.fields();
            for (i, a) in fields.iter().enumerate() {
                for b in &fields[i + 1..] {
                    assert_ne!(a.id, b.id, "{set:?}");
                    assert_ne!(a.vi, b.vi, "{set:?}");
                    assert_ne!(a.en, b.en, "{set:?}");
                }
            }
        }
    }
}
