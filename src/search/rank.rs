//! How well a stretch of text spells one word of a query: the best way to
//! lay the word's pieces (a char itself, a whole syllable, a prefix, an
//! initial) on the text's chars, scored so that what the analyst means
//! comes first.
//!
//! Home-made rather than fuzzy-matcher's score because that score sees
//! letters, not syllables: it cannot tell 食品 (two syllables of one word)
//! from 实…平, a rare reading from the common one, or a run of initials from
//! letters scattered over a paragraph. fuzzy-matcher still ranks the lines
//! of `kaohe search -`, where fzf's behaviour is the contract.
//!
//! The rules, each a few points:
//! - a char typed as itself beats a whole syllable, a whole syllable beats
//!   a longer prefix, and an initial is worth a little less than a syllable;
//! - chars next to each other (one word, as far as the text tells) earn a
//!   bonus; a gap costs a start and a point per char;
//! - an initial keeps to the char beside the one before it (once in a word
//!   it may step over a joining char: 质量和安全 is `zlaq`), so a run of
//!   letters that spells no word of the text spells nothing at all;
//! - a rare reading is taken only as a whole syllable, and costs a little;
//! - a piece that starts inside a syllable the analyst typed whole
//!   (`jiang` read as 监 jian + 管 g) costs more than it earns, and keeps
//!   close to the char before it as an initial does;
//! - a word that starts where the text or a word of it starts earns a bonus,
//!   and so does one that ends where a word of the text ends.

use super::classes::Classes;
use super::term::{Piece, Term};

const LITERAL_CJK: i16 = 16;
const LITERAL_OTHER: i16 = 6;
const WHOLE_BASE: i16 = 6;
const PREFIX_BASE: i16 = 3;
const PER_LETTER: i16 = 2;
const INITIAL: i16 = 7;
const RARE: i16 = 5;
/// Far more than an initial and its place beside the char before it earn:
/// a split syllable is taken only when nothing else spells the word.
const SPLIT: i16 = 30;
const NEXT_TO: i32 = 8;
const GAP_OPEN: i32 = 4;
const GAP_PER_CHAR: i32 = 1;
const TEXT_START: i32 = 10;
const WORD_START: i32 = 5;
/// A word that ends where a word of the text ends (质量奖，) is whole there.
const WORD_END: i32 = 5;

/// Typed syllables are at most this long (`zhuang`, `chuang`).
const LONGEST_SYLLABLE: usize = 6;

const NONE: i32 = i32::MIN / 4;

/// Per class: a word of the text starts after this char.
pub(crate) const SEPARATOR: u8 = 1;
/// Per class: an abbreviation steps over this char (punctuation, 的 和 与 …).
pub(crate) const JOINER: u8 = 2;
const JOINING_CHARS: &str = "的和与及或并之、";

/// What the ranking needs to know of a char besides its readings.
pub(crate) fn char_flags(glyph: char) -> u8 {
    let mut flags = 0;
    if !glyph.is_alphabetic() {
        flags |= SEPARATOR | JOINER;
    }
    if JOINING_CHARS.contains(glyph) {
        flags |= JOINER;
    }
    flags
}

/// The positions of the word where a unit the analyst typed starts: its
/// syllables (`zhi|liang|jiang`, `jian|guan`), each letter of a run that is
/// no syllable (`t|z|s|b`) and every other char. Parsed into the fewest
/// syllables, a letter left over costing three.
pub(crate) fn syllable_starts(chars: &[char], classes: &Classes) -> u128 {
    let n = chars.len().min(127);
    let syllables: std::collections::HashSet<&str> = classes.readings.iter().map(String::as_str).collect();
    // cost[i]: the fewest units for chars[i..], and the length of the first.
    let mut cost = vec![(0usize, 1usize); n + 1];
    for i in (0..n).rev() {
        let mut best = (cost[i + 1].0 + 3, 1);
        if chars[i].is_ascii_lowercase() {
            let mut word = String::new();
            for (len, &c) in chars[i..n].iter().take(LONGEST_SYLLABLE).enumerate() {
                if !c.is_ascii_lowercase() {
                    break;
                }
                word.push(c);
                if syllables.contains(word.as_str()) && cost[i + len + 1].0 + 1 < best.0 {
                    best = (cost[i + len + 1].0 + 1, len + 1);
                }
            }
        }
        cost[i] = best;
    }
    let (mut starts, mut i) = (0u128, 0);
    while i < n {
        starts |= 1 << i;
        i += cost[i].1.max(1);
    }
    starts
}

