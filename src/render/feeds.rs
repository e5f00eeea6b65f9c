//! Feeds and files for crawlers and hosts (SPEC §7): the Atom feed of each
//! language (`/atom.xml`, `/en/atom.xml`), `/sitemap.xml` with hreflang
//! alternates, `/robots.txt`, `/.nojekyll` and `/CNAME`.
//!
//! [`files`] lists them as [`OutFile`]s; the feeds and the sitemap are made
//! when written ([`atom`], [`sitemap`], from the [`Env`] and every [`Page`]
//! the generators made). Dates come from the content,
//! never from the clock, so two builds give the same bytes. Drafts (built
//! only with `--drafts`, as a preview) are never in a feed or the sitemap.
//! Every URL here is absolute, from `base_url`.

use std::collections::BTreeMap;

use super::lists::briefs_of;
use super::paths::doc_key;
use super::{Body, Derived, Env, OutFile, Page};
use crate::content::doc::Doc;
use crate::i18n::Date;
use crate::markdown::Rendered;

/// How many briefs a feed lists, newest first.
pub(crate) const FEED_ENTRIES: usize = 20;

/// The Atom feeds, the sitemap, robots.txt, .nojekyll and CNAME.
pub(super) fn files(env: &Env) -> Vec<OutFile> {
    let langs = &env.site.config.languages;
    let mut out: Vec<OutFile> = langs
        .all()
        .iter()
        .map(|lang| OutFile {
            path: format!("{}atom.xml", langs.prefix(lang)),
            body: Body::Derived(Derived::Atom(lang.clone())),
        })
        .collect();
    out.push(OutFile { path: "sitemap.xml".into(), body: Body::Derived(Derived::Sitemap) });
    out.push(OutFile {
        path: "robots.txt".into(),
        body: Body::Bytes(robots(&env.site.config.base_url, &env.urls.file_abs("sitemap.xml")).into_bytes()),
    });
    // GitHub Pages would otherwise run Jekyll, which hides files starting with `_` or `.`.
    out.push(OutFile { path: ".nojekyll".into(), body: Body::Bytes(Vec::new()) });
    if let Some(domain) = &env.site.config.cname {
        out.push(OutFile { path: "CNAME".into(), body: Body::Bytes(format!("{domain}\n").into_bytes()) });
    }
    out
}

/// The last time a document changed: `updated`, else `date`.
pub(crate) fn last_change(d: &Doc) -> Option<Date> {
    d.updated.into_iter().chain(d.date).max()
}

/// An Atom timestamp for a content date (midnight UTC).
fn timestamp(d: Date) -> String {
    format!("{d}T00:00:00Z")
}

/// The Atom feed of `lang`: its newest briefs, with absolute URLs.
pub(super) fn atom(env: &Env, lang: &str) -> String {
    let cfg = &env.site.config;
    let def = env.default_lang();
    let entries: Vec<(&Doc, &Rendered)> =
        briefs_of(env, lang).into_iter().filter(|(d, _)| !d.draft).take(FEED_ENTRIES).collect();
    // An empty feed still needs an `updated`; the epoch keeps builds reproducible.
    let updated = entries
        .iter()
        .filter_map(|(d, _)| last_change(d))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), timestamp);
    let title = cfg.title.get(lang, def).text;
    let home = env.urls.abs(lang, "");
    let mut x = String::with_capacity(1024 + entries.len() * 800);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", xml(lang)));
    x.push_str(&format!("<title>{}</title>\n", xml(title)));
    if let Some(d) = &cfg.description {
        x.push_str(&format!("<subtitle>{}</subtitle>\n", xml(d.get(lang, def).text)));
    }
    x.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml(&env.urls.abs(lang, "atom.xml"))
    ));
    x.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml(&home)));
    x.push_str(&format!("<id>{}</id>\n<updated>{updated}</updated>\n", xml(&home)));
    // Atom wants an author on the feed when an entry has none.
    x.push_str(&format!("<author><name>{}</name></author>\n<generator>raport</generator>\n", xml(title)));
    for (d, r) in entries {
        x.push_str(&entry(env, d, r));
    }
    x.push_str("</feed>\n");
    x
}

