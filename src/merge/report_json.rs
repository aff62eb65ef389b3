//! `merged.json`: what the merge found, for scripts and for the record.
//! Decimals are strings ("87.5"), never JSON numbers.

use super::{Merged, Missing, VetoAnswer};
use crate::points::shown;
use crate::rubric::Rubric;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Doc<'a> {
    rubric: &'a str,
    rubric_hash: &'a str,
    title: &'a str,
    /// False where the rubric's document gives no grade scale: a district's
    /// grade is then empty unless a veto set it.
    graded: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    grading: Option<&'static str>,
    files: Vec<File<'a>>,
    superseded: Vec<Superseded<'a>>,
    districts: Vec<District<'a>>,
    missing: Vec<MissingEntry<'a>>,
    /// Every cell with a note or a missing-evidence flag.
    notes: Vec<Note<'a>>,
    /// Where the scoring looks wrong (核查提示): kind, department, unit, districts.
    flags: &'a [super::flags::Flag],
}

#[derive(Serialize)]
struct Note<'a> {
    department: &'a str,
    district: &'a str,
    unit: &'a str,
    scorer: &'a str,
    note: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    evidence_missing: bool,
}

#[derive(Serialize)]
struct File<'a> {
    department: &'a str,
    file: &'a str,
    revision: u64,
    scorer: &'a str,
    key_id: &'a str,
    trusted: bool,
    created: &'a str,
}

#[derive(Serialize)]
struct Superseded<'a> {
    department: &'a str,
    file: &'a str,
    revision: u64,
    by_revision: u64,
    scorer: &'a str,
    key_id: &'a str,
}

#[derive(Serialize)]
struct District<'a> {
    name: &'a str,
    total: String,
    grade: &'a str,
    rank: usize,
    vetoed: bool,
    veto_cause: Option<VetoCause<'a>>,
    /// Who reported what on the joint vetoes and deductions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reported_by: Vec<Reported<'a>>,
    /// Each event of a per-event item several departments report, counted
    /// once, with every department that reported it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    events: Vec<Event<'a>>,
    standard: String,
    deductions: String,
    bonus_raw: String,
    bonus_counted: String,
    /// What the bonus cap took off: the areas' sum plus this is the total.
    bonus_over_cap: String,
    unscored: usize,
    areas: Vec<Area<'a>>,
    /// Item id → score, scored items only.
    items: BTreeMap<&'a str, String>,
    /// Veto item id → "applies", "clear" (every department said no) or
    /// "unanswered".
    vetoes: BTreeMap<&'a str, &'static str>,
}

#[derive(Serialize)]
struct VetoCause<'a> {
    item: &'a str,
    text: &'a str,
    department: &'a str,
    note: &'a str,
}

#[derive(Serialize)]
struct Event<'a> {
    item: &'a str,
    /// Which of the item's kinds of event, from 1.
    kind: u32,
    what: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    reported_by: &'a [String],
}

#[derive(Serialize)]
struct Reported<'a> {
    item: &'a str,
    department: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    veto: bool,
    note: &'a str,
}

#[derive(Serialize)]
struct Area<'a> {
    id: &'a str,
    name: &'a str,
    score: String,
    key_points: Vec<KeyPoint<'a>>,
}

#[derive(Serialize)]
struct KeyPoint<'a> {
    id: &'a str,
    name: &'a str,
    score: String,
}

#[derive(Serialize)]
#[serde(untagged)]
enum MissingEntry<'a> {
    NoFile {
        department: &'a str,
        reason: &'static str,
    },
    Cell {
        department: &'a str,
        district: &'a str,
        item: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        sub: Option<&'a str>,
    },
}

pub fn to_json(merged: &Merged, rubric: &Rubric) -> Vec<u8> {
    let doc = Doc {
        flags: &merged.flags,
        rubric: &merged.rubric,
        rubric_hash: &merged.rubric_hash,
        title: &rubric.title,
        graded: rubric.graded,
        grading: (!rubric.graded).then_some(super::NO_GRADE_SCALE.0),
        files: files(merged),
        superseded: superseded(merged),
        districts: merged.districts.iter().map(|d| district(d, rubric)).collect(),
        missing: merged
            .missing
            .iter()
            .map(|m| match m {
                Missing::NoFile { department } => MissingEntry::NoFile {
                    department,
                    reason: "no file",
                },
                Missing::Cell {
                    department,
                    district,
                    item,
                    sub,
                } => MissingEntry::Cell {
                    department,
                    district,
                    item,
                    sub: sub.as_deref(),
                },
            })
            .collect(),
        notes: merged
            .sheets
            .iter()
            .flat_map(|sheet| {
                sheet.notes.iter().map(|n| Note {
                    department: &sheet.department,
                    district: &n.district,
                    unit: sheet.units.get(n.unit).map_or("", String::as_str),
                    scorer: &n.scorer,
                    note: &n.note,
                    evidence_missing: n.evidence_missing,
                })
            })
            .collect(),
    };
    let mut bytes = Vec::with_capacity(1 << 20);
    // Serializing plain structs into memory cannot fail.
    let _ = serde_json::to_writer_pretty(&mut bytes, &doc);
    bytes.push(b'\n');
    bytes
}

