//! A score sheet's bytes as rows of cells, each row with its line (CSV) or
//! row number (workbook) as the sheet shows it: the encodings, separators
//! and cell types real sheets come in. What the rows mean is `import`'s.

/// A sheet's rows, each with its row number as the sheet shows it.
pub(crate) type Grid = Vec<(usize, Vec<Cell>)>;

/// A cell as read: text, or a number from a spreadsheet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Text(String),
    /// Dates, booleans, errors: not something a score column may hold.
    Other(String),
    /// A formula whose value the file does not hold (saved by a program
    /// that does not compute, or generated): what it says, and where
    /// (`C5: =B5*0.1`). It reads as nothing, so it is refused in any column.
    Unsaved(String),
}

impl Cell {
    pub(crate) fn text(&self) -> &str {
        match self {
            Cell::Text(t) | Cell::Other(t) => t,
            Cell::Unsaved(_) => "",
        }
    }
}

/// A CSV as Excel and WPS save one on a Chinese system: UTF-8 (with or
/// without a byte-order mark), UTF-16 with its mark ("Unicode text"), or
/// else GB18030 (GBK's superset, the default "CSV" there).
fn decode_csv(bytes: &[u8]) -> Result<String, String> {
    use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).map(str::to_string).map_err(|e| {
            format!(
                "it is not UTF-8 text after its UTF-8 mark (first bad byte at offset {})",
                e.valid_up_to() + 3
            )
        });
    }
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some(UTF_16LE),
        [0xFE, 0xFF, ..] => Some(UTF_16BE),
        _ => None,
    };
    if let Some(encoding) = utf16 {
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        return if had_errors {
            Err("it is not UTF-16 text after its UTF-16 mark; save it again as \"CSV UTF-8\"".into())
        } else {
            Ok(text.into_owned())
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let (text, _, had_errors) = GB18030.decode(bytes);
    if had_errors {
        return Err("it is neither UTF-8 nor GBK/GB18030 text; save it as \"CSV UTF-8\"".into());
    }
    Ok(text.into_owned())
}

/// The separator the sheet uses: a comma, or the semicolon or tab some
/// locales and "Unicode text" write, whichever the first line that has any
/// has most of: the header, or a title row above it that a spreadsheet
/// padded; a title alone in its line has none and is passed over.
fn delimiter(text: &str) -> u8 {
    const SEPARATORS: [u8; 3] = [b',', b';', b'\t'];
    let first = text
        .lines()
        .take(TITLE_LINES)
        .find(|l| l.bytes().any(|b| SEPARATORS.contains(&b)))
        .unwrap_or_default();
    SEPARATORS
        .into_iter()
        .max_by_key(|&d| (first.bytes().filter(|&b| b == d).count(), d == b','))
        .unwrap_or(b',')
}

/// Lines a sheet may have above its header (a title, the district).
const TITLE_LINES: usize = 6;

pub(crate) fn csv_grid(bytes: &[u8]) -> Result<Grid, String> {
    let text = decode_csv(bytes)?;
    let separator = delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let starts = row_starts(&text, separator);
    let mut grid = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let row = record.position().map_or(grid.len() + 1, |p| {
            // The csv crate may place a record after \r\n at its \n.
            let mut byte = usize::try_from(p.byte()).unwrap_or(usize::MAX);
            while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
                byte += 1;
            }
            starts.partition_point(|&start| start <= byte)
        });
        grid.push((row, record.iter().map(|f| Cell::Text(f.to_string())).collect()));
    }
    Ok(grid)
}

/// Where each row of the sheet starts, as a spreadsheet counts rows: a line
/// break inside a quoted cell stays in its cell, `\r\n` is one break (what
/// Excel writes; the csv crate's own line count is one short after it), and
/// a blank line is a row. A quote opens a quoted cell only at the cell's
/// start, as the csv crate reads it.
fn row_starts(text: &str, delimiter: u8) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut quoted = false;
    let mut cell_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && cell_start {
            quoted = true;
        } else if b == b'\r' || b == b'\n' {
            if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            starts.push(i + 1);
        }
        cell_start = !quoted && (b == delimiter || b == b'\r' || b == b'\n');
        i += 1;
    }
    starts
}

