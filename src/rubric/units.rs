//! Every scoring unit of a rubric (a whole item, or one department's part of
//! a split item) and the one lookup from `(item, sub)` or a unit key
//! (`1.1.3`, `2.1.2#3`) to it, shared by import, verification and the merge.

use super::{Rubric, ScoringUnit};
use crate::fast_hash::FastMap;

pub struct UnitIndex<'r> {
    units: Vec<ScoringUnit<'r>>,
    by_id: FastMap<(&'r str, Option<&'r str>), usize>,
}

impl<'r> UnitIndex<'r> {
    pub fn new(rubric: &'r Rubric) -> UnitIndex<'r> {
        let units: Vec<ScoringUnit<'r>> = rubric.scoring_units().collect();
        let mut by_id: FastMap<(&'r str, Option<&'r str>), usize> = FastMap::default();
        // The first of a joint item's reporters: the others follow it.
        for (i, u) in units.iter().enumerate() {
            by_id
                .entry((u.item.id.as_str(), u.sub.map(|s| s.id.as_str())))
                .or_insert(i);
        }
        UnitIndex { units, by_id }
    }

    /// The units in document order; indices into this are what `find` returns.
    pub fn units(&self) -> &[ScoringUnit<'r>] {
        &self.units
    }

    pub fn find(&self, item: &str, sub: Option<&str>) -> Option<usize> {
        self.by_id.get(&(item, sub)).copied()
    }

    pub fn get(&self, item: &str, sub: Option<&str>) -> Option<&ScoringUnit<'r>> {
        self.find(item, sub).map(|i| &self.units[i])
    }

    /// Every unit of `(item, sub)`: one, or one per reporting department of a
    /// joint veto or deduction.
    pub fn all(&self, item: &str, sub: Option<&str>) -> &[ScoringUnit<'r>] {
        let Some(first) = self.find(item, sub) else { return &[] };
        let same = self.units[first..]
            .iter()
            .take_while(|u| u.item.id == item && u.sub.map(|s| s.id.as_str()) == sub)
            .count();
        &self.units[first..first + same]
    }

    /// The unit of `(item, sub)` that `department` scores.
    pub fn find_for(&self, item: &str, sub: Option<&str>, department: &str) -> Option<usize> {
        let first = self.find(item, sub)?;
        self.all(item, sub)
            .iter()
            .position(|u| u.department == department)
            .map(|i| first + i)
    }

    /// A unit key as the draft writes it: `1.1.3`, or `2.1.2#3` for a part.
    pub fn find_key(&self, key: &str) -> Option<usize> {
        let (item, sub) = split_key(key);
        self.find(item, sub)
    }

    /// The unit of a key that `department` scores.
    pub fn find_key_for(&self, key: &str, department: &str) -> Option<&ScoringUnit<'r>> {
        let (item, sub) = split_key(key);
        self.find_for(item, sub, department).map(|u| &self.units[u])
    }
}

/// `2.1.2#3` → (`2.1.2`, Some(`3`)).
fn split_key(key: &str) -> (&str, Option<&str>) {
    match key.split_once('#') {
        Some((item, sub)) => (item, Some(sub)),
        None => (key, None),
    }
}
