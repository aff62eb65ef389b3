//! The command line in Chinese: every command's and option's help, clap's
//! own headings, and its parse errors. The English is the doc comments in
//! `cli/mod.rs`; a test checks that every command and option has its
//! Chinese here, so a new one cannot ship in English only.

pub use super::refusals::error_words;
use crate::lang::Lang;

/// Each command (by its path, `""` for kaohe itself) and what it does.
pub const ABOUT: &[(&str, &str)] = &[
    ("", "考核：按官方质量工作考核细则为区县政府评分"),
    ("rubric", "列出、查看和检查评分细则"),
    ("rubric list", "内置的评分细则：id、标题、项数、部门数"),
    ("rubric show", "评分细则解析后的各项，可只看一个部门的"),
    (
        "rubric import",
        "把质强办自己的细则表格（.docx 或 .xlsx）读成细则文件，供核对和检查",
    ),
    (
        "rubric review",
        "对照原表格的行，逐条走查导入细则中的“待确认”：确认或修改",
    ),
    ("rubric diff", "两版细则的差别：新增、删除、移动、改分、改字的项"),
    (
        "rubric check",
        "检查细则文件：结构错误时退出码为 1，文件自身的不一致只作提示",
    ),
    (
        "search",
        "按关键词查找项，中文或拼音均可（全拼或首字母：tzsb 找到特种设备）",
    ),
    ("keygen", "生成本部门的签名密钥（Ed25519，私有，有口令保护）"),
    ("key", "本人密钥的公钥行，交给质强办"),
    (
        "key show",
        "打印每把密钥的公钥行（算法、密钥 id、base64 公钥、部门、评分人）",
    ),
    ("trust", "质强办的信任文件：哪些密钥可以为哪个部门签名"),
    (
        "trust add",
        "信任一个部门的密钥：粘贴 kaohe key show 打印的那一行，或用 - 从标准输入读取",
    ),
    ("trust move", "把加错了部门的受信任密钥改给 --dept 指定的部门"),
    (
        "trust revoke",
        "吊销一把密钥（完整 id，或至少 8 位十六进制开头）：此后它签名的文件一律不予接受",
    ),
    ("trust list", "列出受信任和已吊销的密钥"),
    ("export", "把草稿签名导出为下一版：<细则>-<部门>-<评分人>-r<版本>.json"),
    (
        "verify",
        "核验签名的评分文件：完好、由受信任为该部门的密钥签名、每个分数都合规",
    ),
    ("show", "可读地打印一个核验过的评分文件：谁签的、哪份细则、每个分数"),
    ("draft", "本部门的草稿及其审计日志"),
    ("draft rebuild", "从审计日志重建草稿：检查它，或找回丢失、损坏的草稿"),
    (
        "draft sheet",
        "把本部门的草稿写成可打印的表格（未签名；按文件名写 .xlsx 或 .csv）",
    ),
    (
        "import",
        "从 CSV 或 XLSX 表格（列：区县、项目、得分、备注，按件计分项可加 事件）把本部门的分数读入草稿",
    ),
    (
        "template",
        "写出本部门各格（每个地区 × 每一项）的空白表格，填好后再导入",
    ),
    ("selfcheck", "各地区的自评（自评打分表）：写出空白表，读入填好的表"),
    (
        "selfcheck template",
        "写出自评打分表（细则的每一项，每个地区一页），供各地区填写",
    ),
    (
        "selfcheck import",
        "把各地区填好的表（.xlsx、.csv）或自评数据文件（.json）读入本细则的自评数据",
    ),
    (
        "merge",
        "核验各部门的文件并汇总：总分、等次、名次、覆盖情况；写出 merged.json、.csv、.xlsx",
    ),
    (
        "progress",
        "质强办的进度表：每个部门的文件、最新版次、已交/应交格数、较上一版的改动，以及哪些部门未交",
    ),
    ("synth", "为基准测试生成一套模拟考核（细则、签名的部门文件、信任文件）"),
    (
        "completions",
        "打印 shell 补全脚本：kaohe completions bash > /etc/bash_completion.d/kaohe",
    ),
    ("manpage", "手册页（roff），供打包用：kaohe manpage > kaohe.1"),
];

