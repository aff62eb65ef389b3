//! A machine of the office or a department, as the signed-file tests run
//! the real binary on it: its own config and data dirs in a temp dir.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

pub struct Office {
    root: tempfile::TempDir,
}

impl Office {
    pub fn new() -> Office {
        Office {
            root: tempfile::tempdir().expect("temp"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    pub fn run_with(&self, args: &[&str], stdin: Option<&str>, passphrase: Option<&str>) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kaohe"));
        command
            .args(args)
            .current_dir(self.root.path())
            .env("KAOHE_CONFIG_DIR", self.path("config"))
            .env("KAOHE_DATA_DIR", self.path("data"))
            .env_remove("KAOHE_PASSPHRASE")
            .env_remove("KAOHE_LANG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(p) = passphrase {
            command.env("KAOHE_PASSPHRASE", p);
        }
        let mut child = command.spawn().expect("run kaohe");
        if let (Some(text), Some(mut input)) = (stdin, child.stdin.take()) {
            use std::io::Write;
            input.write_all(text.as_bytes()).expect("stdin");
        }
        child.wait_with_output().expect("wait")
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, None, None)
    }

    /// Run, expect success, return stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}{}", out(&o), err(&o));
        out(&o)
    }

    /// A draft for the department, as the workbench would have saved it.
    /// A suizhou department's new key (no passphrase), and its key line.
    pub fn keygen(&self, dept: &str, scorer: &str) -> String {
        let args = [
            "keygen",
            "--rubric",
            "suizhou",
            "--dept",
            dept,
            "--scorer",
            scorer,
            "--no-passphrase",
        ];
        self.ok(&args);
        self.ok(&["key", "show", "--dept", dept])
    }

    pub fn draft(&self, dept: &str, cells: &str) {
        self.draft_by(dept, "王五", cells);
    }

    pub fn draft_by(&self, dept: &str, scorer: &str, cells: &str) {
        let hash = self.ok(&["rubric", "show", "suizhou-2022", "--json"]);
        let hash: serde_json::Value = serde_json::from_str(&hash).expect("json");
        let hash = hash["hash"].as_str().expect("hash");
        let file = self.path("data/drafts").join(format!("suizhou-2022--{dept}.json"));
        std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
        let text = format!(
            r#"{{"format":1,"rubric":"suizhou-2022","rubric_hash":"{hash}","department":"{dept}","scorer":"{scorer}","cells":{cells}}}"#
        );
        std::fs::write(file, text).expect("draft");
    }
}

pub fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
