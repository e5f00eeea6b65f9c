//! Page generators for briefs and pages (SPEC §7): home, the paginated brief
//! list, each brief, topics, plain pages and the bilingual 404 page.
//!
//! Each generator returns [`Page`] values; the shared chrome is added later.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::view::{self, AttachmentView, BriefCard, DocView, TopicLink};
use super::{BODY_MARK, Ctx, Env, Page};
use crate::content::doc::{Doc, Section};
use crate::markdown::Rendered;
use crate::slug::slugify;

/// The path of a document under its language root.
pub fn doc_path(d: &Doc) -> String {
    match d.section {
        Section::Briefs => format!("briefs/{}/", d.slug),
        Section::Pages => format!("{}/", d.slug),
    }
}

/// Identity of a document across languages: translations share it (`briefs:alpha`).
pub fn doc_key(d: &Doc) -> String {
    format!("{}:{}", d.section.dir(), d.stem)
}

/// Briefs of `lang`, newest first (then by stem, for a stable order).
pub fn briefs_of<'a>(env: &'a Env, lang: &str) -> Vec<(&'a Doc, &'a Rendered)> {
    brief_ids(env, lang).into_iter().map(|i| (&env.site.docs[i], &*env.rendered[i])).collect()
}

/// Indices (in `site.docs`) of the briefs of `lang`, newest first.
pub fn brief_ids(env: &Env, lang: &str) -> Vec<usize> {
    let docs = &env.site.docs;
    let mut v: Vec<usize> =
        (0..docs.len()).filter(|&i| docs[i].section == Section::Briefs && docs[i].lang == lang).collect();
    v.sort_by(|&a, &b| docs[b].date.cmp(&docs[a].date).then_with(|| docs[a].stem.cmp(&docs[b].stem)));
    v
}

/// The cards of the briefs `ids`, built when the page is rendered.
fn cards(env: &Env, ids: &[usize]) -> Vec<BriefCard> {
    ids.iter().map(|&i| view::brief_card(env, &env.site.docs[i], &env.rendered[i])).collect()
}

/// Template data holding `view` under `name`, whose `briefs` field (empty
/// in `view`) is filled with the cards of `ids` when the page is rendered:
/// a country's or a tracker's page may list hundreds of briefs.
///
/// The view waits as compact JSON text, a fraction of the size of a value
/// tree, and becomes one tree only while the page renders: a tracker of
/// thousands of recommendations held three trees at once before (#13).
pub fn with_cards(name: &'static str, view: &impl Serialize, ids: Vec<usize>) -> Ctx {
    let base = serde_json::to_string(view).unwrap_or_default();
    Ctx::later(move |env| {
        let mut v: tera::Value = serde_json::from_str(&base).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.insert("briefs".into(), tera::to_value(cards(env, &ids)).unwrap_or_default());
        }
        let mut top = tera::Map::new();
        top.insert(name.into(), v);
        Context::from_value(tera::Value::Object(top)).unwrap_or_default()
    })
}

/// The home page of every language: intro, latest briefs, countries.
pub fn home(env: &Env) -> Vec<Page> {
    let def = env.default_lang();
    env.site
        .config
        .languages
        .all()
        .iter()
        .map(|lang| {
            let mut ctx = Context::new();
            // A language without its own intro shows the default one, marked with its language.
            let (intro, intro_lang) = match env.home_intros.get(lang) {
                Some(r) => (r.html.clone(), None),
                None => match env.home_intros.get(def) {
                    Some(r) => (r.html.clone(), Some(def.to_string())),
                    None => (String::new(), None),
                },
            };
            ctx.insert("intro", &intro);
            ctx.insert("intro_lang", &intro_lang);
            let latest: Vec<BriefCard> =
                briefs_of(env, lang).into_iter().take(5).map(|(d, r)| view::brief_card(env, d, r)).collect();
            ctx.insert("latest", &latest);
            let countries: Vec<_> =
                env.site.config.countries.iter().filter_map(|c| view::country_link(env, &c.code.0, lang)).collect();
            ctx.insert("countries", &countries);
            ctx.insert("trackers", &super::trackers::cards(env, lang));
            let site = env.site.config.title.get(lang, def).text.to_string();
            let desc = env
                .site
                .config
                .description
                .as_ref()
                .map(|d| d.get(lang, def).text.to_string())
                .unwrap_or_else(|| site.clone());
            Page::new("home".into(), lang, String::new(), "home.html", site, desc, ctx)
        })
        .collect()
}

