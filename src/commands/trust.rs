//! `kaohe trust add|revoke|list`: the office's trust file, the keys that may
//! sign each department's scores.

use super::{OK, finish, pad};
use crate::config::Dirs;
use crate::io::trust_file;
use crate::seal::keys::KeyLine;
use anyhow::{Context, bail};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

/// The trust file named, else `<config>/trust.toml`.
pub fn trust_path(named: Option<&Path>, dirs: &Dirs) -> PathBuf {
    named.map_or_else(|| dirs.config.join("trust.toml"), Path::to_path_buf)
}

/// `trust add` takes one key line (quoted or not), or `-` for key lines on
/// standard input, one per line.
pub fn trust_add(
    words: &[String],
    trust_file: Option<&Path>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    finish(add(words, &trust_path(trust_file, dirs), out), errout)
}

fn add(words: &[String], path: &Path, out: &mut dyn Write) -> anyhow::Result<i32> {
    let lines: Vec<String> = if words == ["-"] {
        io::stdin()
            .lock()
            .lines()
            .collect::<Result<Vec<_>, _>>()
            .context("cannot read key lines from standard input")?
            .into_iter()
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .collect()
    } else {
        vec![words.join(" ")]
    };
    if lines.is_empty() {
        bail!("no key line given");
    }
    let keys: Vec<KeyLine> = lines.iter().map(|l| KeyLine::parse(l)).collect::<Result<_, _>>()?;
    let mut trust = trust_file::load_or_default(path)?;
    for key in &keys {
        if trust.revoked.contains(&key.key_id) {
            bail!(
                "key {} was revoked; a revoked key is never trusted again: ask {} for a new key",
                key.key_id,
                key.department
            );
        }
    }
    let mut report = Vec::new();
    for key in &keys {
        let added = trust.add(key);
        report.push(format!(
            "{} {} ({}) key {}",
            if added { "trusted" } else { "already trusted:" },
            key.department,
            key.scorer,
            key.key_id
        ));
    }
    trust_file::save(&trust, path)?;
    for line in report {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "trust file: {}", path.display())?;
    Ok(OK)
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
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    finish(list(&trust_path(trust_file, dirs), out), errout)
}

fn list(path: &Path, out: &mut dyn Write) -> anyhow::Result<i32> {
    if !path.exists() {
        bail!(
            "{}: no trust file yet; add keys with `kaohe trust add \"<key line>\"`",
            path.display()
        );
    }
    let trust = trust_file::load(path)?;
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
            pad(&key.department, 24),
            pad(&key.scorer, 10),
            key.key_id
        )?;
    }
    writeln!(out, "  {} keys, {} revoked", trust.keys.len(), trust.revoked.len())?;
    Ok(OK)
}
