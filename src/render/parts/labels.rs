//! The small labels many pages print: a target's goal, a funding column, a phase, a project's
//! row, a reporting period, a report's link, a reported figure with its unit (or the status a
//! report gives instead), a task's state.
//!
//! Stage: page parts (see `parts/mod.rs`): below the views, above the context.

use crate::model::budget::Column;
use crate::model::progress::Work;
use crate::model::{
    progress, AgencyKind, Capital, Figure, Phase, Plan, Project, Report, Source, Target,
};
use crate::render::context::{rel, Ctx, Link, L};
use crate::render::{explain, format, links, names};

/// The compact figure of a target in the page's language.
pub fn goal_text(cx: &Ctx, t: &Target) -> String {
    crate::render::goal::text(cx.ui, cx.lang, t)
}

/// "Central budget · development investment": the label of a budget column.
pub fn column_label(cx: &Ctx, (source, capital): Column) -> String {
    let s = cx.ui.get(source_key(source));
    match capital {
        Some(c) => format!("{s} · {}", cx.ui.get(capital_key(c))),
        None => s.to_string(),
    }
}

pub fn source_key(s: Source) -> &'static str {
    match s {
        Source::Central => "source_central",
        Source::Local => "source_local",
        Source::PolicyCredit => "source_policy_credit",
        Source::Other => "source_other",
    }
}

pub fn capital_key(c: Capital) -> &'static str {
    match c {
        Capital::Investment => "capital_investment",
        Capital::Recurrent => "capital_recurrent",
    }
}

pub fn phase_key(p: Phase) -> &'static str {
    match p {
        Phase::Proposed => "phase_proposed",
        Phase::Allocated => "phase_allocated",
        Phase::Adjusted => "phase_adjusted",
        Phase::Disbursed => "phase_disbursed",
    }
}

/// A project as a row of a table or chart: its code and shortened title.
pub fn row_label(cx: &Ctx, pr: &Project) -> L {
    let code = cx.l(&pr.code);
    let title = cx.l(&pr.title);
    L {
        text: short_label(&code.text, &title.text, 60),
        fallback: code.fallback || title.fallback,
    }
}

/// "Văn Quan 2021–2025: 272.797 triệu đồng (Vốn dự kiến cả giai đoạn 2021–2025), 10 dự án
/// thành phần, 38 chỉ tiêu. Ủy ban nhân dân huyện Văn Quan.": the page's description for search
/// results and link previews.
/// What a reader's error report is about: the plan (its number when it has one), and the item.
pub fn item_ref(cx: &Ctx, p: &Plan, item: Option<&str>) -> String {
    let plan = match &p.number {
        Some(n) => format!("{} ({n})", cx.l(p.label()).text),
        None => cx.l(p.label()).text,
    };
    match item {
        Some(i) => format!("{plan} · {i}"),
        None => plan,
    }
}

/// The time a report covers, in words: "6 tháng đầu năm 2022", "first half of 2022",
/// "quý I năm 2022", "Q1 2022".
pub fn period_text(cx: &Ctx, p: &progress::ReportPeriod) -> String {
    names::period_text(cx.ui, p)
}

/// A report's title when it gives none: "Báo cáo 6 tháng đầu năm 2022", "Annual report 2022".
pub fn period_label(cx: &Ctx, p: &progress::ReportPeriod) -> String {
    names::period_label(cx.ui, p)
}

/// A report's title: its own, else the one its period gives.
pub fn report_title(cx: &Ctx, r: &Report) -> L {
    let (text, fallback) = names::report_title(cx.ui, cx.lang, r);
    L { text, fallback }
}

pub fn report_link(cx: &Ctx, from: &str, plan: &Plan, r: &Report) -> Link {
    Link {
        url: rel(from, &links::report(&plan.id, &r.id)),
        label: report_title(cx, r),
    }
}

