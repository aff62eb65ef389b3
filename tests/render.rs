//! Screens as text, at the sizes analysts use (80x24 over SSH, 120x40) and an
//! odd width, with Chinese criteria; insta keeps the approved pictures.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kaohe::config::Dirs;
use kaohe::lang::Lang;
use kaohe::tui::views::render;
use kaohe::tui::workbench::StartArgs;
use kaohe::tui::workbench::Workbench;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "common/screen.rs"]
mod screen;

fn workbench(rubric: &str, dept: &str, lang: Lang, root: &std::path::Path) -> Workbench {
    let args = StartArgs {
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
    // kaohe's own arithmetic, before ratatui clipped anything.
    let overflows = kaohe::tui::views::take_overflows();
    assert!(
        overflows.is_empty(),
        "lines wider than their pane at {width}x{height}: {overflows:#?}"
    );
    screen::text(terminal.backend().buffer())
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
    wb.feed("0.5<ret>").expect("keys");
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
    wb.feed("/gongyechanpin<ret><tab> ").expect("keys");
    let text = screen(&wb, 97, 31);
    check_widths(&text, 97);
    insta::assert_snapshot!("checklist_97x31_en", text);
}

#[test]
fn entry_refused_search_help_and_pickers() {
    let root = tempfile::tempdir().expect("temp");
    let mut wb = workbench("huizhou-2017", "质监", Lang::Zh, root.path());
    wb.feed("=99<ret>").expect("keys");
    insta::assert_snapshot!("entry_refused_80x24", screen(&wb, 80, 24));
    wb.feed("<esc>/tzsb").expect("keys");
    insta::assert_snapshot!("search_80x24", screen(&wb, 80, 24));
    wb.feed("<esc>?").expect("keys");
    insta::assert_snapshot!("help_120x40", screen(&wb, 120, 40));

    let none = StartArgs {
        lang: Some(Lang::Zh),
        ..StartArgs::default()
    };
    let mut pick =
        Workbench::start(&none, Dirs::at(root.path().join("c2"), root.path().join("d2")), false).expect("start");
    insta::assert_snapshot!("pick_rubric_80x24", screen(&pick, 80, 24));
    pick.feed("luoyang<ret>").expect("keys");
    insta::assert_snapshot!("pick_department_80x24", screen(&pick, 80, 24));
}

/// A list longer than the screen says so in its title, as every pane does:
/// huizhou's 22 departments at 80x24, the last ones below.
#[test]
fn the_department_list_says_what_is_below() {
    let root = tempfile::tempdir().expect("temp");
    let rubric_only = StartArgs {
        rubric: Some("huizhou-2017".into()),
        lang: Some(Lang::Zh),
        ..StartArgs::default()
    };
    let mut pick = Workbench::start(
        &rubric_only,
        Dirs::at(root.path().join("c"), root.path().join("d")),
        false,
    )
    .expect("start");
    let text = screen(&pick, 80, 24);
    let title = text.lines().next().unwrap_or_default();
    assert!(title.contains("[下方 "), "{text}");
    pick.feed("<pagedown><pagedown><pagedown>").expect("keys");
    let text = screen(&pick, 80, 24);
    let title = text.lines().next().unwrap_or_default();
    assert!(title.contains("[上方 ") && !title.contains("下方"), "{text}");
}

/// One Ctrl-C while a score is typed warns where the analyst is looking:
/// in the entry line, which covers the message line.
#[test]
fn the_ctrl_c_warning_shows_in_the_entry_line() {
    let root = tempfile::tempdir().expect("temp");
    let mut wb = workbench("suizhou-2022", "水利", Lang::Zh, root.path());
    wb.feed("4.5<C-c>").expect("keys");
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen(&wb, w, h);
        let entry = text.lines().rev().find(|l| l.contains("4.5")).unwrap_or_default();
        assert!(entry.contains("正在输入：再按一次"), "{w}x{h}: {text}");
    }
}

