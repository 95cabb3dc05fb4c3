//! Word (.docx) and OpenDocument (.odt) files: zip packages of XML, read into the same
//! [`Document`] as the other formats.
//!
//! The extracted text is the document's `source`: one line per paragraph (headings, list items,
//! table cells and footnotes each a paragraph of their own), so a line is a paragraph number
//! and a column a character offset in it, and every output format works unchanged. Entries are
//! read with limits checked while unpacking (total size and entry count), never trusting the
//! sizes the package declares.

use std::fmt;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesRef, BytesStart};

use super::sink::Sink;
use crate::document::{BlockKind, Document, Format};

/// Limits on what a package may unpack to.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The most bytes read from all entries together, after unpacking.
    pub max_total: u64,
    /// The most entries a package may have.
    pub max_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_total: 64 << 20,
            max_entries: 10_000,
        }
    }
}

/// Why a package could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageError {
    /// An encrypted (password-protected) file, or an old binary Office file.
    Encrypted(&'static str),
    /// Not a zip package, or a damaged one.
    Damaged(String),
    /// A part the format needs is missing.
    Missing(&'static str),
    /// Over a limit: a zip bomb, or simply too large.
    TooLarge(String),
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackageError::Encrypted(what) => write!(
                f,
                "is {what}; hirelint cannot read it: remove the password, or save it again as .docx or .odt"
            ),
            PackageError::Damaged(why) => {
                write!(f, "cannot be read as a Word or OpenDocument file: {why}")
            }
            PackageError::Missing(part) => write!(
                f,
                "has no {part}: it is not a Word or OpenDocument text document, or it is damaged"
            ),
            PackageError::TooLarge(why) => write!(f, "refused: {why}"),
        }
    }
}

impl std::error::Error for PackageError {}

/// A zip package opened for reading, with what is left of the size budget.
pub(crate) struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    left: u64,
    max_total: u64,
}

impl<'a> Package<'a> {
    /// Opens `bytes` as a zip package.
    pub fn open(bytes: &'a [u8], limits: Limits) -> Result<Self, PackageError> {
        // Word's password protection wraps the package in an OLE compound file, the format of
        // old .doc files too.
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return Err(PackageError::Encrypted(
                "password-protected (encrypted), or an old binary Word file (.doc) renamed",
            ));
        }
        if !bytes.starts_with(b"PK") {
            return Err(PackageError::Damaged(
                "it is not a zip package (it may be another kind of file with this extension)"
                    .into(),
            ));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| PackageError::Damaged(format!("the zip package is damaged ({e})")))?;
        if zip.len() > limits.max_entries {
            return Err(PackageError::TooLarge(format!(
                "the package has {} entries, over the limit of {}",
                zip.len(),
                limits.max_entries
            )));
        }
        Ok(Package {
            zip,
            left: limits.max_total,
            max_total: limits.max_total,
        })
    }

    /// Reads entry `name` as UTF-8 text; `None` when the package has no such entry. The bytes
    /// read count against the budget as they are unpacked.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, PackageError> {
        let Some(i) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let entry = match self.zip.by_index(i) {
            Ok(e) => e,
            Err(zip::result::ZipError::UnsupportedArchive(m))
                if m == zip::result::ZipError::PASSWORD_REQUIRED =>
            {
                return Err(PackageError::Encrypted("password-protected (encrypted)"));
            }
            Err(e) => {
                return Err(PackageError::Damaged(format!("cannot read {name} ({e})")));
            }
        };
        if entry.encrypted() {
            return Err(PackageError::Encrypted("password-protected (encrypted)"));
        }
        let mut bytes = Vec::new();
        entry
            .take(self.left + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| PackageError::Damaged(format!("cannot unpack {name} ({e})")))?;
        if bytes.len() as u64 > self.left {
            return Err(PackageError::TooLarge(format!(
                "its text unpacks to more than {} bytes (the limit is --max-file-size)",
                self.max_total
            )));
        }
        self.left -= bytes.len() as u64;
        let bytes = bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .map(<[u8]>::to_vec)
            .unwrap_or(bytes);
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| PackageError::Damaged(format!("{name} is not UTF-8 XML")))
    }
}

/// One paragraph as read from the package.
#[derive(Debug, Clone)]
pub(crate) struct Para {
    pub kind: BlockKind,
    /// The text, as it becomes one line of the source (line ends inside it become spaces).
    pub text: String,
    /// Offsets in `text` of line breaks inside the paragraph (they end sentences).
    pub breaks: Vec<usize>,
    /// Every character of the text is bold or italic.
    pub emphasised: bool,
    /// Some text has been added.
    any_text: bool,
}

impl Para {
    pub fn new(kind: BlockKind) -> Self {
        Para {
            kind,
            text: String::new(),
            breaks: Vec::new(),
            emphasised: true,
            any_text: false,
        }
    }

    /// Adds text of a run.
    pub fn push(&mut self, s: &str, emphasised: bool) {
        if s.is_empty() {
            return;
        }
        // One line per paragraph: any line end in the text is a space.
        for c in s.chars() {
            self.text
                .push(if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
                    ' '
                } else {
                    c
                });
        }
        if !s.trim().is_empty() {
            self.any_text = true;
            self.emphasised &= emphasised;
        }
    }

    /// A line break inside the paragraph.
    pub fn line_break(&mut self) {
        self.breaks.push(self.text.len());
        self.text.push(' ');
    }

    /// Joins the next paragraph to this one (the mark between them was deleted).
    pub fn join(&mut self, next: Para) {
        let at = self.text.len();
        self.breaks.extend(next.breaks.iter().map(|b| b + at));
        self.text.push_str(&next.text);
        if next.any_text {
            self.emphasised &= next.emphasised;
            self.any_text = true;
        }
        if matches!(next.kind, BlockKind::Heading(_)) || self.text[..at].trim().is_empty() {
            self.kind = next.kind;
        }
    }
}

/// Builds the document: the source is the paragraphs' text, one per line, and each non-empty
/// paragraph is a block whose map points into it.
pub(crate) fn build(path: &str, format: Format, paras: Vec<Para>) -> Document {
    let mut source = String::with_capacity(paras.iter().map(|p| p.text.len() + 1).sum());
    let mut starts = Vec::with_capacity(paras.len());
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            source.push('\n');
        }
        starts.push(source.len());
        source.push_str(&p.text);
    }
    let mut doc = Document::new(path, String::new(), format);
    let mut sink = Sink::new();
    for (p, at) in paras.iter().zip(starts) {
        sink.start(p.kind);
        let mut from = 0;
        for &b in &p.breaks {
            sink.builder.push_source(&p.text[from..b], at + from);
            sink.split_heading_line(&mut doc.blocks);
            sink.builder.push_break(at + b..at + b + 1);
            from = b + 1;
        }
        sink.builder.push_source(&p.text[from..], at + from);
        sink.note_emphasis(p.any_text && p.emphasised);
        sink.finish_block(&mut doc.blocks);
    }
    doc.source = source;
    doc
}

/// The text a general reference (`&amp;`, `&#233;`) stands for.
pub(crate) fn reference(r: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    match r.as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
    .to_string()
}

/// The value of the attribute with local name `name`.
pub(crate) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().into_inner() == name)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// Is an on/off property (`<w:b/>`, `<w:b w:val="0"/>`) on?
pub(crate) fn on(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// An XML error, as a damaged package.
pub(crate) fn xml_error(part: &str, e: impl fmt::Display) -> PackageError {
    PackageError::Damaged(format!("{part} is not well-formed XML ({e})"))
}
