//! Finding items by keyword, over the Chinese text and its pinyin (full,
//! initials and mixed; every reading of polyphonic characters).
//!
//! A query is split into words at spaces (U+3000 included); an entry is a hit
//! when every word matches it somewhere, in any order, and its score is the
//! sum of the words' best scores. A word matches when a stretch of the
//! entry's chars, in order, can spell it: each char taken literally or by a
//! prefix of one of its readings, so `tzsb`, `tezhongshebei` and `tezhongsb`
//! all find 特种设备. Whether a word can match is decided first by a bit-set
//! walk over the readings ([`term`]); how well, by [`rank`], which knows
//! syllables, words and the fields of an item: its own text and label weigh
//! most, then its sub-criteria and criteria, then its departments.
//!
//! The lines of `kaohe search -` are ranked by fuzzy-matcher's
//! `SkimMatcherV2` over a string rendered from the text and the readings a
//! word can use, as fzf would rank them.

mod classes;
mod fold;
mod pieces;
mod rank;
mod term;

use crate::rubric::Item;
use classes::Classes;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::cmp::Ordering;
use std::fmt;
use std::ops::Range;
use term::Term;

/// Below this many entries a search is over before a thread could start.
const PARALLEL_MIN: usize = 2048;
/// A search is short; more threads than this only add start-up cost.
const MAX_THREADS: usize = 8;
/// Renderings remembered per word and thread: enough for the repetitive
/// short words, bounded for long ones where repeats are rare.
const MEMO_LIMIT: usize = 4096;

/// fuzzy-matcher's answer (score, char positions) per rendered string.
type Memo = crate::fast_hash::FastMap<String, Option<(i64, Vec<usize>)>>;

/// Where in an entry a word matched; the weight a match there carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The entry's own text (an item's label and text): what a list shows.
    Main,
    /// A line of what explains it (an item's sub-criteria and criteria).
    Detail,
    /// Who it belongs to (an item's departments).
    Owner,
}

impl Field {
    fn weight(self) -> i64 {
        match self {
            Field::Main => 4,
            Field::Detail => 2,
            Field::Owner => 1,
        }
    }
}

/// One entry to index: what is shown and searched first, and the lines
/// searched after it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub text: String,
    pub details: Vec<String>,
    pub owners: Vec<String>,
}

/// How hits are ranked: rubric text by syllables and fields ([`rank`]);
/// the lines of `kaohe search -` as fzf ranks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ranking {
    Words,
    Lines,
}

/// Items (or any keyed texts) ready to be searched on every keystroke.
#[derive(Clone)]
pub struct SearchIndex {
    keys: Vec<String>,
    texts: Vec<String>,
    /// Entry i's lines are `lines[first_line[i]..first_line[i + 1]]`; line j's
    /// chars are `codes[line_start[j]..line_start[j + 1]]`, one class id per char.
    first_line: Vec<usize>,
    line_start: Vec<usize>,
    line_field: Vec<Field>,
    /// The text of each line that is not an entry's main text, by line id
    /// (empty for main lines, whose text is in `texts`).
    line_text: Vec<String>,
    codes: Vec<u32>,
    classes: Classes,
    /// Per class: [`rank::char_flags`].
    flags: Vec<u8>,
    /// Per line: the letters its chars can begin a piece with
    /// ([`Classes::letters`]); a line without a letter a word must begin a
    /// piece with is passed over without reading its chars.
    line_letters: Vec<u32>,
    ranking: Ranking,
    threads: usize,
}

/// One entry that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The entry: see [`SearchIndex::key`] and [`SearchIndex::text`].
    pub index: usize,
    /// The sum of the words' scores; higher is better.
    pub score: i64,
    /// Char indices (not bytes) into `text(index)` to highlight, ascending.
    /// Filled for the first [`HIGHLIGHTED`] hits; a list shows no more.
    pub highlight: Vec<usize>,
    /// Where a word matched outside the main text (a criteria line), when
    /// one did: the line and its chars to highlight.
    pub detail: Option<Detail>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub field: Field,
    pub text: String,
    pub highlight: Vec<usize>,
}

