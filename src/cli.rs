//! Command-line arguments.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Compile TL (Type Language) schemas, such as Telegram's API, into Rust
/// types with exact MTProto serializers.
#[derive(Debug, Parser)]
#[command(name = "tlgen", version, about, long_about = None)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check one or more schema files (taken together as one schema) and print
    /// a summary. Exit status: 0 valid, 1 schema errors, 2 usage or I/O errors.
    Check(CheckArgs),
}

/// Arguments of `tlgen check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Schema files (`.tl`), checked together as one schema.
    #[arg(required = true, value_name = "SCHEMA")]
    pub schemas: Vec<PathBuf>,
    /// Treat warnings (such as a written id that differs from the computed one) as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Print only errors and the summary, not warnings.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Why a command did not succeed.
#[derive(Debug)]
pub enum Failure {
    /// The schema has errors; they were already printed.
    SchemaErrors,
    /// Bad usage or an I/O error, with its message.
    Usage(String),
}
