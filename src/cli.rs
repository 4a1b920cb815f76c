//! Command-line arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Compile TL (Type Language) schemas, such as Telegram's API, into Rust
/// types with exact MTProto serializers.
///
/// `tlgen SCHEMA... -o DIR` checks the schema files (taken together as one
/// schema) and writes the Rust module `DIR/mod.rs`, which compiles in any crate
/// that depends on `tl-runtime` (`#[path = "DIR/mod.rs"] mod tl;`).
/// `tlgen check SCHEMA...` only checks.
///
/// Exit status: 0 on success, 1 on schema errors, 2 on usage or I/O errors.
/// Output that cannot be written (a full disk) is an I/O error; output whose
/// reader stops early (`tlgen check --list x.tl | head`) is not: the rest is
/// dropped and the status is what it would have been. Every subcommand
/// follows this rule.
#[derive(Debug, Parser)]
#[command(name = "tlgen", version, about, long_about)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do (without a subcommand: generate).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Generation options (when no subcommand is given).
    #[command(flatten)]
    pub generate: GenerateArgs,
}

/// `--variant-names`: `tl_codegen::VariantNames` as a flag value.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum VariantNaming {
    /// `InputPeer::User`.
    Short,
    /// `InputPeer::InputPeerUser`.
    Full,
}

impl From<VariantNaming> for tl_codegen::VariantNames {
    fn from(naming: VariantNaming) -> Self {
        match naming {
            VariantNaming::Short => tl_codegen::VariantNames::Short,
            VariantNaming::Full => tl_codegen::VariantNames::Full,
        }
    }
}

/// `--serde`: `tl_codegen::JsonForm` as a flag value.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum JsonFormFlag {
    /// TDLib's form for TDLib's and TON's schemas, the lossless one otherwise.
    Auto,
    /// TDLib's JSON interface.
    Tdlib,
    /// Lossless and tagged with TL names.
    Tl,
}

impl From<JsonFormFlag> for tl_codegen::JsonForm {
    fn from(form: JsonFormFlag) -> Self {
        match form {
            JsonFormFlag::Auto => tl_codegen::JsonForm::Auto,
            JsonFormFlag::Tdlib => tl_codegen::JsonForm::Tdlib,
            JsonFormFlag::Tl => tl_codegen::JsonForm::Tl,
        }
    }
}

/// `--id-rule`: `tl_parser::IdRule`, or the choice from the schema.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum IdRuleFlag {
    /// Chosen from the schema: its written ids, else its built-in declarations.
    #[default]
    Auto,
    /// Telegram's normalization (`bytes` hashed as `string`, `flags.N?true` left out).
    Telegram,
    /// TDLib's reference parser: the definition as written (TDLib, TON).
    Tdlib,
}

impl IdRuleFlag {
    /// The rule to force, if any.
    pub fn rule(self) -> Option<tl_parser::IdRule> {
        match self {
            IdRuleFlag::Auto => None,
            IdRuleFlag::Telegram => Some(tl_parser::IdRule::Telegram),
            IdRuleFlag::Tdlib => Some(tl_parser::IdRule::Tdlib),
        }
    }
}

