//! `kaohe progress`: the office's board while files arrive, from a real
//! inbox (signed exports of the real binary): a department with two
//! revisions, one that has sent nothing, a file that does not verify.
// Test code: a failed expect or panic is how a test says where it failed.
#![allow(clippy::expect_used, clippy::panic, clippy::unwrap_used)]

mod common;

use common::office::{Office, out};

fn export(office: &Office, dept: &str) {
    office.ok(&["export", "--rubric", "suizhou-2022", "--dept", dept, "--out", "inbox"]);
}

#[test]
fn the_board_counts_what_arrived_what_changed_and_who_sent_nothing() {
    let office = Office::new();
    let water = office.keygen("水利", "王五");
    let transport = office.keygen("交通", "王五");
    office.run_with(&["trust", "add", "-"], Some(&format!("{water}{transport}")), None);
    office.draft(
        "市水利和湖泊局",
        r#"{"曾都区":{"1.1.3#1":{"score":"1"}},"随县":{"1.1.3#1":{"score":"0.5"}}}"#,
    );
    export(&office, "水利");
    // The second revision changes one cell and adds one.
    office.draft(
        "市水利和湖泊局",
        r#"{"曾都区":{"1.1.3#1":{"score":"0.5"},"1.1.3#2":{"score":"1"}},"随县":{"1.1.3#1":{"score":"0.5"}}}"#,
    );
    let draft_file = office.path("data/drafts/suizhou-2022--市水利和湖泊局.json");
    let mut draft: serde_json::Value = serde_json::from_slice(&std::fs::read(&draft_file).unwrap()).unwrap();
    draft["revision"] = 1.into();
    std::fs::write(&draft_file, draft.to_string()).unwrap();
    export(&office, "水利");
    office.draft("市交通运输局", r#"{"曾都区":{"2.2.12#2":{"score":"0"}}}"#);
    export(&office, "交通");
    std::fs::write(office.path("inbox/broken.json"), "{\"payloadType\":").unwrap();

    let o = office.run(&["progress", "inbox"]);
    assert!(o.status.success(), "{}", common::office::err(&o));
    let said = out(&o);
    assert!(said.contains("收到 4 个文件；2 个部门已交，11 个未交"), "{said}");
    let water_line = said
        .lines()
        .find(|l| l.starts_with("市水利和湖泊局"))
        .expect("water's line");
    // 20 cells due (4 parts × 5 districts), 3 delivered in r2, 2 changed since r1.
    let fields: Vec<&str> = water_line.split_whitespace().collect();
    assert_eq!(fields[1..4], ["2", "3/20", "2"], "{water_line}");
    assert!(water_line.contains("r2 王五"), "{water_line}");
    let transport_line = said
        .lines()
        .find(|l| l.starts_with("市交通运输局"))
        .expect("transport's line");
    assert!(
        transport_line.split_whitespace().nth(3) == Some("-"),
        "no earlier revision: {transport_line}"
    );
    assert!(said.contains("未交：市质强办、"), "{said}");
    assert!(
        !said
            .lines()
            .any(|l| l.starts_with("未交") && l.contains("市水利和湖泊局"))
    );
    assert!(said.contains("不能使用的文件 1 个（未计入上表）"), "{said}");
    assert!(said.contains("broken.json"), "{said}");

    let json: serde_json::Value = serde_json::from_str(&office.ok(&["progress", "inbox", "--json"])).unwrap();
    let water = &json["board"]["departments"][0];
    assert_eq!(water["department"], "市水利和湖泊局");
    assert_eq!(
        (water["delivered"].as_u64(), water["due"].as_u64()),
        (Some(3), Some(20))
    );
    assert_eq!(water["changed"], 2);
    assert_eq!(water["newest"][0]["revision"], 2);
    assert_eq!(json["refused"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["files"], 4);
}

#[test]
fn an_empty_inbox_needs_the_rubric_named_and_then_lists_everyone() {
    let office = Office::new();
    std::fs::create_dir_all(office.path("inbox")).unwrap();
    let water = office.keygen("水利", "王五");
    office.run_with(&["trust", "add", "-"], Some(&water), None);
    let o = office.run(&["progress", "inbox"]);
    assert!(!o.status.success());
    assert!(common::office::err(&o).contains("请用 --rubric 指明细则"));
    let said = office.ok(&["progress", "inbox", "--rubric", "suizhou-2022"]);
    assert!(said.contains("0 个部门已交，13 个未交"), "{said}");
}
