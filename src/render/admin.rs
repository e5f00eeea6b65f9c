//! The web editor at `/admin/` (docs/editors.md, "Editing in the browser"):
//! Decap CMS, with a configuration made from raport's own declarations.
//!
//! Every field of the editor is a key of a file format declared with
//! [`decode_map!`](crate::decode_map) (`yaml::schema`): briefs and pages
//! from the front matter's declaration, trackers from the tracker's,
//! radar files from the radar's, site.yaml from its own. The site fills in
//! what the declarations leave to it: the languages (a text per language
//! becomes one field per language), the countries, topics, trackers and
//! statuses to choose from, a tracker's reviews, the radar's dimensions
//! and scale. The published editor saves to GitHub (`editor:` in
//! site.yaml, else the repository `base_url` names); `raport serve` serves
//! the same configuration with its own local backend (`serve/api.rs`).

use super::{Body, Env, OutFile};
use crate::content::tracker::Status;
use crate::yaml::schema::{Choice, Key, Keys, Shape};

/// The Decap CMS release shipped with raport (npm `decap-cms`), served
/// from the site itself: no script from elsewhere runs on `/admin/`.
pub(crate) const DECAP_VERSION: &str = "3.16.3";
/// Its script (`dist/decap-cms.js` of that release).
pub(crate) const DECAP_JS: &[u8] = include_bytes!("../../vendor/decap-cms/decap-cms.js");
/// Sveltia CMS, for sites that choose it (`editor.cms: sveltia`): its
/// pinned release and the Subresource Integrity hash of that script.
pub(crate) const SVELTIA_SRC: &str = "https://unpkg.com/@sveltia/cms@0.221.1/dist/sveltia-cms.js";
/// `sha384` of [`SVELTIA_SRC`] (the file in the npm package `@sveltia/cms` 0.221.1).
pub(crate) const SVELTIA_SRI: &str = "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6";
/// Where the editor's files are written in the site.
pub(crate) const DIR: &str = "admin";

/// site.yaml keys the editor leaves to the file: mappings keyed by the
/// site's own ids in two spellings (a label, or `{label, description}`),
/// which one form cannot show both of.
const SITE_KEYS_IN_FILE_ONLY: &[&str] = &["topics"];

/// Front-matter keys that differ between a document's languages; the
/// others are the same in every language's file (the editor copies them).
const TRANSLATED: &[&str] = &["title", "summary", "slug", "attachments", "image"];

/// A value of the editor's configuration, keys in the order written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Y {
    /// Text.
    S(String),
    /// `true` or `false`.
    B(bool),
    /// A number.
    N(f64),
    /// A list.
    L(Vec<Y>),
    /// A mapping.
    M(Vec<(String, Y)>),
}

