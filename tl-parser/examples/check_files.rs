//! Checks the files named on the command line and prints diagnostics.
fn main() {
    let mut sources = tl_parser::Sources::new();
    for path in std::env::args().skip(1) {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                sources.add(path, text);
            }
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
    let checked = tl_parser::check(&sources);
    for d in &checked.diagnostics {
        print!("{}", d.render_plain(&sources));
    }
    let s = &checked.schema;
    println!(
        "layer {:?}: {} constructors ({} with built-ins), {} functions, {} types ({} with built-ins)",
        s.layer,
        s.constructors.len(),
        s.constructor_count_with_builtins(),
        s.functions.len(),
        s.types.len(),
        s.type_count_with_builtins()
    );
}
