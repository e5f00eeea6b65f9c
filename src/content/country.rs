//! Countries: codes, built-in names, and validation of references (SPEC §1).

use crate::diag::{Diagnostics, SourceFile, Span};
use crate::i18n::{Languages, Text};

/// A country code as used in file names and front matter (`al`, `xk`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct CountryCode(pub String);

/// Built-in countries: code, Albanian name, English name.
const BUILT_IN: &[(&str, &str, &str)] = &[
    ("al", "Shqipëria", "Albania"),
    ("ba", "Bosnja dhe Hercegovina", "Bosnia and Herzegovina"),
    ("xk", "Kosova", "Kosovo"),
    ("me", "Mali i Zi", "Montenegro"),
    ("mk", "Maqedonia e Veriut", "North Macedonia"),
    ("rs", "Serbia", "Serbia"),
];

/// The built-in countries' names in the region's other languages: code,
/// then Serbian (Cyrillic), Serbian (Latin), Macedonian, Bosnian, Montenegrin.
const REGIONAL: &[(&str, [&str; 5])] = &[
    ("al", ["Албанија", "Albanija", "Албанија", "Albanija", "Albanija"]),
    (
        "ba",
        [
            "Босна и Херцеговина",
            "Bosna i Hercegovina",
            "Босна и Херцеговина",
            "Bosna i Hercegovina",
            "Bosna i Hercegovina",
        ],
    ),
    ("xk", ["Косово", "Kosovo", "Косово", "Kosovo", "Kosovo"]),
    ("me", ["Црна Гора", "Crna Gora", "Црна Гора", "Crna Gora", "Crna Gora"]),
    (
        "mk",
        [
            "Северна Македонија",
            "Severna Makedonija",
            "Северна Македонија",
            "Sjeverna Makedonija",
            "Sjeverna Makedonija",
        ],
    ),
    ("rs", ["Србија", "Srbija", "Србија", "Srbija", "Srbija"]),
];

/// The languages of [`REGIONAL`]'s columns.
const REGIONAL_LANGS: [&str; 5] = ["sr", "sr-Latn", "mk", "bs", "cnr"];

/// A built-in country's name in `lang`: Albanian, English or one of the
/// region's languages; English for any other language.
fn built_in_name(code: &str, lang: &str) -> String {
    let (_, sq, en) = BUILT_IN.iter().find(|(c, _, _)| *c == code).copied().unwrap_or(("", "", ""));
    if lang == "sq" {
        return sq.to_string();
    }
    let col = REGIONAL_LANGS.iter().position(|l| *l == lang);
    let regional = REGIONAL.iter().find(|(c, _)| *c == code).and_then(|(_, names)| col.map(|i| names[i]));
    regional.unwrap_or(en).to_string()
}

impl CountryCode {
    /// The built-in codes.
    pub(crate) fn built_in() -> Vec<CountryCode> {
        BUILT_IN.iter().map(|(c, _, _)| CountryCode((*c).to_string())).collect()
    }

    /// A built-in code, or an error at `span` listing the known ones.
    pub fn parse(code: &str, span: Span, file: &SourceFile, diags: &mut Diagnostics) -> Option<CountryCode> {
        if BUILT_IN.iter().any(|(c, _, _)| *c == code) {
            return Some(CountryCode(code.to_string()));
        }
        let known: Vec<&str> = BUILT_IN.iter().map(|(c, _, _)| *c).collect();
        let mut hint = format!("known codes: {}", sorted(&known));
        if code == "kv" || code == "ks" || code == "xk" {
            hint = format!("Kosovo is `xk`; {hint}");
        }
        let names: Vec<(&str, Vec<&str>)> = BUILT_IN.iter().map(|(c, sq, en)| (*c, vec![*sq, *en])).collect();
        if let Some(h) = name_hint(code, &names) {
            hint = h;
        }
        diags.push(file.error(span, "unknown-country", format!("unknown country code `{code}`")).with_hint(hint));
        None
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn sorted(v: &[&str]) -> String {
    let mut v = v.to_vec();
    v.sort_unstable();
    v.join(", ")
}

/// A country of the site, with its name in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// The code.
    pub code: CountryCode,
    /// The name, per language.
    pub name: Text,
}

impl Country {
    /// The country with built-in names, or `name` when site.yaml overrides them.
    pub fn new(code: CountryCode, name: Option<Text>, langs: &Languages) -> Country {
        let name = name.unwrap_or_else(|| {
            let m = langs.all().iter().map(|l| (l.clone(), built_in_name(&code.0, l))).collect();
            Text::localized(m, langs)
        });
        Country { code, name }
    }
}

/// Finds a site country by code, or reports an error at `span` listing the site's codes.
pub fn resolve<'a>(
    countries: &'a [Country],
    code: &str,
    span: Span,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<&'a Country> {
    if let Some(c) = countries.iter().find(|c| c.code.0 == code) {
        return Some(c);
    }
    let codes: Vec<&str> = countries.iter().map(|c| c.code.as_str()).collect();
    let mut hint = format!("known codes: {}", sorted(&codes));
    if (code == "kv" || code == "ks") && codes.contains(&"xk") {
        hint = format!("Kosovo is `xk`; {hint}");
    }
    if let Some(h) = name_hint(code, &site_names(countries)) {
        hint = h;
    }
    let message = if BUILT_IN.iter().any(|(c, _, _)| *c == code) {
        format!("country `{code}` is not one of this site's countries")
    } else {
        format!("unknown country code `{code}`")
    };
    diags.push(file.error(span, "unknown-country", message).with_hint(hint));
    None
}

