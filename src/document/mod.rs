//! The one document model every parser produces and every rule reads.
//!
//! A [`Document`] is an ordered list of [`Block`]s (headings, paragraphs, list items, table
//! cells, quotes). Each block carries its prose, the [`SpanMap`] back to the source, and the
//! [`Section`] it belongs to. Parsers fill in the blocks; [`sections`] classifies headings and
//! guesses the document [`DocKind`] when the document does not say it.

pub mod sections;
pub mod span;

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use span::{LineIndex, SpanMap, TextBuilder};

use crate::text::{Normalized, sentences};

/// The source format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// CommonMark with GFM tables.
    Markdown,
    /// An HTML page or fragment.
    Html,
    /// Plain text.
    Text,
    /// A Word file (.docx); its source is the extracted text, one line per paragraph.
    Docx,
    /// An OpenDocument text file (.odt); its source is the extracted text, one line per
    /// paragraph.
    Odt,
}

impl Format {
    /// The format for a file name, from its extension; `None` for other files.
    pub fn from_path(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "txt" | "text" => Some(Format::Text),
            "docx" => Some(Format::Docx),
            "odt" => Some(Format::Odt),
            _ => None,
        }
    }

    /// The format a text is declared in by name (a JSON Lines field, an API request):
    /// `markdown`/`md`, `html`/`htm` or `text`/`txt`/`plain`, in any case. Packages have no
    /// such name: their bytes are never text.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "markdown" | "md" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "text" | "txt" | "plain" => Some(Format::Text),
            _ => None,
        }
    }

    /// Is this a zip package of XML (Word, OpenDocument), read from bytes with
    /// [`parse_package`](crate::parse::parse_package)?
    pub fn is_package(self) -> bool {
        matches!(self, Format::Docx | Format::Odt)
    }
}

/// What a document is, which decides the rules that apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    /// A job advertisement or job description.
    JobAd,
    /// An internal interview script, interviewer guide or question bank.
    Interview,
    /// A candidate-facing page about the hiring process, or an interview invitation.
    Process,
    /// Anything else.
    Other,
}

impl DocKind {
    /// How many kinds there are.
    pub const COUNT: usize = 4;

    /// Every kind, in [`DocKind::index`] order.
    pub const ALL: [DocKind; DocKind::COUNT] = [
        DocKind::JobAd,
        DocKind::Interview,
        DocKind::Process,
        DocKind::Other,
    ];

    /// A number for each kind, from 0 to `COUNT - 1`.
    pub fn index(self) -> usize {
        match self {
            DocKind::JobAd => 0,
            DocKind::Interview => 1,
            DocKind::Process => 2,
            DocKind::Other => 3,
        }
    }

    /// Parses `job-ad`, `interview`, `process` or `other` (also a few common spellings).
    pub fn parse(s: &str) -> Option<DocKind> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace(['_', ' '], "-")
            .as_str()
        {
            "job-ad" | "job" | "jobad" | "job-description" | "ad" | "vacancy" => {
                Some(DocKind::JobAd)
            }
            "interview" | "interview-script" | "interview-guide" | "questions" => {
                Some(DocKind::Interview)
            }
            "process" | "hiring-process" | "invitation" => Some(DocKind::Process),
            "other" => Some(DocKind::Other),
            _ => None,
        }
    }

    /// The name used in rule files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::JobAd => "job-ad",
            DocKind::Interview => "interview",
            DocKind::Process => "process",
            DocKind::Other => "other",
        }
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where the document kind came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindSource {
    /// Front matter `kind`, or `<meta name="hirelint-kind">`.
    Declared,
    /// The configuration (a glob) or the command line.
    Configured,
    /// Guessed from the content.
    Guessed,
}

/// The part of a document a block belongs to, from the heading above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    /// About the organisation or team.
    About,
    /// What the job involves.
    Duties,
    /// What the candidate must bring.
    Requirements,
    /// What would be good but is not required.
    NiceToHave,
    /// Pay and benefits.
    Benefits,
    /// How hiring works: steps, adjustments, how to apply.
    Process,
    /// Interview questions.
    Questions,
    /// No heading, or a heading that names no known section.
    Other,
}

impl Section {
    /// All sections, in the order of `rules/sections.toml` names.
    pub const ALL: [Section; 8] = [
        Section::About,
        Section::Duties,
        Section::Requirements,
        Section::NiceToHave,
        Section::Benefits,
        Section::Process,
        Section::Questions,
        Section::Other,
    ];

