//! `kaohe rubric import`: an office's own rubric table, read from its Word
//! or Excel file (`io::rubric_tables` turns those into [`Table`]s), into a
//! rubric file in the bundled format. The document is copied, never fixed:
//! every value kaohe had to infer is marked `# 待确认` for the office to
//! confirm, and a cell it cannot read is left out with where it is.

mod build;
mod check;
pub mod departments;
pub mod header;
mod notice;
pub mod words;
mod write;

pub use notice::{Notice, Part, Sheet, import_notice};

use std::fmt;

/// One table of the document (a Word table, a sheet), as a grid: one cell
/// per column of every row, merges already known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// How the office finds it: `表 2` in a document, the sheet's name in a workbook.
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    /// The document's paragraphs between the table before and this one
    /// (附件2, its title): what tells an on-site sheet from the rubric.
    pub heading: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    /// Continues a cell merged down from the row above (Word's vMerge, an
    /// Excel merged range): it means what that cell says.
    pub merged: bool,
    /// Covered by a cell merged across from its left (Word's gridSpan).
    pub spanned: bool,
}

impl Cell {
    pub fn text(text: &str) -> Cell {
        Cell {
            text: text.to_string(),
            ..Cell::default()
        }
    }
}

/// Where something is in the document, as the office would look for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub table: String,
    /// 1-based, as a spreadsheet or Word's table tools count.
    pub row: usize,
    pub column: usize,
    /// The column's header (具体内容, 分值 …).
    pub heading: String,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} 第{}行 第{}列", self.table, self.row, self.column)?;
        if !self.heading.is_empty() {
            write!(f, "（{}）", self.heading)?;
        }
        Ok(())
    }
}

/// Something the office must look at: an inference to confirm, or a cell
/// that could not be read (and was left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub place: Option<Place>,
    pub what: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Some(place) => write!(f, "{place}: {}", self.what),
            None => f.write_str(&self.what),
        }
    }
}

/// What the office gives besides the file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub id: String,
    /// The file's name, for `source`.
    pub source: String,
    /// The document's heading, when the reader found one above the table.
    pub title: Option<String>,
    /// The assessed districts, when the office names them (the tables seldom do).
    pub districts: Vec<String>,
    /// They were read from the notice's 考核对象, not given: said as an inference.
    pub districts_from_notice: bool,
}

#[derive(Debug, Clone)]
pub struct Imported {
    /// The rubric file, in the bundled format, with `# 待确认` comments.
    pub toml: String,
    pub inferred: Vec<Finding>,
    pub unreadable: Vec<Finding>,
    /// Where the written file and the table's own words disagree.
    pub differences: Vec<Finding>,
    pub items: usize,
}

/// Every table given (a header kaohe knows, or a continuation of the table
/// before it), read into one rubric file. A whole notice's tables are
/// sorted into their rubrics first by [`import_notice`].
pub fn import(tables: &[Table], options: &Options) -> Imported {
    import_tables(&tables.iter().collect::<Vec<_>>(), options)
}

fn import_tables(tables: &[&Table], options: &Options) -> Imported {
    let read = build::read(tables);
    let toml = write::rubric_file(&read, options);
    Imported {
        toml,
        items: read.items(),
        inferred: read.inferred,
        unreadable: read.unreadable,
        differences: read.differences,
    }
}
