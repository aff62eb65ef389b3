//! A workbench driven by key strings, for the tests that type as the
//! analyst does and read the draft, the entry line and the status line.
// Test code: a failed expect or panic is how a test says where it failed.
#![allow(clippy::expect_used, clippy::panic)]

use kaohe::config::Dirs;
use kaohe::lang::Lang;
use kaohe::scoring::draft::Cell;
use kaohe::tui::workbench::StartArgs;
use kaohe::tui::workbench::Workbench;

pub struct Bench {
    _root: tempfile::TempDir,
    pub wb: Workbench,
}

/// The workbench on a rubric and department, as 张三, in Chinese, in a fresh config and data dir.
pub fn open(rubric: &str, dept: &str) -> Bench {
    let root = tempfile::tempdir().expect("temp dir");
    let wb = start_in(root.path(), rubric, dept);
    Bench { _root: root, wb }
}

/// The workbench as `open` starts it, over the config and data dirs under
/// `root` (`config/`, `data/`), for a test that lays files there first.
pub fn start_in(root: &std::path::Path, rubric: &str, dept: &str) -> Workbench {
    let dirs = Dirs::at(root.join("config"), root.join("data"));
    let args = StartArgs {
        rubric: Some(rubric.into()),
        dept: Some(dept.into()),
        scorer: Some("张三".into()),
        keymap: None,
        lang: Some(Lang::Zh),
    };
    Workbench::start(&args, dirs, false).unwrap_or_else(|e| panic!("start: {e}"))
}

impl Bench {
    pub fn feed(&mut self, keys: &str) -> &mut Self {
        self.wb.feed(keys).expect("valid key string");
        self
    }

    /// The cursor onto a unit of the department's walk.
    pub fn go(&mut self, key: &str) -> &mut Self {
        let s = self.wb.app.session().expect("session");
        let at = s
            .units
            .iter()
            .position(|u| u.key == key)
            .unwrap_or_else(|| panic!("{key} is not this department's"));
        let steps = if at >= s.unit {
            "<down>".repeat(at - s.unit)
        } else {
            "<up>".repeat(s.unit - at)
        };
        self.feed(&steps);
        assert_eq!(self.unit(), key, "the cursor is on {key}");
        self
    }

    /// The entry line above the key hints, with its preview where it
    /// wrapped under it (indented) joined back on.
    pub fn entry_line(&self) -> String {
        let screen = super::screen_text(&self.wb.app, 120, 40);
        let mut above_hints: Vec<&str> = screen.lines().rev().skip(1).collect();
        let under = above_hints.iter().take_while(|l| l.starts_with("   ")).count();
        let first = above_hints.get(under).copied().unwrap_or_default();
        above_hints.truncate(under);
        let wrapped: String = above_hints.iter().rev().map(|l| l.trim()).collect();
        if wrapped.is_empty() {
            first.to_string()
        } else {
            format!("{}  {wrapped}", first.trim_end())
        }
    }

    pub fn screen(&self) -> String {
        super::screen_text(&self.wb.app, 120, 40)
    }

    pub fn status(&self) -> String {
        self.wb.app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
    }

    pub fn district(&self) -> String {
        self.wb.app.session().expect("session").district_name().to_string()
    }

    pub fn unit(&self) -> String {
        let s = self.wb.app.session().expect("session");
        s.current().map(|u| u.key.clone()).unwrap_or_default()
    }

    pub fn cell(&self, district: &str, unit: &str) -> Cell {
        self.wb
            .app
            .session()
            .and_then(|s| s.draft.cell(district, unit).cloned())
            .unwrap_or_default()
    }

    pub fn cells(&self) -> usize {
        self.wb
            .app
            .session()
            .map_or(0, |s| s.draft.cells.values().map(|d| d.len()).sum())
    }

    /// The key of the department's first veto item.
    pub fn first_veto(&self) -> String {
        let s = self.wb.app.session().expect("session");
        s.units
            .iter()
            .find(|u| s.item_of(u).kind == kaohe::rubric::Kind::Veto)
            .map(|u| u.key.clone())
            .expect("a veto of this department")
    }
}
