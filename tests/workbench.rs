//! The workbench driven by key strings, as an analyst types them: scores,
//! refusals, helpers, search, undo, notes, vetoes, drafts and the lock.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use kaohe::config::Dirs;
use kaohe::lang::Lang;
use kaohe::scoring::draft::{Cell, HelperInput, Walk};
use kaohe::tui::stages::{Overlay, Stage};
use kaohe::tui::workbench::StartArgs;
use kaohe::tui::workbench::Workbench;
use rust_decimal_macros::dec;
use tempfile::TempDir;

struct Env {
    _root: TempDir,
    dirs: Dirs,
}

fn env() -> Env {
    let root = tempfile::tempdir().expect("temp dir");
    let dirs = Dirs::at(root.path().join("config"), root.path().join("data"));
    Env { _root: root, dirs }
}

fn args(rubric: &str, dept: &str) -> StartArgs {
    StartArgs {
        rubric: Some(rubric.into()),
        dept: Some(dept.into()),
        scorer: Some("张三".into()),
        keymap: None,
        lang: Some(Lang::Zh),
    }
}

fn start(env: &Env, rubric: &str, dept: &str) -> Workbench {
    match Workbench::start(&args(rubric, dept), env.dirs.clone(), false) {
        Ok(wb) => wb,
        Err(e) => panic!("start: {e}"),
    }
}

fn feed(wb: &mut Workbench, keys: &str) {
    wb.feed(keys).expect("valid key string");
}

fn cell(wb: &Workbench, district: &str, unit: &str) -> Option<Cell> {
    wb.app.session()?.draft.cell(district, unit).cloned()
}

fn current(wb: &Workbench) -> (String, String) {
    let s = wb.app.session().expect("session");
    (s.district_name().to_string(), s.current().expect("unit").key.clone())
}

#[test]
fn a_cell_costs_its_digits_plus_enter_and_moves_on() {
    let env = env();
    let mut wb = start(&env, "suizhou-2022", "卫健");
    assert_eq!(current(&wb), ("曾都区".into(), "1.1.7".into()));
    feed(&mut wb, "1.5<ret>");
    assert_eq!(cell(&wb, "曾都区", "1.1.7").and_then(|c| c.score), Some(dec!(1.5)));
    // One item for this department: the next unscored cell is the next district's.
    assert_eq!(current(&wb), ("随县".into(), "1.1.7".into()));
    feed(&mut wb, "2<ret>1<ret>");
    assert_eq!(cell(&wb, "随县", "1.1.7").and_then(|c| c.score), Some(dec!(2)));
    assert_eq!(cell(&wb, "广水市", "1.1.7").and_then(|c| c.score), Some(dec!(1)));
}

#[test]
fn invalid_input_is_refused_in_place_with_the_reason() {
    let env = env();
    let mut wb = start(&env, "suizhou-2022", "卫健");
    for (typed, reason) in [
        ("9", "超出范围"),
        ("1.555", "小数"),
        ("-", "不是数字"),
        ("1.2.3", "不是数字"),
    ] {
        feed(&mut wb, &format!("{typed}<ret>"));
        match wb.app.overlay() {
            Overlay::Entry {
                field, error: Some(e), ..
            } => {
                assert_eq!(field.text(), typed, "the typed text stays");
                assert!(e.contains(reason), "{typed}: {e}");
            }
            other => panic!("{typed}: expected a refused entry, got {other:?}"),
        }
        assert_eq!(cell(&wb, "曾都区", "1.1.7"), None, "{typed}: nothing saved");
        feed(&mut wb, "<esc>");
    }
    // Only the lock and its holder's name: no draft was written.
    assert!(
        !env.dirs.data.join("drafts").exists()
            || std::fs::read_dir(env.dirs.data.join("drafts"))
                .map(|d| {
                    d.filter_map(Result::ok)
                        .filter(|e| !e.file_name().to_string_lossy().contains(".lock"))
                        .count()
                })
                .unwrap_or(0)
                == 0
    );
}

