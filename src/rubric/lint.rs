//! Rules over a resolved rubric. Errors make the rubric unusable; warnings
//! report what the official document itself gets wrong (a stated total its
//! items do not reach) or what had to be reconstructed, always with both
//! figures, so nobody has to take a silent "fix" on trust.

use super::diagnostic::Diagnostic;
use super::model::*;
use rust_decimal::Decimal;

pub fn lint(rubric: &Rubric) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for item in &rubric.items {
        lint_item(item, &mut out);
    }
    lint_totals(rubric, &mut out);
    out
}

fn lint_item(item: &Item, out: &mut Vec<Diagnostic>) {
    let owner = format!("item {}", item.id);
    let line = Some(item.line);

    // A text or criteria lost from the document is acceptable only when the
    // item says so; otherwise it is a transcription slip.
    let explained = item.reconstructed.is_some() || item.discrepancy.is_some();
    let lost = |field: &str, hint: &str| {
        Diagnostic::error(
            "missing-criteria",
            line,
            format!(
                "{owner} has no {field}; {hint}, or if the document lost it, say so with reconstructed = \"...\" or discrepancy = \"...\""
            ),
        )
    };
    if item.text.is_empty() && !explained {
        out.push(lost("text", "copy it from the document"));
    }
    if item.criteria.is_empty() && !explained {
        out.push(lost(
            "criteria (评分标准)",
            "copy them from the document (or set criteria_column = false if it has no such column)",
        ));
    }

    lint_sub_points(item, &owner, line, out);

    if item.is_split() {
        for sub in item.subs.iter().filter(|s| s.departments.is_empty()) {
            out.push(Diagnostic::error(
                "split-department",
                Some(sub.line),
                format!(
                    "{owner}: its sub-criteria are split between departments, but sub-criterion {} names none",
                    sub.id
                ),
            ));
        }
    }

    match &item.helper {
        Some(Helper::Checklist { .. }) => {
            if item.subs.is_empty() {
                out.push(Diagnostic::error(
                    "bad-helper",
                    line,
                    format!("{owner}: a checklist needs sub-criteria ([[item.sub]]) with points"),
                ));
            }
            for sub in item.subs.iter().filter(|s| s.points.is_none()) {
                out.push(Diagnostic::error(
                    "bad-helper",
                    Some(sub.line),
                    format!("{owner}: checklist sub-criterion {} has no points", sub.id),
                ));
            }
        }
        Some(Helper::Scale { levels }) => lint_scale(item, levels, &owner, out),
        Some(Helper::Tiers(tiers)) => lint_tiers(item, tiers, &owner, out),
        Some(Helper::PerEvent { .. }) if !matches!(item.kind, Kind::Deduction | Kind::Bonus) => {
            out.push(Diagnostic::error(
                "bad-helper",
                line,
                format!("{owner}: per_event is for deductions and bonuses; give the item kind = \"deduction\" or \"bonus\", or enter its score by hand"),
            ));
        }
        Some(Helper::PerEvent { .. }) => {}
        None => {}
    }

    if let Some(what) = &item.reconstructed {
        out.push(Diagnostic::warning(
            "reconstructed",
            line,
            format!("{owner} was reconstructed: {what}"),
        ));
    }
    // A discrepancy already quoted by a more specific warning is not repeated.
    if let Some(why) = &item.discrepancy
        && !out.iter().any(|d| d.line == line && d.message.contains(why.as_str()))
    {
        out.push(Diagnostic::warning("discrepancy", line, format!("{owner}: {why}")));
    }
}

/// Priced sub-criteria against their item: more than it is an error (unless
/// the document says so), less is the document's own arithmetic, a warning.
fn lint_sub_points(item: &Item, owner: &str, line: Option<usize>, out: &mut Vec<Diagnostic>) {
    let with_points: Vec<&Sub> = item.subs.iter().filter(|s| s.points.is_some()).collect();
    if item.kind == Kind::Standard
        && !with_points.is_empty()
        && let Some(max) = item.points
    {
        let sum: Decimal = with_points.iter().filter_map(|s| s.points).sum();
        // Every part priced and the prices falling short: the document's
        // own arithmetic, reported whether or not an annotation explains it.
        if sum < max && with_points.len() == item.subs.len() {
            let why = quoted_discrepancy(item);
            out.push(Diagnostic::warning(
                "sub-points-short",
                line,
                format!(
                    "{owner}: its sub-criteria add up to {}, less than the item's {} points{why}",
                    crate::points::shown(sum),
                    crate::points::shown(max)
                ),
            ));
        }
        if sum > max {
            let message = format!("{owner}: its sub-criteria add up to {sum}, more than the item's {max} points");
            match &item.discrepancy {
                Some(why) => out.push(Diagnostic::warning(
                    "sub-points",
                    line,
                    format!("{message} (as in the document: {why})"),
                )),
                None => out.push(Diagnostic::error(
                    "sub-points",
                    line,
                    format!("{message}; if the document says so, mark the item with discrepancy = \"...\""),
                )),
            }
        }
    }
}

