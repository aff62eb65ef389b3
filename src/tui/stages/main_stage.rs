//! The main stage: a scoring session and what the screen adds to it (which
//! pane has focus, the criteria cursor and scroll, the popup, the search
//! indices), and how bound keys in normal mode change it.

use super::Reply;
use super::overlay::{Overlay, SearchState};
use crate::scoring::draft::{Cell, Walk};
use crate::scoring::entry::EntryMode;
use crate::scoring::session::{Session, step};
use crate::search::SearchIndex;
use crate::tui::action::Action;
use crate::tui::app::Effect;
use crate::tui::i18n::Strings;
use crate::tui::text::TextField;

mod export;
mod grid_typing;
mod store;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Districts,
    Items,
    Criteria,
}

/// Which of the department's units the items pane lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UnitFilter {
    #[default]
    All,
    Unscored,
    EvidenceMissing,
    Noted,
    /// Cells whose score differs from the district's claim, or that give
    /// less than it with no reason written.
    DiffersFromClaim,
}

impl UnitFilter {
    /// The next filter; the claims' one only where the districts' claims were read.
    fn next(self, claims: bool) -> UnitFilter {
        match self {
            UnitFilter::All => UnitFilter::Unscored,
            UnitFilter::Unscored => UnitFilter::EvidenceMissing,
            UnitFilter::EvidenceMissing => UnitFilter::Noted,
            UnitFilter::Noted if claims => UnitFilter::DiffersFromClaim,
            UnitFilter::Noted | UnitFilter::DiffersFromClaim => UnitFilter::All,
        }
    }
}

#[derive(Clone)]
pub struct MainStage {
    pub session: Session,
    pub focus: Pane,
    /// Which sub-criterion Space ticks on a checklist item.
    pub sub_cursor: usize,
    /// First criteria line shown, for long criteria.
    pub criteria_scroll: usize,
    pub overlay: Overlay,
    /// The department's items, and the whole rubric's, for the search.
    pub mine: SearchIndex,
    pub all: SearchIndex,
    /// The districts, so that typing a name (or its pinyin) finds one too.
    pub places: SearchIndex,
    /// The cell just scored (district, unit), until the cursor is moved: the
    /// note and evidence keys act on it, so "score, then reason" lands where
    /// the analyst means after the cursor has moved on.
    pub last_scored: Option<(usize, usize)>,
    /// The items pane lists only these units of the current district.
    pub filter: UnitFilter,
}

impl std::fmt::Debug for MainStage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MainStage")
            .field("focus", &self.focus)
            .field("overlay", &self.overlay)
            .finish_non_exhaustive()
    }
}

impl MainStage {
    pub fn new(session: Session) -> MainStage {
        let mine = SearchIndex::from_items(session.rubric.items_scored_by(&session.department));
        let all = SearchIndex::from_items(session.rubric.items.iter());
        let places = SearchIndex::new(session.rubric.districts.iter().map(|d| (d.clone(), d.clone())));
        let mut main = MainStage {
            session,
            focus: Pane::Items,
            sub_cursor: 0,
            criteria_scroll: 0,
            overlay: Overlay::None,
            mine,
            all,
            places,
            last_scored: None,
            filter: UnitFilter::All,
        };
        main.focus_for_walk();
        main
    }

    /// Walking a district, the items are what moves; walking an item, the districts.
    fn focus_for_walk(&mut self) {
        self.focus = match self.session.walk {
            Walk::District => Pane::Items,
            Walk::Item => Pane::Districts,
        };
    }

    /// After any change: a unit other than the one before starts at the top
    /// of its criteria.
    pub fn moved_from(&mut self, unit_before: usize) {
        if self.session.unit != unit_before {
            self.sub_cursor = 0;
            self.criteria_scroll = 0;
        }
    }

    /// Store the current cell; with `advance`, move on to the next unscored cell.
    pub fn accept_cell(&mut self, cell: Cell, advance: bool, strings: &Strings) -> Reply {
        self.store(self.current_target(), cell, advance, strings)
    }

