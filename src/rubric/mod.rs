//! The rubric: a faithful, machine-readable copy of one official assessment
//! document. Loading resolves the file; the linter reports what is wrong with
//! the file (errors) and what is inconsistent in the document (warnings).

pub mod bundled;
pub mod departments;
pub mod diagnostic;
pub mod diff;
pub mod hash;
pub mod import;
pub mod lint;
pub mod model;
pub mod numbering;
pub mod resolve;
pub mod source;
pub mod units;

pub use diagnostic::{Diagnostic, RubricError, Severity};
pub use model::*;

/// A rubric file after every check: the model when it could be built, and
/// everything found, errors and warnings, in file order.
#[derive(Debug, Clone)]
pub struct Checked {
    /// How messages name the file (a path, or `rubrics/<id>.toml` when bundled).
    pub file: String,
    pub rubric: Option<Rubric>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// The rubric, only if it has no errors.
    pub fn into_result(self) -> Result<Rubric, RubricError> {
        match self.rubric {
            Some(rubric) if !self.diagnostics.iter().any(Diagnostic::is_error) => Ok(rubric),
            _ => Err(RubricError {
                file: self.file,
                diagnostics: self.diagnostics,
            }),
        }
    }
}

/// Every check on one rubric file's text. Never panics, whatever the text.
pub fn check(file: &str, text: &str) -> Checked {
    let (rubric, mut diagnostics) = resolve::resolve(text);
    if let Some(r) = &rubric {
        diagnostics.extend(lint::lint(r));
    }
    // File order, errors before warnings on the same line.
    diagnostics.sort_by_key(|d| (d.line.unwrap_or(0), !d.is_error()));
    Checked {
        file: file.to_string(),
        rubric,
        diagnostics,
    }
}

/// A usable rubric, or every error that stands in the way.
pub fn load(file: &str, text: &str) -> Result<Rubric, RubricError> {
    check(file, text).into_result()
}