/// A mapping from pairs.
fn m<const N: usize>(pairs: [(&str, Y); N]) -> Y {
    Y::M(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// Text.
fn s(v: impl Into<String>) -> Y {
    Y::S(v.into())
}

impl Y {
    /// Adds `key: value` to a mapping.
    fn with(mut self, key: &str, value: Y) -> Y {
        if let Y::M(pairs) = &mut self {
            pairs.push((key.to_string(), value));
        }
        self
    }

    /// Writes the value as YAML: block style, every string double-quoted
    /// (JSON escapes are YAML escapes), so no value can change meaning.
    pub(crate) fn to_yaml(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out
    }

    fn write(&self, out: &mut String, indent: usize) {
        let pad = " ".repeat(indent);
        match self {
            Y::M(pairs) => {
                for (k, v) in pairs {
                    out.push_str(&pad);
                    out.push_str(&key(k));
                    out.push(':');
                    v.write_after_key(out, indent);
                }
            }
            Y::L(items) => {
                for item in items {
                    out.push_str(&pad);
                    out.push('-');
                    match item {
                        Y::M(pairs) if !pairs.is_empty() => {
                            // The first key on the dash's line, the others below it.
                            let mut first = String::new();
                            item.write(&mut first, indent + 2);
                            out.push(' ');
                            out.push_str(first.trim_start());
                        }
                        _ => item.write_after_key(out, indent),
                    }
                }
            }
            _ => {
                out.push_str(&pad);
                out.push_str(&scalar(self));
                out.push('\n');
            }
        }
    }

    /// Writes a value that follows `key:` or `-`.
    fn write_after_key(&self, out: &mut String, indent: usize) {
        match self {
            Y::M(p) if p.is_empty() => out.push_str(" {}\n"),
            Y::L(l) if l.is_empty() => out.push_str(" []\n"),
            Y::M(_) | Y::L(_) => {
                out.push('\n');
                self.write(out, indent + 2);
            }
            _ => {
                out.push(' ');
                out.push_str(&scalar(self));
                out.push('\n');
            }
        }
    }
}

/// A key as YAML: plain when it is a word that reads as text, else quoted.
fn key(k: &str) -> String {
    let word = k.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && k.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let reserved = ["true", "false", "null", "yes", "no", "on", "off", "y", "n"];
    if word && !reserved.contains(&k) { k.to_string() } else { scalar(&Y::S(k.to_string())) }
}

/// A scalar as YAML.
fn scalar(v: &Y) -> String {
    match v {
        Y::S(t) => serde_json::to_string(t).unwrap_or_else(|_| "\"\"".into()),
        Y::B(b) => b.to_string(),
        Y::N(n) => crate::i18n::format_number(*n),
        _ => String::new(),
    }
}

/// Where the published editor saves: a GitHub repository and branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Repo {
    /// `owner/name`.
    pub name: String,
    /// The branch the site is built from.
    pub branch: String,
}

/// The repository the published editor saves to: `editor:` in site.yaml,
/// else the one the GitHub Pages address names (also when the address is
/// given with `--base-url`, as the Pages workflow does).
pub(crate) fn repo(cfg: &crate::config::Config) -> Option<Repo> {
    let (name, branch) = cfg
        .editor_repo
        .clone()
        .or_else(|| crate::config::repo_from_base_url(&cfg.base_url).map(|r| (r, "main".into())))?;
    Some(Repo { name, branch })
}

/// How the editor saves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Backend {
    /// To GitHub, drafts as pull requests (the published site).
    GitHub(Option<Repo>),
    /// To `raport serve`'s local backend at this address
    /// (`http://host/api/v1`), with the published site's GitHub settings
    /// for when it is not there.
    Local(String, Option<Repo>),
}

/// The editor's configuration for the site in `env`.
pub(crate) fn config(env: &Env, backend: &Backend) -> Y {
    let cfg = &env.site.config;
    let langs = cfg.languages.all().to_vec();
    let def = cfg.languages.default_lang().to_string();
    let site = Site::new(env);
    let mut root = m([]);
    let (Backend::GitHub(repo) | Backend::Local(_, repo)) = backend;
    let mut b = m([("name", s("github"))]);
    if let Some(r) = repo {
        b = b.with("repo", s(&r.name)).with("branch", s(&r.branch));
    }
    if let Some(auth) = &cfg.editor_auth_url {
        b = b.with("base_url", s(auth));
    }
    root = root.with("backend", b).with("publish_mode", s("editorial_workflow"));
    if let Backend::Local(url, _) = backend {
        // The local backend saves files as they are: no drafts, no pull requests.
        root = root.with("local_backend", m([("url", s(url))]));
    }
    root = root
        .with("site_url", s(&cfg.base_url))
        // File names as raport's slugs are: ASCII, accents dropped.
        .with("slug", m([("encoding", s("ascii")), ("clean_accents", Y::B(true)), ("sanitize_replacement", s("-"))]))
        .with("media_folder", s("content/static"))
        .with("public_folder", s(""))
        .with(
            "i18n",
            m([
                ("structure", s("multiple_files")),
                ("locales", Y::L(langs.iter().map(s).collect())),
                ("default_locale", s(&def)),
            ]),
        );
    let mut collections = vec![
        doc_collection("briefs", "Briefs", "content/briefs", &site),
        doc_collection("pages", "Pages", "content/pages", &site),
    ];
    if !env.site.trackers.is_empty() {
        collections.push(trackers(env, &site));
    }
    if let Some(radar) = radar(env, &site) {
        collections.push(radar);
        collections.push(narratives(&site));
    }
    collections.push(settings(&site));
    root.with("collections", Y::L(collections))
}

