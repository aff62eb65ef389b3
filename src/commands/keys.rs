//! `kaohe keygen`, `kaohe key show` and `kaohe trust add|revoke|list`.

use crate::config::Dirs;
use crate::io::key_files;
use crate::io::rubric_files;
use crate::io::trust_file;
use crate::rubric::bundled::bundled;
use crate::seal::keys::{KeyLine, Signer};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

const OK: i32 = 0;
const FAILED: i32 = 1;

pub const PASSPHRASE_VAR: &str = "KAOHE_PASSPHRASE";

/// Report a command's error the same way everywhere.
pub(crate) fn finish(result: Result<String, String>, out: &mut dyn Write, errout: &mut dyn Write) -> io::Result<i32> {
    match result {
        Ok(text) => {
            if !text.is_empty() {
                writeln!(out, "{text}")?;
            }
            Ok(OK)
        }
        Err(e) => {
            writeln!(errout, "kaohe: {e}")?;
            Ok(FAILED)
        }
    }
}

/// The passphrase: KAOHE_PASSPHRASE, or typed without echo on the terminal.
pub fn passphrase(prompt: &str) -> Result<String, String> {
    if let Ok(p) = std::env::var(PASSPHRASE_VAR) {
        return Ok(p);
    }
    if !io::stdin().is_terminal() {
        return Err(format!(
            "the key is protected by a passphrase: type it on a terminal, or set {PASSPHRASE_VAR}"
        ));
    }
    read_hidden(prompt).map_err(|e| format!("cannot read the passphrase: {e}"))
}

fn read_hidden(prompt: &str) -> io::Result<String> {
    use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
    eprint!("{prompt}");
    io::stderr().flush()?;
    crossterm::terminal::enable_raw_mode()?;
    let mut text = String::new();
    let result = loop {
        match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Err(io::Error::new(io::ErrorKind::Interrupted, "cancelled"));
                }
                KeyCode::Esc => break Err(io::Error::new(io::ErrorKind::Interrupted, "cancelled")),
                KeyCode::Backspace => {
                    text.pop();
                }
                KeyCode::Char(c) => text.push(c),
                _ => {}
            },
            Ok(Event::Paste(p)) => text.push_str(&p),
            Ok(_) => {}
            Err(e) => break Err(e),
        }
    };
    // Raw mode must go whatever happened, or the shell is left unusable.
    let _ = crossterm::terminal::disable_raw_mode();
    eprintln!();
    result.map(|()| text)
}

/// A department name as the rubrics spell it. With a rubric, its
/// departments decide; without, every bundled rubric's do, and a fragment
/// must name one department in all of them.
pub fn canonical_department(query: &str, rubric: Option<&str>) -> Result<String, String> {
    if let Some(r) = rubric {
        let rubric = rubric_files::find(r).map_err(|e| e.to_string())?;
        return Ok(rubric.find_department(query).map_err(|e| e.to_string())?.name.clone());
    }
    let mut names: Vec<String> = bundled()
        .iter()
        .filter_map(|b| crate::rubric::check(&b.file, b.text).into_result().ok())
        .filter_map(|r| r.find_department(query).ok().map(|d| d.name.clone()))
        .collect();
    names.sort();
    names.dedup();
    if names.iter().any(|n| n == query) {
        return Ok(query.to_string());
    }
    match names.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!(
            "no bundled rubric has a department \"{query}\"; give the department's full name as your rubric spells it, with --rubric"
        )),
        many => Err(format!(
            "\"{query}\" is {} in different rubrics; give --rubric, or the full name",
            many.join(" / ")
        )),
    }
}

pub fn keygen(
    dept: Option<&str>,
    scorer: Option<&str>,
    rubric: Option<&str>,
    no_passphrase: bool,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    let result = (|| {
        let dept = dept.ok_or("which department is the key for? give --dept")?;
        let scorer = scorer.ok_or("whose key is it? give --scorer NAME")?;
        let department = canonical_department(dept, rubric)?;
        let secret = if no_passphrase {
            None
        } else if let Ok(p) = std::env::var(PASSPHRASE_VAR) {
            Some(p)
        } else if io::stdin().is_terminal() {
            let first = read_hidden("new passphrase for the key: ").map_err(|e| e.to_string())?;
            let again = read_hidden("the same passphrase again: ").map_err(|e| e.to_string())?;
            if first != again {
                return Err("the two passphrases differ; nothing was made".to_string());
            }
            Some(first)
        } else {
            return Err(format!(
                "a new key needs a passphrase: type it on a terminal, set {PASSPHRASE_VAR}, or give --no-passphrase"
            ));
        };
        let (path, line) =
            key_files::keygen(&dirs.data, &department, scorer, secret.as_deref()).map_err(|e| e.to_string())?;
        Ok(format!(
            "made {}\nhand this line to the quality office (`kaohe key show` prints it again):\n{line}",
            path.display()
        ))
    })();
    finish(result, out, errout)
}

