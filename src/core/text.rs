//! Plain text out of feed text: entity decoding, markup stripping, whitespace clean-up, truncation.
//!
//! Owns every conversion from the HTML-ish strings feeds carry to the plain text a block renders (always as a
//! text node, never as markup), the comparison key of Vietnamese text ([`fold_key`]: case, NFC/NFD, Đ/Ð and
//! diacritics ignored) and the test of which strings need Unicode NFC before display ([`needs_nfc`]; the
//! edge normalises with the browser's `String.prototype.normalize`), plus the small number-to-text helpers the other modules share so they avoid
//! the `format!` machinery in the WASM bundle. Everything here is total: malformed markup loses tags, never
//! text, and never panics.

use std::borrow::Cow;

/// The decimal digits of `n`, as `n.to_string()` would write them.
pub fn number_text(n: u64) -> String {
    let mut s = String::new();
    push_u64(&mut s, n);
    s
}

/// Appends the decimal digits of `n`, with a minus sign when it is negative.
pub(crate) fn push_i64(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_u64(out, n.unsigned_abs());
}

/// Appends the decimal digits of `n`.
pub(crate) fn push_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    for &c in buf.get(i..).unwrap_or_default() {
        out.push(char::from(c));
    }
}

/// Appends `n` with at least two digits ("07").
pub(crate) fn push_pad2(out: &mut String, n: u32) {
    if n < 10 {
        out.push('0');
    }
    push_u64(out, n.into());
}

/// The decimal text of `n`.
pub(crate) fn u64_text(n: u64) -> String {
    let mut s = String::new();
    push_u64(&mut s, n);
    s
}

