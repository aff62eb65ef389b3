//! The rows of the rubric's tables, walked in document order into areas,
//! key points and items: merged and blank cells resolved as the document
//! means them, an item over several rows kept as one (its rows its parts
//! when each states its points), a 分值 cell over several items read as
//! their group's total, points, kinds and departments read from the words.
//! Every item knows the rows it came from; every value not read straight
//! from one cell is said, for the office to confirm.

use super::departments::{self, Responsibility};
use super::header::{self, Header, Role};
use super::words::{self, PointsCell};
use super::{Cell, Finding, Place, Table};
use crate::points::shown;
use crate::rubric::Kind;
use rust_decimal::Decimal;

#[derive(Debug, Default)]
pub(super) struct Read {
    pub areas: Vec<AreaRead>,
    /// In order of first appearance, as read.
    pub departments: Vec<String>,
    pub veto_effect: Option<String>,
    /// Whether the table has a criteria column besides the item's text.
    pub criteria_column: bool,
    /// The 备注 rows, verbatim: the rubric's note.
    pub note: Vec<String>,
    pub inferred: Vec<Finding>,
    pub unreadable: Vec<Finding>,
    /// What the written rubric and the table's own words disagree on.
    pub differences: Vec<Finding>,
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
    pub source: Place,
}

#[derive(Debug)]
pub(super) struct KeyPointRead {
    written: String,
    pub name: String,
    pub stated: Option<Decimal>,
    /// The level above it, when a group was read as the key point.
    pub note: Option<String>,
    pub confirm: Vec<String>,
    blocks: Vec<Block>,
    pub items: Vec<ItemRead>,
    pub source: Place,
}

#[derive(Debug, Default)]
pub(super) struct ItemRead {
    pub label: Option<String>,
    pub text: String,
    pub points: Option<Decimal>,
    pub kind: Option<Kind>,
    pub award: bool,
    pub criteria: Option<String>,
    pub evidence: Option<&'static str>,
    pub evidence_text: Option<String>,
    pub departments: Vec<String>,
    /// The department cells' words, when they say more than the list.
    pub departments_text: Option<String>,
    pub note: Option<String>,
    pub subs: Vec<SubRead>,
    /// A deduction's amount per event, and what the event is.
    pub per_event: Option<(String, Decimal)>,
    /// What was inferred for this item, for its `# 待确认` comments.
    pub confirm: Vec<String>,
    /// The table's own gap (an empty criteria cell), said in the file.
    pub discrepancy: Option<String>,
    /// The table and rows the item was read from.
    pub source: Source,
    /// Its rows are its parts, and each is a numbered indicator with its
    /// own points (惠州's 质量措施): a group, read as a key point.
    rows_are_indicators: bool,
    /// One row whose criteria are one numbered indicator stating the
    /// item's points: a group of one, when its neighbours are groups.
    single_indicator: bool,
}

#[derive(Debug, Default, Clone)]
pub(super) struct Source {
    pub table: String,
    /// 1-based, as the office counts.
    pub first_row: usize,
    pub last_row: usize,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.first_row == self.last_row {
            write!(f, "{} 第{}行", self.table, self.first_row)
        } else {
            write!(f, "{} 第{}–{}行", self.table, self.first_row, self.last_row)
        }
    }
}

#[derive(Debug, Default)]
pub(super) struct SubRead {
    pub text: String,
    pub points: Decimal,
    /// Its own departments, when they are not the item's.
    pub departments: Vec<String>,
    /// The row it was read from, when it is a row of its own: 1-based, with
    /// its department cell's words.
    pub row: Option<(usize, String)>,
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
    /// What was read from the row above for a blank cell, said.
    inherited: Vec<String>,
}

/// The rows of one item: one, or several when its cell is merged down (or
/// left blank) over rows that each add criteria.
#[derive(Debug)]
struct Block {
    table: String,
    header: Header,
    context: String,
    rows: Vec<BlockRow>,
}

#[derive(Debug, Default)]
struct BlockRow {
    /// 0-based.
    r: usize,
    label: String,
    text: String,
    criteria: String,
    points: String,
    /// The 分值 cell continues one from above (merged, or blank under a figure).
    points_continues: bool,
    points_merges_down: bool,
    department: String,
    evidence: String,
    kept: Vec<(String, String)>,
    /// Blank cells read as the row above's, said.
    inherited: Vec<String>,
}

impl Block {
    fn place(&self, r: usize, column: usize) -> Place {
        place(&self.table, r, column, &self.header)
    }

