//! A synthetic assessment (`kaohe synth`) merged by the real binary, in a
//! directory of its own: for tests that disturb a merge (a full disk, a kill).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct SynthRound {
    pub root: PathBuf,
}

impl SynthRound {
    /// kaohe in `root`, with its own config and data dirs there.
    pub fn kaohe(&self, args: &[String]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kaohe"));
        command
            .args(args)
            .current_dir(&self.root)
            .env("KAOHE_CONFIG_DIR", self.root.join("config"))
            .env("KAOHE_DATA_DIR", self.root.join("data"))
            .env_remove("KAOHE_LANG")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        command
    }

    /// `synth-SEED/`: 40 districts, 30 items, 3 departments.
    pub fn synth(&self, seed: u64) {
        let args = [
            "synth",
            "--seed",
            &seed.to_string(),
            "--districts",
            "40",
            "--items",
            "30",
            "--departments",
            "3",
            "--out",
            &format!("synth-{seed}"),
        ]
        .map(String::from);
        let made = self.kaohe(&args).output().expect("synth");
        assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    }

    /// `kaohe merge` of `synth-SEED`'s files into `out`.
    pub fn merge_args(&self, seed: u64, out: &Path) -> Vec<String> {
        let dir = format!("synth-{seed}");
        let mut files: Vec<String> = std::fs::read_dir(self.root.join(&dir).join("files"))
            .expect("files")
            .filter_map(Result::ok)
            .map(|e| e.path().display().to_string())
            .collect();
        files.sort();
        let mut args: Vec<String> = vec![
            "merge".into(),
            "--rubric".into(),
            format!("{dir}/rubric.toml"),
            "--trust".into(),
            format!("{dir}/trust.toml"),
            "--out".into(),
            out.display().to_string(),
        ];
        args.extend(files);
        args
    }
}

/// The three reports in `dir`, as bytes (None where one is missing).
pub fn read_reports(dir: &Path) -> [Option<Vec<u8>>; 4] {
    kaohe::io::reports::REPORTS.map(|n| std::fs::read(dir.join(n)).ok())
}

/// Every name in `dir`, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
