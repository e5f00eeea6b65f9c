//! The data the home page shows (SPEC §7): every tracker's progress per
//! country as a stacked bar of statuses with the same counts in words, each
//! linking to the tracker page. The latest radar of every country comes from
//! [`super::radar::home`].
//!
//! Takes the [`Env`]; returns views for `home.html`.

use serde::Serialize;

use super::Env;
use super::view::LocalText;
use crate::content::tracker::Status;

/// One status's part of a country's bar.
#[derive(Serialize)]
pub(crate) struct Segment {
    /// Status code (`implemented`): the CSS class and symbol.
    pub code: &'static str,
    /// The status in words.
    pub label: String,
    /// How many recommendations have it.
    pub count: usize,
    /// Its share of the bar, in percent with one decimal (`"37.5"`).
    pub percent: String,
    /// Its share of the bar in whole percent, at least 1 for a status with a
    /// count: the default theme's `w-N` class sets the part's width from it,
    /// so that the page needs no `style` attribute.
    pub share: u32,
}

/// One country's progress in a tracker.
#[derive(Serialize)]
pub(crate) struct CountryProgress {
    /// The country's name.
    pub name: LocalText,
    /// The tracker page, at the country's column.
    pub href: String,
    /// The statuses with a count, best first.
    pub segments: Vec<Segment>,
    /// The whole bar in words: "Albania: 2 implemented, 1 in progress".
    pub text: String,
}

/// A tracker's progress, country by country.
#[derive(Serialize)]
pub(crate) struct TrackerProgress {
    /// Title in the page language.
    pub title: LocalText,
    /// The tracker page.
    pub href: String,
    /// "10 recommendations".
    pub count: String,
    /// Every status in bar order, for the legend.
    pub legend: Vec<Segment>,
    /// Site countries, in site order.
    pub countries: Vec<CountryProgress>,
}

/// Where a status sits in a bar: done first, not assessed last.
fn rank(s: Status) -> usize {
    match s.code() {
        "implemented" => 0,
        "partially-implemented" => 1,
        "in-progress" => 2,
        "not-implemented" => 3,
        "no-data" => 5,
        _ => 4,
    }
}

/// Statuses a bar shows: all but those that take a country out of the count.
fn shown(s: Status) -> bool {
    s.code() != "not-applicable"
}

/// Every tracker's progress in `lang`, sorted by title.
pub(super) fn trackers(env: &Env, lang: &str) -> Vec<TrackerProgress> {
    let loc = env.locale(lang);
    let def = env.default_lang();
    let mut order: Vec<Status> = Status::ALL.into_iter().filter(|s| shown(*s)).collect();
    order.sort_by_key(|s| rank(*s));
    let mut out: Vec<TrackerProgress> = env
        .site
        .trackers
        .iter()
        .map(|t| {
            let href = env.urls.path(lang, &super::trackers::tracker_path(&t.id));
            let countries = env
                .site
                .config
                .countries
                .iter()
                .map(|c| {
                    let counts = t.counts(Some(&c.code));
                    let total: usize = order.iter().map(|s| counts.get(s).copied().unwrap_or(0)).sum();
                    let segments: Vec<Segment> = order
                        .iter()
                        .filter_map(|s| {
                            let count = counts.get(s).copied().unwrap_or(0);
                            (count > 0).then(|| Segment {
                                code: s.code(),
                                label: super::trackers::badge(env, lang, *s).label,
                                count,
                                percent: format!("{:.1}", 100.0 * count as f64 / total.max(1) as f64),
                                share: share(count, total),
                            })
                        })
                        .collect();
                    let name = LocalText::new(&c.name, lang, def);
                    let parts: Vec<String> =
                        segments.iter().map(|s| format!("{} {}", s.count, s.label.to_lowercase())).collect();
                    let text = format!("{}: {}", name.text, parts.join(", "));
                    CountryProgress { name, href: href.clone(), segments, text }
                })
                .collect();
            TrackerProgress {
                title: LocalText::new(&t.title, lang, def),
                href: href.clone(),
                count: loc.plural("recommendations_count", t.recommendations.len()),
                legend: order
                    .iter()
                    .map(|s| Segment {
                        code: s.code(),
                        label: super::trackers::badge(env, lang, *s).label,
                        count: 0,
                        percent: String::new(),
                        share: 0,
                    })
                    .collect(),
                countries,
            }
        })
        .collect();
    out.sort_by(|a, b| loc.collate(&a.title.text, &b.title.text));
    out
}

/// `count` of `total` in whole percent, rounded, between 1 and 100.
fn share(count: usize, total: usize) -> u32 {
    let pct = (200 * count + total) / (2 * total.max(1));
    u32::try_from(pct).unwrap_or(100).clamp(1, 100)
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn a_share_is_a_whole_percent_never_zero() {
        assert_eq!(share(1, 3), 33);
        assert_eq!(share(2, 3), 67);
        assert_eq!(share(1, 1000), 1);
        assert_eq!(share(5, 5), 100);
        assert_eq!(share(1, 8), 13);
    }
}
