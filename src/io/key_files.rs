//! Key files in `<data>/keys/`: made once, kept private (mode 0600, the
//! folder 0700), never overwritten, and refused when others can read them.

use crate::seal::keys::{self, KeyError, KeyFile, KeyLine, KeyRandomness, Signer};
use crate::text::names::file_part;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// `<data>/keys/`.
pub fn keys_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("keys")
}

fn random<const N: usize>() -> Result<[u8; N], KeyError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|e| KeyError::Invalid(format!("the system has no randomness to make a key with: {e}")))?;
    Ok(bytes)
}

/// Make a new key for `department` and `scorer` in `<data>/keys/`. With a
/// passphrase the seed is encrypted; an empty passphrase is refused (use no
/// passphrase deliberately instead).
pub fn keygen(
    data_dir: &Path,
    department: &str,
    scorer: &str,
    passphrase: Option<&str>,
) -> Result<(PathBuf, KeyLine), KeyError> {
    let scorer = keys::check_key_names(department, scorer, passphrase)?;
    let dir = keys_dir(data_dir);
    let path = dir.join(format!("{}--{}.key", file_part(department), file_part(&scorer)));
    let shown = path.display().to_string();
    if path.exists() {
        return Err(KeyError::Exists { path: shown });
    }
    let random = KeyRandomness {
        seed: random::<32>()?,
        salt: random::<16>()?,
        nonce: random::<12>()?,
    };
    let (text, line) = keys::seal_key(department, &scorer, passphrase, &random, &shown)?;
    write_new_private(&dir, &path, text.as_bytes())?;
    Ok((path, line))
}

/// Written in full to a private temp file, then linked to its name: the
/// link fails if a key is already there (never overwritten), and a reader
/// never sees half a key.
fn write_new_private(dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), KeyError> {
    let io_err = |p: &Path| {
        let shown = p.display().to_string();
        move |source: io::Error| KeyError::Io { path: shown, source }
    };
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(io_err(dir))?;
    }
    super::atomic::write_new(path, bytes, true).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            KeyError::Exists {
                path: path.display().to_string(),
            }
        } else {
            io_err(path)(e)
        }
    })
}

/// Refuse a key file others can read, before reading a byte of it.
fn check_private(path: &Path) -> Result<(), KeyError> {
    let meta = fs::metadata(path).map_err(|source| KeyError::Io {
        path: path.display().to_string(),
        source,
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(KeyError::Readable {
                path: path.display().to_string(),
                mode,
            });
        }
        // The process's own user is the owner of /proc/self (Linux); where
        // there is no /proc, the owner of the key's directory stands in.
        let me = fs::metadata("/proc/self")
            .or_else(|_| fs::metadata(path.parent().unwrap_or(path)))
            .map(|m| m.uid())
            .unwrap_or(meta.uid());
        if meta.uid() != me {
            return Err(KeyError::NotOwned {
                path: path.display().to_string(),
                owner: meta.uid(),
            });
        }
        if let Some(dir) = path.parent()
            && let Ok(dir_meta) = fs::metadata(dir)
        {
            let dir_mode = dir_meta.permissions().mode() & 0o777;
            if dir_mode & 0o022 != 0 || dir_meta.uid() != me {
                return Err(KeyError::OpenDirectory {
                    path: dir.display().to_string(),
                    mode: dir_mode,
                });
            }
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    Ok(())
}

fn read_key_file(path: &Path) -> Result<KeyFile, KeyError> {
    check_private(path)?;
    let shown = path.display().to_string();
    let text = fs::read_to_string(path).map_err(|source| KeyError::Io {
        path: shown.clone(),
        source,
    })?;
    keys::parse_key_file(&shown, &text)
}

/// The public half, which needs no passphrase.
pub fn read_key_line(path: &Path) -> Result<KeyLine, KeyError> {
    read_key_file(path)?.key_line(&path.display().to_string())
}

pub fn key_needs_passphrase(path: &Path) -> Result<bool, KeyError> {
    Ok(read_key_file(path)?.needs_passphrase())
}

pub fn load_signer(path: &Path, passphrase: Option<&str>) -> Result<Signer, KeyError> {
    keys::open_key(&read_key_file(path)?, &path.display().to_string(), passphrase)
}

/// Every key file in `<data>/keys/`, sorted by name.
pub fn list_keys(data_dir: &Path) -> Result<Vec<PathBuf>, KeyError> {
    let dir = keys_dir(data_dir);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(KeyError::Io {
                path: dir.display().to_string(),
                source,
            });
        }
    };
    let mut keys: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "key"))
        .collect();
    keys.sort();
    Ok(keys)
}

/// The department's key; when it has several (one per scorer), the scorer's.
pub fn find_key(data_dir: &Path, department: &str, scorer: Option<&str>) -> Result<PathBuf, KeyError> {
    let mut found = Vec::new();
    for path in list_keys(data_dir)? {
        // A key file we cannot read is reported when it is the one chosen.
        let line = read_key_line(&path).ok();
        let name_matches = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(&format!("{}--", file_part(department))));
        if line.as_ref().map_or(name_matches, |l| l.department == department) {
            found.push((path, line.map(|l| l.scorer)));
        }
    }
    let dir = keys_dir(data_dir).display().to_string();
    if let Some((path, _)) = scorer.and_then(|scorer| found.iter().find(|(_, s)| s.as_deref() == Some(scorer))) {
        return Ok(path.clone());
    }
    match found.len() {
        0 => Err(KeyError::NoKey {
            department: department.to_string(),
            dir,
        }),
        1 => Ok(found.remove(0).0),
        _ => Err(KeyError::SeveralKeys {
            department: department.to_string(),
            dir,
            scorers: found
                .into_iter()
                .map(|(p, s)| s.unwrap_or_else(|| p.display().to_string()))
                .collect(),
        }),
    }
}
