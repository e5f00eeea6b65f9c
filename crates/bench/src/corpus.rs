//! The benchmark corpus: a seeded generator of a whole raport site (SPEC §1-§6)
//! with N bilingual briefs, plus the same briefs as a Hugo site (`crate::hugo`).
//!
//! Each brief is first drawn as a [`Plan`] (which sentences, headings, table
//! figures, footnotes, links, code), then written out once per language, so
//! the `sq` and `en` files are translations of each other. The same seed
//! always gives the same bytes.

use std::fmt::Write as _;
use std::path::Path;

use crate::prose::{self, Pair};
use raport::Error;
use raport::slug::slugify;

/// A small deterministic pseudo-random generator (xorshift64*); no crate needed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (any value, zero included).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next_u64() % u64::from(hi - lo + 1)) as u32
    }

    /// An index below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability 1 in `n`.
    pub fn one_in(&mut self, n: u32) -> bool {
        self.range(1, n) == 1
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct CorpusOptions {
    /// Number of briefs (each in `sq` and `en`).
    pub briefs: usize,
    /// Seed of the generator.
    pub seed: u64,
}

/// What was generated.
#[derive(Debug, Clone, Default)]
pub struct CorpusStats {
    /// Markdown files written (briefs, pages, home intros, narratives).
    pub markdown_files: usize,
    /// Words in all brief bodies, both languages.
    pub words: usize,
    /// Bytes of Markdown in brief bodies, both languages.
    pub bytes: usize,
}

/// Tracker ids the corpus writes (and briefs may link to).
pub const TRACKERS: &[&str] = &["berlin-2021", "berlin-2022", "berlin-2023", "ocr-2024"];

/// Languages, in site order: index 0 is `sq`, 1 is `en`.
pub const LANGS: [&str; 2] = ["sq", "en"];

/// One sentence of a paragraph, with its own figures and an optional footnote.
#[derive(Debug, Clone)]
struct Sentence {
    pool: usize,
    n: u32,
    p: u32,
    note: Option<usize>,
}

/// A block of a brief body.
#[derive(Debug, Clone)]
enum Block {
    Heading(u8, Pair),
    Para(Vec<Sentence>, Option<(usize, usize)>),
    Table(u32, [[u32; 2]; 3], [u32; 2]),
    List(Vec<usize>),
    Code(usize),
}

/// One brief, drawn once and written in both languages.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Position in the corpus (0-based).
    pub index: usize,
    /// Index into [`prose::COUNTRIES`] of the main country.
    country: usize,
    /// Other countries (indices), sorted, without the main one.
    others: Vec<usize>,
    /// Indices into [`prose::TOPICS`].
    pub topics: Vec<usize>,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `YYYY-MM-DD`, for one brief in five.
    pub updated: Option<String>,
    /// Indices into [`prose::AUTHORS`].
    pub authors: Vec<usize>,
    /// A tracker id, for one brief in five.
    pub tracker: Option<&'static str>,
    title: usize,
    topic: usize,
    year: u32,
    summary: bool,
    blocks: Vec<Block>,
    /// Footnotes: source pool index and year.
    notes: Vec<(usize, u32)>,
}

/// Draws brief `index` of `total` from `rng`.
pub fn plan(index: usize, total: usize, rng: &mut Rng) -> Plan {
    let country = rng.below(prose::COUNTRIES.len());
    let mut others: Vec<usize> =
        (0..rng.below(3)).map(|_| rng.below(prose::COUNTRIES.len())).filter(|c| *c != country).collect();
    others.sort_unstable();
    others.dedup();
    let topic = rng.below(prose::TOPICS.len());
    let mut topics = vec![topic];
    for _ in 0..rng.below(3) {
        let t = rng.below(prose::TOPICS.len());
        if !topics.contains(&t) {
            topics.push(t);
        }
    }
    let year = rng.range(2015, 2024);
    let date = format!("{year}-{:02}-{:02}", rng.range(1, 12), rng.range(1, 28));
    let updated = rng.one_in(5).then(|| format!("{}-{:02}-{:02}", year + 1, rng.range(1, 12), rng.range(1, 28)));
    let mut authors = vec![rng.below(prose::AUTHORS.len())];
    if rng.one_in(3) {
        let a = rng.below(prose::AUTHORS.len());
        if !authors.contains(&a) {
            authors.push(a);
        }
    }
    let tracker = rng.one_in(5).then(|| TRACKERS[rng.below(TRACKERS.len())]);
    let mut p = Plan {
        index,
        country,
        others,
        topics,
        date,
        updated,
        authors,
        tracker,
        title: rng.below(prose::TITLES.len()),
        topic,
        year,
        summary: rng.one_in(3),
        blocks: Vec::new(),
        notes: Vec::new(),
    };
    draw_body(&mut p, total, rng);
    p
}

