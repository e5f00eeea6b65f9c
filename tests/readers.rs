//! What readers, crawlers and hosts get (SPEC §7): Atom feeds, the sitemap,
//! robots.txt, .nojekyll and CNAME, the search index and page, sharing
//! metadata, the bilingual 404, and a sub-path build whose links all resolve.

mod common;

use raport::render::search::{stem, tokenize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;

const BASE: &str = "https://example.org/wb-ocr/";
const ATOM: &str = "http://www.w3.org/2005/Atom";

fn xml_doc(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{text}"))
}

fn child_text<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.children().find(|c| c.has_tag_name((ATOM, name))).and_then(|c| c.text())
}

#[test]
fn atom_feeds_list_briefs_newest_first_with_absolute_urls() {
    let (_tmp, out) = build("readers", &[]);
    let text = read(&out, "atom.xml");
    let doc = xml_doc(&text);
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    assert_eq!(feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")), Some("sq"));
    assert_eq!(child_text(feed, "id"), Some(BASE));
    // `ceshtje` was updated on 2024-01-20, later than any publication date.
    assert_eq!(child_text(feed, "updated"), Some("2024-01-20T00:00:00Z"));
    let selfs: Vec<&str> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("self"))
        .filter_map(|c| c.attribute("href"))
        .collect();
    assert_eq!(selfs, [format!("{BASE}atom.xml")]);
    let entries: Vec<_> = feed.children().filter(|c| c.has_tag_name((ATOM, "entry"))).collect();
    let titles: Vec<&str> = entries.iter().filter_map(|e| child_text(*e, "title")).collect();
    assert_eq!(titles, ["Siguria në Ballkan", "Çështje të hapura", "Krimi & drejtësia <2021>"]);
    for e in &entries {
        let id = child_text(*e, "id").unwrap_or_default();
        assert!(id.starts_with(BASE), "{id}");
        let link = e.children().find(|c| c.has_tag_name((ATOM, "link"))).and_then(|l| l.attribute("href"));
        assert_eq!(link, Some(id));
        assert!(child_text(*e, "updated").is_some_and(|u| u.ends_with("T00:00:00Z")));
    }
    assert_eq!(
        entries.first().and_then(|e| child_text(*e, "summary")),
        Some("Një vështrim mbi sigurinë rajonale & bashkëpunimin <policor>.")
    );

    let en = read(&out, "en/atom.xml");
    let en_doc = xml_doc(&en);
    let en_feed = en_doc.root_element();
    assert_eq!(en_feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")), Some("en"));
    let en_ids: Vec<&str> =
        en_feed.descendants().filter(|c| c.has_tag_name((ATOM, "entry"))).filter_map(|e| child_text(e, "id")).collect();
    assert_eq!(en_ids, [format!("{BASE}en/briefs/security-in-the-balkans/"), format!("{BASE}en/briefs/vjeter/")]);
}

#[test]
fn every_page_links_its_language_feed() {
    let (_tmp, out) = build("readers", &[]);
    let en = read(&out, "en/about/index.html");
    assert!(
        en.contains(&format!(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Security Radar\" href=\"{BASE}en/atom.xml\">"
        )),
        "{en}"
    );
}

/// `loc` -> hreflang -> href, from the sitemap.
fn sitemap_of(out: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let text = read(out, "sitemap.xml");
    let doc = xml_doc(&text);
    let sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert!(doc.root_element().has_tag_name((sm, "urlset")));
    let mut urls = BTreeMap::new();
    for u in doc.root_element().children().filter(|c| c.has_tag_name((sm, "url"))) {
        let loc =
            u.children().find(|c| c.has_tag_name((sm, "loc"))).and_then(|c| c.text()).unwrap_or_default().to_string();
        let alts = u
            .children()
            .filter(|c| c.has_tag_name(("http://www.w3.org/1999/xhtml", "link")))
            .map(|c| {
                (
                    c.attribute("hreflang").unwrap_or_default().to_string(),
                    c.attribute("href").unwrap_or_default().to_string(),
                )
            })
            .collect();
        assert!(urls.insert(loc.clone(), alts).is_none(), "{loc} listed twice");
    }
    urls
}

#[test]
fn sitemap_lists_pages_with_hreflang_for_every_translation() {
    let (_tmp, out) = build("readers", &[]);
    let urls = sitemap_of(&out);
    let sq = format!("{BASE}briefs/siguria/");
    let en = format!("{BASE}en/briefs/security-in-the-balkans/");
    let want: BTreeMap<String, String> =
        [("sq", &sq), ("en", &en), ("x-default", &sq)].into_iter().map(|(l, u)| (l.to_string(), u.clone())).collect();
    assert_eq!(urls.get(&sq), Some(&want));
    assert_eq!(urls.get(&en), Some(&want));
    // Only in Albanian: itself only.
    let only = format!("{BASE}briefs/ceshtje/");
    assert_eq!(
        urls.get(&only).map(|a| a.keys().cloned().collect::<Vec<_>>()),
        Some(vec!["sq".to_string(), "x-default".to_string()])
    );
    assert!(urls.contains_key(BASE) && urls.contains_key(&format!("{BASE}en/about/")));
    for loc in urls.keys() {
        assert!(loc.starts_with(BASE), "{loc}");
        assert!(
            !loc.contains("404") && !loc.contains("/search/") && !loc.contains("draft"),
            "{loc} should not be listed"
        );
        assert!(out.join(loc.trim_start_matches(BASE)).join("index.html").is_file(), "{loc} is not a page");
    }
}

#[test]
fn robots_nojekyll_and_cname_are_written() {
    let (_tmp, out) = build("readers", &[]);
    assert_eq!(read(&out, "robots.txt"), format!("User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"));
    assert_eq!(read(&out, ".nojekyll"), "");
    assert_eq!(read(&out, "CNAME"), "radar.example.org\n");
    // Without `cname:` there is no CNAME file, but .nojekyll always.
    let (_tmp2, basic) = build("basic", &[]);
    assert!(!basic.join("CNAME").exists());
    assert!(basic.join(".nojekyll").is_file());
}

/// The parsed search index of one language.
struct Index {
    lang: String,
    docs: Vec<Vec<String>>,
    /// term -> absolute document numbers
    terms: BTreeMap<String, Vec<usize>>,
}

fn index_of(out: &Path, rel: &str) -> Index {
    let v: serde_json::Value = serde_json::from_str(&read(out, rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let docs = v["docs"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    d.as_array()
                        .map(|f| f.iter().map(|s| s.as_str().unwrap_or_default().to_string()).collect())
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default();
    let mut terms = BTreeMap::new();
    for (t, p) in v["terms"].as_object().into_iter().flatten() {
        let mut n = 0;
        let list = p
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|g| {
                        n += g.as_u64().unwrap_or_default() as usize;
                        n
                    })
                    .collect()
            })
            .unwrap_or_default();
        terms.insert(t.clone(), list);
    }
    Index { lang: v["lang"].as_str().unwrap_or_default().to_string(), docs, terms }
}

impl Index {
    /// Titles of the documents matching every word of `query`, folded and
    /// stemmed, by prefix, as search.js does.
    fn query(&self, words: &[&str]) -> BTreeSet<String> {
        let mut found: Option<BTreeSet<usize>> = None;
        for w in words {
            let w = tokenize(w).first().map(|t| stem(t, &self.lang)).unwrap_or_default();
            let hits: BTreeSet<usize> =
                self.terms.iter().filter(|(t, _)| t.starts_with(&w)).flat_map(|(_, p)| p.iter().copied()).collect();
            found = Some(match found {
                None => hits,
                Some(f) => f.intersection(&hits).copied().collect(),
            });
        }
        found
            .unwrap_or_default()
            .into_iter()
            .filter_map(|i| self.docs.get(i).and_then(|d| d.first()).cloned())
            .collect()
    }
}

fn set(v: &[&str]) -> BTreeSet<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn search_index_holds_folded_terms_per_language() {
    let (_tmp, out) = build("readers", &[]);
    let sq = index_of(&out, "search-index.json");
    // Terms are folded stems: "Çështje" -> "ceshtj", "Siguria" -> "sigur".
    assert!(sq.terms.contains_key("ceshtj") && sq.terms.contains_key("sigur") && sq.terms.contains_key("ne"));
    assert!(sq.terms.keys().all(|t| t.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())), "unfolded term");
    // "siguria ne" finds "Siguria në"; "ceshtje" finds "Çështje"; a stem also matches as a prefix.
    assert!(sq.query(&["siguria", "ne"]).contains("Siguria në Ballkan"));
    assert!(sq.query(&["sigurisë"]).contains("Siguria në Ballkan"));
    assert!(sq.query(&["ceshtje"]).contains("Çështje të hapura"));
    assert!(sq.query(&["korrups"]).contains("Çështje të hapura"));
    assert_eq!(sq.query(&["krasniqi"]), set(&["Siguria në Ballkan"]));
    let first = sq.docs.first().cloned().unwrap_or_default();
    assert_eq!(
        first,
        [
            "Siguria në Ballkan",
            "/wb-ocr/briefs/siguria/",
            "14 tetor 2023",
            "Një vështrim mbi sigurinë rajonale & bashkëpunimin <policor>.",
            "brief"
        ]
    );
    assert!(sq.docs.iter().any(|d| d.first().is_some_and(|t| t == "Rreth nesh")));
    assert!(
        !sq.docs.iter().any(|d| d.get(1).is_some_and(|u| u == "/wb-ocr/" || u.contains("/page/"))),
        "home and list pages are not results"
    );

    let en = index_of(&out, "en/search-index.json");
    assert!(en.terms.contains_key("security") && !en.terms.contains_key("ceshtj"));
    assert_eq!(en.docs.first().and_then(|d| d.get(2)).map(String::as_str), Some("14 October 2023"));
    assert!(en.query(&["police", "coop"]).contains("Security in the Balkans"));
}

