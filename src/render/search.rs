//! The search index: every plan, project, target, report, supervision activity and
//! recommendation, agency (communes among them), page and glossary term of one language, as script files (`search/0.js` …) that the search page
//! (`search.html`) loads with `<script>` elements, so search works opened from disk (file://,
//! where a page may not fetch() a JSON file) and under any subpath. The browser builds a
//! MiniSearch index (vendored in the theme) from them; see `static/search.js`.
//!
//! Sharding keeps a phone's first search small: shard 0 holds the fixed pages, pages, terms,
//! agencies and one entry per plan; the projects, targets and reports of a site of more than
//! `PLANS_PER_SHARD` plans are in shards 1, 2 … of that many plans each, loaded after the first
//! results are shown; a site of more than `PAGES_IN_FIRST` narrative pages has them in shards
//! of `PAGES_PER_SHARD` after those. Which plan lands in which shard depends only on its place in the site, so
//! an edit of one plan changes one shard and never their number.

use std::collections::HashMap;

use serde::Serialize;

use super::glossary::Term;
use super::{links, names};
use crate::i18n::Ui;
use crate::model::{Agency, Lang, Plan, Site, Text};

/// Plans per shard after the first.
pub const PLANS_PER_SHARD: usize = 20;
/// Characters of running text kept per entry: enough to find an item by its words, short
/// enough to keep the index small.
const TEXT_CHARS: usize = 320;
/// The same for a narrative page: few, and found by what they say.
const PAGE_CHARS: usize = 2000;

/// A site of at most this many narrative pages has them all in shard 0; a site of more has
/// them in shards of `PAGES_PER_SHARD` after the plans' shards.
const PAGES_IN_FIRST: usize = 40;
const PAGES_PER_SHARD: usize = 50;

/// How many shards a site's index has in each language.
pub fn shards(site: &Site) -> usize {
    shards_for(site.plans.len()) + page_shards(site.pages.len())
}

fn page_shards(n: usize) -> usize {
    if n <= PAGES_IN_FIRST {
        0
    } else {
        n.div_ceil(PAGES_PER_SHARD)
    }
}

fn shards_for(n: usize) -> usize {
    if n <= PLANS_PER_SHARD {
        1
    } else {
        1 + n.div_ceil(PLANS_PER_SHARD)
    }
}

/// The plans whose details shard `k` holds.
fn detail_plans(n: usize, k: usize) -> std::ops::Range<usize> {
    if shards_for(n) == 1 {
        if k == 0 {
            0..n
        } else {
            0..0
        }
    } else if k == 0 {
        0..0
    } else {
        ((k - 1) * PLANS_PER_SHARD).min(n)..(k * PLANS_PER_SHARD).min(n)
    }
}

/// Output path of shard `k` under a language's folder.
pub fn shard_path(k: usize) -> String {
    format!("search/{k}.js")
}

/// One entry: kind, language-relative address, title, context (the plan or kind it belongs
/// to), running text. An array, not an object, to keep the index small.
#[derive(Serialize)]
struct Entry(&'static str, String, String, String, String);

/// What the index of one language reads: the site, the language and its interface strings.
struct Ctx<'a> {
    site: &'a Site,
    lang: Lang,
    ui: &'a Ui,
    agencies: HashMap<&'a str, &'a Agency>,
}

impl<'a> Ctx<'a> {
    fn l(&self, t: &Text) -> String {
        t.get(self.lang).text.to_string()
    }

    fn lo(&self, t: &Option<Text>) -> Option<String> {
        t.as_ref().map(|t| self.l(t))
    }

    fn agency(&self, id: &str) -> Option<&'a Agency> {
        self.agencies.get(id).copied()
    }
}

/// The script of shard `k` of the index in `lang`:
/// `mbSearchShard(k, [[kind, url, title, context, text], …]);`.
pub fn shard(site: &Site, lang: Lang, ui: &Ui, terms: &[Term], k: usize) -> String {
    let cx = &Ctx {
        site,
        lang,
        ui,
        agencies: site.agencies.iter().map(|a| (a.id.as_str(), a)).collect(),
    };
    let mut out = Vec::new();
    if k == 0 {
        core(cx, terms, &mut out);
    }
    let plan_shards = shards_for(site.plans.len());
    if k < plan_shards {
        for i in detail_plans(site.plans.len(), k) {
            details(cx, &site.plans[i], &mut out);
        }
    }
    let pages = if page_shards(site.pages.len()) == 0 {
        if k == 0 {
            0..site.pages.len()
        } else {
            0..0
        }
    } else if k >= plan_shards {
        let j = k - plan_shards;
        let n = site.pages.len();
        (j * PAGES_PER_SHARD).min(n)..((j + 1) * PAGES_PER_SHARD).min(n)
    } else {
        0..0
    };
    for p in &site.pages[pages] {
        page_entry(cx, p, &mut out);
    }
    let json = serde_json::to_string(&out).expect("search entries serialise");
    format!("mbSearchShard({k},{json});\n")
}

