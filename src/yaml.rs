//! YAML: text -> a [`Node`] tree where every value knows its line and column.
//!
//! All YAML in raport goes through this module (site.yaml, front matter,
//! trackers, radar data, theme strings). The parser is `saphyr-parser`; on
//! top of its events we build our own tree so that every later check (an
//! unknown key, a country code, a score out of range, a duplicate key, a
//! missing field) can point at the exact place, and so that one file can
//! report many problems at once instead of stopping at the first.
//!
//! Decoding helpers ([`Fields`], [`Node::str`], ...) push diagnostics and
//! return `None` on bad input; callers carry on with what they have.

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::diag::{Diagnostic, Diagnostics, SourceFile, Span, did_you_mean};

/// A YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value starts (and, for scalars, how long it is).
    pub span: Span,
    /// The value.
    pub kind: Kind,
}

/// The shape of a YAML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A scalar as written.
    Scalar {
        /// The text, unescaped.
        text: String,
        /// False when it was quoted or a block.
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order.
    Map(Vec<(Node, Node)>),
}

/// Parses a YAML document. `first_line` is the file line on which `text`
/// starts (front matter starts after the opening `---`). Returns `None` and
/// pushes diagnostics on a syntax error. An empty document is an empty map.
pub fn parse(file: &SourceFile, text: &str, first_line: usize, diags: &mut Diagnostics) -> Option<Node> {
    let mut b = Builder { file, first_line, stack: Vec::new(), anchors: Vec::new(), root: None, errors: Vec::new() };
    let mut parser = Parser::new_from_str(text);
    while let Some(ev) = parser.next_event() {
        match ev {
            Ok((event, span)) => {
                let line = span.start.line() + first_line - 1;
                let col = span.start.col() + 1;
                let len = if span.end.line() == span.start.line() {
                    span.end.col().saturating_sub(span.start.col())
                } else {
                    1
                };
                b.event(event, Span::new(line, col, len));
            }
            Err(e) => {
                // A tab in the indentation is the usual cause, and the parser
                // reports it at another line or as a generic error.
                let tabs = tab_indents(file, text, first_line);
                if !tabs.is_empty() {
                    for d in tabs {
                        diags.push(d);
                    }
                    return None;
                }
                let m = e.marker();
                let span = match m.index() >= text.chars().count() {
                    // Something left open (`[`, `{`, a quote) until the end:
                    // point after the last line written, not at the closing `---`.
                    true => end_of_last_line(text, first_line),
                    false => Span::new(m.line() + first_line - 1, m.col() + 1, 1),
                };
                diags.push(
                    file.error(span, "yaml-syntax", format!("YAML syntax error: {}", e.info()))
                        .with_hint(syntax_hint(e.info())),
                );
                return None;
            }
        }
    }
    let had_errors = !b.errors.is_empty();
    for e in b.errors {
        diags.push(e);
    }
    if had_errors {
        return None;
    }
    Some(b.root.unwrap_or(Node { span: Span::new(first_line, 1, 1), kind: Kind::Map(Vec::new()) }))
}

/// An error at each line of `text` indented with a tab (YAML indents with
/// spaces only), at the tab.
fn tab_indents(file: &SourceFile, text: &str, first_line: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let Some(at) = line.get(..indent).and_then(|lead| lead.find('\t')) else { continue };
        if line.trim().is_empty() {
            continue;
        }
        let n = first_line + i;
        out.push(
            file.error(Span::new(n, at + 1, 1), "tab-indent", format!("line {n} starts with a tab; indent with spaces"))
                .with_hint("YAML indents with spaces only: replace the tab (shown as →) with spaces, as many as the lines above use"),
        );
    }
    out
}

/// What usually causes a YAML syntax error with this message.
fn syntax_hint(info: &str) -> &'static str {
    if info.contains("flow sequence") {
        "a list opened with `[` is not closed with `]` (or an item lacks its comma)"
    } else if info.contains("flow mapping") {
        "a `{` is not closed with `}` (or an entry lacks its comma)"
    } else if info.contains("quoted scalar") {
        "a quote is not closed: end the text with the same quote it starts with"
    } else {
        "check this line's indentation against the lines above, and that no `[`, `{` or quote above is left open; quote values that contain `: ` or start with one of [ { * & ! % @"
    }
}

