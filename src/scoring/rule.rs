//! What a cell may hold: the one rule. The workbench (before it saves),
//! `kaohe import` (before it writes a draft) and `kaohe verify` (before it
//! trusts a signed file) all ask [`check`], and a refusal is worded once, in
//! [`Refusal::words`], listing what the unit's rule can give.
//!
//! A score is a figure the unit's rule can produce: a level's or a tier's
//! points, a whole number of events times their amounts up to the cap, the
//! award or nothing, a formula's steps, a checklist's sums. A unit with no
//! helper (or whose levels are guidance only) takes any score in its range
//! at the rubric's precision.

use super::bounds::{ScoreError, check_score, range};
use super::draft::{Cell, HelperInput};
use super::helpers::{HelperError, helper_score};
use crate::lang::Lang;
use crate::rubric::{ChecklistMode, Event, FormulaRule, Helper, Kind, Level, ScoringUnit};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// What a cell holds, wherever it comes from: a draft's cell or a signed
/// file's entry.
#[derive(Debug, Clone, Copy)]
pub struct Held<'a> {
    pub score: Option<Decimal>,
    pub veto: Option<bool>,
    pub input: Option<&'a HelperInput>,
    pub note: &'a str,
}

impl<'a> From<&'a Cell> for Held<'a> {
    fn from(cell: &'a Cell) -> Held<'a> {
        Held {
            score: cell.score,
            veto: cell.veto,
            input: cell.input.as_ref(),
            note: &cell.note,
        }
    }
}

/// Why a cell may not hold what it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    TooManyDecimals {
        allowed: u32,
    },
    OutOfRange {
        value: Decimal,
        min: Option<Decimal>,
        max: Decimal,
    },
    /// Below an uncapped deduction's floor.
    BeyondAnyCount {
        value: Decimal,
        floor: Decimal,
    },
    /// A score in range that the unit's rule cannot give.
    NotGiven {
        value: Decimal,
        can: CanGive,
    },
    /// A veto item takes a yes or no, never points.
    ScoreOnVeto,
    /// Only a veto item takes a yes or no.
    VetoOnScore,
    VetoWithoutReason,
    /// The helper's inputs in the cell give no score.
    Inputs(HelperError),
    /// The score is not what the helper's inputs give.
    InputsDisagree {
        score: Option<Decimal>,
        given: Decimal,
    },
}

/// The rule a score was measured against, as the refusal names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleName {
    Levels,
    Tiers,
    PerEvent,
    Award,
    Formula,
    Checklist,
}

/// What a rule can give, as a refusal lists it: some of the scores, in
/// order, `None` where the list goes on (`0 / -10 / -20 / …`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanGive {
    pub rule: RuleName,
    pub scores: Vec<Option<Decimal>>,
}

impl From<ScoreError> for Refusal {
    fn from(e: ScoreError) -> Refusal {
        match e {
            ScoreError::TooManyDecimals { allowed } => Refusal::TooManyDecimals { allowed },
            ScoreError::OutOfRange { value, min, max } => Refusal::OutOfRange { value, min, max },
            ScoreError::BeyondAnyCount { value, floor } => Refusal::BeyondAnyCount { value, floor },
        }
    }
}

/// Whether `unit` may hold `held`: the one rule every path asks.
pub fn check(unit: &ScoringUnit<'_>, held: Held<'_>, precision: u32) -> Result<(), Refusal> {
    let veto_item = unit.item.kind == Kind::Veto;
    match (veto_item, held.score, held.veto) {
        (true, Some(_), _) => return Err(Refusal::ScoreOnVeto),
        (true, None, Some(true)) if held.note.trim().is_empty() => return Err(Refusal::VetoWithoutReason),
        (false, _, Some(_)) => return Err(Refusal::VetoOnScore),
        _ => {}
    }
    if let Some(score) = held.score {
        check_score(score, unit, precision)?;
    }
    // Inputs that do not give the score say so first: the more telling reason.
    if let Some(input) = held.input {
        let given = helper_score(unit, input, precision).map_err(Refusal::Inputs)?;
        if held.score != Some(given) {
            return Err(Refusal::InputsDisagree {
                score: held.score,
                given,
            });
        }
    }
    if let Some(score) = held.score
        && let Some(can) = not_given(unit, score, precision)
    {
        return Err(Refusal::NotGiven {
            value: score.normalize(),
            can,
        });
    }
    Ok(())
}

