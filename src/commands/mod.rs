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

use unicode_width::UnicodeWidthStr;

pub use crate::points::shown as points;

/// Pad to a display width (Chinese glyphs take two columns).
pub fn pad(text: &str, width: usize) -> String {
    let shown = UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(shown)))
}
