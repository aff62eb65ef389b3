//! Any bytes as a score sheet: the first byte picks .csv (even) or .xlsx
//! (odd), the rest is the file. Reading it and importing its rows for one
//! department refuse with the file or the row and column named, and whatever
//! is imported is within the rubric's bounds.
#![no_main]

use kaohe::rubric::hash::rubric_hash;
use kaohe::scoring::draft::{Draft, unit_key};
use kaohe::scoring::import::{SheetKind, import_rows, read_table};
use kaohe_fuzz::{IMPORT_DEPARTMENT, RUBRIC, rubric, within_bounds};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let (kind, shown) = if kind % 2 == 1 {
        (SheetKind::Workbook, "fuzz.xlsx")
    } else {
        (SheetKind::Csv, "fuzz.csv")
    };
    let table = match read_table(shown, kind, bytes) {
        Ok(t) => t,
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with(&format!("{shown}: ")), "{message}");
            return;
        }
    };
    assert!(!table.rows.is_empty());
    let rubric = rubric(RUBRIC);
    let mut draft = Draft::new(RUBRIC, &rubric_hash(rubric), IMPORT_DEPARTMENT, "模糊测试");
    match import_rows(rubric, IMPORT_DEPARTMENT, &table.rows, &mut draft) {
        Ok(summary) => {
            // Blank rows (no score, no note) are skipped and counted apart.
            assert_eq!(summary.rows + summary.blank, table.rows.len());
            assert_eq!(summary.changed + summary.unchanged, summary.rows);
            for (district, cells) in &draft.cells {
                assert!(rubric.districts.contains(district));
                for (key, cell) in cells {
                    let unit = rubric
                        .scoring_units()
                        .find(|u| unit_key(&u.item.id, u.sub.map(|s| s.id.as_str())) == *key)
                        .expect("an imported cell is a unit of the rubric");
                    assert_eq!(unit.department, IMPORT_DEPARTMENT);
                    if let Some(score) = cell.score {
                        assert!(within_bounds(&unit, score), "{score} imported for {key}");
                    }
                }
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in errors {
                assert!(
                    table.rows.iter().any(|r| r.line == e.line),
                    "row {} is not a row read",
                    e.line
                );
                assert!(["district", "item", "score"].contains(&e.column), "{}", e.column);
            }
        }
    }
});
