//! A department's Ed25519 signing key: its file's content (encrypted with a
//! passphrase unless the scorer chose not to), the signer it opens to, and
//! the one-line public form handed to the office. The key files themselves
//! (kept private, mode 0600, never overwritten) are `io::key_files`'.

use crate::rubric::hash::hex;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use ed25519_dalek::{Signer as _, SigningKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::io;

pub const ALGORITHM: &str = "ed25519";
const KEY_FORMAT: u32 = 1;
/// Binds the ciphertext to what the key is, so a secret cannot be moved
/// into another key file.
const AAD_PREFIX: &[u8] = b"kaohe signing key v1 ";
/// argon2id at OWASP's suggested minimum and then some: about 0.1 s here.
const KDF_M_COST: u32 = 64 * 1024;
const KDF_T_COST: u32 = 3;
const KDF_P_COST: u32 = 1;

/// Hex SHA-256 of the raw 32-byte public key.
pub fn key_id(public_key: &[u8; 32]) -> String {
    hex(&Sha256::digest(public_key))
}

/// `ed25519 <key id> <base64 public key> <department> <scorer>`: what the
/// office pastes into `kaohe trust add`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyLine {
    pub key_id: String,
    pub public_key: [u8; 32],
    pub department: String,
    pub scorer: String,
}

/// The environment variable a key's passphrase may come from, where no
/// one types it (a script, a test).
pub const PASSPHRASE_VAR: &str = "KAOHE_PASSPHRASE";

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "not a kaohe key line: {0}; a key line looks like `ed25519 <key id> <base64 key> <department> <scorer>`, as `kaohe key show` prints it"
    )]
    BadLine(LineProblem),
    #[error(
        "{path}: a key already exists there; kaohe never overwrites a key (`kaohe key show` shows it). For a new key (the old one lost, leaked or revoked by the office), move this file somewhere safe first, then run `kaohe keygen`"
    )]
    Exists { path: String },
    #[error(
        "{path}: the key file can be read by others (mode {mode:o}); a signing key must be private: run `chmod 600 {path}`"
    )]
    Readable { path: String, mode: u32 },
    #[error(
        "{path}: the key file belongs to another user (uid {owner}); a signing key must be your own: \
         make your own with `kaohe keygen`, or have its owner sign"
    )]
    NotOwned { path: String, owner: u32 },
    #[error(
        "{path}: the key directory can be written by others (mode {mode:o}), who could swap a key in it: \
         run `chmod 700 {path}`"
    )]
    OpenDirectory { path: String, mode: u32 },
    #[error("{path}: the passphrase is wrong (or the key file was altered)")]
    WrongPassphrase { path: String },
    #[error("{path}: the key is protected by a passphrase; type it, or set KAOHE_PASSPHRASE")]
    NeedsPassphrase { path: String },
    #[error("{path}: not a usable kaohe key file: {reason}")]
    Corrupt { path: String, reason: String },
    #[error("no signing key for {department} in {dir}; make one with `kaohe keygen --dept {department} --scorer NAME`")]
    NoKey { department: String, dir: String },
    #[error("{department} has several keys in {dir} ({}); give --scorer to choose one", .scorers.join(", "))]
    SeveralKeys {
        department: String,
        dir: String,
        scorers: Vec<String>,
    },
    #[error("{0}")]
    Invalid(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
}

/// What is wrong with a key line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineProblem {
    #[error("it is empty")]
    Empty,
    #[error("the algorithm is \"{0}\", kaohe signs with {ALGORITHM}")]
    Algorithm(String),
    #[error("the {0} is missing")]
    Missing(LinePart),
    #[error("the public key is not canonical base64")]
    NotBase64,
    #[error("the public key is not 32 bytes")]
    KeyLength,
    #[error("the key id is not the SHA-256 of the key: the line was changed or mistyped")]
    IdMismatch,
}

/// A field of a key line, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinePart {
    KeyId,
    PublicKey,
    Department,
    Scorer,
}

