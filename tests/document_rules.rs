//! Every scoring rule the documents define, fed the document's own example
//! values (and the values at each edge) through the rubric's helper, as the
//! analyst enters them: the score is the one the document gives.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kaohe::io::rubric_files;
use kaohe::rubric::{Rubric, ScoringUnit};
use kaohe::scoring::bounds::{InputError, checklist_score, toggle_tick};
use kaohe::scoring::draft::{Cell, HelperInput};
use kaohe::scoring::entry::{EntryMode, accept, has_input};
use kaohe::scoring::helpers::{HelperError, helper_score};
use kaohe::scoring::rule::Refusal;
use kaohe::scoring::totals::item_scores;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn rubric(id: &str) -> Rubric {
    rubric_files::find(id).expect("bundled")
}

/// The unit with this key (`1.1.5#3`); for a joint item, its first reporter.
fn unit<'a>(r: &'a Rubric, key: &str) -> ScoringUnit<'a> {
    r.scoring_units()
        .find(|u| u.key() == key)
        .unwrap_or_else(|| panic!("{}: no unit {key}", r.id))
}

/// Typed as the analyst would: a helper's input into the helper's entry, a
/// score ("=10", or on a unit with no helper) as a score.
fn entered(r: &Rubric, key: &str, typed: &str) -> Result<Decimal, InputError> {
    let u = unit(r, key);
    // An award's points are typed as the number itself.
    let award_points = matches!(u.helper(), Some(kaohe::rubric::Helper::Award)) && typed.parse::<Decimal>().is_ok();
    let mode = if typed.starts_with('=') || !has_input(&u) || award_points {
        EntryMode::Score
    } else {
        EntryMode::Input
    };
    let cell = accept(typed, &u, r.precision, &Cell::default(), mode)?;
    let score = cell.score.expect("a score");
    // What was entered explains the score: recomputing it gives the same.
    if let Some(input) = &cell.input {
        assert_eq!(helper_score(&u, input, r.precision), Ok(score), "{key} {typed}");
    }
    Ok(score)
}

/// Each `(typed, score)` gives exactly that score.
fn gives(r: &Rubric, key: &str, cases: &[(&str, Decimal)]) {
    for (typed, want) in cases {
        assert_eq!(entered(r, key, typed), Ok(*want), "{} {key}: {typed:?}", r.id);
    }
}

/// The item's score from its parts' scores: their sum within its range.
fn item_total(r: &Rubric, item: &str, parts: &[Decimal]) -> Option<Decimal> {
    let i = r.items.iter().position(|it| it.id == item).expect("item");
    item_scores(r, parts.iter().map(|&s| (i, s))).expect("no overflow")[i]
}

#[test]
fn suizhou_1_1_5_six_parts_as_written() {
    let r = rubric("suizhou-2022");
    // Part 1: "90%及以上得1分；80%-90%得0.95分；80%以下得0.9分": 及 marks 90 as
    // included; 80 has no 及, so it is in 80%-90%.
    gives(
        &r,
        "1.1.5#1",
        &[
            ("100", dec!(1)),
            ("90", dec!(1)),
            ("89.9", dec!(0.95)),
            ("80", dec!(0.95)),
            ("79.9", dec!(0.9)),
            ("0", dec!(0.9)),
        ],
    );
    gives(
        &r,
        "1.1.5#2",
        &[
            ("95", dec!(1)),
            ("94.9", dec!(0.95)),
            ("90", dec!(0.95)),
            ("89.9", dec!(0.9)),
        ],
    );
    // Parts 3 and 4: named levels, picked by their points or their names.
    gives(
        &r,
        "1.1.5#3",
        &[
            ("1", dec!(1)),
            ("一般", dec!(0.5)),
            ("0.5", dec!(0.5)),
            ("较差", dec!(0)),
        ],
    );
    gives(
        &r,
        "1.1.5#4",
        &[("1", dec!(1)), ("推进不力", dec!(0.5)), ("未开展", dec!(0))],
    );
    // Part 5 is "酌情扣分": no helper, the score is typed.
    gives(&r, "1.1.5#5", &[("0.8", dec!(0.8))]);
    assert!(
        unit(&r, "1.1.5#5")
            .sub
            .and_then(|s| s.note.as_deref())
            .is_some_and(|n| n.contains("酌情扣分"))
    );
    // Part 6: 0.05 off per event, "扣完为止".
    gives(
        &r,
        "1.1.5#6",
        &[
            ("0", dec!(1)),
            ("1", dec!(0.95)),
            ("3", dec!(0.85)),
            ("20", dec!(0)),
            ("25", dec!(0)),
        ],
    );
    assert_eq!(
        item_total(
            &r,
            "1.1.5",
            &[dec!(1), dec!(0.95), dec!(0.5), dec!(1), dec!(0.8), dec!(0.85)]
        ),
        Some(dec!(5.1))
    );
}

