//! The 自评打分表 out: the documents' layout (编号 / 考核内容 / 考核指标 /
//! 分值 / 评分标准 / 自评得分 / 评分依据), every unit of the rubric, one sheet
//! per district, its structure locked and its 自评得分 checked where a
//! spreadsheet can check it. `sheet.rs` reads it back.

use super::{rows_of, short_hash};
use crate::merge::report_xlsx::{fit, sheet_name};
use crate::rubric::{Kind, Rubric, ScoringUnit};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

/// The header's columns, as the documents' 附件3 names them; `编号` first,
/// for the rows to be read back whatever their text.
const HEADER: [&str; 7] = [
    "编号",
    "考核内容",
    "考核指标",
    "分值",
    "评分标准",
    "自评得分",
    "评分依据（注明得分、扣分情况）",
];
const SCORE_COL: u16 = 5;
const REASON_COL: u16 = 6;
/// Title rows above the header: the title, then 地区 / 细则 / 校验码.
const HEADER_ROW: u32 = 2;

/// What the template's 考核内容 says of a unit: its area and key point.
fn content(rubric: &Rubric, unit: &ScoringUnit<'_>) -> String {
    let area = rubric.area_of(unit.item).map_or("", |a| a.name.as_str());
    let point = rubric.key_point(&unit.item.key_point).map_or("", |k| k.name.as_str());
    [area, point]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" / ")
}

/// What the template's 考核指标 says of a unit: the item's text, and for a
/// part the part's. Import compares a row's 考核指标 with this.
pub(super) fn indicator(unit: &ScoringUnit<'_>) -> String {
    let kind = match unit.kind() {
        Kind::Deduction => "【扣分项】",
        Kind::Bonus => "【加分项】",
        Kind::Veto => "【否决项】",
        Kind::Standard => "",
    };
    match unit.sub {
        Some(sub) => format!("{kind}{}\n（{}）{}", unit.item.text, sub.id, sub.text),
        None => format!("{kind}{}", unit.item.text),
    }
}

/// What the 分值 column says: the points of a standard unit as a number;
/// in words the others.
enum Points {
    Number(rust_decimal::Decimal),
    Words(String),
}

fn points(unit: &ScoringUnit<'_>) -> Points {
    let shown = |p| crate::points::shown(p);
    match (unit.kind(), unit.points) {
        (Kind::Standard, Some(p)) => Points::Number(p),
        (Kind::Bonus, Some(p)) => Points::Words(format!("加分，最多加 {} 分", shown(p))),
        (Kind::Deduction, Some(p)) => Points::Words(format!("扣分，最多扣 {} 分", shown(p))),
        (Kind::Deduction, None) => Points::Words("扣分".into()),
        (Kind::Veto, _) => Points::Words("否决".into()),
        (_, None) => Points::Words(String::new()),
    }
}

/// How the 自评得分 of a unit is written, said in the cell's input message.
fn how_to_fill(unit: &ScoringUnit<'_>) -> String {
    let shown = |p| crate::points::shown(p);
    match (unit.kind(), unit.points) {
        (Kind::Veto, _) => "否决项：填 是 或 否".into(),
        (Kind::Deduction, Some(p)) => format!("扣分项：填扣去的分数（如 0.5），最多 {}；没有扣分填 0", shown(p)),
        (Kind::Deduction, None) => "扣分项：填扣去的分数（如 0.5）；没有扣分填 0".into(),
        (Kind::Bonus, Some(p)) => format!("加分项：填加的分数，0 到 {}", shown(p)),
        (_, Some(p)) => format!("填 0 到 {} 之间的分数", shown(p)),
        (_, None) => "填分数".into(),
    }
}

