//! Progress: what was reported against a plan, report after report. Validated like the plan
//! itself; statuses, disbursement and revisions are computed from these types elsewhere
//! (`status`, `money`), never stored.

use super::{Capital, Date, Decimal, Figure, Phase, Source, Text};
use serde::Deserialize;

/// The kinds of report the programme's rules ask for (Circular 01/2022/TT-UBDT; plans require
/// six-month, annual, mid-term and final reports; communes publish quarterly).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum ReportKind {
    Quarter,
    HalfYear,
    Year,
    MidTerm,
    Final,
}

/// The time a report covers, as written: "2022-Q1", "2022-H1", "2022", or "2021-2023" for a
/// mid-term or final report.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReportPeriod {
    pub kind: ReportKind,
    /// As written, for display and matching.
    pub label: String,
    pub start: Date,
    pub end: Date,
}

impl ReportPeriod {
    /// Reads a period of the given kind, or says how to write one.
    pub fn parse(kind: ReportKind, s: &str) -> Result<ReportPeriod, String> {
        let bad = |form: &str| format!("period = \"{s}\" is not a {form}");
        let (start, end) = match kind {
            ReportKind::Quarter => quarter(s).map_err(bad)?,
            ReportKind::HalfYear => half_year(s).map_err(bad)?,
            ReportKind::Year => {
                let y = year(s).ok_or_else(|| bad("year like \"2022\""))?;
                (Some(Date::year_start(y)), Some(Date::year_end(y)))
            }
            ReportKind::MidTerm | ReportKind::Final => span_of_years(s).map_err(bad)?,
        };
        match (start, end) {
            (Some(start), Some(end)) => Ok(ReportPeriod {
                kind,
                label: s.to_string(),
                start,
                end,
            }),
            _ => Err(bad("period")),
        }
    }

    pub fn overlaps(&self, other: &ReportPeriod) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// The last day a figure of a report on this period may be for: the end of the month after
    /// the period. That month is when a period's last figures are closed: a year's capital may
    /// be disbursed until 31 January of the next year, and the programme's rules ask for a
    /// year's figures by 25 January. A figure for a later day belongs to a later period.
    pub fn latest_as_of(&self) -> Date {
        match self.end.month {
            12 => Date::month_end(self.end.year + 1, 1),
            m => Date::month_end(self.end.year, m + 1),
        }
    }
}

/// The first and last day of a period: `None` where the date does not exist.
type Bounds = (Option<Date>, Option<Date>);

/// A year of four digits.
fn year(y: &str) -> Option<i32> {
    (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        .then(|| y.parse::<i32>().ok())
        .flatten()
}

/// "2022-Q1"; else what a quarter looks like.
fn quarter(s: &str) -> Result<Bounds, &'static str> {
    const FORM: &str = "quarter like \"2022-Q1\"";
    let (y, q) = s.split_once("-Q").ok_or(FORM)?;
    let y = year(y).ok_or(FORM)?;
    let q: u32 = match q {
        "1" => 1,
        "2" => 2,
        "3" => 3,
        "4" => 4,
        _ => return Err("quarter like \"2022-Q1\" (Q1 to Q4)"),
    };
    Ok((Date::new(y, q * 3 - 2, 1), Some(Date::month_end(y, q * 3))))
}

/// "2022-H1"; else what a half-year looks like.
fn half_year(s: &str) -> Result<Bounds, &'static str> {
    const FORM: &str = "half-year like \"2022-H1\"";
    let (y, h) = s.split_once("-H").ok_or(FORM)?;
    let y = year(y).ok_or(FORM)?;
    match h {
        "1" => Ok((Date::new(y, 1, 1), Some(Date::month_end(y, 6)))),
        "2" => Ok((Date::new(y, 7, 1), Some(Date::month_end(y, 12)))),
        _ => Err("half-year like \"2022-H1\" (H1 or H2)"),
    }
}

/// "2021-2023"; else what a span of years looks like.
fn span_of_years(s: &str) -> Result<Bounds, &'static str> {
    const FORM: &str = "span of years like \"2021-2023\"";
    let (a, b) = s.split_once('-').ok_or(FORM)?;
    let (a, b) = (year(a).ok_or(FORM)?, year(b).ok_or(FORM)?);
    if a > b {
        return Err("span of years running forward, like \"2021-2023\"");
    }
    Ok((Some(Date::year_start(a)), Some(Date::year_end(b))))
}

/// A report the plan's calendar says is due.
#[derive(Debug, Clone)]
pub struct Due {
    /// Agency id of the reporting body.
    pub agency: String,
    pub period: ReportPeriod,
    /// The day by which it must be published.
    pub due: Date,
    /// What the report covers, when the calendar says.
    pub what: Option<Text>,
    /// The rule or document that sets the deadline ("Thông tư 01/2022/TT-UBDT …", or the
    /// plan's own clause, quoted).
    pub source: Option<Text>,
    /// The section of the plan's document that sets it ("VI.9"), linked on the pages.
    pub reference: Option<String>,
    /// Where that rule or document is published (an http(s) address).
    pub source_url: Option<String>,
}

