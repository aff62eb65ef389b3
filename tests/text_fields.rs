//! Every text field edits the same way: the rubric and department filters,
//! the search query, the score, the note, the scorer's name and the
//! passphrase all take Backspace, Delete, ←/→, Home/End, C-u, C-w and paste.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kaohe::config::Dirs;
use kaohe::lang::Lang;
use kaohe::tui::app::Event;
use kaohe::tui::stages::{Overlay, Stage};
use kaohe::tui::text::SecretField;
use kaohe::tui::workbench::StartArgs;
use kaohe::tui::workbench::Workbench;

fn start(args: &StartArgs, root: &std::path::Path) -> Workbench {
    let dirs = Dirs::at(root.join("config"), root.join("data"));
    Workbench::start(args, dirs, false).unwrap_or_else(|e| panic!("start: {e}"))
}

fn main_args() -> StartArgs {
    StartArgs {
        rubric: Some("suizhou-2022".into()),
        dept: Some("水利".into()),
        scorer: Some("张三".into()),
        keymap: None,
        lang: Some(Lang::Zh),
    }
}

/// Whatever field is open now, its text.
fn field_text(wb: &Workbench) -> String {
    match &wb.app.stage {
        Stage::PickRubric(p) | Stage::PickDepartment { picker: p, .. } => p.filter().text().to_string(),
        Stage::Scorer { field, .. } => field.text().to_string(),
        Stage::Main(_) => match wb.app.overlay() {
            Overlay::Search(s) => s.query.text().to_string(),
            Overlay::Entry { field, .. } | Overlay::Note { field, .. } | Overlay::Passphrase(SecretField(field)) => {
                field.text().to_string()
            }
            Overlay::Events(editor) => editor.field.text().to_string(),
            other => panic!("no text field open: {other:?}"),
        },
    }
}

/// The same edits on a field that already holds "12 34" (typed by the caller).
fn edits(wb: &mut Workbench, what: &str) {
    let mut step = |keys: &str, want: &str| {
        wb.feed(keys).expect("keys");
        assert_eq!(field_text(wb), want, "{what}: after {keys}");
    };
    step("<C-w>", "12 ");
    step("<backspace>", "12");
    step("<left><del>", "1");
    step("<home>9", "91");
    step("<end>8", "918");
    step("<left><left><backspace>", "18");
    step("<C-u>", "");
    wb.handle(Event::Paste("5 6".into()));
    assert_eq!(field_text(wb), "5 6", "{what}: a paste is typed text");
}

#[test]
fn the_rubric_and_department_filters_edit() {
    let root = tempfile::tempdir().expect("temp");
    let none = StartArgs {
        lang: Some(Lang::Zh),
        ..StartArgs::default()
    };
    let mut wb = start(&none, root.path());
    assert!(matches!(wb.app.stage, Stage::PickRubric(_)));
    wb.feed("12 34").expect("keys");
    edits(&mut wb, "rubric filter");
    wb.feed("<C-u>suizhou<ret>").expect("keys");
    assert!(matches!(wb.app.stage, Stage::PickDepartment { .. }));
    wb.feed("12 34").expect("keys");
    edits(&mut wb, "department filter");
    wb.feed("<C-u>水利<ret>").expect("keys");
    assert!(matches!(wb.app.stage, Stage::Scorer { .. }));
    wb.feed("<C-u>12 34").expect("keys");
    edits(&mut wb, "scorer's name");
}

#[test]
fn the_search_query_edits() {
    let root = tempfile::tempdir().expect("temp");
    let mut wb = start(&main_args(), root.path());
    // The issue's own case: a typo corrected.
    wb.feed("/tzsbx<backspace>").expect("keys");
    assert_eq!(field_text(&wb), "tzsb");
    wb.feed("<C-u>12 34").expect("keys");
    edits(&mut wb, "search");
}

#[test]
fn the_score_and_the_note_edit() {
    let root = tempfile::tempdir().expect("temp");
    let mut wb = start(&main_args(), root.path());
    wb.feed("12 34").expect("keys");
    assert!(matches!(wb.app.overlay(), Overlay::Entry { .. }));
    edits(&mut wb, "score");
    wb.feed("<esc>i12 34").expect("keys");
    edits(&mut wb, "note");
}

#[test]
fn the_passphrase_edits_unseen() {
    let root = tempfile::tempdir().expect("temp");
    kaohe::io::key_files::keygen(&root.path().join("data"), "市水利和湖泊局", "张三", Some("pw")).expect("keygen");
    let mut wb = start(&main_args(), root.path());
    wb.feed("e<ret>12 34").expect("keys");
    assert!(matches!(wb.app.overlay(), Overlay::Passphrase(_)));
    edits(&mut wb, "passphrase");
}

/// The events list's field edits like every other, and a column of events
/// pasted from a sheet becomes one event a line.
#[test]
fn the_events_list_edits_and_takes_a_pasted_column() {
    let root = tempfile::tempdir().expect("temp");
    let args = StartArgs {
        rubric: Some("huizhou-2017".into()),
        dept: Some("质监".into()),
        ..main_args()
    };
    let mut wb = start(&args, root.path());
    wb.feed("/shigu<down><ret>t12 34").expect("keys");
    assert!(matches!(wb.app.overlay(), Overlay::Events(_)));
    edits(&mut wb, "events");
    wb.feed("<C-u>").expect("keys");
    wb.handle(Event::Paste("某商场电梯事故 2017-03-05\r\n化工厂爆炸\n".into()));
    assert_eq!(field_text(&wb), "某商场电梯事故 2017-03-05；化工厂爆炸；");
    wb.feed("<ret>").expect("keys");
    let Overlay::Events(editor) = wb.app.overlay() else {
        panic!("the events list")
    };
    assert_eq!(editor.list.len(), 2, "two lines pasted, two events");
}
