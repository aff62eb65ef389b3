//! The office's trust file (`<config dir>/trust.toml`, or `--trust FILE`).

use super::atomic::write_atomic;
use crate::seal::trust::{Trust, TrustError};
use std::path::Path;

pub fn load(path: &Path) -> Result<Trust, TrustError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| TrustError::Unreadable {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
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
