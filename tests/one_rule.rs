//! One rule per cell: the same table of values goes to the workbench (typed
//! as a score), `kaohe import` (a sheet's row) and `kaohe verify` (a signed
//! file's entry), and each path refuses exactly the values the others do,
//! in the same words.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kaohe::config::Dirs;
use kaohe::io::rubric_files;
use kaohe::lang::Lang;
use kaohe::rubric::Rubric;
use kaohe::rubric::hash::rubric_hash;
use kaohe::rubric::units::UnitIndex;
use kaohe::scoring::draft::Draft;
use kaohe::scoring::import::{Row, import_rows};
use kaohe::scoring::rule;
use kaohe::seal::dsse;
use kaohe::seal::keys::Signer;
use kaohe::seal::payload::{FORMAT, PAYLOAD_TYPE, ScoreEntry, ScoreFile};
use kaohe::seal::verify::{Keys, verify_bytes};
use kaohe::tui::stages::Overlay;
use kaohe::tui::workbench::StartArgs;
use kaohe::tui::workbench::Workbench;
use rust_decimal::Decimal;

/// (rubric, unit, typed, refused): the cases of the issue that found them,
/// and values each rule does give.
const TABLE: &[(&str, &str, &str, bool)] = &[
    // Levels 1 / 0.5 / 0.
    ("suizhou-2022", "1.1.5#3", "0.7", true),
    ("suizhou-2022", "1.1.5#3", "0.5", false),
    // Levels 1 / 0.95 / 0.9.
    ("suizhou-2022", "1.1.5#1", "0.97", true),
    ("suizhou-2022", "1.1.5#1", "0.95", false),
    // An award of 0.5: all or nothing.
    ("suizhou-2022", "2.2.2#1", "0.03", true),
    ("suizhou-2022", "2.2.2#1", "0.5", false),
    // Tiers giving 10 / 9 / 8 / 7 / 6 / 5 / 0.
    ("huiji-2016", "1.1.1", "2.5", true),
    ("huiji-2016", "1.1.1", "8", false),
    // 每发生1件扣10分: whole events only.
    ("huizhou-2017", "4.1.1", "1", true),
    ("huizhou-2017", "4.1.1", "25", true),
    // A count the rule can give, but a joint item counts described events only.
    ("huizhou-2017", "4.1.1", "20", true),
    ("huizhou-2017", "4.1.1", "0", false),
    // 得1分, or nothing.
    ("huizhou-2017", "1.1.1#3", "0.2", true),
    ("huizhou-2017", "1.1.1#3", "1", false),
    // A formula in steps of 0.3.
    ("huizhou-2017", "1.4.1#1", "2", true),
    // Out of range and too precise, on a unit with no rule of its own.
    ("suizhou-2022", "1.1.6", "1.5", true),
    ("suizhou-2022", "1.1.6", "0.333", true),
    ("suizhou-2022", "1.1.6", "0.33", false),
];

struct Case<'r> {
    rubric: &'r Rubric,
    department: String,
    item: String,
    sub: Option<String>,
    key: String,
    value: Decimal,
    typed: &'static str,
}

fn case<'r>(rubric: &'r Rubric, key: &str, typed: &'static str) -> Case<'r> {
    let index = UnitIndex::new(rubric);
    let unit = index.units()[index.find_key(key).unwrap_or_else(|| panic!("{key} in {}", rubric.id))].clone();
    let value: Decimal = typed.parse().expect("a decimal");
    let value = if unit.kind() == kaohe::rubric::Kind::Deduction {
        -value
    } else {
        value
    };
    Case {
        rubric,
        department: unit.department.to_string(),
        item: unit.item.id.clone(),
        sub: unit.sub.map(|s| s.id.clone()),
        key: key.to_string(),
        value,
        typed,
    }
}

/// What the rule says of the value, in English (the commands' language).
fn rule_words(c: &Case<'_>) -> Option<String> {
    let index = UnitIndex::new(c.rubric);
    let unit = index.get(&c.item, c.sub.as_deref()).expect("unit");
    rule::check_points(unit, c.value, c.rubric.precision)
        .err()
        .map(|r| r.words(Lang::En))
}

/// The workbench in English: the entry line's refusal, or None when saved.
fn workbench(c: &Case<'_>, rubric_id: &str) -> Option<String> {
    let root = tempfile::tempdir().expect("temp dir");
    let args = StartArgs {
        rubric: Some(rubric_id.into()),
        dept: Some(c.department.clone()),
        scorer: Some("张三".into()),
        keymap: None,
        lang: Some(Lang::En),
    };
    let dirs = Dirs::at(root.path().join("config"), root.path().join("data"));
    let mut wb = Workbench::start(&args, dirs, false).unwrap_or_else(|e| panic!("start: {e}"));
    let s = wb.app.session().expect("session");
    let at = s
        .units
        .iter()
        .position(|u| u.key == c.key)
        .expect("the department's unit");
    let district = s.district_name().to_string();
    wb.feed(&format!("{}{}<ret>", "<down>".repeat(at - s.unit), c.typed))
        .expect("keys");
    let saved = wb.app.session().and_then(|s| s.draft.cell(&district, &c.key).cloned());
    match wb.app.overlay() {
        Overlay::Entry { error: Some(e), .. } => {
            assert_eq!(saved, None, "{}: refused and nothing saved", c.key);
            Some(e.clone())
        }
        _ => {
            assert_eq!(
                saved.and_then(|cell| cell.score),
                Some(c.value),
                "{}: saved as typed",
                c.key
            );
            None
        }
    }
}

