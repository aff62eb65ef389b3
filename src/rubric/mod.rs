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

    /// The same findings with the `# 待确认` marks as warnings: a draft's check.
    pub fn as_draft(mut self) -> Checked {
        for d in &mut self.diagnostics {
            if d.code == "unconfirmed" {
                d.severity = Severity::Warning;
            }
        }
        self
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

/// The comment `kaohe rubric import` puts on every value it inferred and
/// every difference from the table: the office confirms it and deletes it.
pub const UNCONFIRMED: &str = "# 待确认";

/// Every check on one rubric file's text. Never panics, whatever the text.
/// A `# 待确认` mark left in the file is an error: an imported rubric is
/// used only once the office has confirmed every inference.
pub fn check(file: &str, text: &str) -> Checked {
    let (rubric, mut diagnostics) = resolve::resolve(text);
    for (line, words) in unconfirmed(text) {
        diagnostics.push(Diagnostic::error(
            "unconfirmed",
            Some(line),
            format!("待确认: {words}（核对原件，改好后删去此注释；kaohe rubric review 逐条进行）"),
        ));
    }
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

/// The check of a file still being reviewed (`rubric check --draft`): its
/// `# 待确认` marks are listed as warnings, everything else as always.
pub fn check_draft(file: &str, text: &str) -> Checked {
    check(file, text).as_draft()
}

/// Where a file's `# 待确认` marks are: 1-based line and the mark's words.
pub fn unconfirmed(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let at = line.find(UNCONFIRMED)?;
        let words = line[at + UNCONFIRMED.len()..].trim_start_matches([':', '：', ' ']);
        Some((i + 1, words))
    })
}

/// A usable rubric, or every error that stands in the way.
pub fn load(file: &str, text: &str) -> Result<Rubric, RubricError> {
    check(file, text).into_result()
}
