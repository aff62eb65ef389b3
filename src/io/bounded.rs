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
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
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