impl fmt::Display for LinePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LinePart::KeyId => "key id",
            LinePart::PublicKey => "public key",
            LinePart::Department => "department",
            LinePart::Scorer => "scorer",
        })
    }
}

impl KeyLine {
    pub fn parse(line: &str) -> Result<KeyLine, KeyError> {
        let bad = KeyError::BadLine;
        let missing = |part| KeyError::BadLine(LineProblem::Missing(part));
        let mut parts = line.split_whitespace();
        let algorithm = parts.next().ok_or(bad(LineProblem::Empty))?;
        if algorithm != ALGORITHM {
            return Err(bad(LineProblem::Algorithm(algorithm.to_string())));
        }
        let id = parts.next().ok_or_else(|| missing(LinePart::KeyId))?;
        let encoded = parts.next().ok_or_else(|| missing(LinePart::PublicKey))?;
        let department = parts.next().ok_or_else(|| missing(LinePart::Department))?;
        let scorer = parts.collect::<Vec<_>>().join(" ");
        if scorer.is_empty() {
            return Err(missing(LinePart::Scorer));
        }
        let bytes = STANDARD
            .decode(encoded)
            .ok()
            .filter(|b| STANDARD.encode(b) == encoded)
            .ok_or(bad(LineProblem::NotBase64))?;
        let public_key: [u8; 32] = bytes.try_into().map_err(|_| bad(LineProblem::KeyLength))?;
        if key_id(&public_key) != id {
            return Err(bad(LineProblem::IdMismatch));
        }
        Ok(KeyLine {
            key_id: id.to_string(),
            public_key,
            department: department.to_string(),
            scorer,
        })
    }

    fn new(public_key: [u8; 32], department: &str, scorer: &str) -> KeyLine {
        KeyLine {
            key_id: key_id(&public_key),
            public_key,
            department: department.to_string(),
            scorer: scorer.to_string(),
        }
    }
}

impl fmt::Display for KeyLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{ALGORITHM} {} {} {} {}",
            self.key_id,
            STANDARD.encode(self.public_key),
            self.department,
            self.scorer
        )
    }
}

/// A loaded private key, ready to sign.
pub struct Signer {
    key: SigningKey,
    line: KeyLine,
}

impl Signer {
    pub fn key_line(&self) -> &KeyLine {
        &self.line
    }

    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.key.sign(message).to_bytes()
    }

    /// A signer from a known seed, for tests and the synthetic data sets.
    pub fn from_seed(seed: [u8; 32], department: &str, scorer: &str) -> Signer {
        let key = SigningKey::from_bytes(&seed);
        let line = KeyLine::new(key.verifying_key().to_bytes(), department, scorer);
        Signer { key, line }
    }
}

/// The key file, TOML. `secret` is the 32-byte seed: in the clear (base64)
/// when `cipher = "none"`, else ChaCha20-Poly1305 of it under an argon2id key.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KeyFile {
    format: u32,
    algorithm: String,
    department: String,
    scorer: String,
    key_id: String,
    public_key: String,
    cipher: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kdf: Option<Kdf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nonce: Option<String>,
    secret: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Kdf {
    algorithm: String,
    m_cost: u32,
    t_cost: u32,
    p_cost: u32,
    salt: String,
}

fn aad(public_key: &[u8; 32]) -> Vec<u8> {
    let mut aad = AAD_PREFIX.to_vec();
    aad.extend_from_slice(public_key);
    aad
}

fn derive(passphrase: &str, kdf: &Kdf, path: &str) -> Result<[u8; 32], KeyError> {
    let corrupt = |reason: String| KeyError::Corrupt {
        path: path.to_string(),
        reason,
    };
    if kdf.algorithm != "argon2id" {
        return Err(corrupt(format!("unknown key derivation \"{}\"", kdf.algorithm)));
    }
    let salt = STANDARD
        .decode(&kdf.salt)
        .map_err(|_| corrupt("the salt is not base64".into()))?;
    let params = argon2::Params::new(kdf.m_cost, kdf.t_cost, kdf.p_cost, Some(32))
        .map_err(|e| corrupt(format!("bad key derivation parameters: {e}")))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = [0u8; 32];
    argon
        .hash_password_into(passphrase.as_bytes(), &salt, &mut out)
        .map_err(|e| corrupt(format!("key derivation failed: {e}")))?;
    Ok(out)
}

