//! A block's points as its kind reads them: a deduction's cap and amount
//! per event, a bonus's cap or award, a standard item's figure from its
//! 分值 cell, its group or its own words.

use super::items::Given;
use super::*;

pub(super) fn event_name(text: &str) -> String {
    text.split(['（', '('])
        .next()
        .unwrap_or(text)
        .trim()
        .trim_end_matches(['。', '；', ';'])
        .to_string()
}

/// A deduction's cap and amount per event, from its 分值 cell's words, its
/// text or its criteria. Its points are the cap; an uncapped one has none.
pub(super) fn deduction(
    item: &mut ItemRead,
    block: &Block,
    cell: Option<&PointsCell>,
    all_text: &str,
) -> Option<Decimal> {
    let (mut cap, mut each, mut amount) = match cell {
        Some(PointsCell::Deduction { cap, per_event, amount }) => (*cap, *per_event, *amount),
        Some(PointsCell::Figure(p)) => (Some(*p), None, None),
        _ => (None, None, None),
    };
    if cap.is_none() {
        cap = words::capped(all_text, '扣');
        if let Some(c) = cap {
            item.confirm.push(format!("扣分上限按文中“最高扣{}分”读出", shown(c)));
        }
    }
    let stated_each = words::per_event(all_text);
    if each.is_none() {
        each = stated_each;
    }
    if let (Some(a), Some(e)) = (amount, stated_each)
        && a == e
    {
        // 扣10分 in 分值, 每发生1件扣10分 in the criteria: per event.
        each = Some(e);
        amount = None;
    }
    if let Some(e) = each {
        let first = block.first();
        let name_from = if first.criteria.contains('每') {
            &first.criteria
        } else {
            &first.text
        };
        let name = event_name(name_from);
        item.confirm.push(format!(
            "每次扣{}分（per_event）按“{}”读出{}",
            shown(e),
            clipped(&name),
            if cap.is_none() {
                "；原表未写上限，不设上限"
            } else {
                ""
            }
        ));
        item.per_event = Some((name, e));
    }
    if let Some(a) = amount {
        // 扣N分 with nothing per event: exactly N off, or nothing.
        item.award = true;
        item.confirm
            .push(format!("分值栏“扣{}分”读作一次扣满{}分（award）", shown(a), shown(a)));
        return Some(a);
    }
    if cap.is_none() && each.is_none() {
        let last = words::bracketed_points(all_text).last().copied();
        if let Some(l) = last {
            item.confirm.push(format!("扣分上限读作文中括号内的“{}分”", shown(l)));
        }
        return last;
    }
    cap
}

pub(super) fn bonus(item: &mut ItemRead, cell: Option<&PointsCell>, all_text: &str) -> Option<Decimal> {
    match cell {
        Some(PointsCell::Bonus { cap: Some(cap), .. }) => Some(*cap),
        Some(PointsCell::Bonus { award: Some(a), .. }) => {
            item.award = true;
            item.confirm
                .push(format!("分值栏“加{}分”读作达到即加{}分（award）", shown(*a), shown(*a)));
            Some(*a)
        }
        Some(PointsCell::Figure(p)) => Some(*p),
        _ => {
            let read = words::capped(all_text, '加')
                .or_else(|| words::added(all_text))
                .or_else(|| words::bracketed_points(all_text).last().copied());
            if let Some(p) = read {
                item.confirm.push(format!("加分上限按文中“{}分”读出", shown(p)));
            }
            read
        }
    }
}

/// A standard item's points: its 分值 cell, its share of a group's total
/// (its own `（N分）`), or its text's `（N分）` (several clauses add up).
pub(super) fn standard(item: &mut ItemRead, block: &Block, given: &Given) -> Result<Option<Decimal>, Finding> {
    let first = block.first();
    match given {
        Given::Cell(PointsCell::Figure(p), written) => {
            if words::normalise_digits(written).trim().trim_end_matches('分').trim() != shown(*p) {
                item.confirm.push(format!("分值栏“{written}”读作{}", shown(*p)));
            }
            Ok(Some(*p))
        }
        Given::Cell(cell, written) => {
            // Words with no figure (扣完为止, a remark): the text's own figure.
            let from_text = text_points(item, block);
            if from_text.is_some() {
                item.confirm.push(format!(
                    "分值栏“{written}”不是分数{}；分值按文中读出",
                    if matches!(cell, PointsCell::Deduction { .. }) {
                        "（扣完为止）"
                    } else {
                        ""
                    }
                ));
            }
            Ok(from_text)
        }
        Given::Shared(points, size, written) => {
            item.confirm.push(format!(
                "分值栏“{written}”合并于 {size} 项：各项读作{}分（{size} × {} 等于考核要点写明的合计）",
                shown(*points),
                shown(*points)
            ));
            Ok(Some(*points))
        }
        Given::Group(total, size, written) => {
            let own = block.own_priced();
            if let Some((p, _)) = own {
                item.confirm.push(format!(
                    "分值栏“{written}”是本组 {size} 项的合计{}分；本项按文中“（N分）”读作{}",
                    shown(*total),
                    shown(p)
                ));
            }
            Ok(own.map(|(p, _)| p))
        }
        Given::Text => {
            let p = text_points(item, block);
            if p.is_some() && block.header.has(Role::Points) && first.points.is_empty() {
                item.confirm.push("分值栏为空：分值按文中“（N分）”读出".into());
            }
            Ok(p)
        }
    }
}

/// The points a block's own words state: each row's `（N分）` (its rows are
/// then its parts), its one figure, several clauses' sum, each line's own,
/// or a figure at the end.
pub(super) fn text_points(item: &mut ItemRead, block: &Block) -> Option<Decimal> {
    if block.rows.len() > 1 {
        return block.own_priced().map(|(p, _)| p);
    }
    let text = &block.first().text;
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let each: Vec<Option<Decimal>> = lines
        .iter()
        .map(|l| match words::bracketed_points(l).as_slice() {
            [one] => Some(*one),
            _ => None,
        })
        .collect();
    if lines.len() >= 2 && each.iter().all(Option::is_some) {
        item.subs = lines
            .iter()
            .zip(&each)
            .map(|(l, p)| SubRead {
                text: l.to_string(),
                points: p.unwrap_or_default(),
                departments: Vec::new(),
                row: None,
            })
            .collect();
        let sum = item.subs.iter().map(|s| s.points).sum();
        item.confirm.push("分值为各句分值之和，各句为本项的部分".into());
        return Some(sum);
    }
    if let Some((sum, n)) = words::priced_sum(text).or_else(|| words::priced_sum(&block.first().criteria)) {
        if n > 1 {
            item.confirm
                .push(format!("文中有 {n} 处“（N分）”，分值读作其和{}", shown(sum)));
        }
        return Some(sum);
    }
    let trailing = words::trailing_points(text);
    if let Some(points) = trailing {
        item.confirm.push(format!("分值按文末的“{}分”读出", shown(points)));
    }
    trailing
}
