//! The signed score file's payload: one department's scores on one rubric,
//! exactly as the office merges them. Decimals travel as strings in plain
//! notation ("-0.5", "4.25"), never as JSON numbers.

use crate::scoring::draft::HelperInput;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// DSSE payloadType of kaohe score files.
pub const PAYLOAD_TYPE: &str = "application/vnd.kaohe.scores+json;version=1";
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreFile {
    pub format: u32,
    pub rubric: String,
    /// SHA-256 of the resolved rubric (`rubric::hash::rubric_hash`).
    pub rubric_hash: String,
    pub department: String,
    pub scorer: String,
    /// Hex SHA-256 of the signer's raw Ed25519 public key.
    pub key_id: String,
    /// Grows on every export of this rubric and department.
    pub revision: u64,
    /// RFC 3339, UTC.
    pub created: String,
    /// Sorted by district (rubric order), then item (rubric order), then sub.
    pub scores: Vec<ScoreEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreEntry {
    pub district: String,
    pub item: String,
    /// The sub-criterion, for a part of an item split between departments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub veto: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<HelperInput>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub evidence_missing: bool,
}

impl ScoreEntry {
    /// The draft's key for the scored unit (`1.1.3`, `2.1.2#3`).
    pub fn unit_key(&self) -> String {
        crate::scoring::draft::unit_key(&self.item, self.sub.as_deref())
    }
}

/// A score file whose signature, signer, rubric and every score have been
/// checked: the only thing the merge accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// How the file was named on the command line.
    pub file: String,
    pub scores: ScoreFile,
    /// SHA-256 of the exact payload bytes, to tell equal revisions apart.
    pub payload_sha256: String,
    /// The signer was found in the trust file for this department.
    pub trusted: bool,
}
