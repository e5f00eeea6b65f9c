//! Declared decoding: a file's shape written once as a struct, read from a
//! [`Node`] with every problem a diagnostic.
//!
//! [`decode_map!`](crate::decode_map) declares a struct whose fields are the
//! keys of a YAML mapping. Decoding it reports unknown keys (with a "did you
//! mean" hint) and missing required keys at the mapping, then decodes every
//! field on its own through [`Field`] and [`Decode`]: a bad value is an error
//! at the value and leaves that field empty, so the other fields are still
//! read and checked and one file reports all of its problems at once.
//! What a value means (a language code, a URL, a date) is checked by the
//! caller, which has the positions it needs in [`Spanned`] values.

use super::Node;
use crate::diag::{Diagnostics, SourceFile, Span, did_you_mean};

/// A value and where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it starts in the file (for a scalar: its whole length).
    pub span: Span,
}

/// The entries of a mapping whose keys are data (ids, country codes), in
/// source order, each key with its position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entries<T>(pub Vec<(Spanned<String>, T)>);

/// A value decoded from one YAML node.
pub(crate) trait Decode<'n>: Sized {
    /// Reads `node`, the value of `what` (the key, for messages). On bad
    /// input: pushes diagnostics and returns `None`.
    fn decode(node: &'n Node, what: &str, file: &SourceFile, diags: &mut Diagnostics) -> Option<Self>;
}

/// A field of a declared mapping: what a key absent (or null) gives, and
/// what a value that does not decode leaves.
pub(crate) trait Field<'n>: Sized {
    /// Reads the value of `key`, if the mapping has one.
    fn field(value: Option<&'n Node>, key: &str, file: &SourceFile, diags: &mut Diagnostics) -> Self;
}

/// An optional key: `None` when absent or when its value has errors.
impl<'n, T: Decode<'n>> Field<'n> for Option<T> {
    fn field(value: Option<&'n Node>, key: &str, file: &SourceFile, diags: &mut Diagnostics) -> Self {
        value.and_then(|n| T::decode(n, key, file, diags))
    }
}

/// A list key: empty when absent; items with errors are left out.
impl<'n, T: Decode<'n>> Field<'n> for Vec<T> {
    fn field(value: Option<&'n Node>, key: &str, file: &SourceFile, diags: &mut Diagnostics) -> Self {
        value.and_then(|n| Vec::decode(n, key, file, diags)).unwrap_or_default()
    }
}

/// The node itself, for values whose check needs more than the file (the
/// site's languages, the list of countries).
impl<'n> Decode<'n> for &'n Node {
    fn decode(node: &'n Node, _: &str, _: &SourceFile, _: &mut Diagnostics) -> Option<Self> {
        Some(node)
    }
}

/// Scalars, each read by the [`Node`] method of the same meaning: text
/// (any scalar but null), `true` or `false`, a whole number, a number.
macro_rules! decode_scalar {
    ($($ty:ty => $method:ident),*) => {$(
        impl<'n> Decode<'n> for $ty {
            fn decode(node: &'n Node, what: &str, file: &SourceFile, diags: &mut Diagnostics) -> Option<Self> {
                node.$method(file, what, diags)
            }
        }
    )*};
}
decode_scalar!(String => str, bool => bool, u64 => integer, f64 => number);

impl<'n, T: Decode<'n>> Decode<'n> for Spanned<T> {
    fn decode(node: &'n Node, what: &str, file: &SourceFile, diags: &mut Diagnostics) -> Option<Self> {
        T::decode(node, what, file, diags).map(|value| Spanned { value, span: node.span })
    }
}

/// A list (a single value is a list of one, null an empty list); items with
/// errors are reported and left out.
impl<'n, T: Decode<'n>> Decode<'n> for Vec<T> {
    fn decode(node: &'n Node, what: &str, file: &SourceFile, diags: &mut Diagnostics) -> Option<Self> {
        let items = node.list(file, what, diags)?;
        Some(items.into_iter().filter_map(|n| T::decode(n, what, file, diags)).collect())
    }
}