#[test]
fn too_small_says_so() {
    let root = tempfile::tempdir().expect("temp");
    let wb = workbench("suizhou-2022", "水利", Lang::Zh, root.path());
    let text = screen(&wb, 40, 10);
    // What is wrong, and what to do about it, whole: wrapped, never cut.
    let said: String = text.lines().map(str::trim).collect();
    assert!(
        said.contains("终端窗口太小（现在 40×10，至少要") && said.contains("请放大窗口或缩小字号"),
        "{text}"
    );
}

#[test]
fn the_passphrase_is_masked() {
    let root = tempfile::tempdir().expect("temp");
    kaohe::io::key_files::keygen(&root.path().join("d"), "市水利和湖泊局", "张三", Some("s3cret")).expect("keygen");
    let mut wb = workbench("suizhou-2022", "水利", Lang::En, root.path());
    wb.feed("e<ret>s3cr").expect("keys");
    let text = screen(&wb, 80, 24);
    assert!(
        text.contains("****") && !text.contains("*****"),
        "one star per character typed: {text}"
    );
    assert!(!text.contains("s3cr"), "{text}");
    assert!(text.contains("passphrase"), "{text}");
}

/// A rubric made to be hard to draw: long Chinese texts and criteria with
/// fullwidth punctuation, fullwidth digits and emoji, each behind 0 to 9
/// ASCII characters so that at some width a wide glyph meets every column
/// and every pane edge; long and mixed-width district names.
fn wide_glyph_rubric(dir: &std::path::Path) -> std::path::PathBuf {
    let mut toml = String::from(
        "id = \"wide-1\"\ntitle = \"宽字符测试考核要点（１２３）🏭\"\nissuer = \"测试办\"\nperiod = \"2026\"\n\
         districts = [\"甲区\", \"A乙县\", \"ab丙市\", \"abc丁新区超长名称的风景名胜区管理委员会办公室\", \"１２３区🏭\"]\n\n\
         [[department]]\nname = \"市市场监督管理局（知识产权局）\"\naliases = [\"市场监管局\"]\n\n\
         [[area]]\nid = \"1\"\nname = \"质量整体水平（宽字符：，。；“”《》【】）\"\npoints = \"100\"\n\n\
         [[key_point]]\nid = \"1.1\"\narea = \"1\"\nname = \"特种设备安全监管与电梯应急救援平台建设工作🏭\"\n\n",
    );
    let long = "特种设备安全监管工作（电梯、锅炉、压力容器、气瓶）：按照《特种设备安全法》要求，\
                落实“双随机、一公开”监督检查，开展隐患排查治理；发现问题未整改的，每项扣１分。🏭";
    for k in 0..10 {
        let pad = "x".repeat(k);
        toml.push_str(&format!(
            "[[item]]\nid = \"1.1.{n}\"\nkey_point = \"1.1\"\ntext = '''{pad}{long}（10分）'''\npoints = \"10\"\n\
             criteria = '''{pad}{long}{long}\n{pad}１．{long}\n２．{pad}{long}'''\ndepartments = [\"市场监管局\"]\n\n",
            n = k + 1
        ));
    }
    let path = dir.join("wide-1.toml");
    std::fs::write(&path, toml).expect("write the rubric");
    let checked = kaohe::rubric::check(
        &path.display().to_string(),
        &std::fs::read_to_string(&path).expect("read"),
    );
    assert!(!checked.has_errors(), "{:?}", checked.errors().collect::<Vec<_>>());
    path
}

fn wide_glyph_workbench(root: &std::path::Path) -> Workbench {
    let rubric = wide_glyph_rubric(root);
    let args = StartArgs {
        rubric: Some(rubric.display().to_string()),
        dept: Some("市场监管".into()),
        scorer: Some("张三（ＱＡ）🏭".into()),
        keymap: None,
        lang: Some(Lang::Zh),
    };
    let mut wb = Workbench::start(&args, Dirs::at(root.join("c"), root.join("d")), false).expect("start");
    wb.feed("<down><down><down>7.5<ret>i依据：现场核查（１２３）🏭xyz<ret>")
        .expect("keys");
    wb
}

