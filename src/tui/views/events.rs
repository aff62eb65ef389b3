//! The events list of a per-event cell, drawn in its box: whose cell it is,
//! what the list records (the count and the score, or why not), the events
//! with the chosen one marked, the field that edits it, and the keys.

use super::{Theme, draw};
use crate::scoring::entry::{EntryMode, accept};
use crate::scoring::events;
use crate::tui::app::App;
use crate::tui::stages::MainStage;
use crate::tui::stages::events::EventsEditor;
use crate::tui::wrap::{fit, width, wrap};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub fn render(app: &App, main: &MainStage, frame: &mut Frame, body: Rect, editor: &EventsEditor) {
    let s = app.strings();
    let theme = Theme::of(app);
    let session = &main.session;
    let w = body.width as usize;
    let Some(unit) = session.current_scoring_unit() else {
        return;
    };
    let district = session.district_name();
    let mut lines = vec![Line::from(Span::styled(
        fit(
            &format!(" {} - {district}  {} {}", s.events_list, unit.key(), unit.text()),
            w,
        ),
        theme.title(true),
    ))];
    // What Enter on the new line would record: the count and the score, or why not.
    let cell = session.current_cell();
    let preview = match accept(
        &editor.entry_text(),
        &unit,
        session.rubric.precision,
        &cell,
        EntryMode::Input,
    ) {
        Ok(cell) => Ok(count(app, editor.list.len(), cell.score.unwrap_or_default())),
        Err(e) => Err(crate::tui::i18n::input_error(app.lang, &e)),
    };
    let (text, style) = match &preview {
        Ok(t) => (t.clone(), theme.good()),
        Err(t) => (t.clone(), theme.error()),
    };
    for l in wrap(&format!(" {text}"), w) {
        lines.push(Line::from(Span::styled(l, style)));
    }
    let keys: Vec<String> = app
        .with_keys(s.events_keys)
        .lines()
        .flat_map(|l| wrap(&format!(" {l}"), w))
        .collect();
    // Under the field: why Enter was refused, or what Enter will put in the list.
    let (error, error_style) = match (&editor.error, typed(app, main, editor)) {
        (Some(e), _) => (wrap(&format!(" {e}"), w), theme.error()),
        (None, Some(Ok(will))) => (wrap(&format!(" {will}"), w), theme.good()),
        (None, Some(Err(why))) => (wrap(&format!(" {why}"), w), theme.error()),
        (None, None) => (Vec::new(), Style::default()),
    };
    // The list, as many lines as the box leaves it, keeping the chosen one in view.
    let room = (body.height as usize).saturating_sub(lines.len() + 1 + error.len() + keys.len());
    let rows: Vec<(bool, String)> = editor
        .list
        .iter()
        .enumerate()
        .map(|(n, e)| (n == editor.chosen, numbered(n, e, editor.kinds)))
        .chain([(
            editor.chosen == editor.list.len(),
            if editor.counts_allowed && editor.list.is_empty() {
                s.events_new_or_counts
            } else {
                s.events_new
            }
            .to_string(),
        )])
        .collect();
    // Each event wrapped whole (two long ones never look alike), its later
    // lines under its text; the chosen one kept in view.
    let mut shown: Vec<(bool, String)> = Vec::new();
    let mut chosen_at = 0;
    for (chosen, text) in &rows {
        if *chosen {
            chosen_at = shown.len();
        }
        let mark = if *chosen { ">" } else { " " };
        for (n, l) in wrap(text, w.saturating_sub(2).max(1)).into_iter().enumerate() {
            let lead = if n == 0 { format!("{mark} ") } else { "  ".to_string() };
            shown.push((*chosen, format!("{lead}{l}")));
        }
    }
    let first = super::main_screen::scroll_to(chosen_at, room, shown.len());
    for (chosen, text) in shown.iter().skip(first).take(room) {
        let style = if *chosen { theme.highlight() } else { Style::default() };
        lines.push(Line::from(Span::styled(fit(text, w), style)));
    }
    while lines.len() < (body.height as usize).saturating_sub(1 + error.len() + keys.len()) {
        lines.push(Line::from(""));
    }
    let label = format!(" {}{}", s.events_list, s.colon);
    let (shown, col) = editor.field.view(w.saturating_sub(width(&label) + 1));
    let field_row = lines.len();
    lines.push(Line::from(vec![
        Span::styled(label.clone(), theme.header()),
        Span::raw(shown),
    ]));
    lines.extend(error.into_iter().map(|l| Line::from(Span::styled(l, error_style))));
    lines.extend(keys.into_iter().map(|l| Line::from(Span::styled(l, theme.dim()))));
    draw(frame, lines, body, Style::default());
    let x = body.x + (width(&label) + col).min(w.saturating_sub(1)) as u16;
    frame.set_cursor_position((x, body.y + field_row as u16));
}

