//! The districts' self-assessment set of a rubric in the data dir
//! (`selfcheck/<rubric>.json`): read bounded and checked, written whole.

use super::bounded::{ReadError, read_at_most};
use crate::lang::Lang;
use crate::rubric::Rubric;
use crate::selfcheck::{MAX_SET_BYTES, SelfCheckSet, read_set};
use std::path::{Path, PathBuf};

/// Where a rubric's set is kept.
pub fn path(data: &Path, rubric: &str) -> PathBuf {
    data.join("selfcheck")
        .join(format!("{}.json", crate::text::names::file_part(rubric)))
}

/// A set file's claims, checked against `rubric`; `Ok(None)` when there is none.
pub fn load(file: &Path, rubric: &Rubric, lang: Lang) -> Result<Option<SelfCheckSet>, String> {
    let shown = file.display().to_string();
    let bytes = match read_at_most(file, MAX_SET_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(ReadError::Io(e)) => return Err(format!("{shown}: {e}")),
        Err(ReadError::TooLarge(size)) => {
            return Err(lang.say(
                format!("{shown}：{size} 字节，超过自评数据的上限（{MAX_SET_BYTES} 字节）"),
                format!("{shown}: {size} bytes, over a self-assessment set's limit ({MAX_SET_BYTES})"),
            ));
        }
    };
    read_set(&bytes, rubric, lang)
        .map(Some)
        .map_err(|e| format!("{shown}{}{}", lang.say("：", ": "), e.words(lang)))
}

/// Write the set whole (never through a symbolic link).
pub fn save(file: &Path, set: &SelfCheckSet) -> std::io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(set).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    super::atomic::write_output(file, &bytes)
}
