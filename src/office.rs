//! The office's work as a library: the trust file and the rubrics loaded
//! once, then score files verified, merged and written as reports. The
//! commands (`verify`, `show`, `merge`) say what it finds; a program or a
//! test uses it without the binary.

use crate::config::Dirs;
use crate::io::report_set::SetError;
use crate::io::score_files::verify_file_known;
use crate::io::{reports, rubric_files, trust_file};
use crate::merge::{self, MergeError, Merged};
use crate::rubric::Rubric;
use crate::rubric::catalog::Catalog;
use crate::seal::keys::KeyLine;
use crate::seal::payload::Verified;
use crate::seal::trust::Trust;
use crate::seal::verify::{Keys, KnownRubrics, VerifyError};
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where the keys and rubrics that check score files come from, as given.
pub struct Checking<'a> {
    /// `--trust FILE`; else `<config>/trust.toml` when it exists.
    pub trust: Option<&'a Path>,
    /// `--key LINE`: keys to check integrity with, trusted or not.
    pub keys: &'a [String],
    /// `--rubric R`: a rubric file that is not bundled.
    pub rubric: Option<&'a str>,
}

/// `--trust FILE` names no file.
#[derive(Debug, thiserror::Error)]
#[error("{0}: no such trust file")]
pub struct NoTrustFile(pub String);

/// What follows a long piece of work: a progress line, or nothing.
pub trait Watch: Sync {
    /// One more file verified.
    fn verified(&self) {}
    /// A stage begins.
    fn stage(&self, _stage: Stage) {}
}

/// Nothing watches.
pub struct Unwatched;
impl Watch for Unwatched {}

/// The stages of a merge after verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// So many verified files are being merged.
    Merging(usize),
    WritingReports,
}

/// Why a merge wrote no reports.
#[derive(Debug, thiserror::Error)]
pub enum Stopped {
    #[error(
        "merge needs the office's trust file: give --trust FILE, or add the departments' keys with `kaohe trust add` (into {})",
        .default_trust.display()
    )]
    NoTrust { default_trust: PathBuf },
    /// Each file refused, by its place among the files given.
    #[error(
        "{} of {given} files rejected; nothing was merged (fix or leave out those files and merge again)",
        .rejected.len()
    )]
    Rejected {
        rejected: Vec<(usize, VerifyError)>,
        given: usize,
    },
    #[error("no files to merge")]
    NoFiles,
    #[error("rubric {0} is not known")]
    UnknownRubric(String),
    #[error(transparent)]
    Merge(#[from] MergeError),
    #[error("cannot write the reports in {dir}: {source}")]
    Reports {
        dir: String,
        #[source]
        source: std::io::Error,
    },
    #[error("a verification thread failed; nothing was checked")]
    Threads,
}

/// A merge done: what it found and the reports it wrote.
pub struct MergeRun<'a> {
    pub merged: Merged,
    pub rubric: &'a Rubric,
    pub written: Vec<PathBuf>,
    /// The districts' self-assessments the office read for this rubric, if any.
    pub claims: Option<crate::selfcheck::SelfCheckSet>,
}

/// What checking needs, loaded once: the trust file (if any), the key lines
/// given, and every rubric a file may name.
pub struct Office {
    pub trust: Option<Trust>,
    extra: Vec<KeyLine>,
    catalog: Catalog,
    /// How near a grade's line a total is flagged for checking.
    margin: rust_decimal::Decimal,
}

impl Office {
    pub fn open(checking: &Checking<'_>, dirs: &Dirs) -> anyhow::Result<Office> {
        let trust = load_trust(checking.trust, dirs)?;
        let extra = checking
            .keys
            .iter()
            .map(|l| KeyLine::parse(l).context("--key"))
            .collect::<Result<_, _>>()?;
        // A score file names its rubric by id and hash: every bundled one,
        // and the one named.
        let catalog = match checking.rubric {
            Some(query) => Catalog::bundled().with(rubric_files::find(query)?),
            None => Catalog::bundled(),
        };
        Ok(Office {
            trust,
            extra,
            catalog,
            margin: merge::flags::DEFAULT_MARGIN,
        })
    }

    /// Flag totals within `margin` of a grade's line (核查提示).
    pub fn with_margin(mut self, margin: rust_decimal::Decimal) -> Office {
        self.margin = margin;
        self
    }

    pub fn rubric(&self, id: &str) -> Option<&Rubric> {
        self.catalog.get(id)
    }