/// Named entities worth knowing in news text: the XML five, typography, and the Latin letters (with the
/// Vietnamese vowels among them) that CMSs like to escape. Case-sensitive, as in HTML.
static NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("middot", '·'),
    ("bull", '•'),
    ("times", '×'),
    ("divide", '÷'),
    ("plusmn", '±'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("sect", '§'),
    ("para", '¶'),
    ("shy", '\u{ad}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwnj", '\u{200c}'),
    ("zwj", '\u{200d}'),
    ("lrm", '\u{200e}'),
    ("rlm", '\u{200f}'),
    ("prime", '′'),
    ("Prime", '″'),
    ("iexcl", '¡'),
    ("iquest", '¿'),
    ("ordf", 'ª'),
    ("ordm", 'º'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("agrave", 'à'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("aring", 'å'),
    ("aelig", 'æ'),
    ("ccedil", 'ç'),
    ("egrave", 'è'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("euml", 'ë'),
    ("igrave", 'ì'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iuml", 'ï'),
    ("eth", 'ð'),
    ("ntilde", 'ñ'),
    ("ograve", 'ò'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("otilde", 'õ'),
    ("ouml", 'ö'),
    ("oslash", 'ø'),
    ("ugrave", 'ù'),
    ("uacute", 'ú'),
    ("ucirc", 'û'),
    ("uuml", 'ü'),
    ("yacute", 'ý'),
    ("yuml", 'ÿ'),
    ("szlig", 'ß'),
    ("dstrok", 'đ'),
    ("Agrave", 'À'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Atilde", 'Ã'),
    ("Auml", 'Ä'),
    ("Aring", 'Å'),
    ("AElig", 'Æ'),
    ("Ccedil", 'Ç'),
    ("Egrave", 'È'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Euml", 'Ë'),
    ("Igrave", 'Ì'),
    ("Iacute", 'Í'),
    ("Icirc", 'Î'),
    ("Iuml", 'Ï'),
    ("ETH", 'Ð'),
    ("Ntilde", 'Ñ'),
    ("Ograve", 'Ò'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Otilde", 'Õ'),
    ("Ouml", 'Ö'),
    ("Oslash", 'Ø'),
    ("Ugrave", 'Ù'),
    ("Uacute", 'Ú'),
    ("Ucirc", 'Û'),
    ("Uuml", 'Ü'),
    ("Yacute", 'Ý'),
    ("Dstrok", 'Đ'),
];

/// What numeric references 0x80..=0x9F mean in HTML: the Windows-1252 characters (CMSs emit `&#8211;`'s
/// legacy twin `&#150;`). Zero means "not remapped".
static CP1252: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
    0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0, 0x017E, 0x0178,
];

/// Decodes one reference starting right after `&`; returns the character and the bytes consumed after `&`.
fn decode_one(rest: &str) -> Option<(char, usize)> {
    let b = rest.as_bytes();
    if b.first() == Some(&b'#') {
        let (hex, start) = match b.get(1) {
            Some(b'x' | b'X') => (true, 2),
            _ => (false, 1),
        };
        let mut i = start;
        let mut value: u32 = 0;
        while let Some(&c) = b.get(i) {
            let digit = match c {
                b'0'..=b'9' => u32::from(c - b'0'),
                b'a'..=b'f' if hex => u32::from(c - b'a' + 10),
                b'A'..=b'F' if hex => u32::from(c - b'A' + 10),
                _ => break,
            };
            // Saturate past the Unicode range: the result is U+FFFD either way.
            value = value
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(digit);
            i += 1;
        }
        if i == start {
            return None;
        }
        // The semicolon is optional for numeric references, as in HTML.
        if b.get(i) == Some(&b';') {
            i += 1;
        }
        let ch = match value {
            0 => None,
            0x80..=0x9F => match CP1252.get((value - 0x80) as usize) {
                Some(&u) if u != 0 => char::from_u32(u32::from(u)),
                _ => char::from_u32(value),
            },
            _ => char::from_u32(value),
        }
        .unwrap_or('\u{fffd}');
        return Some((ch, i));
    }
    let end = rest.bytes().take(32).position(|c| c == b';')?;
    let name = rest.get(..end)?;
    NAMED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, ch)| (ch, end + 1))
}

/// Decodes HTML character references: the common named ones and decimal/hex numeric ones (invalid code points
/// become U+FFFD). Unknown names stay as written. Borrows when there is nothing to decode.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    let Some(first) = s.find('&') else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(s.get(..first).unwrap_or_default());
    let mut rest = s.get(first..).unwrap_or_default();
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        match decode_one(after) {
            Some((ch, used)) => {
                out.push(ch);
                rest = after.get(used..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Collapses every run of whitespace (including no-break spaces) to one space and trims both ends.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Plain text of a title-like string: entities decoded, whitespace collapsed and trimmed. Markup, if any, is
/// kept as literal text (it is rendered as text, so it is harmless).
pub fn clean_text(s: &str) -> String {
    collapse_whitespace(&decode_entities(s))
}

/// Tags after which text is visually separated, so their removal must leave a space.
fn is_block_tag(name: &str) -> bool {
    const BLOCK: [&str; 30] = [
        "br",
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "blockquote",
        "figure",
        "figcaption",
        "section",
        "article",
        "header",
        "footer",
        "img",
        "hr",
        "pre",
        "caption",
    ];
    BLOCK.iter().any(|b| b.eq_ignore_ascii_case(name))
}

/// End (exclusive) of the tag starting at `lt` (which points at `<`), honouring quoted attribute values; the
/// end of input when unterminated.
fn tag_end(b: &[u8], lt: usize) -> usize {
    let mut quote = 0u8;
    let mut i = lt + 1;
    while let Some(&c) = b.get(i) {
        i += 1;
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b'>' {
            return i;
        }
    }
    b.len()
}

/// Case-insensitive ASCII search for `needle` in `hay` from `from`.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let n = needle.len();
    let mut i = from;
    while i + n <= hay.len() {
        if hay.get(i..i + n).is_some_and(|w| w.eq_ignore_ascii_case(needle)) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The tag name right after `<` or `</` at `start`.
fn tag_name(b: &[u8], start: usize) -> &str {
    let len = b
        .get(start..)
        .unwrap_or_default()
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b':'))
        .unwrap_or(b.len().saturating_sub(start));
    b.get(start..start + len)
        .and_then(|n| core::str::from_utf8(n).ok())
        .unwrap_or_default()
}

/// Plain text of an HTML fragment: tags and comments removed, `<script>`/`<style>` contents dropped, entities
/// decoded, block boundaries (`<br>`, `</p>`, `</div>`, …) turned into spaces, whitespace collapsed. Malformed
/// markup (a stray `</br>`, an unclosed tag, a lone `<`) never loses the text around it.
pub fn html_to_text(html: &str) -> String {
    let b = html.as_bytes();
    let mut raw = String::with_capacity(html.len());
    let mut i = 0;
    let mut text_start = 0;
    while let Some(off) = b.get(i..).unwrap_or_default().iter().position(|&c| c == b'<') {
        let lt = i + off;
        let next = b.get(lt + 1).copied().unwrap_or(b' ');
        let closing = next == b'/';
        let name_start = lt + 1 + usize::from(closing);
        let is_tag = next.is_ascii_alphabetic()
            || (closing && b.get(name_start).is_some_and(u8::is_ascii_alphabetic))
            || next == b'!'
            || next == b'?';
        if !is_tag {
            // A lone "<" (as in "a < b") is text.
            i = lt + 1;
            continue;
        }
        raw.push_str(html.get(text_start..lt).unwrap_or_default());
        let end = if b.get(lt..lt + 4) == Some(b"<!--") {
            find_ci(b, lt + 4, b"-->").map_or(b.len(), |e| e + 3)
        } else {
            let end = tag_end(b, lt);
            let name = tag_name(b, name_start);
            if !closing && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style")) {
                let needle: &[u8] = if name.eq_ignore_ascii_case("script") {
                    b"</script"
                } else {
                    b"</style"
                };
                find_ci(b, end, needle).map_or(b.len(), |e| tag_end(b, e))
            } else {
                if is_block_tag(name) {
                    raw.push(' ');
                }
                end
            }
        };
        i = end;
        text_start = end;
    }
    raw.push_str(html.get(text_start..).unwrap_or_default());
    collapse_whitespace(&decode_entities(&raw))
}

/// Value of attribute `name` inside a start tag `tag` (the bytes between `<img` and `>`), entities decoded.
fn attr_value(tag: &str, name: &str) -> Option<String> {
    let b = tag.as_bytes();
    let mut i = 0;
    loop {
        while b.get(i).is_some_and(|c| c.is_ascii_whitespace() || *c == b'/') {
            i += 1;
        }
        let start = i;
        while b
            .get(i)
            .is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'=' | b'>' | b'/'))
        {
            i += 1;
        }
        if i == start {
            return None;
        }
        let attr = tag.get(start..i)?;
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let vstart = i + 1;
                    let len = b
                        .get(vstart..)?
                        .iter()
                        .position(|&c| c == q)
                        .unwrap_or(b.len() - vstart);
                    value = tag.get(vstart..vstart + len)?;
                    i = vstart + len + 1;
                }
                _ => {
                    let vstart = i;
                    while b.get(i).is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>') {
                        i += 1;
                    }
                    value = tag.get(vstart..i)?;
                }
            }
        }
        if attr.eq_ignore_ascii_case(name) {
            return Some(decode_entities(value).into_owned());
        }
    }
}

/// The raw `src` of the first `<img>` in an HTML fragment (quoted or unquoted, entities decoded), or `None`
/// when there is none or it is empty. The caller resolves and vets it as a URL.
pub fn first_img_src(html: &str) -> Option<String> {
    let b = html.as_bytes();
    let mut from = 0;
    while let Some(lt) = find_ci(b, from, b"<img") {
        let after = lt + 4;
        if b.get(after)
            .is_none_or(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
        {
            let end = tag_end(b, lt);
            let inner_end = if end > after && b.get(end - 1) == Some(&b'>') {
                end - 1
            } else {
                end
            };
            let inner = html.get(after..inner_end).unwrap_or_default();
            return attr_value(inner, "src")
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty());
        }
        from = after;
    }
    None
}

/// At most `max` characters of `s` (cut at a character boundary, trailing whitespace removed) followed by "…"
/// when anything was cut; `s` unchanged otherwise.
pub fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_owned(),
        Some((cut, _)) => {
            let mut out = s.get(..cut).unwrap_or_default().trim_end().to_owned();
            out.push('…');
            out
        }
    }
}

