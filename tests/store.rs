//! Drafts on disk (atomic writes, locks, refusing bad files) and the
//! remembered settings.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kaohe::config::{ConfigError, Dirs, MAX_RECENT_FILES, Settings};
use kaohe::io::atomic::write_atomic;
use kaohe::io::drafts::{DraftStore, StoreError};
use kaohe::lang::Lang;
use kaohe::scoring::draft::{Cell, DRAFT_FORMAT, Draft, HelperInput, Position, Walk};
use rust_decimal_macros::dec;
use std::ffi::OsStr;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

fn sample_draft() -> Draft {
    let mut draft = Draft::new("suizhou-2022", "abc123", "市水利局", "张三");
    draft.set_cell(
        "曾都区",
        "1.1.3",
        Cell {
            score: Some(dec!(2.25)),
            note: "文件齐全 ✅\n第二行：见附件 📎".to_string(),
            ..Cell::default()
        },
    );
    draft.set_cell(
        "随县",
        "3.2#1",
        Cell {
            score: Some(dec!(-0.5)),
            input: Some(HelperInput::PerEvent {
                counts: vec![1, 0],
                events: vec![],
            }),
            evidence_missing: true,
            ..Cell::default()
        },
    );
    draft.set_cell(
        "广水市",
        "2.1.2",
        Cell {
            score: Some(dec!(1.50)),
            input: Some(HelperInput::Checklist {
                ticked: vec!["1".into(), "3".into()],
            }),
            ..Cell::default()
        },
    );
    draft.set_cell(
        "随州高新区",
        "9.1",
        Cell {
            veto: Some(false),
            ..Cell::default()
        },
    );
    draft.position = Position {
        walk: Walk::Item,
        district: Some("随县".into()),
        unit: Some("3.2#1".into()),
    };
    draft
}

/// Everything in a directory, so a leftover temp file shows up.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn draft_round_trip_keeps_every_character_and_decimal() {
    let data = tempfile::tempdir().unwrap();
    let store = DraftStore::new(data.path());
    let draft = sample_draft();
    assert_eq!(store.load("suizhou-2022", "市水利局").unwrap(), None);

    store.save(&draft).unwrap();
    let path = store.path("suizhou-2022", "市水利局");
    assert_eq!(path.parent().unwrap(), data.path().join("drafts"));
    let text = fs::read_to_string(&path).unwrap();
    // Decimals are strings with their scale, so 1.50 does not become 1.5 or 1.4999…
    assert!(
        text.contains("\"-0.5\"") && text.contains("\"2.25\"") && text.contains("\"1.50\""),
        "{text}"
    );
    assert!(text.contains("曾都区"), "Chinese is written as is: {text}");

    let loaded = store.load("suizhou-2022", "市水利局").unwrap().unwrap();
    assert_eq!(loaded, draft);
    assert_eq!(loaded.cell("随县", "3.2#1").unwrap().score, Some(dec!(-0.5)));
    assert_eq!(
        loaded.cell("曾都区", "1.1.3").unwrap().note,
        "文件齐全 ✅\n第二行：见附件 📎"
    );

    // Saving again replaces, and leaves nothing behind but the audit log.
    let mut changed = loaded;
    changed.set_cell("曾都区", "1.1.3", Cell::default());
    store.save(&changed).unwrap();
    assert_eq!(store.load("suizhou-2022", "市水利局").unwrap().unwrap(), changed);
    let log = kaohe::io::audit_log::log_path(&path);
    let mut expected = vec![
        path.file_name().unwrap().to_string_lossy(),
        log.file_name().unwrap().to_string_lossy(),
    ];
    expected.sort();
    assert_eq!(entries(&data.path().join("drafts")), expected);
    let logged = kaohe::io::audit_log::read(&log).unwrap();
    // Everything but where the cursor was, which is not a change.
    let mut without_position = changed.clone();
    without_position.position = Default::default();
    assert_eq!(kaohe::io::audit_log::rebuild(&log, &logged).unwrap(), without_position);
}

