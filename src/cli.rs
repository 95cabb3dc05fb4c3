//! Command-line arguments and what each command does with them.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::sync::Mutex;

use hirelint::baseline::{self, Baseline};
use hirelint::config;
use hirelint::document::{DocKind, Format};
use hirelint::engine::{Engine, EngineOptions};
use hirelint::finding::fingerprints;
use hirelint::parse::parse;
use hirelint::pipeline;
use hirelint::report::{FileResult, ReportFormat, ReportOptions, Summary};
use hirelint::rule::{RuleSet, Severity};
use hirelint::walk::{self, ReadProblem, WalkOptions};
use std::collections::BTreeSet;

/// `eprintln!` for lines that carry paths, rule ids or messages: the whole line goes through
/// [`hirelint::escape::shown`], so a file named `a⏎::error::x.md` prints as one line, with the
/// line break shown (`\n`), and no escape sequence reaches the terminal.
macro_rules! say {
    ($($t:tt)*) => {
        eprintln!("{}", hirelint::escape::shown(&format!($($t)*)))
    };
}

/// hirelint: find the barriers in job ads and interview scripts, and what to write instead.
#[derive(Parser, Debug)]
#[command(name = "hirelint", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
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
enum CatalogueFormat {
    Text,
    Md,
    Json,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq, Eq)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq, Eq)]
enum KindArg {
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
struct CheckArgs {
    /// Files or folders to check; `-` reads standard input. Default: the current folder.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_parser = format_parser(), default_value = "human")]
    format: ReportFormat,
    /// Write this format too, to standard output or to FILE (`sarif=hirelint.sarif`); may be
    /// repeated, so one run annotates a pull request and writes SARIF. When given, --format
    /// is not used.
    #[arg(long, value_name = "FORMAT[=FILE]")]
    output: Vec<String>,
    /// Exit with 1 when a finding is at or above this severity [default: warning].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Use this configuration file instead of looking for hirelint.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// Use only these rules or families (comma-separated or repeated; overrides the configuration).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    select: Vec<String>,
    /// Leave out these rules or families (comma-separated or repeated; added to the configuration's).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    ignore: Vec<String>,
    /// The law that applies to you (GB, NI, US, EU, IE, CA, AU; comma-separated): rules that
    /// rely on another country's law are left out [default: all, each labelled].
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    jurisdiction: Vec<String>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every finding in this baseline file (written atomically).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Apply safe fixes to the files (atomically, keeping permissions).
    #[arg(long)]
    fix: bool,
    /// Show the safe fixes as a diff without writing anything.
    #[arg(long)]
    diff: bool,
    /// Never show a progress bar.
    #[arg(long)]
    no_progress: bool,
    /// Read a job-board dump: one JSON object per line (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    jsonl: Option<PathBuf>,
    /// With --jsonl: the field holding the document text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    text_field: String,
    /// With --jsonl: the field holding the record id.
    #[arg(long, value_name = "NAME", default_value = "id")]
    id_field: String,
    /// With --jsonl: the field naming the format (`html`, `markdown`, `text`); detected when absent.
    #[arg(long, value_name = "NAME", default_value = "format")]
    format_field: String,
    /// Also load rules from this folder (<family>/<name>.toml); may be repeated.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Use only the rules from --rules folders, not the bundled ones.
    #[arg(long)]
    no_bundled: bool,
    /// The name (and so the format) of standard input.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Only check files matching this glob (in folders); may be repeated.
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Skip files matching this glob (in folders); may be repeated.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Treat every document as this kind instead of detecting it.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// Terms that are never findings (a product called "Ninja"); may be repeated.
    #[arg(long, value_name = "TERM")]
    allow: Vec<String>,
    /// Print a summary per family and rule at the end.
    #[arg(long)]
    summary: bool,
    /// Colours in human output.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Number of threads (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Strict mode, for CI on pull requests: only the configuration of the current folder
    /// (or --config) is used, and a nested one is an error; `.ignore` files are not read;
    /// tracked documents hidden by a `.gitignore` are checked; a document skipped as binary is
    /// an error. Also `strict = true` in the configuration.
    #[arg(long)]
    strict_config: bool,
    /// Let a configuration read rule folders outside the repository it is in (absolute, with
    /// `..`, or through links), and be a link to a file outside it.
    #[arg(long)]
    allow_outside_root: bool,
    /// Skip files larger than this many bytes.
    /// At most 4294967295: positions inside a document are 32-bit.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024,
          value_parser = clap::value_parser!(u64).range(0..=u64::from(u32::MAX)))]
    max_file_size: u64,
}

#[derive(Args, Debug)]
struct RulesArgs {
    /// Output format: text, md (for review sessions) or json.
    #[arg(long, value_enum, default_value = "text")]
    format: CatalogueFormat,
    /// Also load rules from this folder.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Only the rules that no panel with lived experience has reviewed yet.
    #[arg(long)]
    unreviewed: bool,
}

const COMMANDS: &[&str] = &[
    "check",
    "serve",
    "rules",
    "init",
    "explain",
    "inspect",
    "test-rules",
    "eval",
    "lsp",
    "help",
    "-h",
    "--help",
    "-V",
    "--version",
];

/// Parses the command line and runs the command; returns the exit code.
pub fn run() -> Result<u8> {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // `hirelint PATH` means `hirelint check PATH`.
    let first = args.get(1).map(|a| a.to_string_lossy().to_string());
    // `hirelint chek docs/` is a misspelt command, not a path to check.
    if let Some(word) = first.as_deref()
        && !COMMANDS.contains(&word)
        && !word.starts_with('-')
        && !Path::new(word).exists()
        && let Some(command) = did_you_mean(word, COMMANDS)
    {
        say!("error: no command or path `{word}`; did you mean `hirelint {command}`?");
        return Ok(2);
    }
    if first.as_deref().is_none_or(|a| !COMMANDS.contains(&a)) {
        args.insert(1, "check".into());
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return Ok(code);
        }
    };
    match cli.command {
        Command::Check(a) => check(*a),
        Command::Serve(a) => crate::serve::run(*a),
        Command::Rules(a) => {
            let mut set = load_rules(&a.rules, false)?;
            if a.unreviewed {
                set.rules.retain(|r| !r.is_reviewed());
            }
            print_catalogue(&set, a.format)?;
            Ok(0)
        }
        Command::Explain { rule, rules } => {
            let set = load_rules(&rules, false)?;
            explain(&set, &rule)
        }
        Command::TestRules { dir } => test_rules(&dir),
        Command::Inspect { file } => inspect(&file),
        Command::Lsp => crate::lsp::run(),
        Command::Init { dir, force } => {
            let path = dir.join("hirelint.toml");
            if path.exists() && !force {
                say!(
                    "error: {} exists already; use --force to replace it",
                    path.display()
                );
                return Ok(2);
            }
            hirelint::write::atomic_write(&path, config::STARTER.as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
            println!("Wrote {}. Every key in it is optional.", path.display());
            Ok(0)
        }
        Command::Eval {
            labels,
            docs,
            questions,
            rules,
            no_bundled,
            brief,
        } => {
            // What runs by default: opt-in rules are not measured.
            let set = load_rules(&rules, no_bundled)?.by_default();
            let engine = Engine::new(&set);
            match (questions, labels, docs) {
                (Some(bank), _, _) => {
                    let ev = hirelint::eval::questions::evaluate_bank(&engine, &set, &bank)
                        .map_err(|e| anyhow::anyhow!("{e}"))?;
                    print!("{}", ev.render(!brief));
                }
                (None, Some(labels), Some(docs)) => {
                    let ev = hirelint::eval::evaluate(&engine, &set, &labels, &docs)
                        .map_err(|e| anyhow::anyhow!("{e}"))?;
                    print!("{}", ev.render(!brief));
                }
                _ => anyhow::bail!("give LABELS and DOCS, or --questions FILE"),
            }
            Ok(0)
        }
    }
}

