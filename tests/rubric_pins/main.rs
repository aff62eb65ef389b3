//! Every bundled rubric against figures read from its official document by
//! hand (one file per document beside this one). An edit that drops, moves or
//! re-assigns an item, or changes a point, fails here.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod pins;

mod huiji_2016;
mod huizhou_2017;
mod huizhou_2017_onsite;
mod luoyang_2022;
mod suizhou_2022;
mod yuncheng_2022;

use kaohe::io::rubric_files;
use kaohe::rubric::{Helper, Kind, Rubric, bundled};
use pins::Pins;
use rust_decimal::Decimal;
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("pins are written as decimals")
}

fn load(id: &str) -> Rubric {
    match rubric_files::find(id) {
        Ok(r) => r,
        Err(e) => panic!("bundled rubric {id} does not load:\n{e}"),
    }
}

fn assert_pins(pins: &Pins) {
    let rubric = load(pins.id);
    assert_eq!(rubric.id, pins.id);
    assert_eq!(rubric.items.len(), pins.items, "{}: number of items", pins.id);
    assert_eq!(
        rubric.count_of(Kind::Deduction),
        pins.deductions,
        "{}: deductions",
        pins.id
    );
    assert_eq!(rubric.count_of(Kind::Bonus), pins.bonuses, "{}: bonuses", pins.id);
    assert_eq!(rubric.count_of(Kind::Veto), pins.vetoes, "{}: vetoes", pins.id);

    let areas = rubric.area_tallies();
    let got: Vec<(&str, Option<Decimal>, Decimal)> = areas.iter().map(|a| (a.name.as_str(), a.stated, a.sum)).collect();
    let want: Vec<(&str, Option<Decimal>, Decimal)> = pins
        .areas
        .iter()
        .map(|a| (a.name, a.stated.map(dec), dec(a.sum)))
        .collect();
    assert_eq!(got, want, "{}: areas (name, stated, sum of standard items)", pins.id);

    let tallies = rubric.department_tallies();
    for want in pins.departments {
        let tally = tallies
            .iter()
            .find(|t| t.name == want.name)
            .unwrap_or_else(|| panic!("{}: no department named {}", pins.id, want.name));
        assert_eq!(
            (tally.items, tally.points),
            (want.items, dec(want.points)),
            "{}: {} standard items and points",
            pins.id,
            want.name
        );
        let ids: Vec<&str> = rubric.items_scored_by(&tally.name).map(|i| i.id.as_str()).collect();
        assert_eq!(ids, want.ids, "{}: items scored by {}", pins.id, want.name);
    }
    let pinned: Vec<&str> = pins.departments.iter().map(|d| d.name).collect();
    for tally in &tallies {
        assert!(
            pinned.contains(&tally.name.as_str()),
            "{}: department {} is not pinned",
            pins.id,
            tally.name
        );
    }
    let in_parts: Vec<(&str, usize)> = rubric
        .items
        .iter()
        .filter(|i| i.is_in_parts())
        .map(|i| (i.id.as_str(), i.subs.len()))
        .collect();
    assert_eq!(in_parts, pins.in_parts, "{}: items scored in parts", pins.id);
    let mut helpers: Vec<(String, &str)> = Vec::new();
    for item in &rubric.items {
        if let Some(h) = &item.helper {
            helpers.push((item.id.clone(), helper_kind(h)));
        }
        for sub in &item.subs {
            if let Some(h) = &sub.helper {
                helpers.push((format!("{}#{}", item.id, sub.id), helper_kind(h)));
            }
        }
    }
    let helpers: Vec<(&str, &str)> = helpers.iter().map(|(k, h)| (k.as_str(), *h)).collect();
    assert_eq!(helpers, pins.helpers, "{}: scoring helpers", pins.id);
    let joint: Vec<&str> = rubric
        .items
        .iter()
        .filter(|i| i.is_joint_report())
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(joint, pins.joint_reports, "{}: joint vetoes and deductions", pins.id);
    assert_eq!(rubric.graded, pins.graded, "{}: a grade scale", pins.id);
    assert_eq!(
        rubric.lowest_grade().map(|g| g.name.as_str()),
        pins.veto_grade,
        "{}: the grade a veto forces",
        pins.id
    );
    for rule in pins.rules {
        assert_rule(&rubric, rule);
    }
    // Every item is scored by someone.
    for item in &rubric.items {
        assert!(
            !item.scoring_units().is_empty(),
            "{}: item {} has no scorer",
            pins.id,
            item.id
        );
    }
}

