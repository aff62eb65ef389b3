//! `kaohe trust add|revoke|list`: the office's trust file, the keys that may
//! sign each department's scores.

use super::words::finish_in;
use super::{OK, pad};
use crate::config::Dirs;
use crate::io::trust_file;
use crate::lang::Lang;
use crate::rubric::catalog::Catalog;
use crate::seal::keys::KeyLine;
use anyhow::{Context, bail};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;

use crate::office::trust_path;

/// How `trust add` was asked.
pub struct AddArgs<'a> {
    pub lang: Lang,
    /// `--dept`: the department the office expects the key lines to be for.
    pub department: Option<&'a str>,
    /// One key line (quoted or not), or `-` for key lines on standard input.
    pub words: &'a [String],
    pub trust_file: Option<&'a Path>,
    /// A rubric of the office's own, whose departments may be trusted too.
    pub rubric: Option<&'a str>,
    /// Trust without asking, on a terminal.
    pub yes: bool,
}

pub fn trust_add(args: &AddArgs<'_>, dirs: &Dirs, out: &mut dyn Write, errout: &mut dyn Write) -> io::Result<i32> {
    finish_in(args.lang, add(args, &trust_path(args.trust_file, dirs), out), errout)
}

/// Every rubric the office knows: the bundled ones, and `--rubric`.
fn catalog(rubric: Option<&str>) -> anyhow::Result<Catalog> {
    let catalog = Catalog::bundled();
    Ok(match rubric {
        Some(query) => catalog.with(crate::io::rubric_files::find(query)?),
        None => catalog,
    })
}

fn add(args: &AddArgs<'_>, path: &Path, out: &mut dyn Write) -> anyhow::Result<i32> {
    let lang = args.lang;
    let from_stdin = args.words == ["-"];
    let lines: Vec<String> = if from_stdin {
        io::stdin()
            .lock()
            .lines()
            .collect::<Result<Vec<_>, _>>()
            .with_context(|| lang.say("无法从标准输入读取密钥行", "cannot read key lines from standard input"))?
            .into_iter()
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .collect()
    } else {
        vec![args.words.join(" ")]
    };
    if lines.is_empty() {
        bail!(lang.say("没有给出密钥行", "no key line given"));
    }
    let keys: Vec<KeyLine> = lines.iter().map(|l| KeyLine::parse(l)).collect::<Result<_, _>>()?;
    let catalog = catalog(args.rubric)?;
    // The office says whose keys it expects; a line for another is refused.
    if let Some(query) = args.department {
        let expected = catalog.department_named(query)?;
        if let Some(key) = keys.iter().find(|k| k.department != expected) {
            let (says, expected) = (shown(&key.department), shown(&expected));
            bail!(lang.say(
                format!("密钥行写的部门是{says}，而 --dept 指的是{expected}；没有信任任何密钥：请核对这一行是谁交来的"),
                format!("the key line says {says}, but --dept names {expected}; nothing trusted: check who handed in this line")
            ));
        }
    }
    let mut trust = trust_file::load_or_default(path)?;
    for key in &keys {
        let (id, department) = (&key.key_id, shown(&key.department));
        if trust.revoked.contains(id) {
            bail!(lang.say(
                format!("密钥 {id} 已被吊销，吊销的密钥不会再受信任：请向{department}索取新密钥"),
                format!("key {id} was revoked; a revoked key is never trusted again: ask {department} for a new key")
            ));
        }
        if !catalog.has_department(&key.department) {
            let rubric = args.rubric.map(shown);
            bail!(lang.say(
                format!(
                    "{department} 不是 kaohe 所知任何评分细则的部门（内置细则{}）；请核对密钥行，或用 --rubric 给出质强办自己的细则文件",
                    rubric.as_ref().map(|r| format!("和 {r}")).unwrap_or_default()
                ),
                format!(
                    "{department} is not a department of any rubric kaohe knows (the bundled ones{}); check the key line, or give --rubric FILE for the office's own rubric",
                    rubric.as_ref().map(|r| format!(" and {r}")).unwrap_or_default()
                )
            ));
        }
    }
    let mut added = Vec::new();
    for key in &keys {
        added.push((trust.add(key)?, key));
    }
    let said = |state: Added, key: &KeyLine| {
        let (department, scorer, id) = (shown(&key.department), shown(&key.scorer), &key.key_id);
        let state = match state {
            Added::Will => lang.say("将信任", "will trust"),
            Added::Now => lang.say("已信任", "trusted"),
            Added::Before => lang.say("原已信任", "already trusted:"),
        };
        match lang {
            Lang::Zh => format!("{state} {department}（{scorer}）的密钥 {id}"),
            Lang::En => format!("{state} {department} ({scorer}) key {id}"),
        }
    };
    // On a terminal the office sees what it is about to trust, and says so.
    if !args.yes && !from_stdin && io::stdin().is_terminal() {
        for (new, key) in &added {
            writeln!(out, "{}", said(if *new { Added::Will } else { Added::Before }, key))?;
        }
        write!(out, "{}", lang.say("确定信任？[y/N] ", "trust? [y/N] "))?;
        out.flush()?;
        let mut answer = String::new();
        io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "是") {
            writeln!(out, "{}", lang.say("没有信任任何密钥", "nothing trusted"))?;
            return Ok(super::FAILED);
        }
    }
    trust_file::save(&trust, path)?;
    for (new, key) in &added {
        writeln!(out, "{}", said(if *new { Added::Now } else { Added::Before }, key))?;
    }
    say_trust_file(lang, path, out)?;
    Ok(OK)
}