#[test]
fn search_by_pinyin_initials_jumps_to_the_item() {
    let env = env();
    let mut wb = start(&env, "suizhou-2022", "市场监管");
    feed(&mut wb, "/tzsb");
    let Overlay::Search(state) = wb.app.overlay() else {
        panic!("search open")
    };
    assert!(!state.hits.is_empty(), "tzsb finds something");
    feed(&mut wb, "<ret>");
    let s = wb.app.session().expect("session");
    let unit = s.current().expect("unit").clone();
    let item = s.item_of(&unit).clone();
    assert!(item.text.contains("特种设备"), "jumped to {}", item.text);
    // Its first part is worth 0.5, all or nothing: 0.5 gives it.
    feed(&mut wb, "0.5<ret>");
    let scored = cell(&wb, "曾都区", &unit.key).and_then(|c| c.score);
    assert_eq!(scored, Some(dec!(0.5)), "the special-equipment cell got a score");
}

#[test]
fn deduction_amount_without_sign_and_per_event_counts() {
    let env = env();
    let mut wb = start(&env, "suizhou-2022", "市场监管");
    // 1.2.1: 每项扣1分，最高扣2分 (per event 1, cap 2)
    feed(&mut wb, "/1.2.1<ret>");
    let s = wb.app.session().expect("session");
    if s.current().map(|u| u.key.as_str()) != Some("1.2.1") {
        // the id is not searchable text: find it by its words instead
        feed(&mut wb, "/重大产品和服务质量问题<ret>");
    }
    assert_eq!(current(&wb).1, "1.2.1");
    // Typed as a score, 3 is three points off: more than the cap of 2.
    feed(&mut wb, "3<ret>");
    assert!(
        matches!(wb.app.overlay(), Overlay::Entry { error: Some(_), .. }),
        "refused"
    );
    assert_eq!(cell(&wb, "曾都区", "1.2.1"), None);
    // Tab opens the count of events with its own text: the 3 typed as points
    // is not read as three events, and comes back with Tab.
    feed(&mut wb, "<tab>");
    match wb.app.overlay() {
        Overlay::Entry { field, parked, .. } => {
            assert_eq!((field.text(), parked.text()), ("", "3"), "each entry keeps its text")
        }
        other => panic!("the entry stays open: {other:?}"),
    }
    feed(&mut wb, "3<ret>");
    let c = cell(&wb, "曾都区", "1.2.1").expect("scored");
    assert_eq!(c.score, Some(dec!(-2)), "three events at 1 each, capped at 2");
    // 1.2.1 has two kinds of event (product, service); one count fills the first.
    assert_eq!(
        c.input,
        Some(HelperInput::PerEvent {
            counts: vec![3, 0],
            events: vec![]
        })
    );
}

#[test]
fn tiers_score_the_measured_rank() {
    let env = env();
    let mut wb = start(&env, "suizhou-2022", "公安");
    assert_eq!(current(&wb).1, "3.3.2");
    // `t` opens the helper's own entry: the measured rank.
    feed(&mut wb, "t5<ret>");
    let c = cell(&wb, "曾都区", "3.3.2").expect("scored");
    assert_eq!(c.score, Some(dec!(2)), "rank 5 is in 4-6: 2 points");
    assert_eq!(
        c.input,
        Some(HelperInput::Tiers {
            measured: dec!(5),
            reference: None
        })
    );
    // 4.1.1 has a scale: `t` and a level's points (or name) pick the level.
    assert_eq!(current(&wb).1, "4.1.1");
    feed(&mut wb, "t1<ret>");
    let c = cell(&wb, "曾都区", "4.1.1").expect("scored");
    assert!(matches!(c.input, Some(HelperInput::Scale { .. })), "{c:?}");
    assert_eq!(c.score, Some(dec!(1)));
}

