//! The office's trust file: which public keys may sign for which
//! department, and which keys are revoked. TOML, edited by `kaohe trust`;
//! read and written by `io::trust_file`.

use super::keys::{ALGORITHM, KeyError, KeyLine};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trust {
    /// Key ids that must no longer be accepted, whatever department.
    #[serde(default)]
    pub revoked: Vec<String>,
    #[serde(default, rename = "key")]
    pub keys: Vec<TrustedKey>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustedKey {
    pub department: String,
    pub scorer: String,
    pub key_id: String,
    /// Base64 of the raw Ed25519 public key.
    pub public_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustStatus {
    Trusted,
    Revoked,
    /// The key is known, but for another department.
    OtherDepartment(String),
    Unknown,
}

/// A key offered for a department while it is trusted for another.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "key {key_id} is trusted for {trusted_for}, so it cannot also be trusted for {asked}: a key signs for one \
     department only. If {trusted_for} was a mistake, run `kaohe trust move {key_id} --dept {asked}`; if the \
     line you were given says {asked}, it was altered: ask {asked} for its own key line"
)]
pub struct OtherDepartment {
    pub key_id: String,
    pub trusted_for: String,
    pub asked: String,
}

/// A key named by id that cannot be moved or revoked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyIdError {
    #[error("key {0} is revoked; a revoked key is never trusted again")]
    Revoked(String),
    #[error("no trusted key id starts with \"{0}\" (give at least 8 hex digits)")]
    NoSuch(String),
    #[error("\"{0}\" starts several key ids; give more of it")]
    Several(String),
}

#[derive(Debug, thiserror::Error)]
pub enum TrustError {
    #[error("{path}: cannot read the trust file: {why}")]
    Unreadable { path: String, why: Unreadable },
    #[error("{path}:{line}: {problem}; fix the file or rebuild it with `kaohe trust add`")]
    Invalid {
        path: String,
        line: usize,
        problem: TrustProblem,
    },
    #[error("{path}: cannot write the trust file: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Why a trust file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Unreadable {
    #[error("{size} bytes is too large for a trust file (the limit is {limit})")]
    TooLarge { size: u64, limit: u64 },
    #[error("it is not UTF-8 text")]
    NotUtf8,
    #[error("{0}")]
    Io(std::io::Error),
}

/// What is wrong on a line of a trust file.
#[derive(Debug, thiserror::Error)]
pub enum TrustProblem {
    /// Not TOML, or not the trust file's fields (the parser's words).
    #[error("{0}")]
    Toml(String),
    #[error(
        "revoked \"{0}\" is not a whole key id (64 hex digits in lower case, as `kaohe trust list` shows it); write the whole id, or remove the entry and run `kaohe trust revoke <id>`"
    )]
    RevokedNotWhole(String),
    #[error(
        "key {key_id} is listed for both {first} and {second}; a key signs for one department only: keep the right one"
    )]
    TwoDepartments {
        key_id: String,
        first: String,
        second: String,
    },
    #[error("the key of {department}: {error}")]
    BadKey { department: String, error: Box<KeyError> },
}

const HEADER: &str = "# kaohe trust file: the keys that may sign each department's scores.\n\
# Add keys with `kaohe trust add \"<key line>\"`, revoke with `kaohe trust revoke <key id>`.\n";

impl Trust {
    /// A trust file's text (`shown` names it in errors). Every key is
    /// checked as a key line would be, so a mistyped id or key is found now
    /// and not as a puzzling "untrusted" later.
    pub fn parse(shown: &str, text: &str) -> Result<Trust, TrustError> {
        let lines = crate::line_index::LineIndex::new(text);
        let trust: Trust = toml::from_str(text).map_err(|e| TrustError::Invalid {
            path: shown.to_string(),
            line: e.span().map_or(1, |s| lines.line(s.start)),
            problem: TrustProblem::Toml(e.message().to_string()),
        })?;
        // A revocation is matched by the whole id as kaohe writes it: a
        // shortened or upper-case id would be counted and match no key.
        if let Some(bad) = trust.revoked.iter().find(|id| !is_key_id(id)) {
            let at = text.find(bad.as_str()).map_or(1, |offset| lines.line(offset));
            return Err(TrustError::Invalid {
                path: shown.to_string(),
                line: at,
                problem: TrustProblem::RevokedNotWhole(bad.clone()),
            });
        }
        for (n, key) in trust.keys.iter().enumerate() {
            if let Some(other) = trust.keys[..n]
                .iter()
                .find(|k| k.key_id == key.key_id && k.department != key.department)
            {
                let at = text.rfind(&key.key_id).map_or(1, |offset| lines.line(offset));
                return Err(TrustError::Invalid {
                    path: shown.to_string(),
                    line: at,
                    problem: TrustProblem::TwoDepartments {
                        key_id: key.key_id.clone(),
                        first: other.department.clone(),
                        second: key.department.clone(),
                    },
                });
            }
            let line = format!(
                "{ALGORITHM} {} {} {} {}",
                key.key_id, key.public_key, key.department, key.scorer
            );
            if let Err(e) = KeyLine::parse(&line) {
                let at = text.find(&key.key_id).map_or(1, |offset| lines.line(offset));
                return Err(TrustError::Invalid {
                    path: shown.to_string(),
                    line: at,
                    problem: TrustProblem::BadKey {
                        department: key.department.clone(),
                        error: Box::new(e),
                    },
                });
            }
        }
        Ok(trust)
    }

