//! Keymaps: TOML files, one table per mode, merged over the embedded
//! defaults; every problem names the file, the line and a fix. Keys
//! themselves are `key.rs`'s.

use super::action::{Action, Mode};
use super::key::{KEY_FORMS, show};
pub use super::key::{Key, key_label};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use toml::Spanned;

const DEFAULT_TOML: &str = include_str!("../../keymaps/default.toml");
const VIM_TOML: &str = include_str!("../../keymaps/vim.toml");

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Action(Action),
    /// The keys so far begin a longer binding.
    Pending,
    Unbound,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapProblem {
    pub file: String,
    pub line: Option<usize>,
    pub error: KeymapError,
}

/// What is wrong with a key string or a keymap file. The English wording is
/// here; `i18n::keymap_error` says it in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    #[error("empty key; write {KEY_FORMS}")]
    EmptyKey,
    #[error("{0:?} is a blank character, not a key; write {KEY_FORMS}")]
    BlankCharacter(String),
    #[error("\"{0}\" is not a key; write {KEY_FORMS}")]
    NotAKey(String),
    #[error("\"{0}\": bind one key or a sequence of up to three, separated by spaces")]
    SequenceLength(String),
    #[error("no such keymap ({reason}); use default, vim or the path of a keymap file")]
    NoSuchKeymap { kind: std::io::ErrorKind, reason: String },
    #[error("cannot read it: {reason}")]
    Unreadable { kind: std::io::ErrorKind, reason: String },
    /// The TOML parser's own words, which have no Chinese.
    #[error("{0}")]
    Toml(String),
    #[error(
        "unknown table [{0}]; use [normal], [search], [picker], [entry], [note], [text], [grid], [help], [confirm], [notice] or [review]"
    )]
    UnknownTable(String),
    #[error("\"{key}\" is the same key as \"{previous}\" ({shown}), bound twice in [{mode}]; keep one")]
    BoundTwice {
        key: String,
        previous: String,
        shown: String,
        mode: &'static str,
    },
    #[error("\"{0}\" starts typing a score in [normal] (digits, '.', '-', '='); bind another key")]
    TypesScore(String),
    #[error("\"{key}\" is typed as text in [{mode}]; bind a named key (esc, tab, up...) or one with C- or A-")]
    TypesQuery { key: String, mode: &'static str },
    #[error("unknown action \"{name}\"; did you mean \"{closest}\"? (\"none\" unbinds the key)")]
    UnknownAction { name: String, closest: &'static str },
    #[error("in [{mode}], \"{prefix}\" ({action}) is also the start of \"{sequence}\"; unbind one of them")]
    PrefixConflict {
        mode: &'static str,
        prefix: String,
        action: String,
        sequence: String,
    },
}

impl fmt::Display for KeymapProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.file, self.error),
            None => write!(f, "{}: {}", self.file, self.error),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    modes: BTreeMap<Mode, BTreeMap<Vec<Key>, Action>>,
}

type KeymapFile = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<String>>>;

/// A binding's key string: one key or a sequence of up to three, separated by spaces.
fn key_sequence(text: &str) -> Result<Vec<Key>, KeymapError> {
    let seq: Vec<Key> = text.split_whitespace().map(Key::parse).collect::<Result<_, _>>()?;
    if seq.is_empty() || seq.len() > 3 {
        return Err(KeymapError::SequenceLength(text.to_string()));
    }
    Ok(seq)
}

impl Keymap {
    pub fn builtin(name: &str) -> Option<Keymap> {
        let default = Keymap::default()
            .merge_text("keymaps/default.toml", DEFAULT_TOML)
            .ok()?;
        match name {
            "default" => Some(default),
            "vim" => default.merge_text("keymaps/vim.toml", VIM_TOML).ok(),
            _ => None,
        }
    }

    pub fn load(name_or_path: &str, user_file: Option<&Path>) -> (Keymap, Vec<KeymapProblem>) {
        let mut problems = Vec::new();
        let default = Keymap::builtin("default").unwrap_or_default();
        let mut keymap = match Keymap::builtin(name_or_path) {
            Some(k) => k,
            None => match std::fs::read_to_string(name_or_path) {
                Ok(text) => match default.merge_text(name_or_path, &text) {
                    Ok(k) => k,
                    Err(p) => {
                        problems.extend(p);
                        default.clone()
                    }
                },
                Err(e) => {
                    problems.push(KeymapProblem {
                        file: name_or_path.to_string(),
                        line: None,
                        error: KeymapError::NoSuchKeymap {
                            kind: e.kind(),
                            reason: e.to_string(),
                        },
                    });
                    default.clone()
                }
            },
        };
        if let Some(path) = user_file
            && path.is_file()
        {
            let file = path.display().to_string();
            match std::fs::read_to_string(path) {
                Ok(text) => match keymap.merge_text(&file, &text) {
                    Ok(k) => keymap = k,
                    Err(p) => {
                        // A broken override is ignored whole: half of it could leave a key nobody expects.
                        problems.extend(p);
                        keymap = default;
                    }
                },
                Err(e) => problems.push(KeymapProblem {
                    file,
                    line: None,
                    error: KeymapError::Unreadable {
                        kind: e.kind(),
                        reason: e.to_string(),
                    },
                }),
            }
        }
        (keymap, problems)
    }

