//! Finding links in plain text the way the networks do, so that each link can be
//! counted as the network counts it (X and Mastodon count every link as 23).
//!
//! Hand-written after twitter-text 3 (its URL grammar and extractor) rather than taken
//! from a general linkifier: X's count depends on twitter-text's exact rules, which no
//! general crate follows. A link must end in a known top-level domain (`index.html` is
//! text, `radwerk.de` is a link). A schemeless host must be ASCII before its top-level
//! domain (`日本example.com` links `example.com`). A host label longer than 63
//! characters in punycode makes the whole thing text. Trailing punctuation stays outside
//! the link. Tested against the URL cases of twitter-text's conformance suite. Mastodon
//! uses the same finder with a scheme required.
//!
//! This file scans text for the URL grammar (scheme, host, port, path, query,
//! fragment); `host.rs` judges hosts (labels, punycode length, the top-level domain
//! table in `tlds.txt`) and `chars.rs` holds the character classes.

use std::ops::Range;

mod chars;
mod host;
#[cfg(test)]
mod tests;
pub(crate) mod twitter;

use chars::*;
use host::*;

/// Longest URL twitter-text accepts, in UTF-16 units, scheme included.
const MAX_URL_LENGTH: usize = 4096;
/// Longest t.co slug twitter-text accepts.
const MAX_TCO_SLUG_LENGTH: usize = 40;
/// Longest DNS label (RFC 1035), checked on the punycode form.
const MAX_LABEL_LENGTH: usize = 63;

/// A link found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Byte range of the link in the text.
    pub range: Range<usize>,
    /// Whether it was written with `http://` or `https://`.
    pub has_scheme: bool,
}

/// Whose link rules apply: the networks patch twitter-text differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// twitter-text 3, as X counts: links with or without scheme.
    Twitter,
    /// Mastodon's patched twitter-text: a scheme is required (http, https, and a few
    /// others such as gemini), and a path runs to the next space, leaving out trailing
    /// punctuation.
    Mastodon,
}

/// Every link in `text`, in order, by twitter-text's rules. With `schemeless`,
/// `example.com` and `www.example.de/path` count as links too (as X counts them).
pub fn find_links(text: &str, schemeless: bool) -> Vec<Link> {
    let mut links = find_links_as(text, Dialect::Twitter);
    if !schemeless {
        links.retain(|l| l.has_scheme);
    }
    links
}

