//! YAML: text -> a [`Node`] tree where every value knows its line and column.
//!
//! All YAML in raport goes through this module (site.yaml, front matter,
//! trackers, radar data, theme strings). The parser is `saphyr-parser`; on
//! top of its events we build our own tree so that every later check (an
//! unknown key, a country code, a score out of range, a duplicate key, a
//! missing field) can point at the exact place, and so that one file can
//! report many problems at once instead of stopping at the first.
//!
//! Decoding helpers ([`Node::str`], [`Node::list`], ...) push diagnostics
//! and return `None` on bad input; callers carry on with what they have.
//! Files declare their shape with [`decode_map!`](crate::decode_map) ([`decode`]).

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::diag::{Diagnostic, Diagnostics, SourceFile, Span};

pub(crate) mod decode;
pub(crate) mod schema;
pub(crate) use decode::{Decode, Entries, Spanned};

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

/// How many values (scalars, lists, mappings) aliases may copy into one
/// document in all. A file of a few hundred bytes of nested aliases
/// ("billion laughs") would otherwise expand to gigabytes.
pub const MAX_ALIAS_VALUES: usize = 100_000;

/// How many bytes of text aliases may copy into one document in all.
pub(crate) const MAX_ALIAS_BYTES: usize = 4 << 20;

/// How deeply lists and mappings may nest.
pub(crate) const MAX_DEPTH: usize = 200;

/// Parses a YAML document. `first_line` is the file line on which `text`
/// starts (front matter starts after the opening `---`). Returns `None` and
/// pushes diagnostics on a syntax error. An empty document is an empty map.
///
/// Work and memory stay proportional to the text: aliases may copy at most
/// [`MAX_ALIAS_VALUES`] values and [`MAX_ALIAS_BYTES`] bytes of text, and
/// nesting stops at [`MAX_DEPTH`]; past a limit the document is an error at
/// the alias or the opening bracket.
pub fn parse(file: &SourceFile, text: &str, first_line: usize, diags: &mut Diagnostics) -> Option<Node> {
    let mut b = Builder {
        file,
        stack: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        errors: Vec::new(),
        copied: Size::default(),
        stop: false,
    };
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
                if b.stop {
                    break;
                }
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

/// How much a value holds: values (itself included) and bytes of text.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    values: usize,
    bytes: usize,
}

impl Size {
    fn add(&mut self, other: Size) {
        self.values = self.values.saturating_add(other.values);
        self.bytes = self.bytes.saturating_add(other.bytes);
    }
}

enum Frame {
    Seq {
        span: Span,
        anchor: usize,
        items: Vec<Node>,
        size: Size,
    },
    Map {
        span: Span,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        pending: Option<Node>,
        keys: HashMap<String, usize>,
        size: Size,
    },
}

struct Builder<'a> {
    file: &'a SourceFile,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, Size)>,
    root: Option<Node>,
    errors: Vec<Diagnostic>,
    /// What aliases have copied so far.
    copied: Size,
    /// Set when a limit is reached: the rest of the document is not read.
    stop: bool,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, span: Span) {
        let one = Size { values: 1, bytes: 0 };
        match event {
            Event::Scalar(text, style, anchor, _tag) => {
                let plain = matches!(style, ScalarStyle::Plain);
                let len = if plain { text.chars().count() } else { span.len };
                let size = Size { values: 1, bytes: text.len() };
                let node = Node {
                    span: Span::new(span.line, span.col, len),
                    kind: Kind::Scalar { text: text.into_owned(), plain },
                };
                self.finish(node, size, anchor);
            }
            Event::SequenceStart(..) | Event::MappingStart(..) if self.stack.len() >= MAX_DEPTH => {
                self.errors.push(
                    self.file
                        .error(span, "yaml-too-deep", format!("lists and mappings nest more than {MAX_DEPTH} levels deep here"))
                        .with_hint("raport's files nest a few levels at most; look for brackets `[` or `{` that are never closed"),
                );
                self.stop = true;
            }
            Event::SequenceStart(anchor, _) => {
                self.stack.push(Frame::Seq { span, anchor, items: Vec::new(), size: one });
            }
            Event::MappingStart(anchor, _) => self.stack.push(Frame::Map {
                span,
                anchor,
                entries: Vec::new(),
                pending: None,
                keys: HashMap::new(),
                size: one,
            }),
            Event::SequenceEnd => {
                if let Some(Frame::Seq { span, anchor, items, size }) = self.stack.pop() {
                    let node = Node { span: Span::new(span.line, span.col, 1), kind: Kind::Seq(items) };
                    self.finish(node, size, anchor);
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map { span, anchor, entries, size, .. }) = self.stack.pop() {
                    let node = Node { span: Span::new(span.line, span.col, 1), kind: Kind::Map(entries) };
                    self.finish(node, size, anchor);
                }
            }
            Event::Alias(id) => match self.anchors.get(&id) {
                Some((n, size)) => {
                    let mut total = self.copied;
                    total.add(*size);
                    // Checked before copying: the copy itself is the cost.
                    match total.values <= MAX_ALIAS_VALUES && total.bytes <= MAX_ALIAS_BYTES {
                        true => {
                            let (mut n, size) = (n.clone(), *size);
                            self.copied = total;
                            n.span = Span::new(span.line, span.col, n.span.len);
                            self.finish(n, size, 0);
                        }
                        false => {
                            self.errors.push(
                                self.file
                                    .error(
                                        span,
                                        "yaml-alias-limit",
                                        format!(
                                            "YAML aliases here would copy more than {} values or {} MiB of text",
                                            format_count(MAX_ALIAS_VALUES),
                                            MAX_ALIAS_BYTES >> 20
                                        ),
                                    )
                                    .with_hint("write the values out instead of repeating them with `*alias`; aliases that repeat aliases grow exponentially"),
                            );
                            self.stop = true;
                        }
                    }
                }
                None => self.errors.push(self.file.error(span, "yaml-syntax", "unknown YAML alias")),
            },
            Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::DocumentEnd | Event::Nothing => {}
        }
    }

    fn finish(&mut self, node: Node, size: Size, anchor: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), size));
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
            Some(Frame::Seq { items, size: total, .. }) => {
                total.add(size);
                items.push(node);
            }
            Some(Frame::Map { entries, pending, keys, size: total, .. }) => {
                total.add(size);
                match pending.take() {
                    None => *pending = Some(node),
                    Some(key) => {
                        if let Some(k) = key.as_scalar() {
                            match keys.get(k) {
                                Some(line) => self.errors.push(
                                    self.file
                                        .error(key.span, "duplicate-key", format!("duplicate key `{k}`"))
                                        .with_hint(format!("`{k}` is already set on line {line}; keep one of them")),
                                ),
                                None => {
                                    keys.insert(k.to_string(), key.span.line);
                                }
                            }
                        }
                        entries.push((key, node));
                    }
                }
            }
        }
    }
}