#[test]
fn checklist_ticks_with_space_and_the_score_follows() {
    let env = env();
    let mut wb = start(&env, "suizhou-2022", "商务"); // 2.2.4: 0.5 + 0.5, earned
    assert_eq!(current(&wb).1, "2.2.4");
    // A stray Space in the items pane ticks nothing: the ticks are in the criteria pane.
    feed(&mut wb, " ");
    assert_eq!(cell(&wb, "曾都区", "2.2.4"), None);
    assert!(
        wb.app.message.as_ref().is_some_and(|m| m.text.contains("评分标准")),
        "says where ticks go"
    );
    feed(&mut wb, "<tab> ");
    assert_eq!(cell(&wb, "曾都区", "2.2.4").and_then(|c| c.score), Some(dec!(0.5)));
    feed(&mut wb, "<down> ");
    let c = cell(&wb, "曾都区", "2.2.4").expect("ticked");
    assert_eq!(c.score, Some(dec!(1)));
    assert_eq!(
        c.input,
        Some(HelperInput::Checklist {
            ticked: vec!["1".into(), "2".into()]
        })
    );
    feed(&mut wb, " ");
    assert_eq!(cell(&wb, "曾都区", "2.2.4").and_then(|c| c.score), Some(dec!(0.5)));
    // Unticking the last tick leaves the cell unscored, not scored 0.
    feed(&mut wb, "<up> ");
    assert_eq!(cell(&wb, "曾都区", "2.2.4"), None, "no tick, no score");
    // A number typed on a checklist item is its score, like any other
    // (the ticks go); "=" works too, as on every helper.
    feed(&mut wb, "1<ret>");
    let c = cell(&wb, "曾都区", "2.2.4").expect("typed");
    assert_eq!((c.score, c.input.clone()), (Some(dec!(1)), None));
    // Undo brings the cursor back to the cell.
    feed(&mut wb, "u=0<ret>");
    assert_eq!(cell(&wb, "曾都区", "2.2.4").and_then(|c| c.score), Some(dec!(0)));
    // Only what some ticks give: 0.7 is no sum of 0.5-point parts.
    feed(&mut wb, "u0.7<ret>");
    assert!(
        matches!(wb.app.overlay(), Overlay::Entry { error: Some(e), .. } if e.contains("1 / 0.5 / 0")),
        "the sums are listed: {:?}",
        wb.app.overlay()
    );
}

#[test]
fn undo_and_redo() {
    let env = env();
    let mut wb = start(&env, "suizhou-2022", "卫健");
    feed(&mut wb, "1<ret>");
    assert_eq!(current(&wb).0, "随县");
    feed(&mut wb, "u");
    assert_eq!(cell(&wb, "曾都区", "1.1.7"), None);
    assert_eq!(current(&wb).0, "曾都区", "undo goes back to the cell");
    feed(&mut wb, "<C-r>");
    assert_eq!(cell(&wb, "曾都区", "1.1.7").and_then(|c| c.score), Some(dec!(1)));
    feed(&mut wb, "uu");
    assert!(
        wb.app.message.as_ref().is_some_and(|m| m.text.contains("没有")),
        "nothing more to undo"
    );
}

#[test]
fn a_note_with_chinese_and_evidence_missing() {
    let env = env();
    let mut wb = start(&env, "suizhou-2022", "卫健");
    feed(&mut wb, "i");
    assert!(matches!(wb.app.overlay(), Overlay::Note { .. }));
    feed(&mut wb, "自查报告未提供");
    wb.handle(kaohe::tui::app::Event::Paste("，已电话催报".into()));
    feed(&mut wb, "<ret>m");
    let c = cell(&wb, "曾都区", "1.1.7").expect("noted");
    assert_eq!(c.note, "自查报告未提供，已电话催报");
    assert!(c.evidence_missing);
    assert_eq!(c.score, None, "a note is not a score");
    assert_eq!(current(&wb).0, "曾都区", "a note does not move on");
}

#[test]
fn a_veto_needs_a_note() {
    let env = env();
    let mut wb = start(&env, "luoyang-2022", "质量强市");
    feed(&mut wb, "/系统性<ret>");
    let s = wb.app.session().expect("session");
    let item = s.item_of(s.current().expect("unit")).clone();
    assert_eq!(item.kind, kaohe::rubric::Kind::Veto);
    feed(&mut wb, "1<ret>");
    assert!(
        matches!(wb.app.overlay(), Overlay::Note { .. }),
        "the note is asked for"
    );
    feed(&mut wb, "<ret>");
    assert!(
        matches!(wb.app.overlay(), Overlay::Note { .. }),
        "an empty note is refused"
    );
    assert_eq!(cell(&wb, "老城区", &item.id), None, "nothing saved yet");
    feed(&mut wb, "发生系统性质量安全事件<ret>");
    let c = cell(&wb, "老城区", &item.id).expect("veto saved");
    assert_eq!(c.veto, Some(true));
    assert_eq!(c.note, "发生系统性质量安全事件");
}

#[test]
fn walking_by_item_goes_down_the_districts() {
    let env = env();
    let mut wb = start(&env, "suizhou-2022", "公安");
    feed(&mut wb, "v");
    assert_eq!(wb.app.session().map(|s| s.walk), Some(Walk::Item));
    feed(&mut wb, "t1<ret>t2<ret>");
    assert_eq!(cell(&wb, "曾都区", "3.3.2").and_then(|c| c.score), Some(dec!(3)));
    assert_eq!(cell(&wb, "随县", "3.3.2").and_then(|c| c.score), Some(dec!(3)));
    assert_eq!(current(&wb), ("广水市".into(), "3.3.2".into()));
}

