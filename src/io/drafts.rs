//! Keeping drafts on disk: written atomically on every accepted change,
//! one file per rubric and department, guarded by a lock file so that two
//! kaohe instances never write the same draft, each change appended to the
//! audit log first. The lock is std's `File::try_lock`: released by the OS
//! when the process dies, so no lock crate and no stale-lock cleanup.

use super::atomic::write_atomic;
use super::audit_log;
use crate::scoring::audit;
use crate::scoring::draft::{DRAFT_FORMAT, Draft};
use crate::text::names::file_part;
use serde::Deserialize;
use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// Where one data dir's drafts live: `<data>/drafts/`.
#[derive(Debug, Clone)]
pub struct DraftStore {
    dir: PathBuf,
    /// The time written in the audit log (RFC 3339, UTC).
    clock: fn() -> String,
}

/// Just enough of a draft to know whether this kaohe can read the rest.
#[derive(Deserialize)]
struct Header {
    format: u32,
}

impl DraftStore {
    pub fn new(data_dir: &Path) -> DraftStore {
        DraftStore::with_clock(data_dir, crate::clock::now_utc)
    }

    /// A store whose audit log takes its times from `clock` (tests fix it).
    pub fn with_clock(data_dir: &Path, clock: fn() -> String) -> DraftStore {
        DraftStore {
            dir: data_dir.join("drafts"),
            clock,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// One file per rubric and department: "<rubric id>--<department>.json"; make the name filesystem-safe
    /// (Chinese is fine, but replace / \ : * ? " < > | and control chars) and stable.
    ///
    /// Replaced characters are percent-encoded (and `%` itself), so two
    /// different names never share a file; a name too long for a file name
    /// is cut and given a hash of the whole.
    pub fn path(&self, rubric: &str, department: &str) -> PathBuf {
        self.dir
            .join(format!("{}--{}.json", file_part(rubric), file_part(department)))
    }

    pub fn load(&self, rubric: &str, department: &str) -> Result<Option<Draft>, StoreError> {
        let path = self.path(rubric, department);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(StoreError::Io {
                    path,
                    action: "read the draft",
                    source,
                });
            }
        };
        let corrupt = |e: serde_json::Error| StoreError::Corrupt {
            path: path.clone(),
            line: e.line(),
            column: e.column(),
            message: strip_position(&e),
        };
        // The format is checked before the rest is read: a newer format may
        // not parse as this version's Draft, and "upgrade kaohe" is the
        // useful message then, not a parse error.
        let header: Header = serde_json::from_str(&text).map_err(corrupt)?;
        if header.format > DRAFT_FORMAT {
            return Err(StoreError::TooNew {
                path,
                found: header.format,
                supported: DRAFT_FORMAT,
            });
        }
        let draft: Draft = serde_json::from_str(&text).map_err(corrupt)?;
        if draft.rubric != rubric || draft.department != department {
            return Err(StoreError::Mismatch {
                path,
                expected_rubric: rubric.to_string(),
                expected_department: department.to_string(),
                found_rubric: draft.rubric,
                found_department: draft.department,
            });
        }
        Ok(Some(draft))
    }

    /// Pretty JSON, atomic. The caller is expected to hold the draft's
    /// [`DraftLock`].
    ///
    /// The file already there is read first, and a corrupt one, one from a
    /// newer kaohe, or another draft's is refused with the same error
    /// [`DraftStore::load`] gives: it may be all that is left of someone's
    /// work, and it must never be overwritten.
    ///
    /// Every change from the draft on disk is appended to its audit log
    /// (`<draft>.log`) and flushed first: a crash between the two leaves
    /// the log ahead of the draft, never behind.
    pub fn save(&self, draft: &Draft) -> Result<(), StoreError> {
        let on_disk = self.load(&draft.rubric, &draft.department)?;
        let path = self.path(&draft.rubric, &draft.department);
        let entries = audit::changes(on_disk.as_ref(), draft, &(self.clock)());
        if !entries.is_empty() {
            fs::create_dir_all(&self.dir).map_err(|source| StoreError::Io {
                path: self.dir.clone(),
                action: "create the drafts directory",
                source,
            })?;
            let log = audit_log::log_path(&path);
            audit_log::append(&log, &entries).map_err(|source| StoreError::Io {
                path: log,
                action: "append to the audit log",
                source,
            })?;
        }
        let mut json = serde_json::to_string_pretty(draft).map_err(|e| StoreError::Io {
            path: path.clone(),
            action: "save the draft",
            source: io::Error::other(e),
        })?;
        json.push('\n');
        write_atomic(&path, json.as_bytes()).map_err(|source| StoreError::Io {
            path,
            action: "save the draft",
            source,
        })
    }

    /// [`DraftStore::load`] by the lock holder, who is about to change the
    /// draft. Its audit log is first brought back in step with the draft on
    /// disk, which is what the analyst saw as saved: a crash may have come
    /// between an append and the draft's write.
    pub fn load_locked(&self, held: &DraftLock) -> Result<Option<Draft>, StoreError> {
        let Some(draft) = self.load(&held.rubric, &held.department)? else {
            return Ok(None);
        };
        let log = audit_log::log_path(&held.draft);
        let entries = audit_log::resync(&log, &draft, &(self.clock)());
        audit_log::append(&log, &entries).map_err(|source| StoreError::Io {
            path: log,
            action: "append to the audit log",
            source,
        })?;
        Ok(Some(draft))
    }