/// A score on its own (typed, or read from a sheet): [`check`] with nothing else in the cell.
pub fn check_points(unit: &ScoringUnit<'_>, score: Decimal, precision: u32) -> Result<(), Refusal> {
    check(
        unit,
        Held {
            score: Some(score),
            veto: None,
            input: None,
            note: "",
        },
        precision,
    )
}

/// Yes or no, however it is typed or written in a sheet: one vocabulary
/// for the workbench's entries and the score import.
pub fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "1" | "y" | "yes" | "true" | "是" | "否决" => Some(true),
        "0" | "n" | "no" | "false" | "否" | "不否决" => Some(false),
        _ => None,
    }
}

/// A scale whose top level is below the unit's points (the on-site sheet's
/// 好5…非常差1 on 10-point items): guidance, not the only scores.
pub fn is_guidance(levels: &[Level], unit: &ScoringUnit<'_>) -> bool {
    let top = levels.iter().map(|l| l.points).max().unwrap_or_default();
    unit.points.is_some_and(|max| top < max)
}

/// The unit's levels when they are guidance only: any score in range stands.
pub fn guidance(unit: &ScoringUnit<'_>) -> bool {
    matches!(unit.helper(), Some(Helper::Scale { levels }) if is_guidance(levels, unit))
}

/// None when the unit's rule can give `score` (already in range and
/// precision); else what it can give.
fn not_given(unit: &ScoringUnit<'_>, score: Decimal, precision: u32) -> Option<CanGive> {
    let (min, max) = range(unit);
    let finite = |rule: RuleName, set: BTreeSet<Decimal>| {
        (!set.contains(&score.normalize())).then(|| CanGive {
            rule,
            scores: set.into_iter().rev().map(Some).collect(),
        })
    };
    match unit.helper()? {
        Helper::Scale { levels } if is_guidance(levels, unit) => None,
        Helper::Scale { levels } => finite(RuleName::Levels, levels.iter().map(|l| l.points.normalize()).collect()),
        Helper::Tiers(tiers) => finite(
            RuleName::Tiers,
            tiers.ranges.iter().map(|t| t.points.normalize()).collect(),
        ),
        Helper::Award => {
            let points = if unit.kind() == Kind::Deduction {
                min.unwrap_or_default()
            } else {
                max
            };
            finite(RuleName::Award, [Decimal::ZERO, points.normalize()].into())
        }
        Helper::Checklist { mode } if unit.sub.is_none() => {
            let sums = subset_sums(unit.item.subs.iter().filter_map(|s| s.points))?;
            let max = unit.item.points.unwrap_or_default();
            let scores = sums
                .into_iter()
                .map(|sum| {
                    let raw = if *mode == ChecklistMode::Deduct { max - sum } else { sum };
                    raw.max(Decimal::ZERO).min(max).normalize()
                })
                .collect();
            finite(RuleName::Checklist, scores)
        }
        Helper::Checklist { .. } => None,
        Helper::PerEvent { events, mode } => per_event(unit, events, *mode, score),
        Helper::Formula(formula) => match formula.rule {
            FormulaRule::Linear { base, step, .. } => linear(score, base, step, min, max, precision),
            // A share rounded to the rubric's precision: any figure in range.
            FormulaRule::Proportional { .. } => None,
        },
    }
}

/// The most sums a checklist's ticks are listed with; past that (a long
/// list of small parts) every figure in range is one of them anyway.
const MAX_SUMS: usize = 4096;

/// Every sum of some of the parts' points.
fn subset_sums(points: impl Iterator<Item = Decimal>) -> Option<BTreeSet<Decimal>> {
    let mut sums: BTreeSet<Decimal> = [Decimal::ZERO].into();
    for p in points {
        let more: Vec<Decimal> = sums.iter().map(|s| s + p).collect();
        sums.extend(more);
        if sums.len() > MAX_SUMS {
            return None;
        }
    }
    Some(sums)
}

