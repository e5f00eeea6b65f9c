//! Internal links: `[text](@/briefs/<stem>.md#anchor)` and `@/pages/...`
//! resolve to that document in the page's language, else in the default
//! language (SPEC §4). A target that does not exist is an error at the link.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Tag};

use super::{Context, Events};
use crate::diag::{Diagnostic, Diagnostics, LineIndex, SourceFile, Span};

/// Every linkable document: folder -> stem -> language -> URL path. Nested
/// so that a lookup borrows its keys instead of building strings.
#[derive(Debug, Default, Clone)]
pub struct LinkTable {
    targets: BTreeMap<String, BTreeMap<String, BTreeMap<String, String>>>,
    /// The URL path of every page a link may name by its address: every
    /// document's, and the others ([`LinkTable::insert_page`]).
    pages: std::collections::BTreeSet<String>,
    base_path: String,
}

impl LinkTable {
    /// A table for a site served under `base_path` (`/` or `/wb-ocr/`):
    /// root-relative links written in Markdown (`/pdf/x.pdf`) get it prefixed.
    pub fn new(base_path: &str) -> LinkTable {
        LinkTable { targets: BTreeMap::new(), pages: Default::default(), base_path: base_path.to_string() }
    }

    /// Records a page that is not a document (`/wb-ocr/en/radar/xk/`), so
    /// that a link to its address is not reported as broken.
    pub(crate) fn insert_page(&mut self, url: String) {
        self.pages.insert(url);
    }

    /// Records that `folder/stem` exists in `lang` at `url`.
    pub fn insert(&mut self, folder: &str, stem: &str, lang: &str, url: String) {
        self.pages.insert(url.clone());
        self.targets
            .entry(folder.to_string())
            .or_default()
            .entry(stem.to_string())
            .or_default()
            .insert(lang.to_string(), url);
    }

    /// The URL of `folder/stem` in `lang`, else in `default`, with the language found.
    pub(crate) fn lookup(&self, folder: &str, stem: &str, lang: &str, default: &str) -> Option<(&str, &str)> {
        let langs = self.targets.get(folder)?.get(stem)?;
        langs
            .get_key_value(lang)
            .or_else(|| langs.get_key_value(default))
            .or_else(|| langs.iter().next())
            .map(|(l, u)| (l.as_str(), u.as_str()))
    }

    /// True when `seg` is the URL prefix of a language with pages (`en`).
    fn is_lang(&self, seg: &str) -> bool {
        self.pages.iter().any(|p| p.strip_prefix(self.base_path.as_str()).is_some_and(|r| r == format!("{seg}/")))
    }

    fn stems(&self, folder: &str) -> impl Iterator<Item = &str> {
        self.targets.get(folder).into_iter().flat_map(|s| s.keys().map(String::as_str))
    }
}

/// A link to `#fragment` of another document, checked when all are rendered.
#[derive(Debug, Clone)]
pub(crate) struct FragmentCheck {
    /// Target folder, stem and language.
    pub target: (String, String, String),
    /// The fragment, without `#`.
    pub fragment: String,
    /// The error to report when the target has no such id.
    pub diagnostic: Diagnostic,
}

