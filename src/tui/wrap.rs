//! Laying out Chinese text by display width: a CJK glyph takes two columns,
//! so `len()` and char counts both get it wrong. Lines break between glyphs,
//! never inside one, and a line never exceeds the width.
//!
//! Text is laid out as it is shown: a control character or a bidi override
//! (from a note, a rubric file, a district's name) as its visible escape
//! (`\x1b`, `<U+202E>`), measured as such, so that the screen shows what the
//! file holds rather than nothing where a character is.

use std::borrow::Cow;

/// Text as the screen shows it: controls as their visible escapes, and
/// ambiguous-width glyphs as their equivalents where the terminal draws
/// them wide (see `tui::ambiguous`).
fn visible_cow(text: &str) -> Cow<'_, str> {
    match crate::text::escape::visible_cow(text) {
        Cow::Borrowed(b) => super::ambiguous::fold(b),
        Cow::Owned(o) => Cow::Owned(super::ambiguous::fold(&o).into_owned()),
    }
}
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Punctuation that must not begin a line (Chinese line-breaking rules).
const NO_LINE_START: &str = "，。、：；！？）》」』”’〉】〕…,.:;!?)]}%";
/// Punctuation that must not end a line: an opening bracket or quote goes
/// down with what it opens.
const NO_LINE_END: &str = "（《「『“‘〈【〔";

/// The opening marks at the end of `line`, taken off it (at least one glyph
/// stays): they go down to the next line with what they open.
fn take_opening_marks(line: &mut String) -> String {
    let mut marks = String::new();
    while line.chars().count() > 1 && line.chars().last().is_some_and(|l| NO_LINE_END.contains(l)) {
        if let Some(p) = line.pop() {
            marks.insert(0, p);
        }
    }
    marks
}

pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(&*visible_cow(text))
}

/// Break `text` into lines of at most `max` columns. Explicit newlines are
/// kept; ASCII words are not split when they fit on a line of their own.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        // A line that ends in \r\n (a rubric file saved on Windows) ends there.
        let paragraph = visible_cow(paragraph.strip_suffix('\r').unwrap_or(paragraph));
        let mut line = String::new();
        let mut used = 0;
        let mut word = String::new();
        let mut word_width = 0;
        let flush_word = |line: &mut String,
                          used: &mut usize,
                          word: &mut String,
                          word_width: &mut usize,
                          lines: &mut Vec<String>| {
            if *word_width == 0 {
                return;
            }
            // A line that is only opening marks keeps the word on it (split if it must).
            let only_opening = line.chars().all(|c| NO_LINE_END.contains(c));
            if *used + *word_width > max && *used > 0 && !only_opening {
                // 禁则: an opening bracket or quote goes down with the word it opens.
                let carried = take_opening_marks(line);
                lines.push(std::mem::take(line).trim_end().to_string());
                *used = width(&carried);
                *line = carried;
            }
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if *used + w > max {
                    lines.push(std::mem::take(line));
                    *used = 0;
                }
                line.push(c);
                *used += w;
            }
            word.clear();
            *word_width = 0;
        };
        for c in paragraph.chars() {
            let w = c.width().unwrap_or(0);
            // A flag (--scorer) or a path (/tmp/d) begins with its mark: it is one word.
            let word_start = "-/~<#_".contains(c);
            if c.is_ascii_alphanumeric() || (c.is_ascii_punctuation() && c != '(' && (!word.is_empty() || word_start)) {
                word.push(c);
                word_width += w;
                continue;
            }
            flush_word(&mut line, &mut used, &mut word, &mut word_width, &mut lines);
            if c == ' ' && used == 0 && !lines.is_empty() {
                continue; // no leading space on a wrapped line
            }
            if used + w > max {
                // 禁则: closing punctuation never starts a line; it takes the
                // last glyph of the full line down with it.
                // Repeat while what is carried is itself closing punctuation: "分)：".
                let mut carried = Vec::new();
                if NO_LINE_START.contains(c) {
                    while line.chars().count() > 1 {
                        let Some(p) = line.pop() else { break };
                        carried.push(p);
                        if !NO_LINE_START.contains(p) {
                            // A word or an id ("1.5.1#2") goes down whole,
                            // never split to keep the mark company.
                            let in_word = |c: char| c.is_ascii_alphanumeric() || ".#-_/".contains(c);
                            while in_word(p) && line.chars().count() > 1 && line.chars().last().is_some_and(in_word) {
                                let Some(q) = line.pop() else { break };
                                carried.push(q);
                            }
                            break;
                        }
                    }
                }
                // 禁则: an opening bracket or quote left at the end goes down too.
                carried.extend(take_opening_marks(&mut line).chars().rev());
                lines.push(std::mem::take(&mut line).trim_end().to_string());
                used = 0;
                if c == ' ' {
                    continue;
                }
                for p in carried.into_iter().rev() {
                    used += p.width().unwrap_or(0);
                    line.push(p);
                }
            }
            line.push(c);
            used += w;
        }
        flush_word(&mut line, &mut used, &mut word, &mut word_width, &mut lines);
        lines.push(line);
    }
    lines
}

