//! An award: exactly the unit's points, or nothing ("加1分"); on a
//! deduction, the deduction made or not ("…扣1分").

use super::{Rule, Working};
use crate::rubric::{Kind, ScoringUnit};
use crate::scoring::bounds::{InputError, YesNo, range};
use crate::scoring::draft::HelperInput;
use crate::scoring::helpers::HelperError;
use crate::scoring::rule::{CanGive, RuleName, yes_no};
use rust_decimal::Decimal;

pub struct Award<'a> {
    pub unit: ScoringUnit<'a>,
}

impl Award<'_> {
    fn deduction(&self) -> bool {
        self.unit.kind() == Kind::Deduction
    }

    /// What the award gives when given: the points, or the deduction.
    fn points(&self) -> Decimal {
        let (min, max) = range(&self.unit);
        if self.deduction() { min.unwrap_or_default() } else { max }
    }
}

impl Rule for Award<'_> {
    fn read(&self, text: &str) -> Result<HelperInput, InputError> {
        let question = if self.deduction() { YesNo::Deduct } else { YesNo::Award };
        let awarded = yes_no(text).ok_or_else(|| InputError::NotYesNo {
            given: text.to_string(),
            question,
        })?;
        Ok(HelperInput::Award { awarded })
    }

    fn score(&self, input: &HelperInput, _precision: u32) -> Result<Decimal, HelperError> {
        match input {
            HelperInput::Award { awarded: true } => Ok(self.points()),
            HelperInput::Award { awarded: false } => Ok(Decimal::ZERO),
            _ => Err(HelperError::WrongHelper),
        }
    }

    fn can_give(&self, score: Decimal, _precision: u32) -> Option<CanGive> {
        CanGive::unless_among(RuleName::Award, score, [Decimal::ZERO, self.points()])
    }

    fn input_for(&self, score: Decimal) -> Option<HelperInput> {
        let awarded = !score.is_zero();
        (score.is_zero() || score == self.points()).then_some(HelperInput::Award { awarded })
    }

    fn working(&self, input: &HelperInput) -> Option<Working> {
        match input {
            HelperInput::Award { awarded } => Some(Working::Award {
                given: *awarded,
                deduction: self.deduction(),
            }),
            _ => None,
        }
    }

    fn text(&self, input: &HelperInput) -> Option<String> {
        match input {
            HelperInput::Award { awarded } => Some(if *awarded { "y" } else { "n" }.to_string()),
            _ => None,
        }
    }

    fn asks(&self) -> Vec<String> {
        vec!["y / n".to_string()]
    }

    fn asks_label(&self, lang: crate::lang::Lang) -> String {
        let what = match (lang, self.deduction()) {
            (crate::lang::Lang::Zh, false) => "是否得分",
            (crate::lang::Lang::Zh, true) => "是否扣分",
            (crate::lang::Lang::En, false) => "given?",
            (crate::lang::Lang::En, true) => "deduct?",
        };
        format!("{what} [y / n]")
    }

    fn score_hint(&self) -> Option<String> {
        Some(format!("{} / 0", crate::points::shown(self.points().abs())))
    }
}
