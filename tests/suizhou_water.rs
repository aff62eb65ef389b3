//! `kaohe rubric show suizhou-2022 --dept 水利` lists exactly the items the
//! document gives to 市水利和湖泊局.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

#[test]
fn water_department_sees_exactly_its_items() {
    let o = Command::new(env!("CARGO_BIN_EXE_kaohe"))
        .args(["rubric", "show", "suizhou-2022", "--dept", "水利", "--json"])
        .output()
        .expect("run kaohe");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["department"], "市水利和湖泊局");
    let texts: Vec<&str> = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["text"].as_str().expect("text"))
        .collect();
    // The document's only 市水利和湖泊局 row: 工程质量, 5 points.
    assert_eq!(texts, ["根据水利建设质量工作开展情况得分。(5分)"]);
}