#[test]
fn drafts_stay_out_of_feeds_sitemap_and_search_even_when_built() {
    for extra in [&[][..], &["--drafts"][..]] {
        let (_tmp, out) = build("readers", extra);
        assert_eq!(out.join("briefs/draft/index.html").is_file(), !extra.is_empty());
        for f in ["atom.xml", "sitemap.xml", "search-index.json"] {
            let text = read(&out, f).to_lowercase();
            assert!(!text.contains("sekretissimo") && !text.contains("briefs/draft/"), "draft in {f} ({extra:?})");
        }
    }
}

#[test]
fn search_page_works_without_inline_script() {
    let (_tmp, out) = build("readers", &[]);
    let sq = read(&out, "search/index.html");
    assert!(sq.contains("<form id=\"search-form\" class=\"search-form\" role=\"search\" action=\"/wb-ocr/search/\" method=\"get\" data-index=\"/wb-ocr/search-index.json\""), "{sq}");
    assert!(sq.contains("<label for=\"search-q\">") && sq.contains("id=\"search-q\" name=\"q\""));
    assert!(sq.contains("role=\"status\""));
    assert!(sq.contains("<noscript>"));
    assert!(sq.contains("<script src=\"/wb-ocr/assets/search.js\" defer></script>"));
    assert!(read(&out, "en/search/index.html").contains("data-index=\"/wb-ocr/en/search-index.json\""));
    assert!(out.join("assets/search.js").is_file());
    assert!(read(&out, "index.html").contains("<a href=\"/wb-ocr/search/\">Kërko</a>"));
    for f in html_files(&out) {
        let html = std::fs::read_to_string(&f).unwrap_or_default();
        // JSON-LD is data, not script (and never run).
        let html = html.replace("<script type=\"application/ld+json\">", "");
        assert!(!html.contains("<script>") && !html.contains("<script type"), "inline script in {}", f.display());
        if !f.ends_with("search/index.html") {
            assert!(!html.contains("search.js"), "search.js loaded outside the search page: {}", f.display());
        }
    }
}

