//! Cards that are only text on flat colours (a brief's, the home page's),
//! drawn without resvg: most of a site's cards, and the slow part of a build
//! whose card cache is empty.
//!
//! The card's [`Mark`]s are drawn straight into palette indices, so there is
//! no RGBA canvas to fill and then scan for its colours: rectangles are runs
//! of one index; each line of text is shaped with rustybuzz (as resvg's text
//! layout does, with the same faces of the theme) and its glyphs are drawn
//! from masks rasterised once per glyph, size and quarter-pixel offset by
//! tiny-skia, with the anti-aliasing resvg's own drawing has. A glyph lands
//! on tiny-skia's quarter-pixel grid, at most an eighth of a pixel from
//! where resvg puts it, which changes a few levels on the edges of letters
//! and nothing a reader sees (`tests/sharing.rs`).
//!
//! Anything else returns `None` and the card goes to resvg: another mark
//! (a chart, a status bar), a colour that is not `#rrggbb`, a character the
//! faces lack (resvg would look for it in another face), text that is not
//! left to right, or more than 256 colours.

use std::sync::{Arc, RwLock};

use resvg::tiny_skia::{FillRule, Mask, PathBuilder, Transform};
use resvg::usvg::fontdb;
use rustc_hash::FxHashMap;

use super::Mark;

/// How many glyph masks are kept: a site's few scripts at a card's few
/// sizes need some thousands (a few MiB); titles in every script the faces
/// have could otherwise keep hundreds of MiB.
const KEPT_GLYPHS: usize = 20_000;

/// The faces cards are set in, and the glyphs drawn so far.
pub(super) struct Flat {
    /// Regular and bold, as resvg picks them for `sans-serif`.
    faces: [Option<Face>; 2],
    glyphs: RwLock<FxHashMap<Key, Arc<Glyph>>>,
}

struct Face {
    data: Vec<u8>,
    index: u32,
}

/// A glyph of one face at one size and quarter-pixel offset.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    bold: bool,
    id: u16,
    /// The font size's bits.
    size: u32,
    /// The offset in quarter pixels: x in the low two bits, y in the next.
    sub: u8,
}

/// A glyph's coverage, placed relative to the whole pixel of its origin.
struct Glyph {
    left: i32,
    top: i32,
    width: usize,
    alpha: Vec<u8>,
    /// Each row's columns from the first to past the last that are not blank.
    rows: Vec<(u16, u16)>,
}

impl Flat {
    /// The faces of `db` that resvg uses for `sans-serif`, regular and bold.
    pub(super) fn new(db: &fontdb::Database) -> Flat {
        let face = |weight| {
            let families = [fontdb::Family::SansSerif, fontdb::Family::Serif];
            let query = fontdb::Query { families: &families, weight, ..fontdb::Query::default() };
            let id = db.query(&query)?;
            db.with_face_data(id, |data, index| Face { data: data.to_vec(), index })
        };
        Flat { faces: [face(fontdb::Weight::NORMAL), face(fontdb::Weight::BOLD)], glyphs: RwLock::default() }
    }

