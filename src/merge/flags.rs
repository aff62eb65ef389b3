//! Where the scoring looks wrong, for the office to check before it
//! publishes (核查提示): a department that gave every district the same
//! scores, or full marks everywhere; a unit with no spread; points taken
//! with no reason; districts near a grade's line; and the largest gaps
//! between a district's own claim and its final score. Each flag names its
//! department, unit and districts. Hints, never verdicts: nothing changes
//! a score.

use super::{DepartmentSheet, Merged};
use crate::rubric::units::UnitIndex;
use crate::rubric::{Kind, Rubric};
use crate::selfcheck::SelfCheckSet;
use rust_decimal::Decimal;
use serde::Serialize;

/// How near a grade's line a total is flagged, unless the office says.
pub const DEFAULT_MARGIN: Decimal = Decimal::ONE;
/// The claim gaps listed, largest first.
const CLAIM_GAPS: usize = 10;
/// A unit needs this many districts scored before "no spread" says anything.
const SPREAD_FROM: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// Every unit of the department: the same score in every district.
    SameEverywhere,
    /// Every unit of the department: full marks in every district.
    FullMarksEverywhere,
    /// One unit: the same score in every district that has one.
    NoSpread,
    /// Points taken (a deduction, a standard score below its points) with no 评分依据.
    NoReason,
    /// A total within the margin of a grade's lower line.
    NearBoundary,
    /// A final score far from the district's own claim.
    ClaimGap,
}

impl FlagKind {
    /// The kind in English, for `--lang en`.
    pub fn words_en(self) -> &'static str {
        match self {
            FlagKind::SameEverywhere => "the same scores in every district",
            FlagKind::FullMarksEverywhere => "full marks in every district",
            FlagKind::NoSpread => "no spread across districts",
            FlagKind::NoReason => "points lost with no reason",
            FlagKind::NearBoundary => "a total near a grade's line",
            FlagKind::ClaimGap => "far from the district's claim",
        }
    }

    /// The kind as the 核查提示 sheet and the merge's lines name it.
    pub fn words(self) -> &'static str {
        match self {
            FlagKind::SameEverywhere => "各地区得分完全相同",
            FlagKind::FullMarksEverywhere => "各地区全部满分",
            FlagKind::NoSpread => "此项各地区得分无差别",
            FlagKind::NoReason => "失分未写评分依据",
            FlagKind::NearBoundary => "总分接近等次分数线",
            FlagKind::ClaimGap => "与自评相差较大",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// The unit key, where the flag is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub districts: Vec<String>,
    /// What was seen, in words (`89.5，距 A 线 90 差 0.5`).
    pub detail: String,
}

/// What the flags look at beyond the merge.
pub struct Options<'a> {
    pub margin: Decimal,
    pub claims: Option<&'a SelfCheckSet>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            margin: DEFAULT_MARGIN,
            claims: None,
        }
    }
}

pub fn flags(merged: &Merged, rubric: &Rubric, options: &Options<'_>) -> Vec<Flag> {
    let index = UnitIndex::new(rubric);
    let mut out = Vec::new();
    for sheet in &merged.sheets {
        department_flags(rubric, &index, sheet, &mut out);
        out.extend(no_reason(rubric, &index, sheet));
    }
    out.extend(near_boundary(merged, rubric, options.margin));
    if let Some(claims) = options.claims {
        out.extend(claim_gaps(merged, rubric, claims));
    }
    out
}

/// The unit's maximum as its department scores it (a standard unit's points).
fn standard_max(index: &UnitIndex<'_>, key: &str, department: &str) -> Option<Decimal> {
    let unit = index.find_key_for(key, department)?;
    (unit.kind() == Kind::Standard).then_some(unit.points).flatten()
}

/// The same score everywhere, full marks everywhere, no spread on a unit.
fn department_flags(rubric: &Rubric, index: &UnitIndex<'_>, sheet: &DepartmentSheet, out: &mut Vec<Flag>) {
    let column = |u: usize| -> Vec<Decimal> {
        sheet
            .cells
            .iter()
            .filter_map(|row| row.get(u).copied().flatten())
            .collect()
    };
    // Standard units only: a deduction or bonus of 0 everywhere, a veto
    // answered no everywhere, is the usual year, not a sign.
    let scored: Vec<usize> = (0..sheet.units.len())
        .filter(|&u| column(u).len() >= 2 && standard_max(index, &sheet.units[u], &sheet.department).is_some())
        .collect();
    if scored.is_empty() {
        return;
    }
    let flat = |u: usize| column(u).windows(2).all(|w| w[0] == w[1]);
    let full = |u: usize| {
        standard_max(index, &sheet.units[u], &sheet.department).is_some_and(|max| column(u).iter().all(|&s| s == max))
    };
    let department = Some(sheet.department.clone());
    // The districts the department scored: a flag names those it saw.
    let all: Vec<String> = rubric
        .districts
        .iter()
        .zip(&sheet.cells)
        .filter(|(_, row)| scored.iter().any(|&u| row.get(u).copied().flatten().is_some()))
        .map(|(d, _)| d.clone())
        .collect();
    if scored.iter().all(|&u| full(u)) {
        out.push(Flag {
            kind: FlagKind::FullMarksEverywhere,
            department,
            unit: None,
            districts: all,
            detail: format!("{} 项标准项全部满分", scored.len()),
        });
        return;
    }
    if scored.iter().all(|&u| flat(u)) {
        out.push(Flag {
            kind: FlagKind::SameEverywhere,
            department,
            unit: None,
            districts: all,
            detail: format!("{} 项，每项各地区同分", scored.len()),
        });
        return;
    }
    for &u in &scored {
        let scores = column(u);
        if scores.len() >= SPREAD_FROM && flat(u) && !full(u) {
            let districts = rubric
                .districts
                .iter()
                .zip(&sheet.cells)
                .filter(|(_, row)| row.get(u).copied().flatten().is_some())
                .map(|(d, _)| d.clone())
                .collect();
            out.push(Flag {
                kind: FlagKind::NoSpread,
                department: department.clone(),
                unit: Some(sheet.units[u].clone()),
                districts,
                detail: format!("{} 个地区都是 {}", scores.len(), crate::points::shown(scores[0])),
            });
        }
    }
}

