//! Radar charts as inline SVG, drawn at build time (SPEC §7: no JavaScript,
//! no external library).
//!
//! Takes a [`Chart`]: the scale, one [`Axis`] per dimension with the latest
//! and previous score (either may be missing), the texts in the page
//! language. Returns the `<svg>` markup: concentric grid, axes, the previous
//! year as a dashed outline under the latest year's filled area, a marker per
//! score (circles for the latest year, squares for the previous one, so that
//! colour is never the only difference), a cross at the tip of every axis
//! whose latest score is missing, and axis labels. A missing score is a gap
//! in the outline, never a point at zero. `role="img"` with `<title>` and
//! `<desc>` gives screen readers the whole content in words.
//!
//! Coordinates are written with one decimal and `-0.0` normalised, so the
//! same data always gives the same bytes.

use std::f64::consts::PI;
use std::fmt::Write as _;

use crate::content::radar::Scale;
use crate::markdown::escape_html;

/// One axis of the chart: a dimension and its scores.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Axis {
    /// The dimension's label in the page language.
    pub label: String,
    /// The latest year's score, if there is one.
    pub latest: Option<f64>,
    /// The previous year's score, if there is one.
    pub previous: Option<f64>,
}

/// Everything needed to draw one chart.
pub(crate) struct Chart<'a> {
    /// Prefix for the ids of `<title>` and `<desc>`; unique in the page.
    pub id: &'a str,
    /// Short accessible name.
    pub title: &'a str,
    /// Long description: every score in words.
    pub desc: &'a str,
    /// The scale (centre = min, outer ring = max).
    pub scale: Scale,
    /// The axes, clockwise from the top; at least three to draw a chart.
    pub axes: &'a [Axis],
    /// Draw the previous year's outline.
    pub with_previous: bool,
    /// Full size with axis labels and ring values; else a small multiple.
    pub labelled: bool,
    /// Formats a ring value in the page language ("2,5" or "2.5").
    pub number: &'a dyn Fn(f64) -> String,
}

/// Size of the drawing: view box, centre and outer radius.
struct Geometry {
    width: f64,
    height: f64,
    cx: f64,
    cy: f64,
    r: f64,
}

impl Geometry {
    fn of(labelled: bool) -> Geometry {
        if labelled {
            Geometry { width: 640.0, height: 460.0, cx: 320.0, cy: 230.0, r: 150.0 }
        } else {
            Geometry { width: 220.0, height: 220.0, cx: 110.0, cy: 110.0, r: 80.0 }
        }
    }

    /// The point at `fraction` (0 = centre, 1 = outer ring) of axis `i` of `n`.
    fn point(&self, i: usize, n: usize, fraction: f64) -> (f64, f64) {
        let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
        (self.cx + self.r * fraction * angle.cos(), self.cy + self.r * fraction * angle.sin())
    }
}

/// A coordinate with one decimal; never `-0.0`.
fn c(v: f64) -> String {
    let s = format!("{v:.1}");
    if s == "-0.0" { "0.0".to_string() } else { s }
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_html(&mut out, s);
    out
}

/// Where `score` lies between the centre (0) and the outer ring (1).
fn fraction(scale: Scale, score: f64) -> f64 {
    let span = scale.max - scale.min;
    if span <= 0.0 { 0.0 } else { ((score - scale.min) / span).clamp(0.0, 1.0) }
}

/// How many grid rings: one per unit on small whole-number scales, else four.
fn ring_count(scale: Scale) -> usize {
    let span = scale.max - scale.min;
    if span.fract() == 0.0 && (2.0..=10.0).contains(&span) { span as usize } else { 4 }
}

/// Each ring's place between the centre (0, the first) and the outer ring (1).
fn rings(scale: Scale) -> impl Iterator<Item = f64> {
    let count = ring_count(scale);
    (0..=count).map(move |k| k as f64 / count as f64)
}

/// Draws the chart. Returns an empty string for fewer than three axes.
pub(crate) fn radar_chart(chart: &Chart<'_>) -> String {
    let n = chart.axes.len();
    if n < 3 {
        return String::new();
    }
    let g = Geometry::of(chart.labelled);
    let mut s = String::with_capacity(4096);
    let class = if chart.labelled { "radar-chart" } else { "radar-chart small" };
    let _ = write!(
        s,
        "<svg class=\"{class}\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        g.width.round() as u32,
        g.height.round() as u32,
        esc(chart.title),
        esc(chart.desc),
        id = esc(chart.id),
    );
    grid(&mut s, &g, chart);
    if chart.with_previous {
        series(&mut s, &g, chart, "previous", |a| a.previous);
    }
    series(&mut s, &g, chart, "latest", |a| a.latest);
    markers(&mut s, &g, chart);
    if chart.labelled {
        ticks(&mut s, &g, chart);
        labels(&mut s, &g, chart);
    }
    numbers(&mut s, &g, chart);
    s.push_str("</svg>");
    s
}

