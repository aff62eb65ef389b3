//! `kaohe rubric import FILE.docx|FILE.xlsx`: the office's own table as a
//! rubric file, written beside nothing it would overwrite, then checked as
//! `kaohe rubric check` checks, with a review of what to confirm.

use super::{FAILED, OK};
use crate::io::bounded::{ReadError, read_at_most};
use crate::io::escape::visible;
use crate::io::rubric_tables::read_document;
use crate::rubric::Severity;
use crate::rubric::import::{Options, import};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Findings listed on the terminal; the rest are counted (all are in the file).
const LISTED: usize = 30;

pub struct ImportArgs<'a> {
    pub file: &'a Path,
    pub id: Option<&'a str>,
    pub out: Option<&'a Path>,
    pub districts: &'a [String],
}

pub fn run(args: &ImportArgs<'_>, out: &mut dyn Write, errout: &mut dyn Write) -> io::Result<i32> {
    match import_file(args, out) {
        Ok(code) => Ok(code),
        Err(message) => {
            writeln!(errout, "kaohe: {}", visible(&message))?;
            Ok(FAILED)
        }
    }
}

/// A short id from the file's name (`suizhou-2023.docx` → `suizhou-2023`),
/// when its name is one.
fn id_from(file: &Path) -> Option<String> {
    let stem = file.file_stem()?.to_str()?.to_lowercase();
    let ok = !stem.is_empty() && stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then_some(stem)
}

fn import_file(args: &ImportArgs<'_>, out: &mut dyn Write) -> Result<i32, String> {
    let shown = args.file.display().to_string();
    let bytes = read_at_most(args.file, 64 * 1024 * 1024).map_err(|e| match e {
        ReadError::TooLarge(size) => format!("{shown} is {size} bytes, larger than any rubric document"),
        ReadError::Io(e) => format!("cannot read {shown}: {e}"),
    })?;
    let id = match args.id {
        // The id names the file written: no path, no space, nothing a shell quotes.
        Some(id) if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') => {
            id.to_string()
        }
        Some(id) => {
            return Err(format!(
                "--id {}: an id is letters, digits, - and _ only (such as suizhou-2023)",
                visible(id)
            ));
        }
        None => id_from(args.file).ok_or_else(|| {
            format!("{shown}: give the rubric a short id with --id (letters, digits and -, such as suizhou-2023)")
        })?,
    };
    if crate::rubric::bundled::bundled().iter().any(|b| b.id == id) {
        return Err(format!(
            "{id} is a bundled rubric's id; give this year's table its own with --id (such as {id}-new, or the year's: suizhou-2023)"
        ));
    }
    let document = read_document(&shown, &bytes).map_err(|e| format!("{shown}: {e}"))?;
    let source = args
        .file
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    // The office's list first; else the notice's, when it names them.
    let (districts, from_notice) = if args.districts.is_empty() {
        let named = crate::rubric::import::words::districts(&document.paragraphs);
        let found = !named.is_empty();
        (named, found)
    } else {
        (args.districts.to_vec(), false)
    };
    let options = Options {
        id: id.clone(),
        source,
        title: document.title.clone(),
        districts,
        districts_from_notice: from_notice,
    };
    let imported = import(&document.tables, &options);
    if imported.items == 0 {
        let mut why = format!(
            "{shown}: no rubric table found (a header row naming 考核领域/考核要点/具体内容/评分标准/分值/负责部门 or the like)"
        );
        for f in imported.inferred.iter().chain(&imported.unreadable).take(LISTED) {
            why.push_str(&format!("\n  {f}"));
        }
        return Err(why);
    }
    let target = args
        .out
        .map_or_else(|| PathBuf::from(format!("{id}.toml")), Path::to_path_buf);
    write_new(&target, imported.toml.as_bytes())?;
    let target_name = target.display().to_string();
    let rubric_errors = review(&imported, &target_name, out).map_err(|e| e.to_string())?;
    Ok(if imported.unreadable.is_empty() && rubric_errors == 0 {
        OK
    } else {
        FAILED
    })
}

/// The new file, never over an existing one (nor through a link).
fn write_new(target: &Path, bytes: &[u8]) -> Result<(), String> {
    crate::io::atomic::write_new(target, bytes, false).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            format!(
                "{} already exists; kaohe never overwrites a rubric file: give --out another name, or move it away",
                target.display()
            )
        } else {
            e.to_string()
        }
    })
}

/// What the office reads next: where the file is, what to confirm (from its
/// first `待确认` line), what was left out, and what `rubric check` says.
/// The number of errors the check found.
fn review(imported: &crate::rubric::import::Imported, target: &str, out: &mut dyn Write) -> io::Result<usize> {
    let first_confirm = imported
        .toml
        .lines()
        .position(|l| l.contains("# 待确认"))
        .map_or(0, |i| i + 1);
    let confirms = imported.toml.lines().filter(|l| l.contains("# 待确认")).count();
    writeln!(out, "已写出 {}：{} 项。", visible(target), imported.items)?;
    writeln!(
        out,
        "待确认 {confirms} 处（kaohe 推断的值），第一处在第 {first_confirm} 行：逐一核对原件后删去注释。"
    )?;
    for f in imported.inferred.iter().take(LISTED) {
        writeln!(out, "  {}", visible(&f.to_string()))?;
    }
    if imported.inferred.len() > LISTED {
        writeln!(
            out,
            "  ……另有 {} 处，见文件中的“待确认”",
            imported.inferred.len() - LISTED
        )?;
    }
    if !imported.unreadable.is_empty() {
        writeln!(
            out,
            "未能读出、未写入文件的 {} 处（请对照原件补上）：",
            imported.unreadable.len()
        )?;
        for f in imported.unreadable.iter().take(LISTED) {
            writeln!(out, "  {}", visible(&f.to_string()))?;
        }
    }
    let checked = crate::rubric::check(target, &imported.toml);
    let errors = checked.errors().count();
    let warnings = checked.warnings().count();
    writeln!(
        out,
        "kaohe rubric check：{errors} 个错误，{warnings} 个提示（文件自身的数字不一致等）"
    )?;
    for d in checked.diagnostics.iter().take(LISTED) {
        let mark = if d.severity == Severity::Error {
            "错误"
        } else {
            "提示"
        };
        let line = d.line.map_or_else(String::new, |l| format!(" 第{l}行"));
        writeln!(out, "  {mark}{line}: {}", visible(&d.message))?;
    }
    if errors > 0 || !imported.unreadable.is_empty() {
        writeln!(out, "改好后运行: kaohe rubric check {}", visible(target))?;
    }
    Ok(errors)
}
