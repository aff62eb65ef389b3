//! Tiers: a measured value (or its share of a reference such as 全市平均值)
//! falls in one tier, which gives its points.

use super::{Against, Rule, Working, measure_label, value_and_reference, value_text};
use crate::rubric::Tiers;
use crate::scoring::bounds::InputError;
use crate::scoring::draft::HelperInput;
use crate::scoring::helpers::{HelperError, tier_figure, tier_for};
use crate::scoring::rule::{CanGive, RuleName};
use rust_decimal::Decimal;

pub struct TierRule<'a> {
    pub tiers: &'a Tiers,
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
        let value = tier_figure(self.tiers, *measured, *reference)?;
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
        let value = tier_figure(self.tiers, *measured, *reference).ok();
        let against = match (reference, &self.tiers.target) {
            (None, _) => Against::Nothing,
            (Some(target), Some(_)) => Against::Shortfall {
                target: *target,
                short: value,
            },
            (Some(reference), None) => Against::Share {
                reference: *reference,
                share: value,
            },
        };
        Some(Working::Measured {
            value: *measured,
            unit: self.tiers.input_unit().unwrap_or_default().to_string(),
            against,
            tier: value.and_then(|v| tier_for(self.tiers, v)).cloned(),
            tier_unit: self.tiers.unit.clone().unwrap_or_default(),
        })
    }

    fn text(&self, input: &HelperInput) -> Option<String> {
        match input {
            HelperInput::Tiers { measured, reference } => Some(value_text(*measured, *reference)),
            _ => None,
        }
    }

    fn asks_label(&self, _lang: crate::lang::Lang) -> String {
        measure_label(&self.asks(), self.tiers.input_unit())
    }

    fn asks(&self) -> Vec<String> {
        std::iter::once(self.tiers.measure.clone())
            .chain(self.tiers.relative_to.clone())
            .chain(self.tiers.target.clone())
            .collect()
    }
}
