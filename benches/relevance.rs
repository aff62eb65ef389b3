//! Every query of the relevance benchmark with what it found:
//! `cargo bench --bench relevance`. The figures and their goals are in the
//! report (`sh benches/run.sh`); this lists each query, so that a miss can
//! be read.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "common/relevance.rs"]
mod relevance;

fn main() {
    let outcomes = relevance::run().expect("the queries run");
    for o in &outcomes {
        let q = &o.query;
        let verdict = match (q.meant.is_empty(), o.rank) {
            (true, _) if o.hits == 0 => "ok".to_string(),
            (true, _) => format!("FOUND {}", o.hits),
            (false, Some(1)) => "ok".to_string(),
            (false, Some(r)) => format!("rank {r}"),
            (false, None) => "MISSING".to_string(),
        };
        println!(
            "{:>3}  {:<20} {:<8} {:<16} {:<10} keys {:<4} first {}",
            q.line,
            q.rubric,
            q.scope.as_deref().unwrap_or("*"),
            q.text,
            verdict,
            o.keystrokes.map_or_else(|| "-".to_string(), |k| k.to_string()),
            o.first.join(" ")
        );
    }
    let f = relevance::figures(&outcomes);
    println!(
        "\n{} queries meaning an item, {} meaning nothing: top-1 {:.1}%, top-3 {:.1}%, MRR {:.3}, false hits {}, median keystrokes to first {}",
        f.queries,
        f.nothing_queries,
        100.0 * f.top1,
        100.0 * f.top3,
        f.mrr,
        f.false_hits,
        f.median_keystrokes
    );
    for miss in &f.misses {
        println!("not first: {miss}");
    }
}
