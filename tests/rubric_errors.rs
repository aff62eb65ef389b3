//! Broken rubric files: each problem is reported with its line and what to do,
//! and nothing panics.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kaohe::rubric::{Checked, Severity, check};
use proptest::prelude::*;

const VALID: &str = r#"id = "test-1"
title = "测试考核要点"
issuer = "测试办"
period = "2022"
districts = ["甲区", "乙县"]

[[department]]
name = "市市场监管局"
aliases = ["市场监管局"]

[[area]]
id = "1"
name = "质量整体水平"
points = "10"

[[key_point]]
id = "1.1"
area = "1"
name = "质量发展"

[[item]]
id = "1.1.1"
key_point = "1.1"
text = "产品质量。(10分)"
points = "10"
criteria = "合格率达到90%得10分"
departments = ["市场监管局"]
"#;

/// The 1-based line of the first line containing `marker`.
fn line_of(text: &str, marker: &str) -> usize {
    text.lines()
        .position(|l| l.contains(marker))
        .map(|n| n + 1)
        .unwrap_or_else(|| panic!("marker {marker:?} not in text"))
}

/// The 1-based line of the last line containing `marker`.
fn last_line_of(text: &str, marker: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .iter()
        .rposition(|l| l.contains(marker))
        .map(|n| n + 1)
        .expect("marker in text")
}

fn errors(checked: &Checked) -> Vec<(Option<usize>, &'static str, String)> {
    checked.errors().map(|d| (d.line, d.code, d.message.clone())).collect()
}

/// Exactly one error, with this code, on the line holding `marker`, whose
/// message mentions every one of `words`.
fn assert_one_error(text: &str, code: &str, marker: &str, words: &[&str]) {
    assert_one_error_at(text, code, line_of(text, marker), words)
}

fn assert_one_error_at(text: &str, code: &str, want_line: usize, words: &[&str]) {
    let checked = check("bad.toml", text);
    let errs = errors(&checked);
    assert_eq!(errs.len(), 1, "expected one error, got {errs:#?}");
    let (line, got_code, message) = &errs[0];
    assert_eq!(*got_code, code, "{message}");
    assert_eq!(*line, Some(want_line), "{message}");
    for w in words {
        assert!(message.contains(w), "message {message:?} should mention {w:?}");
    }
    assert!(checked.rubric.is_none() || checked.clone().into_result().is_err());
}

#[test]
fn the_valid_file_has_no_problems() {
    let checked = check("ok.toml", VALID);
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
    let rubric = checked.into_result().expect("valid");
    assert_eq!(
        rubric.items[0].departments,
        ["市市场监管局"],
        "alias resolved to the canonical name"
    );
    assert_eq!(rubric.grades.len(), 4, "default bands");
}

#[test]
fn bad_toml_names_the_line() {
    let text = VALID.replace("period = \"2022\"", "period = \"2022");
    let checked = check("bad.toml", &text);
    let errs = errors(&checked);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].1, "toml");
    assert_eq!(errs[0].0, Some(line_of(&text, "period")));
}

/// Issue 25 finding 10: `rubric check` accepted districts that differ only
/// by a zero-width or no-break space or a full-width letter; on a screen and
/// on paper they read as one district, and a file scoring the one is taken
/// for the other. A name holding a character that does not show is refused
/// too.
#[test]
fn districts_a_reader_cannot_tell_apart_are_refused() {
    for (districts, code) in [
        ("\"甲区\", \"甲区\u{200b}\"", "look-alike-district"),
        ("\"甲区\", \"甲区\u{a0}\"", "look-alike-district"),
        ("\"A区\", \"Ａ区\"", "look-alike-district"),
        ("\"甲\u{202e}区\", \"乙县\"", "hidden-character"),
    ] {
        let text = VALID.replace(
            "districts = [\"甲区\", \"乙县\"]",
            &format!("districts = [{districts}]"),
        );
        assert_ne!(text, VALID);
        let checked = check("bad.toml", &text);
        let codes: Vec<&str> = checked.errors().map(|d| d.code).collect();
        assert!(codes.contains(&code), "{districts}: {codes:?}");
        assert!(checked.into_result().is_err(), "{districts}: not a rubric to score on");
    }
}

#[test]
fn unknown_field_is_refused_not_ignored() {
    let text = VALID.replace("criteria = ", "critera = ");
    assert_one_error(&text, "toml", "critera", &["critera"]);
}

