//! `kaohe keygen` and `kaohe key show`: a department's signing key, made
//! and shown; and the signer an export uses, its passphrase asked for.

use super::OK;
use super::words::{finish_in, say};
use crate::config::Dirs;
use crate::io::key_files;
use crate::io::rubric_files;
use crate::lang::Lang;
use crate::rubric::catalog::Catalog;
use crate::seal::keys::{Passphrase, Signer};
use anyhow::{Context, bail};
use std::io::{self, IsTerminal, Write};

pub use crate::seal::keys::PASSPHRASE_VAR;

/// The passphrase: KAOHE_PASSPHRASE, or typed without echo on the terminal.
pub fn passphrase(lang: Lang, prompt: &str) -> anyhow::Result<Passphrase> {
    if let Ok(p) = std::env::var(PASSPHRASE_VAR) {
        return Ok(Passphrase::new(p));
    }
    if !io::stdin().is_terminal() {
        bail!(say(
            lang,
            format!("密钥有口令保护：请在终端里运行并输入口令，或设置 {PASSPHRASE_VAR}"),
            format!("the key is protected by a passphrase: type it on a terminal, or set {PASSPHRASE_VAR}")
        ));
    }
    read_hidden(prompt)
        .map(Passphrase::new)
        .with_context(|| say(lang, "无法读取口令", "cannot read the passphrase"))
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
/// departments decide; without, every bundled rubric's do
/// ([`Catalog::department_named`]).
pub fn canonical_department(query: &str, rubric: Option<&str>) -> anyhow::Result<String> {
    let catalog = match rubric {
        Some(r) => Catalog::only(rubric_files::find(r)?),
        None => Catalog::bundled(),
    };
    Ok(catalog.department_named(query)?)
}

/// What `kaohe keygen` was given.
pub struct KeygenArgs<'a> {
    pub lang: Lang,
    pub dept: Option<&'a str>,
    pub scorer: Option<&'a str>,
    pub rubric: Option<&'a str>,
    pub no_passphrase: bool,
}

pub fn keygen(args: &KeygenArgs<'_>, dirs: &Dirs, out: &mut dyn Write, errout: &mut dyn Write) -> io::Result<i32> {
    finish_in(args.lang, make_key(args, dirs, out), errout)
}

fn make_key(args: &KeygenArgs<'_>, dirs: &Dirs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let lang = args.lang;
    let dept = args.dept.with_context(|| {
        say(
            lang,
            "密钥是哪个部门的？请用 --dept 指明",
            "which department is the key for? give --dept",
        )
    })?;
    let scorer = args.scorer.with_context(|| {
        say(
            lang,
            "密钥是谁的？请用 --scorer 写上姓名",
            "whose key is it? give --scorer NAME",
        )
    })?;
    let department = canonical_department(dept, args.rubric)?;
    let secret = if args.no_passphrase {
        None
    } else if let Ok(p) = std::env::var(PASSPHRASE_VAR) {
        Some(p)
    } else if io::stdin().is_terminal() {
        let first = read_hidden(&say(lang, "为新密钥设置口令：", "new passphrase for the key: "))?;
        let again = read_hidden(&say(lang, "再输入一次口令：", "the same passphrase again: "))?;
        if first != again {
            bail!(say(
                lang,
                "两次输入的口令不同；没有生成密钥",
                "the two passphrases differ; nothing was made"
            ));
        }
        Some(first)
    } else {
        bail!(say(
            lang,
            format!("新密钥需要口令：请在终端里运行并输入口令，或设置 {PASSPHRASE_VAR}，或加 --no-passphrase"),
            format!(
                "a new key needs a passphrase: type it on a terminal, set {PASSPHRASE_VAR}, or give --no-passphrase"
            )
        ));
    };
    let (path, line) = key_files::keygen(&dirs.data, &department, scorer, secret.as_deref())?;
    let said = say(
        lang,
        format!(
            "已生成 {}\n请把下面这一行交给质强办（kaohe key show 可再次显示）：\n{line}",
            path.display()
        ),
        format!(
            "made {}\nhand this line to the quality office (`kaohe key show` prints it again):\n{line}",
            path.display()
        ),
    );
    writeln!(out, "{said}")?;
    Ok(OK)
}

/// Every key's public line, one per line: the lines to send to the office.
pub fn key_show(
    lang: Lang,
    dept: Option<&str>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    finish_in(lang, show_keys(lang, dept, dirs, out), errout)
}

fn show_keys(lang: Lang, dept: Option<&str>, dirs: &Dirs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let mut lines = Vec::new();
    for path in &key_files::list_keys(&dirs.data)? {
        let line = key_files::read_key_line(path)?;
        if dept.is_none_or(|d| line.department.contains(d)) {
            lines.push(line.to_string());
        }
    }
    if lines.is_empty() {
        let dir = key_files::keys_dir(&dirs.data);
        bail!(say(
            lang,
            format!(
                "{} 中没有{}密钥；请用 kaohe keygen --dept 部门 --scorer 姓名 生成",
                dir.display(),
                dept.map(|d| format!(" {d} 的")).unwrap_or_default()
            ),
            format!(
                "no key{} in {}; make one with `kaohe keygen --dept D --scorer NAME`",
                dept.map(|d| format!(" for {d}")).unwrap_or_default(),
                dir.display()
            )
        ));
    }
    writeln!(out, "{}", lines.join("\n"))?;
    Ok(OK)
}

/// Load the department's signing key, asking for its passphrase if it has one.
pub fn signer_for(lang: Lang, dirs: &Dirs, department: &str, scorer: Option<&str>) -> anyhow::Result<Signer> {
    use crate::department::{Key, open_key};
    match open_key(dirs, department, scorer, None)? {
        Key::Open(signer) => Ok(*signer),
        Key::NeedsPassphrase(path) => {
            let prompt = say(
                lang,
                format!("{} 的口令：", path.display()),
                format!("passphrase for {}: ", path.display()),
            );
            let secret = passphrase(lang, &prompt)?;
            match open_key(dirs, department, scorer, Some(&secret))? {
                Key::Open(signer) => Ok(*signer),
                Key::NeedsPassphrase(path) => Err(crate::seal::keys::KeyError::NeedsPassphrase {
                    path: path.display().to_string(),
                }
                .into()),
            }
        }
    }
}
