//! The office's merge: verified department files in, per-district totals,
//! grades, ranks and a coverage list out. Pure and deterministic: the same
//! files in any order give the same result, byte for byte once written.

mod report_csv;
mod report_json;
mod report_xlsx;

pub use report_csv::inert as inert_csv_cell;

use crate::fast_hash::FastMap;
use crate::rubric::Rubric;
use crate::rubric::hash::rubric_hash;
use crate::rubric::units::UnitIndex;
use crate::scoring::totals::{Totals, district_totals};
use crate::seal::payload::Verified;
use rust_decimal::Decimal;

pub use report_json::to_json;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("no score files to merge")]
    NoFiles,
    #[error(
        "{file} is scored on rubric {found}, not on {expected} like the other files; merge each rubric's files separately"
    )]
    WrongRubric {
        file: String,
        found: String,
        expected: String,
    },
    #[error(
        "two different files both claim revision {revision} of {department}: {} and {}; ask {department} which is final, and merge without the other",
        .files.0, .files.1
    )]
    Equivocation {
        department: String,
        revision: u64,
        files: (String, String),
    },
}

/// A department's file that counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileUsed {
    pub department: String,
    pub file: String,
    pub revision: u64,
    pub scorer: String,
    pub key_id: String,
    pub trusted: bool,
    pub created: String,
}

/// An older revision, left out because a newer one came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Superseded {
    pub department: String,
    pub file: String,
    pub revision: u64,
    pub by_revision: u64,
}

/// One department's report on a joint veto or deduction in one district.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JointReport {
    pub item: String,
    pub department: String,
    /// The deduction it reported (None for a veto).
    pub score: Option<Decimal>,
    pub veto: bool,
    pub note: String,
}

