//! What an export is about to sign, said before it does: the revision,
//! the cells scored and not, evidence missing, points lost with no reason,
//! claims lowered with no reason, vetoes, and what changed since the last.

use super::*;

impl MainStage {
    /// What an export would sign now: the next revision and how complete it is.
    pub fn export_summary(&self) -> super::super::overlay::ExportSummary {
        let session = &self.session;
        let mut scored = 0;
        let mut unscored = Vec::new();
        let mut evidence_missing = 0;
        let mut without_reason = Vec::new();
        let mut lowered = Vec::new();
        let mut vetoes = Vec::new();
        let mut changed = Vec::new();
        for (d, district) in session.rubric.districts.iter().enumerate() {
            for (u, unit) in session.units.iter().enumerate() {
                let cell = session.cell(d, unit);
                let name = format!("{district} {}", unit.key);
                if session.draft.changed_since_export(district, &unit.key) {
                    changed.push(((d, u), name.clone()));
                }
                if cell.is_some_and(Cell::is_scored) {
                    scored += 1;
                } else {
                    unscored.push(name.clone());
                }
                if cell.is_some_and(|c| c.evidence_missing) {
                    evidence_missing += 1;
                }
                if self.lowered_without_reason((d, u)) {
                    lowered.push(((d, u), name.clone()));
                }
                let Some(cell) = cell else { continue };
                if cell.veto == Some(true) {
                    vetoes.push(name.clone());
                }
                // What the office asks about: points taken off or not given.
                let scoring = session.scoring_unit(unit);
                let lost = cell.score.is_some_and(|s| {
                    s < rust_decimal::Decimal::ZERO
                        || (scoring.kind() == crate::rubric::Kind::Standard && scoring.points.is_some_and(|p| s < p))
                });
                if lost && cell.note.trim().is_empty() {
                    without_reason.push(((d, u), name));
                }
            }
        }
        super::super::overlay::ExportSummary {
            revision: session.draft.revision + 1,
            scored,
            total: session.rubric.districts.len() * session.units.len(),
            unscored,
            evidence_missing,
            without_reason,
            lowered,
            vetoes,
            changed,
        }
    }
}
