//! The items of a key point: how each block's points are given (its own
//! 分值 cell, its share of a group's total, its text), and one item from its
//! block: kind, departments, gaps and evidence.

use super::parts::{criteria_and_parts, numbered_parts};
use super::points::{bonus, deduction, standard};
use super::*;

/// How a block's points are given.
pub(super) enum Given {
    /// Its own 分值 cell.
    Cell(PointsCell, String),
    /// Its share of a group's total: the total and the group's size.
    Group(Decimal, usize, String),
    /// A cell merged over items that each take its figure (N × the figure
    /// is the key point's stated total).
    Shared(Decimal, usize, String),
    /// No 分值 cell (or a blank one): the text says them.
    Text,
}

/// The items of one key point. A 分值 cell with a figure followed by items
/// whose cells are merged into it (or blank, when they state their own
/// `（N分）`) is their group's total: each takes its own figure.
pub(super) fn items_of(blocks: &[Block], stated: Option<Decimal>, read: &mut Read) -> Vec<ItemRead> {
    let mut given: Vec<Given> = Vec::with_capacity(blocks.len());
    let mut b = 0;
    while b < blocks.len() {
        let block = &blocks[b];
        let first = block.first();
        if first.points.is_empty() {
            given.push(Given::Text);
            b += 1;
            continue;
        }
        let cell = words::points_cell(&first.points);
        let run = blocks[b + 1..]
            .iter()
            .take_while(|next| next.first().points.is_empty())
            .count();
        let merged_on = blocks[b + 1..]
            .iter()
            .take(run)
            .take_while(|next| next.first().points_continues)
            .count();
        let is_group = match &cell {
            PointsCell::Figure(total) if run > 0 => {
                let members = &blocks[b..=b + run];
                let all_priced: Option<Decimal> = members.iter().map(|m| m.own_priced().map(|(p, _)| p)).sum();
                merged_on > 0
                    || first.points_merges_down
                    || all_priced == Some(*total)
                    || block.own_priced().is_some_and(|(p, _)| p != *total)
            }
            _ => false,
        };
        if let (true, PointsCell::Figure(total)) = (is_group, &cell) {
            let size = if merged_on > 0 { merged_on + 1 } else { run + 1 };
            // One figure merged over items that state none of their own,
            // as many times as the key point's stated total holds it: the
            // same points for each, merged because they are the same.
            let unpriced = blocks[b..b + size].iter().all(|m| m.own_priced().is_none());
            let each = unpriced && stated == Some(*total * Decimal::from(size));
            for _ in 0..size {
                given.push(if each {
                    Given::Shared(*total, size, first.points.clone())
                } else {
                    Given::Group(*total, size, first.points.clone())
                });
            }
            b += size;
        } else {
            given.push(Given::Cell(cell, first.points.clone()));
            b += 1;
        }
    }
    let mut items = Vec::new();
    let mut group_sum: Option<(Decimal, Decimal, usize, Place)> = None;
    for (block, given) in blocks.iter().zip(given) {
        if let Given::Group(total, size, _) = &given {
            let (_, sum, seen, _) = group_sum.get_or_insert_with(|| {
                (
                    *total,
                    Decimal::ZERO,
                    0,
                    block.place(block.first().r, block.column(Role::Points)),
                )
            });
            *sum += block.own_priced().map_or(Decimal::ZERO, |(p, _)| p);
            *seen += 1;
            if *seen == *size
                && let Some((total, sum, _, at)) = group_sum.take()
                && total != sum
            {
                read.differences.push(Finding {
                    place: Some(at),
                    what: format!(
                        "分值栏“{}”是 {size} 项的合计，各项文中“（N分）”之和却是 {}",
                        shown(total),
                        shown(sum)
                    ),
                });
            }
        }
        match item_of(block, &given, read) {
            Ok(item) => items.push(item),
            Err(finding) => read.unreadable.push(finding),
        }
    }
    items
}

