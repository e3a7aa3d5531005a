//! Views of a plan: its card on the home page, its page, its project pages and its document.

use super::summary::{self, Funding};
use super::{palette, rel, Ctx, Link, Meta, SourceRef, L};
use crate::model::budget::{self, Check, Column};
use crate::model::*;
use crate::render::data::Cell;
use crate::render::{chart, format, links, markdown};
use serde::Serialize;

#[derive(Serialize)]
pub struct PlanCard {
    pub url: String,
    /// How lists name the plan: its short title (which names the district), else place and title.
    pub name: L,
    pub title: L,
    pub kind: String,
    pub number: Option<String>,
    pub date: Option<String>,
    pub issuer: Link,
    pub period: String,
    /// The headline funding, its phase and year named; `None`: the document gives no figures.
    pub funding: Option<Funding>,
    pub project_count: usize,
    pub target_count: usize,
    /// Targets by status, when the plan has progress reports.
    pub status_counts: Vec<super::progress::Count>,
}

/// "2021–2025", with the year the plan looks ahead to: "2021–2025 (định hướng đến 2030)".
fn period(cx: &Ctx, p: &Plan) -> String {
    let years = if p.period.from == p.period.to {
        p.period.from.to_string()
    } else {
        format!("{}–{}", p.period.from, p.period.to)
    };
    match p.period.orientation {
        Some(y) => format!(
            "{years} ({})",
            cx.ui
                .get("period_orientation")
                .replace("{year}", &y.to_string())
        ),
        None => years,
    }
}

fn kind_key(k: PlanKind) -> &'static str {
    match k {
        PlanKind::Plan => "kind_plan",
        PlanKind::ActionProgramme => "kind_action_programme",
    }
}

pub fn card(cx: &Ctx, from: &str, p: &Plan) -> PlanCard {
    PlanCard {
        url: rel(from, &links::plan(&p.id)),
        name: super::plan_name(cx, p),
        title: cx.l(&p.title),
        kind: cx.ui.get(kind_key(p.kind)).to_string(),
        number: p.number.clone(),
        date: format::date(p.date, cx.lang),
        issuer: cx.agency_link(from, &p.issuer),
        period: period(cx, p),
        funding: summary::funding(cx, p),
        project_count: p.projects.len(),
        target_count: p.targets.len(),
        status_counts: super::progress::status_counts(cx, p),
    }
}

#[derive(Serialize)]
pub struct TargetView {
    pub id: String,
    /// The target's own page.
    pub url: String,
    /// Its status, when the plan has progress reports.
    pub status: Option<super::progress::StatusView>,
    pub topic: Option<L>,
    pub indicator: L,
    pub text: L,
    /// The figure in compact form ("≥ 95%"), or the "qualitative" label.
    pub goal: String,
    pub qualitative: bool,
    pub scope: Option<L>,
    pub parent: Option<String>,
    pub lead: Vec<Link>,
    pub support: Vec<Link>,
    pub reference: Option<SourceRef>,
    pub data_note: Option<L>,
}

#[derive(Serialize)]
pub struct HorizonGroup {
    pub horizon: i32,
    pub vision: bool,
    pub targets: Vec<TargetView>,
}

/// The compact figure of a target in the page's language.
pub fn goal_text(cx: &Ctx, t: &Target) -> String {
    crate::render::goal::text(cx.ui, cx.lang, t)
}

pub fn target_view(cx: &Ctx, from: &str, p: &Plan, t: &Target) -> TargetView {
    let tracked = !p.reports.is_empty();
    TargetView {
        id: t.id.clone(),
        url: rel(from, &links::target(&p.id, &t.id)),
        status: tracked
            .then(|| super::progress::status_view(cx, t, &super::progress::assess(cx, p, t))),
        topic: cx.lo(&t.topic),
        indicator: cx.l(&t.indicator),
        text: cx.l(&t.text),
        goal: goal_text(cx, t),
        qualitative: matches!(t.goal, Goal::Qualitative),
        scope: cx.lo(&t.scope),
        parent: t.parent.clone(),
        lead: cx.agency_links(from, &t.lead),
        support: cx.agency_links(from, &t.support),
        reference: cx.source(from, p, &t.reference),
        data_note: cx.lo(&t.data_note),
    }
}

