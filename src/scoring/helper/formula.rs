//! A formula on a measured value: steps from a reference
//! ("每少1%扣0.3分"), or a share of it, clamped to the unit's range.

use super::{Rule, Working, measure_label, value_and_reference, value_text};
use crate::rubric::{Formula, Reference, ScoringUnit};
use crate::scoring::bounds::{InputError, range};
use crate::scoring::draft::HelperInput;
use crate::scoring::helpers::{HelperError, formula_score};
use crate::scoring::rule::{CanGive, RuleName};
use rust_decimal::Decimal;

pub struct FormulaRule<'a> {
    pub unit: ScoringUnit<'a>,
    pub formula: &'a Formula,
}

impl Rule for FormulaRule<'_> {
    fn read(&self, text: &str) -> Result<HelperInput, InputError> {
        let (value, reference) = value_and_reference(text, &self.asks())?;
        Ok(HelperInput::Formula { value, reference })
    }

    fn score(&self, input: &HelperInput, precision: u32) -> Result<Decimal, HelperError> {
        let HelperInput::Formula { value, reference } = input else {
            return Err(HelperError::WrongHelper);
        };
        let (min, max) = range(&self.unit);
        let score = formula_score(self.formula, *value, *reference, max, precision)?;
        let floored = min.map_or(score, |m| score.max(m));
        Ok(floored.min(max).normalize())
    }

    /// `base + step × n`, clamped to the range; a share rounded to the
    /// rubric's precision can be any figure in range.
    fn can_give(&self, score: Decimal, precision: u32) -> Option<CanGive> {
        let crate::rubric::FormulaRule::Linear { base, step, .. } = self.formula.rule else {
            return None;
        };
        let (min, max) = range(&self.unit);
        if step.is_zero() || Some(score) == min || score == max {
            return None;
        }
        let steps = (score - base).checked_div(step)?;
        if steps.fract().is_zero() {
            return None;
        }
        // The figures on either side of the one given, within the range.
        let at = |n: Decimal| (base + n * step).round_dp(precision.max(step.scale())).normalize();
        let in_range = |v: &Decimal| min.is_none_or(|m| *v >= m) && *v <= max;
        let (below, above) = (steps.floor(), steps.ceil());
        let mut near: Vec<Decimal> = [at(below - Decimal::ONE), at(below), at(above), at(above + Decimal::ONE)]
            .into_iter()
            .filter(in_range)
            .collect();
        near.sort_by(|a, b| b.cmp(a));
        near.dedup();
        let mut scores: Vec<Option<Decimal>> = vec![None];
        scores.extend(near.into_iter().map(Some));
        scores.push(None);
        Some(CanGive {
            rule: RuleName::Formula,
            scores,
        })
    }

    fn working(&self, input: &HelperInput) -> Option<Working> {
        match input {
            HelperInput::Formula { value, reference } => Some(Working::Formula {
                value: *value,
                unit: self.formula.unit.clone().unwrap_or_default(),
                reference: *reference,
            }),
            _ => None,
        }
    }

    fn text(&self, input: &HelperInput) -> Option<String> {
        match input {
            HelperInput::Formula { value, reference } => Some(value_text(*value, *reference)),
            _ => None,
        }
    }

    fn asks_label(&self, _lang: crate::lang::Lang) -> String {
        measure_label(&self.asks(), self.formula.unit.as_deref())
    }

    fn asks(&self) -> Vec<String> {
        let reference = match &self.formula.reference {
            Reference::Input(name) => Some(name.clone()),
            Reference::Fixed(_) => None,
        };
        std::iter::once(self.formula.measure.clone()).chain(reference).collect()
    }
}
