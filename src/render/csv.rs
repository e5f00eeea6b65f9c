//! CSV for the data downloads (SPEC §7): RFC 4180 quoting, `\n` line ends,
//! shared by the tracker and radar exports.
//!
//! A text cell that a spreadsheet would read as a formula (one beginning
//! with `=`, `+`, `-`, `@`, a tab or a carriage return, the OWASP rule) gets
//! a leading `'`, which spreadsheets show as text; numbers (`-1.5`) stay
//! numbers. The JSON downloads hold every text exactly as written.

use std::borrow::Cow;

/// Appends one CSV record to `out`, quoting a field only when it needs it.
pub(crate) fn push_row(out: &mut String, fields: &[String]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let f = neutralise(f);
        if f.contains([',', '"', '\n', '\r']) || f.starts_with(' ') || f.ends_with(' ') {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&f);
        }
    }
    out.push('\n');
}

/// `cell`, with a leading `'` when a spreadsheet would evaluate it.
fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// True for a plain decimal number (`-1.5`, `+3`, `2`), which a spreadsheet
/// reads as that number and nothing else.
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        let mut s = String::new();
        push_row(&mut s, &["a".into(), "b,c".into(), "say \"hi\"".into(), "x\ny".into(), " pad".into()]);
        assert_eq!(s, "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\",\" pad\"\n");
    }

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        let mut s = String::new();
        let cells = [
            "=HYPERLINK(\"https://x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "-1.5",
            "+3",
            "2",
            "a=b",
            "-",
            "-.5",
        ];
        push_row(&mut s, &cells.map(String::from));
        assert_eq!(s, "\"'=HYPERLINK(\"\"https://x\"\")\",'+1+1,'-2+3,'@SUM(A1),'\tx,\"'\rx\",-1.5,+3,2,a=b,'-,'-.5\n");
    }
}
