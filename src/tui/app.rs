//! The workbench's state and how events change it (the Elm "update").
//! Rendering reads this state and never changes it; anything that touches the
//! disk is returned as an [`Effect`] for the runtime to carry out.

use super::action::{Action, Mode};
use super::i18n::{self, Strings};
use super::keymap::{Key, Keymap, Lookup};
use super::text::{TextField, is_named, printable};
use crate::cli::Lang;
use crate::rubric::{Helper, Item, Kind, Rubric, ScoringUnit, Sub};
use crate::scoring::bounds::{self, Scoring};
use crate::scoring::draft::{Cell, Draft, HelperInput, Walk, unit_key};
use crate::search::{Hit, SearchIndex};
use rust_decimal::Decimal;

/// What the runtime must do on the app's behalf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Show the rubric picker (bundled rubrics and recent files).
    PickRubric,
    /// Load the rubric the analyst chose (a bundled id or a file path).
    LoadRubric(String),
    /// Open the draft of this rubric and department (lock it, load it).
    OpenDraft,
    /// Write the draft now: an accepted change.
    SaveDraft,
    /// Sign the draft as the next revision and write the score file.
    Export { passphrase: Option<String> },
}

/// Input from the outside world, already decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Key(Key),
    /// Text pasted or committed by an input method in one piece.
    Paste(String),
    Resize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// One entry of a start-screen list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// What is passed on when chosen (a rubric id or path, a department name).
    pub value: String,
    /// What is shown.
    pub label: String,
    pub detail: String,
    /// Also matched by the filter, not shown (a department's aliases).
    pub keywords: String,
}

#[derive(Clone)]
pub struct Picker {
    pub choices: Vec<Choice>,
    pub filter: TextField,
    pub cursor: usize,
    /// The same fuzzy + pinyin matcher as the item search: `shuili` finds 水利.
    index: SearchIndex,
}

impl PartialEq for Picker {
    fn eq(&self, other: &Picker) -> bool {
        (&self.choices, &self.filter, self.cursor) == (&other.choices, &other.filter, other.cursor)
    }
}

impl Eq for Picker {}

impl std::fmt::Debug for Picker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Picker")
            .field("filter", &self.filter)
            .field("cursor", &self.cursor)
            .finish()
    }
}

impl Picker {
    pub fn new(choices: Vec<Choice>, preselect: Option<&str>) -> Picker {
        let cursor = preselect
            .and_then(|p| choices.iter().position(|c| c.value == p))
            .unwrap_or(0);
        let index = SearchIndex::new(
            choices
                .iter()
                .enumerate()
                .map(|(i, c)| (i.to_string(), format!("{} {} {}", c.label, c.value, c.keywords))),
        );
        Picker {
            choices,
            filter: TextField::default(),
            cursor,
            index,
        }
    }

    /// Indices of the choices the filter lets through, best match first.
    pub fn visible(&self) -> Vec<usize> {
        if self.filter.text().trim().is_empty() {
            return (0..self.choices.len()).collect();
        }
        self.index.search(self.filter.text()).iter().map(|h| h.index).collect()
    }

    pub fn selected(&self) -> Option<&Choice> {
        let visible = self.visible();
        let at = visible.iter().position(|&i| i == self.cursor).unwrap_or(0);
        visible.get(at).and_then(|&i| self.choices.get(i))
    }

    fn step(&mut self, delta: isize) {
        let visible = self.visible();
        if visible.is_empty() {
            return;
        }
        let at = visible.iter().position(|&i| i == self.cursor).unwrap_or(0) as isize;
        let next = (at + delta).clamp(0, visible.len() as isize - 1) as usize;
        self.cursor = visible[next];
    }