/// Targets grouped by horizon year, nearest first, document order within a group.
fn horizon_groups(cx: &Ctx, from: &str, p: &Plan) -> Vec<HorizonGroup> {
    let mut keys: Vec<(i32, bool)> = p.targets.iter().map(|t| (t.horizon, t.vision)).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|(horizon, vision)| HorizonGroup {
            horizon,
            vision,
            targets: p
                .targets
                .iter()
                .filter(|t| t.horizon == horizon && t.vision == vision)
                .map(|t| target_view(cx, from, p, t))
                .collect(),
        })
        .collect()
}

#[derive(Serialize)]
pub struct TableRowView {
    /// Code and title, the title shortened: "Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu…".
    pub label: L,
    pub url: Option<String>,
    pub cells: Vec<String>,
    pub total: String,
}

#[derive(Serialize)]
pub struct TableView {
    /// Phase and year or period: "Vốn được giao năm 2022".
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<TableRowView>,
    pub column_totals: Vec<String>,
    pub total: String,
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

fn capital_key(c: Capital) -> &'static str {
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
        text: summary::short_label(&code.text, &title.text, 60),
        fallback: code.fallback || title.fallback,
    }
}

/// Budget tables with one row per project (plan page) or sub-project (project page).
fn table_views(
    cx: &Ctx,
    from: &str,
    plan: &Plan,
    rows: &[(&Project, Vec<&Money>)],
) -> Vec<TableView> {
    let opt = |d: Option<Decimal>| d.map(|d| format::decimal(d, cx.lang)).unwrap_or_default();
    budget::tables(rows)
        .into_iter()
        .map(|t| TableView {
            caption: summary::caption(cx, plan, (t.phase, t.year)),
            columns: t.columns.iter().map(|c| column_label(cx, *c)).collect(),
            rows: t
                .rows
                .iter()
                .map(|r| TableRowView {
                    label: row_label(cx, r.key),
                    url: Some(rel(from, &links::project(&plan.id, &r.key.id))),
                    cells: r.cells.iter().map(|c| opt(*c)).collect(),
                    total: opt(r.total),
                })
                .collect(),
            column_totals: t.column_totals.iter().map(|c| opt(*c)).collect(),
            total: format::decimal(t.total, cx.lang),
        })
        .collect()
}

#[derive(Serialize)]
pub struct TotalView {
    /// What the total covers ("central budget · investment").
    pub label: String,
    pub phase: Option<String>,
    pub year: Option<i32>,
    pub printed: String,
    /// "agrees", "differs" or "unknown".
    pub check: &'static str,
    pub computed: Option<String>,
    pub difference: Option<String>,
    pub reference: Option<SourceRef>,
}

fn total_views<'m>(
    cx: &Ctx,
    (from, plan): (&str, &Plan),
    totals: &[Money],
    lines: impl Fn() -> Vec<&'m Money>,
) -> Vec<TotalView> {
    totals
        .iter()
        .map(|t| {
            let label = match (t.source, t.capital) {
                (None, None) => cx.ui.get("all_sources").to_string(),
                (Some(s), None) => format!(
                    "{} · {}",
                    cx.ui.get(source_key(s)),
                    cx.ui.get("all_capital")
                ),
                (None, Some(c)) => format!(
                    "{} · {}",
                    cx.ui.get("all_sources"),
                    cx.ui.get(capital_key(c))
                ),
                (Some(s), Some(c)) => column_label(cx, (s, Some(c))),
            };
            let check = budget::reconcile(t, lines());
            let (check, computed) = match check {
                Check::Agrees => ("agrees", None),
                Check::Differs { computed } => ("differs", Some(computed)),
                Check::Unknown => ("unknown", None),
            };
            let printed = t.amount.unwrap_or(Decimal::ZERO);
            TotalView {
                label,
                phase: t.phase.map(|ph| cx.ui.get(phase_key(ph)).to_string()),
                year: t.year,
                printed: cx.money(printed),
                check,
                computed: computed.map(|c| cx.money(c)),
                difference: computed.map(|c| format::money_difference(printed - c, cx.lang)),
                reference: cx.source(from, plan, &t.reference),
            }
        })
        .collect()
}