/// The rule's words are the document's (in the unit's text or criteria), it
/// gives what the pin says, and the rubric says its reading beside it.
fn assert_rule(rubric: &Rubric, rule: &pins::RulePin) {
    use kaohe::scoring::draft::Cell;
    use kaohe::scoring::entry::{EntryMode, accept};
    let (item_id, part) = match rule.unit.split_once('#') {
        Some((i, p)) => (i, Some(p)),
        None => (rule.unit, None),
    };
    let at = format!("{} {}", rubric.id, rule.unit);
    let item = rubric.item(item_id).unwrap_or_else(|| panic!("{at}: no such item"));
    let sub = part.map(|p| {
        item.subs
            .iter()
            .find(|s| s.id == p)
            .unwrap_or_else(|| panic!("{at}: no such part"))
    });
    let text = [
        item.text.as_str(),
        item.criteria.as_str(),
        sub.map_or("", |s| s.text.as_str()),
    ]
    .join("\n");
    assert!(
        text.contains(rule.words),
        "{at}: the document's words \"{}\" are not in its text",
        rule.words
    );
    let unit = item
        .scoring_units()
        .into_iter()
        .find(|u| u.sub.map(|s| s.id.as_str()) == part)
        .unwrap_or_else(|| panic!("{at}: not a scoring unit"));
    for (typed, want) in rule.gives {
        let mode = if typed.starts_with('=') {
            EntryMode::Score
        } else {
            EntryMode::Input
        };
        let got = accept(
            typed.trim_start_matches('='),
            &unit,
            rubric.precision,
            &Cell::default(),
            mode,
        )
        .ok()
        .and_then(|c| c.score);
        assert_eq!(got, want.map(dec), "{at}: {typed:?}");
    }
    if let Some(said) = rule.said {
        let beside = [sub.and_then(|s| s.note.as_deref()), item.reading.as_deref()];
        assert!(
            beside.iter().flatten().any(|t| t.contains(said)),
            "{at}: the rubric does not say \"{said}\" beside the value"
        );
    }
    if let Some(dept) = rule.scored_by {
        assert_eq!(unit.department, dept, "{at}: scored by");
    }
}

fn helper_kind(helper: &Helper) -> &'static str {
    match helper {
        Helper::Checklist { .. } => "checklist",
        Helper::Scale { .. } => "scale",
        Helper::Tiers(_) => "tiers",
        Helper::PerEvent { .. } => "per_event",
        Helper::Award => "award",
        Helper::Formula(_) => "formula",
    }
}

#[test]
fn luoyang_2022_matches_the_document() {
    assert_pins(&luoyang_2022::PINS);
}

#[test]
fn suizhou_2022_matches_the_document() {
    assert_pins(&suizhou_2022::PINS);
}

#[test]
fn yuncheng_2022_matches_the_document() {
    assert_pins(&yuncheng_2022::PINS);
}

#[test]
fn huizhou_2017_matches_the_document() {
    assert_pins(&huizhou_2017::PINS);
}

#[test]
fn huizhou_2017_onsite_matches_the_document() {
    assert_pins(&huizhou_2017_onsite::PINS);
}

#[test]
fn huiji_2016_matches_the_document() {
    assert_pins(&huiji_2016::PINS);
}

#[test]
fn every_bundled_rubric_is_pinned() {
    let pinned = [
        luoyang_2022::PINS.id,
        suizhou_2022::PINS.id,
        yuncheng_2022::PINS.id,
        huizhou_2017::PINS.id,
        huizhou_2017_onsite::PINS.id,
        huiji_2016::PINS.id,
    ];
    let mut bundled: Vec<&str> = bundled::bundled().iter().map(|b| b.id).collect();
    bundled.sort_unstable();
    let mut pinned = pinned.to_vec();
    pinned.sort_unstable();
    assert_eq!(bundled, pinned);
}
