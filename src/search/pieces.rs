//! How one char of the index can take pieces of a query word: as itself,
//! by a whole reading, or by a prefix of its common reading, each piece
//! scored by [`super::rank`]; and the fragments fuzzy-matcher is shown.

use super::classes::{Class, Classes};
use super::term::{Piece, bits};

/// How one char (class) can take pieces of the word: scored pieces for the
/// ranking, and the fragments fuzzy-matcher is shown. `at`: where the
/// glyph itself is in the word.
pub(crate) fn class_pieces(
    class: &Class,
    classes: &Classes,
    at: u128,
    takes: &[Vec<(usize, usize)>],
    boundaries: u128,
) -> (Vec<Piece>, Vec<String>) {
    let glyph = class.glyph;
    let mut scored: Vec<Piece> = Vec::new();
    let mut push = |from: usize, to: usize, score: i16, close: bool| {
        let (Ok(from), Ok(to)) = (u8::try_from(from), u8::try_from(to)) else {
            return;
        };
        match scored.iter_mut().find(|p| p.from == from && p.to == to) {
            Some(p) if p.score < score => *p = Piece { from, to, score, close },
            Some(_) => {}
            None => scored.push(Piece { from, to, score, close }),
        }
    };
    for i in bits(at) {
        push(i, i + 1, super::rank::literal(glyph), false);
    }
    let mut pieces: Vec<String> = Vec::new();
    if at != 0 {
        pieces.push(glyph.to_string());
    }
    for (rank, &r) in class.readings.iter().enumerate() {
        let (Some(here), Some(reading)) = (takes.get(r as usize), classes.readings.get(r as usize)) else {
            continue;
        };
        // A rare reading (格 as luo) is taken only when its whole
        // syllable is typed; the common one by any prefix.
        let rare = rank > 0;
        let mut useful = 0;
        for &(i, n) in here {
            for taken in 1..=n {
                let whole = taken == reading.len();
                if rare && !whole {
                    continue;
                }
                let piece = super::rank::reading(reading, taken, rare, i, boundaries);
                push(i, i + taken, piece.0, piece.1);
                useful = useful.max(taken);
            }
        }
        if let Some(prefix) = reading.get(..useful)
            && !prefix.is_empty()
        {
            add_piece(&mut pieces, prefix);
        }
    }
    (scored, pieces)
}

/// Readings cut to the same prefix, or one a prefix of another, would only
/// lengthen the scored string: keep the longest.
fn add_piece(pieces: &mut Vec<String>, prefix: &str) {
    let mut capital = String::with_capacity(prefix.len());
    let mut letters = prefix.chars();
    if let Some(first) = letters.next() {
        capital.push(first.to_ascii_uppercase());
    }
    capital.extend(letters);
    for kept in pieces.iter_mut() {
        if kept.starts_with(&capital) {
            return;
        }
        if capital.starts_with(kept.as_str()) {
            *kept = capital;
            return;
        }
    }
    pieces.push(capital);
}
