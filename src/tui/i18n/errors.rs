//! Why something was refused or failed, said in the interface language
//! with what to do.

use crate::lang::Lang;
use crate::points::range as range_text;
use crate::scoring::bounds::InputError;
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
