//! The real binary in a pseudo-terminal, as a new user meets it: choose a
//! rubric and a department, search, score two cells, quit, start again and
//! find the scores there.

use portable_pty::{CommandBuilder, NativePtySystem, PtySize, PtySystem};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROWS: u16 = 30;
const COLS: u16 = 100;

type Writer = Arc<Mutex<Box<dyn Write + Send>>>;

struct Session {
    writer: Writer,
    screen: Arc<Mutex<vt100::Parser>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(config: &std::path::Path, data: &std::path::Path) -> Session {
        let pty = NativePtySystem::default()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kaohe"));
        cmd.env("KAOHE_CONFIG_DIR", config);
        cmd.env("KAOHE_DATA_DIR", data);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        let child = pty.slave.spawn_command(cmd).expect("spawn kaohe");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer: Writer = Arc::new(Mutex::new(pty.master.take_writer().expect("writer")));
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::MIN.saturating_add(ROWS - 1),
            std::num::NonZeroU16::MIN.saturating_add(COLS - 1),
            0,
        )));
        let sink = Arc::clone(&screen);
        let answer = Arc::clone(&writer);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
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
        // Keep the master alive as long as the session.
        std::mem::forget(pty.master);
        Session { writer, screen, child }
    }

    fn contents(&self) -> String {
        self.screen.lock().map(|p| p.screen().contents()).unwrap_or_default()
    }

    /// Wait until the screen shows `text`.
    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("screen never showed {text:?}; it shows:\n{}", self.contents());
    }

    fn type_keys(&mut self, bytes: &str) {
        let mut w = self.writer.lock().expect("writer");
        w.write_all(bytes.as_bytes()).expect("write to pty");
        w.flush().expect("flush");
        drop(w);
        std::thread::sleep(Duration::from_millis(120));
    }

    fn wait_exit(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "kaohe exited with {status:?}");
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        let _ = self.child.kill();
        panic!("kaohe did not exit; screen:\n{}", self.contents());
    }
}

#[test]
fn choose_search_score_quit_and_resume() {
    let root = tempfile::tempdir().expect("temp dir");
    let (config, data) = (root.path().join("config"), root.path().join("data"));

    let mut s = Session::start(&config, &data);
    s.wait_for("suizhou-2022");
    s.type_keys("suizhou\r");
    s.wait_for("市水利和湖泊局");
    s.type_keys("水利\r");
    s.type_keys("王五\r");
    s.wait_for("曾都区");
    s.type_keys("/shuili");
    s.wait_for("水利建设");
    s.type_keys("\r4\r3\r");
    s.wait_for("已保存");
    s.type_keys("q");
    s.wait_exit();

    let mut s = Session::start(&config, &data);
    s.wait_for("suizhou-2022");
    s.type_keys("\r");
    s.wait_for("市水利和湖泊局");
    s.type_keys("\r\r");
    s.wait_for("王五");
    // Walk by item: the districts pane shows each district's score for the item.
    s.type_keys("v");
    s.wait_for("按项目");
    let screen = s.contents();
    let line = |name: &str| {
        screen
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line("曾都区").contains(" 4"), "{screen}");
    assert!(line("随县").contains(" 3"), "{screen}");
    s.type_keys("q");
    s.wait_exit();
}
