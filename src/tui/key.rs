//! One key: its string forms (helix-style `C-s`, `<C-s>`, `A-x`, `S-tab`,
//! `esc`, `ret`, `space`, printed back in one canonical form), the key a
//! terminal event is, and the keycap word the screen shows for it.

use super::keymap::KeymapError;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

/// The named keys, canonical name first, then accepted spellings.
const NAMED: &[&[&str]] = &[
    &["ret", "enter", "return", "cr"],
    &["esc", "escape"],
    &["tab"],
    &["backspace", "bs"],
    &["del", "delete"],
    &["ins", "insert"],
    &["up"],
    &["down"],
    &["left"],
    &["right"],
    &["home"],
    &["end"],
    &["pageup", "pgup"],
    &["pagedown", "pgdn"],
    &["f1"],
    &["f2"],
    &["f3"],
    &["f4"],
    &["f5"],
    &["f6"],
    &["f7"],
    &["f8"],
    &["f9"],
    &["f10"],
    &["f11"],
    &["f12"],
];

pub(super) const KEY_FORMS: &str = "a single character (a, G, ?, 特), or esc, ret, tab, space, backspace, del, up, down, left, right, \
home, end, pageup, pagedown, f1-f12; with C- (Ctrl), A- (Alt), S- (Shift) in front, e.g. C-s, <C-s>, A-x, S-tab";

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Code {
    Char(char),
    Named(&'static str),
}

/// One key with its modifiers. Shift is folded into the character for
/// printable keys (`G`, not `S-g`), so each key has exactly one form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    code: Code,
    pub(super) ctrl: bool,
    pub(super) alt: bool,
    shift: bool,
}

impl Key {
    fn new(code: Code, ctrl: bool, alt: bool, shift: bool) -> Key {
        match code {
            Code::Char(c) => {
                // Ctrl-letters arrive in either case, and terminals send the
                // same byte for Ctrl-Shift-R as for Ctrl-R: one key, whatever
                // the shift. Otherwise shift only shapes printable chars.
                let c = if ctrl && c.is_ascii_alphabetic() {
                    c.to_ascii_lowercase()
                } else if shift && c.is_ascii_lowercase() {
                    c.to_ascii_uppercase()
                } else {
                    c
                };
                Key {
                    code: Code::Char(c),
                    ctrl,
                    alt,
                    shift: false,
                }
            }
            named => Key {
                code: named,
                ctrl,
                alt,
                shift,
            },
        }
    }

