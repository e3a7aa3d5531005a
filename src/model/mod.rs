//! Validated domain types: what rendering sees. Built only by `validate`.
//!
//! Every id reference in here has been checked to resolve; every figure has been parsed.

pub mod budget;
pub mod date;
pub mod link;
pub mod money;
pub mod notation;
pub mod number;
mod page;
pub mod progress;
pub mod status;
pub mod supervision;
mod target;
pub mod text;

pub use date::Date;
pub use number::{Decimal, Figure};
pub use page::{Nav, Page, PageText, Section};
pub use progress::{Due, Report, Status};
pub use target::{Baseline, Better, Direction, Goal, Op, RateKind, Target, TargetShape};
pub use text::{Lang, Text};

use serde::Deserialize;

/// The longest id: ids become file names, which file systems limit to 255 bytes, and a page
/// address should stay readable.
pub const MAX_ID_LEN: usize = 80;

/// Ids are used in page addresses: lower-case ASCII letters, digits and `-`, at most
/// `MAX_ID_LEN` long.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// What is wrong with an id that `is_valid_id` refuses, for `what` ("agency id").
pub fn id_rule(what: &str, id: &str) -> String {
    if id.len() > MAX_ID_LEN {
        format!(
            "{what} `{}…` is {} characters long; it becomes a page address, so keep it to at most {MAX_ID_LEN}",
            id.chars().take(24).collect::<String>(),
            id.chars().count()
        )
    } else {
        format!("{what} `{id}` may use only a-z, 0-9 and `-` (it becomes a page address); e.g. `du-an-1`")
    }
}

/// The whole validated site.
#[derive(Debug, Clone)]
pub struct Site {
    pub settings: Settings,
    /// Every agency, in file order (files sorted by name).
    pub agencies: Vec<Agency>,
    /// Plans sorted by id.
    pub plans: Vec<Plan>,
    /// Narrative pages sorted by slug.
    pub pages: Vec<Page>,
    /// Sections of narrative pages sorted by path (a parent before its sub-sections).
    pub sections: Vec<Section>,
    /// The menu in every page's header and footer: what `menu` in site.toml names, else the
    /// first top-level pages and sections.
    pub menu: Vec<Nav>,
    /// Files of the content's `static/` folder (`/`-separated, relative to it), published as
    /// they are at the root of the site (`CNAME`, `.nojekyll`, `favicon.ico` …).
    pub static_files: Vec<String>,
}

impl Site {
    /// Some plan has supervision: the site then has its list of recommendations.
    pub fn has_supervision(&self) -> bool {
        self.plans.iter().any(|p| !p.supervision.is_empty())
    }
}

/// Site-wide settings from `site.toml`.
#[derive(Debug, Clone)]
pub struct Settings {
    pub title: Text,
    pub description: Option<Text>,
    pub publisher: Text,
    /// Public URL of the site root, ending in `/`; used only where a link must be absolute
    /// (sitemap.xml, 404.html). `None` keeps every link relative.
    pub base_url: Option<String>,
    pub contact: Option<String>,
    /// The day the site's figures are current to: reports due before it and not received are
    /// overdue. Given in the content, never read from the clock, so builds are reproducible.
    pub as_of: Option<Date>,
    /// The licence of the published data: its name and, optionally, where to read it.
    pub licence: Option<(String, Option<String>)>,
    /// `mailto:` address or form URL for reporting an error in the figures.
    pub report_error: Option<String>,
    /// Where readers send a concern about a plan, project, target or report (mailto: or a
    /// form's https:// address); without it, `report_error`'s channel takes them.
    pub concerns: Option<String>,
}

/// What sort of body an agency is; decides how the site groups and labels it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize, PartialOrd, Ord,
)]
#[serde(rename_all = "kebab-case")]
pub enum AgencyKind {
    PeopleCommittee,
    Office,
    CommuneCommittee,
    Front,
    MassOrganisation,
    Bank,
    PublicServiceUnit,
    Security,
    Party,
    Group,
    Other,
}

