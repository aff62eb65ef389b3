//! A joint veto or deduction is reported by each department it names, for its
//! own field; the merge combines the reports (a veto from any vetoes,
//! deductions add up to the cap) and names who reported what. A file whose
//! helper inputs do not give its score is refused.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kaohe::io::rubric_files;
use kaohe::merge;
use kaohe::rubric::{Rubric, hash::rubric_hash};
use kaohe::scoring::draft::HelperInput;
use kaohe::seal::dsse;
use kaohe::seal::keys::Signer;
use kaohe::seal::payload::{FORMAT, PAYLOAD_TYPE, ScoreEntry, ScoreFile, Verified};
use kaohe::seal::verify::{Keys, VerifyError, verify_bytes};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn entry(district: &str, item: &str, score: Option<Decimal>) -> ScoreEntry {
    ScoreEntry {
        district: district.into(),
        item: item.into(),
        sub: None,
        score,
        veto: None,
        input: None,
        note: String::new(),
        evidence_missing: false,
    }
}

fn events(district: &str, item: &str, counts: Vec<u32>, score: Decimal, note: &str) -> ScoreEntry {
    ScoreEntry {
        input: Some(HelperInput::PerEvent { counts, events: vec![] }),
        note: note.into(),
        ..entry(district, item, Some(score))
    }
}

/// A per-event entry with its events described, typed as an analyst types
/// them (`某商场电梯事故 2017-03-05；…`), and the score they give at 10 each.
fn described(district: &str, item: &str, typed: &str, note: &str) -> ScoreEntry {
    described_each(district, item, typed, note, dec!(10))
}

fn described_each(district: &str, item: &str, typed: &str, note: &str, each: Decimal) -> ScoreEntry {
    let events = kaohe::scoring::events::parse(typed, 1);
    let score = -(Decimal::from(events.len()) * each);
    ScoreEntry {
        input: Some(HelperInput::PerEvent {
            counts: vec![events.len() as u32],
            events,
        }),
        note: note.into(),
        ..entry(district, item, Some(score))
    }
}

fn veto(district: &str, item: &str, note: &str) -> ScoreEntry {
    ScoreEntry {
        veto: Some(true),
        note: note.into(),
        ..entry(district, item, None)
    }
}

/// A file signed by `department`: its bytes and the signer's key line.
fn envelope(rubric: &Rubric, department: &str, seed: u8, scores: Vec<ScoreEntry>) -> (Vec<u8>, String) {
    let signer = Signer::from_seed([seed; 32], department, "张三");
    let file = ScoreFile {
        format: FORMAT,
        rubric: rubric.id.clone(),
        rubric_hash: rubric_hash(rubric),
        department: department.into(),
        scorer: "张三".into(),
        key_id: signer.key_line().key_id.clone(),
        revision: 1,
        created: "2026-12-01T00:00:00Z".into(),
        scores,
    };
    let bytes = dsse::sign_envelope(&signer, PAYLOAD_TYPE, &serde_json::to_vec(&file).expect("json"));
    (bytes, signer.key_line().to_string())
}

/// A file signed by `department` and verified as the office verifies it.
fn signed(rubric: &Rubric, department: &str, seed: u8, scores: Vec<ScoreEntry>) -> Result<Verified, VerifyError> {
    let signer = Signer::from_seed([seed; 32], department, "张三");
    let (bytes, _) = envelope(rubric, department, seed, scores);
    let keys = [signer.key_line().clone()];
    let keys = Keys {
        trust: None,
        extra: &keys,
    };
    verify_bytes(
        &format!("{department}.json"),
        &bytes,
        &keys,
        std::slice::from_ref(rubric),
    )
}

