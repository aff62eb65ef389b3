//! What a cell may hold, and reading what the analyst typed into it. The
//! rules come from the rubric: 0..max for standard items, −cap..0 for
//! deductions, 0..cap for bonuses, a yes/no for vetoes, and the rubric's
//! precision for every score.

use crate::rubric::source::parse_decimal;
use crate::rubric::{Event, Helper, Item, Kind, Level, ScoringUnit, Tier, Tiers};
use crate::scoring::draft::{Cell, HelperInput};
use rust_decimal::Decimal;

/// How a unit is scored, derived from its item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scoring<'a> {
    /// A number between `min` and `max`.
    Range { min: Option<Decimal>, max: Decimal },
    /// Count events; the score is −(or +) the sum, capped.
    PerEvent {
        events: &'a [Event],
        cap: Option<Decimal>,
        sign: Decimal,
    },
    /// Pick a level by number.
    Scale { levels: &'a [Level] },
    /// Enter the measured value; the tier gives the score.
    Tiers { tiers: &'a Tiers },
    /// Tick sub-criteria; the score follows.
    Checklist,
    /// Yes or no; yes needs a note.
    Veto,
}

/// Why typed input was refused. The TUI words it in the interface language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    NotANumber(String),
    TooManyDecimals {
        allowed: u32,
    },
    OutOfRange {
        value: Decimal,
        min: Option<Decimal>,
        max: Decimal,
    },
    NotALevel {
        given: String,
        levels: usize,
    },
    NoTier {
        value: Decimal,
    },
    NotACount(String),
    TooManyCounts {
        kinds: usize,
    },
    NotYesNo(String),
}

/// The range a score of this unit may take, whatever helper it has.
pub fn range(unit: &ScoringUnit<'_>) -> (Option<Decimal>, Decimal) {
    let points = unit.points.unwrap_or_default();
    match unit.item.kind {
        Kind::Deduction => (unit.points.map(|p| -p), Decimal::ZERO),
        Kind::Veto => (Some(Decimal::ZERO), Decimal::ZERO),
        Kind::Standard | Kind::Bonus => (Some(Decimal::ZERO), points),
    }
}

/// Helpers score whole items; a part of a split item is scored as a number.
pub fn scoring<'a>(unit: &ScoringUnit<'a>) -> Scoring<'a> {
    let item: &'a Item = unit.item;
    if item.kind == Kind::Veto {
        return Scoring::Veto;
    }
    let whole_item = unit.sub.is_none();
    match (&item.helper, whole_item) {
        (Some(Helper::PerEvent { events }), true) => Scoring::PerEvent {
            events,
            cap: item.points,
            sign: if item.kind == Kind::Deduction {
                Decimal::NEGATIVE_ONE
            } else {
                Decimal::ONE
            },
        },
        (Some(Helper::Scale { levels }), true) => Scoring::Scale { levels },
        (Some(Helper::Tiers(tiers)), true) => Scoring::Tiers { tiers },
        (Some(Helper::Checklist { .. }), true) => Scoring::Checklist,
        _ => {
            let (min, max) = range(unit);
            Scoring::Range { min, max }
        }
    }
}

/// A direct score as typed: a plain decimal within the unit's range and the
/// rubric's precision. For a deduction the amount may be typed without its
/// sign ("0.5" deducts 0.5), which saves a key on every cell.
pub fn parse_score(text: &str, unit: &ScoringUnit<'_>, precision: u32) -> Result<Decimal, InputError> {
    read_score(text, unit, precision).map_err(|e| match e {
        ReadScoreError::NotANumber => InputError::NotANumber(text.trim().to_string()),
        ReadScoreError::Rule(e) => e.into(),
    })
}

/// The only ways a score typed as a number can be refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadScoreError {
    NotANumber,
    /// A number that breaks the rule every score meets.
    Rule(ScoreError),
}

/// [`parse_score`], failing only as [`ReadScoreError`] says.
pub fn read_score(text: &str, unit: &ScoringUnit<'_>, precision: u32) -> Result<Decimal, ReadScoreError> {
    let value = parse_decimal(text.trim()).ok_or(ReadScoreError::NotANumber)?;
    let value = if unit.item.kind == Kind::Deduction && value > Decimal::ZERO {
        -value
    } else {
        value
    };
    check_score(value, unit, precision).map_err(ReadScoreError::Rule)?;
    Ok(value.normalize())
}

