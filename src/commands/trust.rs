//! `kaohe trust add|revoke|list`: the office's trust file, the keys that may
//! sign each department's scores.

use super::{OK, finish, pad};
use crate::config::Dirs;
use crate::io::trust_file;
use crate::seal::keys::KeyLine;
use anyhow::{Context, bail};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The trust file named, else `<config>/trust.toml`.
pub fn trust_path(named: Option<&Path>, dirs: &Dirs) -> PathBuf {
    named.map_or_else(|| dirs.config.join("trust.toml"), Path::to_path_buf)
}

/// How `trust add` was asked.
pub struct AddArgs<'a> {
    /// One key line (quoted or not), or `-` for key lines on standard input.
    pub words: &'a [String],
    pub trust_file: Option<&'a Path>,
    /// A rubric of the office's own, whose departments may be trusted too.
    pub rubric: Option<&'a str>,
    /// Trust without asking, on a terminal.
    pub yes: bool,
}

pub fn trust_add(args: &AddArgs<'_>, dirs: &Dirs, out: &mut dyn Write, errout: &mut dyn Write) -> io::Result<i32> {
    finish(add(args, &trust_path(args.trust_file, dirs), out), errout)
}

/// Every department name a rubric the office knows gives: the bundled
/// ones, and `--rubric`.
fn known_departments(rubric: Option<&str>) -> anyhow::Result<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    for b in crate::rubric::bundled::bundled() {
        if let Ok(r) = crate::rubric::check(&b.file, b.text).into_result() {
            names.extend(r.departments.iter().map(|d| d.name.clone()));
        }
    }
    if let Some(query) = rubric {
        let r = crate::io::rubric_files::find(query)?;
        names.extend(r.departments.iter().map(|d| d.name.clone()));
    }
    Ok(names)
}

fn add(args: &AddArgs<'_>, path: &Path, out: &mut dyn Write) -> anyhow::Result<i32> {
    let from_stdin = args.words == ["-"];
    let lines: Vec<String> = if from_stdin {
        io::stdin()
            .lock()
            .lines()
            .collect::<Result<Vec<_>, _>>()
            .context("cannot read key lines from standard input")?
            .into_iter()
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .collect()
    } else {
        vec![args.words.join(" ")]
    };
    if lines.is_empty() {
        bail!("no key line given");
    }
    let keys: Vec<KeyLine> = lines.iter().map(|l| KeyLine::parse(l)).collect::<Result<_, _>>()?;
    let known = known_departments(args.rubric)?;
    let mut trust = trust_file::load_or_default(path)?;
    for key in &keys {
        if trust.revoked.contains(&key.key_id) {
            bail!(
                "key {} was revoked; a revoked key is never trusted again: ask {} for a new key",
                key.key_id,
                shown(&key.department)
            );
        }
        if !known.contains(&key.department) {
            bail!(
                "{} is not a department of any rubric kaohe knows (the bundled ones{}); check the key line, or \
                 give --rubric FILE for the office's own rubric",
                shown(&key.department),
                args.rubric.map(|r| format!(" and {}", shown(r))).unwrap_or_default()
            );
        }
    }
    let mut report = Vec::new();
    for key in &keys {
        let added = trust.add(key)?;
        report.push(format!(
            "{} {} ({}) key {}",
            if added { "trusted" } else { "already trusted:" },
            shown(&key.department),
            shown(&key.scorer),
            key.key_id
        ));
    }
    // On a terminal the office sees what it is about to trust, and says so.
    if !args.yes && !from_stdin && io::stdin().is_terminal() {
        for line in &report {
            writeln!(out, "{}", line.replacen("trusted", "will trust", 1))?;
        }
        write!(out, "trust? [y/N] ")?;
        out.flush()?;
        let mut answer = String::new();
        io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            writeln!(out, "nothing trusted")?;
            return Ok(super::FAILED);
        }
    }
    trust_file::save(&trust, path)?;
    for line in report {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "trust file: {}", shown(&path.display().to_string()))?;
    Ok(OK)
}

/// `trust move KEY --dept D`: a key added for the wrong department.
pub fn trust_move(
    key_id: &str,
    department: Option<&str>,
    trust_file: Option<&Path>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    let path = trust_path(trust_file, dirs);
    let mut moved = || -> anyhow::Result<i32> {
        let Some(department) = department else {
            bail!("give --dept: the department the key signs for, as the rubric spells it");
        };
        if !known_departments(None)?.iter().any(|d| d == department) {
            bail!(
                "{} is not a department of any bundled rubric; give its name as the rubric spells it",
                shown(department)
            );
        }
        let mut trust = trust_file::load_or_default(&path)?;
        let (full, from) = trust.move_key(key_id, department).map_err(anyhow::Error::msg)?;
        trust_file::save(&trust, &path)?;
        writeln!(
            out,
            "key {full} moved from {} to {}\ntrust file: {}",
            shown(&from),
            shown(department),
            shown(&path.display().to_string())
        )?;
        Ok(OK)
    };
    finish(moved(), errout)
}

/// Text from a file, safe to print: control characters shown, not obeyed.
fn shown(text: &str) -> String {
    crate::io::escape::visible(text)
}

pub fn trust_revoke(
    key_id: &str,
    trust_file: Option<&Path>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    finish(revoke(key_id, &trust_path(trust_file, dirs), out), errout)
}

fn revoke(key_id: &str, path: &Path, out: &mut dyn Write) -> anyhow::Result<i32> {
    let mut trust = trust_file::load_or_default(path)?;
    let full = trust.revoke(key_id).map_err(anyhow::Error::msg)?;
    trust_file::save(&trust, path)?;
    writeln!(
        out,
        "revoked key {full}: files it signed are refused from now on\ntrust file: {}",
        path.display()
    )?;
    Ok(OK)
}

pub fn trust_list(
    trust_file: Option<&Path>,
    json: bool,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    finish(list(&trust_path(trust_file, dirs), json, out), errout)
}

fn list(path: &Path, json: bool, out: &mut dyn Write) -> anyhow::Result<i32> {
    if !path.exists() {
        bail!(
            "{}: no trust file yet; add keys with `kaohe trust add \"<key line>\"`",
            path.display()
        );
    }
    let trust = trust_file::load(path)?;
    if json {
        let keys: Vec<serde_json::Value> = trust
            .keys
            .iter()
            .map(|key| {
                serde_json::json!({
                    "department": key.department,
                    "scorer": key.scorer,
                    "key_id": key.key_id,
                    "revoked": trust.revoked.contains(&key.key_id),
                })
            })
            .collect();
        let shown = serde_json::json!({
            "file": path.display().to_string(),
            "keys": keys,
            "revoked": trust.revoked,
        });
        writeln!(out, "{shown}")?;
        return Ok(OK);
    }
    writeln!(out, "{}:", path.display())?;
    for key in &trust.keys {
        let state = if trust.revoked.contains(&key.key_id) {
            "  REVOKED"
        } else {
            ""
        };
        writeln!(
            out,
            "  {} {} {}{state}",
            pad(&shown(&key.department), 24),
            pad(&shown(&key.scorer), 10),
            shown(&key.key_id)
        )?;
    }
    writeln!(out, "  {} keys, {} revoked", trust.keys.len(), trust.revoked.len())?;
    Ok(OK)
}
