//! Social cards: the 1200×630 PNG a link shows when it is shared
//! (`og:image`), drawn at build time, and the PNG editions of the charts.
//!
//! [`attach`] gives every page its [`SocialImage`] and lists the card files:
//! a brief's card shows its title, date and authors (or the brief names its
//! own image, `image:` in front matter); a country's shows its radar chart;
//! a tracker's its status bar; the home page's the site's description; every
//! other page shares its language's home card. A card is a list of marks
//! made here ([`Mark`]) and drawn when the file is written ([`Raster`]):
//! one that is only text on flat colours (a brief's, the home page's) by
//! [`flat`], from glyph masks drawn once; the others as SVG by resvg. Both
//! use the fonts of the theme (`themes/<name>/fonts/`, never the system's),
//! so the same site gives the same bytes on every machine. Colours are the
//! theme's (`--accent`, `--fg`, ... in `assets/style.css`).
//!
//! Drawing is the slow part, so each PNG is kept in the site's
//! `.raport-cache/cards/`, named by a hash of its SVG (which every card has,
//! however it is drawn), the fonts and the raport version: a page whose card did not change is not drawn again.
//! The cache only saves time; deleting it changes no output.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::feeds::xml;
use super::pages::doc_path;
use super::statusbar::{self, Layout, Row};
use super::theme::{Source, Theme};
use super::{Body, Derived, Env, OutFile, Page};
use crate::content::doc::Doc;
use crate::content::tracker::{Status, Tracker};

mod flat;

/// Width of a card.
pub(crate) const WIDTH: u32 = 1200;
/// Height of a card.
pub(crate) const HEIGHT: u32 = 630;

/// Names how SVG becomes PNG (the rasteriser and the encoding, [`encode`]);
/// part of every cache key, so changing either means changing this.
const RASTER_FORMAT: &[u8] = b"resvg-0.45 indexed-up-fdeflate-or-rgb, flat text cards on quarter pixels";

/// The image a page shows when shared.
#[derive(Serialize, Debug, Clone)]
pub struct SocialImage {
    /// Absolute URL.
    pub url: String,
    /// Width in pixels, when raport drew it.
    pub width: Option<u32>,
    /// Height in pixels, when raport drew it.
    pub height: Option<u32>,
    /// MIME type.
    pub mime: &'static str,
    /// What it shows, for people who cannot see it.
    pub alt: String,
}

/// The theme's colours, from the custom properties of its stylesheet.
#[derive(Debug, Clone)]
pub(crate) struct Palette {
    vars: BTreeMap<String, String>,
}

impl Palette {
    /// The first value of every `--name: value;` in `css` (the light scheme
    /// comes first in the default theme).
    pub(crate) fn from_css(css: &str) -> Palette {
        let mut vars = BTreeMap::new();
        for part in css.split(['{', ';', '}']) {
            let Some((k, v)) = part.trim().split_once(':') else { continue };
            let (k, v) = (k.trim(), v.trim());
            if let Some(name) = k.strip_prefix("--")
                && !name.is_empty()
                && !v.is_empty()
            {
                vars.entry(name.to_string()).or_insert_with(|| v.to_string());
            }
        }
        Palette { vars }
    }

    /// The colour `--name`, or `fallback`. Only plain colour values are
    /// taken (`#0b5cad`, `rgb(...)`, a name): anything else could break the SVG.
    pub(crate) fn get(&self, name: &str, fallback: &str) -> String {
        match self.vars.get(name) {
            Some(v) if v.chars().all(|c| c.is_ascii_alphanumeric() || "#(),. %".contains(c)) => v.clone(),
            _ => fallback.to_string(),
        }
    }

    /// The colour of a status's badge.
    pub(crate) fn status(&self, s: Status) -> String {
        let fallback = match s {
            Status::Implemented => "#1a7f37",
            Status::PartiallyImplemented => "#9a6700",
            Status::InProgress => "#0b5cad",
            Status::NotImplemented => "#b42318",
            Status::NoData => "#6b7280",
            Status::NotApplicable => "#8a8f98",
        };
        self.get(&format!("st-{}", s.code()), fallback)
    }
}

/// Draws SVG into PNG: the theme's fonts and colours, and the cache folder.
pub(crate) struct Painter {
    options: resvg::usvg::Options<'static>,
    regular: Option<Metrics>,
    bold: Option<Metrics>,
    /// The theme's colours.
    pub palette: Palette,
    /// The rules of the theme's stylesheet for `.radar-chart`, for charts
    /// drawn outside a page.
    pub chart_css: String,
    fingerprint: [u8; 8],
    cache: Option<PathBuf>,
    /// Draws the cards that are only text on flat colours.
    flat: flat::Flat,
}

impl std::fmt::Debug for Painter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Painter").field("cache", &self.cache).finish_non_exhaustive()
    }
}

