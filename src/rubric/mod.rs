//! The rubric: a faithful, machine-readable copy of one official assessment
//! document. Loading resolves the file; the linter reports what is wrong with
//! the file (errors) and what is inconsistent in the document (warnings).

pub mod bundled;
pub mod catalog;
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
    for (line, _, words) in unconfirmed(text) {
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

/// Where a file's `# 待确认` marks are: 1-based line, the byte where the
/// mark starts in it, and the mark's words. Only a comment is a mark: the
/// same words inside a string (a cell that happened to say them) are text.
pub fn unconfirmed(text: &str) -> Vec<(usize, usize, &str)> {
    let mut marks = Vec::new();
    let mut in_multiline: Option<&str> = None;
    for (i, line) in text.lines().enumerate() {
        if let Some(at) = comment_start(line, &mut in_multiline)
            && line[at..].starts_with(UNCONFIRMED)
        {
            let words = line[at + UNCONFIRMED.len()..].trim_start_matches([':', '：', ' ']);
            marks.push((i + 1, at, words));
        }
    }
    marks
}

/// Where a line's comment starts, with TOML's strings read past (basic
/// and literal, on one line or over several: `in_multiline` carries the
/// open delimiter from line to line).
fn comment_start(line: &str, in_multiline: &mut Option<&'static str>) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(close) = *in_multiline {
            match line[i..].find(close) {
                Some(at) => {
                    i += at + close.len();
                    *in_multiline = None;
                    continue;
                }
                None => return None,
            }
        }
        match bytes[i] {
            b'#' => return Some(i),
            b'"' | b'\'' => {
                let quote = if bytes[i] == b'"' { "\"" } else { "'" };
                let triple = if quote == "\"" { "\"\"\"" } else { "\'\'\'" };
                if line[i..].starts_with(triple) {
                    *in_multiline = Some(triple);
                    i += 3;
                    continue;
                }
                // A one-line string: to its closing quote (a basic string's
                // escaped quote does not close it).
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != bytes[i] {
                    j += if quote == "\"" && bytes[j] == b'\\' { 2 } else { 1 };
                }
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// A usable rubric, or every error that stands in the way.
pub fn load(file: &str, text: &str) -> Result<Rubric, RubricError> {
    check(file, text).into_result()
}
