//! One word of a query, compiled against the classes of an index.
//!
//! Two things are derived per distinct char (class), once per query, so that
//! the per-entry work is table lookups:
//!
//! - *steps* for the reading lattice that decides whether an entry matches:
//!   the word is consumed left to right, each char of the entry either
//!   skipped or consuming one piece of the word that is itself the char, or
//!   a non-empty prefix of one of its readings (`t`, `te`, `zh`, `zhong` for
//!   特 and 种). The set of reachable word positions is a bit set, so every
//!   reading of every polyphonic char is tried at no combinatorial cost.
//! - a *fragment*, the char's share of the string fuzzy-matcher scores: the
//!   char itself if the word contains it, and each reading cut to the longest
//!   prefix any part of the word could use (capitalised so that fuzzy-matcher
//!   sees a word start); a char with neither is one column of gap. Readings
//!   the word cannot use are left out, which keeps the scored string about as
//!   long as the text instead of several times longer.

use super::classes::Classes;

/// Positions 0..=len must fit a `u128`. A longer word (a pasted sentence) is
/// matched on the characters alone.
pub(crate) const MAX_LATTICE: usize = 127;

/// fuzzy-matcher charges a gap a start and one point per column, and nothing
/// before the first match or after the last. A longer gap mostly costs
/// matching time, so a run of gap chars between fragments is cut to this many
/// (one char apart still scores above further apart), a leading run to its
/// last char (which decides the bonus of what follows) and a trailing run is
/// dropped; only the cut inner runs change a score.
const GAP_COLUMNS: usize = 2;

#[derive(Debug)]
pub(crate) struct Term {
    /// The folded word, as fuzzy-matcher is given it.
    pub text: String,
    goal: u128,
    lattice: bool,
    /// Per class, indexed by class id: one lookup per char of an entry.
    cells: Vec<Cell>,
    /// (the position a step starts from, the positions it reaches).
    steps: Vec<(u128, u128)>,
    fragments: String,
    /// How a char can take a piece of the word, scored ([`super::rank`]).
    pieces: Vec<Piece>,
    /// The word's length in chars.
    pub len: usize,
    /// Per class: (steps, pieces) ranges, apart from `cells` so that the
    /// per-char walks read 16 bytes a char.
    ranges: Vec<[u32; 4]>,
    /// Per class: whether the char can take any piece; a byte, so that the
    /// walks over chars that cannot (most) stay in the first cache.
    usable: Vec<bool>,
    /// No way of spelling the word scores above this ([`Term::best_possible`]).
    best_possible: i32,
    /// Letters every spelling begins a piece with ([`Term::required_letters`]).
    required: u32,
}

/// One way a char takes part of the word: chars `from..to` of it, as the
/// char itself, its whole syllable, a longer prefix or its initial.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    pub from: u8,
    pub to: u8,
    pub score: i16,
    /// An initial (`t` for 特, `zh` for 种), or a piece that starts inside
    /// a typed syllable, keeps to the char next to the piece before it: a
    /// run of initials spells consecutive chars.
    pub close: bool,
}

#[derive(Debug, Clone, Copy)]
struct Cell {
    /// A range of `steps`; empty when the char can take no piece of the word.
    steps: (u32, u32),
    /// A range of `pieces`, empty exactly when `steps` is.
    pieces: (u32, u32),
    fragment: Fragment,
    /// What stands for the char where no spelling of the word uses it: a char
    /// that cannot match and is the same kind of char to fuzzy-matcher, when
    /// there is one.
    unused: Option<char>,
}

#[derive(Debug, Clone, Copy)]
enum Fragment {
    /// The char cannot match: a column of gap, shown as this char.
    Gap(char),
    /// One char that can match.
    One(char),
    /// A byte range of `fragments` and its length in chars.
    Many(u32, u32, u32),
}

