//! The analyst's intent rules: the key sequences that once saved a score
//! nobody meant, each replayed, with the draft checked after it. Nothing is
//! saved that the preview did not show, and nothing the unit's rule cannot
//! give. (The same values through import and verify: tests/one_rule.rs.)
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::bench::open;
use kaohe::scoring::draft::{Cell, HelperInput};
use kaohe::tui::stages::Overlay;
use rust_decimal_macros::dec;

#[test]
fn tab_never_carries_typed_text_into_the_other_entry() {
    let mut b = open("huiji-2016", "工商质监");
    b.go("1.1.1").feed("t92.5 95");
    assert!(
        b.entry_line()
            .contains("目标 95% - 实测 92.5% = 2.5 个百分点（>1个百分点，≤3个百分点），记 8 分"),
        "{}",
        b.entry_line()
    );
    // Tab: the score's entry, empty. Its preview shows nothing, and Enter saves nothing.
    b.feed("<tab>");
    let line = b.entry_line();
    assert!(line.contains("分数 [0..10]：") && !line.contains("2.5"), "{line}");
    b.feed("<ret>");
    assert_eq!(b.cells(), 0, "nothing saved");
    // Back: the measure is still there, and it is what Enter saves.
    b.feed("<tab>");
    assert!(
        b.entry_line().contains("计分输入 · "),
        "the line names its mode: {}",
        b.entry_line()
    );
    b.feed("<ret>");
    assert_eq!(b.cell("古荣镇", "1.1.1").score, Some(dec!(8)));

    // 8 typed as points, then Tab: the helper's entry is empty; 8 points stay 8 points.
    let mut b = open("huiji-2016", "工商质监");
    b.go("1.1.1").feed("8<tab><ret>");
    assert_eq!(b.cells(), 0, "the measure's entry had nothing typed");
    b.feed("<tab><ret>");
    let cell = b.cell("古荣镇", "1.1.1");
    assert_eq!((cell.score, cell.input), (Some(dec!(8)), None), "8 points, as typed");
}

#[test]
fn a_level_is_its_points_or_its_name_never_its_place() {
    let mut b = open("huizhou-2017-onsite", "质量强市办");
    // The criteria pane lists the levels by name and points, with no number beside them.
    let screen = b.screen();
    assert!(screen.contains("好 = 5") && !screen.contains("1 好"), "{screen}");
    b.go("1.1.1#1").feed("1");
    assert!(b.entry_line().contains("非常差，记 1 分"), "{}", b.entry_line());
    // In the helper's entry, 1 is the same level: the points, not the first in the list.
    b.feed("<tab>1");
    assert!(b.entry_line().contains("非常差，记 1 分"), "{}", b.entry_line());
    b.feed("<C-u>好<ret>");
    assert_eq!(
        b.cell("惠城区", "1.1.1#1").input,
        Some(HelperInput::Scale { level: "好".into() })
    );
}

#[test]
fn a_score_the_rule_cannot_give_is_refused_on_every_helper() {
    for (rubric, dept, unit, typed, gives) in [
        ("huiji-2016", "工商质监", "1.1.1", "2.5", "10 / 9 / 8 / 7 / 6 / 5 / 0"),
        ("huizhou-2017", "质监", "4.1.1", "1", "0 / -10 / -20"),
        ("huizhou-2017", "质监", "4.1.1", "25", "0 / -10 / -20"),
        ("huizhou-2017", "质监", "1.1.1#3", "0.2", "1 / 0"),
        ("huizhou-2017", "环保", "1.4.1#1", "2", "按公式"),
    ] {
        let mut b = open(rubric, dept);
        b.go(unit).feed(typed);
        // Refused before Enter (the preview says why), and at Enter.
        assert!(b.entry_line().contains(gives), "{unit} {typed}: {}", b.entry_line());
        b.feed("<ret>");
        assert!(
            matches!(b.wb.app.overlay(), Overlay::Entry { error: Some(e), .. } if e.contains(gives)),
            "{unit} {typed}: {:?}",
            b.wb.app.overlay()
        );
        assert_eq!(b.cells(), 0, "{unit} {typed}: nothing saved");
    }
}

#[test]
fn a_stray_space_ticks_nothing_and_the_last_tick_taken_back_leaves_the_cell_unscored() {
    let mut b = open("huizhou-2017", "住建");
    assert_eq!(b.unit(), "1.2.1");
    b.feed("<space><space>");
    assert_eq!(b.cells(), 0, "the items pane has focus: no tick");
    assert!(b.status().contains("评分标准栏"), "{}", b.status());
    // In the criteria pane: a tick scores, and taking it back unscores.
    b.feed("<tab><space>");
    assert_eq!(b.cell("惠城区", "1.2.1").score, Some(dec!(2)));
    b.feed("<space>");
    assert_eq!(b.cell("惠城区", "1.2.1"), Cell::default(), "unscored, not 0");
    // The export counts it as unscored.
    let summary = b.wb.app.main().expect("main").export_summary();
    assert_eq!(summary.scored, 0, "nothing scored");
}

