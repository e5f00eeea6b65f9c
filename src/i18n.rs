//! Languages: bilingual fields, UI strings, and the reader's conventions (SPEC §3).
//!
//! Takes the site's language list and the theme's `i18n/<lang>.yaml` files;
//! gives [`Text`] (a YAML field that is a plain string or a per-language map,
//! with fallback to the default language), and [`Locale`] (UI strings, dates
//! with month names, decimal separators, plural forms, collation).

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::diag::{Diagnostics, SourceFile, Span};
use crate::slug::fold;
use crate::yaml::{Kind, Node};

/// The site's languages; the first is the default, served at `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Languages {
    codes: Vec<String>,
}

impl Languages {
    /// Languages from a non-empty list of codes.
    pub fn new(codes: Vec<String>) -> Languages {
        debug_assert!(!codes.is_empty());
        Languages { codes }
    }

    /// The default language.
    pub fn default_lang(&self) -> &str {
        self.codes.first().map_or("sq", String::as_str)
    }

    /// All languages, default first.
    pub fn all(&self) -> &[String] {
        &self.codes
    }

    /// True if `code` is a site language.
    pub fn contains(&self, code: &str) -> bool {
        self.codes.iter().any(|c| c == code)
    }

    /// The URL prefix of a language: empty for the default, `en/` otherwise.
    pub fn prefix(&self, lang: &str) -> String {
        if lang == self.default_lang() { String::new() } else { format!("{lang}/") }
    }
}

/// A human-readable YAML field: the same text in every language, or one per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// The same in every language (a proper name, a URL).
    Plain(String),
    /// Per language; always holds the default language.
    Map(BTreeMap<String, String>),
}

/// A text as shown in one language: the string and the language it is really
/// in (different from the page language when it fell back).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localized<'a> {
    /// The text.
    pub text: &'a str,
    /// The language the text is written in.
    pub lang: &'a str,
    /// True when the page language was missing and the default was used.
    pub fallback: bool,
}

impl Text {
    /// Reads a bilingual field. Unknown language keys are errors; a missing
    /// site language is a warning (the default language is shown instead);
    /// a map without the default language is an error.
    pub fn parse(
        node: &Node,
        what: &str,
        langs: &Languages,
        file: &SourceFile,
        diags: &mut Diagnostics,
    ) -> Option<Text> {
        match &node.kind {
            Kind::Map(_) => {
                let entries = node.entries(file, what, diags)?;
                let mut map = BTreeMap::new();
                let mut ok = true;
                for (k, kn, v) in entries {
                    if !langs.contains(&k) {
                        diags.push(
                            file.error(kn.span, "unknown-language", format!("`{k}` is not a language of this site"))
                                .with_hint(format!("site languages: {}", langs.all().join(", "))),
                        );
                        ok = false;
                        continue;
                    }
                    match v.str(file, what, diags) {
                        Some(s) => {
                            map.insert(k, s);
                        }
                        None => ok = false,
                    }
                }
                if !ok {
                    return None;
                }
                let def = langs.default_lang();
                if !map.contains_key(def) {
                    diags.push(
                        file.error(node.span, "missing-default-language", format!("`{what}` has no `{def}` text"))
                            .with_hint(format!("`{def}` is the default language: every text needs it")),
                    );
                    return None;
                }
                for l in langs.all() {
                    if !map.contains_key(l) {
                        diags.push(
                            file.warning(
                                node.span,
                                "missing-translation",
                                format!("`{what}` has no `{l}` text; the `{def}` text is shown"),
                            )
                            .with_hint(format!("add `{l}: \"...\"`")),
                        );
                    }
                }
                Some(Text::Map(map))
            }
            _ => node.str(file, what, diags).map(Text::Plain),
        }
    }

    /// The text in `lang`, falling back to `default`.
    pub fn get<'a>(&'a self, lang: &'a str, default: &'a str) -> Localized<'a> {
        match self {
            Text::Plain(s) => Localized { text: s, lang, fallback: false },
            Text::Map(m) => match m.get(lang) {
                Some(s) => Localized { text: s, lang, fallback: false },
                None => {
                    let (l, s) = m
                        .get_key_value(default)
                        .or_else(|| m.iter().next())
                        .map_or(("", ""), |(l, s)| (l.as_str(), s.as_str()));
                    Localized { text: s, lang: l, fallback: true }
                }
            },
        }
    }
}

/// One UI string: a plain string, or plural forms with `{n}` in them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UiString {
    /// Shown as is.
    Plain(String),
    /// CLDR plural forms (`one`, `other`, ...).
    Plural(BTreeMap<String, String>),
}

