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
}

#[derive(Debug, Clone, Copy)]
struct Cell {
    /// A range of `steps`; empty when the char can take no piece of the word.
    steps: (u32, u32),
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

/// Bits i+1..=i+len: after a piece of `len` chars taken at position i.
fn span(i: usize, len: usize) -> u128 {
    ((1u128 << len) - 1) << (i + 1)
}

fn bits(mut mask: u128) -> impl Iterator<Item = usize> {
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
        };
        if !lattice {
            for class in &classes.classes {
                term.cells.push(Cell {
                    steps: (0, 0),
                    fragment: Fragment::One(class.glyph),
                    unused: None,
                });
            }
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

        for class in &classes.classes {
            let glyph = class.glyph;
            let mut local: Vec<(usize, u128)> = bits(positions(glyph)).map(|i| (i, span(i, 1))).collect();
            let mut pieces: Vec<String> = Vec::new();
            if positions(glyph) != 0 {
                pieces.push(glyph.to_string());
            }
            for &r in &class.readings {
                let Some(here) = takes.get(r as usize) else {
                    continue;
                };
                local.extend(here.iter().map(|&(i, n)| (i, span(i, n))));
                let useful = here.iter().map(|&(_, n)| n).max().unwrap_or(0);
                if let Some(prefix) = classes.readings.get(r as usize).and_then(|s| s.get(..useful))
                    && !prefix.is_empty()
                {
                    add_piece(&mut pieces, prefix);
                }
            }
            local.sort_unstable_by_key(|&(i, _)| i);
            let first = term.steps.len();
            for (i, reach) in local {
                let from = 1u128 << i;
                match term.steps.get_mut(first..).and_then(|mine| mine.last_mut()) {
                    Some((last, to)) if *last == from => *to |= reach,
                    _ => term.steps.push((from, reach)),
                }
            }
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
                fragment,
                unused,
            });
        }
        term
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
    pub fn reaches(&self, codes: &[u32]) -> bool {
        if !self.lattice {
            return true;
        }
        let mut reached: u128 = 1;
        for &code in codes {
            let Some(cell) = self.cell(code) else {
                continue;
            };
            // One char takes one piece: steps start from what was reached before it.
            let before = reached;
            for &(from, to) in self.steps(cell) {
                if before & from != 0 {
                    reached |= to;
                }
            }
            if reached & self.goal != 0 {
                return true;
            }
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
            assert!(term.reaches(&codes), "{word}");
        }
        for word in ["hui", "tzsbx", "sbtz"] {
            let (term, codes) = compile(word, "推进特种设备安全监管");
            assert!(!term.reaches(&codes), "{word}");
        }
    }

    #[test]
    fn every_reading_of_a_polyphonic_char() {
        for word in ["yinhang", "yinxing", "yh", "yx", "xingzheng", "hangzheng"] {
            let (term, codes) = compile(word, "银行行政");
            assert!(term.reaches(&codes), "{word}");
        }
    }

    #[test]
    fn one_char_takes_one_piece() {
        // 行 cannot be read as "x" and then "h" at once.
        let (term, codes) = compile("xh", "行");
        assert!(!term.reaches(&codes));
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
