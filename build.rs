//! Embeds every rubric in rubrics/ in the binary, so that kaohe works from any
//! directory and a new rubric file needs no code change; and the commit and
//! its date, for `kaohe --version`.
// A build script reports failure by panicking: cargo prints the message.
#![allow(clippy::expect_used)]

use std::{env, fs, path::Path, process::Command};

/// `git` with these arguments, its output trimmed, or None (a source
/// tarball has no repository; a machine may have no git).
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// The commit the binary is built from, and the day it was made (the
/// commit's date, not the build's, so that a rebuild gives the same bytes).
fn commit() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    for watched in [".git/HEAD", ".git/refs/heads", ".git/packed-refs"] {
        let path = Path::new(&root).join(watched);
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    let id = git(&["rev-parse", "--short=10", "HEAD"]).unwrap_or_else(|| "unknown".into());
    let date = git(&["log", "-1", "--format=%cs"]).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=KAOHE_COMMIT={id}");
    println!("cargo:rustc-env=KAOHE_COMMIT_DATE={date}");
}

fn main() {
    commit();
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("rubrics");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    let mut code = String::from("pub static BUNDLED: &[(&str, &str)] = &[\n");
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("rubric file names are UTF-8");
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled_rubrics.rs");
    fs::write(out, code).expect("write bundled_rubrics.rs");
}