/// The name in `names` closest to `word` (at most two edits, or one for short words), if any.
fn did_you_mean<'a>(word: &str, names: &[&'a str]) -> Option<&'a str> {
    fn distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut diagonal = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let next = (diagonal + usize::from(ca != *cb))
                    .min(row[j] + 1)
                    .min(row[j + 1] + 1);
                diagonal = row[j + 1];
                row[j + 1] = next;
            }
        }
        row[b.len()]
    }
    if word.len() > 100 {
        return None;
    }
    let limit = if word.chars().count() <= 4 { 1 } else { 2 };
    names
        .iter()
        .filter(|n| !n.starts_with('-') && n.len() <= 100)
        .map(|n| (distance(word, n), *n))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, n)| n)
}

fn load_rules(dirs: &[PathBuf], no_bundled: bool) -> Result<RuleSet> {
    let mut set = if no_bundled {
        RuleSet::empty()
    } else {
        RuleSet::bundled()
    }
    .map_err(|e| anyhow::anyhow!("broken rule file: {e}"))?;
    for d in dirs {
        let before = set.rules.len();
        if let Err(e) = set.add_dir(d) {
            let errors = rule_errors(d, &e);
            if errors.len() == 1 {
                bail!("broken rule file: {}", errors[0]);
            }
            for e in &errors {
                say!("error: broken rule file: {e}");
            }
            bail!(
                "{} broken rule files in {} (each above)",
                errors.len(),
                d.display()
            );
        }
        if set.rules.len() > before {
            limits_are_numbers(&set)?;
        }
    }
    let phrases: usize = set
        .rules
        .iter()
        .map(|r| r.matches().phrases.len() + r.evidence().phrases.len())
        .sum();
    if phrases > MAX_PHRASES {
        bail!(
            "the rules hold {phrases} phrases in all, more than the limit of {MAX_PHRASES}: the phrase matcher's build grows faster than its input (a million phrases took six minutes)"
        );
    }
    Ok(set)
}

/// The most phrases all loaded rules may hold (the bundled rules have about 800), and the
/// most `allow` terms: building the matchers for many more takes time out of proportion
/// (docs/robustness.md).
const MAX_PHRASES: usize = 25_000;
const MAX_ALLOW: usize = 10_000;

/// `max = nan` (or inf) loaded and never fired: a limit must be a number.
fn limits_are_numbers(set: &RuleSet) -> Result<()> {
    let broken = set.rules.iter().find_map(|r| {
        let m = r.metric()?;
        (!m.max.is_finite()).then_some((r, m.max))
    });
    if let Some((r, max)) = broken {
        bail!(
            "broken rule file: {}: rule `{}`: `max` is {}; it must be a number",
            r.file,
            r.id,
            max
        );
    }
    Ok(())
}

/// Every error in the rule folder `dir`, not only the first that `first` is, each in plain
/// words ([`plain_rule_error`]): each `<family>/<name>.toml` is loaded on its own. At most
/// 50; `first` alone when no file fails on its own (a duplicate id, say).
fn rule_errors(dir: &Path, first: &hirelint::LoadError) -> Vec<String> {
    let mut errors = Vec::new();
    let Ok(empty) = RuleSet::empty() else {
        return vec![plain_rule_error(&first.to_string())];
    };
    let sorted = |d: &Path| -> Vec<std::fs::DirEntry> {
        let mut v: Vec<_> = std::fs::read_dir(d)
            .map(|r| r.flatten().collect())
            .unwrap_or_default();
        v.sort_by_key(|e| e.file_name());
        v
    };
    'families: for family in sorted(dir) {
        let name = family.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || !family.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        for file in sorted(&family.path()) {
            let file_name = file.file_name().to_string_lossy().to_string();
            if file_name.starts_with('.') || !file_name.ends_with(".toml") {
                continue;
            }
            let shown = file.path().display().to_string();
            let text = hirelint::walk::read_capped(&file.path(), hirelint::walk::RULE_FILE_LIMIT)
                .and_then(|b| String::from_utf8(b).map_err(|_| "is not valid UTF-8".to_string()));
            let result = match text {
                Err(why) => Err(format!("{shown}: {why}")),
                Ok(text) => empty
                    .clone()
                    .add_sources(std::iter::once((
                        shown.clone(),
                        format!("{name}/{file_name}"),
                        text,
                    )))
                    .map_err(|e| e.to_string()),
            };
            if let Err(e) = result {
                errors.push(plain_rule_error(&e));
                if errors.len() >= 50 {
                    break 'families;
                }
            }
        }
    }
    if errors.is_empty() {
        errors.push(plain_rule_error(&first.to_string()));
    }
    errors
}

/// A rule-file error in plain words: serde's "unknown variant", "unknown field", "missing
/// field" and "invalid type … expected a sequence" say what is wrong and what would be right,
/// with a did-you-mean.
fn plain_rule_error(message: &str) -> String {
    fn ticked(s: &str) -> Vec<&str> {
        s.split('`').skip(1).step_by(2).collect()
    }
    let mut out = message.to_string();
    for (pattern, what) in [("unknown variant `", "value"), ("unknown field `", "key")] {
        let Some(at) = message.find(pattern) else {
            continue;
        };
        let tail = &message[at..];
        let names = ticked(tail);
        let Some((given, expected)) = names.split_first() else {
            continue;
        };
        let hint = did_you_mean(given, expected)
            .map(|n| format!("; did you mean `{n}`?"))
            .unwrap_or_default();
        let list = if expected.len() > 12 {
            "see docs/rule-format.md for the keys".to_string()
        } else {
            format!("expected one of {}", expected.join(", "))
        };
        let plain = if what == "key" {
            format!("`{given}` is not a key of a rule file{hint} ({list})")
        } else {
            format!("`{given}` is not a valid value here{hint} ({list})")
        };
        out = format!("{}{plain}", &message[..at]);
    }
    if let Some(at) = message.find("missing field `")
        && let Some(key) = ticked(&message[at..]).first()
    {
        out = format!(
            "{}the key `{key}` is missing: every rule file needs it",
            &message[..at]
        );
    }
    out.replace("expected a sequence", "expected a list, such as [\"…\"]")
        .replace("expected a map", "expected a table")
        .replace("invalid type: ", "wrong kind of value: found ")
}

/// Colours: `NO_COLOR` (set and not empty) turns them off whatever the command line says, as
/// a user or CI runner sets it to mean "never" for every tool; `--color always` is for a pipe
/// to a pager or a log that shows colours.
fn color_on(choice: ColorChoice) -> bool {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return false;
    }
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal(),
    }
}

/// What one configuration (or none) makes of the command line.
pub(crate) struct Settings {
    rules: RuleSet,
    engine: Engine,
    fail_on: Option<Severity>,
    config: Option<config::Loaded>,
    kind: Option<DocKind>,
    /// Every rule id and family loaded, selected or not (to tell a misspelt name in a
    /// suppression from a rule that is switched off).
    known: Vec<String>,
    /// Report a front-matter `kind` that is no document kind (`hirelint/unknown-kind`).
    unknown_kinds: bool,
    /// Keep each document's blocks for the report (the HTML report shows them rendered).
    keep_blocks: bool,
}

/// The id of the finding for a front-matter `kind` that is no document kind.
const UNKNOWN_KIND_ID: &str = "hirelint/unknown-kind";

/// `--format`'s values, from the library's list of formats (the library has no clap types).
fn format_parser() -> impl clap::builder::TypedValueParser<Value = ReportFormat> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(
        ReportFormat::ALL.map(|f| clap::builder::PossibleValue::new(f.name()).help(f.about())),
    )
    .map(|name: String| ReportFormat::parse(&name).unwrap_or(ReportFormat::Human))
}

