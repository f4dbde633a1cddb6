//! Finding links in plain text the way the networks do, so that each link can be
//! counted as the network counts it (X and Mastodon count every link as 23).
//!
//! X's counter is twitter-text 3.1.0, so `twitter.rs` follows its URL extraction to the
//! letter (on UTF-16 code units, with its own top-level domain list in
//! `twitter_tlds.txt`); a general linkifier would disagree with X on user info, IP
//! hosts, hyphens after a domain and more. Mastodon runs a patched twitter-text that
//! requires a scheme (http, https, and a few others such as gemini) and lets a path run
//! to the next space; this file scans for that grammar (scheme, host, port, path,
//! query), `host.rs` judges hosts (labels, punycode length, the top-level domains of
//! `tlds.txt`) and `chars.rs` holds the character classes.

use std::ops::Range;

mod chars;
mod host;
#[cfg(test)]
mod tests;
pub(crate) mod twitter;

use chars::*;
use host::*;

/// Longest URL Mastodon's twitter-text accepts, in characters, scheme included.
const MAX_URL_LENGTH: usize = 4096;
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
    match dialect {
        Dialect::Twitter => twitter_links(text),
        Dialect::Mastodon => mastodon_links(text),
    }
}

/// The links of Mastodon's grammar in `text`. A match without a scheme is no link, but
/// consumes its text as twitter-text's regex does.
fn mastodon_links(text: &str) -> Vec<Link> {
    if !has_dot_before_label(text) {
        return Vec::new(); // every link has a dot followed by its top-level domain
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut runs = Runs {
        any: label_runs(&chars, is_label_char),
        ascii: label_runs(&chars, is_ascii_label_char),
        any_domains: Vec::new(),
        ascii_domains: Vec::new(),
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
        let Some(found) = match_url(&chars, &mut runs, start) else {
            start += 1;
            continue;
        };
        // The preceding character belongs to the next match, as in twitter-text's regex.
        earliest = found.end + 1;
        if let Some(range) = accept(&chars, &found) {
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
///
/// `any_domains` and `ascii_domains` remember, per char index, the domain that starts
/// there (see [`domain_at`]) once a start position asked for it: `a.a.a.…` is one chain of
/// labels seen from every one of its label starts, and working each out anew made the scan
/// cubic in the chain's length.
struct Runs {
    any: Vec<usize>,
    ascii: Vec<usize>,
    any_domains: Vec<Option<Option<(usize, usize)>>>,
    ascii_domains: Vec<Option<Option<(usize, usize)>>>,
}

/// A candidate matched by the URL grammar, in char indices.
struct Candidate {
    start: usize,
    scheme: bool,
    /// Labels of the domain, in char indices.
    labels: Vec<Range<usize>>,
    end: usize,
}

/// Applies the checks after the grammar matched: a scheme, host labels that encode to at
/// most 63 characters, and a bounded length.
fn accept(chars: &[(usize, char)], c: &Candidate) -> Option<Range<usize>> {
    let ok = c.scheme && labels_encode(chars, &c.labels) && c.end - c.start <= MAX_URL_LENGTH;
    ok.then_some(c.start..c.end)
}

/// Matches the URL grammar at `start`: optional scheme, a domain ending in a known
/// top-level domain, optional port, path and query.
fn match_url(chars: &[(usize, char)], runs: &mut Runs, start: usize) -> Option<Candidate> {
    let scheme_len = scheme_at(chars, start);
    let domain_start = start + scheme_len;
    let (label_runs, domains) = if scheme_len > 0 {
        (&runs.any, &mut runs.any_domains)
    } else {
        (&runs.ascii, &mut runs.ascii_domains)
    };
    let (labels, domain_end) = match_domain(chars, label_runs, &runs.any, domains, domain_start)?;
    let port_end = match_port(chars, domain_end);
    let path_end = match_path(chars, port_end);
    let end = match_query(chars, path_end);
    Some(Candidate {
        start,
        scheme: scheme_len > 0,
        labels,
        end,
    })
}

/// Length of the scheme (`https://`, `gemini://`, ..., any case) at `at`, or 0.
fn scheme_at(chars: &[(usize, char)], at: usize) -> usize {
    const SCHEMES: &[&str] = &[
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
    for scheme in SCHEMES {
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

/// An optional path: `/` then anything but white space, `<`, `>`, parentheses and `?`
/// (balanced parentheses allowed), ending on a character that can end a path (so
/// `example.com/foo.` leaves the period out).
fn match_path(chars: &[(usize, char)], at: usize) -> usize {
    if chars.get(at).map(|&(_, c)| c) != Some('/') {
        return at;
    }
    let mut pos = at + 1;
    let mut end = at + 1;
    while let Some(&(_, c)) = chars.get(pos) {
        if is_mastodon_path_char(c) {
            pos += 1;
            if is_mastodon_path_end_char(c) {
                end = pos;
            }
        } else if let Some(after) = balanced_parens(chars, pos) {
            pos = after;
            end = pos;
        } else {
            break;
        }
    }
    end
}

/// Balanced parentheses in a path, one level of nesting: `(film)` or `(a_(b))`.
fn balanced_parens(chars: &[(usize, char)], at: usize) -> Option<usize> {
    let is_path_char = is_mastodon_path_char;
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

/// An optional query: `?` then query characters (and IRI characters), ending on a
/// query-ending character.
fn match_query(chars: &[(usize, char)], at: usize) -> usize {
    if chars.get(at).map(|&(_, c)| c) != Some('?') {
        return at;
    }
    let mut end = at;
    for (i, &(_, c)) in chars.iter().enumerate().skip(at + 1) {
        let extra = is_mastodon_uchar(c);
        if !(is_query_char(c) || extra || c == '^') {
            break;
        }
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '&' | '=' | '#' | '/') || extra {
            end = i + 1;
        }
    }
    end
}
