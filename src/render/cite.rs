//! Citations: how a brief is cited, in words, as BibTeX and RIS
//! downloads, and as the metadata reference managers and search engines read.
//!
//! Takes the [`Env`] and the brief pages the generators made; adds to each
//! brief's template data a `cite` value ([`CiteView`]: the citation's parts,
//! the download links, the `citation_*` meta tags and schema.org JSON-LD) and
//! lists one `.bib` and one `.ris` file per brief and language, beside the
//! brief's page. A brief marked `type: report` is cited as a report
//! (`@techreport`, `RPRT`, schema.org `Report`); any other as an article
//! published on the site (`@misc`, `ELEC`, `Article`). The date a reader
//! accessed the page is theirs to add.

use serde::Serialize;
use serde_json::{Value, json};

use super::pages::doc_path;
use super::{Body, Ctx, Derived, Env, OutFile, Page};
use crate::Error;
use crate::content::doc::{Doc, Section};
use crate::i18n::{Date, Locale};

/// A brief's citation as the template shows it.
#[derive(Serialize, Debug)]
pub(crate) struct CiteView {
    /// Who is cited first: the authors ("A, B and C"), else the site.
    pub lead: String,
    /// Year of publication.
    pub year: String,
    /// The title.
    pub title: String,
    /// The full stop after the title: "." or, after a title that ends in
    /// "?", "!" or ".", nothing.
    pub title_end: &'static str,
    /// The site, when the authors lead (else it is already the lead).
    pub site: Option<String>,
    /// The full stop after the site, as [`CiteView::title_end`].
    pub site_end: &'static str,
    /// Absolute URL of the brief.
    pub url: String,
    /// Link to the BibTeX file.
    pub bibtex: String,
    /// Link to the RIS file.
    pub ris: String,
    /// `<meta name content>` pairs: `citation_title`, `citation_author`, ...
    pub meta: Vec<Meta>,
    /// schema.org JSON-LD, safe to place inside `<script>` as it is.
    pub json_ld: String,
}

/// One `<meta name="..." content="...">`.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub(crate) struct Meta {
    /// The name (`citation_author`).
    pub name: &'static str,
    /// The value.
    pub content: String,
}

/// Everything a citation is made of, in the brief's language.
struct Source<'a> {
    doc: &'a Doc,
    date: Date,
    site: String,
    home: String,
    url: String,
    pdf: Option<String>,
    image: Option<String>,
    summary: String,
}

impl<'a> Source<'a> {
    fn of(env: &Env, d: &'a Doc, summary: String) -> Option<Source<'a>> {
        let date = d.date?;
        let site = env.site.config.title.get(&d.lang, env.default_lang()).text.to_string();
        let pdf = d
            .attachments
            .iter()
            .find(|a| a.path.to_ascii_lowercase().ends_with(".pdf"))
            .map(|a| env.urls.file_abs(&a.path));
        Some(Source {
            doc: d,
            date,
            site,
            home: env.urls.abs(&d.lang, ""),
            url: env.urls.abs(&d.lang, &doc_path(d)),
            pdf,
            image: super::cards::brief_image(env, d),
            summary,
        })
    }
}

/// The folder of a brief's citation files, under the language root: the brief's own.
fn file_stem(d: &Doc) -> String {
    format!("{}{}", doc_path(d), d.slug)
}

/// Adds the `cite` value to the template data of every brief page.
pub(crate) fn attach(env: &Env, pages: &mut [Page]) {
    for p in pages.iter_mut().filter(|p| p.template == "brief.html") {
        let Some(i) = p.body else { continue };
        if env.site.docs.get(i).is_none_or(|d| d.section != Section::Briefs || d.date.is_none()) {
            continue;
        }
        let inner = std::mem::replace(&mut p.ctx, Ctx::Ready(tera::Context::new()));
        p.ctx = Ctx::Later(Box::new(move |env| {
            let mut ctx = inner.build(env)?;
            if let Some(v) = view(env, i) {
                ctx.insert("cite", &v);
            }
            Ok(ctx)
        }));
    }
}

/// The citation of document `i`, when it is a dated brief.
fn view(env: &Env, i: usize) -> Option<CiteView> {
    let (d, r) = (env.site.docs.get(i)?, env.rendered.get(i)?);
    let s = Source::of(env, d, super::view::summary(d, r))?;
    let loc = env.locale(&d.lang);
    let stem = file_stem(d);
    Some(CiteView {
        lead: if d.authors.is_empty() { s.site.clone() } else { join_names(loc, &d.authors) },
        year: s.date.year.to_string(),
        title: d.title.clone(),
        title_end: full_stop(&d.title),
        site: (!d.authors.is_empty()).then(|| s.site.clone()),
        site_end: full_stop(&s.site),
        url: s.url.clone(),
        bibtex: env.urls.path(&d.lang, &format!("{stem}.bib")),
        ris: env.urls.path(&d.lang, &format!("{stem}.ris")),
        meta: meta(&s),
        json_ld: json_ld(&s),
    })
}

/// The `.bib` and `.ris` file of every dated brief in its language, made
/// when they are written or asked for ([`bytes`]): `serve` does not wait
/// for thousands of them before reloading, and a build makes them on
/// every core.
pub(super) fn files(env: &Env) -> Vec<OutFile> {
    let mut out = Vec::new();
    for (i, d) in env.site.docs.iter().enumerate() {
        if d.section != Section::Briefs || d.date.is_none() {
            continue;
        }
        let stem = format!("{}{}", env.site.config.languages.prefix(&d.lang), file_stem(d));
        for format in [Format::Bibtex, Format::Ris] {
            out.push(OutFile {
                path: format!("{stem}.{}", format.extension()),
                body: Body::Derived(Derived::Citation(i, format)),
            });
        }
    }
    out
}

/// A citation file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// BibTeX (`.bib`).
    Bibtex,
    /// RIS (`.ris`), which Zotero, EndNote and Mendeley import.
    Ris,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Bibtex => "bib",
            Format::Ris => "ris",
        }
    }
}

