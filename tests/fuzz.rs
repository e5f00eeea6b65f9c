//! Fuzzing as part of `cargo test` (#13): random bytes and near-YAML into
//! the YAML reader, random text into the front-matter split, near-Markdown
//! (with hostile HTML and addresses) into the Markdown transform, and random
//! sites through `check`. Nothing may panic; work and memory stay bounded;
//! no script reaches the HTML. Case counts keep the whole file to a few
//! seconds in a debug build.

mod common;

use std::time::{Duration, Instant};

use proptest::prelude::*;
use raport::content::source::split_front_matter;
use raport::diag::{Diagnostics, SourceFile};
use raport::markdown::{self, LinkTable};
use raport::yaml::{self, Kind, Node};

/// Pieces that YAML's syntax is made of, aliases and anchors included.
const YAML_TOKENS: &[&str] = &[
    "a",
    "b",
    "title",
    ": ",
    ":",
    "- ",
    "-",
    "\n",
    "\n",
    "  ",
    "    ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "\"",
    "'",
    "&x ",
    "*x",
    "&y ",
    "*y",
    "[*x, *x, *x]",
    "|",
    ">-",
    "# c",
    "~",
    "null",
    "1.5",
    "-2",
    "é",
    "\t",
    "---\n",
    "...\n",
    "? ",
    "!!str ",
    "%YAML 1.2\n",
    "<<: ",
    "\r\n",
    "\\",
    "@",
    "`",
];

/// Pieces of Markdown, raw HTML and hostile addresses.
const MD_TOKENS: &[&str] = &[
    "# ",
    "## ",
    "Same",
    "text",
    "\n",
    "\n\n",
    "*",
    "_",
    "`",
    "```\n",
    "```rust\n",
    "[x](",
    ")",
    "@/briefs/alfa.md",
    "#frag",
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:",
    "JaVaScRiPt:",
    "&#106;",
    "java\tscript:",
    "data:text/html,",
    "<iframe src=x>",
    "| a | b |\n|:-|-:|\n| 1 | 2 |\n",
    "[^1]",
    "[^1]: note\n",
    "{#id}",
    "{onclick=x}",
    "- [x] ",
    "> ",
    "<div>",
    "</div>",
    "<a href=\"",
    "\">",
    "<!--",
    "-->",
    "é",
    "\t",
    "&amp;",
    "<",
    ">",
    "\"",
    "'",
    "=",
    " ",
    "<svg onload=x>",
    "<style>",
    "<p style=\"x\">",
    "<https://example.org>",
    "<javascript:alert(1)>",
    "![i](",
    "<details><summary>s</summary>",
];

fn joined(tokens: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(tokens), 0..max).prop_map(|v| v.concat())
}

/// How many values a YAML tree holds.
fn count(node: &Node) -> usize {
    1 + match &node.kind {
        Kind::Scalar { .. } => 0,
        Kind::Seq(items) => items.iter().map(count).sum(),
        Kind::Map(entries) => entries.iter().map(|(k, v)| count(k) + count(v)).sum(),
    }
}

/// Parses `text` as YAML; asserts bounded time and a tree no larger than
/// the text plus what aliases may copy.
fn parse_bounded(text: &str) -> Result<(), TestCaseError> {
    let file = SourceFile::new("x.yaml", text);
    let mut diags = Diagnostics::new();
    let t = Instant::now();
    let node = yaml::parse(&file, text, 1, &mut diags);
    prop_assert!(t.elapsed() < Duration::from_secs(2), "took {:?}", t.elapsed());
    if let Some(n) = node {
        prop_assert!(count(&n) <= 2 * text.len() + yaml::MAX_ALIAS_VALUES + 1, "{} values", count(&n));
    }
    let _ = diags.render_human();
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn yaml_reader_takes_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        parse_bounded(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn yaml_reader_takes_any_near_yaml(text in joined(YAML_TOKENS, 80)) {
        parse_bounded(&text)?;
    }

    #[test]
    fn front_matter_split_and_yaml_take_any_text(head in joined(YAML_TOKENS, 30), body in joined(MD_TOKENS, 30)) {
        let text = format!("---\n{head}\n---\n{body}");
        if let Ok(split) = split_front_matter(&text) {
            prop_assert!(split.body_offset <= text.len());
            prop_assert_eq!(split.yaml_line, 2);
            let file = SourceFile::new("a.sq.md", text.as_str());
            let mut diags = Diagnostics::new();
            let _ = yaml::parse(&file, split.yaml, split.yaml_line, &mut diags);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn markdown_transform_takes_any_text_and_lets_no_script_through(md in joined(MD_TOKENS, 60)) {
        let mut table = LinkTable::new("/");
        table.insert("briefs", "alfa", "sq", "/briefs/alfa/".into());
        let cx = markdown::Context { lang: "sq", default_lang: "sq", links: &table, footnote_back: "Back", unsafe_html: false, code: None };
        let file = SourceFile::new("content/briefs/x.sq.md", md.as_str());
        let mut diags = Diagnostics::new();
        let t = Instant::now();
        let r = markdown::render(&md, 1, &file, &cx, &mut diags);
        prop_assert!(t.elapsed() < Duration::from_secs(2), "took {:?}", t.elapsed());
        // Text is escaped (`&lt;`), so every `<` in the output opens a tag.
        for tag in r.html.to_ascii_lowercase().split('<').skip(1) {
            let tag = tag.split('>').next().unwrap_or("");
            for bad in ["script", "iframe", "svg", "style", "object", "embed"] {
                prop_assert!(!tag.starts_with(bad), "<{}> in {}", tag, r.html);
            }
            // Attribute values are quoted: odd pieces are values, even ones names.
            let pieces: Vec<&str> = tag.split('"').collect();
            for (i, piece) in pieces.iter().enumerate() {
                if i % 2 == 0 {
                    for bad in [" style=", " onerror", " onload", " onclick"] {
                        prop_assert!(!piece.contains(bad), "<{}> in {}", tag, r.html);
                    }
                } else if pieces[i - 1].ends_with(" href=") || pieces[i - 1].ends_with(" src=") {
                    for scheme in ["javascript", "vbscript", "data:"] {
                        prop_assert!(!piece.trim_start().starts_with(scheme), "<{}> in {}", tag, r.html);
                    }
                }
            }
        }
        let _ = diags.render_human();
    }
}

/// A brief with random front matter and body, and a tracker with a random text.
fn site_case() -> impl Strategy<Value = (String, String, String)> {
    (joined(YAML_TOKENS, 20), joined(MD_TOKENS, 40), joined(MD_TOKENS, 20))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn random_sites_are_checked_without_panic((fm, body, text) in site_case()) {
        let (_tmp, root) = common::site("radar");
        let brief = format!("---\ntitle: \"Fuzz\"\ndate: 2023-05-01\n{fm}\n---\n{body}\n");
        std::fs::write(root.join("content/briefs/fuzz.sq.md"), brief).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let quoted = text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n").replace('\t', "\\t").replace('\r', "\\r");
        let tracker = format!("title: T\nrecommendations:\n  - id: f-1\n    title: F\n    text: \"{quoted}\"\n");
        std::fs::write(root.join("content/trackers/fuzz.yaml"), tracker).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let t = Instant::now();
        let r = raport::check(&raport::BuildOptions::new(&root));
        prop_assert!(t.elapsed() < Duration::from_secs(10), "took {:?}", t.elapsed());
        match r {
            Ok(_) | Err(raport::Error::Content(_)) => {}
            Err(e) => prop_assert!(false, "{e:?}"),
        }
    }
}
