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

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

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
        let Some(found) = match_url(&chars, &mut runs, start, dialect) else {
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

/// Where the ASCII part of a schemeless domain starts: walking back from the top-level
/// domain over ASCII letters, digits, `-`, `_`, dots and Latin accents (so the link in
/// `日本example.com` is `example.com`); `None` when no name is left before the TLD.
fn ascii_domain_start(chars: &[(usize, char)], c: &Candidate) -> Option<usize> {
    let tld_start = c.labels.last()?.start;
    let dot = tld_start.checked_sub(1)?;
    let mut start = dot;
    while start > c.domain.start {
        let ch = chars.get(start - 1)?.1;
        if !(ch.is_ascii_alphanumeric() || is_latin_accent(ch) || matches!(ch, '-' | '_' | '.')) {
            break;
        }
        start -= 1;
    }
    while start < dot && matches!(chars.get(start)?.1, '-' | '_' | '.') {
        start += 1;
    }
    (start < dot).then_some(start)
}

/// A t.co link ends after its slug (at most 40 letters and digits) and an optional
/// query and fragment; a longer slug is not a link at all.
fn tco_range(chars: &[(usize, char)], c: &Candidate) -> Option<Range<usize>> {
    let host = text_of(chars, c.domain.clone()).to_lowercase();
    if host != "t.co" || !c.has_path {
        return Some(c.start..c.end);
    }
    let slug_start = c.domain.end + 1;
    let slug_len = chars
        .get(slug_start..)
        .unwrap_or_default()
        .iter()
        .take_while(|(_, ch)| ch.is_ascii_alphanumeric())
        .count();
    if slug_len > MAX_TCO_SLUG_LENGTH {
        return None;
    }
    let mut end = slug_start + slug_len;
    if slug_len > 0 && chars.get(end).map(|&(_, ch)| ch) == Some('?') {
        end = match_fragment(chars, match_query(chars, end, Dialect::Twitter));
    }
    Some(c.start..end)
}

/// Whether every label of the host stays within 63 characters in its punycode form.
fn labels_encode(chars: &[(usize, char)], labels: &[Range<usize>]) -> bool {
    labels.iter().all(|l| {
        let label = text_of(chars, l.clone()).to_lowercase();
        if label.starts_with("xn--") && !label.is_ascii() {
            return false; // an ACE prefix with Unicode after it is no valid host
        }
        if label.is_ascii() {
            return label.len() <= MAX_LABEL_LENGTH;
        }
        idna::punycode::encode_str(&label).is_some_and(|p| p.len() + 4 <= MAX_LABEL_LENGTH)
    })
}

/// Matches the URL grammar at `start`: optional scheme (then optional user info),
/// a domain ending in a known top-level domain (or an IPv4 address after a scheme),
/// optional port, path, query and fragment.
fn match_url(chars: &[(usize, char)], runs: &mut Runs, start: usize, dialect: Dialect) -> Option<Candidate> {
    let scheme_len = scheme_at(chars, start, dialect);
    let mut domain_start = start + scheme_len;
    let twitter = dialect == Dialect::Twitter;
    if scheme_len > 0 && twitter {
        domain_start = skip_userinfo(chars, domain_start);
    }
    let (label_runs, domains) = if scheme_len > 0 {
        (&runs.any, &mut runs.any_domains)
    } else {
        (&runs.ascii, &mut runs.ascii_domains)
    };
    let (labels, domain_end) = match match_domain(chars, label_runs, &runs.any, domains, domain_start) {
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

/// The longest domain at `start` whose last label is a known top-level domain, with
/// subdomains that may hold `_` and a name that may not; returns its labels and end.
/// Labels come from `label_runs`; the top-level domain may be in any script (`any`).
/// `domains` remembers what [`domain_at`] found, per start, for these `label_runs`.
fn match_domain(
    chars: &[(usize, char)],
    label_runs: &[usize],
    any_runs: &[usize],
    domains: &mut Vec<Option<Option<(usize, usize)>>>,
    start: usize,
) -> Option<(Vec<Range<usize>>, usize)> {
    let (tld_start, tld_end) = domain_at(chars, label_runs, any_runs, domains, start)?;
    let mut labels = Vec::new();
    let mut at = start;
    while at < tld_start {
        let end = label_runs.get(at).copied().unwrap_or(tld_start);
        labels.push(at..end);
        at = end + 1;
    }
    labels.push(tld_start..tld_end);
    Some((labels, tld_end))
}

/// Where the top-level domain of the longest domain at `start` starts and ends.
///
/// Of the labels `l0.l1.l2…` at `start`, the longest domain either has `l0` as a subdomain
/// in front of the longest domain at `l1` (when `l0` may be a subdomain and there is one), or
/// is `l0` as the name before a top-level domain at the start of `l1`. So each label start
/// needs the answer for the next one only: the chain is walked once to the first label
/// already answered, then answered back to front, and every answer is kept in `domains`.
fn domain_at(
    chars: &[(usize, char)],
    label_runs: &[usize],
    any_runs: &[usize],
    domains: &mut Vec<Option<Option<(usize, usize)>>>,
    start: usize,
) -> Option<(usize, usize)> {
    if domains.len() <= chars.len() {
        *domains = vec![None; chars.len() + 1];
    }
    let mut pending = Vec::new();
    let mut at = start;
    while domains.get(at)?.is_none() {
        pending.push(at);
        match label_then_label(chars, label_runs, at) {
            Some(next) => at = next,
            None => break,
        }
    }
    for &label in pending.iter().rev() {
        let found = domain_from_label(chars, label_runs, any_runs, domains, label);
        domains[label] = Some(found);
    }
    domains.get(start).copied().flatten().flatten()
}

/// Whether a non-empty label at `at` is followed by a dot and another non-empty label;
/// where that one starts.
fn label_then_label(chars: &[(usize, char)], label_runs: &[usize], at: usize) -> Option<usize> {
    let end = label_runs.get(at).copied().unwrap_or(at);
    let next = end + 1;
    let followed = end > at
        && chars.get(end).map(|&(_, c)| c) == Some('.')
        && label_runs.get(next).is_some_and(|&e| e > next);
    followed.then_some(next)
}

/// The longest domain at the label starting at `at`, given the answer for the label after
/// it (already in `domains`): see [`domain_at`].
fn domain_from_label(
    chars: &[(usize, char)],
    label_runs: &[usize],
    any_runs: &[usize],
    domains: &[Option<Option<(usize, usize)>>],
    at: usize,
) -> Option<(usize, usize)> {
    let end = label_runs.get(at).copied().unwrap_or(at);
    if end == at || chars.get(end).map(|&(_, c)| c) != Some('.') {
        return None;
    }
    let next = end + 1;
    if label_then_label(chars, label_runs, at).is_some()
        && label_ok(chars, at..end, true)
        && let Some(longer) = domains.get(next).copied().flatten().flatten()
    {
        return Some(longer);
    }
    if !label_ok(chars, at..end, false) {
        return None;
    }
    let tld_run = next..any_runs.get(next).copied().unwrap_or(next);
    tld_prefix_end(chars, tld_run).map(|tld_end| (next, tld_end))
}

/// For each char index, where the run of label characters starting there ends
/// (computed once, so trying every start position stays linear).
fn label_runs(chars: &[(usize, char)], is_label: fn(char) -> bool) -> Vec<usize> {
    let mut runs = vec![chars.len(); chars.len() + 1];
    for i in (0..chars.len()).rev() {
        runs[i] = if is_label(chars[i].1) { runs[i + 1] } else { i };
    }
    runs
}

/// Whether a label is well formed: starts and ends with a domain character; inside,
/// hyphens, and underscores only in subdomains.
fn label_ok(chars: &[(usize, char)], label: Range<usize>, subdomain: bool) -> bool {
    let text = chars.get(label).unwrap_or_default();
    let (Some(&(_, first)), Some(&(_, last))) = (text.first(), text.last()) else {
        return false;
    };
    is_domain_char(first)
        && is_domain_char(last)
        && text
            .iter()
            .all(|&(_, c)| is_domain_char(c) || c == '-' || (subdomain && c == '_'))
}

/// Longest top-level domain in `tlds.txt`, in characters; longer prefixes need no lookup.
const MAX_TLD_CHARS: usize = 24;

/// If the label starts with a known top-level domain not followed by an ASCII letter,
/// digit or `@`, the end of that top-level domain.
fn tld_prefix_end(chars: &[(usize, char)], label: Range<usize>) -> Option<usize> {
    let head_len = (label.end - label.start).min(4 + MAX_LABEL_LENGTH);
    let text = text_of(chars, label.start..label.start + head_len).to_lowercase();
    if let Some(rest) = text.strip_prefix("xn--") {
        let n = rest
            .chars()
            .take_while(|c| *c == '-' || c.is_ascii_alphanumeric())
            .count();
        if n > 0 {
            return Some(label.start + 4 + n);
        }
    }
    if text.chars().count() != head_len {
        return None; // case folding changed the length; such labels are not TLDs
    }
    let ends: Vec<usize> = text
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take(MAX_TLD_CHARS)
        .collect();
    (1..=ends.len()).rev().find_map(|n| {
        let next = chars.get(label.start + n).map(|&(_, c)| c);
        let boundary = !next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '@');
        let candidate = text.get(..ends[n - 1])?;
        (boundary && tlds().contains(candidate)).then_some(label.start + n)
    })
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

/// Whether a link may start at `at`: not glued to a letter, digit, `@`, `$` or `#`.
fn preceded_well(chars: &[(usize, char)], at: usize) -> bool {
    match at.checked_sub(1).and_then(|i| chars.get(i)) {
        None => true,
        Some(&(_, c)) => {
            is_directional_mark(c)
                || !(c.is_ascii_alphanumeric()
                    || matches!(c, '@' | '＠' | '$' | '#' | '＃')
                    || is_invalid_char(c))
        }
    }
}

/// Characters X refuses in a post and never treats as part of a link.
pub fn is_invalid_char(c: char) -> bool {
    matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}')
}

/// Bidirectional formatting marks: never part of a domain, but a link may follow one.
fn is_directional_mark(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2066}'..='\u{2069}')
}

/// Characters that may appear in a domain label: anything but ASCII punctuation,
/// spaces and invalid characters (twitter-text's `validDomainChars`).
fn is_domain_char(c: char) -> bool {
    if c.is_ascii() {
        // The same test for the common case, without the Unicode tables below.
        return !(is_ascii_domain_punct(c) || matches!(c, '\t'..='\r' | ' '));
    }
    !(is_ascii_domain_punct(c)
        || is_space(c)
        || is_invalid_char(c)
        || is_directional_mark(c)
        || is_unicode_punct(c))
}

/// What a schemeless host label is made of: ASCII letters and digits, Latin accents,
/// and `-`/`_` inside.
fn is_ascii_label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_latin_accent(c) || c == '-' || c == '_'
}

