//! The edge where the workbench meets the disk: it starts the app from the
//! command line and the remembered settings, carries out the effects the app
//! asks for (load a rubric, lock and load a draft, save, export), and feeds
//! their results back to the app as events. Tests drive it with key strings,
//! exactly as a user would type.

use super::app::{App, Effect, Event};
use super::keymap::{Key, Keymap};
use super::stages::Choice;
use crate::config::{Dirs, Settings};
use crate::department;
use crate::io::atomic::write_atomic;
use crate::io::drafts::{DraftLock, DraftStore, StoreError};
use crate::io::rubric_files;
use crate::lang::Lang;
use crate::rubric::Rubric;
use crate::rubric::bundled::bundled;
use crate::rubric::hash::rubric_hash;
use crate::scoring::draft::Draft;
use crate::scoring::session::Session;
use crate::seal::keys::PASSPHRASE_VAR;
use crate::seal::keys::Passphrase;
use crate::tui::i18n;
use std::io;
use std::path::Path;

/// What the start screens would ask, given beforehand (`--rubric`, `--dept`,
/// `--scorer`, `--keymap`, `--lang` on the command line): each one given is
/// preselected, and the screens it answers are passed over.
#[derive(Debug, Clone, Default)]
pub struct StartArgs {
    /// A bundled rubric's id (or its unambiguous start) or a rubric file's path.
    pub rubric: Option<String>,
    /// The department: its name, an alias, or a fragment.
    pub dept: Option<String>,
    pub scorer: Option<String>,
    /// `default`, `vim`, or a keymap file's path.
    pub keymap: Option<String>,
    pub lang: Option<Lang>,
}

pub struct Workbench {
    pub app: App,
    pub dirs: Dirs,
    settings: Settings,
    /// False when the settings file could not be read: then it is never
    /// overwritten, so a hand-edited file with a typo is not lost.
    settings_writable: bool,
    store: DraftStore,
    lock: Option<DraftLock>,
}

impl Workbench {
    /// Start from the command line. An error here (an unknown rubric or
    /// department, a draft open in another kaohe) is for the terminal, before
    /// the screen is taken over.
    pub fn start(args: &StartArgs, dirs: Dirs, color: bool) -> Result<Workbench, String> {
        let (settings, settings_error) = match Settings::load(&dirs) {
            Ok(s) => (s, None),
            Err(e) => (Settings::default(), Some(e)),
        };
        let lang = crate::lang::chosen(args.lang, settings.lang);
        let keymap_name = args
            .keymap
            .clone()
            .or(settings.keymap.clone())
            .unwrap_or_else(|| "default".into());
        let (keymap, problems) = Keymap::load(&keymap_name, Some(&dirs.keymap_file()));
        let scorer = args.scorer.clone().or(settings.scorer.clone());
        let mut wb = Workbench {
            app: App::new(lang, keymap, color, scorer.clone()),
            store: dirs.drafts(),
            dirs,
            settings_writable: settings_error.is_none(),
            settings,
            lock: None,
        };
        if let Some(e) = settings_error {
            wb.dispatch(Event::Failed(i18n::config_error(lang, &e)));
        }
        if !problems.is_empty() {
            let separator = if lang == Lang::Zh { "；" } else { "; " };
            let first = problems
                .iter()
                .map(|p| i18n::keymap_problem(lang, p))
                .collect::<Vec<_>>()
                .join(separator);
            let s = wb.app.strings();
            let text = format!("{}{}{first}", s.keymap_problems, s.colon);
            wb.dispatch(Event::Failed(text));
        }
        if args.keymap.is_some() || args.lang.is_some() {
            wb.settings.keymap = Some(keymap_name);
            wb.settings.lang = Some(lang);
        }

        let Some(source) = args.rubric.clone() else {
            wb.apply(Effect::PickRubric);
            return Ok(wb);
        };
        let rubric = rubric_files::find(&source).map_err(|e| i18n::find_error(lang, &e))?;
        if Path::new(&source).is_file() {
            wb.settings.remember_file(&source);
        }
        let Some(dept_query) = args.dept.as_deref() else {
            let preselect = wb.settings.department.clone();
            wb.rubric_loaded(source, rubric, preselect);
            return Ok(wb);
        };
        let department = rubric
            .find_department(dept_query)
            .map_err(|e| i18n::department_error(lang, &e))?
            .name
            .clone();
        wb.rubric_loaded(source.clone(), rubric.clone(), Some(department.clone()));
        wb.dispatch(Event::DepartmentChosen(department.clone()));
        if let Some(scorer) = scorer {
            let opened = wb.open_draft(source, rubric, department, scorer)?;
            wb.dispatch(opened);
            wb.save_settings();
        }
        Ok(wb)
    }

    /// Feed one event and carry out what it asks for.
    ///
    /// While a save is failing, every event tries again, so the draft reaches
    /// the disk as soon as it can.
    pub fn handle(&mut self, event: Event) {
        self.retry_save();
        self.dispatch(event);
    }

    /// The app's update, then its effects, whose results are events again.
    fn dispatch(&mut self, event: Event) {
        for effect in self.app.update(event) {
            self.apply(effect);
        }
    }

