//! Problems found in a rubric file, each tied to a line so that the person
//! editing the file can go straight to it.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used as a rubric until it is fixed.
    Error,
    /// The file is usable; the official document itself is inconsistent here,
    /// or something was reconstructed.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short stable name for scripts, such as `unknown-department`.
    pub code: &'static str,
    pub message: String,
    /// The message in Chinese, where it has been written: what the office
    /// reads on a bundled rubric (the document's own inconsistencies), and
    /// the checks an office's rubric most often fails.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
    /// 1-based line in the file, when the problem has one.
    pub line: Option<usize>,
}

/// A finding's subject in Chinese: `item 1.1.3` is `第 1.1.3 项`, with its
/// `sub-criterion 2` (`第 2 条`) or `part 2` (`第 2 部分`).
pub fn owner_zh(owner: &str) -> String {
    let Some(rest) = owner.strip_prefix("item ") else {
        return owner.to_string();
    };
    let (id, tail) = rest.split_once(' ').unwrap_or((rest, ""));
    let tail = if let Some(n) = tail.strip_prefix("sub-criterion ") {
        format!("第 {n} 条")
    } else if let Some(n) = tail.strip_prefix("part ") {
        format!("第 {n} 部分")
    } else {
        tail.to_string()
    };
    format!("第 {id} 项{tail}")
}

impl Diagnostic {
    pub fn error(code: &'static str, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            zh: None,
            line,
        }
    }

    pub fn warning(code: &'static str, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code,
            message: message.into(),
            zh: None,
            line,
        }
    }

    /// The same finding in Chinese.
    pub fn with_zh(mut self, zh: impl Into<String>) -> Self {
        self.zh = Some(zh.into());
        self
    }

    /// The message in `lang`: the Chinese where it has been written.
    pub fn message_in(&self, lang: crate::lang::Lang) -> &str {
        match (lang, &self.zh) {
            (crate::lang::Lang::Zh, Some(zh)) => zh,
            _ => &self.message,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line: error[code]: message`, the shape editors and terminals
    /// recognise.
    pub fn located<'a>(&'a self, file: &'a str) -> Located<'a> {
        Located { file, diagnostic: self }
    }
}

pub struct Located<'a> {
    file: &'a str,
    diagnostic: &'a Diagnostic,
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match d.line {
            Some(line) => write!(f, "{}:{}: {}[{}]: {}", self.file, line, severity, d.code, d.message),
            None => write!(f, "{}: {}[{}]: {}", self.file, severity, d.code, d.message),
        }
    }
}

/// A rubric file that could not be loaded: every error in it, not just the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricError {
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for RubricError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors: Vec<_> = self.diagnostics.iter().filter(|d| d.is_error()).collect();
        for (n, d) in errors.iter().enumerate() {
            if n > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", d.located(&self.file))?;
        }
        Ok(())
    }
}

impl std::error::Error for RubricError {}