#[derive(Serialize)]
pub struct DutyView {
    pub agency: Link,
    pub relation: &'static str,
    pub relation_label: String,
    pub tasks: Vec<L>,
    pub reference: Option<SourceRef>,
}

pub fn duty_view(cx: &Ctx, from: &str, p: &Plan, d: &Duty) -> DutyView {
    let (relation, key) = match d.relation {
        Relation::Assigned => ("assigned", "relation_assigned"),
        Relation::Requested => ("requested", "relation_requested"),
    };
    DutyView {
        agency: cx.agency_link(from, &d.agency),
        relation,
        relation_label: cx.ui.get(key).to_string(),
        tasks: cx.ls(&d.tasks),
        reference: cx.source(from, p, &d.reference),
    }
}

/// Identity block shared by plan, project and document pages.
#[derive(Serialize)]
pub struct PlanHead {
    pub url: String,
    pub title: L,
    pub short: L,
    pub kind: String,
    pub number: Option<String>,
    pub date: Option<String>,
    pub iso_date: Option<String>,
    /// Only the year is printed (day and month left blank).
    pub year_only: bool,
    pub place: Option<L>,
    pub issuer: Link,
    pub period: String,
    pub implements: Option<L>,
    pub source: Option<String>,
    pub signer: Option<(String, L)>,
    pub document_url: Option<String>,
    /// The English site links to the Vietnamese full text.
    pub document_vi_only: bool,
    /// The plan's printable public notice and its radio script.
    pub notice_url: String,
    pub radio_url: String,
}

pub fn head(cx: &Ctx, from: &str, p: &Plan) -> PlanHead {
    PlanHead {
        url: rel(from, &links::plan(&p.id)),
        title: cx.l(&p.title),
        short: cx.l(p.label()),
        kind: cx.ui.get(kind_key(p.kind)).to_string(),
        number: p.number.clone(),
        date: format::date(p.date, cx.lang),
        iso_date: format::iso_date(p.date),
        year_only: matches!(p.date, DocDate::YearOnly(_)),
        place: cx.lo(&p.place),
        issuer: cx.agency_link(from, &p.issuer),
        period: period(cx, p),
        implements: cx.lo(&p.implements),
        source: p.source.clone(),
        signer: p.signer.as_ref().map(|s| (s.name.clone(), cx.l(&s.title))),
        document_vi_only: cx.document_is_vietnamese_only(p),
        document_url: p
            .document_vi
            .as_ref()
            .map(|_| rel(from, &links::document(&p.id))),
        notice_url: rel(from, &links::notice(&p.id, None)),
        radio_url: rel(from, &links::radio(&p.id, None)),
    }
}

#[derive(Serialize)]
pub struct PlanView<'a> {
    pub meta: Meta<'a>,
    pub plan: PlanHead,
    /// The plan's supervision in brief, linking to its page.
    pub supervision: Option<super::supervision::PlanSupervision>,
    pub legal_bases: Vec<L>,
    pub purposes: Vec<L>,
    pub requirements: Vec<L>,
    pub general_objectives: Vec<L>,
    pub beneficiaries: Vec<L>,
    pub solutions: Vec<L>,
    pub funding_notes: Vec<L>,
    pub summary: summary::PlanSummary,
    pub horizons: Vec<HorizonGroup>,
    pub projects: Vec<summary::ProjectItem>,
    pub tables: Vec<TableView>,
    pub chart: Option<super::ChartView>,
    /// The funding mix by source and capital type, one bar per phase and year.
    pub mix_chart: Option<super::ChartView>,
    pub totals: Vec<TotalView>,
    pub duties: Vec<DutyView>,
    pub progress: Option<super::progress::PlanProgress>,
    /// The plan's datasets (CSV and JSON), by dataset id, linked beside their tables.
    pub data: std::collections::BTreeMap<&'static str, super::Downloads>,
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

