//! Checking a sheet's rows against the rubric, each with the one cell rule
//! the workbench uses, and writing them into the draft only if all are good.

use super::{ImportSummary, Row, RowError};
use crate::lang::Lang;
use crate::rubric::units::UnitIndex;
use crate::rubric::{Kind, Rubric, ScoringUnit};
use crate::scoring::bounds::{self, ReadScoreError};
use crate::scoring::draft::{Draft, HelperInput, unit_key};
use std::collections::HashMap;

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Check every row against the rubric and, only if all are good, write
/// them into the draft.
pub fn import_rows(
    rubric: &Rubric,
    department: &str,
    rows: &[Row],
    draft: &mut Draft,
    lang: Lang,
) -> Result<ImportSummary, Vec<RowError>> {
    let index = UnitIndex::new(rubric);
    let units = index.units();
    let mut errors = Vec::new();
    let mut seen: HashMap<(String, usize), usize> = HashMap::new();
    let mut accepted = Vec::new();
    let mut blank = 0;
    for row in rows {
        // A row with neither score nor note says nothing: a template's cell
        // not filled in yet. It is skipped, not refused.
        if row.score.trim().is_empty()
            && row.note.trim().is_empty()
            && row.events.trim().is_empty()
            && row.score_not_text.is_none()
            && row.unsaved.is_none()
        {
            blank += 1;
            continue;
        }
        let fail = |column: &'static str, value: &str, reason: String| RowError {
            line: row.line,
            column,
            value: value.trim().to_string(),
            reason,
        };
        if let Some((column, formula)) = &row.unsaved {
            errors.push(fail(column, "", unsaved_formula(lang, formula)));
            continue;
        }
        let district = row.district.trim();
        let district_ok = match check_district(lang, rubric, district) {
            Ok(()) => true,
            Err(reason) => {
                errors.push(fail("district", district, reason));
                false
            }
        };
        let unit = match resolve_unit(lang, rubric, department, &index, row.item.trim()) {
            Ok(u) => Some(u),
            Err(reason) => {
                errors.push(fail("item", &row.item, reason));
                None
            }
        };
        let Some(u) = unit else { continue };
        let unit = &units[u];
        let value = match read_value(lang, unit, rubric.precision, row) {
            Ok(v) => v,
            Err((column, reason)) => {
                let value = if column == "events" { &row.events } else { &row.score };
                errors.push(fail(column, value, reason));
                continue;
            }
        };
        if !district_ok {
            continue;
        }
        // A veto that applies keeps its reason: clearing the note alone
        // would leave a veto no one can explain.
        if super::clears(&row.note) && matches!(value, Value::NoteOnly) {
            let vetoed = draft
                .cell(district, &unit_name(unit))
                .is_some_and(|c| c.veto == Some(true));
            if vetoed {
                errors.push(fail(
                    "note",
                    &row.note,
                    lang.say(
                        "此格已判定否决，否决须写明理由：不能只清除备注（要撤销否决，请在得分栏写 否 或 清除）",
                        "this cell's veto applies, and a veto needs its reason: the note cannot be cleared alone (to withdraw the veto, write 否 or clear in the score column)",
                    ),
                ));
                continue;
            }
        }
        if let Some(first) = seen.insert((district.to_string(), u), row.line) {
            errors.push(fail(
                "item",
                &row.item,
                lang.say(
                    format!("{district} / {} 已在第 {first} 行；两行只留一行", unit_name(unit)),
                    format!(
                        "{district} / {} is already in row {first}; keep one of the two rows",
                        unit_name(unit)
                    ),
                ),
            ));
            continue;
        }
        accepted.push((
            district.to_string(),
            unit_name(unit),
            value,
            row.note.trim().to_string(),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut summary = write_rows(draft, accepted, rows.len() - blank);
    summary.blank = blank;
    Ok(summary)
}

/// A district of the rubric, as a row names it.
fn check_district(lang: Lang, rubric: &Rubric, district: &str) -> Result<(), String> {
    let zh = lang == Lang::Zh;
    if rubric.districts.iter().any(|d| d == district) {
        Ok(())
    } else if district.is_empty() {
        Err(if zh {
            "空白；请写评分细则中的一个地区"
        } else {
            "empty; write one of the rubric's districts"
        }
        .to_string())
    } else if zh {
        Err(format!(
            "不是 {} 的地区；它的地区有：{}",
            rubric.id,
            rubric.districts.join("、")
        ))
    } else {
        Err(format!(
            "not a district of {}; its districts: {}",
            rubric.id,
            rubric.districts.join("、")
        ))
    }
}

/// Write checked rows into the draft, counting what they changed.
fn write_rows(draft: &mut Draft, accepted: Vec<(String, String, Value, String)>, rows: usize) -> ImportSummary {
    let mut summary = ImportSummary {
        rows,
        ..ImportSummary::default()
    };
    for (district, key, value, note) in accepted {
        let old = draft.cell(&district, &key).cloned().unwrap_or_default();
        let mut cell = old.clone();
        match value {
            Value::Score(s, None) => {
                summary.scores += 1;
                if cell.score != Some(s) {
                    cell.score = Some(s);
                    // The helper's inputs explained the old score, not this one.
                    cell.input = None;
                }
            }
            Value::Score(s, Some(input)) => {
                summary.scores += 1;
                cell.score = Some(s);
                cell.input = Some(input);
            }
            Value::Veto(v) => {
                summary.scores += 1;
                cell.veto = Some(v);
            }
            Value::NoteOnly => {}
            Value::Clear => {
                summary.scores_cleared += 1;
                cell.score = None;
                cell.veto = None;
                cell.input = None;
            }
        }
        if super::clears(&note) {
            summary.notes_cleared += 1;
            cell.note.clear();
        } else if !note.is_empty() {
            summary.notes += 1;
            cell.note = note;
        }
        if cell == old {
            summary.unchanged += 1;
        } else {
            summary.changed += 1;
            draft.set_cell(&district, &key, cell);
        }
    }
    summary
}

fn unit_name(unit: &ScoringUnit<'_>) -> String {
    unit_key(&unit.item.id, unit.sub.map(|s| s.id.as_str()))
}

/// The scoring unit a row means: a unit key (`1.1.3`, `2.1.2#3`), an item
/// id whose one part the department scores, or the item's exact text.
fn resolve_unit(
    lang: Lang,
    rubric: &Rubric,
    department: &str,
    index: &UnitIndex<'_>,
    item: &str,
) -> Result<usize, String> {
    let zh = lang == Lang::Zh;
    let units = index.units();
    if item.is_empty() {
        return Err(if zh {
            "空白；请写项目编号（如 1.1.3）或项目原文"
        } else {
            "empty; write the item's id (such as 1.1.3) or its text"
        }
        .into());
    }
    let candidates: Vec<usize> = if let Some(u) = index.find_key(item) {
        // A joint veto or deduction has one unit per reporting department.
        let same = index.all(&units[u].item.id, units[u].sub.map(|s| s.id.as_str())).len();
        (u..u + same).collect()
    } else {
        let wanted = squeeze(item);
        let ids: Vec<&str> = rubric
            .items
            .iter()
            .filter(|it| it.id == item || squeeze(&it.text) == wanted)
            .map(|it| it.id.as_str())
            .collect();
        units
            .iter()
            .enumerate()
            .filter(|(_, u)| ids.contains(&u.item.id.as_str()))
            .map(|(i, _)| i)
            .collect()
    };
    if candidates.is_empty() {
        return Err(if zh {
            format!(
                "{} 中没有这个编号或原文的项目；请用 kaohe rubric show {} --dept {department} 列出的编号",
                rubric.id, rubric.id
            )
        } else {
            format!(
                "no item of {} has this id or text; use the id that `kaohe rubric show {} --dept {department}` lists",
                rubric.id, rubric.id
            )
        });
    }
    let mine: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&u| units[u].department == department)
        .collect();
    match mine.as_slice() {
        [one] => Ok(*one),
        [] => {
            let mut owners: Vec<&str> = candidates.iter().map(|&u| units[u].department).collect();
            owners.dedup();
            let named = if candidates.len() == 1 {
                unit_name(&units[candidates[0]])
            } else {
                units[candidates[0]].item.id.clone()
            };
            Err(if zh {
                format!("{named} 由 {} 评分，不归 {department}；请留给他们", owners.join("、"))
            } else {
                format!(
                    "{named} is scored by {}, not by {department}; leave it to them",
                    owners.join("、")
                )
            })
        }
        many => {
            let parts = many.iter().map(|&u| unit_name(&units[u])).collect::<Vec<_>>();
            Err(if zh {
                format!("{department} 评此项的几个部分；请写明是哪一部分：{}", parts.join("、"))
            } else {
                format!(
                    "{department} scores several parts of this item; name one: {}",
                    parts.join(", ")
                )
            })
        }
    }
}

enum Value {
    /// A score, and the events it counts where the sheet lists them.
    Score(rust_decimal::Decimal, Option<HelperInput>),
    Veto(bool),
    NoteOnly,
    /// `清除`: the cell's score or veto answer, and the helper's inputs, go.
    Clear,
}

/// A number with more places than the rubric scores to that lies within
/// 1e-9 of one that has them is a float's artifact (a sheet that computed
/// 0.1 + 0.2): read as that number. Any other number is left as written,
/// to be refused if it breaks the rubric's precision.
fn settle_float(text: &str, precision: u32) -> String {
    use rust_decimal::Decimal;
    let Ok(value) = text.parse::<Decimal>() else {
        return text.to_string();
    };
    if value.scale() <= precision {
        return text.to_string();
    }
    let rounded = value.round_dp(precision);
    if (value - rounded).abs() <= Decimal::new(1, 9) {
        rounded.normalize().to_string()
    } else {
        text.to_string()
    }
}

/// Why a formula cell with no value is refused, and how to give it one.
fn unsaved_formula(lang: Lang, formula: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "此格是公式，但没有保存计算结果（{formula}）；请在 Excel 或 WPS 中打开表格并保存一次，或直接填入数值"
        ),
        Lang::En => format!(
            "the cell is a formula with no value saved ({formula}); open the sheet in Excel or WPS and save it, so that the value is stored, or type the value"
        ),
    }
}

