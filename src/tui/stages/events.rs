//! The events list of a per-event cell ("每发生1件扣10分"): one event a line,
//! the chosen one edited in the field below the list. Enter puts what the
//! field holds in the list (a new event, or the chosen one changed); Enter
//! on the empty new line records the list in the cell, through the same
//! entry and rule as anything typed; the arrows choose, `remove_event` takes
//! the chosen one out. What the list gives is previewed all along.

use crate::scoring::events::{self, EventRecord};
use crate::tui::text::TextField;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventsEditor {
    pub list: Vec<EventRecord>,
    /// The unit's kinds of event.
    pub kinds: usize,
    /// The chosen line: an event's index, or `list.len()` for a new one.
    pub chosen: usize,
    pub field: TextField,
    /// Why the field's text was not put in the list.
    pub error: Option<String>,
    /// The list as the cell held it, to tell whether Esc drops a change.
    pub recorded: Vec<EventRecord>,
    /// Whether counts typed on the empty list's new line record the cell
    /// (a unit one department reports; a joint one counts described events only).
    pub counts_allowed: bool,
}

/// What Enter asks of the workbench.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Enter {
    /// The field went into the list (or said why not): keep editing.
    Editing,
    /// Record the list in the cell, as this entry text.
    Record(String),
}

impl EventsEditor {
    pub fn new(recorded: &[EventRecord], kinds: usize) -> EventsEditor {
        EventsEditor {
            list: recorded.to_vec(),
            kinds,
            chosen: recorded.len(),
            field: TextField::default(),
            error: None,
            recorded: recorded.to_vec(),
            counts_allowed: false,
        }
    }

    /// The field holds counts (`2`, `1 0`) that Enter records as they are.
    pub fn counts_typed(&self) -> bool {
        let text = self.field.text().trim();
        self.counts_allowed && self.list.is_empty() && !text.is_empty() && !events::describes(text)
    }

    /// The chosen event's text as the field edits it.
    fn text_of(&self, at: usize) -> String {
        self.list
            .get(at)
            .map(|e| events::text(std::slice::from_ref(e), self.kinds))
            .unwrap_or_default()
    }

    /// Whether the field holds something the chosen line does not.
    fn edited(&self) -> bool {
        let text = self.field.text().trim();
        !text.is_empty() && text != self.text_of(self.chosen)
    }

    /// The events the field holds, and the list as it would be with them
    /// in place of the chosen line (or after the last).
    pub fn with_field(&self) -> (Vec<EventRecord>, Vec<EventRecord>) {
        let parsed = events::parse(self.field.text(), self.kinds);
        let mut list = self.list.clone();
        let at = self.chosen.min(list.len());
        let end = if at < list.len() { at + 1 } else { at };
        list.splice(at..end, parsed.iter().cloned());
        (parsed, list)
    }

    /// Put the field's events in the list at the chosen line; false, with
    /// the reason kept, when the list would hold an event a cell may not
    /// (one with no words, a date that is no day, one listed twice).
    fn apply_field(&mut self, words: impl Fn(&events::EventProblem) -> String) -> bool {
        let (_, list) = self.with_field();
        if let Err(problem) = events::check(&list, self.kinds) {
            self.error = Some(words(&problem));
            return false;
        }
        self.list = list;
        self.chosen = self.list.len();
        self.field = TextField::default();
        self.error = None;
        true
    }

    /// Enter: the field into the list, or, on the empty new line, the list
    /// into the cell.
    pub fn enter(&mut self, words: impl Fn(&events::EventProblem) -> String) -> Enter {
        if self.counts_typed() {
            return Enter::Record(self.field.text().trim().to_string());
        }
        if self.field.text().trim().is_empty() {
            if self.chosen < self.list.len() {
                // An emptied line is not a removal: that is its own key.
                self.chosen = self.list.len();
                return Enter::Editing;
            }
            return Enter::Record(self.entry_text());
        }
        self.apply_field(words);
        Enter::Editing
    }

