//! Validation of a plan's targets: ids, horizons inside the plan period (or its orientation, or
//! marked as a vision), sub-targets whose parents exist without circles, and each target's goal.

use super::context::YEARS;
use super::Validator;
use crate::load::raw::RawTarget;
use crate::load::Unread;
use crate::model::*;
use crate::problem::{did_you_mean, SourceFile};
use std::collections::{HashMap, HashSet};
use toml::Spanned;

impl Validator {
    /// The plan's targets, each with its goal, horizon, unit and parent checked; then the
    /// parents checked for circles.
    pub(super) fn targets(
        &mut self,
        f: &SourceFile,
        raw: &[Spanned<RawTarget>],
        agency_ids: &[&str],
        period: Option<Period>,
        unread: &Unread,
    ) -> Vec<Target> {
        let ids: Vec<&str> = raw
            .iter()
            .map(|t| t.get_ref().id.get_ref().as_str())
            .collect();
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for t in raw {
            let span = t.span();
            let t = t.get_ref();
            let id = t.id.get_ref();
            self.check_id(f, &t.id, "target", &mut seen);
            let parent = self.parent(f, t, &ids, unread);
            if let Some(p) = period {
                self.horizon(f, span.clone(), t, p);
            }
            let goal = self.goal(f, span.clone(), t);
            self.unit_needed(f, span.clone(), t);
            self.band_direction(f, span, t);
            let (lead, support) = self.lead_support(f, &t.lead, &t.support, agency_ids);
            out.push(Target {
                id: id.clone(),
                horizon: t.horizon,
                vision: t.vision,
                topic: self.opt_text(&t.topic),
                indicator: self.text(&t.indicator),
                text: self.text(&t.text),
                goal,
                // A full-width "％" is the per cent sign, and is compared as one.
                unit: self.opt_text(&t.unit).map(|mut u| {
                    if super::goal::is_percent_sign(&u.vi) {
                        u.vi = "%".into();
                    }
                    u
                }),
                unit_before: t.unit_before,
                per_year: t.per_year,
                scope: self.opt_text(&t.scope),
                parent,
                lead,
                support,
                reference: t.section.clone(),
                baseline: self.baseline(f, t),
                better: t.better,
                rate: t.rate,
                data_note: self.opt_text(&t.data_note),
            });
        }
        self.parent_cycles(f, raw);
        out
    }

    /// A target's parent: another target of the plan (or one set aside for a problem).
    fn parent(
        &mut self,
        f: &SourceFile,
        t: &RawTarget,
        ids: &[&str],
        unread: &Unread,
    ) -> Option<String> {
        let id = t.id.get_ref();
        t.parent.as_ref().map(|p| {
            let pid = p.get_ref();
            if (!ids.contains(&pid.as_str()) && !unread.covers(pid)) || pid == id {
                let hint = did_you_mean(pid, ids.iter().copied().filter(|i| i != id))
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                self.problem(
                    f,
                    Some(p.span()),
                    format!("parent = \"{pid}\": no other target in this plan has this id{hint}"),
                );
            }
            pid.clone()
        })
    }

    /// A target measured in figures needs the unit they are counted in, or every figure of it
    /// (reported values, projections, the explanation of its status) is shown bare. A ratio's
    /// figures are ratios, and a qualitative target has none.
    fn unit_needed(&mut self, f: &SourceFile, span: std::ops::Range<usize>, t: &RawTarget) {
        use crate::model::TargetShape::{Qualitative, Ratio};
        if t.unit.is_some() || matches!(t.shape, Qualitative | Ratio) {
            return;
        }
        self.warn(
            f,
            Some(span),
            format!(
                "target `{}` has no `unit`, so its figures would be shown without one: add the unit they are counted in, e.g. unit = \"%\", unit = {{ vi = \"hộ\", en = \"households\" }} or unit = {{ vi = \"triệu đồng/người/năm\", en = \"million VND per person per year\" }}",
                crate::problem::clip(t.id.get_ref())
            ),
        );
    }

    /// A band ("30–50%") that does not say which way is better can be judged only inside it;
    /// outside, the site does not guess the way from the figures.
    fn band_direction(&mut self, f: &SourceFile, span: std::ops::Range<usize>, t: &RawTarget) {
        if t.shape != crate::model::TargetShape::Range
            || t.direction.is_some()
            || t.better.is_some()
        {
            return;
        }
        self.warn(
            f,
            Some(span),
            format!(
                "target `{}` is a range and does not say which way is better: a value inside the range is achieved, but outside it the target stays not assessable. If the document says the figure should reach the range from below (\"đạt\", \"tăng\") add better = \"higher\"; from above (\"giảm\", \"không quá\") better = \"lower\"",
                crate::problem::clip(t.id.get_ref())
            ),
        );
    }

    /// A target's year must lie in the plan period, or up to the year it looks ahead to, or be a
    /// vision (not later than any plausible year).
    fn horizon(&mut self, f: &SourceFile, span: std::ops::Range<usize>, t: &RawTarget, p: Period) {
        let h = t.horizon;
        let id = t.id.get_ref();
        let message = if h < p.from {
            Some(format!(
                "target `{id}`: horizon = {h} is before the plan period {}–{}; a target is for a year the plan reaches",
                p.from, p.to
            ))
        } else if h > *YEARS.end() {
            Some(format!(
                "target `{id}`: horizon = {h} is not a plausible year; check it"
            ))
        } else if h > p.last_target_year() && !t.vision {
            Some(format!(
                "target `{id}`: horizon = {h} is after the plan period {}–{}: mark it `vision = true` for a long-term vision (\"tầm nhìn đến năm {h}\"), or set `orientation = {h}` in the plan's `period` when the plan looks ahead to that year (\"định hướng đến năm {h}\")",
                p.from, p.to
            ))
        } else {
            None
        };
        if let Some(m) = message {
            self.problem(f, Some(span), m);
        }
        if let Some(b) = t.baseline_year {
            if b > h {
                self.problem(
                    f,
                    Some(span_of(t)),
                    format!("target `{id}`: baseline_year = {b} is after the target's horizon {h}; the baseline is the year compared against, before it"),
                );
            }
        }
    }

    /// A target whose `parent` chain leads back to itself.
    fn parent_cycles(&mut self, f: &SourceFile, raw: &[Spanned<RawTarget>]) {
        let parent: HashMap<&str, &Spanned<String>> = raw
            .iter()
            .filter_map(|t| {
                let t = t.get_ref();
                t.parent.as_ref().map(|p| (t.id.get_ref().as_str(), p))
            })
            .collect();
        let mut reported: HashSet<&str> = HashSet::new();
        for t in raw {
            let start = t.get_ref().id.get_ref().as_str();
            let mut chain = vec![start];
            let mut at = start;
            while let Some(p) = parent.get(at) {
                at = p.get_ref().as_str();
                if at == start {
                    if chain.iter().all(|c| !reported.contains(c)) && chain.len() > 1 {
                        reported.extend(chain.iter().copied());
                        chain.push(start);
                        self.problem(
                            f,
                            Some(p.span()),
                            format!(
                                "targets refine each other in a circle ({}); a sub-target's `parent` must lead up to a target without one",
                                chain.join(" → ")
                            ),
                        );
                    }
                    break;
                }
                if chain.contains(&at) || chain.len() > raw.len() {
                    break;
                }
                chain.push(at);
            }
        }
    }
}

/// Where a target's figures are, for problems about them: its `id` line when nothing finer.
fn span_of(t: &RawTarget) -> std::ops::Range<usize> {
    t.id.span()
}
