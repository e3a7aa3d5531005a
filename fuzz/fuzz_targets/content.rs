//! Content files, in memory: the first byte picks which file of a small valid site the rest
//! replaces. Loading (the tolerant TOML parser, the control-character scan) and validation must
//! never panic, and every problem names its file and a line inside it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minhbach::load::raw::*;
use minhbach::load::tolerant::{parse, Parsed};
use minhbach::load::{forbidden_chars, RawPlanDir, RawSite, Sourced, Unread};
use minhbach::problem::{Problems, SourceFile};

const SEED: [(&str, &str); 6] = [
    ("site.toml", include_str!("../seed/site.toml")),
    ("agencies/a.toml", include_str!("../seed/agencies/a.toml")),
    ("plans/p/plan.toml", include_str!("../seed/plans/p/plan.toml")),
    ("plans/p/targets.toml", include_str!("../seed/plans/p/targets.toml")),
    ("plans/p/projects.toml", include_str!("../seed/plans/p/projects.toml")),
    ("plans/p/duties.toml", include_str!("../seed/plans/p/duties.toml")),
];

fn read<T: serde::de::DeserializeOwned>(
    texts: &[String],
    i: usize,
    problems: &mut Problems,
) -> (Option<Sourced<T>>, Unread) {
    let file = SourceFile::new(SEED[i].0, texts[i].as_str());
    problems.extend(forbidden_chars(&file, 0..file.text.len()));
    let Parsed { data, problems: ps, dropped_ids } = parse::<T>(&file);
    problems.extend(ps);
    let unread = match &data {
        None => Unread::Any,
        Some(_) => Unread::Ids(dropped_ids.into_iter().collect()),
    };
    (data.map(|data| Sourced { file, data }), unread)
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let mut texts: Vec<String> = SEED.iter().map(|(_, t)| t.to_string()).collect();
    texts[usize::from(pick) % SEED.len()] = text.to_string();
    let mut problems = Problems::default();
    let (settings, _) = read::<RawSettings>(&texts, 0, &mut problems);
    let (agencies, unread_agencies) = read::<RawAgencyFile>(&texts, 1, &mut problems);
    let (plan, _) = read::<RawPlan>(&texts, 2, &mut problems);
    let (targets, unread_targets) = read::<RawTargetsFile>(&texts, 3, &mut problems);
    let (projects, _) = read::<RawProjectsFile>(&texts, 4, &mut problems);
    let (duties, _) = read::<RawDutiesFile>(&texts, 5, &mut problems);
    let raw = RawSite {
        settings,
        agencies: agencies.into_iter().collect(),
        unread_agencies,
        plans: vec![RawPlanDir {
            id: "p".into(),
            dir: SourceFile::new("plans/p", ""),
            plan,
            targets,
            unread_targets,
            projects,
            duties,
            document_vi: None,
            document_en: None,
        }],
        pages: Vec::new(),
        static_files: Vec::new(),
    };
    let names: Vec<&str> = SEED.iter().map(|(n, _)| *n).collect();
    let all = match minhbach::validate::validate(raw, problems) {
        Ok(v) => v.warnings,
        Err(p) => p.0,
    };
    for p in &all {
        let Some(i) = names.iter().position(|n| *n == p.file) else {
            assert_eq!(p.file, "plans/p", "problem without its file: {p}");
            continue;
        };
        let lines = texts[i].split('\n').count();
        assert!(p.line <= lines, "{p}: line past the end ({lines} lines)");
    }
});