fn starts_unit(boundaries: u128, i: usize) -> bool {
    i >= 127 || boundaries & (1 << i) != 0
}

/// An upper bound of a word's score from its pieces: the best chain of
/// pieces over its positions, every piece beside the one before, starting a
/// text and ending a word.
pub(crate) fn best_possible(pieces: &[Piece], len: usize) -> i32 {
    let mut best_from = vec![NONE; len + 1];
    best_from[len] = 0;
    for i in (0..len).rev() {
        for p in pieces.iter().filter(|p| usize::from(p.from) == i) {
            let rest = best_from[usize::from(p.to)];
            if rest > NONE {
                best_from[i] = best_from[i].max(i32::from(p.score) + NEXT_TO + rest);
            }
        }
    }
    best_from[0].saturating_sub(NEXT_TO) + TEXT_START + WORD_END + SHORT_LINE
}

/// A match in a short line is most of what the line says (推进特种设备安全
/// 监管 against a paragraph that mentions 特种设备): up to this much more.
const SHORT_LINE: i32 = 4;

/// The bonus of a match in a line of `chars` chars.
pub(crate) fn short_line(chars: usize) -> i32 {
    (SHORT_LINE - to_i32(chars / 5)).max(0)
}

/// The score of a char typed as itself.
pub(crate) fn literal(glyph: char) -> i16 {
    if glyph.is_ascii() { LITERAL_OTHER } else { LITERAL_CJK }
}

/// The score of `taken` letters of `reading` at word position `at`, and
/// whether the piece keeps close to the one before it: an initial does,
/// and so does a piece that starts inside a syllable typed whole (西安 as
/// `xian`: 安 reads `an` only right after 西).
pub(crate) fn reading(reading: &str, taken: usize, rare: bool, at: usize, boundaries: u128) -> (i16, bool) {
    let whole = taken == reading.len();
    let initial_len = if ["zh", "ch", "sh"].iter().any(|p| reading.starts_with(p)) {
        2
    } else {
        1
    };
    let initial = !whole && taken <= initial_len;
    let letters = i16::try_from(taken).unwrap_or(i16::MAX / 4);
    let mut score = if whole {
        WHOLE_BASE + PER_LETTER * letters
    } else if initial {
        INITIAL
    } else {
        PREFIX_BASE + PER_LETTER * letters
    };
    if rare {
        score -= RARE;
    }
    let split = !starts_unit(boundaries, at);
    if split {
        score -= SPLIT;
    }
    (score, initial || split)
}

/// One char's state: for each word position, and whether an initial has
/// already skipped its one char, the best score of a way to reach it that
/// ends on this char, and where that way came from. Slot `2 * pos + skipped`.
#[derive(Default)]
struct Row {
    /// The char; `usize::MAX` while the row holds none.
    at: usize,
    score: Vec<i32>,
    from: Vec<(usize, u16)>,
    folded: bool,
}

impl Row {
    /// Sized by [`Scratch::reset`]; `from` is kept only for a trace.
    fn reset(&mut self, at: usize, trace: bool) {
        self.at = at;
        self.score.fill(NONE);
        if trace {
            self.from.fill((usize::MAX, 0));
        }
        self.folded = false;
    }

    fn holds(&self, at: usize) -> bool {
        self.at != usize::MAX && self.at == at
    }
}

