//! Scores: what a cell may hold (bounds), what the scoring helpers compute,
//! the department's draft and its audit entries, a scoring session (walk,
//! progress, undo), how scores add up to totals, and reading a score sheet.
//! Values only: the files are `io`'s, the screen is `tui`'s.

pub mod audit;
pub mod bounds;
pub mod draft;
pub mod entry;
pub mod events;
pub(crate) mod grid;
pub mod helper;
pub mod helpers;
pub mod import;
pub mod rule;
pub mod session;
pub mod totals;
pub mod workbook;
