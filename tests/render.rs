//! Screens as text, at the sizes analysts use (80x24 over SSH, 120x40) and an
//! odd width, with Chinese criteria; insta keeps the approved pictures.

use kaohe::cli::{Lang, WorkbenchArgs};
use kaohe::config::Dirs;
use kaohe::tui::views::render;
use kaohe::tui::workbench::Workbench;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn workbench(rubric: &str, dept: &str, lang: Lang, root: &std::path::Path) -> Workbench {
    let args = WorkbenchArgs {
        rubric: Some(rubric.into()),
        dept: Some(dept.into()),
        scorer: Some("张三".into()),
        keymap: None,
        lang: Some(lang),
    };
    Workbench::start(&args, Dirs::at(root.join("c"), root.join("d")), false).expect("start")
}

/// The screen as lines of text (a wide glyph's second cell is skipped).
fn screen(wb: &Workbench, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| render(&wb.app, f)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        let mut x = 0;
        while x < width {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn check_widths(text: &str, width: u16) {
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= width as usize,
            "too wide: {line}"
        );
    }
}

#[test]
fn main_screen_at_three_sizes() {
    let root = tempfile::tempdir().expect("temp");
    let mut wb = workbench("suizhou-2022", "水利", Lang::Zh, root.path());
    wb.feed("4.5<ret>").expect("keys");
    for (w, h) in [(80, 24), (120, 40), (97, 31)] {
        let text = screen(&wb, w, h);
        check_widths(&text, w);
        insta::assert_snapshot!(format!("main_{w}x{h}"), text);
    }
}

#[test]
fn a_long_checklist_item_in_english() {
    let root = tempfile::tempdir().expect("temp");
    let mut wb = workbench("suizhou-2022", "市场监管", Lang::En, root.path());
    wb.feed("/gongping<ret><tab><tab> ").expect("keys");
    let text = screen(&wb, 97, 31);
    check_widths(&text, 97);
    insta::assert_snapshot!("checklist_97x31_en", text);
}

#[test]
fn entry_refused_search_help_and_pickers() {
    let root = tempfile::tempdir().expect("temp");
    let mut wb = workbench("huizhou-2017", "质监", Lang::Zh, root.path());
    wb.feed("99<ret>").expect("keys");
    insta::assert_snapshot!("entry_refused_80x24", screen(&wb, 80, 24));
    wb.feed("<esc>/tzsb").expect("keys");
    insta::assert_snapshot!("search_80x24", screen(&wb, 80, 24));
    wb.feed("<esc>?").expect("keys");
    insta::assert_snapshot!("help_120x40", screen(&wb, 120, 40));

    let none = WorkbenchArgs {
        lang: Some(Lang::Zh),
        ..WorkbenchArgs::default()
    };
    let mut pick =
        Workbench::start(&none, Dirs::at(root.path().join("c2"), root.path().join("d2")), false).expect("start");
    insta::assert_snapshot!("pick_rubric_80x24", screen(&pick, 80, 24));
    pick.feed("luoyang<ret>").expect("keys");
    insta::assert_snapshot!("pick_department_80x24", screen(&pick, 80, 24));
}

#[test]
fn too_small_says_so() {
    let root = tempfile::tempdir().expect("temp");
    let wb = workbench("suizhou-2022", "水利", Lang::Zh, root.path());
    let text = screen(&wb, 40, 10);
    assert!(text.contains("终端窗口太小"), "{text}");
}

#[test]
fn every_size_renders_without_panic() {
    let root = tempfile::tempdir().expect("temp");
    let mut wb = workbench("suizhou-2022", "市场监管", Lang::Zh, root.path());
    wb.feed("1<ret>i备注<ret>").expect("keys");
    for w in (1..=200).step_by(7) {
        for h in (1..=60).step_by(5) {
            let _ = screen(&wb, w, h);
        }
    }
}

#[test]
fn the_passphrase_is_masked() {
    let root = tempfile::tempdir().expect("temp");
    kaohe::seal::keys::keygen(&root.path().join("d"), "市水利和湖泊局", "张三", Some("s3cret")).expect("keygen");
    let mut wb = workbench("suizhou-2022", "水利", Lang::En, root.path());
    wb.feed("es3cr").expect("keys");
    let text = screen(&wb, 80, 24);
    assert!(
        text.contains("****") && !text.contains("*****"),
        "one star per character typed: {text}"
    );
    assert!(!text.contains("s3cr"), "{text}");
    assert!(text.contains("passphrase"), "{text}");
}
