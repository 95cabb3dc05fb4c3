//! Byte spans and the map from a block's prose back to the source file.
//!
//! Parsers do not hand rules the source as it is: they drop markup, decode entities and
//! collapse runs of white space. Every byte of the resulting prose still knows where it came
//! from through a [`SpanMap`], so a finding always points at the exact source bytes. Lines and
//! columns are computed only at the edge, by [`LineIndex`].

use std::ops::Range;

use crate::text::char_at;

/// One stretch of prose and the source bytes it came from.
#[derive(Debug, Clone, Copy)]
struct Segment {
    /// Where the stretch starts in the prose.
    text_start: u32,
    /// Where its source starts in the file.
    src_start: u32,
    /// How many source bytes it stands for.
    src_len: u32,
    /// True when the prose bytes equal the source bytes one for one.
    exact: bool,
}

/// Maps byte offsets in a block's prose to byte offsets in the source.
#[derive(Debug, Clone, Default)]
pub struct SpanMap {
    segments: Vec<Segment>,
}

impl SpanMap {
    fn segment_at(&self, text_pos: usize) -> Option<&Segment> {
        let idx = self
            .segments
            .partition_point(|s| (s.text_start as usize) <= text_pos);
        idx.checked_sub(1).map(|i| &self.segments[i])
    }

    /// The source range of the prose range `text`.
    pub fn to_source(&self, text: Range<usize>) -> Range<usize> {
        let Some(first) = self.segment_at(text.start) else {
            return 0..0;
        };
        let start = if first.exact {
            first.src_start as usize + (text.start - first.text_start as usize)
        } else {
            first.src_start as usize
        };
        if text.end <= text.start {
            return start..start;
        }
        let last = self.segment_at(text.end - 1).unwrap_or(first);
        let end = if last.exact {
            last.src_start as usize + (text.end - last.text_start as usize)
        } else {
            (last.src_start + last.src_len) as usize
        };
        start..end.max(start)
    }

    /// The other way: the prose range (of a block whose prose is `text_len` bytes long) that
    /// came from source bytes inside `src`, or `None` when no prose did. Prose that stands for
    /// several source bytes (a decoded entity, collapsed white space) is in the range when
    /// any of its source bytes is. Used to show a finding's words in rendered text.
    pub fn to_text(&self, src: Range<usize>, text_len: usize) -> Option<Range<usize>> {
        let mut found: Option<Range<usize>> = None;
        for (i, s) in self.segments.iter().enumerate() {
            let t0 = s.text_start as usize;
            let t1 = self
                .segments
                .get(i + 1)
                .map_or(text_len, |n| n.text_start as usize);
            let s0 = s.src_start as usize;
            let s1 = s0 + s.src_len as usize;
            if src.start >= s1 || src.end <= s0 {
                continue;
            }
            let r = if s.exact {
                let a = t0 + (src.start.max(s0) - s0);
                let b = t0 + (src.end.min(s1) - s0);
                a.min(t1)..b.min(t1)
            } else {
                t0..t1
            };
            if r.is_empty() {
                continue;
            }
            found = Some(match found {
                Some(f) => f.start.min(r.start)..f.end.max(r.end),
                None => r,
            });
        }
        found
    }
}

/// Is `s` prose as it stands: ASCII words with one space between them, no other white space?
/// Then it is one run (as the general walk of [`TextBuilder::push_source`] would find).
fn plain_prose(s: &str) -> bool {
    let b = s.as_bytes();
    let mut after_space = true;
    for &c in b {
        let space = c == b' ';
        if c >= 0x80 || matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r') || (space && after_space) {
            return false;
        }
        after_space = space;
    }
    !after_space
}

/// Builds the prose of one block together with its [`SpanMap`].
///
/// White space runs (including line breaks and no-break spaces) become one space; white space
/// at the start and end of a block is dropped.
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    map: SpanMap,
    /// White space seen but not yet written: its source range and whether it is a hard break.
    pending: Option<(usize, usize, bool)>,
    /// The pending white space is a line break inside a paragraph (Markdown, plain text).
    pending_line: bool,
}

