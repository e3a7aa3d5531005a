//! The house's import order ("one way down", issue 27): every `crate::…` path in `src/` is an
//! arrow from its file to the module it names. Arrows point down the stages below, and no files
//! import each other in a circle. The arrows and circles that still break the rule are listed
//! here as known debts: the test fails on any new one, and on a listed one that has gone (so the
//! list only shrinks).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The stages, lowest first: a module may import only from its own stage or one below.
const STAGES: &[(&str, u8)] = &[
    ("model", 0),
    ("problem", 1),
    ("tree", 1),
    ("load", 2),
    ("validate", 3),
    ("i18n", 4),
    ("theme", 4),
    ("template", 4),
    ("render::format", 5),
    ("render::explain", 5),
    ("render::goal", 5),
    ("render::links", 5),
    ("render::names", 5),
    ("render::glossary", 5),
    ("render::markdown", 5),
    ("render::chart", 6),
    ("render::data", 6),
    ("render::search", 6),
    ("render::context", 7),
    ("render::parts", 8),
    ("render::views", 9),
    ("render", 10),
    ("output", 11),
    ("lib", 12),
    ("starter", 12),
    ("serve", 13),
    ("main", 14),
];

/// Arrows that run up a stage today (from → to, as modules), to be removed by issue 27.
const KNOWN_UPWARD: &[&str] = &[];

/// Circles today (their files, sorted), to be broken by issue 27.
const KNOWN_CIRCLES: &[&str] = &[];

fn stage(module: &str) -> u8 {
    STAGES
        .iter()
        .filter(|(m, _)| module == *m || module.starts_with(&format!("{m}::")))
        .max_by_key(|(m, _)| m.len())
        .map_or(u8::MAX, |(_, s)| *s)
}

/// The module a source file is: `render/views/plan.rs` is `render::views::plan`.
fn module_of(rel: &str) -> String {
    let rel = rel.trim_end_matches(".rs");
    let rel = rel.strip_suffix("/mod").unwrap_or(rel);
    rel.replace('/', "::")
}

/// Every path of this crate in `text` (`crate::a::b`, and `super::`/`self::` paths resolved from
/// module `module`), with `use crate::x::{y, z::w}` groups expanded.
fn paths(module: &str, text: &str) -> Vec<String> {
    paths_with(module, text, &BTreeMap::new())
}

/// As `paths`, where `aliases` maps a name brought in by `use` (`chart`) to the module it is
/// (`render::chart`), so that `chart::target::draw` is an arrow to `render::chart::target`.
fn paths_with(module: &str, text: &str, aliases: &BTreeMap<String, String>) -> Vec<String> {
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let parent = |m: &str| {
        m.rsplit_once("::")
            .map_or(String::new(), |(p, _)| p.to_string())
    };
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let start_ok = i == 0 || {
            let c = bytes[i - 1] as char;
            !(c.is_alphanumeric() || c == '_' || c == '$' || c == ':')
        };
        let (base, len) = if !start_ok {
            (None, rest.chars().next().map_or(1, char::len_utf8))
        } else if rest.starts_with("crate::") {
            (Some(String::new()), "crate::".len())
        } else if rest.starts_with("super::") {
            let mut base = parent(module);
            let mut len = "super::".len();
            while code[i + len..].starts_with("super::") {
                base = parent(&base);
                len += "super::".len();
            }
            (Some(base), len)
        } else if rest.starts_with("self::") {
            (Some(module.to_string()), "self::".len())
        } else if let Some((name, m)) = aliases
            .iter()
            .find(|(a, _)| rest.starts_with(a.as_str()) && rest[a.len()..].starts_with("::"))
        {
            (Some(m.clone()), name.len() + 2)
        } else {
            (None, rest.chars().next().map_or(1, char::len_utf8))
        };
        i += len;
        let Some(base) = base else { continue };
        let join = |tail: &str| match (base.is_empty(), tail.is_empty()) {
            (true, _) => tail.to_string(),
            (false, true) => base.clone(),
            (false, false) => format!("{base}::{tail}"),
        };
        let rest = &code[i..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        let head = rest[..end].trim_end_matches(':');
        if rest[end..].starts_with('{') && (end == 0 || rest[..end].ends_with("::")) {
            let close = rest[end..].find('}').map_or(rest.len(), |j| end + j);
            for item in rest[end + 1..close].split(',') {
                let item = item.trim().split(" as ").next().unwrap_or("").trim();
                let item = item.split("::{").next().unwrap_or(item);
                let tail = match (head.is_empty(), item.is_empty() || item == "self") {
                    (_, true) => head.to_string(),
                    (true, false) => item.to_string(),
                    (false, false) => format!("{head}::{item}"),
                };
                out.push(join(&tail));
            }
            i += close;
        } else {
            out.push(join(head));
            i += end;
        }
    }
    out
}

