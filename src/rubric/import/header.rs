//! Finding a rubric table by its header row, and what each column holds.
//! Offices name the same columns many ways (考核领域 / 考核内容 / 类别, 评分标准 /
//! 评分细则 …), in any order, some absent; the hierarchy columns are told
//! apart by their order: area, then key point, then item.

use super::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Area,
    KeyPoint,
    Item,
    /// A short label inside the item column (产品质量 / 工程质量 …): the
    /// leading columns a spanning 具体内容 header covers.
    Label,
    Criteria,
    Points,
    Department,
    Evidence,
    Note,
    /// 序号 and the like: read past.
    Ignored,
}

/// Headers that name a level of the rubric's hierarchy; which level is
/// decided by their order in the row.
const HIERARCHY: &[&str] = &[
    "考核领域",
    "考核内容",
    "考核类别",
    "类别",
    "一级指标",
    "考核要点",
    "考核指标",
    "考核项目",
    "项目",
    "二级指标",
    "具体内容",
    "三级指标",
    "考核要求",
    "工作内容",
];

const OTHERS: &[(&str, Role)] = &[
    ("评分标准", Role::Criteria),
    ("评分细则", Role::Criteria),
    ("评价细则", Role::Criteria),
    ("评分办法", Role::Criteria),
    ("评分方法", Role::Criteria),
    ("考核标准", Role::Criteria),
    ("分值", Role::Points),
    ("分数", Role::Points),
    ("标准分", Role::Points),
    ("负责部门", Role::Department),
    ("评价部门", Role::Department),
    ("牵头部门", Role::Department),
    ("责任部门", Role::Department),
    ("考核部门", Role::Department),
    ("评分部门", Role::Department),
    ("责任单位", Role::Department),
    ("牵头单位", Role::Department),
    ("是否需要印证材料", Role::Evidence),
    ("印证材料", Role::Evidence),
    ("证明材料", Role::Evidence),
    ("佐证材料", Role::Evidence),
    ("备注", Role::Note),
    ("序号", Role::Ignored),
];

/// A header cell's words without spaces or line breaks, as compared.
pub fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Hierarchy,
    Other(Role),
}

fn kind_of(text: &str) -> Option<Kind> {
    let words = squeezed(text);
    if words.is_empty() {
        return None;
    }
    if HIERARCHY.contains(&words.as_str()) {
        return Some(Kind::Hierarchy);
    }
    OTHERS
        .iter()
        .find(|(name, _)| words == *name || (words.starts_with(name) && words.chars().count() <= 10))
        .map(|&(_, role)| Kind::Other(role))
}

/// A table's header: the row it is on and each column's role (None for a
/// column whose header is not one kaohe knows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub row: usize,
    pub roles: Vec<Option<Role>>,
    /// Each column's header words, for messages and to know a repeated header row.
    pub words: Vec<String>,
}

impl Header {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&Some(role))
    }

    /// A row that repeats this header (printed again on each page).
    pub fn is_repeated_in(&self, row: &[Cell]) -> bool {
        let words: Vec<String> = row.iter().map(|c| squeezed(&c.text)).collect();
        let known = self.words.iter().filter(|w| !w.is_empty()).count();
        known > 0
            && self
                .words
                .iter()
                .zip(&words)
                .filter(|(h, w)| !h.is_empty() && h == w)
                .count()
                == known
    }

    /// The word a column is headed with, for messages: a column a header
    /// cell spans into is named by that cell.
    pub fn column_name(&self, column: usize) -> &str {
        self.words
            .iter()
            .take(column + 1)
            .rev()
            .find(|w| !w.is_empty())
            .map_or("", String::as_str)
    }
}

/// Rows looked at for a header: a title, a subtitle and a note can come first.
const HEADER_WITHIN: usize = 8;

/// The first row within the table's first rows that names at least two
/// known columns, one of them a level of the hierarchy or the criteria.
pub fn find(rows: &[Vec<Cell>]) -> Option<Header> {
    rows.iter().take(HEADER_WITHIN).enumerate().find_map(|(r, row)| {
        let kinds: Vec<Option<Kind>> = row
            .iter()
            .map(|c| if c.spanned { None } else { kind_of(&c.text) })
            .collect();
        let known = kinds.iter().flatten().count();
        let levels = kinds.iter().filter(|k| **k == Some(Kind::Hierarchy)).count();
        let criteria = kinds.contains(&Some(Kind::Other(Role::Criteria)));
        (known >= 2 && (levels > 0 || criteria)).then(|| assign(r, row, &kinds))
    })
}

fn assign(row_index: usize, row: &[Cell], kinds: &[Option<Kind>]) -> Header {
    let levels = kinds.iter().filter(|k| **k == Some(Kind::Hierarchy)).count();
    // Area, key point, item, in that order; with two levels the criteria
    // column is the item's text.
    let order: &[Role] = match levels {
        0 => &[],
        1 => &[Role::KeyPoint],
        2 => &[Role::Area, Role::KeyPoint],
        _ => &[Role::Area, Role::KeyPoint, Role::Item],
    };
    let mut next_level = order.iter();
    let mut roles: Vec<Option<Role>> = kinds
        .iter()
        .map(|k| match k {
            Some(Kind::Hierarchy) => Some(next_level.next().copied().unwrap_or(Role::Ignored)),
            Some(Kind::Other(role)) => Some(*role),
            None => None,
        })
        .collect();
    // A header cell spanning several columns: for the item column the ones
    // before its last hold a label; otherwise each is the same role.
    let mut c = 0;
    while c < row.len() {
        let span = row[c + 1..].iter().take_while(|cell| cell.spanned).count();
        if span > 0 {
            let role = roles[c];
            for (k, slot) in roles.iter_mut().enumerate().skip(c).take(span + 1) {
                *slot = match role {
                    Some(Role::Item) if k < c + span => Some(Role::Label),
                    other => other,
                };
            }
        }
        c += span + 1;
    }
    Header {
        row: row_index,
        roles,
        words: row.iter().map(|cell| squeezed(&cell.text)).collect(),
    }
}
