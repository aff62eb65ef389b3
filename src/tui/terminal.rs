//! Owning the terminal: raw mode and the alternate screen on the way in, and
//! always restored on the way out, whether by quitting, Ctrl-C, an error or a
//! panic.

use super::app::Event;
use super::keymap::Key;
use super::views;
use super::workbench::Workbench;
use crate::cli::WorkbenchArgs;
use crate::config::Dirs;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout};

/// Puts the terminal back as it was, however the workbench ends.
struct Guard;

impl Guard {
    fn enter() -> io::Result<Guard> {
        enable_raw_mode()?;
        let guard = Guard;
        execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
        Ok(guard)
    }
}

pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// `kaohe` with no command. Returns the exit status; errors before the
/// screen is taken over are returned as text for stderr.
pub fn run(args: &WorkbenchArgs) -> Result<i32, String> {
    let dirs = Dirs::from_env().map_err(|e| e.to_string())?;
    // https://no-color.org: present and non-empty disables colour.
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut wb = Workbench::start(args, dirs, color)?;

    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    let guard = Guard::enter().map_err(|e| format!("cannot take over the terminal: {e}"))?;
    let result = event_loop(&mut wb);
    wb.finish();
    drop(guard);
    result.map(|()| 0).map_err(|e| format!("terminal error: {e}"))
}

fn event_loop(wb: &mut Workbench) -> io::Result<()> {
    let mut terminal: Terminal<CrosstermBackend<Stdout>> = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    while !wb.app.quit {
        terminal.draw(|frame| views::render(&wb.app, frame))?;
        let event = match event::read()? {
            event::Event::Key(k) if k.kind != KeyEventKind::Release => Event::Key(Key::from_event(&k)),
            event::Event::Paste(text) => Event::Paste(text),
            event::Event::Resize(_, _) => {
                terminal.autoresize()?;
                Event::Resize
            }
            _ => continue,
        };
        wb.handle(event);
    }
    Ok(())
}
