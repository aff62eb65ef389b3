//! The real binary in a pseudo-terminal, as a new user meets it: choose a
//! rubric and a department, search, score two cells, quit, start again and
//! find the scores there.
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
    s.type_keys("suizhou\r");
    s.wait_for("市水利和湖泊局");
    s.type_keys("水利\r");
    s.type_keys("王五\r");
    s.wait_for("曾都区");
    s.type_keys("/shuili");
    s.wait_for("水利建设");
    s.type_keys("\r4\r3\r");
    s.wait_for("已保存");
    s.type_keys("q");
    assert!(s.wait_exit().success());

    let mut s = Pty::start(&[], &config, &data, &[], ROWS, COLS);
    s.wait_for("suizhou-2022");
    s.type_keys("\r");
    s.wait_for("市水利和湖泊局");
    s.type_keys("\r\r");
    s.wait_for("王五");
    // Walk by item: the districts pane shows each district's score for the item.
    s.type_keys("v");
    s.wait_for("按项目");
    let screen = s.contents();
    let line = |name: &str| {
        screen
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line("曾都区").contains(" 4"), "{screen}");
    assert!(line("随县").contains(" 3"), "{screen}");
    s.type_keys("q");
    assert!(s.wait_exit().success());
}
