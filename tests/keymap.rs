//! Key strings and keymap files: canonical forms, merging, and problems
//! reported with file, line and a fix, the app falling back to the defaults.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kaohe::tui::action::{Action, Mode};
use kaohe::tui::keymap::{Key, Keymap, Lookup};

fn key(s: &str) -> Key {
    Key::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn default() -> Keymap {
    Keymap::builtin("default").expect("default keymap")
}

#[test]
fn every_spelling_prints_back_in_one_canonical_form() {
    for (written, canonical) in [
        ("C-s", "C-s"),
        ("<C-s>", "C-s"),
        ("A-x", "A-x"),
        ("S-Tab", "S-tab"),
        ("S-tab", "S-tab"),
        ("esc", "esc"),
        ("Escape", "esc"),
        ("ret", "ret"),
        ("Enter", "ret"),
        ("space", "space"),
        (" ", "space"),
        ("G", "G"),
        ("S-g", "G"),
        ("C-A-x", "C-A-x"),
        ("pgup", "pageup"),
        ("F5", "f5"),
        ("-", "-"),
        ("C--", "C--"),
        ("特", "特"),
    ] {
        assert_eq!(key(written).to_string(), canonical, "{written}");
        assert_eq!(
            key(canonical),
            key(written),
            "{written} parses to the same key as {canonical}"
        );
    }
    for bad in ["", "C-", "ctrl+s", "hello", "<>"] {
        assert!(Key::parse(bad).is_err(), "{bad:?} should be refused");
    }
}

#[test]
fn events_normalise_to_the_same_keys() {
    let ev = |code, mods| Key::from_event(&KeyEvent::new(code, mods)).expect("a key kaohe names");
    assert_eq!(ev(KeyCode::Char('G'), KeyModifiers::SHIFT), key("G"));
    assert_eq!(ev(KeyCode::BackTab, KeyModifiers::SHIFT), key("S-tab"));
    assert_eq!(ev(KeyCode::Char('r'), KeyModifiers::CONTROL), key("C-r"));
    // Terminals send the same byte for Ctrl-R and Ctrl-Shift-R: one key.
    assert_eq!(
        ev(KeyCode::Char('R'), KeyModifiers::CONTROL | KeyModifiers::SHIFT),
        key("C-r")
    );
    assert_eq!(ev(KeyCode::Enter, KeyModifiers::NONE), key("ret"));
    assert_eq!(ev(KeyCode::Char('水'), KeyModifiers::NONE), key("水"));
    // A key kaohe has no name for is no key at all, never Esc in disguise.
    for unknown in [KeyCode::F(13), KeyCode::CapsLock, KeyCode::Null, KeyCode::PrintScreen] {
        assert_eq!(
            Key::from_event(&KeyEvent::new(unknown, KeyModifiers::NONE)),
            None,
            "{unknown:?}"
        );
    }
}

#[test]
fn builtins_parse_and_cover_the_actions_that_matter() {
    let k = default();
    for action in [
        Action::Quit,
        Action::Help,
        Action::Undo,
        Action::Redo,
        Action::Search,
        Action::Confirm,
        Action::Cancel,
        Action::Note,
        Action::ToggleWalk,
        Action::NextUnscored,
        Action::ToggleEvidence,
        Action::Tick,
        Action::ClearScore,
    ] {
        assert!(
            !k.keys_for(Mode::Normal, action).is_empty(),
            "{action} has no key in [normal]"
        );
    }
    for action in [
        Action::Up,
        Action::Down,
        Action::Confirm,
        Action::Cancel,
        Action::ToggleScope,
    ] {
        assert!(
            !k.keys_for(Mode::Search, action).is_empty(),
            "{action} has no key in [search]"
        );
    }
    assert_eq!(k.lookup(Mode::Normal, &[key("C-r")]), Lookup::Action(Action::Redo));
    let vim = Keymap::builtin("vim").expect("vim keymap");
    assert_eq!(vim.lookup(Mode::Normal, &[key("j")]), Lookup::Action(Action::Down));
    assert_eq!(vim.lookup(Mode::Normal, &[key("g")]), Lookup::Pending);
    assert_eq!(
        vim.lookup(Mode::Normal, &[key("g"), key("g")]),
        Lookup::Action(Action::First)
    );
    assert_eq!(vim.lookup(Mode::Normal, &[key("G")]), Lookup::Action(Action::Last));
    assert_eq!(
        vim.lookup(Mode::Normal, &[key("down")]),
        Lookup::Action(Action::Down),
        "vim keeps the arrows"
    );
    assert!(Keymap::builtin("emacs").is_none());
}

/// Every text field edits, whichever keymap: a keymap may add keys that move
/// (vim's C-j / C-k in a list) but never take the editing keys from a field
/// (vim's C-u once paged the department list instead of clearing its filter).
#[test]
fn every_builtin_keymap_leaves_every_field_its_editing_keys() {
    let editing = [
        ("C-u", Action::DeleteLine),
        ("C-w", Action::DeleteWord),
        ("C-d", Action::DeleteForward),
        ("backspace", Action::DeleteBack),
        ("del", Action::DeleteForward),
        ("home", Action::LineStart),
        ("end", Action::LineEnd),
        ("left", Action::CursorLeft),
        ("right", Action::CursorRight),
    ];
    for name in ["default", "vim"] {
        let k = Keymap::builtin(name).expect("builtin keymap");
        for mode in [Mode::Picker, Mode::Search, Mode::Entry, Mode::Note, Mode::Text] {
            for (typed, action) in editing {
                assert_eq!(
                    k.lookup(mode, &[key(typed)]),
                    Lookup::Action(action),
                    "{name} keymap, {mode:?}: {typed}"
                );
            }
        }
        for mode in [Mode::Picker, Mode::Search] {
            assert_eq!(
                k.lookup(mode, &[key("C-n")]),
                Lookup::Action(Action::Down),
                "{name} {mode:?}"
            );
            assert_eq!(
                k.lookup(mode, &[key("C-p")]),
                Lookup::Action(Action::Up),
                "{name} {mode:?}"
            );
        }
    }
}

#[test]
fn a_user_file_overrides_one_key_and_unbinds_another() {
    let text = "[normal]\n\"C-s\" = \"search\"\n\"q\" = \"none\"\n";
    let k = default().merge_text("keymap.toml", text).expect("valid override");
    assert_eq!(k.lookup(Mode::Normal, &[key("C-s")]), Lookup::Action(Action::Search));
    assert_eq!(
        k.lookup(Mode::Normal, &[key("/")]),
        Lookup::Action(Action::Search),
        "others are kept"
    );
    assert_eq!(k.lookup(Mode::Normal, &[key("q")]), Lookup::Unbound);
    assert_eq!(k.keys_for(Mode::Normal, Action::Search), ["/", "C-s"]);
}

/// Load with a user file holding `text`; return the keymap and the problems.
fn load_user(text: &str) -> (Keymap, Vec<String>) {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("keymap.toml");
    std::fs::write(&path, text).expect("write");
    let (k, problems) = Keymap::load("default", Some(&path));
    (k, problems.iter().map(ToString::to_string).collect())
}

#[test]
fn an_unknown_action_names_file_line_and_the_closest_action() {
    let (k, problems) = load_user("[normal]\n\"x\" = \"undo\"\n\"Q\" = \"qiut\"\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("keymap.toml:3:"), "{}", problems[0]);
    assert!(problems[0].contains("\"quit\""), "{}", problems[0]);
    assert_eq!(k, default(), "the whole file is ignored: the defaults run");
}

#[test]
fn a_bad_key_string_names_the_accepted_forms() {
    let (k, problems) = load_user("[normal]\n\n\"ctrl+s\" = \"search\"\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains(":3:") && problems[0].contains("C-s"),
        "{}",
        problems[0]
    );
    assert_eq!(k, default());
}

#[test]
fn a_key_bound_twice_is_reported() {
    let (k, problems) = load_user("[normal]\n\"C-s\" = \"search\"\n\"<C-s>\" = \"help\"\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("<C-s>") && problems[0].contains("twice"),
        "{}",
        problems[0]
    );
    assert_eq!(k, default());
}

#[test]
fn keys_that_type_text_cannot_be_bound_where_they_type() {
    let (_, problems) = load_user("[normal]\n\"5\" = \"undo\"\n");
    assert!(problems.first().is_some_and(|p| p.contains("score")), "{problems:?}");
    let (_, problems) = load_user("[search]\n\"j\" = \"down\"\n");
    assert!(
        problems.first().is_some_and(|p| p.contains("typed as text")),
        "{problems:?}"
    );
    let (_, problems) = load_user("[sarch]\n\"j\" = \"down\"\n");
    assert!(problems.first().is_some_and(|p| p.contains("[normal]")), "{problems:?}");
}

#[test]
fn a_key_and_a_sequence_it_starts_cannot_both_be_bound() {
    let (_, problems) = load_user("[normal]\n\"g\" = \"help\"\n\"g g\" = \"first\"\n");
    assert!(problems.first().is_some_and(|p| p.contains("start of")), "{problems:?}");
}

#[test]
fn broken_toml_and_a_missing_keymap_are_reported_too() {
    let (k, problems) = load_user("[normal\n");
    assert!(
        problems.first().is_some_and(|p| p.contains("keymap.toml:1")),
        "{problems:?}"
    );
    assert_eq!(k, default());
    let (k, problems) = Keymap::load("/nowhere/keys.toml", None);
    assert!(
        problems.first().is_some_and(|p| p.to_string().contains("default, vim")),
        "{problems:?}"
    );
    assert_eq!(k, default());
}

/// Every problem a keymap file can have, said in Chinese: English words are
/// left only where they are the file's own syntax (key and action names,
/// table names, the path).
#[test]
fn keymap_problems_are_said_in_chinese() {
    use kaohe::lang::Lang;
    use kaohe::tui::i18n::keymap_problem;
    let files = [
        ("[normal]\n\"Q\" = \"qiut\"\n", "没有“qiut”这个动作；是否想写“quit”？"),
        ("[normal]\n\"ctrl+s\" = \"search\"\n", "“ctrl+s”不是键"),
        ("[normal]\n\"C-s\" = \"search\"\n\"<C-s>\" = \"help\"\n", "绑定了两次"),
        ("[normal]\n\"5\" = \"undo\"\n", "用于输入分数"),
        ("[search]\n\"j\" = \"down\"\n", "会作为文字输入"),
        ("[sarch]\n\"j\" = \"down\"\n", "没有 [sarch] 这一节"),
        ("[normal]\n\"g\" = \"help\"\n\"g g\" = \"first\"\n", "的开头"),
        ("[normal\n", "不是有效的 TOML 写法"),
        ("[normal]\n\"a b c d\" = \"help\"\n", "至多三个键"),
    ];
    let english = [
        "unknown",
        "did you mean",
        "twice",
        "typed",
        "start of",
        "score",
        "as text",
        "expected",
        "invalid",
    ];
    for (text, wanted) in files {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("keymap.toml");
        std::fs::write(&path, text).expect("write");
        let (_, problems) = Keymap::load("default", Some(&path));
        let said = keymap_problem(Lang::Zh, problems.first().expect("a problem"));
        assert!(said.contains(wanted), "{text:?}: {said}");
        assert!(said.contains("keymap.toml"), "{said}");
        let lower = said.to_lowercase();
        assert!(!english.iter().any(|w| lower.contains(w)), "{text:?}: {said}");
        let english_form = problems[0].to_string();
        assert_eq!(keymap_problem(Lang::En, &problems[0]), english_form);
    }
    let (_, problems) = Keymap::load("/nowhere/keys.toml", None);
    let said = keymap_problem(Lang::Zh, &problems[0]);
    assert!(said.contains("没有这个键位方案（文件不存在）"), "{said}");
}

/// A workbench on suizhou-2022 for 市场监管 with `keymap.toml` in its config dir.
fn workbench_with(keymap: &str) -> (tempfile::TempDir, kaohe::tui::workbench::Workbench) {
    let root = tempfile::tempdir().expect("temp dir");
    let dirs = kaohe::config::Dirs::at(root.path().join("config"), root.path().join("data"));
    std::fs::create_dir_all(root.path().join("config")).expect("config dir");
    std::fs::write(dirs.keymap_file(), keymap).expect("keymap.toml");
    let args = kaohe::tui::workbench::StartArgs {
        rubric: Some("suizhou-2022".into()),
        dept: Some("市场监管".into()),
        scorer: Some("张三".into()),
        keymap: None,
        lang: Some(kaohe::lang::Lang::Zh),
    };
    let wb = kaohe::tui::workbench::Workbench::start(&args, dirs, false).expect("start");
    (root, wb)
}

fn screen(wb: &kaohe::tui::workbench::Workbench, w: u16, h: u16) -> String {
    common::screen_text(&wb.app, w, h)
}

/// Every key goes through the keymap: a rebound close key closes the grid
/// (and the old one no longer does), rebound answers answer a question,
/// and the help and the hints show the keys as bound.
#[test]
fn the_grid_and_the_questions_take_their_keys_from_keymap_toml() {
    let (_root, mut wb) = workbench_with(
        "[grid]\n\"esc\" = \"none\"\n\"o\" = \"none\"\n\"q\" = \"none\"\n\"x\" = \"cancel\"\n\
         [confirm]\n\"ret\" = \"none\"\n\"y\" = \"none\"\n\"Y\" = \"none\"\n\"s\" = \"yes\"\n\"S\" = \"confirm\"\n",
    );
    use kaohe::tui::stages::Overlay;
    wb.feed("o<esc>").expect("keys");
    assert!(
        matches!(wb.app.overlay(), Overlay::Grid(_)),
        "esc no longer closes the grid"
    );
    let grid = screen(&wb, 120, 40);
    assert!(grid.contains("x 返回"), "the grid's hint names its close key:\n{grid}");
    wb.feed("x").expect("keys");
    assert!(matches!(wb.app.overlay(), Overlay::None), "x closes it");
    // A fill asks first: y is no longer yes, so it answers no; s is yes.
    wb.feed("4<ret><up>f").expect("keys");
    assert!(matches!(wb.app.overlay(), Overlay::ConfirmFill { .. }));
    let asked = screen(&wb, 120, 40);
    assert!(asked.contains("Shift+S") || asked.contains("S 填充"), "{asked}");
    wb.feed("y").expect("keys");
    assert!(matches!(wb.app.overlay(), Overlay::None), "y answered no");
    let filled = |wb: &kaohe::tui::workbench::Workbench| {
        let s = wb.app.session().expect("session");
        s.draft.cells.len()
    };
    assert_eq!(filled(&wb), 1, "nothing filled");
    wb.feed("fs").expect("keys");
    assert!(filled(&wb) > 1, "s said yes");
    // The help lists the grid's and the questions' keys as bound.
    wb.feed("?").expect("keys");
    // Tall enough for the whole help on one screen.
    let help = screen(&wb, 120, 250);
    let line_of = |text: &str, words: &str| text.lines().find(|l| l.contains(words)).map(str::to_string);
    assert!(help.contains("总览表") && help.contains("确认（其他键即否）"), "{help}");
    let cancel = line_of(&help[help.find("总览表").expect("grid")..], "取消").expect("a cancel line");
    assert!(cancel.contains(" x ") && !cancel.contains("Esc"), "{cancel}");
    let yes = line_of(&help[help.find("确认（其他键即否）").expect("questions")..], " 是").expect("a yes line");
    assert!(yes.contains(" s ") && !yes.contains(" y "), "{yes}");
}