/// A domain character, or `-`/`_` which labels may hold inside.
fn is_label_char(c: char) -> bool {
    is_domain_char(c) || c == '-' || c == '_'
}

/// twitter-text's punctuation set (note: `"` and `` ` `` are not in it).
fn is_ascii_domain_punct(c: char) -> bool {
    matches!(
        c,
        '!' | '\''
            | '#'
            | '%'
            | '&'
            | '('
            | ')'
            | '*'
            | '+'
            | ','
            | '\\'
            | '-'
            | '.'
            | '/'
            | ':'
            | ';'
            | '<'
            | '='
            | '>'
            | '?'
            | '@'
            | '['
            | ']'
            | '^'
            | '_'
            | '{'
            | '|'
            | '}'
            | '~'
            | '$'
    )
}

/// Punctuation outside ASCII (Unicode category P, the common blocks): never part of a host,
/// so `example.com。` ends at the ideographic full stop.
fn is_unicode_punct(c: char) -> bool {
    matches!(c, '\u{A1}' | '\u{A7}' | '\u{AB}' | '\u{B6}' | '\u{B7}' | '\u{BB}' | '\u{BF}' | '\u{37E}' | '\u{387}'
        | '\u{55A}'..='\u{55F}' | '\u{589}' | '\u{5BE}' | '\u{5C0}' | '\u{5C3}' | '\u{5C6}' | '\u{5F3}' | '\u{5F4}'
        | '\u{60C}' | '\u{60D}' | '\u{61B}' | '\u{61E}' | '\u{61F}' | '\u{66A}'..='\u{66D}' | '\u{6D4}'
        | '\u{964}' | '\u{965}' | '\u{970}' | '\u{E4F}' | '\u{E5A}' | '\u{E5B}' | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}' | '\u{2E00}'..='\u{2E4F}' | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301F}' | '\u{3030}' | '\u{303D}' | '\u{30A0}' | '\u{30FB}' | '\u{FE10}'..='\u{FE19}'
        | '\u{FE30}'..='\u{FE4F}' | '\u{FE50}'..='\u{FE6B}' | '\u{FF01}'..='\u{FF03}' | '\u{FF05}'..='\u{FF0A}'
        | '\u{FF0C}'..='\u{FF0F}' | '\u{FF1A}' | '\u{FF1B}' | '\u{FF1F}' | '\u{FF20}' | '\u{FF3B}'..='\u{FF3D}'
        | '\u{FF3F}' | '\u{FF5B}' | '\u{FF5D}' | '\u{FF5F}'..='\u{FF65}')
}