/// What the field's text will be in the list ("将记为：化工厂爆炸（2017-08-12）"),
/// or why it cannot be; None for an empty field or one that holds the
/// chosen event unchanged.
fn typed(app: &App, main: &MainStage, editor: &EventsEditor) -> Option<Result<String, String>> {
    let text = editor.field.text().trim();
    if text.is_empty() {
        return None;
    }
    // Counts, where the unit takes them: recorded as the helper's entry reads them.
    if editor.counts_typed() {
        let session = &main.session;
        let unit = session.current_scoring_unit()?;
        let cell = session.current_cell();
        return Some(
            match accept(text, &unit, session.rubric.precision, &cell, EntryMode::Input) {
                Ok(cell) => Ok(format!(
                    "{}{}",
                    app.strings().events_will_be,
                    crate::tui::describe::describe(app.lang, &unit, &cell)
                )),
                Err(e) => Err(crate::tui::i18n::input_error(app.lang, &e)),
            },
        );
    }
    let (parsed, list) = editor.with_field();
    if editor
        .list
        .get(editor.chosen)
        .is_some_and(|e| parsed.as_slice() == std::slice::from_ref(e))
    {
        return None;
    }
    Some(match events::check(&list, editor.kinds) {
        Ok(()) => {
            // Where there are several kinds, the kind named whole: its number
            // alone is easy to mistype.
            let names = match main.session.current_scoring_unit().and_then(|u| u.helper().cloned()) {
                Some(crate::rubric::Helper::PerEvent { events: kinds, .. }) => kinds,
                _ => Vec::new(),
            };
            let list: Vec<String> = parsed
                .iter()
                .map(|e| {
                    let kind = match names.get(e.kind as usize) {
                        Some(k) if editor.kinds > 1 => format!("[{} {}] ", e.kind + 1, k.name),
                        _ => String::new(),
                    };
                    format!("{kind}{}", crate::text::escape::visible(&events::shown(e)))
                })
                .collect();
            Ok(format!("{}{}", app.strings().events_will_be, list.join("；")))
        }
        Err(p) => Err(crate::scoring::rule::helper_words(
            &crate::scoring::helpers::HelperError::Event(p),
            app.lang,
        )),
    })
}

/// An event as a list shows it: `2. [1] 化工厂爆炸（2017-08-12）`, its kind's
/// number where the unit has several, its words escaped (they were typed or
/// read from a file).
pub(super) fn numbered(n: usize, e: &events::EventRecord, kinds: usize) -> String {
    let kind = if kinds > 1 {
        format!("[{}] ", e.kind + 1)
    } else {
        String::new()
    };
    format!("{}. {kind}{}", n + 1, crate::text::escape::visible(&events::shown(e)))
}

/// What the list records: "2 件，记 -20 分".
fn count(app: &App, n: usize, score: rust_decimal::Decimal) -> String {
    let score = crate::points::shown(score);
    match app.lang {
        crate::lang::Lang::Zh => format!("{n} 件，记 {score} 分"),
        crate::lang::Lang::En => format!("{n} events, recorded as {score} points"),
    }
}