/// Every key's public line, one per line: the lines to send to the office.
pub fn key_show(dept: Option<&str>, dirs: &Dirs, out: &mut dyn Write, errout: &mut dyn Write) -> io::Result<i32> {
    let result = (|| {
        let paths = key_files::list_keys(&dirs.data).map_err(|e| e.to_string())?;
        let mut lines = Vec::new();
        for path in &paths {
            let line = key_files::read_key_line(path).map_err(|e| e.to_string())?;
            if dept.is_none_or(|d| line.department.contains(d)) {
                lines.push(line.to_string());
            }
        }
        if lines.is_empty() {
            return Err(format!(
                "no key{} in {}; make one with `kaohe keygen --dept D --scorer NAME`",
                dept.map(|d| format!(" for {d}")).unwrap_or_default(),
                key_files::keys_dir(&dirs.data).display()
            ));
        }
        Ok(lines.join("\n"))
    })();
    finish(result, out, errout)
}

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
    let result = (|| {
        let lines: Vec<String> = if words == ["-"] {
            io::stdin()
                .lock()
                .lines()
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("cannot read key lines from standard input: {e}"))?
                .into_iter()
                .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .collect()
        } else {
            vec![words.join(" ")]
        };
        if lines.is_empty() {
            return Err("no key line given".into());
        }
        let keys: Vec<KeyLine> = lines
            .iter()
            .map(|l| KeyLine::parse(l).map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()?;
        let path = trust_path(trust_file, dirs);
        let mut trust = trust_file::load_or_default(&path).map_err(|e| e.to_string())?;
        let mut report = Vec::new();
        for key in &keys {
            if trust.revoked.contains(&key.key_id) {
                return Err(format!(
                    "key {} was revoked; a revoked key is never trusted again: ask {} for a new key",
                    key.key_id, key.department
                ));
            }
            let added = trust.add(key);
            report.push(format!(
                "{} {} ({}) key {}",
                if added { "trusted" } else { "already trusted:" },
                key.department,
                key.scorer,
                key.key_id
            ));
        }
        trust_file::save(&trust, &path).map_err(|e| e.to_string())?;
        report.push(format!("trust file: {}", path.display()));
        Ok(report.join("\n"))
    })();
    finish(result, out, errout)
}

pub fn trust_revoke(
    key_id: &str,
    trust_file: Option<&Path>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    let result = (|| {
        let path = trust_path(trust_file, dirs);
        let mut trust = trust_file::load_or_default(&path).map_err(|e| e.to_string())?;
        let full = trust.revoke(key_id)?;
        trust_file::save(&trust, &path).map_err(|e| e.to_string())?;
        Ok(format!(
            "revoked key {full}: files it signed are refused from now on\ntrust file: {}",
            path.display()
        ))
    })();
    finish(result, out, errout)
}

pub fn trust_list(
    trust_file: Option<&Path>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    let result = (|| {
        let path = trust_path(trust_file, dirs);
        if !path.exists() {
            return Err(format!(
                "{}: no trust file yet; add keys with `kaohe trust add \"<key line>\"`",
                path.display()
            ));
        }
        let trust = trust_file::load(&path).map_err(|e| e.to_string())?;
        let mut lines = vec![format!("{}:", path.display())];
        for key in &trust.keys {
            let state = if trust.revoked.contains(&key.key_id) {
                "  REVOKED"
            } else {
                ""
            };
            lines.push(format!(
                "  {} {} {}{state}",
                crate::commands::pad(&key.department, 24),
                crate::commands::pad(&key.scorer, 10),
                key.key_id
            ));
        }
        lines.push(format!("  {} keys, {} revoked", trust.keys.len(), trust.revoked.len()));
        Ok(lines.join("\n"))
    })();
    finish(result, out, errout)
}

/// Load the department's signing key, asking for its passphrase if it has one.
pub fn signer_for(data: &Path, department: &str, scorer: Option<&str>) -> Result<Signer, String> {
    let path = key_files::find_key(data, department, scorer).map_err(|e| e.to_string())?;
    let secret = if key_files::key_needs_passphrase(&path).map_err(|e| e.to_string())? {
        Some(passphrase(&format!("passphrase for {}: ", path.display()))?)
    } else {
        None
    };
    key_files::load_signer(&path, secret.as_deref()).map_err(|e| e.to_string())
}
