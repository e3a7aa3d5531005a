//! The parts every dataset's columns are made of: a field (stable machine id, a header in each
//! language, a Table Schema type and unit), the code lists a field may take its values from, and
//! the columns many datasets share (plan id, page, section, report and project ids, agencies,
//! notes).
//!
//! Stage: datasets (render::data), under the views; it reads nothing of the model but `Lang`.

use crate::model::Lang;

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

/// A field of type `ty` with no unit, code list or description.
pub(super) const fn f(id: &'static str, vi: &'static str, en: &'static str, ty: Ty) -> Field {
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

/// `fd` with what it holds, in English, for the data package.
pub(super) const fn about(mut fd: Field, about: &'static str) -> Field {
    fd.about = about;
    fd
}

/// A text field whose values are codes from `values`.
pub(super) const fn coded(
    id: &'static str,
    vi: &'static str,
    en: &'static str,
    values: &'static [&'static str],
) -> Field {
    let mut fd = f(id, vi, en, Ty::Str);
    fd.values = values;
    fd
}

/// An amount of money, in `MILLION_VND`.
pub(super) const fn money(id: &'static str, vi: &'static str, en: &'static str) -> Field {
    let mut fd = f(id, vi, en, Ty::Num);
    fd.unit = Some(MILLION_VND);
    fd
}

/// The unit of every amount of money in the data.
pub const MILLION_VND: &str = "million VND";

pub(super) const SOURCES: &[&str] = &["central", "local", "policy-credit", "other"];
pub(super) const CAPITALS: &[&str] = &["investment", "recurrent"];
pub(super) const PHASES: &[&str] = &["proposed", "allocated", "adjusted", "disbursed"];
/// The budget phases as the Fiscal Data Package names them.
pub(super) const FDP_PHASES: &[&str] = &["proposed", "approved", "adjusted", "executed"];
pub(super) const REPORT_KINDS: &[&str] = &["quarter", "half-year", "year", "mid-term", "final"];
pub(super) const STATUSES: &[&str] = &[
    "achieved",
    "on-track",
    "needs-acceleration",
    "off-track",
    "deteriorating",
    "not-assessable",
    "no-data",
];

pub(super) const PLAN: Field = about(
    f("plan_id", "Mã kế hoạch", "Plan id", Ty::Str),
    "The plan's id, as in its page address.",
);
pub(super) const PAGE: Field = about(
    f("page", "Trang", "Page", Ty::Str),
    "The page that shows this row, from the site's root (absolute when the site has a base address).",
);
pub(super) const REF: Field = about(
    f("ref", "Mục trong văn bản", "Section", Ty::Str),
    "Where the figure or text stands in the plan's document (section number).",
);

pub(super) const REPORT_ID: Field = f("report_id", "Mã báo cáo", "Report id", Ty::Str);
pub(super) const PROJECT_ID: Field = f("project_id", "Mã dự án", "Project id", Ty::Str);
/// Beside every reported figure: whether its report is made up, and whether a later report
/// revised it (so that a reader who sums a column counts each figure once).
pub(super) const ILLUSTRATIVE_FIGURE: Field = about(
    f("illustrative", "Minh họa", "Illustrative", Ty::Bool),
    "True when the figure comes from a report made up to show the site: not a real figure.",
);
pub(super) const CURRENT: Field = about(
    f("current", "Hiện hành", "Current", Ty::Bool),
    "False when a later report revised this figure (the same item and day); sum only the current rows.",
);
pub(super) const LEAD: Field = about(
    f("lead", "Cơ quan chủ trì", "Lead", Ty::Str),
    "Agency ids, separated by spaces.",
);
pub(super) const SUPPORT: Field = about(
    f("support", "Cơ quan phối hợp", "Support", Ty::Str),
    "Agency ids, separated by spaces.",
);
pub(super) const NOTE_VI: Field = f("note_vi", "Ghi chú", "Note (Vietnamese)", Ty::Str);
pub(super) const REASON_VI: Field = f("reason_vi", "Lý do", "Reason (Vietnamese)", Ty::Str);
/// The day a reported figure is current to.
pub(super) const AS_OF: Field = f("as_of", "Số liệu tính đến", "As of", Ty::Date);
