//! Finding links in plain text the way the networks do, so that each link can be
//! counted as the network counts it (X and Mastodon count every link as 23).
//!
//! Hand-written after twitter-text's extractor (`extractUrlsWithIndices` and the
//! regular expressions it is built from) rather than taken from a general linkifier:
//! X's count depends on its exact rules (a link must end in a known top-level domain,
//! `example.de` without a path is not a link but `example.com` is, a host label longer
//! than 63 characters after punycode makes it text), which no general crate follows.
//! Mastodon uses the same extractor with a scheme required.

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

/// Every link in `text`, in order. With `schemeless`, `example.com` and
/// `www.example.de/path` count as links too (X); without, only `http(s)://` links (Mastodon).
pub fn find_links(text: &str, schemeless: bool) -> Vec<Link> {
    if !text.contains('.') {
        return Vec::new(); // every link has a dot before its top-level domain
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let runs = label_runs(&chars);
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut links = Vec::new();
    let mut earliest = 0;
    let mut start = 0;
    while start < chars.len() {
        if start < earliest || !preceded_well(&chars, start) {
            start += 1;
            continue;
        }
        let Some(found) = match_url(&chars, &runs, start) else {
            start += 1;
            continue;
        };
        // The preceding character belongs to the next match, as in twitter-text's regex.
        earliest = found.end + 1;
        if let Some(range) = accept(&chars, &found, schemeless) {
            links.push(Link {
                range: byte_at(range.start)..byte_at(range.end),
                has_scheme: found.scheme,
            });
        }
        start = found.end.max(start + 1);
    }
    links
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
/// to at most 63 characters; schemeless links need an ASCII domain, and a bare
/// `name.cc` (country-code domain without subdomain or path) is not a link.
fn accept(chars: &[(usize, char)], c: &Candidate, schemeless: bool) -> Option<Range<usize>> {
    if !labels_encode(chars, &c.labels) || c.end - c.start > MAX_URL_LENGTH {
        return None;
    }
    if c.scheme {
        return Some(c.start..tco_end(chars, c));
    }
    let preceding = c
        .start
        .checked_sub(1)
        .and_then(|i| chars.get(i))
        .map(|&(_, ch)| ch);
    if !schemeless || matches!(preceding, Some('-' | '_' | '.' | '/')) {
        return None;
    }
    let ascii_start = ascii_domain_start(chars, c)?;
    let ascii_labels: Vec<&Range<usize>> = c.labels.iter().filter(|l| l.start >= ascii_start).collect();
    if !c.has_path && ascii_labels.len() == 2 {
        let tld = text_of(chars, ascii_labels[1].start..c.domain.end).to_lowercase();
        let name_ok = !text_of(chars, ascii_labels[0].clone()).contains('_');
        let short_cc = name_ok && is_cc_tld(&tld);
        if short_cc && tld != "co" && tld != "tv" {
            return None;
        }
    }
    let end = if c.has_path { c.end } else { c.domain.end };
    Some(ascii_start..end)
}

/// Where the ASCII-only part of a schemeless domain starts: the longest run of labels
/// before the top-level domain made of ASCII letters, digits, hyphens and Latin accents.
fn ascii_domain_start(chars: &[(usize, char)], c: &Candidate) -> Option<usize> {
    let (_tld, names) = c.labels.split_last()?;
    let mut start = None;
    for label in names.iter().rev() {
        if !text_of(chars, label.clone())
            .chars()
            .all(|ch| ch == '-' || ch.is_ascii_alphanumeric() || is_latin_accent(ch))
        {
            break;
        }
        start = Some(label.start);
    }
    start
}

/// t.co links end after their slug; longer slugs are not links at all.
fn tco_end(chars: &[(usize, char)], c: &Candidate) -> usize {
    let host = text_of(chars, c.domain.clone()).to_lowercase();
    if host != "t.co" || !c.has_path {
        return c.end;
    }
    let slug_start = c.domain.end + 1;
    let slug_len = chars[slug_start.min(chars.len())..c.end]
        .iter()
        .take_while(|(_, ch)| ch.is_ascii_alphanumeric())
        .count();
    if slug_len == 0 || slug_len > MAX_TCO_SLUG_LENGTH {
        return c.end;
    }
    slug_start + slug_len
}

/// Whether every label of the host stays within 63 characters in its punycode form.
fn labels_encode(chars: &[(usize, char)], labels: &[Range<usize>]) -> bool {
    labels.iter().all(|l| {
        let label = text_of(chars, l.clone()).to_lowercase();
        if label.is_ascii() {
            return label.len() <= MAX_LABEL_LENGTH;
        }
        idna::punycode::encode_str(&label).is_some_and(|p| p.len() + 4 <= MAX_LABEL_LENGTH)
    })
}

/// Matches the URL grammar at `start`: optional scheme, domain ending in a known
/// top-level domain, optional port, path and query.
fn match_url(chars: &[(usize, char)], runs: &[usize], start: usize) -> Option<Candidate> {
    let scheme_len = scheme_at(chars, start);
    let domain_start = start + scheme_len;
    let (labels, domain_end) = match_domain(chars, runs, domain_start)?;
    let mut end = domain_end;
    end = match_port(chars, end);
    let path_end = match_path(chars, end);
    let has_path = path_end > end;
    end = match_query(chars, path_end);
    Some(Candidate {
        start,
        scheme: scheme_len > 0,
        domain: domain_start..domain_end,
        labels,
        has_path,
        end,
    })
}

/// Length of `http://` or `https://` (any case) at `at`, or 0.
fn scheme_at(chars: &[(usize, char)], at: usize) -> usize {
    for scheme in ["https://", "http://"] {
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
fn match_domain(chars: &[(usize, char)], runs: &[usize], start: usize) -> Option<(Vec<Range<usize>>, usize)> {
    let raw = raw_labels(chars, runs, start);
    for k in (2..=raw.len()).rev() {
        let (subs, rest) = raw.split_at(k - 2);
        let (name, last) = (&rest[0], &rest[1]);
        let subs_ok = subs.iter().all(|l| label_ok(chars, l.clone(), true));
        if !subs_ok || !label_ok(chars, name.clone(), false) {
            continue;
        }
        if let Some(tld_end) = tld_prefix_end(chars, last.clone()) {
            let mut labels = raw[..k - 1].to_vec();
            labels.push(last.start..tld_end);
            return Some((labels, tld_end));
        }
    }
    None
}

/// For each char index, where the run of label characters starting there ends
/// (computed once, so trying every start position stays linear).
fn label_runs(chars: &[(usize, char)]) -> Vec<usize> {
    let mut runs = vec![chars.len(); chars.len() + 1];
    for i in (0..chars.len()).rev() {
        runs[i] = if is_label_char(chars[i].1) { runs[i + 1] } else { i };
    }
    runs
}

/// Runs of label characters separated by single dots, starting at `start`.
fn raw_labels(chars: &[(usize, char)], runs: &[usize], start: usize) -> Vec<Range<usize>> {
    let mut labels = Vec::new();
    let mut at = start;
    loop {
        let end = runs.get(at).copied().unwrap_or(at);
        if end == at {
            break;
        }
        labels.push(at..end);
        if chars.get(end).map(|&(_, c)| c) != Some('.') {
            break;
        }
        at = end + 1;
    }
    labels
}

/// Whether a label is well formed: starts and ends with a domain character; inside,
/// hyphens, and underscores only in subdomains.
fn label_ok(chars: &[(usize, char)], label: Range<usize>, subdomain: bool) -> bool {
    let text: Vec<char> = chars[label].iter().map(|&(_, c)| c).collect();
    let (Some(&first), Some(&last)) = (text.first(), text.last()) else {
        return false;
    };
    is_domain_char(first)
        && is_domain_char(last)
        && text
            .iter()
            .all(|&c| is_domain_char(c) || c == '-' || (subdomain && c == '_'))
}

/// If the label starts with a known top-level domain not followed by a letter, digit,
/// `@`, `+` or `-`, the end of that top-level domain.
fn tld_prefix_end(chars: &[(usize, char)], label: Range<usize>) -> Option<usize> {
    let text = text_of(chars, label.clone()).to_lowercase();
    if let Some(rest) = text.strip_prefix("xn--") {
        let n = rest
            .chars()
            .take_while(|c| *c == '-' || c.is_ascii_alphanumeric())
            .count();
        if n > 0 {
            return Some(label.start + 4 + n);
        }
    }
    let lowered: Vec<char> = text.chars().collect();
    if lowered.len() != label.len() {
        return None; // case folding changed the length; such labels are not TLDs
    }
    (1..=lowered.len()).rev().find_map(|n| {
        let candidate: String = lowered[..n].iter().collect();
        let next = chars.get(label.start + n).map(|&(_, c)| c);
        let boundary = !next.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '+' | '-'));
        (boundary && tlds().contains(candidate.as_str())).then_some(label.start + n)
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
    if digits == 0 { at } else { at + 1 + digits }
}

/// An optional path: `/` then path characters and balanced parentheses, ending on a
/// character that can end a path (so `example.com/foo.` leaves the period out).
fn match_path(chars: &[(usize, char)], at: usize) -> usize {
    if chars.get(at).map(|&(_, c)| c) != Some('/') {
        return at;
    }
    let mut pos = at + 1;
    let mut end = at + 1;
    while let Some(&(_, c)) = chars.get(pos) {
        if is_path_char(c) {
            pos += 1;
            if is_path_end_char(c) {
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
fn match_query(chars: &[(usize, char)], at: usize) -> usize {
    if chars.get(at).map(|&(_, c)| c) != Some('?') {
        return at;
    }
    let mut end = at;
    for (i, &(_, c)) in chars.iter().enumerate().skip(at + 1) {
        if !is_query_char(c) {
            break;
        }
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '&' | '=' | '#' | '/') {
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
    !(is_ascii_domain_punct(c) || is_space(c) || is_invalid_char(c) || is_directional_mark(c))
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

/// Unicode spaces as twitter-text lists them.
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

/// Two-letter top-level domains are country codes.
fn is_cc_tld(tld: &str) -> bool {
    tld.len() == 2 && tld.chars().all(|c| c.is_ascii_lowercase())
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
        // a bare country-code domain without path is not a link, with a subdomain or path it is
        assert!(links("radwerk.de", true).is_empty());
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
}