/// The files' modules and, for each, the modules it imports (resolved to the longest module
/// the path names).
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    for e in walkdir::WalkDir::new(src) {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "rs") {
            let rel = e.path().strip_prefix(src).unwrap().to_string_lossy();
            files.push((module_of(&rel), std::fs::read_to_string(e.path()).unwrap()));
        }
    }
    let modules: BTreeSet<String> = files.iter().map(|(m, _)| m.clone()).collect();
    let mut g = BTreeMap::new();
    for (m, text) in &files {
        let mut to = BTreeSet::new();
        for (piece, text) in pieces(m, text) {
            // Modules brought in by name (`use crate::render::chart;`, `use super::plan;`).
            let aliases: BTreeMap<String, String> = paths(&piece, text)
                .into_iter()
                .filter(|p| modules.contains(p))
                .filter_map(|p| Some((p.rsplit("::").next()?.to_string(), p.clone())))
                .collect();
            for p in paths_with(&piece, text, &aliases) {
                let parts: Vec<&str> = p.split("::").collect();
                if let Some(target) = (1..=parts.len())
                    .rev()
                    .map(|n| parts[..n].join("::"))
                    .find(|c| modules.contains(c))
                {
                    if &target != m {
                        to.insert(target);
                    }
                }
            }
        }
        g.insert(m.clone(), to);
    }
    g
}

/// A file's text as its own module's and, from the first inline `mod x {` on (its tests), that
/// inline module's, in which `super::` is the file itself.
fn pieces<'t>(m: &str, text: &'t str) -> Vec<(String, &'t str)> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let l = line.trim_start();
        let l = l.strip_prefix("pub ").unwrap_or(l);
        if let Some(name) = l
            .strip_prefix("mod ")
            .and_then(|r| r.trim_end().strip_suffix('{'))
        {
            let inner = format!("{m}::{}", name.trim());
            return vec![(m.to_string(), &text[..at]), (inner, &text[at..])];
        }
        at += line.len();
    }
    vec![(m.to_string(), text)]
}

/// Circles of two or more modules (Tarjan's strongly connected components), each sorted.
fn circles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        let i = t.index.len();
        t.index.insert(v, i);
        t.low.insert(v, i);
        t.stack.push(v);
        t.on.insert(v);
        let g = t.g;
        for w in g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !g.contains_key(w) {
                continue;
            }
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low[v];
                t.low.insert(v, lv.min(lw));
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low[v];
                t.low.insert(v, lv.min(iw));
            }
        }
        if t.low[v] == t.index[v] {
            let mut c = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                c.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if c.len() > 1 {
                c.sort();
                t.out.push(c);
            }
        }
    }
    let mut t = T {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out.sort();
    t.out
}

#[test]
fn every_import_points_down_and_no_files_import_each_other_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let g = graph(&src);
    let mut upward = BTreeSet::new();
    for (from, to) in &g {
        for t in to {
            if stage(t) > stage(from) {
                upward.insert(format!("{from} → {t}"));
            }
        }
    }
    let found: BTreeSet<String> = circles(&g).iter().map(|c| c.join(" ")).collect();
    let known_up: BTreeSet<String> = KNOWN_UPWARD.iter().map(|s| s.to_string()).collect();
    let known_circles: BTreeSet<String> = KNOWN_CIRCLES.iter().map(|s| s.to_string()).collect();
    let new_up: Vec<_> = upward.difference(&known_up).collect();
    let gone_up: Vec<_> = known_up.difference(&upward).collect();
    let new_circles: Vec<_> = found.difference(&known_circles).collect();
    let gone_circles: Vec<_> = known_circles.difference(&found).collect();
    assert!(
        new_up.is_empty() && new_circles.is_empty(),
        "imports that break the order (stages in tests/it/layers.rs):\nupward: {new_up:#?}\ncircles: {new_circles:#?}"
    );
    assert!(
        gone_up.is_empty() && gone_circles.is_empty(),
        "known debts that are paid: remove them from tests/it/layers.rs\nupward: {gone_up:#?}\ncircles: {gone_circles:#?}"
    );
}

/// One file per page type: a view imports the context and the page parts, never another view, so
/// no view becomes a hub that other pages take helpers from.
#[test]
fn no_view_imports_another_view() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let g = graph(&src);
    let views = |m: &str| m.starts_with("render::views::");
    let crossing: Vec<String> = g
        .iter()
        .filter(|(from, _)| views(from))
        .flat_map(|(from, to)| {
            to.iter()
                .filter(|t| views(t))
                .map(move |t| format!("{from} → {t}"))
        })
        .collect();
    assert!(
        crossing.is_empty(),
        "views that import another view (move what they share to render::parts): {crossing:#?}"
    );
    let hub = std::fs::read_to_string(src.join("render/views/mod.rs")).unwrap();
    assert!(
        hub.lines()
            .all(|l| l.is_empty() || l.starts_with("//") || l.starts_with("pub mod ")),
        "render/views/mod.rs declares the page modules and nothing else"
    );
}

#[test]
fn the_path_reader_sees_grouped_and_inline_imports() {
    let text = "use crate::model::{self, Plan, status::Point};\n// crate::serve in a comment\nlet x = crate::render::format::day(d);\nmacro! { $crate::a }\nuse super::{rel, plan::head};\nuse super::super::links;\n";
    assert_eq!(
        paths("render::views::notice", text),
        vec![
            "model",
            "model::Plan",
            "model::status::Point",
            "render::format::day",
            "render::views::rel",
            "render::views::plan::head",
            "render::links",
        ]
    );
    assert_eq!(module_of("render/views/mod.rs"), "render::views");
    // A file's test module is read apart: its `super::` is the file, not the file's parent.
    let file = "use crate::model::Plan;\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n";
    let split = pieces("render::format", file);
    assert_eq!(split.len(), 2);
    assert_eq!(split[0].0, "render::format");
    assert_eq!(split[1].0, "render::format::tests");
    assert_eq!(paths(&split[1].0, split[1].1), vec!["render::format"]);
    assert_eq!(stage("render::views::plan"), 9);
    assert_eq!(stage("render::format"), 5);
}
