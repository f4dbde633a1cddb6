//! Cells that are safe to open in a spreadsheet: the one place where Touchpoint's CSV
//! writers defuse formula injection and its CSV readers undo it.
//!
//! A spreadsheet (Excel, LibreOffice, Google Sheets) that opens a CSV runs a cell starting
//! with `=`, `+`, `-` or `@` as a formula, and a leading tab or carriage return can hide
//! such a start. A caption written by anyone could then compute, fetch a URL or run a
//! command on the reviewer's machine. As OWASP recommends ("CSV Injection"), such a cell
//! is written with a leading `'`, which spreadsheets read as "this is text".
//!
//! Two choices, documented in README (export, Guarantees):
//! - A cell that is entirely a decimal number (`-3`, `+2`, `-0.5`) is left alone: a
//!   spreadsheet reads it as that number, never as a formula, and numeric columns stay
//!   numbers.
//! - A cell that already starts with `'`s followed by a formula start (`'=1`) gets one
//!   more `'`, so that [`restore`] (which removes exactly one) gives back every text
//!   unchanged: `restore(&neutralise(s)) == s` for every string.
//!
//! Exports meant to be posted as they are (scheduler profiles, a later issue) must not
//! alter the text; they use [`FormulaPolicy::Warn`] and report [`Guarded::starts_like_formula`].

use std::borrow::Cow;

/// The first characters that make a spreadsheet treat a cell as a formula (OWASP).
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The prefix that marks a cell as text in a spreadsheet.
pub const TEXT_PREFIX: char = '\'';

/// What a CSV writer does with a cell that starts like a formula.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormulaPolicy {
    /// Prefix it with `'` (files meant for spreadsheets: the queue CSV, the site's CSV).
    Neutralise,
    /// Keep it exactly as it will be posted and let the caller warn (scheduler profiles).
    Warn,
}

/// A cell ready to be written, and whether its text started like a formula.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guarded<'a> {
    /// The text to write.
    pub text: Cow<'a, str>,
    /// The original text started like a formula (with [`FormulaPolicy::Warn`]: a warning
    /// that names the post).
    pub starts_like_formula: bool,
}

/// Prepares one cell for a CSV file according to `policy`; every writer goes through here.
pub fn guard(cell: &str, policy: FormulaPolicy) -> Guarded<'_> {
    let risky = needs_prefix(cell);
    let text = match policy {
        FormulaPolicy::Neutralise if risky => Cow::Owned(format!("{TEXT_PREFIX}{cell}")),
        _ => Cow::Borrowed(cell),
    };
    Guarded {
        text,
        starts_like_formula: risky && starts_with_formula_char(cell),
    }
}

/// The cell as a spreadsheet-bound CSV file writes it: `=1+2` becomes `'=1+2`.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    guard(cell, FormulaPolicy::Neutralise).text
}

/// Undoes [`neutralise`]: removes one leading `'` where `neutralise` would have added it
/// (`'=1+2` becomes `=1+2`); any other cell is returned unchanged.
pub fn restore(cell: &str) -> Cow<'_, str> {
    match cell.strip_prefix(TEXT_PREFIX) {
        Some(rest) if needs_prefix(rest) => Cow::Borrowed(rest),
        _ => Cow::Borrowed(cell),
    }
}

/// Whether [`neutralise`] prefixes the cell: it starts (after any `'`s) with a formula
/// character and is not a plain number.
fn needs_prefix(cell: &str) -> bool {
    let bare = cell.trim_start_matches(TEXT_PREFIX);
    starts_with_formula_char(bare) && !is_plain_number(bare)
}

fn starts_with_formula_char(cell: &str) -> bool {
    cell.starts_with(FORMULA_STARTS)
}

/// `-3`, `+2`, `-0.5`: an optional sign, digits, an optional fraction; nothing else.
fn is_plain_number(cell: &str) -> bool {
    let unsigned = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formula_start_gets_a_quote() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(neutralise("+1+2"), "'+1+2");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\t=1"), "'\t=1");
        assert_eq!(neutralise("\r=1"), "'\r=1");
        assert_eq!(neutralise("-"), "'-");
        assert_eq!(neutralise("- a list item"), "'- a list item");
    }

    #[test]
    fn plain_text_and_plain_numbers_are_left_alone() {
        for cell in [
            "", "Hello", "a=b", " =1", "#tag", "'quoted", "3", "-3", "+2", "-0.5", "12.50",
        ] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn a_text_that_already_looks_neutralised_gets_one_more_quote() {
        assert_eq!(neutralise("'=1"), "''=1");
        assert_eq!(neutralise("''-x"), "'''-x");
        assert_eq!(neutralise("'-3"), "'-3");
    }

    #[test]
    fn restore_removes_exactly_the_added_quote() {
        assert_eq!(restore("'=1+2"), "=1+2");
        assert_eq!(restore("''=1"), "'=1");
        assert_eq!(restore("'-"), "-");
        assert_eq!(restore("'quoted"), "'quoted");
        assert_eq!(restore("'-3"), "'-3");
        assert_eq!(restore("plain"), "plain");
    }

    /// Every string over an alphabet of the characters that matter, up to length 4
    /// (9^4 + ... = 7,380 strings), plus pseudo-random longer ones: neutralising and
    /// restoring gives the text back, and no neutralised cell starts like a formula.
    #[test]
    fn restore_undoes_neutralise_for_every_string() {
        const ALPHABET: [char; 9] = ['=', '+', '-', '@', '\t', '\r', '\'', '1', 'a'];
        let mut cells = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..4 {
            frontier = frontier
                .iter()
                .flat_map(|s| ALPHABET.iter().map(move |c| format!("{s}{c}")))
                .collect();
            cells.extend(frontier.iter().cloned());
        }
        cells.extend(pseudo_random_cells(2000));
        for cell in &cells {
            let written = neutralise(cell);
            assert_eq!(
                restore(&written),
                cell.as_str(),
                "{cell:?} written as {written:?}"
            );
            let formula = written.starts_with(FORMULA_STARTS) && !is_plain_number(&written);
            assert!(!formula, "{cell:?} written as {written:?}");
        }
    }

    /// Deterministic strings of length 5..=24 from a small linear congruential generator.
    fn pseudo_random_cells(count: usize) -> Vec<String> {
        const CHARS: [char; 14] = [
            '=', '+', '-', '@', '\t', '\r', '\'', '1', '.', 'a', ' ', '"', ',', 'ä',
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (state >> 33) as usize
        };
        (0..count)
            .map(|_| {
                let len = 5 + next() % 20;
                (0..len).map(|_| CHARS[next() % CHARS.len()]).collect()
            })
            .collect()
    }

    #[test]
    fn warn_policy_keeps_the_text_and_flags_it() {
        let guarded = guard("=1+2", FormulaPolicy::Warn);
        assert_eq!(guarded.text, "=1+2");
        assert!(guarded.starts_like_formula);
        assert!(!guard("-3", FormulaPolicy::Warn).starts_like_formula);
        assert!(!guard("hello", FormulaPolicy::Warn).starts_like_formula);
    }
}
