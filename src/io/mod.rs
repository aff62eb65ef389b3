//! The edge where kaohe meets the file system. The cores (rubric, scoring,
//! search, seal, merge) take and return values and bytes; everything that
//! opens, locks, appends to or atomically replaces a file is here.

pub mod atomic;
pub mod audit_log;
pub mod bounded;
pub mod drafts;
pub mod exports;
pub mod key_files;
pub mod phrases;
pub mod report_set;
pub mod reports;
pub mod rubric_files;
pub mod rubric_tables;
pub mod score_files;
pub mod selfchecks;
pub mod sheets;
pub mod trust_file;
