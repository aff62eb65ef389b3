//! One analyst's scoring session, as a pure value: the department's units
//! (its share of the rubric), the draft, where the analyst is, the walk
//! order, progress, subtotals, and undo/redo. No terminal and no disk: the
//! workbench draws it and saves its draft; tests drive it directly.

use super::draft::{Cell, Draft, Walk, unit_key};
use super::totals;
use crate::rubric::{Helper, Item, Kind, Rubric, ScoringUnit, Sub};
use rust_decimal::Decimal;

/// The department's share of the rubric: a whole item, or its part of a split item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Index into the rubric's items.
    pub item: usize,
    /// Index into the item's sub-criteria, for a part of a split item.
    pub sub: Option<usize>,
    /// The draft's key for it (`1.1.3`, `2.1.2#3`).
    pub key: String,
}

/// One accepted change, for undo and redo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub district: String,
    pub unit: String,
    pub before: Cell,
    pub after: Cell,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub rubric: Rubric,
    /// The rubric as the analyst named it (bundled id or path), remembered.
    pub rubric_source: String,
    pub department: String,
    pub scorer: String,
    pub units: Vec<Unit>,
    pub draft: Draft,
    /// Index of the current district in the rubric's districts.
    pub district: usize,
    /// Index of the current unit in `units`.
    pub unit: usize,
    pub walk: Walk,
    /// The districts' own claims (自评), shown beside each cell, if the
    /// office's set was read for this rubric.
    pub claims: Option<crate::selfcheck::SelfCheckSet>,
    /// The department's own phrases for a 评分依据 (its phrase list), offered
    /// with the reasons already written.
    pub phrases: Vec<String>,
    /// Each entry is what one key did: one cell, or every cell of a fill.
    history: Vec<Vec<Change>>,
    redo: Vec<Vec<Change>>,
}

impl Session {
    /// The working view of a draft for one department, resumed where the
    /// draft says the analyst was.
    pub fn new(rubric: Rubric, rubric_source: String, department: String, scorer: String, draft: Draft) -> Session {
        let units = units_of(&rubric, &department);
        let walk = draft.position.walk;
        let district = draft
            .position
            .district
            .as_ref()
            .and_then(|d| rubric.districts.iter().position(|x| x == d))
            .unwrap_or(0);
        let unit = draft
            .position
            .unit
            .as_ref()
            .and_then(|u| units.iter().position(|x| &x.key == u))
            .unwrap_or(0);
        Session {
            rubric,
            rubric_source,
            department,
            scorer,
            units,
            draft,
            district,
            unit,
            walk,
            claims: None,
            phrases: Vec::new(),
            history: Vec::new(),
            redo: Vec::new(),
        }
    }

    pub fn district_name(&self) -> &str {
        self.rubric.districts.get(self.district).map_or("", String::as_str)
    }

    pub fn current(&self) -> Option<&Unit> {
        self.units.get(self.unit)
    }

    pub fn item_of(&self, unit: &Unit) -> &Item {
        &self.rubric.items[unit.item]
    }

    pub fn sub_of(&self, unit: &Unit) -> Option<&Sub> {
        unit.sub.and_then(|s| self.item_of(unit).subs.get(s))
    }

    pub fn scoring_unit<'a>(&'a self, unit: &'a Unit) -> ScoringUnit<'a> {
        let item = self.item_of(unit);
        let sub = self.sub_of(unit);
        ScoringUnit {
            item,
            sub,
            department: &self.department,
            points: sub.map_or(item.points, |s| s.points),
        }
    }