    fn first(&self) -> &BlockRow {
        &self.rows[0]
    }

    fn column(&self, role: Role) -> usize {
        column_of(&self.header, role).unwrap_or(0)
    }

    fn text_column(&self) -> usize {
        column_of(&self.header, text_role(&self.header)).unwrap_or(0)
    }

    /// Where a row's priced clauses are: its criteria, or its text when
    /// the table has no criteria column (or the criteria state none).
    fn priced(&self, row: &BlockRow) -> Option<(Decimal, usize)> {
        words::priced_sum(&row.criteria).or_else(|| {
            (row.criteria.is_empty() || self.rows.len() == 1)
                .then(|| words::priced_sum(&row.text))
                .flatten()
        })
    }

    fn own_priced(&self) -> Option<(Decimal, usize)> {
        let first = self.first();
        if self.rows.len() > 1 {
            let each: Option<Vec<(Decimal, usize)>> = self.rows.iter().map(|r| self.priced(r)).collect();
            return each.map(|e| e.iter().fold((Decimal::ZERO, 0), |(s, n), (p, k)| (s + p, n + k)));
        }
        words::priced_sum(&first.text).or_else(|| words::priced_sum(&first.criteria))
    }

    fn source(&self) -> Source {
        Source {
            table: self.table.clone(),
            first_row: self.first().r + 1,
            last_row: self.rows.last().map_or(0, |r| r.r + 1),
        }
    }
}

fn text_role(header: &Header) -> Role {
    if header.has(Role::Item) {
        Role::Item
    } else {
        Role::Criteria
    }
}

