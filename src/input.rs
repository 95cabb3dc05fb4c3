//! Where sources come from: files, standard input and the records of a JSON Lines dump, each
//! read into a [`Source`] for [`Linter::lint`](crate::linter::Linter::lint).
//!
//! **The default format.** A source's format is named by its path's extension, or by a
//! record's format field. When nothing names it, [`format_for`] decides, by where the source
//! comes from: a file found in a folder is plain text (its extension did not say otherwise);
//! standard input and a string given to `lint_str` are Markdown; a JSON Lines record or a
//! `serve` request is HTML when it has tags, else Markdown (its id is no file name). These
//! differ because their outputs always have: the rule is written here once, not changed.

use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use crate::document::{DocKind, Format};
use crate::walk::{self, ReadProblem};

/// One document to check: its name, where it is (for the configuration's `[kinds]`), the kind
/// asked for, and its text or package bytes. The functions of this module read one.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in findings.
    pub name: String,
    /// The path the configuration's `[kinds]` globs are matched against.
    pub path: PathBuf,
    /// The document kind asked for this document (it wins over the linter's).
    pub kind: Option<DocKind>,
    /// The contents.
    pub body: Body,
}

/// What a [`Source`] holds.
#[derive(Debug, Clone)]
pub enum Body {
    /// Decoded text in a format.
    Text(String, Format),
    /// The bytes of a Word or OpenDocument package; at most `max_total` bytes are unpacked.
    Package {
        /// The bytes.
        bytes: Vec<u8>,
        /// `Docx` or `Odt`.
        format: Format,
        /// The most the package may unpack to.
        max_total: u64,
    },
}

impl Source {
    /// A text whose name is also its path.
    pub fn text(name: &str, text: String, format: Format) -> Source {
        Source {
            name: name.to_string(),
            path: PathBuf::from(name),
            kind: None,
            body: Body::Text(text, format),
        }
    }
}

/// Where a source comes from, which decides its format when nothing names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk: plain text when its extension is unknown.
    File,
    /// Standard input (named by `--stdin-filename`): Markdown when unknown.
    Stdin,
    /// A string given to the library (`lint_str`): Markdown when unknown.
    Text,
    /// A record of a dump or a request of `serve`: detected from the text.
    Record,
}

/// The format of a source named `name`, holding `text`; see the module documentation.
pub fn format_for(origin: Origin, name: &str, text: &str) -> Format {
    match origin {
        Origin::File => Format::from_path(name).unwrap_or(Format::Text),
        Origin::Stdin | Origin::Text => Format::from_path(name).unwrap_or(Format::Markdown),
        Origin::Record => detect_format(text),
    }
}

/// HTML when the text has tags, else Markdown.
pub fn detect_format(text: &str) -> Format {
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

/// Reads a file shown as `shown`: a Word or OpenDocument file as its bytes, any other as
/// decoded text; at most `max_size` bytes.
pub fn file(path: &Path, shown: String, max_size: u64) -> Result<Source, ReadProblem> {
    let format = walk::format_of(path);
    let body = if format.is_package() {
        Body::Package {
            bytes: walk::read_bytes(path, max_size)?,
            format,
            max_total: max_size,
        }
    } else {
        let text = walk::read_document(path, max_size)?;
        let format = format_for(Origin::File, &path.to_string_lossy(), &text);
        Body::Text(text, format)
    };
    Ok(Source {
        name: shown,
        path: path.to_path_buf(),
        kind: None,
        body,
    })
}

/// Reads standard input, named `name` (`<stdin>` when none): at most `max_size` bytes, a
/// package when the name says so, else decoded text. The outer error is a failed read.
pub fn stdin(name: Option<String>, max_size: u64) -> io::Result<Result<Source, ReadProblem>> {
    let name = name.unwrap_or_else(|| "<stdin>".into());
    let mut bytes = Vec::new();
    io::stdin()
        .take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes_source(name, bytes, max_size))
}

/// A source from bytes read from standard input.
fn bytes_source(name: String, bytes: Vec<u8>, max_size: u64) -> Result<Source, ReadProblem> {
    if bytes.len() as u64 > max_size {
        return Err(ReadProblem::Skipped(format!(
            "is over the limit of {max_size} bytes (--max-file-size); skipped"
        )));
    }
    let body = match Format::from_path(&name).filter(|f| f.is_package()) {
        // A Word or OpenDocument file named by --stdin-filename: its bytes are a package,
        // never text.
        Some(format) => Body::Package {
            bytes,
            format,
            max_total: max_size,
        },
        None => {
            let text = walk::decode(bytes)?;
            let format = format_for(Origin::Stdin, &name, &text);
            Body::Text(text, format)
        }
    };
    Ok(Source {
        path: PathBuf::from(&name),
        name,
        kind: None,
        body,
    })
}

/// The fields of a JSON Lines record (`--text-field`, `--id-field`, `--format-field`).
#[derive(Debug, Clone)]
pub struct RecordFields {
    /// The field holding the document text.
    pub text: String,
    /// The field holding the record id.
    pub id: String,
    /// The field naming the format.
    pub format: String,
}

