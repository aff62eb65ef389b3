//! A score sheet's bytes as rows of cells, each row with its line (CSV) or
//! row number (workbook) as the sheet shows it: the encodings, separators
//! and cell types real sheets come in. What the rows mean is `import`'s.

/// A cell as read: text, or a number from a spreadsheet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Text(String),
    /// Dates, booleans, errors: not something a score column may hold.
    Other(String),
}

impl Cell {
    pub(crate) fn text(&self) -> &str {
        match self {
            Cell::Text(t) | Cell::Other(t) => t,
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
/// locales and "Unicode text" write, whichever the header line has most of.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (first.bytes().filter(|&b| b == d).count(), d == b','))
        .unwrap_or(b',')
}

pub(crate) fn csv_grid(bytes: &[u8]) -> Result<Vec<(usize, Vec<Cell>)>, String> {
    let text = decode_csv(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(&text))
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let line = record.position().map_or(grid.len() + 1, |p| p.line() as usize);
        grid.push((line, record.iter().map(|f| Cell::Text(f.to_string())).collect()));
    }
    Ok(grid)
}

pub(crate) fn sheet_grid(bytes: &[u8]) -> Result<Vec<(usize, Vec<Cell>)>, String> {
    use calamine::{Data, Reader, open_workbook_auto_from_rs};
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let range = book
        .worksheet_range_at(0)
        .ok_or("the workbook has no sheet")?
        .map_err(|e| e.to_string())?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut grid = Vec::new();
    for (i, row) in range.rows().enumerate() {
        // Columns left of the used range are empty, so that the header's
        // positions line up with every row's.
        let mut cells: Vec<Cell> = (0..first_col).map(|_| Cell::Text(String::new())).collect();
        cells.extend(row.iter().map(|c| match c {
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
        }));
        grid.push((first_row as usize + i + 1, cells));
    }
    Ok(grid)
}
