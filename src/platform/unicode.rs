//! Unicode measures the networks count in: graphemes, UTF-16 units, and whether a
//! grapheme is an emoji by today's Unicode (which Threads counts specially; X counts
//! the emoji of twitter-text's own list, see [`super::twemoji`]).

use unicode_segmentation::UnicodeSegmentation;

/// Zero width joiner, which glues emoji into one sequence (family, profession, ...).
const ZWJ: char = '\u{200D}';
/// Variation selector 16: "show the preceding character as an emoji".
const VS16: char = '\u{FE0F}';
/// Combining enclosing keycap, as in 1️⃣.
const KEYCAP: char = '\u{20E3}';

/// Extended grapheme clusters: what a reader sees as one character.
pub fn graphemes(text: &str) -> usize {
    if is_plain_ascii(text) {
        return text.len();
    }
    text.graphemes(true).count()
}

/// Whether every character of `text` is a grapheme of its own, one byte long: ASCII
/// without a carriage return (CR LF is the one ASCII pair that forms a single grapheme,
/// and no ASCII character is an emoji, a combining mark or a prepended one). Such text,
/// all of an English post, is measured by its length, without the Unicode tables.
pub fn is_plain_ascii(text: &str) -> bool {
    text.is_ascii() && !text.as_bytes().contains(&b'\r')
}

