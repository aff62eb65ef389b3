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

/// kaohe's own commands, named where a message says which to run
/// (`kaohe key show`, `kaohe rubric review`): identifiers, not English.
const COMMAND_WORDS: &[&str] = &[
    "key", "show", "import", "export", "rubric", "review", "check", "template", "draft", "sheet", "trust", "verify",
    "merge",
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
        if c.is_ascii_alphanumeric() || "-_+./\\<>#".contains(c) {
            word.push(c);
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    words.into_iter().find(|w| {
        let letters = w.chars().filter(char::is_ascii_alphabetic).count();
        let keycap = w.split('+').all(|part| part.len() <= 1 || KEYCAPS.contains(&part));
        // A path, a command-line flag or an item id is an identifier.
        let file = [".toml", ".docx", ".xlsx", ".json", ".csv", ".key"]
            .iter()
            .any(|e| w.ends_with(e));
        let digest = w.len() >= 16 && w.chars().all(|c| c.is_ascii_hexdigit());
        let identifier = w.contains(['/', '\\']) || w.starts_with("--") || w.contains('#') || file || digest;
        let rubric = rubric_ids
            .iter()
            .any(|id| id.starts_with(w.trim_end_matches('-')) || w.starts_with(id.as_str()));
        // Single letters are keys (e, u, t) and item ids (1.1.5#3) carry none.
        let command = COMMAND_WORDS.contains(&w.as_str());
        letters > 1 && !keycap && !identifier && !rubric && !command && !DOCUMENT_WORDS.contains(&w.as_str())
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

#[path = "common/office.rs"]
mod office;

/// The department's commands speak Chinese by default too: keygen, key
/// show, template, import (a good sheet and a wrong one), export, draft
/// sheet, and their common errors, read line by line for Latin words. A key
/// line, a path, a flag and a command to run are identifiers.
#[test]
fn the_departments_commands_speak_chinese_by_default() {
    let ids: Vec<String> = kaohe::rubric::bundled::bundled()
        .iter()
        .map(|b| b.id.to_string())
        .collect();
    let office = office::Office::new();
    let mut said = Vec::new();
    let mut run = |args: &[&str]| {
        let o = office.run(args);
        said.push((args.join(" "), office::out(&o), office::err(&o)));
    };
    let keygen = [
        "keygen",
        "--rubric",
        "suizhou",
        "--dept",
        "水利",
        "--scorer",
        "王五",
        "--no-passphrase",
    ];
    run(&keygen);
    run(&keygen);
    run(&["keygen", "--dept", "水利", "--scorer", "王五", "--no-passphrase"]);
    run(&["keygen", "--rubric", "suizhou", "--scorer", "王五"]);
    run(&["key", "show"]);
    run(&["key", "show", "--dept", "交通"]);
    let sheet = office.path("t.csv");
    let sheet = sheet.to_str().expect("utf-8");
    run(&["template", "--rubric", "suizhou-2022", "--dept", "水利", "--out", sheet]);
    std::fs::write(office.path("good.csv"), "区县,项目,得分,备注\n曾都区,1.1.3#1,0.5,好\n").expect("csv");
    std::fs::write(
        office.path("bad.csv"),
        "区县,项目,得分,备注\n曾都,1.1.3#1,0.5,\n曾都区,9.9.9,1,\n曾都区,1.1.3#2,好,\n曾都区,1.1.3#3,9,\n,,,\n",
    )
    .expect("csv");
    run(&[
        "import",
        "--rubric",
        "suizhou-2022",
        "--dept",
        "水利",
        "--scorer",
        "王五",
        "bad.csv",
    ]);
    run(&["import", "--rubric", "suizhou-2022", "--dept", "水利", "good.csv"]);
    run(&[
        "import",
        "--rubric",
        "suizhou-2022",
        "--dept",
        "水利",
        "--scorer",
        "王五",
        "good.csv",
    ]);
    run(&["export", "--rubric", "suizhou-2022", "--dept", "水利", "--out", "out"]);
    run(&["export", "--rubric", "suizhou-2022", "--dept", "交通", "--out", "out"]);
    run(&["export", "--dept", "水利"]);
    let printed = office.path("d.csv");
    let printed = printed.to_str().expect("utf-8");
    run(&[
        "draft",
        "sheet",
        "--rubric",
        "suizhou-2022",
        "--dept",
        "水利",
        "--out",
        printed,
    ]);
    let sheet_text = std::fs::read_to_string(printed).unwrap_or_default();
    said.push(("the printed draft".into(), sheet_text, String::new()));
    assert!(said.iter().any(|(_, out, _)| out.contains("已生成")), "{said:#?}");
    for (command, out, err) in &said {
        for line in out.lines().chain(err.lines()) {
            // The key line handed to the office, and a command to run.
            if line.starts_with("kaohe") && !line.starts_with("kaohe:") || line.starts_with("ed25519 ") {
                continue;
            }
            if let Some(word) = english_word(line, &ids) {
                panic!("`kaohe {command}`: \"{word}\" in: {line}");
            }
        }
    }
}
