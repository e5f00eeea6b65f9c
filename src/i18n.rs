//! Languages: bilingual fields, UI strings, and the reader's conventions (SPEC §3).
//!
//! Takes the site's language list and the theme's `i18n/<lang>.yaml` files;
//! gives [`Text`] (a YAML field that is a plain string or a per-language map,
//! with fallback to the default language), and [`Locale`] (UI strings, and
//! from CLDR through ICU4X's compiled data: dates with month names, number
//! formats, plural forms, collation).

use std::cmp::Ordering;
use std::collections::BTreeMap;

use icu_plurals::{PluralCategory, PluralRules};

use crate::diag::{Diagnostics, SourceFile, Span};
use crate::slug::fold;
use crate::yaml::{Decode, Kind, Node};

/// The site's languages; the first is the default, served at `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Languages {
    codes: Vec<String>,
    /// For each language, the site languages whose text stands in for its
    /// own, nearest first; the default language comes after them all.
    fallback: BTreeMap<String, Vec<String>>,
}

impl Languages {
    /// Languages from a non-empty list of codes.
    /// Each language falls back as [`fallbacks`] says, then to the default.
    pub fn new(codes: Vec<String>) -> Languages {
        debug_assert!(!codes.is_empty());
        let fallback = codes
            .iter()
            .map(|l| {
                let near = fallbacks(l).filter(|f| codes.iter().any(|c| c == f)).map(str::to_string);
                (l.clone(), near.collect())
            })
            .collect();
        Languages { codes, fallback }
    }

    /// These languages with the fallback order site.yaml sets for `lang`
    /// (`fallback: {sr-Latn: [sr]}`), replacing the built-in one.
    pub(crate) fn set_fallback(&mut self, lang: &str, order: Vec<String>) {
        self.fallback.insert(lang.to_string(), order);
    }

