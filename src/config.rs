//! Where kaohe keeps its files, and the choices it remembers between runs
//! (rubric, department, scorer, keymap, language, recent rubric files).

use crate::io::atomic::write_atomic;
use crate::lang::Lang;
use serde::{Deserialize, Serialize};
use std::ffi::OsStr;
use std::io;
use std::path::{Path, PathBuf};

/// How many recently used rubric files are remembered.
pub const MAX_RECENT_FILES: usize = 8;

pub const CONFIG_DIR_VAR: &str = "KAOHE_CONFIG_DIR";
pub const DATA_DIR_VAR: &str = "KAOHE_DATA_DIR";

/// The config dir holds what the user chose (settings, keymap, the office's
/// trust file); the data dir holds their work (drafts, keys, exports). They
/// differ on most platforms, and a user may back up or sync one and not the
/// other. Where each thing lives is said here, once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dirs {
    pub config: PathBuf,
    pub data: PathBuf,
}

impl Dirs {
    /// KAOHE_CONFIG_DIR / KAOHE_DATA_DIR when set (non-empty), else directories::ProjectDirs::from("", "", "kaohe").
    pub fn from_env() -> Result<Dirs, ConfigError> {
        let config = std::env::var_os(CONFIG_DIR_VAR);
        let data = std::env::var_os(DATA_DIR_VAR);
        Dirs::from_overrides(config.as_deref(), data.as_deref())
    }

    /// [`Dirs::from_env`] with the variables' values passed in, so the rule can
    /// be tested without touching the process environment. An empty value
    /// counts as unset, because `KAOHE_DATA_DIR= kaohe` usually means "unset it".
    pub fn from_overrides(config: Option<&OsStr>, data: Option<&OsStr>) -> Result<Dirs, ConfigError> {
        let given = |value: Option<&OsStr>| value.filter(|v| !v.is_empty()).map(absolute);
        let (config, data) = match (given(config), given(data)) {
            (Some(config), Some(data)) => (config, data),
            (config, data) => {
                let project = directories::ProjectDirs::from("", "", "kaohe").ok_or(ConfigError::NoHome)?;
                (
                    config.unwrap_or_else(|| project.config_dir().to_path_buf()),
                    data.unwrap_or_else(|| project.data_dir().to_path_buf()),
                )
            }
        };
        Ok(Dirs { config, data })
    }

    /// Explicit directories (tests, or a caller that already knows them).
    pub fn at(config: impl Into<PathBuf>, data: impl Into<PathBuf>) -> Dirs {
        Dirs {
            config: config.into(),
            data: data.into(),
        }
    }

    /// The user's override keymap.
    pub fn keymap_file(&self) -> PathBuf {
        self.config.join("keymap.toml")
    }

    pub fn settings_file(&self) -> PathBuf {
        self.config.join("settings.toml")
    }

    /// The department's own phrases for a 评分依据, one a line, offered in
    /// the note editor beside the reasons already written.
    pub fn phrases_file(&self) -> PathBuf {
        self.config.join("phrases.txt")
    }

    /// The office's trust file, where no `--trust` names another.
    pub fn trust_file(&self) -> PathBuf {
        self.config.join("trust.toml")
    }

    /// The department's drafts and their audit logs.
    pub fn drafts(&self) -> crate::io::drafts::DraftStore {
        crate::io::drafts::DraftStore::new(&self.data)
    }

    /// Where the workbench writes signed exports.
    pub fn exports(&self) -> PathBuf {
        self.data.join("exports")
    }

    /// Where a crash leaves its report (the owner's only).
    pub fn crash_reports(&self) -> PathBuf {
        self.data.join("crash-reports")
    }
}

/// A relative override is resolved now, so a later change of working
/// directory cannot move kaohe's files.
fn absolute(value: &OsStr) -> PathBuf {
    let path = Path::new(value);
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The choices remembered between runs. Every field is optional so that a
/// settings file written by hand (or by an older kaohe) with fields left out
/// still loads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// A bundled rubric id or a rubric file's path.
    pub rubric: Option<String>,
    pub department: Option<String>,
    pub scorer: Option<String>,
    /// `default`, `vim`, or a keymap file's path.
    pub keymap: Option<String>,
    pub lang: Option<Lang>,
    /// Whether the terminal draws ambiguous-width glyphs (“ … →) two
    /// columns wide; unset, kaohe asks the terminal at start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ambiguous_wide: Option<bool>,
    /// Rubric files, most recent first.
    #[serde(default)]
    pub recent_files: Vec<String>,
}

