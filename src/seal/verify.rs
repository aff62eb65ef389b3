//! Checking a department's score file, in an order that never believes a
//! byte before the signature over it has been checked: size, envelope,
//! payload type, signature, then the payload, then who signed it and for
//! which department, then the rubric, then every score.

use super::dsse::{self, Envelope, EnvelopeError, MAX_ENVELOPE_BYTES};
use super::keys::KeyLine;
use super::payload::{FORMAT, PAYLOAD_TYPE, ScoreFile, Verified};
use super::trust::{Trust, TrustStatus};
use crate::fast_hash::FastSet;
use crate::rubric::Rubric;
use crate::rubric::hash::{hex, rubric_hash};
use sha2::{Digest, Sha256};

/// Each way a file can fail, with what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("{file}: cannot read it: {reason}")]
    Unreadable {
        file: String,
        /// What the system said, in its words and as a kind.
        kind: std::io::ErrorKind,
        reason: String,
    },
    #[error("{file}: {size} bytes is more than a score file can be ({max}); it is not a kaohe score file")]
    TooLarge { file: String, size: u64, max: usize },
    #[error("{file}: not a valid signed envelope: {source}")]
    Envelope {
        file: String,
        #[source]
        source: EnvelopeError,
    },
    #[error("{file}: payload type is \"{found}\", not a kaohe score file ({PAYLOAD_TYPE})")]
    PayloadType { file: String, found: String },
    #[error("{file}: the file carries no signature; ask the department to export it again")]
    Unsigned { file: String },
    #[error(
        "{file}: signed by key {key_id}, which is not in the trust file{}; add the department's key line with `kaohe trust add` (or pass it with --key) to check it",
        if *.has_trust { "" } else { " (no trust file given)" }
    )]
    UnknownSigner {
        file: String,
        key_id: String,
        has_trust: bool,
    },
    #[error(
        "{file}: the signature by key {key_id} does not match the content: the file was changed after it was signed, or damaged; ask the department for the file again"
    )]
    BadSignature { file: String, key_id: String },
    #[error("{file}: the signed content is not a kaohe score file: {reason}")]
    Payload { file: String, reason: String },
    #[error("{file}: the content says key {claimed} but was signed by {signed}")]
    KeyMismatch {
        file: String,
        claimed: String,
        signed: String,
    },
    #[error(
        "{file}: the content names scorer {claims}, but key {key_id} is {key_scorer}'s; a scorer signs with their own key (the file is refused)"
    )]
    OtherScorer {
        file: String,
        key_id: String,
        key_scorer: String,
        claims: String,
    },
    #[error(
        "{file}: made {created} by its own date, later than now ({now}) by more than a day: the signer's clock is wrong; ask the department to set it and export again"
    )]
    FromTheFuture { file: String, created: String, now: String },
    #[error(
        "{file}: key {key_id} has been revoked, and files it signed are refused: leave this file out of the merge; the department must export again with its new key"
    )]
    Revoked { file: String, key_id: String },
    #[error(
        "{file}: key {key_id} is trusted for {trusted_for}, not for {claims}; a department may only sign its own scores"
    )]
    OtherDepartment {
        file: String,
        key_id: String,
        trusted_for: String,
        claims: String,
    },
    #[error(
        "{file}: key {key_id} is not trusted for {department}; the signature is intact, but add the department's key line with `kaohe trust add` to accept it"
    )]
    Untrusted {
        file: String,
        key_id: String,
        department: String,
    },
    #[error(
        "{file}: scored on rubric {rubric} with hash {hash}, which is not the rubric kaohe knows by that id (a different or edited version); the department must score on the office's rubric"
    )]
    UnknownRubric { file: String, rubric: String, hash: String },
    #[error("{file}: {department} is not a department of rubric {rubric}")]
    UnknownDepartment {
        file: String,
        department: String,
        rubric: String,
    },
    #[error("{file}: district \"{district}\" is not one of rubric {rubric}'s districts")]
    UnknownDistrict {
        file: String,
        district: String,
        rubric: String,
    },
    #[error(
        "{file}: {department} scored {district} on {unit}, which is not its item (scored by {}); the whole file is rejected",
        if .owners.is_empty() { "no department: no such item".to_string() } else { .owners.join("、") }
    )]
    NotOwned {
        file: String,
        department: String,
        district: String,
        unit: String,
        /// The departments that score the unit; none when there is no such item.
        owners: Vec<String>,
    },
    #[error("{file}: {district} / {unit} appears twice")]
    Duplicate {
        file: String,
        district: String,
        unit: String,
    },
    #[error(
        "{file}: {district} / {unit}: {}",
        crate::scoring::rule::refusal_with_score(.refusal, *.score, crate::lang::Lang::En)
    )]
    OutOfBounds {
        file: String,
        district: String,
        unit: String,
        /// The score the file holds, if any, and why the cell may not hold it.
        score: Option<rust_decimal::Decimal>,
        refusal: Box<crate::scoring::rule::Refusal>,
    },
}