/// Every link in `text` by the rules of `dialect`.
pub fn find_links_as(text: &str, dialect: Dialect) -> Vec<Link> {
    if dialect == Dialect::Twitter {
        return twitter_links(text);
    }
    if !has_dot_before_label(text) {
        return Vec::new(); // every link has a dot followed by its top-level domain
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let runs = Runs {
        any: label_runs(&chars, is_label_char),
        ascii: label_runs(&chars, is_ascii_label_char),
    };
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut links = Vec::new();
    let mut earliest = 0;
    let mut start = 0;
    while start < chars.len() {
        if start < earliest || !preceded_well(&chars, start) {
            start += 1;
            continue;
        }
        let Some(found) = match_url(&chars, &runs, start, dialect) else {
            start += 1;
            continue;
        };
        // The preceding character belongs to the next match, as in twitter-text's regex.
        earliest = found.end + 1;
        if let Some(range) = accept(&chars, &found, dialect) {
            links.push(Link {
                range: byte_at(range.start)..byte_at(range.end),
                has_scheme: found.scheme,
            });
        }
        start = found.end.max(start + 1);
    }
    links
}

/// The links twitter-text extracts from `text`, as byte ranges.
fn twitter_links(text: &str) -> Vec<Link> {
    let units: Vec<u16> = text.encode_utf16().collect();
    // Byte offset of each code unit (the second half of a pair maps to its character's end).
    let mut byte_at = Vec::with_capacity(units.len() + 1);
    for (at, c) in text.char_indices() {
        byte_at.push(at);
        if c.len_utf16() == 2 {
            byte_at.push(at + c.len_utf8());
        }
    }
    byte_at.push(text.len());
    twitter::extract(&units)
        .into_iter()
        .map(|url| Link {
            range: byte_at[url.range.start]..byte_at[url.range.end],
            has_scheme: url.has_scheme,
        })
        .collect()
}

/// Whether a `.` is followed by a label character somewhere: the one thing every link
/// has (`.com`, `.co/…`, `.4` of an IPv4 address). Prose whose dots all end sentences
/// has none, so most texts skip the scan below entirely.
fn has_dot_before_label(text: &str) -> bool {
    text.match_indices('.')
        .any(|(at, _)| text[at + 1..].chars().next().is_some_and(is_label_char))
}

/// For each char index, where the run of label characters starting there ends: `any`
/// for hosts after a scheme (any script), `ascii` for schemeless hosts (ASCII letters,
/// digits and Latin accents, as twitter-text requires).
struct Runs {
    any: Vec<usize>,
    ascii: Vec<usize>,
}

/// A candidate matched by the URL grammar, in char indices.
struct Candidate {
    start: usize,
    scheme: bool,
    domain: Range<usize>,
    /// Labels of the domain, in char indices.
    labels: Vec<Range<usize>>,
    has_path: bool,
    end: usize,
}

/// Applies twitter-text's checks after the grammar matched: host labels must encode
/// to at most 63 characters; a schemeless link needs an ASCII name before its top-level
/// domain and may not follow `-`, `_`, `.` or `/`; t.co links end after their slug.
fn accept(chars: &[(usize, char)], c: &Candidate, dialect: Dialect) -> Option<Range<usize>> {
    if !labels_encode(chars, &c.labels) || c.end - c.start > MAX_URL_LENGTH {
        return None;
    }
    match (c.scheme, dialect) {
        (true, Dialect::Twitter) => return tco_range(chars, c),
        (true, Dialect::Mastodon) => return Some(c.start..c.end),
        (false, Dialect::Mastodon) => return None,
        (false, Dialect::Twitter) => {}
    }
    let preceding = c
        .start
        .checked_sub(1)
        .and_then(|i| chars.get(i))
        .map(|&(_, ch)| ch);
    if matches!(preceding, Some('-' | '_' | '.' | '/')) {
        return None;
    }
    Some(ascii_domain_start(chars, c)?..c.end)
}

/// Matches the URL grammar at `start`: optional scheme (then optional user info),
/// a domain ending in a known top-level domain (or an IPv4 address after a scheme),
/// optional port, path, query and fragment.
fn match_url(chars: &[(usize, char)], runs: &Runs, start: usize, dialect: Dialect) -> Option<Candidate> {
    let scheme_len = scheme_at(chars, start, dialect);
    let mut domain_start = start + scheme_len;
    let twitter = dialect == Dialect::Twitter;
    if scheme_len > 0 && twitter {
        domain_start = skip_userinfo(chars, domain_start);
    }
    let label_runs = if scheme_len > 0 { &runs.any } else { &runs.ascii };
    let (labels, domain_end) = match match_domain(chars, label_runs, &runs.any, domain_start) {
        Some(found) => found,
        None if scheme_len > 0 && twitter => (Vec::new(), match_ipv4(chars, domain_start)?),
        None => return None,
    };
    let port_end = match_port(chars, domain_end);
    let path_end = match_path(chars, port_end, dialect);
    let has_path = path_end > port_end;
    let query_end = match_query(chars, path_end, dialect);
    let end = if twitter {
        match_fragment(chars, query_end)
    } else {
        query_end
    };
    Some(Candidate {
        start,
        scheme: scheme_len > 0,
        domain: domain_start..domain_end,
        labels,
        has_path,
        end,
    })
}

/// Skips `user:password@` after a scheme, if present.
fn skip_userinfo(chars: &[(usize, char)], at: usize) -> usize {
    let is_userinfo = |c: char| {
        c.is_ascii_alphanumeric()
            || ('\u{400}'..='\u{4FF}').contains(&c)
            || matches!(
                c,
                '-' | '.'
                    | '_'
                    | '~'
                    | '%'
                    | '!'
                    | '$'
                    | '&'
                    | '\''
                    | '('
                    | ')'
                    | '*'
                    | '+'
                    | ','
                    | ';'
                    | '='
                    | ':'
            )
    };
    let n = chars
        .get(at..)
        .unwrap_or_default()
        .iter()
        .take_while(|(_, c)| is_userinfo(*c))
        .count();
    if chars.get(at + n).map(|&(_, c)| c) == Some('@') {
        at + n + 1
    } else {
        at
    }
}

/// An IPv4 address (four decimal octets 0–255) at `at`; returns its end.
fn match_ipv4(chars: &[(usize, char)], at: usize) -> Option<usize> {
    let mut pos = at;
    for i in 0..4 {
        if i > 0 {
            if chars.get(pos).map(|&(_, c)| c) != Some('.') {
                return None;
            }
            pos += 1;
        }
        let digits: String = chars
            .get(pos..)?
            .iter()
            .take(3)
            .map(|&(_, c)| c)
            .take_while(char::is_ascii_digit)
            .collect();
        let octet: u32 = digits.parse().ok()?;
        if octet > 255 || (digits.len() > 1 && digits.starts_with('0')) {
            return None;
        }
        pos += digits.len();
    }
    let next = chars.get(pos).map(|&(_, c)| c);
    (!next.is_some_and(|c| c.is_ascii_alphanumeric())).then_some(pos)
}

/// Length of the scheme (`https://`, any case) at `at`, or 0. Mastodon also links
/// a few other schemes.
fn scheme_at(chars: &[(usize, char)], at: usize, dialect: Dialect) -> usize {
    const TWITTER: &[&str] = &["https://", "http://"];
    const MASTODON: &[&str] = &[
        "https://",
        "http://",
        "dat://",
        "dweb://",
        "ipfs://",
        "ipns://",
        "ssb://",
        "gopher://",
        "gemini://",
    ];
    let schemes = if dialect == Dialect::Twitter {
        TWITTER
    } else {
        MASTODON
    };
    for scheme in schemes {
        let n = scheme.len();
        let matches = chars.get(at..at + n).is_some_and(|s| {
            s.iter()
                .zip(scheme.chars())
                .all(|(&(_, c), e)| c.to_ascii_lowercase() == e)
        });
        if matches {
            return n;
        }
    }
    0
}

/// An optional `:port` after the domain.
fn match_port(chars: &[(usize, char)], at: usize) -> usize {
    if chars.get(at).map(|&(_, c)| c) != Some(':') {
        return at;
    }
    let digits = chars[at + 1..]
        .iter()
        .take_while(|(_, c)| c.is_ascii_digit())
        .count();
    let leading_zero = chars.get(at + 1).map(|&(_, c)| c) == Some('0');
    if digits == 0 || leading_zero {
        at
    } else {
        at + 1 + digits
    }
}

/// A set of characters, as a predicate.
type CharClass = fn(char) -> bool;

/// An optional path: `/` then path characters and balanced parentheses, ending on a
/// character that can end a path (so `example.com/foo.` leaves the period out).
fn match_path(chars: &[(usize, char)], at: usize, dialect: Dialect) -> usize {
    if chars.get(at).map(|&(_, c)| c) != Some('/') {
        return at;
    }
    let (is_path, is_end): (CharClass, CharClass) = match dialect {
        Dialect::Twitter => (is_path_char, is_path_end_char),
        Dialect::Mastodon => (is_mastodon_path_char, is_mastodon_path_end_char),
    };
    let mut pos = at + 1;
    let mut end = at + 1;
    while let Some(&(_, c)) = chars.get(pos) {
        if is_path(c) {
            pos += 1;
            if is_end(c) {
                end = pos;
            }
        } else if let Some(after) = balanced_parens(chars, pos, is_path) {
            pos = after;
            end = pos;
        } else {
            break;
        }
    }
    end
}

/// Balanced parentheses in a path, one level of nesting: `(film)` or `(a_(b))`.
fn balanced_parens(chars: &[(usize, char)], at: usize, is_path_char: CharClass) -> Option<usize> {
    let at_char = |i: usize| chars.get(i).map(|&(_, c)| c);
    if at_char(at) != Some('(') {
        return None;
    }
    let mut pos = at + 1;
    let mut depth_two = false;
    let mut content = 0;
    loop {
        match at_char(pos)? {
            ')' if content > 0 => return Some(pos + 1),
            '(' if !depth_two => {
                let inner = chars[pos + 1..]
                    .iter()
                    .take_while(|(_, c)| is_path_char(*c))
                    .count();
                if inner == 0 || at_char(pos + 1 + inner) != Some(')') {
                    return None;
                }
                depth_two = true;
                content += inner;
                pos += inner + 2;
            }
            c if is_path_char(c) => {
                content += 1;
                pos += 1;
            }
            _ => return None,
        }
    }
}

/// An optional query: `?` then query characters, ending on a query-ending character.
fn match_query(chars: &[(usize, char)], at: usize, dialect: Dialect) -> usize {
    if chars.get(at).map(|&(_, c)| c) != Some('?') {
        return at;
    }
    let mastodon = dialect == Dialect::Mastodon;
    let mut end = at;
    for (i, &(_, c)) in chars.iter().enumerate().skip(at + 1) {
        let extra = mastodon && is_mastodon_uchar(c);
        if !(is_query_char(c) || extra || (mastodon && c == '^')) {
            break;
        }
        let ends = matches!(c, '-' | '_' | '&' | '=' | '#' | '/') || (!mastodon && c == '+');
        if c.is_ascii_alphanumeric() || ends || extra {
            end = i + 1;
        }
    }
    end
}

/// An optional fragment: `#` then query characters, ending on a query-ending character
/// or `#` (a lone `#` belongs to the link).
fn match_fragment(chars: &[(usize, char)], at: usize) -> usize {
    if chars.get(at).map(|&(_, c)| c) != Some('#') {
        return at;
    }
    let mut end = at + 1;
    for (i, &(_, c)) in chars.iter().enumerate().skip(at + 1) {
        if !is_query_char(c) {
            break;
        }
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '&' | '=' | '#' | '/' | '+') {
            end = i + 1;
        }
    }
    end
}
