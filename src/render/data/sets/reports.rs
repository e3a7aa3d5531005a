//! The datasets of what the progress reports say: the reports themselves, the values of
//! targets, allocations and disbursements, outputs delivered and the state of tasks they
//! report, and the reporting calendar with whether each report came in on time. Beside every
//! reported figure: whether its report is made up, and whether a later report revised it.
//!
//! Stage: datasets (render::data); reads the model and the site's links.

use super::cell::{code, day, fdp, fig, int, page, s, so, ten, year};
use super::field::*;
use crate::model::money::{delivery, Delivery};
use crate::model::progress::{MoneyFigure, OutputDone, ReportKind, ReportedValue, TaskState};
use crate::model::*;
use crate::render::data::{key, Cell};
use crate::render::links;

pub(super) const REPORTS: &[Field] = &[
    PLAN,
    REPORT_ID,
    coded("kind", "Kỳ báo cáo", "Kind", REPORT_KINDS),
    f("period", "Kỳ", "Period", Ty::Str),
    f("start", "Từ ngày", "Start", Ty::Date),
    f("end", "Đến ngày", "End", Ty::Date),
    f("published", "Ngày công bố", "Published", Ty::Date),
    f("agency_id", "Cơ quan báo cáo", "Reporting agency", Ty::Str),
    f("title_vi", "Tên báo cáo", "Title (Vietnamese)", Ty::Str),
    f(
        "title_en",
        "Tên báo cáo (tiếng Anh)",
        "Title (English)",
        Ty::Str,
    ),
    about(
        f("illustrative", "Minh họa", "Illustrative", Ty::Bool),
        "True when the report is made up to show the site (not real figures).",
    ),
    f("source", "Nguồn", "Source", Ty::Str),
    PAGE,
];

pub(super) const PROGRESS: &[Field] = &[
    PLAN,
    REPORT_ID,
    ILLUSTRATIVE_FIGURE,
    CURRENT,
    f("target_id", "Mã chỉ tiêu", "Target id", Ty::Str),
    AS_OF,
    f("value", "Giá trị", "Value", Ty::Num),
    about(
        f("unit_vi", "Đơn vị", "Unit", Ty::Str),
        "The unit of the target, as the plan prints it.",
    ),
    f(
        "reference_value",
        "Giá trị so sánh",
        "Reference value",
        Ty::Num,
    ),
    about(
        coded(
            "reported_status",
            "Tình trạng báo cáo nêu",
            "Reported status",
            STATUSES,
        ),
        "The status the report itself states (qualitative targets).",
    ),
    f("source", "Nguồn", "Source", Ty::Str),
    NOTE_VI,
    REASON_VI,
    about(
        f("evidence", "Minh chứng", "Evidence", Ty::Str),
        "Addresses of the evidence, separated by spaces.",
    ),
];

pub(super) const MONEY: &[Field] = &[
    PLAN,
    REPORT_ID,
    ILLUSTRATIVE_FIGURE,
    CURRENT,
    PROJECT_ID,
    coded("source", "Nguồn vốn", "Funding source", SOURCES),
    coded("capital", "Loại vốn", "Capital type", CAPITALS),
    f("year", "Năm", "Year", Ty::Year),
    coded("phase", "Giai đoạn ngân sách", "Budget phase", PHASES),
    coded(
        "fdp_phase",
        "Giai đoạn (Fiscal Data Package)",
        "Phase (Fiscal Data Package)",
        FDP_PHASES,
    ),
    money("amount", "Số tiền (triệu đồng)", "Amount (million VND)"),
    AS_OF,
    NOTE_VI,
    REASON_VI,
];

pub(super) const OUTPUTS: &[Field] = &[
    PLAN,
    REPORT_ID,
    ILLUSTRATIVE_FIGURE,
    CURRENT,
    PROJECT_ID,
    f("quantity_id", "Mã khối lượng", "Quantity id", Ty::Str),
    f(
        "quantity_vi",
        "Khối lượng",
        "Quantity (Vietnamese)",
        Ty::Str,
    ),
    f("planned", "Kế hoạch", "Planned", Ty::Num),
    f("done", "Đã thực hiện", "Done", Ty::Num),
    f("unit_vi", "Đơn vị", "Unit", Ty::Str),
    AS_OF,
    NOTE_VI,
    REASON_VI,
];