use super::import::SheetRead;
use super::workbook::OpenError;

/// The first visible worksheet: a hidden sheet (a lookup list, an old
/// copy) is never read as the scores, only named as passed over.
fn first_visible_sheet(sheets: &[calamine::Sheet]) -> Result<SheetRead, String> {
    use calamine::{SheetType, SheetVisible};
    let mut hidden_before = Vec::new();
    for sheet in sheets.iter().filter(|s| s.typ == SheetType::WorkSheet) {
        if sheet.visible == SheetVisible::Visible {
            return Ok(SheetRead {
                name: sheet.name.clone(),
                hidden_before,
            });
        }
        hidden_before.push(sheet.name.clone());
    }
    Err(if hidden_before.is_empty() {
        "the workbook has no worksheet".to_string()
    } else {
        format!(
            "every worksheet is hidden ({}); unhide the one with the scores and save again",
            hidden_before.join(", ")
        )
    })
}

pub(crate) fn sheet_grid(bytes: &[u8]) -> Result<(SheetRead, Grid), OpenError> {
    use calamine::Reader;
    let mut book = super::workbook::open(bytes)?;
    let chosen = first_visible_sheet(book.sheets_metadata()).map_err(OpenError::Unreadable)?;
    let grid = read_sheet(&mut book, &chosen.name)?;
    Ok((chosen, grid))
}

/// Every visible worksheet, by name, in the workbook's order: a workbook
/// of one sheet per district (the 自评打分表). Hidden sheets are not read.
pub(crate) fn visible_sheet_grids(bytes: &[u8], max_sheets: usize) -> Result<Vec<(String, Grid)>, OpenError> {
    use calamine::{Reader, SheetType, SheetVisible};
    let mut book = super::workbook::open(bytes)?;
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    if names.is_empty() {
        return Err(OpenError::Unreadable("the workbook has no visible worksheet".into()));
    }
    // Each sheet is bounded as it is read; their number is bounded here.
    if names.len() > max_sheets {
        return Err(OpenError::Unreadable(format!(
            "{} worksheets, more than the {max_sheets} a workbook of districts has",
            names.len()
        )));
    }
    names
        .into_iter()
        .map(|name| read_sheet(&mut book, &name).map(|grid| (name, grid)))
        .collect()
}

fn read_sheet(book: &mut calamine::Sheets<std::io::Cursor<&[u8]>>, name: &str) -> Result<Grid, OpenError> {
    use calamine::Reader;
    let name = name.to_string();
    // Bounded before it is laid out: the formulas below span no more.
    let range = super::workbook::sheet_range(book, &name)?;
    // Formulas are read to tell a computed cell with no stored value from
    // an empty one; a workbook kind without them has none to tell.
    let formulas = book.worksheet_formula(&name).ok();
    let merged = merged_regions(book, &name);
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut grid: Vec<(usize, Vec<Cell>)> = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let r = first_row + i as u32;
        // Columns left of the used range are empty, so that the header's
        // positions line up with every row's.
        let mut cells: Vec<Cell> = (0..first_col).map(|_| Cell::Text(String::new())).collect();
        for (j, value) in row.iter().enumerate() {
            let c = first_col + j as u32;
            let formula = formulas
                .as_ref()
                .and_then(|f| f.get_value((r, c)))
                .filter(|f| !f.is_empty());
            cells.push(match (value, formula) {
                (calamine::Data::Empty, Some(f)) => Cell::Unsaved(format!("{}: ={f}", cell_name(r, c))),
                (value, _) => read_cell(value),
            });
        }
        grid.push((r as usize + 1, cells));
    }
    fill_merged(&mut grid, first_row, &merged);
    Ok(grid)
}

