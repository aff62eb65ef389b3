//! What a cell may hold: bounds, precision, and the scoring helpers.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kaohe::io::rubric_files;
use kaohe::rubric::{Kind, Rubric, ScoringUnit};
use kaohe::scoring::bounds::{InputError, checklist_score, parse_score, toggle_tick};
use kaohe::scoring::draft::{Cell, HelperInput};
use kaohe::scoring::entry::{EntryMode, accept};
use kaohe::scoring::rule::Refusal;
use rust_decimal_macros::dec;

fn suizhou() -> Rubric {
    rubric_files::find("suizhou-2022").expect("bundled")
}

/// Typed into the helper's own entry (实测值, 次数, 等级).
fn input(text: &str, unit: &ScoringUnit<'_>, precision: u32, previous: &Cell) -> Result<Cell, InputError> {
    accept(text, unit, precision, previous, EntryMode::Input)
}

/// Typed as a score: that many points.
fn score(text: &str, unit: &ScoringUnit<'_>, precision: u32, previous: &Cell) -> Result<Cell, InputError> {
    accept(text, unit, precision, previous, EntryMode::Score)
}

fn unit<'a>(r: &'a Rubric, id: &str) -> ScoringUnit<'a> {
    let item = r.item(id).unwrap_or_else(|| panic!("no item {id}"));
    item.scoring_units().into_iter().next().expect("a unit")
}

#[test]
fn standard_scores_are_within_0_and_max_at_the_rubric_precision() {
    let r = suizhou();
    let u = unit(&r, "1.1.1"); // 5 points, scored as a number
    assert_eq!(parse_score("4.5", &u, 2), Ok(dec!(4.5)));
    assert_eq!(parse_score("5", &u, 2), Ok(dec!(5)));
    assert_eq!(parse_score("0", &u, 2), Ok(dec!(0)));
    assert_eq!(parse_score("4.50", &u, 2), Ok(dec!(4.5)));
    assert!(matches!(
        parse_score("5.01", &u, 2),
        Err(InputError::Refused(Refusal::OutOfRange { .. }))
    ));
    assert!(matches!(
        parse_score("-1", &u, 2),
        Err(InputError::Refused(Refusal::OutOfRange { .. }))
    ));
    assert_eq!(
        parse_score("4.555", &u, 2),
        Err(InputError::Refused(Refusal::TooManyDecimals { allowed: 2 }))
    );
    assert_eq!(
        parse_score("4.5", &u, 0),
        Err(InputError::Refused(Refusal::TooManyDecimals { allowed: 0 }))
    );
    for bad in ["", "abc", "1e2", "4,5", "NaN", "--1"] {
        assert!(
            matches!(parse_score(bad, &u, 2), Err(InputError::NotANumber(_))),
            "{bad:?}"
        );
    }
}

#[test]
fn a_deduction_is_negative_whether_typed_with_its_sign_or_not() {
    let r = suizhou();
    let u = unit(&r, "1.2.4"); // 最高扣1分, no helper
    assert_eq!(u.item.kind, Kind::Deduction);
    assert_eq!(parse_score("0.5", &u, 2), Ok(dec!(-0.5)));
    assert_eq!(parse_score("-0.5", &u, 2), Ok(dec!(-0.5)));
    assert!(matches!(
        parse_score("1.5", &u, 2),
        Err(InputError::Refused(Refusal::OutOfRange { .. }))
    ));
}

#[test]
fn per_event_counts_are_capped() {
    let r = suizhou();
    let u = unit(&r, "1.2.2"); // 重大 0.5 / 特别重大 1, cap 1
    let cell = input("1", &u, 2, &Cell::default()).expect("one event");
    assert_eq!(cell.score, Some(dec!(-0.5)));
    let cell = input("1 1", &u, 2, &Cell::default()).expect("two kinds");
    assert_eq!(cell.score, Some(dec!(-1)), "1.5 capped at 1");
    assert_eq!(
        cell.input,
        Some(HelperInput::PerEvent {
            counts: vec![1, 1],
            events: vec![]
        })
    );
    assert_eq!(
        input("1 1 1", &u, 2, &Cell::default()),
        Err(InputError::TooManyCounts { kinds: 2 })
    );
    assert!(matches!(
        input("1.5", &u, 2, &Cell::default()),
        Err(InputError::NotACount(_))
    ));
}