#[test]
fn unknown_department_names_it_and_the_fix() {
    let text = VALID.replace("departments = [\"市场监管局\"]", "departments = [\"市水务局\"]");
    assert_one_error(
        &text,
        "unknown-department",
        "市水务局",
        &["市水务局", "item 1.1.1", "alias"],
    );
}

#[test]
fn points_that_are_not_a_decimal() {
    let text = VALID.replace("points = \"10\"\ncriteria", "points = \"10分\"\ncriteria");
    assert_one_error(&text, "toml", "points = \"10分\"", &["10分", "not a decimal"]);
}

#[test]
fn float_points_are_refused_with_the_quoted_form() {
    let text = VALID.replace("points = \"10\"\ncriteria", "points = 2.5\ncriteria");
    assert_one_error(&text, "toml", "points = 2.5", &["\"2.5\""]);
}

#[test]
fn exponent_and_comma_decimals_are_not_decimals() {
    for bad in ["1e3", "2,5", "", ".5", "5.", "--1", "0x10"] {
        let text = VALID.replace("points = \"10\"\ncriteria", &format!("points = \"{bad}\"\ncriteria"));
        let checked = check("bad.toml", &text);
        assert!(checked.has_errors(), "{bad:?} should be refused");
    }
}

#[test]
fn tier_gap_is_an_error() {
    let text = format!(
        "{VALID}\n[item.tiers]\nmeasure = \"合格率\"\nunit = \"%\"\nranges = [\n  {{ range = \"[90,)\", points = \"10\" }},\n  {{ range = \"[80,89)\", points = \"8\" }},\n  {{ range = \"(,80)\", points = \"0\" }},\n]\n"
    );
    assert_one_error(&text, "tier-gap", "[[item]]", &["[80,89)", "[90,)", "gap"]);
}

#[test]
fn tier_overlap_is_an_error() {
    let text = format!(
        "{VALID}\n[item.tiers]\nmeasure = \"合格率\"\nranges = [\n  {{ range = \"[90,)\", points = \"10\" }},\n  {{ range = \"[80,90]\", points = \"8\" }},\n  {{ range = \"(,80)\", points = \"0\" }},\n]\n"
    );
    assert_one_error(&text, "tier-gap", "[[item]]", &["overlap"]);
}

#[test]
fn integer_tiers_touch_across_whole_numbers() {
    let text = format!(
        "{VALID}\n[item.tiers]\nmeasure = \"全市排名\"\ninteger = true\nranges = [\n  {{ range = \"[1,3]\", points = \"10\" }},\n  {{ range = \"[4,6]\", points = \"5\" }},\n  {{ range = \"[7,10]\", points = \"1\" }},\n]\n"
    );
    let checked = check("ok.toml", &text);
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    let gap = text.replace("[4,6]", "[5,6]");
    assert_one_error(&gap, "tier-gap", "[[item]]", &["gap"]);
}

#[test]
fn malformed_tier_range() {
    let text = format!(
        "{VALID}\n[item.tiers]\nmeasure = \"合格率\"\nranges = [\n  {{ range = \"90-100\", points = \"10\" }},\n]\n"
    );
    assert_one_error(&text, "bad-tier", "range = \"90-100\"", &["90-100", "[80,90)"]);
}

#[test]
fn duplicate_item_id() {
    let text = format!(
        "{VALID}\n[[item]]\nid = \"1.1.1\"\nkey_point = \"1.1\"\ntext = \"又一项\"\npoints = \"1\"\ncriteria = \"x\"\ndepartments = [\"市场监管局\"]\n"
    );
    let checked = check("bad.toml", &text);
    let dup: Vec<_> = checked.errors().filter(|d| d.code == "duplicate-id").collect();
    assert_eq!(dup.len(), 1);
    assert_eq!(
        dup[0].line,
        Some(
            text.lines()
                .collect::<Vec<_>>()
                .iter()
                .rposition(|l| l.contains("id = \"1.1.1\""))
                .unwrap()
                + 1
        )
    );
}

#[test]
fn sub_criteria_over_the_max() {
    let text = format!(
        "{VALID}\n[[item.sub]]\nid = \"1\"\ntext = \"a\"\npoints = \"6\"\n\n[[item.sub]]\nid = \"2\"\ntext = \"b\"\npoints = \"5\"\n"
    );
    assert_one_error(&text, "sub-points", "[[item]]", &["11", "10"]);
    // The same, acknowledged as the document's own figures, is a warning.
    let acknowledged = text.replace(
        "departments = [\"市场监管局\"]",
        "departments = [\"市场监管局\"]\ndiscrepancy = \"原文如此\"",
    );
    let checked = check("ok.toml", &acknowledged);
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    assert!(
        checked
            .warnings()
            .any(|w| w.code == "sub-points" && w.message.contains("原文如此"))
    );
}

