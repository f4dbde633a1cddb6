//! Hosts of Mastodon's links: splitting a domain into labels, the 63-character punycode
//! limit per label, and the known top-level domains (`tlds.txt`).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use super::MAX_LABEL_LENGTH;
use super::chars::*;

/// Whether every label of the host stays within 63 characters in its punycode form.
pub(super) fn labels_encode(chars: &[(usize, char)], labels: &[Range<usize>]) -> bool {
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

/// The longest domain at `start` whose last label is a known top-level domain, with
/// subdomains that may hold `_` and a name that may not; returns its labels and end.
/// Labels come from `label_runs`; the top-level domain may be in any script (`any`).
pub(super) fn match_domain(
    chars: &[(usize, char)],
    label_runs: &[usize],
    any_runs: &[usize],
    start: usize,
) -> Option<(Vec<Range<usize>>, usize)> {
    let raw = raw_labels(chars, label_runs, start);
    for k in (2..=raw.len()).rev() {
        let (subs, rest) = raw.split_at(k - 2);
        let (name, last) = (&rest[0], &rest[1]);
        let subs_ok = subs.iter().all(|l| label_ok(chars, l.clone(), true));
        if !subs_ok || !label_ok(chars, name.clone(), false) {
            continue;
        }
        let tld_run = last.start..any_runs.get(last.start).copied().unwrap_or(last.start);
        if let Some(tld_end) = tld_prefix_end(chars, tld_run) {
            let mut labels = raw[..k - 1].to_vec();
            labels.push(last.start..tld_end);
            return Some((labels, tld_end));
        }
    }
    None
}

/// For each char index, where the run of label characters starting there ends
/// (computed once, so trying every start position stays linear).
pub(super) fn label_runs(chars: &[(usize, char)], is_label: fn(char) -> bool) -> Vec<usize> {
    let mut runs = vec![chars.len(); chars.len() + 1];
    for i in (0..chars.len()).rev() {
        runs[i] = if is_label(chars[i].1) { runs[i + 1] } else { i };
    }
    runs
}

/// Runs of label characters separated by single dots, starting at `start`.
pub(super) fn raw_labels(chars: &[(usize, char)], runs: &[usize], start: usize) -> Vec<Range<usize>> {
    let mut labels = Vec::new();
    let mut at = start;
    loop {
        let end = runs.get(at).copied().unwrap_or(at);
        if end == at {
            if at > start {
                labels.push(at..at); // after a dot: the top-level domain may be in another script
            }
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
pub(super) fn label_ok(chars: &[(usize, char)], label: Range<usize>, subdomain: bool) -> bool {
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
pub(super) const MAX_TLD_CHARS: usize = 24;

/// If the label starts with a known top-level domain not followed by an ASCII letter,
/// digit or `@`, the end of that top-level domain.
pub(super) fn tld_prefix_end(chars: &[(usize, char)], label: Range<usize>) -> Option<usize> {
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

/// The chars of `range` as a string.
pub(super) fn text_of(chars: &[(usize, char)], range: Range<usize>) -> String {
    chars
        .get(range)
        .unwrap_or_default()
        .iter()
        .map(|&(_, c)| c)
        .collect()
}

/// The known top-level domains, embedded from `tlds.txt`.
pub(super) fn tlds() -> &'static HashSet<&'static str> {
    static TLDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    TLDS.get_or_init(|| {
        include_str!("tlds.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}
