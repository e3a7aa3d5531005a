//! The datasets of what the plans print: the plans themselves, the agencies they name, their
//! projects and sub-projects, budget lines and printed totals (reconciled), the duties of each
//! agency and the quantities the projects plan. Their fields and their rows.
//!
//! Stage: datasets (render::data); reads the model and the site's links.

use super::cell::{code, day, en, fdp, int, page, s, so, ten, year};
use super::field::*;
use super::Agencies;
use crate::model::budget::{self, Check};
use crate::model::*;
use crate::render::data::{key, Cell};
use crate::render::links;

pub(super) const PLANS: &[Field] = &[
    PLAN,
    coded(
        "kind",
        "Loại văn bản",
        "Kind",
        &["plan", "action-programme"],
    ),
    f("number", "Số hiệu", "Number", Ty::Str),
    about(
        f("date", "Ngày ban hành", "Date", Ty::Str),
        "Date of issue, YYYY-MM-DD, or only YYYY when the document leaves day and month blank.",
    ),
    f("issuer_id", "Cơ quan ban hành", "Issuer", Ty::Str),
    f(
        "title_vi",
        "Tên (tiếng Việt)",
        "Title (Vietnamese)",
        Ty::Str,
    ),
    f("title_en", "Tên (tiếng Anh)", "Title (English)", Ty::Str),
    f("period_from", "Từ năm", "From year", Ty::Year),
    f("period_to", "Đến năm", "To year", Ty::Year),
    f(
        "orientation",
        "Định hướng đến năm",
        "Orientation to year",
        Ty::Year,
    ),
    f("lead_id", "Cơ quan chủ trì", "Lead agency", Ty::Str),
    f("projects", "Số dự án", "Projects", Ty::Int),
    f("targets", "Số chỉ tiêu", "Targets", Ty::Int),
    f(
        "duties",
        "Số nhiệm vụ của cơ quan",
        "Agency duties",
        Ty::Int,
    ),
    f("reports", "Số báo cáo tiến độ", "Progress reports", Ty::Int),
    f("updated", "Cập nhật", "Updated", Ty::Date),
    f("source_url", "Nguồn văn bản", "Source document", Ty::Str),
    PAGE,
];

pub(super) const AGENCIES: &[Field] = &[
    f("agency_id", "Mã cơ quan", "Agency id", Ty::Str),
    f("name_vi", "Tên (tiếng Việt)", "Name (Vietnamese)", Ty::Str),
    f("name_en", "Tên (tiếng Anh)", "Name (English)", Ty::Str),
    coded(
        "kind",
        "Loại cơ quan",
        "Kind",
        &[
            "people-committee",
            "office",
            "commune-committee",
            "front",
            "mass-organisation",
            "bank",
            "public-service-unit",
            "security",
            "party",
            "group",
            "other",
        ],
    ),
    f("area_vi", "Địa bàn", "Area", Ty::Str),
    PAGE,
];

pub(super) const PROJECTS: &[Field] = &[
    PLAN,
    PROJECT_ID,
    about(
        f("parent_id", "Thuộc dự án", "Part of project", Ty::Str),
        "For a sub-project, the id of its project; empty for a project.",
    ),
    f(
        "code_vi",
        "Số hiệu dự án",
        "Project number (Vietnamese)",
        Ty::Str,
    ),
    f(
        "code_en",
        "Số hiệu dự án (tiếng Anh)",
        "Project number",
        Ty::Str,
    ),
    f(
        "title_vi",
        "Tên dự án (tiếng Việt)",
        "Title (Vietnamese)",
        Ty::Str,
    ),
    f(
        "title_en",
        "Tên dự án (tiếng Anh)",
        "Title (English)",
        Ty::Str,
    ),
    LEAD,
    SUPPORT,
    f("budget_lines", "Số dòng kinh phí", "Budget lines", Ty::Int),
    REF,
    PAGE,
];

