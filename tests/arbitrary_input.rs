//! Arbitrary input at the four doors where files come in: rubric files,
//! keymap files, signed score files and score sheets. Random bytes, valid
//! files damaged at random, and valid files built from random values end in
//! a result or in a message that names the file and the line, row or field;
//! nothing panics, and a signed file never verifies with other content than
//! was signed. The cargo-fuzz targets under fuzz/ drive the same entry
//! points for longer.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kaohe::io::rubric_files;
use kaohe::io::sheets::read_table;
use kaohe::rubric::{self, Checked, Kind, Rubric, ScoringUnit, bundled, hash::rubric_hash};
use kaohe::scoring::bounds;
use kaohe::scoring::draft::{Draft, unit_key};
use kaohe::scoring::import::{Table, import_rows};
use kaohe::seal::dsse;
use kaohe::seal::keys::{KeyLine, Signer};
use kaohe::seal::payload::{FORMAT, PAYLOAD_TYPE, ScoreEntry, ScoreFile};
use kaohe::seal::verify::{Keys, VerifyError, verify_bytes};
use kaohe::tui::action::{Action, Mode};
use kaohe::tui::keymap::{Key, Keymap, Lookup};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select, subsequence};
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

const WATER: &str = "市水利和湖泊局";
const TRANSPORT: &str = "市交通运输局";

fn suizhou() -> &'static Rubric {
    static RUBRIC: OnceLock<Rubric> = OnceLock::new();
    RUBRIC.get_or_init(|| rubric_files::find("suizhou-2022").expect("bundled"))
}

/// Hashing the resolved rubric takes a while in a debug build; every case needs it.
fn suizhou_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| rubric_hash(suizhou()))
}

/// A known key: signing in a test needs no key file.
fn signer() -> &'static Signer {
    static SIGNER: OnceLock<Signer> = OnceLock::new();
    SIGNER.get_or_init(|| Signer::from_seed([0x42; 32], WATER, "张三"))
}

fn key_lines() -> &'static [KeyLine] {
    static LINES: OnceLock<Vec<KeyLine>> = OnceLock::new();
    LINES.get_or_init(|| vec![signer().key_line().clone()])
}

/// The lines a diagnostic may name: every line of the text, and the one
/// after a final newline (where an unterminated string or table ends).
fn last_line(text: &str) -> usize {
    text.lines().count() + 1
}

fn check_lines(checked: &Checked, text: &str) -> Result<(), TestCaseError> {
    for d in &checked.diagnostics {
        if let Some(line) = d.line {
            prop_assert!(
                (1..=last_line(text)).contains(&line),
                "{} names line {line} of {} lines: {}",
                d.code,
                last_line(text),
                d.message
            );
        }
    }
    Ok(())
}

/// `check` and `load` agree, and a refused rubric's message names its file.
fn check_and_load(file: &str, text: &str) -> Result<Option<Rubric>, TestCaseError> {
    let checked = rubric::check(file, text);
    check_lines(&checked, text)?;
    match rubric::load(file, text) {
        Ok(r) => {
            prop_assert!(!checked.has_errors(), "load accepted a rubric with errors");
            Ok(Some(r))
        }
        Err(e) => {
            prop_assert!(checked.has_errors(), "load refused a rubric without errors");
            prop_assert!(e.to_string().contains(file), "{e}");
            Ok(None)
        }
    }
}