/// A sheet's merged ranges, where the workbook kind records them (.xlsx,
/// .xls); none for the others.
pub(crate) fn merged_regions<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    name: &str,
) -> Vec<calamine::Dimensions> {
    match book {
        calamine::Sheets::Xlsx(xlsx) => xlsx.merge_cells_by_sheet_name(name).unwrap_or_default(),
        calamine::Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn read_cell(value: &calamine::Data) -> Cell {
    use calamine::Data;
    match value {
        Data::Empty => Cell::Text(String::new()),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(n) => Cell::Text(n.to_string()),
        // The shortest text that reads back as the same float: 2.5
        // stays "2.5", and 0.1 is "0.1", not 0.1000000000000000055.
        Data::Float(f) => Cell::Text(format!("{f}")),
        Data::Bool(b) => Cell::Other(b.to_string()),
        Data::DateTime(d) => Cell::Other(format!("a date ({d})")),
        Data::DateTimeIso(d) => Cell::Other(format!("a date ({d})")),
        Data::DurationIso(d) => Cell::Other(format!("a duration ({d})")),
        Data::Error(e) => Cell::Other(format!("a spreadsheet error ({e})")),
    }
}

/// A merged range (a district's name over its items' rows) holds its value
/// in its top-left cell only; every cell it covers means that value.
fn fill_merged(grid: &mut [(usize, Vec<Cell>)], first_row: u32, merged: &[calamine::Dimensions]) {
    // Regions are bounded by the cells read: a file may claim one over the
    // whole sheet, and nothing outside the used range is there to fill.
    let width = grid.iter().map(|(_, cells)| cells.len()).max().unwrap_or(0) as u32;
    let last_row = first_row + grid.len().saturating_sub(1) as u32;
    for region in merged {
        let mut region = *region;
        region.end = (region.end.0.min(last_row), region.end.1.min(width.saturating_sub(1)));
        let (top, left) = region.start;
        let Some(value) = top
            .checked_sub(first_row)
            .and_then(|r| grid.get(r as usize))
            .and_then(|(_, cells)| cells.get(left as usize))
            .cloned()
        else {
            continue;
        };
        for r in top..=region.end.0 {
            let Some((_, cells)) = r.checked_sub(first_row).and_then(|r| grid.get_mut(r as usize)) else {
                continue;
            };
            for c in left..=region.end.1 {
                let c = c as usize;
                if cells.len() <= c {
                    cells.resize(c + 1, Cell::Text(String::new()));
                }
                cells[c] = value.clone();
            }
        }
    }
}

/// `C5`: the name a spreadsheet shows for a cell, from 0-based row and column.
pub(crate) fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

#[cfg(test)]
mod tests {
    use super::{cell_name, row_starts};

    #[test]
    fn cells_are_named_as_a_spreadsheet_names_them() {
        assert_eq!(cell_name(4, 2), "C5");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(9, 26), "AA10");
        assert_eq!(cell_name(0, 701), "ZZ1");
        assert_eq!(cell_name(0, 702), "AAA1");
    }

    #[test]
    fn the_separator_is_read_past_a_title_alone_in_its_line() {
        use super::delimiter;
        assert_eq!(delimiter("标题\n地区\t曾都区\n编号\t自评得分\n"), b'\t');
        assert_eq!(delimiter("区县,项目,得分,备注\n曾都区,1.1.3,1,a;b;c;d;e\n"), b',');
        assert_eq!(delimiter("区县;项目;得分\n"), b';');
        assert_eq!(delimiter("只有一格\n"), b',');
    }

    #[test]
    fn rows_are_counted_as_a_spreadsheet_counts_them() {
        let row_of = |text: &str, byte: usize| row_starts(text, b',').partition_point(|&s| s <= byte);
        let crlf = "a,b\r\nc,d\r\ne,f\r\n";
        assert_eq!(row_of(crlf, crlf.find('e').unwrap_or_default()), 3);
        let quoted = "a\r\n\"x\r\ny\",\"q\"\"\r\n\"\r\nz";
        assert_eq!(
            row_of(quoted, quoted.find('z').unwrap_or_default()),
            3,
            "breaks in quotes stay in the cell"
        );
        let inch = "12\"3,4\nz";
        assert_eq!(
            row_of(inch, inch.find('z').unwrap_or_default()),
            2,
            "a quote inside a cell is a character"
        );
        let blank = "a\n\nz";
        assert_eq!(row_of(blank, 3), 3, "a blank line is a row");
    }
}
