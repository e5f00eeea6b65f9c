//! What `serve` keeps between rebuilds: each document as parsed and
//! each body as transformed, keyed by a hash of everything they depend on.
//! A document is keyed by its path, size and modification time, a body by
//! its text and the link table it was resolved against. After a one-file
//! edit, a rebuild reads one file and transforms one body. Trackers and
//! radar data are not kept: every rebuild reads them, so an edit to one
//! keeps the cache and re-plans what shows it. A change to anything else
//! (site.yaml, the theme, static files) starts afresh ([`Cache::clear`]).
//! `build` and `check` use no cache.
//!
//! Entries not used by a rebuild are dropped at the start of the next one,
//! so the cache holds one site, not the history of every edit.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::Error;
use crate::content::{DocMemo, Parsed};
use crate::diag::Diagnostics;
use crate::markdown::Rendered;
use crate::render::templates::Templates;

/// A transformed body and what transforming said.
pub(crate) type Transformed = (Arc<Rendered>, Diagnostics);

/// The caches of one `serve` session.
#[derive(Default)]
pub struct Cache {
    docs: Store<Parsed>,
    bodies: Store<Transformed>,
    /// The parsed templates: only a theme or site.yaml change, which clears
    /// the cache, can change them.
    templates: Mutex<Option<Arc<Templates>>>,
    /// Values made from the theme and site.yaml alone, one of each type
    /// (the social cards' painter: the theme's fonts, measured), kept until
    /// the cache is cleared.
    kept: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl Cache {
    /// An empty cache.
    pub fn new() -> Cache {
        Cache::default()
    }

    /// Forgets everything: for a change the keys do not cover.
    pub fn clear(&self) {
        self.docs.clear();
        self.bodies.clear();
        *self.templates.lock().unwrap_or_else(|p| p.into_inner()) = None;
        self.kept.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    /// The kept value of type `T`, made with `f` on a miss: only for a value
    /// that depends on nothing but the theme and site.yaml.
    pub(crate) fn kept<T: Any + Send + Sync>(&self, f: impl FnOnce() -> T) -> Arc<T> {
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(v) = kept.get(&TypeId::of::<T>()).and_then(|v| Arc::clone(v).downcast::<T>().ok()) {
            return v;
        }
        let v = Arc::new(f());
        kept.insert(TypeId::of::<T>(), v.clone());
        v
    }

    /// The parsed templates, loading them with `f` on a miss (a failed load is not kept).
    pub(crate) fn templates(
        &self,
        f: impl FnOnce() -> Result<Option<Templates>, Error>,
    ) -> Result<Option<Arc<Templates>>, Error> {
        let mut t = self.templates.lock().unwrap_or_else(|p| p.into_inner());
        if t.is_none() {
            *t = f()?.map(Arc::new);
        }
        Ok(t.clone())
    }

    /// Starts a rebuild: what the previous one did not use is dropped.
    pub(crate) fn begin(&self) {
        self.docs.rotate();
        self.bodies.rotate();
    }

    /// The transformed body of `key`, transforming it with `f` on a miss.
    pub(crate) fn body(&self, key: u64, f: impl FnOnce() -> Transformed) -> Transformed {
        self.bodies.get_or(key, f)
    }

    /// Number of entries kept, for tests.
    pub fn len(&self) -> (usize, usize) {
        (self.docs.len(), self.bodies.len())
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == (0, 0)
    }
}

/// A document is keyed by its path, size and modification time.
impl DocMemo for Cache {
    fn doc(
        &self,
        rel: &std::path::Path,
        meta: &std::fs::Metadata,
        parse: &(dyn Fn() -> Result<Parsed, Error> + Sync),
    ) -> Result<(u64, Parsed), Error> {
        let mtime = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
        let nanos = mtime.map_or(0, |t| t.as_nanos());
        let key = key(&[rel.as_os_str().as_encoded_bytes(), &meta.len().to_le_bytes(), &nanos.to_le_bytes()]);
        Ok((key, self.docs.try_get_or(key, parse)?))
    }
}

/// A hash of `parts`, for cache keys.
pub(crate) fn key(parts: &[&[u8]]) -> u64 {
    let mut h = DefaultHasher::new();
    for p in parts {
        p.hash(&mut h);
    }
    h.finish()
}

/// Entries of this rebuild and of the previous one.
struct Store<T> {
    gens: Mutex<(HashMap<u64, T>, HashMap<u64, T>)>,
}

impl<T> Default for Store<T> {
    fn default() -> Self {
        Store { gens: Mutex::new((HashMap::new(), HashMap::new())) }
    }
}

impl<T: Clone> Store<T> {
    fn lock(&self) -> MutexGuard<'_, (HashMap<u64, T>, HashMap<u64, T>)> {
        self.gens.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn get_or(&self, key: u64, f: impl FnOnce() -> T) -> T {
        match self.try_get_or(key, || Ok::<T, std::convert::Infallible>(f())) {
            Ok(v) => v,
            Err(never) => match never {},
        }
    }

    fn try_get_or<E>(&self, key: u64, f: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
        {
            let mut g = self.lock();
            let (current, previous) = &mut *g;
            if let Some(v) = current.get(&key) {
                return Ok(v.clone());
            }
            if let Some(v) = previous.remove(&key) {
                current.insert(key, v.clone());
                return Ok(v);
            }
        }
        let v = f()?;
        self.lock().0.insert(key, v.clone());
        Ok(v)
    }

    fn rotate(&self) {
        let mut g = self.lock();
        g.1 = std::mem::take(&mut g.0);
    }

    fn clear(&self) {
        let mut g = self.lock();
        g.0.clear();
        g.1.clear();
    }

    fn len(&self) -> usize {
        let g = self.lock();
        g.0.len() + g.1.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_skips_the_work_and_unused_entries_go() {
        let s: Store<u32> = Store::default();
        assert_eq!(s.get_or(1, || 10), 10);
        assert_eq!(s.get_or(1, || panic!("cached")), 10);
        s.rotate();
        assert_eq!(s.get_or(2, || 20), 20);
        // Key 1 was not used by this rebuild: gone after the next rotation.
        s.rotate();
        assert_eq!(s.get_or(1, || 11), 11);
        assert_eq!(s.get_or(2, || panic!("kept one rebuild")), 20);
    }

    #[test]
    fn a_kept_value_is_made_once_until_the_cache_is_cleared() {
        let c = Cache::new();
        assert_eq!(*c.kept(|| 1u32), 1);
        assert_eq!(*c.kept(|| 2u32), 1, "kept");
        assert_eq!(*c.kept(|| "other type"), "other type");
        c.clear();
        assert_eq!(*c.kept(|| 3u32), 3, "made again after a clear");
    }

    #[test]
    fn keys_differ_with_any_part() {
        assert_ne!(key(&[b"a", b"bc"]), key(&[b"ab", b"c"]));
        assert_eq!(key(&[b"x"]), key(&[b"x"]));
    }
}