/// Every site country's code with its names in every language (and the
/// built-in ones, which editors may write even when the site renames a country).
pub(crate) fn site_names(countries: &[Country]) -> Vec<(&str, Vec<&str>)> {
    countries
        .iter()
        .map(|c| {
            let mut names: Vec<&str> = Vec::new();
            if let Some((_, sq, en)) = BUILT_IN.iter().find(|(code, _, _)| *code == c.code.as_str()) {
                names.extend([*sq, *en]);
            }
            match &c.name {
                Text::Plain(n) => names.push(n.as_str()),
                Text::Map(m, _) => names.extend(m.values().map(String::as_str)),
            }
            (c.code.as_str(), names)
        })
        .collect()
}

/// Other names editors write for the built-in countries (endonyms, short
/// and indefinite forms), matched after folding.
const OTHER_NAMES: &[(&str, &str)] = &[
    ("al", "shqiperi"),
    ("al", "shqiperise"),
    ("ba", "bosnja"),
    ("ba", "bosnia"),
    ("ba", "bih"),
    ("ba", "bosna i hercegovina"),
    ("xk", "kosove"),
    ("xk", "kosoves"),
    ("xk", "kosovo*"),
    ("me", "crna gora"),
    ("me", "malit te zi"),
    ("mk", "maqedoni e veriut"),
    ("mk", "maqedonia"),
    ("mk", "macedonia"),
    ("mk", "severna makedonija"),
    ("rs", "srbija"),
    ("rs", "serbi"),
];

/// Folds a country name for matching: lowercase ASCII, single spaces.
fn fold_name(s: &str) -> String {
    crate::slug::fold(s)
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '*')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// When `written` is a country's name rather than its code ("Kosova",
/// "Kosovo", "Albania"), a hint naming the code and listing every code with
/// its names; `names` is each code with its names.
pub(crate) fn name_hint(written: &str, names: &[(&str, Vec<&str>)]) -> Option<String> {
    let w = fold_name(written);
    if w.len() < 3 {
        return None;
    }
    let code = names.iter().find(|(_, ns)| ns.iter().any(|n| fold_name(n) == w)).map(|(c, _)| *c).or_else(|| {
        OTHER_NAMES.iter().find(|(c, n)| *n == w && names.iter().any(|(code, _)| code == c)).map(|(c, _)| *c)
    })?;
    let list: Vec<String> = names
        .iter()
        .map(|(c, ns)| {
            let mut uniq: Vec<&str> = Vec::new();
            for n in ns {
                if !uniq.contains(n) {
                    uniq.push(n);
                }
            }
            format!("{c} ({})", uniq.join(" / "))
        })
        .collect();
    Some(format!("did you mean `{code}`? countries are written as codes: {}", list.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<(&'static str, Vec<&'static str>)> {
        BUILT_IN.iter().map(|(c, sq, en)| (*c, vec![*sq, *en])).collect()
    }

    #[test]
    fn country_names_in_either_language_suggest_their_code() {
        for (written, code) in [
            ("Kosovo", "xk"),
            ("Kosova", "xk"),
            ("kosovë", "xk"),
            ("Albania", "al"),
            ("Shqipëri", "al"),
            ("north macedonia", "mk"),
            ("Mali i Zi", "me"),
        ] {
            let h = name_hint(written, &names()).unwrap_or_default();
            assert!(h.starts_with(&format!("did you mean `{code}`?")), "{written}: {h}");
            assert!(h.contains("xk (Kosova / Kosovo)"), "{h}");
        }
        assert_eq!(name_hint("kv", &names()), None);
        assert_eq!(name_hint("Atlantis", &names()), None);
    }
}