/// What a language needs beyond words: its UI strings, month names, decimal
/// separator and alphabet order, from `i18n/<lang>.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Locale {
    /// The language code.
    pub lang: String,
    strings: BTreeMap<String, UiString>,
    months: Vec<String>,
    date_format: String,
    decimal_separator: String,
    alphabet: Vec<String>,
    /// The Open Graph locale (`sq_AL`, `en_GB`).
    pub og_locale: String,
    /// The language's own name, for the language switcher.
    pub name: String,
    /// The settings (not strings) the file itself gives, for [`Locale::overlay`].
    given: Vec<String>,
}

impl Locale {
    /// Parses `i18n/<lang>.yaml` (a mapping of keys to strings or plural maps).
    pub fn parse(lang: &str, file: &SourceFile, diags: &mut Diagnostics) -> Option<Locale> {
        let root = crate::yaml::parse(file, &file.text, 1, diags)?;
        let entries = root.entries(file, "i18n file", diags)?;
        let mut loc = Locale {
            lang: lang.to_string(),
            date_format: "{d} {month} {y}".into(),
            decimal_separator: ".".into(),
            og_locale: lang.to_string(),
            name: lang.to_string(),
            ..Locale::default()
        };
        for (k, _, v) in entries {
            loc.given.push(k.clone());
            match k.as_str() {
                "months" => {
                    let m = v.str_list(file, "months", diags)?;
                    if m.len() != 12 {
                        diags.push(file.error(v.span, "wrong-type", "`months` must list the 12 month names"));
                        return None;
                    }
                    loc.months = m.into_iter().map(|(s, _)| s).collect();
                }
                "alphabet" => {
                    loc.alphabet = v.str_list(file, "alphabet", diags)?.into_iter().map(|(s, _)| s).collect();
                }
                "date_format" => loc.date_format = v.str(file, &k, diags)?,
                "decimal_separator" => loc.decimal_separator = v.str(file, &k, diags)?,
                "og_locale" => loc.og_locale = v.str(file, &k, diags)?,
                "language_name" => loc.name = v.str(file, &k, diags)?,
                _ => {
                    let s = if let Kind::Map(_) = v.kind {
                        let forms = v.entries(file, &k, diags)?;
                        let mut m = BTreeMap::new();
                        for (f, _, fv) in forms {
                            m.insert(f, fv.str(file, &k, diags)?);
                        }
                        UiString::Plural(m)
                    } else {
                        UiString::Plain(v.str(file, &k, diags)?)
                    };
                    loc.strings.insert(k, s);
                }
            }
        }
        Some(loc)
    }

    /// This locale with every string and setting `over` gives put over it,
    /// key by key: a theme's partial `i18n/<lang>.yaml` over the default theme's.
    pub fn overlay(&mut self, over: Locale) {
        let given = |k: &str| over.given.iter().any(|g| g == k);
        if given("months") {
            self.months = over.months.clone();
        }
        if given("alphabet") {
            self.alphabet = over.alphabet.clone();
        }
        if given("date_format") {
            self.date_format = over.date_format.clone();
        }
        if given("decimal_separator") {
            self.decimal_separator = over.decimal_separator.clone();
        }
        if given("og_locale") {
            self.og_locale = over.og_locale.clone();
        }
        if given("language_name") {
            self.name = over.name.clone();
        }
        self.given.extend(over.given);
        self.strings.extend(over.strings);
    }

    /// Adds `key` from `from` when this locale lacks it, with the
    /// `missing-ui-string` warning on `file`; true if it was missing.
    pub fn borrow_string(&mut self, key: &str, from: &Locale, file: &SourceFile, diags: &mut Diagnostics) -> bool {
        if self.strings.contains_key(key) {
            return false;
        }
        let Some(v) = from.strings.get(key) else { return false };
        diags.push(
            file.warning(
                Span::file_start(),
                "missing-ui-string",
                format!("UI string `{key}` is missing for `{}`; the `{}` text is used", self.lang, from.lang),
            )
            .with_hint(format!("add `{key}: ...` to this file")),
        );
        self.strings.insert(key.to_string(), v.clone());
        true
    }

