//! `kaohe rubric review FILE.toml`: an imported rubric's `# 待确认` marks,
//! one at a time, with the original table's rows the item came from beside
//! the lines written for it. A key confirms the mark (it is deleted), or
//! edits the chosen line; every change is written at once, and once no mark
//! remains the file is checked as `kaohe rubric check` checks it.
//!
//! Pure state: keys in, the text to write out ([`Effect`]); the command
//! (`commands::rubric_review`) owns the file and the terminal.

use super::action::{Action, Mode};
use super::keymap::{Key, Keymap, Lookup};
use super::text::TextField;
use crate::lang::Lang;
use std::collections::HashMap;

mod view;

pub use view::{render, source_span};

/// The original document's rows, by table name: each row's cells with the
/// column's header (`分值`, `牵头部门` …), as `rubric import` read them.
pub type SourceRows = HashMap<String, Vec<Vec<(String, String)>>>;

/// The rows of a document's tables as the review shows them: each cell
/// with its column's header, a merged cell as 同上.
pub fn source_rows(tables: &[crate::rubric::import::Table]) -> SourceRows {
    let mut rows = SourceRows::new();
    for table in tables {
        let header = crate::rubric::import::header::find(&table.rows);
        let named = table
            .rows
            .iter()
            .map(|cells| {
                cells
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !c.spanned)
                    .map(|(c, cell)| {
                        let heading = header.as_ref().map_or("", |h| h.column_name(c)).to_string();
                        let text = if cell.merged {
                            "（同上）".to_string()
                        } else {
                            cell.text.trim().to_string()
                        };
                        (heading, text)
                    })
                    .collect()
            })
            .collect();
        rows.insert(table.name.clone(), named);
    }
    rows
}

/// What the command does after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Write the file with this text (after a mark is confirmed or a line edited).
    Write(String),
}

#[derive(Debug)]
pub struct Review {
    pub file: String,
    lines: Vec<String>,
    /// Which mark is shown: an index into [`Review::marks`].
    at: usize,
    /// The chosen line of the file (0-based), within the mark's section.
    cursor: usize,
    editing: Option<TextField>,
    message: Option<(String, bool)>,
    sources: Option<SourceRows>,
    /// Where the original is, or why it is not shown.
    source_note: String,
    keymap: Keymap,
    pending: Vec<Key>,
    /// Each mark's line (0-based) and the byte its comment starts at, as
    /// the check reads them: read again whenever the lines change.
    places: Vec<(usize, usize)>,
    pub lang: Lang,
    pub quit: bool,
}

impl Review {
    pub fn new(
        file: &str,
        text: &str,
        sources: Option<SourceRows>,
        source_note: String,
        keymap: Keymap,
        lang: Lang,
    ) -> Review {
        let mut review = Review {
            file: file.to_string(),
            lines: text.lines().map(str::to_string).collect(),
            at: 0,
            cursor: 0,
            editing: None,
            message: None,
            sources,
            source_note,
            keymap,
            pending: Vec::new(),
            places: Vec::new(),
            lang,
            quit: false,
        };
        review.reindex();
        review.cursor = review.mark_line().unwrap_or(0);
        review
    }

    fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    pub fn text(&self) -> String {
        let mut text = self.lines.join("\n");
        text.push('\n');
        text
    }

    /// The lines (0-based) that carry a mark, in file order.
    pub fn marks(&self) -> Vec<usize> {
        self.mark_places().into_iter().map(|(line, _)| line).collect()
    }

    /// Each mark's line (0-based) and the byte its comment starts at.
    fn mark_places(&self) -> Vec<(usize, usize)> {
        self.places.clone()
    }

    /// The marks read again after the lines changed: the check's own
    /// reading of the file, so that a mark it counts is one shown here.
    fn reindex(&mut self) {
        self.places = crate::rubric::unconfirmed(&self.text())
            .into_iter()
            .map(|(line, at, _)| (line - 1, at))
            .collect();
    }

    /// A mark's own words, after `# 待确认:`.
    fn mark_words(&self, line: usize) -> &str {
        let at = self.places.iter().find(|(l, _)| *l == line).map_or(0, |(_, at)| *at);
        self.lines.get(line).map_or("", |l| {
            l[at..]
                .trim_start_matches(crate::rubric::UNCONFIRMED)
                .trim_start_matches([':', '：', ' '])
        })
    }

