//! Scoring that cannot go silently wrong, driven by keys as the analyst types
//! them: on every kind of item and every helper, the entry line previews what
//! Enter will save, the saved score is exactly that, and the status line says
//! what was saved where.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::bench::{Bench, open};
use kaohe::scoring::draft::{Cell, HelperInput};
use kaohe::tui::stages::Overlay;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

impl Bench {
    /// Type `typed` (not Enter) into `unit`, check the preview, then Enter and
    /// check the cell holds `score` and the echo says the same as the preview.
    fn scores(&mut self, unit: &str, typed: &str, preview: &str, score: Decimal) -> Cell {
        self.go(unit).feed(typed);
        let district = self.wb.app.session().expect("session").district_name().to_string();
        let line = self.entry_line();
        assert!(
            line.contains(preview),
            "{unit} {typed:?}: preview {preview:?} not in {line:?}"
        );
        self.feed("<ret>");
        let cell = self.cell(&district, unit);
        assert_eq!(cell.score, Some(score), "{unit} {typed:?}: saved");
        let status = self.status();
        assert!(
            status.contains(&format!("{district} {unit}：")) && status.contains(preview),
            "{unit}: the echo says what was saved where: {status:?}"
        );
        cell
    }
}

#[test]
fn a_number_is_points_on_an_item_with_no_helper_and_on_a_deduction() {
    let mut b = open("suizhou-2022", "水利");
    b.scores("1.1.3#1", "0.5", "0.5 分", dec!(0.5));
    let mut b = open("suizhou-2022", "住建");
    // 1.2.4 is a deduction capped at 1: the amount is typed without its sign.
    b.scores("1.2.4", "0.5", "-0.5 分", dec!(-0.5));
}

#[test]
fn the_on_site_inspector_who_decides_jiaohao_4_types_4() {
    let mut b = open("huizhou-2017-onsite", "质量强市办");
    let cell = b.scores("1.1.1#1", "4", "较好，记 4 分", dec!(4));
    assert_eq!(cell.input, Some(HelperInput::Scale { level: "较好".into() }));
    // The helper's own entry takes a level by its name (or its points).
    let cell = b.scores("1.1.1#2", "t较好", "较好，记 4 分", dec!(4));
    assert_eq!(cell.input, Some(HelperInput::Scale { level: "较好".into() }));
    // A 10-point item whose levels stop at 5 takes any score in range.
    b.scores("1.1.2", "8", "8 分", dec!(8));
}

#[test]
fn a_score_no_level_is_worth_is_refused_with_the_levels() {
    let mut b = open("suizhou-2022", "文旅");
    b.go("1.1.5#3").feed("0.7<ret>");
    match b.wb.app.overlay() {
        Overlay::Entry { error: Some(e), .. } => assert!(e.contains("按等级只能得 1 / 0.5 / 0 分"), "{e}"),
        other => panic!("refused in place: {other:?}"),
    }
    assert_eq!(b.cell("曾都区", "1.1.5#3"), Cell::default(), "nothing saved");
}

