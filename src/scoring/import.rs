//! Scores typed into a spreadsheet, read into a department's draft: every
//! row is checked as the workbench would check it, and a file with any bad
//! row imports nothing.

use super::grid::{self, Cell};
use crate::lang::Lang;
use crate::rubric::units::UnitIndex;
use crate::rubric::{Kind, Rubric, ScoringUnit};
use crate::scoring::bounds::{self, ReadScoreError};
use crate::scoring::draft::{Draft, unit_key};
use std::collections::HashMap;
use std::fmt;

/// Larger than any real score sheet; a bigger file is not one.
pub const MAX_IMPORT_BYTES: u64 = 32 * 1024 * 1024;

/// One data row as read, before any checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row number a spreadsheet shows (the header is row 1).
    pub line: usize,
    pub district: String,
    pub item: String,
    pub score: String,
    pub note: String,
    /// What a score cell held when it was not text or a number (a date, a
    /// formula error): said in the row's error.
    pub score_not_text: Option<String>,
    /// A district, item or note cell that is a formula with no value saved:
    /// the column and the cell (`A5: =B1`).
    pub unsaved: Option<(&'static str, String)>,
}

/// A read table: its rows, and the header columns it did not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Row>,
    pub ignored_columns: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: cannot read it: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{path}: {size} bytes is too large for a score sheet (the limit is {MAX_IMPORT_BYTES})")]
    TooLarge { path: String, size: u64 },
    #[error("{path}: kaohe imports .csv and .xlsx files (save the sheet as one of them)")]
    UnknownKind { path: String },
    #[error(
        "{path}: the first row must name the columns district, item, score (and optionally note), or 区县, 项目, 得分, 备注; it has: {}; missing: {}",
        if .found.is_empty() { "nothing".to_string() } else { .found.join(", ") },
        .missing.join(", ")
    )]
    Header {
        path: String,
        found: Vec<String>,
        missing: Vec<String>,
    },
    #[error("{path}: the column {column} appears twice in the header")]
    DuplicateColumn { path: String, column: String },
    #[error("{path}: no rows of scores under the header")]
    Empty { path: String },
}

/// What is wrong with one row, and in which column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub column: &'static str,
    pub value: String,
    pub reason: String,
}

impl RowError {
    /// The row's fault in the analyst's language: which row, which column
    /// (as the template names it), what it held and why it is refused.
    pub fn words(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let column = match self.column {
            "district" => "区县",
            "item" => "项目",
            "score" => "得分",
            "note" => "备注",
            other => other,
        };
        let value = if self.value.is_empty() {
            String::new()
        } else {
            format!("“{}”：", self.value)
        };
        format!("第 {} 行：{column}列：{value}{}", self.line, self.reason)
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}: column {}: ", self.line, self.column)?;
        if !self.value.is_empty() {
            write!(f, "\"{}\": ", self.value)?;
        }
        f.write_str(&self.reason)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub rows: usize,
    /// Rows left blank (no score and no note): a template's unfilled cells.
    pub blank: usize,
    pub scores: usize,
    pub notes: usize,
    /// Cells whose content changed.
    pub changed: usize,
    pub unchanged: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Column {
    District,
    Item,
    Score,
    Note,
}

impl Column {
    fn name(self) -> &'static str {
        match self {
            Column::District => "district",
            Column::Item => "item",
            Column::Score => "score",
            Column::Note => "note",
        }
    }

    fn of_header(text: &str) -> Option<Column> {
        let t = text.trim().trim_start_matches('\u{feff}').to_lowercase();
        match t.as_str() {
            "district" | "区县" | "地区" | "县市区" | "县区" | "区" => Some(Column::District),
            // 序号 numbers the rows (1, 2, 3), it is no item id: not read.
            "item" | "项目" | "考核项目" | "编号" | "指标" => Some(Column::Item),
            "score" | "得分" | "分数" | "评分" => Some(Column::Score),
            "note" | "备注" | "评分依据" | "说明" => Some(Column::Note),
            _ => None,
        }
    }
}

