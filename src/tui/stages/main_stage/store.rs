//! Storing a cell: the one rule checked before anything is recorded, what
//! was stored said where, the walk moved on (and what it passed by said),
//! and a confirmed fill.

use super::*;

impl MainStage {
    /// Store a cell at `target`, say what was stored where, and with
    /// `advance` move on to the next unscored cell.
    pub fn store(&mut self, target: (usize, usize), cell: Cell, advance: bool, strings: &Strings) -> Reply {
        let (district, unit) = target;
        // The one rule, before anything is recorded: whatever path the cell came by.
        if let Some(refusal) = self.refusal(target, &cell) {
            return Reply::error(refusal.words(strings.lang));
        }
        let (done_before, cells) = self.session.progress(district);
        let changed = self.session.apply(district, unit, cell.clone());
        let finished = done_before < cells && self.session.progress(district).0 == cells;
        let echo = self.session.units.get(unit).map(|u| {
            let scoring = self.session.scoring_unit(u);
            format!(
                "{}{}{}{}{}",
                strings.saved,
                strings.colon,
                self.cell_name(target),
                strings.records,
                crate::tui::describe::describe(strings.lang, &scoring, &cell)
            )
        });
        let mut text = echo.unwrap_or_default();
        if cell.evidence_missing {
            text = format!("{text}{}{}", strings.separator, strings.evidence_missing);
        }
        if !cell.note.is_empty() {
            text = format!("{text}{}{}", strings.separator, strings.note);
        }
        if finished {
            // The walk moves on: the finished district's total is said once more.
            text = format!(
                "{text}{}{}{}{}",
                strings.separator,
                strings.district_done,
                strings.colon,
                crate::tui::describe::subtotal_words(strings, &self.session, district)
            );
        }
        if advance {
            self.last_scored = Some(target);
            if self.session.next_unscored() {
                if let Some(left) = self.left_behind(target, strings) {
                    text = format!("{text}{}{left}", strings.separator);
                }
            } else {
                text = format!("{text}{}{}", strings.separator, strings.all_scored);
            }
        }
        self.session.record_position();
        if changed {
            Reply::info(text).and(Effect::SaveDraft)
        } else if advance {
            Reply::info(text)
        } else {
            Reply::none()
        }
    }

    /// The walk moved on from the district (or, walking an item, from the
    /// item) it scored at `target` while cells of it are still unscored: how
    /// many, and where to see them. The walk goes forward; what it passed by
    /// is never left silently.
    fn left_behind(&self, target: (usize, usize), strings: &Strings) -> Option<String> {
        use crate::scoring::draft::Walk;
        let (district, unit) = target;
        let session = &self.session;
        let (name, left, words) = match session.walk {
            Walk::District if session.district != district => {
                let (scored, cells) = session.progress(district);
                (
                    session.rubric.districts.get(district)?.clone(),
                    cells - scored,
                    strings.district_left_behind,
                )
            }
            Walk::Item if session.unit != unit => {
                let u = session.units.get(unit)?;
                let left = (0..session.rubric.districts.len())
                    .filter(|&d| !session.cell(d, u).is_some_and(crate::scoring::draft::Cell::is_scored))
                    .count();
                (u.key.clone(), left, strings.item_left_behind)
            }
            _ => return None,
        };
        (left > 0).then(|| words.replace("{name}", &name).replace("{n}", &left.to_string()))
    }

    /// Why `cell` may not be stored at `target`, when what it holds (its
    /// score, veto, inputs, or a veto's reason) changed: a cell saved by an
    /// earlier version keeps its note and flag editable whatever it holds.
    fn refusal(&self, target: (usize, usize), cell: &Cell) -> Option<crate::scoring::rule::Refusal> {
        let before = self.cell_at(target);
        let value_changed = (before.score, before.veto, &before.input) != (cell.score, cell.veto, &cell.input);
        let reason_changed = cell.veto == Some(true) && before.note != cell.note;
        if !value_changed && !reason_changed {
            return None;
        }
        let u = self.session.units.get(target.1)?;
        let unit = self.session.scoring_unit(u);
        crate::scoring::rule::check(&unit, cell.into(), self.session.rubric.precision).err()
    }

    /// Carry out a confirmed fill: one step, one undo; with the reason, to
    /// the districts that have none.
    pub fn fill(&mut self, with_reason: bool, strings: &Strings) -> Reply {
        let targets = self.session.fill_targets(with_reason);
        let source = self.session.current_cell().note;
        let reasons = targets
            .iter()
            .filter(|(d, u, cell)| with_reason && cell.note == source && self.cell_at((*d, *u)).note != source)
            .count();
        let from = self.cell_name(self.current_target());
        let changed = self.session.apply_all(targets);
        self.session.record_position();
        if changed == 0 {
            return Reply::info(strings.fill_nothing);
        }
        let mut said = strings
            .filled_from
            .replace("{from}", &from)
            .replace("{n}", &changed.to_string());
        if reasons > 0 {
            said.push_str(&strings.selfcheck.filled_reason.replace("{n}", &reasons.to_string()));
        }
        Reply::info(said).and(Effect::SaveDraft)
    }

    /// Carry out a confirmed paste into the grid: every value good, as one
    /// step (one undo); the grid comes back on the cell after the last.
    pub fn paste_column(
        &mut self,
        cursor: super::super::overlay::GridCursor,
        rows: Vec<super::super::overlay::PastedValue>,
        strings: &Strings,
    ) -> Reply {
        let cells: Vec<(usize, usize, Cell)> = rows
            .iter()
            .filter_map(|row| row.outcome.clone().ok().map(|cell| (row.district, cursor.unit, cell)))
            .collect();
        if cells.len() != rows.len() || cells.is_empty() {
            self.overlay = Overlay::Grid(cursor);
            return Reply::error(strings.grid.paste_cancelled);
        }
        // Checked when the values were read; checked again on what is there now.
        for (district, unit, cell) in &cells {
            if let Some(refusal) = self.refusal((*district, *unit), cell) {
                self.overlay = Overlay::Grid(cursor);
                return Reply::error(refusal.words(strings.lang));
            }
        }
        let changed = self.session.apply_all(cells);
        let unit = self
            .session
            .units
            .get(cursor.unit)
            .map_or("", |u| u.key.as_str())
            .to_string();
        let last = rows.last().map_or(cursor.district, |r| r.district);
        let districts = self.session.rubric.districts.len();
        let next = super::super::overlay::GridCursor {
            district: crate::scoring::session::step(last, 1, districts),
            unit: cursor.unit,
        };
        self.overlay = Overlay::Grid(next);
        self.session.record_position();
        Reply::info(
            strings
                .grid
                .paste_done
                .replace("{unit}", &unit)
                .replace("{n}", &changed.to_string()),
        )
        .and(Effect::SaveDraft)
    }
}
