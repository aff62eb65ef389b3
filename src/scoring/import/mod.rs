//! Scores typed into a spreadsheet, read into a department's draft: every
//! row is checked as the workbench would check it, and a file with any bad
//! row imports nothing. Here: reading a sheet into rows (its header found
//! by meaning, its cells typed); `rows.rs`: checking the rows against the
//! rubric and writing them.

mod rows;

pub use rows::import_rows;

use super::grid::{self, Cell};
use super::workbook::{OpenError, TooBig};
use crate::lang::Lang;
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
    /// The events of a per-event unit (事件), one a line or separated by `；`.
    pub events: String,
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
    /// The worksheet read, for a workbook, and the hidden ones passed over
    /// before it (`None` for a CSV).
    pub sheet: Option<SheetRead>,
}

/// Which sheet of a workbook was read: the first visible worksheet, and
/// the hidden ones passed over before it, so that what was read is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRead {
    pub name: String,
    pub hidden_before: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: cannot read it: {reason}")]
    Unreadable { path: String, reason: String },
    /// The file itself could not be read.
    #[error("{path}: cannot read it: {reason}")]
    NotRead {
        path: String,
        kind: std::io::ErrorKind,
        reason: String,
    },
    #[error("{path}: {size} bytes is too large for a score sheet (the limit is {MAX_IMPORT_BYTES})")]
    TooLarge { path: String, size: u64 },
    #[error("{path}: {}", .limit.words(Lang::En))]
    TooBig { path: String, limit: TooBig },
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

impl ImportError {
    /// The file's fault in the analyst's language.
    pub fn words(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            ImportError::Unreadable { path, reason } => format!("{path}：无法读取：{reason}"),
            ImportError::NotRead { path, kind, .. } => {
                format!("{path}：无法读取（{}）", crate::tui::i18n::read_reason_zh(*kind))
            }
            ImportError::TooLarge { path, size } => {
                format!("{path}：{size} 字节，超过评分表的上限（{MAX_IMPORT_BYTES} 字节）")
            }
            ImportError::TooBig { path, limit } => format!("{path}：{}", limit.words(lang)),
            ImportError::UnknownKind { path } => {
                format!("{path}：kaohe 只导入 .csv 和 .xlsx 文件（请把表格另存为其中一种）")
            }
            ImportError::Header { path, found, missing } => format!(
                "{path}：表头要写明 区县、项目、得分 三列（备注列可选）；现有：{}；缺少：{}",
                if found.is_empty() {
                    "无".to_string()
                } else {
                    found.join("、")
                },
                missing.iter().map(|m| column_zh(m)).collect::<Vec<_>>().join("、")
            ),
            ImportError::DuplicateColumn { path, column } => format!("{path}：表头里 {column} 列出现了两次"),
            ImportError::Empty { path } => format!("{path}：表头下面没有评分行"),
        }
    }
}

/// A column as the Chinese template names it.
fn column_zh(name: &str) -> &str {
    match name {
        "district" => "区县",
        "item" => "项目",
        "score" => "得分",
        "note" => "备注",
        other => other,
    }
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
        let column = column_zh(self.column);
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
    /// Scores (or veto answers) and notes a row cleared with [`CLEAR`].
    pub scores_cleared: usize,
    pub notes_cleared: usize,
    /// Rows left blank (no score and no note): a template's unfilled cells.
    pub blank: usize,
    pub scores: usize,
    pub notes: usize,
    /// Cells whose content changed.
    pub changed: usize,
    pub unchanged: usize,
}

/// What a score or note cell holds to empty the draft's (a blank cell
/// leaves it as it is: a template's unfilled cells say nothing).
pub const CLEAR: [&str; 2] = ["清除", "clear"];

/// Whether a cell's text is [`CLEAR`].
pub fn clears(text: &str) -> bool {
    let text = text.trim();
    text == CLEAR[0] || text.eq_ignore_ascii_case(CLEAR[1])
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Column {
    District,
    Item,
    Score,
    Note,
    Events,
}

impl Column {
    fn name(self) -> &'static str {
        match self {
            Column::District => "district",
            Column::Item => "item",
            Column::Score => "score",
            Column::Note => "note",
            Column::Events => "events",
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
            "events" | "事件" => Some(Column::Events),
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
    let unreadable = |reason: String| ImportError::Unreadable {
        path: shown.to_string(),
        reason,
    };
    let (sheet, grid) = match kind {
        SheetKind::Csv => (None, grid::csv_grid(bytes).map_err(unreadable)?),
        SheetKind::Workbook => match grid::sheet_grid(bytes) {
            Ok((sheet, grid)) => (Some(sheet), grid),
            Err(OpenError::Unreadable(reason)) => return Err(unreadable(reason)),
            Err(OpenError::TooBig(limit)) => {
                return Err(ImportError::TooBig {
                    path: shown.to_string(),
                    limit,
                });
            }
        },
    };
    Ok(Table {
        sheet,
        ..table(shown, grid)?
    })
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
        sheet: None,
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
        events: String::new(),
        score_not_text: None,
        unsaved: None,
    };
    for (i, cell) in cells.iter().enumerate() {
        // kaohe's own sheets mark a cell that would run as a formula.
        let text = crate::merge::uninert_csv_cell(cell.text()).to_string();
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
            Some(Column::Events) => row.events = text,
            None => {}
        }
    }
    row
}
