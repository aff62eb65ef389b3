//! Writing a file so that a reader, or a crash at any moment, sees either the
//! old file or the new one, never a mix (a set of files: `report_set`). Home-made because no
//! maintained crate keeps an existing file's permissions, writes through a
//! symlink (settings) or refuses one (reports), and fsyncs the directory.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Write bytes to `path` so that a reader (or a crash at any moment) sees either the old file or the new,
/// never a mix: a temp file in the same dir (create_new, unique name), write, fsync, rename over, fsync the dir.
/// Creates missing parent dirs. Never leaves the temp file behind on error.
///
/// An existing file's permissions are kept (a key file stays private), and a
/// symlink is written through, so a settings file linked from a dotfiles
/// repository stays a link. Errors keep their kind and name the path.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = through_symlink(path);
    let (name, dir) = name_and_dir(&target, path)?;
    fs::create_dir_all(&dir).map_err(|e| annotate(e, format!("cannot create the directory {}", dir.display())))?;
    let (temp, file) = create_temp(&dir, name)
        .map_err(|e| annotate(e, format!("cannot create a temporary file in {}", dir.display())))?;
    let replaced = fill(file, bytes, &target).and_then(|()| fs::rename(&temp, &target));
    if let Err(e) = replaced {
        // Best effort: the error being reported matters more than a failed cleanup.
        let _ = fs::remove_file(&temp);
        return Err(annotate(e, format!("cannot write {}", path.display())));
    }
    sync_dir(&dir).map_err(|e| {
        annotate(
            e,
            format!("wrote {} but cannot flush its directory to disk", path.display()),
        )
    })
}

/// [`write_atomic`] for a file the user named (`--out`): a symbolic link at
/// that name is refused rather than written through, so a link planted in a
/// shared folder cannot redirect kaohe's output onto another file.
pub fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is a symbolic link; kaohe does not write through one (give another file name)",
                path.display()
            ),
        ));
    }
    write_atomic(path, bytes)
}

/// Write a new file that must not replace anything (an export, a key, an
/// imported rubric): written in full to a temp file beside it, flushed,
/// then linked to its name, which fails with `AlreadyExists` if anything
/// (a file, a symbolic link) has the name, even one made meanwhile. Where
/// the filesystem has no hard links (FAT, some network shares), the temp
/// file is renamed into the name, checked free a moment before. `private`
/// makes the file the owner's only (0600) from its creation.
pub fn write_new(path: &Path, bytes: &[u8], private: bool) -> io::Result<()> {
    let taken = || {
        io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} already exists", path.display()),
        )
    };
    if fs::symlink_metadata(path).is_ok() {
        return Err(taken());
    }
    let (name, dir) = name_and_dir(path, path)?;
    let (temp, mut file) = create_temp_with(&dir, name, private)
        .map_err(|e| annotate(e, format!("cannot create a temporary file in {}", dir.display())))?;
    let written =
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .and_then(|()| match fs::hard_link(&temp, path) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists && fs::symlink_metadata(path).is_err() => {
                    fs::rename(&temp, path)
                }
                other => other,
            });
    // Linked or renamed, the temp name goes (best effort: the error matters more).
    let _ = fs::remove_file(&temp);
    match written {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(taken()),
        Err(e) => Err(annotate(e, format!("cannot write {}", path.display()))),
        Ok(()) => sync_dir(&dir).map_err(|e| {
            annotate(
                e,
                format!("wrote {} but cannot flush its directory to disk", path.display()),
            )
        }),
    }
}

/// The file name `target` writes and the directory it is in (`.` for a
/// bare name); `asked` is how the error names it.
fn name_and_dir<'a>(target: &'a Path, asked: &Path) -> io::Result<(&'a std::ffi::OsStr, PathBuf)> {
    let Some(name) = target.file_name() else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("cannot write {}: it does not name a file", asked.display()),
        ));
    };
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((name, dir))
}

fn through_symlink(path: &Path) -> PathBuf {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        // A dangling link has no target to canonicalize; replacing the link
        // itself is then the only thing left to do.
        fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    } else {
        path.to_path_buf()
    }
}

/// A new temp file `.NAME.PID.N.tmp` beside `name` in `dir`. The pid keeps
/// concurrent processes apart, the counter concurrent threads; a leftover
/// from a crashed process that had the same pid is skipped over.
fn create_temp(dir: &Path, name: &std::ffi::OsStr) -> io::Result<(PathBuf, File)> {
    create_temp_with(dir, name, false)
}

/// [`create_temp`], private (0600) from its creation when asked.
fn create_temp_with(dir: &Path, name: &std::ffi::OsStr, private: bool) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut last = None;
    for _ in 0..64 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut temp_name = OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".{}.{n}.tmp", std::process::id()));
        let temp = dir.join(temp_name);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if private {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        match options.open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::from(io::ErrorKind::AlreadyExists)))
}

pub(super) fn fill(mut file: File, bytes: &[u8], target: &Path) -> io::Result<()> {
    file.write_all(bytes)?;
    if let Ok(meta) = fs::metadata(target) {
        file.set_permissions(meta.permissions())?;
    }
    // Without this the rename can reach the disk before the data does, and a
    // power cut leaves an empty file where the draft was.
    file.sync_all()
}

/// The rename itself lives in the directory; until the directory is flushed
/// a crash may bring back the old file.
#[cfg(unix)]
pub(super) fn sync_dir(dir: &Path) -> io::Result<()> {
    match File::open(dir).and_then(|d| d.sync_all()) {
        // Some filesystems cannot fsync a directory; the rename is then as
        // durable as they make it.
        Err(e) if matches!(e.kind(), io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported) => Ok(()),
        other => other,
    }
}

/// Windows cannot open a directory as a file, and NTFS journals the rename.
#[cfg(not(unix))]
pub(super) fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

fn annotate(e: io::Error, what: String) -> io::Error {
    io::Error::new(e.kind(), format!("{what}: {e}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_new_file_never_replaces_anything() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("new.txt");
        super::write_new(&path, b"first", false).expect("new");
        let err = super::write_new(&path, b"second", false).expect_err("taken");
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).expect("read"), b"first");
        #[cfg(unix)]
        {
            let link = dir.path().join("link.txt");
            std::os::unix::fs::symlink(dir.path().join("elsewhere"), &link).expect("link");
            let err = super::write_new(&link, b"x", false).expect_err("a link has the name");
            assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
            assert!(!dir.path().join("elsewhere").exists(), "nothing written through it");
        }
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(Result::ok)
            .collect();
        let link = usize::from(cfg!(unix));
        assert_eq!(left.len(), 1 + link, "no temp file left: {left:?}");
    }
}