impl Painter {
    /// The painter of `theme`: its fonts (`fonts/*.ttf`, `*.otf`) and
    /// colours. PNGs are cached under `cache` when given.
    pub(crate) fn new(theme: &Theme, cache: Option<PathBuf>) -> Painter {
        let mut db = resvg::usvg::fontdb::Database::new();
        let (mut regular, mut bold) = (None, None);
        let mut all: Vec<u8> = Vec::new();
        for (path, f) in theme.files.iter().filter(|(p, _)| p.starts_with("fonts/")) {
            let lower = path.to_ascii_lowercase();
            if !(lower.ends_with(".ttf") || lower.ends_with(".otf")) {
                continue;
            }
            let bytes = match &f.source {
                Source::Embedded(b) => b.to_vec(),
                Source::Disk(p) => match std::fs::read(p) {
                    Ok(b) => b,
                    Err(_) => continue,
                },
            };
            all.extend_from_slice(&crate::cache::key(&[&bytes]).to_le_bytes());
            let is_bold = lower.contains("bold");
            if is_bold && bold.is_none() {
                bold = Metrics::of(&bytes);
            } else if !is_bold && regular.is_none() {
                regular = Metrics::of(&bytes);
            }
            db.load_font_data(bytes);
        }
        // Whatever the theme's font is called, the cards ask for `sans-serif`.
        let family = db.faces().next().and_then(|f| f.families.first()).map(|(n, _)| n.clone());
        if let Some(family) = family {
            db.set_sans_serif_family(family);
        }
        let css = theme
            .files
            .get("static/assets/style.css")
            .and_then(|f| match &f.source {
                Source::Embedded(b) => Some(String::from_utf8_lossy(b).into_owned()),
                Source::Disk(p) => std::fs::read_to_string(p).ok(),
            })
            .unwrap_or_default();
        let palette = Palette::from_css(&css);
        let chart_css = chart_rules(&css, &palette);
        all.extend_from_slice(chart_css.as_bytes());
        let flat = flat::Flat::new(&db);
        let options = resvg::usvg::Options {
            font_family: "sans-serif".into(),
            fontdb: Arc::new(db),
            ..resvg::usvg::Options::default()
        };
        let fingerprint = crate::cache::key(&[&all, env!("CARGO_PKG_VERSION").as_bytes(), RASTER_FORMAT]).to_le_bytes();
        Painter { options, regular, bold, palette, chart_css, fingerprint, cache, flat }
    }

    /// The width of `text` at `size` pixels in the theme's font (bold or
    /// not); without a font, an estimate.
    pub(crate) fn measure(&self, text: &str, size: f64, bold: bool) -> f64 {
        let metrics = if bold { self.bold.as_ref().or(self.regular.as_ref()) } else { self.regular.as_ref() };
        match metrics {
            Some(m) => text.chars().map(|ch| m.advance(ch)).sum::<f64>() * size,
            None => text.chars().count() as f64 * size * 0.6,
        }
    }

    /// `text` in lines no wider than `width`, at most `max` of them (the
    /// last cut with "…" when the text is longer).
    pub(crate) fn wrap(&self, text: &str, size: f64, bold: bool, width: f64, max: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut cur = String::new();
        let words: Vec<&str> = text.split_whitespace().collect();
        for (i, word) in words.iter().enumerate() {
            let trial = if cur.is_empty() { (*word).to_string() } else { format!("{cur} {word}") };
            if cur.is_empty() || self.measure(&trial, size, bold) <= width {
                cur = trial;
                continue;
            }
            lines.push(std::mem::take(&mut cur));
            cur = (*word).to_string();
            if lines.len() == max {
                // No room for the rest: end the last line with an ellipsis.
                let rest = words.len() > i;
                if let Some(last) = lines.last_mut().filter(|_| rest) {
                    while !last.is_empty() && self.measure(&format!("{last}…"), size, bold) > width {
                        last.pop();
                    }
                    *last = format!("{}…", last.trim_end_matches([' ', ',', '.', ';', ':']));
                }
                return lines;
            }
        }
        if !cur.is_empty() {
            lines.push(cur);
        }
        lines
    }

    /// Where the cache keeps the PNG of `svg` at `scale` (`None` without a cache).
    fn cached(&self, svg: &str, scale: f32) -> Option<PathBuf> {
        let key = crate::cache::key(&[svg.as_bytes(), &self.fingerprint, &scale.to_le_bytes()]);
        self.cache.as_ref().map(|dir| dir.join(format!("{key:016x}.png")))
    }

    /// The cache file holding the PNG of `svg` at `scale`, drawn and stored
    /// first if it is not there; `None` without a cache or when it cannot be
    /// stored. Entries are written whole ([`store`]), so a regular file of
    /// that name is a complete PNG; a link is not taken.
    pub(crate) fn png_file(&self, svg: &str, scale: f32) -> Option<PathBuf> {
        self.file_drawn(svg, scale, || self.rasterise(svg, scale))
    }

