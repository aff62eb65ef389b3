//! Everything a key can ask the workbench to do. Keymaps bind key strings to
//! these by name; the help screen and the status line are generated from the
//! merged keymap, so they never disagree with what the keys do.

use std::fmt;

macro_rules! actions {
    ($($variant:ident = $name:literal),+ $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $($variant),+
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];

            /// The name used in keymap files.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name),+
                }
            }
        }
    };
}

actions! {
    Up = "up",
    Down = "down",
    Left = "left",
    Right = "right",
    PageUp = "page_up",
    PageDown = "page_down",
    First = "first",
    Last = "last",
    NextPane = "next_pane",
    PrevPane = "prev_pane",
    NextDistrict = "next_district",
    PrevDistrict = "prev_district",
    NextUnit = "next_item",
    PrevUnit = "prev_item",
    NextUnscored = "next_unscored",
    ToggleWalk = "toggle_walk",
    Confirm = "confirm",
    Cancel = "cancel",
    Search = "search",
    ToggleScope = "toggle_scope",
    InputEntry = "helper_input",
    Note = "note",
    Changed = "changed",
    ToggleEvidence = "toggle_evidence",
    Tick = "tick",
    ClearScore = "clear_score",
    Undo = "undo",
    Redo = "redo",
    Overview = "overview",
    Fill = "fill",
    // The district's own claim (自评) into the cell, as if typed.
    AcceptClaim = "accept_claim",
    Filter = "filter",
    Export = "export",
    Help = "help",
    Quit = "quit",
    // Ctrl-C: leave, but not on one stray press while text is being typed.
    Interrupt = "interrupt",
    // At a question: yes or no (Enter is `confirm`, Esc `cancel`).
    Yes = "yes",
    No = "no",
    // Editing a text field: every field, the same actions.
    CursorLeft = "cursor_left",
    CursorRight = "cursor_right",
    LineStart = "line_start",
    LineEnd = "line_end",
    DeleteBack = "delete_back",
    DeleteForward = "delete_forward",
    DeleteLine = "delete_line",
    DeleteWord = "delete_word",
    NewLine = "new_line",
    // In the entry line: between the score and the helper's input.
    SwitchEntry = "switch_entry",
    // In the note editor: the chosen reason offered into the field.
    TakeSuggestion = "take_suggestion",
    // In the events list: take the chosen event out of it.
    RemoveEvent = "remove_event",
    // Reviewing an imported rubric: confirm a mark, edit the chosen line.
    Accept = "accept",
    Edit = "edit",
}

impl Action {
    /// The actions that edit a text field.
    pub fn edits_text(self) -> bool {
        matches!(
            self,
            Action::CursorLeft
                | Action::CursorRight
                | Action::LineStart
                | Action::LineEnd
                | Action::DeleteBack
                | Action::DeleteForward
                | Action::DeleteLine
                | Action::DeleteWord
                | Action::NewLine
        )
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a key is read: every state of the workbench is one of these, and
/// every key goes through its table. Text modes (search, picker, entry,
/// note, text) take printable keys as text; only their bound keys act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// The main screen.
    Normal,
    /// The search popup: the query is typed, bound keys move and choose.
    Search,
    /// Lists on the start screens (rubric, department).
    Picker,
    /// The entry line: a score, or the helper's input.
    Entry,
    /// The note editor (评分依据): several lines.
    Note,
    /// The events of a per-event cell, one per line of a list: the chosen
    /// one edited in the field below it.
    Events,
    /// A one-line field: the scorer's name, the key's passphrase.
    Text,
    /// The overview grid.
    Grid,
    /// The help screen.
    Help,
    /// A question before something is done: a fill, an export, a veto's reason.
    Confirm,
    /// An outcome or an item to read: any key closes it.
    Notice,
    /// `kaohe rubric review`: walking an imported rubric's marks.
    Review,
}

impl Mode {
    pub const ALL: &'static [Mode] = &[
        Mode::Normal,
        Mode::Search,
        Mode::Picker,
        Mode::Entry,
        Mode::Note,
        Mode::Events,
        Mode::Text,
        Mode::Grid,
        Mode::Help,
        Mode::Confirm,
        Mode::Notice,
        Mode::Review,
    ];

    /// The table name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Search => "search",
            Mode::Picker => "picker",
            Mode::Entry => "entry",
            Mode::Note => "note",
            Mode::Events => "events",
            Mode::Text => "text",
            Mode::Grid => "grid",
            Mode::Help => "help",
            Mode::Confirm => "confirm",
            Mode::Notice => "notice",
            Mode::Review => "review",
        }
    }

    /// Printable keys type text here.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Search | Mode::Picker | Mode::Entry | Mode::Note | Mode::Events | Mode::Text
        )
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.iter().copied().find(|m| m.name() == name)
    }
}
