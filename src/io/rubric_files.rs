//! A rubric named the way the analyst names it: a bundled id (or an
//! unambiguous start of one), or the path of a rubric file, read with a
//! bound on its size.

use super::bounded::{ReadError, read_at_most};
use crate::rubric::bundled::{self, FindError, MAX_RUBRIC_BYTES};
use crate::rubric::{Checked, Rubric, check};
use std::path::Path;

/// The checked text of a rubric: the bundled one with this id, the file at
/// this path, or the one bundled rubric whose id starts with it.
pub fn find_checked(query: &str) -> Result<Checked, FindError> {
    if let Some(b) = bundled::bundled().iter().find(|b| b.id == query) {
        return Ok(check(&b.file, b.text));
    }
    let path = Path::new(query);
    if path.is_file() || query.ends_with(".toml") {
        return read_file(path).map(|text| check(query, &text));
    }
    bundled::by_id(query).map(|b| check(&b.file, b.text))
}

/// A usable rubric by id or path, or a message saying what is wrong.
/// A rubric file may not take a bundled rubric's id with other contents:
/// its files would verify against one and merge against the other.
pub fn find(query: &str) -> Result<Rubric, FindError> {
    loaded(query, find_checked(query)?)
}

/// A rubric to read, not to score on: an imported file still under review
/// (its `# 待确认` marks and the gaps they ask to fill, a department not yet
/// named, are no error here), as `rubric diff` compares it. Only a file
/// kaohe cannot read as a rubric at all is refused.
pub fn find_draft(query: &str) -> Result<Rubric, FindError> {
    let checked = find_checked(query)?;
    match checked.rubric {
        Some(rubric) => Ok(rubric),
        None => Err(checked.into_result().err().map_or_else(
            || FindError::Unreadable {
                path: query.to_string(),
                reason: "not a rubric".into(),
            },
            FindError::from,
        )),
    }
}

fn loaded(query: &str, checked: crate::rubric::Checked) -> Result<Rubric, FindError> {
    let rubric = checked.into_result()?;
    if takes_a_bundled_id(query, &rubric) {
        return Err(FindError::BundledId {
            path: query.to_string(),
            id: rubric.id,
        });
    }
    Ok(rubric)
}

/// A rubric read from the file `query` names whose id is a bundled
/// rubric's while its contents differ: its files would verify against one
/// and merge against the other.
pub fn takes_a_bundled_id(query: &str, rubric: &Rubric) -> bool {
    let from_file = !bundled::bundled().iter().any(|b| b.id == query) && Path::new(query).is_file();
    from_file
        && bundled::bundled()
            .iter()
            .find(|b| b.id == rubric.id)
            .and_then(|b| check(&b.file, b.text).into_result().ok())
            .is_some_and(|theirs| crate::rubric::hash::rubric_hash(&theirs) != crate::rubric::hash::rubric_hash(rubric))
}

fn read_file(path: &Path) -> Result<String, FindError> {
    let shown = path.display().to_string();
    let bytes = match read_at_most(path, MAX_RUBRIC_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge(size)) => return Err(FindError::TooLarge { path: shown, size }),
        Err(ReadError::Io(e)) => {
            return Err(FindError::Unreadable {
                path: shown,
                reason: e.to_string(),
            });
        }
    };
    String::from_utf8(bytes).map_err(|e| FindError::Unreadable {
        path: shown.clone(),
        reason: format!(
            "it is not UTF-8 text (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}