/// Unicode spaces as twitter-text lists them (the ASCII ones are also tested directly in
/// [`is_domain_char`]).
fn is_space(c: char) -> bool {
    matches!(c, '\u{09}'..='\u{0D}' | ' ' | '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{180E}' | '\u{2000}'..='\u{200A}'
        | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}')
}

/// Latin letters with accents, which twitter-text allows in paths and ASCII domains.
fn is_latin_accent(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{24F}' | '\u{253}' | '\u{254}'
        | '\u{256}' | '\u{257}' | '\u{259}' | '\u{25B}' | '\u{263}' | '\u{268}' | '\u{26F}' | '\u{272}'
        | '\u{289}' | '\u{28B}' | '\u{2BB}' | '\u{300}'..='\u{36F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Characters a path may contain.
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{400}'..='\u{4FF}').contains(&c)
        || is_latin_accent(c)
        || matches!(
            c,
            '!' | '*'
                | '\''
                | ';'
                | ':'
                | '='
                | '+'
                | ','
                | '.'
                | '$'
                | '/'
                | '%'
                | '#'
                | '['
                | ']'
                | '-'
                | '\u{2013}'
                | '_'
                | '~'
                | '@'
                | '|'
                | '&'
        )
}

/// Characters a path may end with.
fn is_path_end_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{400}'..='\u{4FF}').contains(&c)
        || is_latin_accent(c)
        || matches!(c, '+' | '-' | '=' | '_' | '#' | '/')
}