/// `n` with thousands separated by commas.
fn format_count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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
    pub(crate) fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { text, plain: true } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// True for a mapping that gives `key` a value other than null.
    pub fn has(&self, key: &str) -> bool {
        matches!(&self.kind, Kind::Map(entries) if entries.iter().any(|(k, v)| k.as_scalar() == Some(key) && !v.is_null()))
    }

    /// A short name of the node's type, for messages.
    pub(crate) fn type_name(&self) -> &'static str {
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
    pub(crate) fn integer(&self, file: &SourceFile, what: &str, diags: &mut Diagnostics) -> Option<u64> {
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

    #[test]
    fn alias_bombs_stop_at_the_alias_that_passes_the_limit() {
        let mut src = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (p, n) in ["a", "b", "c", "d", "e", "f", "g"].iter().zip(["b", "c", "d", "e", "f", "g", "h"]) {
            src.push_str(&format!("{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"));
        }
        let (n, d) = parse_ok(&src);
        assert!(n.is_none());
        let s = d.render_human();
        // b..d copy 110 + 1,110 + 11,110 values; e's sixth `*d` passes 100,000.
        assert!(s.contains("x.yaml:5:"), "{s}");
        assert!(s.contains("error: YAML aliases here would copy more than 100,000 values"), "{s}");
        assert_eq!(d.error_count(), 1, "{s}");
    }

    #[test]
    fn aliases_of_long_text_stop_at_the_byte_limit() {
        let long = "y".repeat(1 << 20);
        let src = format!("a: &a \"{long}\"\nb: [*a, *a, *a, *a, *a]\n");
        let (n, d) = parse_ok(&src);
        assert!(n.is_none());
        assert!(d.render_human().contains("x.yaml:2:21: error: YAML aliases here would copy"), "{}", d.render_human());
    }

    #[test]
    fn a_few_aliases_are_fine() {
        let (n, d) = parse_ok("base: &b {x: 1}\none: *b\ntwo: *b\n");
        assert!(n.is_some(), "{}", d.render_human());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        // Block lists (`- - - x`): flow brackets stop at the parser's own limit.
        let src = format!("a:\n  {}x\n", "- ".repeat(100_000));
        let (n, d) = parse_ok(&src);
        assert!(n.is_none());
        assert!(d.render_human().contains("nest more than 200 levels"), "{}", d.render_human());
    }

    #[test]
    fn many_keys_are_checked_for_duplicates_in_linear_time() {
        let mut src = String::new();
        for i in 0..40_000 {
            src.push_str(&format!("k{i}: {i}\n"));
        }
        src.push_str("k7: again\n");
        let (n, d) = parse_ok(&src);
        assert!(n.is_none());
        assert!(d.render_human().contains("x.yaml:40001:1: error: duplicate key `k7`"), "{}", d.render_human());
    }
}
