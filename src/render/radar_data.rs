//! Radar data downloads (SPEC §7): `/data/radar.json` and `/data/radar.csv`.
//!
//! Takes the site's [`Radar`] and returns two language-neutral [`OutFile`]s,
//! once per site (none when there is no `dimensions.yaml`). Every site
//! country and every assessed year is included, years in ascending order;
//! scores are written with a decimal point, exactly as the editor wrote them;
//! a missing score is `null` in JSON and an empty cell in CSV (never 0).
//! Output is deterministic.

use super::csv::push_row;
use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::{Body, Env, OutFile};
use crate::Error;
use crate::content::radar::Radar;
use crate::i18n::Text;

/// Site-relative path of the JSON download.
pub(super) const JSON: &str = "data/radar.json";
/// Site-relative path of the CSV download.
pub(super) const CSV: &str = "data/radar.csv";

/// The JSON and CSV downloads, when the site has radar dimensions.
pub(crate) fn data_files(env: &Env) -> Result<Vec<OutFile>, Error> {
    let Some(radar) = env.site.radar.as_ref().filter(|r| !r.dimensions.is_empty()) else {
        return Ok(Vec::new());
    };
    Ok(vec![
        OutFile { path: JSON.to_string(), body: Body::Bytes(json(env, radar)?.into_bytes()) },
        OutFile { path: CSV.to_string(), body: Body::Bytes(csv(env, radar).into_bytes()) },
    ])
}

#[derive(Serialize)]
struct JsonRadar<'a> {
    url: String,
    languages: &'a [String],
    scale: JsonScale,
    dimensions: Vec<JsonDimension<'a>>,
    countries: Vec<JsonCountry<'a>>,
}

#[derive(Serialize)]
struct JsonScale {
    min: Value,
    max: Value,
}

#[derive(Serialize)]
struct JsonDimension<'a> {
    id: &'a str,
    label: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct JsonCountry<'a> {
    code: &'a str,
    name: BTreeMap<String, String>,
    url: String,
    assessments: Vec<JsonAssessment>,
}

#[derive(Serialize)]
struct JsonAssessment {
    year: u16,
    scores: BTreeMap<String, Value>,
    findings: Option<BTreeMap<String, String>>,
}

/// A number as JSON: whole numbers without `.0`.
fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 { Value::from(v as i64) } else { Value::from(v) }
}

/// A number for CSV: whole numbers without `.0`, else the shortest exact form.
fn csv_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") }
}

/// A text in every site language, falling back to the default language.
fn per_lang(env: &Env, t: &Text) -> BTreeMap<String, String> {
    let def = env.default_lang();
    env.languages().iter().map(|l| (l.clone(), t.get(l, def).text.to_string())).collect()
}

/// The whole radar as one JSON document.
pub(super) fn json(env: &Env, radar: &Radar) -> Result<String, Error> {
    let def = env.default_lang();
    let doc = JsonRadar {
        url: env.urls.abs(def, "radar/"),
        languages: env.languages(),
        scale: JsonScale { min: number(radar.scale.min), max: number(radar.scale.max) },
        dimensions: radar
            .dimensions
            .iter()
            .map(|d| JsonDimension { id: &d.id, label: per_lang(env, &d.label) })
            .collect(),
        countries: env
            .site
            .config
            .countries
            .iter()
            .map(|c| JsonCountry {
                code: c.code.as_str(),
                name: per_lang(env, &c.name),
                url: env.urls.abs(def, &format!("radar/{}/", c.code.as_str())),
                assessments: radar
                    .countries
                    .get(c.code.as_str())
                    .map(|cr| {
                        cr.assessments
                            .iter()
                            .rev()
                            .map(|a| JsonAssessment {
                                year: a.year,
                                scores: radar
                                    .dimensions
                                    .iter()
                                    .map(|d| (d.id.clone(), a.scores.get(&d.id).map_or(Value::Null, |v| number(*v))))
                                    .collect(),
                                findings: a.findings.as_ref().map(|f| per_lang(env, f)),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            })
            .collect(),
    };
    let mut s = crate::to_json("the radar data", &doc, true)?;
    s.push('\n');
    Ok(s)
}

/// The radar as CSV: one row per country and year (site order, then years
/// ascending). Columns: `country`, the name in each language, `year`, then one
/// column per dimension id in `dimensions.yaml` order; a missing score is empty.
pub(super) fn csv(env: &Env, radar: &Radar) -> String {
    let langs = env.languages();
    let def = env.default_lang();
    let mut header: Vec<String> = vec!["country".into()];
    header.extend(langs.iter().map(|l| format!("name_{l}")));
    header.push("year".into());
    header.extend(radar.dimensions.iter().map(|d| d.id.clone()));
    let mut out = String::new();
    push_row(&mut out, &header);
    for c in &env.site.config.countries {
        let Some(cr) = radar.countries.get(c.code.as_str()) else {
            continue;
        };
        for a in cr.assessments.iter().rev() {
            let mut row = vec![c.code.as_str().to_string()];
            row.extend(langs.iter().map(|l| c.name.get(l, def).text.to_string()));
            row.push(a.year.to_string());
            row.extend(
                radar.dimensions.iter().map(|d| a.scores.get(&d.id).map(|v| csv_number(*v)).unwrap_or_default()),
            );
            push_row(&mut out, &row);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_a_point_and_drop_trailing_zeros() {
        assert_eq!(csv_number(3.0), "3");
        assert_eq!(csv_number(2.5), "2.5");
        assert_eq!(number(3.0).to_string(), "3");
        assert_eq!(number(2.25).to_string(), "2.25");
    }
}