#[test]
fn drafts_resume_exactly_and_a_second_instance_is_refused() {
    let env = env();
    let mut wb = start(&env, "suizhou-2022", "公安");
    feed(&mut wb, "vt1<ret>t2<ret>");
    let second = Workbench::start(&args("suizhou-2022", "公安"), env.dirs.clone(), false);
    let message = second.err().expect("refused while the first is open");
    assert!(message.contains("张三") || message.contains("kaohe"), "{message}");
    wb.finish();
    drop(wb);

    let wb = start(&env, "suizhou-2022", "公安");
    assert_eq!(cell(&wb, "曾都区", "3.3.2").and_then(|c| c.score), Some(dec!(3)));
    assert_eq!(cell(&wb, "随县", "3.3.2").and_then(|c| c.score), Some(dec!(3)));
    assert_eq!(current(&wb), ("广水市".into(), "3.3.2".into()));
    assert_eq!(wb.app.session().map(|s| s.walk), Some(Walk::Item));
}

#[test]
fn start_screens_pick_rubric_department_and_scorer_and_remember_them() {
    let env = env();
    let none = StartArgs {
        lang: Some(Lang::Zh),
        ..StartArgs::default()
    };
    let mut wb = Workbench::start(&none, env.dirs.clone(), false).expect("start");
    assert!(matches!(wb.app.stage, Stage::PickRubric(_)));
    feed(&mut wb, "suizhou<ret>");
    assert!(matches!(wb.app.stage, Stage::PickDepartment { .. }));
    feed(&mut wb, "卫健<ret>");
    assert!(matches!(wb.app.stage, Stage::Scorer { .. }));
    feed(&mut wb, "李四<ret>");
    assert!(matches!(wb.app.stage, Stage::Main(_)));
    assert_eq!(current(&wb), ("曾都区".into(), "1.1.7".into()));
    wb.finish();
    drop(wb);

    // Next time the same choices are preselected: three Enters.
    let mut wb = Workbench::start(&none, env.dirs.clone(), false).expect("start");
    feed(&mut wb, "<ret><ret><ret>");
    assert!(matches!(wb.app.stage, Stage::Main(_)));
    let s = wb.app.session().expect("session");
    assert_eq!((s.department.as_str(), s.scorer.as_str()), ("市卫健委", "李四"));
}

#[test]
fn every_bundled_rubric_opens_for_every_department() {
    for b in kaohe::rubric::bundled::bundled() {
        let rubric = kaohe::io::rubric_files::find(b.id).expect("bundled");
        for dept in &rubric.departments {
            let env = env();
            let mut wb = start(&env, b.id, &dept.name);
            let s = wb.app.session().expect("session");
            assert_eq!(s.department, dept.name);
            // Walk every cell with next-unscored: never stuck, never panics.
            feed(&mut wb, "nnnn<down><down>v<up><tab><tab><down>?x");
        }
    }
}

mod export {
    use super::*;
    use kaohe::io::key_files;
    use kaohe::io::score_files::verify_file;
    use kaohe::seal::verify::Keys;

    fn exported(env: &Env) -> Vec<std::path::PathBuf> {
        let mut files: Vec<_> = std::fs::read_dir(env.dirs.data.join("exports"))
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
    }

