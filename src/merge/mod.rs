//! The office's merge: verified department files in, per-district totals,
//! grades, ranks and a coverage list out. Pure and deterministic: the same
//! files in any order give the same result, byte for byte once written.

pub mod board;
pub mod compare;
mod district;
mod events;
pub mod feedback;
mod files;
pub mod flags;
pub mod publication;
mod report_csv;
pub mod report_docx;
mod report_json;
pub(crate) mod report_xlsx;

pub use report_csv::{inert as inert_csv_cell, uninert as uninert_csv_cell};

use crate::fast_hash::FastMap;
use crate::rubric::Rubric;
use crate::rubric::hash::rubric_hash;
use crate::rubric::units::UnitIndex;
use crate::seal::payload::Verified;
use rust_decimal::Decimal;

pub use events::{JointEvent, line as event_line};
pub use report_json::{summary_json, to_json};

/// The columns after the items and areas, in merged.csv and 总表 alike:
/// each one's Chinese and English words.
pub const TOTAL_COLUMNS: [(&str, &str); 11] = [
    ("标准项小计", "standard"),
    ("扣分小计", "deductions"),
    ("加分小计", "bonus as scored"),
    ("加分封顶", "over the bonus cap"),
    ("加分计入", "bonus"),
    ("总分", "total"),
    ("等级", "grade"),
    ("名次", "rank"),
    ("否决", "veto"),
    ("联合项上报", "joint reports"),
    ("未评", "unscored"),
];

/// What the reports say of a rubric whose document gives no grade scale,
/// in Chinese and English.
pub const NO_GRADE_SCALE: (&str, &str) = (
    "本细则的文件未规定等级划分：只列总分和名次（否决项按文件的规定）",
    "the rubric's document gives no grade scale: totals and ranks only (a veto as the document says)",
);

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
        "two different files signed by {scorer}'s key both claim revision {revision} of {department}: {} and {}; ask {department} which is final, and merge without the other",
        .files.0, .files.1
    )]
    Equivocation {
        department: String,
        scorer: String,
        revision: u64,
        files: (String, String),
    },
    #[error("{0}")]
    Conflict(Box<Conflict>),
    #[error("{0}")]
    OutOfOrder(Box<OutOfOrder>),
    #[error(
        "the scores of {district}, {} add up past what a decimal holds; no kaohe file carries such scores (verify bounds every one), so {} did not come through verification: verify them and merge again",
        .item.as_ref().map_or("its totals".to_string(), |i| format!("item {i}")),
        .files.join(", ")
    )]
    Overflow {
        district: String,
        item: Option<String>,
        files: Vec<String>,
    },
}

/// A signer's newer revision made before an older one, by the files' own
/// dates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{department}'s revision {} by {scorer} ({}) is dated {}, before its revision {} ({}) dated {}: one of the dates is wrong, so which file is {department}'s last word is not clear; ask {department}, and merge without the file that is not",
    .newer.1, .newer.0, .newer.2, .older.1, .older.0, .older.2
)]
pub struct OutOfOrder {
    pub department: String,
    pub scorer: String,
    /// File, revision and `created` of each.
    pub newer: (String, u64, String),
    pub older: (String, u64, String),
}

/// Two of a department's scorers whose files list the same cells.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "two files of {department} signed by different keys list the same cells: {} ({}) and {} ({}) both list {}{}; ask {department} whose scores count, then merge without the other file or after its scorer re-exports without those cells",
    .first.0, .first.1, .second.0, .second.1, .cells.join(", "),
    if *.count > .cells.len() { format!(" and {} more", .count - .cells.len()) } else { String::new() }
)]
pub struct Conflict {
    pub department: String,
    /// File and scorer.
    pub first: (String, String),
    pub second: (String, String),
    /// The first few cells both list (`曾都区 1.1.3`), and how many there are.
    pub cells: Vec<String>,
    pub count: usize,
}

/// A file that counts: the newest revision of one signer (a department
/// may have several scorers, each with their own key).
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

