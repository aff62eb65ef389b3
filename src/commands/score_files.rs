//! `kaohe export`, `kaohe verify` and `kaohe show`: a department's signed
//! score file, made and checked.

use super::keys::{finish, signer_for, trust_path};
use crate::config::{Dirs, Settings};
use crate::io::drafts::DraftStore;
use crate::io::exports::export;
use crate::io::rubric_files;
use crate::io::score_files::verify_file;
use crate::io::trust_file;
use crate::rubric::Rubric;
use crate::rubric::bundled::bundled;
use crate::seal::keys::KeyLine;
use crate::seal::payload::Verified;
use crate::seal::trust::Trust;
use crate::seal::verify::{Keys, VerifyError};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

const OK: i32 = 0;
const FAILED: i32 = 1;

/// What checking score files needs besides the files.
pub struct Checking<'a> {
    /// `--trust FILE`; else `<config>/trust.toml` when it exists.
    pub trust: Option<&'a Path>,
    /// `--key LINE`: keys to check integrity with, trusted or not.
    pub keys: &'a [String],
    /// `--rubric R`: a rubric file that is not bundled.
    pub rubric: Option<&'a str>,
}

impl<'a> From<&'a crate::cli::CheckingArgs> for Checking<'a> {
    fn from(args: &'a crate::cli::CheckingArgs) -> Checking<'a> {
        Checking {
            trust: args.trust.as_deref(),
            keys: &args.keys,
            rubric: args.rubric.as_deref(),
        }
    }
}

/// Every bundled rubric that loads, and the one named: a score file names
/// its rubric by id and hash.
pub fn known_rubrics(extra: Option<&str>) -> Result<Vec<Rubric>, String> {
    let mut out: Vec<Rubric> = bundled()
        .iter()
        .filter_map(|b| crate::rubric::check(&b.file, b.text).into_result().ok())
        .collect();
    if let Some(q) = extra {
        out.push(rubric_files::find(q).map_err(|e| e.to_string())?);
    }
    Ok(out)
}

/// The trust file named (which must exist), else the config dir's if any.
pub fn load_trust(named: Option<&Path>, dirs: &Dirs) -> Result<Option<Trust>, String> {
    let path = trust_path(named, dirs);
    if !path.is_file() {
        return match named {
            Some(_) => Err(format!("{}: no such trust file", path.display())),
            None => Ok(None),
        };
    }
    trust_file::load(&path).map(Some).map_err(|e| e.to_string())
}

pub fn export_cmd(
    rubric: Option<&str>,
    dept: Option<&str>,
    scorer: Option<&str>,
    out_dir: Option<&Path>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    let result = (|| {
        let settings = Settings::load(dirs).unwrap_or_default();
        let query = rubric
            .map(str::to_string)
            .or(settings.rubric.clone())
            .ok_or("which rubric? give --rubric (or open it once in the workbench)")?;
        let rubric = rubric_files::find(&query).map_err(|e| e.to_string())?;
        let dept_query = dept
            .map(str::to_string)
            .or(settings.department.clone())
            .ok_or("which department? give --dept")?;
        let department = rubric
            .find_department(&dept_query)
            .map_err(|e| e.to_string())?
            .name
            .clone();
        let store = DraftStore::new(&dirs.data);
        let who = scorer
            .map(str::to_string)
            .or(settings.scorer.clone())
            .unwrap_or_default();
        let lock = store
            .lock(&rubric.id, &department, &who)
            .map_err(|e| format!("{e}\n(to export while the workbench is open, press its export key there)"))?;
        let mut draft = store.load_locked(&lock).map_err(|e| e.to_string())?.ok_or_else(|| {
            format!(
                "{department} has no draft of {} yet: score in the workbench or `kaohe import` first",
                rubric.id
            )
        })?;
        let signer = signer_for(&dirs.data, &department, Some(scorer.unwrap_or(&draft.scorer)))?;
        let dir = out_dir.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let exported = export(&rubric, &mut draft, &signer, &dir).map_err(|e| e.to_string())?;
        // The revision is taken even if saving fails below: the file exists,
        // and the next export must not reuse its number.
        store.save(&draft).map_err(|e| {
            format!(
                "wrote {} but could not record revision {} in the draft: {e}; move the file away before exporting again",
                exported.path.display(),
                exported.revision
            )
        })?;
        Ok(format!(
            "wrote {}: {} revision {}, {} cells, signed by {} ({}) key {}",
            exported.path.display(),
            department,
            exported.revision,
            exported.cells,
            signer.key_line().department,
            signer.key_line().scorer,
            signer.key_line().key_id
        ))
    })();
    finish(result, out, errout)
}

