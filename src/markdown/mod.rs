//! Stage 2, transform: Markdown -> HTML, with a table of contents, a summary
//! and plain text for search (SPEC §4).
//!
//! pulldown-cmark parses with tables, footnotes, strikethrough, task lists
//! and heading attributes. Each raport feature is one pass over the event
//! list, in its own file: `headings` (ids and the table of contents),
//! `footnotes` (ids that cannot collide with headings, notes at the end),
//! `highlight` (syntect, CSS classes), `links` (`@/briefs/x.md`) and
//! `sanitize` (raw HTML and addresses, by an allow-list).

mod depth;
mod footnotes;
mod headings;
mod highlight;
pub use highlight::CodeCache;
pub(crate) use highlight::release as release_highlighter;
mod links;
mod sanitize;

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diag::{Diagnostics, SourceFile};
pub(crate) use headings::TocEntry;
pub use links::LinkTable;
pub(crate) use links::{FragmentCheck, anchor_hint};

/// What the transform needs to know about the page being rendered.
pub struct Context<'a> {
    /// The page language.
    pub lang: &'a str,
    /// The site's default language, for link fallback.
    pub default_lang: &'a str,
    /// Every linkable document.
    pub links: &'a LinkTable,
    /// Localized label for footnote back-links ("Back to the text").
    pub footnote_back: &'a str,
    /// Keep raw HTML as written (`unsafe_html: true` in site.yaml) instead
    /// of sanitising it.
    pub unsafe_html: bool,
    /// Listings highlighted by the previous build, when there is a cache.
    pub code: Option<&'a CodeCache>,
}

/// A rendered Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Headings (levels 2 and 3) for the table of contents.
    pub toc: Vec<TocEntry>,
    /// The first paragraph as plain text.
    pub first_paragraph: String,
    /// All text; emptied once [`Rendered::terms`] is taken from it.
    pub text: String,
    /// The body's most frequent search terms, ranked, space-separated
    /// (`render::search::body_terms`).
    pub terms: String,
    /// Every `id` the HTML defines, for checking `#fragment` links.
    pub ids: Vec<String>,
    /// `@/` links with a fragment, checked once every page is rendered.
    pub(crate) fragment_checks: Vec<FragmentCheck>,
}

/// The event list a pass works on: each event with its byte range in the body.
pub(crate) type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// Renders `body` (which starts at file line `body_line` of `file`).
/// Broken `@/` links are pushed to `diags`.
pub fn render(body: &str, body_line: usize, file: &SourceFile, cx: &Context<'_>, diags: &mut Diagnostics) -> Rendered {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    // A line of hundreds of `>` is refused before it is parsed: its
    // millions of events would take hundreds of MiB to hold.
    let quoted = depth::quotes_too_deep(body);
    let mut events: Events<'_> =
        if quoted.is_some() { Vec::new() } else { Parser::new_ext(body, opts).into_offset_iter().collect() };
    let mut out = Rendered::default();
    if let Some(at) = quoted.or_else(|| depth::too_deep(&events, body)) {
        let span = crate::diag::Span::at_offset(body, at, 1, body_line);
        diags.push(
            file.error(
                span,
                "nesting-too-deep",
                format!("Markdown and HTML nest more than {} levels deep here", depth::MAX_DEPTH),
            )
            .with_hint(
                "a browser stops nesting there too; look for a `>`, list marker or unclosed tag repeated by mistake",
            ),
        );
        return out;
    }

    let (first_paragraph, text) = plain_text(&events);
    out.first_paragraph = first_paragraph;
    out.text = text;
    // Before raport adds its own markup, so that only the author's is judged.
    let raw_html = !cx.unsafe_html && sanitize::check(&mut events, body, body_line, file, diags);
    out.fragment_checks = links::resolve(&mut events, body, body_line, file, cx, diags);
    out.toc = headings::assign_ids(&mut events, &mut out.ids);
    footnotes::rewrite(&mut events, cx.footnote_back, &mut out.ids);
    highlight::highlight(&mut events, cx.code);
    task_list_labels(&mut events);

    // Whether the HTML can hold a table or an alignment style, known from
    // the events: most bodies then skip both passes over their HTML.
    let html_has = |needle: &str| {
        events.iter().any(|(e, _)| matches!(e, Event::Html(h) | Event::InlineHtml(h) if find(h, needle).is_some()))
    };
    let tables = events.iter().any(|(e, _)| matches!(e, Event::Start(Tag::Table(_)))) || html_has("<table");
    let aligned = events.iter().any(
        |(e, _)| matches!(e, Event::Start(Tag::Table(a)) if a.iter().any(|a| *a != pulldown_cmark::Alignment::None)),
    ) || html_has("text-align");

    out.html.reserve(body.len() + body.len() / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter().map(|(e, _)| e));
    if raw_html {
        out.html = sanitize::clean(&out.html);
    }
    if aligned {
        align_classes(&mut out.html);
    }
    if tables {
        wrap_tables(&mut out.html);
    }
    out
}

