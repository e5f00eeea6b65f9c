//! Fenced code highlighted by syntect, with CSS classes (`hl-keyword`), never
//! inline styles. The syntax set is loaded when first needed and kept until
//! [`release`]: a build lets it go once every Markdown text is rendered.
//!
//! A build keeps the listings it highlighted in the site's cache folder
//! ([`CodeCache`], `.raport-cache/code.json`), as it keeps social cards: the
//! next build takes each unchanged listing from there and, when every one
//! is unchanged, never loads the syntaxes or compiles their expressions
//! (docs/performance.md). Only `raport build` writes the file; `check`
//! reads it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

use super::escape_html;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::Events;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

static SET: Mutex<Option<Arc<SyntaxSet>>> = Mutex::new(None);

fn syntaxes() -> Arc<SyntaxSet> {
    let mut set = SET.lock().unwrap_or_else(|p| p.into_inner());
    set.get_or_insert_with(|| Arc::new(SyntaxSet::load_defaults_newlines())).clone()
}

/// Drops the syntax set and the regular expressions it compiled (about
/// 16 MiB after highlighting a few languages): a build calls this once its
/// Markdown is rendered, so that the memory serves the pages instead. A
/// later highlight loads the set again.
pub(crate) fn release() {
    *SET.lock().unwrap_or_else(|p| p.into_inner()) = None;
}

/// What a cached listing's HTML depends on besides its language and code:
/// a new syntect, a new class style or a change to [`render_block`] must
/// change it, so that an older cache is not used.
const CODE_FORMAT: &str = "syntect-5.3 default-newlines hl-spaced pre.code-v1";

/// The listings of the last build: language and code -> highlighted HTML.
pub struct CodeCache {
    file: PathBuf,
    old: HashMap<u64, Listing>,
    /// What this build highlighted or took from `old`.
    used: Mutex<BTreeMap<u64, Listing>>,
    /// Whether this build highlighted anything (a listing `old` lacked, or
    /// held in a form that was not used).
    highlighted: std::sync::atomic::AtomicBool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Listing {
    lang: String,
    code: String,
    html: String,
}

#[derive(Serialize, Deserialize)]
struct CodeFile {
    format: String,
    listings: BTreeMap<u64, Listing>,
}

impl CodeCache {
    /// The cache kept in `dir` (the site's cache folder), empty when there
    /// is none or it is unreadable or of another format: it is only a cache.
    pub fn open(dir: &Path) -> CodeCache {
        let file = dir.join("code.json");
        let old = std::fs::read(&file)
            .ok()
            .and_then(|b| serde_json::from_slice::<CodeFile>(&b).ok())
            .filter(|f| f.format == CODE_FORMAT)
            .map(|f| f.listings.into_iter().collect())
            .unwrap_or_default();
        CodeCache { file, old, used: Mutex::new(BTreeMap::new()), highlighted: Default::default() }
    }

    fn key(lang: &str, code: &str) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        (lang, code).hash(&mut h);
        h.finish()
    }

    fn get(&self, lang: &str, code: &str) -> Option<String> {
        let key = Self::key(lang, code);
        let hit =
            self.old.get(&key).filter(|l| l.lang == lang && l.code == code && is_listing_of(&l.html, lang, code))?;
        self.used.lock().unwrap_or_else(|p| p.into_inner()).insert(key, hit.clone());
        Some(hit.html.clone())
    }

    fn put(&self, lang: &str, code: &str, html: &str) {
        self.highlighted.store(true, std::sync::atomic::Ordering::Relaxed);
        let listing = Listing { lang: lang.to_string(), code: code.to_string(), html: html.to_string() };
        self.used.lock().unwrap_or_else(|p| p.into_inner()).insert(Self::key(lang, code), listing);
    }

