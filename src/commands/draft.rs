//! `kaohe draft rebuild`: the draft as its audit log tells it, to check a
//! draft or to bring back one that was lost or damaged.

use super::{FAILED, OK, finish};
use crate::config::Dirs;
use crate::io::atomic::write_atomic;
use crate::io::audit_log;
use crate::io::drafts::{DraftStore, StoreError};
use crate::io::rubric_files;
use crate::scoring::draft::Draft;
use anyhow::{Context, anyhow, bail};
use std::io::{self, Write};

fn json(draft: &Draft) -> anyhow::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(draft)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Cells that differ between two drafts.
fn differing(a: &Draft, b: &Draft) -> usize {
    let keys: std::collections::BTreeSet<(&String, &String)> = a
        .cells
        .iter()
        .chain(&b.cells)
        .flat_map(|(d, row)| row.keys().map(move |u| (d, u)))
        .collect();
    keys.into_iter().filter(|(d, u)| a.cell(d, u) != b.cell(d, u)).count()
}

pub fn rebuild(
    rubric: &str,
    dept: Option<&str>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    finish(rebuild_draft(rubric, dept, dirs, out), errout)
}

fn rebuild_draft(rubric: &str, dept: Option<&str>, dirs: &Dirs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let rubric = rubric_files::find(rubric)?;
    let dept = dept.context("whose draft? give --dept")?;
    let department = rubric.find_department(dept)?.name.clone();
    let store = DraftStore::new(&dirs.data);
    let path = store.path(&rubric.id, &department);
    let log = audit_log::log_path(&path);
    if !log.exists() {
        bail!("{}: no audit log, so nothing to rebuild from", log.display());
    }
    let _lock = store.lock(&rubric.id, &department, "kaohe draft rebuild")?;
    let entries = audit_log::read(&log)?;
    let rebuilt = audit_log::rebuild(&log, &entries)?;
    let write = |target: &std::path::Path| -> anyhow::Result<()> {
        write_atomic(target, &json(&rebuilt)?).with_context(|| format!("cannot write {}", target.display()))
    };
    let (status, text) = match store.load(&rubric.id, &department) {
        Ok(Some(saved)) => {
            let n = differing(&saved, &rebuilt);
            let same = n == 0 && saved.revision == rebuilt.revision && saved.scorer == rebuilt.scorer;
            if same {
                (
                    OK,
                    format!(
                        "{} matches its audit log ({} entries, {} cells)",
                        path.display(),
                        entries.len(),
                        rebuilt.cells.values().map(|r| r.len()).sum::<usize>()
                    ),
                )
            } else {
                let aside = path.with_extension("rebuilt.json");
                write(&aside)?;
                (
                    FAILED,
                    format!(
                        "{} differs from its audit log in {n} cells; the log's version is in {} (the draft was left as it is)",
                        path.display(),
                        aside.display()
                    ),
                )
            }
        }
        Ok(None) => {
            write(&path)?;
            (
                OK,
                format!(
                    "{} was missing; rebuilt from {} ({} entries)",
                    path.display(),
                    log.display(),
                    entries.len()
                ),
            )
        }
        Err(e @ (StoreError::Corrupt { .. } | StoreError::Mismatch { .. })) => {
            let aside = path.with_extension(format!("damaged-{}.json", crate::clock::now_utc().replace(':', "")));
            std::fs::rename(&path, &aside).map_err(|err| anyhow!("cannot move {} aside: {err}", path.display()))?;
            write(&path)?;
            (
                OK,
                format!(
                    "{e}\nmoved it to {} and rebuilt {} from its audit log ({} entries)",
                    aside.display(),
                    path.display(),
                    entries.len()
                ),
            )
        }
        Err(e) => return Err(e.into()),
    };
    writeln!(out, "{text}")?;
    Ok(status)
}
