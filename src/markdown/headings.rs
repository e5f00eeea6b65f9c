//! Heading ids for anchors and the table of contents.
//!
//! pulldown-cmark only sets ids written as `{#id}`; every other heading gets
//! the slug of its text, made unique within the page (`-1`, `-2`, ...).

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use serde::Serialize;

use super::Events;
use crate::slug::slugify;

/// One entry of a page's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The heading's id.
    pub id: String,
    /// The heading as plain text.
    pub title: String,
}

/// Sets an id on every heading; returns the h2/h3 entries and records every id in `ids`.
pub(crate) fn assign_ids(events: &mut Events<'_>, ids: &mut Vec<String>) -> Vec<TocEntry> {
    let mut toc = Vec::new();
    // Sets beside the ordered list: a linear search would make N identical
    // headings cost N^3 steps. `next` is the suffix to try next per base.
    let mut taken: HashSet<String> = ids.iter().cloned().collect();
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 else {
            i += 1;
            continue;
        };
        let level = *level;
        let explicit = id.as_ref().map(ToString::to_string);
        let mut title = String::new();
        let mut j = i + 1;
        while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
            if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                title.push_str(t);
            }
            j += 1;
        }
        let base = explicit.unwrap_or_else(|| slugify(&title));
        let mut unique = base.clone();
        let mut n = next.get(&base).copied().unwrap_or(1);
        while taken.contains(&unique) {
            unique = format!("{base}-{n}");
            n += 1;
        }
        next.insert(base, n);
        taken.insert(unique.clone());
        ids.push(unique.clone());
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
            *id = Some(unique.clone().into());
        }
        let lvl = match level {
            HeadingLevel::H2 => Some(2),
            HeadingLevel::H3 => Some(3),
            _ => None,
        };
        if let Some(level) = lvl {
            toc.push(TocEntry { level, id: unique, title: title.trim().to_string() });
        }
        i = j;
    }
    toc
}

#[cfg(test)]
mod tests {
    use crate::markdown::tests::{html_has, render_str};

    #[test]
    fn headings_get_unique_folded_ids() {
        let r = html_has(
            "## Çështje të hapura\n\n## Çështje të hapura\n\n### Own {#mine}\n",
            &["<h2 id=\"ceshtje-te-hapura\">", "<h2 id=\"ceshtje-te-hapura-1\">", "<h3 id=\"mine\">"],
        );
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[2].level, 3);
    }

    #[test]
    fn suffixes_skip_ids_already_taken() {
        let (r, _) = render_str("## A\n\n## A-1\n\n## A\n\n## A\n");
        assert_eq!(r.ids, ["a", "a-1", "a-2", "a-3"]);
    }
}