/// Concentric rings and the axes.
fn grid(s: &mut String, g: &Geometry, chart: &Chart<'_>) {
    let n = chart.axes.len();
    s.push_str("<g class=\"grid\">");
    for f in rings(chart.scale).skip(1) {
        let pts: Vec<String> = (0..n).map(|i| g.point(i, n, f)).map(|(x, y)| format!("{},{}", c(x), c(y))).collect();
        let _ = write!(s, "<polygon points=\"{}\"></polygon>", pts.join(" "));
    }
    s.push_str("</g><g class=\"axis\">");
    for i in 0..n {
        let (x, y) = g.point(i, n, 1.0);
        let _ = write!(s, "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"></line>", c(g.cx), c(g.cy), c(x), c(y));
    }
    s.push_str("</g>");
}

/// The ring values, on the rings between the first and the last axis:
/// beside an axis they would sit under its data markers. Drawn over the
/// shapes, with a halo in the theme's background (`paint-order`).
fn ticks(s: &mut String, g: &Geometry, chart: &Chart<'_>) {
    let n = chart.axes.len();
    s.push_str("<g class=\"tick\" text-anchor=\"middle\">");
    for f in rings(chart.scale) {
        let v = chart.scale.min + (chart.scale.max - chart.scale.min) * f;
        let ((x0, y0), (x1, y1)) = (g.point(0, n, f), g.point(n - 1, n, f));
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            c((x0 + x1) / 2.0),
            c((y0 + y1) / 2.0 + 4.0),
            esc(&(chart.number)(v))
        );
    }
    s.push_str("</g>");
}

/// One year's shape: a closed polygon when every score is there, else the
/// segments between neighbouring scores, with gaps where a score is missing.
fn series(s: &mut String, g: &Geometry, chart: &Chart<'_>, class: &str, score: impl Fn(&Axis) -> Option<f64>) {
    let n = chart.axes.len();
    let pts: Vec<Option<(f64, f64)>> =
        chart.axes.iter().enumerate().map(|(i, a)| score(a).map(|v| g.point(i, n, fraction(chart.scale, v)))).collect();
    if pts.iter().all(Option::is_none) {
        return;
    }
    if pts.iter().all(Option::is_some) {
        let list: Vec<String> = pts.iter().flatten().map(|(x, y)| format!("{},{}", c(*x), c(*y))).collect();
        let _ = write!(s, "<polygon class=\"{class}\" points=\"{}\"></polygon>", list.join(" "));
        return;
    }
    let mut d = String::new();
    for i in 0..n {
        let (Some(Some(a)), Some(Some(b))) = (pts.get(i), pts.get((i + 1) % n)) else { continue };
        let _ = write!(d, "M{},{}L{},{}", c(a.0), c(a.1), c(b.0), c(b.1));
    }
    if !d.is_empty() {
        let _ = write!(s, "<path class=\"{class} gaps\" d=\"{d}\"></path>");
    }
}

/// A marker on every score, and a cross where the latest score is missing.
fn markers(s: &mut String, g: &Geometry, chart: &Chart<'_>) {
    let n = chart.axes.len();
    let size = if chart.labelled { 3.5 } else { 2.5 };
    for (i, a) in chart.axes.iter().enumerate() {
        if chart.with_previous
            && let Some(v) = a.previous
        {
            let (x, y) = g.point(i, n, fraction(chart.scale, v));
            let _ = write!(
                s,
                "<rect class=\"point previous-point\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"></rect>",
                c(x - size),
                c(y - size),
                c(2.0 * size),
                c(2.0 * size)
            );
        }
        match a.latest {
            Some(v) => {
                let (x, y) = g.point(i, n, fraction(chart.scale, v));
                let _ = write!(
                    s,
                    "<circle class=\"point latest-point\" cx=\"{}\" cy=\"{}\" r=\"{}\"></circle>",
                    c(x),
                    c(y),
                    c(size)
                );
            }
            None => {
                let (x, y) = g.point(i, n, 1.0);
                let k = size * 1.6;
                let _ = write!(
                    s,
                    "<path class=\"missing\" d=\"M{},{}L{},{}M{},{}L{},{}\"></path>",
                    c(x - k),
                    c(y - k),
                    c(x + k),
                    c(y + k),
                    c(x - k),
                    c(y + k),
                    c(x + k),
                    c(y - k)
                );
            }
        }
    }
}

