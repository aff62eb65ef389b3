//! Reading a signed score file to verify it: its size is checked before a
//! byte is read, then `seal::verify` checks the bytes.

use super::bounded::{ReadError, read_at_most};
use crate::rubric::Rubric;
use crate::seal::dsse::MAX_ENVELOPE_BYTES;
use crate::seal::payload::Verified;
use crate::seal::verify::{Keys, KnownRubrics, VerifyError, verify_known};
use std::path::Path;

pub fn verify_file(path: &Path, keys: &Keys<'_>, rubrics: &[Rubric]) -> Result<Verified, VerifyError> {
    verify_file_known(path, keys, &KnownRubrics::new(rubrics))
}

/// [`verify_file`] against rubrics whose hashes are worked out once.
pub fn verify_file_known(path: &Path, keys: &Keys<'_>, rubrics: &KnownRubrics<'_>) -> Result<Verified, VerifyError> {
    let file = path.display().to_string();
    match read_at_most(path, MAX_ENVELOPE_BYTES as u64) {
        Ok(bytes) => verify_known(&file, &bytes, keys, rubrics),
        Err(ReadError::TooLarge(size)) => Err(VerifyError::TooLarge {
            file,
            size,
            max: MAX_ENVELOPE_BYTES,
        }),
        Err(ReadError::Io(e)) => Err(VerifyError::Unreadable {
            file,
            kind: e.kind(),
            reason: e.to_string(),
        }),
    }
}