/// What the declarations leave to the site, gathered once.
struct Site {
    langs: Vec<String>,
    /// The site's languages, each named in itself.
    languages: Vec<(String, String)>,
    def: String,
    countries: Vec<(String, String)>,
    topics: Vec<(String, String)>,
    trackers: Vec<(String, String)>,
    recommendations: Vec<(String, String)>,
    statuses: Vec<(String, String)>,
    /// The reviews of the tracker being described (ids and labels).
    reviews: Vec<(String, String)>,
    /// The radar's dimensions (id, label) and scale (min, max).
    dimensions: Vec<(String, String)>,
    scale: (f64, f64),
}

impl Site {
    fn new(env: &Env) -> Site {
        let cfg = &env.site.config;
        let def = cfg.languages.default_lang().to_string();
        let name = |t: &crate::i18n::Text| t.get(&def, &def).text.to_string();
        let loc = env.locale(&def);
        let (dimensions, scale) = match &env.site.radar {
            Some(r) => {
                (r.dimensions.iter().map(|d| (d.id.clone(), name(&d.label))).collect(), (r.scale.min, r.scale.max))
            }
            None => (Vec::new(), (0.0, 0.0)),
        };
        Site {
            langs: cfg.languages.all().to_vec(),
            languages: cfg.languages.all().iter().map(|l| (l.clone(), env.locale(l).name.clone())).collect(),
            def: def.clone(),
            countries: cfg.countries.iter().map(|c| (c.code.as_str().to_string(), name(&c.name))).collect(),
            topics: cfg.topics.iter().map(|t| (t.id.clone(), name(&t.label))).collect(),
            trackers: env.site.trackers.iter().map(|t| (t.id.clone(), name(&t.title))).collect(),
            recommendations: env
                .site
                .trackers
                .iter()
                .flat_map(|t| {
                    t.recommendations
                        .iter()
                        .map(|r| (format!("{}/{}", t.id, r.id), format!("{}: {}", r.id, name(&r.title))))
                })
                .collect(),
            statuses: Status::ALL
                .into_iter()
                .map(|st| (st.code().to_string(), loc.t(&format!("status_{}", st.code()))))
                .collect(),
            reviews: Vec::new(),
            dimensions,
            scale,
        }
    }
}

