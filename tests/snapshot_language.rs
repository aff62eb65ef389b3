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
    "key",
    "show",
    "import",
    "export",
    "rubric",
    "review",
    "check",
    "template",
    "draft",
    "sheet",
    "trust",
    "verify",
    "merge",
    "selfcheck",
    "progress",
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

/// Words that are names, not English sentences: formats, tools, key and
/// algorithm names, shells, and kaohe's own subcommands and option values
/// (`kaohe completions bash`, `--keymap vim`, `--lang en`).
const NAMES: &[&str] = &[
    "Ed25519",
    "ed25519",
    "base64",
    "TOML",
    "UTF-8",
    "UTF-16",
    "GBK",
    "CSV",
    "XLSX",
    "Word",
    "Excel",
    "WPS",
    "JSON",
    "SHA-256",
    "fzf",
    "ls",
    "roff",
    "shell",
    "bash",
    "zsh",
    "fish",
    "elvish",
    "powershell",
    "id",
    "default",
    "vim",
    "English",
    "zh",
    "en",
    "completions",
    "manpage",
    "synth",
    "keygen",
    "search",
    "diff",
    "add",
    "move",
    "revoke",
    "list",
    "rebuild",
    "help",
    "KAOHE_LANG",
    "KAOHE_PASSPHRASE",
    "Tab",
    "uid",
    "chmod",
    "tmp",
    "kaohe.1",
];

/// The rubric file's field names, which an error names as the file spells
/// them (`per_event_mode`, `[[item.sub]]`).
const RUBRIC_FIELDS: &[&str] = &[
    "min",
    "points",
    "per_event",
    "per_event_mode",
    "evidence",
    "evidence_subs",
    "evidence_text",
    "reconstructed",
    "reading",
    "note",
    "uncapped",
    "graded",
    "discrepancy",
    "criteria_column",
    "reference",
    "reference_input",
    "base",
    "step",
    "per",
    "factor",
    "steps",
    "tiers",
    "scale",
    "checklist",
    "award",
    "formula",
    "item.sub",
    "department",
    "area",
    "key_point",
    "partial",
    "deduct",
    "earn",
    "precision",
    "false",
    "true",
];