/// What the workbench and the merge compute from a loaded rubric first:
/// none of it may panic, whatever numbers the file held.
fn exercise(r: &Rubric) -> Result<(), TestCaseError> {
    let _ = rubric_hash(r);
    let _ = r.area_tallies();
    let _ = r.department_tallies();
    for unit in r.scoring_units() {
        if let Some(p) = unit.points {
            prop_assert!(p > Decimal::ZERO, "{}: points {p} loaded", unit.item.id);
        }
        let (min, max) = bounds::range(&unit);
        prop_assert!(min.is_none_or(|m| m <= max), "{}: empty range", unit.item.id);
        let _ = bounds::parse_score(&max.to_string(), &unit, r.precision);
        match &unit.item.helper {
            Some(rubric::Helper::PerEvent { events, .. }) => {
                // The most events a count can say, of every kind.
                let counts = vec![u32::MAX; events.len()];
                let _ = bounds::per_event_score(events, &counts, unit.item.points, Decimal::NEGATIVE_ONE);
            }
            Some(rubric::Helper::Checklist { .. }) => {
                let all: Vec<String> = unit.item.subs.iter().map(|s| s.id.clone()).collect();
                let _ = bounds::checklist_score(unit.item, &all);
            }
            Some(rubric::Helper::Tiers(tiers)) => {
                let _ = bounds::tier_for(tiers, Decimal::MAX);
                let _ = rubric::lint::tier_problems(tiers);
            }
            _ => {}
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- rubrics

/// A point value as a rubric file might hold it, and what it should get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A plain positive decimal.
    Fine,
    /// Not a decimal at all: refused by the parse, on its line.
    NotDecimal,
    /// Far larger than any assessment's points: refused on its line.
    Huge,
    /// Zero or negative: a decimal, refused where points must be positive.
    NotPositive,
}

fn point_value() -> impl Strategy<Value = (String, Class)> {
    prop_oneof![
        6 => "[1-9][0-9]{0,2}(\\.[0-9]{1,2})?".prop_map(|s| (s, Class::Fine)),
        1 => "0\\.[0-9]{4,26}[1-9]".prop_map(|s| (s, Class::Fine)),
        1 => select(vec!["1e3", "2,5", ".5", "5.", "10分", "abc", "--1", "0x10", "１０"])
            .prop_map(|s| (s.to_string(), Class::NotDecimal)),
        2 => "[1-9][0-9]{12,27}(\\.[0-9]{0,3}[1-9])?".prop_map(|s| (s, Class::Huge)),
        1 => select(vec!["79228162514264337593543950335", "-79228162514264337593543950335"])
            .prop_map(|s| (s.to_string(), Class::Huge)),
        1 => "(0|-[1-9][0-9]{0,2})".prop_map(|s| (s, Class::NotPositive)),
    ]
}

#[derive(Debug, Clone)]
enum HelperGen {
    None,
    Scale(Vec<(String, Class)>),
    Tiers {
        integer: bool,
        /// Lower edge of the first tier, the edge between the tiers, upper
        /// edge of the last; each open when None.
        edges: (Option<String>, String, Option<String>),
        points: Vec<(String, Class)>,
    },
    PerEvent(Vec<(String, Class)>),
    Checklist(Vec<(String, Class)>),
}

fn edge() -> impl Strategy<Value = String> {
    prop_oneof![
        "-?[0-9]{1,3}(\\.[0-9]{1,2})?",
        "-?[1-9][0-9]{12,28}",
        select(vec!["79228162514264337593543950335", "-79228162514264337593543950335"]).prop_map(String::from),
    ]
}

fn helper() -> impl Strategy<Value = HelperGen> {
    prop_oneof![
        3 => Just(HelperGen::None),
        1 => vec(point_value(), 1..3).prop_map(HelperGen::Scale),
        2 => (any::<bool>(), proptest::option::of(edge()), edge(), proptest::option::of(edge()), vec(point_value(), 2..=2))
            .prop_map(|(integer, low, mid, high, points)| HelperGen::Tiers { integer, edges: (low, mid, high), points }),
        2 => vec(point_value(), 1..3).prop_map(HelperGen::PerEvent),
        1 => vec(point_value(), 2..3).prop_map(HelperGen::Checklist),
    ]
}

#[derive(Debug, Clone)]
struct ItemGen {
    kind: &'static str,
    points: Option<(String, Class)>,
    department: &'static str,
    helper: HelperGen,
}

fn item() -> impl Strategy<Value = ItemGen> {
    (
        select(vec!["standard", "standard", "deduction", "bonus", "veto"]),
        proptest::option::weighted(0.9, point_value()),
        select(vec!["甲局", "乙局", "甲", "丙局"]),
        helper(),
    )
        .prop_map(|(kind, points, department, helper)| ItemGen {
            kind,
            points,
            department,
            helper,
        })
}

/// A rubric file built from random values, and every point value in it with
/// its line, in file order.
fn rubric_text(precision: u32, total: &(String, Class), items: &[ItemGen]) -> (String, Vec<(usize, Class)>) {
    let mut lines: Vec<String> = Vec::new();
    let mut values = Vec::new();
    let push = |lines: &mut Vec<String>, line: String| lines.push(line);
    for l in [
        "id = \"random-1\"",
        "title = \"随机考核要点\"",
        "issuer = \"测试办\"",
        "period = \"2024\"",
        "districts = [\"甲区\", \"乙县\"]",
    ] {
        push(&mut lines, l.to_string());
    }
    push(&mut lines, format!("precision = {precision}"));
    push(&mut lines, format!("total = \"{}\"", total.0));
    values.push((lines.len(), total.1));
    for l in [
        "[[department]]",
        "name = \"甲局\"",
        "aliases = [\"甲\"]",
        "[[department]]",
        "name = \"乙局\"",
        "[[area]]",
        "id = \"1\"",
        "name = \"领域\"",
        "[[key_point]]",
        "id = \"1.1\"",
        "area = \"1\"",
        "name = \"要点\"",
    ] {
        push(&mut lines, l.to_string());
    }
    for (i, it) in items.iter().enumerate() {
        push(&mut lines, "[[item]]".into());
        push(&mut lines, format!("id = \"1.1.{}\"", i + 1));
        push(&mut lines, "key_point = \"1.1\"".into());
        push(&mut lines, format!("text = \"第{}项\"", i + 1));
        push(&mut lines, format!("kind = \"{}\"", it.kind));
        if let Some((p, class)) = &it.points {
            push(&mut lines, format!("points = \"{p}\""));
            values.push((lines.len(), *class));
        }
        push(&mut lines, "criteria = \"按情况评分\"".into());
        push(&mut lines, format!("departments = [\"{}\"]", it.department));
        helper_lines(&it.helper, &mut lines, &mut values);
    }
    let mut text = lines.join("\n");
    text.push('\n');
    (text, values)
}

/// The lines of an item's helper, and each point value's line among them.
fn helper_lines(helper: &HelperGen, lines: &mut Vec<String>, values: &mut Vec<(usize, Class)>) {
    let push = |lines: &mut Vec<String>, line: String| lines.push(line);
    let inline = |lines: &mut Vec<String>, values: &mut Vec<(usize, Class)>, entry: String, class: Class| {
        lines.push(entry);
        values.push((lines.len(), class));
    };
    match helper {
        HelperGen::None => {}
        HelperGen::Scale(levels) => {
            push(lines, "scale = [".into());
            for (n, (p, class)) in levels.iter().enumerate() {
                inline(
                    lines,
                    values,
                    format!("  {{ name = \"级{n}\", points = \"{p}\" }},"),
                    *class,
                );
            }
            push(lines, "]".into());
        }
        HelperGen::PerEvent(events) => {
            push(lines, "per_event = [".into());
            for (n, (p, class)) in events.iter().enumerate() {
                inline(
                    lines,
                    values,
                    format!("  {{ name = \"事件{n}\", points = \"{p}\" }},"),
                    *class,
                );
            }
            push(lines, "]".into());
        }
        HelperGen::Tiers {
            integer,
            edges: (low, mid, high),
            points,
        } => {
            push(lines, "[item.tiers]".into());
            push(lines, "measure = \"比例\"".into());
            push(lines, format!("integer = {integer}"));
            push(lines, "ranges = [".into());
            let low = low.clone().unwrap_or_default();
            let high = high.clone().unwrap_or_default();
            let ranges = [format!("[{low},{mid})"), format!("[{mid},{high}]")];
            for (range, (p, class)) in ranges.iter().zip(points) {
                inline(
                    lines,
                    values,
                    format!("  {{ range = \"{range}\", points = \"{p}\" }},"),
                    *class,
                );
            }
            push(lines, "]".into());
        }
        HelperGen::Checklist(subs) => {
            push(lines, "checklist = \"earn\"".into());
            for (n, (p, class)) in subs.iter().enumerate() {
                push(lines, "[[item.sub]]".into());
                push(lines, format!("id = \"{}\"", n + 1));
                push(lines, format!("text = \"第{}条\"", n + 1));
                push(lines, format!("points = \"{p}\""));
                values.push((lines.len(), *class));
            }
        }
    }
}

fn bundled_text() -> impl Strategy<Value = &'static str> {
    let texts: Vec<&'static str> = bundled::bundled().into_iter().map(|b| b.text).collect();
    select(texts)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Arbitrary bytes, and real rubrics with a span replaced by arbitrary
    /// bytes: every problem is on a line of the file, `check` and `load`
    /// agree, and what loads survives the workbench's arithmetic.
    #[test]
    fn rubric_bytes_never_panic(
        bytes in vec(any::<u8>(), 0..600),
        text in bundled_text(),
        at in any::<Index>(),
        cut in 0usize..40,
    ) {
        check_and_load("bytes.toml", &String::from_utf8_lossy(&bytes))?;
        let mut damaged = text.as_bytes().to_vec();
        let start = at.index(damaged.len());
        let end = (start + cut).min(damaged.len());
        damaged.splice(start..end, bytes.iter().copied().take(24));
        let damaged = String::from_utf8_lossy(&damaged);
        if let Some(r) = check_and_load("rubrics/damaged.toml", &damaged)? {
            exercise(&r)?;
        }
    }

    /// Rubrics built from random point values, tier edges and helpers:
    /// a value that is not a decimal, or that no assessment could hold, is
    /// refused on its own line; points that are not positive are refused;
    /// whatever loads is safe to score with.
    #[test]
    fn rubric_random_values(
        precision in 0u32..9,
        total in point_value(),
        items in vec(item(), 1..5),
    ) {
        let (text, values) = rubric_text(precision, &total, &items);
        let checked = rubric::check("random.toml", &text);
        check_lines(&checked, &text)?;
        let errors: Vec<(Option<usize>, &str)> = checked.errors().map(|d| (d.line, d.code)).collect();
        // The parse stops at the first value it cannot read (in the TOML
        // reader's order of keys, which is not the file's).
        let unreadable: Vec<usize> = values
            .iter()
            .filter(|(_, c)| matches!(c, Class::NotDecimal | Class::Huge))
            .map(|(line, _)| *line)
            .collect();
        if !unreadable.is_empty() {
            prop_assert!(
                errors.iter().any(|(line, code)| *code == "toml" && line.is_some_and(|l| unreadable.contains(&l))),
                "no error on any of lines {unreadable:?}: {errors:?}\n{text}"
            );
        } else if items.iter().any(|it| matches!(it.points, Some((_, Class::NotPositive)))) {
            prop_assert!(errors.iter().any(|(_, code)| *code == "bad-points"), "{errors:?}\n{text}");
        }
        if let Some(r) = check_and_load("random.toml", &text)? {
            prop_assert!(values.iter().all(|(_, c)| *c != Class::NotDecimal && *c != Class::Huge));
            exercise(&r)?;
        }
    }
}

// ----------------------------------------------------------------- keymaps

fn default_keymap() -> &'static Keymap {
    static KEYMAP: OnceLock<Keymap> = OnceLock::new();
    KEYMAP.get_or_init(|| Keymap::builtin("default").expect("default keymap"))
}

