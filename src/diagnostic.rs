//! Diagnostics: the one currency every stage of the pipeline pays in.
//!
//! A [`Diagnostic`] is plain serialisable data (rule, severity, file, line, column,
//! message, help). Rendering lives in [`render_human`] and [`render_json`], so the
//! same value feeds the terminal, `--format json`, the site and the dev server.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// How bad a finding is. Errors fail `check` (exit 1) and block `export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The content cannot go out like this.
    Error,
    /// Worth a look; does not fail the run.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A user's choice for a rule under `[lints]` in `touchpoint.toml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LintLevel {
    /// Drop the rule's findings.
    Allow,
    /// Report the rule's findings as warnings.
    Warn,
    /// Report the rule's findings as errors.
    Deny,
}

impl LintLevel {
    /// Parses the words users write in `[lints]`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "allow" => Some(Self::Allow),
            "warn" => Some(Self::Warn),
            "deny" => Some(Self::Deny),
            _ => None,
        }
    }
}

/// A named check with a default level; its `summary` is the user documentation
/// printed by `touchpoint rules` and listed in README.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable kebab-case name used in output and in `[lints]`.
    pub name: &'static str,
    /// Level before `[lints]` overrides.
    pub default: Severity,
    /// One sentence: what the rule finds and why it matters.
    pub summary: &'static str,
}

/// A place in a file: 1-based line and column (columns count Unicode scalar values).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Pos {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl Pos {
    /// A position; line and column start at 1.
    pub const fn new(line: u32, column: u32) -> Self {
        Pos { line, column }
    }
}

/// One finding about the content, ready to print or serialise.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// The rule's stable name.
    pub rule: &'static str,
    /// Level after `[lints]` overrides.
    pub severity: Severity,
    /// Path relative to the repository root, `/`-separated.
    pub file: String,
    /// 1-based line (0 when the finding concerns the whole repository).
    pub line: u32,
    /// 1-based column in characters.
    pub column: u32,
    /// Column just past the offending text, so renderers can underline it.
    pub end_column: u32,
    /// What is wrong, with the numbers.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The offending source line, for the human renderer and the site.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A finding of `rule` at `pos` in `file`, at the rule's default level.
    pub fn new(rule: &'static Rule, file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            rule: rule.name,
            severity: rule.default,
            file: file.to_owned(),
            line: pos.line,
            column: pos.column.max(1),
            end_column: pos.column.max(1) + 1,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    /// Adds the "how to fix it" line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets how many characters the underline spans.
    pub fn width(mut self, chars: usize) -> Self {
        self.end_column = self.column + (chars.max(1) as u32);
        self
    }

    /// Attaches the source line so renderers can show it.
    pub fn with_source_line(mut self, line: Option<&str>) -> Self {
        self.source_line = line.map(str::to_owned);
        self
    }

    /// Whether this finding fails the run.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Applies the `[lints]` table: drops allowed rules, re-levels the others.
pub fn apply_lint_levels(diagnostics: &mut Vec<Diagnostic>, lints: &BTreeMap<String, LintLevel>) {
    if lints.is_empty() {
        return;
    }
    diagnostics.retain_mut(|d| match lints.get(d.rule) {
        Some(LintLevel::Allow) => false,
        Some(LintLevel::Warn) => {
            d.severity = Severity::Warning;
            true
        }
        Some(LintLevel::Deny) => {
            d.severity = Severity::Error;
            true
        }
        None => true,
    });
}

/// Sorts findings by file, then line, column and rule: output is deterministic.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.rule, &a.message).cmp(&(&b.file, b.line, b.column, b.rule, &b.message))
    });
}

/// Counts of errors and warnings, for summaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
}

impl Summary {
    /// Counts the findings by level.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        Summary {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}

/// Renders findings the way a compiler does: level and rule, `file:line:column`,
/// the source line with the offending text underlined, then the help. Everything that
/// comes from content (message, file name, source line, help) passes through
/// [`crate::terminal::escape`] first, so no control or bidi character reaches the terminal.
pub fn render_human(diagnostics: &[Diagnostic], colour: bool) -> String {
    let renderer = if colour {
        annotate_snippets::Renderer::styled()
    } else {
        annotate_snippets::Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render_one(d, &renderer));
        out.push_str("\n\n");
    }
    out
}

/// One finding, rendered with its content escaped for the terminal.
fn render_one(d: &Diagnostic, renderer: &annotate_snippets::Renderer) -> String {
    use crate::terminal::{escape, escape_with_span};
    use annotate_snippets::{Level, Snippet};
    let level = match d.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
    };
    let (text, file) = (escape(&d.message), escape(&d.file));
    let help = d.help.as_deref().map(escape);
    let line = d.source_line.as_deref().filter(|_| d.line > 0);
    let source = line.map(|l| escape_with_span(l, char_span(l, d.column, d.end_column)));
    // Without a source line to underline (a file that is not text, say), the position goes
    // into the origin, so the finding still names its line and column.
    let origin = match (&source, d.line) {
        (None, line) if line > 0 => format!("{file}:{line}:{}", d.column).into(),
        _ => file,
    };
    let mut message = level.title(&text).id(d.rule);
    message = match &source {
        Some((line, span)) => message.snippet(
            Snippet::source(line)
                .line_start(d.line as usize)
                .origin(&origin)
                .annotation(level.span(span.clone())),
        ),
        None => message.snippet(Snippet::source("").origin(&origin)),
    };
    if let Some(help) = &help {
        message = message.footer(Level::Help.title(help));
    }
    renderer.render(message).to_string()
}