    /// Check every file; the results in the order given. The files are
    /// shared among one thread per core.
    pub fn verify_all(
        &self,
        files: &[PathBuf],
        watch: &dyn Watch,
    ) -> Result<Vec<Result<Verified, VerifyError>>, Stopped> {
        let keys = Keys {
            trust: self.trust.as_ref(),
            extra: &self.extra,
        };
        let rubrics = KnownRubrics::new(self.catalog.rubrics());
        let next = AtomicUsize::new(0);
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(files.len().max(1));
        let mut results: Vec<(usize, Result<Verified, VerifyError>)> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(file) = files.get(i) else { break };
                            done.push((i, verify_file_known(file, &keys, &rubrics)));
                            watch.verified();
                        }
                        done
                    })
                })
                .collect();
            workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
        });
        if results.len() != files.len() {
            return Err(Stopped::Threads);
        }
        results.sort_by_key(|(i, _)| *i);
        // A file dated ahead of this clock by more than a day (time zones
        // and a slow clock fit in that) was made on a clock set wrong, and
        // its date would order its revision wrongly.
        let latest = crate::clock::utc_after(86_400);
        let now = crate::clock::now_utc();
        Ok(results
            .into_iter()
            .map(|(_, r)| match r {
                Ok(v) if v.scores.created > latest => Err(VerifyError::FromTheFuture {
                    file: v.file,
                    created: v.scores.created,
                    now: now.clone(),
                }),
                other => other,
            })
            .collect())
    }

    /// Verify every file, merge them, and write the reports into `dir` as
    /// one set: one file refused and nothing is merged. The office merges
    /// only files whose signers it trusts, so a trust file is needed.
    pub fn merge_into(
        &self,
        files: &[PathBuf],
        dir: &Path,
        dirs: &Dirs,
        watch: &dyn Watch,
    ) -> Result<MergeRun<'_>, Stopped> {
        if self.trust.is_none() {
            return Err(Stopped::NoTrust {
                default_trust: dirs.trust_file(),
            });
        }
        let t = std::time::Instant::now();
        let mut verified = Vec::new();
        let mut rejected = Vec::new();
        for (i, r) in self.verify_all(files, watch)?.into_iter().enumerate() {
            match r {
                Ok(v) => verified.push(v),
                Err(e) => rejected.push((i, e)),
            }
        }
        if !rejected.is_empty() {
            return Err(Stopped::Rejected {
                rejected,
                given: files.len(),
            });
        }
        reports::timing("verify", t);
        let Some(first) = verified.first() else {
            return Err(Stopped::NoFiles);
        };
        let id = first.scores.rubric.clone();
        let rubric = self.rubric(&id).ok_or(Stopped::UnknownRubric(id))?;
        watch.stage(Stage::Merging(verified.len()));
        // The districts' own claims, where the office read them for this
        // rubric: the largest gaps are flagged too. A set that does not
        // read is passed over (the workbench and selfcheck say why).
        let claims = crate::io::selfchecks::load(
            &crate::io::selfchecks::path(&dirs.data, &rubric.id),
            rubric,
            crate::lang::Lang::Zh,
        )
        .ok()
        .flatten();
        let t = std::time::Instant::now();
        let options = merge::flags::Options {
            margin: self.margin,
            claims: claims.as_ref(),
        };
        let merged = merge::merge_with(rubric, verified, &options)?;
        reports::timing("merge", t);
        watch.stage(Stage::WritingReports);
        let written = reports::write_reports(&merged, rubric, dir).map_err(|source| Stopped::Reports {
            dir: dir.display().to_string(),
            source,
        })?;
        Ok(MergeRun {
            merged,
            rubric,
            written,
            claims,
        })
    }
}

/// The trust file `--trust` names, else the config dir's.
pub fn trust_path(named: Option<&Path>, dirs: &Dirs) -> PathBuf {
    named.map_or_else(|| dirs.trust_file(), Path::to_path_buf)
}

/// The trust file named (which must exist), else the config dir's if any.
fn load_trust(named: Option<&Path>, dirs: &Dirs) -> anyhow::Result<Option<Trust>> {
    let path = trust_path(named, dirs);
    if !path.is_file() {
        return match named {
            Some(_) => Err(NoTrustFile(path.display().to_string()).into()),
            None => Ok(None),
        };
    }
    Ok(Some(trust_file::load(&path)?))
}

/// The set an interrupted merge left in `dir`, finished or undone.
pub fn recover_reports(dir: &Path) -> Result<crate::io::report_set::Recovered, SetError> {
    crate::io::report_set::recover(dir, &reports::REPORTS)
}