/// Mastodon's path characters: anything but white space, `<`, `>`, parentheses and `?`.
fn is_mastodon_path_char(c: char) -> bool {
    !(c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | '?'))
}

/// Mastodon's path-ending characters: a path character that is not punctuation
/// readers put after a link.
fn is_mastodon_path_end_char(c: char) -> bool {
    is_mastodon_path_char(c)
        && !matches!(
            c,
            '!' | '*'
                | '"'
                | '\''
                | '「'
                | '」'
                | ';'
                | ':'
                | '='
                | ','
                | '.'
                | '$'
                | '%'
                | '['
                | ']'
                | '~'
                | '&'
                | '|'
                | '@'
        )
}

/// Mastodon's `UCHARS`: characters from U+00A0 up (IRI characters) in queries.
fn is_mastodon_uchar(c: char) -> bool {
    c >= '\u{A0}' && !c.is_whitespace() && !('\u{FDD0}'..='\u{FDEF}').contains(&c)
}

/// Characters a query may contain.
fn is_query_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '!' | '?'
                | '*'
                | '\''
                | '@'
                | '('
                | ')'
                | ';'
                | ':'
                | '&'
                | '='
                | '+'
                | '$'
                | '/'
                | '%'
                | '#'
                | '['
                | ']'
                | '-'
                | '_'
                | '.'
                | ','
                | '~'
                | '|'
        )
}

/// The chars of `range` as a string.
fn text_of(chars: &[(usize, char)], range: Range<usize>) -> String {
    chars
        .get(range)
        .unwrap_or_default()
        .iter()
        .map(|&(_, c)| c)
        .collect()
}

