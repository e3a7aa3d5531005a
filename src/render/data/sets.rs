//! The datasets of the site: their fields (a stable machine id, a header in each language, a
//! Table Schema type and unit) and their rows, from the whole site or from one plan.

use super::{figure, key, opt_key, Cell};
use crate::model::budget::{self, Check};
use crate::model::progress::ReportKind;
use crate::model::*;
use crate::render::links;

/// A Table Schema field type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    Str,
    Int,
    Num,
    Date,
    Year,
    Bool,
}

impl Ty {
    pub fn schema(self) -> &'static str {
        match self {
            Ty::Str => "string",
            Ty::Int => "integer",
            Ty::Num => "number",
            Ty::Date => "date",
            Ty::Year => "year",
            Ty::Bool => "boolean",
        }
    }
}

/// One column of a dataset.
#[derive(Debug)]
pub struct Field {
    /// Stable machine id: the key in JSON, the same in every language.
    pub id: &'static str,
    /// The CSV header in Vietnamese and in English.
    pub vi: &'static str,
    pub en: &'static str,
    pub ty: Ty,
    pub unit: Option<&'static str>,
    /// The values a code field may take (empty: any).
    pub values: &'static [&'static str],
    /// What the field holds, in English, for the data package.
    pub about: &'static str,
}

impl Field {
    pub fn header(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}

const fn f(id: &'static str, vi: &'static str, en: &'static str, ty: Ty) -> Field {
    Field {
        id,
        vi,
        en,
        ty,
        unit: None,
        values: &[],
        about: "",
    }
}

const fn about(mut fd: Field, about: &'static str) -> Field {
    fd.about = about;
    fd
}

const fn coded(
    id: &'static str,
    vi: &'static str,
    en: &'static str,
    values: &'static [&'static str],
) -> Field {
    let mut fd = f(id, vi, en, Ty::Str);
    fd.values = values;
    fd
}

const fn money(id: &'static str, vi: &'static str, en: &'static str) -> Field {
    let mut fd = f(id, vi, en, Ty::Num);
    fd.unit = Some(MILLION_VND);
    fd
}

/// The unit of every amount of money in the data.
pub const MILLION_VND: &str = "million VND";

const SOURCES: &[&str] = &["central", "local", "policy-credit", "other"];
const CAPITALS: &[&str] = &["investment", "recurrent"];
const PHASES: &[&str] = &["proposed", "allocated", "adjusted", "disbursed"];
/// The budget phases as the Fiscal Data Package names them.
const FDP_PHASES: &[&str] = &["proposed", "approved", "adjusted", "executed"];
const REPORT_KINDS: &[&str] = &["quarter", "half-year", "year", "mid-term", "final"];
const STATUSES: &[&str] = &[
    "achieved",
    "on-track",
    "needs-acceleration",
    "off-track",
    "deteriorating",
    "not-assessable",
    "no-data",
];

const PLAN: Field = about(
    f("plan_id", "Mã kế hoạch", "Plan id", Ty::Str),
    "The plan's id, as in its page address.",
);
const PAGE: Field = about(
    f("page", "Trang", "Page", Ty::Str),
    "The page that shows this row, from the site's root (absolute when the site has a base address).",
);
const REF: Field = about(
    f("ref", "Mục trong văn bản", "Section", Ty::Str),
    "Where the figure or text stands in the plan's document (section number).",
);

const REPORT_ID: Field = f("report_id", "Mã báo cáo", "Report id", Ty::Str);
const PROJECT_ID: Field = f("project_id", "Mã dự án", "Project id", Ty::Str);
/// Beside every reported figure: whether its report is made up, and whether a later report
/// revised it (so that a reader who sums a column counts each figure once).
const ILLUSTRATIVE_FIGURE: Field = about(
    f("illustrative", "Minh họa", "Illustrative", Ty::Bool),
    "True when the figure comes from a report made up to show the site: not a real figure.",
);
const CURRENT: Field = about(
    f("current", "Hiện hành", "Current", Ty::Bool),
    "False when a later report revised this figure (the same item and day); sum only the current rows.",
);