/// Check every file; the results in the order given. Files are checked two
/// at a time per core, and a progress line is drawn on a terminal when
/// there are many.
pub fn verify_all(
    files: &[PathBuf],
    checking: &Checking<'_>,
    dirs: &Dirs,
) -> Result<Vec<Result<Verified, VerifyError>>, String> {
    let trust = load_trust(checking.trust, dirs)?;
    let extra: Vec<KeyLine> = checking
        .keys
        .iter()
        .map(|l| KeyLine::parse(l).map_err(|e| format!("--key: {e}")))
        .collect::<Result<_, _>>()?;
    let rubrics = known_rubrics(checking.rubric)?;
    let keys = Keys {
        trust: trust.as_ref(),
        extra: &extra,
    };
    let progress = Progress::new("verifying", files.len());
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
                        done.push((i, verify_file(file, &keys, &rubrics)));
                        progress.step();
                    }
                    done
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
    });
    progress.finish();
    if results.len() != files.len() {
        return Err("a verification thread failed; nothing was checked".into());
    }
    results.sort_by_key(|(i, _)| *i);
    Ok(results.into_iter().map(|(_, r)| r).collect())
}

/// `verifying 12/40` on stderr, redrawn in place, only on a terminal and
/// only when there is enough work for it to be worth watching.
pub struct Progress {
    what: &'static str,
    total: usize,
    done: AtomicUsize,
    shown: bool,
}

impl Progress {
    pub fn new(what: &'static str, total: usize) -> Progress {
        Progress {
            what,
            total,
            done: AtomicUsize::new(0),
            shown: total >= 8 && io::stderr().is_terminal(),
        }
    }

    pub fn step(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if self.shown {
            let width = 30;
            let filled = width * done / self.total.max(1);
            let bar = format!("{}{}", "#".repeat(filled), "-".repeat(width - filled));
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r{} [{bar}] {done}/{}", self.what, self.total);
            let _ = err.flush();
        }
    }

    /// A stage with no count of its own (`merging`, `writing the reports`).
    pub fn stage(&self, text: &str) {
        if self.shown {
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K{text}…");
            let _ = err.flush();
        }
    }

    pub fn finish(&self) {
        if self.shown {
            let _ = write!(io::stderr().lock(), "\r\x1b[2K");
        }
    }
}

pub fn verify_cmd(
    files: &[PathBuf],
    checking: &Checking<'_>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    let results = match verify_all(files, checking, dirs) {
        Ok(r) => r,
        Err(e) => return finish(Err(e), out, errout),
    };
    let mut status = OK;
    for result in results {
        match result {
            Ok(v) => {
                let s = &v.scores;
                let who = if v.trusted {
                    "signer trusted for this department".to_string()
                } else {
                    "signature intact, but the signer is NOT trusted: no trust file was given (add keys with `kaohe trust add`)"
                        .to_string()
                };
                writeln!(
                    out,
                    "{}: OK: {} {} revision {}, {} cells, scorer {}, key {}; {who}",
                    v.file,
                    s.rubric,
                    s.department,
                    s.revision,
                    s.scores.len(),
                    s.scorer,
                    s.key_id
                )?;
                if !v.trusted {
                    status = FAILED;
                }
            }
            Err(e) => {
                status = FAILED;
                writeln!(errout, "kaohe: {e}")?;
            }
        }
    }
    Ok(status)
}

pub fn show_cmd(
    file: &Path,
    checking: &Checking<'_>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    let verified = match verify_all(&[file.to_path_buf()], checking, dirs).map(|mut r| r.pop()) {
        Ok(Some(Ok(v))) => v,
        Ok(Some(Err(e))) => return finish(Err(e.to_string()), out, errout),
        Ok(None) => return Ok(FAILED),
        Err(e) => return finish(Err(e), out, errout),
    };
    let rubrics = known_rubrics(checking.rubric).unwrap_or_default();
    let rubric = rubrics.iter().find(|r| r.id == verified.scores.rubric);
    let s = &verified.scores;
    writeln!(out, "{}", verified.file)?;
    writeln!(
        out,
        "  signed by  {} ({}), key {}: {}",
        s.department,
        s.scorer,
        s.key_id,
        if verified.trusted {
            "trusted"
        } else {
            "signature intact, signer NOT trusted (no trust file)"
        }
    )?;
    writeln!(
        out,
        "  rubric     {}{} (hash {})",
        s.rubric,
        rubric.map(|r| format!(" {}", r.title)).unwrap_or_default(),
        s.rubric_hash
    )?;
    writeln!(out, "  revision   {}, made {}", s.revision, s.created)?;
    writeln!(out, "  {} cells", s.scores.len())?;
    let mut district = "";
    for entry in &s.scores {
        if entry.district != district {
            writeln!(out, "  {}", entry.district)?;
            district = &entry.district;
        }
        let value = match (entry.veto, entry.score) {
            (Some(true), _) => "否决".to_string(),
            (Some(false), _) => "不否决".to_string(),
            (None, Some(v)) => v.normalize().to_string(),
            (None, None) => "—".to_string(),
        };
        let text = rubric
            .and_then(|r| r.item(&entry.item))
            .map(|i| i.label.clone().unwrap_or_else(|| i.text.chars().take(16).collect()))
            .unwrap_or_default();
        let flag = if entry.evidence_missing {
            "  [缺印证材料]"
        } else {
            ""
        };
        let note = if entry.note.is_empty() {
            String::new()
        } else {
            format!("  备注: {}", entry.note.replace('\n', " "))
        };
        writeln!(
            out,
            "    {} {:>7}  {}{flag}{note}",
            crate::commands::pad(&entry.unit_key(), 9),
            value,
            text
        )?;
    }
    Ok(OK)
}
