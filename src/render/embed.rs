//! Embeddable charts: each country's radar chart and each
//! tracker's status summary as a standalone SVG file, a PNG of it, and a
//! minimal embed page, in every language; and the `share` value the country
//! and tracker pages show ("download chart", a copyable `<iframe>`).
//!
//! A standalone SVG holds the chart drawn exactly as on the page (the same
//! `<svg>` from [`super::svg`], nested), the theme's chart rules inlined in
//! a `<style>`, a title, the legend, the scale and a source line naming the
//! site and the page, with `<title>` and `<desc>` for screen readers. It is
//! a complete XML document; fonts are named generically. Files sit beside
//! the page: `radar/<cc>/radar-<cc>.svg` and `.png`, `radar/<cc>/embed/`;
//! `trackers/<id>/tracker-<id>.svg` and `.png`, `trackers/<id>/embed/`.

use std::fmt::Write as _;
use std::sync::Arc;

use serde::Serialize;
use tera::Context;

use super::cards::{Painter, Raster, nest};
use super::feeds::xml;
use super::statusbar::{self, Layout, Row};
use super::{Body, Ctx, Derived, Env, OutFile, Page};
use crate::Error;
use crate::content::country::Country;
use crate::content::tracker::{Status, Tracker};

/// Scale of the PNG edition of a chart (twice the SVG's size, for sharp print).
const PNG_SCALE: f32 = 2.0;

/// A chart drawn on its own.
struct Standalone {
    /// The SVG document.
    svg: String,
    /// Short name ("Radar chart for Albania: 2023 over 2022").
    title: String,
    /// Its size.
    width: u32,
    height: u32,
}

/// What the country and tracker pages offer to share their chart.
#[derive(Serialize)]
struct ShareView {
    /// The SVG file.
    svg: String,
    /// The PNG file.
    png: String,
    /// The SVG's file name, for `download`.
    svg_name: String,
    /// The PNG's file name, for `download`.
    png_name: String,
    /// The embed page (absolute).
    embed: String,
    /// The `<iframe>` to paste into another site.
    iframe: String,
}

/// The embed page's data.
#[derive(Serialize)]
struct EmbedView {
    title: String,
    /// The standalone SVG file, shown as an image (no inline `<style>`
    /// under the site's Content-Security-Policy).
    src: String,
    /// The chart's text alternative.
    alt: String,
    width: u32,
    height: u32,
    /// The chart's page (absolute).
    href: String,
}

/// Something with a chart: where its page is and how to draw it.
struct Subject<'a> {
    /// Page key of the page the chart belongs to.
    key: String,
    /// Folder of that page, under the language root (`radar/al/`).
    dir: String,
    /// File name without extension (`radar-al`).
    name: String,
    what: What<'a>,
}

enum What<'a> {
    Country(&'a Country),
    Tracker(&'a Tracker),
}

fn subjects(env: &Env) -> Vec<Subject<'_>> {
    let mut v: Vec<Subject<'_>> = env
        .site
        .config
        .countries
        .iter()
        .map(|c| {
            let code = c.code.as_str();
            Subject {
                key: format!("radar:{code}"),
                dir: format!("radar/{code}/"),
                name: format!("radar-{code}"),
                what: What::Country(c),
            }
        })
        .collect();
    v.extend(env.site.trackers.iter().map(|t| Subject {
        key: format!("tracker:{}", t.id),
        dir: super::trackers::tracker_path(&t.id),
        name: format!("tracker-{}", t.id),
        what: What::Tracker(t),
    }));
    v
}

impl Subject<'_> {
    fn draw(&self, env: &Env, painter: &Painter, lang: &str) -> Option<Standalone> {
        match self.what {
            What::Country(c) => radar_chart(env, painter, c, lang, &self.dir),
            What::Tracker(t) => tracker_chart(env, painter, t, lang, &self.dir),
        }
    }
}

