//! Typed readers over [`Node`] trees that report problems instead of failing.
//!
//! Every reader returns `Option`/empty on bad input and records a diagnostic at the
//! exact key or value, so one file yields all its problems in one run.

use chrono::NaiveDate;

use super::node::{Entry, Node, Value};
use crate::diagnostic::{Diagnostic, Pos, Rule, Severity};
use crate::model::Spanned;
use crate::platform::Platform;
use crate::suggest::did_you_mean;

/// A key this version of Touchpoint does not read (typo, or a key from elsewhere).
pub const UNKNOWN_KEY: Rule = Rule {
    name: "unknown-key",
    default: Severity::Warning,
    summary: "A key that the format does not define; usually a typo. The value is ignored.",
};
/// A value of the wrong kind, such as a string where a list is expected.
pub const WRONG_TYPE: Rule = Rule {
    name: "wrong-type",
    default: Severity::Error,
    summary: "A value of the wrong kind (a string where a list belongs, a number in quotes, ...).",
};
/// A required key is absent.
pub const MISSING_KEY: Rule = Rule {
    name: "missing-key",
    default: Severity::Error,
    summary: "A required key is missing (for example a post's `title`, `platforms` or `publish_at`).",
};
/// A value of the right kind that is not allowed (bad date, unknown status, ...).
pub const INVALID_VALUE: Rule = Rule {
    name: "invalid-value",
    default: Severity::Error,
    summary: "A value that is not allowed: an unknown status, a malformed date, a negative share, ...",
};
/// A platform name Touchpoint does not know.
pub const UNKNOWN_PLATFORM: Rule = Rule {
    name: "unknown-platform",
    default: Severity::Error,
    summary: "A platform name that is not one of Touchpoint's twelve networks.",
};

/// The rules this module reports.
pub const RULES: &[&Rule] = &[
    &UNKNOWN_KEY,
    &WRONG_TYPE,
    &MISSING_KEY,
    &INVALID_VALUE,
    &UNKNOWN_PLATFORM,
];

/// Collects the findings for one file while its front matter is read.
pub struct Reader<'a> {
    /// Repository-relative path of the file being read.
    pub file: &'a str,
    /// Findings so far.
    pub diagnostics: Vec<Diagnostic>,
}

/// A table being read: remembers the keys it defines so the rest can be reported.
pub struct Table<'n> {
    /// The table's entries in file order.
    pub entries: &'n [Entry],
    /// Where the table starts (missing keys are reported here).
    pub pos: Pos,
}

impl<'n> Table<'n> {
    /// The entry for `key`, if written.
    pub fn get(&self, key: &str) -> Option<&'n Entry> {
        self.entries.iter().find(|e| e.key == key)
    }
}

impl<'a> Reader<'a> {
    /// A reader for `file`.
    pub fn new(file: &'a str) -> Self {
        Reader {
            file,
            diagnostics: Vec::new(),
        }
    }

