//! A per-event item several departments report (huizhou 4.1.1, "每发生1件
//! 扣10分", named for nine departments): each distinct event counts once in
//! a district however many departments report it. Reports are the same
//! event when their kind, description and day match after
//! [`events::identity`]; every event is listed with who reported it, so
//! that the office sees near-duplicates it must judge.

use super::Slot;
use crate::rubric::{Helper, ScoringUnit};
use crate::scoring::events::{self, EventRecord};
use crate::scoring::helpers::per_event_score;
use crate::seal::payload::Verified;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One event of a joint per-event item in one district, as the merge
/// counted it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JointEvent {
    pub item: String,
    /// The first report's words.
    pub event: EventRecord,
    /// Every department that reported it, in the order of the item's departments.
    pub reporters: Vec<String>,
}

/// The item's score in one district from the distinct events its
/// departments reported, and the events; None when no department scored it.
pub(super) fn combined(
    units: &[ScoringUnit<'_>],
    unit_indices: &[usize],
    slots: &[Slot],
    winners: &[Verified],
) -> Option<(Decimal, Vec<JointEvent>)> {
    let first = units.get(*unit_indices.first()?)?;
    let Some(Helper::PerEvent { events: kinds, .. }) = first.helper() else {
        return None;
    };
    let mut scored = false;
    let mut seen: BTreeMap<(u32, String, Option<String>), usize> = BTreeMap::new();
    let mut listed: Vec<JointEvent> = Vec::new();
    for &u in unit_indices {
        let slot = &slots[u];
        if slot.score.is_none() {
            continue;
        }
        scored = true;
        let w = &winners[slot.file as usize];
        let Some(input) = &w.scores.scores[slot.entry as usize].input else {
            continue;
        };
        for event in input.events() {
            let department = &w.scores.department;
            match seen.entry(events::identity(event)) {
                std::collections::btree_map::Entry::Occupied(at) => {
                    let reporters = &mut listed[*at.get()].reporters;
                    if !reporters.contains(department) {
                        reporters.push(department.clone());
                    }
                }
                std::collections::btree_map::Entry::Vacant(slot) => {
                    slot.insert(listed.len());
                    listed.push(JointEvent {
                        item: first.item.id.clone(),
                        event: event.clone(),
                        reporters: vec![department.clone()],
                    });
                }
            }
        }
    }
    if !scored {
        return None;
    }
    let all: Vec<EventRecord> = listed.iter().map(|e| e.event.clone()).collect();
    let counts = events::tally(&all, kinds.len());
    let score = per_event_score(kinds, &counts, first.points, Decimal::NEGATIVE_ONE);
    Some((score, listed))
}

/// `4.1.1 某商场电梯事故（2017-03-05）：质监部门、工商部门`.
pub fn line(e: &JointEvent) -> String {
    format!("{} {}：{}", e.item, events::shown(&e.event), e.reporters.join("、"))
}