/// Where public keys come from: the trust file, and key lines given for
/// this run (which check integrity without making the signer trusted).
pub struct Keys<'a> {
    pub trust: Option<&'a Trust>,
    pub extra: &'a [KeyLine],
}

/// The rubrics a file may name, each with its hash worked out once for
/// every file of a merge rather than once per file.
pub struct KnownRubrics<'a> {
    rubrics: &'a [Rubric],
    hashes: Vec<String>,
}

impl<'a> KnownRubrics<'a> {
    pub fn new(rubrics: &'a [Rubric]) -> KnownRubrics<'a> {
        KnownRubrics {
            rubrics,
            hashes: rubrics.iter().map(rubric_hash).collect(),
        }
    }

    fn find(&self, id: &str, hash: &str) -> Option<&'a Rubric> {
        self.rubrics
            .iter()
            .zip(&self.hashes)
            .find(|(r, h)| r.id == id && *h == hash)
            .map(|(r, _)| r)
    }
}

pub fn verify_bytes(file: &str, bytes: &[u8], keys: &Keys<'_>, rubrics: &[Rubric]) -> Result<Verified, VerifyError> {
    let find = |id: &str, hash: &str| rubrics.iter().find(|r| r.id == id && rubric_hash(r) == hash);
    verify_with(file, bytes, keys, &find)
}

/// [`verify_bytes`] against rubrics whose hashes are already known.
pub fn verify_known(
    file: &str,
    bytes: &[u8],
    keys: &Keys<'_>,
    rubrics: &KnownRubrics<'_>,
) -> Result<Verified, VerifyError> {
    verify_with(file, bytes, keys, &|id: &str, hash: &str| rubrics.find(id, hash))
}

fn verify_with<'r>(
    file: &str,
    bytes: &[u8],
    keys: &Keys<'_>,
    find_rubric: &dyn Fn(&str, &str) -> Option<&'r Rubric>,
) -> Result<Verified, VerifyError> {
    let file = file.to_string();
    if bytes.len() > MAX_ENVELOPE_BYTES {
        return Err(VerifyError::TooLarge {
            file,
            size: bytes.len() as u64,
            max: MAX_ENVELOPE_BYTES,
        });
    }
    let envelope = dsse::parse_envelope(bytes).map_err(|source| VerifyError::Envelope {
        file: file.clone(),
        source,
    })?;
    if envelope.payload_type != PAYLOAD_TYPE {
        return Err(VerifyError::PayloadType {
            file,
            found: envelope.payload_type,
        });
    }
    let (signed_by, key_scorer) = check_signature(&file, &envelope, keys)?;

    // Only now is the payload read, and only the bytes the signature covers.
    // Every object in the payload is a struct with deny_unknown_fields, and
    // serde refuses a struct's field given twice: repeated keys are caught
    // by the parse itself, with no second pass over a file of 20,000 cells.
    let scores: ScoreFile = serde_json::from_slice(&envelope.payload).map_err(|e| VerifyError::Payload {
        file: file.clone(),
        reason: e.to_string(),
    })?;
    if scores.format != FORMAT {
        return Err(VerifyError::Payload {
            file,
            reason: format!(
                "format {} is not one this kaohe reads ({FORMAT}); update kaohe",
                scores.format
            ),
        });
    }
    // The fields the reports print and sort by: a time as kaohe writes one
    // (the newest sets the workbook's date), and a revision from 1 that the
    // 文件 sheet shows whole.
    if !crate::clock::is_rfc3339_utc(&scores.created) {
        return Err(VerifyError::Payload {
            file,
            reason: format!(
                "created \"{}\" is not a time as kaohe writes one (UTC to the second, such as 2026-11-22T23:40:05Z)",
                scores.created
            ),
        });
    }
    if scores.revision == 0 || scores.revision > u64::from(u32::MAX) {
        return Err(VerifyError::Payload {
            file,
            reason: format!(
                "revision {} is not one kaohe writes (revisions count from 1, up to {})",
                scores.revision,
                u32::MAX
            ),
        });
    }
    if scores.key_id != signed_by {
        return Err(VerifyError::KeyMismatch {
            file,
            claimed: scores.key_id,
            signed: signed_by,
        });
    }
    // The key line names its scorer as the department's key names its
    // department: a file may not say someone else scored it.
    if scores.scorer != key_scorer {
        return Err(VerifyError::OtherScorer {
            file,
            key_id: signed_by,
            key_scorer,
            claims: scores.scorer,
        });
    }

    let trusted = trusted(&file, keys, &scores.department, &signed_by)?;

    let rubric = find_rubric(&scores.rubric, &scores.rubric_hash).ok_or_else(|| VerifyError::UnknownRubric {
        file: file.clone(),
        rubric: scores.rubric.clone(),
        hash: scores.rubric_hash.clone(),
    })?;
    check_scores(&file, rubric, &scores)?;
    Ok(Verified {
        file,
        payload_sha256: hex(&Sha256::digest(&envelope.payload)),
        scores,
        trusted,
    })
}

