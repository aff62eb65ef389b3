//! The real binary in a pseudo-terminal, as a new user meets it: choose a
//! rubric and a department, search, score two cells, quit, start again and
//! find the scores there.
// Drives the real binary through a pseudo-terminal (Unix PTYs: under Wine
// the ConPTY the portable-pty crate opens never shows kaohe's screen).
#![cfg(unix)]
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::Pty;

const ROWS: u16 = 30;
const COLS: u16 = 100;

#[test]
fn choose_search_score_quit_and_resume() {
    let root = tempfile::tempdir().expect("temp dir");
    let (config, data) = (root.path().join("config"), root.path().join("data"));

    let mut s = Pty::start(&[], &config, &data, &[], ROWS, COLS);
    s.wait_for("suizhou-2022");
    s.type_keys("suizhou<ret>");
    s.wait_for("市水利和湖泊局");
    s.type_keys("水利<ret>");
    s.type_keys("王五<ret>");
    s.wait_for("曾都区");
    s.type_keys("/shuili");
    s.wait_for("水利建设");
    // Walk by item: the scores go down the districts on the first part.
    s.type_keys("<ret>v");
    s.wait_for("按项目");
    s.type_keys("0.75<ret>0.25<ret>");
    s.wait_for("已保存");
    s.send("q");
    assert!(s.wait_exit().success());

    let mut s = Pty::start(&[], &config, &data, &[], ROWS, COLS);
    s.wait_for("suizhou-2022");
    s.type_keys("<ret>");
    s.wait_for("市水利和湖泊局");
    s.type_keys("<ret><ret>");
    s.wait_for("王五");
    // Resumed walking by item: the districts pane shows each district's
    // score for the part.
    s.wait_for("按项目");
    let line_of = |screen: &str, name: &str| {
        screen
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_default()
            .to_string()
    };
    // A frame reaches the terminal in pieces: wait for the whole of it.
    s.wait_until("both districts' scores for the item", |pty| {
        let screen = pty.contents();
        line_of(&screen, "曾都区").contains(" 0.75") && line_of(&screen, "随县").contains(" 0.25")
    });
    let screen = s.contents();
    let line = |name: &str| line_of(&screen, name);
    assert!(line("曾都区").contains(" 0.75"), "{screen}");
    assert!(line("随县").contains(" 0.25"), "{screen}");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_note_typed_right_after_a_score_is_on_that_cell_after_a_restart() {
    let root = tempfile::tempdir().expect("temp dir");
    let (config, data) = (root.path().join("config"), root.path().join("data"));
    let args = [
        "--rubric",
        "suizhou-2022",
        "--dept",
        "水利",
        "--scorer",
        "王五",
        "--lang",
        "zh",
    ];
    let mut s = Pty::start(&args, &config, &data, &[], ROWS, COLS);
    s.wait_for("考核对象");
    // Score, then the reason: the cursor has moved on, the note has not.
    s.type_keys("0.8<ret>");
    s.wait_for("曾都区 1.1.3#1：0.8 分");
    s.send("i");
    s.wait_for("评分依据 - 曾都区");
    s.type_keys("自查报告未提供<ret>");
    s.wait_for("评分依据");
    s.send("q");
    assert!(s.wait_exit().success());

    let mut s = Pty::start(&args, &config, &data, &[], ROWS, COLS);
    s.wait_for("考核对象");
    s.send("q");
    assert!(s.wait_exit().success());
    let store = kaohe::io::drafts::DraftStore::new(&data);
    let draft = store
        .load("suizhou-2022", "市水利和湖泊局")
        .expect("the draft reads")
        .expect("a draft");
    let cell = draft.cell("曾都区", "1.1.3#1").expect("the scored cell");
    assert_eq!(cell.note, "自查报告未提供");
    assert_eq!(cell.score.map(|s| s.to_string()).as_deref(), Some("0.8"));
    assert!(
        draft.cell("曾都区", "1.1.3#2").is_none(),
        "nothing on the cell the cursor moved to"
    );
}
