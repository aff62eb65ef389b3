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
    let rows = (area.height as usize).saturating_sub(4);
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

    for (d, district) in session.rubric.districts.iter().enumerate().skip(first_row).take(rows) {
        let mut spans = vec![Span::styled(fit(district, name_w), theme.header())];
        for &u in &units {
            let text = fit(
                &format!(" {}", cell_summary(app, session.cell(d, &session.units[u]))),
                CELL,
            );
            let style = if (d, u) == (cursor.district, cursor.unit) {
                theme.selected(true)
            } else {
                Style::default()
            };
            spans.push(Span::styled(text, style));
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
    let shown_cols = format!(
        " {}-{}/{}  {}",
        first_col + 1,
        first_col + units.len(),
        session.units.len(),
        app.with_keys(s.grid_keys)
    );
    lines.push(Line::from(Span::styled(fit(&shown_cols, w), theme.dim())));
    draw(frame, lines, area, Style::default());
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
