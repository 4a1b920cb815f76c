//! Standard output and standard error, written without panicking.
//!
//! `println!` and `eprintln!` panic when a write fails, so every command writes
//! through here instead (`main.rs` denies the printing macros). The rule:
//!
//! - Standard output closed by its reader (`tlgen check --list x.tl | head`) is
//!   not an error: the rest of the output is dropped and the command ends as it
//!   would have, with the same exit status (0 when it succeeded).
//! - Any other failure to write standard output (a full disk, `>/dev/full`) is an
//!   I/O error: one line on standard error and exit status 2.
//! - Failures to write standard error are ignored: there is nowhere left to
//!   report them, and the exit status still tells what happened.

use crate::cli::Failure;
use std::fmt;
use std::io::{ErrorKind, Write as _};

/// Writes `text` to standard output, then flushes it, so that a failure is
/// seen here rather than lost when the process exits.
///
/// # Errors
/// A write error other than a closed pipe, as [`Failure::Usage`].
pub fn print(text: &str) -> Result<(), Failure> {
    print_bytes(text.as_bytes())
}

/// [`print()`] for bytes (`tlgen encode` without `--hex`).
///
/// # Errors
/// As [`print()`].
pub fn print_bytes(bytes: &[u8]) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    let written = stdout.write_all(bytes).and_then(|()| stdout.flush());
    stdout_result(written)
}

/// The rule above for the outcome of a write to standard output.
///
/// # Errors
/// A write error other than a closed pipe, as [`Failure::Usage`].
pub fn stdout_result(written: std::io::Result<()>) -> Result<(), Failure> {
    match written {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(Failure::Usage(format!(
            "cannot write to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}

/// Writes to standard error, ignoring failure (see the module docs); what
/// `stderr_line!` and `stderr_text!` call.
pub fn stderr(args: fmt::Arguments<'_>, newline: bool) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_fmt(args);
    if newline {
        let _ = stderr.write_all(b"\n");
    }
}

/// `eprintln!` that never panics: a line on standard error, failures ignored.
macro_rules! stderr_line {
    ($($arg:tt)*) => {
        $crate::output::stderr(format_args!($($arg)*), true)
    };
}

/// `eprint!` that never panics: text on standard error, failures ignored.
macro_rules! stderr_text {
    ($($arg:tt)*) => {
        $crate::output::stderr(format_args!($($arg)*), false)
    };
}
