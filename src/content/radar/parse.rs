//! Parsing the radar files, each from its text alone (SPEC §6): the scale
//! and dimensions, one country's assessments, one narrative. IO and the
//! file-name checks live in the parent module.

use std::collections::BTreeMap;

use super::{Assessment, Dimension, Dimensions, Narrative, Scale, ScaleMeaning};
use crate::content::source::{SplitError, split_front_matter};
use crate::content::tracker::{TextStart, text_start};
use crate::diag::{Diagnostics, SourceFile, Span, did_you_mean};
use crate::i18n::{Date, Languages, Text, format_number};
use crate::yaml::{self, Decode, Entries, Node, Spanned};

crate::decode_map! {
    /// `content/radar/dimensions.yaml` as written (SPEC §6).
    pub(crate) struct DimensionsYaml<'n> {
        what: "dimensions.yaml", missing: "dimensions.yaml", required: [scale, dimensions];
        /// The scores' range and what its ends mean.
        scale: Option<ScaleYaml<'n>>,
        /// The dimensions, in the order charts and tables show them.
        dimensions: Option<Spanned<Vec<DimensionYaml<'n>>>>,
        /// The page that explains the method: `@/pages/x.md`, `pages/x` or `x`.
        methodology: Option<Spanned<String>>,
    }
}

crate::decode_map! {
    /// `scale:` in dimensions.yaml.
    struct ScaleYaml<'n> {
        what: "the scale", missing: "the scale", required: [min, max];
        /// The lowest score.
        min: Option<&'n Node> as Shape::Number,
        /// The highest score.
        max: Option<&'n Node> as Shape::Number,
        /// What the lowest score means, per language.
        low: Option<&'n Node> as Shape::Text,
        /// What the highest score means, per language.
        high: Option<&'n Node> as Shape::Text,
        /// False when a lower score is better (default true).
        higher_is_better: Option<bool>,
    }
}

crate::decode_map! {
    /// One item of `dimensions:`.
    struct DimensionYaml<'n> {
        what: "a dimension", missing: "a dimension", required: [id, label];
        /// The key scores name it by: ASCII letters, digits, `-` and `_`.
        id: Option<Spanned<String>>,
        /// Its name per language.
        label: Option<&'n Node> as Shape::Text,
    }
}

crate::decode_map! {
    /// A country's `content/radar/<cc>.yaml` as written (SPEC §6).
    pub(crate) struct CountryYaml<'n> {
        what: "a radar file", missing: "this radar file", required: [assessments];
        /// One assessment a year.
        assessments: Option<Vec<AssessmentYaml<'n>>>,
    }
}

crate::decode_map! {
    /// One item of `assessments:`.
    struct AssessmentYaml<'n> {
        what: "an assessment", missing: "an assessment", required: [year];
        /// The year assessed, four digits.
        year: Option<Spanned<u64>>,
        /// Dimension id -> score; `~` for no score.
        scores: Option<Entries<&'n Node>> as Shape::keyed(Keys::Dimension, Shape::Number),
        /// Markdown per language.
        findings: Option<&'n Node> as Shape::Markdown,
    }
}

crate::decode_map! {
    /// A narrative's front matter (`content/radar/<cc>.<lang>.md`).
    pub(crate) struct NarrativeYaml {
        what: "narrative front matter", missing: "narrative front matter", required: [];
        /// The narrative's heading.
        title: Option<String>,
        /// Date of the last revision.
        updated: Option<Date>,
    }
}

