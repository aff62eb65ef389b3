//! The rows of the rubric's tables, walked in document order into areas,
//! key points and items: merged and blank cells resolved as the document
//! means them, points, kinds and parts read from the words.

use super::header::{self, Header, Role};
use super::words;
use super::{Cell, Finding, Place, Table};
use crate::rubric::Kind;
use rust_decimal::Decimal;

#[derive(Debug, Default)]
pub(super) struct Read {
    pub areas: Vec<AreaRead>,
    /// In order of first appearance, as written.
    pub departments: Vec<String>,
    pub veto_effect: Option<String>,
    /// Whether the table has a criteria column besides the item's text.
    pub criteria_column: bool,
    pub inferred: Vec<Finding>,
    pub unreadable: Vec<Finding>,
}

impl Read {
    pub fn items(&self) -> usize {
        self.areas
            .iter()
            .flat_map(|a| &a.key_points)
            .map(|k| k.items.len())
            .sum()
    }
}

#[derive(Debug)]
pub(super) struct AreaRead {
    /// The cell as written, to tell the next area from this one.
    written: String,
    pub name: String,
    pub stated: Option<Decimal>,
    pub key_points: Vec<KeyPointRead>,
}

#[derive(Debug)]
pub(super) struct KeyPointRead {
    written: String,
    pub name: String,
    pub stated: Option<Decimal>,
    pub items: Vec<ItemRead>,
}

#[derive(Debug, Default)]
pub(super) struct ItemRead {
    pub label: Option<String>,
    pub text: String,
    pub points: Option<Decimal>,
    pub kind: Option<Kind>,
    pub criteria: Option<String>,
    pub evidence: Option<&'static str>,
    pub evidence_text: Option<String>,
    pub departments: Vec<String>,
    /// Parts with their own points: text and points.
    pub subs: Vec<(String, Decimal)>,
    /// A deduction's amount per event, and what the event is.
    pub per_event: Option<(String, Decimal)>,
    /// What was inferred for this item, for its `# 待确认` comments.
    pub confirm: Vec<String>,
    /// The table's own gap (an empty criteria cell), said in the file.
    pub discrepancy: Option<String>,
}

/// A row's cells as the document means them, one value per column.
struct Row {
    values: Vec<String>,
    /// Columns a cell from the left spans into: empty on purpose, never inherited.
    spanned: Vec<bool>,
    /// Columns whose cell continues a merge from above.
    merged: Vec<bool>,
    /// Columns whose cell is merged down over the rows below it.
    merges_down: Vec<bool>,
}

pub(super) fn read(tables: &[Table]) -> Read {
    let mut read = Read::default();
    let mut current: Option<Header> = None;
    let mut previous: Vec<String> = Vec::new();
    for table in tables {
        let (start, header) = match header::find(&table.rows) {
            Some(h) => {
                if current.as_ref().is_none_or(|c| c.roles != h.roles) {
                    previous.clear();
                }
                (h.row + 1, h)
            }
            // A table with no header of its own that has the same columns
            // as the one before it continues it (a table split by a page).
            None => match &current {
                Some(c) if table.rows.first().is_some_and(|r| r.len() == c.roles.len()) => (0, c.clone()),
                _ => {
                    if table.rows.iter().any(|r| r.iter().any(|c| !c.text.trim().is_empty())) {
                        read.inferred.push(Finding {
                            place: None,
                            what: format!(
                                "{}：没有可识别的表头（考核领域、考核要点、评分标准等），未读取",
                                table.name
                            ),
                        });
                    }
                    continue;
                }
            },
        };
        read.criteria_column |= header.has(Role::Item) && header.has(Role::Criteria);
        if start > 0 {
            for (c, role) in header.roles.iter().enumerate() {
                let word = header.column_name(c);
                if role.is_none() && !word.is_empty() {
                    read.unreadable.push(Finding {
                        place: Some(place(&table.name, header.row, c, &header)),
                        what: format!(
                            "表头“{word}”不是 kaohe 认识的栏目，此栏未读取；若它是某一栏的别称，请告知 kaohe 的维护者"
                        ),
                    });
                }
            }
        }
        for (r, cells) in table.rows.iter().enumerate().skip(start) {
            if header.is_repeated_in(cells) || cells.iter().all(|c| c.text.trim().is_empty() && !c.merged) {
                continue;
            }
            let mut row = resolve(cells, &previous, &header, &mut read, &table.name, r);
            if let Some(next) = table.rows.get(r + 1) {
                for (c, cell) in next.iter().enumerate().take(row.merges_down.len()) {
                    row.merges_down[c] = cell.merged;
                }
            }
            read_row(&mut read, &header, &row, &table.name, r);
            previous = row.values;
        }
        current = Some(header);
    }
    for item in read.areas.iter().flat_map(|a| &a.key_points).flat_map(|k| &k.items) {
        for d in &item.departments {
            if !read.departments.contains(d) {
                read.departments.push(d.clone());
            }
        }
    }
    read
}