/// Rewrites `@/` link destinations; pushes an error for each broken one.
pub(super) fn resolve(
    events: &mut Events<'_>,
    body: &str,
    body_line: usize,
    file: &SourceFile,
    cx: &Context<'_>,
    diags: &mut Diagnostics,
) -> Vec<FragmentCheck> {
    let mut checks = Vec::new();
    // Positions come from one index of the body, made at the first `@/`
    // link: a scan from the top for each link would cost links x size.
    let mut index: Option<LineIndex> = None;
    for (e, range) in events.iter_mut() {
        let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) = e else {
            continue;
        };
        let Some(rest) = dest_url.strip_prefix("@/") else {
            if let Some(d) = check_address(dest_url, cx.links) {
                let raw = dest_url.to_string();
                let src = body.get(range.clone()).unwrap_or("");
                let at = src.find(&raw).map_or(range.start, |i| range.start + i);
                let span = Span::at_offset(body, at, raw.len(), body_line);
                let mut e = file.error(span, "broken-link", format!("`{raw}` links to a page that does not exist"));
                e = match d {
                    Some(m) => e.with_hint(format!("did you mean `{m}`?")),
                    None => e.with_hint("link to a brief or page with @/briefs/<stem>.md or @/pages/<stem>.md; raport writes its address"),
                };
                diags.push(e);
                continue;
            }
            // `/img/x.png` means the site root, which is under the base path.
            if let Some(rest) = dest_url.strip_prefix('/')
                && !rest.starts_with('/')
                && !cx.links.base_path.is_empty()
                && cx.links.base_path != "/"
                && !dest_url.starts_with(cx.links.base_path.as_str())
            {
                *dest_url = format!("{}{rest}", cx.links.base_path).into();
            }
            continue;
        };
        let raw = dest_url.to_string();
        // Where the link is written: worked out only for a diagnostic.
        let mut span = || {
            let src = body.get(range.clone()).unwrap_or("");
            let at = src.find(&raw).map_or(range.start, |i| range.start + i);
            index.get_or_insert_with(|| LineIndex::new(body)).span(body, at, raw.len(), body_line)
        };
        let (path, fragment) = match rest.split_once('#') {
            Some((p, f)) => (p.to_string(), Some(f.to_string())),
            None => (rest.to_string(), None),
        };
        let Some((folder, name)) = path.split_once('/') else {
            diags.push(bad_link(file, span(), &raw, "it must name a folder and a file"));
            continue;
        };
        if folder != "briefs" && folder != "pages" {
            diags.push(bad_link(file, span(), &raw, "only @/briefs/... and @/pages/... can be linked"));
            continue;
        }
        let Some(base) = name.strip_suffix(".md") else {
            diags.push(bad_link(file, span(), &raw, "the file name must end in .md"));
            continue;
        };
        // `@/briefs/x.en.md` asks for one language; `@/briefs/x.md` for the page's.
        let (stem, want) = match base.rsplit_once('.') {
            Some((s, l)) if cx.links.lookup(folder, s, l, l).is_some_and(|(found, _)| found == l) => (s, l),
            _ => (base, cx.lang),
        };
        match cx.links.lookup(folder, stem, want, cx.default_lang) {
            Some((found_lang, url)) => {
                let mut target = url.to_string();
                if let Some(f) = &fragment {
                    target.push('#');
                    target.push_str(f);
                    checks.push(FragmentCheck {
                        target: (folder.to_string(), stem.to_string(), found_lang.to_string()),
                        fragment: f.clone(),
                        diagnostic: file
                            .error(span(), "broken-anchor", format!("`{raw}` links to `#{f}`, which that page does not have"))
                            .with_hint("link to a heading's id: its text in lowercase ASCII with hyphens, e.g. #siguria-ne-ballkan"),
                    });
                }
                *dest_url = target.into();
            }
            None => {
                let mut d = file.error(span(), "broken-link", format!("`{raw}` links to content that does not exist"));
                let stems: Vec<&str> = cx.links.stems(folder).collect();
                d = match crate::diag::did_you_mean(stem, stems.iter().copied()) {
                    Some(m) => d.with_hint(format!("did you mean `@/{folder}/{m}.md`?")),
                    None => d.with_hint(format!(
                        "link to an existing file: @/{folder}/<stem>.md, where content/{folder}/<stem>.<lang>.md exists"
                    )),
                };
                diags.push(d);
            }
        }
    }
    checks
}

/// Checks a link written as a site address (`/briefs/first-brief/`,
/// `/en/radar/xk/`, with or without the base path): `None` when it is not
/// one (an external link, a file such as `/pdf/x.pdf`) or names a page that
/// exists; else `Some` with the closest existing address, if one is close.
fn check_address(dest: &str, links: &LinkTable) -> Option<Option<String>> {
    let path = dest.strip_prefix('/').filter(|p| !p.starts_with('/'))?;
    let path = path.split(['#', '?']).next().unwrap_or_default();
    // A file (`img/c.svg`, `atom.xml`) is content/static's or raport's own, not a page.
    if path.rsplit('/').next().is_some_and(|last| last.contains('.')) {
        return None;
    }
    let base = links.base_path.trim_start_matches('/');
    let rel = path.strip_prefix(base).unwrap_or(path);
    let mut url = format!("{}{rel}", links.base_path);
    if !url.ends_with('/') {
        url.push('/');
    }
    if links.pages.contains(&url) {
        return None;
    }
    // Topic pages and list pages are made from the briefs: not checked.
    let segments: Vec<&str> = rel.split('/').filter(|s| !s.is_empty()).collect();
    let unchecked = |s: &[&str]| matches!(s.first(), Some(&"topics") | None) || s.get(1) == Some(&"page");
    let after_lang = if segments.first().is_some_and(|l| l.len() <= 3 && links.is_lang(l)) {
        segments.get(1..).unwrap_or_default()
    } else {
        &segments[..]
    };
    if unchecked(&segments) || unchecked(after_lang) {
        return None;
    }
    let near = crate::diag::did_you_mean(&url, links.pages.iter().map(String::as_str)).map(|m| {
        // In the form it was written: with the base path or without it.
        match (path.starts_with(base), m.strip_prefix(links.base_path.as_str())) {
            (false, Some(r)) if !base.is_empty() => format!("/{r}"),
            _ => m.to_string(),
        }
    });
    Some(near)
}

