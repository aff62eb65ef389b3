//! `kaohe merge`: verify every department's file, keep each department's
//! newest revision, and write the office's reports.

use super::progress::Progress;
use super::trust::trust_path;
use super::verify::{Checker, Checking};
use super::{OK, finish, pad};
use crate::config::Dirs;
use crate::io::escape::{visible, visible_lines};
use crate::io::reports::{timing, write_reports};
use crate::merge::{self, Merged, Missing};
use crate::rubric::Rubric;
use crate::seal::payload::Verified;
use anyhow::{Context, bail};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Districts listed on the terminal; a larger merge is read in the reports.
const LISTED: usize = 40;

/// What `kaohe merge` was asked.
pub struct Merging<'a> {
    pub files: &'a [PathBuf],
    pub checking: &'a Checking<'a>,
    /// Where the reports go (default: here).
    pub out_dir: Option<&'a Path>,
    /// The summary as one JSON object instead of the lines.
    pub json: bool,
}

pub fn run(merging: &Merging<'_>, dirs: &Dirs, out: &mut dyn Write, errout: &mut dyn Write) -> io::Result<i32> {
    let result = merge_files(merging, dirs, out, errout);
    finish(result, errout)
}

fn merge_files(merging: &Merging<'_>, dirs: &Dirs, out: &mut dyn Write, errout: &mut dyn Write) -> anyhow::Result<i32> {
    let &Merging {
        files,
        checking,
        out_dir,
        json,
    } = merging;
    // The trust file and the rubrics are read once, for every file.
    let checker = Checker::load(checking, dirs)?;
    // The office merges only files whose signers it trusts for their departments.
    if checker.trust.is_none() {
        bail!(
            "merge needs the office's trust file: give --trust FILE, or add the departments' keys with `kaohe trust add` (into {})",
            trust_path(None, dirs).display()
        );
    }
    let verified = verify_every_file(&checker, files, errout)?;
    let Some(first) = verified.first() else {
        bail!("no files to merge");
    };
    let rubric_id = first.scores.rubric.clone();
    let rubric = checker
        .rubric(&rubric_id)
        .with_context(|| format!("rubric {rubric_id} is not known"))?;
    let stages = Progress::new("merge", files.len());
    stages.stage(&format!("merging {} files", verified.len()));
    let t = std::time::Instant::now();
    let merged = merge::merge(rubric, verified)?;
    timing("merge", t);
    let dir = out_dir.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    stages.stage("writing merged.json, merged.csv and merged.xlsx");
    let written = write_reports(&merged, rubric, &dir);
    stages.finish();
    let written = written.with_context(|| format!("cannot write the reports in {}", dir.display()))?;
    if json {
        writeln!(out, "{}", merge::summary_json(&merged, rubric, &written))?;
        return Ok(OK);
    }
    say_merged(&merged, rubric, out)?;
    for path in written {
        writeln!(out, "wrote {}", visible(&path.display().to_string()))?;
    }
    Ok(OK)
}

/// Every file verified; one bad file and nothing is merged, each bad one said.
fn verify_every_file(checker: &Checker, files: &[PathBuf], errout: &mut dyn Write) -> anyhow::Result<Vec<Verified>> {
    let t = std::time::Instant::now();
    let mut verified = Vec::new();
    let mut rejected = 0;
    for r in checker.verify_all(files)? {
        match r {
            Ok(v) => verified.push(v),
            Err(e) => {
                rejected += 1;
                writeln!(errout, "kaohe: {}", visible_lines(&e.to_string()))?;
            }
        }
    }
    if rejected > 0 {
        bail!(
            "{rejected} of {} files rejected; nothing was merged (fix or leave out those files and merge again)",
            files.len()
        );
    }
    timing("verify", t);
    Ok(verified)
}

/// The files used, the districts by rank and what is missing, on the terminal.
fn say_merged(merged: &Merged, rubric: &Rubric, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{} {}", visible(&rubric.id), visible(&rubric.title))?;
    for f in &merged.files {
        writeln!(
            out,
            "  {}  r{}  {}  {}",
            pad(&visible(&f.department), 24),
            f.revision,
            visible(&f.scorer),
            visible(&f.file)
        )?;
    }
    for s in &merged.superseded {
        writeln!(
            out,
            "  {}  r{}  {}  superseded by r{}: {}",
            pad(&visible(&s.department), 24),
            s.revision,
            visible(&s.scorer),
            s.by_revision,
            visible(&s.file)
        )?;
    }
    let mut by_rank: Vec<_> = merged.districts.iter().collect();
    by_rank.sort_by_key(|d| d.rank);
    writeln!(out)?;
    for d in by_rank.iter().take(LISTED) {
        let veto = d
            .veto
            .as_ref()
            .map(|v| format!("  否决 {} ({}): {}", v.item, visible(&v.department), visible(&v.note)))
            .unwrap_or_default();
        let unscored = if d.unscored > 0 {
            format!("  {} 未评", d.unscored)
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {:>4}  {}  {:>8}  {}{veto}{unscored}",
            d.rank,
            pad(&visible(&d.name), 20),
            crate::points::shown(d.total),
            d.grade
        )?;
    }
    if by_rank.len() > LISTED {
        writeln!(out, "  … {} more districts in the reports", by_rank.len() - LISTED)?;
    }
    let no_file = merged
        .missing
        .iter()
        .filter(|m| matches!(m, Missing::NoFile { .. }))
        .count();
    let cells = merged.missing.len() - no_file;
    writeln!(
        out,
        "\nmissing: {no_file} departments without a file, {cells} cells not scored"
    )?;
    for m in merged
        .missing
        .iter()
        .filter(|m| matches!(m, Missing::NoFile { .. }))
        .take(LISTED)
    {
        if let Missing::NoFile { department } = m {
            writeln!(out, "  no file from {}", visible(department))?;
        }
    }
    Ok(())
}