    pub fn parse(text: &str) -> Result<Key, KeymapError> {
        let mut s = if text == " " { "space" } else { text.trim() };
        if s.len() > 2 && s.starts_with('<') && s.ends_with('>') {
            s = &s[1..s.len() - 1];
        }
        if s.is_empty() {
            return Err(KeymapError::EmptyKey);
        }
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        loop {
            let mut chars = s.chars();
            match (chars.next(), chars.next(), chars.as_str().is_empty()) {
                (Some(m @ ('C' | 'A' | 'S')), Some('-'), false) => {
                    match m {
                        'C' => ctrl = true,
                        'A' => alt = true,
                        _ => shift = true,
                    }
                    s = &s[2..];
                }
                _ => break,
            }
        }
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            // A blank other than the space bar ("<\u{3000}>") would print as a
            // key string that reads back as nothing.
            if c.is_whitespace() && c != ' ' {
                return Err(KeymapError::BlankCharacter(text.to_string()));
            }
            return Ok(Key::new(Code::Char(c), ctrl, alt, shift));
        }
        let lower = s.to_ascii_lowercase();
        if lower == "space" || lower == "spc" {
            return Ok(Key::new(Code::Char(' '), ctrl, alt, shift));
        }
        NAMED
            .iter()
            .find(|forms| forms.contains(&lower.as_str()))
            .map(|forms| Key::new(Code::Named(forms[0]), ctrl, alt, shift))
            .ok_or_else(|| KeymapError::NotAKey(text.to_string()))
    }

    /// The key crossterm reports, or None for one kaohe has no name for
    /// (media keys, F13…): such a key does nothing, rather than acting as
    /// some other key would.
    pub fn from_event(e: &KeyEvent) -> Option<Key> {
        let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
        let alt = e.modifiers.contains(KeyModifiers::ALT);
        let shift = e.modifiers.contains(KeyModifiers::SHIFT);
        let named = |n: &'static str| Key::new(Code::Named(n), ctrl, alt, shift);
        Some(match e.code {
            // The character already carries the shift.
            KeyCode::Char(c) => Key::new(Code::Char(c), ctrl, alt, false),
            KeyCode::Enter => named("ret"),
            KeyCode::Esc => named("esc"),
            KeyCode::Tab => named("tab"),
            KeyCode::BackTab => Key::new(Code::Named("tab"), ctrl, alt, true),
            KeyCode::Backspace => named("backspace"),
            KeyCode::Delete => named("del"),
            KeyCode::Insert => named("ins"),
            KeyCode::Up => named("up"),
            KeyCode::Down => named("down"),
            KeyCode::Left => named("left"),
            KeyCode::Right => named("right"),
            KeyCode::Home => named("home"),
            KeyCode::End => named("end"),
            KeyCode::PageUp => named("pageup"),
            KeyCode::PageDown => named("pagedown"),
            KeyCode::F(n @ 1..=12) => return NAMED.iter().find(|f| f[0] == format!("f{n}")).map(|f| named(f[0])),
            _ => return None,
        })
    }

    /// Types text when pressed without Ctrl or Alt.
    pub fn is_printable(&self) -> bool {
        matches!(self.code, Code::Char(_)) && !self.ctrl && !self.alt
    }

    /// The character the key types, if it types one (no Ctrl or Alt).
    pub fn typed(&self) -> Option<char> {
        self.char().filter(|c| self.is_printable() && !c.is_control())
    }

    pub(super) fn char(&self) -> Option<char> {
        match self.code {
            Code::Char(c) => Some(c),
            Code::Named(_) => None,
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("C-")?;
        }
        if self.alt {
            f.write_str("A-")?;
        }
        if self.shift {
            f.write_str("S-")?;
        }
        match self.code {
            Code::Char(' ') => f.write_str("space"),
            Code::Char(c) => write!(f, "{c}"),
            Code::Named(n) => f.write_str(n),
        }
    }
}

/// A key sequence as keymap files write it: `g g`.
pub(super) fn show(seq: &[Key]) -> String {
    seq.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")
}

/// A key as the analyst reads it: `回车` rather than `ret` on the Chinese
/// screen, arrows as arrows; a key string kaohe has no word for is shown as
/// the keymap writes it (`C-r`, `g g`).
pub fn key_label(lang: crate::lang::Lang, key: &str) -> String {
    if key.contains(' ') {
        return key.split(' ').map(|k| key_label(lang, k)).collect::<Vec<_>>().join(" ");
    }
    // Modifiers as the keycaps say them: "C-r" is the keymap file's syntax.
    for (prefix, cap) in [("C-", "Ctrl+"), ("A-", "Alt+"), ("S-", "Shift+")] {
        if let Some(rest) = key.strip_prefix(prefix)
            && !rest.is_empty()
        {
            // A letter as its keycap prints it: Ctrl+J (Ctrl folds the case away).
            let rest = match rest.chars().collect::<Vec<_>>()[..] {
                [c] if prefix == "C-" && c.is_ascii_lowercase() => c.to_ascii_uppercase().to_string(),
                _ => key_label(lang, rest),
            };
            return format!("{cap}{rest}");
        }
    }
    let zh = lang == crate::lang::Lang::Zh;
    let word = match key {
        "ret" => {
            if zh {
                "回车"
            } else {
                "Enter"
            }
        }
        "esc" => "Esc",
        "space" => {
            if zh {
                "空格"
            } else {
                "Space"
            }
        }
        "tab" => "Tab",
        "S-tab" => "Shift+Tab",
        "backspace" => {
            if zh {
                "退格"
            } else {
                "Backspace"
            }
        }
        "del" => "Del",
        // Words, not arrows: arrows are of ambiguous width in CJK terminals.
        "up" => {
            if zh {
                "上键"
            } else {
                "Up"
            }
        }
        "down" => {
            if zh {
                "下键"
            } else {
                "Down"
            }
        }
        "left" => {
            if zh {
                "左键"
            } else {
                "Left"
            }
        }
        "right" => {
            if zh {
                "右键"
            } else {
                "Right"
            }
        }
        "pageup" => "PgUp",
        "pagedown" => "PgDn",
        "home" => "Home",
        "end" => "End",
        other => return other.to_string(),
    };
    word.to_string()
}
