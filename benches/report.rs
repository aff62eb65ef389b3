//! The one benchmark report: `sh benches/run.sh` (or `cargo bench --bench
//! report`). Every figure of issue 5 on this machine, in one table with its
//! goal and a pass/miss mark, and the previous run's figures beside it (read
//! from and then written to `target/bench/last.tsv`).
//!
//! The real binary (built with the bench profile, i.e. release) is what is
//! timed wherever a user would run it: cold start in a pseudo-terminal,
//! `kaohe search -` against `fzf --filter`, `kaohe synth` and `kaohe merge`.
//! Rendering, per-keystroke search and the scored walk run in process, as in
//! the workbench. All synthetic data is deterministic from a seed.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "common/claims.rs"]
mod claims;
#[path = "common/corpus.rs"]
mod corpus;
#[path = "common/relevance.rs"]
mod relevance;
#[path = "common/table.rs"]
mod table;

use corpus::{percentile, queries, replay};
use kaohe::commands::synth::Rng;
use kaohe::config::Dirs;
use kaohe::io::drafts::DraftStore;
use kaohe::lang::Lang;
use kaohe::rubric::{Helper, Kind};
use kaohe::scoring::bounds;
use kaohe::scoring::draft::Cell;
use kaohe::search::SearchIndex;
use kaohe::tui::views::render;
use kaohe::tui::workbench::StartArgs;
use kaohe::tui::workbench::{Workbench, parse_keys};
use portable_pty::{CommandBuilder, NativePtySystem, PtySize, PtySystem};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use table::{Row, Unit};

const BIN: &str = env!("CARGO_BIN_EXE_kaohe");
/// The bundled rubric with the most items (`kaohe rubric list`), and the
/// department with the most of them: the heaviest main screen there is.
const RUBRIC: &str = "suizhou-2022";
const DEPT: &str = "市场监管";
/// A district name only the main screen shows, to know it is painted.
const MAIN_SCREEN: &str = "曾都区";
const COLD_RUNS: usize = 20;
const MERGE_RUNS: usize = 3;
const SEED: u64 = 1;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let results = target.join("bench").join("last.tsv");
    let previous = table::read_previous(&results);

    // Other work on the machine slows every figure: say how busy it was.
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into());
    let mut rows = Vec::new();
    step("cold start in a pseudo-terminal", || cold_start(&mut rows));
    step("rendering", || render_main(&mut rows));
    step("rendering the overview grid", || render_grid(&mut rows));
    step("search per keystroke", || search_keystrokes(&mut rows));
    step("search relevance", || search_relevance(&mut rows));
    step("kaohe search - against fzf --filter", || batch_search(&mut rows));
    step("kaohe merge at 1x and 10x", || merge(&mut rows));
    step("keystrokes per scored cell", || keystrokes(&mut rows));
    step("keystrokes per cell judging self-assessments", || {
        claims::keystrokes(&mut rows)
    });

    let header = format!(
        "kaohe benchmark report: commit {}, {} cores, load average {load} at the start, unix time {}",
        commit(&root),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    );
    println!("\n{header}");
    match &previous.header {
        Some(h) => println!("previous: {}", h.trim_start_matches("kaohe benchmark report: ")),
        None => println!("previous: none ({} not found)", results.display()),
    }
    println!();
    print!("{}", table::render(&rows, &previous));
    let missed: Vec<&str> = rows
        .iter()
        .filter(|r| r.passed() == Some(false))
        .map(|r| r.figure.as_str())
        .collect();
    let goals = rows.iter().filter(|r| r.goal.is_some()).count();
    println!(
        "\n{} of {goals} goals met{}",
        goals - missed.len(),
        if missed.is_empty() {
            String::new()
        } else {
            format!("; missed: {}", missed.join(", "))
        }
    );
    // A partial run (BENCH_ONLY) leaves the last whole table as the previous one.
    if std::env::var_os("BENCH_ONLY").is_some() {
        return;
    }
    match table::write(&results, &header, &rows) {
        Ok(()) => println!("written to {}", results.display()),
        Err(e) => eprintln!("cannot write {}: {e}", results.display()),
    }
}