#[test]
fn a_measured_value_is_entered_only_through_its_own_entry() {
    let mut b = open("huiji-2016", "工商质监");
    let district = "古荣镇";
    // 1.1.1 (10 points): tiers on how far the pass rate falls short of the
    // year's target. Typed as a score, 9 is 9 points.
    b.go("1.1.1").feed("9");
    assert!(b.entry_line().contains("分数 [0..10]：9  9 分"), "{}", b.entry_line());
    b.feed("<ret>");
    assert_eq!(b.cell(district, "1.1.1").score, Some(dec!(9)));
    assert_eq!(b.cell(district, "1.1.1").input, None);
    // The measured rate and the target go in through t, named as the
    // document names them; the subtraction and the tier are shown.
    b.go("1.1.1").feed("t93.5");
    assert!(
        b.entry_line()
            .contains("请依次输入：制造业产品质量合格率、当年度目标值"),
        "one figure is not enough: {}",
        b.entry_line()
    );
    b.feed("<backspace><backspace><backspace><backspace>93 95%");
    let line = b.entry_line();
    assert!(
        line.contains("制造业产品质量合格率 当年度目标值 %：93 95%")
            && line.contains("目标 95% - 实测 93% = 2 个百分点（>1个百分点，≤3个百分点），记 8 分"),
        "{line}"
    );
    b.feed("<ret>");
    let cell = b.cell(district, "1.1.1");
    assert_eq!(cell.score, Some(dec!(8)));
    assert_eq!(
        cell.input,
        Some(HelperInput::Tiers {
            measured: dec!(93),
            reference: Some(dec!(95))
        })
    );
    // Past the target is meeting it: 0 short, full points.
    b.go("1.1.1").feed("t<C-u>97.2 95<ret>");
    assert_eq!(b.cell(district, "1.1.1").score, Some(dec!(10)));
    // A rate typed below 1 is read as typed, and the preview says so
    // before Enter: 0.85 is 0.85%, not Excel's 85%.
    b.go("1.1.1").feed("t<C-u>0.85 95");
    assert!(
        b.entry_line()
            .contains("实测 0.85%（按 0.85% 计；若是 85%，请输入 85） = 94.15 个百分点"),
        "{}",
        b.entry_line()
    );
    b.feed("<esc>");
    // A negative rate is no rate: refused, and the cell keeps its score.
    b.go("1.1.1").feed("t<C-u>-3 95<ret>");
    match b.wb.app.overlay() {
        Overlay::Entry { error: Some(e), .. } => assert!(e.contains("“-3”是负数"), "{e}"),
        other => panic!("refused in place: {other:?}"),
    }
    b.feed("<esc>");
    assert_eq!(b.cell(district, "1.1.1").score, Some(dec!(10)));
    // A pass rate typed as a score is out of range: refused, not a silent 0.
    b.go("1.1.1").feed("<backspace>96.5<ret>");
    assert!(matches!(b.wb.app.overlay(), Overlay::Entry { error: Some(_), .. }));
}

#[test]
fn tiers_on_a_part_and_relative_to_the_city_average() {
    let mut b = open("huizhou-2017", "质监");
    b.scores("1.1.1#1", "t12", "实测 12%（>10%，≤15%），记 0.5 分", dec!(0.5));
    b.scores("1.5.2", "t121 100", "121 / 100 = 121%（>120%），记 4 分", dec!(4));
    // The deduction part: its points or nothing.
    b.scores("1.5.1#2", "1", "扣分，记 -1 分", dec!(-1));
}

#[test]
fn counts_show_the_working_and_the_cap() {
    let mut b = open("suizhou-2022", "市场监管");
    // 1.2.2: 0.5 and 1 per event, capped at 1. A deduction's helper entry is
    // its events list; counts typed on its empty new line are recorded as
    // they are, with the working shown before Enter and said after it.
    let working = "3 次 0.5 分 = 1.5，以上限 1 分计，记 -1 分";
    b.go("1.2.2").feed("t3");
    assert!(matches!(b.wb.app.overlay(), Overlay::Events(_)));
    assert!(b.screen().contains(&format!("回车后记为：{working}")), "{}", b.screen());
    b.feed("<ret>");
    let cell = b.cell("曾都区", "1.2.2");
    assert_eq!(cell.score, Some(dec!(-1)));
    assert_eq!(
        cell.input,
        Some(HelperInput::PerEvent {
            counts: vec![3, 0],
            events: vec![]
        })
    );
    assert!(
        b.status().contains(&format!("曾都区 1.2.2：{working}")),
        "{}",
        b.status()
    );
    // Enter on the cell brings the counts back to correct.
    b.go("1.2.2").feed("<ret>");
    assert!(b.screen().contains("事件：3 0"), "{}", b.screen());
    b.feed("<esc>");
    // Typed as a score, 0.5 is half a point off (not "not a count").
    b.scores("1.2.2", "0.5", "-0.5 分", dec!(-0.5));
    let mut b = open("suizhou-2022", "文旅");
    // 1.1.5 part 6: 0.05 off the full point per event, 扣完为止.
    b.scores(
        "1.1.5#6",
        "t3",
        "满分 1 - (3 次 0.05 分 = 0.15)，记 0.85 分",
        dec!(0.85),
    );
}