    /// Before signing, the confirmation names the cells the office will
    /// ask about (points lost with no reason written, vetoes), and the note
    /// key goes to the first of them with its reason's editor open.
    #[test]
    fn the_export_confirmation_names_points_lost_without_a_reason() {
        let env = env();
        let mut wb = start(&env, "suizhou-2022", "卫健");
        // 1.1.7 is worth 2: 1.5 loses half a point, 2 loses none.
        feed(&mut wb, "2<ret>1.5<ret>e");
        let Overlay::ConfirmExport(summary) = wb.app.overlay() else {
            panic!("asks before signing: {:?}", wb.app.overlay())
        };
        let names: Vec<&str> = summary.without_reason.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names, ["随县 1.1.7"]);
        feed(&mut wb, "i");
        assert!(
            matches!(wb.app.overlay(), Overlay::Note { .. }),
            "the note editor is open: {:?}",
            wb.app.overlay()
        );
        assert_eq!(current(&wb), ("随县".into(), "1.1.7".into()));
        feed(&mut wb, "材料不全<ret>");
        assert_eq!(cell(&wb, "随县", "1.1.7").map(|c| c.note), Some("材料不全".into()));
        feed(&mut wb, "e");
        let Overlay::ConfirmExport(summary) = wb.app.overlay() else {
            panic!("asks again: {:?}", wb.app.overlay())
        };
        assert!(summary.without_reason.is_empty());
    }

    /// After a first export, the next confirmation names the cells scored,
    /// changed or cleared since (kept with the draft across a restart), and
    /// the changed key goes to the first of them.
    #[test]
    fn the_export_confirmation_names_the_cells_changed_since_the_last_export() {
        let env = env();
        key_files::keygen(&env.dirs.data, "市卫健委", "张三", None).expect("keygen");
        let mut wb = start(&env, "suizhou-2022", "卫健");
        feed(&mut wb, "2<ret>2<ret>e");
        let Overlay::ConfirmExport(summary) = wb.app.overlay() else {
            panic!("asks before signing: {:?}", wb.app.overlay())
        };
        assert!(summary.changed.is_empty(), "nothing to compare before a first export");
        feed(&mut wb, "<ret><esc>");
        assert_eq!(exported(&env).len(), 1, "r1 written");
        // One changed, one scored for the first time; then a restart.
        feed(&mut wb, "[1.5<ret>");
        assert_eq!(current(&wb).0, "广水市", "on to the next unscored");
        wb.finish();
        drop(wb);
        let mut wb = start(&env, "suizhou-2022", "卫健");
        feed(&mut wb, "2<ret>e");
        let Overlay::ConfirmExport(summary) = wb.app.overlay() else {
            panic!("asks before signing: {:?}", wb.app.overlay())
        };
        let names: Vec<&str> = summary.changed.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names, ["随县 1.1.7", "广水市 1.1.7"]);
        let screen = common::screen_text(&wb.app, 80, 24);
        assert!(
            screen.contains("第 1 版导出后改动 2: 随县 1.1.7、广水市 1.1.7"),
            "{screen}"
        );
        feed(&mut wb, "c");
        assert!(matches!(wb.app.overlay(), Overlay::None), "{:?}", wb.app.overlay());
        assert_eq!(current(&wb), ("随县".into(), "1.1.7".into()));
        // Signed again: nothing is changed since r2.
        feed(&mut wb, "e<ret><esc>e");
        let Overlay::ConfirmExport(summary) = wb.app.overlay() else {
            panic!("asks before signing: {:?}", wb.app.overlay())
        };
        assert_eq!(summary.revision, 3);
        assert!(summary.changed.is_empty(), "{:?}", summary.changed);
    }

    #[test]
    fn the_export_key_signs_the_draft_after_asking_for_the_passphrase() {
        let env = env();
        let (_, line) = key_files::keygen(&env.dirs.data, "市卫健委", "张三", Some("pw")).expect("keygen");
        let mut wb = start(&env, "suizhou-2022", "卫健");
        feed(&mut wb, "1.5<ret>e");
        // First what will be signed: the revision and how complete it is.
        let Overlay::ConfirmExport(summary) = wb.app.overlay() else {
            panic!("asks before signing: {:?}", wb.app.overlay())
        };
        assert_eq!((summary.revision, summary.scored, summary.total), (1, 1, 5));
        assert_eq!(summary.unscored.len(), 4);
        feed(&mut wb, "<ret>");
        assert!(
            matches!(wb.app.overlay(), Overlay::Passphrase(_)),
            "asks for the passphrase"
        );
        feed(&mut wb, "wrong<ret>");
        let message = wb.app.message.as_ref().expect("message");
        assert!(message.error && message.text.contains("口令不正确"), "{}", message.text);
        assert!(
            matches!(wb.app.overlay(), Overlay::Notice { error: true, .. }),
            "the failure is shown whole"
        );
        assert!(exported(&env).is_empty(), "nothing written with a wrong passphrase");
        // The notice says 按 e 重新输入: e closes it and goes on to export.
        assert!(message.text.contains("按 e 重新输入"), "{}", message.text);
        feed(&mut wb, "e");
        assert!(
            matches!(wb.app.overlay(), Overlay::ConfirmExport(_)),
            "e does what it says: {:?}",
            wb.app.overlay()
        );
        feed(&mut wb, "<esc>");

        // A second try after a failure: the success replaces the error.
        feed(&mut wb, "<esc>e<ret>pw<ret>");
        let message = wb.app.message.as_ref().expect("message");
        assert!(!message.error && message.text.contains("r1.json"), "{}", message.text);
        assert!(matches!(wb.app.overlay(), Overlay::Notice { error: false, .. }));
        let files = exported(&env);
        assert_eq!(files.len(), 1);
        assert!(files[0].ends_with("suizhou-2022-市卫健委-张三-r1.json"), "{files:?}");
        let rubric = kaohe::io::rubric_files::find("suizhou-2022").expect("rubric");
        let extra = [line];
        let keys = Keys {
            trust: None,
            extra: &extra,
        };
        let verified = verify_file(&files[0], &keys, std::slice::from_ref(&rubric)).expect("verifies");
        assert_eq!(verified.scores.revision, 1);
        assert_eq!(verified.scores.scores.len(), 1);
        assert_eq!(verified.scores.scores[0].score, Some(dec!(1.5)));

        // The revision is remembered in the saved draft: the next export is r2.
        feed(&mut wb, "<esc>1<ret>e<ret>pw<ret>");
        let files = exported(&env);
        assert_eq!(files.len(), 2);
        assert!(files[1].ends_with("suizhou-2022-市卫健委-张三-r2.json"), "{files:?}");
        wb.finish();
        drop(wb);
        let wb = start(&env, "suizhou-2022", "卫健");
        assert_eq!(wb.app.session().expect("session").draft.revision, 2);
    }

    #[test]
    fn esc_cancels_the_passphrase_and_nothing_is_written() {
        let env = env();
        key_files::keygen(&env.dirs.data, "市卫健委", "张三", Some("pw")).expect("keygen");
        let mut wb = start(&env, "suizhou-2022", "卫健");
        feed(&mut wb, "1<ret>e<ret>pw<esc>");
        assert!(matches!(wb.app.overlay(), Overlay::None));
        assert!(exported(&env).is_empty());
        // Esc at the confirmation signs nothing either.
        feed(&mut wb, "e<esc>");
        assert!(matches!(wb.app.overlay(), Overlay::None));
        assert!(exported(&env).is_empty());
    }

    #[test]
    fn without_a_key_the_export_key_says_how_to_make_one() {
        let env = env();
        let mut wb = start(&env, "suizhou-2022", "卫健");
        feed(&mut wb, "1<ret>e<ret>");
        let message = wb.app.message.as_ref().expect("message");
        assert!(
            message.error
                && message.text.contains("还没有签名密钥")
                && message
                    .text
                    .contains("kaohe keygen --rubric suizhou-2022 --dept 市卫健委 --scorer 张三"),
            "{}",
            message.text
        );
        assert!(exported(&env).is_empty());
        // A key that would change a cell or leave only closes the notice.
        assert!(
            matches!(wb.app.overlay(), Overlay::Notice { .. }),
            "{:?}",
            wb.app.overlay()
        );
        feed(&mut wb, "<backspace>");
        assert!(matches!(wb.app.overlay(), Overlay::None));
        assert_eq!(cell(&wb, "曾都区", "1.1.7").and_then(|c| c.score), Some(dec!(1)));
        feed(&mut wb, "e<ret>q");
        assert!(!wb.app.quit, "q closed the notice, nothing else");
    }
}