/// `Some(s)` unless `s` is empty: for optional fields that a feed may give as "".
pub(crate) fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// Plain text of at most `max` characters from plain (`html` false) or HTML text, with "…" when cut.
/// Only a prefix of a long text is cleaned (a generous multiple of `max` bytes, more for markup): a
/// summary never needs the whole article.
pub(crate) fn excerpt(s: &str, max: usize, html: bool) -> Option<String> {
    let limit = if html { max * 24 } else { max * 6 };
    let (head, cut) = if s.len() <= limit {
        (s, false)
    } else {
        let mut end = limit;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        (s.get(..end).unwrap_or_default(), true)
    };
    let text = if html {
        html_to_text(head)
    } else {
        clean_text(head)
    };
    if text.is_empty() {
        return None;
    }
    let mut out = truncate_chars(&text, max);
    if cut && !out.ends_with('…') {
        out.push('…');
    }
    Some(out)
}

/// The base letter (lowercase ASCII) of each precomposed letter of Vietnamese, in code point order: the 134
/// letters with a tone mark, a breve, a circumflex or a horn, and đ/Đ, plus Ð/ð (U+00D0/U+00F0, the
/// Icelandic eth, which portals often type for Đ).
static VI_FOLD: [(u16, u8); 136] = [
    (0x00C0, b'a'),
    (0x00C1, b'a'),
    (0x00C2, b'a'),
    (0x00C3, b'a'),
    (0x00C8, b'e'),
    (0x00C9, b'e'),
    (0x00CA, b'e'),
    (0x00CC, b'i'),
    (0x00CD, b'i'),
    (0x00D0, b'd'),
    (0x00D2, b'o'),
    (0x00D3, b'o'),
    (0x00D4, b'o'),
    (0x00D5, b'o'),
    (0x00D9, b'u'),
    (0x00DA, b'u'),
    (0x00DD, b'y'),
    (0x00E0, b'a'),
    (0x00E1, b'a'),
    (0x00E2, b'a'),
    (0x00E3, b'a'),
    (0x00E8, b'e'),
    (0x00E9, b'e'),
    (0x00EA, b'e'),
    (0x00EC, b'i'),
    (0x00ED, b'i'),
    (0x00F0, b'd'),
    (0x00F2, b'o'),
    (0x00F3, b'o'),
    (0x00F4, b'o'),
    (0x00F5, b'o'),
    (0x00F9, b'u'),
    (0x00FA, b'u'),
    (0x00FD, b'y'),
    (0x0102, b'a'),
    (0x0103, b'a'),
    (0x0110, b'd'),
    (0x0111, b'd'),
    (0x0128, b'i'),
    (0x0129, b'i'),
    (0x0168, b'u'),
    (0x0169, b'u'),
    (0x01A0, b'o'),
    (0x01A1, b'o'),
    (0x01AF, b'u'),
    (0x01B0, b'u'),
    (0x1EA0, b'a'),
    (0x1EA1, b'a'),
    (0x1EA2, b'a'),
    (0x1EA3, b'a'),
    (0x1EA4, b'a'),
    (0x1EA5, b'a'),
    (0x1EA6, b'a'),
    (0x1EA7, b'a'),
    (0x1EA8, b'a'),
    (0x1EA9, b'a'),
    (0x1EAA, b'a'),
    (0x1EAB, b'a'),
    (0x1EAC, b'a'),
    (0x1EAD, b'a'),
    (0x1EAE, b'a'),
    (0x1EAF, b'a'),
    (0x1EB0, b'a'),
    (0x1EB1, b'a'),
    (0x1EB2, b'a'),
    (0x1EB3, b'a'),
    (0x1EB4, b'a'),
    (0x1EB5, b'a'),
    (0x1EB6, b'a'),
    (0x1EB7, b'a'),
    (0x1EB8, b'e'),
    (0x1EB9, b'e'),
    (0x1EBA, b'e'),
    (0x1EBB, b'e'),
    (0x1EBC, b'e'),
    (0x1EBD, b'e'),
    (0x1EBE, b'e'),
    (0x1EBF, b'e'),
    (0x1EC0, b'e'),
    (0x1EC1, b'e'),
    (0x1EC2, b'e'),
    (0x1EC3, b'e'),
    (0x1EC4, b'e'),
    (0x1EC5, b'e'),
    (0x1EC6, b'e'),
    (0x1EC7, b'e'),
    (0x1EC8, b'i'),
    (0x1EC9, b'i'),
    (0x1ECA, b'i'),
    (0x1ECB, b'i'),
    (0x1ECC, b'o'),
    (0x1ECD, b'o'),
    (0x1ECE, b'o'),
    (0x1ECF, b'o'),
    (0x1ED0, b'o'),
    (0x1ED1, b'o'),
    (0x1ED2, b'o'),
    (0x1ED3, b'o'),
    (0x1ED4, b'o'),
    (0x1ED5, b'o'),
    (0x1ED6, b'o'),
    (0x1ED7, b'o'),
    (0x1ED8, b'o'),
    (0x1ED9, b'o'),
    (0x1EDA, b'o'),
    (0x1EDB, b'o'),
    (0x1EDC, b'o'),
    (0x1EDD, b'o'),
    (0x1EDE, b'o'),
    (0x1EDF, b'o'),
    (0x1EE0, b'o'),
    (0x1EE1, b'o'),
    (0x1EE2, b'o'),
    (0x1EE3, b'o'),
    (0x1EE4, b'u'),
    (0x1EE5, b'u'),
    (0x1EE6, b'u'),
    (0x1EE7, b'u'),
    (0x1EE8, b'u'),
    (0x1EE9, b'u'),
    (0x1EEA, b'u'),
    (0x1EEB, b'u'),
    (0x1EEC, b'u'),
    (0x1EED, b'u'),
    (0x1EEE, b'u'),
    (0x1EEF, b'u'),
    (0x1EF0, b'u'),
    (0x1EF1, b'u'),
    (0x1EF2, b'y'),
    (0x1EF3, b'y'),
    (0x1EF4, b'y'),
    (0x1EF5, b'y'),
    (0x1EF6, b'y'),
    (0x1EF7, b'y'),
    (0x1EF8, b'y'),
    (0x1EF9, b'y'),
];