/// The position just after the last non-blank line of `text`.
fn end_of_last_line(text: &str, first_line: usize) -> Span {
    let lines: Vec<&str> = text.lines().collect();
    let last = lines.iter().rposition(|l| !l.trim().is_empty()).unwrap_or(0);
    let col = lines.get(last).map_or(0, |l| l.trim_end().chars().count());
    Span::new(first_line + last, col + 1, 1)
}

enum Frame {
    Seq(Span, usize, Vec<Node>),
    Map(Span, usize, Vec<(Node, Node)>, Option<Node>),
}

struct Builder<'a> {
    file: &'a SourceFile,
    first_line: usize,
    stack: Vec<Frame>,
    anchors: Vec<(usize, Node)>,
    root: Option<Node>,
    errors: Vec<Diagnostic>,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, span: Span) {
        match event {
            Event::Scalar(text, style, anchor, _tag) => {
                let plain = matches!(style, ScalarStyle::Plain);
                let len = if plain { text.chars().count() } else { span.len };
                let node = Node {
                    span: Span::new(span.line, span.col, len),
                    kind: Kind::Scalar { text: text.into_owned(), plain },
                };
                self.finish(node, anchor);
            }
            Event::SequenceStart(anchor, _) => self.stack.push(Frame::Seq(span, anchor, Vec::new())),
            Event::MappingStart(anchor, _) => self.stack.push(Frame::Map(span, anchor, Vec::new(), None)),
            Event::SequenceEnd => {
                if let Some(Frame::Seq(span, anchor, items)) = self.stack.pop() {
                    let node = Node { span: Span::new(span.line, span.col, 1), kind: Kind::Seq(items) };
                    self.finish(node, anchor);
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map(span, anchor, entries, _)) = self.stack.pop() {
                    let node = Node { span: Span::new(span.line, span.col, 1), kind: Kind::Map(entries) };
                    self.finish(node, anchor);
                }
            }
            Event::Alias(id) => {
                let found = self.anchors.iter().rev().find(|(a, _)| *a == id).map(|(_, n)| n.clone());
                match found {
                    Some(mut n) => {
                        n.span = Span::new(span.line, span.col, n.span.len);
                        self.finish(n, 0);
                    }
                    None => self.errors.push(self.file.error(span, "yaml-syntax", "unknown YAML alias")),
                }
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::DocumentEnd | Event::Nothing => {}
        }
    }

    fn finish(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            self.anchors.push((anchor, node.clone()));
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                } else {
                    self.errors.push(self.file.error(
                        node.span,
                        "yaml-syntax",
                        "more than one YAML document in this file",
                    ));
                }
            }
            Some(Frame::Seq(_, _, items)) => items.push(node),
            Some(Frame::Map(_, _, entries, pending)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => {
                    if let Some(k) = key.as_scalar()
                        && let Some((prev, _)) = entries.iter().find(|(pk, _)| pk.as_scalar() == Some(k))
                    {
                        self.errors.push(
                            self.file.error(key.span, "duplicate-key", format!("duplicate key `{k}`")).with_hint(
                                format!("`{k}` is already set on line {}; keep one of them", prev.span.line),
                            ),
                        );
                    }
                    entries.push((key, node));
                }
            },
        }
        let _ = self.first_line;
    }
}

