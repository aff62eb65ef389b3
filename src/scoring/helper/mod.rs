//! The scoring helpers, one module a kind, behind one trait: what the
//! helper's entry reads, the score it gives, the scores it can give, the
//! working the workbench's preview and `kaohe show` both print, and the
//! input written back as the entry's text. Adding a kind is the rubric
//! model's variant, its resolver, and one new file here.

mod award;
mod checklist;
mod formula;
mod levels;
mod per_event;
mod tiers;

pub use checklist::toggle_tick;

use super::bounds::InputError;
use super::draft::HelperInput;
use super::helpers::HelperError;
use super::rule::CanGive;
use crate::lang::Lang;
use crate::points::shown;
use crate::rubric::{Helper, Kind, ScoringUnit};
use rust_decimal::Decimal;

/// One kind of helper, on one unit.
pub trait Rule {
    /// What the helper's own entry makes of typed text (already normalised).
    fn read(&self, text: &str) -> Result<HelperInput, InputError>;
    /// The score the inputs give, within the unit's range.
    fn score(&self, input: &HelperInput, precision: u32) -> Result<Decimal, HelperError>;
    /// None when the rule can give `score` (already in range and precision);
    /// else what it can give.
    fn can_give(&self, score: Decimal, precision: u32) -> Option<CanGive>;
    /// A score typed as points that is exactly what one input gives (a
    /// level's points, an award's): recorded as that input.
    fn input_for(&self, _score: Decimal) -> Option<HelperInput> {
        None
    }
    /// From the inputs to the score, in steps: what the preview and the echo say.
    fn working(&self, input: &HelperInput) -> Option<Working>;
    /// The inputs as the helper's entry takes them, to correct them.
    fn text(&self, input: &HelperInput) -> Option<String>;
    /// What the helper's entry asks for, in order (实测值, 全市平均值).
    fn asks(&self) -> Vec<String>;
    /// The helper's entry line, before what is typed: what it asks for.
    fn asks_label(&self, _lang: Lang) -> String {
        self.asks().join(" ")
    }
    /// The scores the score's entry takes, where they are few (a level's
    /// points, an award's or 0): shown in its label.
    fn score_hint(&self) -> Option<String> {
        None
    }
    /// Whether the helper's entry takes typed text (a checklist takes ticks).
    fn typed(&self) -> bool {
        true
    }
}

/// The unit's helper, if it has one: the part's own, or the item's (a
/// checklist only on the whole item; a veto has none).
pub fn of<'a>(unit: &ScoringUnit<'a>) -> Option<Box<dyn Rule + 'a>> {
    if unit.item.kind == Kind::Veto {
        return None;
    }
    let u = unit.clone();
    Some(match unit.helper()? {
        Helper::Scale { levels } => Box::new(levels::Levels { unit: u, levels }),
        Helper::Tiers(tiers) => Box::new(tiers::TierRule { tiers }),
        Helper::PerEvent { events, mode } => Box::new(per_event::PerEvent {
            unit: u,
            events,
            mode: *mode,
        }),
        Helper::Award => Box::new(award::Award { unit: u }),
        Helper::Formula(formula) => Box::new(formula::FormulaRule { unit: u, formula }),
        Helper::Checklist { mode } if unit.sub.is_none() => Box::new(checklist::Checklist { unit: u, mode: *mode }),
        Helper::Checklist { .. } => return None,
    })
}

/// The helper's working, from its inputs to the score: one structure that
/// the workbench and `kaohe show` word alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Working {
    /// The chosen level.
    Level(String),
    /// A measured value (or its share of a reference) and the tier it falls in.
    Measured {
        value: Decimal,
        unit: String,
        /// (the reference, the share as a percentage)
        share_of: Option<(Decimal, Option<Decimal>)>,
        tier: Option<crate::rubric::Tier>,
    },
    /// Counts times amounts, their total, the cap, and the full points the
    /// total is taken from ("扣完为止").
    Events {
        terms: Vec<(u32, Decimal)>,
        total: Decimal,
        cap: Option<Decimal>,
        capped: bool,
        from_full: Option<Decimal>,
    },
    /// An award given or not, or a deduction made or not.
    Award { given: bool, deduction: bool },
    /// A formula's value and its reference.
    Formula {
        value: Decimal,
        unit: String,
        reference: Option<Decimal>,
    },
    /// How many parts are ticked.
    Ticks(usize),
}

