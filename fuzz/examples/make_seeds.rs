//! Writes the seed inputs under `fuzz/seeds/<target>/`: real score files
//! signed with the fuzzing key, their payloads, and score sheets as CSV and
//! XLSX. Run it again (`cargo run --example make_seeds` in `fuzz/`) when a
//! bundled rubric changes, since the score files carry the rubric's hash.

use kaohe::rubric::hash::rubric_hash;
use kaohe::rubric::{Helper, Kind, Rubric, ScoringUnit};
use kaohe::scoring::bounds;
use kaohe::scoring::draft::HelperInput;
use kaohe::seal::dsse;
use kaohe::seal::payload::{FORMAT, PAYLOAD_TYPE, ScoreEntry, ScoreFile};
use kaohe_fuzz::{IMPORT_DEPARTMENT, RUBRIC, SIGNING_DEPARTMENT, rubric, signer};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

/// Seeds stay small: the fuzzer mutates every byte of them, and two
/// districts show every shape a file has.
const DISTRICTS: usize = 2;

fn score_of(unit: &ScoringUnit<'_>, precision: u32, half: bool) -> Decimal {
    let (min, max) = bounds::range(unit);
    let end = if unit.kind() == Kind::Deduction {
        min.unwrap_or_default()
    } else {
        max
    };
    let half_way = (end / Decimal::TWO).round_dp(precision).normalize();
    // Half the points where the unit's rule can give them, else the end.
    if half && kaohe::scoring::rule::check_points(unit, half_way, precision).is_ok() {
        half_way
    } else {
        end.round_dp(precision).normalize()
    }
}

fn entries(rubric: &Rubric, department: &str) -> Vec<ScoreEntry> {
    let units: Vec<ScoringUnit<'_>> = rubric.scoring_units().filter(|u| u.department == department).collect();
    let mut scores = Vec::new();
    for (d, district) in rubric.districts.iter().take(DISTRICTS).enumerate() {
        for (i, unit) in units.iter().enumerate() {
            let vetoed = unit.item.kind == Kind::Veto && d == 0;
            // The first district's per-event cells carry their counts, and
            // the score those counts give.
            let input = match unit.helper() {
                // One event of the first kind, described (a joint item counts described events only).
                Some(Helper::PerEvent { events, .. }) if d == 0 => Some(HelperInput::PerEvent {
                    counts: (0..events.len()).map(|k| u32::from(k == 0)).collect(),
                    events: vec![kaohe::scoring::events::EventRecord {
                        kind: 0,
                        what: "模糊测试种子事件".into(),
                        date: Some("2022-06-01".into()),
                    }],
                }),
                _ => None,
            };
            let score = match &input {
                Some(input) => bounds::helper_score(unit, input, rubric.precision).ok(),
                None => (unit.item.kind != Kind::Veto).then(|| score_of(unit, rubric.precision, d == 1)),
            };
            scores.push(ScoreEntry {
                district: district.clone(),
                item: unit.item.id.clone(),
                sub: unit.sub.map(|s| s.id.clone()),
                score,
                veto: (unit.item.kind == Kind::Veto).then_some(vetoed),
                input,
                note: if vetoed || i % 3 == 1 {
                    "依据：现场核查记录".to_string()
                } else {
                    String::new()
                },
                evidence_missing: i % 4 == 2,
            });
        }
    }
    scores
}

