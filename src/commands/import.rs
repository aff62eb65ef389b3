//! `kaohe import --rubric R --dept D FILE`: a department's scores from a
//! CSV or XLSX sheet into its draft, all rows or none.

use super::OK;
use super::words::{finish_in, say};
use crate::config::Dirs;
use crate::io::rubric_files;
use crate::io::sheets::read_table;
use crate::lang::Lang;
use crate::rubric::hash::rubric_hash;
use crate::scoring::draft::Draft;
use crate::scoring::import::import_rows;
use crate::text::escape::visible;
use anyhow::{Context, anyhow};
use std::io::{self, Write};
use std::path::Path;

/// What `kaohe import` was given.
pub struct ImportArgs<'a> {
    pub lang: Lang,
    pub rubric: &'a str,
    pub dept: Option<&'a str>,
    pub file: &'a Path,
    pub scorer: Option<&'a str>,
}

pub fn run(args: &ImportArgs<'_>, dirs: &Dirs, out: &mut dyn Write, errout: &mut dyn Write) -> io::Result<i32> {
    finish_in(args.lang, import_file(args, dirs, out), errout)
}

/// Row errors listed; the rest are counted.
const LISTED_ERRORS: usize = 100;

fn import_file(args: &ImportArgs<'_>, dirs: &Dirs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let lang = args.lang;
    let file = args.file;
    let rubric = rubric_files::find(args.rubric)?;
    let dept = args.dept.with_context(|| {
        say(
            lang,
            "这是哪个部门的分数？请用 --dept 指明",
            "which department's scores are these? give --dept",
        )
    })?;
    let department = rubric.find_department(dept)?.name.clone();
    let table = read_table(file)?;
    let store = dirs.drafts();
    let existing = store.load(&rubric.id, &department)?;
    let scorer = args
        .scorer
        .map(str::to_string)
        .or_else(|| existing.as_ref().map(|d| d.scorer.clone()))
        .with_context(|| {
            say(
                lang,
                format!("{department} 还没有草稿：请用 --scorer 写上评分人的姓名"),
                format!("{department} has no draft yet: give --scorer NAME, the name the scores are recorded under"),
            )
        })?;
    let lock = store.lock(&rubric.id, &department, &scorer).map_err(|e| {
        let why = crate::tui::i18n::store_error(lang, &e);
        anyhow!(say(
            lang,
            format!("{why}\n（请先关闭打开此草稿的工作台，再导入）"),
            format!("{why}\n(close the workbench on this draft, then import again)")
        ))
    })?;
    // Read again under the lock: the draft may have changed meanwhile.
    let mut draft = store
        .load_locked(&lock)?
        .unwrap_or_else(|| Draft::new(&rubric.id, &rubric_hash(&rubric), &department, &scorer));
    let summary = import_rows(&rubric, &department, &table.rows, &mut draft, lang)
        .map_err(|errors| anyhow!(rows_refused(lang, file, table.rows.len(), &errors)))?;
    store.save(&draft)?;
    let mine: Vec<String> = rubric
        .scoring_units()
        .filter(|u| u.department == department)
        .map(|u| crate::scoring::draft::unit_key(&u.item.id, u.sub.map(|s| s.id.as_str())))
        .collect();
    let all = mine.len() * rubric.districts.len();
    let scored = rubric
        .districts
        .iter()
        .flat_map(|d| mine.iter().map(move |u| (d, u)))
        .filter(|(d, u)| draft.cell(d, u).is_some_and(|c| c.is_scored()))
        .count();
    let path = store.path(&rubric.id, &department);
    let mut text = imported_words(lang, &summary, &path, &department, (scored, all));
    if summary.blank > 0 {
        text.push_str(&say(
            lang,
            format!("\n跳过空白行 {} 行", summary.blank),
            format!("\n{} blank rows skipped", summary.blank),
        ));
    }
    if let Some(sheet) = &table.sheet {
        text.push_str(&sheet_words(lang, sheet));
    }
    if !table.ignored_columns.is_empty() {
        text.push_str(&say(
            lang,
            format!("\n未使用的列：{}", table.ignored_columns.join("、")),
            format!("\nignored columns: {}", table.ignored_columns.join(", ")),
        ));
    }
    writeln!(out, "{text}")?;
    Ok(OK)
}

/// Why nothing was imported: the wrong rows, the first [`LISTED_ERRORS`]
/// of them named.
fn rows_refused(lang: Lang, file: &Path, rows: usize, errors: &[crate::scoring::import::RowError]) -> String {
    let wrong = errors
        .iter()
        .map(|e| e.line)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let mut text = say(
        lang,
        format!(
            "{}：{} 行中有 {wrong} 行有误，什么也没有导入。请改正后再导入：",
            file.display(),
            rows
        ),
        format!(
            "{}: {wrong} of {} rows are wrong; nothing was imported. Fix them and import again:",
            file.display(),
            rows
        ),
    );
    for e in errors.iter().take(LISTED_ERRORS) {
        text.push_str(&format!("\n{}:{}", file.display(), e.words(lang)));
    }
    // A sheet of a million wrong rows is told in a screenful, not 170 MB.
    if errors.len() > LISTED_ERRORS {
        let more = errors.len() - LISTED_ERRORS;
        text.push_str(&say(
            lang,
            format!("\n……另有 {more} 处错误未列出；请先改正上面这些，再导入一次"),
            format!("\n… and {more} more errors not listed; fix those above and import again"),
        ));
    }
    text
}

/// Which sheet of a workbook was read, and the hidden ones passed over.
fn sheet_words(lang: Lang, sheet: &crate::scoring::import::SheetRead) -> String {
    let mut text = String::new();
    let name = visible(&sheet.name);
    text.push_str(&say(
        lang,
        format!("\n读取的工作表：{name}"),
        format!("\nsheet read: {name}"),
    ));
    if !sheet.hidden_before.is_empty() {
        let hidden: Vec<String> = sheet.hidden_before.iter().map(|h| visible(h)).collect();
        text.push_str(&say(
            lang,
            format!("（跳过了它前面的隐藏工作表：{}）", hidden.join("、")),
            format!(" (hidden sheets before it passed over: {})", hidden.join(", ")),
        ));
    }
    text
}

/// What an import did: rows, scores and notes read, cells changed, and how
/// much of the department is now scored.
fn imported_words(
    lang: Lang,
    summary: &crate::scoring::import::ImportSummary,
    draft: &Path,
    department: &str,
    (scored, all): (usize, usize),
) -> String {
    let (rows, scores, notes) = (summary.rows, summary.scores, summary.notes);
    let (changed, unchanged, draft) = (summary.changed, summary.unchanged, draft.display());
    let (scores_cleared, notes_cleared) = (summary.scores_cleared, summary.notes_cleared);
    let cleared = if scores_cleared + notes_cleared > 0 {
        say(
            lang,
            format!("，清除 {scores_cleared} 个分数、{notes_cleared} 条备注"),
            format!(", {scores_cleared} scores and {notes_cleared} notes cleared"),
        )
    } else {
        String::new()
    };
    say(
        lang,
        format!(
            "已把 {rows} 行（{scores} 个分数、{notes} 条备注{cleared}）导入 {draft}：改动 {changed} 格，未变 {unchanged} 格\n{department} 现已评 {scored}/{all} 格"
        ),
        format!(
            "imported {rows} rows ({scores} scores, {notes} notes{cleared}) into {draft}: {changed} cells changed, {unchanged} unchanged\n{scored} of {all} cells of {department} are now scored"
        ),
    )
}
