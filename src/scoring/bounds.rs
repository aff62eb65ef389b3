//! What a cell may hold, and reading what the analyst typed into it. The
//! rules come from the rubric: 0..max for standard items, −cap..0 for
//! deductions, 0..cap for bonuses, a yes/no for vetoes, and the rubric's
//! precision for every score.

use crate::rubric::source::parse_decimal;
use crate::rubric::{Helper, Kind, ScoringUnit};
pub use crate::scoring::helper::toggle_tick;
pub use crate::scoring::helpers::{HelperError, checklist_score, helper_score, per_event_score, tier_for};
use crate::scoring::rule::Refusal;
use rust_decimal::Decimal;

/// Why typed input was refused. The TUI words it in the interface language;
/// a score the unit's rule refuses is a [`Refusal`], worded where every path words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Enter on an empty entry.
    Nothing,
    NotANumber(String),
    /// A measured figure below zero: no rate, count or concentration is.
    Negative {
        name: String,
        given: String,
    },
    Refused(Refusal),
    NotALevel {
        given: String,
        levels: Vec<(String, Decimal)>,
    },
    NoTier {
        value: Decimal,
    },
    NotACount(String),
    TooManyCounts {
        kinds: usize,
    },
    /// Not a yes or no; `deduction` when the question is 是否扣分.
    NotYesNo {
        given: String,
        question: YesNo,
    },
    /// The helper takes this many numbers, named.
    Inputs {
        names: Vec<String>,
    },
    Helper(HelperError),
}

/// Which yes/no question an entry asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YesNo {
    Veto,
    Award,
    Deduct,
}

impl From<Refusal> for InputError {
    fn from(e: Refusal) -> InputError {
        InputError::Refused(e)
    }
}

impl From<HelperError> for InputError {
    fn from(e: HelperError) -> InputError {
        match e {
            HelperError::NoTier { value } => InputError::NoTier { value },
            HelperError::Counts { kinds } => InputError::TooManyCounts { kinds },
            other => InputError::Helper(other),
        }
    }
}

/// The range a score of this unit may take, whatever helper it has.
pub fn range(unit: &ScoringUnit<'_>) -> (Option<Decimal>, Decimal) {
    let points = unit.points.unwrap_or_default();
    match unit.kind() {
        Kind::Deduction => (unit.points.map(|p| -p), Decimal::ZERO),
        Kind::Veto => (Some(Decimal::ZERO), Decimal::ZERO),
        Kind::Standard | Kind::Bonus => (Some(Decimal::ZERO), points),
    }
}

/// A direct score as typed: a plain decimal the unit's rule can give. For a deduction the amount may be typed without its
/// sign ("0.5" deducts 0.5), which saves a key on every cell.
pub fn parse_score(text: &str, unit: &ScoringUnit<'_>, precision: u32) -> Result<Decimal, InputError> {
    read_score(text, unit, precision).map_err(|e| match e {
        ReadScoreError::NotANumber => InputError::NotANumber(text.trim().to_string()),
        ReadScoreError::Rule(e) => InputError::Refused(e),
    })
}

/// The only ways a score typed as a number can be refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadScoreError {
    NotANumber,
    /// A number the unit's rule cannot give.
    Rule(Refusal),
}

/// [`parse_score`], failing only as [`ReadScoreError`] says.
pub fn read_score(text: &str, unit: &ScoringUnit<'_>, precision: u32) -> Result<Decimal, ReadScoreError> {
    let value = typed_points(text, unit).ok_or(ReadScoreError::NotANumber)?;
    super::rule::check_points(unit, value, precision).map_err(ReadScoreError::Rule)?;
    Ok(value)
}

/// The points a number typed as a score stands for, before any rule: on a
/// deduction `0.5` deducts 0.5.
pub fn typed_points(text: &str, unit: &ScoringUnit<'_>) -> Option<Decimal> {
    let typed = text.trim();
    // `.5`, as a spreadsheet user types half a point: the number it is.
    let typed = match typed.strip_prefix('-') {
        Some(rest) if rest.starts_with('.') => format!("-0{rest}"),
        _ if typed.starts_with('.') => format!("0{typed}"),
        _ => typed.to_string(),
    };
    let value = parse_decimal(&typed)?;
    let value = if unit.kind() == Kind::Deduction && value > Decimal::ZERO {
        -value
    } else {
        value
    };
    Some(value.normalize())
}

/// The rule every score meets wherever it comes from (typed, imported, or
/// read from a signed file): the rubric's precision and the unit's range.
pub fn check_score(value: Decimal, unit: &ScoringUnit<'_>, precision: u32) -> Result<(), Refusal> {
    if value.scale() > precision && value.normalize().scale() > precision {
        return Err(Refusal::TooManyDecimals { allowed: precision });
    }
    let (min, max) = range(unit);
    if min.is_some_and(|m| value < m) || value > max {
        return Err(Refusal::OutOfRange {
            value: value.normalize(),
            min,
            max,
        });
    }
    if min.is_none() {
        let floor = uncapped_floor(unit);
        if value < floor {
            return Err(Refusal::BeyondAnyCount {
                value: value.normalize(),
                floor,
            });
        }
    }
    Ok(())
}

/// An uncapped deduction ("每发生一起扣10分") still has a floor: its largest
/// amount for [`MAX_EVENTS`](crate::scoring::helpers::MAX_EVENTS) events, or,
/// with no amounts stated, that many times the largest figure a rubric can
/// state. So a file cannot carry a score whose sum overflows the merge.
pub fn uncapped_floor(unit: &ScoringUnit<'_>) -> Decimal {
    let events = Decimal::from(crate::scoring::helpers::MAX_EVENTS);
    let amount = match unit.helper() {
        Some(Helper::PerEvent { events, .. }) => events.iter().map(|e| e.points).max().unwrap_or_default(),
        _ => crate::rubric::source::MAX_VALUE,
    };
    -(amount * events)
}
