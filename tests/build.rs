//! Building fixture sites end to end: pages, languages, URLs, drafts,
//! attachments, determinism, and the atomic swap of the output folder.

mod common;

use common::*;

#[test]
fn brief_main_matches_golden() {
    let (_tmp, out) = build("basic", &[]);
    assert_golden("basic", &out, &["briefs/alpha/index.html", "en/briefs/security-in-the-balkans/index.html"]);
}

#[test]
fn dates_are_localized_per_language() {
    let (_tmp, out) = build("basic", &[]);
    assert!(read(&out, "briefs/alpha/index.html").contains("<time datetime=\"2023-10-14\">14 tetor 2023</time>"));
    assert!(
        read(&out, "en/briefs/security-in-the-balkans/index.html")
            .contains("<time datetime=\"2023-10-14\">14 October 2023</time>")
    );
}

#[test]
fn language_switcher_leads_to_translation_or_home_with_note() {
    let (_tmp, out) = build("basic", &[]);
    let alpha = read(&out, "briefs/alpha/index.html");
    assert!(
        alpha.contains("<a href=\"/sub/en/briefs/security-in-the-balkans/\" hreflang=\"en\" lang=\"en\">English</a>"),
        "{alpha}"
    );
    let beta = read(&out, "briefs/beta/index.html");
    assert!(beta.contains("<a href=\"/sub/en/\" hreflang=\"en\" lang=\"en\">English <span class=\"note\">(not translated, home page)</span></a>"), "{beta}");
}

#[test]
fn alternates_and_canonical_are_absolute_under_base_url() {
    let (_tmp, out) = build("basic", &[]);
    let en = read(&out, "en/briefs/security-in-the-balkans/index.html");
    assert!(en.contains("<html lang=\"en\">"));
    assert!(
        en.contains("<link rel=\"canonical\" href=\"https://example.org/sub/en/briefs/security-in-the-balkans/\">")
    );
    assert!(en.contains("<link rel=\"alternate\" hreflang=\"sq\" href=\"https://example.org/sub/briefs/alpha/\">"));
    assert!(en.contains(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/sub/en/briefs/security-in-the-balkans/\">"
    ));
}

#[test]
fn internal_links_resolve_with_language_fallback() {
    let (_tmp, out) = build("basic", &[]);
    let en = read(&out, "en/briefs/security-in-the-balkans/index.html");
    // beta exists only in Albanian: the English page links to the Albanian one.
    assert!(en.contains("href=\"/sub/briefs/beta/#pika\""), "{en}");
}

#[test]
fn every_root_relative_link_carries_the_sub_path() {
    let (_tmp, out) = build("basic", &[]);
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for attr in ["href=\"/", "src=\"/"] {
                for (i, _) in html.match_indices(attr) {
                    let rest = &html[i + attr.len() - 1..];
                    assert!(
                        rest.starts_with("/sub/"),
                        "{}: link without sub-path: {}",
                        entry.path().display(),
                        &rest[..rest.len().min(60)]
                    );
                }
            }
        }
    }
}

#[test]
fn drafts_are_excluded_unless_asked_for() {
    let (_tmp, out) = build("basic", &[]);
    assert!(!out.join("briefs/gamma").exists());
    assert!(!read(&out, "briefs/index.html").contains("Gamma draft"));
    let (_tmp2, out2) = build("basic", &["--drafts"]);
    assert!(out2.join("briefs/gamma/index.html").is_file());
}

#[test]
fn brief_list_is_paginated_newest_first() {
    let (_tmp, out) = build("basic", &[]);
    let p1 = read(&out, "briefs/index.html");
    let p2 = read(&out, "briefs/page/2/index.html");
    let a = p1.find("Siguria në Ballkan").unwrap_or(usize::MAX);
    let b = p1.find(">Beta<").unwrap_or(usize::MAX);
    assert!(a < b, "newest first");
    assert!(p2.contains(">Delta<"));
    assert!(p1.contains("rel=\"next\""));
}

#[test]
fn topics_are_slugged_and_listed_in_albanian_order() {
    let (_tmp, out) = build("basic", &[]);
    let t = read(&out, "topics/ceshtje-sigurie/index.html");
    assert!(t.contains("Siguria në Ballkan") && t.contains(">Beta<"));
    let list = read(&out, "topics/index.html");
    let c = list.find("Çështje sigurie").unwrap_or(usize::MAX);
    let p = list.find("Procesi i Berlinit").unwrap_or(0);
    assert!(c < p);
}

#[test]
fn attachments_are_copied_and_linked() {
    let (_tmp, out) = build("basic", &[]);
    assert!(out.join("pdf/alpha.pdf").is_file());
    assert!(read(&out, "briefs/alpha/index.html").contains("href=\"/sub/pdf/alpha.pdf\""));
}

#[test]
fn plain_pages_live_at_their_slug() {
    let (_tmp, out) = build("basic", &[]);
    assert!(read(&out, "rreth/index.html").contains("<h1>Rreth nesh</h1>"));
    assert!(read(&out, "en/about/index.html").contains("<h1>About</h1>"));
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let (_tmp, out) = build("basic", &["--base-url", "https://user.github.io/repo"]);
    assert!(read(&out, "index.html").contains("href=\"/repo/assets/style.css"));
}

#[test]
fn same_input_gives_byte_identical_output() {
    let (_t1, a) = build("basic", &[]);
    let (_t2, b) = build("basic", &[]);
    assert_eq!(tree(&a), tree(&b));
}