/// Cut to at most `max` columns, marking the cut with ".." (ASCII: the
/// ellipsis glyph is ambiguous-width in CJK terminals).
pub fn truncate(text: &str, max: usize) -> String {
    let text = &*visible_cow(text);
    if width(text) <= max {
        return text.to_string();
    }
    let budget = max.saturating_sub(2);
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        out.push(c);
        used += w;
    }
    // A figure cut in two reads as another figure ("(1.75分)" as "(1.."),
    // and an opening bracket left at the cut as the start of one: both go.
    let figure = |c: char| c.is_ascii_digit() || matches!(c, '.' | '．') || ('０'..='９').contains(&c);
    if text[out.len()..].chars().next().is_some_and(figure) {
        while out.chars().last().is_some_and(figure) {
            out.pop();
        }
    }
    // So does one whose unit was cut off ("(1分)" as "(1.."): a bracket
    // holding only a figure at the cut goes with it.
    let kept_figure: String = out.chars().rev().take_while(|&c| figure(c)).collect();
    if !kept_figure.is_empty() && out[..out.len() - kept_figure.len()].ends_with(['(', '（']) {
        out.truncate(out.len() - kept_figure.len());
    }
    while out
        .chars()
        .last()
        .is_some_and(|c| NO_LINE_END.contains(c) || matches!(c, '(' | '[' | ' '))
    {
        out.pop();
    }
    if max >= 2 {
        out.push_str("..");
    }
    out
}

/// Pad with spaces to exactly `columns` (or cut).
pub fn fit(text: &str, columns: usize) -> String {
    let cut = truncate(text, columns);
    let pad = columns.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(pad))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_exceeds_the_width_and_keeps_every_char() {
        let text = "根据水利建设质量工作开展情况得分。(5分) 1. 质量管理措施(1分)：根据质量管理制度、项目法人履职情况";
        for max in 2..40 {
            let lines = wrap(text, max);
            for l in &lines {
                assert!(width(l) <= max, "{max}: {l:?} is {} wide", width(l));
            }
            let joined: String = lines.concat();
            assert_eq!(joined.replace(' ', ""), text.replace(' ', ""), "width {max}");
        }
    }

    #[test]
    fn an_opening_quote_or_bracket_never_ends_a_line() {
        let text = "组织查处以成品油、燃气具、加油站计量作弊等涉及安全产品为重点的质量违法行为（0.9分）：发文部署开展“铁拳”行动，得0.3分；开展《质量发展纲要》宣传";
        for max in 4..40 {
            let lines = wrap(text, max);
            for l in &lines {
                assert!(
                    !l.chars().last().is_some_and(|c| NO_LINE_END.contains(c)),
                    "{max}: {l:?} ends with an opening mark"
                );
                assert!(width(l) <= max, "{max}: {l:?} is {} wide", width(l));
            }
            assert_eq!(lines.concat(), text, "width {max}: every glyph kept");
        }
    }

    #[test]
    fn a_cut_never_leaves_part_of_a_figure_or_an_open_bracket() {
        assert_eq!(truncate("水利工程质量监督检查(1.75分)", 24), "水利工程质量监督检查..");
        assert_eq!(truncate("得分（0.5分）", 9), "得分..");
        assert_eq!(truncate("2.3.10 推动", 7), "..", "an id cut short is no id");
        assert_eq!(truncate("质量管理效果(1分)", 14), "质量管理效果..");
        assert_eq!(truncate("审查制度。(1分)", 14), "审查制度。..", "not (1..");
        assert_eq!(truncate("审查制度。（0.5分）", 16), "审查制度。..");
        assert_eq!(truncate("第12项目", 6), "第12..", "a figure not in brackets stays");
        assert_eq!(truncate("特种设备安全监管", 9), "特种设..");
    }

    #[test]
    fn a_command_line_flag_stays_whole() {
        let lines = wrap("kaohe keygen --dept 市水利和湖泊局 --scorer 张三", 36);
        assert_eq!(lines, ["kaohe keygen --dept 市水利和湖泊局", "--scorer 张三"]);
    }

    #[test]
    fn odd_width_does_not_split_a_wide_glyph() {
        let lines = wrap("特种设备安全监管", 5);
        assert_eq!(lines, ["特种", "设备", "安全", "监管"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        for max in 5..30 {
            for line in wrap(
                "3. 水利工程质量监督检查(1.75分)：根据各地日常监督检查、稽察、巡查和质量飞检等工作成果进行赋分。",
                max,
            )
            .iter()
            .skip(1)
            {
                let first = line.chars().next().unwrap_or(' ');
                assert!(!"，。、：；）)".contains(first), "width {max}: {line:?}");
            }
        }
    }

    #[test]
    fn a_closing_mark_never_takes_half_an_id_down() {
        // "、" may not start a line: the id before it goes down whole.
        let text = "未评 73: 惠城区 1.1.1#3、惠城区 1.5.1#2、惠城区 1.5.2、随县 2.1.1";
        let word = |c: char| c.is_ascii_alphanumeric() || ".#".contains(c);
        for max in 12..60 {
            let lines = wrap(text, max);
            for pair in lines.windows(2) {
                let split = pair[0].chars().last().is_some_and(word) && pair[1].chars().next().is_some_and(word);
                assert!(!split, "{max}: {lines:?}");
            }
        }
    }

    #[test]
    fn truncate_marks_the_cut_in_ascii() {
        assert_eq!(truncate("特种设备安全监管", 7), "特种..");
        assert_eq!(truncate("ok", 7), "ok");
        assert_eq!(width(&fit("特种设备", 5)), 5);
    }
}
