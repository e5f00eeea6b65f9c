//! All Tera setup: the theme's templates, parsed once per build.
//!
//! Template errors become diagnostics naming the template file, line and
//! column that Tera reports ([`super::template_errors`]).

use std::collections::BTreeMap;

use tera::{Context, Tera};

use super::template_errors;
use super::theme::Theme;
use crate::Error;
use crate::diag::{Diagnostic, Diagnostics, SourceFile};

/// The parsed templates of a theme.
pub(crate) struct Templates {
    tera: Tera,
    sources: BTreeMap<String, SourceFile>,
}

impl Templates {
    /// Parses every template of the theme; syntax errors are diagnostics,
    /// every one of them at once.
    pub(crate) fn load(theme: &Theme, diags: &mut Diagnostics) -> Result<Option<Templates>, Error> {
        let mut sources = BTreeMap::new();
        for (name, file) in theme.templates() {
            if let Some(src) = file.text(diags)? {
                sources.insert(name.to_string(), src);
            }
        }
        let mut tera = engine();
        let raw = sources.iter().map(|(n, f)| (n.as_str(), &*f.text));
        if let Err(e) = tera.add_raw_templates(raw) {
            for d in
                template_errors::load_errors(&sources, &e, |name, text| engine().add_raw_template(name, text).err())
            {
                diags.push(d);
            }
            return Ok(None);
        }
        Ok(Some(Templates { tera, sources }))
    }

    /// Renders `name` with `ctx`; a failure is a diagnostic on the template.
    pub(crate) fn render(&self, name: &str, ctx: &Context) -> Result<String, Box<Diagnostic>> {
        self.tera.render(name, ctx).map_err(|e| Box::new(template_errors::render_error(&self.sources, name, &e)))
    }

    /// Renders template `name` without keeping the page (`check`): the same
    /// errors as [`Templates::render`], in the memory of the data alone.
    pub(crate) fn check(&self, name: &str, ctx: &Context) -> Result<(), Box<Diagnostic>> {
        self.tera
            .render_to(name, ctx, std::io::sink())
            .map_err(|e| Box::new(template_errors::render_error(&self.sources, name, &e)))
    }

    /// The same templates with their HTML minified once, Tera syntax left
    /// alone, so that pages come out compact without minifying each one
    /// (docs/performance.md). `None` when any template
    /// cannot be minified safely (see [`minify_source`]); pages are then
    /// minified one by one.
    pub(crate) fn minified(&self) -> Option<Templates> {
        let mut min: Vec<(String, String)> = Vec::new();
        for (name, file) in &self.sources {
            min.push((name.clone(), minify_source(&file.text)?));
        }
        let mut tera = engine();
        tera.add_raw_templates(min.iter().map(|(n, t)| (n.as_str(), t.as_str()))).ok()?;
        Some(Templates { tera, sources: self.sources.clone() })
    }
}

/// A Tera instance as raport sets it up: HTML and XML templates escaped with
/// [`escape`].
fn engine() -> Tera {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    // The escaping of the HTML raport writes itself (quotes included), so
    // that pages do not change with Tera's escaper.
    tera.set_escape_fn(escape);
    tera
}

