//! A light stemmer for search terms in Albanian (`sq`), English (`en`),
//! Serbian in either script, Bosnian and Montenegrin (`sr`, `sr-Latn`, `bs`,
//! `cnr`: one set of case endings, on the folded Latin form that Cyrillic
//! folds to as well) and Macedonian (`mk`: its definite article endings):
//! a folded term -> the stem the index stores and the query looks up, so
//! that a word finds the other forms of itself (Kosovë / Kosova / Kosovës,
//! siguri / sigurisë / sigurinë, organised / organized, recommendation /
//! recommendations). No Albanian stemmer exists upstream (Snowball and
//! pagefind have none); this one strips the case, definiteness and plural
//! endings of nouns and the final vowels, which is what hides most matches.
//!
//! The rules are one table, [`RULES`], that `assets/search.js` carries word
//! for word and applies the same way: a test keeps the two tables equal, and
//! another runs the script's stemmer under Node over a list of words.
//!
//! Table format: languages separated by `|`, each `lang=` then its steps
//! separated by `;`. A step is either a list of `suffix:replacement` entries
//! separated by `,` (the first whose suffix ends the term and leaves at least
//! [`MIN_STEM`] characters before it is applied, then the next step runs), or
//! `~letters`: strip any of these letters from the end, one by one, while at
//! least [`MIN_STEM`] characters remain. Terms with a digit are kept as they are.

use std::sync::OnceLock;

/// The stemming rules of every language (see the module docs for the format).
/// `assets/search.js` holds the same string.
pub(crate) const RULES: &str = "sq=ave:,eve:,ise:i,ine:i,ite:i,ive:i,es:,en:,et:,it:,in:;~aeiouy\
|en=isations:ization,isation:ization,ising:izing,ised:ized,ises:izes,ise:ize,ysing:yzing,ysed:yzed,yses:yzes,yse:yze,ours:ors,our:or,tres:ters,tre:ter\
;sses:ss,ies:y,ing:,ed:,ss:ss,us:us,is:is,s:;e:\
|sr=ama:,ima:,ovi:,evi:,om:,em:,og:,oj:,ih:;~aeiou|sr-Latn=ama:,ima:,ovi:,evi:,om:,em:,og:,oj:,ih:;~aeiou|bs=ama:,ima:,ovi:,evi:,om:,em:,og:,oj:,ih:;~aeiou|cnr=ama:,ima:,ovi:,evi:,om:,em:,og:,oj:,ih:;~aeiou|mk=ite:,ata:,ot:,ov:;~aeiou";

/// A stem keeps at least this many characters.
pub(crate) const MIN_STEM: usize = 3;

/// One step of a language's rules.
pub(super) enum Step {
    /// The first matching `(suffix, replacement)` is applied.
    Suffixes(Vec<(String, String)>),
    /// These letters are stripped from the end while the stem stays long enough.
    Strip(Vec<char>),
}

fn rules() -> &'static Vec<(String, Vec<Step>)> {
    static RULES_PARSED: OnceLock<Vec<(String, Vec<Step>)>> = OnceLock::new();
    RULES_PARSED.get_or_init(|| {
        RULES
            .split('|')
            .filter_map(|lang| lang.split_once('='))
            .map(|(lang, steps)| {
                let steps = steps
                    .split(';')
                    .map(|step| match step.strip_prefix('~') {
                        Some(letters) => Step::Strip(letters.chars().collect()),
                        None => Step::Suffixes(
                            step.split(',')
                                .filter_map(|e| e.split_once(':'))
                                .map(|(s, r)| (s.to_string(), r.to_string()))
                                .collect(),
                        ),
                    })
                    .collect();
                (lang.to_string(), steps)
            })
            .collect()
    })
}

/// The stem of a folded search term in `lang`; the term itself in a
/// language without rules, or when it holds a digit.
pub fn stem(term: &str, lang: &str) -> String {
    let mut buf = term.to_string();
    apply(rules_of(lang), &mut buf);
    buf
}

/// The rules of `lang`, for [`apply`]; empty for a language without any.
pub(super) fn rules_of(lang: &str) -> &'static [Step] {
    rules().iter().find(|(l, _)| l == lang).map_or(&[], |(_, steps)| steps.as_slice())
}