    /// [`Painter::png_file`], drawn by `draw` when not cached.
    fn file_drawn(&self, svg: &str, scale: f32, draw: impl FnOnce() -> Vec<u8>) -> Option<PathBuf> {
        let path = self.cached(svg, scale)?;
        let ready = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file() && m.len() > 8);
        if !ready(&path) {
            let png = draw();
            if png.is_empty() {
                return None;
            }
            crate::store_cached(&path, &png);
        }
        ready(&path).then_some(path)
    }

    /// The PNG of `svg` at `scale`, from the cache when it was drawn before.
    pub(crate) fn png(&self, svg: &str, scale: f32) -> Vec<u8> {
        self.drawn(svg, scale, || self.rasterise(svg, scale))
    }

    /// [`Painter::png`], drawn by `draw` when not cached.
    fn drawn(&self, svg: &str, scale: f32, draw: impl FnOnce() -> Vec<u8>) -> Vec<u8> {
        let cached = self.cached(svg, scale);
        if let Some(p) = &cached
            && let Ok(b) = std::fs::read(p)
            && b.starts_with(b"\x89PNG\r\n\x1a\n")
        {
            return b;
        }
        let png = draw();
        if let Some(p) = &cached {
            crate::store_cached(p, &png);
        }
        png
    }

    /// The PNG of a card's `marks` (whose SVG is `svg`): drawn flat when
    /// they allow it ([`flat`]), else by resvg.
    fn card(&self, marks: &[Mark], svg: &str, scale: f32) -> Vec<u8> {
        let flat = if scale == 1.0 { self.flat.draw(marks, WIDTH, HEIGHT) } else { None };
        flat.unwrap_or_else(|| self.rasterise(svg, scale))
    }

    fn rasterise(&self, svg: &str, scale: f32) -> Vec<u8> {
        use resvg::tiny_skia::{Pixmap, Transform};
        // The SVG is made by raport: it parses (tests check every kind).
        let Ok(tree) = resvg::usvg::Tree::from_str(svg, &self.options) else { return Vec::new() };
        let w = (tree.size().width() * scale).round().max(1.0) as u32;
        let h = (tree.size().height() * scale).round().max(1.0) as u32;
        let Some(mut pixmap) = Pixmap::new(w, h) else { return Vec::new() };
        resvg::render(&tree, Transform::from_scale(scale, scale), &mut pixmap.as_mut());
        encode(&pixmap)
    }
}

/// A compact PNG of an opaque image: indexed when it has at most 256
/// colours (a card's flat colours and their anti-aliased edges often do),
/// else RGB; with transparency, RGBA as tiny-skia writes it. Indexed
/// images are filtered (`Up`: a row like the one above is all zeros) and
/// compressed with fdeflate (`Compression::Fast`), over ten times faster
/// than zlib's default level for files under twice the size: zlib took two
/// thirds of the time of drawing a card. RGB images
/// (cards and charts with the radar's blended colours, a few per site, and
/// the chart PNGs readers download) keep zlib's default level, where fdeflate
/// would double their size (docs/performance.md).
fn encode(pixmap: &resvg::tiny_skia::Pixmap) -> Vec<u8> {
    let data = pixmap.data();
    let indexed = match indexed(data) {
        Colours::Transparent => return pixmap.encode_png().unwrap_or_default(),
        Colours::Indexed(palette, pixels) => Some((palette, pixels)),
        Colours::Many => None,
    };
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    enc.set_depth(png::BitDepth::Eight);
    let pixels: Vec<u8> = match indexed {
        Some((palette, pixels)) => {
            enc.set_color(png::ColorType::Indexed);
            enc.set_palette(palette);
            // fdeflate compresses runs of zeros: filtered rows have them. The
            // adaptive filter gives files a quarter smaller for 0.6 ms more a card.
            enc.set_compression(png::Compression::Fast);
            enc.set_filter(png::FilterType::Up);
            pixels
        }
        None => {
            enc.set_color(png::ColorType::Rgb);
            enc.set_compression(png::Compression::Default);
            enc.set_adaptive_filter(png::AdaptiveFilterType::Adaptive);
            data.chunks_exact(4).flat_map(|px| [px[0], px[1], px[2]]).collect()
        }
    };
    let written = enc.write_header().and_then(|mut w| w.write_image_data(&pixels));
    if written.is_err() {
        return pixmap.encode_png().unwrap_or_default();
    }
    out
}

/// What an image's colours allow.
enum Colours {
    /// Some pixel is not opaque.
    Transparent,
    /// More than 256 colours.
    Many,
    /// The palette (RGB triples, in colour order, so that the same image
    /// gives the same bytes) and each pixel's index in it.
    Indexed(Vec<u8>, Vec<u8>),
}