impl AgencyKind {
    pub fn key(self) -> &'static str {
        match self {
            AgencyKind::PeopleCommittee => "people-committee",
            AgencyKind::Office => "office",
            AgencyKind::CommuneCommittee => "commune-committee",
            AgencyKind::Front => "front",
            AgencyKind::MassOrganisation => "mass-organisation",
            AgencyKind::Bank => "bank",
            AgencyKind::PublicServiceUnit => "public-service-unit",
            AgencyKind::Security => "security",
            AgencyKind::Party => "party",
            AgencyKind::Group => "group",
            AgencyKind::Other => "other",
        }
    }
}

/// A public body named by a plan.
#[derive(Debug, Clone)]
pub struct Agency {
    /// Unique site-wide; `[a-z0-9-]`; the page is `agencies/<id>.html`.
    pub id: String,
    pub name: Text,
    pub kind: AgencyKind,
    /// The district or province it belongs to, for grouping.
    pub area: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlanKind {
    /// Kế hoạch.
    Plan,
    /// Chương trình hành động.
    ActionProgramme,
}

/// A document date as printed: complete, year only (day and month left blank), or blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocDate {
    Full { year: i32, month: u32, day: u32 },
    YearOnly(i32),
    Blank,
}

/// Years covered by a plan, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: i32,
    pub to: i32,
    /// "định hướng đến năm 2030": the year the plan looks ahead to beyond its period, whose
    /// targets are orientations rather than commitments of the period.
    pub orientation: Option<i32>,
}

impl Period {
    /// The last year a target may be set for without being a vision.
    pub fn last_target_year(&self) -> i32 {
        self.orientation.unwrap_or(self.to).max(self.to)
    }
}

#[derive(Debug, Clone)]
pub struct Signer {
    pub name: String,
    pub title: Text,
}

/// One plan or action programme.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Folder name; the page is `plans/<id>.html`.
    pub id: String,
    pub kind: PlanKind,
    /// Document number as printed ("227/KH-UBND"); `None` when printed blank.
    pub number: Option<String>,
    pub date: DocDate,
    /// Agency id of the issuing People's Committee.
    pub issuer: String,
    /// The place line ("Đại Từ, ngày …"); `None` when the document prints none.
    pub place: Option<Text>,
    pub title: Text,
    pub short_title: Option<Text>,
    pub period: Period,
    pub implements: Option<Text>,
    /// Name of the source the encoding was made from.
    /// The standing agency leading the plan (an agency id).
    pub lead: Option<String>,
    /// Where the document is officially published.
    pub source_url: Option<String>,
    /// The day the plan's data was last brought up to date.
    pub updated: Option<Date>,
    pub source: Option<String>,
    pub signer: Option<Signer>,
    pub legal_bases: Vec<Text>,
    pub purposes: Vec<Text>,
    pub requirements: Vec<Text>,
    pub general_objectives: Vec<Text>,
    pub beneficiaries: Vec<Text>,
    pub solutions: Vec<Text>,
    pub funding_notes: Vec<Text>,
    /// Plan-wide totals exactly as printed.
    pub printed_totals: Vec<Money>,
    pub targets: Vec<Target>,
    pub projects: Vec<Project>,
    pub duties: Vec<Duty>,
    /// Full original text (Markdown), per language.
    pub document_vi: Option<String>,
    pub document_en: Option<String>,
    /// Reports the plan's calendar says are due, by due date.
    pub calendar: Vec<Due>,
    /// Progress reports, by publication date (then id).
    pub reports: Vec<Report>,
    /// Supervision activities of the Front and the community boards, by start date (then id).
    pub supervision: Vec<supervision::Activity>,
}

impl Plan {
    /// Every project and sub-project, depth first.
    pub fn all_projects(&self) -> impl Iterator<Item = &Project> {
        self.projects
            .iter()
            .flat_map(|p| std::iter::once(p).chain(p.subprojects.iter()))
    }

    /// The quantity `id` that project (or sub-project) `project` plans, if there is one.
    pub fn quantity(&self, project: &str, id: &str) -> Option<&Quantity> {
        self.all_projects()
            .find(|p| p.id == project)
            .and_then(|p| p.quantities.iter().find(|q| q.id.as_deref() == Some(id)))
    }

    pub fn label(&self) -> &Text {
        self.short_title.as_ref().unwrap_or(&self.title)
    }

