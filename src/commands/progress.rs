//! A progress line on stderr for long commands (`kaohe merge` at national
//! scale), drawn only on a terminal.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

/// `verifying 12/40` on stderr, redrawn in place, only on a terminal and
/// only when there is enough work for it to be worth watching.
pub struct Progress {
    what: String,
    total: usize,
    done: AtomicUsize,
    shown: bool,
}

impl Progress {
    pub fn new(what: String, total: usize) -> Progress {
        Progress {
            what,
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
            let _ = write!(err, "\r{} [{bar}] {done}/{}", self.what, self.total);
            let _ = err.flush();
        }
    }

    /// A stage with no count of its own (`merging`, `writing the reports`).
    pub fn stage(&self, text: &str) {
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
}

/// Back to the line's start and clear it, through crossterm: an escape
/// sequence where the terminal takes them, the console's own calls on a
/// Windows console that does not (where a raw `\x1b[2K` is printed as is).
fn clear_line(err: &mut impl Write) {
    use crossterm::cursor::MoveToColumn;
    use crossterm::terminal::{Clear, ClearType};
    let _ = crossterm::execute!(err, MoveToColumn(0), Clear(ClearType::CurrentLine));
}
