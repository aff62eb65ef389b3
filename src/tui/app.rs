//! The workbench's state and how events change it (the Elm "update").
//!
//! The state is one [`Stage`] at a time plus what every stage shares (the
//! language, the keymap, the status line). Keys and pastes are events; so are
//! the results of what the app asked the runtime to do (a rubric loaded, a
//! draft opened, saved or not, an export written): the runtime never writes
//! the state, it feeds events. Rendering reads the state and never changes it.

use super::action::{Action, Mode};
use super::i18n::{self, Strings};
use super::keymap::{Key, Keymap, Lookup};
use super::stages::overlay::{self, Overlay};
use super::stages::{Choice, Chosen, MainStage, Picker, Reply, Stage, start};
use crate::lang::Lang;
use crate::rubric::{Rubric, ScoringUnit};
use crate::scoring::bounds;
use crate::scoring::session::Session;
use crate::seal::keys::Passphrase;
use rust_decimal::Decimal;
use std::path::PathBuf;

mod keys;

/// What the runtime must do on the app's behalf; its result comes back as an [`Event`].
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// List the bundled rubrics and recent files: [`Event::RubricChoices`].
    PickRubric,
    /// Load the rubric the analyst chose (a bundled id or a file path):
    /// [`Event::RubricLoaded`] or [`Event::Failed`].
    LoadRubric(String),
    /// Lock and open (or start) the department's draft:
    /// [`Event::DraftOpened`] or [`Event::Failed`].
    OpenDraft {
        source: String,
        rubric: Box<Rubric>,
        department: String,
        scorer: String,
    },
    /// Write the draft now, an accepted change: [`Event::Saved`] or [`Event::SaveFailed`].
    SaveDraft,
    /// Sign the draft as the next revision and write the score file:
    /// [`Event::Exported`], [`Event::PassphraseNeeded`] or [`Event::Failed`].
    Export { passphrase: Option<Passphrase> },
}

/// Input from the analyst, already decoded, and the results of effects.
#[derive(Debug, Clone)]
pub enum Event {
    Key(Key),
    /// Keys that arrived together, faster than anyone types: a paste from a
    /// terminal without bracketed paste (Windows consoles), or a key held
    /// down. Text for the field that is open, never commands or scores.
    Burst(Vec<Key>),
    /// Text pasted or committed by an input method in one piece.
    Paste(String),
    /// The terminal's new size, in columns and rows.
    Resize(u16, u16),
    RubricChoices {
        choices: Vec<Choice>,
        preselect: Option<String>,
    },
    RubricLoaded {
        source: String,
        rubric: Box<Rubric>,
        /// The department to highlight (remembered, or from the command line).
        preselect: Option<String>,
    },
    /// The department given on the command line: straight to the scorer's name.
    DepartmentChosen(String),
    DraftOpened {
        session: Box<Session>,
        /// The rubric changed since the draft was saved.
        rubric_changed: bool,
        /// Why the districts' self-assessment set was not read, if it was not.
        selfcheck_problem: Option<String>,
    },
    Saved,
    SaveFailed {
        /// Why, in a few words (`磁盘已满`), shown first.
        cause: String,
        /// The whole error, with the path.
        error: String,
    },
    PassphraseNeeded,
    /// The export could not be written; the text says why and what to do.
    ExportFailed(String),
    Exported {
        path: PathBuf,
        revision: u64,
        cells: usize,
    },
    /// An effect could not be carried out; the text says why.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub lang: Lang,
    pub keymap: Keymap,
    pub stage: Stage,
    pub message: Option<Message>,
    /// Keys of a sequence being typed ("g" of "g g").
    pub pending: Vec<Key>,
    pub quit: bool,
    pub color: bool,
    /// The scorer's name the scorer screen starts with: remembered, given,
    /// or last typed.
    scorer: Option<String>,
    /// Why the last save failed: the draft in memory is ahead of the disk.
    unsaved: Option<String>,
    /// A quit was refused once because of unsaved changes: the next goes.
    quit_armed: bool,
    /// C-c was pressed once with text being typed: the next one quits.
    interrupt_armed: bool,
    /// The terminal's size, once the runtime has said it.
    pub screen: Option<(u16, u16)>,
}

