//! The main screen: districts | the department's items | criteria, with the
//! top bar and the status lines.

use super::{Theme, criteria, draw, overlays, plain, row, status};
use crate::scoring::draft::{Cell, Walk};
use crate::scoring::session::Session;
use crate::tui::app::App;
use crate::tui::i18n;
use crate::tui::stages::{MainStage, Overlay, Pane};
use crate::tui::wrap::{fit, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(main) = app.main() else { return };
    let session = &main.session;
    let theme = Theme::of(app);
    let top = Rect { height: 1, ..area };
    draw(
        frame,
        top_bar(app, session, area.width as usize),
        top,
        theme.title(false),
    );

    // The message and hints below, wrapped once a frame.
    let bottom = status::bottom_height(app, area.width);
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1 + bottom),
        ..area
    };
    let panes = Panes::of(app, main, body);
    draw(
        frame,
        districts_pane(app, main, panes.districts),
        panes.districts,
        Style::default(),
    );
    draw(frame, items_pane(app, main, panes.items), panes.items, Style::default());
    for sep in panes.separators {
        let bar: Vec<Line> = (0..sep.height).map(|_| plain("|".into())).collect();
        draw(frame, bar, sep, theme.dim());
    }
    draw(
        frame,
        criteria::criteria_pane(app, main, panes.criteria),
        panes.criteria,
        Style::default(),
    );

    status::render_bottom(app, frame, area);
    // Popups stay above the message, which says what they are about.
    let above_bottom = Rect {
        height: area.height.saturating_sub(bottom),
        ..area
    };
    overlays::render(app, main, frame, above_bottom, panes.note);
}

/// Where each pane goes. Side by side where the items pane can show 20
/// characters of an item's text beside criteria of a readable width;
/// narrower, the criteria go under the items, so that neither is cut to a
/// few characters (80 columns side by side left items 8 characters).
pub struct Panes {
    pub districts: Rect,
    pub items: Rect,
    pub criteria: Rect,
    separators: Vec<Rect>,
    /// The note editor's room: over the districts and items, leaving the
    /// criteria in view beside or below the reason being written.
    pub note: Rect,
}

/// An item row's room for 20 characters of text, its id and its score.
const ITEM_ROW: u16 = 56;
const CRITERIA_BESIDE: u16 = 44;

impl Panes {
    pub fn of(app: &App, main: &MainStage, body: Rect) -> Panes {
        let session = &main.session;
        let districts_w = districts_width(app, session, body.width);
        let rest = body.width.saturating_sub(districts_w + 1);
        let districts = Rect {
            width: districts_w,
            ..body
        };
        let sep1 = Rect {
            x: body.x + districts_w,
            width: 1,
            ..body
        };
        let right = Rect {
            x: sep1.x + 1,
            width: rest,
            ..body
        };
        if rest > ITEM_ROW + 1 + CRITERIA_BESIDE {
            let items_w = (rest * 45 / 100).max(ITEM_ROW);
            let items = Rect {
                width: items_w,
                ..right
            };
            let sep2 = Rect {
                x: items.x + items_w,
                width: 1,
                ..right
            };
            let criteria = Rect {
                x: sep2.x + 1,
                width: rest.saturating_sub(items_w + 1),
                ..right
            };
            let note = Rect {
                width: districts_w + items_w + 1,
                ..body
            };
            return Panes {
                districts,
                items,
                criteria,
                separators: vec![sep1, sep2],
                note,
            };
        }
        // The criteria's title line parts them from the items above; a
        // department with few items leaves the rest to the criteria.
        let wanted = item_rows(app, main, rest as usize).0.len() as u16 + 1;
        let items_h = wanted.min(body.height * 45 / 100).max(body.height.min(4));
        let items = Rect {
            height: items_h,
            ..right
        };
        let criteria = Rect {
            y: items.y + items_h,
            height: body.height.saturating_sub(items_h),
            ..right
        };
        let note = Rect {
            height: items_h,
            ..body
        };
        Panes {
            districts,
            items,
            criteria,
            separators: vec![sep1],
            note,
        }
    }
}