/// A query's words, and the phrase they make together.
struct Terms {
    words: Vec<Term>,
    phrase: Option<Term>,
}

/// Hits whose highlights (and detail lines) are worked out; a search list
/// never shows more, and working them out for every hit of a one-letter
/// word would double its time.
pub const HIGHLIGHTED: usize = 500;

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("entries", &self.keys.len())
            .field("lines", &self.line_field.len())
            .field("distinct_chars", &self.classes.classes.len())
            .finish()
    }
}

/// What an item is found by and shown as: its label and text on one line.
pub fn item_text(item: &Item) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(label) = item.label.as_deref() {
        parts.extend(label.lines().map(str::trim).filter(|l| !l.is_empty()));
    }
    parts.extend(item.text.lines().map(str::trim).filter(|l| !l.is_empty()));
    // A list row and a `kaohe search` line must stay one line.
    parts.join(" ").replace('\t', " ")
}

/// An item as an entry: its text, then its sub-criteria and criteria line
/// by line, then its departments. A criteria line that only numbers a
/// sub-criterion (`1. 质量管理措施…` beside the sub 质量管理措施…) is
/// searched once, as the sub.
pub fn item_entry(item: &Item) -> Entry {
    let mut details: Vec<String> = Vec::new();
    let mut add = |line: &str| {
        let line = line.trim().replace('\t', " ");
        if !line.is_empty() && !details.contains(&line) {
            details.push(line);
        }
    };
    let subs: Vec<&str> = item
        .subs
        .iter()
        .map(|s| s.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    subs.iter().flat_map(|s| s.lines()).for_each(&mut add);
    item.criteria
        .lines()
        .filter(|line| !subs.iter().any(|sub| line.contains(sub)))
        .for_each(&mut add);
    Entry {
        key: item.id.clone(),
        text: item_text(item),
        details,
        owners: item.departments.clone(),
    }
}

impl SearchIndex {
    /// One entry per item, keyed by the item id; the text shown and searched
    /// first is the item's label (if any) and text, e.g.
    /// "工程质量 根据水利建设质量工作开展情况得分。(5分)", then its criteria.
    pub fn from_items<'a>(items: impl IntoIterator<Item = &'a Item>) -> SearchIndex {
        SearchIndex::from_entries(items.into_iter().map(item_entry))
    }

    /// Plain lines (`kaohe search -`), whose keys are empty: a hit is known
    /// by its index, the line's number from 0. Ranked as fzf ranks.
    pub fn from_lines(lines: impl IntoIterator<Item = String>) -> SearchIndex {
        let mut index = SearchIndex::new(lines.into_iter().map(|line| (String::new(), line)));
        index.ranking = Ranking::Lines;
        index
    }

    /// Any (key, text) pairs, each only a main text.
    pub fn new(entries: impl IntoIterator<Item = (String, String)>) -> SearchIndex {
        SearchIndex::from_entries(entries.into_iter().map(|(key, text)| Entry {
            key,
            text,
            ..Entry::default()
        }))
    }

    pub fn from_entries(entries: impl IntoIterator<Item = Entry>) -> SearchIndex {
        let mut classes = Classes::new();
        let mut index = SearchIndex {
            keys: Vec::new(),
            texts: Vec::new(),
            first_line: vec![0],
            line_start: vec![0],
            line_field: Vec::new(),
            line_text: Vec::new(),
            codes: Vec::new(),
            classes: Classes::default(),
            flags: Vec::new(),
            line_letters: Vec::new(),
            ranking: Ranking::Words,
            threads: std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .clamp(1, MAX_THREADS),
        };
        for entry in entries {
            let mut add = |text: &str, field: Field, shown: String| {
                index.codes.extend(text.chars().map(|c| classes.intern(fold::fold(c))));
                index.line_start.push(index.codes.len());
                index.line_field.push(field);
                index.line_text.push(shown);
            };
            add(&entry.text, Field::Main, String::new());
            for line in entry.details {
                add(&line, Field::Detail, line.clone());
            }
            for owner in entry.owners {
                add(&owner, Field::Owner, owner.clone());
            }
            index.first_line.push(index.line_field.len());
            index.keys.push(entry.key);
            index.texts.push(entry.text);
        }
        classes.shrink();
        index.flags = classes.classes.iter().map(|c| rank::char_flags(c.glyph)).collect();
        let letters: Vec<u32> = classes.classes.iter().map(|c| classes.letters(c)).collect();
        index.line_letters = (0..index.line_field.len())
            .map(|line| {
                index
                    .line_codes(line)
                    .iter()
                    .fold(0, |m, &c| m | letters.get(c as usize).copied().unwrap_or(0))
            })
            .collect();
        index.classes = classes;
        index
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The entry's key (for items, the item id). Panics when out of range, like a slice.
    pub fn key(&self, index: usize) -> &str {
        &self.keys[index]
    }

    /// The entry's text, which [`Hit::highlight`] indexes by char.
    pub fn text(&self, index: usize) -> &str {
        &self.texts[index]
    }

    fn line_codes(&self, line: usize) -> &[u32] {
        match (self.line_start.get(line), self.line_start.get(line + 1)) {
            (Some(&a), Some(&b)) => self.codes.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    fn lines_of(&self, index: usize) -> Range<usize> {
        match (self.first_line.get(index), self.first_line.get(index + 1)) {
            (Some(&a), Some(&b)) => a..b,
            _ => 0..0,
        }
    }

    /// Best first; ties keep entry order. An empty or blank query has no hits.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let folded: String = query.chars().map(fold::fold).collect();
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let terms: Vec<Term> = words.iter().map(|w| Term::compile(w, &self.classes)).collect();
        if terms.is_empty() || self.is_empty() {
            return Vec::new();
        }
        // Words that also read as one phrase (消费品 标准 in 消费品标准) earn
        // that phrase's score too, halved.
        let phrase = (words.len() > 1).then(|| Term::compile(&words.concat(), &self.classes));
        let terms = Terms { words: terms, phrase };
        let matcher = SkimMatcherV2::default().ignore_case();
        let n = self.len();
        let threads = if n >= PARALLEL_MIN { self.threads } else { 1 };
        let mut hits = match self.ranking {
            Ranking::Words => self
                .in_parallel(
                    threads,
                    |range| self.scan_words(range, &terms),
                    |&(score, index)| (score, index),
                )
                .into_iter()
                .map(|(score, index)| Hit {
                    index,
                    score,
                    highlight: Vec::new(),
                    detail: None,
                })
                .collect(),
            Ranking::Lines => self.in_parallel(
                threads,
                |range| self.scan_lines(range, &terms.words, &matcher),
                |h: &Hit| (h.score, h.index),
            ),
        };
        if self.ranking == Ranking::Words {
            // The first hits' highlights, shared among the threads too: on
            // a one-letter word at 100k entries they are a sixth of the time.
            let shown = hits.len().min(HIGHLIGHTED);
            let chunk = shown.div_ceil(threads.max(1)).max(1);
            let terms = &terms;
            std::thread::scope(|scope| {
                let mut parts = hits[..shown].chunks_mut(chunk);
                let first = parts.next();
                for part in parts {
                    scope.spawn(move || {
                        let mut scratch = rank::Scratch::default();
                        for hit in part {
                            self.explain(hit, terms, &mut scratch);
                        }
                    });
                }
                let mut scratch = rank::Scratch::default();
                for hit in first.into_iter().flatten() {
                    self.explain(hit, terms, &mut scratch);
                }
            });
        }
        hits
    }

    /// `scan` over the entries on `threads` threads, its runs (each best
    /// first, ties in entry order) merged into one.
    fn in_parallel<T: Send>(
        &self,
        threads: usize,
        scan: impl Fn(Range<usize>) -> Vec<T> + Sync,
        rank: fn(&T) -> (i64, usize),
    ) -> Vec<T> {
        let n = self.len();
        if threads <= 1 {
            return scan(0..n);
        }
        let chunk = n.div_ceil(threads);
        let scan = &scan;
        std::thread::scope(|scope| {
            let workers: Vec<_> = (1..threads)
                .map(|t| {
                    let range = (t * chunk).min(n)..((t + 1) * chunk).min(n);
                    scope.spawn(move || scan(range))
                })
                .collect();
            let mut found = scan(0..chunk.min(n));
            for worker in workers {
                match worker.join() {
                    Ok(more) => found = merge(found, more, rank),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            found
        })
    }

    /// Each word's best line and score in an entry, or None when a word
    /// matches nowhere in it.
    fn score_entry(&self, index: usize, terms: &Terms, scratch: &mut rank::Scratch) -> Option<(i64, Vec<usize>)> {
        let mut total = 0;
        let mut lines = Vec::with_capacity(terms.words.len());
        for term in &terms.words {
            let mut best: Option<(i64, usize)> = None;
            let ceiling = i64::from(term.best_possible().max(1));
            for line in self.lines_of(index) {
                // Lines come heaviest field first: once no line of this
                // field could score higher, none is read.
                let field = self.line_field.get(line).copied().unwrap_or(Field::Owner);
                if best.is_some_and(|(b, _)| b >= ceiling * field.weight()) {
                    break;
                }
                let letters = self.line_letters.get(line).copied().unwrap_or(u32::MAX);
                if letters & term.required_letters() != term.required_letters() {
                    continue;
                }
                let codes = self.line_codes(line);
                let found = if term.is_lattice() {
                    if !term.reaches(codes, &self.flags) {
                        continue;
                    }
                    rank::best(term, codes, &self.flags, false, scratch)
                } else {
                    rank::literal_run(&term.text, codes, &self.classes)
                };
                let Some((score, _)) = found else { continue };
                let score = score + rank::short_line(codes.len());
                let weighted = i64::from(score.max(1)) * field.weight();
                if best.is_none_or(|(b, _)| weighted > b) {
                    best = Some((weighted, line));
                }
            }
            let (score, line) = best?;
            total += score;
            lines.push(line);
        }
        if let Some(phrase) = &terms.phrase {
            let best_line = self
                .lines_of(index)
                .filter_map(|line| {
                    let codes = self.line_codes(line);
                    if !phrase.is_lattice() || !phrase.reaches(codes, &self.flags) {
                        return None;
                    }
                    let (score, _) = rank::best(phrase, codes, &self.flags, false, scratch)?;
                    let field = self.line_field.get(line).copied().unwrap_or(Field::Owner);
                    Some(i64::from(score.max(1)) * field.weight())
                })
                .max();
            total += best_line.unwrap_or(0) / 2;
        }
        Some((total, lines))
    }

    /// (score, entry) of the entries in `range` that match, best first.
    /// Pairs, not hits: a one-letter word matches most of 100k entries, and
    /// sorting them is moving them.
    fn scan_words(&self, range: Range<usize>, terms: &Terms) -> Vec<(i64, usize)> {
        let mut hits = Vec::new();
        let mut scratch = rank::Scratch::default();
        for index in range {
            // Each line is walked before it is scored: most are turned away there.
            if let Some((score, _)) = self.score_entry(index, terms, &mut scratch) {
                hits.push((score, index));
            }
        }
        // Hits come in entry order, so a stable sort by score alone keeps ties in it.
        hits.sort_by_key(|&(score, _)| std::cmp::Reverse(score));
        hits
    }

    /// The chars a hit's words use: highlights in its main text, and the
    /// first other line a word matched in, with its own.
    fn explain(&self, hit: &mut Hit, terms: &Terms, scratch: &mut rank::Scratch) {
        let Some((_, lines)) = self.score_entry(hit.index, terms, scratch) else {
            return;
        };
        let main = self.lines_of(hit.index).start;
        let shown = lines.iter().copied().find(|&l| l != main);
        let mut detail: Vec<usize> = Vec::new();
        for (term, &line) in terms.words.iter().zip(&lines) {
            if line != main && Some(line) != shown {
                continue;
            }
            let codes = self.line_codes(line);
            let used = if term.is_lattice() {
                rank::best(term, codes, &self.flags, true, scratch).map(|(_, used)| used)
            } else {
                rank::literal_run(&term.text, codes, &self.classes).map(|(_, used)| used)
            };
            let target = if line == main { &mut hit.highlight } else { &mut detail };
            target.extend(used.unwrap_or_default());
        }
        hit.highlight.sort_unstable();
        hit.highlight.dedup();
        detail.sort_unstable();
        detail.dedup();
        hit.detail = shown.map(|line| Detail {
            field: self.line_field.get(line).copied().unwrap_or(Field::Detail),
            text: self.line_text.get(line).cloned().unwrap_or_default(),
            highlight: detail,
        });
    }

    /// The lines of `kaohe search -`, scored by fuzzy-matcher as fzf would.
    fn scan_lines(&self, range: Range<usize>, terms: &[Term], matcher: &SkimMatcherV2) -> Vec<Hit> {
        // Short words hit most entries; growing the vector by doubling would copy it again and again.
        let mut hits = Vec::with_capacity(range.len() / 2);
        let mut rendered = String::new();
        let mut owner: Vec<u32> = Vec::new();
        let mut finish: Vec<u128> = Vec::new();
        // A short word renders many entries alike (`t` gives " aT" over and
        // over, since gaps are cut), and those words are the ones that hit most
        // entries: remember what fuzzy-matcher said of each rendering.
        let mut seen: Vec<Memo> = terms.iter().map(|_| Memo::default()).collect();
        'entries: for index in range {
            let codes = self.line_codes(self.first_line[index]);
            // The forward walk stops at the first spelling and turns most entries
            // away before any rendering or scoring; a lone word that walks is
            // told by rendering.
            if !terms
                .iter()
                .all(|t| (terms.len() == 1 && t.walks()) || t.reaches(codes, &self.flags))
            {
                continue;
            }
            let mut score = 0;
            let mut highlight: Vec<usize> = Vec::new();
            for (term, seen) in terms.iter().zip(seen.iter_mut()) {
                if !term.render(codes, &mut rendered, &mut owner, &mut finish) {
                    continue 'entries;
                }
                let found = match seen.get(rendered.as_str()) {
                    Some(found) => found.clone(),
                    None => {
                        let found = matcher.fuzzy_indices(&rendered, &term.text);
                        if seen.len() < MEMO_LIMIT {
                            seen.insert(rendered.clone(), found.clone());
                        }
                        found
                    }
                };
                let Some((s, mut at)) = found else {
                    continue 'entries;
                };
                score += s;
                at.retain_mut(|i| match owner.get(*i) {
                    Some(&c) => {
                        *i = c as usize;
                        true
                    }
                    None => false,
                });
                if highlight.is_empty() {
                    highlight = at;
                } else {
                    highlight.extend(at);
                }
            }
            // One word's positions come ascending; several words' interleave.
            if terms.len() > 1 {
                highlight.sort_unstable();
            }
            highlight.dedup();
            hits.push(Hit {
                index,
                score,
                highlight,
                detail: None,
            });
        }
        // Hits come in entry order, so a stable sort by score alone keeps ties in it.
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        hits
    }
}

/// Two runs, each best first (ties in entry order), as one.
fn merge<T>(a: Vec<T>, b: Vec<T>, rank: fn(&T) -> (i64, usize)) -> Vec<T> {
    let best_first = |x: &T, y: &T| {
        let ((sx, ix), (sy, iy)) = (rank(x), rank(y));
        sy.cmp(&sx).then(ix.cmp(&iy))
    };
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if best_first(x, y) != Ordering::Greater => a.next(),
            (Some(_), Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, _) => b.next(),
        };
        match next {
            Some(hit) => out.push(hit),
            None => return out,
        }
    }
}
