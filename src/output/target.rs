//! Where a build may write (SPEC §8): the output folder, checked before
//! anything is written, and the turn-taking and clean-up around replacing it.
//!
//! `build` replaces its output folder whole, so the folder must be one that
//! raport owns: not the site's sources (the site folder, `content/`,
//! `themes/`, the folder of `site.yaml`) nor a folder holding them, not the
//! current folder, and, unless forced, not a non-empty folder without the
//! [`MARKER`] that every build writes. Builds into one folder take turns
//! through a lock file beside it (removed when the build ends); each build
//! stages into a folder of its own
//! (named with its process id and a random part), and one interrupted by
//! Ctrl+C or SIGTERM removes it on the way out ([`clean_up_on_interrupt`]).

use std::fs::File;
use std::hash::{BuildHasher, Hasher};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::{Error, io};

/// The file every build writes into its output, proving raport made the folder.
pub(crate) use crate::OUTPUT_MARKER as MARKER;

/// What the marker file says to whoever opens it.
pub(crate) const MARKER_TEXT: &str = "This folder is written by `raport build`, which replaces it whole on every build.\n\
Do not keep anything else here.\n";

/// The exit status of a build stopped by Ctrl+C or SIGTERM (128 + SIGINT).
pub(crate) const INTERRUPTED: i32 = 130;

/// An output folder that passed the checks of [`Target::check`].
#[derive(Debug, Clone)]
pub struct Target {
    /// Absolute, with symlinks of its existing part resolved.
    out: PathBuf,
}

impl Target {
    /// Checks that a build of the site in `root` may replace `out`. A usage
    /// error says why not. `force` allows a non-empty folder that raport did
    /// not create (its files are deleted); the sources are never allowed.
    pub fn check(root: &Path, out: &Path, force: bool) -> Result<Target, Error> {
        crate::content::require_site_yaml(root)?;
        let root_c = io(root, root.canonicalize())?;
        let target = Target::at(out)?;
        let out_c = &target.out;
        let shown = out.display();
        let refuse = |why: String, hint: &str| {
            Error::Usage(format!(
                "refusing to write the site to {shown}: {why}\n  = hint: {hint}; `raport build` replaces its output folder whole"
            ))
        };
        let hint = "pass a folder of its own, e.g. --output public";

        // Where the sources are; a symlinked content/, themes/ or site.yaml counts where it points.
        let resolved = |p: PathBuf| p.canonicalize().unwrap_or(p);
        let content = resolved(root_c.join("content"));
        let themes = resolved(root_c.join("themes"));
        let yaml_dir = resolved(root_c.join("site.yaml")).parent().map_or_else(|| root_c.clone(), Path::to_path_buf);
        for (source, what) in [
            (&root_c, "the site folder"),
            (&content, "content/"),
            (&themes, "themes/"),
            (&yaml_dir, "the folder of site.yaml"),
        ] {
            if out_c == source {
                return Err(refuse(format!("it is {what}"), hint));
            }
            if source.starts_with(out_c) {
                return Err(refuse(format!("it holds {what} ({})", source.display()), hint));
            }
            // Below the site folder is where public/ lives; below the others is not.
            if source != &root_c && out_c.starts_with(source) {
                return Err(refuse(format!("it lies inside {what} ({})", source.display()), hint));
            }
        }
        if let Some(cwd) = std::env::current_dir().ok().and_then(|d| d.canonicalize().ok())
            && cwd.starts_with(out_c)
        {
            return Err(refuse("it is (or holds) the current folder".into(), hint));
        }
        match std::fs::symlink_metadata(out_c) {
            Ok(m) if !m.is_dir() => Err(refuse("it is not a folder".into(), hint)),
            Ok(_) if !force && !target.is_ours()? => Err(refuse(
                format!("it is not empty and raport did not create it (it has no {MARKER} file)"),
                "pass an empty or new folder, or add --force-output to delete what it holds",
            )),
            _ => Ok(target),
        }
    }

    /// `out` made absolute, with symlinks resolved as far as it exists, and
    /// no other check: for callers that own the folder.
    pub fn at(out: &Path) -> Result<Target, Error> {
        let out = io(out, resolve(out))?;
        if out.parent().is_none() {
            return Err(Error::Usage(format!("cannot write the site to {}", out.display())));
        }
        Ok(Target { out })
    }

    /// The output folder (absolute).
    pub fn path(&self) -> &Path {
        &self.out
    }

