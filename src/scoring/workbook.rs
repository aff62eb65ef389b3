//! Opening a spreadsheet workbook from bytes within bounds known before
//! anything is allocated from the file's own figures. A 5 KB .xlsx can
//! declare a cell at XFD1048576 (calamine would lay out every cell between
//! it and A1), a shared-string count of a trillion (reserved up front), or
//! a 2 GiB string packed into 2 MB. Both `kaohe import` and
//! `kaohe rubric import` open workbooks here.

use crate::lang::Lang;
use calamine::{Reader, Sheets};
use std::io::{Cursor, Read};

/// Larger than any part of a real score sheet or rubric workbook, unpacked.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// All parts together, unpacked.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// Parts in the container: a workbook has a few dozen.
pub const MAX_PARTS: usize = 10_000;
/// Distinct strings a workbook may declare (a score sheet of 284 districts
/// and 300 items has under 100,000).
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;
/// The rectangle from a sheet's first to its last filled cell, in cells.
pub const MAX_SHEET_CELLS: u64 = 4_000_000;

/// A bound the workbook goes past: what, where, and the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TooBig {
    Parts {
        count: usize,
    },
    Part {
        part: String,
        at_least: u64,
    },
    Unpacked {
        at_least: u64,
    },
    SharedStrings {
        declared: u64,
    },
    Sheet {
        sheet: String,
        first: String,
        last: String,
        cells: u64,
    },
}

impl TooBig {
    pub fn words(&self, lang: Lang) -> String {
        let mib = |b: u64| b / (1024 * 1024);
        match (self, lang) {
            (TooBig::Parts { count }, Lang::Zh) => {
                format!(
                    "工作簿里有 {count} 个部件，超过上限 {MAX_PARTS}：这不是正常的电子表格；请在 Excel 或 WPS 中另存为 .xlsx 后再试"
                )
            }
            (TooBig::Parts { count }, Lang::En) => format!(
                "the workbook has {count} parts, more than {MAX_PARTS}: not a real spreadsheet; save it again as .xlsx in Excel or WPS"
            ),
            (TooBig::Part { part, at_least }, Lang::Zh) => format!(
                "工作簿的部件 {part} 解压后至少 {} MiB，超过上限 {} MiB；请删去无关内容（图片、多余的工作表）后另存为 .xlsx",
                mib(*at_least),
                mib(MAX_PART_BYTES)
            ),
            (TooBig::Part { part, at_least }, Lang::En) => format!(
                "the workbook's part {part} unpacks to at least {} MiB, more than {} MiB; remove what is not the table (pictures, other sheets) and save it as .xlsx",
                mib(*at_least),
                mib(MAX_PART_BYTES)
            ),
            (TooBig::Unpacked { at_least }, Lang::Zh) => format!(
                "工作簿解压后至少 {} MiB，超过上限 {} MiB；请删去无关内容后另存为 .xlsx",
                mib(*at_least),
                mib(MAX_UNPACKED_BYTES)
            ),
            (TooBig::Unpacked { at_least }, Lang::En) => format!(
                "the workbook unpacks to at least {} MiB, more than {} MiB; remove what is not the table and save it as .xlsx",
                mib(*at_least),
                mib(MAX_UNPACKED_BYTES)
            ),
            (TooBig::SharedStrings { declared }, Lang::Zh) => format!(
                "工作簿声明了 {declared} 个不同的文字，超过上限 {MAX_SHARED_STRINGS}；请在 Excel 或 WPS 中另存为 .xlsx 后再试"
            ),
            (TooBig::SharedStrings { declared }, Lang::En) => format!(
                "the workbook declares {declared} distinct strings, more than {MAX_SHARED_STRINGS}; save it again as .xlsx in Excel or WPS"
            ),
            (
                TooBig::Sheet {
                    sheet,
                    first,
                    last,
                    cells,
                },
                Lang::Zh,
            ) => format!(
                "工作表“{sheet}”的内容从 {first} 延伸到 {last}（{cells} 个单元格），超过上限 {MAX_SHEET_CELLS}；请删去远离表格的单元格（按 Ctrl+End 可找到最后一个）后保存"
            ),
            (
                TooBig::Sheet {
                    sheet,
                    first,
                    last,
                    cells,
                },
                Lang::En,
            ) => format!(
                "sheet \"{sheet}\" spans {first} to {last} ({cells} cells), more than {MAX_SHEET_CELLS}; delete the stray cells far from the table (Ctrl+End finds the last one) and save"
            ),
        }
    }
}

/// Why a workbook cannot be opened: a bound, or what the reader says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    TooBig(TooBig),
    Unreadable(String),
}

impl OpenError {
    pub fn words(&self, lang: Lang) -> String {
        match self {
            OpenError::TooBig(too_big) => too_big.words(lang),
            OpenError::Unreadable(reason) => reason.clone(),
        }
    }
}

impl From<TooBig> for OpenError {
    fn from(too_big: TooBig) -> OpenError {
        OpenError::TooBig(too_big)
    }
}

/// The workbook, once its container's parts are within bounds. A zip
/// container (.xlsx, .xlsm, .ods) is unpacked once to count what it really
/// holds (a part's declared size may lie); an .xls has no container, and
/// the caller's file-size limit bounds it.
pub fn open(bytes: &[u8]) -> Result<Sheets<Cursor<&[u8]>>, OpenError> {
    if bytes.starts_with(b"PK") {
        check_container(bytes)?;
    }
    calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| OpenError::Unreadable(e.to_string()))
}

