//! A checklist: parts ticked in the criteria pane, each earning (or, from
//! the full points, taking off) its points; the cell's score follows.

use super::{Rule, Working};
use crate::rubric::{ChecklistMode, Item, ScoringUnit};
use crate::scoring::bounds::InputError;
use crate::scoring::draft::{Cell, HelperInput};
use crate::scoring::helpers::{HelperError, checklist_score};
use crate::scoring::rule::{CanGive, RuleName};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

pub struct Checklist<'a> {
    pub unit: ScoringUnit<'a>,
    pub mode: ChecklistMode,
}

/// The most sums a checklist's ticks are listed with; past that (a long
/// list of small parts) any figure is let through as a sum.
const MAX_SUMS: usize = 4096;

impl Rule for Checklist<'_> {
    fn read(&self, text: &str) -> Result<HelperInput, InputError> {
        Err(InputError::NotANumber(text.to_string()))
    }

    fn score(&self, input: &HelperInput, _precision: u32) -> Result<Decimal, HelperError> {
        let HelperInput::Checklist { ticked } = input else {
            return Err(HelperError::WrongHelper);
        };
        if let Some(stray) = ticked.iter().find(|t| !self.unit.item.subs.iter().any(|s| &s.id == *t)) {
            return Err(HelperError::UnknownTick(stray.clone()));
        }
        Ok(checklist_score(self.unit.item, ticked))
    }

    fn can_give(&self, score: Decimal, _precision: u32) -> Option<CanGive> {
        let mut sums: BTreeSet<Decimal> = [Decimal::ZERO].into();
        for p in self.unit.item.subs.iter().filter_map(|s| s.points) {
            let more: Vec<Decimal> = sums.iter().map(|s| s + p).collect();
            sums.extend(more);
            if sums.len() > MAX_SUMS {
                return None;
            }
        }
        let max = self.unit.item.points.unwrap_or_default();
        let scores = sums.into_iter().map(|sum| {
            let raw = if self.mode == ChecklistMode::Deduct {
                max - sum
            } else {
                sum
            };
            raw.max(Decimal::ZERO).min(max)
        });
        CanGive::unless_among(RuleName::Checklist, score, scores)
    }

    fn working(&self, input: &HelperInput) -> Option<Working> {
        match input {
            HelperInput::Checklist { ticked } => Some(Working::Ticks(ticked.len())),
            _ => None,
        }
    }

    fn text(&self, _input: &HelperInput) -> Option<String> {
        None
    }

    fn asks(&self) -> Vec<String> {
        Vec::new()
    }

    fn typed(&self) -> bool {
        false
    }
}

/// Tick or untick one sub-criterion of a checklist cell; the score follows.
/// The last tick taken back leaves the cell as before any: unscored.
pub fn toggle_tick(item: &Item, previous: &Cell, sub: &str) -> Cell {
    let mut ticked = match &previous.input {
        Some(HelperInput::Checklist { ticked }) => ticked.clone(),
        _ => Vec::new(),
    };
    if let Some(pos) = ticked.iter().position(|t| t == sub) {
        ticked.remove(pos);
    } else {
        ticked.push(sub.to_string());
        // Keep the rubric's order, so the file does not depend on click order.
        ticked.sort_by_key(|t| item.subs.iter().position(|s| &s.id == t));
    }
    let mut cell = previous.clone();
    if ticked.is_empty() {
        cell.score = None;
        cell.input = None;
        return cell;
    }
    cell.score = Some(checklist_score(item, &ticked));
    cell.input = Some(HelperInput::Checklist { ticked });
    cell
}
