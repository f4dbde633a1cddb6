//! twitter-text 3.1.0's `extractUrlsWithIndices`, followed to the letter: X counts every
//! link it finds as 23, so a link it misses, or one it finds where twitter-text sees text,
//! puts the count off by up to 20 in either direction.
//!
//! twitter-text finds links with one JavaScript regex (`extractUrl`, flags `gi`) and then
//! filters the matches. This module walks the same grammar in the same order, on UTF-16
//! code units as JavaScript does, including the corners a general URL finder gets "right"
//! and twitter-text does not:
//!
//! - a link needs a known top-level domain (`twitter_tlds.txt`, twitter-text's own list)
//!   not followed by a letter, digit, `@`, `+` or `-` (`example.com-based` is text);
//! - user info and IP addresses are not part of the grammar (`https://user@example.com`
//!   and `http://192.168.0.1/` are text);
//! - a link may start after any character but an ASCII letter or digit, `@`, `＠`, `$`,
//!   `#` or `＃` (so `über.de` links `ber.de`, and `＠example.com` links `example.com`);
//! - without a scheme only the ASCII part of the host counts, the port and query only
//!   with a path, and a link after `-`, `_`, `.` or `/` is none;
//! - a regex match that the filters reject still consumes its text.
//!
//! JavaScript's case-insensitive matching (without the `u` flag) compares upper-case
//! forms of UTF-16 code units, never mapping a non-ASCII character to an ASCII one; the
//! character classes below are built the same way ([`Class`]).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

/// Longest URL twitter-text accepts, in UTF-16 units, counting the scheme twice when
/// there is one (`isValidUrl` adds the protocol to a URL that already holds it).
const MAX_URL_LENGTH: usize = 4096;
/// Longest t.co slug twitter-text accepts.
const MAX_TCO_SLUG_LENGTH: usize = 40;
/// Longest DNS label, checked on the punycode form.
const MAX_LABEL_LENGTH: usize = 63;
/// The scheme `isValidUrl` assumes for a link written without one.
const DEFAULT_PROTOCOL_LENGTH: usize = "https://".len();

const DOT: u16 = b'.' as u16;

/// A link as twitter-text's `parseTweet` uses it, in UTF-16 code units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TwitterUrl {
    /// The entity's `indices`.
    pub(crate) range: Range<usize>,
    /// The entity's `url.length`, which `parseTweet` skips. It is the range's length except
    /// for a schemeless link with a path whose host ends in non-ASCII text that is not part
    /// of the link (twitter-text then skips less than it linked).
    pub(crate) skip: usize,
    /// Whether it starts with `http://` or `https://`.
    pub(crate) has_scheme: bool,
}

/// Every link twitter-text extracts from `units` (a text in UTF-16), in order.
pub(crate) fn extract(units: &[u16]) -> Vec<TwitterUrl> {
    let mut urls = Vec::new();
    if !units.contains(&DOT) {
        return urls;
    }
    let text = Labels::new(units);
    let mut last_index = 0;
    while let Some(m) = exec(&text, last_index) {
        last_index = m.end;
        accept(units, &m, &mut urls);
    }
    urls
}

/// One match of twitter-text's `extractUrl` regex.
struct Match {
    /// `$2`, the character before the link (empty at the start of the text).
    before: Option<u16>,
    /// Where `$3`, the URL, starts.
    start: usize,
    /// `$4`: whether `http://` or `https://` starts the URL, and its length.
    protocol: usize,
    /// `$5`, the host.
    domain: Range<usize>,
    /// `$7`: whether a path (`/` and what follows) matched.
    path: bool,
    /// The end of the match (`lastIndex`).
    end: usize,
}