fn plan_description(cx: &Ctx, p: &Plan) -> String {
    let money = summary::funding(cx, p).map_or_else(
        || cx.ui.get("no_figures").trim_end_matches('.').to_string(),
        |f| format!("{} ({})", f.amount.exact, f.caption),
    );
    format!(
        "{}: {money}; {} {}, {} {}. {}.",
        cx.l(p.label()).text,
        p.projects.len(),
        cx.ui.get("projects_count"),
        p.targets.len(),
        cx.ui.get("targets_count"),
        cx.agency_link("", &p.issuer).label.text
    )
}

fn budget_rows(p: &Plan) -> Vec<(&Project, Vec<&Money>)> {
    p.projects
        .iter()
        .map(|pr| (pr, pr.all_budget().collect()))
        .collect()
}

/// Characters of a budget bar's label that fit on one line of the chart.
const BAR_LABEL_CHARS: usize = 46;

/// The columns of a budget chart: each source and capital type in words and in its colour.
fn chart_columns(cx: &Ctx, columns: &[Column]) -> Vec<chart::budget::Column> {
    columns
        .iter()
        .map(|&c| chart::budget::Column {
            label: column_label(cx, c),
            colour: palette::column(c),
            hatched: palette::hatched(c),
        })
        .collect()
}

/// A budget chart's bar: its label, its amounts by column and its total (million VND).
fn chart_bar(
    cx: &Ctx,
    label: String,
    cells: &[Option<Decimal>],
    total: Decimal,
) -> chart::budget::Bar {
    chart::budget::Bar {
        label,
        cells: cells.iter().map(|c| c.map(Decimal::to_f64)).collect(),
        total: total.to_f64(),
        total_text: format::decimal(total, cx.lang),
    }
}

