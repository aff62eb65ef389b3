//! The help screen, generated from the merged keymap: every binding in
//! effect, grouped under human names (移动, 评分, 查找, …), how entry works,
//! and a legend of the marks. It scrolls when the screen is short.

use super::Theme;
use crate::lang::Lang;
use crate::rubric::Kind;
use crate::tui::action::{Action, Mode};
use crate::tui::app::App;
use crate::tui::i18n::{action_label, key_label, kind_label, kind_mark};
use crate::tui::wrap::{fit, width, wrap};
use ratatui::text::{Line, Span};

/// The groups of the main screen's actions, in the order the help shows them.
fn groups(lang: Lang) -> Vec<(&'static str, &'static [Action])> {
    let zh = lang == Lang::Zh;
    vec![
        (
            if zh { "移动" } else { "Moving" },
            &[
                Action::Up,
                Action::Down,
                Action::Left,
                Action::Right,
                Action::PageUp,
                Action::PageDown,
                Action::First,
                Action::Last,
                Action::NextPane,
                Action::PrevPane,
                Action::NextDistrict,
                Action::PrevDistrict,
                Action::NextUnit,
                Action::PrevUnit,
                Action::NextUnscored,
                Action::ToggleWalk,
            ],
        ),
        (
            if zh { "评分" } else { "Scoring" },
            &[
                Action::Confirm,
                Action::InputEntry,
                Action::Tick,
                Action::ClearScore,
                Action::Fill,
                Action::AcceptClaim,
                Action::Note,
                Action::ToggleEvidence,
                Action::Undo,
                Action::Redo,
            ],
        ),
        (
            if zh { "查找与总览" } else { "Finding" },
            &[Action::Search, Action::Overview, Action::Filter],
        ),
        (
            if zh { "其他" } else { "Other" },
            &[Action::Export, Action::Help, Action::Cancel, Action::Quit],
        ),
    ]
}

/// What a mode's table is for, as the help heads it.
fn mode_title(mode: Mode, zh: bool) -> &'static str {
    match (mode, zh) {
        (Mode::Normal, true) => "主界面",
        (Mode::Normal, false) => "Main screen",
        (Mode::Entry, true) => "分数输入行",
        (Mode::Entry, false) => "The entry line",
        (Mode::Note, true) => "评分依据",
        (Mode::Note, false) => "The note",
        (Mode::Events, true) => "事件列表（按件扣分项）",
        (Mode::Events, false) => "The events list (per-event items)",
        (Mode::Text, true) => "姓名与口令",
        (Mode::Text, false) => "Name and passphrase",
        (Mode::Search, true) => "搜索框",
        (Mode::Search, false) => "Search",
        (Mode::Picker, true) => "列表",
        (Mode::Picker, false) => "Lists",
        (Mode::Grid, true) => "总览表",
        (Mode::Grid, false) => "The overview",
        (Mode::Help, true) => "帮助（其他键关闭）",
        (Mode::Help, false) => "Help (any other key closes it)",
        (Mode::Confirm, true) => "确认（其他键即否）",
        (Mode::Confirm, false) => "Questions (any other key answers no)",
        (Mode::Notice, true) => "提示（任意键关闭）",
        (Mode::Notice, false) => "Notices (any key closes them)",
        (Mode::Review, true) => "核对导入的细则（kaohe rubric review）",
        (Mode::Review, false) => "Reviewing an imported rubric (kaohe rubric review)",
    }
}

/// One line of the help: a group's heading, or keys and what they do.
struct Entry {
    keys: String,
    text: String,
    heading: bool,
}

fn heading(text: &str) -> Entry {
    Entry {
        keys: String::new(),
        text: text.to_string(),
        heading: true,
    }
}

fn binding(app: &App, mode: Mode, action: Action) -> Option<Entry> {
    let keys = app.keymap.keys_for(mode, action);
    if keys.is_empty() {
        return None;
    }
    let shown: Vec<String> = keys.iter().map(|k| key_label(app.lang, k)).collect();
    Some(Entry {
        keys: shown.join(" "),
        text: action_label(app.lang, action).to_string(),
        heading: false,
    })
}

fn entries(app: &App) -> Vec<Entry> {
    let zh = app.lang == Lang::Zh;
    let mut out = Vec::new();
    for (name, actions) in groups(app.lang) {
        out.push(heading(name));
        out.extend(actions.iter().filter_map(|&a| binding(app, Mode::Normal, a)));
    }
    // How entry works, beside the keys.
    out.push(heading(if zh { "输入" } else { "Entry" }));
    out.push(Entry {
        keys: "0-9 . -".into(),
        text: (if zh {
            "数字即分数（扣分项可不带负号）"
        } else {
            "a number is points (a deduction's without its sign)"
        })
        .into(),
        heading: false,
    });
    out.push(Entry {
        keys: format!("{} {}", app.key_for(Action::Note), app.key_for(Action::ToggleEvidence)),
        text: (if zh {
            "刚评分后作用于刚评的单元格，移动光标后作用于当前单元格"
        } else {
            "right after a score, act on that cell until the cursor moves"
        })
        .into(),
        heading: false,
    });
    // Every other mode's table, as the merged keymap has it.
    for mode in [
        Mode::Entry,
        Mode::Note,
        Mode::Text,
        Mode::Search,
        Mode::Picker,
        Mode::Grid,
        Mode::Help,
        Mode::Confirm,
        Mode::Notice,
    ] {
        out.push(heading(mode_title(mode, zh)));
        let mut seen = Vec::new();
        for (_, action) in app.keymap.bindings(mode) {
            // The editing keys are the same in every field: listed once, below.
            let editing = action.edits_text() && action != Action::NewLine;
            if !editing && !seen.contains(&action) {
                seen.push(action);
                out.extend(binding(app, mode, action));
            }
        }
    }
    out.push(heading(if zh {
        "文字编辑（各输入框通用）"
    } else {
        "Editing text (every field)"
    }));
    for &action in Action::ALL.iter().filter(|a| a.edits_text() && **a != Action::NewLine) {
        out.extend(binding(app, Mode::Entry, action));
    }
    out.push(heading(if zh { "标记" } else { "Marks" }));
    out.extend(marks(app, zh));
    for kind in [Kind::Deduction, Kind::Bonus, Kind::Veto] {
        out.push(Entry {
            keys: kind_mark(app.lang, kind).to_string(),
            text: kind_label(app.lang, kind).to_string(),
            heading: false,
        });
    }
    out
}