/// Parses `dimensions.yaml`: the scale and the dimensions.
pub(crate) fn parse_dimensions(file: &SourceFile, langs: &Languages, diags: &mut Diagnostics) -> Dimensions {
    let before = diags.error_count();
    let mut out = Dimensions::default();
    let Some(root) = yaml::parse(file, &file.text, 1, diags) else {
        return out;
    };
    let Some(raw) = DimensionsYaml::decode(&root, "", file, diags) else {
        return out;
    };
    if let Some(scale) = &raw.scale {
        out.scale = parse_scale(scale, file, diags);
        out.meaning = ScaleMeaning {
            low: scale.low.and_then(|n| Text::parse(n, "low", langs, file, diags)),
            high: scale.high.and_then(|n| Text::parse(n, "high", langs, file, diags)),
            higher_is_better: scale.higher_is_better,
            ..ScaleMeaning::default()
        };
    }
    if let Some(m) = raw.methodology {
        let stem = m.value.trim();
        // `@/pages/x.md`, `pages/x` and `x` all name the page `x`.
        let stem = stem.trim_start_matches("@/").trim_start_matches("pages/").trim_end_matches(".md");
        let stem = stem.rsplit_once('.').filter(|(_, l)| langs.contains(l)).map_or(stem, |(s, _)| s);
        out.meaning.methodology = Some((stem.to_string(), m.span));
    }
    out.meaning.file = Some(file.clone());
    if let Some(list) = raw.dimensions {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for d in list.value {
            let id = d.id.filter(|id| dimension_id(id, file, diags));
            let label = d.label.and_then(|n| Text::parse(n, "label", langs, file, diags));
            let (Some(Spanned { value: id, span }), Some(label)) = (id, label) else {
                continue;
            };
            if let Some(line) = seen.get(&id) {
                diags.push(
                    file.error(span, "duplicate-dimension", format!("dimension `{id}` is defined twice"))
                        .with_hint(format!("`{id}` is already defined on line {line}; give each dimension its own id")),
                );
                continue;
            }
            seen.insert(id.clone(), span.line);
            out.dimensions.push(Dimension { id, label });
        }
        if out.dimensions.is_empty() && diags.error_count() == before {
            diags.push(
                file.error(list.span, "missing-dimensions", "`dimensions` lists no dimension").with_hint(
                    "add at least three: `- id: legal-framework` with a `label: {sq: \"...\", en: \"...\"}`",
                ),
            );
        } else if (1..3).contains(&out.dimensions.len()) && diags.error_count() == before {
            diags.push(
                file.warning(
                    list.span,
                    "few-dimensions",
                    format!(
                        "a radar chart needs at least three dimensions; with {} only the score table is shown",
                        out.dimensions.len()
                    ),
                )
                .with_hint("add dimensions, or keep the table alone"),
            );
        }
    }
    out.complete = diags.error_count() == before;
    out
}

/// The largest bound a scale may have, either way.
const MAX_SCALE: f64 = 1_000_000_000.0;

fn parse_scale(scale: &ScaleYaml<'_>, file: &SourceFile, diags: &mut Diagnostics) -> Option<Scale> {
    let min = scale.min.and_then(|n| number(n, "min", file, diags));
    let max = scale.max.and_then(|n| number(n, "max", file, diags));
    let (min, max, min_node, max_node) = (min?, max?, scale.min?, scale.max?);
    // Charts and labels compute with the bounds: keep them to sizes a score can have.
    let mut in_range = true;
    for (v, key, n) in [(min, "min", min_node), (max, "max", max_node)] {
        if v.abs() > MAX_SCALE {
            let text = n.as_scalar().unwrap_or_default().trim();
            diags.push(
                file.error(
                    n.span,
                    "bad-scale",
                    format!("the scale's `{key}` ({text}) is too large: a scale lies within ±{MAX_SCALE}"),
                )
                .with_hint("e.g. `scale: {min: 0, max: 5}` or `scale: {min: 0, max: 100}`"),
            );
            in_range = false;
        }
    }
    if !in_range {
        return None;
    }
    if min >= max {
        diags.push(
            file.error(
                max_node.span,
                "bad-scale",
                format!(
                    "the scale's `max` ({}) must be greater than its `min` ({})",
                    format_number(max),
                    format_number(min)
                ),
            )
            .with_hint("e.g. `scale: {min: 0, max: 5}`"),
        );
        return None;
    }
    Some(Scale { min, max })
}