/// An older revision, left out because the same signer sent a newer one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Superseded {
    pub department: String,
    pub file: String,
    pub revision: u64,
    pub by_revision: u64,
    pub scorer: String,
    pub key_id: String,
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
    /// a spreadsheet cell: `4.1.1 公安部门 -10; 3.1.1 安监部门 否决`, then
    /// each event counted once with its reporters (`4.1.1 某商场电梯事故
    /// （2017-03-05）：公安部门、安监部门`).
    pub fn joint_summary(&self) -> String {
        self.joint
            .iter()
            .map(|j| match j.score {
                Some(s) => format!("{} {} {}", j.item, j.department, crate::points::shown(s)),
                None => format!("{} {} 否决", j.item, j.department),
            })
            .chain(self.events.iter().map(events::line))
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
    /// Every event of a per-event item several departments report, counted
    /// once, with who reported it.
    pub events: Vec<JointEvent>,
    pub grade: String,
    /// 1 is best; equal totals share a rank; vetoed districts come last.
    pub rank: usize,
    /// Scoring units nobody has scored yet in this district.
    pub unscored: usize,
    /// Per rubric item: a veto item's answer, None for the other kinds.
    pub veto_answers: Vec<Option<VetoAnswer>>,
}

/// What the departments answered on a veto item in one district.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VetoAnswer {
    /// A department reported it (the grade is the lowest).
    Applies,
    /// Every department that answers it said no.
    Clear,
    /// Not answered yet, by some department at least, and none said yes.
    Unanswered,
}

impl VetoAnswer {
    /// As the reports print it.
    pub fn word(self) -> &'static str {
        match self {
            VetoAnswer::Applies => "否决",
            VetoAnswer::Clear => "未否决",
            VetoAnswer::Unanswered => "未答",
        }
    }
}

impl DistrictResult {
    /// What the bonus cap took off (zero or negative): the areas are added
    /// as scored, so their sum plus this is the total.
    pub fn bonus_over_cap(&self) -> Decimal {
        self.bonus_counted - self.bonus_raw
    }
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
    /// Each unit's item label or text (and the part's text), as `units`.
    pub names: Vec<String>,
    /// `[district][unit]`: the score, or for a veto unit 1 (applies) / 0.
    pub cells: Vec<Vec<Option<Decimal>>>,
    /// Every cell with a note (评分依据) or an evidence flag, by district
    /// and unit, with who scored it.
    pub notes: Vec<CellNote>,
}

/// A note or a missing-evidence flag on one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellNote {
    pub district: String,
    /// Index into the sheet's `units`.
    pub unit: usize,
    pub scorer: String,
    pub note: String,
    pub evidence_missing: bool,
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
    /// Where the scoring looks wrong (核查提示), for the office to check.
    pub flags: Vec<flags::Flag>,
}

/// The band a total falls in: the first, from the top, whose min it
/// reaches. Bands are half-open, so 89.5 is B and 90 is A.
pub fn grade_for(rubric: &Rubric, total: Decimal) -> String {
    if !rubric.graded {
        return String::new();
    }
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
    /// A file lists this cell (perhaps with only a note).
    listed: bool,
}

pub fn merge(rubric: &Rubric, files: Vec<Verified>) -> Result<Merged, MergeError> {
    merge_with(rubric, files, &flags::Options::default())
}