/// Events counted whole, times their amounts, up to the cap: which sums of
/// amounts a score means depends on which way the unit counts.
fn per_event(unit: &ScoringUnit<'_>, events: &[Event], mode: Option<ChecklistMode>, score: Decimal) -> Option<CanGive> {
    let (_, max) = range(unit);
    // (the sum of amounts the score stands for, the cap, the sign of a score)
    let (sum, cap, sign) = match (unit.kind(), mode) {
        (Kind::Deduction, _) => (-score, unit.points, Decimal::NEGATIVE_ONE),
        (Kind::Standard, Some(ChecklistMode::Deduct)) => (max - score, Some(max), Decimal::NEGATIVE_ONE),
        _ => (score, unit.points, Decimal::ONE),
    };
    let amounts: Vec<Decimal> = events.iter().map(|e| e.points).filter(|p| *p > Decimal::ZERO).collect();
    if cap == Some(sum) || sums_to(&amounts, sum) {
        return None;
    }
    // The first few sums from none, then the cap: the start of the list.
    let offset = if sign.is_sign_negative() && unit.kind() == Kind::Standard {
        max
    } else {
        Decimal::ZERO
    };
    let mut scores: Vec<Option<Decimal>> = first_sums(&amounts, cap, 6)
        .into_iter()
        .map(|s| Some((offset + sign * s).normalize()))
        .collect();
    let listed_all = cap.is_some_and(|c| scores.iter().flatten().any(|s| (offset + sign * c).normalize() == *s));
    if !listed_all {
        scores.push(None);
        if let Some(c) = cap {
            scores.push(Some((offset + sign * c).normalize()));
        }
    }
    Some(CanGive {
        rule: RuleName::PerEvent,
        scores,
    })
}

