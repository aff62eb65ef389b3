//! An item's parts: its rows when each states its points, or its numbered
//! criteria lines when they add up to the item's, each with the departments
//! the cell gives its number or its row.

use super::*;

/// The criteria as printed (each row's, in order), and the item's parts:
/// its rows when each states its points, else its numbered criteria lines
/// when each does and they add up to the item's points. A part takes the
/// departments the cell gives its number, or its row's.
pub(super) fn criteria_and_parts(item: &mut ItemRead, block: &Block, responsibilities: &[Responsibility], kind: Kind) {
    let criteria: Vec<(&str, usize)> = block
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.criteria.is_empty())
        .map(|(i, r)| (r.criteria.as_str(), i))
        .collect();
    if !criteria.is_empty() {
        item.criteria = Some(criteria.iter().map(|(c, _)| *c).collect::<Vec<_>>().join("\n"));
    }
    let rows_differ = responsibilities
        .windows(2)
        .any(|w| w[0].departments != w[1].departments);
    let per_part = responsibilities.iter().find(|r| !r.parts.is_empty());
    if kind != Kind::Standard || !item.subs.is_empty() {
        return;
    }
    // Several rows, each with its own figure: each row is a part.
    if block.rows.len() > 1 && block.rows.iter().all(|r| block.priced(r).is_some()) {
        rows_as_parts(item, block, responsibilities, rows_differ);
        return;
    }
    let Some(parts) = numbered_parts(&criteria).filter(|p| p.len() >= 2) else {
        unsplit(item, per_part, rows_differ);
        return;
    };
    let points: Vec<Option<Decimal>> = parts
        .iter()
        .map(|(_, p, _)| {
            words::priced_sum(p)
                .map(|(sum, _)| sum)
                .or_else(|| words::earned_points(p))
        })
        .collect();
    let sum: Decimal = points.iter().flatten().copied().sum();
    if points.iter().any(Option::is_none) || Some(sum) != item.points {
        if points.iter().all(Option::is_some) {
            item.confirm.push(format!(
                "评分标准各条分值合计{}，与本项分值{}不符：按评分标准原文保留，未拆分",
                shown(sum),
                item.points.map(shown).unwrap_or_default()
            ));
        }
        unsplit(item, per_part, rows_differ);
        return;
    }
    if let Some(resp) = per_part {
        let unnamed: Vec<String> = parts
            .iter()
            .filter(|(n, ..)| resp.of_part(*n).is_none_or(<[String]>::is_empty))
            .map(|(n, ..)| n.to_string())
            .collect();
        if !unnamed.is_empty() {
            item.confirm.push(format!(
                "第{}部分没有写出能评分的部门（原文：“{}”）：暂由本项第一个部门“{}”评分，请确认或改正",
                unnamed.join("、"),
                clipped(&block.first().department),
                item.departments.first().map_or("", String::as_str)
            ));
        }
    }
    let fallback: Vec<String> = item.departments.first().cloned().into_iter().collect();
    item.confirm.push(format!(
        "评分标准的 {} 条各有分值，合计{}与本项分值相符：各条读作本项的部分{}",
        parts.len(),
        shown(sum),
        if rows_differ && per_part.is_none() {
            format!("；本项跨 {} 行，各部分由所在行的部门评分", block.rows.len())
        } else {
            String::new()
        }
    ));
    item.subs = parts
        .into_iter()
        .zip(points.into_iter().flatten())
        .map(|((n, text, row), points)| {
            let departments = match (per_part, per_part.and_then(|r| r.of_part(n))) {
                (_, Some(named)) if !named.is_empty() => named.to_vec(),
                (Some(_), _) => fallback.clone(),
                (None, _) if rows_differ => responsibilities[row].departments.clone(),
                (None, _) => Vec::new(),
            };
            SubRead {
                text,
                points,
                departments,
                row: None,
            }
        })
        .collect();
}

/// The criteria's numbered lines (a line without a number goes on with the
/// one above), each with its number and the row it came from; None when
/// they do not start with a number.
pub(super) fn numbered_parts(criteria: &[(&str, usize)]) -> Option<Vec<(u32, String, usize)>> {
    let mut parts: Vec<(u32, String, usize)> = Vec::new();
    for (text, row) in criteria {
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match (words::numbered(line), parts.last_mut()) {
                (Some((n, rest)), _) => parts.push((n, rest.to_string(), *row)),
                (None, Some(last)) => {
                    last.1.push('\n');
                    last.1.push_str(line);
                }
                (None, None) => return None,
            }
        }
    }
    Some(parts)
}

/// Each row of the block a part, with its own figure and department.
pub(super) fn rows_as_parts(
    item: &mut ItemRead,
    block: &Block,
    responsibilities: &[Responsibility],
    rows_differ: bool,
) {
    item.subs = block
        .rows
        .iter()
        .zip(responsibilities)
        .map(|(row, resp)| SubRead {
            text: if row.criteria.is_empty() {
                row.text.clone()
            } else {
                row.criteria.clone()
            },
            points: block.priced(row).map_or(Decimal::ZERO, |(p, _)| p),
            departments: if rows_differ {
                resp.departments.clone()
            } else {
                Vec::new()
            },
            row: Some((row.r + 1, row.department.clone())),
        })
        .collect();
    item.rows_are_indicators = block
        .rows
        .iter()
        .all(|r| words::numbered(r.criteria.lines().next().unwrap_or_default()).is_some());
    item.confirm.push(format!(
        "本项跨 {} 行，每行有自己的“（N分）”：各行读作本项的部分",
        block.rows.len()
    ));
}

/// The criteria stay whole though the departments are given part by part
/// (or row by row): who scores which part is for the office to say.
pub(super) fn unsplit(item: &mut ItemRead, per_part: Option<&Responsibility>, rows_differ: bool) {
    if per_part.is_some() || rows_differ {
        item.confirm
            .push("负责部门按条（或按行）分工，但评分标准未能逐条拆分：本项由所列第一个部门评分，请核对".into());
    }
}