#[derive(Serialize)]
struct Pager {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    label: String,
}

/// `/briefs/`, paginated, newest first.
pub fn brief_lists(env: &Env) -> Vec<Page> {
    let per = env.site.config.briefs_per_page.max(1);
    let mut out = Vec::new();
    for lang in env.site.config.languages.all() {
        let loc = env.locale(lang);
        let all = brief_ids(env, lang);
        let chunks: Vec<&[usize]> = if all.is_empty() { vec![&[][..]] } else { all.chunks(per).collect() };
        let total = chunks.len();
        let path_of = |n: usize| if n == 1 { "briefs/".to_string() } else { format!("briefs/page/{n}/") };
        for (i, chunk) in chunks.iter().enumerate() {
            let n = i + 1;
            let pager = Pager {
                current: n,
                total,
                prev: (n > 1).then(|| env.urls.path(lang, &path_of(n - 1))),
                next: (n < total).then(|| env.urls.path(lang, &path_of(n + 1))),
                label: loc.t("page_n_of").replace("{n}", &n.to_string()).replace("{total}", &total.to_string()),
            };
            let mut base = Context::new();
            base.insert("pager", &pager);
            base.insert("count", &loc.plural("briefs_count", all.len()));
            let ids = chunk.to_vec();
            let ctx = Ctx::later(move |env| {
                let mut ctx = base.clone();
                ctx.insert("briefs", &cards(env, &ids));
                ctx
            });
            let mut title = loc.t("briefs_title");
            if n > 1 {
                title = format!("{title} ({})", pager.label);
            }
            out.push(Page::new(
                format!("brief-list:{n}"),
                lang,
                path_of(n),
                "briefs.html",
                title,
                loc.t("briefs_description"),
                ctx,
            ));
        }
    }
    out
}

/// One page per brief and language.
pub fn briefs(env: &Env) -> Vec<Page> {
    (0..env.site.docs.len())
        .filter(|&i| env.site.docs[i].section == Section::Briefs)
        .map(|i| {
            let mut p = doc_page(env, i, "brief.html");
            p.og_type = "article";
            p
        })
        .collect()
}

/// One page per plain page and language, at `/<slug>/`.
pub fn plain_pages(env: &Env) -> Vec<Page> {
    (0..env.site.docs.len())
        .filter(|&i| env.site.docs[i].section == Section::Pages)
        .map(|i| doc_page(env, i, "page.html"))
        .collect()
}

/// The page of document `i`: its data is built when it is rendered, and its
/// body put in after that ([`BODY_MARK`]).
fn doc_page(env: &Env, i: usize, template: &'static str) -> Page {
    let (d, r) = (&env.site.docs[i], &*env.rendered[i]);
    let summary = view::summary(d, r);
    let mut p = Page::new(
        doc_key(d),
        &d.lang,
        doc_path(d),
        template,
        d.title.clone(),
        summary,
        Ctx::later(move |env| doc_ctx(env, i)),
    );
    p.body = Some(i);
    // A draft is built only as a preview (`--drafts`): never offered to crawlers.
    p.in_sitemap = !d.draft;
    p
}

