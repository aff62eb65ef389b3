//! A set of files (the merge's three reports) replaced as one. No file
//! system renames three names at once, so the set goes in through a
//! journal beside it, `.kaohe-reports.journal`, held locked while kaohe
//! writes:
//!
//! 1. the journal names each temp file and the report it becomes, and is
//!    flushed before any temp file exists;
//! 2. the temp files are written and flushed;
//! 3. `commit` is appended to the journal and flushed: from here the new
//!    set is promised;
//! 4. each temp file is renamed over its report; the journal goes last.
//!
//! A kill (or a power cut) anywhere leaves the journal, and the next kaohe
//! that writes or reads the set there (every `kaohe merge` into the
//! directory, first thing) finishes what was promised or undoes what was
//! not: before `commit`, the temp files are removed and the old set stands;
//! after it, the remaining renames are done and the new set stands. Either
//! way no temp file or journal is left. A journal another kaohe holds
//! locked is that kaohe's, still running: it is left alone.

use super::atomic::{fill, sync_dir};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The journal's name in the set's directory.
pub const JOURNAL: &str = ".kaohe-reports.journal";
const HEADER: &str = "kaohe report set 1";
const COMMIT: &str = "commit";
/// A journal names a few files; anything longer is not kaohe's.
const MAX_JOURNAL_BYTES: u64 = 64 * 1024;

/// Why a set was not put in place, or an interrupted one not finished.
#[derive(Debug, thiserror::Error)]
pub enum SetError {
    #[error(
        "{path} is a symbolic link; kaohe never writes a report through one: remove it, or give another --out directory. Nothing was written"
    )]
    Symlink { path: String },
    #[error("{path} is a directory, not a report; move it away, or give another --out directory. Nothing was written")]
    Directory { path: String },
    #[error(
        "another kaohe is writing the reports in {dir} now (its journal {JOURNAL} is locked); wait for it to finish, then merge again"
    )]
    Busy { dir: String },
    #[error(
        "{path}: {reason}; it is not a journal kaohe wrote: look at what is in the directory, remove the file, then merge again"
    )]
    BadJournal { path: String, reason: String },
    #[error("cannot write {path} ({source}); none of the reports in {dir} was replaced: the previous set is whole")]
    Write {
        path: String,
        dir: String,
        #[source]
        source: io::Error,
    },
    #[error(
        "cannot put {path} in place ({source}); the set in {dir} is incomplete (replaced before it: {}): merge again",
        if .replaced.is_empty() { "none".to_string() } else { .replaced.join(", ") }
    )]
    Replace {
        path: String,
        dir: String,
        replaced: Vec<String>,
        #[source]
        source: io::Error,
    },
    #[error("cannot finish the set an interrupted kaohe left in {dir} ({source}); its journal {JOURNAL} is kept")]
    Recover {
        dir: String,
        #[source]
        source: io::Error,
    },
}

impl From<SetError> for io::Error {
    fn from(e: SetError) -> io::Error {
        io::Error::other(e)
    }
}

/// What finishing an interrupted set did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovered {
    /// No journal: the set there is whole.
    Nothing,
    /// The set was interrupted before its commit: its temp files removed,
    /// the previous set stands.
    RolledBack,
    /// The set was committed: its remaining files put in place.
    Completed,
}

