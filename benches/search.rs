//! Per-keystroke search latency over synthetic rubric-like items.
//!
//! `cargo bench --bench search` builds indexes of 10k and 100k items from real
//! rubric vocabulary (deterministic: a seeded xorshift, no rand crate), then
//! replays typed queries one keystroke at a time, timing every search call on
//! its own, and prints p50 / p99 / max per corpus and query against the goals
//! (p99 <= 10 ms at 10k items, <= 50 ms at 100k).

#[path = "common/corpus.rs"]
mod corpus;

use corpus::{TYPED, corpus};
use kaohe::search::SearchIndex;
use std::hint::black_box;
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
        let index = SearchIndex::new(entries);
        let built = started.elapsed();
        let queries: Vec<&str> = TYPED.iter().flat_map(|typed| typed.iter().copied()).collect();
        let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds); queries.len()];
        let mut hits = vec![0; queries.len()];
        // Warm caches and the allocator the way a session's first keystrokes would.
        for q in &queries {
            black_box(index.search(q));
        }
        for _ in 0..rounds {
            for (q, query) in queries.iter().enumerate() {
                let started = Instant::now();
                let found = black_box(index.search(query));
                times[q].push(started.elapsed());
                hits[q] = found.len();
            }
        }
        for (q, query) in queries.iter().enumerate() {
            let t = &mut times[q];
            t.sort_unstable();
            let at = |pct: usize| t[((t.len() * pct).div_ceil(100)).saturating_sub(1)];
            let (p50, p99, max) = (at(50), at(99), t[t.len() - 1]);
            println!(
                "{:>7}  {:<width$}  {:>7}  {:>9}  {:>9}  {:>9}  {}",
                size,
                query,
                hits[q],
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