#[test]
fn suizhou_1_1_2_base_and_steps_against_the_city_average() {
    let r = rubric("suizhou-2022");
    // 基础分1.5; ±0.1 per 0.1 percentage point; 最高加0.5分; 扣完为止.
    gives(
        &r,
        "1.1.2",
        &[
            ("98.5 98.5", dec!(1.5)),
            ("98.7 98.5", dec!(1.7)),
            ("98.65 98.5", dec!(1.6)),
            ("99 98.5", dec!(2)),
            ("99.5 98.5", dec!(2)),
            ("98 98.5", dec!(1)),
            ("98.45 98.5", dec!(1.5)),
            ("96 98.5", dec!(0)),
        ],
    );
    assert!(
        matches!(entered(&r, "1.1.2", "98.5"), Err(InputError::Inputs { names }) if names.len() == 2),
        "the city average is asked for"
    );
}

#[test]
fn suizhou_per_event_deductions_inside_standard_items() {
    let r = rubric("suizhou-2022");
    // 2.2.5: 1 per event and 1 for no mechanism, "2分扣完为止".
    gives(
        &r,
        "2.2.5",
        &[
            ("0 0", dec!(2)),
            ("1 0", dec!(1)),
            ("0 1", dec!(1)),
            ("1 1", dec!(0)),
            ("3 1", dec!(0)),
        ],
    );
    // 4.1.5: 0.1 per activity not held, 0.02 per task not carried out, down to 0.
    gives(
        &r,
        "4.1.5",
        &[
            ("0", dec!(0.5)),
            ("1 0", dec!(0.4)),
            ("0 5", dec!(0.4)),
            ("2 3", dec!(0.24)),
            ("5 0", dec!(0)),
            ("0 30", dec!(0)),
        ],
    );
}

#[test]
fn suizhou_binary_sub_criteria_are_checklists() {
    let r = rubric("suizhou-2022");
    let tick = |key: &str, ids: &[&str]| {
        let u = unit(&r, key);
        let cell = ids
            .iter()
            .fold(Cell::default(), |cell, id| toggle_tick(u.item, &cell, id));
        cell.score
    };
    // 2.2.6: each tick marks a shortfall (超过5%, 小于50%) taking its 0.5 away.
    assert_eq!(checklist_score(unit(&r, "2.2.6").item, &[]), dec!(1));
    assert_eq!(tick("2.2.6", &["1"]), Some(dec!(0.5)));
    assert_eq!(tick("2.2.6", &["1", "2"]), Some(dec!(0)));
    // 4.2.3: each tick marks a condition met (得0.5分).
    assert_eq!(tick("4.2.3", &["2"]), Some(dec!(0.5)));
    assert_eq!(tick("4.2.3", &["1", "2"]), Some(dec!(1)));
}

#[test]
fn suizhou_3_2_3_a_deduction_part_inside_a_standard_item() {
    let r = rubric("suizhou-2022");
    gives(
        &r,
        "3.2.3#1",
        &[("y", dec!(0.5)), ("n", dec!(0)), ("0.5", dec!(0.5)), ("0", dec!(0))],
    );
    // "未建设开通电梯应急救援平台,扣0.1分": yes takes 0.1 off the item.
    gives(&r, "3.2.3#3", &[("y", dec!(-0.1)), ("n", dec!(0))]);
    assert_eq!(
        item_total(&r, "3.2.3", &[dec!(0.5), dec!(0.5), dec!(-0.1)]),
        Some(dec!(0.9))
    );
    assert_eq!(item_total(&r, "3.2.3", &[dec!(0), dec!(0), dec!(-0.1)]), Some(dec!(0)));
}

#[test]
fn huizhou_1_1_1_four_parts_with_inclusive_edges() {
    let r = rubric("huizhou-2017");
    for key in ["1.1.1#1", "1.1.1#2"] {
        // "10%（含）以下得1分；10%-15%（含）得0.5分；15%-20%（含）得0.2分；20%以上不得分".
        gives(
            &r,
            key,
            &[
                ("0", dec!(1)),
                ("10", dec!(1)),
                ("10.01", dec!(0.5)),
                ("15", dec!(0.5)),
                ("15.1", dec!(0.2)),
                ("20", dec!(0.2)),
                ("20.1", dec!(0)),
            ],
        );
    }
    gives(&r, "1.1.1#3", &[("10", dec!(1)), ("10.5", dec!(0))]);
    // "警示1次扣0.5分，警示2次或以上不得分".
    gives(
        &r,
        "1.1.1#4",
        &[("0", dec!(1)), ("1", dec!(0.5)), ("2", dec!(0)), ("3", dec!(0))],
    );
}