/// The longer words some commands give under `--help`.
const LONG_ABOUT: &[(&str, &str)] = &[
    (
        "",
        "kaohe（考核）收录官方政府质量工作考核细则的忠实副本，提供键盘操作的评分工作台，\
         以及签名的部门评分文件，供质强办核验并汇总为总分、等次和名次。\n\n不带命令时打开评分工作台。",
    ),
    (
        "search",
        "按关键词查找项，中文或拼音均可（全拼或首字母：tzsb 找到特种设备）。\n\n\
         细则处写 - 时，在标准输入读入的各行中查找，按相关程度打印匹配的行，\
         如 fzf --filter（一行也不匹配时退出码为 1）：ls | kaohe search - tzsb",
    ),
    (
        "rubric import",
        "把质强办自己的细则表格（.docx 或 .xlsx）读成细则文件，供核对和检查。\n\n\
         按表头行找到表格，展开合并单元格，从文字中读出分值、类别、分项和部门，\
         并在写出的文件中把每一处推断标为“# 待确认”（从不覆盖已有文件）。",
    ),
];

/// Each option and argument (by its command's path and its id) and what it is.
pub const ARGS: &[(&str, &str, &str)] = &[
    ("", "rubric", "评分细则：内置 id（或能唯一确定的开头）或细则文件的路径"),
    ("", "dept", "你的部门：名称、任一别名，或一段字（如 水利）"),
    ("", "scorer", "你的姓名，随分数一起记录"),
    ("", "keymap", "键位：default、vim，或键位文件的路径"),
    ("", "lang", "界面语言（工作台和所有命令）；也可用环境变量 KAOHE_LANG"),
    (
        "rubric list",
        "json",
        "在标准输出打印一个 JSON 数组：每份细则的 id、标题、项数和部门数",
    ),
    (
        "rubric show",
        "rubric",
        "内置细则 id（或能唯一确定的开头），或细则文件的路径",
    ),
    ("rubric show", "json", "打印 JSON 而不是文字"),
    (
        "rubric import",
        "file",
        "含细则表格的 Word（.docx）或 Excel（.xlsx）文件",
    ),
    ("rubric import", "id", "细则的短 id（默认取文件名，当它是一个 id 时）"),
    (
        "rubric import",
        "out",
        "细则文件写到哪里（默认：当前目录下的 <id>.toml）",
    ),
    (
        "rubric import",
        "districts",
        "被考核的地区，以逗号分隔，表格中没有列出时给出",
    ),
    ("rubric review", "file", "kaohe rubric import 写出的细则文件"),
    ("rubric diff", "old", "较旧的细则（内置 id 或文件）"),
    ("rubric diff", "new", "较新的细则（内置 id 或文件）"),
    (
        "rubric check",
        "rubrics",
        "内置细则 id 或细则文件路径；不给时检查全部内置细则",
    ),
    ("rubric check", "json", "每份细则打印一个 JSON 对象，放在一个数组中"),
    (
        "rubric check",
        "draft",
        "检查仍在核对中的导入文件：其“# 待确认”只作提示，不算错误",
    ),
    (
        "search",
        "rubric",
        "内置细则 id（或能唯一确定的开头）、细则文件的路径，或 - 表示从标准输入读入的行",
    ),
    ("search", "query", "要找什么"),
    ("keygen", "scorer", "你的姓名，记在密钥和它签名的每个文件中"),
    (
        "keygen",
        "no_passphrase",
        "不加口令保存密钥（能读到这个文件的人都能以你的名义签名）",
    ),
    ("keygen", "rubric", "使用哪份细则的部门名称（内置 id 或文件）"),
    (
        "trust add",
        "line",
        "密钥行（kaohe key show 打印的那一行，可带引号），或 - 从标准输入读取多行",
    ),
    ("trust add", "trust", "信任文件（默认：配置目录中的 trust.toml）"),
    (
        "trust add",
        "rubric",
        "质强办自己的细则，其部门与内置细则的部门一样可以被信任",
    ),
    (
        "trust add",
        "yes",
        "不询问直接信任（在终端上，add 会先列出要信任的密钥并询问）",
    ),
    ("trust move", "key_id", "密钥 id（或至少 8 位十六进制开头）"),
    ("trust move", "trust", "信任文件（默认：配置目录中的 trust.toml）"),
    ("trust revoke", "key_id", "密钥 id（或至少 8 位十六进制开头）"),
    ("trust revoke", "trust", "信任文件（默认：配置目录中的 trust.toml）"),
    ("trust list", "trust", "信任文件（默认：配置目录中的 trust.toml）"),
    (
        "trust list",
        "json",
        "在标准输出以 JSON 打印密钥：部门、评分人、密钥 id、是否已吊销",
    ),
    ("export", "rubric", "评分细则（默认：工作台上次打开的那份）"),
    ("export", "scorer", "部门有多把密钥时，按评分人选用"),
    ("export", "out", "文件写到哪里（默认：当前目录）"),
    ("verify", "files", "评分文件"),
    (
        "verify",
        "trust",
        "质强办的信任文件（默认：配置目录中的 trust.toml，若存在）",
    ),
    ("verify", "keys", "用来核对签名的密钥行，但不信任它"),
    ("verify", "rubric", "不在内置之列的细则文件，供按它评分的文件使用"),
    (
        "verify",
        "json",
        "在标准输出打印一个 JSON 数组：每个文件、是否通过核验、内容摘要或不通过的原因",
    ),
    ("show", "file", "评分文件"),
    (
        "show",
        "trust",
        "质强办的信任文件（默认：配置目录中的 trust.toml，若存在）",
    ),
    ("show", "keys", "用来核对签名的密钥行，但不信任它"),
    ("show", "rubric", "不在内置之列的细则文件，供按它评分的文件使用"),
    (
        "show",
        "json",
        "在标准输出以 JSON 打印核验过的文件：谁签的、是否受信任、签名的内容",
    ),
    (
        "draft rebuild",
        "rubric",
        "评分细则：内置 id（或能唯一确定的开头）或细则文件的路径",
    ),
    (
        "draft sheet",
        "rubric",
        "评分细则：内置 id（或能唯一确定的开头）或细则文件的路径",
    ),
    (
        "draft sheet",
        "out",
        "写到哪里（默认：当前目录下的 <细则>-<部门>-draft.csv）",
    ),
    (
        "import",
        "rubric",
        "评分细则：内置 id（或能唯一确定的开头）或细则文件的路径",
    ),
    ("import", "scorer", "分数记在谁的名下（默认：草稿的评分人）"),
    (
        "selfcheck template",
        "rubric",
        "评分细则：内置 id（或能唯一确定的开头）或细则文件的路径",
    ),
    (
        "selfcheck template",
        "district",
        "只写这个地区的表（地区名，或能唯一确定的一段字）",
    ),
    (
        "selfcheck template",
        "out",
        "写到哪里：.xlsx（默认：当前目录下的 <细则>-自评打分表.xlsx），或一个地区的 .csv",
    ),
    (
        "selfcheck import",
        "rubric",
        "评分细则：内置 id（或能唯一确定的开头）或细则文件的路径",
    ),
    (
        "selfcheck import",
        "files",
        "填好的表（.xlsx；.csv 可以是 UTF-8、UTF-16 或 GBK）或自评数据文件（.json）",
    ),
    ("import", "file", "带表头行的 .csv（UTF-8、UTF-16 或 GBK）或 .xlsx 文件"),
    (
        "template",
        "rubric",
        "评分细则：内置 id（或能唯一确定的开头）或细则文件的路径",
    ),
    (
        "template",
        "out",
        "写到哪里（默认：当前目录下的 <细则>-<部门>-template.csv）",
    ),
    (
        "progress",
        "inputs",
        "评分文件，或放评分文件的文件夹（读其中的 .json 文件）",
    ),
    (
        "progress",
        "trust",
        "质强办的信任文件（默认：配置目录中的 trust.toml，若存在）",
    ),
    ("progress", "keys", "用来核对签名的密钥行，但不信任它"),
    (
        "progress",
        "rubric",
        "细则：不在内置之列的细则文件，或还没有文件核验通过时指明是哪份细则",
    ),
    (
        "progress",
        "json",
        "在标准输出打印一个 JSON 对象：进度表和不能使用的文件",
    ),
    ("merge", "files", "评分文件，每个部门一个或多个（以最高版本为准）"),
    (
        "merge",
        "trust",
        "质强办的信任文件（默认：配置目录中的 trust.toml，若存在）",
    ),
    ("merge", "keys", "用来核对签名的密钥行，但不信任它"),
    ("merge", "rubric", "不在内置之列的细则文件，供按它评分的文件使用"),
    ("merge", "out", "报表写到哪里（默认：当前目录）"),
    (
        "merge",
        "margin",
        "总分距等次分数线不超过这么多分的地区列入核查提示（默认 1 分）",
    ),
    (
        "merge",
        "feedback",
        "同时把每个地区的情况反馈（.xlsx 和 .docx）写到这个文件夹",
    ),
    (
        "merge",
        "compare",
        "与上一次汇总（它的 merged.json）比较：列出总分、等次、名次有变化的地区和有变化的每一格（申诉、复核）",
    ),
    (
        "merge",
        "json",
        "在标准输出打印一个 JSON 对象：用到的文件、按名次排列的地区、缺什么、写出的报表",
    ),
    ("synth", "seed", "同一个种子总是生成同样的文件"),
    ("synth", "districts", "地区数"),
    ("synth", "items", "项数"),
    ("synth", "departments", "部门数"),
    ("synth", "out", "写入的目录"),
    ("completions", "shell", "bash、zsh、fish、elvish 或 powershell"),
];

