#![forbid(unsafe_code)]

use clap::CommandFactory;
use kaohe::cli::{
    Cli, Command, DraftCommand, KeyCommand, RubricCommand, SelfcheckCommand, TrustCommand, WorkbenchArgs,
};
use kaohe::commands::export::ExportArgs;
use kaohe::commands::keys::KeygenArgs;
use kaohe::commands::verify::{self, Checking};
use kaohe::commands::{export, keys, rubric, trust};
use kaohe::config::Dirs;
use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    // cmd and PowerShell pass `*.json` as it is: the program expands it
    // (wild does on Windows, and passes arguments through elsewhere).
    let cli = kaohe::cli::parse(wild::args_os().collect());
    let mut err = io::stderr();
    let Some(command) = cli.command else {
        return match kaohe::tui::terminal::run(&(&cli.workbench).into()) {
            Ok(code) => ExitCode::from(code as u8),
            Err(e) => {
                let _ = writeln!(err, "kaohe: {e}");
                ExitCode::FAILURE
            }
        };
    };
    match run(command, &cli.workbench, &mut io::stdout().lock(), &mut err) {
        Ok(code) => ExitCode::from(code as u8),
        // A closed pipe (`kaohe rubric show x | head`) is not a failure.
        Err(e) if kaohe::commands::closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "kaohe: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `kaohe rubric …`.
fn rubric_command(
    command: RubricCommand,
    workbench: &WorkbenchArgs,
    out: &mut dyn Write,
    err: &mut io::Stderr,
) -> io::Result<i32> {
    let dept = workbench.dept.as_deref();
    let lang = kaohe::commands::words::lang_of(workbench.lang);
    match command {
        RubricCommand::List { json } => rubric::list(lang, json, out),
        RubricCommand::Show { rubric: r, json } => rubric::show(lang, &r, dept, json, out, err),
        RubricCommand::Check { rubrics, json, draft } => rubric::check(lang, &rubrics, json, draft, out, err),
        RubricCommand::Import {
            file,
            id,
            out: to,
            districts,
        } => kaohe::commands::rubric_import::run(
            &kaohe::commands::rubric_import::ImportArgs {
                file: &file,
                id: id.as_deref(),
                out: to.as_deref(),
                districts: &districts,
            },
            out,
            err,
        ),
        RubricCommand::Review { file } => kaohe::commands::rubric_review::run(&file, &workbench.into(), out, err),
        RubricCommand::Diff { old, new } => kaohe::commands::rubric_diff::run(&old, &new, dept, out, err),
    }
}

fn run_selfcheck(
    command: SelfcheckCommand,
    lang: kaohe::lang::Lang,
    out: &mut dyn Write,
    err: &mut io::Stderr,
) -> io::Result<i32> {
    match command {
        SelfcheckCommand::Template {
            rubric,
            district,
            out: file,
        } => kaohe::commands::selfcheck::template(lang, &rubric, district.as_deref(), file.as_deref(), out, err),
        SelfcheckCommand::Import { rubric, files } => with_dirs(lang, err, |dirs, err| {
            kaohe::commands::selfcheck::import(lang, &rubric, &files, dirs, out, err)
        }),
    }
}

fn run_progress(
    lang: kaohe::lang::Lang,
    inputs: &[std::path::PathBuf],
    checking: &kaohe::cli::CheckingArgs,
    json: bool,
    out: &mut dyn Write,
    err: &mut io::Stderr,
) -> io::Result<i32> {
    with_dirs(lang, err, |dirs, err| {
        let asked = kaohe::commands::board::Asked {
            lang,
            inputs,
            checking: &Checking::from(checking),
            json,
        };
        kaohe::commands::board::run(&asked, dirs, out, err)
    })
}

/// A command, with its output on `out`: the process's exit status.
/// `kaohe merge`, with every option it takes.
fn run_merge(command: Command, lang: kaohe::lang::Lang, out: &mut dyn Write, err: &mut io::Stderr) -> io::Result<i32> {
    let Command::Merge {
        files,
        checking,
        out: dir,
        json,
        margin,
        feedback,
        compare,
    } = command
    else {
        return Ok(kaohe::commands::FAILED);
    };
    let merging = kaohe::commands::merge::Merging {
        lang,
        files: &files,
        checking: &Checking::from(&checking),
        out_dir: dir.as_deref(),
        json,
        margin,
        feedback: feedback.as_deref(),
        compare: compare.as_deref(),
    };
    with_dirs(lang, err, |dirs, err| {
        kaohe::commands::merge::run(&merging, dirs, out, err)
    })
}

fn run(command: Command, workbench: &WorkbenchArgs, out: &mut dyn Write, err: &mut io::Stderr) -> io::Result<i32> {
    let dept = workbench.dept.as_deref();
    // The department's commands speak the workbench's language.
    let lang = kaohe::commands::words::lang_of(workbench.lang);
    match command {
        Command::Rubric(command) => rubric_command(command, workbench, out, err),
        Command::Search { rubric, query } => kaohe::commands::search::run(lang, &rubric, &query, dept, out, err),
        Command::Keygen {
            scorer,
            no_passphrase,
            rubric,
        } => {
            let args = KeygenArgs {
                lang,
                dept,
                scorer: scorer.as_deref(),
                rubric: rubric.as_deref(),
                no_passphrase,
            };
            with_dirs(lang, err, |dirs, err| keys::keygen(&args, dirs, out, err))
        }
        Command::Key(KeyCommand::Show) => with_dirs(lang, err, |dirs, err| keys::key_show(lang, dept, dirs, out, err)),
        Command::Trust(t) => run_trust(t, lang, dept, out, err),
        Command::Export {
            rubric,
            scorer,
            out: dir,
        } => {
            let args = ExportArgs {
                lang,
                rubric: rubric.as_deref(),
                dept,
                scorer: scorer.as_deref(),
                out_dir: dir.as_deref(),
            };
            with_dirs(lang, err, |dirs, err| export::export_cmd(&args, dirs, out, err))
        }
        Command::Verify { files, checking, json } => with_dirs(lang, err, |dirs, err| {
            let checking = Checking::from(&checking);
            verify::verify_cmd(&files, &asked(lang, &checking, json), dirs, out, err)
        }),
        Command::Show { file, checking, json } => with_dirs(lang, err, |dirs, err| {
            let checking = Checking::from(&checking);
            verify::show_cmd(&file, &asked(lang, &checking, json), dirs, out, err)
        }),
        Command::Draft(DraftCommand::Rebuild { rubric }) => with_dirs(lang, err, |dirs, err| {
            kaohe::commands::draft::rebuild(&rubric, dept, dirs, out, err)
        }),
        Command::Draft(DraftCommand::Sheet { rubric, out: file }) => with_dirs(lang, err, |dirs, err| {
            kaohe::commands::draft::sheet(lang, &rubric, dept, file.as_deref(), dirs, out, err)
        }),
        Command::Import { rubric, scorer, file } => with_dirs(lang, err, |dirs, err| {
            let what = kaohe::commands::import::ImportArgs {
                lang,
                rubric: &rubric,
                dept,
                file: &file,
                scorer: scorer.as_deref(),
            };
            kaohe::commands::import::run(&what, dirs, out, err)
        }),
        Command::Selfcheck(command) => run_selfcheck(command, lang, out, err),
        Command::Template { rubric, out: file } => {
            kaohe::commands::template::run(lang, &rubric, dept, file.as_deref(), out, err)
        }
        Command::Merge { .. } => run_merge(command, lang, out, err),
        Command::Progress { inputs, checking, json } => run_progress(lang, &inputs, &checking, json, out, err),
        Command::Synth {
            seed,
            districts,
            items,
            departments,
            out: dir,
        } => {
            let scale = kaohe::commands::synth::Scale {
                seed,
                districts,
                items,
                departments,
            };
            kaohe::commands::synth::run(&scale, &dir, out, err)
        }
        Command::Completions { shell } => described(Some((shell, lang)), out),
        Command::Manpage => described(None, out),
    }
}

/// The command line described for a shell (its completions, with help in
/// the user's language) or, with no shell, for `man` (in English, as
/// packages install manual pages).
fn described(shell: Option<(clap_complete::Shell, kaohe::lang::Lang)>, out: &mut dyn Write) -> io::Result<i32> {
    match shell {
        Some((shell, lang)) => clap_complete::generate(shell, &mut kaohe::cli::chinese::command(lang), "kaohe", out),
        None => clap_mangen::Man::new(Cli::command()).render(out)?,
    }
    Ok(0)
}

/// How `verify` or `show` was asked.
fn asked<'a>(lang: kaohe::lang::Lang, checking: &'a Checking<'a>, json: bool) -> verify::Asked<'a> {
    verify::Asked { lang, checking, json }
}

/// The config and data dirs, or the reason there are none.
fn with_dirs(
    lang: kaohe::lang::Lang,
    err: &mut io::Stderr,
    run: impl FnOnce(&Dirs, &mut io::Stderr) -> io::Result<i32>,
) -> io::Result<i32> {
    match Dirs::from_env() {
        Ok(dirs) => run(&dirs, err),
        Err(e) => {
            writeln!(err, "kaohe: {}", kaohe::tui::i18n::config_error(lang, &e))?;
            Ok(1)
        }
    }
}

/// `kaohe trust …`.
fn run_trust(
    command: TrustCommand,
    lang: kaohe::lang::Lang,
    dept: Option<&str>,
    out: &mut dyn Write,
    err: &mut io::Stderr,
) -> io::Result<i32> {
    fn keys(lang: kaohe::lang::Lang, trust: &Option<std::path::PathBuf>) -> trust::KeyArgs<'_> {
        trust::KeyArgs {
            lang,
            trust_file: trust.as_deref(),
        }
    }
    match command {
        TrustCommand::Add {
            line,
            trust,
            rubric,
            yes,
        } => with_dirs(lang, err, |dirs, err| {
            let args = trust::AddArgs {
                lang,
                department: dept,
                words: &line,
                trust_file: trust.as_deref(),
                rubric: rubric.as_deref(),
                yes,
            };
            trust::trust_add(&args, dirs, out, err)
        }),
        TrustCommand::Move { key_id, trust } => with_dirs(lang, err, |dirs, err| {
            trust::trust_move(&key_id, dept, &keys(lang, &trust), dirs, out, err)
        }),
        TrustCommand::Revoke { key_id, trust } => with_dirs(lang, err, |dirs, err| {
            trust::trust_revoke(&key_id, &keys(lang, &trust), dirs, out, err)
        }),
        TrustCommand::List { trust, json } => with_dirs(lang, err, |dirs, err| {
            trust::trust_list(&keys(lang, &trust), json, dirs, out, err)
        }),
    }
}
