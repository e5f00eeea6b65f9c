//! The floor: the least any generator must do with the corpus. A bare
//! pulldown-cmark pass (Markdown -> HTML, same extensions, no passes, no
//! templates) over the briefs of a site, then writing the same bytes a build
//! wrote: every file of a reference output, at the same path and of the same
//! size. Both halves run on every core, as a build does. Whatever a build
//! costs beyond this is raport's own work.

use std::path::{Path, PathBuf};

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;

use raport::Error;
use raport::content::list_files;

/// What the floor pass did.
#[derive(Debug, Clone, Copy, Default)]
pub struct Floor {
    /// Markdown files rendered.
    pub files: usize,
    /// HTML bytes produced (kept so the work cannot be optimised away).
    pub html_bytes: usize,
    /// Files written.
    pub written: usize,
    /// Bytes written.
    pub written_bytes: u64,
}

/// One file of a reference output: its path under the output folder and
/// its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub size: u64,
}

/// Every file under `out` (a build's output) with its size, sorted: what the
/// floor writes. One `size path` line each in [`write_manifest`]'s format.
pub fn manifest(out: &Path) -> Result<Vec<Entry>, Error> {
    let mut entries = Vec::new();
    for rel in list_files(out, out)? {
        let path = out.join(&rel);
        let size = raport::io(&path, std::fs::metadata(&path))?.len();
        entries.push(Entry { path: rel.to_string_lossy().replace('\\', "/"), size });
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(entries)
}

/// Writes `entries` to `file`, one `size path` line each.
pub fn write_manifest(file: &Path, entries: &[Entry]) -> Result<(), Error> {
    let text: String = entries.iter().map(|e| format!("{} {}\n", e.size, e.path)).collect();
    raport::io(file, std::fs::write(file, text))
}

/// Reads a manifest written by [`write_manifest`].
pub fn read_manifest(file: &Path) -> Result<Vec<Entry>, Error> {
    let text = raport::io(file, std::fs::read_to_string(file))?;
    Ok(text
        .lines()
        .filter_map(|l| l.split_once(' '))
        .filter_map(|(size, path)| Some(Entry { path: path.to_string(), size: size.parse().ok()? }))
        .collect())
}

/// Renders every `content/briefs/*.md` under `root` (front matter dropped),
/// then writes each of `entries` under `out`, filled with the rendered HTML.
pub fn run(root: &Path, entries: &[Entry], out: &Path) -> Result<Floor, Error> {
    let dir = root.join("content/briefs");
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let files = list_files(&dir, &dir)?;
    let html: Vec<String> = files
        .par_iter()
        .map(|rel| {
            let path = dir.join(rel);
            let text = raport::io(&path, std::fs::read_to_string(&path))?;
            let body =
                text.strip_prefix("---\n").and_then(|t| t.split_once("\n---\n")).map_or(text.as_str(), |(_, b)| b);
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, Parser::new_ext(body, opts));
            Ok(html)
        })
        .collect::<Result<_, Error>>()?;
    let mut floor = Floor { files: html.len(), html_bytes: html.iter().map(String::len).sum(), ..Floor::default() };
    // The bytes written: the rendered HTML end to end, repeated as needed.
    let mut fill: Vec<u8> = html.iter().flat_map(|h| h.bytes()).take(1 << 22).collect();
    if fill.is_empty() {
        fill.push(b' ');
    }
    let dirs: std::collections::BTreeSet<PathBuf> =
        entries.iter().filter_map(|e| Path::new(&e.path).parent().map(|p| out.join(p))).collect();
    raport::io(out, std::fs::create_dir_all(out))?;
    for d in &dirs {
        raport::io(d, std::fs::create_dir_all(d))?;
    }
    entries.par_iter().try_for_each(|e| {
        let path = out.join(&e.path);
        let mut bytes = Vec::with_capacity(e.size as usize);
        while (bytes.len() as u64) < e.size {
            let take = (e.size as usize - bytes.len()).min(fill.len());
            bytes.extend_from_slice(&fill[..take]);
        }
        raport::io(&path, std::fs::write(&path, &bytes))
    })?;
    floor.written = entries.len();
    floor.written_bytes = entries.iter().map(|e| e.size).sum();
    Ok(floor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_floor_writes_every_file_of_the_manifest_at_its_size() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content/briefs")).unwrap();
        std::fs::write(root.join("content/briefs/a.en.md"), "---\ntitle: A\n---\n# Hello\n\nText.\n").unwrap();
        let reference = tmp.path().join("ref");
        std::fs::create_dir_all(reference.join("en/a")).unwrap();
        std::fs::write(reference.join("en/a/index.html"), vec![b'x'; 5000]).unwrap();
        std::fs::write(reference.join("robots.txt"), "User-agent: *\n").unwrap();
        let entries = manifest(&reference).unwrap();
        let file = tmp.path().join("manifest.txt");
        write_manifest(&file, &entries).unwrap();
        let entries = read_manifest(&file).unwrap();
        assert_eq!(entries.len(), 2);
        let out = tmp.path().join("out");
        let f = run(&root, &entries, &out).unwrap();
        assert_eq!((f.files, f.written, f.written_bytes), (1, 2, 5014));
        assert_eq!(std::fs::metadata(out.join("en/a/index.html")).unwrap().len(), 5000);
        assert!(std::fs::read_to_string(out.join("robots.txt")).unwrap().starts_with("<h1>Hello</h1>"));
    }
}