/// The smallest `n` sums of whole numbers of the amounts, none above `cap`
/// (the cap itself stands for every sum past it).
fn first_sums(amounts: &[Decimal], cap: Option<Decimal>, n: usize) -> Vec<Decimal> {
    let mut out = Vec::new();
    let mut frontier: BTreeSet<Decimal> = [Decimal::ZERO].into();
    while let Some(next) = frontier.pop_first() {
        let next = next.normalize();
        if cap.is_some_and(|c| next >= c) {
            out.push(cap.unwrap_or(next).normalize());
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
    if divisor == 0 || target % divisor != 0 {
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

/// `base + step × n`, clamped to the range: the range's ends are given too.
fn linear(
    score: Decimal,
    base: Decimal,
    step: Decimal,
    min: Option<Decimal>,
    max: Decimal,
    precision: u32,
) -> Option<CanGive> {
    if step.is_zero() || Some(score) == min || score == max {
        return None;
    }
    let steps = (score - base).checked_div(step)?;
    if steps.fract().is_zero() {
        return None;
    }
    // The figures on either side of the one given, within the range.
    let below_n = steps.floor();
    let above_n = steps.ceil();
    let at = |n: Decimal| (base + n * step).round_dp(precision.max(step.scale())).normalize();
    let in_range = |v: &Decimal| min.is_none_or(|m| *v >= m) && *v <= max;
    let mut near: Vec<Decimal> = [
        at(below_n - Decimal::ONE),
        at(below_n),
        at(above_n),
        at(above_n + Decimal::ONE),
    ]
    .into_iter()
    .filter(in_range)
    .collect();
    near.sort_by(|a, b| b.cmp(a));
    near.dedup();
    let mut scores: Vec<Option<Decimal>> = vec![None];
    scores.extend(near.into_iter().map(Some));
    scores.push(None);
    Some(CanGive {
        rule: RuleName::Formula,
        scores,
    })
}

impl Refusal {
    /// The one wording of a refusal, in the workbench, the import and the
    /// verification alike.
    pub fn words(&self, lang: Lang) -> String {
        use crate::points::{range as range_text, shown};
        let zh = lang == Lang::Zh;
        match self {
            Refusal::TooManyDecimals { allowed } if zh => {
                format!("小数超过 {allowed} 位：本细则的分数精确到 {allowed} 位小数")
            }
            Refusal::TooManyDecimals { allowed } => {
                format!("more than {allowed} decimal places; the rubric scores to {allowed}")
            }
            Refusal::OutOfRange { value, min, max } if zh => {
                format!("{} 超出范围 {}", shown(*value), range_text(*min, *max))
            }
            Refusal::OutOfRange { value, min, max } => {
                format!("{} is outside {}", shown(*value), range_text(*min, *max))
            }
            Refusal::BeyondAnyCount { value, floor } if zh => format!(
                "{} 超过每类事件 {} 次所能扣的分（{}）",
                shown(*value),
                super::helpers::MAX_EVENTS,
                shown(*floor)
            ),
            Refusal::BeyondAnyCount { value, floor } => format!(
                "{} deducts more than {} events of each kind could ({})",
                shown(*value),
                super::helpers::MAX_EVENTS,
                shown(*floor)
            ),
            Refusal::NotGiven { value, can } if zh => format!(
                "{} 不是本项能得的分：此项{}只能得 {} 分",
                shown(*value),
                rule_name(can.rule, lang),
                list(&can.scores)
            ),
            Refusal::NotGiven { value, can } => format!(
                "{} is not a score this unit can get: {} it can only get {} points",
                shown(*value),
                rule_name(can.rule, lang),
                list(&can.scores)
            ),
            Refusal::ScoreOnVeto if zh => "否决项只填是否否决（1 否决，0 不否决），不填分数".into(),
            Refusal::ScoreOnVeto => "a veto item takes a yes or no (1 veto, 0 no veto), not points".into(),
            Refusal::VetoOnScore if zh => "只有否决项才填是否否决".into(),
            Refusal::VetoOnScore => "only a veto item takes a yes or no".into(),
            Refusal::VetoWithoutReason if zh => "否决须写明理由（评分依据）".into(),
            Refusal::VetoWithoutReason => "a veto needs its reason (the note)".into(),
            Refusal::Inputs(e) if zh => format!("计分输入得不出分数：{}", helper_words(e, lang)),
            Refusal::Inputs(e) => format!("its helper inputs give no score: {}", helper_words(e, lang)),
            Refusal::InputsDisagree { score: Some(s), given } if zh => {
                format!("分数 {} 与计分输入不符，输入得出 {} 分", shown(*s), shown(*given))
            }
            Refusal::InputsDisagree { score: Some(s), given } => format!(
                "the score {} does not follow from its helper inputs, which give {}",
                shown(*s),
                shown(*given)
            ),
            Refusal::InputsDisagree { score: None, given } if zh => {
                format!("有计分输入（得出 {} 分）却没有分数", shown(*given))
            }
            Refusal::InputsDisagree { score: None, given } => {
                format!("it has helper inputs (which give {}) but no score", shown(*given))
            }
        }
    }
}

/// "10 / 9 / 0", "0 / -10 / -20 / … / -30".
fn list(scores: &[Option<Decimal>]) -> String {
    scores
        .iter()
        .map(|s| s.map_or_else(|| "…".to_string(), crate::points::shown))
        .collect::<Vec<_>>()
        .join(" / ")
}

fn rule_name(rule: RuleName, lang: Lang) -> &'static str {
    match (lang, rule) {
        (Lang::Zh, RuleName::Levels) => "按等级",
        (Lang::Zh, RuleName::Tiers) => "按分档",
        (Lang::Zh, RuleName::PerEvent) => "按件计分",
        (Lang::Zh, RuleName::Award) => "按是否得分",
        (Lang::Zh, RuleName::Formula) => "按公式",
        (Lang::Zh, RuleName::Checklist) => "按勾选",
        (Lang::En, RuleName::Levels) => "by its levels",
        (Lang::En, RuleName::Tiers) => "by its tiers",
        (Lang::En, RuleName::PerEvent) => "counting whole events",
        (Lang::En, RuleName::Award) => "all or nothing,",
        (Lang::En, RuleName::Formula) => "by its formula",
        (Lang::En, RuleName::Checklist) => "by its ticks",
    }
}

/// Why a helper's inputs give no score, in either language.
pub fn helper_words(err: &HelperError, lang: Lang) -> String {
    use crate::points::shown;
    match (lang, err) {
        (Lang::Zh, HelperError::WrongHelper) => "这些输入不属于本项的计分方法".into(),
        (Lang::Zh, HelperError::UnknownLevel(l)) => format!("没有“{l}”这一等级"),
        (Lang::Zh, HelperError::NoTier { value }) => format!("{} 不在任何分档内", shown(*value)),
        (Lang::Zh, HelperError::Counts { kinds }) => format!("本项有 {kinds} 类事件"),
        (Lang::Zh, HelperError::UnknownTick(t)) => format!("没有第 {t} 项"),
        (Lang::Zh, HelperError::NoReference { name }) => format!("还需要输入{name}"),
        (Lang::Zh, HelperError::ZeroReference) => "参照值为 0，无法计算比例".into(),
        (Lang::Zh, HelperError::TooLarge) => "数值过大".into(),
        (Lang::Zh, HelperError::TooManyEvents { max }) => format!("一类事件最多 {max} 次"),
        (Lang::En, e) => e.to_string(),
    }
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

    #[test]
    fn one_vocabulary_for_yes_and_no() {
        for yes in ["1", "y", "Y", "yes", "是", "否决", "TRUE"] {
            assert_eq!(yes_no(yes), Some(true), "{yes}");
        }
        for no in ["0", "n", "No", "否", "不否决", "false"] {
            assert_eq!(yes_no(no), Some(false), "{no}");
        }
        assert_eq!(yes_no("2"), None);
    }
}
