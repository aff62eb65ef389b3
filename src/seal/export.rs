//! Turning a department's draft into a signed score file, as bytes with its
//! file name; `io::exports` writes it.

use super::dsse;
use super::keys::Signer;
use super::payload::{PAYLOAD_TYPE, ScoreFile};
use crate::rubric::Rubric;
use crate::scoring::draft::Draft;
use crate::text::names::file_part;

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
    /// Cells that hold what the rubric's rule cannot give (saved by an
    /// earlier version, or edited by hand): nothing is signed until they are
    /// corrected.
    #[error(
        "nothing was signed: {} cell(s) hold what the rubric's rule cannot give; correct them in the workbench, then export: {}",
        .0.len(),
        .0.iter().map(|(district, unit, why)| format!("{district} {unit}: {}", why.words(crate::lang::Lang::En))).collect::<Vec<_>>().join("; ")
    )]
    Refused(Vec<(String, String, crate::scoring::rule::Refusal)>),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// A signed score file, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedExport {
    /// `<rubric>-<department>-<scorer>-r<revision>.json`.
    pub name: String,
    /// The DSSE envelope's bytes.
    pub bytes: Vec<u8>,
    /// The draft's next revision, which this file is.
    pub revision: u64,
    pub cells: usize,
}

/// Every cell of the draft by the one rule: what the office's verification
/// would refuse is never signed.
fn refused(rubric: &Rubric, draft: &Draft) -> Result<(), ExportError> {
    let units = crate::rubric::units::UnitIndex::new(rubric);
    let mut refused = Vec::new();
    for (district, row) in &draft.cells {
        for (key, cell) in row {
            let (item, sub) = match key.split_once('#') {
                Some((item, sub)) => (item, Some(sub)),
                None => (key.as_str(), None),
            };
            let Some(at) = units.find_for(item, sub, &draft.department) else {
                continue;
            };
            if let Err(why) = crate::scoring::rule::check(&units.units()[at], cell.into(), rubric.precision) {
                refused.push((district.clone(), key.clone(), why));
            }
        }
    }
    if refused.is_empty() {
        Ok(())
    } else {
        Err(ExportError::Refused(refused))
    }
}

/// Sign the draft's scores, at `time`, as its next revision. The draft is
/// not changed: its revision advances once the file is written.
pub fn sign_export(rubric: &Rubric, draft: &Draft, signer: &Signer, time: String) -> Result<SignedExport, ExportError> {
    let key = signer.key_line();
    if key.department != draft.department {
        return Err(ExportError::WrongDepartment {
            key: key.department.clone(),
            draft: draft.department.clone(),
        });
    }
    refused(rubric, draft)?;
    let revision = draft.revision + 1;
    let scores = ScoreFile::from_draft(rubric, draft, key, revision, time);
    let cells = scores.scores.len();
    let payload = serde_json::to_vec(&scores).map_err(ExportError::Serialize)?;
    let bytes = dsse::sign_envelope(signer, PAYLOAD_TYPE, &payload);
    // The scorer is in the name: two analysts of one department each
    // export their own r1 into one shared inbox.
    let name = format!(
        "{}-{}-{}-r{revision}.json",
        file_part(&rubric.id),
        file_part(&draft.department),
        file_part(&key.scorer)
    );
    Ok(SignedExport {
        name,
        bytes,
        revision,
        cells,
    })
}