    /// Whether the items pane lists this unit under the current filter.
    pub fn shows(&self, unit: usize) -> bool {
        let Some(u) = self.session.units.get(unit) else {
            return false;
        };
        let cell = self.session.cell(self.session.district, u);
        match self.filter {
            UnitFilter::All => true,
            UnitFilter::Unscored => !cell.is_some_and(Cell::is_scored),
            UnitFilter::EvidenceMissing => cell.is_some_and(|c| c.evidence_missing),
            UnitFilter::Noted => cell.is_some_and(|c| !c.note.is_empty()),
            UnitFilter::DiffersFromClaim => {
                let differs = self
                    .session
                    .claim(self.session.district, u)
                    .zip(cell)
                    .is_some_and(|(claim, c)| claim.differs(c.score, c.veto));
                differs || self.lowered_without_reason((self.session.district, unit))
            }
        }
    }

    /// A cell judged below the district's claim with no reason written:
    /// the office's feedback to the district has nothing to say why.
    pub fn lowered_without_reason(&self, (district, unit): (usize, usize)) -> bool {
        let Some(u) = self.session.units.get(unit) else {
            return false;
        };
        let cell = self.cell_at((district, unit));
        cell.note.trim().is_empty()
            && self
                .session
                .claim(district, u)
                .is_some_and(|claim| claim.lowered_by(cell.score, cell.veto))
    }

    /// Move among the units the filter shows, stopping at the ends.
    fn step_shown(&mut self, delta: isize) {
        let shown: Vec<usize> = (0..self.session.units.len()).filter(|&u| self.shows(u)).collect();
        if shown.is_empty() {
            return;
        }
        let at = shown
            .iter()
            .position(|&u| u >= self.session.unit)
            .unwrap_or(shown.len() - 1);
        // On a unit the filter hides, the first step lands on the nearest shown one.
        let on_shown = shown.get(at) == Some(&self.session.unit);
        let delta = if on_shown || delta <= 0 { delta } else { delta - 1 };
        let to = step(at, delta, shown.len());
        self.session.select_unit(shown[to]);
    }

    /// Where the cursor is: (district, unit).
    pub fn current_target(&self) -> (usize, usize) {
        (self.session.district, self.session.unit)
    }

    /// The cell the note and evidence keys act on: the one just scored, or
    /// the current one.
    pub fn note_target(&self) -> (usize, usize) {
        self.last_scored.unwrap_or(self.current_target())
    }

    pub fn cell_at(&self, (district, unit): (usize, usize)) -> Cell {
        self.session
            .units
            .get(unit)
            .and_then(|u| self.session.cell(district, u))
            .cloned()
            .unwrap_or_default()
    }

    /// "曾都区 1.1.3#1": a cell named as the status line names it.
    pub fn cell_name(&self, (district, unit): (usize, usize)) -> String {
        let district = self.session.rubric.districts.get(district).map_or("", String::as_str);
        let unit = self.session.units.get(unit).map_or("", |u| u.key.as_str());
        format!("{district} {unit}")
    }

    /// "当前: 永济市 2.2.4 (未评)": where a walk key put the cursor, and what the cell holds.
    fn now_at(&self, strings: &Strings) -> String {
        let target = self.current_target();
        let what = self
            .session
            .current()
            .map(|u| crate::tui::describe::describe(strings.lang, &self.session.scoring_unit(u), &self.cell_at(target)))
            .unwrap_or_default();
        strings.aside(
            &format!("{}{}{}", strings.now_at, strings.colon, self.cell_name(target)),
            &what,
        )
    }

    /// Put the cursor on a cell (district, unit), as a jump from a list.
    pub fn go_to_cell(&mut self, (district, unit): (usize, usize)) {
        self.last_scored = None;
        self.session.district = district.min(self.session.rubric.districts.len().saturating_sub(1));
        self.session.select_unit(unit);
        self.session.record_position();
    }

    /// Go to a district found by its name, on the same unit.
    pub fn go_to_district(&mut self, district: usize) {
        self.last_scored = None;
        self.session.district = district.min(self.session.rubric.districts.len().saturating_sub(1));
        self.session.record_position();
    }