impl Node {
    /// The text of a scalar, whatever its type.
    pub fn as_scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// True for `~`, `null` or an empty plain scalar.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { text, plain: true } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// A short name of the node's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            Kind::Scalar { .. } if self.is_null() => "nothing",
            Kind::Scalar { .. } => "a single value",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping",
        }
    }

    /// A string value; a list or mapping here is an error.
    pub fn str(&self, file: &SourceFile, what: &str, diags: &mut Diagnostics) -> Option<String> {
        match &self.kind {
            Kind::Scalar { text, .. } if !self.is_null() => Some(text.clone()),
            _ => {
                let hint = match &self.kind {
                    Kind::Seq(_) => format!("write one text, in quotes: `{what}: \"...\"`"),
                    Kind::Map(_) => format!(
                        "`{what}` takes one text, not one per language or a `key: value` list: `{what}: \"...\"`"
                    ),
                    Kind::Scalar { .. } => {
                        format!("write the text after the colon: `{what}: \"...\"`, or remove the line")
                    }
                };
                diags.push(
                    file.error(self.span, "wrong-type", format!("`{what}` must be text, found {}", self.type_name()))
                        .with_hint(hint),
                );
                None
            }
        }
    }

    /// A boolean (`true` or `false`).
    pub fn bool(&self, file: &SourceFile, what: &str, diags: &mut Diagnostics) -> Option<bool> {
        match &self.kind {
            Kind::Scalar { text, plain: true } if text == "true" => Some(true),
            Kind::Scalar { text, plain: true } if text == "false" => Some(false),
            _ => {
                diags.push(
                    file.error(self.span, "wrong-type", format!("`{what}` must be `true` or `false`"))
                        .with_hint("write true or false, without quotes"),
                );
                None
            }
        }
    }

    /// A number (integer or decimal, with a decimal point).
    pub fn number(&self, file: &SourceFile, what: &str, diags: &mut Diagnostics) -> Option<f64> {
        if let Kind::Scalar { text, plain: true } = &self.kind
            && let Ok(v) = text.parse::<f64>()
            && v.is_finite()
        {
            return Some(v);
        }
        let mut d =
            file.error(self.span, "wrong-type", format!("`{what}` must be a number, found {}", self.describe()));
        if let Some(t) = self.as_scalar()
            && t.contains(',')
            && t.replace(',', ".").parse::<f64>().is_ok()
        {
            d = d.with_hint(format!("write decimals with a point: {}", t.replace(',', ".")));
        }
        diags.push(d);
        None
    }

    /// An unsigned whole number.
    pub fn integer(&self, file: &SourceFile, what: &str, diags: &mut Diagnostics) -> Option<u64> {
        if let Kind::Scalar { text, plain: true } = &self.kind
            && let Ok(v) = text.parse::<u64>()
        {
            return Some(v);
        }
        diags.push(
            file.error(self.span, "wrong-type", format!("`{what}` must be a whole number, found {}", self.describe()))
                .with_hint("write digits only, without quotes, e.g. 2023"),
        );
        None
    }

    /// The items of a list; a single scalar is accepted as a one-item list.
    pub fn list(&self, file: &SourceFile, what: &str, diags: &mut Diagnostics) -> Option<Vec<&Node>> {
        match &self.kind {
            Kind::Seq(items) => Some(items.iter().collect()),
            Kind::Scalar { .. } if self.is_null() => Some(Vec::new()),
            Kind::Scalar { .. } => Some(vec![self]),
            Kind::Map(_) => {
                diags.push(
                    file.error(self.span, "wrong-type", format!("`{what}` must be a list, found a mapping"))
                        .with_hint(format!("write `{what}: [a, b]` or one `- item` per line")),
                );
                None
            }
        }
    }

    /// A list of strings.
    pub fn str_list(&self, file: &SourceFile, what: &str, diags: &mut Diagnostics) -> Option<Vec<(String, Span)>> {
        let items = self.list(file, what, diags)?;
        Some(items.into_iter().filter_map(|n| n.str(file, what, diags).map(|s| (s, n.span))).collect())
    }

    /// The entries of a mapping, keys as strings.
    pub fn entries(
        &self,
        file: &SourceFile,
        what: &str,
        diags: &mut Diagnostics,
    ) -> Option<Vec<(String, &Node, &Node)>> {
        match &self.kind {
            Kind::Map(entries) => {
                Some(entries.iter().filter_map(|(k, v)| k.str(file, "key", diags).map(|s| (s, k, v))).collect())
            }
            Kind::Scalar { .. } if self.is_null() => Some(Vec::new()),
            _ => {
                diags.push(
                    file.error(
                        self.span,
                        "wrong-type",
                        format!("`{what}` must be a mapping (`key: value` lines), found {}", self.type_name()),
                    )
                    .with_hint(format!("write one `key: value` per line, indented under `{what}:`, or `{{key: value, ...}}` on one line")),
                );
                None
            }
        }
    }

    fn describe(&self) -> String {
        match self.as_scalar() {
            Some(t) if !self.is_null() => format!("`{t}`"),
            _ => self.type_name().to_string(),
        }
    }
}

/// The keys of a mapping being decoded: unknown keys are reported when it is
/// created, then fields are taken by name.
pub struct Fields<'n> {
    span: Span,
    entries: Vec<(String, &'n Node, &'n Node)>,
}

