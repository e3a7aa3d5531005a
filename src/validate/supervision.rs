//! Validation of social supervision: each activity, finding, recommendation and answer checked
//! against the plan it is about and against the calendar (an answer cannot come before the
//! recommendation, nothing can be dated after the site's as-of day).

use super::context::{entries, file_of, hint, About, Context};
use super::Validator;
use crate::load::raw::*;
use crate::load::{RawActivityDir, RawPlanDir, Sourced};
use crate::model::supervision::*;
use crate::model::*;
use crate::problem::SourceFile;
use toml::Spanned;

impl Validator {
    /// The plan's supervision activities, by start day; answers attached to their
    /// recommendations (an answer may be written in any activity's file of the plan).
    pub(super) fn supervision(
        &mut self,
        dir: &RawPlanDir,
        cx: &Context,
        about: &About,
    ) -> Vec<Activity> {
        let mut out: Vec<Activity> = Vec::new();
        let mut answers: Vec<(&SourceFile, &Spanned<RawResponse>)> = Vec::new();
        for a in &dir.supervision {
            if let Some(act) = self.activity(a, cx, about) {
                out.push(act);
            }
            if let Some(Sourced { file, data }) = &a.activity {
                let csv = if data.response.is_empty() {
                    &a.responses
                } else {
                    &None
                };
                answers.extend(entries(file, &data.response, csv));
            }
        }
        // Recommendation ids are unique in the plan: each is an anchor, and answers name it.
        let mut seen: Vec<(&str, String)> = Vec::new();
        let mut twice: Vec<&str> = Vec::new();
        for a in &dir.supervision {
            for (file, r) in recommendations_of(a) {
                let id = r.get_ref().id.get_ref().trim();
                let span = r.get_ref().id.span();
                if let Some((_, first)) = seen.iter().find(|(i, _)| *i == id) {
                    self.problem(file, Some(span), format!("recommendation id `{id}` is used already, at {first}: give each recommendation of the plan its own id"));
                    twice.push(id);
                } else {
                    let (line, _) = file.line_col(span.start);
                    seen.push((id, format!("{}:{line}", file.name)));
                }
            }
        }
        // Where a recommendation could not be read, an answer naming it is not also reported
        // as an answer to nothing (nor pointed at another recommendation).
        let unsure = |id: &str| {
            seen.iter().any(|(i, _)| *i == id)
                || dir.supervision.iter().any(|a| a.unread.covers(id))
        };
        for (file, raw) in answers {
            let id = raw.get_ref().recommendation.get_ref().trim();
            if twice.contains(&id) {
                continue;
            }
            self.response(file, raw, cx, &mut out, unsure(id));
        }
        for a in &mut out {
            for r in &mut a.recommendations {
                r.responses.sort_by_key(|x| x.date);
            }
        }
        out.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
        out
    }

    /// One activity from its file and tables; `None` when its file or its dates could not be
    /// read.
    fn activity(&mut self, a: &RawActivityDir, cx: &Context, about: &About) -> Option<Activity> {
        let Sourced { file: f, data } = a.activity.as_ref()?;
        if !is_valid_id(&a.id) {
            self.problem(
                f,
                None,
                id_rule("a supervision activity's file name", &a.id),
            );
        }
        if data.by.is_empty() {
            self.problem(f, None, "`by` lists no supervising body: name the Front committee or board that supervised, e.g. by = [\"dai-tu-ubmttq\"]");
        }
        let by = self.agency_refs(f, "by", &data.by, cx.agency_ids);
        let (start, end, published) = self.activity_dates(f, data, cx)?;
        let projects = data
            .projects
            .iter()
            .filter_map(|p| self.project_ref(f, p, about))
            .collect();
        let targets = data
            .targets
            .iter()
            .filter_map(|t| self.target_ref(f, t, about))
            .collect();
        let mut act = Activity {
            id: a.id.clone(),
            title: self.text(&data.title),
            by,
            form: data.form,
            start,
            end,
            published,
            communes: self.texts(&data.communes),
            projects,
            targets,
            summary: self.opt_text(&data.summary),
            source: data.source.clone(),
            evidence: self.evidence(f, &data.evidence, cx),
            illustrative: data.illustrative,
            findings: Vec::new(),
            recommendations: Vec::new(),
        };
        act.findings = self.findings(a, f, data, cx, about);
        for (file, r) in recommendations_of(a) {
            if let Some(r) = self.recommendation(file, r, &act, cx, about) {
                act.recommendations.push(r);
            }
        }
        Some(act)
    }