/// The citation file of document `i` (a dated brief) in `format`.
pub(super) fn bytes(env: &Env, i: usize, format: Format) -> Result<Vec<u8>, Error> {
    let (Some(d), Some(r)) = (env.site.docs.get(i), env.rendered.get(i)) else {
        return Err(Error::Internal(format!("document {i} is not in the site")));
    };
    let s = Source::of(env, d, super::view::summary(d, r))
        .ok_or_else(|| Error::Internal(format!("document {i} has no date to cite")))?;
    Ok(match format {
        Format::Bibtex => bibtex(&s),
        Format::Ris => ris(&s),
    }
    .into_bytes())
}

/// "A", "A and B", "A, B and C", with the language's word for "and".
fn join_names(loc: &Locale, names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), loc.t("cite_and")),
    }
}

/// The `citation_*` tags Google Scholar and Zotero read.
fn meta(s: &Source<'_>) -> Vec<Meta> {
    let d = s.doc;
    let mut v = vec![Meta { name: "citation_title", content: d.title.clone() }];
    v.extend(d.authors.iter().map(|a| Meta { name: "citation_author", content: a.clone() }));
    v.push(Meta {
        name: "citation_publication_date",
        content: format!("{:04}/{:02}/{:02}", s.date.year, s.date.month, s.date.day),
    });
    v.push(Meta { name: "citation_publisher", content: s.site.clone() });
    if d.report {
        v.push(Meta { name: "citation_technical_report_institution", content: s.site.clone() });
    }
    v.push(Meta { name: "citation_language", content: d.lang.clone() });
    v.push(Meta { name: "citation_abstract_html_url", content: s.url.clone() });
    if let Some(pdf) = &s.pdf {
        v.push(Meta { name: "citation_pdf_url", content: pdf.clone() });
    }
    v
}

/// schema.org `Article` (or `Report`) as JSON-LD, with `<`, `>` and `&`
/// written as `\u003c`... so that no text can close the `<script>` it sits in.
fn json_ld(s: &Source<'_>) -> String {
    let d = s.doc;
    let publisher = json!({"@type": "Organization", "name": s.site, "url": s.home});
    let author: Value = if d.authors.is_empty() {
        json!([publisher])
    } else {
        Value::Array(d.authors.iter().map(|a| json!({"@type": "Person", "name": a})).collect())
    };
    let mut o = serde_json::Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!(if d.report { "Report" } else { "Article" }));
    o.insert("headline".into(), json!(d.title));
    o.insert("name".into(), json!(d.title));
    if !s.summary.is_empty() {
        o.insert("description".into(), json!(s.summary));
    }
    o.insert("datePublished".into(), json!(s.date.to_string()));
    if let Some(u) = d.updated {
        o.insert("dateModified".into(), json!(u.to_string()));
    }
    o.insert("author".into(), author);
    o.insert("publisher".into(), publisher);
    o.insert("url".into(), json!(s.url));
    o.insert("mainEntityOfPage".into(), json!(s.url));
    o.insert("inLanguage".into(), json!(d.lang));
    if let Some(img) = &s.image {
        o.insert("image".into(), json!(img));
    }
    if !d.topics.is_empty() {
        o.insert("keywords".into(), json!(d.topics));
    }
    if let Some(pdf) = &s.pdf {
        o.insert(
            "encoding".into(),
            json!({"@type": "MediaObject", "contentUrl": pdf, "encodingFormat": "application/pdf"}),
        );
    }
    script_safe(&Value::Object(o).to_string())
}

