//! `kaohe rubric review`: an imported rubric's marks walked by keys, as the
//! office would. A confirmed mark is gone from the text written; an edited
//! line replaces the line, and an edit that would break the file is
//! refused with the reason; the original table's rows are shown beside the
//! item; once no mark remains the file checks.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kaohe::lang::Lang;
use kaohe::rubric::import::{Cell, Options, Table, import};
use kaohe::tui::keymap::{Key, Keymap};
use kaohe::tui::review::{Effect, Review, SourceRows, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "common/screen.rs"]
mod screen_text;

fn table() -> Table {
    let row = |cells: &[&str]| cells.iter().map(|t| Cell::text(t)).collect::<Vec<_>>();
    Table {
        name: "表1".into(),
        rows: vec![
            row(&["考核领域", "考核要点", "具体内容", "分值", "负责部门"]),
            row(&[
                "一、质量发展（5分）",
                "（一）产品",
                "产品抽检合格率",
                "5",
                "质监、工商等部门",
            ]),
        ],
        ..Table::default()
    }
}

fn imported() -> String {
    import(
        &[table()],
        &Options {
            id: "t-2023".into(),
            source: "细则.docx".into(),
            title: Some("2023年度质量工作考核细则".into()),
            districts: vec!["甲区".into()],
            ..Options::default()
        },
    )
    .toml
}

fn sources() -> SourceRows {
    kaohe::tui::review::source_rows(&[table()])
}

fn review(text: &str) -> Review {
    let keymap = Keymap::builtin("default").expect("keymap");
    Review::new("t.toml", text, Some(sources()), "细则.docx".into(), keymap, Lang::Zh)
}

/// Keys as helix writes them: `<ret>`, `<C-u>`, plain characters.
fn press(review: &mut Review, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let (key, len) = if c == '<' {
            let end = rest.find('>').expect("closing >");
            (Key::parse(&rest[1..end]).expect("key"), end + 1)
        } else {
            (Key::parse(&c.to_string()).expect("key"), c.len_utf8())
        };
        effects.push(review.key(key));
        rest = &rest[len..];
    }
    effects
}

fn screen(review: &Review, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| render(review, f)).expect("draw");
    screen_text::text(terminal.backend().buffer())
}

fn written(effects: &[Effect]) -> Option<&str> {
    effects.iter().rev().find_map(|e| match e {
        Effect::Write(text) => Some(text.as_str()),
        Effect::None => None,
    })
}

#[test]
fn confirming_a_mark_removes_it_and_writes_the_file() {
    let text = imported();
    let mut r = review(&text);
    let before = r.marks().len();
    assert!(before >= 3, "{text}");
    let first = r.mark_line().expect("a mark");
    let line = text.lines().nth(first).expect("line").to_string();
    let effects = press(&mut r, "<ret>");
    let out = written(&effects).expect("written at once");
    assert_eq!(r.marks().len(), before - 1);
    let kept = line.split("  # 待确认").next().expect("value");
    assert!(out.lines().any(|l| l == kept), "the value stays, the mark goes: {kept}");
    // `y` confirms too; `n` moves on without confirming.
    let effects = press(&mut r, "n");
    assert_eq!(written(&effects), None);
    assert_eq!(r.marks().len(), before - 1);
}

#[test]
fn an_edit_replaces_the_line_and_an_edit_that_breaks_the_file_is_refused() {
    let text = imported();
    let mut r = review(&text);
    // The first mark is the issuer's: edit its line.
    let line = r.mark_line().expect("mark");
    assert!(text.lines().nth(line).expect("line").starts_with("issuer = \"\""));
    let effects = press(&mut r, "e<C-u>issuer = 市质强办<ret>");
    assert_eq!(written(&effects), None, "not TOML: nothing written");
    assert!(r.is_editing(), "the field stays open");
    assert!(
        r.message().expect("said").starts_with("改后文件有误，未保存"),
        "{:?}",
        r.message()
    );
    let effects = press(&mut r, "<C-u>issuer = \"市质强办\"<ret>");
    let out = written(&effects).expect("written");
    assert!(out.lines().any(|l| l == "issuer = \"市质强办\""), "{out}");
    assert!(!r.is_editing());
    // A comment line is not edited: the office is told to choose the value.
    while r
        .mark_line()
        .is_some_and(|l| !r.text().lines().nth(l).is_some_and(|t| t.starts_with('#')))
    {
        press(&mut r, "n");
    }
    press(&mut r, "e");
    assert!(r.message().expect("said").contains("选中要改的值所在的行"));
    assert!(!r.is_editing());
}