fn slot(pos: usize, skipped: usize) -> usize {
    2 * pos + skipped
}

/// The buffers of the walk, kept from one line to the next: a search
/// walks hundreds of thousands of lines and must not allocate per line.
#[derive(Default)]
pub(crate) struct Scratch {
    far: Vec<i32>,
    far_from: Vec<usize>,
    /// The newest row, the one before it, and a spare.
    rows: [Row; 3],
    /// With a trace: each char's `from`, in char order.
    history: Vec<(usize, Vec<(usize, u16)>)>,
}

impl Scratch {
    fn reset(&mut self, slots: usize, trace: bool) {
        self.far.clear();
        self.far.resize(slots, NONE);
        self.far_from.clear();
        self.far_from.resize(slots, usize::MAX);
        for row in &mut self.rows {
            row.at = usize::MAX;
            row.score.resize(slots, NONE);
            if trace {
                row.from.resize(slots, (usize::MAX, 0));
            }
        }
        self.history.clear();
    }

    /// Rows two or more chars back are reached across a gap: fold them into `far`.
    fn fold(&mut self, k: usize) {
        let Scratch {
            far, far_from, rows, ..
        } = self;
        for row in rows.iter_mut().take(2) {
            if row.at != usize::MAX && !row.folded && row.at + 2 <= k {
                for (i, &s) in row.score.iter().enumerate() {
                    let carried = s.saturating_add(GAP_PER_CHAR * to_i32(row.at));
                    if s > NONE && carried > far[i] {
                        far[i] = carried;
                        far_from[i] = row.at;
                    }
                }
                row.folded = true;
            }
        }
    }
}

/// What a char's pieces can build on.
struct Before<'a> {
    k: usize,
    trace: bool,
    /// Whether any way so far has stepped over its joining char: until one
    /// has, the second half of the slots is empty and not looked at.
    skipping: bool,
    next_to: Option<&'a Row>,
    one_between: Option<&'a Row>,
    far: &'a [i32],
    far_from: &'a [usize],
    start: i32,
}

/// The best ways to the end of piece `p`, taken at char `before.k`.
fn extend(row: &mut Row, p: &Piece, before: &Before<'_>) {
    let (from, to, score) = (usize::from(p.from), usize::from(p.to), i32::from(p.score));
    let skips = if before.skipping || (p.close && before.one_between.is_some()) {
        2
    } else {
        1
    };
    for skipped in 0..skips {
        let (here, there) = (slot(from, skipped), slot(to, skipped));
        let mut best = (NONE, (usize::MAX, 0));
        let mut take = |value: i32, came: (usize, u16)| {
            if value > best.0 {
                best = (value, came);
            }
        };
        if from == 0 {
            if skipped == 0 {
                take(score + before.start, (usize::MAX, 0));
            }
        } else {
            if let Some(r) = before.next_to
                && r.score[here] > NONE
            {
                take(r.score[here] + score + NEXT_TO, (r.at, to_u16(here)));
            }
            if p.close {
                // The one joining char an initial may step over in a word.
                let unskipped = slot(from, 0);
                if skipped == 1
                    && let Some(r) = before.one_between
                    && r.score[unskipped] > NONE
                {
                    take(
                        r.score[unskipped] + score - GAP_OPEN - GAP_PER_CHAR,
                        (r.at, to_u16(unskipped)),
                    );
                }
            } else if before.far[here] > NONE {
                let across = before.far[here] - GAP_PER_CHAR * to_i32(before.k) - GAP_OPEN + score;
                take(across, (before.far_from[here], to_u16(here)));
            }
        }
        if best.0 > row.score[there] {
            row.score[there] = best.0;
            if before.trace {
                row.from[there] = best.1;
            }
        }
    }
}

