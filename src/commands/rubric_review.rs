//! `kaohe rubric review FILE.toml`: the edge of `tui::review`. It reads the
//! imported file and, when it is beside the file, the original document the
//! file names as its `source`; runs the review in the terminal; writes the
//! file (atomically) after every confirmed mark or edited line.

use super::{FAILED, OK};
use crate::config::{Dirs, Settings};
use crate::io::bounded::{ReadError, read_at_most};
use crate::io::rubric_tables::read_document;
use crate::lang::Lang;
use crate::text::escape::visible;
use crate::tui::keymap::Keymap;
use crate::tui::review::{Effect, Review, SourceRows};
use crate::tui::workbench::StartArgs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

const MAX_RUBRIC_FILE: u64 = 64 * 1024 * 1024;

pub fn run(file: &Path, workbench: &StartArgs, out: &mut dyn Write, errout: &mut dyn Write) -> io::Result<i32> {
    let shown = file.display().to_string();
    let dirs = Dirs::from_env().ok();
    let settings = dirs.as_ref().and_then(|d| Settings::load(d).ok()).unwrap_or_default();
    let lang = workbench.lang.or(settings.lang).unwrap_or(Lang::Zh);
    let zh = lang == Lang::Zh;
    let file_name = visible(&shown);
    let refused = match read_at_most(file, MAX_RUBRIC_FILE) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(text),
            Err(_) if zh => Err(format!("{file_name}：不是 UTF-8 文本，不是细则文件")),
            Err(_) => Err(format!("{file_name}: not UTF-8 text, not a rubric file")),
        },
        Err(ReadError::TooLarge(size)) if zh => Err(format!("{file_name}：{size} 字节，不是细则文件")),
        Err(ReadError::TooLarge(size)) => Err(format!("{file_name}: {size} bytes, not a rubric file")),
        Err(ReadError::Io(e)) if zh => Err(format!(
            "无法读取 {file_name}（{}）",
            crate::tui::i18n::io_reason_zh(e.kind())
        )),
        Err(ReadError::Io(e)) => Err(format!("cannot read {file_name}: {e}")),
    };
    let text = match refused {
        Ok(text) => text,
        Err(why) => {
            writeln!(errout, "kaohe: {why}")?;
            return Ok(FAILED);
        }
    };
    if crate::rubric::unconfirmed(&text).is_empty() {
        let errors = crate::rubric::check(&shown, &text).errors().count();
        let words = match (lang, errors) {
            (Lang::Zh, 0) => format!("{} 没有待确认之处；kaohe rubric check 通过。", visible(&shown)),
            (Lang::Zh, n) => format!("{} 没有待确认之处；kaohe rubric check 有 {n} 个错误。", visible(&shown)),
            (Lang::En, 0) => format!(
                "{} has no marks to confirm; kaohe rubric check passes.",
                visible(&shown)
            ),
            (Lang::En, n) => format!(
                "{} has no marks to confirm; kaohe rubric check finds {n} errors.",
                visible(&shown)
            ),
        };
        writeln!(out, "{words}")?;
        return Ok(if errors == 0 { OK } else { FAILED });
    }
    let keymap_name = workbench
        .keymap
        .clone()
        .or(settings.keymap.clone())
        .unwrap_or_else(|| "default".into());
    let (keymap, problems) = Keymap::load(&keymap_name, dirs.as_ref().map(Dirs::keymap_file).as_deref());
    for p in &problems {
        writeln!(errout, "kaohe: {}", visible(&p.to_string()))?;
    }
    let (sources, note) = sources(file, &text, lang);
    let mut review = Review::new(&shown, &text, sources, note, keymap, lang);
    match run_terminal(&mut review, file) {
        Ok(()) => {
            let left = review.marks().len();
            let words = match lang {
                Lang::Zh => format!("{}：还有 {left} 处待确认。", visible(&shown)),
                Lang::En => format!("{}: {left} marks left.", visible(&shown)),
            };
            writeln!(out, "{words}")?;
            Ok(
                if left == 0 && !crate::rubric::check(&shown, &review.text()).has_errors() {
                    OK
                } else {
                    FAILED
                },
            )
        }
        Err(e) => {
            writeln!(errout, "kaohe: {e}")?;
            Ok(FAILED)
        }
    }
}

/// The original document's rows, when the file's `source` is beside it
/// (or here); else why they are not shown.
fn sources(file: &Path, text: &str, lang: Lang) -> (Option<SourceRows>, String) {
    let zh = lang == Lang::Zh;
    let source = text
        .lines()
        .find_map(|l| l.strip_prefix("source = "))
        .and_then(|v| toml::from_str::<toml::Value>(&format!("v = {}", v.split("  #").next().unwrap_or(v))).ok())
        .and_then(|v| v.get("v").and_then(|s| s.as_str()).map(str::to_string));
    let Some(name) = source else {
        let words = if zh {
            "文件没有写出原件（source）"
        } else {
            "The file names no original (source)"
        };
        return (None, words.into());
    };
    let beside = file.parent().map_or_else(|| PathBuf::from(&name), |d| d.join(&name));
    let found = [beside, PathBuf::from(&name)].into_iter().find(|p| p.is_file());
    let Some(path) = found else {
        let words = if zh {
            format!("原件 {} 不在此文件旁：只显示文件中写下的内容", visible(&name))
        } else {
            format!(
                "The original {} is not beside the file: only what was written is shown",
                visible(&name)
            )
        };
        return (None, words);
    };
    let read = read_at_most(&path, 64 * 1024 * 1024)
        .map_err(|e| match e {
            ReadError::TooLarge(n) => format!("{n} bytes"),
            ReadError::Io(e) => e.to_string(),
        })
        .and_then(|bytes| read_document(&name, &bytes));
    match read {
        Ok(document) => (Some(crate::tui::review::source_rows(&document.tables)), name),
        Err(e) => {
            let words = if zh {
                format!(
                    "原件 {} 读不出（{}）：只显示文件中写下的内容",
                    visible(&name),
                    visible(&e)
                )
            } else {
                format!(
                    "The original {} cannot be read ({}): only what was written is shown",
                    visible(&name),
                    visible(&e)
                )
            };
            (None, words)
        }
    }
}

fn run_terminal(review: &mut Review, file: &Path) -> Result<(), String> {
    use crate::tui::app::Event;
    use crate::tui::terminal::{decode, with_waiting_keys};
    use crossterm::event;
    crate::tui::terminal::with_terminal(review.lang, |terminal| {
        while !review.quit {
            terminal.draw(|frame| crate::tui::review::render(review, frame))?;
            let Some(first) = decode(event::read()?) else { continue };
            for arrived in with_waiting_keys(first)? {
                let effect = match arrived {
                    Event::Key(key) => review.key(key),
                    Event::Burst(keys) => review.burst(keys),
                    Event::Paste(text) => {
                        review.paste(&text);
                        Effect::None
                    }
                    Event::Resize(..) => {
                        terminal.autoresize()?;
                        Effect::None
                    }
                    _ => Effect::None,
                };
                if let Effect::Write(text) = effect
                    && let Err(e) = crate::io::atomic::write_atomic(file, text.as_bytes())
                {
                    review.write_failed(&e.to_string());
                }
            }
        }
        Ok(())
    })
}