/// True for a dimension id of letters, digits, `-` and `_`; else an error at it.
fn dimension_id(id: &Spanned<String>, file: &SourceFile, diags: &mut Diagnostics) -> bool {
    let ok = !id.value.is_empty() && id.value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        diags.push(
            file.error(
                id.span,
                "bad-dimension-id",
                format!("dimension id `{}` may only hold ASCII letters, digits, `-` and `_`", id.value),
            )
            .with_hint(format!("e.g. `{}`", crate::slug::slugify(&id.value))),
        );
    }
    ok
}

/// A number as written in YAML; a decimal comma gets a hint.
fn number(node: &Node, what: &str, file: &SourceFile, diags: &mut Diagnostics) -> Option<f64> {
    if let Some(text) = node.as_scalar()
        && let Ok(v) = text.trim().parse::<f64>()
        && v.is_finite()
    {
        if matches!(node.kind, yaml::Kind::Scalar { plain: true, .. }) {
            return Some(v);
        }
        diags.push(
            file.error(node.span, "bad-score", format!("`{what}` must be a number, found the text \"{text}\""))
                .with_hint(format!("remove the quotes: {text}")),
        );
        return None;
    }
    let found = match node.as_scalar() {
        Some(t) => format!("`{t}`"),
        None => node.type_name().to_string(),
    };
    let mut d = file.error(node.span, "bad-score", format!("`{what}` must be a number, found {found}"));
    if let Some(t) = node.as_scalar()
        && t.contains(',')
        && t.replace(',', ".").trim().parse::<f64>().is_ok()
    {
        d = d.with_hint(format!("write decimals with a point: {}", t.replace(',', ".")));
    } else {
        d = d.with_hint(
            "write a number such as 3 or 2.5; leave the dimension out (or write `~`) when there is no score",
        );
    }
    diags.push(d);
    None
}

/// Parses one country's `<cc>.yaml`: its assessments, newest first.
pub(crate) fn parse_country(
    file: &SourceFile,
    dims: &Dimensions,
    langs: &Languages,
    diags: &mut Diagnostics,
) -> Option<Vec<Assessment>> {
    let before = diags.error_count();
    let root = yaml::parse(file, &file.text, 1, diags)?;
    let raw = CountryYaml::decode(&root, "", file, diags)?;
    let mut out: Vec<Assessment> = Vec::new();
    let mut years: BTreeMap<u16, usize> = BTreeMap::new();
    for a in raw.assessments.unwrap_or_default() {
        let year = a.year.and_then(|y| year(y, file, diags));
        if let Some((y, span)) = year {
            if let Some(line) = years.get(&y) {
                diags.push(
                    file.error(span, "duplicate-year", format!("year {y} is assessed twice"))
                        .with_hint(format!("the {y} assessment is already on line {line}; merge the two")),
                );
            } else {
                years.insert(y, span.line);
            }
        }
        let scores = a.scores.map(|s| parse_scores(s, dims, file, diags)).unwrap_or_default();
        let findings = a.findings.and_then(|n| Text::parse(n, "findings", langs, file, diags));
        if let Some((y, _)) = year {
            let findings_starts = a.findings.map(|n| text_starts(n, file)).unwrap_or_default();
            out.push(Assessment { year: y, scores, findings, findings_starts });
        }
    }
    if diags.error_count() > before {
        return None;
    }
    out.sort_by_key(|a| std::cmp::Reverse(a.year));
    Some(out)
}

/// Where each language's text of a bilingual field starts in the file (key
/// `""` for a plain string), so that errors found while rendering it point
/// into the file.
fn text_starts(node: &Node, file: &SourceFile) -> BTreeMap<String, TextStart> {
    match &node.kind {
        yaml::Kind::Map(entries) => {
            entries.iter().filter_map(|(k, v)| Some((k.as_scalar()?.to_string(), text_start(v, file)))).collect()
        }
        _ => BTreeMap::from([(String::new(), text_start(node, file))]),
    }
}

