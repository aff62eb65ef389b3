//! The Chinese screens speak Chinese: every approved snapshot that is not an
//! English one is read for Latin words, and only identifiers may remain
//! (keycap names, rubric ids, what the test typed).
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

/// Keycaps as printed on the keyboard, the queries the search snapshots type,
/// and the command a missing key's message gives to run.
const KEYCAPS: &[&str] = &[
    "Esc",
    "Tab",
    "Shift-Tab",
    "PgUp",
    "PgDn",
    "Home",
    "End",
    "Del",
    "Ctrl",
    "Alt",
    "Shift",
    "tzsb",
    "dianti",
    "kaohe",
    "keygen",
];

/// Latin words the documents themselves use (空气质量优良天数（AQI）, PM2.5).
const DOCUMENT_WORDS: &[&str] = &["AQI", "PM2.5"];

/// A Latin word on a Chinese screen that is not an identifier, or None.
fn english_word(line: &str, rubric_ids: &[String]) -> Option<String> {
    // The styled snapshot marks styles as ⟦fg=Cyan bold⟧: markup, not screen.
    let mut text = String::new();
    let mut in_markup = false;
    for c in line.chars() {
        match c {
            '⟦' => in_markup = true,
            '⟧' => in_markup = false,
            c if !in_markup => text.push(c),
            _ => {}
        }
    }
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_ascii_alphanumeric() || "-_+./<>#".contains(c) {
            word.push(c);
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    words.into_iter().find(|w| {
        let letters = w.chars().filter(char::is_ascii_alphabetic).count();
        let keycap = w.split('+').all(|part| part.len() <= 1 || KEYCAPS.contains(&part));
        // A path, a command-line flag or an item id is an identifier.
        let file = [".toml", ".docx", ".xlsx", ".json", ".csv"]
            .iter()
            .any(|e| w.ends_with(e));
        let identifier = w.contains('/') || w.starts_with("--") || w.contains('#') || file;
        let rubric = rubric_ids
            .iter()
            .any(|id| id.starts_with(w.trim_end_matches('-')) || w.starts_with(id.as_str()));
        // Single letters are keys (e, u, t) and item ids (1.1.5#3) carry none.
        letters > 1 && !keycap && !identifier && !rubric && !DOCUMENT_WORDS.contains(&w.as_str())
    })
}

#[test]
fn no_english_word_on_any_chinese_snapshot() {
    let rubric_ids: Vec<String> = kaohe::rubric::bundled::bundled()
        .iter()
        .map(|b| b.id.to_string())
        .collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).expect("snapshots") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if !name.ends_with(".snap") || name.contains("_en") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("snapshot");
        // insta's header sits between the first two "---" lines.
        let body = text.splitn(3, "---\n").nth(2).unwrap_or_default();
        // `rubric review` shows the rubric file verbatim, TOML keys and all:
        // its numbered lines (and their wrapped rest) are the file's words.
        let quotes_file = name.starts_with("rubric_review__");
        let mut in_file_line = false;
        for line in body.lines().filter(|l| !l.starts_with("== ")) {
            if quotes_file {
                let inner = line.trim_start_matches(['│', '|']);
                let numbered = inner.trim_start().starts_with(|c: char| c.is_ascii_digit())
                    && inner
                        .split_whitespace()
                        .next()
                        .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
                in_file_line = numbered || (in_file_line && inner.starts_with("   "));
                if in_file_line {
                    continue;
                }
            }
            if let Some(word) = english_word(line, &rubric_ids) {
                panic!("{name}: \"{word}\" on a Chinese screen: {line}");
            }
        }
        read += 1;
    }
    assert!(read >= 10, "only {read} snapshots read from {}", dir.display());
}

#[test]
fn the_scan_catches_an_english_word() {
    let ids = vec!["suizhou-2022".to_string()];
    assert_eq!(english_word("小计 0/5 unscored", &ids), Some("unscored".into()));
    assert_eq!(
        english_word("⟦fg=Cyan bold⟧ suizhou-2022 Ctrl+r 回车 Esc 1.1.5#3 e", &ids),
        None
    );
}