    fn snap(&mut self) {
        let visible = self.visible();
        // The best match is the one Enter takes.
        if let Some(&first) = visible.first() {
            self.cursor = first;
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    PickRubric(Picker),
    PickDepartment(Picker),
    Scorer(TextField),
    Main,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Districts,
    Items,
    Criteria,
}

/// A popup over the main screen; keys go to it first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    /// Typing a score; the error, if any, is why Enter was refused.
    Entry {
        field: TextField,
        error: Option<String>,
    },
    /// Writing the note (评分依据). `pending` is a cell waiting for its note
    /// (a veto is saved only with one).
    Note {
        field: TextField,
        pending: Option<Cell>,
    },
    Search(SearchState),
    /// An item of another department, found by a rubric-wide search.
    Preview(usize),
    /// The signing key's passphrase, typed unseen.
    Passphrase(TextField),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchState {
    pub query: TextField,
    pub all: bool,
    pub hits: Vec<Hit>,
    pub cursor: usize,
}

/// The department's share of the rubric: what one row of the items pane is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub item: usize,
    pub sub: Option<usize>,
    /// The draft's key for it (`1.1.3`, `2.1.2#3`).
    pub key: String,
}

/// One accepted change, for undo and redo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub district: String,
    pub unit: String,
    pub before: Cell,
    pub after: Cell,
}

pub struct Session {
    pub rubric: Rubric,
    /// The rubric as the analyst named it (bundled id or path), remembered.
    pub rubric_source: String,
    pub department: String,
    pub scorer: String,
    pub units: Vec<Unit>,
    pub draft: Draft,
    pub district: usize,
    pub unit: usize,
    pub walk: Walk,
    pub focus: Pane,
    /// Which sub-criterion Space ticks on a checklist item.
    pub sub_cursor: usize,
    /// First criteria line shown, for long criteria.
    pub criteria_scroll: usize,
    pub history: Vec<Change>,
    pub redo: Vec<Change>,
    pub mine: SearchIndex,
    pub all: SearchIndex,
}

pub struct App {
    pub lang: Lang,
    pub keymap: Keymap,
    pub screen: Screen,
    pub overlay: Overlay,
    pub session: Option<Session>,
    /// The rubric chosen on the first screen, before a department is.
    pub rubric: Option<(String, Rubric)>,
    pub department: Option<String>,
    pub scorer: Option<String>,
    pub message: Option<Message>,
    /// Keys of a sequence being typed ("g" of "g g").
    pub pending: Vec<Key>,
    pub quit: bool,
    pub color: bool,
}

impl Session {
    /// Build the working view of a draft for one department.
    pub fn new(rubric: Rubric, rubric_source: String, department: String, scorer: String, draft: Draft) -> Session {
        let mut units = Vec::new();
        for (i, item) in rubric.items.iter().enumerate() {
            for unit in item.scoring_units() {
                if unit.department != department {
                    continue;
                }
                let sub = unit.sub.and_then(|s| item.subs.iter().position(|x| x.id == s.id));
                let key = unit_key(&item.id, unit.sub.map(|s| s.id.as_str()));
                units.push(Unit { item: i, sub, key });
            }
        }
        let mine = SearchIndex::from_items(rubric.items_scored_by(&department));
        let all = SearchIndex::from_items(rubric.items.iter());
        let walk = draft.position.walk;
        let district = draft
            .position
            .district
            .as_ref()
            .and_then(|d| rubric.districts.iter().position(|x| x == d))
            .unwrap_or(0);
        let unit = draft
            .position
            .unit
            .as_ref()
            .and_then(|u| units.iter().position(|x| &x.key == u))
            .unwrap_or(0);
        let focus = match walk {
            Walk::District => Pane::Items,
            Walk::Item => Pane::Districts,
        };
        Session {
            rubric,
            rubric_source,
            department,
            scorer,
            units,
            draft,
            district,
            unit,
            walk,
            focus,
            sub_cursor: 0,
            criteria_scroll: 0,
            history: Vec::new(),
            redo: Vec::new(),
            mine,
            all,
        }
    }

    pub fn district_name(&self) -> &str {
        self.rubric
            .districts
            .get(self.district)
            .map(String::as_str)
            .unwrap_or_default()
    }

