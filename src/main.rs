//! `tlgen`: check TL schemas and generate Rust code from them.
//!
//! The CLI only wires the libraries together: `tl-parser` checks, `tl-codegen`
//! generates, and this crate reads files, renders diagnostics and writes output.

// Output goes through `output`, which never panics on a closed pipe or a full disk.
#![deny(clippy::print_stdout, clippy::print_stderr)]

#[macro_use]
mod output;

mod check_cmd;
mod cli;
mod decode_cmd;
mod diff_cmd;
mod generate_cmd;
mod load;
mod render;

use clap::Parser as _;
use std::process::ExitCode;

/// Exit status when the schema has errors.
const EXIT_SCHEMA_ERRORS: u8 = 1;
/// Exit status for usage and I/O errors.
const EXIT_USAGE_OR_IO: u8 = 2;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return clap_exit(&error),
    };
    let outcome = match cli.command {
        Some(cli::Command::Check(args)) => check_cmd::run(&args),
        Some(cli::Command::Diff(args)) => diff_cmd::run(&args),
        Some(cli::Command::Decode(args)) => decode_cmd::decode(&args),
        Some(cli::Command::Encode(args)) => decode_cmd::encode(&args),
        None => generate_cmd::run(&cli.generate),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(cli::Failure::SchemaErrors | cli::Failure::BadInput) => {
            ExitCode::from(EXIT_SCHEMA_ERRORS)
        }
        Err(cli::Failure::Usage(message)) => {
            stderr_line!("error: {message}");
            ExitCode::from(EXIT_USAGE_OR_IO)
        }
    }
}

/// What clap's own `exit` does (its message: help and version on standard
/// output, usage errors on standard error), except that a failure to write
/// the help is an I/O error, as for every other command's output.
fn clap_exit(error: &clap::Error) -> ExitCode {
    let printed = error.print();
    if !error.use_stderr() {
        if let Err(cli::Failure::Usage(message)) = output::stdout_result(printed) {
            stderr_line!("error: {message}");
            return ExitCode::from(EXIT_USAGE_OR_IO);
        }
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(EXIT_USAGE_OR_IO))
}
