//! The office's trust file (`<config dir>/trust.toml`, or `--trust FILE`).

use super::atomic::write_atomic;
use crate::seal::trust::{Trust, TrustError, Unreadable};
use std::path::Path;

/// A trust file of a thousand departments' keys is some 200 KiB.
const MAX_TRUST_BYTES: u64 = 8 * 1024 * 1024;

pub fn load(path: &Path) -> Result<Trust, TrustError> {
    let shown = path.display().to_string();
    let unreadable = |why: Unreadable| TrustError::Unreadable {
        path: shown.clone(),
        why,
    };
    let bytes = super::bounded::read_at_most(path, MAX_TRUST_BYTES).map_err(|e| match e {
        super::bounded::ReadError::TooLarge(size) => unreadable(Unreadable::TooLarge {
            size,
            limit: MAX_TRUST_BYTES,
        }),
        super::bounded::ReadError::Io(e) => unreadable(Unreadable::Io(e)),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| unreadable(Unreadable::NotUtf8))?;
    Trust::parse(&shown, &text)
}

/// The trust file at `path`, or an empty one if there is none yet.
pub fn load_or_default(path: &Path) -> Result<Trust, TrustError> {
    if path.exists() {
        load(path)
    } else {
        Ok(Trust::default())
    }
}

pub fn save(trust: &Trust, path: &Path) -> Result<(), TrustError> {
    let write_error = |source| TrustError::Write {
        path: path.display().to_string(),
        source,
    };
    let text = trust.to_text().map_err(|e| write_error(std::io::Error::other(e)))?;
    write_atomic(path, text.as_bytes()).map_err(write_error)
}
