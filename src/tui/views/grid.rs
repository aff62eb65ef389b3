//! The overview grid: districts × the department's units, every cell's
//! score (or `--`), marks for missing evidence (`!`) and a note (`*`), each
//! district's total and rank on the department's points, and each unit's
//! average. The district column and the unit header stay in place while the
//! rest scrolls to keep the cursor in view.

use super::{Theme, draw, main_screen::cell_summary};
use crate::scoring::session::Session;
use crate::tui::app::App;
use crate::tui::stages::{GridCursor, MainStage};
use crate::tui::wrap::{fit, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use rust_decimal::Decimal;

const CELL: usize = 8;

/// Competition ranks ("1, 2, 2, 4") of the districts by their totals.
pub fn ranks(totals: &[Decimal]) -> Vec<usize> {
    // Sorted once, so that thousands of districts rank in n log n.
    let mut sorted = totals.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    totals
        .iter()
        .map(|t| 1 + sorted.partition_point(|other| other > t))
        .collect()
}

/// Ranks among the districts whose every unit is scored; a district with
/// a cell left has none (its subtotal is not its total yet).
pub fn finished_ranks(totals: &[Decimal], progress: &[(usize, usize)]) -> Vec<Option<usize>> {
    let done = |d: usize| progress[d].1 > 0 && progress[d].0 == progress[d].1;
    let finished: Vec<Decimal> = (0..totals.len()).filter(|&d| done(d)).map(|d| totals[d]).collect();
    let mut ranked = ranks(&finished).into_iter();
    (0..totals.len())
        .map(|d| if done(d) { ranked.next() } else { None })
        .collect()
}

/// How many unit columns fit beside the district column and the totals.
pub fn visible_columns(session: &Session, total_width: usize) -> usize {
    let name_w = name_width(session);
    (total_width.saturating_sub(name_w + 2 * CELL + 1) / CELL).max(1)
}

fn name_width(session: &Session) -> usize {
    session
        .rubric
        .districts
        .iter()
        .map(|d| width(d))
        .max()
        .unwrap_or(6)
        .clamp(6, 16)
        + 1
}

pub fn render(app: &App, main: &MainStage, cursor: &GridCursor, frame: &mut Frame, area: Rect) {
    let session = &main.session;
    let s = app.strings();
    let theme = Theme::of(app);
    frame.render_widget(ratatui::widgets::Clear, area);
    let w = area.width as usize;
    let name_w = name_width(session);
    let columns = visible_columns(session, w);
    let first_col = cursor.first_column(columns);
    let units: Vec<usize> = (first_col..session.units.len()).take(columns).collect();
    let shown_cols = format!(
        "{}-{}/{}  {}  {}",
        first_col + 1,
        first_col + units.len(),
        session.units.len(),
        app.with_keys(s.grid_keys),
        s.grid.grid_type_hint
    );
    // Wrapped, never cut: the keys are the way out.
    let key_lines = crate::tui::wrap::wrap(&shown_cols, w.saturating_sub(1).max(1));
    // Title, header, maxima, average, the cursor's cell, the keys.
    let rows = (area.height as usize).saturating_sub(5 + key_lines.len());
    let first_row = cursor.district.saturating_sub(rows.saturating_sub(1));

    let totals: Vec<Decimal> = (0..session.rubric.districts.len())
        .map(|d| session.subtotal(d).0)
        .collect();
    let progress: Vec<(usize, usize)> = (0..totals.len()).map(|d| session.progress(d)).collect();
    let ranks = finished_ranks(&totals, &progress);
    let finished = ranks.iter().flatten().count();

    let title = format!(
        " {} - {}  {}",
        s.overview,
        session.department,
        s.grid_ranked.replace("{n}", &finished.to_string())
    );
    let mut lines = vec![Line::from(Span::styled(fit(&title, w), theme.title(true)))];
    // The header: the units shown, then total and rank.
    let mut header = fit("", name_w);
    for &u in &units {
        header.push_str(&fit(&format!(" {}", session.units[u].key), CELL));
    }
    header.push_str(&fit(&format!(" {}", s.grid_total), CELL));
    header.push_str(&fit(&format!(" {}", s.grid_rank), CELL));
    lines.push(Line::from(Span::styled(fit(&header, w), theme.header())));
    // Under each unit, what a cell of it may hold: its maximum, a deduction's
    // cap, a veto.
    let mut maxima = fit("", name_w);
    for &u in &units {
        let unit = session.scoring_unit(&session.units[u]);
        maxima.push_str(&fit(&format!(" {}", column_limit(app, &unit)), CELL));
    }
    lines.push(Line::from(Span::styled(fit(&maxima, w), theme.dim())));

    for (d, district) in session.rubric.districts.iter().enumerate().skip(first_row).take(rows) {
        let mut spans = vec![Span::styled(fit(district, name_w), theme.header())];
        for &u in &units {
            spans.push(grid_cell(
                app,
                session,
                (d, u),
                (d, u) == (cursor.district, cursor.unit),
            ));
        }
        let veto = if session.vetoed(d) { s.veto_yes } else { "" };
        // Nothing scored is no total; something left unscored is no rank.
        let total = if progress[d].0 == 0 {
            "--".to_string()
        } else {
            crate::points::shown(totals[d])
        };
        spans.push(Span::styled(fit(&format!(" {total}{veto}"), CELL), theme.good()));
        let rank = ranks[d].map_or_else(|| "--".to_string(), |r| r.to_string());
        spans.push(Span::raw(fit(&format!(" {rank}"), CELL)));
        lines.push(Line::from(spans));
    }
    // Each unit's average over the districts that have scored it.
    let mut footer = fit(s.grid_average, name_w);
    for &u in &units {
        let scores: Vec<Decimal> = (0..session.rubric.districts.len())
            .filter_map(|d| session.cell(d, &session.units[u]).and_then(|c| c.score))
            .collect();
        let average = if scores.is_empty() {
            "--".to_string()
        } else {
            let sum: Decimal = scores.iter().sum();
            crate::points::shown((sum / Decimal::from(scores.len())).round_dp(2))
        };
        footer.push_str(&fit(&format!(" {average}"), CELL));
    }
    lines.push(Line::from(Span::styled(fit(&footer, w), theme.dim())));
    // The cursor's cell whole: its unit, what it holds, the district's claim.
    let here = (cursor.district, cursor.unit);
    let name = main.cell_name(here);
    let what = session
        .units
        .get(cursor.unit)
        .map(|u| crate::tui::describe::describe(app.lang, &session.scoring_unit(u), &main.cell_at(here)))
        .unwrap_or_default();
    let mut about = format!(" {name}{}{what}", s.colon);
    if let Some(mark) = super::claims::difference(app, main, here).or_else(|| super::claims::mark(app, main, here)) {
        about = format!("{about}{}{mark}", s.separator);
    }
    lines.push(Line::from(Span::styled(fit(&about, w), theme.highlight())));
    for l in key_lines {
        lines.push(Line::from(Span::styled(format!(" {l}"), theme.dim())));
    }
    draw(frame, lines, area, Style::default());
}

/// One cell of the grid: its score, and the district's claim where the
/// score differs from it (`0.5/1`) or is not given yet (`(1)`).
fn grid_cell(app: &App, session: &Session, (d, u): (usize, usize), at_cursor: bool) -> Span<'static> {
    let theme = Theme::of(app);
    let unit = &session.units[u];
    let cell = session.cell(d, unit);
    let claim = session.claim(d, unit);
    let (shown, claimed_style) = match (cell.filter(|c| c.is_scored()), claim) {
        (Some(c), Some(claim)) if claim.differs(c.score, c.veto) => {
            // The cell's marks (! *) after both figures, not between them.
            let summary = cell_summary(app, cell);
            let value = summary.trim_end_matches(['!', '*']);
            let marks = &summary[value.len()..];
            let both = format!(
                "{value}/{}{marks}",
                super::claims::figure(app, claim.score, claim.veto).unwrap_or_default()
            );
            // Where both do not fit, the score and which way it differs
            // (the line under the grid says the claim whole).
            let shown = if width(&both) < CELL {
                both
            } else if claim.lowered_by(c.score, c.veto) {
                format!("{value}<{marks}")
            } else {
                format!("{value}>{marks}")
            };
            (shown, Some(theme.error()))
        }
        (None, Some(claim)) if claim.typed().is_some() => (
            format!(
                "({})",
                super::claims::figure(app, claim.score, claim.veto).unwrap_or_default()
            ),
            Some(theme.dim()),
        ),
        _ => (cell_summary(app, cell), None),
    };
    let text = fit(&format!(" {shown}"), CELL);
    let style = if at_cursor {
        theme.selected(true)
    } else {
        claimed_style.unwrap_or_default()
    };
    Span::styled(text, style)
}

