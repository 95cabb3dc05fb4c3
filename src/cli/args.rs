//! The clap structures of the command line (their doc comments are the `--help` text) and
//! their translation into the library's options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use hirelint::command::CheckOptions;
use hirelint::document::DocKind;
use hirelint::input::RecordFields;
use hirelint::report::ReportFormat;

/// hirelint: find the barriers in job ads and interview scripts, and what to write instead.
#[derive(Parser, Debug)]
#[command(name = "hirelint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check documents (the default: `hirelint PATH` is `hirelint check PATH`).
    Check(Box<CheckArgs>),
    /// List the rules (the catalogue).
    Rules(RulesArgs),
    /// Open a local web page that checks a pasted or opened document and shows it rewritten,
    /// with a JSON API for scripts (on 127.0.0.1 unless told otherwise).
    Serve(Box<crate::serve::ServeArgs>),
    /// Explain one rule: why it matters, what to write instead, examples.
    Explain {
        /// The rule id, e.g. buzzword/rockstar.
        rule: String,
        /// Also load rules from this folder.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
    /// Write a commented starter hirelint.toml in the current folder (or DIR).
    Init {
        /// The folder to write it in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Show how hirelint reads a document: its kind, sections, blocks and questions.
    Inspect {
        /// The document.
        file: PathBuf,
    },
    /// Check the examples of every rule in a rule folder.
    TestRules {
        /// The rule folder (with <family>/<name>.toml files).
        dir: PathBuf,
    },
    /// Measure the rules on labelled documents: recall, precision and F1 per family.
    Eval {
        /// The labels file (see docs/eval.md).
        #[arg(required_unless_present = "questions")]
        labels: Option<PathBuf>,
        /// The folder of labelled documents.
        #[arg(required_unless_present = "questions")]
        docs: Option<PathBuf>,
        /// Score a bank of labelled interview questions instead (see docs/eval.md).
        #[arg(long, value_name = "FILE", conflicts_with_all = ["labels", "docs"])]
        questions: Option<PathBuf>,
        /// Also load rules from this folder.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
        /// Use only the rules from --rules folders, not the bundled ones.
        #[arg(long)]
        no_bundled: bool,
        /// Only the summary table, without the list of misses and unmatched findings.
        #[arg(long)]
        brief: bool,
    },
    /// Run a language server on standard input and output, for editors (Markdown, HTML, text).
    Lsp,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq, Eq)]
pub enum CatalogueFormat {
    Text,
    Md,
    Json,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq, Eq)]
pub enum KindArg {
    JobAd,
    Interview,
    Process,
    Other,
}

