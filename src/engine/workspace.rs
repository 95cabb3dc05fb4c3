//! What checking a document needs besides the compiled rules: buffers reused from block to
//! block and document to document, and the hits of recently seen blocks. One [`Workspace`] per
//! document being checked, taken from a [`Pool`] and given back when it is dropped.

use std::ops::Range;
use std::sync::Mutex;

use super::compile::Kinds;
use crate::hit::{Hit, Role};

/// The hits of recently checked blocks, by kind and prose: careers sites and job boards repeat
/// whole paragraphs (about the company, benefits, equal opportunity) from ad to ad, and a
/// repeated paragraph has the same hits. Bounded: emptied when it holds more than
/// [`BlockCache::MAX_BYTES`].
#[derive(Default)]
pub(super) struct BlockCache {
    /// By kind and hash of the prose: the prose and its hits.
    map: std::collections::HashMap<(Kinds, u64), CachedBlock, rustc_hash::FxBuildHasher>,
    bytes: usize,
}

/// A hit without its block: (rule, role, range).
pub(super) type CachedHit = (u32, Role, Range<u32>);

/// A block's prose, its hits, and the evidence expressions left for later (see
/// `Tables::deferred_hits`).
type CachedBlock = (Box<str>, Box<[CachedHit]>, Box<[u32]>);

impl BlockCache {
    const MAX_BYTES: usize = 2 << 20;

    /// The key of `text`: a quick hash (the prose is compared too, so a collision only
    /// misses).
    pub(super) fn key(kind: Kinds, text: &str) -> (Kinds, u64) {
        use std::hash::BuildHasher;
        (kind, rustc_hash::FxBuildHasher.hash_one(text))
    }

    pub(super) fn get(&self, key: (Kinds, u64), text: &str) -> Option<(&[CachedHit], &[u32])> {
        match self.map.get(&key) {
            Some((prose, hits, deferred)) if &**prose == text => Some((hits, deferred)),
            _ => None,
        }
    }

    pub(super) fn insert(&mut self, key: (Kinds, u64), text: &str, hits: &[Hit], deferred: &[u32]) {
        let size = text.len() + std::mem::size_of_val(hits) + std::mem::size_of_val(deferred);
        if size > Self::MAX_BYTES {
            return;
        }
        if self.bytes + size > Self::MAX_BYTES {
            self.map.clear();
            self.bytes = 0;
        }
        let found = hits
            .iter()
            .map(|h| {
                (
                    h.rule as u32,
                    h.role,
                    h.range.start as u32..h.range.end as u32,
                )
            })
            .collect();
        self.bytes += size;
        self.map.insert(key, (text.into(), found, deferred.into()));
    }
}

/// Buffers reused from block to block, and from document to document.
#[derive(Default)]
pub(super) struct Scratch {
    /// Per expression, 1 where a word of its first group was found in the block (all zero
    /// between blocks).
    pub(super) found: Vec<u8>,
    /// The expressions with a word of their first group found in the block.
    pub(super) touched: Vec<usize>,
    /// Per pattern of the automaton, whether it was found in the block (all false between
    /// blocks): a word counts once, and short ones occur often.
    pub(super) seen: Vec<bool>,
    /// The patterns noted in the block.
    pub(super) seen_list: Vec<usize>,
    /// The expressions to run on the block.
    pub(super) run: Vec<usize>,
    /// Matches of `near` sides: (pair, is first side, range).
    pub(super) sides: Vec<(usize, bool, Range<usize>)>,
    /// The evidence expressions whose words the block has, left for later.
    pub(super) deferred: Vec<u32>,
    /// Which expressions without required words may match in the block (see
    /// [`prefilter_set`](crate::lazy_regex::prefilter_set)); sized for the kind last checked.
    pub(super) may: Option<regex_automata::PatternSet>,
}

/// Workspaces for reuse: one per document being checked at a time.
#[derive(Default)]
pub(super) struct Pool(Mutex<Vec<(Scratch, BlockCache)>>);

impl Pool {
    /// A workspace, reused when one is free; it goes back to the pool when dropped.
    pub(super) fn take(&self) -> Workspace<'_> {
        let (scratch, cache) = self
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop()
            .unwrap_or_default();
        Workspace {
            pool: self,
            scratch,
            cache,
        }
    }
}

/// The buffers and block results of one document being checked.
pub(super) struct Workspace<'a> {
    pool: &'a Pool,
    /// Buffers for finding the hits of a block.
    pub(super) scratch: Scratch,
    /// The hits of recently checked blocks.
    pub(super) cache: BlockCache,
}

impl Drop for Workspace<'_> {
    fn drop(&mut self) {
        let parts = (
            std::mem::take(&mut self.scratch),
            std::mem::take(&mut self.cache),
        );
        self.pool
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(parts);
    }
}

#[cfg(test)]
mod tests {
    use super::{BlockCache, Hit, Pool, Role};

    #[test]
    fn the_block_cache_stays_bounded() {
        let mut cache = BlockCache::default();
        let hit = Hit {
            rule: 1,
            role: Role::Match,
            block: 0,
            range: 2..5,
        };
        let text = "x".repeat(1000);
        for i in 0..10_000 {
            let t = format!("{i}{text}");
            let key = BlockCache::key(super::super::compile::Kinds::of(crate::DocKind::JobAd), &t);
            cache.insert(key, &t, std::slice::from_ref(&hit), &[7]);
            assert!(cache.bytes <= BlockCache::MAX_BYTES);
            assert_eq!(
                cache.get(key, &t),
                Some((&[(1, Role::Match, 2..5)][..], &[7][..]))
            );
            let other = BlockCache::key(
                super::super::compile::Kinds::of(crate::DocKind::Interview),
                &t,
            );
            assert_eq!(cache.get(other, &t), None);
            // A different text under the same key (a hash collision) is a miss.
            assert_eq!(cache.get(key, "another text"), None);
        }
        // A block bigger than the whole cache is not kept.
        let huge = "y".repeat(BlockCache::MAX_BYTES + 1);
        let key = BlockCache::key(
            super::super::compile::Kinds::of(crate::DocKind::JobAd),
            &huge,
        );
        cache.insert(key, &huge, &[], &[]);
        assert!(cache.bytes <= BlockCache::MAX_BYTES);
        assert_eq!(cache.get(key, &huge), None);
    }

    #[test]
    fn a_workspace_goes_back_to_the_pool_when_dropped() {
        let pool = Pool::default();
        {
            let mut w = pool.take();
            w.scratch.found.resize(7, 0);
        }
        assert_eq!(pool.0.lock().unwrap().len(), 1);
        // The buffers come back as they were left, sized for the next document.
        let w = pool.take();
        assert_eq!(w.scratch.found.len(), 7);
        assert!(pool.0.lock().unwrap().is_empty());
        let other = pool.take();
        drop((w, other));
        assert_eq!(pool.0.lock().unwrap().len(), 2);
    }
}
