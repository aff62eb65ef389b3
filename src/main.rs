#![forbid(unsafe_code)]

use clap::{CommandFactory, Parser};
use kaohe::cli::{Cli, Command, RubricCommand};
use kaohe::commands::rubric;
use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut err = io::stderr();
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
