//! The read rubric as a rubric file in the bundled format (rubrics/FORMAT.md):
//! items in document order, text verbatim, and a `# 待确认:` comment on
//! every value kaohe inferred, for the office to confirm or correct.

use super::Options;
use super::build::Read;
use super::words;
use crate::points::shown;
use crate::rubric::Kind;
use std::fmt::Write;

/// A TOML basic string, escaped as the format needs.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn list(values: &[String]) -> String {
    format!("[{}]", values.iter().map(|v| quoted(v)).collect::<Vec<_>>().join(", "))
}

pub(super) fn rubric_file(read: &Read, options: &Options) -> String {
    let mut out = String::new();
    header(&mut out, read, options);
    departments(&mut out, read);
    for (a, area) in read.areas.iter().enumerate() {
        let area_id = (a + 1).to_string();
        let _ = writeln!(
            out,
            "\n[[area]]\nid = {}  # 来源: {}\nname = {}",
            quoted(&area_id),
            source_words(&area.source),
            quoted(&area.name)
        );
        if let Some(p) = area.stated {
            let _ = writeln!(out, "points = {}", quoted(&shown(p)));
        }
        for (k, kp) in area.key_points.iter().enumerate() {
            let kp_id = format!("{area_id}.{}", k + 1);
            let _ = writeln!(
                out,
                "\n[[key_point]]\nid = {}  # 来源: {}\narea = {}\nname = {}",
                quoted(&kp_id),
                source_words(&kp.source),
                quoted(&area_id),
                quoted(&kp.name)
            );
            if let Some(p) = kp.stated {
                let _ = writeln!(out, "points = {}", quoted(&shown(p)));
            }
            for note in &kp.confirm {
                let _ = writeln!(out, "# 待确认: {}", one_line(note));
            }
            if let Some(note) = &kp.note {
                let _ = writeln!(out, "note = {}", quoted(note));
            }
            for (i, item) in kp.items.iter().enumerate() {
                write_item(&mut out, &format!("{kp_id}.{}", i + 1), &kp_id, item);
            }
        }
    }
    out
}

fn source_words(place: &super::Place) -> String {
    format!("{} 第{}行", place.table, place.row)
}

fn header(out: &mut String, read: &Read, options: &Options) {
    let title = options.title.clone().unwrap_or_else(|| options.source.clone());
    let _ = writeln!(
        out,
        "# 由 kaohe rubric import 从 {} 读出。标有“待确认”的值是 kaohe 推断的：逐一核对原件，\n\
         # 改正后删去该注释；然后运行 kaohe rubric check 此文件。",
        options.source
    );
    let _ = writeln!(out, "\nid = {}", quoted(&options.id));
    let _ = write!(out, "title = {}", quoted(&title));
    if options.title.is_none() {
        let _ = write!(out, "  # 待确认: 文件中未找到标题，暂用文件名");
    }
    let _ = writeln!(out, "\nissuer = \"\"  # 待确认: 发文单位（表格中没有），请填写");
    let year: String = title
        .chars()
        .collect::<Vec<_>>()
        .windows(4)
        .find(|w| w.iter().all(char::is_ascii_digit))
        .map(|w| w.iter().collect())
        .unwrap_or_default();
    let said = if year.is_empty() {
        "标题中没有年份：请填写考核周期（如 2023）"
    } else {
        "考核周期按标题中的年份读出"
    };
    let _ = writeln!(out, "period = {}  # 待确认: {said}", quoted(&year));
    let _ = writeln!(out, "source = {}", quoted(&options.source));
    let _ = writeln!(out, "criteria_column = {}", read.criteria_column);
    let _ = write!(out, "districts = {}", list(&options.districts));
    if options.districts.is_empty() {
        let _ = write!(
            out,
            "  # 待确认: 表格未列出考核对象：在此列出各县市区（或 import 时用 --districts）"
        );
    } else if options.districts_from_notice {
        let _ = write!(out, "  # 待确认: 按文件“考核对象”一段读出");
    }
    out.push('\n');
    if let Some(effect) = &read.veto_effect {
        let _ = writeln!(out, "veto = {}  # 待确认: 否决的后果按否决项的文字读出", quoted(effect));
    }
    if !read.note.is_empty() {
        let _ = writeln!(
            out,
            "note = {}  # 待确认: 原表的备注行，照录",
            quoted(&read.note.join("\n"))
        );
    }
    if !read.differences.is_empty() {
        let _ = writeln!(
            out,
            "\n# ---- 与原表核对的差异：逐条对照原件，改正文件或确认原表如此（可写入 discrepancy）后删去该行"
        );
        for d in &read.differences {
            let _ = writeln!(out, "# 待确认: 差异: {}", one_line(&d.to_string()));
        }
    }
}

