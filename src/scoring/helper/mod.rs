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
    /// A measured value (its share of a reference, or how far it falls
    /// short of a target) and the tier it falls in.
    Measured {
        value: Decimal,
        /// The unit the value is typed in.
        unit: String,
        against: Against,
        tier: Option<crate::rubric::Tier>,
        /// The unit of the tiers' edges.
        tier_unit: String,
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

/// What a measured value is taken against before its tier is found; the
/// figure is None where it cannot be worked out (a reference of 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Against {
    Nothing,
    Share { reference: Decimal, share: Option<Decimal> },
    Shortfall { target: Decimal, short: Option<Decimal> },
}

/// A per-cent figure typed below 1 is read as typed ("0.85" is 0.85%, not
/// Excel's 85%); the working says so, so that the preview shows it before
/// Enter.
fn as_typed(value: Decimal, unit: &str, lang: Lang) -> String {
    if unit != "%" || value.is_zero() || value >= Decimal::ONE {
        return String::new();
    }
    let hundredfold = shown((value * Decimal::ONE_HUNDRED).normalize());
    match lang {
        Lang::Zh => format!("（按 {}% 计；若是 {hundredfold}%，请输入 {hundredfold}）", shown(value)),
        Lang::En => format!(" (read as {}%; for {hundredfold}%, type {hundredfold})", shown(value)),
    }
}

impl Working {
    pub fn words(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Working::Level(name) => name.clone(),
            Working::Measured {
                value,
                unit,
                against,
                tier,
                tier_unit,
            } => {
                let figure = |f: &Option<Decimal>| f.map(|p| shown(p.round_dp(2))).unwrap_or_default();
                let measured = if zh { "实测" } else { "measured" };
                let given = match against {
                    Against::Share { reference, share } => {
                        format!("{} / {} = {}%", shown(*value), shown(*reference), figure(share))
                    }
                    Against::Shortfall { target, short } => format!(
                        "{} {}{unit} - {measured} {}{unit}{} = {} {tier_unit}",
                        if zh { "目标" } else { "target" },
                        shown(*target),
                        shown(*value),
                        as_typed(*value, unit, lang),
                        figure(short),
                    ),
                    Against::Nothing => format!("{measured} {}{unit}{}", shown(*value), as_typed(*value, unit, lang)),
                };
                // The tier as its condition, in brackets on a Chinese screen:
                // no arrow between figures that could read as a formula.
                match (tier, zh) {
                    (Some(t), true) => format!("{given}（{}）", t.condition(tier_unit, lang)),
                    (Some(t), false) => format!("{given} -> {}", t.condition(tier_unit, lang)),
                    (None, _) => given,
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
                // "2 次 0.5 分": no "x" on a Chinese screen, where it reads as a letter.
                let term = |n: u32, p: Decimal| match zh {
                    true => format!("{n} 次 {} 分", shown(p)),
                    false => format!("{n} x {}", shown(p)),
                };
                let named: Vec<String> = terms
                    .iter()
                    .filter(|(n, _)| *n > 0)
                    .map(|(n, p)| term(*n, *p))
                    .collect();
                let terms = if named.is_empty() {
                    format!("0 {times}")
                } else {
                    format!("{} = {}", named.join(" + "), shown(*total))
                };
                let cap_text = match (capped, cap, zh) {
                    (true, Some(c), true) => format!("，以上限 {} 分计", shown(*c)),
                    (true, Some(c), false) => format!(" -> cap {}", shown(*c)),
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
            Working::Formula { value, unit, reference } => {
                let typed = as_typed(*value, unit, lang);
                match reference {
                    Some(r) => format!(
                        "{}{unit}{typed}（{} {}）",
                        shown(*value),
                        if zh { "参照" } else { "against" },
                        shown(*r)
                    ),
                    None => format!("{}{unit}{typed}", shown(*value)),
                }
            }
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
        .zip(names)
        .map(|(p, name)| {
            let p = p.strip_suffix(['%', '％']).unwrap_or(p);
            let value = crate::rubric::source::parse_decimal(p)
                .map(|d| d.normalize())
                .ok_or_else(|| InputError::NotANumber((*p).to_string()))?;
            if value.is_sign_negative() && !value.is_zero() {
                return Err(InputError::Negative {
                    name: name.clone(),
                    given: (*p).to_string(),
                });
            }
            Ok(value)
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
