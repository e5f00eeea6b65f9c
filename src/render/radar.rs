//! Radar pages (SPEC §6, §7): `/radar/` and `/radar/<cc>/` in every language.
//!
//! Takes the site's [`Radar`] (which may be absent: every site country still
//! gets its page, since the home page and briefs link there) and returns
//! [`Page`]s. A country page holds its name in the page language, the chart
//! ([`super::svg`]) with a legend that tells years apart by line style, the
//! scores as a table with the previous year and the change since then
//! (numbers in the page language's convention), findings and narrative
//! (Markdown), the briefs tagged with the country and its status in every
//! tracker. The overview shows every country as a small chart and compares
//! the latest scores in one table. Both link the data downloads
//! ([`super::radar_data`]).

use serde::Serialize;
use tera::Context;

use super::svg::{self, Axis, Chart};
use super::view::{BriefCard, LocalText};
use super::{Env, Page};
use crate::content::country::Country;
use crate::content::radar::{Assessment, CountryRadar, Radar, Scale};
use crate::diag::{Diagnostics, SourceFile};
use crate::i18n::{Locale, Text};
use crate::markdown::{self, Rendered};

/// A table cell: a score, a change, or the word for "missing".
#[derive(Serialize, Clone)]
struct Cell {
    text: String,
    missing: bool,
}

#[derive(Serialize)]
struct LegendItem {
    /// `latest`, `previous` or `missing`: the swatch's line style or symbol.
    class: &'static str,
    label: String,
}

#[derive(Serialize)]
struct ChartView {
    svg: String,
    legend: Vec<LegendItem>,
}

#[derive(Serialize)]
struct ScoreRow {
    dimension: LocalText,
    latest: Cell,
    previous: Option<Cell>,
    change: Option<Cell>,
}

#[derive(Serialize)]
struct ScoreTable {
    caption: String,
    latest_year: String,
    previous_year: Option<String>,
    rows: Vec<ScoreRow>,
}

/// Rendered Markdown, with its language when it is not the page's.
#[derive(Serialize)]
struct Html {
    html: String,
    lang: Option<String>,
}

#[derive(Serialize)]
struct Findings {
    year: String,
    body: Html,
}

#[derive(Serialize)]
struct NarrativeView {
    title: Option<LocalText>,
    updated: Option<String>,
    updated_iso: Option<String>,
    body: Html,
}

#[derive(Serialize)]
struct DataLink {
    label: &'static str,
    href: String,
}

/// One recommendation's status in the country: its anchor on the tracker
/// page, and its kind of cell by index in the tracker's `kinds`.
#[derive(Serialize)]
struct RecommendationStatus {
    id: String,
    title: LocalText,
    kind: usize,
}

/// One tracker's recommendations for the country.
#[derive(Serialize)]
struct TrackerStatus {
    title: LocalText,
    href: String,
    /// The kinds of cell the recommendations have, each listed once.
    kinds: Vec<super::trackers::KindView>,
    recommendations: Vec<RecommendationStatus>,
}

/// What the scale means, shown beside every chart.
#[derive(Serialize, Clone)]
struct ScaleView {
    /// "Scale: 0–5".
    range: String,
    /// "0 = no response; 5 = ..." when `low` and `high` are given.
    ends: Option<String>,
    /// Whether a higher score is better, in words.
    direction: Option<String>,
    /// The methodology page.
    methodology: Option<String>,
}

#[derive(Serialize)]
struct CountryView {
    code: String,
    name: LocalText,
    overview: String,
    scale: Option<ScaleView>,
    /// The dimension names in axis order, for the numbered key.
    axes: Vec<LocalText>,
    chart: Option<ChartView>,
    table: Option<ScoreTable>,
    findings: Vec<Findings>,
    narrative: Option<NarrativeView>,
    briefs: Vec<BriefCard>,
    // `trackers` ([`TrackerStatus`]) is listed when the page is rendered.
    data: Vec<DataLink>,
}

#[derive(Serialize)]
struct SmallMultiple {
    name: LocalText,
    href: String,
    svg: String,
    years: String,
    /// The dimensions without a latest score, by axis number, in words.
    missing: Option<String>,
}

#[derive(Serialize)]
struct CompareRow {
    name: LocalText,
    href: String,
    year: Cell,
    cells: Vec<Cell>,
}

#[derive(Serialize)]
struct CompareTable {
    caption: String,
    dimensions: Vec<LocalText>,
    rows: Vec<CompareRow>,
}

