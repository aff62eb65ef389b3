//! The start screens: choose a rubric, then a department (searchable), then
//! type the scorer's name.

use super::{
    Theme, draw,
    main_screen::{scroll_title, scroll_to},
    row, status,
};
use crate::tui::app::App;
use crate::tui::stages::Picker;
use crate::tui::text::TextField;
use crate::tui::wrap::{fit, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub fn render(app: &App, frame: &mut Frame, area: Rect, picker: &Picker, title: &str) {
    let theme = Theme::of(app);
    let s = app.strings();
    let w = area.width as usize;
    let visible = picker.visible();
    // The title, the filter and the bottom lines (wrapped once a frame).
    let bottom = status::bottom_height(app, area.width);
    let height = (area.height as usize).saturating_sub(2 + bottom as usize);
    let at = picker.position();
    let first = scroll_to(at, height, visible.len());
    let below = visible.len().saturating_sub(first + height);
    // The list says when it holds more than it shows, as every pane does.
    let heading = scroll_title(s, &format!("{} - {title}", s.app), first, below, w);
    let mut lines = vec![Line::from(Span::styled(fit(&heading, w), theme.title(true)))];
    let prefix = format!(" {}{}", s.filter, s.colon);
    let (shown, cursor) = picker.filter().view(w.saturating_sub(width(&prefix) + 1));
    lines.push(Line::from(vec![
        Span::raw(prefix.clone()),
        Span::styled(shown, theme.highlight()),
    ]));
    for &i in visible.iter().skip(first).take(height) {
        let c = &picker.choices()[i];
        let style = match (i == picker.cursor(), c.refused.is_some()) {
            (true, _) => theme.selected(true),
            // Listed, but nothing to open: dimmed.
            (false, true) => theme.dim(),
            (false, false) => Style::default(),
        };
        lines.push(Line::from(Span::styled(
            row(&format!("  {}", c.label), &c.detail, w.saturating_sub(1)),
            style,
        )));
    }
    draw(
        frame,
        lines,
        Rect {
            height: area.height.saturating_sub(bottom),
            ..area
        },
        Style::default(),
    );
    frame.set_cursor_position((area.x + (width(&prefix) + cursor) as u16, area.y + 1));
    status::render_bottom(app, frame, area);
}

pub fn render_scorer(app: &App, frame: &mut Frame, area: Rect, rubric: &str, dept: &str, field: &TextField) {
    let theme = Theme::of(app);
    let s = app.strings();
    let w = area.width as usize;
    let prefix = format!(" {}{}", app.with_keys(s.scorer_prompt), s.colon);
    let (shown, cursor) = field.view(w.saturating_sub(width(&prefix) + 1));
    let lines = vec![
        Line::from(Span::styled(
            fit(&format!(" {} - {rubric}", s.app), w),
            theme.title(true),
        )),
        Line::from(format!(" {}{}{dept}", s.departments, s.colon)),
        Line::from(""),
        Line::from(vec![Span::raw(prefix.clone()), Span::styled(shown, theme.highlight())]),
    ];
    draw(frame, lines, area, Style::default());
    frame.set_cursor_position((
        area.x + (width(&prefix) + cursor).min(w.saturating_sub(1)) as u16,
        area.y + 3,
    ));
    status::render_bottom(app, frame, area);
}