fn score_file(rubric: &Rubric, department: &str) -> ScoreFile {
    ScoreFile {
        format: FORMAT,
        rubric: rubric.id.clone(),
        rubric_hash: rubric_hash(rubric),
        department: department.to_string(),
        scorer: "模糊测试".into(),
        key_id: signer().key_line().key_id.clone(),
        revision: 3,
        created: "2026-01-01T00:00:00Z".into(),
        scores: entries(rubric, department),
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn payloads(seeds: &Path) -> Result<(), String> {
    let suizhou = rubric(RUBRIC);
    // A rubric with a veto item (the seed rubric has none), for `veto`.
    let veto = kaohe_fuzz::rubrics().iter().find_map(|r| {
        r.scoring_units()
            .find(|u| u.item.kind == Kind::Veto)
            .map(|u| (r, u.department.to_string()))
    });
    // A rubric with items split between departments, for the `sub` field.
    let split = kaohe_fuzz::rubrics().iter().find_map(|r| {
        r.scoring_units()
            .find(|u| u.sub.is_some())
            .map(|u| (r, u.department.to_string()))
    });
    let mut files = vec![
        ("water", score_file(suizhou, SIGNING_DEPARTMENT)),
        ("transport", score_file(suizhou, IMPORT_DEPARTMENT)),
    ];
    if let Some((r, dept)) = veto {
        files.push(("veto", score_file(r, &dept)));
    }
    if let Some((r, dept)) = split {
        files.push(("split", score_file(r, &dept)));
    }
    for (name, file) in &files {
        let json = serde_json::to_vec(file).map_err(|e| e.to_string())?;
        write(&seeds.join("score_payload"), &format!("{name}.json"), &json)?;
        write(
            &seeds.join("score_file"),
            &format!("{name}.json"),
            &dsse::sign_envelope(signer(), PAYLOAD_TYPE, &json),
        )?;
    }
    Ok(())
}

/// Rows of a score sheet for the import department: one per unit and
/// district, by id or by the item's text, with a note-only row.
fn sheet_rows() -> Vec<[String; 4]> {
    let suizhou = rubric(RUBRIC);
    let units: Vec<ScoringUnit<'_>> = suizhou
        .scoring_units()
        .filter(|u| u.department == IMPORT_DEPARTMENT)
        .collect();
    let mut rows = Vec::new();
    for (d, district) in suizhou.districts.iter().take(DISTRICTS).enumerate() {
        for (i, unit) in units.iter().enumerate() {
            let key = kaohe::scoring::draft::unit_key(&unit.item.id, unit.sub.map(|s| s.id.as_str()));
            let item = if i == 1 && unit.sub.is_none() {
                unit.item.text.clone()
            } else {
                key
            };
            let score = match unit.item.kind {
                Kind::Veto => "否".to_string(),
                // A deduction may be typed without its sign.
                Kind::Deduction => score_of(unit, suizhou.precision, true).abs().to_string(),
                _ => score_of(unit, suizhou.precision, d == 1).to_string(),
            };
            let (score, note) = if i == 2 && d == 1 {
                (String::new(), "材料待补".to_string())
            } else {
                (score, String::new())
            };
            rows.push([district.clone(), item, score, note]);
        }
    }
    rows
}

fn csv(header: &[&str], rows: &[[String; 4]]) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header).map_err(|e| e.to_string())?;
    for row in rows {
        writer.write_record(row).map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

fn xlsx(rows: &[[String; 4]]) -> Result<Vec<u8>, String> {
    let err = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut book = rust_xlsxwriter::Workbook::new();
    // A fixed date, so that remaking the seeds does not change the file.
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1, 1).map_err(err)?;
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let sheet = book.add_worksheet();
    for (c, name) in ["区县", "项目", "得分", "备注"].iter().enumerate() {
        sheet.write_string(0, c as u16, *name).map_err(err)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, &row[0]).map_err(err)?;
        sheet.write_string(r, 1, &row[1]).map_err(err)?;
        // Scores as numbers where they are numbers, as a spreadsheet holds them.
        match row[2].parse::<f64>() {
            Ok(n) => sheet.write_number(r, 2, n).map_err(err)?,
            Err(_) => sheet.write_string(r, 2, &row[2]).map_err(err)?,
        };
        sheet.write_string(r, 3, &row[3]).map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}

fn sheets(seeds: &Path) -> Result<(), String> {
    let rows = sheet_rows();
    let dir = seeds.join("import");
    // The first byte picks the kind: even for .csv, odd for .xlsx.
    let mut english = vec![0u8];
    english.extend(csv(&["district", "item", "score", "note"], &rows)?);
    write(&dir, "english.csv.bin", &english)?;
    let mut chinese = vec![0u8];
    chinese.extend_from_slice(b"\xEF\xBB\xBF");
    chinese.extend(csv(&["备注", "得分", "区县", "项目"], &reorder(&rows))?);
    write(&dir, "chinese-bom.csv.bin", &chinese)?;
    let mut book = vec![1u8];
    book.extend(xlsx(&rows)?);
    write(&dir, "sheet.xlsx.bin", &book)
}

/// The same rows with the columns in the Chinese header's order.
fn reorder(rows: &[[String; 4]]) -> Vec<[String; 4]> {
    rows.iter()
        .map(|[district, item, score, note]| [note.clone(), score.clone(), district.clone(), item.clone()])
        .collect()
}

fn main() {
    let seeds: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    if let Err(e) = payloads(&seeds).and_then(|()| sheets(&seeds)) {
        eprintln!("make_seeds: {e}");
        std::process::exit(1);
    }
    println!("seeds written under {}", seeds.display());
}