/// Entries the keymap does not generate: (keys or mark, Chinese, English).
/// What the panes' marks mean: a district's line, a cell's, an item in parts.
fn marks(app: &App, zh: bool) -> Vec<Entry> {
    let mut out = Vec::new();
    let unit = app.strings().points_unit;
    let districts = [
        (
            app.strings().district_unscored.to_string(),
            "地区尚未评分",
            "district not started",
        ),
        (
            format!("4.3{unit}"),
            "地区已评完：本部门给它的小计",
            "district done: your department's subtotal for it",
        ),
        (
            format!("1.5{unit} {}", super::main_screen::cells_done(app.strings(), 2, 4)),
            "地区评到一半：小计，已评 2 格，共 4 格",
            "district under way: subtotal, 2 of 4 cells scored",
        ),
    ];
    out.extend(districts.iter().map(|(keys, zh_text, en_text)| Entry {
        keys: keys.clone(),
        text: (if zh { *zh_text } else { *en_text }).to_string(),
        heading: false,
    }));
    let marks: [(&str, &str, &str); 3] = [
        ("--", "未评分", "not scored"),
        ("!", "缺印证材料", "evidence missing"),
        ("*", "有评分依据", "has a note"),
    ];
    out.extend(fixed(zh, &marks));
    // An item scored in parts, above them: as its row says it, in the screen's language.
    let parts: [(&str, &str); 2] = if zh {
        [
            ("缺3", "本项的部分都未评，还有 3 个"),
            ("0.5/1分 缺2", "本项各部分已得 0.5 分（满分 1），还有 2 个部分未评"),
        ]
    } else {
        [
            ("3 left", "none of the item's 3 parts scored yet"),
            (
                "0.5/1pt 2 left",
                "the parts scored so far: 0.5 of the item's 1, 2 parts left",
            ),
        ]
    };
    out.extend(parts.iter().map(|(keys, text)| Entry {
        keys: (*keys).to_string(),
        text: (*text).to_string(),
        heading: false,
    }));
    out.push(Entry {
        keys: app.strings().veto_yes.to_string(),
        text: (if zh {
            "本部门报告了否决"
        } else {
            "your department reported a veto"
        })
        .to_string(),
        heading: false,
    });
    out
}

fn fixed(zh: bool, rows: &[(&str, &str, &str)]) -> Vec<Entry> {
    rows.iter()
        .map(|(keys, zh_text, en_text)| Entry {
            keys: (*keys).to_string(),
            text: if zh { zh_text } else { en_text }.to_string(),
            heading: false,
        })
        .collect()
}

/// The help at `width` columns, every description whole (wrapped under its
/// keys), from line `scroll`.
pub fn help_lines(app: &App, width_cols: usize, height: usize, scroll: usize) -> Vec<Line<'static>> {
    const KEYS: usize = 14;
    let theme = Theme::of(app);
    let s = app.strings();
    let mut body: Vec<Line<'static>> = Vec::new();
    let text_w = width_cols.saturating_sub(KEYS + 2).max(8);
    for e in entries(app) {
        if e.heading {
            body.push(Line::from(Span::styled(
                fit(&format!(" {}", e.text), width_cols),
                theme.header(),
            )));
            continue;
        }
        for (i, l) in wrap(&e.text, text_w).into_iter().enumerate() {
            let keys = if i == 0 { e.keys.as_str() } else { "" };
            let keys = if width(keys) > KEYS {
                crate::tui::wrap::truncate(keys, KEYS)
            } else {
                keys.to_string()
            };
            body.push(Line::from(vec![
                Span::styled(fit(&format!(" {keys}"), KEYS + 1), theme.highlight()),
                Span::raw(format!(" {l}")),
            ]));
        }
    }
    let room = height.saturating_sub(2).max(1);
    let first = scroll.min(body.len().saturating_sub(room));
    let more = body.len() > first + room;
    let mut lines = vec![Line::from(Span::styled(
        fit(&format!(" {}", s.help), width_cols),
        theme.title(true),
    ))];
    lines.extend(body.into_iter().skip(first).take(room));
    let footer = if more || first > 0 {
        app.with_keys(s.help_footer_scroll)
    } else {
        s.help_footer.to_string()
    };
    lines.push(Line::from(Span::styled(
        fit(&format!(" {footer}"), width_cols),
        theme.dim(),
    )));
    lines
}