#[test]
fn a_broken_keymap_file_is_reported_in_chinese_and_the_defaults_run() {
    let env = env();
    let path = env.dirs.keymap_file();
    std::fs::create_dir_all(path.parent().expect("config dir")).expect("config dir");
    std::fs::write(&path, "[normal]\n\"Q\" = \"qiut\"\n").expect("keymap");
    let wb = start(&env, "suizhou-2022", "卫健");
    let message = wb.app.message.as_ref().expect("the problem is on screen");
    assert!(message.error, "{}", message.text);
    assert!(
        message.text.contains("键位文件有误，已使用默认键位") && message.text.contains("没有“qiut”这个动作"),
        "{}",
        message.text
    );
    assert!(!message.text.contains("unknown"), "{}", message.text);
}

#[test]
fn the_last_cell_of_a_district_says_its_total_as_the_walk_moves_on() {
    let env = env();
    let mut wb = start(&env, "suizhou-2022", "水利");
    feed(&mut wb, "1<ret>0.8<ret>1.5<ret>");
    assert_eq!(current(&wb).0, "曾都区");
    feed(&mut wb, "1<ret>");
    assert_eq!(current(&wb).0, "随县", "the walk moved on");
    let message = wb.app.message.as_ref().expect("message");
    assert!(
        message.text.contains("曾都区 1.1.3#4：1 分；地区评完：小计 4.3/5"),
        "{}",
        message.text
    );
}