    /// The section's place in [`Section::ALL`].
    pub fn index(self) -> usize {
        Section::ALL
            .iter()
            .position(|&s| s == self)
            .unwrap_or(Section::ALL.len() - 1)
    }

    /// Parses a section name as used in rule files.
    pub fn parse(s: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The name used in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Section::About => "about",
            Section::Duties => "duties",
            Section::Requirements => "requirements",
            Section::NiceToHave => "nice-to-have",
            Section::Benefits => "benefits",
            Section::Process => "process",
            Section::Questions => "questions",
            Section::Other => "other",
        }
    }
}

/// The structural kind of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of the given level (1 to 6).
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// A list item.
    ListItem,
    /// A table cell.
    TableCell,
    /// A block quote paragraph.
    Quote,
}

/// One block of prose.
#[derive(Debug, Clone)]
pub struct Block {
    /// Heading, paragraph, list item, …
    pub kind: BlockKind,
    /// The prose rules see: markup removed, entities decoded, white space collapsed.
    pub text: String,
    /// `text` in normal form, where phrases are matched (worked out once, as every check
    /// needs it).
    pub norm: Normalized,
    /// The sentences of `text`, as byte ranges (see [`sentences`]).
    pub sentences: Vec<Range<usize>>,
    /// From prose bytes back to source bytes.
    pub map: SpanMap,
    /// The section this block belongs to (for a heading: the section it starts).
    pub section: Section,
    /// True when the block reads as a heading although it is a paragraph ("**Requirements:**").
    pub pseudo_heading: bool,
    /// True when every word of the block is bold or emphasised (a likely pseudo-heading).
    pub emphasised: bool,
    /// For prose from front matter: the section its key names (`requirements:`), kept
    /// whatever the headings around it say.
    pub fixed_section: Option<Section>,
}

impl Block {
    /// A new block in section [`Section::Other`].
    pub fn new(kind: BlockKind, text: String, map: SpanMap) -> Self {
        Block {
            kind,
            norm: Normalized::new(&text),
            sentences: sentences(&text),
            text,
            map,
            section: Section::Other,
            pseudo_heading: false,
            emphasised: false,
            fixed_section: None,
        }
    }

    /// The source byte range of the prose range `text`.
    pub fn source_range(&self, text: Range<usize>) -> Range<usize> {
        self.map.to_source(text)
    }

    /// True for headings and paragraphs that act as headings.
    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading(_)) || self.pseudo_heading
    }
}

/// An HTML comment in the source (for inline suppressions).
#[derive(Debug, Clone)]
pub struct Comment {
    /// The source range of the whole comment.
    pub span: Range<usize>,
    /// The text between `<!--` and `-->`, trimmed.
    pub text: String,
}

/// A parsed document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path shown in findings.
    pub path: String,
    /// The source as given (after decoding to UTF-8).
    pub source: String,
    /// The source format.
    pub format: Format,
    /// What the document is.
    pub kind: DocKind,
    /// Where `kind` came from.
    pub kind_source: KindSource,
    /// The language, from front matter or `<html lang>`.
    pub lang: Option<String>,
    /// Front matter fields, flattened (`salary.min` for nested tables), values as text.
    pub front_matter: BTreeMap<String, String>,
    /// The blocks, in source order.
    pub blocks: Vec<Block>,
    /// HTML comments, in source order.
    pub comments: Vec<Comment>,
    /// Where the lines of `source` start, worked out once when first asked for (see
    /// [`Document::lines`]).
    lines: std::sync::OnceLock<LineIndex>,
}

impl Document {
    /// An empty document of the given format.
    pub fn new(path: &str, source: String, format: Format) -> Self {
        Document {
            path: path.to_string(),
            source,
            format,
            kind: DocKind::Other,
            kind_source: KindSource::Guessed,
            lang: None,
            front_matter: BTreeMap::new(),
            blocks: Vec::new(),
            comments: Vec::new(),
            lines: std::sync::OnceLock::new(),
        }
    }

    /// The line index of `source`, made once per document for all who turn offsets into
    /// lines and columns (findings, suppression comments). `source` must not change after
    /// it is first asked for; the parsers set it once.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.source))
    }

    /// The first heading block of `section`, if any.
    pub fn section_heading(&self, section: Section) -> Option<&Block> {
        self.blocks
            .iter()
            .find(|b| b.is_heading() && b.section == section)
    }
}
