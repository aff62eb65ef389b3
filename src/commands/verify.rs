//! `kaohe verify` and `kaohe show`: signed score files checked by the
//! office's library ([`crate::office`]), and what it finds said.

use super::progress::Progress;
use super::words::finish_in;
use super::{FAILED, OK, pad, pad_left};
use crate::config::Dirs;
use crate::lang::Lang;
pub use crate::office::Checking;
use crate::office::Office;
use crate::points::shown;
use crate::seal::payload::Verified;
use crate::seal::verify::VerifyError;
use crate::text::escape::{visible, visible_lines};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Score files checked with the progress line drawn on a terminal.
pub fn verify_all(
    office: &Office,
    lang: Lang,
    files: &[PathBuf],
) -> anyhow::Result<Vec<Result<Verified, VerifyError>>> {
    let progress = Progress::new(lang, files.len());
    let results = office.verify_all(files, &progress);
    progress.finish();
    Ok(results?)
}

/// How `verify` and `show` were asked, besides where the keys come from.
pub struct Asked<'a> {
    pub lang: Lang,
    pub checking: &'a Checking<'a>,
    pub json: bool,
}

pub fn verify_cmd(
    files: &[PathBuf],
    asked: &Asked<'_>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    let &Asked { lang, checking, json } = asked;
    let results = match Office::open(checking, dirs).and_then(|o| verify_all(&o, lang, files)) {
        Ok(r) => r,
        Err(e) => return finish_in(lang, Err(e), errout),
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
                    "error": crate::tui::i18n::verify_error(lang, e),
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
                say_verified(lang, &v, out)?;
                if !v.trusted {
                    status = FAILED;
                }
            }
            Err(e) => {
                status = FAILED;
                writeln!(
                    errout,
                    "kaohe: {}",
                    visible_lines(&crate::tui::i18n::verify_error(lang, &e))
                )?;
            }
        }
    }
    Ok(status)
}

fn say_verified(lang: Lang, v: &Verified, out: &mut dyn Write) -> io::Result<()> {
    let s = &v.scores;
    let (file, rubric, department) = (visible(&v.file), visible(&s.rubric), visible(&s.department));
    let (scorer, key) = (visible(&s.scorer), visible(&s.key_id));
    let (revision, cells) = (s.revision, s.scores.len());
    let line = match (lang, v.trusted) {
        (Lang::Zh, true) => format!(
            "{file}：通过：{rubric} {department} 第 {revision} 版，{cells} 格，评分人 {scorer}，密钥 {key}；签名人受信任为本部门"
        ),
        (Lang::Zh, false) => format!(
            "{file}：签名完好：{rubric} {department} 第 {revision} 版，{cells} 格，评分人 {scorer}，密钥 {key}；但签名人未受信任：没有给出信任文件（用 kaohe trust add 加入密钥）"
        ),
        (Lang::En, true) => format!(
            "{file}: OK: {rubric} {department} revision {revision}, {cells} cells, scorer {scorer}, key {key}; signer trusted for this department"
        ),
        (Lang::En, false) => format!(
            "{file}: OK: {rubric} {department} revision {revision}, {cells} cells, scorer {scorer}, key {key}; signature intact, but the signer is NOT trusted: no trust file was given (add keys with `kaohe trust add`)"
        ),
    };
    writeln!(out, "{line}")
}

pub fn show_cmd(
    file: &Path,
    asked: &Asked<'_>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    finish_in(asked.lang, show(file, asked, dirs, out), errout)
}

/// Characters of a note `show` prints on its line; `--json` gives it whole.
const NOTE_SHOWN: usize = 500;

/// A note on one line, cut to [`NOTE_SHOWN`] characters with the count of
/// the rest (a 15-million-character note would fill the terminal's memory).
fn shown_note(lang: Lang, note: &str) -> String {
    let line = note.replace('\n', " ");
    let total = line.chars().count();
    if total <= NOTE_SHOWN {
        return line;
    }
    let cut: String = line.chars().take(NOTE_SHOWN).collect();
    lang.say(
        format!("{cut}…（共 {total} 字，全文用 --json 查看）"),
        format!("{cut}… ({total} characters in all; --json shows the whole)"),
    )
}

fn show(file: &Path, asked: &Asked<'_>, dirs: &Dirs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let &Asked { lang, checking, json } = asked;
    let office = Office::open(checking, dirs)?;
    let Some(verified) = verify_all(&office, lang, &[file.to_path_buf()])?.pop() else {
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
    let rubric = office.rubric(&verified.scores.rubric);
    let s = &verified.scores;
    writeln!(out, "{}", visible(&verified.file))?;
    let (department, scorer, key) = (visible(&s.department), visible(&s.scorer), visible(&s.key_id));
    let title = rubric.map(|r| format!(" {}", visible(&r.title))).unwrap_or_default();
    let (id, hash) = (visible(&s.rubric), visible(&s.rubric_hash));
    let (revision, made, cells) = (s.revision, visible(&crate::clock::local(&s.created)), s.scores.len());
    let head = match lang {
        Lang::Zh => format!(
            "  签名    {department}（{scorer}），密钥 {key}：{}\n  评分细则 {id}{title}（哈希 {hash}）\n  版本    第 {revision} 版，{made} 生成\n  共 {cells} 格",
            if verified.trusted {
                "受信任"
            } else {
                "签名完好，签名人未受信任（没有信任文件）"
            }
        ),
        Lang::En => format!(
            "  signed by  {department} ({scorer}), key {key}: {}\n  rubric     {id}{title} (hash {hash})\n  revision   {revision}, made {made}\n  {cells} cells",
            if verified.trusted {
                "trusted"
            } else {
                "signature intact, signer NOT trusted (no trust file)"
            }
        ),
    };
    writeln!(out, "{head}")?;
    let units = rubric.map(crate::rubric::units::UnitIndex::new);
    let mut district = "";
    for entry in &s.scores {
        if entry.district != district {
            writeln!(out, "  {}", visible(&entry.district))?;
            district = &entry.district;
        }
        let value = match (entry.veto, entry.score) {
            (Some(true), _) => lang.say("否决", "veto"),
            (Some(false), _) => lang.say("不否决", "no veto"),
            (None, Some(v)) => shown(v),
            (None, None) => "—".to_string(),
        };
        let text = rubric
            .and_then(|r| r.item(&entry.item))
            .map(|i| i.label.clone().unwrap_or_else(|| i.text.chars().take(16).collect()))
            .unwrap_or_default();
        let flag = if entry.evidence_missing {
            lang.say("  [缺印证材料]", "  [evidence missing]")
        } else {
            String::new()
        };
        let note = if entry.note.is_empty() {
            String::new()
        } else {
            format!(
                "  {}{}",
                lang.say("备注：", "note: "),
                visible(&shown_note(lang, &entry.note))
            )
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
            .map(|working| format!("  ({})", visible(&working.words(lang))))
            .unwrap_or_default();
        let events = events_said(lang, entry);
        writeln!(
            out,
            "    {} {}  {}{given}{events}{flag}{note}",
            pad(&visible(&entry.unit_key()), 9),
            pad_left(&value, 7),
            visible(&text)
        )?;
    }
    Ok(OK)
}

/// The events a per-event cell counts, as the office will match them.
fn events_said(lang: Lang, entry: &crate::seal::payload::ScoreEntry) -> String {
    let described = entry.input.as_ref().map_or(&[][..], |i| i.events());
    if described.is_empty() {
        return String::new();
    }
    let list: Vec<String> = described.iter().map(crate::scoring::events::shown).collect();
    format!("  {}{}", lang.say("事件：", "events: "), visible(&list.join("；")))
}