#[test]
fn write_atomic_replaces_content_creates_dirs_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/scores.json");
    write_atomic(&path, b"first").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"first");
    write_atomic(&path, "第二次 second".as_bytes()).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "第二次 second");
    write_atomic(&path, b"").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"");
    assert_eq!(entries(&dir.path().join("a/b")), vec!["scores.json"]);
}

#[cfg(unix)]
#[test]
fn write_atomic_keeps_permissions_and_writes_through_symlinks() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.key");
    fs::write(&real, b"old").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.key");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    write_atomic(&link, b"new").unwrap();
    assert!(
        fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
        "the link is kept"
    );
    assert_eq!(fs::read(&real).unwrap(), b"new");
    assert_eq!(fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o600);
}

/// Root ignores directory permissions, so when the tests run as root a
/// read-only directory proves nothing; this reports whether it does.
#[cfg(unix)]
fn permissions_enforced(dir: &Path) -> bool {
    let probe = dir.join("probe");
    let enforced = fs::write(&probe, b"").is_err();
    let _ = fs::remove_file(&probe);
    enforced
}

#[cfg(unix)]
#[test]
fn write_into_read_only_dir_fails_naming_the_path_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).unwrap();
    let path = ro.join("draft.json");
    fs::write(&path, b"old content").unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    if !permissions_enforced(&ro) {
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("running as root: read-only directories are writable; see the rename-failure test instead");
        return;
    }
    let err = write_atomic(&path, b"new content").unwrap_err();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(err.kind(), std::io::ErrorKind::PermissionDenied);
    assert!(err.to_string().contains(&ro.display().to_string()), "{err}");
    assert_eq!(fs::read(&path).unwrap(), b"old content");
    assert_eq!(entries(&ro), vec!["draft.json"]);

    // The same through the draft store: an Io error that names the draft.
    let data = dir.path().join("data");
    let store = DraftStore::new(&data);
    let draft = sample_draft();
    store.save(&draft).unwrap();
    let before = fs::read(store.path(&draft.rubric, &draft.department)).unwrap();
    fs::set_permissions(store.dir(), fs::Permissions::from_mode(0o555)).unwrap();
    let mut changed = draft.clone();
    changed.scorer = "李四".into();
    let err = store.save(&changed).unwrap_err();
    fs::set_permissions(store.dir(), fs::Permissions::from_mode(0o755)).unwrap();
    assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains(&store.path(&draft.rubric, &draft.department).display().to_string()),
        "{err}"
    );
    assert_eq!(fs::read(store.path(&draft.rubric, &draft.department)).unwrap(), before);
}

/// Fails even as root: a file cannot be renamed over a non-empty directory.
#[test]
fn failed_rename_names_the_path_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taken");
    fs::create_dir(&path).unwrap();
    fs::write(path.join("inside"), b"keep me").unwrap();
    let err = write_atomic(&path, b"new").unwrap_err();
    assert!(err.to_string().contains(&path.display().to_string()), "{err}");
    assert_eq!(fs::read(path.join("inside")).unwrap(), b"keep me");
    assert_eq!(entries(dir.path()), vec!["taken"]);
}

#[test]
fn parent_that_is_a_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain");
    fs::write(&file, b"x").unwrap();
    let err = write_atomic(&file.join("child.json"), b"new").unwrap_err();
    assert!(err.to_string().contains(&file.display().to_string()), "{err}");
    assert_eq!(fs::read(&file).unwrap(), b"x");
}

#[test]
fn second_lock_is_refused_naming_the_holder_until_the_first_is_dropped() {
    let data = tempfile::tempdir().unwrap();
    let store = DraftStore::new(data.path());
    let first = store.lock("suizhou-2022", "市水利局", "张三").unwrap();
    assert_eq!(first.draft_path(), store.path("suizhou-2022", "市水利局"));

    let err = store.lock("suizhou-2022", "市水利局", "李四").unwrap_err();
    match &err {
        StoreError::Locked { path, holder } => {
            assert_eq!(path, &store.path("suizhou-2022", "市水利局"));
            assert_eq!(holder.pid, Some(std::process::id()));
            assert_eq!(holder.scorer.as_deref(), Some("张三"));
        }
        other => panic!("expected Locked, got {other:?}"),
    }
    let message = err.to_string();
    assert!(message.contains(&format!("pid {}", std::process::id())), "{message}");
    assert!(
        message.contains("张三") && message.contains("close it first"),
        "{message}"
    );

    // Another department's draft is not affected.
    let other = store.lock("suizhou-2022", "市教育局", "李四").unwrap();

    drop(first);
    let again = store.lock("suizhou-2022", "市水利局", "李四").unwrap();
    drop((again, other));
}

