//! Resolving an item's scoring helper (checklist, scale, tiers, per event)
//! and the tier ranges written as `[90,100]`, `(80,90)`.

use super::Resolver;
use crate::rubric::model::*;
use crate::rubric::source::*;
use rust_decimal::Decimal;
use toml::Spanned;

impl Resolver {
    pub(super) fn helper(
        &mut self,
        owner: &str,
        line: usize,
        checklist: Option<Spanned<ChecklistSource>>,
        scale: Option<Spanned<Vec<LevelSource>>>,
        tiers: Option<Spanned<TiersSource>>,
        per_event: Option<Spanned<Vec<EventSource>>>,
    ) -> Option<Helper> {
        let given = [
            checklist.is_some(),
            scale.is_some(),
            tiers.is_some(),
            per_event.is_some(),
        ]
        .iter()
        .filter(|&&g| g)
        .count();
        if given > 1 {
            self.error(
                "bad-helper",
                Some(line),
                format!("{owner} has {given} scoring helpers; a criterion uses one (checklist, scale, tiers or per_event) or none"),
            );
        }
        if let Some(mode) = checklist {
            let mode = match mode.into_inner() {
                ChecklistSource::Earn => ChecklistMode::Earn,
                ChecklistSource::Deduct => ChecklistMode::Deduct,
            };
            return Some(Helper::Checklist { mode });
        }
        if let Some(levels) = scale {
            let levels = levels
                .into_inner()
                .into_iter()
                .map(|l| Level {
                    name: l.name,
                    points: l.points.0,
                })
                .collect();
            return Some(Helper::Scale { levels });
        }
        if let Some(tiers) = tiers {
            let tiers_line = self.line(&tiers);
            let tiers = tiers.into_inner();
            if tiers.ranges.is_empty() {
                self.error("bad-tier", tiers_line, format!("{owner}: tiers has no ranges"));
            }
            let mut ranges = Vec::new();
            for tier in tiers.ranges {
                let tier_line = self.lines.line(tier.span().start);
                let tier = tier.into_inner();
                match parse_range(&tier.range) {
                    Ok((lower, upper)) => ranges.push(Tier {
                        lower,
                        upper,
                        points: tier.points.0,
                        written: tier.range,
                    }),
                    Err(why) => self.error(
                        "bad-tier",
                        Some(tier_line),
                        format!(
                            "{owner}: tier range \"{}\" {why}; write it like \"[80,90)\", \"[90,)\" or \"(,80)\"",
                            tier.range
                        ),
                    ),
                }
            }
            return Some(Helper::Tiers(Tiers {
                measure: tiers.measure,
                unit: tiers.unit,
                integer: tiers.integer,
                ranges,
            }));
        }
        if let Some(events) = per_event {
            let events_line = self.line(&events);
            let events: Vec<Event> = events
                .into_inner()
                .into_iter()
                .map(|e| Event {
                    name: e.name,
                    points: e.points.0,
                })
                .collect();
            if events.iter().any(|e| e.points <= Decimal::ZERO) {
                self.error(
                    "bad-helper",
                    events_line,
                    format!("{owner}: per_event amounts are positive; the item's kind says whether they add or deduct"),
                );
            }
            return Some(Helper::PerEvent { events });
        }
        None
    }
}

/// `[80,90)`, `[90,)`, `(,80)`: brackets are inclusive, parentheses exclusive,
/// an empty side is open.
pub fn parse_range(text: &str) -> Result<(Option<Bound>, Option<Bound>), &'static str> {
    let t = text.trim();
    let lower_inclusive = match t.chars().next() {
        Some('[') => true,
        Some('(') => false,
        _ => return Err("must start with [ or ("),
    };
    let upper_inclusive = match t.chars().last() {
        Some(']') => true,
        Some(')') => false,
        _ => return Err("must end with ] or )"),
    };
    let inner = &t[1..t.len() - 1];
    let (low, high) = inner.split_once(',').ok_or("needs a comma between its ends")?;
    let bound = |s: &str, inclusive: bool| -> Result<Option<Bound>, &'static str> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        let value = parse_decimal(s).ok_or("has an end that is not a decimal number")?;
        if value.abs() > MAX_VALUE {
            return Err("has an end larger than any measure (kaohe takes values up to 1000000000000)");
        }
        Ok(Some(Bound { value, inclusive }))
    };
    let lower = bound(low, lower_inclusive)?;
    let upper = bound(high, upper_inclusive)?;
    if lower.is_none() && upper.is_none() {
        return Err("is open at both ends");
    }
    if let (Some(l), Some(u)) = (lower, upper)
        && (l.value > u.value || (l.value == u.value && !(l.inclusive && u.inclusive)))
    {
        return Err("is empty (its lower end is not below its upper end)");
    }
    Ok((lower, upper))
}