    pub fn current(&self) -> Option<&Unit> {
        self.units.get(self.unit)
    }

    pub fn item_of(&self, unit: &Unit) -> &Item {
        &self.rubric.items[unit.item]
    }

    pub fn sub_of(&self, unit: &Unit) -> Option<&Sub> {
        unit.sub.and_then(|s| self.item_of(unit).subs.get(s))
    }

    pub fn scoring_unit<'a>(&'a self, unit: &'a Unit) -> ScoringUnit<'a> {
        let item = self.item_of(unit);
        let sub = self.sub_of(unit);
        ScoringUnit {
            item,
            sub,
            department: &self.department,
            points: sub.map_or(item.points, |s| s.points),
        }
    }

    pub fn cell(&self, district: usize, unit: &Unit) -> Option<&Cell> {
        let d = self.rubric.districts.get(district)?;
        self.draft.cell(d, &unit.key)
    }

    pub fn current_cell(&self) -> Cell {
        self.current()
            .and_then(|u| self.cell(self.district, u))
            .cloned()
            .unwrap_or_default()
    }

    /// Scored units of a district, and how many there are.
    pub fn progress(&self, district: usize) -> (usize, usize) {
        let scored = self
            .units
            .iter()
            .filter(|u| self.cell(district, u).is_some_and(Cell::is_scored))
            .count();
        (scored, self.units.len())
    }

    /// The district's score on the department's units, and the standard
    /// points available.
    pub fn subtotal(&self, district: usize) -> (Decimal, Decimal) {
        let mut score = Decimal::ZERO;
        let mut available = Decimal::ZERO;
        for u in &self.units {
            let unit = self.scoring_unit(u);
            if u.sub.is_none() && unit.item.kind != Kind::Standard {
                // deductions and bonuses count in the score, not in what is available
            } else if let Some(p) = unit.points {
                available += p;
            }
            if let Some(s) = self.cell(district, u).and_then(|c| c.score) {
                score += s;
            }
        }
        (score.normalize(), available.normalize())
    }

    /// Every cell in walk order, starting after the current one.
    fn walk_order(&self) -> Vec<(usize, usize)> {
        let districts = self.rubric.districts.len();
        let units = self.units.len();
        let total = districts * units;
        let start = match self.walk {
            Walk::District => self.district * units + self.unit,
            Walk::Item => self.unit * districts + self.district,
        };
        (1..=total)
            .map(|step| {
                let n = (start + step) % total.max(1);
                match self.walk {
                    Walk::District => (n / units.max(1), n % units.max(1)),
                    Walk::Item => (n % districts.max(1), n / districts.max(1)),
                }
            })
            .collect()
    }

    /// Move to the next cell with no score; false when every cell has one.
    pub fn next_unscored(&mut self) -> bool {
        let next = self.walk_order().into_iter().find(|&(d, u)| {
            self.units
                .get(u)
                .is_some_and(|unit| !self.cell(d, unit).is_some_and(Cell::is_scored))
        });
        match next {
            Some((d, u)) => {
                self.district = d;
                self.select_unit(u);
                true
            }
            None => false,
        }
    }

    fn select_unit(&mut self, unit: usize) {
        if unit != self.unit {
            self.sub_cursor = 0;
            self.criteria_scroll = 0;
        }
        self.unit = unit.min(self.units.len().saturating_sub(1));
    }

    /// Record a change to the current cell; returns whether anything changed.
    pub fn apply(&mut self, district: usize, unit: usize, after: Cell) -> bool {
        let (Some(d), Some(u)) = (
            self.rubric.districts.get(district).cloned(),
            self.units.get(unit).cloned(),
        ) else {
            return false;
        };
        let before = self.draft.cell(&d, &u.key).cloned().unwrap_or_default();
        if before == after {
            return false;
        }
        self.draft.set_cell(&d, &u.key, after.clone());
        self.history.push(Change {
            district: d,
            unit: u.key,
            before,
            after,
        });
        self.redo.clear();
        true
    }