/// The body of `extractUrlsWithIndices`' loop: filters a match and records its link(s).
fn accept(units: &[u16], m: &Match, urls: &mut Vec<TwitterUrl>) {
    let url_len = m.end - m.start;
    let protocol = if m.protocol > 0 {
        m.protocol
    } else {
        DEFAULT_PROTOCOL_LENGTH
    };
    let domain = &units[m.domain.clone()];
    if !domain_encodes(domain) || protocol + url_len > MAX_URL_LENGTH {
        return;
    }
    if m.protocol == 0 {
        if m.before.is_some_and(|b| matches!(b, 0x2D | 0x5F | 0x2E | 0x2F)) {
            return; // `-`, `_`, `.`, `/` before a schemeless link
        }
        // Only ASCII domains inside the host become links (`validAsciiDomain`, global).
        let mut last: Option<TwitterUrl> = None;
        let mut search_from = 0;
        for found in ascii_domains(domain) {
            // twitter-text locates each with `indexOf` from the previous end.
            let text = &domain[found];
            let at = index_of(domain, text, search_from).unwrap_or(0);
            search_from = at + text.len();
            let url = TwitterUrl {
                range: m.start + at..m.start + search_from,
                skip: text.len(),
                has_scheme: false,
            };
            if let Some(previous) = last.replace(url) {
                urls.push(previous);
            }
        }
        let Some(mut url) = last else {
            return;
        };
        if m.path {
            // `url.replace(domain, lastUrl.url)`, and the indices run to the match's end.
            url.skip += url_len - domain.len();
            url.range.end = m.end;
        }
        urls.push(url);
    } else {
        let mut end = m.end;
        if let Some(tco) = tco_url(&units[m.start..m.end]) {
            if tco.slug > MAX_TCO_SLUG_LENGTH {
                return;
            }
            end = m.start + tco.len;
        }
        urls.push(TwitterUrl {
            range: m.start..end,
            skip: end - m.start,
            has_scheme: true,
        });
    }
}

/// `haystack.indexOf(needle, from)`.
fn index_of(haystack: &[u16], needle: &[u16], from: usize) -> Option<usize> {
    (from..=haystack.len().checked_sub(needle.len())?).find(|&i| haystack[i..].starts_with(needle))
}

/// The text with, for each code unit, where a `validDomain` starting there ends: computed
/// once from the end backwards, so that trying every start position stays linear.
struct Labels<'a> {
    units: &'a [u16],
    /// `validDomain` at each unit: the end of the domain, if one starts there.
    domain_end: Vec<Option<usize>>,
}

