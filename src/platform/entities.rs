//! Hashtags and @-mentions in plain text, for the networks that limit how many a
//! post may carry (Instagram: 30 hashtags, 20 mentions; X: 50 of each).

use std::ops::Range;

/// One hashtag or mention: the byte range of the whole entity, `#`/`@` included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// Byte range in the text.
    pub range: Range<usize>,
}

/// Hashtags: `#` not glued to a word or `&` (so `&#39;` and `C#` are not tags), then
/// letters, marks, digits or `_`, with at least one non-digit (`#1` is not a tag).
pub fn hashtags(text: &str) -> Vec<Entity> {
    tagged(
        text,
        &['#', '＃'],
        |word| word.chars().any(|c| !c.is_ascii_digit()),
        false,
    )
}

/// Mentions: `@` not glued to a word (so e-mail addresses are not mentions), then a
/// handle of letters, digits, `_` and inner dots; `@user@domain` is one mention.
pub fn mentions(text: &str) -> Vec<Entity> {
    tagged(text, &['@', '＠'], |_| true, true)
}

/// Finds `sign` + word entities; `dotted` allows inner dots and a second `@domain` part.
fn tagged(text: &str, signs: &[char], keep: impl Fn(&str) -> bool, dotted: bool) -> Vec<Entity> {
    let mut found = Vec::new();
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let glued = prev.is_some_and(|p| is_word(p) || p == '&' || signs.contains(&p));
        prev = Some(c);
        if !signs.contains(&c) || glued {
            continue;
        }
        let start = i + c.len_utf8();
        let end = word_end(text, start, dotted);
        let word = &text[start..end];
        if !word.is_empty() && keep(word) {
            found.push(Entity { range: i..end });
            while iter.peek().is_some_and(|&(j, _)| j < end) {
                prev = iter.next().map(|(_, c)| c);
            }
        }
    }
    found
}

/// End of the handle or tag word starting at byte `start`.
fn word_end(text: &str, start: usize, dotted: bool) -> usize {
    let mut end = start;
    let mut seen_at = false;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        let next_is_word = chars.peek().is_some_and(|&(_, n)| is_word(n));
        let inner = dotted && (c == '.' || c == '-') && next_is_word && end > start;
        let domain_at = dotted && c == '@' && !seen_at && next_is_word && end > start;
        if is_word(c) || inner || domain_at {
            seen_at |= domain_at;
            end = start + off + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Letters, marks, digits and `_`: what a tag or handle is made of.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_mark(c)
}

/// Combining marks, which belong to the letter before them (e.g. in Hindi tags).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962..=0x0963 | 0x0E31 | 0x0E34..=0x0E3A
        | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0x3099..=0x309A | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(text: &str) -> Vec<&str> {
        hashtags(text).into_iter().map(|e| &text[e.range]).collect()
    }

    fn handles(text: &str) -> Vec<&str> {
        mentions(text).into_iter().map(|e| &text[e.range]).collect()
    }

    #[test]
    fn hashtags_in_many_scripts() {
        assert_eq!(
            tags("#fahrrad #Winter2026 #ашок #트위터 #日本"),
            ["#fahrrad", "#Winter2026", "#ашок", "#트위터", "#日本"]
        );
        assert_eq!(tags("#1st #12345 C#  &#39; a#b"), ["#1st"]);
        assert_eq!(tags("Ende.#tag, (#zwei)"), ["#tag", "#zwei"]);
        assert_eq!(tags("##doppelt"), Vec::<&str>::new());
    }

    #[test]
    fn mentions_include_remote_domains_but_not_emails() {
        assert_eq!(
            handles("Hi @jana and @radwerk@social.example!"),
            ["@jana", "@radwerk@social.example"]
        );
        assert_eq!(handles("mail jana@example.com"), Vec::<&str>::new());
        assert_eq!(handles("@radwerk.leipzig folgt"), ["@radwerk.leipzig"]);
        assert_eq!(handles("Satzende @jana."), ["@jana"]);
    }
}