/// A key reads back from the form it prints in.
fn round_trips(text: &str) -> Result<(), TestCaseError> {
    if let Ok(key) = Key::parse(text) {
        let shown = key.to_string();
        prop_assert_eq!(Key::parse(&shown), Ok(key), "{:?} printed as {:?}", text, shown);
    }
    Ok(())
}

/// Key strings as people write them, right or nearly right.
fn key_text() -> impl Strategy<Value = String> {
    let body = prop_oneof![
        "[a-zA-Z0-9?/\\[\\]<>\\-=.,;:!@#]",
        "[\\u{4e00}-\\u{9fa5}\\u{3000}\\u{a0}]",
        select(vec![
            "esc",
            "Escape",
            "ret",
            "Enter",
            "tab",
            "Tab",
            "space",
            "backspace",
            "bs",
            "del",
            "ins",
            "up",
            "down",
            "left",
            "right",
            "home",
            "end",
            "pgup",
            "pagedown",
            "f1",
            "F12",
            "f13",
            "",
        ])
        .prop_map(String::from),
    ];
    (
        vec(select(vec!["C-", "A-", "S-", "c-", "C+"]), 0..3),
        body,
        any::<bool>(),
        select(vec!["", " ", "  "]),
    )
        .prop_map(|(mods, body, angle, pad)| {
            let key = format!("{}{body}", mods.concat());
            let key = if angle { format!("<{key}>") } else { key };
            format!("{pad}{key}{pad}")
        })
}

/// Keys a user may bind in [normal], in canonical form, all different.
fn bindable() -> Vec<String> {
    let mut keys: Vec<String> = ('a'..='z').flat_map(|c| [format!("C-{c}"), format!("A-{c}")]).collect();
    keys.extend(
        [
            "x", "G", "z", "!", "特", "f5", "f11", "ins", "S-up", "C-home", "A-S-end", "C-space",
        ]
        .map(String::from),
    );
    keys
}

/// One thing wrong in an otherwise good keymap file.
#[derive(Debug, Clone)]
enum KeymapFault {
    None,
    UnknownAction(String),
    BadKey(&'static str),
    UnknownTable(String),
    /// A digit starts typing a score in [normal].
    Reserved,
    /// The first key again, spelled `<...>`.
    Twice,
}

fn keymap_fault() -> impl Strategy<Value = KeymapFault> {
    prop_oneof![
        3 => Just(KeymapFault::None),
        1 => "[a-z_]{3,12}"
            .prop_filter("not an action", |s| Action::from_name(s).is_none() && s != "none")
            .prop_map(KeymapFault::UnknownAction),
        1 => select(vec!["ctrl+x", "hello", "C-", "<>", "C-A-", "f99"]).prop_map(KeymapFault::BadKey),
        1 => "[a-z]{3,10}"
            .prop_filter("not a mode", |s| Mode::from_name(s).is_none())
            .prop_map(KeymapFault::UnknownTable),
        1 => Just(KeymapFault::Reserved),
        1 => Just(KeymapFault::Twice),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Arbitrary bytes as a keymap file: refused with problems that name the
    /// file and a line of it, or merged into bindings whose keys read back.
    #[test]
    fn keymap_bytes_never_panic(bytes in vec(any::<u8>(), 0..300), prefix in select(vec!["", "[normal]\n", "[search]\n\"", "[picker]\n\"C-"])) {
        let mut text = prefix.as_bytes().to_vec();
        text.extend(&bytes);
        let text = String::from_utf8_lossy(&text);
        match default_keymap().merge_text("mine.toml", &text) {
            Ok(keymap) => {
                for &mode in Mode::ALL {
                    for (keys, _) in keymap.bindings(mode) {
                        let seq: Result<Vec<Key>, _> = keys.split_whitespace().map(Key::parse).collect();
                        prop_assert!(seq.is_ok(), "bound {:?} does not read back", keys);
                    }
                }
            }
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                for p in problems {
                    prop_assert_eq!(&p.file, "mine.toml");
                    if let Some(line) = p.line {
                        prop_assert!((1..=last_line(&text)).contains(&line), "{}", p);
                    }
                }
            }
        }
    }

    /// Every key string, written right or nearly right or not at all, either
    /// is refused or prints in a form that reads back as the same key.
    #[test]
    fn key_strings_read_back(written in key_text(), junk in "\\PC{0,6}") {
        round_trips(&written)?;
        round_trips(&junk)?;
    }

    /// A keymap file of random good bindings binds every one of them; the
    /// same file with one thing wrong is refused with that line named.
    #[test]
    fn keymap_random_bindings(
        keys in subsequence(bindable(), 1..8),
        actions in vec(select(Action::ALL.to_vec()), 8),
        angle in vec(any::<bool>(), 8),
        fault in keymap_fault(),
        at in any::<Index>(),
    ) {
        let mut lines = vec!["# mine".to_string(), "[normal]".to_string()];
        for (i, key) in keys.iter().enumerate() {
            let written = if angle[i] { format!("<{key}>") } else { key.clone() };
            lines.push(format!("\"{written}\" = \"{}\"", actions[i].name()));
        }
        // After the table's header, anywhere among the bindings (a second
        // spelling of a key goes after the first).
        let first_after = if matches!(fault, KeymapFault::Twice) { 3 } else { 2 };
        let at = first_after + at.index(lines.len() + 1 - first_after);
        let entry = match &fault {
            KeymapFault::None => None,
            KeymapFault::UnknownAction(a) => Some(format!("\"f3\" = \"{a}\"")),
            KeymapFault::BadKey(k) => Some(format!("\"{k}\" = \"quit\"")),
            KeymapFault::Reserved => Some("\"5\" = \"quit\"".to_string()),
            KeymapFault::Twice => Some(format!("\" {}\" = \"help\"", keys[0])),
            KeymapFault::UnknownTable(name) => {
                lines.push(format!("[{name}]"));
                lines.push("\"C-x\" = \"quit\"".into());
                None
            }
        };
        let fault_line = match (&fault, entry) {
            (KeymapFault::UnknownTable(_), _) => Some(lines.len() - 1),
            (_, Some(entry)) => {
                lines.insert(at, entry);
                Some(at + 1)
            }
            _ => None,
        };
        let text = lines.join("\n");
        match (default_keymap().merge_text("mine.toml", &text), fault_line) {
            (Ok(keymap), None) => {
                for (key, action) in keys.iter().zip(&actions) {
                    let parsed = Key::parse(key).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    prop_assert_eq!(keymap.lookup(Mode::Normal, &[parsed]), Lookup::Action(*action), "{}", key);
                }
            }
            (Err(problems), Some(line)) => {
                // A key bound twice may be named at either spelling.
                let lines = if matches!(fault, KeymapFault::Twice) { vec![line, 3] } else { vec![line] };
                prop_assert!(
                    problems.iter().any(|p| p.file == "mine.toml" && p.line.is_some_and(|l| lines.contains(&l))),
                    "nothing said about line {line}: {problems:?}\n{text}"
                );
            }
            (Ok(_), Some(line)) => prop_assert!(false, "line {line} was accepted:\n{text}"),
            (Err(problems), None) => prop_assert!(false, "a good file was refused: {problems:?}\n{text}"),
        }
    }
}

// -------------------------------------------------------------- score files

fn keys_for_this_run() -> Keys<'static> {
    Keys {
        trust: None,
        extra: key_lines(),
    }
}

