//! A district's own self-assessment (自评): what it claims, cell by cell,
//! on the 自评打分表 it sends the office with its materials (the documents'
//! first step, 自我评价), and the set of every district's claims that the
//! office hands each department with the rubric. A department's 文审初评
//! judges each claim; the workbench shows it beside the cell.
//!
//! Here: the set, a claim checked by the one cell rule, and the set's JSON
//! (`schemas/selfcheck.schema.json`). `template.rs`: the sheet out; `sheet.rs`: back in.

pub mod sheet;
pub mod template;

use crate::lang::Lang;
use crate::rubric::units::UnitIndex;
use crate::rubric::{Kind, Rubric, ScoringUnit};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The set file's format name.
pub const FORMAT: &str = "kaohe-selfcheck/1";

/// Larger than any city's claims (30 districts × 300 units with their
/// reasons is under 10 MB); a bigger file is not a set.
pub const MAX_SET_BYTES: u64 = 32 * 1024 * 1024;

/// A 评分依据 longer than this is not one reason (a pasted document).
pub const MAX_REASON_CHARS: usize = 2000;

/// One district's claim on one unit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The points claimed; for a deduction negative or zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Decimal>,
    /// A veto item: whether the district says the veto applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub veto: Option<bool>,
    /// 评分依据（注明得分、扣分情况）, as the district wrote it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Where it was read: `曾都区.xlsx:曾都区:7` (file, sheet, row).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub from: String,
}

impl Claim {
    /// How the claim reads as typed into the entry line: the points (a
    /// deduction's amount without its sign), or 1/0 for a veto.
    pub fn typed(&self) -> Option<String> {
        match (self.score, self.veto) {
            (Some(s), _) => Some(s.abs().normalize().to_string()),
            (None, Some(v)) => Some(if v { "1" } else { "0" }.to_string()),
            (None, None) => None,
        }
    }

    /// Whether a judged cell holding `score`/`veto` gives less than claimed:
    /// the difference the office's feedback to the district explains.
    pub fn lowered_by(&self, score: Option<Decimal>, veto: Option<bool>) -> bool {
        match (self.score, score, self.veto, veto) {
            (Some(claimed), Some(given), _, _) => given < claimed,
            (_, _, Some(claimed), Some(given)) => given && !claimed,
            _ => false,
        }
    }

    /// Whether a cell holding `score`/`veto` differs from the claim.
    pub fn differs(&self, score: Option<Decimal>, veto: Option<bool>) -> bool {
        match (self.score, self.veto) {
            (Some(claimed), _) => score.is_some_and(|s| s != claimed),
            (None, Some(claimed)) => veto.is_some_and(|v| v != claimed),
            (None, None) => false,
        }
    }
}

/// Every district's claims on one rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfCheckSet {
    pub format: String,
    pub rubric: String,
    /// SHA-256 of the resolved rubric the claims were made on.
    pub rubric_hash: String,
    /// district → unit key (`1.1.3`, `1.1.5#3`) → claim.
    #[serde(default)]
    pub districts: BTreeMap<String, BTreeMap<String, Claim>>,
}

impl SelfCheckSet {
    pub fn new(rubric: &Rubric) -> SelfCheckSet {
        SelfCheckSet::hashed(rubric, crate::rubric::hash::rubric_hash(rubric))
    }

    /// An empty set for `rubric`, whose hash the caller has already.
    pub fn hashed(rubric: &Rubric, rubric_hash: String) -> SelfCheckSet {
        SelfCheckSet {
            format: FORMAT.to_string(),
            rubric: rubric.id.clone(),
            rubric_hash,
            districts: BTreeMap::new(),
        }
    }

    pub fn claim(&self, district: &str, unit: &str) -> Option<&Claim> {
        self.districts.get(district)?.get(unit)
    }

    /// How many claims the set holds.
    pub fn len(&self) -> usize {
        self.districts.values().map(BTreeMap::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `other`'s districts put in place of this set's (a district sends its
    /// sheet again: the new one is its claim, whole).
    pub fn absorb(&mut self, other: SelfCheckSet) {
        for (district, claims) in other.districts {
            self.districts.insert(district, claims);
        }
    }
}

/// What is wrong with a set file (or a claim in it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetError {
    /// Not the set's JSON: where it stopped reading (line, column) and the
    /// parser's own words (English only).
    NotJson {
        line: usize,
        column: usize,
        reason: String,
    },
    Format(String),
    OtherRubric {
        rubric: String,
        theirs: String,
        ours: String,
    },
    District(String),
    Claim {
        district: String,
        unit: String,
        reason: String,
    },
}

impl SetError {
    pub fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (SetError::NotJson { line, column, .. }, Lang::Zh) => format!(
                "不是自评数据文件：JSON 在第 {line} 行第 {column} 列处读不通（文件是否被截断、改动过，或不是 kaohe selfcheck 写的？）"
            ),
            (SetError::NotJson { reason, .. }, Lang::En) => {
                format!("not a self-assessment set (the JSON does not read: {reason})")
            }
            (SetError::Format(f), Lang::Zh) => format!("格式是 {f:?}，kaohe 读 {FORMAT}"),
            (SetError::Format(f), Lang::En) => format!("its format is {f:?}; kaohe reads {FORMAT}"),
            (SetError::OtherRubric { rubric, theirs, ours }, Lang::Zh) => format!(
                "这是按另一版细则（{rubric}，校验码 {}）做的自评，本细则的校验码是 {}；请用同一版细则重新填报",
                short_hash(theirs),
                short_hash(ours)
            ),
            (SetError::OtherRubric { rubric, theirs, ours }, Lang::En) => format!(
                "these claims were made on another version of the rubric ({rubric}, check code {}); this rubric's is {}: fill them in again on the same rubric",
                short_hash(theirs),
                short_hash(ours)
            ),
            (SetError::District(d), Lang::Zh) => format!("“{d}”不是本细则的地区"),
            (SetError::District(d), Lang::En) => format!("\"{d}\" is not a district of this rubric"),
            (SetError::Claim { district, unit, reason }, _) => format!("{district} {unit}: {reason}"),
        }
    }
}

