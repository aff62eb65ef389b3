//! DSSE v1 envelopes (github.com/secure-systems-lab/dsse): the signature
//! covers PAE(payloadType, payload bytes), so nothing is ever re-serialized
//! or canonicalized before checking. Kept home-made (a hundred lines over
//! ed25519-dalek's `verify_strict`) rather than the `dsse` crate, still at
//! 0.1: a score file has one envelope shape, and each way it can be wrong is
//! its own error kind with a message for the office (`EnvelopeError`).

use super::keys::Signer;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signature as EdSignature, VerifyingKey};
use serde::{Deserialize, Serialize};

/// Larger than any real score file (the national-scale test set's largest
/// file is a few MB); anything bigger is refused before it is parsed.
pub const MAX_ENVELOPE_BYTES: usize = 64 * 1024 * 1024;

/// Pre-authentication encoding: `DSSEv1 SP len(type) SP type SP len(body) SP body`.
pub fn pae(payload_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + payload_type.len() + 32);
    out.extend_from_slice(format!("DSSEv1 {} {} {} ", payload_type.len(), payload_type, payload.len()).as_bytes());
    out.extend_from_slice(payload);
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub payload_type: String,
    /// The exact bytes that were signed, decoded from the envelope's base64.
    pub payload: Vec<u8>,
    pub signatures: Vec<Signature>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// Hex SHA-256 of the signer's raw public key.
    pub key_id: String,
    pub sig: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireEnvelope {
    #[serde(rename = "payloadType")]
    payload_type: String,
    payload: String,
    signatures: Vec<WireSignature>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireSignature {
    keyid: String,
    sig: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    #[error("it is not UTF-8 JSON")]
    NotUtf8,
    #[error("the JSON is broken at line {line}, column {column}: {reason} (was the file cut short or edited?)")]
    Json { line: usize, column: usize, reason: String },
    #[error("the key \"{key}\" appears twice in one object; a signed file never has that, so it was tampered with")]
    DuplicateKey { key: String },
    #[error(
        "{field} is not canonical base64 (standard alphabet, with padding); it was altered or made by another tool"
    )]
    Base64 { field: &'static str },
    #[error("a kaohe score file carries exactly one signature, this one has {0}")]
    SignatureCount(usize),
    #[error("the signature is not 64 bytes long")]
    SignatureLength,
}