#[derive(Serialize)]
struct OverviewView {
    scale: Option<ScaleView>,
    /// The dimension names in axis order: the key to the numbered axes.
    axes: Vec<LocalText>,
    countries: Vec<SmallMultiple>,
    legend: Vec<LegendItem>,
    table: Option<CompareTable>,
    data: Vec<DataLink>,
}

/// `/radar/` and `/radar/<cc>/` for every site country, in every language.
/// Broken `@/` links in findings and narratives are pushed to `diags`.
pub(super) fn pages(env: &Env, diags: &mut Diagnostics) -> Vec<Page> {
    let mut out = Vec::new();
    check_methodology(env, diags);
    for lang in env.languages() {
        out.push(overview_page(env, lang));
        for c in &env.site.config.countries {
            out.push(country_page(env, c, lang, diags));
        }
    }
    out
}

/// The radar data of a country, if the site has any.
fn data_of<'a>(env: &'a Env, code: &str) -> Option<&'a CountryRadar> {
    env.site.radar.as_ref()?.countries.get(code)
}

/// The radar, when it has dimensions to chart and tabulate.
fn charted(env: &Env) -> Option<&Radar> {
    env.site.radar.as_ref().filter(|r| !r.dimensions.is_empty())
}

fn scale_note(loc: &Locale, scale: Scale) -> String {
    loc.t("scale").replace("{min}", &loc.number(scale.min)).replace("{max}", &loc.number(scale.max))
}

/// The methodology page named in `dimensions.yaml`, in `lang` or else the default language.
fn methodology<'a>(env: &'a Env, lang: &str) -> Option<&'a crate::content::doc::Doc> {
    let (stem, _) = env.site.radar.as_ref()?.meaning.methodology.as_ref()?;
    let pages = || env.site.docs.iter().filter(|d| d.section == crate::content::doc::Section::Pages && &d.stem == stem);
    pages().find(|d| d.lang == lang).or_else(|| pages().find(|d| d.lang == env.default_lang()))
}

/// `methodology:` must name a page.
fn check_methodology(env: &Env, diags: &mut Diagnostics) {
    let Some(r) = env.site.radar.as_ref() else { return };
    let (Some((stem, span)), Some(file)) = (&r.meaning.methodology, &r.meaning.file) else { return };
    if methodology(env, env.default_lang()).is_some() {
        return;
    }
    let stems: Vec<&str> = env
        .site
        .docs
        .iter()
        .filter(|d| d.section == crate::content::doc::Section::Pages)
        .map(|d| d.stem.as_str())
        .collect();
    let hint = match crate::diag::did_you_mean(stem, stems.iter().copied()) {
        Some(m) => format!("did you mean `{m}`?"),
        None => "name a page under content/pages/ by its file stem, e.g. `methodology: metodologjia`".to_string(),
    };
    diags.push(
        file.error(
            *span,
            "unknown-page",
            format!("`methodology` names `{stem}`, which is not a page under content/pages/"),
        )
        .with_hint(hint),
    );
}

/// The scale and what it means, in `lang`.
fn scale_view(env: &Env, radar: &Radar, lang: &str) -> ScaleView {
    let loc = env.locale(lang);
    let def = env.default_lang();
    let m = &radar.meaning;
    let ends = match (&m.low, &m.high) {
        (Some(low), Some(high)) => Some(
            loc.t("scale_ends")
                .replace("{min}", &loc.number(radar.scale.min))
                .replace("{max}", &loc.number(radar.scale.max))
                .replace("{low}", low.get(lang, def).text)
                .replace("{high}", high.get(lang, def).text),
        ),
        _ => None,
    };
    ScaleView {
        range: scale_note(loc, radar.scale),
        ends,
        direction: m.higher_is_better.map(|b| loc.t(if b { "higher_is_better" } else { "lower_is_better" })),
        methodology: methodology(env, lang).map(|d| env.urls.path(&d.lang, &super::paths::doc_path(d))),
    }
}

/// The dimension names in axis order.
fn axis_names(radar: &Radar, lang: &str, def: &str) -> Vec<LocalText> {
    radar.dimensions.iter().map(|d| LocalText::new(&d.label, lang, def)).collect()
}

fn score_cell(loc: &Locale, v: Option<f64>) -> Cell {
    match v {
        Some(v) => Cell { text: loc.number(v), missing: false },
        None => Cell { text: loc.t("missing_score"), missing: true },
    }
}