/// One measurement; `BENCH_ONLY=<words>` runs only the steps whose name
/// holds them (a quick look at one figure; the table then has only it).
fn step(what: &str, run: impl FnOnce()) {
    if let Ok(only) = std::env::var("BENCH_ONLY")
        && !what.contains(only.as_str())
    {
        return;
    }
    eprint!("measuring {what} ... ");
    let t = Instant::now();
    run();
    eprintln!("{:.1} s", t.elapsed().as_secs_f64());
}

fn commit(root: &Path) -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let head = git(&["rev-parse", "--short", "HEAD"]).unwrap_or_else(|| "unknown".into());
    let dirty = git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    if dirty {
        format!("{head} (with uncommitted changes)")
    } else {
        head
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort_unstable();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

// ---------------------------------------------------------------- cold start

const ROWS: u16 = 60;
const COLS: u16 = 200;

/// From spawning the binary to the first complete frame of the main screen:
/// the district list painted and the bottom row (the key hints, drawn last)
/// too. Each run has fresh, empty config and data dirs.
fn first_frame() -> Result<Duration, String> {
    let root = tempfile::tempdir().map_err(|e| e.to_string())?;
    let pty = NativePtySystem::default()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .map_err(|e| e.to_string())?;
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["--rubric", RUBRIC, "--dept", DEPT, "--scorer", "bench"]);
    cmd.env("KAOHE_CONFIG_DIR", root.path().join("config"));
    cmd.env("KAOHE_DATA_DIR", root.path().join("data"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("NO_COLOR", "1");
    let mut reader = pty.master.try_clone_reader().map_err(|e| e.to_string())?;
    let mut writer = pty.master.take_writer().map_err(|e| e.to_string())?;
    let (painted_tx, painted) = mpsc::channel::<Instant>();
    let (answer_tx, answers) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut parser = vt100::Parser::new(
            std::num::NonZeroU16::MIN.saturating_add(ROWS - 1),
            std::num::NonZeroU16::MIN.saturating_add(COLS - 1),
            0,
        );
        let mut sent = false;
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            parser.process(&buf[..n]);
            // Answer "where is the cursor?" as a real terminal does.
            if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
                let (row, col) = parser.screen().cursor_position();
                let _ = answer_tx.send(format!("\x1b[{};{}R", row + 1, col + 1).into_bytes());
            }
            if !sent {
                let screen = parser.screen();
                // Cell by cell, so that a chunk costs little until the bottom row is drawn.
                let bottom = (0..COLS).any(|c| {
                    screen
                        .cell(ROWS - 1, c)
                        .is_some_and(|cell| !cell.contents().trim().is_empty())
                });
                if bottom && screen.contents().contains(MAIN_SCREEN) {
                    let _ = painted_tx.send(Instant::now());
                    sent = true;
                }
            }
        }
    });
    let started = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).map_err(|e| e.to_string())?;
    drop(pty.slave);
    let deadline = started + Duration::from_secs(20);
    let at = loop {
        for a in answers.try_iter() {
            let _ = writer.write_all(&a);
            let _ = writer.flush();
        }
        match painted.recv_timeout(Duration::from_millis(1)) {
            Ok(at) => break Some(at),
            Err(mpsc::RecvTimeoutError::Timeout) if Instant::now() < deadline => {}
            Err(_) => break None,
        }
    };
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    let quit_by = Instant::now() + Duration::from_secs(10);
    while !matches!(child.try_wait(), Ok(Some(_))) {
        if Instant::now() > quit_by {
            let _ = child.kill();
            let _ = child.wait();
            return Err("kaohe did not quit on q".into());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    at.map(|at| at - started)
        .ok_or_else(|| "the main screen was never painted".to_string())
}

fn cold_start(rows: &mut Vec<Row>) {
    // One run unmeasured, as a user's second start finds the binary in the page cache.
    let mut times = Vec::new();
    let mut error = None;
    for run in 0..=COLD_RUNS {
        match first_frame() {
            Ok(t) if run > 0 => times.push(t),
            Ok(_) => {}
            Err(e) => {
                error = Some(e);
                break;
            }
        }
    }
    if let Some(e) = error {
        rows.push(Row::new("cold_start_median", "cold start, median", None, Unit::Ms, Some(50.0)).note(e));
        return;
    }
    times.sort_unstable();
    let note = format!("{RUBRIC} {DEPT}, {COLS}x{ROWS} pty, {} runs", times.len());
    let (min, max) = (times.first().copied(), times.last().copied());
    rows.push(
        Row::new(
            "cold_start_median",
            "cold start to first frame, median",
            Some(ms(median(times))),
            Unit::Ms,
            Some(50.0),
        )
        .note(note),
    );
    rows.push(Row::new(
        "cold_start_min",
        "cold start, min",
        min.map(ms),
        Unit::Ms,
        None,
    ));
    rows.push(Row::new(
        "cold_start_max",
        "cold start, max",
        max.map(ms),
        Unit::Ms,
        None,
    ));
}

// ----------------------------------------------------------------- rendering

fn workbench_args(dept: &str) -> StartArgs {
    StartArgs {
        rubric: Some(RUBRIC.into()),
        dept: Some(dept.into()),
        scorer: Some("bench".into()),
        keymap: None,
        lang: Some(Lang::Zh),
    }
}

/// The main screen at 200x60, a frame at a time, as benches/render.rs sets it up.
fn render_main(rows: &mut Vec<Row>) {
    render_frames(
        rows,
        "render_200x60",
        "render main screen 200x60, median",
        "1<ret>0.5<ret>1<ret>",
    );
}

/// The overview grid of the largest department at 200x60.
fn render_grid(rows: &mut Vec<Row>) {
    render_frames(
        rows,
        "grid_200x60",
        "render overview grid 200x60, median",
        "1<ret>0.5<ret>1<ret>o",
    );
}

/// A screen at 200x60 after `keys`, a frame at a time.
fn render_frames(rows: &mut Vec<Row>, id: &'static str, label: &'static str, keys: &str) {
    let row = |value: Option<f64>, note: String| Row::new(id, label, value, Unit::Ms, Some(1.0)).note(note);
    let Ok(root) = tempfile::tempdir() else {
        rows.push(row(None, "no temp dir".into()));
        return;
    };
    let dirs = Dirs::at(root.path().join("c"), root.path().join("d"));
    let mut wb = match Workbench::start(&workbench_args(DEPT), dirs, true) {
        Ok(wb) => wb,
        Err(e) => {
            rows.push(row(None, e));
            return;
        }
    };
    let _ = wb.feed(keys);
    let Ok(mut terminal) = Terminal::new(TestBackend::new(COLS, ROWS));
    let mut times = Vec::with_capacity(2000);
    for frame in 0..2100 {
        let t = Instant::now();
        if terminal.draw(|f| render(&wb.app, f)).is_err() {
            rows.push(row(None, "draw failed".into()));
            return;
        }
        // The first frames warm the caches and the allocator.
        if frame >= 100 {
            times.push(t.elapsed());
        }
    }
    let _ = wb.finish();
    times.sort_unstable();
    let p99 = percentile(&times, 99);
    rows.push(row(
        Some(ms(median(times))),
        format!("{RUBRIC} {DEPT}, colour; p99 {:.3} ms, 2000 frames", ms(p99)),
    ));
}

// ---------------------------------------------------- search per keystroke

fn search_keystrokes(rows: &mut Vec<Row>) {
    for (size, label, rounds, goal) in [(10_000, "10k", 100, 10.0), (100_000, "100k", 30, 50.0)] {
        let started = Instant::now();
        let index = SearchIndex::from_entries(corpus::corpus(size));
        let built = started.elapsed();
        let replayed = replay(&index, rounds);
        let mut all: Vec<Duration> = replayed.iter().flat_map(|(_, t, _)| t.iter().copied()).collect();
        all.sort_unstable();
        let slowest = replayed.iter().map(|(q, t, _)| (percentile(t, 99), *q)).max();
        let note = format!(
            "{} keystrokes ({} queries x {rounds}); slowest p99: {}; index build {:.0} ms",
            all.len(),
            replayed.len(),
            slowest.map_or_else(String::new, |(t, q)| format!("{q} {:.2} ms", ms(t))),
            ms(built)
        );
        let key = |what: &str| format!("search_{label}_{what}");
        rows.push(Row::new(
            &key("p50"),
            &format!("search per keystroke {label}, p50"),
            Some(ms(percentile(&all, 50))),
            Unit::Ms,
            None,
        ));
        rows.push(
            Row::new(
                &key("p99"),
                &format!("search per keystroke {label}, p99"),
                Some(ms(percentile(&all, 99))),
                Unit::Ms,
                Some(goal),
            )
            .note(note),
        );
        rows.push(Row::new(
            &key("max"),
            &format!("search per keystroke {label}, max"),
            all.last().copied().map(ms),
            Unit::Ms,
            None,
        ));
    }
}

// ------------------------------------------------------------ relevance

/// `benches/relevance/queries.tsv` searched as the workbench searches:
/// `cargo bench --bench relevance` lists every query with what it found.
fn search_relevance(rows: &mut Vec<Row>) {
    let outcomes = match relevance::run() {
        Ok(o) => o,
        Err(e) => {
            rows.push(Row::new("relevance_top1", "search relevance", None, Unit::Percent, None).note(e));
            return;
        }
    };
    let f = relevance::figures(&outcomes);
    let of = format!("{} queries meaning an item", f.queries);
    let missed = if f.misses.is_empty() {
        "none".to_string()
    } else {
        f.misses.join("; ")
    };
    rows.push(
        Row::new(
            "relevance_top1",
            "search relevance, top-1",
            Some(f.top1),
            Unit::Percent,
            Some(0.95),
        )
        .at_least()
        .note(format!("{of}; not first: {missed}")),
    );
    rows.push(
        Row::new(
            "relevance_top3",
            "search relevance, top-3",
            Some(f.top3),
            Unit::Percent,
            Some(0.99),
        )
        .at_least()
        .note(of.clone()),
    );
    rows.push(
        Row::new(
            "relevance_mrr",
            "search relevance, mean reciprocal rank",
            Some(f.mrr),
            Unit::Count,
            None,
        )
        .note(of),
    );
    rows.push(
        Row::new(
            "relevance_false_hits",
            "search relevance, hits of nothing-queries",
            Some(f.false_hits as f64),
            Unit::Count,
            Some(0.0),
        )
        .note(format!("{} queries that should find nothing", f.nothing_queries)),
    );
    rows.push(
        Row::new(
            "relevance_keys_to_first",
            "search relevance, median keystrokes to first",
            Some(f.median_keystrokes),
            Unit::Keys,
            Some(3.0),
        )
        .note("the shortest prefix of each query that puts a meant item first"),
    );
}

// ------------------------------------------------ batch search against fzf

/// Wall time and output lines of one process fed `input` on stdin.
fn run_filter(program: &str, args: &[&str], input: &Path) -> Result<(Duration, usize), String> {
    let stdin = std::fs::File::open(input).map_err(|e| e.to_string())?;
    let t = Instant::now();
    let out = Command::new(program)
        .args(args)
        .stdin(stdin)
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("{program}: {e}"))?;
    let took = t.elapsed();
    // Both exit 1 when nothing matches; only 2 and up are failures.
    if out.status.code().is_none_or(|c| c > 1) {
        return Err(format!("{program} {args:?} failed: {:?}", out.status));
    }
    Ok((took, out.stdout.iter().filter(|&&b| b == b'\n').count()))
}

