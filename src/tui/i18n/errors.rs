//! Why something was refused or failed, said in the interface language
//! with what to do.

use crate::lang::Lang;
use crate::scoring::bounds::InputError;
use crate::scoring::helpers::HelperError;
use rust_decimal::Decimal;

/// Why typed input was refused, said so that the analyst knows what to type.
pub fn input_error(lang: Lang, err: &InputError) -> String {
    use crate::scoring::bounds::YesNo;
    match (lang, err) {
        (lang, InputError::Refused(r)) => r.words(lang),
        (Lang::Zh, InputError::Nothing) => "尚未输入，未保存".into(),
        (Lang::En, InputError::Nothing) => "nothing typed; nothing saved".into(),
        (Lang::Zh, InputError::NotANumber(t)) => format!("“{t}”不是数字"),
        (Lang::En, InputError::NotANumber(t)) => format!("\"{t}\" is not a number"),
        (Lang::Zh, InputError::Negative { name, given }) => {
            format!("{name}“{given}”是负数：实测的比率、数量和浓度都不小于 0，请输入实测值")
        }
        (Lang::En, InputError::Negative { name, given }) => format!(
            "{name} \"{given}\" is negative: no measured rate, count or concentration is; type the measured value"
        ),
        (Lang::Zh, InputError::NotALevel { given, levels }) => {
            format!(
                "“{given}”不是等级：输入等级名称或分数（{}）",
                levels_text(levels, " / ")
            )
        }
        (Lang::En, InputError::NotALevel { given, levels }) => format!(
            "\"{given}\" is not a level: type a level's name or points ({})",
            levels_text(levels, " / ")
        ),
        (Lang::Zh, InputError::NoTier { value }) => format!("{} 不在任何分档内", crate::points::shown(*value)),
        (Lang::En, InputError::NoTier { value }) => format!("no tier covers {}", crate::points::shown(*value)),
        (Lang::Zh, InputError::NotACount(t)) => format!("“{t}”不是次数（非负整数）"),
        (Lang::En, InputError::NotACount(t)) => format!("\"{t}\" is not a count (a whole number)"),
        (Lang::Zh, InputError::TooManyCounts { kinds }) => format!("本项只有 {kinds} 类事件"),
        (Lang::En, InputError::TooManyCounts { kinds }) => format!("this item has {kinds} kinds of event"),
        (Lang::Zh, InputError::NotYesNo { given, question }) => match question {
            YesNo::Veto => format!("“{given}”：输入 1（否决）或 0（不否决）"),
            YesNo::Award => format!("“{given}”：输入 y（得分）或 n（不得分）"),
            YesNo::Deduct => format!("“{given}”：输入 y（扣分）或 n（不扣分）"),
        },
        (Lang::En, InputError::NotYesNo { given, question }) => match question {
            YesNo::Veto => format!("\"{given}\": type 1 (veto) or 0 (no veto)"),
            YesNo::Award => format!("\"{given}\": type y (given) or n (not given)"),
            YesNo::Deduct => format!("\"{given}\": type y (deduct) or n (no deduction)"),
        },
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
    crate::scoring::rule::helper_words(err, lang)
}

/// Why there is no key to sign with, or it cannot be used, and the exact
/// command or step that fixes it.
/// `export_key` is the key the keymap binds to export, as its keycap reads.
pub fn key_error(
    lang: Lang,
    e: &crate::seal::keys::KeyError,
    session: &crate::scoring::session::Session,
    export_key: &str,
) -> String {
    use crate::seal::keys::KeyError;
    let keygen = format!(
        "kaohe keygen --rubric {} --dept {} --scorer {}",
        session.rubric.id, session.department, session.scorer
    );
    match (lang, e) {
        // The command on a line of its own, so that no wrap splits it.
        (Lang::Zh, KeyError::NoKey { dir, .. }) => format!(
            "{}还没有签名密钥（在 {dir} 中没有找到）。请在另一个终端运行：\n{keygen}\n然后再按 {export_key} 导出。",
            session.department
        ),
        (Lang::En, KeyError::NoKey { dir, .. }) => format!(
            "{} has no signing key yet (none in {dir}). In another terminal run:\n{keygen}\nthen press {export_key} again.",
            session.department
        ),
        (Lang::Zh, KeyError::WrongPassphrase { .. }) => {
            format!("口令不正确（或密钥文件已被改动）。按 {export_key} 重新输入。")
        }
        (Lang::En, KeyError::WrongPassphrase { .. }) => {
            format!("the passphrase is wrong (or the key file was altered); press {export_key} to type it again")
        }
        (Lang::Zh, KeyError::SeveralKeys { scorers, .. }) => format!(
            "{}有多把密钥（{}），没有一把属于评分人 {}：请以其中一位评分人的名字打开草稿。",
            session.department,
            scorers.join("、"),
            session.scorer
        ),
        (Lang::Zh, KeyError::NeedsPassphrase { path }) => format!("密钥 {path} 有口令保护：按 {export_key} 后输入口令"),
        (Lang::Zh, other) => key_error_words_zh(other).unwrap_or_else(|| other.to_string()),
        (Lang::En, other) => other.to_string(),
    }
}

/// The key errors whose words need no session (a file's permission, owner
/// or content), in Chinese: the workbench's and the command line's.
pub fn key_error_words_zh(e: &crate::seal::keys::KeyError) -> Option<String> {
    use crate::seal::keys::KeyError;
    Some(match e {
        KeyError::Readable { path, mode } => {
            format!("密钥文件 {path} 可被他人读取（权限 {mode:o}）；签名密钥必须私有：请运行 chmod 600 {path}")
        }
        // The reason is the parser's English; the path is what the analyst acts on.
        KeyError::Corrupt { path, .. } => {
            format!("密钥文件 {path} 无法使用：它已损坏，或不是 kaohe 的密钥文件")
        }
        KeyError::Io { path, source } => {
            format!("无法读取密钥文件 {path}（{}）；请检查权限", io_reason_zh(source.kind()))
        }
        KeyError::NotOwned { path, owner } => {
            format!("密钥文件 {path} 属于另一个用户（uid {owner}）；签名密钥必须是你自己的：请用 kaohe keygen 生成")
        }
        KeyError::OpenDirectory { path, mode } => {
            format!("密钥目录 {path} 可被他人写入（权限 {mode:o}），他人可换掉其中的密钥：请运行 chmod 700 {path}")
        }
        KeyError::Exists { path } => format!(
            "{path} 已有密钥；kaohe 从不覆盖密钥（kaohe key show 可显示它）。要换一把新密钥（旧的丢失、泄露或已被质强办吊销），请先把这个文件移到别处保存，再运行 kaohe keygen"
        ),
        KeyError::BadLine(_) | KeyError::Invalid(_) => "签名密钥无法使用；请用 kaohe keygen 重新生成".into(),
        _ => return None,
    })
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
        StoreError::Corrupt { path, line, column, .. } => format!(
            "{}:{line}:{column}：草稿无法读取（此处不是有效的 JSON）。文件未改动；请在该处修正，或将其移走以重新开始此草稿",
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
            format!(
                "无法写入或读取 {}（{}）；请检查权限和磁盘空间",
                path.display(),
                io_reason_zh(source.kind())
            )
        }
    }
}