/// Windows' rule, kept everywhere: a locked file's bytes are barred to every
/// handle but the one that locked it (LockFileEx), so kaohe neither writes
/// nor reads the lock file; the holder's name is in a file beside it. (Unix
/// locks are advisory, so the rule itself cannot be enforced here: the test
/// holds kaohe to it.)
#[test]
fn the_locked_file_is_never_written_and_the_holder_is_named_beside_it() {
    let data = tempfile::tempdir().unwrap();
    let store = DraftStore::new(data.path());
    let first = store.lock("suizhou-2022", "市水利局", "张三").unwrap();
    assert_eq!(
        fs::metadata(first.path()).unwrap().len(),
        0,
        "the locked file stays empty"
    );
    let mut holder = first.path().as_os_str().to_owned();
    holder.push(".holder");
    let named = fs::read_to_string(&holder).unwrap();
    assert!(named.contains("张三"), "{named}");
    // A second lock is refused with the name read from beside the lock.
    match store.lock("suizhou-2022", "市水利局", "李四") {
        Err(StoreError::Locked { holder, .. }) => assert_eq!(holder.scorer.as_deref(), Some("张三")),
        other => panic!("expected Locked, got {other:?}"),
    }
    drop(first);
    // The next holder's name replaces the last one's.
    let second = store.lock("suizhou-2022", "市水利局", "李四").unwrap();
    assert_eq!(fs::metadata(second.path()).unwrap().len(), 0);
    assert!(fs::read_to_string(&holder).unwrap().contains("李四"));
}

const HOLDER_VAR: &str = "KAOHE_TEST_LOCK_HOLDER";

/// Not a test: the child process of
/// `lock_of_a_killed_process_is_released`, which runs this test binary with
/// the data dir in an environment variable of the child only.
#[test]
#[ignore = "helper process for lock_of_a_killed_process_is_released"]
fn lock_holder_helper() {
    let Some(data) = std::env::var_os(HOLDER_VAR) else {
        return;
    };
    let store = DraftStore::new(Path::new(&data));
    let _lock = store.lock("suizhou-2022", "市水利局", "子进程").unwrap();
    println!("locked");
    std::thread::sleep(std::time::Duration::from_secs(60));
}

/// A failing assertion must not leave the helper running.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn lock_of_a_killed_process_is_released() {
    let data = tempfile::tempdir().unwrap();
    let store = DraftStore::new(data.path());
    let child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "lock_holder_helper",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(HOLDER_VAR, data.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut child = KillOnDrop(child);
    let stdout = child.0.stdout.take().unwrap();
    // libtest prints "test lock_holder_helper ... " on the same line.
    let locked = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|line| line.trim_end().ends_with("locked"));
    assert!(locked, "the helper process did not take the lock");
    let child = &mut child.0;

    let err = store.lock("suizhou-2022", "市水利局", "张三").unwrap_err();
    match err {
        StoreError::Locked { holder, .. } => {
            assert_eq!(holder.pid, Some(child.id()));
            assert_eq!(holder.scorer.as_deref(), Some("子进程"));
        }
        other => panic!("expected Locked, got {other:?}"),
    }

    child.kill().unwrap();
    child.wait().unwrap();
    let lock = store.lock("suizhou-2022", "市水利局", "张三").unwrap();
    assert!(lock.path().exists());
}