fn data_links(env: &Env) -> Vec<DataLink> {
    if charted(env).is_none() {
        return Vec::new();
    }
    vec![
        DataLink { label: "JSON", href: env.urls.file(super::radar_data::JSON) },
        DataLink { label: "CSV", href: env.urls.file(super::radar_data::CSV) },
    ]
}

/// One axis per dimension with the scores of the latest and previous assessments.
fn axes(radar: &Radar, latest: &Assessment, previous: Option<&Assessment>, lang: &str, def: &str) -> Vec<Axis> {
    radar
        .dimensions
        .iter()
        .map(|d| Axis {
            label: d.label.get(lang, def).text.to_string(),
            latest: latest.scores.get(&d.id).copied(),
            previous: previous.and_then(|p| p.scores.get(&d.id).copied()),
        })
        .collect()
}

/// The chart's description for screen readers: the scale, then every score
/// in words ("Legal framework: 3 (2022: 2.5); ...").
fn describe(loc: &Locale, scale: Scale, axes: &[Axis], previous_year: Option<u16>) -> String {
    let items: Vec<String> = axes
        .iter()
        .map(|a| {
            let mut s = format!("{}: {}", a.label, score_cell(loc, a.latest).text);
            if let Some(y) = previous_year {
                s.push_str(&format!(" ({y}: {})", score_cell(loc, a.previous).text));
            }
            s
        })
        .collect();
    format!("{}. {}.", scale_note(loc, scale), items.join("; "))
}

/// The text with its first letter in upper case, for list items that start with a UI phrase.
fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn legend(loc: &Locale, latest: Option<u16>, previous: Option<u16>, missing: bool) -> Vec<LegendItem> {
    let year = |y: Option<u16>, key: &str| match y {
        Some(y) => format!("{y} ({})", loc.t(key)),
        None => capitalize(&loc.t(key)),
    };
    let mut v = vec![LegendItem { class: "latest", label: year(latest, "latest_assessment") }];
    if previous.is_some() || latest.is_none() {
        v.push(LegendItem { class: "previous", label: year(previous, "previous_assessment") });
    }
    if missing {
        v.push(LegendItem { class: "missing", label: loc.t("legend_missing") });
    }
    v
}

/// The chart of one country: the SVG and its axes (empty SVG below three dimensions).
struct Drawn {
    svg: String,
    axes: Vec<Axis>,
}

/// Draws a country's chart in `lang`; `id` must be unique in the page.
fn draw(
    env: &Env,
    radar: &Radar,
    country: &str,
    id: &str,
    pair: (&Assessment, Option<&Assessment>),
    lang: &str,
    labelled: bool,
) -> Drawn {
    let loc = env.locale(lang);
    let (latest, previous) = pair;
    let axes = axes(radar, latest, previous, lang, env.default_lang());
    let title = match previous {
        Some(p) => loc.t("radar_chart_label").replace("{previous}", &p.year.to_string()),
        None => loc.t("radar_chart_single"),
    }
    .replace("{country}", country)
    .replace("{latest}", &latest.year.to_string());
    let desc = describe(loc, radar.scale, &axes, previous.map(|p| p.year));
    let number = |v: f64| loc.number(v);
    let svg = svg::radar_chart(&Chart {
        id,
        title: &title,
        desc: &desc,
        scale: radar.scale,
        axes: &axes,
        with_previous: previous.is_some(),
        labelled,
        number: &number,
    });
    Drawn { svg, axes }
}

