//! Stage 4, write: the rendered files -> the output folder (SPEC §8).
//!
//! The new site is written to a staging folder beside the output, then
//! swapped in with two renames, so a failed build (or one interrupted while
//! writing) leaves the previous `public/` untouched. Pages are rendered,
//! minified and written one by one, in parallel, so a large site is never
//! held in memory whole. Which folders may be replaced, and how builds
//! into one folder take turns, is `output/target.rs`'s part.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::Diagnostics;
use crate::render::{Body, OutFile, Plan, SiteFiles};
use crate::{Error, io};

mod target;

pub use target::clean_up_on_interrupt;
pub(crate) use target::{MARKER, Target};

/// Renders every page of `plan` (minified when `minify`) and writes it and
/// every other file into a staging folder, then swaps it into `out`.
/// Returns the number of files written; template errors are
/// [`Error::Content`], and leave `out` untouched.
pub(crate) fn write_plan(plan: &Plan, out: &Target, minify: bool) -> Result<usize, Error> {
    swap_in(out, |dir| {
        let mut clock = std::time::Instant::now();
        make_dirs(dir, plan.page_paths.iter().chain(plan.files.iter().map(|f| &f.path)))?;
        crate::lap("folders", &mut clock);
        // The other files (the search index above all) are made alongside
        // the pages, so that neither waits on the other's serial parts.
        let (pages, files) = rayon::join(
            || {
                plan.each_page()
                    .map(|i| match plan.render_page(i, minify) {
                        Ok(bytes) => {
                            let target = dir.join(&plan.page_paths[i]);
                            io(&target, std::fs::write(&target, bytes)).map(|()| None)
                        }
                        Err(Error::Content(d)) => Ok(Some(d)),
                        Err(e) => Err(e),
                    })
                    .collect::<Result<Vec<_>, Error>>()
            },
            || {
                plan.files.par_iter().try_for_each(|f| {
                    if let Some(cached) = plan.cached_file(f) {
                        return link_file(&cached, &dir.join(&f.path));
                    }
                    match plan.file_bytes(f)? {
                        Some(bytes) => write_bytes(dir, f, &bytes),
                        None => write_file(dir, f),
                    }
                })
            },
        );
        let failed: Vec<Diagnostics> = pages?.into_iter().flatten().collect();
        files?;
        if !failed.is_empty() {
            let mut diags = Diagnostics::new();
            for d in failed {
                diags.extend(d);
            }
            return Err(Error::Content(diags));
        }
        crate::lap("pages+files", &mut clock);
        Ok(plan.len())
    })
}

/// Writes every file into a staging folder and swaps it into `out`.
/// Returns the number of files written.
pub fn write_site(files: &SiteFiles, out: &Target) -> Result<usize, Error> {
    swap_in(out, |dir| write_files(files, dir).map(|()| files.len()))
}

/// Writes a new site with `write` into a staging folder beside `out`, then
/// puts it in place of `out`. On failure, `out` is left as it was. Builds
/// into one folder take turns, so each swaps in a complete site.
fn swap_in(out: &Target, write: impl FnOnce(&Path) -> Result<usize, Error>) -> Result<usize, Error> {
    let turn = out.take_turn()?;
    let (staging, old, out) = (&turn.staging, &turn.old, out.path());
    let registered = target::Registered::new(&turn, out)?;
    let written = write(staging).and_then(|n| {
        let marker = staging.join(MARKER);
        io(&marker, std::fs::write(&marker, target::MARKER_TEXT)).map(|()| n)
    });
    let count = match written {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_dir_all(staging);
            return Err(e);
        }
    };
    registered.uninterrupted(|| {
        if out.exists()
            && let Err(source) = std::fs::rename(out, old)
        {
            let _ = std::fs::remove_dir_all(staging);
            return Err(Error::Io { path: out.to_path_buf(), source });
        }
        if let Err(source) = std::fs::rename(staging, out) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(old, out);
            let _ = std::fs::remove_dir_all(staging);
            return Err(Error::Io { path: out.to_path_buf(), source });
        }
        Ok(())
    })?;
    if old.exists() {
        remove_tree(old)?;
    }
    Ok(count)
}