#[test]
fn corrupt_draft_is_reported_with_line_and_column_and_never_touched() {
    let data = tempfile::tempdir().unwrap();
    let store = DraftStore::new(data.path());
    let path = store.path("suizhou-2022", "市水利局");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let broken = "{\n  \"format\": 1,\n  \"rubric\": \"suizhou-2022\",\n  \"department\": 市水利局\n}\n";
    fs::write(&path, broken).unwrap();

    let err = store.load("suizhou-2022", "市水利局").unwrap_err();
    match &err {
        StoreError::Corrupt {
            path: p, line, column, ..
        } => {
            assert_eq!(p, &path);
            assert_eq!((*line, *column), (4, 17));
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
    let message = err.to_string();
    assert!(message.contains(&format!("{}:4:17", path.display())), "{message}");
    assert!(message.contains("untouched"), "{message}");

    // Saving a fresh draft over it is refused too.
    let fresh = Draft::new("suizhou-2022", "abc123", "市水利局", "张三");
    assert!(matches!(store.save(&fresh), Err(StoreError::Corrupt { .. })));
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
    assert_eq!(entries(store.dir()), vec![path.file_name().unwrap().to_string_lossy()]);
}

#[test]
fn wrong_types_and_missing_fields_are_corrupt_too() {
    let data = tempfile::tempdir().unwrap();
    let store = DraftStore::new(data.path());
    let path = store.path("r", "d");
    fs::create_dir_all(store.dir()).unwrap();

    fs::write(&path, "").unwrap();
    assert!(matches!(store.load("r", "d"), Err(StoreError::Corrupt { line: 1, .. })));

    let mut draft = serde_json::to_value(Draft::new("r", "h", "d", "s")).unwrap();
    draft["cells"] = serde_json::json!({"区": {"1.1": {"score": "很好"}}});
    fs::write(&path, serde_json::to_string_pretty(&draft).unwrap()).unwrap();
    let err = store.load("r", "d").unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { line, .. } if line > 1), "{err:?}");
}

#[test]
fn draft_from_a_newer_kaohe_is_refused_and_kept() {
    let data = tempfile::tempdir().unwrap();
    let store = DraftStore::new(data.path());
    let path = store.path("suizhou-2022", "市水利局");
    fs::create_dir_all(store.dir()).unwrap();
    let newer = format!("{{\"format\": {}, \"shape\": \"unknown to us\"}}", DRAFT_FORMAT + 1);
    fs::write(&path, &newer).unwrap();

    let err = store.load("suizhou-2022", "市水利局").unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found, .. } if found == DRAFT_FORMAT + 1),
        "{err:?}"
    );
    assert!(err.to_string().contains("newer kaohe"), "{err}");
    let fresh = Draft::new("suizhou-2022", "abc123", "市水利局", "张三");
    assert!(matches!(store.save(&fresh), Err(StoreError::TooNew { .. })));
    assert_eq!(fs::read_to_string(&path).unwrap(), newer);
}

#[test]
fn draft_of_another_department_in_the_file_is_a_mismatch() {
    let data = tempfile::tempdir().unwrap();
    let store = DraftStore::new(data.path());
    let path = store.path("suizhou-2022", "市水利局");
    fs::create_dir_all(store.dir()).unwrap();
    let other = serde_json::to_string(&Draft::new("suizhou-2022", "h", "市教育局", "李四")).unwrap();
    fs::write(&path, &other).unwrap();

    let err = store.load("suizhou-2022", "市水利局").unwrap_err();
    match &err {
        StoreError::Mismatch {
            found_department,
            expected_department,
            ..
        } => {
            assert_eq!(found_department, "市教育局");
            assert_eq!(expected_department, "市水利局");
        }
        other => panic!("expected Mismatch, got {other:?}"),
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), other);
}

