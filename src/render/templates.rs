//! All Tera setup: the theme's templates, parsed once per build.
//!
//! Template errors become diagnostics naming the template file and, where
//! Tera reports one, the line and column.

use std::collections::BTreeMap;

use tera::{Context, Tera};

use super::theme::Theme;
use crate::Error;
use crate::diag::{Diagnostic, Diagnostics, SourceFile, Span};

/// The parsed templates of a theme.
pub struct Templates {
    tera: Tera,
    sources: BTreeMap<String, SourceFile>,
}

impl Templates {
    /// Parses every template of the theme; syntax errors are diagnostics.
    pub fn load(theme: &Theme, diags: &mut Diagnostics) -> Result<Option<Templates>, Error> {
        let mut sources = BTreeMap::new();
        for (name, file) in theme.templates() {
            if let Some(src) = file.text(diags)? {
                sources.insert(name.to_string(), src);
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera escapes `/` too by default, which makes every URL unreadable.
        tera.set_escape_fn(escape);
        let raw: Vec<(&str, &str)> = sources.iter().map(|(n, f)| (n.as_str(), &*f.text)).collect();
        if let Err(e) = tera.add_raw_templates(raw) {
            diags.push(template_error(&sources, None, &e));
            return Ok(None);
        }
        Ok(Some(Templates { tera, sources }))
    }

    /// Renders `name` with `ctx`; a failure is a diagnostic on the template.
    pub fn render(&self, name: &str, ctx: &Context) -> Result<String, Box<Diagnostic>> {
        self.tera.render(name, ctx).map_err(|e| Box::new(template_error(&self.sources, Some(name), &e)))
    }

    /// True if the theme has this template.
    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    crate::markdown::escape_html(&mut out, s);
    out
}

/// Turns a Tera error chain into one diagnostic on the template it names.
fn template_error(sources: &BTreeMap<String, SourceFile>, rendering: Option<&str>, e: &tera::Error) -> Diagnostic {
    let mut chain = vec![e.to_string()];
    let mut src: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = src {
        chain.push(s.to_string());
        src = s.source();
    }
    let text = chain.join(": ");
    // Tera names the template in quotes: "Failed to parse 'base.html'".
    let named = chain
        .iter()
        .find_map(|m| m.split('\'').nth(1).filter(|n| sources.contains_key(*n)).map(str::to_string))
        .or_else(|| rendering.map(str::to_string))
        .unwrap_or_default();
    let span = text
        .split("--> ")
        .nth(1)
        .and_then(|rest| {
            let mut it = rest.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
            Some(Span::new(it.next()?.parse().ok()?, it.next()?.parse().ok()?, 1))
        })
        .unwrap_or_else(Span::file_start);
    // Render errors carry no position: find the name they quote in the template.
    let (named, span) = match span == Span::file_start() && !text.contains("--> ") {
        true => locate(sources, &named, &chain).unwrap_or((named, span)),
        false => (named, span),
    };
    let message = chain
        .iter()
        .rev()
        .find(|m| !m.trim().is_empty())
        .map(|m| m.lines().rfind(|l| !l.trim().is_empty()).unwrap_or(m).trim().trim_start_matches("= ").to_string())
        .unwrap_or_default();
    let message =
        format!("template error: {}", if chain.len() > 1 { format!("{} ({})", chain[0], message) } else { message });
    match sources.get(&named) {
        Some(f) => f
            .error(span, "template-error", message)
            .with_hint("the message is Tera's (keats.github.io/tera); fix this line, or delete the file to use the default theme's template"),
        None => crate::diag::file_error(std::path::Path::new("themes"), "template-error", message),
    }
}

/// The template and line where a name quoted in a render error (`doc.nope`,
/// 'nofilter') is used: the template being rendered first, then the others.
fn locate(sources: &BTreeMap<String, SourceFile>, named: &str, chain: &[String]) -> Option<(String, Span)> {
    let quoted = chain.iter().flat_map(|m| {
        let ticks = m.split('`').skip(1).step_by(2);
        let quotes = m.split('\'').skip(1).step_by(2);
        ticks.chain(quotes).map(str::to_string).collect::<Vec<_>>()
    });
    let tokens: Vec<String> = quoted.filter(|t| !t.is_empty() && !sources.contains_key(t)).collect();
    let order = sources.get_key_value(named).into_iter().chain(sources.iter().filter(|(n, _)| *n != named));
    for (name, file) in order {
        for token in &tokens {
            if let Some(at) = file.text.find(token.as_str()) {
                return Some((name.clone(), Span::at_offset(&file.text, at, token.len(), 1)));
            }
        }
    }
    None
}