/// UTF-16 code units, the unit of JavaScript string lengths.
pub fn utf16_units(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// Unicode code points (Rust `char`s).
pub fn code_points(text: &str) -> usize {
    text.chars().count()
}

/// Whether one grapheme cluster is an emoji: a pictograph shown as emoji by default,
/// any character followed by VS16, a keycap, a flag (regional indicator pair or tag
/// sequence), a skin-tone sequence or a ZWJ sequence of pictographs.
pub fn is_emoji(grapheme: &str) -> bool {
    let mut chars = grapheme.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if is_regional_indicator(first) || grapheme.contains(KEYCAP) {
        return true;
    }
    if !is_pictographic(first) {
        return false;
    }
    is_emoji_presentation(first)
        || grapheme.contains(VS16)
        || grapheme.contains(ZWJ)
        || grapheme.chars().any(|c| is_skin_tone(c) || is_tag(c))
}

/// Regional indicator symbols; a pair of them is a flag.
fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Emoji modifiers (Fitzpatrick skin tones).
fn is_skin_tone(c: char) -> bool {
    ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

/// Tag characters, used by subdivision flags such as England's.
fn is_tag(c: char) -> bool {
    ('\u{E0020}'..='\u{E007F}').contains(&c)
}

/// Characters with the Unicode `Extended_Pictographic` property, approximated by the blocks
/// that hold them (every emoji is in one of these; a few non-emoji symbols are too).
fn is_pictographic(c: char) -> bool {
    matches!(c as u32,
        0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139
        | 0x2194..=0x2199 | 0x21A9..=0x21AA | 0x231A..=0x231B | 0x2328 | 0x2388 | 0x23CF
        | 0x23E9..=0x23F3 | 0x23F8..=0x23FA | 0x24C2 | 0x25AA..=0x25AB | 0x25B6 | 0x25C0
        | 0x25FB..=0x25FE | 0x2600..=0x27BF | 0x2934..=0x2935 | 0x2B05..=0x2B07
        | 0x2B1B..=0x2B1C | 0x2B50 | 0x2B55 | 0x3030 | 0x303D | 0x3297 | 0x3299
        | 0x1F000..=0x1F0FF | 0x1F10D..=0x1F10F | 0x1F12F | 0x1F16C..=0x1F171 | 0x1F17E..=0x1F17F
        | 0x1F18E | 0x1F191..=0x1F19A | 0x1F1AD..=0x1F1E5 | 0x1F201..=0x1F20F | 0x1F21A
        | 0x1F22F | 0x1F232..=0x1F23A | 0x1F23C..=0x1F23F | 0x1F249..=0x1F3FA
        | 0x1F400..=0x1F53D | 0x1F546..=0x1F64F | 0x1F680..=0x1F6FF | 0x1F774..=0x1F77F
        | 0x1F7D5..=0x1F7FF | 0x1F80C..=0x1F80F | 0x1F848..=0x1F84F | 0x1F85A..=0x1F85F
        | 0x1F888..=0x1F88F | 0x1F8AE..=0x1F8FF | 0x1F90C..=0x1F93A | 0x1F93C..=0x1F945
        | 0x1F947..=0x1FAFF | 0x1FC00..=0x1FFFD)
}

/// Pictographs shown as emoji without VS16 (`Emoji_Presentation`): everything in the
/// supplementary pictograph blocks, plus the BMP symbols listed by Unicode.
fn is_emoji_presentation(c: char) -> bool {
    let cp = c as u32;
    cp >= 0x1F000
        || matches!(cp,
            0x231A..=0x231B | 0x23E9..=0x23EC | 0x23F0 | 0x23F3 | 0x25FD..=0x25FE | 0x2614..=0x2615
            | 0x2648..=0x2653 | 0x267F | 0x2693 | 0x26A1 | 0x26AA..=0x26AB | 0x26BD..=0x26BE
            | 0x26C4..=0x26C5 | 0x26CE | 0x26D4 | 0x26EA | 0x26F2..=0x26F3 | 0x26F5 | 0x26FA
            | 0x26FD | 0x2705 | 0x270A..=0x270B | 0x2728 | 0x274C | 0x274E | 0x2753..=0x2755
            | 0x2757 | 0x2795..=0x2797 | 0x27B0 | 0x27BF | 0x2B1B..=0x2B1C | 0x2B50 | 0x2B55)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grapheme_counts_join_sequences() {
        assert_eq!(graphemes("👨‍👩‍👧‍👦"), 1);
        assert_eq!(graphemes("🇩🇪🇫🇷"), 2);
        assert_eq!(graphemes("e\u{301}"), 1);
        assert_eq!(graphemes("👍🏽"), 1);
        assert_eq!(graphemes("日本語"), 3);
    }

    #[test]
    fn plain_ascii_is_counted_as_the_segmenter_counts_it() {
        let every_ascii: String = (0u8..128).map(char::from).filter(|c| *c != '\r').collect();
        for text in [
            every_ascii.as_str(),
            "",
            "a\nb",
            "#1 *2 #hashtag @name https://x.y/z",
        ] {
            assert!(is_plain_ascii(text));
            assert_eq!(graphemes(text), text.graphemes(true).count(), "{text:?}");
            assert_eq!(
                super::super::threads::count(text),
                text.chars().count(),
                "{text:?}"
            );
        }
        for text in ["a\r\nb", "e\u{301}", "caf\u{e9}"] {
            assert!(!is_plain_ascii(text), "{text:?}");
            assert_eq!(graphemes(text), text.graphemes(true).count(), "{text:?}");
        }
        assert_eq!(graphemes("a\r\nb"), 3);
    }

    #[test]
    fn utf16_counts_astral_characters_twice() {
        assert_eq!(utf16_units("abc"), 3);
        assert_eq!(utf16_units("🚀"), 2);
        assert_eq!(utf16_units("👨‍👩‍👧‍👦"), 11);
        assert_eq!(utf16_units("日本"), 2);
    }

    #[test]
    fn emoji_detection() {
        for e in [
            "🚀",
            "😷",
            "❤️",
            "1️⃣",
            "#⃣",
            "🇩🇪",
            "👍🏽",
            "👨‍👩‍👧‍👦",
            "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
            "⚽",
        ] {
            assert!(is_emoji(e), "{e}");
        }
        for t in ["a", "©", "❤", "日", "é", "e\u{301}", "☺\u{FE0E}", "™"] {
            assert!(!is_emoji(t), "{t}");
        }
    }
}
