//! Raw HTML and script addresses in every kind of Markdown field (#13):
//! brief bodies, pages, home intros, tracker texts, radar findings and
//! country narratives. Removed HTML is a warning at its line and column and
//! never reaches a page; a `javascript:` address is an error.

mod common;

use std::path::Path;

use common::*;

/// Raw HTML that is removed, one line per case; with `{}` for the Markdown field's indent.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=\"x.png\" onerror=\"alert(1)\">",
    "<iframe src=\"https://example.org/\"></iframe>",
    "See [it](data:text/html,alert-1).",
    "<p style=\"background:url(https://example.org/x)\">styled</p>",
];

/// Addresses that run a script, each an error.
const SCRIPT_LINKS: &[&str] = &[
    "[a](javascript:alert(1))",
    "[b](JAVASCRIPT:alert(1))",
    "[c](&#106;avascript:alert(1))",
    "<a href=\"java&#x09;script:alert(1)\">d</a>",
];

/// `lines` as a Markdown block indented by `indent` spaces.
fn block(lines: &[&str], indent: usize) -> String {
    lines.iter().map(|l| format!("{}{l}\n\n", " ".repeat(indent))).collect::<String>()
}

/// The `radar` fixture with `lines` written into a brief, a page, a home
/// intro, a tracker's text, a radar finding and a narrative. Returns the
/// folder, the root and each changed file with its text.
fn hostile_site(lines: &[&str]) -> (tempfile::TempDir, std::path::PathBuf, Vec<(String, String)>) {
    let (tmp, root) = site("radar");
    let files = vec![
        (
            "content/briefs/alfa.sq.md".to_string(),
            format!(
                "---\ntitle: \"Analiza Alfa\"\ndate: 2023-05-01\ncountries: [al]\n---\n\nTekst.\n\n{}",
                block(lines, 0)
            ),
        ),
        ("content/pages/rreth.sq.md".to_string(), format!("---\ntitle: \"Rreth\"\n---\n\n{}", block(lines, 0))),
        ("content/_index.sq.md".to_string(), format!("Hyrje.\n\n{}", block(lines, 0))),
        (
            "content/trackers/berlin.yaml".to_string(),
            format!(
                "title: {{sq: \"Berlini\", en: \"Berlin\"}}\nrecommendations:\n  - id: sec-1\n    title: {{sq: \"Një\", en: \"One\"}}\n    text: |\n{}    countries:\n      al: implemented\n",
                block(lines, 6)
            ),
        ),
        (
            "content/radar/al.yaml".to_string(),
            format!(
                "assessments:\n  - year: 2023\n    scores: {{legal-framework: 3}}\n    findings:\n      sq: |\n{}",
                block(lines, 8)
            ),
        ),
        ("content/radar/xk.sq.md".to_string(), format!("Narrativa.\n\n{}", block(lines, 0))),
    ];
    for (rel, text) in &files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap_or(&root)).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }
    (tmp, root, files)
}

/// Line and column (1-based, characters) of the first `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` not in text"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
    (line, col)
}

/// Every HTML file under `dir`, with its text.
fn html_files(dir: &Path) -> Vec<(String, String)> {
    tree(dir)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8_lossy(&b).into_owned()))
        .collect()
}

#[test]
fn removed_html_is_a_warning_at_its_place_in_every_field_and_never_reaches_a_page() {
    let (tmp, root, files) = hostile_site(HOSTILE);
    let r = raport(tmp.path(), &["build", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (rel, text) in &files {
        for (needle, message) in [
            ("<script", "raw HTML element `<script>` is removed from the page"),
            ("onerror", "attribute `onerror` of `<img>` is removed from the page"),
            ("<iframe", "raw HTML element `<iframe>` is removed from the page"),
            ("data:text/html", "the address `data:text/html,alert-1` is removed from the page"),
            ("style=", "attribute `style` of `<p>` is removed from the page"),
        ] {
            let (line, col) = position(text, needle);
            let want = format!("{rel}:{line}:{col}: warning: {message}");
            assert!(r.stderr.contains(&want), "want `{want}` in:\n{}", r.stderr);
        }
    }
    let pages = html_files(&root.join("public"));
    assert!(pages.len() > 10);
    for (path, html) in &pages {
        for bad in ["alert(1)", "<iframe", "data:text/html", "onerror", "background:url"] {
            assert!(!html.contains(bad), "{path} contains `{bad}`");
        }
    }
    // What is allowed stays: the image and the styled paragraph's text.
    let brief = pages.iter().find(|(p, _)| p == "briefs/alfa/index.html").map(|(_, h)| h.as_str()).unwrap_or("");
    assert!(brief.contains("<img src=\"x.png\">"), "{brief}");
    assert!(brief.contains("<p>styled</p>"), "{brief}");
}

#[test]
fn script_addresses_are_errors_in_every_field() {
    // Errors in documents stop the run before trackers and the radar are
    // rendered: those fields are checked in a second run.
    let (tmp, root, files) = hostile_site(SCRIPT_LINKS);
    let r = raport(tmp.path(), &["check", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("12 errors"), "{}", r.stderr);
    let data = ["content/trackers/berlin.yaml", "content/radar/al.yaml", "content/radar/xk.sq.md"];
    assert_script_errors(&r.stderr, files.iter().filter(|(rel, _)| !data.contains(&rel.as_str())));
    for (rel, _) in files.iter().filter(|(rel, _)| !data.contains(&rel.as_str())) {
        let clean = if rel.ends_with("alfa.sq.md") {
            "---\ntitle: \"Analiza Alfa\"\ndate: 2023-05-01\n---\n\nTekst.\n"
        } else {
            "---\ntitle: \"X\"\n---\n\nTekst.\n"
        };
        let clean = if rel.contains("_index") { "Hyrje.\n" } else { clean };
        std::fs::write(root.join(rel), clean).unwrap_or_else(|e| panic!("{e}"));
    }
    let r = raport(tmp.path(), &["check", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_script_errors(&r.stderr, files.iter().filter(|(rel, _)| data.contains(&rel.as_str())));
    assert!(r.stderr.contains("12 errors"), "{}", r.stderr);
}

/// Asserts an error for each of [`SCRIPT_LINKS`] in each of `files`, at its place.
fn assert_script_errors<'a>(stderr: &str, files: impl Iterator<Item = &'a (String, String)>) {
    for (rel, text) in files {
        // The raw `<a>` is reported at its `href`.
        for needle in ["javascript:alert", "JAVASCRIPT:alert", "&#106;avascript", "href=\"java&#x09;script"] {
            let (line, col) = position(text, needle);
            let want = format!("{rel}:{line}:{col}: error: `");
            assert!(
                stderr.lines().any(|l| l.starts_with(&want) && l.contains("is a script address")),
                "want `{want}... is a script address` in:\n{stderr}"
            );
        }
    }
}

#[test]
fn unsafe_html_keeps_raw_html_as_written() {
    let (tmp, root, _) = hostile_site(&["<div data-x=\"1\" style=\"color: red\">kept</div>"]);
    let config = root.join("site.yaml");
    let text = std::fs::read_to_string(&config).unwrap_or_default();
    std::fs::write(&config, format!("{text}unsafe_html: true\n")).unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["build", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("removed"), "{}", r.stderr);
    let brief = read(&root.join("public"), "briefs/alfa/index.html");
    assert!(brief.contains("<div data-x=\"1\" style=\"color: red\">kept</div>"), "{brief}");
}