fn verify(bytes: &[u8]) -> Result<kaohe::seal::payload::Verified, VerifyError> {
    verify_bytes(
        "scores.json",
        bytes,
        &keys_for_this_run(),
        std::slice::from_ref(suizhou()),
    )
}

fn sign(payload: &[u8]) -> Vec<u8> {
    dsse::sign_envelope(signer(), PAYLOAD_TYPE, payload)
}

fn departments_with_units() -> Vec<String> {
    suizhou()
        .departments
        .iter()
        .filter(|d| suizhou().scoring_units().any(|u| u.department == d.name))
        .map(|d| d.name.clone())
        .collect()
}

/// A score the workbench could enter for the unit: `fraction` of the way
/// across its range, at the rubric's precision; on a unit with a rule, the
/// nearest score some input of its helper gives.
fn score_in(unit: &ScoringUnit<'_>, fraction: u32, precision: u32) -> Decimal {
    let (min, max) = bounds::range(unit);
    let min = min.unwrap_or_default();
    let value = (min + (max - min) * Decimal::from(fraction) / Decimal::from(1000u32)).round_dp(precision);
    let value = value.max(min).min(max).normalize();
    let value = match helper_scores(unit, precision) {
        Some(given) => given.into_iter().min_by_key(|s| (*s - value).abs()).unwrap_or(value),
        None => value,
    };
    if value.is_zero() { Decimal::ZERO } else { value }
}

/// Every score the unit's helper gives for some input, found by trying its
/// inputs one by one (the oracle for the rule, which reasons instead); None
/// when the unit takes any score in its range.
fn helper_scores(unit: &ScoringUnit<'_>, precision: u32) -> Option<BTreeSet<Decimal>> {
    use kaohe::rubric::{FormulaRule, Helper, Reference};
    use kaohe::scoring::draft::HelperInput;
    let give = |input: HelperInput| bounds::helper_score(unit, &input, precision).ok();
    let scores: BTreeSet<Decimal> = match unit.helper()? {
        Helper::Scale { levels } => {
            let top = levels.iter().map(|l| l.points).max().unwrap_or_default();
            if unit.points.is_some_and(|p| top < p) {
                return None;
            }
            levels
                .iter()
                .filter_map(|l| give(HelperInput::Scale { level: l.name.clone() }))
                .collect()
        }
        Helper::Tiers(tiers) => tiers.ranges.iter().map(|t| t.points).collect(),
        Helper::Award => [false, true]
            .into_iter()
            .filter_map(|awarded| give(HelperInput::Award { awarded }))
            .collect(),
        Helper::PerEvent { events, .. } => {
            let most: u32 = if events.len() == 1 { 400 } else { 30 };
            let mut counts = vec![vec![]];
            for _ in events {
                counts = counts
                    .into_iter()
                    .flat_map(|c: Vec<u32>| {
                        (0..=most).map(move |n| {
                            let mut c = c.clone();
                            c.push(n);
                            c
                        })
                    })
                    .collect();
            }
            counts
                .into_iter()
                .filter_map(|counts| give(HelperInput::PerEvent { counts, events: vec![] }))
                .collect()
        }
        Helper::Checklist { .. } if unit.sub.is_none() => {
            let ids: Vec<String> = unit.item.subs.iter().map(|s| s.id.clone()).collect();
            (0u32..1 << ids.len().min(12))
                .filter_map(|mask| {
                    let ticked = ids.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0);
                    give(HelperInput::Checklist {
                        ticked: ticked.map(|(_, id)| id.clone()).collect(),
                    })
                })
                .collect()
        }
        Helper::Checklist { .. } => return None,
        Helper::Formula(formula) => match formula.rule {
            FormulaRule::Proportional { .. } => return None,
            FormulaRule::Linear { per, .. } => {
                let (reference, given) = match &formula.reference {
                    Reference::Fixed(r) => (*r, None),
                    Reference::Input(_) => (Decimal::ONE_HUNDRED, Some(Decimal::ONE_HUNDRED)),
                };
                (-400i64..=400)
                    .filter_map(|k| {
                        give(HelperInput::Formula {
                            value: reference + per * Decimal::from(k),
                            reference: given,
                        })
                    })
                    .collect()
            }
        },
    };
    Some(scores.into_iter().map(|s| s.normalize()).collect())
}

fn entry_for(unit: &ScoringUnit<'_>, district: &str, fraction: u32, vetoed: bool) -> ScoreEntry {
    let veto = unit.item.kind == Kind::Veto;
    ScoreEntry {
        district: district.to_string(),
        item: unit.item.id.clone(),
        sub: unit.sub.map(|s| s.id.clone()),
        score: (!veto).then(|| score_in(unit, fraction, suizhou().precision)),
        veto: veto.then_some(vetoed),
        input: None,
        note: if veto && vetoed {
            "发生重大质量安全事故".into()
        } else {
            String::new()
        },
        evidence_missing: fraction.is_multiple_of(7),
    }
}

/// One department's file with a random selection of its cells.
fn score_file(department: &str, cells: &[(usize, usize, u32, bool)]) -> ScoreFile {
    let r = suizhou();
    let units: Vec<ScoringUnit<'_>> = r.scoring_units().filter(|u| u.department == department).collect();
    let mut seen = BTreeSet::new();
    let mut scores = Vec::new();
    for &(d, u, fraction, vetoed) in cells {
        let (d, u) = (d % r.districts.len(), u % units.len());
        if seen.insert((d, u)) {
            scores.push(entry_for(&units[u], &r.districts[d], fraction, vetoed));
        }
    }
    ScoreFile {
        format: FORMAT,
        rubric: r.id.clone(),
        rubric_hash: suizhou_hash().to_string(),
        department: department.to_string(),
        scorer: "张三".into(),
        key_id: signer().key_line().key_id.clone(),
        revision: 1,
        created: "2026-01-01T00:00:00Z".into(),
        scores,
    }
}

fn cells() -> impl Strategy<Value = Vec<(usize, usize, u32, bool)>> {
    vec((0usize..64, 0usize..64, 0u32..=1000, any::<bool>()), 1..12)
}

