//! Data problems: what is wrong in which file, at which line and column, and how to fix it.
//!
//! Loading and validation collect every problem before failing, so an author fixes a whole batch
//! per build instead of one error at a time.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Worth fixing, but the site can be built (e.g. a printed total that does not add up,
    /// which the site shows as such); `--strict` makes it stop the build too.
    Warning,
    /// Worth knowing, nothing to fix (e.g. that the site publishes the saved results of a
    /// workbook's formulas); never stops the build, even under `--strict`.
    Note,
}

/// One problem in the author's content.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub severity: Severity,
    /// Path of the file as the author knows it (`content/plans/x/plan.toml`).
    pub file: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    pub column: usize,
    /// What is wrong and what to do, in plain words. Shown through [`shown`], so that a value
    /// quoted in it whole (by serde, say) never floods the terminal.
    #[serde(serialize_with = "serialize_shown")]
    pub message: String,
    /// For a spreadsheet: the sheet and cell ("Vốn!D7"); `line` is then its row, `column` its
    /// column number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
}

impl Problem {
    /// An error about a whole file (line 0).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            cell: None,
        }
    }

    pub fn warning(mut self) -> Problem {
        self.severity = Severity::Warning;
        self
    }

    pub fn note(mut self) -> Problem {
        self.severity = Severity::Note;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(cell) = &self.cell {
            write!(f, "{}: {cell}: {}", self.file, shown(&self.message))
        } else if self.line == 0 {
            write!(f, "{}: {}", self.file, shown(&self.message))
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file,
                self.line,
                self.column,
                shown(&self.message)
            )
        }
    }
}

/// All problems found in one run; the error type of loading and validation. When it is an
/// error, it holds at least one error, or warnings under `--strict`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

/// At most this many characters of an author's value are quoted in a message.
pub const QUOTED_CHARS: usize = 40;

/// An author's value as a message quotes it: whole when short, else its first
/// [`QUOTED_CHARS`] characters and "…", so that a huge value never floods the terminal.
pub fn clip(value: &str) -> std::borrow::Cow<'_, str> {
    match value.char_indices().nth(QUOTED_CHARS) {
        None => std::borrow::Cow::Borrowed(value),
        Some((end, _)) => std::borrow::Cow::Owned(format!("{}…", &value[..end])),
    }
}

/// At most this many characters of a library's error text are shown: it may quote bytes of
/// the file (a tag name, a value).
pub const DETAIL_CHARS: usize = 80;

/// A library's error, as text of at most [`DETAIL_CHARS`] characters and "…": rendered through
/// a writer that stops there, so a huge value inside the error is never copied whole.
pub fn detail(e: &dyn std::fmt::Display) -> String {
    struct Bounded {
        text: String,
        left: usize,
    }
    impl std::fmt::Write for Bounded {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            for c in s.chars() {
                if self.left == 0 {
                    self.text.push('…');
                    return Err(std::fmt::Error);
                }
                self.text.push(c);
                self.left -= 1;
            }
            Ok(())
        }
    }
    let mut b = Bounded {
        text: String::new(),
        left: DETAIL_CHARS,
    };
    // An error from the writer only means the text was cut.
    let _ = std::fmt::write(&mut b, format_args!("{e}"));
    b.text
}

/// The most characters of a message shown, whatever it quotes.
const MESSAGE_CHARS: usize = 1_500;

/// A message as shown: every part quoted in it (between backticks or double quotes) that is
/// longer than a few dozen characters clipped by [`clip`], and the whole at most
/// [`MESSAGE_CHARS`]. Messages quote values through `clip` where they are made; this catches
/// what libraries quote (serde's "invalid type: string \"…\"").
pub fn shown(message: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let long_part = message
        .split(['`', '"'])
        .skip(1)
        .step_by(2)
        .any(|q| q.chars().nth(QUOTED_CHARS + 20).is_some());
    if !long_part && message.chars().nth(MESSAGE_CHARS).is_none() {
        return Cow::Borrowed(message);
    }
    let mut out = String::new();
    let mut rest = message;
    let mut quoted = false;
    while !rest.is_empty() {
        let end = rest.find(['`', '"']).unwrap_or(rest.len());
        let (part, after) = rest.split_at(end);
        if quoted && part.chars().nth(QUOTED_CHARS + 20).is_some() {
            out.push_str(&clip(part));
        } else {
            out.push_str(part);
        }
        if let Some(q) = after.chars().next() {
            out.push(q);
            rest = &after[q.len_utf8()..];
            quoted = !quoted;
        } else {
            rest = after;
        }
    }
    Cow::Owned(clip_to(&out, MESSAGE_CHARS))
}

fn clip_to(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        None => s.to_string(),
        Some((end, _)) => format!("{}…", &s[..end]),
    }
}

fn serialize_shown<S: serde::Serializer>(m: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&shown(m))
}

/// `1 error`, `2 warnings`.
pub fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// At most this many problems of one file are printed; a file with more is broken throughout,
/// and a terminal flooded with thousands of lines helps nobody.
pub const SHOWN_PER_FILE: usize = 30;