#[test]
fn huizhou_1_1_2_shares_go_to_the_department_of_their_field() {
    let r = rubric("huizhou-2017");
    gives(&r, "1.1.2#1", &[("96", dec!(1.5)), ("95.9", dec!(0))]);
    gives(&r, "1.1.2#2", &[("98", dec!(1.5)), ("97.9", dec!(0))]);
    gives(&r, "1.1.2#3", &[("96", dec!(1)), ("95", dec!(0))]);
    assert_eq!(unit(&r, "1.1.2#1").department, "农业部门");
    assert_eq!(unit(&r, "1.1.2#3").department, "海洋渔业部门", "水产品");
}

#[test]
fn huizhou_1_1_3_coverage_and_publication() {
    let r = rubric("huizhou-2017");
    gives(
        &r,
        "1.1.3#1",
        &[
            ("100", dec!(3)),
            ("99.9", dec!(1.5)),
            ("60", dec!(1.5)),
            ("59.9", dec!(0)),
        ],
    );
    gives(&r, "1.1.3#2", &[("100", dec!(1)), ("99", dec!(0))]);
}

#[test]
fn huizhou_linear_rules() {
    let r = rubric("huizhou-2017");
    // 1.2.3 part 2: 100% gives 1; each percentage point below, "（含1个百分点）", 0.5 off; at most 1.
    gives(
        &r,
        "1.2.3#2",
        &[
            ("100", dec!(1)),
            ("99.5", dec!(0.5)),
            ("99", dec!(0.5)),
            ("98.5", dec!(0)),
            ("90", dec!(0)),
        ],
    );
    gives(&r, "1.2.3#1", &[("y", dec!(2)), ("n", dec!(0))]);
    // 1.4.1 part 1: 90% and above 3; 0.3 off per whole 1% less; below 80% 0.
    gives(
        &r,
        "1.4.1#1",
        &[
            ("95", dec!(3)),
            ("90", dec!(3)),
            ("89", dec!(2.7)),
            ("85.5", dec!(1.8)),
            ("85", dec!(1.5)),
            ("80", dec!(0)),
            ("79", dec!(0)),
        ],
    );
    // 1.4.1 part 2: PM2.5 at most 35 gives 3; 0.3 off per 1 above; above 45 0.
    gives(
        &r,
        "1.4.1#2",
        &[
            ("30", dec!(3)),
            ("35", dec!(3)),
            ("36", dec!(2.7)),
            ("40", dec!(1.5)),
            ("45", dec!(0)),
            ("46", dec!(0)),
        ],
    );
    // 1.3.2: 2 per national, 1 per provincial standard, "最高得4分".
    gives(
        &r,
        "1.3.2",
        &[
            ("1 0", dec!(2)),
            ("0 1", dec!(1)),
            ("1 1", dec!(3)),
            ("2 1", dec!(4)),
            ("3 0", dec!(4)),
        ],
    );
}

#[test]
fn huizhou_proportional_rules() {
    let r = rubric("huizhou-2017");
    // 1.4.2 part 1: 100% gives 1.5; below, "按当年实际比例乘以1.2计分".
    gives(
        &r,
        "1.4.2#1",
        &[
            ("100", dec!(1.5)),
            ("95", dec!(1.14)),
            ("99", dec!(1.19)),
            ("50", dec!(0.6)),
        ],
    );
    // Parts 2 and 3: the share of the year's target, times 1.05.
    gives(
        &r,
        "1.4.2#2",
        &[("80 80", dec!(1.5)), ("72 80", dec!(0.95)), ("40 80", dec!(0.53))],
    );
    assert_eq!(
        entered(&r, "1.4.2#2", "72 0"),
        Err(InputError::Helper(HelperError::ZeroReference))
    );
}