/// A Latin word on an office command's Chinese output that is neither an
/// identifier nor a name, or None.
fn english_in_output(line: &str, ids: &[String]) -> Option<String> {
    // “…” quotes what was typed or read: the user's words, not kaohe's.
    let mut unquoted = String::new();
    let mut depth = 0usize;
    for c in line.chars() {
        match c {
            '“' => depth += 1,
            '”' => depth = depth.saturating_sub(1),
            c if depth == 0 => unquoted.push(c),
            _ => {}
        }
    }
    // `提示[area-total]`: a finding's code, for scripts, is an identifier.
    let mut uncoded = String::new();
    let mut rest = unquoted.as_str();
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let code = after
            .find(']')
            .filter(|&close| close > 0 && after[..close].chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        match code {
            Some(close) => {
                uncoded.push_str(&rest[..open]);
                rest = &after[close + 1..];
            }
            None => {
                uncoded.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    uncoded.push_str(rest);
    let line = uncoded.as_str();
    let word = english_word(line, ids)?;
    // Flags, placeholders and ids as clap and kaohe print them.
    let bare = word.trim_matches(|c: char| "<>[].,:;()\"'".contains(c));
    let name = NAMES.contains(&bare)
        || RUBRIC_FIELDS.contains(&bare)
        || bare.starts_with("r") && bare[1..].chars().all(|c| c.is_ascii_digit());
    if name {
        // Look past this word for another.
        let rest = line.replacen(&word, "", 1);
        return english_in_output(&rest, ids);
    }
    Some(word)
}

/// Every command's path: `[]`, `["rubric"]`, `["rubric", "list"]`, …
fn command_paths() -> Vec<Vec<String>> {
    fn walk(command: &clap::Command, at: Vec<String>, all: &mut Vec<Vec<String>>) {
        all.push(at.clone());
        for sub in command.get_subcommands() {
            let mut next = at.clone();
            next.push(sub.get_name().to_string());
            walk(sub, next, all);
        }
    }
    let mut all = Vec::new();
    walk(
        &<kaohe::cli::Cli as clap::CommandFactory>::command(),
        Vec::new(),
        &mut all,
    );
    all
}

/// Each of `needles` was said somewhere: the paths a test walks were taken.
fn assert_heard(said: &[(String, String, String)], needles: &[&str]) {
    for needle in needles {
        let heard = said
            .iter()
            .any(|(_, out, err)| out.contains(needle) || err.contains(needle));
        assert!(heard, "nothing said \"{needle}\": {said:#?}");
    }
}

/// Nothing on these lines but names, identifiers and Chinese; lines that
/// quote a file or name a command to run are passed over.
fn assert_chinese(said: &[(String, String, String)], ids: &[String]) {
    for (command, out, err) in said {
        for line in out.lines().chain(err.lines()) {
            // A key line, a command to run.
            let quoted =
                line.starts_with("ed25519 ") || line.trim_start().starts_with("kaohe ") && !line.contains('：');
            if quoted {
                continue;
            }
            if let Some(word) = english_in_output(line, ids) {
                panic!("`kaohe {command}`: \"{word}\" in: {line}");
            }
        }
    }
}

/// A hand-written rubric with one of each authoring error: ids, districts,
/// grades, areas, key points, departments, points, helpers, tiers, formulas.
const AUTHORED: &str = r#"id = "本地 细则"
title = "t"
issuer = "i"
period = "2022"
districts = ["甲区", "甲区", "乙区\u200b", "乙区"]

[[grade]]
name = "A"
[[grade]]
name = "B"
min = "60"

[[department]]
name = "市市场监管局"

[[area]]
id = "1"
name = "领域"
points = "10"

[[key_point]]
id = "1.1"
area = "9"
name = "要点"

[[item]]
id = "1.1.1"
key_point = "1.2"
text = ""
criteria = ""
departments = ["市水务局"]
tiers = { measure = "率", ranges = [{ range = "80,90", points = "1" }, { range = "[90,)", points = "-2" }, { range = "[50,70)", points = "1" }] }

[[item]]
id = "1.1.2"
key_point = "1.1"
text = "x"
criteria = "y"
kind = "bonus"
departments = ["市市场监管局"]
formula = { rule = "linear", measure = "率", factor = "2" }

[[item]]
id = "1.1.3"
key_point = "1.1"
text = "x"
criteria = "y"
kind = "veto"
points = "2"
per_event = [{ name = "次", points = "-1" }]
departments = []
"#;

/// Issue 25 finding 9: the office's commands speak Chinese by default, on
/// their success and error paths alike: `--help` of every command, clap's
/// own refusals, trust add / list / move / revoke, verify (good, untrusted,
/// tampered, revoked, another department's), show, merge (good, with a
/// rejected file, without a trust file), rubric list / show / check, search.
/// Lines that quote a file (key lines, a rubric checker's own notes, the
/// JSON of `--json`) are not sentences of kaohe's.
#[test]
fn the_offices_commands_speak_chinese_by_default() {
    let ids: Vec<String> = kaohe::rubric::bundled::bundled()
        .iter()
        .map(|b| b.id.to_string())
        .collect();
    let office = office::Office::new();
    let mut said: Vec<(String, String, String)> = Vec::new();
    let mut run = |args: &[&str]| {
        let o = office.run(args);
        said.push((args.join(" "), office::out(&o), office::err(&o)));
        o
    };

    // Every command's help, and clap's own refusals.
    let all = command_paths();
    assert!(all.len() > 25, "{all:?}");
    for path in &all {
        for flag in ["--help", "-h"] {
            let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
            args.push(flag);
            run(&args);
        }
    }
    run(&["merge", "--bogus"]);
    run(&["verfy", "x.json"]);
    run(&["verify"]);
    run(&["trust"]);
    run(&["--lang", "xx", "rubric", "list"]);
    run(&["completions", "tcsh"]);

    // A department's files, to verify and merge.
    let water = office.keygen("水利", "王五");
    office.draft(
        "市水利和湖泊局",
        r#"{"曾都区":{"1.1.3#1":{"score":"0.5","note":"好"}},"随县":{"1.1.3#2":{"score":"1"}}}"#,
    );
    office.ok(&["export", "--rubric", "suizhou-2022", "--dept", "水利", "--out", "out"]);
    let file = std::fs::read_dir(office.path("out"))
        .expect("out")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("exported");
    let file = file.to_str().expect("utf-8").to_string();
    let tampered = office.path("tampered.json");
    let text = std::fs::read_to_string(&file).expect("file");
    // The payload's first character changed: the signature no longer holds.
    let changed = text.replacen("\"payload\": \"e", "\"payload\": \"f", 1);
    assert_ne!(changed, text, "tampered");
    std::fs::write(&tampered, changed).expect("tampered");
    let tampered = tampered.to_str().expect("utf-8");
    std::fs::write(office.path("broken.json"), "{").expect("broken");

    run(&["verify", &file]);
    run(&["verify", &file, "--key", water.trim()]);
    run(&["merge", &file]);
    run(&["trust", "list"]);
    run(&["trust", "add", "ed25519", "abcd", "xyz", "部门", "人"]);
    run(&["trust", "add", "ed25519"]);
    run(&["trust", "add", &water.trim().replace("市水利和湖泊局", "某某局")]);
    run(&["trust", "add", water.trim()]);
    run(&["trust", "add", water.trim()]);
    run(&["trust", "add", &water.trim().replace("市水利和湖泊局", "市交通运输局")]);
    run(&["trust", "list"]);
    run(&["verify", &file, tampered, "broken.json", "nowhere.json"]);
    run(&["show", &file]);
    run(&["show", tampered]);
    run(&["merge", &file, "--out", "reports"]);
    run(&["merge", &file, "broken.json", "--out", "reports"]);
    run(&["merge", &file, "--trust", "no-such-trust.toml"]);
    let key_id = water.split_whitespace().nth(1).expect("key id").to_string();
    run(&["trust", "move", &key_id]);
    run(&["trust", "move", &key_id, "--dept", "某某局"]);
    run(&["trust", "move", "abc", "--dept", "市交通运输局"]);
    run(&["trust", "revoke", "abc"]);
    run(&["trust", "revoke", &key_id]);
    run(&["trust", "move", &key_id, "--dept", "市交通运输局"]);
    run(&["verify", &file]);
    run(&["trust", "add", water.trim()]);
    run(&["trust", "list"]);
    run(&["progress", &file]);
    run(&["selfcheck", "import", "--rubric", "suizhou-2022", &file]);
    std::fs::write(office.path("bad-trust.toml"), "revoked = [\"ABC\"]\n").expect("trust");
    run(&["verify", &file, "--trust", "bad-trust.toml"]);
    run(&["trust", "list", "--trust", "bad-trust.toml"]);

    // The rubrics and search.
    run(&["rubric", "list"]);
    run(&["rubric", "show", "nowhere-1999"]);
    run(&["rubric", "show", "suizhou-2022", "--dept", "市"]);
    run(&["rubric", "check", "suizhou-2022", "huizhou-2017"]);
    std::fs::write(office.path("broken.toml"), "id = [").expect("broken");
    run(&["rubric", "check", "broken.toml"]);
    // A hand-written rubric's authoring errors: ids, grades, departments,
    // points, helpers, tiers, formulas.
    std::fs::write(office.path("authored.toml"), AUTHORED).expect("authored");
    run(&["rubric", "check", "authored.toml"]);
    run(&["search", "nowhere-1999", "tzsb"]);
    run(&["search", "suizhou-2022", "tzsb", "--dept", "某某局"]);

    // The paths this walks were taken: each says what it is for.
    let needles = [
        "用法：",
        "已信任",
        "已吊销",
        "通过：",
        "已写出",
        "不予接受",
        "这个命令",
        "签名与内容不符",
        "：错误[",
    ];
    assert_heard(&said, &needles);
    assert_chinese(&said, &ids);
}