#[test]
fn awards_formulas_and_vetoes() {
    let mut b = open("luoyang-2022", "质量强市");
    b.scores("4.3.1", "1", "得分，记 1 分", dec!(1));
    let mut b = open("suizhou-2022", "农业");
    b.scores("1.1.2", "t98.7 98.5", "98.7%（参照 98.5），记 1.7 分", dec!(1.7));
    // A veto is yes or no, and asks for its reason before it is saved.
    let mut b = open("luoyang-2022", "质量强市");
    let veto = b.first_veto();
    b.go(&veto).feed("0");
    assert!(b.entry_line().contains("不否决"), "{}", b.entry_line());
}

#[test]
fn an_input_method_left_on_types_the_same_score() {
    let mut b = open("suizhou-2022", "水利");
    b.scores("1.1.3#1", "０．５", "0.5 分", dec!(0.5));
    b.scores("1.1.3#2", "0。75", "0.75 分", dec!(0.75));
}

#[test]
fn a_note_and_evidence_right_after_a_score_land_on_that_cell() {
    let mut b = open("suizhou-2022", "水利");
    b.go("1.1.3#1").feed("0.8<ret>");
    // The cursor has moved on to the next part; the note is for the one just scored.
    assert_eq!(
        b.wb.app.session().and_then(|s| s.current()).map(|u| u.key.clone()),
        Some("1.1.3#2".into())
    );
    b.feed("i自查报告未提供<C-j>已电话催报<ret>m");
    let cell = b.cell("曾都区", "1.1.3#1");
    assert_eq!(cell.note, "自查报告未提供\n已电话催报");
    assert!(cell.evidence_missing);
    assert_eq!(b.cell("曾都区", "1.1.3#2"), Cell::default(), "nothing on the next cell");
    // Once the cursor moves, the keys act where it is.
    b.feed("<down>m");
    assert!(b.cell("曾都区", "1.1.3#3").evidence_missing);
}

#[test]
fn undo_says_what_it_undid() {
    let mut b = open("suizhou-2022", "水利");
    b.feed("0.5<ret>u");
    assert!(
        b.status().contains("已撤销：曾都区 1.1.3#1，现为 未评"),
        "{}",
        b.status()
    );
}

#[test]
fn a_stray_ctrl_c_does_not_throw_away_a_note_being_typed() {
    let mut b = open("suizhou-2022", "水利");
    b.feed("i写了一半<C-c>");
    assert!(!b.wb.app.quit, "the first C-c asks");
    assert!(
        matches!(b.wb.app.overlay(), Overlay::Note { .. }),
        "the note is still open"
    );
    b.feed("的依据<ret>");
    assert_eq!(b.cell("曾都区", "1.1.3#1").note, "写了一半的依据");
    b.feed("<C-c>");
    assert!(b.wb.app.quit, "with nothing typed, C-c quits");
}

#[test]
fn no_key_changes_data_while_the_screen_is_too_small() {
    let mut b = open("suizhou-2022", "水利");
    b.wb.handle(kaohe::tui::app::Event::Resize(40, 10));
    b.feed("0.5<ret>i<ret>m");
    assert_eq!(b.cell("曾都区", "1.1.3#1"), Cell::default());
    b.wb.handle(kaohe::tui::app::Event::Resize(80, 24));
    b.feed("0.5<ret>");
    assert_eq!(b.cell("曾都区", "1.1.3#1").score, Some(dec!(0.5)));
}

