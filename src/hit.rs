//! Hits: where the engine found a rule's phrase or pattern in a block, before any rule kind
//! has decided what they mean. A leaf module, shared by the [`engine`](crate::engine), which
//! finds hits, and [`check`](crate::check), which turns them into findings.

use std::ops::Range;

/// What a hit means for its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// The rule's own phrase or pattern (or `[when]`).
    Match,
    /// Justification (`[unless]`) or presence (`[present]`) evidence.
    Evidence,
    /// A phrase that cancels a match it contains.
    Exception,
}

/// One place in a block where a rule's phrase or pattern occurs.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The rule's index in the engine.
    pub rule: usize,
    /// What the hit means.
    pub role: Role,
    /// The block's index in the document.
    pub block: usize,
    /// The byte range in the block's prose.
    pub range: Range<usize>,
}