#[test]
fn two_departments_report_the_uncapped_deduction_and_the_merge_applies_both() {
    let rubric = rubric_files::find("huizhou-2017").expect("bundled");
    let police = signed(
        &rubric,
        "公安部门",
        1,
        vec![described(
            "惠城区",
            "4.1.1",
            "国道重大交通事故 2017-05-01",
            "重大交通事故1起",
        )],
    )
    .expect("公安 may report 4.1.1");
    let safety = signed(
        &rubric,
        "安监部门",
        2,
        vec![
            described(
                "惠城区",
                "4.1.1",
                "化工厂重大生产安全事故 2017-08-12",
                "重大生产安全事故1起",
            ),
            veto("惠阳区", "3.1.1", "发生重大安全生产事故"),
        ],
    )
    .expect("安监 may report 4.1.1 and the veto");
    let merged = merge::merge(&rubric, vec![police, safety]).expect("merge");
    let district = |name: &str| merged.districts.iter().find(|d| d.name == name).expect("district");
    let huicheng = district("惠城区");
    let at = rubric.items.iter().position(|i| i.id == "4.1.1").expect("4.1.1");
    assert_eq!(huicheng.items[at], Some(dec!(-20)), "both events count");
    assert_eq!(huicheng.deductions, dec!(-20));
    let who: Vec<(&str, Option<Decimal>)> = huicheng
        .joint
        .iter()
        .map(|j| (j.department.as_str(), j.score))
        .collect();
    assert_eq!(who, [("公安部门", Some(dec!(-10))), ("安监部门", Some(dec!(-10)))]);
    let huiyang = district("惠阳区");
    assert_eq!(huiyang.veto.as_ref().map(|v| v.department.as_str()), Some("安监部门"));
    assert_eq!(huiyang.grade, "D");

    // The reports say who reported what.
    let json: serde_json::Value = serde_json::from_slice(&merge::to_json(&merged, &rubric)).expect("json");
    let reported = json["districts"]
        .as_array()
        .and_then(|a| a.iter().find(|d| d["name"] == "惠城区"))
        .map(|d| d["reported_by"].clone())
        .expect("惠城区");
    assert_eq!(reported[0]["department"], "公安部门");
    assert_eq!(reported[1]["department"], "安监部门");
    assert_eq!(reported[1]["note"], "重大生产安全事故1起");
    let reports = merge::reports(&merged, &rubric).expect("reports");
    let csv = String::from_utf8(reports[1].1.clone()).expect("utf-8");
    assert!(csv.contains("4.1.1 公安部门 -10; 4.1.1 安监部门 -10"), "{csv}");
    assert!(csv.contains("4.1.1 国道重大交通事故（2017-05-01）：公安部门"), "{csv}");
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(reports[2].1.clone())).expect("xlsx");
    let first = book.sheet_names()[0].clone();
    let sheet = book.worksheet_range(&first).expect("summary sheet");
    let text: Vec<String> = sheet.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(text.iter().any(|c| c == "联合项上报"), "a column for joint reports");
    assert!(
        text.iter()
            .any(|c| c.starts_with("4.1.1 公安部门 -10; 4.1.1 安监部门 -10; ")),
        "{text:?}"
    );
}