/// The budget of a plan by project (the first table its page shows), with the chart's figures:
/// one row per project drawn, largest first, a column per source and capital type.
pub fn budget_chart(cx: &Ctx, p: &Plan) -> Option<chart::Chart> {
    let rows = budget_rows(p);
    let table = budget::tables(&rows).into_iter().next()?;
    let mut order: Vec<(&budget::Row<&Project>, Decimal)> = table
        .rows
        .iter()
        .filter_map(|r| Some((r, r.total?)))
        .collect();
    order.sort_by_key(|(_, total)| std::cmp::Reverse(*total));
    let columns = chart_columns(cx, &table.columns);
    let bars: Vec<chart::budget::Bar> = order
        .iter()
        .map(|(r, total)| {
            let (code, title) = (cx.l(&r.key.code).text, cx.l(&r.key.title).text);
            let label = summary::short_label(&code, &title, BAR_LABEL_CHARS);
            chart_bar(cx, label, &r.cells, *total)
        })
        .collect();
    let caption = summary::caption(cx, p, (table.phase, table.year));
    let title = format!("{} · {caption}", cx.ui.get("chart_caption"));
    let desc = format!(
        "{}. {}: {}.",
        bars.iter()
            .map(|b| format!("{}: {}", b.label, b.total_text))
            .collect::<Vec<_>>()
            .join("; "),
        cx.ui.get("chart_columns"),
        columns
            .iter()
            .map(|c| c.label.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    );
    let svg = chart::budget::stacked_bars(&bars, &columns, &title, &desc)?;
    let mut header = vec![
        cx.ui.get("col_project").to_string(),
        cx.ui.get("col_title").to_string(),
    ];
    header.extend(columns.into_iter().map(|c| c.label));
    header.push(cx.ui.get("col_total").to_string());
    let data = order
        .iter()
        .map(|(r, _)| {
            let mut row = vec![
                Cell::Text(cx.l(&r.key.code).text),
                Cell::Text(cx.l(&r.key.title).text),
            ];
            row.extend(r.cells.iter().map(|c| Cell::num(*c)));
            row.push(Cell::num(r.total));
            row
        })
        .collect();
    Some(chart::Chart {
        svg,
        header,
        rows: data,
    })
}

/// The funding mix of a plan: one bar per phase and year, with its figures by source and
/// capital type; `None` when there is only one table with one column (nothing to compare).
pub fn mix_chart(cx: &Ctx, p: &Plan) -> Option<chart::Chart> {
    let rows = budget_rows(p);
    let mix: Vec<(String, budget::Table<&Project>)> = budget::tables(&rows)
        .into_iter()
        .map(|t| (summary::caption(cx, p, (t.phase, t.year)), t))
        .collect();
    let mut keys: Vec<Column> = mix
        .iter()
        .flat_map(|(_, t)| t.columns.iter().copied())
        .collect();
    keys.sort();
    keys.dedup();
    if mix.is_empty() || (mix.len() == 1 && keys.len() < 2) {
        return None;
    }
    // Each table's total per column of the chart.
    let cells: Vec<Vec<Option<Decimal>>> = mix
        .iter()
        .map(|(_, t)| {
            keys.iter()
                .map(|c| t.column_totals[t.columns.iter().position(|x| x == c)?])
                .collect()
        })
        .collect();
    let columns = chart_columns(cx, &keys);
    let bars: Vec<chart::budget::Bar> = mix
        .iter()
        .zip(&cells)
        .map(|((caption, t), cells)| chart_bar(cx, caption.clone(), cells, t.total))
        .collect();
    let desc = mix_desc(cx, &bars, &columns, &cells);
    let svg = chart::budget::stacked_bars(&bars, &columns, cx.ui.get("chart_mix_title"), &desc)?;
    let mut header = vec![cx.ui.get("col_what").to_string()];
    header.extend(columns.into_iter().map(|c| c.label));
    header.push(cx.ui.get("col_total").to_string());
    let data = mix
        .iter()
        .zip(&cells)
        .map(|((caption, t), cells)| {
            let mut row = vec![Cell::Text(caption.clone())];
            row.extend(cells.iter().map(|c| Cell::num(*c)));
            row.push(Cell::num(Some(t.total)));
            row
        })
        .collect();
    Some(chart::Chart {
        svg,
        header,
        rows: data,
    })
}

/// The funding mix in words: each phase and year, its total and its amount per column.
fn mix_desc(
    cx: &Ctx,
    bars: &[chart::budget::Bar],
    columns: &[chart::budget::Column],
    cells: &[Vec<Option<Decimal>>],
) -> String {
    let each = bars.iter().zip(cells).map(|(b, cells)| {
        let parts: Vec<String> = columns
            .iter()
            .zip(cells)
            .filter_map(|(c, v)| Some(format!("{} {}", c.label, format::decimal((*v)?, cx.lang))))
            .collect();
        format!("{}: {} ({})", b.label, b.total_text, parts.join(", "))
    });
    format!("{}.", each.collect::<Vec<_>>().join("; "))
}

pub fn plan_page<'a>(cx: &Ctx<'a>, p: &Plan) -> PlanView<'a> {
    let from = links::plan(&p.id);
    let from = from.as_str();
    let rows: Vec<(&Project, Vec<&Money>)> = p
        .projects
        .iter()
        .map(|pr| (pr, pr.all_budget().collect()))
        .collect();
    let tables = table_views(cx, from, p, &rows);
    let i = cx.plan_index(p);
    let chart = budget_chart(cx, p).map(|c| cx.chart_view(from, i.map(chart::Of::Budget), c));
    let mix_chart = mix_chart(cx, p).map(|c| cx.chart_view(from, i.map(chart::Of::Mix), c));
    let all_lines = || {
        p.all_projects()
            .flat_map(|pr| pr.budget.iter())
            .collect::<Vec<_>>()
    };
    let mut meta = cx.meta(from, cx.l(p.label()).text);
    meta.illustrative = super::progress::illustrative(p) || p.illustrative_supervision();
    meta.description = Some(plan_description(cx, p));
    cx.report_item(&mut meta, &item_ref(cx, p, None));
    PlanView {
        supervision: super::supervision::plan_summary(cx, from, p),
        data: cx.plan_downloads(from, p),
        progress: super::progress::plan_progress(cx, from, p),
        meta,
        plan: head(cx, from, p),
        legal_bases: cx.ls(&p.legal_bases),
        purposes: cx.ls(&p.purposes),
        requirements: cx.ls(&p.requirements),
        general_objectives: cx.ls(&p.general_objectives),
        beneficiaries: cx.ls(&p.beneficiaries),
        solutions: cx.ls(&p.solutions),
        funding_notes: cx.ls(&p.funding_notes),
        horizons: horizon_groups(cx, from, p),
        summary: summary::plan_summary(cx, from, p),
        projects: p
            .projects
            .iter()
            .map(|pr| summary::project_item(cx, from, p, pr))
            .collect(),
        tables,
        chart,
        mix_chart,
        totals: total_views(cx, (from, p), &p.printed_totals, all_lines),
        duties: p.duties.iter().map(|d| duty_view(cx, from, p, d)).collect(),
    }
}