/// The column `kaohe template` writes each unit's text in, to read while
/// filling the sheet; import reads past it.
pub const TEXT_COLUMN: &str = "内容";

/// What a score sheet is, by its file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    /// UTF-8 CSV (a byte-order mark is allowed).
    Csv,
    /// A workbook: `.xlsx`, `.xlsm`, `.xls` or `.ods`; its first sheet is read.
    Workbook,
}

impl SheetKind {
    pub fn of_extension(extension: &str) -> Option<SheetKind> {
        match extension.to_lowercase().as_str() {
            "csv" | "txt" => Some(SheetKind::Csv),
            "xlsx" | "xlsm" | "xls" | "ods" => Some(SheetKind::Workbook),
            _ => None,
        }
    }
}

/// A score sheet's table from its bytes (`shown` names it in errors).
pub fn read_table(shown: &str, kind: SheetKind, bytes: &[u8]) -> Result<Table, ImportError> {
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            path: shown.to_string(),
            size: bytes.len() as u64,
        });
    }
    let grid = match kind {
        SheetKind::Csv => grid::csv_grid(bytes),
        SheetKind::Workbook => grid::sheet_grid(bytes),
    }
    .map_err(|reason| ImportError::Unreadable {
        path: shown.to_string(),
        reason,
    })?;
    table(shown, grid)
}

/// Rows a sheet may have above its header (a title, a date, a unit).
const TITLE_ROWS: usize = 5;

fn table(path: &str, grid: Vec<(usize, Vec<Cell>)>) -> Result<Table, ImportError> {
    // The header is the first row that names the district, item and score
    // columns, within the first few: a title row above it is passed over.
    let names_columns = |cells: &[Cell]| {
        [Column::District, Column::Item, Column::Score]
            .iter()
            .all(|c| cells.iter().any(|cell| Column::of_header(cell.text()) == Some(*c)))
    };
    let header_at = grid
        .iter()
        .take(TITLE_ROWS + 1)
        .position(|(_, cells)| names_columns(cells))
        .unwrap_or(0);
    let mut rows_iter = grid
        .into_iter()
        .skip(header_at)
        .skip_while(|(_, cells)| cells.iter().all(|c| c.text().trim().is_empty()));
    let Some((_, header)) = rows_iter.next() else {
        return Err(ImportError::Header {
            path: path.to_string(),
            found: Vec::new(),
            missing: vec!["district".into(), "item".into(), "score".into()],
        });
    };
    let mut columns: HashMap<usize, Column> = HashMap::new();
    let mut ignored = Vec::new();
    for (i, cell) in header.iter().enumerate() {
        match Column::of_header(cell.text()) {
            Some(c) if columns.values().any(|&seen| seen == c) => {
                return Err(ImportError::DuplicateColumn {
                    path: path.to_string(),
                    column: c.name().to_string(),
                });
            }
            Some(c) => {
                columns.insert(i, c);
            }
            // The template's own reading column is expected, not ignored.
            None if cell.text().trim() == TEXT_COLUMN => {}
            None if !cell.text().trim().is_empty() => ignored.push(cell.text().trim().to_string()),
            None => {}
        }
    }
    let missing: Vec<String> = [Column::District, Column::Item, Column::Score]
        .into_iter()
        .filter(|c| !columns.values().any(|seen| seen == c))
        .map(|c| c.name().to_string())
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::Header {
            path: path.to_string(),
            found: header
                .iter()
                .map(|c| c.text().trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
            missing,
        });
    }
    let mut rows = Vec::new();
    for (line, cells) in rows_iter {
        let row = read_row(line, &cells, &columns);
        let blank = [&row.district, &row.item, &row.score, &row.note]
            .iter()
            .all(|t| t.trim().is_empty())
            && row.score_not_text.is_none()
            && row.unsaved.is_none();
        if !blank {
            rows.push(row);
        }
    }
    if rows.is_empty() {
        return Err(ImportError::Empty { path: path.to_string() });
    }
    Ok(Table {
        rows,
        ignored_columns: ignored,
    })
}

