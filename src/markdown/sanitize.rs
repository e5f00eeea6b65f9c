//! Raw HTML and addresses in Markdown: what may reach a page (SPEC §4).
//!
//! Markdown text is escaped by pulldown-cmark, but raw HTML written in it
//! (`<script>`, `<img onerror=...>`) and link addresses (`javascript:...`)
//! pass as written. Unless `site.yaml` sets `unsafe_html: true`, this pass
//! runs before raport adds its own markup:
//!
//! - [`check`] reads every raw HTML fragment, link and image address and
//!   heading attribute of the event list, reports each thing it removes as a
//!   warning at its line and column (a script address is an error), and
//!   neutralises unsafe addresses and heading attributes in the events;
//! - [`clean`] then runs the rendered HTML of a body that had raw HTML
//!   through ammonia with the same allow-list (plus exactly the markup
//!   raport generates), so that what reaches the page is safe whatever the
//!   check's reading of the fragment was.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Tag};

use super::Events;
use crate::diag::{Diagnostics, LineIndex, SourceFile};

/// Elements raw HTML may use: structure, text formatting, tables, figures,
/// images and links.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "nav",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements raport generates in a body (task list checkboxes), allowed to
/// raw HTML too with raport's attributes only: a checkbox outside a form
/// sends nothing.
const GENERATED_TAGS: &[&str] = &["input"];

/// Attributes allowed on every element.
const GENERIC_ATTRIBUTES: &[&str] =
    &["id", "class", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-describedby", "tabindex"];

/// Attributes allowed on some elements.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("img", &["src", "srcset", "alt", "width", "height", "loading"]),
    ("source", &["src", "srcset", "type", "media", "sizes"]),
    ("td", &["colspan", "rowspan", "headers", "style"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "abbr", "style"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    ("del", &["datetime", "cite"]),
    ("ins", &["datetime", "cite"]),
    ("q", &["cite"]),
    ("blockquote", &["cite"]),
    ("details", &["open"]),
    ("pre", &["data-lang"]),
    ("input", &["type", "checked", "disabled"]),
];

/// Address schemes allowed in links and images; relative addresses are
/// always allowed. No `javascript:`, `vbscript:` or `data:`.
const SCHEMES: &[&str] =
    &["http", "https", "mailto", "tel", "ftp", "ftps", "sftp", "irc", "ircs", "xmpp", "sms", "geo"];

/// The only `style` values kept: the alignment of table cells, which
/// pulldown-cmark writes for `|:--|`.
const CELL_STYLES: &[&str] = &["text-align: left", "text-align: center", "text-align: right"];

/// The ammonia configuration: the allow-list above.
static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    b.add_tags(TAGS.iter().chain(GENERATED_TAGS))
        .add_generic_attributes(GENERIC_ATTRIBUTES)
        .url_schemes(SCHEMES.iter().copied().collect::<HashSet<_>>())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .add_clean_content_tags(["script", "style", "template", "iframe", "object", "noscript", "textarea", "title"])
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("td" | "th", "style") => CELL_STYLES.contains(&value).then_some(Cow::Borrowed(value)),
            ("input", "type") => (value == "checkbox").then_some(Cow::Borrowed(value)),
            _ => Some(Cow::Borrowed(value)),
        });
    for (tag, attrs) in TAG_ATTRIBUTES {
        b.add_tag_attributes(tag, attrs.iter().copied());
    }
    b
});

/// The HTML of a body that had raw HTML, with everything the allow-list
/// does not name removed.
pub(super) fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// What an address is, for the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Address {
    /// Relative, or with an allowed scheme.
    Safe,
    /// `javascript:` or `vbscript:` (in any case, with entities or
    /// whitespace inside): runs a script when followed.
    Script,
    /// Any other scheme (`data:`, `file:`, ...).
    Other,
}

/// Classifies an address as a browser would read it: entities decoded,
/// tabs and line breaks removed anywhere, leading spaces and control
/// characters dropped, the scheme in any case.
pub(crate) fn classify(url: &str) -> Address {
    let decoded = decode_entities(url);
    let cleaned: String =
        decoded.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let Some(colon) = cleaned.find(':') else {
        return Address::Safe;
    };
    let scheme = &cleaned[..colon];
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        // `/a:b`, `?q=a:b`, `#x:y`: a colon after a path, query or fragment.
        return Address::Safe;
    }
    let scheme = scheme.to_ascii_lowercase();
    if scheme == "javascript" || scheme == "vbscript" || scheme == "livescript" {
        Address::Script
    } else if SCHEMES.contains(&scheme.as_str()) {
        Address::Safe
    } else {
        Address::Other
    }
}