#[test]
fn a_tick_says_what_the_ticks_give() {
    let mut b = open("suizhou-2022", "商务");
    b.go("2.2.4").feed("<tab><space>");
    assert_eq!(b.cell("曾都区", "2.2.4").score, Some(dec!(0.5)));
    assert!(
        b.status().contains("曾都区 2.2.4：勾选 1 项，记 0.5 分"),
        "{}",
        b.status()
    );
    // A total typed is taken as the score, in range.
    b.go("2.2.4").feed("1");
    assert!(b.entry_line().contains("1 分"), "{}", b.entry_line());
}

/// Whatever an analyst types, on every kind of helper, the file the
/// workbench signs verifies: every score follows from the helper inputs it
/// carries.
#[test]
fn every_file_the_workbench_signs_verifies_its_helper_scores() {
    let mut with_inputs = 0;
    use kaohe::seal::dsse;
    use kaohe::seal::keys::Signer;
    use kaohe::seal::payload::{PAYLOAD_TYPE, ScoreFile};
    use kaohe::seal::verify::{Keys, verify_bytes};
    for (rubric, dept) in [
        ("suizhou-2022", "市场监管"),
        ("suizhou-2022", "文旅"),
        ("suizhou-2022", "农业"),
        ("huizhou-2017", "质监"),
        ("huizhou-2017", "环保"),
        ("huizhou-2017-onsite", "质量强市办"),
        ("luoyang-2022", "质量强市"),
        ("huiji-2016", "工商质监"),
    ] {
        for seed in 1..=2u64 {
            let mut b = open(rubric, dept);
            let mut rng = kaohe::commands::synth::Rng::new(seed);
            for _ in 0..60 {
                let keys = common::ANALYST_KEYS[rng.below(common::ANALYST_KEYS.len() as u64) as usize];
                b.feed(keys);
                b.feed("<esc>");
            }
            let session = b.wb.app.session().expect("session");
            let signer = Signer::from_seed([7; 32], &session.department, "张三");
            let file = ScoreFile::from_draft(
                &session.rubric,
                &session.draft,
                signer.key_line(),
                1,
                "2026-12-01T00:00:00Z".into(),
            );
            let bytes = dsse::sign_envelope(&signer, PAYLOAD_TYPE, &serde_json::to_vec(&file).expect("json"));
            let extra = [signer.key_line().clone()];
            let keys = Keys {
                trust: None,
                extra: &extra,
            };
            if let Err(e) = verify_bytes("t.json", &bytes, &keys, std::slice::from_ref(&session.rubric)) {
                panic!("{rubric} {dept} seed {seed}: {e}");
            }
            with_inputs += file.scores.iter().filter(|e| e.input.is_some()).count();
        }
    }
    assert!(
        with_inputs > 20,
        "the walk went through the helpers: {with_inputs} cells with inputs"
    );
}

#[test]
fn a_finished_district_keeps_its_total_on_screen() {
    let mut b = open("suizhou-2022", "水利");
    b.feed("1<ret>1<ret>1.5<ret>1<ret>");
    // The cursor is on 随县 now; 曾都区's line shows its total, not just 4/4.
    let screen = common::screen_text(&b.wb.app, 80, 24);
    let line = screen.lines().find(|l| l.starts_with("曾都区")).expect("曾都区's line");
    assert!(line.contains("4.5分"), "{line}");
    assert!(
        screen.lines().next().is_some_and(|top| top.contains("随县")),
        "{screen}"
    );
}

#[test]
fn a_subtotal_with_deductions_says_so() {
    let mut b = open("suizhou-2022", "市场监管");
    b.scores("1.1.8", "4", "4 分", dec!(4));
    b.scores("1.2.1", "1", "-1 分", dec!(-1));
    let screen = common::screen_text(&b.wb.app, 120, 40);
    let top = screen.lines().next().unwrap_or_default();
    assert!(top.contains("小计 4/31.5 扣1"), "{top}");
}

