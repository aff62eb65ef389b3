//! The rubric file as written: TOML tables with their positions, before any
//! reference is resolved. Unknown fields are refused so that a typo in a field
//! name is reported instead of silently ignored.

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;
use std::str::FromStr;
use toml::Spanned;

/// A point value written exactly: a decimal string or a whole number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dec(pub Decimal);

/// Plain decimal notation only: no exponent, no thousands separators.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && (fraction.is_empty() != digits.contains('.'));
    if !plain {
        return None;
    }
    Decimal::from_str(text).ok()
}

/// 10^12: more than any points, cap, grade line or measure an assessment
/// states. Decimal arithmetic panics on overflow; with every value of a
/// rubric within this, its sums and per-event products stay far inside
/// what a Decimal holds.
pub const MAX_VALUE: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);

fn within_max<E: de::Error>(value: Decimal, written: &dyn fmt::Display) -> Result<Dec, E> {
    if value.abs() > MAX_VALUE {
        return Err(E::custom(format!(
            "{written} is larger than any value in an assessment; kaohe takes values up to {MAX_VALUE}"
        )));
    }
    Ok(Dec(value))
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DecVisitor;
        impl Visitor<'_> for DecVisitor {
            type Value = Dec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a decimal written as a string, such as \"2.5\", or a whole number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Dec, E> {
                // Normalized, so that "2.50" and "2.5" are the same rubric.
                let value = parse_decimal(v.trim()).ok_or_else(|| {
                    E::custom(format!(
                        "\"{v}\" is not a decimal number; write it like \"2.5\" (digits, one dot, no unit)"
                    ))
                })?;
                within_max(value.normalize(), &format_args!("\"{v}\""))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dec, E> {
                within_max(Decimal::from(v), &v)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dec, E> {
                within_max(Decimal::from(v), &v)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dec, E> {
                Err(E::custom(format!(
                    "{v} is a TOML float, which cannot hold every decimal exactly; write it as a quoted string: \"{v}\""
                )))
            }
        }
        deserializer.deserialize_any(DecVisitor)
    }
}

