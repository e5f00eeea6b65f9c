//! Page generators for briefs and pages (SPEC §7): home, the paginated brief
//! list, each brief, topics, plain pages and the bilingual 404 page.
//!
//! Each generator returns [`Page`] values; the shared chrome is added later.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::view::{self, AttachmentView, BriefCard, DocView, TopicLink};
use super::{BODY_MARK, Ctx, Env, Page};
use crate::content::doc::Section;
use crate::slug::slugify;

use super::lists::cards;
pub(crate) use super::lists::{brief_ids, briefs_of};
pub(crate) use super::paths::{doc_key, doc_path};

/// The home page of every language: intro, latest briefs, countries.
pub(super) fn home(env: &Env) -> Vec<Page> {
    let def = env.default_lang();
    env.languages()
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
            ctx.insert("progress", &super::home::trackers(env, lang));
            ctx.insert("radar", &super::radar::home(env, lang));
            let site = env.site.config.title.get(lang, def).text.to_string();
            // The home page's own front matter (`_index.<lang>.md`) comes first.
            let own = env.site.home.get(lang);
            let title = own.and_then(|h| h.title.clone()).unwrap_or_else(|| site.clone());
            let desc = own
                .and_then(|h| h.description.clone())
                .or_else(|| env.site.config.description.as_ref().map(|d| d.get(lang, def).text.to_string()))
                .unwrap_or_else(|| site.clone());
            ctx.insert("home_title", &title);
            Page::new("home".into(), lang, String::new(), "home.html", title, desc, ctx)
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
pub(crate) fn brief_lists(env: &Env) -> Vec<Page> {
    let per = env.site.config.briefs_per_page.max(1);
    let mut out = Vec::new();
    for lang in env.languages() {
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
pub(super) fn briefs(env: &Env) -> Vec<Page> {
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
pub(crate) fn plain_pages(env: &Env) -> Vec<Page> {
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
            .map(|t| {
                let r = resolve_topic(env, t, lang);
                TopicLink { href: env.urls.path(lang, &format!("topics/{}/", r.slug)), name: r.name }
            })
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
        recommendations: super::trackers::recommendation_links(env, &d.recommendations, lang),
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

/// A topic as a brief names it, resolved in one language: a topic declared
/// in site.yaml (`topics:`) is named by its label in that language and keyed
/// by its id, so that its pages in every language are translations of each
/// other; any other topic is named as written and keyed by its slug.
pub(crate) struct ResolvedTopic {
    /// The page key, shared by translations.
    pub key: String,
    /// The name shown in the language.
    pub name: String,
    /// The URL slug in the language.
    pub slug: String,
    /// The declared description in the language.
    pub description: Option<String>,
}

/// Resolves the topic `written` (as a brief in `lang` has it). A declared
/// topic matches its id or its label in any language, compared as slugs.
pub(crate) fn resolve_topic(env: &Env, written: &str, lang: &str) -> ResolvedTopic {
    let def = env.default_lang();
    let slug = slugify(written);
    let declared = env.site.config.topics.iter().find(|tp| {
        tp.id == slug
            || match &tp.label {
                crate::i18n::Text::Plain(s) => slugify(s) == slug,
                crate::i18n::Text::Map(m, _) => m.values().any(|s| slugify(s) == slug),
            }
    });
    match declared {
        Some(tp) => {
            let name = tp.label.get(lang, def).text.to_string();
            ResolvedTopic {
                key: format!("topic-id:{}", tp.id),
                slug: slugify(&name),
                description: tp.description.as_ref().map(|d| d.get(lang, def).text.to_string()),
                name,
            }
        }
        None => ResolvedTopic { key: format!("topic:{slug}"), name: written.to_string(), slug, description: None },
    }
}

/// `/topics/` and `/topics/<slug>/` in every language.
pub(super) fn topics(env: &Env) -> Vec<Page> {
    let mut out = Vec::new();
    for lang in env.languages() {
        let loc = env.locale(lang);
        // slug -> (the topic, briefs newest first)
        let mut by_slug: BTreeMap<String, (ResolvedTopic, Vec<usize>)> = BTreeMap::new();
        for i in brief_ids(env, lang) {
            for t in &env.site.docs[i].topics {
                let r = resolve_topic(env, t, lang);
                let e = by_slug.entry(r.slug.clone()).or_insert_with(|| (r, Vec::new()));
                if !e.1.contains(&i) {
                    e.1.push(i);
                }
            }
        }
        let mut list: Vec<TopicView> = by_slug
            .iter()
            .map(|(slug, (topic, briefs))| TopicView {
                name: topic.name.clone(),
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
        for (slug, (topic, ids)) in by_slug {
            let mut base = Context::new();
            base.insert("topic", &topic.name);
            base.insert("description", &topic.description);
            base.insert("count", &loc.plural("briefs_count", ids.len()));
            let ctx = Ctx::later(move |env| {
                let mut ctx = base.clone();
                ctx.insert("briefs", &cards(env, &ids));
                ctx
            });
            let desc =
                topic.description.clone().unwrap_or_else(|| loc.t("topic_description").replace("{topic}", &topic.name));
            out.push(Page::new(topic.key, lang, format!("topics/{slug}/"), "topic.html", topic.name, desc, ctx));
        }
    }
    out
}

/// `/404.html`: GitHub Pages serves one not-found page, so it speaks every language.
pub(crate) fn not_found(env: &Env) -> Page {
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