    /// Some of its supervision is made up for demonstration (and must say so where shown).
    pub fn illustrative_supervision(&self) -> bool {
        self.supervision.iter().any(|a| a.illustrative)
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize, PartialOrd, Ord,
)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Ngân sách trung ương.
    Central,
    /// Ngân sách địa phương (province, district).
    Local,
    /// Vốn tín dụng chính sách.
    PolicyCredit,
    /// Other lawful funds.
    Other,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize, PartialOrd, Ord,
)]
#[serde(rename_all = "kebab-case")]
pub enum Capital {
    /// Vốn đầu tư phát triển.
    Investment,
    /// Vốn sự nghiệp.
    Recurrent,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize, PartialOrd, Ord,
)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Dự kiến.
    Proposed,
    /// Giao.
    Allocated,
    Adjusted,
    Disbursed,
}

/// A printed money figure: a budget line or a printed total, in million VND.
#[derive(Debug, Clone)]
pub struct Money {
    /// Million VND as printed; `None` for lines with no figure ("theo nhu cầu thực tế").
    pub amount: Option<Decimal>,
    /// `None` on a total means "all sources".
    pub source: Option<Source>,
    /// `None`: the document does not split by capital type (or, on a total, "all types").
    pub capital: Option<Capital>,
    /// Proposed, allocated …; `None` only on a line with no figure ("theo nhu cầu thực tế").
    pub phase: Option<Phase>,
    /// `None`: the whole plan period.
    pub year: Option<i32>,
    pub note: Option<Text>,
    pub reference: Option<String>,
}

/// A countable output promised ("773 hộ").
#[derive(Debug, Clone)]
pub struct Quantity {
    /// Unique in the project; progress reports name the output by it.
    pub id: Option<String>,
    pub value: Decimal,
    pub unit: Text,
    pub what: Text,
}

/// A component project (dự án thành phần) or sub-project (tiểu dự án).
#[derive(Debug, Clone)]
pub struct Project {
    /// Unique in the plan (sub-projects included).
    pub id: String,
    /// Id of the parent project for a sub-project.
    pub parent: Option<String>,
    pub code: Text,
    pub title: Text,
    pub reference: Option<String>,
    pub objectives: Vec<Text>,
    pub tasks: Vec<Text>,
    pub beneficiaries: Vec<Text>,
    /// A note on the project's figures, listed on the data notes page.
    pub data_note: Option<Text>,
    pub note: Option<Text>,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub quantities: Vec<Quantity>,
    pub budget: Vec<Money>,
    pub printed_totals: Vec<Money>,
    pub subprojects: Vec<Project>,
}

impl Project {
    /// Budget lines of this project and all its sub-projects.
    pub fn all_budget(&self) -> impl Iterator<Item = &Money> {
        self.budget
            .iter()
            .chain(self.subprojects.iter().flat_map(|s| s.budget.iter()))
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// Giao: a government body told to act.
    Assigned,
    /// Đề nghị: the Front and mass organisations, asked rather than told.
    Requested,
}

/// What one agency is assigned or requested to do under one plan.
#[derive(Debug, Clone)]
pub struct Duty {
    pub agency: String,
    pub relation: Relation,
    pub tasks: Vec<Text>,
    pub reference: Option<String>,
}

/// An empty plan, for tests that need only some of its parts.
#[cfg(test)]
impl Default for Plan {
    fn default() -> Plan {
        Plan {
            id: "p".into(),
            kind: PlanKind::Plan,
            number: None,
            date: DocDate::Blank,
            issuer: "a".into(),
            place: None,
            lead: None,
            source_url: None,
            updated: None,
            title: Text::vi("Kế hoạch"),
            short_title: None,
            period: Period {
                from: 2021,
                to: 2025,
                orientation: None,
            },
            implements: None,
            source: None,
            signer: None,
            legal_bases: vec![],
            purposes: vec![],
            requirements: vec![],
            general_objectives: vec![],
            beneficiaries: vec![],
            solutions: vec![],
            funding_notes: vec![],
            printed_totals: vec![],
            targets: vec![],
            projects: vec![],
            duties: vec![],
            document_vi: None,
            document_en: None,
            calendar: vec![],
            reports: vec![],
            supervision: vec![],
        }
    }
}