#[test]
fn draft_path_is_safe_distinct_and_stable() {
    let data = tempfile::tempdir().unwrap();
    let store = DraftStore::new(data.path());
    let path = store.path("suizhou-2022", "市/水利:局");
    assert_eq!(path.parent().unwrap(), store.dir());
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("suizhou-2022--") && name.ends_with(".json"), "{name}");
    assert!(
        name.contains("市") && name.contains("水利") && name.contains("局"),
        "{name}"
    );
    for bad in ['/', '\\', ':', '*', '?', '"', '<', '>', '|', '\n', '\0'] {
        let name = store
            .path("my/rubric.toml", &format!("a{bad}b"))
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        assert!(!name.contains(bad) && !name.contains('/'), "{bad:?} in {name}");
    }
    assert_eq!(store.path("suizhou-2022", "市/水利:局"), path, "stable");
    assert_ne!(store.path("suizhou-2022", "市_水利_局"), path);
    assert_ne!(
        store.path("suizhou-2022", "市%2F水利%3A局"),
        path,
        "escapes do not collide"
    );

    // A name too long for a file system still gives a usable, distinct file.
    let long_a = "很长的部门名称".repeat(20) + "甲";
    let long_b = "很长的部门名称".repeat(20) + "乙";
    assert!(store.path("r", &long_a).file_name().unwrap().len() < 255);
    assert_ne!(store.path("r", &long_a), store.path("r", &long_b));

    // And the files really can be written and read back.
    for department in ["市/水利:局", "a\nb", long_a.as_str()] {
        let draft = Draft::new("suizhou-2022", "h", department, "张三");
        store.save(&draft).unwrap();
        assert_eq!(store.load("suizhou-2022", department).unwrap(), Some(draft));
        let _lock = store.lock("suizhou-2022", department, "张三").unwrap();
    }
}

fn dirs() -> (tempfile::TempDir, Dirs) {
    let root = tempfile::tempdir().unwrap();
    let dirs = Dirs::at(root.path().join("config"), root.path().join("data"));
    (root, dirs)
}

#[test]
fn settings_round_trip_and_missing_file_gives_defaults() {
    let (_root, dirs) = dirs();
    assert_eq!(Settings::load(&dirs).unwrap(), Settings::default());
    assert_eq!(dirs.settings_file(), dirs.config.join("settings.toml"));
    assert_eq!(dirs.keymap_file(), dirs.config.join("keymap.toml"));

    let settings = Settings {
        rubric: Some("suizhou-2022".into()),
        department: Some("市水利局".into()),
        scorer: Some("张三 \"老张\"".into()),
        keymap: Some("vim".into()),
        lang: Some(Lang::En),
        ambiguous_wide: Some(true),
        recent_files: vec!["/tmp/我的细则.toml".into(), "/tmp/b.toml".into()],
    };
    settings.save(&dirs).unwrap();
    assert_eq!(Settings::load(&dirs).unwrap(), settings);
    assert!(
        fs::read_to_string(dirs.settings_file())
            .unwrap()
            .contains("lang = \"en\"")
    );

    let partial = Settings {
        scorer: Some("李四".into()),
        ..Settings::default()
    };
    partial.save(&dirs).unwrap();
    assert_eq!(Settings::load(&dirs).unwrap(), partial);
    assert_eq!(entries(&dirs.config), vec!["settings.toml"]);
}

#[test]
fn remember_file_orders_dedupes_and_limits() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = (0..10)
        .map(|i| {
            let path = dir.path().join(format!("细则{i}.toml"));
            fs::write(&path, b"").unwrap();
            path.to_str().unwrap().to_string()
        })
        .collect();
    let mut settings = Settings::default();
    settings.remember_file(&files[0]);
    settings.remember_file(&files[1]);
    settings.remember_file(&files[0]);
    assert_eq!(settings.recent_files, vec![files[0].clone(), files[1].clone()]);

    // Another spelling of the same file replaces the old entry.
    fs::create_dir(dir.path().join("sub")).unwrap();
    let other_spelling = dir.path().join("sub/../细则1.toml").to_str().unwrap().to_string();
    settings.remember_file(&other_spelling);
    assert_eq!(settings.recent_files.len(), 2);
    // Stored absolute: Windows also folds the `..`, Unix keeps it.
    let absolute = std::path::absolute(&other_spelling).unwrap();
    assert_eq!(settings.recent_files[0], absolute.to_str().unwrap());
    assert_eq!(settings.recent_files[1], files[0]);

    // Files that no longer exist are still told apart and deduplicated.
    let gone = if cfg!(windows) {
        r"C:\nonexistent\gone.toml"
    } else {
        "/nonexistent/gone.toml"
    };
    settings.remember_file(gone);
    settings.remember_file(gone);
    assert_eq!(settings.recent_files[0], gone);
    assert_eq!(settings.recent_files.len(), 3);

    for f in &files {
        settings.remember_file(f);
    }
    let newest_first: Vec<String> = files.iter().rev().take(MAX_RECENT_FILES).cloned().collect();
    assert_eq!(settings.recent_files, newest_first);
    assert_eq!(MAX_RECENT_FILES, 8);

    settings.remember_file("");
    assert_eq!(settings.recent_files, newest_first, "an empty path is ignored");
}