pub(super) fn read(tables: &[&Table]) -> Read {
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
                        read.unreadable.push(Finding {
                            place: None,
                            what: format!(
                                "{}：没有可识别的表头（考核领域、考核要点、评分标准、分值、负责部门等），整张表未读取",
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
            unknown_headers(&mut read, table, &header);
        }
        for (r, cells) in table.rows.iter().enumerate().skip(start) {
            if header.is_repeated_in(cells) || cells.iter().all(|c| c.text.trim().is_empty() && !c.merged) {
                continue;
            }
            if let Some(note) = note_row(cells) {
                read.inferred.push(Finding {
                    place: Some(place(&table.name, r, 0, &header)),
                    what: format!("备注行读作整个细则的 note：“{}”", clipped(&note)),
                });
                read.note.push(note);
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
    let mut areas = std::mem::take(&mut read.areas);
    for area in &mut areas {
        let mut key_points = Vec::new();
        for mut kp in std::mem::take(&mut area.key_points) {
            let blocks = std::mem::take(&mut kp.blocks);
            kp.items = items_of(&blocks, kp.stated, &mut read);
            let groups = kp.items.iter().any(|i| i.rows_are_indicators)
                && kp.items.iter().all(|i| i.rows_are_indicators || i.single_indicator);
            if groups {
                key_points.extend(promoted(kp, &mut read));
            } else {
                key_points.push(kp);
            }
        }
        area.key_points = key_points;
    }
    read.areas = areas;
    for item in read.areas.iter().flat_map(|a| &a.key_points).flat_map(|k| &k.items) {
        let named = item
            .departments
            .iter()
            .chain(item.subs.iter().flat_map(|s| &s.departments));
        for d in named {
            if !read.departments.contains(d) {
                read.departments.push(d.clone());
            }
        }
    }
    super::check::cross_check(&mut read, tables);
    // In document order, as the office walks the table.
    let order = |f: &Finding| {
        f.place.as_ref().map(|p| {
            let table = tables.iter().position(|t| t.name == p.table).unwrap_or(usize::MAX);
            (table, p.row, p.column)
        })
    };
    read.unreadable.sort_by_key(order);
    read.inferred.sort_by_key(order);
    read
}

fn unknown_headers(read: &mut Read, table: &Table, header: &Header) {
    for (c, role) in header.roles.iter().enumerate() {
        let word = header.column_name(c);
        if role.is_none() && !word.is_empty() {
            let nearest = header::nearest_known(word).map_or_else(
                || "kaohe 不认识与它相近的栏目".to_string(),
                |(known, meaning)| format!("最接近的已知栏目是“{known}”（{meaning}）"),
            );
            read.unreadable.push(Finding {
                place: Some(place(&table.name, header.row, c, header)),
                what: format!(
                    "表头“{word}”不是 kaohe 认识的栏目，此栏未读取；{nearest}。若它是某一栏的别称，把表头改成已知的写法再导入"
                ),
            });
        }
    }
}

/// A row that is the table's 备注: `备注：…` in one cell, or 备注 and the
/// remark beside it.
fn note_row(cells: &[Cell]) -> Option<String> {
    let worded: Vec<&str> = cells
        .iter()
        .filter(|c| !c.merged && !c.spanned && !c.text.trim().is_empty())
        .map(|c| c.text.trim())
        .collect();
    let note = match worded.as_slice() {
        [one] => one.strip_prefix("备注")?.trim_start_matches(['：', ':', ' ']).trim(),
        [first, second] if first.trim_end_matches(['：', ':']).trim() == "备注" => second,
        _ => return None,
    };
    (!note.is_empty()).then(|| note.to_string())
}

pub(super) fn clipped(text: &str) -> String {
    let one_line: String = text.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 40 {
        format!("{}…", one_line.chars().take(40).collect::<String>())
    } else {
        one_line
    }
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
/// its text to the item's column when it covers it (a veto printed across
/// 考核指标–分值), else to the last it covers; a blank area or key point
/// cell means the one above, and a blank label or department the one above
/// within the area (said, for the office to confirm).
fn resolve(cells: &[Cell], previous: &[String], header: &Header, read: &mut Read, table: &str, r: usize) -> Row {
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
fn block_row(header: &Header, row: &Row, r: usize, text: &str, criteria: &str) -> BlockRow {
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
fn stray(read: &mut Read, header: &Header, row: &Row, table: &str, r: usize, text_column: usize) {
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

/// How a block's points are given.
enum Given {
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
fn items_of(blocks: &[Block], stated: Option<Decimal>, read: &mut Read) -> Vec<ItemRead> {
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

/// A key point whose items are groups (a 考核要点 cell merged over rows
/// that are each a numbered indicator with its own `（N分）`, as 惠州's
/// 质量措施 prints them): each group is the key point, each row an item; the
/// level the table put above the groups is their note.
fn promoted(kp: KeyPointRead, read: &mut Read) -> Vec<KeyPointRead> {
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

/// One item from its block: kind, points, parts and departments.
fn item_of(block: &Block, given: &Given, read: &mut Read) -> Result<ItemRead, Finding> {
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
fn gaps(item: &mut ItemRead, block: &Block, read: &mut Read) {
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
fn departments_of(item: &mut ItemRead, block: &Block) -> Vec<Responsibility> {
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

fn department_notes(item: &mut ItemRead, cell: &str, resp: &Responsibility) {
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
fn kind_of(context: &str, text: &str, cell: Option<&PointsCell>) -> Kind {
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

fn event_name(text: &str) -> String {
    text.split(['（', '('])
        .next()
        .unwrap_or(text)
        .trim()
        .trim_end_matches(['。', '；', ';'])
        .to_string()
}

/// A deduction's cap and amount per event, from its 分值 cell's words, its
/// text or its criteria. Its points are the cap; an uncapped one has none.
fn deduction(item: &mut ItemRead, block: &Block, cell: Option<&PointsCell>, all_text: &str) -> Option<Decimal> {
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

fn bonus(item: &mut ItemRead, cell: Option<&PointsCell>, all_text: &str) -> Option<Decimal> {
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
fn standard(item: &mut ItemRead, block: &Block, given: &Given) -> Result<Option<Decimal>, Finding> {
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
fn text_points(item: &mut ItemRead, block: &Block) -> Option<Decimal> {
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

/// The criteria as printed (each row's, in order), and the item's parts:
/// its rows when each states its points, else its numbered criteria lines
/// when each does and they add up to the item's points. A part takes the
/// departments the cell gives its number, or its row's.
fn criteria_and_parts(item: &mut ItemRead, block: &Block, responsibilities: &[Responsibility], kind: Kind) {
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
fn numbered_parts(criteria: &[(&str, usize)]) -> Option<Vec<(u32, String, usize)>> {
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
fn rows_as_parts(item: &mut ItemRead, block: &Block, responsibilities: &[Responsibility], rows_differ: bool) {
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
fn unsplit(item: &mut ItemRead, per_part: Option<&Responsibility>, rows_differ: bool) {
    if per_part.is_some() || rows_differ {
        item.confirm
            .push("负责部门按条（或按行）分工，但评分标准未能逐条拆分：本项由所列第一个部门评分，请核对".into());
    }
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
