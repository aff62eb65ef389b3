//! What a scoring helper makes of its inputs: the one home of that
//! arithmetic, used when the analyst enters the inputs and again when
//! `kaohe verify` recomputes a signed file's scores from the inputs it carries.

use super::draft::HelperInput;
use crate::rubric::{
    ChecklistMode, Event, Formula, FormulaRule, Helper, Item, Reference, ScoringUnit, Steps, Tier, Tiers,
};
use rust_decimal::{Decimal, RoundingStrategy};

/// Why a helper's inputs give no score. The English wording is the
/// message the office's `kaohe verify` prints; the workbench words it in
/// its interface language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HelperError {
    /// The inputs are for another kind of helper than the unit has.
    #[error("they are for another kind of helper than the unit has")]
    WrongHelper,
    #[error("there is no level \"{0}\"")]
    UnknownLevel(String),
    #[error("no tier covers {}", crate::points::shown(*.value))]
    NoTier { value: Decimal },
    #[error("the unit has {kinds} kinds of event")]
    Counts { kinds: usize },
    #[error("there is no part {0}")]
    UnknownTick(String),
    /// The helper needs a reference figure (全市平均值) and has none.
    #[error("{name} is missing")]
    NoReference { name: String },
    /// A reference of 0: nothing can be a share of it.
    #[error("the reference is 0")]
    ZeroReference,
    /// A figure too large for the arithmetic.
    #[error("a figure is too large")]
    TooLarge,
    /// More events of one kind than any district has in a year.
    #[error("more than {max} events of one kind")]
    TooManyEvents { max: u32 },
    /// A described event that is not one a cell may hold.
    #[error("{0}")]
    Event(super::events::EventProblem),
    /// The counts are not the tally of the described events.
    #[error("the counts are not those of the events described")]
    EventsDisagree,
}

/// The most events of one kind a district can report in a year: far more
/// than any has, and small enough that no sum of scores can overflow.
pub const MAX_EVENTS: u32 = 10_000;

/// The score the unit's helper gives for these inputs, within the unit's range.
pub fn helper_score(unit: &ScoringUnit<'_>, input: &HelperInput, precision: u32) -> Result<Decimal, HelperError> {
    super::helper::of(unit)
        .ok_or(HelperError::WrongHelper)?
        .score(input, precision)
}

/// `value` as a percentage of `reference`.
pub fn percent_of(value: Decimal, reference: Decimal) -> Result<Decimal, HelperError> {
    if reference.is_zero() {
        return Err(HelperError::ZeroReference);
    }
    value
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|v| v.checked_div(reference))
        .ok_or(HelperError::TooLarge)
}

/// The formula's score before the unit's range is applied. `max` is what a
/// proportional rule gives at or past its reference.
pub fn formula_score(
    formula: &Formula,
    value: Decimal,
    reference: Option<Decimal>,
    max: Decimal,
    precision: u32,
) -> Result<Decimal, HelperError> {
    let reference = match (&formula.reference, reference) {
        (Reference::Fixed(r), None) => *r,
        (Reference::Input(_), Some(r)) => r,
        (Reference::Input(name), None) => return Err(HelperError::NoReference { name: name.clone() }),
        (Reference::Fixed(_), Some(_)) => return Err(HelperError::WrongHelper),
    };
    match formula.rule {
        FormulaRule::Linear { base, step, per, steps } => {
            let span = value
                .checked_sub(reference)
                .and_then(|d| d.checked_div(per))
                .ok_or(HelperError::TooLarge)?;
            let n = match steps {
                Steps::Whole => span.trunc(),
                // Away from zero: a step begun counts whole.
                Steps::Started if span.is_sign_negative() => span.floor(),
                Steps::Started => span.ceil(),
            };
            n.checked_mul(step)
                .and_then(|d| d.checked_add(base))
                .map(|d| d.normalize())
                .ok_or(HelperError::TooLarge)
        }
        FormulaRule::Proportional { factor } => {
            // A target of 0 is no target: nothing is a share of it.
            if reference.is_zero() {
                return Err(HelperError::ZeroReference);
            }
            if value >= reference {
                return Ok(max);
            }
            let share = value
                .checked_div(reference)
                .and_then(|s| s.checked_mul(factor))
                .ok_or(HelperError::TooLarge)?;
            Ok(share
                .round_dp_with_strategy(precision, RoundingStrategy::MidpointAwayFromZero)
                .normalize())
        }
    }
}

/// Amounts times counts, capped, with the sign of the unit's kind.
pub fn per_event_score(events: &[Event], counts: &[u32], cap: Option<Decimal>, sign: Decimal) -> Decimal {
    let total: Decimal = events
        .iter()
        .zip(counts)
        .map(|(e, &n)| e.points * Decimal::from(n))
        .sum();
    let capped = cap.map_or(total, |c| total.min(c));
    (capped * sign).normalize()
}

/// The tier a measured value falls in.
/// The figure a unit's tiers apply to, from what the analyst typed: the
/// value itself, its share of the reference (in per cent), or how far it
/// falls short of the target (0 at or past it).
pub fn tier_figure(tiers: &Tiers, value: Decimal, second: Option<Decimal>) -> Result<Decimal, HelperError> {
    match (&tiers.relative_to, &tiers.target, second) {
        (None, None, None) => Ok(value),
        (Some(_), _, Some(reference)) => percent_of(value, reference),
        (None, Some(_), Some(target)) => target
            .checked_sub(value)
            .map(|short| short.max(Decimal::ZERO).normalize())
            .ok_or(HelperError::TooLarge),
        (Some(name), _, None) | (None, Some(name), None) => Err(HelperError::NoReference { name: name.clone() }),
        (None, None, Some(_)) => Err(HelperError::WrongHelper),
    }
}

pub fn tier_for(tiers: &Tiers, value: Decimal) -> Option<&Tier> {
    tiers.ranges.iter().find(|t| t.contains(value))
}

/// The checklist's score for the ticked sub-criteria, clamped to [0, max].
pub fn checklist_score(item: &Item, ticked: &[String]) -> Decimal {
    let max = item.points.unwrap_or_default();
    let ticked_points: Decimal = item
        .subs
        .iter()
        .filter(|s| ticked.contains(&s.id))
        .filter_map(|s| s.points)
        .sum();
    let raw = match &item.helper {
        Some(Helper::Checklist {
            mode: ChecklistMode::Deduct,
        }) => max - ticked_points,
        _ => ticked_points,
    };
    raw.max(Decimal::ZERO).min(max).normalize()
}
