//! A tracker's status summary as SVG bars: one stacked bar per
//! row (all countries, then each country), a segment per status as wide as
//! its share, its count written in it where it fits, and a legend that
//! names every status with its symbol, so colour is never the only cue.
//!
//! Takes [`Row`]s of counts in [`Status::ALL`] order and the palette;
//! returns SVG elements (no `<svg>` wrapper) laid out from a given origin,
//! for the standalone chart ([`super::embed`]) and the social card
//! ([`super::cards`]). Coordinates have one decimal, so the same counts
//! give the same bytes.

use std::fmt::Write as _;

use crate::content::tracker::Status;
use crate::render::feeds::xml;

/// One bar: its label and the count of each status, in [`Status::ALL`] order.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Row {
    /// Label in the page language (a country, or "all countries").
    pub label: String,
    /// Counts per status.
    pub counts: [usize; Status::ALL.len()],
}

/// How to draw the bars.
pub(crate) struct Layout {
    /// Left edge of the labels.
    pub x: f64,
    /// Top of the first bar.
    pub y: f64,
    /// Width of the label column (0: no labels).
    pub label_width: f64,
    /// Width of the bars.
    pub bar_width: f64,
    /// Height of a bar.
    pub bar_height: f64,
    /// Distance from one bar's top to the next.
    pub step: f64,
    /// Font size of labels and counts.
    pub font: f64,
}

/// The symbol of a status, as in the theme's badges.
pub(super) fn symbol(s: Status) -> &'static str {
    match s {
        Status::Implemented => "✓",
        Status::PartiallyImplemented => "◐",
        Status::InProgress => "…",
        Status::NotImplemented => "✗",
        Status::NoData => "–",
        Status::NotApplicable => "⊘",
    }
}

fn c(v: f64) -> String {
    let s = format!("{v:.1}");
    if s == "-0.0" { "0.0".to_string() } else { s }
}

/// The bars of `rows`, coloured by `colour(status)`; returns the elements
/// and the y just below the last bar.
pub(super) fn bars(rows: &[Row], l: &Layout, colour: &dyn Fn(Status) -> String, text: &str) -> (String, f64) {
    let mut s = String::new();
    let mut y = l.y;
    for row in rows {
        let total: usize = row.counts.iter().sum();
        let bar_x = l.x + l.label_width;
        if l.label_width > 0.0 {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{text}\">{}</text>",
                c(l.x),
                c(y + l.bar_height / 2.0 + l.font * 0.35),
                c(l.font),
                xml(&row.label)
            );
        }
        if total == 0 {
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{text}\" stroke-dasharray=\"4 3\"></rect>",
                c(bar_x),
                c(y),
                c(l.bar_width),
                c(l.bar_height)
            );
        }
        let mut x = bar_x;
        for (status, &n) in Status::ALL.iter().zip(&row.counts) {
            if n == 0 || total == 0 {
                continue;
            }
            let w = l.bar_width * n as f64 / total as f64;
            let fill = colour(*status);
            let _ = write!(
                s,
                "<rect class=\"status-{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"></rect>",
                status.code(),
                c(x),
                c(y),
                c(w),
                c(l.bar_height)
            );
            // The count, where it fits (three digits at most take about two font sizes).
            if w >= l.font * 2.2 {
                let _ = write!(
                    s,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"#ffffff\" text-anchor=\"middle\">{n}</text>",
                    c(x + w / 2.0),
                    c(y + l.bar_height / 2.0 + l.font * 0.35),
                    c(l.font)
                );
            }
            x += w;
        }
        y += l.step;
    }
    (s, y - l.step + l.bar_height)
}

/// A legend of every status: symbol, label and count, in lines no wider
/// than `width` (measured by `measure(text, size)`). Returns the elements
/// and the y of the last line's baseline.
#[allow(clippy::too_many_arguments)]
pub(crate) fn legend(
    items: &[(Status, String)],
    x: f64,
    y: f64,
    width: f64,
    font: f64,
    colour: &dyn Fn(Status) -> String,
    text: &str,
    measure: &dyn Fn(&str, f64) -> f64,
) -> (String, f64) {
    let mut s = String::new();
    let (mut cx, mut cy) = (x, y);
    for (status, label) in items {
        let sym = symbol(*status);
        let w = measure(sym, font) + font * 0.4 + measure(label, font) + font * 1.2;
        if cx > x && cx + w > x + width {
            cx = x;
            cy += font * 1.5;
        }
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"><tspan fill=\"{}\" font-weight=\"bold\">{sym}</tspan><tspan fill=\"{text}\" dx=\"{}\">{}</tspan></text>",
            c(cx),
            c(cy),
            c(font),
            colour(*status),
            c(font * 0.4),
            xml(label)
        );
        cx += w;
    }
    (s, cy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_as_wide_as_their_share_and_empty_rows_are_outlined() {
        let rows = vec![
            Row { label: "Shqipëria".into(), counts: [1, 1, 0, 2, 0, 0] },
            Row { label: "Kosova".into(), counts: [0; Status::ALL.len()] },
        ];
        let l =
            Layout { x: 0.0, y: 0.0, label_width: 100.0, bar_width: 400.0, bar_height: 20.0, step: 30.0, font: 12.0 };
        let (svg, bottom) = bars(&rows, &l, &|_| "#000".into(), "#111");
        assert!(svg.contains("class=\"status-not-implemented\" x=\"100.0\" y=\"0.0\" width=\"100.0\""), "{svg}");
        assert!(svg.contains("class=\"status-implemented\" x=\"300.0\" y=\"0.0\" width=\"200.0\""), "{svg}");
        assert!(svg.contains(">Shqipëria</text>") && svg.contains("stroke-dasharray"), "{svg}");
        assert_eq!(bottom, 50.0);
    }
}