/// Sizes to draw at: every edge that matters (1, the minimum and one either
/// side of it, 200 and 400 wide), and `cases` more sampled by proptest, a new
/// sample each run, up to 400x120.
fn sizes(cases: u32) -> Vec<(u16, u16)> {
    use proptest::strategy::{Strategy, ValueTree};
    let mut sizes = Vec::new();
    for w in [1, 2, 59, 60, 61, 80, 120, 200, 400] {
        for h in [1, 2, 15, 16, 17, 24, 40, 60, 120] {
            sizes.push((w, h));
        }
    }
    let mut runner = proptest::test_runner::TestRunner::default();
    let strategy = (1u16..=400, 1u16..=120);
    for _ in 0..cases {
        if let Ok(tree) = strategy.new_tree(&mut runner) {
            sizes.push(tree.current());
        }
    }
    sizes
}

/// The main screen at sampled sizes: long Chinese criteria, wide glyphs at
/// every column, never a panic, never a line wider than its pane (measured
/// before ratatui clips, in `screen`), and the items shown once there is room.
#[test]
fn the_main_screen_at_any_size_fits_its_panes() {
    let root = tempfile::tempdir().expect("temp");
    let wb = wide_glyph_workbench(root.path());
    for (w, h) in sizes(600) {
        let text = screen(&wb, w, h);
        check_widths(&text, w);
        if w >= 60 && h >= 16 {
            assert!(text.contains("1.1.4"), "{w}x{h} shows the items:\n{text}");
        }
    }
}

#[test]
fn every_screen_at_sampled_sizes_fits_its_panes() {
    let root = tempfile::tempdir().expect("temp");
    let mut wb = wide_glyph_workbench(root.path());
    let sizes = sizes(150);
    for keys in [
        "",
        "/tzsb",
        "<esc>?",
        "<esc>i长备注：“一二三”（四）🏭",
        "<esc><esc>v",
        "<tab>",
    ] {
        wb.feed(keys).expect("keys");
        for &(w, h) in &sizes {
            check_widths(&screen(&wb, w, h), w);
        }
    }
}

#[test]
fn the_start_screens_at_sampled_sizes_fit() {
    let root = tempfile::tempdir().expect("temp");
    let args = StartArgs {
        rubric: None,
        dept: None,
        scorer: None,
        keymap: None,
        lang: Some(Lang::Zh),
    };
    let mut wb = Workbench::start(&args, Dirs::at(root.path().join("c"), root.path().join("d")), false).expect("start");
    let sizes = sizes(100);
    for keys in [
        String::new(),
        "huizhou".to_string(),
        "<esc>".to_string(),
        "luoyang<ret>".to_string(),
        "shichang".to_string(),
        "<ret>".to_string(),
        "张三（ＱＡ）🏭超长的评分人姓名用来测试宽度".to_string(),
    ] {
        wb.feed(&keys).expect("keys");
        for &(w, h) in &sizes {
            check_widths(&screen(&wb, w, h), w);
        }
    }
    assert!(
        matches!(wb.app.stage, kaohe::tui::stages::Stage::Scorer { .. }),
        "on the scorer screen at the end:\n{}",
        screen(&wb, 80, 24)
    );
}

/// The cursor is on a whole item ticked as a checklist.
fn is_checklist(wb: &Workbench) -> bool {
    wb.app
        .current_scoring_unit()
        .is_some_and(|u| u.sub.is_none() && matches!(u.helper(), Some(kaohe::rubric::Helper::Checklist { .. })))
}

#[test]
fn a_checklist_entry_says_it_takes_a_score_in_its_range_or_ticks() {
    let root = tempfile::tempdir().expect("temp");
    let mut wb = workbench("suizhou-2022", "市场监管", Lang::En, root.path());
    for _ in 0..40 {
        if is_checklist(&wb) {
            break;
        }
        wb.feed("<down>").expect("keys");
    }
    assert!(is_checklist(&wb));
    wb.feed("1").expect("keys");
    let text = screen(&wb, 120, 40);
    assert!(
        text.contains("score [0..0.5; tick parts with space in the criteria pane]: 1"),
        "{text}"
    );
}

