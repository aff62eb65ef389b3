//! Reading a score sheet (`kaohe import`) from disk: its size is checked
//! before a byte is read, then `scoring::import` reads the bytes.

use super::bounded::{ReadError, read_at_most};
use crate::scoring::import::{self, ImportError, MAX_IMPORT_BYTES, SheetKind, Table};
use std::path::Path;

/// Read a `.csv` or `.xlsx` (also `.xls`, `.xlsm`, `.ods`) file's first sheet.
pub fn read_table(path: &Path) -> Result<Table, ImportError> {
    let shown = path.display().to_string();
    let kind = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(SheetKind::of_extension)
        .ok_or_else(|| ImportError::UnknownKind { path: shown.clone() })?;
    let bytes = match read_at_most(path, MAX_IMPORT_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge(size)) => return Err(ImportError::TooLarge { path: shown, size }),
        Err(ReadError::Io(e)) => {
            return Err(ImportError::NotRead {
                path: shown,
                kind: e.kind(),
                reason: e.to_string(),
            });
        }
    };
    import::read_table(&shown, kind, &bytes)
}
