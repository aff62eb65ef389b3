//! The audit log beside each draft: one JSON line per accepted change
//! (time, scorer, district, item, old cell, new cell), appended and flushed
//! before the draft itself is written. The draft can be rebuilt from it
//! alone, and the office can see who changed what, when.

use crate::scoring::draft::{Cell, Draft};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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

/// `<draft>.log`, beside `<draft>.json`.
pub fn log_path(draft_path: &Path) -> PathBuf {
    draft_path.with_extension("log")
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

/// What to append so that the log at `path` describes `draft` again: nothing
/// when it already does; the whole draft when there is no log yet (a draft
/// from before the log existed); otherwise a [`Entry::Resync`] and the cells
/// where the log is ahead. A log that cannot be read is left alone, for
/// `kaohe draft rebuild` to report.
pub fn resync(path: &Path, draft: &Draft, time: &str) -> Vec<Entry> {
    if !path.exists() {
        return changes(None, draft, time);
    }
    let Ok(entries) = read(path) else {
        return Vec::new();
    };
    match rebuild(path, &entries) {
        Err(_) => changes(None, draft, time),
        Ok(logged) => {
            let mut out = changes(Some(&logged), draft, time);
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
    }
}

/// Append and flush to disk. Opened for appending only: nothing already in
/// the log is ever rewritten.
pub fn append(path: &Path, entries: &[Entry]) -> io::Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let mut text = String::new();
    for entry in entries {
        text.push_str(&serde_json::to_string(entry).map_err(io::Error::other)?);
        text.push('\n');
    }
    let mut file = OpenOptions::new().create(true).append(true).open(path)?;
    let before = file.metadata()?.len();
    let appended = file.write_all(text.as_bytes()).and_then(|()| file.sync_data());
    if appended.is_err() {
        // A full disk can take half a line. Cut it off again, or the next
        // append (once there is room) would bury a torn line mid-log, where
        // it is damage rather than a crash's last gasp. Shrinking needs no
        // space; if even that fails, `read` still names the line.
        let _ = file.set_len(before).and_then(|()| file.sync_data());
    }
    appended
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

/// Every entry. A last line cut short (a crash in the middle of an append,
/// before the draft was written) is left out; any other bad line is an error.
pub fn read(path: &Path) -> Result<Vec<Entry>, AuditError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| AuditError::Io {
        path: shown.clone(),
        source,
    })?;
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
                    path: shown,
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
pub fn rebuild(path: &Path, entries: &[Entry]) -> Result<Draft, AuditError> {
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
            path: path.display().to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn cell(score: rust_decimal::Decimal) -> Cell {
        Cell {
            score: Some(score),
            ..Cell::default()
        }
    }

    #[test]
    fn changes_name_every_cell_and_the_log_rebuilds_the_draft() {
        let dir = tempfile::tempdir().expect("temp");
        let log = dir.path().join("d.log");
        let mut draft = Draft::new("r", "h", "部门", "张三");
        append(&log, &changes(None, &draft, "t0")).expect("append");
        let before = draft.clone();
        draft.set_cell("甲", "1.1", cell(dec!(4.5)));
        draft.set_cell("乙", "1.2", cell(dec!(-1)));
        let entries = changes(Some(&before), &draft, "t1");
        assert_eq!(entries.len(), 2);
        append(&log, &entries).expect("append");
        let before = draft.clone();
        draft.set_cell("甲", "1.1", Cell::default());
        draft.revision = 3;
        draft.scorer = "李四".into();
        append(&log, &changes(Some(&before), &draft, "t2")).expect("append");
        let read_back = read(&log).expect("read");
        assert!(matches!(&read_back[3], Entry::Draft { scorer, .. } if scorer == "李四"));
        assert_eq!(rebuild(&log, &read_back).expect("rebuild"), draft);
    }

    #[test]
    fn a_log_left_ahead_of_its_draft_by_a_crash_is_brought_back_in_step() {
        let dir = tempfile::tempdir().expect("temp");
        let log = dir.path().join("d.log");
        let mut saved = Draft::new("r", "h", "部门", "张三");
        saved.set_cell("甲", "1.1", cell(dec!(2)));
        assert!(
            matches!(resync(&log, &saved, "t0")[0], Entry::Begin { .. }),
            "no log yet: it starts"
        );
        append(&log, &resync(&log, &saved, "t0")).expect("append");
        assert!(resync(&log, &saved, "t1").is_empty(), "in step: nothing to add");
        // The crash: the change reached the log, never the draft.
        let mut unsaved = saved.clone();
        unsaved.set_cell("甲", "1.1", cell(dec!(3)));
        unsaved.set_cell("乙", "1.2", cell(dec!(1)));
        append(&log, &changes(Some(&saved), &unsaved, "t2")).expect("append");
        let fix = resync(&log, &saved, "t3");
        assert!(matches!(fix[0], Entry::Resync { .. }));
        assert_eq!(fix.len(), 3, "{fix:?}");
        append(&log, &fix).expect("append");
        let entries = read(&log).expect("read");
        assert_eq!(rebuild(&log, &entries).expect("rebuild"), saved);
    }

    #[test]
    fn a_torn_last_line_is_left_out_and_other_damage_is_reported() {
        let dir = tempfile::tempdir().expect("temp");
        let log = dir.path().join("d.log");
        let draft = Draft::new("r", "h", "部门", "张三");
        append(&log, &changes(None, &draft, "t0")).expect("append");
        let mut text = std::fs::read_to_string(&log).expect("read");
        text.push_str("{\"event\":\"cell\",\"ti");
        std::fs::write(&log, &text).expect("write");
        assert_eq!(read(&log).expect("read").len(), 1);
        std::fs::write(&log, format!("garbage\n{text}\n")).expect("write");
        assert!(matches!(read(&log), Err(AuditError::Bad { line: 1, .. })));
    }
}