    /// The languages whose text is shown when `lang`'s is missing, nearest
    /// first, before the default.
    pub fn fallback_of(&self, lang: &str) -> &[String] {
        self.fallback.get(lang).map_or(&[], Vec::as_slice)
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
    /// Per language; always holds the default language. The second map
    /// names, for each site language without a text, the language whose
    /// text is shown instead (its nearest fallback that has one).
    Map(BTreeMap<String, String>, BTreeMap<String, String>),
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
                let text = Text::localized(map, langs);
                let Text::Map(map, shown_for) = &text else { return None };
                for l in langs.all() {
                    if !map.contains_key(l) {
                        let shown = shown_for.get(l).map_or(def, String::as_str);
                        diags.push(
                            file.warning(
                                node.span,
                                "missing-translation",
                                format!("`{what}` has no `{l}` text; the `{shown}` text is shown"),
                            )
                            .with_hint(format!("add `{l}: \"...\"`")),
                        );
                    }
                }
                Some(text)
            }
            _ => node.str(file, what, diags).map(Text::Plain),
        }
    }

    /// Per-language texts, each missing site language shown in its nearest
    /// fallback that has a text ([`Languages::fallback_of`]).
    pub fn localized(map: BTreeMap<String, String>, langs: &Languages) -> Text {
        let shown = langs
            .all()
            .iter()
            .filter(|l| !map.contains_key(*l))
            .filter_map(|l| {
                let near = langs.fallback_of(l).iter().find(|f| map.contains_key(*f))?;
                Some((l.clone(), near.clone()))
            })
            .collect();
        Text::Map(map, shown)
    }

    /// The text in `lang`, else in its nearest fallback with a text
    /// (Serbian in the other script, then Serbian Latin, for the region's
    /// languages, unless site.yaml orders them otherwise), else in `default`.
    pub fn get<'a>(&'a self, lang: &'a str, default: &'a str) -> Localized<'a> {
        match self {
            Text::Plain(s) => Localized { text: s, lang, fallback: false },
            Text::Map(m, shown) => match m.get(lang) {
                Some(s) => Localized { text: s, lang, fallback: false },
                None => {
                    let near = shown.get(lang).and_then(|f| m.get_key_value(f));
                    let (l, s) = near
                        .or_else(|| m.get_key_value(default))
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
pub(crate) enum UiString {
    /// Shown as is.
    Plain(String),
    /// CLDR plural forms (`one`, `other`, ...).
    Plural(BTreeMap<String, String>),
}

/// What a language needs beyond words: its UI strings from `i18n/<lang>.yaml`,
/// and its conventions (dates, numbers, plurals, alphabetical order) from
/// CLDR, unless the file sets `months`, `date_format`, `decimal_separator`
/// or `alphabet` itself.
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
    /// CLDR cardinal plural rules; `None` for a language CLDR does not know.
    plurals: Option<std::sync::Arc<PluralRules>>,
    /// CLDR date, number and collation conventions.
    cldr: Option<std::sync::Arc<Cldr>>,
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
            plurals: plural_rules(lang),
            cldr: Cldr::new(lang).map(std::sync::Arc::new),
            ..Locale::default()
        };
        for (k, _, v) in entries {
            loc.given.push(k.clone());
            match k.as_str() {
                "months" => {
                    let m = Vec::<String>::decode(v, "months", file, diags)?;
                    if m.len() != 12 {
                        diags.push(file.error(v.span, "wrong-type", "`months` must list the 12 month names"));
                        return None;
                    }
                    loc.months = m;
                }
                "alphabet" => {
                    loc.alphabet = Vec::decode(v, "alphabet", file, diags)?;
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
    pub(crate) fn borrow_string(
        &mut self,
        key: &str,
        from: &Locale,
        file: &SourceFile,
        diags: &mut Diagnostics,
    ) -> bool {
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

    /// Fills every string this locale lacks from `default`, and warns about
    /// each missing UI string.
    pub(crate) fn fill_from(&mut self, default: &Locale, file: &SourceFile, diags: &mut Diagnostics) {
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
    }

    /// Sets the string `key` to `text`, as site.yaml names something the theme words.
    pub(crate) fn set(&mut self, key: &str, text: &str) {
        self.strings.insert(key.to_string(), UiString::Plain(text.to_string()));
    }

    /// True if the key is defined (directly or by fallback).
    pub fn has(&self, key: &str) -> bool {
        self.strings.contains_key(key)
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
    pub(crate) fn plural(&self, key: &str, n: usize) -> String {
        let cat = plural_category(self.plurals.as_deref(), n);
        let pattern = match self.strings.get(key) {
            Some(UiString::Plural(m)) => m.get(cat).or_else(|| m.get("other")).cloned().unwrap_or_default(),
            Some(UiString::Plain(s)) => s.clone(),
            None => format!("{{n}} {key}"),
        };
        pattern.replace("{n}", &n.to_string())
    }

    /// The forms of a counted UI string by CLDR plural category, `{n}` kept
    /// (for scripts that count in the browser).
    pub(crate) fn plural_forms(&self, key: &str) -> BTreeMap<String, String> {
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

    /// A date in this language: "14 tetor 2023", "14. октобар 2023.", in
    /// CLDR's long form, or the file's `date_format` and `months`.
    pub fn date(&self, d: Date) -> String {
        if let Some(c) = self.cldr.as_deref().filter(|_| !self.given("date_format") && !self.given("months"))
            && let Ok(g) = icu_calendar::Date::try_new_gregorian(i32::from(d.year), d.month, d.day)
        {
            return c.date.format(&g).to_string();
        }
        let month =
            self.months.get(usize::from(d.month).saturating_sub(1)).cloned().unwrap_or_else(|| d.month.to_string());
        self.date_format
            .replace("{d}", &d.day.to_string())
            .replace("{month}", &month)
            .replace("{y}", &d.year.to_string())
    }

    /// A decimal number with at most two decimals, in this language's
    /// convention (CLDR's separators and grouping: `2,5`, `1.234,5`), or
    /// the file's `decimal_separator`.
    pub fn number(&self, v: f64) -> String {
        if let Some(c) = self.cldr.as_deref().filter(|_| !self.given("decimal_separator")) {
            let hundredths = (v * 100.0).round();
            if hundredths.is_finite() && hundredths.abs() < 1e15 {
                let mut n = icu_decimal::input::Decimal::from(hundredths as i64);
                n.multiply_pow10(-2);
                n.trim_end();
                if hundredths == 0.0 {
                    n = icu_decimal::input::Decimal::from(0);
                }
                return c.decimal.format(&n).to_string();
            }
        }
        format_number(v).replace('.', &self.decimal_separator)
    }

    /// A signed change ("+0,5", "−1", "0"), for score tables.
    pub(crate) fn signed(&self, v: f64) -> String {
        let s = self.number(v.abs());
        if v > 0.0005 {
            format!("+{s}")
        } else if v < -0.0005 {
            format!("\u{2212}{s}")
        } else {
            self.number(0.0)
        }
    }

    /// Compares two strings in this language's alphabetical order, CLDR's
    /// or the file's `alphabet` (Albanian: ç after c, dh after d, ë after e;
    /// Serbian Cyrillic: ђ after д, љ after л).
    pub(crate) fn collate(&self, a: &str, b: &str) -> Ordering {
        match self.cldr.as_deref().filter(|_| !self.given("alphabet")) {
            Some(c) => c.collator.compare(a, b),
            None => self.sort_key(a).cmp(&self.sort_key(b)),
        }
        .then_with(|| a.cmp(b))
    }

    /// True if the locale file itself sets `key`.
    fn given(&self, key: &str) -> bool {
        self.given.iter().any(|g| g == key)
    }

    fn sort_key(&self, s: &str) -> Vec<u32> {
        let lower = crate::slug::nfc(s).to_lowercase();
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

/// The languages whose text stands in for `lang`'s, nearest first, before
/// the site's default: the same language in the other script (`sr-Latn` and
/// `sr`), and for Montenegrin and Bosnian, Serbian Latin then Cyrillic, whose
/// text a reader of either reads without effort. Empty for other languages.
pub(crate) fn fallbacks(lang: &str) -> impl Iterator<Item = &'static str> {
    let list: &[&str] = match lang {
        "sr" => &["sr-Latn"],
        "sr-Latn" => &["sr"],
        "cnr" => &["sr-Latn", "bs", "sr"],
        "bs" => &["cnr", "sr-Latn", "sr"],
        _ => &[],
    };
    list.iter().copied()
}

/// True for the language tags site.yaml takes: a BCP 47 language of two or
/// three lowercase letters (`sq`, `cnr`), optionally with a script subtag
/// in title case (`sr-Latn`).
pub(crate) fn is_language_tag(code: &str) -> bool {
    let mut parts = code.split('-');
    let lang = parts.next().unwrap_or("");
    let lang_ok = (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase());
    let script_ok = match parts.next() {
        None => true,
        Some(s) => {
            let b = s.as_bytes();
            b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_lowercase)
        }
    };
    lang_ok && script_ok && parts.next().is_none()
}

/// The CLDR locale whose conventions a language follows: itself, except
/// Montenegrin (`cnr`), for which CLDR has no data: Serbian in Latin script;
/// and English, written as in Britain and Europe (`14 October 2023`).
pub(crate) fn cldr_locale(lang: &str) -> &str {
    match lang {
        "cnr" => "sr-Latn",
        "cnr-Cyrl" => "sr",
        "en" => "en-GB",
        _ if lang.starts_with("cnr-") => "sr-Latn",
        _ => lang,
    }
}

/// A language's CLDR conventions, from ICU4X's compiled data.
pub(crate) struct Cldr {
    date: icu_datetime::FixedCalendarDateTimeFormatter<icu_calendar::Gregorian, icu_datetime::fieldsets::YMD>,
    decimal: icu_decimal::DecimalFormatter,
    collator: icu_collator::CollatorBorrowed<'static>,
}

impl Cldr {
    /// The conventions of [`cldr_locale`]`(lang)`; CLDR's root ones for a
    /// language it does not know; `None` for a code ICU4X cannot read.
    fn new(lang: &str) -> Option<Cldr> {
        let locale = icu_locale_core::Locale::try_from_str(cldr_locale(lang)).ok()?;
        let date = icu_datetime::FixedCalendarDateTimeFormatter::try_new(
            (&locale).into(),
            icu_datetime::fieldsets::YMD::long(),
        )
        .ok()?;
        let decimal = icu_decimal::DecimalFormatter::try_new((&locale).into(), Default::default()).ok()?;
        let collator = icu_collator::Collator::try_new((&locale).into(), Default::default()).ok()?;
        Some(Cldr { date, decimal, collator })
    }
}

impl std::fmt::Debug for Cldr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cldr")
    }
}

/// The CLDR cardinal plural rules of `lang`, if CLDR knows the language.
fn plural_rules(lang: &str) -> Option<std::sync::Arc<PluralRules>> {
    // Plural rules are the language's, whatever the script (`sr-Latn` has `sr`'s).
    let language = cldr_locale(lang).split('-').next().unwrap_or(lang);
    let locale = icu_locale_core::Locale::try_from_str(language).ok()?;
    PluralRules::try_new_cardinal((&locale).into()).ok().map(std::sync::Arc::new)
}

/// The CLDR plural category of a number written as `n` (`"0.5"`, `"21"`)
/// in `lang`: what a counted string would use for it. Counts on pages are
/// whole; the snapshot test shows the rules for decimals too.
#[cfg(test)]
pub(crate) fn plural_category_of(lang: &str, n: &str) -> &'static str {
    let (Some(rules), Ok(d)) = (plural_rules(lang), fixed_decimal::Decimal::try_from_str(n)) else {
        return "other";
    };
    category_name(rules.category_for(icu_plurals::PluralOperands::from(&d)))
}

fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// The CLDR plural category of the count `n` (`one`, `few`, `many`, `other`,
/// ...), the key of its form in a counted UI string; without rules, `one`
/// for 1 and `other` otherwise.
fn plural_category(rules: Option<&PluralRules>, n: usize) -> &'static str {
    let Some(rules) = rules else {
        return if n == 1 { "one" } else { "other" };
    };
    category_name(rules.category_for(n))
}

/// A number with a decimal point, at most two decimals, no trailing zeros:
/// the form data downloads use.
pub(crate) fn format_number(v: f64) -> String {
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
        // The shape check keeps the year within 0-9999, which jiff accepts.
        let first = jiff::civil::Date::new(year as i16, month as i8, 1).map_err(|e| format!("`{s}`: {e}"))?;
        let max = first.days_in_month();
        if jiff::civil::Date::new(year as i16, month as i8, day as i8).is_err() {
            return Err(format!("`{s}` does not exist: month {month} of {year} has {max} days"));
        }
        Ok(Date { year, month, day })
    }

    /// Reads a date field, pushing an error that points at the value.
    pub(crate) fn from_node(node: &Node, what: &str, file: &SourceFile, diags: &mut Diagnostics) -> Option<Date> {
        let s = node.str(file, what, diags)?;
        match Date::parse(s.trim()) {
            Ok(d) => Some(d),
            Err(m) => {
                let hint = match Date::guess(s.trim()) {
                    Some(d) => format!("did you mean `{d}`? Write dates as YYYY-MM-DD"),
                    None => "write dates as YYYY-MM-DD, e.g. 2023-10-14".to_string(),
                };
                diags.push(file.error(node.span, "bad-date", m).with_hint(hint));
                None
            }
        }
    }

    /// The date a differently written one most likely means: day first, as
    /// editors in the region write (`14/10/2023`, `3.2.2024`, `14-10-2023`),
    /// month first only when the day-first reading is impossible
    /// (`10/14/2023`), year first with one-digit parts (`2023-9-30`,
    /// `2023/09/30`), or a month written as a word in English or Albanian
    /// (`14 October 2023`, `14 tetor 2023`, `October 14, 2023`).
    pub(crate) fn guess(s: &str) -> Option<Date> {
        let parts: Vec<&str> = s.split(['/', '.', '-', ' ', ',']).filter(|p| !p.is_empty()).collect();
        let [a, b, c] = parts.as_slice() else { return None };
        let make = |y: &str, m: u32, d: &str| -> Option<Date> {
            let y: u32 = y.parse().ok()?;
            let d: u32 = d.parse().ok()?;
            if !(1000..=9999).contains(&y) || !(1..=12).contains(&m) {
                return None;
            }
            Date::parse(&format!("{y:04}-{m:02}-{d:02}")).ok()
        };
        let number = |m: &str| m.parse::<u32>().ok();
        let all_digits = [a, b, c].iter().all(|p| p.bytes().all(|x| x.is_ascii_digit()));
        if all_digits {
            if a.len() == 4 {
                return make(a, number(b)?, c);
            }
            if c.len() == 4 {
                return make(c, number(b)?, a).or_else(|| make(c, number(a)?, b));
            }
            return None;
        }
        if let Some(m) = month_number(b) {
            return make(c, m, a);
        }
        if let Some(m) = month_number(a) {
            return make(c, m, b);
        }
        None
    }

    /// Today's date in UTC.
    pub fn today() -> Date {
        Date::from_civil(jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date())
    }

    /// The same day as a [`jiff::civil::Date`] (years before 0 become 0).
    fn from_civil(d: jiff::civil::Date) -> Date {
        Date { year: d.year().max(0) as u16, month: d.month() as u8, day: d.day() as u8 }
    }
}

/// The number of a month written as a word in English or Albanian (full or
/// its first three letters, diacritics optional).
fn month_number(word: &str) -> Option<u32> {
    const EN: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const SQ: [&str; 12] = [
        "janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator", "tetor", "nentor",
        "dhjetor",
    ];
    let w = fold(word);
    if w.chars().count() < 3 {
        return None;
    }
    let hit = |names: &[&str; 12]| names.iter().position(|n| *n == w || (w.len() >= 3 && n.starts_with(&w)));
    hit(&EN).or_else(|| hit(&SQ)).and_then(|i| u32::try_from(i + 1).ok())
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date written `YYYY-MM-DD`; anything else is an error at the value.
impl<'n> crate::yaml::Decode<'n> for Date {
    fn decode(node: &'n Node, what: &str, file: &SourceFile, diags: &mut Diagnostics) -> Option<Date> {
        Date::from_node(node, what, file, diags)
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
    fn a_missing_text_falls_back_to_the_same_language_in_the_other_script_first() {
        let langs = Languages::new(["sq", "en", "sr", "sr-Latn", "cnr", "bs", "mk"].map(String::from).to_vec());
        let m = |pairs: &[(&str, &str)]| {
            Text::localized(pairs.iter().map(|(l, t)| (l.to_string(), t.to_string())).collect(), &langs)
        };
        let t = m(&[("sq", "Siguria"), ("sr", "Безбедност"), ("en", "Security")]);
        let got = t.get("sr-Latn", "sq");
        assert_eq!((got.text, got.lang, got.fallback), ("Безбедност", "sr", true));
        let t = m(&[("sq", "Siguria"), ("sr-Latn", "Bezbednost")]);
        assert_eq!(t.get("cnr", "sq").text, "Bezbednost");
        assert_eq!(t.get("sr", "sq").lang, "sr-Latn");
        let got = t.get("mk", "sq");
        assert_eq!((got.text, got.lang), ("Siguria", "sq"), "Macedonian falls back to the default");
    }

    #[test]
    fn plural_categories_of_the_regions_languages() {
        let mut table = String::new();
        for lang in ["sq", "en", "sr", "sr-Latn", "mk", "bs", "cnr"] {
            let cats: Vec<String> = ["0", "1", "2", "5", "21", "22", "25", "0.5"]
                .iter()
                .map(|n| format!("{n}={}", plural_category_of(lang, n)))
                .collect();
            table.push_str(&format!("{lang}: {}\n", cats.join(" ")));
        }
        insta::assert_snapshot!(table);
    }

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
    fn counted_strings_follow_the_cldr_plural_rules_of_each_language() {
        let forms = "n: {one: \"{n} one\", few: \"{n} few\", many: \"{n} many\", other: \"{n} other\"}\n";
        let of = |lang: &str, n: usize| {
            let f = SourceFile::new("x.yaml", forms);
            let mut d = Diagnostics::new();
            Locale::parse(lang, &f, &mut d).unwrap_or_else(|| panic!("{}", d.render_human())).plural("n", n)
        };
        for lang in ["sq", "en"] {
            assert_eq!([of(lang, 0), of(lang, 1), of(lang, 2)], ["0 other", "1 one", "2 other"], "{lang}");
        }
        assert_eq!([of("sr", 1), of("sr", 3), of("sr", 5), of("sr", 21)], ["1 one", "3 few", "5 other", "21 one"]);
        assert_eq!([of("mk", 1), of("mk", 11), of("mk", 21), of("mk", 2)], ["1 one", "11 other", "21 one", "2 other"]);
        assert_eq!([of("ru", 2), of("ru", 5), of("ru", 11)], ["2 few", "5 many", "11 many"]);
        // A form the file does not give falls back to `other`.
        assert_eq!(locale(SQ).plural("recommendations", 0), "0 rekomandime");
    }

    #[test]
    fn cldr_dates_and_numbers_in_each_language() {
        let d = Date::parse("2023-10-14").unwrap_or_else(|e| panic!("{e}"));
        let mut table = String::new();
        for lang in ["sq", "en", "sr", "sr-Latn", "mk", "bs", "cnr"] {
            let f = SourceFile::new("x.yaml", "language_name: x\n");
            let mut diags = Diagnostics::new();
            let l = Locale::parse(lang, &f, &mut diags).unwrap_or_else(|| panic!("{}", diags.render_human()));
            let numbers: Vec<String> = [2.5, 0.0, -1.25, 1234.5, 12345.678].iter().map(|v| l.number(*v)).collect();
            table.push_str(&format!("{lang}: {} | {} | {}\n", l.date(d), numbers.join(" "), l.signed(-0.5)));
        }
        insta::assert_snapshot!(table);
    }

    #[test]
    fn cyrillic_lists_sort_in_their_alphabets_order() {
        let of = |lang: &str| {
            let f = SourceFile::new("x.yaml", "language_name: x\n");
            Locale::parse(lang, &f, &mut Diagnostics::new()).unwrap_or_else(|| panic!("{lang}"))
        };
        let sr = of("sr");
        let mut v = vec!["Шабац", "Ђаковица", "Љубљана", "Београд", "Жабљак", "Добој", "Њујорк", "Нови Сад"];
        v.sort_by(|a, b| sr.collate(a, b));
        assert_eq!(v, ["Београд", "Добој", "Ђаковица", "Жабљак", "Љубљана", "Нови Сад", "Њујорк", "Шабац"]);
        let mk = of("mk");
        let mut v = vec!["Ќерка", "Ѓорѓи", "Гостивар", "Тетово", "Дебар", "Ѕвезда", "Зелен"];
        v.sort_by(|a, b| mk.collate(a, b));
        assert_eq!(v, ["Гостивар", "Дебар", "Ѓорѓи", "Зелен", "Ѕвезда", "Тетово", "Ќерка"]);
        let sq = of("sq");
        let mut v = vec!["Çështje", "Dhuna", "Drejtësia", "Cenueshmëria", "Ëndrra", "Evropa"];
        v.sort_by(|a, b| sq.collate(a, b));
        assert_eq!(v, ["Cenueshmëria", "Çështje", "Drejtësia", "Dhuna", "Evropa", "Ëndrra"]);
        let bs = of("bs");
        let mut v = vec!["Čapljina", "Cazin", "Ćuprija", "Dubrovnik", "Džamija", "Đakovo", "Sarajevo", "Šamac"];
        v.sort_by(|a, b| bs.collate(a, b));
        assert_eq!(v, ["Cazin", "Čapljina", "Ćuprija", "Dubrovnik", "Džamija", "Đakovo", "Sarajevo", "Šamac"]);
    }

    #[test]
    fn albanian_collation_puts_c_cedilla_after_c_and_e_diaeresis_after_e() {
        let l = locale(SQ);
        let mut v = vec!["Çështje", "Dhuna", "Drejtësia", "Cenueshmëria", "Ëndrra", "Evropa"];
        v.sort_by(|a, b| l.collate(a, b));
        assert_eq!(v, ["Cenueshmëria", "Çështje", "Drejtësia", "Dhuna", "Evropa", "Ëndrra"]);
        // Decomposed letters (E + U+0308) sort as the composed ones.
        let mut v = vec!["E\u{308}ndrra", "Fjala", "Evropa", "C\u{327}ele\u{308}s", "Dita"];
        v.sort_by(|a, b| l.collate(a, b));
        assert_eq!(v, ["C\u{327}ele\u{308}s", "Dita", "Evropa", "E\u{308}ndrra", "Fjala"]);
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2023-13-01").is_err());
        assert!(Date::parse("14.10.2023").is_err());
    }

    #[test]
    fn dates_as_editors_write_them_are_guessed_day_first() {
        let g = |s: &str| Date::guess(s).map(|d| d.to_string());
        assert_eq!(g("14/10/2023").as_deref(), Some("2023-10-14"));
        assert_eq!(g("3.2.2024").as_deref(), Some("2024-02-03"));
        assert_eq!(g("14-10-2023").as_deref(), Some("2023-10-14"));
        assert_eq!(g("10/14/2023").as_deref(), Some("2023-10-14"));
        assert_eq!(g("2023-9-30").as_deref(), Some("2023-09-30"));
        assert_eq!(g("2023/09/30").as_deref(), Some("2023-09-30"));
        assert_eq!(g("14 October 2023").as_deref(), Some("2023-10-14"));
        assert_eq!(g("14 tetor 2023").as_deref(), Some("2023-10-14"));
        assert_eq!(g("30 nëntor 2023").as_deref(), Some("2023-11-30"));
        assert_eq!(g("October 14, 2023").as_deref(), Some("2023-10-14"));
        assert_eq!(g("31/02/2023"), None);
        assert_eq!(g("yesterday"), None);
        assert_eq!(g("14/10/23"), None);
    }

    #[test]
    fn civil_dates_convert_and_today_is_a_real_date() {
        assert_eq!(Date::from_civil(jiff::civil::date(1970, 1, 1)).to_string(), "1970-01-01");
        assert_eq!(Date::from_civil(jiff::civil::date(2023, 10, 14)).to_string(), "2023-10-14");
        let today = Date::today().to_string();
        assert_eq!(Date::parse(&today).map(|d| d.to_string()), Ok(today));
    }

    #[test]
    fn an_impossible_day_names_the_length_of_its_month() {
        let e = Date::parse("2023-02-30").err().unwrap_or_default();
        assert_eq!(e, "`2023-02-30` does not exist: month 2 of 2023 has 28 days");
        assert!(Date::parse("2023-04-31").is_err_and(|e| e.ends_with("has 30 days")));
        assert!(Date::parse("1900-02-29").is_err() && Date::parse("2000-02-29").is_ok());
        assert!(Date::parse("2023-01-00").is_err());
    }

    #[test]
    fn text_falls_back_to_default_language() {
        let mut m = BTreeMap::new();
        m.insert("sq".to_string(), "Siguria".to_string());
        let t = Text::Map(m, BTreeMap::new());
        let l = t.get("en", "sq");
        assert_eq!((l.text, l.lang, l.fallback), ("Siguria", "sq", true));
    }
}