    /// The keys of every UI string.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.strings.keys()
    }

    /// Fills every string, month list or setting this locale lacks from
    /// `default`, and warns about each missing UI string.
    pub fn fill_from(&mut self, default: &Locale, file: &SourceFile, diags: &mut Diagnostics) {
        for (k, v) in &default.strings {
            if !self.strings.contains_key(k) {
                diags.push(
                    file.warning(
                        Span::file_start(),
                        "missing-ui-string",
                        format!("UI string `{k}` is missing for `{}`; the `{}` text is used", self.lang, default.lang),
                    )
                    .with_hint(format!("add `{k}: ...` to this file")),
                );
                self.strings.insert(k.clone(), v.clone());
            }
        }
        if self.months.is_empty() {
            self.months = default.months.clone();
        }
    }

    /// A UI string, or the key itself if even the default language lacks it.
    pub fn t(&self, key: &str) -> String {
        match self.strings.get(key) {
            Some(UiString::Plain(s)) => s.clone(),
            Some(UiString::Plural(m)) => m.get("other").cloned().unwrap_or_default(),
            None => key.to_string(),
        }
    }

    /// A counted phrase with the right plural form: "1 rekomandim", "2 rekomandime".
    pub fn plural(&self, key: &str, n: usize) -> String {
        let cat = plural_category(&self.lang, n);
        let pattern = match self.strings.get(key) {
            Some(UiString::Plural(m)) => m.get(cat).or_else(|| m.get("other")).cloned().unwrap_or_default(),
            Some(UiString::Plain(s)) => s.clone(),
            None => format!("{{n}} {key}"),
        };
        pattern.replace("{n}", &n.to_string())
    }

    /// The forms of a counted UI string by CLDR plural category, `{n}` kept
    /// (for scripts that count in the browser).
    pub fn plural_forms(&self, key: &str) -> BTreeMap<String, String> {
        match self.strings.get(key) {
            Some(UiString::Plural(m)) => m.clone(),
            Some(UiString::Plain(s)) => BTreeMap::from([("other".to_string(), s.clone())]),
            None => BTreeMap::from([("other".to_string(), format!("{{n}} {key}"))]),
        }
    }

    /// Every plain UI string, for templates.
    pub fn strings(&self) -> BTreeMap<String, String> {
        self.strings.keys().map(|k| (k.clone(), self.t(k))).collect()
    }

    /// True if the key is defined (directly or by fallback).
    pub fn has(&self, key: &str) -> bool {
        self.strings.contains_key(key)
    }

    /// A date in this language: "14 tetor 2023", "14 October 2023".
    pub fn date(&self, d: Date) -> String {
        let month =
            self.months.get(usize::from(d.month).saturating_sub(1)).cloned().unwrap_or_else(|| d.month.to_string());
        self.date_format
            .replace("{d}", &d.day.to_string())
            .replace("{month}", &month)
            .replace("{y}", &d.year.to_string())
    }

    /// A decimal number with at most two decimals, in this language's convention.
    pub fn number(&self, v: f64) -> String {
        format_number(v).replace('.', &self.decimal_separator)
    }

    /// A signed change ("+0,5", "−1", "0"), for score tables.
    pub fn signed(&self, v: f64) -> String {
        let s = self.number(v.abs());
        if v > 0.0005 {
            format!("+{s}")
        } else if v < -0.0005 {
            format!("\u{2212}{s}")
        } else {
            self.number(0.0)
        }
    }

    /// Compares two strings in this language's alphabetical order
    /// (Albanian: ç after c, dh after d, ë after e).
    pub fn collate(&self, a: &str, b: &str) -> Ordering {
        self.sort_key(a).cmp(&self.sort_key(b)).then_with(|| a.cmp(b))
    }

    fn sort_key(&self, s: &str) -> Vec<u32> {
        let lower = s.to_lowercase();
        let mut key = Vec::with_capacity(lower.len());
        let mut rest = lower.as_str();
        while let Some(c) = rest.chars().next() {
            let hit = self
                .alphabet
                .iter()
                .enumerate()
                .filter(|(_, l)| !l.is_empty() && rest.starts_with(l.as_str()))
                .max_by_key(|(_, l)| l.len());
            if let Some((i, l)) = hit {
                key.push(1000 + 10 * i as u32);
                rest = &rest[l.len()..];
                continue;
            }
            let folded = fold(&c.to_string());
            for fc in folded.chars() {
                let pos = self.alphabet.iter().position(|l| l.starts_with(fc) && l.chars().count() == 1);
                key.push(match pos {
                    Some(i) => 1000 + 10 * i as u32 + 1,
                    None if fc.is_alphabetic() => 1000 + 10 * (fc as u32),
                    None => fc as u32 % 1000,
                });
            }
            rest = &rest[c.len_utf8()..];
        }
        key
    }
}