    /// The draft in memory has changes the disk does not.
    pub fn has_unsaved(&self) -> bool {
        self.app.unsaved().is_some()
    }

    /// Try again to write a draft whose last save failed: the event loop
    /// calls this while the analyst is idle, so a disk that comes back (space
    /// freed, a drive remounted writable) gets the changes without a keypress.
    pub fn retry_save(&mut self) {
        if self.has_unsaved() {
            self.save_draft();
        }
    }

    /// The draft as it is in memory, for a crash report: when the disk has
    /// refused the latest changes, this is the only copy of them.
    pub fn draft_in_memory(&self) -> Option<String> {
        serde_json::to_string_pretty(&self.app.session()?.draft).ok()
    }

    /// Type a key string such as `"/tzsb<ret>4.5<ret>"`: `<...>` is one named
    /// key (`<ret>`, `<esc>`, `<C-r>`, `<space>`), every other char is typed.
    pub fn feed(&mut self, keys: &str) -> Result<(), crate::tui::keymap::KeymapError> {
        for key in parse_keys(keys)? {
            self.handle(Event::Key(key));
        }
        Ok(())
    }

    /// Keys that arrive together, as a terminal types out a paste: the
    /// same key string as [`Workbench::feed`], delivered as one burst.
    pub fn feed_burst(&mut self, keys: &str) -> Result<(), crate::tui::keymap::KeymapError> {
        self.handle(Event::Burst(parse_keys(keys)?));
        Ok(())
    }

    fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::PickRubric => {
                let choices = self.rubric_choices();
                let preselect = self.settings.rubric.clone();
                self.dispatch(Event::RubricChoices { choices, preselect });
            }
            Effect::LoadRubric(source) => match rubric_files::find(&source) {
                Ok(rubric) => {
                    if Path::new(&source).is_file() {
                        self.settings.remember_file(&source);
                    }
                    let preselect = self.settings.department.clone();
                    self.rubric_loaded(source, rubric, preselect);
                }
                Err(e) => self.dispatch(Event::Failed(i18n::find_error(self.app.lang, &e))),
            },
            Effect::OpenDraft {
                source,
                rubric,
                department,
                scorer,
            } => match self.open_draft(source, *rubric, department, scorer) {
                Ok(opened) => {
                    self.dispatch(opened);
                    self.save_settings();
                }
                Err(e) => self.dispatch(Event::Failed(e)),
            },
            Effect::SaveDraft => self.save_draft(),
            Effect::Export { passphrase } => {
                // Export is a key of the main screen: there is a session.
                if let Some(session) = self.app.session() {
                    let result = self.export(session, passphrase);
                    self.dispatch(result);
                }
            }
        }
    }

    fn rubric_loaded(&mut self, source: String, rubric: Rubric, preselect: Option<String>) {
        self.dispatch(Event::RubricLoaded {
            source,
            rubric: Box::new(rubric),
            preselect,
        });
    }

    /// Where the workbench writes signed score files.
    pub fn exports_dir(&self) -> std::path::PathBuf {
        self.dirs.exports()
    }

    /// Sign the draft as its next revision. A key with a passphrase asks for
    /// it in a masked field (or takes KAOHE_PASSPHRASE); the app saves the
    /// draft, with its new revision, once it hears the file was written.
    fn export(&self, session: &Session, passphrase: Option<Passphrase>) -> Event {
        let lang = self.app.lang;
        let export_key = self.app.key_for(crate::tui::action::Action::Export);
        let failed =
            |e: &crate::seal::keys::KeyError| Event::ExportFailed(i18n::key_error(lang, e, session, &export_key));
        let passphrase = passphrase.or_else(|| std::env::var(PASSPHRASE_VAR).ok().map(Passphrase::new));
        let signer = match department::open_key(
            &self.dirs,
            &session.department,
            Some(&session.scorer),
            passphrase.as_ref(),
        ) {
            Ok(department::Key::Open(signer)) => signer,
            Ok(department::Key::NeedsPassphrase(_)) => return Event::PassphraseNeeded,
            Err(e) => return failed(&e),
        };
        let mut draft = session.draft.clone();
        match department::export(&session.rubric, &mut draft, &signer, &self.exports_dir()) {
            Ok(done) => Event::Exported {
                path: done.path,
                revision: done.revision,
                cells: done.cells,
            },
            Err(e) => Event::ExportFailed(i18n::export_error(lang, &e)),
        }
    }

    /// Whether the settings force the terminal's ambiguous widths.
    pub fn ambiguous_wide(&self) -> Option<bool> {
        self.settings.ambiguous_wide
    }

    fn rubric_choices(&self) -> Vec<Choice> {
        let mut choices: Vec<Choice> = bundled()
            .iter()
            .filter_map(|b| {
                let r = crate::rubric::check(&b.file, b.text).into_result().ok()?;
                Some(Choice {
                    value: b.id.to_string(),
                    label: format!("{}  {}", b.id, r.title),
                    detail: crate::tui::i18n::count(self.app.lang, r.items.len(), self.app.strings().items_count),
                    keywords: r.issuer.clone(),
                    refused: None,
                })
            })
            .collect();
        for path in &self.settings.recent_files {
            choices.push(Choice {
                value: path.clone(),
                label: path.clone(),
                detail: self.app.strings().recent.to_string(),
                keywords: String::new(),
                refused: None,
            });
        }
        choices
    }

    /// Lock the department's draft (refusing a second kaohe on it), load it or
    /// start one: the session the main screen opens on.
    fn open_draft(
        &mut self,
        source: String,
        rubric: Rubric,
        department: String,
        scorer: String,
    ) -> Result<Event, String> {
        let lang = self.app.lang;
        let lock = self
            .store
            .lock(&rubric.id, &department, &scorer)
            .map_err(|e| i18n::store_error(lang, &e))?;
        let hash = rubric_hash(&rubric);
        let mut draft = match self.store.load_locked(&lock).map_err(|e| i18n::store_error(lang, &e))? {
            Some(d) => d,
            None => Draft::new(&rubric.id, &hash, &department, &scorer),
        };
        let rubric_changed = draft.rubric_hash != hash;
        draft.rubric_hash = hash;
        draft.scorer = scorer.clone();
        self.lock = Some(lock);
        self.settings.remember_rubric(&source, &rubric.id);
        self.settings.department = Some(department.clone());
        self.settings.scorer = Some(scorer.clone());
        let file = crate::io::selfchecks::path(&self.dirs.data, &rubric.id);
        // A set that cannot be used is said, and the workbench opens without it.
        let (claims, selfcheck_problem) = match crate::io::selfchecks::load(&file, &rubric, lang) {
            Ok(claims) => (claims, None),
            Err(why) => (None, Some(why)),
        };
        let mut session = Session::new(rubric, source, department, scorer, draft);
        session.claims = claims;
        session.phrases = crate::io::phrases::load(&self.dirs.phrases_file());
        Ok(Event::DraftOpened {
            session: Box::new(session),
            rubric_changed,
            selfcheck_problem,
        })
    }

    fn save_draft(&mut self) {
        let Some(session) = self.app.session() else {
            return;
        };
        let event = match self.store.save(&session.draft) {
            Ok(()) => Event::Saved,
            Err(e) => Event::SaveFailed {
                cause: self.save_failure_cause(&e),
                error: i18n::store_error(self.app.lang, &e),
            },
        };
        self.dispatch(event);
    }

    fn save_failure_cause(&self, e: &StoreError) -> String {
        let s = self.app.strings();
        match e {
            StoreError::Io { source, .. } => match source.kind() {
                io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => s.disk_full.to_string(),
                io::ErrorKind::ReadOnlyFilesystem => s.disk_read_only.to_string(),
                io::ErrorKind::PermissionDenied => s.no_permission.to_string(),
                kind if self.app.lang == Lang::Zh => i18n::io_reason_zh(kind).to_string(),
                kind => kind.to_string(),
            },
            other => i18n::store_error(self.app.lang, other),
        }
    }

    fn save_settings(&mut self) {
        if self.settings_writable
            && let Err(e) = self.settings.save(&self.dirs)
        {
            self.dispatch(Event::Failed(i18n::config_error(self.app.lang, &e)));
        }
    }

    /// Leaving: save where the analyst was, so that the next start resumes there.
    ///
    /// If the draft still cannot be written (the analyst chose to quit
    /// anyway), its changes are not dropped: they go to a rescue file in the
    /// temp dir or the config dir, or failing both, into the returned text
    /// itself. The text is for stderr, after the screen is given back.
    pub fn finish(&mut self) -> Option<String> {
        self.save_draft();
        self.lock = None;
        let reason = self.app.unsaved()?.to_string();
        let json = self.draft_in_memory()?;
        let session = self.app.session()?;
        let draft_path = self.store.path(&session.draft.rubric, &session.draft.department);
        let name = format!(
            "kaohe-unsaved-{}-{}.json",
            draft_path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default(),
            std::process::id()
        );
        for dir in [std::env::temp_dir(), self.dirs.config.clone()] {
            let rescue = dir.join(&name);
            if write_atomic(&rescue, json.as_bytes()).is_ok() {
                return Some(format!(
                    "kaohe: the draft could not be saved ({reason}).\n\
                     Its latest changes are in {}: when the data dir can be written again, copy that file over {}.",
                    rescue.display(),
                    draft_path.display()
                ));
            }
        }
        Some(format!(
            "kaohe: the draft could not be saved ({reason}), nor a rescue copy anywhere.\n\
             Its latest changes follow; save them as {}:\n{json}",
            draft_path.display()
        ))
    }
}

/// `"/tzsb<ret>4.5<ret>"` as keys.
pub fn parse_keys(keys: &str) -> Result<Vec<Key>, crate::tui::keymap::KeymapError> {
    let mut out = Vec::new();
    let mut chars = keys.chars();
    while let Some(c) = chars.next() {
        if c == '<' {
            let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
            out.push(Key::parse(&name)?);
        } else if c == ' ' {
            out.push(Key::parse("space")?);
        } else {
            out.push(Key::parse(&c.to_string())?);
        }
    }
    Ok(out)
}
