//! The synthetic search corpus shared by `benches/search.rs` and
//! `benches/report.rs` (included with `#[path]`, so both replay the same
//! items): rubric-like Chinese items from real rubric vocabulary,
//! deterministic from a seed (a xorshift, no rand crate), and the typed
//! queries to replay one keystroke at a time.

/// Each is typed one char at a time; every prefix is a search.
pub const TYPED: &[&[&str]] = &[&["t", "tz", "tzs", "tzsb"], &["shui", "shuili"], &["特", "特种"]];

/// Every prefix of [`TYPED`], in typing order: one search per keystroke.
pub fn queries() -> Vec<&'static str> {
    TYPED.iter().flat_map(|typed| typed.iter().copied()).collect()
}

/// Each query of [`queries`] searched `rounds` times, after one warm-up
/// pass (as a session's first keystrokes warm the caches and the allocator),
/// each search timed on its own: per query, its times sorted and its hits.
pub fn replay(
    index: &kaohe::search::SearchIndex,
    rounds: usize,
) -> Vec<(&'static str, Vec<std::time::Duration>, usize)> {
    let queries = queries();
    for q in &queries {
        std::hint::black_box(index.search(q));
    }
    let mut out: Vec<_> = queries.iter().map(|&q| (q, Vec::with_capacity(rounds), 0)).collect();
    for _ in 0..rounds {
        for (query, times, hits) in &mut out {
            let started = std::time::Instant::now();
            let found = std::hint::black_box(index.search(query));
            times.push(started.elapsed());
            *hits = found.len();
        }
    }
    for (_, times, _) in &mut out {
        times.sort_unstable();
    }
    out
}

/// The value at `pct` percent of `sorted` (nearest rank).
pub fn percentile(sorted: &[std::time::Duration], pct: usize) -> std::time::Duration {
    let at = (sorted.len() * pct).div_ceil(100).saturating_sub(1);
    sorted.get(at).copied().unwrap_or_default()
}

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

const OWNERS: &[&str] = &[
    "市场监管局",
    "住建局",
    "水利局",
    "农业农村局",
    "文旅局",
    "交通运输局",
    "教育局",
];

/// `size` phrases of rubric vocabulary, the way a text or a criterion runs.
fn sentence(rng: &mut XorShift, phrases: usize) -> String {
    let mut text = String::new();
    for p in 0..phrases {
        text.push_str(rng.pick(PHRASES));
        if p + 1 < phrases && rng.next().is_multiple_of(4) {
            text.push('、');
        }
    }
    text
}

/// `size` items, the same for the same size on every machine: an id, a
/// text (a label half the time), 0 to 4 criteria lines (about as much
/// criteria text as suizhou-2022's items carry) and a department.
pub fn corpus(size: usize) -> Vec<kaohe::search::Entry> {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    (0..size)
        .map(|i| {
            let mut text = String::new();
            if rng.next().is_multiple_of(2) {
                text.push_str(rng.pick(LABELS));
                text.push(' ');
            }
            let phrases = 4 + (rng.next() % 8) as usize;
            text.push_str(&sentence(&mut rng, phrases));
            text.push_str("。(");
            text.push_str(rng.pick(POINTS));
            text.push_str("分)");
            let lines = (rng.next() % 5) as usize;
            let details = (1..=lines)
                .map(|n| {
                    let phrases = 6 + (rng.next() % 14) as usize;
                    format!("{n}. {}，得{}分。", sentence(&mut rng, phrases), rng.pick(POINTS))
                })
                .collect();
            kaohe::search::Entry {
                key: format!("{}.{}.{}", i / 1000 + 1, i / 10 % 100 + 1, i % 10 + 1),
                text,
                details,
                owners: vec![rng.pick(OWNERS).to_string()],
            }
        })
        .collect()
}
