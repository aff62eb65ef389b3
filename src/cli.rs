//! The command line, as clap sees it. main.rs only dispatches.

use clap::{Parser, Subcommand};
use clap_complete::Shell;

#[derive(Debug, Parser)]
#[command(
    name = "kaohe",
    version,
    about = "考核 — score county and district governments on an official quality-work rubric",
    long_about = "kaohe (考核) holds faithful copies of official government quality-work assessment \
rubrics (政府质量工作考核), and a keyboard-driven workbench to score districts on them.\n\n\
With no command it opens the workbench."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub workbench: WorkbenchArgs,
}

/// With no command, kaohe opens the scoring workbench; these preselect what
/// its start screens would ask.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WorkbenchArgs {
    /// The rubric: a bundled id (or its unambiguous start) or a rubric file's path
    #[arg(long)]
    pub rubric: Option<String>,
    /// Your department: its name, any alias, or a fragment such as 水利
    #[arg(long, global = true)]
    pub dept: Option<String>,
    /// Your name, recorded with your scores
    #[arg(long)]
    pub scorer: Option<String>,
    /// Keymap: default, vim, or the path of a keymap file
    #[arg(long)]
    pub keymap: Option<String>,
    /// Interface language
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 中文
    #[default]
    Zh,
    /// English
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, show and check rubrics
    #[command(subcommand)]
    Rubric(RubricCommand),
    /// Find items by keyword, in Chinese or pinyin (full or initials: tzsb finds 特种设备)
    Search {
        /// A bundled rubric id (or its unambiguous start), or the path of a rubric file
        rubric: String,
        /// What to look for
        query: String,
    },
    /// Print shell completions: `kaohe completions bash > /etc/bash_completion.d/kaohe`
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// The bundled rubrics: id, title, items, departments
    List,
    /// A rubric's resolved items, optionally only one department's
    Show {
        /// A bundled rubric id (or its unambiguous start), or the path of a rubric file
        rubric: String,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Check rubric files: structural errors exit 1, the document's own inconsistencies are warnings
    Check {
        /// Bundled rubric ids or rubric file paths; all bundled rubrics when none is given
        rubrics: Vec<String>,
        /// Print one JSON object per rubric, in an array
        #[arg(long)]
        json: bool,
    },
}
