//! What changed from one version of a rubric to the next (last year's and
//! this year's): items matched by their text first, so that an item that
//! moved keeps its history, then by id; each pair compared on points, kind,
//! criteria and departments.

use super::{Item, Kind, Rubric};
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added {
        id: String,
    },
    Removed {
        id: String,
    },
    /// The same item (its text), now under another id or key point.
    Moved {
        from: String,
        to: String,
    },
    Changed {
        id: String,
        what: Vec<Aspect>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Aspect {
    Text,
    Points(Option<Decimal>, Option<Decimal>),
    Kind(Kind, Kind),
    Criteria,
    Departments(Vec<String>, Vec<String>),
    /// The parts it is scored by (their number, or their points).
    Parts,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// In the new rubric's order, then what was removed in the old one's.
    pub changes: Vec<Change>,
}

impl Diff {
    /// The changes that touch a department: its items added, removed, moved
    /// or changed, in either version.
    pub fn for_department(&self, old: &Rubric, new: &Rubric, department: &str) -> Diff {
        let scored = |r: &Rubric, id: &str| r.items.iter().any(|i| i.id == id && i.is_scored_by(department));
        let changes = self
            .changes
            .iter()
            .filter(|c| match c {
                Change::Added { id } => scored(new, id),
                Change::Removed { id } => scored(old, id),
                Change::Moved { from, to } => scored(old, from) || scored(new, to),
                Change::Changed { id, .. } => scored(old, id) || scored(new, id),
            })
            .cloned()
            .collect();
        Diff { changes }
    }
}

pub fn diff(old: &Rubric, new: &Rubric) -> Diff {
    let mut old_taken = vec![false; old.items.len()];
    let mut pairs: Vec<(usize, Option<usize>)> = Vec::new();
    for (n, item) in new.items.iter().enumerate() {
        let same_text = old
            .items
            .iter()
            .enumerate()
            .find(|(o, it)| !old_taken[*o] && !item.text.is_empty() && it.text == item.text)
            .map(|(o, _)| o);
        if let Some(o) = same_text {
            old_taken[o] = true;
        }
        pairs.push((n, same_text));
    }
    for pair in pairs.iter_mut().filter(|p| p.1.is_none()) {
        let id = &new.items[pair.0].id;
        if let Some(o) = old.items.iter().position(|it| &it.id == id)
            && !old_taken[o]
        {
            old_taken[o] = true;
            pair.1 = Some(o);
        }
    }
    let mut changes = Vec::new();
    for (n, o) in pairs {
        let now = &new.items[n];
        let Some(o) = o else {
            changes.push(Change::Added { id: now.id.clone() });
            continue;
        };
        let was = &old.items[o];
        if was.id != now.id || was.key_point != now.key_point {
            changes.push(Change::Moved {
                from: was.id.clone(),
                to: now.id.clone(),
            });
        }
        let what = aspects(was, now);
        if !what.is_empty() {
            changes.push(Change::Changed {
                id: now.id.clone(),
                what,
            });
        }
    }
    for (o, item) in old.items.iter().enumerate() {
        if !old_taken[o] {
            changes.push(Change::Removed { id: item.id.clone() });
        }
    }
    Diff { changes }
}

fn aspects(was: &Item, now: &Item) -> Vec<Aspect> {
    let mut what = Vec::new();
    if was.text != now.text {
        what.push(Aspect::Text);
    }
    if was.points != now.points {
        what.push(Aspect::Points(was.points, now.points));
    }
    if was.kind != now.kind {
        what.push(Aspect::Kind(was.kind, now.kind));
    }
    if was.criteria != now.criteria {
        what.push(Aspect::Criteria);
    }
    let departments = |it: &Item| {
        let mut all = it.departments.clone();
        for sub in &it.subs {
            for d in &sub.departments {
                if !all.contains(d) {
                    all.push(d.clone());
                }
            }
        }
        all
    };
    if departments(was) != departments(now) {
        what.push(Aspect::Departments(departments(was), departments(now)));
    }
    let parts = |it: &Item| it.subs.iter().map(|s| s.points).collect::<Vec<_>>();
    if parts(was) != parts(now) {
        what.push(Aspect::Parts);
    }
    what
}