pub(super) const BUDGET: &[Field] = &[
    PLAN,
    about(
        coded("record", "Loại dòng", "Record", &["line", "printed-total"]),
        "`line`: a budget line as printed; `printed-total`: a total as printed, with the sum of the lines it covers.",
    ),
    PROJECT_ID,
    f("project_code_vi", "Số hiệu dự án", "Project number (Vietnamese)", Ty::Str),
    f("parent_id", "Thuộc dự án", "Part of project", Ty::Str),
    coded("source", "Nguồn vốn", "Funding source", SOURCES),
    coded("capital", "Loại vốn", "Capital type", CAPITALS),
    coded("phase", "Giai đoạn ngân sách", "Budget phase", PHASES),
    about(
        coded("fdp_phase", "Giai đoạn (Fiscal Data Package)", "Phase (Fiscal Data Package)", FDP_PHASES),
        "The budget phase as the Fiscal Data Package names it: proposed, approved (allocated), adjusted, executed (disbursed).",
    ),
    f("year", "Năm", "Year", Ty::Year),
    about(
        money("amount", "Số tiền (triệu đồng)", "Amount (million VND)"),
        "The figure as printed in the plan.",
    ),
    about(
        money("lines_sum", "Tổng các dòng (triệu đồng)", "Sum of lines (million VND)"),
        "For a printed total: the sum of the budget lines it covers, computed.",
    ),
    about(
        money("difference", "Chênh lệch (triệu đồng)", "Difference (million VND)"),
        "For a printed total: the printed figure minus the sum of the lines.",
    ),
    coded("check", "Đối chiếu", "Check", &["agrees", "differs", "unknown"]),
    NOTE_VI,
    f("note_en", "Ghi chú (tiếng Anh)", "Note (English)", Ty::Str),
    REF,
];

pub(super) const DUTIES: &[Field] = &[
    PLAN,
    f("agency_id", "Mã cơ quan", "Agency id", Ty::Str),
    f("agency_vi", "Cơ quan", "Agency (Vietnamese)", Ty::Str),
    f("agency_en", "Cơ quan (tiếng Anh)", "Agency (English)", Ty::Str),
    about(
        coded("relation", "Giao hay đề nghị", "Assigned or requested", &["assigned", "requested"]),
        "`assigned`: the plan assigns it (a body under the issuer); `requested`: the plan asks it (a body outside the issuer's authority).",
    ),
    f("task_no", "Số thứ tự", "Task number", Ty::Int),
    f("task_vi", "Nhiệm vụ", "Task (Vietnamese)", Ty::Str),
    f("task_en", "Nhiệm vụ (tiếng Anh)", "Task (English)", Ty::Str),
    REF,
];

pub(super) const QUANTITIES: &[Field] = &[
    PLAN,
    PROJECT_ID,
    f("quantity_id", "Mã khối lượng", "Quantity id", Ty::Str),
    f("what_vi", "Khối lượng", "Quantity (Vietnamese)", Ty::Str),
    f(
        "what_en",
        "Khối lượng (tiếng Anh)",
        "Quantity (English)",
        Ty::Str,
    ),
    about(
        f("planned", "Kế hoạch", "Planned", Ty::Num),
        "The quantity the plan sets, as printed.",
    ),
    f("unit_vi", "Đơn vị", "Unit (Vietnamese)", Ty::Str),
    f("unit_en", "Đơn vị (tiếng Anh)", "Unit (English)", Ty::Str),
];

/// The row of plan `p` in the plans dataset.
pub(super) fn plan_row(site: &Site, p: &Plan, lang: Lang) -> Vec<Cell> {
    vec![
        s(p.id.clone()),
        s(key(p.kind)),
        so(p.number.as_deref()),
        so(crate::render::format::iso_date(p.date).as_deref()),
        s(p.issuer.clone()),
        s(p.title.vi.clone()),
        en(&p.title),
        year(Some(p.period.from)),
        year(Some(p.period.to)),
        year(p.period.orientation),
        so(p.lead.as_deref()),
        int(p.all_projects().count()),
        int(p.targets.len()),
        int(p.duties.len()),
        int(p.reports.len()),
        p.updated.map_or(Cell::Empty, day),
        so(p.source_url.as_deref()),
        page(site, lang, &links::plan(&p.id)),
    ]
}

/// The rows of the agencies dataset: every agency of the site.
pub(super) fn agency_rows(site: &Site, lang: Lang, out: &mut Vec<Vec<Cell>>) {
    for a in &site.agencies {
        out.push(vec![
            s(a.id.clone()),
            s(a.name.vi.clone()),
            en(&a.name),
            s(key(a.kind)),
            ten(&a.area).0,
            page(site, lang, &links::agency(&a.id)),
        ]);
    }
}