/// A key's state in what `trust add` says.
#[derive(Clone, Copy)]
enum Added {
    /// Shown before the office confirms.
    Will,
    Now,
    Before,
}

/// `trust file: PATH`, the last line of every change.
fn say_trust_file(lang: Lang, path: &Path, out: &mut dyn Write) -> io::Result<()> {
    let path = shown(&path.display().to_string());
    writeln!(
        out,
        "{}",
        lang.say(format!("信任文件：{path}"), format!("trust file: {path}"))
    )
}

/// How `trust move|revoke|list` were asked.
pub struct KeyArgs<'a> {
    pub lang: Lang,
    pub trust_file: Option<&'a Path>,
}

/// `trust move KEY --dept D`: a key added for the wrong department.
pub fn trust_move(
    key_id: &str,
    department: Option<&str>,
    args: &KeyArgs<'_>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    let lang = args.lang;
    let path = trust_path(args.trust_file, dirs);
    let mut moved = || -> anyhow::Result<i32> {
        let Some(department) = department else {
            bail!(lang.say(
                "请用 --dept 给出这把密钥所签名的部门，写法与评分细则一致",
                "give --dept: the department the key signs for, as the rubric spells it"
            ));
        };
        let department = Catalog::bundled().department_named(department)?;
        let mut trust = trust_file::load_or_default(&path)?;
        let (full, from) = trust.move_key(key_id, &department)?;
        trust_file::save(&trust, &path)?;
        let (from, to) = (shown(&from), shown(&department));
        let said = if from == to {
            lang.say(
                format!("密钥 {full} 本来就受信任为{to}的密钥；没有改动"),
                format!("key {full} is already trusted for {to}; nothing changed"),
            )
        } else {
            lang.say(
                format!("密钥 {full} 已从{from}移到{to}"),
                format!("key {full} moved from {from} to {to}"),
            )
        };
        writeln!(out, "{said}")?;
        say_trust_file(lang, &path, out)?;
        Ok(OK)
    };
    finish_in(lang, moved(), errout)
}

/// Text from a file, safe to print: control characters shown, not obeyed.
fn shown(text: &str) -> String {
    crate::text::escape::visible(text)
}

pub fn trust_revoke(
    key_id: &str,
    args: &KeyArgs<'_>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    let path = trust_path(args.trust_file, dirs);
    finish_in(args.lang, revoke(args.lang, key_id, &path, out), errout)
}

fn revoke(lang: Lang, key_id: &str, path: &Path, out: &mut dyn Write) -> anyhow::Result<i32> {
    let mut trust = trust_file::load_or_default(path)?;
    let full = trust.revoke(key_id)?;
    trust_file::save(&trust, path)?;
    writeln!(
        out,
        "{}",
        lang.say(
            format!("已吊销密钥 {full}：从现在起，它签名的文件一律不予接受"),
            format!("revoked key {full}: files it signed are refused from now on")
        )
    )?;
    say_trust_file(lang, path, out)?;
    Ok(OK)
}

pub fn trust_list(
    args: &KeyArgs<'_>,
    json: bool,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    let path = trust_path(args.trust_file, dirs);
    finish_in(args.lang, list(args.lang, &path, json, out), errout)
}

fn list(lang: Lang, path: &Path, json: bool, out: &mut dyn Write) -> anyhow::Result<i32> {
    if !path.exists() {
        let path = shown(&path.display().to_string());
        bail!(lang.say(
            format!("{path}：还没有信任文件；请用 kaohe trust add \"<密钥行>\" 加入密钥"),
            format!("{path}: no trust file yet; add keys with `kaohe trust add \"<key line>\"`")
        ));
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
    writeln!(out, "{}{}", shown(&path.display().to_string()), lang.say("：", ":"))?;
    for key in &trust.keys {
        let state = if trust.revoked.contains(&key.key_id) {
            lang.say("  已吊销", "  REVOKED")
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {} {} {}{state}",
            pad(&shown(&key.department), 24),
            pad(&shown(&key.scorer), 10),
            shown(&key.key_id)
        )?;
    }
    let (keys, revoked) = (trust.keys.len(), trust.revoked.len());
    writeln!(
        out,
        "  {}",
        lang.say(
            format!("共 {keys} 把密钥，吊销 {revoked} 把"),
            format!("{keys} keys, {revoked} revoked")
        )
    )?;
    Ok(OK)
}