/// The files the merge used.
fn files(merged: &Merged) -> Vec<File<'_>> {
    merged
        .files
        .iter()
        .map(|f| File {
            department: &f.department,
            file: &f.file,
            revision: f.revision,
            scorer: &f.scorer,
            key_id: &f.key_id,
            trusted: f.trusted,
            created: &f.created,
        })
        .collect()
}

/// The older revisions it set aside.
fn superseded(merged: &Merged) -> Vec<Superseded<'_>> {
    merged
        .superseded
        .iter()
        .map(|s| Superseded {
            department: &s.department,
            file: &s.file,
            revision: s.revision,
            by_revision: s.by_revision,
            scorer: &s.scorer,
            key_id: &s.key_id,
        })
        .collect()
}

/// What `kaohe merge --json` prints: what the terminal shows (files,
/// districts by rank, what is missing) and the reports written, for a
/// script that runs the merge; the whole record stays in merged.json.
#[derive(Serialize)]
struct Summary<'a> {
    rubric: &'a str,
    rubric_hash: &'a str,
    title: &'a str,
    files: Vec<File<'a>>,
    superseded: Vec<Superseded<'a>>,
    /// In rank order.
    districts: Vec<Ranked<'a>>,
    /// Departments that sent no file.
    no_file: Vec<&'a str>,
    /// Cells no file scored.
    cells_missing: usize,
    written: Vec<String>,
}

#[derive(Serialize)]
struct Ranked<'a> {
    rank: usize,
    name: &'a str,
    total: String,
    grade: &'a str,
    /// The veto item that set the grade, if one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    veto: Option<&'a str>,
    unscored: usize,
}

pub fn summary_json(merged: &Merged, rubric: &Rubric, written: &[std::path::PathBuf]) -> String {
    let mut by_rank: Vec<_> = merged.districts.iter().collect();
    by_rank.sort_by_key(|d| d.rank);
    let no_file: Vec<&str> = merged
        .missing
        .iter()
        .filter_map(|m| match m {
            Missing::NoFile { department } => Some(department.as_str()),
            Missing::Cell { .. } => None,
        })
        .collect();
    let summary = Summary {
        rubric: &merged.rubric,
        rubric_hash: &merged.rubric_hash,
        title: &rubric.title,
        files: files(merged),
        superseded: superseded(merged),
        districts: by_rank
            .iter()
            .map(|d| Ranked {
                rank: d.rank,
                name: &d.name,
                total: shown(d.total),
                grade: &d.grade,
                veto: d.veto.as_ref().map(|v| v.item.as_str()),
                unscored: d.unscored,
            })
            .collect(),
        cells_missing: merged.missing.len() - no_file.len(),
        no_file,
        written: written.iter().map(|p| p.display().to_string()).collect(),
    };
    // Serializing plain structs into memory cannot fail.
    serde_json::to_string(&summary).unwrap_or_default()
}

fn district<'a>(d: &'a super::DistrictResult, rubric: &'a Rubric) -> District<'a> {
    District {
        name: &d.name,
        total: shown(d.total),
        grade: &d.grade,
        rank: d.rank,
        vetoed: d.veto.is_some(),
        veto_cause: d.veto.as_ref().map(|v| VetoCause {
            item: &v.item,
            text: &v.text,
            department: &v.department,
            note: &v.note,
        }),
        reported_by: d
            .joint
            .iter()
            .map(|j| Reported {
                item: &j.item,
                department: &j.department,
                score: j.score.map(shown),
                veto: j.veto,
                note: &j.note,
            })
            .collect(),
        events: d
            .events
            .iter()
            .map(|e| Event {
                item: &e.item,
                kind: e.event.kind + 1,
                what: &e.event.what,
                date: e.event.date.as_deref(),
                reported_by: &e.reporters,
            })
            .collect(),
        standard: shown(d.standard),
        deductions: shown(d.deductions),
        bonus_raw: shown(d.bonus_raw),
        bonus_counted: shown(d.bonus_counted),
        bonus_over_cap: shown(d.bonus_over_cap()),
        unscored: d.unscored,
        areas: d
            .areas
            .iter()
            .map(|a| Area {
                id: &a.id,
                name: &a.name,
                score: shown(a.score),
                key_points: a
                    .key_points
                    .iter()
                    .map(|k| KeyPoint {
                        id: &k.id,
                        name: &k.name,
                        score: shown(k.score),
                    })
                    .collect(),
            })
            .collect(),
        items: rubric
            .items
            .iter()
            .zip(&d.items)
            .filter_map(|(item, score)| score.map(|s| (item.id.as_str(), shown(s))))
            .collect(),
        vetoes: rubric
            .items
            .iter()
            .zip(&d.veto_answers)
            .filter_map(|(item, answer)| {
                answer.map(|a| {
                    let word = match a {
                        VetoAnswer::Applies => "applies",
                        VetoAnswer::Clear => "clear",
                        VetoAnswer::Unanswered => "unanswered",
                    };
                    (item.id.as_str(), word)
                })
            })
            .collect(),
    }
}
