#![forbid(unsafe_code)]

use clap::{CommandFactory, Parser};
use kaohe::cli::{Cli, Command, DraftCommand, KeyCommand, RubricCommand, TrustCommand};
use kaohe::commands::export::ExportArgs;
use kaohe::commands::keys::KeygenArgs;
use kaohe::commands::verify::{self, Checking};
use kaohe::commands::{export, keys, rubric, trust};
use kaohe::config::Dirs;
use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut err = io::stderr();
    let dept = cli.workbench.dept.as_deref();
    let status = match cli.command {
        None => {
            drop(out);
            return match kaohe::tui::terminal::run(&cli.workbench) {
                Ok(code) => ExitCode::from(code as u8),
                Err(e) => {
                    let _ = writeln!(err, "kaohe: {e}");
                    ExitCode::FAILURE
                }
            };
        }
        Some(Command::Rubric(RubricCommand::List)) => rubric::list(&mut out),
        Some(Command::Rubric(RubricCommand::Show { rubric: r, json })) => {
            rubric::show(&r, cli.workbench.dept.as_deref(), json, &mut out, &mut err)
        }
        Some(Command::Rubric(RubricCommand::Check { rubrics, json })) => {
            rubric::check(&rubrics, json, &mut out, &mut err)
        }
        Some(Command::Search { rubric, query }) => {
            kaohe::commands::search::run(&rubric, &query, cli.workbench.dept.as_deref(), &mut out, &mut err)
        }
        Some(Command::Keygen {
            scorer,
            no_passphrase,
            rubric,
        }) => {
            let args = KeygenArgs {
                dept,
                scorer: scorer.as_deref(),
                rubric: rubric.as_deref(),
                no_passphrase,
            };
            with_dirs(&mut err, |dirs, err| keys::keygen(&args, dirs, &mut out, err))
        }
        Some(Command::Key(KeyCommand::Show)) => {
            with_dirs(&mut err, |dirs, err| keys::key_show(dept, dirs, &mut out, err))
        }
        Some(Command::Trust(TrustCommand::Add { line, trust })) => with_dirs(&mut err, |dirs, err| {
            trust::trust_add(&line, trust.as_deref(), dirs, &mut out, err)
        }),
        Some(Command::Trust(TrustCommand::Revoke { key_id, trust })) => with_dirs(&mut err, |dirs, err| {
            trust::trust_revoke(&key_id, trust.as_deref(), dirs, &mut out, err)
        }),
        Some(Command::Trust(TrustCommand::List { trust })) => with_dirs(&mut err, |dirs, err| {
            trust::trust_list(trust.as_deref(), dirs, &mut out, err)
        }),
        Some(Command::Export {
            rubric,
            scorer,
            out: dir,
        }) => {
            let args = ExportArgs {
                rubric: rubric.as_deref(),
                dept,
                scorer: scorer.as_deref(),
                out_dir: dir.as_deref(),
            };
            with_dirs(&mut err, |dirs, err| export::export_cmd(&args, dirs, &mut out, err))
        }
        Some(Command::Verify { files, checking }) => with_dirs(&mut err, |dirs, err| {
            verify::verify_cmd(&files, &Checking::from(&checking), dirs, &mut out, err)
        }),
        Some(Command::Show { file, checking }) => with_dirs(&mut err, |dirs, err| {
            verify::show_cmd(&file, &Checking::from(&checking), dirs, &mut out, err)
        }),
        Some(Command::Draft(DraftCommand::Rebuild { rubric })) => with_dirs(&mut err, |dirs, err| {
            kaohe::commands::draft::rebuild(&rubric, dept, dirs, &mut out, err)
        }),
        Some(Command::Import { rubric, scorer, file }) => with_dirs(&mut err, |dirs, err| {
            kaohe::commands::import::run(&rubric, dept, &file, scorer.as_deref(), dirs, &mut out, err)
        }),
        Some(Command::Merge {
            files,
            checking,
            out: dir,
        }) => with_dirs(&mut err, |dirs, err| {
            kaohe::commands::merge::run(&files, &Checking::from(&checking), dir.as_deref(), dirs, &mut out, err)
        }),
        Some(Command::Synth {
            seed,
            districts,
            items,
            departments,
            out: dir,
        }) => {
            let scale = kaohe::commands::synth::Scale {
                seed,
                districts,
                items,
                departments,
            };
            kaohe::commands::synth::run(&scale, &dir, &mut out, &mut err)
        }
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "kaohe", &mut out);
            Ok(0)
        }
    };
    match status {
        Ok(code) => ExitCode::from(code as u8),
        // A closed pipe (`kaohe rubric show x | head`) is not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "kaohe: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The config and data dirs, or the reason there are none.
fn with_dirs(err: &mut io::Stderr, run: impl FnOnce(&Dirs, &mut io::Stderr) -> io::Result<i32>) -> io::Result<i32> {
    match Dirs::from_env() {
        Ok(dirs) => run(&dirs, err),
        Err(e) => {
            writeln!(err, "kaohe: {e}")?;
            Ok(1)
        }
    }
}