/// Points taken with no reason: a deduction, or a standard score below its points.
fn no_reason(rubric: &Rubric, index: &UnitIndex<'_>, sheet: &DepartmentSheet) -> Vec<Flag> {
    let mut out = Vec::new();
    for (u, key) in sheet.units.iter().enumerate() {
        let max = standard_max(index, key, &sheet.department);
        let districts: Vec<String> = rubric
            .districts
            .iter()
            .zip(&sheet.cells)
            .filter(|(district, row)| {
                let lost = row
                    .get(u)
                    .copied()
                    .flatten()
                    .is_some_and(|s| s < Decimal::ZERO || max.is_some_and(|m| s < m));
                let reasoned = sheet
                    .notes
                    .iter()
                    .any(|n| n.unit == u && &n.district == *district && !n.note.trim().is_empty());
                lost && !reasoned
            })
            .map(|(d, _)| d.clone())
            .collect();
        if !districts.is_empty() {
            let points = max.map_or_else(String::new, |m| format!("（满分 {}）", crate::points::shown(m)));
            out.push(Flag {
                kind: FlagKind::NoReason,
                department: Some(sheet.department.clone()),
                unit: Some(key.clone()),
                detail: format!("失分 {} 格{points}，没有评分依据", districts.len()),
                districts,
            });
        }
    }
    out
}

/// Totals within `margin` of a grade's lower line, on either side.
fn near_boundary(merged: &Merged, rubric: &Rubric, margin: Decimal) -> Vec<Flag> {
    if !rubric.graded {
        return Vec::new();
    }
    let mut out = Vec::new();
    for band in &rubric.grades {
        let Some(min) = band.min else { continue };
        for d in merged.districts.iter().filter(|d| d.veto.is_none()) {
            let gap = d.total - min;
            if gap.abs() <= margin {
                let side = if gap < Decimal::ZERO { "差" } else { "高出" };
                out.push(Flag {
                    kind: FlagKind::NearBoundary,
                    department: None,
                    unit: None,
                    districts: vec![d.name.clone()],
                    detail: format!(
                        "{}，{} 线 {}，{side} {}",
                        crate::points::shown(d.total),
                        band.name,
                        crate::points::shown(min),
                        crate::points::shown(gap.abs())
                    ),
                });
            }
        }
    }
    out
}

/// The largest gaps between a district's claim and the final score of a
/// unit (its departments' scores summed per unit key).
fn claim_gaps(merged: &Merged, rubric: &Rubric, claims: &SelfCheckSet) -> Vec<Flag> {
    let mut gaps: Vec<(Decimal, Flag)> = Vec::new();
    for sheet in &merged.sheets {
        for (d, district) in rubric.districts.iter().enumerate() {
            for (u, key) in sheet.units.iter().enumerate() {
                let Some(score) = sheet.cells.get(d).and_then(|row| row.get(u)).copied().flatten() else {
                    continue;
                };
                let Some(claimed) = claims.claim(district, key).and_then(|c| c.score) else {
                    continue;
                };
                let gap = (claimed - score).abs();
                if gap.is_zero() {
                    continue;
                }
                gaps.push((
                    gap,
                    Flag {
                        kind: FlagKind::ClaimGap,
                        department: Some(sheet.department.clone()),
                        unit: Some(key.clone()),
                        districts: vec![district.clone()],
                        detail: format!(
                            "自评 {} / 评 {}，相差 {}",
                            crate::points::shown(claimed),
                            crate::points::shown(score),
                            crate::points::shown(gap)
                        ),
                    },
                ));
            }
        }
    }
    gaps.sort_by_key(|g| std::cmp::Reverse(g.0));
    gaps.into_iter().take(CLAIM_GAPS).map(|(_, f)| f).collect()
}