/// A template's HTML minified by minify-html, its Tera tags, expressions and
/// comments replaced by placeholders meanwhile. A placeholder in a quoted
/// attribute value holds a space, so that the quotes stay (the value it
/// stands for may have spaces). Between attributes, a Tera block (`{% if %}
/// lang="..."{% endif %}`) is one placeholder, attributes and all, as
/// minify-html may reorder attributes. `None`, and the template is used as
/// written, when the result could differ from minifying each page: Tera
/// syntax in a tag name, `raw` blocks, a block left open in a tag, or any
/// tag or placeholder in text not found again in the same order.
#[cfg(feature = "minify")]
pub(crate) fn minify_source(src: &str) -> Option<String> {
    const OPEN: char = '\u{F8F0}';
    const CLOSE: char = '\u{F8F1}';
    if src.contains("{% raw") || src.contains("{%- raw") || src.contains(OPEN) || src.contains(CLOSE) {
        return None;
    }
    #[derive(PartialEq, Clone, Copy)]
    enum At {
        Text,
        Tag,
        Quoted(char),
    }
    /// The end of the Tera construct at the start of `rest`, if one starts there.
    fn construct(rest: &str) -> Option<Option<usize>> {
        let close = match rest.get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            Some("{#") => "#}",
            _ => return None,
        };
        Some(rest.find(close).map(|e| e + 2))
    }
    /// How a block tag changes the nesting depth.
    fn depth_change(tag: &str) -> i32 {
        let inner = tag.trim_start_matches("{%").trim_start_matches('-');
        let word = inner.split_whitespace().next().unwrap_or("");
        match word {
            "if" | "for" | "block" | "component" | "filter" => 1,
            "endif" | "endfor" | "endblock" | "endcomponent" | "endfilter" | "endset" => -1,
            // `{% set x %}...{% endset %}` captures its body; `{% set x = 1 %}` does not.
            "set" | "set_global" if !inner.contains('=') => 1,
            // A component called with a body: `{% <card title> %}...{% </card> %}`.
            w if w.starts_with("</") => -1,
            w if w.starts_with('<') => 1,
            _ => 0,
        }
    }
    let mut at = At::Text;
    let mut out = String::with_capacity(src.len());
    // Each placeholder's Tera text, and whether it stands in text.
    let mut held: Vec<(&str, bool)> = Vec::new();
    let mut i = 0;
    let bytes = src.as_bytes();
    while i < src.len() {
        let rest = &src[i..];
        if let Some(end) = construct(rest) {
            let mut end = i + end?;
            if rest.starts_with("{#") {
                // A comment renders to nothing.
                i = end;
                continue;
            }
            // Tera syntax right after `<` or `</` is (part of) a tag name.
            if out.ends_with('<') || out.ends_with("</") {
                return None;
            }
            if at == At::Tag && rest.starts_with("{%") {
                // The whole block, up to where it closes, within this tag.
                let mut depth = depth_change(&src[i..end]);
                while depth > 0 {
                    let next = src[end..].find("{%")? + end;
                    if src[end..next].contains('>') && !src[end..next].contains('"') {
                        return None;
                    }
                    let close = src[next..].find("%}")? + next + 2;
                    depth += depth_change(&src[next..close]);
                    end = close;
                }
            }
            let n = held.len();
            held.push((&src[i..end], at == At::Text));
            match at {
                At::Quoted(_) => out.push_str(&format!("{OPEN}{n} {CLOSE}")),
                _ => out.push_str(&format!("{OPEN}{n}{CLOSE}")),
            }
            i = end;
            continue;
        }
        let c = rest.chars().next()?;
        match at {
            At::Text if c == '<' && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/') => {
                at = At::Tag
            }
            At::Tag if c == '"' || c == '\'' => at = At::Quoted(c),
            At::Tag if c == '>' => at = At::Text,
            At::Quoted(q) if c == q => at = At::Tag,
            _ => {}
        }
        out.push(c);
        i += c.len_utf8();
    }
    let min = String::from_utf8(crate::minify::minify_with(out.as_bytes(), false)).ok()?;
    if tags(&min) != tags(&out) {
        return None;
    }
    // Every placeholder once; those in text in their order.
    let mut last_text = None;
    let mut back = String::with_capacity(min.len() + src.len() / 4);
    let mut found = vec![false; held.len()];
    let mut rest = min.as_str();
    while let Some(p) = rest.find(OPEN) {
        back.push_str(&rest[..p]);
        let after = &rest[p + OPEN.len_utf8()..];
        let end = after.find(CLOSE)?;
        let n: usize = after[..end].trim_end().parse().ok()?;
        let (tera, in_text) = *held.get(n)?;
        if std::mem::replace(found.get_mut(n)?, true) {
            return None;
        }
        if in_text {
            if last_text.is_some_and(|l| l > n) {
                return None;
            }
            last_text = Some(n);
        }
        back.push_str(tera);
        rest = &after[end + CLOSE.len_utf8()..];
    }
    back.push_str(rest);
    found.iter().all(|f| *f).then_some(back)
}