/// The districts pane's width: a district's name, its subtotal and its
/// progress side by side ("惠城区 19.75分 15/15"), up to 3/10 of the
/// screen; where that is too narrow the figures give way, never the name.
fn districts_width(app: &App, session: &Session, total: u16) -> u16 {
    let longest = session.rubric.districts.iter().map(|d| width(d)).max().unwrap_or(6) as u16;
    let count = session.units.len();
    let progress = width(&cells_done(app.strings(), count, count)) as u16;
    let available = session.subtotal(session.district).1;
    let subtotal = (crate::points::shown(available).len() as u32 + 1 + session.rubric.precision) as u16
        + width(app.strings().points_unit) as u16;
    (longest + 1 + subtotal + 1 + progress)
        .clamp(14, 24)
        .min(total * 3 / 10)
        .max(longest.min(total / 2))
}

fn top_bar(app: &App, session: &Session, width: usize) -> String {
    let s = app.strings();
    let walk = match session.walk {
        Walk::District => s.walk_district,
        Walk::Item => s.walk_item,
    };
    // The department and scorer matter more than the (long) title: the id
    // stands for it; on a narrow screen the app's name, then the id, give
    // way rather than be cut.
    let scorer = format!("{} {}", s.scorer_label, session.scorer);
    let full = format!(" {} | {} | {scorer} | {}", s.app, session.department, session.rubric.id);
    let shorter = format!(" {} | {scorer} | {}", session.department, session.rubric.id);
    let shortest = format!(" {} | {scorer}", session.department);
    let right = format!(
        "{} | {} | {} ",
        session.district_name(),
        walk,
        crate::tui::describe::subtotal_words(app.strings(), session, session.district)
    );
    let room = width.saturating_sub(crate::tui::wrap::width(&right) + 1);
    let left = [full, shorter]
        .into_iter()
        .find(|l| crate::tui::wrap::width(l) <= room)
        .unwrap_or(shortest);
    row(&left, &right, width)
}

/// A district's line on the department: its total once it has scores (a
/// finished district keeps showing it), its progress while unfinished, and
/// a mark when the department has reported a veto. Longest first: where the
/// pane is narrow, the subtotal gives way to the progress, then the
/// progress to the mark, so that the name is never cut to fit a figure.
fn district_summary(app: &App, session: &Session, district: usize) -> Vec<String> {
    let (done, total) = session.progress(district);
    let veto = if session.vetoed(district) {
        format!("{} ", app.strings().veto_yes)
    } else {
        String::new()
    };
    let score = format!(
        "{}{}",
        crate::points::shown(session.subtotal(district).0),
        app.strings().points_unit
    );
    match done {
        // Not "0/58": it would read as points, as 小计 0/31.5 would (the top bar says --/31.5).
        0 => vec![format!("{veto}{}", app.strings().district_unscored)],
        d if d == total => vec![format!("{veto}{score}"), veto.trim_end().to_string()],
        d => {
            let progress = cells_done(app.strings(), d, total);
            vec![
                format!("{veto}{score} {progress}"),
                format!("{veto}{progress}"),
                veto.trim_end().to_string(),
            ]
        }
    }
}

/// Cells scored of cells, in words that do not read as points ("评2/4").
pub fn cells_done(s: &crate::tui::i18n::Strings, done: usize, total: usize) -> String {
    s.cells_done
        .replace("{d}", &done.to_string())
        .replace("{n}", &total.to_string())
}

fn pane_title(app: &App, main: &MainStage, pane: Pane, title: &str, width: usize) -> Line<'static> {
    let focused = main.focus == pane && main.overlay == Overlay::None;
    Line::from(Span::styled(
        fit(&format!(" {title}"), width),
        Theme::of(app).title(focused),
    ))
}

/// A pane's title that says when the pane holds more than it shows, which
/// way and how much, in one form everywhere (`[上方 2 行 下方 14 行]`); where
/// the title and the mark do not both fit, the title goes first.
pub fn scroll_title(s: &crate::tui::i18n::Strings, title: &str, above: usize, below: usize, w: usize) -> String {
    if above == 0 && below == 0 {
        return format!(" {title}");
    }
    let part = |template: &str, n: usize| (n > 0).then(|| template.replace("{n}", &n.to_string()));
    let parts: Vec<String> = [part(s.scroll_above, above), part(s.scroll_below, below)]
        .into_iter()
        .flatten()
        .collect();
    let between = if s.lang == crate::lang::Lang::Zh { " " } else { ", " };
    let mark = format!("[{}]", parts.join(between));
    let with_title = format!(" {title}  {mark}");
    if width(&with_title) <= w {
        with_title
    } else {
        format!(" {mark}")
    }
}

