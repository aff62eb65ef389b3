//! Levels (好 5 / 较好 4 / …): one level's points. A level is chosen by its
//! name or its points, never by its place in the list, which would read as
//! points in the score's entry.

use super::{Rule, Working, label};
use crate::rubric::source::parse_decimal;
use crate::rubric::{Level, ScoringUnit};
use crate::scoring::bounds::InputError;
use crate::scoring::draft::HelperInput;
use crate::scoring::helpers::HelperError;
use crate::scoring::rule::{CanGive, RuleName, is_guidance};
use rust_decimal::Decimal;

pub struct Levels<'a> {
    pub unit: ScoringUnit<'a>,
    pub levels: &'a [Level],
}

impl Levels<'_> {
    /// The first level worth exactly `score`.
    fn worth(&self, score: Decimal) -> Option<&Level> {
        self.levels.iter().find(|l| l.points == score.abs())
    }
}

impl Rule for Levels<'_> {
    fn read(&self, text: &str) -> Result<HelperInput, InputError> {
        let not_a_level = || InputError::NotALevel {
            given: text.to_string(),
            levels: self.levels.iter().map(|l| (l.name.clone(), l.points)).collect(),
        };
        let by_points = parse_decimal(text).and_then(|v| self.worth(v));
        // A name, or the start of exactly one name; read as the typed text
        // was (its 、 and ， are the entry's commas), so a whole name matches.
        let name = |l: &Level| crate::scoring::entry::normalize(&l.name);
        let by_name = self.levels.iter().find(|l| name(l) == text).or_else(|| {
            let mut starting = self
                .levels
                .iter()
                .filter(|l| !text.is_empty() && name(l).starts_with(text));
            match (starting.next(), starting.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        });
        let level = by_points.or(by_name).ok_or_else(not_a_level)?;
        Ok(HelperInput::Scale {
            level: level.name.clone(),
        })
    }

    fn score(&self, input: &HelperInput, _precision: u32) -> Result<Decimal, HelperError> {
        match input {
            HelperInput::Scale { level } => self
                .levels
                .iter()
                .find(|l| &l.name == level)
                .map(|l| l.points)
                .ok_or_else(|| HelperError::UnknownLevel(level.clone())),
            _ => Err(HelperError::WrongHelper),
        }
    }

    fn can_give(&self, score: Decimal, _precision: u32) -> Option<CanGive> {
        // Levels that stop short of the unit's points are guidance: any score in range.
        if is_guidance(self.levels, &self.unit) {
            return None;
        }
        CanGive::unless_among(RuleName::Levels, score, self.levels.iter().map(|l| l.points))
    }

    fn input_for(&self, score: Decimal) -> Option<HelperInput> {
        self.worth(score).map(|l| HelperInput::Scale { level: l.name.clone() })
    }

    fn working(&self, input: &HelperInput) -> Option<Working> {
        match input {
            HelperInput::Scale { level } => Some(Working::Level(level.clone())),
            _ => None,
        }
    }

    fn text(&self, input: &HelperInput) -> Option<String> {
        match input {
            HelperInput::Scale { level } => Some(level.clone()),
            _ => None,
        }
    }

    fn asks(&self) -> Vec<String> {
        self.levels.iter().map(|l| l.name.clone()).collect()
    }

    fn asks_label(&self, lang: crate::lang::Lang) -> String {
        label(lang, "等级名称或分数", "level name or points", &self.asks().join("/"))
    }

    fn score_hint(&self) -> Option<String> {
        let points: Vec<String> = self.levels.iter().map(|l| crate::points::shown(l.points)).collect();
        (!is_guidance(self.levels, &self.unit)).then(|| points.join("/"))
    }
}
