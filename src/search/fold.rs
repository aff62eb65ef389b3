//! How text and queries are folded before they meet. Folding is one char to
//! one char, so a char index into the folded text is a char index into the
//! text the user sees: highlights need no second mapping.

/// The folded form of one char: full-width ASCII as half-width (an input
/// method in full-width mode types `ｔｚｓｂ`), any space as a plain space
/// (U+3000 is what a Chinese input method types), lower case, and `ü` as the
/// `v` that pinyin keyboards use for it.
pub(crate) fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        'ü' | 'Ü' => 'v',
        _ => c,
    };
    if c.is_whitespace() {
        return ' ';
    }
    // Some chars lower-case to several; keeping them as they are keeps the 1:1 promise.
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_one_to_one() {
        assert_eq!(fold('Ｔ'), 't');
        assert_eq!(fold('\u{3000}'), ' ');
        assert_eq!(fold('（'), '(');
        assert_eq!(fold('Ü'), 'v');
        assert_eq!(fold('特'), '特');
        assert_eq!(fold('İ'), 'İ');
    }
}