/// huizhou 4.1.1 ("每发生1件扣10分", nine departments): one event counts
/// once however many departments report it, however each writes it; two
/// different events count twice; the reports list every reporter.
#[test]
fn one_event_reported_by_several_departments_is_counted_once() {
    let rubric = rubric_files::find("huizhou-2017").expect("bundled");
    let at = rubric.items.iter().position(|i| i.id == "4.1.1").expect("4.1.1");
    let file = |dept: &str, seed: u8, typed: &str| {
        signed(&rubric, dept, seed, vec![described("惠城区", "4.1.1", typed, "")]).expect(dept)
    };
    let quality = || file("质监部门", 11, "某商场电梯坠落事故 2017-03-05");
    let commerce = || file("工商部门", 12, "某商场 电梯坠落事故（2017年3月5日）");
    let safety = || file("安监部门", 13, "某商场电梯坠落事故。2017/3/5");

    let two = merge::merge(&rubric, vec![quality(), commerce()]).expect("merge");
    let huicheng = &two.districts[0];
    assert_eq!(
        huicheng.items[at],
        Some(dec!(-10)),
        "two reports of one event: -10, not -20"
    );
    assert_eq!(huicheng.total, huicheng.standard + dec!(-10));
    assert_eq!(huicheng.events.len(), 1);
    // In the item's order of departments (工商 before 质监), the first one's words.
    assert_eq!(huicheng.events[0].reporters, ["工商部门", "质监部门"]);

    let three = merge::merge(&rubric, vec![quality(), commerce(), safety()]).expect("merge");
    assert_eq!(
        three.districts[0].items[at],
        Some(dec!(-10)),
        "three reports of one event: -10"
    );
    assert_eq!(
        three.districts[0].events[0].reporters,
        ["安监部门", "工商部门", "质监部门"]
    );

    let other = file("工商部门", 12, "某超市燃气爆炸 2017-09-18");
    let different = merge::merge(&rubric, vec![quality(), other]).expect("merge");
    let huicheng = &different.districts[0];
    assert_eq!(huicheng.items[at], Some(dec!(-20)), "two different events: -20");
    assert_eq!(huicheng.events.len(), 2);

    // One file naming the shared event and another: -20, the shared one once.
    let both = file(
        "工商部门",
        12,
        "某商场电梯坠落事故 2017-03-05；某超市燃气爆炸 2017-09-18",
    );
    let merged = merge::merge(&rubric, vec![quality(), both]).expect("merge");
    assert_eq!(merged.districts[0].items[at], Some(dec!(-20)));

    // The reports list both reporters of the shared event.
    let reports = merge::reports(&three, &rubric).expect("reports");
    let json: serde_json::Value = serde_json::from_slice(&reports[0].1).expect("json");
    let event = &json["districts"][0]["events"][0];
    assert_eq!(event["item"], "4.1.1");
    assert_eq!(event["what"], "某商场电梯坠落事故。");
    assert_eq!(event["date"], "2017-03-05");
    assert_eq!(
        event["reported_by"],
        serde_json::json!(["安监部门", "工商部门", "质监部门"])
    );
    let csv = String::from_utf8(reports[1].1.clone()).expect("utf-8");
    assert!(
        csv.contains("4.1.1 某商场电梯坠落事故。（2017-03-05）：安监部门、工商部门、质监部门"),
        "{csv}"
    );
}

/// A joint per-event deduction counted without its events described is
/// refused by verification: the office could not count it once.
#[test]
fn a_joint_event_must_be_described() {
    let rubric = rubric_files::find("huizhou-2017").expect("bundled");
    let err = signed(
        &rubric,
        "质监部门",
        14,
        vec![events("惠城区", "4.1.1", vec![1], dec!(-10), "")],
    )
    .expect_err("counted, not described");
    assert!(err.to_string().contains("describe each event"), "{err}");
    // No event: 0 needs no description.
    signed(
        &rubric,
        "质监部门",
        14,
        vec![events("惠城区", "4.1.1", vec![0], dec!(0), "")],
    )
    .expect("no event");
    // Counts that are not the tally of the events described.
    let mut wrong = described("惠城区", "4.1.1", "甲事故；乙事故", "");
    wrong.input = Some(HelperInput::PerEvent {
        counts: vec![1],
        events: kaohe::scoring::events::parse("甲事故；乙事故", 1),
    });
    let err = signed(&rubric, "质监部门", 14, vec![wrong]).expect_err("counts disagree");
    assert!(err.to_string().contains("not those of the events described"), "{err}");
}

#[test]
fn a_department_the_joint_item_does_not_name_cannot_report_it() {
    let rubric = rubric_files::find("huizhou-2017").expect("bundled");
    let err = signed(&rubric, "农业部门", 3, vec![described("惠城区", "4.1.1", "某事故", "")])
        .expect_err("农业 is not among 4.1.1's departments");
    assert!(matches!(err, VerifyError::NotOwned { .. }), "{err}");
    assert!(err.to_string().contains("公安部门、"), "names who may: {err}");
}

