//! Every word the workbench shows, in Chinese (default) and English, in one
//! place so that a missing translation is a compile error, not a blank.

use super::action::Action;
use crate::lang::Lang;
use crate::rubric::{Evidence, Kind};
use crate::scoring::bounds::InputError;

pub struct Strings {
    pub lang: Lang,
    pub app: &'static str,
    pub districts: &'static str,
    pub items: &'static str,
    pub criteria: &'static str,
    pub help: &'static str,
    pub search: &'static str,
    pub search_mine: &'static str,
    pub search_all: &'static str,
    pub no_hits: &'static str,
    pub not_mine: &'static str,
    pub subtotal: &'static str,
    pub walk_district: &'static str,
    pub walk_item: &'static str,
    pub points: &'static str,
    pub kind: &'static str,
    pub evidence: &'static str,
    pub departments: &'static str,
    pub sub_criteria: &'static str,
    pub note: &'static str,
    pub remark: &'static str,
    pub unscored: &'static str,
    pub evidence_missing: &'static str,
    pub levels: &'static str,
    pub tiers: &'static str,
    pub events: &'static str,
    pub checklist: &'static str,
    pub award: &'static str,
    pub formula: &'static str,
    pub per_event_deduct: &'static str,
    pub part: &'static str,
    pub part_suffix: &'static str,
    pub joint_report: &'static str,
    pub entry_score: &'static str,
    pub entry_input: &'static str,
    pub entry_switch: &'static str,
    pub no_input: &'static str,
    pub undone: &'static str,
    pub redone: &'static str,
    pub note_for: &'static str,
    pub interrupt_typing: &'static str,
    pub export_cancelled: &'static str,
    pub level_number: &'static str,
    pub deducted: &'static str,
    pub overview: &'static str,
    pub no_units: &'static str,
    pub supports: &'static str,
    pub more_above: &'static str,
    pub more_below: &'static str,
    pub lines_word: &'static str,
    pub filter_label: &'static str,
    pub filter_all: &'static str,
    pub filter_unscored: &'static str,
    pub filter_noted: &'static str,
    pub no_text: &'static str,
    pub fill_title: &'static str,
    pub fill_into: &'static str,
    pub fill_districts: &'static str,
    pub fill_keys: &'static str,
    pub fill_nothing: &'static str,
    pub fill_cancelled: &'static str,
    pub filled: &'static str,
    pub cells_filled: &'static str,
    pub district_hit: &'static str,
    pub help_footer_scroll: &'static str,
    pub grid_total: &'static str,
    pub grid_rank: &'static str,
    pub grid_average: &'static str,
    pub grid_keys: &'static str,
    pub points_unit: &'static str,
    pub bonus_short: &'static str,
    pub event_counts: &'static str,
    pub award_given: &'static str,
    pub export_confirm: &'static str,
    pub export_scored: &'static str,
    pub export_unscored: &'static str,
    pub export_evidence: &'static str,
    pub export_keys: &'static str,
    pub any_key: &'static str,
    pub veto_yes: &'static str,
    pub veto_no: &'static str,
    pub entry: &'static str,
    pub note_editing: &'static str,
    pub saved: &'static str,
    pub saved_again: &'static str,
    pub rubric_changed: &'static str,
    pub unsaved_quit: &'static str,
    pub save_failed: &'static str,
    pub disk_full: &'static str,
    pub disk_read_only: &'static str,
    pub no_permission: &'static str,
    pub pick_rubric: &'static str,
    pub pick_department: &'static str,
    pub recent: &'static str,
    pub scorer_prompt: &'static str,
    pub scorer_needed: &'static str,
    pub items_count: &'static str,
    pub too_small: &'static str,
    pub veto_needs_note: &'static str,
    pub nothing_to_undo: &'static str,
    pub nothing_to_redo: &'static str,
    pub all_scored: &'static str,
    pub tick_hint: &'static str,
    pub score_or_ticks: &'static str,
    /// Between two clauses of one hint.
    pub separator: &'static str,
    pub keymap_problems: &'static str,
    pub help_footer: &'static str,
    pub filter: &'static str,
    pub tier_applied: &'static str,
    pub measured: &'static str,
    pub reconstructed: &'static str,
    pub discrepancy: &'static str,
    pub exported: &'static str,
    pub revision: &'static str,
    pub cells_count: &'static str,
    pub passphrase: &'static str,
}

