//! The site's own look without a theme of its own (SPEC §2, `site.yaml`):
//! `brand` (a colour and a logo), `menu` (the main navigation's entries)
//! and `stylesheets` (CSS loaded after the theme's), read into [`Brand`].
//!
//! The brand colour gives the theme's accent and focus colours for the light
//! and the dark scheme, each adjusted until it keeps WCAG AA contrast with
//! the theme's backgrounds ([`derive`]); a colour that had to be adjusted is
//! a warning at its line and column. What the menu and the stylesheets point
//! at (pages, files under `content/static/`) is checked once the content is
//! loaded, in `render/nav.rs`.

use crate::diag::{Diagnostics, SourceFile, Span};
use crate::i18n::{Languages, Text};
use crate::yaml::{Decode, Kind, Node, Spanned};

crate::decode_map! {
    /// `brand:` in site.yaml as written.
    pub struct BrandYaml {
        what: "brand", missing: "brand", required: [];
        /// A hex colour in quotes: `"#0b5cad"`.
        colour: Option<Spanned<String>>,
        /// The same, spelt `color` (`colour` wins).
        color: Option<Spanned<String>>,
        /// A path under `content/static/`.
        logo: Option<Spanned<String>>,
    }
}

crate::decode_map! {
    /// An item of `menu:` written as a mapping.
    pub(crate) struct MenuEntryYaml<'n> {
        what: "a menu entry", missing: "a menu entry", required: [link];
        /// A built-in section, a page's file stem, or an address.
        link: Option<Spanned<String>>,
        /// The label per language (required for an address).
        label: Option<&'n Node> as Shape::Text,
    }
}

/// What `brand`, `menu` and `stylesheets` in site.yaml say.
#[derive(Debug, Clone, Default)]
pub struct Brand {
    /// The brand colour as written and where.
    pub colour: Option<(Rgb, Span)>,
    /// The logo: a path under `content/static/`, and where it is written.
    pub logo: Option<(String, Span)>,
    /// The menu, when site.yaml sets one; else the theme's default menu.
    pub menu: Option<Vec<MenuEntry>>,
    /// Stylesheets under `content/static/`, loaded after the theme's, in order.
    pub stylesheets: Vec<(String, Span)>,
}

/// One entry of `menu:`.
#[derive(Debug, Clone)]
pub struct MenuEntry {
    /// A built-in section (`home`, `briefs`, `trackers`, `radar`, `topics`,
    /// `search`), a page's file stem, or an `http(s)://` address.
    pub link: String,
    /// The label per language; the default label when absent.
    pub label: Option<Text>,
    /// Where `link` is written.
    pub span: Span,
}

/// The built-in sections a menu entry may name.
pub const SECTIONS: &[&str] = &["home", "briefs", "trackers", "radar", "topics", "search"];

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rgb` or `#rrggbb`.
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize, n: usize| u8::from_str_radix(hex.get(i..i + n)?, 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            _ => None,
        }
    }

    /// `#rrggbb`.
    pub(crate) fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2).
    pub(crate) fn luminance(self) -> f64 {
        let ch = |c: u8| {
            let v = f64::from(c) / 255.0;
            if v <= 0.039_28 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * ch(self.0) + 0.7152 * ch(self.1) + 0.0722 * ch(self.2)
    }

    /// The colour mixed with `other`: `t` = 0 is self, 1 is `other`.
    fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round().clamp(0.0, 255.0) as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

/// WCAG contrast ratio of two colours (1 to 21).
pub(crate) fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The backgrounds links sit on in the default theme: page and header, light.
pub(crate) const LIGHT_BACKGROUNDS: [Rgb; 2] = [Rgb(0xff, 0xff, 0xff), Rgb(0xf3, 0xf5, 0xf8)];
/// The same in the dark scheme.
pub(crate) const DARK_BACKGROUNDS: [Rgb; 2] = [Rgb(0x14, 0x17, 0x1b), Rgb(0x1e, 0x23, 0x29)];

/// The first mix of `colour` towards `towards` that reaches `ratio` on every
/// background, and whether `colour` had to change.
fn reach(colour: Rgb, towards: Rgb, backgrounds: &[Rgb], ratio: f64) -> (Rgb, bool) {
    for step in 0..=40 {
        let c = colour.mix(towards, f64::from(step) / 40.0);
        if backgrounds.iter().all(|b| contrast(c, *b) >= ratio) {
            return (c, step > 0);
        }
    }
    (towards, true)
}

/// The theme colours derived from a brand colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    /// Links and buttons in the light scheme (4.5:1 on its backgrounds).
    pub accent_light: Rgb,
    /// Text on `accent_light`.
    pub accent_fg_light: Rgb,
    /// Links and buttons in the dark scheme.
    pub accent_dark: Rgb,
    /// Text on `accent_dark`.
    pub accent_fg_dark: Rgb,
    /// True when the brand colour itself is too light for links on a light page.
    pub adjusted: bool,
}

/// Accent colours with AA contrast (4.5:1 for text, which also covers the
/// 3:1 a focus ring needs) in both schemes, from `brand`.
pub fn derive(brand: Rgb) -> Derived {
    let black = Rgb(0, 0, 0);
    let white = Rgb(0xff, 0xff, 0xff);
    let (accent_light, adjusted) = reach(brand, black, &LIGHT_BACKGROUNDS, 4.5);
    let (accent_dark, _) = reach(brand, white, &DARK_BACKGROUNDS, 4.5);
    let on =
        |c: Rgb| if contrast(white, c) >= contrast(Rgb(0x0b, 0x15, 0x20), c) { white } else { Rgb(0x0b, 0x15, 0x20) };
    Derived { accent_light, accent_fg_light: on(accent_light), accent_dark, accent_fg_dark: on(accent_dark), adjusted }
}