/// JSON that can sit inside an HTML `<script>`: `<`, `>` and `&` occur only
/// inside strings, where their `\u` escapes mean the same.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// The BibTeX entry: `@techreport` for a report, else `@misc` with the URL.
fn bibtex(s: &Source<'_>) -> String {
    let d = s.doc;
    let key = format!("{}-{}", d.slug, s.date.year);
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !d.authors.is_empty() {
        let names: Vec<String> = d.authors.iter().map(|a| bib_name(a)).collect();
        fields.push(("author", names.join(" and ")));
    }
    // Double braces keep the title's capitals as written.
    fields.push(("title", format!("{{{}}}", bib_escape(&d.title))));
    fields.push(("year", s.date.year.to_string()));
    let month = MONTHS.get(usize::from(s.date.month).saturating_sub(1)).copied().unwrap_or("jan");
    fields.push(("date", s.date.to_string()));
    if d.report {
        fields.push(("institution", bib_escape(&s.site)));
    } else {
        fields.push(("howpublished", bib_escape(&s.site)));
    }
    fields.push(("url", bib_url(&s.url)));
    fields.push(("language", d.lang.clone()));
    let mut out = format!("@{}{{{key},\n", if d.report { "techreport" } else { "misc" });
    for (name, value) in &fields {
        out.push_str(&format!("  {name} = {{{value}}},\n"));
        if *name == "year" {
            // A macro, unbraced: BibTeX styles print it in their own language.
            out.push_str(&format!("  month = {month},\n"));
        }
    }
    out.push_str("}\n");
    out
}

/// An author for BibTeX: braced whole when the name holds ` and ` (an
/// organisation), which would otherwise split it into two people.
fn bib_name(name: &str) -> String {
    let e = bib_escape(name);
    if name.contains(" and ") || name.contains(',') { format!("{{{e}}}") } else { e }
}

/// Escapes BibTeX's special characters; every other letter (ë, ç) stays as
/// written, in UTF-8, which biber and bibtex8 read.
pub(crate) fn bib_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URL for the `url` field, which is read verbatim: only braces, which
/// would end the field, are percent-encoded.
fn bib_url(url: &str) -> String {
    url.replace('{', "%7B").replace('}', "%7D")
}

/// The RIS record: `RPRT` for a report, else `ELEC` (a web page).
fn ris(s: &Source<'_>) -> String {
    let d = s.doc;
    let mut lines: Vec<(&str, String)> = vec![("TY", if d.report { "RPRT" } else { "ELEC" }.to_string())];
    lines.extend(d.authors.iter().map(|a| ("AU", a.clone())));
    lines.push(("TI", d.title.clone()));
    lines.push(("PY", s.date.year.to_string()));
    lines.push(("DA", format!("{:04}/{:02}/{:02}", s.date.year, s.date.month, s.date.day)));
    lines.push(("PB", s.site.clone()));
    lines.push(("UR", s.url.clone()));
    lines.push(("LA", d.lang.clone()));
    if !s.summary.is_empty() {
        lines.push(("AB", s.summary.clone()));
    }
    for t in &d.topics {
        lines.push(("KW", t.clone()));
    }
    if let Some(pdf) = &s.pdf {
        lines.push(("L1", pdf.clone()));
    }
    lines.push(("ER", String::new()));
    let mut out = String::new();
    for (tag, value) in lines {
        let v = ris_escape(&value);
        if v.is_empty() {
            out.push_str(&format!("{tag}  -\r\n"));
        } else {
            out.push_str(&format!("{tag}  - {v}\r\n"));
        }
    }
    out
}

/// A RIS value: one line (a tag starts at each line), without control
/// characters; letters stay as written, in UTF-8.
pub(crate) fn ris_escape(s: &str) -> String {
    let one_line: String =
        s.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).filter(|c| !c.is_control()).collect();
    one_line.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The "." that ends a part of a citation, or nothing when the text ends
/// in its own mark ("?", "!", ".", "…"), so that no "?." is shown.
fn full_stop(text: &str) -> &'static str {
    match text.trim_end().trim_end_matches(['"', '\'', '”', '’', '»', ')']).chars().last() {
        Some('?' | '!' | '.' | '…') => "",
        _ => ".",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_ending_in_its_own_mark_takes_no_full_stop() {
        assert_eq!(full_stop("Siguria në Ballkan"), ".");
        for t in ["Çfarë mbetet?", "Tani!", "Raporti nr. 3.", "Pse „jo?”", "E ardhmja…"] {
            assert_eq!(full_stop(t), "", "{t}");
        }
    }

    #[test]
    fn bibtex_escapes_specials_and_keeps_albanian_letters() {
        assert_eq!(
            bib_escape("Siguria në 50% & ç_{x}#$~^\\"),
            "Siguria në 50\\% \\& ç\\_\\{x\\}\\#\\$\\textasciitilde{}\\textasciicircum{}\\textbackslash{}"
        );
        assert_eq!(bib_name("Arta Krasniqi"), "Arta Krasniqi");
        assert_eq!(bib_name("Research and Policy Centre"), "{Research and Policy Centre}");
        assert_eq!(bib_url("https://x.org/a%20b/{c}"), "https://x.org/a%20b/%7Bc%7D");
    }

    #[test]
    fn ris_values_stay_on_one_line() {
        assert_eq!(ris_escape("Çështja\nnë   Ballkan\r\n\u{1}"), "Çështja në Ballkan");
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        let s = script_safe(&json!({"headline": "a</script><script>alert(1)</script> & b"}).to_string());
        assert!(!s.contains("</script>") && !s.contains('<'), "{s}");
        let back: Value = serde_json::from_str(&s).unwrap_or_default();
        assert_eq!(back["headline"], "a</script><script>alert(1)</script> & b");
    }
}
