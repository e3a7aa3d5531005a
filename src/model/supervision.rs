//! Social supervision (giám sát xã hội): what the Fatherland Front committees and the community
//! investment supervision boards found when they supervised a plan, what they recommended to
//! which agency, and how each agency answered. Validated like the progress reports; the status of
//! each recommendation is computed from its dates (`answer`), never stored.

use super::{Date, Text};
use serde::Deserialize;

/// How the supervision was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    /// Giám sát trực tiếp: a visit to the works, the communes, the households.
    Visit,
    /// Giám sát qua văn bản, hồ sơ: reading the documents and accounts.
    Documents,
    /// Hội nghị, đối thoại: a meeting or a dialogue with the agencies and the people.
    Meeting,
    /// Khảo sát, lấy ý kiến: a survey of the people concerned.
    Survey,
    Other,
}

/// What an agency's answer says of a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Accepted {
    /// Tiếp thu: accepted in full. An official may write it in Vietnamese.
    #[serde(alias = "có", alias = "co", alias = "tiếp thu", alias = "tiep-thu")]
    Yes,
    /// Tiếp thu một phần.
    #[serde(
        alias = "một phần",
        alias = "mot-phan",
        alias = "tiếp thu một phần",
        alias = "tiep-thu-mot-phan"
    )]
    Partly,
    /// Không tiếp thu (with the reasons in the answer).
    #[serde(
        alias = "không",
        alias = "khong",
        alias = "không tiếp thu",
        alias = "khong-tiep-thu"
    )]
    No,
}

impl Accepted {
    pub fn key(self) -> &'static str {
        match self {
            Accepted::Yes => "yes",
            Accepted::Partly => "partly",
            Accepted::No => "no",
        }
    }
}

/// A problem the supervisors found.
#[derive(Debug, Clone)]
pub struct Finding {
    pub text: Text,
    /// Id of the project or sub-project it is about, in the plan.
    pub project: Option<String>,
    /// Id of the target it is about, in the plan.
    pub target: Option<String>,
    /// The commune (or village) it was found in.
    pub commune: Option<Text>,
    pub evidence: Vec<String>,
}

/// An agency's written answer to a recommendation.
#[derive(Debug, Clone)]
pub struct Response {
    /// The day of the answer (the date of its document).
    pub date: Date,
    /// Agency id of the body that answered (by default the one the recommendation went to).
    pub by: String,
    pub text: Text,
    pub accepted: Accepted,
    /// What the agency did, or says it will do.
    pub action: Option<Text>,
    /// What the supervisors found when they followed the answer up.
    pub follow_up: Option<Text>,
    /// The answer's document ("Công văn số 45/PDT ngày 20/6/2023").
    pub source: Option<String>,
    pub evidence: Vec<String>,
}

/// A recommendation (kiến nghị) sent to an agency, with the answers to it.
#[derive(Debug, Clone)]
pub struct Recommendation {
    /// Unique in the plan; the anchor of its entry on the plan's supervision page.
    pub id: String,
    /// Agency id of the body that must answer.
    pub to: String,
    pub text: Text,
    pub project: Option<String>,
    pub target: Option<String>,
    pub commune: Option<Text>,
    /// The day it was sent (by default the day the supervision's report was issued).
    pub sent: Date,
    /// The day by which an answer is due.
    pub due: Date,
    /// The day the supervising body closed it (settled, or followed up to its end).
    pub closed: Option<Date>,
    pub closed_note: Option<Text>,
    /// The answers, oldest first.
    pub responses: Vec<Response>,
}

/// One supervision activity (một cuộc giám sát): who supervised, when, what, and what came of it.
#[derive(Debug, Clone)]
pub struct Activity {
    /// File name without `.toml`, under `plans/<plan>/supervision/`.
    pub id: String,
    pub title: Text,
    /// Agency ids of the supervising bodies.
    pub by: Vec<String>,
    pub form: Option<Form>,
    /// First and last day of the supervision.
    pub start: Date,
    pub end: Date,
    /// The day its report (conclusions, recommendations) was issued.
    pub published: Date,
    /// The communes visited.
    pub communes: Vec<Text>,
    /// Ids of the projects and targets it was about.
    pub projects: Vec<String>,
    pub targets: Vec<String>,
    pub summary: Option<Text>,
    /// The report it was taken from ("Báo cáo số 12/BC-MTTQ ngày 26/5/2023").
    pub source: Option<String>,
    pub evidence: Vec<String>,
    /// Made-up for demonstration, labelled as such on every page that shows it.
    pub illustrative: bool,
    pub findings: Vec<Finding>,
    pub recommendations: Vec<Recommendation>,
}

/// Where a recommendation stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The supervising body closed it (whatever the answers were).
    Closed,
    /// The first answer came on or before the due day.
    OnTime,
    /// The first answer came this many days after the due day.
    Late(i64),
    /// No answer, and the due day passed this many days before the day.
    Overdue(i64),
    /// No answer, and it is not due yet (or the site gives no day).
    NotYetDue,
}

