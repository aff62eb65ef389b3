//! Reading a score sheet (`kaohe import`) from disk: its size is checked
//! before a byte is read, then `scoring::import` reads the bytes.

use crate::scoring::import::{self, ImportError, MAX_IMPORT_BYTES, SheetKind, Table};
use std::path::Path;

/// Read a `.csv` or `.xlsx` (also `.xls`, `.xlsm`, `.ods`) file's first sheet.
pub fn read_table(path: &Path) -> Result<Table, ImportError> {
    let shown = path.display().to_string();
    let unreadable = |reason: String| ImportError::Unreadable {
        path: shown.clone(),
        reason,
    };
    let size = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?.len();
    if size > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { path: shown, size });
    }
    let kind = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(SheetKind::of_extension)
        .ok_or_else(|| ImportError::UnknownKind { path: shown.clone() })?;
    let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    import::read_table(&shown, kind, &bytes)
}