/// Every query once per run, three runs; each query's median, summed.
fn filter_total(program: &str, prefix: &[&str], input: &Path) -> Result<(Duration, usize), String> {
    let mut total = Duration::ZERO;
    let mut hits = 0;
    for q in queries() {
        let args: Vec<&str> = prefix.iter().copied().chain([q]).collect();
        let mut times = Vec::new();
        for _ in 0..3 {
            let (t, n) = run_filter(program, &args, input)?;
            times.push(t);
            hits = if times.len() == 1 { hits + n } else { hits };
        }
        total += median(times);
    }
    Ok((total, hits))
}

fn batch_search(rows: &mut Vec<Row>) {
    let fzf = Command::new("fzf")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string()
        });
    let Ok(dir) = tempfile::tempdir() else { return };
    for (size, label) in [(10_000, "10k"), (100_000, "100k")] {
        let figure = format!("kaohe search - / fzf --filter, {label}");
        let key = format!("batch_{label}_ratio");
        let Some(version) = &fzf else {
            rows.push(
                Row::new(&key, &figure, None, Unit::Times, None)
                    .note("fzf is not installed and could not be (sh benches/run.sh installs it with apt-get)"),
            );
            continue;
        };
        let file = dir.path().join(format!("{label}.txt"));
        let lines: String = corpus::corpus(size).into_iter().map(|e| e.text + "\n").collect();
        if let Err(e) = std::fs::write(&file, lines) {
            rows.push(Row::new(&key, &figure, None, Unit::Times, None).note(e.to_string()));
            continue;
        }
        let ours = filter_total(BIN, &["search", "-"], &file);
        let theirs = filter_total("fzf", &["--filter"], &file);
        match (ours, theirs) {
            (Ok((k, kh)), Ok((f, fh))) => rows.push(
                Row::new(&key, &figure, Some(k.as_secs_f64() / f.as_secs_f64()), Unit::Times, None).note(format!(
                    "kaohe {:.0} ms, fzf {version} {:.0} ms for the {} queries (process, read, match, print); hits kaohe {kh}, fzf {fh} (fzf has no pinyin)",
                    ms(k),
                    ms(f),
                    queries().len()
                )),
            ),
            (Err(e), _) | (_, Err(e)) => rows.push(Row::new(&key, &figure, None, Unit::Times, None).note(e)),
        }
    }
}

