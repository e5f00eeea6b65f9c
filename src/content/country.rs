//! Countries: codes, built-in names, and validation of references (SPEC §1).

use crate::diag::{Diagnostics, SourceFile, Span};
use crate::i18n::{Languages, Text};

/// A country code as used in file names and front matter (`al`, `xk`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct CountryCode(pub String);

/// Built-in countries: code, Albanian name, English name.
const BUILT_IN: &[(&str, &str, &str)] = &[
    ("al", "Shqipëria", "Albania"),
    ("ba", "Bosnje dhe Hercegovina", "Bosnia and Herzegovina"),
    ("xk", "Kosova", "Kosovo"),
    ("me", "Mali i Zi", "Montenegro"),
    ("mk", "Maqedonia e Veriut", "North Macedonia"),
    ("rs", "Serbia", "Serbia"),
];

impl CountryCode {
    /// The built-in codes.
    pub fn built_in() -> Vec<CountryCode> {
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
            let (_, sq, en) = BUILT_IN.iter().find(|(c, _, _)| *c == code.0).copied().unwrap_or(("", "", ""));
            let mut m = std::collections::BTreeMap::new();
            for l in langs.all() {
                m.insert(l.clone(), if l == "sq" { sq } else { en }.to_string());
            }
            Text::Map(m)
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
    let message = if BUILT_IN.iter().any(|(c, _, _)| *c == code) {
        format!("country `{code}` is not one of this site's countries")
    } else {
        format!("unknown country code `{code}`")
    };
    diags.push(file.error(span, "unknown-country", message).with_hint(hint));
    None
}
