//! The datasets of supervision by the Front and the community boards: the activities, what
//! they found, the recommendations they sent with whether each was answered in time, and the
//! answers. Their fields and their rows.
//!
//! Stage: datasets (render::data); reads the model and the site's links.

use super::cell::{code, day, en, int, page, s, so, ten};
use super::field::*;
use super::Set;
use crate::model::supervision::{answer, Activity, Finding, Recommendation, Response};
use crate::model::*;
use crate::render::data::Cell;
use crate::render::links;

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

pub(super) const SUPERVISION: &[Field] = &[
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

pub(super) const FINDINGS: &[Field] = &[
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

pub(super) const RECOMMENDATIONS: &[Field] = &[
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

pub(super) const RESPONSES: &[Field] = &[
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

/// Where the rows of one plan's supervision stand: the plan, and the page that shows them.
struct Of<'a> {
    site: &'a Site,
    plan: &'a Plan,
    lang: Lang,
}

impl Of<'_> {
    fn plan(&self) -> Cell {
        s(self.plan.id.clone())
    }

    /// The plan's supervision page, at `anchor` (`#act-…`, `#rec-…`).
    fn page(&self, anchor: String) -> Cell {
        let mut c = page(self.site, self.lang, &links::supervision(&self.plan.id));
        if let Cell::Text(t) = &mut c {
            t.push_str(&anchor);
        }
        c
    }
}

/// The rows of one of the supervision datasets of plan `p`, activity by activity.
pub(super) fn rows(site: &Site, p: &Plan, set: Set, lang: Lang, out: &mut Vec<Vec<Cell>>) {
    let of = Of {
        site,
        plan: p,
        lang,
    };
    for a in &p.supervision {
        match set {
            Set::Supervision => out.push(activity_row(&of, a)),
            Set::Findings => out.extend(a.findings.iter().map(|x| finding_row(&of, a, x))),
            Set::Recommendations => out.extend(
                a.recommendations
                    .iter()
                    .map(|r| recommendation_row(&of, a, r)),
            ),
            _ => {
                for r in &a.recommendations {
                    out.extend(r.responses.iter().map(|x| response_row(&of, a, r, x)));
                }
            }
        }
    }
}

fn joined(v: &[String]) -> Cell {
    s(v.join(";"))
}

fn activity_row(of: &Of, a: &Activity) -> Vec<Cell> {
    vec![
        of.plan(),
        s(a.id.clone()),
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
        of.page(format!("#act-{}", a.id)),
    ]
}

fn finding_row(of: &Of, a: &Activity, x: &Finding) -> Vec<Cell> {
    vec![
        of.plan(),
        s(a.id.clone()),
        s(x.text.vi.clone()),
        en(&x.text),
        so(x.project.as_deref()),
        so(x.target.as_deref()),
        ten(&x.commune).0,
        Cell::Bool(a.illustrative),
        of.page(format!("#act-{}", a.id)),
    ]
}

/// A recommendation, with whether it was answered in time on the site's as-of day.
fn recommendation_row(of: &Of, a: &Activity, r: &Recommendation) -> Vec<Cell> {
    let st = answer(r, of.site.settings.as_of);
    vec![
        of.plan(),
        s(r.id.clone()),
        s(a.id.clone()),
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
        of.page(format!("#rec-{}", r.id)),
    ]
}

fn response_row(of: &Of, a: &Activity, r: &Recommendation, x: &Response) -> Vec<Cell> {
    vec![
        of.plan(),
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
        of.page(format!("#rec-{}", r.id)),
    ]
}
