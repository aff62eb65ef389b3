//! The edge where the workbench meets the disk: it starts the app from the
//! command line and the remembered settings, and carries out the effects the
//! app asks for (load a rubric, lock and load a draft, save). Tests drive it
//! with key strings, exactly as a user would type.

use super::app::{App, Choice, Effect, Event, Overlay, Session};
use super::keymap::{Key, Keymap};
use super::text::TextField;
use crate::cli::{Lang, WorkbenchArgs};
use crate::commands::keys::PASSPHRASE_VAR;
use crate::config::{Dirs, Settings};
use crate::rubric::bundled::{self, bundled};
use crate::rubric::hash::rubric_hash;
use crate::scoring::draft::Draft;
use crate::scoring::store::{DraftLock, DraftStore, StoreError, write_atomic};
use crate::seal::export::export;
use crate::seal::keys;
use std::io;
use std::path::Path;

pub struct Workbench {
    pub app: App,
    pub dirs: Dirs,
    settings: Settings,
    /// False when the settings file could not be read: then it is never
    /// overwritten, so a hand-edited file with a typo is not lost.
    settings_writable: bool,
    store: DraftStore,
    lock: Option<DraftLock>,
    /// Why the last save failed; the draft in memory is ahead of the disk.
    unsaved: Option<String>,
    /// A quit was refused once because of unsaved changes: the next goes.
    quit_armed: bool,
}

impl Workbench {
    /// Start from the command line. An error here (an unknown rubric or
    /// department, a draft open in another kaohe) is for the terminal, before
    /// the screen is taken over.
    pub fn start(args: &WorkbenchArgs, dirs: Dirs, color: bool) -> Result<Workbench, String> {
        let (settings, settings_error) = match Settings::load(&dirs) {
            Ok(s) => (s, None),
            Err(e) => (Settings::default(), Some(e.to_string())),
        };
        let lang = args.lang.or(settings.lang).unwrap_or(Lang::Zh);
        let keymap_name = args
            .keymap
            .clone()
            .or(settings.keymap.clone())
            .unwrap_or_else(|| "default".into());
        let user_keymap = dirs.keymap_file();
        let (keymap, problems) = Keymap::load(&keymap_name, Some(&user_keymap));
        let app = App::new(lang, keymap, color);
        let store = DraftStore::new(&dirs.data);
        let mut wb = Workbench {
            app,
            dirs,
            settings_writable: settings_error.is_none(),
            settings,
            store,
            lock: None,
            unsaved: None,
            quit_armed: false,
        };
        // Prefilled on the scorer screen.
        wb.app.scorer = wb.settings.scorer.clone();
        if let Some(e) = settings_error {
            wb.app.error(e);
        }
        if !problems.is_empty() {
            let first = problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
            let text = format!("{}: {first}", wb.app.strings().keymap_problems);
            wb.app.error(text);
        }
        if args.keymap.is_some() || args.lang.is_some() {
            wb.settings.keymap = Some(keymap_name);
            wb.settings.lang = Some(lang);
        }

        let Some(query) = args.rubric.clone() else {
            wb.apply(Effect::PickRubric);
            return Ok(wb);
        };
        let rubric = bundled::find(&query).map_err(|e| e.to_string())?;
        if Path::new(&query).is_file() {
            wb.settings.remember_file(&query);
        }
        let Some(dept_query) = args.dept.as_deref() else {
            wb.app
                .rubric_loaded(query, rubric, wb.settings.department.clone().as_deref());
            return Ok(wb);
        };
        let department = rubric
            .find_department(dept_query)
            .map_err(|e| e.to_string())?
            .name
            .clone();
        wb.app.department = Some(department.clone());
        wb.app.scorer = args.scorer.clone().or(wb.settings.scorer.clone());
        wb.app.rubric_loaded(query, rubric, Some(&department));
        match wb.app.scorer.clone() {
            Some(_) => wb.open_draft()?,
            None => {
                wb.app.screen = super::app::Screen::Scorer(super::text::TextField::default());
            }
        }
        Ok(wb)
    }

