//! The pages work under the strict Content-Security-Policy of docs/deploy.md
//! (`style-src 'self'`, `script-src 'self'`): no page of the demo site or of
//! a test fixture has a `style` attribute, an event-handler attribute, a
//! `<style>` element or a `<script>` with code in it. Raw HTML in content is
//! sanitised by default; with `unsafe_html: true` what the content says is
//! kept, and only that.

mod common;

use std::path::Path;

use common::html::{Node, nodes};
use common::{build, demo_root, raport, read, site};

/// What in `html` a strict CSP would block, one line each.
fn inline_code(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_script = false;
    for n in nodes(html) {
        match n {
            Node::Start(t) => {
                for name in t.attrs.keys() {
                    if name == "style" || name.starts_with("on") {
                        found.push(format!("<{} {name}=\"{}\">", t.name, t.attrs.get(name).map_or("", String::as_str)));
                    }
                }
                match t.name.as_str() {
                    "style" => found.push("a <style> element".to_string()),
                    // A data block (JSON-LD) is never run, so no CSP blocks it.
                    "script" if t.attr("type") == Some("application/ld+json") => {}
                    "script" if t.attr("src").is_none() => found.push("a <script> without src".to_string()),
                    "script" => in_script = true,
                    _ => {}
                }
            }
            Node::Text(text) if in_script => found.push(format!("code in a <script src>: {text}")),
            Node::End(name) if name == "script" => in_script = false,
            _ => {}
        }
    }
    found
}

/// Every HTML page under `out` with what a strict CSP would block in it.
fn offending_pages(out: &Path) -> Vec<String> {
    let mut bad = Vec::new();
    let mut pages = 0;
    for e in walkdir::WalkDir::new(out).into_iter().filter_map(Result::ok) {
        if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html") {
            pages += 1;
            let html = std::fs::read_to_string(e.path()).unwrap_or_else(|err| panic!("{}: {err}", e.path().display()));
            let found = inline_code(&html);
            if !found.is_empty() {
                bad.push(format!("{}: {}", e.path().strip_prefix(out).unwrap_or(e.path()).display(), found.join("; ")));
            }
        }
    }
    assert!(pages > 0, "no pages under {}", out.display());
    bad
}

#[test]
fn the_scan_finds_what_a_strict_csp_blocks() {
    let html = "<p style=\"color:red\" onclick=\"x()\">a</p><style>p{}</style><script>go()</script>\
                <script src=\"/a.js\">more()</script><script src=\"/b.js\" defer></script><svg><rect x=\"1\" width=\"2\"/></svg>";
    let found = inline_code(html);
    assert_eq!(found.len(), 5, "{found:?}");
    assert!(inline_code("<script src=\"/a.js\"></script><p class=\"w-1\">x</p>").is_empty());
}

#[test]
fn no_page_of_the_demo_site_has_inline_style_or_script() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.path().join("public");
    let r = raport(&demo_root(), &["build", "--output", out.to_str().unwrap_or("")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bad = offending_pages(&out);
    assert!(bad.is_empty(), "blocked by the CSP of docs/deploy.md:\n{}", bad.join("\n"));
    // The home page's tracker bars keep their proportions without a style attribute.
    let home = read(&out, "index.html");
    assert!(home.contains("class=\"seg seg-"), "the home page shows tracker bars");
}

#[test]
fn no_page_of_a_fixture_has_inline_style_or_script() {
    for name in ["basic", "look", "radar", "readers", "search", "tracker"] {
        let (_tmp, out) = build(name, &[]);
        let bad = offending_pages(&out);
        assert!(bad.is_empty(), "{name}: blocked by the CSP of docs/deploy.md:\n{}", bad.join("\n"));
    }
}

#[test]
fn a_brand_colour_ends_the_stylesheet_not_a_style_element() {
    let (_tmp, out) = build("look", &[]);
    let css = read(&out, "assets/style.css");
    let brand = css.rfind(":root{--brand:").unwrap_or_else(|| panic!("no brand colours in the stylesheet"));
    assert!(brand > css.find(".seg.w-100").unwrap_or(usize::MAX), "the brand colours come after the theme's rules");
    // Without a brand colour the stylesheet is the theme's, unchanged.
    let (_tmp, out) = build("basic", &[]);
    let theme = std::fs::read_to_string(demo_root().join("themes/default/static/assets/style.css"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read(&out, "assets/style.css"), theme);
}

#[test]
fn with_unsafe_html_only_the_contents_own_style_is_kept() {
    let (tmp, root) = site("basic");
    let brief = std::fs::read_dir(root.join("content/briefs"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .unwrap_or_else(|| panic!("the basic fixture has a brief"));
    let text = std::fs::read_to_string(&brief).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&brief, format!("{text}\n\n<p style=\"color: teal\">Trusted.</p>\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(root.join("site.yaml"), format!("{yaml}\nunsafe_html: true\n")).unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["build", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bad = offending_pages(&root.join("public"));
    assert_eq!(bad.len(), 1, "only the brief with the raw HTML: {bad:?}");
    assert!(bad.iter().all(|b| b.ends_with("<p style=\"color: teal\">")), "{bad:?}");
}
