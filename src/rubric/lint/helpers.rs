//! A scoring helper against the unit it scores: its levels, tiers, counts,
//! award or formula reach the unit's points, take the unit's kind, and (with
//! [`super::floor`]) cover every case a district can be in.

use super::super::diagnostic::Diagnostic;
use super::super::model::*;
use super::tiers::tier_problems;
use rust_decimal::Decimal;

/// What a helper is checked against: the unit it scores.
pub(super) struct UnitRule<'a> {
    pub(super) owner: String,
    /// The same, in Chinese (`第 1.1.2 项`, `第 1.1.2 项第 3 部分`).
    pub(super) owner_zh: String,
    pub(super) line: Option<usize>,
    pub(super) kind: Kind,
    pub(super) points: Option<Decimal>,
    /// The item's note on the document's own inconsistency, if it has one.
    pub(super) discrepancy: Option<&'a str>,
    /// What the rubric says of how the unit is read: the part's note, or
    /// the item's reading or the document's remark.
    pub(super) why: Option<&'a str>,
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

pub(super) fn lint_helper(unit: &UnitRule<'_>, helper: &Helper, out: &mut Vec<Diagnostic>) {
    let (owner, who) = (&unit.owner, &unit.owner_zh);
    let error = |code: &'static str, en: String, zh: String| Diagnostic::error(code, unit.line, en).with_zh(zh);
    let earns = matches!(unit.kind, Kind::Standard | Kind::Bonus);
    let floor = super::floor::Floor {
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
