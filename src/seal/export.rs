//! Turning a department's draft into a signed score file.

use super::dsse;
use super::keys::Signer;
use super::payload::{PAYLOAD_TYPE, ScoreFile, now_utc};
use crate::io::atomic::write_atomic;
use crate::rubric::Rubric;
use crate::scoring::draft::Draft;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "{0} already exists; kaohe never overwrites an exported file (revisions only grow): move it away and export again"
    )]
    Exists(String),
    #[error("the key is for {key}, but the draft is {draft}'s; export with {draft}'s key")]
    WrongDepartment { key: String, draft: String },
    #[error("cannot write the scores as JSON ({0}); nothing was signed")]
    Serialize(#[source] serde_json::Error),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: PathBuf,
    pub revision: u64,
    pub cells: usize,
}

/// Sign the draft's scores as the next revision and write
/// `<rubric>-<department>-r<revision>.json` in `dir`. The draft's revision is
/// advanced; the caller saves the draft.
pub fn export(rubric: &Rubric, draft: &mut Draft, signer: &Signer, dir: &Path) -> Result<Exported, ExportError> {
    let key = signer.key_line();
    if key.department != draft.department {
        return Err(ExportError::WrongDepartment {
            key: key.department.clone(),
            draft: draft.department.clone(),
        });
    }
    let revision = draft.revision + 1;
    let scores = ScoreFile::from_draft(rubric, draft, &key.key_id, revision, now_utc());
    let cells = scores.scores.len();
    let payload = serde_json::to_vec(&scores).map_err(ExportError::Serialize)?;
    let envelope = dsse::sign_envelope(signer, PAYLOAD_TYPE, &payload);
    let name = format!(
        "{}-{}-r{revision}.json",
        crate::io::names::file_part(&rubric.id),
        crate::io::names::file_part(&draft.department)
    );
    let path = dir.join(name);
    if path.exists() {
        return Err(ExportError::Exists(path.display().to_string()));
    }
    write_atomic(&path, &envelope).map_err(|source| ExportError::Io {
        path: path.display().to_string(),
        source,
    })?;
    draft.revision = revision;
    Ok(Exported { path, revision, cells })
}
