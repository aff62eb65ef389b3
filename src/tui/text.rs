//! A one-line text field that handles Chinese: the cursor moves by
//! character, and its screen column is measured by display width so that an
//! input method's candidate popup appears where the text goes.

use super::keymap::Key;
use super::wrap::width;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Cursor position in chars (not bytes).
    cursor: usize,
}

/// A field whose text is a secret (the key's passphrase): its `Debug` shows
/// nothing of it, so it cannot reach a test failure or a crash report.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SecretField(pub TextField);

impl std::fmt::Debug for SecretField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretField(..)")
    }
}

/// The character a key types, if it types one.
pub fn printable(key: &Key) -> Option<char> {
    let name = key.to_string();
    if name == "space" {
        return Some(' ');
    }
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() => Some(c),
        _ => None,
    }
}

pub fn is_named(key: &Key, name: &str) -> bool {
    key.to_string() == name
}

impl TextField {
    pub fn with_text(text: &str) -> TextField {
        TextField {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(b, _)| b)
    }

    pub fn insert(&mut self, c: char) {
        // A full-width space from an input method is a space.
        let c = if c == '\u{3000}' { ' ' } else { c };
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    pub fn insert_str(&mut self, s: &str) {
        for c in s.chars().filter(|c| !c.is_control()) {
            self.insert(c);
        }
    }

    /// Keys that edit a text field, whatever mode it is in.
    pub const EDITING: &'static [&'static str] = &[
        "backspace",
        "C-h",
        "del",
        "C-d",
        "left",
        "C-b",
        "right",
        "C-f",
        "home",
        "C-a",
        "end",
        "C-e",
        "C-u",
        "C-w",
    ];

    /// Apply an editing key; returns false if the key is not an editing key.
    pub fn edit(&mut self, key: &Key) -> bool {
        let chars = self.text.chars().count();
        match key.to_string().as_str() {
            "backspace" | "C-h" => {
                if self.cursor > 0 {
                    let at = self.byte_at(self.cursor - 1);
                    self.text.remove(at);
                    self.cursor -= 1;
                }
            }
            "del" | "delete" | "C-d" => {
                if self.cursor < chars {
                    let at = self.byte_at(self.cursor);
                    self.text.remove(at);
                }
            }
            "left" | "C-b" => self.cursor = self.cursor.saturating_sub(1),
            "right" | "C-f" => self.cursor = (self.cursor + 1).min(chars),
            "home" | "C-a" => self.cursor = 0,
            "end" | "C-e" => self.cursor = chars,
            "C-u" => {
                self.text.clear();
                self.cursor = 0;
            }
            // The word before the cursor: spaces back to the text, then the text back to a space.
            "C-w" => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut from = self.cursor.min(chars.len());
                while from > 0 && chars[from - 1].is_whitespace() {
                    from -= 1;
                }
                while from > 0 && !chars[from - 1].is_whitespace() {
                    from -= 1;
                }
                let (a, b) = (self.byte_at(from), self.byte_at(self.cursor));
                self.text.replace_range(a..b, "");
                self.cursor = from;
            }
            _ => match printable(key) {
                Some(c) => self.insert(c),
                None => return false,
            },
        }
        true
    }

    /// The text before the cursor (to place the cursor in wrapped text).
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.byte_at(self.cursor)]
    }

    /// Display column of the cursor, from the start of the text.
    pub fn cursor_column(&self) -> usize {
        let end = self.byte_at(self.cursor);
        width(&self.text[..end])
    }

    /// The part of the text that fits in `columns`, keeping the cursor in
    /// view, and the cursor's column within it.
    pub fn view(&self, columns: usize) -> (String, usize) {
        let columns = columns.max(1);
        let mut start = 0;
        let cursor_col = self.cursor_column();
        let chars: Vec<char> = self.text.chars().collect();
        let mut skipped = 0;
        while cursor_col - skipped >= columns && start < chars.len() {
            skipped += unicode_width::UnicodeWidthChar::width(chars[start]).unwrap_or(0);
            start += 1;
        }
        let mut shown = String::new();
        let mut used = 0;
        for &c in &chars[start..] {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > columns {
                break;
            }
            shown.push(c);
            used += w;
        }
        (shown, cursor_col - skipped)
    }
}
