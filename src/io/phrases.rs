//! The department's phrase list (`phrases.txt` in the config dir): one
//! 评分依据 a line, offered in the note editor. Read bounded; a missing or
//! unreadable list is no phrases (it only offers, it never decides).

use std::path::Path;

/// A phrase list longer than this is not one.
pub const MAX_PHRASES_BYTES: u64 = 1024 * 1024;
/// Phrases offered at most.
pub const MAX_PHRASES: usize = 2000;

pub fn load(file: &Path) -> Vec<String> {
    let Ok(bytes) = super::bounded::read_at_most(file, MAX_PHRASES_BYTES) else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut phrases: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.trim().trim_start_matches('\u{feff}').trim();
        if !line.is_empty() && !line.starts_with('#') && !phrases.iter().any(|p| p == line) {
            phrases.push(line.to_string());
        }
        if phrases.len() >= MAX_PHRASES {
            break;
        }
    }
    phrases
}