/// The first row to show so that `cursor` stays visible in `height` rows.
pub fn scroll_to(cursor: usize, height: usize, len: usize) -> usize {
    if len <= height || height == 0 {
        return 0;
    }
    cursor.saturating_sub(height / 2).min(len - height)
}

fn districts_pane(app: &App, main: &MainStage, area: Rect) -> Vec<Line<'static>> {
    let session = &main.session;
    let s = app.strings();
    let theme = Theme::of(app);
    let w = area.width as usize;
    let height = (area.height as usize).saturating_sub(1);
    let count = session.rubric.districts.len();
    let first = scroll_to(session.district, height, count);
    let below = count.saturating_sub(first + height);
    let title = scroll_title(s, s.districts, first, below, w);
    let mut lines = vec![Line::from(Span::styled(
        fit(&title, w),
        theme.title(main.focus == Pane::Districts && main.overlay == Overlay::None),
    ))];
    let current = session.current();
    for (d, name) in session.rubric.districts.iter().enumerate().skip(first).take(height) {
        let summaries = match (session.walk, current) {
            (Walk::Item, Some(unit)) => vec![cell_points(app, session.cell(d, unit))],
            _ => district_summary(app, session, d),
        };
        // The whole name with the longest summary that fits beside it.
        let room = w.saturating_sub(width(name) + 1);
        let right = summaries
            .iter()
            .find(|s| width(s) <= room)
            .or(summaries.last())
            .cloned()
            .unwrap_or_default();
        let text = row(name, &right, w);
        let style = if d == session.district {
            theme.selected(main.focus == Pane::Districts)
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    lines
}

/// A cell in a few columns: its score, or a mark for unscored; `!` when
/// evidence is missing, `*` when it has a note.
pub fn cell_summary(app: &App, cell: Option<&Cell>) -> String {
    summary_of(app, cell, "")
}

/// The same with the points' unit ("1分"): beside a unit's own text, where a
/// bare figure would read as part of it ("…（含）得.. 1").
fn cell_points(app: &App, cell: Option<&Cell>) -> String {
    summary_of(app, cell, app.strings().points_unit)
}

fn summary_of(app: &App, cell: Option<&Cell>, unit: &str) -> String {
    let s = app.strings();
    let Some(cell) = cell else { return "--".to_string() };
    let value = match (cell.veto, cell.score) {
        (Some(true), _) => s.veto_yes.to_string(),
        (Some(false), _) => s.veto_no.to_string(),
        (None, Some(score)) => format!("{}{unit}", crate::points::shown(score)),
        (None, None) => "--".to_string(),
    };
    let mut marks = String::new();
    if cell.evidence_missing {
        marks.push('!');
    }
    if !cell.note.is_empty() {
        marks.push('*');
    }
    format!("{value}{marks}")
}

fn items_pane(app: &App, main: &MainStage, area: Rect) -> Vec<Line<'static>> {
    let session = &main.session;
    let s = app.strings();
    let theme = Theme::of(app);
    let w = area.width as usize;
    let title = match main.filter {
        crate::tui::stages::UnitFilter::All => s.aside(s.items, session.district_name()),
        f => s.aside(
            s.items,
            &format!(
                "{} - {}",
                session.district_name(),
                crate::tui::stages::main_stage::filter_name(f, s)
            ),
        ),
    };
    let mut lines = vec![pane_title(app, main, Pane::Items, &title, w)];

    // A department the rubric gives nothing to score says so, and where it
    // is named as a supporting department.
    if session.units.is_empty() {
        let supporting: Vec<&str> = session
            .rubric
            .items
            .iter()
            .filter(|i| i.is_supported_by(&session.department))
            .map(|i| i.id.as_str())
            .collect();
        let mut text = s.no_units.to_string();
        if !supporting.is_empty() {
            text.push_str(&format!("{}{}", s.supports, supporting.join("、")));
        }
        for l in crate::tui::wrap::wrap(&text, w.max(2)) {
            lines.push(Line::from(Span::styled(l, theme.dim())));
        }
        return lines;
    }
    let (rows, cursor_row) = item_rows(app, main, w);
    let height = (area.height as usize).saturating_sub(1);
    let first = scroll_to(cursor_row, height, rows.len());
    // Nothing below the last row shown would read as the department's last item.
    let below = rows.len().saturating_sub(first + height);
    // The district is in the top bar: it goes before the pane's own name.
    let marked = if first == 0 && below == 0 {
        format!(" {title}")
    } else {
        [title.as_str(), s.items]
            .iter()
            .map(|t| scroll_title(s, t, first, below, w))
            .find(|t| !t.starts_with(" [") && width(t) <= w)
            .unwrap_or_else(|| scroll_title(s, s.items, first, below, w))
    };
    lines[0] = Line::from(Span::styled(
        fit(&marked, w),
        theme.title(main.focus == Pane::Items && main.overlay == Overlay::None),
    ));
    lines.extend(rows.into_iter().skip(first).take(height));
    lines
}