/// One item from its block: kind, points, parts and departments.
pub(super) fn item_of(block: &Block, given: &Given, read: &mut Read) -> Result<ItemRead, Finding> {
    let first = block.first();
    let text_column = block.text_column();
    let points_column = block.column(Role::Points);
    let mut item = ItemRead {
        label: (!first.label.is_empty()).then(|| first.label.clone()),
        text: first.text.clone(),
        source: block.source(),
        ..ItemRead::default()
    };
    for said in block.rows.iter().flat_map(|r| &r.inherited) {
        item.confirm.push(said.clone());
    }
    let responsibilities = departments_of(&mut item, block);
    let all_text = block
        .rows
        .iter()
        .map(|r| format!("{}\n{}", r.text, r.criteria))
        .collect::<Vec<_>>()
        .join("\n");
    let cell = match given {
        Given::Cell(cell, _) => Some(cell),
        _ => None,
    };
    let kind = kind_of(&block.context, &first.text, cell);
    if kind != Kind::Standard {
        item.kind = Some(kind);
        let why = match cell {
            Some(PointsCell::Veto | PointsCell::Deduction { .. } | PointsCell::Bonus { .. }) => {
                format!("分值栏“{}”", first.points)
            }
            _ if block.context.contains(kind.document_word()) => format!("“{}”", kind.document_word()),
            _ => "本项文字".to_string(),
        };
        item.confirm.push(format!("类别按{why}读作{}", kind.document_word()));
    }
    if kind == Kind::Veto && read.veto_effect.is_none() {
        read.veto_effect = words::veto_effect(&format!("{} {all_text}", block.context));
    }
    item.points = match kind {
        Kind::Veto => None,
        Kind::Deduction => deduction(&mut item, block, cell, &all_text),
        Kind::Bonus => bonus(&mut item, cell, &all_text),
        Kind::Standard => standard(&mut item, block, given)?,
    };
    if kind != Kind::Veto && item.points.is_none() && item.per_event.is_none() {
        let group = matches!(given, Given::Group(..));
        return Err(Finding {
            place: Some(block.place(
                first.r,
                if block.header.has(Role::Points) {
                    points_column
                } else {
                    text_column
                },
            )),
            what: if group {
                "分值栏是数项合并的一组合计，文字中也没有本项自己的“（N分）”，此项未读取".into()
            } else if let Some(PointsCell::Words) = cell {
                format!(
                    "分值“{}”不是分数，文字中也没有本项的“（N分）”，此项未读取",
                    first.points
                )
            } else {
                "没有分值（分值栏为空，文字中也没有“（N分）”），此项未读取".into()
            },
        });
    }
    criteria_and_parts(&mut item, block, &responsibilities, kind);
    item.single_indicator = kind == Kind::Standard
        && block.rows.len() == 1
        && block.header.has(Role::Item)
        && item.subs.is_empty()
        && item.criteria.as_deref().is_some_and(|c| {
            numbered_parts(&[(c, 0)]).is_some_and(|p| p.len() == 1)
                && words::priced_sum(c).map(|(s, _)| s) == item.points
        });
    gaps(&mut item, block, read);
    evidence(&mut item, &first.evidence);
    let kept: Vec<String> = block
        .rows
        .iter()
        .flat_map(|r| &r.kept)
        .map(|(heading, text)| format!("{heading}：{text}"))
        .collect();
    if !kept.is_empty() {
        item.note = Some(kept.join("\n"));
    }
    let empty_subs = !item.subs.is_empty() && item.subs.iter().all(|s| s.departments.is_empty());
    if item.departments.is_empty() && (item.subs.is_empty() || empty_subs) {
        item.confirm
            .push("原表没有写出能评分的负责部门：请在 departments 中填写".into());
    }
    Ok(item)
}

