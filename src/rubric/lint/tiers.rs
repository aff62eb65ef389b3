//! Tiers' ranges against each other: a value between two tiers matches
//! none (a gap), a value in two has two scores (an overlap).

use super::super::model::*;
use rust_decimal::Decimal;

/// Holes and overlaps between tiers, in words (English, Chinese).
pub fn tier_problems(tiers: &Tiers) -> Vec<(String, String)> {
    let mut sorted: Vec<&Tier> = tiers.ranges.iter().collect();
    sorted.sort_by_key(|t| lower_key(t));
    let mut problems = Vec::new();
    for pair in sorted.windows(2) {
        let (prev, next) = (pair[0], pair[1]);
        match join(prev, next, tiers.integer) {
            Join::Touch => {}
            Join::Gap => problems.push((
                format!(
                    "tiers {} and {} leave a gap: a value between them matches no tier",
                    prev.written, next.written
                ),
                format!(
                    "分档 {} 与 {} 之间有空当：落在其间的值不属于任何一档",
                    prev.written, next.written
                ),
            )),
            Join::Overlap => problems.push((
                format!(
                    "tiers {} and {} overlap: a value in both would have two scores",
                    prev.written, next.written
                ),
                format!(
                    "分档 {} 与 {} 重叠：两档都含的值会有两个分数",
                    prev.written, next.written
                ),
            )),
        }
    }
    problems
}

enum Join {
    Touch,
    Gap,
    Overlap,
}

/// Sort key: unbounded below first, then by value, inclusive before exclusive.
fn lower_key(tier: &Tier) -> (bool, Decimal, bool) {
    match tier.lower {
        None => (false, Decimal::MIN, false),
        Some(b) => (true, b.value, !b.inclusive),
    }
}

fn join(prev: &Tier, next: &Tier, integer: bool) -> Join {
    let (Some(upper), Some(lower)) = (prev.upper, next.lower) else {
        return Join::Overlap;
    };
    if integer {
        // Whole-number measures: compare the closed integer ranges.
        let last = if upper.inclusive {
            upper.value.floor()
        } else {
            upper.value.ceil() - Decimal::ONE
        };
        let first = if lower.inclusive {
            lower.value.ceil()
        } else {
            lower.value.floor() + Decimal::ONE
        };
        return match first - last {
            d if d == Decimal::ONE => Join::Touch,
            d if d > Decimal::ONE => Join::Gap,
            _ => Join::Overlap,
        };
    }
    match upper.value.cmp(&lower.value) {
        std::cmp::Ordering::Less => Join::Gap,
        std::cmp::Ordering::Greater => Join::Overlap,
        std::cmp::Ordering::Equal => match (upper.inclusive, lower.inclusive) {
            (true, true) => Join::Overlap,
            (false, false) => Join::Gap,
            _ => Join::Touch,
        },
    }
}