impl Working {
    pub fn words(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Working::Level(name) => name.clone(),
            Working::Measured {
                value,
                unit,
                share_of,
                tier,
            } => {
                let given = match share_of {
                    Some((reference, share)) => format!(
                        "{} / {} = {}%",
                        shown(*value),
                        shown(*reference),
                        share.map(|p| shown(p.round_dp(2))).unwrap_or_default()
                    ),
                    None => format!("{} {}{unit}", if zh { "实测" } else { "measured" }, shown(*value)),
                };
                match tier {
                    Some(t) => format!("{given} -> {}", t.condition(unit, lang)),
                    None => given,
                }
            }
            Working::Events {
                terms,
                total,
                cap,
                capped,
                from_full,
            } => {
                let times = if zh { "次" } else { "events" };
                let named: Vec<String> = terms
                    .iter()
                    .filter(|(n, _)| *n > 0)
                    .map(|(n, p)| format!("{n} x {}", shown(*p)))
                    .collect();
                let terms = if named.is_empty() {
                    format!("0 {times}")
                } else {
                    format!("{} = {}", named.join(" + "), shown(*total))
                };
                let cap_text = match (capped, cap) {
                    (true, Some(c)) => format!(" -> {} {}", if zh { "上限" } else { "cap" }, shown(*c)),
                    _ => String::new(),
                };
                match from_full {
                    Some(full) => format!(
                        "{} {} - ({terms}){cap_text}",
                        if zh { "满分" } else { "full" },
                        shown(*full)
                    ),
                    None => format!("{terms}{cap_text}"),
                }
            }
            Working::Award { given, deduction } => award_words(lang, *given, *deduction).to_string(),
            Working::Formula { value, unit, reference } => match reference {
                Some(r) => format!(
                    "{}{unit}（{} {}）",
                    shown(*value),
                    if zh { "参照" } else { "against" },
                    shown(*r)
                ),
                None => format!("{}{unit}", shown(*value)),
            },
            Working::Ticks(n) if zh => format!("勾选 {n} 项"),
            Working::Ticks(n) => format!("{n} ticked"),
        }
    }
}

/// An award given or not; on a deduction, a deduction made or not.
pub fn award_words(lang: Lang, given: bool, deduction: bool) -> &'static str {
    match (given, lang, deduction) {
        (true, Lang::Zh, false) => "得分",
        (false, Lang::Zh, false) => "不得分",
        (true, Lang::En, false) => "given",
        (false, Lang::En, false) => "not given",
        (true, Lang::Zh, true) => "扣分",
        (false, Lang::Zh, true) => "不扣分",
        (true, Lang::En, true) => "deducted",
        (false, Lang::En, true) => "not deducted",
    }
}

/// Several figures typed on one line: "1 0", "1,0" (an input method's "，"
/// was already read as ",").
fn fields(text: &str) -> Vec<&str> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A measured value and, where the helper names one (全市平均值), its
/// reference: exactly as many plain decimals as `names`, in their order.
/// Tiers and formulas both take their inputs so.
fn value_and_reference(text: &str, names: &[String]) -> Result<(Decimal, Option<Decimal>), InputError> {
    let parts = fields(text);
    if parts.len() != names.len() {
        return Err(InputError::Inputs { names: names.to_vec() });
    }
    let values = parts
        .iter()
        .map(|p| {
            let p = p.strip_suffix('%').unwrap_or(p);
            crate::rubric::source::parse_decimal(p)
                .map(|d| d.normalize())
                .ok_or_else(|| InputError::NotANumber((*p).to_string()))
        })
        .collect::<Result<Vec<Decimal>, InputError>>()?;
    let value = values
        .first()
        .copied()
        .ok_or(InputError::Inputs { names: names.to_vec() })?;
    Ok((value, values.get(1).copied()))
}

/// "12" or "121 100": a value and, where the helper takes one, its reference.
fn value_text(value: Decimal, reference: Option<Decimal>) -> String {
    match reference {
        Some(r) => format!("{} {}", shown(value), shown(r)),
        None => shown(value),
    }
}

/// What a measure's entry asks, with the unit it is measured in: "国抽不合格产品发现率 %".
fn measure_label(asks: &[String], unit: Option<&str>) -> String {
    let unit = unit.map(|u| format!(" {u}")).unwrap_or_default();
    format!("{}{unit}", asks.join(" "))
}

/// An entry's label in the screen's language, with what it lists: "次数（…） [2]".
fn label(lang: Lang, zh: &str, en: &str, list: &str) -> String {
    format!("{} [{list}]", if lang == Lang::Zh { zh } else { en })
}
