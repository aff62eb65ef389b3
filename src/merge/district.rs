//! One district's result: item scores, key-point and area subtotals, the
//! totals, the veto and each veto item's answer, and the grade.

use super::MergeError;
use super::{AreaScore, DistrictResult, JointReport, KeyPointScore, Slot, VetoAnswer, VetoCause, grade_for, positions};
use crate::rubric::{Kind, Rubric};
use crate::scoring::totals::{Overflow, Totals, add, district_totals};
use crate::seal::payload::Verified;
use rust_decimal::Decimal;

/// Where each unit's item, each item's key point and each key point's area
/// is, by index: looked up once, used for every district.
pub(super) struct Layout {
    unit_item: Vec<usize>,
    item_kp: Vec<Option<usize>>,
    kp_area: Vec<Option<usize>>,
    /// Each per-event item several departments report, by its item index,
    /// with its units: scored from the distinct events, not added up.
    joint_events: Vec<(usize, Vec<usize>)>,
    /// Per unit: one of `joint_events`' units.
    in_joint_events: Vec<bool>,
}

impl Layout {
    pub(super) fn of(rubric: &Rubric, units: &[crate::rubric::ScoringUnit<'_>]) -> Layout {
        let item_index = positions(rubric.items.iter().map(|it| it.id.as_str()));
        let unit_item: Vec<usize> = units
            .iter()
            .map(|u| item_index.get(u.item.id.as_str()).copied().unwrap_or(0))
            .collect();
        let kp_index = positions(rubric.key_points.iter().map(|k| k.id.as_str()));
        let item_kp: Vec<Option<usize>> = rubric
            .items
            .iter()
            .map(|it| kp_index.get(it.key_point.as_str()).copied())
            .collect();
        let area_index = positions(rubric.areas.iter().map(|a| a.id.as_str()));
        let kp_area: Vec<Option<usize>> = rubric
            .key_points
            .iter()
            .map(|k| area_index.get(k.area.as_str()).copied())
            .collect();
        let mut joint_events: Vec<(usize, Vec<usize>)> = Vec::new();
        for (u, unit) in units.iter().enumerate() {
            if !crate::scoring::rule::needs_described_events(unit) {
                continue;
            }
            match joint_events.last_mut() {
                Some((item, list)) if *item == unit_item[u] => list.push(u),
                _ => joint_events.push((unit_item[u], vec![u])),
            }
        }
        let mut in_joint_events = vec![false; units.len()];
        for u in joint_events.iter().flat_map(|(_, list)| list) {
            in_joint_events[*u] = true;
        }
        Layout {
            unit_item,
            item_kp,
            kp_area,
            joint_events,
            in_joint_events,
        }
    }
}

/// One district's items, subtotals, total, veto and grade (its rank comes later).
pub(super) fn result(
    rubric: &Rubric,
    layout: &Layout,
    units: &[crate::rubric::ScoringUnit<'_>],
    winners: &[Verified],
    name: &str,
    slots: &[Slot],
) -> Result<DistrictResult, MergeError> {
    let mut veto = None;
    let mut joint = Vec::new();
    let mut unscored = 0;
    for (u, slot) in slots.iter().enumerate() {
        let found = slot.veto == Some(true) || slot.score.is_some_and(|s| !s.is_zero());
        if units[u].item.is_joint_report() && found {
            let w = &winners[slot.file as usize];
            joint.push(JointReport {
                item: units[u].item.id.clone(),
                department: w.scores.department.clone(),
                score: slot.score,
                veto: slot.veto == Some(true),
                note: w.scores.scores[slot.entry as usize].note.clone(),
            });
        }
        match (slot.score, slot.veto) {
            (Some(_), _) => {}
            (None, Some(true)) if veto.is_none() => {
                let w = &winners[slot.file as usize];
                let entry = &w.scores.scores[slot.entry as usize];
                veto = Some(VetoCause {
                    item: units[u].item.id.clone(),
                    text: units[u].item.text.clone(),
                    department: w.scores.department.clone(),
                    note: entry.note.clone(),
                });
            }
            (None, Some(_)) => {}
            (None, None) => unscored += 1,
        }
    }
    let veto_answers = veto_answers(rubric, layout, slots);
    let (counted_once, events) = joint_events(layout, units, slots, winners);
    let scored = slots
        .iter()
        .enumerate()
        .filter(|(u, _)| !layout.in_joint_events[*u])
        .filter_map(|(u, slot)| slot.score.map(|s| (layout.unit_item[u], s)))
        .chain(counted_once);
    let overflow = |o: Overflow| overflow(rubric, units, winners, name, slots, o);
    let items = crate::scoring::totals::item_scores(rubric, scored).map_err(overflow)?;
    let mut kp_scores = vec![Decimal::ZERO; rubric.key_points.len()];
    for (i, score) in items.iter().enumerate() {
        if let (Some(k), Some(score)) = (layout.item_kp[i], score) {
            kp_scores[k] = add(kp_scores[k], *score).map_err(overflow)?;
        }
    }
    let mut areas: Vec<AreaScore> = rubric
        .areas
        .iter()
        .map(|a| AreaScore {
            id: a.id.clone(),
            name: a.name.clone(),
            score: Decimal::ZERO,
            key_points: Vec::new(),
        })
        .collect();
    for (k, kp) in rubric.key_points.iter().enumerate() {
        if let Some(a) = layout.kp_area[k] {
            areas[a].score = add(areas[a].score, kp_scores[k]).map_err(overflow)?;
            areas[a].key_points.push(KeyPointScore {
                id: kp.id.clone(),
                name: kp.name.clone(),
                score: kp_scores[k],
            });
        }
    }
    let Totals {
        standard,
        deductions,
        bonus_raw,
        bonus_counted,
        total,
    } = district_totals(rubric, &items).map_err(overflow)?;
    let grade = if veto.is_some() {
        rubric.lowest_grade().map(|g| g.name.clone()).unwrap_or_default()
    } else {
        grade_for(rubric, total)
    };
    Ok(DistrictResult {
        name: name.to_string(),
        items,
        areas,
        standard,
        deductions,
        bonus_raw,
        bonus_counted,
        total,
        veto,
        joint,
        events,
        grade,
        rank: 0,
        unscored,
        veto_answers,
    })
}

/// Each joint per-event item's score from its distinct events, and the
/// events with their reporters.
fn joint_events(
    layout: &Layout,
    units: &[crate::rubric::ScoringUnit<'_>],
    slots: &[Slot],
    winners: &[Verified],
) -> (Vec<(usize, Decimal)>, Vec<super::JointEvent>) {
    let mut events = Vec::new();
    let mut counted_once = Vec::new();
    for (item, its_units) in &layout.joint_events {
        if let Some((score, listed)) = super::events::combined(units, its_units, slots, winners) {
            counted_once.push((*item, score));
            events.extend(listed);
        }
    }
    (counted_once, events)
}

/// The overflow said with where it is: the district, the item (or its
/// totals), and every file that scored a cell of it there.
fn overflow(
    rubric: &Rubric,
    units: &[crate::rubric::ScoringUnit<'_>],
    winners: &[Verified],
    district: &str,
    slots: &[Slot],
    at: Overflow,
) -> MergeError {
    let item = at.item.and_then(|i| rubric.items.get(i));
    let mut files: Vec<String> = slots
        .iter()
        .enumerate()
        .filter(|(u, slot)| slot.score.is_some() && item.is_none_or(|it| std::ptr::eq(units[*u].item, it)))
        .map(|(_, slot)| winners[slot.file as usize].file.clone())
        .collect();
    files.sort();
    files.dedup();
    MergeError::Overflow {
        district: district.to_string(),
        item: item.map(|it| it.id.clone()),
        files,
    }
}

/// Each veto item's answer in one district: applies if any department
/// said so, clear if every one that answers it said no, else unanswered.
fn veto_answers(rubric: &Rubric, layout: &Layout, slots: &[Slot]) -> Vec<Option<VetoAnswer>> {
    let mut answers: Vec<Option<VetoAnswer>> = rubric
        .items
        .iter()
        .map(|item| (item.kind == Kind::Veto).then_some(VetoAnswer::Clear))
        .collect();
    for (u, slot) in slots.iter().enumerate() {
        if let Some(answer) = answers.get_mut(layout.unit_item[u]).and_then(Option::as_mut) {
            *answer = match (*answer, slot.veto) {
                (VetoAnswer::Applies, _) | (_, Some(true)) => VetoAnswer::Applies,
                (_, None) => VetoAnswer::Unanswered,
                (other, Some(false)) => other,
            };
        }
    }
    answers
}