/// True for the combining diacritical marks (U+0300–U+036F) that NFD text carries after its base letters.
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The key under which two texts compare equal when a reader would call them the same word: letter case,
/// Unicode normalisation form (NFC "ị" or NFD "i" + U+0323), Đ and Ð, and Vietnamese diacritics all
/// ignored, whitespace collapsed and trimmed. "Chính trị", "CHÍNH TRỊ", "chinh tri" and the NFD form all give
/// "chinh tri". A small table of Vietnamese letters instead of a normalisation crate: a letter outside it
/// keeps its diacritics (lowercased).
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if is_combining_mark(c) {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let base = u16::try_from(u32::from(c))
            .ok()
            .and_then(|u| VI_FOLD.binary_search_by_key(&u, |&(k, _)| k).ok())
            .and_then(|i| VI_FOLD.get(i));
        match base {
            Some(&(_, b)) => out.push(char::from(b)),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// True when `s` may change under Unicode NFC: it holds a combining mark (the decomposed text some CMSs
/// send). Everything else a feed carries is already NFC in practice, so the edge only asks the browser to
/// normalise these strings.
pub fn needs_nfc(s: &str) -> bool {
    !s.is_ascii()
        && s.chars().any(|c| {
            is_combining_mark(c)
                || ('\u{1ab0}'..='\u{1aff}').contains(&c)
                || ('\u{1dc0}'..='\u{1dff}').contains(&c)
                || ('\u{20d0}'..='\u{20ff}').contains(&c)
                || ('\u{fe20}'..='\u{fe2f}').contains(&c)
        })
}
