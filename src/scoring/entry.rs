//! What an Enter on typed text makes of a cell. A number typed as a score is
//! always that many points; what a helper takes (a measured value, a count,
//! a level's number, yes or no) is typed in the helper's own entry, so the two
//! can never be mistaken for each other.

use super::bounds::{InputError, Scoring, YesNo, parse_score, scoring};
use super::draft::{Cell, HelperInput};
use super::helpers::helper_score;
use super::rule;
use crate::rubric::source::parse_decimal;
use crate::rubric::{Formula, Helper, Level, Reference, ScoringUnit, Tiers};
use rust_decimal::Decimal;

/// Which of the two entries the text was typed into.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum EntryMode {
    /// 分数: the points the cell gets.
    #[default]
    Score,
    /// The helper's input (实测值, 次数, 等级, 是否): the helper gives the points.
    Input,
}

/// Whether the unit has a helper that takes typed input (a checklist takes
/// ticks, not text).
pub fn has_input(unit: &ScoringUnit<'_>) -> bool {
    matches!(
        scoring(unit),
        Scoring::Scale { .. }
            | Scoring::Tiers { .. }
            | Scoring::PerEvent { .. }
            | Scoring::Award { .. }
            | Scoring::Formula { .. }
    )
}

/// A character that starts typing a score on the main screen: a digit,
/// `.`, `-` or `=`, full-width ones too (an input method left on).
pub fn starts_score(c: char) -> bool {
    let ascii = normalize(&c.to_string()).chars().next().unwrap_or(c);
    ascii.is_ascii_digit() || matches!(ascii, '.' | '-' | '=')
}

/// Full-width digits and signs, `。` and the ideographic space, as an input
/// method left on after a note types them, read as their ASCII forms.
pub fn normalize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            '，' | '、' => ',',
            '\u{3000}' => ' ',
            '％' => '%',
            other => other,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// The cell an Enter makes of `text` typed into the `mode` entry. Every
/// cell it makes is one the unit's rule ([`rule::check`]) can hold, but for
/// a veto's reason, which the workbench asks for next.
pub fn accept(
    text: &str,
    unit: &ScoringUnit<'_>,
    precision: u32,
    previous: &Cell,
    mode: EntryMode,
) -> Result<Cell, InputError> {
    let text = normalize(text);
    let text = text.strip_prefix('+').unwrap_or(&text);
    let mut cell = previous.clone();
    if let Scoring::Veto = scoring(unit) {
        cell.veto = Some(rule::yes_no(text).ok_or_else(|| InputError::NotYesNo {
            given: text.to_string(),
            question: YesNo::Veto,
        })?);
        cell.score = None;
        cell.input = None;
        return Ok(cell);
    }
    let input = match mode {
        EntryMode::Input if has_input(unit) => helper_input(text, unit)?,
        // "=4.5" was the way to type a score over a helper; it still is one.
        _ => match score_input(text.strip_prefix('=').unwrap_or(text), unit, precision)? {
            Typed::Score(score) => {
                cell.score = Some(score);
                cell.input = None;
                return Ok(cell);
            }
            Typed::Input(input) => input,
        },
    };
    cell.score = Some(helper_score(unit, &input, precision)?);
    cell.input = Some(input);
    rule::check(unit, (&cell).into(), precision)?;
    Ok(cell)
}

enum Typed {
    /// A score the unit's rule can give, checked.
    Score(Decimal),
    /// A score that is exactly what the helper gives for this input: a
    /// level's points, an award's points or 0.
    Input(HelperInput),
}

/// A number typed as points, on any kind of unit.
fn score_input(text: &str, unit: &ScoringUnit<'_>, precision: u32) -> Result<Typed, InputError> {
    let score = parse_score(text, unit, precision)?;
    Ok(match unit.helper() {
        Some(Helper::Scale { levels }) => match level_worth(levels, score) {
            Some(level) => Typed::Input(HelperInput::Scale {
                level: level.name.clone(),
            }),
            // Guidance levels: any score in range stands (parse_score checked it).
            None => Typed::Score(score),
        },
        Some(Helper::Award) => Typed::Input(HelperInput::Award {
            awarded: !score.is_zero(),
        }),
        _ => Typed::Score(score),
    })
}

/// The first level worth exactly `score`.
fn level_worth(levels: &[Level], score: Decimal) -> Option<&Level> {
    levels.iter().find(|l| l.points == score.abs())
}