/// Links to evidence from page `from`: files of the site, or web addresses.
pub fn evidence_links(cx: &Ctx, from: &str, list: &[String]) -> Vec<Link> {
    list.iter()
        .map(|e| {
            let url = if e.starts_with("http://") || e.starts_with("https://") {
                e.clone()
            } else {
                format!("{}{e}", links::to_root(&links::page_path(cx.lang, from)))
            };
            Link {
                url,
                label: L {
                    text: e.rsplit('/').next().unwrap_or(e).to_string(),
                    fallback: false,
                },
            }
        })
        .collect()
}

/// A reported value as printed with the target's unit; a ratio target's value given with its
/// reference reads "23,5 / 49,0 = 48,0%": the two figures are in their own unit, the ratio in
/// the target's.
pub fn reported_figure(cx: &Ctx, t: &Target, v: &progress::ReportedValue, f: Figure) -> String {
    match v.reference_value {
        Some(r) if r.to_f64() != 0.0 => {
            let percent = t.unit.as_ref().is_some_and(|u| u.vi.trim() == "%");
            let ratio = f.to_f64() / r.to_f64() * if percent { 100.0 } else { 1.0 };
            format!(
                "{} / {} = {}",
                format::figure(f, cx.lang),
                format::decimal(r, cx.lang),
                crate::render::goal::with_unit_text(cx.lang, t, explain::figure(t, ratio, cx.lang))
            )
        }
        _ => crate::render::goal::with_unit_text(cx.lang, t, format::figure(f, cx.lang)),
    }
}

/// What a report gives for target `t` in `v`: its figure, else the status it states; `None` when
/// it gives neither.
pub fn reported_text(cx: &Ctx, t: &Target, v: &progress::ReportedValue) -> Option<String> {
    match (v.value, v.status) {
        (Some(f), _) => Some(reported_figure(cx, t, v, f)),
        (None, Some(s)) => Some(crate::render::parts::status::status_label(cx, s)),
        (None, None) => None,
    }
}

/// A task's state as a CSS class and machine value ("in-progress").
pub fn work_key(w: Work) -> &'static str {
    match w {
        Work::NotStarted => "not-started",
        Work::InProgress => "in-progress",
        Work::Done => "done",
        Work::Delayed => "delayed",
    }
}

pub fn work_label(cx: &Ctx, w: Work) -> String {
    cx.ui
        .get(match w {
            Work::NotStarted => "work_not_started",
            Work::InProgress => "work_in_progress",
            Work::Done => "work_done",
            Work::Delayed => "work_delayed",
        })
        .to_string()
}

pub fn kind_label(cx: &Ctx, k: AgencyKind) -> String {
    cx.ui
        .get(&format!("agency_kind_{}", k.key().replace('-', "_")))
        .to_string()
}

/// "Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu, phục vụ sản xuất…": a project's code and title,
/// the title cut at a word so that the whole fits about `max` characters.
pub fn short_label(code: &str, title: &str, max: usize) -> String {
    let code = code.trim();
    let title = title.trim();
    if title.is_empty() || title == code {
        return code.to_string();
    }
    let full = format!("{code}: {title}");
    if full.chars().count() <= max {
        return full;
    }
    let room = max.saturating_sub(code.chars().count() + 3).max(12);
    let mut cut = String::new();
    for word in title.split_whitespace() {
        let next = if cut.is_empty() {
            word.to_string()
        } else {
            format!("{cut} {word}")
        };
        if next.chars().count() > room {
            break;
        }
        cut = next;
    }
    if cut.is_empty() {
        cut = title.chars().take(room).collect();
    }
    let cut = cut.trim_end_matches([',', ';', ':', '-', '–', ' ']);
    format!("{code}: {cut}…")
}

#[cfg(test)]
mod tests {
    use super::short_label;

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let s = short_label(
            "Dự án 4",
            "Đầu tư cơ sở hạ tầng thiết yếu, phục vụ sản xuất, đời sống trong vùng đồng bào dân tộc thiểu số và miền núi",
            60,
        );
        assert_eq!(
            s,
            "Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu, phục vụ sản xuất…"
        );
        assert!(s.chars().count() <= 60);
        assert_eq!(
            short_label("Dự án 1", "Giải quyết đất ở", 60),
            "Dự án 1: Giải quyết đất ở"
        );
        assert_eq!(short_label("Dự án 1", "", 60), "Dự án 1");
    }
}
