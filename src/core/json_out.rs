//! Writing JSON: what the widget stores (saved lists, feedback drafts) and sends (feedback submissions) is
//! small, fixed in shape and written field by field, so a string escaper and a key writer are all it takes;
//! the module carries no serialisation library.

/// Appends `s` as a JSON string: quotes, backslashes and control characters escaped.
pub fn push_str(out: &mut String, s: &str) {
    out.push('"');
    let mut rest = s;
    while let Some(i) = rest.find(|c: char| c == '"' || c == '\\' || c < ' ') {
        out.push_str(rest.get(..i).unwrap_or_default());
        let c = rest.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX.get(n >> 4).copied().unwrap_or(b'0')));
                out.push(char::from(HEX.get(n & 15).copied().unwrap_or(b'0')));
            }
        }
        rest = rest.get(i + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out.push('"');
}

/// Appends `"name":` (after a comma unless it opens the object).
pub fn push_key(out: &mut String, name: &str) {
    if !out.ends_with('{') {
        out.push(',');
    }
    push_str(out, name);
    out.push(':');
}