// --------------------------------------------------------------------- merge

struct MergeRun {
    time: Duration,
    peak_kib: Option<u64>,
    stages: String,
}

fn merge_once(dir: &Path) -> Result<MergeRun, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("files"))
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let t = Instant::now();
    let out = Command::new(BIN)
        .arg("merge")
        .arg("--rubric")
        .arg(dir.join("rubric.toml"))
        .arg("--trust")
        .arg(dir.join("trust.toml"))
        .arg("--out")
        .arg(dir.join("merged"))
        .args(&files)
        .env("KAOHE_TIMINGS", "1")
        .stdout(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    let time = t.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("kaohe merge failed: {}", stderr.trim()));
    }
    // "verify: 1.351 s, peak RSS 281740 KiB": the last stage's peak is the run's.
    let mut peak_kib = None;
    let mut stages = Vec::new();
    for line in stderr.lines() {
        let Some((stage, rest)) = line.split_once(": ") else {
            continue;
        };
        if let Some(secs) = rest.split(" s").next().and_then(|s| s.parse::<f64>().ok()) {
            stages.push(format!("{stage} {secs:.2}"));
        }
        if let Some(kib) = rest
            .split("peak RSS ")
            .nth(1)
            .and_then(|p| p.strip_suffix(" KiB"))
            .and_then(|k| k.parse::<u64>().ok())
        {
            peak_kib = peak_kib.max(Some(kib));
        }
    }
    Ok(MergeRun {
        time,
        peak_kib,
        stages: stages.join(", "),
    })
}