#[test]
fn relative_recent_file_is_stored_absolute() {
    let mut settings = Settings::default();
    settings.remember_file("some-relative-rubric.toml");
    let stored = Path::new(&settings.recent_files[0]);
    assert!(
        stored.is_absolute() && stored.ends_with("some-relative-rubric.toml"),
        "{stored:?}"
    );
}

#[test]
fn broken_settings_file_names_file_and_line_and_is_not_replaced() {
    let (_root, dirs) = dirs();
    fs::create_dir_all(&dirs.config).unwrap();
    let broken = "rubric = \"suizhou-2022\"\nscorer = \"张三\"\nlang = \"fr\"\n";
    fs::write(dirs.settings_file(), broken).unwrap();
    let err = Settings::load(&dirs).unwrap_err();
    assert!(matches!(err, ConfigError::Parse { line: Some(3), .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains(&format!("{}:3:", dirs.settings_file().display())),
        "{message}"
    );
    assert!(message.contains("fr"), "{message}");

    assert!(matches!(
        Settings::default().save(&dirs),
        Err(ConfigError::Parse { .. })
    ));
    assert_eq!(fs::read_to_string(dirs.settings_file()).unwrap(), broken);

    fs::write(dirs.settings_file(), "scorer = \"张三\"\nrecent_files = [\"a\",\n").unwrap();
    let err = Settings::load(&dirs).unwrap_err();
    assert!(matches!(err, ConfigError::Parse { line: Some(2 | 3), .. }), "{err:?}");
}

#[test]
fn dirs_overrides_are_used_when_set_and_not_empty() {
    let (conf, data) = if cfg!(windows) {
        (r"C:\x\conf", r"C:\x\data")
    } else {
        ("/x/conf", "/x/data")
    };
    let dirs = Dirs::from_overrides(Some(OsStr::new(conf)), Some(OsStr::new(data))).unwrap();
    assert_eq!(dirs, Dirs::at(conf, data));

    let relative = Dirs::from_overrides(Some(OsStr::new("conf")), Some(OsStr::new("data"))).unwrap();
    assert!(relative.config.is_absolute() && relative.config.ends_with("conf"));

    // An empty value counts as unset: the platform's directory is used instead.
    match Dirs::from_overrides(Some(OsStr::new("")), Some(OsStr::new(data))) {
        Ok(dirs) => {
            assert_ne!(dirs.config, Path::new(""));
            assert!(dirs.config.is_absolute());
            assert_eq!(dirs.data, Path::new(data));
        }
        Err(err) => assert!(matches!(err, ConfigError::NoHome), "{err:?}"),
    }
}

#[test]
fn the_audit_log_takes_its_times_from_the_clock_it_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let store = DraftStore::with_clock(dir.path(), || "2030-01-02T03:04:05Z".to_string());
    let draft = sample_draft();
    store.save(&draft).unwrap();
    let log = kaohe::io::audit_log::log_path(&store.path(&draft.rubric, &draft.department));
    let entries = kaohe::io::audit_log::read(&log).unwrap();
    assert!(!entries.is_empty());
    let text = fs::read_to_string(&log).unwrap();
    for line in text.lines() {
        assert!(line.contains("\"time\":\"2030-01-02T03:04:05Z\""), "{line}");
    }
}

#[test]
fn a_passphrase_never_shows_in_debug_output() {
    let secret = kaohe::seal::keys::Passphrase::new("s3cret-口令");
    assert_eq!(secret.expose(), "s3cret-口令");
    assert!(!format!("{secret:?}").contains("s3cret"), "{secret:?}");
    let mut field = kaohe::tui::text::TextField::default();
    field.insert_str("s3cret-口令");
    let overlay = kaohe::tui::stages::Overlay::Passphrase(kaohe::tui::text::SecretField(field));
    let shown = format!("{overlay:?}");
    assert!(!shown.contains("s3cret") && !shown.contains("口令"), "{shown}");
}
