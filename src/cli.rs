//! The command line, as clap sees it. main.rs only dispatches.

use clap::{Parser, Subcommand};
use clap_complete::Shell;

#[derive(Debug, Parser)]
#[command(
    name = "kaohe",
    version,
    about = "考核 — score county and district governments on an official quality-work rubric",
    long_about = "kaohe (考核) holds faithful copies of official government quality-work assessment \
rubrics (政府质量工作考核) and checks them.\n\nWith no command it lists the bundled rubrics."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, show and check rubrics
    #[command(subcommand)]
    Rubric(RubricCommand),
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
        /// Only the items this department scores: its name, any alias, or a fragment such as 水利
        #[arg(long, short)]
        dept: Option<String>,
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
