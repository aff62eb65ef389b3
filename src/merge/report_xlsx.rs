//! `merged.xlsx`, laid out as the office works: the summary sheet (one row
//! per district, one column per item, area subtotals, total, grade, rank),
//! a sheet per department, the coverage sheet and the files used.
//!
//! Numbers are written as numbers so that the office can sort and sum;
//! this is the one place a score becomes a float, for display only.

use super::{DepartmentSheet, Merged, Missing};
use crate::rubric::Rubric;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// Excel holds at most 32,767 UTF-16 units in a cell; a longer note or
/// name is cut with a mark saying where the whole text is, rather than
/// failing the whole workbook.
const CELL_LIMIT: usize = 32_767;
const CUT_MARK: &str = "…［超出 Excel 单元格上限，全文见 merged.json］";

pub(crate) fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    // A UTF-16 unit is never fewer bytes in UTF-8: most cells stop here.
    if text.len() <= CELL_LIMIT || text.encode_utf16().count() <= CELL_LIMIT {
        return text.into();
    }
    let room = CELL_LIMIT - CUT_MARK.encode_utf16().count();
    let mut used = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            used += c.len_utf16();
            used > room
        })
        .map_or(text.len(), |(at, _)| at);
    format!("{}{CUT_MARK}", &text[..end]).into()
}

/// Every text cell goes through [`fit`].
trait TextCells {
    fn text(&mut self, row: u32, col: u16, text: impl AsRef<str>) -> Result<&mut Self, XlsxError>;
    fn text_with(&mut self, row: u32, col: u16, text: impl AsRef<str>, format: &Format)
    -> Result<&mut Self, XlsxError>;
}

impl TextCells for Worksheet {
    fn text(&mut self, row: u32, col: u16, text: impl AsRef<str>) -> Result<&mut Self, XlsxError> {
        self.write_string(row, col, fit(text.as_ref()))
    }

    fn text_with(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
        format: &Format,
    ) -> Result<&mut Self, XlsxError> {
        self.write_string_with_format(row, col, fit(text.as_ref()), format)
    }
}