fn paragraph(p: &mut Plan, rng: &mut Rng, lo: u32, hi: u32) -> Vec<Sentence> {
    let sentences = rng.range(lo, hi);
    let mut out = (0..sentences)
        .map(|_| {
            let note = rng.one_in(12).then(|| {
                p.notes.push((rng.below(prose::SOURCES.len()), rng.range(2015, 2024)));
                p.notes.len()
            });
            Sentence { pool: rng.below(prose::SENTENCES.len()), n: rng.range(12, 480), p: rng.range(3, 68), note }
        })
        .collect::<Vec<_>>();
    // No sentence twice in a paragraph.
    for k in 1..out.len() {
        while out[..k].iter().any(|s| s.pool == out[k].pool) {
            out[k].pool = (out[k].pool + 1) % prose::SENTENCES.len();
        }
    }
    out
}

fn draw_body(p: &mut Plan, total: usize, rng: &mut Rng) {
    let intro = paragraph(p, rng, 4, 6);
    p.blocks.push(Block::Para(intro, None));
    let sections = rng.range(4, 6) as usize;
    let mut headings: Vec<usize> = (0..prose::HEADINGS.len()).collect();
    let table_at = rng.below(sections);
    let list_at = rng.below(sections);
    let code = (p.index % 10 == 7).then(|| rng.below(prose::CODE.len()));
    for s in 0..sections {
        let h = headings.remove(rng.below(headings.len()));
        p.blocks.push(Block::Heading(2, prose::HEADINGS[h]));
        for k in 0..rng.range(2, 3) {
            let sentences = paragraph(p, rng, 4, 6);
            let link = (total > 1 && k == 0 && rng.one_in(2)).then(|| {
                let mut target = rng.below(total);
                if target == p.index {
                    target = (target + 1) % total;
                }
                (rng.below(prose::SEE_ALSO.len()), target)
            });
            p.blocks.push(Block::Para(sentences, link));
        }
        if s == table_at {
            let rows = [
                [rng.range(40, 400), rng.range(40, 400)],
                [rng.range(10, 120), rng.range(10, 120)],
                [rng.range(1, 60), rng.range(1, 60)],
            ];
            p.blocks.push(Block::Table(p.year, rows, [rng.range(1, 95), rng.range(1, 95)]));
        }
        if s == list_at {
            let mut recs: Vec<usize> = (0..prose::RECOMMENDATIONS.len()).collect();
            let n = rng.range(3, 5) as usize;
            let picked = (0..n).map(|_| recs.remove(rng.below(recs.len()))).collect();
            p.blocks.push(Block::List(picked));
        }
        if s == 1 && rng.one_in(3) {
            p.blocks.push(Block::Heading(3, prose::SUBHEADINGS[rng.below(prose::SUBHEADINGS.len())]));
            let sentences = paragraph(p, rng, 3, 5);
            p.blocks.push(Block::Para(sentences, None));
        }
        if s == sections - 1
            && let Some(c) = code
        {
            p.blocks.push(Block::Code(c));
        }
    }
}

/// Picks the text of `pair` in language `lang` (0 `sq`, 1 `en`).
fn pick(pair: Pair, lang: usize) -> &'static str {
    if lang == 0 { pair.0 } else { pair.1 }
}

impl Plan {
    /// The file stem, shared by both languages: `pastrimi-i-parave-al-0042`.
    pub fn stem(&self) -> String {
        stem_of(self.index, self.topic, self.country)
    }

    /// The URL slug of the English version (the Albanian one is the stem).
    pub fn en_slug(&self) -> String {
        format!("{}-{}-{:04}", slugify(prose::TOPICS[self.topic].1), country_code(self.country), self.index)
    }