    fn restore(&mut self, change: &Change, cell: Cell) {
        self.draft.set_cell(&change.district, &change.unit, cell);
        if let Some(d) = self.rubric.districts.iter().position(|x| *x == change.district) {
            self.district = d;
        }
        if let Some(u) = self.units.iter().position(|x| x.key == change.unit) {
            self.select_unit(u);
        }
    }

    pub fn undo(&mut self) -> bool {
        let Some(change) = self.history.pop() else { return false };
        self.restore(&change, change.before.clone());
        self.redo.push(change);
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(change) = self.redo.pop() else { return false };
        self.restore(&change, change.after.clone());
        self.history.push(change);
        true
    }

    /// Remember where the analyst is, so that a restart resumes there.
    pub fn record_position(&mut self) {
        self.draft.position.walk = self.walk;
        self.draft.position.district = self.rubric.districts.get(self.district).cloned();
        self.draft.position.unit = self.units.get(self.unit).map(|u| u.key.clone());
    }

    /// The current unit is a whole item with a checklist helper.
    pub fn checklist_item(&self) -> Option<&Item> {
        let unit = self.current()?;
        let item = self.item_of(unit);
        (unit.sub.is_none() && matches!(item.helper, Some(Helper::Checklist { .. }))).then_some(item)
    }
}

impl App {
    pub fn new(lang: Lang, keymap: Keymap, color: bool) -> App {
        App {
            lang,
            keymap,
            screen: Screen::Main,
            overlay: Overlay::None,
            session: None,
            rubric: None,
            department: None,
            scorer: None,
            message: None,
            pending: Vec::new(),
            quit: false,
            color,
        }
    }

    pub fn strings(&self) -> &'static Strings {
        i18n::strings(self.lang)
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// The rubric picker: bundled rubrics and recently used files.
    pub fn pick_rubric(&mut self, choices: Vec<Choice>, preselect: Option<&str>) {
        self.screen = Screen::PickRubric(Picker::new(choices, preselect));
    }

    /// A rubric was loaded: go on to the department.
    pub fn rubric_loaded(&mut self, source: String, rubric: Rubric, preselect: Option<&str>) {
        let choices = rubric
            .departments
            .iter()
            .map(|d| {
                let n = rubric.items_scored_by(&d.name).count();
                Choice {
                    value: d.name.clone(),
                    label: d.name.clone(),
                    detail: format!("{n} {}", self.strings().items_count),
                    keywords: d.aliases.join(" "),
                }
            })
            .collect();
        let preselect = preselect
            .and_then(|p| rubric.find_department(p).ok())
            .map(|d| d.name.clone());
        self.screen = Screen::PickDepartment(Picker::new(choices, preselect.as_deref()));
        self.rubric = Some((source, rubric));
    }

    /// The draft is open: the main screen.
    pub fn open(&mut self, session: Session) {
        self.session = Some(session);
        self.screen = Screen::Main;
        self.overlay = Overlay::None;
    }

