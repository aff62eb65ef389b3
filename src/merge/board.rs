//! The office's progress board while files arrive (`kaohe progress`): per
//! department, what is in the inbox (files, the newest revision and who
//! signed it), how many of its cells are delivered of those due, how many
//! changed since the revision before, and who has sent nothing. Read-only;
//! files that do not verify are listed, not fatal.

use crate::rubric::Rubric;
use crate::seal::payload::{ScoreEntry, Verified};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepartmentProgress {
    pub department: String,
    /// Verified files of the department in the inbox.
    pub files: usize,
    /// The newest revision of each scorer.
    pub newest: Vec<Newest>,
    /// Cells scored (a score or a veto answer) in the scorers' newest files.
    pub delivered: usize,
    /// The department's cells: its units × the districts.
    pub due: usize,
    /// Cells that differ between a scorer's newest revision and the one
    /// before it in the inbox; None where no scorer has an earlier one.
    pub changed: Option<usize>,
}

/// A scorer's newest revision in the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Newest {
    pub scorer: String,
    pub revision: u64,
    /// When it was signed (RFC 3339, UTC), as the file says.
    pub created: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Board {
    pub rubric: String,
    pub departments: Vec<DepartmentProgress>,
    /// Departments of the rubric with no verified file.
    pub silent: Vec<String>,
}

/// The board for `rubric` from the files that verified (of that rubric).
pub fn board(rubric: &Rubric, verified: &[Verified]) -> Board {
    let mut departments = Vec::new();
    let mut silent = Vec::new();
    for department in rubric.departments.iter().map(|d| d.name.as_str()) {
        let units = rubric.scoring_units().filter(|u| u.department == department).count();
        if units == 0 {
            continue;
        }
        let due = units * rubric.districts.len();
        let files: Vec<&Verified> = verified
            .iter()
            .filter(|v| v.scores.department == department && v.scores.rubric == rubric.id)
            .collect();
        if files.is_empty() {
            silent.push(department.to_string());
            continue;
        }
        // Each scorer's files, newest revision last.
        let mut by_scorer: BTreeMap<&str, Vec<&Verified>> = BTreeMap::new();
        for file in &files {
            by_scorer.entry(file.scores.scorer.as_str()).or_default().push(file);
        }
        let mut newest = Vec::new();
        let mut delivered: BTreeSet<(String, String)> = BTreeSet::new();
        let mut changed = None;
        for (scorer, mut revisions) in by_scorer {
            revisions.sort_by_key(|v| v.scores.revision);
            revisions.dedup_by_key(|v| v.scores.revision);
            let Some(last) = revisions.last() else { continue };
            newest.push(Newest {
                scorer: scorer.to_string(),
                revision: last.scores.revision,
                created: last.scores.created.clone(),
            });
            for entry in last
                .scores
                .scores
                .iter()
                .filter(|e| e.score.is_some() || e.veto.is_some())
            {
                delivered.insert((entry.district.clone(), entry.unit_key()));
            }
            if let [.., before, last] = revisions.as_slice() {
                *changed.get_or_insert(0) += changed_cells(&before.scores.scores, &last.scores.scores);
            }
        }
        departments.push(DepartmentProgress {
            department: department.to_string(),
            files: files.len(),
            newest,
            delivered: delivered.len(),
            due,
            changed,
        });
    }
    Board {
        rubric: rubric.id.clone(),
        departments,
        silent,
    }
}

/// Cells added, removed or changed (score, veto, inputs, note, evidence)
/// from one revision to the next.
fn changed_cells(before: &[ScoreEntry], after: &[ScoreEntry]) -> usize {
    let key = |e: &ScoreEntry| (e.district.clone(), e.unit_key());
    let old: BTreeMap<_, &ScoreEntry> = before.iter().map(|e| (key(e), e)).collect();
    let new: BTreeMap<_, &ScoreEntry> = after.iter().map(|e| (key(e), e)).collect();
    let keys: BTreeSet<_> = old.keys().chain(new.keys()).collect();
    keys.into_iter().filter(|k| old.get(*k) != new.get(*k)).count()
}