impl<'n> Fields<'n> {
    /// Reads `node` as a mapping with the given known keys. Unknown keys are
    /// errors with a "did you mean" hint. Returns `None` if `node` is not a mapping.
    pub fn new(
        node: &'n Node,
        known: &[&str],
        what: &str,
        file: &SourceFile,
        diags: &mut Diagnostics,
    ) -> Option<Fields<'n>> {
        let entries = node.entries(file, what, diags)?;
        for (k, kn, _) in &entries {
            if !known.contains(&k.as_str()) {
                let mut d = file.error(kn.span, "unknown-key", format!("unknown key `{k}` in {what}"));
                d = match did_you_mean(k, known.iter().copied()) {
                    Some(m) => d.with_hint(format!("did you mean `{m}`?")),
                    None if known.is_empty() => d.with_hint(format!("{what} takes no keys; remove the line")),
                    None => d.with_hint(format!("known keys: {}", known.join(", "))),
                };
                diags.push(d);
            }
        }
        Some(Fields { span: node.span, entries })
    }

    /// The value of `key`, if present and not null.
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries.iter().find(|(k, _, _)| k == key).map(|(_, _, v)| *v).filter(|v| !v.is_null())
    }

    /// The value of `key`; when absent, an error at the mapping.
    pub fn required(&self, key: &str, what: &str, file: &SourceFile, diags: &mut Diagnostics) -> Option<&'n Node> {
        let v = self.get(key);
        if v.is_none() {
            diags.push(
                file.error(self.span, "missing-key", format!("{what} has no `{key}`"))
                    .with_hint(format!("add a line `{key}: ...`")),
            );
        }
        v
    }

    /// Where the mapping starts.
    pub fn span(&self) -> Span {
        self.span
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(src: &str) -> (Option<Node>, Diagnostics) {
        let f = SourceFile::new("x.yaml", src);
        let mut d = Diagnostics::new();
        let n = parse(&f, src, 1, &mut d);
        (n, d)
    }

    #[test]
    fn scalars_know_their_position() {
        let (n, _) = parse_ok("a: 1\nb:\n  - x\n  - \"yy\"\n");
        let n = n.unwrap_or_else(|| panic!("no node"));
        let Kind::Map(e) = &n.kind else { panic!("not a map") };
        assert_eq!(e[1].0.span, Span::new(2, 1, 1));
        let Kind::Seq(items) = &e[1].1.kind else { panic!("not a seq") };
        assert_eq!(items[0].span, Span::new(3, 5, 1));
        assert_eq!(items[1].span.line, 4);
    }

    #[test]
    fn duplicate_keys_are_reported_at_the_second() {
        let (n, d) = parse_ok("title: a\ndate: 2023-01-01\ntitle: b\n");
        assert!(n.is_none());
        let s = d.render_human();
        assert!(s.contains("x.yaml:3:1: error: duplicate key `title`"), "{s}");
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let (n, d) = parse_ok("a: [1, 2\nb: 3\n");
        assert!(n.is_none());
        assert!(d.has_errors());
    }

    #[test]
    fn an_unclosed_list_points_after_the_last_line() {
        let f = SourceFile::new("x.md", "");
        let mut d = Diagnostics::new();
        assert!(parse(&f, "title: a\ntopics: [a, b\n\n", 2, &mut d).is_none());
        let e = d.sorted().first().map(|e| e.span);
        assert_eq!(e, Some(Span::new(3, 14, 1)));
    }

    #[test]
    fn a_tab_in_the_indentation_is_reported_at_its_line() {
        let src = "title: a\ntopics:\n  - x\n\t- y\n";
        let f = SourceFile::new("x.md", format!("---\n{src}---\n"));
        let mut d = Diagnostics::new();
        assert!(parse(&f, src, 2, &mut d).is_none());
        let out = d.render_human();
        assert!(
            out.starts_with("x.md:5:1: error: line 5 starts with a tab; indent with spaces\n5 | →- y\n  | ^\n"),
            "{out}"
        );
        assert_eq!(d.error_count(), 1, "{out}");
    }

    #[test]
    fn first_line_offsets_positions() {
        let f = SourceFile::new("x.md", "");
        let mut d = Diagnostics::new();
        let n = parse(&f, "a: 1\nbad: x\n", 2, &mut d).unwrap_or_else(|| panic!("no node"));
        let Kind::Map(e) = &n.kind else { panic!("not a map") };
        assert_eq!(e[1].0.span.line, 3);
    }
}
