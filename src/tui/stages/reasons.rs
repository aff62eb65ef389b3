//! Reasons to reuse while a 评分依据 is written: those already written for
//! the same unit in other districts (most used first), then the
//! department's phrase list, filtered as the note is typed by the search's
//! own ranking (Chinese, pinyin, initials).

use crate::scoring::session::Session;
use crate::search::SearchIndex;

/// Reasons offered at most.
pub const OFFERED: usize = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub text: String,
    /// The districts whose cell says it, or none for a phrase of the list.
    pub districts: Vec<String>,
}

/// The reasons for the cell `(district, unit)`, best first for `typed`.
pub fn suggestions(session: &Session, (district, unit): (usize, usize), typed: &str) -> Vec<Suggestion> {
    let Some(u) = session.units.get(unit) else {
        return Vec::new();
    };
    let mut offered: Vec<Suggestion> = Vec::new();
    for (d, name) in session.rubric.districts.iter().enumerate() {
        if d == district {
            continue;
        }
        let Some(note) = session.cell(d, u).map(|c| c.note.trim()).filter(|n| !n.is_empty()) else {
            continue;
        };
        match offered.iter_mut().find(|s| s.text == note) {
            Some(s) => s.districts.push(name.clone()),
            None => offered.push(Suggestion {
                text: note.to_string(),
                districts: vec![name.clone()],
            }),
        }
    }
    // The reason most districts were given first; ties keep the districts' order.
    offered.sort_by_key(|s| std::cmp::Reverse(s.districts.len()));
    for phrase in &session.phrases {
        if !offered.iter().any(|s| &s.text == phrase) {
            offered.push(Suggestion {
                text: phrase.clone(),
                districts: Vec::new(),
            });
        }
    }
    let typed = typed.trim();
    offered.retain(|s| s.text != typed);
    if typed.is_empty() {
        offered.truncate(OFFERED);
        return offered;
    }
    let index = SearchIndex::new(offered.iter().enumerate().map(|(i, s)| (i.to_string(), s.text.clone())));
    index
        .search(typed)
        .into_iter()
        .take(OFFERED)
        .filter_map(|hit| offered.get(hit.index).cloned())
        .collect()
}
