//! Footnotes: references become `#fn-<name>` links, definitions are moved to
//! a numbered list at the end with a back-link to the first reference.
//!
//! pulldown-cmark's own ids are the bare names (`id="1"`), which collide with
//! heading ids and are not valid targets for every name.

use std::collections::BTreeMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::escape_html;

use super::Events;
use crate::slug::slugify;

/// Rewrites footnote references and definitions; records the ids it defines.
pub(crate) fn rewrite(events: &mut Events<'_>, back_label: &str, ids: &mut Vec<String>) {
    if !events.iter().any(|(e, _)| matches!(e, Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))))
    {
        return;
    }
    let mut order: Vec<String> = Vec::new();
    let mut number: BTreeMap<String, usize> = BTreeMap::new();
    let mut defs: BTreeMap<String, Events<'_>> = BTreeMap::new();
    let mut out: Events<'_> = Vec::with_capacity(events.len());
    let mut current: Option<(String, Events<'_>)> = None;
    let mut ref_count: BTreeMap<String, usize> = BTreeMap::new();
    for (e, r) in events.drain(..) {
        match e {
            Event::Start(Tag::FootnoteDefinition(name)) => current = Some((name.to_string(), Vec::new())),
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((name, evs)) = current.take() {
                    defs.insert(name, evs);
                }
            }
            Event::FootnoteReference(name) => {
                let name = name.to_string();
                let n = match number.get(&name) {
                    Some(n) => *n,
                    None => {
                        order.push(name.clone());
                        number.insert(name.clone(), order.len());
                        order.len()
                    }
                };
                let count = ref_count.entry(name.clone()).or_insert(0);
                *count += 1;
                let key = slugify(&name);
                let ref_id = if *count == 1 { format!("fnref-{key}") } else { format!("fnref-{key}-{count}") };
                ids.push(ref_id.clone());
                let html = format!("<sup class=\"footnote-ref\"><a href=\"#fn-{key}\" id=\"{ref_id}\">{n}</a></sup>");
                push(&mut current, &mut out, (Event::InlineHtml(html.into()), r));
            }
            other => push(&mut current, &mut out, (other, r)),
        }
    }
    let listed: Vec<String> = order.iter().filter(|n| defs.contains_key(*n)).cloned().collect();
    if !listed.is_empty() {
        out.push((Event::Html("<section class=\"footnotes\" role=\"doc-endnotes\"><ol>".into()), 0..0));
        for name in listed {
            let key = slugify(&name);
            ids.push(format!("fn-{key}"));
            out.push((Event::Html(format!("<li id=\"fn-{key}\">").into()), 0..0));
            if let Some(evs) = defs.remove(&name) {
                out.extend(evs);
            }
            let mut back = String::new();
            escape_html(&mut back, back_label);
            out.push((
                Event::Html(format!("<a href=\"#fnref-{key}\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"{back}\">↩</a></li>").into()),
                0..0,
            ));
        }
        out.push((Event::Html(CowStr::Borrowed("</ol></section>")), 0..0));
    }
    *events = out;
}

fn push<'a>(current: &mut Option<(String, Events<'a>)>, out: &mut Events<'a>, ev: (Event<'a>, std::ops::Range<usize>)) {
    match current {
        Some((_, evs)) => evs.push(ev),
        None => out.push(ev),
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::html_has;

    #[test]
    fn footnote_ids_do_not_collide_with_headings() {
        html_has(
            "## 1\n\nText[^1].\n\n[^1]: The note.\n",
            &[
                "<h2 id=\"1\">",
                "href=\"#fn-1\" id=\"fnref-1\">1</a>",
                "<li id=\"fn-1\">\n<p>The note.</p>\n<a href=\"#fnref-1\"",
            ],
        );
    }
}
