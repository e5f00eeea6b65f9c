//! The files under `content/static/`, copied into the site as they are
//! (SPEC §7), and the names that cannot be copied.
//!
//! [`list`] walks the folder without following symbolic links: a link is an
//! error (what it points to may lie anywhere, and the copy would follow it),
//! as is a name that cannot be part of an address (not UTF-8, or with a
//! backslash). Hidden files are copied (`.well-known/security.txt`), except
//! `.git` and the scratch files of editors and file managers ([`is_junk`]).
//! [`check_clashes`] runs once the pages are planned: a static file where
//! the site has a page or a folder, or a static folder where it has a file.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::diag::{Diagnostics, file_error};

/// The static folder, relative to the site root.
pub(crate) const DIR: &str = "content/static";

/// Files under `root/content/static/`, as `/`-separated paths relative to
/// it, sorted. Links and unusable names are reported and left out.
pub(crate) fn list(root: &Path, diags: &mut Diagnostics) -> Result<Vec<String>, Error> {
    list_in(root, Path::new(DIR), diags)
}

/// Files under `root/<folder>` (a static folder: `content/static`, a
/// theme's `static`), as [`list`] finds them.
pub(crate) fn list_in(root: &Path, folder: &Path, diags: &mut Diagnostics) -> Result<Vec<String>, Error> {
    let dir = root.join(folder);
    match std::fs::symlink_metadata(&dir) {
        Err(_) => return Ok(Vec::new()),
        Ok(m) if m.file_type().is_symlink() => {
            diags.push(symlink_error(folder, folder));
            return Ok(Vec::new());
        }
        Ok(m) if !m.is_dir() => return Ok(Vec::new()),
        Ok(_) => {}
    }
    let mut out = Vec::new();
    let mut walker = walkdir::WalkDir::new(&dir).follow_links(false).sort_by_file_name().into_iter();
    while let Some(entry) = walker.next() {
        let entry = entry.map_err(|e| Error::Io {
            path: e.path().map_or_else(|| dir.clone(), Path::to_path_buf),
            source: e.into_io_error().unwrap_or_else(|| std::io::Error::other("file system loop")),
        })?;
        if entry.depth() == 0 {
            continue;
        }
        let rel_os = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let is_dir = entry.file_type().is_dir();
        let name = entry.file_name();
        if name.to_str().is_some_and(is_junk) {
            if is_dir {
                walker.skip_current_dir();
            }
            continue;
        }
        let Some(name) = name.to_str().filter(|n| !n.contains('\\')) else {
            diags.push(name_error(rel_os, name.to_str().is_none()));
            if is_dir {
                walker.skip_current_dir();
            }
            continue;
        };
        if entry.file_type().is_symlink() {
            diags.push(symlink_error(rel_os, folder));
        } else if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let parts: Vec<&str> = rel.components().filter_map(|c| c.as_os_str().to_str()).collect();
            out.push(parts.join("/"));
        } else if !is_dir {
            diags.push(
                file_error(rel_os, "bad-static-file", format!("`{name}` is not a regular file"))
                    .with_hint(format!("{}/ may hold files and folders only", folder.display())),
            );
        }
    }
    out.sort();
    Ok(out)
}

/// Names left out of the copy: `.git`, and the swap, backup and index files
/// that editors and file managers leave beside real ones.
pub(crate) fn is_junk(name: &str) -> bool {
    const NAMES: &[&str] = &[".git", ".DS_Store", "Thumbs.db", "desktop.ini", ".directory"];
    const SUFFIXES: &[&str] = &[".swp", ".swo", ".swx", ".kate-swp", ".crswap", "~"];
    NAMES.contains(&name)
        || (name.starts_with('.') && SUFFIXES.iter().any(|s| name.ends_with(s)))
        || name.ends_with('~')
        || name.starts_with(".#")
        || name.starts_with("._")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
}

fn symlink_error(rel: &Path, folder: &Path) -> crate::diag::Diagnostic {
    let message = format!("this is a symbolic link; raport does not follow links in {}/", folder.display());
    file_error(rel, "static-symlink", message).with_hint("put the file itself (a copy) here instead of a link")
}

fn name_error(rel: &Path, not_utf8: bool) -> crate::diag::Diagnostic {
    let (what, hint) = if not_utf8 {
        ("is not valid UTF-8", "rename it; an address can only hold names in UTF-8")
    } else {
        ("holds a backslash", "rename it without `\\`; addresses separate folders with `/`")
    };
    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    file_error(rel, "bad-static-name", format!("the file name `{name}` {what}, so it cannot be part of an address"))
        .with_hint(format!("{hint}, e.g. with letters, digits, `-` and `_`"))
}

