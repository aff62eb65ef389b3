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
        let by_id = units
            .iter()
            .enumerate()
            .map(|(i, u)| ((u.item.id.as_str(), u.sub.map(|s| s.id.as_str())), i))
            .collect();
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

    /// A unit key as the draft writes it: `1.1.3`, or `2.1.2#3` for a part.
    pub fn find_key(&self, key: &str) -> Option<usize> {
        match key.split_once('#') {
            Some((item, sub)) => self.find(item, Some(sub)),
            None => self.find(key, None),
        }
    }
}