/// A mapping with keys of the file's choosing; each value is decoded as the
/// value of its key.
impl<'n, T: Decode<'n>> Decode<'n> for Entries<T> {
    fn decode(node: &'n Node, what: &str, file: &SourceFile, diags: &mut Diagnostics) -> Option<Self> {
        let entries = node.entries(file, what, diags)?;
        let decoded = entries.into_iter().filter_map(|(k, kn, v)| {
            let value = T::decode(v, &k, file, diags)?;
            Some((Spanned { value: k, span: kn.span }, value))
        });
        Some(Entries(decoded.collect()))
    }
}

/// The mapping behind a declared struct: unknown keys are reported when it
/// is read, then fields are taken by key. Used by [`decode_map!`](crate::decode_map).
pub(crate) struct MapReader<'n> {
    span: Span,
    entries: Vec<(String, &'n Node, &'n Node)>,
    missing: &'n str,
}

impl<'n> MapReader<'n> {
    /// Reads `node` as a mapping of the `known` keys (`r#type` names `type`):
    /// an unknown key is an error with a "did you mean" hint. `what` names
    /// the mapping in messages about its keys, `missing` in messages about
    /// a missing one. `None` if `node` is not a mapping.
    pub(crate) fn new(
        node: &'n Node,
        known: &[&'static str],
        what: &str,
        missing: &'n str,
        file: &SourceFile,
        diags: &mut Diagnostics,
    ) -> Option<MapReader<'n>> {
        let known: Vec<&str> = known.iter().map(|k| key_name(k)).collect();
        let entries = node.entries(file, what, diags)?;
        for (k, kn, _) in &entries {
            if !known.contains(&k.as_str()) {
                let d = file.error(kn.span, "unknown-key", format!("unknown key `{k}` in {what}"));
                diags.push(match did_you_mean(k, known.iter().copied()) {
                    Some(m) => d.with_hint(format!("did you mean `{m}`?")),
                    None if known.is_empty() => d.with_hint(format!("{what} takes no keys; remove the line")),
                    None => d.with_hint(format!("known keys: {}", known.join(", "))),
                });
            }
        }
        Some(MapReader { span: node.span, entries, missing })
    }

    /// The field named `name`: its value decoded, if the key is present and
    /// not null. A `required` key that is absent is an error at the mapping.
    pub(crate) fn field<T: Field<'n>>(
        &self,
        name: &str,
        required: bool,
        file: &SourceFile,
        diags: &mut Diagnostics,
    ) -> T {
        let key = key_name(name);
        let value = self.entries.iter().find(|(k, _, _)| k == key).map(|(_, _, v)| *v).filter(|v| !v.is_null());
        if value.is_none() && required {
            diags.push(
                file.error(self.span, "missing-key", format!("{} has no `{key}`", self.missing))
                    .with_hint(format!("add a line `{key}: ...`")),
            );
        }
        T::field(value, key, file, diags)
    }

    /// Where the mapping starts.
    pub(crate) fn span(&self) -> Span {
        self.span
    }
}

/// The YAML key a field stands for: its name without a raw-identifier `r#`.
pub(crate) fn key_name(field: &str) -> &str {
    field.strip_prefix("r#").unwrap_or(field)
}