#[test]
fn missing_criteria() {
    let text = VALID.replace("criteria = \"合格率达到90%得10分\"\n", "");
    assert_one_error(&text, "missing-criteria", "[[item]]", &["criteria_column"]);
    let no_column = text.replace("districts =", "criteria_column = false\ndistricts =");
    let rubric = check("ok.toml", &no_column)
        .into_result()
        .expect("text is the criterion");
    assert_eq!(rubric.items[0].criteria, "产品质量。(10分)");
}

#[test]
fn unknown_key_point_and_area() {
    let text = VALID.replace("key_point = \"1.1\"", "key_point = \"9.9\"");
    assert_one_error(&text, "unknown-key-point", "key_point = \"9.9\"", &["9.9"]);
    let text = VALID.replace("area = \"1\"", "area = \"7\"");
    assert_one_error(&text, "unknown-area", "area = \"7\"", &["\"7\""]);
}

#[test]
fn veto_with_points_and_standard_without() {
    let text = VALID.replace(
        "departments = [\"市场监管局\"]",
        "departments = [\"市场监管局\"]\nkind = \"veto\"",
    );
    assert_one_error_at(&text, "bad-points", last_line_of(&text, "points = \"10\""), &["veto"]);
}

#[test]
fn an_alias_shared_by_two_departments() {
    let text = VALID.replace(
        "[[area]]",
        "[[department]]\nname = \"市水利局\"\naliases = [\"市场监管局\"]\n\n[[area]]",
    );
    // Reported at the department's [[department]] header.
    assert_one_error_at(
        &text,
        "duplicate-department",
        line_of(&text, "name = \"市水利局\"") - 1,
        &["市场监管局"],
    );
}

#[test]
fn stated_total_mismatch_is_a_warning_with_both_figures() {
    let text = VALID.replace("points = \"10\"\n\n[[key_point]]", "points = \"12\"\n\n[[key_point]]");
    let checked = check("ok.toml", &text);
    assert!(!checked.has_errors());
    let w: Vec<_> = checked.warnings().collect();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].severity, Severity::Warning);
    assert!(
        w[0].message.contains("stated 12") && w[0].message.contains("sum to 10"),
        "{}",
        w[0].message
    );
}

#[test]
fn grade_bands_out_of_order() {
    let text = format!(
        "{VALID}\n[[grade]]\nname = \"好\"\nmin = \"80\"\n[[grade]]\nname = \"中\"\nmin = \"90\"\n[[grade]]\nname = \"差\"\n"
    );
    assert_one_error_at(
        &text,
        "bad-grades",
        line_of(&text, "name = \"中\"") - 1,
        &["highest first"],
    );
}

#[test]
fn the_error_display_names_file_and_line() {
    let text = VALID.replace("departments = [\"市场监管局\"]", "departments = [\"市水务局\"]");
    let err = kaohe::rubric::load("rubrics/x.toml", &text).expect_err("unknown department");
    let shown = err.to_string();
    let line = line_of(&text, "市水务局");
    assert!(
        shown.starts_with(&format!("rubrics/x.toml:{line}: error[unknown-department]")),
        "{shown}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = check("fuzz.toml", &text);
    }

    /// Damage a valid file anywhere: it may fail, but it reports, never panics,
    /// and every error it reports has a line inside the file.
    #[test]
    fn a_damaged_valid_file_never_panics(cut in 0usize..VALID.len(), insert in "[\\[\\]\"=,\n a-z0-9.]{0,8}") {
        let mut text = VALID.to_string();
        let at = (0..=cut).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        text.insert_str(at, &insert);
        let checked = check("fuzz.toml", &text);
        let lines = text.lines().count() + 1;
        for d in checked.errors() {
            if let Some(l) = d.line {
                prop_assert!(l >= 1 && l <= lines, "line {} outside 1..={}", l, lines);
            }
        }
    }
}

#[test]
fn empty_criteria_is_an_error_unless_the_item_explains_it() {
    let text = VALID.replace("criteria = \"合格率达到90%得10分\"", "criteria = \"\"");
    assert_one_error(&text, "missing-criteria", "[[item]]", &["no criteria", "reconstructed"]);
    let explained = text.replace(
        "departments = [\"市场监管局\"]",
        "departments = [\"市场监管局\"]\nreconstructed = \"原文评分标准缺失\"",
    );
    let checked = check("ok.toml", &explained);
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    assert!(checked.warnings().any(|w| w.code == "reconstructed"));
}

