//! The audit log file beside each draft (`<draft>.log`): appended and
//! flushed before the draft itself is written, never rewritten.

use crate::scoring::audit::{self, AuditError, Entry};
use crate::scoring::draft::Draft;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// `<draft>.log`, beside `<draft>.json`.
pub fn log_path(draft_path: &Path) -> PathBuf {
    draft_path.with_extension("log")
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

/// Every entry in the log at `path` (see [`audit::parse`]).
pub fn read(path: &Path) -> Result<Vec<Entry>, AuditError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| AuditError::Io {
        path: shown.clone(),
        source,
    })?;
    audit::parse(&shown, &text)
}

/// The draft the log at `path` describes (see [`audit::rebuild`]).
pub fn rebuild(path: &Path, entries: &[Entry]) -> Result<Draft, AuditError> {
    audit::rebuild(&path.display().to_string(), entries)
}

/// What to append so that the log at `path` describes `draft` again (see
/// [`audit::resync`]). A log that cannot be read is left alone, for
/// `kaohe draft rebuild` to report.
pub fn resync(path: &Path, draft: &Draft, time: &str) -> Vec<Entry> {
    if !path.exists() {
        return audit::resync(None, draft, time);
    }
    let Ok(entries) = read(path) else {
        return Vec::new();
    };
    audit::resync(rebuild(path, &entries).ok().as_ref(), draft, time)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::audit::changes;
    use crate::scoring::draft::Cell;
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