/// Plural category of `n` in `lang` (CLDR cardinal rules for integers).
fn plural_category(lang: &str, n: usize) -> &'static str {
    match lang {
        // Languages without a singular/plural distinction in counted phrases.
        "tr" | "ja" | "zh" => "other",
        _ if n == 1 => "one",
        _ => "other",
    }
}

/// A number with a decimal point, at most two decimals, no trailing zeros:
/// the form data downloads use.
pub fn format_number(v: f64) -> String {
    let s = format!("{:.2}", (v * 100.0).round() / 100.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

/// A calendar date (YYYY-MM-DD), validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Date {
    /// Year, 1000-9999.
    pub year: u16,
    /// Month, 1-12.
    pub month: u8,
    /// Day of the month.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting impossible dates (2023-02-30).
    pub fn parse(s: &str) -> Result<Date, String> {
        let b = s.as_bytes();
        let shape = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape {
            return Err(format!("`{s}` is not a date in the form YYYY-MM-DD"));
        }
        let year: u16 = s[0..4].parse().map_err(|_| format!("bad year in `{s}`"))?;
        let month: u8 = s[5..7].parse().map_err(|_| format!("bad month in `{s}`"))?;
        let day: u8 = s[8..10].parse().map_err(|_| format!("bad day in `{s}`"))?;
        if !(1..=12).contains(&month) {
            return Err(format!("`{s}` has month {month}; months run from 01 to 12"));
        }
        let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let max = days[usize::from(month - 1)];
        if day == 0 || day > max {
            return Err(format!("`{s}` does not exist: month {month} of {year} has {max} days"));
        }
        Ok(Date { year, month, day })
    }

    /// Reads a date field, pushing an error that points at the value.
    pub fn from_node(node: &Node, what: &str, file: &SourceFile, diags: &mut Diagnostics) -> Option<Date> {
        let s = node.str(file, what, diags)?;
        match Date::parse(s.trim()) {
            Ok(d) => Some(d),
            Err(m) => {
                diags
                    .push(file.error(node.span, "bad-date", m).with_hint("write dates as YYYY-MM-DD, e.g. 2023-10-14"));
                None
            }
        }
    }

    /// Today's date in UTC.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Date::from_days((secs / 86_400) as i64)
    }

    /// The civil date `days` after 1970-01-01.
    fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(src: &str) -> Locale {
        let f = SourceFile::new("sq.yaml", src);
        let mut d = Diagnostics::new();
        Locale::parse("sq", &f, &mut d).unwrap_or_else(|| panic!("{}", d.render_human()))
    }

    const SQ: &str = "months: [janar, shkurt, mars, prill, maj, qershor, korrik, gusht, shtator, tetor, nëntor, dhjetor]\ndecimal_separator: \",\"\nalphabet: [a, b, c, ç, d, dh, e, ë, f, g, gj, h, i, j, k, l, ll, m, n, nj, o, p, q, r, rr, s, sh, t, th, u, v, x, xh, y, z, zh]\nrecommendations: {one: \"{n} rekomandim\", other: \"{n} rekomandime\"}\n";

    #[test]
    fn albanian_dates_numbers_and_plurals() {
        let l = locale(SQ);
        let d = Date::parse("2023-10-14").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(l.date(d), "14 tetor 2023");
        assert_eq!(l.number(2.5), "2,5");
        assert_eq!(l.signed(0.5), "+0,5");
        assert_eq!(l.signed(-1.0), "\u{2212}1");
        assert_eq!(l.plural("recommendations", 1), "1 rekomandim");
        assert_eq!(l.plural("recommendations", 2), "2 rekomandime");
    }

    #[test]
    fn albanian_collation_puts_c_cedilla_after_c_and_e_diaeresis_after_e() {
        let l = locale(SQ);
        let mut v = vec!["Çështje", "Dhuna", "Drejtësia", "Cenueshmëria", "Ëndrra", "Evropa"];
        v.sort_by(|a, b| l.collate(a, b));
        assert_eq!(v, ["Cenueshmëria", "Çështje", "Drejtësia", "Dhuna", "Evropa", "Ëndrra"]);
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2023-13-01").is_err());
        assert!(Date::parse("14.10.2023").is_err());
    }

    #[test]
    fn civil_from_days() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(19_644).to_string(), "2023-10-14");
    }

    #[test]
    fn text_falls_back_to_default_language() {
        let mut m = BTreeMap::new();
        m.insert("sq".to_string(), "Siguria".to_string());
        let t = Text::Map(m);
        let l = t.get("en", "sq");
        assert_eq!((l.text, l.lang, l.fallback), ("Siguria", "sq", true));
    }
}