/// An opaque image with at most 256 colours as palette and indices, in one
/// pass over the pixels: indices are first given in the order colours are
/// met, then renumbered in colour order.
fn indexed(data: &[u8]) -> Colours {
    let mut seen: Vec<u32> = Vec::with_capacity(256);
    let mut pixels = Vec::with_capacity(data.len() / 4);
    // Colours met lately, by a hash of the colour: most changes are back
    // to a colour met a few pixels before (text on a flat background).
    // Word 0 is transparent black, never an opaque pixel.
    let mut recent = [(0u32, 0u8); 64];
    let mut rest = data;
    while let Some(px) = rest.first_chunk::<4>() {
        let w = u32::from_le_bytes(*px);
        if w >> 24 != 0xff {
            return Colours::Transparent;
        }
        let slot = (w.wrapping_mul(0x9E37_79B1) >> 26) as usize;
        let index = if recent[slot].0 == w {
            recent[slot].1
        } else {
            let index = match seen.iter().position(|&c| c == w) {
                Some(i) => i as u8,
                None if seen.len() == 256 => return Colours::Many,
                None => {
                    seen.push(w);
                    (seen.len() - 1) as u8
                }
            };
            recent[slot] = (w, index);
            index
        };
        // Runs of one colour are the rule: the run's end, then its indices at once.
        let run = 1 + rest[4..].chunks_exact(4).position(|c| c != px).unwrap_or((rest.len() - 4) / 4);
        pixels.resize(pixels.len() + run, index);
        rest = &rest[4 * run..];
    }
    // Renumber in (r, g, b) order.
    let rgb = |w: u32| {
        let [r, g, b, _] = w.to_le_bytes();
        [r, g, b]
    };
    let mut order: Vec<usize> = (0..seen.len()).collect();
    order.sort_by_key(|&i| rgb(seen[i]));
    let mut rank = [0u8; 256];
    for (new, &old) in order.iter().enumerate() {
        rank[old] = new as u8;
    }
    for p in &mut pixels {
        *p = rank[usize::from(*p)];
    }
    Colours::Indexed(order.iter().flat_map(|&i| rgb(seen[i])).collect(), pixels)
}

/// A font's advance widths, in ems, read once: measuring is done for every
/// word of every card.
struct Metrics {
    advances: BTreeMap<char, f64>,
    /// For a character the font lacks.
    fallback: f64,
}

impl Metrics {
    fn of(data: &[u8]) -> Option<Metrics> {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        let em = f64::from(face.units_per_em().max(1));
        let mut advances = BTreeMap::new();
        if let Some(table) = face.tables().cmap {
            for sub in table.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if let Some(ch) = char::from_u32(cp)
                        && let Some(adv) = sub.glyph_index(cp).and_then(|g| face.glyph_hor_advance(g))
                    {
                        advances.entry(ch).or_insert(f64::from(adv) / em);
                    }
                });
            }
        }
        Some(Metrics { advances, fallback: 0.6 })
    }

    fn advance(&self, ch: char) -> f64 {
        self.advances.get(&ch).copied().unwrap_or(self.fallback)
    }
}

/// The theme's rules for `.radar-chart` descendants, without that prefix
/// and with `var(--x)` replaced by the colour, for an SVG outside the page.
fn chart_rules(css: &str, palette: &Palette) -> String {
    let css = &strip_comments(css);
    let mut out = String::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    for (i, ch) in css.char_indices() {
        match ch {
            '{' => {
                if depth == 0 {
                    let selector = css.get(start..i).unwrap_or("").trim();
                    let body_end = css.get(i..).and_then(|r| r.find('}')).map(|e| i + e);
                    if let (Some(sel), Some(end)) = (selector.strip_prefix(".radar-chart "), body_end)
                        && !selector.contains(',')
                        && !selector.starts_with('@')
                    {
                        let body = css.get(i + 1..end).unwrap_or("");
                        let _ = write!(out, "{}{{{}}}", sel.trim(), resolve_vars(body.trim(), palette));
                    }
                }
                depth += 1;
            }
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    start = i + 1;
                }
            }
            ';' if depth == 0 => start = i + 1,
            _ => {}
        }
    }
    if out.is_empty() {
        // A theme without chart rules: the default theme's look.
        out = format!(
            ".grid{{fill:none;stroke:{line}}}.axis{{stroke:{line}}}.label{{fill:{fg};font-size:12px}}\
             .latest{{fill:{latest};fill-opacity:0.25;stroke:{latest};stroke-width:2}}\
             .previous{{fill:none;stroke:{prev};stroke-width:2;stroke-dasharray:5 4}}.tick{{fill:{muted};font-size:10px}}\
             .gaps{{fill:none}}.latest-point{{fill:{latest}}}.previous-point{{fill:{bg};stroke:{prev};stroke-width:1.5}}\
             .missing{{fill:none;stroke:{fg};stroke-width:2}}",
            line = palette.get("line", "#d4d9df"),
            fg = palette.get("fg", "#1b1f24"),
            muted = palette.get("muted", "#545d68"),
            bg = palette.get("bg", "#ffffff"),
            latest = palette.get("chart-latest", "#0b5cad"),
            prev = palette.get("chart-previous", "#9a6700"),
        );
    }
    out
}

/// `css` without its `/* comments */`.
fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("/*") {
        out.push_str(&rest[..at]);
        rest = rest[at + 2..].find("*/").map_or("", |e| &rest[at + 2 + e + 2..]);
    }
    out.push_str(rest);
    out
}

/// `var(--name)` replaced by the palette's value.
fn resolve_vars(body: &str, palette: &Palette) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(at) = rest.find("var(--") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 6..];
        let Some(end) = after.find(')') else {
            rest = &rest[at..];
            break;
        };
        out.push_str(&palette.get(&after[..end], "currentColor"));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// An SVG to rasterise when its file is written (or asked for in `serve`).
#[derive(Debug)]
pub struct Raster {
    painter: Arc<Painter>,
    art: Art,
    scale: f32,
}

impl Raster {
    /// A chart's standalone SVG, rasterised at `scale`.
    pub(crate) fn svg(painter: Arc<Painter>, svg: String, scale: f32) -> Raster {
        Raster { painter, art: Art::Svg(svg), scale }
    }

