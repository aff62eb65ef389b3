//! `kaohe export`: the department's draft signed as its next revision.

use super::keys::signer_for;
use super::{OK, finish};
use crate::config::{Dirs, Settings};
use crate::io::drafts::DraftStore;
use crate::io::exports::export;
use crate::io::rubric_files;
use anyhow::{Context, anyhow};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What `kaohe export` was given; what is not is taken from the settings
/// the workbench remembered.
pub struct ExportArgs<'a> {
    pub rubric: Option<&'a str>,
    pub dept: Option<&'a str>,
    pub scorer: Option<&'a str>,
    pub out_dir: Option<&'a Path>,
}

pub fn export_cmd(args: &ExportArgs<'_>, dirs: &Dirs, out: &mut dyn Write, errout: &mut dyn Write) -> io::Result<i32> {
    finish(export_draft(args, dirs, out), errout)
}

fn export_draft(args: &ExportArgs<'_>, dirs: &Dirs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let settings = Settings::load(dirs).unwrap_or_default();
    let query = args
        .rubric
        .map(str::to_string)
        .or(settings.rubric.clone())
        .context("which rubric? give --rubric (or open it once in the workbench)")?;
    let rubric = rubric_files::find(&query)?;
    let dept_query = args
        .dept
        .map(str::to_string)
        .or(settings.department.clone())
        .context("which department? give --dept")?;
    let department = rubric.find_department(&dept_query)?.name.clone();
    let store = DraftStore::new(&dirs.data);
    let who = args
        .scorer
        .map(str::to_string)
        .or(settings.scorer.clone())
        .unwrap_or_default();
    let lock = store
        .lock(&rubric.id, &department, &who)
        .map_err(|e| anyhow!("{e}\n(to export while the workbench is open, press its export key there)"))?;
    let mut draft = store.load_locked(&lock)?.with_context(|| {
        format!(
            "{department} has no draft of {} yet: score in the workbench or `kaohe import` first",
            rubric.id
        )
    })?;
    let signer = signer_for(&dirs.data, &department, Some(args.scorer.unwrap_or(&draft.scorer)))?;
    let dir = args.out_dir.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let exported = export(&rubric, &mut draft, &signer, &dir)?;
    // The revision is taken even if saving fails below: the file exists,
    // and the next export must not reuse its number.
    store.save(&draft).map_err(|e| {
        anyhow!(
            "wrote {} but could not record revision {} in the draft: {e}; move the file away before exporting again",
            exported.path.display(),
            exported.revision
        )
    })?;
    let key = signer.key_line();
    writeln!(
        out,
        "wrote {}: {} revision {}, {} cells, signed by {} ({}) key {}",
        exported.path.display(),
        department,
        exported.revision,
        exported.cells,
        key.department,
        key.scorer,
        key.key_id
    )?;
    Ok(OK)
}