/// The screen with its styles: `⟦…⟧` where the style changes, naming its
/// colours and modifiers, so that focus, selection and highlight can be read.
fn styled_screen(wb: &Workbench, width: u16, height: u16) -> String {
    use ratatui::style::{Color, Modifier};
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| render(&wb.app, f)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let describe = |fg: Color, bg: Color, m: Modifier| {
        let mut parts = Vec::new();
        if fg != Color::Reset {
            parts.push(format!("fg={fg:?}"));
        }
        if bg != Color::Reset {
            parts.push(format!("bg={bg:?}"));
        }
        for (flag, name) in [
            (Modifier::BOLD, "bold"),
            (Modifier::REVERSED, "reversed"),
            (Modifier::UNDERLINED, "underlined"),
        ] {
            if m.contains(flag) {
                parts.push(name.to_string());
            }
        }
        if parts.is_empty() {
            "plain".to_string()
        } else {
            parts.join(" ")
        }
    };
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        let mut current = String::from("plain");
        let mut x = 0;
        while x < width {
            let cell = &buffer[(x, y)];
            let style = describe(cell.fg, cell.bg, cell.modifier);
            if style != current {
                line.push_str(&format!("⟦{style}⟧"));
                current = style;
            }
            line.push_str(cell.symbol());
            x += unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn focus_selection_and_search_highlight_in_colour_and_without() {
    let root = tempfile::tempdir().expect("temp");
    let args = |lang| StartArgs {
        rubric: Some("suizhou-2022".into()),
        dept: Some("市场监管".into()),
        scorer: Some("张三".into()),
        keymap: None,
        lang: Some(lang),
    };
    let dirs = Dirs::at(root.path().join("c"), root.path().join("d"));
    let mut shown = String::new();
    for color in [true, false] {
        let mut wb = Workbench::start(&args(Lang::Zh), dirs.clone(), color).expect("start");
        wb.feed("1<ret><tab>").expect("keys");
        shown.push_str(&format!(
            "== colour {color}: the criteria pane has focus, an item is selected\n"
        ));
        shown.push_str(&styled_screen(&wb, 80, 24));
        wb.feed("<esc><S-tab>/tzsb").expect("keys");
        shown.push_str(&format!("== colour {color}: search, the matched letters highlighted\n"));
        shown.push_str(&styled_screen(&wb, 80, 24));
        wb.finish();
    }
    insta::assert_snapshot!("styled_80x24", shown);
}

/// Where the terminal's cursor is after a frame: where an input method puts
/// its candidate window, so it must sit right after the text typed.
fn cursor_after(wb: &Workbench, width: u16, height: u16) -> (String, String) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| render(&wb.app, f)).expect("draw");
    assert!(terminal.backend().cursor_visible(), "the frame shows the cursor");
    let at = terminal.backend().cursor_position();
    let buffer = terminal.backend().buffer().clone();
    let (mut before, mut x) = (String::new(), 0);
    while x < at.x {
        let symbol = buffer[(x, at.y)].symbol().to_string();
        x += unicode_width::UnicodeWidthStr::width(symbol.as_str()).max(1) as u16;
        before.push_str(&symbol);
    }
    let row: String = (0..width).map(|x| buffer[(x, at.y)].symbol().to_string()).collect();
    (before, row)
}

/// Type `keys`; at both sizes the cursor must then stand right after `typed`.
fn type_and_find_the_cursor(wb: &mut Workbench, keys: &str, typed: &str) {
    wb.feed(keys).expect("keys");
    for (w, h) in [(80, 24), (120, 40)] {
        let (before, row) = cursor_after(wb, w, h);
        assert!(
            before.ends_with(typed),
            "{keys}: the cursor is after {typed:?} in {row:?}"
        );
    }
}

