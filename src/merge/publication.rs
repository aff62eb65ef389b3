//! The publication of the result (通报): every district in rank order with
//! its total, grade and rank, titled from the rubric, as the 通报 sheet of
//! merged.xlsx (with a chart of the totals against the grade lines) and as
//! a Word table to paste into the office's notice (merged-通报.docx).

use super::Merged;
use super::report_docx::{Block, docx};
use crate::rubric::Rubric;

/// The notice's title: the rubric's title and period.
pub fn title(rubric: &Rubric) -> String {
    if rubric.period.is_empty() || rubric.title.contains(&rubric.period) {
        format!("{} 考核结果", rubric.title)
    } else {
        format!("{}（{}）考核结果", rubric.title, rubric.period)
    }
}

/// One district's line: rank, name, total, grade, and a veto's cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub rank: usize,
    pub district: String,
    pub total: rust_decimal::Decimal,
    pub grade: String,
    pub note: String,
}

/// The districts in rank order (ties in the rubric's order).
pub fn lines(merged: &Merged) -> Vec<Line> {
    let mut lines: Vec<Line> = merged
        .districts
        .iter()
        .map(|d| Line {
            rank: d.rank,
            district: d.name.clone(),
            total: d.total,
            grade: d.grade.clone(),
            note: d
                .veto
                .as_ref()
                .map(|v| format!("否决：{} {}（{}）", v.item, v.text, v.department))
                .unwrap_or_default(),
        })
        .collect();
    lines.sort_by_key(|l| l.rank);
    lines
}

/// The header of the table: the grade's column only where the rubric grades.
pub fn header(rubric: &Rubric) -> Vec<&'static str> {
    if rubric.graded {
        vec!["名次", "地区", "总分", "等次", "说明"]
    } else {
        vec!["名次", "地区", "总分", "说明"]
    }
}

/// A line's cells under [`header`].
pub fn cells(rubric: &Rubric, line: &Line) -> Vec<String> {
    let mut cells = vec![
        line.rank.to_string(),
        line.district.clone(),
        crate::points::shown(line.total),
    ];
    if rubric.graded {
        cells.push(line.grade.clone());
    }
    cells.push(line.note.clone());
    cells
}

/// merged-通报.docx: the title, the table, and the grading's words where
/// the rubric gives no scale.
pub fn to_docx(merged: &Merged, rubric: &Rubric) -> std::io::Result<Vec<u8>> {
    let mut blocks = vec![Block::Title(title(rubric))];
    if !rubric.issuer.is_empty() {
        blocks.push(Block::Line(rubric.issuer.clone()));
    }
    blocks.push(Block::Table {
        header: header(rubric).into_iter().map(str::to_string).collect(),
        rows: lines(merged).iter().map(|l| cells(rubric, l)).collect(),
    });
    if !rubric.graded {
        blocks.push(Block::Line(super::NO_GRADE_SCALE.0.to_string()));
    }
    docx(&blocks)
}