/// Whether the signer is trusted for the department the file claims: with
/// a trust file, a revoked key, another department's key or an unknown
/// one is refused; without one, the file is intact but its signer unvouched.
fn trusted(file: &str, keys: &Keys<'_>, department: &str, signed_by: &str) -> Result<bool, VerifyError> {
    match keys.trust.map(|t| t.status(department, signed_by)) {
        Some(TrustStatus::Trusted) => Ok(true),
        Some(TrustStatus::Revoked) => Err(VerifyError::Revoked {
            file: file.to_string(),
            key_id: signed_by.to_string(),
        }),
        Some(TrustStatus::OtherDepartment(other)) => Err(VerifyError::OtherDepartment {
            file: file.to_string(),
            key_id: signed_by.to_string(),
            trusted_for: other,
            claims: department.to_string(),
        }),
        // With a trust file, a signer it does not know is refused; without one,
        // the file is intact but says nothing about who may have signed it.
        Some(TrustStatus::Unknown) => Err(VerifyError::Untrusted {
            file: file.to_string(),
            key_id: signed_by.to_string(),
            department: department.to_string(),
        }),
        None => Ok(false),
    }
}

/// The key id of the signature that checks and the scorer its key line
/// names; errors if none can be checked.
fn check_signature(file: &str, envelope: &Envelope, keys: &Keys<'_>) -> Result<(String, String), VerifyError> {
    let Some(signature) = envelope.signatures.first() else {
        return Err(VerifyError::Unsigned { file: file.to_string() });
    };
    // A key revoked before it was ever trusted has no public key here; it is
    // refused as revoked, not sent to `trust add` (which refuses it too).
    if keys.trust.is_some_and(|t| t.revoked.contains(&signature.key_id))
        && keys.trust.and_then(|t| t.key(&signature.key_id)).is_none()
    {
        return Err(VerifyError::Revoked {
            file: file.to_string(),
            key_id: signature.key_id.clone(),
        });
    }
    let (public, scorer) = keys
        .trust
        .and_then(|t| {
            let key = t.key(&signature.key_id)?;
            Some((t.public_key(&signature.key_id)?, key.scorer.clone()))
        })
        .or_else(|| {
            keys.extra
                .iter()
                .find(|k| k.key_id == signature.key_id)
                .map(|k| (k.public_key, k.scorer.clone()))
        })
        .ok_or_else(|| VerifyError::UnknownSigner {
            file: file.to_string(),
            key_id: signature.key_id.clone(),
            has_trust: keys.trust.is_some(),
        })?;
    if !dsse::verify(envelope, signature, &public) {
        return Err(VerifyError::BadSignature {
            file: file.to_string(),
            key_id: signature.key_id.clone(),
        });
    }
    Ok((signature.key_id.clone(), scorer))
}

/// Every scored unit is the department's, every score within its bounds and
/// the rubric's precision. One stray cell rejects the whole file.
fn check_scores(file: &str, rubric: &Rubric, scores: &ScoreFile) -> Result<(), VerifyError> {
    if !rubric.departments.iter().any(|d| d.name == scores.department) {
        return Err(VerifyError::UnknownDepartment {
            file: file.to_string(),
            department: scores.department.clone(),
            rubric: rubric.id.clone(),
        });
    }
    // Looked up once per entry: a national-scale file has tens of thousands.
    let units = crate::rubric::units::UnitIndex::new(rubric);
    let districts: FastSet<&str> = rubric.districts.iter().map(String::as_str).collect();
    let mut seen = FastSet::with_capacity_and_hasher(scores.scores.len(), Default::default());
    for entry in &scores.scores {
        // Named only when something is wrong: most files are fine.
        let unit_name = || entry.unit_key();
        if !districts.contains(entry.district.as_str()) {
            return Err(VerifyError::UnknownDistrict {
                file: file.to_string(),
                district: entry.district.clone(),
                rubric: rubric.id.clone(),
            });
        }
        let found = units.find_for(&entry.item, entry.sub.as_deref(), &scores.department);
        let Some(unit) = found.map(|u| &units.units()[u]) else {
            let owners = units
                .all(&entry.item, entry.sub.as_deref())
                .iter()
                .map(|u| u.department.to_string())
                .collect();
            return Err(VerifyError::NotOwned {
                file: file.to_string(),
                department: scores.department.clone(),
                district: entry.district.clone(),
                unit: unit_name(),
                owners,
            });
        };
        if !seen.insert((entry.district.as_str(), entry.item.as_str(), entry.sub.as_deref())) {
            return Err(VerifyError::Duplicate {
                file: file.to_string(),
                district: entry.district.clone(),
                unit: unit_name(),
            });
        }
        let held = crate::scoring::rule::Held {
            score: entry.score,
            veto: entry.veto,
            input: entry.input.as_ref(),
            note: &entry.note,
        };
        crate::scoring::rule::check(unit, held, rubric.precision).map_err(|refusal| VerifyError::OutOfBounds {
            file: file.to_string(),
            district: entry.district.clone(),
            unit: unit_name(),
            score: entry.score,
            refusal: Box::new(refusal),
        })?;
    }
    Ok(())
}