/// Whether the verifier should accept this file, decided from the rubric
/// alone, entry by entry, as the office would check it by hand.
fn acceptable(file: &ScoreFile) -> bool {
    let r = suizhou();
    if file.format != FORMAT
        || file.key_id != signer().key_line().key_id
        || file.rubric != r.id
        || file.rubric_hash != suizhou_hash()
        || !r.departments.iter().any(|d| d.name == file.department)
        || !(1..=u64::from(u32::MAX)).contains(&file.revision)
        || !kaohe::clock::is_rfc3339_utc(&file.created)
    {
        return false;
    }
    let mut seen = BTreeSet::new();
    file.scores.iter().all(|e| {
        let Some(unit) = r.scoring_units().find(|u| {
            u.item.id == e.item && u.sub.map(|s| s.id.as_str()) == e.sub.as_deref() && u.department == file.department
        }) else {
            return false;
        };
        // Helper inputs must give the score they travel with.
        if let Some(input) = &e.input
            && bounds::helper_score(&unit, input, r.precision).ok() != e.score
        {
            return false;
        }
        let (min, max) = bounds::range(&unit);
        let given = helper_scores(&unit, r.precision);
        let fits = |s: Decimal| {
            min.is_none_or(|m| s >= m)
                && s <= max
                && s.normalize().scale() <= r.precision
                && given.as_ref().is_none_or(|g| g.contains(&s.normalize()))
        };
        r.districts.contains(&e.district)
            && unit.department == file.department
            && seen.insert((e.district.clone(), e.item.clone(), e.sub.clone()))
            && match (unit.item.kind, e.score, e.veto) {
                (Kind::Veto, Some(_), _) => false,
                (Kind::Veto, None, Some(true)) => !e.note.trim().is_empty(),
                (Kind::Veto, _, _) => true,
                (_, _, Some(_)) => false,
                (_, Some(s), None) => fits(s),
                (_, None, None) => true,
            }
    })
}

/// One thing wrong in a good file, and the error it must get.
#[derive(Debug, Clone, Copy)]
enum ScoreFault {
    None,
    UnknownDistrict,
    ForeignItem,
    NoSuchItem,
    Duplicate,
    AboveMax,
    TooPrecise,
    VetoOnScore,
    Format,
    OtherKey,
    OtherRubricHash,
    UnknownDepartment,
    NotCanonical,
}

fn score_fault() -> impl Strategy<Value = ScoreFault> {
    select(vec![
        ScoreFault::None,
        ScoreFault::None,
        ScoreFault::None,
        ScoreFault::UnknownDistrict,
        ScoreFault::ForeignItem,
        ScoreFault::NoSuchItem,
        ScoreFault::Duplicate,
        ScoreFault::AboveMax,
        ScoreFault::TooPrecise,
        ScoreFault::VetoOnScore,
        ScoreFault::Format,
        ScoreFault::OtherKey,
        ScoreFault::OtherRubricHash,
        ScoreFault::UnknownDepartment,
        ScoreFault::NotCanonical,
    ])
}

/// Apply the fault to the file at entry `at`; false when this file has no
/// entry it applies to (the case then checks the good file).
fn inject(file: &mut ScoreFile, fault: ScoreFault, at: usize) -> bool {
    let r = suizhou();
    let department = file.department.clone();
    let at = at % file.scores.len();
    let unit_of = |e: &ScoreEntry| {
        r.scoring_units()
            .find(|u| u.item.id == e.item && u.sub.map(|s| s.id.as_str()) == e.sub.as_deref())
    };
    let scored = file
        .scores
        .iter()
        .position(|e| e.score.is_some() && unit_of(e).is_some_and(|u| u.item.kind != Kind::Veto));
    match fault {
        ScoreFault::None | ScoreFault::NotCanonical => false,
        ScoreFault::UnknownDistrict => {
            file.scores[at].district = "火星区".into();
            true
        }
        ScoreFault::ForeignItem => {
            let Some(other) = r.scoring_units().find(|u| u.department != department) else {
                return false;
            };
            file.scores[at].item = other.item.id.clone();
            file.scores[at].sub = other.sub.map(|s| s.id.clone());
            true
        }
        ScoreFault::NoSuchItem => {
            file.scores[at].item = "9.9.9".into();
            true
        }
        ScoreFault::Duplicate => {
            let again = file.scores[at].clone();
            file.scores.push(again);
            true
        }
        ScoreFault::AboveMax => match scored {
            Some(i) => {
                let (_, max) = unit_of(&file.scores[i]).map(|u| bounds::range(&u)).unwrap_or_default();
                file.scores[i].score = Some(max + Decimal::ONE);
                true
            }
            None => false,
        },
        ScoreFault::TooPrecise => match scored {
            Some(i) => {
                let Some(unit) = unit_of(&file.scores[i]) else {
                    return false;
                };
                let (min, max) = bounds::range(&unit);
                let s = file.scores[i].score.unwrap_or_default();
                // One decimal place more than the rubric has, inside the range.
                let nudge = Decimal::new(1, r.precision + 1);
                let v = if min.is_none_or(|m| s - nudge >= m) {
                    s - nudge
                } else {
                    s + nudge
                };
                file.scores[i].score = Some(v);
                v <= max && min.is_none_or(|m| v >= m)
            }
            None => false,
        },
        ScoreFault::VetoOnScore => match scored {
            Some(i) => {
                file.scores[i].veto = Some(false);
                true
            }
            None => false,
        },
        ScoreFault::Format => {
            file.format = FORMAT + 1;
            true
        }
        ScoreFault::OtherKey => {
            file.key_id = "0".repeat(64);
            true
        }
        ScoreFault::OtherRubricHash => {
            file.rubric_hash = "0".repeat(64);
            true
        }
        ScoreFault::UnknownDepartment => {
            file.department = "市不存在局".into();
            true
        }
    }
}

fn expected(fault: ScoreFault, err: &VerifyError) -> bool {
    match fault {
        ScoreFault::None => false,
        ScoreFault::UnknownDistrict => matches!(err, VerifyError::UnknownDistrict { .. }),
        ScoreFault::ForeignItem | ScoreFault::NoSuchItem => matches!(err, VerifyError::NotOwned { .. }),
        ScoreFault::Duplicate => matches!(err, VerifyError::Duplicate { .. }),
        ScoreFault::AboveMax | ScoreFault::TooPrecise | ScoreFault::VetoOnScore => {
            matches!(err, VerifyError::OutOfBounds { .. })
        }
        ScoreFault::Format | ScoreFault::NotCanonical => matches!(err, VerifyError::Payload { .. }),
        ScoreFault::OtherKey => matches!(err, VerifyError::KeyMismatch { .. }),
        ScoreFault::OtherRubricHash => matches!(err, VerifyError::UnknownRubric { .. }),
        ScoreFault::UnknownDepartment => matches!(err, VerifyError::UnknownDepartment { .. }),
    }
}