    /// Move the choice by `step` lines; an edit in the field goes into the
    /// list first, so nothing typed is dropped by an arrow.
    pub fn choose(&mut self, step: isize, words: impl Fn(&events::EventProblem) -> String) {
        if self.edited() && !self.apply_field(words) {
            return;
        }
        let last = self.list.len() as isize;
        self.chosen = (self.chosen as isize + step).clamp(0, last) as usize;
        self.field = TextField::with_text(&self.text_of(self.chosen));
        self.error = None;
    }

    /// Take the chosen event out of the list.
    pub fn remove(&mut self) {
        if self.chosen < self.list.len() {
            self.list.remove(self.chosen);
            self.field = TextField::with_text(&self.text_of(self.chosen));
            self.error = None;
        }
    }

    /// The list as the helper's entry takes it: the events, or a count of 0.
    pub fn entry_text(&self) -> String {
        if self.list.is_empty() {
            return vec!["0"; self.kinds.max(1)].join(" ");
        }
        events::text(&self.list, self.kinds)
    }

    /// Whether Esc would drop a change to the recorded list.
    pub fn changed(&self) -> bool {
        self.list != self.recorded || (self.edited() && !self.counts_typed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(p: &events::EventProblem) -> String {
        p.to_string()
    }

    fn typed(e: &mut EventsEditor, text: &str) {
        e.field = TextField::with_text(text);
    }

    #[test]
    fn add_edit_remove_and_record() {
        let mut e = EventsEditor::new(&[], 1);
        typed(&mut e, "甲事故 2017-03-05");
        assert_eq!(e.enter(words), Enter::Editing);
        typed(&mut e, "乙事故");
        e.enter(words);
        assert_eq!(e.list.len(), 2);
        // Up onto 乙, changed in place.
        e.choose(-1, words);
        assert_eq!(e.field.text(), "乙事故");
        typed(&mut e, "丙事故 2017-04-01");
        e.enter(words);
        assert_eq!(e.list[1].what, "丙事故");
        assert_eq!(e.list.len(), 2);
        // Up twice onto 甲, removed.
        e.choose(-1, words);
        e.choose(-1, words);
        e.remove();
        assert_eq!(e.list.len(), 1);
        assert_eq!(e.list[0].what, "丙事故");
        e.choose(1, words);
        assert_eq!(e.enter(words), Enter::Record("丙事故 2017-04-01".into()));
    }

    #[test]
    fn an_arrow_keeps_what_was_typed_and_a_bad_date_stays_with_its_reason() {
        let mut e = EventsEditor::new(&[], 1);
        typed(&mut e, "甲事故");
        e.choose(-1, words);
        assert_eq!(e.list.len(), 1, "typed, then an arrow: put in the list");
        e.choose(1, words);
        typed(&mut e, "");
        assert_eq!(e.enter(words), Enter::Record("甲事故".into()));
        let mut e = EventsEditor::new(&[], 1);
        typed(&mut e, &"长".repeat(200));
        e.enter(words);
        assert!(e.list.is_empty() && e.error.is_some());
        // The same event again is not added: the list lists it once.
        typed(&mut e, "甲事故 2017-03-05");
        e.enter(words);
        typed(&mut e, "甲 事故（2017年3月5日）");
        e.enter(words);
        assert_eq!(e.list.len(), 1);
        assert!(e.error.is_some());
        assert_eq!(EventsEditor::new(&[], 2).entry_text(), "0 0");
    }

    #[test]
    fn counts_are_recorded_as_typed_where_allowed() {
        let mut e = EventsEditor::new(&[], 2);
        typed(&mut e, "1 0");
        assert_eq!(e.enter(words), Enter::Editing, "a joint list takes events only");
        assert!(e.error.is_some());
        let mut e = EventsEditor::new(&[], 2);
        e.counts_allowed = true;
        typed(&mut e, "1 0");
        assert_eq!(e.enter(words), Enter::Record("1 0".into()));
    }
}