#[test]
fn sharing_metadata_and_canonical_are_per_language() {
    let (_tmp, out) = build("readers", &[]);
    let sq = read(&out, "briefs/siguria/index.html");
    for want in [
        format!("<link rel=\"canonical\" href=\"{BASE}briefs/siguria/\">"),
        "<meta property=\"og:type\" content=\"article\">".to_string(),
        "<meta property=\"og:title\" content=\"Siguria në Ballkan\">".to_string(),
        "<meta property=\"og:description\" content=\"Një vështrim mbi sigurinë rajonale &amp; bashkëpunimin &lt;policor&gt;.\">".to_string(),
        format!("<meta property=\"og:url\" content=\"{BASE}briefs/siguria/\">"),
        "<meta property=\"og:locale\" content=\"sq_AL\">".to_string(),
        "<meta property=\"og:locale:alternate\" content=\"en_GB\">".to_string(),
        "<meta name=\"twitter:card\" content=\"summary_large_image\">".to_string(),
        format!("<meta property=\"og:image\" content=\"{BASE}briefs/siguria/card.png\">"),
        format!("<link rel=\"alternate\" hreflang=\"x-default\" href=\"{BASE}briefs/siguria/\">"),
    ] {
        assert!(sq.contains(&want), "missing {want}");
    }
    let en = read(&out, "en/briefs/security-in-the-balkans/index.html");
    assert!(
        en.contains("<meta property=\"og:locale\" content=\"en_GB\">")
            && en.contains("<meta property=\"og:locale:alternate\" content=\"sq_AL\">")
    );
    // Not translated: no alternate locale is claimed.
    let only = read(&out, "briefs/ceshtje/index.html");
    assert!(!only.contains("og:locale:alternate"), "{only}");
}