/// Where `needle` first occurs in `haystack`: a vectorised search, for the
/// passes over whole rendered bodies.
fn find(haystack: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(haystack.as_bytes(), needle.as_bytes())
}

/// The plain text of a Markdown fragment (a tracker note, radar findings),
/// for search: links are not resolved and nothing is reported.
pub(crate) fn plain_text_of(md: &str) -> String {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let events: Events<'_> = Parser::new_ext(md, opts).into_offset_iter().collect();
    plain_text(&events).1
}

/// Puts each table in a keyboard-scrollable box (`.table-scroll`, the class
/// the tracker matrix uses): on a phone a wide table scrolls inside the text
/// column instead of breaking its words mid-letter or widening the page. The
/// box is a region named by the table's column headings, so a screen reader
/// says what it is before entering it.
fn wrap_tables(html: &mut String) {
    if find(html, "<table>").is_none() {
        return;
    }
    let mut out = String::with_capacity(html.len() + 128);
    let mut rest = html.as_str();
    while let Some(at) = find(rest, "<table>") {
        out.push_str(&rest[..at]);
        let table = &rest[at..];
        let label = table_label(table);
        out.push_str("<div class=\"table-scroll\" tabindex=\"0\"");
        if !label.is_empty() {
            out.push_str(" role=\"region\" aria-label=\"");
            out.push_str(&label);
            out.push('"');
        }
        out.push('>');
        // The matching `</table>`: tables written as raw HTML may nest.
        let mut depth = 0usize;
        let mut end = table.len();
        let mut i = 0;
        while let Some(tag) = find(&table[i..], "<table").map(|o| i + o) {
            let close = find(&table[i..], "</table>").map_or(usize::MAX, |o| i + o);
            if close < tag {
                depth -= 1;
                i = close + "</table>".len();
                if depth == 0 {
                    end = i;
                    break;
                }
            } else {
                depth += 1;
                i = tag + "<table".len();
            }
        }
        if depth > 0 {
            while let Some(close) = find(&table[i..], "</table>").map(|o| i + o) {
                depth -= 1;
                i = close + "</table>".len();
                if depth == 0 {
                    end = i;
                    break;
                }
            }
        }
        out.push_str(&table[..end]);
        out.push_str("</div>");
        rest = &table[end..];
    }
    out.push_str(rest);
    *html = out;
}

/// The text of a table's header cells, comma-separated, as escaped HTML
/// text (the attribute is double-quoted and the text has no raw `"`).
fn table_label(table: &str) -> String {
    let head = find(table, "<thead>")
        .filter(|&h| find(table, "<tbody>").is_none_or(|b| h < b))
        .and_then(|h| find(&table[h..], "</thead>").map(|e| &table[h..h + e]));
    let Some(head) = head else { return String::new() };
    let mut cells = Vec::new();
    for cell in head.split("<th").skip(1) {
        let Some(open) = cell.find('>') else { continue };
        let inner = cell[open + 1..].split("</th>").next().unwrap_or("");
        let mut text = String::new();
        let mut in_tag = false;
        for c in inner.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                '"' if !in_tag => text.push_str("&quot;"),
                _ if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            cells.push(text);
        }
    }
    cells.join(", ")
}