#[test]
fn the_original_row_is_shown_beside_the_item_and_every_mark_confirmed_checks() {
    let text = imported();
    let mut r = review(&text);
    // Move to the item's mark (the department's shared suffix).
    while r
        .mark_line()
        .is_some_and(|l| !r.text().lines().nth(l).is_some_and(|t| t.contains("负责部门")))
    {
        press(&mut r, "n");
    }
    let shown = screen(&r, 80, 24);
    assert!(shown.contains("原表 表1 第2行"), "{shown}");
    assert!(shown.contains("负责部门：质监、工商等部门"), "{shown}");
    insta::assert_snapshot!("review_item_80x24", shown);
    let wide = screen(&r, 120, 40);
    assert!(wide.contains("原表 表1 第2行"), "{wide}");
    let mut last = None;
    for _ in 0..50 {
        if r.marks().is_empty() {
            break;
        }
        last = written(&press(&mut r, "y")).map(str::to_string).or(last);
    }
    assert!(r.marks().is_empty());
    let out = last.expect("written");
    assert!(kaohe::rubric::check("t.toml", &out).into_result().is_ok(), "{out}");
    assert!(
        r.message()
            .expect("said")
            .contains("全部确认，已写入；kaohe rubric check 通过")
    );
    press(&mut r, "q");
    assert!(r.quit);
}

/// A cell that happens to say `# 待确认` is text in a string, not a mark:
/// the check does not count it and the review never deletes it.
#[test]
fn the_words_of_a_mark_inside_a_string_are_no_mark() {
    let text = imported();
    let crafted = text.replacen(
        "text = \"产品抽检合格率\"",
        "text = \"产品抽检合格率 # 待确认: 原文\"\nnote = \"\"\"\n# 待确认: 也是原文\n\"\"\"",
        1,
    );
    assert_ne!(crafted, text);
    let marks = kaohe::rubric::unconfirmed(&text).len();
    assert_eq!(kaohe::rubric::unconfirmed(&crafted).len(), marks);
    let mut r = review(&crafted);
    let mut last = None;
    for _ in 0..marks {
        last = written(&press(&mut r, "y")).map(str::to_string).or(last);
    }
    let out = last.expect("written");
    assert!(out.contains("text = \"产品抽检合格率 # 待确认: 原文\""), "{out}");
    assert!(out.contains("\n# 待确认: 也是原文\n"), "{out}");
    assert!(r.marks().is_empty());
}

/// Keys that arrive together (a paste in a console without bracketed
/// paste) never confirm a mark: outside a field they are ignored, said; in
/// the field they are text up to the first key that is not.
#[test]
fn a_burst_of_keys_is_text_never_a_confirmation() {
    let keys = |s: &str| -> Vec<Key> {
        s.chars()
            .map(|c| match c {
                '\n' => Key::parse("ret").expect("key"),
                c => Key::parse(&c.to_string()).expect("key"),
            })
            .collect()
    };
    let text = imported();
    let mut r = review(&text);
    let before = r.marks().len();
    assert_eq!(r.burst(keys("y\nqe")), Effect::None);
    assert_eq!(r.marks().len(), before, "nothing confirmed");
    assert!(!r.quit, "nor left");
    assert!(r.message().expect("said").starts_with("忽略了同时到达的 4 个键"));
    press(&mut r, "e<C-u>");
    assert_eq!(r.burst(keys("issuer\ny")), Effect::None);
    assert!(r.is_editing(), "the field stays open at the line break");
    assert!(r.message().expect("said").contains("其余 2 个键未用"));
    let effects = press(&mut r, "<C-u>issuer = \"办\"<ret>");
    assert!(written(&effects).expect("written").contains("issuer = \"办\""));
    assert_eq!(r.marks().len(), before - 1, "the edit was the one change");
}

mod any_keys {
    use super::*;
    use proptest::prelude::*;

    const KEYS: &[&str] = &[
        "y",
        "n",
        "p",
        "e",
        "q",
        "ret",
        "esc",
        "up",
        "down",
        "tab",
        "S-tab",
        "C-u",
        "C-w",
        "backspace",
        "a",
        "\"",
        "=",
        "1",
        "[",
        "]",
    ];

    fn errors(text: &str) -> Vec<String> {
        kaohe::rubric::check_draft("t.toml", text)
            .errors()
            .map(|d| d.message.clone())
            .collect()
    }

    proptest! {
        /// Whatever the keys, the review never panics, never makes the file
        /// worse than it was (an edit that would is refused), and removes
        /// no line but a mark's.
        #[test]
        fn no_key_sequence_breaks_the_file(keys in prop::collection::vec(0..KEYS.len(), 0..60)) {
            let text = imported();
            let mut r = review(&text);
            let mut out = text.clone();
            for k in keys {
                if r.quit {
                    break;
                }
                if let Effect::Write(t) = r.key(Key::parse(KEYS[k]).expect("key")) {
                    out = t;
                }
            }
            let before = errors(&text);
            for e in errors(&out) {
                prop_assert!(before.contains(&e), "new error {e}\n{out}");
            }
            let whole_marks = text.lines().filter(|l| l.starts_with("# 待确认")).count();
            prop_assert!(out.lines().count() + whole_marks >= text.lines().count());
        }
    }
}
