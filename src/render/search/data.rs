//! The search documents drawn from data files (SPEC §5, §6): one per
//! recommendation of every tracker, linking to its anchor on the tracker page
//! (`/trackers/<id>/#<rec>`); one per year of a country's radar findings
//! (`/radar/<cc>/#findings-<year>`) and one for its narrative
//! (`/radar/<cc>/#radar-narrative`). Text that falls back to the default
//! language is indexed in the language it is written in.

use super::{MAX_TERMS, Source, body_terms};
use crate::content::tracker::Markdown;
use crate::i18n::Text;
use crate::render::Env;
use crate::render::view::shorten;

/// The text of a data document kept in the index, at most this many
/// characters: these texts are short, and `search.js` shows the part of it
/// around the first word found, which need not be in its first sentence.
const TEXT_CHARS: usize = 600;

/// Every recommendation of every tracker, in `lang`: title, text, addressee
/// and the notes of every country (the notes with the country's name).
pub(super) fn recommendations<'a>(env: &'a Env, lang: &'a str) -> Vec<Source<'a>> {
    let def = env.default_lang();
    let mut out = Vec::new();
    for t in &env.site.trackers {
        let tracker_title = t.title.get(lang, def).text.to_string();
        let base = super::super::trackers::tracker_path(&t.id);
        for r in &t.recommendations {
            let title = r.title.get(lang, def).text.to_string();
            let text = r.text.as_ref().map(|m| markdown_text(m, lang, def)).unwrap_or_default();
            let mut fields = vec![title.clone(), r.id.clone()];
            if let Some(a) = &r.addressed_to {
                fields.push(a.get(lang, def).text.to_string());
            }
            let mut body = text.clone();
            for a in &r.countries {
                let mut notes = a.reviews.iter().filter_map(|e| e.note.as_ref()).peekable();
                if notes.peek().is_none() {
                    continue;
                }
                if let Some(c) = super::super::view::country_link(env, &a.country.0, lang) {
                    body.push('\n');
                    body.push_str(&c.name.text);
                }
                for note in notes {
                    body.push('\n');
                    body.push_str(note.get(lang, def).text);
                }
            }
            let snippet = if text.trim().is_empty() { tracker_title.clone() } else { text };
            out.push(Source {
                title,
                url: env.urls.path(lang, &format!("{base}#{}", r.id)),
                date: tracker_title.clone(),
                snippet: shorten(snippet.trim(), TEXT_CHARS),
                kind: "tracker",
                fields,
                body: body_terms(&body, lang, MAX_TERMS).into(),
                lang,
            });
        }
    }
    out
}

/// Every country's findings (one document per year, newest first) and
/// narrative, in `lang`, in the site's country order.
pub(super) fn radar<'a>(env: &'a Env, lang: &'a str) -> Vec<Source<'a>> {
    let def = env.default_lang();
    let loc = env.locale(lang);
    let Some(radar) = env.site.radar.as_ref() else { return Vec::new() };
    let mut out = Vec::new();
    for c in &env.site.config.countries {
        let Some(data) = radar.countries.get(c.code.as_str()) else { continue };
        let name = c.name.get(lang, def).text.to_string();
        let page = format!("radar/{}/", c.code.as_str());
        for a in &data.assessments {
            let Some(f) = &a.findings else { continue };
            let text = crate::markdown::plain_text_of(f.get(lang, def).text);
            let title = format!("{name}: {} {}", loc.t("findings"), a.year);
            out.push(Source {
                fields: vec![title.clone(), name.clone()],
                title,
                url: env.urls.path(lang, &format!("{page}#{}", findings_id(a.year))),
                date: String::new(),
                snippet: shorten(text.trim(), TEXT_CHARS),
                kind: "country",
                body: body_terms(&text, lang, MAX_TERMS).into(),
                lang,
            });
        }
        let narrative =
            data.narratives.get(lang).or_else(|| data.narratives.get(def)).or_else(|| data.narratives.values().next());
        if let Some(n) = narrative {
            let text = crate::markdown::plain_text_of(n.body());
            let heading = n.title.clone().unwrap_or_else(|| loc.t("narrative"));
            let title = format!("{name}: {heading}");
            out.push(Source {
                fields: vec![title.clone(), name.clone()],
                title,
                url: env.urls.path(lang, &format!("{page}#radar-narrative")),
                date: n.updated.map(|d| loc.date(d)).unwrap_or_default(),
                snippet: shorten(text.trim(), TEXT_CHARS),
                kind: "country",
                body: body_terms(&text, lang, MAX_TERMS).into(),
                lang,
            });
        }
    }
    out
}

/// The anchor of a year's findings on a country page (`country.html`).
fn findings_id(year: u16) -> String {
    format!("findings-{year}")
}

/// The plain text of a bilingual Markdown field in `lang`.
fn markdown_text(m: &Markdown, lang: &str, def: &str) -> String {
    let t: &Text = &m.text;
    crate::markdown::plain_text_of(t.get(lang, def).text)
}
