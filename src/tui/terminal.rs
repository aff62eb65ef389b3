//! Owning the terminal: raw mode and the alternate screen on the way in, and
//! always restored on the way out, whether by quitting, Ctrl-C, an error or a
//! panic. A panic also leaves a crash report in the data dir.

use super::app::Event;
use super::keymap::Key;
use super::views;
use super::workbench::StartArgs;
use super::workbench::Workbench;
use crate::config::Dirs;
use crate::io::atomic::write_new;
use crate::lang::Lang;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout};
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// Exit status after a crash (sysexits' EX_SOFTWARE).
pub const CRASHED: i32 = 70;

/// Makes the event loop panic after this many events: the only way to test,
/// with the real binary, that a bug in the loop still gives the terminal back
/// and leaves a report.
pub const PANIC_AFTER_EVENTS_VAR: &str = "KAOHE_PANIC_AFTER_EVENTS";

/// How often a draft whose save failed is tried again while no key is pressed.
const RETRY_SAVE_EVERY: Duration = Duration::from_secs(1);

/// Puts the terminal back as it was, however the workbench ends.
struct Guard;

impl Guard {
    /// `ambiguous_wide` as the settings force it, if they do; else the
    /// terminal is asked.
    fn enter(ambiguous_wide: Option<bool>) -> io::Result<Guard> {
        enable_raw_mode()?;
        let guard = Guard;
        execute!(io::stdout(), EnterAlternateScreen)?;
        // A Windows console without VT sequences has no bracketed paste: a
        // paste then arrives as a burst of keys, which the workbench reads
        // as text too. Not a reason to refuse to start.
        let _ = execute!(io::stdout(), EnableBracketedPaste);
        crate::tui::ambiguous::set_wide(ambiguous_wide.or_else(ambiguous_drawn_wide).unwrap_or(false));
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

/// A screen for another of kaohe's terminal tools (`rubric review`): raw
/// mode and the alternate screen for `run`, given back however it ends, a
/// panic included (the panic's report then follows on the restored screen).
pub fn with_terminal<T>(
    lang: Lang,
    run: impl FnOnce(&mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<T>,
) -> Result<T, String> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    let guard = Guard::enter(remembered_ambiguous_width()).map_err(|e| no_terminal(lang, &e))?;
    let result = Terminal::new(CrosstermBackend::new(io::stdout())).and_then(|mut terminal| {
        terminal.clear()?;
        run(&mut terminal)
    });
    drop(guard);
    result.map_err(|e| format!("terminal error: {e}"))
}

/// Why the screen could not be taken over, and where kaohe's screens run:
/// output sent to a file or a pipe, or a console kaohe cannot drive.
fn no_terminal(lang: Lang, e: &io::Error) -> String {
    match lang {
        Lang::Zh => format!(
            "无法接管终端（{e}）。kaohe 的工作台要在终端窗口里运行：Windows 上用 Windows Terminal、PowerShell 或命令提示符窗口，不要把输出重定向到文件或管道；其他命令（kaohe --help 列出）在哪里都能运行。"
        ),
        Lang::En => format!(
            "cannot take over the terminal ({e}). kaohe's workbench runs in a terminal window: on Windows, Windows Terminal, PowerShell or a Command Prompt window, with its output not sent to a file or a pipe; the other commands (kaohe --help lists them) run anywhere."
        ),
    }
}

/// What the panic hook saw, for the report written once the stack has
/// unwound back to [`run`] (where the draft in memory can still be reached).
static PANIC_SEEN: Mutex<Option<String>> = Mutex::new(None);

/// `kaohe` with no command. Returns the exit status; errors before the
/// screen is taken over are returned as text for stderr.
pub fn run(args: &StartArgs) -> Result<i32, String> {
    if let Some(charset) = locale_charset().filter(|c| !is_utf8(c)) {
        return Ok(refuse_charset(&charset));
    }
    let dirs = Dirs::from_env().map_err(|e| e.to_string())?;
    // https://no-color.org: present and non-empty disables colour.
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut wb = Workbench::start(args, dirs, color)?;
    let panic_after = std::env::var(PANIC_AFTER_EVENTS_VAR)
        .ok()
        .and_then(|v| v.parse::<u64>().ok());

    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // First of all: a terminal left in raw mode is unusable for the
        // analyst, whatever else goes wrong here.
        restore();
        let seen = describe_panic(info);
        match PANIC_SEEN.lock() {
            Ok(mut slot) => *slot = Some(seen),
            Err(_) => previous(info),
        }
    }));
    let guard = Guard::enter(wb.ambiguous_wide()).map_err(|e| no_terminal(wb.app.lang, &e))?;
    let ran = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let result = event_loop(&mut wb, panic_after);
        (result, wb.finish())
    }));
    drop(guard);
    let Ok((result, rescue)) = ran else {
        return Ok(crashed(&wb));
    };
    if let Some(text) = rescue {
        eprintln!("{text}");
    }
    result.map(|()| 0).map_err(|e| format!("terminal error: {e}"))
}