/// One sheet row, by the columns the header named.
fn read_row(line: usize, cells: &[Cell], columns: &HashMap<usize, Column>) -> Row {
    let mut row = Row {
        line,
        district: String::new(),
        item: String::new(),
        score: String::new(),
        note: String::new(),
        score_not_text: None,
        unsaved: None,
    };
    for (i, cell) in cells.iter().enumerate() {
        let text = cell.text().to_string();
        let column = columns.get(&i).copied();
        match (column, cell) {
            (Some(Column::Score), Cell::Other(what)) => row.score_not_text = Some(what.clone()),
            (Some(Column::Score), Cell::Unsaved(formula)) => {
                row.score_not_text = Some(format!("a formula with no value saved ({formula})"));
            }
            (Some(other), Cell::Unsaved(formula)) if row.unsaved.is_none() => {
                row.unsaved = Some((other.name(), formula.clone()));
            }
            _ => {}
        }
        match column {
            Some(Column::District) => row.district = text,
            Some(Column::Item) => row.item = text,
            Some(Column::Score) => row.score = text,
            Some(Column::Note) => row.note = text,
            None => {}
        }
    }
    row
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Check every row against the rubric and, only if all are good, write
/// them into the draft.
pub fn import_rows(
    rubric: &Rubric,
    department: &str,
    rows: &[Row],
    draft: &mut Draft,
    lang: Lang,
) -> Result<ImportSummary, Vec<RowError>> {
    let say = |zh: String, en: String| if lang == Lang::Zh { zh } else { en };
    let index = UnitIndex::new(rubric);
    let units = index.units();
    let mut errors = Vec::new();
    let mut seen: HashMap<(String, usize), usize> = HashMap::new();
    let mut accepted = Vec::new();
    let mut blank = 0;
    for row in rows {
        // A row with neither score nor note says nothing: a template's cell
        // not filled in yet. It is skipped, not refused.
        if row.score.trim().is_empty()
            && row.note.trim().is_empty()
            && row.score_not_text.is_none()
            && row.unsaved.is_none()
        {
            blank += 1;
            continue;
        }
        let fail = |column: &'static str, value: &str, reason: String| RowError {
            line: row.line,
            column,
            value: value.trim().to_string(),
            reason,
        };
        if let Some((column, formula)) = &row.unsaved {
            errors.push(fail(column, "", unsaved_formula(lang, formula)));
            continue;
        }
        let district = row.district.trim();
        let district_ok = match check_district(lang, rubric, district) {
            Ok(()) => true,
            Err(reason) => {
                errors.push(fail("district", district, reason));
                false
            }
        };
        let unit = match resolve_unit(lang, rubric, department, &index, row.item.trim()) {
            Ok(u) => Some(u),
            Err(reason) => {
                errors.push(fail("item", &row.item, reason));
                None
            }
        };
        let Some(u) = unit else { continue };
        let unit = &units[u];
        let value = match read_value(lang, unit, rubric.precision, row) {
            Ok(v) => v,
            Err(reason) => {
                errors.push(fail("score", &row.score, reason));
                continue;
            }
        };
        if !district_ok {
            continue;
        }
        if let Some(first) = seen.insert((district.to_string(), u), row.line) {
            errors.push(fail(
                "item",
                &row.item,
                say(
                    format!("{district} / {} 已在第 {first} 行；两行只留一行", unit_name(unit)),
                    format!(
                        "{district} / {} is already in row {first}; keep one of the two rows",
                        unit_name(unit)
                    ),
                ),
            ));
            continue;
        }
        accepted.push((
            district.to_string(),
            unit_name(unit),
            value,
            row.note.trim().to_string(),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut summary = write_rows(draft, accepted, rows.len() - blank);
    summary.blank = blank;
    Ok(summary)
}

/// A district of the rubric, as a row names it.
fn check_district(lang: Lang, rubric: &Rubric, district: &str) -> Result<(), String> {
    let zh = lang == Lang::Zh;
    if rubric.districts.iter().any(|d| d == district) {
        Ok(())
    } else if district.is_empty() {
        Err(if zh {
            "空白；请写评分细则中的一个地区"
        } else {
            "empty; write one of the rubric's districts"
        }
        .to_string())
    } else if zh {
        Err(format!(
            "不是 {} 的地区；它的地区有：{}",
            rubric.id,
            rubric.districts.join("、")
        ))
    } else {
        Err(format!(
            "not a district of {}; its districts: {}",
            rubric.id,
            rubric.districts.join("、")
        ))
    }
}

/// Write checked rows into the draft, counting what they changed.
fn write_rows(draft: &mut Draft, accepted: Vec<(String, String, Value, String)>, rows: usize) -> ImportSummary {
    let mut summary = ImportSummary {
        rows,
        ..ImportSummary::default()
    };
    for (district, key, value, note) in accepted {
        let old = draft.cell(&district, &key).cloned().unwrap_or_default();
        let mut cell = old.clone();
        match value {
            Value::Score(s) => {
                summary.scores += 1;
                if cell.score != Some(s) {
                    cell.score = Some(s);
                    // The helper's inputs explained the old score, not this one.
                    cell.input = None;
                }
            }
            Value::Veto(v) => {
                summary.scores += 1;
                cell.veto = Some(v);
            }
            Value::NoteOnly => {}
        }
        if !note.is_empty() {
            summary.notes += 1;
            cell.note = note;
        }
        if cell == old {
            summary.unchanged += 1;
        } else {
            summary.changed += 1;
            draft.set_cell(&district, &key, cell);
        }
    }
    summary
}

fn unit_name(unit: &ScoringUnit<'_>) -> String {
    unit_key(&unit.item.id, unit.sub.map(|s| s.id.as_str()))
}

/// The scoring unit a row means: a unit key (`1.1.3`, `2.1.2#3`), an item
/// id whose one part the department scores, or the item's exact text.
fn resolve_unit(
    lang: Lang,
    rubric: &Rubric,
    department: &str,
    index: &UnitIndex<'_>,
    item: &str,
) -> Result<usize, String> {
    let zh = lang == Lang::Zh;
    let units = index.units();
    if item.is_empty() {
        return Err(if zh {
            "空白；请写项目编号（如 1.1.3）或项目原文"
        } else {
            "empty; write the item's id (such as 1.1.3) or its text"
        }
        .into());
    }
    let candidates: Vec<usize> = if let Some(u) = index.find_key(item) {
        // A joint veto or deduction has one unit per reporting department.
        let same = index.all(&units[u].item.id, units[u].sub.map(|s| s.id.as_str())).len();
        (u..u + same).collect()
    } else {
        let wanted = squeeze(item);
        let ids: Vec<&str> = rubric
            .items
            .iter()
            .filter(|it| it.id == item || squeeze(&it.text) == wanted)
            .map(|it| it.id.as_str())
            .collect();
        units
            .iter()
            .enumerate()
            .filter(|(_, u)| ids.contains(&u.item.id.as_str()))
            .map(|(i, _)| i)
            .collect()
    };
    if candidates.is_empty() {
        return Err(if zh {
            format!(
                "{} 中没有这个编号或原文的项目；请用 kaohe rubric show {} --dept {department} 列出的编号",
                rubric.id, rubric.id
            )
        } else {
            format!(
                "no item of {} has this id or text; use the id that `kaohe rubric show {} --dept {department}` lists",
                rubric.id, rubric.id
            )
        });
    }
    let mine: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&u| units[u].department == department)
        .collect();
    match mine.as_slice() {
        [one] => Ok(*one),
        [] => {
            let mut owners: Vec<&str> = candidates.iter().map(|&u| units[u].department).collect();
            owners.dedup();
            let named = if candidates.len() == 1 {
                unit_name(&units[candidates[0]])
            } else {
                units[candidates[0]].item.id.clone()
            };
            Err(if zh {
                format!("{named} 由 {} 评分，不归 {department}；请留给他们", owners.join("、"))
            } else {
                format!(
                    "{named} is scored by {}, not by {department}; leave it to them",
                    owners.join("、")
                )
            })
        }
        many => {
            let parts = many.iter().map(|&u| unit_name(&units[u])).collect::<Vec<_>>();
            Err(if zh {
                format!("{department} 评此项的几个部分；请写明是哪一部分：{}", parts.join("、"))
            } else {
                format!(
                    "{department} scores several parts of this item; name one: {}",
                    parts.join(", ")
                )
            })
        }
    }
}

enum Value {
    Score(rust_decimal::Decimal),
    Veto(bool),
    NoteOnly,
}

/// A number with more places than the rubric scores to that lies within
/// 1e-9 of one that has them is a float's artifact (a sheet that computed
/// 0.1 + 0.2): read as that number. Any other number is left as written,
/// to be refused if it breaks the rubric's precision.
fn settle_float(text: &str, precision: u32) -> String {
    use rust_decimal::Decimal;
    let Ok(value) = text.parse::<Decimal>() else {
        return text.to_string();
    };
    if value.scale() <= precision {
        return text.to_string();
    }
    let rounded = value.round_dp(precision);
    if (value - rounded).abs() <= Decimal::new(1, 9) {
        rounded.normalize().to_string()
    } else {
        text.to_string()
    }
}

/// Why a formula cell with no value is refused, and how to give it one.
fn unsaved_formula(lang: Lang, formula: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "此格是公式，但没有保存计算结果（{formula}）；请在 Excel 或 WPS 中打开表格并保存一次，或直接填入数值"
        ),
        Lang::En => format!(
            "the cell is a formula with no value saved ({formula}); open the sheet in Excel or WPS and save it, so that the value is stored, or type the value"
        ),
    }
}

