//! `kaohe verify` and `kaohe show`: signed score files checked, with what
//! checking needs (the trust file, key lines given, the rubrics) loaded once
//! per run, also for `kaohe merge`.

use super::progress::Progress;
use super::trust::trust_path;
use super::{FAILED, OK, finish, pad};
use crate::config::Dirs;
use crate::io::escape::{visible, visible_lines};
use crate::io::rubric_files;
use crate::io::score_files::verify_file_known;
use crate::io::trust_file;
use crate::points::shown;
use crate::rubric::Rubric;
use crate::rubric::bundled::bundled;
use crate::seal::keys::KeyLine;
use crate::seal::payload::Verified;
use crate::seal::trust::Trust;
use crate::seal::verify::{Keys, KnownRubrics, VerifyError};
use anyhow::{Context, bail};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What checking score files needs besides the files, as given.
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

/// What checking needs, loaded once: the trust file (if any), the key lines
/// given, and every rubric a file may name.
pub struct Checker {
    pub trust: Option<Trust>,
    extra: Vec<KeyLine>,
    rubrics: Vec<Rubric>,
}

impl Checker {
    pub fn load(checking: &Checking<'_>, dirs: &Dirs) -> anyhow::Result<Checker> {
        let trust = load_trust(checking.trust, dirs)?;
        let extra = checking
            .keys
            .iter()
            .map(|l| KeyLine::parse(l).context("--key"))
            .collect::<Result<_, _>>()?;
        let rubrics = known_rubrics(checking.rubric)?;
        Ok(Checker { trust, extra, rubrics })
    }

    pub fn rubric(&self, id: &str) -> Option<&Rubric> {
        self.rubrics.iter().find(|r| r.id == id)
    }

    /// Check every file; the results in the order given. The files are
    /// shared among one thread per core, and a progress line is drawn on a
    /// terminal when there are many.
    pub fn verify_all(&self, files: &[PathBuf]) -> anyhow::Result<Vec<Result<Verified, VerifyError>>> {
        let keys = Keys {
            trust: self.trust.as_ref(),
            extra: &self.extra,
        };
        let rubrics = KnownRubrics::new(&self.rubrics);
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
                            done.push((i, verify_file_known(file, &keys, &rubrics)));
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
            bail!("a verification thread failed; nothing was checked");
        }
        results.sort_by_key(|(i, _)| *i);
        Ok(results.into_iter().map(|(_, r)| r).collect())
    }
}

/// Every bundled rubric that loads, and the one named: a score file names
/// its rubric by id and hash.
fn known_rubrics(extra: Option<&str>) -> anyhow::Result<Vec<Rubric>> {
    let mut out: Vec<Rubric> = bundled()
        .iter()
        .filter_map(|b| crate::rubric::check(&b.file, b.text).into_result().ok())
        .collect();
    if let Some(q) = extra {
        out.push(rubric_files::find(q)?);
    }
    Ok(out)
}

/// The trust file named (which must exist), else the config dir's if any.
fn load_trust(named: Option<&Path>, dirs: &Dirs) -> anyhow::Result<Option<Trust>> {
    let path = trust_path(named, dirs);
    if !path.is_file() {
        return match named {
            Some(_) => bail!("{}: no such trust file", path.display()),
            None => Ok(None),
        };
    }
    Ok(Some(trust_file::load(&path)?))
}

pub fn verify_cmd(
    files: &[PathBuf],
    checking: &Checking<'_>,
    json: bool,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    let results = match Checker::load(checking, dirs).and_then(|c| c.verify_all(files)) {
        Ok(r) => r,
        Err(e) => return finish(Err(e), errout),
    };
    let mut status = OK;
    if json {
        // One array, in the order the files were given: what each holds, or
        // why it was refused. The status is the same as without --json.
        let list: Vec<serde_json::Value> = files
            .iter()
            .zip(&results)
            .map(|(file, result)| match result {
                Ok(v) => serde_json::json!({
                    "file": v.file,
                    "ok": true,
                    "trusted": v.trusted,
                    "rubric": v.scores.rubric,
                    "department": v.scores.department,
                    "scorer": v.scores.scorer,
                    "key_id": v.scores.key_id,
                    "revision": v.scores.revision,
                    "created": v.scores.created,
                    "cells": v.scores.scores.len(),
                    "payload_sha256": v.payload_sha256,
                }),
                Err(e) => serde_json::json!({
                    "file": file.display().to_string(),
                    "ok": false,
                    "error": e.to_string(),
                }),
            })
            .collect();
        if results.iter().any(|r| r.as_ref().map_or(true, |v| !v.trusted)) {
            status = FAILED;
        }
        writeln!(out, "{}", serde_json::Value::Array(list))?;
        return Ok(status);
    }
    for result in results {
        match result {
            Ok(v) => {
                say_verified(&v, out)?;
                if !v.trusted {
                    status = FAILED;
                }
            }
            Err(e) => {
                status = FAILED;
                writeln!(errout, "kaohe: {}", visible_lines(&e.to_string()))?;
            }
        }
    }
    Ok(status)
}

