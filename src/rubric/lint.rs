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

/// What a helper is checked against: the unit it scores.
struct UnitRule<'a> {
    owner: String,
    /// The same, in Chinese (`第 1.1.2 项`, `第 1.1.2 项第 3 部分`).
    owner_zh: String,
    line: Option<usize>,
    kind: Kind,
    points: Option<Decimal>,
    /// The item's note on the document's own inconsistency, if it has one.
    discrepancy: Option<&'a str>,
    /// What the rubric says of how the unit is read: the part's note, or
    /// the item's reading or the document's remark.
    why: Option<&'a str>,
}

impl UnitRule<'_> {
    /// A helper that cannot give the unit's points, or gives more: an error,
    /// unless the rubric says the document itself is so.
    fn mismatch(&self, code: &'static str, (message, zh): (String, String), out: &mut Vec<Diagnostic>) {
        match self.discrepancy {
            Some(why) => out.push(
                Diagnostic::warning(code, self.line, format!("{message} (as in the document: {why})"))
                    .with_zh(format!("{zh}（文件原文如此：{why}）")),
            ),
            None => out.push(
                Diagnostic::error(
                    code,
                    self.line,
                    format!("{message}; if the document says so, mark the item with discrepancy = \"...\""),
                )
                .with_zh(format!("{zh}；若文件原文如此，请给本项写上 discrepancy = \"…\" 说明")),
            ),
        }
    }
}

fn lint_helper(unit: &UnitRule<'_>, helper: &Helper, out: &mut Vec<Diagnostic>) {
    let (owner, who) = (&unit.owner, &unit.owner_zh);
    let error = |code: &'static str, en: String, zh: String| Diagnostic::error(code, unit.line, en).with_zh(zh);
    let earns = matches!(unit.kind, Kind::Standard | Kind::Bonus);
    let floor = crate::rubric::floor::Floor {
        owner,
        owner_zh: who,
        line: unit.line,
        why: unit.why,
    };
    match helper {
        Helper::Checklist { .. } => {}
        Helper::Scale { levels } => {
            if levels.is_empty() {
                out.push(error(
                    "bad-helper",
                    format!("{owner}: the scale has no levels"),
                    format!("{who}：scale 没有等级"),
                ));
                return;
            }
            let top = levels.iter().map(|l| l.points).max().unwrap_or_default();
            reach(unit, "scale-short", ("the scale's top level", "分级评分的最高一级"), top, out);
            if earns {
                floor.levels(levels, out);
            }
        }
        Helper::Tiers(tiers) => {
            // A tiers list whose ranges could not be read is reported as such.
            if earns && !tiers.ranges.is_empty() {
                let top = tiers.ranges.iter().map(|t| t.points).max().unwrap_or_default();
                for tier in tiers.ranges.iter().filter(|t| t.points.is_sign_negative()) {
                    out.push(error(
                        "bad-tier",
                        format!("{owner}: tier {} gives {} points, below 0", tier.written, tier.points),
                        format!("{who}：分档 {} 给 {} 分，低于 0", tier.written, tier.points),
                    ));
                }
                reach(unit, "bad-tier", ("the top tier", "最高一档"), top, out);
                floor.tiers(tiers, out);
            }
            for (problem, problem_zh) in tier_problems(tiers) {
                out.push(error("tier-gap", format!("{owner}: {problem}"), format!("{who}：{problem_zh}")));
            }
        }
        Helper::PerEvent { mode, .. } => match (unit.kind, mode) {
            (Kind::Standard, None) => out.push(error(
                "bad-helper",
                format!("{owner}: per_event on a standard item needs per_event_mode = \"deduct\" (taken off the full points, \"扣完为止\") or \"earn\" (earned up to them)"),
                format!("{who}：标准项按次计分须写 per_event_mode = \"deduct\"（从满分扣，扣完为止）或 \"earn\"（累加到满分为止）"),
            )),
            (Kind::Deduction | Kind::Bonus, Some(_)) => out.push(error(
                "bad-helper",
                format!("{owner}: per_event_mode is for standard items; a deduction or bonus counts its events by its kind"),
                format!("{who}：per_event_mode 只用于标准项；扣分项和加分项按其类别计次"),
            )),
            (Kind::Veto, _) => out.push(error(
                "bad-helper",
                format!("{owner}: a veto is a yes/no and takes no per_event"),
                format!("{who}：否决项只答是或否，不按次计分"),
            )),
            _ => {}
        },
        Helper::Award => {
            if unit.kind == Kind::Veto || unit.points.is_none() {
                out.push(error(
                    "bad-helper",
                    format!("{owner}: award gives exactly the unit's points, and this unit has none"),
                    format!("{who}：award 给的正是本单元的分值，而本单元没有分值"),
                ));
            }
        }
        Helper::Formula(formula) => {
            if !earns {
                out.push(error(
                    "bad-formula",
                    format!("{owner}: a formula scores a standard or bonus unit"),
                    format!("{who}：公式只用于标准项或加分项"),
                ));
            }
            if let (FormulaRule::Linear { base, .. }, Some(max)) = (&formula.rule, unit.points)
                && (*base > max || base.is_sign_negative())
            {
                let words = (
                    format!("{owner}: the formula's base {base} is outside 0..{max}"),
                    format!("{}：公式的基础分 {base} 不在 0..{max} 之内", unit.owner_zh),
                );
                unit.mismatch("bad-formula", words, out);
            }
        }
    }
}

