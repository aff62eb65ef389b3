//! Popups over the main screen and the keys they take first: typing a score,
//! writing a note, the passphrase, the search, help and a read-only item.

use super::main_stage::MainStage;
use super::{Reply, Stage};
use crate::lang::Lang;
use crate::scoring::draft::Cell;
use crate::scoring::entry::{self, EntryMode};
use crate::search::Hit;
use crate::tui::action::Action;
use crate::tui::action::Mode;
use crate::tui::app::Effect;
use crate::tui::i18n::{self, Strings};
use crate::tui::text::{SecretField, TextField};

pub use super::confirm::confirm_action;
pub use super::grid::grid_action;
use super::grid::{GridStep, commit_grid_entry};
use super::search::refresh_search;
pub use super::search::search_action;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    /// The help, scrolled down this many lines.
    Help(usize),
    /// Typing a score (or, in `EntryMode::Input`, what the unit's helper
    /// takes); the error, if any, is why Enter was refused. `parked` is the
    /// other entry's text: Tab swaps them, so nothing typed as a measure is
    /// ever read as points, nor points as a measure.
    Entry {
        field: TextField,
        error: Option<String>,
        mode: EntryMode,
        parked: TextField,
        /// Typed over the overview grid, on this cell: Enter records it and
        /// goes back to the grid a district down, Tab a unit right.
        grid: Option<GridCursor>,
    },
    /// Writing the note (评分依据) of the cell at `target` (district, unit):
    /// the one just scored, or the current one. `pending` is a cell waiting
    /// for its note (a veto is saved only with one).
    Note {
        field: TextField,
        pending: Option<Cell>,
        target: (usize, usize),
        /// The reason offered that the take key puts in the field.
        chosen: usize,
    },
    Search(SearchState),
    /// An item of another department, found by a rubric-wide search.
    Preview(usize),
    /// The signing key's passphrase, typed unseen.
    Passphrase(SecretField),
    /// The overview grid of districts × the department's units.
    Grid(GridCursor),
    /// The events of the current cell, a list edited line by line.
    Events(super::events::EventsEditor),
    /// A fill waiting for its confirmation: how many cells it would change,
    /// and whether the current cell's reason goes with its score.
    ConfirmFill {
        cells: usize,
        with_reason: bool,
    },
    /// A column pasted into the grid, from `cursor` down: each value, the
    /// district it goes to and what it records or why not. Written only if
    /// every value is good, as one step.
    ConfirmPaste {
        cursor: GridCursor,
        rows: Vec<PastedValue>,
        /// Values past the last district.
        extra: usize,
    },
    /// What the export will sign, to confirm before it does.
    ConfirmExport(ExportSummary),
    /// A veto cleared from a cell whose note gave its reason: keep the note
    /// or clear it, before the cell is saved.
    ConfirmReason {
        cell: Cell,
        target: (usize, usize),
        /// Move on once saved, as an entry does (a cleared cell stays).
        advance: bool,
    },
    /// Esc in the note editor after the note was changed: throw the words
    /// away, or go back to them.
    ConfirmDiscardNote {
        field: TextField,
        target: (usize, usize),
    },
    /// An outcome to read whole (an export written, or why it was not):
    /// any key closes it.
    Notice {
        text: String,
        error: bool,
    },
}

/// One value of a column pasted into the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastedValue {
    pub district: usize,
    pub text: String,
    /// What the cell will hold, or why the value is refused.
    pub outcome: Result<Cell, String>,
}

/// The grid's cursor: a district and a unit of the department's walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridCursor {
    pub district: usize,
    pub unit: usize,
}

impl GridCursor {
    /// The first unit column shown when `columns` fit: the page the cursor is on.
    pub fn first_column(&self, columns: usize) -> usize {
        let columns = columns.max(1);
        (self.unit / columns) * columns
    }
}

