//! What each command does, over the pure cores. Each returns the process exit
//! status; output goes to the writer it is given so that tests can read it.

pub mod draft;
pub mod import;
pub mod keys;
pub mod merge;
pub mod rubric;
pub mod score_files;
pub mod search;
pub mod synth;

use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

/// A decimal as people write points: `2.5`, `26.25`, `5`.
pub fn points(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Pad to a display width (Chinese glyphs take two columns).
pub fn pad(text: &str, width: usize) -> String {
    let shown = UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(shown)))
}