/// What a row gives its cell, or the column at fault and why.
fn read_value(lang: Lang, unit: &ScoringUnit<'_>, precision: u32, row: &Row) -> Result<Value, (&'static str, String)> {
    if !row.events.trim().is_empty() {
        return read_events(lang, unit, precision, row);
    }
    read_score_column(lang, unit, precision, row).map_err(|reason| ("score", reason))
}

/// A per-event unit's 事件 cell: its events read as the workbench's entry
/// reads them, the score they give (the score column, if filled, must be
/// that score), and the cell checked by the one rule.
fn read_events(lang: Lang, unit: &ScoringUnit<'_>, precision: u32, row: &Row) -> Result<Value, (&'static str, String)> {
    use crate::scoring::events;
    let Some(crate::rubric::Helper::PerEvent { events: kinds, .. }) = unit.helper() else {
        return Err((
            "events",
            lang.say(
                "此项不按件计分，事件列请留空",
                "this item does not count events; leave the events column empty",
            ),
        ));
    };
    let described = events::parse(&row.events, kinds.len());
    let input = HelperInput::PerEvent {
        counts: events::tally(&described, kinds.len()),
        events: described,
    };
    let score = crate::scoring::helpers::helper_score(unit, &input, precision)
        .map_err(|e| ("events", crate::scoring::rule::Refusal::Inputs(e).words(lang)))?;
    // A score written beside the events must be the one they give.
    let written = crate::scoring::entry::normalize(row.score.trim());
    let typed = match written.as_str() {
        "" => None,
        text => Some(
            bounds::typed_points(&settle_float(text, precision), unit).ok_or_else(|| {
                (
                    "score",
                    lang.say(
                        "不是数字；请写成 4.5 这样的小数",
                        "not a number; write a decimal such as 4.5",
                    ),
                )
            })?,
        ),
    };
    let held = crate::scoring::rule::Held {
        score: Some(typed.unwrap_or(score)),
        veto: None,
        input: Some(&input),
        note: &row.note,
    };
    crate::scoring::rule::check(unit, held, precision).map_err(|e| ("score", e.words(lang)))?;
    Ok(Value::Score(score, Some(input)))
}