/// Write `files` into `dir` as one set (see the module's words). `names`
/// are plain file names. Returns the paths written.
pub fn write_set<N: AsRef<str>>(dir: &Path, files: &[(N, Vec<u8>)]) -> Result<Vec<PathBuf>, SetError> {
    let shown = |p: &Path| p.display().to_string();
    let allowed: Vec<&str> = files.iter().map(|(n, _)| n.as_ref()).collect();
    fs::create_dir_all(dir).map_err(|source| SetError::Write {
        path: shown(dir),
        dir: shown(dir),
        source,
    })?;
    for name in &allowed {
        let target = dir.join(name);
        match fs::symlink_metadata(&target) {
            Ok(m) if m.file_type().is_symlink() => return Err(SetError::Symlink { path: shown(&target) }),
            Ok(m) if m.is_dir() => return Err(SetError::Directory { path: shown(&target) }),
            _ => {}
        }
    }
    let mut journal = claim(dir, &allowed)?;
    let written = write_temps(dir, files, &mut journal);
    let temps = match written {
        Ok(temps) => temps,
        Err(e) => {
            abandon(dir, &journal.temps);
            return Err(e);
        }
    };
    slow_step();
    let committed = writeln!(journal.file, "{COMMIT}").and_then(|()| journal.file.sync_all());
    if let Err(source) = committed {
        abandon(dir, &journal.temps);
        return Err(SetError::Write {
            path: shown(&dir.join(JOURNAL)),
            dir: shown(dir),
            source,
        });
    }
    let mut replaced = Vec::new();
    for (temp, name) in &temps {
        slow_step();
        let target = dir.join(name);
        if let Err(source) = fs::rename(dir.join(temp), &target) {
            let rest: Vec<(String, String)> = temps
                .iter()
                .filter(|(_, n)| !replaced.contains(&shown(&dir.join(n))) && n != name)
                .cloned()
                .collect();
            abandon(dir, &rest);
            let _ = fs::remove_file(dir.join(temp));
            return Err(SetError::Replace {
                path: shown(&target),
                dir: shown(dir),
                replaced,
                source,
            });
        }
        replaced.push(shown(&target));
    }
    slow_step();
    // The set is in place. A journal that cannot be removed now is finished
    // (nothing left to rename) and removed by the next merge into `dir`.
    let _ = sync_dir(dir)
        .and_then(|()| fs::remove_file(dir.join(JOURNAL)))
        .and_then(|()| sync_dir(dir));
    Ok(temps.into_iter().map(|(_, name)| dir.join(name)).collect())
}

/// Finish or undo a set an interrupted kaohe left in `dir` (see the
/// module's words); `allowed` are the only names it may put in place.
pub fn recover(dir: &Path, allowed: &[&str]) -> Result<Recovered, SetError> {
    let path = dir.join(JOURNAL);
    let mut file = match OpenOptions::new().read(true).write(true).open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Recovered::Nothing),
        Err(source) => return Err(recover_error(dir, source)),
    };
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            return Err(SetError::Busy {
                dir: dir.display().to_string(),
            });
        }
        Err(fs::TryLockError::Error(source)) => return Err(recover_error(dir, source)),
    }
    let mut text = String::new();
    let read = (&mut file).take(MAX_JOURNAL_BYTES + 1).read_to_string(&mut text);
    if read.is_err() || text.len() as u64 > MAX_JOURNAL_BYTES {
        return Err(bad_journal(&path, "it is not a short UTF-8 text"));
    }
    let entries = parse(&path, &text, allowed)?;
    let done = if entries.committed {
        for (temp, name) in &entries.files {
            if dir.join(temp).exists() {
                fs::rename(dir.join(temp), dir.join(name)).map_err(|e| recover_error(dir, e))?;
            }
        }
        Recovered::Completed
    } else {
        for (temp, _) in &entries.files {
            match fs::remove_file(dir.join(temp)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(recover_error(dir, e)),
                _ => {}
            }
        }
        Recovered::RolledBack
    };
    sync_dir(dir)
        .and_then(|()| fs::remove_file(&path))
        .and_then(|()| sync_dir(dir))
        .map_err(|e| recover_error(dir, e))?;
    Ok(done)
}

/// A journal of this process's, created new and locked.
struct Journal {
    file: File,
    /// Each temp file and the report it becomes.
    temps: Vec<(String, String)>,
}

/// The journal for a new set: an interrupted set there is finished first
/// (once: a journal that reappears belongs to a kaohe running now).
fn claim(dir: &Path, allowed: &[&str]) -> Result<Journal, SetError> {
    let path = dir.join(JOURNAL);
    for _ in 0..2 {
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => {
                // Locked before a word is written: a kaohe that finds it
                // unlocked and empty may take it for an interrupted one.
                return match file.try_lock() {
                    Ok(()) => Ok(Journal {
                        file,
                        temps: Vec::new(),
                    }),
                    Err(_) => Err(SetError::Busy {
                        dir: dir.display().to_string(),
                    }),
                };
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                recover(dir, allowed)?;
            }
            Err(source) => {
                return Err(SetError::Write {
                    path: path.display().to_string(),
                    dir: dir.display().to_string(),
                    source,
                });
            }
        }
    }
    Err(SetError::Busy {
        dir: dir.display().to_string(),
    })
}

