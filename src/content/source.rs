//! Reading source files: UTF-8 text with a root-relative path for diagnostics,
//! and the split of front matter from the Markdown body.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::diag::{Diagnostic, SourceFile, Span, file_error};

/// Reads `root/rel` as UTF-8 text. Invalid UTF-8 is a content error pointing
/// at the first bad byte; other read failures are I/O errors.
pub(crate) fn read_source(root: &Path, rel: &Path) -> Result<Result<SourceFile, Diagnostic>, Error> {
    let full = root.join(rel);
    let bytes = std::fs::read(&full).map_err(|source| Error::Io { path: full.clone(), source })?;
    Ok(decode(rel.to_path_buf(), bytes))
}

/// Decodes file bytes as UTF-8, normalised to NFC (a leading byte-order mark
/// is dropped; CRLF line ends are kept as they are and handled by the parsers).
#[expect(clippy::result_large_err, reason = "the error is a diagnostic for the editor, made once per bad file")]
pub(crate) fn decode(rel: PathBuf, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            // Decomposed letters (e + U+0308, as some editors and macOS
            // file names write them) become one: slugs, sorting, search and
            // output then see the same letters as for composed text.
            if let std::borrow::Cow::Owned(nfc) = crate::slug::nfc(&text) {
                text = nfc;
            }
            Ok(SourceFile::new(rel, text))
        }
        Err(e) => {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&bytes[..at]);
            let span = Span::at_offset(&valid, valid.len(), 1, 1);
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let f = SourceFile::new(rel.clone(), lossy);
            let mut d = f
                .error(span, "invalid-utf8", "this file is not valid UTF-8 text")
                .with_hint("save the file as UTF-8 (most editors offer \"UTF-8\" in Save As / encoding)");
            if d.source_line.is_none() {
                d = file_error(&rel, "invalid-utf8", "this file is not valid UTF-8 text");
            }
            Err(d)
        }
    }
}

/// A file split at its front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines (empty when there is none).
    pub yaml: &'a str,
    /// The file line on which the YAML starts.
    pub yaml_line: usize,
    /// The Markdown body.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
    /// The file line on which the body starts.
    pub body_line: usize,
}

/// Why a file's front matter could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `---` line.
    Missing,
    /// The opening `---` has no closing `---`.
    Unclosed,
}

/// Splits `---\nyaml\n---\nbody`. Never panics; line numbers are file lines.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, SplitError> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Err(SplitError::Missing);
    }
    let mut offset = first_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i + 1);
        let l = text[offset..end].trim_end();
        if l == "---" || l == "..." {
            return Ok(Split {
                yaml: &text[first_end..offset],
                yaml_line: 2,
                body: &text[end..],
                body_offset: end,
                body_line: line + 1,
            });
        }
        offset = end;
        line += 1;
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split_front_matter("---\ntitle: a\ndate: b\n---\n# Body\n").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(s.yaml, "title: a\ndate: b\n");
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn unclosed_and_missing_are_told_apart() {
        assert_eq!(split_front_matter("---\ntitle: a\n"), Err(SplitError::Unclosed));
        assert_eq!(split_front_matter("# just markdown\n"), Err(SplitError::Missing));
        assert!(split_front_matter("---\r\ntitle: a\r\n---\r\nbody").is_ok());
    }

    #[test]
    fn decomposed_text_is_composed() {
        let f = decode("a.md".into(), "Pe\u{308}rgjegje\n".as_bytes().to_vec()).unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(&*f.text, "Përgjegje\n");
    }

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let d = decode("a.md".into(), b"ok\nab\xffc\n".to_vec()).err().unwrap_or_else(|| panic!("decoded"));
        assert_eq!((d.span.line, d.span.col), (2, 3));
    }

    proptest! {
        #[test]
        fn split_never_panics_and_keeps_offsets(s in "(---\n)?([a-z: ]{0,8}\n){0,5}(---\n)?[^\u{0}]{0,40}") {
            if let Ok(sp) = split_front_matter(&s) {
                prop_assert_eq!(&s[sp.body_offset..], sp.body);
                let lines_before = s[..sp.body_offset].matches('\n').count();
                prop_assert_eq!(sp.body_line, lines_before + 1);
            }
        }
    }
}