/// Declares a struct read from a YAML mapping: one field a key, in the order
/// the file format documents them. The header names the mapping in messages
/// (`what`: unknown keys; `missing`: missing keys) and lists the keys that
/// must be present. Field types implement [`Field`]: `Option<T>` for an
/// optional value, `Vec<T>` for a list, where `T` implements [`Decode`]. A
/// field named `r#type` reads the key `type`. A struct that borrows nodes
/// names its lifetime `'n`. A field read later from its raw node names the
/// shape of its value for tools that write the file (`title: Option<&'n
/// Node> as Shape::Text`, see the `schema` module); the other
/// fields' shapes follow from their types. The struct gets
/// `decode_as(node, what, missing, file, diags)` (other names in messages),
/// `KEYS`, `schema()`, the field `span` (where the mapping starts) and impls
/// of [`Decode`] and of `Describe` (from [`describe_map!`](crate::describe_map)).
#[macro_export]
macro_rules! decode_map {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident $(<$lt:lifetime>)? {
            what: $what:literal, missing: $missing:literal, required: [$($req:ident),* $(,)?];
            $($(#[doc = $fdoc:literal])* $fvis:vis $field:ident : $ty:ty $(as $shape:expr)?),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name $(<$lt>)? {
            /// Where the mapping starts.
            #[allow(dead_code)]
            pub span: $crate::diag::Span,
            $($(#[doc = $fdoc])* $fvis $field: $ty,)*
        }
        $crate::decode_map!(@impl $name [$(<$lt>)?] $what $missing [$($req)*] [$($field)*]);
        $crate::describe_map!($name [$(<$lt>)?] [$($req),*] [$([$($fdoc)*] $field : $ty $(as $shape)?),*]);
    };
    (@impl $name:ident [$($gen:tt)*] $what:literal $missing:literal [$($req:ident)*] [$($field:ident)*]) => {
        impl<'n> $name $($gen)* {
            /// The keys the mapping takes, as field names (`r#type` for `type`).
            #[allow(dead_code)]
            pub(crate) const KEYS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// Reads the mapping at `node`, naming it `what` in messages about
            /// unknown keys and `missing` in messages about missing ones.
            #[allow(dead_code)]
            pub(crate) fn decode_as(
                node: &'n $crate::yaml::Node,
                what: &str,
                missing: &'n str,
                file: &$crate::diag::SourceFile,
                diags: &mut $crate::diag::Diagnostics,
            ) -> Option<Self> {
                let required: &[&str] = &[$(stringify!($req)),*];
                let map = $crate::yaml::decode::MapReader::new(node, Self::KEYS, what, missing, file, diags)?;
                Some($name {
                    span: map.span(),
                    $($field: map.field(stringify!($field), required.contains(&stringify!($field)), file, diags),)*
                })
            }
        }
        impl<'n> $crate::yaml::decode::Decode<'n> for $name $($gen)* {
            fn decode(
                node: &'n $crate::yaml::Node,
                _: &str,
                file: &$crate::diag::SourceFile,
                diags: &mut $crate::diag::Diagnostics,
            ) -> Option<Self> {
                Self::decode_as(node, $what, $missing, file, diags)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::decode_map! {
        /// A test mapping.
        struct Sample<'n> {
            what: "a sample", missing: "the sample", required: [name];
            name: Option<String>,
            count: Option<Spanned<u64>>,
            tags: Vec<Spanned<String>>,
            r#type: Option<String>,
            rest: Option<&'n Node>,
        }
    }

    #[allow(clippy::type_complexity)]
    fn decode(src: &str) -> (Option<(Option<String>, Option<Spanned<u64>>, usize, Option<String>, bool)>, String) {
        let file = SourceFile::new("x.yaml", src);
        let mut diags = Diagnostics::new();
        let node = super::super::parse(&file, src, 1, &mut diags).unwrap_or_else(|| panic!("{}", diags.render_human()));
        let s = Sample::decode(&node, "sample", &file, &mut diags);
        (s.map(|s| (s.name, s.count, s.tags.len(), s.r#type, s.rest.is_some())), diags.render_human())
    }

    #[test]
    fn every_bad_field_is_reported_and_the_others_are_read() {
        let (s, out) = decode("count: many\ntags: [a, [b], c]\ntypo: x\nrest: {a: 1}\n");
        for expected in [
            "x.yaml:1:8: error: `count` must be a whole number, found `many`",
            "x.yaml:2:11: error: `tags` must be text, found a list",
            "x.yaml:3:1: error: unknown key `typo` in a sample",
            "did you mean `type`?",
            "x.yaml:1:1: error: the sample has no `name`",
        ] {
            assert!(out.contains(expected), "{expected}\n{out}");
        }
        assert_eq!(s, Some((None, None, 2, None, true)));
    }

    #[test]
    fn values_keep_their_positions() {
        let (s, out) = decode("name: n\n\ncount: 12\ntype: t\n");
        assert_eq!(
            s,
            Some((Some("n".into()), Some(Spanned { value: 12, span: Span::new(3, 8, 2) }), 0, Some("t".into()), false)),
            "{out}"
        );
    }
}
