//! The real binary, as a user or a script runs it.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Output};

fn kaohe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kaohe"))
        .args(args)
        .current_dir(std::env::temp_dir()) // rubrics are embedded: works from any directory
        .output()
        .expect("run kaohe")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_passes_on_every_bundled_rubric() {
    let o = kaohe(&["rubric", "check"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(!stdout(&o).contains("错误["), "{}", stdout(&o));
}

#[test]
fn check_reports_luoyang_area_two() {
    let o = kaohe(&["rubric", "check", "luoyang-2022"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.lines().any(|l| l.contains("提示[area-total]")
            && l.contains("质量政策体系")
            && l.contains("写明 25 分")
            && l.contains("合计 23 分")),
        "{text}"
    );
}

#[test]
fn check_json_has_the_documented_shape() {
    let o = kaohe(&["rubric", "check", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let reports = v.as_array().expect("an array");
    assert_eq!(reports.len(), kaohe::rubric::bundled::bundled().len());
    for r in reports {
        for key in ["id", "title", "items", "errors", "warnings", "areas", "departments"] {
            assert!(r.get(key).is_some(), "missing {key} in {r}");
        }
        assert!(r["errors"].as_array().expect("errors").is_empty(), "{}", r["errors"]);
        for a in r["areas"].as_array().expect("areas") {
            assert!(a["name"].is_string() && a["sum"].is_string(), "{a}");
            assert!(a["stated"].is_string() || a["stated"].is_null(), "{a}");
        }
        for d in r["departments"].as_array().expect("departments") {
            assert!(
                d["name"].is_string() && d["items"].is_u64() && d["points"].is_string(),
                "{d}"
            );
        }
    }
    let luoyang = reports.iter().find(|r| r["id"] == "luoyang-2022").expect("luoyang");
    let area2 = &luoyang["areas"][1];
    assert_eq!(
        (area2["stated"].as_str(), area2["sum"].as_str()),
        (Some("25"), Some("23"))
    );
}

#[test]
fn a_broken_file_fails_with_file_and_line() {
    let dir = std::env::temp_dir().join(format!("kaohe-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("broken.toml");
    std::fs::write(
        &path,
        "id = \"x\"\ntitle = \"t\"\nissuer = \"i\"\nperiod = \"2022\"\ndistricts = [\"甲区\"\n",
    )
    .expect("write");
    let shown = path.display().to_string();
    let o = kaohe(&["rubric", "check", &shown]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains(&format!("{shown}:5：错误[toml]")) || text.contains(&format!("{shown}:6：错误[toml]")),
        "{text}"
    );
    let o = kaohe(&["rubric", "show", &shown]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(&shown), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_unknown_rubric_lists_the_bundled_ones() {
    let o = kaohe(&["rubric", "show", "nowhere-1999"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("suizhou-2022"), "{}", stderr(&o));
}

#[test]
fn an_ambiguous_department_lists_the_candidates() {
    let o = kaohe(&["rubric", "show", "suizhou-2022", "--dept", "市"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("多个部门相符") && err.contains("市水利和湖泊局"), "{err}");
}

#[test]
fn a_rubric_by_the_start_of_its_id() {
    let o = kaohe(&["rubric", "show", "suizhou", "--dept", "水利"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn list_names_every_bundled_rubric() {
    let o = kaohe(&["rubric", "list"]);
    assert!(o.status.success());
    let text = stdout(&o);
    for id in [
        "luoyang-2022",
        "suizhou-2022",
        "yuncheng-2022",
        "huizhou-2017",
        "huizhou-2017-onsite",
        "huiji-2016",
    ] {
        assert!(text.lines().any(|l| l.starts_with(id)), "{id} not in\n{text}");
    }
    assert!(!text.contains("invalid"), "{text}");
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let o = kaohe(&["completions", shell]);
        assert!(o.status.success(), "{shell}");
        assert!(stdout(&o).contains("rubric"), "{shell}");
    }
}

#[test]
fn show_json_is_the_resolved_rubric() {
    let o = kaohe(&["rubric", "show", "luoyang-2022", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["id"], "luoyang-2022");
    assert_eq!(v["hash"].as_str().map(str::len), Some(64));
    assert!(v["items"].as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn check_json_counts_each_rubrics_helpers() {
    let o = kaohe(&["rubric", "check", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    for r in v.as_array().expect("an array") {
        let h = &r["helpers"];
        let kinds: u64 = ["checklist", "scale", "tiers", "per_event", "award", "formula"]
            .iter()
            .map(|k| {
                h[k].as_u64()
                    .unwrap_or_else(|| panic!("{} has no count of {k}: {h}", r["id"]))
            })
            .sum();
        assert_eq!(h["total"].as_u64(), Some(kinds), "{h}");
    }
    // The on-site sheet rates 11 of its items, and the two 5-point parts of
    // each of 1.1.1 and 1.1.3, on the 5-level scale.
    let onsite = v
        .as_array()
        .and_then(|a| a.iter().find(|r| r["id"] == "huizhou-2017-onsite"))
        .expect("huizhou-2017-onsite");
    assert_eq!(onsite["helpers"]["scale"], 15, "{}", onsite["helpers"]);
}

/// In a terminal whose locale is GB18030 (or a bare zh_CN, which is
/// GB2312), the workbench would draw garbled Chinese: it says so instead, in
/// the terminal's own encoding, with how to fix it, and exits 1.
// Unix only: a Windows console takes UTF-16 through the console API
// whatever its code page, so LANG does not decide the encoding there.
#[cfg(unix)]
#[test]
fn a_gb18030_terminal_is_told_in_gb18030_to_switch_to_utf8() {
    for lang in ["zh_CN.GB18030", "zh_CN.GBK", "zh_CN"] {
        let o = Command::new(env!("CARGO_BIN_EXE_kaohe"))
            .env_remove("LC_ALL")
            .env_remove("LC_CTYPE")
            .env("LANG", lang)
            .output()
            .expect("run kaohe");
        assert_eq!(o.status.code(), Some(1), "{lang}");
        let (text, _, malformed) = encoding_rs::GB18030.decode(&o.stderr);
        assert!(!malformed, "{lang}: the message is GB18030");
        assert!(
            text.contains("中文会显示成乱码") && text.contains("export LANG=zh_CN.UTF-8"),
            "{lang}: {text}"
        );
    }
}

#[test]
fn rubric_list_json_names_every_bundled_rubric_with_its_counts() {
    let o = kaohe(&["rubric", "list", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let list = list.as_array().expect("an array");
    assert_eq!(list.len(), kaohe::rubric::bundled::bundled().len());
    let suizhou = list.iter().find(|r| r["id"] == "suizhou-2022").expect("suizhou");
    assert_eq!(suizhou["items"], 73);
    assert!(
        suizhou["title"].as_str().is_some_and(|t| t.contains("随州")),
        "{suizhou}"
    );
}

/// Issue 28: with no terminal to take over (output to a file, no
/// controlling terminal, a console kaohe cannot drive), the workbench says
/// in Chinese where it runs, and exits 1 without a panic.
#[cfg(unix)]
#[test]
fn no_terminal_to_take_over_is_said_in_chinese() {
    let dir = tempfile::tempdir().expect("temp");
    // setsid: no controlling terminal, as under a service or a scheduler.
    let o = Command::new("setsid")
        .arg(env!("CARGO_BIN_EXE_kaohe"))
        .args(["--rubric", "suizhou-2022", "--dept", "水利", "--scorer", "王五"])
        .env("KAOHE_CONFIG_DIR", dir.path().join("c"))
        .env("KAOHE_DATA_DIR", dir.path().join("d"))
        .env("LANG", "C.UTF-8")
        .stdin(std::process::Stdio::null())
        .output();
    let Ok(o) = o else {
        eprintln!("no setsid here: skipped");
        return;
    };
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("无法接管终端") && err.contains("终端窗口里运行"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
