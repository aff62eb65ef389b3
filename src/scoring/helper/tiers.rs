//! Tiers: a measured value (or its share of a reference such as 全市平均值)
//! falls in one tier, which gives its points.

use super::{Rule, Working, measure_label, value_and_reference, value_text};
use crate::rubric::Tiers;
use crate::scoring::bounds::InputError;
use crate::scoring::draft::HelperInput;
use crate::scoring::helpers::{HelperError, percent_of, tier_for};
use crate::scoring::rule::{CanGive, RuleName};
use rust_decimal::Decimal;

pub struct TierRule<'a> {
    pub tiers: &'a Tiers,
}

impl TierRule<'_> {
    /// The figure the tiers apply to: the value, or its share of the reference.
    fn measured(&self, value: Decimal, reference: Option<Decimal>) -> Result<Decimal, HelperError> {
        match (&self.tiers.relative_to, reference) {
            (None, None) => Ok(value),
            (Some(_), Some(reference)) => percent_of(value, reference),
            (Some(name), None) => Err(HelperError::NoReference { name: name.clone() }),
            (None, Some(_)) => Err(HelperError::WrongHelper),
        }
    }
}

impl Rule for TierRule<'_> {
    fn read(&self, text: &str) -> Result<HelperInput, InputError> {
        let (measured, reference) = value_and_reference(text, &self.asks())?;
        Ok(HelperInput::Tiers { measured, reference })
    }

    fn score(&self, input: &HelperInput, _precision: u32) -> Result<Decimal, HelperError> {
        let HelperInput::Tiers { measured, reference } = input else {
            return Err(HelperError::WrongHelper);
        };
        let value = self.measured(*measured, *reference)?;
        tier_for(self.tiers, value)
            .map(|t| t.points)
            .ok_or(HelperError::NoTier { value })
    }

    fn can_give(&self, score: Decimal, _precision: u32) -> Option<CanGive> {
        CanGive::unless_among(RuleName::Tiers, score, self.tiers.ranges.iter().map(|t| t.points))
    }

    fn working(&self, input: &HelperInput) -> Option<Working> {
        let HelperInput::Tiers { measured, reference } = input else {
            return None;
        };
        let value = self.measured(*measured, *reference).ok();
        Some(Working::Measured {
            value: *measured,
            unit: self.tiers.unit.clone().unwrap_or_default(),
            share_of: reference.map(|r| (r, value)),
            tier: value.and_then(|v| tier_for(self.tiers, v)).cloned(),
        })
    }

    fn text(&self, input: &HelperInput) -> Option<String> {
        match input {
            HelperInput::Tiers { measured, reference } => Some(value_text(*measured, *reference)),
            _ => None,
        }
    }

    fn asks_label(&self, _lang: crate::lang::Lang) -> String {
        measure_label(&self.asks(), self.tiers.unit.as_deref())
    }

    fn asks(&self) -> Vec<String> {
        std::iter::once(self.tiers.measure.clone())
            .chain(self.tiers.relative_to.clone())
            .collect()
    }
}