/// Table cell alignment as classes (`align-center`) instead of the `style`
/// attributes pulldown-cmark writes, which a Content-Security-Policy without
/// `'unsafe-inline'` styles blocks (docs/deploy.md).
fn align_classes(html: &mut String) {
    const STYLE: &str = " style=\"text-align: ";
    if find(html, STYLE).is_none() {
        return;
    }
    // One pass over the page, not one per side.
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = find(rest, STYLE) {
        out.push_str(&rest[..at]);
        let after = &rest[at + STYLE.len()..];
        let side = ["left", "center", "right"]
            .into_iter()
            .find(|side| after.strip_prefix(side).is_some_and(|t| t.starts_with('"')));
        match side {
            Some(side) => {
                out.push_str(" class=\"align-");
                out.push_str(side);
                out.push('"');
                rest = &after[side.len() + 1..];
            }
            None => {
                out.push_str(STYLE);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    *html = out;
}

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape_html(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// The first paragraph and the whole text, as plain text.
fn plain_text(events: &Events<'_>) -> (String, String) {
    let mut first = String::new();
    let mut all = String::new();
    let mut in_para = false;
    let mut first_done = false;
    for (e, _) in events {
        match e {
            Event::Start(Tag::Paragraph) => in_para = true,
            Event::End(TagEnd::Paragraph) => {
                in_para = false;
                if !first.trim().is_empty() {
                    first_done = true;
                }
                all.push('\n');
            }
            Event::Text(t) | Event::Code(t) => {
                all.push_str(t);
                if in_para && !first_done {
                    first.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                all.push(' ');
                if in_para && !first_done {
                    first.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => all.push('\n'),
            _ => {}
        }
    }
    (first.trim().to_string(), all)
}

/// Task list checkboxes are shown, not edited: render them disabled and
/// hidden from assistive technology, with the state as text for screen readers.
fn task_list_labels(events: &mut Events<'_>) {
    for (e, _) in events.iter_mut() {
        if let Event::TaskListMarker(done) = e {
            let (checked, label) = if *done { (" checked", "[x]") } else { ("", "[ ]") };
            *e = Event::InlineHtml(
                format!("<input type=\"checkbox\" disabled{checked} aria-hidden=\"true\" tabindex=\"-1\"><span class=\"visually-hidden\">{label}</span> ").into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn render_str(md: &str) -> (Rendered, Diagnostics) {
        let table = LinkTable::new("/");
        let cx = Context {
            lang: "en",
            default_lang: "sq",
            links: &table,
            footnote_back: "Back",
            unsafe_html: false,
            code: None,
        };
        let f = SourceFile::new("a.en.md", md);
        let mut d = Diagnostics::new();
        let r = render(md, 1, &f, &cx, &mut d);
        (r, d)
    }

    /// Renders `md` and asserts that its HTML contains each of `parts`.
    pub(crate) fn html_has(md: &str, parts: &[&str]) -> Rendered {
        let (r, _) = render_str(md);
        for part in parts {
            assert!(r.html.contains(part), "no {part:?} in:\n{}", r.html);
        }
        r
    }

    /// [`html_has`], and no `style` attribute anywhere (a strict CSP blocks it).
    pub(crate) fn html_has_no_style(md: &str, parts: &[&str]) {
        let r = html_has(md, parts);
        assert!(!r.html.contains("style="), "a style attribute in:\n{}", r.html);
    }

    #[test]
    fn tables_strikethrough_and_tasks() {
        html_has(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n",
            &["<table>", "<del>old</del>", "type=\"checkbox\" disabled checked"],
        );
    }

    #[test]
    fn tables_scroll_in_a_region_named_by_their_headings() {
        html_has(
            "| Vendi | *Statusi* |\n|---|---|\n| AL | ok |\n\nAfter.\n",
            &[
                "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Vendi, Statusi\"><table>",
                "</table></div>\n<p>After.</p>",
            ],
        );
        // A table in raw HTML, inside another, is closed where it ends.
        let (r, _) = render_str("<table><tr><td><table><tr><td>in</td></tr></table></td></tr></table>\n\nAfter.\n");
        assert_eq!(r.html.matches("<div class=\"table-scroll\"").count(), 1, "{}", r.html);
        assert!(r.html.contains("</table></td></tr></tbody></table></div>"), "{}", r.html);
        assert!(!r.html.contains("role="), "a table without headings is not a named region: {}", r.html);
    }

    #[test]
    fn raw_html_cell_alignment_is_a_class_too() {
        // No Markdown table: the raw HTML alone must turn the pass on.
        html_has_no_style(
            "<table><tr><td style=\"text-align: center\">x</td></tr></table>\n",
            &["<td class=\"align-center\">x</td>", "<div class=\"table-scroll\""],
        );
    }

    #[test]
    fn table_alignment_is_a_class_not_a_style() {
        html_has_no_style(
            "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n",
            &["<th class=\"align-left\">a</th><th class=\"align-center\">b</th>", "<td class=\"align-right\">3</td>"],
        );
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let (r, _) = render_str("# Title\n\nThe *first* paragraph\nwith `code`.\n\nSecond.\n");
        assert_eq!(r.first_paragraph, "The first paragraph with code.");
    }
}
