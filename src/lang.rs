//! The language kaohe speaks: Chinese by default, English with `--lang en`.
//! Every screen and every message from the cores is said in one of these.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 中文
    #[default]
    Zh,
    /// English
    En,
}

impl Lang {
    /// One sentence in both languages, picked by the language.
    pub fn say(self, zh: impl Into<String>, en: impl Into<String>) -> String {
        match self {
            Lang::Zh => zh.into(),
            Lang::En => en.into(),
        }
    }
}

/// The environment variable that picks the language when `--lang` is not
/// given (an office PC set up once for English, a script's `KAOHE_LANG=en`).
pub const LANG_VAR: &str = "KAOHE_LANG";

/// The language kaohe speaks: `--lang`, else `KAOHE_LANG` (when it names one),
/// else the settings file's, else Chinese. The workbench and every command
/// choose by this one rule.
pub fn chosen(given: Option<Lang>, settings: Option<Lang>) -> Lang {
    given
        .or_else(|| std::env::var(LANG_VAR).ok().and_then(|v| v.trim().parse().ok()))
        .or(settings)
        .unwrap_or_default()
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(text: &str) -> Result<Lang, String> {
        match text {
            "zh" => Ok(Lang::Zh),
            "en" => Ok(Lang::En),
            other => Err(format!("\"{other}\" is not a language kaohe speaks; use zh or en")),
        }
    }
}
