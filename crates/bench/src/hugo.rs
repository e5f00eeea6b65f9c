//! The benchmark corpus as a Hugo site, for timing Hugo side by side: the same
//! Markdown bodies and front matter (converted), `@/briefs/` links as `relref`,
//! a multilingual `sq`/`en` config with `briefs_per_page` paging, `topics`
//! and `countries` taxonomies, and a minimal layout (home, list, single,
//! taxonomy, term, 404) showing what raport's default theme shows.
//!
//! Trackers and radar pages have no Hugo equivalent here, so Hugo builds
//! somewhat less than raport does.

use std::fmt::Write as _;
use std::path::Path;

use crate::corpus::{self, CorpusOptions, LANGS, Plan, quoted, write_file};
use crate::prose;
use raport::Error;

/// Writes the Hugo version of the corpus drawn from `opts` into `root`.
pub fn write_site(root: &Path, opts: &CorpusOptions) -> Result<(), Error> {
    let plans = corpus::plans(opts);
    write_file(&root.join("config.yaml"), CONFIG)?;
    for (name, text) in LAYOUTS {
        write_file(&root.join("layouts").join(name), text)?;
    }
    write_file(&root.join("static/style.css"), "body{font-family:sans-serif;max-width:45rem;margin:auto}\n")?;
    for (lang, text) in [("sq", prose::SENTENCES[0].0), ("en", prose::SENTENCES[0].1)] {
        write_file(&root.join(format!("content/_index.{lang}.md")), &format!("---\ntitle: \"\"\n---\n\n{text}\n"))?;
    }
    let stems: Vec<String> = plans.iter().map(Plan::stem).collect();
    let link = |i: usize| format!("{{{{< relref \"/briefs/{}\" >}}}}", stems.get(i).map_or("", String::as_str));
    for p in &plans {
        for (lang, code) in LANGS.iter().enumerate() {
            let text = format!("{}{}", front_matter(p, lang), p.body(lang, &link));
            write_file(&root.join(format!("content/briefs/{}.{code}.md", p.stem())), &text)?;
        }
    }
    Ok(())
}

/// raport's front matter in Hugo's terms (`lastmod`, `params.authors`).
fn front_matter(p: &Plan, lang: usize) -> String {
    let raport = corpus::front_matter(p, lang);
    let mut fm = String::new();
    for line in raport.lines() {
        if let Some(rest) = line.strip_prefix("updated: ") {
            let _ = writeln!(fm, "lastmod: {rest}");
        } else if let Some(rest) = line.strip_prefix("tracker: ") {
            let _ = writeln!(fm, "tracker: {}", quoted(rest));
        } else {
            fm.push_str(line);
            fm.push('\n');
        }
    }
    fm.push('\n');
    fm
}

const CONFIG: &str = r#"baseURL: "https://example.github.io/wb-ocr/"
defaultContentLanguage: sq
defaultContentLanguageInSubdir: false
paginate: 20
disableKinds: [robotsTXT]
taxonomies:
  topic: topics
  country: countries
outputs:
  home: [HTML, RSS]
  section: [HTML]
  taxonomy: [HTML]
  term: [HTML]
markup:
  highlight:
    noClasses: false
  tableOfContents:
    startLevel: 2
    endLevel: 3
languages:
  sq:
    languageName: Shqip
    languageCode: sq
    weight: 1
    title: "Radari i Krimit të Organizuar"
  en:
    languageName: English
    languageCode: en
    weight: 2
    title: "Organized Crime Radar"
"#;

const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Summary | plainify | truncate 160 }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}<meta property="og:title" content="{{ .Title }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:url" content="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav><a href="{{ "briefs/" | relLangURL }}">Briefs</a> <a href="{{ "topics/" | relLangURL }}">Topics</a> <a href="{{ "countries/" | relLangURL }}">Countries</a></nav>
<ul class="languages">{{ range .Translations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer>
</body>
</html>
"#;

const CARD: &str = r#"<article class="card"><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>{{ with .Params.authors }} · {{ delimit . ", " }}{{ end }}</p>
<p>{{ .Summary | plainify }}</p></article>
"#;

const SINGLE: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>{{ with .Params.authors }} · {{ delimit . ", " }}{{ end }}</p>
{{ with .GetTerms "countries" }}<ul class="countries">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ with .GetTerms "topics" }}<ul class="topics">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ with .TableOfContents }}<nav class="toc">{{ . }}</nav>{{ end }}
{{ .Content }}
</article>{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pag := .Paginate .RegularPages }}
{{ range $pag.Pages }}{{ partial "card.html" . }}{{ end }}
{{ template "_internal/pagination.html" . }}{{ end }}
"#;

const TAXONOMY: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
"#;

const TERM: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range .Pages }}{{ partial "card.html" . }}{{ end }}{{ end }}
"#;

const INDEX: &str = r#"{{ define "main" }}{{ .Content }}
{{ range first 5 (where .Site.RegularPages "Section" "briefs") }}{{ partial "card.html" . }}{{ end }}{{ end }}
"#;

const NOT_FOUND: &str = r#"{{ define "main" }}<h1>404</h1><p><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></p>{{ end }}
"#;

const LAYOUTS: &[(&str, &str)] = &[
    ("_default/baseof.html", BASEOF),
    ("_default/single.html", SINGLE),
    ("_default/list.html", LIST),
    ("_default/taxonomy.html", TAXONOMY),
    ("_default/term.html", TERM),
    ("partials/card.html", CARD),
    ("index.html", INDEX),
    ("404.html", NOT_FOUND),
];