#[test]
fn tiers_pick_the_range_with_edges_as_written() {
    let r = suizhou();
    let u = unit(&r, "5.3.7"); // (12,) 1 / [10,12] 0.5 / (,10) 0
    let score = |v: &str| input(v, &u, 2, &Cell::default()).map(|c| c.score);
    assert_eq!(score("12.01"), Ok(Some(dec!(1))));
    assert_eq!(score("12"), Ok(Some(dec!(0.5))));
    assert_eq!(score("10"), Ok(Some(dec!(0.5))));
    assert_eq!(score("9.99"), Ok(Some(dec!(0))));
    let rank = unit(&r, "3.3.2"); // ranks 1-3 / 4-6 / 7-10 / 11 on (not written: 0)
    assert_eq!(
        input("11", &rank, 2, &Cell::default()).map(|c| c.score),
        Ok(Some(dec!(0)))
    );
    let parts = r.item("1.1.4").expect("1.1.4").scoring_units();
    let rate = parts[1].clone(); // part 2: 100 / [80,100) / [50,80) / below 50, as rates
    assert_eq!(
        input("101", &rate, 2, &Cell::default()).map(|c| c.score),
        Ok(Some(dec!(0.5))),
        "a rate past 100 is in the top tier"
    );
}

#[test]
fn a_scale_level_by_its_name_or_its_points_never_its_place() {
    let r = suizhou();
    let u = unit(&r, "2.2.13"); // 较好2 / 一般1 / 较差0
    for (typed, level) in [
        ("2", "较好"),
        ("一般", "一般"),
        ("较好", "较好"),
        ("一", "一般"),
        ("0", "较差"),
    ] {
        let cell = input(typed, &u, 2, &Cell::default()).expect(typed);
        assert_eq!(cell.input, Some(HelperInput::Scale { level: level.into() }), "{typed}");
    }
    // "较" starts two names (较好, 较差): no level until it tells them apart.
    assert!(matches!(
        input("较", &u, 2, &Cell::default()),
        Err(InputError::NotALevel { .. })
    ));
    assert!(matches!(
        input("9", &u, 2, &Cell::default()),
        Err(InputError::NotALevel { .. })
    ));
    assert!(matches!(
        input("3", &u, 2, &Cell::default()),
        Err(InputError::NotALevel { .. })
    ));
}

#[test]
fn checklist_earns_and_is_clamped() {
    let r = suizhou();
    let item = r.item("3.1.1").expect("3.1.1"); // 1 + 1 + 1, earned
    assert_eq!(checklist_score(item, &[]), dec!(0));
    assert_eq!(checklist_score(item, &["1".into(), "3".into()]), dec!(2));
    let once = toggle_tick(item, &Cell::default(), "3");
    let twice = toggle_tick(item, &once, "1");
    assert_eq!(
        twice.input,
        Some(HelperInput::Checklist {
            ticked: vec!["1".into(), "3".into()]
        }),
        "rubric order"
    );
    assert_eq!(toggle_tick(item, &twice, "3").score, Some(dec!(1)), "untick");
    let u = unit(&r, "3.1.1");
    let typed = score("2", &u, 2, &Cell::default()).expect("a typed total is taken as the score");
    assert_eq!((typed.score, typed.input), (Some(dec!(2)), None));
    assert!(score("4", &u, 2, &Cell::default()).is_err(), "within the item's points");
    // Only what some ticks give: 2.5 is no sum of 1-point parts.
    assert!(
        matches!(score("=2.5", &u, 2, &Cell::default()), Err(InputError::Refused(Refusal::NotGiven { ref can, .. })) if can.scores == [Some(dec!(3)), Some(dec!(2)), Some(dec!(1)), Some(dec!(0))]),
        "the checklist's sums are listed"
    );
    assert!(
        score("=3.5", &u, 2, &Cell::default()).is_err(),
        "a direct score keeps the bounds"
    );
}