    /// The PNG.
    pub(crate) fn png(&self) -> Vec<u8> {
        match &self.art {
            Art::Svg(svg) => self.painter.png(svg, self.scale),
            Art::Card(card) => {
                let marks = card.marks(&self.painter);
                let svg = card_svg(&marks);
                self.painter.drawn(&svg, self.scale, || self.painter.card(&marks, &svg, self.scale))
            }
        }
    }

    /// The cache file holding the PNG ([`Painter::png_file`]), which a
    /// build links into the site instead of writing the bytes again.
    pub(crate) fn png_file(&self) -> Option<PathBuf> {
        match &self.art {
            Art::Svg(svg) => self.painter.png_file(svg, self.scale),
            Art::Card(card) => {
                let marks = card.marks(&self.painter);
                let svg = card_svg(&marks);
                self.painter.file_drawn(&svg, self.scale, || self.painter.card(&marks, &svg, self.scale))
            }
        }
    }
}

#[derive(Debug)]
enum Art {
    Svg(String),
    Card(Card),
}

/// What a card shows beside the title.
#[derive(Debug, Clone)]
enum Visual {
    /// Nothing: the title has the whole width.
    None,
    /// A radar chart (inline SVG, as on the page).
    Chart(String),
    /// A status bar: counts in [`Status::ALL`] order, with the legend's labels.
    Bar([usize; Status::ALL.len()], Vec<String>),
}

/// A card's content, in one language.
#[derive(Debug, Clone)]
struct Card {
    site: String,
    address: String,
    title: String,
    lines: Vec<String>,
    visual: Visual,
}

/// One thing drawn on a card, in drawing order: the card's SVG (what resvg
/// draws, and the cache key) and the flat drawing of cards that are only
/// text on flat colours ([`flat`]) are both made from these.
#[derive(Debug, Clone)]
enum Mark {
    /// A rectangle at the origin's corner: `w`×`h` pixels from (0, 0).
    Rect { w: u32, h: u32, fill: String },
    /// One line of text, its baseline starting at (`x`, `y`).
    Text { x: f32, y: f32, size: f32, bold: bool, fill: String, text: String },
    /// Anything else, as SVG (a chart, a status bar).
    Svg(String),
}

/// `v` as the SVG gives it (no decimals): what resvg reads is what the flat
/// drawing uses.
fn whole(v: f64) -> f32 {
    v.round() as f32
}

impl Card {
    /// What the card shows, 1200×630, in drawing order.
    fn marks(&self, p: &Painter) -> Vec<Mark> {
        let pal = &p.palette;
        let (bg, fg, muted, accent) = (
            pal.get("bg", "#ffffff"),
            pal.get("fg", "#1b1f24"),
            pal.get("muted", "#545d68"),
            pal.get("accent", "#0b5cad"),
        );
        let text = |y: f64, size: f64, bold: bool, fill: &str, text: String| Mark::Text {
            x: 80.0,
            y: whole(y),
            size: whole(size),
            bold,
            fill: fill.to_string(),
            text,
        };
        let mut marks = vec![
            Mark::Rect { w: WIDTH, h: HEIGHT, fill: bg },
            Mark::Rect { w: 24, h: HEIGHT, fill: accent.clone() },
            text(100.0, 32.0, true, &accent, p.wrap(&self.site, 32.0, true, 1040.0, 1).concat()),
        ];
        let width = if matches!(self.visual, Visual::Chart(_)) { 520.0 } else { 1040.0 };
        // A status bar needs the lower third of the card.
        let (max_lines, sizes) =
            if matches!(self.visual, Visual::Bar(..)) { (2, [56.0, 48.0, 40.0]) } else { (4, [64.0, 56.0, 48.0]) };
        // The largest size at which the title fits.
        let (mut size, mut lines) = (sizes[0], Vec::new());
        for candidate in sizes {
            size = candidate;
            lines = p.wrap(&self.title, size, true, width, max_lines);
            if !lines.last().is_some_and(|l| l.ends_with('…')) {
                break;
            }
        }
        let mut y = 180.0 + size * 0.3;
        for line in lines {
            marks.push(text(y, size, true, &fg, line));
            y += size * 1.2;
        }
        y += 12.0;
        for line in &self.lines {
            for l in p.wrap(line, 30.0, false, width, 2) {
                marks.push(text(y, 30.0, false, &muted, l));
                y += 40.0;
            }
        }
        match &self.visual {
            Visual::None => {}
            Visual::Chart(chart) => {
                marks.push(Mark::Svg(format!(
                    "<style>{}</style>{}",
                    p.chart_css,
                    nest(chart, 600.0, 50.0, 580.0, 530.0)
                )));
            }
            Visual::Bar(counts, labels) => {
                let rows = [Row { label: String::new(), counts: *counts }];
                let l = Layout {
                    x: 80.0,
                    y: (y - 16.0).min(430.0),
                    label_width: 0.0,
                    bar_width: 1040.0,
                    bar_height: 56.0,
                    step: 56.0,
                    font: 26.0,
                };
                let (mut bars, _) = statusbar::bars(&rows, &l, &|st| pal.status(st), &fg);
                let items: Vec<(Status, String)> = Status::ALL
                    .into_iter()
                    .zip(counts)
                    .zip(labels)
                    .map(|((st, n), label)| (st, format!("{label} {n}")))
                    .collect();
                let measure = |t: &str, sz: f64| p.measure(t, sz, false);
                let (legend, _) =
                    statusbar::legend(&items, 80.0, l.y + 90.0, 1040.0, 24.0, &|st| pal.status(st), &fg, &measure);
                bars.push_str(&legend);
                marks.push(Mark::Svg(bars));
            }
        }
        marks.push(text(594.0, 24.0, false, &muted, self.address.clone()));
        marks
    }
}

