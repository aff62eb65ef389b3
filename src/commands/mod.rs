//! What each command does, over the cores and the IO edge: one file per
//! group of subcommands. Each command's body is a named function returning
//! `anyhow::Result`, so errors keep their causes; the public entry point
//! writes its error as `kaohe: …` to the error writer it is given and
//! returns the process's exit status, so that tests can read both.

pub mod board;
pub mod draft;
pub mod export;
pub mod import;
pub mod keys;
pub mod merge;
pub mod progress;
pub mod rubric;
pub mod rubric_diff;
pub mod rubric_import;
pub mod rubric_review;
pub mod search;
pub mod selfcheck;
pub mod synth;
pub mod template;
pub mod trust;
pub mod verify;
pub mod words;

use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

pub const OK: i32 = 0;
pub const FAILED: i32 = 1;

/// The reader of kaohe's output went away (`kaohe … | head`): not a
/// failure to report. Windows says so with its own codes (232, the pipe is
/// being closed; 233, no process is on the other end), which std does not
/// all map to BrokenPipe.
pub fn closed_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe || (cfg!(windows) && matches!(e.raw_os_error(), Some(232 | 233)))
}

/// A command's outcome as the process's: its status, or its error said on
/// `errout` and status 1. A closed output pipe (`kaohe … | head`) is passed
/// up as it is: it is not a failure to report.
pub fn finish(result: anyhow::Result<i32>, errout: &mut dyn Write) -> io::Result<i32> {
    finish_saying(result, errout, describe)
}

/// [`finish`], the error said by `words` (in the analyst's language, say).
pub fn finish_saying(
    result: anyhow::Result<i32>,
    errout: &mut dyn Write,
    words: impl Fn(&anyhow::Error) -> String,
) -> io::Result<i32> {
    match result {
        Ok(status) => Ok(status),
        Err(e) => {
            if let Some(io) = e.downcast_ref::<io::Error>()
                && closed_pipe(io)
            {
                return Err(io::Error::from(io::ErrorKind::BrokenPipe));
            }
            // Errors name files and quote what was in them: shown, not obeyed.
            writeln!(errout, "kaohe: {}", crate::text::escape::visible_lines(&words(&e)))?;
            Ok(FAILED)
        }
    }
}

/// An error as kaohe says it: its message, then each cause the message does
/// not already include (most of kaohe's errors name their cause already).
pub fn describe(error: &anyhow::Error) -> String {
    let mut text = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}

/// Pad to a display width (Chinese glyphs take two columns).
pub fn pad(text: &str, width: usize) -> String {
    let shown = UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(shown)))
}

/// Right-aligned to a display width (`不否决` takes six columns, not three).
pub fn pad_left(text: &str, width: usize) -> String {
    let shown = UnicodeWidthStr::width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(shown)))
}