/// The placeholders the help shows for values (`--trust <TRUST>`), in Chinese.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("RUBRIC", "细则"),
    ("RUBRICS", "细则"),
    ("DEPT", "部门"),
    ("SCORER", "姓名"),
    ("KEYMAP", "键位"),
    ("LANG", "语言"),
    ("TRUST", "信任文件"),
    ("KEYLINE", "密钥行"),
    ("FILE", "文件"),
    ("FILES", "文件"),
    ("OUT", "输出"),
    ("ID", "id"),
    ("DISTRICTS", "地区"),
    ("DISTRICT", "地区"),
    ("OLD", "旧细则"),
    ("NEW", "新细则"),
    ("QUERY", "关键词"),
    ("KEY_ID", "密钥id"),
    ("INPUTS", "文件"),
    ("MARGIN", "分数"),
    ("FEEDBACK", "文件夹"),
    ("COMPARE", "旧汇总"),
    ("SEED", "种子"),
    ("ITEMS", "项数"),
    ("DEPARTMENTS", "部门数"),
    ("SHELL", "shell"),
];

/// clap's own words in the help it draws, and their Chinese. Applied to
/// the rendered help, longest first, so `[OPTIONS]` is not half-replaced.
const CLAP_WORDS: &[(&str, &str)] = &[
    (
        "Print this message or the help of the given subcommand(s)",
        "显示本说明，或所给命令的说明",
    ),
    ("Print help (see a summary with '-h')", "显示说明（-h 显示摘要）"),
    ("Print help (see more with '--help')", "显示说明（--help 显示全文）"),
    ("Print help", "显示说明"),
    ("Print version", "显示版本"),
    ("Usage:", "用法："),
    ("Commands:", "命令："),
    ("Arguments:", "参数："),
    ("Options:", "选项："),
    ("[OPTIONS]", "[选项]"),
    ("[COMMAND]", "[命令]"),
    ("<COMMAND>", "<命令>"),
    ("[default: ", "[默认："),
    ("Possible values:", "可选值："),
    ("[possible values: ", "[可选值："),
];

