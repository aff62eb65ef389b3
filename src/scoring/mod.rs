//! Scores: what a cell may hold (bounds), what the scoring helpers compute,
//! and the department's draft. Knows nothing of terminals.

pub mod audit;
pub mod bounds;
pub mod draft;
pub mod import;
pub mod session;
pub mod totals;