    /// Writes the listings this build used, when they differ from the ones
    /// it found, whole or not at all (a temporary file renamed). What the
    /// build no longer has is dropped: the cache holds one site.
    pub fn save(&self) {
        let used = std::mem::take(&mut *self.used.lock().unwrap_or_else(|p| p.into_inner()));
        // Nothing highlighted: every listing used came from `old`, so the
        // file changes only if some of it went unused.
        if !self.highlighted.load(std::sync::atomic::Ordering::Relaxed) && used.len() == self.old.len() {
            return;
        }
        if let Ok(bytes) = serde_json::to_vec(&CodeFile { format: CODE_FORMAT.to_string(), listings: used }) {
            crate::store_cached(&self.file, &bytes);
        }
    }
}

/// Replaces every code block with highlighted HTML, taken from `cache`
/// when it has the listing.
pub(super) fn highlight(events: &mut Events<'_>, cache: Option<&CodeCache>) {
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::CodeBlock(kind)) = &events[i].0 else {
            i += 1;
            continue;
        };
        let lang = match kind {
            CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or("").trim().to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let start = i;
        let mut code = String::new();
        let mut j = i + 1;
        while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::CodeBlock)) {
            if let Event::Text(t) = &events[j].0 {
                code.push_str(t);
            }
            j += 1;
        }
        let html = match cache.and_then(|c| c.get(&lang, &code)) {
            Some(html) => html,
            None => {
                let html = render_block(&lang, &code);
                if let Some(c) = cache {
                    c.put(&lang, &code, &html);
                }
                html
            }
        };
        let range = events[start].1.clone();
        let end = (j + 1).min(events.len());
        events.splice(start..end, std::iter::once((Event::Html(html.into()), range)));
        i = start + 1;
    }
}

/// The opening tags of a listing in `lang`.
fn block_start(lang: &str) -> String {
    let mut lang_attr = String::new();
    escape_html(&mut lang_attr, lang);
    if lang.is_empty() {
        "<pre class=\"code\" tabindex=\"0\"><code>".to_string()
    } else {
        format!("<pre class=\"code\" tabindex=\"0\" data-lang=\"{lang_attr}\"><code class=\"language-{lang_attr}\">")
    }
}

const BLOCK_END: &str = "</code></pre>\n";

/// Whether `html` is a listing of `code` in `lang` as [`render_block`]
/// writes them: its opening and closing tags, then only `<span class>`
/// tags and escaped text that reads as `code`. The cache folder is not
/// content: a cached listing that is anything else (markup, another text)
/// is highlighted again, never put on a page.
fn is_listing_of(html: &str, lang: &str, code: &str) -> bool {
    let Some(body) = html.strip_prefix(block_start(lang).as_str()).and_then(|b| b.strip_suffix(BLOCK_END)) else {
        return false;
    };
    let class_char = |c: char| c.is_ascii_alphanumeric() || " _+#.-".contains(c);
    let mut text = String::with_capacity(code.len());
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                if let Some(r) = rest.strip_prefix("</span>") {
                    rest = r;
                } else if let Some((class, r)) = rest.strip_prefix("<span class=\"").and_then(|r| r.split_once("\">"))
                    && class.chars().all(class_char)
                {
                    rest = r;
                } else {
                    return false;
                }
            }
            '&' => {
                let entities = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#39;", '\'')];
                let Some((name, ch)) = entities.iter().find(|(name, _)| rest.starts_with(name)) else {
                    return false;
                };
                text.push(*ch);
                rest = &rest[name.len()..];
            }
            '>' | '"' => return false,
            _ => {
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    text == code
}