/// Axis labels outside the outer ring, wrapped to short lines.
fn labels(s: &mut String, g: &Geometry, chart: &Chart<'_>) {
    let n = chart.axes.len();
    const LINE: f64 = 16.0;
    s.push_str("<g class=\"label\" aria-hidden=\"true\">");
    for (i, a) in chart.axes.iter().enumerate() {
        let (x, y) = g.point(i, n, 1.0 + 16.0 / g.r);
        let anchor = if (x - g.cx).abs() < 1.0 {
            "middle"
        } else if x > g.cx {
            "start"
        } else {
            "end"
        };
        let lines = wrap(&a.label, LABEL_WIDTH);
        let count = lines.len() as f64;
        // Above the centre, the block grows upwards; level with it, it is centred.
        let top = if y < g.cy - 1.0 {
            y - (count - 1.0) * LINE
        } else if y > g.cy + 1.0 {
            y + LINE * 0.7
        } else {
            y - (count - 1.0) * LINE / 2.0 + 4.0
        };
        let _ = write!(s, "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">", c(x), c(top));
        for (k, line) in lines.iter().enumerate() {
            if k == 0 {
                let _ = write!(s, "<tspan x=\"{}\">{}</tspan>", c(x), esc(line));
            } else {
                let _ = write!(s, "<tspan x=\"{}\" dy=\"{}\">{}</tspan>", c(x), c(LINE), esc(line));
            }
        }
        s.push_str("</text>");
    }
    s.push_str("</g>");
}

/// The axis numbers (1 = the top axis, then clockwise) just outside the
/// outer ring: what a small multiple shows, and what a full chart shows
/// instead of its labels on a narrow screen (the theme's CSS chooses), each
/// matching the numbered key beside the chart.
fn numbers(s: &mut String, g: &Geometry, chart: &Chart<'_>) {
    let n = chart.axes.len();
    let out = if chart.labelled { 22.0 } else { 14.0 };
    s.push_str("<g class=\"axis-num\" aria-hidden=\"true\">");
    for i in 0..n {
        let (x, y) = g.point(i, n, 1.0 + out / g.r);
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" dominant-baseline=\"central\">{}</text>",
            c(x),
            c(y),
            i + 1
        );
    }
    s.push_str("</g>");
}

/// Characters per line of an axis label: what fits beside the chart at the
/// theme's label size.
const LABEL_WIDTH: usize = 20;

