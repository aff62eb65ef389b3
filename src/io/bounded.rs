//! Reading a file whose size has a limit: the size is checked before a byte
//! is read, so a huge or endless file is refused instead of filling memory.

use std::path::Path;

#[derive(Debug)]
pub enum ReadError {
    /// The file is this many bytes, over the limit.
    TooLarge(u64),
    Io(std::io::Error),
}

/// The file's bytes, if it is at most `max` bytes long. The limit is checked
/// again on what was read, for a file that grew in between.
pub fn read_at_most(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    // A FIFO would block the open until something writes to it, and a
    // device (a symlink to /dev/zero) has no size: only regular files are
    // read, checked before opening and again on what was opened.
    let not_a_file = || {
        ReadError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a FIFO, a device or a directory); give the file itself",
        ))
    };
    if !std::fs::metadata(path).map_err(ReadError::Io)?.is_file() {
        return Err(not_a_file());
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(not_a_file());
    }
    let size = meta.len();
    if size > max {
        return Err(ReadError::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::{ReadError, read_at_most};

    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().expect("temp");
        #[cfg(unix)]
        let paths = [std::path::Path::new("/dev/zero"), dir.path()];
        // Windows has no /dev/zero.
        #[cfg(not(unix))]
        let paths = [dir.path()];
        for path in paths {
            match read_at_most(path, 1024) {
                Err(ReadError::Io(e)) => assert!(e.to_string().contains("not a regular file"), "{e}"),
                other => panic!("{} read: {other:?}", path.display()),
            }
        }
        #[cfg(unix)]
        {
            let fifo = dir.path().join("inbox.json");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                // Would block for ever if it were opened.
                assert!(matches!(read_at_most(&fifo, 1024), Err(ReadError::Io(_))));
            }
        }
    }
}