    /// The PNG of `marks` on a `width`×`height` card, or `None` when they
    /// are not only flat rectangles and text this can set.
    pub(super) fn draw(&self, marks: &[Mark], width: u32, height: u32) -> Option<Vec<u8>> {
        let (w, h) = (width as usize, height as usize);
        let mut canvas =
            Canvas { w, h, pixels: Vec::new(), colours: Vec::new(), blends: FxHashMap::default(), made: Vec::new() };
        let faces: [Option<(&Face, rustybuzz::Face)>; 2] = [0, 1].map(|i| {
            let f = self.faces[i].as_ref()?;
            Some((f, rustybuzz::Face::from_slice(&f.data, f.index)?))
        });
        for (i, mark) in marks.iter().enumerate() {
            match mark {
                Mark::Rect { w: rw, h: rh, fill } => {
                    let c = canvas.colour(rgb(fill)?)?;
                    if i == 0 {
                        // The first fills the card: every other mark is drawn on it.
                        if (*rw, *rh) != (width, height) {
                            return None;
                        }
                        canvas.pixels = vec![c; w * h];
                        continue;
                    }
                    let (rw, rh) = ((*rw as usize).min(w), (*rh as usize).min(h));
                    for row in canvas.pixels.chunks_exact_mut(w).take(rh) {
                        row[..rw].fill(c);
                    }
                }
                Mark::Text { x, y, size, bold, fill, text } => {
                    if canvas.pixels.is_empty() {
                        return None;
                    }
                    let (face, shaper) = faces[usize::from(*bold)].as_ref()?;
                    let colour = rgb(fill)?;
                    self.text(&mut canvas, face, shaper, *bold, (*x, *y, *size), colour, text)?;
                }
                Mark::Svg(_) => return None,
            }
        }
        canvas.encode(width, height)
    }

    /// Draws one line of `text` with its baseline starting at `at.0, at.1`,
    /// `at.2` pixels high.
    #[allow(clippy::too_many_arguments)]
    fn text(
        &self,
        canvas: &mut Canvas,
        face: &Face,
        shaper: &rustybuzz::Face,
        bold: bool,
        at: (f32, f32, f32),
        colour: [u8; 3],
        text: &str,
    ) -> Option<()> {
        let (x0, y0, size) = at;
        if text.is_empty() {
            return Some(());
        }
        if !text.chars().all(settable) {
            return None;
        }
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        let shaped = rustybuzz::shape(shaper, &[], buffer);
        let (infos, positions) = (shaped.glyph_infos(), shaped.glyph_positions());
        if infos.iter().any(|g| g.glyph_id == 0) {
            return None;
        }
        let scale = size / shaper.units_per_em().max(1) as f32;
        // Glyphs placed as resvg's layout places them: a cluster's glyphs
        // from its start, each by the advances before it in the cluster; a
        // cluster as wide as its widest glyph.
        let mut placed: Vec<(u16, f32, f32)> = Vec::with_capacity(infos.len());
        let mut pen = x0;
        let mut i = 0;
        while i < infos.len() {
            let cluster = infos[i].cluster;
            let (mut inner, mut widest) = (0i32, 0f32);
            while i < infos.len() && infos[i].cluster == cluster {
                let p = positions[i];
                let gx = pen + (inner + p.x_offset) as f32 * scale;
                let gy = y0 - p.y_offset as f32 * scale;
                placed.push((u16::try_from(infos[i].glyph_id).ok()?, gx, gy));
                inner += p.x_advance;
                widest = widest.max(p.x_advance as f32 * scale);
                i += 1;
            }
            pen += widest;
        }
        // Glyphs that share a pixel add up their coverage, as they would in
        // the one path resvg makes of a line: a pixel drawn in this colour
        // is drawn again from the colour under it with the sum.
        let (w, h) = (canvas.w as i32, canvas.h as i32);
        let mut mixes: Vec<(u8, [u16; 256])> = Vec::new();
        let mut last = usize::MAX;
        for &(id, gx, gy) in &placed {
            let (qx, qy) = ((gx * 4.0).round() as i32, (gy * 4.0).round() as i32);
            let sub = (qx & 3) as u8 | (((qy & 3) as u8) << 2);
            let g = self.glyph(face, Key { bold, id, size: size.to_bits(), sub }, scale)?;
            let (ox, oy) = ((qx >> 2) + g.left, (qy >> 2) + g.top);
            for (r, &(c0, c1)) in g.rows.iter().enumerate() {
                let y = oy + r as i32;
                if y < 0 || y >= h || c0 >= c1 {
                    continue;
                }
                let row = &g.alpha[r * g.width..(r + 1) * g.width];
                // Columns on the card only.
                let c0 = usize::from(c0).max((-ox).max(0) as usize);
                let c1 = usize::from(c1).min((w - ox).max(0) as usize);
                for (c, &a) in row.iter().enumerate().take(c1).skip(c0) {
                    if a == 0 {
                        continue;
                    }
                    let at = y as usize * canvas.w + (ox + c as i32) as usize;
                    let under = canvas.pixels[at];
                    if mixes.get(last).is_none_or(|m| m.0 != under) {
                        last = match mixes.iter().position(|m| m.0 == under) {
                            Some(i) => i,
                            None => {
                                mixes.push((under, [u16::MAX; 256]));
                                mixes.len() - 1
                            }
                        };
                    }
                    let slot = &mut mixes[last].1[usize::from(a)];
                    if *slot == u16::MAX {
                        *slot = u16::from(canvas.over(under, colour, a)?);
                    }
                    canvas.pixels[at] = *slot as u8;
                }
            }
        }
        Some(())
    }