/// The CSS custom properties the default theme reads, for a brand colour:
/// `--brand` (the colour as given, for decoration only) and the accents.
pub fn css(brand: Rgb, d: &Derived) -> String {
    format!(
        ":root{{--brand:{brand};--accent:{a};--accent-fg:{af};--focus:{a}}}\
         @media (prefers-color-scheme:dark){{:root{{--accent:{b};--accent-fg:{bf};--focus:{b}}}}}\
         @media print{{:root{{--accent:#000;--focus:#000}}}}",
        brand = brand.hex(),
        a = d.accent_light.hex(),
        af = d.accent_fg_light.hex(),
        b = d.accent_dark.hex(),
        bf = d.accent_fg_dark.hex(),
    )
}

impl Brand {
    /// Checks `brand`, `menu` and `stylesheets` of site.yaml.
    pub fn parse(
        brand: Option<BrandYaml>,
        menu: Option<Vec<&Node>>,
        stylesheets: Vec<Spanned<String>>,
        langs: &Languages,
        file: &SourceFile,
        diags: &mut Diagnostics,
    ) -> Brand {
        let mut out = Brand::default();
        let (colour, logo) = brand.map_or((None, None), |b| (b.colour.or(b.color), b.logo));
        if let Some(Spanned { value: s, span }) = colour {
            match Rgb::parse(&s) {
                Some(rgb) => {
                    let d = derive(rgb);
                    if d.adjusted {
                        diags.push(
                            file.warning(
                                span,
                                "brand-contrast",
                                format!(
                                    "brand colour `{s}` has a contrast of {:.1}:1 on a white page, below the 4.5:1 links need; links use {} instead",
                                    contrast(rgb, LIGHT_BACKGROUNDS[0]),
                                    d.accent_light.hex()
                                ),
                            )
                            .with_hint(format!("write a darker colour, e.g. `colour: \"{}\"`", d.accent_light.hex())),
                        );
                    }
                    out.colour = Some((rgb, span));
                }
                None => diags.push(
                    file.error(span, "bad-colour", format!("`{s}` is not a colour"))
                        .with_hint("write a hex colour in quotes, e.g. `colour: \"#0b5cad\"`"),
                ),
            }
        }
        out.logo = logo.map(|l| (l.value.trim().trim_start_matches('/').to_string(), l.span));
        out.menu =
            menu.map(|items| items.into_iter().filter_map(|item| menu_entry(item, langs, file, diags)).collect());
        out.stylesheets =
            stylesheets.into_iter().map(|s| (s.value.trim().trim_start_matches('/').to_string(), s.span)).collect();
        out
    }
}

/// `- briefs`, or `- {link: ..., label: {sq: ..., en: ...}}`.
fn menu_entry(item: &Node, langs: &Languages, file: &SourceFile, diags: &mut Diagnostics) -> Option<MenuEntry> {
    if let Kind::Scalar { .. } = item.kind {
        let link = item.str(file, "a menu entry", diags)?;
        return Some(MenuEntry { link: link.trim().to_string(), label: None, span: item.span });
    }
    let e = MenuEntryYaml::decode(item, "menu", file, diags)?;
    let label = match e.label {
        Some(n) => Some(Text::parse(n, "label", langs, file, diags)?),
        None => None,
    };
    let Spanned { value: link, span } = e.link?;
    let link = link.trim().to_string();
    if label.is_none() && is_external(&link) {
        diags.push(
            file.error(span, "missing-key", format!("the menu entry `{link}` has no `label`"))
                .with_hint("an address needs a label: `label: {sq: \"...\", en: \"...\"}`"),
        );
        return None;
    }
    Some(MenuEntry { link, label, span })
}

/// True for an address outside the site.
pub(crate) fn is_external(link: &str) -> bool {
    link.starts_with("https://") || link.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_in_both_hex_forms() {
        assert_eq!(Rgb::parse("#0b5cad"), Some(Rgb(0x0b, 0x5c, 0xad)));
        assert_eq!(Rgb::parse("#fc0"), Some(Rgb(0xff, 0xcc, 0x00)));
        assert_eq!(Rgb::parse("blue"), None);
        assert_eq!(Rgb::parse("#12345"), None);
    }

    #[test]
    fn derived_accents_keep_aa_contrast_in_both_schemes() {
        for hex in ["#ffcc00", "#0b5cad", "#000000", "#ffffff", "#e4002b", "#00a651"] {
            let d = derive(Rgb::parse(hex).unwrap_or(Rgb(0, 0, 0)));
            for b in LIGHT_BACKGROUNDS {
                assert!(contrast(d.accent_light, b) >= 4.5, "{hex} light");
            }
            for b in DARK_BACKGROUNDS {
                assert!(contrast(d.accent_dark, b) >= 4.5, "{hex} dark");
            }
            assert!(contrast(d.accent_fg_light, d.accent_light) >= 4.5, "{hex} text on light accent");
            assert!(contrast(d.accent_fg_dark, d.accent_dark) >= 4.5, "{hex} text on dark accent");
        }
        assert!(!derive(Rgb(0x0b, 0x5c, 0xad)).adjusted);
        assert!(derive(Rgb(0xff, 0xcc, 0x00)).adjusted);
    }
}