/// Decodes the character references a browser decodes in an attribute
/// (numeric ones and the few named ones that can hide a scheme).
fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        // `&#106`, `&#x6A`, `&colon`: digits (hex after `x`) or letters, the `;` optional.
        let end = match after.strip_prefix('#') {
            Some(num) => {
                let hex = num.starts_with(['x', 'X']);
                let digits = num.get(usize::from(hex)..).unwrap_or("");
                let n = digits
                    .find(|c: char| !(if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() }))
                    .unwrap_or(digits.len());
                1 + usize::from(hex) + n
            }
            None => after.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(after.len()),
        };
        let name = &after[..end];
        let decoded = match name.strip_prefix('#') {
            Some(num) => match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            }
            .and_then(char::from_u32),
            None => match name.to_ascii_lowercase().as_str() {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "lpar" => Some('('),
                "rpar" => Some(')'),
                "amp" => Some('&'),
                _ => None,
            },
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = after.get(end..).unwrap_or("");
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// One thing raw HTML asks for that the page will not get.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Finding {
    /// Byte offset in the fragment.
    at: usize,
    /// Length in bytes.
    len: usize,
    /// What is removed.
    what: Removed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Removed {
    Element(String),
    Attribute(String, String),
    Address(String, Address),
}

/// Where a tag starts, as [`next_tag`] finds it.
pub(super) struct TagStart {
    /// The byte offset of its `<`.
    pub(super) at: usize,
    /// `</name`.
    pub(super) closing: bool,
    /// Where its name is.
    pub(super) name: std::ops::Range<usize>,
}

/// The first tag of `html` at or after byte `from`, comments skipped: a `<`
/// (or `</`) followed by a letter.
pub(super) fn next_tag(html: &str, mut from: usize) -> Option<TagStart> {
    let bytes = html.as_bytes();
    while let Some(off) = html.get(from..).and_then(|r| r.find('<')) {
        let at = from + off;
        from = at + 1;
        if html[from..].starts_with("!--") {
            from = html[from..].find("-->").map_or(html.len(), |e| from + e + 3);
            continue;
        }
        let closing = bytes.get(from) == Some(&b'/');
        let name_start = if closing { from + 1 } else { from };
        let name_len = html[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(html.len() - name_start);
        if name_len > 0 && bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            return Some(TagStart { at, closing, name: name_start..name_start + name_len });
        }
    }
    None
}

/// Reads a raw HTML fragment as a browser's tokenizer would, enough to find
/// elements, attributes and addresses the allow-list removes. Text and
/// comments are skipped; the content of a removed `<script>` goes with it.
fn scan(fragment: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let bytes = fragment.as_bytes();
    let mut i = 0;
    while let Some(TagStart { at: start, closing, name: names }) = next_tag(fragment, i) {
        let (name_start, name_len) = (names.start, names.len());
        let name = fragment[names].to_ascii_lowercase();
        let allowed_tag = TAGS.contains(&name.as_str()) || GENERATED_TAGS.contains(&name.as_str());
        if !allowed_tag && !closing {
            out.push(Finding { at: start, len: name_len + 1, what: Removed::Element(name.clone()) });
        }
        i = name_start + name_len;
        // Attributes, up to the `>` that is not inside quotes.
        loop {
            while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace() || *b == b'/') {
                i += 1;
            }
            match bytes.get(i) {
                None => break,
                Some(b'>') => {
                    i += 1;
                    break;
                }
                _ => {}
            }
            let a_start = i;
            while bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/')) {
                i += 1;
            }
            if i == a_start {
                i += 1;
                continue;
            }
            let attr = fragment[a_start..i].to_ascii_lowercase();
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            let mut value = "";
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                let v_start = i;
                match bytes.get(i) {
                    Some(q @ (b'"' | b'\'')) => {
                        let end = fragment[i + 1..].find(*q as char).map_or(fragment.len(), |e| i + 1 + e);
                        value = &fragment[i + 1..end];
                        i = (end + 1).min(fragment.len());
                    }
                    _ => {
                        while bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>') {
                            i += 1;
                        }
                        value = &fragment[v_start..i];
                    }
                }
            }
            if closing || !allowed_tag {
                continue;
            }
            let len = attr.len();
            if !attribute_allowed(&name, &attr, value) {
                out.push(Finding { at: a_start, len, what: Removed::Attribute(name.clone(), attr) });
            } else if matches!(attr.as_str(), "href" | "src" | "cite") {
                let kind = classify(value);
                if kind != Address::Safe {
                    out.push(Finding { at: a_start, len, what: Removed::Address(value.to_string(), kind) });
                }
            }
        }
        if !closing && matches!(name.as_str(), "script" | "style" | "template" | "textarea" | "title") {
            // Their content is not HTML: skip to the end tag.
            let end_tag = format!("</{name}");
            let lower = fragment[i..].to_ascii_lowercase();
            i = lower.find(&end_tag).map_or(fragment.len(), |e| i + e);
        }
    }
    out
}

