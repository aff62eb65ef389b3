//! Rules over a resolved rubric. Errors make the rubric unusable; warnings
//! report what the official document itself gets wrong (a stated total its
//! items do not reach) or what had to be reconstructed, always with both
//! figures, so nobody has to take a silent "fix" on trust.

mod floor;
mod helpers;
mod tiers;
mod totals;

pub use tiers::tier_problems;

use super::diagnostic::Diagnostic;
use super::model::*;
use helpers::{UnitRule, lint_helper};
use rust_decimal::Decimal;

pub fn lint(rubric: &Rubric) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for item in &rubric.items {
        lint_item(item, &mut out);
    }
    totals::lint_totals(rubric, &mut out);
    out
}

fn lint_item(item: &Item, out: &mut Vec<Diagnostic>) {
    let owner = format!("item {}", item.id);
    let line = Some(item.line);

    lint_lost_text(item, &owner, line, out);
    let who = format!("第 {} 项", item.id);

    lint_sub_points(item, &owner, line, out);

    if item.is_split() {
        for sub in item.subs.iter().filter(|s| s.departments.is_empty()) {
            out.push(
                Diagnostic::error(
                    "split-department",
                    Some(sub.line),
                    format!(
                        "{owner}: its sub-criteria are split between departments, but sub-criterion {} names none",
                        sub.id
                    ),
                )
                .with_zh(format!("{who}：各条评分标准分属不同部门，第 {} 条却没有写部门", sub.id)),
            );
        }
    }

    if let Some(Helper::Checklist { .. }) = &item.helper {
        if item.subs.is_empty() {
            out.push(
                Diagnostic::error(
                    "bad-helper",
                    line,
                    format!("{owner}: a checklist needs sub-criteria ([[item.sub]]) with points"),
                )
                .with_zh(format!("{who}：checklist 需要带分值的评分标准（[[item.sub]]）")),
            );
        }
        for sub in item.subs.iter().filter(|s| s.points.is_none()) {
            out.push(
                Diagnostic::error(
                    "bad-helper",
                    Some(sub.line),
                    format!("{owner}: checklist sub-criterion {} has no points", sub.id),
                )
                .with_zh(format!("{who}：checklist 的第 {} 条没有分值", sub.id)),
            );
        }
    }
    let in_parts = item.is_in_parts();
    if let Some(helper) = &item.helper {
        let unit = UnitRule {
            owner: owner.clone(),
            owner_zh: format!("第 {} 项", item.id),
            line,
            kind: item.kind,
            points: item.points,
            discrepancy: item.discrepancy.as_deref(),
            why: item.reading.as_deref().or(item.note.as_deref()),
        };
        lint_helper(&unit, helper, out);
    }
    for sub in &item.subs {
        let Some(helper) = &sub.helper else { continue };
        let unit = UnitRule {
            owner: format!("{owner} part {}", sub.id),
            owner_zh: format!("第 {} 项第 {} 部分", item.id, sub.id),
            line: Some(sub.line),
            kind: sub.kind,
            points: sub.points,
            discrepancy: item.discrepancy.as_deref(),
            why: sub.note.as_deref().or(item.reading.as_deref()).or(item.note.as_deref()),
        };
        if in_parts {
            lint_helper(&unit, helper, out);
        } else {
            out.push(
                Diagnostic::error(
                    "bad-helper",
                    Some(sub.line),
                    format!(
                        "{}: has a helper, but {owner} is scored as one cell (a part needs a standard item with no helper of its own, every sub-criterion priced, and parts that reach the item's points)",
                        unit.owner
                    ),
                )
                .with_zh(format!(
                    "{}：写了计分方法，但{who}按一个单元评分（分部分评分要求：本项是标准项且自身没有计分方法、每条都有分值、各条合计达到本项分值）",
                    unit.owner_zh
                )),
            );
        }
    }
    lint_missing_parts(item, &owner, line, out);

    let owner_zh = format!("第 {} 项", item.id);
    if let Some(what) = &item.reconstructed {
        out.push(
            Diagnostic::warning("reconstructed", line, format!("{owner} was reconstructed: {what}"))
                .with_zh(format!("{owner_zh}是复原的：{what}")),
        );
    }
    // A discrepancy already quoted by a more specific warning is not repeated.
    if let Some(why) = &item.discrepancy
        && !out.iter().any(|d| d.line == line && d.message.contains(why.as_str()))
    {
        out.push(
            Diagnostic::warning("discrepancy", line, format!("{owner}: {why}")).with_zh(format!("{owner_zh}：{why}")),
        );
    }
}

