//! The internal link check: every href/src/action of every generated page
//! that points inside the site resolves to a file, and every `#fragment` to
//! an element id on the target page. The pages are minified (unquoted
//! attributes), so this reads tags with an HTML tokenizer
//! (`common::html`) rather than text matching.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::common::html::{Tag, tags};
use super::serve::{percent_decode, resolve};

/// A link that does not resolve.
#[derive(Debug)]
pub(crate) struct Broken {
    /// The page it is on, relative to the output folder.
    pub page: String,
    /// The tag and attribute (`a href`).
    pub attr: String,
    /// The link as written.
    pub url: String,
    /// Why it is broken.
    pub why: String,
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: <{}=\"{}\">: {}", self.page, self.attr, self.url, self.why)
    }
}

/// What the check looked at and found.
#[derive(Debug, Default)]
pub(crate) struct LinkReport {
    /// HTML pages read.
    pub pages: usize,
    /// Internal links checked (external ones are not followed).
    pub checked: usize,
    /// External links seen and left alone.
    pub external: usize,
    /// Links into sections not built yet (see `check_site`'s `pending`).
    pub pending: usize,
    /// Links that do not resolve.
    pub broken: Vec<Broken>,
}

/// Checks every internal link of every HTML page under `dir`, which is
/// served at `base_url` (ending in `/`). `foreign_base` is a base URL that
/// must not appear at all (the site.yaml one, replaced by `--base-url`).
/// Missing targets under a `pending` path prefix (sections whose pages are
/// still being built) are counted apart instead of as broken.
pub(crate) fn check_site(dir: &Path, base_url: &str, foreign_base: &str, pending: &[String]) -> LinkReport {
    let base_path = &base_url[base_url.find("://").map_or(0, |i| i + 3)..];
    let base_path = &base_path[base_path.find('/').unwrap_or(0)..];
    let mut pages: BTreeMap<String, Vec<Tag>> = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap_or_else(|e| panic!("walk {}: {e}", dir.display()));
        if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html") {
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path()).to_string_lossy().replace('\\', "/");
            let html = std::fs::read_to_string(e.path()).unwrap_or_else(|err| panic!("read {rel}: {err}"));
            pages.insert(rel, tags(&html));
        }
    }
    let ids: BTreeMap<&str, BTreeSet<&str>> = pages
        .iter()
        .map(|(p, tags)| {
            let set = tags
                .iter()
                .flat_map(|t| [t.attr("id"), if t.name == "a" { t.attr("name") } else { None }])
                .flatten()
                .collect();
            (p.as_str(), set)
        })
        .collect();

    let mut report = LinkReport { pages: pages.len(), ..LinkReport::default() };
    for (page, tags) in &pages {
        // The URL path the page is served at; 404.html is served at any depth.
        let page_path = match page.strip_suffix("index.html") {
            Some(d) => format!("{base_path}{d}"),
            None => format!("{base_path}{page}"),
        };
        for t in tags {
            for attr in ["href", "src", "action", "poster", "data"] {
                let Some(url) = t.attr(attr) else { continue };
                let label = format!("{} {attr}", t.name);
                let mut broken = |why: String| {
                    report.broken.push(Broken { page: page.clone(), attr: label.clone(), url: url.to_string(), why });
                };
                let url_t = url.trim();
                if url_t.is_empty() {
                    broken("empty URL".into());
                    continue;
                }
                if url_t.starts_with(foreign_base) {
                    broken(format!("uses site.yaml's base_url, not the one the site was built with ({base_url})"));
                    continue;
                }
                let lower = url_t.to_ascii_lowercase();
                if ["mailto:", "tel:", "data:", "javascript:"].iter().any(|s| lower.starts_with(s)) {
                    continue;
                }
                let path_and_frag = if let Some(rest) = url_t.strip_prefix(base_url) {
                    format!("{base_path}{rest}")
                } else if lower.starts_with("http://") || lower.starts_with("https://") || url_t.starts_with("//") {
                    report.external += 1;
                    continue;
                } else if url_t.starts_with('/') {
                    url_t.to_string()
                } else if let Some(frag) = url_t.strip_prefix('#') {
                    format!("{page_path}#{frag}")
                } else {
                    join(&page_path, url_t)
                };
                report.checked += 1;
                let (path, frag) = match path_and_frag.split_once('#') {
                    Some((p, f)) => (p.to_string(), Some(f.to_string())),
                    None => (path_and_frag.clone(), None),
                };
                let path = path.split('?').next().unwrap_or("").to_string();
                if !path.starts_with(base_path) {
                    broken(format!("leaves the site's sub-path {base_path}"));
                    continue;
                }
                let decoded = percent_decode(&path);
                let Some(mut file) = resolve(dir, base_path, &decoded) else {
                    if pending.iter().any(|p| decoded.starts_with(p.as_str())) {
                        report.pending += 1;
                        continue;
                    }
                    broken("no such file in the built site".into());
                    continue;
                };
                if file.is_dir() {
                    file.push("index.html");
                }
                let Some(frag) = frag.filter(|f| !f.is_empty()) else { continue };
                let rel = file.strip_prefix(dir).unwrap_or(&file).to_string_lossy().replace('\\', "/");
                match ids.get(rel.as_str()) {
                    Some(set) if set.contains(percent_decode(&frag).as_str()) => {}
                    Some(_) => broken(format!("no element with id=\"{frag}\" on {rel}")),
                    None if rel.ends_with(".svg") => {}
                    None => broken(format!("#{frag} on {rel}, which is not an HTML page")),
                }
            }
        }
    }
    report
}

/// Resolves a relative reference against the URL path of a page.
fn join(page_path: &str, rel: &str) -> String {
    let dir = &page_path[..page_path.rfind('/').map_or(0, |i| i + 1)];
    let (rel_path, suffix) = match rel.find(['?', '#']) {
        Some(i) => (&rel[..i], &rel[i..]),
        None => (rel, ""),
    };
    let mut segs: Vec<&str> = dir.split('/').collect();
    segs.pop(); // the empty segment after the trailing slash
    for s in rel_path.split('/') {
        match s {
            "." => {}
            ".." => {
                if segs.len() > 1 {
                    segs.pop();
                }
            }
            s => segs.push(s),
        }
    }
    let mut out = segs.join("/");
    if rel_path.is_empty() || rel_path.ends_with('/') && !out.ends_with('/') {
        out.push('/');
    }
    format!("{out}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_reads_minified_and_quoted_attributes() {
        let t = tags(
            "<!doctype html><!-- <a href=x> --><a class=x href=/a/b/#c>t</a><img src='i.png' alt=\"a &amp; b\"><script>if (a<b) {}</script><p id=z>",
        );
        let names: Vec<&str> = t.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["a", "img", "script", "p"]);
        assert_eq!(t[0].attr("href"), Some("/a/b/#c"));
        assert_eq!(t[1].attr("alt"), Some("a & b"));
        assert_eq!(t[3].attr("id"), Some("z"));
    }

    #[test]
    fn relative_links_join_against_the_page_directory() {
        assert_eq!(join("/s/briefs/x/", "../y/"), "/s/briefs/y/");
        assert_eq!(join("/s/briefs/x/", "a.pdf#p"), "/s/briefs/x/a.pdf#p");
        assert_eq!(join("/s/404.html", "assets/s.css"), "/s/assets/s.css");
    }
}
