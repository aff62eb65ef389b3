//! Two merges compared (an appeal round, 申诉/复核): every district whose
//! total, grade or rank changed, and every cell (a district's item) that
//! changed, with the reason its department gives now. The old merge is
//! read from its merged.json.

use super::Merged;
use crate::rubric::Rubric;
use std::collections::BTreeMap;

/// A merged.json larger than this is no merge of a city's round.
pub const MAX_OLD_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistrictChange {
    pub district: String,
    /// (old, new) as the reports write them.
    pub total: (String, String),
    pub grade: (String, String),
    pub rank: (u64, u64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellChange {
    pub district: String,
    pub item: String,
    /// The item's score (a veto's answer) before and now; empty where none.
    pub before: String,
    pub now: String,
    pub departments: Vec<String>,
    /// The departments' notes on the item's units in this district now.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    pub districts: Vec<DistrictChange>,
    pub cells: Vec<CellChange>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompareError {
    NotJson(String),
    OtherRubric { old: String, new: String },
}

/// `old` (a merged.json's bytes) against the merge just made.
pub fn compare(old: &[u8], merged: &Merged, rubric: &Rubric) -> Result<Comparison, CompareError> {
    let old: serde_json::Value = serde_json::from_slice(old).map_err(|e| CompareError::NotJson(e.to_string()))?;
    let old_rubric = old["rubric"].as_str().unwrap_or_default();
    if old_rubric != merged.rubric {
        return Err(CompareError::OtherRubric {
            old: old_rubric.to_string(),
            new: merged.rubric.clone(),
        });
    }
    let new: serde_json::Value =
        serde_json::from_slice(&super::to_json(merged, rubric)).map_err(|e| CompareError::NotJson(e.to_string()))?;
    let by_name = |doc: &serde_json::Value| -> BTreeMap<String, serde_json::Value> {
        doc["districts"]
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|d| Some((d["name"].as_str()?.to_string(), d.clone())))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (before, now) = (by_name(&old), by_name(&new));
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    let mut comparison = Comparison::default();
    for district in &rubric.districts {
        let (Some(b), Some(n)) = (before.get(district), now.get(district)) else {
            continue;
        };
        let change = DistrictChange {
            district: district.clone(),
            total: (text(&b["total"]), text(&n["total"])),
            grade: (text(&b["grade"]), text(&n["grade"])),
            rank: (b["rank"].as_u64().unwrap_or(0), n["rank"].as_u64().unwrap_or(0)),
        };
        if change.total.0 != change.total.1 || change.grade.0 != change.grade.1 || change.rank.0 != change.rank.1 {
            comparison.districts.push(change);
        }
        for item in &rubric.items {
            let id = item.id.as_str();
            let cell = |d: &serde_json::Value| {
                d["items"][id]
                    .as_str()
                    .or_else(|| d["vetoes"][id].as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let (was, is) = (cell(b), cell(n));
            if was == is {
                continue;
            }
            let reason: Vec<String> = new["notes"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|note| {
                    note["district"].as_str() == Some(district.as_str())
                        && note["unit"]
                            .as_str()
                            .is_some_and(|u| u == id || u.strip_prefix(id).is_some_and(|r| r.starts_with('#')))
                })
                .filter_map(|note| {
                    let text = note["note"].as_str()?.trim();
                    (!text.is_empty()).then(|| format!("{}：{text}", note["department"].as_str().unwrap_or_default()))
                })
                .collect();
            comparison.cells.push(CellChange {
                district: district.clone(),
                item: id.to_string(),
                before: was,
                now: is,
                departments: item.departments.clone(),
                reason: reason.join("；"),
            });
        }
    }
    Ok(comparison)
}