/// The item's own discrepancy note, quoted after a warning that it explains.
fn quoted_discrepancy(item: &Item) -> String {
    item.discrepancy
        .as_deref()
        .map(|w| format!(" ({w})"))
        .unwrap_or_default()
}

fn lint_scale(item: &Item, levels: &[Level], owner: &str, out: &mut Vec<Diagnostic>) {
    let line = Some(item.line);
    if levels.is_empty() {
        out.push(Diagnostic::error(
            "bad-helper",
            line,
            format!("{owner}: the scale has no levels"),
        ));
        return;
    }
    let Some(max) = item.points else { return };
    let top = levels.iter().map(|l| l.points).max().unwrap_or_default();
    if top > max {
        out.push(Diagnostic::error(
            "bad-helper",
            line,
            format!("{owner}: scale level worth {top} is more than the item's {max} points"),
        ));
    } else if top < max {
        let why = quoted_discrepancy(item);
        out.push(Diagnostic::warning(
            "scale-short",
            line,
            format!("{owner}: the scale's top level is worth {top} but the item is worth {max}{why}"),
        ));
    }
}

/// Tiers must cover one unbroken stretch of the measure: a value that falls in
/// a hole, or in two tiers, would leave the score to guesswork.
fn lint_tiers(item: &Item, tiers: &Tiers, owner: &str, out: &mut Vec<Diagnostic>) {
    let line = Some(item.line);
    if let Some(max) = item.points
        && matches!(item.kind, Kind::Standard | Kind::Bonus)
    {
        for tier in tiers
            .ranges
            .iter()
            .filter(|t| t.points > max || t.points.is_sign_negative())
        {
            out.push(Diagnostic::error(
                "bad-tier",
                line,
                format!(
                    "{owner}: tier {} gives {} points, outside 0..{max}",
                    tier.written, tier.points
                ),
            ));
        }
    }
    for problem in tier_problems(tiers) {
        out.push(Diagnostic::error("tier-gap", line, format!("{owner}: {problem}")));
    }
}

/// Holes and overlaps between tiers, in words.
pub fn tier_problems(tiers: &Tiers) -> Vec<String> {
    let mut sorted: Vec<&Tier> = tiers.ranges.iter().collect();
    sorted.sort_by_key(|t| lower_key(t));
    let mut problems = Vec::new();
    for pair in sorted.windows(2) {
        let (prev, next) = (pair[0], pair[1]);
        match join(prev, next, tiers.integer) {
            Join::Touch => {}
            Join::Gap => problems.push(format!(
                "tiers {} and {} leave a gap: a value between them matches no tier",
                prev.written, next.written
            )),
            Join::Overlap => problems.push(format!(
                "tiers {} and {} overlap: a value in both would have two scores",
                prev.written, next.written
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

fn lint_totals(rubric: &Rubric, out: &mut Vec<Diagnostic>) {
    for (area, tally) in rubric.areas.iter().zip(rubric.area_tallies()) {
        let why = area
            .discrepancy
            .as_deref()
            .map(|w| format!(" ({w})"))
            .unwrap_or_default();
        match tally.stated {
            Some(stated) if stated != tally.sum => out.push(Diagnostic::warning(
                "area-total",
                Some(area.line),
                format!(
                    "area {} {}: stated {}, its standard items sum to {}{why}",
                    area.id, area.name, stated, tally.sum
                ),
            )),
            _ => {
                if let Some(why) = &area.discrepancy {
                    out.push(Diagnostic::warning(
                        "discrepancy",
                        Some(area.line),
                        format!("area {} {}: {why}", area.id, area.name),
                    ));
                }
            }
        }
        if !rubric.key_points.iter().any(|k| k.area == area.id) {
            out.push(Diagnostic::warning(
                "empty",
                Some(area.line),
                format!("area {} {} has no key points", area.id, area.name),
            ));
        }
    }
    for kp in &rubric.key_points {
        let sum = Rubric::standard_sum(rubric.items_in_key_point(&kp.id));
        let why = kp.discrepancy.as_deref().map(|w| format!(" ({w})")).unwrap_or_default();
        match kp.stated {
            Some(stated) if stated != sum => out.push(Diagnostic::warning(
                "key-point-total",
                Some(kp.line),
                format!(
                    "key point {} {}: stated {}, its standard items sum to {}{why}",
                    kp.id, kp.name, stated, sum
                ),
            )),
            _ => {
                if let Some(why) = &kp.discrepancy {
                    out.push(Diagnostic::warning(
                        "discrepancy",
                        Some(kp.line),
                        format!("key point {} {}: {why}", kp.id, kp.name),
                    ));
                }
            }
        }
        if rubric.items_in_key_point(&kp.id).next().is_none() {
            out.push(Diagnostic::warning(
                "empty",
                Some(kp.line),
                format!("key point {} {} has no items in the document", kp.id, kp.name),
            ));
        }
    }
    if let Some(total) = rubric.total {
        let sum = Rubric::standard_sum(rubric.items.iter());
        if sum != total {
            out.push(Diagnostic::warning(
                "total",
                None,
                format!("the document states a total of {total}; its standard items sum to {sum}"),
            ));
        }
    }
}
