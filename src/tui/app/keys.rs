//! Keys, bursts and pastes: every key through the keymap of the mode the
//! workbench is in, text into the field that is open, and what a key with
//! no binding does (types, starts a score, closes, or says so).

use super::*;

impl App {
    pub(super) fn input(&mut self, event: Event) -> Reply {
        let unit_before = self.session().map(|s| s.unit);
        let reply = match event {
            Event::Key(key) => self.key(key),
            Event::Burst(keys) => self.burst(keys),
            Event::Paste(text) => self.paste(&text),
            _ => Reply::none(),
        };
        if let (Some(before), Some(main)) = (unit_before, overlay::main_of(&mut self.stage)) {
            main.moved_from(before);
        }
        reply
    }

    /// Pasted text goes into the field that is open. On the main screen
    /// with none open, a pasted number opens the entry line holding it (Enter
    /// still saves it); other text is refused, said, never dropped silently.
    fn paste(&mut self, text: &str) -> Reply {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        // A column pasted over the grid fills down from its cursor, once confirmed.
        let strings = self.strings();
        if self.mode() == Mode::Grid
            && let Stage::Main(main) = &mut self.stage
        {
            return main.paste_into_grid(&text, strings);
        }
        if self.mode() == Mode::Normal
            && let Stage::Main(main) = &mut self.stage
        {
            let typed = text.trim();
            let mut chars = typed.chars();
            return match chars.next() {
                Some(first) if crate::scoring::entry::starts_score(first) && !typed.contains('\n') => {
                    main.start_entry(first);
                    self.insert_text(chars.as_str());
                    Reply::none()
                }
                _ => Reply::error(self.with_keys(self.strings().paste_nowhere)),
            };
        }
        self.insert_text(&text);
        Reply::none()
    }

    /// Keys that came together. A key held down (the same key again and
    /// again) acts as that many presses, and so does any burst on a screen
    /// too small to show it (where only quitting acts). Anything else is text: it goes into
    /// the field that is open (Enter is a new line in a note), a digit with
    /// no field open starts the score entry as typing would, and an Enter,
    /// an Esc or a command key in the burst stops it there: a pasted line
    /// never confirms a field, and nothing after it is taken as a key.
    fn burst(&mut self, keys: Vec<Key>) -> Reply {
        if keys.windows(2).all(|pair| pair[0] == pair[1]) || self.too_small() {
            let mut reply = Reply::none();
            for key in keys {
                let next = self.key(key);
                reply = merge(reply, next);
            }
            return reply;
        }
        let strings = self.strings();
        // Over the grid, keys that came together are a column pasted by a
        // terminal that types it out (Enter between the values).
        if self.mode() == Mode::Grid {
            let mut text = String::new();
            for key in &keys {
                match (key.typed(), self.keymap.lookup(Mode::Grid, std::slice::from_ref(key))) {
                    (Some(c), _) => text.push(c),
                    (None, Lookup::Action(Action::Confirm)) => text.push('\n'),
                    _ => return Reply::error(strings.burst_ignored.replace("{n}", &keys.len().to_string())),
                }
            }
            if let Stage::Main(main) = &mut self.stage {
                return main.paste_into_grid(&text, strings);
            }
        }
        // Text is gathered and put in once, so a query is searched once per burst, not per key.
        let mut text = String::new();
        for (at, key) in keys.iter().enumerate() {
            let left = keys.len() - at;
            let mode = self.mode();
            let action = match self.keymap.lookup(mode, std::slice::from_ref(key)) {
                Lookup::Action(action) => Some(action),
                _ => None,
            };
            match (mode.takes_text(), key.typed(), action) {
                (true, Some(c), _) => text.push(c),
                (true, None, Some(Action::Confirm)) if mode == Mode::Note => text.push('\n'),
                (true, None, Some(Action::SwitchEntry | Action::ToggleScope)) => text.push(' '),
                (true, None, Some(a)) if a.edits_text() => {
                    self.insert_text(&std::mem::take(&mut text));
                    let _ = self.act(mode, a);
                }
                (false, Some(c), None)
                    if mode == Mode::Normal && self.pending.is_empty() && crate::scoring::entry::starts_score(c) =>
                {
                    let _ = self.key(key.clone());
                }
                (true, _, _) => {
                    self.insert_text(&text);
                    return Reply::error(strings.burst_stopped.replace("{n}", &left.to_string()));
                }
                (false, _, _) => return Reply::error(strings.burst_ignored.replace("{n}", &left.to_string())),
            }
        }
        self.insert_text(&text);
        Reply::none()
    }

