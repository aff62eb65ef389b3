//! The numbering of a rubric's lists: `1. `, `2、`, `3．`, `(4)`, `（5）`,
//! `⑥` at the head of a criteria line. One reading for the workbench (which
//! hangs a numbered line under its text), the linter and the import (which
//! read numbered parts).

/// The list number a line starts with, and the space after it: `1. `,
/// `2、`, `3．`, `(4)`, `（5）`, `⑥`. Not an id such as `1.1.8`.
pub fn list_marker(text: &str) -> &str {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let mut end = if digits > 0 {
        let after = &text[digits..];
        match after.chars().next() {
            Some(c @ ('.' | '．' | '、' | ')' | '）'))
                if !after[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit()) =>
            {
                digits + c.len_utf8()
            }
            _ => 0,
        }
    } else if let Some(c) = text.chars().next().filter(|c| ('①'..='⑳').contains(c)) {
        c.len_utf8()
    } else {
        let open = text.chars().next().filter(|c| matches!(c, '(' | '（'));
        let inner = open.map_or(0, |c| {
            text[c.len_utf8()..].bytes().take_while(u8::is_ascii_digit).count()
        });
        match (open, inner) {
            (Some(o), n) if n > 0 => {
                let close_at = o.len_utf8() + n;
                match text[close_at..].chars().next() {
                    Some(c @ (')' | '）')) => close_at + c.len_utf8(),
                    _ => 0,
                }
            }
            _ => 0,
        }
    };
    if end > 0 {
        end += text[end..].bytes().take_while(|&b| b == b' ').count();
    }
    &text[..end]
}

/// A numbered line's number and the rest of the line after its marker.
pub fn numbered(line: &str) -> Option<(u32, &str)> {
    let line = line.trim_start();
    let marker = list_marker(line);
    if marker.is_empty() {
        return None;
    }
    let number = match marker.chars().next() {
        Some(c @ '①'..='⑳') => c as u32 - '①' as u32 + 1,
        _ => marker
            .trim_start_matches(['(', '（'])
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .ok()?,
    };
    Some((number, &line[marker.len()..]))
}
