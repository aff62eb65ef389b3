//! The command line, as clap sees it. main.rs only dispatches.

pub mod chinese;
mod refusals;

use crate::lang::Lang;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};
use clap_complete::Shell;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "kaohe",
    version = concat!(env!("CARGO_PKG_VERSION"), " (", env!("KAOHE_COMMIT"), " ", env!("KAOHE_COMMIT_DATE"), ")"),
    about = "考核 — score county and district governments on an official quality-work rubric",
    long_about = "kaohe (考核) holds faithful copies of official government quality-work assessment \
rubrics (政府质量工作考核), a keyboard-driven workbench to score districts on them, and \
signed department score files that the quality office verifies and merges into totals, grades and ranks.\n\n\
With no command it opens the workbench."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub workbench: WorkbenchArgs,
}

/// With no command, kaohe opens the scoring workbench; these preselect what
/// its start screens would ask ([`crate::tui::workbench::StartArgs`]).
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
    /// Interface language (the workbench and the department's commands)
    #[arg(long, global = true, value_parser = lang_parser())]
    pub lang: Option<Lang>,
}

impl From<&WorkbenchArgs> for crate::tui::workbench::StartArgs {
    fn from(args: &WorkbenchArgs) -> Self {
        crate::tui::workbench::StartArgs {
            rubric: args.rubric.clone(),
            dept: args.dept.clone(),
            scorer: args.scorer.clone(),
            keymap: args.keymap.clone(),
            lang: args.lang,
        }
    }
}

