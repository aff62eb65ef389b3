//! `kaohe import --rubric R --dept D FILE`: a department's scores from a
//! CSV or XLSX sheet into its draft, all rows or none.

use super::{OK, finish};
use crate::config::Dirs;
use crate::io::drafts::DraftStore;
use crate::io::rubric_files;
use crate::io::sheets::read_table;
use crate::rubric::hash::rubric_hash;
use crate::scoring::draft::Draft;
use crate::scoring::import::import_rows;
use anyhow::{Context, anyhow};
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
    finish(import_file(rubric, dept, file, scorer, dirs, out), errout)
}

fn import_file(
    rubric: &str,
    dept: Option<&str>,
    file: &Path,
    scorer: Option<&str>,
    dirs: &Dirs,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let rubric = rubric_files::find(rubric)?;
    let dept = dept.context("which department's scores are these? give --dept")?;
    let department = rubric.find_department(dept)?.name.clone();
    let table = read_table(file)?;

    let store = DraftStore::new(&dirs.data);
    let existing = store.load(&rubric.id, &department)?;
    let scorer = scorer
        .map(str::to_string)
        .or_else(|| existing.as_ref().map(|d| d.scorer.clone()))
        .with_context(|| {
            format!("{department} has no draft yet: give --scorer NAME, the name the scores are recorded under")
        })?;
    let lock = store
        .lock(&rubric.id, &department, &scorer)
        .map_err(|e| anyhow!("{e}\n(close the workbench on this draft, then import again)"))?;
    // Read again under the lock: the draft may have changed meanwhile.
    let mut draft = store
        .load_locked(&lock)?
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
        anyhow!(text)
    })?;
    store.save(&draft)?;

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
    if summary.blank > 0 {
        text.push_str(&format!("\n{} blank rows skipped", summary.blank));
    }
    if !table.ignored_columns.is_empty() {
        text.push_str(&format!("\nignored columns: {}", table.ignored_columns.join(", ")));
    }
    writeln!(out, "{text}")?;
    Ok(OK)
}
