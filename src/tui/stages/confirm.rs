//! Answers to the questions asked before something is done: a fill, a
//! pasted column, an export, a veto's old reason, a note's words thrown away.

use super::Reply;
use super::main_stage::MainStage;
use super::overlay::Overlay;
use crate::tui::action::Action;
use crate::tui::app::Effect;
use crate::tui::i18n::Strings;
use crate::tui::text::TextField;

/// An answer to a question. A fill and an export go ahead on confirm or
/// yes, and on nothing else; a veto's old reason is kept on confirm or yes,
/// cleared on no, and on cancel nothing is saved.
pub fn confirm_action(main: &mut MainStage, action: Action, strings: &Strings) -> Reply {
    let go = matches!(action, Action::Confirm | Action::Yes);
    match std::mem::replace(&mut main.overlay, Overlay::None) {
        Overlay::ConfirmFill { with_reason, .. } if go => main.fill(with_reason, strings),
        // The note key: the reason goes with the score, or not.
        Overlay::ConfirmFill { cells, with_reason } if action == Action::Note => {
            let has_reason = !main.session.current_cell().note.trim().is_empty();
            main.overlay = Overlay::ConfirmFill {
                cells,
                with_reason: has_reason && !with_reason,
            };
            Reply::none()
        }
        Overlay::ConfirmFill { .. } => Reply::info(strings.fill_cancelled),
        Overlay::ConfirmPaste { cursor, rows, extra: 0 } if go => main.paste_column(cursor, rows, strings),
        Overlay::ConfirmPaste { cursor, .. } => {
            main.overlay = Overlay::Grid(cursor);
            Reply::info(strings.grid.paste_cancelled)
        }
        Overlay::ConfirmExport(_) if go => Reply::effect(Effect::Export { passphrase: None }),
        // The note key goes to the first cell that lacks its reason, to write it.
        Overlay::ConfirmExport(summary) if action == Action::Note && !summary.without_reason.is_empty() => {
            let (target, _) = summary.without_reason[0].clone();
            main.go_to_cell(target);
            main.overlay = Overlay::Note {
                field: TextField::with_text(""),
                pending: None,
                target,
                chosen: 0,
            };
            Reply::info(strings.export_write_reason)
        }
        // The changed key goes to the first cell changed since the last export.
        Overlay::ConfirmExport(summary) if action == Action::Changed && !summary.changed.is_empty() => {
            let (target, name) = summary.changed[0].clone();
            main.go_to_cell(target);
            Reply::info(strings.export_changed_here.replace("{cell}", &name))
        }
        Overlay::ConfirmExport(_) => Reply::info(strings.export_cancelled),
        Overlay::ConfirmReason { cell, target, advance } if go => main.store(target, cell, advance, strings),
        Overlay::ConfirmReason {
            mut cell,
            target,
            advance,
        } if action == Action::No => {
            cell.note.clear();
            main.store(target, cell, advance, strings)
        }
        Overlay::ConfirmReason { .. } => Reply::info(strings.nothing_saved),
        // Only yes throws words away: Enter, typed by habit, goes back to them.
        Overlay::ConfirmDiscardNote { .. } if action == Action::Yes => Reply::info(strings.note_discarded),
        // Anything else goes back to the words, as they were.
        Overlay::ConfirmDiscardNote { field, target } => {
            main.overlay = Overlay::Note {
                field,
                pending: None,
                target,
                chosen: 0,
            };
            Reply::none()
        }
        other => {
            main.overlay = other;
            Reply::none()
        }
    }
}
