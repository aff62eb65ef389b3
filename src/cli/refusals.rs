//! A command line clap refused, said in Chinese: which kinds kaohe words
//! itself, and clap's own words under a Chinese heading for the rest.

use super::chinese::help_words;
use crate::lang::Lang;
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// A command line clap refused, said in Chinese: what is wrong, the usage,
/// and where to read more. Kinds kaohe does not word itself keep clap's
/// words under a Chinese heading.
pub fn error_words(e: &clap::Error) -> String {
    let value = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join("、"),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(list)) => list.iter().map(ToString::to_string).collect::<Vec<_>>().join("、"),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let what = match e.kind() {
        ErrorKind::UnknownArgument => {
            let mut said = format!("不认识的选项“{}”", value(ContextKind::InvalidArg));
            let suggested = value(ContextKind::SuggestedArg);
            if !suggested.is_empty() {
                said.push_str(&format!("；是不是要用 {suggested}？"));
            }
            said
        }
        ErrorKind::InvalidSubcommand => {
            let mut said = format!("没有“{}”这个命令", value(ContextKind::InvalidSubcommand));
            let suggested = value(ContextKind::SuggestedSubcommand);
            if !suggested.is_empty() {
                said.push_str(&format!("；是不是要用 {suggested}？"));
            }
            said
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必须给出的参数：{}", value(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue => {
            let valid = value(ContextKind::ValidValue);
            format!(
                "{} 的值“{}”不对{}",
                value(ContextKind::InvalidArg),
                value(ContextKind::InvalidValue),
                if valid.is_empty() {
                    String::new()
                } else {
                    format!("；可选的值：{valid}")
                }
            )
        }
        ErrorKind::ValueValidation => format!(
            "{} 的值“{}”不对",
            value(ContextKind::InvalidArg),
            value(ContextKind::InvalidValue)
        ),
        ErrorKind::ArgumentConflict => format!(
            "{} 不能与 {} 同时使用",
            value(ContextKind::InvalidArg),
            value(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("{} 给的值太多或太少", value(ContextKind::InvalidArg))
        }
        ErrorKind::NoEquals => format!("{} 的值要用 = 连着写", value(ContextKind::InvalidArg)),
        ErrorKind::MissingSubcommand => "缺少命令".into(),
        _ => format!("命令行有误：{}", first_line(&e.to_string())),
    };
    let usage = value(ContextKind::Usage);
    let usage = help_words(Lang::Zh, usage.trim());
    let mut said = format!("错误：{what}\n");
    if !usage.is_empty() {
        said.push_str(&format!("\n{usage}\n"));
    }
    said.push_str("\n更多说明：加 --help 运行\n");
    said
}

/// clap's message without its `error: ` and its usage.
fn first_line(text: &str) -> String {
    text.lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_string()
}
