//! The identity of a rubric: SHA-256 over its resolved form, so that two files
//! that resolve to the same rubric (whitespace, comments, alias spellings)
//! share a hash, and any change to an item, a point or a criterion changes it.
//!
//! The form hashed is one a script in any language can rebuild from
//! `kaohe rubric show R --json` (the README's "Rubric hash"): that object
//! without its `hash` key, as JSON with every object's keys sorted, no
//! whitespace, non-ASCII characters as themselves (UTF-8), decimals as the
//! strings printed. Python: `json.dumps(obj, sort_keys=True,
//! separators=(",", ":"), ensure_ascii=False).encode()`.

use super::model::Rubric;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fmt::Write;

pub fn rubric_hash(rubric: &Rubric) -> String {
    hex(&Sha256::digest(canonical_json(&resolved(rubric))))
}

/// The resolved rubric as a JSON value: every field that scores, names or
/// places anything (source lines are skipped).
pub fn resolved(rubric: &Rubric) -> Value {
    // Serialising can fail only for a map with non-string keys or a failing
    // custom Serialize; the model has neither. Hashing an empty value
    // instead would make every rubric the same rubric, so this stops.
    #[allow(clippy::expect_used)]
    serde_json::to_value(rubric).expect("a rubric always serialises to JSON")
}

/// Keys sorted by their UTF-8 bytes, no whitespace. Written here rather than
/// left to `serde_json::to_vec`, whose key order follows a feature flag any
/// crate in the build may turn on.
pub fn canonical_json(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push(b'{');
            for (i, (key, value)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_scalar(&Value::String(key.clone()), out);
                out.push(b':');
                write_canonical(value, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        scalar => write_scalar(scalar, out),
    }
}

fn write_scalar(value: &Value, out: &mut Vec<u8>) {
    // A string, number, bool or null always writes into memory.
    let _ = serde_json::to_writer(&mut *out, value);
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::canonical_json;

    #[test]
    fn keys_sorted_no_whitespace_unicode_as_itself() {
        let value = serde_json::json!({"b": [1, {"z": null, "a": "质\n\"量"}], "a": true, "B": "x"});
        assert_eq!(
            String::from_utf8(canonical_json(&value)).as_deref(),
            Ok(r#"{"B":"x","a":true,"b":[1,{"a":"质\n\"量","z":null}]}"#)
        );
    }
}
