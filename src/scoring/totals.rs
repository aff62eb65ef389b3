//! How item scores add up to a district's total: the one home of that rule,
//! used by the merge for the office's totals and by the workbench for the
//! subtotal it shows the analyst.

use crate::rubric::{Item, Kind, Rubric};
use rust_decimal::Decimal;

/// An item's score from its units' scores (its parts, or each department's
/// report on a joint deduction): their sum, within the item's range. Parts
/// that the document prices above the item, or deductions reported by
/// several departments, never give more than the item allows.
pub fn item_score(item: &Item, units_sum: Decimal) -> Decimal {
    let (min, max) = match (item.kind, item.points) {
        (Kind::Deduction, Some(cap)) => (Some(-cap), Some(Decimal::ZERO)),
        (Kind::Deduction, None) => (None, Some(Decimal::ZERO)),
        (Kind::Standard | Kind::Bonus, Some(max)) => (Some(Decimal::ZERO), Some(max)),
        _ => (None, None),
    };
    let floored = min.map_or(units_sum, |m| units_sum.max(m));
    max.map_or(floored, |m| floored.min(m))
}

/// A sum past what a decimal holds. Verified scores have bounds that keep
/// every sum far inside it (`bounds::uncapped_floor`); only scores that
/// skipped those checks (a hand-edited draft) can get here, and they are
/// said, not added up wrong or panicked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow {
    /// The item (as the rubric's index) whose parts overflowed; None when
    /// it is the district's totals.
    pub item: Option<usize>,
}

/// Item scores (indexed as the rubric's items) from the scored units, each
/// given as its item's index and its score.
pub fn item_scores(
    rubric: &Rubric,
    units: impl Iterator<Item = (usize, Decimal)>,
) -> Result<Vec<Option<Decimal>>, Overflow> {
    let mut sums: Vec<Option<Decimal>> = vec![None; rubric.items.len()];
    for (item, score) in units {
        if let Some(sum) = sums.get_mut(item) {
            let added = sum.unwrap_or_default().checked_add(score);
            *sum = Some(added.ok_or(Overflow { item: Some(item) })?);
        }
    }
    for (sum, item) in sums.iter_mut().zip(&rubric.items) {
        if let Some(s) = sum {
            *s = item_score(item, *s);
        }
    }
    Ok(sums)
}

/// `a + b`, or the overflow of the district's totals.
pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_add(b).ok_or(Overflow { item: None })
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Standard items' scores.
    pub standard: Decimal,
    /// Deductions (zero or negative), each already within its own cap.
    pub deductions: Decimal,
    /// Bonuses as scored, before the rubric's bonus cap.
    pub bonus_raw: Decimal,
    /// Bonuses as they count: at most the rubric's `bonus_cap`.
    pub bonus_counted: Decimal,
    /// standard + deductions + bonus_counted. A veto does not change it; it
    /// changes the grade.
    pub total: Decimal,
}

/// Totals of one district from its item scores, indexed as the rubric's items
/// (`None` for an item with no score).
pub fn district_totals(rubric: &Rubric, item_scores: &[Option<Decimal>]) -> Result<Totals, Overflow> {
    let mut t = Totals::default();
    for (item, score) in rubric.items.iter().zip(item_scores) {
        let Some(score) = *score else { continue };
        match item.kind {
            Kind::Standard => t.standard = add(t.standard, score)?,
            Kind::Deduction => t.deductions = add(t.deductions, score)?,
            Kind::Bonus => t.bonus_raw = add(t.bonus_raw, score)?,
            Kind::Veto => {}
        }
    }
    t.bonus_counted = rubric.bonus_cap.map_or(t.bonus_raw, |cap| t.bonus_raw.min(cap));
    t.total = add(add(t.standard, t.deductions)?, t.bonus_counted)?;
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn deductions_add_bonuses_are_capped_and_a_veto_counts_nothing() {
        let bundled = crate::rubric::bundled::by_id("huiji-2016").expect("bundled");
        let mut rubric = crate::rubric::check(&bundled.file, bundled.text)
            .into_result()
            .expect("valid");
        assert_eq!(rubric.bonus_cap, Some(dec!(10)));
        // The document has no deduction: make its first item one.
        rubric.items[0].kind = Kind::Deduction;
        let mut scores = vec![None; rubric.items.len()];
        let mut standard = Decimal::ZERO;
        for (i, item) in rubric.items.iter().enumerate() {
            let score = match item.kind {
                Kind::Standard => dec!(1),
                Kind::Deduction => dec!(-0.5),
                Kind::Bonus => dec!(30),
                Kind::Veto => dec!(99),
            };
            if item.kind == Kind::Standard {
                standard += score;
            }
            scores[i] = Some(score);
        }
        let t = district_totals(&rubric, &scores).expect("no overflow");
        assert_eq!(t.standard, standard);
        assert!(t.deductions < Decimal::ZERO);
        assert!(t.bonus_raw >= dec!(30));
        assert_eq!(t.bonus_counted, dec!(10), "capped at the rubric's bonus_cap");
        assert_eq!(t.total, t.standard + t.deductions + dec!(10));
        let past_any_decimal = vec![Some(Decimal::MAX); rubric.items.len()];
        assert_eq!(
            district_totals(&rubric, &past_any_decimal),
            Err(Overflow { item: None }),
            "a sum past Decimal::MAX is said"
        );
        assert_eq!(
            district_totals(&rubric, &vec![None; rubric.items.len()]),
            Ok(Totals::default())
        );
    }
}
