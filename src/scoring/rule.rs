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

use super::bounds::check_score;
use super::draft::{Cell, HelperInput};
use super::helpers::{HelperError, helper_score};
use crate::lang::Lang;
use crate::rubric::{Helper, Kind, Level, ScoringUnit};
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
    /// Below an uncapped deduction's floor ([`uncapped_floor`](super::bounds::uncapped_floor)).
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
    /// A joint per-event deduction counted without each event described:
    /// the office could not count an event several departments report once.
    EventsUndescribed,
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

/// Whether `unit` may hold `held`: the one rule every path asks.
pub fn check(unit: &ScoringUnit<'_>, held: Held<'_>, precision: u32) -> Result<(), Refusal> {
    check_figure(unit, held, precision)?;
    // A score the rule can give, but counted rather than described.
    if held.score.is_some_and(|s| !s.is_zero()) && needs_described_events(unit) {
        let input = held.input.map(|i| (i.counts().iter().sum::<u32>(), i.events().len()));
        if input.is_none_or(|(counted, described)| counted as usize != described) {
            return Err(Refusal::EventsUndescribed);
        }
    }
    Ok(())
}

/// What a district may claim for itself on its 自评打分表: a figure [`check`]
/// would take, with or without the events a department must describe before
/// it records one (the claim is the district's; the record is the
/// department's, and passes [`check`] when it is made).
pub fn check_claim(
    unit: &ScoringUnit<'_>,
    score: Option<Decimal>,
    veto: Option<bool>,
    precision: u32,
) -> Result<(), Refusal> {
    // A claimed veto's reason is the district's 评分依据, asked of the department when it records it.
    let held = Held {
        score,
        veto,
        input: None,
        note: "claimed",
    };
    check_figure(unit, held, precision)
}

/// [`check`] but for the events' descriptions.
fn check_figure(unit: &ScoringUnit<'_>, held: Held<'_>, precision: u32) -> Result<(), Refusal> {
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

/// A per-event unit that several departments report (huizhou 4.1.1): each
/// event it counts is described, so that the merge counts one event once
/// however many departments report it.
pub fn needs_described_events(unit: &ScoringUnit<'_>) -> bool {
    unit.item.is_joint_report() && matches!(unit.helper(), Some(Helper::PerEvent { .. }))
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
/// precision); else what it can give. A unit with no helper takes any score.
fn not_given(unit: &ScoringUnit<'_>, score: Decimal, precision: u32) -> Option<CanGive> {
    super::helper::of(unit)?.can_give(score, precision)
}

impl CanGive {
    /// None when `score` is among the scores a rule gives; else those scores,
    /// highest first.
    pub fn unless_among(rule: RuleName, score: Decimal, scores: impl IntoIterator<Item = Decimal>) -> Option<CanGive> {
        let set: BTreeSet<Decimal> = scores.into_iter().map(|s| s.normalize()).collect();
        (!set.contains(&score.normalize())).then(|| CanGive {
            rule,
            scores: set.into_iter().rev().map(Some).collect(),
        })
    }
}

/// A refusal as verification says it: the score the rule cannot give
/// before what it can (`0.7: 可给 …`).
pub fn refusal_with_score(refusal: &Refusal, score: Option<Decimal>, lang: Lang) -> String {
    let why = refusal.words(lang);
    match (refusal, score) {
        (Refusal::NotGiven { .. }, Some(score)) => format!("{}: {why}", crate::points::shown(score)),
        _ => why,
    }
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
            // The value typed is beside it (in the entry, the sheet's row):
            // the room goes to what the rule gives.
            Refusal::NotGiven { can, .. } if zh => {
                format!("此项{}只能得 {} 分", rule_name(can.rule, lang), list(&can.scores))
            }
            Refusal::NotGiven { can, .. } => {
                format!("{}: only {} points", rule_name(can.rule, lang), list(&can.scores))
            }
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
            Refusal::EventsUndescribed if zh => {
                "多个部门共同上报的按件扣分项，每件事件都要写明（计分输入中写：何地何事 日期，多件用；分隔），质强办据此把同一事件只计一次".into()
            }
            Refusal::EventsUndescribed => "several departments report this item: describe each event (in the helper input: what and where, then its date; several separated by ；) so that the office counts one event once".into(),
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
        (Lang::En, RuleName::Award) => "all or nothing",
        (Lang::En, RuleName::Formula) => "by its formula",
        (Lang::En, RuleName::Checklist) => "by its ticks",
    }
}

/// What is wrong with a described event, in Chinese.
fn event_words(p: &super::events::EventProblem) -> String {
    use super::events::EventProblem;
    match p {
        EventProblem::Undescribed { n } => format!("第 {n} 件事件没有写明是什么"),
        EventProblem::TooLong { n, max } => format!("第 {n} 件事件的说明超过 {max} 字，请只写何地何事"),
        EventProblem::BadDate { n, given } => format!("第 {n} 件事件的日期“{given}”不是有效日期（写作 2017-03-05）"),
        EventProblem::NoSuchKind { n, kind, kinds } => {
            format!("第 {n} 件事件标为第 {} 类，本项只有 {kinds} 类事件", kind + 1)
        }
        EventProblem::Repeated { n, first } => {
            format!("第 {n} 件与第 {first} 件相同：同一事件只记一次；若是两件，请写明各自的地点或日期")
        }
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
        (Lang::Zh, HelperError::Event(p)) => event_words(p),
        (Lang::Zh, HelperError::EventsDisagree) => "次数与所列事件的件数不符".into(),
        (Lang::En, e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