impl From<KindArg> for DocKind {
    fn from(k: KindArg) -> DocKind {
        match k {
            KindArg::JobAd => DocKind::JobAd,
            KindArg::Interview => DocKind::Interview,
            KindArg::Process => DocKind::Process,
            KindArg::Other => DocKind::Other,
        }
    }
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads standard input. Default: the current folder.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_parser = format_parser(), default_value = "human")]
    pub format: ReportFormat,
    /// Write this format too, to standard output or to FILE (`sarif=hirelint.sarif`); may be
    /// repeated, so one run annotates a pull request and writes SARIF. When given, --format
    /// is not used.
    #[arg(long, value_name = "FORMAT[=FILE]")]
    pub output: Vec<String>,
    /// Exit with 1 when a finding is at or above this severity [default: warning].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Use this configuration file instead of looking for hirelint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Use only these rules or families (comma-separated or repeated; overrides the configuration).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Leave out these rules or families (comma-separated or repeated; added to the configuration's).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// The law that applies to you (GB, NI, US, EU, IE, CA, AU; comma-separated): rules that
    /// rely on another country's law are left out [default: all, each labelled].
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub jurisdiction: Vec<String>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every finding in this baseline file (written atomically).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Apply safe fixes to the files (atomically, keeping permissions).
    #[arg(long)]
    pub fix: bool,
    /// Show the safe fixes as a diff without writing anything.
    #[arg(long)]
    pub diff: bool,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
    /// Read a job-board dump: one JSON object per line (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<PathBuf>,
    /// With --jsonl: the field holding the document text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_field: String,
    /// With --jsonl: the field holding the record id.
    #[arg(long, value_name = "NAME", default_value = "id")]
    pub id_field: String,
    /// With --jsonl: the field naming the format (`html`, `markdown`, `text`); detected when absent.
    #[arg(long, value_name = "NAME", default_value = "format")]
    pub format_field: String,
    /// Also load rules from this folder (<family>/<name>.toml); may be repeated.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Use only the rules from --rules folders, not the bundled ones.
    #[arg(long)]
    pub no_bundled: bool,
    /// The name (and so the format) of standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Only check files matching this glob (in folders); may be repeated.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip files matching this glob (in folders); may be repeated.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Treat every document as this kind instead of detecting it.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Terms that are never findings (a product called "Ninja"); may be repeated.
    #[arg(long, value_name = "TERM")]
    pub allow: Vec<String>,
    /// Print a summary per family and rule at the end.
    #[arg(long)]
    pub summary: bool,
    /// Colours in human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Number of threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Strict mode, for CI on pull requests: only the configuration of the current folder
    /// (or --config) is used, and a nested one is an error; `.ignore` files are not read;
    /// tracked documents hidden by a `.gitignore` are checked; a document skipped as binary is
    /// an error. Also `strict = true` in the configuration.
    #[arg(long)]
    pub strict_config: bool,
    /// Let a configuration read rule folders outside the repository it is in (absolute, with
    /// `..`, or through links), and be a link to a file outside it.
    #[arg(long)]
    pub allow_outside_root: bool,
    /// Skip files larger than this many bytes.
    /// At most 4294967295: positions inside a document are 32-bit.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024,
          value_parser = clap::value_parser!(u64).range(0..=u64::from(u32::MAX)))]
    pub max_file_size: u64,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Output format: text, md (for review sessions) or json.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CatalogueFormat,
    /// Also load rules from this folder.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Only the rules that no panel with lived experience has reviewed yet.
    #[arg(long)]
    pub unreviewed: bool,
}

/// `--format`'s values, from the library's list of formats (the library has no clap types).
fn format_parser() -> impl clap::builder::TypedValueParser<Value = ReportFormat> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(
        ReportFormat::ALL.map(|f| clap::builder::PossibleValue::new(f.name()).help(f.about())),
    )
    .map(|name: String| ReportFormat::parse(&name).unwrap_or(ReportFormat::Human))
}

impl FailOn {
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Info => "info",
            FailOn::Never => "never",
        }
    }
}

impl CheckArgs {
    /// The library's options for `check`.
    pub fn options(&self) -> CheckOptions {
        let a = self;
        CheckOptions {
            paths: a.paths.clone(),
            format: a.format,
            output: a.output.clone(),
            config: hirelint::config::Choice {
                file: a.config.clone(),
                none: a.no_config,
                strict: a.strict_config,
                allow_outside_root: a.allow_outside_root,
            },
            linter: hirelint::linter::Options {
                rule_dirs: a.rules.clone(),
                no_bundled: a.no_bundled,
                select: a.select.clone(),
                ignore: a.ignore.clone(),
                jurisdiction: a.jurisdiction.clone(),
                allow: a.allow.clone(),
                fail_on: a.fail_on.map(|f| f.as_str().to_string()),
                kind: a.kind.map(DocKind::from),
                allow_outside_root: a.allow_outside_root,
                keep_blocks: false,
            },
            baseline: a.baseline.clone(),
            write_baseline: a.write_baseline.clone(),
            fix: a.fix,
            diff: a.diff,
            no_progress: a.no_progress,
            jsonl: a.jsonl.clone(),
            fields: RecordFields {
                text: a.text_field.clone(),
                id: a.id_field.clone(),
                format: a.format_field.clone(),
            },
            stdin_filename: a.stdin_filename.clone(),
            include: a.include.clone(),
            exclude: a.exclude.clone(),
            summary: a.summary,
            color: match a.color {
                ColorChoice::Auto => None,
                ColorChoice::Always => Some(true),
                ColorChoice::Never => Some(false),
            },
            threads: a.threads,
            max_file_size: a.max_file_size,
        }
    }
}
