//! `kaohe template --rubric R --dept D [--out FILE]`: a blank sheet of the
//! department's cells (every district × every unit it scores) to fill in a
//! spreadsheet and read back with `kaohe import`. Unfilled rows are skipped
//! there, so the sheet imports back unchanged.

use super::OK;
use super::words::{finish_in, say};
use crate::io::atomic::write_output;
use crate::io::rubric_files;
use crate::lang::Lang;
use crate::rubric::Rubric;
use anyhow::Context;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub fn run(
    lang: Lang,
    rubric: &str,
    dept: Option<&str>,
    file: Option<&Path>,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    finish_in(lang, write_template(lang, rubric, dept, file, out), errout)
}

fn write_template(
    lang: Lang,
    rubric: &str,
    dept: Option<&str>,
    file: Option<&Path>,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let rubric = rubric_files::find(rubric)?;
    let dept = dept.with_context(|| say(lang, "这是哪个部门的表？请用 --dept 指明", "whose sheet? give --dept"))?;
    let department = rubric.find_department(dept)?.name.clone();
    let path = file.map_or_else(
        || {
            PathBuf::from(format!(
                "{}-{}-template.csv",
                rubric.id,
                crate::text::names::file_part(&department)
            ))
        },
        Path::to_path_buf,
    );
    let (bytes, cells) = template_csv(&rubric, &department)?;
    write_output(&path, &bytes).with_context(|| {
        say(
            lang,
            format!("无法写入 {}", path.display()),
            format!("cannot write {}", path.display()),
        )
    })?;
    let said = say(
        lang,
        format!(
            "已写出 {}：{department} 的 {cells} 格（{} 个地区）；填好后用下面的命令读回：\nkaohe import --rubric {} --dept {department} {}",
            path.display(),
            rubric.districts.len(),
            rubric.id,
            path.display()
        ),
        format!(
            "wrote {}: {cells} cells of {department} ({} districts), to fill in and read back with:\nkaohe import --rubric {} --dept {department} {}",
            path.display(),
            rubric.districts.len(),
            rubric.id,
            path.display()
        ),
    );
    writeln!(out, "{said}")?;
    Ok(OK)
}

/// The sheet as CSV with a byte-order mark (Excel needs it for Chinese): the
/// import's columns, then the item's text to read while filling it in.
pub fn template_csv(rubric: &Rubric, department: &str) -> anyhow::Result<(Vec<u8>, usize)> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let units: Vec<_> = rubric.scoring_units().filter(|u| u.department == department).collect();
    // A department with per-event items gets the column their events go in.
    let events = units
        .iter()
        .any(|u| matches!(u.helper(), Some(crate::rubric::Helper::PerEvent { .. })));
    let mut header = vec!["区县", "项目", "得分", "备注"];
    header.extend(events.then_some("事件"));
    header.push(crate::scoring::import::TEXT_COLUMN);
    writer.write_record(&header)?;
    let mut cells = 0;
    for district in &rubric.districts {
        for unit in &units {
            // The text is for reading (import passes it over): never a formula.
            let text = crate::merge::inert_csv_cell(unit.text());
            let district = crate::merge::inert_csv_cell(district);
            let key = unit.key();
            let mut row = vec![district.as_str(), key.as_str(), "", ""];
            row.extend(events.then_some(""));
            row.push(text.as_str());
            writer.write_record(&row)?;
            cells += 1;
        }
    }
    let bytes = writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok((bytes, cells))
}