/// The key forms a keymap file may use; the forms themselves are the file's
/// syntax, so they stay as written.
const KEY_FORMS_ZH: &str = "单个字符（a、G、?、特），或 esc、ret、tab、space、backspace、del、up、down、left、right、\
home、end、pageup、pagedown、f1-f12；前面可加 C-（Ctrl）、A-（Alt）、S-（Shift），如 C-s、<C-s>、A-x、S-tab";

/// A keymap problem with its file and line, in the interface language.
pub fn keymap_problem(lang: Lang, p: &crate::tui::keymap::KeymapProblem) -> String {
    if lang == Lang::En {
        return p.to_string();
    }
    let text = keymap_error_zh(&p.error);
    // A file path and line, as every editor reads them, then the problem.
    match p.line {
        Some(line) => format!("{}:{line}：{text}", p.file),
        None => format!("{}：{text}", p.file),
    }
}

fn keymap_error_zh(e: &crate::tui::keymap::KeymapError) -> String {
    use crate::tui::keymap::KeymapError as E;
    match e {
        E::EmptyKey => format!("键为空；请写{KEY_FORMS_ZH}"),
        E::BlankCharacter(t) => format!("{t:?} 是空白字符，不是键；请写{KEY_FORMS_ZH}"),
        E::NotAKey(t) => format!("“{t}”不是键；请写{KEY_FORMS_ZH}"),
        E::SequenceLength(t) => format!("“{t}”：一个绑定只能是一个键，或以空格分隔的至多三个键"),
        E::NoSuchKeymap { kind, .. } => {
            format!(
                "没有这个键位方案（{}）；请用 default、vim 或键位文件的路径",
                io_reason_zh(*kind)
            )
        }
        E::Unreadable { kind, .. } => format!("无法读取（{}）", io_reason_zh(*kind)),
        E::Toml(_) => "此处不是有效的 TOML 写法；请对照 keymaps/default.toml 修正".into(),
        E::UnknownTable(t) => format!(
            "没有 [{t}] 这一节；可用 [normal]、[search]、[picker]、[entry]、[note]、[text]、[grid]、[help]、[confirm]、[notice] 或 [review]"
        ),
        E::BoundTwice {
            key,
            previous,
            shown,
            mode,
        } => {
            format!("“{key}”与“{previous}”是同一个键（{shown}），在 [{mode}] 中绑定了两次；请保留一个")
        }
        E::TypesScore(k) => format!("在 [normal] 中“{k}”用于输入分数（数字、.、-、=）；请绑定别的键"),
        E::TypesQuery { key, mode } => {
            format!("在 [{mode}] 中“{key}”会作为文字输入；请绑定有名字的键（esc、tab、up…）或带 C-、A- 的键")
        }
        E::UnknownAction { name, closest } => {
            format!("没有“{name}”这个动作；是否想写“{closest}”？（写 \"none\" 可取消该键的绑定）")
        }
        E::PrefixConflict {
            mode,
            prefix,
            action,
            sequence,
        } => format!(
            "在 [{mode}] 中，“{prefix}”（{action}）又是“{sequence}”的开头，后者永远按不出；请取消其中一个的绑定"
        ),
    }
}

