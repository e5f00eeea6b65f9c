//! Watching the site folder: file-system events -> [`Change`] (SPEC §8).
//!
//! [`classify`] is the pure part: it decides whether an event concerns the
//! site (`site.yaml`, `content/`, `themes/`) or is noise (the output folder,
//! `.git`, editor swap and backup files, reads). [`Watcher`] wires it to
//! notify's debouncer, which folds the burst of events an editor's save
//! makes into one.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::Error;

/// Quiet time after the last event before a rebuild: long enough to fold
/// one save (write, rename, chmod: a millisecond or two apart) into one
/// rebuild, short enough that it is not most of the wait between saving
/// and seeing the page (docs/performance.md).
const DEBOUNCE: Duration = Duration::from_millis(20);

/// What changed, as far as a rebuild is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Change {
    /// `site.yaml`.
    Config,
    /// A file under `content/` (path relative to the site root).
    Content(PathBuf),
    /// A file under `themes/` (path relative to the site root).
    Theme(PathBuf),
}

impl Change {
    /// A brief or page (`content/briefs/` or `content/pages/`, `.md`).
    pub(crate) fn is_document(&self) -> bool {
        match self {
            Change::Content(p) => {
                let mut parts = p.components().map(|c| c.as_os_str().to_string_lossy());
                let (first, second) = (parts.next(), parts.next());
                first.as_deref() == Some("content")
                    && matches!(second.as_deref(), Some("briefs" | "pages"))
                    && p.extension().is_some_and(|e| e == "md")
            }
            Change::Config | Change::Theme(_) => false,
        }
    }

    /// What the serve cache may keep its entries across ([`crate::cache`]):
    /// a brief or page (each is keyed by its own file), a tracker or a
    /// country's radar data (no document or body is made from them, so the
    /// rebuild re-reads them and re-plans their pages, the briefs citing
    /// them and the country pages). Anything else (site.yaml, the theme,
    /// content/static/, which documents' attachments are checked against)
    /// starts afresh.
    pub(crate) fn keeps_cache(&self) -> bool {
        if self.is_document() {
            return true;
        }
        let Change::Content(p) = self else { return false };
        let mut parts = p.components().map(|c| c.as_os_str().to_string_lossy());
        let (first, second) = (parts.next(), parts.next());
        first.as_deref() == Some("content") && matches!(second.as_deref(), Some("trackers" | "radar"))
    }
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Change::Config => f.write_str("site.yaml"),
            Change::Content(p) | Change::Theme(p) => f.write_str(&crate::diag::display_path(p)),
        }
    }
}

/// The change an event makes to the site, if any: the first of its paths
/// that matters. Reads and metadata-only events are ignored.
pub(crate) fn classify(root: &Path, kind: &EventKind, paths: &[PathBuf]) -> Option<Change> {
    if matches!(kind, EventKind::Access(_)) {
        return None;
    }
    paths.iter().find_map(|p| classify_path(root, p))
}

/// The change a write to `path` makes to the site, if any.
fn classify_path(root: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let (first, name) = (parts.first()?, parts.last()?);
    // Hidden files and folders (.git, .DS_Store, .#lock files) are never
    // content, except those copied from content/static/ (.well-known/).
    let copied = first == "content" && parts.get(1).is_some_and(|p| p == "static");
    let hidden = |p: &String| p.starts_with('.') && (!copied || crate::content::statics::is_junk(p));
    if parts.iter().any(hidden) || is_editor_scratch(name) {
        return None;
    }
    match first.as_str() {
        "site.yaml" if parts.len() == 1 => Some(Change::Config),
        "content" => Some(Change::Content(rel.to_path_buf())),
        "themes" => Some(Change::Theme(rel.to_path_buf())),
        _ => None,
    }
}

/// Swap, backup and temporary files that editors write beside the real one.
fn is_editor_scratch(name: &str) -> bool {
    const SUFFIXES: &[&str] = &[".swp", ".swo", ".swx", ".tmp", ".bak", ".kate-swp", ".crswap", "~"];
    SUFFIXES.iter().any(|s| name.ends_with(s))
        || (name.starts_with('#') && name.ends_with('#'))
        // Vim probes whether it may write a folder with a file named 4913.
        || name == "4913"
}

/// Watches `site.yaml`, `content/` and `themes/` of a site folder.
pub(crate) struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: Vec<PathBuf>,
    events: Receiver<DebounceEventResult>,
}

impl Watcher {
    /// Starts watching `root` (which should be canonical, as event paths are).
    pub(crate) fn new(root: &Path) -> Result<Watcher, Error> {
        let (tx, events) = channel();
        let debouncer = new_debouncer(DEBOUNCE, None, tx).map_err(|e| notify_error(root, e))?;
        let mut w = Watcher { root: root.to_path_buf(), debouncer, watched: Vec::new(), events };
        // The root itself, not recursively: site.yaml, and content/ or themes/ appearing.
        w.debouncer.watch(root, RecursiveMode::NonRecursive).map_err(|e| notify_error(root, e))?;
        w.watch_folders()?;
        Ok(w)
    }