    /// The mask of a glyph, rasterised the first time it is asked for.
    fn glyph(&self, face: &Face, key: Key, scale: f32) -> Option<Arc<Glyph>> {
        if let Some(g) = self.glyphs.read().ok()?.get(&key) {
            return Some(Arc::clone(g));
        }
        let g = Arc::new(rasterise(face, key, scale)?);
        let mut glyphs = self.glyphs.write().ok()?;
        // Bounded, whatever the titles: past that, glyphs are drawn each time.
        if glyphs.len() >= KEPT_GLYPHS {
            return Some(g);
        }
        Some(Arc::clone(glyphs.entry(key).or_insert(g)))
    }
}

/// A glyph's mask at its quarter-pixel offset; an empty one for a glyph
/// with no outline (a space).
fn rasterise(face: &Face, key: Key, scale: f32) -> Option<Glyph> {
    let empty = Glyph { left: 0, top: 0, width: 0, alpha: Vec::new(), rows: Vec::new() };
    let parsed = ttf_parser::Face::parse(&face.data, face.index).ok()?;
    let id = ttf_parser::GlyphId(key.id);
    let mut outline = Outline(PathBuilder::new());
    let Some(bounds) = parsed.outline_glyph(id, &mut outline) else { return Some(empty) };
    let Some(path) = outline.0.finish() else { return Some(empty) };
    let (dx, dy) = (f32::from(key.sub & 3) / 4.0, f32::from(key.sub >> 2) / 4.0);
    // The pixels the outline touches, and one more on every side.
    let left = (dx + f32::from(bounds.x_min) * scale).floor() as i32 - 1;
    let right = (dx + f32::from(bounds.x_max) * scale).ceil() as i32 + 1;
    let top = (dy - f32::from(bounds.y_max) * scale).floor() as i32 - 1;
    let bottom = (dy - f32::from(bounds.y_min) * scale).ceil() as i32 + 1;
    let (width, height) = (u32::try_from(right - left).ok()?, u32::try_from(bottom - top).ok()?);
    let mut mask = Mask::new(width, height)?;
    // Font units are y-up: flipped, scaled, and moved to the offset.
    let ts = Transform::from_row(scale, 0.0, 0.0, -scale, dx - left as f32, dy - top as f32);
    mask.fill_path(&path, FillRule::Winding, true, ts);
    let alpha = mask.data().to_vec();
    let rows = alpha
        .chunks_exact(width as usize)
        .map(|row| {
            let first = row.iter().position(|&a| a != 0).unwrap_or(0);
            let end = row.iter().rposition(|&a| a != 0).map_or(0, |i| i + 1);
            (u16::try_from(first).unwrap_or(0), u16::try_from(end).unwrap_or(0))
        })
        .collect();
    Some(Glyph { left, top, width: width as usize, alpha, rows })
}