#[test]
fn the_rubric_picker_ranks_by_what_it_shows_first() {
    let env = env();
    let none = StartArgs {
        lang: Some(Lang::Zh),
        ..StartArgs::default()
    };
    let mut wb = Workbench::start(&none, env.dirs.clone(), false).expect("start");
    feed(&mut wb, "sz");
    let Stage::PickRubric(picker) = &wb.app.stage else {
        panic!("the rubric picker")
    };
    let first = picker.visible().first().map(|&i| picker.choices()[i].value.clone());
    assert_eq!(
        first.as_deref(),
        Some("suizhou-2022"),
        "随州 (s z) before 惠州's issuer (市质)"
    );
    // An id typed whole is the one Enter takes, before a longer id it starts.
    feed(&mut wb, "<C-u>huizhou-2017");
    let Stage::PickRubric(picker) = &wb.app.stage else {
        panic!("the rubric picker")
    };
    assert_eq!(picker.selected().map(|c| c.value.as_str()), Some("huizhou-2017"));
}

#[test]
fn a_search_hit_in_a_parts_text_jumps_to_that_part() {
    let env = env();
    let mut wb = start(&env, "suizhou-2022", "市场监管");
    feed(&mut wb, "/pinpai");
    let Overlay::Search(state) = wb.app.overlay() else {
        panic!("search open")
    };
    let detail = state
        .hits
        .first()
        .and_then(|h| h.detail.clone())
        .expect("a criteria line");
    assert!(detail.text.contains("品牌"), "{}", detail.text);
    feed(&mut wb, "<ret>");
    let s = wb.app.session().expect("session");
    let unit = s.current().expect("unit").clone();
    let sub = s.sub_of(&unit).expect("a part of 3.3.4");
    assert!(
        unit.key.starts_with("3.3.4#") && sub.text.contains("品牌"),
        "{}: {}",
        unit.key,
        sub.text
    );
}

/// The walk goes forward: leaving a district with a cell passed by says
/// how many are left and where to find them, never silently.
#[test]
fn leaving_a_district_with_cells_unscored_says_how_many() {
    let env = env();
    let mut wb = start(&env, "suizhou-2022", "水利");
    feed(&mut wb, "1<ret><down>1.5<ret>");
    assert_eq!(current(&wb).0, "曾都区");
    feed(&mut wb, "1<ret>");
    assert_eq!(current(&wb).0, "随县", "the walk moved on");
    let message = wb.app.message.as_ref().expect("message");
    assert!(
        message.text.contains("曾都区 还有 1 项未评（按 o 查看）"),
        "{}",
        message.text
    );
    // Every cell scored: nothing is said of any left.
    feed(&mut wb, "1<ret>0.8<ret>1.5<ret>1<ret>");
    let message = wb.app.message.as_ref().expect("message");
    assert!(!message.text.contains("还有"), "{}", message.text);
}

/// What was chosen is remembered resolved: a rubric typed as a prefix is
/// stored by its full id, so the next plain start's three Enters open it
/// again (and not whatever the prefix no longer picks).
#[test]
fn a_rubric_chosen_by_its_prefix_is_remembered_by_its_full_id() {
    let env = env();
    let wb = start(&env, "yuncheng", "市场监管");
    let session = wb.app.session().expect("session");
    assert_eq!(session.rubric.id, "yuncheng-2022");
    let department = session.department.clone();
    drop(wb);
    let settings = kaohe::config::Settings::load(&env.dirs).expect("settings");
    assert_eq!(settings.rubric.as_deref(), Some("yuncheng-2022"));
    assert_eq!(settings.department.as_deref(), Some(department.as_str()));
    let plain = StartArgs {
        lang: Some(Lang::Zh),
        ..StartArgs::default()
    };
    let mut wb = Workbench::start(&plain, env.dirs.clone(), false).expect("start");
    feed(&mut wb, "<ret><ret><ret>");
    let session = wb.app.session().expect("three Enters open the draft");
    assert_eq!(
        (session.rubric.id.as_str(), session.department.as_str()),
        ("yuncheng-2022", department.as_str())
    );
}