fn place(table: &str, row: usize, column: usize, header: &Header) -> Place {
    Place {
        table: table.to_string(),
        row: row + 1,
        column: column + 1,
        heading: header.column_name(column).to_string(),
    }
}

/// Merged cells take the value above them; a cell spanning columns gives
/// its text to the last it covers; a blank area or key point cell means the
/// one above, and a blank label or department the one above within the
/// area (said, for the office to confirm).
fn resolve(cells: &[Cell], previous: &[String], header: &Header, read: &mut Read, table: &str, r: usize) -> Row {
    let n = header.roles.len().max(cells.len());
    let mut row = Row {
        values: vec![String::new(); n],
        spanned: vec![false; n],
        merged: vec![false; n],
        merges_down: vec![false; n],
    };
    let mut c = 0;
    while c < cells.len() {
        let span = cells[c + 1..].iter().take_while(|cell| cell.spanned).count();
        let target = c + span;
        let cell = &cells[c];
        row.values[target] = if cell.merged {
            previous.get(target).cloned().unwrap_or_default()
        } else {
            cell.text.trim().to_string()
        };
        row.merged[target] = cell.merged;
        for k in c..target {
            row.spanned[k] = true;
        }
        c = target + 1;
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
        match role {
            Some(Role::Area | Role::KeyPoint) => row.values[c] = above,
            Some(Role::Label | Role::Department) if same_area && !above.is_empty() => {
                read.inferred.push(Finding {
                    place: Some(place(table, r, c, header)),
                    what: format!("空格按上一行读作“{above}”"),
                });
                row.values[c] = above;
            }
            _ => {}
        }
    }
    row
}