/// Every project and sub-project of plan `p`, one row each.
pub(super) fn project_rows(site: &Site, p: &Plan, lang: Lang, out: &mut Vec<Vec<Cell>>) {
    for pr in p.all_projects() {
        out.push(vec![
            s(p.id.clone()),
            s(pr.id.clone()),
            so(pr.parent.as_deref()),
            s(pr.code.vi.clone()),
            en(&pr.code),
            s(pr.title.vi.clone()),
            en(&pr.title),
            s(pr.lead.join(" ")),
            s(pr.support.join(" ")),
            int(pr.budget.len()),
            so(pr.reference.as_deref()),
            page(site, lang, &links::project(&p.id, &pr.id)),
        ]);
    }
}

/// Every task of every duty of plan `p`, one row each, numbered from 1 within its duty.
pub(super) fn duty_rows(agencies: &Agencies, p: &Plan, out: &mut Vec<Vec<Cell>>) {
    for d in &p.duties {
        let a = agencies.get(d.agency.as_str());
        for (k, task) in d.tasks.iter().enumerate() {
            out.push(vec![
                s(p.id.clone()),
                s(d.agency.clone()),
                a.map_or(Cell::Empty, |a| s(a.name.vi.clone())),
                a.map_or(Cell::Empty, |a| en(&a.name)),
                s(key(d.relation)),
                int(k + 1),
                s(task.vi.clone()),
                en(task),
                so(d.reference.as_deref()),
            ]);
        }
    }
}

/// The quantities every project of plan `p` plans, one row each.
pub(super) fn quantity_rows(p: &Plan, out: &mut Vec<Vec<Cell>>) {
    for pr in p.all_projects() {
        for q in &pr.quantities {
            out.push(vec![
                s(p.id.clone()),
                s(pr.id.clone()),
                so(q.id.as_deref()),
                s(q.what.vi.clone()),
                en(&q.what),
                Cell::num(Some(q.value)),
                s(q.unit.vi.clone()),
                en(&q.unit),
            ]);
        }
    }
}

/// Budget lines and printed totals of a plan, one row each; a printed total carries the sum of
/// the lines it covers, the difference and the verdict.
pub(super) fn budget_rows(plan: &Plan, out: &mut Vec<Vec<Cell>>) {
    let finding = |total: &Money, lines: Vec<&Money>| -> [Cell; 3] {
        let printed = total.amount.unwrap_or(Decimal::ZERO);
        match budget::reconcile(total, lines) {
            Check::Agrees => [Cell::num(Some(printed)), Cell::Num("0".into()), s("agrees")],
            Check::Differs { computed } => [
                Cell::num(Some(computed)),
                Cell::num(Some(printed - computed)),
                s("differs"),
            ],
            Check::Unknown => [Cell::Empty, Cell::Empty, s("unknown")],
        }
    };
    let all_lines: Vec<&Money> = plan.all_projects().flat_map(|p| p.budget.iter()).collect();
    let mut push = |record: &str, pr: Option<&Project>, m: &Money, check: [Cell; 3]| {
        let [sum, diff, verdict] = check;
        let (note_vi, note_en) = ten(&m.note);
        out.push(vec![
            s(plan.id.clone()),
            s(record),
            so(pr.map(|p| p.id.as_str())),
            so(pr.map(|p| p.code.vi.as_str())),
            so(pr.and_then(|p| p.parent.as_deref())),
            code(m.source),
            code(m.capital),
            code(m.phase),
            fdp(m.phase),
            year(m.year),
            Cell::num(m.amount),
            sum,
            diff,
            verdict,
            note_vi,
            note_en,
            so(m.reference.as_deref()),
        ]);
    };
    let none = || [Cell::Empty, Cell::Empty, Cell::Empty];
    for pr in plan.all_projects() {
        for m in &pr.budget {
            push("line", Some(pr), m, none());
        }
        for m in &pr.printed_totals {
            push(
                "printed-total",
                Some(pr),
                m,
                finding(m, pr.all_budget().collect()),
            );
        }
    }
    for m in &plan.printed_totals {
        push("printed-total", None, m, finding(m, all_lines.clone()));
    }
}