/// A comment is one line: the words of a cell keep their breaks elsewhere.
fn one_line(text: &str) -> String {
    text.lines().map(str::trim).collect::<Vec<_>>().join(" ")
}

/// Every department in order of first appearance; spellings that differ
/// only by 市 / 局 / 委 (and 监管 for 监督管理) proposed as one department.
fn departments(out: &mut String, read: &Read) {
    let mut done: Vec<&str> = Vec::new();
    for name in &read.departments {
        if done.contains(&name.as_str()) {
            continue;
        }
        let alike: Vec<&String> = read
            .departments
            .iter()
            .filter(|other| words::same_department(name, other))
            .collect();
        let _ = writeln!(out, "\n[[department]]\nname = {}", quoted(name));
        let mut aliases: Vec<String> = alike.iter().map(|a| a.to_string()).collect();
        // The short form analysts type (市场监管局 for 市场监督管理局).
        let short = name.replace("监督管理", "监管");
        if short != *name && !aliases.contains(&short) {
            aliases.push(short);
        }
        if !aliases.is_empty() {
            let why = if alike.is_empty() {
                "常用简称，便于查找"
            } else {
                "这些写法只差“市”“局”“委”等字，读作同一部门；若不是，删去并为其另列 [[department]]"
            };
            let _ = writeln!(out, "aliases = {}  # 待确认: {why}", list(&aliases));
            done.extend(alike.iter().map(|a| a.as_str()));
        }
        done.push(name);
    }
}

fn write_item(out: &mut String, id: &str, kp_id: &str, item: &super::build::ItemRead) {
    let _ = writeln!(
        out,
        "\n[[item]]\nid = {}  # 来源: {}\nkey_point = {}",
        quoted(id),
        item.source,
        quoted(kp_id)
    );
    if let Some(label) = &item.label {
        let _ = writeln!(out, "label = {}", quoted(label));
    }
    let _ = writeln!(out, "text = {}", quoted(&item.text));
    if let Some(p) = item.points {
        let _ = writeln!(out, "points = {}", quoted(&shown(p)));
    }
    if let Some(kind) = item.kind {
        let word = match kind {
            Kind::Standard => "standard",
            Kind::Deduction => "deduction",
            Kind::Bonus => "bonus",
            Kind::Veto => "veto",
        };
        let _ = writeln!(out, "kind = {}", quoted(word));
    }
    if item.award {
        let _ = writeln!(out, "award = true");
    }
    for note in &item.confirm {
        let _ = writeln!(out, "# 待确认: {}", one_line(note));
    }
    if let Some(criteria) = &item.criteria {
        let _ = writeln!(out, "criteria = {}", quoted(criteria));
    }
    if let Some(gap) = &item.discrepancy {
        let _ = writeln!(out, "discrepancy = {}", quoted(gap));
    }
    if let Some(evidence) = item.evidence {
        let _ = writeln!(out, "evidence = {}", quoted(evidence));
    }
    if let Some(text) = &item.evidence_text {
        let _ = writeln!(out, "evidence_text = {}", quoted(text));
    }
    let _ = writeln!(out, "departments = {}", list(&item.departments));
    if let Some(text) = &item.departments_text {
        let _ = writeln!(out, "departments_text = {}", quoted(text));
    }
    if let Some(note) = &item.note {
        let _ = writeln!(out, "note = {}", quoted(note));
    }
    if let Some((name, amount)) = &item.per_event {
        let _ = writeln!(
            out,
            "per_event = [{{ name = {}, points = {} }}]",
            quoted(name),
            quoted(&shown(*amount))
        );
    }
    for (s, sub) in item.subs.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n[[item.sub]]\nid = {}\ntext = {}\npoints = {}",
            quoted(&(s + 1).to_string()),
            quoted(&sub.text),
            quoted(&shown(sub.points))
        );
        if !sub.departments.is_empty() {
            let _ = writeln!(out, "departments = {}", list(&sub.departments));
        }
    }
}