impl Answer {
    /// The order of the accountability view: what most needs an answer first.
    pub const ORDER: [&'static str; 5] = ["overdue", "not-yet-due", "late", "on-time", "closed"];

    pub fn key(self) -> &'static str {
        match self {
            Answer::Overdue(_) => "overdue",
            Answer::NotYetDue => "not-yet-due",
            Answer::Late(_) => "late",
            Answer::OnTime => "on-time",
            Answer::Closed => "closed",
        }
    }

    pub fn is_overdue(self) -> bool {
        matches!(self, Answer::Overdue(_))
    }

    /// Days late or overdue.
    pub fn days(self) -> Option<i64> {
        match self {
            Answer::Late(n) | Answer::Overdue(n) => Some(n),
            _ => None,
        }
    }

    /// Position in `ORDER`.
    pub fn rank(self) -> usize {
        Answer::ORDER
            .iter()
            .position(|k| *k == self.key())
            .unwrap_or(0)
    }
}

/// The status of a recommendation on `today` (the site's as-of day): closed once closed;
/// else answered on time or late by its first answer; else overdue or not yet due. Answers and
/// closings after `today` are not counted (validation refuses them anyway).
pub fn answer(r: &Recommendation, today: Option<Date>) -> Answer {
    let by_today = |d: Date| today.is_none_or(|t| d <= t);
    if r.closed.is_some_and(by_today) {
        return Answer::Closed;
    }
    match r
        .responses
        .iter()
        .map(|x| x.date)
        .filter(|d| by_today(*d))
        .min()
    {
        Some(d) => match r.due.days_until(d) {
            n if n > 0 => Answer::Late(n),
            _ => Answer::OnTime,
        },
        None => match today {
            Some(t) if t > r.due => Answer::Overdue(r.due.days_until(t)),
            _ => Answer::NotYetDue,
        },
    }
}

/// Every recommendation of a plan's supervision, with its activity.
pub fn all(activities: &[Activity]) -> impl Iterator<Item = (&Activity, &Recommendation)> {
    activities
        .iter()
        .flat_map(|a| a.recommendations.iter().map(move |r| (a, r)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn rec(due: &str, answers: &[&str], closed: Option<&str>) -> Recommendation {
        Recommendation {
            id: "kn-1".into(),
            to: "a".into(),
            text: Text::vi("Kiến nghị"),
            project: None,
            target: None,
            commune: None,
            sent: day("2023-05-26"),
            due: day(due),
            closed: closed.map(day),
            closed_note: None,
            responses: answers
                .iter()
                .map(|d| Response {
                    date: day(d),
                    by: "a".into(),
                    text: Text::vi("Trả lời"),
                    accepted: Accepted::Yes,
                    action: None,
                    follow_up: None,
                    source: None,
                    evidence: vec![],
                })
                .collect(),
        }
    }

    #[test]
    fn answered_on_the_due_day_is_on_time() {
        let today = Some(day("2023-12-31"));
        assert_eq!(
            answer(&rec("2023-06-26", &["2023-06-26"], None), today),
            Answer::OnTime
        );
        assert_eq!(
            answer(&rec("2023-06-26", &["2023-06-01"], None), today),
            Answer::OnTime
        );
    }

    #[test]
    fn answered_after_the_due_day_is_late_by_the_first_answer() {
        let today = Some(day("2023-12-31"));
        let r = rec("2023-06-26", &["2023-08-01", "2023-07-06"], None);
        assert_eq!(answer(&r, today), Answer::Late(10));
        assert_eq!(answer(&r, today).key(), "late");
    }

    #[test]
    fn unanswered_past_due_is_overdue_by_the_days_since() {
        let r = rec("2023-06-26", &[], None);
        assert_eq!(answer(&r, Some(day("2023-07-06"))), Answer::Overdue(10));
        assert_eq!(answer(&r, Some(day("2023-07-06"))).days(), Some(10));
    }

    #[test]
    fn unanswered_before_or_on_the_due_day_is_not_yet_due() {
        let r = rec("2023-06-26", &[], None);
        assert_eq!(answer(&r, Some(day("2023-06-26"))), Answer::NotYetDue);
        assert_eq!(answer(&r, Some(day("2023-06-01"))), Answer::NotYetDue);
        assert_eq!(answer(&r, None), Answer::NotYetDue);
    }

    #[test]
    fn closed_wins_over_answers_and_over_overdue() {
        let today = Some(day("2024-01-31"));
        let r = rec("2023-06-26", &["2023-08-01"], Some("2023-12-10"));
        assert_eq!(answer(&r, today), Answer::Closed);
        let r = rec("2023-06-26", &[], Some("2023-12-10"));
        assert_eq!(answer(&r, today), Answer::Closed);
        // Not yet closed on an earlier day.
        assert_eq!(answer(&r, Some(day("2023-11-30"))), Answer::Overdue(157));
    }

    #[test]
    fn accountability_order_puts_overdue_first() {
        let mut v = [
            Answer::Closed,
            Answer::OnTime,
            Answer::Late(3),
            Answer::NotYetDue,
            Answer::Overdue(4),
        ];
        v.sort_by_key(|a| a.rank());
        let keys: Vec<&str> = v.iter().map(|a| a.key()).collect();
        assert_eq!(keys, Answer::ORDER);
    }
}