#[test]
fn huizhou_tiers_relative_to_the_city_average() {
    let r = rubric("huizhou-2017");
    // 1.5.1 part 1: at the average 4; at half of it 2; below half 1.
    gives(
        &r,
        "1.5.1#1",
        &[
            ("100 100", dec!(4)),
            ("10 8", dec!(4)),
            ("50 100", dec!(2)),
            ("49 100", dec!(1)),
        ],
    );
    gives(&r, "1.5.1#2", &[("y", dec!(-1)), ("n", dec!(0))]);
    assert_eq!(item_total(&r, "1.5.1", &[dec!(4), dec!(-1)]), Some(dec!(3)));
    assert_eq!(unit(&r, "1.5.1#1").department, "质监部门", "质监 by meaning");
    // 1.5.2: 高于全市平均值20% 4 (120% itself is not higher); 达到 3; half 2; less 1; none 0.
    gives(
        &r,
        "1.5.2",
        &[
            ("121 100", dec!(4)),
            ("12 10", dec!(3)),
            ("100 100", dec!(3)),
            ("99 100", dec!(2)),
            ("50 100", dec!(2)),
            ("49 100", dec!(1)),
            ("0 100", dec!(0)),
        ],
    );
}

#[test]
fn luoyang_fixed_awards_are_all_or_nothing() {
    let r = rubric("luoyang-2022");
    for key in ["4.3.1", "4.3.2"] {
        gives(
            &r,
            key,
            &[
                ("y", dec!(1)),
                ("是", dec!(1)),
                ("1", dec!(1)),
                ("n", dec!(0)),
                ("0", dec!(0)),
            ],
        );
        assert!(
            matches!(entered(&r, key, "0.5"), Err(InputError::Refused(Refusal::NotGiven { ref can, .. })) if can.scores == [Some(dec!(1)), Some(dec!(0))]),
            "an award is its points or nothing"
        );
    }
}

#[test]
fn every_on_site_item_reaches_its_full_points() {
    let r = rubric("huizhou-2017-onsite");
    for item in &r.items {
        let units = item.scoring_units();
        let full: Decimal = units
            .iter()
            .map(|u| {
                let top = entered(&r, &u.key(), "好").expect("好 by its name");
                let typed = entered(&r, &u.key(), &format!("={}", u.points.expect("points"))).expect("typed");
                assert_eq!(
                    typed,
                    u.points.expect("points"),
                    "{}: the full points can be typed",
                    u.key()
                );
                top
            })
            .sum();
        if item.is_in_parts() {
            assert_eq!(Some(full), item.points, "{}: 好 on both parts is full marks", item.id);
        }
    }
    // The parts of 1.1.1 and 1.1.3: each rated on the five levels.
    // A level by its name or its points, never by its place in the list.
    gives(
        &r,
        "1.1.1#1",
        &[("好", dec!(5)), ("较好", dec!(4)), ("1", dec!(1)), ("非常差", dec!(1))],
    );
    assert_eq!(item_total(&r, "1.1.3", &[dec!(5), dec!(4)]), Some(dec!(9)));
}

#[test]
fn the_on_site_check_reports_the_five_items_whose_scale_stops_at_half() {
    let checked = kaohe::rubric::check(
        "huizhou-2017-onsite.toml",
        kaohe::rubric::bundled::by_id("huizhou-2017-onsite")
            .expect("bundled")
            .text,
    );
    let short: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == "scale-short")
        .map(|d| d.message.split(':').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        short,
        ["item 1.1.2", "item 1.1.4", "item 1.1.5", "item 1.1.6", "item 1.1.7"],
        "{:?}",
        checked.diagnostics
    );
}

#[test]
fn a_helper_score_clamps_at_its_parts_max() {
    // A proportional rule whose factor can give more than the part is worth.
    let text = r#"
id = "t"
title = "t"
issuer = "t"
period = "t"
districts = ["甲"]
[[department]]
name = "局"
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
criteria = "x"
points = "2"
departments = ["局"]
[[item.sub]]
id = "1"
text = "未达到100%的，按实际比例乘以3计分"
points = "1.5"
[item.sub.formula]
measure = "比例"
unit = "%"
rule = "proportional"
reference = "100"
factor = "3"
[[item.sub]]
id = "2"
text = "y"
points = "0.5"
"#;
    let r = kaohe::rubric::load("t.toml", text).expect("loads");
    gives(
        &r,
        "1.1.1#1",
        &[("90", dec!(1.5)), ("40", dec!(1.2)), ("100", dec!(1.5))],
    );
}