fn render_block(lang: &str, code: &str) -> String {
    let mut out = String::with_capacity(code.len() * 3);
    out.push_str(&block_start(lang));
    let ss = syntaxes();
    let highlighted = (!lang.is_empty()).then(|| ss.find_syntax_by_token(lang)).flatten().and_then(|syntax| {
        let mut g = ClassedHTMLGenerator::new_with_class_style(syntax, &ss, STYLE);
        for line in LinesWithEndings::from(code) {
            g.parse_html_for_line_which_includes_newline(line).ok()?;
        }
        Some(g.finalize())
    });
    match highlighted {
        Some(h) => out.push_str(&h),
        None => {
            escape_html(&mut out, code);
        }
    }
    out.push_str(BLOCK_END);
    out
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::{html_has_no_style, render_str};

    #[test]
    fn code_is_highlighted_with_classes_not_styles() {
        html_has_no_style(
            "```rust\nfn main() { let x = \"a\"; }\n```\n",
            &["<pre class=\"code\" tabindex=\"0\" data-lang=\"rust\">", "class=\"hl-"],
        );
    }

    #[test]
    fn a_listing_as_highlighted_is_recognised_and_anything_else_is_not() {
        use super::{is_listing_of, render_block};
        let listings = [
            ("python", "def f(x):\n    return \"<a & 'b'>\" if x > 1 else None\n"),
            ("json", "{\"a\": [1, 2.5e6], \"b\": \"c\"}\n"),
            ("sql", "SELECT a FROM t WHERE b = 'x' AND c < 2;\n"),
            ("yaml", "a: 1\nb: \"two\" # note\n"),
            ("", "plain <text> & more\n"),
            ("nosuchlang", "x < y\n"),
        ];
        for (lang, code) in listings {
            let html = render_block(lang, code);
            assert!(is_listing_of(&html, lang, code), "{lang}: {html}");
            assert!(!is_listing_of(&html, lang, "other code\n"), "{lang}: another text");
            let injected = html.replacen("<span", "<script>alert(1)</script><span", 1);
            if injected != html {
                assert!(!is_listing_of(&injected, lang, code), "{lang}: a script tag");
            }
            let attr = html.replacen("class=\"hl-", "onclick=\"x\" class=\"hl-", 1);
            if attr != html {
                assert!(!is_listing_of(&attr, lang, code), "{lang}: another attribute");
            }
        }
        assert!(!is_listing_of("<pre class=\"code\" tabindex=\"0\"><code><img src=x></code></pre>\n", "", "x"));
    }

    #[test]
    fn a_build_takes_unchanged_listings_from_the_cache_and_refuses_a_tampered_one() {
        use super::CodeCache;
        let tmp = tempfile::tempdir().unwrap();
        let code = "SELECT 1;\n";
        let first = CodeCache::open(tmp.path());
        let html = match first.get("sql", code) {
            Some(_) => panic!("an empty cache has nothing"),
            None => super::render_block("sql", code),
        };
        first.put("sql", code, &html);
        first.save();
        let second = CodeCache::open(tmp.path());
        assert_eq!(second.get("sql", code).as_deref(), Some(html.as_str()));
        assert_eq!(second.get("sql", "SELECT 2;\n"), None);
        // A cache file edited to carry a script is not used.
        let file = tmp.path().join("code.json");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("<code class="), "{text}");
        std::fs::write(&file, text.replacen("<code class=", "<script>alert(1)</script><code class=", 1)).unwrap();
        let third = CodeCache::open(tmp.path());
        assert_eq!(third.get("sql", code), None);
        // Highlighted again, the listing replaces the tampered one.
        third.put("sql", code, &html);
        third.save();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
        // Nor is one of another format, or one that is not JSON.
        std::fs::write(&file, text.replace(super::CODE_FORMAT, "older")).unwrap();
        assert_eq!(CodeCache::open(tmp.path()).get("sql", code), None);
        std::fs::write(&file, "not json").unwrap();
        assert_eq!(CodeCache::open(tmp.path()).get("sql", code), None);
    }

    #[test]
    fn highlighting_after_the_set_is_released_loads_it_again() {
        let before = super::render_block("rust", "fn main() {}\n");
        super::release();
        assert_eq!(super::render_block("rust", "fn main() {}\n"), before);
        assert!(before.contains("class=\"hl-"), "{before}");
    }

    #[test]
    fn unknown_languages_are_escaped_plain() {
        let (r, _) = render_str("```nosuchlang\n<b>\n```\n");
        assert!(r.html.contains("&lt;b&gt;"), "{}", r.html);
    }
}