/// A JSON value of any shape, for a field that expects one shape.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "-?[0-9]{1,3}(\\.[0-9]{1,4})?".prop_map(Value::from),
        select(vec![
            "-0",
            "+1",
            "01",
            "1e1",
            "0.10",
            "-0.25",
            "99999999999999999999999999999",
            "",
            " 1",
            "曾都区",
            "随县",
            "1.1.3",
            "2.1.2",
            "1",
            "是"
        ])
        .prop_map(Value::from),
        "\\PC{0,8}".prop_map(Value::from),
        vec(any::<u32>(), 0..3).prop_map(Value::from),
        Just(serde_json::json!({"helper": "per_event", "counts": [1]})),
        Just(serde_json::json!({"helper": "tiers", "measured": "1e5"})),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Arbitrary bytes never verify, and arbitrary bytes in a well-formed
    /// envelope with a made-up signature by a known key fail the signature.
    #[test]
    fn score_file_bytes_never_verify(bytes in vec(any::<u8>(), 0..400), sig in vec(any::<u8>(), 64)) {
        let err = verify(&bytes).expect_err("random bytes");
        prop_assert!(err.to_string().starts_with("scores.json: "), "{err}");
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD;
        let envelope = serde_json::json!({
            "payloadType": PAYLOAD_TYPE,
            "payload": b64.encode(&bytes),
            "signatures": [{ "keyid": signer().key_line().key_id, "sig": b64.encode(&sig) }],
        });
        let err = verify(&serde_json::to_vec(&envelope).expect("json")).expect_err("made-up signature");
        prop_assert!(matches!(err, VerifyError::BadSignature { .. }), "{err}");
    }

    /// A signed file with bytes changed, inserted or removed anywhere is
    /// refused, or verifies with exactly the content that was signed (a
    /// change to the envelope's whitespace changes nothing signed).
    #[test]
    fn a_changed_signed_file_never_verifies_other_content(
        department in select(departments_with_units()),
        cells in cells(),
        edits in vec((any::<Index>(), 0u8..3, any::<u8>()), 1..4),
    ) {
        let original = score_file(&department, &cells);
        let payload = serde_json::to_vec(&original).expect("json");
        let signed = sign(&payload);
        prop_assert_eq!(&verify(&signed).expect("the unchanged file verifies").scores, &original);
        let mut bytes = signed.clone();
        for (at, op, byte) in edits {
            match op {
                0 if !bytes.is_empty() => {
                    let i = at.index(bytes.len());
                    bytes[i] = if bytes[i] == byte { byte.wrapping_add(1) } else { byte };
                }
                1 => {
                    let i = at.index(bytes.len() + 1);
                    bytes.insert(i, byte);
                }
                _ if !bytes.is_empty() => {
                    bytes.remove(at.index(bytes.len()));
                }
                _ => {}
            }
        }
        match verify(&bytes) {
            Ok(v) => {
                prop_assert_eq!(&v.scores, &original);
                let again = verify(&signed).expect("verifies");
                prop_assert_eq!(v.payload_sha256, again.payload_sha256);
            }
            Err(e) => prop_assert!(e.to_string().starts_with("scores.json: "), "{}", e),
        }
    }

    /// Good files built from random cells of a random department verify
    /// with their content; each kind of mistake, signed as it is, gets its
    /// own error.
    #[test]
    fn random_score_files_verify_and_each_fault_is_named(
        department in select(departments_with_units()),
        cells in cells(),
        fault in score_fault(),
        at in any::<usize>(),
    ) {
        let mut file = score_file(&department, &cells);
        let faulty = inject(&mut file, fault, at);
        let mut payload = serde_json::to_vec(&file).expect("json");
        let mut not_canonical = false;
        if matches!(fault, ScoreFault::NotCanonical) {
            // Another spelling of a score's value: "4.5" as "04.5".
            let text = String::from_utf8(payload.clone()).expect("utf8");
            if let Some(i) = text.find("\"score\":\"") {
                let mut changed = text.clone();
                changed.insert(i + "\"score\":\"".len(), '0');
                payload = changed.into_bytes();
                not_canonical = true;
            }
        }
        let result = verify(&sign(&payload));
        match result {
            Ok(v) => {
                prop_assert!(!faulty && !not_canonical, "{fault:?} was accepted");
                prop_assert_eq!(&v.scores, &file);
                prop_assert!(!v.trusted);
            }
            Err(e) => {
                prop_assert!(faulty || not_canonical, "a good file was refused: {e}");
                prop_assert!(expected(fault, &e), "{fault:?} got: {e}");
                prop_assert!(e.to_string().starts_with("scores.json: "), "{e}");
            }
        }
    }

    /// A signed payload with a random field set to a random JSON value: it
    /// verifies exactly when the file, as parsed, is one the office would
    /// accept by the rubric (so nothing out of bounds or not the
    /// department's ever gets through, and nothing good is refused).
    #[test]
    fn signed_payloads_with_random_fields_verify_exactly_when_acceptable(
        department in select(departments_with_units()),
        cells in cells(),
        at in any::<Index>(),
        field in select(vec![
            "district", "item", "sub", "score", "score", "score", "veto", "note", "input",
            "evidence_missing", "extra", "format", "rubric", "department", "scores", "revision", "created",
        ]),
        value in json_value(),
    ) {
        let file = score_file(&department, &cells);
        let mut json = serde_json::to_value(&file).expect("json");
        let top = ["format", "rubric", "department", "scores", "revision", "created"];
        if top.contains(&field) {
            json[field] = value;
        } else if let Some(entries) = json["scores"].as_array_mut() {
            let i = at.index(entries.len());
            entries[i][field] = value;
        }
        let payload = serde_json::to_vec(&json).expect("json");
        let parsed: Result<ScoreFile, _> = serde_json::from_slice(&payload);
        match (verify(&sign(&payload)), parsed) {
            (Ok(v), Ok(parsed)) => {
                prop_assert_eq!(&v.scores, &parsed);
                prop_assert!(acceptable(&parsed), "accepted: {}", String::from_utf8_lossy(&payload));
            }
            (Ok(_), Err(e)) => prop_assert!(false, "verified a payload that does not parse: {e}"),
            (Err(e), Ok(parsed)) => {
                prop_assert!(!acceptable(&parsed), "refused an acceptable file: {e}");
                prop_assert!(e.to_string().starts_with("scores.json: "), "{e}");
            }
            (Err(e), Err(_)) => prop_assert!(matches!(e, VerifyError::Payload { .. }), "{e}"),
        }
    }
}

// ------------------------------------------------------------ score sheets

fn transport_units() -> Vec<ScoringUnit<'static>> {
    suizhou()
        .scoring_units()
        .filter(|u| u.department == TRANSPORT)
        .collect()
}

/// One row of a sheet, with the column it gets wrong, if any.
#[derive(Debug, Clone)]
struct RowGen {
    district: String,
    item: String,
    score: String,
    note: String,
    bad: Option<&'static str>,
}

#[derive(Debug, Clone, Copy)]
enum RowFault {
    None,
    District,
    Item,
    Score,
}

fn row_fault() -> impl Strategy<Value = RowFault> {
    select(vec![
        RowFault::None,
        RowFault::None,
        RowFault::None,
        RowFault::District,
        RowFault::Item,
        RowFault::Score,
    ])
}

/// Score text the workbench would accept for the unit; deductions either
/// signed or not, as people type them.
fn good_score(unit: &ScoringUnit<'_>, fraction: u32, variant: u8) -> (String, String) {
    if unit.item.kind == Kind::Veto {
        return if variant.is_multiple_of(2) {
            ("否".into(), String::new())
        } else {
            ("是".into(), "发生事故".into())
        };
    }
    let value = score_in(unit, fraction, suizhou().precision);
    let text = if unit.item.kind == Kind::Deduction && variant.is_multiple_of(2) {
        value.abs().to_string()
    } else {
        value.to_string()
    };
    let note = if variant.is_multiple_of(3) {
        "现场核查，材料齐全".to_string()
    } else {
        String::new()
    };
    (text, note)
}

