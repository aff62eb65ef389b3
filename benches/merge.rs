//! The office's merge at national scale: 2,844 districts x 300 items, one
//! signed file from each of 40 departments (`kaohe synth`'s default set).
//! Times what `kaohe merge` does: verify every file (signature, trust,
//! every score), merge, and write merged.json, .csv and .xlsx. Peak memory
//! is measured on the real binary by `benches/merge.sh`.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use kaohe::commands::synth::{Scale, write};
use kaohe::config::Dirs;
use kaohe::office::{Checking, Office, Unwatched};
use std::time::Duration;

fn national(c: &mut Criterion) {
    let root = tempfile::tempdir().expect("temp dir");
    let scale = Scale {
        seed: 1,
        districts: 2844,
        items: 300,
        departments: 40,
    };
    let set = write(&scale, root.path()).expect("synthetic set");
    let dirs = Dirs::at(root.path().join("config"), root.path().join("data"));
    let rubric_file = set.rubric_file.display().to_string();
    let keys: Vec<String> = Vec::new();
    let checking = Checking {
        trust: Some(&set.trust_file),
        keys: &keys,
        rubric: Some(&rubric_file),
    };
    let out = root.path().join("merged");

    let mut group = c.benchmark_group("merge 2844x300x40");
    group.sample_size(10).measurement_time(Duration::from_secs(25));
    group.bench_function("verify", |b| {
        b.iter(|| {
            Office::open(&checking, &dirs)
                .expect("opens")
                .verify_all(&set.files, &Unwatched)
                .expect("verifies")
        });
    });
    let office = Office::open(&checking, &dirs).expect("opens");
    let verified: Vec<_> = office
        .verify_all(&set.files, &Unwatched)
        .expect("verifies")
        .into_iter()
        .map(|r| r.expect("a good file"))
        .collect();
    group.bench_function("merge", |b| {
        b.iter_batched(
            || verified.clone(),
            |files| kaohe::merge::merge(&set.rubric, files).expect("merges"),
            criterion::BatchSize::LargeInput,
        );
    });
    let merged = kaohe::merge::merge(&set.rubric, verified.clone()).expect("merges");
    group.bench_function("reports", |b| {
        b.iter(|| kaohe::io::reports::write_reports(&merged, &set.rubric, &out).expect("writes"));
    });
    group.bench_function("verify + merge + reports (all of kaohe merge)", |b| {
        b.iter(|| {
            let office = Office::open(&checking, &dirs).expect("opens");
            let run = office.merge_into(&set.files, &out, &dirs, &Unwatched);
            run.map(|r| r.written).expect("merges and writes")
        });
    });
    group.finish();
}

criterion_group!(benches, national);
criterion_main!(benches);