#[test]
fn not_found_page_speaks_both_languages_and_is_not_indexed() {
    let (_tmp, out) = build("readers", &[]);
    let html = read(&out, "404.html");
    assert!(
        html.contains("<section class=\"not-found\" lang=\"sq\">")
            && html.contains("<section class=\"not-found\" lang=\"en\">")
    );
    assert!(html.contains("<a href=\"/wb-ocr/\">") && html.contains("<a href=\"/wb-ocr/en/\">"));
    assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(
        html.contains("href=\"/wb-ocr/assets/style.css\""),
        "the 404 is served at any depth: its links must be root-relative"
    );
}

fn html_files(out: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

/// Every value of attribute `name` in `html`, in document order.
fn attr_values(html: &str, name: &str) -> Vec<String> {
    let mut out: Vec<String> =
        common::html::tags(html).into_iter().filter_map(|t| t.attr(name).map(str::to_string)).collect();
    // An escaped attribute in text (the embed code shown in a `<textarea>`)
    // is checked too: it must lead somewhere.
    let pat = format!("{name}=&quot;");
    for (i, _) in html.match_indices(&pat) {
        if let Some(v) = html[i + pat.len()..].split("&quot;").next() {
            out.push(v.replace("&amp;", "&"));
        }
    }
    out
}

/// Every `href` and `src` of a page.
fn links_of(html: &str) -> Vec<String> {
    let mut out = attr_values(html, "href");
    out.extend(attr_values(html, "src"));
    out
}

/// Checks that every internal link of every page (and feed) resolves to a
/// file in `out`, fragments included, for a site published at `base`.
fn assert_links_resolve(out: &Path, base: &str) {
    let path_prefix = base.find("://").and_then(|i| base[i + 3..].find('/').map(|j| &base[i + 3 + j..])).unwrap_or("/");
    let mut ids: BTreeMap<std::path::PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut checked = 0;
    for page in html_files(out) {
        let html = std::fs::read_to_string(&page).unwrap_or_default();
        for link in links_of(&html) {
            let local = if let Some(rest) = link.strip_prefix(base) {
                format!("{path_prefix}{rest}")
            } else if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
                || link.starts_with("data:")
            {
                continue;
            } else {
                link.clone()
            };
            let (path, fragment) = local.split_once('#').map_or((local.as_str(), None), |(p, f)| (p, Some(f)));
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(rel) = path.strip_prefix(path_prefix) {
                let rel = rel.split('?').next().unwrap_or_default();
                if rel.is_empty() || rel.ends_with('/') { out.join(rel).join("index.html") } else { out.join(rel) }
            } else {
                problems.push(format!("{}: `{link}` is not under {path_prefix}", page.display()));
                continue;
            };
            checked += 1;
            if !target.is_file() {
                problems.push(format!("{}: `{link}` leads nowhere", page.display()));
                continue;
            }
            if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                let known = ids.entry(target.clone()).or_insert_with(|| {
                    attr_values(&std::fs::read_to_string(&target).unwrap_or_default(), "id").into_iter().collect()
                });
                if !known.contains(f) {
                    problems.push(format!("{}: `{link}`: no id `{f}` there", page.display()));
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
    assert!(problems.is_empty(), "{} broken links:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn sub_path_build_links_all_resolve() {
    let (_tmp, out) = build("readers", &[]);
    assert_links_resolve(&out, BASE);
}

#[test]
fn demo_site_under_a_project_sub_path_links_all_resolve() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.path().join("public");
    let base = "https://example.github.io/some-project/";
    let root = demo_root();
    let r = raport(
        tmp.path(),
        &["build", "--root", root.to_str().unwrap_or(""), "--output", out.to_str().unwrap_or(""), "--base-url", base],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_links_resolve(&out, base);
    assert!(read(&out, "robots.txt").contains(&format!("Sitemap: {base}sitemap.xml")));
    for loc in sitemap_of(&out).keys() {
        assert!(loc.starts_with(base), "{loc}");
    }
}

#[test]
fn feeds_index_and_sitemap_are_byte_identical_across_builds() {
    let (_a, one) = build("readers", &[]);
    let (_b, two) = build("readers", &[]);
    for f in ["atom.xml", "en/atom.xml", "sitemap.xml", "robots.txt", "search-index.json", "en/search-index.json"] {
        assert_eq!(read(&one, f), read(&two, f), "{f} differs between builds");
    }
}

#[test]
fn pages_make_no_external_requests() {
    let (_tmp, out) = build("readers", &[]);
    for f in html_files(&out) {
        let html = std::fs::read_to_string(&f).unwrap_or_default();
        for v in attr_values(&html, "src") {
            assert!(v.starts_with("/wb-ocr/"), "{}: loads {v}", f.display());
        }
        for tag in common::html::tags(&html).into_iter().filter(|t| t.name == "link") {
            let rel = tag.attr("rel").unwrap_or_default();
            if rel.contains("stylesheet") || rel.contains("icon") || rel.contains("preload") {
                let href = tag.attr("href").unwrap_or_default();
                assert!(!href.starts_with("http"), "{}: loads {tag:?}", f.display());
            }
        }
    }
    let css = read(&out, "assets/style.css");
    assert!(
        !css.contains("@import") && !css.contains("url(http") && !css.contains("@font-face"),
        "the stylesheet fetches something"
    );
}

#[test]
fn printed_briefs_carry_their_address() {
    let (_tmp, out) = build("readers", &[]);
    let html = read(&out, "briefs/siguria/index.html");
    assert!(html.contains(&format!("<p class=\"print-only meta\">{BASE}briefs/siguria/</p>")), "{html}");
    let css = read(&out, "assets/style.css");
    assert!(css.contains("@media print") && css.contains(".print-only { display: none; }"));
}

#[test]
fn content_static_replaces_a_generated_robots_txt() {
    let (tmp, root) = site("readers");
    std::fs::write(root.join("content/static/robots.txt"), "User-agent: *\nDisallow: /\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["build", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(read(&root.join("public"), "robots.txt"), "User-agent: *\nDisallow: /\n");
}

/// Measures the search index on the benchmark corpus (issue 6, issue 16):
/// raw and gzip-compressed, as a server sends it. Run with
/// `cargo test --test readers -- --ignored --nocapture search_index_size`;
/// `RAPORT_INDEX_BRIEFS` sets the number of briefs (default 1000).
#[test]
#[ignore]
fn search_index_size_per_brief() {
    use std::io::Write as _;
    let n: usize = std::env::var("RAPORT_INDEX_BRIEFS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = tmp.path().join("site");
    let opts = raport_bench::corpus::CorpusOptions { briefs: n, seed: 6 };
    raport_bench::corpus::write_site(&root, &opts).unwrap_or_else(|e| panic!("{e}"));
    let (files, _) = raport::compile(&raport::BuildOptions::new(&root)).unwrap_or_else(|e| panic!("{e}"));
    for f in ["search-index.json", "en/search-index.json"] {
        let bytes = files.get(f).unwrap_or_default();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(bytes).unwrap_or_else(|e| panic!("{e}"));
        let packed = gz.finish().unwrap_or_else(|e| panic!("{e}")).len();
        println!(
            "{f}: {} bytes ({} gzip) for {n} briefs: {} bytes per brief",
            bytes.len(),
            packed,
            bytes.len() / n.max(1)
        );
        assert!(bytes.len() / n.max(1) < 1500, "{f} grew past 1.5 kB per brief");
        assert!(packed * 1000 / n.max(1) < 1 << 20, "{f} is past 1 MiB gzip-compressed per 1,000 briefs");
    }
}
