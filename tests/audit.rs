//! The audit log: after a long random session in the workbench, the draft
//! rebuilt from the log alone equals the saved one; `kaohe draft rebuild`
//! checks a draft and brings back a damaged one.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::ANALYST_KEYS;
use kaohe::commands::synth::Rng;
use kaohe::config::Dirs;
use kaohe::io::audit_log;
use kaohe::io::drafts::DraftStore;
use kaohe::lang::Lang;
use kaohe::tui::workbench::StartArgs;
use kaohe::tui::workbench::Workbench;

fn start(dirs: &Dirs, dept: &str) -> Workbench {
    let args = StartArgs {
        rubric: Some("suizhou-2022".into()),
        dept: Some(dept.into()),
        scorer: Some("张三".into()),
        keymap: None,
        lang: Some(Lang::Zh),
    };
    Workbench::start(&args, dirs.clone(), false).expect("start")
}

#[test]
fn a_long_random_session_is_rebuilt_exactly_from_its_log() {
    for (seed, dept) in [(1, "市场监督"), (2, "交通"), (3, "农业")] {
        let root = tempfile::tempdir().expect("temp");
        let dirs = Dirs::at(root.path().join("c"), root.path().join("d"));
        let mut wb = start(&dirs, dept);
        let department = wb.app.session().expect("session").department.clone();
        let mut rng = Rng::new(seed);
        for step in 0..600 {
            let keys = ANALYST_KEYS[rng.below(ANALYST_KEYS.len() as u64) as usize];
            wb.feed(keys).expect("keys");
            if step % 150 == 149 {
                // Leave and come back: the log goes on across sessions.
                wb.finish();
                drop(wb);
                wb = start(&dirs, dept);
            }
        }
        wb.finish();
        drop(wb);
        let store = DraftStore::new(&dirs.data);
        let saved = store.load("suizhou-2022", &department).expect("load").expect("a draft");
        assert!(
            saved.cells.values().map(|r| r.len()).sum::<usize>() > 3,
            "the session scored something"
        );
        let log = audit_log::log_path(&store.path("suizhou-2022", &department));
        let entries = audit_log::read(&log).expect("log");
        assert!(entries.len() > 20, "{} entries", entries.len());
        let mut rebuilt = audit_log::rebuild(&log, &entries).expect("rebuild");
        rebuilt.position = saved.position.clone();
        assert_eq!(rebuilt, saved, "seed {seed}");
    }
}

#[test]
fn draft_rebuild_checks_a_draft_and_restores_a_damaged_one() {
    let root = tempfile::tempdir().expect("temp");
    let dirs = Dirs::at(root.path().join("c"), root.path().join("d"));
    let mut wb = start(&dirs, "水利");
    wb.feed("0.5<ret>1<ret>i好<ret>").expect("keys");
    wb.finish();
    drop(wb);
    let run = || {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code =
            kaohe::commands::draft::rebuild("suizhou-2022", Some("水利"), &dirs, &mut out, &mut err).expect("io");
        (
            code,
            String::from_utf8_lossy(&out).into_owned() + &String::from_utf8_lossy(&err),
        )
    };
    let (code, said) = run();
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("matches its audit log"), "{said}");

    let store = DraftStore::new(&dirs.data);
    let path = store.path("suizhou-2022", "市水利和湖泊局");
    let good = store
        .load("suizhou-2022", "市水利和湖泊局")
        .expect("load")
        .expect("draft");
    std::fs::write(&path, "{\"format\":1,\"rub").expect("damage");
    let (code, said) = run();
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("rebuilt") && said.contains("moved it to"), "{said}");
    let restored = store
        .load("suizhou-2022", "市水利和湖泊局")
        .expect("load")
        .expect("draft");
    assert_eq!(restored.cells, good.cells);
    assert!(
        restored.cells.values().flat_map(|r| r.values()).any(|c| c.note == "好"),
        "the note came back too"
    );
}
