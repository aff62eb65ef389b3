//! Names of things on screen: actions, kinds of item, evidence rules, keys.

use crate::lang::Lang;
use crate::rubric::{Evidence, Kind};
use crate::tui::action::Action;

/// Short words for the status line and the help screen.
/// `3 项`, `1 item`, `3 items`: a count and its noun, English singular for one.
pub fn count(lang: Lang, n: usize, noun: &str) -> String {
    match lang {
        Lang::En if n == 1 => format!("1 {}", noun.strip_suffix('s').unwrap_or(noun)),
        _ => format!("{n} {noun}"),
    }
}

pub fn action_label(lang: Lang, action: Action) -> &'static str {
    let (zh, en) = match action {
        Action::Up => ("上移", "move up"),
        Action::Down => ("下移", "move down"),
        Action::Left => ("左移", "move left"),
        Action::Right => ("右移", "move right"),
        Action::PageUp => ("上翻页", "page up"),
        Action::PageDown => ("下翻页", "page down"),
        Action::First => ("第一项", "first"),
        Action::Last => ("最后一项", "last"),
        Action::NextPane => ("下一栏", "next pane"),
        Action::PrevPane => ("上一栏", "previous pane"),
        Action::NextDistrict => ("下一地区", "next district"),
        Action::PrevDistrict => ("上一地区", "previous district"),
        Action::NextUnscored => ("下一未评", "next unscored"),
        Action::ToggleWalk => ("按地区/按项目", "walk by district/item"),
        Action::Confirm => ("确认", "confirm"),
        Action::Cancel => ("取消", "cancel"),
        Action::Search => ("搜索", "search"),
        Action::ToggleScope => ("本部门/全部", "mine/all"),
        Action::InputEntry => ("计分输入", "helper input"),
        Action::Note => ("评分依据", "note"),
        Action::Changed => ("看改动", "changed cells"),
        Action::ToggleEvidence => ("缺印证材料", "evidence missing"),
        Action::Tick => ("勾选", "tick"),
        Action::ClearScore => ("清除", "clear"),
        Action::Undo => ("撤销", "undo"),
        Action::Redo => ("重做", "redo"),
        Action::Overview => ("总览", "overview"),
        Action::Fill => ("填充其余地区", "fill the other districts"),
        Action::AcceptClaim => ("采纳自评", "accept the claim"),
        Action::TakeSuggestion => ("填入所选依据", "take the chosen reason"),
        Action::Filter => (
            "只看：全部/未评/缺材料/有依据/与自评不同",
            "show: all/unscored/evidence/noted/differs from claim",
        ),
        Action::NextUnit => ("下一项目（同一地区）", "next item, same district"),
        Action::PrevUnit => ("上一项目（同一地区）", "previous item, same district"),
        Action::Export => ("导出", "export"),
        Action::Help => ("帮助", "help"),
        Action::Quit => ("退出", "quit"),
        Action::Interrupt => ("退出（输入中需按两次）", "leave (twice while typing)"),
        Action::Yes => ("是", "yes"),
        Action::No => ("否", "no"),
        Action::CursorLeft => ("光标左移", "cursor left"),
        Action::CursorRight => ("光标右移", "cursor right"),
        Action::LineStart => ("到行首", "to the start"),
        Action::LineEnd => ("到行尾", "to the end"),
        Action::DeleteBack => ("删除前一字", "delete back"),
        Action::DeleteForward => ("删除后一字", "delete forward"),
        Action::DeleteLine => ("清空", "clear the text"),
        Action::DeleteWord => ("删除前一词", "delete a word"),
        Action::NewLine => ("换行", "new line"),
        Action::SwitchEntry => ("分数/计分输入切换", "score or helper input"),
        Action::RemoveEvent => ("删除所选事件", "remove the chosen event"),
        Action::Accept => ("确认此处，删去标记", "confirm it, remove the mark"),
        Action::Edit => ("修改所选的一行", "edit the chosen line"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The kind as a row of the items pane marks it, short so that the row
/// keeps room for the item's own words (the criteria pane says it whole).
pub fn kind_mark(lang: Lang, kind: Kind) -> &'static str {
    match (lang, kind) {
        (_, Kind::Standard) => "",
        (Lang::Zh, Kind::Deduction) => "[扣]",
        (Lang::Zh, Kind::Bonus) => "[加]",
        (Lang::Zh, Kind::Veto) => "[否]",
        (Lang::En, Kind::Deduction) => "[ded]",
        (Lang::En, Kind::Bonus) => "[bonus]",
        (Lang::En, Kind::Veto) => "[veto]",
    }
}

pub fn kind_label(lang: Lang, kind: Kind) -> &'static str {
    match (lang, kind) {
        (Lang::Zh, kind) => kind.document_word(),
        (Lang::En, Kind::Standard) => "standard",
        (Lang::En, Kind::Deduction) => "deduction",
        (Lang::En, Kind::Bonus) => "bonus",
        (Lang::En, Kind::Veto) => "veto",
    }
}

pub fn evidence_label(lang: Lang, evidence: Evidence) -> &'static str {
    match (lang, evidence) {
        (Lang::Zh, Evidence::Yes) => "需要",
        (Lang::Zh, Evidence::No) => "不需要",
        (Lang::Zh, Evidence::Partial) => "部分需要",
        (Lang::Zh, Evidence::Unstated) => "未注明",
        (Lang::En, Evidence::Yes) => "required",
        (Lang::En, Evidence::No) => "not required",
        (Lang::En, Evidence::Partial) => "for some parts",
        (Lang::En, Evidence::Unstated) => "not stated",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_in_english_only() {
        assert_eq!(count(Lang::En, 1, "items"), "1 item");
        assert_eq!(count(Lang::En, 3, "items"), "3 items");
        assert_eq!(count(Lang::Zh, 1, "项"), "1 项");
    }
}
