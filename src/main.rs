//! `tlgen`: check TL schemas and generate Rust code from them.
//!
//! The CLI only wires the libraries together: `tl-parser` checks, `tl-codegen`
//! generates, and this crate reads files, renders diagnostics and writes output.

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
    let cli = cli::Cli::parse();
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
            eprintln!("error: {message}");
            ExitCode::from(EXIT_USAGE_OR_IO)
        }
    }
}