/// The chart files (SVG, PNG) of every country with a chart and every
/// tracker, in every language.
pub(super) fn files(env: &Env, painter: &Arc<Painter>) -> Vec<OutFile> {
    let mut out = Vec::new();
    for lang in env.languages() {
        let prefix = env.site.config.languages.prefix(lang);
        for s in subjects(env) {
            let Some(chart) = s.draw(env, painter, lang) else { continue };
            let base = format!("{prefix}{}{}", s.dir, s.name);
            let raster = Raster::svg(Arc::clone(painter), chart.svg.clone(), PNG_SCALE);
            out.push(OutFile { path: format!("{base}.png"), body: Body::Derived(Derived::Raster(Arc::new(raster))) });
            out.push(OutFile { path: format!("{base}.svg"), body: Body::Bytes(chart.svg.into_bytes()) });
        }
    }
    out
}

/// The embed page of every chart in every language, and the `share` value
/// on the pages the charts belong to.
pub(super) fn pages(env: &Env, painter: &Arc<Painter>, list: &mut Vec<Page>) {
    let mut embeds = Vec::new();
    for p in list.iter_mut().filter(|p| matches!(p.template, "country.html" | "tracker.html")) {
        let Some(s) = subjects(env).into_iter().find(|s| s.key == p.key) else { continue };
        let Some(chart) = s.draw(env, painter, &p.lang) else { continue };
        let embed_path = format!("{}embed/", s.dir);
        let embed_abs = env.urls.abs(&p.lang, &embed_path);
        let share = ShareView {
            svg: env.urls.path(&p.lang, &format!("{}{}.svg", s.dir, s.name)),
            png: env.urls.path(&p.lang, &format!("{}{}.png", s.dir, s.name)),
            svg_name: format!("{}.svg", s.name),
            png_name: format!("{}.png", s.name),
            iframe: format!(
                "<iframe src=\"{}\" title=\"{}\" width=\"{}\" height=\"{}\" style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>",
                xml(&embed_abs),
                xml(&chart.title),
                chart.width,
                chart.height + 48
            ),
            embed: embed_abs,
        };
        let share = tera::Value::try_from_serializable(&share)
            .map_err(|e| format!("could not serialize the chart's share data: {e}"));
        let inner = std::mem::replace(&mut p.ctx, Ctx::Ready(Context::new()));
        p.ctx = Ctx::Later(Box::new(move |env| {
            let mut ctx = inner.build(env)?;
            ctx.insert_value("share", share.clone().map_err(Error::Internal)?);
            Ok(ctx)
        }));
        let view = EmbedView {
            title: chart.title.clone(),
            src: env.urls.path(&p.lang, &format!("{}{}.svg", s.dir, s.name)),
            alt: chart.title.clone(),
            width: chart.width,
            height: chart.height,
            href: env.urls.abs(&p.lang, &s.dir),
        };
        let mut ctx = Context::new();
        ctx.insert("embed", &view);
        let mut e = Page::new(
            format!("embed:{}", s.key),
            &p.lang,
            embed_path,
            "embed.html",
            chart.title,
            p.description.clone(),
            ctx,
        );
        e.in_sitemap = false;
        embeds.push(e);
    }
    list.extend(embeds);
}

/// `text` with the five XML entities read back.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// The text of the first `<tag ...>text</tag>` in `svg`, read back.
fn element_text(svg: &str, tag: &str) -> String {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    svg.find(&open)
        .and_then(|i| svg[i..].find('>').map(|j| i + j + 1))
        .and_then(|start| svg[start..].find(&close).map(|end| unescape(&svg[start..start + end])))
        .unwrap_or_default()
}

/// The `W H` of an `<svg viewBox="0 0 W H">`.
fn view_box(svg: &str) -> Option<(f64, f64)> {
    let at = svg.find("viewBox=\"")? + 9;
    let rest = svg.get(at..)?;
    let v: Vec<f64> = rest[..rest.find('"')?].split_whitespace().filter_map(|n| n.parse().ok()).collect();
    match v.as_slice() {
        [_, _, w, h] => Some((*w, *h)),
        _ => None,
    }
}