/// The check code a sheet shows for a rubric's hash: enough to tell two
/// versions apart at a glance.
pub fn short_hash(hash: &str) -> &str {
    hash.get(..16).unwrap_or(hash)
}

/// A set from its JSON bytes, every claim checked against `rubric` by the
/// one rule; nothing from a set with one bad claim is used.
pub fn read_set(bytes: &[u8], rubric: &Rubric, lang: Lang) -> Result<SelfCheckSet, SetError> {
    if bytes.len() as u64 > MAX_SET_BYTES {
        return Err(SetError::NotJson {
            line: 1,
            column: 1,
            reason: format!("{} bytes, over {MAX_SET_BYTES}", bytes.len()),
        });
    }
    let set: SelfCheckSet = serde_json::from_slice(bytes).map_err(|e| SetError::NotJson {
        line: e.line(),
        column: e.column(),
        reason: e.to_string(),
    })?;
    if set.format != FORMAT {
        return Err(SetError::Format(set.format));
    }
    let ours = crate::rubric::hash::rubric_hash(rubric);
    if set.rubric_hash != ours {
        return Err(SetError::OtherRubric {
            rubric: set.rubric,
            theirs: set.rubric_hash,
            ours,
        });
    }
    let index = UnitIndex::new(rubric);
    for (district, claims) in &set.districts {
        if !rubric.districts.contains(district) {
            return Err(SetError::District(district.clone()));
        }
        for (key, claim) in claims {
            let fail = |reason: String| SetError::Claim {
                district: district.clone(),
                unit: key.clone(),
                reason,
            };
            let unit = index
                .find_key(key)
                .map(|u| &index.units()[u])
                .ok_or_else(|| fail(lang.say("细则中没有这一项", "the rubric has no such unit")))?;
            if claim.reason.chars().count() > MAX_REASON_CHARS {
                return Err(fail(too_long(lang)));
            }
            crate::scoring::rule::check_claim(unit, claim.score, claim.veto, rubric.precision)
                .map_err(|e| fail(e.words(lang)))?;
        }
    }
    Ok(set)
}

fn too_long(lang: Lang) -> String {
    lang.say(
        format!("评分依据超过 {MAX_REASON_CHARS} 字；请写要点"),
        format!("the reason is over {MAX_REASON_CHARS} characters; write its gist"),
    )
}

/// A claim as written in a sheet's 自评得分 cell, read as the workbench
/// reads a typed score (a deduction's `0.5` takes 0.5 off; a veto's 是/否)
/// and checked by the one rule.
pub fn read_claimed(text: &str, unit: &ScoringUnit<'_>, precision: u32, lang: Lang) -> Result<Claim, String> {
    let text = crate::scoring::entry::normalize(text.trim());
    if unit.item.kind == Kind::Veto {
        let veto = crate::scoring::rule::yes_no(&text).ok_or_else(|| {
            lang.say(
                "否决项只填 是 或 否（1 或 0）",
                "a veto item takes 是 or 否 (yes or no, 1 or 0)",
            )
        })?;
        return Ok(Claim {
            veto: Some(veto),
            ..Claim::default()
        });
    }
    let score = crate::scoring::bounds::typed_points(&text, unit).ok_or_else(|| {
        lang.say(
            "不是数字；请写成 4.5 这样的小数",
            "not a number; write a decimal such as 4.5",
        )
    })?;
    crate::scoring::rule::check_claim(unit, Some(score), None, precision).map_err(|e| e.words(lang))?;
    Ok(Claim {
        score: Some(score),
        ..Claim::default()
    })
}

/// The reason's length checked as a sheet's cell gives it.
pub fn check_reason(reason: &str, lang: Lang) -> Result<(), String> {
    if reason.chars().count() > MAX_REASON_CHARS {
        Err(too_long(lang))
    } else {
        Ok(())
    }
}

/// The rubric's units as a 自评打分表 lists them: every unit once (a joint
/// veto or deduction, reported by several departments, is one row).
pub fn rows_of(rubric: &Rubric) -> Vec<ScoringUnit<'_>> {
    let mut seen = std::collections::HashSet::new();
    rubric.scoring_units().filter(|u| seen.insert(u.key())).collect()
}