/// The problems as printed, each `error: …`, `warning: …` or `note: …` on a line, at most
/// [`SHOWN_PER_FILE`] of each file, then how many more that file has.
pub fn listing(problems: &[Problem]) -> String {
    use std::collections::HashMap;
    let mut per_file: HashMap<&str, usize> = HashMap::new();
    let mut out = String::new();
    for p in problems {
        let n = per_file.entry(p.file.as_str()).or_default();
        *n += 1;
        if *n <= SHOWN_PER_FILE {
            let label = match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            };
            out.push_str(&format!("{label}: {p}\n"));
        }
    }
    let mut more: Vec<(&str, usize)> = per_file
        .into_iter()
        .filter(|(_, n)| *n > SHOWN_PER_FILE)
        .map(|(f, n)| (f, n - SHOWN_PER_FILE))
        .collect();
    more.sort();
    for (file, n) in more {
        let what = if n == 1 { "problem" } else { "problems" };
        out.push_str(&format!(
            "{file}: {n} more {what} not shown; fix those above first (or see them all with --format json)\n"
        ));
    }
    out
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", listing(&self.0))?;
        let errors = self.errors();
        let warnings = self
            .0
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count();
        if errors > 0 {
            write!(f, "{} in the content", count(errors, "error"))?;
            if warnings > 0 {
                write!(f, " (and {})", count(warnings, "warning"))?;
            }
        } else {
            write!(
                f,
                "{}, and --strict makes warnings stop the build",
                count(warnings, "warning")
            )?;
        }
        write!(f, "; nothing was written")
    }
}

impl std::error::Error for Problems {}

impl Problems {
    pub fn push(&mut self, p: Problem) {
        self.0.push(p);
    }

    pub fn extend(&mut self, ps: impl IntoIterator<Item = Problem>) {
        self.0.extend(ps);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn errors(&self) -> usize {
        self.0.iter().filter(|p| p.is_error()).count()
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Problem::is_error)
    }

    /// Takes the notes out, leaving errors and warnings.
    pub fn take_notes(&mut self) -> Vec<Problem> {
        let (notes, rest) = std::mem::take(&mut self.0)
            .into_iter()
            .partition(|p| p.severity == Severity::Note);
        self.0 = rest;
        notes
    }

    /// `Ok((value, warnings))` when no error was found, else all problems.
    pub fn into_result<T>(self, value: T) -> Result<(T, Vec<Problem>), Problems> {
        if self.has_errors() {
            Err(self)
        } else {
            Ok((value, self.0))
        }
    }
}

/// A file's name and text, kept so that byte spans can be turned into line and column.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: Arc<str>,
    /// For a sheet of a workbook read as CSV text: each cell's byte range in `text`, its row
    /// and column number, and its name ("Vốn!D7"), sorted by range.
    pub cells: Option<Arc<Vec<SheetCell>>>,
}

/// Where a cell of a workbook sheet stands in the CSV text made of the sheet.
#[derive(Debug, Clone)]
pub struct SheetCell {
    pub start: usize,
    pub row: usize,
    pub column: usize,
    pub name: String,
    /// The cell holds a number (not a text): its notation is never in doubt.
    pub number: bool,
    /// The cell holds a formula: its figure was computed by the spreadsheet, not typed.
    pub formula: bool,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
            cells: None,
        }
    }

    /// A sheet of a workbook, as CSV text with the place of each cell.
    pub fn sheet(name: impl Into<String>, text: String, cells: Vec<SheetCell>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
            cells: Some(Arc::new(cells)),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }

    /// For a sheet of a workbook: the cell that holds byte `offset` of the text (the last one
    /// starting at or before it).
    pub fn cell_at(&self, offset: usize) -> Option<&SheetCell> {
        let cells = self.cells.as_ref()?;
        let i = cells.partition_point(|c| c.start <= offset);
        i.checked_sub(1).and_then(|i| cells.get(i))
    }

    /// A problem at the start of `span`.
    pub fn problem(&self, span: Option<Range<usize>>, message: impl Into<String>) -> Problem {
        if let Some(span) = &span {
            if let Some(c) = self.cell_at(span.start) {
                return Problem {
                    severity: Severity::Error,
                    file: self.name.clone(),
                    line: c.row,
                    column: c.column,
                    message: message.into(),
                    cell: Some(c.name.clone()),
                };
            }
        }
        let (line, column) = span.map_or((0, 0), |s| self.line_col(s.start));
        Problem {
            cell: None,
            severity: Severity::Error,
            file: self.name.clone(),
            line,
            column,
            message: message.into(),
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The closest candidate to a mistyped id, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (levenshtein(wrong, c), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_quoted_by_libraries_are_clipped_when_shown() {
        let huge = "x".repeat(100_000);
        let m = format!(
            "invalid type: string \"{huge}\", expected a number; write `{huge}` as \"12,5\""
        );
        let p = Problem::file("a.toml", m);
        let text = p.to_string();
        assert!(text.len() < 300, "{text}");
        assert!(text.contains("\"xxxxxxxxxx") && text.contains("…\", expected a number"));
        assert!(text.ends_with("as \"12,5\""), "{text}");
        let json = serde_json::to_string(&p).unwrap();
        assert!(json.len() < 400, "{json}");
        // A message with nothing long is shown as it is.
        assert_eq!(shown("lead = `x`: no agency"), "lead = `x`: no agency");
    }

    #[test]
    fn long_values_are_clipped_in_messages() {
        assert_eq!(clip("39.559"), "39.559");
        let long = "ế".repeat(1000);
        let c = clip(&long);
        assert_eq!(c.chars().count(), QUOTED_CHARS + 1);
        assert!(c.ends_with('…'));
    }

    #[test]
    fn line_and_column_count_characters() {
        let f = SourceFile::new("a.toml", "x = 1\nngày = \"y\"\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col("x = 1\nngày".len()), (2, 5));
    }

    #[test]
    fn suggests_close_ids_only() {
        let ids = ["phong-dan-toc", "phong-y-te"];
        assert_eq!(did_you_mean("phong-dan-tocc", ids), Some("phong-dan-toc"));
        assert_eq!(did_you_mean("ngan-hang", ids), None);
    }
}
