//! `kaohe progress INBOX… [--trust F] [--json]`: the office's daily look at
//! what has arrived, over `merge::board`. Files and folders (their .json
//! files) are verified; one that does not verify is listed with why, and
//! the board is drawn from the rest.

use super::verify::Checking;
use super::words::{finish_in, say};
use super::{OK, pad, pad_left};
use crate::config::Dirs;
use crate::lang::Lang;
use crate::merge::board::{Board, board};
use crate::office::{Office, Unwatched};
use crate::text::escape::visible;
use anyhow::Context;
use std::io::{self, Write};
use std::path::PathBuf;

/// Files an inbox may hold that are read; more is not one office's round.
pub const MAX_INBOX_FILES: usize = 10_000;

pub struct Asked<'a> {
    pub lang: Lang,
    pub inputs: &'a [PathBuf],
    pub checking: &'a Checking<'a>,
    pub json: bool,
}

pub fn run(asked: &Asked<'_>, dirs: &Dirs, out: &mut dyn Write, errout: &mut dyn Write) -> io::Result<i32> {
    finish_in(asked.lang, show_board(asked, dirs, out), errout)
}

/// The inputs as files: a folder's .json files, in name order.
fn inbox_files(lang: Lang, inputs: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .with_context(|| input.display().to_string())?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")))
                .take(MAX_INBOX_FILES + 1)
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
        if files.len() > MAX_INBOX_FILES {
            anyhow::bail!(say(
                lang,
                format!("收件箱里的文件超过 {MAX_INBOX_FILES} 个：请只给这一轮的文件"),
                format!("more than {MAX_INBOX_FILES} files: give only this round's"),
            ));
        }
    }
    Ok(files)
}

fn show_board(asked: &Asked<'_>, dirs: &Dirs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let lang = asked.lang;
    let files = inbox_files(lang, asked.inputs)?;
    let office = Office::open(asked.checking, dirs)?;
    let results = office
        .verify_all(&files, &Unwatched)
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let mut verified = Vec::new();
    let mut refused = Vec::new();
    for (file, result) in files.iter().zip(results) {
        match result {
            Ok(v) => verified.push(v),
            Err(e) => refused.push((file.display().to_string(), crate::tui::i18n::verify_error(lang, &e))),
        }
    }
    let rubric_id = match asked.checking.rubric {
        Some(query) => crate::io::rubric_files::find(query)?.id,
        None => verified.first().map(|v| v.scores.rubric.clone()).with_context(|| {
            say(
                lang,
                "收件箱里还没有一个核验通过的文件：请用 --rubric 指明细则，看哪些部门未交",
                "no file in the inbox verifies yet: give --rubric to see who has sent nothing",
            )
        })?,
    };
    let rubric = office.rubric(&rubric_id).with_context(|| {
        say(
            lang,
            format!("不认识细则 {rubric_id}：请用 --rubric 给出它的细则文件"),
            format!("unknown rubric {rubric_id}: give its rubric file with --rubric"),
        )
    })?;
    let board = board(rubric, &verified);
    if asked.json {
        let value = serde_json::json!({
            "board": board,
            "files": files.len(),
            "refused": refused.iter().map(|(f, why)| serde_json::json!({"file": f, "reason": why})).collect::<Vec<_>>(),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(OK);
    }
    write_board(lang, &board, rubric, files.len(), &refused, out)?;
    Ok(OK)
}

fn write_board(
    lang: Lang,
    board: &Board,
    rubric: &crate::rubric::Rubric,
    files: usize,
    refused: &[(String, String)],
    out: &mut dyn Write,
) -> io::Result<()> {
    let sent = board.departments.len();
    writeln!(
        out,
        "{}",
        say(
            lang,
            format!(
                "{}（{}）：收到 {files} 个文件；{sent} 个部门已交，{} 个未交",
                rubric.title,
                rubric.id,
                board.silent.len()
            ),
            format!(
                "{} ({}): {files} files; {sent} departments have sent, {} have not",
                rubric.title,
                rubric.id,
                board.silent.len()
            ),
        )
    )?;
    let name_w = board
        .departments
        .iter()
        .map(|d| unicode_width::UnicodeWidthStr::width(d.department.as_str()))
        .max()
        .unwrap_or(8)
        .max(8);
    let heads = if lang == Lang::Zh {
        ["部门", "文件", "已交/应交", "较上一版改动", "最新版次（评分人，时间）"]
    } else {
        [
            "department",
            "files",
            "cells",
            "changed",
            "newest revision (scorer, time)",
        ]
    };
    writeln!(
        out,
        "{}  {}  {}  {}  {}",
        pad(heads[0], name_w),
        pad_left(heads[1], 5),
        pad_left(heads[2], 10),
        pad_left(heads[3], 12),
        heads[4]
    )?;
    for d in &board.departments {
        let newest: Vec<String> = d
            .newest
            .iter()
            .map(|n| {
                format!(
                    "r{} {}{}{}",
                    n.revision,
                    visible(&n.scorer),
                    say(lang, "，", ", "),
                    n.created
                )
            })
            .collect();
        let changed = d.changed.map_or_else(|| "-".to_string(), |n| n.to_string());
        let done = if d.delivered >= d.due {
            say(lang, "（已齐）", " (complete)")
        } else {
            String::new()
        };
        writeln!(
            out,
            "{}  {}  {}  {}  {}{done}",
            pad(&visible(&d.department), name_w),
            pad_left(&d.files.to_string(), 5),
            pad_left(&format!("{}/{}", d.delivered, d.due), 10),
            pad_left(&changed, 12),
            newest.join(&say(lang, "；", "; "))
        )?;
    }
    if !board.silent.is_empty() {
        writeln!(
            out,
            "{}{}",
            say(lang, "未交：", "nothing sent: "),
            board.silent.join(if lang == Lang::Zh { "、" } else { ", " })
        )?;
    }
    if !refused.is_empty() {
        writeln!(
            out,
            "{}",
            say(
                lang,
                format!("不能使用的文件 {} 个（未计入上表）：", refused.len()),
                format!("{} file(s) that cannot be used (not counted above):", refused.len()),
            )
        )?;
        // Each reason names its file.
        for (_, why) in refused {
            writeln!(out, "  {why}")?;
        }
    }
    Ok(())
}