/// A joint deduction with a cap: two reports add up to at most the cap.
#[test]
fn joint_deductions_add_up_to_their_cap() {
    let text = r#"
id = "joint"
title = "t"
issuer = "t"
period = "t"
districts = ["甲", "乙"]
[[department]]
name = "甲局"
[[department]]
name = "乙局"
[[area]]
id = "1"
name = "a"
[[key_point]]
id = "1.1"
area = "1"
name = "k"
[[item]]
id = "1.1.1"
key_point = "1.1"
text = "发生事故的，每起扣1分，最高扣2分"
criteria = "发生事故的，每起扣1分，最高扣2分"
kind = "deduction"
points = "2"
departments = ["甲局", "乙局"]
per_event = [{ name = "事故", points = "1" }]
"#;
    let rubric = kaohe::rubric::load("joint.toml", text).expect("loads");
    let a = signed(
        &rubric,
        "甲局",
        4,
        vec![described_each("甲", "1.1.1", "甲事故；乙事故", "", dec!(1))],
    )
    .expect("甲局");
    let b = signed(
        &rubric,
        "乙局",
        5,
        vec![described_each("甲", "1.1.1", "丙事故", "", dec!(1))],
    )
    .expect("乙局");
    let merged = merge::merge(&rubric, vec![a, b]).expect("merge");
    let jia = &merged.districts[0];
    assert_eq!(jia.items[0], Some(dec!(-2)), "three events of 1 capped at −2");
    assert_eq!(jia.total, dec!(-2));
    assert_eq!(jia.joint.len(), 2, "both named");
}

#[test]
fn a_score_that_its_helper_inputs_do_not_give_is_refused() {
    let rubric = rubric_files::find("suizhou-2022").expect("bundled");
    let dept = "随州市市场监督管理局";
    // 1.2.1: 1 per event, at most 2. Two events give −2, not −0.5.
    let err = signed(
        &rubric,
        dept,
        6,
        vec![events("曾都区", "1.2.1", vec![2, 0], dec!(-0.5), "")],
    )
    .expect_err("inputs and score disagree");
    assert!(
        err.to_string()
            .contains("does not follow from its helper inputs, which give -2"),
        "{err}"
    );
    signed(
        &rubric,
        dept,
        6,
        vec![events("曾都区", "1.2.1", vec![2, 0], dec!(-2), "")],
    )
    .expect("agree");
    // Inputs of another helper than the unit has.
    let mut wrong = events("曾都区", "1.2.1", vec![], dec!(-1), "");
    wrong.input = Some(HelperInput::Award { awarded: true });
    let err = signed(&rubric, dept, 6, vec![wrong]).expect_err("not a per-event input");
    assert!(err.to_string().contains("another kind of helper"), "{err}");
    // Inputs with no score.
    let mut bare = events("曾都区", "1.2.1", vec![1, 0], dec!(0), "");
    bare.score = None;
    let err = signed(&rubric, dept, 6, vec![bare]).expect_err("inputs without a score");
    assert!(err.to_string().contains("but no score"), "{err}");
}