fn public_of(file: &KeyFile, path: &str) -> Result<KeyLine, KeyError> {
    let line = format!(
        "{ALGORITHM} {} {} {} {}",
        file.key_id, file.public_key, file.department, file.scorer
    );
    KeyLine::parse(&line).map_err(|e| KeyError::Corrupt {
        path: path.to_string(),
        reason: e.to_string(),
    })
}

/// A passphrase held between being typed and being used. Its `Debug` prints
/// nothing of it, so it cannot reach a log, a test failure or a crash report.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl Passphrase {
    pub fn new(text: impl Into<String>) -> Passphrase {
        Passphrase(text.into())
    }

    /// The text itself, for deriving the key.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

/// A key file's text, checked to be one this kaohe reads (`shown` names it).
pub(crate) fn parse_key_file(shown: &str, text: &str) -> Result<KeyFile, KeyError> {
    let file: KeyFile = toml::from_str(text).map_err(|e| KeyError::Corrupt {
        path: shown.to_string(),
        reason: e.to_string().trim().to_string(),
    })?;
    if file.format != KEY_FORMAT || file.algorithm != ALGORITHM {
        return Err(KeyError::Corrupt {
            path: shown.to_string(),
            reason: format!(
                "format {} / algorithm {} is not one this kaohe reads",
                file.format, file.algorithm
            ),
        });
    }
    Ok(file)
}

impl KeyFile {
    /// The public half, which needs no passphrase.
    pub(crate) fn key_line(&self, shown: &str) -> Result<KeyLine, KeyError> {
        public_of(self, shown)
    }

    pub(crate) fn needs_passphrase(&self) -> bool {
        self.cipher != "none"
    }
}

/// The random bytes a new key is made of (the system's randomness, at the edge).
pub struct KeyRandomness {
    pub seed: [u8; 32],
    pub salt: [u8; 16],
    pub nonce: [u8; 12],
}

/// A department and scorer a key can be made for: the department a name
/// without spaces, the scorer's spaces folded. An empty passphrase is refused
/// (use no passphrase deliberately instead).
pub fn check_key_names(department: &str, scorer: &str, passphrase: Option<&str>) -> Result<String, KeyError> {
    if department.trim().is_empty() || department.chars().any(char::is_whitespace) {
        return Err(KeyError::Invalid(format!(
            "\"{department}\" is not a department name (no spaces; use the rubric's name, e.g. 市水利和湖泊局)"
        )));
    }
    let scorer = scorer.split_whitespace().collect::<Vec<_>>().join(" ");
    if scorer.is_empty() {
        return Err(KeyError::Invalid(
            "the scorer's name is empty; give --scorer NAME".into(),
        ));
    }
    if passphrase.is_some_and(str::is_empty) {
        return Err(KeyError::Invalid(
            "the passphrase is empty; type one, or use --no-passphrase to keep the key unencrypted".into(),
        ));
    }
    Ok(scorer)
}