/// The SVG of a card's marks.
fn card_svg(marks: &[Mark]) -> String {
    let mut s = String::with_capacity(4096);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"sans-serif\">"
    );
    for m in marks {
        match m {
            Mark::Rect { w, h, fill } => {
                let _ = write!(s, "<rect width=\"{w}\" height=\"{h}\" fill=\"{fill}\"></rect>");
            }
            Mark::Text { x, y, size, bold, fill, text } => {
                let weight = if *bold { " font-weight=\"bold\"" } else { "" };
                let _ = write!(
                    s,
                    "<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\"{weight} fill=\"{fill}\">{}</text>",
                    xml(text)
                );
            }
            Mark::Svg(svg) => s.push_str(svg),
        }
    }
    s.push_str("</svg>");
    s
}

/// `chart` (an `<svg viewBox="0 0 W H" ...>` as drawn for a page) placed in
/// the box `x, y, w, h`: the same drawing, nested.
pub fn nest(chart: &str, x: f64, y: f64, w: f64, h: f64) -> String {
    match chart.strip_prefix("<svg") {
        Some(rest) => format!("<svg x=\"{x:.0}\" y=\"{y:.0}\" width=\"{w:.0}\" height=\"{h:.0}\"{rest}"),
        None => String::new(),
    }
}

/// The site's address without the scheme, for the foot of a card.
fn address(env: &Env) -> String {
    let u = env.site.config.base_url.as_str();
    let u = u.split_once("://").map_or(u, |(_, r)| r);
    u.trim_end_matches('/').to_string()
}

/// The absolute URL of the image a brief is shared with: its own (`image:`)
/// or its card.
pub(crate) fn brief_image(env: &Env, d: &Doc) -> Option<String> {
    Some(match &d.image {
        Some(p) => env.urls.file_abs(p),
        None => env.urls.abs(&d.lang, &format!("{}card.png", doc_path(d))),
    })
}

/// Gives every page its [`SocialImage`] and returns the card files.
pub(crate) fn attach(env: &Env, pages: &mut [Page], painter: &Arc<Painter>) -> Vec<OutFile> {
    let mut files = Vec::new();
    let mut homes: BTreeMap<String, SocialImage> = BTreeMap::new();
    let site = |lang: &str| env.site.config.title.get(lang, env.default_lang()).text.to_string();
    for p in pages.iter_mut() {
        let card = match p.template {
            "brief.html" => match p.body.and_then(|i| env.site.docs.get(i)) {
                Some(d) if d.image.is_some() => {
                    p.image = brief_image(env, d).map(|url| SocialImage {
                        url,
                        width: None,
                        height: None,
                        mime: mime(d),
                        alt: d.title.clone(),
                    });
                    continue;
                }
                Some(d) => Some(brief_card(env, d)),
                None => None,
            },
            "country.html" => p.key.strip_prefix("radar:").and_then(|code| country_card(env, code, &p.lang, &p.title)),
            "tracker.html" => p
                .key
                .strip_prefix("tracker:")
                .and_then(|id| env.site.trackers.iter().find(|t| t.id == id))
                .map(|t| tracker_card(env, t, &p.lang, &p.title)),
            "home.html" => Some(Card {
                site: site(&p.lang),
                address: address(env),
                title: p.description.clone(),
                lines: Vec::new(),
                visual: Visual::None,
            }),
            _ => None,
        };
        let Some(mut card) = card else { continue };
        card.site = site(&p.lang);
        card.address = address(env);
        let dir = if p.path.ends_with('/') || p.path.is_empty() { p.path.clone() } else { continue };
        let path = format!("{}{dir}card.png", env.site.config.languages.prefix(&p.lang));
        let alt = if p.template == "home.html" { card.site.clone() } else { format!("{} · {}", p.title, card.site) };
        let image = SocialImage {
            url: env.urls.abs(&p.lang, &format!("{dir}card.png")),
            width: Some(WIDTH),
            height: Some(HEIGHT),
            mime: "image/png",
            alt,
        };
        if p.template == "home.html" {
            homes.insert(p.lang.clone(), image.clone());
        }
        p.image = Some(image);
        let raster = Raster { painter: Arc::clone(painter), art: Art::Card(card), scale: 1.0 };
        files.push(OutFile { path, body: Body::Derived(Derived::Raster(Arc::new(raster))) });
    }
    // Every other page is shared with its language's home card.
    for p in pages.iter_mut().filter(|p| p.image.is_none()) {
        p.image = homes.get(&p.lang).cloned();
    }
    files
}