    /// Exclusive lock on "<draft path>.lock" held as long as the DraftLock lives; released by the OS if the
    /// process dies (kill -9), so no stale-lock cleanup is needed: use std's File::try_lock (stable since
    /// Rust 1.89). The holder's pid and scorer go in "<draft path>.lock.holder", for the message.
    ///
    /// The locked file itself is never read or written: on Windows a lock
    /// (LockFileEx) bars every other handle, the holder's own second handle
    /// included, from the locked bytes, so a name written there could be
    /// neither written by the holder nor read by the one refused.
    ///
    /// The lock file is never deleted: deleting it would let a third
    /// instance lock a fresh file while a second still waits on the old one.
    pub fn lock(&self, rubric: &str, department: &str, scorer: &str) -> Result<DraftLock, StoreError> {
        let draft = self.path(rubric, department);
        let lock_path = beside(&draft, ".lock");
        let holder_path = beside(&draft, ".lock.holder");
        let io_err = |source| StoreError::Io {
            path: lock_path.clone(),
            action: "lock the draft",
            source,
        };
        fs::create_dir_all(&self.dir).map_err(io_err)?;
        OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(io_err)?;
        // Held read-only: a file open for writing would keep the data dir's
        // filesystem from being remounted (a USB drive going read-only, say)
        // for as long as the workbench runs.
        let file = File::open(&lock_path).map_err(io_err)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                // An unreadable holder still leaves a useful message. A lock
                // file of an older kaohe held the name itself (Unix only).
                let text = fs::read_to_string(&holder_path)
                    .or_else(|_| fs::read_to_string(&lock_path))
                    .unwrap_or_default();
                return Err(StoreError::Locked {
                    path: draft,
                    holder: LockHolder::parse(&text),
                });
            }
            Err(TryLockError::Error(source)) => return Err(io_err(source)),
        }
        let holder = LockHolder {
            pid: Some(std::process::id()),
            scorer: Some(scorer.to_string()),
        };
        // Replaced, not written through: a symlink there is not followed.
        super::atomic::write_atomic(&holder_path, holder.to_file().as_bytes()).map_err(|source| StoreError::Io {
            path: holder_path.clone(),
            action: "lock the draft",
            source,
        })?;
        Ok(DraftLock {
            _file: file,
            path: lock_path,
            draft,
            rubric: rubric.to_string(),
            department: department.to_string(),
        })
    }
}

/// "<draft path><suffix>": the lock and its holder's name beside the draft.
fn beside(draft: &Path, suffix: &str) -> PathBuf {
    let mut name = draft.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Holds a draft for this process; dropping it (or the process dying)
/// releases the draft.
#[derive(Debug)]
pub struct DraftLock {
    // Closing the file is what releases the lock.
    _file: File,
    path: PathBuf,
    draft: PathBuf,
    rubric: String,
    department: String,
}

impl DraftLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The draft it guards.
    pub fn draft_path(&self) -> &Path {
        &self.draft
    }
}

/// Who holds a draft, as written in its lock file. Either part may be
/// missing: the holder may be between taking the lock and writing its name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LockHolder {
    pub pid: Option<u32>,
    pub scorer: Option<String>,
}

impl LockHolder {
    fn to_file(&self) -> String {
        let mut text = String::new();
        if let Some(pid) = self.pid {
            text.push_str(&format!("pid {pid}\n"));
        }
        if let Some(scorer) = &self.scorer {
            // One line per field; a scorer's name with a newline would break it.
            text.push_str(&format!("scorer {}\n", scorer.replace(['\n', '\r'], " ")));
        }
        text
    }

    fn parse(text: &str) -> LockHolder {
        let mut holder = LockHolder::default();
        for line in text.lines() {
            if let Some(pid) = line.strip_prefix("pid ") {
                holder.pid = pid.trim().parse().ok();
            } else if let Some(scorer) = line.strip_prefix("scorer ") {
                holder.scorer = Some(scorer.trim().to_string()).filter(|s| !s.is_empty());
            }
        }
        holder
    }
}

impl fmt::Display for LockHolder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.pid, &self.scorer) {
            (Some(pid), Some(scorer)) => write!(f, "pid {pid}, scorer {scorer}"),
            (Some(pid), None) => write!(f, "pid {pid}"),
            (None, Some(scorer)) => write!(f, "scorer {scorer}"),
            (None, None) => write!(f, "holder unknown"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("another kaohe ({holder}) has this draft open: {}; close it first", path.display())]
    Locked { path: PathBuf, holder: LockHolder },
    #[error(
        "{}:{line}:{column}: this draft cannot be read: {message}. The file has been kept untouched; \
         fix it there, or move it elsewhere to start this draft afresh",
        path.display()
    )]
    Corrupt {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{}: this draft was written by a newer kaohe (draft format {found}; this one reads up to {supported}); \
         open it with that version or upgrade. The file has been kept untouched",
        path.display()
    )]
    TooNew { path: PathBuf, found: u32, supported: u32 },
    #[error(
        "{}: this file holds the draft of rubric \"{found_rubric}\", department \"{found_department}\", \
         not of \"{expected_rubric}\", \"{expected_department}\"; it has been kept untouched: move it elsewhere \
         to start this draft",
        path.display()
    )]
    Mismatch {
        path: PathBuf,
        expected_rubric: String,
        expected_department: String,
        found_rubric: String,
        found_department: String,
    },
    #[error("cannot {action} {}: {source}; check its permissions (and the free disk space)", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },
}

/// serde_json appends " at line L column C" to its message; the error
/// already puts the position first, as `file:line:column`.
fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}