impl<'a> From<&'a CheckingArgs> for crate::office::Checking<'a> {
    fn from(args: &'a CheckingArgs) -> crate::office::Checking<'a> {
        crate::office::Checking {
            trust: args.trust.as_deref(),
            keys: &args.keys,
            rubric: args.rubric.as_deref(),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, show and check rubrics
    #[command(subcommand)]
    Rubric(RubricCommand),
    /// Find items by keyword, in Chinese or pinyin (full or initials: tzsb finds 特种设备)
    ///
    /// With `-` for the rubric it searches the lines read from stdin and prints
    /// the matching lines, best first, like `fzf --filter` (exit status 1 when
    /// none matches): `ls | kaohe search - tzsb`.
    Search {
        /// A bundled rubric id (or its unambiguous start), the path of a rubric file, or - for lines from stdin
        rubric: String,
        /// What to look for
        query: String,
    },
    /// Make your department's signing key (Ed25519, private, passphrase-protected)
    Keygen {
        /// Your name, recorded in the key and in every file it signs
        #[arg(long)]
        scorer: Option<String>,
        /// Keep the key unencrypted (anyone who can read the file can sign as you)
        #[arg(long)]
        no_passphrase: bool,
        /// The rubric whose department names to use (bundled id or file)
        #[arg(long)]
        rubric: Option<String>,
    },
    /// Your keys' public lines, to hand to the quality office
    #[command(subcommand)]
    Key(KeyCommand),
    /// The office's trust file: which keys may sign for which department
    #[command(subcommand)]
    Trust(TrustCommand),
    /// Sign your draft as the next revision: <rubric>-<department>-<scorer>-r<revision>.json
    Export {
        /// The rubric (default: the one last opened in the workbench)
        #[arg(long)]
        rubric: Option<String>,
        /// Choose the key by scorer when the department has several
        #[arg(long)]
        scorer: Option<String>,
        /// Where to write the file (default: the current directory)
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check signed score files: intact, signed by a key trusted for the department, every score valid
    Verify {
        /// Score files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        checking: CheckingArgs,
        /// One JSON array on stdout: each file, whether it verified, and what it holds or why not
        #[arg(long)]
        json: bool,
    },
    /// Print a verified score file readably: who signed, which rubric, every score
    Show {
        file: PathBuf,
        #[command(flatten)]
        checking: CheckingArgs,
        /// The verified file as JSON on stdout: who signed, whether trusted, and its signed content
        #[arg(long)]
        json: bool,
    },
    /// A department's draft and its audit log
    #[command(subcommand)]
    Draft(DraftCommand),
    /// Read your department's scores from a CSV or XLSX sheet (columns district, item, score, note, and events for per-event items) into its draft
    Import {
        /// The rubric: a bundled id (or its unambiguous start) or a rubric file's path
        #[arg(long)]
        rubric: String,
        /// The name the scores are recorded under (default: the draft's)
        #[arg(long)]
        scorer: Option<String>,
        /// A .csv (UTF-8) or .xlsx file with a header row
        file: PathBuf,
    },
    /// Write a blank sheet of your department's cells (every district × item) to fill in and import back
    Template {
        /// The rubric: a bundled id (or its unambiguous start) or a rubric file's path
        #[arg(long)]
        rubric: String,
        /// Where to write it (default: <rubric>-<department>-template.csv here)
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The districts' self-assessments (自评打分表): the blank sheet out, the filled sheets in
    #[command(subcommand)]
    Selfcheck(SelfcheckCommand),
    /// Verify department files and merge them: totals, grades, ranks, coverage; merged.json, .csv, .xlsx
    Merge {
        /// Score files, one or more per department (the highest revision counts)
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        checking: CheckingArgs,
        /// Where to write the reports (default: the current directory)
        #[arg(long)]
        out: Option<PathBuf>,
        /// One JSON object on stdout: files used, districts by rank, what is missing, reports written
        #[arg(long)]
        json: bool,
        /// Flag totals this near a grade's line for checking (核查提示), in points
        #[arg(long, default_value = "1")]
        margin: rust_decimal::Decimal,
        /// Also write each district's feedback (情况反馈, .xlsx and .docx) into this folder
        #[arg(long)]
        feedback: Option<PathBuf>,
        /// Compare with an earlier merge (its merged.json): districts and cells that changed (an appeal round)
        #[arg(long)]
        compare: Option<PathBuf>,
    },
    /// The office's progress board: per department, files, newest revision, cells delivered of those due, changes since the revision before, and who has sent nothing
    Progress {
        /// Score files, or folders of them (their .json files)
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        checking: CheckingArgs,
        /// One JSON object on stdout: the board and the files that cannot be used
        #[arg(long)]
        json: bool,
    },
    /// Write a synthetic assessment (rubric, signed department files, trust file) for benchmarks
    Synth {
        /// The same seed always gives the same files
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 2844)]
        districts: usize,
        #[arg(long, default_value_t = 300)]
        items: usize,
        #[arg(long, default_value_t = 40)]
        departments: usize,
        /// The directory to write into
        #[arg(long)]
        out: PathBuf,
    },
    /// Print shell completions: `kaohe completions bash > /etc/bash_completion.d/kaohe`
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: Shell,
    },
    /// The manual page (roff), for packages: kaohe manpage > kaohe.1
    #[command(hide = true)]
    Manpage,
}

#[derive(Debug, Subcommand)]
pub enum SelfcheckCommand {
    /// Write the 自评打分表 (every unit of the rubric, a sheet per district) for the districts to fill in
    Template {
        /// The rubric: a bundled id (or its unambiguous start) or a rubric file's path
        #[arg(long)]
        rubric: String,
        /// Only this district's sheet (its name or an unambiguous part of it)
        #[arg(long)]
        district: Option<String>,
        /// Where to write it: .xlsx (default <rubric>-自评打分表.xlsx here), or .csv for one district
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Read the districts' filled sheets (.xlsx, .csv) or a set file (.json) into the rubric's self-assessment set
    Import {
        /// The rubric: a bundled id (or its unambiguous start) or a rubric file's path
        #[arg(long)]
        rubric: String,
        /// Filled sheets (.xlsx, .csv in UTF-8, UTF-16 or GBK) or a set file (.json)
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// The bundled rubrics: id, title, items, departments
    List {
        /// One JSON array on stdout: id, title, items and departments of each
        #[arg(long)]
        json: bool,
    },
    /// A rubric's resolved items, optionally only one department's
    Show {
        /// A bundled rubric id (or its unambiguous start), or the path of a rubric file
        rubric: String,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Read the office's own rubric table (.docx or .xlsx) into a rubric file to review and check
    ///
    /// Finds the table(s) by their header row, resolves merged cells, reads
    /// points, kinds, parts and departments from the words, and marks every
    /// inference `# 待确认` in the file it writes (never over an existing one).
    Import {
        /// The Word (.docx) or Excel (.xlsx) file with the rubric table
        file: PathBuf,
        /// The rubric's short id (default: the file's name, when it is one)
        #[arg(long)]
        id: Option<String>,
        /// Where to write the rubric file (default: <id>.toml here)
        #[arg(long)]
        out: Option<PathBuf>,
        /// The assessed districts, comma-separated, when the table does not list them
        #[arg(long, value_delimiter = ',')]
        districts: Vec<String>,
    },
    /// Walk an imported rubric's 待确认 marks one by one, beside the original table's rows: confirm or edit each
    Review {
        /// The rubric file `kaohe rubric import` wrote
        file: PathBuf,
    },
    /// What changed between two versions of a rubric: items added, removed, moved, re-pointed, re-worded
    Diff {
        /// The older rubric (bundled id or file)
        old: String,
        /// The newer rubric (bundled id or file)
        new: String,
    },
    /// Check rubric files: structural errors exit 1, the document's own inconsistencies are warnings
    Check {
        /// Bundled rubric ids or rubric file paths; all bundled rubrics when none is given
        rubrics: Vec<String>,
        /// Print one JSON object per rubric, in an array
        #[arg(long)]
        json: bool,
        /// Check an imported file still under review: its `# 待确认` marks are warnings, not errors
        #[arg(long)]
        draft: bool,
    },
}

/// Where the keys that check a score file come from.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct CheckingArgs {
    /// The office's trust file (default: trust.toml in the config dir, if it exists)
    #[arg(long)]
    pub trust: Option<PathBuf>,
    /// A key line to check signatures with, without trusting it
    #[arg(long = "key", value_name = "KEYLINE")]
    pub keys: Vec<String>,
    /// A rubric file that is not bundled, for files scored on it
    #[arg(long)]
    pub rubric: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Print each key's public line (algorithm, key id, base64 key, department, scorer)
    Show,
}

#[derive(Debug, Subcommand)]
pub enum TrustCommand {
    /// Trust a department's key: paste the line `kaohe key show` printed, or `-` to read lines from stdin
    Add {
        #[arg(required = true, value_name = "KEYLINE")]
        line: Vec<String>,
        /// The trust file (default: trust.toml in the config dir)
        #[arg(long)]
        trust: Option<PathBuf>,
        /// The office's own rubric, whose departments may be trusted as the bundled ones' may
        #[arg(long)]
        rubric: Option<String>,
        /// Trust without asking (on a terminal, add shows what it will trust and asks)
        #[arg(long)]
        yes: bool,
    },
    /// Give a trusted key to the department `--dept` names, when it was added for the wrong one
    Move {
        key_id: String,
        /// The trust file (default: trust.toml in the config dir)
        #[arg(long)]
        trust: Option<PathBuf>,
    },
    /// Revoke a key (its id, or at least 8 hex digits of it): files it signed are refused from now on
    Revoke {
        key_id: String,
        /// The trust file (default: trust.toml in the config dir)
        #[arg(long)]
        trust: Option<PathBuf>,
    },
    /// List the trusted and revoked keys
    List {
        /// The trust file (default: trust.toml in the config dir)
        #[arg(long)]
        trust: Option<PathBuf>,
        /// The keys as JSON on stdout: department, scorer, key id and whether revoked
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DraftCommand {
    /// Rebuild the draft from its audit log: check it, or bring back a lost or damaged draft
    Rebuild {
        /// The rubric: a bundled id (or its unambiguous start) or a rubric file's path
        #[arg(long)]
        rubric: String,
    },
    /// Write the department's draft as a sheet to print (unsigned; .xlsx or .csv by the file's name)
    Sheet {
        /// The rubric: a bundled id (or its unambiguous start) or a rubric file's path
        #[arg(long)]
        rubric: String,
        /// Where to write it (default: <rubric>-<department>-draft.csv here)
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// The command line as given, parsed, with its help and errors drawn in the
/// language it names (`--lang`), else `KAOHE_LANG`'s or the settings', else
/// Chinese. On `--help`, `--version` or a wrong command line this prints
/// what clap would, in that language, and exits (0 for help, 2 for an error).
pub fn parse(args: Vec<std::ffi::OsString>) -> Cli {
    use clap::FromArgMatches;
    use clap::error::ErrorKind;
    let lang = crate::commands::words::lang_of(chinese::named_lang(&args));
    let matches = chinese::command(lang).try_get_matches_from(args);
    let error = match matches.map(|m| Cli::from_arg_matches(&m)) {
        Ok(Ok(cli)) => return cli,
        Ok(Err(e)) | Err(e) => e,
    };
    let shown = match shows_help(error.kind()) {
        true => chinese::help_words(lang, &error.render().to_string()),
        false if lang == Lang::Zh => chinese::error_words(&error),
        false => error.render().to_string(),
    };
    // Written, not printed: `kaohe --help | head` closes the pipe, and
    // print! would panic on it.
    use std::io::Write;
    let code = match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = write!(std::io::stdout(), "{shown}");
            0
        }
        _ => {
            let _ = write!(std::io::stderr(), "{shown}");
            2
        }
    };
    std::process::exit(code)
}

/// What clap shows as help rather than as an error.
fn shows_help(kind: clap::error::ErrorKind) -> bool {
    use clap::error::ErrorKind;
    matches!(
        kind,
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    )
}

/// `zh` or `en`, listed in `--help` and the shell completions.
fn lang_parser() -> impl TypedValueParser<Value = Lang> {
    use clap::builder::PossibleValue;
    PossibleValuesParser::new([
        PossibleValue::new("zh").help("中文"),
        PossibleValue::new("en").help("English"),
    ])
    .try_map(|text| text.parse::<Lang>())
}
