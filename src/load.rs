//! Reading schema files into a source set.

use crate::cli::Failure;
use std::path::PathBuf;
use tl_parser::Sources;

/// Reads every file; an unreadable or non-UTF-8 file is a usage/I-O failure
/// naming the path and the reason.
pub fn read_sources(paths: &[PathBuf]) -> Result<Sources, Failure> {
    let mut sources = Sources::new();
    for path in paths {
        let bytes = std::fs::read(path)
            .map_err(|e| Failure::Usage(format!("cannot read `{}`: {e}", path.display())))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Failure::Usage(format!(
                "`{}` is not UTF-8 text (invalid byte at offset {}): TL schemas are text files",
                path.display(),
                e.utf8_error().valid_up_to()
            ))
        })?;
        sources.add(path.display().to_string(), text);
    }
    Ok(sources)
}