/// Name every temp file in the journal and flush it, then write them.
fn write_temps<N: AsRef<str>>(
    dir: &Path,
    files: &[(N, Vec<u8>)],
    journal: &mut Journal,
) -> Result<Vec<(String, String)>, SetError> {
    let write_error = |path: &Path, source| SetError::Write {
        path: path.display().to_string(),
        dir: dir.display().to_string(),
        source,
    };
    // The names first, in the journal, on disk: a kill after this leaves
    // nothing the journal does not name.
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut text = format!("{HEADER}\n");
    for (name, _) in files {
        let name = name.as_ref();
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = format!(".{name}.{}.{n}.tmp", std::process::id());
        text.push_str(&format!("{temp}\t{name}\n"));
        journal.temps.push((temp, name.to_string()));
    }
    text.push_str("end\n");
    let journal_path = dir.join(JOURNAL);
    journal
        .file
        .write_all(text.as_bytes())
        .and_then(|()| journal.file.sync_all())
        .and_then(|()| sync_dir(dir))
        .map_err(|e| write_error(&journal_path, e))?;
    for ((_, bytes), (temp, name)) in files.iter().zip(&journal.temps) {
        slow_step();
        let path = dir.join(temp);
        let file = create_named(&path).map_err(|e| write_error(&path, e))?;
        fill(file, bytes, &dir.join(name)).map_err(|e| write_error(&path, e))?;
    }
    Ok(journal.temps.clone())
}

/// A temp file the journal names, new: a leftover at that name (this pid's,
/// from a kaohe that died unjournaled) is removed, never written through.
fn create_named(path: &Path) -> io::Result<File> {
    let open = || OpenOptions::new().write(true).create_new(true).open(path);
    match open() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(path)?;
            open()
        }
        other => other,
    }
}

/// Undo a set that will not be committed: its temp files and its journal
/// go (best effort: the error being reported matters more).
fn abandon(dir: &Path, temps: &[(String, String)]) {
    for (temp, _) in temps {
        let _ = fs::remove_file(dir.join(temp));
    }
    let _ = fs::remove_file(dir.join(JOURNAL));
}

/// What a journal says: every temp file with its report, and whether the
/// set was committed.
struct Entries {
    files: Vec<(String, String)>,
    committed: bool,
}

/// A journal's lines, each name checked to be a plain file name in the
/// directory: a temp file kaohe names (`.NAME.PID.N.tmp`) and a report in
/// `allowed`. A journal cut short before its `end` was written names
/// temp files that were never made: nothing to undo.
fn parse(path: &Path, text: &str, allowed: &[&str]) -> Result<Entries, SetError> {
    let mut lines = text.lines();
    if text.is_empty() {
        return Ok(Entries {
            files: Vec::new(),
            committed: false,
        });
    }
    if lines.next() != Some(HEADER) {
        return Err(bad_journal(path, "its first line is not kaohe's"));
    }
    let mut files = Vec::new();
    let mut ended = false;
    let mut committed = false;
    for line in lines {
        match line {
            "end" => ended = true,
            COMMIT if ended => committed = true,
            _ if ended => return Err(bad_journal(path, "it has lines after its end")),
            _ => {
                let Some((temp, name)) = line.split_once('\t') else {
                    return Err(bad_journal(path, "a line is not a temp file and a report"));
                };
                let plain = |n: &str| !n.is_empty() && n != "." && n != ".." && !n.contains(['/', '\\', '\0']);
                let temp_ok = plain(temp) && temp.starts_with(&format!(".{name}.")) && temp.ends_with(".tmp");
                if !temp_ok || !plain(name) || !allowed.contains(&name) {
                    return Err(bad_journal(path, "it names a file that is not one of the reports"));
                }
                files.push((temp.to_string(), name.to_string()));
            }
        }
    }
    if committed && files.len() != allowed.len() {
        return Err(bad_journal(path, "it commits a set with files missing"));
    }
    Ok(Entries { files, committed })
}