    /// Go to a search hit: to the unit if it is the department's, otherwise
    /// show the item read-only.
    /// Go to a search hit: the part whose text the query matched, when the
    /// item is scored in parts, else the item (or its preview when it is
    /// another department's).
    pub fn jump(&mut self, hit: usize, all: bool, detail: Option<&str>) {
        let index = if all { &self.all } else { &self.mine };
        let id = index.key(hit);
        let Some(item) = self.session.rubric.items.iter().position(|i| i.id == id) else {
            return;
        };
        let units = &self.session.units;
        let subs = &self.session.rubric.items[item].subs;
        let sub = detail.and_then(|text| {
            subs.iter()
                .position(|s| s.text.lines().any(|l| l.trim().replace('\t', " ") == text))
        });
        let part = sub.and_then(|sub| units.iter().position(|u| u.item == item && u.sub == Some(sub)));
        match part.or_else(|| units.iter().position(|u| u.item == item)) {
            Some(u) => {
                self.last_scored = None;
                self.session.select_unit(u);
                self.focus_for_walk();
                self.session.record_position();
            }
            None => self.overlay = Overlay::Preview(item),
        }
    }

    /// A bound key in normal mode.
    pub fn action(&mut self, action: Action, strings: &Strings) -> Reply {
        let reply = match action {
            Action::Quit => return Reply::quit(),
            Action::Filter => {
                self.filter = self.filter.next(self.session.claims.is_some());
                // The cursor goes to a unit the filter shows, if there is one.
                if !self.shows(self.session.unit) {
                    self.step_shown(1);
                    if !self.shows(self.session.unit) {
                        self.step_shown(-1);
                    }
                }
                return Reply::info(format!(
                    "{}{}{}",
                    strings.filter_label,
                    strings.colon,
                    filter_name(self.filter, strings)
                ));
            }
            Action::Fill => {
                let cells = self.session.fill_targets(false).len();
                if cells == 0 {
                    return Reply::info(strings.fill_nothing);
                }
                // A reason written for the score goes with it unless the analyst says not.
                let with_reason = !self.session.current_cell().note.trim().is_empty();
                self.overlay = Overlay::ConfirmFill { cells, with_reason };
                return Reply::none();
            }
            Action::AcceptClaim => return self.accept_claim(strings),
            Action::Overview => {
                self.overlay = Overlay::Grid(super::overlay::GridCursor {
                    district: self.session.district,
                    unit: self.session.unit,
                });
                return Reply::none();
            }
            Action::Export => {
                self.overlay = Overlay::ConfirmExport(self.export_summary());
                return Reply::none();
            }
            Action::Help => {
                self.overlay = Overlay::Help(0);
                Reply::none()
            }
            Action::Search => {
                self.overlay = Overlay::Search(SearchState::new());
                Reply::none()
            }
            Action::Note => {
                let target = self.note_target();
                let note = self.cell_at(target).note;
                self.overlay = Overlay::Note {
                    field: TextField::with_text(&note),
                    pending: None,
                    target,
                    chosen: 0,
                };
                Reply::none()
            }
            Action::Confirm => {
                self.open_entry();
                Reply::none()
            }
            Action::InputEntry => {
                let has_input = self
                    .session
                    .current_scoring_unit()
                    .is_some_and(|u| crate::scoring::entry::has_input(&u));
                if !has_input {
                    return Reply::info(strings.no_input);
                }
                self.overlay = self
                    .events_editor()
                    .unwrap_or_else(|| Overlay::entry("", EntryMode::Input));
                Reply::none()
            }
            Action::Cancel | Action::ToggleScope => Reply {
                clear_message: true,
                ..Reply::none()
            },
            Action::ToggleEvidence | Action::Tick | Action::ClearScore | Action::Undo | Action::Redo => {
                return self.edit(action, strings);
            }
            _ => self.navigate(action, strings),
        };
        self.session.record_position();
        reply
    }

