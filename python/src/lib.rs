//! The `hirelint` Python module: the rules and the engine of the hirelint crate, loaded once
//! and called without a process per document.
//!
//! Findings are the dictionaries of the command line's `--format json` (made by
//! `hirelint::report::json::finding_value`, so the fields cannot drift apart). Checking runs
//! with the GIL released: several Python threads check at once, and `check_many` spreads a
//! batch over every core.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use hirelint::config;
use hirelint::document::{DocKind, Format};
use hirelint::finding::Finding;
use hirelint::report::json::finding_value;
use hirelint::rule::RuleSet;
use hirelint::walk::{self, ReadProblem};
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;

pyo3::create_exception!(
    hirelint,
    HirelintError,
    PyException,
    "An error of hirelint, with `file`, `line` and `column` (each None when unknown)."
);
pyo3::create_exception!(
    hirelint,
    RuleError,
    HirelintError,
    "A rule file (or rule folder) that cannot be loaded; `rule` names the rule when known."
);
pyo3::create_exception!(
    hirelint,
    ConfigError,
    HirelintError,
    "A configuration file (hirelint.toml) that cannot be used."
);
pyo3::create_exception!(
    hirelint,
    DocumentError,
    HirelintError,
    "A document that cannot be read (missing, a folder, not UTF-8, binary, too large)."
);

/// The largest file `check_file` reads, as the command line's default `--max-file-size`.
const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Texts taken from the iterable of `check_many` at a time: the GIL is released for each
/// chunk, so memory stays bounded by the chunk (plus the findings) for a generator of any size.
const CHUNK_PER_THREAD: usize = 256;

/// Builds an exception of type `T` carrying the file, line and column as attributes.
fn error<T: pyo3::PyTypeInfo>(
    py: Python<'_>,
    message: String,
    file: Option<String>,
    position: Option<(usize, usize)>,
) -> PyErr {
    let err = PyErr::new::<T, _>(message);
    let value = err.value(py);
    // Setting attributes on a fresh exception instance cannot fail.
    let _ = value.setattr("file", file);
    let _ = value.setattr("line", position.map(|p| p.0));
    let _ = value.setattr("column", position.map(|p| p.1));
    err
}

fn rule_error(py: Python<'_>, e: hirelint::LoadError) -> PyErr {
    let message = format!("broken rule file: {e}");
    let err = error::<RuleError>(py, message, Some(e.file), e.position);
    let _ = err.value(py).setattr("rule", e.rule);
    err
}

fn config_error(py: Python<'_>, e: config::ConfigError) -> PyErr {
    let file = e.file.display().to_string();
    error::<ConfigError>(py, format!("configuration: {e}"), Some(file), e.position)
}

/// Accepts a path as `str` or `os.PathLike`.
fn path_arg(obj: &Bound<'_, PyAny>) -> PyResult<PathBuf> {
    obj.extract::<PathBuf>()
}

fn parse_format(format: &str) -> PyResult<Format> {
    Format::from_name(format).ok_or_else(|| {
        PyValueError::new_err(format!(
            "unknown format `{}`; expected markdown, html or text",
            format.to_ascii_lowercase()
        ))
    })
}

fn parse_kind(kind: Option<&str>) -> PyResult<Option<DocKind>> {
    kind.map(|k| {
        DocKind::parse(k).ok_or_else(|| {
            PyValueError::new_err(format!(
                "unknown document kind `{k}`; expected job-ad, interview, process or other"
            ))
        })
    })
    .transpose()
}

/// Converts a JSON value to Python objects (dict, list, str, int, float, bool, None).
fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into_pyobject(py)?.into_any(),
            (None, Some(i)) => i.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(a) => {
            let list = PyList::empty(py);
            for x in a {
                list.append(to_py(py, x)?)?;
            }
            list.into_any()
        }
        Value::Object(o) => {
            let dict = PyDict::new(py);
            for (k, x) in o {
                dict.set_item(k, to_py(py, x)?)?;
            }
            dict.into_any()
        }
    })
}