fn say_verified(v: &Verified, out: &mut dyn Write) -> io::Result<()> {
    let s = &v.scores;
    let who = if v.trusted {
        "signer trusted for this department"
    } else {
        "signature intact, but the signer is NOT trusted: no trust file was given (add keys with `kaohe trust add`)"
    };
    writeln!(
        out,
        "{}: OK: {} {} revision {}, {} cells, scorer {}, key {}; {who}",
        visible(&v.file),
        visible(&s.rubric),
        visible(&s.department),
        s.revision,
        s.scores.len(),
        visible(&s.scorer),
        visible(&s.key_id)
    )
}

pub fn show_cmd(
    file: &Path,
    checking: &Checking<'_>,
    json: bool,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    finish(show(file, checking, json, dirs, out), errout)
}

/// Characters of a note `show` prints on its line; `--json` gives it whole.
const NOTE_SHOWN: usize = 500;

/// A note on one line, cut to [`NOTE_SHOWN`] characters with the count of
/// the rest (a 15-million-character note would fill the terminal's memory).
fn shown_note(note: &str) -> String {
    let line = note.replace('\n', " ");
    let total = line.chars().count();
    if total <= NOTE_SHOWN {
        return line;
    }
    let cut: String = line.chars().take(NOTE_SHOWN).collect();
    format!("{cut}…（共 {total} 字，全文用 --json 查看）")
}

fn show(file: &Path, checking: &Checking<'_>, json: bool, dirs: &Dirs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let checker = Checker::load(checking, dirs)?;
    let Some(verified) = checker.verify_all(&[file.to_path_buf()])?.pop() else {
        return Ok(FAILED);
    };
    let verified = verified?;
    if json {
        // Only after its signature is checked: the signed content as signed.
        let shown = serde_json::json!({
            "file": verified.file,
            "trusted": verified.trusted,
            "payload_sha256": verified.payload_sha256,
            "score_file": verified.scores,
        });
        writeln!(out, "{shown}")?;
        return Ok(OK);
    }
    let rubric = checker.rubric(&verified.scores.rubric);
    let s = &verified.scores;
    writeln!(out, "{}", visible(&verified.file))?;
    writeln!(
        out,
        "  signed by  {} ({}), key {}: {}",
        visible(&s.department),
        visible(&s.scorer),
        visible(&s.key_id),
        if verified.trusted {
            "trusted"
        } else {
            "signature intact, signer NOT trusted (no trust file)"
        }
    )?;
    writeln!(
        out,
        "  rubric     {}{} (hash {})",
        visible(&s.rubric),
        rubric.map(|r| format!(" {}", visible(&r.title))).unwrap_or_default(),
        visible(&s.rubric_hash)
    )?;
    writeln!(
        out,
        "  revision   {}, made {}",
        s.revision,
        visible(&crate::clock::local(&s.created))
    )?;
    writeln!(out, "  {} cells", s.scores.len())?;
    let units = rubric.map(crate::rubric::units::UnitIndex::new);
    let mut district = "";
    for entry in &s.scores {
        if entry.district != district {
            writeln!(out, "  {}", visible(&entry.district))?;
            district = &entry.district;
        }
        let value = match (entry.veto, entry.score) {
            (Some(true), _) => "否决".to_string(),
            (Some(false), _) => "不否决".to_string(),
            (None, Some(v)) => shown(v),
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
            format!("  备注: {}", visible(&shown_note(&entry.note)))
        };
        // What the helper was given, worded as the workbench words it
        // (verification has checked that it gives the score).
        let given = entry
            .input
            .as_ref()
            .and_then(|input| {
                let units = units.as_ref()?;
                let unit = &units.units()[units.find_for(&entry.item, entry.sub.as_deref(), &s.department)?];
                crate::scoring::helper::of(unit)?.working(input)
            })
            .map(|working| format!("  ({})", visible(&working.words(crate::lang::Lang::Zh))))
            .unwrap_or_default();
        writeln!(
            out,
            "    {} {:>7}  {}{given}{flag}{note}",
            pad(&visible(&entry.unit_key()), 9),
            value,
            visible(&text)
        )?;
    }
    Ok(OK)
}
