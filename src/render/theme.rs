//! The theme: Tera templates, static assets and UI strings (SPEC §1).
//!
//! `themes/<name>/` in the site folder wins file by file; the default theme
//! is also compiled into the binary, so a site without a `themes/` folder
//! (or a custom theme that only overrides a few templates) still builds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::content::list_files;
use crate::diag::{Diagnostics, SourceFile, Span, file_error};

macro_rules! embed {
    ($($p:literal),* $(,)?) => {
        &[$(($p, include_bytes!(concat!("../../themes/default/", $p)) as &[u8])),*]
    };
}

/// The default theme, as shipped.
const DEFAULT: &[(&str, &[u8])] = embed![
    "templates/base.html",
    "templates/partials/header.html",
    "templates/partials/footer.html",
    "templates/macros.html",
    "templates/home.html",
    "templates/briefs.html",
    "templates/brief.html",
    "templates/page.html",
    "templates/topics.html",
    "templates/topic.html",
    "templates/404.html",
    "templates/radar.html",
    "templates/country.html",
    "templates/radar_macros.html",
    "templates/search.html",
    "templates/trackers.html",
    "templates/tracker.html",
    "templates/cite.html",
    "templates/cite_head.html",
    "templates/share_chart.html",
    "templates/embed.html",
    "static/assets/style.css",
    "static/assets/share.js",
    "static/assets/embed.css",
    "fonts/DejaVuSans.ttf",
    "fonts/DejaVuSans-Bold.ttf",
    "fonts/LICENSE",
    "static/assets/search.js",
    "static/assets/tracker.js",
    "static/assets/favicon.svg",
    "i18n/sq.yaml",
    "i18n/en.yaml",
    "i18n/sr.yaml",
    "i18n/sr-Latn.yaml",
    "i18n/mk.yaml",
    "i18n/bs.yaml",
    "i18n/cnr.yaml",
];

/// Where a theme file comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file in the site's `themes/<name>/`.
    Disk(PathBuf),
    /// The built-in default theme.
    Embedded(&'static [u8]),
}

/// A theme file: its path for diagnostics (`themes/default/templates/base.html`) and source.
#[derive(Debug, Clone)]
pub(crate) struct ThemeFile {
    /// Root-relative path as editors see it.
    pub rel: PathBuf,
    /// Where to read it.
    pub source: Source,
}

impl ThemeFile {
    /// The file's text; invalid UTF-8 is a diagnostic.
    pub(crate) fn text(&self, diags: &mut Diagnostics) -> Result<Option<SourceFile>, Error> {
        let bytes = match &self.source {
            Source::Disk(p) => crate::io(p, std::fs::read(p))?,
            Source::Embedded(b) => b.to_vec(),
        };
        match crate::content::source::decode(self.rel.clone(), bytes) {
            Ok(f) => Ok(Some(f)),
            Err(d) => {
                diags.push(d);
                Ok(None)
            }
        }
    }
}

/// A theme's name and, when site.yaml names it, where.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ThemeName<'a> {
    /// The folder under `themes/`.
    pub name: &'a str,
    /// site.yaml and the position of the name in it.
    pub at: Option<(&'a SourceFile, Span)>,
}

impl<'a> From<&'a str> for ThemeName<'a> {
    fn from(name: &'a str) -> ThemeName<'a> {
        ThemeName { name, at: None }
    }
}

impl<'a> From<&'a crate::config::Config> for ThemeName<'a> {
    fn from(config: &'a crate::config::Config) -> ThemeName<'a> {
        ThemeName { name: &config.theme, at: config.theme_span.map(|span| (&config.file, span)) }
    }
}

/// The `unknown-theme` error, at the `theme:` value of site.yaml when it is known.
fn unknown_theme(theme: ThemeName<'_>) -> crate::diag::Diagnostic {
    let message = format!("theme `{}` does not exist", theme.name);
    match theme.at {
        Some((file, span)) => file.error(span, "unknown-theme", message),
        None => file_error(Path::new("site.yaml"), "unknown-theme", message),
    }
}

/// Every file of the theme, by path inside the theme (`templates/base.html`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Theme {
    /// Files by theme-relative path, sorted.
    pub files: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// Loads theme `name` from `root/themes/<name>/`, filling gaps from the
    /// built-in default. A theme other than `default` must exist on disk.
    pub(crate) fn load<'a>(
        root: &Path,
        theme: impl Into<ThemeName<'a>>,
        diags: &mut Diagnostics,
    ) -> Result<Theme, Error> {
        let theme = theme.into();
        let name = theme.name;
        let dir = root.join("themes").join(name);
        let mut files = BTreeMap::new();
        if name == "default" || dir.is_dir() {
            for (p, bytes) in DEFAULT {
                files.insert(
                    (*p).to_string(),
                    ThemeFile { rel: PathBuf::from(format!("themes/default/{p}")), source: Source::Embedded(bytes) },
                );
            }
        }
        if !dir.is_dir() {
            if name != "default" {
                let mut known = vec!["default".to_string()];
                if let Ok(entries) = std::fs::read_dir(root.join("themes")) {
                    known.extend(
                        entries
                            .flatten()
                            .filter(|e| e.path().is_dir())
                            .map(|e| e.file_name().to_string_lossy().into_owned()),
                    );
                }
                let hint = match crate::diag::did_you_mean(name, known.iter().map(String::as_str)) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => format!("create themes/{name}/templates/, or remove `theme:` to use the built-in default"),
                };
                diags.push(unknown_theme(theme).with_hint(hint));
            }
            return Ok(Theme { files });
        }
        for rel in list_files(&dir, &dir)? {
            let key = rel.to_string_lossy().replace('\\', "/");
            if key.starts_with("static/") {
                continue;
            }
            files.insert(
                key.clone(),
                ThemeFile { rel: PathBuf::from(format!("themes/{name}/{key}")), source: Source::Disk(dir.join(&rel)) },
            );
        }
        // Copied into the site as they are: the rules of content/static/
        // (no symbolic links, names that fit an address, dotfiles kept).
        let statics = PathBuf::from(format!("themes/{name}/static"));
        for key in crate::content::statics::list_in(root, &statics, diags)? {
            let rel = statics.join(&key);
            files.insert(format!("static/{key}"), ThemeFile { source: Source::Disk(root.join(&rel)), rel });
        }
        Ok(Theme { files })
    }

    /// Templates: name (`base.html`) -> file.
    pub(crate) fn templates(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files.iter().filter_map(|(k, f)| k.strip_prefix("templates/").map(|n| (n, f)))
    }

    /// Static assets: output path -> file.
    pub(crate) fn statics(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files.iter().filter_map(|(k, f)| k.strip_prefix("static/").map(|n| (n, f)))
    }

    /// The default theme's UI strings file of `lang`, as shipped, if there is one.
    pub(crate) fn default_i18n(lang: &str) -> Option<ThemeFile> {
        let path = format!("i18n/{lang}.yaml");
        DEFAULT
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(p, b)| ThemeFile { rel: PathBuf::from(format!("themes/default/{p}")), source: Source::Embedded(b) })
    }

    /// The UI strings file of `lang`, if the theme has one.
    pub(crate) fn i18n(&self, lang: &str) -> Option<&ThemeFile> {
        self.files.get(&format!("i18n/{lang}.yaml"))
    }
}
