//! Per-keystroke search latency over synthetic rubric-like items.
//!
//! `cargo bench --bench search` builds indexes of 10k and 100k items from real
//! rubric vocabulary (deterministic: a seeded xorshift, no rand crate), then
//! replays typed queries one keystroke at a time, timing every search call on
//! its own, and prints p50 / p99 / max per corpus and query against the goals
//! (p99 <= 10 ms at 10k items, <= 50 ms at 100k).

use kaohe::search::SearchIndex;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Each is typed one char at a time; every prefix is a search.
const TYPED: &[&[&str]] = &[&["t", "tz", "tzs", "tzsb"], &["shui", "shuili"], &["特", "特种"]];

const LABELS: &[&str] = &[
    "工程质量",
    "产品质量",
    "特种设备安全",
    "食品安全",
    "农产品质量安全",
    "行政执法",
    "计量工作",
    "标准化工作",
    "品牌建设",
    "质量基础设施",
    "水利工程",
    "服务质量",
    "重点工业产品",
    "银行业服务",
    "质量安全监管",
];

/// Real phrases from the bundled rubrics, with polyphonic chars (行 重 长 乐
/// 的 和 得 调 差 种 量 查 省) well represented.
const PHRASES: &[&str] = &[
    "特种设备",
    "水利工程",
    "产品质量",
    "行政执法",
    "农产品",
    "监督抽查",
    "质量安全",
    "安全监管",
    "检验检测",
    "认证认可",
    "标准化",
    "计量",
    "质量强市",
    "品牌建设",
    "银行业",
    "重点行业",
    "长效机制",
    "重大事故",
    "的",
    "和",
    "得分",
    "不得分",
    "根据",
    "开展",
    "落实",
    "情况",
    "工作",
    "制度",
    "考核",
    "质量提升行动",
    "调查处理",
    "差错",
    "种子",
    "肥料",
    "农药",
    "兽药",
    "生产经营企业",
    "执法队伍",
    "财政预算",
    "电梯应急救援平台",
    "三年行动",
    "动态更新",
    "评估总结",
    "行业协会",
    "省级以上",
    "建设工程",
    "质量管理",
    "竣工验收",
    "举报投诉",
    "未及时结案",
    "服务业",
    "市场主体",
    "质量奖",
    "获得",
];

const POINTS: &[&str] = &["0.5", "1", "1.5", "2", "3", "5"];

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        let i = (self.next() % from.len() as u64) as usize;
        from[i]
    }
}

fn corpus(size: usize) -> Vec<(String, String)> {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    (0..size)
        .map(|i| {
            let mut text = String::new();
            if rng.next().is_multiple_of(2) {
                text.push_str(rng.pick(LABELS));
                text.push(' ');
            }
            let phrases = 4 + (rng.next() % 8) as usize;
            for p in 0..phrases {
                text.push_str(rng.pick(PHRASES));
                if p + 1 < phrases && rng.next().is_multiple_of(4) {
                    text.push('、');
                }
            }
            text.push_str("。(");
            text.push_str(rng.pick(POINTS));
            text.push_str("分)");
            (format!("{}.{}.{}", i / 1000 + 1, i / 10 % 100 + 1, i % 10 + 1), text)
        })
        .collect()
}

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