/// The known top-level domains, embedded from `tlds.txt`.
fn tlds() -> &'static HashSet<&'static str> {
    static TLDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    TLDS.get_or_init(|| {
        include_str!("tlds.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_shortcut_agrees_with_the_full_domain_character_test() {
        for c in (0u8..=127).map(char::from) {
            let full = !(is_ascii_domain_punct(c)
                || is_space(c)
                || is_invalid_char(c)
                || is_directional_mark(c)
                || is_unicode_punct(c));
            assert_eq!(is_domain_char(c), full, "{c:?}");
        }
    }

    fn links(text: &str, schemeless: bool) -> Vec<&str> {
        find_links(text, schemeless)
            .into_iter()
            .map(|l| &text[l.range])
            .collect()
    }

    #[test]
    fn scheme_links() {
        assert_eq!(
            links("see https://example.com/path?q=1 now", true),
            ["https://example.com/path?q=1"]
        );
        assert_eq!(
            links("HTTPS://www.ExaMPLE.COM/index.html", true),
            ["HTTPS://www.ExaMPLE.COM/index.html"]
        );
        assert_eq!(
            links("http://example.com:8080/login", true),
            ["http://example.com:8080/login"]
        );
        assert_eq!(links("http://☃.net/", true), ["http://☃.net/"]);
        assert_eq!(
            links("http://example.com/Русские_слова", true),
            ["http://example.com/Русские_слова"]
        );
        assert_eq!(
            links("http://test_underscore.twitter.com", true),
            ["http://test_underscore.twitter.com"]
        );
        assert_eq!(
            links("\u{2066}http://foobar.پاکستان/\u{2069}", true),
            ["http://foobar.پاکستان/"]
        );
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_the_link() {
        assert_eq!(
            links("Go to https://example.com/foo.", true),
            ["https://example.com/foo"]
        );
        assert_eq!(links("(https://example.com/a)", true), ["https://example.com/a"]);
        assert_eq!(links("https://example.com?", true), ["https://example.com"]);
        assert_eq!(
            links("https://en.wikipedia.org/wiki/Primer_(film) ok", true),
            ["https://en.wikipedia.org/wiki/Primer_(film)"]
        );
        assert_eq!(
            links("https://example.com/#anchor, then", true),
            ["https://example.com/#anchor"]
        );
    }

    #[test]
    fn invalid_domains_are_text() {
        assert!(links("http://www.-domain4352.com/", true).is_empty());
        assert!(links("http://www.domain4352-.com/", true).is_empty());
        assert!(links("http://domain-dash_2314352345_dfasd.foo-cow_4352.com", true).is_empty());
        assert!(links("example.notatld", true).is_empty());
        assert!(links("ftp://example.notatld", true).is_empty());
        let long = format!("https://{}.com/foo", "a".repeat(64));
        assert!(links(&long, true).is_empty());
        let ok = format!("https://{}.com/foo", "a".repeat(63));
        assert_eq!(links(&ok, true).len(), 1);
    }

    #[test]
    fn schemeless_rules() {
        assert_eq!(links("example.com", true), ["example.com"]);
        assert_eq!(links("www.example.com", true), ["www.example.com"]);
        assert_eq!(links("t.co", true), ["t.co"]);
        assert_eq!(links("foo.co.jp", true), ["foo.co.jp"]);
        assert_eq!(
            links("example.com/path/to?search=foo", true),
            ["example.com/path/to?search=foo"]
        );
        // bare country-code domains are links too (twitter-text 3 conformance: `foo.jp`, `it.so`)
        assert_eq!(links("radwerk.de", true), ["radwerk.de"]);
        assert_eq!(links("www.radwerk.de", true), ["www.radwerk.de"]);
        assert_eq!(links("radwerk.de/winter", true), ["radwerk.de/winter"]);
        // not without scheme for Mastodon
        assert!(links("example.com", false).is_empty());
        // e-mail addresses and handles are not links
        assert!(links("mail me: jana@example.com", true).is_empty());
        assert!(links("#example.com", true).is_empty());
        // a non-ASCII name is not a schemeless link
        assert!(links("日本.com", true).is_empty());
    }

    #[test]
    fn several_links_and_tco() {
        assert_eq!(
            links("Test https://test.com test https://test.com test.com test", true),
            ["https://test.com", "https://test.com", "test.com"]
        );
        assert_eq!(links("https://t.co/abc123/more", true), ["https://t.co/abc123"]);
    }

    #[test]
    fn punycode_length_decides_idn_hosts() {
        let host_53 = "あいうえおかきくけこ".repeat(5) + "あいう";
        let host_52 = "あいうえおかきくけこ".repeat(5) + "あい";
        assert!(links(&format!("http://{host_53}.com"), true).is_empty());
        assert_eq!(links(&format!("http://{host_52}.com"), true).len(), 1);
    }

    /// URL cases of twitter-text's conformance suite (`conformance/tests/extract.yml`,
    /// section `urls`): the text and the links twitter-text extracts from it.
    const EXTRACT_CONFORMANCE: &[(&str, &[&str])] = &[
        ("http://example.com", &["http://example.com"]),
        ("http://ああ.com", &["http://ああ.com"]),
        ("http://あ-あ.com", &["http://あ-あ.com"]),
        ("text http://foobar.com/#", &["http://foobar.com/#"]),
        (
            "text http://google.com/#search?q=iphone%20-filter%3Alinks",
            &["http://google.com/#search?q=iphone%20-filter%3Alinks"],
        ),
        (
            "text http://somedomain.com/index.php?path=/abc/def/",
            &["http://somedomain.com/index.php?path=/abc/def/"],
        ),
        ("text http://somehost.com:3000", &["http://somehost.com:3000"]),
        (
            "text http://xo.com/~matthew+%ff-,.;x",
            &["http://xo.com/~matthew+%ff-,.;x"],
        ),
        ("text http://xo.com/,.;x", &["http://xo.com/,.;x"]),
        (
            "text http://en.wikipedia.org/wiki/Primer_(film)",
            &["http://en.wikipedia.org/wiki/Primer_(film)"],
        ),
        ("text http://✪df.ws/ejp", &["http://✪df.ws/ejp"]),
        (
            "test http://example.comだよね.comtest/hogehoge",
            &["http://example.com"],
        ),
        ("text http://chilp.it/?77e8fd", &["http://chilp.it/?77e8fd"]),
        (
            "text http://msdn.microsoft.com/ja-jp/library/system.net.httpwebrequest(v=VS.100).aspx",
            &["http://msdn.microsoft.com/ja-jp/library/system.net.httpwebrequest(v=VS.100).aspx"],
        ),
        (
            "text https://www.youtube.com/watch?v=LOxOAuDHzaw&list=PLPoq910Q9jXhuH6pit_KwIsck9fEz_9U-",
            &["https://www.youtube.com/watch?v=LOxOAuDHzaw&list=PLPoq910Q9jXhuH6pit_KwIsck9fEz_9U-"],
        ),
        ("text http://no-tld", &[]),
        ("text http://tld-too-short.x", &[]),
        ("(http://twitter.com", &["http://twitter.com"]),
        (
            "text http://word-and-a-number-8-ftw.domain.com/",
            &["http://word-and-a-number-8-ftw.domain.com/"],
        ),
        (
            "text http://domain.com-that-you-should-have-put-a-space-after",
            &["http://domain.com"],
        ),
        ("text http://foo.com?#foo text", &["http://foo.com?#foo"]),
        (
            "foo.com foo.net foo.org foo.edu foo.gov",
            &["foo.com", "foo.net", "foo.org", "foo.edu", "foo.gov"],
        ),
        (
            "foo.baz foo.co.jp www.xxxxxxx.baz www.foo.co.uk wwwww.xxxxxxx foo.comm foo.somecom foo.govedu foo.jp",
            &["foo.co.jp", "www.foo.co.uk", "foo.jp"],
        ),
        ("t.co/abcde bit.ly/abcde", &["t.co/abcde", "bit.ly/abcde"]),
        (
            "Go to http://example.com/a+ or http://example.com/a-",
            &["http://example.com/a+", "http://example.com/a-"],
        ),
        (
            "Go to http://example.com/view/slug-url-?foo=bar",
            &["http://example.com/view/slug-url-?foo=bar"],
        ),
        (
            "Go to https://en.m.wikipedia.org/wiki/Hatfield–McCoy_feud please",
            &["https://en.m.wikipedia.org/wiki/Hatfield–McCoy_feud"],
        ),
        ("@user Try http:// example.com/path", &["example.com/path"]),
        (
            "これは日本語です。example.com/path/index.html中国語example.com/path한국",
            &["example.com/path/index.html", "example.com/path"],
        ),
        (
            "twitter.comこれは日本語です。example.com中国語t.co/abcde한국twitter.com example2.comテストtwitter.com/abcde",
            &[
                "twitter.com",
                "example.com",
                "t.co/abcde",
                "twitter.com",
                "example2.com",
                "twitter.com/abcde",
            ],
        ),
        (
            "http://twitter.com/これは日本語です。example.com中国語http://t.co/abcde한국twitter.comテストexample2.comテストhttp://twitter.com/abcde",
            &[
                "http://twitter.com/",
                "example.com",
                "http://t.co/abcde",
                "twitter.com",
                "example2.com",
                "http://twitter.com/abcde",
            ],
        ),
        (
            "Go to http://twitter.com/Русские_слова",
            &["http://twitter.com/Русские_слова"],
        ),
        (
            "twitter.jp日本語it.so中国語foo.jp it.so foo.jp",
            &["twitter.jp", "it.so", "foo.jp", "it.so", "foo.jp"],
        ),
        ("Hello http://xn--はじめよう.com/index.html", &[]),
        (
            "MLB.tv vine.co twitch.tv t.co",
            &["MLB.tv", "vine.co", "twitch.tv", "t.co"],
        ),
        ("@user Try http://\u{A0}example.com/path", &["example.com/path"]),
        (
            "test http://sub_domain-dash.twitter.com",
            &["http://sub_domain-dash.twitter.com"],
        ),
        ("test http://a.b.cd", &["http://a.b.cd"]),
        ("test http://a_b.c-d.com", &["http://a_b.c-d.com"]),
        ("test http://a-b.c.com", &["http://a-b.c.com"]),
        (
            "http://www.bestbuy.com/site/Currie+Technologies+-+Ezip+400+Scooter/9885188.p?id=1218189013070&skuId=9885188",
            &[
                "http://www.bestbuy.com/site/Currie+Technologies+-+Ezip+400+Scooter/9885188.p?id=1218189013070&skuId=9885188",
            ],
        ),
        ("test http://-leadingdash.twitter.com", &[]),
        ("test http://leadingdash.-twitter.com", &[]),
        ("test http://trailingdash-.twitter.com", &[]),
        ("test http://trailingdash.twitter-.com", &[]),
        ("test http://_leadingunderscore.twitter.com", &[]),
        ("test http://leadingunderscore._twitter.com", &[]),
        ("test http://trailingunderscore_.twitter.com", &[]),
        ("test http://trailingunderscore.twitter_.com", &[]),
        ("test http://-twitter.com", &[]),
        ("test http://twitter-.com", &[]),
        ("test http://twitter_underscore.com", &[]),
        ("test http://twitter.c_o_m", &[]),
        (
            "test http://www.foo.com/foo/path-with-period./",
            &["http://www.foo.com/foo/path-with-period./"],
        ),
        (
            "test http://www.foo.org.za/foo/bar/688.1",
            &["http://www.foo.org.za/foo/bar/688.1"],
        ),
        (
            "test http://www.foo.com/bar-path/some.stm?param1=foo;param2=P1|0||P2|0",
            &["http://www.foo.com/bar-path/some.stm?param1=foo;param2=P1|0||P2|0"],
        ),
        (
            "test http://foo.com/bar/123/foo_&_bar/",
            &["http://foo.com/bar/123/foo_&_bar/"],
        ),
        (
            "http://www.andersondaradio.no.comunidades.net/ test test",
            &["http://www.andersondaradio.no.comunidades.net/"],
        ),
        ("test ELPAÍS.com", &["ELPAÍS.com"]),
        ("test http://twitter.com/.", &["http://twitter.com/"]),
        (
            "Test a ton of periods http://example.com/path..........................................",
            &["http://example.com/path"],
        ),
        (
            "Test a ton of periods http://example.com/,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,",
            &["http://example.com/"],
        ),
        (
            "Test a ton of periods http://example.com/path/!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
            &["http://example.com/path/"],
        ),
        (
            "#test.com @test.com #http://test.com @http://test.com #t.co/abcde @t.co/abcde",
            &[],
        ),
        (
            "I really like http://t.co/pbY2NfTZ's website",
            &["http://t.co/pbY2NfTZ"],
        ),
        (
            "Check this site out http://t.co/FNkPfmii- it's great",
            &["http://t.co/FNkPfmii"],
        ),
        (
            "According to http://t.co/ulYGBYSo: the internet is cool",
            &["http://t.co/ulYGBYSo"],
        ),
        (
            "I really like http://t.co/abcdefghijklmnopqrstuvwxyz0123456789",
            &["http://t.co/abcdefghijklmnopqrstuvwxyz0123456789"],
        ),
        (
            "I really like http://t.co/abcdefghijklmnopqrstuvwxyz012345678901234",
            &[],
        ),
        (
            "example.comてすとですtwitter.みんなです",
            &["example.com", "twitter.みんな"],
        ),
        (
            "http://twitter.com\nhttp://example.com\nhttp://example.com/path\nexample.com/path\nit.so\nit.so/abcde",
            &[
                "http://twitter.com",
                "http://example.com",
                "http://example.com/path",
                "example.com/path",
                "it.so",
                "it.so/abcde",
            ],
        ),
        (
            "$http://twitter.com $twitter.com $http://t.co/abcde $t.co/abcde $t.co $TVI.CA $RBS.CA",
            &[],
        ),
        ("long.test.tar.bz2 test.tar.bz2 tar.bz2", &[]),
        ("john.doe.gov@mail.com", &[]),
        ("john.doe.jp@mail.com", &[]),
        (
            "http://www.foo.com?referer=https://t.co/abcde http://t.co/xyzzy",
            &[
                "http://www.foo.com?referer=https://t.co/abcde",
                "http://t.co/xyzzy",
            ],
        ),
        ("http://t.co http://t.co", &["http://t.co", "http://t.co"]),
        (
            "test http://xn--ls8h.XN--ls8h.la/",
            &["http://xn--ls8h.XN--ls8h.la/"],
        ),
        (
            "test http://foobar.みんな/ http://foobar.中国/ http://foobar.پاکستان/ ",
            &[
                "http://foobar.みんな/",
                "http://foobar.中国/",
                "http://foobar.پاکستان/",
            ],
        ),
        (
            "\u{2066}\u{202A}test abcdef.com پاکستان http://twitter.com/\u{202C}\u{2069}",
            &["abcdef.com", "http://twitter.com/"],
        ),
        (
            "text https://t.co/UqIyJAJTfo?amp=1",
            &["https://t.co/UqIyJAJTfo?amp=1"],
        ),
        (
            "text https://t.co/asdfdf?a=b#123",
            &["https://t.co/asdfdf?a=b#123"],
        ),
        (
            "http://t.co/8MkmHU0k+c http://t.co/TKLp64dY.x http://t.co/8t7G3ddS#a",
            &[
                "http://t.co/8MkmHU0k",
                "http://t.co/TKLp64dY",
                "http://t.co/8t7G3ddS",
            ],
        ),
    ];

    #[test]
    fn twitter_text_extract_conformance() {
        let mut failures = Vec::new();
        for (text, expected) in EXTRACT_CONFORMANCE {
            let found = links(text, true);
            if found != *expected {
                failures.push(format!("{text:?}: got {found:?}, want {expected:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} cases differ:\n{}",
            failures.len(),
            EXTRACT_CONFORMANCE.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn long_chains_of_labels_stay_linear() {
        // Every label start of `a.a.a.…` used to try every longer domain after it, each
        // checking all its labels again: cubic, minutes for a few thousand characters.
        let started = std::time::Instant::now();
        let chain = "a.".repeat(20_000);
        assert!(find_links(&chain, true).is_empty());
        assert!(find_links_as(&format!("https://{chain}"), Dialect::Mastodon).is_empty());
        let named = format!("{}radwerk.de", "a.".repeat(1_000));
        assert_eq!(links(&named, true), [named.as_str()]);
        let too_long = format!("{chain}de");
        assert!(find_links(&too_long, true).is_empty(), "longer than a URL may be");
        let took = started.elapsed();
        assert!(took < std::time::Duration::from_secs(20), "took {took:?}");
    }

    #[test]
    fn tld_table_is_complete_and_bounded() {
        assert!(tlds().len() > 1400);
        assert!(tlds().iter().all(|t| t.chars().count() <= MAX_TLD_CHARS));
        for tld in ["com", "de", "za", "np", "みんな", "中国", "рф", "xn--p1ai"] {
            assert!(tlds().contains(tld) || tld.starts_with("xn--"), "{tld}");
        }
    }

    #[test]
    fn user_info_and_ipv4_after_a_scheme() {
        assert_eq!(
            links("http://user:PASSW0RD@example.com:8080/login.php", true),
            ["http://user:PASSW0RD@example.com:8080/login.php"]
        );
        assert_eq!(
            links("http://192.168.0.1/index.html?src=asdf", true),
            ["http://192.168.0.1/index.html?src=asdf"]
        );
        assert!(links("http://256.1.2.3/", true).is_empty());
        assert!(links("192.168.0.1", true).is_empty());
    }
}