#[test]
fn parts_that_fall_short_of_their_item_are_reported_without_an_annotation() {
    // suizhou-2022 3.2.1: 具体内容 states 1.8分, its three numbered parts 0.6 + 0.6 + 0.1.
    let bundled = kaohe::rubric::bundled::by_id("suizhou-2022").expect("bundled");
    let without_annotation: String = bundled
        .text
        .lines()
        .filter(|l| !l.starts_with("discrepancy = \"具体内容 states 1.8分"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(
        without_annotation.len(),
        bundled.text.len(),
        "the annotation was removed"
    );
    for text in [bundled.text, without_annotation.as_str()] {
        let checked = kaohe::rubric::check("suizhou-2022.toml", text);
        let short: Vec<_> = checked.warnings().filter(|w| w.code == "sub-points-short").collect();
        assert_eq!(short.len(), 1, "{short:?}");
        assert!(
            short[0]
                .message
                .starts_with("item 3.2.1: its sub-criteria add up to 1.3, less than the item's 1.8 points"),
            "{}",
            short[0].message
        );
    }
}

#[test]
fn no_bundled_rubric_states_a_total_its_document_does_not() {
    // None of the five documents prints a grand total (each states its
    // areas' points), so no bundled rubric may carry one of its own making.
    for bundled in kaohe::rubric::bundled::bundled() {
        let rubric = kaohe::rubric::check(&bundled.file, bundled.text)
            .into_result()
            .expect("valid");
        assert_eq!(rubric.total, None, "{} states a total", bundled.id);
    }
}

/// `VALID` with its item's criteria and helper fields replaced.
fn with_item_tail(tail: &str) -> String {
    VALID.replace(
        "criteria = \"合格率达到90%得10分\"\ndepartments = [\"市场监管局\"]\n",
        tail,
    )
}

#[test]
fn a_helper_on_a_part_of_an_item_scored_whole_is_an_error() {
    // The parts add up to 6 of 10: the item stays one cell, so a part's helper is never used.
    let text = with_item_tail(
        "criteria = \"1. 甲(3分) 2. 乙(3分)\"\ndepartments = [\"市场监管局\"]\n\n[[item.sub]]\nid = \"1\"\ntext = \"甲(3分)\"\npoints = \"3\"\naward = true\n\n[[item.sub]]\nid = \"2\"\ntext = \"乙(3分)\"\npoints = \"3\"\n",
    );
    assert_one_error(&text, "bad-helper", "[[item.sub]]", &["part 1", "scored as one cell"]);
}

#[test]
fn per_event_on_a_standard_item_says_which_way_it_counts() {
    let text = with_item_tail(
        "criteria = \"每发生1起扣1分\"\ndepartments = [\"市场监管局\"]\nper_event = [{ name = \"事故\", points = \"1\" }]\n",
    );
    assert_one_error(&text, "bad-helper", "[[item]]", &["per_event_mode", "扣完为止"]);
    let text =
        with_item_tail("criteria = \"每发生1起扣1分\"\ndepartments = [\"市场监管局\"]\nper_event_mode = \"deduct\"\n");
    assert_one_error(&text, "bad-helper", "per_event_mode", &["no per_event list"]);
}

#[test]
fn a_formula_names_every_figure_it_needs_and_no_other() {
    for (fields, words) in [
        (
            "rule = \"linear\"\nreference = \"90\"\nbase = \"10\"\nstep = \"0.3\"",
            &["needs base, step and per"][..],
        ),
        (
            "rule = \"linear\"\nbase = \"10\"\nstep = \"0.3\"\nper = \"1\"",
            &["needs a reference"][..],
        ),
        (
            "rule = \"proportional\"\nreference = \"100\"\nfactor = \"1.2\"\nbase = \"1\"",
            &["does not use base"][..],
        ),
        (
            "rule = \"proportional\"\nreference = \"0\"\nfactor = \"1.2\"",
            &["cannot be 0"][..],
        ),
    ] {
        let text = with_item_tail(&format!(
            "criteria = \"x\"\ndepartments = [\"市场监管局\"]\n[item.formula]\nmeasure = \"合格率\"\n{fields}\n"
        ));
        assert_one_error(&text, "bad-formula", "[item.formula]", words);
    }
}

#[test]
fn a_scale_that_cannot_reach_its_points_is_an_error_unless_the_document_says_so() {
    let scale = "scale = [{ name = \"好\", points = \"5\" }, { name = \"差\", points = \"1\" }]\n";
    let text = with_item_tail(&format!("criteria = \"x\"\ndepartments = [\"市场监管局\"]\n{scale}"));
    assert_one_error(
        &text,
        "scale-short",
        "[[item]]",
        &["worth 5", "worth 10", "discrepancy"],
    );
    let text = with_item_tail(&format!(
        "criteria = \"x\"\ndepartments = [\"市场监管局\"]\ndiscrepancy = \"文件如此\"\n{scale}"
    ));
    let checked = check("doc.toml", &text);
    assert_eq!(checked.errors().count(), 0, "{:?}", checked.diagnostics);
    assert!(
        checked
            .diagnostics
            .iter()
            .any(|d| d.code == "scale-short" && d.severity == Severity::Warning && d.message.contains("文件如此"))
    );
}

#[test]
fn criteria_that_price_numbered_parts_the_file_does_not_list_are_reported() {
    let text = with_item_tail(
        "criteria = \"\"\"\n1. 制定方案（5分）\n2. 组织实施（5分）\"\"\"\ndepartments = [\"市场监管局\"]\n",
    );
    let checked = check("parts.toml", &text);
    let warning = checked
        .diagnostics
        .iter()
        .find(|d| d.code == "parts-missing")
        .unwrap_or_else(|| panic!("{:?}", checked.diagnostics));
    assert!(warning.message.contains("2 numbered parts"), "{}", warning.message);
    for bundled in kaohe::rubric::bundled::bundled() {
        let checked = check(&bundled.file, bundled.text);
        assert!(
            !checked.diagnostics.iter().any(|d| d.code == "parts-missing"),
            "{}: {:?}",
            bundled.id,
            checked
                .diagnostics
                .iter()
                .filter(|d| d.code == "parts-missing")
                .collect::<Vec<_>>()
        );
    }
}

/// The codes of the warnings the check gives.
fn warnings(text: &str) -> Vec<(&'static str, String)> {
    check("w.toml", text)
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| (d.code, d.message.clone()))
        .collect()
}

#[test]
fn levels_that_cannot_give_0_and_tiers_that_stop_short_are_warned_of() {
    let levels =
        format!("{VALID}scale = [{{ name = \"好\", points = \"10\" }}, {{ name = \"一般\", points = \"5\" }}]\n");
    let said = warnings(&levels);
    assert!(
        said.iter()
            .any(|(c, m)| *c == "no-zero-level" && m.contains("add a level")),
        "{said:#?}"
    );
    let with_zero = levels.replace("]\n", ", { name = \"未开展\", points = \"0\" }]\n");
    assert!(warnings(&with_zero).iter().all(|(c, _)| *c != "no-zero-level"));
    // Where the rubric says why the document's lowest level is the floor, the warning quotes it.
    let read = levels.replace("scale = [", "reading = \"文件规定从两级中选择\"\nscale = [");
    let said = warnings(&read);
    assert!(
        said.iter()
            .any(|(c, m)| *c == "no-zero-level" && m.contains("文件规定从两级中选择")),
        "{said:#?}"
    );

    // Ranks 1 to 10 only: rank 11 has no tier; from 0 for a rate with no 0 tier.
    let ranks = format!(
        "{VALID}\n[item.tiers]\nmeasure = \"全市排名\"\ninteger = true\nranges = [\n  {{ range = \"[1,3]\", points = \"10\" }},\n  {{ range = \"[4,10]\", points = \"5\" }},\n]\n"
    );
    let said = warnings(&ranks);
    assert_eq!(said.iter().filter(|(c, _)| *c == "tiers-short").count(), 1, "{said:#?}");
    let open = ranks.replace("[4,10]", "[4,)");
    assert!(warnings(&open).iter().all(|(c, _)| *c != "tiers-short"));
    let rate = format!(
        "{VALID}\n[item.tiers]\nmeasure = \"合格率\"\nunit = \"%\"\nranges = [\n  {{ range = \"[90,100]\", points = \"10\" }},\n  {{ range = \"[50,90)\", points = \"5\" }},\n]\n"
    );
    let said = warnings(&rate);
    assert_eq!(
        said.iter().filter(|(c, _)| *c == "tiers-short").count(),
        1,
        "below 50%: {said:#?}"
    );
    let whole = rate.replace("[50,90)", "(,90)");
    assert!(
        warnings(&whole).iter().all(|(c, _)| *c != "tiers-short"),
        "a rate stops at 100"
    );
}