impl Due {
    /// The calendar names where its deadline comes from.
    pub fn sourced(&self) -> bool {
        self.source.is_some() || self.reference.is_some() || self.source_url.is_some()
    }
}

/// How a commune or group figure divides a reported value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BreakdownKind {
    Commune,
    EthnicGroup,
    Other,
}

/// One part of a reported value: a commune's or an ethnic group's figure.
#[derive(Debug, Clone)]
pub struct Breakdown {
    pub by: BreakdownKind,
    pub name: Text,
    pub value: Figure,
}

/// A status a report gives for a target or task in words; for qualitative targets the only
/// status there is (never computed).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Achieved,
    OnTrack,
    NeedsAcceleration,
    OffTrack,
    /// Moving away from the target: the figure went the wrong way since the baseline (Open
    /// SDG's "deterioration"), told apart from slow progress so that a reader sees it.
    Deteriorating,
    NotAssessable,
    NoData,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Achieved,
        Status::OnTrack,
        Status::NeedsAcceleration,
        Status::OffTrack,
        Status::Deteriorating,
        Status::NotAssessable,
        Status::NoData,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on-track",
            Status::NeedsAcceleration => "needs-acceleration",
            Status::OffTrack => "off-track",
            Status::Deteriorating => "deteriorating",
            Status::NotAssessable => "not-assessable",
            Status::NoData => "no-data",
        }
    }

    /// A status a reader should act on: moving away, off track or needing acceleration.
    pub fn worrying(self) -> bool {
        matches!(
            self,
            Status::Deteriorating | Status::OffTrack | Status::NeedsAcceleration
        )
    }

    /// The order in which lists put statuses that need attention first: moving away, off
    /// track, needing acceleration, no data, not assessable, on track, achieved.
    pub fn urgency(self) -> u8 {
        match self {
            Status::Deteriorating => 0,
            Status::OffTrack => 1,
            Status::NeedsAcceleration => 2,
            Status::NoData => 3,
            Status::NotAssessable => 4,
            Status::OnTrack => 5,
            Status::Achieved => 6,
        }
    }
}

/// A target's value in one report.
#[derive(Debug, Clone)]
pub struct ReportedValue {
    /// Id of the target in the plan.
    pub target: String,
    /// In the target's unit; `None` for a qualitative target, which has a status only.
    pub value: Option<Figure>,
    /// For a ratio target: the reference figure the value is a share of ("bình quân chung cả
    /// tỉnh" that year), in the same unit as `value`; without it `value` is the ratio itself.
    pub reference_value: Option<Decimal>,
    /// The day the figure is for (default: the end of the report's period).
    pub as_of: Date,
    /// For a qualitative target: the status the report states.
    pub status: Option<Status>,
    pub source: Option<String>,
    pub note: Option<Text>,
    /// Why this value differs from one an earlier report gave for the same day.
    pub reason: Option<Text>,
    pub evidence: Vec<String>,
    pub breakdown: Vec<Breakdown>,
}

/// Money of one budget line in one report: a complete figure for the line, phase and year as of
/// the report (not an increment), so that every report is a full version of the lines.
#[derive(Debug, Clone)]
pub struct MoneyFigure {
    pub project: String,
    pub source: Source,
    pub capital: Option<Capital>,
    pub year: i32,
    /// Allocated, adjusted or disbursed (never proposed: proposals are in the plan).
    pub phase: Phase,
    /// Million VND.
    pub amount: Decimal,
    pub as_of: Date,
    pub note: Option<Text>,
    pub reason: Option<Text>,
}

impl MoneyFigure {
    /// The stable identity of the line the figure is for.
    pub fn line(&self) -> (&str, Source, Option<Capital>, i32) {
        (&self.project, self.source, self.capital, self.year)
    }
}

/// How far a promised output has got: 412 of 773 houses.
#[derive(Debug, Clone)]
pub struct OutputDone {
    pub project: String,
    /// Id of the project's `[[project.quantity]]`.
    pub quantity: String,
    /// In the quantity's unit, cumulative to `as_of`.
    pub done: Decimal,
    pub as_of: Date,
    pub note: Option<Text>,
    pub reason: Option<Text>,
    pub evidence: Vec<String>,
}

/// Where a task or project stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Work {
    NotStarted,
    InProgress,
    Done,
    Delayed,
}

/// The state of a project, or of one of its tasks, in one report.
#[derive(Debug, Clone)]
pub struct TaskState {
    pub project: String,
    /// 1-based number of the task in the project's `tasks`; `None`: the project as a whole.
    pub task: Option<usize>,
    pub state: Work,
    /// Why it is delayed (required then).
    pub reason: Option<Text>,
    pub as_of: Date,
}

