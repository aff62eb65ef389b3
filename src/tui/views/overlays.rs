//! Popups over the main screen: help, search, the note editor and the
//! read-only view of another department's item.

use super::{Theme, criteria::criteria_lines, draw, help::help_lines, main_screen::scroll_to};
use crate::tui::app::App;
use crate::tui::stages::{MainStage, Overlay, SearchState};
use crate::tui::text::SecretField;
use crate::tui::text::TextField;
use crate::tui::wrap::{fit, width, wrap};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

/// ASCII, because box-drawing glyphs are ambiguous-width in CJK terminals.
pub(crate) const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// Clear `area`, draw a frame round it, and return the space inside.
fn framed(app: &App, frame: &mut Frame, area: Rect) -> Rect {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_set(ASCII_BORDER)
        .border_style(Theme::of(app).dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

pub fn render(app: &App, main: &MainStage, frame: &mut Frame, area: Rect, beside_criteria: Rect) {
    let session = &main.session;
    match &main.overlay {
        Overlay::Help(scroll) => {
            let body = framed(app, frame, inset(area, 2, 1));
            let lines = help_lines(app, body.width as usize, body.height as usize, *scroll);
            draw(frame, lines, body, Style::default());
        }
        Overlay::Search(state) => search(app, main, frame, area, state),
        Overlay::Note {
            field, target, chosen, ..
        } => {
            let room = NoteRoom {
                beside: beside_criteria,
                whole: area,
            };
            note(app, main, frame, room, field, *target, *chosen)
        }
        Overlay::Events(editor) => {
            let body = framed(app, frame, events_area(area, editor.list.len()));
            super::events::render(app, main, frame, body, editor);
        }
        Overlay::Passphrase(SecretField(field)) => passphrase(app, frame, area, field),
        Overlay::Preview(item) => {
            let body = framed(app, frame, inset(area, 4, 2));
            let w = body.width as usize;
            let theme = Theme::of(app);
            let mut lines = vec![Line::from(Span::styled(
                fit(&format!(" {}", app.strings().not_mine), w),
                theme.title(true),
            ))];
            if let Some(item) = session.rubric.items.get(*item) {
                lines.extend(criteria_lines(app, item, None, None, None, w));
            }
            lines.truncate(body.height as usize);
            draw(frame, lines, body, Style::default());
        }
        Overlay::ConfirmExport(summary) => confirm_export(app, frame, area, summary),
        Overlay::ConfirmFill { cells, with_reason } => confirm_fill(app, main, frame, area, *cells, *with_reason),
        // The grid stays in view under what is typed or pasted into it.
        Overlay::ConfirmPaste { cursor, rows, extra } => {
            super::grid::render(app, main, cursor, frame, area);
            super::claims::confirm_paste(app, main, frame, area, *cursor, rows, *extra);
        }
        // Over the panes; the status lines below `area` are kept.
        Overlay::Entry { grid: Some(cursor), .. } | Overlay::Grid(cursor) => {
            super::grid::render(app, main, cursor, frame, area);
        }
        Overlay::Notice { text, error } => notice(app, frame, area, text, *error),
        Overlay::ConfirmReason { cell, target, .. } => {
            let s = app.strings();
            let lines = [
                (main.cell_name(*target), Style::default()),
                (s.keep_reason.to_string(), Style::default()),
                (crate::text::escape::visible(&cell.note), Theme::of(app).dim()),
            ];
            boxed_lines(
                app,
                frame,
                area,
                s.veto_taken_back,
                &lines,
                &app.with_keys(s.keep_reason_keys),
            );
        }
        Overlay::ConfirmDiscardNote { field, target } => {
            let s = app.strings();
            let lines = [
                (main.cell_name(*target), Style::default()),
                (crate::text::escape::visible(field.text()), Theme::of(app).dim()),
            ];
            boxed_lines(
                app,
                frame,
                area,
                s.discard_note,
                &lines,
                &app.with_keys(s.discard_note_keys),
            );
        }
        Overlay::None | Overlay::Entry { .. } => {}
    }
}

/// A box of wrapped lines in the middle of the screen, its title first.
pub(super) fn boxed_lines(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    title: &str,
    body_lines: &[(String, Style)],
    footer: &str,
) {
    let theme = Theme::of(app);
    // Narrow margins on a narrow screen, so that a command fits on one line.
    let outer = inset(area, (area.width / 40).min(6), 0);
    let inner_w = outer.width.saturating_sub(4) as usize;
    let mut lines = vec![Line::from(Span::styled(
        fit(&format!(" {title}"), inner_w + 2),
        theme.title(true),
    ))];
    for (text, style) in body_lines {
        for paragraph in text.split('\n') {
            for l in wrap(paragraph, inner_w.max(1)) {
                lines.push(Line::from(Span::styled(format!(" {l}"), *style)));
            }
        }
    }
    lines.push(Line::from(Span::styled(format!(" {footer}"), theme.dim())));
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = Rect {
        y: area.y + (area.height - height) / 2,
        height,
        ..outer
    };
    // The margins beside the box cleared too: a wide glyph under its border
    // would be cut in half, and a terminal shows the half as anything.
    frame.render_widget(
        Clear,
        Rect {
            x: area.x,
            width: area.width,
            ..rect
        },
    );
    let body = framed(app, frame, rect);
    lines.truncate(body.height as usize);
    draw(frame, lines, body, Style::default());
}

/// The first names of a list and how many more: `曾都区 1.1.3、随县 2.1 ...(+4)`.
fn first_few(names: &[&str]) -> String {
    const SHOWN: usize = 6;
    let more = names.len().saturating_sub(SHOWN);
    let tail = if more > 0 {
        format!(" ...(+{more})")
    } else {
        String::new()
    };
    format!(
        "{}{tail}",
        names.iter().take(SHOWN).copied().collect::<Vec<_>>().join("、")
    )
}

/// A fill before it is done: the score into how many districts, and
/// whether the reason goes with it.
fn confirm_fill(app: &App, main: &MainStage, frame: &mut Frame, area: Rect, cells: usize, with_reason: bool) {
    let session = &main.session;
    let s = app.strings();
    let what = session
        .current_scoring_unit()
        .map(|u| crate::tui::describe::describe(app.lang, &u, &session.current_cell()))
        .unwrap_or_default();
    let unit = session.current().map_or("", |u| u.key.as_str());
    let text = s
        .fill_question
        .replace("{unit}", unit)
        .replace("{what}", &what)
        .replace("{n}", &cells.to_string());
    let mut body = vec![(text, Style::default())];
    let note = session.current_cell().note;
    if !note.trim().is_empty() {
        let said = if with_reason {
            s.selfcheck
                .fill_with_reason
                .replace("{note}", &crate::text::escape::visible(note.trim()))
        } else {
            s.selfcheck.fill_without_reason.to_string()
        };
        body.push((app.with_keys(&said), Theme::of(app).good()));
    }
    boxed_lines(app, frame, area, s.fill_title, &body, &app.with_keys(s.fill_keys));
}

/// Before signing: the revision, how many cells are scored, which are not,
/// and how many lack their evidence.
fn confirm_export(app: &App, frame: &mut Frame, area: Rect, summary: &crate::tui::stages::ExportSummary) {
    let s = app.strings();
    let theme = Theme::of(app);
    let mut body = vec![(
        format!(
            "{} {}   {} {}/{}",
            s.revision, summary.revision, s.export_scored, summary.scored, summary.total
        ),
        Style::default(),
    )];
    if !summary.unscored.is_empty() {
        const SHOWN: usize = 6;
        let mut names: Vec<&str> = summary.unscored.iter().take(SHOWN).map(String::as_str).collect();
        let more = summary.unscored.len().saturating_sub(SHOWN);
        let tail = if more > 0 {
            format!(" ...(+{more})")
        } else {
            String::new()
        };
        names.dedup();
        body.push((
            format!(
                "{} {}: {}{tail}",
                s.export_unscored,
                summary.unscored.len(),
                names.join("、")
            ),
            theme.error(),
        ));
    }
    if summary.evidence_missing > 0 {
        body.push((
            format!("{} {}", s.export_evidence, summary.evidence_missing),
            theme.error(),
        ));
    }
    if !summary.without_reason.is_empty() {
        let names: Vec<&str> = summary.without_reason.iter().map(|(_, n)| n.as_str()).collect();
        body.push((
            format!(
                "{} {}: {} {}",
                s.export_no_reason,
                names.len(),
                first_few(&names),
                app.with_keys(s.export_go_reason)
            ),
            theme.error(),
        ));
    }
    if !summary.lowered.is_empty() {
        let names: Vec<&str> = summary.lowered.iter().map(|(_, n)| n.as_str()).collect();
        body.push((
            format!("{} {}: {}", s.selfcheck.export_lowered, names.len(), first_few(&names)),
            theme.error(),
        ));
    }
    if !summary.changed.is_empty() {
        let names: Vec<&str> = summary.changed.iter().map(|(_, n)| n.as_str()).collect();
        let since = s
            .export_changed
            .replace("{revision}", &summary.revision.saturating_sub(1).to_string());
        body.push((
            format!(
                "{since} {}: {} {}",
                names.len(),
                first_few(&names),
                app.with_keys(s.export_go_changed)
            ),
            Style::default(),
        ));
    }
    if !summary.vetoes.is_empty() {
        let names: Vec<&str> = summary.vetoes.iter().map(String::as_str).collect();
        body.push((
            format!("{} {}: {}", s.export_vetoes, names.len(), first_few(&names)),
            theme.error(),
        ));
    }
    boxed_lines(app, frame, area, s.export_confirm, &body, &app.with_keys(s.export_keys));
}

/// An outcome shown whole, wrapped to the box.
fn notice(app: &App, frame: &mut Frame, area: Rect, text: &str, error: bool) {
    let theme = Theme::of(app);
    let style = if error { theme.error() } else { theme.good() };
    let s = app.strings();
    let title = if error { s.export_cancelled } else { s.exported };
    boxed_lines(app, frame, area, title, &[(text.to_string(), style)], s.any_key);
}

/// `area` less `dx` columns and `dy` rows on each side.
fn inset(area: Rect, dx: u16, dy: u16) -> Rect {
    Rect {
        x: area.x + dx.min(area.width / 4),
        y: area.y + dy.min(area.height / 4),
        width: area.width.saturating_sub(2 * dx.min(area.width / 4)),
        height: area.height.saturating_sub(2 * dy.min(area.height / 4)),
    }
}

/// A criteria line cut to `room` columns so that its match shows: from a
/// few chars before the first matched one, marked `..` when cut in front.
fn around_match(text: &str, highlight: &[usize], room: usize) -> (String, Vec<usize>) {
    let chars: Vec<char> = text.chars().collect();
    let last = highlight.last().copied().unwrap_or(0);
    let through: String = chars.iter().take(last + 1).collect();
    if width(&through) <= room {
        return (text.to_string(), highlight.to_vec());
    }
    let start = highlight.first().copied().unwrap_or(0).saturating_sub(4);
    let shown: String = chars.iter().skip(start).collect();
    let moved = highlight
        .iter()
        .filter_map(|&i| i.checked_sub(start))
        .map(|i| i + 2)
        .collect();
    (format!("..{shown}"), moved)
}

fn search(app: &App, main: &MainStage, frame: &mut Frame, area: Rect, state: &SearchState) {
    let s = app.strings();
    let theme = Theme::of(app);
    let body = framed(app, frame, inset(area, 4, 2));
    let w = body.width as usize;
    let scope = if state.all { s.search_all } else { s.search_mine };
    let prefix = format!(" {} [{scope}] / ", s.search);
    let (shown, cursor) = state.query.view(w.saturating_sub(width(&prefix) + 1));
    let mut lines = vec![Line::from(vec![
        Span::styled(prefix.clone(), theme.title(true)),
        Span::styled(fit(&shown, w.saturating_sub(width(&prefix))), theme.highlight()),
    ])];
    let index = if state.all { &main.all } else { &main.mine };
    let height = (body.height as usize).saturating_sub(1);
    if state.is_empty() && !state.query.text().trim().is_empty() {
        lines.push(Line::from(Span::styled(format!(" {}", s.no_hits), theme.dim())));
    }
    // Districts first (Enter goes there), then items; under an item whose
    // word was found in its criteria, that line. Rows: (the choice it
    // belongs to, lead, text, chars to highlight).
    let mut rows: Vec<(usize, String, String, Vec<usize>)> = Vec::new();
    for (n, h) in state.places.iter().enumerate() {
        rows.push((
            n,
            format!("{} ", s.district_hit),
            main.places.text(h.index).to_string(),
            h.highlight.clone(),
        ));
    }
    for (n, h) in state.hits.iter().enumerate() {
        let choice = state.places.len() + n;
        let key = format!("{} ", index.key(h.index));
        rows.push((
            choice,
            key.clone(),
            index.text(h.index).to_string(),
            h.highlight.clone(),
        ));
        if let Some(d) = &h.detail {
            let lead = " ".repeat(width(&key) + 2);
            let (text, highlight) = around_match(&d.text, &d.highlight, w.saturating_sub(width(&lead) + 1));
            rows.push((choice, lead, text, highlight));
        }
    }
    let cursor_row = rows.iter().position(|r| r.0 == state.cursor).unwrap_or(0);
    let first = scroll_to(cursor_row, height, rows.len());
    for (choice, key, text, highlight) in rows.iter().skip(first).take(height) {
        let selected = *choice == state.cursor;
        let base = if selected {
            theme.selected(true)
        } else {
            Style::default()
        };
        let mut spans = vec![Span::styled(format!(" {key}"), base)];
        let mut used = width(key) + 1;
        for (i, c) in text.chars().enumerate() {
            // A control character from a rubric file shows as its escape.
            let piece = crate::text::escape::visible(&c.to_string());
            let cw = width(&piece);
            if used + cw > w {
                break;
            }
            let style = if highlight.contains(&i) {
                base.patch(theme.highlight())
            } else {
                base
            };
            spans.push(Span::styled(piece, style));
            used += cw;
        }
        if selected && used < w {
            spans.push(Span::styled(" ".repeat(w - used), base));
        }
        lines.push(Line::from(spans));
    }
    draw(frame, lines, body, Style::default());
    frame.set_cursor_position((
        body.x + (width(&prefix) + cursor).min(w.saturating_sub(1)) as u16,
        body.y,
    ));
}

/// Lines of a note as shown: its own line breaks kept, each wrapped.
fn note_layout(text: &str, columns: usize) -> Vec<String> {
    text.split('\n')
        .flat_map(|line| {
            let wrapped = wrap(line, columns);
            if wrapped.is_empty() {
                vec![String::new()]
            } else {
                wrapped
            }
        })
        .collect()
}

/// The note editor, over the districts and items: whose cell it is for, the
/// note in as many lines as it takes, and the keys.
/// Where the note editor goes: over the districts and items, beside or
/// above the criteria; taller, over the criteria's top, when the reasons
/// offered need the lines.
struct NoteRoom {
    beside: Rect,
    whole: Rect,
}

fn note(
    app: &App,
    main: &MainStage,
    frame: &mut Frame,
    room: NoteRoom,
    field: &TextField,
    target: (usize, usize),
    chosen: usize,
) {
    let area = room.beside;
    let s = app.strings();
    let theme = Theme::of(app);
    let session = &main.session;
    let item = session
        .units
        .get(target.1)
        .map(|u| format!("{} {}", u.key, session.scoring_unit(u).text()))
        .unwrap_or_default();
    let district = session.rubric.districts.get(target.0).map_or("", String::as_str);
    let inner_guess = (area.width as usize).saturating_sub(4).max(2);
    // Below the district's claim with no reason yet: why the editor opened.
    let lowered: Vec<String> = if main.lowered_without_reason(target) {
        let diff = super::claims::difference(app, main, target).unwrap_or_default();
        wrap(
            &app.with_keys(&s.selfcheck.claim_lowered.replace("{diff}", &diff)),
            inner_guess,
        )
    } else {
        Vec::new()
    };
    let offered = crate::tui::stages::reasons::suggestions(session, target, field.text());
    let listed = offered.len().min(5);
    let extra = lowered.len() + if listed > 0 { listed + 1 } else { 0 };
    // Borders, title, cell, two lines of note, keys: 7, and what is offered.
    let wanted = 7 + extra as u16;
    let below = (room.whole.y + room.whole.height).saturating_sub(area.y);
    let area = if wanted > area.height {
        Rect {
            height: wanted.min(below * 3 / 5).max(area.height),
            ..area
        }
    } else {
        area
    };
    let height = area
        .height
        .clamp(6.min(area.height), (12 + extra as u16).min(area.height));
    let boxed = Rect {
        y: area.y + area.height - height,
        height,
        ..area
    };
    let body = framed(app, frame, boxed);
    let w = body.width as usize;
    let inner = w.saturating_sub(2).max(2);
    let mut lines = vec![Line::from(Span::styled(
        fit(&format!(" {} - {district}", s.note_for), w),
        theme.title(true),
    ))];
    // The cell's name, cut to one line: the criteria pane beside has it whole.
    lines.push(Line::from(Span::styled(fit(&format!(" {item}"), w), theme.dim())));
    for l in &lowered {
        lines.push(Line::from(Span::styled(format!(" {l}"), theme.error())));
    }
    let offered_lines = super::claims::suggestion_lines(app, &offered, chosen, w);
    let top = lines.len();
    let room = (body.height as usize)
        .saturating_sub(1 + top + offered_lines.len())
        .max(1);
    let shown = note_layout(field.text(), inner);
    // The cursor's line, counted in the same layout as the text before it.
    let before = note_layout(field.before_cursor(), inner);
    let cursor_line = before.len().saturating_sub(1);
    let col = before.last().map_or(0, |l| width(l));
    let first = cursor_line.saturating_sub(room.saturating_sub(1));
    for l in shown.iter().skip(first).take(room) {
        lines.push(Line::from(format!(" {l}")));
    }
    while lines.len() < top + room {
        lines.push(Line::from(""));
    }
    lines.extend(offered_lines);
    lines.push(Line::from(Span::styled(
        fit(&format!(" {}", app.with_keys(s.note_editing)), w),
        theme.dim(),
    )));
    draw(frame, lines, body, Style::default());
    let x = body.x + 1 + col.min(inner) as u16;
    let y = body.y + top as u16 + ((cursor_line - first) as u16).min(body.height.saturating_sub(2));
    frame.set_cursor_position((x, y));
}

/// The events list's box, at the top of `area` and as tall as the list
/// needs (the criteria stay in view below a short one): the list, its new
/// line, the field, the preview and the keys.
fn events_area(area: Rect, events: usize) -> Rect {
    // Below the title line, which names the department and the district.
    let below = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    let want = (events as u16).saturating_add(9);
    Rect {
        height: want.clamp(10.min(below.height), below.height),
        ..below
    }
}

/// The key's passphrase, shown as one `*` per character typed.
fn passphrase(app: &App, frame: &mut Frame, area: Rect, field: &TextField) {
    let theme = Theme::of(app);
    let height = 4.min(area.height);
    let boxed = Rect {
        y: area.y + (area.height - height) / 2,
        height,
        ..inset(area, 8, 0)
    };
    let body = framed(app, frame, boxed);
    let w = body.width as usize;
    let masked = "*".repeat(field.text().chars().count());
    let lines = vec![
        Line::from(Span::styled(
            fit(&format!(" {}", app.with_keys(app.strings().passphrase)), w),
            theme.title(true),
        )),
        Line::from(Span::styled(fit(&format!(" {masked}"), w), theme.highlight())),
    ];
    draw(frame, lines, body, Style::default());
    if body.height > 1 {
        frame.set_cursor_position((
            body.x + (1 + width(&masked)).min(w.saturating_sub(1)) as u16,
            body.y + 1,
        ));
    }
}
