//! Glyphs of ambiguous width (“ ” … — → ≤ ① ·) in a terminal that draws
//! them wide. Chinese Windows consoles and `xterm -cjk_width` give them two
//! columns where kaohe counts one, and the glyph after each vanishes
//! (`“铁拳”行动` shows as `“ 拳” 动`). There kaohe shows each as an
//! unambiguous equivalent (`「铁拳」行动`), so that every column it counts
//! is the column the terminal draws and no character of the rubric is lost.
//!
//! Whether the terminal draws them wide is found once at start (the cursor
//! after one such glyph) or set in the settings (`ambiguous_wide`); it is a
//! property of the terminal, held here for every line the screen draws.

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};
use unicode_width::UnicodeWidthChar;

static WIDE: AtomicBool = AtomicBool::new(false);

/// The terminal draws ambiguous glyphs two columns wide.
pub fn set_wide(wide: bool) {
    WIDE.store(wide, Ordering::Relaxed);
}

pub fn is_wide() -> bool {
    WIDE.load(Ordering::Relaxed)
}

/// An ambiguous glyph's equivalent of unambiguous width, or None for a
/// glyph whose width every terminal agrees on.
pub fn equivalent(c: char) -> Option<Cow<'static, str>> {
    let same = |s: &'static str| Some(Cow::Borrowed(s));
    match c {
        '“' => same("「"),
        '”' => same("」"),
        '‘' => same("『"),
        '’' => same("』"),
        '…' => same("..."),
        '—' | '―' => same("－"),
        '–' => same("-"),
        '·' => same("・"),
        '×' => same("x"),
        '÷' => same("/"),
        '±' => same("+/-"),
        '→' => same("->"),
        '←' => same("<-"),
        '↑' => same("^"),
        '↓' => same("v"),
        '≤' => same("<="),
        '≥' => same(">="),
        '≠' => same("!="),
        '≈' => same("~"),
        '°' => same("度"),
        '※' => same("*"),
        '①'..='⑳' => Some(Cow::Owned(format!("({})", c as u32 - '①' as u32 + 1))),
        'Ⅰ'..='Ⅻ' => same(
            ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
                [(c as u32 - 'Ⅰ' as u32) as usize],
        ),
        // Not in any rubric: shown as its code point rather than lost.
        c if c.width() != c.width_cjk() => Some(Cow::Owned(format!("<U+{:04X}>", c as u32))),
        _ => None,
    }
}

/// `text` with every ambiguous glyph replaced, when the terminal draws them
/// wide; as it is otherwise.
pub fn fold(text: &str) -> Cow<'_, str> {
    if !is_wide() || !text.chars().any(|c| c.width() != c.width_cjk()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match equivalent(c) {
            Some(e) => out.push_str(&e),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn every_equivalent_is_the_same_width_everywhere() {
        let ambiguous = (0u32..0x3_0000)
            .filter_map(char::from_u32)
            .filter(|c| c.width() != c.width_cjk() && !c.is_control());
        for c in ambiguous {
            if let Some(e) = equivalent(c) {
                assert_eq!(e.width(), e.width_cjk(), "{c:?} -> {e:?}");
            }
        }
    }
}
