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
        input: Some(HelperInput::PerEvent { counts }),
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

/// A file signed by `department` and verified as the office verifies it.
fn signed(rubric: &Rubric, department: &str, seed: u8, scores: Vec<ScoreEntry>) -> Result<Verified, VerifyError> {
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
        vec![events("惠城区", "4.1.1", vec![1], dec!(-10), "重大交通事故1起")],
    )
    .expect("公安 may report 4.1.1");
    let safety = signed(
        &rubric,
        "安监部门",
        2,
        vec![
            events("惠城区", "4.1.1", vec![1], dec!(-10), "重大生产安全事故1起"),
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
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(reports[2].1.clone())).expect("xlsx");
    let first = book.sheet_names()[0].clone();
    let sheet = book.worksheet_range(&first).expect("summary sheet");
    let text: Vec<String> = sheet.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(text.iter().any(|c| c == "联合项上报"), "a column for joint reports");
    assert!(
        text.iter().any(|c| c == "4.1.1 公安部门 -10; 4.1.1 安监部门 -10"),
        "{text:?}"
    );
}

#[test]
fn a_department_the_joint_item_does_not_name_cannot_report_it() {
    let rubric = rubric_files::find("huizhou-2017").expect("bundled");
    let err = signed(
        &rubric,
        "农业部门",
        3,
        vec![events("惠城区", "4.1.1", vec![1], dec!(-10), "")],
    )
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
    let a = signed(&rubric, "甲局", 4, vec![events("甲", "1.1.1", vec![2], dec!(-2), "")]).expect("甲局");
    let b = signed(&rubric, "乙局", 5, vec![events("甲", "1.1.1", vec![1], dec!(-1), "")]).expect("乙局");
    let merged = merge::merge(&rubric, vec![a, b]).expect("merge");
    let jia = &merged.districts[0];
    assert_eq!(jia.items[0], Some(dec!(-2)), "−2 and −1 capped at −2");
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
