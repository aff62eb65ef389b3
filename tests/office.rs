//! The office's work as a library, without the binary: files on disk
//! verified, merged and written as reports by `kaohe::office`.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kaohe::commands::synth::{Scale, write};
use kaohe::config::Dirs;
use kaohe::office::{Checking, Office, Stopped, Unwatched};

/// Issue 25, what to build 6: a library test runs verify → merge →
/// reports from files on disk.
#[test]
fn files_on_disk_are_verified_merged_and_reported_in_one_call() {
    let root = tempfile::tempdir().expect("temp");
    let scale = Scale {
        seed: 7,
        districts: 12,
        items: 20,
        departments: 4,
    };
    let set = write(&scale, &root.path().join("synth")).expect("synth");
    let dirs = Dirs::at(root.path().join("config"), root.path().join("data"));
    let rubric = set.rubric_file.display().to_string();
    let checking = Checking {
        trust: Some(&set.trust_file),
        keys: &[],
        rubric: Some(&rubric),
    };
    let office = Office::open(&checking, &dirs).expect("opens");
    let out = root.path().join("reports");
    let run = office
        .merge_into(&set.files, &out, &dirs, &Unwatched)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run.merged.districts.len(), 12);
    assert_eq!(run.merged.files.len(), 4, "one file per department");
    assert_eq!(run.written.len(), 4);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("merged.json")).expect("json")).expect("parses");
    let totals: Vec<String> = run.merged.districts.iter().map(|d| d.total.to_string()).collect();
    let from_file: Vec<String> = json["districts"]
        .as_array()
        .expect("districts")
        .iter()
        .map(|d| d["total"].as_str().expect("a decimal string").to_string())
        .collect();
    assert_eq!(totals, from_file, "merged.json holds what the merge found");

    // One file changed after signing: nothing is merged, and it is named
    // by its place among the files given.
    let mut files = set.files.clone();
    let tampered = root.path().join("tampered.json");
    let mut envelope: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files[2]).expect("file")).expect("an envelope");
    let payload = envelope["payload"].as_str().expect("payload").to_string();
    // Another base64 payload of the same length: the signature no longer holds.
    let flipped = if payload.starts_with('e') { "f" } else { "e" };
    envelope["payload"] = serde_json::Value::String(format!("{flipped}{}", &payload[1..]));
    std::fs::write(&tampered, envelope.to_string()).expect("write");
    files[2] = tampered;
    let before = std::fs::read(out.join("merged.json")).expect("json");
    match office.merge_into(&files, &out, &dirs, &Unwatched) {
        Err(Stopped::Rejected { rejected, given }) => {
            assert_eq!((rejected.len(), rejected[0].0, given), (1, 2, 4));
        }
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("a tampered file merged"),
    }
    assert_eq!(
        std::fs::read(out.join("merged.json")).expect("json"),
        before,
        "the reports stand"
    );

    // Without a trust file the office merges nothing.
    let untrusting = Office::open(
        &Checking {
            trust: None,
            keys: &[],
            rubric: Some(&rubric),
        },
        &dirs,
    )
    .expect("opens");
    assert!(matches!(
        untrusting.merge_into(&set.files, &out, &dirs, &Unwatched),
        Err(Stopped::NoTrust { .. })
    ));
}
