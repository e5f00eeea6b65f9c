//! Fenced code highlighted by syntect, with CSS classes (`hl-keyword`), never
//! inline styles. The syntax set is loaded when first needed and kept until
//! [`release`]: a build lets it go once every Markdown text is rendered.

use std::sync::{Arc, Mutex};

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

/// Replaces every code block with highlighted HTML.
pub(super) fn highlight(events: &mut Events<'_>) {
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
        let html = render_block(&lang, &code);
        let range = events[start].1.clone();
        let end = (j + 1).min(events.len());
        events.splice(start..end, std::iter::once((Event::Html(html.into()), range)));
        i = start + 1;
    }
}

fn render_block(lang: &str, code: &str) -> String {
    let mut out = String::with_capacity(code.len() * 3);
    let mut lang_attr = String::new();
    escape_html(&mut lang_attr, lang);
    if lang.is_empty() {
        out.push_str("<pre class=\"code\" tabindex=\"0\"><code>");
    } else {
        out.push_str(&format!(
            "<pre class=\"code\" tabindex=\"0\" data-lang=\"{lang_attr}\"><code class=\"language-{lang_attr}\">"
        ));
    }
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
    out.push_str("</code></pre>\n");
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
    fn unknown_languages_are_escaped_plain() {
        let (r, _) = render_str("```nosuchlang\n<b>\n```\n");
        assert!(r.html.contains("&lt;b&gt;"), "{}", r.html);
    }
}