#[derive(Serialize)]
pub struct LineView {
    pub amount: Option<String>,
    pub source: Option<String>,
    pub capital: Option<String>,
    pub phase: Option<String>,
    pub year: Option<i32>,
    pub note: Option<L>,
    pub reference: Option<SourceRef>,
}

#[derive(Serialize)]
pub struct ProjectDetail {
    pub id: String,
    pub url: String,
    pub code: L,
    pub title: L,
    pub reference: Option<SourceRef>,
    pub objectives: Vec<L>,
    pub tasks: Vec<L>,
    pub beneficiaries: Vec<L>,
    pub note: Option<L>,
    pub lead: Vec<Link>,
    pub support: Vec<Link>,
    pub quantities: Vec<(String, L, L)>,
    pub lines: Vec<LineView>,
    pub totals: Vec<TotalView>,
}

fn project_detail(cx: &Ctx, from: &str, plan: &Plan, pr: &Project) -> ProjectDetail {
    let lines = pr
        .budget
        .iter()
        .map(|m| LineView {
            amount: m.amount.map(|a| cx.money(a)),
            source: m.source.map(|s| cx.ui.get(source_key(s)).to_string()),
            capital: Some(m.capital.map_or_else(
                || cx.ui.get("capital_unsplit").to_string(),
                |c| cx.ui.get(capital_key(c)).to_string(),
            )),
            phase: m.phase.map(|ph| cx.ui.get(phase_key(ph)).to_string()),
            year: m.year,
            note: cx.lo(&m.note),
            reference: cx.source(from, plan, &m.reference),
        })
        .collect();
    ProjectDetail {
        id: pr.id.clone(),
        url: rel(from, &links::project(&plan.id, &pr.id)),
        code: cx.l(&pr.code),
        title: cx.l(&pr.title),
        reference: cx.source(from, plan, &pr.reference),
        objectives: cx.ls(&pr.objectives),
        tasks: cx.ls(&pr.tasks),
        beneficiaries: cx.ls(&pr.beneficiaries),
        note: cx.lo(&pr.note),
        lead: cx.agency_links(from, &pr.lead),
        support: cx.agency_links(from, &pr.support),
        quantities: pr
            .quantities
            .iter()
            .map(|q| {
                (
                    format::decimal(q.value, cx.lang),
                    cx.l(&q.unit),
                    cx.l(&q.what),
                )
            })
            .collect(),
        lines,
        totals: total_views(cx, (from, plan), &pr.printed_totals, || {
            pr.all_budget().collect()
        }),
    }
}

#[derive(Serialize)]
pub struct ProjectView<'a> {
    pub meta: Meta<'a>,
    pub plan: PlanHead,
    pub parent: Option<Link>,
    pub project: ProjectDetail,
    pub subprojects: Vec<ProjectDetail>,
    pub tables: Vec<TableView>,
    pub progress: Option<super::progress::ProjectProgress>,
    /// The first screen: amount (of the plan's headline phase and year), lead, support, and the
    /// sub-projects with theirs.
    pub summary: summary::ProjectItem,
    /// The phase and year of those amounts.
    pub caption: Option<String>,
    /// The plan gives figures (so a project without one says so).
    pub plan_has_figures: bool,
    /// The recommendations of supervision about it (or its sub-projects), overdue first.
    pub recommendations: Vec<super::supervision::RecView>,
    /// Datasets (CSV and JSON) of what the page shows, by dataset id.
    pub data: std::collections::BTreeMap<&'static str, super::Downloads>,
}

