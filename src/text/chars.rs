//! Characters that make two names look one: they draw nothing (zero-width
//! spaces, fillers), reorder what is shown (bidi controls), or draw as
//! another (a full-width letter, a no-break space). Where a name is shown
//! they are escaped (`escape`); where names are compared, folded.

/// Characters that draw nothing: `张三\u{200B}` would look like 张三, a
/// second signer indistinguishable from the first.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{180E}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{3164}'
            | '\u{FFA0}'
    )
}

/// Marks that reorder text as it is displayed (Trojan Source).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A character a reader cannot see as itself.
pub fn is_hidden(c: char) -> bool {
    c.is_control() || is_invisible(c) || is_bidi_control(c)
}

/// A name as a reader sees it: hidden characters dropped, full-width ASCII
/// (`Ａ`, `１`) as ASCII, every kind of space as one space, trimmed. Two
/// names with the same fold cannot be told apart on a screen or on paper.
pub fn folded(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().filter(|c| !is_hidden(*c)) {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::folded;

    #[test]
    fn names_that_look_one_fold_to_one() {
        for look_alike in [
            "曾都区\u{200B}",
            "曾都区\u{00A0}",
            " 曾都区",
            "曾\u{202E}都区",
            "曾都区\u{FEFF}",
        ] {
            assert_eq!(folded(look_alike), "曾都区", "{look_alike:?}");
        }
        assert_eq!(folded("Ａ区１"), "A区1");
        assert_eq!(folded("高新\u{3000}区"), "高新 区");
        assert_ne!(folded("曾都区"), folded("随县"));
    }
}