/// [`merge`], its flags looking as `options` say (a margin, the districts' claims).
pub fn merge_with(rubric: &Rubric, files: Vec<Verified>, options: &flags::Options<'_>) -> Result<Merged, MergeError> {
    let hash = rubric_hash(rubric);
    check_files(rubric, &hash, &files)?;
    let (winners, superseded) = files::newest_revisions(rubric, files)?;
    let unit_index = UnitIndex::new(rubric);
    let units = unit_index.units();
    let slots = fill_slots(rubric, &unit_index, &winners)?;
    let layout = district::Layout::of(rubric, units);
    let mut districts: Vec<DistrictResult> = rubric
        .districts
        .iter()
        .enumerate()
        .map(|(d, name)| district::result(rubric, &layout, units, &winners, name, &slots[d]))
        .collect::<Result<_, _>>()?;
    rank(&mut districts);
    let (missing, sheets) = coverage(rubric, units, &winners, &slots);
    let mut merged = Merged {
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
        flags: Vec::new(),
    };
    merged.flags = flags::flags(&merged, rubric, options);
    Ok(merged)
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

/// `[district][unit]`: what the file that lists each cell says of it. Two
/// files listing one cell are refused: whose score counts is the
/// department's to say.
fn fill_slots(rubric: &Rubric, unit_index: &UnitIndex<'_>, winners: &[Verified]) -> Result<Vec<Vec<Slot>>, MergeError> {
    let units = unit_index.units();
    let district_index = positions(rubric.districts.iter().map(String::as_str));
    let mut slots = vec![vec![Slot::default(); units.len()]; rubric.districts.len()];
    let mut conflicts = files::Conflicts::default();
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
            let slot = &mut slots[d][u];
            // One file listing a cell twice is refused by verification; two
            // files listing it are the department's to settle.
            if slot.listed && slot.file as usize != fi {
                conflicts.add(slot.file as usize, fi, || format!("{} {}", e.district, e.unit_key()));
                continue;
            }
            *slot = Slot {
                score: e.score,
                veto: e.veto,
                file: fi as u32,
                entry: ei as u32,
                listed: true,
            };
        }
    }
    conflicts.into_result(winners)?;

    Ok(slots)
}

/// What is missing (departments without a file, then empty cells) and each
/// department's report sheet, with every file that scored for it.
fn coverage(
    rubric: &Rubric,
    units: &[crate::rubric::ScoringUnit<'_>],
    winners: &[Verified],
    slots: &[Vec<Slot>],
) -> (Vec<Missing>, Vec<DepartmentSheet>) {
    let mut missing = Vec::new();
    let mut sheets = Vec::new();
    for dept in &rubric.departments {
        let dept = dept.name.as_str();
        let mine: Vec<usize> = (0..units.len()).filter(|&u| units[u].department == dept).collect();
        if mine.is_empty() {
            continue;
        }
        if !winners.iter().any(|w| w.scores.department == dept) {
            missing.push(Missing::NoFile {
                department: dept.to_string(),
            });
            continue;
        }
        let mut notes = Vec::new();
        for (d, district) in rubric.districts.iter().enumerate() {
            for (column, &u) in mine.iter().enumerate() {
                let slot = slots[d][u];
                if slot.score.is_none() && slot.veto.is_none() {
                    missing.push(Missing::Cell {
                        department: dept.to_string(),
                        district: district.clone(),
                        item: units[u].item.id.clone(),
                        sub: units[u].sub.map(|s| s.id.clone()),
                    });
                }
                if !slot.listed {
                    continue;
                }
                let w = &winners[slot.file as usize];
                let entry = &w.scores.scores[slot.entry as usize];
                if !entry.note.is_empty() || entry.evidence_missing {
                    notes.push(CellNote {
                        district: district.clone(),
                        unit: column,
                        scorer: w.scores.scorer.clone(),
                        note: entry.note.clone(),
                        evidence_missing: entry.evidence_missing,
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
            names: mine.iter().map(|&u| unit_name(&units[u])).collect(),
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
            notes,
        });
    }

    (missing, sheets)
}

/// What a reader of a report knows a unit by: the item's label (or its
/// text), and the part's text for a part.
fn unit_name(unit: &crate::rubric::ScoringUnit<'_>) -> String {
    let item = unit.item.label.as_deref().unwrap_or(&unit.item.text);
    match unit.sub {
        Some(sub) => format!("{item}: {}", sub.text),
        None => item.to_string(),
    }
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
    let notice = publication::to_docx(merged, rubric)?;
    Ok(vec![
        ("merged.json", json),
        ("merged.csv", csv),
        ("merged.xlsx", xlsx),
        ("merged-通报.docx", notice),
    ])
}
