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
    ToggleEvidence = "toggle_evidence",
    Tick = "tick",
    ClearScore = "clear_score",
    Undo = "undo",
    Redo = "redo",
    Overview = "overview",
    Fill = "fill",
    Filter = "filter",
    Export = "export",
    Help = "help",
    Quit = "quit",
}

impl Action {
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a key is read. Text fields (score entry, notes, the search query)
/// take printable keys as text; only their bound keys act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// The main screen.
    Normal,
    /// The search popup: the query is typed, bound keys move and choose.
    Search,
    /// Lists on the start screens (rubric, department).
    Picker,
}

impl Mode {
    pub const ALL: &'static [Mode] = &[Mode::Normal, Mode::Search, Mode::Picker];

    /// The table name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Search => "search",
            Mode::Picker => "picker",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.iter().copied().find(|m| m.name() == name)
    }
}
