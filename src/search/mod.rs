//! Finding items by keyword: fuzzy matching over the Chinese text and its
//! pinyin (full and initials, every reading of polyphonic characters).
//!
//! A query is split into words at spaces (U+3000 included); an entry is a hit
//! when every word matches it, and its score is the sum of the words' scores.
//! A word matches when the entry's chars, in order and with gaps, can spell
//! it: each char taken literally or by a prefix of any of its readings, so
//! `tzsb`, `tezhongshebei` and `tezhongsb` all find 特种设备, and 行 answers to
//! both `hang` and `xing`. Whether a word matches is decided by a bit-set walk
//! over the readings ([`term`]); how well is fuzzy-matcher's `SkimMatcherV2`
//! score over a string rendered from the text and the readings the word can
//! use, whose chars map back to the text's chars for highlighting.

mod classes;
mod fold;
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

/// Items (or any keyed texts) ready to be searched on every keystroke.
#[derive(Clone)]
pub struct SearchIndex {
    keys: Vec<String>,
    texts: Vec<String>,
    /// Entry i's chars are `codes[starts[i]..starts[i + 1]]`, one class id per char.
    starts: Vec<usize>,
    codes: Vec<u32>,
    classes: Classes,
    threads: usize,
}

/// One entry that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The entry: see [`SearchIndex::key`] and [`SearchIndex::text`].
    pub index: usize,
    /// fuzzy-matcher's score, summed over the query's words; higher is better.
    pub score: i64,
    /// Char indices (not bytes) into `text(index)` to highlight, ascending.
    pub highlight: Vec<usize>,
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("entries", &self.keys.len())
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

impl SearchIndex {
    /// One entry per item, keyed by the item id; the text shown and searched
    /// is the item's label (if any) and text, e.g.
    /// "工程质量 根据水利建设质量工作开展情况得分。(5分)".
    pub fn from_items<'a>(items: impl IntoIterator<Item = &'a Item>) -> SearchIndex {
        SearchIndex::new(items.into_iter().map(|item| (item.id.clone(), item_text(item))))
    }

    /// Plain lines (`kaohe search -`), whose keys are empty: a hit is known
    /// by its index, the line's number from 0.
    pub fn from_lines(lines: impl IntoIterator<Item = String>) -> SearchIndex {
        SearchIndex::new(lines.into_iter().map(|line| (String::new(), line)))
    }

    /// Any (key, text) pairs.
    pub fn new(entries: impl IntoIterator<Item = (String, String)>) -> SearchIndex {
        let mut classes = Classes::new();
        let mut keys = Vec::new();
        let mut texts = Vec::new();
        let mut starts = vec![0];
        let mut codes = Vec::new();
        for (key, text) in entries {
            codes.extend(text.chars().map(|c| classes.intern(fold::fold(c))));
            starts.push(codes.len());
            keys.push(key);
            texts.push(text);
        }
        classes.shrink();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, MAX_THREADS);
        SearchIndex {
            keys,
            texts,
            starts,
            codes,
            classes,
            threads,
        }
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

    fn codes(&self, index: usize) -> &[u32] {
        match (self.starts.get(index), self.starts.get(index + 1)) {
            (Some(&a), Some(&b)) => self.codes.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Best first; ties keep entry order. An empty or blank query has no hits.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let folded: String = query.chars().map(fold::fold).collect();
        let terms: Vec<Term> = folded
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| Term::compile(w, &self.classes))
            .collect();
        if terms.is_empty() || self.is_empty() {
            return Vec::new();
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        let n = self.len();
        let threads = if n >= PARALLEL_MIN { self.threads } else { 1 };
        if threads <= 1 {
            return self.scan(0..n, &terms, &matcher);
        }
        let chunk = n.div_ceil(threads);
        let (terms, matcher) = (&terms, &matcher);
        std::thread::scope(|scope| {
            let workers: Vec<_> = (1..threads)
                .map(|t| {
                    let range = (t * chunk).min(n)..((t + 1) * chunk).min(n);
                    scope.spawn(move || self.scan(range, terms, matcher))
                })
                .collect();
            let mut hits = self.scan(0..chunk.min(n), terms, matcher);
            for worker in workers {
                match worker.join() {
                    Ok(more) => hits = merge(hits, more),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            hits
        })
    }

    fn scan(&self, range: Range<usize>, terms: &[Term], matcher: &SkimMatcherV2) -> Vec<Hit> {
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
            let codes = self.codes(index);
            // The forward walk stops at the first spelling and turns most entries
            // away before any rendering or scoring; a lone word that walks is
            // told by rendering.
            if !terms
                .iter()
                .all(|t| (terms.len() == 1 && t.walks()) || t.reaches(codes))
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
            });
        }
        // Hits come in entry order, so a stable sort by score alone keeps ties in it.
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        hits
    }
}

fn best_first(a: &Hit, b: &Hit) -> Ordering {
    b.score.cmp(&a.score).then(a.index.cmp(&b.index))
}

/// Two runs, each best first, as one.
fn merge(a: Vec<Hit>, b: Vec<Hit>) -> Vec<Hit> {
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
