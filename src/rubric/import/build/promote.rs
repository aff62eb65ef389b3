//! Groups of numbered indicators read as key points (惠州's 质量措施): the
//! group the key point, each row an item, the level above their note.

use super::items::department_notes;
use super::*;

/// A key point whose items are groups (a 考核要点 cell merged over rows
/// that are each a numbered indicator with its own `（N分）`, as 惠州's
/// 质量措施 prints them): each group is the key point, each row an item; the
/// level the table put above the groups is their note.
pub(super) fn promoted(kp: KeyPointRead, read: &mut Read) -> Vec<KeyPointRead> {
    let above = match kp.stated {
        Some(p) => format!("{}（{}分）", kp.name, shown(p)),
        None => kp.name.clone(),
    };
    let sum: Decimal = kp.items.iter().filter_map(|i| i.points).sum();
    if let Some(stated) = kp.stated
        && stated != sum
    {
        read.differences.push(Finding {
            place: Some(kp.source.clone()),
            what: format!("“{}”写明{}分，其下各组合计{}分", kp.name, shown(stated), shown(sum)),
        });
    }
    kp.items
        .into_iter()
        .map(|group| {
            if group.subs.is_empty() {
                // A group of one indicator: the row is the item.
                let name = group.text.clone();
                let item = ItemRead {
                    text: group.criteria.clone().unwrap_or_default(),
                    label: None,
                    ..group
                };
                return KeyPointRead {
                    written: name.clone(),
                    name: words::name_and_total(&name).0,
                    stated: item.points,
                    note: Some(format!("考核指标：{above}")),
                    confirm: vec![format!(
                        "“{}”只有一行，与同一考核指标下的各组一样读作考核要点，其下一项；上一级“{above}”写入 note",
                        clipped(&name)
                    )],
                    blocks: Vec::new(),
                    source: Place {
                        table: item.source.table.clone(),
                        row: item.source.first_row,
                        column: kp.source.column,
                        heading: kp.source.heading.clone(),
                    },
                    items: vec![item],
                };
            }
            let items = group
                .subs
                .iter()
                .map(|sub| {
                    let (row, cell) = sub.row.clone().unwrap_or((group.source.first_row, String::new()));
                    let mut item = ItemRead {
                        text: sub.text.clone(),
                        points: Some(sub.points),
                        criteria: Some(sub.text.clone()),
                        evidence: group.evidence,
                        evidence_text: group.evidence_text.clone(),
                        note: group.note.clone(),
                        source: Source {
                            table: group.source.table.clone(),
                            first_row: row,
                            last_row: row,
                        },
                        ..ItemRead::default()
                    };
                    let own_row = format!("第{row}行");
                    item.confirm
                        .extend(group.confirm.iter().filter(|m| m.starts_with(&own_row)).cloned());
                    let resp = departments::read(&cell);
                    department_notes(&mut item, &cell, &resp);
                    item.departments = resp.departments.clone();
                    if resp.is_interpreted() {
                        item.departments_text = Some(cell.clone());
                    }
                    if item.departments.is_empty() {
                        item.confirm
                            .push("原表没有写出能评分的负责部门：请在 departments 中填写".into());
                    }
                    item
                })
                .collect();
            KeyPointRead {
                written: group.text.clone(),
                name: words::name_and_total(&group.text).0,
                stated: group.points,
                note: Some(format!("考核指标：{above}")),
                confirm: vec![format!(
                    "“{}”合并于 {} 行，每行是编号的一项、有自己的“（N分）”：读作考核要点（分值{}为其合计），各行为其下的项；上一级“{above}”写入 note",
                    clipped(&group.text),
                    group.subs.len(),
                    group.points.map(shown).unwrap_or_default()
                )],
                blocks: Vec::new(),
                items,
                source: Place {
                    table: group.source.table.clone(),
                    row: group.source.first_row,
                    column: kp.source.column,
                    heading: kp.source.heading.clone(),
                },
            }
        })
        .collect()
}
