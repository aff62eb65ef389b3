//! A table's rows as the document means them (merged and blank cells
//! resolved, a cell across columns given to the item's), and each row put
//! with its item's block: a new item, or one more row of the item above.

use super::*;

/// Merged cells take the value above them; a cell spanning columns gives
/// its text to the item's column when it covers it (a veto printed across
/// 考核指标–分值), else to the last it covers; a blank area or key point
/// cell means the one above, and a blank label or department the one above
/// within the area (said, for the office to confirm).
pub(super) fn resolve(
    cells: &[Cell],
    previous: &[String],
    header: &Header,
    read: &mut Read,
    table: &str,
    r: usize,
) -> Row {
    let n = header.roles.len().max(cells.len());
    let mut row = Row {
        values: vec![String::new(); n],
        spanned: vec![false; n],
        merged: vec![false; n],
        merges_down: vec![false; n],
        inherited: Vec::new(),
    };
    let text_column = column_of(header, text_role(header));
    let mut c = 0;
    while c < cells.len() {
        let span = cells[c + 1..].iter().take_while(|cell| cell.spanned).count();
        let last = c + span;
        let target = match text_column {
            Some(t) if span > 0 && (c..=last).contains(&t) => t,
            _ => last,
        };
        let cell = &cells[c];
        row.values[target] = if cell.merged {
            previous.get(target).cloned().unwrap_or_default()
        } else {
            cell.text.trim().to_string()
        };
        row.merged[target] = cell.merged;
        for k in c..=last {
            row.spanned[k] = k != target;
        }
        c = last + 1;
    }
    let same_area = header
        .roles
        .iter()
        .position(|role| *role == Some(Role::Area))
        .is_none_or(|a| row.values[a].is_empty() || previous.get(a) == Some(&row.values[a]));
    for (c, role) in header.roles.iter().enumerate() {
        if !row.values[c].is_empty() || row.spanned[c] || row.merged[c] {
            continue;
        }
        let above = previous.get(c).cloned().unwrap_or_default();
        let inherits = match role {
            Some(Role::Area | Role::KeyPoint) => !above.is_empty(),
            Some(Role::Label | Role::Department) => same_area && !above.is_empty(),
            _ => false,
        };
        if inherits {
            let said = format!("“{}”栏为空，按上一行读作“{}”", header.column_name(c), clipped(&above));
            read.inferred.push(Finding {
                place: Some(place(table, r, c, header)),
                what: said.clone(),
            });
            row.inherited.push(format!("第{}行{said}", r + 1));
            row.values[c] = above;
        }
    }
    row
}