fn entry(env: &Env, d: &Doc, r: &Rendered) -> String {
    let url = env.urls.abs(&d.lang, &super::paths::doc_path(d));
    let summary = super::view::summary(d, r);
    let mut x = String::from("<entry>\n");
    x.push_str(&format!("<title>{}</title>\n", xml(&d.title)));
    x.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml(&url)));
    // The URL is the entry id: stable as long as the slug and base_url are.
    x.push_str(&format!("<id>{}</id>\n", xml(&url)));
    if let Some(p) = d.date {
        x.push_str(&format!("<published>{}</published>\n", timestamp(p)));
    }
    if let Some(u) = last_change(d) {
        x.push_str(&format!("<updated>{}</updated>\n", timestamp(u)));
    }
    for a in &d.authors {
        x.push_str(&format!("<author><name>{}</name></author>\n", xml(a)));
    }
    for t in &d.topics {
        x.push_str(&format!("<category term=\"{}\"/>\n", xml(t)));
    }
    if !summary.is_empty() {
        x.push_str(&format!("<summary type=\"text\">{}</summary>\n", xml(&summary)));
    }
    x.push_str("</entry>\n");
    x
}

/// One `<url>` of the sitemap.
struct SitemapUrl {
    loc: String,
    lastmod: Option<Date>,
    /// (hreflang, URL) of every version, self included.
    alternates: Vec<(String, String)>,
}

/// `/sitemap.xml`: every page listed for crawlers, each with the URLs of all
/// its translations (hreflang, self included, plus x-default).
pub(super) fn sitemap(env: &Env, pages: &[Page]) -> String {
    let langs = env.languages();
    let mut by_key: BTreeMap<&str, BTreeMap<&str, &Page>> = BTreeMap::new();
    for p in pages.iter().filter(|p| p.in_sitemap) {
        by_key.entry(p.key.as_str()).or_default().insert(p.lang.as_str(), p);
    }
    let mut dates: BTreeMap<(String, &str), Date> = BTreeMap::new();
    for (d, _) in env.docs() {
        if let Some(date) = last_change(d) {
            dates.insert((doc_key(d), d.lang.as_str()), date);
        }
    }
    let mut urls: Vec<SitemapUrl> = Vec::new();
    for (key, versions) in &by_key {
        let mut alternates: Vec<(String, String)> = langs
            .iter()
            .filter_map(|l| versions.get(l.as_str()).map(|p| (l.clone(), env.urls.abs(l, &p.path))))
            .collect();
        if let Some(p) = versions.get(env.default_lang()) {
            alternates.push(("x-default".into(), env.urls.abs(&p.lang, &p.path)));
        }
        for p in versions.values() {
            urls.push(SitemapUrl {
                loc: env.urls.abs(&p.lang, &p.path),
                lastmod: dates.get(&((*key).to_string(), p.lang.as_str())).copied(),
                alternates: alternates.clone(),
            });
        }
    }
    urls.sort_by(|a, b| a.loc.cmp(&b.loc));
    let mut x = String::with_capacity(256 + urls.len() * 400);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for u in urls {
        x.push_str(&format!("<url>\n<loc>{}</loc>\n", xml(&u.loc)));
        if let Some(d) = u.lastmod {
            x.push_str(&format!("<lastmod>{d}</lastmod>\n"));
        }
        for (lang, href) in &u.alternates {
            x.push_str(&format!("<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n", xml(lang), xml(href)));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// `/robots.txt`: everything may be crawled; the sitemap is named when the
/// base URL is absolute (crawlers need a full address).
pub(super) fn robots(base_url: &str, sitemap_url: &str) -> String {
    let mut s = String::from("User-agent: *\nAllow: /\n");
    if base_url.contains("://") {
        s.push_str(&format!("\nSitemap: {sitemap_url}\n"));
    } else {
        s.push_str("\n# No Sitemap line: base_url in site.yaml is not a full address (https://...).\n");
    }
    s
}

/// Escapes text for XML content and attributes, dropping the control
/// characters XML 1.0 does not allow.
pub(super) fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_drops_control_characters() {
        assert_eq!(xml("a & <b> \"c\" 'd'\u{1}\u{b}ë"), "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;ë");
    }

    #[test]
    fn robots_names_the_sitemap_only_for_absolute_base_urls() {
        let r = robots("https://example.org/sub/", "https://example.org/sub/sitemap.xml");
        assert!(r.contains("Sitemap: https://example.org/sub/sitemap.xml\n"), "{r}");
        let r = robots("/", "/sitemap.xml");
        assert!(!r.contains("Sitemap:"), "{r}");
    }

    #[test]
    fn timestamps_are_midnight_utc() {
        assert_eq!(timestamp(Date { year: 2023, month: 10, day: 4 }), "2023-10-04T00:00:00Z");
    }
}