/// Why a file could not be opened or written, in Chinese; the operating
/// system's own words are English.
pub fn io_reason_zh(kind: std::io::ErrorKind) -> &'static str {
    use std::io::ErrorKind as K;
    match kind {
        K::NotFound => "文件不存在",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "文件已存在",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "文件系统只读",
        K::IsADirectory => "这是一个目录",
        K::NotADirectory => "路径中有一段不是目录",
        K::InvalidData => "内容不是有效的 UTF-8 文本",
        K::TimedOut => "超时",
        K::Interrupted => "被中断",
        _ => "系统错误",
    }
}

/// Why a file could not be read, in Chinese: the bounded reader refuses
/// what is not a regular file (a FIFO, a device) as invalid input.
pub fn read_reason_zh(kind: std::io::ErrorKind) -> &'static str {
    match kind {
        std::io::ErrorKind::InvalidInput => "不是普通文件（是 FIFO、设备或目录），请给出文件本身",
        kind => io_reason_zh(kind),
    }
}

/// A rubric the picker or a recent file names that cannot be opened. A
/// rubric's own diagnostics are the checker's English, so the Chinese
/// message counts them and names the command that lists them.
pub fn find_error(lang: Lang, e: &crate::rubric::bundled::FindError) -> String {
    use crate::rubric::bundled::FindError as F;
    match (lang, e) {
        (Lang::En, e) => e.to_string(),
        (Lang::Zh, F::NotFound { query, known }) => {
            format!(
                "没有名为“{query}”的内置评分细则，也没有这个文件；内置的有：{}",
                known.join("、")
            )
        }
        (Lang::Zh, F::Ambiguous { query, candidates }) => {
            format!("“{query}”可指：{}；请多输入几个字符", candidates.join("、"))
        }
        (Lang::Zh, F::Unreadable { path, .. }) => format!("{path}：无法读取；请检查文件和权限"),
        (Lang::Zh, F::TooLarge { path, size }) => format!(
            "{path}：{size} 字节，超过评分细则文件的上限 {} 字节；请确认是不是选错了文件",
            crate::rubric::bundled::MAX_RUBRIC_BYTES
        ),
        (Lang::Zh, F::BundledId { path, id }) => format!(
            "{path}：其 id“{id}”与一份内置评分细则相同，但内容不同；请给本地的评分细则另起一个 id（如“{id}-office”）"
        ),
        (Lang::Zh, F::Invalid(r)) => {
            let errors = r.diagnostics.iter().filter(|d| d.is_error()).count();
            let marks = r.diagnostics.iter().filter(|d| d.code == "unconfirmed").count();
            if marks > 0 {
                format!(
                    "{}：导入的评分细则还有 {marks} 处待确认（共 {errors} 处错误），核对前不能用来评分；请运行 kaohe rubric review {} 逐条核对",
                    r.file, r.file
                )
            } else {
                format!(
                    "{}：评分细则有 {errors} 处错误，无法打开；请运行 kaohe rubric check {} 查看每一处",
                    r.file, r.file
                )
            }
        }
    }
}