    /// Records a finding at `pos`.
    pub fn report(&mut self, rule: &'static Rule, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::new(rule, self.file, pos, message));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    /// Records a finding with a help line.
    pub fn report_help(
        &mut self,
        rule: &'static Rule,
        pos: Pos,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let d = self.report(rule, pos, message);
        d.help = Some(help.into());
    }

    fn wrong_type(&mut self, key: &str, node: &Node, expected: &str) {
        self.report_help(
            &WRONG_TYPE,
            node.pos,
            format!("`{key}` is {}, expected {expected}", node.value.kind_name()),
            format!("write `{key}` as {expected}"),
        );
    }

    /// Views `node` as a table, reporting a wrong type otherwise.
    pub fn table<'n>(&mut self, key: &str, node: &'n Node) -> Option<Table<'n>> {
        match &node.value {
            Value::Table(entries) => Some(Table {
                entries,
                pos: node.pos,
            }),
            _ => {
                self.wrong_type(key, node, "a table");
                None
            }
        }
    }

    /// Reports every key of `table` that is neither in `known` nor accepted by `also`.
    pub fn unknown_keys(&mut self, table: &Table<'_>, known: &[&str], also: impl Fn(&str) -> bool) {
        for entry in table.entries {
            if known.contains(&entry.key.as_str()) || also(&entry.key) {
                continue;
            }
            let width = entry.key.chars().count();
            let mut help = format!("known keys here: {}", known.join(", "));
            if let Some(close) = did_you_mean(&entry.key, known.iter().copied()) {
                help = format!("did you mean `{close}`?");
            }
            let d = self.report(
                &UNKNOWN_KEY,
                entry.key_pos,
                format!("unknown key `{}`", entry.key),
            );
            d.help = Some(help);
            d.end_column = d.column + width as u32;
        }
    }

    /// Reports a missing required key.
    pub fn missing(&mut self, table: &Table<'_>, key: &str, what: &str) {
        self.report_help(
            &MISSING_KEY,
            table.pos,
            format!("missing required key `{key}`"),
            format!("add `{key}` ({what})"),
        );
    }

    /// A required key's entry, reporting it missing otherwise.
    pub fn require<'n>(&mut self, table: &Table<'n>, key: &str, what: &str) -> Option<&'n Entry> {
        let entry = table.get(key);
        if entry.is_none() {
            self.missing(table, key, what);
        }
        entry
    }

    /// A string value.
    pub fn string(&mut self, entry: &Entry) -> Option<Spanned<String>> {
        self.string_node(&entry.key, &entry.node)
    }

    /// A string value of a node inside a list or table.
    pub fn string_node(&mut self, key: &str, node: &Node) -> Option<Spanned<String>> {
        match &node.value {
            Value::Str(s) => Some(Spanned::new(s.clone(), node.pos)),
            _ => {
                self.wrong_type(key, node, "a string");
                None
            }
        }
    }

    /// A list of strings; wrong items are reported one by one.
    pub fn strings(&mut self, entry: &Entry) -> Vec<Spanned<String>> {
        self.list(entry)
            .iter()
            .filter_map(|n| self.string_node(&entry.key, n))
            .collect()
    }

    /// The items of a list value (a single string is accepted as a one-item list of it
    /// by callers that want that; here it is a type error).
    pub fn list<'n>(&mut self, entry: &'n Entry) -> &'n [Node] {
        match &entry.node.value {
            Value::List(items) => items,
            _ => {
                self.wrong_type(&entry.key, &entry.node, "a list");
                &[]
            }
        }
    }

    /// A boolean.
    pub fn bool(&mut self, entry: &Entry) -> Option<bool> {
        match entry.node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_type(&entry.key, &entry.node, "`true` or `false`");
                None
            }
        }
    }

    /// A whole number that is not negative.
    pub fn count(&mut self, entry: &Entry) -> Option<u32> {
        match entry.node.value {
            Value::Int(i) if (0..=u32::MAX as i64).contains(&i) => Some(i as u32),
            Value::Int(i) => {
                self.report(
                    &INVALID_VALUE,
                    entry.node.pos,
                    format!("`{}` must be 0 or more, not {i}", entry.key),
                );
                None
            }
            _ => {
                self.wrong_type(&entry.key, &entry.node, "a whole number");
                None
            }
        }
    }

    /// A number (whole or with a fraction) that is finite.
    pub fn number(&mut self, entry: &Entry) -> Option<f64> {
        match entry.node.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) if f.is_finite() => Some(f),
            _ => {
                self.wrong_type(&entry.key, &entry.node, "a number");
                None
            }
        }
    }

    /// A calendar date `YYYY-MM-DD`, written bare (TOML) or as text (YAML).
    pub fn date(&mut self, entry: &Entry) -> Option<Spanned<NaiveDate>> {
        let text = match &entry.node.value {
            Value::Str(s) | Value::Datetime(s) => s.as_str(),
            _ => {
                self.wrong_type(&entry.key, &entry.node, "a date (YYYY-MM-DD)");
                return None;
            }
        };
        match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
            Ok(date) => Some(Spanned::new(date, entry.node.pos)),
            Err(_) => {
                self.report_help(
                    &INVALID_VALUE,
                    entry.node.pos,
                    format!("`{}` = `{text}` is not a date", entry.key),
                    "write dates as YYYY-MM-DD, for example 2026-12-01",
                );
                None
            }
        }
    }

    /// One of a fixed set of words.
    pub fn choice(&mut self, entry: &Entry, choices: &[&str]) -> Option<Spanned<String>> {
        let value = self.string(entry)?;
        if choices.contains(&value.value.as_str()) {
            return Some(value);
        }
        let help = match did_you_mean(&value.value, choices.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("use one of: {}", choices.join(", ")),
        };
        self.report_help(
            &INVALID_VALUE,
            value.pos,
            format!(
                "`{}` = \"{}\" is not one of {}",
                entry.key,
                value.value,
                choices.join(", ")
            ),
            help,
        );
        None
    }

    /// A platform name, reported when unknown.
    pub fn platform(&mut self, name: &Spanned<String>) -> Option<Spanned<Platform>> {
        if let Some(p) = Platform::from_name(&name.value) {
            return Some(Spanned::new(p, name.pos));
        }
        let help = match did_you_mean(&name.value, Platform::names()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!(
                "platforms are: {}",
                Platform::names().collect::<Vec<_>>().join(", ")
            ),
        };
        let width = name.value.chars().count() + 2;
        let d = self.report(
            &UNKNOWN_PLATFORM,
            name.pos,
            format!("unknown platform `{}`", name.value),
        );
        d.help = Some(help);
        d.end_column = d.column + width as u32;
        None
    }

    /// A list of platform names.
    pub fn platforms(&mut self, entry: &Entry) -> Vec<Spanned<Platform>> {
        let names = self.strings(entry);
        names.iter().filter_map(|n| self.platform(n)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::node::parse_toml;

    #[test]
    fn unknown_key_suggests_close_name() {
        let node = parse_toml("titel = \"x\"\n", 2).unwrap();
        let mut r = Reader::new("posts/a.md");
        let t = r.table("front matter", &node).unwrap();
        r.unknown_keys(&t, &["title", "status"], |_| false);
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].line, 2);
        assert_eq!(r.diagnostics[0].help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn wrong_type_and_bad_date_are_reported_at_their_line() {
        let node = parse_toml("a = 1\nb = \"2026-13-01\"\n", 1).unwrap();
        let mut r = Reader::new("f");
        let t = r.table("", &node).unwrap();
        assert!(r.string(t.get("a").unwrap()).is_none());
        assert!(r.date(t.get("b").unwrap()).is_none());
        let rules: Vec<_> = r.diagnostics.iter().map(|d| (d.rule, d.line)).collect();
        assert_eq!(rules, vec![("wrong-type", 1), ("invalid-value", 2)]);
    }

    #[test]
    fn unknown_platform_suggests() {
        let node = parse_toml("platforms = [\"instagarm\"]\n", 1).unwrap();
        let mut r = Reader::new("f");
        let t = r.table("", &node).unwrap();
        assert!(r.platforms(t.get("platforms").unwrap()).is_empty());
        assert_eq!(
            r.diagnostics[0].help.as_deref(),
            Some("did you mean `instagram`?")
        );
    }
}