/// Why a score breaks the rule every score meets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoreError {
    TooManyDecimals {
        allowed: u32,
    },
    OutOfRange {
        value: Decimal,
        min: Option<Decimal>,
        max: Decimal,
    },
}

impl From<ScoreError> for InputError {
    fn from(e: ScoreError) -> InputError {
        match e {
            ScoreError::TooManyDecimals { allowed } => InputError::TooManyDecimals { allowed },
            ScoreError::OutOfRange { value, min, max } => InputError::OutOfRange { value, min, max },
        }
    }
}

/// The rule every score meets wherever it comes from (typed, imported, or
/// read from a signed file): the rubric's precision and the unit's range.
pub fn check_score(value: Decimal, unit: &ScoringUnit<'_>, precision: u32) -> Result<(), ScoreError> {
    if value.scale() > precision && value.normalize().scale() > precision {
        return Err(ScoreError::TooManyDecimals { allowed: precision });
    }
    let (min, max) = range(unit);
    if min.is_some_and(|m| value < m) || value > max {
        return Err(ScoreError::OutOfRange {
            value: value.normalize(),
            min,
            max,
        });
    }
    Ok(())
}

/// What an Enter on typed text makes of the cell, for every kind of unit.
/// `=4.5` enters a score directly on a unit that has a helper.
pub fn accept(text: &str, unit: &ScoringUnit<'_>, precision: u32, previous: &Cell) -> Result<Cell, InputError> {
    let mut cell = previous.clone();
    let text = text.trim();
    if let Some(direct) = text.strip_prefix('=') {
        cell.score = Some(parse_score(direct, unit, precision)?);
        cell.input = None;
        return Ok(cell);
    }
    match scoring(unit) {
        Scoring::Range { .. } => {
            cell.score = Some(parse_score(text, unit, precision)?);
            cell.input = None;
        }
        Scoring::Scale { levels } => {
            let n: usize = text.parse().map_err(|_| InputError::NotALevel {
                given: text.to_string(),
                levels: levels.len(),
            })?;
            let level = n
                .checked_sub(1)
                .and_then(|i| levels.get(i))
                .ok_or(InputError::NotALevel {
                    given: text.to_string(),
                    levels: levels.len(),
                })?;
            cell.score = Some(level.points);
            cell.input = Some(HelperInput::Scale {
                level: level.name.clone(),
            });
        }
        Scoring::Tiers { tiers } => {
            let measured = parse_decimal(text).ok_or_else(|| InputError::NotANumber(text.to_string()))?;
            let tier = tier_for(tiers, measured).ok_or(InputError::NoTier { value: measured })?;
            cell.score = Some(tier.points);
            cell.input = Some(HelperInput::Tiers {
                measured: measured.normalize(),
            });
        }
        Scoring::PerEvent { events, cap, sign } => {
            let counts = parse_counts(text, events.len())?;
            cell.score = Some(per_event_score(events, &counts, cap, sign));
            cell.input = Some(HelperInput::PerEvent { counts });
        }
        // Ticks are for showing the working; an analyst who has the total
        // already types it, like any score: the digits and Enter.
        Scoring::Checklist => {
            cell.score = Some(parse_score(text, unit, precision)?);
            cell.input = None;
        }
        Scoring::Veto => {
            let applies = match text {
                "1" | "y" | "Y" | "是" => true,
                "0" | "n" | "N" | "否" => false,
                other => return Err(InputError::NotYesNo(other.to_string())),
            };
            cell.veto = Some(applies);
            cell.score = None;
        }
    }
    Ok(cell)
}

/// "2" for one kind of event; "1 0" or "1,0" for several, in the rubric's order.
fn parse_counts(text: &str, kinds: usize) -> Result<Vec<u32>, InputError> {
    let parts: Vec<&str> = text
        .split(|c: char| c == ',' || c == '，' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
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
            mode: crate::rubric::ChecklistMode::Deduct,
        }) => max - ticked_points,
        _ => ticked_points,
    };
    raw.max(Decimal::ZERO).min(max).normalize()
}

/// Tick or untick one sub-criterion of a checklist cell; the score follows.
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
    cell.score = Some(checklist_score(item, &ticked));
    cell.input = Some(HelperInput::Checklist { ticked });
    cell
}
