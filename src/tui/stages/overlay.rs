//! Popups over the main screen and the keys they take first: typing a score,
//! writing a note, the passphrase, the search, help and a read-only item.

use super::main_stage::MainStage;
use super::{Reply, Stage};
use crate::lang::Lang;
use crate::scoring::draft::Cell;
use crate::scoring::entry::{self, EntryMode};
use crate::search::Hit;
use crate::tui::action::Action;
use crate::tui::app::Effect;
use crate::tui::i18n::{self, Strings};
use crate::tui::keymap::Key;
use crate::tui::text::{SecretField, TextField, is_named};

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
    },
    /// Writing the note (评分依据) of the cell at `target` (district, unit):
    /// the one just scored, or the current one. `pending` is a cell waiting
    /// for its note (a veto is saved only with one).
    Note {
        field: TextField,
        pending: Option<Cell>,
        target: (usize, usize),
    },
    Search(SearchState),
    /// An item of another department, found by a rubric-wide search.
    Preview(usize),
    /// The signing key's passphrase, typed unseen.
    Passphrase(SecretField),
    /// The overview grid of districts × the department's units.
    Grid(GridCursor),
    /// A fill waiting for its confirmation: how many cells it would change.
    ConfirmFill {
        cells: usize,
    },
    /// What the export will sign, to confirm before it does.
    ConfirmExport(ExportSummary),
    /// An outcome to read whole (an export written, or why it was not):
    /// any key closes it.
    Notice {
        text: String,
        error: bool,
    },
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
    /// The entry line in `mode`, holding `text`; the other entry starts empty.
    pub fn entry(text: &str, mode: EntryMode) -> Overlay {
        Overlay::Entry {
            field: TextField::with_text(text),
            error: None,
            mode,
            parked: TextField::default(),
        }
    }

    /// A text field that takes every key but Enter and Esc as editing.
    pub fn is_text_field(&self) -> bool {
        matches!(
            self,
            Overlay::Entry { .. } | Overlay::Note { .. } | Overlay::Passphrase(_)
        )
    }

    /// The field typing and pasting go to, if any.
    pub fn field_mut(&mut self) -> Option<&mut TextField> {
        match self {
            Overlay::Entry { field, .. } | Overlay::Note { field, .. } | Overlay::Passphrase(SecretField(field)) => {
                Some(field)
            }
            Overlay::Search(s) => Some(&mut s.query),
            Overlay::None
            | Overlay::Help(_)
            | Overlay::Preview(_)
            | Overlay::ConfirmExport(_)
            | Overlay::Grid(_)
            | Overlay::ConfirmFill { .. }
            | Overlay::Notice { .. } => None,
        }
    }
}

/// The text of a field changed (typed, pasted, edited).
pub fn text_changed(main: &mut MainStage) {
    match &mut main.overlay {
        Overlay::Search(_) => refresh_search(main),
        Overlay::Entry { error, .. } => *error = None,
        _ => {}
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

/// A key in a text field: Enter commits, Esc closes, the rest edits.
pub fn text_key(main: &mut MainStage, key: &Key, strings: &Strings, lang: Lang) -> Reply {
    if is_named(key, "esc") {
        main.overlay = Overlay::None;
        return Reply {
            clear_message: true,
            ..Reply::none()
        };
    }
    if is_named(key, "tab") {
        toggle_entry_mode(main);
        return Reply::none();
    }
    // A note takes several lines: C-j (or Alt-Enter) breaks the line.
    if let Overlay::Note { field, .. } = &mut main.overlay
        && (is_named(key, "C-j") || is_named(key, "A-ret"))
    {
        field.insert('\n');
        return Reply::none();
    }
    if is_named(key, "ret") {
        return match std::mem::replace(&mut main.overlay, Overlay::None) {
            Overlay::Entry {
                field, mode, parked, ..
            } => commit_entry(main, field, parked, mode, strings, lang),
            Overlay::Note { field, pending, target } => commit_note(main, field, pending, target, strings),
            Overlay::Passphrase(SecretField(field)) => Reply::effect(Effect::Export {
                passphrase: Some(crate::seal::keys::Passphrase::new(field.text())),
            }),
            other => {
                main.overlay = other;
                Reply::none()
            }
        };
    }
    if let Some(field) = main.overlay.field_mut() {
        field.edit(key);
    }
    text_changed(main);
    Reply::none()
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
    let session = &main.session;
    let Some(unit) = session.current_scoring_unit() else {
        return Reply::none();
    };
    match entry::accept(
        field.text(),
        &unit,
        session.rubric.precision,
        &session.current_cell(),
        mode,
    ) {
        Err(e) => {
            main.overlay = Overlay::Entry {
                field,
                error: Some(i18n::input_error(lang, &e)),
                mode,
                parked,
            };
            Reply::none()
        }
        Ok(cell) if cell.veto == Some(true) && cell.note.trim().is_empty() => {
            // A veto is saved only together with the reason for it.
            main.overlay = Overlay::Note {
                field: TextField::default(),
                pending: Some(cell),
                target: main.current_target(),
            };
            Reply::info(strings.veto_needs_note)
        }
        Ok(cell) => main.accept_cell(cell, true, strings),
    }
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
        main.overlay = Overlay::Note { field, pending, target };
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

/// A key in the grid: the arrows (and page keys) move, Enter goes to the
/// cell, Esc or `o` closes it.
pub fn grid_key(main: &mut MainStage, key: &Key) -> Reply {
    let Overlay::Grid(cursor) = &mut main.overlay else {
        return Reply::none();
    };
    let districts = main.session.rubric.districts.len();
    let units = main.session.units.len();
    let step = |at: usize, delta: isize, len: usize| crate::scoring::session::step(at, delta, len);
    match key.to_string().as_str() {
        "up" | "k" => cursor.district = step(cursor.district, -1, districts),
        "down" | "j" => cursor.district = step(cursor.district, 1, districts),
        "left" | "h" => cursor.unit = step(cursor.unit, -1, units),
        "right" | "l" => cursor.unit = step(cursor.unit, 1, units),
        "home" => cursor.unit = 0,
        "end" => cursor.unit = units.saturating_sub(1),
        "pageup" => cursor.district = step(cursor.district, -10, districts),
        "pagedown" => cursor.district = step(cursor.district, 10, districts),
        "ret" => {
            let GridCursor { district, unit } = *cursor;
            main.overlay = Overlay::None;
            main.last_scored = None;
            main.session.district = district;
            main.session.select_unit(unit);
            main.session.record_position();
        }
        "esc" | "o" | "q" => main.overlay = Overlay::None,
        _ => {}
    }
    Reply::none()
}