/// `kaohe synth` then `kaohe merge` three times; the median run.
fn merge_scale(districts: usize) -> Result<MergeRun, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let set = dir.path().join("set");
    let synth = Command::new(BIN)
        .args([
            "synth",
            "--seed",
            &SEED.to_string(),
            "--districts",
            &districts.to_string(),
        ])
        .args(["--items", "300", "--departments", "40", "--out"])
        .arg(&set)
        .output()
        .map_err(|e| e.to_string())?;
    if !synth.status.success() {
        return Err(format!(
            "kaohe synth failed: {}",
            String::from_utf8_lossy(&synth.stderr).trim()
        ));
    }
    let mut runs = (0..MERGE_RUNS)
        .map(|_| merge_once(&set))
        .collect::<Result<Vec<_>, _>>()?;
    runs.sort_by_key(|r| r.time);
    let peak = runs.iter().filter_map(|r| r.peak_kib).max();
    let mut mid = runs.swap_remove(runs.len() / 2);
    mid.peak_kib = peak;
    Ok(mid)
}

fn merge(rows: &mut Vec<Row>) {
    let one = merge_scale(284);
    let ten = merge_scale(2844);
    let mib = |r: &MergeRun| r.peak_kib.map(|k| k as f64 / 1024.0);
    let secs = |r: &MergeRun| r.time.as_secs_f64();
    for (label, result, goal_s, goal_mib) in [("1x", &one, None, None), ("10x", &ten, Some(2.0), Some(1024.0))] {
        let what = if label == "1x" { "284" } else { "2,844" };
        match result {
            Ok(r) => {
                rows.push(
                    Row::new(
                        &format!("merge_{label}_time"),
                        &format!("merge+verify {label}, median of {MERGE_RUNS}"),
                        Some(secs(r)),
                        Unit::Secs,
                        goal_s,
                    )
                    .note(format!(
                        "{what} districts x 300 items x 40 files, seed {SEED}; stages (s): {}",
                        r.stages
                    )),
                );
                rows.push(
                    Row::new(
                        &format!("merge_{label}_peak"),
                        &format!("merge+verify {label}, peak memory"),
                        mib(r),
                        Unit::MiB,
                        goal_mib,
                    )
                    .note(if r.peak_kib.is_some() {
                        "VmHWM, reported by kaohe merge (KAOHE_TIMINGS=1)"
                    } else {
                        "unknown: the platform has no /proc/self/status"
                    }),
                );
            }
            Err(e) => rows.push(
                Row::new(
                    &format!("merge_{label}_time"),
                    &format!("merge+verify {label}"),
                    None,
                    Unit::Secs,
                    goal_s,
                )
                .note(e.clone()),
            ),
        }
    }
    if let (Ok(a), Ok(b)) = (&one, &ten) {
        rows.push(
            Row::new(
                "merge_ratio_time",
                "merge+verify 10x/1x, time",
                Some(secs(b) / secs(a)),
                Unit::Times,
                Some(10.0),
            )
            .note("linear growth is 10x the data: 10.0"),
        );
        let ratio = match (mib(a), mib(b)) {
            (Some(a), Some(b)) => Some(b / a),
            _ => None,
        };
        rows.push(Row::new(
            "merge_ratio_peak",
            "merge+verify 10x/1x, peak memory",
            ratio,
            Unit::Times,
            Some(10.0),
        ));
    }
}