/// The first bytes of the shared-string part, where `<sst count=… uniqueCount=…>` is.
const SST_HEAD: usize = 4096;

fn check_container(bytes: &[u8]) -> Result<(), OpenError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| OpenError::Unreadable(e.to_string()))?;
    if zip.len() > MAX_PARTS {
        return Err(TooBig::Parts { count: zip.len() }.into());
    }
    let mut total = 0u64;
    let mut chunk = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| OpenError::Unreadable(e.to_string()))?;
        let name = part
            .name()
            .map_err(|e| OpenError::Unreadable(e.to_string()))?
            .to_string();
        if part.size() > MAX_PART_BYTES {
            return Err(TooBig::Part {
                part: crate::text::escape::visible(&name),
                at_least: part.size(),
            }
            .into());
        }
        let shared_strings = name.ends_with("sharedStrings.xml");
        let mut head = Vec::new();
        let mut unpacked = 0u64;
        loop {
            let n = match part.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => return Err(OpenError::Unreadable(format!("{name}: {e}"))),
            };
            unpacked += n as u64;
            if unpacked > MAX_PART_BYTES {
                return Err(TooBig::Part {
                    part: crate::text::escape::visible(&name),
                    at_least: unpacked,
                }
                .into());
            }
            if total + unpacked > MAX_UNPACKED_BYTES {
                return Err(TooBig::Unpacked {
                    at_least: total + unpacked,
                }
                .into());
            }
            if shared_strings && head.len() < SST_HEAD {
                head.extend_from_slice(&chunk[..n.min(SST_HEAD - head.len())]);
            }
        }
        total += unpacked;
        if shared_strings {
            let declared = declared_strings(&head);
            if declared > MAX_SHARED_STRINGS {
                return Err(TooBig::SharedStrings { declared }.into());
            }
        }
    }
    Ok(())
}

/// The larger of `count` and `uniqueCount` on the `<sst>` element (the
/// reader reserves room for it before reading a string).
fn declared_strings(head: &[u8]) -> u64 {
    let text = String::from_utf8_lossy(head);
    let Some(sst) = text.find("<sst").map(|at| &text[at..]) else {
        return 0;
    };
    let element = sst.split('>').next().unwrap_or_default();
    ["count=\"", "uniqueCount=\""]
        .iter()
        .filter_map(|attr| {
            let start = element.find(attr)? + attr.len();
            let digits: String = element[start..].chars().take_while(char::is_ascii_digit).collect();
            // More digits than a u64 holds is more than any bound.
            Some(digits.parse::<u64>().unwrap_or(u64::MAX))
        })
        .max()
        .unwrap_or(0)
}

/// A sheet's filled cells (a value or a formula) fit in [`MAX_SHEET_CELLS`]
/// from first to last: checked by streaming the sheet before the reader
/// lays it out. For an .xlsx; other kinds are laid out as they are read.
pub fn check_sheet<RS: std::io::Read + std::io::Seek>(book: &mut Sheets<RS>, sheet: &str) -> Result<(), OpenError> {
    let Sheets::Xlsx(xlsx) = book else {
        return Ok(());
    };
    let mut cells = match xlsx.worksheet_cells_reader(sheet) {
        Ok(cells) => cells,
        // A chart sheet or the like: the reader gives it as empty.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(()),
        Err(e) => return Err(OpenError::Unreadable(format!("{sheet}: {e}"))),
    };
    let (mut top, mut left, mut bottom, mut right) = (u32::MAX, u32::MAX, 0u32, 0u32);
    let mut count = 0u64;
    loop {
        let cell = match cells.next_cell_with_formula() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => return Err(OpenError::Unreadable(format!("{sheet}: {e}"))),
        };
        let filled =
            !matches!(cell.value, calamine::DataRef::Empty) || cell.formula.as_ref().is_some_and(|f| !f.is_empty());
        if !filled {
            continue;
        }
        count += 1;
        let (r, c) = cell.pos;
        (top, left, bottom, right) = (top.min(r), left.min(c), bottom.max(r), right.max(c));
        let extent = u64::from(bottom - top + 1) * u64::from(right - left + 1);
        if extent > MAX_SHEET_CELLS || count > MAX_SHEET_CELLS {
            return Err(TooBig::Sheet {
                sheet: crate::text::escape::visible(sheet),
                first: super::grid::cell_name(top, left),
                last: super::grid::cell_name(bottom, right),
                cells: extent.max(count),
            }
            .into());
        }
    }
    Ok(())
}

/// A worksheet's cells, after [`check_sheet`].
pub fn sheet_range<RS: std::io::Read + std::io::Seek>(
    book: &mut Sheets<RS>,
    sheet: &str,
) -> Result<calamine::Range<calamine::Data>, OpenError> {
    check_sheet(book, sheet)?;
    book.worksheet_range(sheet)
        .map_err(|e| OpenError::Unreadable(format!("{sheet}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::declared_strings;

    #[test]
    fn the_declared_string_count_is_read_from_the_sst_element() {
        let head = br#"<?xml version="1.0"?><sst xmlns="x" count="12" uniqueCount="7"><si>"#;
        assert_eq!(declared_strings(head), 12);
        assert_eq!(
            declared_strings(br#"<sst uniqueCount="99999999999999999999999">"#),
            u64::MAX
        );
        assert_eq!(declared_strings(b"<workbook>"), 0);
    }
}