    /// True when the folder is empty or holds the marker.
    fn is_ours(&self) -> Result<bool, Error> {
        if std::fs::symlink_metadata(self.out.join(MARKER)).is_ok_and(|m| m.is_file()) {
            return Ok(true);
        }
        Ok(io(&self.out, std::fs::read_dir(&self.out))?.next().is_none())
    }

    /// `.public.raport-<what>` beside the output (`public`).
    fn sibling(&self, what: &str) -> PathBuf {
        self.out.with_file_name(format!(".{}.raport-{what}", self.name()))
    }

    fn name(&self) -> String {
        self.out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
    }

    /// Waits for this build's turn to replace the output (another build
    /// into the same folder may hold it), then removes what interrupted
    /// builds left. The turn lasts as long as the returned [`Turn`].
    pub(crate) fn take_turn(&self) -> Result<Turn, Error> {
        if let Some(parent) = self.out.parent() {
            io(parent, std::fs::create_dir_all(parent))?;
        }
        let path = self.sibling("lock");
        let mut told = false;
        let lock = loop {
            let lock = io(&path, File::options().create(true).truncate(false).write(true).open(&path))?;
            match lock.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    if !told {
                        eprintln!("waiting for another raport build into {} to finish", self.out.display());
                        told = true;
                    }
                    io(&path, lock.lock())?;
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(Error::Io { path, source: e }),
            }
            // The build before may have removed the file on finishing: only
            // a lock on the file now at `path` counts.
            if still_at(&lock, &path) {
                break lock;
            }
        };
        self.remove_leftovers()?;
        let unique = format!("{}-{:016x}", std::process::id(), std::hash::RandomState::new().build_hasher().finish());
        Ok(Turn {
            lock_path: path,
            _lock: lock,
            staging: self.sibling(&format!("new-{unique}")),
            old: self.sibling(&format!("old-{unique}")),
        })
    }

    /// Staging and old folders of builds that were killed before they could
    /// clean up. Only the holder of the lock stages, so any found now are
    /// leftovers. A previous site moved aside but never replaced is put back.
    fn remove_leftovers(&self) -> Result<(), Error> {
        let Some(parent) = self.out.parent() else { return Ok(()) };
        let prefix = format!(".{}.raport-", self.name());
        let mut found: Vec<(bool, PathBuf)> = Vec::new();
        for entry in io(parent, std::fs::read_dir(parent))?.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(kind) = name.strip_prefix(&prefix) else { continue };
            let old = kind == "old" || kind.starts_with("old-");
            if (old || kind == "new" || kind.starts_with("new-")) && entry.file_type().is_ok_and(|t| t.is_dir()) {
                found.push((old, entry.path()));
            }
        }
        found.sort();
        for (old, path) in found {
            if old && !self.out.exists() {
                io(&self.out, std::fs::rename(&path, &self.out))?;
            } else {
                super::remove_tree(&path)?;
            }
        }
        Ok(())
    }
}

/// True when `file` is the file at `path` (not one removed since it was opened).
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere the lock file is never removed, so the one opened is the one there.
#[cfg(not(unix))]
fn still_at(_file: &File, _path: &Path) -> bool {
    true
}

/// A build's turn at replacing its output: holds the lock and names the
/// folders of this build.
#[derive(Debug)]
pub(crate) struct Turn {
    /// The lock file, removed when the turn ends (where a removed lock file
    /// can be told from its successor, [`still_at`]).
    lock_path: PathBuf,
    /// Released when dropped (or when the process ends, however it ends).
    _lock: File,
    /// Where this build writes the new site.
    pub staging: PathBuf,
    /// Where the previous site waits while the new one moves in.
    pub old: PathBuf,
}

impl Drop for Turn {
    fn drop(&mut self) {
        // Removed while still locked; the lock goes with the file handle after this.
        if cfg!(unix) {
            let _ = std::fs::remove_file(&self.lock_path);
        }
    }
}

/// What the interrupt handler tidies for a build in progress.
struct Pending {
    staging: PathBuf,
    old: PathBuf,
    out: PathBuf,
    lock: PathBuf,
}

/// Builds in progress, for the interrupt handler.
static PENDING: Mutex<Vec<Pending>> = Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<Pending>> {
    PENDING.lock().unwrap_or_else(|p| p.into_inner())
}