pub static ZH: Strings = Strings {
    lang: Lang::Zh,
    app: "考核",
    districts: "考核对象",
    items: "考核项目",
    criteria: "评分标准",
    help: "帮助",
    search: "搜索",
    search_mine: "本部门",
    search_all: "全部项目",
    no_hits: "没有匹配的项目",
    not_mine: "（非本部门评分项，仅供查看）",
    subtotal: "小计",
    walk_district: "按地区",
    walk_item: "按项目",
    points: "分值",
    kind: "类型",
    evidence: "印证材料",
    departments: "评价部门",
    sub_criteria: "子项",
    note: "评分依据",
    remark: "备注",
    unscored: "未评",
    evidence_missing: "缺印证材料",
    levels: "等级（输入其分数，或按 t 输入序号）",
    tiers: "分档（按 t 输入实测值）",
    events: "按次计分（按 t 输入次数）",
    checklist: "逐项勾选（空格勾选）",
    award: "定额：得全部分值，或不得分",
    formula: "公式（按 t 输入数值）",
    per_event_deduct: "从满分中扣，扣完为止",
    part: "本项第 ",
    part_suffix: " 部分",
    entry_score: "分数",
    entry_input: "实测/次数/等级",
    entry_switch: "切换分数/依据",
    no_input: "本项没有计分辅助：直接输入分数",
    undone: "已撤销",
    redone: "已重做",
    note_for: "评分依据",
    export_cancelled: "未导出",
    level_number: "等级序号",
    deducted: "扣",
    overview: "总览",
    no_units: "本部门在此评分细则中没有由本部门评分的项目。",
    supports: "列为配合部门的项目：",
    more_above: "上方还有",
    more_below: "下方还有",
    lines_word: "行",
    filter_label: "只看",
    filter_all: "全部",
    filter_unscored: "未评",
    filter_noted: "有评分依据",
    no_text: "（文件无具体内容）",
    fill_title: "填充",
    fill_into: "填入其余",
    fill_districts: "个未评地区（评分依据和印证材料标记不复制）",
    fill_keys: "回车 填充（按 u 可一次撤销）   Esc 取消",
    fill_nothing: "没有可填充的：先给本单元格评分，其余地区都已评分时也无需填充",
    fill_cancelled: "未填充",
    filled: "已填充",
    cells_filled: "个单元格",
    district_hit: "[地区]",
    help_footer_scroll: "上下键翻阅，其他键返回",
    grid_total: "合计",
    grid_rank: "名次",
    grid_average: "均值",
    grid_keys: "方向键移动  回车前往  esc 返回",
    points_unit: "分",
    bonus_short: "加",
    event_counts: "次数（依次输入各类事件）",
    award_given: "是否得分",
    export_confirm: "导出并签名",
    export_scored: "已评",
    export_unscored: "未评",
    export_evidence: "缺印证材料",
    export_keys: "ret 签名导出   esc 取消",
    any_key: "按任意键继续",
    interrupt_typing: "正在输入：再按一次 C-c 放弃输入并退出，按 esc 只关闭输入",
    joint_report: "联合上报：所列各部门分别就本部门领域上报，汇总时合并（任一部门否决即否决，扣分相加不超过上限）",
    veto_yes: "否决",
    veto_no: "不否决",
    entry: "输入",
    note_editing: "ret 保存  C-j 换行  esc 取消",
    saved: "已保存",
    saved_again: "已保存：此前未能写入的修改现已全部写入磁盘",
    rubric_changed: "注意：评分细则自草稿保存后已更改，请核对已评分项",
    unsaved_quit: "修改尚未写入磁盘（仍在内存中，可写入后自动保存）；再按一次退出则另存到临时文件",
    save_failed: "保存失败，修改仍在内存中，可写入后自动保存",
    disk_full: "磁盘已满",
    disk_read_only: "磁盘只读",
    no_permission: "没有写入权限",
    pick_rubric: "选择考核细则",
    pick_department: "选择评价部门",
    recent: "最近使用",
    scorer_prompt: "评分人姓名（回车确认）",
    scorer_needed: "请输入评分人姓名",
    items_count: "项",
    too_small: "终端窗口太小",
    veto_needs_note: "否决项需要填写评分依据",
    nothing_to_undo: "没有可撤销的修改",
    nothing_to_redo: "没有可重做的修改",
    all_scored: "本部门所有项目均已评分",
    tick_hint: "在评分标准栏中用空格勾选子项",
    score_or_ticks: "输入分数",
    separator: "；",
    keymap_problems: "键位文件有误，已使用默认键位",
    help_footer: "按任意键返回",
    filter: "筛选",
    tier_applied: "适用分档",
    measured: "实测",
    reconstructed: "据原文推定",
    discrepancy: "原文不一致",
    exported: "已导出签名评分文件",
    revision: "版次",
    cells_count: "格",
    passphrase: "密钥口令（回车确认，Esc 取消）",
};

