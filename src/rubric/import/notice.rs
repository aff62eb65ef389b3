//! A whole notice (the 实施方案 with its 附件1-4 in one file, or a workbook
//! of several sheets) sorted into its rubrics: the main 评分细则, the
//! on-site sheet (实地核查), each its own rubric file; a blank self-score
//! sheet (自评得分表) and tables that are no rubric (a contact list) left
//! out, said.

use super::header::{self, Role};
use super::{Finding, Imported, Options, Table, import_tables};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    Main,
    OnSite,
}

impl Sheet {
    /// What the office calls it.
    pub fn words(self) -> &'static str {
        match self {
            Sheet::Main => "评分细则",
            Sheet::OnSite => "实地核查评分表",
        }
    }

    /// Added to the id of the rubric file it is written to.
    pub fn id_suffix(self) -> &'static str {
        match self {
            Sheet::Main => "",
            Sheet::OnSite => "-onsite",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Part {
    pub sheet: Sheet,
    pub id: String,
    pub imported: Imported,
}

#[derive(Debug, Clone, Default)]
pub struct Notice {
    pub parts: Vec<Part>,
    /// Tables that are no rubric, and why.
    pub left_out: Vec<Finding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Rubric(Sheet),
    SelfScore,
    NotARubric,
}

/// A paragraph that starts an attachment: `附件1`, `附件 2：`.
fn is_attachment_mark(paragraph: &str) -> bool {
    let p: String = paragraph.chars().filter(|c| !c.is_whitespace()).collect();
    p.strip_prefix("附件").is_some_and(|rest| {
        let digits = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
            .count();
        digits > 0 && rest.chars().count() <= digits + 1
    })
}

/// The table's title: the short lines right above it (a title printed
/// over two lines is one title), past a section heading (一、汇报交流).
fn title_of(table: &Table) -> Option<String> {
    let mut lines: Vec<&str> = Vec::new();
    for p in table.heading.iter().rev().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let numbered = is_section_heading(p);
        let title_like =
            p.chars().count() <= 40 && !p.ends_with(['。', '；', ';', '：', ':']) && !p.starts_with("附件");
        if lines.is_empty() && numbered {
            continue;
        }
        if !title_like || numbered {
            break;
        }
        lines.push(p);
    }
    lines.reverse();
    let joined: String = lines.concat();
    if joined.contains("考核") || joined.contains("评分") || joined.contains("细则") {
        return Some(joined);
    }
    // A sheet's title row above its header.
    let header = header::find(&table.rows)?;
    table.rows[..header.row]
        .iter()
        .filter_map(|row| {
            let worded: Vec<&str> = row.iter().map(|c| c.text.trim()).filter(|t| !t.is_empty()).collect();
            (worded.len() == 1).then(|| worded[0].lines().map(str::trim).collect::<String>())
        })
        .find(|t| t.contains("考核") || t.contains("评分") || t.contains("细则"))
}

/// `一、汇报交流`, `（二）实地考察`: a section of the text, not a title.
fn is_section_heading(p: &str) -> bool {
    let numerals = "一二三四五六七八九十";
    let chars: Vec<char> = p.chars().collect();
    match chars.as_slice() {
        [n, '、', ..] => numerals.contains(*n),
        ['（' | '(', n, '）' | ')', ..] => numerals.contains(*n),
        _ => false,
    }
}

fn kind_of(table: &Table, before: Option<Kind>) -> Kind {
    // Only the words since the table's own 附件 mark: the notice's list of
    // attachments above the first names every one of them.
    let from = table.heading.iter().rposition(|p| is_attachment_mark(p)).unwrap_or(0);
    let heading = table.heading[from..].concat();
    let named = format!("{heading}{}", table.name);
    let header = header::find(&table.rows);
    let self_score =
        header.as_ref().is_some_and(|h| h.has(Role::SelfScore)) || (named.contains("自评") && named.contains("得分"));
    if self_score {
        return Kind::SelfScore;
    }
    if ["实地核查", "现场核查", "实地考核", "实地检查"]
        .iter()
        .any(|w| named.contains(w))
    {
        return Kind::Rubric(Sheet::OnSite);
    }
    let new_attachment = table.heading.iter().any(|p| is_attachment_mark(p));
    match (header.is_some(), new_attachment, before) {
        (false, true, _) | (false, false, None) => Kind::NotARubric,
        (false, false, Some(k)) => k,
        (true, true, _) | (true, false, None) => Kind::Rubric(Sheet::Main),
        (true, false, Some(Kind::Rubric(s))) => Kind::Rubric(s),
        (true, false, Some(_)) => Kind::Rubric(Sheet::Main),
    }
}

/// Every table sorted into its rubric, each rubric read and written.
pub fn import_notice(tables: &[Table], options: &Options) -> Notice {
    let mut notice = Notice::default();
    let mut sorted: Vec<(Sheet, Vec<&Table>)> = Vec::new();
    let mut before = None;
    for table in tables {
        let kind = kind_of(table, before);
        before = Some(kind);
        let heading = title_of(table).unwrap_or_else(|| table.heading.last().cloned().unwrap_or_default());
        match kind {
            Kind::Rubric(sheet) => match sorted.iter_mut().find(|(s, _)| *s == sheet) {
                Some((_, list)) => list.push(table),
                None => sorted.push((sheet, vec![table])),
            },
            Kind::SelfScore => notice.left_out.push(Finding {
                place: None,
                what: format!(
                    "{}（{}）是自评得分表（有“自评得分”栏）：不是评分细则，未读取",
                    table.name,
                    super::build::clipped(&heading)
                ),
            }),
            Kind::NotARubric => {
                if table.rows.iter().any(|r| r.iter().any(|c| !c.text.trim().is_empty())) {
                    notice.left_out.push(Finding {
                        place: None,
                        what: format!(
                            "{}（{}）没有评分表的表头（考核领域、考核要点、评分标准、分值、负责部门等）：不是评分表，未读取",
                            table.name,
                            super::build::clipped(&heading)
                        ),
                    });
                }
            }
        }
    }
    for (sheet, tables) in sorted {
        let mut options = options.clone();
        options.id = format!("{}{}", options.id, sheet.id_suffix());
        if let Some(title) = tables.first().and_then(|t| title_of(t)) {
            options.title = Some(title);
        }
        let imported = import_tables(&tables, &options);
        notice.parts.push(Part {
            sheet,
            id: options.id,
            imported,
        });
    }
    notice
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_marks() {
        assert!(is_attachment_mark("附件1"));
        assert!(is_attachment_mark("附件 2："));
        assert!(is_attachment_mark("附件三"));
        assert!(!is_attachment_mark(
            "附件：惠州市2017年度县（区）人民政府质量工作考核实地核查要点及评分要求"
        ));
    }
}
