//! `kaohe draft rebuild`: the draft as its audit log tells it, to check a
//! draft or to bring back one that was lost or damaged.

use super::{FAILED, OK, finish};
use crate::config::Dirs;
use crate::io::atomic::{write_atomic, write_output};
use crate::io::audit_log;
use crate::io::drafts::StoreError;
use crate::io::rubric_files;
use crate::scoring::draft::Draft;
use anyhow::{Context, anyhow, bail};
use std::io::{self, Write};

fn json(draft: &Draft) -> anyhow::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(draft)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Cells that differ between two drafts.
fn differing(a: &Draft, b: &Draft) -> usize {
    let keys: std::collections::BTreeSet<(&String, &String)> = a
        .cells
        .iter()
        .chain(&b.cells)
        .flat_map(|(d, row)| row.keys().map(move |u| (d, u)))
        .collect();
    keys.into_iter().filter(|(d, u)| a.cell(d, u) != b.cell(d, u)).count()
}

pub fn rebuild(
    rubric: &str,
    dept: Option<&str>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    finish(rebuild_draft(rubric, dept, dirs, out), errout)
}

fn rebuild_draft(rubric: &str, dept: Option<&str>, dirs: &Dirs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let rubric = rubric_files::find(rubric)?;
    let dept = dept.context("whose draft? give --dept")?;
    let department = rubric.find_department(dept)?.name.clone();
    let store = dirs.drafts();
    let path = store.path(&rubric.id, &department);
    let log = audit_log::log_path(&path);
    if !log.exists() {
        bail!("{}: no audit log, so nothing to rebuild from", log.display());
    }
    let _lock = store.lock(&rubric.id, &department, "kaohe draft rebuild")?;
    let entries = audit_log::read(&log)?;
    let rebuilt = audit_log::rebuild(&log, &entries)?;
    let write = |target: &std::path::Path| -> anyhow::Result<()> {
        write_atomic(target, &json(&rebuilt)?).with_context(|| format!("cannot write {}", target.display()))
    };
    let (status, text) = match store.load(&rubric.id, &department) {
        Ok(Some(saved)) => {
            let n = differing(&saved, &rebuilt);
            let same = n == 0 && saved.revision == rebuilt.revision && saved.scorer == rebuilt.scorer;
            if same {
                (
                    OK,
                    format!(
                        "{} matches its audit log ({} entries, {} cells)",
                        path.display(),
                        entries.len(),
                        rebuilt.cells.values().map(|r| r.len()).sum::<usize>()
                    ),
                )
            } else {
                let aside = path.with_extension("rebuilt.json");
                write(&aside)?;
                (
                    FAILED,
                    format!(
                        "{} differs from its audit log in {n} cells; the log's version is in {} (the draft was left as it is)",
                        path.display(),
                        aside.display()
                    ),
                )
            }
        }
        Ok(None) => {
            write(&path)?;
            (
                OK,
                format!(
                    "{} was missing; rebuilt from {} ({} entries)",
                    path.display(),
                    log.display(),
                    entries.len()
                ),
            )
        }
        Err(e @ (StoreError::Corrupt { .. } | StoreError::Mismatch { .. })) => {
            let aside = path.with_extension(format!("damaged-{}.json", crate::clock::now_utc().replace(':', "")));
            std::fs::rename(&path, &aside).map_err(|err| anyhow!("cannot move {} aside: {err}", path.display()))?;
            write(&path)?;
            (
                OK,
                format!(
                    "{e}\nmoved it to {} and rebuilt {} from its audit log ({} entries)",
                    aside.display(),
                    path.display(),
                    entries.len()
                ),
            )
        }
        Err(e) => return Err(e.into()),
    };
    writeln!(out, "{text}")?;
    Ok(status)
}

/// `kaohe draft sheet`: the department's draft as a sheet to print for its
/// leadership's sign-off: every district's cells (scores, vetoes, notes,
/// evidence flags) and subtotal, marked as an unsigned draft. `.xlsx` when
/// the file is named so, else CSV (with the byte-order mark Excel needs).
pub fn sheet(
    lang: crate::lang::Lang,
    rubric: &str,
    dept: Option<&str>,
    file: Option<&std::path::Path>,
    dirs: &Dirs,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    super::words::finish_in(lang, write_sheet(lang, rubric, dept, file, dirs, out), errout)
}

