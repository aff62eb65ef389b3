//! The help screen, generated from the merged keymap: every binding of every
//! mode, so that it shows the user's own keys. Entries flow into as many
//! columns as the screen holds.

use super::Theme;
use crate::tui::action::{Action, Mode};
use crate::tui::app::App;
use crate::tui::i18n::action_label;
use crate::tui::wrap::{fit, truncate};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// One column entry: a mode header, or the keys and what they do.
fn entries(app: &App) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for &mode in Mode::ALL {
        out.push((format!("[{}]", mode.name()), true));
        let bindings = app.keymap.bindings(mode);
        let mut actions: Vec<Action> = bindings.iter().map(|(_, a)| *a).collect();
        actions.dedup();
        for action in actions {
            let keys: Vec<&str> = bindings
                .iter()
                .filter(|(_, a)| *a == action)
                .map(|(k, _)| k.as_str())
                .collect();
            out.push((
                format!(
                    "{} {}",
                    fit(&truncate(&keys.join(","), 12), 12),
                    action_label(app.lang, action)
                ),
                false,
            ));
        }
        if mode == Mode::Normal {
            let zh = app.lang == crate::lang::Lang::Zh;
            // How entry works, beside the keys: a number is points; the
            // helper's input has its own entry; i/m follow the cell just scored.
            let notes: [(&str, &str, &str); 3] = [
                ("0-9 . -", "数字即分数", "a number is points"),
                ("tab(输入中)", "分数/依据切换", "score/helper input"),
                ("i m", "作用于刚评单元格", "act on cell just scored"),
            ];
            for (keys, zh_label, en_label) in notes {
                let label = if zh { zh_label } else { en_label };
                let keys = if zh {
                    keys.to_string()
                } else {
                    keys.replace("(输入中)", " (entry)")
                };
                out.push((format!("{} {label}", fit(&keys, 12)), false));
            }
        }
    }
    out
}

pub fn help_lines(app: &App, width: usize, height: usize) -> Vec<Line<'static>> {
    const COLUMN: usize = 30;
    let theme = Theme::of(app);
    let s = app.strings();
    let mut lines = vec![Line::from(Span::styled(
        fit(&format!(" {}", s.help), width),
        theme.title(true),
    ))];
    let rows = height.saturating_sub(2).max(1);
    let columns = (width / COLUMN).max(1);
    let entries = entries(app);
    for r in 0..rows {
        let mut spans = Vec::new();
        for c in 0..columns {
            if let Some((text, header)) = entries.get(c * rows + r) {
                let style = if *header { theme.header() } else { Style::default() };
                spans.push(Span::styled(fit(&format!(" {text}"), COLUMN), style));
            }
        }
        if !spans.is_empty() {
            lines.push(Line::from(spans));
        }
    }
    lines.push(Line::from(Span::styled(format!(" {}", s.help_footer), theme.dim())));
    lines
}