impl TextBuilder {
    /// A new, empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// The prose written so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when no prose has been written.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn flush_pending(&mut self, next: Option<char>) {
        let line = std::mem::take(&mut self.pending_line);
        if let Some((start, end, mut hard)) = self.pending.take()
            && !self.text.is_empty()
        {
            // A line break before a capital after a line with no closing punctuation ends a
            // sentence: lists written as bare lines are not one long sentence. After a
            // sentence's end it is kept as a line break too, so that a list of questions
            // written one per line can be read line by line.
            if line && !hard {
                let last = self.text.chars().next_back();
                let open = last.is_some_and(|c| {
                    c.is_alphanumeric() || matches!(c, ')' | '?' | '.' | '!' | ':')
                });
                // A line that opens with a symbol ("📍 Location: …", "• Full time", "✓ …")
                // is an item of its own, whatever ends the line before it.
                let symbol = next.is_some_and(|c| {
                    !c.is_ascii()
                        && !c.is_alphanumeric()
                        && !c.is_whitespace()
                        && !matches!(
                            c,
                            '\u{201c}'
                                | '\u{2018}'
                                | '\u{2019}'
                                | '\u{201d}'
                                | '\u{2013}'
                                | '\u{2014}'
                                | '\u{a0}'
                        )
                });
                hard = (open && next.is_some_and(char::is_uppercase)) || symbol;
            }
            self.push_segment(if hard { "\n" } else { " " }, start, end - start, false);
        }
    }

    fn push_segment(&mut self, s: &str, src_start: usize, src_len: usize, exact: bool) {
        if s.is_empty() {
            return;
        }
        let text_start = self.text.len();
        // Merge with the previous exact segment when contiguous, to keep the map small.
        if exact && let Some(last) = self.map.segments.last_mut() {
            let last_text_len = text_start - last.text_start as usize;
            if last.exact
                && (last.src_start as usize + last_text_len) == src_start
                && last.src_len as usize == last_text_len
            {
                last.src_len += src_len as u32;
                self.text.push_str(s);
                return;
            }
        }
        self.map.segments.push(Segment {
            text_start: text_start as u32,
            src_start: src_start as u32,
            src_len: src_len as u32,
            exact,
        });
        self.text.push_str(s);
    }

    fn note_space(&mut self, start: usize, end: usize, hard: bool) {
        match &mut self.pending {
            Some((_, e, h)) => {
                *e = end.max(*e);
                *h |= hard;
            }
            None => self.pending = Some((start, end, hard)),
        }
    }

    /// Appends source text that appears verbatim at `src_start`.
    pub fn push_source(&mut self, s: &str, src_start: usize) {
        if plain_prose(s) {
            self.push_run(s, src_start, false);
        } else {
            self.push_source_by_runs(s, src_start);
        }
    }

    /// [`push_source`](Self::push_source), run of white space by run.
    fn push_source_by_runs(&mut self, s: &str, src_start: usize) {
        let mut run_start = 0;
        let mut in_space = false;
        let mut i = 0;
        while let Some(c) = char_at(s, i) {
            // One plain space between two words is prose as it stands: it stays in the run
            // (the map needs no segment of its own for it).
            let space = c.is_whitespace()
                && !(c == ' '
                    && i > 0
                    && !in_space
                    && char_at(s, i + 1).is_some_and(|d| !d.is_whitespace()));
            if space != in_space {
                if i > run_start {
                    self.push_run(&s[run_start..i], src_start + run_start, in_space);
                }
                run_start = i;
                in_space = space;
            }
            i += c.len_utf8();
        }
        if run_start < s.len() {
            self.push_run(&s[run_start..], src_start + run_start, in_space);
        }
    }

    fn push_run(&mut self, run: &str, src_start: usize, space: bool) {
        if space {
            self.note_space(src_start, src_start + run.len(), false);
        } else {
            self.flush_pending(run.chars().next());
            self.push_segment(run, src_start, run.len(), true);
        }
    }

    /// Appends decoded text (an entity, an escape) that stands for the source range `src`.
    pub fn push_decoded(&mut self, s: &str, src: Range<usize>) {
        if s.chars().all(char::is_whitespace) {
            self.note_space(src.start, src.end, false);
            return;
        }
        self.flush_pending(s.chars().next());
        self.push_segment(s, src.start, src.end - src.start, false);
    }

    /// Notes a soft separator (a line break inside a paragraph, an inline element boundary).
    pub fn push_space(&mut self, src: Range<usize>) {
        self.note_space(src.start, src.end, false);
    }

    /// Notes a line break inside a paragraph (a Markdown soft break, a wrapped text line). It
    /// reads as a space, unless the line before has no closing punctuation and the next
    /// starts with a capital: then it ends a sentence.
    pub fn push_line_break(&mut self, src: Range<usize>) {
        self.note_space(src.start, src.end, false);
        self.pending_line = true;
    }

    /// Notes a hard line break (`<br>`): sentences end there.
    pub fn push_break(&mut self, src: Range<usize>) {
        self.note_space(src.start, src.end, true);
    }

    /// The prose and its map; trailing white space is dropped.
    pub fn finish(self) -> (String, SpanMap) {
        (self.text, self.map)
    }
}

/// Turns byte offsets of a source into 1-based lines and character columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    bom: bool,
}