/// The findings of one document as a list of dicts.
fn findings_to_py<'py>(py: Python<'py>, findings: &[Value]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for f in findings {
        list.append(to_py(py, f)?)?;
    }
    Ok(list)
}

fn values(findings: &[Finding]) -> Vec<Value> {
    findings.iter().map(finding_value).collect()
}

/// A loaded rule set and its compiled engine. Build it once and check many documents with it;
/// it is safe to share between threads.
///
/// Args:
///     rules: a folder of rule files (``<family>/<name>.toml``), or a list of folders, loaded
///         in addition to the bundled rules (instead of them with ``bundled=False``).
///     config: a ``hirelint.toml`` file: its ``select``, ``ignore``, ``severity``,
///         ``rule-folders``, ``allow``, ``jurisdiction`` and ``kinds`` apply as on the command
///         line. Without it no configuration is used (none is searched for).
///     bundled: whether to load the bundled rules (default True).
///
/// Raises:
///     RuleError: a rule file is broken (``file``, ``line``, ``column`` and ``rule`` say where).
///     ConfigError: the configuration is broken (``file``, ``line``, ``column``).
///     ValueError: the configuration names an unknown rule, family or jurisdiction.
#[pyclass(module = "hirelint", frozen)]
struct Linter {
    /// The library's linter: rules, engine and configuration.
    inner: hirelint::Linter,
}

impl Linter {
    /// Parses and checks one document, as `hirelint check` does for a file or standard input.
    fn lint(
        &self,
        shown: &str,
        source: String,
        format: Format,
        kind: Option<DocKind>,
    ) -> Vec<Value> {
        let source = hirelint::Source {
            kind,
            ..hirelint::Source::text(shown, source, format)
        };
        // Text always checks; only a package can fail.
        match self.inner.lint(source) {
            Ok(result) => values(&result.findings),
            Err(_) => Vec::new(),
        }
    }
}

/// The settings the command line makes of a configuration file (`hirelint::Linter::new`),
/// without its flags, and with the errors as Python exceptions.
fn build(
    folders: Vec<PathBuf>,
    config: Option<config::Loaded>,
    bundled: bool,
) -> Result<Linter, BuildError> {
    let mut all = Vec::new();
    if let Some(c) = &config {
        all.extend(c.rule_folders());
    }
    all.extend(folders);
    let mut rules = if bundled {
        RuleSet::bundled()
    } else {
        RuleSet::empty()
    }
    .map_err(BuildError::Rule)?;
    for d in &all {
        rules.add_dir(d).map_err(BuildError::Rule)?;
    }
    // The names, jurisdictions and selection are checked and applied as on the command line.
    hirelint::Linter::from_rules(rules, &hirelint::linter::Options::default(), config)
        .map(|inner| Linter { inner })
        .map_err(|e| BuildError::Value(format!("{e:#}")))
}

#[pymethods]
impl Linter {
    #[new]
    #[pyo3(signature = (rules=None, config=None, *, bundled=true))]
    fn new(
        py: Python<'_>,
        rules: Option<&Bound<'_, PyAny>>,
        config: Option<&Bound<'_, PyAny>>,
        bundled: bool,
    ) -> PyResult<Self> {
        let folders: Vec<PathBuf> = match rules {
            None => Vec::new(),
            Some(r)
                if r.is_instance_of::<PyList>() || r.is_instance_of::<pyo3::types::PyTuple>() =>
            {
                let mut v = Vec::new();
                for item in r.try_iter()? {
                    v.push(path_arg(&item?)?);
                }
                v
            }
            Some(r) => vec![path_arg(r)?],
        };
        let loaded = match config {
            None => None,
            Some(c) => {
                let file = path_arg(c)?;
                Some(config::load(&file).map_err(|e| config_error(py, e))?)
            }
        };
        py.detach(|| build(folders, loaded, bundled))
            .map_err(|e| e.into_py_err(py))
    }