/// What the helper's own entry takes.
fn helper_input(text: &str, unit: &ScoringUnit<'_>) -> Result<HelperInput, InputError> {
    Ok(match scoring(unit) {
        // A level by its name (or the start of it), or by its points:
        // never by a position, which reads as points on the other entry.
        Scoring::Scale { levels } => {
            let not_a_level = || InputError::NotALevel {
                given: text.to_string(),
                levels: levels.iter().map(|l| (l.name.clone(), l.points)).collect(),
            };
            let by_points = parse_decimal(text).and_then(|v| level_worth(levels, v));
            let by_name = levels.iter().find(|l| l.name == text).or_else(|| {
                let starts: Vec<&Level> = levels
                    .iter()
                    .filter(|l| !text.is_empty() && l.name.starts_with(text))
                    .collect();
                match starts.as_slice() {
                    [one] => Some(*one),
                    _ => None,
                }
            });
            let level = by_points.or(by_name).ok_or_else(not_a_level)?;
            HelperInput::Scale {
                level: level.name.clone(),
            }
        }
        Scoring::Tiers { tiers } => {
            let values = numbers(text, &tier_inputs(tiers))?;
            HelperInput::Tiers {
                measured: values[0],
                reference: values.get(1).copied(),
            }
        }
        Scoring::PerEvent { events, .. } => HelperInput::PerEvent {
            counts: parse_counts(text, events.len())?,
        },
        Scoring::Award { .. } => HelperInput::Award {
            awarded: rule::yes_no(text).ok_or_else(|| InputError::NotYesNo {
                given: text.to_string(),
                question: award_question(unit),
            })?,
        },
        Scoring::Formula { formula } => {
            let values = numbers(text, &formula_inputs(formula))?;
            HelperInput::Formula {
                value: values[0],
                reference: values.get(1).copied(),
            }
        }
        Scoring::Range { .. } | Scoring::Checklist | Scoring::Veto => {
            return Err(InputError::NotANumber(text.to_string()));
        }
    })
}

/// An award on a deduction asks whether to deduct; elsewhere whether it is given.
pub fn award_question(unit: &ScoringUnit<'_>) -> YesNo {
    if unit.kind() == crate::rubric::Kind::Deduction {
        YesNo::Deduct
    } else {
        YesNo::Award
    }
}

/// What a tiers helper asks for: the measure, and the reference it is a share of.
pub fn tier_inputs(tiers: &Tiers) -> Vec<String> {
    std::iter::once(tiers.measure.clone())
        .chain(tiers.relative_to.clone())
        .collect()
}

/// What a formula asks for: the value, and the reference when it is per district.
pub fn formula_inputs(formula: &Formula) -> Vec<String> {
    let reference = match &formula.reference {
        Reference::Input(name) => Some(name.clone()),
        Reference::Fixed(_) => None,
    };
    std::iter::once(formula.measure.clone()).chain(reference).collect()
}

/// Several figures typed on one line: "1 0", "1,0" (an input method's "，"
/// was already read as ",").
fn fields(text: &str) -> Vec<&str> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Exactly as many plain decimals as the helper names, in its order.
fn numbers(text: &str, names: &[String]) -> Result<Vec<Decimal>, InputError> {
    let parts = fields(text);
    if parts.len() != names.len() {
        return Err(InputError::Inputs { names: names.to_vec() });
    }
    parts
        .iter()
        .map(|p| {
            let p = p.strip_suffix('%').unwrap_or(p);
            parse_decimal(p)
                .map(|d| d.normalize())
                .ok_or_else(|| InputError::NotANumber((*p).to_string()))
        })
        .collect()
}

/// "2" for one kind of event; "1 0" or "1,0" for several, in the rubric's order.
fn parse_counts(text: &str, kinds: usize) -> Result<Vec<u32>, InputError> {
    let parts = fields(text);
    if parts.is_empty() {
        return Err(InputError::NotACount(text.to_string()));
    }
    if parts.len() > kinds {
        return Err(InputError::TooManyCounts { kinds });
    }
    let mut counts = vec![0; kinds];
    for (slot, part) in counts.iter_mut().zip(&parts) {
        *slot = part.parse().map_err(|_| InputError::NotACount((*part).to_string()))?;
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_input_method_left_on_types_ascii() {
        assert_eq!(super::normalize("１．５"), "1.5");
        assert_eq!(super::normalize("4。5"), "4.5");
        assert_eq!(super::normalize("－０．５"), "-0.5");
        assert_eq!(super::normalize("\u{3000}2\u{3000}1\u{3000}"), "2 1");
        assert_eq!(super::normalize("96.5％"), "96.5%");
    }
}