fn read_score_column(lang: Lang, unit: &ScoringUnit<'_>, precision: u32, row: &Row) -> Result<Value, String> {
    let zh = lang == Lang::Zh;
    if let Some(what) = &row.score_not_text {
        return Err(if zh {
            format!("此格是 {what}，不是分数；请把分数写成数字")
        } else {
            format!("the cell holds {what}, not a score; type the score as a number")
        });
    }
    // Full-width digits (１.５) as an input method types them, and a float
    // a sheet computed (0.30000000000000004) as the score it stands for.
    if super::clears(&row.score) {
        return Ok(Value::Clear);
    }
    let typed = crate::scoring::entry::normalize(row.score.trim());
    let text = settle_float(&typed, precision);
    // A note that clears is no reason: the rule sees none.
    let note = if super::clears(&row.note) {
        ""
    } else {
        row.note.as_str()
    };
    let text = text.as_str();
    if text.is_empty() {
        return if row.note.trim().is_empty() {
            Err(if zh {
                "空白，这一行也没有备注；请填分数，或删去这一行"
            } else {
                "empty, and the row has no note either; give a score or remove the row"
            }
            .into())
        } else {
            Ok(Value::NoteOnly)
        };
    }
    if unit.item.kind == Kind::Veto {
        let applies = crate::scoring::rule::yes_no(text).ok_or_else(|| {
            if zh {
                "否决项只填 是 或 否（1 或 0）"
            } else {
                "a veto item takes 是 or 否 (yes or no, 1 or 0)"
            }
            .to_string()
        })?;
        let held = crate::scoring::rule::Held {
            score: None,
            veto: Some(applies),
            input: None,
            note,
        };
        crate::scoring::rule::check(unit, held, precision).map_err(|e| e.words(lang))?;
        return Ok(Value::Veto(applies));
    }
    bounds::read_score(text, unit, precision)
        .map(|s| Value::Score(s, None))
        .map_err(|e| match e {
            ReadScoreError::NotANumber if zh => "不是数字；请写成 4.5 这样的小数".to_string(),
            ReadScoreError::NotANumber => "not a number; write a decimal such as 4.5".to_string(),
            ReadScoreError::Rule(refusal) => refusal.words(lang),
        })
}