/// What an export is about to sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    pub revision: u64,
    pub scored: usize,
    pub total: usize,
    /// Cells still unscored, named `district · unit`, the first few.
    pub unscored: Vec<String>,
    pub evidence_missing: usize,
    /// Cells the office will ask about that carry no 评分依据: a deduction
    /// taken, a standard score below the item's points. Where each is, and
    /// its name.
    pub without_reason: Vec<((usize, usize), String)>,
    /// Cells judged below the district's own claim with no reason: the
    /// feedback to the district has nothing to say why.
    pub lowered: Vec<((usize, usize), String)>,
    /// Vetoes reported, named.
    pub vetoes: Vec<String>,
    /// Cells scored, changed or cleared since the last export: where, and
    /// their names; empty before a first export.
    pub changed: Vec<((usize, usize), String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchState {
    pub query: TextField,
    /// Searching the whole rubric, not just the department's items.
    pub all: bool,
    pub hits: Vec<Hit>,
    /// Districts whose names match, listed before the items: Enter goes there.
    pub places: Vec<Hit>,
    pub cursor: usize,
}

impl SearchState {
    pub fn new() -> SearchState {
        SearchState {
            query: TextField::default(),
            all: false,
            hits: Vec::new(),
            places: Vec::new(),
            cursor: 0,
        }
    }

    /// Districts, then items.
    pub fn len(&self) -> usize {
        self.places.len() + self.hits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Default for SearchState {
    fn default() -> SearchState {
        SearchState::new()
    }
}

impl Overlay {
    /// The keymap mode whose table reads the keys while this is open.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::None => Mode::Normal,
            Overlay::Help(_) => Mode::Help,
            Overlay::Entry { .. } => Mode::Entry,
            Overlay::Note { .. } => Mode::Note,
            Overlay::Events(_) => Mode::Events,
            Overlay::Search(_) => Mode::Search,
            Overlay::Passphrase(_) => Mode::Text,
            Overlay::Grid(_) => Mode::Grid,
            Overlay::ConfirmFill { .. }
            | Overlay::ConfirmPaste { .. }
            | Overlay::ConfirmExport(_)
            | Overlay::ConfirmReason { .. }
            | Overlay::ConfirmDiscardNote { .. } => Mode::Confirm,
            Overlay::Preview(_) | Overlay::Notice { .. } => Mode::Notice,
        }
    }

    /// The entry line in `mode`, holding `text`; the other entry starts empty.
    pub fn entry(text: &str, mode: EntryMode) -> Overlay {
        Overlay::Entry {
            field: TextField::with_text(text),
            error: None,
            mode,
            parked: TextField::default(),
            grid: None,
        }
    }

    /// A text field that takes every key but Enter and Esc as editing.
    pub fn is_text_field(&self) -> bool {
        matches!(
            self,
            Overlay::Entry { .. } | Overlay::Note { .. } | Overlay::Passphrase(_) | Overlay::Events(_)
        )
    }

    /// The field typing and pasting go to, if any.
    pub fn field_mut(&mut self) -> Option<&mut TextField> {
        match self {
            Overlay::Entry { field, .. } | Overlay::Note { field, .. } | Overlay::Passphrase(SecretField(field)) => {
                Some(field)
            }
            Overlay::Search(s) => Some(&mut s.query),
            Overlay::Events(e) => Some(&mut e.field),
            Overlay::None
            | Overlay::Help(_)
            | Overlay::Preview(_)
            | Overlay::ConfirmExport(_)
            | Overlay::Grid(_)
            | Overlay::ConfirmFill { .. }
            | Overlay::ConfirmPaste { .. }
            | Overlay::ConfirmReason { .. }
            | Overlay::ConfirmDiscardNote { .. }
            | Overlay::Notice { .. } => None,
        }
    }
}

/// The text of a field changed (typed, pasted, edited).
pub fn text_changed(main: &mut MainStage) {
    match &mut main.overlay {
        Overlay::Search(_) => refresh_search(main),
        Overlay::Entry { error, .. } => *error = None,
        Overlay::Note { chosen, .. } => *chosen = 0,
        Overlay::Events(e) => e.error = None,
        _ => {}
    }
}

/// A bound key in the events list: the arrows choose a line, Enter puts the
/// field in the list or, on the empty new line, records the list; editing
/// keys edit the field.
pub fn events_action(main: &mut MainStage, action: Action, strings: &Strings, lang: Lang) -> Reply {
    let Overlay::Events(editor) = &mut main.overlay else {
        return Reply::none();
    };
    let words = |p: &crate::scoring::events::EventProblem| {
        crate::scoring::rule::helper_words(&crate::scoring::helpers::HelperError::Event(p.clone()), lang)
    };
    match action {
        Action::Up => editor.choose(-1, words),
        Action::Down => editor.choose(1, words),
        Action::RemoveEvent => editor.remove(),
        Action::Cancel => {
            let dropped = editor.changed();
            main.overlay = Overlay::None;
            return if dropped {
                Reply::info(strings.events_not_saved)
            } else {
                Reply {
                    clear_message: true,
                    ..Reply::none()
                }
            };
        }
        Action::Confirm => {
            if let super::events::Enter::Record(text) = editor.enter(words) {
                return record_events(main, &text, strings, lang);
            }
        }
        edit if edit.edits_text() => {
            editor.field.apply(edit);
            editor.error = None;
        }
        _ => {}
    }
    Reply::none()
}

/// The events list into the cell: as the helper's entry would take it
/// typed, through the one rule; a refusal stays in the list with its reason.
fn record_events(main: &mut MainStage, text: &str, strings: &Strings, lang: Lang) -> Reply {
    let session = &main.session;
    let Some(unit) = session.current_scoring_unit() else {
        return Reply::none();
    };
    let precision = session.rubric.precision;
    match entry::accept(text, &unit, precision, &session.current_cell(), EntryMode::Input) {
        Ok(cell) => {
            main.overlay = Overlay::None;
            main.accept_cell(cell, true, strings)
        }
        Err(e) => {
            if let Overlay::Events(editor) = &mut main.overlay {
                editor.error = Some(i18n::input_error(lang, &e));
            }
            Reply::none()
        }
    }
}

/// An action in a text field: the entry line, the note editor, the passphrase.
pub fn field_action(main: &mut MainStage, action: Action, strings: &Strings, lang: Lang) -> Reply {
    match action {
        Action::Cancel => {
            // Words written and not saved are not thrown away on one key.
            if let Overlay::Note {
                field,
                pending: None,
                target,
                ..
            } = &main.overlay
                && field.text() != main.cell_at(*target).note
            {
                main.overlay = Overlay::ConfirmDiscardNote {
                    field: field.clone(),
                    target: *target,
                };
                return Reply::none();
            }
            // Typing over the grid: back to it, nothing recorded.
            if let Overlay::Entry { grid: Some(cursor), .. } = &main.overlay {
                main.overlay = Overlay::Grid(*cursor);
                return Reply {
                    clear_message: true,
                    ..Reply::none()
                };
            }
            let dropped_veto = matches!(&main.overlay, Overlay::Note { pending: Some(_), .. });
            main.overlay = Overlay::None;
            if dropped_veto {
                // The veto waited for its reason: without one it is not recorded, and that is said.
                return Reply::error(strings.veto_not_saved);
            }
            Reply {
                clear_message: true,
                ..Reply::none()
            }
        }
        // Over the grid, Tab records the score and goes a unit right.
        Action::SwitchEntry if matches!(main.overlay, Overlay::Entry { grid: Some(_), .. }) => {
            commit_grid_entry(main, GridStep::Right, strings, lang)
        }
        Action::SwitchEntry => {
            toggle_entry_mode(main);
            Reply::none()
        }
        Action::Confirm if matches!(main.overlay, Overlay::Entry { grid: Some(_), .. }) => {
            commit_grid_entry(main, GridStep::Down, strings, lang)
        }
        Action::Confirm => match std::mem::replace(&mut main.overlay, Overlay::None) {
            Overlay::Entry {
                field, mode, parked, ..
            } => commit_entry(main, field, parked, mode, strings, lang),
            Overlay::Note {
                field, pending, target, ..
            } => commit_note(main, field, pending, target, strings),
            Overlay::Passphrase(SecretField(field)) => Reply::effect(Effect::Export {
                passphrase: Some(crate::seal::keys::Passphrase::new(field.text())),
            }),
            other => {
                main.overlay = other;
                Reply::none()
            }
        },
        // The reasons offered under the note: choose one, take it.
        Action::Up | Action::Down | Action::TakeSuggestion => {
            choose_reason(main, action);
            Reply::none()
        }
        // A new line only where the text takes several.
        Action::NewLine if !matches!(main.overlay, Overlay::Note { .. }) => Reply::none(),
        edit => {
            if let Some(field) = main.overlay.field_mut() {
                field.apply(edit);
            }
            text_changed(main);
            Reply::none()
        }
    }
}

/// The arrows choose among the reasons offered; the take key puts the
/// chosen one in the note, in place of what was typed to find it.
fn choose_reason(main: &mut MainStage, action: Action) {
    let Overlay::Note {
        field, target, chosen, ..
    } = &main.overlay
    else {
        return;
    };
    let offered = super::reasons::suggestions(&main.session, *target, field.text());
    let at = *chosen;
    let last = offered.len().saturating_sub(1);
    let to = match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => (at + 1).min(last),
        _ => at,
    };
    if let Overlay::Note { field, chosen, .. } = &mut main.overlay {
        *chosen = to;
        if action == Action::TakeSuggestion
            && let Some(reason) = offered.get(to)
        {
            *field = TextField::with_text(&reason.text);
            *chosen = 0;
        }
    }
}

