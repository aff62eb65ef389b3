//! A data dir that cannot be written (full, read-only, gone): the analyst is
//! told, the edits stay in memory, and they reach the disk by themselves once
//! writing works again. Nothing is lost, not even on quitting meanwhile.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::Pty;
use kaohe::config::Dirs;
use kaohe::io::audit_log;
use kaohe::io::drafts::DraftStore;
use kaohe::lang::Lang;
use kaohe::scoring::draft::Draft;
use kaohe::tui::workbench::StartArgs;
use kaohe::tui::workbench::Workbench;
use std::path::{Path, PathBuf};
use std::process::Command;

const RUBRIC: &str = "suizhou-2022";
const WATER: &str = "市水利和湖泊局";

fn start(dirs: &Dirs) -> Workbench {
    let args = StartArgs {
        rubric: Some(RUBRIC.into()),
        dept: Some("水利".into()),
        scorer: Some("张三".into()),
        keymap: None,
        lang: Some(Lang::Zh),
    };
    Workbench::start(&args, dirs.clone(), false).expect("start")
}

fn on_disk(data: &Path) -> Draft {
    DraftStore::new(data)
        .load(RUBRIC, WATER)
        .expect("the draft parses")
        .expect("a draft")
}

fn scores(draft: &Draft) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = draft
        .cells
        .iter()
        .flat_map(|(district, row)| {
            row.values()
                .filter_map(move |c| c.score.map(|s| (district.clone(), s.to_string())))
        })
        .collect();
    out.sort();
    out
}