/// The opening of a standalone SVG document of `width` × `height`.
fn open(s: &mut String, painter: &Painter, width: f64, height: f64, title: &str, desc: &str) {
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         role=\"img\" aria-labelledby=\"chart-title chart-desc\" font-family=\"'DejaVu Sans', Verdana, Arial, sans-serif\">\
         <title id=\"chart-title\">{}</title><desc id=\"chart-desc\">{}</desc><style>{}</style>\
         <rect width=\"{w}\" height=\"{h}\" fill=\"{}\"></rect>",
        xml(title),
        xml(desc),
        painter.chart_css,
        painter.palette.get("bg", "#ffffff"),
        w = width.round() as u32,
        h = height.round() as u32,
    );
}

/// The heading, wrapped to `width`; returns the y below it.
fn heading(s: &mut String, painter: &Painter, title: &str, width: f64, fg: &str) -> f64 {
    let mut y = 28.0;
    for line in painter.wrap(title, 17.0, true, width - 32.0, 3) {
        let _ = write!(
            s,
            "<text x=\"16\" y=\"{y:.0}\" font-size=\"17\" font-weight=\"bold\" fill=\"{fg}\">{}</text>",
            xml(&line)
        );
        y += 22.0;
    }
    y
}

/// The scale and source lines from `at` (y, and the document's width);
/// returns the document's height.
fn footer(
    s: &mut String,
    env: &Env,
    painter: &Painter,
    lang: &str,
    dir: &str,
    lines: &[String],
    at: (f64, f64),
) -> f64 {
    let (y, width) = at;
    let loc = env.locale(lang);
    let muted = painter.palette.get("muted", "#545d68");
    let site = env.site.config.title.get(lang, env.default_lang()).text;
    let source = loc.t("chart_source").replace("{site}", site).replace("{url}", &env.urls.abs(lang, dir));
    let mut y = y;
    for line in lines.iter().chain([&source]) {
        for l in painter.wrap(line, 12.0, false, width - 32.0, 3) {
            let _ = write!(s, "<text x=\"16\" y=\"{y:.0}\" font-size=\"12\" fill=\"{muted}\">{}</text>", xml(&l));
            y += 17.0;
        }
    }
    y + 4.0
}

fn radar_chart(env: &Env, painter: &Painter, c: &Country, lang: &str, dir: &str) -> Option<Standalone> {
    let chart = super::radar::country_chart(env, c, lang, &format!("radar-{}", c.code.as_str()))?;
    let (w, h) = view_box(&chart.svg)?;
    let title = element_text(&chart.svg, "title");
    let desc = element_text(&chart.svg, "desc");
    let pal = &painter.palette;
    let fg = pal.get("fg", "#1b1f24");
    let mut body = String::new();
    let top = heading(&mut body, painter, &title, w, &fg);
    body.push_str(&nest(&chart.svg, 0.0, top, w, h));
    // The legend: the same line styles and markers as the chart.
    let mut y = top + h + 18.0;
    let mut x = 16.0;
    for (class, label) in &chart.legend {
        let sample = match *class {
            "latest" => format!(
                "<path class=\"latest\" d=\"M{x:.0},{y:.0}h24\"></path><circle class=\"point latest-point\" cx=\"{:.0}\" cy=\"{y:.0}\" r=\"3.5\"></circle>",
                x + 12.0
            ),
            "previous" => format!(
                "<path class=\"previous\" d=\"M{x:.0},{y:.0}h24\"></path><rect class=\"point previous-point\" x=\"{:.1}\" y=\"{:.1}\" width=\"7\" height=\"7\"></rect>",
                x + 8.5,
                y - 3.5
            ),
            _ => format!(
                "<path class=\"missing\" d=\"M{:.0},{:.0}l10,10M{:.0},{:.0}l10,-10\"></path>",
                x + 7.0,
                y - 5.0,
                x + 7.0,
                y + 5.0
            ),
        };
        body.push_str(&sample);
        let _ = write!(
            body,
            "<text x=\"{:.0}\" y=\"{:.0}\" font-size=\"12\" fill=\"{fg}\">{}</text>",
            x + 30.0,
            y + 4.0,
            xml(label)
        );
        x += 30.0 + painter.measure(label, 12.0, false) + 20.0;
        if x > w - 120.0 {
            x = 16.0;
            y += 20.0;
        }
    }
    let height = footer(&mut body, env, painter, lang, dir, &[chart.scale], (y + 26.0, w));
    let mut s = String::with_capacity(body.len() + 1024);
    open(&mut s, painter, w, height, &title, &desc);
    s.push_str(&body);
    s.push_str("</svg>\n");
    Some(Standalone { svg: s, title, width: w.round() as u32, height: height.round() as u32 })
}

