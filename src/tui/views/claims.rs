//! The district's own claim (自评) where the analyst judges it: above the
//! criteria (the claim, what accepting it records, the district's reason),
//! the difference beside a judged cell (`自评 5 / 评 3.5`), the reasons
//! offered under the note editor, and a pasted column's confirmation.

use super::{Theme, overlays::boxed_lines};
use crate::scoring::entry::{self, EntryMode};
use crate::selfcheck::Claim;
use crate::tui::app::App;
use crate::tui::stages::MainStage;
use crate::tui::stages::overlay::{GridCursor, PastedValue};
use crate::tui::stages::reasons::Suggestion;
use crate::tui::wrap::{fit, wrap};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// A score or a veto's answer as a figure: `4.5`, `-1`, `否决`/`不否决`.
pub fn figure(app: &App, score: Option<rust_decimal::Decimal>, veto: Option<bool>) -> Option<String> {
    let s = app.strings();
    match (score, veto) {
        (Some(score), _) => Some(crate::points::shown(score)),
        (None, Some(true)) => Some(s.veto_yes.to_string()),
        (None, Some(false)) => Some(s.veto_no.to_string()),
        (None, None) => None,
    }
}

/// A claim's figure as the screen says it: `4.5 分`, `-1 分`, `否决`/`不否决`.
pub fn claimed(app: &App, claim: &Claim) -> Option<String> {
    let shown = figure(app, claim.score, claim.veto)?;
    Some(match claim.score {
        Some(_) => format!("{shown} {}", app.strings().points_unit),
        None => shown,
    })
}

/// `自评 5 / 评 3.5` for a judged cell that differs from its claim; None
/// where there is no claim, no judgement, or no difference.
pub fn difference(app: &App, main: &MainStage, (district, unit): (usize, usize)) -> Option<String> {
    let s = app.strings();
    let u = main.session.units.get(unit)?;
    let claim = main.session.claim(district, u)?;
    let cell = main.cell_at((district, unit));
    if !claim.differs(cell.score, cell.veto) {
        return None;
    }
    let given = figure(app, cell.score, cell.veto)?;
    let claimed = figure(app, claim.score, claim.veto)?;
    Some(format!(
        "{} {claimed} / {} {given}",
        s.selfcheck.claim_label, s.selfcheck.claim_given
    ))
}

/// The short mark beside a cell's score in the items pane: the difference,
/// or `自评 5` on a cell not judged yet.
pub fn mark(app: &App, main: &MainStage, target: (usize, usize)) -> Option<String> {
    if let Some(diff) = difference(app, main, target) {
        return Some(diff);
    }
    let u = main.session.units.get(target.1)?;
    let claim = main.session.claim(target.0, u)?;
    let judged = main.cell_at(target).is_scored();
    (!judged).then(|| claimed(app, claim).map(|c| format!("{} {c}", app.strings().selfcheck.claim_label)))?
}

/// The claim above the criteria of the current cell: its figure and what
/// the accept key records (or why it cannot), then the district's reason.
pub fn claim_lines(app: &App, main: &MainStage, w: usize) -> Vec<Line<'static>> {
    let s = app.strings();
    let theme = Theme::of(app);
    let session = &main.session;
    let Some(unit) = session.current() else {
        return Vec::new();
    };
    let Some(claim) = session.claim(session.district, unit) else {
        return Vec::new();
    };
    let target = main.current_target();
    let mut head = match claimed(app, claim) {
        Some(figure) => format!("{} {figure}", s.selfcheck.claim_label),
        None => s.selfcheck.claim_no_figure.to_string(),
    };
    let mut style = theme.highlight();
    if let Some(diff) = difference(app, main, target) {
        head = diff;
        style = theme.error();
    }
    // What the accept key would record, wherever it would change the cell.
    if let Some(typed) = claim.typed() {
        let scoring = session.scoring_unit(unit);
        let cell = session.current_cell();
        let after = match entry::accept(&typed, &scoring, session.rubric.precision, &cell, EntryMode::Score) {
            Ok(after) if after == cell => None,
            Ok(after) => Some(format!(
                "{}{}",
                app.with_keys(s.selfcheck.claim_accept_hint),
                crate::tui::describe::describe(app.lang, &scoring, &after)
            )),
            Err(e) => Some(format!(
                "{}{}",
                s.selfcheck.claim_refused_hint,
                crate::tui::i18n::input_error(app.lang, &e)
            )),
        };
        if let Some(after) = after {
            head = s.aside(&head, &after);
        }
    }
    let mut lines: Vec<Line<'static>> = wrap(&head, w.saturating_sub(1).max(1))
        .into_iter()
        .map(|l| Line::from(Span::styled(format!(" {l}"), style)))
        .collect();
    if !claim.reason.trim().is_empty() {
        let reason = format!(
            "{}{}{}",
            s.selfcheck.claim_reason,
            s.colon,
            crate::text::escape::visible(claim.reason.trim())
        );
        lines.extend(
            wrap(&reason, w.saturating_sub(1).max(1))
                .into_iter()
                .map(|l| Line::from(Span::styled(format!(" {l}"), theme.dim()))),
        );
    }
    lines.push(Line::from(""));
    lines
}

