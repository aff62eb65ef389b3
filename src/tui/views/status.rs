//! The two bottom lines: the message or the score being typed, and the keys
//! that matter now, taken from the merged keymap so they cannot lie.

use super::{Theme, draw};
use crate::scoring::entry::{self, EntryMode};
use crate::tui::action::{Action, Mode};
use crate::tui::app::App;
use crate::tui::describe::describe;
use crate::tui::i18n::action_label;
use crate::tui::i18n::input_error;
use crate::tui::stages::{Overlay, Stage};
use crate::tui::wrap::{fit, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The last two lines of `area`: the message (or the score being typed) and
/// the key hints.
pub fn render_bottom(app: &App, frame: &mut Frame, area: Rect) {
    let line = |from_bottom: u16| Rect {
        y: area.y + area.height.saturating_sub(from_bottom),
        height: 1,
        ..area
    };
    render_message(app, frame, line(2));
    render_hints(app, frame, line(1));
}

pub fn render_message(app: &App, frame: &mut Frame, area: Rect) {
    let theme = Theme::of(app);
    let w = area.width as usize;
    if let Overlay::Entry { field, error, mode, .. } = app.overlay() {
        // The line names its mode in words: 分数, or 计分输入 and what it takes.
        let prefix = match mode {
            EntryMode::Score => format!(" {}: ", entry_label(app, *mode)),
            EntryMode::Input => format!(" {} · {}: ", app.strings().entry_helper, entry_label(app, *mode)),
        };
        // While typing, what the text would give; after a refused Enter, why.
        let warned = app.message.as_ref().filter(|m| m.error && app.interrupt_armed());
        let (after, after_style) = match (error, entry_preview(app, field.text(), *mode)) {
            // A Ctrl-C waiting for its second press says so where it is read.
            _ if warned.is_some() => (format!("  {}", warned.map_or("", |m| m.text.as_str())), theme.error()),
            (Some(e), _) => (format!("  {e}"), theme.error()),
            (None, Some(Ok(p))) => (format!("  {p}"), theme.good()),
            (None, Some(Err(e))) => (format!("  {e}"), theme.dim()),
            (None, None) => (String::new(), Style::default()),
        };
        let room = w.saturating_sub(width(&prefix) + 1);
        let field_room = room.saturating_sub(width(&after)).max(room.min(8));
        let (shown, cursor) = field.view(field_room);
        let line = Line::from(vec![
            Span::raw(prefix.clone()),
            Span::styled(shown.clone(), theme.highlight()),
            Span::styled(
                fit(&after, w.saturating_sub(width(&prefix) + width(&shown))),
                after_style,
            ),
        ]);
        draw(frame, line, area, Style::default());
        // Where the text goes, so that an input method's popup appears there.
        let x = area.x + (width(&prefix) + cursor).min(w.saturating_sub(1)) as u16;
        frame.set_cursor_position((x, area.y));
        return;
    }
    if let Some(m) = &app.message {
        let style = if m.error { theme.error() } else { theme.good() };
        draw(
            frame,
            Span::styled(fit(&format!(" {}", m.text), w), style),
            area,
            Style::default(),
        );
    }
}

/// What the entry line asks for: the score and its range (or the scores
/// the rule takes, where they are few), or what the helper's entry takes,
/// as the helper names it.
fn entry_label(app: &App, mode: EntryMode) -> String {
    let s = app.strings();
    let Some(unit) = app.current_scoring_unit() else {
        return s.entry.to_string();
    };
    if unit.item.kind == crate::rubric::Kind::Veto {
        return format!("{} [1 {} / 0 {}]", s.entry, s.veto_yes, s.veto_no);
    }
    let rule = crate::scoring::helper::of(&unit);
    let range = app
        .current_range()
        .map(|(min, max)| range_text(min, max))
        .unwrap_or_default();
    match (mode, rule) {
        (EntryMode::Input, Some(rule)) if rule.typed() => rule.asks_label(app.lang),
        (_, Some(rule)) if !rule.typed() => format!("{} [{range}{}{}]", s.entry_score, s.separator, s.tick_hint),
        (_, Some(rule)) if let Some(hint) = rule.score_hint() => format!("{} [{hint}]", s.entry_score),
        _ => format!("{} [{range}]", s.entry_score),
    }
}

/// What the text typed so far would save, or why it would be refused.
fn entry_preview(app: &App, text: &str, mode: EntryMode) -> Option<Result<String, String>> {
    if text.trim().is_empty() {
        return None;
    }
    let session = app.session()?;
    let unit = session.current_scoring_unit()?;
    let cell = session.current_cell();
    Some(
        match entry::accept(text, &unit, session.rubric.precision, &cell, mode) {
            Ok(cell) => Ok(describe(app.lang, &unit, &cell)),
            Err(e) => Err(input_error(app.lang, &e)),
        },
    )
}

use crate::points::range as range_text;

/// "key label" pairs for the actions that matter in this mode.
pub fn hints(app: &App) -> Vec<(String, String)> {
    let lang = app.lang;
    let (mode, actions): (Mode, &[Action]) = match (&app.stage, app.overlay()) {
        (Stage::PickRubric(_) | Stage::PickDepartment { .. }, _) => (
            Mode::Picker,
            &[Action::Up, Action::Down, Action::Confirm, Action::Cancel],
        ),
        (Stage::Main(_), Overlay::Search(_)) => (
            Mode::Search,
            &[
                Action::Up,
                Action::Down,
                Action::Confirm,
                Action::ToggleScope,
                Action::Cancel,
            ],
        ),
        (Stage::Main(_), Overlay::None) => (
            Mode::Normal,
            // Most needed first: the line is cut at the terminal's width.
            &[
                Action::Search,
                Action::Help,
                Action::Quit,
                Action::InputEntry,
                // Shown only on a checklist, where it is what the cell wants.
                Action::Tick,
                Action::Note,
                Action::Export,
                Action::ToggleEvidence,
                Action::NextUnscored,
                Action::ToggleWalk,
                Action::Undo,
            ],
        ),
        (Stage::Main(_), Overlay::Help(_)) => {
            return vec![(String::new(), app.with_keys(app.strings().help_footer_scroll))];
        }
        (Stage::Main(_), Overlay::Preview(_) | Overlay::Notice { .. }) => {
            return vec![(String::new(), app.strings().help_footer.to_string())];
        }
        // A text field or a question: its own table's keys.
        _ => {
            let mode = app.mode();
            let switches = mode == Mode::Entry && app.current_scoring_unit().is_some_and(|u| entry::has_input(&u));
            let mut out = Vec::new();
            for action in [
                Action::Confirm,
                Action::Yes,
                Action::No,
                Action::Cancel,
                Action::SwitchEntry,
                Action::NewLine,
            ] {
                let label = match action {
                    Action::SwitchEntry if !switches => continue,
                    Action::SwitchEntry => app.strings().entry_switch,
                    _ => action_label(lang, action),
                };
                if let Some(key) = app.keymap.keys_for(mode, action).into_iter().next() {
                    out.push((key, label.to_string()));
                }
            }
            return out;
        }
    };
    let mut out = Vec::new();
    if mode == Mode::Normal {
        let label = if lang == crate::lang::Lang::Zh {
            "评分"
        } else {
            "score"
        };
        out.push(("0-9".to_string(), label.to_string()));
    }
    // `t` only where the cell has a helper to type into, space only on a checklist.
    let unit = app.current_scoring_unit();
    let has_input = unit.as_ref().is_some_and(entry::has_input);
    let ticks = unit.is_some_and(|u| matches!(u.helper(), Some(crate::rubric::Helper::Checklist { .. })));
    let shown = |a: Action| (a != Action::InputEntry || has_input) && (a != Action::Tick || ticks);
    for &action in actions.iter().filter(|&&a| shown(a)) {
        if let Some(key) = app.keymap.keys_for(mode, action).into_iter().next() {
            out.push((key, action_label(lang, action).to_string()));
        }
    }
    out
}

pub fn render_hints(app: &App, frame: &mut Frame, area: Rect) {
    let theme = Theme::of(app);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, label) in hints(app) {
        let key = crate::tui::i18n::key_label(app.lang, &key);
        let piece = width(&key) + width(&label) + 3;
        if used + piece > area.width as usize {
            break;
        }
        spans.push(Span::styled(key, theme.header()));
        spans.push(Span::raw(format!(" {label}  ")));
        used += piece;
    }
    draw(frame, Line::from(spans), area, Style::default());
}