fn value(header: &Header, row: &Row, role: Role) -> String {
    header
        .roles
        .iter()
        .zip(&row.values)
        .filter(|(r, v)| **r == Some(role) && !v.is_empty())
        .map(|(_, v)| v.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn column_of(header: &Header, role: Role) -> Option<usize> {
    header.roles.iter().rposition(|r| *r == Some(role))
}

fn read_row(read: &mut Read, header: &Header, row: &Row, table: &str, r: usize) {
    let area = value(header, row, Role::Area);
    let key_point = value(header, row, Role::KeyPoint);
    let has_item_column = header.has(Role::Item);
    let text_role = if has_item_column { Role::Item } else { Role::Criteria };
    let text = value(header, row, text_role);
    let criteria = if has_item_column {
        value(header, row, Role::Criteria)
    } else {
        String::new()
    };
    let text_column = column_of(header, text_role).unwrap_or(0);
    if read.areas.last().is_none_or(|a| a.written != area) && !area.is_empty() {
        let (name, stated) = words::name_and_total(&area);
        read.areas.push(AreaRead {
            written: area.clone(),
            name,
            stated,
            key_points: Vec::new(),
        });
    }
    let Some(current_area) = read.areas.last_mut() else {
        if !text.is_empty() {
            read.unreadable.push(Finding {
                place: Some(place(table, r, text_column, header)),
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
            items: Vec::new(),
        });
    }
    if text.is_empty() && criteria.is_empty() {
        // A row with words but none where the item's text goes: its cells
        // have slid (a column lost on the way), and guessing would invent.
        let stray = header.roles.iter().zip(&row.values).enumerate().find(|(c, (role, v))| {
            !v.is_empty()
                && !row.merged[*c]
                && !matches!(role, Some(Role::Area | Role::KeyPoint | Role::Label | Role::Department))
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
                    "此行的“{}”栏为空，这一栏却有“{v}”：栏目可能错位，此行未读取",
                    header.column_name(text_column)
                ),
            });
        }
        return;
    }
    let item_merged = has_item_column && row.merged[text_column];
    let context = format!("{} {} {}", area, key_point, value(header, row, Role::Label));
    let kp = current_area.key_points.last_mut();
    let Some(kp) = kp else { return };
    if item_merged && let Some(last) = kp.items.last_mut() {
        // One item over several rows, each with a line of its criteria.
        if !criteria.is_empty() {
            let joined = last
                .criteria
                .take()
                .map_or(criteria.clone(), |c| format!("{c}\n{criteria}"));
            last.criteria = Some(joined);
        }
        return;
    }
    let at = |column: usize| place(table, r, column, header);
    match item(header, row, &text, &criteria, &context, &at) {
        Ok((item, notes)) => {
            read.inferred.extend(notes.into_iter().map(|what| Finding {
                place: Some(at(text_column)),
                what,
            }));
            if item.kind == Some(Kind::Veto) && read.veto_effect.is_none() {
                read.veto_effect = words::veto_effect(&format!("{context} {text} {criteria}"));
            }
            kp.items.push(item);
        }
        Err(finding) => read.unreadable.push(finding),
    }
}

/// One item from its row: kind, points, parts and departments.
fn item(
    header: &Header,
    row: &Row,
    text: &str,
    criteria: &str,
    context: &str,
    at: &dyn Fn(usize) -> Place,
) -> Result<(ItemRead, Vec<String>), Finding> {
    let mut notes = Vec::new();
    let label = value(header, row, Role::Label);
    let mut item = ItemRead {
        label: (!label.is_empty()).then_some(label),
        text: text.to_string(),
        criteria: (!criteria.is_empty()).then(|| criteria.to_string()),
        departments: words::departments(&value(header, row, Role::Department)),
        ..ItemRead::default()
    };
    let kind = kind_of(context, text);
    if kind != Kind::Standard {
        item.kind = Some(kind);
        item.confirm.push(format!("类别按文字读作{}", kind.document_word()));
    }
    let points_column = column_of(header, Role::Points);
    let mut written_points = value(header, row, Role::Points);
    // A 分值 cell merged over several items is their group's total, not
    // each one's: the item's own points are then in its text.
    let group = points_column.is_some_and(|c| row.merged[c] || row.merges_down[c]);
    if group && !written_points.is_empty() {
        item.confirm.push(format!(
            "分值栏“{written_points}”合并于数行，是一组的合计；本项分值按文字中的“（N分）”读出"
        ));
        written_points.clear();
    }
    let from_column = if written_points.is_empty() {
        None
    } else {
        let figure = written_points.trim_end_matches('分').trim();
        match figure.parse::<Decimal>() {
            Ok(p) => Some(p),
            Err(_) => {
                return Err(Finding {
                    place: Some(at(points_column.unwrap_or(0))),
                    what: format!("分值“{written_points}”不是数字，此项未读取"),
                });
            }
        }
    };
    let in_text = words::bracketed_points(text);
    item.points = match kind {
        Kind::Veto => None,
        Kind::Deduction => words::capped(text, '扣').or(from_column).or_else(|| {
            let last = in_text.last().copied();
            if last.is_some() {
                item.confirm.push("扣分上限读作文中括号内的分值".into());
            }
            last
        }),
        Kind::Bonus => words::capped(text, '加')
            .or_else(|| words::added(text))
            .or(from_column)
            .or(in_text.last().copied()),
        Kind::Standard => from_column.or_else(|| standard_points(&mut item, &in_text)),
    };
    if kind == Kind::Deduction
        && let Some(amount) = words::per_event(text)
    {
        let name = text
            .split(['（', '('])
            .next()
            .unwrap_or(text)
            .trim()
            .trim_end_matches(['。', '；', ';'])
            .to_string();
        item.confirm.push(format!(
            "每次扣{}分（per_event）按文字读出",
            crate::points::shown(amount)
        ));
        item.per_event = Some((name, amount));
    }
    if kind != Kind::Veto && item.points.is_none() {
        return Err(Finding {
            place: Some(at(
                points_column.unwrap_or_else(|| column_of(header, Role::Item).unwrap_or(0))
            )),
            what: if group {
                "分值栏是数项合并的一组合计，文字中也没有本项自己的“（N分）”，此项未读取".into()
            } else {
                "没有分值（分值栏为空，文字中也没有“（N分）”），此项未读取".into()
            },
        });
    }
    if kind == Kind::Standard && item.subs.is_empty() {
        parts_from_criteria(&mut item, &mut notes);
    }
    if header.has(Role::Item) && header.has(Role::Criteria) && criteria.is_empty() {
        item.discrepancy = Some("原表此项的评分标准栏为空".into());
        notes.push("评分标准栏为空：照原表留空，并以 discrepancy 注明".into());
    }
    evidence(&mut item, &value(header, row, Role::Evidence));
    if item.departments.is_empty() {
        notes.push("没有负责部门：请在 departments 中填写".into());
    }
    Ok((item, notes))
}

/// A veto, deduction or bonus by the words of its row (its area, key point
/// and label, and its own text); else a standard item.
fn kind_of(context: &str, text: &str) -> Kind {
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

/// A standard item's points from its text: its one `（N分）`, or when each
/// of its lines ends in its own, their sum (and the lines are its parts).
fn standard_points(item: &mut ItemRead, in_text: &[Decimal]) -> Option<Decimal> {
    let lines: Vec<&str> = item.text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
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
            .map(|(l, p)| (l.to_string(), p.unwrap_or_default()))
            .collect();
        let sum = item.subs.iter().map(|(_, p)| *p).sum();
        item.confirm.push("分值为各句分值之和，各句为本项的部分".into());
        return Some(sum);
    }
    if let Some(last) = in_text.last() {
        return Some(*last);
    }
    let trailing = words::trailing_points(&item.text);
    if let Some(points) = trailing {
        item.confirm
            .push(format!("分值按文末的“{}分”读出", crate::points::shown(points)));
    }
    trailing
}

/// Numbered parts of the criteria that each state points adding up to the
/// item's: the item is scored part by part. Parts that do not add up stay
/// criteria, and the office is told.
fn parts_from_criteria(item: &mut ItemRead, notes: &mut Vec<String>) {
    let Some(criteria) = &item.criteria else { return };
    let mut parts: Vec<String> = Vec::new();
    for line in criteria.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match (words::numbered(line), parts.last_mut()) {
            (Some((_, rest)), _) => parts.push(rest.to_string()),
            (None, Some(last)) => {
                last.push('\n');
                last.push_str(line);
            }
            (None, None) => return,
        }
    }
    if parts.len() < 2 {
        return;
    }
    let points: Vec<Option<Decimal>> = parts
        .iter()
        .map(|p| {
            words::bracketed_points(p.lines().next().unwrap_or_default())
                .first()
                .copied()
                .or_else(|| words::earned_points(p))
        })
        .collect();
    if points.iter().any(Option::is_none) {
        return;
    }
    let sum: Decimal = points.iter().flatten().copied().sum();
    if Some(sum) != item.points {
        notes.push(format!(
            "评分标准各条分值合计{}，与本项分值{}不符：按评分标准原文保留，未拆分",
            crate::points::shown(sum),
            item.points.map(crate::points::shown).unwrap_or_default()
        ));
        return;
    }
    item.subs = parts.into_iter().zip(points.into_iter().flatten()).collect();
}

fn evidence(item: &mut ItemRead, written: &str) {
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
