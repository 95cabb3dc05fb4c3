//! The block being read: its prose and kind, collected by every parser into the document's
//! blocks.

use crate::document::{Block, BlockKind, TextBuilder};

/// The longest first line of a paragraph taken for a label ("Who you are:"), in bytes.
const MAX_LABEL_BYTES: usize = 400;

/// Collects the prose of the block being read; shared by the parsers.
#[derive(Debug)]
pub(crate) struct Sink {
    pub builder: TextBuilder,
    kind: Option<BlockKind>,
    all_emphasised: bool,
    any_text: bool,
    pub list_depth: usize,
}

impl Sink {
    pub fn new() -> Self {
        Sink {
            builder: TextBuilder::new(),
            kind: None,
            all_emphasised: true,
            any_text: false,
            list_depth: 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.builder.is_empty()
    }

    pub fn started(&self) -> bool {
        self.kind.is_some()
    }

    pub fn in_kind(&self, kind: BlockKind) -> bool {
        self.kind == Some(kind)
    }

    pub fn start(&mut self, kind: BlockKind) {
        self.kind = Some(kind);
    }

    pub fn ensure_started(&mut self, kind: BlockKind) {
        if self.kind.is_none() {
            self.kind = Some(kind);
        }
    }

    pub fn note_emphasis(&mut self, emphasised: bool) {
        self.any_text = true;
        self.all_emphasised &= emphasised;
    }

    /// At a line break inside a paragraph: a short first line ending in `:` ("Who you
    /// are:") is a heading of its own, so it ends the block.
    pub fn split_heading_line(&mut self, blocks: &mut Vec<Block>) {
        if self.kind != Some(BlockKind::Paragraph) {
            return;
        }
        // This runs at every line break of a paragraph, so it must not read the whole
        // paragraph so far (a million line breaks took 581 s): a label line is short in bytes
        // too, and the cheap end tests come first.
        let text = self.builder.text();
        if text.len() > MAX_LABEL_BYTES {
            return;
        }
        let t = text.trim_end();
        let label = t.ends_with(':')
            || (t.ends_with(')')
                && t.split_once(": (")
                    .is_some_and(|(_, rest)| !rest.contains(':')));
        // Counting stops at 9 words.
        let short = label && crate::text::words(t).take(9).count() <= 8;
        if short && label {
            self.finish_block(blocks);
            self.start(BlockKind::Paragraph);
        }
    }

    pub fn finish_block(&mut self, blocks: &mut Vec<Block>) {
        let builder = std::mem::take(&mut self.builder);
        let kind = self.kind.take().unwrap_or(BlockKind::Paragraph);
        let emphasised = self.any_text && self.all_emphasised;
        self.all_emphasised = true;
        self.any_text = false;
        if builder.is_empty() {
            return;
        }
        let (text, map) = builder.finish();
        let mut block = Block::new(kind, text, map);
        block.emphasised = emphasised;
        blocks.push(block);
    }
}