    /// How the current cell is scored: its item, part and range.
    pub fn current_scoring_unit(&self) -> Option<ScoringUnit<'_>> {
        Some(self.scoring_unit(self.current()?))
    }

    pub fn cell(&self, district: usize, unit: &Unit) -> Option<&Cell> {
        let d = self.rubric.districts.get(district)?;
        self.draft.cell(d, &unit.key)
    }

    pub fn current_cell(&self) -> Cell {
        self.current()
            .and_then(|u| self.cell(self.district, u))
            .cloned()
            .unwrap_or_default()
    }

    /// Scored units of a district, and how many there are.
    pub fn progress(&self, district: usize) -> (usize, usize) {
        let scored = self
            .units
            .iter()
            .filter(|u| self.cell(district, u).is_some_and(Cell::is_scored))
            .count();
        (scored, self.units.len())
    }

    /// The district's total on the department's units (counted as the merge
    /// counts it), and the standard points available to them.
    pub fn subtotal(&self, district: usize) -> (Decimal, Decimal) {
        let (totals, available) = self.subtotals(district);
        (totals.total.normalize(), available)
    }

    /// The district's totals on the department's units, split as the merge
    /// splits them (standard, deductions, bonuses), and the standard points
    /// available to them.
    pub fn subtotals(&self, district: usize) -> (totals::Totals, Decimal) {
        let mut available = Decimal::ZERO;
        for u in &self.units {
            let unit = self.scoring_unit(u);
            // Deductions and bonuses count in the score, not in what is available.
            if unit.kind() == Kind::Standard
                && let Some(p) = unit.points
            {
                available += p;
            }
        }
        let scored = self
            .units
            .iter()
            .filter_map(|u| self.cell(district, u).and_then(|c| c.score).map(|s| (u.item, s)));
        // Scores are checked as they are entered, far inside a decimal; a
        // hand-edited draft past it shows no subtotal rather than a wrong one
        // (and a file exported from it is refused by verify).
        let totals = totals::item_scores(&self.rubric, scored)
            .and_then(|items| totals::district_totals(&self.rubric, &items))
            .unwrap_or_default();
        (totals, available.normalize())
    }

    /// A veto the department has reported for the district.
    pub fn vetoed(&self, district: usize) -> bool {
        self.units
            .iter()
            .any(|u| self.cell(district, u).is_some_and(|c| c.veto == Some(true)))
    }

    /// Every cell in walk order, starting after the current one.
    fn walk_order(&self) -> impl Iterator<Item = (usize, usize)> + use<> {
        let districts = self.rubric.districts.len().max(1);
        let units = self.units.len().max(1);
        let total = self.rubric.districts.len() * self.units.len();
        let walk = self.walk;
        let start = match walk {
            Walk::District => self.district * units + self.unit,
            Walk::Item => self.unit * districts + self.district,
        };
        (1..=total).map(move |step| {
            let n = (start + step) % total.max(1);
            match walk {
                Walk::District => (n / units, n % units),
                Walk::Item => (n % districts, n / districts),
            }
        })
    }

    /// The district's own claim on a cell, if it made one.
    pub fn claim(&self, district: usize, unit: &Unit) -> Option<&crate::selfcheck::Claim> {
        let d = self.rubric.districts.get(district)?;
        self.claims.as_ref()?.claim(d, &unit.key)
    }

    /// Move to the next cell with no score; false when every cell has one.
    pub fn next_unscored(&mut self) -> bool {
        self.next_where(false)
    }

    /// The `n` key: where the districts' claims were read, the next cell
    /// whose claim is not judged yet; else (or when all are) the next
    /// cell with no score.
    pub fn next_unjudged(&mut self) -> bool {
        self.next_where(true) || self.next_unscored()
    }

    fn next_where(&mut self, claimed_only: bool) -> bool {
        let wanted = |d: usize, u: usize| {
            self.units.get(u).is_some_and(|unit| {
                !self.cell(d, unit).is_some_and(Cell::is_scored)
                    && (!claimed_only || self.claim(d, unit).is_some_and(|c| c.typed().is_some()))
            })
        };
        let next = self.walk_order().find(|&(d, u)| wanted(d, u));
        match next {
            Some((d, u)) => {
                self.district = d;
                self.select_unit(u);
                true
            }
            None => false,
        }
    }

    pub fn select_unit(&mut self, unit: usize) {
        self.unit = unit.min(self.units.len().saturating_sub(1));
    }

    /// Move the district or unit cursor by `delta`, stopping at the ends.
    pub fn step_district(&mut self, delta: isize) {
        self.district = step(self.district, delta, self.rubric.districts.len());
    }

    pub fn step_unit(&mut self, delta: isize) {
        self.select_unit(step(self.unit, delta, self.units.len()));
    }

    pub fn toggle_walk(&mut self) {
        self.walk = match self.walk {
            Walk::District => Walk::Item,
            Walk::Item => Walk::District,
        };
    }

    /// Record a change to a cell; returns whether anything changed.
    pub fn apply(&mut self, district: usize, unit: usize, after: Cell) -> bool {
        self.apply_all(vec![(district, unit, after)]) > 0
    }

    /// Record changes to several cells as one step, undone together; returns
    /// how many cells changed.
    pub fn apply_all(&mut self, cells: Vec<(usize, usize, Cell)>) -> usize {
        let mut changes = Vec::new();
        for (district, unit, after) in cells {
            let (Some(d), Some(u)) = (
                self.rubric.districts.get(district).cloned(),
                self.units.get(unit).map(|u| u.key.clone()),
            ) else {
                continue;
            };
            let before = self.draft.cell(&d, &u).cloned().unwrap_or_default();
            if before == after {
                continue;
            }
            self.draft.set_cell(&d, &u, after.clone());
            changes.push(Change {
                district: d,
                unit: u,
                before,
                after,
            });
        }
        let changed = changes.len();
        if changed > 0 {
            self.history.push(changes);
            self.redo.clear();
        }
        changed
    }

    /// Change the current cell.
    pub fn apply_current(&mut self, after: Cell) -> bool {
        self.apply(self.district, self.unit, after)
    }

    /// Put the cursor on a change's cell.
    fn go_to(&mut self, change: &Change) {
        if let Some(d) = self.rubric.districts.iter().position(|x| *x == change.district) {
            self.district = d;
        }
        if let Some(u) = self.units.iter().position(|x| x.key == change.unit) {
            self.select_unit(u);
        }
    }

    /// Undo the last step (one cell, or a whole fill); the cursor goes to its
    /// first cell.
    pub fn undo(&mut self) -> bool {
        let Some(changes) = self.history.pop() else {
            return false;
        };
        for change in changes.iter().rev() {
            self.draft
                .set_cell(&change.district, &change.unit, change.before.clone());
        }
        if let Some(first) = changes.first() {
            self.go_to(first);
        }
        self.redo.push(changes);
        true
    }

    /// How many cells the step just undone (or redone) changed.
    pub fn last_step_size(&self, undone: bool) -> usize {
        let steps = if undone { &self.redo } else { &self.history };
        steps.last().map_or(0, Vec::len)
    }

    pub fn redo(&mut self) -> bool {
        let Some(changes) = self.redo.pop() else { return false };
        for change in &changes {
            self.draft
                .set_cell(&change.district, &change.unit, change.after.clone());
        }
        if let Some(first) = changes.first() {
            self.go_to(first);
        }
        self.history.push(changes);
        true
    }

    /// The cells a fill from the current cell would change: every district
    /// where this unit is unscored, given the current cell's score (or level,
    /// count, ticks). The evidence flag is each district's own, and so is a
    /// note: `with_reason` gives the current cell's note only to those
    /// that have none.
    pub fn fill_targets(&self, with_reason: bool) -> Vec<(usize, usize, Cell)> {
        let Some(unit) = self.current() else { return Vec::new() };
        let source = self.current_cell();
        if !source.is_scored() || source.veto == Some(true) {
            return Vec::new();
        }
        (0..self.rubric.districts.len())
            .filter(|&d| d != self.district)
            .filter_map(|d| {
                let cell = self.cell(d, unit).cloned().unwrap_or_default();
                (!cell.is_scored()).then(|| {
                    let note = if with_reason && cell.note.trim().is_empty() {
                        source.note.clone()
                    } else {
                        cell.note.clone()
                    };
                    let filled = Cell {
                        score: source.score,
                        veto: source.veto,
                        input: source.input.clone(),
                        note,
                        ..cell
                    };
                    (d, self.unit, filled)
                })
            })
            .collect()
    }

    /// Remember where the analyst is, so that a restart resumes there.
    pub fn record_position(&mut self) {
        self.draft.position.walk = self.walk;
        self.draft.position.district = self.rubric.districts.get(self.district).cloned();
        self.draft.position.unit = self.units.get(self.unit).map(|u| u.key.clone());
    }

    /// The current unit is a whole item with a checklist helper.
    pub fn checklist_item(&self) -> Option<&Item> {
        let unit = self.current()?;
        let item = self.item_of(unit);
        (unit.sub.is_none() && matches!(item.helper, Some(Helper::Checklist { .. }))).then_some(item)
    }
}