    /// Checks one document given as text.
    ///
    /// Args:
    ///     text: the document.
    ///     format: ``"markdown"`` (default), ``"html"`` or ``"text"``.
    ///     kind: ``"job-ad"``, ``"interview"``, ``"process"`` or ``"other"``; detected from
    ///         the content (or front matter, or the configuration's ``kinds`` for ``path``)
    ///         when None.
    ///     path: the name shown in the findings' ``path`` (default ``"<string>"``).
    ///
    /// Returns:
    ///     The findings, sorted, each a dict with the fields of ``hirelint check --format json``.
    #[pyo3(signature = (text, format="markdown", kind=None, path=None))]
    fn check<'py>(
        &self,
        py: Python<'py>,
        text: String,
        format: &str,
        kind: Option<&str>,
        path: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let format = parse_format(format)?;
        let kind = parse_kind(kind)?;
        let shown = match path {
            Some(p) => path_arg(p)?.to_string_lossy().into_owned(),
            None => "<string>".to_string(),
        };
        let found = py.detach(|| self.lint(&shown, text, format, kind));
        findings_to_py(py, &found)
    }

    /// Reads and checks one file, as ``hirelint check FILE --format json`` does: the format
    /// from the extension (plain text when unknown), UTF-8 or UTF-16 with a byte order mark.
    ///
    /// Args:
    ///     path: the file (``str`` or ``os.PathLike``); shown in the findings as given.
    ///     kind: as for ``check``.
    ///
    /// Raises:
    ///     DocumentError: the file cannot be read, is binary, too large or not UTF-8
    ///         (``line`` and ``column`` give the first bad byte).
    #[pyo3(signature = (path, kind=None))]
    fn check_file<'py>(
        &self,
        py: Python<'py>,
        path: &Bound<'py, PyAny>,
        kind: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        let path = path_arg(path)?;
        let kind = parse_kind(kind)?;
        let shown = {
            let s = path.to_string_lossy();
            s.strip_prefix("./").unwrap_or(&s).to_string()
        };
        let result = py.detach(|| match read_file(&path) {
            Ok(source) => Ok(self.lint(&shown, source, walk::format_of(&path), kind)),
            Err(e) => Err(e),
        });
        match result {
            Ok(found) => findings_to_py(py, &found),
            Err((message, position)) => Err(error::<DocumentError>(
                py,
                format!("{shown}: {message}"),
                Some(shown),
                position,
            )),
        }
    }

    /// Checks many documents on several threads, with the GIL released.
    ///
    /// Args:
    ///     texts: an iterable of documents (``str``); read in chunks, so a generator of any
    ///         size works.
    ///     threads: worker threads (default: one per core).
    ///     format, kind: as for ``check``, for every document.
    ///
    /// Returns:
    ///     One list of findings per document, in the order of ``texts``; each finding's
    ///     ``path`` is the document's index in ``texts``, as a string.
    #[pyo3(signature = (texts, threads=None, format="markdown", kind=None))]
    fn check_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
        format: &str,
        kind: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        let format = parse_format(format)?;
        let kind = parse_kind(kind)?;
        let threads = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let out = PyList::empty(py);
        let mut iter = texts.try_iter()?;
        let chunk_size = threads * CHUNK_PER_THREAD;
        let mut first = 0usize;
        loop {
            let mut chunk: Vec<String> = Vec::with_capacity(chunk_size);
            for item in iter.by_ref().take(chunk_size) {
                let item = item?;
                let text = item.extract::<String>().map_err(|_| {
                    pyo3::exceptions::PyTypeError::new_err(format!(
                        "check_many: item {} is a {}, not a str",
                        first + chunk.len(),
                        item.get_type()
                            .name()
                            .map(|n| n.to_string())
                            .unwrap_or_default()
                    ))
                })?;
                chunk.push(text);
            }
            if chunk.is_empty() {
                break;
            }
            let n = chunk.len();
            let found = py.detach(|| self.lint_chunk(chunk, first, threads, format, kind));
            for f in &found {
                out.append(findings_to_py(py, f)?)?;
            }
            first += n;
            if n < chunk_size {
                break;
            }
        }
        Ok(out)
    }

    /// The ids of the rules in use, sorted.
    #[getter]
    fn rule_ids(&self) -> Vec<String> {
        self.inner.rules.rules.iter().map(|r| r.id.clone()).collect()
    }

    fn __repr__(&self) -> String {
        format!("<hirelint.Linter with {} rules>", self.inner.rules.rules.len())
    }
}