/// `.5` is half a point, as a spreadsheet user types it.
#[test]
fn a_score_typed_without_its_leading_zero_is_that_many_points() {
    let env = env();
    let mut wb = start(&env, "suizhou-2022", "卫健");
    feed(&mut wb, ".5<ret>");
    assert_eq!(cell(&wb, "曾都区", "1.1.7").and_then(|c| c.score), Some(dec!(0.5)));
    let message = wb.app.message.as_ref().expect("message");
    assert!(message.text.contains("曾都区 1.1.7：0.5 分"), "{}", message.text);
}

/// Esc in the note editor after writing asks before the words are thrown
/// away: no (or Enter, or any other key) goes back to them, yes throws them.
#[test]
fn esc_in_a_changed_note_asks_before_throwing_it_away() {
    let env = env();
    let mut wb = start(&env, "suizhou-2022", "卫健");
    feed(&mut wb, "1.5<ret>i现场核查<esc>");
    assert!(
        matches!(wb.app.overlay(), Overlay::ConfirmDiscardNote { .. }),
        "asks: {:?}",
        wb.app.overlay()
    );
    feed(&mut wb, "<ret>");
    let Overlay::Note { field, .. } = wb.app.overlay() else {
        panic!("back to the words: {:?}", wb.app.overlay())
    };
    assert_eq!(field.text(), "现场核查");
    feed(&mut wb, "<esc>y");
    assert!(matches!(wb.app.overlay(), Overlay::None));
    assert_eq!(cell(&wb, "曾都区", "1.1.7").map(|c| c.note), Some(String::new()));
    // Nothing written: Esc closes at once.
    feed(&mut wb, "i<esc>");
    assert!(matches!(wb.app.overlay(), Overlay::None));
}

/// On the main screen, nothing typed or pasted is dropped silently: a
/// pasted number opens the entry line holding it (Enter still saves it),
/// other pasted text and a key that is no command say what to do.
#[test]
fn keys_and_pastes_with_nowhere_to_go_say_so() {
    use kaohe::tui::app::Event;
    let env = env();
    let mut wb = start(&env, "suizhou-2022", "卫健");
    wb.handle(Event::Paste(" 1.5 ".into()));
    let Overlay::Entry { field, .. } = wb.app.overlay() else {
        panic!("the entry line holds the number: {:?}", wb.app.overlay())
    };
    assert_eq!(field.text(), "1.5");
    assert_eq!(cell(&wb, "曾都区", "1.1.7"), None, "nothing saved before Enter");
    feed(&mut wb, "<ret>");
    assert_eq!(cell(&wb, "曾都区", "1.1.7").and_then(|c| c.score), Some(dec!(1.5)));
    wb.handle(Event::Paste("已电话催报".into()));
    let message = wb.app.message.as_ref().expect("said");
    assert!(
        message.error && message.text.contains("粘贴评分依据请先按 i"),
        "{}",
        message.text
    );
    assert!(matches!(wb.app.overlay(), Overlay::None));
    feed(&mut wb, "二");
    let message = wb.app.message.as_ref().expect("said");
    assert!(
        message.text.contains("“二”不是按键命令：分数请输入数字"),
        "{}",
        message.text
    );
}

/// A department the rubric gives nothing to score is on the list, last and
/// marked, and Enter on it says why instead of opening an empty workbench.
#[test]
fn a_department_with_nothing_to_score_is_listed_but_not_opened() {
    let mut found = 0;
    for b in kaohe::rubric::bundled::bundled() {
        let rubric = kaohe::io::rubric_files::find(b.id).expect("bundled");
        for dept in rubric
            .departments
            .iter()
            .filter(|d| rubric.items_scored_by(&d.name).next().is_none())
        {
            let env = env();
            let only_rubric = StartArgs {
                rubric: Some(b.id.into()),
                lang: Some(Lang::Zh),
                ..StartArgs::default()
            };
            let mut wb = Workbench::start(&only_rubric, env.dirs.clone(), false).expect("start");
            let screen = common::screen_text(&wb.app, 120, 40);
            let listed = screen.lines().find(|l| l.contains(&dept.name)).unwrap_or_default();
            assert!(listed.contains("无评分项"), "{}: {listed:?}\n{screen}", dept.name);
            feed(&mut wb, &format!("{}<ret>", dept.name));
            let message = wb.app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
            assert!(wb.app.session().is_none(), "{} opened", dept.name);
            assert!(message.contains("没有由它评分的项目"), "{}: {message}", dept.name);
            found += 1;
        }
    }
    assert!(
        found > 0,
        "some bundled rubric names a department with nothing to score"
    );
}