#[test]
fn the_cursor_sits_after_the_text_in_every_field() {
    let root = tempfile::tempdir().expect("temp");
    kaohe::io::key_files::keygen(&root.path().join("d"), "市水利和湖泊局", "张三", Some("s3cret")).expect("keygen");
    let dirs = Dirs::at(root.path().join("c"), root.path().join("d"));
    let start = |args: &StartArgs| Workbench::start(args, dirs.clone(), false).expect("start");
    let mut args = StartArgs {
        rubric: None,
        dept: None,
        scorer: None,
        keymap: None,
        lang: Some(Lang::Zh),
    };
    // The picker's filter, the scorer's name.
    let mut wb = start(&args);
    for (keys, typed) in [
        ("随州", "随州"),
        ("<esc>suizhou<ret>水利", "水利"),
        ("<ret>王五（ＱＡ）", "王五（ＱＡ）"),
    ] {
        type_and_find_the_cursor(&mut wb, keys, typed);
    }
    drop(wb);
    // The score, the note (moved left inside wide text), the search, the passphrase.
    args.rubric = Some("suizhou-2022".into());
    args.dept = Some("水利".into());
    args.scorer = Some("张三".into());
    let mut wb = start(&args);
    for (keys, typed) in [
        ("4.5", "4.5"),
        ("<esc>i长备注（一）", "长备注（一）"),
        ("<left><left>", "长备注（"),
        ("<esc>y/shuili", "shuili"),
        ("<esc>e<ret>s3cr", "****"),
    ] {
        type_and_find_the_cursor(&mut wb, keys, typed);
    }
}

#[test]
fn the_overview_grid_at_80x24_and_200x60() {
    let root = tempfile::tempdir().expect("temp");
    let mut wb = workbench("suizhou-2022", "市场监管", Lang::Zh, root.path());
    wb.feed("4<ret>1<ret>0.5<ret>0.1<ret>i现场核查<ret>m]0.1<ret>o")
        .expect("keys");
    for (w, h) in [(80, 24), (200, 60)] {
        let text = screen(&wb, w, h);
        check_widths(&text, w);
        insta::assert_snapshot!(format!("grid_{w}x{h}"), text);
    }
}

/// A district is ranked once every cell of it is scored, and only among
/// such districts; one with a cell left shows `--` for its rank.
#[test]
fn the_overview_ranks_only_districts_fully_scored() {
    let root = tempfile::tempdir().expect("temp");
    let mut wb = workbench("suizhou-2022", "水利", Lang::Zh, root.path());
    // 曾都区 whole, 随县 all but one.
    wb.feed("1<ret>0.8<ret>1.5<ret>1<ret>1<ret>0.8<ret>1.5<ret>o")
        .expect("keys");
    let text = screen(&wb, 80, 24);
    let row = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name}: {text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
    };
    assert!(text.contains("名次只排已评完的 1 个地区"), "{text}");
    assert_eq!(row("曾都区").last(), Some(&"1"), "{text}");
    assert_eq!(row("随县").last(), Some(&"--"), "{text}");
    let unscored = row("广水市");
    assert_eq!(
        unscored[unscored.len() - 2..],
        ["--", "--"],
        "no total, no rank: {text}"
    );
}

/// The overlays and helpers a Chinese session meets, each approved as a
/// picture (and read for English words by tests/snapshot_language.rs).
/// Unix only: the picture holds the temp directory's path, whose length
/// (and so the wrapping) differs on Windows.
#[cfg(unix)]
#[test]
fn chinese_overlays_and_helpers_at_80x24() {
    let root = tempfile::tempdir().expect("temp");
    let mut wb = workbench("suizhou-2022", "水利", Lang::Zh, root.path());
    let mut shots = Vec::new();
    let mut shoot = |wb: &Workbench, name: &str| {
        let text = screen(wb, 80, 24);
        check_widths(&text, 80);
        shots.push(format!("== {name}\n{text}"));
    };
    for (keys, name) in [
        ("0.5<ret><up>f", "fill: the confirmation says how many cells"),
        ("<esc>i现场核查", "note: the editor"),
        // Esc asks before the words are thrown away; y throws them.
        ("<esc>yF", "filter: unscored only"),
        ("F<esc>/随县", "finder: a district by its name"),
        ("<esc>e", "export: the confirmation"),
        ("<ret>", "export: no key yet"),
        (
            "<esc>/dianti<tab>",
            "search, every item: a word found in the criteria, its line under the item",
        ),
    ] {
        wb.feed(keys).expect("keys");
        shoot(&wb, name);
    }
    let mut formula = workbench("huizhou-2017", "环保", Lang::Zh, root.path());
    formula.feed("t").expect("keys");
    shoot(&formula, "formula: the input and its working");
    // The key directory is named on screen; temp names have a fixed length,
    // so only the name differs from run to run, not the wrapping.
    let root_path = root.path().display().to_string();
    insta::assert_snapshot!("overlays_zh_80x24", shots.join("\n").replace(&root_path, "<temp>"));
}