fn mime(d: &Doc) -> &'static str {
    let ext = d.image.as_deref().and_then(|p| p.rsplit_once('.')).map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("png") => "image/png",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        _ => "image/jpeg",
    }
}

fn brief_card(env: &Env, d: &Doc) -> Card {
    let loc = env.locale(&d.lang);
    let mut meta = Vec::new();
    if let Some(date) = d.date {
        meta.push(loc.date(date));
    }
    if !d.authors.is_empty() {
        meta.push(d.authors.join(", "));
    }
    let lines = if meta.is_empty() { Vec::new() } else { vec![meta.join(" · ")] };
    Card { site: String::new(), address: String::new(), title: d.title.clone(), lines, visual: Visual::None }
}

fn country_card(env: &Env, code: &str, lang: &str, title: &str) -> Option<Card> {
    let c = env.site.config.countries.iter().find(|c| c.code.as_str() == code)?;
    let chart = super::radar::country_chart(env, c, lang, &format!("card-{code}"));
    let (visual, lines) = match chart {
        Some(ch) => (Visual::Chart(ch.svg), vec![ch.scale]),
        None => (Visual::None, vec![env.locale(lang).t("no_assessment")]),
    };
    Some(Card { site: String::new(), address: String::new(), title: title.to_string(), lines, visual })
}

/// Counts of every recommendation × site country cell per status, in
/// [`Status::ALL`] order; `not-applicable` cells are left out (counted as 0).
pub(crate) fn tracker_counts(
    t: &Tracker,
    country: Option<&crate::content::country::CountryCode>,
) -> [usize; Status::ALL.len()] {
    let mut counts = [0usize; Status::ALL.len()];
    // Every recommendation holds one assessment per site country.
    for (s, n) in t.counts(country) {
        if let Some(i) = Status::ALL.iter().position(|x| *x == s) {
            counts[i] += n;
        }
    }
    counts
}