/// The reasons offered under the note editor, the chosen one marked.
pub fn suggestion_lines(app: &App, offered: &[Suggestion], chosen: usize, w: usize) -> Vec<Line<'static>> {
    if offered.is_empty() {
        return Vec::new();
    }
    let s = app.strings();
    let theme = Theme::of(app);
    let mut lines = vec![Line::from(Span::styled(
        fit(&format!(" {}", app.with_keys(s.selfcheck.suggestions_title)), w),
        theme.dim(),
    ))];
    // The chosen one in view among the five shown.
    let first = chosen.saturating_sub(4);
    for (i, offer) in offered.iter().enumerate().skip(first).take(5) {
        let whose = match offer.districts.as_slice() {
            [] => s.selfcheck.suggestion_phrase.to_string(),
            [one] => s.selfcheck.suggestion_other_district.replace("{district}", one),
            [one, rest @ ..] => s
                .selfcheck
                .suggestion_other_district
                .replace("{district}", &format!("{one} +{}", rest.len())),
        };
        let text = crate::text::escape::visible(&offer.text.replace('\n', " "));
        let marker = if i == chosen { ">" } else { " " };
        let line = super::row(&format!("{marker} {text}"), &whose, w.saturating_sub(1));
        let style = if i == chosen {
            theme.selected(true)
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(format!(" {line}"), style)));
    }
    lines
}

/// A pasted column before it is written: every value, where it goes and
/// what it records, or why not (and then nothing is written).
pub fn confirm_paste(
    app: &App,
    main: &MainStage,
    frame: &mut Frame,
    area: Rect,
    cursor: GridCursor,
    rows: &[PastedValue],
    extra: usize,
) {
    let s = app.strings();
    let theme = Theme::of(app);
    let session = &main.session;
    let Some(unit) = session.units.get(cursor.unit) else {
        return;
    };
    let scoring = session.scoring_unit(unit);
    let from = session.rubric.districts.get(cursor.district).map_or("", String::as_str);
    let mut body = vec![(
        s.grid
            .paste_question
            .replace("{district}", from)
            .replace("{n}", &(rows.len() + extra).to_string())
            .replace("{unit}", &unit.key),
        Style::default(),
    )];
    let refused = rows.iter().filter(|r| r.outcome.is_err()).count() + usize::from(extra > 0);
    // As many rows as the screen holds; the refused ones first when they do not all fit.
    let room = (area.height as usize).saturating_sub(8).max(3);
    let mut shown: Vec<&PastedValue> = rows.iter().filter(|r| r.outcome.is_err()).collect();
    shown.extend(rows.iter().filter(|r| r.outcome.is_ok()));
    shown.truncate(room);
    shown.sort_by_key(|r| r.district);
    for row in shown {
        let district = session.rubric.districts.get(row.district).map_or("", String::as_str);
        let value = crate::text::escape::visible(&row.text);
        match &row.outcome {
            Ok(cell) => {
                let mut line = format!(
                    "{district}  {value} -> {}",
                    crate::tui::describe::describe(app.lang, &scoring, cell)
                );
                // A cell already scored otherwise: what the paste replaces.
                let before = main.cell_at((row.district, cursor.unit));
                if before.is_scored() && (before.score, before.veto) != (cell.score, cell.veto) {
                    let was = crate::tui::describe::describe(app.lang, &scoring, &before);
                    line.push_str(&s.grid.paste_was.replace("{was}", &was));
                }
                body.push((line, Style::default()));
            }
            Err(why) => body.push((format!("{district}  {value}: {why}"), theme.error())),
        }
    }
    if rows.len() > room {
        body.push((format!("...(+{})", rows.len() - room), theme.dim()));
    }
    if extra > 0 {
        body.push((s.grid.paste_too_many.replace("{n}", &extra.to_string()), theme.error()));
    }
    let footer = if refused > 0 {
        body.push((s.grid.paste_refused.replace("{n}", &refused.to_string()), theme.error()));
        s.grid.paste_close.to_string()
    } else {
        app.with_keys(s.grid.paste_keys)
    };
    boxed_lines(app, frame, area, s.grid.paste_title, &body, &footer);
}
