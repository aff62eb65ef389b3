//! An office's rubric document as tables for `rubric::import`: a Word file
//! (.docx: its `word/document.xml`, read with zip and quick-xml, already in
//! the build through calamine) or a workbook (.xlsx/.xls, through calamine),
//! with merged cells marked as the file records them. Every count has a
//! bound, so a hostile file costs at most that much.

use crate::rubric::import::{Cell, Table};
use std::io::Read;

/// Larger than any rubric document's text (suizhou's is under 1 MiB).
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;
const MAX_TABLES: usize = 1_000;
const MAX_ROWS: usize = 50_000;
const MAX_COLUMNS: usize = 200;

/// The document's tables, and its heading when one stands above the first
/// table (the paragraph that names the rubric).
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub title: Option<String>,
    pub tables: Vec<Table>,
    /// The paragraphs outside the tables, in order (the notice around the
    /// rubric: where it names 考核对象, say).
    pub paragraphs: Vec<String>,
}

pub fn read_document(name: &str, bytes: &[u8]) -> Result<Document, String> {
    let lower = name.to_lowercase();
    if lower.ends_with(".docx") {
        docx(bytes)
    } else if lower.ends_with(".xlsx") || lower.ends_with(".xls") || lower.ends_with(".xlsm") {
        workbook(bytes)
    } else {
        Err("kaohe 从 .docx（Word）或 .xlsx（Excel）文件读取细则；请把文件另存为其中一种".into())
    }
}

#[derive(Debug, Default)]
struct CellBuild {
    text: String,
    span: usize,
    continues: bool,
}

fn docx(bytes: &[u8]) -> Result<Document, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("不是 Word（.docx）文件（{e}）；请重新另存为 .docx"))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|_| "其中没有 word/document.xml：不是 Word 文档".to_string())?
        .take(MAX_XML_BYTES)
        .read_to_string(&mut xml)
        .map_err(|e| format!("无法读取其文字（{e}）"))?;
    parse_document(&xml)
}

/// What the walk over document.xml has gathered so far.
#[derive(Default)]
struct Walk {
    doc: Document,
    depth: usize,
    rows: Vec<Vec<CellBuild>>,
    cell: Option<CellBuild>,
    paragraph: String,
    in_text: bool,
    before_tables: Vec<String>,
    /// Paragraphs since the last table: the next table's heading.
    since_table: Vec<String>,
}