/// The best way `codes` (one stretch of text: a line) spells the word: its
/// score, and with `trace` the indices of the chars it uses. `flags` are
/// [`char_flags`] per class.
pub(crate) fn best(
    term: &Term,
    codes: &[u32],
    flags: &[u8],
    trace: bool,
    scratch: &mut Scratch,
) -> Option<(i32, Vec<usize>)> {
    let len = term.len;
    if len == 0 {
        return None;
    }
    let slots = 2 * (len + 1);
    scratch.reset(slots, trace);
    let mut skipping = false;
    let mut reached: u128 = 1;
    let flag = |at: usize| {
        codes
            .get(at)
            .and_then(|&c| flags.get(c as usize))
            .copied()
            .unwrap_or(SEPARATOR)
    };
    let mut best: Option<(i32, usize, usize)> = None;
    for (k, &code) in codes.iter().enumerate() {
        if !term.usable(code) {
            continue;
        }
        let pieces = term.pieces(code);
        // A char none of whose pieces starts where the word has got to so
        // far adds nothing: its row would be empty, as a skipped one is.
        let before_char = reached;
        let mut advances = false;
        for p in pieces {
            if before_char & (1u128 << p.from) != 0 {
                advances = true;
                reached |= 1u128 << p.to;
            }
        }
        if !advances {
            continue;
        }
        scratch.fold(k);
        let mut row = std::mem::take(&mut scratch.rows[2]);
        row.reset(k, trace);
        let [newer, older, _] = &scratch.rows;
        let before = Before {
            k,
            trace,
            skipping,
            next_to: (k > 0 && newer.holds(k - 1)).then_some(newer),
            one_between: [newer, older]
                .into_iter()
                .find(|r| k >= 2 && r.holds(k - 2))
                .filter(|_| flag(k - 1) & JOINER != 0),
            far: &scratch.far,
            far_from: &scratch.far_from,
            start: match k.checked_sub(1) {
                None => TEXT_START,
                Some(prev) if flag(prev) & SEPARATOR != 0 => WORD_START,
                Some(_) => 0,
            },
        };
        for p in pieces {
            extend(&mut row, p, &before);
        }
        skipping |= row.score.iter().skip(1).step_by(2).any(|&s| s > NONE);
        let whole_word = if k + 1 >= codes.len() || flag(k + 1) & SEPARATOR != 0 {
            WORD_END
        } else {
            0
        };
        for end in [slot(len, 0), slot(len, 1)] {
            let value = row.score[end].saturating_add(whole_word);
            if row.score[end] > NONE && best.is_none_or(|(b, _, _)| value > b) {
                best = Some((value, k, end));
            }
        }
        if trace {
            scratch.history.push((k, row.from.clone()));
        }
        // The newest row becomes the one before; the oldest is the next spare.
        let [newer, older, spare] = &mut scratch.rows;
        std::mem::swap(older, newer);
        *spare = std::mem::replace(newer, row);
    }
    let (score, end, end_slot) = best?;
    if !trace {
        return Some((score, Vec::new()));
    }
    let mut used = vec![end];
    let (mut at, mut pos) = (end, end_slot);
    while let Ok(i) = scratch.history.binary_search_by_key(&at, |(a, _)| *a) {
        let (prev, prev_pos) = scratch.history[i].1[pos];
        if prev == usize::MAX {
            break;
        }
        used.push(prev);
        (at, pos) = (prev, usize::from(prev_pos));
    }
    used.reverse();
    Some((score, used))
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX / 4)
}

/// A word too long for the lattice (a pasted sentence) matches where the
/// text holds it char for char.
pub(crate) fn literal_run(word: &str, codes: &[u32], classes: &Classes) -> Option<(i32, Vec<usize>)> {
    let len = word.chars().count();
    let glyph = |c: u32| classes.classes.get(c as usize).map_or('\u{FFFD}', |k| k.glyph);
    let at = codes
        .windows(len)
        .position(|w| w.iter().map(|&c| glyph(c)).eq(word.chars()))?;
    Some((i32::from(LITERAL_CJK) * to_i32(len), (at..at + len).collect()))
}
