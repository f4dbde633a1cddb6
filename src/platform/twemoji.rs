//! The emoji X counts as 2 whatever their length: exactly those twemoji-parser 11.0.2
//! recognises, because twitter-text 3.1.0's `parseTweet` weighs what its regex matches
//! and nothing else. Anything newer or malformed counts code point by code point (a skin
//! tone on an emoji that takes none, a dangling zero-width joiner, a second variation
//! selector, a keycap on a letter, a flag of no country), so "is this an emoji?" by
//! today's Unicode would miscount; the list in `twemoji.txt` is the regex, expanded.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One sequence of the list.
struct Sequence {
    text: String,
    /// Not when U+FE0E (text presentation) follows.
    not_before_text_selector: bool,
}

/// The sequences by first character, each list in the regex's order, and which
/// characters of the Basic Multilingual Plane start one (most text has none).
struct Sequences {
    by_first: HashMap<char, Vec<Sequence>>,
    bmp_starts: Vec<u64>,
}

fn sequences() -> &'static Sequences {
    static SEQUENCES: OnceLock<Sequences> = OnceLock::new();
    SEQUENCES.get_or_init(|| {
        let mut map: HashMap<char, Vec<Sequence>> = HashMap::new();
        for line in include_str!("twemoji.txt").lines() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (hex, not_before_text_selector) = match line.strip_suffix(" !FE0E") {
                Some(hex) => (hex, true),
                None => (line, false),
            };
            let text: String = hex
                .split(' ')
                .map(|h| u32::from_str_radix(h, 16).ok().and_then(char::from_u32))
                .collect::<Option<_>>()
                .expect("twemoji.txt holds hex code points");
            let first = text.chars().next().expect("no empty lines");
            map.entry(first).or_default().push(Sequence {
                text,
                not_before_text_selector,
            });
        }
        let mut bmp_starts = vec![0u64; 1024];
        for &c in map.keys() {
            if let Ok(unit) = u16::try_from(u32::from(c)) {
                bmp_starts[usize::from(unit / 64)] |= 1 << (unit % 64);
            }
        }
        Sequences {
            by_first: map,
            bmp_starts,
        }
    })
}

/// The byte length of the emoji twemoji-parser matches at the start of `text`, if any.
pub fn emoji_at(text: &str) -> Option<usize> {
    let first = text.chars().next()?;
    let sequences = sequences();
    if let Ok(unit) = u16::try_from(u32::from(first))
        && sequences.bmp_starts[usize::from(unit / 64)] & (1 << (unit % 64)) == 0
    {
        return None;
    }
    sequences.by_first.get(&first)?.iter().find_map(|s| {
        let rest = text.strip_prefix(s.text.as_str())?;
        let blocked = s.not_before_text_selector && rest.starts_with('\u{FE0E}');
        (!blocked).then_some(s.text.len())
    })
}

/// Byte ranges of the emoji in `text`, scanned left to right as the regex's global
/// search does.
pub fn find(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        match emoji_at(&text[at..]) {
            Some(len) => {
                found.push(at..at + len);
                at += len;
            }
            None => at += text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emoji(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sequences_it_knows_are_one() {
        assert_eq!(emoji("👨‍👩‍👧‍👦"), ["👨‍👩‍👧‍👦"]);
        assert_eq!(emoji("👍🏽"), ["👍🏽"]);
        assert_eq!(emoji("🇩🇪"), ["🇩🇪"]);
        assert_eq!(emoji("1️⃣ #⃣"), ["1️⃣", "#⃣"]);
        assert_eq!(emoji("❤️"), ["❤️"]);
        assert_eq!(
            emoji("🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}").len(),
            1
        );
    }

    #[test]
    fn newer_or_malformed_sequences_fall_apart() {
        // Emoji 12 and later: not in twemoji-parser 11.
        assert_eq!(emoji("🧑‍💻"), ["🧑", "💻"]);
        assert_eq!(emoji("🫠"), Vec::<&str>::new());
        // A tone on an emoji that takes none, and a dangling joiner.
        assert_eq!(emoji("🐱🏽"), ["🐱", "🏽"]);
        assert_eq!(emoji("🤷\u{200D}"), ["🤷"]);
        // The second variation selector is an emoji of its own (the regex's last branch).
        assert_eq!(emoji("❤\u{FE0F}\u{FE0F}"), ["❤\u{FE0F}", "\u{FE0F}"]);
        // Text presentation: not an emoji.
        assert_eq!(emoji("☺\u{FE0E}"), Vec::<&str>::new());
        assert_eq!(emoji("☺"), ["☺"]);
        // Invalid flag: two regional indicators on their own.
        assert_eq!(emoji("🇦🇦"), ["🇦", "🇦"]);
    }
}