    /// Feed one event and carry out what it asks for.
    ///
    /// While a save is failing, every event tries again, so the draft reaches
    /// the disk as soon as it can. Quitting with unsaved changes is refused
    /// once, with the reason; a second quit leaves anyway.
    pub fn handle(&mut self, event: Event) {
        self.retry_save();
        let armed = std::mem::take(&mut self.quit_armed);
        for effect in self.app.update(event) {
            self.apply(effect);
        }
        if self.app.quit
            && !armed
            && let Some(reason) = self.unsaved.clone()
        {
            self.app.quit = false;
            self.quit_armed = true;
            let text = format!("{}: {reason}", self.app.strings().unsaved_quit);
            self.app.error(text);
        }
    }

    /// The draft in memory has changes the disk does not.
    pub fn has_unsaved(&self) -> bool {
        self.unsaved.is_some()
    }

    /// Try again to write a draft whose last save failed: the event loop
    /// calls this while the analyst is idle, so a disk that comes back (space
    /// freed, a drive remounted writable) gets the changes without a keypress.
    pub fn retry_save(&mut self) {
        if self.unsaved.is_some() {
            self.save_draft();
        }
    }

    /// The draft as it is in memory, for a crash report: when the disk has
    /// refused the latest changes, this is the only copy of them.
    pub fn draft_in_memory(&self) -> Option<String> {
        let session = self.app.session.as_ref()?;
        serde_json::to_string_pretty(&session.draft).ok()
    }

    /// Type a key string such as `"/tzsb<ret>4.5<ret>"`: `<...>` is one named
    /// key (`<ret>`, `<esc>`, `<C-r>`, `<space>`), every other char is typed.
    pub fn feed(&mut self, keys: &str) -> Result<(), String> {
        for key in parse_keys(keys)? {
            self.handle(Event::Key(key));
        }
        Ok(())
    }

    fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::PickRubric => {
                let choices = self.rubric_choices();
                let preselect = self.settings.rubric.clone();
                self.app.pick_rubric(choices, preselect.as_deref());
            }
            Effect::LoadRubric(query) => match bundled::find(&query) {
                Ok(rubric) => {
                    if Path::new(&query).is_file() {
                        self.settings.remember_file(&query);
                    }
                    let preselect = self.settings.department.clone();
                    self.app.rubric_loaded(query, rubric, preselect.as_deref());
                }
                Err(e) => self.app.error(e.to_string()),
            },
            Effect::OpenDraft => {
                if let Err(e) = self.open_draft() {
                    self.app.error(e);
                }
            }
            Effect::SaveDraft => self.save_draft(),
            Effect::Export { passphrase } => self.export(passphrase),
        }
    }

    /// Where the workbench writes signed score files.
    pub fn exports_dir(&self) -> std::path::PathBuf {
        self.dirs.data.join("exports")
    }

    /// Sign the draft as its next revision. A key with a passphrase asks for
    /// it in a masked field (or takes KAOHE_PASSPHRASE); the draft, with its
    /// new revision, is saved straight after the file is written.
    fn export(&mut self, passphrase: Option<String>) {
        let Some(session) = self.app.session.as_ref() else {
            return;
        };
        let path = match keys::find_key(&self.dirs.data, &session.department, Some(&session.scorer)) {
            Ok(path) => path,
            Err(e) => return self.app.error(e.to_string()),
        };
        let passphrase = match keys::key_needs_passphrase(&path) {
            Err(e) => return self.app.error(e.to_string()),
            Ok(false) => None,
            Ok(true) => match passphrase.or_else(|| std::env::var(PASSPHRASE_VAR).ok()) {
                Some(p) => Some(p),
                None => {
                    self.app.overlay = Overlay::Passphrase(TextField::default());
                    let prompt = self.app.strings().passphrase;
                    return self.app.info(prompt);
                }
            },
        };
        let signer = match keys::load_signer(&path, passphrase.as_deref()) {
            Ok(signer) => signer,
            Err(e) => return self.app.error(e.to_string()),
        };
        let dir = self.exports_dir();
        let Some(session) = self.app.session.as_mut() else {
            return;
        };
        match export(&session.rubric, &mut session.draft, &signer, &dir) {
            Ok(done) => {
                self.save_draft();
                let s = self.app.strings();
                let text = format!(
                    "{}: {} ({} {}, {} {})",
                    s.exported,
                    done.path.display(),
                    s.revision,
                    done.revision,
                    done.cells,
                    s.cells_count
                );
                // A failed save has already put its error in the status line.
                if self.app.message.as_ref().is_none_or(|m| !m.error) {
                    self.app.info(text);
                }
            }
            Err(e) => self.app.error(e.to_string()),
        }
    }

    fn rubric_choices(&self) -> Vec<Choice> {
        let mut choices: Vec<Choice> = bundled()
            .iter()
            .filter_map(|b| {
                let r = crate::rubric::check(&b.file, b.text).into_result().ok()?;
                Some(Choice {
                    value: b.id.to_string(),
                    label: format!("{}  {}", b.id, r.title),
                    detail: format!("{} {}", r.items.len(), self.app.strings().items_count),
                    keywords: r.issuer.clone(),
                })
            })
            .collect();
        for path in &self.settings.recent_files {
            choices.push(Choice {
                value: path.clone(),
                label: path.clone(),
                detail: self.app.strings().recent.to_string(),
                keywords: String::new(),
            });
        }
        choices
    }

    /// Lock the department's draft (refusing a second kaohe on it), load it or
    /// start one, and open the main screen.
    fn open_draft(&mut self) -> Result<(), String> {
        let (Some((source, rubric)), Some(department), Some(scorer)) = (
            self.app.rubric.clone(),
            self.app.department.clone(),
            self.app.scorer.clone(),
        ) else {
            return Err("internal: a draft was opened before its rubric, department and scorer were chosen".into());
        };
        let lock = self
            .store
            .lock(&rubric.id, &department, &scorer)
            .map_err(|e| e.to_string())?;
        let hash = rubric_hash(&rubric);
        let mut draft = match self.store.load_locked(&lock).map_err(|e| e.to_string())? {
            Some(d) => d,
            None => Draft::new(&rubric.id, &hash, &department, &scorer),
        };
        let changed_rubric = draft.rubric_hash != hash;
        draft.rubric_hash = hash;
        draft.scorer = scorer.clone();
        self.lock = Some(lock);
        self.settings.rubric = Some(source.clone());
        self.settings.department = Some(department.clone());
        self.settings.scorer = Some(scorer.clone());
        let session = Session::new(rubric, source, department, scorer, draft);
        self.app.open(session);
        if changed_rubric && self.app.session.as_ref().is_some_and(|s| !s.draft.cells.is_empty()) {
            let text = match self.app.lang {
                Lang::Zh => "注意：评分细则自草稿保存后已更改，请核对已评分项",
                Lang::En => "note: the rubric changed since this draft was saved; check the scored items",
            };
            self.app.error(text);
        }
        self.save_settings();
        Ok(())
    }

    fn save_draft(&mut self) {
        let Some(session) = self.app.session.as_ref() else {
            return;
        };
        match self.store.save(&session.draft) {
            Ok(()) => {
                if self.unsaved.take().is_some() {
                    let text = self.app.strings().saved_again;
                    self.app.info(text);
                }
            }
            Err(e) => {
                // The cause first: a status line cut at the screen's edge
                // must still say why, before the (long) path.
                let cause = self.save_failure_cause(&e);
                let text = format!("{} ({cause}): {e}", self.app.strings().save_failed);
                self.unsaved = Some(cause);
                self.app.error(text);
            }
        }
    }

    fn save_failure_cause(&self, e: &StoreError) -> String {
        let s = self.app.strings();
        match e {
            StoreError::Io { source, .. } => match source.kind() {
                io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => s.disk_full.to_string(),
                io::ErrorKind::ReadOnlyFilesystem => s.disk_read_only.to_string(),
                io::ErrorKind::PermissionDenied => s.no_permission.to_string(),
                kind => kind.to_string(),
            },
            other => other.to_string(),
        }
    }

    fn save_settings(&mut self) {
        if self.settings_writable
            && let Err(e) = self.settings.save(&self.dirs)
        {
            self.app.error(e.to_string());
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
        let reason = self.unsaved.clone()?;
        let json = self.draft_in_memory()?;
        let session = self.app.session.as_ref()?;
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
pub fn parse_keys(keys: &str) -> Result<Vec<Key>, String> {
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