/// Reads line `n` of a dump into a source; `None` for a blank line.
pub fn record(fields: &RecordFields, n: usize, line: &str) -> Result<Option<Source>, String> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let obj = v.as_object().ok_or("not a JSON object")?;
    let text = obj
        .get(&fields.text)
        .and_then(|t| t.as_str())
        .ok_or_else(|| format!("no text field `{}` (a string)", fields.text))?;
    let id = match obj.get(&fields.id) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(x)) => x.to_string(),
        _ => format!("line-{n}"),
    };
    let format = match obj.get(&fields.format).and_then(|f| f.as_str()) {
        Some(f) => Format::from_name(f).ok_or_else(|| {
            format!(
                "unknown format `{}` in `{}`",
                f.to_ascii_lowercase(),
                fields.format
            )
        })?,
        None => format_for(Origin::Record, &id, text),
    };
    Ok(Some(Source::text(&id, text.to_string(), format)))
}

/// Opens a dump: `-` is standard input; otherwise a regular file or a pipe
/// (`<(zcat dump.gz)`), never a device such as /dev/zero, whose one endless line would never
/// end.
pub fn open_dump(source: &Path) -> Result<Box<dyn BufRead + Send>, String> {
    if source.as_os_str() == "-" {
        return Ok(Box::new(io::BufReader::new(io::stdin())));
    }
    let shown = source.display().to_string();
    let meta =
        std::fs::metadata(source).map_err(|e| format!("{shown}: {}", walk::describe_io(&e)))?;
    #[cfg(unix)]
    let pipe = std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type());
    #[cfg(not(unix))]
    let pipe = false;
    if !meta.is_file() && !pipe {
        return Err(format!(
            "{shown}: not a regular file or a pipe (a folder or a device); not read"
        ));
    }
    let f =
        std::fs::File::open(source).map_err(|e| format!("{shown}: {}", walk::describe_io(&e)))?;
    Ok(Box::new(io::BufReader::new(f)))
}

/// The lines of a dump, numbered from 1, each at most `limit` bytes: a longer line is read
/// to its end without being kept and is an error for that line, as is one that is not UTF-8.
/// An I/O error ends the lines.
pub struct CappedLines<R> {
    reader: R,
    limit: u64,
    n: usize,
}

impl<R> CappedLines<R> {
    /// The lines of `reader`, each at most `limit` bytes.
    pub fn new(reader: R, limit: u64) -> Self {
        CappedLines {
            reader,
            limit,
            n: 0,
        }
    }
}

/// A numbered line of a dump, or why it cannot be used.
pub type DumpLine = (usize, Result<String, String>);

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_format_depends_on_the_way_in() {
        // An extension names the format on every way in but a record.
        assert_eq!(format_for(Origin::File, "a.html", ""), Format::Html);
        assert_eq!(format_for(Origin::Stdin, "a.txt", ""), Format::Text);
        // Unnamed: text for files, Markdown for standard input and strings.
        assert_eq!(format_for(Origin::File, "README", "# Title"), Format::Text);
        assert_eq!(format_for(Origin::Stdin, "<stdin>", ""), Format::Markdown);
        assert_eq!(format_for(Origin::Text, "ad", ""), Format::Markdown);
        // A record's id is no file name: its text decides.
        assert_eq!(
            format_for(Origin::Record, "x.txt", "<p>a</p>"),
            Format::Html
        );
        assert_eq!(
            format_for(Origin::Record, "x.html", "a <b"),
            Format::Markdown
        );
    }

    #[test]
    fn a_record_names_its_id_and_format() {
        let fields = RecordFields {
            text: "text".into(),
            id: "id".into(),
            format: "format".into(),
        };
        let s = record(
            &fields,
            3,
            r#"{"id": 7, "format": "text", "text": "A rockstar."}"#,
        )
        .unwrap()
        .unwrap();
        assert_eq!(s.name, "7");
        assert!(matches!(s.body, Body::Text(ref t, Format::Text) if t == "A rockstar."));
        let s = record(&fields, 3, r#"{"text": "A."}"#).unwrap().unwrap();
        assert_eq!(s.name, "line-3");
        assert!(record(&fields, 4, "   ").unwrap().is_none());
        let e = record(&fields, 5, r#"{"text": "A.", "format": "PDF"}"#).unwrap_err();
        assert_eq!(e, "unknown format `pdf` in `format`");
    }

    #[test]
    fn a_line_over_the_limit_is_read_past_and_numbered() {
        let dump = "short\nthis line is too long\nok\n";
        let lines: Vec<_> = CappedLines::new(dump.as_bytes(), 10)
            .map(|l| l.unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], (1, Ok("short".to_string())));
        assert!(
            lines[1]
                .1
                .as_ref()
                .unwrap_err()
                .contains("over the limit of 10 bytes")
        );
        assert_eq!(lines[2], (3, Ok("ok".to_string())));
    }
}
