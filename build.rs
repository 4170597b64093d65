//! Minifies the block stylesheets in `style/` into `OUT_DIR` at build time, so the module carries the
//! rules without comments and layout whitespace (`src/web/host.rs` includes the results).

use std::{env, fs, path::Path};

/// Drops comments and whitespace that carries no meaning; quoted strings are kept as written.
fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for d in chars.by_ref() {
                    if prev == '*' && d == '/' {
                        break;
                    }
                    prev = d;
                }
            }
            '"' | '\'' => {
                if pending_space && needs_space(&out) {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == '\\' {
                        if let Some(e) = chars.next() {
                            out.push(e);
                        }
                    } else if d == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => pending_space = true,
            '{' | '}' | ';' | ',' | ':' | '>' => {
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                // A space before ':' separates a descendant from a pseudo-class: keep it there.
                if c == ':' && pending_space && needs_space(&out) && !in_declaration(&out) {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
            _ => {
                if pending_space && needs_space(&out) {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    out
}

/// A space kept from the source is needed unless nothing or a separator comes before it.
fn needs_space(out: &str) -> bool {
    !matches!(out.chars().last(), None | Some('{' | '}' | ';' | ',' | ':' | '>'))
}

/// True when the text written so far ends inside a `{ … }` declaration block.
fn in_declaration(out: &str) -> bool {
    let open = out.rfind('{');
    let close = out.rfind('}');
    match (open, close) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        _ => false,
    }
}

fn main() {
    println!("cargo:rerun-if-changed=style");
    let out_dir = env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let entries = fs::read_dir("style")
        .map(|d| d.flatten().collect::<Vec<_>>())
        .unwrap_or_default();
    for entry in entries {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("css") {
            continue;
        }
        let Some(name) = path.file_name() else { continue };
        let css = fs::read_to_string(&path).unwrap_or_default();
        let _ = fs::write(Path::new(&out_dir).join(name), minify(&css));
    }
}