impl<'a> Labels<'a> {
    fn new(units: &'a [u16]) -> Labels<'a> {
        let class = &classes().domain;
        let n = units.len();
        let domain: Vec<bool> = units.iter().map(|&c| class.contains(c)).collect();
        // A label at `i` followed by a dot (domain characters at both ends; `-` inside,
        // and `_` in a subdomain): where its dot is. Labels run to the next dot, so the
        // run of label characters from `i` decides.
        let label = |i: usize, run_end: usize| {
            let ok = run_end > i && domain[i] && domain[run_end - 1] && units.get(run_end) == Some(&DOT);
            ok.then_some(run_end)
        };
        let mut tld_end: Vec<Option<Option<usize>>> = vec![None; n + 1];
        let mut domain_end = vec![None; n + 1];
        let (mut subdomain_run, mut name_run) = (n, n);
        for i in (0..n).rev() {
            let c = units[i];
            if !(domain[i] || c == HYPHEN || c == UNDERSCORE) {
                subdomain_run = i;
            }
            if !(domain[i] || c == HYPHEN) {
                name_run = i;
            }
            // `validSubdomain*` takes as many subdomains as it can and gives them back one
            // by one: the domain after this label if there is one, else this label as the
            // name before a top-level domain.
            let Some(dot) = label(i, subdomain_run) else {
                continue;
            };
            domain_end[i] = domain_end[dot + 1].or_else(|| {
                label(i, name_run)?;
                *tld_end[dot + 1].get_or_insert_with(|| tld_at(units, dot + 1, n))
            });
        }
        Labels { units, domain_end }
    }
}

const HYPHEN: u16 = b'-' as u16;
const UNDERSCORE: u16 = b'_' as u16;

/// The first match of `extractUrl` at or after `from` (JavaScript's `exec` with `lastIndex`).
fn exec(text: &Labels, from: usize) -> Option<Match> {
    let preceding = &classes().preceding;
    let units = text.units;
    for (p, &c) in units.iter().enumerate().skip(from) {
        // `(?:[^A-Za-z0-9@＠$#＃\uFFFE\uFEFF\uFFFF]|[directional marks]|^)`, in this order.
        if (preceding.contains(c) || is_directional_mark(c))
            && let Some(m) = url_at(text, p + 1, Some(c))
        {
            return Some(m);
        }
        if p == 0
            && let Some(m) = url_at(text, 0, None)
        {
            return Some(m);
        }
    }
    None
}

/// The URL part of `extractUrl` at `start`: `(https?:\/\/)?` domain, port, path, query.
fn url_at(text: &Labels, start: usize, before: Option<u16>) -> Option<Match> {
    let units = text.units;
    let protocol = protocol_at(units, start);
    let with_protocol = (protocol > 0)
        .then(|| domain_at(text, start + protocol))
        .flatten()
        .map(|end| (protocol, end));
    let (protocol, domain_end) = match with_protocol {
        Some(found) => found,
        None => (0, domain_at(text, start)?),
    };
    let mut end = domain_end;
    // `(?::([0-9]+))?`
    if units.get(end) == Some(&(b':' as u16)) {
        let digits = run(units, end + 1, |c| (0x30..=0x39).contains(&c));
        if digits > 0 {
            end += 1 + digits;
        }
    }
    // `(\/#{validUrlPath}*)?`
    let path = units.get(end) == Some(&(b'/' as u16));
    if path {
        end = path_end(units, end + 1);
    }
    // `(\?#{validUrlQueryChars}*#{validUrlQueryEndingChars})?`
    end = query_end(units, end);
    Some(Match {
        before,
        start,
        protocol,
        domain: start + protocol..domain_end,
        path,
        end,
    })
}

/// Length of `http://` or `https://` (any case) at `at`, or 0.
fn protocol_at(units: &[u16], at: usize) -> usize {
    if units.get(at).is_none_or(|&u| u | 0x20 != u16::from(b'h')) {
        return 0; // the common case, decided cheaply
    }
    let rest = &units[at..];
    ["https://", "http://"]
        .iter()
        .find(|p| starts_with_ignore_case(rest, p))
        .map_or(0, |p| p.len())
}

/// Whether `units` starts with the ASCII `prefix`, compared as JavaScript's `i` flag does
/// (which for an ASCII pattern is ASCII case-insensitivity: no other unit upper-cases to
/// ASCII under its rules).
fn starts_with_ignore_case(units: &[u16], prefix: &str) -> bool {
    units.len() >= prefix.len()
        && prefix
            .bytes()
            .zip(units)
            .all(|(p, &u)| u8::try_from(u).is_ok_and(|u| u.eq_ignore_ascii_case(&p)))
}

/// Number of code units from `at` that satisfy `test`.
fn run(units: &[u16], at: usize, test: impl Fn(u16) -> bool) -> usize {
    units
        .get(at..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&c| test(c))
        .count()
}

/// `validDomain`: `validSubdomain* validDomainName (validGTLD | validCCTLD | validPunycode)`;
/// returns where the domain ends.
fn domain_at(text: &Labels, start: usize) -> Option<usize> {
    text.domain_end.get(start).copied().flatten()
}

/// A top-level domain at `at`: the first of twitter-text's gTLDs, then ccTLDs, that matches
/// (ignoring case) and is not followed by a letter, digit, `@`, `+` or `-` before `limit`;
/// else `xn--` and punycode characters. Returns its end.
fn tld_at(units: &[u16], at: usize, limit: usize) -> Option<usize> {
    let tlds = tlds();
    let rest = &units[at.min(limit)..limit];
    let mut key = Vec::with_capacity(tlds.longest);
    let mut best: Option<(usize, usize)> = None; // (rank, end)
    for (i, &c) in rest.iter().take(tlds.longest).enumerate() {
        key.push(canonicalize(c));
        let end = at + i + 1;
        let boundary = units[..limit]
            .get(end)
            .is_none_or(|&next| !is_ascii_alnum(next) && !matches!(next, 0x40 | 0x2B | 0x2D));
        if boundary
            && let Some(&rank) = tlds.rank.get(key.as_slice())
            && best.is_none_or(|(r, _)| rank < r)
        {
            best = Some((rank, end));
        }
    }
    if let Some((_, end)) = best {
        return Some(end);
    }
    // `(?:xn--[\-0-9a-z]+)`, no boundary required.
    if starts_with_ignore_case(rest, "xn--") {
        let n = run(rest, 4, |c| c == b'-' as u16 || is_ascii_alnum(c));
        if n > 0 {
            return Some(at + 4 + n);
        }
    }
    None
}

fn is_ascii_alnum(c: u16) -> bool {
    u8::try_from(c).is_ok_and(|b| b.is_ascii_alphanumeric())
}

/// `validUrlPath*` after the path's `/`: returns where the path ends. The regex source,
/// once twitter-text has pasted its pieces together, makes each repetition one of
/// `G* (B G*)* E`, `B` and `@ G+ /` (G: path characters, B: balanced parentheses, E: a
/// path-ending character), tried in that order as JavaScript's backtracking tries them;
/// what follows the path always matches, so the first way through wins.
fn path_end(units: &[u16], at: usize) -> usize {
    let mut chains = HashMap::new();
    let mut end = at;
    // The star: repeat while a repetition matches something.
    while let Some(next) = path_segment(units, end, &mut chains)
        && next > end
    {
        end = next;
    }
    end
}

/// One `validUrlPath` at `at`: the end of the first way it matches, if any.
fn path_segment(units: &[u16], at: usize, chains: &mut HashMap<usize, Option<usize>>) -> Option<usize> {
    let c = classes();
    // G* greedy, then (B G*)* E, backtracking G* one unit at a time. With all of G* the
    // next unit is no path character, so only a B can follow; with less, the next unit is
    // a path character, so only an E can.
    let g_run = run(units, at, |u| c.path.contains(u));
    if let Some(end) = parens_then_ending(units, at + g_run, chains) {
        return Some(end);
    }
    if let Some(i) = (at..at + g_run).rev().find(|&i| c.path_ending.contains(units[i])) {
        return Some(i + 1);
    }
    // B on its own.
    if let Some(end) = balanced_parens(units, at) {
        return Some(end);
    }
    // `@ G+ /`: G+ greedy, backtracking to the last `/` (G includes `/`).
    if units.get(at) == Some(&(b'@' as u16)) {
        let g_run = run(units, at + 1, |u| c.path.contains(u));
        for g in (1..=g_run).rev() {
            if units.get(at + 1 + g) == Some(&(b'/' as u16)) {
                return Some(at + 1 + g + 1);
            }
        }
    }
    None
}

/// `(B G*)+ E` at `at`, where no E can start (`at` holds no path character): the first
/// match in backtracking order. The star takes every `B G*` it can (each G* as long as it
/// can), then the repetitions give back their G*, the last first, until a path-ending
/// character ends the match. Results are remembered by position: the repetitions of one
/// path share their chains of parentheses.
fn parens_then_ending(units: &[u16], at: usize, chains: &mut HashMap<usize, Option<usize>>) -> Option<usize> {
    let c = classes();
    // Walk the chain to its end or to a position already known.
    let mut frames = Vec::new();
    let mut pos = at;
    let mut result = loop {
        if let Some(&known) = chains.get(&pos) {
            break known;
        }
        let Some(after) = balanced_parens(units, pos) else {
            break None;
        };
        let g = run(units, after, |u| c.path.contains(u));
        frames.push((pos, after..after + g));
        pos = after + g;
    };
    for (start, g_run) in frames.into_iter().rev() {
        result = result.or_else(|| {
            g_run
                .rev()
                .find(|&i| c.path_ending.contains(units[i]))
                .map(|i| i + 1)
        });
        chains.insert(start, result);
    }
    result
}

/// `validUrlBalancedParens`: `\( (?: G+ | G* \( G+ \) G* ) \)`; returns its end.
fn balanced_parens(units: &[u16], at: usize) -> Option<usize> {
    const OPEN: u16 = b'(' as u16;
    const CLOSE: u16 = b')' as u16;
    if units.get(at) != Some(&OPEN) {
        return None;
    }
    let path = &classes().path;
    let inner = at + 1;
    // G+ then `)`: G holds no parenthesis, so only the full run can be followed by one.
    let g = run(units, inner, |u| path.contains(u));
    if g > 0 && units.get(inner + g) == Some(&CLOSE) {
        return Some(inner + g + 1);
    }
    // G* `(` G+ `)` G* `)`: again each run is followed by what must come next or nothing.
    if units.get(inner + g) != Some(&OPEN) {
        return None;
    }
    let nested = inner + g + 1;
    let g2 = run(units, nested, |u| path.contains(u));
    if g2 == 0 || units.get(nested + g2) != Some(&CLOSE) {
        return None;
    }
    let after = nested + g2 + 1;
    let g3 = run(units, after, |u| path.contains(u));
    (units.get(after + g3) == Some(&CLOSE)).then_some(after + g3 + 1)
}

/// An optional query at `at`: `?`, query characters, ending on a query-ending character.
fn query_end(units: &[u16], at: usize) -> usize {
    if units.get(at) != Some(&(b'?' as u16)) {
        return at;
    }
    let c = classes();
    let q_run = run(units, at + 1, |u| c.query.contains(u));
    (1..=q_run)
        .rev()
        .find(|&n| c.query_ending.contains(units[at + n]))
        .map_or(at, |n| at + 1 + n)
}

/// A t.co link (`validTcoUrl`): its slug's length and the length of what the regex
/// matches (scheme, host, slug, optional query).
struct Tco {
    slug: usize,
    len: usize,
}

fn tco_url(url: &[u16]) -> Option<Tco> {
    let scheme = protocol_at(url, 0);
    let host = &url[scheme..];
    if scheme == 0 || !starts_with_ignore_case(host, "t.co/") {
        return None;
    }
    let slug_at = scheme + "t.co/".len();
    let slug = run(url, slug_at, is_ascii_alnum);
    if slug == 0 {
        return None;
    }
    let end = query_end(url, slug_at + slug);
    Some(Tco { slug, len: end })
}

/// Every match of `validAsciiDomain` (flags `gi`) in a host, left to right:
/// `(?:[\-a-z0-9 latin accents]+\.)+ (gTLD | ccTLD | punycode)`, the end of the host
/// counting as a boundary.
fn ascii_domains(domain: &[u16]) -> Vec<Range<usize>> {
    let ends = ascii_domain_ends(domain);
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(m) = (from..domain.len()).find_map(|p| ends[p].map(|e| p..e)) {
        from = m.end;
        found.push(m);
    }
    found
}

/// `validAsciiDomain` at each position of a host: where the match starting there ends.
/// One or more labels, as many as possible first, then a TLD; computed backwards.
fn ascii_domain_ends(domain: &[u16]) -> Vec<Option<usize>> {
    let ascii = &classes().ascii_label;
    let n = domain.len();
    // After a label and its dot, where the labels-then-TLD part ends (most labels first).
    let mut from_label = vec![None; n + 1];
    let mut ends = vec![None; n + 1];
    let mut run_end = n;
    for i in (0..=n).rev() {
        if i < n && !ascii.contains(domain[i]) {
            run_end = i;
        }
        let next = (run_end > i && domain.get(run_end) == Some(&DOT)).then_some(run_end + 1);
        ends[i] = next.and_then(|q| from_label[q]);
        if i > 0 && domain[i - 1] == DOT {
            from_label[i] = next.and_then(|q| from_label[q]).or_else(|| tld_at(domain, i, n));
        }
    }
    ends
}

/// twitter-text's `idna.toAscii` succeeds: the host does not start with `xn--` unless it
/// holds an ASCII domain, and every label encodes (punycode.js 1.4.1 `toASCII`) to 1–63
/// characters.
fn domain_encodes(domain: &[u16]) -> bool {
    let xn = [b'x', b'n', b'-', b'-'].map(u16::from);
    if domain.starts_with(&xn) && ascii_domain_ends(domain).iter().all(Option::is_none) {
        return false;
    }
    domain.split(|&c| c == DOT).all(|label| {
        let len = to_ascii_len(label);
        (1..=MAX_LABEL_LENGTH).contains(&len)
    })
}

/// Length of punycode.js 1.4.1's `toASCII(label)`: the label split at the IDNA dots
/// (`.`, `。`, `．`, `｡`), each part kept if printable ASCII, else `xn--` and its
/// punycode, joined by dots. `usize::MAX` where punycode.js throws (overflow).
fn to_ascii_len(label: &[u16]) -> usize {
    let mut len = 0;
    for (i, part) in label
        .split(|&c| matches!(c, 0x2E | 0x3002 | 0xFF0E | 0xFF61))
        .enumerate()
    {
        len += usize::from(i > 0);
        if part.iter().all(|&c| (0x20..=0x7E).contains(&c)) {
            len += part.len();
        } else {
            // ucs2decode: surrogate pairs joined, a lone surrogate kept as its value.
            let code_points: Vec<u32> = char::decode_utf16(part.iter().copied())
                .map(|r| r.map_or_else(|e| u32::from(e.unpaired_surrogate()), u32::from))
                .collect();
            if code_points.len() > MAX_LABEL_LENGTH {
                // Punycode writes at least one character per code point: too long
                // whatever the encoding (and encoding is quadratic in the length).
                return usize::MAX;
            }
            match punycode_len(&code_points) {
                Some(n) => len += 4 + n,
                None => return usize::MAX,
            }
        }
    }
    len
}

/// Length of the punycode encoding (RFC 3492, as punycode.js 1.4.1 writes it) of
/// `input`; `None` where punycode.js reports an overflow.
fn punycode_len(input: &[u32]) -> Option<usize> {
    const BASE: u64 = 36;
    const T_MIN: u64 = 1;
    const T_MAX: u64 = 26;
    const MAX_INT: u64 = 0x7FFF_FFFF;
    let basic = input.iter().filter(|&&c| c < 0x80).count();
    let mut out = basic + usize::from(basic > 0);
    let total = input.len() as u64;
    let mut handled = basic as u64;
    let (mut n, mut delta, mut bias) = (0x80u64, 0u64, 72u64);
    while handled < total {
        let m = input.iter().map(|&c| u64::from(c)).filter(|&c| c >= n).min()?;
        if m - n > (MAX_INT - delta) / (handled + 1) {
            return None;
        }
        delta += (m - n) * (handled + 1);
        n = m;
        for &c in input {
            let c = u64::from(c);
            if c < n {
                delta += 1;
                if delta > MAX_INT {
                    return None;
                }
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out += 1;
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out += 1;
                bias = adapt(delta, handled + 1, handled == basic as u64);
                delta = 0;
                handled += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    Some(out)
}

/// Punycode's bias adaptation (RFC 3492 section 6.1).
fn adapt(delta: u64, points: u64, first: bool) -> u64 {
    const BASE_MINUS_T_MIN: u64 = 35;
    let mut delta = if first { delta / 700 } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > BASE_MINUS_T_MIN * 26 / 2 {
        delta /= BASE_MINUS_T_MIN;
        k += 36;
    }
    k + (BASE_MINUS_T_MIN + 1) * delta / (delta + 38)
}

/// JavaScript's `Canonicalize` for case-insensitive matching without the `u` flag: the
/// code unit's upper case if that is one code unit, unless it maps a non-ASCII unit to
/// ASCII (so `ſ` is not `S`, and the Kelvin sign is not `K`). Looked up in a table
/// computed once.
fn canonicalize(unit: u16) -> u16 {
    static TABLE: OnceLock<Box<[u16]>> = OnceLock::new();
    TABLE.get_or_init(|| (0..=u16::MAX).map(canonicalize_slowly).collect())[usize::from(unit)]
}

fn canonicalize_slowly(unit: u16) -> u16 {
    let Some(c) = char::from_u32(u32::from(unit)) else {
        return unit; // a surrogate
    };
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) => match u16::try_from(u32::from(u)) {
            Ok(cu) if !(unit >= 128 && cu < 128) => cu,
            _ => unit,
        },
        _ => unit,
    }
}

/// Bidirectional formatting marks (`directionalMarkersGroup`).
fn is_directional_mark(c: u16) -> bool {
    matches!(c, 0x202A..=0x202E | 0x061C | 0x200E | 0x200F | 0x2066..=0x2069)
}

/// A set of UTF-16 code units, as a regex character class under the `i` flag matches them.
struct Class(Box<[u64]>);

impl Class {
    /// The class `[members]` (or `[^members]` when `negated`) under JavaScript's
    /// case-insensitive matching: a unit matches when its canonical form is the canonical
    /// form of a member.
    fn new(members: impl Fn(u16) -> bool, negated: bool) -> Class {
        let mut canonical_members = vec![0u64; 1024];
        for unit in 0..=u16::MAX {
            if members(unit) {
                let c = canonicalize(unit);
                canonical_members[usize::from(c / 64)] |= 1 << (c % 64);
            }
        }
        let mut bits = vec![0u64; 1024];
        for unit in 0..=u16::MAX {
            let c = canonicalize(unit);
            let member = canonical_members[usize::from(c / 64)] & (1 << (c % 64)) != 0;
            if member != negated {
                bits[usize::from(unit / 64)] |= 1 << (unit % 64);
            }
        }
        Class(bits.into_boxed_slice())
    }

    fn contains(&self, unit: u16) -> bool {
        self.0[usize::from(unit / 64)] & (1 << (unit % 64)) != 0
    }
}

/// The character classes of twitter-text's URL regexes.
struct Classes {
    /// `validUrlPrecedingChars`' first alternative.
    preceding: Class,
    /// `validDomainChars`.
    domain: Class,
    /// `validGeneralUrlPathChars`.
    path: Class,
    /// `validUrlPathEndingChars`' character class.
    path_ending: Class,
    /// `validUrlQueryChars`.
    query: Class,
    /// `validUrlQueryEndingChars`.
    query_ending: Class,
    /// A label of `validAsciiDomain`: `[\-a-z0-9 latin accents]`.
    ascii_label: Class,
}

fn classes() -> &'static Classes {
    static CLASSES: OnceLock<Classes> = OnceLock::new();
    CLASSES.get_or_init(|| {
        let ascii =
            |set: &'static str| move |u: u16| u8::try_from(u).is_ok_and(|b| set.as_bytes().contains(&b));
        let alnum = |u: u16| is_ascii_alnum(u);
        let cyrillic = |u: u16| (0x400..=0x4FF).contains(&u);
        Classes {
            preceding: Class::new(
                |u| alnum(u) || ascii("@$#")(u) || matches!(u, 0xFF20 | 0xFF03 | 0xFFFE | 0xFEFF | 0xFFFF),
                true,
            ),
            domain: Class::new(
                |u| {
                    ascii("!'#%&()*+,\\-./:;<=>?@[]^_{|}~$")(u)
                        || is_space(u)
                        || matches!(u, 0xFFFE | 0xFEFF | 0xFFFF)
                        || is_directional_mark(u)
                },
                true,
            ),
            path: Class::new(
                |u| {
                    alnum(u)
                        || cyrillic(u)
                        || is_latin_accent(u)
                        || ascii("!*';:=+,.$/%#[]-_~@|&")(u)
                        || u == 0x2013
                },
                false,
            ),
            path_ending: Class::new(
                |u| alnum(u) || cyrillic(u) || is_latin_accent(u) || ascii("+-=_#/")(u),
                false,
            ),
            query: Class::new(|u| alnum(u) || ascii("!?*'@();:&=+$/%#[]-_.,~|")(u), false),
            query_ending: Class::new(|u| alnum(u) || ascii("-_&=#/")(u), false),
            ascii_label: Class::new(|u| alnum(u) || is_latin_accent(u) || u == b'-' as u16, false),
        }
    })
}

/// twitter-text's `spacesGroup`.
fn is_space(u: u16) -> bool {
    matches!(u, 0x09..=0x0D | 0x20 | 0x85 | 0xA0 | 0x1680 | 0x180E | 0x2000..=0x200A
        | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000)
}

/// twitter-text's `latinAccentChars`.
fn is_latin_accent(u: u16) -> bool {
    matches!(u, 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0xFF | 0x100..=0x24F | 0x253 | 0x254
        | 0x256 | 0x257 | 0x259 | 0x25B | 0x263 | 0x268 | 0x26F | 0x272 | 0x289 | 0x28B
        | 0x2BB | 0x300..=0x36F | 0x1E00..=0x1EFF)
}

/// FNV-1a: the TLD table's keys are a few code units, for which SipHash costs more than
/// the lookup it serves.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xCBF2_9CE4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
        }
        self.0 = hash;
    }
}

/// twitter-text's top-level domains with their rank in the regex's alternation.
struct Tlds {
    /// Canonical (upper-case) UTF-16 form → position in `twitter_tlds.txt`.
    rank: HashMap<Vec<u16>, usize, BuildHasherDefault<Fnv>>,
    /// Longest entry, in code units.
    longest: usize,
}

fn tlds() -> &'static Tlds {
    static TLDS: OnceLock<Tlds> = OnceLock::new();
    TLDS.get_or_init(|| {
        let mut rank = HashMap::default();
        let entries = include_str!("twitter_tlds.txt")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        for (i, tld) in entries.enumerate() {
            let key: Vec<u16> = tld.encode_utf16().map(canonicalize).collect();
            rank.entry(key).or_insert(i);
        }
        let longest = rank.keys().map(Vec::len).max().unwrap_or(0);
        Tlds { rank, longest }
    })
}