/// Tab in the entry line: between the score and the helper's own input, on a
/// unit that has one. Each keeps its own text: what was typed as one is
/// never read as the other.
fn toggle_entry_mode(main: &mut MainStage) {
    let has_input = main
        .session
        .current_scoring_unit()
        .is_some_and(|u| entry::has_input(&u));
    if let Overlay::Entry {
        mode,
        error,
        field,
        parked,
        ..
    } = &mut main.overlay
        && has_input
    {
        *mode = match mode {
            EntryMode::Score => EntryMode::Input,
            EntryMode::Input => EntryMode::Score,
        };
        std::mem::swap(field, parked);
        *error = None;
    }
}

fn commit_entry(
    main: &mut MainStage,
    field: TextField,
    parked: TextField,
    mode: EntryMode,
    strings: &Strings,
    lang: Lang,
) -> Reply {
    match enter(main, field.text(), mode, strings, lang) {
        Ok(reply) => reply,
        Err(error) => {
            main.overlay = Overlay::Entry {
                field,
                error: Some(error),
                mode,
                parked,
                grid: None,
            };
            Reply::none()
        }
    }
}

/// Text into the current cell as the entry line takes it, whatever key
/// brought it (typed and Enter, or a claim accepted): the same reading,
/// the same rule, the same questions (a veto's reason, a reason left
/// behind), and the cursor moves on. Err is why it is refused.
pub fn enter(
    main: &mut MainStage,
    text: &str,
    mode: EntryMode,
    strings: &Strings,
    lang: Lang,
) -> Result<Reply, String> {
    let session = &main.session;
    let Some(unit) = session.current_scoring_unit() else {
        return Ok(Reply::none());
    };
    let cell = entry::accept(text, &unit, session.rubric.precision, &session.current_cell(), mode)
        .map_err(|e| i18n::input_error(lang, &e))?;
    if reason_left_behind(&main.session.current_cell(), &cell) {
        main.overlay = Overlay::ConfirmReason {
            cell,
            target: main.current_target(),
            advance: true,
        };
        return Ok(Reply::none());
    }
    if cell.veto == Some(true) && cell.note.trim().is_empty() {
        // A veto is saved only together with the reason for it.
        main.overlay = Overlay::Note {
            field: TextField::default(),
            pending: Some(cell),
            target: main.current_target(),
            chosen: 0,
        };
        return Ok(Reply::info(strings.veto_needs_note));
    }
    let target = main.current_target();
    let reply = main.accept_cell(cell.clone(), true, strings);
    // Below the district's own claim, with no reason yet: the editor opens
    // on the cell just scored, for the reason the district's feedback needs.
    let stored = main.cell_at(target);
    if stored == cell && main.lowered_without_reason(target) {
        main.overlay = Overlay::Note {
            field: TextField::default(),
            pending: None,
            target,
            chosen: 0,
        };
    }
    Ok(reply)
}

