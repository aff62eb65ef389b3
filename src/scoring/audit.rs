//! The audit log's content: one JSON line per accepted change (time, scorer,
//! district, item, old cell, new cell), what a change to a draft adds to it,
//! and the draft rebuilt from it alone, so that the office can see who
//! changed what, when. The file beside each draft is `io::audit_log`'s.

use crate::scoring::draft::{Cell, Draft};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case", deny_unknown_fields)]
pub enum Entry {
    /// A draft is started (again, if an earlier one was moved away).
    Begin {
        time: String,
        rubric: String,
        rubric_hash: String,
        department: String,
        scorer: String,
    },
    /// One cell changed: its whole content before and after (None: empty).
    Cell {
        time: String,
        scorer: String,
        district: String,
        unit: String,
        old: Option<Cell>,
        new: Option<Cell>,
    },
    /// An export took this revision number.
    Revision {
        time: String,
        scorer: String,
        revision: u64,
    },
    /// The log was found ahead of the draft when it was opened (a crash
    /// after an append but before the draft was written): the entries after
    /// this one bring it back to the draft as saved. The changes before it
    /// were never on the analyst's screen as saved.
    Resync { time: String, scorer: String },
    /// Another scorer, or the draft moved to a changed rubric.
    Draft {
        time: String,
        scorer: String,
        rubric_hash: String,
    },
}

/// What changed from the draft on disk (None: there is none) to `new`.
pub fn changes(old: Option<&Draft>, new: &Draft, time: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    let empty = Draft::new(&new.rubric, &new.rubric_hash, &new.department, &new.scorer);
    let old = match old {
        Some(d) => d,
        None => {
            out.push(Entry::Begin {
                time: time.to_string(),
                rubric: new.rubric.clone(),
                rubric_hash: new.rubric_hash.clone(),
                department: new.department.clone(),
                scorer: new.scorer.clone(),
            });
            &empty
        }
    };
    if old.scorer != new.scorer || old.rubric_hash != new.rubric_hash {
        out.push(Entry::Draft {
            time: time.to_string(),
            scorer: new.scorer.clone(),
            rubric_hash: new.rubric_hash.clone(),
        });
    }
    let keys: BTreeSet<(&String, &String)> = old
        .cells
        .iter()
        .chain(&new.cells)
        .flat_map(|(district, row)| row.keys().map(move |unit| (district, unit)))
        .collect();
    for (district, unit) in keys {
        let before = old.cell(district, unit);
        let after = new.cell(district, unit);
        if before != after {
            out.push(Entry::Cell {
                time: time.to_string(),
                scorer: new.scorer.clone(),
                district: district.clone(),
                unit: unit.clone(),
                old: before.cloned(),
                new: after.cloned(),
            });
        }
    }
    if old.revision != new.revision {
        out.push(Entry::Revision {
            time: time.to_string(),
            scorer: new.scorer.clone(),
            revision: new.revision,
        });
    }
    out
}

/// What to append so that a log that rebuilds to `logged` describes `draft`
/// again: nothing when it already does; the whole draft when there is no
/// usable log (none yet, or one that does not rebuild); otherwise a
/// [`Entry::Resync`] and the cells where the log is ahead.
pub fn resync(logged: Option<&Draft>, draft: &Draft, time: &str) -> Vec<Entry> {
    let Some(logged) = logged else {
        return changes(None, draft, time);
    };
    let mut out = changes(Some(logged), draft, time);
    if !out.is_empty() {
        out.insert(
            0,
            Entry::Resync {
                time: time.to_string(),
                scorer: draft.scorer.clone(),
            },
        );
    }
    out
}

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("{path}: cannot read the audit log: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("{path}:{line}: not an audit log entry: {reason}")]
    Bad { path: String, line: usize, reason: String },
    #[error("{path}: the log has no start of a draft in it")]
    NoBegin { path: String },
}

/// Every entry of a log's text (`shown` names it in errors). A last line cut
/// short (a crash in the middle of an append, before the draft was written)
/// is left out; any other bad line is an error.
pub fn parse(shown: &str, text: &str) -> Result<Vec<Entry>, AuditError> {
    let complete = text.ends_with('\n');
    let lines: Vec<&str> = text.lines().collect();
    let mut entries = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Entry>(line) {
            Ok(e) => entries.push(e),
            Err(_) if i + 1 == lines.len() && !complete => break,
            Err(e) => {
                return Err(AuditError::Bad {
                    path: shown.to_string(),
                    line: i + 1,
                    reason: e.to_string(),
                });
            }
        }
    }
    Ok(entries)
}

/// The draft the log describes, from its last start. The cursor position is
/// not logged (it is not a change), so the rebuilt draft starts at the top.
pub fn rebuild(shown: &str, entries: &[Entry]) -> Result<Draft, AuditError> {
    let (start, mut draft) = entries
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, e)| match e {
            Entry::Begin {
                rubric,
                rubric_hash,
                department,
                scorer,
                ..
            } => Some((i, Draft::new(rubric, rubric_hash, department, scorer))),
            _ => None,
        })
        .ok_or_else(|| AuditError::NoBegin {
            path: shown.to_string(),
        })?;
    for entry in &entries[start + 1..] {
        match entry {
            Entry::Begin { .. } | Entry::Resync { .. } => {}
            Entry::Cell {
                district, unit, new, ..
            } => draft.set_cell(district, unit, new.clone().unwrap_or_default()),
            Entry::Revision { revision, .. } => draft.revision = *revision,
            Entry::Draft {
                scorer, rubric_hash, ..
            } => {
                draft.scorer = scorer.clone();
                draft.rubric_hash = rubric_hash.clone();
            }
        }
    }
    Ok(draft)
}
