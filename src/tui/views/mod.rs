//! Drawing the workbench: a pure function of the app state. Nothing here
//! changes state or touches the disk; every paragraph is drawn through
//! [`draw`], which measures its lines (debug builds keep the ones too wide
//! for the tests). Separators are ASCII: box-drawing
//! glyphs are ambiguous-width and break alignment in CJK terminals.

mod claims;
mod criteria;
mod events;
mod grid;
mod help;
mod main_screen;
pub(crate) mod overlays;
mod picker;
mod status;

use super::app::App;
use super::stages::Stage;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Paragraph;

pub use criteria::criteria_lines;

/// Below this the panes cannot show a criterion legibly.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, frame, area);
        return;
    }
    match &app.stage {
        Stage::PickRubric(p) => picker::render(app, frame, area, p, app.strings().pick_rubric),
        Stage::PickDepartment { picker: p, .. } => picker::render(app, frame, area, p, app.strings().pick_department),
        Stage::Scorer {
            chosen,
            department,
            field,
        } => picker::render_scorer(app, frame, area, &chosen.rubric.title, department, field),
        Stage::Main(_) => main_screen::render(app, frame, area),
    }
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let text = s
        .too_small
        .replace("{w}", &area.width.to_string())
        .replace("{h}", &area.height.to_string())
        .replace("{min_w}", &MIN_WIDTH.to_string())
        .replace("{min_h}", &MIN_HEIGHT.to_string());
    // A column narrower than one Chinese glyph can show none of the message whole.
    if area.width < 2 {
        return;
    }
    let max = area.width as usize;
    let mut lines: Vec<String> = super::wrap::wrap(&text, max);
    // On a screen a few columns wide the line-breaking rules (a comma
    // never starts a line) cannot hold: break anywhere rather than overflow.
    if lines.iter().any(|l| super::wrap::width(l) > max) {
        lines = vec![String::new()];
        for c in text.chars() {
            let glyph = c.to_string();
            if lines
                .last()
                .is_some_and(|l| super::wrap::width(l) + super::wrap::width(&glyph) > max)
            {
                lines.push(String::new());
            }
            if let Some(last) = lines.last_mut() {
                last.push(c);
            }
        }
    }
    draw(
        frame,
        lines.into_iter().map(Line::from).collect::<Vec<_>>(),
        area,
        Style::default(),
    );
}

/// Colours when the terminal may have them, plain emphasis when NO_COLOR.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn of(app: &App) -> Theme {
        Theme { color: app.color }
    }

    pub fn title(self, focused: bool) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        match (focused, self.color) {
            (true, true) => s.fg(Color::Black).bg(Color::Cyan),
            (true, false) => s.add_modifier(Modifier::REVERSED),
            (false, true) => s.fg(Color::Cyan),
            (false, false) => s,
        }
    }

    pub fn selected(self, focused: bool) -> Style {
        if focused {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }

    pub fn header(self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.color { s.fg(Color::Yellow) } else { s }
    }

    pub fn error(self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.color { s.fg(Color::Red) } else { s }
    }

    pub fn good(self) -> Style {
        if self.color {
            Style::default().fg(Color::Green)
        } else {
            Style::default()
        }
    }

    pub fn highlight(self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        if self.color { s.fg(Color::Yellow) } else { s }
    }
}

/// A line drawn wider than its area: kaohe's own layout arithmetic was
/// wrong there, and ratatui would have clipped a glyph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overflow {
    pub area: Rect,
    /// Row within the area.
    pub row: usize,
    pub width: usize,
    pub text: String,
}

#[cfg(debug_assertions)]
thread_local! {
    static OVERFLOWS: std::cell::RefCell<Vec<Overflow>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Draw lines in `area`, in `style`. Every paragraph of every screen goes
/// through here, so each line is measured before ratatui clips it; debug
/// builds (the tests) keep what did not fit for [`take_overflows`].
pub fn draw<'a>(frame: &mut Frame, lines: impl Into<Text<'a>>, area: Rect, style: Style) {
    let text: Text<'a> = lines.into();
    #[cfg(debug_assertions)]
    measure(&text.lines, area);
    frame.render_widget(Paragraph::new(text).style(style), area);
}

#[cfg(debug_assertions)]
fn measure(lines: &[Line<'_>], area: Rect) {
    for (row, line) in lines.iter().enumerate().take(area.height as usize) {
        let width: usize = line.spans.iter().map(|s| super::wrap::width(&s.content)).sum();
        if width > area.width as usize {
            let text = line.spans.iter().map(|s| s.content.as_ref()).collect();
            OVERFLOWS.with(|o| o.borrow_mut().push(Overflow { area, row, width, text }));
        }
    }
}

/// The lines drawn too wide since the last call (always none in release builds).
pub fn take_overflows() -> Vec<Overflow> {
    #[cfg(debug_assertions)]
    return OVERFLOWS.with(|o| std::mem::take(&mut *o.borrow_mut()));
    #[cfg(not(debug_assertions))]
    Vec::new()
}

/// A line of exactly `width` columns: left text cut to fit, right text kept.
pub fn row(left: &str, right: &str, width: usize) -> String {
    let right_w = super::wrap::width(right);
    // A figure right after a cut text would read as its end ("…得.. 1"): it
    // stands two spaces off.
    let cut = super::wrap::width(left) + right_w + 1 > width;
    let digit = |t: &str| t.starts_with(|c: char| c.is_ascii_digit());
    let figure = digit(right) || right.strip_prefix('-').is_some_and(digit);
    let gap = if cut && figure { "  " } else { " " };
    let room = width.saturating_sub(right_w + gap.len());
    if room == 0 {
        return super::wrap::fit(right, width);
    }
    format!("{}{gap}{right}", super::wrap::fit(left, room))
}

pub fn plain(text: String) -> Line<'static> {
    Line::from(Span::raw(text))
}