/// A glyph outline as a tiny-skia path, in font units.
struct Outline(PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

/// Whether a character is set here: letters, marks, digits and punctuation
/// of left-to-right scripts; not controls, not right-to-left letters, not
/// the marks that change direction.
fn settable(c: char) -> bool {
    let u = c as u32;
    if u < 0x20 || (0x7f..0xa0).contains(&u) {
        return false;
    }
    // Latin, its marks, Greek, Cyrillic; punctuation (but the direction
    // marks), currency and letter-like signs, number forms, arrows.
    matches!(u, 0x20..=0x7e | 0xa0..=0x052f | 0x1e00..=0x1fff | 0x2000..=0x200d | 0x2010..=0x2027 | 0x202f..=0x205f | 0x2070..=0x21ff)
}

/// `#rrggbb` (or `#rgb`) as RGB.
fn rgb(css: &str) -> Option<[u8; 3]> {
    let hex = css.trim().strip_prefix('#')?;
    let digit = |i: usize, n: usize| u8::from_str_radix(hex.get(i..i + n)?, 16).ok();
    match hex.len() {
        6 => Some([digit(0, 2)?, digit(2, 2)?, digit(4, 2)?]),
        3 => Some([digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17]),
        _ => None,
    }
}

/// A card as palette indices.
struct Canvas {
    w: usize,
    h: usize,
    pixels: Vec<u8>,
    /// The palette, in the order colours were first drawn.
    colours: Vec<[u8; 3]>,
    /// (colour under, colour drawn, coverage) → index.
    blends: FxHashMap<(u8, [u8; 3], u8), u8>,
    /// How each palette colour was made, when it is a blend.
    made: Vec<Option<(u8, [u8; 3], u8)>>,
}

impl Canvas {
    /// The index of `c`, added to the palette if new; `None` past 256.
    fn colour(&mut self, c: [u8; 3]) -> Option<u8> {
        if let Some(i) = self.colours.iter().position(|&x| x == c) {
            return u8::try_from(i).ok();
        }
        if self.colours.len() == 256 {
            return None;
        }
        self.colours.push(c);
        self.made.push(None);
        u8::try_from(self.colours.len() - 1).ok()
    }

    /// The index of `c` drawn with coverage `a` over the colour at `under`:
    /// when that is `c` itself drawn over another, the coverages add up.
    fn over(&mut self, under: u8, c: [u8; 3], a: u8) -> Option<u8> {
        match self.made[usize::from(under)] {
            Some((first, drawn, before)) if drawn == c => self.blend(first, c, before.saturating_add(a)),
            _ => self.blend(under, c, a),
        }
    }

    /// The index of `c` drawn with coverage `a` over the colour at `under`,
    /// mixed as tiny-skia mixes them.
    fn blend(&mut self, under: u8, c: [u8; 3], a: u8) -> Option<u8> {
        if let Some(&i) = self.blends.get(&(under, c, a)) {
            return Some(i);
        }
        let d = self.colours[usize::from(under)];
        let mix = |d: u8, s: u8| ((u32::from(d) * u32::from(255 - a) + u32::from(s) * u32::from(a) + 255) >> 8) as u8;
        let i = self.colour([mix(d[0], c[0]), mix(d[1], c[1]), mix(d[2], c[2])])?;
        if self.made[usize::from(i)].is_none() && a != 255 {
            self.made[usize::from(i)] = Some((under, c, a));
        }
        self.blends.insert((under, c, a), i);
        Some(i)
    }

    /// The card as an indexed PNG, filtered and compressed as
    /// [`super::encode`] does it.
    fn encode(&self, width: u32, height: u32) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, width, height);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_color(png::ColorType::Indexed);
        enc.set_palette(self.colours.concat());
        enc.set_compression(png::Compression::Fast);
        enc.set_filter(png::FilterType::Up);
        enc.write_header().and_then(|mut w| w.write_image_data(&self.pixels)).ok()?;
        Some(out)
    }
}
