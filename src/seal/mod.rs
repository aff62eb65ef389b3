//! Signed department score files: keys, the DSSE envelope, trust, and
//! verification. Nothing in a file is believed before its signature checks.

pub mod dsse;
pub mod export;
pub mod keys;
pub mod payload;
pub mod trust;
pub mod verify;