fn sheet_rows(cells: &[(usize, usize, u32, u8, RowFault, u8)]) -> Vec<RowGen> {
    let r = suizhou();
    let units = transport_units();
    // Items no part of which is the department's.
    let foreign: Vec<ScoringUnit<'_>> = r
        .scoring_units()
        .filter(|u| !units.iter().any(|mine| mine.item.id == u.item.id))
        .collect();
    let mut seen = BTreeSet::new();
    let mut rows = Vec::new();
    for &(d, u, fraction, variant, fault, pick) in cells {
        let (d, u) = (d % r.districts.len(), u % units.len());
        let unit = &units[u];
        let (score, note) = good_score(unit, fraction, variant);
        let mut row = RowGen {
            district: r.districts[d].clone(),
            item: unit_key(&unit.item.id, unit.sub.map(|s| s.id.as_str())),
            score,
            note,
            bad: None,
        };
        match fault {
            RowFault::None => {
                // Each cell once: a second row for it would be refused.
                if !seen.insert((d, u)) {
                    continue;
                }
                if variant % 5 == 4 {
                    // Only a note: kept, no score.
                    row.score = String::new();
                    row.note = "材料待补".into();
                }
            }
            RowFault::District => {
                row.district = ["", "火星区", "曾都"][pick as usize % 3].into();
                row.bad = Some("district");
            }
            RowFault::Item => {
                row.item = match pick % 3 {
                    0 => String::new(),
                    1 => "9.9.9".into(),
                    _ => foreign
                        .get(pick as usize % foreign.len().max(1))
                        .map_or_else(|| "9.9.8".to_string(), |u| u.item.id.clone()),
                };
                row.bad = Some("item");
            }
            RowFault::Score => {
                let (min, _) = bounds::range(unit);
                row.score = match (unit.item.kind, pick % 5) {
                    (Kind::Veto, _) => "也许".into(),
                    // An uncapped deduction takes any amount.
                    (Kind::Deduction, 2) if min.is_none() => "abc".into(),
                    (_, 0) => "abc".into(),
                    (_, 1) => "1e2".into(),
                    // Past the cap either way: a deduction typed unsigned deducts it.
                    (_, 2) => (unit.points.unwrap_or_default() + Decimal::ONE).to_string(),
                    (_, 3) => "0.001".into(),
                    // (A row with no score and no note is blank, and skipped: not a fault.)
                    _ => "1.2.3".into(),
                };
                row.bad = Some("score");
            }
        }
        rows.push(row);
    }
    rows
}

/// The header in a random order, in English or Chinese.
fn header(order: &[usize], chinese: bool) -> Vec<&'static str> {
    let names = if chinese {
        ["区县", "项目", "得分", "备注"]
    } else {
        ["district", "item", "score", "note"]
    };
    order.iter().map(|&i| names[i]).collect()
}

fn fields(row: &RowGen, order: &[usize]) -> Vec<String> {
    let all = [&row.district, &row.item, &row.score, &row.note];
    order.iter().map(|&i| all[i].clone()).collect()
}

fn write_csv(path: &Path, header: &[&str], rows: &[RowGen], order: &[usize]) {
    let mut w = csv::Writer::from_path(path).expect("csv");
    w.write_record(header).expect("csv");
    for row in rows {
        w.write_record(fields(row, order)).expect("csv");
    }
    w.flush().expect("csv");
}

fn write_xlsx(path: &Path, header: &[&str], rows: &[RowGen], order: &[usize]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, name) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *name).expect("xlsx");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in fields(row, order).iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            // A number where the text is one a spreadsheet shows the same way.
            match text.parse::<f64>() {
                Ok(n) if n.is_finite() && format!("{n}") == *text => sheet.write_number(r, c, n),
                _ => sheet.write_string(r, c, text),
            }
            .expect("xlsx");
        }
    }
    book.save(path).expect("xlsx");
}

/// Import a read table into a fresh draft: the errors as (line, column), or
/// the draft.
fn import(table: &Table) -> Result<Draft, BTreeSet<(usize, &'static str)>> {
    let r = suizhou();
    let mut draft = Draft::new(&r.id, suizhou_hash(), TRANSPORT, "李四");
    match import_rows(r, TRANSPORT, &table.rows, &mut draft, kaohe::lang::Lang::En) {
        Ok(summary) => {
            assert_eq!(summary.rows + summary.blank, table.rows.len());
            Ok(draft)
        }
        Err(errors) => Err(errors.iter().map(|e| (e.line, e.column)).collect()),
    }
}

