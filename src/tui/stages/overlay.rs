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

fn refresh_search(main: &mut MainStage) {
    if let Overlay::Search(s) = &mut main.overlay {
        let index = if s.all { &main.all } else { &main.mine };
        s.hits = index.search(s.query.text());
        s.places = main.places.search(s.query.text());
        s.cursor = 0;
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

/// Where the grid's cursor goes after a score typed over it.
#[derive(Clone, Copy)]
enum GridStep {
    Down,
    Right,
}

/// A score typed over the grid into its cell: recorded as any typed score
/// (no walk: the grid moves), then back to the grid a step on; a refusal
/// stays in the entry line with its reason.
fn commit_grid_entry(main: &mut MainStage, step: GridStep, strings: &Strings, lang: Lang) -> Reply {
    let Overlay::Entry {
        field,
        mode,
        grid: Some(cursor),
        ..
    } = main.overlay.clone()
    else {
        return Reply::none();
    };
    let refuse = |main: &mut MainStage, error: String| {
        if let Overlay::Entry { error: e, .. } = &mut main.overlay {
            *e = Some(error);
        }
        Reply::none()
    };
    let Some(unit) = main.session.current_scoring_unit() else {
        return Reply::none();
    };
    let cell = match entry::accept(
        field.text(),
        &unit,
        main.session.rubric.precision,
        &main.session.current_cell(),
        mode,
    ) {
        Ok(cell) => cell,
        Err(e) => return refuse(main, i18n::input_error(lang, &e)),
    };
    // A veto asks for its reason: that is the cell's own screen, not the grid's.
    if cell.veto == Some(true) || reason_left_behind(&main.session.current_cell(), &cell) {
        return refuse(main, strings.grid_veto_elsewhere.to_string());
    }
    let target = (cursor.district, cursor.unit);
    let reply = main.store(target, cell.clone(), false, strings);
    if main.cell_at(target) != cell {
        // Refused by the rule: said where it was typed.
        let said = reply.message.map(|m| m.text).unwrap_or_default();
        return refuse(main, said);
    }
    let districts = main.session.rubric.districts.len();
    let units = main.session.units.len();
    let mut next = cursor;
    match step {
        GridStep::Down => next.district = crate::scoring::session::step(cursor.district, 1, districts),
        GridStep::Right => next.unit = crate::scoring::session::step(cursor.unit, 1, units),
    }
    main.overlay = Overlay::Grid(next);
    main.session.district = next.district;
    main.session.select_unit(next.unit);
    reply
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

/// A bound key in the search popup.
pub fn search_action(main: &mut MainStage, action: Action) -> Reply {
    let Overlay::Search(s) = &mut main.overlay else {
        return Reply::none();
    };
    let last = s.len().saturating_sub(1);
    match action {
        Action::Up => s.cursor = s.cursor.saturating_sub(1),
        Action::Down => s.cursor = (s.cursor + 1).min(last),
        Action::PageUp => s.cursor = s.cursor.saturating_sub(10),
        Action::PageDown => s.cursor = (s.cursor + 10).min(last),
        Action::ToggleScope => {
            s.all = !s.all;
            refresh_search(main);
        }
        Action::Cancel => main.overlay = Overlay::None,
        Action::Confirm => {
            let place = s.places.get(s.cursor).map(|h| h.index);
            let chosen = s
                .hits
                .get(s.cursor.wrapping_sub(s.places.len()))
                .map(|h| (h.index, s.all, h.detail.as_ref().map(|d| d.text.clone())));
            main.overlay = Overlay::None;
            match (place, chosen) {
                (Some(district), _) => main.go_to_district(district),
                (None, Some((index, all, line))) => main.jump(index, all, line.as_deref()),
                (None, None) => {}
            }
        }
        _ => {}
    }
    Reply::none()
}

/// The main stage, if that is where the app is.
pub fn main_of(stage: &mut Stage) -> Option<&mut MainStage> {
    match stage {
        Stage::Main(main) => Some(main),
        _ => None,
    }
}

/// An action in the grid: the arrows (and page keys) move, Enter goes to
/// the cell, cancel closes it.
pub fn grid_action(main: &mut MainStage, action: Action) -> Reply {
    let Overlay::Grid(cursor) = &mut main.overlay else {
        return Reply::none();
    };
    let districts = main.session.rubric.districts.len();
    let units = main.session.units.len();
    let step = |at: usize, delta: isize, len: usize| crate::scoring::session::step(at, delta, len);
    match action {
        Action::Up => cursor.district = step(cursor.district, -1, districts),
        Action::Down => cursor.district = step(cursor.district, 1, districts),
        Action::Left => cursor.unit = step(cursor.unit, -1, units),
        Action::Right => cursor.unit = step(cursor.unit, 1, units),
        Action::First => cursor.unit = 0,
        Action::Last => cursor.unit = units.saturating_sub(1),
        Action::PageUp => cursor.district = step(cursor.district, -10, districts),
        Action::PageDown => cursor.district = step(cursor.district, 10, districts),
        Action::Confirm => {
            let GridCursor { district, unit } = *cursor;
            main.overlay = Overlay::None;
            main.last_scored = None;
            main.session.district = district;
            main.session.select_unit(unit);
            main.session.record_position();
        }
        Action::Cancel | Action::Overview => main.overlay = Overlay::None,
        _ => {}
    }
    Reply::none()
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
            Reply::info(strings.paste_cancelled)
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