/// Every kind of criteria line (criteria, parts, checklist rows, levels,
/// tiers, events, formulas, remarks) measured against its pane, at odd
/// widths from the narrowest main screen up, on every unit of departments
/// that have each helper.
#[test]
fn every_criteria_line_of_every_helper_fits_its_pane_at_odd_widths() {
    let root = tempfile::tempdir().expect("temp");
    for (rubric, dept) in [
        ("suizhou-2022", "市场监管"),
        ("suizhou-2022", "文旅"),
        ("huizhou-2017", "质监"),
        ("huizhou-2017", "环保"),
        ("huizhou-2017-onsite", "质量强市办"),
    ] {
        let mut wb = workbench(rubric, dept, Lang::Zh, root.path());
        let units = wb.app.session().expect("session").units.len();
        for _ in 0..units {
            for w in (61..=121).step_by(12) {
                // screen() fails on any line kaohe laid out wider than its pane.
                screen(&wb, w, 60);
            }
            wb.feed("<down>").expect("keys");
        }
        drop(wb);
    }
}

/// Items that share a label (luoyang 1.2.1 and 1.2.2, both 重大质量事件
/// （扣分项）) are told apart by their rows at 80 columns: each row's words
/// after its id differ.
#[test]
fn rows_of_items_sharing_a_label_read_apart_at_80x24() {
    let root = tempfile::tempdir().expect("temp");
    let wb = workbench("luoyang-2022", "市场监管", Lang::Zh, root.path());
    let text = screen(&wb, 80, 24);
    let after_id = |id: &str| -> String {
        let line = text
            .lines()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("{id} on screen:\n{text}"));
        let row = line.split('|').nth(1).unwrap_or_default();
        row.split_once(id)
            .map(|(_, rest)| rest.trim().to_string())
            .unwrap_or_default()
    };
    let (first, second) = (after_id("[扣]1.2.1 "), after_id("[扣]1.2.2 "));
    assert_ne!(first, second, "{text}");
    assert!(
        first.starts_with("发生重大") && second.starts_with("发生特种"),
        "{first} / {second}"
    );
}

/// suizhou 3.1.2's checklist at 80x24: every row's words are on screen
/// whole (wrapped inside the pane, never cut), and the title says how many
/// lines lie above and below, in as few words as fit.
#[test]
fn the_3_1_2_checklist_reads_whole_at_80x24_and_says_what_is_above_and_below() {
    let root = tempfile::tempdir().expect("temp");
    let mut wb = workbench("suizhou-2022", "市场监管", Lang::Zh, root.path());
    wb.feed("/gongyechanpin<ret><tab>").expect("keys");
    let mut seen = String::new();
    let mut titles = Vec::new();
    for _ in 0..3 {
        let text = screen(&wb, 80, 24);
        check_widths(&text, 80);
        let title = text.lines().nth(1).unwrap_or_default().to_string();
        assert!(!title.contains(".."), "the marks are never cut: {title}");
        titles.push(title);
        // The criteria pane's own text, lines joined as a reader joins them.
        for line in text.lines().skip(2) {
            if let Some(pane) = line.rsplit('|').next() {
                seen.push_str(pane.trim_start_matches(['>', ' ', '[', ']']).trim());
            }
        }
        wb.feed("<down><down>").expect("keys");
    }
    assert!(
        titles.iter().any(|t| t.contains("[上") && t.contains("下")),
        "some picture has lines both above and below: {titles:#?}"
    );
    for row in [
        "制定重点工业产品质量安全监管目录情况，制定得0.2分，未制定不得分。",
        "及时上报省市局或发布预警提示，开展得0.15分，未开展不得分。",
        "组织开展质量帮扶活动，开展得0.15分，未开展不得分。",
    ] {
        assert!(seen.contains(row), "{row} not whole in:\n{seen}");
    }
}