/// Arguments of generation (`tlgen SCHEMA... -o DIR`).
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Schema files (`.tl`), taken together as one schema. Files that are
    /// separate schemas (Telegram's api.tl and mtproto.tl) need one run each.
    #[arg(value_name = "SCHEMA")]
    pub schemas: Vec<PathBuf>,
    /// Directory to write `mod.rs` into (created if missing). The file is only
    /// rewritten when its contents change.
    #[arg(short = 'o', long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Path under which generated code reaches the runtime crate, when it is
    /// re-exported: from the crate root (`crate::tl_runtime`) or from a crate
    /// (`::my_client::rt`), not relative (`self::`, `super::`); by default the
    /// `tl-runtime` crate itself (`tl_codegen::Options`' default).
    #[arg(long, value_name = "PATH")]
    pub runtime_path: Option<String>,
    /// Extra derive for every generated struct and enum (repeatable), e.g.
    /// `--derive serde::Serialize`. `Debug`, `Clone` and `PartialEq` are always
    /// derived (and `Default` where every field has one): naming them changes
    /// nothing.
    #[arg(long = "derive", value_name = "TRAIT")]
    pub derives: Vec<String>,
    /// Also generate `pub mod arbitrary` (random values of every type, for
    /// property tests; needs tl-runtime's `arbitrary` feature).
    #[arg(long)]
    pub arbitrary: bool,
    /// Also implement serde's `Serialize` and `Deserialize` for every generated
    /// type (needs tl-runtime's `serde` feature), in a JSON form: `tdlib`
    /// (TDLib's JSON interface: `"@type"`, `int64` as strings), `tl` (lossless,
    /// tagged with TL names: `"_"`), or `auto` (the default when the flag has no
    /// value): `tdlib` for schemas with TDLib's id rule, else `tl`.
    #[arg(long, value_name = "FORM", num_args = 0..=1, default_missing_value = "auto")]
    pub serde: Option<JsonFormFlag>,
    /// Write the code unformatted (one item, statement or field per line):
    /// faster, the same items.
    #[arg(long)]
    pub no_format: bool,
    /// Generate only what this TL name needs (a function, constructor or type;
    /// repeatable). Without it, everything is generated.
    #[arg(long = "keep", value_name = "NAME")]
    pub keep: Vec<String>,
    /// How enum variants are named: `short` drops the type's name where a
    /// constructor's name begins with it (`InputPeer::User`), `full` keeps the
    /// constructor's whole name (`InputPeer::InputPeerUser`). Default `short`.
    #[arg(long, value_name = "NAMING")]
    pub variant_names: Option<VariantNaming>,
    /// How ids that are not written are computed: `telegram` (api.tl, mtproto.tl),
    /// `tdlib` (as written: TDLib's and TON's schemas), or `auto`, the default:
    /// chosen from the schema, as `tlgen check` reports.
    #[arg(long, value_name = "RULE", default_value = "auto")]
    pub id_rule: IdRuleFlag,
    /// Documentation to put in the generated code (JSON in gotd's getdoc format,
    /// such as Telegram's `telegram-docs.json`): descriptions, links, each
    /// function's result and errors, and typed error enums. Entries naming
    /// nothing in the schema are reported as a warning and left out.
    #[arg(long, value_name = "FILE")]
    pub docs: Option<PathBuf>,
    /// Leave a part of the API out, for a cheaper build of the generated code
    /// (repeatable, or comma-separated): `debug` (the `Debug` derive), `builders`
    /// (`new` and `with_*`), `from` (struct into enum), `try-from` (enum into
    /// struct), `accessors` (fields every constructor of a type has, read from the
    /// enum), `docs` (doc comments). Types and wire code stay the same.
    #[arg(long, value_name = "PART", value_delimiter = ',', value_parser = parse_extra)]
    pub omit: Vec<tl_codegen::Extra>,
    /// The smallest code: every part `--omit` names left out.
    #[arg(long)]
    pub lean: bool,
    /// Write nothing; fail (exit 1) if `DIR/mod.rs` is not what would be written.
    #[arg(long)]
    pub check: bool,
    /// Print only errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check one or more schema files (taken together as one schema) and print
    /// a summary. Exit status: 0 valid, 1 schema errors, 2 usage or I/O errors.
    Check(CheckArgs),
    /// Compare two layers of a schema: definitions added, removed and changed,
    /// each change classified by its wire impact (can a peer of the other layer
    /// still read it?) and by its impact on the generated Rust API (breaking or
    /// additive). `tlgen diff OLD.tl NEW.tl`, or with several files a side
    /// `tlgen diff --old A.tl --old B.tl --new C.tl --new D.tl` (files given
    /// without a flag then belong to the side that has none).
    /// Exit status: 0 done, 1 schema errors (or `--fail-on` met), 2 usage or I/O errors.
    Diff(DiffArgs),
    /// Decode TL bytes as a value of a type (or a function's request) of a
    /// schema read at run time, and print it as tlgen's lossless JSON (the form
    /// of code generated with `--serde tl`) or, with `--pretty`, as a tree.
    /// `tlgen decode SCHEMA... --type T FILE` (`-` for stdin). Each schema file
    /// is a schema of its own (api.tl and mtproto.tl); the first that defines
    /// the type is used, the others name constructor ids it does not know.
    /// Exit status: 0 decoded, 1 bytes that are not such a value (or schema
    /// errors), 2 usage or I/O errors (a name the schema does not define is one).
    Decode(DecodeArgs),
    /// Encode tlgen's lossless JSON (what `tlgen decode` prints) as TL bytes:
    /// `tlgen encode SCHEMA... --type T FILE` (`-` for stdin) writes the bytes
    /// to stdout, or hex text with `--hex`.
    /// Exit status: 0 encoded, 1 JSON that is not such a value (or schema
    /// errors), 2 usage or I/O errors.
    Encode(DecodeArgs),
}