impl DistrictResult {
    /// Who reported what on the joint vetoes and deductions, in one line for
    /// a spreadsheet cell: `4.1.1 公安部门 -10; 3.1.1 安监部门 否决`.
    pub fn joint_summary(&self) -> String {
        self.joint
            .iter()
            .map(|j| match j.score {
                Some(s) => format!("{} {} {}", j.item, j.department, crate::points::shown(s)),
                None => format!("{} {} 否决", j.item, j.department),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Why a district got the lowest grade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VetoCause {
    pub item: String,
    pub text: String,
    pub department: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPointScore {
    pub id: String,
    pub name: String,
    pub score: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaScore {
    pub id: String,
    pub name: String,
    pub score: Decimal,
    pub key_points: Vec<KeyPointScore>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistrictResult {
    pub name: String,
    /// Per rubric item, in rubric order: the sum of its scored parts, None
    /// when no part is scored (a veto item is never a number).
    pub items: Vec<Option<Decimal>>,
    pub areas: Vec<AreaScore>,
    pub standard: Decimal,
    /// Negative or zero: every deduction, each within its own cap.
    pub deductions: Decimal,
    pub bonus_raw: Decimal,
    /// The bonuses after the rubric's cap on all of them together.
    pub bonus_counted: Decimal,
    pub total: Decimal,
    /// The first veto reported, in rubric and department order; every report
    /// on a joint item is in `joint`.
    pub veto: Option<VetoCause>,
    /// What each department reported on the joint vetoes and deductions
    /// (those it found something for), so the report can name who.
    pub joint: Vec<JointReport>,
    pub grade: String,
    /// 1 is best; equal totals share a rank; vetoed districts come last.
    pub rank: usize,
    /// Scoring units nobody has scored yet in this district.
    pub unscored: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Missing {
    /// A department that scores items sent no file.
    NoFile { department: String },
    /// A cell the department's file leaves empty.
    Cell {
        department: String,
        district: String,
        item: String,
        sub: Option<String>,
    },
}

/// One department's scores laid out for its report sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentSheet {
    pub department: String,
    /// Unit keys (`1.1.3`, `2.1.2#3`), in rubric order.
    pub units: Vec<String>,
    /// `[district][unit]`: the score, or for a veto unit 1 (applies) / 0.
    pub cells: Vec<Vec<Option<Decimal>>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub rubric: String,
    pub rubric_hash: String,
    /// The winning file of each department, by department in rubric order.
    pub files: Vec<FileUsed>,
    pub superseded: Vec<Superseded>,
    /// In rubric order (the rank is a field).
    pub districts: Vec<DistrictResult>,
    /// Departments without a file first, then empty cells.
    pub missing: Vec<Missing>,
    pub sheets: Vec<DepartmentSheet>,
}

/// The band a total falls in: the first, from the top, whose min it
/// reaches. Bands are half-open, so 89.5 is B and 90 is A.
pub fn grade_for(rubric: &Rubric, total: Decimal) -> String {
    rubric
        .grades
        .iter()
        .find(|band| band.min.is_none_or(|min| total >= min))
        .or(rubric.grades.last())
        .map(|band| band.name.clone())
        .unwrap_or_default()
}

/// What one cell of the unit matrix holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Slot {
    score: Option<Decimal>,
    veto: Option<bool>,
    /// Index into the winners, for the veto's note and department.
    file: u32,
    entry: u32,
}

pub fn merge(rubric: &Rubric, files: Vec<Verified>) -> Result<Merged, MergeError> {
    let hash = rubric_hash(rubric);
    check_files(rubric, &hash, &files)?;
    let (winners, superseded) = newest_revisions(rubric, files)?;
    let unit_index = UnitIndex::new(rubric);
    let units = unit_index.units();
    let slots = fill_slots(rubric, &unit_index, &winners);
    let layout = Layout::of(rubric, units);
    let mut districts: Vec<DistrictResult> = rubric
        .districts
        .iter()
        .enumerate()
        .map(|(d, name)| district_result(rubric, &layout, units, &winners, name, &slots[d]))
        .collect();
    rank(&mut districts);
    let (missing, sheets) = coverage(rubric, units, &winners, &slots);
    Ok(Merged {
        rubric: rubric.id.clone(),
        rubric_hash: hash,
        files: winners
            .iter()
            .map(|w| FileUsed {
                department: w.scores.department.clone(),
                file: w.file.clone(),
                revision: w.scores.revision,
                scorer: w.scores.scorer.clone(),
                key_id: w.scores.key_id.clone(),
                trusted: w.trusted,
                created: w.scores.created.clone(),
            })
            .collect(),
        superseded,
        districts,
        missing,
        sheets,
    })
}

/// Every file is of this rubric, as it is now.
fn check_files(rubric: &Rubric, hash: &str, files: &[Verified]) -> Result<(), MergeError> {
    if files.is_empty() {
        return Err(MergeError::NoFiles);
    }
    for f in files {
        if f.scores.rubric != rubric.id || f.scores.rubric_hash != hash {
            return Err(MergeError::WrongRubric {
                file: f.file.clone(),
                found: format!("{} ({})", f.scores.rubric, short(&f.scores.rubric_hash)),
                expected: format!("{} ({})", rubric.id, short(hash)),
            });
        }
    }

    Ok(())
}

/// Each department's newest revision (in rubric order), and the older ones
/// it supersedes. Two different files claiming one revision are refused.
fn newest_revisions(rubric: &Rubric, mut files: Vec<Verified>) -> Result<(Vec<Verified>, Vec<Superseded>), MergeError> {
    // Newest first within each department; ties broken by content and then
    // name, so the input order never matters.
    files.sort_by(|a, b| {
        (
            &a.scores.department,
            std::cmp::Reverse(a.scores.revision),
            &a.payload_sha256,
            &a.file,
        )
            .cmp(&(
                &b.scores.department,
                std::cmp::Reverse(b.scores.revision),
                &b.payload_sha256,
                &b.file,
            ))
    });
    let mut winners: Vec<Verified> = Vec::new();
    let mut superseded = Vec::new();
    for f in files {
        match winners.last() {
            Some(w) if w.scores.department == f.scores.department => {
                if f.scores.revision == w.scores.revision {
                    if f.payload_sha256 != w.payload_sha256 {
                        let mut pair = [w.file.clone(), f.file.clone()];
                        pair.sort();
                        let [a, b] = pair;
                        return Err(MergeError::Equivocation {
                            department: f.scores.department.clone(),
                            revision: f.scores.revision,
                            files: (a, b),
                        });
                    }
                    // The same signed content twice: it counts once.
                } else if !superseded
                    .iter()
                    .any(|s: &Superseded| s.department == f.scores.department && s.revision == f.scores.revision)
                {
                    superseded.push(Superseded {
                        department: f.scores.department.clone(),
                        file: f.file.clone(),
                        revision: f.scores.revision,
                        by_revision: w.scores.revision,
                    });
                }
            }
            _ => winners.push(f),
        }
    }
    let department_order = positions(rubric.departments.iter().map(|d| d.name.as_str()));
    winners.sort_by_key(|w| {
        department_order
            .get(w.scores.department.as_str())
            .copied()
            .unwrap_or(usize::MAX)
    });

    Ok((winners, superseded))
}

/// `[district][unit]`: what each department's winning file says of each cell.
fn fill_slots(rubric: &Rubric, unit_index: &UnitIndex<'_>, winners: &[Verified]) -> Vec<Vec<Slot>> {
    let units = unit_index.units();
    let district_index = positions(rubric.districts.iter().map(String::as_str));
    let mut slots = vec![vec![Slot::default(); units.len()]; rubric.districts.len()];
    for (fi, w) in winners.iter().enumerate() {
        for (ei, e) in w.scores.scores.iter().enumerate() {
            // Verification has checked both; an unknown one can only come
            // from a caller that skipped it, and is left out rather than trusted.
            let (Some(&d), Some(u)) = (
                district_index.get(e.district.as_str()),
                unit_index.find_for(&e.item, e.sub.as_deref(), &w.scores.department),
            ) else {
                continue;
            };
            slots[d][u] = Slot {
                score: e.score,
                veto: e.veto,
                file: fi as u32,
                entry: ei as u32,
            };
        }
    }

    slots
}

/// Where each unit's item, each item's key point and each key point's area
/// is, by index: looked up once, used for every district.
struct Layout {
    unit_item: Vec<usize>,
    item_kp: Vec<Option<usize>>,
    kp_area: Vec<Option<usize>>,
}

impl Layout {
    fn of(rubric: &Rubric, units: &[crate::rubric::ScoringUnit<'_>]) -> Layout {
        let item_index = positions(rubric.items.iter().map(|it| it.id.as_str()));
        let unit_item: Vec<usize> = units
            .iter()
            .map(|u| item_index.get(u.item.id.as_str()).copied().unwrap_or(0))
            .collect();
        let kp_index = positions(rubric.key_points.iter().map(|k| k.id.as_str()));
        let item_kp: Vec<Option<usize>> = rubric
            .items
            .iter()
            .map(|it| kp_index.get(it.key_point.as_str()).copied())
            .collect();
        let area_index = positions(rubric.areas.iter().map(|a| a.id.as_str()));
        let kp_area: Vec<Option<usize>> = rubric
            .key_points
            .iter()
            .map(|k| area_index.get(k.area.as_str()).copied())
            .collect();
        Layout {
            unit_item,
            item_kp,
            kp_area,
        }
    }
}

/// One district's items, subtotals, total, veto and grade (its rank comes later).
fn district_result(
    rubric: &Rubric,
    layout: &Layout,
    units: &[crate::rubric::ScoringUnit<'_>],
    winners: &[Verified],
    name: &str,
    slots: &[Slot],
) -> DistrictResult {
    let mut veto = None;
    let mut joint = Vec::new();
    let mut unscored = 0;
    for (u, slot) in slots.iter().enumerate() {
        let found = slot.veto == Some(true) || slot.score.is_some_and(|s| !s.is_zero());
        if units[u].item.is_joint_report() && found {
            let w = &winners[slot.file as usize];
            joint.push(JointReport {
                item: units[u].item.id.clone(),
                department: w.scores.department.clone(),
                score: slot.score,
                veto: slot.veto == Some(true),
                note: w.scores.scores[slot.entry as usize].note.clone(),
            });
        }
        match (slot.score, slot.veto) {
            (Some(_), _) => {}
            (None, Some(true)) if veto.is_none() => {
                let w = &winners[slot.file as usize];
                let entry = &w.scores.scores[slot.entry as usize];
                veto = Some(VetoCause {
                    item: units[u].item.id.clone(),
                    text: units[u].item.text.clone(),
                    department: w.scores.department.clone(),
                    note: entry.note.clone(),
                });
            }
            (None, Some(_)) => {}
            (None, None) => unscored += 1,
        }
    }
    let scored = slots
        .iter()
        .enumerate()
        .filter_map(|(u, slot)| slot.score.map(|s| (layout.unit_item[u], s)));
    let items = crate::scoring::totals::item_scores(rubric, scored);
    let mut kp_scores = vec![Decimal::ZERO; rubric.key_points.len()];
    for (i, score) in items.iter().enumerate() {
        if let (Some(k), Some(score)) = (layout.item_kp[i], score) {
            kp_scores[k] += *score;
        }
    }
    let mut areas: Vec<AreaScore> = rubric
        .areas
        .iter()
        .map(|a| AreaScore {
            id: a.id.clone(),
            name: a.name.clone(),
            score: Decimal::ZERO,
            key_points: Vec::new(),
        })
        .collect();
    for (k, kp) in rubric.key_points.iter().enumerate() {
        if let Some(a) = layout.kp_area[k] {
            areas[a].score += kp_scores[k];
            areas[a].key_points.push(KeyPointScore {
                id: kp.id.clone(),
                name: kp.name.clone(),
                score: kp_scores[k],
            });
        }
    }
    let Totals {
        standard,
        deductions,
        bonus_raw,
        bonus_counted,
        total,
    } = district_totals(rubric, &items);
    let grade = if veto.is_some() {
        rubric.lowest_grade().map(|g| g.name.clone()).unwrap_or_default()
    } else {
        grade_for(rubric, total)
    };
    DistrictResult {
        name: name.to_string(),
        items,
        areas,
        standard,
        deductions,
        bonus_raw,
        bonus_counted,
        total,
        veto,
        joint,
        grade,
        rank: 0,
        unscored,
    }
}

/// What is missing (departments without a file, then empty cells) and each
/// department's report sheet.
fn coverage(
    rubric: &Rubric,
    units: &[crate::rubric::ScoringUnit<'_>],
    winners: &[Verified],
    slots: &[Vec<Slot>],
) -> (Vec<Missing>, Vec<DepartmentSheet>) {
    let mut missing = Vec::new();
    let sent: Vec<&str> = winners.iter().map(|w| w.scores.department.as_str()).collect();
    for dept in &rubric.departments {
        let scores_something = units.iter().any(|u| u.department == dept.name);
        if scores_something && !sent.contains(&dept.name.as_str()) {
            missing.push(Missing::NoFile {
                department: dept.name.clone(),
            });
        }
    }
    let mut sheets = Vec::new();
    for w in winners {
        let dept = w.scores.department.as_str();
        let mine: Vec<usize> = (0..units.len()).filter(|&u| units[u].department == dept).collect();
        for (d, district) in rubric.districts.iter().enumerate() {
            for &u in &mine {
                let slot = slots[d][u];
                if slot.score.is_none() && slot.veto.is_none() {
                    missing.push(Missing::Cell {
                        department: dept.to_string(),
                        district: district.clone(),
                        item: units[u].item.id.clone(),
                        sub: units[u].sub.map(|s| s.id.clone()),
                    });
                }
            }
        }
        sheets.push(DepartmentSheet {
            department: dept.to_string(),
            units: mine
                .iter()
                .map(|&u| crate::scoring::draft::unit_key(&units[u].item.id, units[u].sub.map(|s| s.id.as_str())))
                .collect(),
            cells: slots
                .iter()
                .map(|row| {
                    mine.iter()
                        .map(|&u| match (row[u].score, row[u].veto) {
                            (Some(s), _) => Some(s),
                            (None, Some(v)) => Some(if v { Decimal::ONE } else { Decimal::ZERO }),
                            (None, None) => None,
                        })
                        .collect()
                })
                .collect(),
        });
    }

    (missing, sheets)
}

/// Where each name stands in a list of the rubric's: looked up once per
/// cell of a national-scale merge instead of searched for.
fn positions<'a>(names: impl Iterator<Item = &'a str>) -> FastMap<&'a str, usize> {
    names.enumerate().map(|(i, name)| (name, i)).collect()
}

/// Competition ranking ("1, 2, 2, 4"): by total, highest first; a vetoed
/// district ranks after every district that was not.
fn rank(districts: &mut [DistrictResult]) {
    let mut order: Vec<usize> = (0..districts.len()).collect();
    let key = |d: &DistrictResult| (d.veto.is_some(), std::cmp::Reverse(d.total));
    order.sort_by(|&a, &b| key(&districts[a]).cmp(&key(&districts[b])).then(a.cmp(&b)));
    let mut previous: Option<(bool, std::cmp::Reverse<Decimal>)> = None;
    let mut rank = 0;
    for (position, &i) in order.iter().enumerate() {
        let k = key(&districts[i]);
        if previous != Some(k) {
            rank = position + 1;
            previous = Some(k);
        }
        districts[i].rank = rank;
    }
}

fn short(hash: &str) -> &str {
    &hash[..hash.len().min(12)]
}

/// The three reports as bytes: `merged.json`, `merged.csv` and
/// `merged.xlsx`, with their file names.
pub fn reports(merged: &Merged, rubric: &Rubric) -> std::io::Result<Vec<(&'static str, Vec<u8>)>> {
    // The workbook takes longest; the other two are made beside it.
    let (xlsx, text) = std::thread::scope(|scope| {
        let text = scope.spawn(|| -> std::io::Result<(Vec<u8>, Vec<u8>)> {
            Ok((to_json(merged, rubric), report_csv::to_csv(merged, rubric)?))
        });
        let xlsx = report_xlsx::to_xlsx(merged, rubric).map_err(std::io::Error::other);
        (xlsx, text.join())
    });
    let xlsx = xlsx?;
    let (json, csv) = text.map_err(|_| std::io::Error::other("making merged.json and merged.csv failed"))??;
    Ok(vec![("merged.json", json), ("merged.csv", csv), ("merged.xlsx", xlsx)])
}