/// The units a department scores, in document order.
fn units_of(rubric: &Rubric, department: &str) -> Vec<Unit> {
    let mut units = Vec::new();
    for (i, item) in rubric.items.iter().enumerate() {
        for unit in item.scoring_units() {
            if unit.department != department {
                continue;
            }
            let sub = unit.sub.and_then(|s| item.subs.iter().position(|x| x.id == s.id));
            let key = unit_key(&item.id, unit.sub.map(|s| s.id.as_str()));
            units.push(Unit { item: i, sub, key });
        }
    }
    units
}

/// `at` moved by `delta` within `0..len`, stopping at the ends.
pub fn step(at: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    at.saturating_add_signed(delta).min(len - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn session(dept: &str) -> Session {
        let bundled = crate::rubric::bundled::by_id("suizhou-2022").expect("bundled");
        let rubric = crate::rubric::check(&bundled.file, bundled.text)
            .into_result()
            .expect("valid");
        let department = rubric.find_department(dept).expect("department").name.clone();
        let draft = Draft::new(&rubric.id, "hash", &department, "测试");
        Session::new(rubric, "suizhou-2022".into(), department, "测试".into(), draft)
    }

    fn scored(score: Decimal) -> Cell {
        Cell {
            score: Some(score),
            ..Cell::default()
        }
    }

    #[test]
    fn step_stops_at_both_ends() {
        assert_eq!(step(0, -1, 5), 0);
        assert_eq!(step(3, 10, 5), 4);
        assert_eq!(step(3, isize::MIN / 2, 5), 0);
        assert_eq!(step(2, 1, 0), 0);
    }

    #[test]
    fn the_walk_by_district_visits_every_unit_of_a_district_before_the_next() {
        let mut s = session("市场监管");
        let units = s.units.len();
        assert!(units > 1);
        for n in 1..units {
            assert!(s.next_unscored());
            assert_eq!((s.district, s.unit), (0, n));
            s.apply_current(scored(dec!(0)));
        }
        s.apply_current(scored(dec!(0)));
        assert!(s.next_unscored());
        assert_eq!(s.district, 1, "on to the next district");
    }

    #[test]
    fn the_walk_by_item_visits_every_district_before_the_next_unit() {
        let mut s = session("市场监管");
        s.toggle_walk();
        assert!(s.next_unscored());
        assert_eq!((s.district, s.unit), (1, 0));
    }

    #[test]
    fn undo_and_redo_restore_the_cell_and_the_cursor() {
        let mut s = session("市场监管");
        assert!(s.apply_current(scored(dec!(1))));
        s.step_district(3);
        assert!(s.undo());
        assert_eq!(s.district, 0);
        assert!(s.current_cell().score.is_none());
        assert!(s.redo());
        assert_eq!(s.current_cell().score, Some(dec!(1)));
        assert!(!s.redo(), "nothing more to redo");
        assert!(!s.apply_current(scored(dec!(1))), "the same cell again is no change");
    }

    #[test]
    fn progress_and_subtotal_follow_the_cells() {
        let mut s = session("市场监管");
        let (_, available) = s.subtotal(0);
        assert!(available > Decimal::ZERO);
        s.apply_current(scored(dec!(0.5)));
        assert_eq!(s.progress(0), (1, s.units.len()));
        assert_eq!(s.subtotal(0).0, dec!(0.5));
        assert_eq!(s.subtotal(1).0, dec!(0));
    }

    #[test]
    fn a_position_recorded_is_where_a_new_session_resumes() {
        let mut s = session("市场监管");
        s.step_district(2);
        s.step_unit(1);
        s.toggle_walk();
        s.record_position();
        let again = Session::new(
            s.rubric.clone(),
            s.rubric_source.clone(),
            s.department.clone(),
            s.scorer.clone(),
            s.draft.clone(),
        );
        assert_eq!((again.district, again.unit, again.walk), (2, 1, Walk::Item));
    }
}
