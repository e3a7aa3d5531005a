//! The colours charts and badges give to the model's kinds (a status, a funding source and
//! capital), with contrast on white checked.
//!
//! Stage: page parts (see `parts/mod.rs`): below the views, above the context.

use crate::model::budget::Column;
use crate::model::{Capital, Source, Status};
use crate::render::chart::colours::RGBColor;

/// A status's colour as the pages' badges show it (text colours, 4.5:1 or more on white).
pub fn status(s: Status) -> RGBColor {
    use Status::*;
    match s {
        Achieved => RGBColor(15, 81, 50),
        OnTrack => RGBColor(8, 76, 122),
        NeedsAcceleration => RGBColor(107, 59, 0),
        OffTrack => RGBColor(122, 26, 0),
        Deteriorating => RGBColor(110, 26, 58),
        NotAssessable | NoData => RGBColor(66, 74, 83),
    }
}

/// Fill colours per budget column, 3:1 or more against white: blues for the central budget,
/// oranges for the local budget.
pub fn column((source, capital): Column) -> RGBColor {
    match (source, capital) {
        (Source::Central, Some(Capital::Investment)) => RGBColor(0, 73, 112),
        (Source::Central, Some(Capital::Recurrent)) => RGBColor(0, 114, 178),
        (Source::Central, None) => RGBColor(0, 94, 145),
        (Source::Local, Some(Capital::Investment)) => RGBColor(140, 62, 0),
        (Source::Local, Some(Capital::Recurrent)) => RGBColor(196, 86, 0),
        (Source::Local, None) => RGBColor(168, 74, 0),
        (Source::PolicyCredit, _) => RGBColor(0, 122, 90),
        (Source::Other, _) => RGBColor(100, 100, 100),
    }
}

/// Recurrent capital is hatched, so that the split reads in black-and-white print too.
pub fn hatched((_, capital): Column) -> bool {
    capital == Some(Capital::Recurrent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::chart::contrast_on_white;

    #[test]
    fn every_fill_stands_out_from_the_white_page() {
        for s in [
            Source::Central,
            Source::Local,
            Source::PolicyCredit,
            Source::Other,
        ] {
            for c in [None, Some(Capital::Investment), Some(Capital::Recurrent)] {
                let RGBColor(r, g, b) = column((s, c));
                let contrast = contrast_on_white(r, g, b);
                assert!(
                    contrast >= 3.0,
                    "{s:?} {c:?}: {contrast:.2}:1 against white"
                );
            }
        }
    }

    #[test]
    fn every_status_reads_as_text_on_the_white_page() {
        for s in Status::ALL {
            let RGBColor(r, g, b) = status(s);
            assert!(contrast_on_white(r, g, b) >= 4.5, "{s:?}");
        }
    }
}
