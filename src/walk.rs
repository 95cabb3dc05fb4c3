//! Input discovery and reading: folders are walked with the `ignore` crate (respects
//! .gitignore, skips hidden files, include and exclude globs) and only documents are picked;
//! a file is read with a size cap and decoded. Problems with one file never stop the others.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;

use crate::document::Format;

/// The extensions picked when walking folders.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "html", "htm", "txt", "docx", "odt"];

/// How to walk.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Globs a file must match (relative to the walked folder); empty means all documents.
    pub include: Vec<String>,
    /// Globs to leave out.
    pub exclude: Vec<String>,
    /// `--strict-config`: `.ignore` files are not read (a pull request could add one to hide
    /// its documents); `.gitignore` still is, see [`hidden_tracked`].
    pub strict: bool,
}

/// A path that could not be used, and why.
#[derive(Debug, Clone)]
pub struct WalkError {
    /// The path.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

/// Expands `paths` into the files to check, sorted, plus the problems met on the way.
pub fn discover(paths: &[PathBuf], options: &WalkOptions) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(WalkError {
                    path: path.display().to_string(),
                    message: describe_io(&e),
                });
                continue;
            }
        };
        if !meta.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut builder = WalkBuilder::new(path);
        builder.sort_by_file_name(|a, b| a.cmp(b));
        if options.strict {
            builder.ignore(false);
        }
        let mut ob = OverrideBuilder::new(path);
        let mut bad_glob = false;
        for g in &options.include {
            if let Err(e) = ob.add(g) {
                errors.push(WalkError {
                    path: g.clone(),
                    message: format!("bad --include glob: {e}"),
                });
                bad_glob = true;
            }
        }
        for g in &options.exclude {
            if let Err(e) = ob.add(&format!("!{g}")) {
                errors.push(WalkError {
                    path: g.clone(),
                    message: format!("bad --exclude glob: {e}"),
                });
                bad_glob = true;
            }
        }
        if bad_glob {
            continue;
        }
        match ob.build() {
            Ok(o) => {
                builder.overrides(o);
            }
            Err(e) => errors.push(WalkError {
                path: path.display().to_string(),
                message: format!("bad glob: {e}"),
            }),
        }
        for entry in builder.build() {
            match entry {
                Ok(e) => {
                    let is_file = e.file_type().is_some_and(|t| t.is_file());
                    if is_file && is_document(e.path()) {
                        files.push(e.into_path());
                    }
                }
                Err(e) => errors.push(WalkError {
                    path: path.display().to_string(),
                    message: e.to_string(),
                }),
            }
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

/// For `--strict-config`: the documents under the folders in `paths` that git tracks but the
/// walk did not find (not in `found`), because a `.gitignore` hides them: git itself ignores
/// `.gitignore` for tracked files, so a pull request must not hide a tracked job ad by adding
/// one. Hidden files (a name starting with `.`) and the `--include`/`--exclude` globs are
/// respected as in the walk. Nothing when git is not installed or the folder is not in a
/// repository.
pub fn hidden_tracked(paths: &[PathBuf], options: &WalkOptions, found: &[PathBuf]) -> Vec<PathBuf> {
    let known: std::collections::BTreeSet<&Path> = found.iter().map(PathBuf::as_path).collect();
    let mut out = Vec::new();
    for dir in paths.iter().filter(|p| p.is_dir()) {
        let Ok(listing) = std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["ls-files", "-z", "--cached", "--"])
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
        else {
            continue;
        };
        if !listing.status.success() {
            continue;
        }
        let mut ob = OverrideBuilder::new(dir);
        for g in &options.include {
            let _ = ob.add(g);
        }
        for g in &options.exclude {
            let _ = ob.add(&format!("!{g}"));
        }
        let overrides = ob.build().ok();
        for rel in listing.stdout.split(|b| *b == 0).filter(|r| !r.is_empty()) {
            let Some(rel) = path_from_bytes(rel) else {
                continue;
            };
            let hidden = rel
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            let full = dir.join(&rel);
            if hidden || !is_document(&full) || known.contains(full.as_path()) {
                continue;
            }
            if overrides
                .as_ref()
                .is_some_and(|o| o.matched(&full, false).is_ignore())
            {
                continue;
            }
            if fs::symlink_metadata(&full).is_ok_and(|m| m.is_file()) {
                out.push(full);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(unix)]
fn path_from_bytes(b: &[u8]) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    Some(PathBuf::from(std::ffi::OsStr::from_bytes(b)))
}

#[cfg(not(unix))]
fn path_from_bytes(b: &[u8]) -> Option<PathBuf> {
    std::str::from_utf8(b).ok().map(PathBuf::from)
}

/// Is this a document by its extension?
pub fn is_document(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The format of a path: from its extension, plain text when unknown.
pub fn format_of(path: &Path) -> Format {
    Format::from_path(&path.to_string_lossy()).unwrap_or(Format::Text)
}

/// Why a file was not checked.
#[derive(Debug, Clone)]
pub enum ReadProblem {
    /// Skipped on purpose (binary, not a regular file); not an error.
    Skipped(String),
    /// Could not be read: an error (exit code 2).
    Error(String),
}

/// Reads a file: regular files only, at most `max_size` bytes, decoded to text.
pub fn read_document(path: &Path, max_size: u64) -> Result<String, ReadProblem> {
    decode(read_bytes(path, max_size)?)
}

/// Decodes a document's bytes (UTF-8, or UTF-16 with a byte-order mark); binary bytes are
/// skipped, not an error. Files and standard input are decoded by this one function.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadProblem> {
    crate::parse::decode_owned(bytes).map_err(|e| match e {
        crate::parse::DecodeError::Binary => ReadProblem::Skipped(format!("{e}; skipped")),
        other => ReadProblem::Error(other.to_string()),
    })
}

/// Reads a Word or OpenDocument file (see [`Format::is_package`]) into a document shown as
/// `shown`; what it unpacks to is limited by `max_size` too. A damaged, encrypted or
/// oversized package is an error.
pub fn read_package(
    path: &Path,
    shown: &str,
    max_size: u64,
    kind: Option<crate::document::DocKind>,
    sections: &crate::document::sections::SectionTable,
) -> Result<crate::document::Document, ReadProblem> {
    let bytes = read_bytes(path, max_size)?;
    let limits = crate::parse::package::Limits {
        max_total: max_size,
        ..Default::default()
    };
    crate::parse::parse_package(shown, &bytes, format_of(path), kind, sections, limits)
        .map_err(|e| ReadProblem::Error(e.to_string()))
}

/// Reads a file's bytes: regular files only, at most `max_size` bytes.
pub fn read_bytes(path: &Path, max_size: u64) -> Result<Vec<u8>, ReadProblem> {
    let meta = fs::metadata(path).map_err(|e| ReadProblem::Error(describe_io(&e)))?;
    if meta.is_dir() {
        return Err(ReadProblem::Error("is a folder, not a document".into()));
    }
    if !meta.is_file() {
        return Err(ReadProblem::Skipped(
            "not a regular file (a pipe, socket or device); skipped".into(),
        ));
    }
    if meta.len() > max_size {
        return Err(ReadProblem::Skipped(format!(
            "is {} bytes, over the limit of {max_size} (--max-file-size); skipped",
            meta.len()
        )));
    }
    let file = fs::File::open(path).map_err(|e| ReadProblem::Error(describe_io(&e)))?;
    let mut bytes = Vec::with_capacity(meta.len().min(64 << 20) as usize);
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadProblem::Error(describe_io(&e)))?;
    if bytes.len() as u64 > max_size {
        return Err(ReadProblem::Skipped(format!(
            "is over the limit of {max_size} bytes (--max-file-size); skipped"
        )));
    }
    Ok(bytes)
}

/// The most a rule file may hold (the biggest bundled one has 6 KB).
pub const RULE_FILE_LIMIT: u64 = 1 << 20;

/// Reads one of the small files hirelint itself needs (a rule file, a configuration, a
/// baseline), which may come from a pull request: a regular file only (a link to `/dev/zero`
/// or a pipe is refused before it is opened, so a read can neither block nor run forever), and
/// at most `limit` bytes, counted as read (files in `/proc` say they are empty).
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| describe_io(&e))?;
    if !meta.is_file() {
        return Err("is not a regular file (a folder, device, pipe or socket); not read".into());
    }
    let file = fs::File::open(path).map_err(|e| describe_io(&e))?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err("is not a regular file; not read".into());
    }
    let too_big = || format!("is over the limit of {limit} bytes for this kind of file; not read");
    if meta.len() > limit {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len().min(64 << 20) as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| describe_io(&e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

/// A short, plain description of an I/O error.
pub fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied: the file cannot be read".into(),
        _ => e.to_string(),
    }
}