    /// Country codes, main country first.
    pub fn countries(&self) -> Vec<&'static str> {
        std::iter::once(self.country).chain(self.others.iter().copied()).map(country_code).collect()
    }

    /// Fills the placeholders of `t` for language `lang`.
    fn fill(&self, out: &mut String, t: &str, lang: usize, n: u32, p: u32) {
        let (_, nom, gen_, loc, en) = prose::COUNTRIES.get(self.country).copied().unwrap_or(("al", "", "", "", ""));
        let mut rest = t;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let after = &rest[i..];
            let Some(j) = after.find('}') else { break };
            match &after[..=j] {
                "{C}" => out.push_str(if lang == 0 { nom } else { en }),
                "{CG}" => out.push_str(if lang == 0 { gen_ } else { en }),
                "{CL}" => {
                    if lang == 0 {
                        out.push_str(loc);
                    } else {
                        out.push_str("in ");
                        out.push_str(en);
                    }
                }
                "{T}" => out.push_str(pick(prose::TOPICS[self.topic], lang)),
                "{Y}" => {
                    let _ = write!(out, "{}", self.year.saturating_sub(1));
                }
                "{Y2}" => {
                    let _ = write!(out, "{}", self.year);
                }
                "{N}" => {
                    let _ = write!(out, "{n}");
                }
                "{P}" => {
                    let _ = write!(out, "{p}");
                }
                other => out.push_str(other),
            }
            rest = &after[j + 1..];
        }
        out.push_str(rest);
    }

    /// The title in `lang`.
    pub fn title(&self, lang: usize) -> String {
        let mut s = String::new();
        self.fill(&mut s, pick(prose::TITLES[self.title], lang), lang, 0, 0);
        s
    }

    /// The summary in `lang`, for the briefs that set one in front matter.
    pub fn summary(&self, lang: usize) -> Option<String> {
        self.summary.then(|| {
            let mut s = String::new();
            self.fill(&mut s, pick(prose::SENTENCES[(self.index * 7) % prose::SENTENCES.len()], lang), lang, 42, 17);
            s
        })
    }

    /// The Markdown body in `lang`; `link` turns a brief index into a link destination.
    pub fn body(&self, lang: usize, link: &dyn Fn(usize) -> String) -> String {
        let mut out = String::with_capacity(9000);
        for b in &self.blocks {
            match b {
                Block::Heading(level, h) => {
                    out.push_str(if *level == 2 { "## " } else { "### " });
                    out.push_str(pick(*h, lang));
                    out.push_str("\n\n");
                }
                Block::Para(sentences, see) => {
                    for (k, s) in sentences.iter().enumerate() {
                        if k > 0 {
                            out.push(if k % 3 == 0 { '\n' } else { ' ' });
                        }
                        self.fill(&mut out, pick(prose::SENTENCES[s.pool], lang), lang, s.n, s.p);
                        if let Some(n) = s.note {
                            let _ = write!(out, "[^{n}]");
                        }
                    }
                    if let Some((phrase, target)) = see {
                        out.push(' ');
                        out.push_str(&pick(prose::SEE_ALSO[*phrase], lang).replace("{L}", &link(*target)));
                    }
                    out.push_str("\n\n");
                }
                Block::Table(year, rows, assets) => self.table(&mut out, lang, *year, rows, assets),
                Block::List(recs) => {
                    for r in recs {
                        out.push_str("- ");
                        out.push_str(pick(prose::RECOMMENDATIONS[*r], lang));
                        out.push('\n');
                    }
                    out.push('\n');
                }
                Block::Code(c) => {
                    let (language, code) = prose::CODE[*c];
                    out.push_str(pick(
                        (
                            "Të dhënat e kësaj analize mund të riprodhohen kështu:",
                            "The data of this analysis can be reproduced as follows:",
                        ),
                        lang,
                    ));
                    let _ = write!(out, "\n\n```{language}\n{code}```\n\n");
                }
            }
        }
        for (k, (src, year)) in self.notes.iter().enumerate() {
            let _ = write!(out, "[^{}]: ", k + 1);
            self.fill(&mut out, &pick(prose::SOURCES[*src], lang).replace("{Y}", &year.to_string()), lang, 0, 0);
            out.push('\n');
        }
        out
    }

    fn table(&self, out: &mut String, lang: usize, year: u32, rows: &[[u32; 2]; 3], assets: &[u32; 2]) {
        let labels: [Pair; 5] = [
            ("Treguesi", "Indicator"),
            ("Hetime të reja", "New investigations"),
            ("Ndjekje penale", "Prosecutions"),
            ("Dënime", "Convictions"),
            ("Pasuri të konfiskuara (milionë €)", "Assets confiscated (€ million)"),
        ];
        let _ = write!(out, "| {} | {} | {} |\n|---|---:|---:|\n", pick(labels[0], lang), year - 1, year);
        for (label, r) in labels[1..4].iter().zip(rows) {
            let _ = writeln!(out, "| {} | {} | {} |", pick(*label, lang), r[0], r[1]);
        }
        let sep = if lang == 0 { ',' } else { '.' };
        let _ = writeln!(
            out,
            "| {} | {}{sep}{} | {}{sep}{} |\n",
            pick(labels[4], lang),
            assets[0] / 10,
            assets[0] % 10,
            assets[1] / 10,
            assets[1] % 10
        );
    }
}

fn country_code(i: usize) -> &'static str {
    prose::COUNTRIES.get(i).map_or("al", |c| c.0)
}

fn stem_of(index: usize, topic: usize, country: usize) -> String {
    format!("{}-{}-{:04}", slugify(prose::TOPICS[topic].0), country_code(country), index)
}

