//! `kaohe import --rubric R --dept D FILE`: a department's scores from a
//! CSV or XLSX sheet into its draft, all rows or none.

use super::keys::finish;
use crate::config::Dirs;
use crate::io::drafts::DraftStore;
use crate::io::rubric_files;
use crate::io::sheets::read_table;
use crate::rubric::hash::rubric_hash;
use crate::scoring::draft::Draft;
use crate::scoring::import::import_rows;
use std::io::{self, Write};
use std::path::Path;

#[allow(clippy::too_many_arguments)]
pub fn run(
    rubric: &str,
    dept: Option<&str>,
    file: &Path,
    scorer: Option<&str>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    let result = (|| {
        let rubric = rubric_files::find(rubric).map_err(|e| e.to_string())?;
        let dept = dept.ok_or("which department's scores are these? give --dept")?;
        let department = rubric.find_department(dept).map_err(|e| e.to_string())?.name.clone();
        let table = read_table(file).map_err(|e| e.to_string())?;

        let store = DraftStore::new(&dirs.data);
        let existing = store.load(&rubric.id, &department).map_err(|e| e.to_string())?;
        let scorer = scorer
            .map(str::to_string)
            .or_else(|| existing.as_ref().map(|d| d.scorer.clone()))
            .ok_or_else(|| {
                format!("{department} has no draft yet: give --scorer NAME, the name the scores are recorded under")
            })?;
        let lock = store
            .lock(&rubric.id, &department, &scorer)
            .map_err(|e| format!("{e}\n(close the workbench on this draft, then import again)"))?;
        // Read again under the lock: the draft may have changed meanwhile.
        let mut draft = store
            .load_locked(&lock)
            .map_err(|e| e.to_string())?
            .unwrap_or_else(|| Draft::new(&rubric.id, &rubric_hash(&rubric), &department, &scorer));
        let summary = import_rows(&rubric, &department, &table.rows, &mut draft).map_err(|errors| {
            let mut text = format!(
                "{}: {} of {} rows are wrong; nothing was imported. Fix them and import again:",
                file.display(),
                errors
                    .iter()
                    .map(|e| e.line)
                    .collect::<std::collections::BTreeSet<_>>()
                    .len(),
                table.rows.len()
            );
            for e in &errors {
                text.push_str(&format!("\n{}:{e}", file.display()));
            }
            text
        })?;
        store.save(&draft).map_err(|e| e.to_string())?;

        let mine: Vec<String> = rubric
            .scoring_units()
            .filter(|u| u.department == department)
            .map(|u| crate::scoring::draft::unit_key(&u.item.id, u.sub.map(|s| s.id.as_str())))
            .collect();
        let all = mine.len() * rubric.districts.len();
        let scored = rubric
            .districts
            .iter()
            .flat_map(|d| mine.iter().map(move |u| (d, u)))
            .filter(|(d, u)| draft.cell(d, u).is_some_and(|c| c.is_scored()))
            .count();
        let mut text = format!(
            "imported {} rows ({} scores, {} notes) into {}: {} cells changed, {} unchanged\n{scored} of {all} cells of {department} are now scored",
            summary.rows,
            summary.scores,
            summary.notes,
            store.path(&rubric.id, &department).display(),
            summary.changed,
            summary.unchanged,
        );
        if !table.ignored_columns.is_empty() {
            text.push_str(&format!("\nignored columns: {}", table.ignored_columns.join(", ")));
        }
        Ok(text)
    })();
    finish(result, out, errout)
}