/// A progress report.
#[derive(Debug, Clone)]
pub struct Report {
    /// File name without `.toml`; the page is `plans/<plan>/reports/<id>.html`.
    pub id: String,
    pub period: ReportPeriod,
    pub published: Date,
    /// Agency id of the reporting body.
    pub agency: String,
    pub title: Option<Text>,
    /// The document it was taken from ("Báo cáo số 123/BC-UBND ngày 15/7/2022").
    pub source: Option<String>,
    /// Relative paths (inside the site) or https addresses of supporting documents.
    pub evidence: Vec<String>,
    /// Made-up figures for demonstration, labelled as such on every page that shows them.
    pub illustrative: bool,
    pub values: Vec<ReportedValue>,
    pub money: Vec<MoneyFigure>,
    pub outputs: Vec<OutputDone>,
    pub tasks: Vec<TaskState>,
}

/// A figure a later report changed: the old and new value, when, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    /// What was revised, for display: a target id, a project's line, an output.
    pub item: Revised,
    pub as_of: Date,
    pub old: Decimal,
    pub new: Decimal,
    /// Index (in the plan's reports) of the report that gave the old value, and of the one that
    /// changed it.
    pub from_report: usize,
    pub by_report: usize,
    /// Index of the changing figure in that report's values, money or outputs.
    pub entry: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Revised {
    Target(String),
    Money {
        project: String,
        source: Source,
        capital: Option<Capital>,
        year: i32,
        phase: Phase,
    },
    Output {
        project: String,
        quantity: String,
    },
}

/// Every change a later report made to a figure an earlier report gave for the same day, in
/// publication order. `reports` must be sorted by publication date.
pub fn revisions(reports: &[Report]) -> Vec<Revision> {
    use std::collections::HashMap;
    let mut last: HashMap<(Revised, Date), (Decimal, usize)> = HashMap::new();
    let mut out = Vec::new();
    let mut see = |item: Revised, as_of: Date, v: Decimal, (i, entry): (usize, usize)| match last
        .insert((item.clone(), as_of), (v, i))
    {
        Some((old, from)) if old != v && from != i => out.push(Revision {
            item,
            as_of,
            old,
            new: v,
            from_report: from,
            by_report: i,
            entry,
        }),
        _ => {}
    };
    for (i, r) in reports.iter().enumerate() {
        for (e, v) in r.values.iter().enumerate() {
            if let Some(Figure::Decimal(d)) = v.value {
                see(Revised::Target(v.target.clone()), v.as_of, d, (i, e));
            }
        }
        for (e, m) in r.money.iter().enumerate() {
            let item = Revised::Money {
                project: m.project.clone(),
                source: m.source,
                capital: m.capital,
                year: m.year,
                phase: m.phase,
            };
            see(item, m.as_of, m.amount, (i, e));
        }
        for (e, o) in r.outputs.iter().enumerate() {
            let item = Revised::Output {
                project: o.project.clone(),
                quantity: o.quantity.clone(),
            };
            see(item, o.as_of, o.done, (i, e));
        }
    }
    out
}

/// The values reported for a target, one per day: for a day given in several reports, the
/// latest report's. Sorted by day; each with the index of its report.
pub fn series<'a>(reports: &'a [Report], target: &str) -> Vec<(usize, &'a ReportedValue)> {
    let mut by_day: std::collections::BTreeMap<Date, (usize, &ReportedValue)> = Default::default();
    for (i, r) in reports.iter().enumerate() {
        for v in r.values.iter().filter(|v| v.target == target) {
            by_day.insert(v.as_of, (i, v));
        }
    }
    by_day.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_kind_of_period() {
        let p = ReportPeriod::parse(ReportKind::Quarter, "2022-Q3").unwrap();
        assert_eq!(
            (p.start.iso(), p.end.iso()),
            ("2022-07-01".into(), "2022-09-30".into())
        );
        let p = ReportPeriod::parse(ReportKind::HalfYear, "2024-H1").unwrap();
        assert_eq!(p.end.iso(), "2024-06-30");
        let p = ReportPeriod::parse(ReportKind::MidTerm, "2021-2023").unwrap();
        assert_eq!(
            (p.start.iso(), p.end.iso()),
            ("2021-01-01".into(), "2023-12-31".into())
        );
        let day = |k, p| ReportPeriod::parse(k, p).unwrap().latest_as_of().iso();
        assert_eq!(day(ReportKind::Year, "2024"), "2025-01-31");
        assert_eq!(day(ReportKind::Quarter, "2024-Q1"), "2024-04-30");
        assert_eq!(day(ReportKind::HalfYear, "2024-H1"), "2024-07-31");
        assert_eq!(day(ReportKind::Final, "2021-2025"), "2026-01-31");
        for (k, bad) in [
            (ReportKind::Quarter, "2022-Q5"),
            (ReportKind::Quarter, "2022"),
            (ReportKind::HalfYear, "2022-H3"),
            (ReportKind::Year, "22"),
            (ReportKind::Final, "2025-2021"),
        ] {
            assert!(ReportPeriod::parse(k, bad).is_err(), "{bad}");
        }
    }
}