fn fail_on_level(s: &str) -> Option<Severity> {
    match s {
        "never" => None,
        other => Severity::parse(other),
    }
}

fn settings(a: &CheckArgs, config: Option<config::Loaded>) -> Result<Settings> {
    let mut folders = Vec::new();
    if let Some(c) = &config
        && !a.allow_outside_root
    {
        c.check_inside_root()
            .map_err(|e| anyhow::anyhow!("configuration: {e}"))?;
    }
    if let Some(c) = &config {
        folders.extend(c.rule_folders());
    }
    folders.extend(a.rules.iter().cloned());
    let mut rules = load_rules(&folders, a.no_bundled)?;
    let empty = config::Config::default();
    let c = config.as_ref().map(|l| &l.config).unwrap_or(&empty);
    let select: Vec<String> = if a.select.is_empty() {
        c.select.clone()
    } else {
        a.select.clone()
    };
    let ignore: Vec<String> = c.ignore.iter().chain(&a.ignore).cloned().collect();
    // Every name in select, ignore and [severity] must name a rule or family: a misspelt
    // `[severity]` key silently changed nothing.
    for pattern in select.iter().chain(&ignore).chain(c.severity.keys()) {
        let known = config::matches_rule(pattern, hirelint::suppress::UNUSED_ID)
            || config::matches_rule(pattern, UNKNOWN_KIND_ID)
            || rules
                .rules
                .iter()
                .any(|r| config::matches_rule(pattern, &r.id));
        if !known {
            let what = if c.severity.contains_key(pattern) {
                "to set the severity of, in [severity]"
            } else {
                "to select or ignore"
            };
            let names: Vec<&str> = rules
                .rules
                .iter()
                .flat_map(|r| [r.id.as_str(), r.family.as_str()])
                .collect();
            let hint = did_you_mean(pattern, &names)
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default();
            bail!("no rule or family `{pattern}` {what}{hint} (`hirelint rules` lists them)");
        }
    }
    let mut known: Vec<String> = rules
        .rules
        .iter()
        .flat_map(|r| [r.id.clone(), r.family.clone()])
        .collect();
    known.sort();
    known.dedup();
    let unknown_kinds = !ignore
        .iter()
        .any(|p| config::matches_rule(p, UNKNOWN_KIND_ID))
        && (select.is_empty()
            || select
                .iter()
                .any(|p| config::matches_rule(p, UNKNOWN_KIND_ID)));
    let jurisdictions: Vec<String> = if a.jurisdiction.is_empty() {
        c.jurisdiction.clone()
    } else {
        a.jurisdiction.clone()
    };
    if let Some(bad) = jurisdictions
        .iter()
        .find(|j| !hirelint::rule::JURISDICTIONS.contains(&j.as_str()))
    {
        anyhow::bail!(
            "unknown jurisdiction `{bad}`; expected one of: {}",
            hirelint::rule::JURISDICTIONS.join(", ")
        );
    }
    rules
        .rules
        .retain(|r| config::in_jurisdiction(r, &jurisdictions));
    let (kept, severities) = config::select_rules(&rules.rules, &select, &ignore, &c.severity);
    rules.rules = kept;
    let allow: Vec<String> = c.allow.iter().chain(&a.allow).cloned().collect();
    if allow.len() > MAX_ALLOW {
        bail!(
            "{} allow terms, more than the limit of {MAX_ALLOW}: building their matcher grows faster than the list",
            allow.len()
        );
    }
    let unused_suppressions = !ignore
        .iter()
        .any(|p| config::matches_rule(p, hirelint::suppress::UNUSED_ID));
    let engine = Engine::with_options(
        &rules,
        EngineOptions {
            allow,
            severities,
            unused_suppressions,
        },
    );
    let fail_on = match (a.fail_on, &c.fail_on) {
        (Some(f), _) => fail_on_level(f.as_str()),
        (None, Some(f)) => fail_on_level(f),
        (None, None) => Some(Severity::Warning),
    };
    Ok(Settings {
        rules,
        engine,
        fail_on,
        config,
        kind: a.kind.map(DocKind::from),
        known,
        unknown_kinds,
        keep_blocks: a.format == ReportFormat::Html
            || a.output.iter().any(|o| {
                o.split('=')
                    .next()
                    .is_some_and(|n| n.eq_ignore_ascii_case("html"))
            }),
    })
}

impl FailOn {
    fn as_str(self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Info => "info",
            FailOn::Never => "never",
        }
    }
}

/// Reads a configuration file; unless --allow-outside-root, never through a link that leads
/// outside the repository (checked before it is read).
fn load_config(a: &CheckArgs, file: &Path) -> Result<config::Loaded> {
    if !a.allow_outside_root {
        config::check_location(file).map_err(|e| anyhow::anyhow!("configuration: {e}"))?;
    }
    config::load(file).map_err(|e| anyhow::anyhow!("configuration: {e}"))
}

/// The configurations of a run: the paths grouped by the configuration that applies to them,
/// whether the run is strict, and the nested configurations that strict mode did not use.
type ConfigGroups = (
    Vec<(Option<config::Loaded>, Vec<PathBuf>)>,
    bool,
    Vec<(String, String)>,
);

