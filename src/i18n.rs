//! Interface strings of the theme (`themes/<theme>/i18n/{vi,en}.toml`), one flat table per
//! language. Both files must define the same keys, and every key the code uses, so a missing
//! translation of the interface is a build error rather than a blank on the page.

use crate::model::Lang;
use crate::problem::{Problem, Problems, SourceFile};
use std::collections::BTreeMap;

/// Interface strings of one language.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(transparent)]
pub struct Ui(BTreeMap<String, String>);

/// Keys the Rust side looks up (templates use more; parity between files covers those).
pub const CODE_KEYS: &[&str] = &[
    "search_kind_plan",
    "search_kind_project",
    "search_kind_target",
    "search_kind_report",
    "search_kind_agency",
    "search_kind_commune",
    "search_kind_page",
    "search_kind_term",
    "search_loading",
    "search_count",
    "search_partial",
    "search_more",
    "search_none",
    "search_show_more",
    "search_failed",
    "search_title",
    "site_index_title",
    "notice_title",
    "op_above",
    "op_at_least",
    "op_below",
    "op_at_most",
    "per_year",
    "increase",
    "decrease",
    "times_level",
    "change_by",
    "ratio_exactly",
    "ratio_op",
    "qualitative",
    "col_total",
    "source_central",
    "source_local",
    "source_policy_credit",
    "source_other",
    "capital_investment",
    "capital_recurrent",
    "capital_unsplit",
    "phase_proposed",
    "phase_allocated",
    "phase_adjusted",
    "phase_disbursed",
    "kind_plan",
    "kind_action_programme",
    "relation_assigned",
    "relation_requested",
    "all_sources",
    "all_capital",
    "horizon_target",
    "horizon_vision",
    "breakdown_commune",
    "breakdown_ethnic_group",
    "breakdown_other",
    "chart_allocated",
    "chart_disbursed",
    "chart_higher_better",
    "chart_lower_better",
    "chart_money_title",
    "chart_target",
    "chart_target_desc",
    "date",
    "delivery_due",
    "delivery_late",
    "delivery_not_yet_due",
    "delivery_on_time",
    "delivery_overdue",
    "explain_change_level",
    "explain_growth",
    "explain_growth_needed",
    "explain_past_horizon",
    "explain_past_horizon_level",
    "explain_projected_cap",
    "money_base_allocated",
    "money_base_adjusted",
    "money_base_mixed",
    "money_coverage",
    "money_coverage_short",
    "targets_with_data",
    "explain_projected",
    "explain_rate",
    "explain_ratio",
    "explain_ratio_yearly",
    "explain_reached",
    "explain_reported",
    "explain_yearly",
    "feed_figures",
    "feed_revision",
    "feed_title",
    "illustrative_label",
    "op_above",
    "op_at_least",
    "op_at_most",
    "op_below",
    "output_done_of",
    "period_final",
    "period_mid_term",
    "period_quarter",
    "period_first_half",
    "period_second_half",
    "report_title_quarter",
    "report_title_half_year",
    "report_title_year",
    "report_title_mid_term",
    "report_title_final",
    "period_year",
    "progress_title",
    "rate_points",
    "rate_relative",
    "report_published",
    "revision",
    "status_achieved",
    "status_needs_acceleration",
    "status_no_data",
    "status_not_assessable",
    "status_off_track",
    "status_deteriorating",
    "status_on_track",
    "why_baseline_year",
    "why_no_baseline",
    "why_no_direction",
    "why_no_rate_kind",
    "why_no_values",
    "why_not_positive",
    "why_one_value",
    "why_range_direction",
    "explain_past_horizon_worse",
    "work_delayed",
    "work_done",
    "work_in_progress",
    "work_not_started",
    "money_over",
    "calendar_source",
    "calendar_source_none",
    "calendar_source_link",
    "listing_title",
    "listing_summary",
    "listing_range",
    "page_of",
];

impl Ui {
    /// The string for `key`; keys are checked at load, so a miss shows the key itself.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map_or(key, String::as_str)
    }

    /// The string of `key`, if the table has one.
    pub fn lookup(&self, key: &str) -> Option<&String> {
        self.0.get(key)
    }

    /// Every (key, string) pair.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter()
    }
}

/// Interface strings of both languages.
#[derive(Debug, Clone)]
pub struct Strings {
    pub vi: Ui,
    pub en: Ui,
}

impl Strings {
    pub fn get(&self, lang: Lang) -> &Ui {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// Loads and cross-checks `i18n/vi.toml` and `i18n/en.toml` of a theme.
    pub fn load(theme: &crate::theme::Theme) -> Result<Strings, Problems> {
        let mut problems = Problems::default();
        let mut read = |lang: &str| -> Option<(SourceFile, BTreeMap<String, String>)> {
            let rel = format!("i18n/{lang}.toml");
            let (text, name) = match theme.text(&rel) {
                Some(Ok((t, shown))) => (t.to_string(), shown.to_string()),
                Some(Err(e)) => {
                    problems.push(Problem::file(rel, e.to_string()));
                    return None;
                }
                None => {
                    problems.push(Problem::file(
                        rel,
                        "the theme has no interface strings for this language",
                    ));
                    return None;
                }
            };
            let file = SourceFile::new(name, text);
            match crate::load::parse_toml::<BTreeMap<String, String>>(&file) {
                Ok(map) => Some((file, map)),
                Err(p) => {
                    problems.push(p);
                    None
                }
            }
        };
        let (vi, en) = (read("vi"), read("en"));
        let (Some((vi_file, vi)), Some((en_file, en))) = (vi, en) else {
            return Err(problems);
        };
        for (file, this, other, other_name) in [
            (&vi_file, &vi, &en, "en.toml"),
            (&en_file, &en, &vi, "vi.toml"),
        ] {
            for key in this.keys().filter(|k| !other.contains_key(*k)) {
                problems.push(file.problem(
                    None,
                    format!("interface string `{key}` is missing from {other_name}; add it there"),
                ));
            }
        }
        for key in CODE_KEYS.iter().filter(|k| !vi.contains_key(**k)) {
            problems.push(vi_file.problem(
                None,
                format!("interface string `{key}` is missing; the generator needs it"),
            ));
        }
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(Strings {
            vi: Ui(vi),
            en: Ui(en),
        })
    }
}