fn tracker_chart(env: &Env, painter: &Painter, t: &Tracker, lang: &str, dir: &str) -> Option<Standalone> {
    let loc = env.locale(lang);
    let def = env.default_lang();
    let pal = &painter.palette;
    let fg = pal.get("fg", "#1b1f24");
    let width = 640.0;
    let title = t.title.get(lang, def).text.to_string();
    let mut rows = vec![Row { label: loc.t("chart_all_countries"), counts: super::cards::tracker_counts(t, None) }];
    rows.extend(env.site.config.countries.iter().map(|c| Row {
        label: c.name.get(lang, def).text.to_string(),
        counts: super::cards::tracker_counts(t, Some(&c.code)),
    }));
    let labels: Vec<String> = Status::ALL.into_iter().map(|s| loc.t(&format!("status_{}", s.code()))).collect();
    let desc = rows
        .iter()
        .map(|r| {
            let parts: Vec<String> = labels.iter().zip(&r.counts).map(|(l, n)| format!("{l} {n}")).collect();
            format!("{}: {}", r.label, parts.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mut body = String::new();
    let top = heading(&mut body, painter, &title, width, &fg) + 6.0;
    let layout =
        Layout { x: 16.0, y: top, label_width: 190.0, bar_width: 418.0, bar_height: 22.0, step: 30.0, font: 13.0 };
    let (bars, bottom) = statusbar::bars(&rows, &layout, &|s| pal.status(s), &fg);
    body.push_str(&bars);
    let items: Vec<(Status, String)> = Status::ALL.into_iter().zip(labels).collect();
    let measure = |text: &str, size: f64| painter.measure(text, size, false);
    let (legend, last) =
        statusbar::legend(&items, 16.0, bottom + 26.0, width - 32.0, 13.0, &|s| pal.status(s), &fg, &measure);
    body.push_str(&legend);
    let scale = loc.plural("chart_tracker_scale", t.recommendations.len());
    let height = footer(&mut body, env, painter, lang, dir, &[scale], (last + 28.0, width));
    let mut s = String::with_capacity(body.len() + 1024);
    open(&mut s, painter, width, height, &title, &desc);
    s.push_str(&body);
    s.push_str("</svg>\n");
    Some(Standalone { svg: s, title, width: width as u32, height: height.round() as u32 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_and_sizes_are_read_from_the_inline_chart() {
        let svg = "<svg class=\"radar-chart\" viewBox=\"0 0 560 420\"><title id=\"a-title\">Shqipëria &amp; &lt;2023&gt;</title><desc id=\"d\">x</desc></svg>";
        assert_eq!(element_text(svg, "title"), "Shqipëria & <2023>");
        assert_eq!(element_text(svg, "desc"), "x");
        assert_eq!(view_box(svg), Some((560.0, 420.0)));
    }
}