// ---------------------------------------------------------------- keystrokes

/// A score within `0..=max` on the rubric's precision, mostly the full
/// points as most cells get: what an analyst types on a range cell.
fn some_score(rng: &mut Rng, max: Decimal, precision: u32) -> Decimal {
    let step = if precision >= 1 {
        Decimal::new(5, 1)
    } else {
        Decimal::ONE
    };
    let steps = (max / step).floor();
    let steps = u64::try_from(steps).unwrap_or(0);
    if rng.below(2) == 0 {
        return max;
    }
    Decimal::from(rng.below(steps + 1)) * step
}

/// What the analyst types into the current cell, without the Enter: the
/// score itself, as a number of points, whatever helper the cell has (a
/// level's points on a levels item, the award's points or 0), and 0 for no
/// veto. Helper inputs take a key more; the walk measures the direct path.
fn typed_for(wb: &Workbench, rng: &mut Rng) -> Option<String> {
    let s = wb.app.session()?;
    let unit = s.current()?;
    let su = s.scoring_unit(unit);
    let precision = s.rubric.precision;
    let (min, max) = bounds::range(&su);
    if su.item.kind == Kind::Veto {
        return Some("0".into());
    }
    Some(match su.helper() {
        Some(Helper::Scale { levels }) => {
            let level = &levels[rng.below(levels.len() as u64) as usize % levels.len().max(1)];
            level.points.normalize().to_string()
        }
        Some(Helper::Award) => {
            if rng.below(2) == 0 {
                su.points.unwrap_or_default().normalize().to_string()
            } else {
                "0".into()
            }
        }
        _ if su.kind() == Kind::Deduction => {
            // The amount, typed without its sign.
            let cap = min.map_or(Decimal::TWO, |m| -m);
            given(&su, -some_score(rng, cap, precision), precision)
                .abs()
                .normalize()
                .to_string()
        }
        _ => given(&su, some_score(rng, max, precision), precision)
            .normalize()
            .to_string(),
    })
}