fn sheet_cells() -> impl Strategy<Value = Vec<(usize, usize, u32, u8, RowFault, u8)>> {
    vec(
        (
            0usize..16,
            0usize..16,
            0u32..=1000,
            any::<u8>(),
            row_fault(),
            any::<u8>(),
        ),
        1..10,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Arbitrary bytes as an .xlsx, and a real .xlsx with bytes changed:
    /// refused with the path named, or read into rows that import or are
    /// refused row by row.
    #[test]
    fn sheet_bytes_never_panic(bytes in vec(any::<u8>(), 0..400), edits in vec((any::<Index>(), any::<u8>()), 1..6)) {
        let dir = tempfile::tempdir().expect("temp");
        let sheet = dir.path().join("scores.xlsx");
        let csv = dir.path().join("scores.csv");
        let rows = sheet_rows(&[(0, 0, 500, 0, RowFault::None, 0), (1, 1, 250, 1, RowFault::None, 0)]);
        write_xlsx(&sheet, &header(&[0, 1, 2, 3], true), &rows, &[0, 1, 2, 3]);
        let mut damaged = std::fs::read(&sheet).expect("read");
        for (at, byte) in edits {
            let i = at.index(damaged.len());
            damaged[i] = byte;
        }
        for (path, content) in [(&sheet, &bytes), (&sheet, &damaged), (&csv, &damaged)] {
            std::fs::write(path, content).expect("write");
            match read_table(path) {
                Ok(table) => {
                    prop_assert!(!table.rows.is_empty());
                    if let Err(errors) = import(&table) {
                        for (line, _) in errors {
                            prop_assert!(table.rows.iter().any(|r| r.line == line), "row {line}");
                        }
                    }
                }
                Err(e) => {
                    let shown = path.display().to_string();
                    prop_assert!(e.to_string().starts_with(&shown), "{e}");
                }
            }
        }
    }

    /// Sheets of random rows, some wrong in one column, in a random column
    /// order, as CSV and as XLSX: each wrong row is named with its row and
    /// column and nothing else is, both kinds read the same, and a sheet
    /// without a wrong row imports every value as written.
    #[test]
    fn random_sheets_name_every_bad_row_and_import_the_rest(
        cells in sheet_cells(),
        order in Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
        chinese in any::<bool>(),
    ) {
        let rows = sheet_rows(&cells);
        prop_assume!(!rows.is_empty());
        let dir = tempfile::tempdir().expect("temp");
        let head = header(&order, chinese);
        let csv = dir.path().join("scores.csv");
        let xlsx = dir.path().join("scores.xlsx");
        write_csv(&csv, &head, &rows, &order);
        write_xlsx(&xlsx, &head, &rows, &order);
        let from_csv = read_table(&csv).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let from_xlsx = read_table(&xlsx).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(from_csv.rows.len(), rows.len());
        let want: BTreeSet<(usize, &'static str)> = rows
            .iter()
            .zip(&from_csv.rows)
            .filter_map(|(row, read)| row.bad.map(|column| (read.line, column)))
            .collect();
        let csv_result = import(&from_csv);
        let xlsx_result = import(&from_xlsx);
        prop_assert_eq!(&csv_result, &xlsx_result);
        match csv_result {
            Err(errors) => prop_assert_eq!(errors, want),
            Ok(draft) => {
                prop_assert!(want.is_empty(), "bad rows imported: {want:?}");
                for row in &rows {
                    let cell = draft.cell(&row.district, &row.item).cloned().unwrap_or_default();
                    prop_assert_eq!(&cell.note, &row.note);
                    let unit = transport_units().into_iter().find(|u| unit_key(&u.item.id, u.sub.map(|s| s.id.as_str())) == row.item);
                    match unit.map(|u| u.item.kind) {
                        Some(Kind::Veto) => prop_assert_eq!(cell.veto, Some(row.score == "是")),
                        Some(kind) if !row.score.is_empty() => {
                            let typed: Decimal = row.score.parse().map_err(|_| TestCaseError::fail("score"))?;
                            let want = if kind == Kind::Deduction { -typed.abs() } else { typed };
                            prop_assert_eq!(cell.score, Some(want));
                        }
                        _ => prop_assert_eq!(cell.score, None),
                    }
                }
            }
        }
    }
}

// ------------------------------------------------------ regression inputs

/// A small valid rubric whose first item's points and tiers are replaced.
fn rubric_with(points_1: &str, points_2: &str, tiers: &str) -> String {
    format!(
        r#"id = "huge-1"
title = "测试"
issuer = "测试办"
period = "2024"
districts = ["甲区"]

[[department]]
name = "市市场监管局"

[[area]]
id = "1"
name = "领域"
points = "10"

[[key_point]]
id = "1.1"
area = "1"
name = "要点"

[[item]]
id = "1.1.1"
key_point = "1.1"
text = "一"
points = "{points_1}"
criteria = "按情况评分"
departments = ["市市场监管局"]
{tiers}
[[item]]
id = "1.1.2"
key_point = "1.1"
text = "二"
kind = "deduction"
criteria = "每次扣分"
departments = ["市市场监管局"]
per_event = [{{ name = "事故", points = "{points_2}" }}]
"#
    )
}

const DECIMAL_MAX: &str = "79228162514264337593543950335";

/// Two items with points near Decimal's limit made the area's sum overflow:
/// `kaohe rubric check` panicked ("Addition overflowed", exit 101). Such a
/// value is now refused on its own line.
#[test]
fn points_near_the_decimal_limit_are_refused_on_their_line() {
    let text = rubric_with(DECIMAL_MAX, DECIMAL_MAX, "");
    let checked = rubric::check("huge.toml", &text);
    let line = text.lines().position(|l| l.contains(DECIMAL_MAX)).map(|n| n + 1);
    let error = checked.errors().next().expect("refused");
    assert_eq!((error.code, error.line), ("toml", line), "{}", error.message);
    assert!(error.message.contains("larger than any value"), "{}", error.message);
    // A TOML integer that large is refused too; the largest real values load.
    let whole = text.replacen(&format!("\"{DECIMAL_MAX}\""), "9223372036854775807", 1);
    assert!(rubric::check("huge.toml", &whole).has_errors());
    assert!(rubric::load("ok.toml", &rubric_with("1000000000000", "1000000000000", "")).is_ok());
}

/// An integer tier ending at Decimal's lowest value overflowed when the
/// linter computed the last whole number below it ("Subtraction
/// overflowed"); a per-event amount that large overflowed when the
/// workbench multiplied it by a count.
#[test]
fn tier_edges_and_event_amounts_near_the_decimal_limit_are_refused() {
    let tiers = format!(
        "[item.tiers]\nmeasure = \"数\"\ninteger = true\nranges = [\n  {{ range = \"(,-{DECIMAL_MAX})\", points = \"1\" }},\n  {{ range = \"[-{DECIMAL_MAX},)\", points = \"2\" }},\n]\n"
    );
    let text = rubric_with("5", "1", &tiers);
    let checked = rubric::check("tiers.toml", &text);
    let line = text.lines().position(|l| l.contains("(,-")).map(|n| n + 1);
    assert!(
        checked
            .errors()
            .any(|d| d.code == "bad-tier" && d.line == line && d.message.contains("larger than any measure")),
        "{:?}",
        checked.diagnostics
    );
    let text = rubric_with("5", DECIMAL_MAX, "");
    assert!(rubric::check("events.toml", &text).has_errors());
}

/// `<\u{3000}>` (an ideographic space in angle brackets) was read as a key
/// that printed as a blank, which did not read back; a tab likewise.
#[test]
fn a_blank_character_in_brackets_is_not_a_key() {
    for text in ["<\u{3000}>", "<C-\u{3000}>", "<\t>", "<A-\u{a0}>"] {
        let err = Key::parse(text).expect_err(text);
        assert!(err.to_string().contains("blank character"), "{err}");
    }
    assert_eq!(Key::parse("< >").map(|k| k.to_string()), Ok("space".to_string()));
}

/// `S-C-A` (or `C-S-a`) was read as Ctrl with a capital A, a key no
/// terminal sends (Ctrl-Shift-A arrives as Ctrl-A) and that printed as
/// `C-A`, which reads back as `C-a`: bound, it never fired.
#[test]
fn ctrl_shift_letter_is_the_ctrl_letter() {
    for text in ["S-C-A", "C-S-a", "C-S-A", "<S-C-a>"] {
        assert_eq!(Key::parse(text).map(|k| k.to_string()), Ok("C-a".to_string()), "{text}");
    }
    assert_eq!(Key::parse("A-S-x").map(|k| k.to_string()), Ok("A-X".to_string()));
    let err = Keymap::default()
        .merge_text("mine.toml", "[normal]\n\"C-a\" = \"quit\"\n\"C-S-a\" = \"help\"\n")
        .expect_err("the same key twice");
    assert!(
        err.iter().any(|p| p.error.to_string().contains("bound twice")),
        "{err:?}"
    );
}

/// The fuzzers' score-file seeds carry the bundled rubrics' hashes: when a
/// rubric changes they stop verifying and the fuzzer no longer gets past
/// the rubric check. Remake them with `cargo run --example make_seeds` in
/// fuzz/.
#[test]
fn the_fuzz_seeds_still_verify() {
    let signer = Signer::from_seed(*b"kaohe fuzzing key, not a secret!", WATER, "模糊测试");
    let lines = [signer.key_line().clone()];
    let keys = Keys {
        trust: None,
        extra: &lines,
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/score_file");
    let mut seeds = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/seeds/score_file") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        // Only the rubric the seed names: loading every bundled one is slow unoptimized.
        let payload = dsse::parse_envelope(&bytes).map(|e| e.payload).unwrap_or_default();
        let named: serde_json::Value = serde_json::from_slice(&payload).unwrap_or_default();
        let rubrics: Vec<Rubric> = named["rubric"]
            .as_str()
            .and_then(|id| rubric_files::find(id).ok())
            .into_iter()
            .collect();
        if let Err(e) = verify_bytes(&path.display().to_string(), &bytes, &keys, &rubrics) {
            panic!("{e}\nremake the seeds: cd fuzz && cargo run --example make_seeds");
        }
        seeds += 1;
    }
    assert!(seeds > 0, "no seeds in {}", dir.display());
}
