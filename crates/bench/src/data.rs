//! The rest of the benchmark site: home intros, plain pages, recommendation
//! trackers (`content/trackers/<id>.yaml`, SPEC §5) and country radar data
//! (`content/radar/`, SPEC §6), all drawn from the seed.

use std::fmt::Write as _;
use std::path::Path;

use crate::corpus::{Rng, TRACKERS, quoted, write_file};
use crate::prose;
use raport::Error;

/// Radar dimensions: id, Albanian and English label.
pub const DIMENSIONS: &[(&str, &str, &str)] = &[
    ("legal-framework", "Korniza ligjore", "Legal framework"),
    ("institutional-capacity", "Kapacitetet institucionale", "Institutional capacity"),
    ("prosecution-results", "Rezultatet e ndjekjes penale", "Prosecution results"),
    ("asset-confiscation", "Konfiskimi i pasurive", "Asset confiscation"),
    ("regional-cooperation", "Bashkëpunimi rajonal", "Regional cooperation"),
    ("civil-society-oversight", "Mbikëqyrja nga shoqëria civile", "Civil society oversight"),
];

const STATUSES: &[&str] = &["not-implemented", "in-progress", "partially-implemented", "implemented", "no-data"];

/// Pages: Albanian stem and title, English slug and title.
const PAGES: &[(&str, &str, &str, &str)] = &[
    ("rreth-nesh", "Rreth nesh", "about", "About"),
    ("metodologjia", "Metodologjia", "methodology", "Methodology"),
    ("kontakt", "Kontakt", "contact", "Contact"),
];

/// A bilingual YAML map `{sq: "...", en: "..."}`.
fn both(sq: &str, en: &str) -> String {
    format!("{{sq: {}, en: {}}}", quoted(sq), quoted(en))
}

/// Writes home intros, pages, trackers and radar data under `root/content`.
/// Returns the number of Markdown files written.
pub fn write_data(root: &Path, seed: u64) -> Result<usize, Error> {
    let content = root.join("content");
    let mut rng = Rng::new(seed ^ 0xDA7A);
    let mut markdown = 0;
    for (lang, text) in [("sq", prose::SENTENCES[0].0), ("en", prose::SENTENCES[0].1)] {
        write_file(&content.join(format!("_index.{lang}.md")), &format!("{text}\n"))?;
        markdown += 1;
    }
    for (stem, sq, slug, en) in PAGES {
        for (lang, title, slug) in [("sq", sq, *stem), ("en", en, *slug)] {
            let pick = |p: prose::Pair| if lang == "sq" { p.0 } else { p.1 };
            let mut body = format!("---\ntitle: {}\nslug: {slug}\n---\n\n", quoted(title));
            for k in 0..6 {
                let _ = write!(body, "{} ", pick(prose::SENTENCES[(k * 5 + stem.len()) % prose::SENTENCES.len()]));
            }
            let _ = write!(body, "\n\n## {}\n\n", pick(prose::HEADINGS[5]));
            for a in prose::AUTHORS {
                let _ = writeln!(body, "- {}", pick(*a));
            }
            write_file(&content.join(format!("pages/{stem}.{lang}.md")), &body)?;
            markdown += 1;
        }
    }
    for (k, id) in TRACKERS.iter().enumerate() {
        write_file(&content.join(format!("trackers/{id}.yaml")), &tracker(id, k, &mut rng))?;
    }
    write_file(&content.join("radar/dimensions.yaml"), &dimensions())?;
    for (code, _, _, loc, en) in prose::COUNTRIES {
        write_file(&content.join(format!("radar/{code}.yaml")), &radar(&mut rng))?;
        let sq = format!(
            "Ky është vlerësimi i platformës për luftën kundër krimit të organizuar {loc}. {}\n",
            prose::SENTENCES[26].0
        );
        let en = format!(
            "This is the platform's assessment of the fight against organised crime in {en}. {}\n",
            prose::SENTENCES[26].1
        );
        write_file(&content.join(format!("radar/{code}.sq.md")), &sq)?;
        write_file(&content.join(format!("radar/{code}.en.md")), &en)?;
        markdown += 2;
    }
    Ok(markdown)
}

fn tracker(id: &str, k: usize, rng: &mut Rng) -> String {
    let year = 2021 + k;
    let mut y = String::new();
    let _ = writeln!(
        y,
        "title: {}",
        both(&format!("Rekomandimet e sigurisë {year}"), &format!("Security recommendations {year}"))
    );
    let _ = writeln!(
        y,
        "description: {}",
        both(
            "Rekomandimet e grupit të punës për **sigurinë dhe gjeopolitikën** dhe ndjekja e zbatimit të tyre.",
            "The **security and geopolitics** working group's recommendations and how far they are implemented."
        )
    );
    let _ = writeln!(
        y,
        "source: {}",
        both("Forumi i Shoqërisë Civile i Procesit të Berlinit", "Berlin Process Civil Society Forum")
    );
    let _ = writeln!(y, "updated: {}-09-30", year.min(2024));
    y.push_str("recommendations:\n");
    for r in 0..rng.range(12, 20) {
        let rec = prose::RECOMMENDATIONS[rng.below(prose::RECOMMENDATIONS.len())];
        let _ = writeln!(y, "  - id: sec-{}", r + 1);
        let _ = writeln!(y, "    title: {}", both(rec.0, rec.1));
        let text = prose::SENTENCES[rng.below(prose::SENTENCES.len())];
        if !text.0.contains('{') {
            let _ = writeln!(y, "    text: {}", both(text.0, text.1));
        }
        let _ = writeln!(y, "    addressed_to: {}", both("Qeveritë e rajonit", "Governments of the region"));
        y.push_str("    countries:\n");
        for (code, ..) in prose::COUNTRIES {
            if rng.one_in(7) {
                continue;
            }
            let status = STATUSES[rng.below(STATUSES.len())];
            if rng.one_in(3) {
                let _ = writeln!(
                    y,
                    "      {code}: {{status: {status}, note: {}, sources: [\"https://example.org/{id}/{code}/{}\"]}}",
                    both("Ligji u miratua, por zbatimi vonon.", "The law was adopted, but enforcement lags."),
                    r + 1
                );
            } else {
                let _ = writeln!(y, "      {code}: {status}");
            }
        }
    }
    y
}

fn dimensions() -> String {
    let mut y = String::from("scale: {min: 0, max: 5}\ndimensions:\n");
    for (id, sq, en) in DIMENSIONS {
        let _ = writeln!(y, "  - id: {id}\n    label: {}", both(sq, en));
    }
    y
}

fn radar(rng: &mut Rng) -> String {
    let mut y = String::from("assessments:\n");
    for year in (2019..=2024).rev() {
        let _ = writeln!(y, "  - year: {year}");
        let mut scores = Vec::new();
        for (id, ..) in DIMENSIONS {
            if rng.one_in(10) {
                continue;
            }
            let half = rng.range(0, 10);
            scores.push(if half.is_multiple_of(2) {
                format!("{id}: {}", half / 2)
            } else {
                format!("{id}: {}.5", half / 2)
            });
        }
        let _ = writeln!(y, "    scores: {{{}}}", scores.join(", "));
        let f = prose::SENTENCES[rng.below(prose::SENTENCES.len())];
        if !f.0.contains('{') {
            let _ = writeln!(y, "    findings: {}", both(f.0, f.1));
        }
    }
    y
}