/// Score every cell of the department with its full points (0 for a
/// deduction or a veto), as fast as an analyst walks.
fn full_round(b: &mut Bench) {
    loop {
        let session = b.wb.app.session().expect("session");
        let (scored, total): (usize, usize) = (0..session.rubric.districts.len())
            .map(|d| session.progress(d))
            .fold((0, 0), |(a, b), (s, t)| (a + s, b + t));
        if scored == total {
            break;
        }
        let unit = session.current_scoring_unit().expect("unit");
        let typed = match unit.item.kind {
            kaohe::rubric::Kind::Veto => "0".to_string(),
            _ => kaohe::points::shown(kaohe::scoring::bounds::range(&unit).1),
        };
        b.feed(&format!("{typed}<ret>"));
    }
}

#[test]
fn the_grid_shows_every_districts_total_and_enter_goes_to_a_cell() {
    let mut b = open("suizhou-2022", "市场监管");
    full_round(&mut b);
    b.feed("o");
    let Overlay::Grid(_) = b.wb.app.overlay() else {
        panic!("o opens the grid: {:?}", b.wb.app.overlay())
    };
    let screen = common::screen_text(&b.wb.app, 200, 60);
    let session = b.wb.app.session().expect("session");
    for (d, district) in session.rubric.districts.iter().enumerate() {
        let total = kaohe::points::shown(session.subtotal(d).0);
        let line = screen
            .lines()
            .find(|l| l.starts_with(district.as_str()))
            .expect("a row per district");
        assert!(
            line.contains(&format!(" {total} ")),
            "{district}: total {total} in {line:?}"
        );
    }
    // Down two districts, right three units, Enter: the walk is there.
    b.feed("<up><up><up><up><up><home><down><down><right><right><right><ret>");
    let session = b.wb.app.session().expect("session");
    assert_eq!((session.district, session.unit), (2, 3));
    assert!(matches!(b.wb.app.overlay(), Overlay::None));
}

#[test]
fn the_help_scrolls_to_the_legend_of_the_marks_at_80x24() {
    let mut b = open("suizhou-2022", "水利");
    b.feed("?");
    let first = common::screen_text(&b.wb.app, 80, 24);
    assert!(first.contains("移动") && first.contains("上移"), "{first}");
    assert!(!first.contains("[normal]"), "no internal mode names: {first}");
    b.feed(&"<pagedown>".repeat(20));
    let last = common::screen_text(&b.wb.app, 80, 24);
    assert!(
        last.contains("标记") && last.contains("缺印证材料") && last.contains("有评分依据"),
        "{last}"
    );
    b.feed("x");
    assert!(matches!(b.wb.app.overlay(), Overlay::None), "any other key closes it");
}

#[test]
fn the_finder_goes_to_a_district_by_its_name_or_pinyin() {
    let mut b = open("suizhou-2022", "水利");
    b.feed("/guangshui");
    let Overlay::Search(state) = b.wb.app.overlay() else {
        panic!("search open")
    };
    assert_eq!(state.places.len(), 1, "广水市 by its pinyin");
    b.feed("<ret>");
    let session = b.wb.app.session().expect("session");
    assert_eq!(session.district_name(), "广水市");
    // Items still come after districts: 水利 finds 1.1.3.
    b.feed("/水利<ret>");
    assert_eq!(
        b.wb.app.session().and_then(|s| s.current()).map(|u| u.key.as_str()),
        Some("1.1.3#1")
    );
}

#[test]
fn in_the_item_walk_the_next_item_keeps_the_district() {
    let mut b = open("suizhou-2022", "水利");
    b.feed("v]]");
    let district = b.wb.app.session().expect("session").district;
    b.feed(">>");
    let session = b.wb.app.session().expect("session");
    assert_eq!(
        (session.district, session.current().map(|u| u.key.as_str())),
        (district, Some("1.1.3#3"))
    );
    // "<" begins a bracketed key in a key string: press it as a key.
    let less = kaohe::tui::keymap::Key::parse("<").expect("< is a key");
    b.wb.handle(kaohe::tui::app::Event::Key(less));
    assert_eq!(
        b.wb.app.session().and_then(|s| s.current()).map(|u| u.key.as_str()),
        Some("1.1.3#2")
    );
}