const PLANS: &[Field] = &[
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

const AGENCIES: &[Field] = &[
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

const PROJECTS: &[Field] = &[
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
    about(
        f("lead", "Cơ quan chủ trì", "Lead", Ty::Str),
        "Agency ids, separated by spaces.",
    ),
    about(
        f("support", "Cơ quan phối hợp", "Support", Ty::Str),
        "Agency ids, separated by spaces.",
    ),
    f("budget_lines", "Số dòng kinh phí", "Budget lines", Ty::Int),
    REF,
    PAGE,
];

const BUDGET: &[Field] = &[
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
    f("note_vi", "Ghi chú", "Note (Vietnamese)", Ty::Str),
    f("note_en", "Ghi chú (tiếng Anh)", "Note (English)", Ty::Str),
    REF,
];

const TARGETS: &[Field] = &[
    PLAN,
    f("target_id", "Mã chỉ tiêu", "Target id", Ty::Str),
    f("horizon", "Năm đạt", "Horizon", Ty::Year),
    about(
        f("vision", "Tầm nhìn", "Vision", Ty::Bool),
        "True for an orientation beyond the plan's period.",
    ),
    f("indicator_vi", "Chỉ tiêu (tiếng Việt)", "Indicator (Vietnamese)", Ty::Str),
    f("indicator_en", "Chỉ tiêu (tiếng Anh)", "Indicator (English)", Ty::Str),
    coded(
        "shape",
        "Dạng chỉ tiêu",
        "Shape",
        &["threshold", "range", "annual-rate", "multiple", "ratio", "qualitative"],
    ),
    coded("op", "Phép so sánh", "Operator", &["above", "at-least", "below", "at-most", "exactly"]),
    coded("direction", "Chiều", "Direction", &["increase", "decrease"]),
    f("value", "Giá trị", "Value", Ty::Num),
    f("min", "Từ", "Minimum", Ty::Num),
    f("max", "Đến", "Maximum", Ty::Num),
    f("unit_vi", "Đơn vị", "Unit (Vietnamese)", Ty::Str),
    f("unit_en", "Đơn vị (tiếng Anh)", "Unit (English)", Ty::Str),
    f("unit_before", "Đơn vị đứng trước", "Unit before figure", Ty::Bool),
    f("per_year", "Mỗi năm", "Per year", Ty::Bool),
    f("baseline_year", "Năm gốc", "Baseline year", Ty::Year),
    f("reference_vi", "So với", "Compared with", Ty::Str),
    f("text_vi", "Nguyên văn", "Text (Vietnamese)", Ty::Str),
    f("text_en", "Nguyên văn (tiếng Anh)", "Text (English)", Ty::Str),
    f("scope_vi", "Phạm vi", "Scope", Ty::Str),
    about(
        f("lead", "Cơ quan chủ trì", "Lead", Ty::Str),
        "Agency ids, separated by spaces.",
    ),
    about(
        f("support", "Cơ quan phối hợp", "Support", Ty::Str),
        "Agency ids, separated by spaces.",
    ),
    about(
        coded("status", "Tình trạng", "Status", STATUSES),
        "Computed from the reported values on the site's as-of date (see the progress page for the method).",
    ),
    REF,
    PAGE,
];

const DUTIES: &[Field] = &[
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

const REPORTS: &[Field] = &[
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

const PROGRESS: &[Field] = &[
    PLAN,
    REPORT_ID,
    ILLUSTRATIVE_FIGURE,
    CURRENT,
    f("target_id", "Mã chỉ tiêu", "Target id", Ty::Str),
    f("as_of", "Số liệu tính đến", "As of", Ty::Date),
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
    f("note_vi", "Ghi chú", "Note (Vietnamese)", Ty::Str),
    f("reason_vi", "Lý do", "Reason (Vietnamese)", Ty::Str),
    about(
        f("evidence", "Minh chứng", "Evidence", Ty::Str),
        "Addresses of the evidence, separated by spaces.",
    ),
];

const MONEY: &[Field] = &[
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
    f("as_of", "Số liệu tính đến", "As of", Ty::Date),
    f("note_vi", "Ghi chú", "Note (Vietnamese)", Ty::Str),
    f("reason_vi", "Lý do", "Reason (Vietnamese)", Ty::Str),
];

const OUTPUTS: &[Field] = &[
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
    f("as_of", "Số liệu tính đến", "As of", Ty::Date),
    f("note_vi", "Ghi chú", "Note (Vietnamese)", Ty::Str),
    f("reason_vi", "Lý do", "Reason (Vietnamese)", Ty::Str),
];

const TASKS: &[Field] = &[
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
    f("reason_vi", "Lý do", "Reason (Vietnamese)", Ty::Str),
];

const QUANTITIES: &[Field] = &[
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

const CALENDAR: &[Field] = &[
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

const ACTIVITY_ID: Field = about(
    f("activity_id", "Mã cuộc giám sát", "Activity id", Ty::Str),
    "The supervision activity's id: its file name under the plan's supervision/ folder.",
);
const RECOMMENDATION_ID: Field = about(
    f(
        "recommendation_id",
        "Mã kiến nghị",
        "Recommendation id",
        Ty::Str,
    ),
    "The recommendation's id, unique in its plan.",
);
const TARGET_REF: Field = f("target_id", "Mã chỉ tiêu", "Target id", Ty::Str);
const ILLUSTRATIVE: Field = about(
    f("illustrative", "Minh họa", "Illustrative", Ty::Bool),
    "True when the entry is made up to show the site (not a real supervision).",
);

const SUPERVISION: &[Field] = &[
    PLAN,
    ACTIVITY_ID,
    f(
        "title_vi",
        "Tên cuộc giám sát",
        "Title (Vietnamese)",
        Ty::Str,
    ),
    f("title_en", "Tên (tiếng Anh)", "Title (English)", Ty::Str),
    about(
        f("by", "Cơ quan giám sát", "Supervised by", Ty::Str),
        "Agency ids of the supervising bodies, separated by `;`.",
    ),
    coded(
        "form",
        "Hình thức",
        "Form",
        &["visit", "documents", "meeting", "survey", "other"],
    ),
    f("start", "Từ ngày", "Start", Ty::Date),
    f("end", "Đến ngày", "End", Ty::Date),
    f(
        "published",
        "Ngày ban hành báo cáo",
        "Report issued",
        Ty::Date,
    ),
    about(
        f("communes_vi", "Địa bàn", "Communes (Vietnamese)", Ty::Str),
        "The communes visited, separated by `;`.",
    ),
    about(
        f("projects", "Dự án", "Projects", Ty::Str),
        "Ids of the projects it was about, separated by `;`.",
    ),
    about(
        f("targets", "Chỉ tiêu", "Targets", Ty::Str),
        "Ids of the targets it was about, separated by `;`.",
    ),
    f("findings", "Số phát hiện", "Findings", Ty::Int),
    f(
        "recommendations",
        "Số kiến nghị",
        "Recommendations",
        Ty::Int,
    ),
    ILLUSTRATIVE,
    f("source", "Nguồn", "Source", Ty::Str),
    PAGE,
];

const FINDINGS: &[Field] = &[
    PLAN,
    ACTIVITY_ID,
    f(
        "text_vi",
        "Nội dung phát hiện",
        "Finding (Vietnamese)",
        Ty::Str,
    ),
    f(
        "text_en",
        "Nội dung (tiếng Anh)",
        "Finding (English)",
        Ty::Str,
    ),
    PROJECT_ID,
    TARGET_REF,
    f("commune_vi", "Địa bàn", "Commune (Vietnamese)", Ty::Str),
    ILLUSTRATIVE,
    PAGE,
];

const RECOMMENDATIONS: &[Field] = &[
    PLAN,
    RECOMMENDATION_ID,
    ACTIVITY_ID,
    f("to_agency_id", "Cơ quan nhận kiến nghị", "Addressed to", Ty::Str),
    f("text_vi", "Nội dung kiến nghị", "Recommendation (Vietnamese)", Ty::Str),
    f("text_en", "Nội dung (tiếng Anh)", "Recommendation (English)", Ty::Str),
    PROJECT_ID,
    TARGET_REF,
    f("commune_vi", "Địa bàn", "Commune (Vietnamese)", Ty::Str),
    f("sent", "Ngày gửi", "Sent", Ty::Date),
    f("due", "Hạn trả lời", "Answer due", Ty::Date),
    about(
        coded(
            "status",
            "Tình trạng",
            "Status",
            &["overdue", "not-yet-due", "late", "on-time", "closed"],
        ),
        "Computed on the site's as-of day: closed once closed; else answered on time or late by the first answer; else overdue or not yet due.",
    ),
    about(
        f("days", "Số ngày trễ", "Days late", Ty::Int),
        "Days the first answer came after the due day (late), or has been awaited past it (overdue).",
    ),
    f("first_answer", "Ngày trả lời đầu tiên", "First answered", Ty::Date),
    f("answers", "Số lần trả lời", "Answers", Ty::Int),
    f("closed", "Ngày kết thúc theo dõi", "Closed", Ty::Date),
    ILLUSTRATIVE,
    PAGE,
];

const RESPONSES: &[Field] = &[
    PLAN,
    RECOMMENDATION_ID,
    f("date", "Ngày trả lời", "Date", Ty::Date),
    f("by_agency_id", "Cơ quan trả lời", "Answered by", Ty::Str),
    f(
        "text_vi",
        "Nội dung trả lời",
        "Answer (Vietnamese)",
        Ty::Str,
    ),
    f(
        "text_en",
        "Nội dung (tiếng Anh)",
        "Answer (English)",
        Ty::Str,
    ),
    coded("accepted", "Tiếp thu", "Accepted", &["yes", "partly", "no"]),
    f(
        "action_vi",
        "Việc đã làm",
        "Action taken (Vietnamese)",
        Ty::Str,
    ),
    f(
        "follow_up_vi",
        "Theo dõi sau trả lời",
        "Follow-up (Vietnamese)",
        Ty::Str,
    ),
    about(
        f(
            "days_after_due",
            "Số ngày so với hạn",
            "Days after due",
            Ty::Int,
        ),
        "Days after the recommendation's due day the answer came (negative: before it).",
    ),
    f("source", "Nguồn", "Source", Ty::Str),
    ILLUSTRATIVE,
    PAGE,
];

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

    /// The datasets a plan has files of its own for.
    pub const OF_PLAN: [Set; 15] = [
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

    pub fn fields(self) -> &'static [Field] {
        match self {
            Set::Plans => PLANS,
            Set::Agencies => AGENCIES,
            Set::Projects => PROJECTS,
            Set::Budget => BUDGET,
            Set::Targets => TARGETS,
            Set::Duties => DUTIES,
            Set::Reports => REPORTS,
            Set::Progress => PROGRESS,
            Set::Money => MONEY,
            Set::Outputs => OUTPUTS,
            Set::Tasks => TASKS,
            Set::Quantities => QUANTITIES,
            Set::Calendar => CALENDAR,
            Set::Supervision => SUPERVISION,
            Set::Findings => FINDINGS,
            Set::Recommendations => RECOMMENDATIONS,
            Set::Responses => RESPONSES,
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

fn s(v: impl Into<String>) -> Cell {
    let v = v.into();
    if v.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(v)
    }
}

fn so(v: Option<&str>) -> Cell {
    v.map_or(Cell::Empty, s)
}

fn en(t: &Text) -> Cell {
    so(t.en.as_deref())
}

fn ten(t: &Option<Text>) -> (Cell, Cell) {
    match t {
        Some(t) => (s(t.vi.clone()), en(t)),
        None => (Cell::Empty, Cell::Empty),
    }
}

fn int(n: usize) -> Cell {
    Cell::Int(n as i64)
}

fn year(y: Option<i32>) -> Cell {
    y.map_or(Cell::Empty, |y| Cell::Int(i64::from(y)))
}

fn fig(f: Option<Figure>) -> Cell {
    f.as_ref().map_or(Cell::Empty, |f| Cell::Num(figure(f)))
}

fn day(d: Date) -> Cell {
    Cell::Text(d.iso())
}

fn code<T: serde::Serialize>(v: Option<T>) -> Cell {
    s(opt_key(v))
}

fn fdp(p: Option<Phase>) -> Cell {
    s(match p {
        Some(Phase::Proposed) => "proposed",
        Some(Phase::Allocated) => "approved",
        Some(Phase::Adjusted) => "adjusted",
        Some(Phase::Disbursed) => "executed",
        None => "",
    })
}

/// The address of a page for a data file: from the site's root, absolute with a base address.
fn page(site: &Site, lang: Lang, path: &str) -> Cell {
    let path = links::page_path(lang, path);
    Cell::Text(match &site.settings.base_url {
        Some(b) => format!("{b}{path}"),
        None => path,
    })
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
        Set::Agencies => {
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
        _ => {
            let agencies: std::collections::HashMap<&str, &Agency> =
                site.agencies.iter().map(|a| (a.id.as_str(), a)).collect();
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
    let agencies: Agencies = site.agencies.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut buf = Vec::new();
    for p in &site.plans {
        plan_rows((site, &agencies), p, set, lang, &mut buf);
        for r in buf.drain(..) {
            f(&r);
        }
    }
}

type Agencies<'a> = std::collections::HashMap<&'a str, &'a Agency>;

fn plan_rows(
    (site, agencies): (&Site, &Agencies),
    p: &Plan,
    set: Set,
    lang: Lang,
    out: &mut Vec<Vec<Cell>>,
) {
    let id = || s(p.id.clone());
    match set {
        Set::Agencies => {}
        Set::Plans => out.push(vec![
            id(),
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
        ]),
        Set::Projects => {
            for pr in p.all_projects() {
                out.push(vec![
                    id(),
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
        Set::Budget => budget_rows(p, out),
        Set::Targets => {
            for t in &p.targets {
                out.push(target_row(site, p, t, lang));
            }
        }
        Set::Duties => {
            for d in &p.duties {
                let a = agencies.get(d.agency.as_str());
                for (k, task) in d.tasks.iter().enumerate() {
                    out.push(vec![
                        id(),
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
        Set::Reports => {
            for r in &p.reports {
                let (title_vi, title_en) = ten(&r.title);
                out.push(vec![
                    id(),
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
        Set::Progress => {
            for (i, r) in p.reports.iter().enumerate() {
                for v in &r.values {
                    let current = !p.reports[i + 1..].iter().any(|l| {
                        l.values
                            .iter()
                            .any(|x| x.target == v.target && x.as_of == v.as_of)
                    });
                    let unit = p
                        .targets
                        .iter()
                        .find(|t| t.id == v.target)
                        .and_then(|t| t.unit.as_ref());
                    out.push(vec![
                        id(),
                        s(r.id.clone()),
                        Cell::Bool(r.illustrative),
                        Cell::Bool(current),
                        s(v.target.clone()),
                        day(v.as_of),
                        fig(v.value),
                        unit.map_or(Cell::Empty, |u| s(u.vi.clone())),
                        Cell::num(v.reference_value),
                        s(v.status.map(Status::key).unwrap_or_default()),
                        so(v.source.as_deref()),
                        ten(&v.note).0,
                        ten(&v.reason).0,
                        s(v.evidence.join(" ")),
                    ]);
                }
            }
        }
        Set::Money => {
            for (i, r) in p.reports.iter().enumerate() {
                for m in &r.money {
                    let current = !p.reports[i + 1..].iter().any(|l| {
                        l.money
                            .iter()
                            .any(|x| (x.line(), x.phase, x.as_of) == (m.line(), m.phase, m.as_of))
                    });
                    out.push(vec![
                        id(),
                        s(r.id.clone()),
                        Cell::Bool(r.illustrative),
                        Cell::Bool(current),
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
                    ]);
                }
            }
        }
        Set::Outputs => {
            for (i, r) in p.reports.iter().enumerate() {
                for o in &r.outputs {
                    let current = !p.reports[i + 1..].iter().any(|l| {
                        l.outputs.iter().any(|x| {
                            (&x.project, &x.quantity, x.as_of) == (&o.project, &o.quantity, o.as_of)
                        })
                    });
                    let q = p
                        .all_projects()
                        .find(|pr| pr.id == o.project)
                        .and_then(|pr| {
                            pr.quantities
                                .iter()
                                .find(|q| q.id.as_deref() == Some(o.quantity.as_str()))
                        });
                    out.push(vec![
                        id(),
                        s(r.id.clone()),
                        Cell::Bool(r.illustrative),
                        Cell::Bool(current),
                        s(o.project.clone()),
                        s(o.quantity.clone()),
                        q.map_or(Cell::Empty, |q| s(q.what.vi.clone())),
                        Cell::num(q.map(|q| q.value)),
                        Cell::num(Some(o.done)),
                        q.map_or(Cell::Empty, |q| s(q.unit.vi.clone())),
                        day(o.as_of),
                        ten(&o.note).0,
                        ten(&o.reason).0,
                    ]);
                }
            }
        }
        Set::Quantities => {
            for pr in p.all_projects() {
                for q in &pr.quantities {
                    out.push(vec![
                        id(),
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
        Set::Calendar => {
            use crate::model::money::{delivery, Delivery};
            for d in &p.calendar {
                let (state, found) = delivery(d, &p.reports, site.settings.as_of);
                let (state, days) = match state {
                    Delivery::OnTime => ("on-time", None),
                    Delivery::Late(n) => ("late", Some(n)),
                    Delivery::Overdue(n) => ("overdue", Some(n)),
                    Delivery::NotYetDue => ("not-yet-due", None),
                };
                out.push(vec![
                    id(),
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
        Set::Supervision | Set::Findings | Set::Recommendations | Set::Responses => {
            supervision_rows(site, p, set, lang, out)
        }
        Set::Tasks => {
            for (i, r) in p.reports.iter().enumerate() {
                for t in &r.tasks {
                    let current = !p.reports[i + 1..].iter().any(|l| {
                        l.tasks
                            .iter()
                            .any(|x| (&x.project, x.task, x.as_of) == (&t.project, t.task, t.as_of))
                    });
                    out.push(vec![
                        id(),
                        s(r.id.clone()),
                        Cell::Bool(r.illustrative),
                        Cell::Bool(current),
                        s(t.project.clone()),
                        t.task.map_or(Cell::Empty, int),
                        s(key(t.state)),
                        day(t.as_of),
                        ten(&t.reason).0,
                    ]);
                }
            }
        }
    }
}

/// The rows of one of the supervision datasets of plan `p`.
fn supervision_rows(site: &Site, p: &Plan, set: Set, lang: Lang, out: &mut Vec<Vec<Cell>>) {
    use crate::model::supervision::answer;
    let id = || s(p.id.clone());
    let page_of = |anchor: String| {
        let mut c = page(site, lang, &links::supervision(&p.id));
        if let Cell::Text(t) = &mut c {
            t.push_str(&anchor);
        }
        c
    };
    let joined = |v: &[String]| s(v.join(";"));
    for a in &p.supervision {
        let act = || s(a.id.clone());
        match set {
            Set::Supervision => out.push(vec![
                id(),
                act(),
                s(a.title.vi.clone()),
                en(&a.title),
                joined(&a.by),
                code(a.form),
                day(a.start),
                day(a.end),
                day(a.published),
                s(a.communes
                    .iter()
                    .map(|c| c.vi.as_str())
                    .collect::<Vec<_>>()
                    .join(";")),
                joined(&a.projects),
                joined(&a.targets),
                int(a.findings.len()),
                int(a.recommendations.len()),
                Cell::Bool(a.illustrative),
                so(a.source.as_deref()),
                page_of(format!("#act-{}", a.id)),
            ]),
            Set::Findings => {
                for x in &a.findings {
                    out.push(vec![
                        id(),
                        act(),
                        s(x.text.vi.clone()),
                        en(&x.text),
                        so(x.project.as_deref()),
                        so(x.target.as_deref()),
                        ten(&x.commune).0,
                        Cell::Bool(a.illustrative),
                        page_of(format!("#act-{}", a.id)),
                    ]);
                }
            }
            Set::Recommendations => {
                for r in &a.recommendations {
                    let st = answer(r, site.settings.as_of);
                    out.push(vec![
                        id(),
                        s(r.id.clone()),
                        act(),
                        s(r.to.clone()),
                        s(r.text.vi.clone()),
                        en(&r.text),
                        so(r.project.as_deref()),
                        so(r.target.as_deref()),
                        ten(&r.commune).0,
                        day(r.sent),
                        day(r.due),
                        s(st.key()),
                        st.days().map_or(Cell::Empty, Cell::Int),
                        r.responses.first().map_or(Cell::Empty, |x| day(x.date)),
                        int(r.responses.len()),
                        r.closed.map_or(Cell::Empty, day),
                        Cell::Bool(a.illustrative),
                        page_of(format!("#rec-{}", r.id)),
                    ]);
                }
            }
            _ => {
                for r in &a.recommendations {
                    for x in &r.responses {
                        out.push(vec![
                            id(),
                            s(r.id.clone()),
                            day(x.date),
                            s(x.by.clone()),
                            s(x.text.vi.clone()),
                            en(&x.text),
                            s(x.accepted.key()),
                            ten(&x.action).0,
                            ten(&x.follow_up).0,
                            Cell::Int(r.due.days_until(x.date)),
                            so(x.source.as_deref()),
                            Cell::Bool(a.illustrative),
                            page_of(format!("#rec-{}", r.id)),
                        ]);
                    }
                }
            }
        }
    }
}

/// Budget lines and printed totals of a plan, one row each; a printed total carries the sum of
/// the lines it covers, the difference and the verdict.
fn budget_rows(plan: &Plan, out: &mut Vec<Vec<Cell>>) {
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

fn target_row(site: &Site, plan: &Plan, t: &Target, lang: Lang) -> Vec<Cell> {
    let shape = match t.goal {
        Goal::Threshold { .. } => "threshold",
        Goal::Range { .. } => "range",
        Goal::AnnualRate { .. } => "annual-rate",
        Goal::Multiple { .. } => "multiple",
        Goal::Ratio { .. } => "ratio",
        Goal::Qualitative => "qualitative",
    };
    // Figures in plain notation (17860.5, 0.5 for 1/2) so a spreadsheet can sort and filter.
    type Parts<'a> = (
        Option<Op>,
        Option<Direction>,
        Option<Figure>,
        Option<Figure>,
        Option<Figure>,
        Option<i32>,
        Option<&'a Text>,
    );
    let (op, direction, value, min, max, baseline, reference): Parts = match &t.goal {
        Goal::Threshold {
            op,
            value,
            direction,
        } => (Some(*op), *direction, Some(*value), None, None, None, None),
        Goal::Range {
            min,
            max,
            direction,
        } => (None, *direction, None, Some(*min), Some(*max), None, None),
        Goal::AnnualRate {
            direction,
            op,
            value,
            min,
            max,
        } => (*op, Some(*direction), *value, *min, *max, None, None),
        Goal::Multiple {
            op,
            value,
            baseline_year,
        } => (
            Some(*op),
            None,
            Some(*value),
            None,
            None,
            Some(*baseline_year),
            None,
        ),
        Goal::Ratio {
            op,
            value,
            reference,
        } => (
            Some(*op),
            None,
            Some(*value),
            None,
            None,
            None,
            Some(reference),
        ),
        Goal::Qualitative => (None, None, None, None, None, None, None),
    };
    let (unit_vi, unit_en) = ten(&t.unit);
    let status = crate::model::status::assess(t, &plan.reports, site.settings.as_of).status;
    vec![
        s(plan.id.clone()),
        s(t.id.clone()),
        year(Some(t.horizon)),
        Cell::Bool(t.vision),
        s(t.indicator.vi.clone()),
        en(&t.indicator),
        s(shape),
        code(op),
        code(direction),
        fig(value),
        fig(min),
        fig(max),
        unit_vi,
        unit_en,
        Cell::Bool(t.unit_before),
        Cell::Bool(t.per_year),
        year(baseline),
        reference.map_or(Cell::Empty, |r| s(r.vi.clone())),
        s(t.text.vi.clone()),
        en(&t.text),
        ten(&t.scope).0,
        s(t.lead.join(" ")),
        s(t.support.join(" ")),
        s(status.key()),
        so(t.reference.as_deref()),
        page(site, lang, &links::target(&plan.id, &t.id)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

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
