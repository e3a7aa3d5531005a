//! The cells of dataset rows, from model values: text (an empty one is an empty cell), counts,
//! years, figures in plain notation, days, codes, and the address of the page showing a row.
//!
//! Stage: datasets (render::data); reads the model and the site's links.

use crate::model::*;
use crate::render::data::{figure, opt_key, Cell};
use crate::render::links;

/// A text cell; an empty text is an empty cell.
pub(super) fn s(v: impl Into<String>) -> Cell {
    let v = v.into();
    if v.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(v)
    }
}

/// An optional text cell.
pub(super) fn so(v: Option<&str>) -> Cell {
    v.map_or(Cell::Empty, s)
}

/// The English of a bilingual text (empty when it has none).
pub(super) fn en(t: &Text) -> Cell {
    so(t.en.as_deref())
}

/// The Vietnamese and the English of an optional bilingual text.
pub(super) fn ten(t: &Option<Text>) -> (Cell, Cell) {
    match t {
        Some(t) => (s(t.vi.clone()), en(t)),
        None => (Cell::Empty, Cell::Empty),
    }
}

/// A count.
pub(super) fn int(n: usize) -> Cell {
    Cell::Int(n as i64)
}

/// An optional year.
pub(super) fn year(y: Option<i32>) -> Cell {
    y.map_or(Cell::Empty, |y| Cell::Int(i64::from(y)))
}

/// An optional target figure in plain notation.
pub(super) fn fig(f: Option<Figure>) -> Cell {
    f.as_ref().map_or(Cell::Empty, |f| Cell::Num(figure(f)))
}

/// A day, as YYYY-MM-DD.
pub(super) fn day(d: Date) -> Cell {
    Cell::Text(d.iso())
}

/// An optional code, as the content files spell it (`policy-credit`).
pub(super) fn code<T: serde::Serialize>(v: Option<T>) -> Cell {
    s(opt_key(v))
}

/// A budget phase as the Fiscal Data Package names it.
pub(super) fn fdp(p: Option<Phase>) -> Cell {
    s(match p {
        Some(Phase::Proposed) => "proposed",
        Some(Phase::Allocated) => "approved",
        Some(Phase::Adjusted) => "adjusted",
        Some(Phase::Disbursed) => "executed",
        None => "",
    })
}

/// The address of a page for a data file: from the site's root, absolute with a base address.
pub(super) fn page(site: &Site, lang: Lang, path: &str) -> Cell {
    let path = links::page_path(lang, path);
    Cell::Text(match &site.settings.base_url {
        Some(b) => format!("{b}{path}"),
        None => path,
    })
}
