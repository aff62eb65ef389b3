//! The two bottom lines: the message or the score being typed, and the keys
//! that matter now, taken from the merged keymap so they cannot lie.

use super::{Theme, draw};
use crate::scoring::bounds::Scoring;
use crate::tui::action::{Action, Mode};
use crate::tui::app::App;
use crate::tui::i18n::action_label;
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
    if let Overlay::Entry { field, error } = app.overlay() {
        let s = app.strings();
        let hint = entry_hint(app);
        let prefix = format!(" {}{hint}: ", s.entry);
        let room = w.saturating_sub(width(&prefix) + 1);
        let error_text = error.as_deref().map(|e| format!("  {e}")).unwrap_or_default();
        let field_room = room.saturating_sub(width(&error_text)).max(room.min(8));
        let (shown, cursor) = field.view(field_room);
        let line = Line::from(vec![
            Span::raw(prefix.clone()),
            Span::styled(shown.clone(), theme.highlight()),
            Span::styled(
                fit(&error_text, w.saturating_sub(width(&prefix) + width(&shown))),
                theme.error(),
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

/// What the current cell takes: its range, or how its helper is used.
fn entry_hint(app: &App) -> String {
    let s = app.strings();
    match app.current_scoring() {
        Some(Scoring::Range { min, max }) => format!(" [{}]", range_text(min, max)),
        Some(Scoring::Scale { levels }) => format!(" [1-{}]", levels.len()),
        Some(Scoring::Tiers { tiers }) if tiers.relative_to.is_some() => {
            format!(" [{}]", crate::scoring::bounds::tier_inputs(tiers).join(" "))
        }
        Some(Scoring::Tiers { .. }) => format!(" [{}]", s.tiers),
        Some(Scoring::PerEvent { .. }) => format!(" [{}]", s.events),
        Some(Scoring::Checklist) => {
            let range = app
                .current_range()
                .map(|(min, max)| range_text(min, max))
                .unwrap_or_default();
            format!(" [{} {range}{}{}]", s.score_or_ticks, s.separator, s.tick_hint)
        }
        Some(Scoring::Veto) => format!(" [1 {} / 0 {}]", s.veto_yes, s.veto_no),
        Some(Scoring::Award { points }) => format!(" [{} / 0]", crate::points::shown(points)),
        Some(Scoring::Formula { formula }) => {
            format!(" [{}]", crate::scoring::bounds::formula_inputs(formula).join(" "))
        }
        None => String::new(),
    }
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
                Action::NextUnscored,
                Action::ToggleWalk,
                Action::Note,
                Action::ToggleEvidence,
                Action::Undo,
                Action::Tick,
            ],
        ),
        (Stage::Main(_), Overlay::Help | Overlay::Preview(_)) => {
            return vec![(String::new(), app.strings().help_footer.to_string())];
        }
        _ => {
            let ret = if lang == crate::lang::Lang::Zh {
                "确认"
            } else {
                "confirm"
            };
            let esc = if lang == crate::lang::Lang::Zh {
                "取消"
            } else {
                "cancel"
            };
            return vec![("ret".into(), ret.into()), ("esc".into(), esc.into())];
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
    for &action in actions {
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