/// Removes a folder tree, subfolders in parallel: where each unlink waits on
/// the disk (file systems mounted with online discard), this is most of the
/// cost of replacing a large site.
fn remove_tree(dir: &Path) -> Result<(), Error> {
    let entries: Vec<std::fs::DirEntry> = io(dir, std::fs::read_dir(dir))?.filter_map(Result::ok).collect();
    entries.par_iter().try_for_each(|e| {
        let path = e.path();
        // `file_type` does not follow symlinks: a link is removed, not its target.
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            remove_tree(&path)
        } else {
            io(&path, std::fs::remove_file(&path))
        }
    })?;
    io(dir, std::fs::remove_dir(dir))
}

/// Writes the files under `dir` (which exists and is empty), as they are.
pub(crate) fn write_files(files: &SiteFiles, dir: &Path) -> Result<(), Error> {
    make_dirs(dir, files.files.iter().map(|f| &f.path))?;
    files.files.par_iter().try_for_each(|f| write_file(dir, f))
}

/// Creates the folders of `paths` under `dir`, in parallel.
fn make_dirs<'a>(dir: &Path, paths: impl Iterator<Item = &'a String>) -> Result<(), Error> {
    let mut dirs: Vec<PathBuf> = paths.filter_map(|p| Path::new(p).parent().map(|p| dir.join(p))).collect();
    dirs.sort();
    dirs.dedup();
    dirs.par_iter().try_for_each(|d| create_below(dir, d))
}

/// Creates `d` and its parents below `dir`, never `dir` itself: a staging
/// folder removed by an interrupt is not made again. A folder created
/// meanwhile by another thread is fine.
fn create_below(dir: &Path, d: &Path) -> Result<(), Error> {
    let mut at = dir.to_path_buf();
    for part in d.strip_prefix(dir).unwrap_or(d).components() {
        at.push(part);
        match std::fs::create_dir(&at) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(Error::Io { path: at, source: e }),
            _ => {}
        }
    }
    Ok(())
}

/// Writes one file under `dir`.
fn write_file(dir: &Path, f: &OutFile) -> Result<(), Error> {
    match &f.body {
        Body::Bytes(b) => write_bytes(dir, f, b),
        Body::Static(b) => write_bytes(dir, f, b),
        Body::Copy(src) => io(src, std::fs::copy(src, dir.join(&f.path))).map(|_| ()),
        // Resolved by the plan before writing.
        Body::Derived(_) => Ok(()),
    }
}

/// Puts `target` in the site as a hard link to `cached`, a file of the
/// site's cache (`.raport-cache/`), or as a copy where a link cannot be made
/// (another file system, a file system without links).
fn link_file(cached: &Path, target: &Path) -> Result<(), Error> {
    if std::fs::hard_link(cached, target).is_ok() {
        return Ok(());
    }
    io(target, std::fs::copy(cached, target)).map(drop)
}

fn write_bytes(dir: &Path, f: &OutFile, bytes: &[u8]) -> Result<(), Error> {
    let target = dir.join(&f.path);
    io(&target, std::fs::write(&target, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swap_replaces_the_whole_folder() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let out = tmp.path().join("public");
        std::fs::create_dir_all(out.join("stale")).unwrap_or_else(|e| panic!("{e}"));
        let files =
            SiteFiles { files: vec![OutFile { path: "a/index.html".into(), body: Body::Bytes(b"<p>x</p>".to_vec()) }] };
        let target = Target::at(&out).unwrap_or_else(|e| panic!("{e}"));
        write_site(&files, &target).unwrap_or_else(|e| panic!("{e}"));
        assert!(out.join("a/index.html").is_file());
        assert!(out.join(MARKER).is_file());
        assert!(!out.join("stale").exists());
        let left: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|n| n != "public")
            .collect();
        assert!(left.is_empty(), "no staging folder, old folder or lock is left: {left:?}");
    }
}