pub(crate) fn bits(mut mask: u128) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        if mask == 0 {
            return None;
        }
        let i = mask.trailing_zeros() as usize;
        mask &= mask - 1;
        Some(i)
    })
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Term {
    pub fn compile(text: &str, classes: &Classes) -> Term {
        let chars: Vec<char> = text.chars().collect();
        let len = chars.len();
        let lattice = len <= MAX_LATTICE;
        let mut term = Term {
            text: text.to_string(),
            goal: if lattice { 1u128 << len } else { 0 },
            lattice,
            cells: Vec::with_capacity(classes.classes.len()),
            steps: Vec::new(),
            fragments: String::new(),
            pieces: Vec::new(),
            len,
            ranges: Vec::new(),
            usable: Vec::new(),
            best_possible: 0,
            required: 0,
        };
        if !lattice {
            for class in &classes.classes {
                term.cells.push(Cell {
                    steps: (0, 0),
                    pieces: (0, 0),
                    fragment: Fragment::One(class.glyph),
                    unused: None,
                });
            }
            // Matched literally: no bound worth pruning by.
            term.best_possible = i32::MAX / 8;
            return term;
        }

        let mut at: Vec<(char, u128)> = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            match at.iter_mut().find(|(x, _)| *x == c) {
                Some((_, mask)) => *mask |= 1 << i,
                None => at.push((c, 1 << i)),
            }
        }
        let positions = |c: char| at.iter().find(|(x, _)| *x == c).map_or(0, |&(_, m)| m);
        // A gap char is only a column and, for the char after it, a kind:
        // fuzzy-matcher counts every non-ASCII char a lower-case letter. An
        // ASCII letter the word lacks is the same to it, one byte instead of
        // three to write and decode.
        let stand_in = ('a'..='z').find(|&c| positions(c) == 0);
        let free_digit = ('0'..='9').find(|&c| positions(c) == 0);

        // Per reading: where in the word it can start and how much it can take there.
        let mut takes: Vec<Vec<(usize, usize)>> = Vec::with_capacity(classes.readings.len());
        for reading in &classes.readings {
            let first = reading.chars().next().unwrap_or(' ');
            let here = bits(positions(first))
                .map(|i| {
                    let common = chars[i..]
                        .iter()
                        .zip(reading.chars())
                        .take_while(|(a, b)| *a == b)
                        .count();
                    (i, common)
                })
                .collect();
            takes.push(here);
        }

        let boundaries = super::rank::syllable_starts(&chars, classes);
        for class in &classes.classes {
            let glyph = class.glyph;
            let (mut scored, pieces) =
                super::pieces::class_pieces(class, classes, positions(glyph), &takes, boundaries);
            scored.sort_unstable_by_key(|p| (p.from, p.to));
            let first = term.steps.len();
            for p in &scored {
                let (from, reach) = (1u128 << p.from, 1u128 << p.to);
                match term.steps.get_mut(first..).and_then(|mine| mine.last_mut()) {
                    Some((last, to)) if *last == from => *to |= reach,
                    _ => term.steps.push((from, reach)),
                }
            }
            let first_piece = term.pieces.len();
            term.pieces.extend(scored);
            let unused = if positions(glyph) == 0 {
                Some(if glyph.is_ascii() {
                    glyph
                } else {
                    stand_in.unwrap_or(glyph)
                })
            } else if !glyph.is_ascii() || glyph.is_ascii_lowercase() {
                stand_in
            } else if glyph.is_ascii_digit() {
                free_digit
            } else {
                None
            };
            let fragment = match pieces.as_slice() {
                [] => Fragment::Gap(unused.unwrap_or(glyph)),
                [one] if one.chars().count() == 1 => Fragment::One(one.chars().next().unwrap_or(glyph)),
                _ => term.many(&pieces),
            };
            term.cells.push(Cell {
                steps: (to_u32(first), to_u32(term.steps.len())),
                pieces: (to_u32(first_piece), to_u32(term.pieces.len())),
                fragment,
                unused,
            });
        }
        term.finish(&chars);
        term
    }

    /// The tables the walks read, the bound and the letters, once every
    /// class has its pieces.
    fn finish(&mut self, chars: &[char]) {
        self.ranges = self
            .cells
            .iter()
            .map(|c| [c.steps.0, c.steps.1, c.pieces.0, c.pieces.1])
            .collect();
        self.usable = self.ranges.iter().map(|r| r[0] < r[1]).collect();
        self.best_possible = super::rank::best_possible(&self.pieces, self.len);
        // A position no piece spans is where every spelling starts a piece:
        // the text must have a char that begins one with that letter.
        for (i, &c) in chars.iter().enumerate() {
            let spanned = self
                .pieces
                .iter()
                .any(|p| usize::from(p.from) < i && i < usize::from(p.to));
            if !spanned && c.is_ascii_lowercase() {
                self.required |= 1 << (c as u32 - 'a' as u32);
            }
        }
    }

    /// Letters (a = bit 0) that every spelling of the word begins a piece
    /// with; see [`super::classes::Classes::letters`].
    pub fn required_letters(&self) -> u32 {
        self.required
    }

    /// An upper bound of any spelling's score: a line of a lighter field
    /// cannot beat a match this good in a heavier one.
    pub fn best_possible(&self) -> i32 {
        self.best_possible
    }

    fn many(&mut self, pieces: &[String]) -> Fragment {
        let start = self.fragments.len();
        let mut count = 0;
        for piece in pieces {
            self.fragments.push_str(piece);
            count += piece.chars().count();
        }
        Fragment::Many(to_u32(start), to_u32(self.fragments.len()), to_u32(count))
    }

    fn cell(&self, code: u32) -> Option<&Cell> {
        self.cells.get(code as usize)
    }

    /// The pieces the char of class `code` can take, none for most chars.
    pub fn pieces(&self, code: u32) -> &[Piece] {
        if !self.usable(code) {
            return &[];
        }
        match self.ranges.get(code as usize) {
            Some(&[_, _, a, b]) if a < b => self.pieces.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Whether the char of class `code` can take a piece of the word.
    #[inline]
    pub fn usable(&self, code: u32) -> bool {
        self.usable.get(code as usize).copied().unwrap_or(false)
    }

    /// Whether the word is matched by the lattice (most are; a pasted
    /// paragraph is matched literally).
    pub fn is_lattice(&self) -> bool {
        self.lattice
    }

    fn steps(&self, cell: &Cell) -> &[(u128, u128)] {
        let (a, b) = cell.steps;
        if a == b {
            return &[];
        }
        self.steps.get(a as usize..b as usize).unwrap_or(&[])
    }

    /// Whether the walk in [`Term::render`] is needed to tell a match: a
    /// one-char word is spelt by any char that can take it.
    pub fn walks(&self) -> bool {
        self.lattice && self.goal > 2
    }

    /// Whether the entry (its class ids) can spell the word. Stops at the
    /// first spelling.
    pub fn reaches(&self, codes: &[u32], flags: &[u8]) -> bool {
        if !self.lattice {
            return true;
        }
        // Positions reached so far; by the char just before; by the one
        // before that, when the char between joins (an initial keeps to
        // the chars beside the piece before it).
        let (mut any, mut beside, mut one_over) = (1u128, 0u128, 0u128);
        for &code in codes {
            let mut here = 0u128;
            if self.usable(code) {
                // One char takes one piece: pieces start from what was reached before it.
                let near = 1 | beside | one_over;
                for p in self.pieces(code) {
                    let from = if p.close { near } else { any };
                    if from & (1u128 << p.from) != 0 {
                        here |= 1u128 << p.to;
                    }
                }
                any |= here;
                if any & self.goal != 0 {
                    return true;
                }
            }
            let joins = flags.get(code as usize).is_none_or(|f| f & super::rank::JOINER != 0);
            one_over = if joins { beside } else { 0 };
            beside = here;
        }
        false
    }

    /// The string fuzzy-matcher scores for this entry, and for each of its
    /// chars the index of the entry's char it stands for; false when the
    /// entry cannot spell the word (only told when [`Term::walks`]).
    ///
    /// A char is rendered by its fragment only when it takes part in some
    /// complete spelling of the word: reached from the start (a forward walk)
    /// and able to finish it (a backward walk, kept in `finish`). The others are
    /// gap columns. For `tzs`, an `s`-char before any `t`-char is no use, and
    /// fuzzy-matcher's time goes with the columns it could match.
    ///
    /// The string starts with a space that no word can match. Every char is a
    /// word start in pinyin, and fuzzy-matcher doubles the bonus of a match in
    /// the first column: 推 of 推进特种设备 would outbid the unbroken 特种设备
    /// for `tzsb`. After the space a first match earns only a word start's.
    pub fn render(&self, codes: &[u32], out: &mut String, owner: &mut Vec<u32>, finish: &mut Vec<u128>) -> bool {
        out.clear();
        owner.clear();
        let walk = self.walks();
        finish.clear();
        if walk {
            // For each char that can take a piece, last char first: the word
            // positions from which the chars after it can complete the word.
            let mut can: u128 = self.goal;
            for &code in codes.iter().rev() {
                let Some(cell) = self.cell(code) else {
                    continue;
                };
                let steps = self.steps(cell);
                if steps.is_empty() {
                    continue;
                }
                finish.push(can);
                let after = can;
                for &(from, to) in steps {
                    if to & after != 0 {
                        can |= from;
                    }
                }
            }
            if can & 1 == 0 {
                return false;
            }
        }
        out.push(' ');
        owner.push(0);
        let mut reached: u128 = 1;
        // A run of gap chars is written when a fragment follows it (a trailing
        // run never is), cut to size; of its chars only the last one's kind
        // matters, so it is written for all of them.
        let mut gap: Option<(char, u32)> = None;
        let mut run = 0;
        let mut started = false;
        for (at, &code) in (0u32..).zip(codes) {
            let Some(cell) = self.cell(code) else {
                continue;
            };
            let stand_in = match cell.fragment {
                Fragment::Gap(c) => Some(c),
                // Without the walk every char that can take a piece is of use.
                _ if !walk => None,
                _ => {
                    let before = reached;
                    let after = finish.pop().unwrap_or(0);
                    let mut used = false;
                    for &(from, to) in self.steps(cell) {
                        if before & from != 0 {
                            reached |= to;
                            used |= to & after != 0;
                        }
                    }
                    if used { None } else { cell.unused }
                }
            };
            if let Some(c) = stand_in {
                gap = Some((c, at));
                run += 1;
                continue;
            }
            if let Some((c, gap_at)) = gap.take() {
                let columns = if started { run.min(GAP_COLUMNS) } else { 1 };
                for _ in 0..columns {
                    out.push(c);
                    owner.push(gap_at);
                }
                run = 0;
            }
            match cell.fragment {
                Fragment::One(c) => {
                    out.push(c);
                    owner.push(at);
                }
                Fragment::Many(a, b, n) => {
                    out.push_str(self.fragments.get(a as usize..b as usize).unwrap_or(""));
                    owner.extend(std::iter::repeat_n(at, n as usize));
                }
                Fragment::Gap(_) => {}
            }
            started = true;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(word: &str, text: &str) -> (Term, Vec<u32>) {
        let mut classes = Classes::new();
        let codes: Vec<u32> = text.chars().map(|c| classes.intern(c)).collect();
        (Term::compile(word, &classes), codes)
    }

    #[test]
    fn initials_full_and_mixed() {
        for word in ["tzsb", "tezhongshebei", "tezhongsb", "tzhsb", "特种sb", "特设"] {
            let (term, codes) = compile(word, "推进特种设备安全监管");
            assert!(term.reaches(&codes, &[]), "{word}");
        }
        for word in ["hui", "tzsbx", "sbtz"] {
            let (term, codes) = compile(word, "推进特种设备安全监管");
            assert!(!term.reaches(&codes, &[]), "{word}");
        }
    }

    #[test]
    fn every_reading_of_a_polyphonic_char() {
        for word in ["yinhang", "yinxing", "yx", "xingzheng", "hangzheng"] {
            let (term, codes) = compile(word, "银行行政");
            assert!(term.reaches(&codes, &[]), "{word}");
        }
        // The rare reading (hang) only whole: not by its initial.
        let (term, codes) = compile("yh", "银行");
        assert!(!term.reaches(&codes, &[]));
    }

    #[test]
    fn pieces_say_how_a_char_takes_the_word() {
        let (term, codes) = compile("zhongzsb", "种");
        let pieces = term.pieces(codes[0]);
        let whole = pieces.iter().find(|p| (p.from, p.to) == (0, 5)).expect("zhong whole");
        let initial = pieces.iter().find(|p| (p.from, p.to) == (5, 6)).expect("z, an initial");
        assert!(initial.close && !whole.close);
        assert!(whole.score > initial.score);
        // A piece starting inside the typed syllable zhong (h at 1) is not an initial of 种.
        assert!(pieces.iter().all(|p| p.from != 1));
    }

    #[test]
    fn one_char_takes_one_piece() {
        // 行 cannot be read as "x" and then "h" at once.
        let (term, codes) = compile("xh", "行");
        assert!(!term.reaches(&codes, &[]));
    }

    #[test]
    fn fragments_keep_only_usable_prefixes() {
        let (term, codes) = compile("tzsb", "特种设备");
        let (mut out, mut owner) = (String::new(), Vec::new());
        assert!(term.render(&codes, &mut out, &mut owner, &mut Vec::new()));
        assert_eq!(out, " TZSB");
        assert_eq!(owner, [0, 0, 1, 2, 3]);
        let (term, codes) = compile("yinhang", "银行。");
        assert!(term.render(&codes, &mut out, &mut owner, &mut Vec::new()));
        assert_eq!(out, " YinHang");
        assert_eq!(owner, [0, 0, 0, 0, 1, 1, 1, 1]);
    }

    #[test]
    fn chars_no_spelling_can_use_are_gaps() {
        let (term, codes) = compile("tzs", "设特种设特");
        let (mut out, mut owner) = (String::new(), Vec::new());
        assert!(term.render(&codes, &mut out, &mut owner, &mut Vec::new()));
        assert_eq!(out, " aTZS");
        assert_eq!(owner, [0, 0, 1, 2, 3]);
        let (term, codes) = compile("tzs", "设种特");
        assert!(!term.render(&codes, &mut out, &mut owner, &mut Vec::new()));
    }

    #[test]
    fn long_gaps_are_cut() {
        let (term, codes) = compile("tb", "一二三四五六特七九十二八九");
        let (mut out, mut owner) = (String::new(), Vec::new());
        assert!(term.render(&codes, &mut out, &mut owner, &mut Vec::new()));
        assert_eq!(out, " aTaaB");
        assert_eq!(owner, [0, 5, 6, 10, 10, 11]);
    }
}
