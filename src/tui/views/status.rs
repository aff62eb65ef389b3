//! The bottom lines: the message or the score being typed (wrapped, so
//! that what it says is never cut), and the keys that matter now, taken
//! from the merged keymap so they cannot lie.

use super::{Theme, draw};
use crate::scoring::entry::{self, EntryMode};
use crate::tui::action::{Action, Mode};
use crate::tui::app::App;
use crate::tui::describe::describe;
use crate::tui::i18n::action_label;
use crate::tui::i18n::input_error;
use crate::tui::stages::{Overlay, Stage};
use crate::tui::wrap::{fit, width, wrap};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The most lines a message takes; a longer one ends in "..", where the
/// screen is too small to hold it.
const MESSAGE_LINES: usize = 4;

/// How many lines the bottom takes at this width: the message (or the
/// entry and its preview) as wrapped, and the key hints.
pub fn bottom_height(app: &App, width: u16) -> u16 {
    message_block(app, width as usize).0.len().max(1) as u16 + 1
}

/// The bottom of `area`: the message (or the score being typed) and the key
/// hints.
pub fn render_bottom(app: &App, frame: &mut Frame, area: Rect) {
    let (lines, cursor) = message_block(app, area.width as usize);
    let height = (lines.len() as u16).min(area.height.saturating_sub(1));
    let message = Rect {
        y: area.y + area.height.saturating_sub(height + 1),
        height,
        ..area
    };
    if let Some((x, y)) = cursor {
        frame.set_cursor_position((area.x + x, message.y + y));
    }
    draw(frame, lines, message, Style::default());
    render_hints(
        app,
        frame,
        Rect {
            y: area.y + area.height.saturating_sub(1),
            height: 1,
            ..area
        },
    );
}

/// The message's lines, and where the text cursor goes (column, line) while
/// a score is typed, so that an input method's popup appears there.
fn message_block(app: &App, w: usize) -> (Vec<Line<'static>>, Option<(u16, u16)>) {
    let theme = Theme::of(app);
    if let Overlay::Entry { field, error, mode, .. } = app.overlay() {
        // The line names its mode in words: 分数, or 计分输入 and what it takes.
        let prefix = match mode {
            EntryMode::Score => format!(" {}{}", entry_label(app, *mode), app.strings().colon),
            EntryMode::Input => {
                let s = app.strings();
                format!(" {} · {}{}", s.entry_helper, entry_label(app, *mode), s.colon)
            }
        };
        // While typing, what the text would give; after a refused Enter, why.
        let warned = app.message.as_ref().filter(|m| m.error && app.interrupt_armed());
        let (after, after_style) = match (error, entry_preview(app, field.text(), *mode)) {
            // A Ctrl-C waiting for its second press says so where it is read.
            _ if warned.is_some() => (warned.map_or("", |m| m.text.as_str()).to_string(), theme.error()),
            (Some(e), _) => (e.clone(), theme.error()),
            (None, Some(Ok(p))) => (p, theme.good()),
            (None, Some(Err(e))) => (e, theme.dim()),
            (None, None) => (String::new(), Style::default()),
        };
        let room = w.saturating_sub(width(&prefix) + 1);
        let typed = width(field.text()) + 1;
        // Beside the text where it fits; else under it, wrapped.
        let beside = !after.is_empty() && typed + 2 + width(&after) <= room;
        let (shown, cursor) = field.view(room);
        let mut first = vec![
            Span::raw(prefix.clone()),
            Span::styled(shown.clone(), theme.highlight()),
        ];
        if beside {
            first.push(Span::styled(format!("  {after}"), after_style));
        }
        let mut lines = vec![Line::from(first)];
        if !beside && !after.is_empty() {
            let under = wrap(&after, w.saturating_sub(3));
            lines.extend(
                under
                    .into_iter()
                    .map(|l| Line::from(Span::styled(format!("   {l}"), after_style))),
            );
        }
        let cursor = ((width(&prefix) + cursor).min(w.saturating_sub(1)) as u16, 0);
        return (capped(lines, w), Some(cursor));
    }
    // A notice says it in its box; the message is left for after it closes.
    let noticed = matches!(app.overlay(), Overlay::Notice { .. });
    let Some(m) = app.message.as_ref().filter(|_| !noticed) else {
        return (Vec::new(), None);
    };
    let style = if m.error { theme.error() } else { theme.good() };
    let lines = wrap(&m.text, w.saturating_sub(1))
        .into_iter()
        .map(|l| Line::from(Span::styled(format!(" {l}"), style)))
        .collect();
    (capped(lines, w), None)
}

/// At most [`MESSAGE_LINES`], the last cut with ".." when there were more.
fn capped(mut lines: Vec<Line<'static>>, w: usize) -> Vec<Line<'static>> {
    if lines.len() > MESSAGE_LINES {
        lines.truncate(MESSAGE_LINES);
        if let Some(last) = lines.last_mut() {
            let style = last.spans.last().map(|s| s.style).unwrap_or_default();
            let text = format!("{last}..");
            *last = Line::from(Span::styled(fit(&text, w), style));
        }
    }
    lines
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
            // Beside it, the district's claim where it differs: said before Enter.
            Ok(cell) => {
                let said = describe(app.lang, &unit, &cell);
                let claim = session
                    .current()
                    .and_then(|u| session.claim(session.district, u))
                    .filter(|c| c.differs(cell.score, cell.veto))
                    .and_then(|c| super::claims::claimed(app, c));
                Ok(match claim {
                    Some(figure) => app
                        .strings()
                        .aside(&said, &format!("{} {figure}", app.strings().selfcheck.claim_label)),
                    None => said,
                })
            }
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
                // Shown only where the district made a claim on the cell.
                Action::AcceptClaim,
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
        // A pasted column with a value refused: nothing to confirm.
        (Stage::Main(_), Overlay::ConfirmPaste { rows, extra, .. })
            if *extra > 0 || rows.iter().any(|r| r.outcome.is_err()) =>
        {
            return vec![(String::new(), app.strings().grid.paste_close.to_string())];
        }
        // Typing over the grid: Enter and Tab record and move.
        (Stage::Main(_), Overlay::Entry { grid: Some(_), .. }) => {
            return vec![(String::new(), app.with_keys(app.strings().grid.grid_typing_keys))];
        }
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
    let claimed = app
        .session()
        .is_some_and(|s| s.current().is_some_and(|u| s.claim(s.district, u).is_some()));
    let shown = |a: Action| {
        (a != Action::InputEntry || has_input) && (a != Action::Tick || ticks) && (a != Action::AcceptClaim || claimed)
    };
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
