//! Events counted whole, times their amounts, up to the cap: a deduction
//! ("每发生1件扣10分"), a bonus, or points taken off the full points
//! ("扣完为止").

use super::{Rule, Working, fields, label};
use crate::rubric::{ChecklistMode, Event, Kind, ScoringUnit};
use crate::scoring::bounds::{InputError, range};
use crate::scoring::draft::HelperInput;
use crate::scoring::events;
use crate::scoring::helpers::{HelperError, MAX_EVENTS, per_event_score};
use crate::scoring::rule::{CanGive, RuleName};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

pub struct PerEvent<'a> {
    pub unit: ScoringUnit<'a>,
    pub events: &'a [Event],
    pub mode: Option<ChecklistMode>,
}

impl PerEvent<'_> {
    /// Taken off the full points, down to 0.
    fn taken_off_full(&self) -> bool {
        self.unit.kind() == Kind::Standard && self.mode == Some(ChecklistMode::Deduct)
    }

    /// The sum of amounts a score stands for, the cap, and a score's sign.
    fn sum_for(&self, score: Decimal) -> (Decimal, Option<Decimal>, Decimal) {
        let (_, max) = range(&self.unit);
        match self.unit.kind() {
            Kind::Deduction => (-score, self.unit.points, Decimal::NEGATIVE_ONE),
            _ if self.taken_off_full() => (max - score, Some(max), Decimal::NEGATIVE_ONE),
            _ => (score, self.unit.points, Decimal::ONE),
        }
    }
}

impl Rule for PerEvent<'_> {
    /// "2" for one kind of event; "1 0" or "1,0" for several, in the
    /// rubric's order; or the events themselves, described
    /// ([`events::parse`]), and then counted.
    fn read(&self, text: &str) -> Result<HelperInput, InputError> {
        let kinds = self.events.len();
        if events::describes(text) {
            let described = events::parse(text, kinds);
            events::check(&described, kinds).map_err(|e| InputError::Helper(HelperError::Event(e)))?;
            return Ok(HelperInput::PerEvent {
                counts: events::tally(&described, kinds),
                events: described,
            });
        }
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
        Ok(HelperInput::PerEvent { counts, events: vec![] })
    }

    fn score(&self, input: &HelperInput, _precision: u32) -> Result<Decimal, HelperError> {
        let HelperInput::PerEvent {
            counts,
            events: described,
        } = input
        else {
            return Err(HelperError::WrongHelper);
        };
        if counts.len() != self.events.len() {
            return Err(HelperError::Counts {
                kinds: self.events.len(),
            });
        }
        if described.len() > MAX_EVENTS as usize {
            return Err(HelperError::TooManyEvents { max: MAX_EVENTS });
        }
        // Described events are what the counts count: the two never disagree.
        if !described.is_empty() {
            events::check(described, self.events.len()).map_err(HelperError::Event)?;
            if events::tally(described, self.events.len()) != *counts {
                return Err(HelperError::EventsDisagree);
            }
        }
        if counts.iter().any(|&n| n > MAX_EVENTS) {
            return Err(HelperError::TooManyEvents { max: MAX_EVENTS });
        }
        let (_, max) = range(&self.unit);
        let score = match self.unit.kind() {
            Kind::Deduction => per_event_score(self.events, counts, self.unit.points, Decimal::NEGATIVE_ONE),
            _ if self.taken_off_full() => max + per_event_score(self.events, counts, Some(max), Decimal::NEGATIVE_ONE),
            _ => per_event_score(
                self.events,
                counts,
                Some(max).filter(|_| self.unit.points.is_some()),
                Decimal::ONE,
            ),
        };
        Ok(score.normalize())
    }

    fn can_give(&self, score: Decimal, _precision: u32) -> Option<CanGive> {
        let (sum, cap, sign) = self.sum_for(score);
        let amounts: Vec<Decimal> = self
            .events
            .iter()
            .map(|e| e.points)
            .filter(|p| *p > Decimal::ZERO)
            .collect();
        if cap == Some(sum) || sums_to(&amounts, sum) {
            return None;
        }
        // The first few scores from no event on, then the cap's.
        let offset = if self.taken_off_full() {
            range(&self.unit).1
        } else {
            Decimal::ZERO
        };
        let as_score = |s: Decimal| (offset + sign * s).normalize();
        let mut scores: Vec<Option<Decimal>> = first_sums(&amounts, cap, 6)
            .into_iter()
            .map(|s| Some(as_score(s)))
            .collect();
        let reaches_cap = cap.is_some_and(|c| scores.contains(&Some(as_score(c))));
        if !reaches_cap {
            scores.push(None);
            scores.extend(cap.map(|c| Some(as_score(c))));
        }
        Some(CanGive {
            rule: RuleName::PerEvent,
            scores,
        })
    }

    fn working(&self, input: &HelperInput) -> Option<Working> {
        let HelperInput::PerEvent { counts, .. } = input else {
            return None;
        };
        let terms: Vec<(u32, Decimal)> = counts.iter().zip(self.events).map(|(n, e)| (*n, e.points)).collect();
        let total: Decimal = terms.iter().map(|(n, p)| *p * Decimal::from(*n)).sum();
        let cap = self.unit.points;
        Some(Working::Events {
            capped: cap.is_some_and(|c| total > c),
            terms,
            total,
            cap,
            from_full: self.taken_off_full().then(|| cap.unwrap_or_default()),
        })
    }

    fn text(&self, input: &HelperInput) -> Option<String> {
        match input {
            HelperInput::PerEvent { events: described, .. } if !described.is_empty() => {
                Some(events::text(described, self.events.len()))
            }
            HelperInput::PerEvent { counts, .. } => {
                Some(counts.iter().map(u32::to_string).collect::<Vec<_>>().join(" "))
            }
            _ => None,
        }
    }

    fn asks(&self) -> Vec<String> {
        self.events.iter().map(|e| e.name.clone()).collect()
    }

    // The kinds of event are listed, numbered, in the criteria pane.
    fn asks_label(&self, lang: crate::lang::Lang) -> String {
        let kinds = self.events.len().to_string();
        let joint = crate::scoring::rule::needs_described_events(&self.unit);
        match (joint, self.events.len() > 1) {
            (true, false) => label(
                lang,
                "事件：何地何事 日期；下一件",
                "events: what, where, date; the next",
                &kinds,
            ),
            (true, true) => label(
                lang,
                "事件：类别号：何地何事 日期；下一件",
                "events: kind: what, where, date; the next",
                &kinds,
            ),
            (false, false) => label(
                lang,
                "次数，或事件（何地何事 日期；下一件）",
                "a count, or the events (what, where, date; the next)",
                &kinds,
            ),
            (false, true) => label(
                lang,
                "各类次数，或事件（类别号：何事 日期；下一件）",
                "counts of each kind, or the events (kind: what, date; the next)",
                &kinds,
            ),
        }
    }
}