impl Walk {
    fn start(&mut self, e: &quick_xml::events::BytesStart<'_>, opens: bool) -> Result<(), String> {
        let name = e.local_name();
        let name: &str = name.as_ref();
        let top = self.depth == 1;
        match name {
            "tbl" if opens => {
                self.depth += 1;
                if self.depth == 1 {
                    self.rows.clear();
                }
            }
            "tr" if opens && top => {
                if self.rows.len() >= MAX_ROWS {
                    return Err(format!("有一张表格超过 {MAX_ROWS} 行"));
                }
                self.rows.push(Vec::new());
            }
            "tc" if opens && top => {
                self.cell = Some(CellBuild {
                    span: 1,
                    ..CellBuild::default()
                });
            }
            "gridSpan" if top => {
                if let Some(c) = self.cell.as_mut() {
                    c.span = attribute(e, "val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_COLUMNS);
                }
            }
            "vMerge" if top => {
                if let Some(c) = self.cell.as_mut() {
                    c.continues = attribute(e, "val").is_none_or(|v| v != "restart");
                }
            }
            "t" => self.in_text = opens,
            "tab" => self.paragraph.push('\t'),
            "br" | "cr" => self.paragraph.push('\n'),
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), String> {
        match name {
            "t" => self.in_text = false,
            "p" => {
                let line = std::mem::take(&mut self.paragraph);
                match self.cell.as_mut() {
                    Some(c) => {
                        if !c.text.is_empty() {
                            c.text.push('\n');
                        }
                        c.text.push_str(&line);
                    }
                    None if self.depth == 0 && !line.trim().is_empty() => {
                        if self.doc.tables.is_empty() {
                            self.before_tables.push(line.trim().to_string());
                        }
                        if self.since_table.len() < MAX_ROWS {
                            self.since_table.push(line.trim().to_string());
                        }
                        if self.doc.paragraphs.len() < MAX_ROWS {
                            self.doc.paragraphs.push(line.trim().to_string());
                        }
                    }
                    None => {}
                }
            }
            "tc" if self.depth == 1 => {
                if let (Some(c), Some(row)) = (self.cell.take(), self.rows.last_mut())
                    && row.len() < MAX_COLUMNS
                {
                    row.push(c);
                }
            }
            "tbl" => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 0 {
                    if self.doc.tables.len() >= MAX_TABLES {
                        return Err(format!("表格超过 {MAX_TABLES} 张"));
                    }
                    let name = format!("表{}", self.doc.tables.len() + 1);
                    let rows = std::mem::take(&mut self.rows);
                    let mut table = grid(name, rows);
                    table.heading = std::mem::take(&mut self.since_table);
                    self.doc.tables.push(table);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// Tables at the top level of the body; a table inside a cell is read as
/// that cell's text. Paragraphs are lines; `w:tab` and `w:br` count.
fn parse_document(xml: &str) -> Result<Document, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut walk = Walk::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("其 document.xml 在第 {} 字节处损坏（{e}）", reader.buffer_position()))?;
        match event {
            Event::Eof => break,
            // `<w:t/>` holds no text, `<w:tbl/>` no rows: only an element
            // that opens starts something.
            Event::Start(e) => walk.start(&e, true)?,
            Event::Empty(e) => walk.start(&e, false)?,
            Event::End(e) => {
                let name = e.local_name();
                walk.end(name.as_ref())?;
            }
            Event::Text(t) if walk.in_text => walk.paragraph.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if walk.in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    walk.paragraph.push(c);
                } else {
                    walk.paragraph.push_str(match r.xml10_content().as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            _ => {}
        }
    }
    let mut doc = walk.doc;
    doc.title = walk
        .before_tables
        .iter()
        .find(|p| p.contains("考核") || p.contains("评分"))
        .or(walk.before_tables.first())
        .cloned();
    Ok(doc)
}

fn attribute(e: &quick_xml::events::BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let key = a.key.local_name();
        let key: &str = key.as_ref();
        (key == local).then(|| a.value.to_string())
    })
}

/// Word's cells as a grid: a cell spanning columns is followed by cells
/// marked spanned, a vertically merged cell's continuations are marked merged.
fn grid(name: String, rows: Vec<Vec<CellBuild>>) -> Table {
    let rows = rows
        .into_iter()
        .map(|row| {
            let mut cells = Vec::new();
            for c in row {
                cells.push(Cell {
                    text: if c.continues { String::new() } else { c.text },
                    merged: c.continues,
                    spanned: false,
                });
                for _ in 1..c.span {
                    cells.push(Cell {
                        spanned: true,
                        merged: c.continues,
                        ..Cell::default()
                    });
                }
            }
            cells.truncate(MAX_COLUMNS);
            cells
        })
        .collect();
    Table {
        name,
        rows,
        ..Table::default()
    }
}

fn workbook(bytes: &[u8]) -> Result<Document, String> {
    use crate::scoring::workbook::{self, OpenError};
    use calamine::{Data, Reader};
    let mut book = workbook::open(bytes).map_err(|e| match e {
        OpenError::TooBig(too_big) => too_big.words(crate::lang::Lang::Zh),
        OpenError::Unreadable(e) => format!("不是 kaohe 能读的工作簿（{e}）；请另存为 .xlsx"),
    })?;
    let mut doc = Document::default();
    for name in book.sheet_names().into_iter().take(MAX_TABLES) {
        let range = workbook::sheet_range(&mut book, &name).map_err(|e| match e {
            OpenError::TooBig(too_big) => too_big.words(crate::lang::Lang::Zh),
            OpenError::Unreadable(e) => format!("工作表 {name}：{e}"),
        })?;
        let merged = crate::scoring::grid::merged_regions(&mut book, &name);
        let (top, left) = range.start().unwrap_or((0, 0));
        let height = range.height().min(MAX_ROWS);
        let width = (range.width() + left as usize).min(MAX_COLUMNS);
        let mut rows: Vec<Vec<Cell>> = vec![vec![Cell::default(); width]; height + top as usize];
        for (r, row) in range.rows().take(height).enumerate() {
            for (c, value) in row.iter().enumerate() {
                let Some(cell) = rows[r + top as usize].get_mut(c + left as usize) else {
                    continue;
                };
                cell.text = match value {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                };
            }
        }
        // A region is bounded by the grid: a file may claim one over a
        // million rows, and only the rows read can be covered.
        let last_row = rows.len().saturating_sub(1) as u32;
        let last_column = width.saturating_sub(1) as u32;
        for region in merged.into_iter().take(MAX_ROWS) {
            let ((r0, c0), (r1, c1)) = (region.start, region.end);
            let (r1, c1) = (r1.min(last_row), c1.min(last_column));
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if (r, c) == (r0, c0) {
                        continue;
                    }
                    if let Some(cell) = rows.get_mut(r as usize).and_then(|row| row.get_mut(c as usize)) {
                        cell.merged = r > r0;
                        cell.spanned = c > c0;
                        cell.text.clear();
                    }
                }
            }
        }
        doc.tables.push(Table {
            name,
            rows,
            ..Table::default()
        });
    }
    Ok(doc)
}