fn number(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Excel refuses sheet names over 31 characters or with `[]:*?/\`.
pub(crate) fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let mut clean: String = wanted
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c) && !c.is_control())
        .take(28)
        .collect();
    // Excel reserves History, and a sheet needs a name.
    if clean.eq_ignore_ascii_case("history") || clean.trim().is_empty() {
        clean = format!("{clean}~sheet");
    }
    let mut name = clean.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{clean}~{n}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

fn item_title(item: &crate::rubric::Item) -> String {
    let text = item.label.clone().unwrap_or_else(|| item.text.clone());
    let short: String = text.chars().take(24).collect();
    match item.points {
        Some(p) => format!("{short} ({})", crate::points::shown(p)),
        None => short,
    }
}

pub fn to_xlsx(merged: &Merged, rubric: &Rubric) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // A fixed creation time (the newest file's), so that the same inputs
    // always give the same bytes.
    let newest = merged
        .files
        .iter()
        .map(|f| f.created.as_str())
        .max()
        .unwrap_or("2000-01-01T00:00:00Z");
    let when = ExcelDateTime::parse_from_str(newest.trim_end_matches('Z'))
        .or_else(|_| ExcelDateTime::parse_from_str("2000-01-01T00:00:00"))?;
    // Level 1 deflates these sheets (long runs of alike XML) nearly as well as 6, several times faster.
    book.set_zip_compression_level(1);
    book.set_properties(
        &DocProperties::new()
            .set_title(&rubric.title)
            .set_creation_datetime(&when),
    );
    let decimals = "0".repeat(rubric.precision as usize);
    let points = Format::new().set_num_format(if decimals.is_empty() {
        "0".to_string()
    } else {
        format!("0.{decimals}")
    });
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let mut taken = Vec::new();

    let summary = book.add_worksheet_with_constant_memory()?;
    summary.set_name(sheet_name("总表", &mut taken))?;
    summary_sheet(summary, merged, rubric, &points, &bold, &wrap)?;
    let notice_name = sheet_name("通报", &mut taken);
    if let Some(chart) = totals_chart(merged, rubric, &notice_name) {
        // Below the districts' rows, the total and the grade lines drawn.
        summary.insert_chart(merged.districts.len() as u32 + 5, 1, &chart)?;
    }
    let notice = book.add_worksheet();
    notice.set_name(&notice_name)?;
    notice_sheet(notice, merged, rubric, &points, &bold)?;

    for sheet in &merged.sheets {
        let ws = book.add_worksheet_with_constant_memory()?;
        ws.set_name(sheet_name(&sheet.department, &mut taken))?;
        department_sheet(ws, merged, rubric, sheet, &points, &bold)?;
    }

    let checks = book.add_worksheet_with_constant_memory()?;
    checks.set_name(sheet_name("核查提示", &mut taken))?;
    flags_sheet(checks, merged, &bold)?;

    let coverage = book.add_worksheet_with_constant_memory()?;
    coverage.set_name(sheet_name("缺项", &mut taken))?;
    coverage_sheet(coverage, merged, &bold)?;

    let files = book.add_worksheet_with_constant_memory()?;
    files.set_name(sheet_name("文件", &mut taken))?;
    files_sheet(files, merged, &bold)?;

    book.save_to_buffer()
}

/// Districts a chart draws a bar for; a national merge's thousands would
/// be no picture (the 通报 sheet lists them all).
const CHARTED: usize = 200;

/// The 通报 sheet: the rubric's title and period, then every district in
/// rank order (rank, district, total, grade, a veto's cause), and beside
/// them each grade's lower line, which the summary's chart draws.
fn notice_sheet(
    ws: &mut Worksheet,
    merged: &Merged,
    rubric: &Rubric,
    points: &Format,
    bold: &Format,
) -> Result<(), XlsxError> {
    use super::publication::{cells, header, lines, title};
    ws.text_with(0, 0, title(rubric), &bold.clone().set_font_size(14))?;
    let head = header(rubric);
    for (c, h) in head.iter().enumerate() {
        ws.text_with(1, c as u16, *h, bold)?;
    }
    let bands = grade_lines(rubric);
    for (i, (name, _)) in bands.iter().enumerate() {
        ws.text_with(1, (head.len() + i) as u16, format!("{name}线"), bold)?;
    }
    for (r, line) in lines(merged).iter().enumerate() {
        let r = r as u32 + 2;
        for (c, text) in cells(rubric, line).iter().enumerate() {
            if c == 2 {
                ws.write_number_with_format(r, 2, number(line.total), points)?;
            } else if c == 0 {
                ws.write_number(r, 0, line.rank as f64)?;
            } else {
                ws.text(r, c as u16, text)?;
            }
        }
        for (i, (_, min)) in bands.iter().enumerate() {
            ws.write_number(r, (head.len() + i) as u16, number(*min))?;
        }
    }
    if !rubric.graded {
        ws.text(merged.districts.len() as u32 + 3, 0, super::NO_GRADE_SCALE.0)?;
    }
    ws.set_column_width(1, 18)?;
    ws.set_column_width(head.len() as u16 - 1, 40)?;
    ws.set_freeze_panes(2, 0)?;
    Ok(())
}

/// Each grade with a lower bound (A ≥ 90, …), for the chart's lines.
fn grade_lines(rubric: &Rubric) -> Vec<(String, Decimal)> {
    if !rubric.graded {
        return Vec::new();
    }
    rubric
        .grades
        .iter()
        .filter_map(|band| band.min.map(|min| (band.name.clone(), min)))
        .collect()
}

/// The districts' totals as bars in rank order, with a line at each
/// grade's lower bound; drawn from the 通报 sheet's columns.
fn totals_chart(merged: &Merged, rubric: &Rubric, notice: &str) -> Option<rust_xlsxwriter::Chart> {
    use rust_xlsxwriter::{Chart, ChartType};
    let n = merged.districts.len();
    if n == 0 || n > CHARTED {
        return None;
    }
    let last = n as u32 + 1;
    let mut chart = Chart::new(ChartType::Column);
    chart.title().set_name(&super::publication::title(rubric));
    chart
        .add_series()
        .set_name("总分")
        .set_categories((notice, 2, 1, last, 1))
        .set_values((notice, 2, 2, last, 2));
    let bands = grade_lines(rubric);
    if !bands.is_empty() {
        let first = super::publication::header(rubric).len() as u16;
        let mut lines = Chart::new(ChartType::Line);
        for (i, (name, _)) in bands.iter().enumerate() {
            let c = first + i as u16;
            lines
                .add_series()
                .set_name(&format!("{name}线"))
                .set_categories((notice, 2, 1, last, 1))
                .set_values((notice, 2, c, last, c));
        }
        chart.combine(&lines);
    }
    chart.set_width(((n as u32) * 40).clamp(480, 1600));
    Some(chart)
}

/// One department's sheet: its files, its scores by district and unit
/// (ids, then names), then every note and missing-evidence flag.
fn department_sheet(
    ws: &mut Worksheet,
    merged: &Merged,
    rubric: &Rubric,
    sheet: &DepartmentSheet,
    points: &Format,
    bold: &Format,
) -> Result<(), XlsxError> {
    let info = merged
        .files
        .iter()
        .filter(|f| f.department == sheet.department)
        .map(|f| format!("{}  r{}  {}  key {}", f.file, f.revision, f.scorer, f.key_id))
        .collect::<Vec<_>>()
        .join("; ");
    // Constant-memory sheets take their layout before their first row.
    // The number format goes on the columns: a format given per cell is
    // looked up per cell, a third of the time of a national-scale workbook.
    ws.set_column_width(0, 16)?;
    ws.set_freeze_panes(3, 1)?;
    ws.set_column_range_format(1, sheet.units.len().max(1) as u16, points)?;
    ws.text_with(0, 0, format!("{}  {info}", sheet.department), bold)?;
    ws.text_with(1, 0, "区县", bold)?;
    for (c, unit) in sheet.units.iter().enumerate() {
        ws.text_with(1, c as u16 + 1, unit, bold)?;
    }
    // Constant-memory rows go out in order: a row once left is written.
    ws.text_with(2, 0, "项目", bold)?;
    for (c, name) in sheet.names.iter().enumerate() {
        ws.text(2, c as u16 + 1, short_name(name))?;
    }
    for (r, (district, row)) in rubric.districts.iter().zip(&sheet.cells).enumerate() {
        let r = r as u32 + 3;
        ws.text(r, 0, district)?;
        for (c, cell) in row.iter().enumerate() {
            if let Some(v) = cell {
                ws.write_number(r, c as u16 + 1, number(*v))?;
            }
        }
    }
    if sheet.notes.is_empty() {
        return Ok(());
    }
    let mut r = rubric.districts.len() as u32 + 4;
    for (c, title) in [
        "区县",
        "项目",
        "名称",
        "评分依据 note",
        "缺印证材料 evidence missing",
        "评分人 scorer",
    ]
    .iter()
    .enumerate()
    {
        ws.text_with(r, c as u16, *title, bold)?;
    }
    for note in &sheet.notes {
        r += 1;
        ws.text(r, 0, &note.district)?;
        ws.text(r, 1, sheet.units.get(note.unit).map_or("", String::as_str))?;
        ws.text(r, 2, sheet.names.get(note.unit).map_or("", String::as_str))?;
        ws.text(r, 3, &note.note)?;
        if note.evidence_missing {
            ws.text(r, 4, "缺")?;
        }
        ws.text(r, 5, &note.scorer)?;
    }
    Ok(())
}

/// A unit's name cut for its column's header; the notes below carry it whole.
fn short_name(name: &str) -> String {
    const SHOWN: usize = 24;
    if name.chars().count() > SHOWN {
        name.chars().take(SHOWN - 1).chain(['…']).collect()
    } else {
        name.to_string()
    }
}

/// 核查提示: each flag with its kind, department, unit, districts and what was seen.
fn flags_sheet(ws: &mut Worksheet, merged: &Merged, bold: &Format) -> Result<(), XlsxError> {
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 22)?;
    ws.set_column_width(3, 40)?;
    ws.set_column_width(4, 40)?;
    for (c, title) in ["提示", "部门", "项目", "地区", "情况"].iter().enumerate() {
        ws.text_with(0, c as u16, *title, bold)?;
    }
    if merged.flags.is_empty() {
        ws.text(1, 0, "没有需要核查的提示")?;
    }
    for (r, flag) in merged.flags.iter().enumerate() {
        let r = r as u32 + 1;
        ws.text(r, 0, flag.kind.words())?;
        ws.text(r, 1, flag.department.as_deref().unwrap_or(""))?;
        ws.text(r, 2, flag.unit.as_deref().unwrap_or(""))?;
        ws.text(r, 3, flag.districts.join("、"))?;
        ws.text(r, 4, &flag.detail)?;
    }
    Ok(())
}

/// 缺项: every department without a file and every cell left empty.
fn coverage_sheet(coverage: &mut Worksheet, merged: &Merged, bold: &Format) -> Result<(), XlsxError> {
    coverage.set_column_width(0, 22)?;
    coverage.set_column_width(1, 16)?;
    coverage.set_column_width(4, 22)?;
    for (c, title) in ["部门", "区县", "项目", "子项", "说明"].iter().enumerate() {
        coverage.text_with(0, c as u16, *title, bold)?;
    }
    for (r, m) in merged.missing.iter().enumerate() {
        let r = r as u32 + 1;
        match m {
            Missing::NoFile { department } => {
                coverage.text(r, 0, department)?;
                coverage.text(r, 4, "未提交评分文件 no file")?;
            }
            Missing::Cell {
                department,
                district,
                item,
                sub,
            } => {
                coverage.text(r, 0, department)?;
                coverage.text(r, 1, district)?;
                coverage.text(r, 2, item)?;
                if let Some(sub) = sub {
                    coverage.text(r, 3, sub)?;
                }
                coverage.text(r, 4, "未评分 not scored")?;
            }
        }
    }
    Ok(())
}

/// 文件: the files used and those superseded.
fn files_sheet(files: &mut Worksheet, merged: &Merged, bold: &Format) -> Result<(), XlsxError> {
    files.set_column_width(0, 22)?;
    files.set_column_width(1, 48)?;
    for (c, title) in ["部门", "文件", "修订", "评分人", "密钥", "可信", "时间", "说明"]
        .iter()
        .enumerate()
    {
        files.text_with(0, c as u16, *title, bold)?;
    }
    let mut r = 1;
    for f in &merged.files {
        files.text(r, 0, &f.department)?;
        files.text(r, 1, &f.file)?;
        files.write_number(r, 2, f.revision as f64)?;
        files.text(r, 3, &f.scorer)?;
        files.text(r, 4, &f.key_id)?;
        files.text(r, 5, if f.trusted { "是" } else { "否" })?;
        files.text(r, 6, &f.created)?;
        files.text(r, 7, "采用 used")?;
        r += 1;
    }
    for s in &merged.superseded {
        files.text(r, 0, &s.department)?;
        files.text(r, 1, &s.file)?;
        files.write_number(r, 2, s.revision as f64)?;
        files.text(r, 3, &s.scorer)?;
        files.text(r, 4, &s.key_id)?;
        files.text(r, 7, format!("已被 r{} 取代 superseded", s.by_revision))?;
        r += 1;
    }
    Ok(())
}

fn summary_sheet(
    ws: &mut Worksheet,
    merged: &Merged,
    rubric: &Rubric,
    points: &Format,
    bold: &Format,
    wrap: &Format,
) -> Result<(), XlsxError> {
    // Constant-memory sheets are written row by row: the ids, then the titles.
    let mut ids: Vec<String> = rubric.items.iter().map(|i| i.id.clone()).collect();
    let mut titles: Vec<String> = rubric.items.iter().map(item_title).collect();
    ids.extend(rubric.areas.iter().map(|a| format!("领域 {}", a.id)));
    titles.extend(rubric.areas.iter().map(|a| a.name.clone()));
    // The totals' columns in the CSV's order, its words split over the two rows.
    ids.extend(super::TOTAL_COLUMNS.iter().map(|(zh, _)| zh.to_string()));
    titles.extend(super::TOTAL_COLUMNS.iter().map(|(_, en)| en.to_string()));
    ws.set_column_width(0, 18)?;
    ws.set_freeze_panes(2, 1)?;
    // Items, areas, bonus and total: numbers in the rubric's precision.
    ws.set_column_range_format(1, ids.len().saturating_sub(5) as u16, points)?;
    ws.text_with(0, 0, "区县", bold)?;
    for (c, id) in ids.iter().enumerate() {
        ws.text_with(0, c as u16 + 1, id, bold)?;
    }
    ws.text_with(1, 0, &rubric.title, wrap)?;
    for (c, title) in titles.iter().enumerate() {
        ws.text_with(1, c as u16 + 1, title, wrap)?;
    }
    let after_items = rubric.items.len() as u16 + 1;
    for (r, d) in merged.districts.iter().enumerate() {
        let r = r as u32 + 2;
        ws.text(r, 0, &d.name)?;
        for (i, (score, answer)) in d.items.iter().zip(&d.veto_answers).enumerate() {
            let col = i as u16 + 1;
            match (score, answer) {
                (Some(s), _) => {
                    ws.write_number(r, col, number(*s))?;
                }
                (None, Some(answer)) => {
                    ws.text(r, col, answer.word())?;
                }
                (None, None) => {}
            }
        }
        let mut col = after_items;
        let subtotals = d.areas.iter().map(|a| a.score).chain([
            d.standard,
            d.deductions,
            d.bonus_raw,
            d.bonus_over_cap(),
            d.bonus_counted,
            d.total,
        ]);
        for value in subtotals {
            ws.write_number(r, col, number(value))?;
            col += 1;
        }
        ws.text(r, col, &d.grade)?;
        ws.write_number(r, col + 1, d.rank as f64)?;
        if let Some(v) = &d.veto {
            ws.text(
                r,
                col + 2,
                format!("{} {}（{}）{}", v.item, v.text, v.department, v.note),
            )?;
        }
        if !d.joint.is_empty() {
            ws.text(r, col + 3, d.joint_summary())?;
        }
        ws.write_number(r, col + 4, d.unscored as f64)?;
    }
    if !rubric.graded {
        ws.text(merged.districts.len() as u32 + 3, 0, super::NO_GRADE_SCALE.0)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{CELL_LIMIT, CUT_MARK, fit, sheet_name};

    #[test]
    fn a_text_longer_than_a_cell_is_cut_with_its_mark() {
        assert_eq!(fit("短"), "短");
        let exact = "a".repeat(CELL_LIMIT);
        assert_eq!(fit(&exact), exact.as_str());
        // 𝔸 is two UTF-16 units: the cut never splits one.
        for long in ["注".repeat(CELL_LIMIT + 1), "𝔸".repeat(CELL_LIMIT)] {
            let cut = fit(&long);
            assert!(
                cut.encode_utf16().count() <= CELL_LIMIT,
                "{}",
                cut.encode_utf16().count()
            );
            assert!(cut.ends_with(CUT_MARK));
            assert!(long.starts_with(cut.trim_end_matches(CUT_MARK)));
        }
    }

    #[test]
    fn sheet_names_are_ones_excel_opens() {
        let mut taken = Vec::new();
        let names: Vec<String> = [
            "History",
            "history",
            "市[质监]局:*?/\\'",
            "\u{1b}[2J局",
            "",
            "市质监局",
            "市质监局",
        ]
        .iter()
        .map(|n| sheet_name(n, &mut taken))
        .collect();
        assert_eq!(
            names,
            [
                "History~sheet",
                "history~sheet~2",
                "市质监局",
                "2J局",
                "~sheet",
                "市质监局~2",
                "市质监局~3"
            ]
        );
        let long = sheet_name(&"质".repeat(40), &mut taken);
        assert!(long.chars().count() <= 31, "{long}");
    }
}