/// A veto taken back from a cell whose note was its reason: the note may
/// no longer be true, so the analyst is asked whether to keep it.
pub fn reason_left_behind(before: &Cell, after: &Cell) -> bool {
    before.veto == Some(true) && after.veto != Some(true) && !after.note.trim().is_empty()
}

fn commit_note(
    main: &mut MainStage,
    field: TextField,
    pending: Option<Cell>,
    target: (usize, usize),
    strings: &Strings,
) -> Reply {
    let mut cell = pending.clone().unwrap_or_else(|| main.cell_at(target));
    cell.note = field.text().trim().to_string();
    if cell.veto == Some(true) && cell.note.is_empty() {
        main.overlay = Overlay::Note {
            field,
            pending,
            target,
            chosen: 0,
        };
        return Reply::error(strings.veto_needs_note);
    }
    // A note on its own does not move on; a note that completes a veto does.
    main.store(target, cell, pending.is_some(), strings)
}

/// The main stage, if that is where the app is.
pub fn main_of(stage: &mut Stage) -> Option<&mut MainStage> {
    match stage {
        Stage::Main(main) => Some(main),
        _ => None,
    }
}

/// An action in the help: it scrolls; anything else closes it.
pub fn help_action(main: &mut MainStage, action: Action) -> Reply {
    let delta: isize = match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -10,
        Action::PageDown => 10,
        _ => {
            main.overlay = Overlay::None;
            return Reply::none();
        }
    };
    if let Overlay::Help(scroll) = &mut main.overlay {
        *scroll = scroll.saturating_add_signed(delta).min(500);
    }
    Reply::none()
}