/// A narrative page, found by its title and what it says.
fn page_entry(cx: &Ctx, p: &crate::model::Page, out: &mut Vec<Entry>) {
    let body = match (cx.lang, &p.text.body_en) {
        (Lang::En, Some(en)) => en.as_str(),
        _ => p.text.body_vi.as_str(),
    };
    let context = p
        .section
        .map(|s| cx.l(&cx.site.sections[s].text.title))
        .unwrap_or_default();
    out.push(Entry(
        "page",
        links::page(&p.slug),
        cx.l(&p.text.title),
        context,
        clip_to(&super::markdown::plain_text(head(body)), PAGE_CHARS),
    ));
}

/// The start of a long Markdown text, cut at a line end: enough for `PAGE_CHARS` of its
/// words, so that a long page is not parsed whole for them.
fn head(md: &str) -> &str {
    let most = PAGE_CHARS * 4;
    if md.len() <= most {
        return md;
    }
    let mut end = most;
    while !md.is_char_boundary(end) {
        end -= 1;
    }
    match md[..end].rfind('\n') {
        Some(at) => &md[..at],
        None => &md[..end],
    }
}

fn clip(s: &str) -> String {
    clip_to(s, TEXT_CHARS)
}

/// The first `n` characters of `s`, its runs of white space made one space.
fn clip_to(s: &str, n: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for word in s.split_whitespace() {
        if count > 0 {
            if count >= n {
                break;
            }
            out.push(' ');
            count += 1;
        }
        let chars = word.chars().count();
        if count + chars <= n {
            out.push_str(word);
            count += chars;
        } else {
            out.extend(word.chars().take(n - count));
            count = n;
        }
    }
    out
}

fn join<'s>(parts: impl IntoIterator<Item = &'s str>) -> String {
    let v: Vec<&str> = parts.into_iter().filter(|s| !s.is_empty()).collect();
    v.join(" · ")
}

/// What shard 0 holds, in this order: the fixed pages, the sections, the glossary, the agencies
/// and one entry per plan.
fn core(cx: &Ctx, terms: &[Term], out: &mut Vec<Entry>) {
    fixed_pages(cx, out);
    sections(cx, out);
    glossary(cx, terms, out);
    agencies(cx, out);
    plans(cx, out);
}

/// The site's own pages: home, lists, glossary, notes (and the recommendations when some plan
/// has supervision).
fn fixed_pages(cx: &Ctx, out: &mut Vec<Entry>) {
    let ui = cx.ui;
    let fixed = [
        ("index.html", "nav_home", ""),
        ("plans/index.html", "plans_title", ""),
        ("agencies/index.html", "agencies_title", ""),
        ("progress.html", "progress_title", ""),
        ("glossary.html", "glossary_title", ""),
        ("data-notes.html", "data_notes_title", ""),
        ("accessibility.html", "a11y_title", ""),
        ("site-index.html", "site_index_title", ""),
    ];
    let supervised = cx.site.has_supervision();
    let fixed = fixed.into_iter().chain(supervised.then_some((
        links::SUPERVISION_LIST,
        "sup_list_title",
        "sup_list_intro",
    )));
    for (url, title, text) in fixed {
        let text = if text.is_empty() { "" } else { ui.get(text) };
        out.push(Entry(
            "page",
            url.to_string(),
            ui.get(title).to_string(),
            String::new(),
            text.to_string(),
        ));
    }
}

/// The index pages of the sections of narrative pages.
fn sections(cx: &Ctx, out: &mut Vec<Entry>) {
    for sec in &cx.site.sections {
        let body = match (cx.lang, &sec.text.body_en) {
            (Lang::En, Some(en)) => en.as_str(),
            _ => sec.text.body_vi.as_str(),
        };
        out.push(Entry(
            "page",
            links::section(&sec.path, 0),
            cx.l(&sec.text.title),
            String::new(),
            clip(&super::markdown::plain_text(body)),
        ));
    }
}

/// The glossary's terms, each with its other language's word.
fn glossary(cx: &Ctx, terms: &[Term], out: &mut Vec<Entry>) {
    for t in terms {
        let (term, other, means) = match cx.lang {
            Lang::Vi => (&t.vi, &t.en, &t.means_vi),
            Lang::En => (&t.en, &t.vi, &t.means_en),
        };
        out.push(Entry(
            "term",
            format!("glossary.html#{}", t.id),
            term.clone(),
            other.clone(),
            clip(means),
        ));
    }
}

