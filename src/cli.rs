//! Command-line arguments and what each command does with them.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use hirelint::document::{DocKind, Format};
use hirelint::engine::{Engine, EngineOptions};
use hirelint::parse::parse;
use hirelint::report::{FileResult, ReportFormat, ReportOptions, Summary};
use hirelint::rule::{RuleSet, Severity};
use hirelint::walk::{self, ReadProblem, WalkOptions};

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
    Check(CheckArgs),
    /// List the rules (the catalogue).
    Rules(RulesArgs),
    /// Explain one rule: why it matters, what to write instead, examples.
    Explain {
        /// The rule id, e.g. buzzword/rockstar.
        rule: String,
        /// Also load rules from this folder.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
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
        labels: PathBuf,
        /// The folder of labelled documents.
        docs: PathBuf,
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
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq, Eq)]
enum OutputFormat {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
    Checkstyle,
    Html,
}

impl From<OutputFormat> for ReportFormat {
    fn from(f: OutputFormat) -> ReportFormat {
        match f {
            OutputFormat::Human => ReportFormat::Human,
            OutputFormat::Json => ReportFormat::Json,
            OutputFormat::Sarif => ReportFormat::Sarif,
            OutputFormat::Github => ReportFormat::Github,
            OutputFormat::Junit => ReportFormat::Junit,
            OutputFormat::Checkstyle => ReportFormat::Checkstyle,
            OutputFormat::Html => ReportFormat::Html,
        }
    }
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
    #[arg(long, value_enum, default_value = "human")]
    format: OutputFormat,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value = "warning")]
    fail_on: FailOn,
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
    /// Skip files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024)]
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
}

const COMMANDS: &[&str] = &[
    "check",
    "rules",
    "explain",
    "inspect",
    "test-rules",
    "eval",
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
        Command::Check(a) => check(a),
        Command::Rules(a) => {
            let set = load_rules(&a.rules, false)?;
            print_catalogue(&set, a.format)?;
            Ok(0)
        }
        Command::Explain { rule, rules } => {
            let set = load_rules(&rules, false)?;
            explain(&set, &rule)
        }
        Command::TestRules { dir } => test_rules(&dir),
        Command::Inspect { file } => inspect(&file),
        Command::Eval {
            labels,
            docs,
            rules,
            no_bundled,
            brief,
        } => {
            let set = load_rules(&rules, no_bundled)?;
            let engine = Engine::new(&set);
            let ev = hirelint::eval::evaluate(&engine, &set, &labels, &docs)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            print!("{}", ev.render(!brief));
            Ok(0)
        }
    }
}

fn load_rules(dirs: &[PathBuf], no_bundled: bool) -> Result<RuleSet> {
    let mut set = if no_bundled {
        RuleSet::empty()
    } else {
        RuleSet::bundled()
    }
    .map_err(|e| anyhow::anyhow!("broken rule file: {e}"))?;
    for d in dirs {
        set.add_dir(d)
            .map_err(|e| anyhow::anyhow!("broken rule file: {e}"))?;
    }
    Ok(set)
}

fn color_on(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

fn check(a: CheckArgs) -> Result<u8> {
    let set = load_rules(&a.rules, a.no_bundled)?;
    let engine = Engine::with_options(
        &set,
        EngineOptions {
            allow: a.allow.clone(),
            severities: Vec::new(),
        },
    );
    if let Some(n) = a.threads {
        // Only fails when a pool exists already, which it cannot here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let mut emitter = hirelint::report::emitter(
        a.format.into(),
        &ReportOptions {
            rules: set.rules.clone(),
            color: color_on(a.color),
            long_summary: a.summary,
        },
    );
    let kind = a.kind.map(DocKind::from);
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        a.paths.clone()
    };
    let stdin_wanted = paths.iter().any(|p| p.as_os_str() == "-");
    let file_paths: Vec<PathBuf> = paths.into_iter().filter(|p| p.as_os_str() != "-").collect();
    let (files, walk_errors) = walk::discover(
        &file_paths,
        &WalkOptions {
            include: a.include.clone(),
            exclude: a.exclude.clone(),
        },
    );
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    for e in &walk_errors {
        eprintln!("error: {}: {}", e.path, e.message);
        summary.errors.push((e.path.clone(), e.message.clone()));
    }
    emitter.begin(&mut out)?;
    if stdin_wanted {
        let name = a.stdin_filename.clone().unwrap_or_else(|| "<stdin>".into());
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
        match hirelint::parse::decode(&bytes) {
            Ok(source) => {
                let format = Format::from_path(&name).unwrap_or(Format::Markdown);
                let result = check_source(&engine, &set, &name, source, format, kind);
                summary.add(&result);
                emitter.file(&mut out, &result)?;
            }
            Err(e) => {
                eprintln!("error: {name}: {e}");
                summary.errors.push((name, e.to_string()));
            }
        }
    }
    // Files are checked in parallel, in chunks, and reported in path order: the output is the
    // same for any number of threads, and memory holds one chunk at a time.
    for chunk in files.chunks(256) {
        let results: Vec<Result<FileResult, (String, ReadProblem)>> = chunk
            .par_iter()
            .map(|path| {
                let shown = display_path(path);
                match walk::read_document(path, a.max_file_size) {
                    Ok(source) => Ok(check_source(
                        &engine,
                        &set,
                        &shown,
                        source,
                        walk::format_of(path),
                        kind,
                    )),
                    Err(p) => Err((shown, p)),
                }
            })
            .collect();
        for r in results {
            match r {
                Ok(result) => {
                    summary.add(&result);
                    emitter.file(&mut out, &result)?;
                }
                Err((path, ReadProblem::Skipped(why))) => {
                    eprintln!("note: {path}: {why}");
                    summary.skipped.push((path, why));
                }
                Err((path, ReadProblem::Error(why))) => {
                    eprintln!("error: {path}: {why}");
                    summary.errors.push((path, why));
                }
            }
        }
    }
    emitter.end(&mut out, &summary)?;
    out.flush()?;
    if !summary.errors.is_empty() {
        return Ok(2);
    }
    let threshold = match a.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    Ok(match threshold {
        Some(t) if summary.at_or_above(t) > 0 => 1,
        _ => 0,
    })
}

fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

fn check_source(
    engine: &Engine,
    set: &RuleSet,
    path: &str,
    source: String,
    format: Format,
    kind: Option<DocKind>,
) -> FileResult {
    let doc = parse(path, source, format, kind, &set.sections);
    let findings = engine.check(&doc);
    FileResult {
        path: path.to_string(),
        kind: doc.kind,
        source: doc.source,
        findings,
    }
}

fn print_catalogue(set: &RuleSet, format: CatalogueFormat) -> Result<()> {
    let mut out = io::stdout().lock();
    match format {
        CatalogueFormat::Text => {
            for r in &set.rules {
                writeln!(
                    out,
                    "{:<40} {:<8} {:<12} {}",
                    r.id,
                    r.severity.as_str(),
                    r.kind.as_str(),
                    r.message.replace("{match}", "…")
                )?;
            }
            writeln!(
                out,
                "\n{} rules. `hirelint explain RULE` tells more.",
                set.rules.len()
            )?;
        }
        CatalogueFormat::Md => {
            write!(out, "{}", hirelint::report::catalogue_markdown(set))?;
        }
        CatalogueFormat::Json => {
            let v: Vec<serde_json::Value> = set
                .rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id, "family": r.family, "kind": r.kind.as_str(),
                        "severity": r.severity.as_str(), "message": r.message, "why": r.why,
                        "suggestions": r.suggest, "source": r.source,
                        "applies_to": r.applies_to.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
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
        eprintln!("error: no rule `{id}`.");
        if !close.is_empty() {
            eprintln!("Did you mean: {}?", close.join(", "));
        }
        eprintln!("`hirelint rules` lists them all.");
        return Ok(2);
    };
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{} ({} {} rule, {})",
        r.id,
        r.family,
        r.kind.as_str(),
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
    writeln!(out, "\nFlagged, for example")?;
    for e in &r.flag_examples {
        writeln!(out, "  > {}", e.replace('\n', "\n  > "))?;
    }
    writeln!(out, "\nLeft alone, for example")?;
    for e in &r.pass_examples {
        writeln!(out, "  > {}", e.replace('\n', "\n  > "))?;
    }
    Ok(0)
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
        eprintln!("error: broken rule file: {e}");
        return Ok(2);
    }
    if set.rules.is_empty() {
        bail!(
            "{}: no rule files found (expected <family>/<name>.toml)",
            dir.display()
        );
    }
    let (count, failures) = hirelint::examples::run(&set);
    let mut out = io::stdout().lock();
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
    Ok(if failures.is_empty() { 0 } else { 1 })
}

fn inspect(file: &Path) -> Result<u8> {
    let set = RuleSet::empty().map_err(|e| anyhow::anyhow!("{e}"))?;
    let source = match walk::read_document(file, 64 << 20) {
        Ok(s) => s,
        Err(ReadProblem::Skipped(w)) | Err(ReadProblem::Error(w)) => {
            eprintln!("error: {}: {w}", file.display());
            return Ok(2);
        }
    };
    let shown = display_path(file);
    let doc = parse(&shown, source, walk::format_of(file), None, &set.sections);
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
    Ok(0)
}
