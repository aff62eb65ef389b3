//! kaohe (考核): faithful copies of official government quality-work
//! assessment rubrics, and the tools to score districts on them.
//!
//! The cores (`rubric`, `scoring`, `search`) know nothing of terminals;
//! `commands`, `tui` and the binary are thin layers over them.
#![forbid(unsafe_code)]

pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod fast_hash;
pub mod io;
pub mod lang;
pub mod line_index;
pub mod merge;
pub mod points;
pub mod rubric;
pub mod scoring;
pub mod seal;
pub mod search;
pub mod tui;