fn country_page(env: &Env, c: &Country, lang: &str, diags: &mut Diagnostics) -> Page {
    let loc = env.locale(lang);
    let code = c.code.as_str();
    let name = LocalText::new(&c.name, lang, env.default_lang());
    let data = data_of(env, code);
    let radar = charted(env);
    let (latest, previous) = data.map_or((None, None), CountryRadar::latest_two);

    let mut chart = None;
    let mut table = None;
    if let (Some(radar), Some(latest)) = (radar, latest) {
        let d = draw(env, radar, &name.text, &format!("radar-{code}"), (latest, previous), lang, true);
        let missing = d.axes.iter().any(|a| a.latest.is_none());
        if !d.svg.is_empty() {
            let legend = legend(loc, Some(latest.year), previous.map(|p| p.year), missing);
            chart = Some(ChartView { svg: d.svg, legend });
        }
        table = Some(score_table(loc, radar, latest, previous, lang, env.default_lang()));
    }
    // The briefs about the country are listed when the page is rendered.
    let ids: Vec<usize> = super::lists::brief_ids(env, lang)
        .into_iter()
        .filter(|&i| env.site.docs[i].countries.contains(&c.code))
        .collect();

    let v = CountryView {
        code: code.to_string(),
        overview: env.urls.path(lang, "radar/"),
        scale: radar.map(|r| scale_view(env, r, lang)),
        axes: radar.map(|r| axis_names(r, lang, env.default_lang())).unwrap_or_default(),
        chart,
        table,
        findings: data.map(|d| findings(env, d, lang, diags)).unwrap_or_default(),
        narrative: data.and_then(|d| narrative(env, d, lang, diags)),
        briefs: Vec::new(),
        data: data_links(env),
        name,
    };
    let title = v.name.text.clone();
    // The statuses of the recommendations are listed when the page is rendered.
    let (country, page_lang) = (c.code.clone(), lang.to_string());
    let ctx = super::lists::with_cards("radar", v, ids, move |env, v| {
        let trackers = tracker_statuses(env, &country, &page_lang);
        v.insert("trackers".into(), tera::Value::try_from_serializable(&trackers)?);
        Ok(())
    });
    let description = loc.t("radar_country_description").replace("{country}", &title);
    Page::new(format!("radar:{code}"), lang, format!("radar/{code}/"), "country.html", title, description, ctx)
}

/// The findings of every year that has some, newest first.
fn findings(env: &Env, d: &CountryRadar, lang: &str, diags: &mut Diagnostics) -> Vec<Findings> {
    let Some(file) = d.file.as_ref() else { return Vec::new() };
    d.assessments
        .iter()
        .filter_map(|a| {
            let f = a.findings.as_ref()?;
            Some(Findings { year: a.year.to_string(), body: render_findings(env, f, file, a, lang, diags) })
        })
        .collect()
}

/// The narrative in `lang`, else in the default language, else in any, marked with its language.
fn narrative(env: &Env, d: &CountryRadar, lang: &str, diags: &mut Diagnostics) -> Option<NarrativeView> {
    let loc = env.locale(lang);
    let (in_lang, n) = d
        .narratives
        .get_key_value(lang)
        .or_else(|| d.narratives.get_key_value(env.default_lang()))
        .or_else(|| d.narratives.iter().next())?;
    let r = render_md(env, n.body(), &n.file, n.body_line, in_lang, diags);
    let other = (in_lang != lang).then(|| in_lang.clone());
    Some(NarrativeView {
        title: n.title.clone().map(|t| LocalText { text: t, lang: other.clone() }),
        updated: n.updated.map(|d| loc.date(d)),
        updated_iso: n.updated.map(|d| d.to_string()),
        body: Html { html: r.html, lang: other },
    })
}

fn score_table(
    loc: &Locale,
    radar: &Radar,
    latest: &Assessment,
    previous: Option<&Assessment>,
    lang: &str,
    def: &str,
) -> ScoreTable {
    let rows = radar
        .dimensions
        .iter()
        .map(|d| {
            let l = latest.scores.get(&d.id).copied();
            let p = previous.and_then(|p| p.scores.get(&d.id).copied());
            let change = previous.map(|_| match (l, p) {
                (Some(l), Some(p)) => Cell { text: loc.signed(l - p), missing: false },
                _ => Cell { text: loc.t("not_comparable"), missing: true },
            });
            ScoreRow {
                dimension: LocalText::new(&d.label, lang, def),
                latest: score_cell(loc, l),
                previous: previous.map(|_| score_cell(loc, p)),
                change,
            }
        })
        .collect();
    ScoreTable {
        caption: loc
            .t("scores_caption")
            .replace("{min}", &loc.number(radar.scale.min))
            .replace("{max}", &loc.number(radar.scale.max)),
        latest_year: latest.year.to_string(),
        previous_year: previous.map(|p| p.year.to_string()),
        rows,
    }
}