pub(super) const TASKS: &[Field] = &[
    PLAN,
    REPORT_ID,
    ILLUSTRATIVE_FIGURE,
    CURRENT,
    PROJECT_ID,
    about(
        f("task_no", "Nhiệm vụ số", "Task number", Ty::Int),
        "The task's number in the project's list; empty for the project as a whole.",
    ),
    coded(
        "state",
        "Tình trạng",
        "State",
        &["not-started", "in-progress", "done", "delayed"],
    ),
    f("as_of", "Tính đến", "As of", Ty::Date),
    REASON_VI,
];

pub(super) const CALENDAR: &[Field] = &[
    PLAN,
    f("agency_id", "Cơ quan báo cáo", "Reporting agency", Ty::Str),
    coded("kind", "Kỳ báo cáo", "Kind", REPORT_KINDS),
    f("period", "Kỳ", "Period", Ty::Str),
    f("due", "Hạn nộp", "Due", Ty::Date),
    f("what_vi", "Nội dung", "What (Vietnamese)", Ty::Str),
    about(
        coded(
            "delivery",
            "Tình trạng nộp",
            "Delivery",
            &["on-time", "late", "overdue", "not-yet-due"],
        ),
        "Whether the report came in by its due day, on the site's as-of date.",
    ),
    about(
        f("days", "Số ngày trễ", "Days late", Ty::Int),
        "Days after the due day the report was published (late), or has been awaited (overdue).",
    ),
    REPORT_ID,
    about(
        f(
            "source_vi",
            "Căn cứ của hạn",
            "Deadline set by (Vietnamese)",
            Ty::Str,
        ),
        "The rule or document that sets the deadline (empty: the calendar does not say).",
    ),
    f(
        "source_en",
        "Căn cứ của hạn (tiếng Anh)",
        "Deadline set by (English)",
        Ty::Str,
    ),
    about(
        f("source_ref", "Mục trong văn bản", "Section", Ty::Str),
        "The section of the plan's document that sets the deadline, when the plan does.",
    ),
    about(
        f(
            "source_url",
            "Địa chỉ văn bản",
            "Address of the rule",
            Ty::Str,
        ),
        "Where the rule or document that sets the deadline is published.",
    ),
];

/// The rows of one kind of reported figure (`of` picks them from a report) of plan `p`: the
/// cells every reported figure starts with (plan, report, whether the report is made up, whether
/// the figure is current), then its own `cells`. A figure is current when no later report gives
/// one the `same` (the same item and day) again.
fn reported_rows<T>(
    p: &Plan,
    of: impl Fn(&Report) -> &[T],
    same: impl Fn(&T, &T) -> bool,
    cells: impl Fn(&T) -> Vec<Cell>,
    out: &mut Vec<Vec<Cell>>,
) {
    for (i, r) in p.reports.iter().enumerate() {
        for x in of(r) {
            let revised = p.reports[i + 1..]
                .iter()
                .any(|later| of(later).iter().any(|y| same(y, x)));
            let mut row = vec![
                s(p.id.clone()),
                s(r.id.clone()),
                Cell::Bool(r.illustrative),
                Cell::Bool(!revised),
            ];
            row.extend(cells(x));
            out.push(row);
        }
    }
}

/// Every progress report of plan `p`, one row each.
pub(super) fn report_rows(site: &Site, p: &Plan, lang: Lang, out: &mut Vec<Vec<Cell>>) {
    for r in &p.reports {
        let (title_vi, title_en) = ten(&r.title);
        out.push(vec![
            s(p.id.clone()),
            s(r.id.clone()),
            s(key::<ReportKind>(r.period.kind)),
            s(r.period.label.clone()),
            day(r.period.start),
            day(r.period.end),
            day(r.published),
            s(r.agency.clone()),
            title_vi,
            title_en,
            Cell::Bool(r.illustrative),
            so(r.source.as_deref()),
            page(site, lang, &links::report(&p.id, &r.id)),
        ]);
    }
}