/// A label for a key: `addressed_to` reads "Addressed to".
fn label(name: &str) -> String {
    let words = name.replace('_', " ");
    let mut c = words.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The editor's fields for the keys of a declared mapping.
fn fields(keys: &[Key], site: &Site) -> Y {
    Y::L(keys.iter().filter_map(|k| field(k.name, &label(k.name), k.required, &k.doc, &k.shape, site)).collect())
}

/// Options of a select: `{label, value}` for each pair.
fn options(pairs: &[(String, String)]) -> Y {
    Y::L(pairs.iter().map(|(v, l)| m([("label", s(l)), ("value", s(v))])).collect())
}

/// One field of the editor; `None` for a value no form can write
/// ([`Shape::Any`]), which is left as the file has it.
fn field(name: &str, lbl: &str, required: bool, doc: &str, shape: &Shape, site: &Site) -> Option<Y> {
    let mut f = m([("name", s(name)), ("label", s(lbl))]);
    let widget = |f: Y, w: &str| f.with("widget", s(w));
    f = match shape {
        Shape::Str => widget(f, "string"),
        Shape::Bool => widget(f, "boolean"),
        Shape::Integer => widget(f, "number").with("value_type", s("int")),
        Shape::Number => widget(f, "number").with("value_type", s("float")),
        Shape::Date => widget(f, "datetime")
            .with("format", s("YYYY-MM-DD"))
            .with("date_format", s("YYYY-MM-DD"))
            .with("time_format", Y::B(false))
            .with("picker_utc", Y::B(true)),
        Shape::YearOrDate => widget(f, "string")
            .with("pattern", Y::L(vec![s(r"^\d{4}(-\d{2}-\d{2})?$"), s("a year (2024) or a day (2024-10-15)")])),
        Shape::Text | Shape::Markdown => {
            let inner = if *shape == Shape::Text { "string" } else { "markdown" };
            let per_lang = site
                .langs
                .iter()
                .map(|l| {
                    let mut lf = m([("name", s(l)), ("label", s(l)), ("widget", s(inner))]);
                    if inner == "markdown" {
                        lf = lf.with("modes", Y::L(vec![s("raw")])).with("minimal", Y::B(true));
                    }
                    lf.with("required", Y::B(required && *l == site.def))
                })
                .collect();
            widget(f, "object").with("collapsed", Y::B(false)).with("fields", Y::L(per_lang))
        }
        Shape::Choice(c) => choice(f, *c, false, site),
        Shape::List(item) => match item.as_ref() {
            Shape::Choice(c) => choice(f, *c, true, site),
            // Items open: a tracker's recommendations and a country's
            // assessments read as a page, their cells folded inside.
            Shape::Map(keys) => widget(f, "list").with("collapsed", Y::B(false)).with("fields", fields(keys, site)),
            other => {
                let inner = field("item", lbl, true, "", other, site)?;
                widget(f, "list").with("field", inner)
            }
        },
        Shape::Map(keys) => widget(f, "object").with("collapsed", Y::B(true)).with("fields", fields(keys, site)),
        Shape::Keyed(keys, value) => {
            let ids: &[(String, String)] = match keys {
                Keys::Country => &site.countries,
                Keys::Language => &site.languages,
                Keys::Review => &site.reviews,
                Keys::Dimension => &site.dimensions,
            };
            // A tracker without `reviews:` has one review: its cells are written without one.
            if *keys == Keys::Review && ids.is_empty() {
                return field(name, lbl, required, doc, value, site);
            }
            let sub: Vec<Y> = ids.iter().filter_map(|(id, l)| field(id, l, false, "", value, site)).collect();
            // A recommendation's countries fold (six, each with its reviews); the rest is open.
            let mut o = widget(f, "object").with("collapsed", Y::B(*keys == Keys::Country));
            if *keys == Keys::Dimension {
                o = o.with("summary", s(""));
            }
            let sub = if *keys == Keys::Dimension { sub.into_iter().map(|d| score(d, site)).collect() } else { sub };
            // Each key may be left out (a country not assessed, a review
            // without a status), so nothing under it is required: a cell's
            // status is required only once the cell is written, which the
            // editor cannot say, and raport checks when the file is saved.
            let sub = sub.into_iter().map(optional).collect();
            o.with("fields", Y::L(sub))
        }
        Shape::Any => return None,
    };
    if !doc.is_empty() {
        f = f.with("hint", s(doc));
    }
    Some(f.with("required", Y::B(required)))
}

/// `f` with nothing in it required.
fn optional(f: Y) -> Y {
    match f {
        Y::M(pairs) => Y::M(
            pairs
                .into_iter()
                .map(|(k, v)| {
                    if k == "required" {
                        (k, Y::B(false))
                    } else {
                        let v = optional(v);
                        (k, v)
                    }
                })
                .collect(),
        ),
        Y::L(items) => Y::L(items.into_iter().map(optional).collect()),
        other => other,
    }
}

/// A score field: the scale's range, in steps of a tenth.
fn score(f: Y, site: &Site) -> Y {
    f.with("min", Y::N(site.scale.0)).with("max", Y::N(site.scale.1)).with("step", Y::N(0.1))
}

/// A select of the site's values of `c`.
fn choice(f: Y, c: Choice, multiple: bool, site: &Site) -> Y {
    let fixed: Vec<(String, String)>;
    let pairs: &[(String, String)] = match c {
        Choice::Country => &site.countries,
        Choice::Language => &site.languages,
        Choice::Topic => &site.topics,
        Choice::Tracker => &site.trackers,
        Choice::Recommendation => &site.recommendations,
        Choice::Status => &site.statuses,
        Choice::Fixed(words) => {
            fixed = words.iter().map(|w| (w.to_string(), w.to_string())).collect();
            &fixed
        }
    };
    f.with("widget", s("select")).with("multiple", Y::B(multiple)).with("options", options(pairs))
}

/// The Markdown after the front matter, in every language.
fn body_field() -> Y {
    m([
        ("name", s("body")),
        ("label", s("Text")),
        ("widget", s("markdown")),
        ("modes", Y::L(vec![s("raw"), s("rich_text")])),
        ("i18n", Y::B(true)),
        ("required", Y::B(false)),
    ])
}

/// Briefs or pages: a folder of `<stem>.<lang>.md` files, one entry per stem.
fn doc_collection(name: &str, lbl: &str, folder: &str, site: &Site) -> Y {
    let keys = crate::content::doc::FrontMatter::schema();
    let mut list: Vec<Y> = Vec::new();
    for k in &keys {
        let Some(f) =
            field(k.name, &label(k.name), k.required || (name == "briefs" && k.name == "date"), &k.doc, &k.shape, site)
        else {
            continue;
        };
        // Decap takes `duplicate` for scalar fields only: a list is written per language.
        let list_widget = matches!(&k.shape, Shape::List(item) if !matches!(item.as_ref(), Shape::Choice(_)));
        let i18n = if TRANSLATED.contains(&k.name) || list_widget { Y::B(true) } else { s("duplicate") };
        list.push(f.with("i18n", i18n));
    }
    list.push(body_field());
    m([
        ("name", s(name)),
        ("label", s(lbl)),
        ("folder", s(folder)),
        ("extension", s("md")),
        ("format", s("yaml-frontmatter")),
        ("create", Y::B(true)),
        ("slug", s("{{slug}}")),
        ("identifier_field", s("title")),
        ("summary", s("{{title}}")),
        ("i18n", Y::B(true)),
        ("fields", Y::L(list)),
    ])
}

/// Trackers: one entry per tracker file, its cells keyed by its own reviews.
fn trackers(env: &Env, site: &Site) -> Y {
    let def = &site.def;
    let files: Vec<Y> = env
        .site
        .trackers
        .iter()
        .map(|t| {
            let declares_reviews = t.file.text.lines().any(|l| l.starts_with("reviews:"));
            let reviews = if declares_reviews {
                t.reviews
                    .iter()
                    .map(|r| {
                        let l = r.label.as_ref().map_or_else(|| r.id.clone(), |l| l.get(def, def).text.to_string());
                        (r.id.clone(), l)
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let site = Site { reviews, ..site.clone_lists() };
            m([
                ("name", s(&t.id)),
                ("label", s(t.title.get(def, def).text)),
                ("file", s(format!("content/trackers/{}.yaml", t.id))),
                ("fields", fields(&crate::content::tracker::parse::TrackerYaml::schema(), &site)),
            ])
        })
        .collect();
    m([
        ("name", s("trackers")),
        ("label", s("Trackers")),
        ("format", s("yaml")),
        ("i18n", Y::B(false)),
        ("files", Y::L(files)),
    ])
}

impl Site {
    fn clone_lists(&self) -> Site {
        Site {
            langs: self.langs.clone(),
            languages: self.languages.clone(),
            def: self.def.clone(),
            countries: self.countries.clone(),
            topics: self.topics.clone(),
            trackers: self.trackers.clone(),
            recommendations: self.recommendations.clone(),
            statuses: self.statuses.clone(),
            reviews: self.reviews.clone(),
            dimensions: self.dimensions.clone(),
            scale: self.scale,
        }
    }
}

/// Radar data: one entry per country of the site, the scores by dimension.
fn radar(env: &Env, site: &Site) -> Option<Y> {
    env.site.radar.as_ref()?;
    let keys = crate::content::radar::parse::CountryYaml::schema();
    let files: Vec<Y> = site
        .countries
        .iter()
        .map(|(code, name)| {
            m([
                ("name", s(code)),
                ("label", s(name)),
                ("file", s(format!("content/radar/{code}.yaml"))),
                ("fields", fields(&keys, site)),
            ])
        })
        .collect();
    Some(m([
        ("name", s("radar")),
        ("label", s("Radar")),
        ("format", s("yaml")),
        ("i18n", Y::B(false)),
        ("files", Y::L(files)),
    ]))
}

/// Radar narratives: `content/radar/<cc>.<lang>.md`, one entry per country.
fn narratives(site: &Site) -> Y {
    let keys = crate::content::radar::parse::NarrativeYaml::schema();
    let mut list: Vec<Y> = Vec::new();
    for k in &keys {
        if let Some(f) = field(k.name, &label(k.name), k.required, &k.doc, &k.shape, site) {
            let i18n = if k.name == "title" { Y::B(true) } else { s("duplicate") };
            list.push(f.with("i18n", i18n));
        }
    }
    list.push(body_field());
    m([
        ("name", s("narratives")),
        ("label", s("Radar narratives")),
        ("folder", s("content/radar")),
        ("extension", s("md")),
        ("format", s("yaml-frontmatter")),
        ("create", Y::B(false)),
        ("slug", s("{{slug}}")),
        ("identifier_field", s("title")),
        ("i18n", Y::B(true)),
        ("fields", Y::L(list)),
    ])
}

/// site.yaml: every key but those kept to the file.
fn settings(site: &Site) -> Y {
    let keys: Vec<Key> =
        crate::config::SiteYaml::schema().into_iter().filter(|k| !SITE_KEYS_IN_FILE_ONLY.contains(&k.name)).collect();
    let file =
        m([("name", s("site")), ("label", s("site.yaml")), ("file", s("site.yaml")), ("fields", fields(&keys, site))]);
    m([
        ("name", s("settings")),
        ("label", s("Site")),
        ("format", s("yaml")),
        ("i18n", Y::B(false)),
        ("files", Y::L(vec![file])),
    ])
}

/// The editor's page: Decap CMS from the site's own copy, or Sveltia CMS
/// from its pinned release with its integrity hash.
/// `script_dir` is where the site's copy of Decap lies (`/wb-ocr/admin/`).
pub(crate) fn index_html(title: &str, sveltia: bool, script_dir: &str) -> String {
    let script = if sveltia {
        format!("<script src=\"{SVELTIA_SRC}\" integrity=\"{SVELTIA_SRI}\" crossorigin=\"anonymous\"></script>")
    } else {
        format!("<script src=\"{script_dir}decap-cms.js?v={DECAP_VERSION}\"></script>")
    };
    let mut escaped = String::new();
    crate::markdown::escape_html(&mut escaped, title);
    let title = escaped;
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<link rel=\"icon\" href=\"data:,\">\n<title>Editor · {title}</title>\n\
</head>\n<body>\n\
         {script}\n</body>\n</html>\n"
    )
}

/// The editor's files for a built site.
pub(crate) fn files(env: &Env, repo: Option<Repo>) -> Vec<OutFile> {
    let cfg = config(env, &Backend::GitHub(repo));
    let mut yaml = String::from(HEADER);
    yaml.push_str(&cfg.to_yaml());
    let title = env.site.config.title.get(env.default_lang(), env.default_lang()).text.to_string();
    vec![
        OutFile { path: format!("{DIR}/config.yml"), body: Body::Bytes(yaml.into_bytes()) },
        OutFile {
            path: format!("{DIR}/index.html"),
            body: Body::Bytes(
                index_html(&title, env.site.config.editor_sveltia, &env.urls.file(&format!("{DIR}/"))).into_bytes(),
            ),
        },
        OutFile { path: format!("{DIR}/decap-cms.js"), body: Body::Static(DECAP_JS) },
    ]
}

/// The first lines of the configuration.
pub(crate) const HEADER: &str = "# The web editor's configuration, written by raport from its own file\n\
# formats and this site's languages, countries, trackers and radar\n\
# (docs/editors.md, \"Editing in the browser\"). Made anew on every build.\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_pages_addresses_name_their_repository() {
        assert_eq!(
            crate::config::repo_from_base_url("https://example.github.io/wb-ocr/").as_deref(),
            Some("example/wb-ocr")
        );
        assert_eq!(
            crate::config::repo_from_base_url("https://example.github.io/").as_deref(),
            Some("example/example.github.io")
        );
        assert_eq!(crate::config::repo_from_base_url("https://radar.example.org/"), None);
        assert_eq!(crate::config::repo_from_base_url("/"), None);
    }

    #[test]
    fn yaml_quotes_every_string_and_nests_lists_of_mappings() {
        let y = m([
            ("a", s("x: \"y\"")),
            ("l", Y::L(vec![m([("k", s("1")), ("b", Y::B(true))]), s("z")])),
            ("e", Y::L(vec![])),
        ]);
        assert_eq!(y.to_yaml(), "a: \"x: \\\"y\\\"\"\nl:\n  - k: \"1\"\n    b: true\n  - \"z\"\ne: []\n");
        assert_eq!(m([("2023", Y::B(true)), ("no", Y::B(false))]).to_yaml(), "\"2023\": true\n\"no\": false\n");
    }
}