/// True when the allow-list keeps `attr="value"` on `tag`.
fn attribute_allowed(tag: &str, attr: &str, value: &str) -> bool {
    let listed = GENERIC_ATTRIBUTES.contains(&attr)
        || TAG_ATTRIBUTES.iter().any(|(t, attrs)| *t == tag && attrs.contains(&attr));
    match (tag, attr) {
        ("td" | "th", "style") => CELL_STYLES.contains(&value),
        ("input", "type") => value == "checkbox",
        _ => listed,
    }
}

/// Checks and neutralises the events of one body before raport adds its own
/// markup; returns true when the body has raw HTML, which [`clean`] must
/// then go over. `body` starts at file line `body_line` of `file`.
pub(super) fn check(
    events: &mut Events<'_>,
    body: &str,
    body_line: usize,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> bool {
    let mut raw = false;
    let mut index: Option<LineIndex> = None;
    let mut span_at =
        |at: usize, len: usize| index.get_or_insert_with(|| LineIndex::new(body)).span(body, at, len, body_line);
    for (e, range) in events.iter_mut() {
        match e {
            Event::Html(fragment) | Event::InlineHtml(fragment) => {
                raw = true;
                // The fragment's text in the body (block HTML inside a list
                // or quote has its markers taken off).
                let src = body.get(range.clone()).unwrap_or("");
                let base = src.find(fragment.as_ref()).map_or(range.start, |i| range.start + i);
                for f in scan(fragment) {
                    let span = span_at(base + f.at, f.len);
                    diags.push(match f.what {
                        Removed::Element(name) => file
                            .warning(
                                span,
                                "unsafe-html",
                                format!("raw HTML element `<{name}>` is removed from the page"),
                            )
                            .with_hint(ALLOWED_HINT),
                        Removed::Attribute(tag, attr) => file
                            .warning(
                                span,
                                "unsafe-html",
                                format!("attribute `{attr}` of `<{tag}>` is removed from the page"),
                            )
                            .with_hint(ALLOWED_HINT),
                        Removed::Address(url, kind) => address_diagnostic(file, span, &url, kind),
                    });
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let kind = classify(dest_url);
                if kind == Address::Safe {
                    continue;
                }
                let src = body.get(range.clone()).unwrap_or("");
                // As written it may differ (entities): then after the `](`.
                let (at, len) = match src.find(dest_url.as_ref()) {
                    Some(i) => (range.start + i, dest_url.len()),
                    None => src.find("](").map_or((range.start, 1), |i| {
                        let rest = &src[i + 2..];
                        (range.start + i + 2, rest.find([')', ' ']).unwrap_or(rest.len()))
                    }),
                };
                diags.push(address_diagnostic(file, span_at(at, len), dest_url, kind));
                *dest_url = CowStr::Borrowed("");
            }
            Event::Start(Tag::Heading { attrs, .. }) => {
                attrs.retain(|(name, value)| {
                    let keep = attribute_allowed("h2", &name.to_ascii_lowercase(), value.as_deref().unwrap_or(""));
                    if !keep {
                        let src = body.get(range.clone()).unwrap_or("");
                        let at = src.rfind(name.as_ref()).map_or(range.start, |i| range.start + i);
                        diags.push(
                            file.warning(
                                span_at(at, name.len()),
                                "unsafe-html",
                                format!("heading attribute `{name}` is removed from the page"),
                            )
                            .with_hint(
                                "headings may have an id (`{#id}`), classes (`{.name}`) and `lang`, `title` or `dir`",
                            ),
                        );
                    }
                    keep
                });
            }
            _ => {}
        }
    }
    raw
}

const ALLOWED_HINT: &str = "raw HTML may use structure, text formatting, tables, figures, images and links, without scripts, event handlers (`on...`) or `style`; set `unsafe_html: true` in site.yaml only if every author is trusted (docs/editors.md)";

fn address_diagnostic(file: &SourceFile, span: crate::diag::Span, url: &str, kind: Address) -> crate::diag::Diagnostic {
    let shown: String = url.chars().take(40).collect();
    let more = if url.chars().count() > 40 { "..." } else { "" };
    match kind {
        Address::Script => file
            .error(span, "script-url", format!("`{shown}{more}` is a script address; links may not run scripts"))
            .with_hint("link to a web address (https://...), a file under content/static/ or @/briefs/<stem>.md"),
        _ => file
            .warning(span, "unsafe-url", format!("the address `{shown}{more}` is removed from the page"))
            .with_hint(format!(
                "addresses may be relative or use {}; put images and files in content/static/",
                SCHEMES.join(", ")
            )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_addresses_are_found_however_written() {
        for url in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;avascript:alert(1)",
            "&#0000106avascript:alert(1)",
            "javascript&colon;alert(1)",
            "VbScript:msgbox",
        ] {
            assert_eq!(classify(url), Address::Script, "{url:?}");
        }
        for url in ["data:text/html,<script>", "file:///etc/passwd", "DATA:image/png;base64,AA"] {
            assert_eq!(classify(url), Address::Other, "{url:?}");
        }
        for url in ["https://example.org/a:b", "/img/x.png", "x.html#a:b", "?q=javascript:", "mailto:a@b.c", ""] {
            assert_eq!(classify(url), Address::Safe, "{url:?}");
        }
    }

    #[test]
    fn scan_finds_elements_attributes_and_addresses() {
        let f = scan("<p class=x onclick=\"go()\">a</p><script>if (a<b) x()</script><img src=x onerror='y'>");
        let what: Vec<Removed> = f.into_iter().map(|f| f.what).collect();
        assert_eq!(
            what,
            [
                Removed::Attribute("p".into(), "onclick".into()),
                Removed::Element("script".into()),
                Removed::Attribute("img".into(), "onerror".into()),
            ]
        );
        let f = scan("<a href=\"&#106;avascript:x\">x</a><IFRAME SRC=x></iframe><td style=\"color:red\">");
        assert_eq!(f.len(), 3, "{f:?}");
        assert!(matches!(f[0].what, Removed::Address(_, Address::Script)));
        assert_eq!(f[1].what, Removed::Element("iframe".into()));
        assert_eq!(f[2].what, Removed::Attribute("td".into(), "style".into()));
    }

    #[test]
    fn clean_keeps_raport_markup_and_removes_the_rest() {
        let html = "<h2 id=\"a\">A</h2><p><input type=\"checkbox\" disabled checked aria-hidden=\"true\" tabindex=\"-1\"><span class=\"visually-hidden\">[x]</span></p><table><tr><th style=\"text-align: center\">x</th></tr></table><pre class=\"code\" tabindex=\"0\" data-lang=\"rust\"><code class=\"language-rust\"><span class=\"hl-keyword\">fn</span></code></pre><sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup><section class=\"footnotes\" role=\"doc-endnotes\"><ol><li id=\"fn-1\"><a href=\"#fnref-1\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"Back\">↩</a></li></ol></section>";
        // The same markup, as html5ever writes it.
        let same = html
            .replace("disabled checked", "disabled=\"\" checked=\"\"")
            .replace("<tr>", "<tbody><tr>")
            .replace("</tr>", "</tr></tbody>");
        assert_eq!(clean(html), same);
        let bad = "<p onclick=\"x\" style=\"color:red\">a<script>alert(1)</script><iframe src=\"x\"></iframe><a href=\"javascript:x\">l</a><img src=\"data:text/html,x\" onerror=\"y\"><form><input type=\"text\"></form></p>";
        assert_eq!(clean(bad), "<p>a<a>l</a><img></p><input><p></p>");
    }
}