/// The character set the locale gives the terminal (`GB18030` of
/// `zh_CN.GB18030`, `GB2312` for a bare `zh_CN`), where the locale names
/// one; None for C, POSIX or no locale, which terminals run in UTF-8 alike.
fn locale_charset() -> Option<String> {
    if cfg!(windows) {
        return None;
    }
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|l| !l.is_empty()))?;
    let locale = locale.split('@').next().unwrap_or_default();
    match locale.split_once('.') {
        Some((_, charset)) => Some(charset.to_string()),
        None if locale.starts_with("zh_CN") || locale.starts_with("zh_SG") => Some("GB2312".into()),
        None if locale.starts_with("zh_TW") || locale.starts_with("zh_HK") => Some("BIG5".into()),
        None => None,
    }
}

fn is_utf8(charset: &str) -> bool {
    matches!(charset.to_ascii_lowercase().as_str(), "utf-8" | "utf8")
}

/// kaohe draws in UTF-8; in a GB18030 (or Big5) terminal every Chinese
/// word would be garbled. Say so in the terminal's own encoding, and how to
/// fix it, instead of drawing a screen nobody can read. The exit status.
fn refuse_charset(charset: &str) -> i32 {
    use std::io::Write;
    let text = format!(
        "kaohe：终端的字符集是 {charset}，而 kaohe 的界面用 UTF-8，中文会显示成乱码。\n\
请把终端设为 UTF-8 后再运行，例如：export LANG=zh_CN.UTF-8（统信 UOS、银河麒麟默认即为 UTF-8）。\n\
kaohe: the terminal's character set is {charset}; kaohe draws in UTF-8. Set the locale to UTF-8 (export LANG=zh_CN.UTF-8) and run it again.\n"
    );
    let gb = charset.to_ascii_lowercase().starts_with("gb");
    let encoding = if gb { encoding_rs::GB18030 } else { encoding_rs::UTF_8 };
    let (bytes, _, _) = encoding.encode(&text);
    let _ = io::stderr().write_all(&bytes);
    1
}

/// What the settings say of the terminal's ambiguous widths, for a screen
/// that has not read them (`rubric review`).
fn remembered_ambiguous_width() -> Option<bool> {
    let dirs = Dirs::from_env().ok()?;
    crate::config::Settings::load(&dirs).ok()?.ambiguous_wide
}

/// Whether the terminal draws an ambiguous-width glyph two columns wide:
/// one drawn at the top left of the (alternate) screen, and the cursor's
/// column after it. None where the terminal does not say where its cursor is.
fn ambiguous_drawn_wide() -> Option<bool> {
    use crossterm::cursor::{MoveTo, position};
    use crossterm::style::Print;
    use crossterm::terminal::{Clear, ClearType};
    let mut out = io::stdout();
    execute!(out, MoveTo(0, 0), Print("“")).ok()?;
    let column = position().ok().map(|(column, _)| column);
    let _ = execute!(out, MoveTo(0, 0), Clear(ClearType::CurrentLine));
    column.map(|c| c >= 2)
}

fn event_loop(wb: &mut Workbench, panic_after: Option<u64>) -> io::Result<()> {
    let mut terminal: Terminal<CrosstermBackend<Stdout>> = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    let size = terminal.size()?;
    wb.handle(Event::Resize(size.width, size.height));
    let mut events: u64 = 0;
    while !wb.app.quit {
        terminal.draw(|frame| views::render(&wb.app, frame))?;
        if wb.has_unsaved() && !event::poll(RETRY_SAVE_EVERY)? {
            wb.retry_save();
            continue;
        }
        let Some(first) = decode(event::read()?) else { continue };
        for event in with_waiting_keys(first)? {
            if let Event::Resize(..) = event {
                terminal.autoresize()?;
            }
            events += 1;
            if panic_after.is_some_and(|n| events > n) {
                panic_on_purpose(events);
            }
            wb.handle(event);
        }
    }
    Ok(())
}

/// The most keys taken as one burst; more wait for the next read.
const MAX_BURST: usize = 4096;

