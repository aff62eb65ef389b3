//! Text from a file on its way to a terminal. A control character (C0, DEL,
//! C1) or a bidi override in a name, a note or a key id could move the
//! cursor, repaint a line ("OK … trusted" over a refusal), set the window
//! title or write the clipboard (OSC 52), or reverse what is read, and an
//! invisible character would make two names look one; each is
//! shown as a visible escape instead, so that what is printed is what the
//! file holds.

use crate::text::chars::{is_bidi_control, is_invisible};

/// `text` with every control character and bidi control shown as `\xNN`
/// (C0, DEL, C1; `\t` and `\n` for tab and newline) or `<U+NNNN>`.
pub fn visible(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c if is_bidi_control(c) || is_invisible(c) => out.push_str(&format!("<U+{:04X}>", u32::from(c))),
            // The escape's own backslash is doubled only where escapes appear,
            // so that `\x1b` in a file cannot pass for an escaped ESC.
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out
}

/// [`visible`] without a copy when there is nothing to show (the workbench
/// measures and draws every line through it, many times a frame).
pub fn visible_cow(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(needs_escape) {
        std::borrow::Cow::Owned(visible(text))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// [`visible`] line by line: a message of several lines keeps its breaks,
/// and nothing else a file put in it acts on the terminal.
pub fn visible_lines(text: &str) -> String {
    text.split('\n').map(visible).collect::<Vec<_>>().join("\n")
}

fn needs_escape(c: char) -> bool {
    crate::text::chars::is_hidden(c)
}

#[cfg(test)]
mod tests {
    use super::{visible, visible_lines};

    #[test]
    fn every_control_is_shown_not_obeyed() {
        for c in (0u32..0x20).chain([0x7f]).chain(0x80..0xa0).filter_map(char::from_u32) {
            let shown = visible(&format!("a{c}b"));
            assert!(!shown.chars().any(char::is_control), "{:?} -> {shown:?}", c);
        }
        assert_eq!(visible("\u{1b}]52;c;aGk=\u{7}"), "\\x1b]52;c;aGk=\\x07");
        assert_eq!(visible("市\u{202E}局"), "市<U+202E>局");
        assert_eq!(visible("随州市 水利"), "随州市 水利");
        // Issue 25 finding 10: a name with a zero-width character is told apart.
        assert_eq!(visible("张三\u{200b}"), "张三<U+200B>");
        assert_eq!(visible("\u{feff}李四"), "<U+FEFF>李四");
        assert_eq!(visible("a\\x1b\u{1b}"), "a\\\\x1b\\x1b");
        assert_eq!(visible_lines("一\n二\u{1b}[2J"), "一\n二\\x1b[2J");
    }
}