fn tracker_card(env: &Env, t: &Tracker, lang: &str, title: &str) -> Card {
    let loc = env.locale(lang);
    let labels = Status::ALL.into_iter().map(|s| loc.t(&format!("status_{}", s.code()))).collect();
    let lines = vec![loc.plural("recommendations_count", t.recommendations.len())];
    Card {
        site: String::new(),
        address: String::new(),
        title: title.to_string(),
        lines,
        visual: Visual::Bar(tracker_counts(t, None), labels),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_takes_the_first_value_of_each_property() {
        let p = Palette::from_css(
            ":root { --accent: #0b5cad; --fg:#111 }\n@media (prefers-color-scheme: dark) { :root { --accent: #7cb7ff; } }",
        );
        assert_eq!(p.get("accent", "x"), "#0b5cad");
        assert_eq!(p.get("fg", "x"), "#111");
        assert_eq!(p.get("none", "red"), "red");
        assert_eq!(Palette::from_css(":root{--a: url(\"x\")}").get("a", "red"), "red");
    }

    #[test]
    fn chart_rules_come_from_the_theme_with_colours_resolved() {
        let css = ":root { --line: #ddd; }\n.radar-chart { max-width: 1rem; }\n.radar-chart .grid { fill: none; stroke: var(--line); }\n@media print { .radar-chart .grid { stroke: #000; } }";
        assert_eq!(chart_rules(css, &Palette::from_css(css)), ".grid{fill: none; stroke: #ddd;}");
    }

    #[test]
    fn nesting_keeps_the_drawing() {
        assert_eq!(
            nest("<svg class=\"c\" viewBox=\"0 0 5 5\"><g></g></svg>", 1.0, 2.0, 3.0, 4.0),
            "<svg x=\"1\" y=\"2\" width=\"3\" height=\"4\" class=\"c\" viewBox=\"0 0 5 5\"><g></g></svg>"
        );
    }

    /// RGB pixels of a PNG.
    fn pixels(png: &[u8]) -> Vec<u8> {
        let mut d = png::Decoder::new(png);
        d.set_transformations(png::Transformations::EXPAND);
        let mut r = d.read_info().expect("png");
        let mut buf = vec![0; r.output_buffer_size()];
        let info = r.next_frame(&mut buf).expect("frame");
        buf.truncate(info.buffer_size());
        assert_eq!(info.color_type, png::ColorType::Rgb, "opaque cards are RGB once expanded");
        buf
    }

    /// How far two RGB images are apart: the pixels that differ, those
    /// that differ by more than 64 levels, the worst difference, and the
    /// worst difference once both are averaged over 2×2 pixels.
    fn apart(a: &[u8], b: &[u8]) -> (usize, usize, u8, u8) {
        assert_eq!(a.len(), b.len());
        let d: Vec<u8> = a
            .chunks_exact(3)
            .zip(b.chunks_exact(3))
            .map(|(x, y)| x.iter().zip(y).map(|(p, q)| p.abs_diff(*q)).max().unwrap_or(0))
            .collect();
        let (differ, far, worst) = (
            d.iter().filter(|&&x| x > 0).count(),
            d.iter().filter(|&&x| x > 64).count(),
            d.iter().copied().max().unwrap_or(0),
        );
        let w = WIDTH as usize;
        let mut coarse = 0u8;
        for y in (0..HEIGHT as usize - 1).step_by(2) {
            for x in (0..w - 1).step_by(2) {
                for ch in 0..3 {
                    let at = |img: &[u8], dx: usize, dy: usize| u32::from(img[((y + dy) * w + x + dx) * 3 + ch]);
                    let avg = |img: &[u8]| (at(img, 0, 0) + at(img, 1, 0) + at(img, 0, 1) + at(img, 1, 1)) / 4;
                    coarse = coarse.max(avg(a).abs_diff(avg(b)) as u8);
                }
            }
        }
        (differ, far, worst, coarse)
    }

    fn text_card(title: &str, lines: &[&str]) -> Card {
        Card {
            site: "Raport i politikave · Qendra".into(),
            address: "raport.example.org/politika".into(),
            title: title.into(),
            lines: lines.iter().map(|l| (*l).to_string()).collect(),
            visual: Visual::None,
        }
    }

    #[test]
    fn flat_cards_look_as_resvg_draws_them() {
        let theme = Theme::load(Path::new("/nonexistent"), "default", &mut crate::diag::Diagnostics::new()).unwrap();
        let p = Painter::new(&theme, None);
        let cards = [
            text_card(
                "Reforma në drejtësi: çfarë mbetet për t’u bërë në Shqipëri",
                &["12 mars 2025 · Ana Hoxha, Besnik Çela"],
            ),
            text_card(
                "Judicial reform in the Western Balkans: what is left to do, and who will do it before the next round of accession talks begins",
                &["12 March 2025 · A. Author"],
            ),
            text_card("Реформа правосуђа у Србији: шта је остало да се уради", &["12. март 2025. · Јована Јовановић"]),
            text_card("Реформа на правосудството во Северна Македонија", &["Ѓорѓи Ќорвезироски, Ѕвонко Џеков"]),
            text_card("Reforma pravosuđa u Crnoj Gori: šta je ostalo — „navodnici“ i ‘apostrofi’", &[]),
            text_card("AVAWAY «Ty» 1/2 ½ € % (a+b) — 10–20", &["WAVE Tj fi fl ffi"]),
        ];
        for card in &cards {
            let marks = card.marks(&p);
            let flat = p.flat.draw(&marks, WIDTH, HEIGHT).expect("a text card is drawn flat");
            let svg = card_svg(&marks);
            let (a, b) = (pixels(&flat), pixels(&p.rasterise(&svg, 1.0)));
            let (differ, far, worst, coarse) = apart(&a, &b);
            // Glyphs on the quarter-pixel grid: edges move by at most an
            // eighth of a pixel, a few levels on a few pixels; a glyph out
            // of place (kerning lost, a wrong baseline) moves whole pixels.
            assert!(
                far == 0 && differ * 100 <= a.len() / 3 * 2 && coarse <= 32,
                "{}: {differ} pixels differ, {far} by more than 64 levels (worst {worst}), by {coarse} over 2x2",
                card.title
            );
        }
    }

    #[test]
    fn cards_flat_drawing_cannot_set_go_to_resvg() {
        let theme = Theme::load(Path::new("/nonexistent"), "default", &mut crate::diag::Diagnostics::new()).unwrap();
        let p = Painter::new(&theme, None);
        // Right-to-left text, characters the theme's faces lack, controls.
        for title in ["تقرير السياسات", "政策报告", "a\u{202E}b", "bell\u{7}"] {
            let marks = text_card(title, &[]).marks(&p);
            assert!(p.flat.draw(&marks, WIDTH, HEIGHT).is_none(), "{title:?} was drawn flat");
            let png = p.card(&marks, &card_svg(&marks), 1.0);
            assert!(png.starts_with(b"\x89PNG"), "{title:?} has no card");
        }
        // A colour that is not #rrggbb, a status bar.
        let mut marks = text_card("Title", &[]).marks(&p);
        assert!(p.flat.draw(&marks, WIDTH, HEIGHT).is_some());
        marks.push(Mark::Rect { w: 10, h: 10, fill: "rgb(1, 2, 3)".into() });
        assert!(p.flat.draw(&marks, WIDTH, HEIGHT).is_none());
        marks.pop();
        marks.push(Mark::Svg("<rect width=\"1\" height=\"1\"/>".into()));
        assert!(p.flat.draw(&marks, WIDTH, HEIGHT).is_none());
    }

    #[test]
    fn a_flat_card_is_the_same_bytes_every_time() {
        let theme = Theme::load(Path::new("/nonexistent"), "default", &mut crate::diag::Diagnostics::new()).unwrap();
        let card = text_card("Reforma në drejtësi — Реформа правосуђа", &["12 mars 2025"]);
        // A painter whose glyphs are already drawn, and a new one.
        let warm = Painter::new(&theme, None);
        let first = warm.flat.draw(&card.marks(&warm), WIDTH, HEIGHT);
        let again = warm.flat.draw(&card.marks(&warm), WIDTH, HEIGHT);
        let fresh = Painter::new(&theme, None);
        assert!(first.is_some());
        assert_eq!(first, again);
        assert_eq!(first, fresh.flat.draw(&card.marks(&fresh), WIDTH, HEIGHT));
    }
}
