//! Every command in the user's language: Chinese unless `--lang en`,
//! `KAOHE_LANG` or the settings say English, as the workbench. Their errors are said by the
//! workbench's own translations where kaohe knows the error's kind.

use crate::config::{Dirs, Settings};
use crate::lang::Lang;

/// The language a command speaks ([`crate::lang::chosen`]).
pub fn lang_of(given: Option<Lang>) -> Lang {
    let settings = || {
        Dirs::from_env()
            .ok()
            .and_then(|dirs| Settings::load(&dirs).ok())
            .and_then(|s| s.lang)
    };
    match given {
        Some(lang) => lang,
        None => crate::lang::chosen(None, settings()),
    }
}

/// One sentence in both languages, picked by `lang` ([`Lang::say`]).
pub fn say(lang: Lang, zh: impl Into<String>, en: impl Into<String>) -> String {
    lang.say(zh, en)
}

/// An error as the analyst reads it: the workbench's words for the kinds
/// kaohe knows (a key, a draft, a rubric, a department, an export, the
/// settings), the error's own words otherwise.
pub fn error_words(lang: Lang, error: &anyhow::Error) -> String {
    use crate::tui::i18n;
    if lang == Lang::En {
        return super::describe(error);
    }
    for cause in error.chain() {
        // The first kind kaohe has words for, from the outermost cause in.
        let words = said(cause, |e| i18n::store_error(lang, e))
            .or_else(|| said(cause, |e| i18n::find_error(lang, e)))
            .or_else(|| said(cause, |e| i18n::department_error(lang, e)))
            .or_else(|| said(cause, |e| i18n::export_error(lang, e)))
            .or_else(|| said(cause, |e| i18n::config_error(lang, e)))
            .or_else(|| said(cause, |e: &crate::scoring::import::ImportError| e.words(lang)))
            .or_else(|| said(cause, key_error_zh))
            .or_else(|| said(cause, |e| i18n::verify_error(lang, e)))
            .or_else(|| said(cause, |e| i18n::merge_error(lang, e)))
            .or_else(|| said(cause, |e| i18n::trust_error(lang, e)))
            .or_else(|| said(cause, |e| i18n::key_id_error(lang, e)))
            .or_else(|| said(cause, |e| i18n::other_department(lang, e)))
            .or_else(|| said(cause, |e| i18n::named_error(lang, e)))
            .or_else(|| said(cause, |e| i18n::set_error(lang, e)))
            .or_else(|| said(cause, |e| i18n::stopped(lang, e)))
            .or_else(|| {
                said(cause, |crate::office::NoTrustFile(path)| {
                    format!("{path}：没有这个信任文件")
                })
            });
        if let Some(words) = words {
            return words;
        }
    }
    super::describe(error)
}

/// `cause`, if it is an `E`, in the words `words` gives it.
fn said<E: std::error::Error + 'static>(
    cause: &(dyn std::error::Error + 'static),
    words: impl FnOnce(&E) -> String,
) -> Option<String> {
    cause.downcast_ref::<E>().map(words)
}

/// A key error on the command line: the workbench's words, with the
/// command to run in place of the key to press.
fn key_error_zh(e: &crate::seal::keys::KeyError) -> String {
    use crate::seal::keys::KeyError;
    match e {
        KeyError::NoKey { dir, .. } => {
            format!("还没有签名密钥（在 {dir} 中没有找到）。请先运行：\nkaohe keygen --dept 部门 --scorer 姓名")
        }
        KeyError::WrongPassphrase { .. } => "口令不正确（或密钥文件已被改动）；请重新运行此命令，再输入一次口令".into(),
        KeyError::SeveralKeys { scorers, .. } => {
            format!("本部门有多把密钥（{}）：请用 --scorer 指明是谁的", scorers.join("、"))
        }
        KeyError::NeedsPassphrase { path } => {
            format!("密钥 {path} 有口令保护：请在终端里运行此命令输入口令，或设置 KAOHE_PASSPHRASE")
        }
        KeyError::BadLine(_) => crate::tui::i18n::key_line_error_zh(e),
        other => crate::tui::i18n::key_error_words_zh(other).unwrap_or_else(|| other.to_string()),
    }
}

/// A command's outcome as the process's, its error said in `lang` (see
/// [`super::finish`]).
pub fn finish_in(lang: Lang, result: anyhow::Result<i32>, errout: &mut dyn std::io::Write) -> std::io::Result<i32> {
    super::finish_saying(result, errout, |e| error_words(lang, e))
}