/// A new key file's text for `department` and `scorer`: with a passphrase the
/// seed is encrypted. `shown` names the file in errors.
pub fn seal_key(
    department: &str,
    scorer: &str,
    passphrase: Option<&str>,
    random: &KeyRandomness,
    shown: &str,
) -> Result<(String, KeyLine), KeyError> {
    let seed = random.seed;
    let signing = SigningKey::from_bytes(&seed);
    let line = KeyLine::new(signing.verifying_key().to_bytes(), department, scorer);
    let (cipher, kdf, nonce, secret) = match passphrase {
        None => ("none".to_string(), None, None, STANDARD.encode(seed)),
        Some(passphrase) => {
            let kdf = Kdf {
                algorithm: "argon2id".into(),
                m_cost: KDF_M_COST,
                t_cost: KDF_T_COST,
                p_cost: KDF_P_COST,
                salt: STANDARD.encode(random.salt),
            };
            let key = derive(passphrase, &kdf, shown)?;
            let nonce = random.nonce;
            let cipher = ChaCha20Poly1305::new_from_slice(&key).map_err(|e| KeyError::Invalid(e.to_string()))?;
            let sealed = cipher
                .encrypt(
                    &Nonce::from(nonce),
                    Payload {
                        msg: &seed,
                        aad: &aad(&line.public_key),
                    },
                )
                .map_err(|_| KeyError::Invalid("encryption failed".into()))?;
            (
                "chacha20poly1305".to_string(),
                Some(kdf),
                Some(STANDARD.encode(nonce)),
                STANDARD.encode(sealed),
            )
        }
    };
    let file = KeyFile {
        format: KEY_FORMAT,
        algorithm: ALGORITHM.into(),
        department: department.into(),
        scorer: scorer.to_string(),
        key_id: line.key_id.clone(),
        public_key: STANDARD.encode(line.public_key),
        cipher,
        kdf,
        nonce,
        secret,
    };
    let text = toml::to_string(&file).map_err(|e| KeyError::Invalid(e.to_string()))?;
    let text = format!(
        "# kaohe signing key of {department} ({scorer}). Keep it private: whoever has it can sign scores for {department}.\n{text}"
    );
    Ok((text, line))
}

/// The signer a key file holds, decrypted with the passphrase if it has one.
pub(crate) fn open_key(file: &KeyFile, shown: &str, passphrase: Option<&str>) -> Result<Signer, KeyError> {
    let shown = shown.to_string();
    let line = public_of(file, &shown)?;
    let corrupt = |reason: &str| KeyError::Corrupt {
        path: shown.clone(),
        reason: reason.to_string(),
    };
    let secret = STANDARD
        .decode(&file.secret)
        .map_err(|_| corrupt("the secret is not base64"))?;
    let seed: Vec<u8> = match (file.cipher.as_str(), &file.kdf, &file.nonce) {
        ("none", None, None) => secret,
        ("chacha20poly1305", Some(kdf), Some(nonce)) => {
            let passphrase = passphrase.ok_or_else(|| KeyError::NeedsPassphrase { path: shown.clone() })?;
            let key = derive(passphrase, kdf, &shown)?;
            let nonce: [u8; 12] = STANDARD
                .decode(nonce)
                .ok()
                .and_then(|n| n.try_into().ok())
                .ok_or_else(|| corrupt("the nonce is not 12 bytes of base64"))?;
            let cipher = ChaCha20Poly1305::new_from_slice(&key).map_err(|_| corrupt("bad cipher key"))?;
            cipher
                .decrypt(
                    &Nonce::from(nonce),
                    Payload {
                        msg: &secret,
                        aad: &aad(&line.public_key),
                    },
                )
                .map_err(|_| KeyError::WrongPassphrase { path: shown.clone() })?
        }
        _ => return Err(corrupt("the cipher fields do not go together")),
    };
    let seed: [u8; 32] = seed.try_into().map_err(|_| corrupt("the secret is not 32 bytes"))?;
    let key = SigningKey::from_bytes(&seed);
    if key.verifying_key().to_bytes() != line.public_key {
        return Err(corrupt(
            "the secret does not belong to the public key written beside it",
        ));
    }
    Ok(Signer { key, line })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_line_round_trips_and_checks_its_id() {
        let signer = Signer::from_seed([7; 32], "市水利和湖泊局", "王 五");
        let text = signer.key_line().to_string();
        assert_eq!(KeyLine::parse(&text).ok().as_ref(), Some(signer.key_line()));
        let tampered = text.replacen(&signer.key_line().key_id[..4], "0000", 1);
        assert!(KeyLine::parse(&tampered).is_err());
    }
}