    /// The file's text: a header saying what it is, then the keys.
    pub fn to_text(&self) -> Result<String, toml::ser::Error> {
        Ok(format!("{HEADER}\n{}", toml::to_string(self)?))
    }

    /// Add a key for its department. False when it was already there; an
    /// error when the key is trusted for another department: one key signs
    /// for one department, or a file could claim any department its signer
    /// is trusted for.
    pub fn add(&mut self, line: &KeyLine) -> Result<bool, OtherDepartment> {
        if let Some(other) = self
            .keys
            .iter()
            .find(|k| k.key_id == line.key_id && k.department != line.department)
        {
            return Err(OtherDepartment {
                key_id: line.key_id.clone(),
                trusted_for: other.department.clone(),
                asked: line.department.clone(),
            });
        }
        if self.keys.iter().any(|k| k.key_id == line.key_id) {
            return Ok(false);
        }
        self.keys.push(TrustedKey {
            department: line.department.clone(),
            scorer: line.scorer.clone(),
            key_id: line.key_id.clone(),
            public_key: STANDARD.encode(line.public_key),
        });
        self.sort();
        Ok(true)
    }

    fn sort(&mut self) {
        self.keys
            .sort_by(|a, b| (&a.department, &a.scorer, &a.key_id).cmp(&(&b.department, &b.scorer, &b.key_id)));
    }

    /// Give a trusted key to another department (it was added for the
    /// wrong one). Returns the key's full id and the department it had.
    pub fn move_key(&mut self, id: &str, department: &str) -> Result<(String, String), KeyIdError> {
        let full = self.find_id(id)?;
        if self.revoked.contains(&full) {
            return Err(KeyIdError::Revoked(full));
        }
        let mut from = String::new();
        for key in self.keys.iter_mut().filter(|k| k.key_id == full) {
            from = std::mem::replace(&mut key.department, department.to_string());
        }
        self.sort();
        Ok((full, from))
    }

    /// Revoke a key by its id (or an unambiguous start of it, at least 8
    /// hex digits). Returns the full id.
    pub fn revoke(&mut self, id: &str) -> Result<String, KeyIdError> {
        // Hex reads the same in either case; the file keeps kaohe's.
        let id = id.to_ascii_lowercase();
        let full = match self.find_id(&id) {
            Ok(full) => full,
            // A key never trusted here can still be revoked ahead, by its full id.
            Err(_) if is_key_id(&id) => id,
            Err(e) => return Err(e),
        };
        if !self.revoked.contains(&full) {
            self.revoked.push(full.clone());
            self.revoked.sort();
        }
        Ok(full)
    }

    /// The full id of the one trusted key whose id starts with `id` (at
    /// least 8 hex digits).
    fn find_id(&self, id: &str) -> Result<String, KeyIdError> {
        let candidates: Vec<&str> = self
            .keys
            .iter()
            .map(|k| k.key_id.as_str())
            .filter(|k| id.len() >= 8 && k.starts_with(id))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        match candidates.as_slice() {
            [one] => Ok(one.to_string()),
            [] => Err(KeyIdError::NoSuch(id.to_string())),
            _ => Err(KeyIdError::Several(id.to_string())),
        }
    }

    pub fn status(&self, department: &str, key_id: &str) -> TrustStatus {
        if self.revoked.iter().any(|r| r == key_id) {
            return TrustStatus::Revoked;
        }
        let mut other = None;
        for key in self.keys.iter().filter(|k| k.key_id == key_id) {
            if key.department == department {
                return TrustStatus::Trusted;
            }
            other = Some(key.department.clone());
        }
        other.map_or(TrustStatus::Unknown, TrustStatus::OtherDepartment)
    }

    /// The raw public key for a key id, trusted or revoked alike: a
    /// signature is checked before anything is decided about its signer.
    pub fn public_key(&self, key_id: &str) -> Option<[u8; 32]> {
        let key = self.key(key_id)?;
        STANDARD.decode(&key.public_key).ok()?.try_into().ok()
    }

    /// The trusted entry of a key id: its department and scorer.
    pub fn key(&self, key_id: &str) -> Option<&TrustedKey> {
        self.keys.iter().find(|k| k.key_id == key_id)
    }
}

/// A key id as kaohe writes one: the SHA-256 of the public key, 64 hex
/// digits in lower case.
fn is_key_id(id: &str) -> bool {
    id.len() == 64 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seal::keys::Signer;

    #[test]
    fn status_names_the_department_a_key_belongs_to() {
        let water = Signer::from_seed([1; 32], "市水利和湖泊局", "王五");
        let mut trust = Trust::default();
        assert_eq!(trust.add(water.key_line()), Ok(true));
        assert_eq!(trust.add(water.key_line()), Ok(false));
        let id = &water.key_line().key_id;
        assert_eq!(trust.status("市水利和湖泊局", id), TrustStatus::Trusted);
        assert_eq!(
            trust.status("市交通运输局", id),
            TrustStatus::OtherDepartment("市水利和湖泊局".into())
        );
        assert_eq!(trust.status("市水利和湖泊局", "00"), TrustStatus::Unknown);
        assert_eq!(trust.revoke(&id[..10]).as_deref(), Ok(id.as_str()));
        assert_eq!(trust.status("市水利和湖泊局", id), TrustStatus::Revoked);
    }
}
