//! The overview grid typed into as a spreadsheet is: a number typed on a
//! cell opens the entry line on it (the same reading, rule and preview as
//! anywhere), and a column pasted from Excel or WPS fills down from the
//! cursor after a confirmation that lists every value, all or none.

use super::*;
use crate::tui::stages::overlay::PastedValue;

impl MainStage {
    /// A character typed over the grid: a score's first key opens the entry
    /// line on the grid's cell, the grid kept in view.
    pub fn start_grid_entry(&mut self, c: char) -> bool {
        let Overlay::Grid(cursor) = self.overlay else {
            return false;
        };
        if !crate::scoring::entry::starts_score(c) {
            return false;
        }
        self.go_to_cell((cursor.district, cursor.unit));
        self.overlay = Overlay::Entry {
            field: TextField::with_text(&c.to_string()),
            error: None,
            mode: EntryMode::Score,
            parked: TextField::default(),
            grid: Some(cursor),
        };
        true
    }

    /// A column pasted over the grid: each line a value for the next
    /// district down from the cursor, read as typed into that cell. Nothing
    /// is written until the confirmation, and then only if all are good.
    pub fn paste_into_grid(&mut self, text: &str, strings: &Strings) -> Reply {
        let Overlay::Grid(cursor) = self.overlay else {
            return Reply::none();
        };
        // One column: several (a row copied with tabs between its cells) would
        // leave all but the first unsaid.
        if text.lines().any(|l| l.trim_end().contains('\t')) {
            return Reply::error(strings.grid.paste_columns);
        }
        let mut values: Vec<&str> = text.lines().map(str::trim).collect();
        // A copied column ends with a line break: no value after it.
        while values.last().is_some_and(|v| v.is_empty()) {
            values.pop();
        }
        if values.is_empty() {
            return Reply::info(strings.grid.paste_nothing);
        }
        let districts = self.session.rubric.districts.len();
        let room = districts.saturating_sub(cursor.district);
        let extra = values.len().saturating_sub(room);
        let Some(unit) = self.session.units.get(cursor.unit) else {
            return Reply::none();
        };
        let scoring = self.session.scoring_unit(unit);
        let precision = self.session.rubric.precision;
        let rows = values
            .iter()
            .take(room)
            .enumerate()
            .map(|(i, text)| {
                let district = cursor.district + i;
                let before = self.session.cell(district, unit).cloned().unwrap_or_default();
                let outcome = if text.is_empty() {
                    // An empty cell of the column leaves the district's cell as it is.
                    Ok(before)
                } else {
                    crate::scoring::entry::accept(text, &scoring, precision, &before, EntryMode::Score)
                        .map_err(|e| crate::tui::i18n::input_error(strings.lang, &e))
                        .and_then(|cell| {
                            // A veto is recorded with its reason, on its own cell.
                            if cell.veto == Some(true) {
                                Err(strings.grid.grid_veto_elsewhere.to_string())
                            } else {
                                Ok(cell)
                            }
                        })
                };
                PastedValue {
                    district,
                    text: (*text).to_string(),
                    outcome,
                }
            })
            .collect();
        self.overlay = Overlay::ConfirmPaste { cursor, rows, extra };
        Reply::none()
    }
}
