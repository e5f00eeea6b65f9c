//! CSV for the data downloads (SPEC §7): RFC 4180 quoting, `\n` line ends,
//! shared by the tracker and radar exports.

/// Appends one CSV record to `out`, quoting a field only when it needs it.
pub fn push_row(out: &mut String, fields: &[String]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if f.contains([',', '"', '\n', '\r']) || f.starts_with(' ') || f.ends_with(' ') {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push('\n');
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
}
