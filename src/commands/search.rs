//! `kaohe search RUBRIC QUERY [--dept D]`: the workbench's search, for
//! scripts. One line per hit, best first: `id<TAB>score<TAB>text`; a hit a
//! word found in the criteria is followed by `<TAB><TAB>line`, the line with
//! the matched chars between 【】.
//!
//! `kaohe search - QUERY` searches lines read from stdin instead and prints
//! the matching lines themselves, best first, as `fzf --filter` does: the
//! same matcher (pinyin included) over any list, in a pipeline.

use crate::io::rubric_files;
use crate::rubric::Item;
use crate::search::SearchIndex;
use std::io::{self, BufWriter, Read, Write};

pub const OK: i32 = 0;
pub const FAILED: i32 = 1;
/// When nothing matches (a rubric's items or lines from stdin): what grep
/// and `fzf --filter` say, so that `if kaohe search … ; then` reads as a
/// script writer expects.
pub const NO_MATCH: i32 = 1;

/// The rubric argument that means "lines from stdin".
pub const STDIN: &str = "-";

pub fn run(
    lang: crate::lang::Lang,
    rubric: &str,
    query: &str,
    dept: Option<&str>,
    out: &mut dyn Write,
    errout: &mut dyn Write,
) -> io::Result<i32> {
    if rubric == STDIN {
        if dept.is_some() {
            let said = lang.say(
                "--dept 指的是细则中的部门；标准输入读入的行没有部门",
                "--dept names a rubric's department; lines from stdin have none",
            );
            writeln!(errout, "kaohe: {said}")?;
            return Ok(FAILED);
        }
        return lines(&mut io::stdin().lock(), query, out);
    }
    let rubric = match rubric_files::find(rubric) {
        Ok(r) => r,
        Err(e) => {
            let said = crate::tui::i18n::find_error(lang, &e);
            writeln!(errout, "kaohe: {}", crate::text::escape::visible_lines(&said))?;
            return Ok(FAILED);
        }
    };
    let items: Vec<&Item> = match dept {
        Some(q) => match rubric.find_department(q) {
            Ok(d) => rubric.items_scored_by(&d.name).collect(),
            Err(e) => {
                writeln!(errout, "kaohe: {}", crate::tui::i18n::department_error(lang, &e))?;
                return Ok(FAILED);
            }
        },
        None => rubric.items.iter().collect(),
    };
    let index = SearchIndex::from_items(items);
    let hits = index.search(query);
    for hit in &hits {
        writeln!(
            out,
            "{}\t{}\t{}",
            index.key(hit.index),
            hit.score,
            index.text(hit.index)
        )?;
        // A word found only in the criteria: the line it was found in, under
        // the item, its first two fields empty so that a script can skip it.
        if let Some(detail) = &hit.detail {
            writeln!(out, "\t\t{}", marked(&detail.text, &detail.highlight))?;
        }
    }
    Ok(if hits.is_empty() { NO_MATCH } else { OK })
}

/// The matched chars of `text` between 【】, as a terminal-free way to
/// show a highlight.
fn marked(text: &str, highlight: &[usize]) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut open = false;
    for (i, c) in text.chars().enumerate() {
        let lit = highlight.binary_search(&i).is_ok();
        if lit && !open {
            out.push('【');
        } else if !lit && open {
            out.push('】');
        }
        open = lit;
        out.push(c);
    }
    if open {
        out.push('】');
    }
    out
}

/// Every line of `input` that matches `query`, best first (ties in input
/// order), written back byte for byte. A blank query matches every line, in
/// order, as with fzf.
pub fn lines(input: &mut dyn Read, query: &str, out: &mut dyn Write) -> io::Result<i32> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    let mut raw: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    // A final newline ends the last line; it does not start an empty one.
    if raw.last().is_some_and(|l| l.is_empty()) {
        raw.pop();
    }
    let mut out = BufWriter::new(out);
    let mut write = |line: &[u8]| -> io::Result<()> {
        out.write_all(line)?;
        out.write_all(b"\n")
    };
    if query.trim_matches([' ', '\u{3000}']).is_empty() {
        for line in &raw {
            write(line)?;
        }
        out.flush()?;
        return Ok(if raw.is_empty() { NO_MATCH } else { OK });
    }
    // Lines from Windows keep their CR in the output but not in the match;
    // bytes that are not UTF-8 are matched as U+FFFD and still printed as they came.
    let index = SearchIndex::from_lines(
        raw.iter()
            .map(|l| String::from_utf8_lossy(l.strip_suffix(b"\r").unwrap_or(l)).into_owned()),
    );
    let hits = index.search(query);
    for hit in &hits {
        if let Some(line) = raw.get(hit.index) {
            write(line)?;
        }
    }
    out.flush()?;
    Ok(if hits.is_empty() { NO_MATCH } else { OK })
}
