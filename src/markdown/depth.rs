//! A bound on how deep a body nests, Markdown containers (quotes, lists,
//! emphasis, ...) and raw HTML elements counted together. The HTML tree
//! builder behind the sanitizer checks the open elements for every tag, so
//! its work grows with depth times tags: a few hundred kilobytes of `<div>`
//! would take minutes. Browsers stop nesting at 512 levels; so does raport,
//! with an error.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Events;
use super::sanitize::{TagStart, next_tag};

/// The deepest a body may nest (Blink's parser limit).
pub(crate) const MAX_DEPTH: usize = 512;

/// Elements that never hold content, so never nest.
const VOID: [&str; 14] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// The byte offset in `body` where nesting first goes deeper than
/// [`MAX_DEPTH`], if it does. Raw HTML is read the quick way (a tag is a
/// `<` and a letter, up to the next `>`): close enough to bound the work.
pub(crate) fn too_deep(events: &Events<'_>, body: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (e, range) in events {
        match e {
            // An HTML block is no element of its own: its tags count.
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => continue,
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(fragment) | Event::InlineHtml(fragment) => {
                let src = body.get(range.clone()).unwrap_or("");
                let base = src.find(fragment.as_ref()).map_or(range.start, |i| range.start + i);
                if let Some(at) = html_depth(fragment, &mut depth) {
                    return Some(base + at);
                }
                continue;
            }
            _ => continue,
        }
        if depth > MAX_DEPTH {
            return Some(range.start);
        }
    }
    None
}

/// The byte offset of the `>` that opens quote level [`MAX_DEPTH`] + 1 at
/// the start of a line, outside fenced code, if one does: the one kind of
/// nesting that a line can reach by itself, found without parsing.
pub(crate) fn quotes_too_deep(body: &str) -> Option<usize> {
    let mut fence: Option<(u8, usize)> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let lead = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[lead..];
        if lead < 4 {
            let marker = rest.as_bytes().first().copied().filter(|b| *b == b'`' || *b == b'~');
            if let Some(m) = marker {
                let n = rest.bytes().take_while(|b| *b == m).count();
                if n >= 3 {
                    fence = match fence {
                        None => Some((m, n)),
                        Some((fm, fnum)) if fm == m && n >= fnum && rest[n..].trim().is_empty() => None,
                        open => open,
                    };
                    continue;
                }
            }
        }
        if fence.is_some() || lead >= 4 || !rest.starts_with('>') {
            continue;
        }
        let mut depth = 0;
        for (i, b) in rest.bytes().enumerate() {
            match b {
                b'>' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some(start + lead + i);
                    }
                }
                b' ' | b'\t' => {}
                _ => break,
            }
        }
    }
    None
}

/// Adds the elements `html` opens and closes to `depth`; the offset of the
/// tag that takes it past [`MAX_DEPTH`], if one does.
fn html_depth(html: &str, depth: &mut usize) -> Option<usize> {
    let mut i = 0;
    while let Some(TagStart { at, closing, name }) = next_tag(html, i) {
        let end = html[name.end..].find('>').map_or(html.len(), |e| name.end + e);
        let name = html[name].to_ascii_lowercase();
        if closing {
            *depth = depth.saturating_sub(1);
        } else if !VOID.contains(&name.as_str()) && !html[..end].ends_with('/') {
            *depth += 1;
            if *depth > MAX_DEPTH {
                return Some(at);
            }
        }
        i = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::render_str;

    #[test]
    fn nesting_deeper_than_a_browser_is_an_error_where_it_goes_too_deep() {
        for (body, at) in [
            ("<div>".repeat(600), "a.en.md:1:2561:"),
            (format!("text\n\n{}x\n", ">".repeat(600)), "a.en.md:3:513:"),
            (format!("{}<b>x</b>\n", ">".repeat(600)), "a.en.md:1:513:"),
        ] {
            let (r, d) = render_str(&body);
            let errors = d.render_human();
            assert!(errors.contains(&format!("{at} error: Markdown and HTML nest more than 512")), "{errors}");
            assert_eq!(d.error_count(), 1, "{errors}");
            assert!(r.html.is_empty(), "nothing is rendered: {}", r.html.len());
        }
    }

    #[test]
    fn nesting_a_browser_builds_is_kept() {
        let body =
            format!("{}x\n\n{}<br><img src=a.png>{}\n", ">".repeat(200), "<div>".repeat(300), "</div>".repeat(300));
        let (r, d) = render_str(&body);
        assert_eq!(d.error_count(), 0, "{}", d.render_human());
        assert_eq!(r.html.matches("<blockquote>").count(), 200);
        assert_eq!(r.html.matches("<div>").count(), 300);
    }
}
