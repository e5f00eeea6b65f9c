//! Tracker data downloads (SPEC §5, §7): `/data/trackers/<id>.json` and `.csv`.
//!
//! Takes the loaded [`Tracker`]s and returns language-neutral [`OutFile`]s,
//! once per site. Every (recommendation, site country) pair is present, a
//! country the tracker does not mention as `no-data`, with its entry in
//! every review (the CSV in long format: one row per review); statuses and
//! changes are written as their codes. Texts are given in every site language (a missing
//! translation holds the default language's text). Output is deterministic.

use super::csv::push_row;
use std::collections::BTreeMap;

use serde::Serialize;

use super::{Body, Derived, Env, OutFile};
use crate::Error;
use crate::content::tracker::{Change, Entry, Source, Status, Tracker};
use crate::i18n::Text;

pub(crate) use super::paths::data_path;

/// The JSON and CSV files of every tracker, made when they are written
/// (or checked), one at a time: a tracker of thousands of recommendations
/// is not held as text while the pages render.
pub(crate) fn data_files(env: &Env) -> Vec<OutFile> {
    let mut out = Vec::new();
    for (i, t) in env.site.trackers.iter().enumerate() {
        out.push(OutFile { path: data_path(&t.id, "json"), body: Body::Derived(Derived::TrackerJson(i)) });
        out.push(OutFile { path: data_path(&t.id, "csv"), body: Body::Derived(Derived::TrackerCsv(i)) });
    }
    out
}

#[derive(Serialize)]
struct JsonTracker<'a> {
    id: &'a str,
    url: String,
    title: BTreeMap<String, String>,
    description: Option<BTreeMap<String, String>>,
    source: Option<BTreeMap<String, String>>,
    updated: Option<String>,
    languages: &'a [String],
    countries: Vec<&'a str>,
    statuses: Vec<&'static str>,
    changes: Vec<&'static str>,
    reviews: Vec<JsonReview<'a>>,
    recommendations: Vec<JsonRecommendation<'a>>,
}

#[derive(Serialize)]
struct JsonReview<'a> {
    id: &'a str,
    label: Option<BTreeMap<String, String>>,
    date: Option<String>,
}

#[derive(Serialize)]
struct JsonRecommendation<'a> {
    id: &'a str,
    title: BTreeMap<String, String>,
    text: Option<BTreeMap<String, String>>,
    addressed_to: Option<BTreeMap<String, String>>,
    countries: BTreeMap<&'a str, JsonAssessment<'a>>,
}

/// A cell: the latest review's entry, its change, and every review's entry.
#[derive(Serialize)]
struct JsonAssessment<'a> {
    status: &'static str,
    change: Option<&'static str>,
    note: Option<BTreeMap<String, String>>,
    sources: Vec<JsonSource>,
    reviews: Vec<JsonEntry<'a>>,
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    review: &'a str,
    status: &'static str,
    change: Option<&'static str>,
    note: Option<BTreeMap<String, String>>,
    sources: Vec<JsonSource>,
}

#[derive(Serialize)]
struct JsonSource {
    title: Option<BTreeMap<String, String>>,
    url: Option<String>,
}

/// A text in every site language, falling back to the default language.
fn per_lang(env: &Env, t: &Text) -> BTreeMap<String, String> {
    let def = env.default_lang();
    env.languages().iter().map(|l| (l.clone(), t.get(l, def).text.to_string())).collect()
}

fn sources(env: &Env, e: &Entry) -> Vec<JsonSource> {
    e.sources
        .iter()
        .map(|s| JsonSource { title: s.title.as_ref().map(|t| per_lang(env, t)), url: s.url.clone() })
        .collect()
}

