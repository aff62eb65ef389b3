//! The relevance benchmark shared by `benches/relevance.rs` (every query,
//! its rank and its keystrokes) and `benches/report.rs` (the figures and
//! their goals): the queries of `benches/relevance/queries.tsv` searched as
//! the workbench searches, over the items of a rubric or of one department.

use kaohe::search::SearchIndex;
use std::collections::HashMap;

pub const QUERIES: &str = include_str!("../relevance/queries.tsv");

/// One line of the query file.
pub struct Query {
    pub line: usize,
    pub rubric: String,
    pub scope: Option<String>,
    pub text: String,
    /// Empty: the query should find nothing.
    pub meant: Vec<String>,
}

/// What one query gave.
pub struct Outcome {
    pub query: Query,
    /// 1-based rank of the first meant item; None when none is found.
    pub rank: Option<usize>,
    pub hits: usize,
    /// The shortest prefix (in chars) that puts a meant item first.
    pub keystrokes: Option<usize>,
    pub first: Vec<String>,
}

pub fn queries() -> Result<Vec<Query>, String> {
    let mut out = Vec::new();
    for (n, line) in QUERIES.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [rubric, scope, text, meant] = fields.as_slice() else {
            return Err(format!(
                "queries.tsv:{}: four tab-separated fields, found {}",
                n + 1,
                fields.len()
            ));
        };
        out.push(Query {
            line: n + 1,
            rubric: rubric.to_string(),
            scope: (*scope != "*").then(|| scope.to_string()),
            text: text.to_string(),
            meant: if *meant == "-" {
                Vec::new()
            } else {
                meant.split(',').map(str::to_string).collect()
            },
        });
    }
    Ok(out)
}

pub fn run() -> Result<Vec<Outcome>, String> {
    let mut indexes: HashMap<(String, Option<String>), SearchIndex> = HashMap::new();
    let mut out = Vec::new();
    for query in queries()? {
        let key = (query.rubric.clone(), query.scope.clone());
        if !indexes.contains_key(&key) {
            let rubric = kaohe::io::rubric_files::find(&query.rubric).map_err(|e| e.to_string())?;
            let index = match &query.scope {
                None => SearchIndex::from_items(rubric.items.iter()),
                Some(d) => {
                    let dept = rubric.find_department(d).map_err(|e| e.to_string())?.name.clone();
                    SearchIndex::from_items(rubric.items_scored_by(&dept))
                }
            };
            indexes.insert(key.clone(), index);
        }
        let index = &indexes[&key];
        let ids = |q: &str| -> Vec<String> { index.search(q).iter().map(|h| index.key(h.index).to_string()).collect() };
        let found = ids(&query.text);
        let rank = found.iter().position(|id| query.meant.contains(id)).map(|r| r + 1);
        let chars: Vec<char> = query.text.chars().collect();
        let keystrokes = (1..=chars.len()).find(|&n| {
            let prefix: String = chars[..n].iter().collect();
            ids(&prefix).first().is_some_and(|id| query.meant.contains(id))
        });
        out.push(Outcome {
            hits: found.len(),
            first: found.into_iter().take(3).collect(),
            rank,
            keystrokes,
            query,
        });
    }
    Ok(out)
}

/// The figures the report shows: top-1 and top-3 (fractions of the
/// queries that mean an item), mean reciprocal rank, hits of the queries
/// that should find nothing, and the median keystrokes to first (a query
/// whose item never comes first counts its length plus one).
pub struct Figures {
    pub queries: usize,
    pub nothing_queries: usize,
    pub top1: f64,
    pub top3: f64,
    pub mrr: f64,
    pub false_hits: usize,
    pub median_keystrokes: f64,
    pub misses: Vec<String>,
}

pub fn figures(outcomes: &[Outcome]) -> Figures {
    let meant: Vec<&Outcome> = outcomes.iter().filter(|o| !o.query.meant.is_empty()).collect();
    let n = meant.len().max(1) as f64;
    let within = |k: usize| meant.iter().filter(|o| o.rank.is_some_and(|r| r <= k)).count() as f64 / n;
    let mrr = meant
        .iter()
        .map(|o| o.rank.map_or(0.0, |r| 1.0 / r as f64))
        .sum::<f64>()
        / n;
    let mut keys: Vec<usize> = meant
        .iter()
        .map(|o| o.keystrokes.unwrap_or(o.query.text.chars().count() + 1))
        .collect();
    keys.sort_unstable();
    let median = match keys.len() {
        0 => 0.0,
        l if l % 2 == 1 => keys[l / 2] as f64,
        l => (keys[l / 2 - 1] + keys[l / 2]) as f64 / 2.0,
    };
    let nothing: Vec<&Outcome> = outcomes.iter().filter(|o| o.query.meant.is_empty()).collect();
    let misses = meant
        .iter()
        .filter(|o| o.rank != Some(1))
        .map(|o| {
            format!(
                "line {}: {} {}{} rank {} (first {})",
                o.query.line,
                o.query.rubric,
                o.query.scope.as_deref().map(|s| format!("[{s}] ")).unwrap_or_default(),
                o.query.text,
                o.rank.map_or_else(|| "none".to_string(), |r| r.to_string()),
                o.first.first().map_or("nothing", String::as_str)
            )
        })
        .chain(
            nothing
                .iter()
                .filter(|o| o.hits > 0)
                .map(|o| format!("{} {} found {}", o.query.rubric, o.query.text, o.hits)),
        )
        .collect();
    Figures {
        queries: meant.len(),
        nothing_queries: nothing.len(),
        top1: within(1),
        top3: within(3),
        mrr,
        false_hits: nothing.iter().map(|o| o.hits).sum(),
        median_keystrokes: median,
        misses,
    }
}