/// Arguments of `tlgen decode` and `tlgen encode`.
#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// Schema files, each a schema of its own, then the input file (`-`: stdin).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// The type of the value: a boxed type (`Updates`: any of its
    /// constructors), a constructor (`updateShort`: its id first, which must be
    /// that constructor's), `Vector<T>`, or a builtin (`long`, `Object`). With
    /// `--bare`, the value has no id: a constructor's fields alone, the only
    /// constructor of a type, `vector<T>`. An unknown name is an error that
    /// names the closest ones.
    #[arg(
        long = "type",
        value_name = "T",
        conflicts_with = "function",
        required_unless_present = "function"
    )]
    pub ty: Option<String>,
    /// The value is a request of this function (boxed: its id first, which
    /// must be the function's).
    #[arg(long, value_name = "F")]
    pub function: Option<String>,
    /// The value is bare: no constructor id, the first field first (with
    /// `--type`; a request of `--function` always starts with its id).
    #[arg(long, requires = "ty", conflicts_with = "function")]
    pub bare: bool,
    /// Bytes as hex text (white space ignored): the input of `decode`, the
    /// output of `encode`. When `decode` fails on input that is hex text
    /// without it, the error says to add it.
    #[arg(long)]
    pub hex: bool,
    /// `decode`: print an indented tree with TL names and ids instead of JSON.
    #[arg(long)]
    pub pretty: bool,
    /// The deepest nesting of objects and vectors accepted, each one level (default 64,
    /// as `tl-runtime`; at most 127, the deepest JSON that reads back).
    #[arg(long, value_name = "N", default_value_t = tl_runtime::Limits::DEFAULT_MAX_DEPTH)]
    pub max_depth: usize,
}

/// `--format` of `tlgen diff`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Readable text grouped by namespace.
    #[default]
    Text,
    /// Markdown for a changelog, grouped by namespace.
    Markdown,
    /// JSON: lists `added`, `removed`, `changed` (and `rust_only`, `types`)
    /// with ids as hex strings, and a `summary`.
    Json,
}

/// `--fail-on` of `tlgen diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// A change that breaks the generated Rust API.
    Breaking,
    /// A change a peer of the other layer cannot read (or reads only in part).
    Wire,
    /// Any difference at all.
    Any,
}

/// Arguments of `tlgen diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// `OLD NEW`: two schema files. With `--old` or `--new`, the files of the
    /// other side.
    #[arg(value_name = "SCHEMA")]
    pub schemas: Vec<PathBuf>,
    /// A file of the old schema (repeatable: the files are taken together as in `check`).
    #[arg(long = "old", value_name = "FILE")]
    pub old: Vec<PathBuf>,
    /// A file of the new schema (repeatable).
    #[arg(long = "new", value_name = "FILE")]
    pub new: Vec<PathBuf>,
    /// Output: `text` (default), `markdown` or `json`.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: DiffFormat,
    /// Report only these namespaces (repeatable; `-` for definitions without one).
    #[arg(long = "namespace", value_name = "NS")]
    pub namespaces: Vec<String>,
    /// Report only what a module generated with `--keep NAME` holds, in either
    /// layer (repeatable, as for generation): the changes a client pruned to
    /// the functions it calls sees.
    #[arg(long = "keep", value_name = "NAME")]
    pub keep: Vec<String>,
    /// Exit with status 1 when the report has such a change (for CI):
    /// `breaking` (the generated Rust API), `wire` (peers of the two layers cannot
    /// read each other's values), `any`.
    #[arg(long, value_name = "WHAT")]
    pub fail_on: Option<FailOn>,
    /// How enum variants are named in the generated code compared (as for
    /// generation; default `short`).
    #[arg(long, value_name = "NAMING")]
    pub variant_names: Option<VariantNaming>,
    /// How ids that are not written are computed, on both sides: `telegram`,
    /// `tdlib` or `auto` (the default, chosen from each schema).
    #[arg(long, value_name = "RULE", default_value = "auto")]
    pub id_rule: IdRuleFlag,
    /// Do not print schema warnings.
    #[arg(long, short)]
    pub quiet: bool,
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
    /// After the summary, print every definition on its own line with the id
    /// tlgen uses, as TDLib's reference parser prints them:
    /// `name#1234abcd field:type ... = Type`.
    #[arg(long)]
    pub list: bool,
    /// How ids that are not written are computed: `telegram`, `tdlib` or `auto`
    /// (the default: chosen from the schema; the summary says which and why).
    #[arg(long, value_name = "RULE", default_value = "auto")]
    pub id_rule: IdRuleFlag,
    /// Also report how much of the schema this documentation (JSON in gotd's
    /// getdoc format) describes: constructors, functions and types with and
    /// without docs, and the entries that name nothing in the schema.
    #[arg(long, value_name = "FILE")]
    pub docs: Option<PathBuf>,
    /// Print only errors and the summary, not warnings.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Why a command did not succeed.
#[derive(Debug)]
pub enum Failure {
    /// The schema has errors; they were already printed.
    SchemaErrors,
    /// The input (bytes or JSON) is not a value of the type; the error was
    /// already printed.
    BadInput,
    /// Bad usage or an I/O error, with its message.
    Usage(String),
}

/// A part of the API, as `--omit` names it (`tl_codegen::Extra`'s names).
fn parse_extra(text: &str) -> Result<tl_codegen::Extra, String> {
    text.parse()
}