/// Every value of a target that a report of plan `p` gives, one row each.
pub(super) fn progress_rows(p: &Plan, out: &mut Vec<Vec<Cell>>) {
    let unit = |target: &str| {
        p.targets
            .iter()
            .find(|t| t.id == target)
            .and_then(|t| t.unit.as_ref())
    };
    let same = |a: &ReportedValue, b: &ReportedValue| a.target == b.target && a.as_of == b.as_of;
    let cells = |v: &ReportedValue| {
        vec![
            s(v.target.clone()),
            day(v.as_of),
            fig(v.value),
            unit(&v.target).map_or(Cell::Empty, |u| s(u.vi.clone())),
            Cell::num(v.reference_value),
            s(v.status.map(Status::key).unwrap_or_default()),
            so(v.source.as_deref()),
            ten(&v.note).0,
            ten(&v.reason).0,
            s(v.evidence.join(" ")),
        ]
    };
    reported_rows(p, |r| &r.values, same, cells, out);
}

/// Every allocation and disbursement that a report of plan `p` gives, one row each.
pub(super) fn money_rows(p: &Plan, out: &mut Vec<Vec<Cell>>) {
    let same = |a: &MoneyFigure, b: &MoneyFigure| {
        (a.line(), a.phase, a.as_of) == (b.line(), b.phase, b.as_of)
    };
    let cells = |m: &MoneyFigure| {
        vec![
            s(m.project.clone()),
            s(key(m.source)),
            code(m.capital),
            year(Some(m.year)),
            s(key(m.phase)),
            fdp(Some(m.phase)),
            Cell::num(Some(m.amount)),
            day(m.as_of),
            ten(&m.note).0,
            ten(&m.reason).0,
        ]
    };
    reported_rows(p, |r| &r.money, same, cells, out);
}

/// Every output delivered that a report of plan `p` gives, one row each, beside the quantity
/// the project plans.
pub(super) fn output_rows(p: &Plan, out: &mut Vec<Vec<Cell>>) {
    let same = |a: &OutputDone, b: &OutputDone| {
        (&a.project, &a.quantity, a.as_of) == (&b.project, &b.quantity, b.as_of)
    };
    let cells = |o: &OutputDone| {
        let q = p.quantity(&o.project, &o.quantity);
        vec![
            s(o.project.clone()),
            s(o.quantity.clone()),
            q.map_or(Cell::Empty, |q| s(q.what.vi.clone())),
            Cell::num(q.map(|q| q.value)),
            Cell::num(Some(o.done)),
            q.map_or(Cell::Empty, |q| s(q.unit.vi.clone())),
            day(o.as_of),
            ten(&o.note).0,
            ten(&o.reason).0,
        ]
    };
    reported_rows(p, |r| &r.outputs, same, cells, out);
}

/// Every state of a task that a report of plan `p` gives, one row each.
pub(super) fn task_rows(p: &Plan, out: &mut Vec<Vec<Cell>>) {
    let same = |a: &TaskState, b: &TaskState| {
        (&a.project, a.task, a.as_of) == (&b.project, b.task, b.as_of)
    };
    let cells = |t: &TaskState| {
        vec![
            s(t.project.clone()),
            t.task.map_or(Cell::Empty, int),
            s(key(t.state)),
            day(t.as_of),
            ten(&t.reason).0,
        ]
    };
    reported_rows(p, |r| &r.tasks, same, cells, out);
}

/// Every report plan `p`'s calendar says is due, one row each, with whether it came in on
/// time on the site's as-of day.
pub(super) fn calendar_rows(site: &Site, p: &Plan, out: &mut Vec<Vec<Cell>>) {
    for d in &p.calendar {
        let (state, found) = delivery(d, &p.reports, site.settings.as_of);
        let (state, days) = match state {
            Delivery::OnTime => ("on-time", None),
            Delivery::Late(n) => ("late", Some(n)),
            Delivery::Overdue(n) => ("overdue", Some(n)),
            Delivery::NotYetDue => ("not-yet-due", None),
        };
        out.push(vec![
            s(p.id.clone()),
            s(d.agency.clone()),
            s(key::<ReportKind>(d.period.kind)),
            s(d.period.label.clone()),
            day(d.due),
            ten(&d.what).0,
            s(state),
            days.map_or(Cell::Empty, Cell::Int),
            found.map_or(Cell::Empty, |(_, r)| s(r.id.clone())),
            ten(&d.source).0,
            ten(&d.source).1,
            so(d.reference.as_deref()),
            so(d.source_url.as_deref()),
        ]);
    }
}