fn message(wb: &Workbench) -> String {
    wb.app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

/// The drafts dir swapped for a plain file: every write fails, as on a
/// drive that went away, even for root (who ignores permissions).
struct Broken {
    drafts: PathBuf,
    away: PathBuf,
}

impl Broken {
    fn break_it(data: &Path) -> Broken {
        let drafts = data.join("drafts");
        let away = data.join("drafts.away");
        std::fs::rename(&drafts, &away).expect("move the drafts dir away");
        std::fs::write(&drafts, "not a directory").expect("block it");
        Broken { drafts, away }
    }

    fn mend(self) {
        std::fs::remove_file(&self.drafts).expect("unblock");
        std::fs::rename(&self.away, &self.drafts).expect("bring the drafts dir back");
    }
}

#[test]
fn a_failed_save_keeps_the_edits_in_memory_and_saves_them_when_writing_works() {
    let root = tempfile::tempdir().expect("temp");
    let dirs = Dirs::at(root.path().join("c"), root.path().join("d"));
    let mut wb = start(&dirs);
    wb.feed("0.5<ret>").expect("keys");
    assert_eq!(scores(&on_disk(&dirs.data)).len(), 1);

    let broken = Broken::break_it(&dirs.data);
    wb.feed("1<ret>1.5<ret>").expect("keys");
    assert!(wb.has_unsaved());
    let said = message(&wb);
    assert!(
        said.contains("保存失败") && said.contains("drafts"),
        "names the failure and the file: {said}"
    );
    let in_memory = wb.app.session().expect("session").draft.clone();
    assert_eq!(scores(&in_memory).len(), 3, "the edits are kept");

    // Quitting now would lose them: refused once, with the reason.
    wb.feed("q").expect("keys");
    assert!(!wb.app.quit, "the first quit is refused");
    assert!(message(&wb).contains("修改尚未写入磁盘"), "{}", message(&wb));
    wb.retry_save();
    assert!(wb.has_unsaved(), "still failing: nothing pretends otherwise");

    broken.mend();
    wb.retry_save();
    assert!(!wb.has_unsaved());
    assert!(message(&wb).contains("已保存"), "{}", message(&wb));
    let saved = on_disk(&dirs.data);
    assert_eq!(scores(&saved), scores(&in_memory), "everything reached the disk");
    let log = audit_log::log_path(&DraftStore::new(&dirs.data).path(RUBRIC, WATER));
    let rebuilt = audit_log::rebuild(&log, &audit_log::read(&log).expect("log")).expect("rebuild");
    assert_eq!(rebuilt.cells, saved.cells, "and the log agrees with it");
    wb.feed("q").expect("keys");
    assert!(wb.app.quit, "saved: quit goes at once");
    assert!(wb.finish().is_none(), "nothing to rescue");
}

#[test]
fn quitting_twice_while_the_disk_refuses_rescues_the_edits_to_a_file() {
    let root = tempfile::tempdir().expect("temp");
    let dirs = Dirs::at(root.path().join("c"), root.path().join("d"));
    let mut wb = start(&dirs);
    wb.feed("0.5<ret>").expect("keys");
    let _broken = Broken::break_it(&dirs.data);
    wb.feed("1<ret>qq").expect("keys");
    assert!(wb.app.quit, "the second quit goes");
    let told = wb.finish().expect("something to tell on stderr");
    let rescue = told
        .split_whitespace()
        .find(|w| w.contains("kaohe-unsaved-"))
        .map(|w| w.trim_end_matches([':', '.', ',']))
        .unwrap_or_else(|| panic!("names the rescue file: {told}"));
    let text = std::fs::read_to_string(rescue).expect("the rescue file");
    let draft: Draft = serde_json::from_str(&text).expect("a draft");
    assert_eq!(scores(&draft).len(), 2, "both edits are in it: {text}");
    assert!(told.contains("drafts"), "says where to put it back: {told}");
    let _ = std::fs::remove_file(rescue);
}

/// A small tmpfs of our own, unmounted however the test ends.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// None where this platform or user cannot mount one.
    fn mount(at: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(at.to_path_buf()))
    }

    fn remount(&self, how: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{how}")])
            .arg(&self.0)
            .status()
            .expect("run mount");
        assert!(status.success(), "remount {how}");
    }

    /// Write until the filesystem says it is full.
    fn fill(&self) -> PathBuf {
        use std::io::Write;
        let filler = self.0.join("filler");
        let mut file = std::fs::File::create(&filler).expect("filler");
        let block = vec![0u8; 64 * 1024];
        while file.write_all(&block).and_then(|()| file.sync_all()).is_ok() {}
        filler
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn the_real_binary_on_a_full_and_then_read_only_data_dir() {
    let root = tempfile::tempdir().expect("temp");
    let Some(fs) = Tmpfs::mount(&root.path().join("data"), "1m") else {
        eprintln!(
            "skipped: cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN); \
             the simulated write errors above cover the workbench"
        );
        return;
    };
    let (config, data) = (root.path().join("config"), fs.0.clone());
    let args = ["--rubric", RUBRIC, "--dept", "水利", "--scorer", "张三", "--lang", "zh"];
    let mut pty = Pty::start(&args, &config, &data, &[], 30, 100);
    pty.wait_for("考核对象");
    pty.type_keys("1<ret>");
    pty.wait_for("已保存");

    // Full: the score is refused by the disk, kept on screen and in memory.
    let filler = fs.fill();
    pty.type_keys("1<ret>");
    pty.wait_for("保存失败");
    pty.wait_for("保存失败，修改仍在内存中，可写入后自动保存 (磁盘已满)");
    pty.send("q");
    pty.wait_for("修改尚未写入磁盘");
    assert_eq!(scores(&on_disk(&data)).len(), 1, "the disk has the first score only");
    // Room again: saved within a second or so, without a key pressed.
    std::fs::remove_file(&filler).expect("free the space");
    pty.wait_for("已保存：此前未能写入的修改现已全部写入磁盘");
    assert_eq!(scores(&on_disk(&data)).len(), 2);

    // Read-only: the same, and back once it is writable.
    fs.remount("ro");
    pty.type_keys("1.5<ret>");
    pty.wait_for("(磁盘只读)");
    fs.remount("rw");
    pty.wait_for("已保存：此前未能写入的修改现已全部写入磁盘");
    let saved = on_disk(&data);
    assert_eq!(scores(&saved).len(), 3, "{:?}", scores(&saved));
    let log = audit_log::log_path(&DraftStore::new(&data).path(RUBRIC, WATER));
    let rebuilt =
        audit_log::rebuild(&log, &audit_log::read(&log).expect("the log reads: no torn line")).expect("rebuild");
    assert_eq!(rebuilt.cells, saved.cells);

    pty.send("q");
    assert!(pty.wait_exit().success());
}

/// Finding 3: on a full disk `merged.json` and `merged.csv` were new while
/// `merged.xlsx` was the previous run's, and the error did not say so. The
/// set goes in whole or not at all, and the message says which.
#[test]
fn reports_on_a_full_disk_replace_none_of_the_previous_set() {
    let root = tempfile::tempdir().expect("temp");
    let Some(fs) = Tmpfs::mount(&root.path().join("reports"), "4m") else {
        eprintln!("skipped: cannot mount a tmpfs here; report_set's tests cover a set that cannot be written whole");
        return;
    };
    let round = common::synth_round::SynthRound {
        root: root.path().to_path_buf(),
    };
    let merge = |seed: u64| {
        round.synth(seed);
        round.kaohe(&round.merge_args(seed, &fs.0)).output().expect("merge")
    };
    let first = merge(1);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let before = common::synth_round::read_reports(&fs.0);
    assert!(before.iter().all(Option::is_some), "the first set is whole");
    let _filler = fs.fill();
    let second = merge(2);
    assert!(!second.status.success(), "the disk is full");
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(
        said.contains("一个也没有被替换") && said.contains("原有的一套完整"),
        "{said}"
    );
    assert!(
        before == common::synth_round::read_reports(&fs.0),
        "every report is the previous run's"
    );
    assert_eq!(
        common::synth_round::names_in(&fs.0),
        ["filler", "merged-通报.docx", "merged.csv", "merged.json", "merged.xlsx"],
        "no temp file or journal left beside the disk's filler"
    );
}