/// The items pane's rows: group headers (area, key point), an item scored
/// in parts above its parts, then units; and the cursor's row.
fn item_rows(app: &App, main: &MainStage, w: usize) -> (Vec<Line<'static>>, usize) {
    let session = &main.session;
    let theme = Theme::of(app);
    let mut rows: Vec<Line<'static>> = Vec::new();
    let mut cursor_row = 0;
    let mut last_kp: Option<&str> = None;
    let mut last_item: Option<usize> = None;
    let shared = shared_labels(session);
    for (n, unit) in session.units.iter().enumerate() {
        if !main.shows(n) && n != session.unit {
            continue;
        }
        let item = session.item_of(unit);
        if last_kp != Some(item.key_point.as_str()) {
            if let Some(kp) = session.rubric.key_point(&item.key_point) {
                let area_name = session
                    .rubric
                    .areas
                    .iter()
                    .find(|a| a.id == kp.area)
                    .map(|a| a.name.as_str())
                    .unwrap_or_default();
                // The key point's own name when area and key point do not both fit.
                let both = format!("{} {} / {}", kp.id, area_name, kp.name);
                let header = if width(&both) <= w {
                    both
                } else {
                    fit(&format!("{} {}", kp.id, kp.name), w)
                };
                rows.push(Line::from(Span::styled(header, theme.header())));
            }
            last_kp = Some(item.key_point.as_str());
        }
        let first_part = unit.sub.is_some() && last_item != Some(unit.item);
        last_item = Some(unit.item);
        if first_part {
            rows.push(item_in_parts_row(app, session, unit.item, w));
        }
        let mut summary = cell_summary(app, session.cell(session.district, unit));
        // The district's claim beside it: the difference, or the claim still to judge.
        if let Some(mark) = super::claims::mark(app, main, (session.district, n)) {
            summary = if session.cell(session.district, unit).is_some_and(Cell::is_scored) {
                let marks: String = summary.chars().rev().take_while(|c| matches!(c, '!' | '*')).collect();
                format!("{mark}{}", marks.chars().rev().collect::<String>())
            } else {
                format!("{mark} {summary}")
            };
        }
        let kind = i18n::kind_mark(app.lang, item.kind);
        let room = w.saturating_sub(width(kind) + width(&summary) + 1);
        let name = unit_name(app, session, unit, &shared, room);
        let text = row(&format!("{kind}{name}"), &summary, w);
        if n == session.unit {
            cursor_row = rows.len();
            rows.push(Line::from(Span::styled(
                text,
                theme.selected(main.focus == Pane::Items),
            )));
        } else {
            let scored = session.cell(session.district, unit).is_some_and(Cell::is_scored);
            let style = if scored { theme.good() } else { Style::default() };
            rows.push(Line::from(Span::styled(text, style)));
        }
    }
    (rows, cursor_row)
}