/// What a unit's cells may hold, under its column: `<=5`, a deduction's
/// `-3`, a bonus's `+2`, a veto's word.
fn column_limit(app: &App, unit: &crate::rubric::ScoringUnit<'_>) -> String {
    use crate::rubric::Kind;
    let shown = crate::points::shown;
    match (unit.kind(), unit.points) {
        (Kind::Veto, _) => app.strings().veto_yes.to_string(),
        (Kind::Deduction, Some(p)) => format!("-{}", shown(p)),
        (Kind::Deduction, None) => "-".to_string(),
        (Kind::Bonus, Some(p)) => format!("+{}", shown(p)),
        (_, Some(p)) => format!("<={}", shown(p)),
        (_, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    #[test]
    fn equal_totals_share_a_rank_and_the_next_skips() {
        assert_eq!(super::ranks(&[dec!(3), dec!(5), dec!(3), dec!(1)]), [2, 1, 2, 4]);
    }

    #[test]
    fn only_finished_districts_are_ranked() {
        let totals = [dec!(3), dec!(9), dec!(5), dec!(0)];
        let progress = [(2, 2), (1, 2), (2, 2), (0, 2)];
        assert_eq!(
            super::finished_ranks(&totals, &progress),
            [Some(2), None, Some(1), None]
        );
        assert_eq!(super::ranks(&[]), Vec::<usize>::new());
    }
}