/// `kaohe import` reads a 事件 column (one event a line, or separated by
/// `；`) into the cell's events and the score they give; a joint item's
/// score without events, or a score its events do not give, is refused
/// with its row and column named, and nothing is stored.
#[test]
fn a_sheets_events_column_is_read_as_the_workbench_reads_events() {
    use kaohe::commands::import;
    use kaohe::config::Dirs;
    use kaohe::io::drafts::DraftStore;
    let root = tempfile::tempdir().expect("temp");
    let dirs = Dirs::at(root.path().join("config"), root.path().join("data"));
    let run = |name: &str, text: &str| {
        let file = root.path().join(name);
        std::fs::write(&file, text).expect("write");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let args = import::ImportArgs {
            lang: kaohe::lang::Lang::En,
            rubric: "huizhou-2017",
            dept: Some("质监"),
            file: &file,
            scorer: Some("李四"),
        };
        let code = import::run(&args, &dirs, &mut out, &mut err).expect("io");
        (code, String::from_utf8_lossy(&err).to_string())
    };
    let stored = || {
        DraftStore::new(&dirs.data)
            .load("huizhou-2017", "质监部门")
            .expect("load")
            .and_then(|d| d.cell("惠城区", "4.1.1").cloned())
    };
    let (code, err) = run(
        "bad.csv",
        "区县,项目,得分,事件\n惠城区,4.1.1,-10,\n惠阳区,4.1.1,-10,甲事故；乙事故\n",
    );
    assert_ne!(code, 0);
    assert!(err.contains("row 2") && err.contains("describe each event"), "{err}");
    assert!(err.contains("row 3") && err.contains("which give -20"), "{err}");
    assert_eq!(stored(), None, "nothing stored from a file with a wrong row");

    let (code, err) = run(
        "good.csv",
        "区县,项目,得分,事件\n惠城区,4.1.1,,\"某商场电梯坠落事故 2017-03-05\n化工厂爆炸 2017年8月12日\"\n惠阳区,4.1.1,0,\n",
    );
    assert_eq!(code, 0, "{err}");
    let cell = stored().expect("惠城区 4.1.1");
    assert_eq!(cell.score, Some(dec!(-20)));
    let events = cell.input.as_ref().expect("input").events().to_vec();
    assert_eq!(events.len(), 2);
    assert_eq!(events[1].what, "化工厂爆炸");
    assert_eq!(events[1].date.as_deref(), Some("2017-08-12"));

    // The draft printed as a sheet has them in its 事件 column, and its rows read back unchanged.
    let sheet = root.path().join("sheet.csv");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = kaohe::commands::draft::sheet(
        kaohe::lang::Lang::Zh,
        "huizhou-2017",
        Some("质监"),
        Some(&sheet),
        &dirs,
        &mut out,
        &mut err,
    )
    .expect("io");
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    let text = std::fs::read_to_string(&sheet).expect("sheet");
    assert!(
        text.contains("惠城区,4.1.1,-20,,,某商场电梯坠落事故 2017-03-05；化工厂爆炸 2017-08-12,"),
        "{text}"
    );
    // Its subtotal rows are for reading; the cells' rows import as they are.
    let rows: String = text
        .lines()
        .filter(|l| !l.contains(",小计,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let before = stored();
    let (code, err) = run("again.csv", &rows);
    assert_eq!(code, 0, "{err}");
    assert_eq!(stored(), before, "the sheet reads back as it was");
}

/// `kaohe merge` says each event of a joint item once, with every
/// department that reported it, where the office looks for near-duplicates.
#[test]
fn the_merge_command_lists_the_events_and_who_reported_them() {
    let rubric = rubric_files::find("huizhou-2017").expect("bundled");
    let root = tempfile::tempdir().expect("temp");
    let kaohe = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kaohe"))
            .args(args)
            .current_dir(root.path())
            .env("KAOHE_CONFIG_DIR", root.path().join("c"))
            .env("KAOHE_DATA_DIR", root.path().join("d"))
            .env("KAOHE_LANG", "zh")
            .output()
            .expect("kaohe runs")
    };
    let mut files = Vec::new();
    for (dept, seed, typed) in [
        ("质监部门", 21, "某商场电梯坠落事故 2017-03-05"),
        ("工商部门", 22, "某商场电梯坠落事故（2017年3月5日）"),
    ] {
        let (bytes, line) = envelope(&rubric, dept, seed, vec![described("惠城区", "4.1.1", typed, "")]);
        let name = format!("{dept}.json");
        std::fs::write(root.path().join(&name), bytes).expect("write");
        let added = kaohe(&["trust", "add", "--rubric", "huizhou-2017", &line]);
        assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
        files.push(name);
    }
    let mut args = vec!["merge", "--rubric", "huizhou-2017", "--out", "reports"];
    args.extend(files.iter().map(String::as_str));
    let merged = kaohe(&args);
    let said = String::from_utf8_lossy(&merged.stdout);
    assert!(
        merged.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    assert!(said.contains("同一事件只计一次"), "{said}");
    assert!(
        said.contains("惠城区  4.1.1 某商场电梯坠落事故（2017-03-05）：工商部门、质监部门"),
        "{said}"
    );
}