/// Groups the paths by the configuration that applies to them.
///
/// Strict mode (`--strict-config`, or `strict = true` in the configuration of the current
/// folder): that one configuration applies to every path. A configuration nearer to a path
/// (one a pull request could add beside its documents, with `ignore = ["all"]`) is not used and
/// is reported as an error.
fn config_groups(a: &CheckArgs, paths: &[PathBuf]) -> Result<ConfigGroups> {
    if let Some(file) = &a.config {
        let loaded = load_config(a, file)?;
        let strict = a.strict_config || loaded.config.strict;
        return Ok((vec![(Some(loaded), paths.to_vec())], strict, Vec::new()));
    }
    let root = if a.no_config {
        None
    } else {
        config::discover(Path::new("."))
    };
    // Loaded up front to know whether it asks for strict mode; when it cannot be loaded, that
    // is an error only for the paths that use it (as before), unless --strict-config.
    let root_loaded = match &root {
        Some(f) => match load_config(a, f) {
            Ok(l) => Some(l),
            Err(e) if a.strict_config => return Err(e),
            Err(_) => None,
        },
        None => None,
    };
    let strict = a.strict_config || root_loaded.as_ref().is_some_and(|c| c.config.strict);
    if strict {
        let mut nested = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for p in paths.iter().filter(|p| p.as_os_str() != "-") {
            if let Some(found) = config::discover(p).filter(|f| Some(f) != root.as_ref())
                && seen.insert(found.clone())
            {
                nested.push((
                    found.display().to_string(),
                    "a nested configuration, not used in strict mode (--strict-config): it would change the checks of the files below it; remove it, or move its settings to the configuration of the repository".to_string(),
                ));
            }
        }
        return Ok((vec![(root_loaded, paths.to_vec())], true, nested));
    }
    let mut groups: Vec<(Option<PathBuf>, Vec<PathBuf>)> = Vec::new();
    for p in paths {
        let found = if a.no_config {
            None
        } else if p.as_os_str() == "-" {
            root.clone()
        } else {
            config::discover(p)
        };
        match groups.iter_mut().find(|(c, _)| *c == found) {
            Some((_, list)) => list.push(p.clone()),
            None => groups.push((found, vec![p.clone()])),
        }
    }
    let groups = groups
        .into_iter()
        .map(|(file, paths)| {
            let loaded = match file {
                Some(f) if Some(&f) == root.as_ref() && root_loaded.is_some() => {
                    root_loaded.clone()
                }
                Some(f) => Some(load_config(a, &f)?),
                None => None,
            };
            Ok((loaded, paths))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((groups, false, Vec::new()))
}

/// Keeps files matching the configuration's include globs and not its exclude globs.
fn config_filter(config: &config::Loaded, files: Vec<PathBuf>) -> Result<Vec<PathBuf>> {
    let c = &config.config;
    if c.include.is_empty() && c.exclude.is_empty() {
        return Ok(files);
    }
    let build = |globs: &[String]| -> Result<globset::GlobSet> {
        let mut b = globset::GlobSetBuilder::new();
        for g in globs {
            b.add(globset::Glob::new(g).map_err(|e| {
                anyhow::anyhow!(
                    "configuration: {}: bad glob `{g}`: {e}",
                    config.file.display()
                )
            })?);
        }
        Ok(b.build()?)
    };
    let include = build(&c.include)?;
    let exclude = build(&c.exclude)?;
    let root = std::path::absolute(&config.root)?;
    Ok(files
        .into_iter()
        .filter(|f| {
            let abs = std::path::absolute(f).unwrap_or_else(|_| f.clone());
            let rel = abs.strip_prefix(&root).unwrap_or(&abs);
            (c.include.is_empty() || include.is_match(rel)) && !exclude.is_match(rel)
        })
        .collect())
}

/// From this many files on, a run is a batch (see `rule::pattern::set_batch`).
const BATCH_FILES: usize = 64;

fn check(a: CheckArgs) -> Result<u8> {
    let threads = a.threads.unwrap_or_else(default_threads).max(1);
    if a.jsonl.is_some() {
        return jsonl(&a, threads);
    }
    if a.fix && a.diff {
        bail!("--fix and --diff do not go together: --diff shows what --fix would write");
    }
    if a.fix && a.paths.iter().any(|p| p.as_os_str() == "-") {
        // The fixed text of standard input would go to the file named by --stdin-filename,
        // which may be any file: refused before anything is read.
        bail!(
            "--fix does not go with standard input (`-`): it writes files, and standard input is not one; use --diff to see the fixes"
        );
    }
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        a.paths.clone()
    };
    let (groups, strict, nested) = config_groups(&a, &paths)?;
    let mut prepared = Vec::new();
    for (config, paths) in groups {
        prepared.push((settings(&a, config)?, paths));
    }
    let baseline = match &a.baseline {
        Some(p) => Some(Baseline::load(p).map_err(|e| anyhow::anyhow!("{e}"))?),
        None => None,
    };
    let known: BTreeSet<String> = baseline
        .as_ref()
        .map(|b| b.fingerprints().into_iter().map(str::to_string).collect())
        .unwrap_or_default();
    let mut new_baseline = a.write_baseline.as_ref().map(|_| Baseline::default());

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    for (file, why) in nested {
        say!("error: {file}: {why}");
        summary.errors.push((file, why));
    }
    let format = if a.diff {
        ReportFormat::Human
    } else {
        a.format
    };
    let mut emitter = outputs(
        &a,
        format,
        &ReportOptions {
            rules: prepared
                .first()
                .map(|(s, _)| s.rules.rules.clone())
                .unwrap_or_default(),
            color: color_on(a.color),
            long_summary: a.summary,
        },
    )?;
    if !a.diff {
        emitter.begin(&mut out)?;
    }
    let mut failing = 0usize;
    let binary_note = hirelint::parse::DecodeError::Binary.to_string();
    for (settings, paths) in &prepared {
        let stdin_wanted = paths.iter().any(|p| p.as_os_str() == "-");
        let file_paths: Vec<PathBuf> = paths
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .cloned()
            .collect();
        let walk_options = WalkOptions {
            include: a.include.clone(),
            exclude: a.exclude.clone(),
            strict,
        };
        let (mut files, walk_errors) = walk::discover(&file_paths, &walk_options);
        // A batch: compile each expression once, in full (see `rule::pattern::set_batch`).
        hirelint::rule::pattern::set_batch(files.len() >= BATCH_FILES);
        if strict {
            // Tracked documents that a .gitignore hides are checked anyway, with a note.
            for f in walk::hidden_tracked(&file_paths, &walk_options, &files) {
                say!(
                    "note: {}: tracked by git but hidden by an ignore file; checked (--strict-config)",
                    display_path(&f)
                );
                files.push(f);
            }
            files.sort();
        }
        if let Some(c) = &settings.config {
            files = config_filter(c, files)?;
        }
        for e in &walk_errors {
            say!("error: {}: {}", e.path, e.message);
            summary.errors.push((e.path.clone(), e.message.clone()));
        }
        // Each result with the real path of its file (none for standard input).
        type Checked = Result<(FileResult, Option<PathBuf>), (String, ReadProblem)>;
        let mut results: Vec<Checked> = Vec::new();
        if stdin_wanted {
            let name = a.stdin_filename.clone().unwrap_or_else(|| "<stdin>".into());
            let mut bytes = Vec::new();
            io::stdin()
                .take(a.max_file_size.saturating_add(1))
                .read_to_end(&mut bytes)
                .context("reading standard input")?;
            let package = Format::from_path(&name).filter(|f| f.is_package());
            let checked = if bytes.len() as u64 > a.max_file_size {
                Err(ReadProblem::Skipped(format!(
                    "is over the limit of {} bytes (--max-file-size); skipped",
                    a.max_file_size
                )))
            } else if let Some(format) = package {
                // A Word or OpenDocument file named by --stdin-filename: its bytes are a
                // package, never text.
                check_package_bytes(settings, &name, &bytes, format, None, a.max_file_size)
                    .map_err(ReadProblem::Error)
            } else {
                hirelint::parse::decode_owned(bytes)
                    .map_err(|e| match e {
                        hirelint::parse::DecodeError::Binary => {
                            ReadProblem::Skipped(format!("{e}; skipped"))
                        }
                        other => ReadProblem::Error(other.to_string()),
                    })
                    .map(|source| {
                        let format = Format::from_path(&name).unwrap_or(Format::Markdown);
                        check_source(settings, &name, Path::new(&name), source, format)
                    })
            };
            results.push(checked.map(|r| (r, None)).map_err(|e| (name, e)));
        }
        let progress = progress_bar(files.len(), a.no_progress);
        let mut report = |r: Checked| -> Result<()> {
            match r {
                Ok((mut result, file)) => {
                    let prints = fingerprints(&result.findings);
                    if let Some(b) = &mut new_baseline {
                        for (f, fp) in result.findings.iter().zip(&prints) {
                            b.findings.push(baseline::Entry {
                                fingerprint: fp.clone(),
                                rule: f.rule.id.clone(),
                                path: f.path.to_string(),
                                matched: f.matched.clone(),
                            });
                        }
                    }
                    if !known.is_empty() {
                        let mut keep = prints.iter().map(|p| !known.contains(p));
                        result.findings.retain(|_| keep.next().unwrap_or(true));
                    }
                    if a.fix || a.diff {
                        let (fixed, not_written) =
                            fix_file(settings, result, file.as_deref(), a.fix, &mut out)?;
                        result = fixed;
                        if let Some(why) = not_written {
                            summary.errors.push((result.path.clone(), why));
                        }
                    }
                    failing += failing_count(&result, settings.fail_on);
                    summary.add(&result);
                    if !a.diff {
                        emitter.file(&mut out, &result)?;
                    }
                }
                Err((path, ReadProblem::Skipped(why)))
                    if strict && why.starts_with(&binary_note) =>
                {
                    // One NUL byte must not switch the checks of a document off.
                    let why = format!(
                        "{why}, but it is named like a document: an error in strict mode (--strict-config)"
                    );
                    say!("error: {path}: {why}");
                    summary.errors.push((path, why));
                }
                Err((path, ReadProblem::Skipped(why))) => {
                    say!("note: {path}: {why}");
                    summary.skipped.push((path, why));
                }
                Err((path, ReadProblem::Error(why))) => {
                    say!("error: {path}: {why}");
                    summary.errors.push((path, why));
                }
            }
            Ok(())
        };
        // Standard input first, then the files: checked in parallel, reported in path order,
        // so the output is the same for any number of threads.
        for r in results {
            report(r)?;
        }
        pipeline::ordered(
            files.iter(),
            // A single file is checked on this thread: no workers to start.
            threads.min(files.len()),
            |path| {
                let shown = display_path(path);
                if walk::format_of(path).is_package() {
                    let r = check_package(settings, &shown, path, a.max_file_size)
                        .map(|r| (r, Some(path.clone())))
                        .map_err(|p| (shown, p));
                    if let Some(pb) = &progress {
                        pb.inc(1);
                    }
                    return r;
                }
                let r = match walk::read_document(path, a.max_file_size) {
                    Ok(source) => Ok((
                        check_source(settings, &shown, path, source, walk::format_of(path)),
                        Some(path.clone()),
                    )),
                    Err(p) => Err((shown, p)),
                };
                if let Some(pb) = &progress {
                    pb.inc(1);
                }
                r
            },
            &mut report,
        )?;
        if let Some(pb) = progress {
            pb.finish_and_clear();
        }
    }
    if a.diff {
        eprintln!("{}", summary.line());
    } else {
        emitter.end(&mut out, &summary)?;
    }
    out.flush()?;
    if summary.files == 0 && summary.errors.is_empty() {
        // A run that checks nothing must not look like a clean one: an `include` glob of the
        // configuration filters the paths given on the command line too.
        let why = "no document was checked: the paths hold no .md, .markdown, .html, .htm or .txt file, or the include and exclude globs (flags or configuration) left none";
        if strict {
            say!("error: {why}");
            return Ok(2);
        }
        say!("warning: {why}");
    }
    if let (Some(path), Some(b)) = (&a.write_baseline, &mut new_baseline) {
        b.save(path)
            .with_context(|| format!("writing the baseline {}", path.display()))?;
        say!(
            "Wrote {} findings to the baseline {}.",
            b.findings.len(),
            path.display()
        );
        // Recording the findings is what was asked: they do not fail this run.
        if summary.errors.is_empty() {
            return Ok(0);
        }
    }
    if !summary.errors.is_empty() {
        return Ok(2);
    }
    Ok(if failing > 0 { 1 } else { 0 })
}

/// The emitter of the run: `--format` to standard output, or every `--output`, each to
/// standard output (at most one) or its own file.
fn outputs(
    a: &CheckArgs,
    format: ReportFormat,
    options: &ReportOptions,
) -> Result<Box<dyn hirelint::report::Emitter>> {
    if a.output.is_empty() || a.diff {
        return Ok(hirelint::report::emitter(format, options));
    }
    let mut parts = Vec::new();
    let mut to_stdout = 0;
    for o in &a.output {
        let (name, file) = match o.split_once('=') {
            Some((n, f)) => (n, Some(f)),
            None => (o.as_str(), None),
        };
        let format = ReportFormat::parse(name).ok_or_else(|| {
            let names: Vec<&str> = ReportFormat::ALL.iter().map(|f| f.name()).collect();
            anyhow::anyhow!(
                "--output {o}: no format `{name}`; the formats are {}",
                names.join(", ")
            )
        })?;
        let options = ReportOptions {
            // Colours only for people, and only on standard output.
            color: options.color && file.is_none() && format == ReportFormat::Human,
            ..options.clone()
        };
        let writer = match file {
            None => {
                to_stdout += 1;
                None
            }
            Some("") => bail!("--output {o}: no file name after `=`"),
            Some(f) => {
                let file = std::fs::File::create(f)
                    .map_err(|e| anyhow::anyhow!("--output {o}: {}", walk::describe_io(&e)))?;
                Some(io::BufWriter::new(file))
            }
        };
        parts.push((hirelint::report::emitter(format, &options), writer));
    }
    if to_stdout > 1 {
        bail!("more than one --output without a file: only one format can go to standard output");
    }
    Ok(Box::new(Outputs { parts }))
}

/// Several emitters in one run, each writing to standard output or to its own file.
struct Outputs {
    parts: Vec<Output>,
}

/// One emitter of [`Outputs`], with its file (none: standard output).
type Output = (
    Box<dyn hirelint::report::Emitter>,
    Option<io::BufWriter<std::fs::File>>,
);

impl hirelint::report::Emitter for Outputs {
    fn begin(&mut self, w: &mut dyn Write) -> io::Result<()> {
        for (e, file) in &mut self.parts {
            match file {
                Some(f) => e.begin(f)?,
                None => e.begin(w)?,
            }
        }
        Ok(())
    }

    fn file(&mut self, w: &mut dyn Write, result: &FileResult) -> io::Result<()> {
        for (e, file) in &mut self.parts {
            match file {
                Some(f) => e.file(f, result)?,
                None => e.file(w, result)?,
            }
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        for (e, file) in &mut self.parts {
            match file {
                Some(f) => {
                    e.end(f, summary)?;
                    f.flush()?;
                }
                None => e.end(w, summary)?,
            }
        }
        Ok(())
    }
}

/// One thread per core.
fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Findings at or above the `--fail-on` level (none when it is `never`).
fn failing_count(result: &FileResult, level: Option<Severity>) -> usize {
    level.map_or(0, |l| {
        result.findings.iter().filter(|f| f.severity >= l).count()
    })
}

fn progress_bar(len: usize, disabled: bool) -> Option<indicatif::ProgressBar> {
    let wanted =
        !disabled && len >= 200 && io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    wanted.then(|| {
        let pb = indicatif::ProgressBar::new(len as u64);
        pb.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files, {eta} left")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        pb
    })
}

/// Applies (or, for `--diff`, shows) the safe fixes of one file; returns the findings left,
/// and why the fixes could not be written, if they could not. `file` is the real path (a name
/// that is not UTF-8 is shown with U+FFFD, and the shown name may be another file); standard
/// input has none and is never written.
fn fix_file(
    settings: &Settings,
    result: FileResult,
    file: Option<&Path>,
    write: bool,
    out: &mut dyn Write,
) -> Result<(FileResult, Option<String>)> {
    let (fixed, n) = hirelint::fix::apply(&result.source, &result.findings);
    if n == 0 || fixed == result.source {
        return Ok((result, None));
    }
    if walk::format_of(Path::new(&result.path)).is_package() {
        eprintln!(
            "note: {}: {} safe fix{} not applied: hirelint does not write Word or OpenDocument files; make the change in your editor (the findings show where)",
            result.path,
            n,
            if n == 1 { "" } else { "es" }
        );
        return Ok((result, None));
    }
    if !write {
        write!(
            out,
            "{}",
            hirelint::fix::diff(&result.path, &result.source, &fixed)
        )?;
        return Ok((result, None));
    }
    let Some(path) = file else {
        let why = "standard input is never fixed: the fixes were not written".to_string();
        say!("error: {}: {why}", result.path);
        return Ok((result, Some(why)));
    };
    match hirelint::write::replace_file(path, fixed.as_bytes()) {
        Ok(()) => {
            say!(
                "fixed: {}: {n} fix{} applied",
                result.path,
                if n == 1 { "" } else { "es" }
            );
            let format = walk::format_of(path);
            Ok((
                check_source(settings, &result.path, path, fixed, format),
                None,
            ))
        }
        Err(e) => {
            let why = format!(
                "the fixes were not written, because {}; the file is unchanged",
                match e.kind() {
                    io::ErrorKind::NotFound => "it is gone".to_string(),
                    _ => e.to_string(),
                }
            );
            say!("error: {}: {why}", result.path);
            Ok((result, Some(why)))
        }
    }
}

fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// Checks a Word or OpenDocument file: its source is the extracted text.
fn check_package(
    settings: &Settings,
    shown: &str,
    path: &Path,
    max_size: u64,
) -> Result<FileResult, ReadProblem> {
    let kind = settings
        .kind
        .or_else(|| settings.config.as_ref().and_then(|c| c.kind_for(path)));
    let doc = walk::read_package(path, shown, max_size, kind, &settings.rules.sections)?;
    Ok(package_result(settings, doc))
}

/// Checks a Word or OpenDocument file read into a document (its source is the extracted text).
fn package_result(settings: &Settings, doc: hirelint::document::Document) -> FileResult {
    let findings = settings.engine.check(&doc);
    FileResult {
        path: doc.path,
        kind: doc.kind,
        blocks: if settings.keep_blocks {
            doc.blocks
        } else {
            Vec::new()
        },
        source: doc.source,
        findings,
    }
}

fn check_source(
    settings: &Settings,
    shown: &str,
    path: &Path,
    source: String,
    format: Format,
) -> FileResult {
    check_source_as(settings, shown, path, source, format, None)
}

/// [`check_source`], with the document kind given for this document (`serve`'s requests).
fn check_source_as(
    settings: &Settings,
    shown: &str,
    path: &Path,
    source: String,
    format: Format,
    kind: Option<DocKind>,
) -> FileResult {
    let kind = kind
        .or(settings.kind)
        .or_else(|| settings.config.as_ref().and_then(|c| c.kind_for(path)));
    let doc = parse(shown, source, format, kind, &settings.rules.sections);
    let mut findings = settings.engine.check(&doc);
    explain_unused_suppressions(settings, &mut findings);
    if settings.unknown_kinds
        && kind.is_none()
        && let Some(f) = unknown_kind(&doc)
    {
        findings.push(f);
        hirelint::finding::sort(&mut findings);
    }
    FileResult {
        path: shown.to_string(),
        kind: doc.kind,
        blocks: if settings.keep_blocks {
            doc.blocks
        } else {
            Vec::new()
        },
        source: doc.source,
        findings,
    }
}

/// The settings `serve` checks every request with: `check`'s options from `args` (rules,
/// configuration, select and ignore), the configuration found from the current folder, and
/// the blocks kept, as the page shows documents rendered.
pub(crate) fn serve_settings(args: &[String]) -> Result<Settings> {
    let argv = ["hirelint", "check"]
        .into_iter()
        .map(String::from)
        .chain(args.iter().cloned());
    let cli = Cli::try_parse_from(argv).map_err(|e| anyhow::anyhow!("{e}"))?;
    let Command::Check(a) = cli.command else {
        bail!("not the options of `check`");
    };
    let config = if a.no_config {
        None
    } else if let Some(c) = &a.config {
        Some(load_config(&a, c)?)
    } else {
        match config::discover(Path::new(".")) {
            Some(f) => Some(load_config(&a, &f)?),
            None => None,
        }
    };
    let mut s = settings(&a, config)?;
    s.keep_blocks = true;
    Ok(s)
}

/// The report options of a single-document answer (`serve`).
pub(crate) fn report_options(settings: &Settings) -> ReportOptions {
    ReportOptions {
        rules: settings.rules.rules.clone(),
        color: false,
        long_summary: false,
    }
}

/// Checks one document given as text (`serve`); `kind` overrides the guess.
pub(crate) fn check_text(
    settings: &Settings,
    name: &str,
    text: String,
    format: Format,
    kind: Option<DocKind>,
) -> FileResult {
    check_source_as(settings, name, Path::new(name), text, format, kind)
}

/// Checks a Word or OpenDocument file given as bytes (standard input, `serve`); the error says
/// what is wrong
/// with the file.
pub(crate) fn check_package_bytes(
    settings: &Settings,
    name: &str,
    bytes: &[u8],
    format: Format,
    kind: Option<DocKind>,
    max_total: u64,
) -> std::result::Result<FileResult, String> {
    let kind = kind.or(settings.kind).or_else(|| {
        settings
            .config
            .as_ref()
            .and_then(|c| c.kind_for(Path::new(name)))
    });
    let limits = hirelint::parse::package::Limits {
        max_total,
        ..Default::default()
    };
    let doc =
        hirelint::parse::parse_package(name, bytes, format, kind, &settings.rules.sections, limits)
            .map_err(|e| e.to_string())?;
    Ok(package_result(settings, doc))
}

/// A suppression that names no rule or family at all is a typo, not a stale comment: its
/// finding says so, with a did-you-mean, instead of only "suppresses nothing".
fn explain_unused_suppressions(settings: &Settings, findings: &mut [hirelint::Finding]) {
    // Hints are worked out once per name, and for at most 20 names per document: 80,000
    // comments naming unknown rules must not cost 80,000 searches of every rule name.
    let mut hints: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for f in findings
        .iter_mut()
        .filter(|f| f.rule.id == hirelint::suppress::UNUSED_ID)
    {
        let unknown: Vec<String> = hirelint::suppress::named_rules(&f.matched)
            .into_iter()
            .filter(|n| {
                n != "all"
                    && settings.known.binary_search(n).is_err()
                    && !config::matches_rule(n, hirelint::suppress::UNUSED_ID)
                    && !config::matches_rule(n, UNKNOWN_KIND_ID)
            })
            .collect();
        let Some(first) = unknown.first() else {
            continue;
        };
        let hint = if let Some(h) = hints.get(first) {
            h.clone()
        } else if hints.len() < 20 {
            let names: Vec<&str> = settings.known.iter().map(String::as_str).collect();
            let h = did_you_mean(first, &names)
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
            hints.insert(first.clone(), h.clone());
            h
        } else {
            String::new()
        };
        f.message = format!(
            "This suppression names `{first}`, which is no rule or family{hint}, so it suppresses nothing."
        );
    }
}

/// A front-matter `kind` that is no document kind was ignored silently (the kind was then
/// guessed); now it is a finding at the `kind` line, with a did-you-mean.
fn unknown_kind(doc: &hirelint::Document) -> Option<hirelint::Finding> {
    let value = doc.front_matter.get("kind")?;
    if DocKind::parse(value).is_some() {
        return None;
    }
    let kinds = ["job-ad", "interview", "process", "other"];
    let hint = did_you_mean(&value.trim().to_ascii_lowercase(), &kinds)
        .map(|k| format!(" Did you mean `{k}`?"))
        .unwrap_or_default();
    let mut rule = (*hirelint::suppress::unused_rule()).clone();
    rule.id = UNKNOWN_KIND_ID.into();
    rule.message = "The front matter's kind is no document kind.".into();
    rule.why = "A kind hirelint does not know is ignored and the kind is guessed from the text, so the rules for the intended kind may not run.".into();
    rule.suggest = vec!["Write one of job-ad, interview, process or other.".into()];
    // The `kind` line of the front matter, else the first line.
    let mut span = 0..0;
    let mut offset = 0;
    for line in doc.source.split_inclusive('\n').skip(1) {
        let key = line
            .trim_start()
            .split([':', '='])
            .next()
            .unwrap_or("")
            .trim();
        if key.trim_matches('"').eq_ignore_ascii_case("kind") {
            let start = offset + doc.source.split_inclusive('\n').next().map_or(0, str::len);
            let end = start + line.trim_end().len();
            span = start..end;
            break;
        }
        offset += line.len();
        if offset > 64 * 1024 {
            break;
        }
    }
    let lines = hirelint::document::LineIndex::new(&doc.source);
    let rule = std::sync::Arc::new(rule);
    Some(hirelint::Finding {
        severity: Severity::Warning,
        path: doc.path.as_str().into(),
        start: lines.position(&doc.source, span.start),
        end: lines.position(&doc.source, span.end),
        matched: doc.source[span.clone()].to_string(),
        message: format!(
            "The front matter says kind `{}`, which is no document kind.{hint}",
            value.trim()
        ),
        rule,
        span,
        fix: None,
        paragraph: None,
    })
}

fn print_catalogue(set: &RuleSet, format: CatalogueFormat) -> Result<()> {
    let mut out = io::stdout().lock();
    match format {
        CatalogueFormat::Text => {
            let mut out = Vec::new();
            for r in &set.rules {
                writeln!(
                    out,
                    "{:<40} {:<8} {:<12} {}",
                    r.id,
                    r.severity.as_str(),
                    r.kind().as_str(),
                    r.message.replace("{match}", "…")
                )?;
            }
            writeln!(
                out,
                "\n{} rules. `hirelint explain RULE` tells more.",
                set.rules.len()
            )?;
            print_lines(&out)?;
        }
        CatalogueFormat::Md => {
            print_lines(hirelint::report::catalogue_markdown(set).as_bytes())?;
        }
        CatalogueFormat::Json => {
            let v: Vec<serde_json::Value> = set
                .rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id, "family": r.family, "kind": r.kind().as_str(),
                        "severity": r.severity.as_str(), "message": r.message, "why": r.why,
                        "suggestions": r.suggest, "source": r.source,
                        "applies_to": r.applies_to.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                        "jurisdictions": r.jurisdictions, "opt_in": r.opt_in,
                        "question_kinds": r.question_kinds(),
                        "reviewed": r.reviewed.as_ref().filter(|v| v.done()),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

fn explain(set: &RuleSet, id: &str) -> Result<u8> {
    let Some(r) = set.get(id) else {
        let close: Vec<&str> = set
            .rules
            .iter()
            .map(|r| r.id.as_str())
            .filter(|x| x.contains(id) || id.contains(x.split('/').next_back().unwrap_or("")))
            .take(5)
            .collect();
        say!("error: no rule `{id}`.");
        if !close.is_empty() {
            say!("Did you mean: {}?", close.join(", "));
        }
        eprintln!("`hirelint rules` lists them all.");
        return Ok(2);
    };
    // Rule files may come from the pull request: every line shown, never sent.
    let mut out = Vec::new();
    writeln!(
        out,
        "{} ({} {} rule, {})",
        r.id,
        r.family,
        r.kind().as_str(),
        r.severity
    )?;
    writeln!(out, "\n{}", r.message.replace("{match}", "…"))?;
    writeln!(out, "\nWhy it matters\n  {}", textwrap(&r.why))?;
    writeln!(out, "\nWhat to write or do instead")?;
    for s in &r.suggest {
        writeln!(out, "  - {s}")?;
    }
    if !r.applies_to.is_empty() {
        let kinds: Vec<&str> = r.applies_to.iter().map(|k| k.as_str()).collect();
        writeln!(out, "\nApplies to: {}", kinds.join(", "))?;
    }
    writeln!(out, "\nSource\n  {}", r.source)?;
    if !r.jurisdictions.is_empty() {
        writeln!(out, "\nLaw\n  {}", r.jurisdictions.join(", "))?;
    }
    match &r.reviewed {
        Some(v) if v.done() => {
            writeln!(out, "\nReviewed\n  by {} on {}: {}", v.by, v.date, v.notes)?
        }
        _ => writeln!(
            out,
            "\nReviewed\n  not yet by a panel with lived experience (see `hirelint rules --unreviewed`)"
        )?,
    }
    writeln!(out, "\nFlagged, for example")?;
    for e in &r.flag_examples {
        writeln!(out, "  > {}", e.replace('\n', "\n  > "))?;
    }
    writeln!(out, "\nLeft alone, for example")?;
    for e in &r.pass_examples {
        writeln!(out, "  > {}", e.replace('\n', "\n  > "))?;
    }
    print_lines(&out)?;
    Ok(0)
}

/// Writes text to standard output with every line escaped ([`hirelint::escape::lines`]).
fn print_lines(text: &[u8]) -> Result<()> {
    let text = hirelint::escape::lines(&String::from_utf8_lossy(text));
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

fn textwrap(s: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for w in s.split_whitespace() {
        if len + w.len() > 90 && len > 0 {
            out.push_str("\n  ");
            len = 0;
        } else if len > 0 {
            out.push(' ');
            len += 1;
        }
        out.push_str(w);
        len += w.len();
    }
    out
}

fn test_rules(dir: &Path) -> Result<u8> {
    let mut set = RuleSet::empty().map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Err(e) = set.add_dir(dir) {
        for e in rule_errors(dir, &e) {
            say!("error: broken rule file: {e}");
        }
        return Ok(2);
    }
    limits_are_numbers(&set)?;
    if set.rules.is_empty() {
        bail!(
            "{}: no rule files found (expected <family>/<name>.toml)",
            dir.display()
        );
    }
    let (count, failures) = hirelint::examples::run(&set);
    let mut out = Vec::new();
    for f in &failures {
        writeln!(
            out,
            "FAIL {} ({}): this `{}` example {}:\n    {}",
            f.rule,
            f.file,
            f.expected,
            f.got,
            f.text.replace('\n', "\n    ")
        )?;
    }
    writeln!(
        out,
        "{} rules, {} examples: {} passed, {} failed",
        set.rules.len(),
        count,
        count - failures.len(),
        failures.len()
    )?;
    print_lines(&out)?;
    Ok(if failures.is_empty() { 0 } else { 1 })
}

fn inspect(file: &Path) -> Result<u8> {
    let set = RuleSet::empty().map_err(|e| anyhow::anyhow!("{e}"))?;
    let shown = display_path(file);
    // The kind the nearest configuration's `[kinds]` gives the file, as `check` would use.
    let kind = match config::discover(file) {
        Some(c) if config::check_location(&c).is_ok() => config::load(&c)
            .map_err(|e| anyhow::anyhow!("configuration: {e}"))?
            .kind_for(file),
        _ => None,
    };
    let read = if walk::format_of(file).is_package() {
        walk::read_package(file, &shown, 64 << 20, kind, &set.sections)
    } else {
        walk::read_document(file, 64 << 20)
            .map(|source| parse(&shown, source, walk::format_of(file), kind, &set.sections))
    };
    let doc = match read {
        Ok(d) => d,
        Err(ReadProblem::Skipped(w)) | Err(ReadProblem::Error(w)) => {
            eprintln!(
                "error: {}: {}",
                hirelint::escape::path(file),
                hirelint::escape::shown(&w.to_string())
            );
            return Ok(2);
        }
    };
    let lines = hirelint::document::LineIndex::new(&doc.source);
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{shown}: kind {} ({:?}), lang {}",
        doc.kind,
        doc.kind_source,
        doc.lang.as_deref().unwrap_or("unknown")
    )?;
    for (k, v) in &doc.front_matter {
        writeln!(out, "  front matter {k} = {v:?}")?;
    }
    for b in &doc.blocks {
        let (l, c) = lines.position(&doc.source, b.source_range(0..0).start);
        let marker = if b.is_heading() { "#" } else { " " };
        writeln!(
            out,
            "{l:>4}:{c:<3} {marker} {:<12} {:<10} {}",
            b.section.as_str(),
            format!("{:?}", b.kind),
            b.text.chars().take(100).collect::<String>()
        )?;
    }
    let questions = hirelint::questions::analyse(&doc, set.lexicon());
    let count: usize = questions.iter().map(Vec::len).sum();
    writeln!(out, "\nquestions ({count}):")?;
    for (b, qs) in questions.iter().enumerate() {
        let block = &doc.blocks[b];
        for q in qs {
            let (l, c) = lines.position(&doc.source, block.source_range(q.range.clone()).start);
            let text: String = block.text[q.range.clone()].chars().take(100).collect();
            writeln!(out, "{l:>4}:{c:<3} {text}")?;
            if let Some(direct) = &q.reported {
                writeln!(out, "           reported, read as: {direct:?}")?;
            }
            if q.cues.is_empty() {
                writeln!(out, "           fair: no kind of barrier found")?;
            }
            for (k, r) in &q.cues {
                writeln!(
                    out,
                    "           {}: {:?}",
                    hirelint::questions::KINDS[*k],
                    &block.text[r.clone()]
                )?;
            }
        }
    }
    Ok(0)
}

/// `check --jsonl`: one JSON object per line in, findings out, streamed in chunks so that a
/// dump of any size is never held in memory. A malformed line is reported with its number and
/// skipped; the run goes on (and ends with exit code 2).
fn jsonl(a: &CheckArgs, threads: usize) -> Result<u8> {
    use std::io::BufRead;
    let source = a.jsonl.clone().unwrap_or_default();
    let shown = source.display().to_string();
    let reader: Box<dyn BufRead + Send> = if source.as_os_str() == "-" {
        Box::new(io::BufReader::new(io::stdin()))
    } else {
        // A regular file or a pipe (`<(zcat dump.gz)`); never a device such as /dev/zero,
        // whose one endless line would never end.
        let meta = std::fs::metadata(&source)
            .map_err(|e| anyhow::anyhow!("{shown}: {}", walk::describe_io(&e)))?;
        #[cfg(unix)]
        let pipe = std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type());
        #[cfg(not(unix))]
        let pipe = false;
        if !meta.is_file() && !pipe {
            bail!("{shown}: not a regular file or a pipe (a folder or a device); not read");
        }
        let f = std::fs::File::open(&source)
            .map_err(|e| anyhow::anyhow!("{shown}: {}", walk::describe_io(&e)))?;
        Box::new(io::BufReader::new(f))
    };
    let config = if a.no_config {
        None
    } else if let Some(c) = &a.config {
        Some(load_config(a, c)?)
    } else {
        match config::discover(Path::new(".")) {
            Some(f) => Some(load_config(a, &f)?),
            None => None,
        }
    };
    let settings = settings(a, config)?;
    let format = if a.format == ReportFormat::Human && !io::stdout().is_terminal() {
        ReportFormat::Jsonl
    } else {
        a.format
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut emitter = outputs(
        a,
        format,
        &ReportOptions {
            rules: settings.rules.rules.clone(),
            color: color_on(a.color),
            long_summary: a.summary,
        },
    )?;
    emitter.begin(&mut out)?;
    let mut summary = Summary::default();
    let mut failing = 0usize;
    // Lines are read one at a time as workers need them and reported in order: the dump is
    // never held in memory, and no line more than --max-file-size bytes (the rest of a longer
    // line is read past, not kept). A line that is too long or not UTF-8 is an error for that
    // line; an I/O error ends the input, with an error.
    let read_error: Mutex<Option<(usize, String)>> = Mutex::new(None);
    let lines = CappedLines {
        reader,
        limit: a.max_file_size,
        n: 0,
    }
    .map_while(|line| match line {
        Ok(l) => Some(l),
        Err((n, e)) => {
            *read_error.lock().unwrap_or_else(|e| e.into_inner()) = Some((n, e.to_string()));
            None
        }
    });
    // Only the first errors are kept and shown one by one: a dump of a million bad lines must
    // not keep a million messages.
    const SHOWN_ERRORS: usize = 100;
    let mut more_errors = 0usize;
    pipeline::ordered(
        lines,
        threads,
        |(n, line)| {
            let r = match line {
                Ok(line) => record(a, &settings, n, &line),
                Err(why) => Err(why),
            };
            (n, r)
        },
        |(n, r)| -> Result<()> {
            match r {
                Ok(Some(result)) => {
                    failing += failing_count(&result, settings.fail_on);
                    summary.add(&result);
                    emitter.file(&mut out, &result)?;
                }
                Ok(None) => {}
                Err(_) if summary.errors.len() >= SHOWN_ERRORS => more_errors += 1,
                Err(why) => {
                    say!("error: {shown}:{n}: {why}");
                    summary.errors.push((format!("{shown}:{n}"), why));
                }
            }
            Ok(())
        },
    )?;
    if more_errors > 0 {
        let why = format!("{more_errors} more lines could not be used (not shown)");
        say!("error: {shown}: {why}");
        summary.errors.push((shown.clone(), why));
    }
    if let Some((n, e)) = read_error.into_inner().unwrap_or_else(|e| e.into_inner()) {
        say!("error: {shown}:{n}: cannot be read: {e}");
        summary
            .errors
            .push((shown.clone(), format!("line {n}: cannot be read: {e}")));
    }
    emitter.end(&mut out, &summary)?;
    out.flush()?;
    if !summary.errors.is_empty() {
        return Ok(2);
    }
    Ok(if failing > 0 { 1 } else { 0 })
}

/// The lines of a dump, numbered from 1, each at most `limit` bytes: a longer line is read
/// to its end without being kept and is an error for that line, as is one that is not UTF-8.
/// An I/O error ends the lines.
struct CappedLines<R> {
    reader: R,
    limit: u64,
    n: usize,
}

/// A numbered line of a dump, or why it cannot be used.
type DumpLine = (usize, Result<String, String>);

impl<R: io::BufRead> Iterator for CappedLines<R> {
    type Item = Result<DumpLine, (usize, io::Error)>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut line = Vec::new();
        let mut too_long = false;
        let mut any = false;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Some(Err((self.n + 1, e))),
            };
            if buf.is_empty() {
                if !any {
                    return None;
                }
                break;
            }
            any = true;
            let (chunk, done) = match memchr::memchr(b'\n', buf) {
                Some(i) => (&buf[..i], i + 1),
                None => (buf, buf.len()),
            };
            let room = (self.limit as usize).saturating_sub(line.len());
            if chunk.len() > room {
                too_long = true;
            }
            if !too_long {
                line.extend_from_slice(chunk);
            }
            let ended = done > chunk.len();
            self.reader.consume(done);
            if ended {
                break;
            }
        }
        self.n += 1;
        let r = if too_long {
            Err(format!(
                "the line is over the limit of {} bytes (--max-file-size); skipped",
                self.limit
            ))
        } else {
            String::from_utf8(line).map_err(|e| {
                format!(
                    "not valid UTF-8 (byte {} of the line); skipped",
                    e.utf8_error().valid_up_to() + 1
                )
            })
        };
        Some(Ok((self.n, r)))
    }
}

/// Checks one line of a dump; `None` for a blank line.
fn record(
    a: &CheckArgs,
    settings: &Settings,
    n: usize,
    line: &str,
) -> Result<Option<FileResult>, String> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let obj = v.as_object().ok_or("not a JSON object")?;
    let text = obj
        .get(&a.text_field)
        .and_then(|t| t.as_str())
        .ok_or_else(|| format!("no text field `{}` (a string)", a.text_field))?;
    let id = match obj.get(&a.id_field) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(x)) => x.to_string(),
        _ => format!("line-{n}"),
    };
    let format = match obj.get(&a.format_field).and_then(|f| f.as_str()) {
        Some(f) => Format::from_name(f).ok_or_else(|| {
            format!(
                "unknown format `{}` in `{}`",
                f.to_ascii_lowercase(),
                a.format_field
            )
        })?,
        None => detect_format(text),
    };
    Ok(Some(check_source(
        settings,
        &id,
        Path::new(&id),
        text.to_string(),
        format,
    )))
}

/// HTML when the text has tags, else Markdown.
pub(crate) fn detect_format(text: &str) -> Format {
    let bytes = text.as_bytes();
    let tags = bytes
        .windows(2)
        .filter(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'))
        .count();
    if tags >= 2 {
        Format::Html
    } else {
        Format::Markdown
    }
}