/// kaohe's command line in `lang`: the English as written, or every help
/// text in Chinese.
pub fn command(lang: Lang) -> clap::Command {
    // `kaohe`, not the file's name: `kaohe.exe` on Windows, where `kaohe` runs it too.
    let command = <super::Cli as clap::CommandFactory>::command().bin_name("kaohe");
    match lang {
        Lang::En => command,
        Lang::Zh => in_chinese(command, ""),
    }
}

fn in_chinese(mut command: clap::Command, path: &str) -> clap::Command {
    if let Some((_, about)) = ABOUT.iter().find(|(p, _)| *p == path) {
        command = command.about(*about);
    }
    command = command.long_about(LONG_ABOUT.iter().find(|(p, _)| *p == path).map(|(_, text)| *text));
    for (_, id, help) in ARGS.iter().filter(|(p, _, _)| *p == path) {
        command = command.mut_arg(*id, |arg| arg.help(*help).long_help(None::<&str>));
    }
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        command = command.mut_arg(id, |arg| {
            // Unnamed, a placeholder is the argument's id in capitals.
            let shown: Vec<String> = match arg.get_value_names() {
                Some(names) => names.iter().map(ToString::to_string).collect(),
                None => vec![arg.get_id().as_str().to_uppercase()],
            };
            let chinese: Vec<&str> = shown
                .iter()
                .filter_map(|name| VALUE_NAMES.iter().find(|(en, _)| en == name).map(|(_, zh)| *zh))
                .collect();
            if chinese.len() == shown.len() && arg.get_action().takes_values() {
                arg.value_names(chinese)
            } else {
                arg
            }
        });
    }
    let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        command = command.mut_subcommand(name, |sub| in_chinese(sub, &sub_path));
    }
    command
}

