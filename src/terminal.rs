//! Terminal safety: text that comes from content files never reaches a terminal raw.
//!
//! A file name, an id or a caption can hold an escape sequence (ESC `[2J` clears the
//! screen, OSC 8 forges links, OSC 52 writes the clipboard) or a bidi override that
//! makes a line read differently from what it is. Every human print path passes
//! content through [`escape`], which writes such characters as `\u{1b}`, the way Rust
//! writes them: readable, unambiguous and inert. JSON output is not touched (serde
//! escapes control characters itself, and bidi characters are data there).

use std::borrow::Cow;
use std::ops::Range;

/// Whether `c` must not be printed raw: C0 controls but the tab, DEL, C1 controls,
/// the bidi marks, embeddings, overrides and isolates, and the line and paragraph
/// separators. A tab is kept so that source lines stay aligned.
pub fn is_unsafe(c: char) -> bool {
    matches!(
        c,
        '\0'..='\x08'
            | '\x0a'..='\x1f'
            | '\x7f'..='\u{9f}'
            | '\u{061c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `text` with every [`is_unsafe`] character written as `\u{…}` (lowercase hex);
/// borrowed when there is nothing to escape, which is nearly always.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// `line` escaped as [`escape`] does, with the byte range `span` of `line` moved to
/// where that text lies in the escaped line, so an underline still fits.
pub fn escape_with_span(line: &str, span: Range<usize>) -> (String, Range<usize>) {
    let mut out = String::with_capacity(line.len());
    let (mut start, mut end) = (None, None);
    for (at, c) in line.char_indices() {
        if at == span.start {
            start = Some(out.len());
        }
        if at == span.end {
            end = Some(out.len());
        }
        push_escaped(&mut out, c);
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len()).max(start);
    (out, start..end)
}

/// Appends `c`, escaped when it is unsafe.
fn push_escaped(out: &mut String, c: char) {
    if is_unsafe(c) {
        out.push_str(&format!("\\u{{{:x}}}", c as u32));
    } else {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_written_as_rust_escapes() {
        assert_eq!(escape("la\u{1b}[31mun"), "la\\u{1b}[31mun");
        assert_eq!(
            escape("a\u{202e}b\u{2066}c\u{200f}"),
            "a\\u{202e}b\\u{2066}c\\u{200f}"
        );
        assert_eq!(
            escape("bell\u{7}del\u{7f}csi\u{9b}"),
            "bell\\u{7}del\\u{7f}csi\\u{9b}"
        );
        assert_eq!(escape("line\nbreak\r"), "line\\u{a}break\\u{d}");
    }

    #[test]
    fn ordinary_text_and_tabs_stay_as_they_are() {
        assert!(matches!(escape("Grüße\tund 👋 #tag"), Cow::Borrowed(_)));
        assert_eq!(escape("Grüße\tund 👋"), "Grüße\tund 👋");
    }

    #[test]
    fn span_follows_the_escaped_text() {
        let line = "id = \"a\u{1b}b\"";
        let (escaped, span) = escape_with_span(line, 5..line.len());
        assert_eq!(escaped, "id = \"a\\u{1b}b\"");
        assert_eq!(&escaped[span], "\"a\\u{1b}b\"");
        let (_, past) = escape_with_span("ab", 2..2);
        assert_eq!(past, 2..2);
    }
}