fn doc_ctx(env: &Env, i: usize) -> Context {
    let (d, r) = (&env.site.docs[i], &*env.rendered[i]);
    let lang = d.lang.as_str();
    let loc = env.locale(lang);
    let summary = view::summary(d, r);
    let v = DocView {
        title: d.title.clone(),
        date: d.date.map(|x| loc.date(x)),
        date_iso: d.date.map(|x| x.to_string()),
        updated: d.updated.map(|x| loc.date(x)),
        updated_iso: d.updated.map(|x| x.to_string()),
        authors: d.authors.clone(),
        countries: d.countries.iter().filter_map(|c| view::country_link(env, &c.0, lang)).collect(),
        topics: d
            .topics
            .iter()
            .map(|t| TopicLink { name: t.clone(), href: env.urls.path(lang, &format!("topics/{}/", slugify(t))) })
            .collect(),
        toc: r.toc.clone(),
        content: BODY_MARK.to_string(),
        attachments: d
            .attachments
            .iter()
            .map(|a| AttachmentView {
                name: a.path.rsplit('/').next().unwrap_or(&a.path).to_string(),
                href: env.urls.file(&a.path),
                size: view::human_size(env, lang, a.size),
                kind: a.path.rsplit_once('.').map(|(_, e)| e.to_uppercase()).unwrap_or_default(),
            })
            .collect(),
        tracker: d.tracker.as_ref().and_then(|(id, _)| super::trackers::link(env, id, lang)),
        summary: summary.clone(),
    };
    let mut ctx = Context::new();
    ctx.insert("doc", &v);
    ctx
}

#[derive(Serialize)]
struct TopicView {
    name: String,
    href: String,
    count: String,
}

/// `/topics/` and `/topics/<slug>/` in every language.
pub fn topics(env: &Env) -> Vec<Page> {
    let mut out = Vec::new();
    for lang in env.site.config.languages.all() {
        let loc = env.locale(lang);
        // slug -> (name as first written, briefs newest first)
        let mut by_slug: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
        for i in brief_ids(env, lang) {
            for t in &env.site.docs[i].topics {
                let e = by_slug.entry(slugify(t)).or_insert_with(|| (t.clone(), Vec::new()));
                e.1.push(i);
            }
        }
        let mut list: Vec<TopicView> = by_slug
            .iter()
            .map(|(slug, (name, briefs))| TopicView {
                name: name.clone(),
                href: env.urls.path(lang, &format!("topics/{slug}/")),
                count: loc.plural("briefs_count", briefs.len()),
            })
            .collect();
        list.sort_by(|a, b| loc.collate(&a.name, &b.name));
        let mut ctx = Context::new();
        ctx.insert("topics", &list);
        out.push(Page::new(
            "topics".into(),
            lang,
            "topics/".into(),
            "topics.html",
            loc.t("topics_title"),
            loc.t("topics_description"),
            ctx,
        ));
        for (slug, (name, ids)) in by_slug {
            let mut base = Context::new();
            base.insert("topic", &name);
            base.insert("count", &loc.plural("briefs_count", ids.len()));
            let ctx = Ctx::later(move |env| {
                let mut ctx = base.clone();
                ctx.insert("briefs", &cards(env, &ids));
                ctx
            });
            let desc = loc.t("topic_description").replace("{topic}", &name);
            out.push(Page::new(
                format!("topic:{slug}"),
                lang,
                format!("topics/{slug}/"),
                "topic.html",
                name,
                desc,
                ctx,
            ));
        }
    }
    out
}

/// `/404.html`: GitHub Pages serves one not-found page, so it speaks every language.
pub fn not_found(env: &Env) -> Page {
    #[derive(Serialize)]
    struct Part {
        lang: String,
        title: String,
        text: String,
        home_label: String,
        home: String,
    }
    let def = env.default_lang();
    let parts: Vec<Part> = env
        .site
        .config
        .languages
        .all()
        .iter()
        .map(|l| {
            let loc = env.locale(l);
            Part {
                lang: l.clone(),
                title: loc.t("not_found_title"),
                text: loc.t("not_found_text"),
                home_label: loc.t("not_found_home"),
                home: env.urls.path(l, ""),
            }
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("parts", &parts);
    let mut p = Page::new(
        "404".into(),
        def,
        "404.html".into(),
        "404.html",
        env.locale(def).t("not_found_title"),
        env.locale(def).t("not_found_text"),
        ctx,
    );
    p.in_sitemap = false;
    p
}