#[test]
fn a_veto_is_yes_or_no() {
    let r = rubric_files::find("luoyang-2022").expect("bundled");
    let item = r.items.iter().find(|i| i.kind == Kind::Veto).expect("a veto");
    let u = item.scoring_units().into_iter().next().expect("unit");
    assert_eq!(score("1", &u, 2, &Cell::default()).map(|c| c.veto), Ok(Some(true)));
    assert_eq!(score("0", &u, 2, &Cell::default()).map(|c| c.veto), Ok(Some(false)));
    assert!(matches!(
        score("5", &u, 2, &Cell::default()),
        Err(InputError::NotYesNo { .. })
    ));
}

#[test]
fn a_number_typed_as_a_score_is_that_many_points_on_every_kind_of_unit() {
    let r = suizhou();
    // Per event (1.2.2, 0.5 per event, cap 1): "0.5" is half a point off, not a count.
    let per_event = unit(&r, "1.2.2");
    assert_eq!(
        score("0.5", &per_event, 2, &Cell::default()).map(|c| (c.score, c.input)),
        Ok((Some(dec!(-0.5)), None))
    );
    // Levels (2.2.13: 较好 2 / 一般 1 / 较差 0): "1" is the level worth 1, 一般.
    let levels = unit(&r, "2.2.13");
    let cell = score("1", &levels, 2, &Cell::default()).expect("a level's points");
    assert_eq!(cell.score, Some(dec!(1)));
    assert_eq!(cell.input, Some(HelperInput::Scale { level: "一般".into() }));
    assert!(
        matches!(score("1.5", &levels, 2, &Cell::default()), Err(InputError::Refused(Refusal::NotGiven { can, .. })) if can.scores.len() == 3),
        "no level is worth 1.5: refused with the levels listed"
    );
    // Tiers (5.3.7): a number typed as a score is points, within the unit's range.
    let tiers = unit(&r, "5.3.7");
    assert_eq!(
        score("0.5", &tiers, 2, &Cell::default()).map(|c| c.score),
        Ok(Some(dec!(0.5)))
    );
    assert!(matches!(
        score("12", &tiers, 2, &Cell::default()),
        Err(InputError::Refused(Refusal::OutOfRange { .. }))
    ));
    // An input method left on: full-width digits and 。 are read as ASCII.
    assert_eq!(
        score("０。５", &tiers, 2, &Cell::default()).map(|c| c.score),
        Ok(Some(dec!(0.5)))
    );
    assert_eq!(
        input("１２．０１", &tiers, 2, &Cell::default()).map(|c| c.score),
        Ok(Some(dec!(1)))
    );
}

/// Finding 4 of the office's issue: an uncapped per-event deduction
/// (huizhou 4.1.1, 10 points off per event) accepted any count, and two
/// such scores overflowed the merge's sums. Counts have a maximum
/// (`MAX_EVENTS`), and so has a score, as the check every file meets.
#[test]
fn an_uncapped_deduction_has_a_floor_and_counts_a_maximum() {
    use kaohe::scoring::bounds::{check_score, helper_score, uncapped_floor};
    use kaohe::scoring::helpers::{HelperError, MAX_EVENTS};
    let huizhou = rubric_files::find("huizhou-2017").expect("bundled");
    let deduction = unit(&huizhou, "4.1.1");
    assert_eq!(deduction.item.kind, Kind::Deduction);
    assert!(deduction.points.is_none(), "uncapped in the document");
    assert_eq!(uncapped_floor(&deduction), dec!(-100000), "10 points x 10,000 events");
    assert_eq!(check_score(dec!(-30), &deduction, huizhou.precision), Ok(()));
    let huge = rust_decimal::Decimal::MIN;
    assert!(matches!(
        check_score(huge, &deduction, huizhou.precision),
        Err(Refusal::BeyondAnyCount { .. })
    ));
    let counts = HelperInput::PerEvent {
        counts: vec![MAX_EVENTS + 1],
        events: vec![],
    };
    assert_eq!(
        helper_score(&deduction, &counts, huizhou.precision),
        Err(HelperError::TooManyEvents { max: MAX_EVENTS })
    );
    let counts = HelperInput::PerEvent {
        counts: vec![3],
        events: vec![],
    };
    assert_eq!(helper_score(&deduction, &counts, huizhou.precision), Ok(dec!(-30)));
}
