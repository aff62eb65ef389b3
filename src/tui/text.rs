//! A one-line text field that handles Chinese: the cursor moves by
//! character, and its screen column is measured by display width so that an
//! input method's candidate popup appears where the text goes.

use super::action::Action;
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

    /// Apply an editing action (the keymap says which key is which);
    /// returns false for an action that does not edit text.
    pub fn apply(&mut self, action: Action) -> bool {
        let chars = self.text.chars().count();
        match action {
            Action::DeleteBack => {
                if self.cursor > 0 {
                    let at = self.byte_at(self.cursor - 1);
                    self.text.remove(at);
                    self.cursor -= 1;
                }
            }
            Action::DeleteForward => {
                if self.cursor < chars {
                    let at = self.byte_at(self.cursor);
                    self.text.remove(at);
                }
            }
            Action::CursorLeft => self.cursor = self.cursor.saturating_sub(1),
            Action::CursorRight => self.cursor = (self.cursor + 1).min(chars),
            Action::LineStart => self.cursor = 0,
            Action::LineEnd => self.cursor = chars,
            Action::DeleteLine => {
                self.text.clear();
                self.cursor = 0;
            }
            // The word before the cursor: spaces back to the text, then the text back to a space.
            Action::DeleteWord => {
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
            Action::NewLine => self.insert('\n'),
            _ => return false,
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