fn read_value(lang: Lang, unit: &ScoringUnit<'_>, precision: u32, row: &Row) -> Result<Value, String> {
    let zh = lang == Lang::Zh;
    if let Some(what) = &row.score_not_text {
        return Err(if zh {
            format!("此格是 {what}，不是分数；请把分数写成数字")
        } else {
            format!("the cell holds {what}, not a score; type the score as a number")
        });
    }
    // Full-width digits (１.５) as an input method types them, and a float
    // a sheet computed (0.30000000000000004) as the score it stands for.
    let typed = crate::scoring::entry::normalize(row.score.trim());
    let text = settle_float(&typed, precision);
    let (text, note) = (text.as_str(), row.note.as_str());
    if text.is_empty() {
        return if note.trim().is_empty() {
            Err(if zh {
                "空白，这一行也没有备注；请填分数，或删去这一行"
            } else {
                "empty, and the row has no note either; give a score or remove the row"
            }
            .into())
        } else {
            Ok(Value::NoteOnly)
        };
    }
    if unit.item.kind == Kind::Veto {
        let applies = crate::scoring::rule::yes_no(text).ok_or_else(|| {
            if zh {
                "否决项只填 是 或 否（1 或 0）"
            } else {
                "a veto item takes 是 or 否 (yes or no, 1 or 0)"
            }
            .to_string()
        })?;
        let held = crate::scoring::rule::Held {
            score: None,
            veto: Some(applies),
            input: None,
            note,
        };
        crate::scoring::rule::check(unit, held, precision).map_err(|e| e.words(lang))?;
        return Ok(Value::Veto(applies));
    }
    bounds::read_score(text, unit, precision)
        .map(Value::Score)
        .map_err(|e| match e {
            ReadScoreError::NotANumber if zh => "不是数字；请写成 4.5 这样的小数".to_string(),
            ReadScoreError::NotANumber => "not a number; write a decimal such as 4.5".to_string(),
            ReadScoreError::Rule(refusal) => refusal.words(lang),
        })
}
