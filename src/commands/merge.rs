//! `kaohe merge`: verify every department's file, keep each department's
//! newest revision, and write the office's reports.

use super::keys::finish;
use super::score_files::{Checking, Progress, known_rubrics, load_trust, verify_all};
use crate::config::Dirs;
use crate::merge::{self, Missing};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Districts listed on the terminal; a larger merge is read in the reports.
const LISTED: usize = 40;

pub fn run(
    files: &[PathBuf],
    checking: &Checking<'_>,
    out_dir: Option<&Path>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    // The office merges only files whose signers it trusts for their departments.
    match load_trust(checking.trust, dirs) {
        Ok(Some(_)) => {}
        Ok(None) => {
            return finish(
                Err(format!(
                    "merge needs the office's trust file: give --trust FILE, or add the departments' keys with `kaohe trust add` (into {})",
                    super::keys::trust_path(None, dirs).display()
                )),
                out,
                errout,
            );
        }
        Err(e) => return finish(Err(e), out, errout),
    }
    let t = std::time::Instant::now();
    let results = match verify_all(files, checking, dirs) {
        Ok(r) => r,
        Err(e) => return finish(Err(e), out, errout),
    };
    let mut verified = Vec::new();
    let mut rejected = 0;
    for r in results {
        match r {
            Ok(v) => verified.push(v),
            Err(e) => {
                rejected += 1;
                writeln!(errout, "kaohe: {e}")?;
            }
        }
    }
    if rejected > 0 {
        return finish(
            Err(format!(
                "{rejected} of {} files rejected; nothing was merged (fix or leave out those files and merge again)",
                files.len()
            )),
            out,
            errout,
        );
    }
    crate::io::reports::timing("verify", t);
    let Some(first) = verified.first() else {
        return finish(Err("no files to merge".into()), out, errout);
    };
    let rubric_id = first.scores.rubric.clone();
    let rubric = match known_rubrics(checking.rubric).map(|rs| rs.into_iter().find(|r| r.id == rubric_id)) {
        Ok(Some(r)) => r,
        Ok(None) => return finish(Err(format!("rubric {rubric_id} is not known")), out, errout),
        Err(e) => return finish(Err(e), out, errout),
    };
    let stages = Progress::new("merge", files.len());
    stages.stage(&format!("merging {} files", verified.len()));
    let t = std::time::Instant::now();
    let merged = match merge::merge(&rubric, verified) {
        Ok(m) => m,
        Err(e) => return finish(Err(e.to_string()), out, errout),
    };
    crate::io::reports::timing("merge", t);
    let dir = out_dir.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    stages.stage("writing merged.json, merged.csv and merged.xlsx");
    let written = crate::io::reports::write_reports(&merged, &rubric, &dir);
    stages.finish();
    let written = match written {
        Ok(w) => w,
        Err(e) => {
            return finish(
                Err(format!("cannot write the reports in {}: {e}", dir.display())),
                out,
                errout,
            );
        }
    };

    writeln!(out, "{} {}", rubric.id, rubric.title)?;
    for f in &merged.files {
        writeln!(
            out,
            "  {}  r{}  {}  {}",
            super::pad(&f.department, 24),
            f.revision,
            f.scorer,
            f.file
        )?;
    }
    for s in &merged.superseded {
        writeln!(
            out,
            "  {}  r{} superseded by r{}: {}",
            super::pad(&s.department, 24),
            s.revision,
            s.by_revision,
            s.file
        )?;
    }
    let mut by_rank: Vec<_> = merged.districts.iter().collect();
    by_rank.sort_by_key(|d| d.rank);
    writeln!(out)?;
    for d in by_rank.iter().take(LISTED) {
        let veto = d
            .veto
            .as_ref()
            .map(|v| format!("  否决 {} ({}): {}", v.item, v.department, v.note))
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
            super::pad(&d.name, 20),
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
            writeln!(out, "  no file from {department}")?;
        }
    }
    for path in written {
        writeln!(out, "wrote {}", path.display())?;
    }
    Ok(0)
}