/// The 自评打分表 for `districts` (one sheet each) as an .xlsx: title, the
/// district and the rubric's check code above the header; every unit a
/// row; only 自评得分 and 评分依据 editable.
pub fn template_xlsx(rubric: &Rubric, districts: &[String]) -> Result<Vec<u8>, XlsxError> {
    let hash = crate::rubric::hash::rubric_hash(rubric);
    let mut book = Workbook::new();
    let locked = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let bold = locked.clone().set_bold().set_background_color("#DDEBF7");
    let open = locked.clone().set_unlocked().set_background_color("#FFF2CC");
    let title = Format::new().set_bold().set_font_size(14);
    let units = rows_of(rubric);
    let mut taken = Vec::new();
    for district in districts {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(district, &mut taken))?;
        sheet.write_string_with_format(0, 0, fit(&format!("{} 自评打分表", rubric.title)), &title)?;
        let mut col = 0;
        for (label, value) in [
            ("地区", district.as_str()),
            ("细则", rubric.id.as_str()),
            ("校验码", short_hash(&hash)),
        ] {
            sheet.write_string_with_format(1, col, label, &bold)?;
            sheet.write_string_with_format(1, col + 1, fit(value), &locked)?;
            col += 2;
        }
        for (c, name) in HEADER.iter().enumerate() {
            sheet.write_string_with_format(HEADER_ROW, c as u16, *name, &bold)?;
        }
        for (i, unit) in units.iter().enumerate() {
            let row = HEADER_ROW + 1 + i as u32;
            sheet.write_string_with_format(row, 0, unit.key(), &locked)?;
            sheet.write_string_with_format(row, 1, fit(&content(rubric, unit)), &locked)?;
            sheet.write_string_with_format(row, 2, fit(&indicator(unit)), &locked)?;
            match points(unit) {
                Points::Number(p) => sheet.write_number_with_format(row, 3, p.to_f64().unwrap_or(0.0), &locked)?,
                Points::Words(w) => sheet.write_string_with_format(row, 3, w, &locked)?,
            };
            let criteria = if unit.item.criteria == unit.item.text {
                String::new()
            } else {
                unit.item.criteria.clone()
            };
            sheet.write_string_with_format(row, 4, fit(&criteria), &locked)?;
            sheet.write_blank(row, SCORE_COL, &open)?;
            sheet.write_blank(row, REASON_COL, &open)?;
            sheet.add_data_validation(row, SCORE_COL, row, SCORE_COL, &validation(unit)?)?;
        }
        for (c, width) in [8.0, 18.0, 40.0, 8.0, 48.0, 10.0, 36.0].into_iter().enumerate() {
            sheet.set_column_width(c as u16, width)?;
        }
        sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
        sheet.protect();
    }
    book.save_to_buffer()
}

/// The spreadsheet's own check on a 自评得分 cell: the unit's range, or 是/否.
fn validation(unit: &ScoringUnit<'_>) -> Result<DataValidation, XlsxError> {
    let f = |d: rust_decimal::Decimal| d.to_f64().unwrap_or(0.0);
    let message = how_to_fill(unit);
    let check = match (unit.kind(), unit.points) {
        (Kind::Veto, _) => DataValidation::new().allow_list_strings(&["是", "否"])?,
        (Kind::Deduction, Some(p)) => {
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(-f(p), f(p)))
        }
        (Kind::Deduction, None) => DataValidation::new().allow_any_value(),
        (_, Some(p)) => DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, f(p))),
        (_, None) => DataValidation::new().allow_any_value(),
    };
    // Excel caps an input message at 255 characters.
    let message: String = message.chars().take(250).collect();
    check
        .set_input_message(message)?
        .set_error_message("此项的自评得分超出了细则的范围")
}

/// The same sheet for one district as CSV (UTF-8 with its mark, for Excel).
pub fn template_csv(rubric: &Rubric, district: &str) -> Result<Vec<u8>, csv::Error> {
    let hash = crate::rubric::hash::rubric_hash(rubric);
    let inert = crate::merge::inert_csv_cell;
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record([inert(&format!("{} 自评打分表", rubric.title))])?;
    writer.write_record([
        "地区",
        &inert(district),
        "细则",
        &inert(&rubric.id),
        "校验码",
        short_hash(&hash),
    ])?;
    writer.write_record(HEADER)?;
    for unit in rows_of(rubric) {
        let points = match points(&unit) {
            Points::Number(p) => crate::points::shown(p),
            Points::Words(w) => w,
        };
        let criteria = if unit.item.criteria == unit.item.text {
            ""
        } else {
            unit.item.criteria.as_str()
        };
        writer.write_record([
            unit.key(),
            inert(&content(rubric, &unit)),
            inert(&indicator(&unit)),
            points,
            inert(criteria),
            String::new(),
            String::new(),
        ])?;
    }
    writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