impl LineIndex {
    /// Indexes `source`.
    pub fn new(source: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(source.as_bytes()));
        LineIndex {
            line_starts,
            bom: source.starts_with('\u{feff}'),
        }
    }

    /// The 1-based line and column (in Unicode scalar values) of byte `offset`.
    /// A UTF-8 byte order mark is not a column.
    pub fn position(&self, source: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(source.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let mut col = source
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0)
            + 1;
        if line == 0 && self.bom && offset > 0 {
            col -= 1;
        }
        (line + 1, col)
    }

    /// Like [`position`](Self::position), but counts from `from` (an earlier offset on the
    /// same line, with its known column) when it can: positions asked in increasing order on
    /// one very long line then cost the distance between them, not the whole line.
    pub fn position_from(
        &self,
        source: &str,
        offset: usize,
        from: Option<(usize, usize, usize)>,
    ) -> (usize, usize) {
        let offset = offset.min(source.len());
        if let Some((at, line, col)) = from {
            let line_start = self.line_starts[line - 1];
            let next = self.line_starts.get(line).copied().unwrap_or(usize::MAX);
            let bom_start = line == 1 && self.bom && at < 3;
            if !bom_start
                && at >= line_start
                && at <= offset
                && offset < next
                && let Some(between) = source.get(at..offset)
            {
                return (line, col + between.chars().count());
            }
        }
        self.position(source, offset)
    }

    /// The number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte range of line `line` (1-based), without its line end.
    pub fn line_range(&self, source: &str, line: usize) -> Range<usize> {
        let start = self.line_starts[line - 1];
        let mut end = self
            .line_starts
            .get(line)
            .map(|&n| n - 1)
            .unwrap_or(source.len());
        if end > start && source.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end
    }
}

/// Where lines start: after each `\n`, and after each `\r` that no `\n` follows (old Mac
/// line ends, which editors and Markdown also read as line ends).
fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, b)| *b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let src = "one\rtwo\r\nthree\nfour";
        let idx = LineIndex::new(src);
        assert_eq!(idx.position(src, src.find("two").unwrap()), (2, 1));
        assert_eq!(idx.position(src, src.find("three").unwrap()), (3, 1));
        assert_eq!(idx.position(src, src.find("four").unwrap()), (4, 1));
    }

    #[test]
    fn source_ranges_map_back_to_prose() {
        // "A &amp; B\n  c": the entity and the white space each stand for several bytes.
        let mut b = TextBuilder::new();
        b.push_source("A ", 0);
        b.push_decoded("&", 2..7);
        b.push_source(" B", 7);
        b.push_space(9..12);
        b.push_source("c", 12);
        let (text, map) = b.finish();
        assert_eq!(text, "A & B c");
        // The words before the entity.
        assert_eq!(map.to_text(0..1, text.len()), Some(0..1));
        // Part of the entity's source is the whole decoded character.
        assert_eq!(map.to_text(3..4, text.len()), Some(2..3));
        assert_eq!(map.to_text(8..13, text.len()), Some(4..7));
        // Source that gave no prose, and source outside the block.
        assert_eq!(map.to_text(40..50, text.len()), None);
        // Each way round gives the same words.
        let r = map.to_text(0..13, text.len()).unwrap();
        assert_eq!(&text[r.clone()], "A & B c");
        assert_eq!(map.to_source(r), 0..13);
    }

    proptest::proptest! {
        /// Plain prose pushed as one run gives the same prose and map as the walk by runs.
        #[test]
        fn plain_prose_shortcut_is_the_walk(
            parts in proptest::collection::vec("[a-c .\t\n]{0,12}", 1..4)
        ) {
            let (mut quick, mut walk) = (TextBuilder::new(), TextBuilder::new());
            let mut at = 0;
            for p in &parts {
                quick.push_source(p, at);
                walk.push_source_by_runs(p, at);
                quick.push_space(at + p.len()..at + p.len() + 1);
                walk.push_space(at + p.len()..at + p.len() + 1);
                at += p.len() + 1;
            }
            let (qt, qm) = quick.finish();
            let (wt, wm) = walk.finish();
            proptest::prop_assert_eq!(&qt, &wt);
            for a in 0..=qt.len() {
                for b in a..=qt.len() {
                    proptest::prop_assert_eq!(qm.to_source(a..b), wm.to_source(a..b));
                }
            }
        }
    }

    #[test]
    fn collapses_space_and_maps_back() {
        let src = "great\n   team  player";
        let mut b = TextBuilder::new();
        b.push_source(src, 0);
        let (text, map) = b.finish();
        assert_eq!(text, "great team player");
        let r = map.to_source(6..17);
        assert_eq!(&src[r], "team  player");
    }

    #[test]
    fn decoded_entity_maps_to_whole_entity() {
        let src = "R&amp;D team";
        let mut b = TextBuilder::new();
        b.push_source("R", 0);
        b.push_decoded("&", 1..6);
        b.push_source("D team", 6);
        let (text, map) = b.finish();
        assert_eq!(text, "R&D team");
        assert_eq!(&src[map.to_source(0..3)], "R&amp;D");
        assert_eq!(&src[map.to_source(1..2)], "&amp;");
    }

    #[test]
    fn columns_count_characters_and_skip_bom() {
        let src = "\u{feff}héllo\r\nwörld";
        let idx = LineIndex::new(src);
        assert_eq!(idx.position(src, 3), (1, 1));
        let w = src.find("wörld").unwrap();
        assert_eq!(idx.position(src, w), (2, 1));
        let d = src.find('d').unwrap();
        assert_eq!(idx.position(src, d), (2, 5));
        assert_eq!(&src[idx.line_range(src, 1)], "\u{feff}héllo");
    }
}