/// A label several of the department's items share (luoyang's
/// 重大质量事件（扣分项）) tells them apart from nothing: their rows give
/// their own text, and the criteria pane the label.
fn shared_labels(session: &Session) -> std::collections::HashSet<&str> {
    let mut seen = std::collections::HashSet::new();
    let mut shared = std::collections::HashSet::new();
    for unit in session.units.iter().filter(|u| u.sub.is_none()) {
        if let Some(label) = &session.item_of(unit).label
            && !seen.insert(label.as_str())
        {
            shared.insert(label.as_str());
        }
    }
    shared
}

/// Characters of an item's own text a row keeps before a label may take room.
const OWN_TEXT: usize = 20;

/// A unit's row name: its id and the first line of its own text, after its
/// label where `room` leaves 20 characters of the text beside it.
fn unit_name(
    app: &App,
    session: &Session,
    unit: &crate::scoring::session::Unit,
    shared: &std::collections::HashSet<&str>,
    room: usize,
) -> String {
    let item = session.item_of(unit);
    if let Some(sub) = session.sub_of(unit) {
        return format!("{}#{} {}", item.id, sub.id, first_line(&sub.text));
    }
    // An item the document printed without text is said to be so, never
    // "unscored" beside its score.
    let text = if item.text.is_empty() {
        app.strings().no_text
    } else {
        first_line(&item.text)
    };
    let plain = format!("{} {text}", item.id);
    match &item.label {
        Some(label) if !shared.contains(label.as_str()) => {
            let labelled = format!("{} {label}: {text}", item.id);
            // A cut text ends in "..", which takes two columns more.
            let kept = if width(text) > OWN_TEXT * 2 {
                OWN_TEXT * 2 + 2
            } else {
                width(text)
            };
            let wanted = width(&labelled) - width(text) + kept;
            if wanted <= room { labelled } else { plain }
        }
        _ => plain,
    }
}

/// An item scored in parts, above them: its sum so far out of its points,
/// and how many of the department's parts are still to score.
fn item_in_parts_row(app: &App, session: &Session, item_index: usize, w: usize) -> Line<'static> {
    let theme = Theme::of(app);
    let item = &session.rubric.items[item_index];
    let parts: Vec<_> = session.units.iter().filter(|u| u.item == item_index).collect();
    let scores: Vec<_> = parts
        .iter()
        .filter_map(|u| session.cell(session.district, u).and_then(|c| c.score))
        .collect();
    let left = parts.len() - scores.len();
    let sum = crate::scoring::totals::item_scores(&session.rubric, scores.iter().map(|&s| (item_index, s)))
        .unwrap_or_default()
        .get(item_index)
        .copied()
        .flatten()
        .unwrap_or_default();
    // Out of what the department's own parts can give: "0.5/3" for the one
    // part of 0.5 a department scores would read as points lost.
    let own_max: rust_decimal::Decimal = parts
        .iter()
        .filter_map(|u| session.sub_of(u))
        .filter(|sub| sub.kind != crate::rubric::Kind::Deduction)
        .filter_map(|sub| sub.points)
        .sum();
    let max = match item.points {
        Some(points) if own_max.is_zero() || own_max > points => crate::points::shown(points),
        _ => crate::points::shown(own_max),
    };
    let left_words = match app.lang {
        crate::lang::Lang::Zh => format!("缺{left}"),
        crate::lang::Lang::En => format!("{left} left"),
    };
    // No part scored is not 0 points (as for a district): only what is left.
    let summary = match (scores.is_empty(), left) {
        (true, _) => left_words,
        // Points out of points, with their unit: "0.5/1分", never a count.
        (false, 0) => format!("{}/{max}{}", crate::points::shown(sum), app.strings().points_unit),
        (false, _) => format!(
            "{}/{max}{} {left_words}",
            crate::points::shown(sum),
            app.strings().points_unit
        ),
    };
    let name = match &item.label {
        Some(label) => format!("{} {label}", item.id),
        None if item.text.is_empty() => format!("{} {}", item.id, app.strings().no_text),
        None => format!("{} {}", item.id, first_line(&item.text)),
    };
    Line::from(Span::styled(row(&name, &summary, w), theme.header()))
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}
