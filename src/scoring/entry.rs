//! What an Enter on typed text makes of a cell. A number typed as a score is
//! always that many points; what a helper takes (a measured value, a count,
//! a level's number, yes or no) is typed in the helper's own entry, so the two
//! can never be mistaken for each other.

use super::bounds::{InputError, YesNo, parse_score};
use super::draft::Cell;
use super::helper;
use super::helpers::helper_score;
use super::rule;
use crate::rubric::ScoringUnit;

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
    helper::of(unit).is_some_and(|h| h.typed())
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
    if text.is_empty() {
        return Err(InputError::Nothing);
    }
    let text = text.strip_prefix('+').unwrap_or(&text);
    let mut cell = previous.clone();
    if unit.item.kind == crate::rubric::Kind::Veto {
        cell.veto = Some(rule::yes_no(text).ok_or_else(|| InputError::NotYesNo {
            given: text.to_string(),
            question: YesNo::Veto,
        })?);
        cell.score = None;
        cell.input = None;
        return Ok(cell);
    }
    let rule = helper::of(unit);
    let input = match (mode, &rule) {
        (EntryMode::Input, Some(rule)) if rule.typed() => rule.read(text)?,
        // "=4.5" was the way to type a score over a helper; it still is one.
        _ => {
            let score = parse_score(text.strip_prefix('=').unwrap_or(text), unit, precision)?;
            // A score that is exactly what one input gives is recorded as it.
            match rule.as_ref().and_then(|r| r.input_for(score)) {
                Some(input) => input,
                None => {
                    cell.score = Some(score);
                    cell.input = None;
                    return Ok(cell);
                }
            }
        }
    };
    cell.score = Some(helper_score(unit, &input, precision)?);
    cell.input = Some(input);
    rule::check(unit, (&cell).into(), precision)?;
    Ok(cell)
}

/// What the helper's entry asks for, in order: the measure and its
/// reference, the kinds of event, the levels' names.
pub fn asks(unit: &ScoringUnit<'_>) -> Vec<String> {
    helper::of(unit).map(|h| h.asks()).unwrap_or_default()
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