/// For every tracker, each recommendation's status in country `c`.
fn tracker_statuses(env: &Env, country: &crate::content::country::CountryCode, lang: &str) -> Vec<TrackerStatus> {
    let def = env.default_lang();
    let loc = env.locale(lang);
    let mut out: Vec<TrackerStatus> = env
        .site
        .trackers
        .iter()
        .map(|t| {
            let mut kinds = super::trackers::Kinds::default();
            let recommendations = t
                .recommendations
                .iter()
                .filter_map(|r| {
                    let a = r.assessment(country)?;
                    Some(RecommendationStatus {
                        id: r.id.clone(),
                        title: LocalText::new(&r.title, lang, def),
                        kind: kinds.of(t, Some(a)),
                    })
                })
                .collect();
            TrackerStatus {
                title: LocalText::new(&t.title, lang, def),
                href: env.urls.path(lang, &super::trackers::tracker_path(&t.id)),
                kinds: kinds.views(env, t, lang),
                recommendations,
            }
        })
        .collect();
    out.sort_by(|a, b| loc.collate(&a.title.text, &b.title.text));
    out
}

/// Renders the findings of `a` in `lang` (or its fallback).
fn render_findings(
    env: &Env,
    t: &Text,
    file: &SourceFile,
    a: &Assessment,
    lang: &str,
    diags: &mut Diagnostics,
) -> Html {
    let l = t.get(lang, env.default_lang());
    let start = a.findings_start(l.lang);
    let mut found = Diagnostics::new();
    let r = render_md(env, l.text, file, start.line, l.lang, &mut found);
    // Columns counted within the text become file columns.
    for d in found.sorted() {
        let mut d = d.clone();
        d.span.col += start.indent;
        diags.push(d);
    }
    Html { html: r.html, lang: (l.lang != lang).then(|| l.lang.to_string()) }
}

/// Renders Markdown written in `in_lang`; broken links (and `#fragment`s
/// that the target does not define) are errors.
fn render_md(
    env: &Env,
    body: &str,
    file: &SourceFile,
    line: usize,
    in_lang: &str,
    diags: &mut Diagnostics,
) -> Rendered {
    let back = env.locale(in_lang).t("footnote_back");
    let cx = markdown::Context {
        lang: in_lang,
        default_lang: env.default_lang(),
        links: &env.links,
        footnote_back: &back,
        unsafe_html: env.site.config.unsafe_html,
        code: None,
    };
    let r = markdown::render(body, line, file, &cx, diags);
    for check in &r.fragment_checks {
        let (section, stem, lang) = &check.target;
        let ids: &[String] = env
            .docs()
            .find(|(d, _)| d.section.dir() == section && &d.stem == stem && &d.lang == lang)
            .map_or(&[], |(_, rd)| rd.ids.as_slice());
        if !ids.contains(&check.fragment) {
            diags.push(markdown::anchor_hint(check.diagnostic.clone(), &check.fragment, ids));
        }
    }
    r
}

/// Every site country's latest chart as a small multiple, with the legend
/// they share; `prefix` keeps the charts' ids unique in the page.
fn small_multiples(env: &Env, lang: &str, prefix: &str) -> (Vec<SmallMultiple>, Vec<LegendItem>) {
    let loc = env.locale(lang);
    let radar = charted(env);
    let mut any_previous = false;
    let mut any_missing = false;
    let mut countries: Vec<SmallMultiple> = Vec::new();
    for c in &env.site.config.countries {
        let code = c.code.as_str();
        let name = LocalText::new(&c.name, lang, env.default_lang());
        let href = env.urls.path(lang, &format!("radar/{code}/"));
        let (latest, previous) = data_of(env, code).map_or((None, None), CountryRadar::latest_two);
        let (Some(radar), Some(latest)) = (radar, latest) else {
            countries.push(SmallMultiple { name, href, svg: String::new(), years: String::new(), missing: None });
            continue;
        };
        let d = draw(env, radar, &name.text, &format!("{prefix}-{code}"), (latest, previous), lang, false);
        any_previous |= previous.is_some();
        any_missing |= d.axes.iter().any(|a| a.latest.is_none());
        let years = match previous {
            Some(p) => loc
                .t("compared_with")
                .replace("{latest}", &latest.year.to_string())
                .replace("{previous}", &p.year.to_string()),
            None => latest.year.to_string(),
        };
        let gaps: Vec<String> = d
            .axes
            .iter()
            .enumerate()
            .filter(|(_, a)| a.latest.is_none())
            .map(|(i, a)| format!("{} {}", i + 1, a.label))
            .collect();
        let missing = (!gaps.is_empty() && !d.svg.is_empty())
            .then(|| loc.t("no_score_for").replace("{dimensions}", &gaps.join(", ")));
        countries.push(SmallMultiple { name, href, svg: d.svg, years, missing });
    }
    let mut legend = legend(loc, None, None, any_missing);
    legend.retain(|i| i.class != "previous" || any_previous);
    if countries.iter().all(|c| c.svg.is_empty()) {
        legend.clear();
    }
    (countries, legend)
}