/// A key and the keys already waiting behind it, as one burst: a terminal
/// with no bracketed paste (a Windows console) types a paste out key by
/// key, faster than any hand, and a burst is text, never commands. A
/// non-key event behind them comes after the burst.
pub fn with_waiting_keys(first: Event) -> io::Result<Vec<Event>> {
    let Event::Key(key) = first else { return Ok(vec![first]) };
    let mut keys = vec![key];
    let mut after = None;
    while after.is_none() && keys.len() < MAX_BURST && event::poll(Duration::ZERO)? {
        match decode(event::read()?) {
            Some(Event::Key(k)) => keys.push(k),
            Some(other) => after = Some(other),
            None => {}
        }
    }
    let mut events = vec![match keys.len() {
        1 => Event::Key(keys.remove(0)),
        _ => Event::Burst(keys),
    }];
    events.extend(after);
    Ok(events)
}

/// The terminal's event as the app's, if it is one the app takes.
pub fn decode(event: event::Event) -> Option<Event> {
    match event {
        event::Event::Key(k) if k.kind != KeyEventKind::Release => Key::from_event(&k).map(Event::Key),
        event::Event::Paste(text) => Some(Event::Paste(text)),
        event::Event::Resize(width, height) => Some(Event::Resize(width, height)),
        _ => None,
    }
}

fn describe_panic(info: &PanicHookInfo<'_>) -> String {
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into());
    let place = info
        .location()
        .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
        .unwrap_or_else(|| "(unknown place)".into());
    let thread = std::thread::current().name().unwrap_or("(unnamed)").to_string();
    let backtrace = std::backtrace::Backtrace::force_capture();
    format!("panic: {message}\nat: {place}\nthread: {thread}\n\nbacktrace:\n{backtrace}\n")
}

/// After a panic in the loop: write the crash report (with the draft as it
/// was in memory), tell the analyst on stderr, and give the crash status.
/// The draft on disk is left as it was at the last accepted change.
fn crashed(wb: &Workbench) -> i32 {
    let seen = PANIC_SEEN
        .lock()
        .ok()
        .and_then(|mut s| s.take())
        .unwrap_or_else(|| "panic: (not recorded)\n".into());
    let first_line = seen.lines().take(2).collect::<Vec<_>>().join(" ");
    let report = crash_report(wb, &seen);
    let dir = wb.dirs.crash_reports();
    let saved = if wb.has_unsaved() {
        "The disk had refused the latest changes: the draft in the crash report is the only copy of them."
    } else {
        "Every change accepted before the crash was saved; the draft on disk is intact."
    };
    eprintln!("kaohe crashed, which is a bug: {first_line}\n{saved}");
    match write_report(&dir, &report) {
        Ok(path) => eprintln!(
            "A crash report is in {}: please send it to whoever looks after kaohe.",
            path.display()
        ),
        Err(e) => eprintln!(
            "The crash report could not be written to {} ({e}); here it is:\n{report}",
            dir.display()
        ),
    }
    CRASHED
}

fn crash_report(wb: &Workbench, seen: &str) -> String {
    let mut report = format!(
        "kaohe {} crash report\ntime: {}\ncommand line: {}\n",
        env!("CARGO_PKG_VERSION"),
        crate::clock::now_utc(),
        std::env::args().collect::<Vec<_>>().join(" ")
    );
    if let Some(session) = wb.app.session() {
        report.push_str(&format!(
            "rubric: {}\ndepartment: {}\nscorer: {}\n",
            session.rubric.id, session.department, session.scorer
        ));
    }
    report.push('\n');
    report.push_str(seen);
    if let Some(draft) = wb.draft_in_memory() {
        let state = if wb.has_unsaved() {
            "NOT saved: the disk refused the latest changes, and this is the only copy of them"
        } else {
            "the same as the draft on disk"
        };
        report.push_str(&format!("\nthe draft in memory ({state}):\n{draft}\n"));
    }
    report
}

fn write_report(dir: &Path, report: &str) -> io::Result<PathBuf> {
    let stamp = crate::clock::now_utc().replace(':', "");
    let path = dir.join(format!("crash-{stamp}-{}.txt", std::process::id()));
    // The report holds the whole draft: the owner's only, like the draft.
    std::fs::create_dir_all(dir)?;
    write_new(&path, report.as_bytes(), true)?;
    Ok(path)
}

/// The crash tests need a real panic in the real binary: this is the only
/// panic kaohe raises itself, and only when `KAOHE_PANIC_AFTER_EVENTS` asks.
#[allow(clippy::panic)]
fn panic_on_purpose(events: u64) -> ! {
    panic!("{PANIC_AFTER_EVENTS_VAR} asked for a panic after {events} events");
}
