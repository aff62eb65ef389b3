//! `kaohe rubric import FILE.docx|FILE.xlsx`: the office's own table as a
//! rubric file, written beside nothing it would overwrite, then checked as
//! `kaohe rubric check` checks, with a review of what to confirm.

use super::{FAILED, OK};
use crate::io::bounded::{ReadError, read_at_most};
use crate::io::rubric_tables::read_document;
use crate::rubric::Severity;
use crate::rubric::import::{Imported, Options, import_notice};
use crate::text::escape::{visible, visible_lines};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Inferences listed on the terminal; the rest are counted (all are marked
/// in the file). What was left out, and every difference, is always listed
/// whole: it is in no file.
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
            writeln!(errout, "kaohe: {}", visible_lines(&message))?;
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
        ReadError::TooLarge(size) => format!("{shown}：{size} 字节，比任何细则文件都大；请确认是不是选错了文件"),
        ReadError::Io(e) => format!("无法读取 {shown}（{}）", crate::tui::i18n::io_reason_zh(e.kind())),
    })?;
    let id = match args.id {
        // The id names the file written: no path, no space, nothing a shell quotes.
        Some(id) if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') => {
            id.to_string()
        }
        Some(id) => {
            return Err(format!(
                "--id {}：id 只能由字母、数字、- 和 _ 组成（如 suizhou-2023）",
                visible(id)
            ));
        }
        None => id_from(args.file)
            .ok_or_else(|| format!("{shown}：请用 --id 给细则一个短 id（字母、数字和 -，如 suizhou-2023）"))?,
    };
    if crate::rubric::bundled::bundled().iter().any(|b| b.id == id) {
        return Err(format!(
            "{id} 是内置细则的 id；请用 --id 给今年的表格另起一个（如 {id}-new，或按年份：suizhou-2023）"
        ));
    }
    let document = read_document(&shown, &bytes).map_err(|e| format!("{shown}：{e}"))?;
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
    let notice = import_notice(&document.tables, &options);
    let items: usize = notice.parts.iter().map(|p| p.imported.items).sum();
    if items == 0 {
        let mut why = format!(
            "{shown}: 没有读出任何一项。kaohe 找的是表头含“考核领域/考核要点/具体内容/评分标准/分值/负责部门”之类栏目的表格"
        );
        for f in notice.left_out.iter().chain(
            notice
                .parts
                .iter()
                .flat_map(|p| p.imported.unreadable.iter().chain(&p.imported.inferred)),
        ) {
            why.push_str(&format!("\n  {f}"));
        }
        return Err(why);
    }
    let mut status = OK;
    for part in &notice.parts {
        if part.imported.items == 0 {
            continue;
        }
        let target = match (args.out, notice.parts.len()) {
            (Some(out), 1) => out.to_path_buf(),
            (Some(out), _) => out.with_file_name(format!(
                "{}{}.toml",
                out.file_stem()
                    .map_or_else(|| id.clone(), |s| s.to_string_lossy().into_owned()),
                part.sheet.id_suffix()
            )),
            (None, _) => PathBuf::from(format!("{}.toml", part.id)),
        };
        write_new(&target, part.imported.toml.as_bytes())?;
        writeln!(out, "{}：", part.sheet.words()).map_err(|e| e.to_string())?;
        let target_name = target.display().to_string();
        let rubric_errors = review(&part.imported, &target_name, out).map_err(|e| e.to_string())?;
        if !part.imported.unreadable.is_empty() || rubric_errors > 0 {
            status = FAILED;
        }
    }
    if !notice.left_out.is_empty() {
        writeln!(out, "未读取的表格 {} 张：", notice.left_out.len()).map_err(|e| e.to_string())?;
        for f in &notice.left_out {
            writeln!(out, "  {}", visible(&f.to_string())).map_err(|e| e.to_string())?;
        }
    }
    Ok(status)
}

/// The new file, never over an existing one (nor through a link).
fn write_new(target: &Path, bytes: &[u8]) -> Result<(), String> {
    crate::io::atomic::write_new(target, bytes, false).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            format!(
                "{} 已存在；kaohe 从不覆盖细则文件：请用 --out 另给一个名字，或把它移走",
                target.display()
            )
        } else {
            format!(
                "无法写入 {}（{}）",
                target.display(),
                crate::tui::i18n::io_reason_zh(e.kind())
            )
        }
    })
}

/// What the office reads next: where the file is, what to confirm (from its
/// first `待确认` line), what was left out and where the file and the table
/// disagree (every one), and what `rubric check --draft` says besides.
/// The number of errors the check found besides the marks.
fn review(imported: &Imported, target: &str, out: &mut dyn Write) -> io::Result<usize> {
    let marks = crate::rubric::unconfirmed(&imported.toml);
    writeln!(out, "已写出 {}：{} 项。", visible(target), imported.items)?;
    match marks.first() {
        Some((line, ..)) => writeln!(
            out,
            "待确认 {} 处（kaohe 推断的值与差异），第一处在第 {line} 行：用 kaohe rubric review {} 逐条核对，或核对原件后删去注释。",
            marks.len(),
            visible(target)
        )?,
        None => writeln!(out, "没有待确认之处。")?,
    }
    if !imported.differences.is_empty() {
        writeln!(
            out,
            "与原表核对的差异 {} 处（文件开头逐条列出）：",
            imported.differences.len()
        )?;
        for f in &imported.differences {
            writeln!(out, "  {}", visible(&f.to_string()))?;
        }
    }
    let inferred: Vec<&crate::rubric::import::Finding> = imported.inferred.iter().collect();
    if !inferred.is_empty() {
        writeln!(out, "推断 {} 处：", inferred.len())?;
        for f in inferred.iter().take(LISTED) {
            writeln!(out, "  {}", visible(&f.to_string()))?;
        }
        if inferred.len() > LISTED {
            writeln!(out, "  ……另有 {} 处，见文件中的“待确认”", inferred.len() - LISTED)?;
        }
    }
    if !imported.unreadable.is_empty() {
        writeln!(
            out,
            "未能读出、未写入文件的 {} 处（请对照原件补上）：",
            imported.unreadable.len()
        )?;
        for f in &imported.unreadable {
            writeln!(out, "  {}", visible(&f.to_string()))?;
        }
    }
    let checked = crate::rubric::check_draft(target, &imported.toml);
    let errors = checked.errors().count();
    let warnings = checked.warnings().filter(|d| d.code != "unconfirmed").count();
    writeln!(
        out,
        "kaohe rubric check --draft：{errors} 个错误，{warnings} 个提示（待确认之外：文件自身的数字不一致等）"
    )?;
    for d in checked
        .diagnostics
        .iter()
        .filter(|d| d.code != "unconfirmed")
        .take(LISTED)
    {
        let mark = if d.severity == Severity::Error {
            "错误"
        } else {
            "提示"
        };
        let line = d.line.map_or_else(String::new, |l| format!(" 第{l}行"));
        writeln!(out, "  {mark}{line}: {}", visible(d.message_in(crate::lang::Lang::Zh)))?;
    }
    if !marks.is_empty() || errors > 0 || !imported.unreadable.is_empty() {
        writeln!(
            out,
            "待确认之处全部核对、删去后，kaohe rubric check {} 才会通过。",
            visible(target)
        )?;
    }
    Ok(errors)
}