/// Text from a file reaches the screen's cells without a control character:
/// a draft whose note holds an ESC sequence, a title change and a bidi
/// override is drawn with each shown as its escape (`\x1b`, `<U+202E>`),
/// never obeyed and never silently dropped.
#[test]
fn control_characters_in_a_note_never_reach_the_screen() {
    let root = tempfile::tempdir().expect("temp");
    let rubric = kaohe::io::rubric_files::find("suizhou-2022").expect("bundled");
    let hash = kaohe::rubric::hash::rubric_hash(&rubric);
    // Every C0 control but the line break, DEL and every C1 control, after
    // a screen clear, a title change and a bidi override.
    let every: String = (1u32..0x20)
        .chain([0x7f])
        .chain(0x80..0xa0)
        .filter(|&c| c != 0x0a)
        .filter_map(char::from_u32)
        .collect();
    let paint = format!("\u{1b}[2J\u{1b}]0;owned\u{7}好\u{202E}坏\u{9b}31m{every}");
    let paint = paint.as_str();
    let draft = serde_json::json!({
        "format": 1,
        "rubric": "suizhou-2022",
        "rubric_hash": hash,
        "department": "市水利和湖泊局",
        "scorer": "张三",
        "cells": {"曾都区": {"1.1.3#1": {"score": "0.5", "note": paint}}},
    });
    let file = root.path().join("d/drafts/suizhou-2022--市水利和湖泊局.json");
    std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
    std::fs::write(&file, draft.to_string()).expect("draft");
    let mut wb = workbench("suizhou-2022", "水利", Lang::Zh, root.path());
    let note = wb
        .app
        .session()
        .and_then(|s| s.draft.cell("曾都区", "1.1.3#1"))
        .map(|c| c.note.clone());
    assert_eq!(note.as_deref(), Some(paint), "the draft's note was read as written");
    for keys in ["", "i", "<esc>o"] {
        wb.feed(keys).expect("keys");
        if keys != "<esc>o" {
            let seen = screen(&wb, 120, 40);
            assert!(
                seen.contains("\\x1b[2J") && seen.contains("好<U+202E>坏") && seen.contains("\\x01\\x02"),
                "the note's controls are shown after {keys:?}:\n{seen}"
            );
        }
        for (w, h) in [(80, 24), (120, 40)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            terminal.draw(|f| render(&wb.app, f)).expect("draw");
            let buffer = terminal.backend().buffer().clone();
            for cell in buffer.content() {
                assert!(
                    !cell
                        .symbol()
                        .chars()
                        .any(|c| c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c)),
                    "{:?} in a cell at {w}x{h} after {keys:?}",
                    cell.symbol()
                );
            }
        }
    }
}

/// The events list fits at every sampled size: with an event too long to
/// take (its reason shown) and a long list that scrolls.
#[test]
fn the_events_list_at_sampled_sizes_fits() {
    let root = tempfile::tempdir().expect("temp");
    let mut wb = workbench("huizhou-2017", "质监", Lang::Zh, root.path());
    let long = "某区某某大型商场自动扶梯在运行中突然逆行造成多名顾客摔伤🏭".repeat(6);
    let many: String = (1..=15)
        .map(|n| format!("第{n}起电梯事故 2017-03-0{}<ret>", n % 9 + 1))
        .collect();
    let sizes = sizes(80);
    for keys in [
        "/shigu<down><ret>t".to_string(),
        format!("{long}<ret>"),
        format!("<C-u>{many}<up><up>"),
    ] {
        wb.feed(&keys).expect("keys");
        for &(w, h) in &sizes {
            check_widths(&screen(&wb, w, h), w);
        }
    }
    assert!(matches!(wb.app.overlay(), kaohe::tui::stages::Overlay::Events(_)));
}

