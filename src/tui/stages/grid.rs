//! The overview grid's keys: the arrows move, Enter goes to the cell, and a
//! score typed over it is recorded as any typed score (no walk: the grid
//! moves a district down, or a unit right).

use super::Reply;
use super::main_stage::MainStage;
use super::overlay::{GridCursor, Overlay, reason_left_behind};
use crate::lang::Lang;
use crate::scoring::entry;
use crate::tui::action::Action;
use crate::tui::i18n::{self, Strings};

/// Where the grid's cursor goes after a score typed over it.
#[derive(Clone, Copy)]
pub(super) enum GridStep {
    Down,
    Right,
}

/// A score typed over the grid into its cell: recorded as any typed score
/// (no walk: the grid moves), then back to the grid a step on; a refusal
/// stays in the entry line with its reason.
pub(super) fn commit_grid_entry(main: &mut MainStage, step: GridStep, strings: &Strings, lang: Lang) -> Reply {
    let Overlay::Entry {
        field,
        mode,
        grid: Some(cursor),
        ..
    } = main.overlay.clone()
    else {
        return Reply::none();
    };
    let refuse = |main: &mut MainStage, error: String| {
        if let Overlay::Entry { error: e, .. } = &mut main.overlay {
            *e = Some(error);
        }
        Reply::none()
    };
    let Some(unit) = main.session.current_scoring_unit() else {
        return Reply::none();
    };
    let cell = match entry::accept(
        field.text(),
        &unit,
        main.session.rubric.precision,
        &main.session.current_cell(),
        mode,
    ) {
        Ok(cell) => cell,
        Err(e) => return refuse(main, i18n::input_error(lang, &e)),
    };
    // A veto asks for its reason: that is the cell's own screen, not the grid's.
    if cell.veto == Some(true) || reason_left_behind(&main.session.current_cell(), &cell) {
        return refuse(main, strings.grid.grid_veto_elsewhere.to_string());
    }
    let target = (cursor.district, cursor.unit);
    let reply = main.store(target, cell.clone(), false, strings);
    if main.cell_at(target) != cell {
        // Refused by the rule: said where it was typed.
        let said = reply.message.map(|m| m.text).unwrap_or_default();
        return refuse(main, said);
    }
    let districts = main.session.rubric.districts.len();
    let units = main.session.units.len();
    let mut next = cursor;
    match step {
        GridStep::Down => next.district = crate::scoring::session::step(cursor.district, 1, districts),
        GridStep::Right => next.unit = crate::scoring::session::step(cursor.unit, 1, units),
    }
    main.overlay = Overlay::Grid(next);
    main.session.district = next.district;
    main.session.select_unit(next.unit);
    reply
}

/// An action in the grid: the arrows (and page keys) move, Enter goes to
/// the cell, cancel closes it.
pub fn grid_action(main: &mut MainStage, action: Action) -> Reply {
    let Overlay::Grid(cursor) = &mut main.overlay else {
        return Reply::none();
    };
    let districts = main.session.rubric.districts.len();
    let units = main.session.units.len();
    let step = |at: usize, delta: isize, len: usize| crate::scoring::session::step(at, delta, len);
    match action {
        Action::Up => cursor.district = step(cursor.district, -1, districts),
        Action::Down => cursor.district = step(cursor.district, 1, districts),
        Action::Left => cursor.unit = step(cursor.unit, -1, units),
        Action::Right => cursor.unit = step(cursor.unit, 1, units),
        Action::First => cursor.unit = 0,
        Action::Last => cursor.unit = units.saturating_sub(1),
        Action::PageUp => cursor.district = step(cursor.district, -10, districts),
        Action::PageDown => cursor.district = step(cursor.district, 10, districts),
        Action::Confirm => {
            let GridCursor { district, unit } = *cursor;
            main.overlay = Overlay::None;
            main.last_scored = None;
            main.session.district = district;
            main.session.select_unit(unit);
            main.session.record_position();
        }
        Action::Cancel | Action::Overview => main.overlay = Overlay::None,
        _ => {}
    }
    Reply::none()
}