pub fn project_page<'a>(cx: &Ctx<'a>, plan: &Plan, pr: &Project) -> ProjectView<'a> {
    let from = links::project(&plan.id, &pr.id);
    let from = from.as_str();
    let parent = pr
        .parent
        .as_ref()
        .and_then(|pid| plan.projects.iter().find(|x| &x.id == pid));
    let mut rows: Vec<(&Project, Vec<&Money>)> = Vec::new();
    if !pr.subprojects.is_empty() {
        if !pr.budget.is_empty() {
            rows.push((pr, pr.budget.iter().collect()));
        }
        rows.extend(
            pr.subprojects
                .iter()
                .map(|s| (s, s.budget.iter().collect())),
        );
    }
    let title = format!("{} – {}", cx.l(&pr.code).text, cx.l(plan.label()).text);
    let progress = super::progress::project_progress(cx, from, plan, pr);
    let mut meta = cx.meta(from, title);
    meta.illustrative = progress.is_some() && super::progress::illustrative(plan);
    let key = summary::headline_key(plan);
    let amount = summary::project_amount(plan, pr).map_or_else(
        || cx.ui.get("no_amount").to_string(),
        |d| {
            format!(
                "{} ({})",
                cx.money(d),
                key.map(|k| summary::caption(cx, plan, k))
                    .unwrap_or_default()
            )
        },
    );
    let leads: Vec<String> = cx
        .agency_links(from, &pr.lead)
        .into_iter()
        .map(|l| l.label.text)
        .collect();
    cx.report_item(
        &mut meta,
        &item_ref(
            cx,
            plan,
            Some(&format!("{} [{}]", cx.l(&pr.code).text, pr.id)),
        ),
    );
    meta.description = Some(format!(
        "{}: {}. {amount}.{}",
        cx.l(&pr.code).text,
        cx.l(&pr.title).text,
        if leads.is_empty() {
            String::new()
        } else {
            format!(" {}: {}.", cx.ui.get("lead"), leads.join("; "))
        }
    ));
    let key = summary::headline_key(plan);
    let recommendations = super::supervision::recs_where(cx, from, plan, |r| {
        r.project
            .as_ref()
            .is_some_and(|id| *id == pr.id || pr.subprojects.iter().any(|s| s.id == *id))
    });
    meta.illustrative |= recommendations.iter().any(|r| r.illustrative);
    ProjectView {
        recommendations,
        data: cx.plan_downloads(from, plan),
        summary: summary::project_item(cx, from, plan, pr),
        caption: key.map(|k| summary::caption(cx, plan, k)),
        plan_has_figures: key.is_some(),
        progress,
        meta,
        plan: head(cx, from, plan),
        parent: parent.map(|p| Link {
            url: rel(from, &links::project(&plan.id, &p.id)),
            label: cx.l(&p.code),
        }),
        project: project_detail(cx, from, plan, pr),
        subprojects: pr
            .subprojects
            .iter()
            .map(|s| project_detail(cx, from, plan, s))
            .collect(),
        tables: table_views(cx, from, plan, &rows),
    }
}

#[derive(Serialize)]
pub struct DocumentView<'a> {
    pub meta: Meta<'a>,
    pub plan: PlanHead,
    pub html: String,
    /// Table of contents: the document's `##` and `###` headings (h3 and h4 on the page).
    pub toc: Vec<markdown::Heading>,
    /// The English site shows the Vietnamese original.
    pub fallback: bool,
}

pub fn document_page<'a>(cx: &Ctx<'a>, p: &Plan) -> Option<DocumentView<'a>> {
    let doc = cx.document(&p.id)?;
    let from = links::document(&p.id);
    let title = format!("{} – {}", cx.ui.get("document_title"), cx.l(p.label()).text);
    let mut meta = cx.meta(&from, title.clone());
    meta.description = Some(format!("{title}: {}", cx.l(&p.title).text));
    Some(DocumentView {
        meta,
        plan: head(cx, &from, p),
        html: doc.html.clone(),
        toc: doc
            .headings
            .iter()
            .filter(|h| (3..=4).contains(&h.level))
            .cloned()
            .collect(),
        fallback: cx.document_is_vietnamese_only(p),
    })
}