/// Reports the static files (`statics`, relative to content/static/) that
/// cannot be copied where they are: at the address of a page, a file where
/// the site has a folder, a folder where it has a file, or raport's own
/// output marker. A static file may replace another generated file
/// (robots.txt, CNAME, a theme asset).
pub(crate) fn check_clashes<'a>(
    statics: &[String],
    pages: impl IntoIterator<Item = &'a String>,
    files: impl IntoIterator<Item = &'a String>,
    diags: &mut Diagnostics,
) {
    let pages: HashSet<&str> = pages.into_iter().map(String::as_str).collect();
    let files: HashSet<&str> = files.into_iter().map(String::as_str).chain(pages.iter().copied()).collect();
    let mut folders: HashSet<&str> = HashSet::new();
    for f in &files {
        let mut at = 0;
        while let Some(i) = f.get(at..).and_then(|rest| rest.find('/')) {
            folders.insert(f.get(..at + i).unwrap_or(""));
            at += i + 1;
        }
    }
    for s in statics {
        let rel = PathBuf::from(DIR).join(s);
        let clash = |message: String, hint: &str| file_error(&rel, "static-clash", message).with_hint(hint.to_string());
        if s == crate::OUTPUT_MARKER {
            diags.push(clash(
                format!("`{s}` is the name of the file raport writes to mark its output"),
                "remove it from content/static/",
            ));
        } else if pages.contains(s.as_str()) {
            diags.push(clash(
                format!("`{s}` is the address of a page raport makes"),
                "move or rename it; a static file may replace robots.txt, CNAME or a theme asset, not a page",
            ));
        } else if folders.contains(s.as_str()) {
            diags.push(clash(
                format!("`{s}` is a folder of the site (`/{s}/`), so it cannot be a file"),
                "rename the file, e.g. with an extension, or move it into a folder of its own",
            ));
        } else if let Some(file) = prefixes(s).find(|p| files.contains(p)) {
            diags.push(clash(
                format!("`{file}` is a file of the site, so `content/static/{file}/` cannot be a folder"),
                "rename the folder",
            ));
        }
    }
}

/// The proper folder prefixes of a `/`-separated path: `a`, `a/b` for `a/b/c`.
fn prefixes(s: &str) -> impl Iterator<Item = &str> {
    s.match_indices('/').map(move |(i, _)| s.get(..i).unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_and_system_scratch_is_junk_other_dotfiles_are_not() {
        for n in [".git", ".DS_Store", ".a.md.swp", "a.pdf~", ".#a.md", "#a#", "Thumbs.db", "._a.pdf"] {
            assert!(is_junk(n), "{n}");
        }
        for n in [".well-known", "security.txt", ".htaccess", "a.swp", "#", "x.pdf"] {
            assert!(!is_junk(n), "{n}");
        }
    }

    #[test]
    fn clashes_with_pages_folders_and_files_are_reported() {
        let pages: Vec<String> =
            ["index.html", "en/index.html", "briefs/index.html", "briefs/a/index.html"].map(String::from).to_vec();
        let files: Vec<String> = ["robots.txt", "assets/style.css", "data/radar.json"].map(String::from).to_vec();
        let statics: Vec<String> = [
            "robots.txt",
            "assets/style.css",
            "assets/logo.png",
            "en",
            "briefs",
            "index.html",
            "robots.txt/x",
            ".raport-output",
            "pdf/a.pdf",
        ]
        .map(String::from)
        .to_vec();
        let mut d = Diagnostics::new();
        check_clashes(&statics, &pages, &files, &mut d);
        let s = d.render_human();
        assert_eq!(d.error_count(), 5, "{s}");
        assert!(s.contains("content/static/en:1:1: error: `en` is a folder of the site (`/en/`)"), "{s}");
        assert!(s.contains("content/static/briefs:1:1: error: `briefs` is a folder"), "{s}");
        assert!(s.contains("content/static/index.html:1:1: error: `index.html` is the address of a page"), "{s}");
        assert!(
            s.contains("`robots.txt` is a file of the site, so `content/static/robots.txt/` cannot be a folder"),
            "{s}"
        );
        assert!(s.contains("content/static/.raport-output:1:1: error:"), "{s}");
    }
}