    /// The line of the mark shown.
    pub fn mark_line(&self) -> Option<usize> {
        let marks = self.marks();
        marks.get(self.at.min(marks.len().saturating_sub(1))).copied()
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_editing(&self) -> bool {
        self.editing.is_some()
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(|(m, _)| m.as_str())
    }

    /// The lines of the file that belong with a line: its `[[…]]` table (an
    /// item's parts with it), or the file's head before the first table.
    fn section(&self, line: usize) -> (usize, usize) {
        if self.lines.is_empty() {
            return (0, 0);
        }
        let line = line.min(self.lines.len() - 1);
        let is_header = |l: &String| l.starts_with('[');
        let start = self.lines[..=line]
            .iter()
            .rposition(|l| is_header(l) && !l.starts_with("[[item.sub]]"))
            .unwrap_or(0);
        let end = self.lines[line + 1..]
            .iter()
            .position(|l| is_header(l) && !l.starts_with("[[item.sub]]"))
            .map_or(self.lines.len(), |p| line + 1 + p);
        (start, end)
    }

    fn say(&mut self, text: String, error: bool) {
        self.message = Some((text, error));
    }

    pub fn key(&mut self, key: Key) -> Effect {
        let mode = if self.editing.is_some() {
            Mode::Text
        } else {
            Mode::Review
        };
        self.pending.push(key.clone());
        match self.keymap.lookup(mode, &self.pending) {
            Lookup::Pending => Effect::None,
            Lookup::Action(action) => {
                self.pending.clear();
                self.act(mode, action)
            }
            Lookup::Unbound => {
                self.pending.clear();
                if let (Some(field), Some(c)) = (self.editing.as_mut(), key.typed()) {
                    field.insert(c);
                }
                Effect::None
            }
        }
    }

    /// Keys that arrived together, faster than anyone types (a paste in a
    /// console without bracketed paste): text for the open field, never a
    /// confirmation. A key held down repeats.
    pub fn burst(&mut self, keys: Vec<Key>) -> Effect {
        if keys.windows(2).all(|pair| pair[0] == pair[1]) {
            let mut last = Effect::None;
            for key in keys {
                if let Effect::Write(text) = self.key(key) {
                    last = Effect::Write(text);
                }
            }
            return last;
        }
        let zh = self.zh();
        let total = keys.len();
        for (at, key) in keys.into_iter().enumerate() {
            let Some(field) = self.editing.as_mut() else {
                self.say(
                    if zh {
                        format!("忽略了同时到达的 {} 个键（粘贴？）：确认与修改要逐个按键", total - at)
                    } else {
                        format!(
                            "Ignored {} keys that arrived at once (a paste?): confirm and edit key by key",
                            total - at
                        )
                    },
                    true,
                );
                return Effect::None;
            };
            let action = match self.keymap.lookup(Mode::Text, std::slice::from_ref(&key)) {
                Lookup::Action(a) => Some(a),
                _ => None,
            };
            match (key.typed(), action) {
                (Some(c), None) => field.insert(c),
                (_, Some(a)) if a.edits_text() => {
                    field.apply(a);
                }
                _ => {
                    let left = total - at;
                    self.say(
                        if zh {
                            format!("粘贴的文字在此停下（其余 {left} 个键未用）：看过后按回车保存")
                        } else {
                            format!("The pasted text stops here ({left} keys unused): check it, then Enter saves")
                        },
                        true,
                    );
                    return Effect::None;
                }
            }
        }
        Effect::None
    }

    /// Text pasted or committed by an input method: into the open field.
    pub fn paste(&mut self, text: &str) {
        if let Some(field) = self.editing.as_mut() {
            field.insert_str(&text.replace(['\r', '\n'], " "));
        }
    }

    fn act(&mut self, mode: Mode, action: Action) -> Effect {
        if mode == Mode::Text {
            return self.edit_action(action);
        }
        let marks = self.marks();
        match action {
            Action::Accept | Action::Confirm | Action::Yes => return self.accept(),
            Action::Edit => self.start_edit(),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                let (start, end) = self.section(self.cursor);
                let step: isize = match action {
                    Action::Up => -1,
                    Action::Down => 1,
                    Action::PageUp => -10,
                    _ => 10,
                };
                let moved = (self.cursor as isize + step).clamp(start as isize, end as isize - 1);
                self.cursor = moved.max(0) as usize;
            }
            Action::NextUnit | Action::PrevUnit if !marks.is_empty() => {
                let n = marks.len();
                self.at = if action == Action::NextUnit {
                    (self.at + 1) % n
                } else {
                    (self.at + n - 1) % n
                };
                self.cursor = self.mark_line().unwrap_or(0);
                self.message = None;
            }
            Action::Quit | Action::Interrupt | Action::Cancel => self.quit = true,
            _ => {}
        }
        Effect::None
    }

