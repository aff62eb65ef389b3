//! The benchmark report's table: one row per figure with its goal and a
//! pass/miss mark, and the previous run's figure beside it, read from the
//! file the last run wrote (tab-separated, one `key value` line per figure,
//! so that a shell or a spreadsheet reads it too).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Ms,
    Secs,
    MiB,
    /// A plain ratio, shown as `2.5x`.
    Times,
    Keys,
    /// A fraction, shown as a percentage.
    Percent,
    /// A plain count or score.
    Count,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// Stable across runs: the key in the results file.
    pub key: String,
    pub figure: String,
    /// None when it could not be measured; the note says why.
    pub value: Option<f64>,
    pub unit: Unit,
    /// The goal, an upper bound unless `at_least`; None for a figure shown for context.
    pub goal: Option<f64>,
    pub at_least: bool,
    pub note: String,
}

impl Row {
    pub fn new(key: &str, figure: &str, value: Option<f64>, unit: Unit, goal: Option<f64>) -> Row {
        Row {
            key: key.into(),
            figure: figure.into(),
            value,
            unit,
            goal,
            at_least: false,
            note: String::new(),
        }
    }

    /// The goal is a lower bound (relevance: higher is better).
    pub fn at_least(mut self) -> Row {
        self.at_least = true;
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Row {
        self.note = note.into();
        self
    }

    /// `None` for a figure without a goal.
    pub fn passed(&self) -> Option<bool> {
        let goal = self.goal?;
        Some(
            self.value
                .is_some_and(|v| if self.at_least { v >= goal } else { v <= goal }),
        )
    }
}

impl Unit {
    /// As written in the results file.
    fn symbol(self) -> &'static str {
        match self {
            Unit::Ms => "ms",
            Unit::Secs => "s",
            Unit::MiB => "MiB",
            Unit::Times => "x",
            Unit::Keys => "keys",
            Unit::Percent => "%",
            Unit::Count => "",
        }
    }
}

pub fn show(value: f64, unit: Unit) -> String {
    match unit {
        Unit::Ms if value < 1.0 => format!("{value:.3} ms"),
        Unit::Ms if value < 100.0 => format!("{value:.2} ms"),
        Unit::Ms => format!("{value:.0} ms"),
        Unit::Secs => format!("{value:.2} s"),
        Unit::MiB => format!("{value:.0} MiB"),
        Unit::Times => format!("{value:.2}x"),
        Unit::Keys => format!("{value:.2}"),
        Unit::Percent => format!("{:.1}%", value * 100.0),
        Unit::Count => format!("{value:.3}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string(),
    }
}

/// What the last run wrote: figure key to value, and its header line.
pub struct Previous {
    pub values: HashMap<String, f64>,
    pub header: Option<String>,
}

pub fn read_previous(path: &Path) -> Previous {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let header = text.lines().find_map(|l| l.strip_prefix("# ")).map(str::to_string);
    let values = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split('\t');
            let key = parts.next()?;
            let value = parts.next()?.parse().ok()?;
            Some((key.to_string(), value))
        })
        .collect();
    Previous { values, header }
}

pub fn write(path: &Path, header: &str, rows: &[Row]) -> std::io::Result<()> {
    let mut text = format!("# {header}\n# key\tvalue\tunit\tgoal\tfigure\n");
    for r in rows {
        let Some(v) = r.value else { continue };
        let goal = r.goal.map(|g| g.to_string()).unwrap_or_default();
        let _ = writeln!(text, "{}\t{v}\t{}\t{goal}\t{}", r.key, r.unit.symbol(), r.figure);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}

pub fn render(rows: &[Row], previous: &Previous) -> String {
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            let value = r.value.map_or_else(|| "n/a".to_string(), |v| show(v, r.unit));
            let bound = if r.at_least { ">=" } else { "<=" };
            let goal = r
                .goal
                .map_or_else(String::new, |g| format!("{bound} {}", show(g, r.unit)));
            let mark = match r.passed() {
                Some(true) => "pass",
                Some(false) => "MISS",
                None => "",
            };
            let before = match (previous.values.get(&r.key), r.value) {
                (Some(&p), Some(v)) if p != 0.0 => {
                    format!("{} ({:+.0}%)", show(p, r.unit), (v - p) / p * 100.0)
                }
                (Some(&p), _) => show(p, r.unit),
                (None, _) => String::new(),
            };
            [r.figure.clone(), value, goal, mark.to_string(), before, r.note.clone()]
        })
        .collect();
    let titles = ["figure", "value", "goal", "mark", "previous (change)", "note"];
    let mut widths = titles.map(str::len);
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |row: &[String; 6]| {
        let _ = writeln!(
            out,
            "{:<w0$}  {:>w1$}  {:>w2$}  {:<w3$}  {:>w4$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3],
            w4 = widths[4],
        );
    };
    line(&titles.map(str::to_string));
    for row in &cells {
        line(row);
    }
    out.lines().map(str::trim_end).collect::<Vec<_>>().join("\n") + "\n"
}
