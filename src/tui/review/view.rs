//! The review drawn: the mark, the original's rows it points to, the file's
//! lines for the item (the chosen one reversed), the edit field and the keys.

use super::Review;
use crate::tui::action::{Action, Mode};
use crate::tui::wrap::{fit, width, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// `表1 第6–7行` in a text: the table and its first and last row.
pub fn source_span(text: &str) -> Option<(String, usize, usize)> {
    let at = text.find(" 第")?;
    let table = text[..at].rsplit([' ', ':', '：']).next()?.to_string();
    let rest = &text[at + " 第".len()..];
    let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).collect::<String>();
    let first: usize = digits(rest).parse().ok()?;
    let after = &rest[digits(rest).len()..];
    let last = match after.strip_prefix('–').or_else(|| after.strip_prefix('-')) {
        Some(more) => digits(more).parse().ok()?,
        None => first,
    };
    let ends = after.starts_with('行') || after.contains('行');
    (ends && !table.is_empty() && last >= first).then_some((table, first, last))
}

/// The rows of the original a mark and its section point to.
fn source_of(review: &Review, mark: usize) -> Option<(String, usize, usize)> {
    let (start, end) = review.section(mark);
    source_span(&review.lines[mark]).or_else(|| {
        review.lines[start..end].iter().find_map(|l| {
            l.split_once("# 来源:")
                .and_then(|(_, s)| source_span(&format!(" {}", s.trim())))
        })
    })
}

fn hint(review: &Review) -> String {
    let zh = review.zh();
    // The first key of each action: the line has room for one.
    let keys = |action: Action| {
        let mode = if review.editing.is_some() {
            Mode::Text
        } else {
            Mode::Review
        };
        review
            .keymap
            .keys_for(mode, action)
            .first()
            .map(|k| crate::tui::keymap::key_label(review.lang, k))
            .unwrap_or_default()
    };
    if review.marks().is_empty() {
        let quit = keys(Action::Quit);
        return if zh {
            format!("{quit} 退出")
        } else {
            format!("{quit} quit")
        };
    }
    if review.editing.is_some() {
        return if zh {
            format!("{} 保存此行  {} 放弃修改", keys(Action::Confirm), keys(Action::Cancel))
        } else {
            format!(
                "{} save the line  {} leave it",
                keys(Action::Confirm),
                keys(Action::Cancel)
            )
        };
    }
    let pairs = [
        (Action::Accept, "确认", "confirm"),
        (Action::Edit, "修改所选行", "edit"),
        (Action::NextUnit, "下一处", "next"),
        (Action::PrevUnit, "上一处", "prev"),
        (Action::Quit, "退出", "quit"),
    ];
    let mut parts: Vec<String> = pairs
        .iter()
        .filter(|(a, ..)| !keys(*a).is_empty())
        .map(|(a, z, e)| format!("{} {}", keys(*a), if zh { z } else { e }))
        .collect();
    let (up, down) = (keys(Action::Up), keys(Action::Down));
    if !up.is_empty() && !down.is_empty() {
        parts.insert(2, format!("{up}/{down} {}", if zh { "选行" } else { "line" }));
    }
    parts.join("  ")
}

fn boxed(title: String) -> Block<'static> {
    // ASCII, as every box of the workbench: box-drawing glyphs are
    // ambiguous-width in CJK terminals.
    Block::default()
        .borders(Borders::ALL)
        .border_set(crate::tui::views::overlays::ASCII_BORDER)
        .title(title)
}

/// The original's rows a mark points to, wrapped to the pane, or why none
/// are shown.
fn source_lines(review: &Review, mark: usize, inner_width: usize) -> (Option<(String, usize, usize)>, Vec<String>) {
    let zh = review.zh();
    let source = source_of(review, mark);
    let lines: Vec<String> = match (&source, &review.sources) {
        (Some((table, first, last)), Some(sources)) => match sources.get(table) {
            Some(rows) => (*first..=*last)
                .filter_map(|r| rows.get(r - 1).map(|cells| (r, cells)))
                .flat_map(|(r, cells)| {
                    let row: Vec<String> = cells
                        .iter()
                        .filter(|(_, t)| !t.is_empty())
                        .map(|(h, t)| if h.is_empty() { t.clone() } else { format!("{h}：{t}") })
                        .collect();
                    wrap(&format!("{r}｜{}", row.join(" ｜ ")), inner_width)
                })
                .collect(),
            None => wrap(&review.source_note, inner_width),
        },
        (None, Some(_)) => wrap(
            &if zh {
                format!("这一处不对应原表的某一行（原件 {}）", review.source_note)
            } else {
                format!("This mark is about no one row of the original ({})", review.source_note)
            },
            inner_width,
        ),
        _ => wrap(&review.source_note, inner_width),
    };
    (source, lines)
}