    /// The mark is confirmed: a comment line goes, a comment after a value
    /// leaves the value.
    fn accept(&mut self) -> Effect {
        let Some(line) = self.mark_line() else {
            self.say(
                if self.zh() {
                    "没有待确认之处了".into()
                } else {
                    "No marks left".into()
                },
                false,
            );
            return Effect::None;
        };
        let at = self
            .mark_places()
            .into_iter()
            .find(|(l, _)| *l == line)
            .map_or(0, |(_, at)| at);
        let text = &self.lines[line];
        if text[..at].trim().is_empty() {
            self.lines.remove(line);
        } else {
            self.lines[line] = text[..at].trim_end().to_string();
        }
        let shown = line + 1;
        self.after_change(if self.zh() {
            format!("已确认第 {shown} 行的标记")
        } else {
            format!("Confirmed the mark on line {shown}")
        })
    }

    fn start_edit(&mut self) {
        let Some(line) = self.lines.get(self.cursor) else {
            return;
        };
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            let words = if self.zh() {
                "这一行是注释：用 ↑↓ 选中要改的值所在的行，再修改"
            } else {
                "That line is a comment: choose the line with the value (up, down), then edit"
            };
            self.say(words.into(), true);
            return;
        }
        let mark = self.mark_places().into_iter().find(|(l, _)| *l == self.cursor);
        let value = mark.map_or(line.as_str(), |(_, at)| line[..at].trim_end());
        self.editing = Some(TextField::with_text(value));
        self.message = None;
    }

    fn edit_action(&mut self, action: Action) -> Effect {
        let Some(field) = self.editing.as_mut() else {
            return Effect::None;
        };
        match action {
            Action::Confirm => {
                let new = field.text().to_string();
                let mut lines = self.lines.clone();
                lines[self.cursor] = new;
                let text = lines.join("\n");
                // An edit may fix a value, never break the file.
                let before = broken(&self.text());
                let after = broken(&text);
                if let Some(problem) = after.iter().find(|p| !before.contains(p)) {
                    let words = if self.zh() {
                        format!("改后文件有误，未保存：{problem}")
                    } else {
                        format!("Not saved: the file would be wrong: {problem}")
                    };
                    self.say(words, true);
                    return Effect::None;
                }
                self.lines = lines;
                self.editing = None;
                let shown = self.cursor + 1;
                self.after_change(if self.zh() {
                    format!("第 {shown} 行已改")
                } else {
                    format!("Line {shown} changed")
                })
            }
            Action::Cancel | Action::Interrupt => {
                self.editing = None;
                self.message = None;
                Effect::None
            }
            other => {
                field.apply(other);
                Effect::None
            }
        }
    }

    /// After a change: the next mark shown (the one that took this one's
    /// place), the file written, and once none remain, the check's word.
    fn after_change(&mut self, done: String) -> Effect {
        self.reindex();
        let marks = self.marks();
        self.at = self.at.min(marks.len().saturating_sub(1));
        self.cursor = self
            .mark_line()
            .unwrap_or(self.cursor.min(self.lines.len().saturating_sub(1)));
        let text = self.text();
        let words = if marks.is_empty() {
            let checked = crate::rubric::check(&self.file, &text);
            let errors = checked.errors().count();
            match (self.zh(), errors) {
                (true, 0) => format!("{done}。全部确认，已写入；kaohe rubric check 通过"),
                (true, n) => format!("{done}。全部确认，已写入；kaohe rubric check 还有 {n} 个错误，运行它看是哪些"),
                (false, 0) => format!("{done}. All confirmed and written; kaohe rubric check passes"),
                (false, n) => format!("{done}. All confirmed and written; kaohe rubric check finds {n} errors: run it"),
            }
        } else if self.zh() {
            format!("{done}，已写入；还有 {} 处", marks.len())
        } else {
            format!("{done}, written; {} left", marks.len())
        };
        self.say(words, false);
        Effect::Write(text)
    }

    /// What the command says when a write failed: nothing is lost, the
    /// text stays in memory and the next change writes it again.
    pub fn write_failed(&mut self, why: &str) {
        let words = if self.zh() {
            format!("写入失败（{why}）：修改仍在，下一次确认时再写")
        } else {
            format!("Could not write ({why}): the changes are kept and written with the next")
        };
        self.say(words, true);
    }
}

/// The file's problems other than its marks: what an edit must not add.
fn broken(text: &str) -> Vec<String> {
    crate::rubric::check_draft("review", text)
        .errors()
        .map(|d| d.message.clone())
        .collect()
}