impl Linter {
    /// Checks a chunk of texts on `threads` threads; the results in input order.
    fn lint_chunk(
        &self,
        chunk: Vec<String>,
        first: usize,
        threads: usize,
        format: Format,
        kind: Option<DocKind>,
    ) -> Vec<Vec<Value>> {
        let n = chunk.len();
        let slots: Vec<std::sync::Mutex<Option<String>>> = chunk
            .into_iter()
            .map(|t| std::sync::Mutex::new(Some(t)))
            .collect();
        let next = AtomicUsize::new(0);
        let work = || {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let text = slots[i]
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .take()
                    .unwrap_or_default();
                let shown = (first + i).to_string();
                done.push((i, self.lint(&shown, text, format, kind)));
            }
            done
        };
        let mut results: Vec<Vec<Value>> = vec![Vec::new(); n];
        std::thread::scope(|s| {
            let workers: Vec<_> = (1..threads.min(n)).map(|_| s.spawn(work)).collect();
            for (i, v) in work() {
                results[i] = v;
            }
            for w in workers {
                // A worker that panicked leaves its documents without findings; the engine
                // does not panic on any input (see docs/robustness.md).
                if let Ok(done) = w.join() {
                    for (i, v) in done {
                        results[i] = v;
                    }
                }
            }
        });
        results
    }
}

/// An error made while loading without the GIL, turned into an exception once it is held again.
enum BuildError {
    Rule(hirelint::LoadError),
    Value(String),
}

impl BuildError {
    fn into_py_err(self, py: Python<'_>) -> PyErr {
        match self {
            BuildError::Rule(e) => rule_error(py, e),
            BuildError::Value(m) => PyValueError::new_err(m),
        }
    }
}

/// Reads a file as the command line does; the error message and, for bad UTF-8, the position.
#[allow(clippy::type_complexity)]
fn read_file(path: &Path) -> Result<String, (String, Option<(usize, usize)>)> {
    let meta = std::fs::metadata(path).map_err(|e| (walk::describe_io(&e), None))?;
    if meta.is_file() && meta.len() <= MAX_FILE_SIZE {
        let bytes = std::fs::read(path).map_err(|e| (walk::describe_io(&e), None))?;
        return hirelint::parse::decode_owned(bytes).map_err(|e| match e {
            hirelint::parse::DecodeError::InvalidUtf8 { line, column, .. } => {
                (e.to_string(), Some((line, column)))
            }
            other => (other.to_string(), None),
        });
    }
    match walk::read_document(path, MAX_FILE_SIZE) {
        Ok(s) => Ok(s),
        Err(ReadProblem::Skipped(w)) | Err(ReadProblem::Error(w)) => Err((w, None)),
    }
}

/// hirelint: find the barriers in job ads and interview scripts, and what to write instead.
///
/// ``Linter`` loads the rules once; ``check``, ``check_file`` and ``check_many`` return the
/// findings of ``hirelint check --format json`` as dicts.
#[pymodule(name = "hirelint")]
fn hirelint_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Linter>()?;
    m.add("HirelintError", py.get_type::<HirelintError>())?;
    m.add("RuleError", py.get_type::<RuleError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("DocumentError", py.get_type::<DocumentError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