pub static EN: Strings = Strings {
    lang: Lang::En,
    app: "kaohe",
    districts: "Districts",
    items: "Items",
    criteria: "Criteria",
    help: "Help",
    search: "Search",
    search_mine: "my department",
    search_all: "all items",
    no_hits: "no matching items",
    not_mine: "(scored by another department; view only)",
    subtotal: "subtotal",
    walk_district: "by district",
    walk_item: "by item",
    points: "points",
    kind: "kind",
    evidence: "evidence",
    departments: "departments",
    sub_criteria: "parts",
    note: "note",
    remark: "remark",
    unscored: "unscored",
    evidence_missing: "evidence missing",
    levels: "levels (type its points, or t and its number)",
    tiers: "tiers (t, then the measured value)",
    events: "per event (t, then the counts)",
    checklist: "checklist (space ticks)",
    award: "fixed: all of its points, or none",
    formula: "formula (t, then the values)",
    per_event_deduct: "taken off the full points, down to 0",
    part: "this is part ",
    part_suffix: "",
    entry_score: "score",
    entry_input: "measured/count/level",
    entry_switch: "score or helper input",
    no_input: "this has no scoring helper: type the score",
    undone: "undone",
    redone: "redone",
    note_for: "note",
    export_cancelled: "not exported",
    level_number: "level number",
    deducted: "off ",
    overview: "overview",
    no_units: "this rubric gives your department nothing to score.",
    supports: " Named as a supporting department on: ",
    more_above: "more above",
    more_below: "more below:",
    lines_word: "lines",
    filter_label: "showing",
    filter_all: "all",
    filter_unscored: "unscored",
    filter_noted: "with a note",
    no_text: "(no text in the document)",
    fill_title: "fill",
    fill_into: "into the other",
    fill_districts: "unscored districts (notes and evidence flags are not copied)",
    fill_keys: "Enter fills (u undoes it in one step)   Esc cancels",
    fill_nothing: "nothing to fill: score this cell first; districts already scored are left alone",
    fill_cancelled: "not filled",
    filled: "filled",
    cells_filled: "cells",
    district_hit: "[district]",
    help_footer_scroll: "Up/Down scroll, any other key returns",
    grid_total: "total",
    grid_rank: "rank",
    grid_average: "mean",
    grid_keys: "arrows move  Enter goes there  Esc back",
    points_unit: "pt",
    bonus_short: "bonus ",
    event_counts: "counts (one per kind of event, in order)",
    award_given: "given?",
    export_confirm: "export and sign",
    export_scored: "scored",
    export_unscored: "unscored",
    export_evidence: "evidence missing",
    export_keys: "ret signs and exports   esc cancels",
    any_key: "press any key",
    interrupt_typing: "you are typing: C-c again drops it and quits; esc only closes the entry",
    joint_report: "reported jointly: each department listed reports for its own field, and the merge combines them (a veto from any vetoes; deductions add up to the cap)",
    veto_yes: "veto",
    veto_no: "no veto",
    entry: "entry",
    note_editing: "ret saves  C-j new line  esc cancels",
    saved: "saved",
    saved_again: "saved: the changes that could not be written before are on disk now",
    rubric_changed: "note: the rubric changed since this draft was saved; check the scored items",
    unsaved_quit: "changes are not on disk yet (kept in memory, saved as soon as writing works); quit again to leave them in a rescue file",
    save_failed: "could not save; changes are kept in memory and saved as soon as writing works",
    disk_full: "the disk is full",
    disk_read_only: "the disk is read-only",
    no_permission: "no permission to write",
    pick_rubric: "Choose a rubric",
    pick_department: "Choose your department",
    recent: "recent",
    scorer_prompt: "Your name (Enter to confirm)",
    scorer_needed: "please type the scorer's name",
    items_count: "items",
    too_small: "terminal too small",
    veto_needs_note: "a veto needs a note",
    nothing_to_undo: "nothing to undo",
    nothing_to_redo: "nothing to redo",
    all_scored: "every item of your department is scored",
    tick_hint: "tick parts with space in the criteria pane",
    score_or_ticks: "type the score",
    separator: "; ",
    keymap_problems: "keymap file has problems; using the default keys",
    help_footer: "any key returns",
    filter: "filter",
    tier_applied: "tier applied",
    measured: "measured",
    reconstructed: "reconstructed from the document",
    discrepancy: "document inconsistency",
    exported: "signed score file written",
    revision: "revision",
    cells_count: "cells",
    passphrase: "key passphrase (Enter to confirm, Esc to cancel)",
};

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// Short words for the status line and the help screen.
pub fn action_label(lang: Lang, action: Action) -> &'static str {
    let (zh, en) = match action {
        Action::Up => ("上移", "up"),
        Action::Down => ("下移", "down"),
        Action::Left => ("左", "left"),
        Action::Right => ("右", "right"),
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
        Action::InputEntry => ("实测/次数", "helper input"),
        Action::Note => ("评分依据", "note"),
        Action::ToggleEvidence => ("缺印证材料", "evidence missing"),
        Action::Tick => ("勾选", "tick"),
        Action::ClearScore => ("清除", "clear"),
        Action::Undo => ("撤销", "undo"),
        Action::Redo => ("重做", "redo"),
        Action::Overview => ("总览", "overview"),
        Action::Fill => ("填充其余地区", "fill the other districts"),
        Action::Filter => ("只看：全部/未评/缺材料/有依据", "show: all/unscored/evidence/noted"),
        Action::NextUnit => ("下一项目（同一地区）", "next item, same district"),
        Action::PrevUnit => ("上一项目（同一地区）", "previous item, same district"),
        Action::Export => ("导出", "export"),
        Action::Help => ("帮助", "help"),
        Action::Quit => ("退出", "quit"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

pub fn kind_label(lang: Lang, kind: Kind) -> &'static str {
    match (lang, kind) {
        (Lang::Zh, Kind::Standard) => "标准项",
        (Lang::Zh, Kind::Deduction) => "扣分项",
        (Lang::Zh, Kind::Bonus) => "加分项",
        (Lang::Zh, Kind::Veto) => "否决项",
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

use crate::points::range as range_text;
use crate::scoring::helpers::HelperError;
use rust_decimal::Decimal;

/// Why typed input was refused, said so that the analyst knows what to type.
pub fn input_error(lang: Lang, err: &InputError) -> String {
    match (lang, err) {
        (Lang::Zh, InputError::NotANumber(t)) => format!("“{t}”不是数字"),
        (Lang::En, InputError::NotANumber(t)) => format!("\"{t}\" is not a number"),
        (Lang::Zh, InputError::TooManyDecimals { allowed }) => format!("最多 {allowed} 位小数"),
        (Lang::En, InputError::TooManyDecimals { allowed }) => format!("at most {allowed} decimal places"),
        (Lang::Zh, InputError::OutOfRange { value, min, max }) => {
            format!("{} 超出范围 {}", crate::points::shown(*value), range_text(*min, *max))
        }
        (Lang::En, InputError::OutOfRange { value, min, max }) => {
            format!("{} is outside {}", crate::points::shown(*value), range_text(*min, *max))
        }
        (Lang::Zh, InputError::NotALevel { given, levels }) => format!("“{given}”不是等级序号（1-{levels}）"),
        (Lang::En, InputError::NotALevel { given, levels }) => {
            format!("\"{given}\" is not a level number (1-{levels})")
        }
        (Lang::Zh, InputError::NotALevelScore { value, levels }) => format!(
            "没有等级是 {} 分：{}",
            crate::points::shown(*value),
            levels_text(levels, " / ")
        ),
        (Lang::En, InputError::NotALevelScore { value, levels }) => format!(
            "no level is worth {}: {}",
            crate::points::shown(*value),
            levels_text(levels, " / ")
        ),
        (Lang::Zh, InputError::NoTier { value }) => format!("{} 不在任何分档内", crate::points::shown(*value)),
        (Lang::En, InputError::NoTier { value }) => format!("no tier covers {}", crate::points::shown(*value)),
        (Lang::Zh, InputError::NotACount(t)) => format!("“{t}”不是次数（非负整数）"),
        (Lang::En, InputError::NotACount(t)) => format!("\"{t}\" is not a count (a whole number)"),
        (Lang::Zh, InputError::TooManyCounts { kinds }) => format!("本项只有 {kinds} 类事件"),
        (Lang::En, InputError::TooManyCounts { kinds }) => format!("this item has {kinds} kinds of event"),
        (Lang::Zh, InputError::NotYesNo(t)) => format!("“{t}”：输入 1（否决）或 0（不否决）"),
        (Lang::En, InputError::NotYesNo(t)) => format!("\"{t}\": type 1 (veto) or 0 (no veto)"),
        (Lang::Zh, InputError::NotAnAward { points }) => {
            format!("本项只能得 {} 分或 0 分", crate::points::shown(*points))
        }
        (Lang::En, InputError::NotAnAward { points }) => {
            format!("this gives {} or nothing", crate::points::shown(*points))
        }
        (Lang::Zh, InputError::Inputs { names }) => format!("请依次输入：{}", names.join("、")),
        (Lang::En, InputError::Inputs { names }) => format!("type, in order: {}", names.join(", ")),
        (lang, InputError::Helper(e)) => helper_error(lang, e),
    }
}

/// "较好 4 / 一般 3": the levels with their points.
fn levels_text(levels: &[(String, Decimal)], separator: &str) -> String {
    levels
        .iter()
        .map(|(name, points)| format!("{name} {}", crate::points::shown(*points)))
        .collect::<Vec<_>>()
        .join(separator)
}

/// Why a helper's inputs give no score.
pub fn helper_error(lang: Lang, err: &HelperError) -> String {
    match (lang, err) {
        (Lang::Zh, HelperError::WrongHelper) => "这些输入不属于本项的计分方法".into(),
        (Lang::En, HelperError::WrongHelper) => "these inputs are not for this unit's helper".into(),
        (Lang::Zh, HelperError::UnknownLevel(l)) => format!("没有“{l}”这一等级"),
        (Lang::En, HelperError::UnknownLevel(l)) => format!("there is no level \"{l}\""),
        (Lang::Zh, HelperError::NoTier { value }) => format!("{} 不在任何分档内", crate::points::shown(*value)),
        (Lang::En, HelperError::NoTier { value }) => format!("no tier covers {}", crate::points::shown(*value)),
        (Lang::Zh, HelperError::Counts { kinds }) => format!("本项有 {kinds} 类事件"),
        (Lang::En, HelperError::Counts { kinds }) => format!("this item has {kinds} kinds of event"),
        (Lang::Zh, HelperError::UnknownTick(t)) => format!("没有第 {t} 项"),
        (Lang::En, HelperError::UnknownTick(t)) => format!("there is no part {t}"),
        (Lang::Zh, HelperError::NoReference { name }) => format!("还需要输入{name}"),
        (Lang::En, HelperError::NoReference { name }) => format!("also type {name}"),
        (Lang::Zh, HelperError::ZeroReference) => "参照值为 0，无法计算比例".into(),
        (Lang::En, HelperError::ZeroReference) => "the reference is 0: no share of it can be taken".into(),
        (Lang::Zh, HelperError::TooLarge) => "数值过大".into(),
        (Lang::En, HelperError::TooLarge) => "the figure is too large".into(),
    }
}

/// A key as the analyst reads it: `回车` rather than `ret` on the Chinese
/// screen, arrows as arrows; a key string kaohe has no word for is shown as
/// the keymap writes it (`C-r`, `g g`).
pub fn key_label(lang: Lang, key: &str) -> String {
    let zh = lang == Lang::Zh;
    let word = match key {
        "ret" => {
            if zh {
                "回车"
            } else {
                "Enter"
            }
        }
        "esc" => "Esc",
        "space" => {
            if zh {
                "空格"
            } else {
                "Space"
            }
        }
        "tab" => "Tab",
        "S-tab" => "Shift-Tab",
        "backspace" => {
            if zh {
                "退格"
            } else {
                "Backspace"
            }
        }
        "del" => "Del",
        // Words, not arrows: arrows are of ambiguous width in CJK terminals.
        "up" => {
            if zh {
                "上键"
            } else {
                "Up"
            }
        }
        "down" => {
            if zh {
                "下键"
            } else {
                "Down"
            }
        }
        "left" => {
            if zh {
                "左键"
            } else {
                "Left"
            }
        }
        "right" => {
            if zh {
                "右键"
            } else {
                "Right"
            }
        }
        "pageup" => "PgUp",
        "pagedown" => "PgDn",
        "home" => "Home",
        "end" => "End",
        other => return other.to_string(),
    };
    word.to_string()
}

/// Why there is no key to sign with, or it cannot be used, and the exact
/// command or step that fixes it.
pub fn key_error(lang: Lang, e: &crate::seal::keys::KeyError, session: &crate::scoring::session::Session) -> String {
    use crate::seal::keys::KeyError;
    let keygen = format!(
        "kaohe keygen --rubric {} --dept {} --scorer {}",
        session.rubric.id, session.department, session.scorer
    );
    match (lang, e) {
        // The command on a line of its own, so that no wrap splits it.
        (Lang::Zh, KeyError::NoKey { dir, .. }) => format!(
            "{}还没有签名密钥（在 {dir} 中没有找到）。请在另一个终端运行：\n{keygen}\n然后再按 e 导出。",
            session.department
        ),
        (Lang::En, KeyError::NoKey { dir, .. }) => format!(
            "{} has no signing key yet (none in {dir}). In another terminal run:\n{keygen}\nthen press e again.",
            session.department
        ),
        (Lang::Zh, KeyError::WrongPassphrase { .. }) => "口令不正确（或密钥文件已被改动）。按 e 重新输入。".into(),
        (Lang::En, KeyError::WrongPassphrase { .. }) => {
            "the passphrase is wrong (or the key file was altered); press e to type it again".into()
        }
        (Lang::Zh, KeyError::SeveralKeys { scorers, .. }) => format!(
            "{}有多把密钥（{}），没有一把属于评分人 {}：请以其中一位评分人的名字打开草稿。",
            session.department,
            scorers.join("、"),
            session.scorer
        ),
        (Lang::Zh, KeyError::Readable { path, mode }) => {
            format!("密钥文件 {path} 可被他人读取（权限 {mode:o}）；签名密钥必须私有：请运行 chmod 600 {path}")
        }
        (Lang::Zh, KeyError::Corrupt { path, reason }) => format!("密钥文件 {path} 无法使用：{reason}"),
        (_, other) => other.to_string(),
    }
}

/// A draft that cannot be opened or saved, said in the interface language
/// with the path and what to do.
pub fn store_error(lang: Lang, e: &crate::io::drafts::StoreError) -> String {
    use crate::io::drafts::StoreError;
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        StoreError::Locked { path, holder } => {
            let who = match (holder.pid, &holder.scorer) {
                (Some(pid), Some(scorer)) => format!("进程 {pid}，评分人 {scorer}"),
                (Some(pid), None) => format!("进程 {pid}"),
                (None, Some(scorer)) => format!("评分人 {scorer}"),
                (None, None) => "未知".to_string(),
            };
            format!("另一个 kaohe（{who}）正打开此草稿：{}；请先关闭它", path.display())
        }
        StoreError::Corrupt {
            path,
            line,
            column,
            message,
        } => format!(
            "{}:{line}:{column}：草稿无法读取（{message}）。文件未改动；请在该处修正，或将其移走以重新开始此草稿",
            path.display()
        ),
        StoreError::TooNew { path, found, supported } => format!(
            "{}：草稿由较新版本的 kaohe 写入（草稿格式 {found}，本版本最多读 {supported}）；请用该版本打开或升级。文件未改动",
            path.display()
        ),
        StoreError::Mismatch {
            path,
            expected_rubric,
            expected_department,
            found_rubric,
            found_department,
        } => format!(
            "{}：此文件是评分细则“{found_rubric}”、部门“{found_department}”的草稿，不是“{expected_rubric}”“{expected_department}”的；文件未改动，请将其移走后再开始此草稿",
            path.display()
        ),
        StoreError::Io { path, source, .. } => {
            format!("无法写入或读取 {}：{source}；请检查权限和磁盘空间", path.display())
        }
    }
}