pub fn render(review: &Review, frame: &mut Frame) {
    let area = frame.area();
    let zh = review.zh();
    let marks = review.marks();
    let inner_width = area.width.saturating_sub(2) as usize;
    let Some(mark) = review.mark_line() else {
        let done = review.message().map_or_else(
            || {
                if zh {
                    "没有待确认之处。".to_string()
                } else {
                    "No marks left.".to_string()
                }
            },
            str::to_string,
        );
        let mut lines: Vec<Line> = wrap(&done, area.width.max(2) as usize)
            .into_iter()
            .map(Line::from)
            .collect();
        lines.push(Line::from(hint(review)));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    };
    let mark_words = review.mark_words(mark);
    let mark_lines = wrap(mark_words, inner_width);
    let (source, source_lines) = source_lines(review, mark, inner_width);
    let edit_height = u16::from(review.editing.is_some());
    let rows = Layout::default()
        .direction(Direction::Vertical)
        .constraints([
            Constraint::Length(1),
            Constraint::Length((mark_lines.len() as u16 + 2).min(6)),
            Constraint::Length((source_lines.len() as u16 + 2).min(area.height / 3).max(3)),
            Constraint::Min(3),
            Constraint::Length(edit_height),
            Constraint::Length(2),
        ])
        .split(area);
    let title = if zh {
        format!(
            "核对 {} · 待确认 {}/{}",
            review.file,
            (review.at.min(marks.len() - 1)) + 1,
            marks.len()
        )
    } else {
        format!(
            "Reviewing {} · mark {} of {}",
            review.file,
            (review.at.min(marks.len() - 1)) + 1,
            marks.len()
        )
    };
    frame.render_widget(
        Paragraph::new(fit(&title, area.width as usize)).style(Style::default().add_modifier(Modifier::BOLD)),
        rows[0],
    );
    let mark_title = if zh {
        format!(" 待确认（第 {} 行） ", mark + 1)
    } else {
        format!(" To confirm (line {}) ", mark + 1)
    };
    frame.render_widget(
        Paragraph::new(mark_lines.into_iter().map(Line::from).collect::<Vec<_>>()).block(boxed(mark_title)),
        rows[1],
    );
    let source_title = match &source {
        Some((table, first, last)) if first == last => {
            if zh {
                format!(" 原表 {table} 第{first}行 ")
            } else {
                format!(" Original: {table} row {first} ")
            }
        }
        Some((table, first, last)) => {
            if zh {
                format!(" 原表 {table} 第{first}–{last}行 ")
            } else {
                format!(" Original: {table} rows {first}-{last} ")
            }
        }
        None => (if zh { " 原表 " } else { " Original " }).to_string(),
    };
    frame.render_widget(
        Paragraph::new(source_lines.into_iter().map(Line::from).collect::<Vec<_>>()).block(boxed(source_title)),
        rows[2],
    );
    render_section(review, frame, rows[3], mark);
    render_foot(review, frame, rows[4], rows[5]);
}

/// The edit field when a line is being edited, the last message, the keys.
fn render_foot(review: &Review, frame: &mut Frame, edit: Rect, foot: Rect) {
    let zh = review.zh();
    if let Some(field) = &review.editing {
        let label = if zh {
            format!("改第 {} 行：", review.cursor + 1)
        } else {
            format!("Line {}: ", review.cursor + 1)
        };
        let room = (edit.width as usize).saturating_sub(width(&label)).max(1);
        let (shown, cursor) = field.view(room);
        frame.render_widget(Paragraph::new(format!("{label}{shown}")), edit);
        frame.set_cursor_position((edit.x + (width(&label) + cursor) as u16, edit.y));
    }
    let mut footer = Vec::new();
    if let Some((text, error)) = &review.message {
        let style = if *error {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        footer.push(Line::from(Span::styled(fit(text, foot.width as usize), style)));
    } else {
        footer.push(Line::from(""));
    }
    footer.push(Line::from(fit(&hint(review), foot.width as usize)));
    frame.render_widget(Paragraph::new(footer), foot);
}

/// The file's lines of the mark's section, numbered, the chosen one
/// reversed, long lines wrapped under their number; scrolled to the cursor.
fn render_section(review: &Review, frame: &mut Frame, area: Rect, mark: usize) {
    let zh = review.zh();
    let (start, end) = review.section(review.cursor.max(mark).min(review.lines.len().saturating_sub(1)));
    let (start, end) = {
        let (s2, e2) = review.section(mark);
        (start.min(s2), end.max(e2))
    };
    let number_width = (end.max(1)).to_string().len();
    let text_width = (area.width.saturating_sub(2) as usize)
        .saturating_sub(number_width + 1)
        .max(4);
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor_at = 0;
    for i in start..end {
        if i == review.cursor {
            cursor_at = lines.len();
        }
        let style = if i == review.cursor {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        for (k, piece) in wrap(&review.lines[i], text_width).into_iter().enumerate() {
            let number = if k == 0 {
                format!("{:>number_width$} ", i + 1)
            } else {
                " ".repeat(number_width + 1)
            };
            lines.push(Line::from(vec![Span::raw(number), Span::styled(piece, style)]));
        }
    }
    let height = area.height.saturating_sub(2) as usize;
    let scroll = cursor_at
        .saturating_sub(height / 2)
        .min(lines.len().saturating_sub(height));
    let title = if zh {
        format!(" {} 第{}–{}行 ", review.file, start + 1, end)
    } else {
        format!(" {} lines {}-{} ", review.file, start + 1, end)
    };
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(scroll).take(height).collect::<Vec<_>>()).block(boxed(title)),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_read_from_marks_and_comments() {
        assert_eq!(source_span(" 表1 第6–7行"), Some(("表1".into(), 6, 7)));
        assert_eq!(
            source_span("差异: 表1 第17行 第1列（考核领域）: …"),
            Some(("表1".into(), 17, 17))
        );
        assert_eq!(source_span("没有行号"), None);
    }
}
