//! The office's reports on disk, and the stage timings `KAOHE_TIMINGS=1`
//! asks for (with the process's peak memory, read from `/proc`).

use crate::merge::{Merged, reports};
use crate::rubric::Rubric;
use std::path::{Path, PathBuf};

/// The reports' names, the only ones a set in an out directory holds.
pub const REPORTS: [&str; 4] = ["merged.json", "merged.csv", "merged.xlsx", "merged-通报.docx"];

/// `merged.json`, `merged.csv` and `merged.xlsx` in `dir`, replaced as one
/// set ([`super::report_set`]). Returns their paths.
pub fn write_reports(merged: &Merged, rubric: &Rubric, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let t = std::time::Instant::now();
    let files = reports(merged, rubric)?;
    debug_assert!(files.iter().all(|(name, _)| REPORTS.contains(name)));
    timing("reports", t);
    let t = std::time::Instant::now();
    let written = super::report_set::write_set(dir, &files)?;
    timing("write files", t);
    Ok(written)
}

/// With `KAOHE_TIMINGS` set, a stage's time on stderr, and the process's
/// peak memory so far: the last stage's figure is the merge's peak, which
/// the benchmark reads without needing GNU time.
pub fn timing(what: &str, since: std::time::Instant) {
    if std::env::var_os("KAOHE_TIMINGS").is_some() {
        let peak = peak_rss_kib().map_or_else(|| "unknown".to_string(), |k| format!("{k} KiB"));
        eprintln!("{what}: {:.3} s, peak RSS {peak}", since.elapsed().as_secs_f64());
    }
}

/// The resident set's high-water mark (`VmHWM`), where the platform says it.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    line.trim().strip_suffix("kB")?.trim().parse().ok()
}