/// `kaohe import`'s rows: the row's error, or None when imported.
fn import(c: &Case<'_>) -> Option<String> {
    let row = Row {
        line: 2,
        district: c.rubric.districts[0].clone(),
        item: c.key.clone(),
        score: c.typed.to_string(),
        note: String::new(),
        events: String::new(),
        score_not_text: None,
        unsaved: None,
    };
    let mut draft = Draft::new(&c.rubric.id, "", &c.department, "张三");
    import_rows(c.rubric, &c.department, &[row], &mut draft, Lang::En)
        .err()
        .map(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
}

/// `kaohe verify` of a signed file holding the value: its error, or None.
fn verify(c: &Case<'_>) -> Option<String> {
    let signer = Signer::from_seed([7; 32], &c.department, "张三");
    let file = ScoreFile {
        format: FORMAT,
        rubric: c.rubric.id.clone(),
        rubric_hash: rubric_hash(c.rubric),
        department: c.department.clone(),
        scorer: "张三".into(),
        key_id: signer.key_line().key_id.clone(),
        revision: 1,
        created: "2026-12-01T00:00:00Z".into(),
        scores: vec![ScoreEntry {
            district: c.rubric.districts[0].clone(),
            item: c.item.clone(),
            sub: c.sub.clone(),
            score: Some(c.value.normalize()),
            veto: None,
            input: None,
            note: String::new(),
            evidence_missing: false,
        }],
    };
    let bytes = dsse::sign_envelope(&signer, PAYLOAD_TYPE, &serde_json::to_vec(&file).expect("json"));
    let keys = [signer.key_line().clone()];
    let keys = Keys {
        trust: None,
        extra: &keys,
    };
    verify_bytes("t.json", &bytes, &keys, std::slice::from_ref(c.rubric))
        .err()
        .map(|e| e.to_string())
}

#[test]
fn the_workbench_import_and_verify_refuse_the_same_values_in_the_same_words() {
    for &(rubric_id, key, typed, refused) in TABLE {
        let rubric = rubric_files::find(rubric_id).expect("bundled");
        let c = case(&rubric, key, typed);
        let words = rule_words(&c);
        assert_eq!(
            words.is_some(),
            refused,
            "{rubric_id} {key} {typed}: the rule says {words:?}"
        );
        let seen = [
            ("workbench", workbench(&c, rubric_id)),
            ("import", import(&c)),
            ("verify", verify(&c)),
        ];
        for (path, said) in seen {
            match (&words, &said) {
                (Some(w), Some(s)) => assert!(
                    s.contains(w.as_str()),
                    "{path} {rubric_id} {key} {typed}: {s:?} lacks {w:?}"
                ),
                (None, None) => {}
                _ => panic!("{path} {rubric_id} {key} {typed}: the rule says {words:?}, the path {said:?}"),
            }
        }
    }
}

#[test]
fn a_refusal_lists_what_the_rule_can_give() {
    let huiji = rubric_files::find("huiji-2016").expect("bundled");
    let words = rule_words(&case(&huiji, "1.1.1", "2.5")).expect("refused");
    assert!(words.contains("10 / 9 / 8 / 7 / 6 / 5 / 0"), "{words}");
    let c = case(&huiji, "1.1.1", "2.5");
    let index = UnitIndex::new(&huiji);
    let unit = index.get(&c.item, None).expect("unit");
    let zh = rule::check_points(unit, c.value, huiji.precision)
        .expect_err("refused")
        .words(Lang::Zh);
    assert_eq!(zh, "此项按分档只能得 10 / 9 / 8 / 7 / 6 / 5 / 0 分");
    let huizhou = rubric_files::find("huizhou-2017").expect("bundled");
    let words = rule_words(&case(&huizhou, "4.1.1", "25")).expect("refused");
    assert!(words.contains("0 / -10 / -20 / -30"), "{words}");
    let words = rule_words(&case(&huizhou, "1.4.1#1", "2")).expect("refused");
    assert!(words.contains("by its formula"), "{words}");
}

/// A draft saved before the rule (or edited by hand) with a score the rule
/// cannot give is not signed: the office's verification would refuse it.
#[test]
fn an_export_signs_nothing_the_rule_refuses() {
    let rubric = rubric_files::find("huiji-2016").expect("bundled");
    let c = case(&rubric, "1.1.1", "2.5");
    let mut draft = Draft::new(&rubric.id, &rubric_hash(&rubric), &c.department, "张三");
    let cell = kaohe::scoring::draft::Cell {
        score: Some(c.value),
        ..Default::default()
    };
    draft.set_cell(&rubric.districts[0], "1.1.1", cell);
    let signer = Signer::from_seed([7; 32], &c.department, "张三");
    let err =
        kaohe::seal::export::sign_export(&rubric, &draft, &signer, "2026-12-01T00:00:00Z".into()).expect_err("refused");
    let said = err.to_string();
    assert!(
        said.contains("nothing was signed")
            && said.contains("1.1.1")
            && said.contains(&rule_words(&c).expect("refused")),
        "{said}"
    );
    let zh = kaohe::tui::i18n::export_error(Lang::Zh, &err);
    assert!(zh.contains("未签名") && zh.contains("此项按分档只能得"), "{zh}");
    // Corrected, it signs.
    let cell = kaohe::scoring::draft::Cell {
        score: Some(Decimal::from(8)),
        ..Default::default()
    };
    draft.set_cell(&rubric.districts[0], "1.1.1", cell);
    kaohe::seal::export::sign_export(&rubric, &draft, &signer, "2026-12-01T00:00:00Z".into()).expect("signs");
}