/// Reduces the term in `buf` to its stem by `steps`, in place (the index
/// stems every word of every body).
pub(super) fn apply(steps: &[Step], buf: &mut String) {
    if steps.is_empty() || buf.chars().any(char::is_numeric) {
        return;
    }
    let count = |s: &str| if s.is_ascii() { s.len() } else { s.chars().count() };
    for step in steps {
        match step {
            Step::Suffixes(list) => {
                // Suffixes are ASCII: their length in bytes is their length in characters.
                if let Some((suffix, replacement)) = list
                    .iter()
                    .find(|(suffix, _)| buf.ends_with(suffix.as_str()) && count(buf) >= suffix.len() + MIN_STEM)
                {
                    buf.truncate(buf.len() - suffix.len());
                    buf.push_str(replacement);
                }
            }
            Step::Strip(letters) => {
                while count(buf) > MIN_STEM && buf.chars().next_back().is_some_and(|c| letters.contains(&c)) {
                    buf.pop();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words and their stems, one `word stem` per line: the list the Rust and
    /// the JavaScript stemmer are both checked against.
    const WORDS: &str = include_str!("stem_words.txt");

    fn table() -> Vec<(&'static str, &'static str, &'static str)> {
        WORDS
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let mut parts = l.split_whitespace();
                let lang = parts.next().unwrap_or_default();
                let word = parts.next().unwrap_or_default();
                let stem = parts.next().unwrap_or_default();
                (lang, word, stem)
            })
            .collect()
    }

    /// The folded, cut term of `word`, as the index and the query make it.
    fn term(word: &str) -> String {
        super::super::tokenize(word).into_iter().next().unwrap_or_default()
    }

    #[test]
    fn the_word_list_stems_as_written() {
        for (lang, word, want) in table() {
            assert_eq!(stem(&term(word), lang), want, "{lang} {word}");
        }
    }

    #[test]
    fn inflected_forms_share_a_stem() {
        let same = |lang: &str, words: &[&str]| {
            let stems: Vec<String> = words.iter().map(|w| stem(&term(w), lang)).collect();
            assert!(stems.windows(2).all(|w| w[0] == w[1]), "{lang}: {words:?} -> {stems:?}");
        };
        same("sq", &["Kosovë", "Kosova", "Kosovës", "Kosovën", "kosove"]);
        same("sq", &["siguri", "sigurisë", "sigurinë", "siguria", "sigurise"]);
        same("sq", &["sanksion", "sanksione", "sanksionet", "sanksioneve"]);
        same("sq", &["krimi", "krimit", "krimin", "krim"]);
        same("sq", &["Shqipëria", "Shqipërisë", "Shqipërinë", "Shqipëri"]);
        same("en", &["organized", "organised", "organize", "organise", "organizes", "organising"]);
        same("en", &["recommendation", "recommendations"]);
        same("en", &["organisation", "organizations"]);
        same("en", &["country", "countries"]);
        same("en", &["labour", "labor"]);
    }

    #[test]
    fn short_words_numbers_and_other_languages_are_kept() {
        assert_eq!(stem("zi", "sq"), "zi");
        assert_eq!(stem("2023", "sq"), "2023");
        assert_eq!(stem("spak", "sq"), "spak");
        assert_eq!(stem("status", "en"), "status");
        assert_eq!(stem("process", "en"), "process");
        assert_eq!(stem("kosova", "de"), "kosova");
    }

    #[test]
    fn serbian_bosnian_montenegrin_and_macedonian_endings_go() {
        use crate::slug::fold;
        for lang in ["sr", "sr-Latn", "bs", "cnr"] {
            for w in ["bezbednost", "bezbednosti", "bezbednostima", "безбедности"] {
                assert_eq!(stem(&fold(w), lang), "bezbednost", "{w} in {lang}");
            }
            assert_eq!(stem(&fold("regionu"), lang), stem(&fold("region"), lang));
            assert_eq!(stem(&fold("регионима"), lang), stem(&fold("regiona"), lang));
        }
        assert_eq!(stem(&fold("безбедноста"), "mk"), stem(&fold("безбедност"), "mk"));
        assert_eq!(stem(&fold("регионот"), "mk"), "region");
    }

    /// `search.js` must carry the same rules.
    #[test]
    fn search_js_has_the_same_rules() {
        let js = include_str!("../../../themes/default/static/assets/search.js");
        let table = js.split("STEM_RULES = \"").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default();
        assert_eq!(table, RULES, "the stemming rules in search.js differ from src/render/search/stem.rs");
    }

    /// `search.js`'s stemmer, run by Node over the word list, gives what
    /// [`stem`] gives. Skipped (with a note) where Node is not installed.
    #[test]
    fn search_js_stems_like_rust() {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/static/assets/search.js");
        let mut words: Vec<(String, String)> =
            table().into_iter().map(|(lang, word, _)| (lang.to_string(), word.to_string())).collect();
        // And some words that the list does not stem by hand.
        for w in ["Çështjeve", "organizatave", "qeverive", "policisë", "analysed", "centres", "studies", "KOSOVËS"]
        {
            words.push(("sq".into(), w.into()));
            words.push(("en".into(), w.into()));
        }
        let input: String = words.iter().map(|(l, w)| format!("{l} {w}\n")).collect();
        let code = format!(
            "const s = require('fs').readFileSync({script:?}, 'utf8'); globalThis.RAPORT_SEARCH_TEST = true; eval(s); \
             const api = globalThis.raportSearch; let out = ''; \
             for (const line of require('fs').readFileSync(0, 'utf8').split('\\n')) {{ if (!line) continue; \
             const [lang, word] = line.split(' '); out += api.tokenize(word, 24).map((t) => api.stem(t, lang)).join(' ') + '\\n'; }} \
             process.stdout.write(out);"
        );
        let child = std::process::Command::new("node")
            .arg("-e")
            .arg(&code)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn();
        let Ok(mut child) = child else {
            eprintln!("search_js_stems_like_rust: node is not installed; skipped");
            return;
        };
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write as _;
            stdin.write_all(input.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        }
        let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        assert!(out.status.success(), "node failed: {}", String::from_utf8_lossy(&out.stderr));
        let got = String::from_utf8_lossy(&out.stdout);
        let lines: Vec<&str> = got.lines().collect();
        assert_eq!(lines.len(), words.len(), "{got}");
        for ((lang, word), js) in words.iter().zip(lines) {
            let rust: Vec<String> = super::super::tokenize(word).iter().map(|t| stem(t, lang)).collect();
            assert_eq!(js, rust.join(" "), "{lang} {word}: search.js and Rust stem differently");
        }
    }
}