/// Parse an envelope as strictly as it is written: no unknown or repeated
/// fields, canonical base64 only, one signature.
pub fn parse_envelope(bytes: &[u8]) -> Result<Envelope, EnvelopeError> {
    let text = std::str::from_utf8(bytes).map_err(|_| EnvelopeError::NotUtf8)?;
    // Notepad on Windows saves UTF-8 with a byte-order mark; the envelope
    // around the signed bytes is not itself signed, so the mark changes
    // nothing that is checked.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Every object in an envelope is a derived struct, and serde's derive
    // refuses a field given twice (serde_json alone would keep the last):
    // two readers can never see different values in one signed file.
    let wire: WireEnvelope = serde_json::from_str(text).map_err(json_error)?;
    let payload = decode_canonical(&wire.payload, "payload")?;
    if wire.signatures.len() != 1 {
        return Err(EnvelopeError::SignatureCount(wire.signatures.len()));
    }
    let signatures = wire
        .signatures
        .iter()
        .map(|s| {
            let sig = decode_canonical(&s.sig, "sig")?;
            if sig.len() != 64 {
                return Err(EnvelopeError::SignatureLength);
            }
            Ok(Signature {
                key_id: s.keyid.clone(),
                sig,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Envelope {
        payload_type: wire.payload_type,
        payload,
        signatures,
    })
}

fn json_error(e: serde_json::Error) -> EnvelopeError {
    let full = e.to_string();
    if let Some(field) = full
        .strip_prefix("duplicate field `")
        .and_then(|rest| rest.split('`').next())
    {
        return EnvelopeError::DuplicateKey { key: field.to_string() };
    }
    // serde_json appends " at line L column C"; the position is given separately.
    let reason = match full.rfind(" at line ") {
        Some(cut) => full[..cut].to_string(),
        None => full,
    };
    EnvelopeError::Json {
        line: e.line(),
        column: e.column(),
        reason,
    }
}

/// Decode, and refuse any text that is not exactly what encoding the bytes
/// gives: another spelling of the same bytes means someone edited the file.
/// The standard engine is strict already (canonical padding required, no
/// stray bits in the last symbol, no whitespace, standard alphabet), so a
/// successful decode is a canonical one; the test below holds it to that.
fn decode_canonical(text: &str, field: &'static str) -> Result<Vec<u8>, EnvelopeError> {
    STANDARD.decode(text).map_err(|_| EnvelopeError::Base64 { field })
}

/// Sign `payload` and return the envelope's JSON bytes.
pub fn sign_envelope(signer: &Signer, payload_type: &str, payload: &[u8]) -> Vec<u8> {
    let sig = signer.sign(&pae(payload_type, payload));
    let wire = WireEnvelope {
        payload_type: payload_type.to_string(),
        payload: STANDARD.encode(payload),
        signatures: vec![WireSignature {
            keyid: signer.key_line().key_id.clone(),
            sig: STANDARD.encode(sig),
        }],
    };
    // The envelope holds strings only, which always serialise; an empty file
    // in place of a signed one must never be written, so this stops.
    #[allow(clippy::expect_used)]
    let mut out = serde_json::to_vec_pretty(&wire).expect("an envelope of strings always serialises");
    out.push(b'\n');
    out
}

/// Ed25519 `verify_strict` (no malleable or small-order signatures) over PAE.
pub fn verify(envelope: &Envelope, signature: &Signature, public_key: &[u8; 32]) -> bool {
    let Ok(key) = VerifyingKey::from_bytes(public_key) else {
        return false;
    };
    let Ok(sig) = EdSignature::from_slice(&signature.sig) else {
        return false;
    };
    key.verify_strict(&pae(&envelope.payload_type, &envelope.payload), &sig)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pae_matches_the_dsse_specification_vector() {
        assert_eq!(
            pae("http://example.com/HelloWorld", b"hello world"),
            b"DSSEv1 29 http://example.com/HelloWorld 11 hello world".to_vec()
        );
        assert_eq!(pae("", b""), b"DSSEv1 0  0 ".to_vec());
    }

    const SIG: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

    fn envelope(signature: &str) -> String {
        format!(r#"{{"payloadType":"t","payload":"aGk=","signatures":[{signature}]}}"#)
    }

    #[test]
    fn duplicate_keys_are_found_at_any_depth() {
        let good = envelope(&format!(r#"{{"keyid":"k","sig":"{SIG}"}}"#));
        assert!(parse_envelope(good.as_bytes()).is_ok());
        let nested = envelope(&format!(r#"{{"keyid":"k","keyid":"j","sig":"{SIG}"}}"#));
        assert_eq!(
            parse_envelope(nested.as_bytes()),
            Err(EnvelopeError::DuplicateKey { key: "keyid".into() })
        );
        // An escaped spelling of the same key is the same key.
        let escaped = good.replacen(r#""payload":"aGk=""#, r#""payload":"aGk=","\u0070ayload":"aGk=""#, 1);
        assert_eq!(
            parse_envelope(escaped.as_bytes()),
            Err(EnvelopeError::DuplicateKey { key: "payload".into() })
        );
    }

    #[test]
    fn base64_must_be_canonical() {
        assert_eq!(decode_canonical("aGk=", "payload"), Ok(b"hi".to_vec()));
        assert!(decode_canonical("aGk", "payload").is_err());
        assert!(decode_canonical("aGl=", "payload").is_err()); // non-zero trailing bits
        assert!(decode_canonical("aG k=", "payload").is_err());
        assert!(decode_canonical("aGk-", "payload").is_err());
        assert!(decode_canonical("aGk==", "payload").is_err());
        assert!(decode_canonical("aA==", "payload").is_ok());
        assert!(decode_canonical("aB==", "payload").is_err()); // the same byte, spelled otherwise
        // Whatever decodes is exactly the encoding of what it decodes to.
        for text in ["", "QQ==", "QUI=", "QUJD", "AAAA", "/+/+", "aGVsbG8gd29ybGQ="] {
            let bytes = decode_canonical(text, "payload").expect("canonical");
            assert_eq!(STANDARD.encode(bytes), text);
        }
    }
}