/// Makes Ctrl+C, SIGTERM and SIGHUP remove the staging folder of a build in
/// progress (and put back a previous site moved aside), then exit with
/// [`INTERRUPTED`]. For the `raport` binary; a library user keeps its own
/// handlers. Where no handler can be set, the next build removes what an
/// interrupted one left.
pub fn clean_up_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        // Held to the end: the build cannot start swapping meanwhile.
        let mut pending = pending();
        for Pending { staging, old, out, lock } in pending.drain(..) {
            if !out.exists() && old.exists() {
                let _ = std::fs::rename(&old, &out);
            }
            remove_while_written(&staging);
            if out.exists() {
                remove_while_written(&old);
            }
            // Still locked by this process until it exits (see `Turn`'s drop).
            if cfg!(unix) {
                let _ = std::fs::remove_file(&lock);
            }
        }
        eprintln!("interrupted; the previous site is left as it was");
        std::process::exit(INTERRUPTED);
    });
}

/// Removes a folder that the build's threads may still be writing into:
/// moved aside first, so that their writes fail instead of filling it again.
fn remove_while_written(dir: &Path) {
    let mut aside = dir.as_os_str().to_owned();
    aside.push("-interrupted");
    let aside = PathBuf::from(aside);
    let gone = if std::fs::rename(dir, &aside).is_ok() { aside.as_path() } else { dir };
    for _ in 0..100 {
        match std::fs::remove_dir_all(gone) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            _ => break,
        }
    }
    // A folder a thread made again meanwhile.
    let _ = std::fs::remove_dir_all(dir);
}

/// Registers a build's folders with the interrupt handler while it lasts.
pub(crate) struct Registered(PathBuf);

impl Registered {
    /// Registers `turn` and creates its staging folder, both or neither
    /// before an interrupt is handled.
    pub(crate) fn new(turn: &Turn, out: &Path) -> Result<Registered, Error> {
        let mut pending = pending();
        io(&turn.staging, std::fs::create_dir(&turn.staging))?;
        pending.push(Pending {
            staging: turn.staging.clone(),
            old: turn.old.clone(),
            out: out.to_path_buf(),
            lock: turn.lock_path.clone(),
        });
        Ok(Registered(turn.staging.clone()))
    }

    /// Runs `f` while the interrupt handler waits (the swap of folders).
    pub(crate) fn uninterrupted<T>(&self, f: impl FnOnce() -> T) -> T {
        let _held = pending();
        f()
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        pending().retain(|p| p.staging != self.0);
    }
}

/// `p` made absolute: its longest existing prefix canonicalised, the rest
/// appended with `.` and `..` applied as the file system will once the
/// missing folders are created.
fn resolve(p: &Path) -> std::io::Result<PathBuf> {
    let abs = std::path::absolute(p)?;
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    let base = loop {
        if let Ok(c) = existing.canonicalize() {
            break c;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => break existing.to_path_buf(),
        }
    };
    let mut out = base;
    for c in rest.into_iter().rev() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn missing_folders_resolve_through_their_existing_parent() {
        let t = tmp();
        let base = t.path().canonicalize().unwrap_or_else(|e| panic!("{e}"));
        let got = resolve(&t.path().join("a/b/../c/./d")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(got, base.join("a/c/d"));
        let got = resolve(&t.path().join("new/../..")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Some(got.as_path()), base.parent());
    }

    #[test]
    fn a_symlinked_output_resolves_to_its_target() {
        let t = tmp();
        let real = t.path().join("real");
        std::fs::create_dir(&real).unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(&real, t.path().join("link")).unwrap_or_else(|e| panic!("{e}"));
        let got = resolve(&t.path().join("link/public")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(got, real.canonicalize().unwrap_or_else(|e| panic!("{e}")).join("public"));
    }

    #[test]
    fn leftovers_are_removed_and_a_moved_site_put_back() {
        let t = tmp();
        let target = Target::at(&t.path().join("public")).unwrap_or_else(|e| panic!("{e}"));
        let old = target.sibling("old-1-ab");
        std::fs::create_dir_all(old.join("en")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(target.sibling("new-2-cd").join("x")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(target.sibling("new")).unwrap_or_else(|e| panic!("{e}"));
        let turn = target.take_turn().unwrap_or_else(|e| panic!("{e}"));
        assert!(target.path().join("en").is_dir(), "the previous site is back");
        let left: Vec<String> = std::fs::read_dir(t.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert_eq!(left, vec![".public.raport-lock".to_string()], "the lock, while the turn lasts");
        assert_ne!(turn.staging, target.sibling("new"));
        drop(turn);
        assert!(!target.sibling("lock").exists());
    }
}