fn bad_journal(path: &Path, reason: &str) -> SetError {
    SetError::BadJournal {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

fn recover_error(dir: &Path, source: io::Error) -> SetError {
    SetError::Recover {
        dir: dir.display().to_string(),
        source,
    }
}

/// `KAOHE_SLOW_SET_MS`: a pause before each step of writing a set, so a
/// test can kill kaohe between any two of them.
fn slow_step() {
    if let Some(ms) = std::env::var("KAOHE_SLOW_SET_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms.min(10_000)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_set_that_cannot_be_written_whole_replaces_nothing() {
        let dir = tempfile::tempdir().expect("temp");
        write_set(
            dir.path(),
            &[("a.txt", b"old a".to_vec()), ("b.txt", b"old b".to_vec())],
        )
        .expect("first set");
        // The second file's name is a directory now.
        fs::remove_file(dir.path().join("b.txt")).expect("rm");
        fs::create_dir(dir.path().join("b.txt")).expect("dir");
        let err = write_set(
            dir.path(),
            &[("a.txt", b"new a".to_vec()), ("b.txt", b"new b".to_vec())],
        )
        .expect_err("second set");
        assert!(matches!(err, SetError::Directory { .. }), "{err}");
        assert_eq!(fs::read(dir.path().join("a.txt")).expect("a"), b"old a");
        assert_eq!(names(dir.path()), ["a.txt", "b.txt"], "no temp file, no journal");
    }

    /// A journal left before its commit is undone; after it, finished.
    #[test]
    fn an_interrupted_set_is_undone_before_its_commit_and_finished_after() {
        let allowed = ["a.txt", "b.txt"];
        for committed in [false, true] {
            let dir = tempfile::tempdir().expect("temp");
            let d = dir.path();
            write_set(d, &[("a.txt", b"old a".to_vec()), ("b.txt", b"old b".to_vec())]).expect("old");
            fs::write(d.join(".a.txt.7.0.tmp"), "new a").expect("temp");
            fs::write(d.join(".b.txt.7.1.tmp"), "new b").expect("temp");
            let mut journal = format!("{HEADER}\n.a.txt.7.0.tmp\ta.txt\n.b.txt.7.1.tmp\tb.txt\nend\n");
            if committed {
                journal.push_str("commit\n");
                // Killed after the first rename.
                fs::rename(d.join(".a.txt.7.0.tmp"), d.join("a.txt")).expect("rename");
            }
            fs::write(d.join(JOURNAL), journal).expect("journal");
            let done = recover(d, &allowed).expect("recovers");
            let (a, b) = (
                fs::read(d.join("a.txt")).expect("a"),
                fs::read(d.join("b.txt")).expect("b"),
            );
            if committed {
                assert_eq!(
                    (done, a, b),
                    (Recovered::Completed, b"new a".to_vec(), b"new b".to_vec())
                );
            } else {
                assert_eq!(
                    (done, a, b),
                    (Recovered::RolledBack, b"old a".to_vec(), b"old b".to_vec())
                );
            }
            assert_eq!(names(d), ["a.txt", "b.txt"]);
            assert_eq!(recover(d, &allowed).expect("again"), Recovered::Nothing);
        }
    }

    /// A journal is read as kaohe writes one and nothing else: it may not
    /// move a file out of the directory or onto a name that is no report.
    #[test]
    fn a_journal_that_names_other_files_is_refused() {
        let dir = tempfile::tempdir().expect("temp");
        let d = dir.path();
        for journal in [
            format!("{HEADER}\n.x.tmp\t../trust.toml\nend\ncommit\n"),
            format!("{HEADER}\n.trust.toml.1.0.tmp\ttrust.toml\nend\ncommit\n"),
            format!("{HEADER}\n../../.a.txt.1.0.tmp\ta.txt\nend\ncommit\n"),
            "not kaohe's\n".to_string(),
        ] {
            fs::write(d.join(JOURNAL), &journal).expect("journal");
            let err = recover(d, &["a.txt"]).expect_err(&journal);
            assert!(matches!(err, SetError::BadJournal { .. }), "{journal}: {err}");
        }
    }

    /// A journal a running kaohe holds is left alone, and the set waits.
    #[test]
    fn a_journal_held_by_a_running_kaohe_is_left_alone() {
        let dir = tempfile::tempdir().expect("temp");
        let d = dir.path();
        let held = claim(d, &["a.txt"]).expect("claimed");
        let err = write_set(d, &[("a.txt", b"a".to_vec())]).expect_err("busy");
        assert!(matches!(err, SetError::Busy { .. }), "{err}");
        assert!(d.join(JOURNAL).exists(), "not taken from its holder");
        drop(held);
        fs::remove_file(d.join(JOURNAL)).expect("rm");
        write_set(d, &[("a.txt", b"a".to_vec())]).expect("then it goes in");
        assert_eq!(names(d), ["a.txt"]);
    }
}
