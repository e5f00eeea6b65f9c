//! The floor: a bare pulldown-cmark pass (Markdown -> HTML, same extensions,
//! no passes, no templates, no writing) over the briefs of a site, one thread.
//! Whatever a build costs beyond this is raport's own work.

use std::path::Path;

use pulldown_cmark::{Options, Parser};

use raport::Error;
use raport::content::list_files;

/// What the floor pass did: files read and HTML bytes produced.
#[derive(Debug, Clone, Copy, Default)]
pub struct Floor {
    /// Markdown files rendered.
    pub files: usize,
    /// HTML bytes produced (kept so the work cannot be optimised away).
    pub html_bytes: usize,
}

/// Reads every `content/briefs/*.md` under `root`, drops the front matter and
/// renders the body to HTML.
pub fn run(root: &Path) -> Result<Floor, Error> {
    let dir = root.join("content/briefs");
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = Floor::default();
    let mut html = String::new();
    for rel in list_files(&dir, &dir)? {
        let path = dir.join(&rel);
        let text = raport::io(&path, std::fs::read_to_string(&path))?;
        let body = text.strip_prefix("---\n").and_then(|t| t.split_once("\n---\n")).map_or(text.as_str(), |(_, b)| b);
        html.clear();
        pulldown_cmark::html::push_html(&mut html, Parser::new_ext(body, opts));
        out.files += 1;
        out.html_bytes += html.len();
    }
    Ok(out)
}
