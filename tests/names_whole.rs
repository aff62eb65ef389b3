//! Names never vanish: every bundled rubric's main screen at 80x24, for every
//! department, with every district partly scored, walked item by item. Every
//! district row and every item row reads apart from the others and shows the
//! name's first 4 characters or more; an item row shows 20 characters of the
//! item's own text (or all of it).
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kaohe::rubric::Kind;
use kaohe::scoring::bounds;
use kaohe::scoring::session::Session;
use kaohe::tui::workbench::Workbench;
use rust_decimal::Decimal;

mod common;
use common::bench::start_in as start;

const OWN_TEXT: usize = 20;

/// A draft giving each district one cell (a different one for each where
/// the department has several), with a score its rule accepts.
fn partly_scored(rubric_id: &str, dept: &str, root: &std::path::Path) {
    let rubric = kaohe::io::rubric_files::find(rubric_id).expect("bundled");
    let probe = start(&root.join("probe"), rubric_id, dept);
    let session = probe.app.session().expect("session");
    let mut cells = serde_json::Map::new();
    for (d, district) in rubric.districts.iter().enumerate() {
        let Some(unit) = session.units.get(d % session.units.len().max(1)) else {
            return;
        };
        let scoring = session.scoring_unit(unit);
        let cell = if scoring.kind() == Kind::Veto {
            serde_json::json!({"veto": false})
        } else {
            let (low, high) = bounds::range(&scoring);
            let score = [Some(high), Some(Decimal::ZERO), low]
                .into_iter()
                .flatten()
                .find(|v| bounds::check_score(*v, &scoring, rubric.precision).is_ok())
                .unwrap_or_else(|| panic!("{rubric_id} {}: no score its rule gives", unit.key));
            serde_json::json!({"score": score.to_string()})
        };
        cells.insert(district.clone(), serde_json::json!({ unit.key.clone(): cell }));
    }
    let draft = serde_json::json!({
        "format": 1,
        "rubric": rubric_id,
        "rubric_hash": kaohe::rubric::hash::rubric_hash(&rubric),
        "department": session.department,
        "scorer": "张三",
        "cells": cells,
    });
    let file = root.join(format!("data/drafts/{rubric_id}--{}.json", session.department));
    std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
    std::fs::write(&file, draft.to_string()).expect("draft");
}

fn screen(wb: &Workbench) -> Vec<String> {
    common::screen_text(&wb.app, 80, 24)
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect()
}

fn chars(text: &str, n: usize) -> String {
    text.chars().take(n).collect()
}

/// The districts pane's and the items pane's rows of one screen.
fn panes(lines: &[String]) -> (Vec<String>, Vec<String>) {
    let mut districts = Vec::new();
    let mut items = Vec::new();
    for line in lines.iter().skip(2).take(lines.len().saturating_sub(4)) {
        let Some((left, right)) = line.split_once('|') else {
            continue;
        };
        if !left.trim().is_empty() {
            districts.push(left.trim().to_string());
        }
        if right.starts_with(" 评分标准") {
            // The criteria below the items; the districts pane goes on.
            items.push(String::from("\u{0}"));
        }
        if !items.iter().any(|i| i == "\u{0}") && !right.trim().is_empty() {
            items.push(right.trim_end().to_string());
        }
    }
    items.retain(|i| i != "\u{0}");
    (districts, items)
}

fn unique(rows: &[String], what: &str, context: &str) {
    let mut seen = std::collections::HashSet::new();
    for r in rows {
        assert!(seen.insert(r), "{context}: two {what} rows read {r:?}");
    }
}

fn own_text(session: &Session, n: usize) -> String {
    let unit = &session.units[n];
    let text = session.scoring_unit(unit).text();
    text.lines().next().unwrap_or_default().to_string()
}