/// A helper's best score against the unit's max.
fn reach(
    unit: &UnitRule<'_>,
    code: &'static str,
    (what, what_zh): (&str, &str),
    top: Decimal,
    out: &mut Vec<Diagnostic>,
) {
    let Some(max) = unit.points else { return };
    let (owner, owner_zh) = (&unit.owner, &unit.owner_zh);
    if top > max {
        let words = (
            format!("{owner}: {what} is worth {top}, more than its {max} points"),
            format!("{owner_zh}：{what_zh}为 {top} 分，多于本单元的 {max} 分"),
        );
        unit.mismatch(code, words, out);
    } else if top < max {
        let words = (
            format!(
                "{owner}: {what} is worth {top} but the unit is worth {max}, so its full points are reachable only by typing the score"
            ),
            format!("{owner_zh}：{what_zh}为 {top} 分，而本单元是 {max} 分，满分只能直接输入分数得到"),
        );
        unit.mismatch(code, words, out);
    }
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

fn lint_totals(rubric: &Rubric, out: &mut Vec<Diagnostic>) {
    for (area, tally) in rubric.areas.iter().zip(rubric.area_tallies()) {
        let why = area
            .discrepancy
            .as_deref()
            .map(|w| format!(" ({w})"))
            .unwrap_or_default();
        let why_zh = area
            .discrepancy
            .as_deref()
            .map(|w| format!("（{w}）"))
            .unwrap_or_default();
        let (id, name) = (&area.id, &area.name);
        match tally.stated {
            Some(stated) if stated != tally.sum => out.push(
                Diagnostic::warning(
                    "area-total",
                    Some(area.line),
                    format!(
                        "area {id} {name}: stated {stated}, its standard items sum to {}{why}",
                        tally.sum
                    ),
                )
                .with_zh(format!(
                    "领域 {id} {name}：写明 {stated} 分，所列标准项合计 {} 分{why_zh}",
                    tally.sum
                )),
            ),
            _ => {
                if let Some(why) = &area.discrepancy {
                    out.push(
                        Diagnostic::warning("discrepancy", Some(area.line), format!("area {id} {name}: {why}"))
                            .with_zh(format!("领域 {id} {name}：{why}")),
                    );
                }
            }
        }
        if !rubric.key_points.iter().any(|k| k.area == area.id) {
            out.push(
                Diagnostic::warning("empty", Some(area.line), format!("area {id} {name} has no key points"))
                    .with_zh(format!("领域 {id} {name} 没有考核要点")),
            );
        }
    }
    for kp in &rubric.key_points {
        let sum = Rubric::standard_sum(rubric.items_in_key_point(&kp.id));
        let why = kp.discrepancy.as_deref().map(|w| format!(" ({w})")).unwrap_or_default();
        let why_zh = kp
            .discrepancy
            .as_deref()
            .map(|w| format!("（{w}）"))
            .unwrap_or_default();
        let (id, name) = (&kp.id, &kp.name);
        match kp.stated {
            Some(stated) if stated != sum => out.push(
                Diagnostic::warning(
                    "key-point-total",
                    Some(kp.line),
                    format!("key point {id} {name}: stated {stated}, its standard items sum to {sum}{why}"),
                )
                .with_zh(format!(
                    "考核要点 {id} {name}：写明 {stated} 分，所列标准项合计 {sum} 分{why_zh}"
                )),
            ),
            _ => {
                if let Some(why) = &kp.discrepancy {
                    out.push(
                        Diagnostic::warning("discrepancy", Some(kp.line), format!("key point {id} {name}: {why}"))
                            .with_zh(format!("考核要点 {id} {name}：{why}")),
                    );
                }
            }
        }
        if rubric.items_in_key_point(&kp.id).next().is_none() {
            out.push(
                Diagnostic::warning(
                    "empty",
                    Some(kp.line),
                    format!("key point {id} {name} has no items in the document"),
                )
                .with_zh(format!("考核要点 {id} {name} 在文件中没有具体项目")),
            );
        }
    }
    if let Some(total) = rubric.total {
        let sum = Rubric::standard_sum(rubric.items.iter());
        if sum != total {
            out.push(
                Diagnostic::warning(
                    "total",
                    None,
                    format!("the document states a total of {total}; its standard items sum to {sum}"),
                )
                .with_zh(format!("文件写明总分 {total} 分，所列标准项合计 {sum} 分")),
            );
        }
    }
}
