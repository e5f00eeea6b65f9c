//! HTML read as a browser's tokenizer reads it (html5gum, WHATWG): start
//! and end tags with their attributes (names lower-cased, character
//! references decoded, quoted or not) and text, with comments, doctypes
//! and the insides of `script` and `style` handled as the standard says.

use std::collections::BTreeMap;

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// One start tag: its name and attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    /// Lower-cased tag name.
    pub name: String,
    /// Attributes by lower-cased name.
    pub attrs: BTreeMap<String, String>,
}

impl Tag {
    /// The value of attribute `name`.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }
}

/// A piece of a document, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// A start tag.
    Start(Tag),
    /// An end tag, by name.
    End(String),
    /// The text between two tags, trimmed (never empty).
    Text(String),
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Every tag and text of `html`, in order.
pub(crate) fn nodes(html: &str) -> Vec<Node> {
    let mut emitter = DefaultEmitter::default();
    // Switch to raw text inside script, style, textarea and title.
    emitter.naively_switch_states(true);
    let mut out = Vec::new();
    let mut pending = String::new();
    let flush = |pending: &mut String, out: &mut Vec<Node>| {
        let t = pending.trim();
        if !t.is_empty() {
            out.push(Node::Text(t.to_string()));
        }
        pending.clear();
    };
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::String(s) => pending.push_str(&text(&s.value)),
            Token::StartTag(t) => {
                flush(&mut pending, &mut out);
                let attrs = t.attributes.iter().map(|(k, v)| (text(k), text(&v.value))).collect();
                out.push(Node::Start(Tag { name: text(&t.name), attrs }));
            }
            Token::EndTag(t) => {
                flush(&mut pending, &mut out);
                out.push(Node::End(text(&t.name)));
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    flush(&mut pending, &mut out);
    out
}

/// Every start tag of `html`, in order.
pub(crate) fn tags(html: &str) -> Vec<Tag> {
    nodes(html)
        .into_iter()
        .filter_map(|n| match n {
            Node::Start(t) => Some(t),
            _ => None,
        })
        .collect()
}