const SETTINGS_HEADER: &str = "# kaohe settings, rewritten by kaohe whenever a choice changes.\n\n";

impl Settings {
    /// Missing file: defaults. A file that does not parse: Err naming file, line and problem (never silently replaced).
    pub fn load(dirs: &Dirs) -> Result<Settings, ConfigError> {
        let path = dirs.settings_file();
        Ok(read_settings(&path)?.unwrap_or_default())
    }

    /// Atomic, creates the dir. Refuses to replace a settings file that does
    /// not parse: it may hold hand edits the user wants to fix, not lose.
    pub fn save(&self, dirs: &Dirs) -> Result<(), ConfigError> {
        let path = dirs.settings_file();
        read_settings(&path)?;
        let body = toml::to_string(self).map_err(|e| ConfigError::Encode {
            path: path.clone(),
            message: e.to_string(),
        })?;
        let text = format!("{SETTINGS_HEADER}{body}");
        write_atomic(&path, text.as_bytes()).map_err(|source| ConfigError::Io {
            path,
            action: "save",
            source,
        })
    }

    /// The rubric chosen, as the picker finds it again at the next start:
    /// a bundled rubric by its full id (not the prefix typed, which a new
    /// rubric could make ambiguous), a file by its absolute path.
    pub fn remember_rubric(&mut self, source: &str, id: &str) {
        let path = std::path::Path::new(source);
        self.rubric = Some(if path.is_file() {
            std::path::absolute(path)
                .ok()
                .and_then(|p| p.to_str().map(str::to_string))
                .unwrap_or_else(|| source.to_string())
        } else {
            id.to_string()
        });
    }

    /// Most recent first, no duplicates (compare canonicalized paths when possible), at most 8.
    ///
    /// The path is stored absolute, so it still opens when kaohe is next
    /// started from another directory.
    pub fn remember_file(&mut self, path: &str) {
        if path.is_empty() {
            return;
        }
        let key = same_file_key(path);
        self.recent_files.retain(|old| same_file_key(old) != key);
        let stored = std::path::absolute(path)
            .ok()
            .and_then(|p| p.to_str().map(str::to_string))
            .unwrap_or_else(|| path.to_string());
        self.recent_files.insert(0, stored);
        self.recent_files.truncate(MAX_RECENT_FILES);
    }
}

/// Two spellings of one existing file compare equal; a file that is gone
/// (or unreadable) can only be compared by its absolute spelling.
fn same_file_key(path: &str) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| PathBuf::from(path))
}

/// `None` when there is no settings file yet.
fn read_settings(path: &Path) -> Result<Option<Settings>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(ConfigError::Io {
                path: path.to_path_buf(),
                action: "read",
                source,
            });
        }
    };
    toml::from_str(&text).map(Some).map_err(|e| ConfigError::Parse {
        path: path.to_path_buf(),
        line: e
            .span()
            .map(|span| crate::line_index::LineIndex::new(&text).line(span.start)),
        message: e.message().trim().to_string(),
    })
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "cannot find your home directory, where kaohe keeps its settings and drafts; \
         set {CONFIG_DIR_VAR} and {DATA_DIR_VAR} to directories kaohe may use"
    )]
    NoHome,
    #[error(
        "{}: {message}; the file has been left untouched: fix it, or delete it to start again from default settings",
        at_line(path, *line)
    )]
    Parse {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
    #[error("cannot {action} {}: {source}; check its permissions (and the free disk space)", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("cannot write the settings to {}: {message}", path.display())]
    Encode { path: PathBuf, message: String },
}

fn at_line(path: &Path, line: Option<usize>) -> String {
    match line {
        Some(line) => format!("{}:{line}", path.display()),
        None => path.display().to_string(),
    }
}
