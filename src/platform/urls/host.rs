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
/// `domains` remembers what [`domain_at`] found, per start, for these `label_runs`.
pub(super) fn match_domain(
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
pub(super) fn label_runs(chars: &[(usize, char)], is_label: fn(char) -> bool) -> Vec<usize> {
    let mut runs = vec![chars.len(); chars.len() + 1];
    for i in (0..chars.len()).rev() {
        runs[i] = if is_label(chars[i].1) { runs[i + 1] } else { i };
    }
    runs
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
