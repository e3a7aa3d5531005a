//! Open data: every dataset of the site (`sets`) as CSV and JSON, for the whole site and for
//! each plan, and the whole-site data package (`package`). CSV is UTF-8 with a byte-order mark
//! (so Excel shows Vietnamese), with a header row in the page's language and figures in plain
//! notation (`17860.0`), which every spreadsheet reads as numbers; JSON carries the stable field
//! ids, the types and units.
//!
//! A text cell that a spreadsheet would run as a formula (`=IMPORTXML(…)`, `+…`, `-…`, `@…`, or
//! one starting with a tab or carriage return) gets a leading `'`, as OWASP recommends for CSV
//! injection; a number in plain notation (`-3`, `17860.0`) stays a number.

pub mod package;
pub mod sets;

pub use sets::Set;

use crate::model::*;

/// A plain number as this module writes figures: optional `-`, digits, optional `.` digits.
fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (i, f) = body.split_once('.').unwrap_or((body, "0"));
    !i.is_empty()
        && !f.is_empty()
        && i.bytes().all(|b| b.is_ascii_digit())
        && f.bytes().all(|b| b.is_ascii_digit())
}

const FORMULA: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

fn field(s: &str) -> String {
    let s = crate::model::text::strip_forbidden(s);
    let risky =
        (s.starts_with(FORMULA) || s.trim_start().starts_with(FORMULA)) && !is_plain_number(&s);
    let mut s = if risky {
        format!("'{s}")
    } else {
        s.into_owned()
    };
    // A spreadsheet in a decimal-comma locale may split cells at `;` too: no part may start
    // like a formula either.
    if s.contains(';') {
        let parts: Vec<String> = s
            .split(';')
            .enumerate()
            .map(|(i, p)| {
                if i > 0 && p.trim_start().starts_with(FORMULA) {
                    format!("'{p}")
                } else {
                    p.to_string()
                }
            })
            .collect();
        s = parts.join(";");
    }
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn row(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

pub fn plain(d: Decimal) -> String {
    let (i, f) = d.split_digits();
    let sign = if d.is_negative() { "-" } else { "" };
    if f.is_empty() {
        format!("{sign}{i}")
    } else {
        format!("{sign}{i}.{f}")
    }
}

/// A computed value in plain notation, to 6 decimal places at most.
pub fn number(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A target figure in plain notation; a fraction as its decimal value ("1/2" → 0.5), to 4 places.
fn figure(f: &Figure) -> String {
    match f {
        Figure::Decimal(d) => plain(*d),
        Figure::Fraction { num, den } => {
            let v = format!("{:.4}", f64::from(*num) / f64::from(*den));
            v.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    }
}

fn key<T: serde::Serialize>(v: T) -> String {
    toml::Value::try_from(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn opt_key<T: serde::Serialize>(v: Option<T>) -> String {
    v.map(key).unwrap_or_default()
}

/// One cell of a dataset.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    /// A number in plain notation.
    Num(String),
    Bool(bool),
}

impl Cell {
    /// A decimal in plain notation, or an empty cell.
    pub fn num(d: Option<Decimal>) -> Cell {
        d.map_or(Cell::Empty, |d| Cell::Num(plain(d)))
    }

    fn csv(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Num(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Bool(b) => b.to_string(),
        }
    }

    /// The cell as a JSON value, appended to `out`.
    fn write_json(&self, out: &mut String) {
        use std::fmt::Write;
        match self {
            Cell::Empty => out.push_str("null"),
            Cell::Text(s) => {
                let s = crate::model::text::strip_forbidden(s);
                out.push_str(&serde_json::to_string(s.as_ref()).unwrap_or_default());
            }
            Cell::Int(n) => {
                let _ = write!(out, "{n}");
            }
            // Plain notation is JSON's notation for numbers; anything else is no number.
            Cell::Num(s) if is_plain_number(s) => out.push_str(s),
            Cell::Num(_) => out.push_str("null"),
            Cell::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        }
    }
}

/// The CSV of `rows` of `set`, with the header in `lang`.
pub fn csv(set: Set, rows: &[Vec<Cell>], lang: Lang) -> String {
    table_csv(&csv_header(set, lang), rows)
}

/// A CSV file: UTF-8 with BOM, the header row, then `rows`.
pub fn table_csv(header: &[String], rows: &[Vec<Cell>]) -> String {
    let mut out = table_csv_head(header);
    for r in rows {
        push_csv_row(&mut out, r);
    }
    out
}

/// The start of a CSV file: the byte-order mark and the header row.
pub fn table_csv_head(header: &[String]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&row(header));
    out
}

/// Appends one row to a CSV file.
pub fn push_csv_row(out: &mut String, r: &[Cell]) {
    out.push_str(&row(&r.iter().map(Cell::csv).collect::<Vec<_>>()));
}

/// The CSV header of `set` in `lang`.
pub fn csv_header(set: Set, lang: Lang) -> Vec<String> {
    set.fields()
        .iter()
        .map(|f| f.header(lang).to_string())
        .collect()
}

/// What a JSON file says about its data beside the rows.
pub struct About<'a> {
    /// The plan the rows are of, or `None` for the whole site.
    pub plan: Option<&'a str>,
    pub as_of: Option<String>,
    pub licence: Option<&'a (String, Option<String>)>,
}

impl<'a> About<'a> {
    /// The site's data date and licence, for the rows of plan `plan` or of the whole site.
    pub fn of(site: &'a Site, plan: Option<&'a str>) -> About<'a> {
        About {
            plan,
            as_of: data_date(site).map(Date::iso),
            licence: site.settings.licence.as_ref(),
        }
    }
}

/// The JSON of `rows` of `set`: the dataset's id and titles, the date and licence of the data,
/// every field with its type and unit, and the rows as objects keyed by field id.
pub fn json(set: Set, rows: &[Vec<Cell>], about: &About) -> String {
    let mut out = JsonOut::new(set, about, rows.len());
    for r in rows {
        out.push(r);
    }
    out.finish()
}

/// A JSON file written row by row (see `json`), so that a whole site's rows need not be held.
pub struct JsonOut {
    set: Set,
    s: String,
    rows: usize,
}

impl JsonOut {
    pub fn new(set: Set, about: &About, expected_rows: usize) -> JsonOut {
        use serde_json::{json, Map, Value};
        let fields: Vec<Value> = set
            .fields()
            .iter()
            .map(|f| {
                let mut o = Map::new();
                o.insert("id".into(), f.id.into());
                o.insert("type".into(), f.ty.schema().into());
                o.insert("title".into(), json!({"vi": f.vi, "en": f.en}));
                if let Some(u) = f.unit {
                    o.insert("unit".into(), u.into());
                }
                if !f.values.is_empty() {
                    o.insert("values".into(), f.values.into());
                }
                if !f.about.is_empty() {
                    o.insert("description".into(), f.about.into());
                }
                Value::Object(o)
            })
            .collect();
        let units: Map<String, Value> = set
            .fields()
            .iter()
            .filter_map(|f| f.unit.map(|u| (f.id.to_string(), Value::from(u))))
            .collect();
        let doc = json!({
            "dataset": set.id(),
            "title": {"vi": set.title(Lang::Vi), "en": set.title(Lang::En)},
            "plan": about.plan,
            "as_of": about.as_of,
            "licence": about.licence.map(|(name, url)| json!({"name": name, "url": url})),
            "units": units,
            "fields": fields,
        });
        // The rows are written one per line, keys in the order of the fields, straight into the
        // text: a large site's money has hundreds of thousands of them.
        let head = serde_json::to_string_pretty(&doc).unwrap_or_default();
        let mut s = String::with_capacity(head.len() + expected_rows * 48 * set.fields().len());
        s.push_str(head.trim_end().trim_end_matches('}').trim_end());
        s.push_str(",\n  \"rows\": [");
        JsonOut { set, s, rows: 0 }
    }

    pub fn push(&mut self, r: &[Cell]) {
        let s = &mut self.s;
        s.push_str(if self.rows == 0 {
            "\n    {"
        } else {
            ",\n    {"
        });
        for (k, (f, c)) in self.set.fields().iter().zip(r).enumerate() {
            if k > 0 {
                s.push(',');
            }
            s.push('"');
            s.push_str(f.id);
            s.push_str("\":");
            c.write_json(s);
        }
        s.push('}');
        self.rows += 1;
    }

    pub fn finish(mut self) -> String {
        self.s.push_str(if self.rows == 0 {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        });
        self.s
    }
}

/// The day the site's data is current to: the site's `as_of`, else the latest day a plan was
/// updated or a report published.
pub fn data_date(site: &Site) -> Option<Date> {
    site.settings.as_of.or_else(|| {
        site.plans
            .iter()
            .flat_map(|p| {
                p.updated
                    .into_iter()
                    .chain(p.reports.iter().map(|r| r.published))
            })
            .max()
    })
}

/// Whether plan `p` has rows in `set`.
pub fn plan_has(p: &Plan, set: Set) -> bool {
    match set {
        Set::Plans | Set::Agencies => false,
        Set::Projects => !p.projects.is_empty(),
        Set::Budget => {
            p.all_projects()
                .any(|pr| !pr.budget.is_empty() || !pr.printed_totals.is_empty())
                || !p.printed_totals.is_empty()
        }
        Set::Targets => !p.targets.is_empty(),
        Set::Duties => p.duties.iter().any(|d| !d.tasks.is_empty()),
        Set::Reports => !p.reports.is_empty(),
        Set::Progress => p.reports.iter().any(|r| !r.values.is_empty()),
        Set::Money => p.reports.iter().any(|r| !r.money.is_empty()),
        Set::Outputs => p.reports.iter().any(|r| !r.outputs.is_empty()),
        Set::Tasks => p.reports.iter().any(|r| !r.tasks.is_empty()),
        Set::Quantities => p.all_projects().any(|pr| !pr.quantities.is_empty()),
        Set::Calendar => !p.calendar.is_empty(),
        Set::Supervision => !p.supervision.is_empty(),
        Set::Findings => p.supervision.iter().any(|a| !a.findings.is_empty()),
        Set::Recommendations => p.supervision.iter().any(|a| !a.recommendations.is_empty()),
        Set::Responses => p
            .supervision
            .iter()
            .flat_map(|a| &a.recommendations)
            .any(|r| !r.responses.is_empty()),
    }
}

/// A file of plan `i`'s data: the CSV in `lang`, or the JSON (the same in both languages).
pub fn plan_file(site: &Site, i: usize, set: Set, format: Format, lang: Lang) -> String {
    match format {
        Format::Csv => csv(set, &sets::rows(site, set, Some(i), lang), lang),
        Format::Json => json(
            set,
            &sets::rows(site, set, Some(i), Lang::Vi),
            &About::of(site, Some(&site.plans[i].id)),
        ),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub fn ext(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_stay_numbers() {
        assert_eq!(
            field("=IMPORTXML(A1,\"//a\")"),
            "\"'=IMPORTXML(A1,\"\"//a\"\")\""
        );
        assert_eq!(field("+84 123"), "'+84 123");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("-cmd"), "'-cmd");
        assert_eq!(field("\tx"), "'\tx");
        assert_eq!(field("＝1+1"), "'＝1+1");
        assert_eq!(field("-3"), "-3");
        assert_eq!(field("-17860.5"), "-17860.5");
        assert_eq!(field("17860.0"), "17860.0");
        assert_eq!(field("a\u{1b}b"), "ab");
        assert_eq!(field(" =1+1"), "' =1+1");
        assert_eq!(
            field("Theo nhu cầu;=cmd|' /C calc'!A0"),
            "Theo nhu cầu;'=cmd|' /C calc'!A0"
        );
    }

    #[test]
    fn quotes_fields_with_commas_and_writes_plain_amounts() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(plain(Decimal::parse_vi("17.860,0").unwrap()), "17860.0");
        assert_eq!(key(Source::PolicyCredit), "policy-credit");
    }
}
