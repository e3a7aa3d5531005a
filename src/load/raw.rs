//! Raw serde structs: the files exactly as written, before validation.
//!
//! Unknown fields are rejected so a misspelt field is an error, not silently ignored. Fields
//! whose problems validation must locate are wrapped in `Spanned`.

use crate::model::progress::{BreakdownKind, ReportKind, Status, Work};
use crate::model::supervision::{Accepted, Form};
use crate::model::{
    AgencyKind, Better, Capital, Direction, Op, Period, Phase, PlanKind, RateKind, Relation,
    Source, TargetShape,
};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use toml::Spanned;

/// A bilingual text as written: `"…"` or `{ vi = "…", en = "…" }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawText {
    pub vi: String,
    pub en: Option<String>,
}

/// The Vietnamese of a text, which may not be empty: a reader would see a blank title or link.
fn vietnamese<E: de::Error>(s: &str) -> Result<String, E> {
    if s.trim().is_empty() {
        return Err(E::custom(
            "this text is empty: write the Vietnamese text, or leave the field out if it is optional",
        ));
    }
    Ok(s.to_string())
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawText, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text: \"…\" (Vietnamese) or { vi = \"…\", en = \"…\" }")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<RawText, E> {
                Ok(RawText {
                    vi: vietnamese(s)?,
                    en: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawText, A::Error> {
                let (mut vi, mut en) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "vi" => vi = Some(map.next_value::<String>()?),
                        "en" => en = Some(map.next_value::<String>()?),
                        other => {
                            return Err(de::Error::custom(format!(
                                "unknown language `{other}` in a text; write {{ vi = \"…\", en = \"…\" }}"
                            )))
                        }
                    }
                }
                let vi = vi.ok_or_else(|| {
                    de::Error::custom("this text has no `vi`: the Vietnamese text is required")
                })?;
                // An empty English text is a missing one: the page shows the Vietnamese.
                let en = en.filter(|e| !e.trim().is_empty());
                Ok(RawText {
                    vi: vietnamese(&vi)?,
                    en,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A figure as written: a string in Vietnamese notation, or a TOML number. Validation decides
/// what is acceptable; this only records what the file says.
#[derive(Debug, Clone, PartialEq)]
pub enum RawFigure {
    /// "17.860,0", "1/2".
    Printed(String),
    /// A TOML integer (`773`). Validation also checks how it was written: TOML reads `0x10`
    /// as 16 and `1_000` as 1000.
    Integer(i128),
    /// A TOML float: never a figure, since TOML reads `39.559` as thirty-nine point five five
    /// nine where the document prints thirty-nine thousand five hundred fifty-nine.
    Float(f64),
}

impl<'de> Deserialize<'de> for RawFigure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawFigure, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawFigure;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a figure as printed, e.g. \"17.860,0\", or a number")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<RawFigure, E> {
                Ok(RawFigure::Printed(s.to_string()))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<RawFigure, E> {
                Ok(RawFigure::Integer(i128::from(n)))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<RawFigure, E> {
                Ok(RawFigure::Integer(i128::from(n)))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<RawFigure, E> {
                Ok(RawFigure::Float(n))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSettings {
    pub title: RawText,
    pub description: Option<RawText>,
    pub publisher: RawText,
    pub languages: Option<Spanned<Vec<String>>>,
    pub base_url: Option<Spanned<String>>,
    pub contact: Option<String>,
    /// "YYYY-MM-DD": the day the site's figures are current to.
    pub as_of: Option<Spanned<String>>,
    /// The licence the site's data is published under.
    pub licence: Option<Spanned<RawLicence>>,
    /// Where a reader reports an error in the figures: a `mailto:` address or a form's URL.
    pub report_error: Option<Spanned<String>>,
    pub concerns: Option<Spanned<String>>,
    /// The pages and sections the header's menu links, by name ("about", "guide").
    pub menu: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLicence {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAgencyFile {
    #[serde(default)]
    pub agency: Vec<RawAgency>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAgency {
    pub id: Spanned<String>,
    pub name: RawText,
    pub kind: AgencyKind,
    pub area: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSigner {
    pub name: String,
    pub title: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    pub kind: PlanKind,
    pub number: Option<String>,
    pub date: Option<Spanned<String>>,
    pub issuer: Spanned<String>,
    pub place: Option<RawText>,
    pub title: RawText,
    pub short_title: Option<RawText>,
    pub period: Spanned<Period>,
    pub implements: Option<RawText>,
    pub source: Option<String>,
    pub signer: Option<RawSigner>,
    #[serde(default)]
    pub legal_bases: Vec<RawText>,
    #[serde(default)]
    pub purposes: Vec<RawText>,
    #[serde(default)]
    pub requirements: Vec<RawText>,
    #[serde(default)]
    pub general_objectives: Vec<RawText>,
    #[serde(default)]
    pub beneficiaries: Vec<RawText>,
    #[serde(default)]
    pub solutions: Vec<RawText>,
    #[serde(default)]
    pub funding_notes: Vec<RawText>,
    #[serde(default)]
    pub printed_total: Vec<Spanned<RawMoney>>,
    /// The standing agency (cơ quan thường trực) that leads the plan.
    pub lead: Option<Spanned<String>>,
    /// Where the document is officially published (a portal page or the document's own link).
    pub source_url: Option<Spanned<String>>,
    /// "YYYY-MM-DD": the day this plan's data was last brought up to date.
    pub updated: Option<Spanned<String>>,
}

/// A row of `budget.csv` / `printed-totals.csv` (or of those sheets of `plan.xlsx`): a budget
/// line or printed total with the project (or sub-project) it belongs to; for a printed total an
/// empty `project` is the plan's own.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBudgetRow {
    pub project: Option<Spanned<String>>,
    pub amount: Option<Spanned<RawFigure>>,
    pub source: Option<Source>,
    pub capital: Option<Capital>,
    pub phase: Option<Phase>,
    pub year: Option<i32>,
    pub note: Option<RawText>,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
}

/// A budget line or a printed total.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMoney {
    pub amount: Option<Spanned<RawFigure>>,
    pub source: Option<Source>,
    pub capital: Option<Capital>,
    pub phase: Option<Phase>,
    pub year: Option<i32>,
    pub note: Option<RawText>,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTargetsFile {
    #[serde(default)]
    pub target: Vec<Spanned<RawTarget>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    pub id: Spanned<String>,
    pub horizon: i32,
    #[serde(default)]
    pub vision: bool,
    pub topic: Option<RawText>,
    pub indicator: RawText,
    pub text: RawText,
    pub shape: TargetShape,
    pub op: Option<Op>,
    pub direction: Option<Direction>,
    pub value: Option<Spanned<RawFigure>>,
    pub min: Option<Spanned<RawFigure>>,
    pub max: Option<Spanned<RawFigure>>,
    pub unit: Option<RawText>,
    #[serde(default)]
    pub unit_before: bool,
    #[serde(default)]
    pub per_year: bool,
    pub baseline_year: Option<i32>,
    pub reference: Option<RawText>,
    pub scope: Option<RawText>,
    pub parent: Option<Spanned<String>>,
    #[serde(default)]
    pub lead: Vec<Spanned<String>>,
    #[serde(default)]
    pub support: Vec<Spanned<String>>,
    #[serde(rename = "ref")]
    pub section: Option<String>,
    pub baseline: Option<Spanned<RawBaseline>>,
    pub better: Option<Better>,
    pub rate: Option<RateKind>,
    /// Where the document contradicts itself about this target, or what a reader should know
    /// about its figure: shown beside it and on the data notes page.
    pub data_note: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBaseline {
    pub value: Spanned<RawFigure>,
    pub year: i32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProjectsFile {
    #[serde(default)]
    pub project: Vec<Spanned<RawProject>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProject {
    pub id: Spanned<String>,
    pub code: RawText,
    pub title: RawText,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    #[serde(default)]
    pub objectives: Vec<RawText>,
    #[serde(default)]
    pub tasks: Vec<RawText>,
    #[serde(default)]
    pub beneficiaries: Vec<RawText>,
    pub note: Option<RawText>,
    #[serde(default)]
    pub lead: Vec<Spanned<String>>,
    #[serde(default)]
    pub support: Vec<Spanned<String>>,
    #[serde(default)]
    pub quantity: Vec<RawQuantity>,
    #[serde(default)]
    pub budget: Vec<Spanned<RawMoney>>,
    #[serde(default)]
    pub printed_total: Vec<Spanned<RawMoney>>,
    #[serde(default)]
    pub subproject: Vec<Spanned<RawProject>>,
    /// As for targets: a note on the project's figures, listed on the data notes page.
    pub data_note: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuantity {
    pub id: Option<Spanned<String>>,
    pub value: Spanned<RawFigure>,
    pub unit: RawText,
    pub what: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDutiesFile {
    #[serde(default)]
    pub duty: Vec<RawDuty>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDuty {
    pub agency: Spanned<String>,
    pub relation: Relation,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    pub tasks: Vec<RawText>,
}

/// A row of `duties.csv` (or the "Nhiệm vụ" sheet): one task of one duty.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDutyRow {
    pub agency: Spanned<String>,
    pub relation: Relation,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    pub task: RawText,
}

/// Front matter of a Markdown page, between `+++` lines.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub title: Option<String>,
    /// One line shown under the title in lists and link previews.
    pub description: Option<String>,
    /// "YYYY-MM-DD": when the page was written or last revised; shown, and used to sort.
    pub date: Option<Spanned<String>>,
    /// Order in its section and in the menu: smaller first (then by title).
    pub weight: Option<i64>,
    /// Only in a section's `_index.<lang>.md`: how its pages are listed, "weight" (the
    /// default: weight, then title), "title" or "date" (newest first).
    pub sort_by: Option<Spanned<String>>,
    /// Only in a section's `_index.<lang>.md`: pages listed per page of its index (default 25).
    pub paginate_by: Option<Spanned<i64>>,
}

/// `plans/<id>/calendar.toml`: the reports the plan asks for.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCalendarFile {
    #[serde(default)]
    pub due: Vec<Spanned<RawDue>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDue {
    pub agency: Spanned<String>,
    pub kind: ReportKind,
    pub period: Spanned<String>,
    pub due: Spanned<String>,
    pub what: Option<RawText>,
    /// The rule or document that sets this deadline (bilingual, or Vietnamese only).
    pub source: Option<RawText>,
    /// The section of the plan's own document that sets it ("VI.9"): linked to that section.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// Where the rule or document is published: an https address.
    pub source_url: Option<Spanned<String>>,
}

/// `plans/<id>/reports/<report-id>.toml`: one progress report. Its tables may instead be kept in
/// CSV files beside it (`<report-id>.values.csv`, `.money.csv`, `.outputs.csv`, `.tasks.csv`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    #[serde(default)]
    pub illustrative: bool,
    pub kind: ReportKind,
    pub period: Spanned<String>,
    pub published: Spanned<String>,
    pub agency: Spanned<String>,
    pub title: Option<RawText>,
    pub source: Option<String>,
    #[serde(default)]
    pub evidence: Vec<Spanned<String>>,
    #[serde(default)]
    pub value: Vec<Spanned<RawValue>>,
    #[serde(default)]
    pub money: Vec<Spanned<RawMoneyFigure>>,
    #[serde(default)]
    pub output: Vec<Spanned<RawOutput>>,
    #[serde(default)]
    pub task: Vec<Spanned<RawTask>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawValue {
    pub target: Spanned<String>,
    pub value: Option<Spanned<RawFigure>>,
    pub reference_value: Option<Spanned<RawFigure>>,
    pub as_of: Option<Spanned<String>>,
    /// Must be the target's unit when given.
    pub unit: Option<Spanned<String>>,
    pub status: Option<Spanned<Status>>,
    pub source: Option<String>,
    pub note: Option<RawText>,
    pub reason: Option<RawText>,
    #[serde(default)]
    pub evidence: Vec<Spanned<String>>,
    #[serde(default)]
    pub breakdown: Vec<Spanned<RawBreakdown>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBreakdown {
    pub by: BreakdownKind,
    pub name: RawText,
    pub value: Spanned<RawFigure>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMoneyFigure {
    pub project: Spanned<String>,
    pub source: Source,
    pub capital: Option<Capital>,
    pub year: Spanned<i32>,
    pub phase: Spanned<Phase>,
    pub amount: Spanned<RawFigure>,
    pub as_of: Option<Spanned<String>>,
    pub note: Option<RawText>,
    pub reason: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutput {
    pub project: Spanned<String>,
    pub quantity: Spanned<String>,
    pub done: Spanned<RawFigure>,
    pub as_of: Option<Spanned<String>>,
    pub note: Option<RawText>,
    pub reason: Option<RawText>,
    #[serde(default)]
    pub evidence: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTask {
    pub project: Spanned<String>,
    pub task: Option<Spanned<u32>>,
    pub status: Work,
    pub reason: Option<RawText>,
    pub as_of: Option<Spanned<String>>,
}

/// `plans/<id>/supervision/<activity-id>.toml`: one supervision activity of the Front or a
/// community board, its findings, recommendations and the answers to them. The three tables may
/// instead be kept in CSV files beside it (`<activity-id>.findings.csv`, `.recommendations.csv`,
/// `.responses.csv`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActivity {
    #[serde(default)]
    pub illustrative: bool,
    pub title: RawText,
    pub by: Vec<Spanned<String>>,
    pub form: Option<Form>,
    pub start: Spanned<String>,
    pub end: Option<Spanned<String>>,
    pub published: Option<Spanned<String>>,
    #[serde(default)]
    pub communes: Vec<RawText>,
    #[serde(default)]
    pub projects: Vec<Spanned<String>>,
    #[serde(default)]
    pub targets: Vec<Spanned<String>>,
    pub summary: Option<RawText>,
    pub source: Option<String>,
    #[serde(default)]
    pub evidence: Vec<Spanned<String>>,
    #[serde(default)]
    pub finding: Vec<Spanned<RawFinding>>,
    #[serde(default)]
    pub recommendation: Vec<Spanned<RawRecommendation>>,
    #[serde(default)]
    pub response: Vec<Spanned<RawResponse>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFinding {
    pub text: RawText,
    pub project: Option<Spanned<String>>,
    pub target: Option<Spanned<String>>,
    pub commune: Option<RawText>,
    #[serde(default)]
    pub evidence: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecommendation {
    pub id: Spanned<String>,
    pub to: Spanned<String>,
    pub text: RawText,
    pub project: Option<Spanned<String>>,
    pub target: Option<Spanned<String>>,
    pub commune: Option<RawText>,
    pub sent: Option<Spanned<String>>,
    pub due: Spanned<String>,
    pub closed: Option<Spanned<String>>,
    pub closed_note: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResponse {
    pub recommendation: Spanned<String>,
    pub date: Spanned<String>,
    pub by: Option<Spanned<String>>,
    pub text: RawText,
    pub accepted: Accepted,
    pub action: Option<RawText>,
    pub follow_up: Option<RawText>,
    pub source: Option<String>,
    #[serde(default)]
    pub evidence: Vec<Spanned<String>>,
}
