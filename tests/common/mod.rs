//! Shared by the tests that drive the real binary in a pseudo-terminal and
//! those that compare its screen with the library's rendering.
#![allow(dead_code)]

pub mod bench;
pub mod office;
pub mod synth_round;

use kaohe::tui::app::App;
use kaohe::tui::views::render;
use portable_pty::{CommandBuilder, MasterPty, NativePtySystem, PtySize, PtySystem, SlavePty};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

type Writer = Arc<Mutex<Box<dyn Write + Send>>>;

/// The real kaohe binary in a pseudo-terminal, its output kept both as a
/// screen (vt100) and as raw bytes.
/// The pause between two keys typed by [`Pty::type_keys`]: far longer than
/// kaohe takes for a key, far shorter than a person between two.
pub const KEY_GAP: std::time::Duration = std::time::Duration::from_millis(30);

/// How long [`Pty::type_keys`] waits for a key to show before the next.
const KEY_SHOWN: std::time::Duration = std::time::Duration::from_millis(1500);

pub struct Pty {
    writer: Writer,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    // Kept so that another program can run in the same terminal afterwards
    // (`stty -a`: did kaohe leave raw mode?).
    slave: Box<dyn SlavePty + Send>,
    _master: Box<dyn MasterPty + Send>,
    pub rows: u16,
    pub cols: u16,
}