/// The events list of a joint per-event item (huizhou 4.1.1): two events
/// and the second chosen, with the count and the score, in both languages
/// and at both sizes; nothing wider than its box.
#[test]
fn the_events_list() {
    for (lang, name) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        let root = tempfile::tempdir().expect("temp");
        let mut wb = workbench("huizhou-2017", "质监", lang, root.path());
        wb.feed("/shigu<down><ret>t某商场电梯坠落事故 2017-03-05<ret>化工厂爆炸 2017年8月12日<ret><up>")
            .expect("keys");
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("events_{name}_{w}x{h}"), screen(&wb, w, h));
        }
    }
}

/// A score beside a cut text stands two spaces off it, so that it never
/// reads as the text's end ("…（含）得.. 1"), and a Chinese title's aside
/// is in Chinese brackets.
#[test]
fn a_score_never_reads_as_the_end_of_a_cut_text() {
    let root = tempfile::tempdir().expect("temp");
    let mut wb = workbench("huizhou-2017", "质监", Lang::Zh, root.path());
    wb.feed("1<ret>").expect("keys");
    let text = screen(&wb, 80, 24);
    let row = text
        .lines()
        .find(|l| l.contains("1.1.1#1 "))
        .expect("the row of 1.1.1#1");
    assert!(row.contains("..") && row.trim_end().ends_with("  1"), "{row:?}\n{text}");
    assert!(text.contains("考核项目（惠城区）"), "{text}");
}

/// suizhou's 曾都区 and 随县 claim 水利's four parts of 1.1.3, with reasons.
fn with_claims(root: &std::path::Path, lang: Lang) -> Workbench {
    use kaohe::selfcheck::{Claim, SelfCheckSet};
    let rubric = kaohe::io::rubric_files::find("suizhou-2022").expect("bundled");
    let mut set = SelfCheckSet::new(&rubric);
    for (district, scores) in [
        ("曾都区", ["1", "1", "1.75", "1.25"]),
        ("随县", ["1", "0.8", "1.5", "1"]),
    ] {
        let claims = set.districts.entry(district.to_string()).or_default();
        for (part, score) in scores.iter().enumerate() {
            claims.insert(
                format!("1.1.3#{}", part + 1),
                Claim {
                    score: Some(score.parse().expect("decimal")),
                    reason: format!(
                        "{district}：质量管理制度已修订并印发（附件 {}），在建工程安全度汛检查全覆盖",
                        part + 1
                    ),
                    from: format!("{district}.xlsx:{district}:{}", part + 6),
                    ..Claim::default()
                },
            );
        }
    }
    kaohe::io::selfchecks::save(&kaohe::io::selfchecks::path(&root.join("d"), "suizhou-2022"), &set).expect("set");
    std::fs::create_dir_all(root.join("c")).expect("config");
    std::fs::write(root.join("c").join("phrases.txt"), "印证材料不全\n").expect("phrases");
    workbench("suizhou-2022", "水利", lang, root)
}

#[test]
fn the_districts_claims_beside_the_cells() {
    for (lang, name) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        let root = tempfile::tempdir().unwrap();
        let mut wb = with_claims(root.path(), lang);
        // One accepted, one lowered with its reason asked (and offered).
        wb.feed("a0.5<ret>").unwrap();
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("claims_lowered_{name}_{w}x{h}"), screen(&wb, w, h));
        }
        wb.feed("<tab><ret>").unwrap();
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("claims_items_{name}_{w}x{h}"), screen(&wb, w, h));
        }
        wb.feed("o").unwrap();
        insta::assert_snapshot!(format!("claims_grid_{name}_80x24"), screen(&wb, 80, 24));
        wb.handle(kaohe::tui::app::Event::Paste("1\n7\n".into()));
        insta::assert_snapshot!(format!("claims_paste_{name}_80x24"), screen(&wb, 80, 24));
    }
}
