//! `kaohe rubric list | show | check`.

use super::{pad, pad_left};
use crate::io::rubric_files;
use crate::lang::Lang;
use crate::points::shown;
use crate::rubric::bundled::{self, FindError};
use crate::rubric::{Checked, Diagnostic, Evidence, Helper, Item, Kind, Rubric, hash::rubric_hash};
use crate::tui::i18n;
use serde_json::{Value, json};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

pub const OK: i32 = 0;
pub const FAILED: i32 = 1;

pub fn list(lang: Lang, json: bool, out: &mut dyn Write) -> io::Result<i32> {
    let rows: Vec<[String; 4]> = bundled::bundled()
        .iter()
        .map(|b| match crate::rubric::check(&b.file, b.text).into_result() {
            Ok(r) => [
                b.id.to_string(),
                r.title.clone(),
                r.items.len().to_string(),
                r.departments.len().to_string(),
            ],
            Err(e) => [
                b.id.to_string(),
                {
                    let (errors, id) = (e.diagnostics.iter().filter(|d| d.is_error()).count(), b.id);
                    lang.say(
                        format!("（无效：{errors} 处错误；请运行 kaohe rubric check {id}）"),
                        format!("(invalid: {errors} errors; run `kaohe rubric check {id}`)"),
                    )
                },
                "-".into(),
                "-".into(),
            ],
        })
        .collect();
    if json {
        // For scripts: the same rows; an invalid rubric has no counts.
        let list: Vec<serde_json::Value> = rows
            .iter()
            .map(|[id, title, items, departments]| {
                serde_json::json!({
                    "id": id,
                    "title": title,
                    "items": items.parse::<usize>().ok(),
                    "departments": departments.parse::<usize>().ok(),
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::Value::Array(list))?;
        return Ok(OK);
    }
    let header = match lang {
        Lang::Zh => ["id", "标题", "项数", "部门数"],
        Lang::En => ["ID", "TITLE", "ITEMS", "DEPTS"],
    }
    .map(String::from);
    let widths: Vec<usize> = (0..4)
        .map(|c| {
            std::iter::once(&header)
                .chain(&rows)
                .map(|r| UnicodeWidthStr::width(r[c].as_str()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(&header).chain(&rows) {
        writeln!(
            out,
            "{}  {}  {}  {}",
            pad(&row[0], widths[0]),
            pad(&row[1], widths[1]),
            pad_left(&row[2], widths[2]),
            pad_left(&row[3], widths[3]),
        )?;
    }
    Ok(OK)
}

/// Print a find error for the user and return the failing status.
fn report(lang: Lang, err: &FindError, errout: &mut dyn Write) -> io::Result<i32> {
    writeln!(
        errout,
        "kaohe: {}",
        crate::text::escape::visible_lines(&i18n::find_error(lang, err))
    )?;
    Ok(FAILED)
}

pub fn show(
    lang: Lang,
    query: &str,
    dept: Option<&str>,
    as_json: bool,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    let rubric = match rubric_files::find(query) {
        Ok(r) => r,
        Err(e) => return report(lang, &e, errout),
    };
    let department = match dept {
        Some(q) => match rubric.find_department(q) {
            Ok(d) => Some(d.name.clone()),
            Err(e) => {
                writeln!(errout, "kaohe: {}", i18n::department_error(lang, &e))?;
                return Ok(FAILED);
            }
        },
        None => None,
    };
    let items: Vec<&Item> = match &department {
        Some(d) => rubric.items_scored_by(d).collect(),
        None => rubric.items.iter().collect(),
    };
    if as_json {
        // The resolved rubric whole, every scoring parameter included; its
        // hash is over exactly this object (README, "Rubric hash"). With
        // --dept the items are that department's, and it says which.
        let mut value = crate::rubric::hash::resolved(&rubric);
        if let Value::Object(map) = &mut value {
            map.insert("hash".into(), json!(rubric_hash(&rubric)));
            if let Some(d) = &department {
                map.insert("department".into(), json!(d));
                map.insert("items".into(), json!(items));
            }
        }
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).map_err(io::Error::other)?
        )?;
        return Ok(OK);
    }
    // A rubric file may come from anywhere: what it says is shown, never obeyed.
    let mut text = Vec::new();
    show_text(lang, &rubric, department.as_deref(), &items, &mut text)?;
    out.write_all(crate::text::escape::visible_lines(&String::from_utf8_lossy(&text)).as_bytes())?;
    Ok(OK)
}

fn show_text(
    lang: Lang,
    rubric: &Rubric,
    department: Option<&str>,
    items: &[&Item],
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "{}  ({})", rubric.title, rubric.id)?;
    // What a department compares with the office's to know it scores on the same rubric.
    writeln!(out, "SHA-256: {}", rubric_hash(rubric))?;
    writeln!(out, "发文: {}    周期: {}", rubric.issuer, rubric.period)?;
    writeln!(out, "考核对象: {}", rubric.districts.join("、"))?;
    if let Some(note) = &rubric.note {
        writeln!(out, "备注: {note}")?;
    }
    if let Some(d) = department {
        let tally = rubric.department_tallies().into_iter().find(|t| t.name == d);
        let (n, p) = tally.map(|t| (t.items, t.points)).unwrap_or_default();
        writeln!(
            out,
            "评价部门: {d} — {} 项 (标准项 {n} 项, {} 分)",
            items.len(),
            shown(p)
        )?;
    }
    let mut last_area = None;
    let mut last_key_point = None;
    for item in items {
        let key_point = rubric.key_point(&item.key_point);
        let area = rubric.area_of(item);
        if area.map(|a| &a.id) != last_area {
            if let Some(a) = area {
                let stated = a.stated.map(|s| format!(" ({}分)", shown(s))).unwrap_or_default();
                writeln!(out, "\n{} {}{}", a.id, a.name, stated)?;
                if let Some(note) = &a.note {
                    writeln!(out, "  备注: {note}")?;
                }
            }
            last_area = area.map(|a| &a.id);
        }
        if key_point.map(|k| &k.id) != last_key_point {
            if let Some(k) = key_point {
                let stated = k.stated.map(|s| format!(" ({}分)", shown(s))).unwrap_or_default();
                writeln!(out, "  {} {}{}", k.id, k.name, stated)?;
                if let Some(note) = &k.note {
                    writeln!(out, "    备注: {note}")?;
                }
            }
            last_key_point = key_point.map(|k| &k.id);
        }
        write_item(item, department, out)?;
    }
    if let Some(d) = department {
        let supporting: Vec<&str> = rubric
            .items
            .iter()
            .filter(|i| i.is_supported_by(d))
            .map(|i| i.id.as_str())
            .collect();
        if !supporting.is_empty() {
            let supporting = supporting.join(", ");
            writeln!(
                out,
                "\n{}",
                lang.say(
                    format!("协办（与其他部门同列；由牵头部门评分）：{supporting}"),
                    format!("协办 (named with other departments; scored by the lead department): {supporting}")
                )
            )?;
        }
    }
    Ok(())
}

fn kind_label(item: &Item) -> String {
    let cap = item.points.map(shown);
    match (item.kind, cap) {
        (Kind::Standard, Some(p)) => format!("{p}分"),
        (Kind::Deduction, Some(p)) => format!("扣分项 最高扣{p}分"),
        (Kind::Deduction, None) => "扣分项 不设上限".to_string(),
        (Kind::Bonus, Some(p)) => format!("加分项 最高加{p}分"),
        (Kind::Veto, _) => "否决项".to_string(),
        (_, None) => "-".to_string(),
    }
}

fn write_item(item: &Item, department: Option<&str>, out: &mut dyn Write) -> io::Result<()> {
    let label = item.label.as_deref().map(|l| format!("{l}: ")).unwrap_or_default();
    let text = if item.text.is_empty() {
        "（原文此处无名称）"
    } else {
        item.text.as_str()
    };
    let head = format!("    {}  [{}]  ", item.id, kind_label(item));
    let mut text_lines = text.lines().map(str::trim);
    writeln!(out, "{head}{label}{}", text_lines.next().unwrap_or_default())?;
    let indent = " ".repeat(UnicodeWidthStr::width(head.as_str()));
    for line in text_lines {
        writeln!(out, "{indent}{line}")?;
    }
    let criteria_shown = item.criteria != item.text;
    if criteria_shown {
        writeln!(out, "        评分标准:")?;
        for line in item.criteria.lines() {
            writeln!(out, "          {}", line.trim())?;
        }
    }
    for sub in &item.subs {
        let p = sub.points.map(|p| format!(" [{}分]", shown(p))).unwrap_or_default();
        let d = if sub.departments.is_empty() {
            String::new()
        } else {
            format!(" — {}", sub.departments.join("、"))
        };
        let mine = match department {
            Some(dep) if sub.departments.first().is_some_and(|f| f == dep) => " *",
            _ => "",
        };
        // The criteria block already carries each part's words; otherwise give them here.
        let words = if criteria_shown {
            String::new()
        } else {
            format!(" {}", sub.text)
        };
        writeln!(out, "        {}{p}{d}{mine}{words}", sub.id)?;
    }
    let evidence = match item.evidence {
        Evidence::Yes => "是",
        Evidence::No => "否",
        Evidence::Partial => "部分",
        Evidence::Unstated => "未注明",
    };
    let evidence_text = item
        .evidence_text
        .as_deref()
        .map(|t| format!(" ({t})"))
        .unwrap_or_default();
    writeln!(out, "        印证材料: {evidence}{evidence_text}")?;
    writeln!(out, "        评价部门: {}", item.departments.join("、"))?;
    if let Some(t) = &item.departments_text {
        writeln!(out, "        (原文: {t})")?;
    }
    for (tag, text) in [
        ("备注", &item.note),
        ("解读", &item.reading),
        ("重构", &item.reconstructed),
        ("原文不一致", &item.discrepancy),
    ] {
        if let Some(t) = text {
            writeln!(out, "        {tag}: {t}")?;
        }
    }
    Ok(())
}

pub fn check(
    lang: Lang,
    queries: &[String],
    as_json: bool,
    draft: bool,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    let queries: Vec<String> = if queries.is_empty() {
        bundled::bundled().iter().map(|b| b.id.to_string()).collect()
    } else {
        queries.to_vec()
    };
    let mut status = OK;
    let mut reports = Vec::new();
    for q in &queries {
        let mut checked = match rubric_files::find_checked(q) {
            Ok(c) if draft => c.as_draft(),
            Ok(c) => c,
            Err(e) => {
                status = report(lang, &e, errout)?;
                continue;
            }
        };
        // The check passes only what scoring would open.
        let clash = checked
            .rubric
            .as_ref()
            .filter(|r| rubric_files::takes_a_bundled_id(q, r))
            .map(|r| r.id.clone());
        if let Some(id) = clash {
            checked.diagnostics.push(
                Diagnostic::error(
                    "bundled-id",
                    None,
                    format!(
                        "its id \"{id}\" is a bundled rubric's, but its contents differ; give the office's rubric an id of its own (such as \"{id}-office\"), so that files scored on it cannot be taken for the bundled one's"
                    ),
                )
                .with_zh(format!(
                    "其 id“{id}”与一份内置评分细则相同，但内容不同；请给质强办自己的细则另起一个 id（如“{id}-office”），免得按它评分的文件被当成内置细则的"
                )),
            );
        }
        if checked.has_errors() {
            status = FAILED;
        }
        if as_json {
            reports.push(check_json(&checked));
        } else {
            check_text(lang, &checked, out)?;
        }
    }
    if as_json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&Value::Array(reports)).map_err(io::Error::other)?
        )?;
    }
    Ok(status)
}

/// Each diagnostic on its line, then the count. In Chinese the frame is
/// Chinese; the checker's own sentences are still its English (their notes
/// quote the documents).
fn check_text(lang: Lang, checked: &Checked, out: &mut dyn Write) -> io::Result<()> {
    for d in &checked.diagnostics {
        // A finding quotes the file: shown, not obeyed.
        let line = match lang {
            Lang::En => d.located(&checked.file).to_string(),
            Lang::Zh => {
                let severity = if d.is_error() { "错误" } else { "提示" };
                let at = d.line.map(|l| format!(":{l}")).unwrap_or_default();
                format!("{}{at}：{severity}[{}]：{}", checked.file, d.code, d.message_in(lang))
            }
        };
        writeln!(out, "{}", crate::text::escape::visible_lines(&line))?;
    }
    let errors = checked.errors().count();
    let warnings = checked.warnings().count();
    let name = checked.rubric.as_ref().map(|r| r.id.as_str()).unwrap_or(&checked.file);
    let items = checked.rubric.as_ref().map(|r| r.items.len());
    match lang {
        Lang::Zh => writeln!(
            out,
            "{name}：{}{errors} 处错误，{warnings} 处提示",
            items.map(|n| format!("{n} 项，")).unwrap_or_default()
        ),
        Lang::En => writeln!(
            out,
            "{name}: {}{}, {}",
            items.map(|n| format!("{n} items, ")).unwrap_or_default(),
            count(errors, "error"),
            count(warnings, "warning")
        ),
    }
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn diagnostic_json(d: &Diagnostic) -> Value {
    json!({ "code": d.code, "message": d.message, "zh": d.zh, "line": d.line })
}

/// The shape scripts rely on: see `kaohe rubric check --help` and the README.
pub fn check_json(checked: &Checked) -> Value {
    let errors: Vec<Value> = checked.errors().map(diagnostic_json).collect();
    let warnings: Vec<Value> = checked.warnings().map(diagnostic_json).collect();
    let Some(r) = &checked.rubric else {
        return json!({
            "id": Value::Null, "title": Value::Null, "file": checked.file, "items": 0,
            "errors": errors, "warnings": warnings, "areas": [], "departments": [],
            "deductions": [], "bonuses": [], "vetoes": [], "helpers": helper_counts(&[]),
        });
    };
    let areas: Vec<Value> = r
        .area_tallies()
        .iter()
        .map(|a| json!({ "id": a.id, "name": a.name, "stated": a.stated.map(shown), "sum": shown(a.sum) }))
        .collect();
    let departments: Vec<Value> = r
        .department_tallies()
        .iter()
        .map(|d| json!({ "name": d.name, "items": d.items, "points": shown(d.points) }))
        .collect();
    let special = |kind: Kind| -> Vec<Value> {
        r.items
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| json!({ "id": i.id, "points": i.points.map(shown), "departments": i.departments }))
            .collect()
    };
    json!({
        "id": r.id,
        "title": r.title,
        "file": checked.file,
        "hash": rubric_hash(r),
        "items": r.items.len(),
        "errors": errors,
        "warnings": warnings,
        "areas": areas,
        "departments": departments,
        "deductions": special(Kind::Deduction),
        "bonuses": special(Kind::Bonus),
        "vetoes": special(Kind::Veto),
        "helpers": helper_counts(&r.items),
    })
}

/// How many items and parts carry each kind of scoring helper, and the total.
fn helper_counts(items: &[Item]) -> Value {
    let helpers: Vec<&Helper> = items
        .iter()
        .flat_map(|i| i.helper.iter().chain(i.subs.iter().filter_map(|s| s.helper.as_ref())))
        .collect();
    let count = |kind: fn(&Helper) -> bool| helpers.iter().filter(|h| kind(h)).count();
    json!({
        "checklist": count(|h| matches!(h, Helper::Checklist { .. })),
        "scale": count(|h| matches!(h, Helper::Scale { .. })),
        "tiers": count(|h| matches!(h, Helper::Tiers(_))),
        "per_event": count(|h| matches!(h, Helper::PerEvent { .. })),
        "award": count(|h| matches!(h, Helper::Award)),
        "formula": count(|h| matches!(h, Helper::Formula(_))),
        "total": helpers.len(),
    })
}
