//! The workbench's stages, one at a time: pick a rubric, pick a department,
//! type the scorer's name, then score. Each stage holds exactly what it
//! needs, so a main screen without a session cannot be written down. Each
//! file here is one state machine: its state and how keys change it.

mod confirm;
pub mod events;
mod grid;
pub mod main_stage;
pub mod overlay;
pub mod picker;
pub mod reasons;
mod search;
pub mod start;

pub use main_stage::{MainStage, Pane, UnitFilter};
pub use overlay::{ExportSummary, GridCursor, Overlay, SearchState};
pub use picker::{Choice, Picker};

use crate::rubric::Rubric;
use crate::tui::text::TextField;

/// A rubric the analyst chose, and how they named it (a bundled id or a
/// path), which is what is remembered.
#[derive(Debug, Clone)]
pub struct Chosen {
    pub source: String,
    pub rubric: Rubric,
}

#[derive(Debug, Clone)]
pub enum Stage {
    PickRubric(Picker),
    PickDepartment {
        chosen: Box<Chosen>,
        picker: Picker,
    },
    Scorer {
        chosen: Box<Chosen>,
        department: String,
        field: TextField,
    },
    Main(Box<MainStage>),
}

/// What a stage's handler asks of the app: effects for the runtime, a line
/// for the status bar, leaving.
#[derive(Debug, Default)]
#[must_use]
pub struct Reply {
    pub effects: Vec<crate::tui::app::Effect>,
    pub message: Option<crate::tui::app::Message>,
    /// Esc in normal mode: the status line is read, it goes.
    pub clear_message: bool,
    pub quit: bool,
}

impl Reply {
    pub fn none() -> Reply {
        Reply::default()
    }

    pub fn effect(effect: crate::tui::app::Effect) -> Reply {
        Reply {
            effects: vec![effect],
            ..Reply::default()
        }
    }

    pub fn info(text: impl Into<String>) -> Reply {
        Reply::none().say(text, false)
    }

    pub fn error(text: impl Into<String>) -> Reply {
        Reply::none().say(text, true)
    }

    pub fn quit() -> Reply {
        Reply {
            quit: true,
            ..Reply::default()
        }
    }

    pub fn say(mut self, text: impl Into<String>, error: bool) -> Reply {
        self.message = Some(crate::tui::app::Message {
            text: text.into(),
            error,
        });
        self
    }

    pub fn and(mut self, effect: crate::tui::app::Effect) -> Reply {
        self.effects.push(effect);
        self
    }
}