/// Splits `text` into lines of at most about `max` characters, at spaces; a
/// word longer than a line is cut with a hyphen.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut words: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() <= max {
            words.push(word.to_string());
            continue;
        }
        let mut rest = chars.as_slice();
        while rest.len() > max {
            let (head, tail) = rest.split_at(max - 1);
            words.push(format!("{}-", head.iter().collect::<String>()));
            rest = tail;
        }
        words.push(rest.iter().collect());
    }
    for word in &words {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axes(latest: &[Option<f64>], previous: &[Option<f64>]) -> Vec<Axis> {
        latest
            .iter()
            .zip(previous)
            .enumerate()
            .map(|(i, (l, p))| Axis { label: format!("Dimension {i}"), latest: *l, previous: *p })
            .collect()
    }

    fn draw(axes: &[Axis], with_previous: bool, labelled: bool) -> String {
        let number = |v: f64| crate::i18n::format_number(v).replace('.', ",");
        radar_chart(&Chart {
            id: "radar-al",
            title: "Albania <2023>",
            desc: "Legal framework: 3",
            scale: Scale { min: 0.0, max: 5.0 },
            axes,
            with_previous,
            labelled,
            number: &number,
        })
    }

    #[test]
    fn complete_years_are_closed_polygons_latest_over_previous() {
        let a = axes(&[Some(5.0), Some(2.5), Some(0.0), Some(1.0)], &[Some(4.0), Some(2.0), Some(1.0), Some(1.0)]);
        let svg = draw(&a, true, true);
        assert!(svg.starts_with("<svg class=\"radar-chart\" viewBox=\"0 0 640 460\" role=\"img\" aria-labelledby=\"radar-al-title\" aria-describedby=\"radar-al-desc\"><title id=\"radar-al-title\">Albania &lt;2023&gt;</title>"), "{svg}");
        // Top axis at full score reaches the outer ring; score 0 sits at the centre.
        assert!(
            svg.contains("<polygon class=\"latest\" points=\"320.0,80.0 395.0,230.0 320.0,230.0 290.0,230.0\">"),
            "{svg}"
        );
        let prev = svg.find("class=\"previous\"").unwrap_or(usize::MAX);
        let latest = svg.find("class=\"latest\"").unwrap_or(0);
        assert!(prev < latest, "previous is drawn under latest");
        assert!(svg.contains(">5</text>") && svg.contains(">0</text>"), "ring values: {svg}");
        assert!(!svg.contains("-0.0"));
    }

    #[test]
    fn missing_scores_are_gaps_and_crosses_not_zero() {
        let a = axes(&[Some(3.0), None, Some(3.0), Some(3.0)], &[None; 4]);
        let svg = draw(&a, false, true);
        assert!(!svg.contains("<polygon class=\"latest\""), "{svg}");
        assert!(
            svg.contains("<path class=\"latest gaps\" d=\"M280.0,126.0L196.0,210.0M196.0,210.0L280.0,126.0\">")
                || svg.contains("class=\"latest gaps\""),
            "{svg}"
        );
        assert_eq!(svg.matches("class=\"missing\"").count(), 1);
        assert_eq!(svg.matches("latest-point").count(), 3);
        // Nothing is drawn at the centre for the missing axis.
        assert!(!svg.contains("cx=\"320.0\" cy=\"230.0\""), "{svg}");
        assert!(!svg.contains("class=\"previous"), "{svg}");
    }

    #[test]
    fn fewer_than_three_axes_draw_nothing() {
        assert_eq!(draw(&axes(&[Some(1.0), Some(2.0)], &[None, None]), false, true), "");
    }

    #[test]
    fn small_multiples_have_no_labels_and_stay_accessible() {
        let a = axes(&[Some(1.0), Some(2.0), Some(3.0)], &[Some(1.0), None, Some(2.0)]);
        let svg = draw(&a, true, false);
        assert!(svg.contains("class=\"radar-chart small\""));
        assert!(svg.contains("role=\"img\"") && svg.contains("<desc id=\"radar-al-desc\">"));
        assert!(!svg.contains("class=\"label\"") && !svg.contains("class=\"tick\""), "{svg}");
        // The axes are numbered, clockwise from the top, for the key beside the charts.
        assert!(svg.contains("<g class=\"axis-num\" aria-hidden=\"true\"><text x=\"110.0\" y=\"16.0\""), "{svg}");
        assert!(svg.contains(">1</text>") && svg.contains(">3</text>") && !svg.contains(">4</text>"), "{svg}");
        assert!(svg.contains("class=\"previous gaps\""), "{svg}");
    }

    #[test]
    fn rings_follow_whole_number_scales() {
        assert_eq!(ring_count(Scale { min: 0.0, max: 5.0 }), 5);
        assert_eq!(ring_count(Scale { min: 0.0, max: 1.0 }), 4);
        assert_eq!(ring_count(Scale { min: 0.0, max: 100.0 }), 4);
    }

    #[test]
    fn labels_wrap_at_spaces() {
        assert_eq!(wrap("Hetimi dhe ndjekja penale e krimit", 18), ["Hetimi dhe ndjekja", "penale e krimit"]);
        assert_eq!(wrap("", 18), [""]);
        // A word longer than a line is cut, never left to run off the chart.
        assert_eq!(wrap("Kundërzbulimikriminalistik", 12), ["Kundërzbuli-", "mikriminali-", "stik"]);
    }

    proptest::proptest! {
        #[test]
        fn any_scores_give_finite_well_formed_svg(
            n in 3usize..13,
            latest in proptest::collection::vec(proptest::option::of(-10.0f64..10.0), 12),
            previous in proptest::collection::vec(proptest::option::of(-10.0f64..10.0), 12),
        ) {
            let mut l = latest;
            l.resize(n, None);
            let mut p = previous;
            p.resize(n, None);
            let svg = draw(&axes(&l, &p), true, true);
            proptest::prop_assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
            proptest::prop_assert!(!svg.contains("NaN") && !svg.contains("inf") && !svg.contains("-0.0"));
            proptest::prop_assert_eq!(svg.matches("class=\"missing\"").count(), l.iter().filter(|x| x.is_none()).count());
        }
    }

    #[test]
    fn same_data_same_bytes() {
        let a = axes(&[Some(1.3), Some(2.7), Some(3.1), Some(4.9), Some(0.2)], &[Some(1.0); 5]);
        assert_eq!(draw(&a, true, true), draw(&a, true, true));
    }
}
