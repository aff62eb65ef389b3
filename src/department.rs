//! A department's work as a library: its signing key found and opened with
//! the passphrase handed in, and its draft signed as the next revision.
//! The workbench (which asks for a passphrase in a masked field) and
//! `kaohe export` (which asks on the terminal, or reads `KAOHE_PASSPHRASE`)
//! both go through here.

use crate::config::Dirs;
use crate::io::key_files;
use crate::seal::keys::{KeyError, Passphrase, Signer};
use std::path::PathBuf;

pub use crate::io::exports::{Exported, export};

/// A key opened, or one that needs its passphrase first.
pub enum Key {
    Open(Box<Signer>),
    /// The key file at this path is passphrase-protected and none was given.
    NeedsPassphrase(PathBuf),
}

/// The signing key of `department` (the `scorer`'s, where it has several),
/// opened with `passphrase` when it is protected.
pub fn open_key(
    dirs: &Dirs,
    department: &str,
    scorer: Option<&str>,
    passphrase: Option<&Passphrase>,
) -> Result<Key, KeyError> {
    let path = key_files::find_key(&dirs.data, department, scorer)?;
    let secret = match (key_files::key_needs_passphrase(&path)?, passphrase) {
        (false, _) => None,
        (true, Some(p)) => Some(p.expose()),
        (true, None) => return Ok(Key::NeedsPassphrase(path)),
    };
    Ok(Key::Open(Box::new(key_files::load_signer(&path, secret)?)))
}
