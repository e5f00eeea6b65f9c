//! Tera's errors as diagnostics (`template-error`): the template file, and
//! the line and column of Tera's own span, the offending line, Tera's
//! message and a hint. Used by [`super::templates`].

use std::collections::BTreeMap;
use std::path::Path;

use tera::{ErrorKind, ReportError};

use crate::diag::{Diagnostic, SourceFile, Span, file_error};

const CODE: &str = "template-error";
const HINT: &str = "the message is Tera's (keats.github.io/tera); fix this line, or delete the file to use the default theme's template";

/// The diagnostics of templates Tera could not load (`e`). Tera stops at
/// the first template that does not parse; `parse_alone` parses one
/// template by itself, so that every template's syntax error is reported.
/// Unknown filters, tests, functions, components and included templates
/// are found once all templates are parsed, all of them at once.
pub(crate) fn load_errors(
    sources: &BTreeMap<String, SourceFile>,
    e: &tera::Error,
    parse_alone: impl Fn(&str, &str) -> Option<tera::Error>,
) -> Vec<Diagnostic> {
    match e.kind() {
        ErrorKind::SyntaxError(first) => {
            let all: Vec<Diagnostic> = sources
                .iter()
                .filter_map(|(name, file)| match parse_alone(name, &file.text)?.kind() {
                    ErrorKind::SyntaxError(r) => Some(syntax_report(sources, r)),
                    _ => None,
                })
                .collect();
            if all.is_empty() { vec![syntax_report(sources, first)] } else { all }
        }
        ErrorKind::MissingParent { current, parent } => {
            let message = format!("template error: `{current}` extends `{parent}`, which is not a template");
            vec![match sources.get(current.as_str()) {
                Some(f) => f.error(quoted(f, parent), CODE, message).with_hint(format!(
                    "templates are named by their path under templates/ (`base.html`, `partials/header.html`); {HINT}"
                )),
                None => themes_error(message),
            }]
        }
        ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
            let message = format!("template error: {e}");
            vec![match sources.get(tpl.as_str()) {
                Some(f) => f.error(Span::file_start(), CODE, message).with_hint(HINT),
                None => themes_error(message),
            }]
        }
        ErrorKind::Msg(text) => reference_errors(sources, text),
        _ => vec![themes_error(format!("template error: {e}"))],
    }
}

/// The diagnostic of a failure to render template `name`.
pub(crate) fn render_error(sources: &BTreeMap<String, SourceFile>, name: &str, e: &tera::Error) -> Diagnostic {
    match e.kind() {
        ErrorKind::RenderingError(r) | ErrorKind::SyntaxError(r) => report(sources, r, Some(name)),
        _ => {
            let message = format!("template error: {e}");
            match sources.get(name) {
                Some(f) => f.error(Span::file_start(), CODE, message).with_hint(HINT),
                None => themes_error(message),
            }
        }
    }
}

/// A Tera report as a diagnostic on the template it names (else on
/// `fallback`), at its span.
fn report(sources: &BTreeMap<String, SourceFile>, r: &ReportError, fallback: Option<&str>) -> Diagnostic {
    let message = format!("template error: {}", r.message());
    let file = sources.get(r.filename()).or_else(|| fallback.and_then(|n| sources.get(n)));
    match file {
        Some(f) => {
            let range = &r.span().range;
            f.error(Span::at_offset(&f.text, range.start, range.len(), 1), CODE, message).with_hint(HINT)
        }
        None => themes_error(message),
    }
}

/// A syntax error: Tera's report, and for a tag it does not expect (an
/// end tag whose opening tag is not closed) or a template that ends too
/// early, the tag left open.
fn syntax_report(sources: &BTreeMap<String, SourceFile>, r: &ReportError) -> Diagnostic {
    let d = report(sources, r, None);
    let Some(f) = sources.get(r.filename()) else { return d };
    let at = r.span().range.start.min(f.text.len());
    let word = f.text.get(r.span().range.clone()).unwrap_or("");
    let d = match r.message() {
        "Unknown tag" if !word.is_empty() => {
            Diagnostic { message: format!("template error: unknown tag `{word}`"), ..d }
        }
        _ => d,
    };
    match open_tag(f.text.get(..at).unwrap_or("")) {
        Some((tag, line)) if word.starts_with("end") || word.is_empty() || r.message().contains("end of input") => d
            .with_hint(format!(
                "the `{{% {tag} %}}` of line {line} is not closed: add `{{% end{tag} %}}` where it ends"
            )),
        _ => d,
    }
}

/// The innermost block tag (`if`, `for`, `block`, ...) that `text` opens
/// and does not close, with its line.
fn open_tag(text: &str) -> Option<(String, usize)> {
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut rest = text;
    while let Some(p) = rest.find("{%") {
        let offset = text.len() - rest.len() + p;
        let tag = rest.get(p + 2..).unwrap_or("");
        let end = tag.find("%}").unwrap_or(tag.len());
        let inner = tag.get(..end).unwrap_or("").trim_start_matches('-');
        let word = match inner.split_whitespace().next().unwrap_or("") {
            // `{% set x %}...{% endset %}` captures its body; `{% set x = 1 %}` does not.
            "set" | "set_global" if !inner.contains('=') => "set",
            w @ ("if" | "for" | "block" | "component" | "filter" | "raw") => w,
            w if w.starts_with("end") => {
                open.pop();
                ""
            }
            _ => "",
        };
        if !word.is_empty() {
            let line = text.get(..offset).unwrap_or("").matches('\n').count() + 1;
            open.push((word.to_string(), line));
        }
        rest = tag.get(end..).unwrap_or("");
    }
    open.pop()
}