/// The smallest `n` sums of whole numbers of the amounts, none above `cap`
/// (the cap itself stands for every sum past it).
fn first_sums(amounts: &[Decimal], cap: Option<Decimal>, n: usize) -> Vec<Decimal> {
    let mut out = Vec::new();
    let mut frontier: BTreeSet<Decimal> = [Decimal::ZERO].into();
    while let Some(next) = frontier.pop_first() {
        let next = next.normalize();
        if let Some(c) = cap
            && next >= c
        {
            out.push(c.normalize());
            break;
        }
        out.push(next);
        if out.len() >= n {
            break;
        }
        frontier.extend(amounts.iter().map(|a| next + a));
    }
    out
}

/// Sums past this many of the finest unit are told by their common divisor:
/// far beyond the largest sum two amounts cannot make.
const SUM_TABLE: u64 = 1_000_000;

/// Whether some whole numbers of the amounts add up to `sum`.
fn sums_to(amounts: &[Decimal], sum: Decimal) -> bool {
    if sum.is_zero() {
        return true;
    }
    if sum.is_sign_negative() || amounts.is_empty() {
        return false;
    }
    let scale = amounts
        .iter()
        .chain([&sum])
        .map(|d| d.normalize().scale())
        .max()
        .unwrap_or(0);
    let whole = |d: Decimal| -> Option<u64> {
        let mut d = d.normalize();
        d.rescale(scale);
        u64::try_from(d.mantissa()).ok()
    };
    let (Some(target), Some(parts)) = (
        whole(sum),
        amounts.iter().map(|a| whole(*a)).collect::<Option<Vec<u64>>>(),
    ) else {
        return false;
    };
    let divisor = parts.iter().fold(0, |g, &p| gcd(g, p));
    if divisor == 0 || !target.is_multiple_of(divisor) {
        return false;
    }
    if parts.len() == 1 || target > SUM_TABLE {
        return true;
    }
    let mut reach = vec![false; target as usize + 1];
    reach[0] = true;
    for at in 1..=target as usize {
        reach[at] = parts.iter().any(|&p| p as usize <= at && reach[at - p as usize]);
    }
    reach[target as usize]
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn sums_of_whole_events() {
        assert!(sums_to(&[dec!(10)], dec!(30)));
        assert!(!sums_to(&[dec!(10)], dec!(25)));
        assert!(sums_to(&[dec!(0.5), dec!(1)], dec!(1.5)));
        assert!(!sums_to(&[dec!(2), dec!(3)], dec!(1)));
        assert!(sums_to(&[dec!(2), dec!(3)], dec!(7)));
        assert!(!sums_to(&[dec!(0.05)], dec!(0.07)));
        assert_eq!(first_sums(&[dec!(10)], None, 3), vec![dec!(0), dec!(10), dec!(20)]);
        assert_eq!(
            first_sums(&[dec!(0.5), dec!(1)], Some(dec!(1)), 6),
            vec![dec!(0), dec!(0.5), dec!(1)]
        );
    }
}