#[test]
fn fill_gives_a_cell_to_every_unscored_district_and_one_undo_takes_it_back() {
    let mut b = open("suizhou-2022", "市场监管");
    // 1.2.1, a deduction: no event anywhere is 0 in every district.
    b.go("1.2.1").feed("0<ret>");
    b.go("1.2.1").feed("]]");
    b.feed("1<ret>");
    b.go("1.2.1").feed("[[f");
    let Overlay::ConfirmFill { cells, .. } = b.wb.app.overlay() else {
        panic!("asks first: {:?}", b.wb.app.overlay())
    };
    assert_eq!(
        *cells, 3,
        "广水市 is scored already; 随县, 随州高新区 and 大洪山 are not"
    );
    b.feed("<ret>");
    for district in ["随县", "随州高新区", "大洪山风景名胜区"] {
        assert_eq!(b.cell(district, "1.2.1").score, Some(dec!(0)), "{district}");
    }
    assert_eq!(
        b.cell("广水市", "1.2.1").score,
        Some(dec!(-1)),
        "a scored district is left alone"
    );
    b.feed("u");
    assert!(b.status().contains("已撤销：3 个单元格"), "{}", b.status());
    for district in ["随县", "随州高新区", "大洪山风景名胜区"] {
        assert_eq!(b.cell(district, "1.2.1").score, None, "{district}: undone in one step");
    }
    assert_eq!(b.cell("曾都区", "1.2.1").score, Some(dec!(0)), "the source stays");
    // Esc at the confirmation fills nothing.
    b.go("1.2.1").feed("f<esc>");
    assert_eq!(b.cell("随县", "1.2.1").score, None);
}

#[test]
fn filters_show_only_the_unscored_the_evidence_missing_or_the_noted() {
    let mut b = open("suizhou-2022", "水利");
    // 1.1.3#1 scored with missing evidence, #2 with a note, #3 and #4 not scored.
    b.feed("1<ret>m0.5<ret>i有依据<ret>");
    let items = |b: &Bench| {
        let screen = common::screen_text(&b.wb.app, 120, 40);
        // The items pane's rows: the criteria under it start at their title.
        screen
            .lines()
            .filter_map(|l| l.split('|').nth(1))
            .take_while(|cell| !cell.starts_with(" 评分标准"))
            .filter(|cell| cell.starts_with("1.1.3#"))
            .map(|cell| cell[..7].to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(items(&b), ["1.1.3#1", "1.1.3#2", "1.1.3#3", "1.1.3#4"]);
    b.feed("F");
    assert!(b.status().contains("只看：未评"), "{}", b.status());
    assert_eq!(items(&b), ["1.1.3#3", "1.1.3#4"]);
    b.feed("F");
    assert_eq!(items(&b), ["1.1.3#1"], "evidence missing");
    b.feed("F");
    assert_eq!(items(&b), ["1.1.3#2"], "with a note");
    b.feed("F");
    assert_eq!(items(&b).len(), 4, "all again");
}

#[test]
fn a_department_with_nothing_to_score_is_told_so_and_where_it_supports() {
    // huizhou-2017 1.5.1 lists 科技部门 first, but 质监 leads it by meaning.
    let mut b = open("huizhou-2017", "科技");
    let screen = common::screen_text(&b.wb.app, 120, 40);
    assert!(
        screen.contains("没有由本部门评分的项目") && screen.contains("1.5.1"),
        "{screen}"
    );
    b.feed("n");
    assert!(b.status().contains("没有由本部门评分的项目"), "{}", b.status());
    assert!(!b.status().contains("均已评分"), "{}", b.status());
}