/// Adds to a `broken-anchor` error the closest id the target page has, or
/// the ids it has, so the editor can pick the right one.
pub(crate) fn anchor_hint(d: Diagnostic, fragment: &str, ids: &[String]) -> Diagnostic {
    if let Some(m) = crate::diag::did_you_mean(fragment, ids.iter().map(String::as_str)) {
        return d.with_hint(format!("did you mean `#{m}`?"));
    }
    if ids.is_empty() {
        return d.with_hint("that page has no headings to link to; link to the page without `#...`");
    }
    let shown: Vec<String> = ids.iter().take(10).map(|i| format!("#{i}")).collect();
    let more = if ids.len() > shown.len() { ", ..." } else { "" };
    d.with_hint(format!("ids on that page: {}{more}", shown.join(", ")))
}

fn bad_link(file: &SourceFile, span: Span, raw: &str, why: &str) -> Diagnostic {
    file.error(span, "broken-link", format!("`{raw}` is not a valid internal link: {why}"))
        .with_hint("write @/briefs/<stem>.md or @/pages/<stem>.md")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{Context, render};

    fn table() -> LinkTable {
        let mut t = LinkTable::new("/");
        t.insert("briefs", "radar", "sq", "/briefs/radari/".into());
        t.insert("briefs", "radar", "en", "/en/briefs/radar/".into());
        t.insert("pages", "about", "sq", "/rreth/".into());
        t
    }

    /// An English page's context over the links of `t`.
    fn english(t: &LinkTable) -> Context<'_> {
        Context { lang: "en", default_lang: "sq", links: t, footnote_back: "Back", unsafe_html: false, code: None }
    }

    fn run(md: &str) -> (String, String) {
        let t = table();
        let cx = english(&t);
        let f = SourceFile::new("content/briefs/x.en.md", format!("---\ntitle: x\n---\n{md}"));
        let mut d = Diagnostics::new();
        let r = render(md, 4, &f, &cx, &mut d);
        (r.html, d.render_human())
    }

    #[test]
    fn links_resolve_per_language_with_fallback() {
        let (html, _) = run("[a](@/briefs/radar.md) [b](@/pages/about.md#team) [c](@/briefs/radar.sq.md)");
        assert!(html.contains("href=\"/en/briefs/radar/\""), "{html}");
        assert!(html.contains("href=\"/rreth/#team\""), "{html}");
        assert!(html.contains("href=\"/briefs/radari/\""), "{html}");
    }

    #[test]
    fn root_relative_links_get_the_base_path() {
        let t = LinkTable::new("/wb-ocr/");
        let cx = english(&t);
        let f = SourceFile::new("x.en.md", "");
        let mut d = Diagnostics::new();
        let r = render("![chart](/img/c.svg) [pdf](/wb-ocr/a.pdf) [ext](//cdn.example.org/x)", 1, &f, &cx, &mut d);
        assert!(r.html.contains("src=\"/wb-ocr/img/c.svg\""), "{}", r.html);
        assert!(r.html.contains("href=\"/wb-ocr/a.pdf\""), "{}", r.html);
        assert!(r.html.contains("href=\"//cdn.example.org/x\""), "{}", r.html);
    }

    #[test]
    fn site_addresses_are_checked_like_internal_links() {
        let mut t = LinkTable::new("/wb-ocr/");
        t.insert("briefs", "first", "sq", "/wb-ocr/briefs/first-brief/".into());
        t.insert("briefs", "first", "en", "/wb-ocr/en/briefs/first-brief/".into());
        for p in ["/wb-ocr/", "/wb-ocr/en/", "/wb-ocr/radar/xk/", "/wb-ocr/en/radar/xk/"] {
            t.insert_page(p.into());
        }
        let cx = english(&t);
        let md = "[a](/briefs/first-brief/) [b](/en/radar/xk/) [c](/wb-ocr/en/briefs/first-brief/#x) [d](/img/c.svg)                   [e](/topics/anything/) [f](/en/briefs/frist-brief/)\n\n[g](/radar/kv)\n";
        let f = SourceFile::new("x.en.md", md);
        let mut d = Diagnostics::new();
        let r = render(md, 1, &f, &cx, &mut d);
        let out = d.render_human();
        assert_eq!(d.error_count(), 2, "{out}");
        assert!(
            out.contains("x.en.md:1:145: error: `/en/briefs/frist-brief/` links to a page that does not exist"),
            "{out}"
        );
        assert!(out.contains("did you mean `/en/briefs/first-brief/`?"), "{out}");
        assert!(out.contains("x.en.md:3:5: error: `/radar/kv` links to a page that does not exist"), "{out}");
        assert!(r.html.contains("href=\"/wb-ocr/briefs/first-brief/\""), "{}", r.html);
    }

    #[test]
    fn broken_links_point_at_the_destination() {
        let (_, out) = run("Text\n\nSee [x](@/briefs/radr.md).\n");
        assert!(out.contains("x.en.md:6:9: error: `@/briefs/radr.md` links to content that does not exist"), "{out}");
        assert!(out.contains("did you mean `@/briefs/radar.md`?"), "{out}");
    }
}