/// Without the `minify` feature there is nothing to minify with.
#[cfg(not(feature = "minify"))]
pub(crate) fn minify_source(_src: &str) -> Option<String> {
    None
}

/// The start and end tags of `html`, by name, in order (lowercase).
#[cfg(feature = "minify")]
fn tags(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(p) = html[i..].find('<') {
        let start = i + p + 1;
        let (close, name_at) = if b.get(start) == Some(&b'/') { (true, start + 1) } else { (false, start) };
        let name: String = html[name_at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if !name.is_empty() {
            out.push(if close { format!("/{name}") } else { name });
        }
        i = start;
    }
    out
}

/// Escapes `<`, `>`, `&` and quotes as [`crate::markdown::escape_html`]
/// does, writing the unescaped runs as they are.
fn escape(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(s.as_bytes().get(from..i).unwrap_or_default())?;
        out.write_all(entity)?;
        from = i + 1;
    }
    out.write_all(s.as_bytes().get(from..).unwrap_or_default())
}

#[cfg(all(test, feature = "minify"))]
mod tests {
    use super::*;

    #[test]
    fn tera_syntax_survives_minifying_a_template() {
        let src = "<ul class=\"nav\">\n  {% for i in items %}\n  <li><a href=\"{{ i.href }}\"{% if i.on %} aria-current=\"page\"{% endif %}>{{ i.label }}</a></li>\n  {% endfor %}\n</ul>\n{# a note #}\n<p title=\"{{ t }}\">x</p>";
        let min = minify_source(src).unwrap_or_else(|| panic!("not minified"));
        assert!(min.contains("<a href=\"{{ i.href }}\""), "{min}");
        assert!(min.contains("{% if i.on %} aria-current=\"page\"{% endif %}"), "{min}");
        assert!(min.contains("title=\"{{ t }}\""), "{min}");
        assert!(!min.contains("a note") && !min.contains("\n  <li>"), "{min}");
    }

    #[test]
    fn components_survive_minifying_a_template() {
        let src = "{% component x(a, b=2) %}\n<b title=\"{{ a }}\">  {{ a }}  </b>\n{% endcomponent x %}\n<p>\n  {{<x a={y.z[0]} b={3} />}}\n</p>\n{% <card t=\"k\"> %}\n<i> c </i>\n{% </card> %}";
        let min = minify_source(src).unwrap_or_else(|| panic!("not minified"));
        assert!(
            min.contains("{% component x(a, b=2) %} <b title=\"{{ a }}\"> {{ a }} </b> {% endcomponent x %}"),
            "{min}"
        );
        assert!(min.contains("<p>{{<x a={y.z[0]} b={3} />}}</p>"), "{min}");
        assert!(min.contains("{% <card t=\"k\"> %} <i> c </i> {% </card> %}"), "{min}");
    }

    #[test]
    fn a_tera_tag_name_is_left_as_written() {
        assert_eq!(minify_source("<h{{ level }}>x</h{{ level }}>"), None);
    }

    #[test]
    fn every_default_template_is_minified() {
        let theme =
            crate::render::theme::Theme::load(std::path::Path::new("/nonexistent"), "default", &mut Diagnostics::new())
                .unwrap_or_else(|e| panic!("{e}"));
        let t = Templates::load(&theme, &mut Diagnostics::new())
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no templates"));
        for (name, file) in &t.sources {
            assert!(minify_source(&file.text).is_some(), "{name} is not minified");
        }
        assert!(t.minified().is_some());
    }
}