#[test]
fn every_district_and_item_row_at_80x24_reads_whole_enough_and_apart() {
    let mut checked = 0;
    for b in kaohe::rubric::bundled::bundled() {
        let rubric = kaohe::io::rubric_files::find(b.id).expect("bundled");
        for dept in &rubric.departments {
            let root = tempfile::tempdir().expect("temp");
            partly_scored(b.id, &dept.name, root.path());
            let mut wb = start(root.path(), b.id, &dept.name);
            let count = wb.app.session().expect("session").units.len();
            for n in 0..count {
                let session = wb.app.session().expect("session");
                assert_eq!(session.unit, n, "{} {}: <down> reaches every unit", b.id, dept.name);
                let context = format!("{} {} at {}", b.id, dept.name, session.units[n].key);
                let lines = screen(&wb);
                let (districts, items) = panes(&lines);
                let shown = lines.join("\n");
                unique(&districts, "district", &format!("{context}\n{shown}"));
                unique(&items, "item", &format!("{context}\n{shown}"));
                for row in &districts {
                    assert!(
                        rubric.districts.iter().any(|d| row.starts_with(&chars(d, 4))),
                        "{context}: {row:?} names no district by its first 4 characters\n{shown}"
                    );
                }
                let key = &session.units[n].key;
                let own = own_text(session, n);
                let row = items
                    .iter()
                    .find(|r| {
                        r.trim_start_matches(|c: char| !c.is_ascii_digit())
                            .starts_with(&format!("{key} "))
                    })
                    .unwrap_or_else(|| panic!("{context}: no row for the cursor's unit\n{shown}"));
                // A cut never leaves half a figure or an opening bracket
                // ("(0.." would read as another figure): those go with it.
                let wanted = chars(&own, OWN_TEXT);
                let wanted = wanted.trim_end_matches(|c: char| c.is_ascii_digit() || "(（.．".contains(c));
                assert!(
                    own.is_empty() || row.contains(wanted),
                    "{context}: {row:?} shows less than {wanted:?}\n{shown}"
                );
                wb.feed("<down>").expect("keys");
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "{checked} screens checked");
}

/// An item scored in parts, above its parts: the sum out of what the
/// department's own parts can give ("0.5/0.5", not "0.5/3" for the one part
/// of a 3-point item it scores), and a department that only deducts or
/// vetoes has no "/0" in its subtotal.
#[test]
fn an_item_in_parts_counts_out_of_the_departments_own_parts() {
    let mut seen = 0;
    for b in kaohe::rubric::bundled::bundled() {
        let rubric = kaohe::io::rubric_files::find(b.id).expect("bundled");
        for dept in &rubric.departments {
            let root = tempfile::tempdir().expect("temp");
            // The first district has its first unit scored.
            partly_scored(b.id, &dept.name, root.path());
            let wb = start(root.path(), b.id, &dept.name);
            let session = wb.app.session().expect("session");
            let lines = screen(&wb);
            assert!(!lines[0].contains("/0 "), "{} {}: {}", b.id, dept.name, lines[0]);
            // A district under way says its cells in words apart from its
            // points ("1分 评1/15"), so that 1/15 is not read as points.
            if session.units.len() > 1 {
                let row = lines[2].split_once('|').map_or("", |(l, _)| l);
                assert!(row.contains("评1/"), "{} {}: {row:?}", b.id, dept.name);
            }
            let Some(first) = session.units.first() else { continue };
            let item = session.item_of(first);
            let own: Decimal = session
                .units
                .iter()
                .filter(|u| u.item == first.item)
                .filter_map(|u| session.sub_of(u))
                .filter(|s| s.kind == Kind::Standard)
                .filter_map(|s| s.points)
                .sum();
            if first.sub.is_none() || own.is_zero() || item.points.is_none_or(|p| own >= p) {
                continue;
            }
            let head = lines
                .iter()
                .find(|l| {
                    l.split_once('|')
                        .is_some_and(|(_, r)| r.starts_with(&format!("{} ", item.id)))
                })
                .unwrap_or_else(|| panic!("{} {}: no row for {}", b.id, dept.name, item.id));
            // Points out of points, with their unit: a count reads otherwise.
            assert!(
                head.contains(&format!("/{}分", kaohe::points::shown(own))),
                "{} {}: {head}",
                b.id,
                dept.name
            );
            seen += 1;
        }
    }
    assert!(seen > 0, "some department scores only some parts of an item");
}