/// The agencies, communes among them.
fn agencies(cx: &Ctx, out: &mut Vec<Entry>) {
    for a in &cx.site.agencies {
        let kind = if a.kind == crate::model::AgencyKind::CommuneCommittee {
            "commune"
        } else {
            "agency"
        };
        out.push(Entry(
            kind,
            links::agency(&a.id),
            cx.l(&a.name),
            cx.lo(&a.area).unwrap_or_default(),
            String::new(),
        ));
    }
}

/// One entry per plan, with its number, issuer and title.
fn plans(cx: &Ctx, out: &mut Vec<Entry>) {
    for p in &cx.site.plans {
        let issuer = cx.agency(&p.issuer).map(|a| cx.l(&a.name));
        let place = cx.lo(&p.place).unwrap_or_default();
        let title = cx.l(&p.title);
        let implements = cx.lo(&p.implements).unwrap_or_default();
        out.push(Entry(
            "plan",
            links::plan(&p.id),
            names::plan_name(p, cx.lang).0,
            join([
                p.number.as_deref().unwrap_or(""),
                issuer.as_deref().unwrap_or(""),
            ]),
            clip(&join([title.as_str(), place.as_str(), implements.as_str()])),
        ));
    }
}

fn details(cx: &Ctx, p: &Plan, out: &mut Vec<Entry>) {
    let plan = names::plan_name(p, cx.lang).0;
    for pr in p.all_projects() {
        let objectives: Vec<String> = pr.objectives.iter().map(|t| cx.l(t)).collect();
        out.push(Entry(
            "project",
            links::project(&p.id, &pr.id),
            join([cx.l(&pr.code).as_str(), cx.l(&pr.title).as_str()]),
            plan.clone(),
            clip(&objectives.join(" ")),
        ));
    }
    for t in &p.targets {
        let topic = cx.lo(&t.topic).unwrap_or_default();
        let scope = cx.lo(&t.scope).unwrap_or_default();
        out.push(Entry(
            "target",
            links::target(&p.id, &t.id),
            cx.l(&t.text),
            plan.clone(),
            clip(&join([
                cx.l(&t.indicator).as_str(),
                topic.as_str(),
                scope.as_str(),
            ])),
        ));
    }
    for r in &p.reports {
        let mut communes: Vec<String> = r
            .values
            .iter()
            .flat_map(|v| &v.breakdown)
            .map(|b| cx.l(&b.name))
            .collect();
        communes.sort();
        communes.dedup();
        let agency = cx.agency(&r.agency).map(|a| cx.l(&a.name));
        out.push(Entry(
            "report",
            links::report(&p.id, &r.id),
            names::report_title(cx.ui, cx.lang, r).0,
            plan.clone(),
            clip(&join([
                agency.as_deref().unwrap_or(""),
                r.source.as_deref().unwrap_or(""),
                communes.join(" ").as_str(),
            ])),
        ));
    }
    supervision(cx, p, &plan, out);
}

/// A plan's supervision activities (found by what was found) and each recommendation (by what
/// it asks and of whom).
fn supervision(cx: &Ctx, p: &Plan, plan: &str, out: &mut Vec<Entry>) {
    let page = links::supervision(&p.id);
    for a in &p.supervision {
        let findings: Vec<String> = a.findings.iter().map(|f| cx.l(&f.text)).collect();
        let communes: Vec<String> = a.communes.iter().map(|c| cx.l(c)).collect();
        out.push(Entry(
            "supervision",
            format!("{page}#act-{}", a.id),
            cx.l(&a.title),
            plan.to_string(),
            clip(&join([
                communes.join(" ").as_str(),
                findings.join(" ").as_str(),
            ])),
        ));
        for r in &a.recommendations {
            let to = cx.agency(&r.to).map(|x| cx.l(&x.name));
            out.push(Entry(
                "recommendation",
                links::recommendation(&p.id, &r.id),
                clip(&cx.l(&r.text)),
                plan.to_string(),
                join([r.id.as_str(), to.as_deref().unwrap_or("")]),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_follow_the_number_of_plans() {
        let n = PLANS_PER_SHARD;
        assert_eq!(shards_for(0), 1);
        assert_eq!(shards_for(n), 1);
        assert_eq!(detail_plans(n, 0), 0..n);
        assert_eq!(shards_for(n + 1), 3);
        assert_eq!(detail_plans(n + 1, 0), 0..0);
        assert_eq!(detail_plans(n + 1, 1), 0..n);
        assert_eq!(detail_plans(n + 1, 2), n..n + 1);
        assert_eq!(shards_for(50 * n), 51);
        assert_eq!(detail_plans(50 * n, 50), 49 * n..50 * n);
    }

    #[test]
    fn clip_keeps_whole_characters() {
        let long = "dân tộc ".repeat(100);
        let c = clip(&long);
        assert_eq!(c.chars().count(), TEXT_CHARS);
        assert!(long.starts_with(&c));
    }
}
