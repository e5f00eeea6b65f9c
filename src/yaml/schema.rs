//! What a declared file format looks like, for tools that write it: the
//! web editor's configuration (`render/admin.rs`) is made from this.
//!
//! Every struct declared with [`decode_map!`](crate::decode_map) describes
//! its keys ([`Key`]: name, required, the doc comment, a [`Shape`]). A
//! field's shape comes from its Rust type through [`Describe`]; a field
//! whose value is read later from the raw node (a text per language, a
//! tracker's cells) names its shape in the declaration (`title: Option<&'n
//! Node> as Shape::Text`), so the declaration that decodes the key is also
//! the one that describes it. Where a key accepts several spellings (a text
//! or a text per language, a status or a mapping), the shape is the full
//! form, which is the one an editing tool writes.

use super::Node;
use super::decode::{Entries, Spanned};

/// One key of a declared mapping.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Key {
    /// The key as written in the file.
    pub name: &'static str,
    /// Whether the file must have it.
    pub required: bool,
    /// The declaration's doc comment: what the key means.
    pub doc: String,
    /// What its value looks like.
    pub shape: Shape,
}

/// What a value looks like.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    /// One line of text.
    Str,
    /// `true` or `false`.
    Bool,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// A day, `YYYY-MM-DD`.
    Date,
    /// A year (`2023`) or a day (`2023-09-30`).
    YearOrDate,
    /// A text per site language.
    Text,
    /// Markdown per site language.
    Markdown,
    /// One of a set of values the site defines.
    Choice(Choice),
    /// A list of values.
    List(Box<Shape>),
    /// A declared mapping, its keys in the order the format documents them.
    Map(Vec<Key>),
    /// A mapping whose keys are the site's own values (country codes,
    /// review ids, dimension ids), each with a value of the same shape.
    Keyed(Keys, Box<Shape>),
    /// Anything; read by code that checks it itself.
    Any,
}

/// Where the values of a [`Shape::Choice`] come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Choice {
    /// A country code of the site.
    Country,
    /// A language of the site.
    Language,
    /// A topic id from site.yaml.
    Topic,
    /// A tracker's id.
    Tracker,
    /// A recommendation id of the document's tracker.
    Recommendation,
    /// A recommendation status code.
    Status,
    /// One of the listed words.
    Fixed(&'static [&'static str]),
}

/// Where the keys of a [`Shape::Keyed`] mapping come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keys {
    /// The site's countries.
    Country,
    /// The site's languages.
    Language,
    /// The tracker's reviews.
    Review,
    /// The radar's dimensions.
    Dimension,
}

impl Shape {
    /// A list of `item`.
    pub(crate) fn list(item: Shape) -> Shape {
        Shape::List(Box::new(item))
    }

    /// A mapping keyed by `keys`, each value a `value`.
    pub(crate) fn keyed(keys: Keys, value: Shape) -> Shape {
        Shape::Keyed(keys, Box::new(value))
    }
}

/// A value's shape, from its Rust type.
pub(crate) trait Describe {
    /// The shape of a value of this type.
    fn shape() -> Shape;
}

macro_rules! describe {
    ($($ty:ty => $shape:expr),* $(,)?) => {$(
        impl Describe for $ty {
            fn shape() -> Shape {
                $shape
            }
        }
    )*};
}
describe!(String => Shape::Str, bool => Shape::Bool, u64 => Shape::Integer, f64 => Shape::Number,
    crate::i18n::Date => Shape::Date, crate::content::tracker::Status => Shape::Choice(Choice::Status));

impl Describe for &Node {
    fn shape() -> Shape {
        Shape::Any
    }
}

impl<T: Describe> Describe for Option<T> {
    fn shape() -> Shape {
        T::shape()
    }
}

impl<T: Describe> Describe for Spanned<T> {
    fn shape() -> Shape {
        T::shape()
    }
}

impl<T: Describe> Describe for Vec<T> {
    fn shape() -> Shape {
        Shape::list(T::shape())
    }
}

impl<T: Describe> Describe for Entries<T> {
    fn shape() -> Shape {
        Shape::Any
    }
}

/// The half of [`decode_map!`](crate::decode_map) that describes the
/// mapping: `schema()`, its keys with their docs and shapes in the order
/// they are declared, and the [`Describe`] impl.
#[macro_export]
macro_rules! describe_map {
    ($name:ident [$(<$lt:lifetime>)?] [$($req:ident),*] [$([$($fdoc:literal)*] $field:ident : $ty:ty $(as $shape:expr)?),*]) => {
        impl<'n> $name $(<$lt>)? {
            /// The keys the mapping takes, each with its doc and shape
            /// (`yaml::schema`), in the order they are declared.
            #[allow(dead_code)]
            pub(crate) fn schema() -> Vec<$crate::yaml::schema::Key> {
                #[allow(unused_imports)]
                use $crate::yaml::schema::{Describe, Keys, Shape, Choice};
                let required: &[&str] = &[$(stringify!($req)),*];
                vec![$($crate::yaml::schema::Key {
                    name: $crate::yaml::decode::key_name(stringify!($field)),
                    required: required.contains(&stringify!($field)),
                    doc: [$($fdoc),*].iter().map(|l: &&str| l.trim()).collect::<Vec<_>>().join(" "),
                    shape: $crate::describe_map!(@shape $ty $(, $shape)?),
                }),*]
            }
        }
        impl<'n> $crate::yaml::schema::Describe for $name $(<$lt>)? {
            fn shape() -> $crate::yaml::schema::Shape {
                $crate::yaml::schema::Shape::Map(Self::schema())
            }
        }
    };
    (@shape $ty:ty) => { <$ty as $crate::yaml::schema::Describe>::shape() };
    (@shape $ty:ty, $shape:expr) => { $shape };
}

#[cfg(test)]
mod tests {
    // The sample declaration is what is tested, not the values it decodes.
    #![allow(dead_code)]
    use super::*;

    crate::decode_map! {
        /// A test mapping.
        struct Sample<'n> {
            what: "a sample", missing: "the sample", required: [name];
            /// Its name.
            name: Option<String>,
            /// How many.
            count: Option<Spanned<u64>>,
            /// Words.
            tags: Vec<Spanned<String>>,
            /// Per language.
            title: Option<&'n Node> as Shape::Text,
            r#type: Option<String>,
        }
    }

    #[test]
    fn a_declaration_describes_its_keys_in_order_with_their_docs() {
        let keys = Sample::schema();
        let names: Vec<&str> = keys.iter().map(|k| k.name).collect();
        assert_eq!(names, ["name", "count", "tags", "title", "type"]);
        assert_eq!(keys[0].doc, "Its name.");
        assert!(keys[0].required && !keys[1].required);
        assert_eq!(keys[1].shape, Shape::Integer);
        assert_eq!(keys[2].shape, Shape::list(Shape::Str));
        assert_eq!(keys[3].shape, Shape::Text);
        assert_eq!(keys[4].doc, "");
    }
}