/// The radar as the home page shows it: every country's latest chart, the
/// scale, the legend and the key to the numbered axes.
#[derive(Serialize)]
pub(crate) struct HomeRadar {
    scale: Option<ScaleView>,
    axes: Vec<LocalText>,
    countries: Vec<SmallMultiple>,
    legend: Vec<LegendItem>,
    /// The overview page.
    href: String,
}

/// The home page's radar in `lang`; `None` when no country has a chart.
pub(super) fn home(env: &Env, lang: &str) -> Option<HomeRadar> {
    let radar = charted(env)?;
    let (countries, legend) = small_multiples(env, lang, "home-radar");
    if countries.iter().all(|c| c.svg.is_empty()) {
        return None;
    }
    Some(HomeRadar {
        scale: Some(scale_view(env, radar, lang)),
        axes: axis_names(radar, lang, env.default_lang()),
        countries,
        legend,
        href: env.urls.path(lang, "radar/"),
    })
}

fn overview_page(env: &Env, lang: &str) -> Page {
    let loc = env.locale(lang);
    let radar = charted(env);
    let (countries, legend) = small_multiples(env, lang, "radar-small");
    let v = OverviewView {
        scale: radar.map(|r| scale_view(env, r, lang)),
        axes: radar.map(|r| axis_names(r, lang, env.default_lang())).unwrap_or_default(),
        countries,
        legend,
        table: radar.map(|r| compare_table(env, r, lang)),
        data: data_links(env),
    };
    let mut ctx = Context::new();
    ctx.insert("overview", &v);
    Page::new(
        "radar".into(),
        lang,
        "radar/".into(),
        "radar.html",
        loc.t("radar_title"),
        loc.t("radar_description"),
        ctx,
    )
}

fn compare_table(env: &Env, radar: &Radar, lang: &str) -> CompareTable {
    let loc = env.locale(lang);
    let def = env.default_lang();
    let rows = env
        .site
        .config
        .countries
        .iter()
        .map(|c| {
            let latest = data_of(env, c.code.as_str()).and_then(|d| d.assessments.first());
            CompareRow {
                name: LocalText::new(&c.name, lang, def),
                href: env.urls.path(lang, &format!("radar/{}/", c.code.as_str())),
                year: match latest {
                    Some(a) => Cell { text: a.year.to_string(), missing: false },
                    None => Cell { text: loc.t("missing_score"), missing: true },
                },
                cells: radar
                    .dimensions
                    .iter()
                    .map(|d| score_cell(loc, latest.and_then(|a| a.scores.get(&d.id).copied())))
                    .collect(),
            }
        })
        .collect();
    CompareTable {
        caption: loc.t("compare_caption"),
        dimensions: radar.dimensions.iter().map(|d| LocalText::new(&d.label, lang, def)).collect(),
        rows,
    }
}

/// A country's chart as its page draws it, for the standalone file, the
/// embed page and the social card ([`super::embed`], [`super::cards`]).
pub(super) struct CountryChart {
    /// The `<svg>` (with `id` as its ids' prefix).
    pub svg: String,
    /// The scale in words ("Scale: 0–5").
    pub scale: String,
    /// The legend: each item's kind (`latest`, `previous`, `missing`) and label.
    pub legend: Vec<(&'static str, String)>,
}

/// The chart of country `c` in `lang`; `None` when it has none.
pub(super) fn country_chart(env: &Env, c: &Country, lang: &str, id: &str) -> Option<CountryChart> {
    let radar = charted(env)?;
    let (latest, previous) = data_of(env, c.code.as_str()).map(CountryRadar::latest_two)?;
    let latest = latest?;
    let loc = env.locale(lang);
    let name = LocalText::new(&c.name, lang, env.default_lang());
    let d = draw(env, radar, &name.text, id, (latest, previous), lang, true);
    if d.svg.is_empty() {
        return None;
    }
    let missing = d.axes.iter().any(|a| a.latest.is_none());
    let legend = legend(loc, Some(latest.year), previous.map(|p| p.year), missing);
    Some(CountryChart {
        svg: d.svg,
        scale: scale_note(loc, radar.scale),
        legend: legend.into_iter().map(|i| (i.class, i.label)).collect(),
    })
}
