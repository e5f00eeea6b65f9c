//! HTML minifying (minify-html, behind the `minify` feature), one
//! configuration for pages and templates: closing tags and `<html>`/`<head>`
//! openers kept, scripts left alone, SVG's `viewBox` restored. A leaf
//! module: `render` minifies templates and pages with it, `output` writes
//! what it gives.

/// Minifies HTML, keeping closing tags and `<html>`/`<head>` openers (so the
/// output stays valid and readable by the Nu checker) and leaving scripts alone.
#[cfg(feature = "minify")]
pub fn minify(html: &[u8]) -> Vec<u8> {
    minify_with(html, true)
}

/// [`minify`], with or without minifying CSS (a template's may hold Tera syntax).
#[cfg(feature = "minify")]
pub(crate) fn minify_with(html: &[u8], css: bool) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        keep_comments: false,
        minify_css: css,
        minify_js: false,
        minify_doctype: false,
        keep_input_type_text_attr: true,
        allow_noncompliant_unquoted_attribute_values: false,
        allow_removing_spaces_between_attributes: false,
        allow_optimal_entities: false,
        ..minify_html::Cfg::default()
    };
    restore_svg_view_box(minify_html::minify(html, &cfg))
}

/// minify-html lowercases every attribute name. Browsers put `viewBox` back
/// when parsing (HTML's SVG attribute table), but other readers of the page
/// (XML tools, tests) would not: restore it in `<svg>` start tags.
#[cfg(feature = "minify")]
fn restore_svg_view_box(mut html: Vec<u8>) -> Vec<u8> {
    let mut i = 0;
    while let Some(p) = html.get(i..).and_then(|rest| rest.windows(4).position(|w| w == b"<svg")) {
        let start = i + p;
        let end =
            html.get(start..).and_then(|rest| rest.iter().position(|&b| b == b'>')).map_or(html.len(), |e| start + e);
        if let Some(tag) = html.get_mut(start..end)
            && let Some(q) = tag.windows(9).position(|w| w == b" viewbox=")
        {
            tag[q + 5] = b'B';
        }
        i = end;
    }
    html
}

/// Without the `minify` feature, HTML is written as rendered.
#[cfg(not(feature = "minify"))]
pub fn minify(html: &[u8]) -> Vec<u8> {
    html.to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "minify")]
    #[test]
    fn minify_keeps_closing_tags_pre_and_svg() {
        let html = b"<!DOCTYPE html><html lang=\"sq\"><head><title>t</title></head><body><p>a</p>  <pre>  x\n  y</pre><svg viewBox=\"0 0 10 10\"><title>c</title><polygon points=\"1,1 2,2\"></polygon></svg><script>var  a = 1;</script></body></html>";
        let out = String::from_utf8(minify(html)).unwrap_or_default();
        assert!(out.contains("<p>a</p>"), "{out}");
        assert!(out.contains("<pre>  x\n  y</pre>"), "{out}");
        assert!(
            out.contains("<polygon points=\"1,1 2,2\"></polygon>") || out.contains("<polygon points=\"1,1 2,2\"/>"),
            "{out}"
        );
        assert!(out.contains("var  a = 1;"), "{out}");
        assert!(out.contains("<html lang=sq>") || out.contains("<html lang=\"sq\">"), "{out}");
    }
}