    /// The mode whose key table applies now.
    pub fn mode(&self) -> Option<Mode> {
        match (&self.screen, &self.overlay) {
            (Screen::PickRubric(_) | Screen::PickDepartment(_), _) => Some(Mode::Picker),
            (Screen::Scorer(_), _) => None,
            (Screen::Main, Overlay::None) => Some(Mode::Normal),
            (Screen::Main, Overlay::Search(_)) => Some(Mode::Search),
            (Screen::Main, _) => None,
        }
    }

    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Resize => Vec::new(),
            Event::Paste(text) => {
                self.paste(&text);
                Vec::new()
            }
            Event::Key(key) => self.key(key),
        }
    }

    fn paste(&mut self, text: &str) {
        let text = text.replace(['\r', '\n'], " ");
        if let Some(field) = self.focused_field() {
            field.insert_str(&text);
        }
        self.after_text_change();
    }

    /// The text field that typing goes to now, if any.
    fn focused_field(&mut self) -> Option<&mut TextField> {
        match (&mut self.screen, &mut self.overlay) {
            (Screen::PickRubric(p) | Screen::PickDepartment(p), _) => Some(&mut p.filter),
            (Screen::Scorer(f), _) => Some(f),
            (Screen::Main, Overlay::Entry { field, .. } | Overlay::Note { field, .. } | Overlay::Passphrase(field)) => {
                Some(field)
            }
            (Screen::Main, Overlay::Search(s)) => Some(&mut s.query),
            _ => None,
        }
    }

    fn after_text_change(&mut self) {
        match (&mut self.screen, &mut self.overlay) {
            (Screen::PickRubric(p) | Screen::PickDepartment(p), _) => p.snap(),
            (Screen::Main, Overlay::Search(_)) => self.refresh_search(),
            (Screen::Main, Overlay::Entry { error, .. }) => *error = None,
            _ => {}
        }
    }

    fn key(&mut self, key: Key) -> Vec<Effect> {
        if is_named(&key, "C-c") {
            self.quit = true;
            return Vec::new();
        }
        // Text fields take editing keys before any binding.
        if matches!(
            self.overlay,
            Overlay::Entry { .. } | Overlay::Note { .. } | Overlay::Passphrase(_)
        ) || matches!(self.screen, Screen::Scorer(_))
        {
            return self.text_key(key);
        }
        if matches!(self.overlay, Overlay::Help | Overlay::Preview(_)) {
            self.overlay = Overlay::None;
            return Vec::new();
        }
        let Some(mode) = self.mode() else { return Vec::new() };
        self.pending.push(key.clone());
        match self.keymap.lookup(mode, &self.pending) {
            Lookup::Pending => Vec::new(),
            Lookup::Action(action) => {
                self.pending.clear();
                self.act(mode, action)
            }
            Lookup::Unbound => {
                let keys = std::mem::take(&mut self.pending);
                // A sequence that went nowhere: its last key may still mean something alone.
                if keys.len() > 1
                    && let Lookup::Action(action) = self.keymap.lookup(mode, std::slice::from_ref(&key))
                {
                    return self.act(mode, action);
                }
                self.unbound(mode, &key)
            }
        }
    }

    /// A key with no binding: text for a filter or query, or the start of a score.
    fn unbound(&mut self, mode: Mode, key: &Key) -> Vec<Effect> {
        let Some(c) = printable(key) else { return Vec::new() };
        match mode {
            Mode::Picker | Mode::Search => {
                if let Some(field) = self.focused_field() {
                    field.insert(c);
                }
                self.after_text_change();
            }
            Mode::Normal => {
                if c.is_ascii_digit() || c == '.' || c == '-' || c == '=' {
                    let mut field = TextField::default();
                    field.insert(c);
                    self.overlay = Overlay::Entry { field, error: None };
                }
            }
        }
        Vec::new()
    }

    fn text_key(&mut self, key: Key) -> Vec<Effect> {
        if is_named(&key, "esc") {
            match &self.screen {
                Screen::Scorer(_) => {
                    // Back to the department list, the department still chosen.
                    if let Some((source, rubric)) = self.rubric.take() {
                        let department = self.department.clone();
                        self.rubric_loaded(source, rubric, department.as_deref());
                    }
                }
                _ => self.overlay = Overlay::None,
            }
            return Vec::new();
        }
        if is_named(&key, "ret") {
            return self.commit_text();
        }
        if let Some(field) = self.focused_field() {
            field.edit(&key);
        }
        self.after_text_change();
        Vec::new()
    }

    fn commit_text(&mut self) -> Vec<Effect> {
        if let Screen::Scorer(field) = &self.screen {
            let name = field.text().trim().to_string();
            if name.is_empty() {
                let m = self.strings().scorer_needed;
                self.error(m);
                return Vec::new();
            }
            self.scorer = Some(name);
            return vec![Effect::OpenDraft];
        }
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::Entry { field, .. } => self.commit_entry(field),
            Overlay::Note { field, pending } => self.commit_note(field, pending),
            Overlay::Passphrase(field) => vec![Effect::Export {
                passphrase: Some(field.text().to_string()),
            }],
            other => {
                self.overlay = other;
                Vec::new()
            }
        }
    }

    fn commit_entry(&mut self, field: TextField) -> Vec<Effect> {
        let lang = self.lang;
        let Some(session) = self.session.as_mut() else {
            return Vec::new();
        };
        let Some(unit) = session.current().cloned() else {
            return Vec::new();
        };
        let previous = session.current_cell();
        let precision = session.rubric.precision;
        let result = bounds::accept(field.text(), &session.scoring_unit(&unit), precision, &previous);
        match result {
            Err(e) => {
                self.overlay = Overlay::Entry {
                    field,
                    error: Some(i18n::input_error(lang, &e)),
                };
                Vec::new()
            }
            Ok(cell) if cell.veto == Some(true) && cell.note.trim().is_empty() => {
                // A veto is saved only together with the reason for it.
                self.overlay = Overlay::Note {
                    field: TextField::default(),
                    pending: Some(cell),
                };
                let m = self.strings().veto_needs_note;
                self.info(m);
                Vec::new()
            }
            Ok(cell) => self.accept_cell(cell, true),
        }
    }

    fn commit_note(&mut self, field: TextField, pending: Option<Cell>) -> Vec<Effect> {
        let Some(session) = self.session.as_ref() else {
            return Vec::new();
        };
        let mut cell = pending.clone().unwrap_or_else(|| session.current_cell());
        cell.note = field.text().trim().to_string();
        if cell.veto == Some(true) && cell.note.is_empty() {
            self.overlay = Overlay::Note { field, pending };
            let m = self.strings().veto_needs_note;
            self.error(m);
            return Vec::new();
        }
        // A note on its own does not move on; a note that completes a veto does.
        self.accept_cell(cell, pending.is_some())
    }

    /// Store the current cell; on the way, move to the next unscored cell.
    fn accept_cell(&mut self, cell: Cell, advance: bool) -> Vec<Effect> {
        let saved = self.strings().saved;
        let all_scored = self.strings().all_scored;
        let Some(session) = self.session.as_mut() else {
            return Vec::new();
        };
        let changed = session.apply(session.district, session.unit, cell);
        if advance && !session.next_unscored() {
            self.info(all_scored);
        } else if changed {
            self.info(saved);
        }
        if let Some(s) = self.session.as_mut() {
            s.record_position();
        }
        if changed { vec![Effect::SaveDraft] } else { Vec::new() }
    }

    fn act(&mut self, mode: Mode, action: Action) -> Vec<Effect> {
        match mode {
            Mode::Picker => self.picker_action(action),
            Mode::Search => self.search_action(action),
            Mode::Normal => self.normal_action(action),
        }
    }

    fn picker_action(&mut self, action: Action) -> Vec<Effect> {
        let picker = match &mut self.screen {
            Screen::PickRubric(p) | Screen::PickDepartment(p) => p,
            _ => return Vec::new(),
        };
        match action {
            Action::Up => picker.step(-1),
            Action::Down => picker.step(1),
            Action::PageUp => picker.step(-10),
            Action::PageDown => picker.step(10),
            Action::First => picker.step(isize::MIN / 2),
            Action::Last => picker.step(isize::MAX / 2),
            Action::Cancel if !picker.filter.text().is_empty() => {
                picker.filter = TextField::default();
            }
            Action::Cancel | Action::Quit => {
                if matches!(self.screen, Screen::PickDepartment(_)) && self.session.is_none() {
                    // back to the rubric: nothing chosen yet is lost
                    return vec![Effect::PickRubric];
                }
                self.quit = true;
            }
            Action::Confirm => {
                let Some(choice) = picker.selected().cloned() else {
                    return Vec::new();
                };
                return match self.screen {
                    Screen::PickRubric(_) => vec![Effect::LoadRubric(choice.value)],
                    _ => {
                        self.department = Some(choice.value);
                        let field = TextField::with_text(self.scorer.as_deref().unwrap_or_default());
                        self.screen = Screen::Scorer(field);
                        Vec::new()
                    }
                };
            }
            _ => {}
        }
        Vec::new()
    }

    fn refresh_search(&mut self) {
        let Some(session) = self.session.as_ref() else { return };
        if let Overlay::Search(s) = &mut self.overlay {
            let index = if s.all { &session.all } else { &session.mine };
            s.hits = index.search(s.query.text());
            s.cursor = 0;
        }
    }

    fn search_action(&mut self, action: Action) -> Vec<Effect> {
        let Overlay::Search(s) = &mut self.overlay else {
            return Vec::new();
        };
        match action {
            Action::Up => s.cursor = s.cursor.saturating_sub(1),
            Action::Down => s.cursor = (s.cursor + 1).min(s.hits.len().saturating_sub(1)),
            Action::PageUp => s.cursor = s.cursor.saturating_sub(10),
            Action::PageDown => s.cursor = (s.cursor + 10).min(s.hits.len().saturating_sub(1)),
            Action::ToggleScope => {
                s.all = !s.all;
                self.refresh_search();
            }
            Action::Cancel => self.overlay = Overlay::None,
            Action::Confirm => {
                let chosen = s.hits.get(s.cursor).map(|h| (h.index, s.all));
                self.overlay = Overlay::None;
                if let Some((index, all)) = chosen {
                    self.jump(index, all);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// Go to a search hit: to the unit if it is the department's, otherwise
    /// show the item read-only.
    fn jump(&mut self, hit: usize, all: bool) {
        let Some(session) = self.session.as_mut() else { return };
        let index = if all { &session.all } else { &session.mine };
        let id = index.key(hit).to_string();
        let Some(item) = session.rubric.items.iter().position(|i| i.id == id) else {
            return;
        };
        match session.units.iter().position(|u| u.item == item) {
            Some(u) => {
                session.select_unit(u);
                session.focus = match session.walk {
                    Walk::District => Pane::Items,
                    Walk::Item => Pane::Districts,
                };
                session.record_position();
            }
            None => self.overlay = Overlay::Preview(item),
        }
    }

    fn normal_action(&mut self, action: Action) -> Vec<Effect> {
        let strings = self.strings();
        let Some(session) = self.session.as_mut() else {
            return Vec::new();
        };
        let districts = session.rubric.districts.len();
        let units = session.units.len();
        let mut moved = true;
        match action {
            Action::Quit => {
                self.quit = true;
                return Vec::new();
            }
            Action::Help => self.overlay = Overlay::Help,
            Action::Export => return vec![Effect::Export { passphrase: None }],
            Action::Search => {
                self.overlay = Overlay::Search(SearchState {
                    query: TextField::default(),
                    all: false,
                    hits: Vec::new(),
                    cursor: 0,
                })
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::First | Action::Last => {
                let delta: isize = match action {
                    Action::Up => -1,
                    Action::Down => 1,
                    Action::PageUp => -10,
                    Action::PageDown => 10,
                    Action::First => isize::MIN / 2,
                    _ => isize::MAX / 2,
                };
                match session.focus {
                    Pane::Districts => session.district = step(session.district, delta, districts),
                    Pane::Items => {
                        let u = step(session.unit, delta, units);
                        session.select_unit(u);
                    }
                    Pane::Criteria => {
                        if let Some(item) = session.checklist_item() {
                            let n = item.subs.len();
                            session.sub_cursor = step(session.sub_cursor, delta, n);
                        } else {
                            session.criteria_scroll = step(session.criteria_scroll, delta, usize::MAX / 4);
                        }
                    }
                }
            }
            Action::NextPane | Action::Right => session.focus = next_pane(session.focus, 1),
            Action::PrevPane | Action::Left => session.focus = next_pane(session.focus, -1),
            Action::NextDistrict => session.district = step(session.district, 1, districts),
            Action::PrevDistrict => session.district = step(session.district, -1, districts),
            Action::NextUnscored => {
                if !session.next_unscored() {
                    self.info(strings.all_scored);
                }
            }
            Action::ToggleWalk => {
                session.walk = match session.walk {
                    Walk::District => Walk::Item,
                    Walk::Item => Walk::District,
                };
                session.focus = match session.walk {
                    Walk::District => Pane::Items,
                    Walk::Item => Pane::Districts,
                };
            }
            Action::Note => {
                let note = session.current_cell().note;
                self.overlay = Overlay::Note {
                    field: TextField::with_text(&note),
                    pending: None,
                };
                moved = false;
            }
            Action::ToggleEvidence => {
                let mut cell = session.current_cell();
                cell.evidence_missing = !cell.evidence_missing;
                return self.accept_cell(cell, false);
            }
            Action::Tick => {
                let Some(item) = session.checklist_item().cloned() else {
                    self.info(strings.tick_hint);
                    return Vec::new();
                };
                let Some(sub) = item.subs.get(session.sub_cursor) else {
                    return Vec::new();
                };
                let cell = bounds::toggle_tick(&item, &session.current_cell(), &sub.id);
                return self.accept_cell(cell, false);
            }
            Action::ClearScore => {
                let mut cell = session.current_cell();
                cell.score = None;
                cell.veto = None;
                cell.input = None;
                return self.accept_cell(cell, false);
            }
            Action::Undo | Action::Redo => {
                let done = if action == Action::Undo {
                    session.undo()
                } else {
                    session.redo()
                };
                if !done {
                    let m = if action == Action::Undo {
                        strings.nothing_to_undo
                    } else {
                        strings.nothing_to_redo
                    };
                    self.info(m);
                    return Vec::new();
                }
                session.record_position();
                return vec![Effect::SaveDraft];
            }
            Action::Confirm => {
                // Enter on a cell opens entry with what it holds, to correct it.
                let cell = session.current_cell();
                let text = match (&cell.input, cell.score, cell.veto) {
                    (Some(HelperInput::Tiers { measured }), _, _) => measured.to_string(),
                    (_, _, Some(v)) => if v { "1" } else { "0" }.to_string(),
                    (_, Some(s), _) => s.abs().to_string(),
                    _ => String::new(),
                };
                self.overlay = Overlay::Entry {
                    field: TextField::with_text(&text),
                    error: None,
                };
                moved = false;
            }
            Action::Cancel | Action::ToggleScope => {
                self.message = None;
                moved = false;
            }
        }
        if moved && let Some(s) = self.session.as_mut() {
            s.record_position();
        }
        Vec::new()
    }

    /// How the current unit is scored (for the entry line and criteria pane).
    pub fn current_scoring(&self) -> Option<Scoring<'_>> {
        self.current_scoring_unit().map(|u| bounds::scoring(&u))
    }

    /// The range a score typed into the current cell may take.
    pub fn current_range(&self) -> Option<(Option<Decimal>, Decimal)> {
        self.current_scoring_unit().map(|u| bounds::range(&u))
    }

    fn current_scoring_unit(&self) -> Option<ScoringUnit<'_>> {
        let session = self.session.as_ref()?;
        Some(session.scoring_unit(session.current()?))
    }
}

fn step(at: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (at as isize).saturating_add(delta).clamp(0, len as isize - 1) as usize
}

fn next_pane(pane: Pane, delta: i8) -> Pane {
    let order = [Pane::Districts, Pane::Items, Pane::Criteria];
    let at = order.iter().position(|p| *p == pane).unwrap_or(0) as i8;
    order[((at + delta).rem_euclid(3)) as usize]
}
