//! The one rule for turning a name (a rubric id, a department, a scorer)
//! into part of a file name: every file system takes it, two different names
//! never share a file, and it stays readable (Chinese is kept).

use crate::rubric::hash::hex;
use sha2::{Digest, Sha256};

/// Most file systems allow 255 bytes per name; two parts, the separator and
/// the extension must fit.
const MAX_PART_BYTES: usize = 100;

/// Separators, reserved and control characters (and `%` itself) are
/// percent-encoded; a name too long for a file name is cut and given a hash
/// of the whole.
pub fn file_part(name: &str) -> String {
    let mut part = String::with_capacity(name.len());
    for c in name.chars() {
        if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '%') || c.is_control() {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                part.push_str(&format!("%{b:02X}"));
            }
        } else {
            part.push(c);
        }
    }
    if part.len() <= MAX_PART_BYTES {
        return part;
    }
    let mut cut = MAX_PART_BYTES - 9;
    while !part.is_char_boundary(cut) {
        cut -= 1;
    }
    let digest = hex(&Sha256::digest(name.as_bytes()));
    format!("{}~{}", &part[..cut], &digest[..8])
}