    pub fn merge_text(&self, file: &str, text: &str) -> Result<Keymap, Vec<KeymapProblem>> {
        let problem = |line: Option<usize>, error: KeymapError| KeymapProblem {
            file: file.to_string(),
            line,
            error,
        };
        let lines = crate::line_index::LineIndex::new(text);
        let line = |span: std::ops::Range<usize>| Some(lines.line(span.start));
        let parsed: KeymapFile = toml::from_str(text).map_err(|e| {
            vec![problem(
                e.span().and_then(&line),
                KeymapError::Toml(e.message().trim().to_string()),
            )]
        })?;
        let mut merged = self.clone();
        let mut problems = Vec::new();
        for (table, entries) in parsed {
            let Some(mode) = Mode::from_name(table.get_ref()) else {
                problems.push(problem(
                    line(table.span()),
                    KeymapError::UnknownTable(table.get_ref().clone()),
                ));
                continue;
            };
            let mut seen: BTreeMap<Vec<Key>, String> = BTreeMap::new();
            for (key_text, action_text) in entries {
                let at = line(key_text.span());
                let seq = match key_sequence(key_text.get_ref()) {
                    Ok(seq) => seq,
                    Err(e) => {
                        problems.push(problem(at, e));
                        continue;
                    }
                };
                if let Some(previous) = seen.insert(seq.clone(), key_text.get_ref().clone()) {
                    problems.push(problem(
                        at,
                        KeymapError::BoundTwice {
                            key: key_text.get_ref().clone(),
                            previous,
                            shown: show(&seq),
                            mode: mode.name(),
                        },
                    ));
                    continue;
                }
                if let Some(why) = reserved(mode, &seq) {
                    problems.push(problem(at, why));
                    continue;
                }
                let bindings = merged.modes.entry(mode).or_default();
                let name = action_text.get_ref().trim();
                if name == "none" {
                    bindings.remove(&seq);
                    continue;
                }
                match Action::from_name(name) {
                    Some(action) => {
                        bindings.insert(seq, action);
                    }
                    None => {
                        let closest = Action::ALL
                            .iter()
                            .min_by_key(|a| strsim::levenshtein(a.name(), name))
                            .map(|a| a.name())
                            .unwrap_or("quit");
                        problems.push(problem(
                            line(action_text.span()),
                            KeymapError::UnknownAction {
                                name: name.to_string(),
                                closest,
                            },
                        ));
                    }
                }
            }
        }
        problems.extend(merged.prefix_conflicts().into_iter().map(|m| problem(None, m)));
        if problems.is_empty() { Ok(merged) } else { Err(problems) }
    }

    /// A key bound alone that also starts a longer sequence: the sequence
    /// could never be typed.
    fn prefix_conflicts(&self) -> Vec<KeymapError> {
        let mut out = Vec::new();
        for (mode, bindings) in &self.modes {
            for seq in bindings.keys().filter(|s| s.len() > 1) {
                for n in 1..seq.len() {
                    if let Some(action) = bindings.get(&seq[..n]) {
                        out.push(KeymapError::PrefixConflict {
                            mode: mode.name(),
                            prefix: show(&seq[..n]),
                            action: action.to_string(),
                            sequence: show(seq),
                        });
                    }
                }
            }
        }
        out
    }

    pub fn lookup(&self, mode: Mode, keys: &[Key]) -> Lookup {
        let Some(bindings) = self.modes.get(&mode) else {
            return Lookup::Unbound;
        };
        if let Some(action) = bindings.get(keys) {
            return Lookup::Action(*action);
        }
        if bindings
            .keys()
            .any(|seq| seq.len() > keys.len() && seq.starts_with(keys))
        {
            return Lookup::Pending;
        }
        Lookup::Unbound
    }

    /// Single keys first, plain before Ctrl before Alt, named before
    /// characters, lower case before upper, then sequences: the first is the
    /// one the status line shows.
    pub fn keys_for(&self, mode: Mode, action: Action) -> Vec<String> {
        let mut keys: Vec<([usize; 5], String)> = self
            .modes
            .get(&mode)
            .into_iter()
            .flatten()
            .filter(|(_, a)| **a == action)
            .map(|(seq, _)| {
                // Named keys before letters, so that one hint reads alike
                // (上键 下键 左键 右键, not k 下键 h l where vim adds letters).
                let order = [
                    seq.len(),
                    seq.iter().filter(|k| k.ctrl || k.alt).count(),
                    seq.iter().filter(|k| k.alt).count(),
                    seq.iter().filter(|k| k.char().is_some()).count(),
                    seq.iter().filter(|k| k.char().is_some_and(char::is_uppercase)).count(),
                ];
                (order, show(seq))
            })
            .collect();
        keys.sort();
        keys.into_iter().map(|(_, k)| k).collect()
    }

    /// Every binding of a mode, by action in the order actions are declared,
    /// keys in the order of [`Keymap::keys_for`].
    pub fn bindings(&self, mode: Mode) -> Vec<(String, Action)> {
        Action::ALL
            .iter()
            .flat_map(|&action| self.keys_for(mode, action).into_iter().map(move |k| (k, action)))
            .collect()
    }
}

/// Keys that type text where they are pressed cannot be bound there.
fn reserved(mode: Mode, seq: &[Key]) -> Option<KeymapError> {
    match mode {
        Mode::Normal => {
            let first = seq.first()?;
            let c = first.char().filter(|_| first.is_printable())?;
            (c.is_ascii_digit() || matches!(c, '.' | '-' | '=')).then(|| KeymapError::TypesScore(first.to_string()))
        }
        _ if mode.takes_text() => seq.iter().find(|k| k.is_printable()).map(|k| KeymapError::TypesQuery {
            key: k.to_string(),
            mode: mode.name(),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_keymaps_parse_cleanly() {
        Keymap::default()
            .merge_text("keymaps/default.toml", DEFAULT_TOML)
            .expect("default.toml");
        let default = Keymap::builtin("default").expect("default");
        default.merge_text("keymaps/vim.toml", VIM_TOML).expect("vim.toml");
    }
}