fn sheet_rows(lang: crate::lang::Lang, session: &crate::scoring::session::Session) -> Vec<Vec<String>> {
    let shown = crate::points::shown;
    let zh = lang == crate::lang::Lang::Zh;
    let title = if zh {
        format!(
            "草稿（未签名，不是评分文件）：{} {}，评分人 {}，已导出版次 {}",
            session.rubric.id, session.department, session.scorer, session.draft.revision
        )
    } else {
        format!(
            "DRAFT, unsigned (not a score file): {} {}, scorer {}, last exported revision {}",
            session.rubric.id, session.department, session.scorer, session.draft.revision
        )
    };
    let header = if zh {
        ["区县", "项目", "得分", "否决", "备注", "事件", "缺印证材料", "内容"]
    } else {
        [
            "district",
            "item",
            "score",
            "veto",
            "note",
            "events",
            "evidence missing",
            "text",
        ]
    };
    let (yes, no) = if zh { ("是", "否") } else { ("yes", "no") };
    let mut rows = vec![vec![title], header.map(String::from).to_vec()];
    for (d, district) in session.rubric.districts.iter().enumerate() {
        for unit in &session.units {
            let cell = session.cell(d, unit).cloned().unwrap_or_default();
            let text = session.scoring_unit(unit).text().to_string();
            rows.push(vec![
                district.clone(),
                unit.key.clone(),
                cell.score.map(shown).unwrap_or_default(),
                cell.veto
                    .map(|v| if v { yes } else { no }.to_string())
                    .unwrap_or_default(),
                cell.note.clone(),
                events_text(session, unit, &cell),
                if cell.evidence_missing { yes } else { "" }.to_string(),
                text,
            ]);
        }
        let (done, total) = session.progress(d);
        let (subtotal, available) = session.subtotal(d);
        // The subtotal in the score column; what it is out of, in words.
        let (label, of) = if zh {
            (
                "小计".to_string(),
                format!("满分 {}，已评 {done}/{total} 格", shown(available)),
            )
        } else {
            (
                "subtotal".to_string(),
                format!("out of {}, {done} of {total} cells scored", shown(available)),
            )
        };
        rows.push(vec![district.clone(), label, shown(subtotal), String::new(), of]);
    }
    rows
}

/// A per-event cell's events as the import's 事件 column takes them back.
fn events_text(
    session: &crate::scoring::session::Session,
    unit: &crate::scoring::session::Unit,
    cell: &crate::scoring::draft::Cell,
) -> String {
    let described = cell.input.as_ref().map_or(&[][..], |i| i.events());
    let kinds = match session.scoring_unit(unit).helper() {
        Some(crate::rubric::Helper::PerEvent { events, .. }) => events.len(),
        _ => return String::new(),
    };
    crate::scoring::events::text(described, kinds)
}

fn write_sheet(
    lang: crate::lang::Lang,
    rubric: &str,
    dept: Option<&str>,
    file: Option<&std::path::Path>,
    dirs: &Dirs,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let rubric = rubric_files::find(rubric)?;
    let say = |zh: String, en: String| lang.say(zh, en);
    let dept = dept.with_context(|| {
        say(
            "这是哪个部门的草稿？请用 --dept 指明".into(),
            "whose draft? give --dept".into(),
        )
    })?;
    let department = rubric.find_department(dept)?.name.clone();
    let draft = dirs.drafts().load(&rubric.id, &department)?.with_context(|| {
        say(
            format!("{department} 还没有 {} 的草稿：没有可打印的", rubric.id),
            format!("{department} has no draft of {} yet: nothing to print", rubric.id),
        )
    })?;
    let scorer = draft.scorer.clone();
    let session =
        crate::scoring::session::Session::new(rubric.clone(), rubric.id.clone(), department.clone(), scorer, draft);
    let path = file.map_or_else(
        || {
            std::path::PathBuf::from(format!(
                "{}-{}-draft.csv",
                rubric.id,
                crate::text::names::file_part(&department)
            ))
        },
        std::path::Path::to_path_buf,
    );
    let rows = sheet_rows(lang, &session);
    let xlsx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let bytes = if xlsx {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, text)?;
            }
        }
        book.save_to_buffer()?
    } else {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(b"\xEF\xBB\xBF".to_vec());
        for row in &rows {
            writer.write_record(row.iter().map(|cell| crate::merge::inert_csv_cell(cell)))?;
        }
        writer.into_inner().map_err(|e| anyhow!("{e}"))?
    };
    write_output(&path, &bytes).with_context(|| {
        say(
            format!("无法写入 {}", path.display()),
            format!("cannot write {}", path.display()),
        )
    })?;
    let (scored, total) = (0..session.rubric.districts.len())
        .map(|d| session.progress(d))
        .fold((0, 0), |(a, b), (s, t)| (a + s, b + t));
    let said = say(
        format!(
            "已写出 {}：{department} 的草稿（已评 {scored}/{total} 格），未签名，供打印",
            path.display()
        ),
        format!(
            "wrote {}: the draft of {department} ({scored} of {total} cells scored), unsigned, for printing",
            path.display()
        ),
    );
    writeln!(out, "{said}")?;
    Ok(OK)
}