#[test]
fn an_award_on_a_deduction_asks_whether_to_deduct() {
    let mut b = open("huizhou-2017", "质监");
    b.go("1.5.1#2").feed("ty");
    let line = b.entry_line();
    assert!(
        line.contains("是否扣分 [y / n]：y") && line.contains("扣分，记 -1 分"),
        "{line}"
    );
    b.feed("<C-u>x<ret>");
    assert!(
        matches!(b.wb.app.overlay(), Overlay::Entry { error: Some(e), .. } if e.contains("y（扣分）或 n（不扣分）") && !e.contains("否决")),
        "{:?}",
        b.wb.app.overlay()
    );
}

#[test]
fn the_next_district_keeps_the_item_found_and_scored() {
    let mut b = open("yuncheng-2022", "市场监管");
    b.feed("/fbzd<ret>");
    let (first, item) = (b.district(), b.unit());
    assert_eq!(item, "2.2.4");
    b.feed("2<ret>");
    assert_eq!(b.cell(&first, "2.2.4").score, Some(dec!(2)));
    b.feed("]");
    let next = b.district();
    assert_ne!(next, first);
    assert_eq!(b.unit(), "2.2.4", "the item scored, not the next unscored one");
    assert!(b.status().contains(&format!("当前：{next} 2.2.4")), "{}", b.status());
    b.feed("1<ret>");
    assert_eq!(b.cell(&next, "2.2.4").score, Some(dec!(1)));
    assert_eq!(b.cell(&next, "2.2.5"), Cell::default(), "nothing on the item after it");
}

#[test]
fn a_paste_typed_out_by_the_terminal_is_text_never_a_score() {
    let mut b = open("suizhou-2022", "水利");
    b.feed("0.8<ret>i");
    // A Windows console types a paste out key by key, all at once.
    b.wb.feed_burst("现场核查资料齐全<ret>1<ret>").expect("keys");
    match b.wb.app.overlay() {
        Overlay::Note { field, .. } => assert_eq!(field.text(), "现场核查资料齐全\n1\n"),
        other => panic!("the note editor is still open: {other:?}"),
    }
    assert_eq!(
        b.cell("曾都区", "1.1.3#1").note,
        "",
        "the note is not saved until Enter"
    );
    assert_eq!(b.cell("曾都区", "1.1.3#2"), Cell::default(), "no score from the paste");
    b.feed("<ret>");
    assert_eq!(b.cell("曾都区", "1.1.3#1").note, "现场核查资料齐全\n1");
    // With no field open, a pasted score opens the entry and stops at its Enter.
    b.wb.feed_burst("0.5<ret>0.25<ret>").expect("keys");
    match b.wb.app.overlay() {
        Overlay::Entry { field, .. } => assert_eq!(field.text(), "0.5"),
        other => panic!("the entry is open with what was pasted: {other:?}"),
    }
    assert_eq!(
        b.cell("曾都区", "1.1.3#2"),
        Cell::default(),
        "nothing saved before the analyst's Enter"
    );
    assert!(b.status().contains("未确认"), "{}", b.status());
    // Keys held down are keys: a burst of one key repeated moves.
    b.feed("<esc>");
    let before = b.unit();
    b.wb.feed_burst("<down><down>").expect("keys");
    assert_ne!(b.unit(), before);
}

#[test]
fn a_veto_is_recorded_only_with_its_reason_and_taking_it_back_asks_about_the_reason() {
    let mut b = open("luoyang-2022", "质量强市");
    let veto = b.first_veto();
    let district = b.district();
    b.go(&veto).feed("1<ret>");
    assert!(
        matches!(b.wb.app.overlay(), Overlay::Note { .. }),
        "asks for the reason"
    );
    b.feed("<esc>");
    assert_eq!(b.cell(&district, &veto), Cell::default(), "no veto without a reason");
    assert!(b.status().contains("未记录否决"), "and says so: {}", b.status());
    b.go(&veto).feed("1<ret>发生重大质量事故<ret>");
    assert_eq!(b.cell(&district, &veto).veto, Some(true));
    // Taken back: the reason may no longer hold, so kaohe asks.
    b.go(&veto).feed("<C-u>0<ret>");
    assert!(matches!(b.wb.app.overlay(), Overlay::ConfirmReason { .. }));
    assert!(b.screen().contains("是否保留"), "{}", b.screen());
    b.feed("n");
    let cell = b.cell(&district, &veto);
    assert_eq!(
        (cell.veto, cell.note.as_str()),
        (Some(false), ""),
        "cleared with its reason"
    );
    // Esc at the question saves nothing.
    b.go(&veto).feed("<C-u>1<ret>理由<ret>");
    b.go(&veto).feed("<C-u>0<ret><esc>");
    assert_eq!(b.cell(&district, &veto).veto, Some(true), "still the veto");
    // Backspace on the cell asks too; y keeps the note.
    b.go(&veto).feed("<backspace>y");
    let cell = b.cell(&district, &veto);
    assert_eq!((cell.veto, cell.note.as_str()), (None, "理由"));
}