/// `score` if the unit's rule can give it, else the first score the rule lists.
fn given(su: &kaohe::rubric::ScoringUnit<'_>, score: Decimal, precision: u32) -> Decimal {
    match kaohe::scoring::rule::check_points(su, score.normalize(), precision) {
        Err(kaohe::scoring::rule::Refusal::NotGiven { can, .. }) => {
            can.scores.iter().flatten().next().copied().unwrap_or(score)
        }
        _ => score,
    }
}

fn keystrokes(rows: &mut Vec<Row>) {
    let figure = "keys per scored cell in the walk";
    let row = |value, goal, note: String| Row::new("keys_per_cell", figure, value, Unit::Keys, goal).note(note);
    match walk(DEPT) {
        Ok(w) => {
            let cells = w.cells as f64;
            let mut note = format!(
                "{RUBRIC} {}: {} cells ({} districts), {} keys, goal {} keys (score chars + Enter), seed {SEED}",
                w.department, w.cells, w.districts, w.keys, w.goal
            );
            if w.over > 0 {
                note.push_str(&format!("; {} cells over their goal: {}", w.over, w.why_over));
            }
            rows.push(row(Some(w.keys as f64 / cells), Some(w.goal as f64 / cells), note));
        }
        Err(e) => rows.push(row(None, None, e)),
    }
}

struct Walked {
    department: String,
    districts: usize,
    cells: usize,
    keys: usize,
    goal: usize,
    over: usize,
    why_over: String,
}

/// Score every cell of one department's walk typing only the score (or
/// the helper's input) and Enter, from a fresh draft; count the keys; check
/// from the draft on disk that every cell was scored.
fn walk(dept: &str) -> Result<Walked, String> {
    let root = tempfile::tempdir().map_err(|e| e.to_string())?;
    let data = root.path().join("data");
    let mut wb = Workbench::start(
        &workbench_args(dept),
        Dirs::at(root.path().join("config"), &data),
        false,
    )?;
    let (districts, units, department) = {
        let s = wb.app.session().ok_or("no session")?;
        (s.rubric.districts.len(), s.units.len(), s.department.clone())
    };
    let mut rng = Rng::new(SEED);
    let (mut keys, mut goal, mut over) = (0, 0, 0);
    let mut why_over: Vec<String> = Vec::new();
    for _ in 0..districts * units {
        let (district, unit) = {
            let s = wb.app.session().ok_or("no session")?;
            (s.district, s.unit)
        };
        let typed = typed_for(&wb, &mut rng).ok_or("no current cell")?;
        let script = format!("{typed}<ret>");
        let n = parse_keys(&script).map_err(|e| e.to_string())?.len();
        wb.feed(&script).map_err(|e| e.to_string())?;
        let s = wb.app.session().ok_or("no session")?;
        let key = s.units.get(unit).map(|u| u.key.clone()).unwrap_or_default();
        if !s
            .units
            .get(unit)
            .is_some_and(|u| s.cell(district, u).is_some_and(Cell::is_scored))
        {
            return Err(format!(
                "{typed:?} on {key} was refused: {:?}",
                wb.app.message.as_ref().map(|m| &m.text)
            ));
        }
        let cell_goal = typed.trim_start_matches('=').chars().count() + 1;
        keys += n;
        goal += cell_goal;
        if n > cell_goal {
            over += 1;
            let why = format!("{key} typed {typed}<ret>");
            if !why_over.contains(&why) && why_over.len() < 3 {
                why_over.push(why);
            }
        }
    }
    let rubric_id = wb.app.session().map(|s| s.draft.rubric.clone()).unwrap_or_default();
    let _ = wb.finish();
    let draft = DraftStore::new(&data)
        .load(&rubric_id, &department)
        .map_err(|e| e.to_string())?
        .ok_or("no draft on disk")?;
    let scored: usize = draft
        .cells
        .values()
        .map(|d| d.values().filter(|c| c.is_scored()).count())
        .sum();
    if scored != districts * units {
        return Err(format!("the draft has {scored} scored cells of {}", districts * units));
    }
    Ok(Walked {
        department,
        districts,
        cells: scored,
        keys,
        goal,
        over,
        why_over: why_over.join(", "),
    })
}
