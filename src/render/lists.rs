//! Brief lists as pages show them: the briefs of a language newest first,
//! their cards, and template data that fills the cards in when the page is
//! rendered. Shared by the brief, tracker and radar pages.

use serde::Serialize;
use tera::Context;

use super::view::{self, BriefCard};
use super::{Ctx, Env};
use crate::Error;
use crate::content::doc::{Doc, Section};
use crate::markdown::Rendered;

/// Briefs of `lang`, newest first (then by stem, for a stable order).
pub(crate) fn briefs_of<'a>(env: &'a Env, lang: &str) -> Vec<(&'a Doc, &'a Rendered)> {
    brief_ids(env, lang).into_iter().map(|i| (&env.site.docs[i], &*env.rendered[i])).collect()
}

/// Indices (in `site.docs`) of the briefs of `lang`, newest first.
pub(crate) fn brief_ids(env: &Env, lang: &str) -> Vec<usize> {
    let docs = &env.site.docs;
    let mut v: Vec<usize> =
        (0..docs.len()).filter(|&i| docs[i].section == Section::Briefs && docs[i].lang == lang).collect();
    v.sort_by(|&a, &b| docs[b].date.cmp(&docs[a].date).then_with(|| docs[a].stem.cmp(&docs[b].stem)));
    v
}

/// The cards of the briefs `ids`, built when the page is rendered.
pub(super) fn cards(env: &Env, ids: &[usize]) -> Vec<BriefCard> {
    ids.iter().map(|&i| view::brief_card(env, &env.site.docs[i], &env.rendered[i])).collect()
}

/// Template data holding `view` under `name`, whose `briefs` field (empty
/// in `view`) is filled with the cards of `ids` when the page is rendered
/// (a country's or a tracker's page may list hundreds of briefs), and more
/// fields made then by `more`.
///
/// The view waits as it is, and becomes a value tree only while the page
/// renders; what `more` adds (what a page lists per recommendation of a
/// large tracker) is made only then. Both are dropped once the page is
/// rendered, so a tracker of thousands of recommendations is held as a
/// tree only by the two or so pages rendering at once, not by every page
/// while the site is planned.
pub(crate) fn with_cards(
    name: &'static str,
    view: impl Serialize + Send + Sync + 'static,
    ids: Vec<usize>,
    more: impl Fn(&Env, &mut tera::value::Map) -> Result<(), tera::Error> + Send + Sync + 'static,
) -> Ctx {
    Ctx::Later(Box::new(move |env| {
        let mut v = tera::Value::try_from_serializable(&view)
            .ok()
            .and_then(tera::Value::into_map)
            .ok_or_else(|| Error::Internal(format!("could not serialize the `{name}` page data")))?;
        let cards = tera::Value::try_from_serializable(&cards(env, &ids))
            .map_err(|e| Error::Internal(format!("could not serialize the briefs of the `{name}` page: {e}")))?;
        v.insert("briefs".into(), cards);
        more(env, &mut v).map_err(|e| Error::Internal(format!("could not serialize the `{name}` page data: {e}")))?;
        let mut ctx = Context::new();
        ctx.insert_value(name, tera::Value::from(v));
        Ok(ctx)
    }))
}