/// Byte range of 1-based character columns `[start, end)` within `line`, clamped to it.
fn char_span(line: &str, start: u32, end: u32) -> std::ops::Range<usize> {
    let byte_at = |col: u32| {
        line.char_indices()
            .nth(col.saturating_sub(1) as usize)
            .map_or(line.len(), |(i, _)| i)
    };
    let from = byte_at(start);
    let to = byte_at(end).max(from);
    if from == to && from < line.len() {
        from..from + line[from..].chars().next().map_or(0, char::len_utf8)
    } else {
        from..to
    }
}

/// The one-line totals printed after the findings.
pub fn render_summary(summary: Summary, files: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {} in {}",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(files, "file")
    )
}

/// The stable JSON form documented in README: `{"version":1,"summary":…,"diagnostics":[…]}`.
pub fn render_json(diagnostics: &[Diagnostic]) -> String {
    #[derive(Serialize)]
    struct Report<'a> {
        version: u32,
        summary: Summary,
        diagnostics: &'a [Diagnostic],
    }
    let report = Report {
        version: 1,
        summary: Summary::of(diagnostics),
        diagnostics,
    };
    serde_json::to_string_pretty(&report).unwrap_or_default()
}

/// 2431 → "2,431": how findings and `touchpoint count` write numbers.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: Rule = Rule {
        name: "demo-rule",
        default: Severity::Warning,
        summary: "demo",
    };

    #[test]
    fn lint_levels_drop_and_relevel() {
        let mut diags = vec![Diagnostic::new(&RULE, "a.md", Pos::new(1, 1), "m")];
        let mut lints = BTreeMap::new();
        lints.insert("demo-rule".to_owned(), LintLevel::Deny);
        apply_lint_levels(&mut diags, &lints);
        assert_eq!(diags[0].severity, Severity::Error);
        lints.insert("demo-rule".to_owned(), LintLevel::Allow);
        apply_lint_levels(&mut diags, &lints);
        assert!(diags.is_empty());
    }

    #[test]
    fn human_output_names_file_line_column_and_underlines() {
        let d = Diagnostic::new(&RULE, "posts/a.md", Pos::new(3, 10), "too long")
            .width(3)
            .help("shorten it")
            .with_source_line(Some("pillar = \"wrk\""));
        let out = render_human(&[d], false);
        assert!(out.contains("warning[demo-rule]: too long"), "{out}");
        assert!(out.contains("posts/a.md:3:10"), "{out}");
        assert!(out.contains("---"), "{out}");
        assert!(out.contains("help: shorten it"), "{out}");
    }

    #[test]
    fn human_output_without_a_source_line_still_names_line_and_column() {
        let d = Diagnostic::new(&RULE, "posts/a.md", Pos::new(2, 10), "not text");
        let out = render_human(&[d], false);
        assert!(out.contains("posts/a.md:2:10"), "{out}");
        let whole_file = Diagnostic::new(&RULE, "posts/a.md", Pos::new(0, 1), "unreadable");
        let out = render_human(&[whole_file], false);
        assert!(out.contains("posts/a.md\n") && !out.contains("a.md:0"), "{out:?}");
    }

    #[test]
    fn human_output_escapes_control_and_bidi_characters() {
        let d = Diagnostic::new(
            &RULE,
            "posts/\u{1b}]8;;x\u{7}.md",
            Pos::new(2, 13),
            "unknown `a\u{1b}[2Jb\u{202e}c`",
        )
        .width(8)
        .help("known: a\u{9b}b")
        .with_source_line(Some("campaign = \"a\u{1b}[2Jb\u{202e}c\""));
        for colour in [false, true] {
            let out = render_human(std::slice::from_ref(&d), colour);
            let raw: Vec<char> = out
                .chars()
                .filter(|c| crate::terminal::is_unsafe(*c) && *c != '\n')
                .collect();
            let expected_colour = if colour {
                raw.iter().all(|c| *c == '\u{1b}')
            } else {
                raw.is_empty()
            };
            assert!(expected_colour, "{out:?}");
            assert!(out.contains("a\\u{1b}[2Jb\\u{202e}c"), "{out}");
            assert!(out.contains("posts/\\u{1b}]8;;x\\u{7}.md:2:13"), "{out}");
            assert!(out.contains("known: a\\u{9b}b"), "{out}");
        }
        let plain = render_human(&[d], false);
        assert!(
            !plain.contains('\u{1b}') && !plain.contains('\u{202e}'),
            "{plain:?}"
        );
    }

    #[test]
    fn char_span_handles_multibyte_and_out_of_range() {
        assert_eq!(char_span("äb", 2, 3), 2..3);
        assert_eq!(char_span("ab", 9, 10), 2..2);
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(2431), "2,431");
        assert_eq!(thousands(63_206), "63,206");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
