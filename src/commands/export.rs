//! `kaohe export`: the department's draft signed as its next revision.

use super::OK;
use super::keys::signer_for;
use super::words::{finish_in, say};
use crate::config::{Dirs, Settings};
use crate::department::export;
use crate::io::rubric_files;
use crate::lang::Lang;
use anyhow::{Context, anyhow};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What `kaohe export` was given; what is not is taken from the settings
/// the workbench remembered.
pub struct ExportArgs<'a> {
    pub lang: Lang,
    pub rubric: Option<&'a str>,
    pub dept: Option<&'a str>,
    pub scorer: Option<&'a str>,
    pub out_dir: Option<&'a Path>,
}

pub fn export_cmd(args: &ExportArgs<'_>, dirs: &Dirs, out: &mut dyn Write, errout: &mut dyn Write) -> io::Result<i32> {
    finish_in(args.lang, export_draft(args, dirs, out), errout)
}

fn export_draft(args: &ExportArgs<'_>, dirs: &Dirs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let lang = args.lang;
    let settings = Settings::load(dirs).unwrap_or_default();
    let query = args
        .rubric
        .map(str::to_string)
        .or(settings.rubric.clone())
        .with_context(|| {
            say(
                lang,
                "哪一份评分细则？请用 --rubric 指明（或先在工作台里打开一次）",
                "which rubric? give --rubric (or open it once in the workbench)",
            )
        })?;
    let rubric = rubric_files::find(&query)?;
    let dept_query = args
        .dept
        .map(str::to_string)
        .or(settings.department.clone())
        .with_context(|| say(lang, "哪个部门？请用 --dept 指明", "which department? give --dept"))?;
    let department = rubric.find_department(&dept_query)?.name.clone();
    let store = dirs.drafts();
    let who = args
        .scorer
        .map(str::to_string)
        .or(settings.scorer.clone())
        .unwrap_or_default();
    let lock = store.lock(&rubric.id, &department, &who).map_err(|e| {
        let why = crate::tui::i18n::store_error(lang, &e);
        anyhow!(say(
            lang,
            format!("{why}\n（工作台开着时，请在工作台里按导出键导出）"),
            format!("{why}\n(to export while the workbench is open, press its export key there)")
        ))
    })?;
    let mut draft = store.load_locked(&lock)?.with_context(|| {
        say(
            lang,
            format!(
                "{department} 还没有 {} 的草稿：请先在工作台里评分，或用 kaohe import 导入",
                rubric.id
            ),
            format!(
                "{department} has no draft of {} yet: score in the workbench or `kaohe import` first",
                rubric.id
            ),
        )
    })?;
    let signer = signer_for(lang, dirs, &department, Some(args.scorer.unwrap_or(&draft.scorer)))?;
    let dir = args.out_dir.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let exported = export(&rubric, &mut draft, &signer, &dir)?;
    // The revision is taken even if saving fails below: the file exists,
    // and the next export must not reuse its number.
    store.save(&draft).map_err(|e| {
        let why = crate::tui::i18n::store_error(lang, &e);
        anyhow!(say(
            lang,
            format!(
                "已写出 {}，但未能把版次 {} 记入草稿：{why}；再次导出前请先把该文件移走",
                exported.path.display(),
                exported.revision
            ),
            format!(
                "wrote {} but could not record revision {} in the draft: {why}; move the file away before exporting again",
                exported.path.display(),
                exported.revision
            )
        ))
    })?;
    let key = signer.key_line();
    let (file, revision, cells) = (exported.path.display(), exported.revision, exported.cells);
    let (signer_dept, scorer, key_id) = (&key.department, &key.scorer, &key.key_id);
    let said = say(
        lang,
        format!(
            "已写出 {file}：{department} 第 {revision} 版，{cells} 格，由 {signer_dept}（{scorer}）的密钥 {key_id} 签名"
        ),
        format!(
            "wrote {file}: {department} revision {revision}, {cells} cells, signed by {signer_dept} ({scorer}) key {key_id}"
        ),
    );
    writeln!(out, "{said}")?;
    Ok(OK)
}