/// Draws every brief of the corpus; the same options give the same plans.
pub fn plans(opts: &CorpusOptions) -> Vec<Plan> {
    let mut rng = Rng::new(opts.seed);
    (0..opts.briefs).map(|i| plan(i, opts.briefs, &mut rng)).collect()
}

/// A YAML (and JSON) double-quoted string.
pub fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Writes `text` to `path`, creating its folder.
pub fn write_file(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        raport::io(parent, std::fs::create_dir_all(parent))?;
    }
    raport::io(path, std::fs::write(path, text))
}

/// Writes a whole raport site with `opts.briefs` bilingual briefs into `root`.
pub fn write_site(root: &Path, opts: &CorpusOptions) -> Result<CorpusStats, Error> {
    let plans = plans(opts);
    let mut stats = CorpusStats::default();
    write_file(&root.join("site.yaml"), SITE_YAML)?;
    let stems: Vec<String> = plans.iter().map(Plan::stem).collect();
    let link = |i: usize| format!("@/briefs/{}.md", stems.get(i).map_or("", String::as_str));
    for p in &plans {
        for (lang, code) in LANGS.iter().enumerate() {
            let body = p.body(lang, &link);
            stats.words += body.split_whitespace().count();
            stats.bytes += body.len();
            let text = format!("{}{body}", front_matter(p, lang));
            write_file(&root.join(format!("content/briefs/{}.{code}.md", p.stem())), &text)?;
            stats.markdown_files += 1;
        }
    }
    stats.markdown_files += super::data::write_data(root, opts.seed)?;
    Ok(stats)
}

/// The front matter of a brief in `lang`, with its `---` lines.
pub fn front_matter(p: &Plan, lang: usize) -> String {
    let mut fm = String::from("---\n");
    let _ = writeln!(fm, "title: {}", quoted(&p.title(lang)));
    let _ = writeln!(fm, "date: {}", p.date);
    if let Some(u) = &p.updated {
        let _ = writeln!(fm, "updated: {u}");
    }
    if lang == 1 {
        let _ = writeln!(fm, "slug: {}", p.en_slug());
    }
    if let Some(s) = p.summary(lang) {
        let _ = writeln!(fm, "summary: {}", quoted(&s));
    }
    let authors: Vec<String> = p.authors.iter().map(|a| quoted(pick(prose::AUTHORS[*a], lang))).collect();
    let _ = writeln!(fm, "authors: [{}]", authors.join(", "));
    let _ = writeln!(fm, "countries: [{}]", p.countries().join(", "));
    let topics: Vec<String> = p.topics.iter().map(|t| quoted(pick(prose::TOPICS[*t], lang))).collect();
    let _ = writeln!(fm, "topics: [{}]", topics.join(", "));
    if let Some(t) = p.tracker {
        let _ = writeln!(fm, "tracker: {t}");
    }
    fm.push_str("---\n\n");
    fm
}

const SITE_YAML: &str = r#"# Generated by the raport benchmark corpus (crates/bench/src/corpus.rs).
title:
  sq: "Radari i Krimit të Organizuar"
  en: "Organized Crime Radar"
description:
  sq: "Vlerësime të pavarura të luftës kundër krimit të organizuar në Ballkanin Perëndimor."
  en: "Independent assessments of the fight against organized crime in the Western Balkans."
base_url: "https://example.github.io/wb-ocr/"
languages: [sq, en]
countries: [al, ba, xk, me, mk, rs]
briefs_per_page: 20
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_gives_same_briefs_and_translations_line_up() {
        let opts = CorpusOptions { briefs: 30, seed: 7 };
        let (a, b) = (plans(&opts), plans(&opts));
        let link = |i: usize| format!("@/briefs/{i}.md");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.body(0, &link), y.body(0, &link));
            assert_eq!(x.stem(), y.stem());
            let (sq, en) = (x.body(0, &link), x.body(1, &link));
            assert_eq!(sq.matches("\n## ").count(), en.matches("\n## ").count());
            assert_eq!(sq.matches("[^").count(), en.matches("[^").count());
        }
        assert!(a.iter().filter(|p| p.blocks.iter().any(|b| matches!(b, Block::Code(_)))).count() == 3);
    }

    #[test]
    fn briefs_are_about_a_thousand_words_or_more() {
        let opts = CorpusOptions { briefs: 50, seed: 1 };
        let link = |_: usize| String::from("@/briefs/x.md");
        let words: Vec<usize> = plans(&opts).iter().map(|p| p.body(0, &link).split_whitespace().count()).collect();
        let avg = words.iter().sum::<usize>() / words.len();
        assert!((900..=1600).contains(&avg), "average {avg} words");
    }
}