/// A text or criteria lost from the document is acceptable only when the
/// item says so; otherwise it is a transcription slip.
fn lint_lost_text(item: &Item, owner: &str, line: Option<usize>, out: &mut Vec<Diagnostic>) {
    let explained = item.reconstructed.is_some() || item.discrepancy.is_some();
    let who = format!("第 {} 项", item.id);
    let lost = |(field, hint): (&str, &str), (field_zh, hint_zh): (&str, &str)| {
        Diagnostic::error(
            "missing-criteria",
            line,
            format!(
                "{owner} has no {field}; {hint}, or if the document lost it, say so with reconstructed = \"...\" or discrepancy = \"...\""
            ),
        )
        .with_zh(format!(
            "{who}没有{field_zh}；{hint_zh}，若是文件本身缺了，请用 reconstructed = \"…\" 或 discrepancy = \"…\" 说明"
        ))
    };
    if item.text.is_empty() && !explained {
        out.push(lost(
            ("text", "copy it from the document"),
            ("具体内容", "请照原件抄录"),
        ));
    }
    if item.criteria.is_empty() && !explained {
        out.push(lost(
            (
                "criteria (评分标准)",
                "copy them from the document (or set criteria_column = false if it has no such column)",
            ),
            ("评分标准", "请照原件抄录（原件没有这一栏时写 criteria_column = false）"),
        ));
    }
}

/// Priced sub-criteria against their item: more than it is an error (unless
/// the document says so), less is the document's own arithmetic, a warning.
fn lint_sub_points(item: &Item, owner: &str, line: Option<usize>, out: &mut Vec<Diagnostic>) {
    let with_points: Vec<&Sub> = item
        .subs
        .iter()
        .filter(|s| s.points.is_some() && s.kind == Kind::Standard)
        .collect();
    if item.kind == Kind::Standard
        && !with_points.is_empty()
        && let Some(max) = item.points
    {
        let sum: Decimal = with_points.iter().filter_map(|s| s.points).sum();
        // Every part priced and the prices falling short: the document's
        // own arithmetic, reported whether or not an annotation explains it.
        let deduction_parts = item.subs.iter().filter(|s| s.kind == Kind::Deduction).count();
        if sum < max && with_points.len() + deduction_parts == item.subs.len() {
            let why = quoted_discrepancy(item);
            let why_zh = item
                .discrepancy
                .as_deref()
                .map(|w| format!("（{w}）"))
                .unwrap_or_default();
            let (sum, max) = (crate::points::shown(sum), crate::points::shown(max));
            out.push(
                Diagnostic::warning(
                    "sub-points-short",
                    line,
                    format!(
                        "{owner}: its sub-criteria add up to {sum}, less than the item's {max} points, so it is scored as one cell to keep them reachable{why}"
                    ),
                )
                .with_zh(format!(
                    "第 {} 项：各条评分标准合计 {sum} 分，少于本项的 {max} 分，故按一个单元评分，满分仍可直接输入{why_zh}",
                    item.id
                )),
            );
        }
        if sum > max {
            let message = format!("{owner}: its sub-criteria add up to {sum}, more than the item's {max} points");
            let zh = format!("第 {} 项：各条评分标准合计 {sum} 分，多于本项的 {max} 分", item.id);
            match &item.discrepancy {
                Some(why) => out.push(
                    Diagnostic::warning("sub-points", line, format!("{message} (as in the document: {why})"))
                        .with_zh(format!("{zh}（文件原文如此：{why}）")),
                ),
                None => out.push(
                    Diagnostic::error(
                        "sub-points",
                        line,
                        format!("{message}; if the document says so, mark the item with discrepancy = \"...\""),
                    )
                    .with_zh(format!("{zh}；若文件原文如此，请给本项写上 discrepancy = \"…\" 说明")),
                ),
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

/// Criteria that state points for numbered parts ("1. …（1分）") on an item
/// that lists no sub-criteria: the parts were not encoded.
fn lint_missing_parts(item: &Item, owner: &str, line: Option<usize>, out: &mut Vec<Diagnostic>) {
    if !item.subs.is_empty() || item.kind != Kind::Standard {
        return;
    }
    let priced = item
        .criteria
        .lines()
        .filter(|l| super::numbering::numbered(l).is_some() && states_points(l))
        .count();
    if priced >= 2 {
        out.push(
            Diagnostic::warning(
                "parts-missing",
                line,
                format!("{owner}: its criteria state points for {priced} numbered parts, but it has no [[item.sub]]; list them so each is scored as a part"),
            )
            .with_zh(format!(
                "第 {} 项：评分标准给 {priced} 个编号的部分写了分值，却没有 [[item.sub]]；请逐条列出，每条按一部分评分",
                item.id
            )),
        );
    }
}

/// "(1分)", "（0.5分）", "(0.5)" at a part's head.
fn states_points(text: &str) -> bool {
    let mut rest = text;
    while let Some(open) = rest.find(['(', '（']) {
        let after = &rest[open..];
        let after = after.trim_start_matches(['(', '（']);
        let digits: String = after.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        let tail = &after[digits.len()..];
        if !digits.is_empty() && (tail.starts_with('分') || tail.starts_with(')') || tail.starts_with('）')) {
            return true;
        }
        rest = tail;
    }
    false
}
