//! Writing signed score files: each export the next revision, never over an
//! earlier file.

use super::atomic::write_new;
use crate::rubric::Rubric;
use crate::scoring::draft::Draft;
use crate::seal::export::{ExportError, sign_export};
use crate::seal::keys::Signer;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: PathBuf,
    pub revision: u64,
    pub cells: usize,
}

/// Sign the draft's scores as the next revision and write
/// `<rubric>-<department>-<scorer>-r<revision>.json` in `dir`. The draft's revision is
/// advanced; the caller saves the draft.
pub fn export(rubric: &Rubric, draft: &mut Draft, signer: &Signer, dir: &Path) -> Result<Exported, ExportError> {
    let signed = sign_export(rubric, draft, signer, crate::clock::now_utc())?;
    let path = dir.join(&signed.name);
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    write_new(&path, &signed.bytes, false).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            ExportError::Exists(path.display().to_string())
        } else {
            ExportError::Io {
                path: path.display().to_string(),
                source,
            }
        }
    })?;
    draft.signed_as(signed.revision);
    Ok(Exported {
        path,
        revision: signed.revision,
        cells: signed.cells,
    })
}