/// The table's own gaps, kept as it has them and said: an empty item or
/// criteria cell.
pub(super) fn gaps(item: &mut ItemRead, block: &Block, read: &mut Read) {
    let first = block.first();
    let text_column = block.text_column();
    if block.header.has(Role::Item) && item.text.is_empty() {
        let heading = block.header.column_name(text_column).to_string();
        item.discrepancy = Some(format!("原表此项的“{heading}”栏为空"));
        read.inferred.push(Finding {
            place: Some(block.place(first.r, text_column)),
            what: format!("“{heading}”栏为空：照原表留空，并以 discrepancy 注明"),
        });
    }
    if block.header.has(Role::Item) && block.header.has(Role::Criteria) && item.criteria.is_none() {
        let gap = "原表此项的评分标准栏为空";
        item.discrepancy = Some(
            item.discrepancy
                .take()
                .map_or(gap.to_string(), |d| format!("{d}；{gap}")),
        );
        read.inferred.push(Finding {
            place: Some(block.place(first.r, block.column(Role::Criteria))),
            what: "评分标准栏为空：照原表留空，并以 discrepancy 注明".into(),
        });
    }
}

/// The item's departments, row by row (an item over several rows can name
/// one per row), and the cells' words where they say more than a list.
pub(super) fn departments_of(item: &mut ItemRead, block: &Block) -> Vec<Responsibility> {
    let responsibilities: Vec<Responsibility> = block.rows.iter().map(|r| departments::read(&r.department)).collect();
    for (row, resp) in block.rows.iter().zip(&responsibilities) {
        department_notes(item, &row.department, resp);
        for d in &resp.departments {
            if !item.departments.contains(d) {
                item.departments.push(d.clone());
            }
        }
    }
    let cells: Vec<&str> = block
        .rows
        .iter()
        .map(|r| r.department.as_str())
        .filter(|d| !d.is_empty())
        .collect();
    let mut distinct = cells.clone();
    distinct.dedup();
    if responsibilities.iter().any(Responsibility::is_interpreted) || distinct.len() > 1 {
        item.departments_text = Some(distinct.join("\n"));
    }
    responsibilities
}

pub(super) fn department_notes(item: &mut ItemRead, cell: &str, resp: &Responsibility) {
    if !resp.normalised.is_empty() {
        let read: Vec<&str> = resp.normalised.iter().map(|(_, r)| r.as_str()).collect();
        item.confirm.push(format!(
            "负责部门按同一栏的“…部门”读作 {}（原文：“{}”）",
            read.join("、"),
            clipped(cell)
        ));
    }
    for (words, what) in &resp.set_aside {
        let said = format!("“{words}”{}，未列为部门", what.words());
        if !item.confirm.contains(&said) {
            item.confirm.push(said);
        }
    }
    if resp.roles {
        item.confirm.push(format!(
            "负责部门按“牵头”“配合”排序，牵头在前（原文：“{}”）",
            clipped(cell)
        ));
    }
    if !resp.parts.is_empty() {
        item.confirm.push(format!(
            "负责部门按条分工（原文：“{}”）：各部分的部门写在各部分",
            clipped(cell)
        ));
    }
}

/// A veto, deduction or bonus by its 分值 cell's words, the words of its
/// row (its area, key point and label) or its own text; else standard.
pub(super) fn kind_of(context: &str, text: &str, cell: Option<&PointsCell>) -> Kind {
    match cell {
        Some(PointsCell::Veto) => return Kind::Veto,
        Some(PointsCell::Deduction { .. }) => return Kind::Deduction,
        Some(PointsCell::Bonus { .. }) => return Kind::Bonus,
        _ => {}
    }
    if context.contains("否决") || text.contains("否决项") || words::veto_effect(text).is_some() {
        Kind::Veto
    } else if context.contains("扣分项") || context.contains("减分项") || words::capped(text, '扣').is_some() {
        Kind::Deduction
    } else if context.contains("加分项")
        || words::capped(text, '加').is_some()
        || (text.contains("（加") || text.contains("(加")) && words::added(text).is_some()
    {
        Kind::Bonus
    } else {
        Kind::Standard
    }
}

pub(super) fn evidence(item: &mut ItemRead, written: &str) {
    match written.trim() {
        "" => {}
        "是" | "需要" => item.evidence = Some("yes"),
        "否" | "不需要" => item.evidence = Some("no"),
        other => {
            item.evidence_text = Some(other.to_string());
            item.confirm
                .push("印证材料的要求照录于 evidence_text，请确认是否需要".into());
        }
    }
}