#[test]
fn demo_site_builds_identically_twice() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = demo_root();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    for o in [&a, &b] {
        let r = raport(&root, &["build", "--output", o.to_str().unwrap_or("")]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let (la, lb) = (tree(&a), tree(&b));
    assert!(la.len() > 20);
    assert_eq!(la, lb);
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let (tmp, out) = build("basic", &[]);
    let before = read(&out, "index.html");
    let root = out.parent().unwrap_or(tmp.path()).to_path_buf();
    std::fs::write(root.join("content/briefs/broken.sq.md"), "---\ntitle: x\ndate: 2023-13-01\n---\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["build", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("content/briefs/broken.sq.md:3:7: error:"), "{}", r.stderr);
    assert_eq!(read(&out, "index.html"), before);
}

#[test]
fn missing_site_yaml_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["build"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no site.yaml"));
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let r = raport(&demo_root(), &["build", "--nope"]);
    assert_eq!(r.code, 2);
}

/// A theme's brief template with `body` where the default has `{{ doc.content | safe }}`.
fn build_with_brief_template(body: &str, minify: bool) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = site("basic");
    let default = std::fs::read_to_string(demo_root().join("themes/default/templates/brief.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(default.contains("{{ doc.content | safe }}"));
    let dir = root.join("themes/custom/templates");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("brief.html"), default.replace("{{ doc.content | safe }}", body))
        .unwrap_or_else(|e| panic!("{e}"));
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let yaml = yaml.replace("minify: false", &format!("minify: {minify}\ntheme: custom"));
    std::fs::write(root.join("site.yaml"), yaml).unwrap_or_else(|e| panic!("{e}"));
    let r = raport(&root, &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    (tmp, root.join("public"))
}

/// The body of the alpha brief as the basic fixture's golden page has it.
fn alpha_body() -> String {
    let golden = std::fs::read_to_string(fixture("basic").join("expected/briefs/alpha/index.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    let start = golden.find("<div class=\"prose\">").map(|i| i + "<div class=\"prose\">".len()).unwrap_or(0);
    let end = golden[start..].find("</div>\n").map(|i| start + i).unwrap_or(golden.len());
    golden[start..end].to_string()
}

#[cfg(feature = "minify")]
#[test]
fn minified_pages_carry_the_markdown_body_as_rendered() {
    let (_tmp, out) = build_with_brief_template("{{ doc.content | safe }}", true);
    let page = read(&out, "briefs/alpha/index.html");
    let body = alpha_body();
    assert!(body.contains("<h2 id="), "{body}");
    assert!(page.contains(&format!("<div class=prose>{body}</div>")), "{page}");
    assert!(!page.contains("raport-body"), "{page}");
}

#[test]
fn a_theme_may_show_the_body_twice_or_escaped() {
    let (_tmp, out) = build_with_brief_template("{{ doc.content | safe }}<hr>{{ doc.content | safe }}", false);
    let page = read(&out, "briefs/alpha/index.html");
    let body = alpha_body();
    assert_eq!(page.matches(body.as_str()).count(), 2, "{page}");
    let (_tmp, out) = build_with_brief_template("<pre>{{ doc.content }}</pre>", false);
    let page = read(&out, "briefs/alpha/index.html");
    assert!(page.contains("&lt;h2 id="), "{page}");
    assert!(!page.contains("raport-body"), "{page}");
}

#[cfg(feature = "minify")]
#[test]
fn a_template_that_cannot_be_minified_once_is_minified_per_page() {
    // A Tera expression in a tag name: the template is used as written and
    // each page minified on its own.
    let (_tmp, out) = build_with_brief_template("<h{{ 2 }} class=\"added\">x</h{{ 2 }}>{{ doc.content | safe }}", true);
    let page = read(&out, "briefs/alpha/index.html");
    assert!(page.contains("<div class=prose><h2 class=added>x</h2>"), "{page}");
    assert!(page.contains(&alpha_body()), "{page}");
    assert!(!page.contains("raport-body") && !page.contains('\u{F8F0}'), "{page}");
}

/// The words of a page, in order, whitespace and quotes left out
/// (minifying may collapse or drop them, also in a `noscript`'s HTML,
/// which reads as text).
fn words_of(html: &str) -> String {
    common::html::nodes(html)
        .into_iter()
        .filter_map(|n| match n {
            common::html::Node::Text(t) => Some(t.split_whitespace().collect::<String>().replace('"', "")),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Minifying the templates once must not change what a page says: a
/// template that draws pieces once and splits them at a marker (the
/// tracker and country pages) lost every piece but the first when the
/// marker was HTML that the minifier removes.
#[cfg(feature = "minify")]
#[test]
fn minified_templates_show_the_same_words_as_the_templates_as_written() {
    for name in ["tracker", "radar"] {
        let (_plain_tmp, plain) = build(name, &[]);
        let (tmp, root) = site(name);
        let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(root.join("site.yaml"), yaml.replace("minify: false", "minify: true"))
            .unwrap_or_else(|e| panic!("{e}"));
        let r = raport(tmp.path(), &["build", "--root", root.to_str().unwrap_or("")]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let pages: Vec<(String, Vec<u8>)> =
            // The web editor's page (admin/) is a fixed file, not a template.
            tree(&plain)
                .into_iter()
                .filter(|(p, _)| p.ends_with(".html") && !p.contains("/embed/") && !p.starts_with("admin/"))
                .collect();
        assert!(pages.iter().any(|(p, _)| p.starts_with("trackers/") || p.starts_with("radar/")), "{name}");
        for (path, bytes) in pages {
            let min = read(&root.join("public"), &path);
            assert_ne!(min.as_bytes(), bytes.as_slice(), "{name}: {path} is not minified");
            assert_eq!(words_of(&min), words_of(&String::from_utf8_lossy(&bytes)), "{name}: {path}");
        }
    }
}