/// The tracker as a JSON document (pretty-printed, keys in a fixed order).
pub(super) fn json(env: &Env, t: &Tracker) -> Result<String, Error> {
    let def = env.default_lang();
    let doc = JsonTracker {
        id: &t.id,
        url: env.urls.abs(def, &super::paths::tracker_path(&t.id)),
        title: per_lang(env, &t.title),
        description: t.description.as_ref().map(|d| per_lang(env, &d.text)),
        source: t.source.as_ref().map(|s| per_lang(env, s)),
        updated: t.updated.map(|d| d.to_string()),
        languages: env.languages(),
        countries: env.site.config.countries.iter().map(|c| c.code.as_str()).collect(),
        statuses: Status::ALL.iter().map(|s| s.code()).collect(),
        changes: Change::ALL.iter().map(|c| c.code()).collect(),
        reviews: t
            .reviews
            .iter()
            .map(|r| JsonReview {
                id: &r.id,
                label: r.label.as_ref().map(|l| per_lang(env, l)),
                date: r.date.map(|d| d.to_string()),
            })
            .collect(),
        recommendations: t
            .recommendations
            .iter()
            .map(|r| JsonRecommendation {
                id: &r.id,
                title: per_lang(env, &r.title),
                text: r.text.as_ref().map(|m| per_lang(env, &m.text)),
                addressed_to: r.addressed_to.as_ref().map(|a| per_lang(env, a)),
                countries: r
                    .countries
                    .iter()
                    .map(|a| {
                        let latest = a.latest();
                        let v = JsonAssessment {
                            status: latest.status.code(),
                            change: a.change().map(Change::code),
                            note: latest.note.as_ref().map(|n| per_lang(env, n)),
                            sources: sources(env, latest),
                            reviews: t
                                .reviews
                                .iter()
                                .zip(&a.reviews)
                                .enumerate()
                                .map(|(i, (rv, e))| JsonEntry {
                                    review: &rv.id,
                                    status: e.status.code(),
                                    change: a.change_at(i).map(Change::code),
                                    note: e.note.as_ref().map(|n| per_lang(env, n)),
                                    sources: sources(env, e),
                                })
                                .collect(),
                        };
                        (a.country.as_str(), v)
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut s = crate::to_json(&format!("the data of tracker `{}`", t.id), &doc, true)?;
    s.push('\n');
    Ok(s)
}

/// A source as one CSV text: `title <url>`, the title alone or the address alone.
fn source_text(s: &Source, def: &str) -> String {
    match (&s.title, &s.url) {
        (Some(t), Some(u)) => format!("{} <{u}>", t.get(def, def).text),
        (Some(t), None) => t.get(def, def).text.to_string(),
        (None, Some(u)) => u.clone(),
        (None, None) => String::new(),
    }
}

/// The tracker as long-format CSV: one row per recommendation, site country
/// and review, in file, site and review order. Columns: `tracker`,
/// `recommendation`, `country`, `review`, `review_date`, `status`, `change`
/// (from the review before; empty for the first), the title and the note in
/// each language, and the sources joined by ` | `.
pub(super) fn csv(env: &Env, t: &Tracker) -> String {
    let langs = env.languages();
    let def = env.default_lang();
    let mut header: Vec<String> = ["tracker", "recommendation", "country", "review", "review_date", "status", "change"]
        .map(String::from)
        .to_vec();
    header.extend(langs.iter().map(|l| format!("title_{l}")));
    header.extend(langs.iter().map(|l| format!("note_{l}")));
    header.push("sources".into());
    let mut out = String::new();
    push_row(&mut out, &header);
    for r in &t.recommendations {
        for c in &env.site.config.countries {
            let Some(a) = r.assessment(&c.code) else {
                continue;
            };
            for (i, (rv, e)) in t.reviews.iter().zip(&a.reviews).enumerate() {
                let mut row = vec![
                    t.id.clone(),
                    r.id.clone(),
                    c.code.0.clone(),
                    rv.id.clone(),
                    rv.date.map(|d| d.to_string()).unwrap_or_default(),
                    e.status.code().to_string(),
                    a.change_at(i).map(|c| c.code().to_string()).unwrap_or_default(),
                ];
                row.extend(langs.iter().map(|l| r.title.get(l, def).text.to_string()));
                row.extend(
                    langs.iter().map(|l| e.note.as_ref().map(|n| n.get(l, def).text.to_string()).unwrap_or_default()),
                );
                row.push(e.sources.iter().map(|s| source_text(s, def)).collect::<Vec<_>>().join(" | "));
                push_row(&mut out, &row);
            }
        }
    }
    out
}
