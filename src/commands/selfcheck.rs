//! `kaohe selfcheck template|import`: the districts' 自评打分表 out, and
//! their filled sheets (or a set the office sent) in, into the rubric's
//! self-assessment set in the data dir, which the workbench shows beside
//! every cell.

use super::words::{finish_in, say};
use super::{FAILED, OK};
use crate::config::Dirs;
use crate::io::atomic::write_output;
use crate::io::bounded::{ReadError, read_at_most};
use crate::io::{rubric_files, selfchecks};
use crate::lang::Lang;
use crate::rubric::Rubric;
use crate::scoring::import::{MAX_IMPORT_BYTES, SheetKind};
use crate::selfcheck::sheet::{SheetError, read_file};
use crate::selfcheck::template::{template_csv, template_xlsx};
use crate::selfcheck::{MAX_SET_BYTES, SelfCheckSet, read_set};
use anyhow::Context;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub fn template(
    lang: Lang,
    rubric: &str,
    district: Option<&str>,
    file: Option<&Path>,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    finish_in(lang, write_template(lang, rubric, district, file, out), errout)
}

fn write_template(
    lang: Lang,
    rubric: &str,
    district: Option<&str>,
    file: Option<&Path>,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let rubric = rubric_files::find(rubric)?;
    let districts: Vec<String> = match district {
        Some(d) => vec![find_district(lang, &rubric, d)?],
        None => rubric.districts.clone(),
    };
    let path = file.map_or_else(
        || {
            let whose = district.map_or_else(String::new, |_| format!("-{}", districts[0]));
            PathBuf::from(format!(
                "{}{}-自评打分表.xlsx",
                rubric.id,
                crate::text::names::file_part(&whose)
            ))
        },
        Path::to_path_buf,
    );
    let csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let bytes = match (csv, districts.as_slice()) {
        (true, [one]) => template_csv(&rubric, one)?,
        (true, _) => anyhow::bail!(say(
            lang,
            "CSV 只能装一个地区的表：请加 --district，或写成 .xlsx（每个地区一页）",
            "a CSV holds one district's sheet: give --district, or write an .xlsx (a sheet per district)",
        )),
        (false, _) => template_xlsx(&rubric, &districts)?,
    };
    write_output(&path, &bytes).with_context(|| {
        say(
            lang,
            format!("无法写入 {}", path.display()),
            format!("cannot write {}", path.display()),
        )
    })?;
    let rows = crate::selfcheck::rows_of(&rubric).len();
    writeln!(
        out,
        "{}",
        say(
            lang,
            format!(
                "已写出 {}：{} 个地区的自评打分表，每表 {rows} 项（{}）。\n各地区填好交回后，用下面的命令读入：\nkaohe selfcheck import --rubric {} <交回的文件>…",
                path.display(),
                districts.len(),
                if csv {
                    "请只填 自评得分 和 评分依据 两列"
                } else {
                    "只有 自评得分 和 评分依据 两列可填，自评得分 按细则的分值检查"
                },
                rubric.id
            ),
            format!(
                "wrote {}: the self-assessment sheet of {} district(s), {rows} rows each ({}).\nRead the filled sheets back with:\nkaohe selfcheck import --rubric {} <files>…",
                path.display(),
                districts.len(),
                if csv {
                    "fill in only 自评得分 and 评分依据"
                } else {
                    "only 自评得分 and 评分依据 can be edited, and 自评得分 is checked against the unit's points"
                },
                rubric.id
            ),
        )
    )?;
    Ok(OK)
}

fn find_district(lang: Lang, rubric: &Rubric, wanted: &str) -> anyhow::Result<String> {
    let wanted = wanted.trim();
    let found: Vec<&String> = rubric.districts.iter().filter(|d| d.contains(wanted)).collect();
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        _ if rubric.districts.iter().any(|d| d == wanted) => Ok(wanted.to_string()),
        _ => anyhow::bail!(say(
            lang,
            format!(
                "{} 的地区里没有唯一的“{wanted}”；它的地区有：{}",
                rubric.id,
                rubric.districts.join("、")
            ),
            format!(
                "no one district of {} is \"{wanted}\"; its districts: {}",
                rubric.id,
                rubric.districts.join("、")
            ),
        )),
    }
}

pub fn import(
    lang: Lang,
    rubric: &str,
    files: &[PathBuf],
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    finish_in(lang, import_files(lang, rubric, files, dirs, out), errout)
}

/// Faults listed per file; the rest are counted.
const LISTED: usize = 100;