/// Tera checks the names a template uses (filters, tests, functions,
/// components, included templates, blocks) once every template is parsed,
/// and gives all the problems as one message of reports, each with its
/// `--> name:line:col` locus. One diagnostic per report; a message that is
/// not a report is one diagnostic on the theme.
fn reference_errors(sources: &BTreeMap<String, SourceFile>, text: &str) -> Vec<Diagnostic> {
    text.split("\n\n")
        .filter(|r| !r.trim().is_empty())
        .map(|r| located(sources, r).unwrap_or_else(|| themes_error(format!("template error: {}", r.trim()))))
        .collect()
}

/// One report's message, at its locus in the template it names.
fn located(sources: &BTreeMap<String, SourceFile>, report: &str) -> Option<Diagnostic> {
    let mut lines = report.lines();
    let message = lines.next()?.strip_prefix("error: ")?;
    let locus = lines.next()?.trim_start().strip_prefix("--> ")?;
    let mut parts = locus.rsplitn(3, ':');
    let col: usize = parts.next()?.parse().ok()?;
    let line: usize = parts.next()?.parse().ok()?;
    let file = sources.get(parts.next()?)?;
    // The name in backticks is what is underlined, when it is at the locus.
    let name = message.split('`').nth(1).unwrap_or("");
    let at_name = file
        .line(line)
        .and_then(|l| l.chars().skip(col.saturating_sub(1)).collect::<String>().starts_with(name).then_some(()));
    let len = if at_name.is_some() { name.chars().count() } else { 1 };
    Some(file.error(Span::new(line, col, len), CODE, format!("template error: {message}")).with_hint(HINT))
}

/// Where `name` is written in quotes in `file` (an `{% extends %}` target).
fn quoted(file: &SourceFile, name: &str) -> Span {
    ['"', '\'', '`']
        .iter()
        .find_map(|q| {
            file.text.find(&format!("{q}{name}{q}")).map(|at| Span::at_offset(&file.text, at + 1, name.len(), 1))
        })
        .unwrap_or_else(Span::file_start)
}

fn themes_error(message: String) -> Diagnostic {
    file_error(Path::new("themes"), CODE, message).with_hint(HINT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(files: &[(&str, &str)]) -> BTreeMap<String, SourceFile> {
        files
            .iter()
            .map(|(n, t)| (n.to_string(), SourceFile::new(format!("themes/t/templates/{n}"), t.to_string())))
            .collect()
    }

    fn load(files: &[(&str, &str)]) -> Vec<Diagnostic> {
        let src = sources(files);
        let mut tera = tera::Tera::new();
        let e = tera.add_raw_templates(files.iter().copied()).err().unwrap_or_else(|| panic!("loaded"));
        load_errors(&src, &e, |n, t| tera::Tera::new().add_raw_template(n, t).err())
    }

    #[test]
    fn every_syntax_error_is_reported_at_its_span() {
        let d = load(&[("a.html", "<p>\n{% if x %}x"), ("b.html", "{{ y }}"), ("c.html", "ok {{ 1 + }}")]);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].path, Path::new("themes/t/templates/a.html"));
        assert_eq!(d[1].path, Path::new("themes/t/templates/c.html"));
        assert_eq!((d[1].span.line, d[1].span.col), (1, 11), "{d:?}");
    }

    #[test]
    fn an_unclosed_tag_is_named_in_the_hint() {
        let d = load(&[("a.html", "{% block c %}\n{% if x %}<p>\n{% endblock c %}")]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "template error: unknown tag `endblock`");
        assert_eq!((d[0].span.line, d[0].span.col), (3, 4), "{d:?}");
        let hint = d[0].hint.as_deref().unwrap_or("");
        assert!(hint.contains("`{% if %}` of line 2 is not closed"), "{hint}");
    }

    #[test]
    fn unknown_names_are_reported_each_at_its_use() {
        let d = load(&[("a.html", "<p>\n  {{ x | shout }}</p>"), ("b.html", "{% if y is loud %}{% endif %}")]);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!((d[0].span.line, d[0].span.col, d[0].span.len), (2, 10, 5), "{d:?}");
        assert!(d[0].message.contains("`shout`"), "{}", d[0].message);
        assert_eq!(d[1].path, Path::new("themes/t/templates/b.html"));
    }

    #[test]
    fn a_missing_parent_points_at_the_extends_target() {
        let d = load(&[("a.html", "{% extends \"nope.html\" %}")]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].span.line, d[0].span.col, d[0].span.len), (1, 13, 9), "{d:?}");
    }

    #[test]
    fn a_render_error_is_at_the_span_in_the_template_that_has_it() {
        let files = [
            ("base.html", "<main>{% block c %}{% endblock c %}</main>"),
            ("p.html", "{% extends \"base.html\" %}\n{% block c %}{{ doc.nope }}{% endblock c %}"),
        ];
        let src = sources(&files);
        let mut tera = tera::Tera::new();
        tera.add_raw_templates(files).unwrap_or_else(|e| panic!("{e}"));
        let mut ctx = tera::Context::new();
        ctx.insert("doc", &BTreeMap::from([("title", "x")]));
        let e = tera.render("p.html", &ctx).err().unwrap_or_else(|| panic!("rendered"));
        let d = render_error(&src, "p.html", &e);
        assert_eq!(d.path, Path::new("themes/t/templates/p.html"));
        assert_eq!((d.span.line, d.span.col, d.span.len), (2, 21, 4), "{d:?}");
        assert!(d.message.contains("`nope`"), "{}", d.message);
    }
}