pub(super) fn value(header: &Header, row: &Row, role: Role) -> String {
    header
        .roles
        .iter()
        .zip(&row.values)
        .filter(|(r, v)| **r == Some(role) && !v.is_empty())
        .map(|(_, v)| v.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn column_of(header: &Header, role: Role) -> Option<usize> {
    header.roles.iter().rposition(|r| *r == Some(role))
}

pub(super) fn read_row(read: &mut Read, header: &Header, row: &Row, table: &str, r: usize) {
    let area = value(header, row, Role::Area);
    let key_point = value(header, row, Role::KeyPoint);
    let has_item_column = header.has(Role::Item);
    let text_role = text_role(header);
    let text = value(header, row, text_role);
    let criteria = if has_item_column {
        value(header, row, Role::Criteria)
    } else {
        String::new()
    };
    let text_column = column_of(header, text_role).unwrap_or(0);
    let at = |c: usize| place(table, r, c, header);
    if read.areas.last().is_none_or(|a| a.written != area) && !area.is_empty() {
        let (name, stated) = words::name_and_total(&area);
        read.areas.push(AreaRead {
            written: area.clone(),
            name,
            stated,
            key_points: Vec::new(),
            source: at(column_of(header, Role::Area).unwrap_or(0)),
        });
    }
    let Some(current_area) = read.areas.last_mut() else {
        if !text.is_empty() {
            read.unreadable.push(Finding {
                place: Some(at(text_column)),
                what: "此行之前没有考核领域，未读取".into(),
            });
        }
        return;
    };
    let written_kp = if key_point.is_empty() {
        current_area.written.clone()
    } else {
        key_point.clone()
    };
    if current_area.key_points.last().is_none_or(|k| k.written != written_kp) {
        let (name, stated) = words::name_and_total(&written_kp);
        current_area.key_points.push(KeyPointRead {
            written: written_kp,
            name,
            stated,
            note: None,
            confirm: Vec::new(),
            blocks: Vec::new(),
            items: Vec::new(),
            source: at(column_of(header, Role::KeyPoint).unwrap_or(0)),
        });
    }
    if text.is_empty() && criteria.is_empty() {
        stray(read, header, row, table, r, text_column);
        return;
    }
    let Some(kp) = current_area.key_points.last_mut() else {
        return;
    };
    let block_row = block_row(header, row, r, &text, &criteria);
    // The item's cell merged down, or left blank beside new criteria: the
    // row goes on with the item above.
    let merged = has_item_column && row.merged[text_column];
    let blank = has_item_column && text.is_empty() && !criteria.is_empty();
    if (merged || blank)
        && let Some(block) = kp.blocks.last_mut()
        && block.table == table
    {
        if blank {
            read.inferred.push(Finding {
                place: Some(at(text_column)),
                what: format!(
                    "“{}”栏为空：本行的评分标准读作上一项“{}”的续行",
                    header.column_name(text_column),
                    clipped(&block.first().text)
                ),
            });
        }
        let mut block_row = block_row;
        block_row.text = block.first().text.clone();
        block.rows.push(block_row);
        return;
    }
    let context = format!("{} {} {}", area, key_point, block_row.label);
    kp.blocks.push(Block {
        table: table.to_string(),
        header: header.clone(),
        context,
        rows: vec![block_row],
    });
}

/// One row's cells for its item's block.
pub(super) fn block_row(header: &Header, row: &Row, r: usize, text: &str, criteria: &str) -> BlockRow {
    let points_column = column_of(header, Role::Points);
    let points = value(header, row, Role::Points);
    let points_continues = points_column.is_some_and(|c| row.merged[c]);
    BlockRow {
        r,
        label: value(header, row, Role::Label),
        text: text.to_string(),
        criteria: criteria.to_string(),
        points: if points_continues { String::new() } else { points },
        points_continues,
        points_merges_down: points_column.is_some_and(|c| row.merges_down[c]),
        department: value(header, row, Role::Department),
        evidence: value(header, row, Role::Evidence),
        kept: header
            .roles
            .iter()
            .enumerate()
            .filter(|(c, role)| **role == Some(Role::Kept) && !row.values[*c].is_empty())
            .map(|(c, _)| (header.column_name(c).to_string(), row.values[c].clone()))
            .collect(),
        inherited: row.inherited.clone(),
    }
}

/// A row with words but none where the item's text goes: its cells have
/// slid (a column lost on the way), and guessing would invent.
pub(super) fn stray(read: &mut Read, header: &Header, row: &Row, table: &str, r: usize, text_column: usize) {
    let stray = header.roles.iter().zip(&row.values).enumerate().find(|(c, (role, v))| {
        !v.is_empty()
            && !row.merged[*c]
            && !matches!(
                role,
                Some(Role::Area | Role::KeyPoint | Role::Label | Role::Department | Role::Ignored)
            )
    });
    let beyond = row
        .values
        .iter()
        .enumerate()
        .skip(header.roles.len())
        .find(|(_, v)| !v.is_empty());
    let stray = stray.map(|(c, (_, v))| (c, v)).or(beyond);
    if let Some((c, v)) = stray {
        read.unreadable.push(Finding {
            place: Some(place(table, r, c, header)),
            what: format!(
                "此行的“{}”栏为空，这一栏却有“{}”：栏目可能错位，此行未读取",
                header.column_name(text_column),
                clipped(v)
            ),
        });
    }
}