fn year(Spanned { value: v, span }: Spanned<u64>, file: &SourceFile, diags: &mut Diagnostics) -> Option<(u16, Span)> {
    match u16::try_from(v) {
        Ok(y) if (1000..=9999).contains(&y) => Some((y, span)),
        _ => {
            diags.push(
                file.error(span, "bad-year", format!("`{v}` is not a year"))
                    .with_hint("write the year with four digits, e.g. 2023"),
            );
            None
        }
    }
}

/// The `scores` mapping: dimension id -> score. `~` (or nothing) is a missing score.
fn parse_scores(
    scores: Entries<&Node>,
    dims: &Dimensions,
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    let ids: Vec<&str> = dims.dimensions.iter().map(|d| d.id.as_str()).collect();
    // A set beside the list: many scores against many dimensions.
    let id_set: std::collections::HashSet<&str> = ids.iter().copied().collect();
    for (Spanned { value: id, span }, v) in scores.0 {
        let known = id_set.contains(id.as_str());
        if !known && dims.complete {
            diags.push(unknown_dimension(&id, span, v, &ids, file));
            continue;
        }
        if v.is_null() {
            continue;
        }
        let Some(score) = number(v, &id, file, diags) else {
            continue;
        };
        if let Some(s) = dims.scale
            && !(s.min..=s.max).contains(&score)
        {
            diags.push(
                file.error(
                    v.span,
                    "score-out-of-scale",
                    format!("score {} for `{id}` is outside the scale", format_number(score)),
                )
                .with_hint(format!(
                    "scores run from {} to {} (scale in content/radar/dimensions.yaml)",
                    format_number(s.min),
                    format_number(s.max)
                )),
            );
            continue;
        }
        if known {
            out.insert(id, score);
        }
    }
    out
}

fn unknown_dimension(id: &str, key: Span, value: &Node, ids: &[&str], file: &SourceFile) -> crate::diag::Diagnostic {
    let d = file.error(key, "unknown-dimension", format!("unknown dimension `{id}`"));
    // `{a: 2,5}` in a flow mapping reads as `a: 2` and a key `5`.
    if value.is_null() && id.parse::<f64>().is_ok() {
        return d.with_hint(format!(
            "a decimal comma? Write decimals with a point (2.{id}, not 2,{id}): in `{{...}}` a comma separates entries"
        ));
    }
    match did_you_mean(id, ids.iter().copied()) {
        Some(m) => d.with_hint(format!("did you mean `{m}`?")),
        None if ids.is_empty() => d.with_hint("content/radar/dimensions.yaml defines no dimensions"),
        None => d.with_hint(format!("dimensions in content/radar/dimensions.yaml: {}", ids.join(", "))),
    }
}