#[test]
fn helper_inputs_from_a_file_that_do_not_fit_give_no_score() {
    let r = rubric("suizhou-2022");
    let u = unit(&r, "1.2.1");
    // Two kinds of event; a count list of another length is not its input.
    assert_eq!(
        helper_score(
            &u,
            &HelperInput::PerEvent {
                counts: vec![1],
                events: vec![]
            },
            2
        ),
        Err(HelperError::Counts { kinds: 2 })
    );
    assert_eq!(
        helper_score(&u, &HelperInput::Award { awarded: true }, 2),
        Err(HelperError::WrongHelper)
    );
    // Figures no arithmetic can hold are refused, not a panic.
    let big = HelperInput::Formula {
        value: Decimal::MAX,
        reference: Some(Decimal::MIN),
    };
    assert_eq!(helper_score(&unit(&r, "1.1.2"), &big, 2), Err(HelperError::TooLarge));
}

/// Words of English in a text: runs of three or more lowercase ASCII letters
/// (acronyms such as AQI, PM2.5 are the document's own).
fn english_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3 && w.chars().any(|c| c.is_ascii_lowercase()))
        .collect()
}

#[test]
fn every_annotation_the_analyst_reads_is_chinese() {
    assert_eq!(english_words("具体内容 states 1.8分（PM2.5、AQI）"), ["states"]);
    for bundled in kaohe::rubric::bundled::bundled() {
        let r = rubric(bundled.id);
        let mut shown: Vec<(String, &str)> = Vec::new();
        for item in &r.items {
            for text in [&item.note, &item.reading, &item.reconstructed, &item.discrepancy]
                .into_iter()
                .flatten()
            {
                shown.push((item.id.clone(), text));
            }
            for sub in &item.subs {
                if let Some(note) = &sub.note {
                    shown.push((format!("{}#{}", item.id, sub.id), note));
                }
            }
        }
        for area in &r.areas {
            for text in [&area.note, &area.discrepancy].into_iter().flatten() {
                shown.push((area.id.clone(), text));
            }
        }
        for kp in &r.key_points {
            for text in [&kp.note, &kp.discrepancy].into_iter().flatten() {
                shown.push((kp.id.clone(), text));
            }
        }
        shown.extend(r.note.iter().map(|n| ("note".to_string(), n.as_str())));
        for (at, text) in shown {
            assert!(english_words(text).is_empty(), "{} {at}: {text}", r.id);
        }
    }
}

#[test]
fn suizhou_parts_with_levels_ranks_and_counts() {
    let r = rubric("suizhou-2022");
    // 2.2.11 part 3: "全市排名1-3名，得0.3分；4-6名，得0.2分；7-10名，得0.1分".
    gives(
        &r,
        "2.2.11#3",
        &[
            ("1", dec!(0.3)),
            ("3", dec!(0.3)),
            ("4", dec!(0.2)),
            ("10", dec!(0.1)),
            ("11", dec!(0)),
        ],
    );
    // 2.2.11 part 6: "省级以上媒体…得0.2分；省级以下…得0.1分，此项最高得分0.2分":
    // levels, as every "此项最高得" of the rubric (the reading its note says).
    gives(
        &r,
        "2.2.11#6",
        &[
            ("在省级以上媒体发表宣传报道", dec!(0.2)),
            ("在省级以下媒体发表宣传报道", dec!(0.1)),
            ("未发表宣传报道", dec!(0)),
            ("=0.1", dec!(0.1)),
        ],
    );
    assert!(entered(&r, "2.2.11#6", "0 2").is_err(), "no longer counted per report");
    // 3.3.1 part 3: "出现一次迟报、错报，扣0.02分，扣完为止" from 0.3.
    gives(
        &r,
        "3.3.1#3",
        &[("0", dec!(0.3)), ("2", dec!(0.26)), ("15", dec!(0)), ("20", dec!(0))],
    );
    // 4.1.2 part 3: three activities 0.5, two 0.4, one 0.3, none 0.
    gives(
        &r,
        "4.1.2#3",
        &[
            ("三项", dec!(0.5)),
            ("0.4", dec!(0.4)),
            ("只开展一项", dec!(0.3)),
            ("未开展", dec!(0)),
        ],
    );
    // 4.3.1 part 3: the best 等次 of the district's 示范项目, "此项最高得0.5分"
    // read as levels (two 良好 give 0.3, not 0.5; the part's note says both).
    gives(
        &r,
        "4.3.1#3",
        &[
            ("被评为优秀等次", dec!(0.5)),
            ("被评为良好等次", dec!(0.3)),
            ("被评为合格等次", dec!(0.1)),
            ("被评为不合格等次或无省级质量提升示范项目", dec!(0)),
        ],
    );
    // 5.1.2 part 2: "得0.5分;未开展,不得分".
    gives(&r, "5.1.2#2", &[("0.5", dec!(0.5)), ("0", dec!(0))]);
}