/// Help or version text clap drew, in `lang`.
pub fn help_words(lang: Lang, text: &str) -> String {
    match lang {
        Lang::En => text.to_string(),
        Lang::Zh => CLAP_WORDS
            .iter()
            .fold(text.to_string(), |text, (en, zh)| text.replace(en, zh)),
    }
}

/// The language named on the command line (`--lang zh|en`, `--lang=en`), if
/// any, read before clap parses it: the help and errors are drawn in it.
pub fn named_lang(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut words = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang" {
            return words.next().and_then(|v| v.parse().ok());
        }
        if let Some(v) = word.strip_prefix("--lang=") {
            return v.parse().ok();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and every option has its Chinese: a new one added in
    /// English only fails here.
    #[test]
    fn every_command_and_option_has_its_chinese() {
        fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
            if !ABOUT.iter().any(|(p, _)| *p == path) {
                missing.push(format!("command \"{path}\""));
            }
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" || arg.is_global_set() && !path.is_empty() {
                    continue;
                }
                if !ARGS.iter().any(|(p, i, _)| *p == path && *i == id) {
                    missing.push(format!("{path} --{id}"));
                }
            }
            for sub in command.get_subcommands() {
                let sub_path = if path.is_empty() {
                    sub.get_name().to_string()
                } else {
                    format!("{path} {}", sub.get_name())
                };
                walk(sub, &sub_path, missing);
            }
        }
        let mut missing = Vec::new();
        walk(
            &<super::super::Cli as clap::CommandFactory>::command(),
            "",
            &mut missing,
        );
        assert!(missing.is_empty(), "no Chinese for: {missing:?}");
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |words: &[&str]| words.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(named_lang(&args(&["kaohe", "--lang", "en", "verify"])), Some(Lang::En));
        assert_eq!(named_lang(&args(&["kaohe", "verify", "--lang=zh"])), Some(Lang::Zh));
        assert_eq!(named_lang(&args(&["kaohe", "verify", "--", "--lang", "en"])), None);
        assert_eq!(named_lang(&args(&["kaohe", "--lang"])), None);
    }
}