/// Parses a narrative: optional front matter (`title`, `updated`), then Markdown.
pub(crate) fn parse_narrative(file: SourceFile, diags: &mut Diagnostics) -> Option<Narrative> {
    let before = diags.error_count();
    let (body_offset, body_line, title, updated) = match split_front_matter(&file.text) {
        Err(SplitError::Missing) => (0, 1, None, None),
        Err(SplitError::Unclosed) => {
            diags.push(
                file.error(Span::new(1, 1, 3), "unclosed-front-matter", "the front matter opened here is never closed")
                    .with_hint("add a line with only `---` after the last front-matter key, or remove the first line"),
            );
            return None;
        }
        Ok(s) => {
            let root = yaml::parse(&file, s.yaml, s.yaml_line, diags)?;
            let f = NarrativeYaml::decode(&root, "", &file, diags)?;
            (s.body_offset, s.body_line, f.title, f.updated)
        }
    };
    if diags.error_count() > before {
        return None;
    }
    Some(Narrative { file, title, updated, body_offset, body_line })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Languages {
        Languages::new(vec!["sq".into(), "en".into()])
    }

    const DIMS: &str = "scale: {min: 0, max: 5}\ndimensions:\n  - id: legal-framework\n    label: {sq: \"Korniza ligjore\", en: \"Legal framework\"}\n  - id: asset-recovery\n    label: {sq: \"Konfiskimi i pasurive\", en: \"Asset recovery\"}\n  - id: cooperation\n    label: {sq: \"Bashkëpunimi\", en: \"Cooperation\"}\n";

    fn dims() -> Dimensions {
        let mut d = Diagnostics::new();
        let out = parse_dimensions(&SourceFile::new("content/radar/dimensions.yaml", DIMS), &langs(), &mut d);
        assert!(!d.has_errors(), "{}", d.render_human());
        out
    }

    fn country(src: &str) -> (Option<Vec<Assessment>>, String) {
        let mut d = Diagnostics::new();
        let a = parse_country(&SourceFile::new("content/radar/al.yaml", src), &dims(), &langs(), &mut d);
        (a, d.render_human())
    }

    #[test]
    fn assessments_are_sorted_newest_first_and_missing_stays_missing() {
        let (a, out) = country(
            "assessments:\n  - year: 2022\n    scores: {legal-framework: 2}\n  - year: 2023\n    scores: {legal-framework: 2.5, asset-recovery: ~}\n",
        );
        let a = a.unwrap_or_else(|| panic!("{out}"));
        assert_eq!(a.iter().map(|x| x.year).collect::<Vec<_>>(), [2023, 2022]);
        assert_eq!(a.first().and_then(|x| x.scores.get("legal-framework")), Some(&2.5));
        assert!(a.first().is_some_and(|x| !x.scores.contains_key("asset-recovery")));
    }

    #[test]
    fn every_score_error_is_reported_at_its_value() {
        let src = "assessments:\n  - year: 2023\n    scores:\n      legal-framework: 7\n      asset-recovry: 2\n      cooperation: 2,5\n  - year: 2023\n";
        let (a, out) = country(src);
        assert!(a.is_none());
        assert!(out.contains("al.yaml:4:24: error: score 7 for `legal-framework` is outside the scale"), "{out}");
        assert!(out.contains("scores run from 0 to 5"), "{out}");
        assert!(out.contains("al.yaml:5:7: error: unknown dimension `asset-recovry`"), "{out}");
        assert!(out.contains("did you mean `asset-recovery`?"), "{out}");
        assert!(out.contains("al.yaml:6:20: error: `cooperation` must be a number, found `2,5`"), "{out}");
        assert!(out.contains("write decimals with a point: 2.5"), "{out}");
        assert!(out.contains("al.yaml:7:11: error: year 2023 is assessed twice"), "{out}");
    }

    #[test]
    fn decimal_comma_in_flow_mapping_gets_a_hint() {
        let (_, out) = country("assessments:\n  - year: 2023\n    scores: {legal-framework: 2,5}\n");
        assert!(out.contains("unknown dimension `5`"), "{out}");
        assert!(out.contains("a decimal comma?"), "{out}");
    }

    #[test]
    fn scale_and_dimension_errors() {
        let src = "scale: {min: 5, max: 5}\ndimensions:\n  - id: a\n    label: A\n  - id: a\n    label: B\n  - id: \"b c\"\n    label: C\n";
        let mut d = Diagnostics::new();
        let out = parse_dimensions(&SourceFile::new("d.yaml", src), &langs(), &mut d);
        let s = d.render_human();
        assert!(!out.complete);
        assert!(s.contains("d.yaml:1:22: error: the scale's `max` (5) must be greater than its `min` (5)"), "{s}");
        assert!(s.contains("d.yaml:5:9: error: dimension `a` is defined twice"), "{s}");
        assert!(s.contains("d.yaml:7:9: error: dimension id `b c`"), "{s}");
    }

    #[test]
    fn a_scale_must_be_finite_and_drawable() {
        for (scale, want) in [
            ("{min: -1e308, max: 1e308}", "d.yaml:1:14: error: the scale's `min` (-1e308) is too large"),
            (
                "{min: 0, max: 1e10}",
                "d.yaml:1:22: error: the scale's `max` (1e10) is too large: a scale lies within ±1000000000",
            ),
            ("{min: 0, max: .inf}", "d.yaml:1:22: error: `max` must be a number, found `.inf`"),
            ("{min: 0, max: 1e309}", "d.yaml:1:22: error: `max` must be a number, found `1e309`"),
            ("{min: .nan, max: 5}", "d.yaml:1:14: error: `min` must be a number, found `.nan`"),
            ("{min: NaN, max: 5}", "d.yaml:1:14: error: `min` must be a number, found `NaN`"),
            ("{min: 3, max: -inf}", "d.yaml:1:22: error: `max` must be a number, found `-inf`"),
        ] {
            let src = format!("scale: {scale}\ndimensions:\n  - id: a\n    label: A\n");
            let mut d = Diagnostics::new();
            let out = parse_dimensions(&SourceFile::new("d.yaml", &src), &langs(), &mut d);
            let s = d.render_human();
            assert!(out.scale.is_none() && !out.complete, "{scale}");
            assert!(s.contains(want), "{scale}: {s}");
        }
    }

    #[test]
    fn narrative_front_matter_is_optional() {
        let mut d = Diagnostics::new();
        let n = parse_narrative(SourceFile::new("al.sq.md", "Tekst.\n"), &mut d);
        assert_eq!(n.map(|n| (n.body_line, n.title)), Some((1, None)));
        let n = parse_narrative(SourceFile::new("al.en.md", "---\ntitle: Albania\n---\nText.\n"), &mut d);
        assert_eq!(n.map(|n| (n.body_line, n.title)), Some((4, Some("Albania".to_string()))));
        let n = parse_narrative(SourceFile::new("al.en.md", "---\ntitel: Albania\n---\nText.\n"), &mut d);
        assert!(n.is_none());
        assert!(d.render_human().contains("al.en.md:2:1: error: unknown key `titel`"));
    }

    #[test]
    fn the_scale_may_say_what_its_ends_mean() {
        let src = "scale:\n  min: 0\n  max: 5\n  low: {sq: asgjë, en: nothing}\n  high: {sq: gjithçka, en: everything}\n  higher_is_better: true\nmethodology: \"@/pages/metodologjia.sq.md\"\ndimensions:\n  - {id: a, label: {sq: A, en: A}}\n  - {id: b, label: {sq: B, en: B}}\n  - {id: c, label: {sq: C, en: C}}\n";
        let mut d = Diagnostics::new();
        let out = parse_dimensions(&SourceFile::new("content/radar/dimensions.yaml", src), &langs(), &mut d);
        assert_eq!(d.error_count(), 0, "{}", d.render_human());
        assert_eq!(out.meaning.low.as_ref().map(|t| t.get("en", "sq").text.to_string()).as_deref(), Some("nothing"));
        assert_eq!(out.meaning.higher_is_better, Some(true));
        assert_eq!(out.meaning.methodology.as_ref().map(|(s, _)| s.as_str()), Some("metodologjia"));
        let bad = src.replace("higher_is_better: true", "higher_is_better: maybe").replace("low:", "lo:");
        let mut d = Diagnostics::new();
        parse_dimensions(&SourceFile::new("content/radar/dimensions.yaml", bad.as_str()), &langs(), &mut d);
        let out = d.render_human();
        assert!(out.contains("dimensions.yaml:4:3: error: unknown key `lo` in the scale"), "{out}");
        assert!(out.contains("dimensions.yaml:6:21: error: `higher_is_better` must be `true` or `false`"), "{out}");
    }
}