impl Pty {
    /// Start kaohe with these arguments, config and data dirs and extra
    /// environment variables.
    pub fn start(args: &[&str], config: &Path, data: &Path, env: &[(&str, &str)], rows: u16, cols: u16) -> Pty {
        let pty = NativePtySystem::default()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kaohe"));
        cmd.args(args);
        cmd.env("KAOHE_CONFIG_DIR", config);
        cmd.env("KAOHE_DATA_DIR", data);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn kaohe");
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer: Writer = Arc::new(Mutex::new(pty.master.take_writer().expect("writer")));
        let nonzero = |n: u16| std::num::NonZeroU16::new(n).expect("a terminal has at least one row and column");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nonzero(rows), nonzero(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (sink, raw_sink, answer) = (Arc::clone(&screen), Arc::clone(&raw), Arc::clone(&writer));
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut r) = raw_sink.lock() {
                    r.extend_from_slice(&buf[..n]);
                }
                let Ok(mut p) = sink.lock() else { break };
                p.process(&buf[..n]);
                // Answer "where is the cursor?" as a real terminal does.
                if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
                    let (row, col) = p.screen().cursor_position();
                    if let Ok(mut w) = answer.lock() {
                        let _ = write!(w, "\x1b[{};{}R", row + 1, col + 1);
                        let _ = w.flush();
                    }
                }
            }
        });
        Pty {
            writer,
            screen,
            raw,
            child,
            slave: pty.slave,
            _master: pty.master,
            rows,
            cols,
        }
    }

    /// The screen as text, normalised like [`screen_text`].
    pub fn contents(&self) -> String {
        let text = self.screen.lock().map(|p| p.screen().contents()).unwrap_or_default();
        normalise(&text)
    }

    pub fn alternate_screen(&self) -> bool {
        self.screen
            .lock()
            .map(|p| p.screen().alternate_screen())
            .unwrap_or(true)
    }

    pub fn cursor_hidden(&self) -> bool {
        self.screen.lock().map(|p| p.screen().hide_cursor()).unwrap_or(true)
    }

    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Wait until the screen shows `text`.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("the screen to show {text:?}"), |pty| {
            pty.contents().contains(text)
        });
    }

    /// Wait (20 s at most) until `ready` holds for the terminal.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&Pty) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if ready(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(15));
        }
        panic!("waited in vain for {what}; the screen shows:\n{}", self.contents());
    }

    /// Type bytes at once. Nothing waits a fixed time: kaohe handles keys in
    /// order, and a test waits for the screen that shows they were taken.
    pub fn send(&self, bytes: &str) {
        let mut w = self.writer.lock().expect("writer");
        w.write_all(bytes.as_bytes()).expect("write to pty");
        w.flush().expect("flush");
    }

    /// Type a key string as a hand does, a key at a time, each once kaohe
    /// has shown it took the one before (or a moment has passed, for a key
    /// that changes nothing): keys that arrive together are one burst, which
    /// kaohe takes as pasted text.
    /// Press the keys of a key string a short gap apart, waiting for
    /// nothing else: for a test that waits for its own screen after each.
    pub fn press(&self, keys: &str) {
        for key in key_bytes(keys) {
            self.send(&key);
            std::thread::sleep(KEY_GAP);
        }
    }

    pub fn type_keys(&self, keys: &str) {
        for key in key_bytes(keys) {
            let before = self.contents();
            self.send(&key);
            let deadline = Instant::now() + KEY_SHOWN;
            while Instant::now() < deadline && self.contents() == before {
                std::thread::sleep(Duration::from_millis(5));
            }
            std::thread::sleep(KEY_GAP);
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    /// SIGKILL, as `kill -9` does: no handler runs, nothing is flushed.
    pub fn kill9(&mut self) {
        let status = std::process::Command::new("kill")
            .args(["-9", &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -9 failed");
        let _ = self.wait_exit();
    }

    /// The exit status, once kaohe has exited (20 s at most).
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(15));
        }
        let _ = self.child.kill();
        panic!("kaohe did not exit; screen:\n{}", self.contents());
    }

    /// After kaohe has exited: `stty -a` in the same terminal, its output.
    pub fn stty(&self) -> String {
        const BEGIN: &str = "STTY-BEGIN";
        const END: &str = "STTY-END";
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", &format!("echo {BEGIN}; stty -a; echo {END}")]);
        let mut child = self.slave.spawn_command(cmd).expect("spawn stty");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let raw = String::from_utf8_lossy(&self.raw_output()).into_owned();
            if let (Some(b), Some(e)) = (raw.rfind(&format!("{BEGIN}\r\n")), raw.rfind(END))
                && e > b
            {
                let _ = child.wait();
                return raw[b + BEGIN.len()..e].to_string();
            }
            assert!(Instant::now() < deadline, "stty printed nothing: {raw:?}");
            std::thread::sleep(Duration::from_millis(15));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// The app as the terminal would show it at this size: each line's text (a
/// wide glyph once), normalised like [`Pty::contents`].
pub fn screen_text(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| render(app, f)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        let mut x = 0;
        while x < width {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        out.push('\n');
    }
    normalise(&out)
}

/// Trailing blanks on each line and trailing empty lines removed: the two
/// screens differ only there.
fn normalise(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let end = lines.iter().rposition(|l| !l.is_empty()).map_or(0, |i| i + 1);
    lines[..end].join("\n")
}

/// What an analyst types, in chunks: scores (some refused), moves, undo and
/// redo, notes, evidence flags, checklist ticks, views.
pub const ANALYST_KEYS: &[&str] = &[
    "1<ret>",
    "0.5<ret>",
    "2.25<ret>",
    "0<ret>",
    "9<ret><esc>",
    "=1<ret>",
    "<down>",
    "<up>",
    "<down><down>",
    "]",
    "[",
    "n",
    "v",
    "u",
    "u",
    "<C-r>",
    "<backspace>",
    "m",
    "i依据：现场核查<ret>",
    "<space>",
    "<right><space><left>",
    "<tab>",
    "<esc>",
    "1.5<ret>",
    "是<ret>",
    "t1<ret>",
    "t0 1<ret>",
    "t90<ret>",
    "ty<ret>",
    "3<tab><ret>",
    "i第一行<C-j>第二行<ret>",
];

/// Key strings as a terminal sends them.
pub fn terminal_bytes(keys: &str) -> String {
    key_bytes(keys).concat()
}

/// Each key of a key string in its own key string: `1<ret>` is `1`, `<ret>`.
pub fn keys_of(keys: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = keys.chars();
    while let Some(c) = chars.next() {
        if c == '<' {
            let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
            out.push(format!("<{name}>"));
        } else {
            out.push(c.to_string());
        }
    }
    out
}

/// Each key of a key string as the terminal sends it, one string a key.
pub fn key_bytes(keys: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = keys.chars();
    while let Some(c) = chars.next() {
        if c != '<' {
            out.push(c.to_string());
            continue;
        }
        let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
        out.push(String::from(match name.as_str() {
            "ret" => "\r",
            "esc" => "\x1b",
            "tab" => "\t",
            "space" => " ",
            "backspace" => "\x7f",
            "up" => "\x1b[A",
            "down" => "\x1b[B",
            "right" => "\x1b[C",
            "left" => "\x1b[D",
            "C-r" => "\x12",
            "C-j" => "\n",
            other => panic!("no terminal bytes for <{other}>"),
        }));
    }
    out
}

/// Copy a directory tree (a data dir, to start a reference from the same state).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    let Ok(entries) = std::fs::read_dir(from) else {
        return;
    };
    for entry in entries {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
