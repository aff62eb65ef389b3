//! The resolved model: identity, department lookup, who scores what.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kaohe::io::rubric_files;
use kaohe::rubric::hash::rubric_hash;
use kaohe::rubric::resolve::parse_range;
use kaohe::rubric::{Tier, departments::DepartmentError, load};
use rust_decimal_macros::dec;

const SMALL: &str = r#"id = "t"
title = "t"
issuer = "i"
period = "2022"
districts = ["甲区"]

[[department]]
name = "市市场监督管理局"
aliases = ["市场监管局", "市市场监管局"]

[[department]]
name = "市水利和湖泊局"

[[department]]
name = "市水务局"

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
text = "x"
points = "2.5"
criteria = "y"
departments = ["市场监管局"]
"#;

#[test]
fn hash_ignores_comments_and_alias_spelling_but_not_content() {
    let base = load("a.toml", SMALL).expect("valid");
    let commented = SMALL
        .replace("points = \"2.5\"", "points = \"2.50\"  # 原文 2.5分")
        .replace("departments = [\"市场监管局\"]", "departments = [\"市市场监管局\"]");
    let same = load("b.toml", &commented).expect("valid");
    assert_eq!(rubric_hash(&base), rubric_hash(&same));
    let changed = load("c.toml", &SMALL.replace("criteria = \"y\"", "criteria = \"z\"")).expect("valid");
    assert_ne!(rubric_hash(&base), rubric_hash(&changed));
    assert_eq!(rubric_hash(&base).len(), 64);
}

#[test]
fn departments_by_name_alias_or_fragment() {
    let r = load("a.toml", SMALL).expect("valid");
    assert_eq!(
        r.find_department("市场监管局").map(|d| d.name.as_str()),
        Ok("市市场监督管理局")
    );
    assert_eq!(
        r.find_department("\u{3000}水利\u{3000}").map(|d| d.name.as_str()),
        Ok("市水利和湖泊局")
    );
    match r.find_department("水") {
        Err(DepartmentError::Ambiguous { candidates, .. }) => {
            assert_eq!(candidates, ["市水利和湖泊局", "市水务局"])
        }
        other => panic!("expected ambiguous, got {other:?}"),
    }
    assert!(matches!(
        r.find_department("公安"),
        Err(DepartmentError::Unknown { .. })
    ));
    assert!(matches!(r.find_department(""), Err(DepartmentError::Unknown { .. })));
}

#[test]
fn a_split_item_is_scored_part_by_part() {
    let huiji = rubric_files::find("huiji-2016").expect("bundled");
    let split = huiji
        .items
        .iter()
        .find(|i| i.is_split())
        .expect("huiji has split items");
    let units = split.scoring_units();
    assert_eq!(units.len(), split.subs.len());
    let parts: rust_decimal::Decimal = units.iter().filter_map(|u| u.points).sum();
    assert_eq!(Some(parts), split.points, "the parts add up to the item");
    for unit in &units {
        assert_eq!(
            Some(unit.department),
            unit.sub.and_then(|s| s.departments.first()).map(String::as_str)
        );
    }
}

#[test]
fn a_joint_item_is_scored_by_its_lead_only() {
    let huizhou = rubric_files::find("huizhou-2017").expect("bundled");
    let joint = huizhou
        .items
        .iter()
        .find(|i| i.departments.len() > 1 && !i.is_split())
        .expect("huizhou has joint items");
    let units = joint.scoring_units();
    assert_eq!(units.len(), 1);
    assert_eq!(units[0].department, joint.departments[0]);
    assert!(joint.is_supported_by(&joint.departments[1]));
    assert!(!joint.is_scored_by(&joint.departments[1]));
}

fn tier(range: &str) -> Tier {
    let (lower, upper) = parse_range(range).expect("valid range");
    Tier {
        lower,
        upper,
        points: dec!(1),
        written: range.to_string(),
    }
}

#[test]
fn tier_edges_are_exactly_as_written() {
    let t = tier("[80,90)");
    assert!(t.contains(dec!(80)) && t.contains(dec!(89.99)) && !t.contains(dec!(90)) && !t.contains(dec!(79.99)));
    let open = tier("(,80)");
    assert!(open.contains(dec!(-1000)) && !open.contains(dec!(80)));
    let up = tier("(15,]");
    assert!(up.contains(dec!(15.01)) && !up.contains(dec!(15)));
    for bad in ["[90,80]", "(5,5]", "[,]", "90,100", "[a,b]", "[1;2]"] {
        assert!(parse_range(bad).is_err(), "{bad} should be refused");
    }
    assert!(parse_range("[5,5]").is_ok(), "a single value");
}
