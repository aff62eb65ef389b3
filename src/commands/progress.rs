//! A progress line on stderr for long commands (`kaohe merge` at national
//! scale), drawn only on a terminal.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

/// `核验 [###---] 12/40` on stderr, redrawn in place, then the merge's
/// stages, in the user's language; only on a terminal and only when there
/// is enough work for it to be worth watching.
pub struct Progress {
    lang: crate::lang::Lang,
    total: usize,
    done: AtomicUsize,
    shown: bool,
}

impl Progress {
    /// For `total` files to verify.
    pub fn new(lang: crate::lang::Lang, total: usize) -> Progress {
        Progress {
            lang,
            total,
            done: AtomicUsize::new(0),
            shown: total >= 8 && io::stderr().is_terminal(),
        }
    }

    pub fn step(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if self.shown {
            let width = 30;
            let filled = width * done / self.total.max(1);
            let bar = format!("{}{}", "#".repeat(filled), "-".repeat(width - filled));
            let mut err = io::stderr().lock();
            let what = self.lang.say("核验", "verifying");
            let _ = write!(err, "\r{what} [{bar}] {done}/{}", self.total);
            let _ = err.flush();
        }
    }

    /// A stage with no count of its own (`merging`, `writing the reports`).
    fn stage(&self, text: &str) {
        if self.shown {
            let mut err = io::stderr().lock();
            clear_line(&mut err);
            let _ = write!(err, "{text}…");
            let _ = err.flush();
        }
    }

    pub fn finish(&self) {
        if self.shown {
            clear_line(&mut io::stderr().lock());
        }
    }
}

impl crate::office::Watch for Progress {
    fn verified(&self) {
        self.step();
    }

    fn stage(&self, stage: crate::office::Stage) {
        use crate::office::Stage;
        let text = match stage {
            Stage::Merging(n) => self
                .lang
                .say(format!("正在汇总 {n} 个文件"), format!("merging {n} files")),
            Stage::WritingReports => self.lang.say(
                "正在写出 merged.json、merged.csv 和 merged.xlsx",
                "writing merged.json, merged.csv and merged.xlsx",
            ),
        };
        self.stage(&text);
    }
}

/// Back to the line's start and clear it, through crossterm: an escape
/// sequence where the terminal takes them, the console's own calls on a
/// Windows console that does not (where a raw `\x1b[2K` is printed as is).
fn clear_line(err: &mut impl Write) {
    use crossterm::cursor::MoveToColumn;
    use crossterm::terminal::{Clear, ClearType};
    let _ = crossterm::execute!(err, MoveToColumn(0), Clear(ClearType::CurrentLine));
}
