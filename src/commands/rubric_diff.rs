//! `kaohe rubric diff OLD NEW [--dept D]`: last year's rubric against this
//! year's, item by item, and per department what is new for it.

use super::{FAILED, OK};
use crate::io::rubric_files;
use crate::points::shown;
use crate::rubric::Rubric;
use crate::rubric::diff::{Aspect, Change, diff};
use crate::rubric::hash::rubric_hash;
use crate::text::escape::{visible, visible_lines};
use std::io::{self, Write};

pub fn run(old: &str, new: &str, dept: Option<&str>, out: &mut dyn Write, errout: &mut dyn Write) -> io::Result<i32> {
    let load = |q: &str| rubric_files::find_draft(q).map_err(|e| e.to_string());
    let (old, new) = match (load(old), load(new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            writeln!(errout, "kaohe: {}", visible_lines(&e))?;
            return Ok(FAILED);
        }
    };
    let mut found = diff(&old, &new);
    if let Some(q) = dept {
        // The department as either version names it.
        let name = new
            .find_department(q)
            .or_else(|_| old.find_department(q))
            .map(|d| d.name.clone());
        match name {
            Ok(name) => {
                writeln!(out, "部门: {}", visible(&name))?;
                found = found.for_department(&old, &new, &name);
            }
            Err(e) => {
                writeln!(errout, "kaohe: {}", visible(&e.to_string()))?;
                return Ok(FAILED);
            }
        }
    }
    for (word, r) in [("旧", &old), ("新", &new)] {
        writeln!(
            out,
            "{word}: {} {}  {} 项  hash {}",
            visible(&r.id),
            visible(&r.title),
            r.items.len(),
            &rubric_hash(r)[..16]
        )?;
    }
    if found.changes.is_empty() {
        writeln!(out, "没有改动。")?;
        return Ok(OK);
    }
    for change in &found.changes {
        writeln!(out, "{}", line(change, &old, &new))?;
    }
    let count = |f: fn(&Change) -> bool| found.changes.iter().filter(|c| f(c)).count();
    writeln!(
        out,
        "共 {} 处：新增 {}，删除 {}，移动 {}，修改 {}",
        found.changes.len(),
        count(|c| matches!(c, Change::Added { .. })),
        count(|c| matches!(c, Change::Removed { .. })),
        count(|c| matches!(c, Change::Moved { .. })),
        count(|c| matches!(c, Change::Changed { .. })),
    )?;
    Ok(OK)
}

fn item_line(r: &Rubric, id: &str) -> String {
    r.items.iter().find(|i| i.id == id).map_or_else(String::new, |i| {
        let text: String = i
            .label
            .clone()
            .unwrap_or_else(|| i.text.clone())
            .chars()
            .take(40)
            .collect();
        // The points, unless the text already says them.
        let points = i
            .points
            .map(|p| format!("{}分", shown(p)))
            .filter(|p| !text.contains(p.as_str()))
            .map(|p| format!("（{p}）"))
            .unwrap_or_default();
        format!("{}{points} [{}]", visible(&text), visible(&i.departments.join("、")))
    })
}

fn line(change: &Change, old: &Rubric, new: &Rubric) -> String {
    let points = |p: &Option<rust_decimal::Decimal>| p.map_or("无".to_string(), shown);
    match change {
        Change::Added { id } => format!("+ 新增 {id} {}", item_line(new, id)),
        Change::Removed { id } => format!("- 删除 {id} {}", item_line(old, id)),
        Change::Moved { from, to } => format!("~ 移动 {from} → {to} {}", item_line(new, to)),
        Change::Changed { id, what } => {
            let said: Vec<String> = what
                .iter()
                .map(|a| match a {
                    Aspect::Text => "文字有改动".to_string(),
                    Aspect::Points(a, b) => format!("分值 {} → {}", points(a), points(b)),
                    Aspect::Kind(a, b) => format!("类别 {} → {}", a.document_word(), b.document_word()),
                    Aspect::Criteria => "评分标准有改动".to_string(),
                    Aspect::Departments(a, b) => {
                        format!("部门 {} → {}", visible(&a.join("、")), visible(&b.join("、")))
                    }
                    Aspect::Parts => "分项（各部分分值）有改动".to_string(),
                })
                .collect();
            format!("* 修改 {id} {}: {}", item_line(new, id), said.join("；"))
        }
    }
}