    /// When an activity started, ended (its start, if not given) and was published (its end,
    /// if not given), in that order and not after the site's as-of day.
    fn activity_dates(
        &mut self,
        f: &SourceFile,
        data: &RawActivity,
        cx: &Context,
    ) -> Option<(Date, Date, Date)> {
        let start = self.date(f, "start", &data.start);
        let end = match &data.end {
            Some(e) => self.date(f, "end", e),
            None => start,
        };
        let published = match &data.published {
            Some(p) => self.date(f, "published", p),
            None => end,
        };
        let (start, end, published) = (start?, end?, published?);
        if end < start {
            self.problem(f, data.end.as_ref().map(|e| e.span()), format!("end = \"{end}\" is before start = \"{start}\": a supervision ends after it begins"));
        }
        if published < end {
            self.problem(f, data.published.as_ref().map(|e| e.span()), format!("published = \"{published}\" is before the supervision ended ({end}): its report comes after it"));
        }
        self.not_after_as_of(
            f,
            "published",
            published,
            data.published
                .as_ref()
                .or(data.end.as_ref())
                .unwrap_or(&data.start),
            cx,
        );
        Some((start, end, published))
    }

    /// An activity's findings, from its file or its table (not both).
    fn findings(
        &mut self,
        a: &RawActivityDir,
        f: &SourceFile,
        data: &RawActivity,
        cx: &Context,
        about: &About,
    ) -> Vec<Finding> {
        self.in_both_places(
            &format!("supervision activity `{}`", a.id),
            &[
                ("finding", !data.finding.is_empty(), file_of(&a.findings)),
                (
                    "recommendation",
                    !data.recommendation.is_empty(),
                    file_of(&a.recommendations),
                ),
                ("response", !data.response.is_empty(), file_of(&a.responses)),
            ],
        );
        let findings_csv = if data.finding.is_empty() {
            &a.findings
        } else {
            &None
        };
        let mut out = Vec::new();
        for (file, x) in entries(f, &data.finding, findings_csv) {
            let x = x.get_ref();
            out.push(Finding {
                text: self.text(&x.text),
                project: x
                    .project
                    .as_ref()
                    .and_then(|p| self.project_ref(file, p, about)),
                target: x
                    .target
                    .as_ref()
                    .and_then(|t| self.target_ref(file, t, about)),
                commune: self.opt_text(&x.commune),
                evidence: self.evidence(file, &x.evidence, cx),
            });
        }
        out
    }

    fn recommendation(
        &mut self,
        f: &SourceFile,
        raw: &Spanned<RawRecommendation>,
        act: &Activity,
        cx: &Context,
        about: &About,
    ) -> Option<Recommendation> {
        let r = raw.get_ref();
        let id = r.id.get_ref().trim().to_string();
        if !is_valid_id(&id) {
            self.problem(f, Some(r.id.span()), id_rule("a recommendation id", &id));
        }
        let to = self.agency_ref(f, "to", &r.to, cx.agency_ids);
        let sent = match &r.sent {
            Some(s) => self.date(f, "sent", s),
            None => Some(act.published),
        };
        let due = self.date(f, "due", &r.due);
        let closed = r.closed.as_ref().and_then(|c| self.date(f, "closed", c));
        let (sent, due) = (sent?, due?);
        if let Some(s) = &r.sent {
            if sent < act.start {
                self.problem(f, Some(s.span()), format!("sent = \"{sent}\" is before the supervision began ({}): a recommendation comes out of it", act.start));
            }
            self.not_after_as_of(f, "sent", sent, s, cx);
        }
        if due < sent {
            self.problem(f, Some(r.due.span()), format!("due = \"{due}\" is before the recommendation was sent ({sent}): the day an answer is due comes after"));
        }
        if let (Some(c), Some(raw_c)) = (closed, &r.closed) {
            if c < sent {
                self.problem(
                    f,
                    Some(raw_c.span()),
                    format!("closed = \"{c}\" is before the recommendation was sent ({sent})"),
                );
            }
            self.not_after_as_of(f, "closed", c, raw_c, cx);
        }
        if r.closed_note.is_some() && r.closed.is_none() {
            self.problem(f, Some(raw.span()), format!("recommendation `{id}` has a `closed_note` but no `closed` day: give the day it was closed"));
        }
        Some(Recommendation {
            project: r
                .project
                .as_ref()
                .and_then(|p| self.project_ref(f, p, about)),
            target: r.target.as_ref().and_then(|t| self.target_ref(f, t, about)),
            commune: self.opt_text(&r.commune),
            text: self.text(&r.text),
            closed_note: self.opt_text(&r.closed_note),
            responses: Vec::new(),
            id,
            to,
            sent,
            due,
            closed,
        })
    }

