//! Per-keystroke search latency over synthetic rubric-like items.
//!
//! `cargo bench --bench search` builds indexes of 10k and 100k items from real
//! rubric vocabulary (deterministic: a seeded xorshift, no rand crate), then
//! replays typed queries one keystroke at a time, timing every search call on
//! its own, and prints p50 / p99 / max per corpus and query against the goals
//! (p99 <= 10 ms at 10k items, <= 50 ms at 100k).
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "common/corpus.rs"]
mod corpus;

use corpus::{corpus, percentile, replay};
use kaohe::search::SearchIndex;
use std::time::{Duration, Instant};

fn millis(d: Duration) -> String {
    let us = d.as_micros();
    format!("{}.{:03}", us / 1000, us % 1000)
}

fn main() {
    println!(
        "{:>7}  {:<8}  {:>7}  {:>9}  {:>9}  {:>9}  goal",
        "items", "query", "hits", "p50 ms", "p99 ms", "max ms"
    );
    for (size, rounds, goal) in [
        (10_000, 300, Duration::from_millis(10)),
        (100_000, 100, Duration::from_millis(50)),
    ] {
        let entries = corpus(size);
        let started = Instant::now();
        let index = SearchIndex::from_entries(entries);
        let built = started.elapsed();
        for (query, t, hits) in replay(&index, rounds) {
            let (p50, p99) = (percentile(&t, 50), percentile(&t, 99));
            let max = t.last().copied().unwrap_or_default();
            println!(
                "{:>7}  {:<width$}  {:>7}  {:>9}  {:>9}  {:>9}  {}",
                size,
                query,
                hits,
                millis(p50),
                millis(p99),
                millis(max),
                if p99 <= goal { "ok" } else { "OVER" },
                // Chinese glyphs take two columns.
                width = 8 - query.chars().filter(|c| !c.is_ascii()).count(),
            );
        }
        println!(
            "{:>7}  index build {} ms ({} rounds per query)\n",
            size,
            millis(built),
            rounds
        );
    }
}