    /// Waits for the next change to the site. Returns every change that
    /// arrived together, or `None` when the watcher has stopped.
    pub(crate) fn next_changes(&mut self) -> Option<Vec<Change>> {
        loop {
            let batch = self.events.recv().ok()?;
            let mut changes = Vec::new();
            for result in std::iter::once(batch).chain(self.events.try_iter()) {
                match result {
                    Ok(events) => changes.extend(events.iter().filter_map(|e| classify(&self.root, &e.kind, &e.paths))),
                    Err(errors) => errors.iter().for_each(|e| warn(&format!("watching files: {e}"))),
                }
            }
            // content/ or themes/ may have been created since the last look.
            if let Err(e) = self.watch_folders() {
                warn(&e.to_string());
            }
            changes.dedup();
            if !changes.is_empty() {
                return Some(changes);
            }
        }
    }

    fn watch_folders(&mut self) -> Result<(), Error> {
        for dir in ["content", "themes"] {
            let path = self.root.join(dir);
            if path.is_dir() && !self.watched.contains(&path) {
                self.debouncer.watch(&path, RecursiveMode::Recursive).map_err(|e| notify_error(&path, e))?;
                self.watched.push(path);
            }
        }
        Ok(())
    }
}

/// Prints a warning; a closed terminal must not stop the watcher.
fn warn(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "warning: {message}");
}

fn notify_error(path: &Path, e: notify::Error) -> Error {
    Error::Io { path: path.to_path_buf(), source: std::io::Error::other(format!("cannot watch for changes: {e}")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_briefs_and_pages_are_documents() {
        let c = |p: &str| Change::Content(PathBuf::from(p));
        assert!(c("content/briefs/a.sq.md").is_document());
        assert!(c("content/pages/about/x.en.md").is_document());
        assert!(!c("content/_index.sq.md").is_document());
        assert!(!c("content/static/a.md").is_document());
        assert!(!c("content/trackers/t.yaml").is_document());
        assert!(!Change::Config.is_document());
        assert!(!Change::Theme(PathBuf::from("themes/x/templates/base.html")).is_document());
        assert!(c("content/briefs/a.sq.md").keeps_cache());
        assert!(c("content/trackers/t.yaml").keeps_cache());
        assert!(c("content/radar/al.yaml").keeps_cache());
        assert!(!c("content/static/report.pdf").keeps_cache());
        assert!(!Change::Config.keeps_cache());
        assert!(!Change::Theme(PathBuf::from("themes/x/i18n/en.yaml")).keeps_cache());
    }
    use notify::event::{AccessKind, CreateKind, ModifyKind};

    fn change(path: &str) -> Option<Change> {
        let root = Path::new("/site");
        classify(root, &EventKind::Modify(ModifyKind::Any), &[root.join(path)])
    }

    #[test]
    fn site_yaml_content_and_themes_are_changes() {
        assert_eq!(change("site.yaml"), Some(Change::Config));
        assert_eq!(change("content/briefs/a.sq.md"), Some(Change::Content("content/briefs/a.sq.md".into())));
        assert_eq!(
            change("themes/mine/templates/base.html"),
            Some(Change::Theme("themes/mine/templates/base.html".into()))
        );
    }

    #[test]
    fn output_git_and_other_files_are_ignored() {
        assert_eq!(change("public/index.html"), None);
        assert_eq!(change(".public.raport-new/index.html"), None);
        assert_eq!(change(".git/index"), None);
        // Images drawn on request must not trigger a rebuild.
        assert_eq!(change(".raport-cache/cards/0123.png"), None);
        assert_eq!(change("target/debug/raport"), None);
        assert_eq!(change("README.md"), None);
    }

    #[test]
    fn editor_swap_and_backup_files_are_ignored() {
        for p in [
            "content/briefs/.a.sq.md.swp",
            "content/briefs/a.sq.md~",
            "content/briefs/#a.sq.md#",
            "content/briefs/.#a.sq.md",
            "content/briefs/4913",
            "content/briefs/a.sq.md.kate-swp",
            "site.yaml.bak",
        ] {
            assert_eq!(change(p), None, "{p}");
        }
    }

    #[test]
    fn hidden_static_files_are_changes_but_their_scratch_is_not() {
        let p = "content/static/.well-known/security.txt";
        assert_eq!(change(p), Some(Change::Content(p.into())));
        assert_eq!(change("content/static/.git/index"), None);
        assert_eq!(change("content/static/.DS_Store"), None);
        assert_eq!(change("content/briefs/.hidden.sq.md"), None);
    }

    #[test]
    fn reads_are_not_changes_but_creations_are() {
        let root = Path::new("/site");
        let p = [root.join("content/briefs/a.sq.md")];
        assert_eq!(classify(root, &EventKind::Access(AccessKind::Any), &p), None);
        assert!(classify(root, &EventKind::Create(CreateKind::File), &p).is_some());
    }

    #[test]
    fn the_first_path_that_matters_wins() {
        let root = Path::new("/site");
        let paths = [root.join("content/b.sq.md.swp"), root.join("content/b.sq.md")];
        assert_eq!(classify(root, &EventKind::Any, &paths), Some(Change::Content("content/b.sq.md".into())));
    }
}