/// A joint per-event deduction (huizhou 4.1.1, nine departments) takes its
/// events in a list: `t` opens it, each Enter adds the event typed, the
/// count and the score are previewed, Enter on the empty new line records
/// them; Enter on the cell opens the list again to change one or remove one
/// (-10); a typed score or an event with no words is refused, saying why.
#[test]
fn a_joint_items_events_are_listed_added_changed_removed_and_saved() {
    let mut b = open("huizhou-2017", "质监");
    b.go("4.1.1").feed("20<ret>");
    let refused = |b: &common::bench::Bench| match b.wb.app.overlay() {
        Overlay::Entry { error: Some(e), .. } => e.clone(),
        other => panic!("refused in the entry: {other:?}"),
    };
    assert!(refused(&b).contains("每件事件都要写明"), "{}", refused(&b));
    b.feed("<esc>t");
    assert!(
        matches!(b.wb.app.overlay(), Overlay::Events(_)),
        "t opens the events list"
    );
    b.feed("1<ret>");
    assert!(
        b.screen().contains("第 1 件事件没有写明是什么"),
        "a bare count is no event: {}",
        b.screen()
    );
    b.feed("<C-u>某商场电梯坠落事故 2017年3月5日");
    assert!(
        b.screen().contains("回车后记为：某商场电梯坠落事故（2017-03-05）"),
        "what Enter puts in, before it: {}",
        b.screen()
    );
    b.feed("<ret>化工厂爆炸 2017年8月12日<ret>");
    // The first one again: said before Enter, refused at it.
    b.feed("某商场 电梯坠落事故 2017-03-05");
    assert!(b.screen().contains("第 3 件与第 1 件相同"), "{}", b.screen());
    b.feed("<ret><C-u>");
    let screen = b.screen();
    assert!(screen.contains("2 件，记 -20 分"), "{screen}");
    assert!(screen.contains("1. 某商场电梯坠落事故（2017-03-05）"), "{screen}");
    assert!(screen.contains("2. 化工厂爆炸（2017-08-12）"), "{screen}");
    assert_eq!(b.cells(), 0, "nothing recorded before Enter on the empty line");
    b.feed("<ret>");
    let cell = b.cell("惠城区", "4.1.1");
    assert_eq!(cell.score, Some(dec!(-20)));
    assert_eq!(cell.input.as_ref().map(|i| i.events().len()), Some(2));
    assert!(b.status().contains("惠城区 4.1.1"), "{}", b.status());

    // Back to it: Enter opens the list; the second is changed, then the first removed.
    assert_eq!(b.district(), "惠阳区", "Enter moved on");
    b.feed("[");
    b.go("4.1.1").feed("<ret><up>");
    assert!(b.screen().contains("事件：化工厂爆炸 2017-08-12"), "{}", b.screen());
    b.feed("<C-u>化工厂爆炸事故 2017-08-12<ret><up><up><C-k>");
    assert!(b.screen().contains("1 件，记 -10 分"), "{}", b.screen());
    b.feed("<down><ret>");
    let cell = b.cell("惠城区", "4.1.1");
    assert_eq!(cell.score, Some(dec!(-10)));
    let events = cell.input.as_ref().map(|i| i.events().to_vec()).unwrap_or_default();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].what, "化工厂爆炸事故");

    // Esc drops a change, and says so.
    b.feed("[");
    b.go("4.1.1").feed("<ret><up><C-k><esc>");
    assert_eq!(b.cell("惠城区", "4.1.1").score, Some(dec!(-10)));
    assert!(b.status().contains("未保存"), "{}", b.status());
}

/// Where the rubric reads a rule one way of two, or adds the level the
/// document leaves out, the analyst reads it beside the criteria, and the
/// level it adds is one Enter away (suizhou 5.5.3: 0 for a district that
/// did none of it).
#[test]
fn a_reading_is_said_beside_the_criteria_and_its_level_can_be_given() {
    let mut b = open("suizhou-2022", "市场监管");
    b.go("5.5.3");
    let screen = b.screen();
    assert!(
        screen.contains("本细则的读法：文件只写了开展相关活动的两档"),
        "{screen}"
    );
    b.feed("0<ret>");
    assert_eq!(b.cell("曾都区", "5.5.3").score, Some(dec!(0)));
}