impl App {
    pub fn new(lang: Lang, keymap: Keymap, color: bool, scorer: Option<String>) -> App {
        App {
            lang,
            keymap,
            stage: Stage::PickRubric(Picker::new(Vec::new(), None)),
            message: None,
            pending: Vec::new(),
            quit: false,
            color,
            scorer,
            unsaved: None,
            quit_armed: false,
            interrupt_armed: false,
            screen: None,
        }
    }

    pub fn strings(&self) -> &'static Strings {
        i18n::strings(self.lang)
    }

    /// The key the main screen has for an action, as its keycap reads (the
    /// action's own name when the keymap leaves it unbound).
    pub fn key_for(&self, action: Action) -> String {
        self.key_in(Mode::Normal, action)
    }

    /// The key a mode has for an action, as its keycap reads.
    pub fn key_in(&self, mode: Mode, action: Action) -> String {
        match self.keymap.keys_for(mode, action).first() {
            Some(key) => i18n::key_label(self.lang, key),
            None => format!("“{}”", i18n::action_label(self.lang, action)),
        }
    }

    /// A hint whose keys are written `{action_name}` (`{undo}`, the main
    /// screen's) or `{mode.action_name}` (`{confirm.yes}`), with the keys
    /// the merged keymap binds: a rebound key is hinted as it is.
    pub fn with_keys(&self, text: &str) -> String {
        // Drawn on every frame: most hints have no key to fill in.
        if !text.contains('{') {
            return text.to_string();
        }
        let mut out = text.to_string();
        for &action in Action::ALL {
            let token = format!("{{{}}}", action.name());
            if out.contains(&token) {
                out = out.replace(&token, &self.key_for(action));
            }
            for &mode in Mode::ALL {
                let token = format!("{{{}.{}}}", mode.name(), action.name());
                if out.contains(&token) {
                    out = out.replace(&token, &self.key_in(mode, action));
                }
            }
        }
        out
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// The scoring session, once the main stage is open.
    pub fn session(&self) -> Option<&Session> {
        self.main().map(|m| &m.session)
    }

    pub fn main(&self) -> Option<&MainStage> {
        match &self.stage {
            Stage::Main(main) => Some(main),
            _ => None,
        }
    }

    /// The popup over the main screen (none on the start screens).
    pub fn overlay(&self) -> &Overlay {
        self.main().map_or(&Overlay::None, |m| &m.overlay)
    }

    /// Why the draft in memory is ahead of the disk, if it is.
    pub fn unsaved(&self) -> Option<&str> {
        self.unsaved.as_deref()
    }

    /// The mode whose key table applies now: every state has one.
    pub fn mode(&self) -> Mode {
        match &self.stage {
            Stage::PickRubric(_) | Stage::PickDepartment { .. } => Mode::Picker,
            Stage::Scorer { .. } => Mode::Text,
            Stage::Main(main) => main.overlay.mode(),
        }
    }

    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        let reply = match event {
            Event::Resize(width, height) => {
                self.screen = Some((width, height));
                Reply::none()
            }
            Event::Key(_) | Event::Paste(_) | Event::Burst(_) => {
                let armed = std::mem::take(&mut self.quit_armed);
                let reply = self.input(event);
                return self.reply(reply, armed);
            }
            Event::RubricChoices { choices, preselect } => {
                self.stage = Stage::PickRubric(Picker::new(choices, preselect.as_deref()));
                Reply::none()
            }
            Event::RubricLoaded {
                source,
                rubric,
                preselect,
            } => {
                let chosen = Box::new(Chosen {
                    source,
                    rubric: *rubric,
                });
                self.stage = start::department_stage(chosen, preselect.as_deref(), self.strings());
                Reply::none()
            }
            Event::DepartmentChosen(department) => {
                start::choose_department(&mut self.stage, department, self.scorer.as_deref());
                Reply::none()
            }
            Event::DraftOpened {
                session,
                rubric_changed,
                selfcheck_problem,
            } => self.opened(*session, rubric_changed, selfcheck_problem),
            Event::Saved => match self.unsaved.take() {
                Some(_) => Reply::info(self.strings().saved_again),
                None => Reply::none(),
            },
            Event::SaveFailed { cause, error } => {
                // The cause first: a status line cut at the screen's edge
                // must still say why, before the (long) path.
                let text = format!("{} ({cause}): {error}", self.strings().save_failed);
                self.unsaved = Some(cause);
                Reply::error(text)
            }
            Event::PassphraseNeeded => match overlay::main_of(&mut self.stage) {
                Some(main) => {
                    main.overlay = Overlay::Passphrase(Default::default());
                    Reply::info(self.with_keys(self.strings().passphrase))
                }
                None => Reply::none(),
            },
            Event::Exported { path, revision, cells } => self.exported(&path, revision, cells),
            Event::ExportFailed(text) => {
                // Kept below once the notice is closed, its lines as they
                // are: a command stays whole on its own line, to be copied.
                if let Some(main) = overlay::main_of(&mut self.stage) {
                    main.overlay = Overlay::Notice {
                        text: text.clone(),
                        error: true,
                    };
                }
                Reply::error(text)
            }
            Event::Failed(text) => Reply::error(text),
        };
        self.reply(reply, false)
    }

    /// Carry out what a stage asked: the message, leaving (refused once while
    /// the draft is unsaved), and the effects for the runtime.
    fn reply(&mut self, reply: Reply, quit_armed: bool) -> Vec<Effect> {
        if reply.clear_message {
            self.message = None;
        }
        if let Some(mut m) = reply.message {
            // A stage names keys by their action ({overview}); the keymap says which.
            m.text = self.with_keys(&m.text);
            self.message = Some(m);
        }
        if reply.quit {
            match self.unsaved.clone() {
                Some(reason) if !quit_armed => {
                    self.quit_armed = true;
                    let s = self.strings();
                    let text = format!("{}{}{reason}", s.unsaved_quit, s.colon);
                    self.error(text);
                }
                _ => self.quit = true,
            }
        }
        reply.effects
    }

    fn opened(&mut self, session: Session, rubric_changed: bool, selfcheck_problem: Option<String>) -> Reply {
        self.scorer = Some(session.scorer.clone());
        let warn = rubric_changed && !session.draft.cells.is_empty();
        let s = self.strings();
        let claims = session.claims.as_ref().map(|c| {
            s.selfcheck
                .claims_loaded
                .replace("{districts}", &c.districts.len().to_string())
                .replace("{n}", &c.len().to_string())
        });
        self.stage = Stage::Main(Box::new(MainStage::new(session)));
        if warn {
            Reply::error(s.rubric_changed)
        } else if let Some(why) = selfcheck_problem {
            Reply::error(format!("{}{}{why}", s.selfcheck.claims_not_loaded, s.colon))
        } else if let Some(said) = claims {
            Reply::info(said)
        } else {
            Reply::none()
        }
    }

    fn exported(&mut self, path: &std::path::Path, revision: u64, cells: usize) -> Reply {
        let Some(main) = overlay::main_of(&mut self.stage) else {
            return Reply::none();
        };
        // The export signed the draft as it is (effects run before the next
        // key); saved with the draft.
        main.session.draft.signed_as(revision);
        let s = i18n::strings(self.lang);
        let text = format!(
            "{}{}{} ({} {revision}, {cells} {})",
            s.exported,
            s.colon,
            path.display(),
            s.revision,
            s.cells_count
        );
        // Shown whole, in place of any earlier error: a success never hides.
        main.overlay = Overlay::Notice {
            text: text.clone(),
            error: false,
        };
        Reply::info(text).and(Effect::SaveDraft)
    }

    /// The range a score typed into the current cell may take.
    pub fn current_range(&self) -> Option<(Option<Decimal>, Decimal)> {
        self.current_scoring_unit().map(|u| bounds::range(&u))
    }

    pub fn current_scoring_unit(&self) -> Option<ScoringUnit<'_>> {
        self.session()?.current_scoring_unit()
    }
}
