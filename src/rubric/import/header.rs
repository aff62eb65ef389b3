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
    /// A column kept as the item's note in the document's words (评分依据, 打分方法).
    Kept,
    /// A self-score sheet's 自评得分: the table is a sheet to fill, not a rubric.
    SelfScore,
    /// 序号, a blank 得分 column and the like: read past.
    Ignored,
}

/// Words that make a header name a level of the rubric's hierarchy (考核领域,
/// 一级指标, 考核条目, 建设内容 …); which level is decided by the order.
const HIERARCHY_WORDS: &[&str] = &[
    "领域",
    "指标",
    "内容",
    "要点",
    "项目",
    "类别",
    "条目",
    "要求",
    "事项",
    "工作考核",
];

/// Headers whose column is kept as the item's text note, never read as a
/// value: how the office explains a score, not the score's rule.
const KEPT: &[&str] = &[
    "评分依据",
    "打分方法",
    "计分方法",
    "考核方法",
    "评分说明",
    "考核说明",
    "说明",
];

/// Headers of a column left for the score (a self-score sheet's 自评得分,
/// an on-site sheet's 评分): blank in the rubric.
const SCORE: &[&str] = &["得分", "评分", "考核得分", "实际得分", "打分", "评定得分"];

/// Every header word kaohe knows, with what it means: the table a message
/// measures an unknown header against.
pub const KNOWN: &[(&str, &str)] = &[
    ("考核领域", "层级"),
    ("考核内容", "层级"),
    ("考核指标", "层级"),
    ("考核要点", "层级"),
    ("具体内容", "层级"),
    ("一级指标", "层级"),
    ("二级指标", "层级"),
    ("三级指标", "层级"),
    ("考核条目", "层级"),
    ("建设内容", "层级"),
    ("建设指标", "层级"),
    ("考核项目", "层级"),
    ("评分标准", "评分标准"),
    ("评分细则", "评分标准"),
    ("考核细则", "评分标准"),
    ("考评标准", "评分标准"),
    ("分值", "分值"),
    ("标准分", "分值"),
    ("权重", "分值"),
    ("负责部门", "部门"),
    ("牵头部门", "部门"),
    ("考核牵头部门", "部门"),
    ("责任单位", "部门"),
    ("是否需要印证材料", "印证材料"),
    ("需提交材料", "印证材料"),
    ("评分依据", "照录为说明"),
    ("打分方法", "照录为说明"),
    ("备注", "备注"),
    ("序号", "不读"),
    ("自评得分", "自评（不读）"),
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

/// What a header means, read from its words as a person reads them: 部门
/// or 单位 is who scores, 标准 or 细则 how, 分值 or 权重 how much; the
/// hierarchy's levels are named with 领域, 指标, 内容, 要点 …
fn kind_of(text: &str) -> Option<Kind> {
    let words = squeezed(text);
    let w = words.as_str();
    if w.is_empty() || w.chars().count() > 12 {
        return None;
    }
    let has = |parts: &[&str]| parts.iter().any(|p| w.contains(p));
    let role = if matches!(w, "序号" | "编号" | "序" | "项次") {
        Role::Ignored
    } else if w.contains("自评") {
        Role::SelfScore
    } else if w.contains("备注") {
        Role::Note
    } else if KEPT.contains(&w) {
        Role::Kept
    } else if SCORE.contains(&w) {
        Role::Ignored
    } else if has(&["部门", "单位", "责任处室"]) {
        Role::Department
    } else if has(&["材料"]) {
        Role::Evidence
    } else if has(&["分值", "分数", "标准分", "权重", "满分"]) || w == "分" {
        Role::Points
    } else if has(&["标准", "细则", "办法", "方法", "评分规则", "计分规则"]) {
        Role::Criteria
    } else if has(HIERARCHY_WORDS) {
        return Some(Kind::Hierarchy);
    } else {
        return None;
    };
    Some(Kind::Other(role))
}

/// The known header nearest an unknown one, by the characters they share,
/// for a message that says what the office may have meant.
pub fn nearest_known(words: &str) -> Option<(&'static str, &'static str)> {
    let chars: Vec<char> = words.chars().collect();
    KNOWN
        .iter()
        .map(|&(known, meaning)| {
            let shared = known.chars().filter(|c| chars.contains(c)).count();
            (shared, known, meaning)
        })
        .filter(|(shared, ..)| *shared >= 2)
        .max_by_key(|(shared, ..)| *shared)
        .map(|(_, known, meaning)| (known, meaning))
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
/// A second header row under it (一级指标 / 二级指标 / 三级指标 under a
/// 考核指标 spanning them) names the columns it has words for.
pub fn find(rows: &[Vec<Cell>]) -> Option<Header> {
    rows.iter().take(HEADER_WITHIN).enumerate().find_map(|(r, row)| {
        let kinds = kinds_of(row);
        let known = kinds.iter().flatten().count();
        let levels = kinds.iter().filter(|k| **k == Some(Kind::Hierarchy)).count();
        let criteria = kinds.contains(&Some(Kind::Other(Role::Criteria)));
        if known < 2 || !(levels > 0 || criteria) {
            return None;
        }
        let mut words: Vec<String> = row.iter().map(|cell| squeezed(&cell.text)).collect();
        let mut spanned: Vec<bool> = row.iter().map(|cell| cell.spanned).collect();
        let mut kinds = kinds;
        let mut last = r;
        if let Some(below) = rows.get(r + 1).filter(|b| is_header_continuation(b)) {
            let below_kinds = kinds_of(below);
            for (c, cell) in below.iter().enumerate().take(words.len()) {
                if let Some(kind) = below_kinds[c] {
                    kinds[c] = Some(kind);
                    words[c] = squeezed(&cell.text);
                    spanned[c] = false;
                }
            }
            last = r + 1;
        }
        Some(assign(last, words, &spanned, &kinds))
    })
}

fn kinds_of(row: &[Cell]) -> Vec<Option<Kind>> {
    row.iter()
        .map(|c| if c.spanned { None } else { kind_of(&c.text) })
        .collect()
}

/// A row of header words only: every cell with words is a known header.
fn is_header_continuation(row: &[Cell]) -> bool {
    let worded: Vec<&Cell> = row
        .iter()
        .filter(|c| !c.merged && !c.spanned && !c.text.trim().is_empty())
        .collect();
    !worded.is_empty() && worded.iter().all(|c| kind_of(&c.text).is_some())
}

fn assign(row_index: usize, words: Vec<String>, spanned: &[bool], kinds: &[Option<Kind>]) -> Header {
    let levels = kinds.iter().filter(|k| **k == Some(Kind::Hierarchy)).count();
    // Area, key point, item, in that order; with two levels the criteria
    // column is the item's text. A fourth level is a label in the item.
    let order: &[Role] = match levels {
        0 => &[],
        1 => &[Role::KeyPoint],
        2 => &[Role::Area, Role::KeyPoint],
        3 => &[Role::Area, Role::KeyPoint, Role::Item],
        _ => &[Role::Area, Role::KeyPoint, Role::Label, Role::Item],
    };
    let mut next_level = order.iter();
    let mut roles: Vec<Option<Role>> = kinds
        .iter()
        .map(|k| match k {
            Some(Kind::Hierarchy) => Some(next_level.next().copied().unwrap_or(Role::Label)),
            Some(Kind::Other(role)) => Some(*role),
            None => None,
        })
        .collect();
    // A header cell spanning several columns: for the item column the ones
    // before its last hold a label; otherwise each is the same role.
    let mut c = 0;
    while c < roles.len() {
        let span = spanned[c + 1..].iter().take_while(|s| **s).count();
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
        words,
    }
}