fn import_files(lang: Lang, rubric: &str, files: &[PathBuf], dirs: &Dirs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let rubric = rubric_files::find(rubric)?;
    let store = selfchecks::path(&dirs.data, &rubric.id);
    let mut set = match selfchecks::load(&store, &rubric, lang) {
        Ok(Some(set)) => set,
        Ok(None) => SelfCheckSet::new(&rubric),
        Err(why) => {
            // A set of another rubric's version is not mixed with this one's.
            writeln!(
                out,
                "{}",
                say(
                    lang,
                    format!("原有的自评数据不再适用，已由本次读入的代替：{why}"),
                    format!("the set kept so far no longer applies and is replaced: {why}"),
                )
            )?;
            SelfCheckSet::new(&rubric)
        }
    };
    let mut refused = 0;
    let mut read = Vec::new();
    for file in files {
        match read_one(lang, file, &rubric) {
            Ok(one) => read.push((file, one)),
            Err(errors) => {
                refused += 1;
                say_refused(lang, file, &errors, out)?;
            }
        }
    }
    for (file, one) in read {
        let districts: Vec<String> = one
            .districts
            .iter()
            .map(|(d, claims)| {
                say(
                    lang,
                    format!("{d} {} 项", claims.len()),
                    format!("{d} {} rows", claims.len()),
                )
            })
            .collect();
        writeln!(
            out,
            "{}",
            say(
                lang,
                format!("已读入 {}：{}", file.display(), districts.join("、")),
                format!("read {}: {}", file.display(), districts.join(", ")),
            )
        )?;
        set.absorb(one);
    }
    if refused == files.len() {
        return Ok(FAILED);
    }
    selfchecks::save(&store, &set).with_context(|| format!("{}", store.display()))?;
    let shown = store.display();
    let claimed: Vec<String> = set.districts.iter().map(|(d, c)| format!("{d} {}", c.len())).collect();
    writeln!(
        out,
        "{}",
        say(
            lang,
            format!(
                "自评数据存于 {shown}（{} 个地区：{}）。\n本机工作台打开 {} 时，每格旁显示该地区的自评；其他部门的电脑上：把这个文件连同细则发过去，用 kaohe selfcheck import --rubric {} {shown} 读入。",
                set.districts.len(),
                claimed.join("、"),
                rubric.id,
                rubric.id
            ),
            format!(
                "the self-assessments are kept in {shown} ({} district(s): {}).\nThe workbench on {} shows each district's claim beside every cell; for other departments, send them this file with the rubric to read with kaohe selfcheck import --rubric {} {shown}.",
                set.districts.len(),
                claimed.join(", "),
                rubric.id,
                rubric.id
            ),
        )
    )?;
    Ok(if refused > 0 { FAILED } else { OK })
}

/// A file refused: how many faults, each named (the first [`LISTED`]).
fn say_refused(lang: Lang, file: &Path, errors: &[SheetError], out: &mut dyn Write) -> io::Result<()> {
    let shown = file.display();
    writeln!(
        out,
        "{}",
        say(
            lang,
            format!("{shown}：有 {} 处不对，这个文件一项也没有读入：", errors.len()),
            format!("{shown}: {} fault(s); nothing read from this file:", errors.len()),
        )
    )?;
    for e in errors.iter().take(LISTED) {
        writeln!(out, "  {}", e.words(lang))?;
    }
    if errors.len() > LISTED {
        let more = errors.len() - LISTED;
        writeln!(
            out,
            "  …{}",
            say(lang, format!("另有 {more} 处"), format!("and {more} more"))
        )?;
    }
    Ok(())
}

/// One file's claims: a set (.json) or a filled sheet.
fn read_one(lang: Lang, file: &Path, rubric: &Rubric) -> Result<SelfCheckSet, Vec<SheetError>> {
    let shown = file.display().to_string();
    let whole = |reason: String| {
        vec![SheetError {
            file: shown.clone(),
            sheet: None,
            line: None,
            column: None,
            value: String::new(),
            reason,
        }]
    };
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_lowercase();
    let json = extension == "json";
    let kind = SheetKind::of_extension(&extension);
    if !json && kind.is_none() {
        return Err(whole(say(
            lang,
            "kaohe 读 .xlsx、.csv 的自评打分表和 .json 的自评数据",
            "kaohe reads self-assessment sheets as .xlsx or .csv, and sets as .json",
        )));
    }
    let limit = if json { MAX_SET_BYTES } else { MAX_IMPORT_BYTES };
    let bytes = match read_at_most(file, limit) {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge(size)) => {
            return Err(whole(say(
                lang,
                format!("{size} 字节，超过上限（{limit} 字节）"),
                format!("{size} bytes, over the limit ({limit})"),
            )));
        }
        Err(ReadError::Io(e)) => {
            return Err(whole(if lang == Lang::Zh {
                format!("无法读取（{}）", crate::tui::i18n::read_reason_zh(e.kind()))
            } else {
                format!("cannot read it: {e}")
            }));
        }
    };
    match kind {
        Some(kind) if !json => read_file(&shown, kind, &bytes, rubric, lang),
        _ => read_set(&bytes, rubric, lang).map_err(|e| whole(e.words(lang))),
    }
}