    /// Text into the open field, as typing puts it there: a note keeps its
    /// line breaks, a one-line field reads them as spaces; other control
    /// characters are dropped.
    fn insert_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let lines = self.mode() == Mode::Note;
        // Lines pasted into the events list (a column from a sheet) are events.
        let events = self.mode() == Mode::Events;
        let put = |field: &mut crate::tui::text::TextField| {
            for c in text.chars() {
                match c {
                    '\n' if lines => field.insert('\n'),
                    '\n' if events => field.insert('；'),
                    '\n' => field.insert(' '),
                    c if !c.is_control() => field.insert(c),
                    _ => {}
                }
            }
        };
        match &mut self.stage {
            Stage::PickRubric(picker) | Stage::PickDepartment { picker, .. } => {
                put(picker.filter_mut());
                picker.filter_changed();
            }
            Stage::Scorer { field, .. } => put(field),
            Stage::Main(main) => {
                if let Some(field) = main.overlay.field_mut() {
                    put(field);
                }
                overlay::text_changed(main);
            }
        }
    }

    /// Below the minimum size the screen shows only that it is too small:
    /// no key may change what the analyst cannot see.
    pub fn too_small(&self) -> bool {
        self.screen
            .is_some_and(|(w, h)| w < crate::tui::views::MIN_WIDTH || h < crate::tui::views::MIN_HEIGHT)
    }

    /// Text typed but not yet entered (a score, a note, a passphrase).
    fn typing(&self) -> bool {
        match self.overlay() {
            Overlay::Entry { field, .. } | Overlay::Note { field, .. } => !field.text().trim().is_empty(),
            Overlay::Passphrase(_) => true,
            _ => false,
        }
    }

    /// One Ctrl-C was pressed while text was typed: the next leaves. The
    /// entry line shows the warning in its own place, which covers the
    /// message line.
    pub fn interrupt_armed(&self) -> bool {
        self.interrupt_armed
    }

    /// One key, through the table of the mode the workbench is in: every
    /// key of every state goes this way.
    fn key(&mut self, key: Key) -> Reply {
        let interrupt_armed = std::mem::take(&mut self.interrupt_armed);
        let mode = self.mode();
        let alone = self.keymap.lookup(mode, std::slice::from_ref(&key));
        if self.pending.is_empty() && alone == Lookup::Action(Action::Interrupt) {
            // Text being typed is not thrown away on one stray Ctrl-C.
            if self.typing() && !interrupt_armed {
                self.interrupt_armed = true;
                return Reply::error(self.with_keys(self.strings().interrupt_typing));
            }
            return Reply::quit();
        }
        if self.too_small() {
            return match alone {
                Lookup::Action(Action::Quit) => Reply::quit(),
                _ => Reply::none(),
            };
        }
        self.pending.push(key.clone());
        match self.keymap.lookup(mode, &self.pending) {
            Lookup::Pending => Reply::none(),
            Lookup::Action(action) => {
                self.pending.clear();
                self.act(mode, action)
            }
            Lookup::Unbound => {
                let keys = std::mem::take(&mut self.pending);
                // A sequence that went nowhere: its last key may still mean something alone.
                if keys.len() > 1
                    && let Lookup::Action(action) = alone
                {
                    return self.act(mode, action);
                }
                self.unbound(mode, &key)
            }
        }
    }

    /// A bound key's action, in the mode it was pressed in.
    fn act(&mut self, mode: Mode, action: Action) -> Reply {
        let strings = self.strings();
        let lang = self.lang;
        match (mode, &mut self.stage) {
            (Mode::Picker, Stage::PickRubric(picker) | Stage::PickDepartment { picker, .. }) if action.edits_text() => {
                picker.filter_mut().apply(action);
                picker.filter_changed();
                Reply::none()
            }
            (Mode::Picker, stage) => start::picker_action(stage, action, self.scorer.as_deref()),
            (Mode::Text, stage @ Stage::Scorer { .. }) => start::scorer_action(stage, action, strings),
            (Mode::Normal, Stage::Main(main)) => main.action(action, strings),
            (Mode::Search, Stage::Main(main)) if action.edits_text() => {
                if let Overlay::Search(s) = &mut main.overlay {
                    s.query.apply(action);
                }
                overlay::text_changed(main);
                Reply::none()
            }
            (Mode::Search, Stage::Main(main)) => overlay::search_action(main, action),
            (Mode::Entry | Mode::Note | Mode::Text, Stage::Main(main)) => {
                overlay::field_action(main, action, strings, lang)
            }
            (Mode::Grid, Stage::Main(main)) => overlay::grid_action(main, action),
            (Mode::Events, Stage::Main(main)) => overlay::events_action(main, action, strings, lang),
            (Mode::Help, Stage::Main(main)) => overlay::help_action(main, action),
            (Mode::Confirm, Stage::Main(main)) => overlay::confirm_action(main, action, strings),
            (Mode::Notice, Stage::Main(main)) => {
                main.overlay = Overlay::None;
                Reply::none()
            }
            _ => Reply::none(),
        }
    }

    /// A key with no binding in its mode: text in a text mode, the start of
    /// a score on the main screen; it closes what any key closes, and
    /// answers no to a question.
    fn unbound(&mut self, mode: Mode, key: &Key) -> Reply {
        match (mode, key.typed()) {
            (_, Some(c)) if mode.takes_text() => {
                self.insert_text(&c.to_string());
                Reply::none()
            }
            (Mode::Normal, Some(c)) => {
                let Stage::Main(main) = &mut self.stage else {
                    return Reply::none();
                };
                if crate::scoring::entry::starts_score(c) {
                    main.start_entry(c);
                    return Reply::none();
                }
                // Never silently: a key that does nothing says so, and what does.
                let words = self.strings().not_a_command.replace("{c}", &c.to_string());
                Reply::error(self.with_keys(&words))
            }
            // A notice closes on any key; a key of the main screen that only
            // opens or moves then does what it does there (按 e 重新输入
            // means e). A key that changes a cell or leaves only closes it.
            (Mode::Notice, _) => {
                let closed = self.act(mode, Action::Cancel);
                match self.keymap.lookup(Mode::Normal, std::slice::from_ref(key)) {
                    Lookup::Action(action) if matches!(self.stage, Stage::Main(_)) && opens_or_moves(action) => {
                        merge(closed, self.act(Mode::Normal, action))
                    }
                    _ => closed,
                }
            }
            (Mode::Grid, Some(c)) => {
                let Stage::Main(main) = &mut self.stage else {
                    return Reply::none();
                };
                if main.start_grid_entry(c) {
                    return Reply::none();
                }
                let words = self.strings().not_a_command.replace("{c}", &c.to_string());
                Reply::error(self.with_keys(&words))
            }
            (Mode::Help | Mode::Confirm, _) => self.act(mode, Action::Cancel),
            _ => Reply::none(),
        }
    }
}

/// Actions that only open something (a question, a list, an editor) or
/// move the cursor: safe to carry out after the key closed a notice.
fn opens_or_moves(action: Action) -> bool {
    matches!(
        action,
        Action::Export
            | Action::Search
            | Action::Help
            | Action::Overview
            | Action::Filter
            | Action::Note
            | Action::Up
            | Action::Down
            | Action::Left
            | Action::Right
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last
            | Action::NextPane
            | Action::PrevPane
            | Action::NextDistrict
            | Action::PrevDistrict
            | Action::NextUnit
            | Action::PrevUnit
            | Action::NextUnscored
    )
}

/// Two replies as one: the later message wins, the effects add up.
fn merge(mut first: Reply, next: Reply) -> Reply {
    first.effects.extend(next.effects);
    first.message = next.message.or(first.message);
    first.clear_message |= next.clear_message;
    first.quit |= next.quit;
    first
}
