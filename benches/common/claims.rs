//! Keys per cell where the districts' self-assessments are beside the
//! cells: a district whose every claim the analyst accepts (goal: the one
//! accept key a cell), and a walk where one cell in five is lowered and
//! given a reason taken from those offered.

use super::table::{Row, Unit};
use super::{DEPT, RUBRIC, given, workbench_args};
use kaohe::config::Dirs;
use kaohe::rubric::Kind;
use kaohe::selfcheck::{Claim, SelfCheckSet};
use kaohe::tui::stages::Overlay;
use kaohe::tui::workbench::{Workbench, parse_keys};
use rust_decimal::Decimal;

/// The reason the lowered cells take from the phrase list.
const PHRASE: &str = "印证材料不全，按细则扣分";

pub fn keystrokes(rows: &mut Vec<Row>) {
    match walk(false) {
        Ok(w) => rows.push(
            Row::new(
                "keys_per_accepted_claim",
                "keys per cell, claims accepted",
                Some(w.keys as f64 / w.cells as f64),
                Unit::Keys,
                Some(1.0),
            )
            .note(format!(
                "{RUBRIC} {DEPT}: {} cells, {} keys (a on each)",
                w.cells, w.keys
            )),
        ),
        Err(e) => rows.push(
            Row::new(
                "keys_per_accepted_claim",
                "keys per cell, claims accepted",
                None,
                Unit::Keys,
                Some(1.0),
            )
            .note(e),
        ),
    }
    match walk(true) {
        Ok(w) => rows.push(
            Row::new(
                "keys_per_claim_one_in_five_lowered",
                "keys per cell, 1 in 5 lowered with a reused reason",
                Some(w.keys as f64 / w.cells as f64),
                Unit::Keys,
                None,
            )
            .note(format!(
                "{RUBRIC} {DEPT}: {} cells, {} lowered (0<ret><tab><ret>: a score, Enter, the offered reason, Enter), {} keys",
                w.cells, w.lowered, w.keys
            )),
        ),
        Err(e) => rows.push(
            Row::new("keys_per_claim_one_in_five_lowered", "keys per cell, 1 in 5 lowered with a reused reason", None, Unit::Keys, None)
                .note(e),
        ),
    }
}

struct Walked {
    cells: usize,
    keys: usize,
    lowered: usize,
}

/// Every district's claim a figure the unit's rule gives: a standard or
/// bonus unit's points (or the rule's highest), no deduction, no veto.
fn claims() -> Result<SelfCheckSet, String> {
    let rubric = kaohe::io::rubric_files::find(RUBRIC).map_err(|e| e.to_string())?;
    let mut set = SelfCheckSet::new(&rubric);
    for district in &rubric.districts {
        let claims = set.districts.entry(district.clone()).or_default();
        for unit in kaohe::selfcheck::rows_of(&rubric) {
            let claim = match unit.kind() {
                Kind::Veto => Claim {
                    veto: Some(false),
                    ..Claim::default()
                },
                Kind::Deduction => Claim {
                    score: Some(Decimal::ZERO),
                    ..Claim::default()
                },
                _ => Claim {
                    score: Some(given(&unit, unit.points.unwrap_or_default(), rubric.precision)),
                    ..Claim::default()
                },
            };
            claims.insert(unit.key(), claim);
        }
    }
    Ok(set)
}

/// The department's walk from a fresh draft with every claim beside its
/// cell: `a` on each, or on one in five a lower score and the offered reason.
fn walk(lower: bool) -> Result<Walked, String> {
    let root = tempfile::tempdir().map_err(|e| e.to_string())?;
    let data = root.path().join("data");
    let config = root.path().join("config");
    let set = claims()?;
    kaohe::io::selfchecks::save(&kaohe::io::selfchecks::path(&data, RUBRIC), &set).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(&config).map_err(|e| e.to_string())?;
    std::fs::write(config.join("phrases.txt"), format!("{PHRASE}\n")).map_err(|e| e.to_string())?;
    let mut wb = Workbench::start(&workbench_args(DEPT), Dirs::at(&config, &data), false)?;
    let cells = {
        let s = wb.app.session().ok_or("no session")?;
        s.rubric.districts.len() * s.units.len()
    };
    let (mut keys, mut lowered) = (0, 0);
    for n in 0..cells {
        let (district, unit, lowerable) = {
            let s = wb.app.session().ok_or("no session")?;
            let u = s.current().ok_or("no current cell")?;
            let su = s.scoring_unit(u);
            let claimed = s.claim(s.district, u).and_then(|c| c.score).unwrap_or_default();
            let zero_given = kaohe::scoring::rule::check_points(&su, Decimal::ZERO, s.rubric.precision).is_ok();
            (
                s.district,
                s.unit,
                su.kind() == Kind::Standard && claimed > Decimal::ZERO && zero_given,
            )
        };
        let script = if lower && n % 5 == 4 && lowerable {
            lowered += 1;
            "0<ret><tab><ret>"
        } else {
            "a"
        };
        keys += parse_keys(script).map_err(|e| e.to_string())?.len();
        wb.feed(script).map_err(|e| e.to_string())?;
        if !matches!(wb.app.overlay(), Overlay::None) {
            return Err(format!("{script} left {:?} open", wb.app.overlay()));
        }
        let s = wb.app.session().ok_or("no session")?;
        let u = s.units.get(unit).ok_or("no unit")?;
        let cell = s.cell(district, u).cloned().unwrap_or_default();
        let claim = s.claim(district, u).cloned().unwrap_or_default();
        let ok = if script == "a" {
            (cell.score, cell.veto) == (claim.score, claim.veto)
        } else {
            cell.score == Some(Decimal::ZERO) && cell.note == PHRASE
        };
        if !ok {
            return Err(format!(
                "{script} on {} left {cell:?} (claim {claim:?}): {:?}",
                u.key, wb.app.message
            ));
        }
    }
    let _ = wb.finish();
    Ok(Walked { cells, keys, lowered })
}
