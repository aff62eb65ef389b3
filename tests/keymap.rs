//! Key strings and keymap files: canonical forms, merging, and problems
//! reported with file, line and a fix, the app falling back to the defaults.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

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
    assert!(problems.first().is_some_and(|p| p.contains("query")), "{problems:?}");
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
        ("[search]\n\"j\" = \"down\"\n", "会输入到查询框"),
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
        "query",
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
