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
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "canonical_score"
    )]
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

impl ScoreFile {
    /// The payload for a draft: every cell with a score, a veto decision, a
    /// note or an evidence flag, in rubric order so that the bytes do not
    /// depend on how the draft happens to be stored.
    pub fn from_draft(
        rubric: &crate::rubric::Rubric,
        draft: &crate::scoring::draft::Draft,
        signer: &super::keys::KeyLine,
        revision: u64,
        created: String,
    ) -> ScoreFile {
        let units: Vec<(String, Option<String>, String)> = rubric
            .items
            .iter()
            .flat_map(|item| item.scoring_units())
            .filter(|u| u.department == draft.department)
            .map(|u| {
                let sub = u.sub.map(|s| s.id.clone());
                let key = crate::scoring::draft::unit_key(&u.item.id, sub.as_deref());
                (u.item.id.clone(), sub, key)
            })
            .collect();
        let mut scores = Vec::new();
        for district in &rubric.districts {
            for (item, sub, key) in &units {
                let Some(cell) = draft.cell(district, key) else {
                    continue;
                };
                scores.push(ScoreEntry {
                    district: district.clone(),
                    item: item.clone(),
                    sub: sub.clone(),
                    score: cell.score,
                    veto: cell.veto,
                    input: cell.input.clone(),
                    note: cell.note.clone(),
                    evidence_missing: cell.evidence_missing,
                });
            }
        }
        ScoreFile {
            format: FORMAT,
            rubric: rubric.id.clone(),
            rubric_hash: crate::rubric::hash::rubric_hash(rubric),
            department: draft.department.clone(),
            // The signer is the scorer: a draft typed or imported under
            // another name is signed for by whoever's key signs it.
            scorer: signer.scorer.clone(),
            key_id: signer.key_id.clone(),
            revision,
            created,
            scores,
        }
    }
}

/// A score exactly as kaohe writes one. Another spelling of a number ("-0",
/// "+1", "01", "1e0") reads as the same value but is not what was exported,
/// so it is refused rather than quietly normalized.
fn canonical_score<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
    let text = String::deserialize(deserializer)?;
    let value: Decimal = text
        .parse()
        .map_err(|_| serde::de::Error::custom(format!("the score \"{text}\" is not a decimal number")))?;
    if !is_canonical(&text) {
        return Err(serde::de::Error::custom(format!(
            "the score \"{text}\" is not written the way kaohe writes it (\"{value}\")"
        )));
    }
    // Past 28 places a Decimal rounds as it reads ("3.000…0001" reads as 3):
    // a score is checked as written, so one that cannot be held exactly is refused.
    let places = text.split_once('.').map_or(0, |(_, f)| f.len());
    if usize::try_from(value.scale()).ok() != Some(places) {
        return Err(serde::de::Error::custom(format!(
            "the score \"{text}\" has more digits than a score can hold exactly (it would read as {value})"
        )));
    }
    Ok(Some(value))
}

/// `Decimal`'s own spelling: an optional minus, no leading zeros, digits
/// after a point only if there is one, and no minus on zero. Checked on the
/// text (rather than by printing the value) because a national-scale merge
/// reads nearly a million of them.
fn is_canonical(text: &str) -> bool {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let whole_ok = all_digits(whole) && (whole == "0" || !whole.starts_with('0'));
    let fraction_ok = fraction.is_none_or(all_digits);
    let zero = digits.bytes().all(|b| b == b'0' || b == b'.');
    whole_ok && fraction_ok && !(negative && zero)
}

#[cfg(test)]
mod tests {
    #[test]
    fn canonical_decimals() {
        for ok in ["0", "4.5", "4.50", "-0.25", "10", "0.01"] {
            assert!(super::is_canonical(ok), "{ok}");
            assert_eq!(
                ok.parse::<rust_decimal::Decimal>().map(|d| d.to_string()).as_deref(),
                Ok(ok)
            );
        }
        for bad in ["-0", "-0.00", "+1", "01", "1.", ".5", "1e2", "", "-", "1.2.3", " 1"] {
            assert!(!super::is_canonical(bad), "{bad}");
        }
    }
}
