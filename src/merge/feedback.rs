//! Each district's 情况反馈: its total, grade and rank, every unit where it
//! lost points (the unit, its points, the score, the department and its
//! reason), its vetoes with their reasons, and, where the office read the
//! districts' self-assessments, its own claim beside each score. Nothing
//! about another district. As an .xlsx and as a .docx to print.

use super::report_docx::{Block, docx};
use super::{DistrictResult, Merged};
use crate::rubric::units::UnitIndex;
use crate::rubric::{Kind, Rubric};
use crate::selfcheck::SelfCheckSet;
use rust_decimal::Decimal;

/// One line of a district's feedback: a unit where it lost points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    pub unit: String,
    pub name: String,
    /// The unit's points (a deduction's cap), where it has them.
    pub points: Option<Decimal>,
    /// The score, or None for a veto that applies.
    pub score: Option<Decimal>,
    pub kind: Kind,
    pub department: String,
    pub reason: String,
    /// The district's own claim, where one was read.
    pub claimed: Option<Decimal>,
}

/// Where `district` lost points, in rubric order: a standard unit below
/// its points, a deduction taken, a veto that applies.
pub fn lost(merged: &Merged, rubric: &Rubric, district: usize, claims: Option<&SelfCheckSet>) -> Vec<Lost> {
    let index = UnitIndex::new(rubric);
    let Some(name) = rubric.districts.get(district) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for sheet in &merged.sheets {
        for (u, key) in sheet.units.iter().enumerate() {
            let Some(value) = sheet.cells.get(district).and_then(|row| row.get(u)).copied().flatten() else {
                continue;
            };
            let Some(unit) = index.find_key_for(key, &sheet.department) else {
                continue;
            };
            let kind = unit.kind();
            let (lost, score) = match kind {
                Kind::Standard => (unit.points.is_some_and(|p| value < p), Some(value)),
                Kind::Deduction => (value < Decimal::ZERO, Some(value)),
                // A veto cell holds 1 where it applies.
                Kind::Veto => (value == Decimal::ONE, None),
                Kind::Bonus => (false, Some(value)),
            };
            if !lost {
                continue;
            }
            let reason = sheet
                .notes
                .iter()
                .find(|n| n.unit == u && &n.district == name)
                .map(|n| n.note.clone())
                .unwrap_or_default();
            out.push(Lost {
                unit: key.clone(),
                name: sheet.names.get(u).cloned().unwrap_or_default(),
                points: unit.points,
                score,
                kind,
                department: sheet.department.clone(),
                reason,
                claimed: claims.and_then(|c| c.claim(name, key)).and_then(|c| c.score),
            });
        }
    }
    out
}

/// The title of a district's feedback.
pub fn title(rubric: &Rubric, district: &str) -> String {
    format!("{} 情况反馈（{district}）", super::publication::title(rubric))
}

fn standing(rubric: &Rubric, result: &DistrictResult) -> String {
    let total = crate::points::shown(result.total);
    let mut line = format!("总分 {total}，名次 {}", result.rank);
    if !result.grade.is_empty() {
        line.push_str(&format!("，等次 {}", result.grade));
    }
    if !rubric.graded && result.grade.is_empty() {
        line.push_str(&format!("（{}）", super::NO_GRADE_SCALE.0));
    }
    line
}

/// The table's header: the claim's columns only where claims were read.
pub fn header(with_claims: bool) -> Vec<&'static str> {
    let mut h = vec!["项目", "内容", "分值", "得分", "评分部门", "评分依据（失分理由）"];
    if with_claims {
        h.extend(["自评得分", "自评与得分之差"]);
    }
    h
}

pub fn cells(lost: &Lost, with_claims: bool) -> Vec<String> {
    let shown = |d: Option<Decimal>| d.map(crate::points::shown).unwrap_or_default();
    let points = match lost.kind {
        Kind::Deduction => lost
            .points
            .map(|p| format!("最多扣 {}", crate::points::shown(p)))
            .unwrap_or_default(),
        Kind::Veto => "否决项".into(),
        _ => shown(lost.points),
    };
    let score = match lost.score {
        Some(s) => crate::points::shown(s),
        None => "否决".into(),
    };
    let reason = if lost.reason.trim().is_empty() {
        "（未写明）".to_string()
    } else {
        lost.reason.clone()
    };
    let mut row = vec![
        lost.unit.clone(),
        lost.name.clone(),
        points,
        score,
        lost.department.clone(),
        reason,
    ];
    if with_claims {
        row.push(shown(lost.claimed));
        row.push(
            lost.claimed
                .zip(lost.score)
                .map(|(c, s)| crate::points::shown(s - c))
                .unwrap_or_default(),
        );
    }
    row
}

/// The district's feedback as a Word document.
pub fn to_docx(
    merged: &Merged,
    rubric: &Rubric,
    district: usize,
    claims: Option<&SelfCheckSet>,
) -> std::io::Result<Vec<u8>> {
    let Some(result) = merged.districts.get(district) else {
        return docx(&[]);
    };
    let rows = lost(merged, rubric, district, claims);
    let with_claims = claims.is_some();
    let mut blocks = vec![
        Block::Title(title(rubric, &result.name)),
        Block::Line(standing(rubric, result)),
    ];
    if rows.is_empty() {
        blocks.push(Block::Line("各项均未失分。".into()));
    } else {
        blocks.push(Block::Line(format!("失分的项目 {} 项：", rows.len())));
        blocks.push(Block::Table {
            header: header(with_claims).into_iter().map(str::to_string).collect(),
            rows: rows.iter().map(|l| cells(l, with_claims)).collect(),
        });
    }
    docx(&blocks)
}

/// The district's feedback as a workbook of one sheet.
pub fn to_xlsx(
    merged: &Merged,
    rubric: &Rubric,
    district: usize,
    claims: Option<&SelfCheckSet>,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use super::report_xlsx::fit;
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let Some(result) = merged.districts.get(district) else {
        return book.save_to_buffer();
    };
    let rows = lost(merged, rubric, district, claims);
    let with_claims = claims.is_some();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let ws = book.add_worksheet();
    ws.set_name("情况反馈")?;
    ws.write_string_with_format(0, 0, fit(&title(rubric, &result.name)), &bold.clone().set_font_size(14))?;
    ws.write_string(1, 0, fit(&standing(rubric, result)))?;
    for (c, h) in header(with_claims).iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &bold)?;
    }
    for (r, lost) in rows.iter().enumerate() {
        for (c, text) in cells(lost, with_claims).iter().enumerate() {
            ws.write_string_with_format(r as u32 + 4, c as u16, fit(text), &wrap)?;
        }
    }
    if rows.is_empty() {
        ws.write_string(4, 0, "各项均未失分。")?;
    }
    for (c, width) in [10.0, 36.0, 10.0, 8.0, 16.0, 40.0, 10.0, 12.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, width)?;
    }
    book.save_to_buffer()
}