fn default_true() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricSource {
    pub id: Spanned<String>,
    pub title: String,
    pub issuer: String,
    pub period: String,
    pub source: Option<String>,
    pub total: Option<Dec>,
    pub precision: Option<Spanned<u32>>,
    pub bonus_cap: Option<Dec>,
    #[serde(default = "default_true")]
    pub criteria_column: bool,
    pub districts: Spanned<Vec<String>>,
    pub veto: Option<String>,
    pub note: Option<String>,
    /// False where the document gives no grade scale.
    #[serde(default = "default_true")]
    pub graded: bool,
    #[serde(default)]
    pub grade: Vec<Spanned<GradeSource>>,
    #[serde(default)]
    pub department: Vec<Spanned<DepartmentSource>>,
    #[serde(default)]
    pub area: Vec<Spanned<AreaSource>>,
    #[serde(default)]
    pub key_point: Vec<Spanned<KeyPointSource>>,
    #[serde(default)]
    pub item: Vec<Spanned<ItemSource>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeSource {
    pub name: String,
    pub min: Option<Dec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentSource {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaSource {
    pub id: String,
    pub name: String,
    pub points: Option<Dec>,
    pub note: Option<String>,
    pub discrepancy: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyPointSource {
    pub id: String,
    pub area: Spanned<String>,
    pub name: String,
    pub points: Option<Dec>,
    pub note: Option<String>,
    pub discrepancy: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum KindSource {
    Standard,
    Deduction,
    Bonus,
    Veto,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceSource {
    Yes,
    No,
    Partial,
    Unstated,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ChecklistSource {
    Earn,
    Deduct,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemSource {
    pub id: Spanned<String>,
    pub key_point: Spanned<String>,
    pub label: Option<String>,
    pub text: String,
    pub points: Option<Spanned<Dec>>,
    pub kind: Option<KindSource>,
    pub criteria: Option<String>,
    pub evidence: Option<EvidenceSource>,
    #[serde(default)]
    pub evidence_subs: Vec<Spanned<String>>,
    pub evidence_text: Option<String>,
    #[serde(default)]
    pub departments: Vec<Spanned<String>>,
    pub departments_text: Option<String>,
    pub note: Option<String>,
    pub reading: Option<String>,
    /// A deduction the document leaves to the scorer's judgement (酌情扣分)
    /// with neither an amount nor a cap.
    #[serde(default)]
    pub uncapped: bool,
    pub reconstructed: Option<String>,
    pub discrepancy: Option<String>,
    #[serde(default)]
    pub sub: Vec<Spanned<SubSource>>,
    pub checklist: Option<Spanned<ChecklistSource>>,
    pub scale: Option<Spanned<Vec<LevelSource>>>,
    pub tiers: Option<Spanned<TiersSource>>,
    pub per_event: Option<Spanned<Vec<EventSource>>>,
    pub per_event_mode: Option<Spanned<ChecklistSource>>,
    pub award: Option<Spanned<bool>>,
    pub formula: Option<Spanned<FormulaSource>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubSource {
    pub id: String,
    pub text: String,
    pub points: Option<Dec>,
    pub kind: Option<Spanned<KindSource>>,
    #[serde(default)]
    pub departments: Vec<Spanned<String>>,
    pub note: Option<String>,
    pub scale: Option<Spanned<Vec<LevelSource>>>,
    pub tiers: Option<Spanned<TiersSource>>,
    pub per_event: Option<Spanned<Vec<EventSource>>>,
    pub per_event_mode: Option<Spanned<ChecklistSource>>,
    pub award: Option<Spanned<bool>>,
    pub formula: Option<Spanned<FormulaSource>>,
}

/// The helper fields an item or a part may carry, taken out of either. Both
/// list them field by field: serde's `flatten` would let unknown fields
/// through, and a misspelt helper field must be refused.
#[derive(Debug, Default)]
pub struct HelperSource {
    pub checklist: Option<Spanned<ChecklistSource>>,
    pub scale: Option<Spanned<Vec<LevelSource>>>,
    pub tiers: Option<Spanned<TiersSource>>,
    pub per_event: Option<Spanned<Vec<EventSource>>>,
    pub per_event_mode: Option<Spanned<ChecklistSource>>,
    pub award: Option<Spanned<bool>>,
    pub formula: Option<Spanned<FormulaSource>>,
}

impl ItemSource {
    pub fn take_helper(&mut self) -> HelperSource {
        HelperSource {
            checklist: self.checklist.take(),
            scale: self.scale.take(),
            tiers: self.tiers.take(),
            per_event: self.per_event.take(),
            per_event_mode: self.per_event_mode.take(),
            award: self.award.take(),
            formula: self.formula.take(),
        }
    }
}

impl SubSource {
    pub fn take_helper(&mut self) -> HelperSource {
        HelperSource {
            checklist: None,
            scale: self.scale.take(),
            tiers: self.tiers.take(),
            per_event: self.per_event.take(),
            per_event_mode: self.per_event_mode.take(),
            award: self.award.take(),
            formula: self.formula.take(),
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RuleSource {
    Linear,
    Proportional,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum StepsSource {
    Whole,
    Started,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormulaSource {
    pub measure: String,
    pub unit: Option<String>,
    pub rule: RuleSource,
    /// A fixed reference the document states.
    pub reference: Option<Dec>,
    /// Or the name of a per-district reference the analyst gives.
    pub reference_input: Option<String>,
    pub base: Option<Dec>,
    pub step: Option<Dec>,
    pub per: Option<Dec>,
    pub steps: Option<StepsSource>,
    pub factor: Option<Dec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelSource {
    pub name: String,
    pub points: Dec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TiersSource {
    pub measure: String,
    pub unit: Option<String>,
    #[serde(default)]
    pub integer: bool,
    pub relative_to: Option<String>,
    pub target: Option<String>,
    pub ranges: Vec<Spanned<TierSource>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierSource {
    pub range: String,
    pub points: Dec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSource {
    pub name: String,
    pub points: Dec,
}
