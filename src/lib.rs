//! kaohe (考核): faithful copies of official government quality-work
//! assessment rubrics, and the tools to score districts on them.
//!
//! The cores (`rubric`, `scoring`, `search`, `seal`, `merge`) take and
//! return values and bytes: no terminal, no file, no clock. `io` is the edge
//! where files are read and written; `commands` (the subcommands) and `tui`
//! (the workbench) are layers over both, and the binary only dispatches.
#![forbid(unsafe_code)]

pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod department;
pub mod fast_hash;
pub mod io;
pub mod lang;
pub mod line_index;
pub mod merge;
pub mod office;
pub mod points;
pub mod rubric;
pub mod scoring;
pub mod seal;
pub mod search;
pub mod selfcheck;
pub mod text;
pub mod tui;