    /// An answer, attached to the recommendation it names.
    fn response(
        &mut self,
        f: &SourceFile,
        raw: &Spanned<RawResponse>,
        cx: &Context,
        acts: &mut [Activity],
        written: bool,
    ) {
        let x = raw.get_ref();
        let id = x.recommendation.get_ref().trim();
        let date = self.date(f, "date", &x.date);
        let by =
            x.by.as_ref()
                .map(|b| self.agency_ref(f, "by", b, cx.agency_ids));
        let text = self.text(&x.text);
        let (action, follow_up) = (self.opt_text(&x.action), self.opt_text(&x.follow_up));
        let evidence = self.evidence(f, &x.evidence, cx);
        let Some(rec) = acts
            .iter_mut()
            .flat_map(|a| a.recommendations.iter_mut())
            .find(|r| r.id == id)
        else {
            if written {
                return;
            }
            let known: Vec<String> = acts
                .iter()
                .flat_map(|a| a.recommendations.iter().map(|r| r.id.clone()))
                .collect();
            let h = hint(id, known.iter().map(String::as_str));
            self.problem(f, Some(x.recommendation.span()), format!("recommendation = \"{id}\": the plan's supervision has no recommendation with this id{h}"));
            return;
        };
        let Some(date) = date else { return };
        if date < rec.sent {
            self.problem(f, Some(x.date.span()), format!("date = \"{date}\" is before recommendation `{id}` was sent ({}): a reply cannot predate its recommendation; check both dates", rec.sent));
        }
        self.not_after_as_of(f, "date", date, &x.date, cx);
        if let Some(c) = rec.closed.filter(|c| date > *c) {
            self.warn(f, Some(x.date.span()), format!("date = \"{date}\" is after recommendation `{id}` was closed ({c}): check the dates, or close it after its last answer"));
        }
        rec.responses.push(Response {
            by: by.unwrap_or_else(|| rec.to.clone()),
            accepted: x.accepted,
            source: x.source.clone(),
            date,
            text,
            action,
            follow_up,
            evidence,
        });
    }

    /// A day of supervision cannot be after the day the site's figures are current to.
    fn not_after_as_of(
        &mut self,
        f: &SourceFile,
        field: &str,
        d: Date,
        raw: &Spanned<String>,
        cx: &Context,
    ) {
        if let Some(today) = cx.as_of {
            if d > today {
                self.problem(f, Some(raw.span()), format!("{field} = \"{d}\" is after the site's as_of ({today}): the site shows what has happened by then"));
            }
        }
    }

    fn project_ref(
        &mut self,
        f: &SourceFile,
        raw: &Spanned<String>,
        about: &About,
    ) -> Option<String> {
        let what = "project or sub-project";
        self.known_ref(f, raw, ("project", what), about.project_ids())
    }

    fn target_ref(
        &mut self,
        f: &SourceFile,
        raw: &Spanned<String>,
        about: &About,
    ) -> Option<String> {
        let ids = about.targets.iter().map(|t| t.id.as_str());
        self.known_ref(f, raw, ("target", "target"), ids)
    }

    /// An id the plan must have among `ids`: (field, what it names).
    fn known_ref<'i>(
        &mut self,
        f: &SourceFile,
        raw: &Spanned<String>,
        (field, what): (&str, &str),
        ids: impl Iterator<Item = &'i str> + Clone,
    ) -> Option<String> {
        let id = raw.get_ref().trim();
        if ids.clone().any(|p| p == id) {
            return Some(id.to_string());
        }
        let h = hint(id, ids);
        self.problem(
            f,
            Some(raw.span()),
            format!("{field} \"{id}\": the plan has no {what} with this id{h}"),
        );
        None
    }
}

/// The recommendations of an activity: those of its TOML file, else those of its CSV table.
fn recommendations_of(
    a: &RawActivityDir,
) -> impl Iterator<Item = (&SourceFile, &Spanned<RawRecommendation>)> {
    a.activity.iter().flat_map(move |s| {
        let csv = if s.data.recommendation.is_empty() {
            &a.recommendations
        } else {
            &None
        };
        entries(&s.file, &s.data.recommendation, csv)
    })
}
