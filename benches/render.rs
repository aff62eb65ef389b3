//! Rendering the main screen at 200x60 (goal: <= 1 ms a frame).
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use kaohe::config::Dirs;
use kaohe::lang::Lang;
use kaohe::tui::views::render;
use kaohe::tui::workbench::StartArgs;
use kaohe::tui::workbench::Workbench;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn bench(c: &mut Criterion) {
    let root = std::env::temp_dir().join(format!("kaohe-bench-render-{}", std::process::id()));
    let args = StartArgs {
        rubric: Some("suizhou-2022".into()),
        dept: Some("市场监管".into()),
        scorer: Some("bench".into()),
        keymap: None,
        lang: Some(Lang::Zh),
    };
    let mut wb = match Workbench::start(&args, Dirs::at(root.join("c"), root.join("d")), true) {
        Ok(wb) => wb,
        Err(e) => panic!("{e}"),
    };
    let _ = wb.feed("1<ret>0.5<ret>1<ret>");
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    c.bench_function("render main screen 200x60", |b| {
        b.iter(|| {
            terminal.draw(|f| render(&wb.app, f)).expect("draw");
        })
    });
    wb.finish();
    let _ = std::fs::remove_dir_all(&root);
}

criterion_group!(benches, bench);
criterion_main!(benches);
