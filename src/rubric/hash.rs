//! The identity of a rubric: SHA-256 over its resolved form, so that two files
//! that resolve to the same rubric (whitespace, comments, alias spellings)
//! share a hash, and any change to an item, a point or a criterion changes it.

use super::model::Rubric;
use sha2::{Digest, Sha256};
use std::fmt::Write;

pub fn rubric_hash(rubric: &Rubric) -> String {
    // serde_json keeps struct field order and writes decimals as strings, so
    // the bytes depend only on the resolved content (source lines are skipped).
    // Serialising can fail only for a map with non-string keys or a failing
    // custom Serialize; the model has neither. Hashing an empty payload
    // instead would make every rubric the same rubric, so this stops.
    #[allow(clippy::expect_used)]
    let bytes = serde_json::to_vec(rubric).expect("a rubric always serialises to JSON");
    hex(&Sha256::digest(&bytes))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
