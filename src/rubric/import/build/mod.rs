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

mod items;
mod parts;
mod points;
mod promote;
mod rows;

use items::items_of;
use promote::promoted;
use rows::{column_of, read_row, resolve};

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