    fn navigate(&mut self, action: Action, strings: &Strings) -> Reply {
        // A movement ends "the cell just scored": the keys act where the cursor is.
        let just_scored = self.last_scored.take();
        let delta: isize = match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -10,
            Action::PageDown => 10,
            Action::First => isize::MIN / 2,
            Action::Last => isize::MAX / 2,
            Action::NextPane | Action::Right => {
                self.focus = next_pane(self.focus, 1);
                return Reply::none();
            }
            Action::PrevPane | Action::Left => {
                self.focus = next_pane(self.focus, -1);
                return Reply::none();
            }
            // The next or previous item (or part), on the same district, whichever pane has focus.
            Action::NextUnit | Action::PrevUnit => {
                self.session.step_unit(if action == Action::NextUnit { 1 } else { -1 });
                return Reply::info(self.now_at(strings));
            }
            // Right after a score, the next district (from the one on screen)
            // on the item scored, not the next unscored one the walk had moved
            // the cursor to: the same item, district after district.
            Action::NextDistrict | Action::PrevDistrict => {
                if let Some((_, unit)) = just_scored {
                    self.session.select_unit(unit);
                }
                self.session
                    .step_district(if action == Action::NextDistrict { 1 } else { -1 });
                return Reply::info(self.now_at(strings));
            }
            Action::NextUnscored => {
                if self.session.units.is_empty() {
                    return Reply::info(strings.no_units);
                }
                let moved = self.session.next_unjudged();
                return if moved {
                    Reply::info(self.now_at(strings))
                } else {
                    Reply::info(strings.all_scored)
                };
            }
            Action::ToggleWalk => {
                self.session.toggle_walk();
                self.focus_for_walk();
                return Reply::none();
            }
            _ => return Reply::none(),
        };
        match self.focus {
            Pane::Districts => self.session.step_district(delta),
            Pane::Items => self.step_shown(delta),
            Pane::Criteria => match self.session.checklist_item() {
                Some(item) => self.sub_cursor = step(self.sub_cursor, delta, item.subs.len()),
                None => self.criteria_scroll = step(self.criteria_scroll, delta, usize::MAX / 4),
            },
        }
        Reply::none()
    }

    /// Keys that change the current cell without typing: they are saved at once.
    fn edit(&mut self, action: Action, strings: &Strings) -> Reply {
        let mut cell = self.session.current_cell();
        match action {
            Action::ToggleEvidence => {
                let target = self.note_target();
                let mut cell = self.cell_at(target);
                cell.evidence_missing = !cell.evidence_missing;
                return self.store(target, cell, false, strings);
            }
            Action::Tick => {
                let Some(item) = self.session.checklist_item() else {
                    return Reply::info(strings.tick_hint);
                };
                // Space ticks only where the ticks are: a stray one elsewhere scores nothing.
                if self.focus != Pane::Criteria {
                    return Reply::info(strings.tick_where);
                }
                let Some(sub) = item.subs.get(self.sub_cursor) else {
                    return Reply::none();
                };
                cell = crate::scoring::helper::toggle_tick(item, &cell, &sub.id);
            }
            Action::ClearScore => {
                let before = cell.clone();
                cell.score = None;
                cell.veto = None;
                cell.input = None;
                if super::overlay::reason_left_behind(&before, &cell) {
                    self.overlay = Overlay::ConfirmReason {
                        cell,
                        target: self.current_target(),
                        advance: false,
                    };
                    return Reply::none();
                }
            }
            _ => {
                let undo = action == Action::Undo;
                let done = if undo { self.session.undo() } else { self.session.redo() };
                if !done {
                    return Reply::info(if undo {
                        strings.nothing_to_undo
                    } else {
                        strings.nothing_to_redo
                    });
                }
                self.last_scored = None;
                self.session.record_position();
                // Say what it undid: the cell, and what it holds now.
                let target = self.current_target();
                let now = self.cell_at(target);
                let what = self
                    .session
                    .current()
                    .map(|u| crate::tui::describe::describe(strings.lang, &self.session.scoring_unit(u), &now))
                    .unwrap_or_default();
                let done = if undo { strings.undone } else { strings.redone };
                let size = self.session.last_step_size(undo);
                let text = if size > 1 {
                    format!("{done}{}{size} {}", strings.colon, strings.cells_filled)
                } else {
                    format!(
                        "{done}{}{}{}{what}",
                        strings.colon,
                        self.cell_name(target),
                        strings.now_holds
                    )
                };
                return Reply::info(text).and(Effect::SaveDraft);
            }
        }
        self.accept_cell(cell, false, strings)
    }

    /// Enter on a cell opens entry with what it holds, to correct it: the
    /// helper's input if the score came from one, else the score.
    fn open_entry(&mut self) {
        if let Some(editor) = self.events_editor() {
            self.overlay = editor;
            return;
        }
        let cell = self.session.current_cell();
        let input_text = cell.input.as_ref().and_then(|input| {
            let unit = self.session.current_scoring_unit()?;
            crate::scoring::helper::of(&unit)?.text(input)
        });
        let (text, mode) = match (input_text, cell.score, cell.veto) {
            (Some(text), _, _) => (text, EntryMode::Input),
            (None, _, Some(v)) => (if v { "1" } else { "0" }.to_string(), EntryMode::Score),
            (None, Some(s), _) => (s.abs().to_string(), EntryMode::Score),
            _ => (String::new(), EntryMode::Score),
        };
        self.overlay = Overlay::entry(&text, mode);
    }

    /// The events list of the current cell, where its unit counts events
    /// that several departments report (each is described, to be counted
    /// once): its entry is a list, not a line.
    fn events_editor(&self) -> Option<Overlay> {
        let unit = self.session.current_scoring_unit()?;
        let Some(crate::rubric::Helper::PerEvent { events, .. }) = unit.helper() else {
            return None;
        };
        let joint = crate::scoring::rule::needs_described_events(&unit);
        // A deduction or bonus counts events; a standard item's "扣完为止"
        // counts (0.05 a complaint) keep the one-line entry.
        let counts_events = matches!(unit.kind(), crate::rubric::Kind::Deduction | crate::rubric::Kind::Bonus);
        if !joint && !counts_events {
            return None;
        }
        let cell = self.session.current_cell();
        let mut editor =
            super::events::EventsEditor::new(cell.input.as_ref().map_or(&[][..], |i| i.events()), events.len());
        // Where one department alone reports them, a count stands for events
        // it need not describe: the counts recorded are there to correct.
        editor.counts_allowed = !joint;
        if !joint
            && editor.list.is_empty()
            && let Some(input) = cell.input.as_ref()
            && input.counts().iter().any(|&n| n > 0)
        {
            let counts: Vec<String> = input.counts().iter().map(u32::to_string).collect();
            editor.field = crate::tui::text::TextField::with_text(&counts.join(" "));
        }
        Some(Overlay::Events(editor))
    }

    /// The district's claim on the current cell, as the entry line would
    /// take it typed: the same reading, rule and walk, said as accepted.
    fn accept_claim(&mut self, strings: &Strings) -> Reply {
        let claim = self
            .session
            .current()
            .and_then(|u| self.session.claim(self.session.district, u));
        let Some(claim) = claim else {
            return Reply::info(strings.selfcheck.claim_none);
        };
        let Some(typed) = claim.typed() else {
            return Reply::info(strings.selfcheck.claim_no_figure);
        };
        match super::overlay::enter(self, &typed, EntryMode::Score, strings, strings.lang) {
            Ok(mut reply) => {
                if let Some(m) = &mut reply.message
                    && !m.error
                {
                    m.text = format!("{}{}{}", strings.selfcheck.claim_accepted, strings.separator, m.text);
                }
                reply
            }
            Err(why) => Reply::error(format!("{}{why}", strings.selfcheck.claim_refused_hint)),
        }
    }

    /// A printable key with no binding in normal mode: a digit, `.`, `-` or
    /// `=` starts typing a score (full-width ones too, from an input method).
    pub fn start_entry(&mut self, c: char) {
        if crate::scoring::entry::starts_score(c) {
            self.overlay = Overlay::entry(&c.to_string(), EntryMode::Score);
        }
    }
}

/// The filter as the items pane's title and the status line name it.
pub fn filter_name(filter: UnitFilter, strings: &Strings) -> &'static str {
    match filter {
        UnitFilter::All => strings.filter_all,
        UnitFilter::Unscored => strings.filter_unscored,
        UnitFilter::EvidenceMissing => strings.evidence_missing,
        UnitFilter::Noted => strings.filter_noted,
        UnitFilter::DiffersFromClaim => strings.selfcheck.filter_differs,
    }
}

fn next_pane(pane: Pane, delta: i8) -> Pane {
    let order = [Pane::Districts, Pane::Items, Pane::Criteria];
    let at = order.iter().position(|p| *p == pane).unwrap_or(0) as i8;
    order[((at + delta).rem_euclid(3)) as usize]
}
