//! Which files count: each signer's newest revision. A department may have
//! several scorers (one analyst per section, each with a key of their own);
//! each file claims the cells it lists, so partial files from two scorers
//! merge, and two files that list one cell are a conflict to resolve.

use super::{MergeError, OutOfOrder, Superseded, positions};
use crate::rubric::Rubric;
use crate::seal::payload::Verified;

/// Each signer's newest revision (by department in rubric order, then
/// scorer and key), and the older ones it supersedes. Two different files
/// claiming one revision of one signer are refused, whichever revision.
pub(super) fn newest_revisions(
    rubric: &Rubric,
    mut files: Vec<Verified>,
) -> Result<(Vec<Verified>, Vec<Superseded>), MergeError> {
    // Newest first within each signer; ties broken by content and then
    // name, so the input order never matters.
    let order = |f: &Verified| {
        (
            f.scores.department.clone(),
            f.scores.key_id.clone(),
            std::cmp::Reverse(f.scores.revision),
            f.payload_sha256.clone(),
            f.file.clone(),
        )
    };
    files.sort_by_cached_key(order);
    let mut winners: Vec<Verified> = Vec::new();
    let mut superseded: Vec<Superseded> = Vec::new();
    // The file just before, of the same signer: files of one revision sort
    // together, so two different ones of any revision (not only the newest)
    // meet here.
    let mut previous: Option<(String, String, u64, String, String, String)> = None;
    for f in files {
        let signer = (f.scores.department.clone(), f.scores.key_id.clone());
        // A newer revision dated before an older one: one of the two dates
        // is wrong (a clock set back, a file made elsewhere), and which
        // file is the department's last word is a question for a person.
        if let Some((department, key_id, revision, _, file, created)) = &previous
            && (department, key_id) == (&signer.0, &signer.1)
            && *revision > f.scores.revision
            && *created < f.scores.created
        {
            return Err(MergeError::OutOfOrder(Box::new(OutOfOrder {
                department: f.scores.department.clone(),
                scorer: f.scores.scorer.clone(),
                newer: (file.clone(), *revision, created.clone()),
                older: (f.file.clone(), f.scores.revision, f.scores.created.clone()),
            })));
        }
        if let Some((department, key_id, revision, sha, file, _)) = &previous
            && (department, key_id) == (&signer.0, &signer.1)
            && *revision == f.scores.revision
        {
            if *sha != f.payload_sha256 {
                let mut pair = [file.clone(), f.file.clone()];
                pair.sort();
                let [a, b] = pair;
                return Err(MergeError::Equivocation {
                    department: f.scores.department.clone(),
                    scorer: f.scores.scorer.clone(),
                    revision: f.scores.revision,
                    files: (a, b),
                });
            }
            // The same signed content twice: it counts once.
            continue;
        }
        previous = Some((
            signer.0,
            signer.1,
            f.scores.revision,
            f.payload_sha256.clone(),
            f.file.clone(),
            f.scores.created.clone(),
        ));
        let Some(w) = winners
            .last()
            .filter(|w| w.scores.department == f.scores.department && w.scores.key_id == f.scores.key_id)
        else {
            winners.push(f);
            continue;
        };
        superseded.push(Superseded {
            department: f.scores.department.clone(),
            file: f.file.clone(),
            revision: f.scores.revision,
            by_revision: w.scores.revision,
            scorer: f.scores.scorer.clone(),
            key_id: f.scores.key_id.clone(),
        });
    }
    let department_order = positions(rubric.departments.iter().map(|d| d.name.as_str()));
    winners.sort_by_cached_key(|w| {
        (
            department_order
                .get(w.scores.department.as_str())
                .copied()
                .unwrap_or(usize::MAX),
            w.scores.scorer.clone(),
            w.scores.key_id.clone(),
        )
    });

    Ok((winners, superseded))
}

/// Cells named in a conflict's message; the rest are counted.
const NAMED_CELLS: usize = 5;

/// Two scorers' files that list the same cells: the first pair found, with
/// its cells, for [`MergeError::Conflict`].
#[derive(Debug, Default)]
pub(super) struct Conflicts {
    pair: Option<(usize, usize)>,
    cells: Vec<String>,
    count: usize,
}

impl Conflicts {
    pub(super) fn add(&mut self, first: usize, second: usize, cell: impl FnOnce() -> String) {
        let pair = (first.min(second), first.max(second));
        if *self.pair.get_or_insert(pair) != pair {
            return;
        }
        self.count += 1;
        if self.cells.len() < NAMED_CELLS {
            self.cells.push(cell());
        }
    }

    pub(super) fn into_result(self, winners: &[Verified]) -> Result<(), MergeError> {
        let Some((a, b)) = self.pair else {
            return Ok(());
        };
        let (a, b) = (&winners[a], &winners[b]);
        Err(MergeError::Conflict(Box::new(super::Conflict {
            department: a.scores.department.clone(),
            first: (a.file.clone(), a.scores.scorer.clone()),
            second: (b.file.clone(), b.scores.scorer.clone()),
            cells: self.cells,
            count: self.count,
        })))
    }
}
