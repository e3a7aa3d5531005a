//! Section anchors from a document's own numbering: a heading that starts "II. MỤC TIÊU",
//! "2.2.1. …" or "c) …" gets an id from its place in that numbering (`s-II.2`, `s-IV.4.1.c`),
//! and the keys a `ref = "…"` may name it by; every other heading gets `h-<n>`.
//!
//! Stage: presentation (render::markdown); works on pulldown-cmark events only.

use super::Heading;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use std::collections::HashSet;

/// A heading with its id and the section keys that lead to it.
pub(super) struct Numbered {
    pub(super) heading: Heading,
    pub(super) id: String,
    pub(super) keys: Vec<String>,
}

/// The numbering a heading starts with.
#[derive(Debug, PartialEq)]
enum Number {
    Roman(String),
    Arabic(Vec<String>),
    Letter(String),
}

/// The numbering a heading reading `text` starts with, if any.
fn heading_number(text: &str) -> Option<Number> {
    let t = text.trim_start();
    let head: &str = t.split_whitespace().next()?;
    if let Some(l) = head.strip_suffix(')') {
        let mut chars = l.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_alphabetic() && c.is_lowercase() => {
                Some(Number::Letter(c.to_string()))
            }
            _ => None,
        };
    }
    let head = head.trim_end_matches([':', '.']);
    if is_roman(head) {
        return (t[head.len()..].starts_with('.')).then(|| Number::Roman(head.to_string()));
    }
    let parts: Vec<String> = head.split('.').map(str::to_string).collect();
    let numeric = parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    numeric.then_some(Number::Arabic(parts))
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

/// The value of a roman numeral, so that "5.13" (a document numbering its sections 1, 2, …)
/// also finds section V.
fn roman_value(r: &str) -> i32 {
    let v = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        _ => 50,
    };
    let digits: Vec<i32> = r.chars().map(v).collect();
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|next| next > d) {
            total -= d;
        } else {
            total += d;
        }
    }
    total
}

/// Gives every heading an id (its section path when numbered, else `h-<n>`), sets it on the
/// heading's start event unless the author wrote one, and returns the headings with the section
/// keys that lead to them.
pub(super) fn number_headings(events: &mut [Event<'_>]) -> Vec<Numbered> {
    let mut out = Vec::new();
    // Ids the page layout uses itself are never given to a heading.
    let mut used: HashSet<String> = ["main", "top", "content"].map(String::from).into();
    // (level, section path) of the enclosing numbered headings.
    let mut stack: Vec<(u8, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[i] else {
            i += 1;
            continue;
        };
        let level = heading_level(*level);
        let explicit = id.as_ref().map(|s| s.to_string());
        let (text, end) = heading_text(events, i);
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            stack.pop();
        }
        let parent: &[String] = stack.last().map_or(&[], |(_, p)| p.as_slice());
        let (path, mut keys) = section_path(&text, parent);
        let wanted = match (&explicit, &path) {
            (Some(e), _) => e.clone(),
            (None, Some(p)) => format!("s-{}", p.join(".")),
            (None, None) => format!("h-{}", out.len() + 1),
        };
        let id = unique(&mut used, wanted);
        if let Some(p) = path {
            keys.insert(0, p.join("."));
            stack.push((level, p));
        }
        if explicit.as_ref() != Some(&id) {
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id.clone()));
            }
        }
        out.push(Numbered {
            heading: Heading {
                level,
                text: text.trim().to_string(),
                id: id.clone(),
            },
            id,
            keys,
        });
        i = end;
    }
    out
}

/// The text of the heading that starts at event `start`, and the index of its end event.
fn heading_text(events: &[Event<'_>], start: usize) -> (String, usize) {
    let mut text = String::new();
    let mut j = start + 1;
    while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
        if let Event::Text(t) | Event::Code(t) = &events[j] {
            text.push_str(t);
        }
        j += 1;
    }
    (text, j)
}

/// The section path of a heading reading `text` under the numbered heading `parent` (`None`:
/// not numbered), and the further keys a reference may name it by: "5" for section V, "2.2.1"
/// for II.2.2.1.
fn section_path(text: &str, parent: &[String]) -> (Option<Vec<String>>, Vec<String>) {
    match heading_number(text) {
        Some(Number::Roman(r)) => (Some(vec![r.clone()]), vec![roman_value(&r).to_string()]),
        Some(Number::Arabic(parts)) if parts.len() > 1 => {
            // Absolute numbering ("4.1." under "4.", "2.2.1." under "II."): the parts follow
            // the enclosing roman section, if any.
            let key = parts.join(".");
            let root = parent.first().filter(|r| is_roman(r));
            (
                Some(root.into_iter().cloned().chain(parts).collect()),
                vec![key],
            )
        }
        Some(Number::Arabic(parts)) => {
            (Some(parent.iter().cloned().chain(parts).collect()), vec![])
        }
        Some(Number::Letter(l)) => (Some(parent.iter().cloned().chain([l]).collect()), vec![]),
        None => (None, vec![]),
    }
}

/// `wanted`, or `wanted-2`, `wanted-3` … if taken: a document that numbers two sections alike
/// still gets one id per heading.
fn unique(used: &mut HashSet<String>, wanted: String) -> String {
    let mut id = wanted.clone();
    let mut n = 1;
    while !used.insert(id.clone()) {
        n += 1;
        id = format!("{wanted}-{n}");
    }
    id
}

fn heading_level(l: HeadingLevel) -> u8 {
    l as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_numbers_are_read_as_printed() {
        assert_eq!(
            heading_number("II. MỤC TIÊU"),
            Some(Number::Roman("II".into()))
        );
        assert_eq!(
            heading_number("2.2.1. Mục tiêu"),
            Some(Number::Arabic(vec!["2".into(), "2".into(), "1".into()]))
        );
        assert_eq!(heading_number("c) Vốn"), Some(Number::Letter("c".into())));
        assert_eq!(heading_number("PHỤ LỤC"), None);
        assert_eq!(heading_number("Dự án 4"), None);
        assert_eq!(heading_number("2021 - 2025"), None);
        assert_eq!(roman_value("IV"), 4);
        assert_eq!(roman_value("XIV"), 14);
    }
}
