//! Validation of a plan's money: each budget line and printed total (a phase, a source, an
//! amount never negative, a year inside the plan period), and printed totals against the lines
//! they cover (a warning: the site shows both).

use super::Validator;
use crate::load::raw::{RawMoney, RawProject};
use crate::model::budget::{self, Check};
use crate::model::{Decimal, Money, Period, Project};
use crate::problem::SourceFile;
use toml::Spanned;

impl Validator {
    /// A figure of money as written: its amount, and its year inside the plan period.
    fn money(&mut self, f: &SourceFile, m: &Spanned<RawMoney>, period: Option<Period>) -> Money {
        let raw = m.get_ref();
        let amount = raw.amount.as_ref().map(|a| {
            let d = self.decimal(f, "amount", a, None);
            if d.is_negative() {
                self.problem(f, Some(a.span()), "`amount` is negative: budget figures are amounts of money as printed, never below zero");
            }
            d
        });
        if let (Some(year), Some(p)) = (raw.year, period) {
            if year < p.from || year > p.to {
                self.problem(
                    f,
                    Some(m.span()),
                    format!(
                        "year = {year} is outside the plan period {}–{}; check the year, or leave it out for a figure for the whole period",
                        p.from, p.to
                    ),
                );
            }
        }
        Money {
            amount,
            source: raw.source,
            capital: raw.capital,
            phase: raw.phase,
            year: raw.year,
            note: self.opt_text(&raw.note),
            reference: raw.reference.clone(),
        }
    }

    /// A printed total: a phase and an amount.
    pub(super) fn printed_total(
        &mut self,
        f: &SourceFile,
        m: &Spanned<RawMoney>,
        period: Option<Period>,
    ) -> Money {
        self.require_phase(f, m);
        if m.get_ref().amount.is_none() {
            self.problem(
                f,
                Some(m.span()),
                "a printed_total needs `amount` (the total as printed)",
            );
        }
        self.money(f, m, period)
    }

    /// A warning for a printed total that is not the sum of the lines it covers.
    pub(super) fn reconcile<'a>(
        &mut self,
        f: &SourceFile,
        raw: &Spanned<RawMoney>,
        total: &Money,
        lines: impl IntoIterator<Item = &'a Money>,
    ) {
        let Check::Differs { computed } = budget::reconcile(total, lines) else {
            return;
        };
        let Some(printed) = total.amount else { return };
        let vi = |d: Decimal| d.to_string();
        let diff = printed - computed;
        let sign = if diff.is_negative() { "" } else { "+" };
        let span = raw
            .get_ref()
            .amount
            .as_ref()
            .map_or(raw.span(), |a| a.span());
        self.warn(
            f,
            Some(span),
            format!(
                "printed total {} million VND ({}) is not the sum of the lines it covers: they add up to {} million VND, a difference of {sign}{} million VND. Keep the figure as printed; the site shows both (the printed total, and the sum of the lines) and flags the difference · số tổng in {} triệu đồng ({}) không bằng tổng các dòng: các dòng cộng lại {} triệu đồng, chênh lệch {sign}{} triệu đồng. Giữ nguyên số như văn bản in; trang hiển thị cả hai (số in và tổng các dòng) và ghi rõ chênh lệch",
                vi(printed),
                budget::describe(total),
                vi(computed),
                vi(diff),
                vi(printed),
                budget::describe_vi(total),
                vi(computed),
                vi(diff)
            ),
        );
    }

    /// Warnings for the printed totals of every project and sub-project.
    pub(super) fn reconcile_projects(
        &mut self,
        f: &SourceFile,
        raw: &[Spanned<RawProject>],
        model: &[Project],
    ) {
        for (r, m) in raw.iter().zip(model) {
            let r = r.get_ref();
            for (rt, t) in r.printed_total.iter().zip(&m.printed_totals) {
                self.reconcile(f, rt, t, m.all_budget());
            }
            self.reconcile_projects(f, &r.subproject, &m.subprojects);
        }
    }

    /// A figure must say whether it is proposed, allocated, adjusted or disbursed.
    fn require_phase(&mut self, f: &SourceFile, m: &Spanned<RawMoney>) {
        let raw = m.get_ref();
        if raw.phase.is_none() && raw.amount.is_some() {
            self.problem(f, Some(m.span()), "a figure needs `phase`: \"proposed\" (dự kiến), \"allocated\" (giao), \"adjusted\" or \"disbursed\"");
        }
    }

    /// A budget line of a project: a phase, a source, an amount or a note saying why not.
    pub(super) fn budget_line(
        &mut self,
        f: &SourceFile,
        m: &Spanned<RawMoney>,
        period: Option<Period>,
    ) -> Money {
        self.require_phase(f, m);
        let raw = m.get_ref();
        if raw.source.is_none() {
            self.problem(f, Some(m.span()), "a budget line needs `source`: one of \"central\", \"local\", \"policy-credit\", \"other\"");
        }
        if raw.amount.is_none() && raw.note.is_none() {
            self.problem(f, Some(m.span()), "a budget line without `amount` needs a `note` saying why (e.g. \"Theo nhu cầu thực tế\")");
        }
        let money = self.money(f, m, period);
        if let (Some(a), Some(_)) = (&raw.amount, money.amount) {
            self.lines.push(super::unit_slip::Line {
                file: f.clone(),
                span: a.span(),
                money: money.clone(),
            });
        }
        money
    }
}