/// A signed file that could not be written.
pub fn export_error(lang: Lang, e: &crate::seal::export::ExportError) -> String {
    use crate::seal::export::ExportError as X;
    match (lang, e) {
        (Lang::En, e) => e.to_string(),
        (Lang::Zh, X::Exists(path)) => {
            format!("{path} 已存在；kaohe 从不覆盖已导出的文件（修订号只增不减）：请将其移走后再导出")
        }
        (Lang::Zh, X::WrongDepartment { key, draft }) => {
            format!("密钥属于{key}，草稿却是{draft}的；请用{draft}的密钥导出")
        }
        (Lang::Zh, X::Serialize(_)) => "无法把分数写成 JSON；没有签名任何内容".into(),
        (Lang::Zh, X::Refused(cells)) => format!(
            "未签名：{} 格的内容不符合细则的计分规则，请在工作台中改正后再导出：{}",
            cells.len(),
            cells
                .iter()
                .map(|(district, unit, why)| format!("{district} {unit}：{}", why.words(Lang::Zh)))
                .collect::<Vec<_>>()
                .join("；")
        ),
        (Lang::Zh, X::Io { path, source }) => {
            format!(
                "无法写入 {path}（{}）；请检查权限和磁盘空间",
                io_reason_zh(source.kind())
            )
        }
    }
}

/// The settings file cannot be read or written; it is never overwritten.
pub fn config_error(lang: Lang, e: &crate::config::ConfigError) -> String {
    use crate::config::ConfigError as C;
    match (lang, e) {
        (Lang::En, e) => e.to_string(),
        (Lang::Zh, C::NoHome) => format!(
            "找不到主目录，kaohe 无处保存设置和草稿；请把 {} 和 {} 设为 kaohe 可用的目录",
            crate::config::CONFIG_DIR_VAR,
            crate::config::DATA_DIR_VAR
        ),
        (Lang::Zh, C::Parse { path, line, .. }) => {
            let at = line.map_or_else(|| path.display().to_string(), |l| format!("{}:{l}", path.display()));
            format!("{at}：设置文件有误，已保持原样未改动；请修正它，或删除它以恢复默认设置")
        }
        (Lang::Zh, C::Io { path, source, .. }) => format!(
            "无法读写设置文件 {}（{}）；请检查权限和磁盘空间",
            path.display(),
            io_reason_zh(source.kind())
        ),
        (Lang::Zh, C::Encode { path, .. }) => format!("无法把设置写入 {}", path.display()),
    }
}

/// `--dept` names no department, or several.
pub fn department_error(lang: Lang, e: &crate::rubric::departments::DepartmentError) -> String {
    use crate::rubric::departments::DepartmentError as D;
    match (lang, e) {
        (Lang::En, e) => e.to_string(),
        (Lang::Zh, D::Unknown { rubric, query, known }) => {
            format!("{rubric} 中没有与“{query}”相符的部门；其部门有：{}", known.join("、"))
        }
        (
            Lang::Zh,
            D::Ambiguous {
                rubric,
                query,
                candidates,
            },
        ) => format!(
            "“{query}”与 {rubric} 的多个部门相符：{}；请多输入几个字",
            candidates.join("、")
        ),
    }
}
